"""Every page on a phone (390 × 844 px): no sideways scrolling, no SVG wider
than the screen, no table cell narrower than its longest word, chart text
at least 12 px; and the wide follow-up tables on a desktop (1280 px).

The checks are functions of a ``Served`` site (``phone_problems``,
``desktop_problems``), so any built site can be put through them: the
``served`` fixture of ``conftest.py`` gives the example and a fresh plan.
One browser context per site, every page visited in one loop. Every
``<details>`` is opened before measuring, so the data tables under the
charts (closed by default) are measured too, as a reader who opens them
sees them.
"""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.navigateur

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
SMALLEST_CHART_TEXT = 12  # CSS px, as rendered

# Measured in the page. A "word" is what a line may not break inside: text
# between ordinary spaces (no-break spaces hold « 1 350 foyers » together),
# cut after a hyphen (where browsers may break a line). Each word is a Range:
# on more than one line, it is broken inside itself; on one, its width must
# fit in the cell's content box (else it sticks out of its cell). Elements
# one pixel wide or less are the visually hidden ones (screen readers only).
MEASURE = r"""
(scope) => {
  const problems = [];
  const root = document.documentElement;
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  const viewport = root.clientWidth;
  if (root.scrollWidth > viewport) {
    problems.push(`la page défile de côté : ${root.scrollWidth} px pour ${viewport} px`);
  }
  const shown = e => { const r = e.getBoundingClientRect(); return r.width > 1 && r.height > 1; };
  const hidden = e => {  // inside a visually hidden part (a header row kept for screen readers)
    for (let up = e.parentElement; up && up.tagName !== 'TABLE'; up = up.parentElement) {
      if (!shown(up)) return true;
    }
    return false;
  };
  const name = e => (e.closest('figure, table, [id]') || e).id || e.tagName;
  for (const svg of document.querySelectorAll('svg')) {
    if (!shown(svg)) continue;
    const r = svg.getBoundingClientRect();
    if (r.width > viewport + 0.5) {
      problems.push(`SVG de ${Math.round(r.width)} px (écran ${viewport} px) : ${name(svg)}`);
    }
  }
  if (scope.charts) {
    // The « ? » drawn inside a status symbol is a pictogram (the status word
    // beside it says the same), not text to read.
    for (const text of document.querySelectorAll('svg.pnt-graphique__svg text')) {
      if (!shown(text) || text.closest('.pnt-g-symbole') || !text.textContent.trim()) continue;
      const svg = text.ownerSVGElement;
      const scale = svg.getScreenCTM().a;
      const size = parseFloat(getComputedStyle(text).fontSize) * scale;
      if (size < scope.smallest - 0.01) {
        problems.push(`texte de ${size.toFixed(1)} px dans ${name(svg)} : « ${text.textContent.trim().slice(0, 40)} »`);
        break;
      }
    }
  }
  const cells = scope.tables ? document.querySelectorAll(scope.tables) : [];
  for (const cell of cells) {
    if (!shown(cell) || hidden(cell)) continue;
    const style = getComputedStyle(cell);
    // Collapsed borders: each cell holds half of the border it shares.
    const table = cell.closest('table');
    const share = table && getComputedStyle(table).borderCollapse === 'collapse' ? 0.5 : 1;
    const room = cell.getBoundingClientRect().width - parseFloat(style.paddingLeft)
      - parseFloat(style.paddingRight) - share * (parseFloat(style.borderLeftWidth)
      + parseFloat(style.borderRightWidth));
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const words = /[^ \t\n\r]+?(?:-+|(?=[ \t\n\r])|$)/g;
      const parent = node.parentElement;
      if (!shown(parent)) continue;
      for (const match of node.data.matchAll(words)) {
        const word = match[0];
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + word.length);
        const rects = [...range.getClientRects()].filter(r => r.width > 0);
        const tops = new Set(rects.map(r => Math.round(r.top)));
        const width = rects.reduce((sum, r) => sum + r.width, 0);
        if (tops.size > 1 || width > room + 1) {
          problems.push(`mot « ${word} » coupé ou à l'étroit (${Math.round(width)} px, `
            + `cellule de ${Math.round(room)} px) dans ${name(cell)}`);
        }
      }
    }
  }
  for (const region of document.querySelectorAll(scope.regions || '.no-region')) {
    if (shown(region) && region.scrollWidth > region.clientWidth + 1) {
      problems.push(`tableau coupé à droite (${region.scrollWidth} px dans ${region.clientWidth} px) : ${name(region.querySelector('table') || region)}`);
    }
  }
  return problems;
}
"""

