"""The view of one value in a cell of the site, whatever its kind.

Each kind says how its values look (``plan/kinds/``); this module gives it
what it needs to say so: links to other rows, long texts rendered safely,
the cells of sub-records. Templates lay the views out (``grid/cell.html``).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..plan.model import raw_value
from ..plan.values import UNKNOWN, UNKNOWN_TEXT
from .safe import render_long_text

EMPTY = {"view": "empty"}
# « inconnu » in the data: the fact exists, the source does not give it.
UNKNOWN_CELL = {"view": "unknown", "text": UNKNOWN_TEXT}


@dataclass(frozen=True)
class CellContext:
    """What a cell needs besides its value. ``labelled``: links show the row's
    label after its id (the plan's pages), or the id alone (the grids)."""

    index: object  # plan.index.PlanIndex
    linker: object  # links.Linker
    labelled: bool = False

    def reference(self, grid_key: str, row_id) -> dict:
        return link(self.index, self.linker, grid_key, row_id, self.labelled)

    def long_text(self, text):
        return render_long_text(text)

    def sub_cells(self, columns, sub: dict) -> list:
        return [{"label": c.label, "cell": cell(c, raw_value(sub, c.key), self)}
                for c in columns if raw_value(sub, c.key) is not None]


def link(index, linker, grid_key: str, row_id, labelled: bool = True) -> dict:
    """A link to a row: its id, and its label when ``labelled``."""
    label = index.label(grid_key, row_id) if labelled else ""
    return {"href": linker.to_row(grid_key, row_id), "id": str(row_id), "label": label,
            "note": ""}


def is_empty(value) -> bool:
    return value is None or value == [] or value == ""


def shown_columns(columns, rows: list) -> list:
    """The columns a table shows: a note column (the provenance) only when a
    row gives it."""
    return [c for c in columns
            if not c.note or any(raw_value(row, c.key) is not None for row in rows)]


def cell(column, value, context: CellContext) -> dict:
    """The view of one value; an empty value says what emptiness means, if the
    catalog says it (« Tout le territoire »), or « non précisé »."""
    if value is UNKNOWN:
        return UNKNOWN_CELL
    if is_empty(value):
        if column.when_empty:
            return {"view": "text", "text": column.when_empty}
        return EMPTY
    if column.note:
        return {"view": "note", "text": column.kind.text(value, column)}
    return column.kind.cell(value, column, context)


def links_cell(links: list) -> dict:
    return {"view": "links", "links": links} if links else EMPTY
