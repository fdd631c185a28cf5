"""Charts of the projects: their calendar (planned and revised), and where each
one stands this year (status and progress of its actions, step 9)."""

from __future__ import annotations

from ..plan import french, followup
from ..plan.followup import PROJECT_STATUSES, first_day, last_day
from ..plan.values import as_date
from .figure import (Bars, ChartContext, cell, empty, figure, paged_bars, period,
                     project_label, status_counts, table)
from .geometry import (SMALL, Scale, TimeScale, centred_text, coord, label_column,
                       legend, narrow, shorten, side_text, time_domain, width, year_marks)

STATUS_WIDTH = 150  # the timeline's status column

# French forms of the statuses for counts: (singular, plural).
PROJECT_WORDS = {
    "terminé": ("terminé", "terminés"), "en cours": ("en cours", "en cours"),
    "reporté": ("reporté", "reportés"), "à venir": ("à venir", "à venir"),
    "abandonné": ("abandonné", "abandonnés"),
    "non programmé": ("non programmé", "non programmés"),
    "en retard": ("en retard", "en retard"), "suspendu": ("suspendu", "suspendus"),
    "statut non précisé": ("au statut non précisé", "au statut non précisé"),
}


def states(ctx: ChartContext) -> list:
    return followup.project_states(ctx.index, ctx.reference)


def status_phrase(project_states: list) -> str:
    """« 5 en cours, 1 terminé et 1 reporté »."""
    counts = {status: 0 for status in PROJECT_STATUSES}
    for state in project_states:
        counts[state.status] += 1
    return status_counts(counts, PROJECT_WORDS)


def progress_text(state) -> str:
    return french.percent(state.progress, 1) if state.progress is not None else ""


def _status_text(state) -> str:
    progress = progress_text(state)
    return f"{state.status} · {progress}" if progress else state.status


# --- the calendar ------------------------------------------------------------------------

def _bar(scale: TimeScale, start, end, y: float, height: float, kind: str) -> dict:
    left = scale.clamped(first_day(start))
    right = scale.clamped(last_day(end))
    return {"x": left, "w": coord(max(right - left, 2)), "y": coord(y), "h": height,
            "kind": kind}


def _half_known(state, scale: TimeScale, middle: float, x0: float, x1: float) -> dict:
    """A project with only a start or only an end: a marker and a note."""
    known = state.start or state.end
    day = first_day(known) if state.start else last_day(known)
    x = scale.clamped(day)
    short = french.moment(known)  # as precise as the data: « fin 2027 », not a day
    text = (f"début {short}, fin non précisée" if state.start
            else f"fin {short}, début non précisé")
    return {"marks": [{"x": x, "y": coord(middle - 7), "h": 14,
                       "direction": "start" if state.start else "end"}],
            "note": dict(side_text(x, text, x0, x1), y=coord(middle + 4))}


def _timeline_row(state, row, scale: TimeScale, x0: float, x1: float) -> dict:
    middle = row["mid"]
    entry = {"row": row, "symbol": state.symbol, "look": state.look,
             "status": shorten(_status_text(state), STATUS_WIDTH - 32, SMALL),
             "bars": [], "marks": [], "note": None}
    planned_start, planned_end = state.planned
    if state.start and state.end:
        if state.is_revised and planned_start and planned_end:
            entry["bars"] = [_bar(scale, planned_start, planned_end, middle - 12, 7, "initial"),
                             _bar(scale, state.start, state.end, middle - 2, 11, "current")]
        else:
            entry["bars"] = [_bar(scale, state.start, state.end, middle - 6, 12, "current")]
    elif state.start or state.end:
        entry.update(_half_known(state, scale, middle, x0, x1))
    else:
        entry["note"] = {"x": coord(x0 + 4), "anchor": "start", "y": coord(middle + 4),
                         "text": "dates non précisées"}
    return entry


