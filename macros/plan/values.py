"""The plan's own value types, and how an author's text becomes one of them.

Every scalar reaches us as the text the author wrote (the YAML reader never
applies YAML 1.1's implicit typing), so ``no``, ``08``, ``12:30`` or
``2026-03`` keep their meaning until the column's kind (``kinds/``) decides
how to read them. A reader returns the typed value or raises ``ValueIssue``
with a French message that says what to write.
"""

from __future__ import annotations

import calendar
import datetime
import difflib
import re
import unicodedata
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Optional

from . import characters, french
from .french import MONTHS, NBSP, NNBSP


class ValueIssue(Exception):
    """A value that cannot be read; the message is French and says what to write."""


class TooLong(ValueIssue):
    """A text longer than its field takes."""


# The days each season covers, near enough to the astronomical seasons: winter
# is the one that ends in its year (« hiver 2024 »: 21 December 2023 to 19 March
# 2024, as a Québec winter session is named).
SEASON_DAYS = {
    "hiver": ((-1, 12, 21), (0, 3, 19)),
    "printemps": ((0, 3, 20), (0, 6, 20)),
    "été": ((0, 6, 21), (0, 9, 21)),
    "automne": ((0, 9, 22), (0, 12, 20)),
}


@dataclass(frozen=True)
class PartialDate:
    """A date known to the day, the month, the season or only the year, perhaps
    approximate (« vers octobre 2023 »); or, where a column allows it, a span of
    whole years (« 2021-2023 »). Never more precise than the author said.

    ``typed`` is the author's text (« mars 2016 »), written back as is; it takes
    no part in comparisons: « mars 2016 » and « 2016-03 » are the same date.
    Dates are ordered by their first day, then their last."""

    year: int
    month: int = 0  # 0: unknown
    day: int = 0  # 0: unknown
    season: str = ""  # « hiver », « printemps », « été », « automne » (no month then)
    approximate: bool = False  # « vers … »
    until: int = 0  # the last year of a span of years (0: none)
    typed: str = field(default="", compare=False, repr=False)

    @property
    def last_year(self) -> int:
        return self.until or self.year

    @property
    def is_span(self) -> bool:
        return self.last_year != self.year

    @property
    def exact(self) -> bool:
        """A day, a month or a year, as ISO 8601 writes it (no season, no « vers »)."""
        return not (self.season or self.approximate or self.is_span)

    @property
    def iso(self) -> str:
        """The ISO 8601 form of what is known exactly: « 2016-03 »; a season by
        its year; a span « 2021/2023 »."""
        if self.is_span:
            return f"{self.year:04d}/{self.until:04d}"
        if not self.month:
            return f"{self.year:04d}"
        if not self.day:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @property
    def french(self) -> str:
        return french.moment(self)

    @property
    def written(self) -> str:
        """As the author wrote it, or as an author would (« 2016-03 », « automne 2011 »)."""
        if self.typed:
            return self.typed
        if self.is_span:
            return f"{self.year}-{self.until}"
        base = french.season(self.season, self.year) if self.season else self.iso
        return f"vers {base}" if self.approximate else base

    @property
    def first_day(self) -> tuple:
        if self.season:
            (shift, month, day), _ = SEASON_DAYS[self.season]
            return (self.year + shift, month, day)
        return (self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> tuple:
        if self.season:
            _, (shift, month, day) = SEASON_DAYS[self.season]
            return (self.year + shift, month, day)
        year = self.last_year
        month = self.month or 12
        day = self.day or calendar.monthrange(year, month)[1]
        return (year, month, day)

    @property
    def first_date(self) -> datetime.date:
        return datetime.date(*self.first_day)

    @property
    def last_date(self) -> datetime.date:
        return datetime.date(*self.last_day)

    def _order(self) -> tuple:
        return (self.first_day, self.last_day, self.approximate)

    def __lt__(self, other):
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._order() < other._order()

    def __le__(self, other):
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._order() <= other._order()

    def __gt__(self, other):
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._order() > other._order()

    def __ge__(self, other):
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._order() >= other._order()

    def __str__(self) -> str:
        return self.iso


def as_date(value) -> datetime.date:
    """A ``datetime.date`` from a date, a (y, m, d) tuple or a year (1 January)."""
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, tuple):
        return datetime.date(*value)
    return datetime.date(int(value), 1, 1)


