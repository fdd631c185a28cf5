"""Read a workbook filled in Excel or LibreOffice back into the plan's files.

The workbook has the layout of ``workbook.py``. Each cell is turned back into
the text an author would have typed in the YAML file (a date cell becomes
« 2026-03-15 », a number 1500 becomes « 1500 », a line break in a list cell
separates two items), and these texts are assembled into the same tree that
``yamlread`` builds from a file, with the spreadsheet's row numbers as lines.
That tree goes through ``validate.read_step`` and ``validate.check_plan``:
the import and the build share one validation, and one set of messages.
The messages are then placed in the spreadsheet: sheet, row, column heading.

All or nothing: if any cell is invalid, nothing is written. Otherwise each
step file that changes is rewritten by ``yamlmerge`` (comments, order and
quoting kept) and written atomically; files without changes are not touched.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from . import model
from .catalog import GRIDS, STEPS
from .files import write_atomically
from .problems import ERROR, WARNING, summary
from .skeleton import step_file
from .validate import check_plan, read_step
from .values import fold
from .workbook import INSTRUCTIONS, LISTS, SheetSpec, sheet_specs, spreadsheet_words
from .yamlmerge import MergeError, render_step
from .yamlread import Entry, Map, Scalar, Seq, read_yaml

CFB_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Office 97-2003, or encrypted
ZIP_SIGNATURE = b"PK\x03\x04"
HEADER_SEARCH_ROWS = 10  # the headings may have been pushed down a few rows
SIMILAR_HEADINGS = 0.5  # share of a grid's headings that makes a sheet "that grid"


# --- what the person importing reads --------------------------------------------------

@dataclass(frozen=True)
class SheetProblem:
    """A problem placed in the workbook: « Feuille « 3.2 Besoins », ligne 7,
    colonne « Priorité » : … »."""

    where: str
    message: str
    level: str = ERROR
    order: tuple = ()

    @property
    def is_error(self) -> bool:
        return self.level == ERROR

    def __str__(self) -> str:
        return f"{self.where} : {self.message}" if self.where else self.message


def report(problems: list) -> str:
    errors = sorted((p for p in problems if p.is_error), key=_order)
    warnings = sorted((p for p in problems if not p.is_error), key=_order)
    lines = [f"Erreur : {p}" for p in errors] + [f"Avertissement : {p}" for p in warnings]
    lines.append(summary(len(errors), len(warnings)))
    return "\n".join(lines)


def _order(problem: SheetProblem) -> tuple:
    return problem.order or (999, 0, 0, str(problem))


def _where(sheet_name: str, row: int = 0, heading: str = "") -> str:
    where = f"Feuille « {sheet_name} »"
    if row:
        where += f", ligne {row}"
    if heading:
        where += f", colonne « {heading} »"
    return where


# --- 1. the file itself ---------------------------------------------------------------

def check_file(path: Path) -> list:
    """Problems that make the file unreadable as a workbook (none: go on)."""
    where = f"Fichier « {path.name} »"

    def refuse(message: str) -> list:
        return [SheetProblem(where, message, order=(0, 0, 0, message))]

    if not path.exists():
        return refuse("fichier introuvable : vérifier son nom et son dossier")
    if path.is_dir():
        return refuse("c'est un dossier : donner le chemin du classeur (.xlsx)")
    raw = path.read_bytes()
    if not raw:
        return refuse("le fichier est vide : l'enregistrer de nouveau depuis Excel "
                      "ou LibreOffice, au format .xlsx")
    save_as = ("l'ouvrir dans Excel ou LibreOffice et l'enregistrer au format "
               "« Classeur Excel (.xlsx) »")
    if raw.startswith(CFB_SIGNATURE):
        if "EncryptedPackage".encode("utf-16-le") in raw:
            return refuse("le classeur est protégé par un mot de passe, qui empêche "
                          "de le lire : l'ouvrir, retirer le mot de passe (Excel : "
                          "Fichier › Informations › Protéger le classeur ; "
                          "LibreOffice : Fichier › Propriétés › Sécurité), "
                          "l'enregistrer, puis relancer l'importation")
        return refuse(f"c'est un classeur Excel 97-2003 (.xls), un format ancien : "
                      f"{save_as}")
    if not raw.startswith(ZIP_SIGNATURE):
        kind = ("un fichier texte (CSV ?)" if _looks_like_text(raw)
                else "un fichier d'un autre type")
        return refuse(f"ce n'est pas un classeur Excel mais {kind} : {save_as}")
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype") if "mimetype" in names else b""
            types = (archive.read("[Content_Types].xml")
                     if "[Content_Types].xml" in names else b"")
    except (zipfile.BadZipFile, OSError, KeyError):
        return refuse(f"le fichier est abîmé ou incomplet : {save_as}")
    if mimetype.startswith(b"application/vnd.oasis.opendocument"):
        return refuse(f"c'est un classeur OpenDocument (.ods) : {save_as}")
    if "xl/workbook.xml" not in names:
        return refuse(f"ce n'est pas un classeur Excel (un document Word ou une "
                      f"archive ?) : {save_as}")
    if ("xl/vbaProject.bin" in names or b"macroEnabled" in types
            or path.suffix.lower() in (".xlsm", ".xltm")):
        return refuse("c'est un classeur avec macros (.xlsm), refusé par prudence : "
                      "l'enregistrer au format « Classeur Excel (.xlsx) », qui ne "
                      "garde pas les macros")
    return []


def _looks_like_text(raw: bytes) -> bool:
    head = raw[:2048]
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        try:
            head.decode("cp1252")
        except UnicodeDecodeError:
            return False
    return b"\x00" not in head


# --- 2. sheets, headings, rows ----------------------------------------------------------

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


@dataclass
class SheetData:
    """What a sheet holds: its headings and its non-empty rows."""

    spec: SheetSpec
    name: str  # as written in the workbook
    header_row: int = 1
    columns: dict = field(default_factory=dict)  # key -> column number (1-based)
    rows: list = field(default_factory=list)  # (row number, {key: cell})
    muted: set = field(default_factory=set)  # columns already reported (absent, twice)

    def heading(self, key: str) -> str:
        column = next((c for c in self.spec.columns if c.key == key), None)
        return column.label if column is not None else key

    def order(self, row: int = 0, key: str = "") -> tuple:
        position = sheet_specs().index(self.spec) + 1
        return (position, row, self.columns.get(key, 0))


def _cell_is_empty(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _find_header(sheet, spec: SheetSpec) -> tuple:
    """(row, matches) of the row that holds the most of the spec's headings."""
    keys = _heading_keys(spec)
    best = (1, 0)
    limit = min(sheet.max_row, HEADER_SEARCH_ROWS)
    for row in range(1, limit + 1):
        found = {keys.get(_fold(c.value)) for c in sheet[row]
                 if not _cell_is_empty(c.value)} - {None}
        if len(found) > best[1]:
            best = (row, len(found))
    return best


