"""Which sheet of the workbook holds what, and what its headings say.

Every sheet, heading and help note comes from the grid declarations: one
sheet per grid, in the order of the ten steps, plus one sheet per sub-list
(a project's partners and funding lines), which a spreadsheet cannot hold
in one cell. The export writes this layout, the import reads it back, and
the open data's CSV files follow it too. No openpyxl here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from ..plan.catalog import GRIDS, STEPS
from ..plan.kinds import RECORDS, REF
from ..plan.model import RECORD, Column, Grid, raw_value, rows_of

INSTRUCTIONS = "Mode d'emploi"
LISTS = "Listes"  # hidden sheet holding the drop-down lists
SHEET_NAME_LIMIT = 31  # Excel refuses longer sheet names
ID_WIDTH = 12


@dataclass(frozen=True)
class SheetSpec:
    """One sheet of the workbook: a grid, or the sub-list of a grid's column."""

    name: str
    grid: Grid
    sublist: Optional[Column] = None  # for a sub-list's own sheet

    @property
    def number(self) -> str:
        return self.grid.number

    @property
    def title(self) -> str:
        if self.sublist is not None:
            return self.sublist.short_title
        return self.grid.title

    @property
    def purpose(self) -> str:
        if self.sublist is not None:
            return (f"{self.sublist.help} Une ligne par élément ; la première colonne "
                    f"dit à quelle ligne de la feuille « {grid_sheet(self.grid).name} » "
                    "il se rattache.")
        return self.grid.purpose

    @property
    def parent(self) -> Optional[Column]:
        return parent_column(self.grid) if self.sublist is not None else None

    @property
    def columns(self) -> tuple:
        """The catalog's columns shown in this sheet, in order."""
        if self.sublist is not None:
            return (self.parent,) + tuple(self.sublist.columns)
        return tuple(c for c in self.grid.columns if c.kind.shape != RECORDS)

    @property
    def sublists(self) -> tuple:
        return tuple(c for c in self.grid.columns if c.kind.shape == RECORDS)

    @property
    def is_record(self) -> bool:
        return self.sublist is None and self.grid.shape == RECORD

    @property
    def position(self) -> int:
        """The sheet's place in the workbook (1 for the first data sheet)."""
        return sheet_specs().index(self) + 1


def parent_column(grid) -> Column:
    """The first column of a sub-list's sheet: the id of the row it belongs to."""
    label = grid.column(grid.label_key).label if grid.label_key else grid.title
    return Column(
        grid.id_key, label, REF,
        f"Identifiant ({grid.id_prefix}-01…) de la ligne de la feuille "
        f"« {grid_sheet(grid).name} » à laquelle cette ligne se rattache.",
        required=True, target=grid.key)


@lru_cache(maxsize=1)
def sheet_specs() -> tuple:
    """Every data sheet, in the order of the steps (a grid, then its sub-lists)."""
    specs = []
    for step in STEPS:
        for grid in step.grids:
            specs.append(SheetSpec(f"{grid.number} {grid.short_title or grid.title}", grid))
            specs += [SheetSpec(f"{grid.number} {column.short_title}", grid, column)
                      for column in grid.columns if column.kind.shape == RECORDS]
    for spec in specs:
        if len(spec.name) > SHEET_NAME_LIMIT or any(c in spec.name for c in "[]:*?/\\"):
            raise ValueError(f"sheet name {spec.name!r}: give the grid (or sub-list "
                             "column) a short_title in catalog.py")
    return tuple(specs)


def grid_sheet(grid) -> SheetSpec:
    return next(s for s in sheet_specs() if s.grid.key == grid.key and s.sublist is None)


def sublist_sheets(grid) -> list:
    return [s for s in sheet_specs() if s.grid.key == grid.key and s.sublist is not None]


def sheet_of_grid_key(key: str) -> SheetSpec:
    return grid_sheet(GRIDS[key])


# --- what the headings say -----------------------------------------------------------------

def spreadsheet_words(text: str) -> str:
    """A catalog help written for YAML authors, as a spreadsheet user reads it:
    a cell of the « Texte » format keeps leading zeros without quotes."""
    return text.replace(" entre guillemets", "")


def column_note(column) -> str:
    """The heading's note: help, obligation, permitted values, how to write it."""
    lines = [spreadsheet_words(column.help),
             "Obligatoire." if column.required else "Facultatif."]
    if column.choices:
        lines.append("Valeurs permises : " + ", ".join(str(c) for c in column.choices)
                     + " (liste déroulante).")
    elif column.target:
        lines.append(f"Identifiants de la feuille « {grid_sheet(GRIDS[column.target]).name} ».")
    hint = column.kind.sheet_hint(column)
    if hint:
        lines.append(hint)
    return "\n".join(lines)


def column_width(column) -> float:
    width = ID_WIDTH if column.key == "id" else column.kind.sheet_width(column)
    return max(width, len(column.label) + 4)


def sheet_rows(spec: SheetSpec, data: dict) -> list:
    """The rows of a sheet: lists of typed values, in the order of ``spec.columns``."""
    rows = rows_of(data, spec.grid.key)
    if spec.sublist is None:
        return [[raw_value(row, c.key) for c in spec.columns] for row in rows]
    return [[row.get(spec.grid.id_key)] + [raw_value(sub, c.key) for c in spec.sublist.columns]
            for row in rows for sub in row.get(spec.sublist.key) or []]
