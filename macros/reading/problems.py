"""The one problem type, for data files and workbooks, and the one report.

A problem has a place (a line of a data file, a cell of a workbook sheet, or
the workbook itself), the field it concerns, and a French message that says
what was found and what to write. Warnings are problems too, with another
level, as in publiccode-parser. The report lists errors, then warnings, in
the order of the démarche: ``territoire.yml`` first, then the ten steps.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..plan import french
from ..plan.catalog import file_order

ERROR = "erreur"
WARNING = "avertissement"


@dataclass(frozen=True)
class FilePlace:
    """A line of a data file (0: the whole file), as the author sees its path."""

    path: str  # e.g. "data/03-besoins.yml"
    line: int = 0
    column: int = 0

    def describe(self, field: str) -> str:
        where = f"{self.path}, ligne {self.line}" if self.line else self.path
        return f"{where}, « {field} »" if field else where

    def order(self) -> tuple:
        return (2, file_order(self.path), self.path, self.line, self.column)


@dataclass(frozen=True)
class SheetPlace:
    """A sheet of a workbook, and a row and a column of it when known."""

    sheet: str  # as named in the workbook
    row: int = 0
    heading: str = ""  # the column's heading
    position: int = 0  # the sheet's place in the layout (unknown sheets last)
    column: int = 0  # the column's number in the sheet, for the order
    sort_row: int = 0  # the row it sorts with, when no row is named (the headings)

    def describe(self, field: str) -> str:
        where = f"Feuille « {self.sheet} »"
        if self.row:
            where += f", ligne {self.row}"
        if self.heading:
            where += f", colonne « {self.heading} »"
        return where

    def order(self) -> tuple:
        return (1, self.position, self.row or self.sort_row, self.column)


@dataclass(frozen=True)
class WorkbookPlace:
    """The workbook file itself (unreadable, wrong format)."""

    name: str

    def describe(self, field: str) -> str:
        return f"Fichier « {self.name} »"

    def order(self) -> tuple:
        return (0,)


@dataclass(frozen=True)
class Problem:
    place: object  # FilePlace, SheetPlace or WorkbookPlace
    field: str  # the YAML key (« partenaires.role »), or "" when not about one field
    message: str  # French: the value found and what is expected
    level: str = ERROR

    @classmethod
    def in_file(cls, path: str, line: int, field: str, message: str, *,
                column: int = 0, level: str = ERROR) -> "Problem":
        return cls(FilePlace(path, line, column), field, message, level)

    @classmethod
    def at_row(cls, row, field: str, message: str, level: str = ERROR) -> "Problem":
        """A problem at ``field`` of a validated row, on the line it was read."""
        return cls.in_file(row.origin.path, row.origin.line_of(field), field, message,
                           level=level)

    @property
    def is_error(self) -> bool:
        return self.level == ERROR

    @property
    def path(self) -> str:
        return getattr(self.place, "path", "")

    @property
    def line(self) -> int:
        return getattr(self.place, "line", 0) or getattr(self.place, "row", 0)

    def sort_key(self) -> tuple:
        return self.place.order() + (self.field, self.message)

    def __str__(self) -> str:
        return f"{self.place.describe(self.field)} : {self.message}"


def report(problems: list) -> str:
    """All problems, errors first, in the order of the démarche, then a summary."""
    errors = sorted((p for p in problems if p.is_error), key=Problem.sort_key)
    warnings = sorted((p for p in problems if not p.is_error), key=Problem.sort_key)
    lines = [f"Erreur : {p}" for p in errors]
    lines += [f"Avertissement : {p}" for p in warnings]
    lines.append(summary(len(errors), len(warnings)))
    return "\n".join(lines)


def summary(errors: int, warnings: int) -> str:
    counts = (f"{french.count(errors, 'erreur', 'erreurs')}, "
              f"{french.count(warnings, 'avertissement', 'avertissements')}")
    if errors:
        return f"{counts}. Corrigez les erreurs ci-dessus, puis relancez."
    return f"{counts}. Les données sont valides."