def _read_sheet(sheet, spec: SheetSpec, problems: list, current: dict) -> SheetData:
    data = SheetData(spec, sheet.title)
    data.header_row, _ = _find_header(sheet, spec)
    keys = _heading_keys(spec)
    extra = []
    for cell in sheet[data.header_row]:
        if _cell_is_empty(cell.value):
            continue
        key = keys.get(_fold(cell.value))
        if key is None:
            extra.append((cell.column, str(cell.value).strip()))
            continue
        if key in data.columns:
            first = sheet.cell(data.header_row, data.columns[key]).coordinate
            message = (f"la colonne « {data.heading(key)} » est en double (cellules "
                       f"{first} et {cell.coordinate}) : n'en garder qu'une")
            problems.append(SheetProblem(_where(sheet.title), message,
                                         order=data.order(data.header_row, key)))
            data.muted.add(key)
            continue
        data.columns[key] = cell.column
    for key in data.muted:
        data.columns.pop(key, None)  # which of the two to believe? neither
    for row in sheet.iter_rows(min_row=data.header_row + 1):
        cells = {key: row[number - 1] for key, number in data.columns.items()
                 if number - 1 < len(row)}
        if all(_cell_is_empty(c.value) for c in cells.values()):
            continue
        data.rows.append((row[0].row, cells))
    for number, heading in extra:
        message = (f"colonne inconnue (« {heading} »), ignorée : ses valeurs ne sont "
                   "pas importées")
        problems.append(SheetProblem(_where(sheet.title), message, WARNING,
                                     order=data.order(data.header_row)))
    _check_missing_columns(data, problems, current)
    return data