PHONE_SCOPE = {"charts": True, "smallest": SMALLEST_CHART_TEXT,
               "tables": "article td, article th"}
# On a desktop: the two follow-up tables, neither crushed nor cut at the right.
FOLLOW_UP = ("#graphique-bilan-indicateurs", "#graphique-projets")
DESKTOP_SCOPE = {"charts": False,
                 "tables": ", ".join(f"{f} td, {f} th" for f in FOLLOW_UP),
                 "regions": ", ".join(f"{f} .pnt-defilement" for f in FOLLOW_UP)}


def _visit(browser, served, viewport: dict, pages: list, scope: dict) -> dict:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    problems = {}
    for path in pages:
        page.goto(served.url(path), wait_until="load")
        found = page.evaluate(MEASURE, scope)
        if found:
            problems[path] = found[:8]
    context.close()
    return problems


def phone_problems(browser, served) -> dict:
    """What is wrong on a 390 px phone, page by page (every page, but those
    another site of the same data already shows: ``Served.pages_to_check``)."""
    return _visit(browser, served, PHONE, served.pages_to_check(), PHONE_SCOPE)


def desktop_problems(browser, served) -> tuple:
    """(problems, tables measured) of the follow-up tables at 1280 px."""
    pages = [p for p in served.pages()
             if any(served.site.soup(p).select(f"{f} table") for f in FOLLOW_UP)]
    return _visit(browser, served, DESKTOP, pages, DESKTOP_SCOPE), pages


def test_every_page_fits_a_phone(browser, served):
    problems = phone_problems(browser, served)
    assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)


def test_follow_up_tables_fit_a_desktop(browser, served):
    problems, pages = desktop_problems(browser, served)
    assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)
    # The example fills them: its « Suivi du plan » page has both tables (the
    # regional view has no such page).
    has_page = (served.site.folder / "plan" / "suivi" / "index.html").is_file()
    has_data = has_page and served.site.soup("plan/suivi/").select_one(
        "#graphique-bilan-indicateurs svg") is not None
    assert ("plan/suivi/" in pages) == has_data


def test_stacked_cards_stay_tables_for_screen_readers(browser, served):
    """On a phone the data tables are cards (display: block): the browser's
    accessibility tree must still hold a table, its headers and cells."""
    pages = [p for p in served.pages() if served.site.soup(p).select("table.pnt-cartes")]
    if not pages:
        assert not served.site.soup("").select("table.pnt-cartes")
        return
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(served.url(pages[0]), wait_until="load")
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    cards = page.locator("table.pnt-cartes")
    assert cards.first.evaluate("t => getComputedStyle(t).display") == "block"
    count = cards.count()
    tree = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")["nodes"]
    roles = [node["role"]["value"] for node in tree]
    context.close()
    assert roles.count("table") >= count > 0, pages[0]
    assert "columnheader" in roles and "rowheader" in roles and "cell" in roles


# --- negative controls: each check does catch what it is for -------------------------

BAD_PAGE = """<!doctype html><html lang="fr"><head><title>t</title>
<meta name="viewport" content="width=device-width"></head><body><article>
<div style="width: 500px">large</div>
<svg width="600" height="20"></svg>
<figure id="f"><svg class="pnt-graphique__svg" viewBox="0 0 700 20" style="width: 350px">
<text x="0" y="15" font-size="13">Texte réduit de moitié</text></svg></figure>
<table><tr><td style="width: 3em; max-width: 3em; overflow-wrap: anywhere">Télécommunications</td>
<td>court</td></tr></table>
</article></body></html>"""


def test_phone_checks_catch_each_fault(browser):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.set_content(BAD_PAGE)
    found = " | ".join(page.evaluate(MEASURE, PHONE_SCOPE))
    context.close()
    for expected in ("la page défile de côté", "SVG de 600 px", "texte de 6.5 px",
                     "mot « Télécommunications »"):
        assert expected in found, (expected, found)
    assert "« court »" not in found
