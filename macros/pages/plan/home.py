"""The plan's home page: the territory, its vision, its orientations, the plan
in figures, its municipalities, and what is still missing."""

from __future__ import annotations

from ...plan import french
from ...plan.catalog import GRIDS
from ...plan.kinds import INTEGER
from ...plan.progress import STEP_DONE
from .common import PageContext, pair, text


def _period(territory: dict) -> list:
    start, end = territory.get("periode_debut"), territory.get("periode_fin")
    if start is None or end is None:
        return []
    return [pair("Période du plan", text(french.years(start, end)))]


def _status(ctx: PageContext, territory: dict) -> list:
    if territory.get("statut") != "adopté":
        return [pair("Statut", text("Projet de plan (brouillon) : pas encore adopté"))]
    parts = [text("Adopté")]
    adopted = territory.get("date_adoption")
    if adopted is not None:
        parts = [text(f"Adopté {'le' if adopted.day else 'en'} "),
                 ctx.cell("territoire", territory, "date_adoption")]
    if territory.get("resolution"):
        parts.append(text(f" (résolution {territory['resolution']})"))
    return [pair("Statut", {"view": "parts", "parts": parts})]


def _population(ctx: PageContext) -> list:
    total = ctx.index.population()
    if not total:
        return []
    municipalities = len(ctx.index.rows("municipalites"))
    return [pair("Population", text(
        f"{french.count(total, 'habitant', 'habitants')}, "
        f"{french.count(municipalities, 'municipalité', 'municipalités')}"))]


def _territory(ctx: PageContext) -> list:
    territory = ctx.index.record("territoire")
    if not territory:
        return []
    return ctx.fiche(
        "territoire", territory, lead=("nom", "type", "region", "code_geographique"),
        skip=("periode_fin", "date_adoption", "resolution"),
        special={"periode_debut": _period,
                 "statut": lambda row: _status(ctx, row)}) + _population(ctx)


def _vision(ctx: PageContext):
    vision = ctx.index.record("vision")
    if not vision:
        return None
    return {"statement": ctx.cell("vision", vision, "enonce"),
            "principles": [str(value) for value in vision.get("valeurs") or []]}


def _orientations(ctx: PageContext) -> list:
    return [{"href": ctx.linker.to_row("orientations", o["id"]), "title": o["titre"],
             "projects": french.count(len(ctx.index.projects_by_orientation.get(o["id"], [])),
                                      "projet", "projets")}
            for o in ctx.index.rows("orientations")]


def _figures(ctx: PageContext) -> list:
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
    table = ctx.table("municipalites", rows)
    columns = [c for c in GRIDS["municipalites"].columns if c.in_plan]
    table["totals"] = [french.number(sum(r.get(c.key) or 0 for r in rows))
                       if c.kind is INTEGER else "" for c in columns[1:]]
    return table


def _still_missing(ctx: PageContext, progress: list) -> list:
    return [{"label": p.step.label,
             "grids": [{"href": ctx.linker.to_grid(g.grid.key), "title": g.grid.title}
                       for g in p.missing]}
            for p in progress if p.status != STEP_DONE]


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
        "still_missing": _still_missing(ctx, progress),
        "progress_href": ctx.linker.to_page("avancement.md"),
    }
