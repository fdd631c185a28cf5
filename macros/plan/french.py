"""The one home of French formatting: every number, date, plural and list
that the site, the charts, the PDF and the messages print comes from here.

Typography follows Québec usage (Office québécois de la langue française):
a no-break space (U+00A0) before the colon, inside « », between a number
and its unit or symbol (« 25 000 $ », « 89 % »); a narrow no-break space
(U+202F) between groups of thousands (« 1 500 000 ») and before « ; ! ? »;
« 1er » for the first day of a month; a month-only date reads « en mars
2016 », never « le mars 2016 ».

Terminal messages keep ordinary spaces (a console never reflows a line at
a space); ``typeset`` applies the no-break rules to text shown in HTML.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"
NNBSP = "\u202f"

MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
    "septembre", "octobre", "novembre", "décembre",
)
MONTHS_SHORT = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juill.",
                "août", "sept.", "oct.", "nov.", "déc.")
VOWELS = "aeiouyàâéèêëîïôûùœ"


# --- numbers ----------------------------------------------------------------------

def number(value, decimals: int = 2) -> str:
    """« 1 500 000 », « 2,5 » (narrow no-break space between thousands)."""
    value = round(float(value), decimals)
    if value.is_integer():
        return f"{int(value):,}".replace(",", NNBSP)
    text = f"{value:,.{decimals}f}".rstrip("0").rstrip(".")
    return text.replace(",", NNBSP).replace(".", ",")


def percent(value, decimals: int = 2) -> str:
    """« 89 % », « 85,5 % »."""
    return f"{number(value, decimals)}{NBSP}%"


def quantity(value, unit, missing: str = "non précisée") -> str:
    """A measure with its unit: « 89 % », « 1 350 foyers », « 12 »."""
    if value is None:
        return missing
    if not unit:
        return number(value)
    unit = unit.strip()
    return f"{number(value)}{NBSP}{unit}"


def money(low: float, high: float = None) -> str:
    """« 25 000 $ », or a range « 10 000 – 15 000 $ »."""
    if high is None or high == low:
        return f"{number(low)}{NBSP}$"
    return f"{number(low)} – {number(high)}{NBSP}$"


def money_short(value: float) -> str:
    """« 850 k$ », « 4,2 M$ », « 500 $ » for axes and labels."""
    value = float(value)
    if abs(value) >= 1_000_000:
        return f"{number(value / 1_000_000, 1)}{NBSP}M$"
    if abs(value) >= 1_000:
        return f"{number(value / 1_000, 0)}{NBSP}k$"
    return f"{number(value, 0)}{NBSP}$"


def money_range_short(low: float, high: float) -> str:
    """« 40 – 60 k$ »; one figure when both ends round alike."""
    if round(low, -3) == round(high, -3) or low == high:
        return money_short(high)
    low_text, high_text = money_short(low), money_short(high)
    unit = high_text.rsplit(NBSP, 1)[-1]
    if low_text.endswith(NBSP + unit):
        low_text = low_text[: -len(unit) - 1]
    return f"{low_text} – {high_text}"


def size(octets: int) -> str:
    """A file size: « 850 octets », « 12,4 ko », « 1,2 Mo »."""
    if octets < 1000:
        return f"{octets}{NBSP}octets"
    if octets < 1_000_000:
        return f"{number(octets / 1000, 1)}{NBSP}ko"
    return f"{number(octets / 1_000_000, 1)}{NBSP}Mo"


# --- words ----------------------------------------------------------------------------

def agree(count: int, singular: str, plural: str) -> str:
    """The word that agrees with ``count`` (in French, 0 and 1 are singular)."""
    return singular if abs(count) < 2 else plural


def count(value: int, singular: str, plural: str) -> str:
    """« 0 foyer », « 1 foyer », « 2 foyers », « 1 250 foyers »."""
    return f"{number(value)} {agree(value, singular, plural)}"


def join(items, last: str = "et") -> str:
    """« a », « a et b », « a, b et c » (empty items left out)."""
    items = [str(item) for item in items if item]
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


# --- dates ----------------------------------------------------------------------------

def day_number(day: int) -> str:
    return "1er" if day == 1 else str(day)


def date(year: int, month: int = 0, day: int = 0) -> str:
    """« 2026 », « mars 2026 », « 1er mars 2026 »."""
    if not month:
        return str(year)
    if not day:
        return f"{MONTHS[month - 1]} {year}"
    return f"{day_number(day)} {MONTHS[month - 1]} {year}"


def date_short(year: int, month: int, day: int) -> str:
    """« 10 nov. 2026 », for axes and markers."""
    return f"{day}{NBSP}{MONTHS_SHORT[month - 1]} {year}"


def _starts_with_vowel(text: str) -> bool:
    return text[:1].lower() in VOWELS


def on_date(when) -> str:
    """When something happened: « le 1er mars 2026 », « en mars 2026 », « en 2026 »."""
    return f"le {when.french}" if when.day else f"en {when.french}"


def from_prefix(when) -> str:
    """What comes before a date that starts something: « du », « d' », « de »."""
    if when.day:
        return "du "
    if when.month and _starts_with_vowel(when.french):
        return "d'"
    return "de "


def from_date(when) -> str:
    """« du 3 mars 2026 », « d'avril 2026 », « de mars 2026 », « de 2026 »."""
    return from_prefix(when) + when.french


def to_date(when) -> str:
    """« au 30 juin 2026 », « à décembre 2028 », « à 2028 »."""
    return f"au {when.french}" if when.day else f"à {when.french}"


def period(start, end) -> str:
    """« de septembre 2025 à décembre 2028 », « à partir du 3 mars 2026 », ""."""
    if start is None and end is None:
        return ""
    if end is None:
        return f"à partir {from_date(start)}"
    if start is None:
        return f"jusqu'en {end.year}" if not end.month else f"jusqu'{to_date(end)}"
    return f"{from_date(start)} {to_date(end)}"


def years(start: int, end: int) -> str:
    """« 2026–2030 »."""
    return f"{start}–{end}"


# --- typography of text shown in HTML ---------------------------------------------------

# A match may start only at the first space of a run, and the run is taken
# whole (possessive ++): a long run of spaces costs linear time, not quadratic.
_BEFORE_COLON = re.compile(r"(?<![ \t])[ \t]++:(?=\s|$)")
_BEFORE_MARK = re.compile(r"(?<![ \t])[ \t]++([;!?])")
_AFTER_OPENING = re.compile(r"«[ \t]+")
_BEFORE_CLOSING = re.compile(r"(?<![ \t])[ \t]++»")
_BEFORE_SYMBOL = re.compile(r"(?<=\d)[ \t]+(?=[%$]|k\$|M\$)")
_THOUSANDS = re.compile(r"(?<=\d)[ \u00a0](?=\d{3}(?!\d))")


def typeset(text: str) -> str:
    """``text`` with its spaces around « : ; ! ? « » % $ » and between groups of
    thousands made no-break (« 1 200 personnes », « 25 000 $ »).

    Only spaces already there are changed: nothing is added or removed, so
    the words a reader sees, and what a screen reader says, stay the same.
    """
    text = _THOUSANDS.sub(NNBSP, text)
    text = _BEFORE_COLON.sub(NBSP + ":", text)
    text = _BEFORE_MARK.sub(lambda m: NNBSP + m.group(1), text)
    text = _AFTER_OPENING.sub("«" + NBSP, text)
    text = _BEFORE_CLOSING.sub(NBSP + "»", text)
    return _BEFORE_SYMBOL.sub(NBSP, text)
