"""The plan's grids as one Excel workbook (.xlsx), for committees that work
in Excel or LibreOffice Calc rather than in YAML.

The layout (which sheet, which headings, which notes) is ``layout.py``'s;
each column's kind gives its cells' values and formats, its drop-down list
or bounds (``plan/kinds/``). Cells hold what an author would type in the
YAML files, in the form a spreadsheet understands: numbers as numbers,
whole dates as dates, lists of ids as « B-01, B-02 », lists of text one item
per line. ``importing.py`` reads the same layout back.
"""

from __future__ import annotations

import io
from copy import copy
from pathlib import Path
from typing import Optional

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.properties import PageSetupProperties

from ..commands import quoted
from ..outputs.files import write_atomically
from ..plan.catalog import GRIDS, STEP_BY_NUMBER
from ..plan.kinds.base import (NUMBER_FORMAT, TEXT_FORMAT, Between, ChoiceList,
                               ReferenceList, WordList)
from ..plan.values import UNKNOWN, UNKNOWN_WORD
from .formulas import looks_like_formula
from .layout import (INSTRUCTIONS, LISTS, SheetSpec, column_note, column_width, grid_sheet,
                     sheet_rows, sheet_specs)

HEADER_ROW = 1
LAST_ROW = 1000  # drop-down lists and text formats reach this row
STYLED_EXTRA_ROWS = 50  # empty rows below the data that get the column's format
AUTHOR = "Plan numérique territorial"

REQUIRED_FILL = PatternFill("solid", fgColor="1F3A68")  # dark blue, white text
OPTIONAL_FILL = PatternFill("solid", fgColor="DCE3F0")  # light blue, black text
REQUIRED_FONT = Font(bold=True, color="FFFFFF")
OPTIONAL_FONT = Font(bold=True, color="000000")
DATA_ALIGNMENT = Alignment(wrap_text=True, vertical="top")  # the row grows with its text
INSTRUCTION_COLUMNS = (("A", 30), ("B", 62), ("C", 10))  # a portrait page's width
INSTRUCTION_CHARACTERS = 95  # characters on a line of the instructions (A:C merged)
LINE_HEIGHT = 15  # points, a line of 11-point text
MAX_ROW_HEIGHT = 409  # points: the tallest row Excel allows


