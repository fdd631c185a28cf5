"""The projects page: the plan-wide objectives, the priorities with their means
and expected results, each orientation with its objectives and its projects
(a project of several orientations is described under its main one, the
first, and listed under the others), each project with its card, its funding
and its progress, then the funding sources as written."""

from __future__ import annotations

from ...plan import french
from ...plan.catalog import GRIDS
from ...plan.index import (FUNDING_OBTAINED, heading, FUNDING_REFUSED, funding_total_text,
                           has_funding, main_orientation)
from ...plan.model import anchor_for, raw_value
from ..cells import EMPTY, shown_columns
from .common import PageContext, pair, summary_table, text

# Optional fields a card shows only when the project gives them.
WHEN_GIVEN = ("objectifs_du_plan", "moyens", "statut")

PROGRAMMING_COLUMNS = ("annee", "action", "statut", "avancement")


def _calendar(label: str, start, end) -> list:
    period = french.period(start, end)
    return [pair(label, text(french.capitalise(period) if period else "Non précisé"))]


def _revised(row: dict) -> list:
    if raw_value(row, "debut_revise") is None and raw_value(row, "fin_revisee") is None:
        return []
    return _calendar("Calendrier révisé", row.get("debut_revise"), row.get("fin_revisee"))


def _partners(ctx: PageContext, row: dict) -> list:
    partners = row.get("partenaires") or []
    links = [dict(ctx.link("acteurs", p["acteur"]), note=p.get("role") or "")
             for p in partners]
    view = {"view": "link_list", "links": links, "none": ""} if links else EMPTY
    return [pair(GRIDS["projets"].column("partenaires").label, view)]


def _orientations(ctx: PageContext, row: dict) -> list:
    """A project of several orientations names them all, its main one first."""
    ids = row.get("orientation") or []
    if len(ids) < 2:
        return []
    links = [dict(ctx.link("orientations", ref), note="axe principal" if not n else "")
             for n, ref in enumerate(ids)]
    return [pair("Orientations", {"view": "link_list", "links": links, "none": ""})]


def _when_given(ctx: PageContext, row: dict, key: str) -> list:
    if raw_value(row, key) in (None, []):
        return []
    return [pair(GRIDS["projets"].column(key).label, ctx.cell("projets", row, key))]


def _card(ctx: PageContext, project: dict) -> list:
    pairs = ctx.fiche(
        "projets", project, lead=("rang",),
        skip=("id", "titre", "description", "financement", "fin", "fin_revisee"),
        special={"orientation": lambda row: _orientations(ctx, row),
                 **{key: (lambda row, key=key: _when_given(ctx, row, key))
                    for key in WHEN_GIVEN},
                 "partenaires": lambda row: _partners(ctx, row),
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
    obtained = funding_total_text(project, FUNDING_OBTAINED)
    table["total"] = funding_total_text(project)
    table["obtained"] = f"dont confirmé ou reçu : {obtained}"
    if has_funding(project, FUNDING_REFUSED):  # shown as typed above, never counted
        table["obtained"] += (" ; refusé ou non admissible, non compté : "
                              f"{funding_total_text(project, FUNDING_REFUSED)}")
    table["obtained_span"] = len(table["headings"]) - 2
    table["caption"] = f"Financement du projet {project['id']}"
    return table


def _project(ctx: PageContext, project: dict) -> dict:
    programming = ctx.index.programming_by_project.get(project["id"], [])
    description = project.get("description")
    return {
        "heading": heading("projets", project),
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
    listed = ctx.index.projects_by_orientation.get(orientation["id"], [])
    projects = [p for p in listed if main_orientation(p) == orientation["id"]]
    also = [p for p in listed if main_orientation(p) != orientation["id"]]
    description = orientation.get("description")
    return {
        "heading": f"Orientation {heading('orientations', orientation)}",
        "anchor": anchor_for(orientation["id"]),
        "description": (ctx.cell("orientations", orientation, "description")
                        if description else None),
        "objectives": [str(o) for o in orientation.get("objectifs") or []],
        "others": ctx.fiche("orientations", orientation, hide_empty=True,
                            skip=("id", "titre", "description", "objectifs")),
        "caption": f"Orientation {orientation['id']} : autres renseignements",
        "projects": [_project(ctx, project) for project in projects],
        "also": ctx.link_list("projets", also, "") if also else None,
    }


def _objective(ctx: PageContext, objective: dict) -> dict:
    def cited_by(grid_key: str, none: str) -> dict:
        return ctx.link_list(grid_key, ctx.index.citing_objective(grid_key, objective["id"]),
                             none)
    return {
        "heading": heading("objectifs_du_plan", objective),
        "anchor": anchor_for(objective["id"]),
        "description": (ctx.cell("objectifs_du_plan", objective, "description")
                        if objective.get("description") else None),
        "caption": f"Objectif {objective['id']} : ce qui y contribue",
        "pairs": [pair("Orientations", cited_by("orientations", "Aucune orientation")),
                  pair("Projets", cited_by("projets", "Aucun projet")),
                  pair("Indicateurs", cited_by("indicateurs", "Aucun indicateur"))],
    }


def _priorities(ctx: PageContext):
    """The plan's own « Priorités | Moyens | Résultats attendus » table, once a
    project gives its means."""
    projects = ctx.index.projects()
    if not any(p.get("moyens") for p in projects):
        return None
    grid = GRIDS["projets"]
    return summary_table(
        ["Priorité", grid.column("moyens").label, grid.column("resultats_attendus").label],
        [[{"view": "links", "links": [ctx.link("projets", p["id"])]},
          ctx.cell("projets", p, "moyens"), ctx.cell("projets", p, "resultats_attendus")]
         for p in projects])


def _funded(ctx: PageContext, source: dict) -> dict:
    """What a source funds: the orientations it names (or « Tout le plan »), and
    the projects whose funding lines cite it."""
    projects = [row for grid, row in ctx.index.citing("sources", source.get("id"))
                if grid.key == "projets"]
    parts = []
    if raw_value(source, "orientations"):
        parts.append(ctx.cell("sources", source, "orientations"))
    if projects:
        links = {"view": "links", "links": [ctx.link("projets", p["id"]) for p in projects]}
        parts += [text(" ; projets : " if parts else "Projets : "), links]
    return {"view": "parts", "parts": parts} if parts else EMPTY


def _sources(ctx: PageContext):
    """Every source as written (status and amount as typed: « à déterminer »,
    « refusé », no amount), with what it funds."""
    rows = ctx.index.rows("sources")
    if not rows:
        return None
    columns = shown_columns([c for c in GRIDS["sources"].columns
                             if c.in_plan and c.key != "orientations"], rows)
    table = ctx.columns_table(columns, rows)
    table["headings"].append("Ce qu'elle finance")
    table["numeric"].append(False)
    for view, row in zip(table["rows"], rows):
        view["cells"].append(_funded(ctx, row))
    return table


def projects_view(ctx: PageContext) -> dict:
    return {
        "objectives": [_objective(ctx, o) for o in ctx.index.rows("objectifs_du_plan")],
        "priorities": _priorities(ctx),
        "unattached": [_project(ctx, p) for p in ctx.index.projects_without_orientation()],
        "sources": _sources(ctx),
        "orientations": [_orientation(ctx, o) for o in ctx.index.rows("orientations")],
        "projects_missing": (None if ctx.index.rows("projets") else ctx.missing(
            "projets", "Aucun projet prioritaire n'est encore inscrit.")),
        "orientations_missing": ctx.missing("orientations", "Les orientations du plan "
                                                            "ne sont pas encore définies."),
    }
