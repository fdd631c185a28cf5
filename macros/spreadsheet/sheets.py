"""Find each grid's sheet in a workbook, its headings and its non-empty rows.

A committee may rename a sheet slightly, move columns, push the headings
down a few rows, add a column of notes or a sheet of its own: sheets and
headings are recognised by their name, title or key (accents, case and
spaces aside), and what cannot be recognised is named in a problem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..commands import WORKBOOK, quoted
from ..plan.model import rows_of
from ..plan.values import fold
from ..reading.problems import WARNING, Problem, SheetPlace
from ..plan.kinds import TEXT
from ..plan.kinds.base import number_text
from ..plan.kinds.text import code_digits
from .cells import is_empty
from .layout import (INSTRUCTIONS, LISTS, SheetSpec, grid_sheet, sheet_specs,
                     spreadsheet_words)

HEADER_SEARCH_ROWS = 10  # the headings may have been pushed down a few rows
SIMILAR_HEADINGS = 0.5  # share of a grid's headings that makes a sheet "that grid"
UNKNOWN_SHEET = 900  # unknown sheets are reported after the grids' sheets


def _fold(text) -> str:
    return " ".join(fold(str(text)).replace("*", " ").split())


def _without_number(text: str) -> str:
    return re.sub(r"^\d+(\.\d+)?\s*", "", text)


def _names_of(spec: SheetSpec) -> set:
    names = {_fold(spec.name), _fold(_without_number(spec.name)), _fold(spec.title)}
    if spec.sublist is None:
        names |= {_fold(spec.grid.title), _fold(spec.grid.key)}
    return names


def _heading_keys(spec: SheetSpec) -> dict:
    keys = {}
    for column in spec.columns:
        keys[_fold(column.label)] = column.key
        keys[_fold(column.key)] = column.key
    return keys


def sheet_place(spec: SheetSpec, name: str = "", **where) -> SheetPlace:
    return SheetPlace(name or spec.name, position=spec.position, **where)


@dataclass
class SheetData:
    """What a sheet holds: its headings and its non-empty rows."""

    spec: SheetSpec
    name: str  # as written in the workbook
    header_row: int = 1
    columns: dict = field(default_factory=dict)  # key -> column number (1-based)
    rows: list = field(default_factory=list)  # (row number, {key: cell})
    muted: set = field(default_factory=set)  # columns already reported (absent, twice)
    refused: set = field(default_factory=set)  # (row, key) of cells already reported

    def heading(self, key: str) -> str:
        column = next((c for c in self.spec.columns if c.key == key), None)
        return column.label if column is not None else key

    def place(self, row: int = 0, key: str = "", named: bool = True) -> SheetPlace:
        """A cell of this sheet (``named``: its heading is part of the message)."""
        return sheet_place(self.spec, self.name, row=row,
                           heading=self.heading(key) if key and named else "",
                           column=self.columns.get(key, 0))

    def about_sheet(self, row: int = 0, key: str = "") -> SheetPlace:
        """The sheet as a whole, sorted with ``row`` (by default its headings)."""
        return sheet_place(self.spec, self.name, sort_row=row or self.header_row,
                           column=self.columns.get(key, 0))


def _find_header(sheet, spec: SheetSpec) -> tuple:
    """(row, matches) of the row that holds the most of the spec's headings."""
    keys = _heading_keys(spec)
    best = (1, 0)
    for row in range(1, min(sheet.max_row, HEADER_SEARCH_ROWS) + 1):
        found = {keys.get(_fold(c.value)) for c in sheet[row]
                 if not is_empty(c.value)} - {None}
        if len(found) > best[1]:
            best = (row, len(found))
    return best


def _read_headings(sheet, data: SheetData, problems: list) -> list:
    """Place each heading; return the unknown ones as (column, text)."""
    keys = _heading_keys(data.spec)
    extra = []
    for cell in sheet[data.header_row]:
        if is_empty(cell.value):
            continue
        key = keys.get(_fold(cell.value))
        if key is None:
            extra.append((cell.column, str(cell.value).strip()))
            continue
        if key in data.columns:
            first = sheet.cell(data.header_row, data.columns[key]).coordinate
            problems.append(Problem(data.about_sheet(key=key), "", (
                f"la colonne « {data.heading(key)} » est en double (cellules {first} et "
                f"{cell.coordinate}) : n'en garder qu'une")))
            data.muted.add(key)
            continue
        data.columns[key] = cell.column
    for key in data.muted:
        data.columns.pop(key, None)  # which of the two to believe? neither
    return extra


