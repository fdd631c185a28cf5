"""Kinds whose value is a number: a whole number, a decimal number, a
percentage, a year, an amount of dollars (or a range of amounts)."""

from __future__ import annotations

from .. import french, values
from .base import (AMOUNT_CENTS_FORMAT, AMOUNT_FORMAT, INTEGER_FORMAT, NUMBER_FORMAT,
                   TABLE_NUMBER, TEXT_FORMAT, Between, Either, Plain, ScalarKind, Text,
                   csv_number,
                   json_number, number_text, typed)

_SPACES = "[ \u00a0\u202f]"
# Groups of three digits after a separator; written so that each digit can
# be matched one way only (no backtracking on a long run of digits).
_GROUPS = rf"(?:{_SPACES}[0-9]{{3}}(?:[0-9]{{3}})*)*"
_COUNT_TEXT = rf"^\+?[0-9]+{_GROUPS}$"
_NUMBER_TEXT = rf"^[+-]?[0-9]+{_GROUPS}(?:[.,][0-9]+)?$"


class Integer(ScalarKind):
    """A whole number of people or things (« 1250 », « 12 140 »): never negative."""

    name = "entier"
    csv_text = False  # a number, in the CSV's own notation
    numeric = True

    def read(self, text, column):
        return values.read_count(text)

    def text(self, value, column) -> str:
        return french.number(value)

    def author_text(self, value, column) -> str:
        return str(int(value))

    def yaml_form(self, value, column):
        return Plain(int(value))

    def sheet_value(self, value, column) -> tuple:
        return value, INTEGER_FORMAT

    def sheet_format(self, column) -> str:
        return INTEGER_FORMAT

    def sheet_width(self, column) -> int:
        return 12

    def sheet_hint(self, column) -> str:
        return "Nombre entier, 0 ou plus."

    def sheet_rule(self, column):
        return Between("whole", 0, values.LARGEST,
                       "Écrire un nombre entier, 0 ou plus, sans lettres.")

    def csv_values(self, value, column) -> list:
        return [csv_number(value)]

    def json_value(self, value, column, nested):
        return value

    def data_schema(self, column, nested) -> dict:
        return {"type": "integer", "minimum": 0}

    def table_type(self, column) -> dict:
        return {"type": "integer", "constraints": {"minimum": 0}}

    def input_schema(self, column, context) -> dict:
        return {"type": ["integer", "string"], "minimum": 0, "pattern": _COUNT_TEXT}


class Number(Integer):
    """A number, whole or decimal (« 42 », « 2,5 »)."""

    name = "nombre"

    def read(self, text, column):
        return values.read_number(text)

    def author_text(self, value, column) -> str:
        return typed(french.number(value))

    def yaml_form(self, value, column):
        if float(value).is_integer():
            return Plain(int(value))
        return Plain(self.author_text(value, column))  # « 2,5 », as French authors write it

    def sheet_value(self, value, column) -> tuple:
        return value, NUMBER_FORMAT

    def sheet_format(self, column) -> str:
        return NUMBER_FORMAT

    def sheet_hint(self, column) -> str:
        return "Nombre (la virgule sépare les décimales : 2,5)."

    def sheet_rule(self, column):
        return None

    def json_value(self, value, column, nested):
        return json_number(value)

    def from_json(self, value, column, nested):
        return self.read(str(value), column)  # « 2.5 »: the reader takes the point too

    def data_schema(self, column, nested) -> dict:
        return {"type": "number"}

    def table_type(self, column) -> dict:
        return dict(TABLE_NUMBER)

    def input_schema(self, column, context) -> dict:
        return {"type": ["number", "string"], "pattern": _NUMBER_TEXT}


class Percent(Number):
    """A percentage from 0 to 100 (« 85 », « 85,5 % »)."""

    name = "pourcentage"

    def read(self, text, column):
        return values.read_percent(text)

    def text(self, value, column) -> str:
        return french.percent(value)

    def sheet_width(self, column) -> int:
        return 10

    def sheet_hint(self, column) -> str:
        return "Nombre de 0 à 100."

    def sheet_rule(self, column):
        return Between("decimal", 0, 100, "Un pourcentage va de 0 à 100.")

    def from_sheet_number(self, number, number_format):
        if "%" in (number_format or ""):  # a cell formatted as 85 % holds 0.85
            return number_text(round(number * 100, 10))
        return None

    def data_schema(self, column, nested) -> dict:
        return {"type": "number", "minimum": 0, "maximum": 100}

    def table_type(self, column) -> dict:
        return {**TABLE_NUMBER, "constraints": {"minimum": 0, "maximum": 100}}

    def input_schema(self, column, context) -> dict:
        return {"type": ["number", "string"], "minimum": 0, "maximum": 100,
                "pattern": r"^[0-9]+([.,][0-9]+)?\s?%?$"}


class PeriodYear(Integer):
    """A year in four digits, written without a thousands separator, and nothing
    else: the years of the plan's period (« 2026 »). A year of data, which may
    also be a month or a season, is ``dates.Year``."""

    name = "annee_de_periode"
    numeric = False  # a year reads as a label (« 2026 »), not as a quantity

    def read(self, text, column):
        return values.read_year(text)

    def text(self, value, column) -> str:
        return str(value)

    def sheet_value(self, value, column) -> tuple:
        return value, NUMBER_FORMAT

    def sheet_format(self, column) -> str:
        return NUMBER_FORMAT

    def sheet_width(self, column) -> int:
        return 9

    def sheet_hint(self, column) -> str:
        return "Quatre chiffres, p. ex. 2026."

    def sheet_rule(self, column):
        return Between("whole", 1900, 2200,
                       "Écrire l'année en quatre chiffres, p. ex. 2026.")

    def input_schema(self, column, context) -> dict:
        return {"type": ["integer", "string"], "minimum": 1900, "maximum": 2200,
                "pattern": r"^[0-9]{4}$"}

    def table_type(self, column) -> dict:
        return {"type": "integer", "constraints": {"minimum": 1900, "maximum": 2200}}


