"""Checks of the territory and of what names its rows: values that must be
unique (a municipality's code), other names that two rows would share
(errors); facts left out that a total must admit, a plan « adopté » without
any approbation (warnings). Run by ``checks.check_plan``."""

from __future__ import annotations

from ..plan.catalog import GRIDS, step_of
from ..plan.model import raw_value, rows_of
from ..plan.names import NAMED_GRIDS, other_names_of
from .problems import WARNING, Problem


_at = Problem.at_row


def _where(row, field: str) -> str:
    return f"{row.origin.path}, ligne {row.origin.line_of(field)}"


def _name_of(grid, row) -> str:
    return str(row.get(grid.label_key or grid.id_key) or "")


# --- values two rows may not share ------------------------------------------------------

def check_unique_values(data: dict) -> list:
    """Two rows of a grid with the same value of a ``unique`` column (two
    municipalities with one code)."""
    problems = []
    for grid in GRIDS.values():
        for column in (c for c in grid.columns if c.unique):
            seen = {}
            for row in rows_of(data, grid.key):
                value = row.get(column.key)
                if value is None:
                    continue
                first = seen.setdefault(value, row)
                if first is row:
                    continue
                problems.append(_at(row, column.key, (
                    f"« {value} » est déjà le « {column.key} » de "
                    f"« {_name_of(grid, first)} » ({_where(first, column.key)}) : "
                    "chaque ligne de la grille "
                    f"« {grid.title} » a le sien ; corriger l'un des deux")))
    return problems


# --- other names: each designates one row only --------------------------------------------

AMBIGUOUS = "une référence à ce nom serait ambiguë"


def _other_name_problems(grid, rows: list) -> list:
    by_id = {row.get(grid.id_key): row for row in rows if row.get(grid.id_key) is not None}
    problems, claimed = [], {}
    for row in rows:
        for name, key in dict.fromkeys(other_names_of(grid, row)):
            other = by_id.get(name)
            if other is not None and other is not row:
                problems.append(_at(row, key, (
                    f"« {name} » est déjà le nom d'une autre ligne de la grille "
                    f"« {grid.title} » ({_where(other, grid.id_key)}) : {AMBIGUOUS} ; "
                    "l'enlever de cette liste")))
                continue
            if other is row:
                continue  # its own name again: harmless
            first = claimed.setdefault(name, row)
            if first is not row:
                problems.append(_at(row, key, (
                    f"« {name} » est déjà un autre nom de « {_name_of(grid, first)} » "
                    f"({_where(first, key)}) : {AMBIGUOUS} ; ne le garder que pour "
                    "l'une des deux")))
    return problems


def check_other_names(data: dict) -> list:
    """A former name or an alias that is another row's name, or that two rows
    claim: a reference to it could not be resolved."""
    return [problem for grid in NAMED_GRIDS
            for problem in _other_name_problems(grid, rows_of(data, grid.key))]


# --- warnings: facts left out, an adoption without approbation -------------------------------

def empty_field_warnings(data: dict) -> list:
    """An optional field that a total or a list needs (``Column.if_empty``),
    left out; « inconnu » is reported by ``checks.unknown_warnings``."""
    warnings = []
    for grid in GRIDS.values():
        for column in (c for c in grid.columns if c.if_empty):
            for row in rows_of(data, grid.key):
                if (raw_value(row, column.key) in (None, [], "")
                        and column.key not in row.origin.invalid):
                    warnings.append(Problem.in_file(row.origin.path, row.origin.line,
                                                    column.key, column.if_empty,
                                                    level=WARNING))
    return warnings


def adoption_warnings(data: dict) -> list:
    """A plan « adopté » with no row in « approbations »."""
    territory = data.get("territoire") or {}
    if territory.get("statut") != "adopté" or rows_of(data, "approbations"):
        return []
    path = territory.origin.path
    folder = path.rsplit("/", 1)[0] + "/" if "/" in path else ""
    grid = GRIDS["approbations"]
    return [_at(territory, "statut", (
        f"le plan est « adopté », mais la grille « {grid.title} » "
        f"({folder}{step_of(grid).filename}, « {grid.key} ») est vide : y inscrire au "
        "moins le conseil qui l'a adopté, avec la date et le numéro de résolution"),
        WARNING)]


def territory_errors(data: dict) -> list:
    return check_unique_values(data) + check_other_names(data)


def territory_warnings(data: dict) -> list:
    return empty_field_warnings(data) + adoption_warnings(data)
