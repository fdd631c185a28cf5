"""A published ``plan.json`` read back into the typed data the rest of the
project computes with (``plan/index.py``, ``plan/followup.py``, the French
formatter): each value through its kind's ``from_json`` (the inverse of
``json_value``), a field listed in « inconnus » as ``UNKNOWN``.

A value that no version of ``json_value`` could have written is refused with
where it is (« projets › P-03 › cout ») and why, in French.
"""

from __future__ import annotations

from ..outputs.opendata import UNKNOWN_FIELDS
from ..plan.catalog import STEPS
from ..plan.model import RECORD, Row
from ..plan.values import UNKNOWN, ValueIssue

SEPARATOR = " › "


class PlanIssue(Exception):
    """plan.json holds a value that cannot be read; the message is French."""


def _where(*parts) -> str:
    return SEPARATOR.join(str(part) for part in parts if part not in (None, ""))


def read_row(columns, record: dict, where: str) -> Row:
    """A row of plan.json as a validated row: typed values, « inconnu » kept."""
    if not isinstance(record, dict):
        raise PlanIssue(f"{where} : une ligne devrait être un objet JSON.")
    unknown = set(record.get(UNKNOWN_FIELDS) or [])
    row = Row()
    for column in columns:
        value = record.get(column.key)
        if column.key in unknown:
            row[column.key] = UNKNOWN
            continue
        if value is None or value == []:
            continue
        try:
            row[column.key] = column.kind.from_json(
                value, column, lambda sub_columns, sub, key=column.key:
                read_row(sub_columns, sub, _where(where, key)))
        except (ValueIssue, KeyError, TypeError, AttributeError) as issue:
            detail = str(issue) if isinstance(issue, ValueIssue) else "forme inattendue"
            raise PlanIssue(f"{_where(where, column.key)} : {detail}") from None
    return row


def _row_name(grid, record, position: int) -> str:
    identifier = record.get(grid.id_key) if isinstance(record, dict) else None
    return identifier if grid.id_prefix and identifier else f"ligne {position}"


def read_plan(document: dict) -> dict:
    """The typed data of a ``plan.json`` document: {grid key: rows or record}."""
    grids = document.get("grilles") if isinstance(document, dict) else None
    if not isinstance(grids, dict):
        raise PlanIssue("le fichier n'a pas de « grilles ».")
    data = {}
    for step in STEPS:
        for grid in step.grids:
            value = grids.get(grid.key)
            if grid.shape == RECORD:
                data[grid.key] = read_row(grid.columns, value, grid.key) if value else {}
                continue
            if value is None:
                value = []
            if not isinstance(value, list):
                raise PlanIssue(f"{grid.key} : la grille devrait être une liste de lignes.")
            data[grid.key] = [read_row(grid.columns, record,
                                       _where(grid.key, _row_name(grid, record, n)))
                              for n, record in enumerate(value, start=1)]
    return data
