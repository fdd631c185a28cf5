"""What each chart shows, computed from the plan's data: shapes and sentences.

One function per chart turns the already-loaded data (``views.PlanIndex``,
the same indexes as the grids) into a plain dict that a template of
``templates/graphique_*.html`` lays out as inline SVG, with its title, its
text alternative (a French sentence computed from the data) and the same
data as an HTML table. Geometry comes from ``charts.py``, statuses and the
reference date from ``followup.py``. Values are formatted here and escaped
by the templates' Jinja environment, like every other value of the site.

Charts with many rows (200 projects, a hundred municipalities) are cut into
several SVGs of at most ``ROWS_PER_SVG`` rows: each stays readable, prints
on a page and keeps its own title and text alternative.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import followup
from .catalog import GRIDS
from .charts import (LINE, SMALL, WIDTH, Scale, TimeScale, agree, as_date, centred_text,
                     chunks, coord, counted, date_short, french_list, label_column,
                     legend, money_range_short, money_short, nice_domain, row_layout,
                     shorten, side_text, text_width, time_domain, wrap, year_marks)
from .followup import (INDICATOR_STATUSES, LATE, ON_TRACK, PROJECT_STATUSES, REACHED,
                       UNKNOWN, first_day, last_day)
from .model import anchor_for
from .progress import DONE, STARTED, step_progress, summary
from .values import MONTHS, NBSP, Amount, fold, format_number
from .views import period_text

ROWS_PER_SVG = 25
BAR = 14  # height of a bar
STATUS_WIDTH = 150  # the timeline's status column

# National objective for fixed Internet access at 50/10 Mbit/s (download /
# upload, the CRTC's universal service objective, 2016): 98 % of Canadian
# homes by 2026 and 100 % by 2030 (Government of Canada, Universal Broadband
# Fund). The line drawn is the first milestone not before the data's year.
NATIONAL_OBJECTIVE = ((2026, 98), (2030, 100))

# French forms of the statuses for counts: (singular, plural).
PROJECT_WORDS = {
    "terminé": ("terminé", "terminés"), "en cours": ("en cours", "en cours"),
    "reporté": ("reporté", "reportés"), "à venir": ("à venir", "à venir"),
    "abandonné": ("abandonné", "abandonnés"),
    "non programmé": ("non programmé", "non programmés"),
}
INDICATOR_WORDS = {
    REACHED: ("atteint", "atteints"), ON_TRACK: ("en bonne voie", "en bonne voie"),
    LATE: ("en retard", "en retard"), UNKNOWN: ("à évaluer", "à évaluer"),
}
CONDITION_STATUSES = ("réunie", "partielle", "absente")
CONDITION_WORDS = {"réunie": ("réunie", "réunies"), "partielle": ("partielle", "partielles"),
                   "absente": ("absente", "absentes")}
CONDITION_LOOK = {"réunie": ("plein", "ok"), "partielle": ("hachures", "attente"),
                  "absente": ("points", "alerte")}
FUNDING_CONFIRMED = ("confirmé", "reçu")


@dataclass
class ChartContext:
    """What a chart needs: the indexes, the reference date, links, the load."""

    index: object  # views.PlanIndex
    reference: followup.Reference
    linker: object  # views.Linker
    loaded: object  # loader.LoadedData (the steps' progress needs it)


# --- small helpers ---------------------------------------------------------------------------

def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def percent(value) -> str:
    return f"{format_number(round(value, 1))}{NBSP}%"


def quantity(value, unit) -> str:
    """« 89 % », « 1 350 foyers », « 12 »."""
    if value is None:
        return "non précisée"
    number = format_number(round(value, 2))
    if not unit:
        return number
    return f"{number}{NBSP}%" if unit.strip() == "%" else f"{number} {unit}"


def status_counts(counts: dict, words: dict) -> str:
    """« 5 en cours, 1 terminé et 1 reporté » (statuses with a count only)."""
    parts = [f"{format_number(n)} {agree(n, *words[status])}"
             for status, n in counts.items() if n]
    return french_list(parts) or "aucun"


def cell(text, num: bool = False, href: str = "") -> dict:
    """A table cell: ``num`` aligns a number right, ``href`` makes a link."""
    return {"text": text if text not in (None, "") else "—", "num": num, "href": href}


def table(caption: str, head: list, rows: list, foot: list = None) -> dict:
    return {"caption": caption, "head": head, "rows": rows, "foot": foot or []}


def empty(key: str, grid: str, phrase: str, title: str) -> dict:
    return {"id": f"graphique-{key}", "gabarit": "graphique_vide.html", "titre": title,
            "vide": {"grille": grid, "phrase": phrase}}


def figure(key: str, template: str, title: str, summary: str, svgs: list,
           data: dict, notes: list = None, kind: str = "") -> dict:
    return {"id": f"graphique-{key}", "gabarit": template, "titre": title,
            "resume": summary, "notes": [n for n in (notes or []) if n],
            "svgs": svgs, "tableau": data, "genre": kind or key, "vide": None}


def svg_frame(figure_id: str, part: int, parts: int, title: str, desc: str,
              height: float, width: float = WIDTH, legend_items=(), patterns=()) -> dict:
    suffix = f" (partie {part} sur {parts})" if parts > 1 else ""
    return {"id": f"{figure_id}-{part}", "titre": title + suffix, "desc": desc,
            "width": width, "height": coord(height), "legende": list(legend_items),
            "motifs": sorted(set(patterns))}


def part_desc(summary: str, part: int, groups: list, noun: str) -> str:
    """The text alternative of SVG number ``part`` of a chart cut in ``groups``."""
    if len(groups) < 2:
        return summary
    first = sum(len(g) for g in groups[:part - 1]) + 1
    last = first + len(groups[part - 1]) - 1
    return f"{summary} {capitalised(noun)} {first} à {last} de la liste."


def project_label(project: dict) -> str:
    return f"{project.get('rang')}. {project.get('id')} {project.get('titre') or ''}".strip()


def period(start, end) -> str:
    text = period_text(start, end)
    return capitalised(text) if text else "non précisé"


# --- 1. État de situation: conditions by theme and status -----------------------------------

def conditions(ctx: ChartContext) -> dict:
    title = "Conditions de réussite par thème et par statut"
    rows = ctx.index.rows("conditions")
    if not rows:
        return empty("conditions", "conditions", "Aucune condition de réussite n'est "
                     "encore inscrite : le graphique se dessinera avec elles.", title)
    themes = [t for t in GRIDS["conditions"].column("theme").choices
              if any(r.get("theme") == t for r in rows)]
    counts = {t: {s: sum(1 for r in rows if r.get("theme") == t and r.get("statut") == s)
                  for s in CONDITION_STATUSES} for t in themes}
    totals = {s: sum(counts[t][s] for t in themes) for s in CONDITION_STATUSES}
    words = {s: CONDITION_WORDS[s] for s in CONDITION_STATUSES}
    summary = (f"Sur {counted(len(rows), 'condition de réussite', 'conditions de réussite')}"
               f" : {status_counts(totals, words)}.")
    summaries = {t: " · ".join(f"{n} {agree(n, *CONDITION_WORDS[s])}"
                               for s, n in counts[t].items() if n) for t in themes}
    label_w = label_column([capitalised(t) for t in themes], 0.26)
    right_w = max(text_width(s, SMALL) for s in summaries.values()) + 12
    x0, x1 = label_w + 8, WIDTH - right_w
    largest = max(sum(c.values()) for c in counts.values())
    low, high, ticks = nice_domain([0, largest], count=min(5, max(largest, 1)))
    ticks = [t for t in ticks if float(t).is_integer()]
    scale = Scale(0, high, x0, x1)
    items, legend_h = legend([(f"{CONDITION_LOOK[s][0]} {CONDITION_LOOK[s][1]}",
                               capitalised(s)) for s in CONDITION_STATUSES], 6)
    top = 6 + legend_h + 8
    layout, bottom = row_layout([capitalised(t) for t in themes], top, label_w)
    bars = []
    for theme, row in zip(themes, layout):
        start, segments = 0, []
        for status in CONDITION_STATUSES:
            n = counts[theme][status]
            if n:
                pattern, look = CONDITION_LOOK[status]
                segments.append({"x": scale(start), "w": coord(scale(start + n) - scale(start)),
                                 "motif": pattern, "look": look, "statut": status, "n": n})
                start += n
        bars.append({"row": row, "segments": segments, "total": start,
                     "texte": summaries[theme]})
    svg = svg_frame("graphique-conditions", 1, 1, title, summary, bottom + 30,
                    legend_items=items,
                    patterns=[f"{CONDITION_LOOK[s][0]}-{CONDITION_LOOK[s][1]}"
                              for s in CONDITION_STATUSES])
    svg.update({"barres": bars, "x0": x0, "x1": x1, "y_haut": coord(top),
                "y_bas": coord(bottom), "bar_h": BAR,
                "graduations": [{"x": scale(t), "texte": format_number(t)} for t in ticks],
                "x_texte": coord(x1 + 8)})
    data = table("Conditions de réussite par thème et par statut",
                 ["Thème"] + [capitalised(s) for s in CONDITION_STATUSES] + ["Total"],
                 [[cell(capitalised(t))] + [cell(format_number(counts[t][s]), True)
                                            for s in CONDITION_STATUSES]
                  + [cell(format_number(sum(counts[t].values())), True)] for t in themes],
                 [cell("Total")] + [cell(format_number(totals[s]), True)
                                    for s in CONDITION_STATUSES]
                 + [cell(format_number(len(rows)), True)])
    years = sorted({r.get("annee") for r in rows if r.get("annee")})
    note = (f"Données de {french_list([str(y) for y in years])} (étape 5)." if years else "")
    return figure("conditions", "graphique_barres_empilees.html", title, summary, [svg],
                  data, [note])


# --- 1. État de situation: connectivity by municipality ----------------------------------

def national_objective(year: int) -> tuple:
    """(year of the milestone, share of homes) of the objective in force."""
    for milestone, share in NATIONAL_OBJECTIVE:
        if year <= milestone:
            return milestone, share
    return NATIONAL_OBJECTIVE[-1]


def connectivity(ctx: ChartContext) -> dict:
    title = "Foyers ayant accès à Internet à 50/10 Mbit/s, par municipalité"
    latest = {}
    for row in ctx.index.rows("connectivite"):
        name = row.get("municipalite")
        kept = latest.get(name)
        if kept is None or (row.get("annee") or 0) >= (kept.get("annee") or 0):
            latest[name] = row
    if not latest:
        return empty("connectivite", "connectivite", "Aucune donnée de connectivité n'est "
                     "encore inscrite : le graphique par municipalité se dessinera avec "
                     "elles.", title)
    measured = sorted(latest.values(), key=lambda r: (-r["foyers_50_10"],
                                                       fold(r["municipalite"])))
    missing = [m["nom"] for m in ctx.index.rows("municipalites") if m["nom"] not in latest]
    year = max(r["annee"] for r in measured)
    goal_year, goal = national_objective(year)
    meets = [r for r in measured if r["foyers_50_10"] >= goal]
    lowest = measured[-1]
    summary = (f"{counted(len(meets), 'municipalité', 'municipalités')} sur "
               f"{format_number(len(measured))} {agree(len(meets), 'atteint', 'atteignent')}"
               f" l'objectif national de {percent(goal)} des foyers à 50/10 Mbit/s visé "
               f"pour {goal_year}")
    if len(measured) > 1:
        summary += (f" ; la moins bien desservie, {lowest['municipalite']}, est à "
                    f"{percent(lowest['foyers_50_10'])}")
    summary += "."
    if missing:
        summary += (f" {counted(len(missing), 'municipalité', 'municipalités')} sans "
                    f"donnée : {french_list(missing[:5])}"
                    f"{' et d’autres' if len(missing) > 5 else ''}.")
    entries = [(r["municipalite"], r["foyers_50_10"]) for r in measured] + [
        (name, None) for name in missing]
    label_w = label_column([e[0] for e in entries], 0.34)
    x0, x1 = label_w + 8, WIDTH - 84
    scale = Scale(0, 100, x0, x1)
    goal_label = f"Objectif {goal_year} : {percent(goal)}"
    items, legend_h = legend([("plein ok", "Atteint l'objectif national"),
                              ("hachures principal", "Sous l'objectif"),
                              ("tirets texte", f"Objectif national ({percent(goal)} "
                                               f"des foyers en {goal_year})")], 6)
    groups = chunks(entries, ROWS_PER_SVG * 2)
    svgs = []
    for part, group in enumerate(groups, start=1):
        band = 6 + legend_h + 6
        top = band + 20
        layout, bottom = row_layout([e[0] for e in group], top, label_w, minimum=24)
        bars = []
        for (name, value), row in zip(group, layout):
            bars.append({"row": row, "nom": name, "valeur": value,
                         "atteint": value is not None and value >= goal,
                         "x": x0, "w": coord(scale(value) - x0) if value is not None else 0,
                         "texte": percent(value) if value is not None else "—"})
        desc = part_desc(summary, part, groups, "municipalités")
        svg = svg_frame("graphique-connectivite", part, len(groups), title, desc,
                        bottom + 30, legend_items=items,
                        patterns=["hachures-principal"])
        svg.update({
            "barres": bars, "x0": x0, "x1": x1, "y_haut": coord(top),
            "y_bas": coord(bottom), "bar_h": BAR,
            "graduations": [{"x": scale(t), "texte": percent(t)} for t in (0, 25, 50, 75, 100)],
            "objectif": {"ligne_x": scale(goal), "y": coord(band + 12),
                         **centred_text(scale(goal), goal_label, x0, WIDTH - 2)},
            "x_symbole": coord(x1 + 16), "x_valeur": coord(WIDTH - 4),
        })
        svgs.append(svg)
    sources = sorted({(r.get("source") or "", r.get("annee")) for r in measured},
                     key=lambda s: (-(s[1] or 0), s[0]))
    notes = [f"Source : {src}, {yr}." for src, yr in sources[:3]]
    if len(sources) > 3:
        notes[-1] = notes[-1][:-1] + " ; les autres figurent dans le tableau."
    milestones = french_list([f"{percent(share)} en {year}"
                              for year, share in NATIONAL_OBJECTIVE])
    notes.append(f"Objectif national : {milestones} des foyers à 50/10 Mbit/s "
                 "(gouvernement du Canada) ; 50/10 Mbit/s (téléchargement / "
                 "téléversement) est l'objectif de service universel du CRTC.")
    several = len({src for src, _ in sources}) > 1  # else the note names the source
    rows = [[cell(name), cell(percent(value) if value is not None else "aucune donnée", True),
             cell(("oui" if value >= goal else "non") if value is not None else "—"),
             cell(latest[name].get("couverture_cellulaire") if name in latest else None)]
            + ([cell(latest[name].get("source") if name in latest else None)]
               if several else [])
            + [cell(str(latest[name].get("annee")) if name in latest else None, True)]
            for name, value in entries]
    data = table("Part des foyers ayant accès à 50/10 Mbit/s, par municipalité",
                 ["Municipalité", "Foyers à 50/10 Mbit/s",
                  f"Objectif de {percent(goal)} atteint", "Couverture cellulaire"]
                 + (["Source"] if several else []) + ["Année"], rows)
    return figure("connectivite", "graphique_connectivite.html", title, summary, svgs,
                  data, notes)


# --- 2. Échéancier des projets -------------------------------------------------------------

def _states(ctx: ChartContext) -> list:
    return followup.project_states(ctx.index, ctx.reference)


def _status_phrase(states: list) -> str:
    counts = {status: 0 for status in PROJECT_STATUSES}
    for state in states:
        counts[state.status] += 1
    return status_counts(counts, PROJECT_WORDS)


def _progress_text(state) -> str:
    if state.progress is None:
        return ""
    return percent(state.progress)


def _status_text(state) -> str:
    progress = _progress_text(state)
    return f"{state.status} · {progress}" if progress else state.status


def timeline(ctx: ChartContext) -> dict:
    title = "Échéancier des projets prioritaires"
    states = _states(ctx)
    if not states:
        return empty("echeancier", "projets", "Aucun projet prioritaire n'est encore "
                     "inscrit : l'échéancier se dessinera avec eux.", title)
    reference = ctx.reference
    territory = ctx.index.record("territoire")
    days = [reference.day]
    for s in states:
        for d in (*s.planned, *s.revised):
            if d is not None:
                days += [first_day(d), last_day(d)]
    if territory.get("periode_debut") and territory.get("periode_fin"):
        days += [as_date(territory["periode_debut"]), as_date(territory["periode_fin"])]
    start, end = time_domain(days)
    labels = [project_label(s.project) for s in states]
    label_w = label_column(labels, 0.30)
    x0, x1 = label_w + 8, WIDTH - STATUS_WIDTH
    scale = TimeScale(start, end, x0, x1)
    today_x = scale(reference.day)
    items, legend_h = legend([("plein principal", "Calendrier en vigueur"),
                              ("hachures prevu", "Calendrier initial, avant révision"),
                              ("ligne texte", f"Situation au {reference.french}")], 6)
    dated = [s for s in states if s.start or s.end]
    undated = len(states) - len(dated)
    revised = sum(1 for s in states if s.is_revised)
    span = ""
    if dated:
        first = min(first_day(s.start or s.end) for s in dated)
        last = max(last_day(s.end or s.start) for s in dated)
        span = (f", de {_month(first)} à {_month(last)}")
    summary = (f"{counted(len(states), 'projet prioritaire', 'projets prioritaires')}, "
               f"par rang de priorité{span}. Situation au {reference.french} : "
               f"{_status_phrase(states)}.")
    if revised:
        summary += f" {counted(revised, 'calendrier révisé', 'calendriers révisés')}."
    if undated:
        summary += f" {counted(undated, 'projet', 'projets')} sans dates."
    groups = chunks(list(zip(states, labels)), ROWS_PER_SVG)
    svgs = []
    for part, group in enumerate(groups, start=1):
        band = 6 + legend_h + 4
        years_y = band + 30
        top = years_y + 8
        layout, bottom = row_layout([label for _, label in group], top, label_w, minimum=34)
        rows = [_timeline_row(state, row, scale, x0, x1) for (state, _), row in zip(group, layout)]
        year_lines, year_labels = year_marks(scale, years_y)
        desc = part_desc(summary, part, groups, "projets")
        svg = svg_frame("graphique-echeancier", part, len(groups), title, desc,
                        bottom + 12, legend_items=items, patterns=["hachures-prevu"])
        svg.update({
            "lignes": rows, "x0": x0, "x1": x1, "y_haut": coord(top), "y_bas": coord(bottom),
            "annees": year_lines, "etiquettes_annees": year_labels,
            "aujourdhui": {"ligne_x": today_x, "y": coord(band + 12), "y1": coord(band + 16),
                           **centred_text(today_x, reference.short, x0, WIDTH - 2)},
            "x_symbole": coord(x1 + 16), "x_statut": coord(x1 + 28),
        })
        svgs.append(svg)
    data_rows = []
    for state in states:
        p = state.project
        data_rows.append([
            cell(f"{p.get('rang')}. {p.get('id')} {p.get('titre') or ''}",
                 href=ctx.linker.to_row("projets", p.get("id"))),
            cell(period(*state.planned)),
            cell(period(*state.revised) if state.is_revised else "aucune révision"),
            cell(state.status),
            cell(_progress_text(state) or "non précisé", True),
            cell(state.updated.french if state.updated else None),
        ])
    data = table("Calendrier et statut des projets prioritaires, par rang",
                 ["Projet", "Calendrier prévu", "Calendrier révisé", "Statut",
                  "Avancement des actions de l'année", "Dernière mise à jour"], data_rows)
    notes = [f"Statut et avancement tirés de la programmation annuelle (étape 9) ; "
             f"situation au {reference.french} ({reference.note})."]
    return figure("echeancier", "graphique_echeancier.html", title, summary, svgs, data,
                  notes)


def _month(day) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}"


def _timeline_row(state, row, scale: TimeScale, x0: float, x1: float) -> dict:
    middle = row["mid"]
    entry = {"row": row, "symbole": state.symbol, "look": state.look,
             "statut": shorten(_status_text(state), STATUS_WIDTH - 32, SMALL),
             "barres": [], "reperes": [], "note": None}
    planned_start, planned_end = state.planned
    if state.start and state.end:
        if state.is_revised and planned_start and planned_end:
            entry["barres"].append(_bar(scale, planned_start, planned_end, middle - 12, 7,
                                        "initial"))
            entry["barres"].append(_bar(scale, state.start, state.end, middle - 2, 11,
                                        "courant"))
        else:
            entry["barres"].append(_bar(scale, state.start, state.end, middle - 6, 12,
                                        "courant"))
    elif state.start or state.end:
        known = state.start or state.end
        x = scale.clamped(first_day(known) if state.start else last_day(known))
        entry["reperes"].append({"x": x, "y": coord(middle - 7), "h": 14,
                                 "sens": "debut" if state.start else "fin"})
        text = ("début " + date_short(first_day(known)) + ", fin non précisée"
                if state.start else
                "fin " + date_short(last_day(known)) + ", début non précisé")
        entry["note"] = dict(side_text(x, text, x0, x1), y=coord(middle + 4))
    else:
        entry["note"] = {"x": coord(x0 + 4), "anchor": "start", "y": coord(middle + 4),
                         "text": "dates non précisées"}
    return entry


def _bar(scale: TimeScale, start, end, y: float, height: float, kind: str) -> dict:
    left = scale.clamped(first_day(start))
    right = scale.clamped(last_day(end))
    return {"x": left, "w": coord(max(right - left, 2)), "y": coord(y), "h": height,
            "genre": kind}


# --- Where each project stands (the follow-up page) --------------------------------------------

def projects(ctx: ChartContext) -> dict:
    title = "Où en sont les projets"
    states = _states(ctx)
    if not states:
        return empty("projets", "projets", "Aucun projet prioritaire n'est encore "
                     "inscrit : leur avancement s'affichera ici.", title)
    reference = ctx.reference
    with_progress = [s.progress for s in states if s.progress is not None]
    summary = (f"Situation au {reference.french} : sur "
               f"{counted(len(states), 'projet', 'projets')}, {_status_phrase(states)}.")
    if with_progress:
        summary += (" Avancement moyen des actions de l'année : "
                    f"{percent(sum(with_progress) / len(with_progress))}.")
    labels = [project_label(s.project) for s in states]
    label_w = label_column(labels, 0.34)
    status_w = 200
    x0, x1 = label_w + 8, WIDTH - status_w
    scale = Scale(0, 100, x0, x1)
    items, legend_h = legend([("plein principal", "Avancement des actions de l'année"),
                              ("contour neutre", "Reste à faire")], 6)
    groups = chunks(list(zip(states, labels)), ROWS_PER_SVG)
    svgs = []
    for part, group in enumerate(groups, start=1):
        top = 6 + legend_h + 8
        layout, bottom = row_layout([label for _, label in group], top, label_w)
        bars = [{"row": row, "look": s.look, "symbole": s.symbol,
                 "x": x0, "w": coord(scale(s.progress or 0) - x0),
                 "a_valeur": s.progress is not None,
                 "valeur": _progress_text(s) or "—",
                 "statut": shorten(s.status + (f" ({s.year})" if s.year else ""),
                                   status_w - 96, SMALL)}
                for (s, _), row in zip(group, layout)]
        desc = part_desc(summary, part, groups, "projets")
        svg = svg_frame("graphique-projets", part, len(groups), title, desc, bottom + 30,
                        legend_items=items)
        svg.update({"barres": bars, "x0": x0, "x1": x1, "y_haut": coord(top),
                    "y_bas": coord(bottom), "bar_h": BAR,
                    "graduations": [{"x": scale(t), "texte": percent(t)}
                                    for t in (0, 25, 50, 75, 100)],
                    "x_valeur": coord(x1 + 52), "x_symbole": coord(x1 + 68),
                    "x_statut": coord(x1 + 80)})
        svgs.append(svg)
    rows = []
    for s in states:
        running = [a for a in s.actions if a.get("statut") != "abandonnée"]
        rows.append([
            cell(project_label(s.project), href=ctx.linker.to_row("projets", s.id)),
            cell(s.status),
            cell(str(s.year) if s.year else None, True),
            cell(_progress_text(s) or "non précisé", True),
            cell(french_list([f"{a.get('action')} ({a.get('statut')})" for a in running])
                 if running else None),
            cell(s.updated.french if s.updated else None),
        ])
    data = table("État des projets prioritaires", ["Projet", "Statut", "Année programmée",
                                                   "Avancement", "Actions de l'année",
                                                   "Dernière mise à jour"], rows)
    notes = ["Statut et avancement : actions de la dernière année inscrite à la "
             "programmation annuelle (étape 9), actions abandonnées exclues."]
    return figure("projets", "graphique_projets.html", title, summary, svgs, data, notes)


# --- 4. Budget: cost of the projects ---------------------------------------------------------

def _funding_lines(project: dict) -> list:
    return project.get("financement") or []


def _sum(amounts) -> Amount:
    amounts = list(amounts)
    return Amount(sum(a.low for a in amounts), sum(a.high for a in amounts))


def costs(ctx: ChartContext) -> dict:
    title = "Coût estimé des projets prioritaires"
    projects_ = sorted(ctx.index.rows("projets"), key=followup.project_order)
    costed = [p for p in projects_ if p.get("cout") is not None]
    if not costed:
        return empty("couts", "projets", "Aucun coût de projet n'est encore estimé : le "
                     "graphique des coûts se dessinera avec eux.", title)
    total = _sum(p["cout"] for p in costed)
    dearest = max(costed, key=lambda p: p["cout"].high)
    summary = (f"Coût estimé de {counted(len(costed), 'projet', 'projets')} : "
               f"{money_range_short(total.low, total.high)} au total ; le plus coûteux est "
               f"{dearest.get('id')} ({money_range_short(dearest['cout'].low, dearest['cout'].high)}).")
    missing = len(projects_) - len(costed)
    if missing:
        summary += f" {counted(missing, 'projet', 'projets')} sans coût estimé."
    labels = [project_label(p) for p in projects_]
    texts = [money_range_short(p["cout"].low, p["cout"].high) if p.get("cout") else "—"
             for p in projects_]
    label_w = label_column(labels, 0.34)
    value_w = max(text_width(t, SMALL) for t in texts) + 16
    x0, x1 = label_w + 8, WIDTH - value_w
    low, high, ticks = nice_domain([0] + [p["cout"].high for p in costed])
    scale = Scale(0, high, x0, x1)
    items, legend_h = legend([("plein principal", "Coût estimé (borne basse)"),
                              ("hachures principal", "Fourchette jusqu'à la borne haute")], 6)
    groups = chunks(list(zip(projects_, labels, texts)), ROWS_PER_SVG)
    svgs = []
    for part, group in enumerate(groups, start=1):
        top = 6 + legend_h + 8
        layout, bottom = row_layout([label for _, label, _ in group], top, label_w)
        bars = []
        for (p, _, text), row in zip(group, layout):
            cost = p.get("cout")
            bars.append({"row": row, "texte": text, "a_valeur": cost is not None,
                         "x": x0, "w": coord(scale(cost.low) - x0) if cost else 0,
                         "w_haut": coord(scale(cost.high) - scale(cost.low)) if cost else 0,
                         "note": None if cost else {"x": coord(x0 + 4),
                                                    "text": "coût non précisé"}})
        desc = part_desc(summary, part, groups, "projets")
        svg = svg_frame("graphique-couts", part, len(groups), title, desc, bottom + 30,
                        legend_items=items, patterns=["hachures-principal"])
        svg.update({"barres": bars, "x0": x0, "x1": x1, "y_haut": coord(top),
                    "y_bas": coord(bottom), "bar_h": BAR,
                    "graduations": [{"x": scale(t), "texte": money_short(t)} for t in ticks],
                    "x_valeur": coord(WIDTH - 4)})
        svgs.append(svg)
    rows = []
    for p in projects_:
        lines = _funding_lines(p)
        confirmed = [f["montant"] for f in lines if f.get("statut") in FUNDING_CONFIRMED]
        requested = [f["montant"] for f in lines if f.get("statut") == "demandé"]
        rows.append([cell(project_label(p), href=ctx.linker.to_row("projets", p.get("id"))),
                     cell(p["cout"].french if p.get("cout") else "non précisé", True),
                     cell(_sum(confirmed).french if confirmed else "0" + NBSP + "$", True),
                     cell(_sum(requested).french if requested else "0" + NBSP + "$", True)])
    data = table("Coût estimé et financement des projets prioritaires",
                 ["Projet", "Coût estimé", "Financement confirmé ou reçu",
                  "Financement demandé"], rows,
                 [cell("Total"), cell(total.french, True),
                  cell(_sum(f["montant"] for p in projects_ for f in _funding_lines(p)
                            if f.get("statut") in FUNDING_CONFIRMED).french, True),
                  cell(_sum(f["montant"] for p in projects_ for f in _funding_lines(p)
                            if f.get("statut") == "demandé").french, True)])
    return figure("couts", "graphique_couts.html", title, summary, svgs, data,
                  ["Coûts estimés à l'étape 6 ; une fourchette montre ses deux bornes."])


# --- 4. Budget: funding by source, confirmed or requested -----------------------------------

def funding(ctx: ChartContext) -> dict:
    title = "Financement des projets par source : confirmé ou demandé"
    by_source = {}
    for project in ctx.index.rows("projets"):
        for line in _funding_lines(project):
            entry = by_source.setdefault(line.get("source"), {"confirme": 0.0,
                                                              "demande": 0.0})
            key = "confirme" if line.get("statut") in FUNDING_CONFIRMED else "demande"
            entry[key] += line["montant"].middle
    if not by_source:
        return empty("financement", "projets", "Aucun financement n'est encore inscrit "
                     "aux projets : le graphique par source se dessinera avec eux.", title)
    sources = sorted(by_source.items(),
                     key=lambda kv: (-(kv[1]["confirme"] + kv[1]["demande"]), str(kv[0])))
    confirmed = sum(v["confirme"] for _, v in sources)
    requested = sum(v["demande"] for _, v in sources)
    summary = (f"Financement inscrit aux projets, de "
               f"{counted(len(sources), 'source', 'sources')} : "
               f"{money_short(confirmed)} confirmés ou reçus et {money_short(requested)} "
               f"demandés, sur {money_short(confirmed + requested)}.")
    labels = [f"{sid} {ctx.index.label('sources', sid)}".strip() for sid, _ in sources]
    texts = [" · ".join(part for part in (
        f"confirmé {money_short(v['confirme'])}" if v["confirme"] else "",
        f"demandé {money_short(v['demande'])}" if v["demande"] else "") if part)
        for _, v in sources]
    label_w = label_column(labels, 0.32)
    value_w = max(text_width(t, SMALL) for t in texts) + 12
    x0, x1 = label_w + 8, WIDTH - value_w
    low, high, ticks = nice_domain([0] + [v["confirme"] + v["demande"] for _, v in sources])
    scale = Scale(0, high, x0, x1)
    items, legend_h = legend([("plein ok", "Confirmé ou reçu"),
                              ("hachures attente", "Demandé, pas encore confirmé")], 6)
    groups = chunks(list(zip(sources, labels, texts)), ROWS_PER_SVG)
    svgs = []
    for part, group in enumerate(groups, start=1):
        top = 6 + legend_h + 8
        layout, bottom = row_layout([label for _, label, _ in group], top, label_w)
        bars = []
        for ((sid, v), _, text), row in zip(group, layout):
            split = scale(v["confirme"])
            bars.append({"row": row, "texte": text, "x": x0, "w_confirme": coord(split - x0),
                         "w_demande": coord(scale(v["confirme"] + v["demande"]) - split)})
        desc = part_desc(summary, part, groups, "sources")
        svg = svg_frame("graphique-financement", part, len(groups), title, desc,
                        bottom + 30, legend_items=items, patterns=["hachures-attente"])
        svg.update({"barres": bars, "x0": x0, "x1": x1, "y_haut": coord(top),
                    "y_bas": coord(bottom), "bar_h": BAR,
                    "graduations": [{"x": scale(t), "texte": money_short(t)} for t in ticks],
                    "x_valeur": coord(x1 + 8)})
        svgs.append(svg)
    rows = [[cell(label, href=ctx.linker.to_row("sources", sid) if sid else ""),
             cell(Amount(v["confirme"], v["confirme"]).french, True),
             cell(Amount(v["demande"], v["demande"]).french, True),
             cell(Amount(v["confirme"] + v["demande"],
                         v["confirme"] + v["demande"]).french, True)]
            for (sid, v), label in zip(sources, labels)]
    data = table("Financement des projets par source", ["Source", "Confirmé ou reçu",
                                                        "Demandé", "Total"], rows,
                 [cell("Total"), cell(Amount(confirmed, confirmed).french, True),
                  cell(Amount(requested, requested).french, True),
                  cell(Amount(confirmed + requested, confirmed + requested).french, True)])
    return figure("financement", "graphique_financement.html", title, summary, svgs, data,
                  ["Lignes de financement des projets (étape 6) ; une fourchette compte "
                   "pour son milieu."])


# --- 3. Indicators: overview ------------------------------------------------------------------

def _indicator_states(ctx: ChartContext) -> list:
    return followup.indicator_states(ctx.index, ctx.reference)


def indicators_summary(states: list) -> str:
    counts = followup.count_by(states, INDICATOR_STATUSES)
    return (f"Sur {counted(len(states), 'indicateur', 'indicateurs')} : "
            f"{status_counts(counts, INDICATOR_WORDS)}.")


def _note(x: float, text: str, room: float) -> dict:
    text = shorten(text, room, SMALL)
    return {"x": coord(x), "text": text, "w": coord(text_width(text, SMALL) + 6)}


def _latest_text(state, short: bool = False) -> str:
    latest = state.latest
    if latest is None:
        return "aucune mesure"
    when = date_short(first_day(latest["date"])) if short and latest["date"].day else (
        latest["date"].french)
    if state.quantitative:
        value = quantity(latest.get("valeur"), state.indicator.get("unite"))
    else:
        value = "atteint" if latest.get("atteint") else "non atteint"
    return f"{value} ({when})"


def indicators_overview(ctx: ChartContext) -> dict:
    title = "Où en sont les indicateurs"
    states = _indicator_states(ctx)
    if not states:
        return empty("bilan-indicateurs", "indicateurs", "Aucun indicateur n'est encore "
                     "défini : leur bilan s'affichera ici.", title)
    summary = indicators_summary(states)
    labels = [f"{s.id} {s.indicator.get('libelle') or ''}" for s in states]
    label_w = label_column(labels, 0.40)
    status_w = 140
    x0, x1 = label_w + 8, WIDTH - status_w - 60
    scale = Scale(0, 1, x0, x1)
    items, legend_h = legend([("plein principal", "Chemin parcouru vers la cible"),
                              ("contour neutre", "Reste à parcourir"),
                              ("repere texte", "Rythme prévu à la date de la mesure")], 6)
    groups = chunks(list(zip(states, labels)), ROWS_PER_SVG)
    svgs = []
    for part, group in enumerate(groups, start=1):
        top = 6 + legend_h + 8
        layout, bottom = row_layout([label for _, label in group], top, label_w, minimum=32)
        bars = []
        for s, row in zip([g[0] for g in group], layout):
            achieved = None if s.achieved is None else min(max(s.achieved, 0.0), 1.0)
            bars.append({
                "row": row, "look": s.look, "symbole": s.symbol, "statut": s.status,
                "jalon": not s.quantitative,
                "x": x0, "w": coord(scale(achieved) - x0) if achieved is not None else 0,
                "a_valeur": achieved is not None,
                "attendu": scale(s.expected) if s.expected is not None else None,
                "valeur": percent(100 * s.achieved) if s.achieved is not None else "—",
                "note": (None if s.quantitative else _note(
                    x0 + 4, "jalon : " + _latest_text(s, short=True), x1 - x0 - 8)),
            })
        desc = part_desc(summary, part, groups, "indicateurs")
        svg = svg_frame("graphique-bilan-indicateurs", part, len(groups), title, desc,
                        bottom + 30, legend_items=items)
        svg.update({"barres": bars, "x0": x0, "x1": x1, "y_haut": coord(top),
                    "y_bas": coord(bottom), "bar_h": BAR,
                    "graduations": [{"x": scale(t / 100), "texte": percent(t)}
                                    for t in (0, 50, 100)],
                    "x_valeur": coord(x1 + 58), "x_symbole": coord(x1 + 72),
                    "x_statut": coord(x1 + 84)})
        svgs.append(svg)
    rows = []
    for s in states:
        i = s.indicator
        unit = i.get("unite")
        rows.append([
            cell(f"{s.id} {i.get('libelle') or ''}",
                 href=ctx.linker.to_row("indicateurs", s.id)),
            cell(s.status),
            cell(f"{quantity(i.get('valeur_depart'), unit)} ({i.get('annee_depart')})"
                 if s.quantitative and i.get("valeur_depart") is not None else "—"),
            cell(_latest_text(s)),
            cell(quantity(i.get("cible"), unit) if s.quantitative
                 else i.get("resultat_attendu")),
            cell(i["echeance"].french if i.get("echeance") else None),
            cell(percent(100 * s.achieved) if s.achieved is not None else "—", True),
            cell(percent(100 * s.expected) if s.expected is not None else "—", True),
            cell(capitalised(s.reason) + "."),
        ])
    data = table("Bilan des indicateurs", ["Indicateur", "Statut", "Départ",
                                           "Dernière mesure", "Cible", "Échéance",
                                           "Chemin parcouru", "Rythme prévu", "Pourquoi"],
                 rows)
    notes = [f"Situation au {ctx.reference.french}. Chemin parcouru : part de l'écart "
             "entre la valeur de départ et la cible déjà franchie à la dernière mesure. "
             f"Un indicateur est en bonne voie si ce chemin est d'au plus "
             f"{round(followup.MARGIN * 100)} points "
             "inférieur au temps écoulé entre la fin de l'année de départ et l'échéance ; "
             "un jalon l'est tant que son échéance n'est pas passée."]
    return figure("bilan-indicateurs", "graphique_bilan_indicateurs.html", title, summary,
                  svgs, data, notes)


# --- 3. Indicators: baseline → measures → target, one chart each ------------------------------

SMALL_WIDTH = 320


def indicator(ctx: ChartContext, indicator_id) -> dict:
    row = ctx.index.find("indicateurs", indicator_id)
    if row is None:  # a page may name an indicator that this plan does not have
        known = ", ".join(str(i.get("id")) for i in ctx.index.rows("indicateurs"))
        return empty(f"indicateur-{anchor_for(indicator_id)}", "indicateurs",
                     f"L'indicateur {indicator_id} n'est pas inscrit dans ce plan "
                     f"(indicateurs inscrits : {known or 'aucun'}).",
                     f"Indicateur {indicator_id}")
    state = followup.indicator_state(
        row, ctx.index.measures_by_indicator.get(indicator_id, []), ctx.reference)
    key = f"indicateur-{anchor_for(indicator_id)}"
    if state.quantitative:
        return _quantitative_chart(ctx, state, key)
    return _milestone_chart(ctx, state, key)


def _indicator_title(state) -> str:
    return f"{state.id} — {state.indicator.get('libelle') or ''}"


def _quantitative_chart(ctx, state, key: str) -> dict:
    i = state.indicator
    unit = i.get("unite")
    base, target = i.get("valeur_depart"), i.get("cible")
    base_day = followup.baseline_day(i)
    deadline = last_day(i.get("echeance"))
    points = [(first_day(m["date"]), m["valeur"], m) for m in state.measures]
    title = _indicator_title(state)
    parts = []
    if base is not None:
        parts.append(f"départ : {quantity(base, unit)} en {i.get('annee_depart')}")
    if points:
        last = state.latest
        parts.append(f"dernière mesure : {quantity(last['valeur'], unit)} "
                     f"({last['date'].french}, {counted(len(points), 'mesure', 'mesures')})")
    else:
        parts.append("aucune mesure")
    if target is not None:
        parts.append(f"cible : {quantity(target, unit)} en {i['echeance'].french}"
                     if i.get("echeance") else f"cible : {quantity(target, unit)}")
    summary = (capitalised(" ; ".join(parts)) + f". {capitalised(state.status)} : "
               f"{state.reason}.")
    width, height = SMALL_WIDTH, 230
    values = [v for _, v, _ in points] + [v for v in (base, target) if v is not None]
    low, high, ticks = nice_domain(values, count=4)
    tick_texts = [format_number(round(t, 2)) for t in ticks]
    left = max(text_width(t, SMALL) for t in tick_texts) + 10
    days = [d for d in (base_day, deadline) if d] + [d for d, _, _ in points]
    start, end = time_domain(days, ctx.reference.day)
    items, legend_h = legend([("symbole-carre texte", "Départ"),
                              ("symbole-rond principal", "Mesure"),
                              ("symbole-losange ok", "Cible"),
                              ("tirets neutre", "Trajectoire prévue")], 4, width=width)
    top = 4 + legend_h + 14
    bottom = height - 24
    x0, x1 = left, width - 14
    xs = TimeScale(start, end, x0, x1)
    ys = Scale(low, high, bottom, top)
    marks = []
    if base is not None and base_day:
        marks.append({"genre": "depart", "x": xs(base_day), "y": ys(base),
                      "texte": quantity(base, unit)})
    if target is not None and deadline:
        marks.append({"genre": "cible", "x": xs(deadline), "y": ys(target),
                      "texte": quantity(target, unit)})
    measures = [{"x": xs(d), "y": ys(v)} for d, v, _ in points]
    labels = _point_labels(marks, measures, points, unit, x0, x1, top, bottom)
    trajectory = None
    if base is not None and target is not None and base_day and deadline:
        trajectory = {"x1": xs(base_day), "y1": ys(base), "x2": xs(deadline), "y2": ys(target)}
    svg = svg_frame(f"graphique-{key}", 1, 1, title, summary, height, width=width,
                    legend_items=items)
    svg.update({
        "x0": x0, "x1": x1, "y_haut": coord(top), "y_bas": coord(bottom),
        "graduations_y": [{"y": ys(t), "texte": tx} for t, tx in zip(ticks, tick_texts)],
        **dict(zip(("annees", "etiquettes_annees"), year_marks(xs, bottom + 17, 6))),
        "reperes": marks, "mesures": measures,
        "ligne": " ".join(f"{m['x']},{m['y']}" for m in measures) if len(measures) > 1 else "",
        "trajectoire": trajectory, "etiquettes": labels,
        "unite": shorten(unit or "", width / 2, SMALL), "x_unite": coord(4),
        "y_unite": coord(top - 6),
        "vide": None if points else {"x": coord((x0 + x1) / 2), "y": coord((top + bottom) / 2),
                                     "text": "Aucune mesure pour l'instant"},
    })
    rows = []
    if base is not None:
        rows.append([cell("Valeur de départ"), cell(str(i.get("annee_depart"))),
                     cell(quantity(base, unit), True), cell("")])
    for m in ctx.index.measures_by_indicator.get(state.id, []):
        rows.append([cell("Mesure"), cell(m["date"].french),
                     cell(quantity(m.get("valeur"), unit), True),
                     cell(m.get("commentaire"))])
    if target is not None:
        rows.append([cell("Cible"), cell(i["echeance"].french if i.get("echeance") else None),
                     cell(quantity(target, unit), True), cell("")])
    data = table(f"Valeurs de l'indicateur {state.id}", ["Repère", "Date", "Valeur",
                                                         "Commentaire"], rows)
    return figure(key, "graphique_indicateur.html", title, summary, [svg], data,
                  kind="indicateur")


def _point_labels(marks, measures, points, unit, x0, x1, top, bottom) -> list:
    """Value labels of the baseline, the target and the latest measure.

    The target's label goes above it, towards the left; the baseline's on
    the side away from where the values go; the latest measure's to its
    right (the line comes from the left), else to its left. A label that
    would touch one already placed moves down or up a line.
    """
    taken, labels = [], []
    rising = True
    base = next((m for m in marks if m["genre"] == "depart"), None)
    target = next((m for m in marks if m["genre"] == "cible"), None)
    if base and target:
        rising = target["y"] <= base["y"]

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
        place(target["x"], target["y"], target["texte"], "left", -8)
    if base:
        place(base["x"], base["y"], base["texte"], "right", 16 if rising else -8)
    if measures:
        last = measures[-1]
        place(last["x"], last["y"], quantity(points[-1][1], unit), "right", 4)
    return labels


def _overlap(a, b) -> bool:
    return not (a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1])


def _milestone_chart(ctx, state, key: str) -> dict:
    i = state.indicator
    title = _indicator_title(state)
    deadline = last_day(i.get("echeance"))
    points = [(first_day(m["date"]), bool(m["atteint"])) for m in state.measures]
    latest = state.latest
    summary = (f"Jalon à atteindre au plus tard en {i['echeance'].french}"
               if i.get("echeance") else "Jalon")
    summary += f" : {i.get('resultat_attendu') or ''}".rstrip(" :") + ". "
    summary += (f"Dernière mesure ({latest['date'].french}) : "
                f"{'atteint' if latest['atteint'] else 'non atteint'}. "
                if latest else "Aucune mesure pour l'instant. ")
    summary += f"{capitalised(state.status)} : {state.reason}."
    width, height = SMALL_WIDTH, 150
    items, legend_h = legend([("symbole-coche ok", "Atteint"),
                              ("symbole-croix alerte", "Non atteint"),
                              ("tirets texte", "Échéance")], 4, width=width)
    top = 4 + legend_h + 14
    bottom = height - 24
    x0, x1 = 14, width - 14
    days = [d for d in (deadline, ctx.reference.day) if d] + [d for d, _ in points]
    base = followup.baseline_day(i)
    if base:
        days.append(base)
    start, end = time_domain(days)
    xs = TimeScale(start, end, x0, x1)
    middle = coord((top + bottom) / 2)
    svg = svg_frame(f"graphique-{key}", 1, 1, title, summary, height, width=width,
                    legend_items=items)
    svg.update({
        "x0": x0, "x1": x1, "y_haut": coord(top), "y_bas": coord(bottom), "y_milieu": middle,
        **dict(zip(("annees", "etiquettes_annees"), year_marks(xs, bottom + 17, 6))),
        "echeance": ({"ligne_x": xs(deadline), **centred_text(xs(deadline),
                      f"Échéance : {date_short(deadline)}", x0, x1)} if deadline else None),
        "points": [{"x": xs(d), "atteint": ok} for d, ok in points],
        "vide": None if points else {"x": coord((x0 + x1) / 2), "y": coord(middle - 14),
                                     "text": "Aucune mesure pour l'instant"},
    })
    rows = [[cell("Mesure"), cell(m["date"].french),
             cell("atteint" if m.get("atteint") else (
                 "non atteint" if m.get("atteint") is not None else "non précisé")),
             cell(m.get("commentaire"))]
            for m in ctx.index.measures_by_indicator.get(state.id, [])]
    rows.append([cell("Échéance"), cell(i["echeance"].french if i.get("echeance") else None),
                 cell(i.get("resultat_attendu")), cell("")])
    data = table(f"Mesures du jalon {state.id}", ["Repère", "Date", "Résultat",
                                                  "Commentaire"], rows)
    return figure(key, "graphique_jalon.html", title, summary, [svg], data,
                  kind="indicateur")


def all_indicators(ctx: ChartContext) -> dict:
    rows = ctx.index.rows("indicateurs")
    if not rows:
        return empty("indicateurs", "indicateurs", "Aucun indicateur n'est encore défini : "
                     "leurs graphiques se dessineront avec eux.",
                     "Évolution des indicateurs")
    return {"id": "graphique-indicateurs", "gabarit": "graphique_serie.html", "vide": None,
            "graphiques": [indicator(ctx, r.get("id")) for r in rows]}


# --- 5. The ten steps as a path ----------------------------------------------------------------

def steps_path(ctx: ChartContext) -> dict:
    title = "Le parcours des dix étapes"
    progress = step_progress(ctx.index, ctx.loaded)
    totals = summary(progress)
    todo = totals["total"] - totals["done"] - totals["started"]
    text = (f"Sur {totals['total']} étapes : {totals['done']} "
            f"{agree(totals['done'], 'terminée', 'terminées')}, {totals['started']} en cours "
            f"et {todo} à faire.")
    territory = next(p for p in progress if p["step"].number == 0)
    text += f" Le territoire : {territory['status']}."
    per_row = 6
    node_w = WIDTH / per_row
    rows_count = -(-len(progress) // per_row)
    row_h = 128
    nodes = []
    for position, p in enumerate(progress):
        line, column = divmod(position, per_row)
        x = coord(node_w / 2 + column * node_w)
        y = coord(26 + line * row_h)
        filled = sum(1 for g in p["grids"] if g["filled"])
        number = p["step"].number
        name = f"{number}. {p['step'].title}" if number else "Le territoire"
        state = {DONE: ("coche", "ok"), STARTED: ("demi", "attente")}.get(
            p["status"], ("vide", "neutre"))
        label_lines = wrap(name, node_w - 10, SMALL, 3)
        status_line = p["status"] + (f" ({filled}/{len(p['grids'])})"
                                     if p["status"] == STARTED else "")
        nodes.append({"x": x, "y": y, "symbole": state[0], "look": state[1],
                      "lignes": [{"text": t, "y": coord(y + 34 + k * 14)}
                                 for k, t in enumerate(label_lines)],
                      "statut": {"text": status_line,
                                 "y": coord(y + 34 + len(label_lines) * 14 + 2)}})
    path = []
    for a, b in zip(nodes, nodes[1:]):
        if a["y"] == b["y"]:
            path.append(f"M {coord(a['x'] + 18)} {a['y']} H {coord(b['x'] - 18)}")
        else:  # down to the next line, around the labels
            turn = coord(a["y"] + row_h - 30)
            path.append(f"M {coord(a['x'] + 18)} {a['y']} H {coord(WIDTH - 6)} V {turn} "
                        f"H {coord(6)} V {b['y']} H {coord(b['x'] - 18)}")
    svg = svg_frame("graphique-avancement", 1, 1, title, text, rows_count * row_h + 4)
    svg.update({"noeuds": nodes, "chemin": path})
    data = table("Avancement des étapes de la démarche", ["Étape", "État",
                                                          "Grilles remplies"],
                 [[cell(f"Étape {p['step'].number} — {p['step'].title}"
                        if p["step"].number else "Le territoire",
                        href=ctx.linker.to_page("avancement.md",
                                                f"etape-{p['step'].number}")),
                   cell(p["status"]),
                   cell(f"{sum(1 for g in p['grids'] if g['filled'])} sur {len(p['grids'])}",
                        True)] for p in progress])
    return figure("avancement", "graphique_avancement.html", title, text, [svg], data)


# --- registry ------------------------------------------------------------------------------------

CHARTS = {
    "conditions": conditions,
    "connectivite": connectivity,
    "echeancier": timeline,
    "projets": projects,
    "couts": costs,
    "financement": funding,
    "bilan_indicateurs": indicators_overview,
    "indicateurs": all_indicators,
    "avancement": steps_path,
}


def build(name: str, ctx: ChartContext, ident=None) -> dict:
    """The view of the chart ``name`` (``indicateur`` takes an indicator's id)."""
    if name == "indicateur":
        if ident is None:
            raise KeyError("graphique « indicateur » : préciser l'identifiant, "
                           "p. ex. graphique(\"indicateur\", \"I-01\")")
        return indicator(ctx, ident)
    builder = CHARTS.get(name)
    if builder is None:
        known = ", ".join(list(CHARTS) + ["indicateur"])
        raise KeyError(f"graphique inconnu « {name} » ; graphiques existants : {known}")
    return builder(ctx)


# --- the « Suivi du plan » page ------------------------------------------------------------------

def dashboard(ctx: ChartContext) -> dict:
    """What the follow-up page says besides its charts."""
    states = _states(ctx)
    indicator_states = _indicator_states(ctx)
    reports = followup.reports_by_date(ctx.index)
    latest = reports[0] if reports else None
    changes = (followup.changes_since(ctx.index, last_day(latest["date"]))
               if latest else {"mesures": [], "actions": [], "ajustements": [], "total": 0})
    for change in changes["mesures"]:
        indicator_row, measure = change["indicator"], change["measure"]
        unit = indicator_row.get("unite")
        if indicator_row.get("nature") == "jalon":
            text = "atteint" if measure.get("atteint") else "non atteint"
        elif measure.get("valeur") is None:
            text = "valeur non précisée"
        elif change["previous"] is not None:
            text = (f"{quantity(change['previous']['valeur'], unit)} → "
                    f"{quantity(measure['valeur'], unit)}")
        else:
            text = quantity(measure["valeur"], unit)
        change["texte"] = text
        change["href"] = ctx.linker.to_row("indicateurs", indicator_row.get("id"))
    parts = [counted(len(changes["mesures"]), "nouvelle mesure", "nouvelles mesures"),
             counted(len(changes["actions"]), "action mise à jour", "actions mises à jour"),
             counted(len(changes["ajustements"]), "ajustement", "ajustements")]
    counts = followup.count_by(indicator_states, INDICATOR_STATUSES)
    return {
        "reference": ctx.reference,
        "projets": states,
        "phrase_projets": _status_phrase(states) if states else "",
        "indicateurs": indicator_states,
        "phrase_indicateurs": status_counts(counts, INDICATOR_WORDS),
        "derniere": latest,
        "precedente": reports[1] if len(reports) > 1 else None,
        "changements": changes,
        "phrase_changements": french_list(parts),
    }