def _formula_problem(data: SheetData, key: str, cell, formula: str):
    """A formula's cell: its number is kept (with a warning) in a number column;
    anywhere else it is refused, never evaluated into the plan."""
    column = next(c for c in data.spec.columns if c.key == key)
    shown = formula if len(formula) <= 60 else formula[:59] + "…"
    if (column.kind.numeric and isinstance(cell.value, (int, float))
            and not isinstance(cell.value, bool)):
        return Problem(data.place(cell.row, key), "", (
            f"la cellule contient une formule (« {shown} ») : sa valeur, "
            f"{number_text(cell.value)}, est reportée dans le plan, pas la formule"),
            WARNING), True
    return Problem(data.place(cell.row, key), "", (
        f"la cellule contient une formule (« {shown} »), et le plan ne garde que des "
        "valeurs : y écrire la valeur elle-même ; pour un texte qui commence par "
        "« = », taper d'abord une apostrophe (')")), False


def _lost_zeros_problem(data: SheetData, key: str, cell):
    """A code typed in a Number cell (« 085 » kept as 85): its zeros may be
    lost, and no one can tell how many; refused, with what to do."""
    column = next(c for c in data.spec.columns if c.key == key)
    digits = code_digits(column) if column.kind is TEXT else None
    if (digits is None or not isinstance(cell.value, (int, float))
            or isinstance(cell.value, bool) or len(number_text(cell.value)) >= digits[1]):
        return None
    return Problem(data.place(cell.row, key), "", (
        f"« {number_text(cell.value)} » : la cellule est au format Nombre, qui efface "
        "les zéros au début d'un code : mettre la cellule au format Texte, puis y "
        f"retaper le code tel qu'il s'écrit — {spreadsheet_words(column.help_phrase)}"))


def _checked_cells(data: SheetData, cells: dict, formulas: dict, problems: list):
    """The row's cells, those holding a refused formula or a code that lost its
    zeros left out (each with its problem)."""
    kept = {}
    for key, cell in cells.items():
        formula = formulas.get((cell.row, cell.column))
        problem, keep = (_formula_problem(data, key, cell, formula) if formula is not None
                         else (_lost_zeros_problem(data, key, cell), False))
        if problem is not None:
            problems.append(problem)
            if not keep:
                data.refused.add((cell.row, key))
                continue
        kept[key] = cell
    return kept


def _read_sheet(sheet, spec: SheetSpec, problems: list, current: dict,
                formulas: dict) -> SheetData:
    data = SheetData(spec, sheet.title)
    data.header_row, _ = _find_header(sheet, spec)
    extra = _read_headings(sheet, data, problems)
    for row in sheet.iter_rows(min_row=data.header_row + 1):
        cells = {key: row[number - 1] for key, number in data.columns.items()
                 if number - 1 < len(row)}
        if all(is_empty(c.value) for c in cells.values()) and not any(
                (c.row, c.column) in formulas for c in cells.values()):
            continue
        data.rows.append((row[0].row, _checked_cells(data, cells, formulas, problems)))
    for _, heading in extra:
        problems.append(Problem(data.about_sheet(), "", (
            f"colonne inconnue (« {heading} »), ignorée : ses valeurs ne sont pas "
            "importées"), WARNING))
    _check_missing_columns(data, problems, current)
    return data


def _missing_column_message(data: SheetData, column, current: dict) -> str:
    if column.required and data.rows:
        return (f"la colonne obligatoire « {column.label} » est absente : la rajouter, "
                "avec exactement ce titre, et la remplir")
    if _current_has_values(data.spec, column, current):
        return (f"la colonne « {column.label} » est absente, alors que les fichiers du "
                "plan ont des valeurs dans cette colonne : la remettre (titre exact : "
                f"« {column.label} ») pour ne pas les effacer")
    return ""


