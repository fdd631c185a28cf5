"""« À propos » of a territory's site: where the plan's facts come from, the
licence of its data, and the template it was made with."""

from __future__ import annotations

import os

from ...outputs.opendata import licence, licence_url
from ...plan import french
from ...plan.catalog import GRIDS
from ...plan.kinds import LONG_TEXT, TEXT
from .common import PageContext

SOURCE_KEYS = ("source", "provenance")  # text columns that name where a fact comes from
GUIDE = ("Le numérique, outil de développement des territoires du Québec",
         "Groupe de travail sur les collectivités rurales branchées", "2011")


def _cited_sources(ctx: PageContext) -> list:
    """Every source the plan's rows name, once, with the grids that cite it."""
    cited = {}
    for grid in GRIDS.values():
        keys = [c.key for c in grid.columns
                if c.key in SOURCE_KEYS and c.kind in (TEXT, LONG_TEXT)]
        for row in ctx.index.rows(grid.key):
            for key in keys:
                value = row.get(key)
                if isinstance(value, str) and value.strip():
                    grids = cited.setdefault(" ".join(value.split()), [])
                    if grid.title not in grids:
                        grids.append(grid.title)
    return [{"text": text, "grids": ", ".join(grids)} for text, grids in cited.items()]


def repository_url(environ=None) -> str:
    """The site's source on GitHub, when GitHub Actions builds it (its own
    variables name the repository); elsewhere, unknown."""
    environ = os.environ if environ is None else environ
    server, repository = environ.get("GITHUB_SERVER_URL"), environ.get("GITHUB_REPOSITORY")
    return f"{server}/{repository}" if server and repository else ""


def about_view(ctx: PageContext) -> dict:
    data = {"territoire": ctx.index.record("territoire") or {}}
    name = licence(data)
    territory = data["territoire"]
    return {
        "territory": str(territory.get("nom") or "le territoire"),
        "of_territory": french.of_name(territory.get("nom")),  # « de la MRC de … »
        "sources": _cited_sources(ctx),
        "licence": name,
        "licence_url": licence_url(name),
        "open_data_href": ctx.linker.to_page("donnees-ouvertes.md"),
        "guide": {"title": GUIDE[0], "author": GUIDE[1], "year": GUIDE[2]},
        "repository": repository_url(),
    }