def _check_missing_columns(data: SheetData, problems: list, current: dict) -> None:
    spec = data.spec
    for column in spec.columns:
        if column.key in data.columns:
            continue
        if column.key in data.muted:
            continue
        data.muted.add(column.key)
        if column.required and data.rows:
            message = (f"la colonne obligatoire « {column.label} » est absente : la "
                       f"rajouter, avec exactement ce titre, et la remplir")
        elif _current_has_values(spec, column, current):
            message = (f"la colonne « {column.label} » est absente, alors que les "
                       f"fichiers du plan ont des valeurs dans cette colonne : la "
                       "remettre (titre exact : « " + column.label + " ») pour ne pas "
                       "les effacer")
        else:
            continue
        problems.append(SheetProblem(_where(data.name), message,
                                     order=data.order(data.header_row)))


def _current_has_values(spec: SheetSpec, column, current: dict) -> bool:
    rows = model.rows_of(current, spec.grid.key)
    if spec.sublist is None:
        return any(row.get(column.key) not in (None, []) for row in rows)
    subs = [s for row in rows for s in (row.get(spec.sublist.key) or [])]
    return column.key != spec.grid.id_key and any(
        s.get(column.key) not in (None, []) for s in subs)


def _sheet_has_values(sheet) -> bool:
    return any(not _cell_is_empty(v) for row in sheet.iter_rows(values_only=True)
               for v in row)


def read_sheets(book, problems: list, current: dict) -> dict:
    """{SheetSpec: SheetData} for each grid sheet found; problems for the others."""
    specs = sheet_specs()
    lookup = {}
    for spec in specs:
        for name in _names_of(spec):
            lookup.setdefault(name, spec)
    ignored = {_fold(INSTRUCTIONS), _fold(LISTS)}
    found, unknown = {}, []
    for sheet in book.worksheets:
        name = _fold(sheet.title)
        if name in ignored:
            continue
        spec = lookup.get(name) or lookup.get(_fold(_without_number(sheet.title)))
        if spec is None:
            unknown.append(sheet)
            continue
        if spec in found:
            message = (f"cette feuille et la feuille « {found[spec].title} » sont toutes "
                       f"deux la grille « {spec.name} » : n'en garder qu'une")
            problems.append(SheetProblem(_where(sheet.title), message,
                                         order=(specs.index(spec) + 1, 0, 0)))
            continue
        found[spec] = sheet
    for sheet in unknown:
        if not _sheet_has_values(sheet):
            continue
        similar = _similar_spec(sheet, [s for s in specs if s not in found])
        if similar is not None:
            message = (f"cette feuille n'a pas le nom d'une grille, mais ses colonnes "
                       f"sont celles de la grille « {similar.name} », absente du "
                       f"classeur : lui redonner le nom « {similar.name} »")
            problems.append(SheetProblem(_where(sheet.title), message,
                                         order=(specs.index(similar) + 1, 0, 0)))
            found[similar] = None  # reported: not « absent » as well
            continue
        message = (f"feuille inconnue, ignorée : ses lignes ne sont pas importées "
                   f"(la feuille « {INSTRUCTIONS} » donne le nom de chaque grille)")
        problems.append(SheetProblem(_where(sheet.title), message, WARNING,
                                     order=(900, 0, 0)))
    result = {}
    for spec in specs:
        sheet = found.get(spec)
        if sheet is not None:
            result[spec] = _read_sheet(sheet, spec, problems, current)
    _check_missing_sheets(specs, found, problems)
    return result


