"""The chart of one indicator: a quantitative one (baseline, measures over
time, target and the straight path between them), or a milestone (each
measure, reached or not, and the deadline)."""

from __future__ import annotations

from ..plan import french, followup
from ..plan.followup import first_day, last_day
from ..plan.index import heading
from ..plan.model import anchor_for, is_unknown
from .figure import ChartContext, cell, empty, figure, svg_frame, table
from .geometry import (LINE, SMALL, Scale, TimeScale, centred_text, coord, legend,
                       nice_domain, shorten, text_width, time_domain, year_marks)

SMALL_WIDTH = 320


def _title(state) -> str:
    return heading("indicateurs", state.indicator)


def _deadline_text(i: dict) -> str:
    return i["echeance"].french if i.get("echeance") else None


def indicator(ctx: ChartContext, state) -> dict:
    key = f"indicateur-{anchor_for(state.id)}"
    if state.indicator.get("nature") is None:  # « inconnu »: neither a curve nor a milestone
        return empty(ctx, key, "indicateurs", "La nature de cet indicateur (quantitatif ou "
                     "jalon) n'est pas précisée : son graphique se dessinera quand elle le "
                     "sera.", _title(state))
    if state.quantitative:
        return _quantitative(ctx, state, key)
    return _milestone(ctx, state, key)


# --- quantitative -----------------------------------------------------------------------

def _quantitative_summary(state, points: list) -> str:
    i, unit = state.indicator, state.indicator.get("unite")
    base, target = i.get("valeur_depart"), i.get("cible")
    parts = []
    if base is not None:
        since = i.get("annee_depart")
        parts.append(f"départ : {french.quantity(base, unit)}"
                     + (f" {french.on_date(since)}" if since else ""))
    if points:
        last = state.latest
        parts.append(f"dernière mesure : {french.quantity(last['valeur'], unit)} "
                     f"({last['date'].french}, "
                     f"{french.count(len(points), 'mesure', 'mesures')})")
    else:
        parts.append("aucune mesure")
    if target is not None:
        parts.append(f"cible : {french.quantity(target, unit)} "
                     f"{french.on_date(i['echeance'])}"
                     if i.get("echeance") else f"cible : {french.quantity(target, unit)}")
    elif is_unknown(i, "cible"):
        parts.append("cible : non précisée (aucune trajectoire n'est tracée)")
    return (french.capitalise(" ; ".join(parts))
            + f". {french.capitalise(state.status)} : {state.reason}.")


def _quantitative_table(ctx: ChartContext, state) -> dict:
    i, unit = state.indicator, state.indicator.get("unite")
    rows = []
    if i.get("valeur_depart") is not None:
        since = i.get("annee_depart")
        rows.append([cell("Valeur de départ"), cell(since.french if since else None),
                     cell(french.quantity(i["valeur_depart"], unit), True), cell("")])
    for m in ctx.index.measures_by_indicator.get(state.id, []):
        rows.append([cell("Mesure"), cell(m["date"].french),
                     cell(french.quantity(m.get("valeur"), unit), True),
                     cell(m.get("commentaire"))])
    if i.get("cible") is not None or is_unknown(i, "cible"):
        rows.append([cell("Cible"), cell(_deadline_text(i)),
                     cell(french.quantity(i.get("cible"), unit), True), cell("")])
    return table(f"Valeurs de l'indicateur {state.id}", ["Repère", "Date", "Valeur",
                                                         "Commentaire"], rows)


def _marks(i: dict, xs, ys, base_day, deadline) -> list:
    unit = i.get("unite")
    base, target = i.get("valeur_depart"), i.get("cible")
    marks = []
    if base is not None and base_day:
        marks.append({"kind": "start", "x": xs(base_day), "y": ys(base),
                      "text": french.quantity(base, unit)})
    if target is not None and deadline:
        marks.append({"kind": "target", "x": xs(deadline), "y": ys(target),
                      "text": french.quantity(target, unit)})
    return marks


