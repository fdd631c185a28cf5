"""Lookups over a whole plan, in both directions between its grids.

Built once per loaded data set (``pages/site.py`` keeps it with the data),
``PlanIndex`` answers what the pages, the charts and the follow-up rules
ask: a row by its id, its label, what cites it, the projects that answer a
need, the measures of an indicator in date order. It reads typed rows only:
no file, no markup, no link (links are the pages' business).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from .catalog import GRIDS
from .model import iter_references, rows_of
from .names import with_current_names
from .values import Amount, missing_last

# Funding lines that count as obtained; « demandé » is still a hope.
FUNDING_OBTAINED = ("confirmé", "reçu")
FUNDING_REQUESTED = ("demandé",)
FUNDING_CONSIDERED = ("envisagé", "à déterminer")  # not even requested yet
FUNDING_PENDING = FUNDING_REQUESTED + FUNDING_CONSIDERED  # hoped for, not obtained
FUNDING_REFUSED = ("refusé", "non admissible")  # shown as typed, never counted as money


def counts_as_money(line: dict, statuses: tuple = ()) -> bool:
    """A funding line of ``statuses``; without them, any line but a refused one."""
    status = line.get("statut")
    return status in statuses if statuses else status not in FUNDING_REFUSED


def project_order(project: dict) -> tuple:
    """Projects by priority rank (unranked last), then by id."""
    return (project.get("rang") or 10**6, str(project.get("id")))


def main_orientation(project: dict):
    """The first orientation of a project (its main axis), or None."""
    orientations = project.get("orientation") or []
    return orientations[0] if orientations else None


def funding_total(project: dict, statuses: tuple = ()) -> Amount:
    """The sum of a project's funding lines (of ``statuses`` only, if given;
    refused ones never count)."""
    return Amount.total(line["montant"] for line in funding_lines(project, statuses))


def funding_lines(project: dict, statuses: tuple = ()) -> list:
    return [line for line in project.get("financement") or []
            if counts_as_money(line, statuses)]


def funding_total_text(project: dict, statuses: tuple = ()) -> str:
    """The sum of the funding lines in French: never a 0 $ for amounts not
    known (« au moins 20 000 $ », « non précisé »)."""
    lines = funding_lines(project, statuses)
    # A line whose status is « inconnu » may be of ``statuses``: the sum is a floor.
    undecided = bool(statuses) and any(line.get("statut") is None
                                       for line in project.get("financement") or [])
    missing = sum(1 for line in lines if line.get("montant") is None)
    if (lines and missing == len(lines)) or (not lines and undecided):
        return "non précisé"
    total = funding_total(project, statuses).french
    return f"au moins {total}" if missing or undecided else total


def has_funding(project: dict, statuses: tuple = ()) -> bool:
    return any(counts_as_money(line, statuses)
               for line in project.get("financement") or [])


def heading(grid_key: str, row: dict, separator: str = " — ") -> str:
    """« P-01 — Fibre pour Lac-Bêta »: a row's id and label; the id alone when
    the label is « inconnu » (never « None »)."""
    grid = GRIDS[grid_key]
    label = row.get(grid.label_key) if grid.label_key else None
    parts = [row.get(grid.id_key), None if label == row.get(grid.id_key) else label]
    return separator.join(str(part) for part in parts if part not in (None, ""))


@dataclass(frozen=True)
class PartialSum:
    """A sum over rows of which some do not give the value (« inconnu », or
    an optional field left empty): ``total`` of the ``known`` ones, ``missing``
    rows left out. Never shown as the whole: « au moins … »."""

    total: float
    known: int
    missing: int

    @classmethod
    def of(cls, rows, key: str) -> "PartialSum":
        known = [row.get(key) for row in rows if row.get(key) is not None]
        return cls(sum(known), len(known), len(rows) - len(known))


class PlanIndex:
    """The plan's rows, and the links between them."""

    def __init__(self, data: dict):
        # A municipality cited by a former name or an alias is read by its
        # current name (plan/names.py): links, labels, charts agree.
        self.data = with_current_names(data)

    def rows(self, key: str) -> list:
        return rows_of(self.data, key)

    def record(self, key: str) -> dict:
        return self.data.get(key) or {}

    @cached_property
    def by_id(self) -> dict:
        table = {}
        for grid in GRIDS.values():
            if grid.identified:
                table[grid.key] = {row.get(grid.id_key): row for row in self.rows(grid.key)}
        return table

    def find(self, grid_key: str, row_id):
        return self.by_id.get(grid_key, {}).get(row_id)

    def label(self, grid_key: str, row_id) -> str:
        """The human name of a row (its label column), or "" if it has none."""
        grid = GRIDS[grid_key]
        row = self.find(grid_key, row_id)
        if row is None or not grid.label_key or grid.label_key == grid.id_key:
            return ""
        return str(row.get(grid.label_key) or "")

    def _citing(self, grid_key: str, field: str) -> dict:
        """{cited id: [rows of grid_key that cite it in field]}."""
        table = defaultdict(list)
        for row in self.rows(grid_key):
            value = row.get(field)
            for ref in (value if isinstance(value, list) else [value]):
                if ref is not None:
                    table[ref].append(row)
        return table

    @cached_property
    def _incoming(self) -> dict:
        """{target grid: {cited id: [(citing grid, citing row)]}}, every reference."""
        table = defaultdict(lambda: defaultdict(list))
        for grid in GRIDS.values():
            for row in self.rows(grid.key):
                for reference in iter_references(grid.columns, row):
                    for ref in reference.ids:
                        citing = table[reference.column.target][ref]
                        if not citing or citing[-1][1] is not row:
                            citing.append((grid, row))
        return table

    def citing(self, grid_key: str, row_id) -> list:
        """(grid, row) of every row that cites the row ``row_id`` of ``grid_key``."""
        return self._incoming[grid_key].get(row_id, [])

    def is_cited(self, grid_key: str) -> bool:
        return any(citing for citing in self._incoming[grid_key].values())

    @cached_property
    def projects_by_need(self) -> dict:
        return self._citing("projets", "besoins")

    @cached_property
    def pistes_by_need(self) -> dict:
        return self._citing("pistes", "besoins")

    @cached_property
    def indicators_by_project(self) -> dict:
        return self._citing("indicateurs", "projets")

    @cached_property
    def all_measures_by_indicator(self) -> dict:
        """Each indicator's measures, dated ones by date, then those whose date is
        « inconnu » (listed with the indicator, in no series)."""
        table = self._citing("mesures", "indicateur")
        return {key: sorted(rows, key=lambda m: missing_last(
                    m.get("date") and m["date"].first_day))
                for key, rows in table.items()}

    @cached_property
    def measures_by_indicator(self) -> dict:
        """Each indicator's dated measures, oldest first (a measure whose date is
        « inconnu » stays in its grid, but has no place in a series)."""
        return {key: [m for m in rows if m.get("date") is not None]
                for key, rows in self.all_measures_by_indicator.items()}

    @cached_property
    def projects_by_orientation(self) -> dict:
        """{orientation id: its projects, by rank}: a project is listed under each
        of its orientations (see ``main_orientation``)."""
        table = self._citing("projets", "orientation")
        return {key: sorted(rows, key=project_order) for key, rows in table.items()}

    def projects_without_orientation(self) -> list:
        return [p for p in self.projects() if not p.get("orientation")]

    def citing_objective(self, grid_key: str, objective_id) -> list:
        """The rows of ``grid_key`` (orientations, projects, indicators) that cite a
        plan-wide objective."""
        return [row for grid, row in self.citing("objectifs_du_plan", objective_id)
                if grid.key == grid_key]

    @cached_property
    def programming_by_project(self) -> dict:
        table = self._citing("programmation", "projet")
        return {key: sorted(rows, key=lambda r: missing_last(r["annee"]))
                for key, rows in table.items()}

    def projects(self) -> list:
        """Every project, by priority rank."""
        return sorted(self.rows("projets"), key=project_order)

    def needs_by_priority(self) -> list:
        return sorted(self.rows("besoins"),
                      key=lambda b: (b.get("priorite") or 9, str(b.get("id"))))

    def indicators_of_need(self, need_id) -> list:
        """The indicators of the projects that answer a need, each once."""
        seen, result = set(), []
        for project in self.projects_by_need.get(need_id, []):
            for indicator in self.indicators_by_project.get(project["id"], []):
                if indicator["id"] not in seen:
                    seen.add(indicator["id"])
                    result.append(indicator)
        return result

    def population(self) -> PartialSum:
        return PartialSum.of(self.rows("municipalites"), "population")