@dataclass(frozen=True)
class Amount:
    """An amount in dollars as its author wrote it: exact (« 25 000 $ »,
    « 11,6 M$ »), a range (« 10 000 – 15 000 $ », « 1 à 2 M$ »), approximate
    (« environ 3,5 M$ ») or bounded (« plus de 4 M$ », « moins de 50 000 $ »).

    ``low`` and ``high`` are for numeric use (totals, charts, checks): « environ
    X » is X to X; « plus de X » is X to X too, but nothing bounds it above
    (``has_upper_bound`` is false: never shown as X); « moins de X » is 0 to X.
    ``word`` is the word written before the amount (``AMOUNT_WORDS``) and
    ``units`` the multiple each bound was written in ("", "k", "M", "G"): the
    amount is shown as written, never as « 11 600 000 $ ». ``typed`` is the
    author's text (« Environ 3,5 M$ »), written back as is (``written``).
    """

    low: float
    high: float
    word: str = ""
    units: tuple = ("", "")
    typed: str = field(default="", compare=False, repr=False)

    @classmethod
    def total(cls, amounts) -> "Amount":
        """The sum of several amounts: ranges add up bound by bound; the total
        says « environ » if a part is approximate, « au moins » if a part has no
        upper bound, « jusqu'à » if every part is only bounded above (a word
        shared by all such parts, « plus de », is kept)."""
        amounts = [a for a in amounts if a is not None]
        low, high = sum(a.low for a in amounts), sum(a.high for a in amounts)
        return cls(low, high, _total_word(amounts, low), _common_units(amounts))

    @property
    def meaning(self) -> str:
        """ABOUT, AT_LEAST, AT_MOST, or "" for an exact amount or a range."""
        return AMOUNT_WORDS.get(self.word, "")

    @property
    def is_range(self) -> bool:
        return self.low != self.high

    @property
    def is_exact(self) -> bool:
        """One amount, neither approximate nor bounded (« 25 000 $ », « 11,6 M$ »)."""
        return not self.word and self.low == self.high

    @property
    def is_plain(self) -> bool:
        """Exact and written in dollars: a number in a workbook or a YAML file."""
        return self.is_exact and self.units == ("", "")

    @property
    def is_approximate(self) -> bool:
        return self.meaning == ABOUT

    @property
    def has_lower_bound(self) -> bool:
        return self.meaning != AT_MOST

    @property
    def has_upper_bound(self) -> bool:
        return self.meaning != AT_LEAST

    @property
    def middle(self) -> float:
        return (self.low + self.high) / 2

    @property
    def _bounds(self) -> tuple:
        """The (dollars, multiple) pairs the author wrote: one, or two for a range."""
        if self.meaning == AT_MOST:
            return ((self.high, self.units[1]),)
        if self.meaning == AT_LEAST or self.low == self.high:
            return ((self.low, self.units[0]),)
        return ((self.low, self.units[0]), (self.high, self.units[1]))

    @property
    def french(self) -> str:
        """« 11,6 M$ », « environ 3,5 M$ », « 10 000 – 15 000 $ »…, as written."""
        return french.money_written(self._bounds, self.word)

    @property
    def short(self) -> str:
        """For a chart's label: « 850 k$ », « 40 – 60 k$ », « plus de 4 M$ »."""
        return french.money_written_short(self._bounds, self.word)

    def prose(self, short: bool = False) -> str:
        """Inside a sentence: « 25 000 $ », « entre 10 000 $ et 15 000 $ »."""
        return french.money_prose(self._bounds, self.word, short)

    def of(self, short: bool = False) -> str:
        """After « de » in a sentence: « de 25 000 $ », « d'environ 3,5 M$ »,
        « de 10 000 $ à 15 000 $ »; ``short``: rounded like ``short``."""
        return french.money_of(self._bounds, self.word, short)

    @property
    def written(self) -> str:
        """As the author wrote it, or as an author would (ordinary spaces)."""
        return self.typed or french.money_written(self._bounds, self.word).replace(
            NBSP, " ").replace(NNBSP, " ")

    def __str__(self) -> str:
        return self.french


# What an amount's word means. The words an author may write before an amount
# (in any capitalisation), kept to those Québec plans use; a total says
# « environ », « au moins » or « jusqu'à » (TOTAL_WORDS), which cover the others.
ABOUT, AT_LEAST, AT_MOST = "about", "at least", "at most"
AMOUNT_WORDS = {"environ": ABOUT, "près de": ABOUT,
                "plus de": AT_LEAST, "au moins": AT_LEAST,
                "moins de": AT_MOST, "jusqu'à": AT_MOST}
