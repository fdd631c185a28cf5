"""mkdocs-macros entry point: wires the plan's macros, and nothing else.

The work is done by plain functions of the packages (``pages.site.Site``),
testable without MkDocs. Data is read and validated once per build (and
cached per process while the files do not change); any data error stops
the build with the full French report. Imports are made inside the hooks,
so that the ``pnt`` command never loads Jinja or openpyxl for nothing.
"""

from __future__ import annotations

import logging
from pathlib import Path

log = logging.getLogger("mkdocs.plugins.pnt")


def _project_root(env) -> Path:
    return Path(env.conf["config_file_path"]).resolve().parent


def define_env(env):
    from mkdocs.exceptions import PluginError

    from .pages import example, site_config
    from .pages.open_data import open_data_view
    from .pages.render import render
    from .pages.site import PLAN_PAGES, site_for
    from .reading import loader, problems

    root = _project_root(env)
    loaded = loader.load(root)
    if loaded.errors:
        raise PluginError("Les données du plan contiennent des erreurs :\n"
                          + problems.report(loaded.problems))
    for warning in loaded.warnings:
        log.info("Avertissement : %s", warning)
    site_config.apply(env.conf, loaded)
    site = site_for(loaded, env.conf.get("use_directory_urls", True))

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
    def suivi_du_plan() -> str:
        """La page « Suivi du plan » : projets, indicateurs, reddition, changements."""
        return site.follow_up(url())


def on_post_build(env):
    """After the build: copy the PDFs into the site, write CNAME for a custom
    domain, and the open data (CSV, JSON, workbooks) under donnees/."""
    from mkdocs.exceptions import PluginError

    from .outputs import opendata, publish
    from .outputs.files import WriteError
    from .reading import loader

    root, site_dir = _project_root(env), Path(env.conf["site_dir"])
    try:
        publish.copy_downloads(root, site_dir)
        publish.write_cname(site_dir, env.conf.get("site_url") or "")
        opendata.write_files(site_dir, opendata.files_for(loader.load(root)))
    except WriteError as error:
        raise PluginError(f"Le site n'a pu être écrit en entier : {error.path} ne peut "
                          f"être écrit ({error.cause}) : {error.remedy}, puis relancer la "
                          "construction.") from None
