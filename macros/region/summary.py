"""The territories compared: what the regional site shows, as complete views
(plain data for the templates, ``templates/region/``).

Everything is computed from each territory's typed plan with the plan's own
rules: statuses and lateness (``plan/followup.py``), amounts as written and
summed without inventing a bound (``values.Amount``: « environ », « au
moins »), a field written « inconnu » counted apart, never as 0. An indicator
is compared across territories only when its name and unit are the same
(accents, case and spacing aside): two differently named measures are never
put side by side.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from ..plan import french
from ..plan.catalog import GRIDS, REGIONS
from ..plan.followup import LATE, indicator_states, project_states, reference_date
from ..plan.index import FUNDING_OBTAINED, FUNDING_PENDING, PlanIndex
from ..plan.model import is_unknown
from ..plan.values import UNKNOWN_TEXT, Amount, fold
from .packages import Territory, slug

NO_THEME = "domaine non précisé"
WHOLE_TERRITORY = "ensemble du territoire"
TERRITORIES_IN_QUEBEC = 104  # MRC and territoires équivalents


def shown(grid_key: str, key: str, row: dict) -> str:
    """A field in French as the territory's own site shows it; « non précisé »
    for « inconnu », "" when not given."""
    if is_unknown(row, key):
        return UNKNOWN_TEXT
    value = row.get(key)
    if value is None or value == []:
        return ""
    column = GRIDS[grid_key].column(key)
    return column.kind.text(value, column)


def region_slug(region: str) -> str:
    return slug(region) if region else "sans-region"


# --- amounts -------------------------------------------------------------------------

@dataclass
class Total:
    """A sum of amounts of which some may be unknown: never shown as the whole."""

    amounts: list = field(default_factory=list)
    missing: int = 0

    def add(self, amount) -> None:
        if amount is None:
            self.missing += 1
        else:
            self.amounts.append(amount)

    @property
    def text(self) -> str:
        if not self.amounts:
            return UNKNOWN_TEXT if self.missing else "—"
        total = Amount.total(self.amounts).french
        return f"au moins {total}" if self.missing else total

    @property
    def note(self) -> str:
        if not self.missing:
            return ""
        return french.count(self.missing, "montant non précisé", "montants non précisés")


# --- one territory -------------------------------------------------------------------------

@dataclass
class Project:
    id: str
    title: str
    theme: str
    cost: str
    obtained: str
    pending: str
    status: str


@dataclass
class TerritoryView:
    name: str
    slug: str
    type: str
    region: str
    code: str
    period: str
    status: str
    adopted: str
    site_url: str
    document_url: str
    reference: str  # « situation au 10 novembre 2026 »
    needs: list
    projects: list
    indicators: list
    late_projects: int
    late_indicators: int
    lateness: list  # French phrases
    connectivity: str
    index: PlanIndex  # the territory's plan, for what compares it with the others

    @property
    def late(self) -> bool:
        return bool(self.lateness)


def _theme(project: dict, index: PlanIndex) -> str:
    """The domain of the project's first idea (« pistes »): projects have no theme
    of their own."""
    for piste in project.get("pistes") or []:
        row = index.find("pistes", piste)
        if row is not None and row.get("domaine"):
            return row.get("domaine")
    return NO_THEME


def _funding_sum(project: dict, statuses: tuple) -> tuple:
    """(the sum of the project's funding lines of ``statuses`` whose amount is
    known, or None; how many of them are « inconnu »)."""
    amounts = [line.get("montant") for line in project.get("financement") or []
               if line.get("statut") in statuses]
    known = [amount for amount in amounts if amount is not None]
    return (Amount.total(known) if known else None), len(amounts) - len(known)


def _project(project: dict, state, index: PlanIndex) -> Project:
    obtained, _ = _funding_sum(project, FUNDING_OBTAINED)
    pending, _ = _funding_sum(project, FUNDING_PENDING)
    return Project(
        id=str(project.get("id")), title=project.get("titre") or str(project.get("id")),
        theme=_theme(project, index), cost=shown("projets", "cout", project) or "—",
        obtained=obtained.french if obtained else "—",
        pending=pending.french if pending else "—", status=state.status)


def _connectivity(index: PlanIndex) -> str:
    """The share of households at 50/10 Mbit/s as the plan gives it: for the whole
    territory when it says so, else the range over its municipalities."""
    rows = [r for r in index.rows("connectivite") if r.get("foyers_50_10") is not None]
    whole = [r for r in rows if r.get("municipalite") == WHOLE_TERRITORY]
    if whole:
        row = whole[-1]
        return (f"{french.percent(row['foyers_50_10'])} "
                f"({shown('connectivite', 'annee', row)})")
    if not rows:
        return ""
    shares = sorted(r["foyers_50_10"] for r in rows)
    return (f"de {french.percent(shares[0])} à {french.percent(shares[-1])} selon la "
            f"municipalité ({french.count(len(rows), 'municipalité', 'municipalités')})")


def _lateness(record: dict, late_projects: int, late_indicators: int,
              today: datetime.date) -> list:
    phrases = []
    start = record.get("periode_debut")
    if record.get("statut") == "brouillon" and start is not None and start <= today.year:
        phrases.append(f"plan non adopté, période commencée en {start}")
    if late_projects:
        phrases.append(french.count(late_projects, "projet en retard", "projets en retard"))
    if late_indicators:
        phrases.append(french.count(late_indicators, "indicateur en retard",
                                    "indicateurs en retard"))
    return phrases


def territory_view(territory: Territory, today: datetime.date) -> TerritoryView:
    index = PlanIndex(territory.data)
    record = territory.record
    reference = _reference(index, today)
    states = project_states(index, reference)
    indicators = indicator_states(index, reference)
    late_projects = sum(1 for s in states if s.status == LATE)
    late_indicators = sum(1 for s in indicators if s.status == LATE)
    return TerritoryView(
        name=territory.name, slug=slug(territory.name), type=shown("territoire", "type", record),
        region=record.get("region") or "", code=shown("territoire", "code_geographique", record),
        period=french.plan_years(record.get("periode_debut"), record.get("periode_fin")),
        status=shown("territoire", "statut", record),
        adopted=shown("territoire", "date_adoption", record),
        site_url=record.get("site_url") or "",
        document_url=record.get("document_original") or "",
        reference=f"situation au {reference.french}",
        needs=index.rows("besoins"),
        projects=[_project(s.project, s, index) for s in states],
        indicators=indicators, late_projects=late_projects,
        late_indicators=late_indicators,
        lateness=_lateness(record, late_projects, late_indicators, today),
        connectivity=_connectivity(index), index=index)


def _reference(index: PlanIndex, today: datetime.date):
    """The plan's own reference date (its latest follow-up data); ``today`` for
    a plan without any, as its own site would do on the day it is built."""
    reference = reference_date(index)
    return reference if reference.origin == "donnees" else reference_date(index, today)


# --- across territories ----------------------------------------------------------------------

@dataclass
class Region:
    name: str
    slug: str
    territories: list


def regions(views: list) -> list:
    """The regions that have at least one territory, in the official order."""
    by_region = defaultdict(list)
    for view in views:
        by_region[view.region].append(view)
    ordered = [r for r in REGIONS if r in by_region] + ([""] if "" in by_region else [])
    return [Region(r or "Région non précisée", region_slug(r), by_region[r])
            for r in ordered]


@dataclass
class NeedCount:
    label: str
    needs: int = 0
    first: int = 0  # priority 1
    territories: set = field(default_factory=set)


def needs_by(views: list, key: str) -> list:
    """Needs counted by category (or clientele), in the catalog's order."""
    column = GRIDS["besoins"].column(key)
    counts = {choice: NeedCount(str(choice)) for choice in column.choices}
    unknown = NeedCount(UNKNOWN_TEXT)
    for view in views:
        for need in view.needs:
            count = counts.get(need.get(key), unknown)
            count.needs += 1
            count.first += need.get("priorite") == 1
            count.territories.add(view.name)
    return [c for c in [*counts.values(), unknown] if c.needs]