TOTAL_WORDS = {ABOUT: "environ", AT_LEAST: "au moins", AT_MOST: "jusqu'à"}


def _shared_word(amounts, meaning: str) -> str:
    words = {a.word for a in amounts if a.meaning == meaning}
    return words.pop() if len(words) == 1 else TOTAL_WORDS[meaning]


def _total_word(amounts, low: float) -> str:
    meanings = {a.meaning for a in amounts}
    if AT_LEAST in meanings:
        return _shared_word(amounts, AT_LEAST)
    if ABOUT in meanings:
        return TOTAL_WORDS[ABOUT]
    if AT_MOST in meanings and low == 0:
        return _shared_word(amounts, AT_MOST)
    return ""  # exact parts, ranges, or « moins de » with known parts: a range


def _common_units(amounts) -> tuple:
    """The multiple of a total: the one of all its parts (« 14,6 M$ »), or dollars."""
    units = {a.units for a in amounts}
    if len(units) == 1 and len(set(next(iter(units)))) == 1:
        return units.pop()
    return ("", "")


class Unknown:
    """A fact that exists but that the source does not give: the author wrote
    « inconnu ». Never a number, never a date: the plan shows « non précisé »,
    leaves it out of totals and charts, and says so."""

    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNKNOWN"

    def __reduce__(self):
        return (Unknown, ())


UNKNOWN = Unknown()
UNKNOWN_WORD = "inconnu"  # what an author types, in any capitalisation
UNKNOWN_TEXT = "non précisé"  # what a reader sees


def missing_last(value) -> tuple:
    """A sort key that puts a value not given (None: « inconnu » or empty) last."""
    return (value is None, 0 if value is None else value)


def says_unknown(text) -> bool:
    """Did the author write « inconnu » (Inconnu, INCONNU, inconnue…)?"""
    return isinstance(text, str) and text.strip().lower() in ("inconnu", "inconnue")


SHOWN_LENGTH = 60  # a longer value is quoted by its beginning


def shown(text: str) -> str:
    """The value as quoted back to the author in a message: its beginning if
    long, an invisible character written out (« 1[U+200B] »)."""
    text = str(text)
    cut = len(text) > SHOWN_LENGTH * 2  # never more work than the quote needs
    text = characters.visible(text[: SHOWN_LENGTH * 2]).replace("\n", " ").strip()
    if cut or len(text) > SHOWN_LENGTH:
        return text[:SHOWN_LENGTH].rstrip() + "…"
    return text


def _squeeze(text: str) -> str:
    for space in (" ", NBSP, NNBSP, "\t"):
        text = text.replace(space, "")
    return text


# --- numbers ----------------------------------------------------------------

_INTEGER = re.compile(r"^[+-]?[0-9]+$")
_DECIMAL = re.compile(r"^[+-]?[0-9]+(?:[.,][0-9]+)?$")

# Bounds that no plan reaches, so that a slip (a pasted column of digits,
# « 1e400 ») is refused rather than turned into an infinity or a crash.
MAX_DIGITS = 15  # whole digits: up to 999 999 999 999 999
LARGEST = 10**MAX_DIGITS - 1
MAX_DECIMALS = 10
MAX_AMOUNT = 10**12  # a thousand billion dollars


def _digits(number: int) -> str:
    """« 5 000 », with the ordinary spaces of the other messages."""
    return f"{number:,}".replace(",", " ")


def _check_size(compact: str, text: str) -> None:
    whole, _, decimals = compact.lstrip("+-").replace(",", ".").partition(".")
    if len(whole.lstrip("0")) > MAX_DIGITS:
        raise ValueIssue(
            f"« {shown(text)} » est trop grand ({_digits(len(whole))} chiffres) : "
            f"un nombre a au plus {MAX_DIGITS} chiffres avant la virgule ; vérifier "
            "la valeur")
    if len(decimals) > MAX_DECIMALS:
        raise ValueIssue(
            f"« {shown(text)} » a trop de décimales ({_digits(len(decimals))}) : "
            f"en garder au plus {MAX_DECIMALS}")


_AMBIGUOUS_THOUSANDS = re.compile(r"^[0-9]{1,3}([,.][0-9]{3})+$")


def read_integer(text: str) -> int:
    compact = _squeeze(text)
    if not _INTEGER.match(compact):
        raise ValueIssue(
            f"« {shown(text)} » n'est pas un nombre entier (écrire par exemple 1250, "
            "sans décimales ni lettres)"
        )
    _check_size(compact, text)
    return int(compact, 10)


