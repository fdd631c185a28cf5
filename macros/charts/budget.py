"""Charts of the money: the estimated cost of each project (a range shows both
ends), and the funding by source, obtained or requested.

An amount is never shown as more exact than its author wrote it: a label or
a table cell says « environ 3,5 M$ », « plus de 4 M$ » or the range, and
totals follow ``Amount.total``. Where a bar needs one length, an approximate
or open-ended cost is drawn dotted to the amount written, and a funding bar
placed from a range's middle (or an approximate amount) has a dashed outline."""

from __future__ import annotations

from ..plan import french
from ..plan.index import (FUNDING_CONSIDERED, FUNDING_OBTAINED, FUNDING_PENDING,
                          FUNDING_REFUSED,
                          funding_total_text, project_order)
from ..plan.values import Amount
from .figure import (Bars, ChartContext, cell, empty, figure, paged_bars, project_label,
                     table)
from .geometry import SMALL, Scale, coord, label_column, legend, nice_domain, text_width, width


def _cost_text(cost) -> str:
    return cost.short if cost else "—"


def _is_estimate(amount) -> bool:
    """Drawn dotted: « environ 3,5 M$ », « plus de 4 M$ » (a range is hatched)."""
    return amount.is_approximate or not amount.has_upper_bound


def _costs_summary(projects: list, costed: list) -> str:
    total = Amount.total(p["cout"] for p in costed)
    dearest = max(costed, key=lambda p: p["cout"].high)
    if len(costed) == 1:
        return (f"Coût estimé du seul projet chiffré, {dearest.get('id')} : "
                f"{_cost_text(dearest['cout'])}."
                + (f" {french.count(len(projects) - 1, 'projet', 'projets')} sans coût "
                   "estimé." if len(projects) > 1 else ""))
    summary = (f"Coût estimé des {french.number(len(costed))} projets : "
               f"{total.prose(short=True)} au total ; le plus "
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
             cell(funding_total_text(p, FUNDING_OBTAINED), True),
             cell(funding_total_text(p, FUNDING_PENDING), True)] for p in projects]
    foot = [cell("Total"), cell(Amount.total(p["cout"] for p in costed).french, True),
            cell(_funding_of(projects, FUNDING_OBTAINED).french, True),
            cell(_funding_of(projects, FUNDING_PENDING).french, True)]
    return table("Coût estimé et financement des projets prioritaires",
                 ["Projet", "Coût estimé", "Financement confirmé ou reçu",
                  "Financement demandé ou envisagé"], rows, foot)


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
    x0, x1 = label_w + 8, width() - value_w
    _, high, ticks = nice_domain([0] + [p["cout"].high for p in costed])
    scale = Scale(0, high, x0, x1)
    estimates = any(_is_estimate(p["cout"]) for p in costed)
    keys = [("plein principal", "Coût estimé (borne basse)"),
            ("hachures principal", "Fourchette jusqu'à la borne haute")]
    if estimates:
        keys.append(("points principal", "Coût approximatif ou minimal (environ, plus de)"))
    items, legend_h = legend(keys, 6)

    def bar(p, row):
        cost = p.get("cout")
        if cost is None:
            return {"row": row, "text": _cost_text(cost), "has_value": False,
                    "note": {"x": coord(x0 + 4), "text": "coût non précisé"}}
        estimate = _is_estimate(cost)
        return {"row": row, "text": _cost_text(cost), "has_value": True,
                "estimate": estimate, "x": x0,
                "w": coord(scale(cost.high if estimate else cost.low) - x0),
                "w_high": 0 if estimate else coord(scale(cost.high) - scale(cost.low)),
                "note": None}

    def extra(bottom):
        return {"x0": x0, "x1": x1, "x_value": coord(width() - 4),
                "ticks": [{"x": scale(t), "text": french.money_short(t)} for t in ticks]}

    patterns = ("hachures-principal",) + (("points-principal",) if estimates else ())
    spec = Bars("graphique-couts", title, summary, "projets", label_w, 6 + legend_h + 8,
                items, patterns)
    svgs = paged_bars(spec, projects, labels, bar, extra)
    note = "Coûts estimés à l'étape 6 ; une fourchette montre ses deux bornes."
    if estimates:
        note += (" Un coût approximatif (« environ ») ou minimal (« plus de ») est "
                 "pointillé jusqu'au montant écrit.")
    return figure("couts", "chart/costs.html", title, summary, svgs,
                  _costs_table(ctx, projects, costed), [note])


# --- funding by source -----------------------------------------------------------------

def _by_source(ctx: ChartContext) -> list:
    """[(source id, {"obtained": Amount, "requested": Amount})], largest first."""
    lines, considered = {}, set()
    for project in ctx.index.rows("projets"):
        for line in _known_lines(project):
            if line.get("statut") in FUNDING_REFUSED:
                continue  # refused or not eligible: never money
            entry = lines.setdefault(line.get("source"), {"obtained": [], "requested": []})
            key = "obtained" if line.get("statut") in FUNDING_OBTAINED else "requested"
            entry[key].append(line["montant"])
            if line.get("statut") in FUNDING_CONSIDERED:
                considered.add(line.get("source"))
    by_source = [(source, {key: Amount.total(amounts) for key, amounts in entry.items()})
                 for source, entry in lines.items()]
    for source, v in by_source:
        v["considered"] = source in considered  # « envisagé », « à déterminer »
    return sorted(by_source, key=lambda kv: (-_placed(kv[1]), str(kv[0])))


def _is_drawn(line: dict) -> bool:
    """A funding line whose amount and status are known (« inconnu » draws no
    bar: neither confirmed nor requested)."""
    return bool(line.get("montant")) and line.get("statut") is not None


