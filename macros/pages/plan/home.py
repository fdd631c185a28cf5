"""The plan's home page: the territory, its vision, its orientations, the plan
in figures, its municipalities, and what is still missing."""

from __future__ import annotations

from ...plan import french
from ...plan.catalog import GRIDS
from ...plan.index import PartialSum
from ...plan.kinds import INTEGER
from ...plan.model import raw_value
from ...plan.progress import STEP_DONE
from ..cells import shown_columns
from .common import PageContext, pair, text
from .credits import HEADER_FIELDS, with_former_names


def _period(territory: dict) -> list:
    """« 2025–2029 »; a bound written « inconnu » is said so, never invented."""
    start, end = territory.get("periode_debut"), territory.get("periode_fin")
    if start is None and end is None:
        return []
    return [pair("Période du plan", text(french.plan_years(start, end)))]


def _status(ctx: PageContext, territory: dict) -> list:
    status = territory.get("statut")
    if status is None:  # « inconnu »
        return [pair("Statut", ctx.cell("territoire", territory, "statut"))]
    if status == "publié":
        return [pair("Statut", text("Publié (adoption non précisée)"))]
    if status != "adopté":
        return [pair("Statut", text("Projet de plan (brouillon) : pas encore adopté"))]
    parts = [text("Adopté")]
    adopted = territory.get("date_adoption")
    if adopted is not None:
        parts = [text(f"Adopté {french.on_prefix(adopted)}"),
                 ctx.cell("territoire", territory, "date_adoption")]
    if territory.get("resolution"):
        parts.append(text(f" (résolution {territory['resolution']})"))
    return [pair("Statut", {"view": "parts", "parts": parts})]


def _published(ctx: PageContext, territory: dict) -> list:
    """The publication date, when the data gives it (« inconnu » included)."""
    if raw_value(territory, "date_publication") is None:
        return []
    return [pair(GRIDS["territoire"].column("date_publication").label,
                 ctx.cell("territoire", territory, "date_publication"))]


def _admitted(total: PartialSum, shown: str, left_out: tuple) -> str:
    """``shown``, or « au moins ``shown`` (2 municipalités …) » when rows that do
    not give the value are left out of the sum."""
    if not total.missing:
        return shown
    return f"au moins {shown} ({french.count(total.missing, *left_out)})"


def population_text(population: PartialSum) -> str:
    """« 24 300 habitants », « au moins 24 300 habitants (2 municipalités sans
    population connue) », « non précisée »."""
    if not population.known:
        return "non précisée"
    return _admitted(population, french.count(population.total, "habitant", "habitants"),
                     ("municipalité sans population connue",
                      "municipalités sans population connue"))


def _population(ctx: PageContext) -> list:
    municipalities = len(ctx.index.rows("municipalites"))
    if not municipalities:
        return []
    return [pair("Population", text(
        f"{population_text(ctx.index.population())}, "
        f"{french.count(municipalities, 'municipalité', 'municipalités')}"))]


def _territory(ctx: PageContext) -> list:
    territory = ctx.index.record("territoire")
    if not territory:
        return []
    return ctx.fiche(
        "territoire", territory, lead=("nom", "type", "region", "code_geographique"),
        skip=("periode_fin", "date_adoption", "resolution") + HEADER_FIELDS,
        special={"periode_debut": _period,
                 "statut": lambda row: _status(ctx, row),
                 "date_publication": lambda row: _published(ctx, row)}) + _population(ctx)


def _vision(ctx: PageContext):
    vision = ctx.index.record("vision")
    if not vision:
        return None
    return {"statement": ctx.cell("vision", vision, "enonce"),
            "principles": [str(value) for value in vision.get("valeurs") or []]}


def _orientations(ctx: PageContext) -> list:
    return [{"href": ctx.linker.to_row("orientations", o["id"]),
             "title": o.get("titre") or o["id"],
             "projects": french.count(len(ctx.index.projects_by_orientation.get(o["id"], [])),
                                      "projet", "projets")}
            for o in ctx.index.rows("orientations")]


def _figures(ctx: PageContext) -> list:
    """The plan in three counts; none before the plan has a need, a project or
    an indicator (« 0 besoin » would say more than the data)."""
    if not any(ctx.index.rows(key) for key in ("besoins", "projets", "indicateurs")):
        return []
    needs = ctx.index.rows("besoins")
    first = GRIDS["besoins"].column("priorite").choices[0]
    priority = sum(1 for need in needs if need.get("priorite") == first)
    return [
        {"href": ctx.linker.to_page("plan/besoins.md"),
         "text": french.count(len(needs), "besoin", "besoins"),
         "after": f", dont {french.count(priority, 'prioritaire', 'prioritaires')}"},
        {"href": ctx.linker.to_page("plan/projets.md"),
         "text": french.count(len(ctx.index.rows("projets")), "projet prioritaire",
                              "projets prioritaires"), "after": ""},
        {"href": ctx.linker.to_page("plan/indicateurs.md"),
         "text": french.count(len(ctx.index.rows("indicateurs")), "indicateur",
                              "indicateurs"), "after": " pour suivre le plan"},
    ]


def _municipalities(ctx: PageContext):
    rows = ctx.index.rows("municipalites")
    if not rows:
        return None
    table = with_former_names(ctx.table("municipalites", rows), rows)
    columns = shown_columns([c for c in GRIDS["municipalites"].columns if c.in_plan], rows)
    table["totals"] = [_column_total(rows, c) if c.kind is INTEGER else ""
                       for c in columns[1:]]
    return table


def _column_total(rows: list, column) -> str:
    """The total of a column of counts: never a 0 for values not known, and it
    says what it leaves out (« au moins 9 700 (2 municipalités non comptées) »)."""
    total = PartialSum.of(rows, column.key)
    if not total.known:
        return "non précisé"
    return _admitted(total, french.number(total.total),
                     ("municipalité non comptée", "municipalités non comptées"))


def _still_missing(ctx: PageContext, progress: list) -> list:
    return [{"label": p.step.label,
             "grids": [{"href": ctx.linker.to_grid(g.grid.key), "title": g.grid.title}
                       for g in p.missing]}
            for p in progress if p.status != STEP_DONE]


def _has_team(ctx: PageContext) -> bool:
    return any(ctx.index.rows(key) for key in ("credits", "avant_propos", "instances"))


def home_view(ctx: PageContext, progress: list) -> dict:
    return {
        "territory": _territory(ctx),
        "territory_missing": ctx.missing("territoire", "Le territoire n'est pas encore "
                                                       "décrit."),
        "vision": _vision(ctx),
        "vision_missing": ctx.missing("vision", "La vision commune n'est pas encore "
                                                "écrite."),
        "orientations": _orientations(ctx),
        "orientations_missing": ctx.missing("orientations", "Les orientations du plan "
                                                            "ne sont pas encore définies."),
        "figures": _figures(ctx),
        "municipalities": _municipalities(ctx),
        "municipalities_missing": ctx.missing("municipalites", "Les municipalités du "
                                                               "territoire ne sont pas "
                                                               "encore inscrites."),
        "has_forewords": bool(ctx.index.rows("avant_propos")),
        "team_href": (ctx.linker.to_page("plan/equipe.md")
                      if _has_team(ctx) else ""),
        "still_missing": _still_missing(ctx, progress) if ctx.for_authors else [],
        "progress_href": ctx.linker.to_page("avancement.md") if ctx.for_authors else "",
    }