def _trajectory(i: dict, xs, ys, base_day, deadline):
    """The straight path from the baseline to the target, when both are known."""
    base, target = i.get("valeur_depart"), i.get("cible")
    if base is None or target is None or not base_day or not deadline:
        return None
    return {"x1": xs(base_day), "y1": ys(base), "x2": xs(deadline), "y2": ys(target)}


def _quantitative_svg(ctx: ChartContext, state, key: str, title: str, summary: str,
                      points: list) -> dict:
    i, unit = state.indicator, state.indicator.get("unite")
    base_day, deadline = followup.baseline_day(i), last_day(i.get("echeance"))
    width, height = SMALL_WIDTH, 230
    values = [v for _, v in points] + [v for v in (i.get("valeur_depart"), i.get("cible"))
                                       if v is not None]
    low, high, ticks = nice_domain(values, count=4)
    tick_texts = [french.number(t) for t in ticks]
    has_target = i.get("cible") is not None and deadline is not None
    has_path = has_target and i.get("valeur_depart") is not None and base_day is not None
    # No target written (« cible : inconnu »): neither its mark nor a path to it.
    keys = ([("symbole-carre texte", "Départ"), ("symbole-rond principal", "Mesure")]
            + ([("symbole-losange ok", "Cible")] if has_target else [])
            + ([("tirets neutre", "Trajectoire prévue")] if has_path else []))
    items, legend_h = legend(keys, 4, width=width)
    top, bottom = 4 + legend_h + 14, height - 24
    x0, x1 = max(text_width(t, SMALL) for t in tick_texts) + 10, width - 14
    days = [d for d in (base_day, deadline) if d] + [d for d, _ in points]
    xs = TimeScale(*time_domain(days, ctx.reference.day), x0, x1)
    ys = Scale(low, high, bottom, top)
    marks = _marks(i, xs, ys, base_day, deadline)
    measures = [{"x": xs(d), "y": ys(v)} for d, v in points]
    svg = svg_frame(f"graphique-{key}", 1, 1, title, summary, height, width=width,
                    legend_items=items)
    year_lines, year_labels = year_marks(xs, bottom + 17, 6)
    svg.update({
        "x0": x0, "x1": x1, "y_top": coord(top), "y_bottom": coord(bottom),
        "y_ticks": [{"y": ys(t), "text": tx} for t, tx in zip(ticks, tick_texts)],
        "years": year_lines, "year_labels": year_labels, "marks": marks, "measures": measures,
        "line": " ".join(f"{m['x']},{m['y']}" for m in measures) if len(measures) > 1 else "",
        "trajectory": _trajectory(i, xs, ys, base_day, deadline),
        "labels": _point_labels(marks, measures, points, unit, x0, x1, top, bottom),
        "unit": shorten(unit or "", width / 2, SMALL), "x_unit": coord(4),
        "y_unit": coord(top - 6),
        "empty": None if points else {"x": coord((x0 + x1) / 2), "y": coord((top + bottom) / 2),
                                      "text": "Aucune mesure pour l'instant"},
    })
    return svg


def _quantitative(ctx: ChartContext, state, key: str) -> dict:
    points = [(first_day(m["date"]), m["valeur"]) for m in state.measures]
    title, summary = _title(state), _quantitative_summary(state, points)
    svg = _quantitative_svg(ctx, state, key, title, summary, points)
    return figure(key, "chart/indicator.html", title, summary, [svg],
                  _quantitative_table(ctx, state), modifier="indicateur")


