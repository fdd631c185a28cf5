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
from dataclasses import dataclass
from typing import Optional

from . import characters, french
from .french import MONTHS, NBSP, NNBSP


class ValueIssue(Exception):
    """A value that cannot be read; the message is French and says what to write."""


class TooLong(ValueIssue):
    """A text longer than its field takes."""


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the day, the month or only the year."""

    year: int
    month: int = 0  # 0: unknown
    day: int = 0  # 0: unknown

    @property
    def iso(self) -> str:
        if not self.month:
            return f"{self.year:04d}"
        if not self.day:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @property
    def french(self) -> str:
        return french.date(self.year, self.month, self.day)

    @property
    def first_day(self) -> tuple:
        return (self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> tuple:
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return (self.year, month, day)

    @property
    def first_date(self) -> datetime.date:
        return datetime.date(*self.first_day)

    @property
    def last_date(self) -> datetime.date:
        return datetime.date(*self.last_day)

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
    """An amount in dollars, or a range of amounts."""

    low: float
    high: float

    @classmethod
    def total(cls, amounts) -> "Amount":
        """The sum of several amounts (ranges add up bound by bound)."""
        amounts = [a for a in amounts if a is not None]
        return cls(sum(a.low for a in amounts), sum(a.high for a in amounts))

    @property
    def is_range(self) -> bool:
        return self.low != self.high

    @property
    def middle(self) -> float:
        return (self.low + self.high) / 2

    @property
    def french(self) -> str:
        return french.money(self.low, self.high)

    def __str__(self) -> str:
        return self.french


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




def _read_one_amount(text: str, original: str) -> float:
    compact = _squeeze(text).replace("$", "")
    if not compact:
        raise ValueIssue(f"« {shown(original)} » : il manque le montant")
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
        raise ValueIssue(
            f"« {shown(original)} » n'est pas un montant (écrire par exemple "
            "25 000 $ ou une fourchette : 10 000 – 15 000 $)"
        ) from None
    if value < 0:
        raise ValueIssue(f"« {shown(original)} » : un montant ne peut être négatif")
    _check_amount(value, original)
    return value


_ONE_SPACE = re.compile(r"\s+")
_RANGE_SEPARATOR = re.compile(r"\s*(?:–|—|\bà\b|(?<=[\d$\s])-(?=[\s\d]))\s*")


def read_amount(text: str) -> Amount:
    # One space for each run of spaces: the separator's \s* then costs linear time.
    parts = [p for p in _RANGE_SEPARATOR.split(_ONE_SPACE.sub(" ", text.strip()))
             if p is not None]
    if len(parts) > 1 and not all(re.search(r"[0-9]", part) for part in parts):
        parts = [text]  # "à déterminer" is not a range
    if len(parts) == 1:
        value = _read_one_amount(parts[0], text)
        return Amount(value, value)
    if len(parts) != 2:
        raise ValueIssue(
            f"« {shown(text)} » n'est pas un montant (une fourchette a deux bornes : "
            "10 000 – 15 000 $)"
        )
    low, high = (_read_one_amount(part, text) for part in parts)
    if low > high:
        raise ValueIssue(
            f"« {shown(text)} » : la première borne doit être la plus petite"
        )
    return Amount(low, high)


def _check_amount(value: float, original: str) -> None:
    if value > MAX_AMOUNT:
        raise ValueIssue(
            f"« {shown(original)} » dépasse mille milliards de dollars "
            f"({_digits(MAX_AMOUNT)} $) : vérifier le nombre de zéros")


# --- dates ------------------------------------------------------------------

_DATE = re.compile(r"^([0-9]{4})(?:-([0-9]{1,2})(?:-([0-9]{1,2}))?)?$")


def read_date(text: str) -> PartialDate:
    compact = text.strip()
    match = _DATE.match(compact)
    if not match:
        raise ValueIssue(
            f"« {shown(text)} » n'est pas une date : écrire l'année (2026), le mois "
            "(2026-03) ou le jour (2026-03-15)"
        )
    year, month, day = (int(g) if g else 0 for g in match.groups())
    if match.group(2) and not 1 <= month <= 12:
        raise ValueIssue(f"« {shown(text)} » : le mois {month} n'existe pas (1 à 12)")
    if match.group(3) and not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise ValueIssue(
            f"« {shown(text)} » : le {day} {MONTHS[month - 1]} {year} n'existe pas"
        )
    if not 1900 <= year <= 2200:
        raise ValueIssue(f"« {shown(text)} » : l'année {year} est invraisemblable")
    return PartialDate(year, month, day)


def read_year(text: str) -> int:
    compact = text.strip()
    if not re.match(r"^[0-9]{4}$", compact):
        raise ValueIssue(
            f"« {shown(text)} » n'est pas une année (écrire quatre chiffres, p. ex. 2026)"
        )
    year = int(compact)
    if not 1900 <= year <= 2200:
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


def read_choice(text: str, choices: tuple):
    wanted = text.strip()
    for choice in choices:
        if str(choice) == wanted:
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
    if any(characters.is_control(c) for c in value):
        raise ValueIssue(f"« {shown(text)} » contient un caractère de contrôle, qui n'a "
                         "pas sa place dans un texte")  # the validator names it
    return value
