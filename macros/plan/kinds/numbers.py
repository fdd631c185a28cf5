"""Kinds whose value is a number: a whole number, a decimal number, a
percentage, a year, an amount of dollars (or a range of amounts)."""

from __future__ import annotations

from .. import french, values
from .base import (AMOUNT_CENTS_FORMAT, AMOUNT_FORMAT, INTEGER_FORMAT, NUMBER_FORMAT,
                   TEXT_FORMAT, Between, Either, Plain, ScalarKind, Text, csv_number,
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

    def data_schema(self, column, nested) -> dict:
        return {"type": "number"}

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

    def input_schema(self, column, context) -> dict:
        return {"type": ["number", "string"], "minimum": 0, "maximum": 100,
                "pattern": r"^[0-9]+([.,][0-9]+)?\s?%?$"}


class Year(Integer):
    """A year in four digits, written without a thousands separator."""

    name = "annee"
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


class AmountKind(ScalarKind):
    """Dollars, or a range of dollars (« 25 000 $ », « 10 000 – 15 000 $ »)."""

    name = "montant"
    csv_text = False
    numeric = True

    def read(self, text, column):
        return values.read_amount(text)

    def text(self, value, column) -> str:
        return value.french

    def author_text(self, value, column) -> str:
        return typed(value.french)

    def yaml_form(self, value, column):
        # A range, or cents, is quoted text when new; an old value keeps its style.
        text = Text(self.author_text(value, column), "new")
        if not value.is_range and float(value.low).is_integer():
            return Either(Plain(int(value.low)), text)
        return text

    def sheet_value(self, value, column) -> tuple:
        if value.is_range:
            return self.author_text(value, column), TEXT_FORMAT
        if float(value.low).is_integer():
            return int(value.low), AMOUNT_FORMAT
        return value.low, AMOUNT_CENTS_FORMAT

    def sheet_format(self, column) -> str:
        return AMOUNT_FORMAT

    def sheet_width(self, column) -> int:
        return 16

    def sheet_hint(self, column) -> str:
        return ("En dollars : 25 000 $, ou une fourchette écrite comme du texte : "
                "10 000 – 15 000 $.")

    def sheet_rule(self, column):
        return None

    def csv_fields(self, column) -> list:
        return [(f"{column.key}_min", f"{column.label} (minimum)"),
                (f"{column.key}_max", f"{column.label} (maximum)")]

    def csv_values(self, value, column) -> list:
        return [csv_number(value.low), csv_number(value.high)]

    def json_value(self, value, column, nested):
        return {"min": json_number(value.low), "max": json_number(value.high)}

    def data_schema(self, column, nested) -> dict:
        return {"type": "object", "additionalProperties": False,
                "required": ["min", "max"],
                "properties": {"min": {"type": "number", "minimum": 0},
                               "max": {"type": "number", "minimum": 0}}}

    def input_schema(self, column, context) -> dict:
        return {"type": ["number", "string"], "minimum": 0,
                "pattern": r"^[0-9 \u00a0\u202f.,$]+(\s*(–|—|-|à)\s*[0-9 \u00a0\u202f.,$]+)?$"}
