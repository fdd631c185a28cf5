"""Charts of the state of the territory (step 5): the conditions of success by
theme and status, and Internet access municipality by municipality."""

from __future__ import annotations

from ..plan import french
from ..plan.catalog import GRIDS
from ..plan.values import fold
from .figure import (BAR, ROWS_PER_SVG, Bars, ChartContext, cell, empty, figure,
                     paged_bars, status_counts, svg_frame, table)
from .geometry import (SMALL, WIDTH, Scale, centred_text, coord, label_column, legend,
                       nice_domain, row_layout, text_width)

# National objective for fixed Internet access at 50/10 Mbit/s (download /
# upload, the CRTC's universal service objective, 2016): 98 % of Canadian
# homes by 2026 and 100 % by 2030 (Government of Canada, Universal Broadband
# Fund). The line drawn is the first milestone not before the data's year.
NATIONAL_OBJECTIVE = ((2026, 98), (2030, 100))

CONDITION_STATUSES = ("réunie", "partielle", "absente")
CONDITION_WORDS = {"réunie": ("réunie", "réunies"), "partielle": ("partielle", "partielles"),
                   "absente": ("absente", "absentes")}
CONDITION_LOOK = {"réunie": ("plein", "ok"), "partielle": ("hachures", "attente"),
                  "absente": ("points", "alerte")}


def percent(value) -> str:
    return french.percent(value, 1)


# --- conditions of success ------------------------------------------------------------

def _condition_counts(rows: list, themes: list) -> dict:
    return {t: {s: sum(1 for r in rows if r.get("theme") == t and r.get("statut") == s)
                for s in CONDITION_STATUSES} for t in themes}


def _stacked_bar(counts: dict, scale: Scale, row: dict, summary: str) -> dict:
    start, segments = 0, []
    for status in CONDITION_STATUSES:
        n = counts[status]
        if n:
            pattern, look = CONDITION_LOOK[status]
            segments.append({"x": scale(start), "w": coord(scale(start + n) - scale(start)),
                             "pattern": pattern, "look": look, "status": status, "n": n})
            start += n
    return {"row": row, "segments": segments, "total": start, "text": summary}


def _conditions_table(counts: dict, themes: list, totals: dict, count: int) -> dict:
    statuses = [french.capitalise(s) for s in CONDITION_STATUSES]
    rows = [[cell(french.capitalise(t))]
            + [cell(french.number(counts[t][s]), True) for s in CONDITION_STATUSES]
            + [cell(french.number(sum(counts[t].values())), True)] for t in themes]
    foot = ([cell("Total")] + [cell(french.number(totals[s]), True)
                               for s in CONDITION_STATUSES]
            + [cell(french.number(count), True)])
    return table("Conditions de réussite par thème et par statut",
                 ["Thème"] + statuses + ["Total"], rows, foot)


def conditions(ctx: ChartContext) -> dict:
    title = "Conditions de réussite par thème et par statut"
    rows = ctx.index.rows("conditions")
    if not rows:
        return empty(ctx, "conditions", "conditions", "Aucune condition de réussite "
                     "n'est encore inscrite : le graphique se dessinera avec elles.", title)
    themes = [t for t in GRIDS["conditions"].column("theme").choices
              if any(r.get("theme") == t for r in rows)]
    counts = _condition_counts(rows, themes)
    totals = {s: sum(counts[t][s] for t in themes) for s in CONDITION_STATUSES}
    summary = (f"Sur {french.count(len(rows), 'condition de réussite', 'conditions de réussite')}"
               f" : {status_counts(totals, CONDITION_WORDS)}.")
    summaries = {t: " · ".join(f"{n} {french.agree(n, *CONDITION_WORDS[s])}"
                               for s, n in counts[t].items() if n) for t in themes}
    labels = [french.capitalise(t) for t in themes]
    label_w = label_column(labels, 0.26)
    right_w = max(text_width(s, SMALL) for s in summaries.values()) + 12
    x0, x1 = label_w + 8, WIDTH - right_w
    largest = max(sum(c.values()) for c in counts.values())
    _, high, ticks = nice_domain([0, largest], count=min(5, max(largest, 1)))
    scale = Scale(0, high, x0, x1)
    items, legend_h = legend([(f"{CONDITION_LOOK[s][0]} {CONDITION_LOOK[s][1]}",
                               french.capitalise(s)) for s in CONDITION_STATUSES], 6)
    top = 6 + legend_h + 8
    layout, bottom = row_layout(labels, top, label_w)
    svg = svg_frame("graphique-conditions", 1, 1, title, summary, bottom + 30,
                    legend_items=items,
                    patterns=[f"{CONDITION_LOOK[s][0]}-{CONDITION_LOOK[s][1]}"
                              for s in CONDITION_STATUSES])
    svg.update({"bars": [_stacked_bar(counts[t], scale, row, summaries[t])
                         for t, row in zip(themes, layout)],
                "x0": x0, "x1": x1, "y_top": coord(top), "y_bottom": coord(bottom),
                "bar_h": BAR, "x_text": coord(x1 + 8),
                "ticks": [{"x": scale(t), "text": french.number(t)}
                          for t in ticks if float(t).is_integer()]})
    years = sorted({r.get("annee") for r in rows if r.get("annee")})
    note = (f"Données de {french.join([str(y) for y in years])} (étape 5)." if years else "")
    return figure("conditions", "chart/stacked_bars.html", title, summary, [svg],
                  _conditions_table(counts, themes, totals, len(rows)), [note])


# --- connectivity ------------------------------------------------------------------------

def national_objective(year: int) -> tuple:
    """(year of the milestone, share of homes) of the objective in force."""
    for milestone, share in NATIONAL_OBJECTIVE:
        if year <= milestone:
            return milestone, share
    return NATIONAL_OBJECTIVE[-1]


