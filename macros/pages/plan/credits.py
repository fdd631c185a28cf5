"""Who made the plan, on its home page: the slogan and the original document
under the title, the forewords near the top, the credits (« Qui a fait ce
plan ») further down. The municipalities are listed with their former names."""

from __future__ import annotations

from ...plan.catalog import GRIDS
from ...plan.names import listed_name
from .common import PageContext, text

# Fields of the territory shown under the page's title, not in its fiche.
HEADER_FIELDS = ("slogan", "document_original")
ORIGINAL_TEXT = "Document original du plan (PDF)"


def header_view(ctx: PageContext) -> dict:
    """The slogan and the link to the original document, if the data gives them."""
    territory = ctx.index.record("territoire")
    original = ctx.cell("territoire", territory, "document_original") if territory else {}
    return {
        "slogan": str(territory.get("slogan") or "") if territory else "",
        "original": dict(original, text=ORIGINAL_TEXT) if original.get("view") == "link"
        else None,
    }


def forewords_view(ctx: PageContext) -> list:
    return [{"title": str(row.get("titre") or ""), "anchor": f"avant-propos-{number}",
             "text": ctx.cell("avant_propos", row, "texte"),
             "signatory": str(row.get("signataire") or ""),
             "function": str(row.get("fonction") or "")}
            for number, row in enumerate(ctx.index.rows("avant_propos"), start=1)]


def credits_view(ctx: PageContext):
    rows = ctx.index.rows("credits")
    return ctx.table("credits", rows) if rows else None


def with_former_names(table: dict, rows: list) -> dict:
    """The municipalities' table, each name with its former ones: « Val-des-Sources
    (anciennement Asbestos) »."""
    grid = GRIDS["municipalites"]
    for view, row in zip(table["rows"], rows):
        listed = listed_name(grid, row)
        if listed != str(row.get(grid.id_key)):
            view["cells"][0] = text(listed)
    return table


def team_view(ctx: PageContext) -> dict:
    """« Qui a fait ce plan » : the forewords, the credits, the bodies that led
    the démarche and their members."""
    instances, members = ctx.index.rows("instances"), ctx.index.rows("membres")
    return {
        "forewords": forewords_view(ctx),
        "credits": credits_view(ctx),
        "instances": ctx.table("instances", instances) if instances else None,
        "members": ctx.table("membres", members) if members else None,
        "missing": ctx.missing("credits", "Le plan ne nomme pas encore les personnes et "
                                          "les groupes qui l'ont fait."),
    }