def _similar_spec(sheet, candidates) -> SheetSpec:
    best, best_share = None, 0.0
    for spec in candidates:
        _, matches = _find_header(sheet, spec)
        share = matches / len(spec.columns)
        if share >= SIMILAR_HEADINGS and share > best_share:
            best, best_share = spec, share
    return best


def _check_missing_sheets(specs, found: dict, problems: list) -> None:
    for spec in specs:
        if spec in found:
            continue
        order = (specs.index(spec) + 1, 0, 0)
        parent = next(s for s in specs if s.grid is spec.grid and s.sublist is None)
        if spec.sublist is not None and found.get(parent) is not None:
            message = (f"cette feuille est absente du classeur, alors que la feuille "
                       f"« {parent.name} » y est : la remettre (depuis un classeur "
                       "produit par « pnt exporter »), sinon ces lignes seraient "
                       "effacées")
            problems.append(SheetProblem(_where(spec.name), message, order=order))
        elif spec.sublist is None:
            message = (f"feuille absente du classeur : la grille « {spec.grid.title} » "
                       "reste telle qu'elle est dans les fichiers du plan")
            problems.append(SheetProblem(_where(spec.name), message, WARNING,
                                         order=order))


# --- 3. cells back to the text an author types ----------------------------------------------

_LIST_SEPARATORS = re.compile(r"[,;\n]")
_LINE_BREAK = re.compile(r"[ \t]*\n\s*")
_SERIAL_MIN, _SERIAL_MAX = 2201, 2958465  # Excel serials of plausible days


def _number_text(value) -> str:
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, int) or float(value).is_integer():
        return str(int(value))
    text = repr(float(value))
    if "e" in text:
        text = f"{value:f}".rstrip("0")
    if re.match(r"^-?[0-9]{1,3}\.[0-9]{3}$", text):
        text += "0"  # « 1.125 » reads as ambiguous thousands; « 1.1250 » does not
    return text


def _date_text(value, number_format: str) -> str:
    """A date cell, to the precision its format shows (« mars 2026 » → 2026-03)."""
    shown = re.sub(r'"[^"]*"|\[[^\]]*\]', "", number_format or "").lower()
    if isinstance(value, datetime.datetime) and value.time() != datetime.time(0):
        if "h" in shown or "s" in shown:
            return value.isoformat(sep=" ", timespec="minutes")
    if "d" in shown or "j" in shown or not shown or shown == "general":
        return value.strftime("%Y-%m-%d")
    if "m" in shown:
        return value.strftime("%Y-%m")
    return value.strftime("%Y")


def _serial_to_date(value) -> datetime.date:
    from openpyxl.utils.datetime import from_excel

    return from_excel(value).date()


def cell_text(column, value, number_format: str = "General"):
    """The author's text for a cell of ``column``: a string, a list of strings
    (list columns), or None for an empty cell."""
    kind = column.kind
    if _cell_is_empty(value):
        return None
    if isinstance(value, datetime.datetime) or isinstance(value, datetime.date):
        if not isinstance(value, datetime.datetime):
            value = datetime.datetime.combine(value, datetime.time(0))
        text = _date_text(value, number_format)
    elif isinstance(value, datetime.time):
        text = value.strftime("%H:%M")
    elif isinstance(value, bool):
        text = "oui" if value else "non"
    elif isinstance(value, (int, float)):
        if kind == model.DATE and _SERIAL_MIN <= value <= _SERIAL_MAX:
            text = _serial_to_date(value).isoformat()
        elif kind == model.PERCENT and "%" in (number_format or ""):
            text = _number_text(round(value * 100, 10))
        else:
            text = _number_text(value)
    else:
        text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    if kind == model.REFS:
        return [part.strip() for part in _LIST_SEPARATORS.split(text) if part.strip()]
    if kind == model.TEXT_LIST:
        return [line.strip() for line in text.split("\n") if line.strip()]
    if kind == model.LONG_TEXT:
        return text.strip()
    # A line break typed in a one-line cell (Alt+Entrée) is a space; other
    # spaces stay as written, so that an unchanged value reads back identical.
    return _LINE_BREAK.sub(" ", text).strip()


