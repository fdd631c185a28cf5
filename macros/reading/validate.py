"""Check a territory's files against the grid declarations of the catalog.

Every problem is collected (never only the first) as a ``Problem`` that
names the file, the line, the field, the value found and what is expected.
Each value is read by its column's kind (``plan/kinds/``); the checks that
look across files (identifiers, references, measures, ranks) and the
coverage warnings come after, in ``checks.py``.
"""

from __future__ import annotations

from ..plan import characters, french, values as v
from ..plan.catalog import GRIDS, step_of
from ..plan.kinds import ITEMS, LONG_TEXT, RECORDS, TEXT
from ..plan.model import RECORD, Row, RowOrigin
from .problems import Problem
from .yamlread import Map, Scalar, Seq, Tree, describe, quoted, to_type


# For each one-line text column (by identity), the long-text columns of its grid (where
# a text too long for it belongs).
_LONG_FIELDS = {id(column): [c.key for c in grid.columns if c.kind is LONG_TEXT]
                for grid in GRIDS.values() for column in grid.columns
                if column.kind is TEXT}

# For each one-value column that names its plural counterpart (« porteur »), that
# column of its grid (« partenaires »), where several values go.
_PLURALS = {id(column): grid.column(column.plural)
            for grid in GRIDS.values() for column in grid.columns if column.plural}


class _Collector:
    """Accumulates problems for one file."""

    def __init__(self, path: str):
        self.path = path
        self.problems: list = []

    def add(self, line: int, field: str, message: str):
        self.problems.append(Problem.in_file(self.path, line, field, message))


# --- one value ----------------------------------------------------------------

def _is_empty(node) -> bool:
    if node is None:
        return True
    if isinstance(node, Scalar):
        return node.is_null
    if isinstance(node, Seq):
        return not node.items
    return not node.entries


def _read_value(column, node: Tree, out: _Collector, field: str):
    """Return the typed value, or None after recording a problem."""
    if column.kind.shape == ITEMS:
        return _read_items(column, node, out, field)
    if column.kind.shape == RECORDS:
        return _read_records(column, node, out, field)
    if not isinstance(node, Scalar):
        out.add(node.line, field, f"une seule valeur est attendue ici, pas "
                                  f"{describe(node)} ({column.help_phrase})"
                                  + _one_value_advice(column, node))
        return None
    return _read_scalar(column, node, out, field)


def _one_value_advice(column, node: Tree) -> str:
    """What to write instead of a list where one value goes: the value without
    its dash (or, for a text that begins with a dash, between quotes), or the
    column of the grid that takes several."""
    if not isinstance(node, Seq):
        return ""
    if len(node.items) == 1 and isinstance(node.items[0], Scalar):
        return _dash_advice(column, node.items[0])
    plural = _PLURALS.get(id(column))
    if plural is None:
        return ""
    return (f" : n'en garder qu'une ici et inscrire les autres dans « {plural.key} » "
            f"({plural.help_phrase})")


def _dash_advice(column, item: Scalar) -> str:
    without_dash = to_type(f"{column.key}: "
                           + (quoted(item.text) if item.quoted else item.text))
    advice = f" : retirer le tiret (« {without_dash} »)"
    if column.kind is TEXT or column.kind is LONG_TEXT:
        with_dash = to_type(f"{column.key}: {quoted('- ' + item.text)}")
        advice += (", ou, pour un texte qui commence par un tiret, le mettre entre "
                   f"guillemets (« {with_dash} »)")
    return advice


# What people write for « not known » (« N/D », « ? », « à déterminer »): the
# message then says that « inconnu » is the word.
_PLACEHOLDERS = {"n/d", "nd", "n.d.", "n.d", "n/a", "na", "s.o.", "so", "?", "??", "???",
                 "-", "--", "—", "–", "x", "xx", "a determiner", "a confirmer", "a venir",
                 "a preciser", "non disponible", "non connu", "non connue", "inconnus",
                 "inconnues", "unknown", "tbd"}
_UNKNOWN_ADVICE = " ; si la valeur n'est pas connue, écrire « inconnu »"


def _says_not_known(text: str) -> bool:
    return v.fold(text).strip() in _PLACEHOLDERS


def _issue_message(issue: v.ValueIssue, text: str, column) -> str:
    """The kind's message, and which invisible or look-alike character the
    value holds, if any (the author cannot see it); for a text too long for a
    one-line field, where the long text goes."""
    message = str(issue) + characters.note(text)
    if column.accepts_unknown and _says_not_known(text):
        message += _UNKNOWN_ADVICE
    if isinstance(issue, v.TooLong) and column.kind is TEXT and _LONG_FIELDS.get(id(column)):
        message += (" ; y écrire l'essentiel en une ligne, et le détail dans "
                    + french.join([f"« {key} »" for key in _LONG_FIELDS[id(column)]], "ou"))
    return message


def _read_scalar(column, node: Scalar, out: _Collector, field: str, text=None):
    text = node.text if text is None else text
    try:
        return column.kind.read(text, column)
    except v.ValueIssue as issue:
        out.add(node.line, field, _issue_message(issue, text, column))
        return None


def _read_items(column, node: Tree, out: _Collector, field: str):
    if isinstance(node, Scalar):
        items = [_read_scalar(column, node, out, field, item)
                 for item in column.kind.split(node.text)]
        return None if None in items else items
    if isinstance(node, Map):
        out.add(node.line, field, "une liste est attendue ici : un élément par "
                                  "ligne, chacun précédé d'un tiret (« - »)")
        return None
    items = []
    for item in node.items:
        if not isinstance(item, Scalar):
            out.add(item.line, field, _not_a_simple_item(item))
            items.append(None)  # reported: not « au moins un élément » on top
            continue
        if not item.is_null:
            items.append(_read_scalar(column, item, out, field))
    return None if None in items else items