def _timeline_domain(ctx: ChartContext, project_states: list) -> tuple:
    territory = ctx.index.record("territoire")
    days = [ctx.reference.day]
    for s in project_states:
        for d in (*s.planned, *s.revised):
            if d is not None:
                days += [first_day(d), last_day(d)]
    if territory.get("periode_debut") and territory.get("periode_fin"):
        days += [as_date(territory["periode_debut"]), as_date(territory["periode_fin"])]
    return time_domain(days)


def _timeline_summary(ctx: ChartContext, project_states: list) -> str:
    dated = [s for s in project_states if s.start or s.end]
    undated = len(project_states) - len(dated)
    revised = sum(1 for s in project_states if s.is_revised)
    span = ""
    if dated:
        # The earliest and the latest dates as the data gives them (« 2027 » stays
        # a year: never « décembre 2027 »).
        first = min((s.start or s.end for s in dated), key=first_day)
        last = max((s.end or s.start for s in dated), key=last_day)
        span = f", {french.period(first, last)}"
    summary = (f"{french.count(len(project_states), 'projet prioritaire', 'projets prioritaires')}"
               f", par rang de priorité{span}. Situation au {ctx.reference.french} : "
               f"{status_phrase(project_states)}.")
    if revised:
        summary += f" {french.count(revised, 'calendrier révisé', 'calendriers révisés')}."
    if undated:
        summary += f" {french.count(undated, 'projet', 'projets')} sans dates."
    return summary


def _timeline_table(ctx: ChartContext, project_states: list) -> dict:
    rows = []
    for state in project_states:
        p = state.project
        rows.append([
            cell(project_label(p),
                 href=ctx.linker.to_row("projets", p.get("id"))),
            cell(period(*state.planned)),
            cell(period(*state.revised) if state.is_revised else "aucune révision"),
            cell(state.status),
            cell(progress_text(state) or "non précisé", True),
            cell(state.updated.french if state.updated else None),
        ])
    return table("Calendrier et statut des projets prioritaires, par rang",
                 ["Projet", "Calendrier prévu", "Calendrier révisé", "Statut",
                  "Avancement des actions de l'année", "Dernière mise à jour"], rows)


def timeline(ctx: ChartContext) -> dict:
    title = "Échéancier des projets prioritaires"
    project_states = states(ctx)
    if not project_states:
        return empty(ctx, "echeancier", "projets", "Aucun projet prioritaire n'est encore "
                     "inscrit : l'échéancier se dessinera avec eux.", title)
    reference = ctx.reference
    summary = _timeline_summary(ctx, project_states)
    labels = [project_label(s.project) for s in project_states]
    label_w = label_column(labels, 0.30)
    x0, x1 = label_w + 8, width() - STATUS_WIDTH
    scale = TimeScale(*_timeline_domain(ctx, project_states), x0, x1)
    today_x = scale(reference.day)
    items, legend_h = legend([("plein principal", "Calendrier en vigueur"),
                              ("hachures prevu", "Calendrier initial, avant révision"),
                              ("ligne texte", f"Situation au {reference.french}")], 6)
    band = 6 + legend_h + 4
    years_y = band + 30
    year_lines, year_labels = year_marks(scale, years_y, 4 if narrow() else 12)

    def extra(bottom):
        return {"x0": x0, "x1": x1, "years": year_lines, "year_labels": year_labels,
                "today": {"line_x": today_x, "y": coord(band + 12), "y1": coord(band + 16),
                          **centred_text(today_x, reference.short, x0, width() - 2)},
                "x_symbol": coord(x1 + 16), "x_status": coord(x1 + 28)}

    spec = Bars("graphique-echeancier", title, summary, "projets", label_w, years_y + 8,
                items, ("hachures-prevu",), minimum=34, bottom_margin=12, rows_key="lines",
                max_lines=3)
    svgs = paged_bars(spec, project_states, labels,
                      lambda state, row: _timeline_row(state, row, scale, x0, x1), extra)
    notes = [f"Statut et avancement tirés de la programmation annuelle (étape 9), sauf "
             f"le statut qu'un projet déclare lui-même ; situation au {reference.french} "
             f"({reference.note})."]
    return figure("echeancier", "chart/timeline.html", title, summary, svgs,
                  _timeline_table(ctx, project_states), notes)


