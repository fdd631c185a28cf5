"""mkdocs-macros entry point: wires the plan's macros, and nothing else.

The work is done by plain functions of this package (see ``render.Site``),
testable without MkDocs. Data is read and validated once per build (and
cached per process while the files do not change); any data error stops
the build with the full French report.
"""

from __future__ import annotations

import logging
from pathlib import Path

from . import loader, problems, render, site_config

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