def _text_lines(text, width: float) -> int:
    """Lines a wrapped text takes in a column ``width`` characters wide (rounded up,
    as words wrap before the edge)."""
    per_line = max(int(width) - 2, 1)
    return sum(max(1, -(-len(part) // per_line)) for part in str(text).split("\n"))


def _fit_height(sheet, row: int, cells: list) -> None:
    """A row as tall as its wrapped texts: LibreOffice does not grow a row written
    without a height when it opens the file. ``cells``: (text, column width)."""
    lines = max([_text_lines(text, width) for text, width in cells if text is not None],
                default=1)
    if lines > 1:
        sheet.row_dimensions[row].height = min(lines * LINE_HEIGHT + 2, MAX_ROW_HEIGHT)


# Column widths (Excel's units, about one character) that one landscape Letter
# page prints still readably (about 70 % of the real size).
READABLE_PAGE_WIDTH = 190


def pages_wide(widths: list) -> int:
    """How many pages wide a sheet prints: one if it fits readably, else as
    many as keep its text at least at 70 % (the first column repeated)."""
    return max(1, -(-int(sum(widths)) // READABLE_PAGE_WIDTH))


def _print_setup(sheet, landscape: bool, title_rows: str = "", wide: int = 1) -> None:
    """The sheet as a committee prints it: Letter, ``wide`` pages wide (one for
    most sheets) and as many pages tall as needed, ``title_rows`` (the headings)
    repeated on every page, and the first column too when it spans pages."""
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_LETTER
    sheet.page_setup.fitToWidth = wide
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    if title_rows:
        sheet.print_title_rows = title_rows
    if wide > 1:
        sheet.print_title_cols = "A:A"


def cell_value(column, value) -> tuple:
    """(value for openpyxl, number format) for a typed value of ``column``."""
    if value is None or value == [] or value == "":
        return None, None
    if value is UNKNOWN:
        return UNKNOWN_WORD, TEXT_FORMAT
    return column.kind.sheet_value(value, column)


def set_value(cell, value) -> None:
    """Put ``value`` in ``cell``; a text is always a text, never a formula.

    openpyxl takes any string that starts with « = » for a formula: a comment
    « => montant révisé » would be lost, a « =HYPERLINK(…) » evaluated."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if looks_like_formula(value):
            cell.quotePrefix = True  # Excel's « ' »: editing the cell keeps it text


# --- the workbook ----------------------------------------------------------------------
class _Lists:
    """The hidden sheet of drop-down values: one column per distinct list."""

    def __init__(self, sheet):
        self.sheet = sheet
        self.ranges: dict = {}

    def range_for(self, column, choices: tuple) -> str:
        values = tuple(str(c) for c in choices)
        if values not in self.ranges:
            index = len(self.ranges) + 1
            letter = get_column_letter(index)
            self.sheet.cell(1, index, column.label).font = Font(bold=True)
            for row, choice in enumerate(choices, start=2):
                cell = self.sheet.cell(row, index, choice)
                cell.number_format = NUMBER_FORMAT if isinstance(choice, int) else TEXT_FORMAT
            self.sheet.column_dimensions[letter].width = max(
                len(v) for v in values + (column.label,)) + 2
            self.ranges[values] = (f"{quote_sheetname(LISTS)}!${letter}$2:"
                                   f"${letter}${len(values) + 1}")
        return self.ranges[values]


def _reference_range(target_key: str) -> tuple:
    """(formula, sheet name) of the identifiers of the sheet of ``target_key``."""
    target = grid_sheet(GRIDS[target_key])
    index = [c.key for c in target.columns].index(target.grid.id_key) + 1
    letter = get_column_letter(index)
    return (f"{quote_sheetname(target.name)}!${letter}$2:${letter}${LAST_ROW}",
            target.name)


def _validation(column, lists: _Lists) -> Optional[DataValidation]:
    """The column's drop-down list or bounds (its kind says which), as openpyxl's."""
    rule = column.kind.sheet_rule(column)
    common = {"allow_blank": True, "showErrorMessage": True, "errorTitle": column.label}
    if isinstance(rule, ChoiceList):
        return DataValidation(type="list", formula1=lists.range_for(column, rule.values),
                              error=rule.message, **common)
    if isinstance(rule, WordList):
        return DataValidation(type="list", formula1=f'"{",".join(rule.words)}"',
                              error=rule.message, **common)
    if isinstance(rule, ReferenceList):
        formula, sheet = _reference_range(rule.target)
        return DataValidation(type="list", errorStyle="warning", formula1=formula,
                              error=(f"Cet identifiant n'est pas (encore) dans la feuille "
                                     f"« {sheet} »."), **common)
    if isinstance(rule, Between):
        return DataValidation(type=rule.number, operator="between",
                              formula1=str(rule.low), formula2=str(rule.high),
                              errorStyle="warning", error=rule.message, **common)
    return None


def _write_headings(sheet, columns) -> None:
    """The headings: required ones dark, each with its help as a note."""
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(HEADER_ROW, index, column.label)
        cell.font = REQUIRED_FONT if column.required else OPTIONAL_FONT
        cell.fill = REQUIRED_FILL if column.required else OPTIONAL_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        note = Comment(column_note(column), AUTHOR)
        note.width, note.height = 320, 160
        cell.comment = note
        sheet.column_dimensions[get_column_letter(index)].width = column_width(column)
    sheet.row_dimensions[HEADER_ROW].height = 32


class _DataStyles:
    """The style of a data cell (its number format, wrapped and top-aligned),
    registered in the workbook once per format and then copied.

    Setting ``number_format`` and ``alignment`` cell by cell makes openpyxl hash
    the style objects each time: nearly half of the workbook's time went there
    (see benchmarks/README.md). A cell's style is a small array of indices into
    the workbook's style tables (``cell._style``); copying the array of a cell
    styled the ordinary way gives the same file."""

    def __init__(self):
        self.arrays: dict = {}

    def apply(self, cell, number_format: str) -> None:
        array = self.arrays.get(number_format)
        if array is None:
            cell.number_format = number_format
            cell.alignment = DATA_ALIGNMENT
            self.arrays[number_format] = copy(cell._style)
        else:
            cell._style = copy(array)


def _write_rows(sheet, spec: SheetSpec, rows: list, styles: _DataStyles) -> None:
    """The rows, then empty rows formatted as the column's kind wants."""
    columns = spec.columns
    formats = [column.kind.sheet_format(column) for column in columns]
    widths = [column_width(column) for column in columns]
    for offset, values in enumerate(rows):
        texts = []
        for index, (column, value) in enumerate(zip(columns, values), start=1):
            shown, number_format = cell_value(column, value)
            cell = sheet.cell(HEADER_ROW + 1 + offset, index)
            styles.apply(cell, number_format or formats[index - 1])
            set_value(cell, shown)
            texts.append((shown if isinstance(shown, str) else None, widths[index - 1]))
        _fit_height(sheet, HEADER_ROW + 1 + offset, texts)
    styled = 1 if spec.is_record else len(rows) + STYLED_EXTRA_ROWS
    for offset in range(len(rows), styled):
        for index, number_format in enumerate(formats, start=1):
            styles.apply(sheet.cell(HEADER_ROW + 1 + offset, index), number_format)


def _write_validations(sheet, spec: SheetSpec, lists: _Lists) -> None:
    last = HEADER_ROW + 1 if spec.is_record else LAST_ROW
    for index, column in enumerate(spec.columns, start=1):
        validation = _validation(column, lists)
        if validation is not None:
            letter = get_column_letter(index)
            validation.add(f"{letter}{HEADER_ROW + 1}:{letter}{last}")
            sheet.add_data_validation(validation)


def _write_sheet(book, spec: SheetSpec, data: dict, lists: _Lists,
                 styles: _DataStyles) -> None:
    sheet = book.create_sheet(spec.name)
    columns = spec.columns
    rows = sheet_rows(spec, data)
    _write_headings(sheet, columns)
    _write_rows(sheet, spec, rows, styles)
    _write_validations(sheet, spec, lists)
    first_is_id = spec.sublist is not None or (
        spec.grid.identified and columns[0].key == spec.grid.id_key)
    sheet.freeze_panes = "B2" if first_is_id and not spec.is_record else "A2"
    if not spec.is_record:
        sheet.auto_filter.ref = (f"A{HEADER_ROW}:{get_column_letter(len(columns))}"
                                 f"{HEADER_ROW + max(len(rows), 1)}")
    _print_setup(sheet, landscape=True, title_rows=f"{HEADER_ROW}:{HEADER_ROW}",
                 wide=1 if spec.is_record else pages_wide([column_width(c) for c in columns]))


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
    "Dates : le jour (2026-03-15 ou 15 mars 2026), ou seulement le mois (2026-03 ou "
    "mars 2026), la saison (automne 2026) ou l'année (2026) ; « vers » devant une "
    "date approximative (vers mars 2026). "
    "Montants : 25 000 $, 11,6 M$, 250 k$, environ 3,5 M$, plus de 4 M$, moins de "
    "50 000 $, ou une fourchette (10 000 $ – 15 000 $). Pourcentages : "
    "un nombre de 0 à 100.",
    "Un fait que votre source ne donne pas s'écrit « inconnu » (le site affiche "
    "« non précisé » et ne le compte jamais comme un zéro) ; la colonne « Provenance » "
    "dit d'où viennent les informations de la ligne (p. ex. PNT 2016, p. 12).",
    "Les partenaires et le financement des projets ont chacun leur feuille : une "
    "ligne par partenaire ou par source, avec l'identifiant du projet (P-01…) en "
    "première colonne.",
    "Vous pouvez déplacer les colonnes, ajouter une colonne pour vos notes (elle "
    "sera ignorée) ou trier les lignes (l'ordre du classeur devient celui du "
    "plan). Ne renommez pas les feuilles ni les titres des colonnes.",
    "Écrivez des valeurs, pas des formules : l'importation refuse une formule "
    "(dans une colonne de nombres, elle reprend sa valeur et le signale). Un texte "
    "qui commence par =, +, - ou @ se tape précédé d'une apostrophe (') ; les "
    "cellules déjà remplies sont du texte et le restent.",
    "Enregistrez au format « Classeur Excel (.xlsx) », sans mot de passe "
    "(ni .xls, ni .xlsm, ni .ods).",
    f"Pour reporter le classeur dans les fichiers du plan : "
    f"{quoted('importer', 'classeur.xlsx')}. L'importation vérifie chaque cellule "
    "comme la construction du site ; s'il y a la moindre erreur, elle n'écrit rien "
    "et dit, pour chaque erreur, la feuille, la ligne, la colonne et quoi corriger.",
)


def _instruction_row(sheet, row: int, text: str, font=None) -> None:
    """One paragraph across the page (A:C merged), wrapped, as tall as its lines:
    a spreadsheet does not grow a merged row by itself."""
    cell = sheet.cell(row, 1)
    set_value(cell, text)
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    if font is not None:
        cell.font = font
    sheet.merge_cells(start_row=row, start_column=1, end_row=row,
                      end_column=len(INSTRUCTION_COLUMNS))
    size = font.size if font is not None and font.size else 11
    per_line = INSTRUCTION_CHARACTERS * 11 / size
    lines = -(-len(text) // int(per_line))  # rounded up
    sheet.row_dimensions[row].height = lines * LINE_HEIGHT * size / 11 + 4


def _write_instructions(sheet, data: dict) -> None:
    territory = data.get("territoire") or {}
    name = territory.get("nom") or "votre territoire"
    _instruction_row(sheet, 1, f"Plan numérique territorial — {name}", Font(bold=True, size=16))
    _instruction_row(sheet, 2, "Les grilles de la démarche, à remplir dans ce classeur",
                     Font(italic=True))
    _instruction_row(sheet, 4, "Comment remplir ce classeur", Font(bold=True, size=13))
    row = 5
    for number, line in enumerate(INSTRUCTION_LINES, start=1):
        _instruction_row(sheet, row, f"{number}. {line}")
        row += 1
    row += 1
    _instruction_row(sheet, row, "Les feuilles", Font(bold=True, size=13))
    row += 1
    headings = ("Feuille", "Étape et usage", "Lignes remplies")
    for index, heading in enumerate(headings, start=1):
        cell = sheet.cell(row, index, heading)
        cell.font, cell.fill = REQUIRED_FONT, REQUIRED_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for spec in sheet_specs():
        row += 1
        step = STEP_BY_NUMBER[spec.grid.step]
        link = sheet.cell(row, 1, spec.name)
        link.hyperlink = Hyperlink(ref=link.coordinate, display=spec.name,
                                   location=f"{quote_sheetname(spec.name)}!A1")
        link.font = Font(color="1F3A68", underline="single")
        link.alignment = DATA_ALIGNMENT
        sheet.cell(row, 2, f"{step.numbered_title} — {spec.purpose}").alignment = (
            DATA_ALIGNMENT)
        sheet.cell(row, 3, len(sheet_rows(spec, data))).alignment = DATA_ALIGNMENT
        _fit_height(sheet, row, [(spec.name, INSTRUCTION_COLUMNS[0][1]),
                                 (sheet.cell(row, 2).value, INSTRUCTION_COLUMNS[1][1])])
    for letter, width in INSTRUCTION_COLUMNS:
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    _print_setup(sheet, landscape=False)


def build_workbook(data: dict) -> Workbook:
    """The workbook of a plan's typed data (``loader`` rows); empty data: blank."""
    book = Workbook()
    instructions = book.active
    instructions.title = INSTRUCTIONS
    lists, styles = _Lists(book.create_sheet(LISTS)), _DataStyles()
    for spec in sheet_specs():
        _write_sheet(book, spec, data, lists, styles)
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
    write_atomically(Path(path), workbook_bytes(data))
