"""Read a workbook filled in Excel or LibreOffice back into the plan's files.

Each cell is turned back into the text an author would have typed in the
YAML file (``cells.py``), and these texts are assembled into the same tree
that ``reading/yamlread`` builds from a file, with the spreadsheet's row
numbers as lines. That tree goes through the site's validator
(``reading/validate``, ``reading/checks``): the import and the build share
one validation, and one set of messages, which are then placed in the
spreadsheet: sheet, row, column heading.

All or nothing: if any cell is invalid, nothing is written. Otherwise each
step file that changes is rewritten by ``yamlmerge`` (comments, order and
quoting kept), and all of them are written as one change (``write_all``):
every file, or, if one cannot be written, none; files without changes are
not touched.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

from ..commands import WORKBOOK, quoted
from ..outputs.files import WriteError, write_all
from ..outputs.skeleton import step_file
from ..plan import french
from ..plan.catalog import GRIDS, STEPS, empty_plan, step_of
from ..reading.checks import check_plan
from ..reading.problems import Problem
from ..reading.validate import read_step
from ..reading.yamlread import Entry, Map, Scalar, Seq, read_yaml, read_yaml_text
from .cells import cell_text
from .checks import check_file, unreadable
from .formulas import formula_cells
from .layout import grid_sheet, spreadsheet_words, sublist_sheets
from .sheets import SheetData, read_sheets, sheet_place
from .yamlmerge import MergeError, render_step


# --- the tree the site's validator reads -------------------------------------------------

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
    parent = data.spec.parent
    grouped = {}
    known = ", ".join(sorted(parent_ids)) or "aucun"
    for row, cells in data.rows:
        cell = cells.get(parent.key)
        parent_id = cell_text(parent, cell.value, cell.number_format) if cell else None
        if parent_id is None:
            problems.append(Problem(data.place(row, parent.key), "",
                                    f"valeur obligatoire : {french.lower_first(parent.help)}"))
        elif parent_id not in parent_ids:
            problems.append(Problem(data.place(row, parent.key), "", (
                f"« {parent_id} » n'est pas une ligne de la feuille "
                f"« {grid_sheet(data.spec.grid).name} » (identifiants : {known})")))
        else:
            grouped.setdefault(parent_id, []).append(
                _row_map(data.spec.sublist.columns, row, cells))
    return grouped


def _id_of(row_map: Map, id_key: str):
    entry = row_map.entries.get(id_key)
    if entry is None or not isinstance(entry.value, Scalar):
        return None
    return entry.value.text.strip()


def _attach_sub_rows(data: SheetData, maps: list, subs: dict, problems: list) -> None:
    id_key = data.spec.grid.id_key
    ids = {_id_of(item, id_key) for item in maps} - {None}
    for column in data.spec.sublists:
        sub_data = subs.get(column.key)
        if sub_data is None:
            continue
        grouped = _sub_rows(sub_data, ids, problems)
        for item in maps:
            lines = grouped.get(_id_of(item, id_key))
            if lines:
                item.entries[column.key] = Entry(column.key, lines[0].line,
                                                 Seq(lines, lines[0].line, 1))


def grid_tree(data: SheetData, subs: dict, problems: list):
    """The yamlread tree of a grid sheet (and its sub-list sheets)."""
    spec = data.spec
    maps = [_row_map(spec.columns, row, cells) for row, cells in data.rows]
    _attach_sub_rows(data, maps, subs, problems)
    if not spec.is_record:
        return Seq(maps, data.header_row, 1)
    for row_map in maps[1:]:
        problems.append(Problem(data.place(row_map.line), "", (
            f"cette grille est une fiche : une seule ligne (la ligne {maps[0].line}) ; "
            "réunir les valeurs sur cette ligne et supprimer celle-ci")))
    return maps[0] if maps else Scalar("", data.header_row, 1)


# --- the validator's problems, placed in the workbook ---------------------------------------

def _muted(problem, data: SheetData, subs: dict) -> bool:
    """A cell problem in a column already reported as absent or doubled, or in
    a cell already refused (a formula)."""
    sub_key, _, key = problem.field.rpartition(".")
    sheet = subs.get(sub_key) if sub_key else data
    return sheet is not None and (key in sheet.muted
                                  or (problem.line, key) in sheet.refused)


def _spreadsheet_words(message: str) -> str:
    """The validator speaks of files; in a workbook, say the sheet instead."""
    for grid in GRIDS.values():
        message = message.replace(
            f"« {grid.title} » ({step_of(grid).filename})",
            f"« {grid.title} » (feuille « {grid_sheet(grid).name} »)")
    return spreadsheet_words(message.replace("champ obligatoire", "valeur obligatoire"))


def _placed(problem, by_path: dict) -> Problem:
    """A validator's problem, placed in the workbook when it comes from there."""
    if problem.path not in by_path:
        return problem  # a problem of a data file the workbook did not change
    data, subs = by_path[problem.path]
    message, line = _spreadsheet_words(problem.message), problem.line
    sub_key, _, key = problem.field.partition(".")
    if key and subs.get(sub_key) is not None:
        place = subs[sub_key].place(line, key)
    elif problem.field in (data.spec.grid.key, ""):
        place = data.place(line)
    else:
        place = data.place(line, problem.field)
    return Problem(place, "", message, problem.level)