def _check_missing_columns(data: SheetData, problems: list, current: dict) -> None:
    for column in data.spec.columns:
        if column.key in data.columns or column.key in data.muted:
            continue
        data.muted.add(column.key)
        message = _missing_column_message(data, column, current)
        if message:
            problems.append(Problem(data.about_sheet(), "", message))


def _current_has_values(spec: SheetSpec, column, current: dict) -> bool:
    rows = rows_of(current, spec.grid.key)
    if spec.sublist is None:
        return any(row.get(column.key) not in (None, []) for row in rows)
    subs = [s for row in rows for s in (row.get(spec.sublist.key) or [])]
    return column.key != spec.grid.id_key and any(
        s.get(column.key) not in (None, []) for s in subs)


def _sheet_has_values(sheet) -> bool:
    return any(not is_empty(v) for row in sheet.iter_rows(values_only=True) for v in row)


def _similar_spec(sheet, candidates):
    best, best_share = None, 0.0
    for spec in candidates:
        _, matches = _find_header(sheet, spec)
        share = matches / len(spec.columns)
        if share >= SIMILAR_HEADINGS and share > best_share:
            best, best_share = spec, share
    return best


def _match_sheets(book, problems: list) -> tuple:
    """({SheetSpec: sheet}, [sheets that are no grid]) by name."""
    lookup = {}
    for spec in sheet_specs():
        for name in _names_of(spec):
            lookup.setdefault(name, spec)
    ignored = {_fold(INSTRUCTIONS), _fold(LISTS)}
    found, unknown = {}, []
    for sheet in book.worksheets:
        if _fold(sheet.title) in ignored:
            continue
        spec = lookup.get(_fold(sheet.title)) or lookup.get(
            _fold(_without_number(sheet.title)))
        if spec is None:
            unknown.append(sheet)
        elif spec in found:
            problems.append(Problem(sheet_place(spec, sheet.title), "", (
                f"cette feuille et la feuille « {found[spec].title} » sont toutes deux "
                f"la grille « {spec.name} » : n'en garder qu'une")))
        else:
            found[spec] = sheet
    return found, unknown


def _report_unknown_sheets(unknown: list, found: dict, problems: list) -> None:
    for sheet in unknown:
        if not _sheet_has_values(sheet):
            continue
        similar = _similar_spec(sheet, [s for s in sheet_specs() if s not in found])
        if similar is not None:
            problems.append(Problem(sheet_place(similar, sheet.title), "", (
                f"cette feuille n'a pas le nom d'une grille, mais ses colonnes sont "
                f"celles de la grille « {similar.name} », absente du classeur : lui "
                f"redonner le nom « {similar.name} »")))
            found[similar] = None  # reported: not « absent » as well
            continue
        problems.append(Problem(SheetPlace(sheet.title, position=UNKNOWN_SHEET), "", (
            f"feuille inconnue, ignorée : ses lignes ne sont pas importées (la feuille "
            f"« {INSTRUCTIONS} » donne le nom de chaque grille)"), WARNING))


def _check_missing_sheets(found: dict, problems: list) -> None:
    for spec in sheet_specs():
        if spec in found:
            continue
        parent = grid_sheet(spec.grid)
        if spec.sublist is not None and found.get(parent) is not None:
            problems.append(Problem(sheet_place(spec), "", (
                f"cette feuille est absente du classeur, alors que la feuille "
                f"« {parent.name} » y est : la remettre (depuis un classeur produit par "
                f"{quoted('exporter', WORKBOOK)}), sinon ces lignes seraient effacées")))
        elif spec.sublist is None:
            problems.append(Problem(sheet_place(spec), "", (
                f"feuille absente du classeur : la grille « {spec.grid.title} » reste "
                "telle qu'elle est dans les fichiers du plan"), WARNING))


def read_sheets(book, problems: list, current: dict, formulas: dict = None) -> dict:
    """{SheetSpec: SheetData} for each grid sheet found; problems for the others.

    ``formulas``: {sheet title: {(row, column): formula}} of the workbook."""
    formulas = formulas or {}
    found, unknown = _match_sheets(book, problems)
    _report_unknown_sheets(unknown, found, problems)
    result = {spec: _read_sheet(found[spec], spec, problems, current,
                                formulas.get(found[spec].title, {}))
              for spec in sheet_specs() if found.get(spec) is not None}
    _check_missing_sheets(found, problems)
    return result
