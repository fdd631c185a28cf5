"""Shared fixtures: the project's paths, real builds of the site, the example's
data, the ``pnt`` command, Chromium and the Nu HTML Checker.

Sites are built once per test session with the real ``mkdocs build
--strict`` command, into temporary folders, and read back as HTML. The
browser and the HTML checker are skipped when absent, except in CI (``CI``
set), where a missing tool is a failure.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import threading
import zipfile
from functools import lru_cache, partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
TEMPLATE_PARTS = ("mkdocs.yml", "docs", "overrides", "macros", "exemple", "data")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
INSTALL_HINT = ("Chromium est introuvable : installez-le (sudo apt-get install chromium) "
                "et les outils de test (npm ci --ignore-scripts) pour lancer ces tests.")


# --- the suite on several cores ----------------------------------------------------------------

@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(config, items):
    """Groups for pytest-xdist (``make tests``: ``-n auto --dist loadgroup``): each
    module's tests run on one worker, so that the sites, PDFs and workbooks a
    module builds once are built once; the browser tests, the longest, go by
    site, so that the sites spread over the workers."""
    for item in items:
        params = getattr(item, "callspec", None)
        site = params.params.get("served") if params else None
        group = f"navigateur-{site}" if site else item.module.__name__
        item.add_marker(pytest.mark.xdist_group(group))


# --- running the template's commands ---------------------------------------------------------

# The repository the browser editor saves to (cms/admin.py): GitHub Actions
# gives it; elsewhere, a name of our own, so that every build has its /admin/.
REPOSITORY = os.environ.get("GITHUB_REPOSITORY") or "mrc-exemple/plan-numerique"
EDITOR_FOLDER = "admin"


def run(args, cwd: Path, env_extra=None) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", GITHUB_REPOSITORY=REPOSITORY)
    env.pop("PNT_DONNEES", None)
    env.pop("PNT_APERCU", None)  # a public build, unless the test asks for the preview
    env.update(env_extra or {})
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=600)


def build(project: Path, out: Path, data: Path = None,
          preview: bool = False) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` of ``project`` into ``out``: the public site,
    or with ``preview`` the author's preview (what ``make apercu`` serves)."""
    extra = {"PNT_DONNEES": str(data)} if data is not None else {}
    if preview:
        extra["PNT_APERCU"] = "1"
    return run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q",
                "-f", str(project / "mkdocs.yml"), "-d", str(out)], project, extra)


def pnt(args, project: Path) -> subprocess.CompletedProcess:
    """``pnt`` in a process of its own (what an author runs)."""
    return run([sys.executable, "-m", "macros.cli", "--racine", str(project), *args],
               ROOT)


