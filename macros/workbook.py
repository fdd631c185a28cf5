"""The plan's grids as one Excel workbook (.xlsx), for committees that work
in Excel or LibreOffice Calc rather than in YAML.

Every sheet, heading, help note, drop-down list and format comes from the
grid declarations of ``catalog.py``: one sheet per grid, in the order of the
ten steps, plus one sheet per sub-list (a project's partners and funding
lines), which a spreadsheet cannot hold in one cell. ``workbook_import.py``
reads the same layout back.

Cells hold what an author would type in the YAML files, in the form a
spreadsheet understands: numbers as numbers, whole dates as dates, lists of
ids as « B-01, B-02 », lists of text one item per line.
"""

from __future__ import annotations

import datetime
import io
import os
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.hyperlink import Hyperlink

from . import model
from .catalog import GRIDS, STEPS
from .values import Amount

INSTRUCTIONS = "Mode d'emploi"
LISTS = "Listes"  # hidden sheet holding the drop-down lists
SHEET_NAME_LIMIT = 31  # Excel refuses longer sheet names
HEADER_ROW = 1
LAST_ROW = 1000  # drop-down lists and text formats reach this row
STYLED_EXTRA_ROWS = 50  # empty rows below the data that get the column's format
TEXT_FORMAT = "@"  # Excel's "Texte": keeps leading zeros (codes) and ids as typed
DATE_FORMAT = "yyyy-mm-dd"
INTEGER_FORMAT = "#,##0"  # shown as 12 140 by a French Excel or LibreOffice
AMOUNT_FORMAT = '#,##0 "$"'
AMOUNT_CENTS_FORMAT = '#,##0.00 "$"'
NUMBER_FORMAT = "General"
AUTHOR = "Plan numérique territorial"

REQUIRED_FILL = PatternFill("solid", fgColor="1F3A68")  # dark blue, white text
OPTIONAL_FILL = PatternFill("solid", fgColor="DCE3F0")  # light blue, black text
REQUIRED_FONT = Font(bold=True, color="FFFFFF")
OPTIONAL_FONT = Font(bold=True, color="000000")


# --- the layout: which sheet holds what ------------------------------------------------

@dataclass(frozen=True)
class SheetSpec:
    """One sheet of the workbook: a grid, or the sub-list of a grid's column."""

    name: str
    grid: model.Grid
    number: str  # "3.2"
    sublist: Optional[model.Column] = None  # for a sub-list's own sheet

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
    def parent(self) -> Optional[model.Column]:
        return parent_column(self.grid) if self.sublist is not None else None

    @property
    def columns(self) -> tuple:
        """The catalog's columns shown in this sheet, in order."""
        if self.sublist is not None:
            return (self.parent,) + tuple(self.sublist.columns)
        return tuple(c for c in self.grid.columns if c.kind != model.SUBLIST)

    @property
    def sublists(self) -> tuple:
        return tuple(c for c in self.grid.columns if c.kind == model.SUBLIST)

    @property
    def is_record(self) -> bool:
        return self.sublist is None and self.grid.shape == model.RECORD


def grid_number(grid) -> str:
    step = next(s for s in STEPS if s.number == grid.step)
    return f"{step.number}.{step.grids.index(grid) + 1}"


def parent_column(grid) -> model.Column:
    """The first column of a sub-list's sheet: the id of the row it belongs to."""
    label = grid.column(grid.label_key).label if grid.label_key else grid.title
    return model.Column(
        grid.id_key, label, model.REF,
        f"Identifiant ({grid.id_prefix}-01…) de la ligne de la feuille "
        f"« {grid_sheet(grid).name} » à laquelle cette ligne se rattache.",
        required=True, target=grid.key)


