"""French typography of every page as it reaches the reader, on both builds.

``test_guide.py`` checks the guide's own prose; this module checks whole
pages, so the text the macros generate from data (grids, plan pages,
charts, example boxes, progress, open data, follow-up) is held to the same
rules, on the example and on a fresh plan: no-break spaces before « : ; ! ? »,
inside « », before % and $, narrow ones between thousands; « 1er » for the
first of a month; never « le » before a month without a day; and the
wording rules of ``support.WORDING`` (« le 31 mars », « 0 foyer », « de la
MRC », a range with its unit on each bound, « atteint » said once…), which
``test_pdf.py`` and ``test_message_wording.py`` also apply to the PDF and to
the messages of ``pnt verifier``.
"""

from __future__ import annotations

import copy
import re

import pytest

from support import WORDING, typography_problems, wording_problems

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
    problems = typography_problems(text) + wording_problems(text)
    for pattern, message in PAGE_RULES:
        for match in pattern.finditer(text):
            start = max(0, match.start() - 30)
            problems.append(f"{message} : …{text[start:match.end() + 10]}…".replace(
                "\n", " "))
    return problems


@pytest.mark.parametrize("which", ["example_site", "fresh_site", "territory_site"])
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


WORDING_SLIPS = (
    "Jalon à atteindre au plus tard en 31\u00a0mars 2026",
    "cible\u00a0: 600 prêts en 1er juin 2026",
    "Départ\u00a0: 0\u00a0foyers en 2025",
    "1\u00a0municipalités (2024)",
    "Données du plan numérique territorial de MRC de la Vallée-des-Cèdres",
    "pour un coût estimé de 5\u202f455\u202f000 – 6\u202f615\u202f000\u00a0$",
    "Coût\u00a0: 5,5 – 6,6\u00a0M$",
    "Atteint\u00a0: la cible est atteinte.",
    "Le territoire\u00a0: terminée",
    "Priorité 1\u00a0: prioritaire",
)
WORDING_RIGHT = (
    "Jalon à atteindre au plus tard le 31\u00a0mars 2026, en juin 2026 ou en 2027.",
    "Départ\u00a0: 0\u00a0foyer, 1\u00a0jeu de données, 10\u00a0foyers, 1\u202f000\u00a0foyers, "
    "0,5\u00a0km, 1\u00a0mois, 1\u00a0Mbit/s, 1 des 11 besoins, 0 en cours, 1er\u00a0mars.",
    "Données du plan numérique territorial de la MRC de la Vallée-des-Cèdres",
    "pour un coût estimé de 5\u202f455\u202f000\u00a0$ à 6\u202f615\u202f000\u00a0$ "
    "(5,5\u00a0M$ – 6,6\u00a0M$), 2026–2030.",
    "Atteint\u00a0: la dernière mesure égale ou dépasse la cible.",
    "Le territoire\u00a0: rempli. Besoins prioritaires (priorité 1)",
)


def test_wording_rules_flag_what_they_should():
    """Negative control: each wording slip is found, each right form passes."""
    found = {p.split(" : …")[0] for slip in WORDING_SLIPS for p in wording_problems(slip)}
    assert found == {message for _, message in WORDING}
    for slip in WORDING_SLIPS:
        assert wording_problems(slip), slip
    for right in WORDING_RIGHT:
        assert wording_problems(right) == [], right
    message = "« 150 000 – 100 000 $ » : la première borne doit être la plus petite"
    assert wording_problems(message) and not wording_problems(message, skip_quotes=True)


def test_page_rules_flag_what_they_should():
    """Negative control: each rule of the pages finds its mistake."""
    text = "Coût : 25 000 $ ; 85 % ; adopté le mars 2016, le 1 mars 2026"
    messages = {p.split(" : ")[0] for p in page_problems(text)}
    assert {message for _, message in PAGE_RULES} <= messages
    good = "Coût\u00a0: 25\u202f000\u00a0$\u202f; 85\u00a0%\u202f; adopté en mars 2016, le 1er mars"
    assert page_problems(good) == []
