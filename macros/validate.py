"""Check a territory's files against the grid declarations of ``catalog.py``.

Every problem is collected (never only the first) as a ``Problem`` that
names the file, the line, the field, the value found and what is expected.
"""

from __future__ import annotations

import re

from . import model
from . import values as v
from .catalog import GRIDS, STEPS
from .problems import WARNING, Problem
from .yamlread import Map, Scalar, Seq, Tree, describe

LINE = "_ligne"  # the row's line in its file
LINES = "_lignes"  # field -> line, for messages about one field
INVALID = "_invalides"  # fields whose value could not be read (already reported)
FILE = "_fichier"

_SCALAR_READERS = {
    model.TEXT: v.read_text,
    model.LONG_TEXT: v.read_text,
    model.INTEGER: v.read_integer,
    model.NUMBER: v.read_number,
    model.AMOUNT: v.read_amount,
    model.PERCENT: v.read_percent,
    model.DATE: v.read_date,
    model.YEAR: v.read_year,
    model.BOOLEAN: v.read_boolean,
    model.LINK: v.read_link,
    model.EMAIL: v.read_email,
    model.REF: v.read_text,
}


class _Collector:
    """Accumulates problems for one file."""

    def __init__(self, path: str):
        self.path = path
        self.problems: list = []

    def add(self, line: int, field: str, message: str, level: str = "erreur"):
        self.problems.append(Problem(self.path, line, field, message, level=level))


# --- one value ----------------------------------------------------------------

def _is_empty(node) -> bool:
    if node is None:
        return True
    if isinstance(node, Scalar):
        return node.is_null
    if isinstance(node, Seq):
        return not node.items
    return not node.entries


def _read_scalar(column, node: Scalar):
    if column.kind == model.CHOICE:
        return v.read_choice(node.text, column.choices)
    value = _SCALAR_READERS[column.kind](node.text)
    if column.pattern and not re.match(column.pattern, value):
        raise v.ValueIssue(f"« {v.shown(node.text)} » n'a pas la forme attendue : "
                           f"{_help(column)}")
    return value


def _split_list_text(text: str) -> list:
    return [part.strip() for part in text.split(",") if part.strip()]


def _read_value(column, node: Tree, out: _Collector, field: str):
    """Return the typed value, or None after recording a problem."""
    if column.kind in (model.REFS, model.TEXT_LIST):
        return _read_text_items(column, node, out, field)
    if column.kind == model.SUBLIST:
        return _read_sublist(column, node, out, field)
    if not isinstance(node, Scalar):
        out.add(node.line, field, f"une seule valeur est attendue ici, pas "
                                  f"{describe(node)} ({_help(column)})")
        return None
    try:
        return _read_scalar(column, node)
    except v.ValueIssue as issue:
        out.add(node.line, field, str(issue))
        return None


def _read_text_items(column, node: Tree, out: _Collector, field: str):
    if isinstance(node, Scalar):
        # "B-01, B-02" written on one line is read as the two ids it lists.
        items = _split_list_text(node.text) if column.kind == model.REFS else [
            node.text.strip()]
        return items
    if isinstance(node, Map):
        out.add(node.line, field, "une liste est attendue ici : un élément par "
                                  "ligne, chacun précédé d'un tiret (« - »)")
        return None
    items = []
    for item in node.items:
        if not isinstance(item, Scalar):
            out.add(item.line, field, f"chaque élément de la liste doit être une "
                                      f"simple valeur, pas {describe(item)}")
            continue
        if not item.is_null:
            items.append(item.text.strip())
    return items


def _read_sublist(column, node: Tree, out: _Collector, field: str):
    if not isinstance(node, Seq):
        out.add(node.line, field, "une liste est attendue ici : chaque élément "
                                  "commence par un tiret (« - ») suivi de ses champs")
        return None
    rows = []
    for item in node.items:
        if not isinstance(item, Map):
            out.add(item.line, field, f"chaque élément doit avoir ses champs "
                                      f"({', '.join(c.key for c in column.columns)}), "
                                      f"pas {describe(item)}")
            continue
        rows.append(_read_fields(column.columns, item, out, prefix=f"{field}."))
    return rows


# --- one row ------------------------------------------------------------------

def _unknown_field_message(key: str, allowed: list) -> str:
    message = (f"champ inconnu ; champs permis ici : {', '.join(allowed)}")
    near = v.suggestion(key, allowed)
    if near is not None:
        message += f" ; vouliez-vous dire « {near} » ?"
    return message


