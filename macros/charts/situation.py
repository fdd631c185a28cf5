"""Charts of the state of the territory (step 5): the conditions of success by
theme and status, and Internet access municipality by municipality."""

from __future__ import annotations

from ..plan import french
from ..plan.catalog import GRIDS
from ..plan.values import fold
from .figure import (BAR, ROWS_PER_SVG, Bars, ChartContext, cell, empty, figure,
                     known_rows, paged_bars, status_counts, svg_frame, table,
                     unknown_note)
from .geometry import (SMALL, Scale, centred_text, coord, label_column, legend,
                       narrow, nice_domain, row_layout, text_width, width)

# National objective for fixed Internet access at 50/10 Mbit/s (download /
# upload, the CRTC's universal service objective, 2016): 98 % of Canadian
# homes by 2026 and 100 % by 2030 (Government of Canada, Universal Broadband
# Fund). The line drawn is the first milestone not before the data's year.
NATIONAL_OBJECTIVE = ((2026, 98), (2030, 100))

# A connectivity row for the whole territory (« ensemble du territoire »): no bar
# among the municipalities, a sentence and the table's last line.
WHOLE = GRIDS["connectivite"].column("municipalite").whole
WHOLE_LABEL = french.capitalise(WHOLE)

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
    listed = ctx.index.rows("conditions")
    rows = known_rows(listed, "theme", "statut")
    if not listed:
        return empty(ctx, "conditions", "conditions", "Aucune condition de réussite "
                     "n'est encore inscrite : le graphique se dessinera avec elles.", title)
    if not rows:
        return empty(ctx, "conditions", "conditions", "Le thème ou le statut des "
                     "conditions de réussite n'est pas encore connu : le graphique se "
                     "dessinera avec eux.", title)
    themes = [t for t in GRIDS["conditions"].column("theme").choices
              if any(r.get("theme") == t for r in rows)]
    counts = _condition_counts(rows, themes)
    totals = {s: sum(counts[t][s] for t in themes) for s in CONDITION_STATUSES}
    summary = (f"Sur {french.count(len(rows), 'condition de réussite', 'conditions de réussite')}"
               f" : {status_counts(totals, CONDITION_WORDS)}.")
    unknown = unknown_note(len(listed) - len(rows), "condition", "conditions",
                           "thème ou statut")
    summary = f"{summary} {unknown}".strip()
    summaries = {t: " · ".join(f"{n} {french.agree(n, *CONDITION_WORDS[s])}"
                               for s, n in counts[t].items() if n) for t in themes}
    labels = [french.capitalise(t) for t in themes]
    label_w = label_column(labels, 0.26)
    right_w = max(text_width(s, SMALL) for s in summaries.values()) + 12
    x0, x1 = label_w + 8, width() - right_w
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
    note = (f"Données {french.join([french.from_date(y) for y in years])} (étape 5)."
            if years else "")
    return figure("conditions", "chart/stacked_bars.html", title, summary, [svg],
                  _conditions_table(counts, themes, totals, len(rows)), [note])


# --- connectivity ------------------------------------------------------------------------

def national_objective(year: int) -> tuple:
    """(year of the milestone, share of homes) of the objective in force."""
    for milestone, share in NATIONAL_OBJECTIVE:
        if year <= milestone:
            return milestone, share
    return NATIONAL_OBJECTIVE[-1]


def _measured_after(row: dict, kept: dict) -> bool:
    """Is ``row`` at least as recent as ``kept`` (a row without a year is oldest)?"""
    if kept.get("annee") is None:
        return True
    return row.get("annee") is not None and row["annee"] >= kept["annee"]


def _latest_by_municipality(rows: list) -> dict:
    latest = {}
    for row in rows:
        name = row.get("municipalite")
        kept = latest.get(name)
        if kept is None or _measured_after(row, kept):
            latest[name] = row
    return latest


def _some(names: list) -> str:
    return f"{french.join(names[:5])}{' et d’autres' if len(names) > 5 else ''}"