@lru_cache(maxsize=1)
def sheet_specs() -> tuple:
    """Every data sheet, in the order of the steps (a grid, then its sub-lists)."""
    specs = []
    for step in STEPS:
        for grid in step.grids:
            number = grid_number(grid)
            specs.append(SheetSpec(f"{number} {grid.short_title or grid.title}",
                                   grid, number))
            for column in grid.columns:
                if column.kind == model.SUBLIST:
                    specs.append(SheetSpec(f"{number} {column.short_title}",
                                           grid, number, column))
    for spec in specs:
        if len(spec.name) > SHEET_NAME_LIMIT or any(c in spec.name for c in "[]:*?/\\"):
            raise ValueError(f"sheet name {spec.name!r}: give the grid (or sub-list "
                             "column) a short_title in catalog.py")
    return tuple(specs)


def grid_sheet(grid) -> SheetSpec:
    return next(s for s in sheet_specs() if s.grid is grid and s.sublist is None)


def sublist_sheet(grid, column) -> SheetSpec:
    return next(s for s in sheet_specs() if s.grid is grid and s.sublist is column)


def sheet_of_grid_key(key: str) -> SheetSpec:
    return grid_sheet(GRIDS[key])


# --- help shown on each heading --------------------------------------------------------

_KIND_HINTS = {
    model.INTEGER: "Nombre entier.",
    model.NUMBER: "Nombre (la virgule sépare les décimales : 2,5).",
    model.AMOUNT: ("En dollars : 25 000 $, ou une fourchette écrite comme du texte : "
                   "10 000 – 15 000 $."),
    model.PERCENT: "Nombre de 0 à 100.",
    model.DATE: "Le jour (2026-03-15), le mois (2026-03) ou l'année (2026).",
    model.YEAR: "Quatre chiffres, p. ex. 2026.",
    model.BOOLEAN: "« oui » ou « non ».",
    model.LINK: "Adresse complète, qui commence par https://",
    model.EMAIL: "Adresse courriel, p. ex. nom@mrc.qc.ca",
    model.REFS: "Plusieurs identifiants séparés par des virgules : B-01, B-02",
    model.TEXT_LIST: ("Un élément par ligne dans la cellule (Alt+Entrée dans Excel, "
                      "Ctrl+Entrée dans LibreOffice)."),
    model.LONG_TEXT: "Texte libre ; une ligne vide sépare deux paragraphes.",
}


def spreadsheet_words(text: str) -> str:
    """A catalog help written for YAML authors, as a spreadsheet user reads it:
    a cell of the « Texte » format keeps leading zeros without quotes."""
    return text.replace(" entre guillemets", "")


def column_note(column) -> str:
    """The heading's note: help, obligation, permitted values, how to write it."""
    lines = [spreadsheet_words(column.help)]
    lines.append("Obligatoire." if column.required else "Facultatif.")
    if column.kind == model.CHOICE:
        lines.append("Valeurs permises : " + ", ".join(str(c) for c in column.choices)
                     + " (liste déroulante).")
    elif column.kind in (model.REF, model.REFS):
        target = grid_sheet(GRIDS[column.target])
        lines.append(f"Identifiants de la feuille « {target.name} ».")
    hint = _KIND_HINTS.get(column.kind)
    if hint:
        lines.append(hint)
    return "\n".join(lines)


# --- typed values to cells -------------------------------------------------------------

def amount_text(amount: Amount) -> str:
    """« 10 000 – 15 000 $ » with ordinary spaces, as an author types it."""
    text = amount.french.replace("\u00a0", " ")
    return text


def cell_value(column, value):
    """(value for openpyxl, number format) for a typed value of ``column``."""
    if value is None or value == [] or value == "":
        return None, None
    kind = column.kind
    if kind == model.REFS:
        return ", ".join(str(v) for v in value), TEXT_FORMAT
    if kind == model.TEXT_LIST:
        return "\n".join(str(v) for v in value), TEXT_FORMAT
    if kind == model.DATE:
        if value.day:
            return datetime.date(value.year, value.month, value.day), DATE_FORMAT
        return value.iso, TEXT_FORMAT
    if kind == model.AMOUNT:
        if value.is_range:
            return amount_text(value), TEXT_FORMAT
        number = value.low
        if float(number).is_integer():
            return int(number), AMOUNT_FORMAT
        return number, AMOUNT_CENTS_FORMAT
    if kind == model.BOOLEAN:
        return ("oui" if value else "non"), TEXT_FORMAT
    if kind == model.INTEGER:
        return value, INTEGER_FORMAT
    if kind in (model.NUMBER, model.PERCENT, model.YEAR):
        return value, NUMBER_FORMAT
    if kind == model.CHOICE:
        return value, (NUMBER_FORMAT if isinstance(value, int) else TEXT_FORMAT)
    return str(value), TEXT_FORMAT