def read_count(text: str) -> int:
    """A whole number of things or people: never negative."""
    value = read_integer(text)
    if value < 0:
        raise ValueIssue(f"« {shown(text)} » : un nombre de personnes ou de choses ne "
                         "peut être négatif (écrire 0 ou plus)")
    return value


def read_number(text: str) -> float:
    compact = _squeeze(text)
    if _AMBIGUOUS_THOUSANDS.match(compact.lstrip("+-")):
        raise ValueIssue(
            f"« {shown(text)} » est ambigu : séparer les milliers par des espaces "
            "(1 500) et les décimales par une virgule (1,5)"
        )
    if "," in compact and "." in compact:
        raise ValueIssue(
            f"« {shown(text)} » mélange virgule et point : écrire par exemple 1500,5"
        )
    if not _DECIMAL.match(compact):
        raise ValueIssue(
            f"« {shown(text)} » n'est pas un nombre (écrire par exemple 42 ou 2,5)"
        )
    _check_size(compact, text)
    value = float(compact.replace(",", "."))
    return int(value) if value.is_integer() else value


def read_percent(text: str) -> float:
    compact = _squeeze(text).rstrip("%")
    try:
        value = read_number(compact)
    except ValueIssue:
        raise ValueIssue(
            f"« {shown(text)} » n'est pas un pourcentage (écrire un nombre de 0 à 100, "
            "par exemple 85 ou 85,5)"
        ) from None
    if not 0 <= value <= 100:
        raise ValueIssue(
            f"« {shown(text)} » est hors limites : un pourcentage va de 0 à 100"
        )
    return value




_NOT_AN_AMOUNT = ("n'est pas un montant (écrire par exemple 25 000 $, 11,6 M$, "
                  "environ 3,5 M$ ou une fourchette : 10 000 $ – 15 000 $)")

# A number followed by letters: the multiple it is written in (« 11,6 M », « 250k »).
_WITH_MULTIPLE = re.compile(r"^([+-]?[0-9][0-9.,]*)([^\W\d_]+)$")
_MULTIPLE_LETTERS = {"k": "k", "K": "k", "M": "M", "G": "G"}


@dataclass(frozen=True)
class _Figure:
    """One bound as written: its number, its multiple, and whether « $ » follows."""

    number: str
    multiple: str
    dollar: bool


def _figure(text: str, original: str) -> _Figure:
    compact = _squeeze(text)
    dollar = "$" in compact
    compact = compact.replace("$", "")
    if not compact:
        raise ValueIssue(f"« {shown(original)} » : il manque le montant")
    match = _WITH_MULTIPLE.match(compact)
    if not match:
        return _Figure(compact, "", dollar)
    number, letters = match.groups()
    if letters not in _MULTIPLE_LETTERS:
        raise ValueIssue(
            f"« {shown(original)} » : « {shown(letters)} » n'est pas une unité de montant ; "
            "écrire $, k$ (milliers), M$ (millions) ou G$ (milliards), p. ex. 25 000 $, "
            "250 k$ ou 11,6 M$")
    return _Figure(number, _MULTIPLE_LETTERS[letters], dollar)


def _dollars(figure: _Figure, multiple: str, original: str) -> float:
    """The dollars of one bound, in ``multiple`` (its own, or the range's)."""
    compact = figure.number
    if _DECIMAL.match(compact):
        _check_size(compact, original)
    if _AMBIGUOUS_THOUSANDS.match(compact):
        raise ValueIssue(
            f"« {shown(original)} » est ambigu : séparer les milliers par des espaces "
            "(1 500) et les décimales par une virgule (1,50)"
        )
    try:
        value = read_number(compact)
    except ValueIssue:
        raise ValueIssue(f"« {shown(original)} » {_NOT_AN_AMOUNT}") from None
    if value < 0:
        raise ValueIssue(f"« {shown(original)} » : un montant ne peut être négatif")
    if multiple:  # in decimal: 11,6 M$ is 11 600 000 $, not 11 599 999,999…
        exact = Decimal(compact.replace(",", ".")) * french.MULTIPLES[multiple]
        value = int(exact) if exact == exact.to_integral_value() else float(exact)
    _check_amount(value, original)
    return value