def _territory_sentence(row: dict) -> str:
    """« Pour l'ensemble du territoire : 88 % des foyers (carte fédérale, 2024). »"""
    origin = ", ".join(part for part in (row.get("source"),
                                         row["annee"].french if row.get("annee") else "")
                       if part)
    return (f"Pour l'ensemble du territoire : {percent(row['foyers_50_10'])} des foyers"
            + (f" ({origin})" if origin else "") + ".")


def _connectivity_summary(measured: list, missing: list, goal_year: int, goal,
                          unknown: tuple = (), territory=None) -> str:
    summary = ""
    if measured:
        meets = [r for r in measured if r["foyers_50_10"] >= goal]
        lowest = measured[-1]
        summary = (f"{french.count(len(meets), 'municipalité', 'municipalités')} sur "
                   f"{french.number(len(measured))} "
                   f"{french.agree(len(meets), 'atteint', 'atteignent')} l'objectif canadien "
                   f"de {percent(goal)} des foyers à 50/10 Mbit/s visé pour {goal_year}")
        if len(measured) > 1:
            summary += (f" ; la moins bien desservie, {lowest['municipalite']}, est à "
                        f"{percent(lowest['foyers_50_10'])}")
        summary += "."
    if territory is not None:
        summary += " " + _territory_sentence(territory)
    unknown = list(unknown)
    if unknown:
        summary += (f" {french.count(len(unknown), 'municipalité', 'municipalités')} dont "
                    f"la part n'est pas précisée (inconnue), sans barre : {_some(unknown)}.")
    others = [name for name in missing if name not in unknown]
    if others:
        summary += (f" {french.count(len(others), 'municipalité', 'municipalités')} sans "
                    f"donnée : {_some(others)}.")
    return summary.strip()


def _connectivity_notes(sources: list) -> list:
    notes = [f"Source : {src}, {yr.french}." if yr else f"Source : {src}."
             for src, yr in sources[:3]]
    if len(sources) > 3:
        notes[-1] = notes[-1][:-1] + " ; les autres figurent dans le tableau."
    milestones = french.join([f"{percent(share)} en {year}"
                              for year, share in NATIONAL_OBJECTIVE])
    notes.append(f"Objectif canadien : {milestones} des foyers à 50/10 Mbit/s "
                 "(gouvernement du Canada, pour l'ensemble du pays et non pour chaque "
                 "territoire) ; 50/10 Mbit/s (téléchargement / "
                 "téléversement) est l'objectif de service universel du CRTC.")
    return notes


def _connectivity_table(entries: list, latest: dict, goal, several: bool,
                        unknown: tuple = (), territory=None) -> dict:
    def row_of(name, value, known=None):
        known = known if known is not None else latest.get(name) or {}
        absent = "non précisé" if name in unknown else "aucune donnée"
        return ([cell(name),
                 cell(percent(value) if value is not None else absent, True),
                 cell(("oui" if value >= goal else "non") if value is not None else "—"),
                 cell(known.get("couverture_cellulaire"))]
                + ([cell(known.get("source"))] if several else [])
                + [cell(known["annee"].french if known.get("annee") else None, True)])
    foot = (row_of(WHOLE_LABEL, territory["foyers_50_10"], territory)
            if territory is not None else None)
    return table("Part des foyers ayant accès à 50/10 Mbit/s, par municipalité",
                 ["Municipalité", "Foyers à 50/10 Mbit/s",
                  f"Objectif de {percent(goal)} atteint", "Couverture cellulaire"]
                 + (["Source"] if several else []) + ["Année"],
                 [row_of(name, value) for name, value in entries], foot)


