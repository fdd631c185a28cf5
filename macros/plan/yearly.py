"""The yearly accountability report (step 10): what a year of follow-up says.

These rules feed the « Rapport annuel ANNÉE » pages and ``pnt rapport``. They
read the loaded data only.

Years with follow-up data
    A year has a report when the data records follow-up in it: a measure, an
    update of the annual programming (``mise_a_jour``), an accountability
    report or an adjustment dated in that year, or an action of that year's
    programming whose status is not « à venir ». A programming adopted for
    next year (every action « à venir ») is not yet follow-up. A partial
    date belongs to the year it starts in (« hiver 2026 » as 2026's winter,
    « 2025-2027 » to 2025), as everywhere in ``followup.py``.

The plan at the end of a year
    The report of year Y reads the data as it stood at the end of Y: the
    measures dated up to 31 December of Y, the programming of Y and earlier,
    the reports and adjustments dated up to then (``data_at``); the statuses
    of ``followup.py`` are computed on that, at that date. For the year still
    under way the date is the data's own reference date (its latest update),
    not 31 December: nothing is said of days that have not come. A status a
    project declares itself (``projets.statut``) is today's: it counts for
    the newest report only.

Comparison with the previous year
    The same reading at the end of Y - 1, when Y - 1 has a report too: each
    project whose status changed, each indicator whose latest value or
    status changed (moved towards or away from its target).

Money
    The year's budget is the sum of its actions' ``budget``, what was spent or
    committed the sum of their ``depense`` (``values.Amount.total``: ranges,
    « environ », « au moins »); actions without an amount are counted, never
    taken as 0. Funding (``projets.financement``) is not dated in the data: the
    report shows it as it stands, and says so.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Optional

from . import followup
from .index import FUNDING_OBTAINED, FUNDING_PENDING, PlanIndex, project_order
from .values import Amount

COMING = "à venir"
ACTION_STATUSES = ("terminée", "en cours", "en retard", "reportée", "abandonnée",
                   "à venir")
SLIPPED = ("en retard", "reportée", "abandonnée")
RECEIVED = ("reçu",)


class NoFollowUp(Exception):
    """A year without follow-up data; ``years`` are those that have some."""

    def __init__(self, year: int, years: list):
        shown = ", ".join(str(y) for y in years) or "aucune"
        super().__init__(f"l'année {year} n'a aucune donnée de suivi (années qui en ont : "
                         f"{shown})")
        self.year, self.years = year, years


# --- which years ---------------------------------------------------------------------------

def _start_year(date) -> Optional[int]:
    return date.first_date.year if date is not None else None


def report_years(index) -> list:
    """The years with follow-up data, newest first."""
    years = set()
    for grid, key in followup.UPDATE_FIELDS:
        years |= {_start_year(row.get(key)) for row in index.rows(grid)}
    years |= {_start_year(action.get("annee")) for action in index.rows("programmation")
              if action.get("statut") not in (None, COMING)}
    return sorted((year for year in years if year is not None), reverse=True)


def chosen_year(index, year: Optional[int] = None) -> int:
    """``year`` if it has follow-up data (default: the newest that has); else
    ``NoFollowUp`` naming the years that do."""
    years = report_years(index)
    if year is None and years:
        return years[0]
    if year not in years:
        raise NoFollowUp(year, sorted(years))
    return year


# --- the plan as it stood at a date ----------------------------------------------------------

def year_end(index, year: int) -> followup.Reference:
    """31 December of ``year``, or the data's own date if that comes first."""
    data_day = followup.reference_date(index)
    last = datetime.date(year, 12, 31)
    if data_day.origin == "donnees" and data_day.day < last:
        return followup.Reference(data_day.day, "donnees")
    return followup.Reference(last, "fournie")


def _dated_by(row: dict, key: str, day: datetime.date) -> bool:
    date = row.get(key)
    return date is None or date.first_date <= day  # an unknown date is not in the future


def data_at(data: dict, year: int, day: datetime.date) -> dict:
    """The plan as it stood on ``day`` of ``year``: later measures, reports and
    adjustments, and the programming of later years, left out."""
    kept = dict(data)
    for grid in ("mesures", "redditions", "ajustements"):
        kept[grid] = [row for row in data.get(grid) or [] if _dated_by(row, "date", day)]
    kept["programmation"] = [
        action for action in data.get("programmation") or []
        if action.get("annee") is None or action["annee"].first_date.year <= year]
    return kept


@dataclass
class Moment:
    """The plan at the end of a year: its index, date and statuses."""

    year: int
    index: PlanIndex
    reference: followup.Reference
    projects: dict  # id -> followup.ProjectState
    indicators: dict  # id -> followup.IndicatorState


def moment(index, year: int, declared: bool) -> Moment:
    reference = year_end(index, year)
    at = PlanIndex(data_at(index.data, year, reference.day))
    projects = {}
    for project in sorted(at.rows("projets"), key=project_order):
        programming = at.programming_by_project.get(project.get("id"), [])
        projects[project.get("id")] = (
            followup.project_state(project, programming, reference) if declared
            else followup.computed_state(project, programming, reference))
    indicators = {state.id: state for state in followup.indicator_states(at, reference)}
    return Moment(year, at, reference, projects, indicators)


# --- the report ---------------------------------------------------------------------------

@dataclass
class Money:
    """A sum of amounts, and how many rows gave none (never counted as 0)."""

    total: Optional[Amount]
    known: int
    missing: int

    @classmethod
    def of(cls, rows: list, key: str) -> "Money":
        amounts = [row[key] for row in rows if row.get(key) is not None]
        return cls(Amount.total(amounts) if amounts else None, len(amounts),
                   len(rows) - len(amounts))

    @classmethod
    def combined(cls, parts: list) -> "Money":
        amounts = [part.total for part in parts if part.total is not None]
        return cls(Amount.total(amounts) if amounts else None,
                   sum(part.known for part in parts), sum(part.missing for part in parts))


