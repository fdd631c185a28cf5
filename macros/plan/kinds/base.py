"""What every kind of value must know about itself, and the neutral shapes it
describes itself with.

A kind (``Kind``) holds, in one object, everything the template does with
one kind of value: how the author's text is read, how the value is shown in
French, written back as an author would type it (YAML, a workbook cell),
published (CSV, JSON) and described (JSON Schemas, the workbook's drop-down
lists and formats). Every capability is abstract here: a kind that forgets
one cannot be instantiated, and the registry (``kinds/__init__.py``)
instantiates every kind at import, so the omission fails at once.

Kinds stay pure: no openpyxl, no ruamel, no markup. They describe a YAML
node with ``Plain`` / ``Text`` / ``Block`` / ``Items`` / ``Records`` /
``Either``, a workbook rule with ``ChoiceList`` / ``WordList`` /
``ReferenceList`` / ``Between``, and a cell of the site with a small view
dict; each format translates these into its own objects.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any, Optional

from ..french import NBSP, NNBSP
from ..values import UNKNOWN_WORD

# The shape of a value in a data file: one scalar, a list of scalars, or a
# list of small records (each with its own columns).
SCALAR, ITEMS, RECORDS = "valeur", "liste", "fiches"

# Spreadsheet number formats (the same codes in Excel and LibreOffice Calc).
TEXT_FORMAT = "@"  # « Texte »: keeps leading zeros (codes) and ids as typed
DATE_FORMAT = "yyyy-mm-dd"


def _grouped(suffix: str = "") -> str:
    """A whole number in groups of three digits split by a narrow no-break space,
    whatever the locale of the spreadsheet (« #,##0 » shows 2,600 in English)."""
    space = f'"{NNBSP}"'
    return (f"[>=1000000]#{space}###{space}##0{suffix};[>=1000]#{space}##0{suffix};"
            f"0{suffix}")


INTEGER_FORMAT = _grouped()  # 12 140 in Excel and LibreOffice, French or English
AMOUNT_FORMAT = _grouped(f'"{NBSP}$"')
AMOUNT_CENTS_FORMAT = '#,##0.00 "$"'
NUMBER_FORMAT = "General"


def typed(text: str) -> str:
    """French formatting as an author types it: ordinary spaces."""
    return text.replace(NBSP, " ").replace(NNBSP, " ")


def number_text(value) -> str:
    """A number as an author types it in a data file: « 1500 », « 2.5 »."""
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


def csv_number(value) -> str:
    """A number in the published CSV: « 1500 », « 2,5 » (decimal comma)."""
    if float(value).is_integer():
        return str(int(value))
    return repr(float(value)).replace(".", ",")


# The decimal comma of ``csv_number``, as a Table Schema number field declares it.
TABLE_NUMBER = {"type": "number", "decimalChar": ","}


def json_number(value):
    return int(value) if float(value).is_integer() else float(value)


# --- YAML nodes, described without ruamel --------------------------------------------

@dataclass(frozen=True)
class Plain:
    """A value a YAML writer emits as is: an int, a date, or a text that a YAML
    reader reads back unchanged (« oui », « 2,5 », « 2026-03 »)."""

    value: Any


@dataclass(frozen=True)
class Text:
    """A string. ``quote``: "if_needed" (only when YAML would misread it),
    "new" (also when no value was there before) or "always" (codes)."""

    text: str
    quote: str = "if_needed"


@dataclass(frozen=True)
class Block:
    """A text of several lines, written as a literal block (|)."""

    text: str


@dataclass(frozen=True)
class Items:
    """A list of ``Text``; ``flow``: on one line ([a, b]) when new."""

    items: tuple
    flow: bool = False


@dataclass(frozen=True)
class Records:
    """A list of sub-records, written field by field."""

    rows: tuple


@dataclass(frozen=True)
class Either:
    """``usual``, unless the value it replaces was written as text: then ``if_text``."""

    usual: Any
    if_text: Any


# --- workbook rules, described without openpyxl ---------------------------------------

@dataclass(frozen=True)
class ChoiceList:
    """A drop-down list of the column's choices."""

    values: tuple
    message: str


@dataclass(frozen=True)
class WordList:
    """A drop-down list of a few fixed words."""

    words: tuple
    message: str


@dataclass(frozen=True)
class ReferenceList:
    """A drop-down list of the identifiers of another sheet (a warning only)."""

    target: str


@dataclass(frozen=True)
class Between:
    """A number between two bounds (a warning only); ``number``: "decimal" or "whole"."""

    number: str
    low: float
    high: float
    message: str


# --- the contract ---------------------------------------------------------------------

class Kind(ABC):
    """One kind of value. ``name`` is the French word of the catalog's documentation."""

    name: str = ""
    shape: str = SCALAR
    multiline: bool = False  # its text may hold line breaks (wrapped in a workbook)
    numeric: bool = False  # aligned right in a table
    csv_text: bool = True  # its CSV cells are texts (guarded against formulas)

    def check_declaration(self, column) -> None:
        """Raise ValueError if ``column`` lacks what this kind needs (choices…)."""

    @property
    def empty_json(self):
        return None if self.shape == SCALAR else []

    # reading -------------------------------------------------------------------------

    @abstractmethod
    def read(self, text: str, column):
        """The typed value of what the author typed (one item, for a list), or
        raise ``ValueIssue``."""

    # showing -------------------------------------------------------------------------

    @abstractmethod
    def text(self, value, column) -> str:
        """The value in plain French (« 25 000 $ », « 1er mars 2026 », « oui »)."""

    @abstractmethod
    def cell(self, value, column, show) -> dict:
        """The view of a value in a cell of the site. ``show`` builds links and
        safe HTML (``pages/cells.py``)."""

    # writing back as an author would -------------------------------------------------

    @abstractmethod
    def author_text(self, value, column) -> str:
        """The value as an author types it (« 10 000 – 15 000 $ », « 2026-03 »)."""

    @abstractmethod
    def yaml_form(self, value, column):
        """How the value is written in a YAML file (``Plain``, ``Text``…)."""

    # the workbook --------------------------------------------------------------------

    @abstractmethod
    def sheet_value(self, value, column) -> tuple:
        """(cell value, number format) of a value in a workbook."""

    @abstractmethod
    def sheet_format(self, column) -> str:
        """The number format of the column's empty cells."""

    @abstractmethod
    def sheet_width(self, column) -> int:
        """The column's width in the workbook (characters)."""

    @abstractmethod
    def sheet_hint(self, column) -> str:
        """How to write the value, in the note on the column's heading ("" : none)."""

    @abstractmethod
    def sheet_rule(self, column) -> Optional[object]:
        """The drop-down list or bounds of the column, or None."""

    @abstractmethod
    def from_sheet_number(self, number: float, number_format: str) -> Optional[str]:
        """The author's text for a numeric cell, when this kind reads numbers its
        own way (a date serial, a percent format); None: the number as written."""

    @abstractmethod
    def from_sheet_text(self, text: str):
        """The author's text of a cell (a list of texts, for a list)."""

    # open data and schemas ------------------------------------------------------------

    @abstractmethod
    def csv_fields(self, column) -> list:
        """(name, label) of each CSV column the value takes."""

    @abstractmethod
    def csv_values(self, value, column) -> list:
        """The texts of those CSV columns for a non-empty value."""

    @abstractmethod
    def json_value(self, value, column, nested):
        """The value in plan.json; ``nested(columns, record)`` for sub-records."""

    @abstractmethod
    def from_json(self, value, column, nested):
        """The typed value of a plan.json value (the inverse of ``json_value``),
        for a regional view reading published plans; ``nested(columns, record)``
        for sub-records. A value ``json_value`` cannot have written raises
        ``ValueIssue``."""

    @abstractmethod
    def data_schema(self, column, nested) -> dict:
        """The JSON Schema of ``json_value``; ``nested(columns)`` for sub-records."""

    @abstractmethod
    def table_type(self, column) -> dict:
        """The Table Schema (Frictionless) type of the CSV cells that
        ``csv_values`` writes: ``type``, ``format``, ``constraints``…"""

    def table_fields(self, column) -> list:
        """The Table Schema field of each of the value's CSV columns
        (``csv_fields``), for ``donnees/datapackage.json``."""
        return [{"name": name, "title": label, "description": column.help,
                 **self.table_type(column)}
                for name, label in self.csv_fields(column)]

    @abstractmethod
    def input_schema(self, column, context) -> dict:
        """The JSON Schema of what an author may type in a data file (editors).
        ``context.record(columns)`` and ``context.id_pattern(grid key)``."""

    # the browser editor (Sveltia CMS, cms/config.py) -----------------------------------

    @abstractmethod
    def cms_field(self, column, context) -> dict:
        """The widget of the column in the browser editor and its options; a
        ``hint`` here (how to write the value) follows the column's help.
        ``context.fields(columns)`` for sub-records, ``context.relation(column)``
        for a reference."""


# A line break and the spaces around it; the lookbehind and the possessive
# quantifier keep a long run of spaces linear.
_LINE_BREAK = re.compile(r"(?<![ \t])[ \t]*+\n\s*")


class ScalarKind(Kind):
    """What one-value kinds share: a text cell, one CSV column, one line."""

    def cell(self, value, column, show) -> dict:
        return {"view": "text", "text": self.text(value, column)}

    def from_sheet_number(self, number, number_format):
        return None

    def from_sheet_text(self, text: str):
        # A line break typed in a one-line cell (Alt+Entrée) is a space.
        return _LINE_BREAK.sub(" ", text).strip()

    def csv_fields(self, column) -> list:
        return [(column.key, column.label)]

    def from_json(self, value, column, nested):
        """A text, a choice, a boolean, a whole number: read again as an author's
        text would be, so that a value this kind refuses is refused here too."""
        return self.read(str(value) if not isinstance(value, bool) else
                         ("oui" if value else "non"), column)

    def cms_field(self, column, context) -> dict:
        """A line of text, typed as in the data file (« environ 3,5 M$ »,
        « automne 2026 »): the validator reads it, as it reads the file."""
        hint = self.sheet_hint(column)
        if column.accepts_unknown:
            hint = f"{hint} Si on ne le sait pas : « {UNKNOWN_WORD} ».".strip()
        return {"widget": "string", "hint": hint}