# --- 4. the tree the site's validator reads -------------------------------------------------

def _node(column, cell):
    text = cell_text(column, cell.value, cell.number_format)
    if text is None:
        return None
    if isinstance(text, list):
        return Seq([Scalar(t, cell.row, cell.column, quoted=True) for t in text],
                   cell.row, cell.column)
    return Scalar(text, cell.row, cell.column, quoted=True)


def _row_map(columns, row: int, cells: dict) -> Map:
    result = Map(line=row, column=1)
    for column in columns:
        cell = cells.get(column.key)
        node = _node(column, cell) if cell is not None else None
        if node is not None:
            result.entries[column.key] = Entry(column.key, row, node)
    return result


def _sub_rows(data: SheetData, parent_ids: set, problems: list) -> dict:
    """{parent id text: [Map]} of a sub-list sheet; unknown parents are errors."""
    spec = data.spec
    parent = spec.parent
    grouped = {}
    known = ", ".join(sorted(parent_ids)) or "aucun"
    for row, cells in data.rows:
        cell = cells.get(parent.key)
        parent_id = cell_text(parent, cell.value, cell.number_format) if cell else None
        where = _where(data.name, row, parent.label)
        if parent_id is None:
            problems.append(SheetProblem(
                where, f"valeur obligatoire : {parent.help[0].lower()}{parent.help[1:]}",
                order=data.order(row, parent.key)))
            continue
        if parent_id not in parent_ids:
            problems.append(SheetProblem(
                where, f"« {parent_id} » n'est pas une ligne de la feuille "
                       f"« {_parent_name(spec)} » (identifiants : {known})",
                order=data.order(row, parent.key)))
            continue
        grouped.setdefault(parent_id, []).append(
            _row_map(spec.sublist.columns, row, cells))
    return grouped


def _parent_name(spec: SheetSpec) -> str:
    return next(s.name for s in sheet_specs()
                if s.grid is spec.grid and s.sublist is None)


def grid_tree(data: SheetData, subs: dict, problems: list):
    """The yamlread tree of a grid sheet (and its sub-list sheets)."""
    spec = data.spec
    maps = [_row_map(spec.columns, row, cells) for row, cells in data.rows]
    ids = set()
    for item in maps:
        entry = item.entries.get(spec.grid.id_key)
        if entry is not None and isinstance(entry.value, Scalar):
            ids.add(entry.value.text.strip())
    for column in spec.sublists:
        sub_data = subs.get(column.key)
        if sub_data is None:
            continue
        grouped = _sub_rows(sub_data, ids, problems)
        for item in maps:
            entry = item.entries.get(spec.grid.id_key)
            parent_id = entry.value.text.strip() if entry is not None else None
            lines = grouped.get(parent_id)
            if lines:
                item.entries[column.key] = Entry(column.key, lines[0].line,
                                                 Seq(lines, lines[0].line, 1))
    if spec.is_record:
        for row_map in maps[1:]:
            problems.append(SheetProblem(
                _where(data.name, row_map.line),
                f"cette grille est une fiche : une seule ligne (la ligne "
                f"{maps[0].line}) ; réunir les valeurs sur cette ligne et supprimer "
                "celle-ci", order=data.order(row_map.line)))
        return maps[0] if maps else Scalar("", data.header_row, 1)
    return Seq(maps, data.header_row, 1)


def _path(data: SheetData) -> str:
    return f"feuille « {data.name} »"


