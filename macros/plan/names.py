"""The other names of a row: a municipality's former names and aliases.

A grid may declare columns of other names (``Grid.former_names``,
``Grid.aliases``): a reference may then cite a row by any of them
(« Asbestos » for Val-des-Sources, « St-Camille » for Saint-Camille). The
data keeps what the author typed; the pages, the charts and the index read
the plan with every such reference turned into the row's current name
(``with_current_names``), and the row itself is listed with its former
names (« Val-des-Sources (anciennement Asbestos) »). The checks that two
rows do not claim the same name are in ``reading/names.py``.
"""

from __future__ import annotations

from . import french
from .catalog import GRIDS
from .kinds import RECORDS
from .model import Row, raw_value, rows_of

NAMED_GRIDS = tuple(grid for grid in GRIDS.values() if grid.other_names)


def other_names_of(grid, row) -> list:
    """(name, column key) of each other name a row gives, in the order written."""
    return [(str(name), key) for key in grid.other_names
            for name in row.get(key) or [] if str(name)]


def name_table(grid, rows) -> dict:
    """{other name: the row's id}: each other name of the rows, unless it is a
    row's own id or was claimed by an earlier row (the checks report both)."""
    ids = {row.get(grid.id_key) for row in rows}
    table = {}
    for row in rows:
        row_id = row.get(grid.id_key)
        if row_id is None:
            continue
        for name, _ in other_names_of(grid, row):
            if name not in ids:
                table.setdefault(name, row_id)
    return table


def name_tables(data: dict) -> dict:
    """{grid key: {other name: id}} for every grid whose rows have other names."""
    tables = {grid.key: name_table(grid, rows_of(data, grid.key)) for grid in NAMED_GRIDS}
    return {key: table for key, table in tables.items() if table}


def listed_name(grid, row) -> str:
    """The row's name where it is listed: « Val-des-Sources (anciennement
    Asbestos) »; aliases, mere spellings, are not shown."""
    name = str(row.get(grid.id_key))
    former = [str(n) for n in (row.get(grid.former_names) or [])] if grid.former_names else []
    return f"{name} (anciennement {french.join(former)})" if former else name


# --- the plan as the pages read it: every reference by its current name ---------------------

def _current(value, table: dict):
    if isinstance(value, list):
        return [table.get(ref, ref) for ref in value]
    return table.get(value, value) if isinstance(value, str) else value


def _renamed_row(columns, row, tables: dict):
    """``row`` with its references to named grids turned into current names,
    sub-lists included; the row itself when nothing changes."""
    changed = {}
    for column in columns:
        value = raw_value(row, column.key)
        if value is None:
            continue
        if column.kind.shape == RECORDS:
            subs = [_renamed_row(column.columns, sub, tables) for sub in value]
            if any(new is not old for new, old in zip(subs, value)):
                changed[column.key] = subs
        elif (column.target or column.may_name) in tables:
            current = _current(value, tables[column.target or column.may_name])
            if current != value:
                changed[column.key] = current
    if not changed:
        return row
    values = {key: raw_value(row, key) for key in row}
    values.update(changed)
    return Row(row.origin, values) if isinstance(row, Row) else values


def with_current_names(data: dict) -> dict:
    """The plan with every reference by a former name or an alias turned into
    the row's current name; ``data`` itself when there is none."""
    tables = name_tables(data)
    if not tables:
        return data
    result = dict(data)
    for grid in GRIDS.values():
        value = data.get(grid.key)
        if isinstance(value, dict):
            result[grid.key] = _renamed_row(grid.columns, value, tables) if value else value
        elif value:
            result[grid.key] = [_renamed_row(grid.columns, row, tables) for row in value]
    return result