# --- every sheet, validated together -----------------------------------------------------

def _read_grid_sheet(spec, data: SheetData, sheets: dict, problems: list, by_path: dict):
    """The rows of one grid's sheet (and its sub-lists), read by the validator."""
    subs = {s.sublist.key: sheets[s] for s in sublist_sheets(spec.grid) if s in sheets}
    tree = Map({spec.grid.key: Entry(spec.grid.key, data.header_row,
                                     grid_tree(data, subs, problems))})
    path = f"feuille « {data.name} »"
    by_path[path] = (data, subs)
    alone = dataclasses.replace(step_of(spec.grid), grids=(spec.grid,))
    rows, found = read_step(alone, tree, path)
    problems += [_placed(p, by_path) for p in found if not _muted(p, data, subs)]
    if spec.grid.required and not rows[spec.grid.key]:
        required = ", ".join(c.label for c in spec.grid.columns if c.required)
        problems.append(Problem(data.about_sheet(data.header_row + 1), "", (
            f"cette fiche est obligatoire et elle est vide : remplir la ligne "
            f"{data.header_row + 1} (colonnes obligatoires : {required})")))
    return rows[spec.grid.key]


def _missing_required_grids(plan: dict, imported: dict, problems: list) -> None:
    for grid in GRIDS.values():
        if grid.required and not plan.get(grid.key) and grid.key not in imported:
            problems.append(Problem(sheet_place(grid_sheet(grid), position=0), "", (
                "feuille absente, et les fichiers du plan n'ont pas encore cette fiche "
                "obligatoire : ajouter la feuille (depuis un classeur produit par "
                f"{quoted('exporter', WORKBOOK)}) et la remplir")))


def validate_sheets(sheets: dict, current: dict, problems: list) -> tuple:
    """Read every grid sheet with the site's validator; return (plan data,
    {grid key: rows read from the workbook})."""
    by_path, plan, imported = {}, dict(current), {}
    for spec, data in sheets.items():
        if spec.sublist is None:
            imported[spec.grid.key] = plan[spec.grid.key] = _read_grid_sheet(
                spec, data, sheets, problems, by_path)
    _missing_required_grids(plan, imported, problems)
    for problem in check_plan(plan):
        if problem.path in by_path and _muted(problem, *by_path[problem.path]):
            continue
        if problem.is_error or problem.path in by_path:
            problems.append(_placed(problem, by_path))
    return plan, imported


# --- the whole import ------------------------------------------------------------------------

@dataclass
class ImportResult:
    problems: list = field(default_factory=list)
    changes: list = field(default_factory=list)  # yamlmerge.StepChange, changed only
    written: list = field(default_factory=list)  # file names written
    unwritable: bool = False  # the workbook was valid, a file could not be written

    @property
    def errors(self) -> list:
        return [p for p in self.problems if p.is_error]


