"""mkdocs-macros entry point: wires the plan's macros, and nothing else.

The work is done by plain functions of this package (see ``render.Site``),
testable without MkDocs. Data is read and validated once per build (and
cached per process while the files do not change); any data error stops
the build with the full French report.
"""

from __future__ import annotations

import logging
from pathlib import Path

from . import loader, problems, publish, render, site_config
from . import example_view
from . import opendata

log = logging.getLogger("mkdocs.plugins.pnt")


def _project_root(env) -> Path:
    return Path(env.conf["config_file_path"]).resolve().parent


def define_env(env):
    from mkdocs.exceptions import PluginError

    loaded = loader.load(_project_root(env))
    if loaded.errors:
        raise PluginError("Les données du plan contiennent des erreurs :\n"
                          + problems.report(loaded.problems))
    for warning in loaded.warnings:
        log.info("Avertissement : %s", warning)
    site_config.apply(env.conf, loaded)
    site = render.site_for(loaded, env.conf.get("use_directory_urls", True))

    def url():
        return env.page.url

    @env.macro
    def grille(cle: str) -> str:
        """Une grille de la démarche : les lignes du territoire, ou une grille vierge."""
        return site.grid(cle, url())

    @env.macro
    def exemple(etape: int) -> str:
        """Comment le territoire fictif d'exemple a mené une étape (toujours exemple/)."""
        return example_view.summary(loader.load_example(_project_root(env)), etape)

    @env.macro
    def plan_presentation() -> str:
        return site.presentation(url())

    @env.macro
    def plan_besoins() -> str:
        return site.page("plan_besoins.html", url())

    @env.macro
    def plan_projets() -> str:
        return site.page("plan_projets.html", url())

    @env.macro
    def plan_indicateurs() -> str:
        return site.page("plan_indicateurs.html", url())

    @env.macro
    def plan_tracabilite() -> str:
        return site.page("plan_tracabilite.html", url())

    @env.macro
    def avancement() -> str:
        return site.progress(url())

    @env.macro
    def donnees_ouvertes() -> str:
        """Les fichiers de données ouvertes (CSV, JSON, Excel), leur licence et leur fiche."""
        view = opendata.page_view(loaded, Path(env.conf["docs_dir"]), url())
        return render.render("donnees_ouvertes.html", vue=view)

    @env.macro
    def trousse_liste() -> str:
        return site.page("trousse.html", url())

    @env.macro
    def telechargement(genre: str) -> str:
        """Lien vers le PDF du plan (« plan ») ou de la trousse (« trousse »)."""
        return site.download(genre, _project_root(env), url())

    @env.macro
    def graphique(nom: str, identifiant=None) -> str:
        """Un graphique du plan (SVG produit à la construction) et ses données.

        Noms : conditions, connectivite, echeancier, projets, couts,
        financement, bilan_indicateurs, indicateurs, indicateur (avec
        l'identifiant, p. ex. graphique("indicateur", "I-01")), avancement.
        """
        return site.chart(nom, url(), identifiant)

    @env.macro
    def suivi_du_plan() -> str:
        """La page « Suivi du plan » : projets, indicateurs, reddition, changements."""
        return site.follow_up(url())


def on_post_build(env):
    """After the build: copy the PDFs into the site, write CNAME for a custom domain."""
    site_dir = Path(env.conf["site_dir"])
    publish.copy_downloads(_project_root(env), site_dir)
    publish.write_cname(site_dir, env.conf.get("site_url") or "")
    # Open data (CSV, JSON, workbooks) under donnees/, from the data of this build.
    opendata.write_files(site_dir, opendata.files_for(loader.load(_project_root(env))))
