"""Geometry of the plan's charts: scales, ticks, text measurement, layout.

The charts are inline SVG drawn at build time (the other modules of this
package compute what to draw from the already-loaded data, the templates of
``templates/chart/`` write the markup). This module holds only plain
functions and small value types, without data, words or markup, so every
rule is testable on its own.

Why no charting library: the charts must be static SVG with no JavaScript,
print as they show, use the site's CSS custom properties for both palettes,
and escape every value through the same Jinja environment as the grids.
Matplotlib or Plotly (heavy, their SVG hard-codes colours and fonts, no
``role``/``<title>``/``<desc>`` structure), pygal (JavaScript tooltips,
inline styles) or Altair/Vega (JavaScript at view time) would each have to
be fought on these points. A few hundred lines of plain geometry do the job.

Text widths are estimated (a browser measures text at view time, we cannot):
``text_width`` over-estimates on purpose so labels never overlap, and every
label that could be long is wrapped or shortened with « … » while its full
text stays in the data table beside the chart.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime
import itertools
import math
from dataclasses import dataclass
from functools import lru_cache

from ..plan.values import as_date

# Drawing units: one unit is one CSS pixel when the chart is shown at its
# natural width (the width of Material's content column on a desktop).
WIDTH = 700
FONT = 13  # labels
SMALL = 12  # axis ticks, notes
LINE = 16  # line height of labels
LABEL_GAP = 8  # between a row's label and the plot
ELLIPSIS = "…"

# The narrow variant of a chart, for phones: the content column of a 390 px
# screen holds it at its natural size or larger (text never under 12 px).
# Drawn with the same code as the wide one, inside ``narrow_layout()``: the
# width shrinks, and each row's label goes on its own lines above its bar.
NARROW_WIDTH = 340
_VARIANT = contextvars.ContextVar("pnt_narrow_chart", default=False)


@contextlib.contextmanager
def narrow_layout():
    """Charts computed inside this block are their narrow variant."""
    token = _VARIANT.set(True)
    try:
        yield
    finally:
        _VARIANT.reset(token)


def narrow() -> bool:
    return _VARIANT.get()


def width() -> float:
    """The width of the chart being computed."""
    return NARROW_WIDTH if narrow() else WIDTH


# --- numbers for the SVG attributes ----------------------------------------------------

def coord(value: float) -> float:
    """A coordinate rounded to a tenth of a unit (small, stable markup)."""
    rounded = round(float(value), 1)
    return 0.0 if rounded == 0 else rounded


# --- text --------------------------------------------------------------------------------

_NARROW = set("iljtfrI.,;:!'|()[] -/\u00a0\u202f")
_WIDE = set("mwMWœŒæÆ%@")


@lru_cache(maxsize=4096)  # a few hundred characters: a width adds one per character
def _unit(ch: str) -> float:
    """Width of one character, in font sizes (``text_width`` adds these)."""
    if ch in _NARROW:
        return 0.34
    if ch in _WIDE:
        return 0.9
    if ch.isupper():
        return 0.66
    if ch.isdigit():
        return 0.58
    return 0.56


def text_width(text: str, size: float = FONT) -> float:
    """Estimated width of ``text`` in a sans-serif font (slightly generous)."""
    total = 0.0
    for ch in str(text):
        total += _unit(ch)
    return total * size


# Long values (a 100 kB title) must cost linear time, and cutting must give
# exactly what measuring every candidate with ``text_width`` would give. Two
# facts make that possible:
#
# * ``text_width`` adds the characters' widths from left to right, then
#   multiplies by ``size``. Adding the same widths in the same order onto a
#   running total gives the very same float as measuring the string again, so
#   a running total replaces each re-measurement (the order matters: floats
#   are not associative, hence no precomputed sum of a word, and no ``sum()``,
#   which compensates rounding since Python 3.12).
# * When ``size`` is a positive finite number and ``max_width`` a finite one,
#   widths only grow: every character adds a positive width, and rounding
#   float additions and products by a positive number keeps their order. So
#   once a running total passes ``max_width``, every longer string that starts
#   the same way passes it too, with or without « … »: the scan can stop there,
#   and whatever follows cannot change the result. Any other ``size`` or
#   ``max_width`` (zero, negative, infinite, NaN: never used by the charts)
#   takes a path that measures every candidate the old way, from running
#   totals, so it is linear too and gives the old result by construction.

def _ordered(max_width, size) -> bool:
    """Whether widths grow with the text for these arguments (see above)."""
    return (isinstance(size, (int, float)) and isinstance(max_width, (int, float))
            and 0 < size < math.inf and -math.inf < max_width < math.inf)


def _wider(text: str, max_width: float, size: float, ordered: bool) -> bool:
    """``text_width(text, size) > max_width``, stopping early when it may."""
    if not ordered:
        return text_width(text, size) > max_width
    total = 0.0
    for ch in text:
        total += _unit(ch)
        if total * size > max_width:
            return True
    return False


def _measured(text, size: float, limit: float) -> float:
    """``text_width(text, size)``, or, when widths grow, a smaller width
    already above ``limit``: every result that only grows with the width and
    stops growing past ``limit`` is then the same."""
    if not _ordered(limit, size):
        return text_width(text, size)
    total = 0.0
    for ch in str(text):
        total += _unit(ch)
        if total * size > limit:
            break
    return total * size


def _shorten_ordered(chunks, max_width: float, size: float) -> str:
    """``shorten`` of the concatenation of ``chunks``, when widths grow.

    The old ``shorten`` returned ``text[:cut].rstrip() + « … »`` for the
    largest ``cut`` whose result fits (``cut`` 0 when none does), or ``text``
    itself when it fits. ``text[:cut].rstrip()`` is ``text[:k]`` for the
    largest ``k <= cut`` with ``k == 0`` or ``text[k - 1]`` not a space, so
    the result is ``text[:k] + « … »`` for the largest such ``k`` that fits
    with « … » (``k`` 0, « … » alone, when none does). This scan reads the
    characters once, keeps that ``k`` up to date, and stops at the first
    prefix wider than ``max_width``: no longer prefix fits, with or without
    « … », so neither ``k`` nor the answer can change after it, and the rest
    of the text is never read (nor built, when ``chunks`` is lazy).
    """
    ellipsis = _unit(ELLIPSIS)
    seen, best, total, length = [], 0, 0.0, 0
    if total * size > max_width:  # even the empty prefix is too wide
        return ELLIPSIS
    for chunk in chunks:
        seen.append(chunk)
        for ch in chunk:
            length += 1
            total += _unit(ch)
            if total * size > max_width:
                return "".join(seen)[:best] + ELLIPSIS
            if not ch.isspace() and (total + ellipsis) * size <= max_width:
                best = length
    return "".join(seen)


def _shorten_any(text: str, max_width, size) -> str:
    """The old ``shorten`` for any arguments: every cut from the longest
    down, each measured from prefix sums (the same floats as ``text_width``)
    instead of from scratch."""
    totals, total = [0.0], 0.0
    kept, last = [0], 0  # kept[cut] == len(text[:cut].rstrip())
    for position, ch in enumerate(text, 1):
        total += _unit(ch)
        totals.append(total)
        if not ch.isspace():
            last = position
        kept.append(last)
    if total * size <= max_width:
        return text
    ellipsis = _unit(ELLIPSIS)
    for cut in range(len(text), 0, -1):
        if not (totals[kept[cut]] + ellipsis) * size > max_width:
            return text[:kept[cut]] + ELLIPSIS
    return ELLIPSIS


def shorten(text: str, max_width: float, size: float = FONT) -> str:
    """``text`` cut with « … » so that it fits in ``max_width``."""
    text = str(text)
    if _ordered(max_width, size):
        return _shorten_ordered((text,), max_width, size)
    return _shorten_any(text, max_width, size)


def _iter_pieces(text: str, max_width: float, size: float, ordered: bool):
    """The pieces of ``_pieces``, one word at a time."""
    for word in str(text).split():
        if _wider(word, max_width, size, ordered) and "-" in word.strip("-"):
            parts = [part + "-" for part in word.split("-")[:-1]] + [word.split("-")[-1]]
            parts = [part for part in parts if part]
        else:
            parts = [word]
        for k, part in enumerate(parts):
            yield part, k == 0


def _pieces(text: str, max_width: float, size: float) -> list:
    """Words, each with whether a space precedes it; a word too long for a
    line is cut after its hyphens (« Sainte-Hermance- » « du-Lac »)."""
    return list(_iter_pieces(text, max_width, size, _ordered(max_width, size)))


def wrap(text: str, max_width: float, size: float = FONT, max_lines: int = 2) -> list:
    """Lines of at most ``max_width``; the last one ends with « … » if cut.

    A line takes pieces while it fits (its first piece even when it does
    not); the last line allowed takes all the rest, shortened. Each piece is
    measured onto the running total of its line (the same float as measuring
    the line again, see above); ``None`` stands for a total known to be wider
    than ``max_width`` when widths grow, after which nothing more fits.
    """
    ordered = _ordered(max_width, size)
    pieces = _iter_pieces(text, max_width, size, ordered)
    space = _unit(" ")

    def measure(total, piece):
        if total is None:
            return None
        for ch in piece:
            total += _unit(ch)
            if ordered and total * size > max_width:
                return None
        return total

    lines, current, total = [], [], 0.0
    for piece, spaced in pieces:
        if not current:
            current, total = [piece], measure(0.0, piece)
            continue
        glue = " " if spaced else ""
        candidate = measure(total + space if glue and total is not None else total, piece)
        if candidate is not None and candidate * size <= max_width:
            current += [glue, piece]
            total = candidate
            continue
        lines.append("".join(current))
        if len(lines) == max_lines - 1:
            rest = itertools.chain((piece,), ((" " if sp else "") + pc for pc, sp in pieces))
            if ordered:
                lines.append(_shorten_ordered(rest, max_width, size))
            else:
                lines.append(_shorten_any("".join(rest), max_width, size))
            return lines
        current, total = [piece], measure(0.0, piece)
    if current:
        lines.append(shorten("".join(current), max_width, size))
    return lines


# --- scales ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Scale:
    """A linear map from a domain [d0, d1] to a range [r0, r1]."""

    d0: float
    d1: float
    r0: float
    r1: float

    def __call__(self, value: float) -> float:
        if self.d1 == self.d0:
            return coord((self.r0 + self.r1) / 2)
        share = (float(value) - self.d0) / (self.d1 - self.d0)
        return coord(self.r0 + share * (self.r1 - self.r0))

    def clamped(self, value: float) -> float:
        low, high = sorted((self.d0, self.d1))
        return self(min(max(float(value), low), high))


@dataclass(frozen=True)
class TimeScale:
    """A linear map from dates to a range, by day."""

    start: datetime.date
    end: datetime.date
    r0: float
    r1: float

    def __call__(self, value) -> float:
        day = as_date(value)
        return Scale(self.start.toordinal(), self.end.toordinal(),
                     self.r0, self.r1)(day.toordinal())

    def clamped(self, value) -> float:
        day = min(max(as_date(value), self.start), self.end)
        return self(day)

    def contains(self, value) -> bool:
        return self.start <= as_date(value) <= self.end


def nice_step(span: float, count: int = 5) -> float:
    """A round step (1, 2, 2.5 or 5 × 10ⁿ) that cuts ``span`` in about ``count``."""
    if span <= 0:
        return 1.0
    raw = span / max(count, 1)
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def nice_domain(values, count: int = 5, zero: bool = True) -> tuple:
    """(low, high, ticks) covering ``values`` with round ticks.

    ``zero`` keeps 0 in the domain when every value has the same sign, unless
    the values are far from it (then the differences would be unreadable).
    """
    values = [float(v) for v in values if v is not None]
    if not values:
        return 0.0, 1.0, [0.0, 1.0]
    low, high = min(values), max(values)
    if zero and (low >= 0 and low <= high / 2 or high <= 0):
        low = min(low, 0.0)
        high = max(high, 0.0)
    if low == high:
        low, high = (low - 1, high + 1) if low else (0.0, 1.0)
    step = nice_step(high - low, count)
    first = math.floor(low / step + 1e-9) * step
    last = math.ceil(high / step - 1e-9) * step
    ticks, tick = [], first
    while tick <= last + step / 2:
        ticks.append(round(tick, 10))
        tick += step
    return ticks[0], ticks[-1], ticks


def time_domain(days, fallback: datetime.date = None, pad_to_years: bool = True) -> tuple:
    """(start, end) covering ``days``, whole years by default; without any
    day, the year of ``fallback`` (the reference date: never the clock)."""
    days = [as_date(d) for d in days if d is not None]
    if not days:
        days = [fallback or datetime.date(2000, 1, 1)]
    start, end = min(days), max(days)
    if pad_to_years:
        return datetime.date(start.year, 1, 1), datetime.date(end.year, 12, 31)
    if start == end:
        return start - datetime.timedelta(days=30), end + datetime.timedelta(days=30)
    return start, end


# --- layout ------------------------------------------------------------------------------

def chunks(items: list, size: int) -> list:
    """``items`` in consecutive groups of ``size`` (one SVG per group)."""
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


def label_column(labels, max_share: float = 0.36, width: float = None,
                 size: float = FONT, minimum: float = 90) -> float:
    """Width of the label column: the longest label, within limits (none
    in the narrow variant, whose labels go above the bars).

    A label is measured only until it passes the widest column allowed: past
    it the column is that widest one whatever the rest of the label (when
    widths grow, see ``_measured``), so a 100 kB title costs what fits.
    """
    if narrow():  # only room for the first tick's label, centred on the axis
        return 12.0
    largest = (WIDTH if width is None else width) * max_share
    widest = max((_measured(label, size, largest) for label in labels), default=0)
    return coord(min(max(widest + LABEL_GAP + 2, minimum), largest))


@dataclass(frozen=True)
class LegendItem:
    key: str  # its drawing and colour: "plein ok", "tirets texte", "symbole-coche ok"
    label: str
    x: float
    y: float

    @property
    def drawing(self) -> str:
        return self.key.split(" ")[0]

    @property
    def look(self) -> str:
        return self.key.split(" ")[1]


def legend(items, y: float, x0: float = 0, width: float = None,
           swatch: float = 22) -> tuple:
    """Place (key, label) items on lines from (x0, y); returns (items, height)."""
    width = (NARROW_WIDTH if narrow() else WIDTH) if width is None else width
    placed, x, line = [], x0, 0
    for key, label in items:
        needed = swatch + 6 + text_width(label, SMALL) + 18
        if x > x0 and x + needed > width:
            line += 1
            x = x0
        placed.append(LegendItem(key, label, coord(x), coord(y + line * LINE * 1.25)))
        x += needed
    height = (line + 1) * LINE * 1.25 if placed else 0
    return placed, coord(height)


def row_layout(labels: list, top: float, label_width: float, minimum: float = 30,
               max_lines: int = 2, size: float = FONT) -> tuple:
    """Rows stacked from ``top``: each label wrapped, each row tall enough."""
    if narrow():
        return _rows_above(labels, top, minimum, max(max_lines, 3), size)
    rows, y = [], top
    for label in labels:
        lines = wrap(label, label_width - LABEL_GAP, size, max_lines) or [""]
        height = max(minimum, len(lines) * LINE + 10)
        middle = y + height / 2
        first = middle - (len(lines) - 1) * LINE / 2 + size * 0.35
        rows.append({"y": coord(y), "h": coord(height), "mid": coord(middle),
                     "lines": [{"text": t, "y": coord(first + i * LINE)}
                               for i, t in enumerate(lines)]})
        y += height
    return rows, y


def _rows_above(labels: list, top: float, minimum: float, max_lines: int,
                size: float) -> tuple:
    """The narrow variant's rows: the label on its own lines, left-aligned
    across the whole width, then the bar's band (``mid`` is its middle)."""
    rows, y = [], top
    for label in labels:
        # A phone's fonts run wider than ``text_width`` guesses: room to spare.
        lines = wrap(label, width() * 0.85, size, max_lines) or [""]
        band = max(minimum - 6, 24)
        height = len(lines) * LINE + 2 + band
        rows.append({"y": coord(y), "h": coord(height),
                     "mid": coord(y + len(lines) * LINE + 2 + band / 2), "above": True,
                     "lines": [{"text": t, "y": coord(y + (i + 1) * LINE - 3)}
                               for i, t in enumerate(lines)]})
        y += height
    return rows, y