def _one_amount(text: str, original: str, word: str = "") -> Amount:
    figure = _figure(text, original)
    value = _dollars(figure, figure.multiple, original)
    units = (figure.multiple, figure.multiple)
    if AMOUNT_WORDS.get(word) == AT_MOST:
        return Amount(0, value, word, units)
    return Amount(value, value, word, units)


def _range(parts: list, original: str) -> Amount:
    if len(parts) != 2:
        raise ValueIssue(
            f"« {shown(original)} » n'est pas un montant (une fourchette a deux bornes : "
            "10 000 $ – 15 000 $)"
        )
    low_figure, high_figure = (_figure(part, original) for part in parts)
    shared = not low_figure.multiple and not low_figure.dollar  # « 1 à 2 M$ »
    low_multiple = high_figure.multiple if shared else low_figure.multiple
    low = _dollars(low_figure, low_multiple, original)
    high = _dollars(high_figure, high_figure.multiple, original)
    if low > high:
        hint = (f" (« {low_multiple}$ » vaut pour les deux bornes : écrire par exemple "
                f"500 k$ – 2 M$)" if shared and low_multiple else "")
        raise ValueIssue(
            f"« {shown(original)} » : la première borne doit être la plus petite{hint}"
        )
    return Amount(low, high, "", (low_multiple, high_figure.multiple))


def _qualified(word: str, parts: list, original: str) -> Amount:
    """« environ 3,5 M$ », « plus de 4 M$ », « moins de 50 000 $ »: one amount."""
    if len(parts) > 1:
        raise ValueIssue(
            f"« {shown(original)} » : « {word} » va devant un seul montant (p. ex. "
            f"{word} 4 M$) ; une fourchette s'écrit sans « {word} » (p. ex. 4 M$ – 5 M$)")
    if not parts[0].strip():
        raise ValueIssue(f"« {shown(original)} » : il manque le montant après « {word} » "
                         f"(p. ex. {word} 3,5 M$)")
    return _one_amount(parts[0], original, word)


_ONE_SPACE = re.compile(r"\s+")
_RANGE_SEPARATOR = re.compile(r"\s*(?:–|—|\bà\b|(?<=[\d$\skKMG])-(?=[\s\d]))\s*")
_AMOUNT_WORD = re.compile(r"(environ|pr[eè]s de|plus de|au moins|moins de|jusqu['’][aà])"
                          r"(?![^\W\d_]) ?", re.IGNORECASE)


def _amount_word(written: str) -> tuple:
    """(the word before the amount, spelled as in AMOUNT_WORDS, or ""; the rest)."""
    match = _AMOUNT_WORD.match(written)
    if not match:
        return "", written
    found = fold(match.group(1).replace("’", "'"))
    word = next(w for w in AMOUNT_WORDS if fold(w) == found)
    return word, written[match.end():]


def _range_parts(text: str) -> list:
    parts = _RANGE_SEPARATOR.split(text)
    if len(parts) > 1 and not all(re.search(r"[0-9]", part) for part in parts):
        return [text]  # "à déterminer" is not a range
    return parts


def read_amount(text: str) -> Amount:
    """« 25 000 $ », « 11,6 M$ », « 250 k$ », « 10 000 – 15 000 $ », « 1 à 2 M$ »,
    or one amount after a word of AMOUNT_WORDS: « environ 3,5 M$ », « plus de 4 M$ »."""
    # One space for each run of spaces: the separator's \s* then costs linear time.
    word, rest = _amount_word(_ONE_SPACE.sub(" ", text.strip()))
    parts = _range_parts(rest)
    if word:
        amount = _qualified(word, parts, text)
    elif len(parts) == 1:
        amount = _one_amount(parts[0], text)
    else:
        amount = _range(parts, text)
    return replace(amount, typed=" ".join(text.split()))


def _check_amount(value: float, original: str) -> None:
    if value > MAX_AMOUNT:
        raise ValueIssue(
            f"« {shown(original)} » dépasse mille milliards de dollars "
            f"({_digits(MAX_AMOUNT)} $) : vérifier le nombre de zéros")


# --- dates ------------------------------------------------------------------
#
# A date is written as ISO 8601 (2016, 2016-03, 2016-03-15) or in words, in
# any capitalisation, with or without accents: « mars 2016 », « 15 mars 2025 »,
# « 1er mars 2025 », « automne 2011 »; « vers » before any of them makes it
# approximate (« vers octobre 2023 », « vers le 15 mars 2025 »). Where a column
# allows it, a span of years: « 2021-2023 », « 2021 à 2023 ».