def _connectivity_svgs(title: str, summary: str, entries: list, goal_year: int,
                       goal, unknown: tuple = ()) -> list:
    label_w = label_column([e[0] for e in entries], 0.34)
    x0, x1 = label_w + 8, width() - 84
    scale = Scale(0, 100, x0, x1)
    items, legend_h = legend([("plein ok", "Atteint l'objectif canadien"),
                              ("hachures principal", "Sous l'objectif"),
                              ("tirets texte", f"Objectif canadien ({percent(goal)} "
                                               f"des foyers en {goal_year})")], 6)
    band = 6 + legend_h + 6
    goal_label = f"Objectif {goal_year} : {percent(goal)}"

    def bar(entry, row):
        name, value = entry
        return {"row": row, "name": name, "value": value,
                "reached": value is not None and value >= goal,
                "x": x0, "w": coord(scale(value) - x0) if value is not None else 0,
                "text": percent(value) if value is not None else "—",
                "empty_text": "non précisé" if name in unknown else "aucune donnée"}

    def extra(bottom):
        return {"x0": x0, "x1": x1, "x_symbol": coord(x1 + 16), "x_value": coord(width() - 4),
                "ticks": [{"x": scale(t), "text": percent(t)} for t in ((0, 50, 100) if narrow() else (0, 25, 50, 75, 100))],
                "objective": {"line_x": scale(goal), "y": coord(band + 12),
                              **centred_text(scale(goal), goal_label, x0, width() - 2)}}

    spec = Bars("graphique-connectivite", title, summary, "municipalités", label_w,
                band + 20, items, ("hachures-principal",), minimum=24,
                per_svg=ROWS_PER_SVG * 2)
    return paged_bars(spec, entries, [e[0] for e in entries], bar, extra)


def connectivity(ctx: ChartContext) -> dict:
    title = "Foyers ayant accès à Internet à 50/10 Mbit/s, par municipalité"
    rows = ctx.index.rows("connectivite")
    # A share written « inconnu » is no bar: the municipality is listed, « non précisé ».
    known = [r for r in rows if r.get("foyers_50_10") is not None]
    latest = _latest_by_municipality([r for r in known if r.get("municipalite") != WHOLE])
    territory = _latest_by_municipality([r for r in known
                                         if r.get("municipalite") == WHOLE]).get(WHOLE)
    if not latest and territory is None and rows:
        return empty(ctx, "connectivite", "connectivite", "La part des foyers à 50/10 "
                     "Mbit/s n'est encore connue pour aucune municipalité (« inconnu ») : le "
                     "graphique se dessinera avec elle ; la grille de l'étape 5 montre ce "
                     "qui est inscrit.", title)
    if not latest and territory is None:
        return empty(ctx, "connectivite", "connectivite", "Aucune donnée de connectivité "
                     "n'est encore inscrite : le graphique par municipalité se dessinera "
                     "avec elles.", title)
    measured = sorted(latest.values(), key=lambda r: (-r["foyers_50_10"],
                                                       fold(r["municipalite"])))
    names = [m["nom"] for m in ctx.index.rows("municipalites") if m.get("nom")]
    unknown = tuple(name for name in dict.fromkeys(r.get("municipalite") for r in rows)
                    if name not in (None, WHOLE) and name not in latest)
    missing = [name for name in names if name not in latest]
    missing += [name for name in unknown if name not in missing]
    years = [r["annee"] for r in measured + ([territory] if territory else [])
             if r.get("annee") is not None]
    goal_year, goal = (national_objective(max(years).year) if years
                       else NATIONAL_OBJECTIVE[0])
    summary = _connectivity_summary(measured, missing, goal_year, goal, unknown, territory)
    entries = [(r["municipalite"], r["foyers_50_10"]) for r in measured] + [
        (name, None) for name in missing]
    sourced = measured + ([territory] if territory else [])
    sources = sorted({(r.get("source") or "", r.get("annee")) for r in sourced},
                     key=lambda s: s[0])
    sources.sort(key=lambda s: s[1].last_day if s[1] else (0,), reverse=True)
    several = len({src for src, _ in sources}) > 1  # else the note names the source
    notes = _connectivity_notes(sources)
    if territory is not None:
        notes.insert(0, f"La ligne « {WHOLE_LABEL} » donne la part pour tout le "
                        "territoire, telle que la source l'écrit ; elle n'a pas de barre.")
    return figure("connectivite", "chart/connectivity.html", title, summary,
                  _connectivity_svgs(title, summary, entries, goal_year, goal, unknown)
                  if entries else [],
                  _connectivity_table(entries, {**_latest_by_municipality(rows), **latest},
                                      goal, several, unknown, territory),
                  notes)