def _read_fields(columns, node: Map, out: _Collector, prefix: str = "") -> dict:
    allowed = [c.key for c in columns]
    row = {LINE: node.line, LINES: {}, FILE: out.path, INVALID: set()}
    for key, entry in node.entries.items():
        if key not in allowed:
            out.add(entry.key_line, prefix + key, _unknown_field_message(key, allowed))
    for column in columns:
        row[column.key] = _read_field(column, node, row, out, prefix)
    return row


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _help(column) -> str:
    """A column's help inside a sentence: « nom de l'instance »."""
    return _lower_first(column.help).rstrip(".")


def _read_field(column, node: Map, row: dict, out: _Collector, prefix: str):
    entry = node.entries.get(column.key)
    field = prefix + column.key
    if entry is not None:
        row[LINES][column.key] = entry.key_line
    if entry is None or _is_empty(entry.value):
        if column.required:
            line = entry.key_line if entry is not None else node.line
            out.add(line, field, f"champ obligatoire : {_help(column)}")
        return None
    value = _read_value(column, entry.value, out, field)
    if value is None:
        row[INVALID].add(column.key)
    if isinstance(value, list) and len(value) < column.min_items:
        wanted = ("au moins un élément attendu" if column.min_items == 1 else
                  f"au moins {column.min_items} éléments attendus")
        out.add(entry.key_line, field, f"{wanted} : {_help(column)}")
    return value


def _apply_rules(grid, row: dict, out: _Collector):
    for rule in grid.rules:
        for field, message in rule(row):
            if field not in row[INVALID]:
                out.add(row[LINES].get(field, row[LINE]), field, message)


def _read_row(grid, node: Tree, out: _Collector):
    if isinstance(node, Scalar) and node.is_null:
        out.add(node.line, "", f"ligne vide dans la grille « {grid.key} » : compléter "
                               f"ses champs ({', '.join(grid.column_keys)}) ou "
                               "supprimer le tiret")
        return None
    if not isinstance(node, Map):
        out.add(node.line, "", f"chaque ligne de la grille « {grid.key} » commence par "
                               f"un tiret suivi de ses champs "
                               f"({', '.join(grid.column_keys)}), pas {describe(node)}")
        return None
    row = _read_fields(grid.columns, node, out)
    _apply_rules(grid, row, out)
    return row


# --- one grid, one file ---------------------------------------------------------

def _read_grid(grid, node: Tree, out: _Collector):
    if _is_empty(node):
        return {} if grid.shape == model.RECORD else []
    if grid.shape == model.RECORD:
        if not isinstance(node, Map):
            out.add(node.line, grid.key, f"cette grille est une fiche : ses champs "
                                         f"({', '.join(grid.column_keys)}) vont "
                                         f"en dessous, indentés, pas {describe(node)}")
            return {}
        return _read_row(grid, node, out) or {}
    if not isinstance(node, Seq):
        out.add(node.line, grid.key, f"cette grille est une liste : chaque ligne "
                                     f"commence par un tiret (« - »), pas "
                                     f"{describe(node)}")
        return []
    rows = (_read_row(grid, item, out) for item in node.items)
    return [row for row in rows if row is not None]


def _misplaced_grid_message(key: str, step) -> str:
    grid = GRIDS.get(key)
    if grid is not None:
        home = next(s for s in STEPS if s.number == grid.step)
        return (f"la grille « {key} » ne va pas dans ce fichier : la déplacer dans "
                f"{home.filename}")
    return _unknown_field_message(key, [g.key for g in step.grids]).replace(
        "champ inconnu ; champs permis", "grille inconnue ; grilles permises")


def _missing_grid_message(grid) -> str:
    required = ", ".join(c.key for c in grid.columns if c.required)
    return (f"la fiche « {grid.key} » est absente : ajouter « {grid.key}: » en tête "
            f"du fichier, suivi de ses champs ({required}…)")