FIRST_YEAR, LAST_YEAR = 1900, 2200
_ISO_DATE = re.compile(r"^([0-9]{4})(?:-([0-9]{1,2})(?:-([0-9]{1,2}))?)?$")
_SPAN = re.compile(r"^([0-9]{4}) ?(?:-|–|—|a|au) ?([0-9]{4})$")  # « à », unaccented
_IN_WORDS = re.compile(r"^(?:(1er|[0-9]{1,2}) )?([a-z]+)(?: ([0-9]{4}))?$")
_SLASHED = re.compile(r"^([0-9]{1,2})[/.]([0-9]{1,2})[/.]([0-9]{4})$")
_DIGITS = re.compile(r"^[0-9 ]+$")
_AROUND = re.compile(r"^vers(?: |$)(?:le |l' ?)?")  # « vers le 15 mars », « vers l'été »


def _plain(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_MONTH_WORDS = {_plain(name): number for number, name in enumerate(MONTHS, 1)}
_SEASON_WORDS = {_plain(name): name for name in french.SEASONS}
_SEASON_MONTH = {"hiver": 1, "printemps": 4, "été": 7, "automne": 10}  # for examples


def _words(text: str) -> str:
    """Lower case, no accents, one space between words, « ’ » as « ' », « 1ᵉʳ » as « 1er »."""
    text = text.replace("’", "'").replace("ᵉʳ", "er")
    return " ".join(_plain(text).split())


def _check_day(year: int, month: int, day: int, text: str) -> None:
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise ValueIssue(
            f"« {shown(text)} » : le {day} {MONTHS[month - 1]} {year} n'existe pas "
            f"({MONTHS[month - 1]} {year} compte {days} jours)")


def _iso(body: str, text: str) -> Optional[PartialDate]:
    match = _ISO_DATE.match(body)
    if not match:
        return None
    year, month, day = (int(g) if g else 0 for g in match.groups())
    if match.group(2) and not 1 <= month <= 12:
        raise ValueIssue(f"« {shown(text)} » : le mois {month} n'existe pas (1 à 12)")
    if match.group(3):
        _check_day(year, month, day, text)
    return PartialDate(year, month, day)


def _span(body: str, text: str) -> Optional[PartialDate]:
    match = _SPAN.match(body)
    if not match:
        return None
    first, last = int(match.group(1)), int(match.group(2))
    if last < first:
        raise ValueIssue(f"« {shown(text)} » : la première année doit être la plus "
                         f"petite ({last}-{first})")
    return PartialDate(first, until=last if last != first else 0)


def _meant(word: str) -> Optional[str]:
    """The month or season an abbreviation (« fev », « sept ») or a slip stands for."""
    names = MONTHS + french.SEASONS
    starting = [name for name in names if len(word) >= 3 and _plain(name).startswith(word)]
    if len(starting) > 1:
        return None  # « jui »: juin or juillet
    return starting[0] if starting else suggestion(word, names)


# Words that place a date within its year without naming a month.
_VAGUE_WORDS = ("debut", "fin", "mi", "milieu")


def _as_written(word: str, text: str) -> str:
    """``word`` (read without accents) as the author typed it: « début »."""
    for token in re.findall(r"[^\W\d_]+", text):
        if _plain(token) == word:
            return token
    return word


def _unknown_word(word: str, text: str) -> ValueIssue:
    typed = _as_written(word, text)
    if word in _VAGUE_WORDS:
        found = re.search(r"[0-9]{4}", text)
        year = found.group(0) if found else "2026"
        return ValueIssue(
            f"« {shown(text)} » : « {typed} » ne dit pas le mois ; écrire l'année seule "
            f"({year}), le mois s'il est connu (p. ex. mars {year}), ou « vers » devant une "
            f"date approximative (vers mars {year})")
    message = (f"« {shown(text)} » : « {typed} » n'est ni un mois ni une saison (écrire "
               "le mois en toutes lettres, p. ex. mars 2026, ou la saison : automne 2026)")
    near = _meant(word)
    if near is not None:
        message += f" ; vouliez-vous dire « {near} » ?"
    return ValueIssue(message)


def _in_words(body: str, text: str) -> Optional[PartialDate]:
    match = _IN_WORDS.match(body)
    if not match:
        return None
    day_text, word, year_text = match.groups()
    month, season = _MONTH_WORDS.get(word, 0), _SEASON_WORDS.get(word, "")
    if not (month or season):
        if day_text or year_text:
            raise _unknown_word(word, text)
        return None  # « douze »: not a date at all
    named = MONTHS[month - 1] if month else season
    if season and day_text:
        within = MONTHS[_SEASON_MONTH[season] - 1]
        raise ValueIssue(f"« {shown(text)} » : une saison s'écrit sans jour (écrire "
                         f"{season} {year_text or 2026}, ou le jour et le mois : "
                         f"{day_text} {within} {year_text or 2026})")
    if not year_text:
        example = f"{day_text} {named}" if day_text else named
        raise ValueIssue(f"« {shown(text)} » : il manque l'année (écrire p. ex. "
                         f"{example} 2026)")
    year, day = int(year_text), 1 if day_text == "1er" else int(day_text or 0)
    if day_text:
        _check_day(year, month, day, text)
    return PartialDate(year, month, day, season)


def _slashed_issue(text: str) -> Optional[ValueIssue]:
    """« 15/01/2026 »: say how to write the day it must be, or both it may be."""
    match = _SLASHED.match(_words(text))
    if not match:
        return None
    first, second, year = (int(g) for g in match.groups())
    readings = [(day, month) for day, month in ((first, second), (second, first))
                if 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]]
    readings = list(dict.fromkeys(readings))
    if not readings:
        return None
    day, month = readings[0]
    iso = f"{year:04d}-{month:02d}-{day:02d}"
    if len(readings) == 1:
        return ValueIssue(
            f"« {shown(text)} » : écrire l'année, le mois puis le jour ({iso}) ou la "
            f"date en toutes lettres ({french.date(year, month, day)})")
    other = french.date(year, readings[1][1], readings[1][0])
    return ValueIssue(
        f"« {shown(text)} » est ambigu ({french.date(year, month, day)} ou {other} ?) : "
        f"écrire l'année, le mois puis le jour ({iso}) ou la date en toutes lettres")


