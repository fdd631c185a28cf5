"""What Material's search is given to read (pages/searchable.py): the page
without its data-search-exclude elements, and nothing else removed."""

from __future__ import annotations

from macros.pages.searchable import without_excluded, without_search_attributes


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
