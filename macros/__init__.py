"""mkdocs-macros entry point: wires the plan's macros, and nothing else.

The work is done by plain functions of the packages (``pages.site.Site``),
testable without MkDocs. Data is read and validated once per build (and
cached per process while the files do not change); any data error stops
the build with the full French report. Imports are made inside the hooks,
so that the ``pnt`` command never loads Jinja or openpyxl for nothing.
"""

from __future__ import annotations

import logging

# The template's version (pyproject.toml reads it here): written into each
# territory's open data (donnees/datapackage.json, « pnt:version »), so that a
# regional view knows which format a package is in (outputs/datapackage.py).
__version__ = "0.1.0"
from pathlib import Path

log = logging.getLogger("mkdocs.plugins.pnt")


def _only_macros_problems(record: logging.LogRecord) -> bool:
    """mkdocs-macros lists, in English and at every build, the modules,
    variables and macros it found (« [macros] - Config variables: … »), with no
    option to stop it: only its warnings and errors reach the author, all of
    it with ``mkdocs build --verbose``."""
    return (record.levelno >= logging.WARNING
            or logging.getLogger("mkdocs").isEnabledFor(logging.DEBUG))


# Installed on import: mkdocs-macros imports this package before its first line.
logging.getLogger("mkdocs.plugins.mkdocs_macros.util").addFilter(_only_macros_problems)


def _project_root(env) -> Path:
    """The project folder, whichever engine builds (``engine.project_root``)."""
    from .engine import project_root

    return project_root(env.conf)


def define_env(env):
    from mkdocs.exceptions import PluginError

    from . import serving
    from .pages import errors, example, site_config, views
    from .pages.open_data import open_data_view
    from .pages.render import render, start_build
    from .pages.site import PLAN_PAGES, site_for
    from .reading import loader, problems

    start_build(keep=serving.serves())  # served: outputs reused while their views are the same
    root = _project_root(env)
    loaded = loader.load(root)
    view = views.for_build(env.conf, loaded.is_example)
    site_config.apply(env.conf, loaded, view)
    if loaded.errors:
        if not view.is_preview:
            raise PluginError("Les données du plan contiennent des erreurs :\n"
                              + problems.report(loaded.problems))
        # The preview keeps running: every page shows the errors until they are fixed.
        log.info("Les données du plan contiennent des erreurs :\n%s",
                 problems.report(loaded.problems))
        errors.show_instead_of_pages(env, loaded.problems)
        return
    for warning in loaded.warnings:
        log.info("Avertissement : %s", warning)
    site = site_for(loaded, env.conf.get("use_directory_urls", True), view)
    if not env.conf.get("pnt_imprime", False):
        # The open data (workbooks above all) is made here, once per data set,
        # not while the « Données ouvertes » page renders; a PDF needs none.
        from .outputs import opendata

        opendata.prepare(loaded)

    def url():
        return env.page.url

    @env.macro
    def grille(cle: str) -> str:
        """Une grille de la démarche : les lignes du territoire, ou une grille vierge."""
        return site.grid(cle, url())

    @env.macro
    def exemple(etape: int) -> str:
        """Comment le territoire fictif d'exemple a mené une étape (toujours exemple/)."""
        return example.summary(loader.load_example(root), etape)

    @env.macro
    def plan_entete() -> str:
        """Sous le titre du plan : son slogan et le lien vers son document original."""
        return site.header(url())

    @env.macro
    def plan_presentation() -> str:
        """L'accueil du plan : le territoire, sa vision, ses orientations, ses chiffres."""
        return site.presentation(url())

    for name in PLAN_PAGES:  # plan_diagnostic, plan_besoins, plan_projets, plan_indicateurs,
        # plan_tracabilite
        env.macro(lambda name=name: site.plan_page(name, url()), name)

    @env.macro
    def plan_titre() -> str:
        """Le titre de l'accueil du plan : le nom du territoire."""
        return site.title()

    @env.macro
    def plan_equipe() -> str:
        """Qui a fait ce plan : avant-propos, crédits, instances et leurs membres."""
        return site.team(url())

    @env.macro
    def a_propos() -> str:
        """Les sources du plan, la licence de ses données, le gabarit."""
        return site.about(url())

    @env.macro
    def demarche(etape: int = 0) -> str:
        """La démarche telle que le territoire l'a vécue : une étape, ou les dix (0)."""
        return site.story(etape, url())

    @env.macro
    def avancement() -> str:
        """L'avancement de la démarche, étape par étape."""
        return site.progress(url())

    @env.macro
    def donnees_ouvertes() -> str:
        """Les fichiers de données ouvertes (CSV, JSON, Excel), leur licence et leur fiche."""
        view = open_data_view(loaded, Path(env.conf["docs_dir"]), site.linker(url()))
        return render("plan/open_data.html", v=view)

    @env.macro
    def trousse_liste() -> str:
        """Les grilles des dix étapes, chacune liée à son chapitre."""
        return site.kit(url())

    @env.macro
    def telechargement(genre: str) -> str:
        """Lien vers le PDF du plan (« plan ») ou de la trousse (« trousse »)."""
        return site.download(genre, root, url())

    @env.macro
    def graphique(nom: str, identifiant=None) -> str:
        """Un graphique du plan (SVG produit à la construction) et ses données.

        Noms : ceux de ``charts.CHARTS``, et « indicateur » avec l'identifiant,
        p. ex. graphique("indicateur", "I-01")."""
        return site.chart(nom, url(), identifiant)

    @env.macro
    def rapport_annuel(annee: int) -> str:
        """Le rapport annuel d'une année qui a des données de suivi."""
        return site.annual_report(annee, root, url(), env.conf.get("pnt_imprime", False))

    @env.macro
    def a_mettre_a_jour() -> str:
        """Pour l'équipe du plan : par responsable, les actions et les indicateurs à
        mettre à jour, quoi inscrire et où."""
        return site.updates(url())

    @env.macro
    def suivi_du_plan() -> str:
        """La page « Suivi du plan » : projets, indicateurs, reddition, changements."""
        return site.follow_up(url())


def on_post_build(env):
    """After the build: copy the PDFs into the site, write CNAME for a custom
    domain, and the open data (CSV, JSON, workbooks) under donnees/."""
    from mkdocs.exceptions import PluginError

    from . import serving
    from .outputs.files import WriteError
    from .outputs.finish import finish_site
    from .reading import loader

    root, site_dir = _project_root(env), Path(env.conf["site_dir"])
    try:  # the same step as « .venv/bin/pnt completer-site », for engines without this hook
        finish_site(root, site_dir, loader.load(root), cut_stylesheets=not serving.serves())
    except WriteError as error:
        raise PluginError(f"Le site n'a pu être écrit en entier : {error.path} ne peut "
                          f"être écrit ({error.cause}) : {error.remedy}, puis relancer la "
                          "construction.") from None


def on_pre_page_macros(env):
    """Each page's macros compiled once (not at every build); in the preview
    of invalid data, the page's own macros are not run."""
    from .pages import errors
    from .pages.compiled import compile_pages_once

    compile_pages_once(env.env)  # made after define_env: here, before the first page
    errors.before_macros(env)


def on_post_page_macros(env):
    """In the preview of invalid data: the page shows the errors instead."""
    from .pages import errors

    errors.after_macros(env)