def _not_a_date(text: str, days: bool, spans: bool) -> ValueIssue:
    slashed = _slashed_issue(text) if days else None
    if slashed is not None:
        return slashed
    if not days and _DIGITS.match(text.strip()):
        return ValueIssue(f"« {shown(text)} » n'est pas une année (écrire quatre "
                          "chiffres, p. ex. 2026)")
    if days:
        return ValueIssue(
            f"« {shown(text)} » n'est pas une date : écrire le jour (2026-03-15 ou "
            "15 mars 2026), le mois (2026-03 ou mars 2026), la saison (automne 2026) "
            "ou l'année (2026) ; « vers » devant une date approximative (vers mars 2026)")
    several = ", ou plusieurs années (2026-2027)" if spans else ""
    return ValueIssue(
        f"« {shown(text)} » n'est pas une année : écrire l'année (2026), le mois "
        f"(2026-03 ou mars 2026) ou la saison (automne 2026){several} ; « vers » "
        "devant une date approximative (vers 2026)")


def _check_precision(value: PartialDate, text: str, days: bool, spans: bool) -> None:
    if value.day and not days:
        raise ValueIssue(
            f"« {shown(text)} » : le jour est de trop ici : écrire l'année "
            f"({value.year}) ou le mois ({MONTHS[value.month - 1]} {value.year})")
    if value.is_span and not spans:
        what = "date, pas une période" if days else "année, pas plusieurs"
        raise ValueIssue(f"« {shown(text)} » : écrire une seule {what} (p. ex. "
                         f"{value.year})")
    for year in {value.year, value.last_year}:
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValueIssue(f"« {shown(text)} » : l'année {year} est invraisemblable")


def read_when(text: str, days: bool = True, spans: bool = False) -> PartialDate:
    """A date as an author writes it (see above). ``days``: a day may be given
    (a date column), else a year, a month or a season (a year column);
    ``spans``: a span of years may be given."""
    words = _words(text)
    around = _AROUND.match(words)
    body = words[around.end():] if around else words
    if around and not body:
        raise ValueIssue(f"« {shown(text)} » : écrire la date après « vers » (p. ex. "
                         "vers mars 2026)")
    value = _iso(body, text) or (None if around else _span(body, text))
    value = value or _in_words(body, text)
    if value is None:
        raise _not_a_date(text, days, spans)
    _check_precision(value, text, days, spans)
    return replace(value, approximate=bool(around), typed=" ".join(text.split()))


def read_date(text: str) -> PartialDate:
    """A day, a month, a season or a year, perhaps approximate."""
    return read_when(text)


