"""The site's search in a real browser: its index (the heaviest file of a first
view) and its engine (Material's search worker) are downloaded only once a
reader starts a search, and the search then works
(overrides/partials/search-index-on-demand.html)."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.navigateur

INDEX = "/search/search_index.json"
ENGINE = re.compile(r"/assets/javascripts/workers/search\.[0-9a-f]+\.min\.js$")


def _open(browser, url: str):
    """A new page loaded from ``url``, with the list of what it requested."""
    page = browser.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(url, wait_until="networkidle")
    return page, requested


def _results(page) -> list:
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    return [a.get_attribute("href") for a in page.locator(".md-search-result__link").all()]


def test_index_waits_for_the_reader_to_search(browser, served_example):
    page, requested = _open(browser, served_example.url(""))
    page.wait_for_timeout(500)
    assert not [url for url in requested if url.endswith(INDEX)]
    assert not [url for url in requested if ENGINE.search(url)]
    page.keyboard.press("/")  # Material's shortcut to the search field
    page.keyboard.type("Brigade")
    found = _results(page)
    assert [url for url in requested if url.endswith(INDEX)]
    assert [url for url in requested if ENGINE.search(url)]
    assert any("plan/projets/" in href and "#p-02" in href for href in found), found
    page.close()


def test_search_field_clicked_on_a_phone_loads_the_index(browser, served_example):
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(served_example.url("etapes/03-besoins/"), wait_until="networkidle")
    page.click("label[for=__search].md-header__button")
    page.keyboard.type("gouvernance")
    assert _results(page)
    page.close()


def test_page_opened_from_a_search_link_searches_at_once(browser, served_example):
    page, requested = _open(browser, served_example.url("?q=Brigade"))
    assert _results(page)
    assert [url for url in requested if url.endswith(INDEX)]
    page.close()
