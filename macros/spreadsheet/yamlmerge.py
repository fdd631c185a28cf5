"""Write validated rows back into a step's YAML file, touching only what changed.

The file is loaded with ruamel.yaml in round-trip mode, so the comments, the
order of the keys, the quoting and block styles, the indentation and the
``# yaml-language-server: $schema=`` line stay as the author left them.
Rows are matched with the rows already in the file (by id, or by content for
grids without ids); a row or a field whose value did not change keeps its
node, and so its text, untouched. Only new rows, changed fields and deleted
rows are edited.

A comment that follows a row (often the heading of the next grid) is stored
by ruamel on that row's last value; it is moved along when the last row or
the last field changes, so that it stays where the author put it.

Values are compared once typed (``plan/values.py``): « 1 500 $ » in the file
and 1500 in the spreadsheet are the same amount, and the file keeps
« 1 500 $ ». How a new value is written is its kind's description
(``Kind.yaml_form``), translated here into ruamel's nodes.
"""

from __future__ import annotations

import difflib
import io
import re
from dataclasses import dataclass, field

import yaml as pyyaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString, FoldedScalarString, LiteralScalarString,
    SingleQuotedScalarString,
)
from ruamel.yaml.tokens import CommentToken
from ruamel.yaml.util import load_yaml_guess_indent

from ..plan.kinds import RECORDS
from ..plan.kinds.base import Block, Either, Items, Plain, Records, Text
from ..plan.model import RECORD, Grid, Step, raw_value
from ..plan.values import UNKNOWN, UNKNOWN_WORD
from ..reading.validate import read_step
from ..reading.yamlread import Map, Seq, read_yaml_text

MAP_SLOT, SEQ_SLOT = 2, 0  # where ruamel keeps the comment that follows a value
_RESOLVER = pyyaml.resolver.Resolver()
_STR_TAG = "tag:yaml.org,2002:str"


class MergeError(Exception):
    """The file written back would not hold exactly the validated rows."""


@dataclass
class GridChange:
    grid: Grid
    added: int = 0
    modified: int = 0
    removed: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.modified or self.removed)


@dataclass
class StepChange:
    step: Step
    text: str
    grids: list = field(default_factory=list)


# --- typed values ---------------------------------------------------------------------