def validate_sheets(sheets: dict, current: dict, problems: list) -> tuple:
    """Read every grid sheet with the site's validator; return (plan data,
    {grid key: rows read from the workbook})."""
    by_path = {}
    plan = {key: value for key, value in current.items()}
    imported = {}
    for spec, data in sheets.items():
        if spec.sublist is not None:
            continue
        subs = {s.sublist.key: sheets.get(s) for s in sheet_specs()
                if s.grid is spec.grid and s.sublist is not None}
        value = grid_tree(data, {k: v for k, v in subs.items() if v is not None},
                         problems)
        step = next(s for s in STEPS if s.number == spec.grid.step)
        alone = dataclasses.replace(step, grids=(spec.grid,))
        tree = Map({spec.grid.key: Entry(spec.grid.key, data.header_row, value)})
        path = _path(data)
        by_path[path] = (data, subs)
        rows, found = read_step(alone, tree, path)
        problems += [_placed(p, by_path) for p in found if not _muted(p, data, subs)]
        imported[spec.grid.key] = rows[spec.grid.key]
        plan[spec.grid.key] = rows[spec.grid.key]
        if spec.grid.required and not rows[spec.grid.key]:
            required = ", ".join(c.label for c in spec.grid.columns if c.required)
            problems.append(SheetProblem(
                _where(data.name), f"cette fiche est obligatoire et elle est vide : "
                f"remplir la ligne {data.header_row + 1} (colonnes obligatoires : "
                f"{required})", order=data.order(data.header_row + 1)))
    for grid in GRIDS.values():
        if grid.required and not plan.get(grid.key) and grid.key not in imported:
            spec = next(s for s in sheet_specs() if s.grid is grid)
            problems.append(SheetProblem(
                _where(spec.name), "feuille absente, et les fichiers du plan n'ont pas "
                "encore cette fiche obligatoire : ajouter la feuille (depuis un classeur "
                "produit par « pnt exporter ») et la remplir", order=(0, 0, 0)))
    for problem in check_plan(plan):
        if problem.path in by_path and _muted(problem, *by_path[problem.path]):
            continue
        if problem.is_error or problem.path in by_path:
            problems.append(_placed(problem, by_path))
    return plan, imported


def _muted(problem, data: SheetData, subs: dict) -> bool:
    """A cell problem in a column already reported as absent or doubled."""
    sub_key, _, key = problem.field.rpartition(".")
    sheet = subs.get(sub_key) if sub_key else data
    return sheet is not None and key in sheet.muted


def _placed(problem, by_path: dict) -> SheetProblem:
    """A validator's problem, placed in the workbook when it comes from there."""
    level = problem.level
    if problem.path not in by_path:
        return SheetProblem("", str(problem), level, order=(950, 0, 0, str(problem)))
    data, subs = by_path[problem.path]
    message = _spreadsheet_words(problem.message)
    field_key = problem.field
    if "." in field_key:
        sub_key, key = field_key.split(".", 1)
        sub = subs.get(sub_key)
        if sub is not None:
            return SheetProblem(_where(sub.name, problem.line, sub.heading(key)),
                                message, level, order=sub.order(problem.line, key))
    if field_key == data.spec.grid.key or not field_key:
        return SheetProblem(_where(data.name, problem.line), message, level,
                            order=data.order(problem.line))
    return SheetProblem(_where(data.name, problem.line, data.heading(field_key)),
                        message, level, order=data.order(problem.line, field_key))


def _spreadsheet_words(message: str) -> str:
    """The validator speaks of files; in a workbook, say the sheet instead."""
    for step in STEPS:
        for grid in step.grids:
            spec = next(s for s in sheet_specs() if s.grid is grid and s.sublist is None)
            message = message.replace(f"« {grid.title} » ({step.filename})",
                                      f"« {grid.title} » (feuille « {spec.name} »)")
    return spreadsheet_words(message.replace("champ obligatoire", "valeur obligatoire"))


# --- 5. the whole import ---------------------------------------------------------------------

@dataclass
class ImportResult:
    problems: list = field(default_factory=list)
    changes: list = field(default_factory=list)  # yamlmerge.StepChange, changed only
    written: list = field(default_factory=list)  # file names written

    @property
    def errors(self) -> list:
        return [p for p in self.problems if p.is_error]


