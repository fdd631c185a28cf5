"""Where the plan stands: the reference date, each project, each indicator.

These rules feed the charts and the « Suivi du plan » page. They read the
already-loaded data through ``index.PlanIndex`` and never the files.

Reference date (« aujourd'hui » on the timeline)
    The most recent date found in the follow-up data: an update of the annual
    programming (``mise_a_jour``), a measure, an accountability report or an
    adjustment (a partial date counts from its first day). Same data, same
    site: a build next year gives the same pages, the fictional example never
    drifts, and the marker says how fresh the statuses are (« situation au
    10 novembre 2026 »). Only a plan without any follow-up data falls back to
    the day of the build. Tests (and anyone) can pass the date explicitly.

Project status (from the annual programming, step 9)
    The actions of the most recent year programmed for the project decide,
    abandoned actions aside: one « en retard » → en retard; else one
    « en cours » → en cours; else one « reportée » → reporté; all « terminée » → terminé once the project's end
    (revised, else planned) is past the reference date or unknown, en cours
    otherwise; all « à venir » → à venir, or en cours if an earlier action was
    started; a mix of done and coming actions → en cours. Only abandoned
    actions that year → abandonné; no action at all → non programmé.
    Progress is the mean ``avancement`` of that year's actions (abandoned
    ones aside) that give one. A status the project declares itself
    (``statut``: à venir, en cours, en retard, suspendu, terminé, abandonné)
    wins over the computed one; the programming still gives the progress.

Indicator status (steps 7 and 10)
    Quantitative: the latest measure with a value is compared with the
    straight path from the baseline (last day of ``annee_depart``: 31 December of
    a year, the last day of a month or a season) to the
    target (last day of ``echeance``). Reached: the measure is at or beyond
    the target, in the target's direction (a target below the baseline, such
    as kilometres without signal, is reached by going down). On track: the
    share of the way already made is at least the share of time elapsed at
    the measure's date minus 10 points, and the deadline is not past. Late:
    otherwise. Milestone (« jalon »): the latest measure says « oui » →
    reached; « non » → late once the deadline is past, on track before.
    Without a measure (or without baseline and target) → à évaluer.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Optional

from . import french
from .index import project_order
from .model import is_unknown

# --- the reference date -----------------------------------------------------------------

UPDATE_FIELDS = (("programmation", "mise_a_jour"), ("mesures", "date"),
                 ("redditions", "date"), ("ajustements", "date"))


@dataclass(frozen=True)
class Reference:
    day: datetime.date
    origin: str  # "donnees", "construction" or "fournie"

    @property
    def french(self) -> str:
        return french.date(self.day.year, self.day.month, self.day.day)

    @property
    def short(self) -> str:
        return french.date_short(self.day.year, self.day.month, self.day.day)

    @property
    def note(self) -> str:
        return {
            "donnees": "date de la dernière mise à jour des données du plan",
            "construction": "date de construction du site : aucune mise à jour "
                            "n'est encore inscrite",
            "fournie": "date de référence",
        }[self.origin]


def reference_date(index, today: Optional[datetime.date] = None) -> Reference:
    if today is not None:
        return Reference(today, "fournie")
    days = [row[key].first_date
            for grid, key in UPDATE_FIELDS for row in index.rows(grid)
            if row.get(key) is not None]
    if days:
        return Reference(max(days), "donnees")
    return Reference(datetime.date.today(), "construction")


def first_day(date) -> Optional[datetime.date]:
    return date.first_date if date is not None else None


def last_day(date) -> Optional[datetime.date]:
    return date.last_date if date is not None else None


# --- projects -------------------------------------------------------------------------------

DONE, ONGOING, POSTPONED, COMING, ABANDONED, UNPLANNED = (
    "terminé", "en cours", "reporté", "à venir", "abandonné", "non programmé")
BEHIND, SUSPENDED = "en retard", "suspendu"
UNSTATED = "statut non précisé"  # its actions' statuses are « inconnu »
PROJECT_STATUSES = (ONGOING, BEHIND, POSTPONED, SUSPENDED, COMING, DONE, ABANDONED,
                    UNPLANNED, UNSTATED)
# CSS modifier and symbol of each status (colour is never the only cue).
PROJECT_LOOK = {DONE: "ok", ONGOING: "principal", BEHIND: "alerte", POSTPONED: "attente",
                SUSPENDED: "attente", COMING: "neutre", ABANDONED: "alerte",
                UNPLANNED: "neutre", UNSTATED: "neutre"}
PROJECT_SYMBOL = {DONE: "coche", ONGOING: "demi", BEHIND: "alerte", POSTPONED: "pause",
                  SUSPENDED: "pause", COMING: "vide", ABANDONED: "croix",
                  UNPLANNED: "tirets", UNSTATED: "question"}


@dataclass
class ProjectState:
    project: dict
    status: str
    year: Optional[int] = None  # the programming year that decided
    actions: list = field(default_factory=list)  # that year's actions
    progress: Optional[float] = None  # mean avancement of that year (0-100)
    updated: object = None  # PartialDate of the latest update, any year
    planned: tuple = (None, None)  # (debut, fin)
    revised: tuple = (None, None)  # (debut_revise, fin_revisee)
    declared: bool = False  # the status is the project's own (« statut »)

    @property
    def id(self):
        return self.project.get("id")

    @property
    def start(self):
        """The start in force: the revised one, else the planned one; none when
        the revised start is « inconnu » (the planned one no longer holds)."""
        if is_unknown(self.project, "debut_revise"):
            return None
        return self.revised[0] or self.planned[0]

    @property
    def end(self):
        if is_unknown(self.project, "fin_revisee"):
            return None
        return self.revised[1] or self.planned[1]

    @property
    def is_revised(self) -> bool:
        return any(self.revised) or any(is_unknown(self.project, key)
                                        for key in ("debut_revise", "fin_revisee"))

    @property
    def look(self) -> str:
        return PROJECT_LOOK[self.status]

    @property
    def symbol(self) -> str:
        return PROJECT_SYMBOL[self.status]


def _status_of_year(actions: list, earlier: list, end, reference: Reference) -> str:
    stated = [a for a in actions if a.get("statut") is not None]  # not « inconnu »
    if not stated:
        return UNSTATED
    active = [a for a in stated if a.get("statut") != "abandonnée"]
    if not active:
        return ABANDONED
    statuses = {a.get("statut") for a in active}
    if "en retard" in statuses:
        return BEHIND
    if "en cours" in statuses:
        return ONGOING
    if "reportée" in statuses:
        return POSTPONED
    if statuses == {"terminée"}:
        finished = end is None or last_day(end) <= reference.day
        return DONE if finished else ONGOING
    if statuses == {"à venir"}:
        started = any(a.get("statut") in ("terminée", "en cours") for a in earlier)
        return ONGOING if started else COMING
    return ONGOING  # done and coming actions: under way


def project_state(project: dict, programming: list, reference: Reference) -> ProjectState:
    state = computed_state(project, programming, reference)
    if project.get("statut") is not None:
        state.status, state.declared = project["statut"], True
    return state


def computed_state(project: dict, programming: list, reference: Reference) -> ProjectState:
    state = ProjectState(
        project=project, status=UNPLANNED,
        planned=(project.get("debut"), project.get("fin")),
        revised=(project.get("debut_revise"), project.get("fin_revisee")))
    programming = [a for a in programming if a.get("annee") is not None]  # not « inconnu »
    if not programming:
        return state
    # By the calendar year each action starts in: « mars 2026 » and « 2026 » are
    # the same year of programming; « 2025-2027 » counts from 2025.
    year = max(a["annee"].year for a in programming)
    actions = [a for a in programming if a["annee"].year == year]
    earlier = [a for a in programming if a["annee"].year < year]
    state.year, state.actions = year, actions
    state.status = _status_of_year(actions, earlier, state.end, reference)
    values = [a["avancement"] for a in actions
              if a.get("statut") != "abandonnée" and a.get("avancement") is not None]
    state.progress = sum(values) / len(values) if values else None
    updates = [a["mise_a_jour"] for a in programming if a.get("mise_a_jour")]
    state.updated = max(updates, key=lambda d: d.first_day) if updates else None
    return state


def project_states(index, reference: Reference) -> list:
    """Every project, by priority rank, with its status."""
    projects = sorted(index.rows("projets"), key=project_order)
    return [project_state(p, index.programming_by_project.get(p.get("id"), []),
                          reference) for p in projects]


# --- indicators -----------------------------------------------------------------------------

REACHED, ON_TRACK, LATE, UNKNOWN = "atteint", "en bonne voie", "en retard", "à évaluer"
INDICATOR_STATUSES = (REACHED, ON_TRACK, LATE, UNKNOWN)
INDICATOR_LOOK = {REACHED: "ok", ON_TRACK: "principal", LATE: "alerte",
                  UNKNOWN: "neutre"}
INDICATOR_SYMBOL = {REACHED: "coche", ON_TRACK: "fleche", LATE: "alerte",
                    UNKNOWN: "question"}
MARGIN = 0.10  # "on track" tolerates being 10 points behind the straight path


@dataclass
class IndicatorState:
    indicator: dict
    status: str
    reason: str  # one French phrase: why this status
    measures: list = field(default_factory=list)  # usable measures, by date
    latest: Optional[dict] = None
    achieved: Optional[float] = None  # share of the way made (0..1+), quantitative
    expected: Optional[float] = None  # share of time elapsed at the latest measure
    usual: bool = False  # the reason only says what the status means (said once)

    @property
    def id(self):
        return self.indicator.get("id")

    @property
    def quantitative(self) -> bool:
        return self.indicator.get("nature") == "quantitatif"

    @property
    def look(self) -> str:
        return INDICATOR_LOOK[self.status]

    @property
    def symbol(self) -> str:
        return INDICATOR_SYMBOL[self.status]


def baseline_day(indicator: dict) -> Optional[datetime.date]:
    year = indicator.get("annee_depart")  # « 2024 », « mars 2024 »: its last day
    return year.last_date if year else None


def _share(start: datetime.date, end: datetime.date, day: datetime.date) -> float:
    if end <= start:
        return 1.0
    return min(max((day - start).days / (end - start).days, 0.0), 1.0)


def _quantitative_state(indicator: dict, measures: list, reference: Reference):
    usable = [m for m in measures if m.get("valeur") is not None]
    state = IndicatorState(indicator, UNKNOWN, "aucune mesure n'est encore inscrite",
                           measures=usable)
    if not usable:
        return state
    state.latest = latest = usable[-1]
    base, target = indicator.get("valeur_depart"), indicator.get("cible")
    if base is None or target is None:
        missing = [word for word, value in (("la valeur de départ", base),
                                            ("la cible", target)) if value is None]
        verb = "ne sont pas précisées" if len(missing) > 1 else "n'est pas précisée"
        state.reason = f"{french.join(missing)} {verb}"
        return state
    value = latest["valeur"]
    rising = target >= base
    reached = (value >= target) if rising else (value <= target)
    state.achieved = ((value - base) / (target - base) if target != base
                      else (1.0 if reached else 0.0))
    if reached:  # never « Atteint : la cible est atteinte »
        state.status, state.usual = REACHED, True
        state.reason = ("la dernière mesure égale ou dépasse la cible" if rising
                        else "la dernière mesure est égale ou inférieure à la cible")
        return state
    deadline = last_day(indicator.get("echeance"))
    start = baseline_day(indicator)
    measured = first_day(latest["date"])
    state.expected = (_share(start, deadline, measured)
                      if start and deadline else None)
    if deadline and reference.day > deadline:
        state.status, state.reason = LATE, "l'échéance est passée sans que la cible soit atteinte"
    elif state.expected is not None and state.achieved < state.expected - MARGIN:
        state.status = LATE
        state.reason = "la progression est en deçà du rythme prévu pour atteindre la cible"
    else:
        state.status, state.usual = ON_TRACK, True
        state.reason = "la progression suit le rythme prévu pour atteindre la cible"
    return state


def _milestone_state(indicator: dict, measures: list, reference: Reference):
    usable = [m for m in measures if m.get("atteint") is not None]
    state = IndicatorState(indicator, UNKNOWN, "aucune mesure n'est encore inscrite",
                           measures=usable)
    if not usable:
        return state
    state.latest = latest = usable[-1]
    if latest["atteint"]:  # never « Atteint : le jalon est atteint »
        when = latest.get("date")
        state.status, state.usual = REACHED, True
        state.reason = (f"la mesure {french.from_date(when)} le constate" if when
                        else "la dernière mesure le constate")
        return state
    deadline = last_day(indicator.get("echeance"))
    if deadline and reference.day > deadline:
        state.status, state.reason = LATE, "l'échéance est passée sans que le jalon soit atteint"
    else:
        state.status, state.usual = ON_TRACK, True
        state.reason = "le jalon n'est pas encore atteint, l'échéance n'est pas passée"
    return state


def indicator_state(indicator: dict, measures: list, reference: Reference) -> IndicatorState:
    if indicator.get("nature") is None:  # « inconnu »: no way to judge it
        return IndicatorState(indicator, UNKNOWN, "sa nature (quantitatif ou jalon) n'est "
                              "pas précisée", measures=list(measures))
    if indicator.get("nature") == "jalon":
        return _milestone_state(indicator, measures, reference)
    return _quantitative_state(indicator, measures, reference)


def indicator_states(index, reference: Reference) -> list:
    return [indicator_state(i, index.measures_by_indicator.get(i.get("id"), []),
                            reference)
            for i in index.rows("indicateurs")]


def count_by(states: list, statuses: tuple) -> dict:
    counts = {status: 0 for status in statuses}
    for state in states:
        counts[state.status] += 1
    return counts


# --- accountability reports and what changed since -----------------------------------------

def reports_by_date(index) -> list:
    """Accountability reports, most recent first."""
    dated = [r for r in index.rows("redditions") if r.get("date") is not None]
    return sorted(dated, key=lambda r: r["date"].first_day, reverse=True)


def _after(date, since: datetime.date) -> bool:
    return date is not None and first_day(date) > since


def changes_since(index, since: datetime.date) -> dict:
    """What the data records after ``since``: measures, actions, adjustments."""
    measures = []
    for indicator in index.rows("indicateurs"):
        series = index.measures_by_indicator.get(indicator.get("id"), [])
        for position, measure in enumerate(series):
            if _after(measure.get("date"), since):
                before = [m for m in series[:position] if m.get("valeur") is not None]
                measures.append({"indicator": indicator, "measure": measure,
                                 "previous": before[-1] if before else None})
    measures.sort(key=lambda c: c["measure"]["date"].first_day, reverse=True)
    actions = [a for a in index.rows("programmation") if _after(a.get("mise_a_jour"), since)]
    actions.sort(key=lambda a: (a["mise_a_jour"].first_day, str(a.get("projet"))),
                 reverse=True)
    adjustments = [a for a in index.rows("ajustements") if _after(a.get("date"), since)]
    adjustments.sort(key=lambda a: a["date"].first_day, reverse=True)
    return {"mesures": measures, "actions": actions, "ajustements": adjustments,
            "total": len(measures) + len(actions) + len(adjustments)}
