"""A workbook cell back to the text an author would have typed in YAML.

A date cell becomes « 2026-03-15 » (or « 2026-03 » when its format shows
only the month), a number 1500 becomes « 1500 », a line break in a list
cell separates two items. The column's kind has the last word: a date
column reads a date serial, a percent column a cell formatted as %, a list
column splits its text (``plan/kinds/``).
"""

from __future__ import annotations

import datetime
import re

from ..plan.kinds.base import number_text


def is_empty(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _date_text(value: datetime.datetime, number_format: str) -> str:
    """A date cell, to the precision its format shows (« mars 2026 » → 2026-03)."""
    shown = re.sub(r'"[^"]*"|\[[^\]]*\]', "", number_format or "").lower()
    if value.time() != datetime.time(0) and ("h" in shown or "s" in shown):
        return value.isoformat(sep=" ", timespec="minutes")
    if "d" in shown or "j" in shown or not shown or shown == "general":
        return value.strftime("%Y-%m-%d")
    if "m" in shown:
        return value.strftime("%Y-%m")
    return value.strftime("%Y")


def _raw_text(column, value, number_format: str) -> str:
    """The cell's value as text, before its kind reads it."""
    if isinstance(value, datetime.datetime):
        return _date_text(value, number_format)
    if isinstance(value, datetime.date):
        return _date_text(datetime.datetime.combine(value, datetime.time(0)),
                          number_format)
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, (int, float)):
        return (column.kind.from_sheet_number(value, number_format)
                or number_text(value))
    return str(value).replace("\r\n", "\n").replace("\r", "\n")


def cell_text(column, value, number_format: str = "General"):
    """The author's text for a cell of ``column``: a string, a list of strings
    (list columns), or None for an empty cell."""
    if is_empty(value):
        return None
    return column.kind.from_sheet_text(_raw_text(column, value, number_format))