def side_text(x: float, text: str, low: float, high: float, size: float = SMALL,
              gap: float = 6) -> dict:
    """A label after ``x``, or before it when it would pass ``high``."""
    width = text_width(text, size)
    if x + gap + width <= high:
        return {"x": coord(x + gap), "anchor": "start", "text": text}
    if x - gap - width >= low:
        return {"x": coord(x - gap), "anchor": "end", "text": text}
    return {"x": coord(low), "anchor": "start", "text": shorten(text, high - low, size)}


def centred_text(x: float, text: str, low: float, high: float, size: float = SMALL) -> dict:
    """A label centred on ``x`` but kept inside [low, high]."""
    half = text_width(text, size) / 2
    if x - half < low:
        return {"x": coord(low), "anchor": "start", "text": text}
    if x + half > high:
        return {"x": coord(high), "anchor": "end", "text": text}
    return {"x": coord(x), "anchor": "middle", "text": text}


def year_marks(scale: TimeScale, y: float, most: int = 12) -> tuple:
    """Grid lines on 1 January and year labels centred on each year's span."""
    years = list(range(scale.start.year, scale.end.year + 1))
    step = max(1, -(-len(years) // most))
    lines = [{"x": scale(as_date(year))} for year in years
             if as_date(year) > scale.start]
    labels = []
    for year in years[::step]:
        first = max(as_date(year), scale.start)
        last = min(as_date((year, 12, 31)), scale.end)
        middle = scale(first) + (scale(last) - scale(first)) / 2
        labels.append(dict(centred_text(middle, str(year), scale.r0, scale.r1), y=coord(y)))
    return lines, labels
