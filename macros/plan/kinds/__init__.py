"""The registry of value kinds: one object per kind, as the catalog uses them.

To add a kind: write its class (in the module of the family it resembles,
or a new one), instantiate it below and add it to ``KINDS``; its tests go in
``tests/unit/test_kinds.py``. Every capability of ``base.Kind`` is abstract,
so a class that forgets one fails here, at import.
"""

from __future__ import annotations

from .base import ITEMS, RECORDS, SCALAR, Kind
from .choices import Boolean, Choice
from .dates import Date, Year, Years
from .lists import Refs, SubList, TextList
from .numbers import AmountKind, Integer, Number, Percent, PeriodYear
from .text import Email, Link, LongText, Ref, Text

TEXT = Text()
LONG_TEXT = LongText()  # Markdown allowed, rendered safely
INTEGER = Integer()
NUMBER = Number()
AMOUNT = AmountKind()  # an amount or a range, in dollars
PERCENT = Percent()
DATE = Date()  # a day, a month, a season or a year, perhaps approximate
YEAR = Year()  # a year, or a month or a season of it
YEARS = Years()  # the same, or a span of years (« 2021-2023 »)
PERIOD_YEAR = PeriodYear()  # four digits only: the plan's period
BOOLEAN = Boolean()
CHOICE = Choice()
LINK = Link()
EMAIL = Email()
REF = Ref()  # one id of another grid
REFS = Refs()  # several ids of another grid
TEXT_LIST = TextList()
SUBLIST = SubList()  # a list of small records (partners, funding lines)

KINDS = (
    TEXT, LONG_TEXT, INTEGER, NUMBER, AMOUNT, PERCENT, DATE, YEAR, YEARS, PERIOD_YEAR,
    BOOLEAN, CHOICE, LINK, EMAIL, REF, REFS, TEXT_LIST, SUBLIST,
)
BY_NAME = {kind.name: kind for kind in KINDS}
if len(BY_NAME) != len(KINDS):
    raise ValueError("two kinds share a name")

__all__ = ["ITEMS", "KINDS", "BY_NAME", "Kind", "RECORDS", "SCALAR",
           "TEXT", "LONG_TEXT", "INTEGER", "NUMBER", "AMOUNT", "PERCENT", "DATE", "YEAR",
           "YEARS", "PERIOD_YEAR",
           "BOOLEAN", "CHOICE", "LINK", "EMAIL", "REF", "REFS", "TEXT_LIST", "SUBLIST"]
