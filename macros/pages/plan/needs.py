"""The needs page (by priority, each with what answers it) and the
traceability matrix (needs → projects → indicators)."""

from __future__ import annotations

from itertools import groupby

from ...plan.catalog import GRIDS
from ...plan.index import heading, project_order
from ...plan.model import anchor_for
from .common import PageContext, pair, summary_table


def _answers(ctx: PageContext, need_id) -> dict:
    projects = sorted(ctx.index.projects_by_need.get(need_id, []), key=project_order)
    return {"projects": projects,
            "indicators": ctx.index.indicators_of_need(need_id),
            "pistes": ctx.index.pistes_by_need.get(need_id, [])}


def _need(ctx: PageContext, need: dict) -> dict:
    answers = _answers(ctx, need["id"])
    pairs = ctx.fiche("besoins", need, skip=("id", "enonce", "priorite"))
    pairs += [
        pair("Projets qui y répondent",
             ctx.link_list("projets", answers["projects"], "Aucun projet pour l'instant")),
        pair("Pistes étudiées", ctx.link_list("pistes", answers["pistes"], "Aucune piste")),
        pair("Indicateurs",
             ctx.link_list("indicateurs", answers["indicators"], "Aucun indicateur")),
    ]
    return {"heading": heading("besoins", need), "anchor": anchor_for(need["id"]),
            "caption": f"Besoin {need['id']}", "pairs": pairs}


def needs_view(ctx: PageContext) -> dict:
    priority = GRIDS["besoins"].column("priorite")
    groups = []
    for value, needs in groupby(ctx.index.needs_by_priority(),
                                key=lambda need: need.get("priorite")):
        # « Besoins prioritaires (priorité 1) », not « Priorité 1 : prioritaire »
        groups.append({"heading": (f"Besoins {priority.choice_label(value)}s (priorité {value})"
                                   if value is not None else "Priorité non précisée"),
                       "anchor": f"priorite-{value if value is not None else 'non-precisee'}",
                       "needs": [_need(ctx, need) for need in needs]})
    return {"groups": groups,
            "missing": ctx.missing("besoins", "Aucun besoin n'est encore inscrit.")}


def _traceability_row(ctx: PageContext, need: dict) -> list:
    answers = _answers(ctx, need["id"])
    return [{"view": "links", "links": [ctx.link("besoins", need["id"])]},
            ctx.cell("besoins", need, "priorite"),
            ctx.link_list("projets", answers["projects"], "Aucun projet"),
            ctx.link_list("indicateurs", answers["indicators"], "Aucun indicateur")]


def traceability_view(ctx: PageContext) -> dict:
    needs = ctx.index.needs_by_priority()
    return {"table": summary_table(["Besoin", "Priorité", "Projets", "Indicateurs"],
                                   [_traceability_row(ctx, need) for need in needs]),
            "missing": ctx.missing("besoins", "Aucun besoin n'est encore inscrit : la "
                                              "matrice se remplira avec eux.")}