def _latest_by_municipality(rows: list) -> dict:
    latest = {}
    for row in rows:
        name = row.get("municipalite")
        kept = latest.get(name)
        if kept is None or (row.get("annee") or 0) >= (kept.get("annee") or 0):
            latest[name] = row
    return latest


def _connectivity_summary(measured: list, missing: list, goal_year: int, goal) -> str:
    meets = [r for r in measured if r["foyers_50_10"] >= goal]
    lowest = measured[-1]
    summary = (f"{french.count(len(meets), 'municipalité', 'municipalités')} sur "
               f"{french.number(len(measured))} "
               f"{french.agree(len(meets), 'atteint', 'atteignent')} l'objectif national "
               f"de {percent(goal)} des foyers à 50/10 Mbit/s visé pour {goal_year}")
    if len(measured) > 1:
        summary += (f" ; la moins bien desservie, {lowest['municipalite']}, est à "
                    f"{percent(lowest['foyers_50_10'])}")
    summary += "."
    if missing:
        summary += (f" {french.count(len(missing), 'municipalité', 'municipalités')} sans "
                    f"donnée : {french.join(missing[:5])}"
                    f"{' et d’autres' if len(missing) > 5 else ''}.")
    return summary


def _connectivity_notes(sources: list) -> list:
    notes = [f"Source : {src}, {yr}." for src, yr in sources[:3]]
    if len(sources) > 3:
        notes[-1] = notes[-1][:-1] + " ; les autres figurent dans le tableau."
    milestones = french.join([f"{percent(share)} en {year}"
                              for year, share in NATIONAL_OBJECTIVE])
    notes.append(f"Objectif national : {milestones} des foyers à 50/10 Mbit/s "
                 "(gouvernement du Canada) ; 50/10 Mbit/s (téléchargement / "
                 "téléversement) est l'objectif de service universel du CRTC.")
    return notes


def _connectivity_table(entries: list, latest: dict, goal, several: bool) -> dict:
    def row_of(name, value):
        known = latest.get(name) or {}
        return ([cell(name),
                 cell(percent(value) if value is not None else "aucune donnée", True),
                 cell(("oui" if value >= goal else "non") if value is not None else "—"),
                 cell(known.get("couverture_cellulaire"))]
                + ([cell(known.get("source"))] if several else [])
                + [cell(str(known["annee"]) if known.get("annee") else None, True)])
    return table("Part des foyers ayant accès à 50/10 Mbit/s, par municipalité",
                 ["Municipalité", "Foyers à 50/10 Mbit/s",
                  f"Objectif de {percent(goal)} atteint", "Couverture cellulaire"]
                 + (["Source"] if several else []) + ["Année"],
                 [row_of(name, value) for name, value in entries])


def _connectivity_svgs(title: str, summary: str, entries: list, goal_year: int,
                       goal) -> list:
    label_w = label_column([e[0] for e in entries], 0.34)
    x0, x1 = label_w + 8, WIDTH - 84
    scale = Scale(0, 100, x0, x1)
    items, legend_h = legend([("plein ok", "Atteint l'objectif national"),
                              ("hachures principal", "Sous l'objectif"),
                              ("tirets texte", f"Objectif national ({percent(goal)} "
                                               f"des foyers en {goal_year})")], 6)
    band = 6 + legend_h + 6
    goal_label = f"Objectif {goal_year} : {percent(goal)}"

    def bar(entry, row):
        name, value = entry
        return {"row": row, "name": name, "value": value,
                "reached": value is not None and value >= goal,
                "x": x0, "w": coord(scale(value) - x0) if value is not None else 0,
                "text": percent(value) if value is not None else "—"}

    def extra(bottom):
        return {"x0": x0, "x1": x1, "x_symbol": coord(x1 + 16), "x_value": coord(WIDTH - 4),
                "ticks": [{"x": scale(t), "text": percent(t)} for t in (0, 25, 50, 75, 100)],
                "objective": {"line_x": scale(goal), "y": coord(band + 12),
                              **centred_text(scale(goal), goal_label, x0, WIDTH - 2)}}

    spec = Bars("graphique-connectivite", title, summary, "municipalités", label_w,
                band + 20, items, ("hachures-principal",), minimum=24,
                per_svg=ROWS_PER_SVG * 2)
    return paged_bars(spec, entries, [e[0] for e in entries], bar, extra)


def connectivity(ctx: ChartContext) -> dict:
    title = "Foyers ayant accès à Internet à 50/10 Mbit/s, par municipalité"
    latest = _latest_by_municipality(ctx.index.rows("connectivite"))
    if not latest:
        return empty(ctx, "connectivite", "connectivite", "Aucune donnée de connectivité "
                     "n'est encore inscrite : le graphique par municipalité se dessinera "
                     "avec elles.", title)
    measured = sorted(latest.values(), key=lambda r: (-r["foyers_50_10"],
                                                       fold(r["municipalite"])))
    missing = [m["nom"] for m in ctx.index.rows("municipalites") if m["nom"] not in latest]
    goal_year, goal = national_objective(max(r["annee"] for r in measured))
    summary = _connectivity_summary(measured, missing, goal_year, goal)
    entries = [(r["municipalite"], r["foyers_50_10"]) for r in measured] + [
        (name, None) for name in missing]
    sources = sorted({(r.get("source") or "", r.get("annee")) for r in measured},
                     key=lambda s: (-(s[1] or 0), s[0]))
    several = len({src for src, _ in sources}) > 1  # else the note names the source
    return figure("connectivite", "chart/connectivity.html", title, summary,
                  _connectivity_svgs(title, summary, entries, goal_year, goal),
                  _connectivity_table(entries, latest, goal, several),
                  _connectivity_notes(sources))
