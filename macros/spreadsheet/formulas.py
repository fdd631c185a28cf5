"""Texts that a spreadsheet would take for a formula, and formulas found in a
workbook: one home for keeping a plan's values inert.

A value such as « => montant révisé » or « =HYPERLINK(…) » is a text of the
plan. Written into a workbook, it is a text cell (never a formula); written
into a published CSV, it gets an apostrophe in front (OWASP's advice against
CSV injection), which a program removes to find the exact text again:
``guarded`` and ``unguarded`` are each other's inverse. A workbook sent back
with real formulas in it is read by ``formula_cells``, so the import can
refuse them rather than keep what they happened to compute.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

# What makes Excel or LibreOffice Calc read a typed text as a formula (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_GUARD = "'"  # also put before a text that already starts with one
_FORMULA_ELEMENT = re.compile(rb"<(?:\w+:)?f[\s>/]")


_SPOKEN = {"\t": "une tabulation", "\r": "un retour de chariot"}


def formula_starts_phrase() -> str:
    """The starts of a formula, in French: « = », « + », « - », « @ », une tabulation…"""
    spoken = [_SPOKEN.get(start, f"« {start} »") for start in FORMULA_STARTS]
    return ", ".join(spoken[:-1]) + " ou " + spoken[-1]


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def guarded(text: str) -> str:
    """A CSV text cell that no spreadsheet runs: « =x » → « '=x », « 'x » → « ''x »."""
    if text.startswith(FORMULA_STARTS + (CSV_GUARD,)):
        return CSV_GUARD + text
    return text


def unguarded(text: str) -> str:
    """The exact text of a guarded CSV text cell."""
    if text.startswith(CSV_GUARD) and text[1:].startswith(FORMULA_STARTS + (CSV_GUARD,)):
        return text[1:]
    return text


def _has_formulas(path: Path) -> bool:
    """Does any worksheet of the archive hold a formula (an ``<f>`` element)?"""
    with zipfile.ZipFile(path) as archive:
        return any(_FORMULA_ELEMENT.search(archive.read(name))
                   for name in archive.namelist()
                   if name.startswith("xl/worksheets/") and name.endswith(".xml"))


def _formula_text(value) -> str:
    return str(getattr(value, "text", value) or "")  # an array formula holds its text


def formula_cells(path: Path) -> dict:
    """{sheet title: {(row, column): formula}} of a workbook.

    openpyxl gives either the formulas or the values a spreadsheet computed,
    never both: the formulas need a second reading, done only when the
    archive has some."""
    from openpyxl import load_workbook

    if not _has_formulas(path):
        return {}
    book = load_workbook(path)
    return {sheet.title: {(cell.row, cell.column): _formula_text(cell.value)
                          for row in sheet.iter_rows() for cell in row
                          if cell.data_type == "f"}
            for sheet in book.worksheets}