@dataclass
class ProjectYear:
    state: followup.ProjectState  # at the end of the year
    before: Optional[followup.ProjectState]  # at the end of the previous year
    actions: list  # the year's programming of this project
    budget: Money
    spent: Money
    adjustments: list  # of the year, naming this project

    @property
    def changed(self) -> bool:
        return self.before is not None and self.before.status != self.state.status


# How an indicator moved since the previous report.
UP, DOWN, SAME, NEW, NONE = "progrès", "recul", "stable", "nouveau", "aucun"


@dataclass
class IndicatorYear:
    state: followup.IndicatorState  # at the end of the year
    before: Optional[followup.IndicatorState]
    measures: list  # the measures dated in the year

    @property
    def changed_status(self) -> bool:
        return self.before is not None and self.before.status != self.state.status

    @property
    def movement(self) -> str:
        """UP or DOWN (towards or away from the target), SAME, NEW (first
        measure this year) or NONE (nothing to compare)."""
        latest = self.state.latest
        if self.before is None or latest is None:
            return NONE
        earlier = self.before.latest
        if earlier is None:
            return NEW
        if not self.state.quantitative:
            if bool(latest.get("atteint")) == bool(earlier.get("atteint")):
                return SAME
            return UP if latest.get("atteint") else DOWN
        now, then = latest.get("valeur"), earlier.get("valeur")
        if now == then:
            return SAME
        indicator = self.state.indicator
        base, target = indicator.get("valeur_depart"), indicator.get("cible")
        rising = target >= base if base is not None and target is not None else True
        return UP if (now > then) == rising else DOWN


@dataclass
class FundingLine:
    project: dict
    obtained: Money  # confirmed or received
    received: Money
    pending: Money  # requested or considered


@dataclass
class YearReport:
    year: int
    reference: followup.Reference
    previous: Optional[int]  # the year compared with, if it has a report
    actions: list  # the year's programming
    projects: list  # ProjectYear, by rank
    indicators: list  # IndicatorYear, in the plan's order
    budget: Money
    spent: Money
    funding: list  # FundingLine of each project with funding
    adjustments: list  # of the year, oldest first
    reports: list  # accountability reports of the year, oldest first
    next_year: list  # next year's programming
    years: list = field(default_factory=list)  # every year with a report, newest first
    at: Optional[PlanIndex] = None  # the plan as it stood at ``reference``

    @property
    def in_progress(self) -> bool:
        return self.reference.day < datetime.date(self.year, 12, 31)

    def action_counts(self) -> dict:
        counts = {status: 0 for status in ACTION_STATUSES}
        unstated = 0
        for action in self.actions:
            if action.get("statut") in counts:
                counts[action["statut"]] += 1
            else:
                unstated += 1
        return dict(counts, inconnu=unstated)

    def slipped(self) -> list:
        return [a for a in self.actions if a.get("statut") in SLIPPED]

    def indicator_counts(self) -> dict:
        return followup.count_by([i.state for i in self.indicators],
                                 followup.INDICATOR_STATUSES)

    def changed_projects(self) -> list:
        return [p for p in self.projects if p.changed]

    def moved_indicators(self) -> list:
        return [i for i in self.indicators
                if i.movement in (UP, DOWN, NEW) or i.changed_status]


def _of_year(rows: list, key: str, year: int) -> list:
    dated = [row for row in rows if _start_year(row.get(key)) == year]
    return sorted(dated, key=lambda row: row[key].first_date)


def _funding(index) -> list:
    lines = []
    for project in index.projects():
        rows = project.get("financement") or []
        if not rows:
            continue
        def having(statuses):
            return [r for r in rows if r.get("statut") in statuses]
        lines.append(FundingLine(project, Money.of(having(FUNDING_OBTAINED), "montant"),
                                 Money.of(having(RECEIVED), "montant"),
                                 Money.of(having(FUNDING_PENDING), "montant")))
    return lines


def _project_year(state, before, actions: list, adjustments: list) -> ProjectYear:
    own = [a for a in actions if a.get("projet") == state.id]
    named = [a for a in adjustments if state.id in (a.get("projets") or [])]
    return ProjectYear(state, before, own, Money.of(own, "budget"),
                       Money.of(own, "depense"), named)


def year_report(index, year: Optional[int] = None) -> YearReport:
    """The report of ``year`` (default: the newest with follow-up data)."""
    years = report_years(index)
    year = chosen_year(index, year)
    now = moment(index, year, declared=year == years[0])
    previous = year - 1 if year - 1 in years else None
    before = moment(index, previous, declared=False) if previous else None
    actions = [a for a in index.rows("programmation")
               if a.get("annee") is not None and a["annee"].first_date.year == year]
    adjustments = _of_year(now.index.rows("ajustements"), "date", year)
    projects = [_project_year(state, before.projects.get(pid) if before else None,
                              actions, adjustments)
                for pid, state in now.projects.items()]
    indicators = [IndicatorYear(state, before.indicators.get(iid) if before else None,
                                _of_year(now.index.measures_by_indicator.get(iid, []),
                                         "date", year))
                  for iid, state in now.indicators.items()]
    return YearReport(
        year=year, reference=now.reference, previous=previous, actions=actions,
        projects=projects, indicators=indicators, budget=Money.of(actions, "budget"),
        spent=Money.of(actions, "depense"), funding=_funding(index),
        adjustments=adjustments, reports=_of_year(now.index.rows("redditions"), "date", year),
        next_year=[a for a in index.rows("programmation") if a.get("annee") is not None
                   and a["annee"].first_date.year == year + 1],
        years=years, at=now.index)
