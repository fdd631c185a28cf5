"""Charts of the money: the estimated cost of each project (a range shows both
ends), and the funding by source, obtained or requested."""

from __future__ import annotations

from ..plan import french
from ..plan.index import FUNDING_OBTAINED, FUNDING_REQUESTED, funding_total, project_order
from ..plan.values import Amount
from .figure import (Bars, ChartContext, cell, empty, figure, paged_bars, project_label,
                     table)
from .geometry import SMALL, WIDTH, Scale, coord, label_column, legend, nice_domain, text_width


def _cost_text(cost) -> str:
    return french.money_range_short(cost.low, cost.high) if cost else "—"


def _costs_summary(projects: list, costed: list) -> str:
    total = Amount.total(p["cout"] for p in costed)
    dearest = max(costed, key=lambda p: p["cout"].high)
    summary = (f"Coût estimé de {french.count(len(costed), 'projet', 'projets')} : "
               f"{french.money_range_short(total.low, total.high)} au total ; le plus "
               f"coûteux est {dearest.get('id')} ({_cost_text(dearest['cout'])}).")
    missing = len(projects) - len(costed)
    if missing:
        summary += f" {french.count(missing, 'projet', 'projets')} sans coût estimé."
    return summary


def _funding_of(projects: list, statuses: tuple) -> Amount:
    return Amount.total(line["montant"] for p in projects
                        for line in p.get("financement") or []
                        if line.get("statut") in statuses)


def _costs_table(ctx: ChartContext, projects: list, costed: list) -> dict:
    rows = [[cell(project_label(p), href=ctx.linker.to_row("projets", p.get("id"))),
             cell(p["cout"].french if p.get("cout") else "non précisé", True),
             cell(funding_total(p, FUNDING_OBTAINED).french, True),
             cell(funding_total(p, FUNDING_REQUESTED).french, True)] for p in projects]
    foot = [cell("Total"), cell(Amount.total(p["cout"] for p in costed).french, True),
            cell(_funding_of(projects, FUNDING_OBTAINED).french, True),
            cell(_funding_of(projects, FUNDING_REQUESTED).french, True)]
    return table("Coût estimé et financement des projets prioritaires",
                 ["Projet", "Coût estimé", "Financement confirmé ou reçu",
                  "Financement demandé"], rows, foot)


def costs(ctx: ChartContext) -> dict:
    title = "Coût estimé des projets prioritaires"
    projects = sorted(ctx.index.rows("projets"), key=project_order)
    costed = [p for p in projects if p.get("cout") is not None]
    if not costed:
        return empty(ctx, "couts", "projets", "Aucun coût de projet n'est encore estimé : "
                     "le graphique des coûts se dessinera avec eux.", title)
    summary = _costs_summary(projects, costed)
    labels = [project_label(p) for p in projects]
    label_w = label_column(labels, 0.34)
    value_w = max(text_width(_cost_text(p.get("cout")), SMALL) for p in projects) + 16
    x0, x1 = label_w + 8, WIDTH - value_w
    _, high, ticks = nice_domain([0] + [p["cout"].high for p in costed])
    scale = Scale(0, high, x0, x1)
    items, legend_h = legend([("plein principal", "Coût estimé (borne basse)"),
                              ("hachures principal", "Fourchette jusqu'à la borne haute")], 6)

    def bar(p, row):
        cost = p.get("cout")
        return {"row": row, "text": _cost_text(cost), "has_value": cost is not None,
                "x": x0, "w": coord(scale(cost.low) - x0) if cost else 0,
                "w_high": coord(scale(cost.high) - scale(cost.low)) if cost else 0,
                "note": None if cost else {"x": coord(x0 + 4), "text": "coût non précisé"}}

    def extra(bottom):
        return {"x0": x0, "x1": x1, "x_value": coord(WIDTH - 4),
                "ticks": [{"x": scale(t), "text": french.money_short(t)} for t in ticks]}

    spec = Bars("graphique-couts", title, summary, "projets", label_w, 6 + legend_h + 8,
                items, ("hachures-principal",))
    svgs = paged_bars(spec, projects, labels, bar, extra)
    return figure("couts", "chart/costs.html", title, summary, svgs,
                  _costs_table(ctx, projects, costed),
                  ["Coûts estimés à l'étape 6 ; une fourchette montre ses deux bornes."])