def _comparable(value):
    """A hashable form of a typed value, for matching rows by content."""
    if isinstance(value, dict):
        return tuple(sorted((k, _comparable(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(_comparable(v) for v in value)
    return value


def _fingerprint(columns, row) -> tuple:
    if row is None:
        return (object(),)  # an unreadable row matches nothing
    return tuple(_comparable(raw_value(row, c.key)) for c in columns)


# --- YAML representation of a typed value ------------------------------------------------

_YAML12_NUMBER = re.compile(r"^[-+]?(0o[0-7]+|0x[0-9a-fA-F]+|[0-9][0-9_]*"
                            r"|[0-9_]*\.[0-9_]*([eE][-+]?[0-9]+)?|\.(inf|nan))$",
                            re.IGNORECASE)


def _needs_quotes(text: str) -> bool:
    """Would a YAML reader (1.1: PyYAML; 1.2: ruamel, editors) take this text
    for something else? Then it is written between double quotes, as the
    template does (« "085" »)."""
    if text != text.strip() or not text or _YAML12_NUMBER.match(text):
        return True
    return _RESOLVER.resolve(pyyaml.ScalarNode, text, (True, False)) != _STR_TAG


def _text(text: str, old=None, quote: str = "if_needed"):
    """A string, in the quotes of the value it replaces, or in double quotes when
    the kind asks for them or a YAML reader would misread it."""
    if isinstance(old, (DoubleQuotedScalarString, SingleQuotedScalarString)):
        return type(old)(text)
    quoted = quote == "always" or (quote == "new" and old is None)
    if quoted or _needs_quotes(text):
        return DoubleQuotedScalarString(text)
    return text


def _sequence(items, old=None, flow: bool = False) -> CommentedSeq:
    seq = CommentedSeq(items)
    if isinstance(old, CommentedSeq):
        flow = old.fa.flow_style()
    if flow:
        seq.fa.set_flow_style()
    else:
        seq.fa.set_block_style()
    return seq


def _node(form, column, old=None):
    """The ruamel node of a kind's description of a value."""
    if isinstance(form, Either):
        return _node(form.if_text if isinstance(old, str) else form.usual, column, old)
    if isinstance(form, Plain):
        return form.value
    if isinstance(form, Text):
        return _text(form.text, old, form.quote)
    if isinstance(form, Block):
        return LiteralScalarString(form.text.rstrip("\n") + "\n")
    if isinstance(form, Items):
        return _sequence([_node(item, column) for item in form.items], old, form.flow)
    if isinstance(form, Records):
        return _sequence([new_map(column.columns, sub) for sub in form.rows], old)
    raise ValueError(f"no YAML node for {form!r}")


def to_yaml(column, value, old=None):
    """The YAML node for a typed value, in the style of the node it replaces."""
    if value is UNKNOWN:
        return _text(UNKNOWN_WORD, old)
    return _node(column.kind.yaml_form(value, column), column, old)


def new_map(columns, row: dict) -> CommentedMap:
    result = CommentedMap()
    for column in columns:
        value = raw_value(row, column.key)
        if value is not None and value != []:
            result[column.key] = to_yaml(column, value)
    return result


# --- comments that follow a value ------------------------------------------------------------

def _is_block_scalar(node) -> bool:
    return isinstance(node, (LiteralScalarString, FoldedScalarString))


def _is_container(node) -> bool:
    return isinstance(node, (CommentedMap, CommentedSeq)) and len(node) > 0


def _last_key(node):
    return list(node.keys())[-1] if isinstance(node, CommentedMap) else len(node) - 1


def _slot(node) -> int:
    return MAP_SLOT if isinstance(node, CommentedMap) else SEQ_SLOT


def _pop_after(parent, key):
    """Remove and return the comment that follows ``parent[key]`` (None if none)."""
    slots = parent.ca.items.get(key)
    index = _slot(parent)
    if slots and len(slots) > index and slots[index] is not None:
        token = slots[index]
        if not token.value.startswith("\n") and "\n" in token.value.rstrip("\n"):
            # « key: value  # note » then comment lines: the note stays.
            own, rest = token.value.split("\n", 1)
            slots[index] = CommentToken(own + "\n", token.start_mark, None)
            return CommentToken("\n" + rest, token.start_mark, None)
        if not token.value.startswith("\n"):
            return None  # only the value's own end-of-line note
        slots[index] = None
        if _is_block_scalar(parent[key]):
            # A block scalar ends its own line: the token's first \n was a blank line.
            return CommentToken("\n" + token.value, token.start_mark, None)
        return token
    value = parent[key]
    if _is_container(value):
        return _pop_after(value, _last_key(value))
    return None


def _push_after(parent, key, token) -> None:
    """Put ``token`` right after ``parent[key]`` (after its last nested value)."""
    if token is None:
        return
    value = parent[key]
    if _is_container(value):
        _push_after(value, _last_key(value), token)
        return
    if _is_block_scalar(value):
        token = CommentToken(token.value[1:], token.start_mark, None)
    index = _slot(parent)
    slots = parent.ca.items.setdefault(key, [None, None, None, None])
    while len(slots) <= index:
        slots.append(None)
    current = slots[index]
    if current is None:
        slots[index] = token
    else:  # the moved lines come after the comment already there
        slots[index] = CommentToken(current.value + token.value[1:],
                                    current.start_mark, None)


def take_trailing(node):
    if not _is_container(node):
        return None
    return _pop_after(node, _last_key(node))


def put_trailing(node, token) -> None:
    if _is_container(node):
        _push_after(node, _last_key(node), token)


# --- rows ----------------------------------------------------------------------------------

def _same(column, old, new) -> bool:
    if column.kind.shape == RECORDS:
        return (old or []) == (new or [])
    if old in (None, []) and new in (None, []):
        return True
    return old == new


def _insert_position(node: CommentedMap, columns, key: str) -> int:
    order = [c.key for c in columns]
    rank = order.index(key)
    return sum(1 for k in node if k in order and order.index(k) < rank)


def _set_value(node: CommentedMap, key, value) -> None:
    token = _pop_after(node, key)
    node[key] = value
    _push_after(node, key, token)


def _delete_value(node: CommentedMap, key) -> None:
    token = _pop_after(node, key)
    keys = list(node.keys())
    position = keys.index(key)
    del node[key]
    node.ca.items.pop(key, None)
    if token is not None and position > 0:
        _push_after(node, keys[position - 1], token)


def update_map(node: CommentedMap, columns, old: dict, new: dict) -> bool:
    """Edit ``node`` so that it holds ``new``; unchanged fields are not touched."""
    origin = getattr(old, "origin", None)
    invalid = origin.invalid if origin is not None else set()
    edits = [c for c in columns
             if c.key in invalid or not _same(c, raw_value(old or {}, c.key),
                                              raw_value(new, c.key))]
    if not edits:
        return False
    trailing = take_trailing(node)
    for column in edits:
        value = raw_value(new, column.key)
        if value is None or value == []:
            if column.key in node:
                _delete_value(node, column.key)
            continue
        current = node.get(column.key)
        if (column.kind.shape == RECORDS and isinstance(current, CommentedSeq)
                and old and isinstance(old.get(column.key), list)
                and len(old[column.key]) == len(current)):
            merge_rows(current, column.columns, old[column.key], value, id_key=None)
        elif column.key in node:
            _set_value(node, column.key, to_yaml(column, value, current))
        else:
            node.insert(_insert_position(node, columns, column.key), column.key,
                        to_yaml(column, value))
    put_trailing(node, trailing)
    return True


def _pairs_by_id(old_rows, new_rows, id_key) -> list:
    free = {}
    for index, row in enumerate(old_rows):
        if row is not None and row.get(id_key) is not None:
            free.setdefault(row[id_key], index)
    pairs = []
    for row in new_rows:
        pairs.append((free.pop(row.get(id_key), None) if row.get(id_key) is not None
                      else None, row))
    return pairs


def _pairs_by_content(columns, old_rows, new_rows) -> list:
    old_keys = [_fingerprint(columns, r) for r in old_rows]
    new_keys = [_fingerprint(columns, r) for r in new_rows]
    matcher = difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    pairs = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or tag == "replace":
            paired = min(i2 - i1, j2 - j1)
            pairs += [(i1 + k, new_rows[j1 + k]) for k in range(paired)]
            pairs += [(None, new_rows[j]) for j in range(j1 + paired, j2)]
        elif tag == "insert":
            pairs += [(None, new_rows[j]) for j in range(j1, j2)]
    return pairs


def _nodes_of(seq: CommentedSeq, columns, old_rows: list, pairs: list,
              change: GridChange) -> list:
    """One node per new row: the old node edited in place, or a new one."""
    nodes = []
    for index, row in pairs:
        if index is None:
            nodes.append(new_map(columns, row))
            change.added += 1
            continue
        node = seq[index]
        if not isinstance(node, CommentedMap) or old_rows[index] is None:
            nodes.append(new_map(columns, row))
            change.modified += 1
            continue
        if update_map(node, columns, old_rows[index], row):
            change.modified += 1
        nodes.append(node)
    return nodes


def _comments_of_deleted_rows(seq: CommentedSeq, count: int, kept: set) -> list:
    """A comment after a deleted row goes after the kept row before it; those
    with no kept row before them are returned, for the first row."""
    orphans = []
    for index in range(count):
        if index in kept:
            continue
        token = take_trailing(seq[index]) if _is_container(seq[index]) else None
        before = max((k for k in kept if k < index), default=None)
        if token is not None and before is not None:
            put_trailing(seq[before], token)
        elif token is not None:
            orphans.append(token)
    return orphans


def merge_rows(seq: CommentedSeq, columns, old_rows: list, new_rows: list,
               id_key=None) -> GridChange:
    """Make ``seq`` (one node per old row) hold ``new_rows``, editing in place."""
    change = GridChange(grid=None)
    pairs = (_pairs_by_id(old_rows, new_rows, id_key) if id_key
             else _pairs_by_content(columns, old_rows, new_rows))
    kept = {index for index, _ in pairs if index is not None}
    unchanged = (len(pairs) == len(old_rows)
                 and [i for i, _ in pairs] == list(range(len(old_rows))))
    nodes = _nodes_of(seq, columns, old_rows, pairs, change)
    change.removed = len(old_rows) - len(kept)
    if unchanged:
        return change
    trailing = take_trailing(seq)
    orphans = _comments_of_deleted_rows(seq, len(old_rows), kept)
    seq.ca.items.clear()
    seq.clear()
    seq.extend(nodes)
    for token in orphans:
        if len(seq):
            put_trailing(seq[0], token)
    put_trailing(seq, trailing)
    return change


# --- one step file ---------------------------------------------------------------------------

_NESTED_KEY = re.compile(r"^[^\s#-][^:#]*:[ \t]*(#.*)?\n( +)[^\s#-][^:]*:", re.MULTILINE)


def _mapping_indent(text: str) -> int:
    match = _NESTED_KEY.search(text)
    return len(match.group(2)) if match else 2


def _yaml(text: str) -> YAML:
    """A round-trip handler that writes with the file's own indentation."""
    handler = YAML(typ="rt")
    handler.preserve_quotes = True
    handler.width = 4096  # never fold an author's long line
    mapping = _mapping_indent(text)
    _, indent, dash = load_yaml_guess_indent(text) if text.strip() else (None, None, None)
    if dash is None:  # no block sequence yet: the template's « - » under the key
        handler.indent(mapping=mapping, sequence=mapping + 2, offset=mapping)
    else:
        handler.indent(mapping=mapping, sequence=indent, offset=dash)
    return handler


def old_items(step, tree, path: str) -> dict:
    """{grid key: typed value per node}: rows of a list grid in file order (None
    for a row the reader could not use), or the typed record of a record grid."""
    data, _ = read_step(step, tree, path)
    result = {}
    for grid in step.grids:
        if grid.shape == RECORD:
            result[grid.key] = data[grid.key] or None
            continue
        node = tree.entries.get(grid.key).value if isinstance(tree, Map) and \
            grid.key in tree.entries else None
        by_line = {row.origin.line: row for row in data[grid.key]}
        if isinstance(node, Seq):
            result[grid.key] = [by_line.get(item.line) if isinstance(item, Map) else None
                                for item in node.items]
        else:
            result[grid.key] = []
    return result


def _grid_position(doc: CommentedMap, step, grid) -> int:
    order = [g.key for g in step.grids]
    rank = order.index(grid.key)
    return sum(1 for k in doc if k in order and order.index(k) < rank)


def merge_grid(doc: CommentedMap, step, grid, old, new) -> GridChange:
    """Edit ``doc`` so that the grid holds ``new`` (typed rows, or a record)."""
    if grid.key not in doc:
        if not new:
            return GridChange(grid)
        doc.insert(_grid_position(doc, step, grid), grid.key, None)
    current = doc[grid.key]
    if grid.shape == RECORD:
        change = GridChange(grid)
        if not new:
            if current:
                _set_value(doc, grid.key, None)
                change.removed = 1
            return change
        if isinstance(current, CommentedMap) and old:
            change.modified = int(update_map(current, grid.columns, old, new))
        else:
            _set_value(doc, grid.key, new_map(grid.columns, new))
            change.added = 1
        return change
    if not isinstance(current, CommentedSeq):
        old = []
        if not new:
            return GridChange(grid)
        seq = CommentedSeq()
        _set_value(doc, grid.key, seq)
        current = seq
    change = merge_rows(current, grid.columns, old, new,
                        grid.id_key if grid.identified else None)
    change.grid = grid
    if not new and len(current) == 0:
        _set_value(doc, grid.key, None)
    return change


def render_step(step, text: str, tree, path: str, new_grids: dict) -> StepChange:
    """The new text of a step file after putting ``new_grids`` ({grid key: rows})
    into ``text`` (whose yamlread tree is ``tree``); the text is unchanged when
    no row changed. Raises MergeError if the result would not read back as the
    validated rows."""
    olds = old_items(step, tree, path)
    handler = _yaml(text)
    doc = handler.load(text) if text.strip() else None
    if doc is None:
        doc = CommentedMap()
    if not isinstance(doc, CommentedMap):
        raise MergeError(step.filename)
    changes = []
    for grid in step.grids:
        if grid.key in new_grids:
            changes.append(merge_grid(doc, step, grid, olds[grid.key],
                                      new_grids[grid.key]))
    if not any(c.changed for c in changes):
        return StepChange(step, text, changes)
    stream = io.StringIO()
    handler.dump(doc, stream)
    result = stream.getvalue()
    _check(step, result, path, new_grids, olds)
    return StepChange(step, result, changes)


def _check(step, text: str, path: str, new_grids: dict, olds: dict) -> None:
    """Read the new text back with the site's reader: it must hold exactly the
    validated rows, and the grids that were not imported must not change."""
    tree, problems = read_yaml_text(text, path)
    data, more = read_step(step, tree, path)
    if [p for p in problems + more if p.is_error]:
        raise MergeError(step.filename)
    for grid in step.grids:
        wanted = new_grids.get(grid.key)
        if wanted is None:
            old = olds[grid.key]
            wanted = ([r for r in old if r is not None] if isinstance(old, list)
                      else (old or {}))
        if data[grid.key] != (wanted or grid.empty):
            raise MergeError(step.filename)
