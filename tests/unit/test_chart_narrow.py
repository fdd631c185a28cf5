"""The narrow variant of each chart (a phone's, templates/chart/figure.html):
drawn by the same code as the wide one, its labels above its bars, narrow
enough for a 390 px screen's column at its natural size (so its 12 and 13
unit text is at least 12 px there), with the same content as the wide one."""

from __future__ import annotations

from collections import Counter

import pytest
from bs4 import BeautifulSoup

from macros.charts import CHARTS
from macros.charts.geometry import NARROW_WIDTH, WIDTH, text_width
from macros.pages.site import Site
from support import check_svg_accessibility, labels, svgs, two_hundred_projects, variant
from support import chart as data_chart

PHONE_COLUMN = 390 - 2 * 16  # Material's content column on a 390 px screen
DRAWN = [name for name in CHARTS if name != "indicateurs"]  # those: already 320 wide


@pytest.fixture(scope="module")
def example_pages(example):
    return Site(example)


def both(site, name):
    html = site.chart(name, "plan/suivi/")
    return (variant(BeautifulSoup(html, "html.parser"), "large"),
            variant(BeautifulSoup(html, "html.parser"), "etroit"))


def width_of(svg) -> float:
    return float(svg["viewbox"].split()[2])


@pytest.mark.parametrize("name", DRAWN)
def test_narrow_variant_says_what_the_wide_one_says(example_pages, name):
    wide, narrow = both(example_pages, name)
    assert svgs(wide) and len(svgs(narrow)) == len(svgs(wide))
    check_svg_accessibility(narrow)
    for large, small in zip(svgs(wide), svgs(narrow)):
        assert width_of(large) == WIDTH and width_of(small) == NARROW_WIDTH <= PHONE_COLUMN
        assert small.title.get_text() == large.title.get_text()
        assert small.desc.get_text() == large.desc.get_text()
        assert len(small.select("rect.pnt-g-barre")) == len(large.select("rect.pnt-g-barre"))
        assert len(labels(small)) == len(labels(large))
        # Same words, wrapped otherwise (and never shorter than the wide label).
        for short, long in zip(labels(small), labels(large)):
            assert len(short.rstrip("…")) >= len(long.rstrip("…")) - 1, (short, long)


@pytest.mark.parametrize("name", DRAWN)
def test_narrow_labels_sit_above_their_bars_inside_the_width(example_pages, name):
    _, narrow = both(example_pages, name)
    for svg in svgs(narrow):
        for text in svg.select("text.pnt-g-libelle"):
            assert text["text-anchor"] == "start"
            for tspan in text.find_all("tspan"):
                assert float(tspan["x"]) == 0
                assert text_width(tspan.get_text()) <= NARROW_WIDTH
        tops = [float(t.find("tspan")["y"]) for t in svg.select("text.pnt-g-libelle")]
        assert tops == sorted(tops)


def test_both_variants_are_in_the_page_with_distinct_ids(example_pages):
    soup = BeautifulSoup(example_pages.chart("echeancier", "plan/suivi/"), "html.parser")
    assert soup.select(".pnt-graphique__dessin--large svg")
    assert soup.select(".pnt-graphique__dessin--etroit svg")
    ids = Counter(tag["id"] for tag in soup.find_all(id=True))
    assert not [i for i, n in ids.items() if n > 1]


def test_timeline_labels_are_whole_in_both_variants(example_pages, example):
    """« 6. P-06 Service partagé de soutien informatique et de cybersécurité »
    was cut (« …cyb… »): every project's label is now whole."""
    for soup in both(example_pages, "echeancier"):
        shown = labels(soup)
        assert len(shown) == len(example.data["projets"])
        assert not [label for label in shown if label.endswith("…")]


def test_narrow_timeline_of_two_hundred_projects_is_cut_like_the_wide_one():
    wide = data_chart(two_hundred_projects(), "echeancier")
    narrow = data_chart(two_hundred_projects(), "echeancier", kept="etroit")
    assert len(svgs(narrow)) == len(svgs(wide)) == 8
    assert sum(len(labels(svg)) for svg in svgs(narrow)) == 200


def test_data_tables_are_closed_and_label_each_cell(example_pages):
    soup = BeautifulSoup(example_pages.chart("bilan_indicateurs", "plan/suivi/"),
                         "html.parser")
    details = soup.select_one("details.pnt-donnees")
    assert details is not None and not details.has_attr("open")
    table = details.table
    heads = [th.get_text(strip=True) for th in table.thead.find_all("th")]
    for row in table.tbody.find_all("tr"):
        assert [td["data-label"] for td in row.find_all("td")] == heads[1:]