# What an author may type in an amount column (for editors; the reader has the
# last word). Each part can be matched one way only: no backtracking.
_AMOUNT_WORDS_TEXT = (r"(?:[Ee]nviron|[Pp]r[eè]s de|[Pp]lus de|[Aa]u moins|[Mm]oins de|"
                      r"[Jj]usqu['’][aà])")
_FIGURE_TEXT = (rf"[0-9]+(?:{_SPACES}[0-9]+)*(?:[.,][0-9]+)?(?:{_SPACES}?[kKMG])?"
                rf"(?:{_SPACES}?\$)?")
_AMOUNT_TEXT = (rf"^(?:{_AMOUNT_WORDS_TEXT}{_SPACES}?{_FIGURE_TEXT}|{_FIGURE_TEXT}"
                rf"(?:{_SPACES}*(?:–|—|-|à){_SPACES}*{_FIGURE_TEXT})?)$")


class AmountKind(ScalarKind):
    """Dollars as the author wrote them: « 25 000 $ », « 11,6 M$ », « 250 k$ », a
    range (« 10 000 – 15 000 $ »), « environ 3,5 M$ », « plus de 4 M$ »,
    « moins de 50 000 $ » (``values.Amount``). Shown and written back as typed."""

    name = "montant"
    csv_text = False  # numbers, and a text that never starts like a formula
    numeric = True

    def read(self, text, column):
        return values.read_amount(text)

    def text(self, value, column) -> str:
        return value.french

    def author_text(self, value, column) -> str:
        """A plain amount as an author types it (« 17 500 $ »); any other exactly
        as its author wrote it (« Environ 3,5 M$ »)."""
        return typed(value.french) if value.is_plain else value.written

    def _published_text(self, value) -> str:
        """« environ 3,5 M$ »: the words and figures written, spaced as usual."""
        return typed(value.french)

    def yaml_form(self, value, column):
        # A number stays a number; anything else is quoted text when new, and an
        # old value keeps its style.
        text = Text(self.author_text(value, column), "new")
        if value.is_plain and float(value.low).is_integer():
            return Either(Plain(int(value.low)), text)
        return text

    def sheet_value(self, value, column) -> tuple:
        if not value.is_plain:  # « 11,6 M$ », « environ… », a range: the text as typed
            return self.author_text(value, column), TEXT_FORMAT
        if float(value.low).is_integer():
            return int(value.low), AMOUNT_FORMAT
        return value.low, AMOUNT_CENTS_FORMAT

    def sheet_format(self, column) -> str:
        return AMOUNT_FORMAT

    def sheet_width(self, column) -> int:
        return 16

    def sheet_hint(self, column) -> str:
        return ("En dollars : 25 000 $. Ou écrit comme du texte : 11,6 M$, 250 k$, "
                "environ 3,5 M$, plus de 4 M$, moins de 50 000 $, ou une fourchette : "
                "10 000 $ – 15 000 $.")

    def sheet_rule(self, column):
        return None

    def csv_fields(self, column) -> list:
        return [(f"{column.key}_min", f"{column.label} (minimum)"),
                (f"{column.key}_max", f"{column.label} (maximum)"),
                (f"{column.key}_texte", f"{column.label} (tel qu'écrit)")]

    def csv_values(self, value, column) -> list:
        """An unknown bound is an empty cell (« plus de 4 M$ » has no maximum)."""
        low = csv_number(value.low) if value.has_lower_bound else ""
        high = csv_number(value.high) if value.has_upper_bound else ""
        return [low, high, self._published_text(value)]

    def table_type(self, column) -> dict:
        return {**TABLE_NUMBER, "constraints": {"minimum": 0}}

    def table_fields(self, column) -> list:
        """Two bounds (numbers; a bound the author did not give is empty) and the
        amount as written, a text."""
        low, high, written = super().table_fields(column)
        written = {key: value for key, value in written.items()
                   if key not in ("decimalChar", "constraints")}
        return [low, high, {**written, "type": "string"}]

    def json_value(self, value, column, nested):
        return {"min": json_number(value.low) if value.has_lower_bound else None,
                "max": json_number(value.high) if value.has_upper_bound else None,
                "approximatif": value.is_approximate,
                "texte": self._published_text(value)}

    def from_json(self, value, column, nested):
        """The amount read from its text, which keeps how it was written (the
        bounds alone would turn « environ 3,5 M$ » into 3 500 000)."""
        return self.read(value["texte"], column)

    def data_schema(self, column, nested) -> dict:
        bound = {"type": ["number", "null"], "minimum": 0}
        return {"type": "object", "additionalProperties": False,
                "required": ["min", "max", "approximatif", "texte"],
                "properties": {"min": bound, "max": bound,
                               "approximatif": {"type": "boolean"},
                               "texte": {"type": "string"}}}

    def input_schema(self, column, context) -> dict:
        return {"type": ["number", "string"], "minimum": 0, "pattern": _AMOUNT_TEXT}