def _current(folder: Path, shown: str, result: ImportResult) -> tuple:
    """(typed data, {step number: (text, tree)}) of the files already in ``folder``."""
    from ..reading.loader import load_folder

    files = {}
    for step in STEPS:
        path = folder / step.filename
        if not path.exists():
            files[step.number] = ("", None)
            continue
        tree, problems = read_yaml(path, f"{shown}/{step.filename}")
        if problems:  # unreadable, or a field twice, a dash missing: not rewritten
            result.problems += [Problem(p.place, p.field, f"{p.message} ; corriger ce "
                                        f"fichier ({quoted('verifier')}) avant d'importer")
                                for p in problems]
            continue
        files[step.number] = (path.read_text(encoding="utf-8-sig"), tree)
    data = load_folder(folder, shown).data if folder.is_dir() else empty_plan()
    return data, files


def _read_workbook(path: Path, result: ImportResult, current: dict) -> dict:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, data_only=True)
        formulas = formula_cells(path)
    except Exception:  # noqa: BLE001 - any failure of the reader means the same
        result.problems.append(unreadable(path))
        return {}
    sheets = read_sheets(book, result.problems, current, formulas)
    _, imported = validate_sheets(sheets, current, result.problems)
    return imported


def _changes(imported: dict, current: dict, files: dict, shown: str,
             result: ImportResult) -> None:
    """The new text of every step file the workbook changes (nothing written)."""
    territory = imported.get("territoire") or current.get("territoire") or {}
    name = territory.get("nom") or "Plan numérique territorial"
    for step in STEPS:
        grids = {g.key: imported[g.key] for g in step.grids if g.key in imported}
        if not grids or step.number not in files:
            continue
        text, tree = files[step.number]
        shown_path = f"{shown}/{step.filename}"
        if tree is None and not text:
            text = step_file(step, name)
            tree, _ = read_yaml_text(text, shown_path)
        try:
            change = render_step(step, text, tree, shown_path, grids)
        except MergeError:
            result.problems.append(Problem.in_file(shown_path, 0, "", (
                "le fichier ne peut être mis à jour sans risque de perdre ce qu'il "
                "contient ; rien n'a été écrit. Signalez ce problème aux responsables du "
                "gabarit, avec le classeur.")))
            continue
        if change.text != files[step.number][0]:
            result.changes.append(change)


def import_workbook(path: Path, folder: Path, shown: str, write: bool = True) -> ImportResult:
    """Check ``path`` and, if every cell is valid, write its rows into ``folder``."""
    result = ImportResult(problems=check_file(Path(path)))
    if result.errors:
        return result
    current, files = _current(Path(folder), shown, result)
    if result.errors:
        return result
    imported = _read_workbook(Path(path), result, current)
    if result.errors:
        return result
    _changes(imported, current, files, shown, result)
    if result.errors or not write:
        return result
    try:
        write_all({Path(folder) / c.step.filename: c.text for c in result.changes})
    except WriteError as error:
        result.unwritable = True
        result.problems.append(Problem.in_file(f"{shown}/{error.path.name}", 0, "", (
            f"le fichier ne peut être écrit ({error.cause}) ; aucun fichier n'a été "
            f"modifié : {error.remedy}, puis relancer l'importation")))
        return result
    result.written = [c.step.filename for c in result.changes]
    return result


def row_counts(grid_change) -> str:
    """« 1 ligne ajoutée, 2 lignes modifiées »: what changed in one grid."""
    counts = [french.count(number, singular, plural)
              for number, singular, plural in (
                  (grid_change.added, "ligne ajoutée", "lignes ajoutées"),
                  (grid_change.modified, "ligne modifiée", "lignes modifiées"),
                  (grid_change.removed, "ligne supprimée", "lignes supprimées"))
              if number]
    return ", ".join(counts)


def change_summary(result: ImportResult, shown: str) -> list:
    """One French line per file written: which grids gained, changed or lost rows."""
    lines = []
    for change in result.changes:
        parts = []
        for grid_change in change.grids:
            if not grid_change.changed:
                continue
            parts.append(f"{grid_change.grid.title} : {row_counts(grid_change)}")
        lines.append(f"{shown}/{change.step.filename} — " + " ; ".join(parts))
    return lines