# --- funding by source -----------------------------------------------------------------

def _by_source(ctx: ChartContext) -> list:
    """[(source id, {"obtained": $, "requested": $})], largest first; a range
    counts for its middle."""
    by_source = {}
    for project in ctx.index.rows("projets"):
        for line in project.get("financement") or []:
            entry = by_source.setdefault(line.get("source"), {"obtained": 0.0,
                                                              "requested": 0.0})
            key = "obtained" if line.get("statut") in FUNDING_OBTAINED else "requested"
            entry[key] += line["montant"].middle
    return sorted(by_source.items(),
                  key=lambda kv: (-(kv[1]["obtained"] + kv[1]["requested"]), str(kv[0])))


def _funding_text(v: dict) -> str:
    return " · ".join(part for part in (
        f"confirmé {french.money_short(v['obtained'])}" if v["obtained"] else "",
        f"demandé {french.money_short(v['requested'])}" if v["requested"] else "") if part)


def _funding_table(ctx: ChartContext, sources: list, labels: list) -> dict:
    def money(value):
        return cell(french.money(value), True)
    rows = [[cell(label, href=ctx.linker.to_row("sources", sid) if sid else ""),
             money(v["obtained"]), money(v["requested"]),
             money(v["obtained"] + v["requested"])]
            for (sid, v), label in zip(sources, labels)]
    obtained = sum(v["obtained"] for _, v in sources)
    requested = sum(v["requested"] for _, v in sources)
    return table("Financement des projets par source", ["Source", "Confirmé ou reçu",
                                                        "Demandé", "Total"], rows,
                 [cell("Total"), money(obtained), money(requested),
                  money(obtained + requested)])


def _funding_svgs(title: str, summary: str, sources: list, labels: list) -> list:
    label_w = label_column(labels, 0.32)
    value_w = max(text_width(_funding_text(v), SMALL) for _, v in sources) + 12
    x0, x1 = label_w + 8, WIDTH - value_w
    _, high, ticks = nice_domain([0] + [v["obtained"] + v["requested"] for _, v in sources])
    scale = Scale(0, high, x0, x1)
    items, legend_h = legend([("plein ok", "Confirmé ou reçu"),
                              ("hachures attente", "Demandé, pas encore confirmé")], 6)

    def bar(source, row):
        _, v = source
        split = scale(v["obtained"])
        return {"row": row, "text": _funding_text(v), "x": x0,
                "w_obtained": coord(split - x0),
                "w_requested": coord(scale(v["obtained"] + v["requested"]) - split)}

    def extra(bottom):
        return {"x0": x0, "x1": x1, "x_value": coord(x1 + 8),
                "ticks": [{"x": scale(t), "text": french.money_short(t)} for t in ticks]}

    spec = Bars("graphique-financement", title, summary, "sources", label_w,
                6 + legend_h + 8, items, ("hachures-attente",))
    return paged_bars(spec, sources, labels, bar, extra)


def funding(ctx: ChartContext) -> dict:
    title = "Financement des projets par source : confirmé ou demandé"
    sources = _by_source(ctx)
    if not sources:
        return empty(ctx, "financement", "projets", "Aucun financement n'est encore "
                     "inscrit aux projets : le graphique par source se dessinera avec eux.",
                     title)
    obtained = sum(v["obtained"] for _, v in sources)
    requested = sum(v["requested"] for _, v in sources)
    summary = (f"Financement inscrit aux projets, de "
               f"{french.count(len(sources), 'source', 'sources')} : "
               f"{french.money_short(obtained)} confirmés ou reçus et "
               f"{french.money_short(requested)} demandés, sur "
               f"{french.money_short(obtained + requested)}.")
    labels = [f"{sid} {ctx.index.label('sources', sid)}".strip() for sid, _ in sources]
    return figure("financement", "chart/funding.html", title, summary,
                  _funding_svgs(title, summary, sources, labels),
                  _funding_table(ctx, sources, labels),
                  ["Lignes de financement des projets (étape 6) ; une fourchette compte "
                   "pour son milieu."])
