"""Data structures that describe the plan's grids.

A grid is declared once (see ``catalog.py``) with these classes. That single
declaration drives validation, the JSON Schemas for editors, the labels and
help shown in the site, the blank worksheets and the skeleton files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Optional

# Column kinds. Each kind has a converter in ``values.py`` and a JSON Schema
# fragment in ``schema.py``.
TEXT = "texte"
LONG_TEXT = "texte_long"  # Markdown allowed, rendered safely
INTEGER = "entier"
NUMBER = "nombre"
AMOUNT = "montant"  # an amount or a range, in dollars
PERCENT = "pourcentage"
DATE = "date"  # a day, a month or a year
YEAR = "annee"
BOOLEAN = "booleen"
CHOICE = "choix"
LINK = "lien"
EMAIL = "courriel"
REF = "ref"  # one id of another grid
REFS = "refs"  # several ids of another grid
TEXT_LIST = "liste_texte"
SUBLIST = "sous_liste"  # a list of small records (partners, funding lines)

KINDS = (
    TEXT, LONG_TEXT, INTEGER, NUMBER, AMOUNT, PERCENT, DATE, YEAR, BOOLEAN,
    CHOICE, LINK, EMAIL, REF, REFS, TEXT_LIST, SUBLIST,
)

# A grid is either a list of rows or a single record (a "fiche").
LIST = "liste"
RECORD = "fiche"


@dataclass(frozen=True)
class Column:
    key: str  # ASCII snake_case, what authors type in YAML
    label: str  # French heading shown in the site and spreadsheets
    kind: str
    help: str  # one line, shown under the heading of blank worksheets
    required: bool = False
    choices: tuple = ()  # for CHOICE
    labels: tuple = ()  # for CHOICE: what each choice means, same order
    target: str = ""  # for REF / REFS: the key of the referenced grid
    min_items: int = 0  # for REFS / TEXT_LIST / SUBLIST
    columns: tuple = ()  # for SUBLIST: the sub-record's columns
    pattern: str = ""  # for TEXT: a regular expression the text must match
    short_title: str = ""  # for SUBLIST: its spreadsheet sheet (31 characters at most)

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"unknown column kind {self.kind!r} for {self.key}")
        if self.kind == CHOICE and not self.choices:
            raise ValueError(f"choice column {self.key} has no choices")
        if self.kind in (REF, REFS) and not self.target:
            raise ValueError(f"reference column {self.key} has no target")
        if self.kind == SUBLIST and not self.columns:
            raise ValueError(f"sub-list column {self.key} has no columns")


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

    def column(self, key: str) -> Optional[Column]:
        for col in self.columns:
            if col.key == key:
                return col
        return None

    def choice_label(self, key: str, value) -> str:
        column = self.column(key)
        if column is None or not column.labels or value not in column.choices:
            return ""
        return column.labels[column.choices.index(value)]

    @property
    def column_keys(self) -> list:
        return [col.key for col in self.columns]

    @property
    def identified(self) -> bool:
        return bool(self.id_prefix) or self.id_key != "id"


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
class Step:
    number: int  # 0 = the territory file
    slug: str  # file name without extension, e.g. "03-besoins"
    title: str
    page: str  # the chapter in docs/
    grids: tuple = field(default_factory=tuple)

    @property
    def filename(self) -> str:
        return f"{self.slug}.yml"
