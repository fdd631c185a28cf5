"""The built sites in a real browser (Debian's Chromium, driven by Playwright).

Every page of two builds (the example, and a fresh plan after ``pnt
nouveau``) is checked for accessibility with axe-core in both palettes, for
requests to other sites, and printed to PDF; the charts are checked on screen
and in print. Run with ``-m navigateur`` to select them. Without Chromium
they are skipped, except in CI (``CI`` set), where a missing browser is a
failure (``conftest.py``).
"""

from __future__ import annotations

import io
import json
import unicodedata
from urllib.parse import urlparse

import pytest

from conftest import AXE
from macros.plan.catalog import STEPS

pytestmark = pytest.mark.navigateur

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


# --- accessibility and privacy, every page, both palettes ---------------------------

def _off_site(requests: list, base: str) -> list:
    host = urlparse(base).netloc
    return [url for url in requests
            if urlparse(url).scheme in ("http", "https", "ws", "wss")
            and urlparse(url).netloc != host]


# What a palette changes: colours only. The dark palette is checked for the
# rules that depend on colour; the light one for every rule.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


def _axe_violations(page, rules=None) -> list:
    page.add_script_tag(path=str(AXE))
    only = ({"type": "rule", "values": rules} if rules
            else {"type": "tag", "values": AXE_TAGS})
    result = page.evaluate(
        "async (only) => await axe.run(document, "
        "{runOnly: only, resultTypes: ['violations']})", only)
    return [f"{v['id']} ({v['impact']}): {v['help']} — "
            f"{[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_is_accessible_and_stays_on_site(browser, served, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    problems = {}
    expected_scheme = "slate" if scheme == "dark" else "default"
    # The light pass sees every request: it waits for the network to fall idle
    # on the first page and the last (the scripts, fonts and search index that
    # every page shares are asked for then) and records each request made in
    # between; the dark pass checks colours, set once the styles are loaded.
    pages = served.pages_to_check()
    for position, path in enumerate(pages):
        idle = scheme == "light" and position in (0, len(pages) - 1)
        page.goto(served.url(path), wait_until="networkidle" if idle else "load")
        actual = page.get_attribute("body", "data-md-color-scheme")
        assert actual == expected_scheme, f"{path}: palette {actual}"
        violations = _axe_violations(page, COLOUR_RULES if scheme == "dark" else None)
        if violations:
            problems[path] = violations
    context.close()
    assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)
    assert not _off_site(requests, served.base)
    assert len(requests) > len(served.pages_to_check())


def test_off_site_detector_flags_another_host():
    """Negative control for the privacy check."""
    base = "http://127.0.0.1:8000/"
    assert _off_site(["http://127.0.0.1:8000/a.css",
                      "https://fonts.googleapis.com/css"], base) == [
        "https://fonts.googleapis.com/css"]


def test_axe_finds_a_real_violation(browser):
    """Negative control: axe does report an image without text alternative."""
    page = browser.new_page()
    page.set_content('<html lang="fr"><head><title>t</title></head><body><main>'
                     '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
                     '</main></body></html>')
    assert any(v.startswith("image-alt") for v in _axe_violations(page))
    page.close()


def test_axe_finds_poor_contrast_with_the_colour_rules(browser):
    """Negative control for the dark palette's check (colour rules only)."""
    page = browser.new_page()
    page.set_content('<html lang="fr"><head><title>t</title></head><body><main>'
                     '<p style="color:#777;background:#888">Texte pâle</p>'
                     '</main></body></html>')
    assert any(v.startswith("color-contrast") for v in _axe_violations(page, COLOUR_RULES))
    page.close()


# --- keyboard and no JavaScript --------------------------------------------------------

def test_skip_link_leads_keyboard_users_to_the_grids(browser, served_example):
    page = browser.new_page()
    page.goto(served_example.url("etapes/03-besoins/"))
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Aller au contenu"
    page.keyboard.press("Enter")
    assert page.url.endswith("#etape-3-besoins")
    for _ in range(200):
        page.keyboard.press("Tab")
        inside = page.evaluate(
            "!!document.activeElement.closest('#grille-besoins')")
        if inside:
            break
    assert inside, "la grille des besoins n'est pas atteignable au clavier"
    page.close()


