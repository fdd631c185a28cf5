"""French typography of every page as it reaches the reader, on both builds.

``test_guide.py`` checks the guide's own prose; this module checks whole
pages, so the text the macros generate from data (grids, plan pages,
charts, example boxes, progress, open data, follow-up) is held to the same
rules, on the example and on a fresh plan: no-break spaces before « : ; ! ? »,
inside « », before % and $, narrow ones between thousands; « 1er » for the
first of a month; never « le » before a month without a day.
"""

from __future__ import annotations

import copy
import re

import pytest

from support import typography_problems

URL = re.compile(r"\b(?:https?://|www\.)\S+")
SKIPPED = "code, pre, script, style, .headerlink, [lang]:not([lang^='fr'])"
BLOCKS = ("p", "li", "td", "th", "h1", "h2", "h3", "h4", "caption", "dt", "dd", "div",
          "figcaption", "desc", "title", "text", "tr", "table")
MONTHS = ("janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre"
          "|décembre")
PAGE_RULES = (
    (re.compile(r"\d[ \u00a0]\d{3}(?!\d)"), "milliers sans espace fine insécable"),
    (re.compile(r"\d[ \t](?:%|\$|k\$|M\$)"), "espace ordinaire avant % ou $"),
    (re.compile(rf"\ble (?:{MONTHS}) \d{{4}}"), "« le » devant un mois sans jour"),
    (re.compile(rf"\b1 (?:{MONTHS})\b"), "« 1 » au lieu de « 1er »"),
)


def page_text(soup) -> str:
    """The article's text, blocks on their own lines, code left out."""
    node = copy.copy(soup.find("article"))
    for part in node.select(SKIPPED):
        part.decompose()
    for block in node.find_all(BLOCKS):
        block.append("\n")
    return URL.sub(" ", node.get_text(""))


def page_problems(text: str) -> list:
    problems = typography_problems(text)
    for pattern, message in PAGE_RULES:
        for match in pattern.finditer(text):
            start = max(0, match.start() - 30)
            problems.append(f"{message} : …{text[start:match.end() + 10]}…".replace(
                "\n", " "))
    return problems


@pytest.mark.parametrize("which", ["example_site", "fresh_site"])
def test_every_page_follows_french_typography(request, which):
    site = request.getfixturevalue(which)
    problems = {}
    for path in site.pages():
        page = path.relative_to(site.folder).as_posix()
        found = page_problems(page_text(site.soup(page)))
        if found:
            problems[page] = found[:5]
    assert not problems, "\n".join(f"{page}: {p}" for page, found in problems.items()
                                   for p in found)


def test_page_rules_flag_what_they_should():
    """Negative control: each rule of the pages finds its mistake."""
    text = "Coût : 25 000 $ ; 85 % ; adopté le mars 2016, le 1 mars 2026"
    messages = {p.split(" : ")[0] for p in page_problems(text)}
    assert {message for _, message in PAGE_RULES} <= messages
    good = "Coût\u00a0: 25\u202f000\u00a0$\u202f; 85\u00a0%\u202f; adopté en mars 2016, le 1er mars"
    assert page_problems(good) == []