def _not_a_simple_item(item) -> str:
    """A list item that YAML read as a block: most often a text with « : » in it
    (« - Tous les foyers : 50/10 Mbit/s »), which quotes keep whole."""
    message = f"chaque élément de la liste doit être une simple valeur, pas {describe(item)}"
    if not isinstance(item, Map) or len(item.entries) != 1:
        return message
    (key, entry), = item.entries.items()
    if not isinstance(entry.value, Scalar) or entry.value.is_null:
        return message
    text = f"{key} : {entry.value.text}" if entry.value.text else key
    return (message + " ; un texte qui contient « : » s'écrit entre guillemets : "
            f"« - {to_type(quoted(text))} »")


def _read_records(column, node: Tree, out: _Collector, field: str):
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

def unknown_name_message(key: str, allowed: list,
                         words: tuple = ("champ inconnu", "champs permis")) -> str:
    """« champ inconnu ; champs permis ici : … ; vouliez-vous dire « … » ? »."""
    message = f"{words[0]} ; {words[1]} ici : {', '.join(allowed)}"
    near = v.suggestion(key, allowed)
    if near is not None:
        message += f" ; vouliez-vous dire « {near} » ?"
    return message


def _read_fields(columns, node: Map, out: _Collector, prefix: str = "",
                 identifier: str = "") -> Row:
    allowed = [c.key for c in columns]
    row = Row(RowOrigin(out.path, node.line))
    for key, entry in node.entries.items():
        if key not in allowed:
            out.add(entry.key_line, prefix + key, unknown_name_message(key, allowed))
    for column in columns:
        row[column.key] = _read_field(column, node, row.origin, out, prefix,
                                      column.key != identifier)
    return row


def _says_unknown(column, node, may_be_unknown: bool) -> bool:
    """« inconnu » written where the fact may be unknown (not an id, not a reference)."""
    return (may_be_unknown and column.accepts_unknown and isinstance(node, Scalar)
            and v.says_unknown(node.text))


def _read_field(column, node: Map, origin: RowOrigin, out: _Collector, prefix: str,
                may_be_unknown: bool = True):
    entry = node.entries.get(column.key)
    field = prefix + column.key
    if entry is not None:
        origin.lines[column.key] = entry.key_line
    if entry is None or _is_empty(entry.value):
        if column.required:
            line = entry.key_line if entry is not None else node.line
            hint = _UNKNOWN_HINT if column.accepts_unknown and may_be_unknown else ""
            out.add(line, field, f"champ obligatoire : {column.help_phrase}{hint}")
        return None
    if _says_unknown(column, entry.value, may_be_unknown):
        return v.UNKNOWN
    value = _read_value(column, entry.value, out, field)
    if value is None:
        origin.invalid.add(column.key)
    if isinstance(value, list) and len(value) < column.min_items:
        wanted = ("au moins un élément attendu" if column.min_items == 1 else
                  f"au moins {column.min_items} éléments attendus")
        out.add(entry.key_line, field, f"{wanted} : {column.help_phrase}")
    return value


# A required fact that the source does not give is written « inconnu », never invented.
_UNKNOWN_HINT = " (si la source ne le dit pas, écrire « inconnu »)"


def _apply_rules(grid, row: Row, out: _Collector):
    for rule in grid.rules:
        for field, message in rule(row):
            if field not in row.origin.invalid:
                out.add(row.origin.line_of(field), field, message)


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
    row = _read_fields(grid.columns, node, out,
                       identifier=grid.identifier)
    _apply_rules(grid, row, out)
    return row


# --- one grid, one file ---------------------------------------------------------

def _read_grid(grid, node: Tree, out: _Collector):
    if _is_empty(node):
        return grid.empty
    if grid.shape == RECORD:
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
        return (f"la grille « {key} » ne va pas dans ce fichier : la déplacer dans "
                f"{step_of(grid).filename}")
    return unknown_name_message(key, [g.key for g in step.grids],
                                ("grille inconnue", "grilles permises"))


def _missing_grid_message(grid) -> str:
    required = ", ".join(c.key for c in grid.columns if c.required)
    return (f"la fiche « {grid.key} » est absente : ajouter « {grid.key}: » en tête "
            f"du fichier, suivi de ses champs ({required}…)")


def _report_missing_grids(step, tree, out: _Collector) -> None:
    present = tree.entries if isinstance(tree, Map) else {}
    for grid in step.grids:
        if grid.required and grid.key not in present:
            out.add(0, grid.key, _missing_grid_message(grid))


def read_step(step, tree, path: str) -> tuple:
    """Return ({grid key: rows or record}, problems) for one step file."""
    out = _Collector(path)
    data = {g.key: g.empty for g in step.grids}
    if tree is None or _is_empty(tree):
        _report_missing_grids(step, None, out)
        return data, out.problems
    if not isinstance(tree, Map):
        out.add(tree.line, "", "le fichier doit commencer par le nom d'une grille "
                               f"suivi de deux-points (p. ex. « {step.grids[0].key}: »)")
        return data, out.problems
    _report_missing_grids(step, tree, out)
    known = {g.key for g in step.grids}
    for key, entry in tree.entries.items():
        if key not in known:
            out.add(entry.key_line, key, _misplaced_grid_message(key, step))
    for grid in step.grids:
        entry = tree.entries.get(grid.key)
        if entry is not None:
            data[grid.key] = _read_grid(grid, entry.value, out)
    return data, out.problems