def read_step(step, tree, path: str) -> tuple:
    """Return ({grid key: rows or record}, problems) for one step file."""
    out = _Collector(path)
    data = {g.key: ({} if g.shape == model.RECORD else []) for g in step.grids}
    if tree is None or _is_empty(tree):
        for grid in step.grids:
            if grid.required:
                out.add(0, grid.key, _missing_grid_message(grid))
        return data, out.problems
    if not isinstance(tree, Map):
        out.add(tree.line, "", "le fichier doit commencer par le nom d'une grille "
                               f"suivi de deux-points (p. ex. « {step.grids[0].key}: »)")
        return data, out.problems
    known = {g.key for g in step.grids}
    for grid in step.grids:
        if grid.required and grid.key not in tree.entries:
            out.add(0, grid.key, _missing_grid_message(grid))
    for key, entry in tree.entries.items():
        if key not in known:
            out.add(entry.key_line, key, _misplaced_grid_message(key, step))
    for grid in step.grids:
        entry = tree.entries.get(grid.key)
        if entry is not None:
            data[grid.key] = _read_grid(grid, entry.value, out)
    return data, out.problems


# --- across files: identifiers and references -------------------------------------

def _id_shape(grid) -> re.Pattern:
    return re.compile(rf"^{grid.id_prefix}-\d{{1,4}}$")


def _where(row: dict, field: str = "") -> tuple:
    return row[FILE], row[LINES].get(field, row[LINE])


def check_identifiers(data: dict) -> list:
    problems = []
    for grid in GRIDS.values():
        if not grid.identified:
            continue
        seen, anchors = {}, {}
        for row in model.rows_of(data, grid.key):
            row_id = row.get(grid.id_key)
            if row_id is None:
                continue
            path, line = _where(row, grid.id_key)
            anchor = model.anchor_for(row_id)
            if anchor in anchors and anchors[anchor] != row_id:
                problems.append(Problem(
                    path, line, grid.id_key,
                    f"« {row_id} » se confond avec « {anchors[anchor]} » dans les "
                    "liens du site : distinguer davantage les deux noms"))
            anchors.setdefault(anchor, row_id)
            if grid.id_prefix and not _id_shape(grid).match(row_id):
                problems.append(Problem(path, line, grid.id_key,
                                        f"« {row_id} » : l'identifiant doit avoir la "
                                        f"forme {grid.id_prefix}-01"))
            if row_id in seen:
                first_path, first_line = seen[row_id]
                problems.append(Problem(
                    path, line, grid.id_key,
                    f"« {row_id} » est déjà utilisé ({first_path}, ligne {first_line}) ; "
                    f"chaque ligne de la grille « {grid.title} » a son propre identifiant"))
                continue
            seen[row_id] = (path, line)
    return problems


def _known_ids(data: dict, grid) -> set:
    return {row.get(grid.id_key) for row in model.rows_of(data, grid.key)} - {None}


def _reference_problem(path, line, field, ref, target, known) -> Problem:
    home = next(s for s in STEPS if s.number == target.step)
    folder = path.rsplit("/", 1)[0] + "/" if "/" in path else ""
    listed = ", ".join(sorted(known)[:12]) or "aucun pour l'instant"
    if len(known) > 12:
        listed += "…"
    message = (f"« {ref} » n'existe pas dans la grille « {target.title} » "
               f"({folder}{home.filename}) ; identifiants connus : {listed}")
    near = None if target.id_prefix else v.suggestion(ref, known)  # names only
    if near is not None and near != ref:
        message += f" ; vouliez-vous dire « {near} » ?"
    return Problem(path, line, field, message)


def _check_row_references(row: dict, columns, known_by_grid, prefix="") -> list:
    """Unknown or repeated ids cited by a row. ``known_by_grid`` holds the ids of
    each grid that can be judged (grids of unreadable files are left out)."""
    problems = []
    for column in columns:
        value = row.get(column.key)
        if value is None:
            continue
        if column.kind == model.SUBLIST:
            for sub in value:
                problems += _check_row_references(sub, column.columns, known_by_grid,
                                                  f"{column.key}.")
            continue
        if column.kind not in (model.REF, model.REFS) or column.target not in known_by_grid:
            continue
        target = GRIDS[column.target]
        known = known_by_grid[target.key]
        refs = value if isinstance(value, list) else [value]
        path, line = _where(row, column.key)
        for ref in refs:
            if ref not in known:
                problems.append(_reference_problem(path, line, prefix + column.key,
                                                   ref, target, known))
        duplicates = sorted({r for r in refs if refs.count(r) > 1})
        for ref in duplicates:
            problems.append(Problem(path, line, prefix + column.key,
                                    f"« {ref} » est cité deux fois : le garder une fois"))
    return problems


