"""Lookups over a whole plan, in both directions between its grids.

Built once per loaded data set (``pages/site.py`` keeps it with the data),
``PlanIndex`` answers what the pages, the charts and the follow-up rules
ask: a row by its id, its label, what cites it, the projects that answer a
need, the measures of an indicator in date order. It reads typed rows only:
no file, no markup, no link (links are the pages' business).
"""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property

from .catalog import GRIDS
from .model import iter_references, rows_of
from .values import Amount

# Funding lines that count as obtained; « demandé » is still a hope.
FUNDING_OBTAINED = ("confirmé", "reçu")
FUNDING_REQUESTED = ("demandé",)


def project_order(project: dict) -> tuple:
    """Projects by priority rank (unranked last), then by id."""
    return (project.get("rang") or 10**6, str(project.get("id")))


def funding_total(project: dict, statuses: tuple = ()) -> Amount:
    """The sum of a project's funding lines (of ``statuses`` only, if given)."""
    return Amount.total(line["montant"] for line in project.get("financement") or []
                        if not statuses or line.get("statut") in statuses)


def has_funding(project: dict, statuses: tuple = ()) -> bool:
    return any(not statuses or line.get("statut") in statuses
               for line in project.get("financement") or [])


class PlanIndex:
    """The plan's rows, and the links between them."""

    def __init__(self, data: dict):
        self.data = data

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
    def measures_by_indicator(self) -> dict:
        table = self._citing("mesures", "indicateur")
        return {key: sorted(rows, key=lambda m: m["date"].first_day)
                for key, rows in table.items()}

    @cached_property
    def projects_by_orientation(self) -> dict:
        table = self._citing("projets", "orientation")
        return {key: sorted(rows, key=project_order) for key, rows in table.items()}

    @cached_property
    def programming_by_project(self) -> dict:
        table = self._citing("programmation", "projet")
        return {key: sorted(rows, key=lambda r: r["annee"]) for key, rows in table.items()}

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

    def population(self) -> int:
        return sum(m.get("population") or 0 for m in self.rows("municipalites"))