def empty_format(column) -> str:
    """The format of the column's empty cells, so that typed values keep their form."""
    if column.kind == model.DATE:
        return DATE_FORMAT
    if column.kind == model.INTEGER:
        return INTEGER_FORMAT
    if column.kind == model.AMOUNT:
        return AMOUNT_FORMAT
    if column.kind in (model.NUMBER, model.PERCENT, model.YEAR):
        return NUMBER_FORMAT
    if column.kind == model.CHOICE and all(isinstance(c, int) for c in column.choices):
        return NUMBER_FORMAT
    return TEXT_FORMAT


_WIDTHS = {
    model.LONG_TEXT: 60, model.TEXT_LIST: 45, model.TEXT: 30, model.REFS: 20,
    model.REF: 14, model.DATE: 13, model.YEAR: 9, model.AMOUNT: 16,
    model.PERCENT: 10, model.INTEGER: 12, model.NUMBER: 12, model.BOOLEAN: 9,
    model.LINK: 35, model.EMAIL: 30,
}


def column_width(column) -> float:
    width = _WIDTHS.get(column.kind, 18)
    if column.kind == model.CHOICE:
        width = max(len(str(c)) for c in column.choices) + 4
    if column.key == "id":
        width = 12
    return max(width, len(column.label) + 4)


def sheet_rows(spec: SheetSpec, data: dict) -> list:
    """The rows of a sheet: lists of typed values, in the order of ``spec.columns``."""
    rows = model.rows_of(data, spec.grid.key)
    if spec.sublist is None:
        return [[row.get(c.key) for c in spec.columns] for row in rows]
    out = []
    for row in rows:
        for sub in row.get(spec.sublist.key) or []:
            out.append([row.get(spec.grid.id_key)]
                       + [sub.get(c.key) for c in spec.sublist.columns])
    return out


# --- the workbook ----------------------------------------------------------------------

class _Lists:
    """The hidden sheet of drop-down values: one column per distinct list."""

    def __init__(self, sheet):
        self.sheet = sheet
        self.ranges: dict = {}

    def range_for(self, column) -> str:
        values = tuple(str(c) for c in column.choices)
        if values not in self.ranges:
            index = len(self.ranges) + 1
            letter = get_column_letter(index)
            self.sheet.cell(1, index, column.label).font = Font(bold=True)
            for row, choice in enumerate(column.choices, start=2):
                cell = self.sheet.cell(row, index, choice)
                cell.number_format = NUMBER_FORMAT if isinstance(choice, int) else TEXT_FORMAT
            self.sheet.column_dimensions[letter].width = max(
                len(v) for v in values + (column.label,)) + 2
            self.ranges[values] = (f"{quote_sheetname(LISTS)}!${letter}$2:"
                                   f"${letter}${len(values) + 1}")
        return self.ranges[values]


def _validation(column, lists: _Lists) -> Optional[DataValidation]:
    kind = column.kind
    common = {"allow_blank": True, "showErrorMessage": True}
    if kind == model.CHOICE:
        return DataValidation(
            type="list", formula1=lists.range_for(column), errorTitle=column.label,
            error=("Choisir une valeur dans la liste : "
                   + ", ".join(str(c) for c in column.choices)), **common)
    if kind == model.BOOLEAN:
        return DataValidation(type="list", formula1='"oui,non"', errorTitle=column.label,
                              error="Répondre « oui » ou « non ».", **common)
    if kind == model.REF:
        target = grid_sheet(GRIDS[column.target])
        index = list(c.key for c in target.columns).index(target.grid.id_key) + 1
        letter = get_column_letter(index)
        return DataValidation(
            type="list", errorStyle="warning", errorTitle=column.label,
            formula1=f"{quote_sheetname(target.name)}!${letter}$2:${letter}${LAST_ROW}",
            error=(f"Cet identifiant n'est pas (encore) dans la feuille "
                   f"« {target.name} »."), **common)
    if kind == model.PERCENT:
        return DataValidation(type="decimal", operator="between", formula1="0",
                              formula2="100", errorStyle="warning",
                              errorTitle=column.label,
                              error="Un pourcentage va de 0 à 100.", **common)
    if kind == model.YEAR:
        return DataValidation(type="whole", operator="between", formula1="1900",
                              formula2="2200", errorStyle="warning",
                              errorTitle=column.label,
                              error="Écrire l'année en quatre chiffres, p. ex. 2026.",
                              **common)
    return None