def check_references(data: dict, unreadable: frozenset = frozenset()) -> list:
    """Unknown or repeated ids. Grids of unreadable files are not judged."""
    unreadable_steps = {s.number for s in STEPS if s.filename in unreadable}
    known_by_grid = {g.key: _known_ids(data, g) for g in GRIDS.values()
                     if g.identified and g.step not in unreadable_steps}
    problems = []
    for grid in GRIDS.values():
        for row in model.rows_of(data, grid.key):
            problems += _check_row_references(row, grid.columns, known_by_grid)
    return problems


def check_measures(data: dict) -> list:
    """A measure of a quantitative indicator has a value; a milestone's says if reached."""
    nature = {row["id"]: row.get("nature") for row in model.rows_of(data, "indicateurs")
              if row.get("id")}
    problems = []
    for row in model.rows_of(data, "mesures"):
        kind = nature.get(row.get("indicateur"))
        path, line = _where(row)
        if row[INVALID] & {"valeur", "atteint"}:
            continue
        if kind == "quantitatif" and row.get("valeur") is None:
            problems.append(Problem(path, line, "valeur",
                                    f"l'indicateur « {row['indicateur']} » est quantitatif : "
                                    "indiquer la valeur mesurée"))
        if kind == "jalon" and row.get("atteint") is None:
            problems.append(Problem(path, line, "atteint",
                                    f"l'indicateur « {row['indicateur']} » est un jalon : "
                                    "indiquer s'il est atteint (oui ou non)"))
        if kind == "quantitatif" and row.get("atteint") is not None:
            problems.append(Problem(*_where(row, "atteint"), "atteint",
                                    f"l'indicateur « {row['indicateur']} » est quantitatif : "
                                    "enlever « atteint », qui sert aux jalons"))
        if kind == "jalon" and row.get("valeur") is not None:
            problems.append(Problem(*_where(row, "valeur"), "valeur",
                                    f"l'indicateur « {row['indicateur']} » est un jalon : enlever "
                                    "« valeur » et indiquer « atteint : oui » ou « non »"))
    return problems


def check_project_ranks(data: dict) -> list:
    problems, seen = [], {}
    for project in model.rows_of(data, "projets"):
        rank = project.get("rang")
        if rank is None:
            continue
        if rank in seen:
            path, line = _where(project, "rang")
            problems.append(Problem(path, line, "rang",
                                    f"« {rank} » est déjà le rang du projet "
                                    f"« {seen[rank]} » : donner un rang différent "
                                    "à chaque projet"))
            continue
        seen[rank] = project.get("id")
    return problems


# --- coverage: warnings, not errors --------------------------------------------------

def coverage_warnings(data: dict) -> list:
    warnings = []
    projects = model.rows_of(data, "projets")
    answered = {b for p in projects for b in (p.get("besoins") or [])}
    for need in model.rows_of(data, "besoins"):
        if need.get("priorite") == 1 and need.get("id") not in answered:
            path, line = _where(need, "id")
            warnings.append(Problem(path, line, "id",
                                    f"le besoin prioritaire « {need['id']} » n'a encore "
                                    "aucun projet (grille « projets », champ « besoins »)",
                                    level=WARNING))
    measured = {p for i in model.rows_of(data, "indicateurs") for p in (i.get("projets") or [])}
    for project in projects:
        if project.get("id") and project["id"] not in measured:
            path, line = _where(project, "id")
            warnings.append(Problem(path, line, "id",
                                    f"le projet « {project['id']} » n'a aucun indicateur "
                                    "(grille « indicateurs », champ « projets »)",
                                    level=WARNING))
    territory = data.get("territoire") or {}
    if territory.get("statut") == "adopté":
        with_measure = {m.get("indicateur") for m in model.rows_of(data, "mesures")}
        for indicator in model.rows_of(data, "indicateurs"):
            if indicator.get("id") and indicator["id"] not in with_measure:
                path, line = _where(indicator, "id")
                warnings.append(Problem(path, line, "id",
                                        f"l'indicateur « {indicator['id']} » n'a encore "
                                        "aucune mesure (grille « mesures »)",
                                        level=WARNING))
    return warnings


def check_plan(data: dict, unreadable: frozenset = frozenset()) -> list:
    """Checks across files. ``unreadable``: names of files with a syntax error,
    whose grids look empty; coverage is not judged until they are fixed."""
    problems = (check_identifiers(data) + check_references(data, unreadable)
                + check_measures(data) + check_project_ranks(data))
    if not unreadable:
        problems += coverage_warnings(data)
    return problems
