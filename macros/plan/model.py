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
from .values import UNKNOWN
from .kinds import ITEMS, RECORDS, SCALAR, Kind

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
    note: bool = False  # about the row (its provenance): shown small, only when given
    may_name: str = ""  # a text that may name a row of this grid (by any of its names)
    plural: str = ""  # for one value: the column of its grid that takes several
    whole: str = ""  # for a reference: the phrase that stands for all of its target
    #                (« ensemble du territoire »), accepted instead of an id
    unique: bool = False  # two rows of the grid may not give the same value
    if_empty: str = ""  # an optional field left empty is a warning saying this

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

    @property
    def accepts_unknown(self) -> bool:
        """May the author write « inconnu » here? Any one-value field but a
        reference (and a grid's identifier, refused by the validator)."""
        return self.kind.shape == SCALAR and not self.target and not self.note


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
    optional: bool = False  # many plans do without it: its step is done without it
    short_title: str = ""  # when the title is too long for a spreadsheet sheet name
    layout: str = ""  # TABLE (default for a list) or CARDS; a record is a CARD
    number: str = ""  # « 3.2 »: set by the catalog, from the grid's step and place
    # Columns (text lists) of other names by which a row may be cited: former
    # names, shown « (anciennement …) », and aliases (other spellings), never shown.
    former_names: str = ""
    aliases: str = ""

    def __post_init__(self):
        default = CARD if self.shape == RECORD else TABLE
        object.__setattr__(self, "layout", self.layout or default)
        allowed = (CARD,) if self.shape == RECORD else (TABLE, CARDS)
        if self.layout not in allowed:
            raise ValueError(f"grid {self.key}: layout {self.layout!r} is not one of "
                             f"{allowed}")
        self._check_plurals()
        for key in self.other_names:
            if self.column(key) is None or not self.column(key).is_list:
                raise ValueError(f"grid {self.key}: other names {key!r} is not a list "
                                 "column of the grid")

    def _check_plurals(self):
        """A column's ``plural`` names a list column of the same grid."""
        for col in self.columns:
            counterpart = self.column(col.plural) if col.plural else None
            if col.plural and (counterpart is None or not counterpart.is_list):
                raise ValueError(f"grid {self.key}: column {col.key}: plural "
                                 f"{col.plural!r} is not a list column of the grid")

    def column(self, key: str) -> Optional[Column]:
        for col in self.columns:
            if col.key == key:
                return col
        return None

    @property
    def column_keys(self) -> list:
        """The fields a row is made of, as messages list them (the provenance,
        a note about the row, left out)."""
        return [col.key for col in self.columns if not col.note]

    @property
    def identified(self) -> bool:
        return bool(self.id_prefix) or self.id_key != "id"

    @property
    def other_names(self) -> tuple:
        """The columns of other names of a row (``former_names``, ``aliases``)."""
        return tuple(key for key in (self.former_names, self.aliases) if key)

    @property
    def identifier(self) -> str:
        """The column that identifies a row (never « inconnu »), or ""."""
        return self.id_key if self.identified else ""

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
    page: str  # the chapter of the guide in docs/
    grids: tuple = field(default_factory=tuple)
    purpose: str = ""  # what the step is for, told to a citizen (two or three sentences)

    @property
    def filename(self) -> str:
        return f"{self.slug}.yml"

    @property
    def story_page(self) -> str:
        """The page of a territory's site that tells how it lived the step
        (« demarche/03-besoins.md »); the territory's file has none."""
        return f"demarche/{self.slug}.md" if self.number else self.page

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
    read never makes two rows different.

    A value the author wrote « inconnu » is held as ``UNKNOWN``, but reads as
    None (``row[key]``, ``row.get(key)``): whatever computes from the plan
    (totals, charts, checks, progress) treats it as absent, never as 0. The
    outputs that show or write back what the author said ask for it:
    ``is_unknown``, ``raw``."""

    __slots__ = ("origin",)

    def __init__(self, origin: Optional[RowOrigin] = None, *args, **values):
        super().__init__(*args, **values)
        self.origin = origin

    def __getitem__(self, key):
        value = super().__getitem__(key)
        return None if value is UNKNOWN else value

    def get(self, key, default=None):
        value = super().get(key, default)
        return default if value is UNKNOWN else value

    def raw(self, key):
        """The value as read: ``UNKNOWN`` for « inconnu »."""
        return super().get(key)

    def is_unknown(self, key) -> bool:
        return super().get(key) is UNKNOWN

    def given(self, key) -> bool:
        """Did the author fill the field, be it with « inconnu »?"""
        return super().get(key) not in (None, [])


def raw_value(row: dict, key):
    """A row's value as read, ``UNKNOWN`` included, for a Row or a plain dict."""
    return row.raw(key) if isinstance(row, Row) else row.get(key)


def is_unknown(row: dict, key) -> bool:
    return raw_value(row, key) is UNKNOWN


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
            ids = tuple(ref for ref in ids if not column.whole or ref != column.whole)
            if ids:
                yield Reference(prefix + column.key, column, row, ids)