# --- where each project stands ----------------------------------------------------------

def _action_text(action: dict) -> str:
    """« Appel d'offres (en cours) »; what is « inconnu » is said so, never « None »."""
    what = action.get("action") or "action non précisée"
    return f"{what} ({action.get('statut') or 'statut non précisé'})"


def _projects_table(ctx: ChartContext, project_states: list) -> dict:
    rows = []
    for s in project_states:
        running = [a for a in s.actions if a.get("statut") != "abandonnée"]
        rows.append([
            cell(project_label(s.project), href=ctx.linker.to_row("projets", s.id)),
            cell(s.status),
            cell(str(s.year) if s.year else None, True),
            cell(progress_text(s) or "non précisé", True),
            cell(french.join([_action_text(a) for a in running]) if running else None),
            cell(s.updated.french if s.updated else None),
        ])
    return table("État des projets prioritaires", ["Projet", "Statut", "Année programmée",
                                                   "Avancement", "Actions de l'année",
                                                   "Dernière mise à jour"], rows)


def _projects_svgs(title: str, summary: str, project_states: list, labels: list) -> list:
    label_w = label_column(labels, 0.34)
    status_w = 200
    x0, x1 = label_w + 8, width() - status_w
    scale = Scale(0, 100, x0, x1)
    items, legend_h = legend([("plein principal", "Avancement des actions de l'année"),
                              ("contour neutre", "Reste à faire")], 6)

    def bar(s, row):
        return {"row": row, "look": s.look, "symbol": s.symbol,
                "x": x0, "w": coord(scale(s.progress or 0) - x0),
                "has_value": s.progress is not None, "value": progress_text(s) or "—",
                "status": shorten(s.status + (f" ({s.year})" if s.year else ""),
                                  status_w - 96, SMALL)}

    def extra(bottom):
        return {"x0": x0, "x1": x1, "x_value": coord(x1 + 52), "x_symbol": coord(x1 + 68),
                "x_status": coord(x1 + 80),
                "ticks": [{"x": scale(t), "text": french.percent(t, 1)}
                          for t in ((0, 50, 100) if narrow() else (0, 25, 50, 75, 100))]}

    spec = Bars("graphique-projets", title, summary, "projets", label_w, 6 + legend_h + 8,
                items)
    return paged_bars(spec, project_states, labels, bar, extra)


def projects(ctx: ChartContext) -> dict:
    title = "Où en sont les projets"
    project_states = states(ctx)
    if not project_states:
        return empty(ctx, "projets", "projets", "Aucun projet prioritaire n'est encore "
                     "inscrit : leur avancement s'affichera ici.", title)
    with_progress = [s.progress for s in project_states if s.progress is not None]
    summary = (f"Situation au {ctx.reference.french} : sur "
               f"{french.count(len(project_states), 'projet', 'projets')}, "
               f"{status_phrase(project_states)}.")
    if with_progress:
        summary += (" Avancement moyen des actions de l'année : "
                    f"{french.percent(sum(with_progress) / len(with_progress), 1)}.")
    labels = [project_label(s.project) for s in project_states]
    notes = ["Statut et avancement : actions de la dernière année inscrite à la "
             "programmation annuelle (étape 9), actions abandonnées exclues ; un statut "
             "déclaré par le projet l'emporte sur le statut calculé."]
    return figure("projets", "chart/projects.html", title, summary,
                  _projects_svgs(title, summary, project_states, labels),
                  _projects_table(ctx, project_states), notes)