def copy_template(target: Path) -> Path:
    """A copy of the template as a fork starts: data/ holds only its note.

    A territory's own data files are left out, so these tests pass unchanged
    in a territory's copy (its publishing workflow runs them)."""
    target.mkdir(parents=True, exist_ok=True)
    for part in TEMPLATE_PARTS:
        source = ROOT / part
        if part == "data":
            (target / part).mkdir(exist_ok=True)
            for note in source.glob("*.md"):
                shutil.copy2(note, target / part / note.name)
        elif source.is_dir():
            shutil.copytree(source, target / part,
                            ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    return target


def built_or_fail(result: subprocess.CompletedProcess, out: Path) -> Path:
    assert result.returncode == 0, f"build failed:\n{result.stdout}\n{result.stderr}"
    return out


class Site:
    """A built site, read page by page (each page parsed once)."""

    def __init__(self, folder: Path):
        self.folder = folder

    def html(self, page: str) -> str:
        path = self.folder / page
        if path.is_dir() or page.endswith("/") or page == "":
            path = path / "index.html"
        return path.read_text(encoding="utf-8")

    def soup(self, page: str) -> BeautifulSoup:
        """The parsed page, shared by every test: copy it before changing it."""
        return _parse(self.html(page))

    def pages(self) -> list:
        """The site's pages. The browser editor (admin/) is left out: it is the
        CMS's own application, not a page of the theme (no palette, no
        navigation, no content without JavaScript); tests/site/test_editor.py
        and tests/browser/test_editor_browser.py check it: HTML validity,
        privacy, accessibility of its sign-in screen, its message without
        JavaScript."""
        return sorted(path for path in self.folder.rglob("*.html")
                      if path.relative_to(self.folder).parts[0] != EDITOR_FOLDER)


@lru_cache(maxsize=256)
def _parse(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


@pytest.fixture(scope="session")
def example():
    """The fictional example territory, as the loader reads it."""
    from macros.reading.loader import load_folder

    return load_folder(ROOT / "exemple", "exemple", True)


@pytest.fixture(scope="session")
def example_site(tmp_path_factory) -> Site:
    """The template as cloned: no data/, so the example territory is shown."""
    project = copy_template(tmp_path_factory.mktemp("exemple") / "projet")
    out = project / "site"
    return Site(built_or_fail(build(project, out), out))


@pytest.fixture(scope="session")
def fresh_project(tmp_path_factory) -> Path:
    """A territory's fork right after ``pnt nouveau``."""
    project = copy_template(tmp_path_factory.mktemp("vierge") / "projet")
    result = pnt(["nouveau", "MRC de Test-Vierge", "--debut", "2027"], project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project


@pytest.fixture(scope="session")
def fresh_site(fresh_project) -> Site:
    out = fresh_project / "site"
    return Site(built_or_fail(build(fresh_project, out), out))


@pytest.fixture(scope="session")
def fresh_preview(fresh_project, tmp_path_factory) -> Site:
    """The preview of the plan just started (``make apercu``)."""
    out = tmp_path_factory.mktemp("apercu-vierge") / "site"
    return Site(built_or_fail(build(fresh_project, out, preview=True), out))


def _territory_project(target: Path) -> Path:
    """A territory's fork whose data/ holds a whole plan: the example's files,
    no longer marked fictional."""
    project = copy_template(target)
    for source in (ROOT / "exemple").glob("*.yml"):
        text = source.read_text(encoding="utf-8")
        if source.name == "territoire.yml":
            text = "\n".join(line for line in text.splitlines()
                             if not line.strip().startswith("fictif:")) + "\n"
        (project / "data" / source.name).write_text(text, encoding="utf-8")
    return project


@pytest.fixture(scope="session")
def territory_project(tmp_path_factory) -> Path:
    return _territory_project(tmp_path_factory.mktemp("territoire") / "projet")


@pytest.fixture(scope="session")
def territory_site(territory_project) -> Site:
    """A territory's public site, as the publishing workflow builds it."""
    out = territory_project / "site"
    return Site(built_or_fail(build(territory_project, out), out))


# --- the regional view (pnt region) ----------------------------------------------------------

REGION_VARIANT = "MRC des Trois-Lacs"
REGION_DATE = "2026-11-30"


def _variant_data(target: Path) -> Path:
    """The example's data files, as another territory would have written them:
    another MRC of another region, a draft plan with its site's address, and a
    project whose cost is « inconnu »."""
    folder = shutil.copytree(ROOT / "exemple", target)
    territory = folder / "territoire.yml"
    text = territory.read_text(encoding="utf-8")
    for old, new in (("nom: MRC de la Vallée-des-Cèdres", f"nom: {REGION_VARIANT}"),
                     ('code_geographique: "999"', 'code_geographique: "998"'),
                     ("region: Centre-du-Québec", "region: Estrie"),
                     ("statut: adopté", "statut: brouillon"),
                     ("  date_adoption: 2025-06-11\n", ""),
                     ('  resolution: "2025-06-142"\n', ""),
                     ("  licence: CC BY 4.0", "  licence: CC BY 4.0\n"
                                              "  site_url: https://plan.trois-lacs.example/")):
        assert old in text, old
        text = text.replace(old, new, 1)
    territory.write_text(text, encoding="utf-8")
    projects = folder / "06-projets-prioritaires.yml"
    text = projects.read_text(encoding="utf-8")
    old = 'cout: "4 200 000 – 5 100 000 $"'
    assert old in text
    projects.write_text(text.replace(old, "cout: inconnu", 1), encoding="utf-8")
    return folder


def publish_open_data(data_folder: Path, target: Path) -> Path:
    """The donnees/ folder a territory's site publishes for ``data_folder``."""
    from macros.outputs import opendata
    from macros.reading import loader

    loaded = loader.load_folder(data_folder, data_folder.name)
    assert not loaded.errors, loaded.problems
    target.mkdir(parents=True)
    for data_file in opendata.text_files(loaded.data):
        (target / data_file.name).write_bytes(data_file.content)
    return target


def _zipped(folder: Path, archive: Path) -> Path:
    with zipfile.ZipFile(archive, "w") as bundle:
        for path in folder.iterdir():
            bundle.write(path, f"donnees/{path.name}")
    return archive


def _from_a_newer_template(folder: Path, target: Path) -> Path:
    copy = shutil.copytree(folder, target)
    package = json.loads((copy / "datapackage.json").read_text(encoding="utf-8"))
    package["pnt:version"] = "9.0.0"
    (copy / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    return copy


@pytest.fixture(scope="session")
def region_sources(example_site, tmp_path_factory) -> list:
    """Three territories' open data as downloaded: the example's donnees/ folder,
    the variant's as a ZIP, and a folder written by a newer template."""
    tmp = tmp_path_factory.mktemp("region")
    example = shutil.copytree(example_site.folder / "donnees", tmp / "vallee-des-cedres")
    variant = publish_open_data(_variant_data(tmp / "variante-data"), tmp / "trois-lacs")
    return [example, _zipped(variant, tmp / "trois-lacs.zip"),
            _from_a_newer_template(example, tmp / "recent")]


@pytest.fixture(scope="session")
def region_build(region_sources, tmp_path_factory):
    """``pnt region`` of the three: (the command's result, the site)."""
    out = tmp_path_factory.mktemp("region-site") / "vue"
    result = pnt(["region", str(out), *map(str, region_sources), "--date", REGION_DATE],
                 ROOT)
    return result, Site(out)


@pytest.fixture(scope="session")
def region_site(region_build) -> Site:
    result, site = region_build
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture
def pnt_here(capsys, monkeypatch):
    """``pnt`` run in this process (faster; what it prints is captured), with
    the result of ``pnt``: exit code, standard output and error."""
    from macros.cli import main

    monkeypatch.delenv("PNT_DONNEES", raising=False)

    def call(args, project: Path) -> subprocess.CompletedProcess:
        capsys.readouterr()
        try:
            code = main(["--racine", str(project), *args])
        except SystemExit as stop:  # argparse refuses the arguments
            code = stop.code
        captured = capsys.readouterr()
        return subprocess.CompletedProcess(args, code, captured.out, captured.err)
    return call


# --- tools of the quality gates ----------------------------------------------------------------

def missing_tool(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (obligatoire en intégration continue)")
    pytest.skip(reason)


def find_browser():
    """Debian's Chromium here; GitHub's runners come with Google Chrome installed."""
    return (shutil.which("chromium") or shutil.which("chromium-browser")
            or shutil.which("google-chrome"))


@pytest.fixture(scope="session")
def vnu() -> list:
    java = shutil.which("java")
    if java is None or not VNU.exists():
        missing_tool("Java ou vnu.jar absent : installez Java et lancez "
                     "« npm ci --ignore-scripts » pour valider le HTML.")
    return [java, "-jar", str(VNU)]


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = find_browser()
    if path is None:
        missing_tool(INSTALL_HINT)
    if not AXE.exists():
        missing_tool("axe-core est absent : lancez « npm ci --ignore-scripts ».")
    return path


@pytest.fixture(scope="session")
def browser(chromium_path):
    """One Chromium for the whole session (two Playwright drivers cannot coexist)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path,
                                              args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


_HREF = re.compile(r'href="[^"]*"')


def _article(site: Site, page: str) -> str:
    """A page's content, its links' targets aside (a territory's site links its
    grids under demarche/, the template's under etapes/)."""
    path = site.folder / page / "index.html" if not page.endswith(".html") else (
        site.folder / page)
    if not path.exists():
        return ""
    html = path.read_text(encoding="utf-8")
    start, end = html.find("<article"), html.find("</article>")
    return _HREF.sub('href=""', html[start:end]) if start >= 0 else ""


class Served:
    """A built site served on 127.0.0.1, with the list of its pages.

    ``same_as``: another built site of the same data (a territory's site and the
    template's, both of the example). Its pages whose content is the same,
    links aside, are checked there: the browser checks of this site
    (``pages_to_check``) visit the others, which carry this site's own
    navigation, home and démarche."""

    def __init__(self, site: Site, same_as: Site = None):
        self.site = site
        self.same_as = same_as
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

    def pages_to_check(self) -> list:
        pages = self.pages()
        if self.same_as is None:
            return pages
        return [page for page in pages
                if _article(self.site, page) != _article(self.same_as, page)]

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="session")
def served_example(example_site):
    served = Served(example_site)
    yield served
    served.stop()


@pytest.fixture(scope="session")
def served_fresh(fresh_site):
    served = Served(fresh_site)
    yield served
    served.stop()


@pytest.fixture(scope="session")
def served_territory(territory_site, example_site):
    served = Served(territory_site, same_as=example_site)
    yield served
    served.stop()


@pytest.fixture(scope="session")
def served_region(region_site):
    served = Served(region_site)
    yield served
    served.stop()


@pytest.fixture(params=["served_example", "served_fresh", "served_territory",
                        "served_region"], scope="session")
def served(request):
    """The template's site, a territory's public site (just started, and whole),
    and the regional view of several territories."""
    return request.getfixturevalue(request.param)
