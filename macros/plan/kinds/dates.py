"""The date kinds: a day, a month, a season or a year, perhaps approximate
(« 15 mars 2025 », « 2026-03 », « automne 2011 », « vers octobre 2023 »); the
year kinds, whose value is a date without a day (« 2023 », « automne 2023 »),
or a span of years for the annual programming (« 2021-2023 »).

Open data keeps each date's precision. CSV: ISO 8601 (2016, 2016-03,
2016-03-15), a season after its year (« 2011-automne »), « ~ » after an
approximate date (« 2023-10~ », as ISO 8601-2 writes it), a span of years as
an ISO interval (« 2021/2023 »). JSON: the same ISO text for an exact date
(a year column: the year as a number), an object for a season or an
approximate date: {"date": "2011", "saison": "automne", "approximative": true}.
"""

from __future__ import annotations

import datetime
import re

from .. import french, values
from .base import DATE_FORMAT, NUMBER_FORMAT, TEXT_FORMAT, Plain, ScalarKind, Text

# Excel and LibreOffice count days from 30 December 1899; these serials are
# the plausible days (1906 to 9999) a date cell read as a number may hold.
_EPOCH = datetime.date(1899, 12, 30)
_SERIAL_MIN, _SERIAL_MAX = 2201, 2958465


def _letters(word: str) -> str:
    """A word of a JSON Schema pattern in any capitalisation, with or without
    accents (JSON Schema patterns have no flag for either)."""
    return "".join(_LETTER.get(ch, f"[{ch.upper()}{ch}]") for ch in values.fold(word))


_LETTER = {"a": "[AaÀàÂâ]", "e": "[EeÉéÈèÊêËë]", "i": "[IiÎîÏï]", "o": "[OoÔô]",
           "u": "[UuÛûÙù]", "c": "[CcÇç]"}
_YEAR = "[0-9]{4}"
_MONTH_NAME = "(?:" + "|".join(_letters(m) for m in french.MONTHS) + ")"
_SEASON_NAME = "(?:" + "|".join(_letters(s) for s in french.SEASONS) + ")"
_AROUND = rf"(?:{_letters('vers')}\s+(?:{_letters('le')}\s+|[Ll]['’]\s*)?)?"
_DAY = rf"(?:1{_letters('er')}|1ᵉʳ|[0-9]{{1,2}})"
_ISO_INPUT = rf"{_YEAR}(?:-[0-9]{{1,2}}(?:-[0-9]{{1,2}})?)?"
_SPAN_INPUT = rf"{_YEAR}\s*(?:-|–|—|[Aa]|[Àà]|[Aa][Uu])\s*{_YEAR}"
_ISO_OUTPUT = r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"


def _input_pattern(*forms) -> str:
    return rf"^\s*{_AROUND}(?:{'|'.join(forms)})\s*$"


def _approximate_schema(date_pattern: str) -> dict:
    return {"type": "object", "additionalProperties": False,
            "required": ["date", "saison", "approximative"],
            "properties": {"date": {"type": "string", "pattern": date_pattern},
                           "saison": {"enum": [*french.SEASONS, None]},
                           "approximative": {"type": "boolean"}}}