def _write_sheet(book, spec: SheetSpec, data: dict, lists: _Lists) -> None:
    sheet = book.create_sheet(spec.name)
    columns = spec.columns
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(HEADER_ROW, index, column.label)
        cell.font = REQUIRED_FONT if column.required else OPTIONAL_FONT
        cell.fill = REQUIRED_FILL if column.required else OPTIONAL_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        note = Comment(column_note(column), AUTHOR)
        note.width, note.height = 320, 160
        cell.comment = note
        sheet.column_dimensions[get_column_letter(index)].width = column_width(column)
    rows = sheet_rows(spec, data)
    for offset, values in enumerate(rows):
        for index, (column, value) in enumerate(zip(columns, values), start=1):
            shown, number_format = cell_value(column, value)
            cell = sheet.cell(HEADER_ROW + 1 + offset, index, shown)
            cell.number_format = number_format or empty_format(column)
            if column.kind in (model.LONG_TEXT, model.TEXT_LIST):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            else:
                cell.alignment = Alignment(vertical="top")
    styled = 1 if spec.is_record else len(rows) + STYLED_EXTRA_ROWS
    for offset in range(len(rows), styled):
        for index, column in enumerate(columns, start=1):
            sheet.cell(HEADER_ROW + 1 + offset, index).number_format = empty_format(column)
    last = HEADER_ROW + 1 if spec.is_record else LAST_ROW
    for index, column in enumerate(columns, start=1):
        validation = _validation(column, lists)
        if validation is not None:
            letter = get_column_letter(index)
            validation.add(f"{letter}{HEADER_ROW + 1}:{letter}{last}")
            sheet.add_data_validation(validation)
    first_is_id = spec.sublist is not None or (
        spec.grid.identified and columns[0].key == spec.grid.id_key)
    sheet.freeze_panes = "B2" if first_is_id and not spec.is_record else "A2"
    sheet.row_dimensions[HEADER_ROW].height = 32
    if not spec.is_record:
        sheet.auto_filter.ref = (f"A{HEADER_ROW}:{get_column_letter(len(columns))}"
                                 f"{HEADER_ROW + max(len(rows), 1)}")


INSTRUCTION_LINES = (
    "Chaque feuille est une grille de la démarche, dans l'ordre des dix étapes. "
    "Une ligne par élément ; la première ligne donne le titre des colonnes.",
    "Les titres sur fond bleu foncé sont obligatoires, les autres facultatifs. "
    "Placez la souris sur un titre (ou sélectionnez-le) pour lire son aide : ce "
    "qu'il faut écrire et les valeurs permises.",
    "Les colonnes à valeurs fixes (statut, priorité, clientèle…) ont une liste "
    "déroulante. Les colonnes qui renvoient à une autre feuille (B-01, P-02…) "
    "proposent ses identifiants.",
    "Identifiants : chaque ligne des grilles numérotées a le sien (B-01, B-02…) ; "
    "les autres feuilles y renvoient. Plusieurs identifiants dans une cellule : "
    "les séparer par des virgules (B-01, B-02).",
    "Dates : le jour (2026-03-15), ou seulement le mois (2026-03) ou l'année (2026). "
    "Montants : 25 000 $, ou une fourchette (10 000 – 15 000 $). Pourcentages : "
    "un nombre de 0 à 100.",
    "Les partenaires et le financement des projets ont chacun leur feuille : une "
    "ligne par partenaire ou par source, avec l'identifiant du projet (P-01…) en "
    "première colonne.",
    "Vous pouvez déplacer les colonnes, ajouter une colonne pour vos notes (elle "
    "sera ignorée) ou trier les lignes (l'ordre du classeur devient celui du "
    "plan). Ne renommez pas les feuilles ni les titres des colonnes.",
    "Enregistrez au format « Classeur Excel (.xlsx) », sans mot de passe "
    "(ni .xls, ni .xlsm, ni .ods).",
    "Pour reporter le classeur dans les fichiers du plan : « pnt importer "
    "classeur.xlsx ». L'importation vérifie chaque cellule comme la construction "
    "du site ; s'il y a la moindre erreur, elle n'écrit rien et dit, pour chaque "
    "erreur, la feuille, la ligne, la colonne et quoi corriger.",
)


