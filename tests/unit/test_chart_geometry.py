"""Geometry of the charts (charts/geometry.py): scales, ticks, text, layout."""

from __future__ import annotations

import datetime

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