def _known_lines(project: dict) -> list:
    return [line for line in project.get("financement") or [] if _is_drawn(line)]


def _unknown_lines(ctx: ChartContext) -> int:
    return sum(1 for project in ctx.index.rows("projets")
               for line in project.get("financement") or []
               if not _is_drawn(line) and line.get("statut") not in FUNDING_REFUSED)


def _refused_note(ctx: ChartContext) -> str:
    """Refused lines are shown as typed on the projects, never counted here."""
    refused = sum(1 for project in ctx.index.rows("projets")
                  for line in project.get("financement") or []
                  if line.get("statut") in FUNDING_REFUSED)
    if not refused:
        return ""
    lines = french.count(refused, "ligne refusée ou non admissible",
                         "lignes refusées ou non admissibles")
    counted = french.agree(refused, "non comptée", "non comptées")
    return f"{french.capitalise(lines)} : {counted} dans ce graphique."


def _placed(v: dict) -> float:
    """Where a source's bar ends: a range, or an approximate amount, at its middle."""
    return v["obtained"].middle + v["requested"].middle


def _both(v: dict) -> Amount:
    return Amount.total([v["obtained"], v["requested"]])


def _funding_text(v: dict) -> str:
    return " · ".join(part for part in (
        f"confirmé {v['obtained'].short}" if v["obtained"].high else "",
        f"{'demandé ou envisagé' if v.get('considered') else 'demandé'} "
        f"{v['requested'].short}" if v["requested"].high else "") if part)


def _funding_table(ctx: ChartContext, sources: list, labels: list) -> dict:
    def money(amount):
        return cell(amount.french, True)
    rows = [[cell(label, href=ctx.linker.to_row("sources", sid) if sid else ""),
             money(v["obtained"]), money(v["requested"]), money(_both(v))]
            for (sid, v), label in zip(sources, labels)]
    obtained = Amount.total(v["obtained"] for _, v in sources)
    requested = Amount.total(v["requested"] for _, v in sources)
    return table("Financement des projets par source", ["Source", "Confirmé ou reçu",
                                                        "Demandé ou envisagé", "Total"],
                 rows,
                 [cell("Total"), money(obtained), money(requested),
                  money(Amount.total([obtained, requested]))])


def _funding_svgs(title: str, summary: str, sources: list, labels: list) -> list:
    label_w = label_column(labels, 0.32)
    value_w = max(text_width(_funding_text(v), SMALL) for _, v in sources) + 12
    x0, x1 = label_w + 8, width() - value_w
    _, high, ticks = nice_domain([0] + [_placed(v) for _, v in sources])
    scale = Scale(0, high, x0, x1)
    items, legend_h = legend([("plein ok", "Confirmé ou reçu"),
                              ("hachures attente",
                               "Demandé ou envisagé, pas encore confirmé")], 6)

    def bar(source, row):
        _, v = source
        obtained, requested = v["obtained"], v["requested"]
        split = scale(obtained.middle)
        return {"row": row, "text": _funding_text(v), "x": x0,
                "w_obtained": coord(split - x0),
                "w_requested": coord(scale(obtained.middle + requested.middle) - split),
                "obtained_placed": not obtained.is_exact,
                "requested_placed": not requested.is_exact}

    def extra(bottom):
        return {"x0": x0, "x1": x1, "x_value": coord(x1 + 8),
                "ticks": [{"x": scale(t), "text": french.money_short(t)} for t in ticks]}

    spec = Bars("graphique-financement", title, summary, "sources", label_w,
                6 + legend_h + 8, items, ("hachures-attente",))
    return paged_bars(spec, sources, labels, bar, extra)


def funding(ctx: ChartContext) -> dict:
    title = "Financement des projets par source : confirmé ou demandé"
    sources, unknown = _by_source(ctx), _unknown_lines(ctx)
    if not sources and unknown:
        return empty(ctx, "financement", "projets", "Le montant ou le statut des lignes de "
                     "financement des projets n'est pas encore connu : le graphique par "
                     "source se dessinera avec eux.", title)
    if not sources:
        return empty(ctx, "financement", "projets", "Aucun financement n'est encore "
                     "inscrit aux projets : le graphique par source se dessinera avec eux.",
                     title)
    obtained = Amount.total(v["obtained"] for _, v in sources)
    requested = Amount.total(v["requested"] for _, v in sources)
    pending = ("demandés ou envisagés" if any(v["considered"] for _, v in sources)
               else "demandés")
    # The total is named (« en tout »), never a bare « sur 5 M$ » read as the cost.
    summary = (f"Financement inscrit aux projets, de "
               f"{french.count(len(sources), 'source', 'sources')} : "
               f"{Amount.total([obtained, requested]).prose(short=True)} en tout, dont "
               f"{obtained.prose(short=True)} confirmés ou reçus et "
               f"{requested.prose(short=True)} {pending}.")
    if unknown:
        verb = french.agree(unknown, "figure", "figurent")
        summary += (f" {french.count(unknown, 'ligne', 'lignes')} de financement sans "
                    f"montant ou statut connu n'y {verb} pas.")
    labels = [f"{sid} {ctx.index.label('sources', sid)}".strip() for sid, _ in sources]
    return figure("financement", "chart/funding.html", title, summary,
                  _funding_svgs(title, summary, sources, labels),
                  _funding_table(ctx, sources, labels),
                  ["Lignes de financement des projets (étape 6). Une barre tirée d'une "
                   "fourchette ou d'un montant approximatif est placée à son milieu, avec "
                   "un contour en tirets ; son libellé donne le montant écrit.",
                   _refused_note(ctx)])