def _write_instructions(sheet, data: dict) -> None:
    territory = data.get("territoire") or {}
    name = territory.get("nom") or "votre territoire"
    sheet["A1"] = f"Plan numérique territorial — {name}"
    sheet["A1"].font = Font(bold=True, size=16)
    sheet["A2"] = "Les grilles de la démarche, à remplir dans ce classeur"
    sheet["A2"].font = Font(italic=True)
    sheet["A4"] = "Comment remplir ce classeur"
    sheet["A4"].font = Font(bold=True, size=13)
    row = 5
    for number, line in enumerate(INSTRUCTION_LINES, start=1):
        cell = sheet.cell(row, 1, f"{number}. {line}")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=5)
        sheet.row_dimensions[row].height = 46
        row += 1
    row += 1
    sheet.cell(row, 1, "Les feuilles").font = Font(bold=True, size=13)
    row += 1
    headings = ("Feuille", "Étape", "Grille", "À quoi elle sert", "Lignes remplies")
    for index, heading in enumerate(headings, start=1):
        cell = sheet.cell(row, index, heading)
        cell.font, cell.fill = REQUIRED_FONT, REQUIRED_FILL
    for spec in sheet_specs():
        row += 1
        step = next(s for s in STEPS if s.number == spec.grid.step)
        link = sheet.cell(row, 1, spec.name)
        link.hyperlink = Hyperlink(ref=link.coordinate, display=spec.name,
                                   location=f"{quote_sheetname(spec.name)}!A1")
        link.font = Font(color="1F3A68", underline="single")
        sheet.cell(row, 2, "Le territoire" if step.number == 0
                   else f"{step.number}. {step.title}")
        sheet.cell(row, 3, spec.title)
        sheet.cell(row, 4, spec.purpose).alignment = Alignment(wrap_text=True,
                                                               vertical="top")
        sheet.cell(row, 5, len(sheet_rows(spec, data)))
    for letter, width in zip("ABCDE", (32, 30, 34, 70, 15)):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"


def build_workbook(data: dict) -> Workbook:
    """The workbook of a plan's typed data (``loader`` rows); empty data: blank."""
    book = Workbook()
    instructions = book.active
    instructions.title = INSTRUCTIONS
    lists = _Lists(book.create_sheet(LISTS))
    for spec in sheet_specs():
        _write_sheet(book, spec, data, lists)
    book.move_sheet(LISTS, offset=len(book.sheetnames))
    book[LISTS].sheet_state = "hidden"
    _write_instructions(instructions, data)
    book.active = 0
    book.properties.creator = AUTHOR
    book.properties.title = "Grilles du plan numérique territorial"
    book.properties.language = "fr-CA"
    return book


def workbook_bytes(data: dict) -> bytes:
    stream = io.BytesIO()
    build_workbook(data).save(stream)
    return stream.getvalue()


def write_workbook(path: Path, data: dict) -> None:
    """Save the workbook to ``path`` without ever leaving half a file behind."""
    path = Path(path)
    content = workbook_bytes(data)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def empty_data() -> dict:
    return {g.key: ({} if g.shape == model.RECORD else []) for g in GRIDS.values()}