def _point_labels(marks, measures, points, unit, x0, x1, top, bottom) -> list:
    """Value labels of the baseline, the target and the latest measure.

    The target's label goes above it, towards the left; the baseline's on
    the side away from where the values go; the latest measure's to its
    right (the line comes from the left), else to its left. A label that
    would touch one already placed moves down or up a line.
    """
    taken, labels = [], []
    base = next((m for m in marks if m["kind"] == "start"), None)
    target = next((m for m in marks if m["kind"] == "target"), None)
    rising = target["y"] <= base["y"] if base and target else True

    def place(x, y, text, side, dy):
        width = text_width(text, SMALL)
        for shift in (0, LINE, -LINE, 2 * LINE, -2 * LINE):
            if side == "right" and x + 8 + width > x1:
                side = "left"
            if side == "left" and x - 8 - width < x0:
                side = "right"
            lx = x + 8 if side == "right" else x - 8 - width
            ly = min(max(y + dy + shift, top + SMALL), bottom - 3)
            box = (lx, ly - SMALL, lx + width, ly + 3)
            if not any(_overlap(box, other) for other in taken) or shift == -2 * LINE:
                taken.append(box)
                labels.append({"x": coord(lx), "y": coord(ly), "anchor": "start",
                               "text": text})
                return

    if target:
        place(target["x"], target["y"], target["text"], "left", -8)
    if base:
        place(base["x"], base["y"], base["text"], "right", 16 if rising else -8)
    if measures:
        last = measures[-1]
        place(last["x"], last["y"], french.quantity(points[-1][1], unit), "right", 4)
    return labels


def _overlap(a, b) -> bool:
    return not (a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1])


# --- milestone ----------------------------------------------------------------------------

def _milestone_summary(state) -> str:
    i, latest = state.indicator, state.latest
    summary = (f"Jalon à atteindre au plus tard {french.on_date(i['echeance'])}"
               if i.get("echeance") else "Jalon")
    summary += f" : {i.get('resultat_attendu') or ''}".rstrip(" :.") + ". "
    summary += (f"Dernière mesure ({latest['date'].french}) : "
                f"{'atteint' if latest['atteint'] else 'non atteint'}. "
                if latest else "Aucune mesure pour l'instant. ")
    return summary + f"{french.capitalise(state.status)} : {state.reason}."


def _milestone_table(ctx: ChartContext, state) -> dict:
    def result(m):
        if m.get("atteint") is None:
            return "non précisé"
        return "atteint" if m["atteint"] else "non atteint"
    rows = [[cell("Mesure"), cell(m["date"].french), cell(result(m)),
             cell(m.get("commentaire"))]
            for m in ctx.index.measures_by_indicator.get(state.id, [])]
    rows.append([cell("Échéance"), cell(_deadline_text(state.indicator)),
                 cell(state.indicator.get("resultat_attendu")), cell("")])
    return table(f"Mesures du jalon {state.id}", ["Repère", "Date", "Résultat",
                                                  "Commentaire"], rows)


def _milestone(ctx: ChartContext, state, key: str) -> dict:
    i = state.indicator
    title, summary = _title(state), _milestone_summary(state)
    deadline = last_day(i.get("echeance"))
    points = [(first_day(m["date"]), bool(m["atteint"])) for m in state.measures]
    width, height = SMALL_WIDTH, 150
    items, legend_h = legend([("symbole-coche ok", "Atteint"),
                              ("symbole-croix alerte", "Non atteint"),
                              ("tirets texte", "Échéance")], 4, width=width)
    top, bottom = 4 + legend_h + 14, height - 24
    x0, x1 = 14, width - 14
    days = [d for d in (deadline, ctx.reference.day, followup.baseline_day(i)) if d]
    xs = TimeScale(*time_domain(days + [d for d, _ in points]), x0, x1)
    middle = coord((top + bottom) / 2)
    svg = svg_frame(f"graphique-{key}", 1, 1, title, summary, height, width=width,
                    legend_items=items)
    year_lines, year_labels = year_marks(xs, bottom + 17, 6)
    svg.update({
        "x0": x0, "x1": x1, "y_top": coord(top), "y_bottom": coord(bottom),
        "y_middle": middle, "years": year_lines, "year_labels": year_labels,
        "deadline": ({"line_x": xs(deadline), **centred_text(
            xs(deadline), "Échéance : " + french.moment(i["echeance"]), x0, x1)}
            if deadline else None),
        "points": [{"x": xs(d), "reached": ok} for d, ok in points],
        "empty": None if points else {"x": coord((x0 + x1) / 2), "y": coord(middle - 14),
                                      "text": "Aucune mesure pour l'instant"},
    })
    return figure(key, "chart/milestone.html", title, summary, [svg],
                  _milestone_table(ctx, state), modifier="indicateur")
