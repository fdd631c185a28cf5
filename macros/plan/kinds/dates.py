"""The date kind: a day, or only a month, or only a year (« 2026-03 »)."""

from __future__ import annotations

import datetime

from .. import values
from .base import DATE_FORMAT, TEXT_FORMAT, Plain, ScalarKind

# Excel and LibreOffice count days from 30 December 1899; these serials are
# the plausible days (1906 to 9999) a date cell read as a number may hold.
_EPOCH = datetime.date(1899, 12, 30)
_SERIAL_MIN, _SERIAL_MAX = 2201, 2958465


class Date(ScalarKind):
    """Known to the day, the month or the year: never a day that was not said."""

    name = "date"
    csv_text = False  # ISO 8601: 2026, 2026-03 or 2026-03-15

    def read(self, text, column):
        return values.read_date(text)

    def text(self, value, column) -> str:
        return value.french

    def cell(self, value, column, show) -> dict:
        return {"view": "date", "text": value.french, "iso": value.iso}

    def author_text(self, value, column) -> str:
        return value.iso

    def yaml_form(self, value, column):
        if value.day:
            return Plain(datetime.date(value.year, value.month, value.day))
        if value.month:
            return Plain(value.iso)
        return Plain(value.year)

    def sheet_value(self, value, column) -> tuple:
        if value.day:
            return datetime.date(value.year, value.month, value.day), DATE_FORMAT
        return value.iso, TEXT_FORMAT  # a month or a year stays what was said

    def sheet_format(self, column) -> str:
        return DATE_FORMAT

    def sheet_width(self, column) -> int:
        return 13

    def sheet_hint(self, column) -> str:
        return "Le jour (2026-03-15), le mois (2026-03) ou l'année (2026)."

    def sheet_rule(self, column):
        return None

    def from_sheet_number(self, number, number_format):
        if _SERIAL_MIN <= number <= _SERIAL_MAX:  # a date cell read as its serial
            return (_EPOCH + datetime.timedelta(days=int(number))).isoformat()
        return None

    def csv_values(self, value, column) -> list:
        return [value.iso]

    def json_value(self, value, column, nested):
        return value.iso

    def data_schema(self, column, nested) -> dict:
        return {"type": "string", "pattern": r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"}

    def input_schema(self, column, context) -> dict:
        return {"type": ["string", "integer"],
                "pattern": r"^[0-9]{4}(-[0-9]{1,2}(-[0-9]{1,2})?)?$",
                "minimum": 1900, "maximum": 2200}