class Date(ScalarKind):
    """Known to the day, the month, the season or the year, perhaps approximate:
    never a day that was not said."""

    name = "date"
    csv_text = False  # ISO 8601 and its documented extensions (module docstring)
    days, spans = True, False  # may hold a day; a span of years

    def read(self, text, column):
        return values.read_when(text, self.days, self.spans)

    def text(self, value, column) -> str:
        return value.french

    def cell(self, value, column, show) -> dict:
        if value.approximate or value.is_span:  # no exact machine-readable form
            return {"view": "text", "text": value.french}
        return {"view": "date", "text": value.french, "iso": value.iso}

    def author_text(self, value, column) -> str:
        return value.written

    def yaml_form(self, value, column):
        if not _written_as_iso(value):  # « mars 2016 », « automne 2011 »: as typed
            return Text(value.written)
        if value.day:
            return Plain(datetime.date(value.year, value.month, value.day))
        if value.month:
            return Plain(value.iso)
        return Plain(value.year)

    def sheet_value(self, value, column) -> tuple:
        if value.day and not value.approximate:  # a real date cell, however typed
            return datetime.date(value.year, value.month, value.day), DATE_FORMAT
        return value.written, TEXT_FORMAT  # a month, a season… stays what was said

    def sheet_format(self, column) -> str:
        # Text: what a committee types stays as typed. In a cell formatted as a
        # date, Excel would turn « mars 2026 » into 1 March 2026, a day never said.
        return TEXT_FORMAT

    def sheet_width(self, column) -> int:
        return 13

    def sheet_hint(self, column) -> str:
        return ("Le jour (2026-03-15 ou 15 mars 2026), le mois (2026-03 ou mars 2026), "
                "la saison (automne 2026) ou l'année (2026) ; « vers » devant une date "
                "approximative (vers mars 2026).")

    def sheet_rule(self, column):
        return None

    def from_sheet_number(self, number, number_format):
        if _SERIAL_MIN <= number <= _SERIAL_MAX:  # a date cell read as its serial
            return (_EPOCH + datetime.timedelta(days=int(number))).isoformat()
        return None

    def csv_values(self, value, column) -> list:
        text = value.iso + (f"-{value.season}" if value.season else "")
        return [text + ("~" if value.approximate else "")]

    def json_value(self, value, column, nested):
        if value.season or value.approximate:
            return {"date": value.iso, "saison": value.season or None,
                    "approximative": value.approximate}
        return value.iso

    def from_json(self, value, column, nested):
        """Read again as an author writes it: « vers automne 2011 », « 2021-2023 »."""
        if not isinstance(value, dict):
            return self.read(str(value).replace("/", "-"), column)
        text = str(value.get("date", "")).replace("/", "-")
        if value.get("saison"):
            text = f"{value['saison']} {text}"
        return self.read(f"vers {text}" if value.get("approximative") else text, column)

    def data_schema(self, column, nested) -> dict:
        return {"anyOf": [{"type": "string", "pattern": f"^{_ISO_OUTPUT}$"},
                          _approximate_schema(f"^{_ISO_OUTPUT}$")]}

    def table_type(self, column) -> dict:
        """A text, not a Table Schema date: a month, a season or « ~ » keep the
        date's precision (module docstring)."""
        return {"type": "string", "constraints": {"pattern": self._csv_pattern()}}

    def _csv_pattern(self) -> str:
        season = "|".join(french.SEASONS)
        return rf"{_ISO_OUTPUT}(-({season}))?~?"

    def input_schema(self, column, context) -> dict:
        return {"type": ["string", "integer"],
                "pattern": _input_pattern(
                    _ISO_INPUT, rf"(?:{_DAY}\s+)?{_MONTH_NAME}\s+{_YEAR}",
                    rf"{_SEASON_NAME}\s+{_YEAR}"),
                "minimum": values.FIRST_YEAR, "maximum": values.LAST_YEAR}


_ISO_TYPED = re.compile(r"^[0-9]{4}(?:-[0-9]{1,2}(?:-[0-9]{1,2})?)?$")


def _written_as_iso(value) -> bool:
    """Was the value typed as ISO 8601 (or made without an author's text)? Then it
    is written back in its usual form (« 2026-03 », a YAML date)."""
    return value.exact and (not value.typed or bool(_ISO_TYPED.match(value.typed)))


class Year(Date):
    """When a figure was measured: a year (« 2023 »), or a month or a season of it
    (« mars 2023 », « automne 2023 »), perhaps approximate; never a day."""

    name = "annee"
    numeric = False  # a year reads as a label (« 2026 »), not as a quantity
    days = False

    def sheet_value(self, value, column) -> tuple:
        if _written_as_iso(value) and not value.month:
            return value.year, NUMBER_FORMAT
        return value.written, TEXT_FORMAT

    def sheet_format(self, column) -> str:
        return NUMBER_FORMAT

    def sheet_hint(self, column) -> str:
        return ("L'année (2026), le mois (2026-03 ou mars 2026) ou la saison "
                "(automne 2026) ; « vers » devant une date approximative (vers 2026).")

    def json_value(self, value, column, nested):
        if value.exact and not value.month:
            return value.year  # a number, as a year column always gave
        return super().json_value(value, column, nested)

    def data_schema(self, column, nested) -> dict:
        month = r"^[0-9]{4}(-[0-9]{2})?$"
        return {"anyOf": [{"type": "integer", "minimum": values.FIRST_YEAR,
                           "maximum": values.LAST_YEAR},
                          {"type": "string", "pattern": month},
                          _approximate_schema(month)]}

    def input_schema(self, column, context) -> dict:
        return {"type": ["integer", "string"],
                "pattern": _input_pattern(*self._input_forms()),
                "minimum": values.FIRST_YEAR, "maximum": values.LAST_YEAR}

    def _input_forms(self) -> tuple:
        return (rf"{_YEAR}(?:-[0-9]{{1,2}})?", rf"{_MONTH_NAME}\s+{_YEAR}",
                rf"{_SEASON_NAME}\s+{_YEAR}")


class Years(Year):
    """A year of the annual programming, or several (« 2021-2023 », shown
    « 2021 à 2023 » and ordered by its first year)."""

    name = "annees"
    spans = True

    def sheet_hint(self, column) -> str:
        return ("L'année (2026), ou plusieurs années (2026-2027) ; le mois (mars 2026) "
                "ou la saison (automne 2026) si l'action est plus précise.")

    def data_schema(self, column, nested) -> dict:
        schema = super().data_schema(column, nested)
        span = {"type": "string", "pattern": r"^[0-9]{4}/[0-9]{4}$"}
        return {"anyOf": [*schema["anyOf"], span]}

    def _input_forms(self) -> tuple:
        return (_SPAN_INPUT, *super()._input_forms())

    def _csv_pattern(self) -> str:
        return rf"[0-9]{{4}}/[0-9]{{4}}|{super()._csv_pattern()}"
