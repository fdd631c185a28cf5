"""Geometry of the charts (charts/geometry.py): scales, ticks, text, layout."""

from __future__ import annotations

import datetime

import pytest

from macros.charts import geometry as charts
from support import LONG


def test_nice_domain_has_round_ticks_covering_the_values():
    low, high, ticks = charts.nice_domain([3, 87])
    assert (low, high) == (0, 100) and ticks == [0, 20, 40, 60, 80, 100]
    low, high, ticks = charts.nice_domain([89, 99])  # far from 0: zero left out
    assert low >= 80 and high >= 99
    assert charts.nice_domain([]) == (0.0, 1.0, [0.0, 1.0])
    assert charts.nice_domain([5, 5])[0] < 5 < charts.nice_domain([5, 5])[1]


def test_wrap_breaks_at_spaces_then_hyphens_and_marks_cuts():
    assert charts.wrap("Sainte-Hermance-du-Lac", 100) [0].endswith("-")
    lines = charts.wrap(LONG, 150)
    assert len(lines) == 2 and lines[-1].endswith("…")
    assert all(charts.text_width(line) <= 150 for line in lines)
    assert charts.wrap("Court", 150) == ["Court"]
    assert charts.wrap("", 150) == []


def test_shorten_keeps_the_longest_start_that_fits_with_the_ellipsis():
    name = "Sainte-Hermance-du-Lac"
    assert charts.shorten(name, charts.text_width(name)) == name  # exact fit: not cut
    assert charts.shorten(name, charts.text_width("Sainte-Hermance…")) == "Sainte-Hermance…"
    just_less = charts.text_width("Sainte-Hermance…") - 0.01
    assert charts.shorten(name, just_less) == "Sainte-Hermanc…"
    # a space is never left before « … »
    place = "Lac aux Hérons"
    assert charts.shorten(place, charts.text_width("Lac aux H…") - 0.01) == "Lac aux…"
    assert charts.shorten("Mot", 1) == "…"


# Texts far longer than any label: a title pasted 100 kB long must still give a
# label that fits, and the work must not depend on how long the text is.
HUGE = 200_000
HUGE_TEXTS = {
    "words": (LONG + " ") * (HUGE // len(LONG) + 1),
    "one word": "x" * HUGE,
    "hyphenated": "Sainte-Hermance-du-Lac-" * (HUGE // 23 + 1),
    "no-break spaces": "25\u00a0000\u00a0$ " * (HUGE // 10 + 1),
}


@pytest.mark.parametrize("kind", list(HUGE_TEXTS))
def test_a_huge_text_is_cut_to_fit(kind):
    text = HUGE_TEXTS[kind][:HUGE]
    short = charts.shorten(text, 200)
    assert charts.text_width(short) <= 200 and short.endswith("…")
    assert text.startswith(short[:-1])
    for max_lines in (2, 3):
        lines = charts.wrap(text, 150, charts.SMALL, max_lines)
        assert 1 <= len(lines) <= max_lines and lines[-1].endswith("…")
        assert all(charts.text_width(line, charts.SMALL) <= 150 for line in lines)


def test_cutting_reads_only_the_characters_that_can_fit(monkeypatch):
    """Complexity check without a clock: the characters measured are the same
    for a text of 2 000 characters and for one a hundred times longer."""
    counted = []
    unit = charts._unit
    monkeypatch.setattr(charts, "_unit", lambda ch: counted.append(ch) or unit(ch))

    def measured(call, text) -> int:
        counted.clear()
        call(text)
        return len(counted)

    for text in HUGE_TEXTS.values():
        for call in (lambda t: charts.shorten(t, 200), lambda t: charts.wrap(t, 150),
                     lambda t: charts.label_column([t, "Court"])):
            short, long = measured(call, text[:2_000]), measured(call, text[:HUGE])
            assert 0 < short == long


def test_label_column_of_a_huge_label_is_the_widest_allowed():
    assert charts.label_column([HUGE_TEXTS["words"], "Court"], 0.3) == 210
    assert charts.label_column(["Court"], 0.3) == 90  # negative control: the minimum


def test_scales_map_and_clamp():
    scale = charts.Scale(0, 100, 10, 110)
    assert (scale(0), scale(50), scale(100)) == (10, 60, 110)
    assert scale.clamped(150) == 110
    time = charts.TimeScale(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31), 0, 364)
    assert time(datetime.date(2026, 1, 2)) == 1
    assert time.clamped(datetime.date(2030, 1, 1)) == 364


def test_legend_wraps_instead_of_running_off_the_chart():
    items, height = charts.legend([("plein ok", "Une légende assez longue " * 3)] * 4, 0,
                                  width=300)
    assert len({item.y for item in items}) > 1 and height > charts.LINE
    assert all(item.x < 300 for item in items)
