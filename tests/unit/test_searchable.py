"""What Material's search is given to read (pages/searchable.py): the page
without its data-search-exclude elements, and nothing else removed; and,
in the next build, what it found in a page unchanged since."""

from __future__ import annotations

from dataclasses import dataclass, field

import markdown
from material.plugins.search.plugin import SearchIndex
from mkdocs.structure.toc import get_toc

from macros.pages.searchable import (FoundLastBuild, without_excluded,
                                     without_search_attributes)


def test_an_excluded_element_goes_with_everything_inside():
    html = ('<table><caption>Besoins</caption><tbody data-search-exclude>'
            '<tr><td>B-01</td></tr></tbody></table><p>Après</p>')
    assert without_excluded(html) == '<table><caption>Besoins</caption></table><p>Après</p>'


def test_nested_elements_of_the_same_name_end_at_the_right_tag():
    html = ('<div data-search-exclude><div>un</div><div>deux</div></div>'
            '<div>gardé</div>')
    assert without_excluded(html) == "<div>gardé</div>"


def test_several_excluded_elements_and_the_text_between_them():
    html = ('<p>a</p><thead data-search-exclude><tr><th>x</th></tr></thead><p>b</p>'
            '<details class="pnt-donnees" data-search-exclude><summary>s</summary>'
            '</details><p>c</p>')
    assert without_excluded(html) == "<p>a</p><p>b</p><p>c</p>"


def test_an_element_holding_a_heading_is_kept():
    """Material opens a section at each heading, even inside an excluded one."""
    html = '<div data-search-exclude><h2 id="x">Titre</h2><p>t</p></div>'
    assert without_excluded(html) == html


def test_the_words_in_a_value_are_not_the_attribute():
    html = '<p title="voir data-search-exclude">texte</p><p aria-label="data-search-exclude">t</p>'
    assert without_excluded(html) == html


def test_an_attribute_with_a_value_or_in_capitals_still_counts():
    assert without_excluded('<div DATA-SEARCH-EXCLUDE="">x</div><p>y</p>') == "<p>y</p>"


def test_a_void_or_unclosed_element_is_left_alone():
    assert without_excluded('<img data-search-exclude alt="x"><p>y</p>') == (
        '<img data-search-exclude alt="x"><p>y</p>')
    assert without_excluded('<div data-search-exclude>sans fin') == (
        '<div data-search-exclude>sans fin')


def test_a_page_without_the_mark_is_returned_as_is():
    html = "<p>Rien à retirer</p>"
    assert without_excluded(html) is html


def test_the_search_attributes_are_removed_as_material_does():
    """Material removes those written with a value, and leaves a bare one."""
    assert without_search_attributes(
        '<thead data-search-exclude="oui" class="x"><tr></tr></thead>') == (
        '<thead class="x"><tr></tr></thead>')
    assert without_search_attributes('<tbody data-search-exclude>') == (
        '<tbody data-search-exclude>')


# --- In the next build ----------------------------------------------------------------------

@dataclass
class Page:
    """What Material's search plugin reads of an MkDocs page."""
    source: str
    url: str = "plan/besoins/"
    title: str = "Besoins"
    meta: dict = field(default_factory=dict)

    def __post_init__(self):
        converter = markdown.Markdown(extensions=["attr_list", "toc"])
        self.content = converter.convert(self.source)
        self.toc = get_toc(converter.toc_tokens)


class Parses:
    """Material's index, counting the pages it really parses."""

    def __init__(self):
        self.index = SearchIndex()
        self.parsed = 0
        add = self.index.add_entry_from_context

        def counted(page):
            if not (page.meta.get("search") or {}).get("exclude"):
                self.parsed += 1
            add(page)

        self.index.add_entry_from_context = counted


def _build(found: FoundLastBuild, *pages: Page, served: bool = True) -> Parses:
    """One build indexing ``pages`` in order, as the hook and the plugin do it
    (served: as under mkdocs serve)."""
    found.start_build(keep=served)
    parses = Parses()
    for page in pages:
        found.before_plugin(page, parses.index)
        parses.index.add_entry_from_context(page)
        found.after_plugin(page)
    return parses


PAGE = "# Besoins\n\nLes besoins du territoire.\n\n## Internet { #internet }\n\nDes rangs.\n"


def test_a_page_unchanged_since_the_last_build_is_not_parsed_again():
    found = FoundLastBuild()
    first = _build(found, Page(PAGE))
    again = _build(found, Page(PAGE))
    assert first.parsed == 1 and again.parsed == 0
    assert again.index.entries == first.index.entries
    assert [e["location"] for e in again.index.entries] == [
        "plan/besoins/", "plan/besoins/#internet"]


def test_a_page_whose_text_changed_is_parsed_again():
    found = FoundLastBuild()
    _build(found, Page(PAGE))
    changed = _build(found, Page(PAGE.replace("Des rangs.", "Des rangs isolés.")))
    assert changed.parsed == 1
    assert changed.index.entries[-1]["text"] == "<p>Des rangs isolés.</p>"


def test_a_page_whose_anchor_changed_is_parsed_again():
    found = FoundLastBuild()
    _build(found, Page(PAGE))
    moved = _build(found, Page(PAGE.replace("{ #internet }", "{ #internet-rural }")))
    assert moved.parsed == 1
    assert moved.index.entries[-1]["location"] == "plan/besoins/#internet-rural"


def test_the_page_header_is_given_back_as_it_was():
    found = FoundLastBuild()
    _build(found, Page(PAGE, meta={"tags": ["internet"]}))
    page = Page(PAGE, meta={"tags": ["internet"]})
    again = _build(found, page)
    assert page.meta == {"tags": ["internet"]}
    assert again.index.entries[0]["tags"] == ["internet"]


def test_a_kept_page_that_no_longer_fits_in_the_store_is_still_indexed():
    found = FoundLastBuild()
    found.outputs.limit = 70  # room for the big page, or the small one, not both
    small = "# Un\n\nCourt.\n"
    first = _build(found, Page(small, url="un/"))
    index = _build(found, Page(PAGE), Page(small, url="un/")).index  # the big one takes the room
    assert [e["location"] for e in index.entries] == [
        "plan/besoins/", "plan/besoins/#internet", "un/"]
    assert index.entries[-1] == first.index.entries[0]


def test_a_plugin_that_indexes_the_page_anyway_does_not_index_it_twice():
    found = FoundLastBuild()
    _build(found, Page(PAGE))
    found.start_build(keep=True)
    index = SearchIndex()
    page = Page(PAGE)
    found.before_plugin(page, index)
    page.meta = {}  # as if the plugin did not know « search: exclude »
    index.add_entry_from_context(page)
    found.after_plugin(page)
    assert len(index.entries) == 2


def test_a_build_that_is_not_served_parses_every_page():
    found = FoundLastBuild()
    for build in range(2):
        parses = _build(found, Page(PAGE), served=False)
        assert parses.parsed == 1 and len(parses.index.entries) == 2


def test_a_page_excluded_by_its_author_stays_out_of_the_index():
    found = FoundLastBuild()
    _build(found, Page(PAGE, meta={"search": {"exclude": True}}))
    again = _build(found, Page(PAGE, meta={"search": {"exclude": True}}))
    assert again.index.entries == []
