"""The built sites in a real browser (Debian's Chromium, driven by Playwright).

Every page of two builds (the example, and a fresh plan after ``pnt
nouveau``) is checked for accessibility with axe-core in both palettes, for
requests to other sites, and printed to PDF. Run with ``-m navigateur`` to
select them. Without Chromium they are skipped, except in CI (``CI`` set),
where a missing browser is a failure.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import pytest

from conftest import ROOT, Site, find_browser

pytestmark = pytest.mark.navigateur

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
INSTALL_HINT = ("Chromium est introuvable : installez-le (sudo apt-get install chromium) "
                "et les outils de test (npm ci --ignore-scripts) pour lancer ces tests.")


def _missing(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (obligatoire en intégration continue)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = find_browser()
    if path is None:
        _missing(INSTALL_HINT)
    if not AXE.exists():
        _missing("axe-core est absent : lancez « npm ci --ignore-scripts ».")
    return path


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path,
                                              args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class Served:
    """A built site served on 127.0.0.1, with the list of its pages."""

    def __init__(self, site: Site):
        self.site = site
        handler = partial(_QuietHandler, directory=str(site.folder))
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.base = f"http://127.0.0.1:{self.server.server_port}/"

    def url(self, page: str) -> str:
        return self.base + page

    def pages(self) -> list:
        pages = []
        for path in self.site.pages():
            relative = path.relative_to(self.site.folder).as_posix()
            pages.append(relative[: -len("index.html")] if relative.endswith(
                "index.html") else relative)
        return pages

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="session")
def servi_exemple(site_exemple):
    served = Served(site_exemple)
    yield served
    served.stop()


@pytest.fixture(scope="session")
def servi_vierge(site_vierge):
    served = Served(site_vierge)
    yield served
    served.stop()


@pytest.fixture(params=["servi_exemple", "servi_vierge"], scope="session")
def servi(request):
    return request.getfixturevalue(request.param)


# --- accessibility and privacy, every page, both palettes ---------------------------

def _off_site(requests: list, base: str) -> list:
    host = urlparse(base).netloc
    return [url for url in requests
            if urlparse(url).scheme in ("http", "https", "ws", "wss")
            and urlparse(url).netloc != host]


def _axe_violations(page) -> list:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async (tags) => await axe.run(document, "
        "{runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS)
    return [f"{v['id']} ({v['impact']}): {v['help']} — "
            f"{[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_is_accessible_and_stays_on_site(browser, servi, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    problems = {}
    expected_scheme = "slate" if scheme == "dark" else "default"
    for path in servi.pages():
        page.goto(servi.url(path), wait_until="networkidle")
        actual = page.get_attribute("body", "data-md-color-scheme")
        assert actual == expected_scheme, f"{path}: palette {actual}"
        violations = _axe_violations(page)
        if violations:
            problems[path] = violations
    context.close()
    assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)
    assert not _off_site(requests, servi.base)
    assert len(requests) > len(servi.pages())


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


# --- keyboard and no JavaScript --------------------------------------------------------

def test_skip_link_leads_keyboard_users_to_the_grids(browser, servi_exemple):
    page = browser.new_page()
    page.goto(servi_exemple.url("etapes/03-besoins/"))
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


def test_every_page_reads_without_javascript(browser, servi):
    """Tables and text are all there with JavaScript off (grids, plan, guide)."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for path in servi.pages():
        page.goto(servi.url(path))
        soup = servi.site.soup(path)
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
    return " ".join((p.extract_text() or "") for p in reader.pages).replace("\n", " ")


@pytest.mark.parametrize("servi_name", ["servi_exemple", "servi_vierge"])
def test_chapters_print_with_every_grid_caption(request, browser, servi_name):
    from macros.catalog import STEPS

    served = request.getfixturevalue(servi_name)
    for step in STEPS[1:]:
        reader = _pdf(browser, served.url(step.page[:-3] + "/"))
        text = " ".join(_text(reader).split())
        assert 1 <= len(reader.pages) <= 60, step.slug
        for number, grid in enumerate(step.grids, start=1):
            assert f"Grille {step.number}.{number} — {grid.title}" in text, grid.key


def test_wide_tables_print_on_landscape_pages(browser, servi_vierge):
    reader = _pdf(browser, servi_vierge.url("etapes/03-besoins/"))
    shapes = [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]
    assert any(w < h for w, h in shapes), "le texte du chapitre est en portrait"
    assert any(w > h for w, h in shapes), "les grilles larges passent en paysage"


def test_plan_prints_every_project(browser, servi_exemple):
    from macros.loader import load_folder

    example = load_folder(ROOT / "exemple", "exemple", True)
    reader = _pdf(browser, servi_exemple.url("plan/projets/"))
    text = " ".join(_text(reader).split())
    for project in example.data["projets"]:
        assert project["id"] in text
    assert 2 <= len(reader.pages) <= 80
