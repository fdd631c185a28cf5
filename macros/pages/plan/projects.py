"""The projects page: each orientation, its objectives and its projects, each
project with its card, its funding and its progress."""

from __future__ import annotations

from ...plan import french
from ...plan.catalog import GRIDS
from ...plan.index import FUNDING_OBTAINED, funding_total, has_funding
from ...plan.model import anchor_for
from ..cells import EMPTY
from .common import PageContext, pair, text

PROGRAMMING_COLUMNS = ("annee", "action", "statut", "avancement")


def _calendar(label: str, start, end) -> list:
    period = french.period(start, end)
    return [pair(label, text(french.capitalise(period) if period else "Non précisé"))]


def _revised(row: dict) -> list:
    if row.get("debut_revise") is None and row.get("fin_revisee") is None:
        return []
    return _calendar("Calendrier révisé", row.get("debut_revise"), row.get("fin_revisee"))


def _partners(ctx: PageContext, row: dict) -> list:
    partners = row.get("partenaires") or []
    links = [dict(ctx.link("acteurs", p["acteur"]), note=p.get("role") or "")
             for p in partners]
    view = {"view": "link_list", "links": links, "none": ""} if links else EMPTY
    return [pair(GRIDS["projets"].column("partenaires").label, view)]


def _card(ctx: PageContext, project: dict) -> list:
    pairs = ctx.fiche(
        "projets", project, lead=("rang",),
        skip=("id", "titre", "orientation", "description", "financement", "fin",
              "fin_revisee"),
        special={"partenaires": lambda row: _partners(ctx, row),
                 "debut": lambda row: _calendar("Calendrier prévu", row.get("debut"),
                                                row.get("fin")),
                 "debut_revise": _revised})
    indicators = ctx.index.indicators_by_project.get(project["id"], [])
    return pairs + [pair("Indicateurs",
                         ctx.link_list("indicateurs", indicators, "Aucun indicateur"))]


def _funding(ctx: PageContext, project: dict):
    lines = project.get("financement") or []
    if not lines:
        return None
    table = ctx.columns_table(GRIDS["projets"].column("financement").columns, lines)
    obtained = (funding_total(project, FUNDING_OBTAINED).french
                if has_funding(project, FUNDING_OBTAINED) else french.money(0))
    table["total"] = funding_total(project).french
    table["obtained"] = f"dont confirmé ou reçu : {obtained}"
    table["obtained_span"] = len(table["headings"]) - 2
    table["caption"] = f"Financement du projet {project['id']}"
    return table


def _project(ctx: PageContext, project: dict) -> dict:
    programming = ctx.index.programming_by_project.get(project["id"], [])
    description = project.get("description")
    return {
        "heading": f"{project['id']} — {project['titre']}",
        "caption": f"Projet {project['id']} en bref",
        "progress_caption": f"Avancement du projet {project['id']}",
        "anchor": anchor_for(project["id"]),
        "description": ctx.cell("projets", project, "description") if description else None,
        "pairs": _card(ctx, project),
        "funding": _funding(ctx, project),
        "programming": (ctx.table("programmation", programming, PROGRAMMING_COLUMNS)
                        if programming else None),
    }


def _orientation(ctx: PageContext, orientation: dict) -> dict:
    projects = ctx.index.projects_by_orientation.get(orientation["id"], [])
    description = orientation.get("description")
    return {
        "heading": f"Orientation {orientation['id']} — {orientation['titre']}",
        "anchor": anchor_for(orientation["id"]),
        "description": (ctx.cell("orientations", orientation, "description")
                        if description else None),
        "objectives": [str(o) for o in orientation.get("objectifs") or []],
        "others": ctx.fiche("orientations", orientation, hide_empty=True,
                            skip=("id", "titre", "description", "objectifs")),
        "caption": f"Orientation {orientation['id']} : autres renseignements",
        "projects": [_project(ctx, project) for project in projects],
    }


def projects_view(ctx: PageContext) -> dict:
    return {
        "orientations": [_orientation(ctx, o) for o in ctx.index.rows("orientations")],
        "projects_missing": (None if ctx.index.rows("projets") else ctx.missing(
            "projets", "Aucun projet prioritaire n'est encore inscrit.")),
        "orientations_missing": ctx.missing("orientations", "Les orientations du plan "
                                                            "ne sont pas encore définies."),
    }