@dataclass
class Recurring:
    statement: str
    territories: list  # TerritoryView


def recurring_needs(views: list) -> list:
    """Needs stated alike (accents, case and spacing aside) in several territories."""
    by_statement = defaultdict(dict)
    for view in views:
        for need in view.needs:
            statement = need.get("enonce")
            if statement:
                key = " ".join(fold(statement).split())
                by_statement[key].setdefault(view.name, (statement, view))
    found = []
    for entries in by_statement.values():
        if len(entries) >= 2:
            first = next(iter(entries.values()))[0]
            found.append(Recurring(first, [view for _, view in entries.values()]))
    return sorted(found, key=lambda r: (-len(r.territories), fold(r.statement)))


@dataclass
class Theme:
    name: str
    projects: int = 0
    territories: set = field(default_factory=set)
    cost: Total = field(default_factory=Total)
    obtained: Total = field(default_factory=Total)
    pending: Total = field(default_factory=Total)  # requested or considered


def projects_by_theme(views: list) -> list:
    """Projects by the domain of their first idea, with their cost, the funding
    obtained (confirmed or received) and the funding hoped for (requested or
    considered), totalled as the plans total them."""
    themes = {}
    for view in views:
        for project in view.index.rows("projets"):
            name = _theme(project, view.index)
            theme = themes.setdefault(name, Theme(name))
            theme.projects += 1
            theme.territories.add(view.name)
            theme.cost.add(project.get("cout"))
            for total, statuses in ((theme.obtained, FUNDING_OBTAINED),
                                    (theme.pending, FUNDING_PENDING)):
                amount, missing = _funding_sum(project, statuses)
                if amount is not None:
                    total.add(amount)
                total.missing += missing
    order = [c for c in GRIDS["pistes"].column("domaine").choices] + [NO_THEME]
    return sorted(themes.values(), key=lambda t: (order.index(t.name)
                                                  if t.name in order else len(order), t.name))


@dataclass
class SharedIndicator:
    name: str
    unit: str
    rows: list  # (TerritoryView, IndicatorState)


def shared_indicators(views: list) -> list:
    """Indicators with the same name and unit in at least two territories."""
    groups = defaultdict(list)
    for view in views:
        for state in view.indicators:
            indicator = state.indicator
            name, unit = indicator.get("libelle"), indicator.get("unite") or ""
            if name:
                groups[(" ".join(fold(name).split()), " ".join(fold(unit).split()))].append(
                    (view, state))
    shared = []
    for rows in groups.values():
        if len({view.name for view, _ in rows}) >= 2:
            first = rows[0][1].indicator
            shared.append(SharedIndicator(first.get("libelle"), first.get("unite") or "",
                                          rows))
    return sorted(shared, key=lambda s: (-len(s.rows), fold(s.name)))