def read_year(text: str) -> int:
    """A year in four digits, nothing else (the plan's period)."""
    compact = text.strip()
    if not re.match(r"^[0-9]{4}$", compact):
        raise ValueIssue(
            f"« {shown(text)} » n'est pas une année (écrire quatre chiffres, p. ex. 2026)"
        )
    year = int(compact)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueIssue(f"« {shown(text)} » : l'année {year} est invraisemblable")
    return year


# --- booleans, choices, text --------------------------------------------------

TRUE_WORDS = {"oui", "vrai", "true", "yes", "o"}
FALSE_WORDS = {"non", "faux", "false", "no", "n"}


def read_boolean(text: str) -> bool:
    word = text.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueIssue(f"« {shown(text)} » : répondre « oui » ou « non »")


def fold(text: str) -> str:
    """Lower case without accents, to suggest the value the author meant."""
    decomposed = unicodedata.normalize("NFD", str(text).strip().lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def suggestion(text: str, candidates) -> Optional[str]:
    """The permitted value closest to what was typed, if one is close."""
    by_fold = {fold(c): c for c in map(str, candidates)}
    if fold(text) in by_fold:
        return by_fold[fold(text)]
    close = difflib.get_close_matches(fold(text), list(by_fold), n=1, cutoff=0.75)
    return by_fold[close[0]] if close else None


def read_choice(text: str, choices: tuple, labels: tuple = ()):
    """One of ``choices``, in any capitalisation (« Atelier »), or written as the
    label the site prints for it (« prioritaire » for 1): the canonical value."""
    wanted = text.strip()
    for choice in choices:
        if str(choice) == wanted:
            return choice
    folded = wanted.casefold()
    for choice in choices:
        if str(choice).casefold() == folded:
            return choice
    for choice, label in zip(choices, labels):
        if label.casefold() == folded:
            return choice
    allowed = ", ".join(str(c) for c in choices)
    message = f"« {shown(text)} » n'est pas une valeur permise (choisir parmi : {allowed})"
    near = suggestion(wanted, choices)
    if near is not None:
        message += f" ; vouliez-vous dire « {near} » ?"
    raise ValueIssue(message)


_URL = re.compile(r"^https?://[^\s/$.?#\"'<>\\`]+[^\s\"'<>\\`]*$",
                  re.IGNORECASE | re.ASCII)


def read_link(text: str) -> str:
    compact = text.strip()
    if re.match(r"^https?://", compact, re.IGNORECASE) and not _URL.match(compact):
        raise ValueIssue(
            f"« {shown(text)} » contient des caractères interdits dans une adresse "
            "web (espace, guillemet, < ou >) : les retirer"
        )
    if not _URL.match(compact):
        raise ValueIssue(
            f"« {shown(text)} » n'est pas une adresse web complète (elle doit "
            "commencer par https:// ou http://)"
        )
    return compact


_EMAIL_PART = r"[^@\s<>()\[\]\\,;:\"]+"
_EMAIL = re.compile(rf"^{_EMAIL_PART}@{_EMAIL_PART}\.{_EMAIL_PART}$")


def read_email(text: str) -> str:
    compact = text.strip()
    if re.match(r"^mailto:", compact, re.IGNORECASE):
        raise ValueIssue(f"« {shown(text)} » : écrire l'adresse seule, sans « mailto: » "
                         "(p. ex. nom@mrc.qc.ca)")
    if compact.startswith("<") and compact.endswith(">") or "<" in compact:
        raise ValueIssue(f"« {shown(text)} » : écrire l'adresse seule, sans chevrons "
                         "< > ni nom (p. ex. nom@mrc.qc.ca)")
    if not _EMAIL.match(compact):
        raise ValueIssue(
            f"« {shown(text)} » n'est pas une adresse courriel (p. ex. nom@mrc.qc.ca)"
        )
    return compact


def read_text(text: str, longest: int) -> str:
    """A text of at most ``longest`` characters, with no control character
    (a vertical tab, a reversal of the text's direction)."""
    value = text.strip()
    if len(value) > longest:
        raise TooLong(
            f"« {shown(text)} » compte {_digits(len(value))} caractères : ce "
            f"champ en prend au plus {_digits(longest)}")
    if characters.has_control(value):
        raise ValueIssue(f"« {shown(text)} » contient un caractère de contrôle, qui n'a "
                         "pas sa place dans un texte")  # the validator names it
    return value