def _current(folder: Path, shown: str, result: ImportResult) -> tuple:
    """(typed data, {step: (text, tree)}) of the files already in ``folder``."""
    from .loader import load_folder

    files = {}
    for step in STEPS:
        path = folder / step.filename
        if not path.exists():
            files[step.number] = ("", None)
            continue
        tree, problems = read_yaml(path, f"{shown}/{step.filename}")
        if tree is None and problems:
            result.problems += [SheetProblem(
                "", f"{p} ; corriger ce fichier (« pnt verifier ») avant d'importer",
                order=(0, 0, 0)) for p in problems]
            continue
        files[step.number] = (path.read_text(encoding="utf-8-sig"), tree)
    loaded = load_folder(folder, shown) if folder.is_dir() else None
    data = loaded.data if loaded is not None else {
        g.key: ({} if g.shape == model.RECORD else []) for g in GRIDS.values()}
    return data, files


def import_workbook(path: Path, folder: Path, shown: str, write: bool = True) -> ImportResult:
    """Check ``path`` and, if every cell is valid, write its rows into ``folder``."""
    from openpyxl import load_workbook

    result = ImportResult()
    result.problems += check_file(Path(path))
    if result.errors:
        return result
    current, files = _current(Path(folder), shown, result)
    if result.errors:
        return result
    try:
        book = load_workbook(path, data_only=True)
    except Exception:  # noqa: BLE001 - any failure of the reader means the same
        result.problems.append(SheetProblem(
            f"Fichier « {Path(path).name} »",
            "le classeur ne peut être lu (fichier abîmé ?) : l'ouvrir dans Excel ou "
            "LibreOffice et l'enregistrer de nouveau au format .xlsx"))
        return result
    sheets = read_sheets(book, result.problems, current)
    _, imported = validate_sheets(sheets, current, result.problems)
    if result.errors:
        return result
    territory = (imported.get("territoire") or current.get("territoire") or {})
    name = territory.get("nom") or "Plan numérique territorial"
    for step in STEPS:
        grids = {g.key: imported[g.key] for g in step.grids if g.key in imported}
        if not grids or step.number not in files:
            continue
        text, tree = files[step.number]
        if tree is None and not text:
            text = step_file(step, name)
            tree, _ = _tree_of(text, f"{shown}/{step.filename}")
        try:
            change = render_step(step, text, tree, f"{shown}/{step.filename}", grids)
        except MergeError:
            result.problems.append(SheetProblem(
                "", f"{shown}/{step.filename} : le fichier ne peut être mis à jour sans "
                "risque de perdre ce qu'il contient ; rien n'a été écrit. Signalez ce "
                "problème aux responsables du gabarit, avec le classeur."))
            continue
        if change.text != files[step.number][0]:
            result.changes.append(change)
    if result.errors or not write:
        return result
    for change in result.changes:
        write_atomically(Path(folder) / change.step.filename, change.text)
        result.written.append(change.step.filename)
    return result


def _tree_of(text: str, shown_path: str):
    from .yamlread import read_yaml_text

    return read_yaml_text(text, shown_path)


def change_summary(result: ImportResult, shown: str) -> list:
    """One French line per file written: which grids gained, changed or lost rows."""
    lines = []
    for change in result.changes:
        parts = []
        for grid_change in change.grids:
            if not grid_change.changed:
                continue
            counts = []
            for number, singular, plural in (
                    (grid_change.added, "ligne ajoutée", "lignes ajoutées"),
                    (grid_change.modified, "ligne modifiée", "lignes modifiées"),
                    (grid_change.removed, "ligne supprimée", "lignes supprimées")):
                if number:
                    counts.append(f"{number} {singular if number < 2 else plural}")
            parts.append(f"{grid_change.grid.title} : {', '.join(counts)}")
        lines.append(f"{shown}/{change.step.filename} — " + " ; ".join(parts))
    return lines
