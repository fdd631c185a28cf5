"""The shapes of a plan: columns, grids, steps, and the rows read from them.

A grid is declared once, in ``catalog.py``, with these classes; that single
declaration drives validation, the JSON Schemas, the labels and help shown
in the site, the blank worksheets, the skeleton files, the workbooks and the
open data. A column's kind (``kinds/``) knows everything about its values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterator, Optional

from . import french
from .kinds import ITEMS, RECORDS, Kind

# A grid is either a list of rows or a single record (a "fiche").
LIST = "liste"
RECORD = "fiche"

# How a grid is laid out in the site (CSS modifiers: pnt-grille--tableau…).
TABLE = "tableau"  # one row per line
CARDS = "fiches"  # one small table per row, for grids too wide for a table
CARD = "fiche"  # a record: one table of fields


@dataclass(frozen=True)
class Column:
    key: str  # ASCII snake_case, what authors type in YAML
    label: str  # French heading shown in the site and spreadsheets
    kind: Kind
    help: str  # one line, shown under the heading of blank worksheets
    required: bool = False
    choices: tuple = ()  # for a choice
    labels: tuple = ()  # for a choice: what each choice means, same order
    target: str = ""  # for references: the key of the referenced grid
    min_items: int = 0  # for lists
    columns: tuple = ()  # for a sub-list: the sub-record's columns
    pattern: str = ""  # for a text: a regular expression the text must match
    short_title: str = ""  # for a sub-list: its spreadsheet sheet (31 characters at most)
    when_empty: str = ""  # what an empty value means, shown instead of « non précisé »
    in_plan: bool = True  # shown on the plan's pages for citizens

    def __post_init__(self):
        if not isinstance(self.kind, Kind):
            raise ValueError(f"column {self.key}: {self.kind!r} is not a kind")
        self.kind.check_declaration(self)

    @property
    def help_phrase(self) -> str:
        """The help inside a sentence: « nom de l'instance »."""
        return french.lower_first(self.help).rstrip(".")

    def choice_label(self, value) -> str:
        if not self.labels or value not in self.choices:
            return ""
        return self.labels[self.choices.index(value)]

    @property
    def is_list(self) -> bool:
        return self.kind.shape in (ITEMS, RECORDS)


# A rule checks one validated row as a whole (e.g. "fin" after "debut").
# It receives the row and returns a list of (field, message) pairs.
RowRule = Callable[[dict], list]


@dataclass(frozen=True)
class Grid:
    key: str  # the YAML key of the grid in its step's file
    step: int  # 0 for the territory itself, 1..10 for the steps
    title: str
    purpose: str  # one or two sentences: what the grid is for
    columns: tuple
    shape: str = LIST
    id_prefix: str = ""  # e.g. "B" for ids like B-01; empty: rows have no id
    id_key: str = "id"  # column that identifies a row for references
    label_key: str = ""  # column used as the row's human name
    page: str = ""  # the page that shows each row (anchors), for links
    blank_rows: int = 5
    rules: tuple = ()
    required: bool = False  # the file must hold this grid (the territory's record)
    short_title: str = ""  # when the title is too long for a spreadsheet sheet name
    layout: str = ""  # TABLE (default for a list) or CARDS; a record is a CARD
    number: str = ""  # « 3.2 »: set by the catalog, from the grid's step and place

    def __post_init__(self):
        default = CARD if self.shape == RECORD else TABLE
        object.__setattr__(self, "layout", self.layout or default)
        allowed = (CARD,) if self.shape == RECORD else (TABLE, CARDS)
        if self.layout not in allowed:
            raise ValueError(f"grid {self.key}: layout {self.layout!r} is not one of "
                             f"{allowed}")

    def column(self, key: str) -> Optional[Column]:
        for col in self.columns:
            if col.key == key:
                return col
        return None

    @property
    def column_keys(self) -> list:
        return [col.key for col in self.columns]

    @property
    def identified(self) -> bool:
        return bool(self.id_prefix) or self.id_key != "id"

    @property
    def id_pattern(self) -> str:
        """The form of the grid's ids (« B-01 »): ASCII digits only, never the
        full-width or other digits that a regular expression's \\d accepts."""
        return rf"^{self.id_prefix}-[0-9]{{1,4}}$" if self.id_prefix else ""

    @property
    def empty(self):
        """What the grid holds when nothing is filled: {} or []."""
        return {} if self.shape == RECORD else []


@dataclass(frozen=True)
class Step:
    number: int  # 0 = the territory file
    slug: str  # file name without extension, e.g. "03-besoins"
    title: str
    page: str  # the chapter in docs/
    grids: tuple = field(default_factory=tuple)

    @property
    def filename(self) -> str:
        return f"{self.slug}.yml"

    @property
    def label(self) -> str:
        """« Étape 3 — Besoins », or « Le territoire »."""
        return f"Étape {self.number} — {self.title}" if self.number else self.title

    @property
    def short_label(self) -> str:
        """« Étape 3 », or « Le territoire »."""
        return f"Étape {self.number}" if self.number else self.title

    @property
    def numbered_title(self) -> str:
        """« 3. Besoins », or « Le territoire »."""
        return f"{self.number}. {self.title}" if self.number else self.title


# --- rows read from a data file -----------------------------------------------------------

@dataclass
class RowOrigin:
    """Where a row was read: its file (or sheet), its line and each field's line."""

    path: str
    line: int
    lines: dict = field(default_factory=dict)  # field -> line
    invalid: set = field(default_factory=set)  # fields that could not be read (reported)

    def line_of(self, key: str = "") -> int:
        return self.lines.get(key, self.line)


class Row(dict):
    """A validated row: its typed values by column key, and ``origin``.

    It compares equal to a plain dict of the same values: where a row was
    read never makes two rows different."""

    __slots__ = ("origin",)

    def __init__(self, origin: Optional[RowOrigin] = None, *args, **values):
        super().__init__(*args, **values)
        self.origin = origin


def rows_of(data: dict, key: str) -> list:
    """The rows of a grid in loaded data; a record counts as one row."""
    value = data.get(key)
    if isinstance(value, dict):
        return [value] if value else []
    return value or []


def anchor_for(row_id) -> str:
    text = str(row_id).strip().lower()
    cleaned = "".join(ch if ch.isalnum() else "-" for ch in text)
    return "-".join(part for part in cleaned.split("-") if part) or "x"


@dataclass(frozen=True)
class Reference:
    """The identifiers one field of a row cites (``field``: « partenaires.acteur »)."""

    field: str
    column: Column
    row: dict  # the row that holds the field (a sub-record, for a sub-list)
    ids: tuple


def iter_references(columns, row: dict, prefix: str = "") -> Iterator[Reference]:
    """Every field of ``row`` that cites other rows, sub-lists included."""
    for column in columns:
        value = row.get(column.key)
        if value is None:
            continue
        if column.kind.shape == RECORDS:
            for sub in value:
                yield from iter_references(column.columns, sub, f"{column.key}.")
        elif column.target:
            ids = tuple(value) if isinstance(value, list) else (value,)
            yield Reference(prefix + column.key, column, row, ids)