def test_every_page_reads_without_javascript(browser, served):
    """Tables and text are all there with JavaScript off (grids, plan, guide);
    the data tables of the charts, closed, open with a click on their summary."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for path in served.pages_to_check():
        page.goto(served.url(path))
        soup = served.site.soup(path)
        summaries = page.locator("article details.pnt-donnees > summary")
        for index in range(summaries.count()):
            summaries.nth(index).click()
        tables = page.locator("article table")
        assert tables.count() == len(soup.select("article table")), path
        for index in range(tables.count()):
            assert tables.nth(index).is_visible(), f"{path}: tableau {index} caché"
        heading = soup.select_one("article h1")
        if heading is not None:
            title = heading.get_text(" ", strip=True).rstrip("¶").strip()
            assert page.locator("article h1").first.is_visible(), path
            assert title.split()[0] in page.inner_text("article"), path
    context.close()


# --- print -------------------------------------------------------------------------------------

def _pdf(browser, url: str):
    from pypdf import PdfReader

    page = browser.new_page()
    page.goto(url, wait_until="networkidle")
    data = page.pdf(format="Letter", print_background=True)
    page.close()
    return PdfReader(io.BytesIO(data))


def _text(reader) -> str:
    """The PDF's text, spaces folded, ligatures (« ﬁ » of « financement ») undone."""
    text = " ".join((p.extract_text() or "") for p in reader.pages)
    return " ".join(unicodedata.normalize("NFKC", text).split())


def test_chapters_print_with_every_grid_caption(browser, served_example):
    """The guide's chapters (the template's site; a territory's preview has them too)."""
    served = served_example
    for step in STEPS[1:]:
        reader = _pdf(browser, served.url(step.page[:-3] + "/"))
        text = _text(reader)
        assert 1 <= len(reader.pages) <= 60, step.slug
        for number, grid in enumerate(step.grids, start=1):
            assert f"Grille {step.number}.{number} — {grid.title}" in text, grid.key


def test_wide_tables_print_on_landscape_pages(browser, served_territory):
    reader = _pdf(browser, served_territory.url("demarche/03-besoins/"))
    shapes = [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]
    assert any(w < h for w, h in shapes), "le texte du chapitre est en portrait"
    assert any(w > h for w, h in shapes), "les grilles larges passent en paysage"


def test_plan_prints_every_project(browser, served_example, example):
    reader = _pdf(browser, served_example.url("plan/projets/"))
    text = _text(reader)
    for project in example.data["projets"]:
        assert project["id"] in text
    assert 2 <= len(reader.pages) <= 80


# --- the charts, on screen and in print -----------------------------------------------

def test_charts_are_visible_in_print_and_in_the_pdf(browser, served_example):
    page = browser.new_page()
    page.emulate_media(media="print")
    page.goto(served_example.url("plan/suivi/"), wait_until="networkidle")
    # On paper the wide drawing of each chart, never the narrow one (a phone's).
    assert not page.locator(".pnt-graphique__dessin--etroit svg").first.is_visible()
    drawn = page.locator(".pnt-graphique__dessin--large svg.pnt-graphique__svg")
    assert drawn.count() == 3
    for index in range(drawn.count()):
        box = drawn.nth(index).bounding_box()
        assert drawn.nth(index).is_visible() and box["width"] > 300 and box["height"] > 100
    page.close()
    text = _text(_pdf(browser, served_example.url("plan/suivi/")))
    for expected in ("Où en sont les projets", "Échéancier des projets prioritaires",
                     "10 nov. 2026", "P-07 Signal cellulaire", "en cours"):
        assert expected in text, expected
    situation = _text(_pdf(browser, served_example.url("plan/")))
    assert "Objectif 2026 : 98" in situation and "Petite-Fourche" in situation


def test_chart_colours_follow_the_palette(browser, served_example):
    colours = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        page.goto(served_example.url("plan/suivi/"), wait_until="networkidle")
        colours[scheme] = page.eval_on_selector(
            "svg.pnt-graphique__svg .pnt-g-principal", "e => getComputedStyle(e).color")
        context.close()
    assert colours["light"] == "rgb(57, 73, 171)"
    assert colours["dark"] == "rgb(159, 168, 218)"
