"""Shared fixtures: the project's paths and real builds of the site.

Sites are built once per test session with the real ``mkdocs build
--strict`` command, into temporary folders, and read back as HTML.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
TEMPLATE_PARTS = ("mkdocs.yml", "docs", "overrides", "macros", "exemple", "data")


def run(args, cwd: Path, env_extra=None) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("PNT_DONNEES", None)
    env.update(env_extra or {})
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=600)


def build(project: Path, out: Path, data: Path = None) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` of ``project`` into ``out``."""
    extra = {"PNT_DONNEES": str(data)} if data is not None else {}
    return run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q",
                "-f", str(project / "mkdocs.yml"), "-d", str(out)], project, extra)


def pnt(args, project: Path) -> subprocess.CompletedProcess:
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


def find_browser():
    """Debian's Chromium here; GitHub's runners come with Google Chrome installed."""
    return (shutil.which("chromium") or shutil.which("chromium-browser")
            or shutil.which("google-chrome"))


def built_or_fail(result: subprocess.CompletedProcess, out: Path) -> Path:
    assert result.returncode == 0, f"build failed:\n{result.stdout}\n{result.stderr}"
    return out


class Site:
    """A built site, read page by page."""

    def __init__(self, folder: Path):
        self.folder = folder

    def html(self, page: str) -> str:
        path = self.folder / page
        if path.is_dir() or page.endswith("/") or page == "":
            path = path / "index.html"
        return path.read_text(encoding="utf-8")

    def soup(self, page: str) -> BeautifulSoup:
        return BeautifulSoup(self.html(page), "html.parser")

    def pages(self) -> list:
        return sorted(self.folder.rglob("*.html"))


@pytest.fixture(scope="session")
def site_exemple(tmp_path_factory) -> Site:
    """The template as cloned: no data/, so the example territory is shown."""
    project = copy_template(tmp_path_factory.mktemp("exemple") / "projet")
    out = project / "site"
    return Site(built_or_fail(build(project, out), out))


@pytest.fixture(scope="session")
def projet_vierge(tmp_path_factory) -> Path:
    """A territory's fork right after ``pnt nouveau``."""
    project = copy_template(tmp_path_factory.mktemp("vierge") / "projet")
    result = pnt(["nouveau", "MRC de Test-Vierge", "--debut", "2027"], project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project


@pytest.fixture(scope="session")
def site_vierge(projet_vierge) -> Site:
    out = projet_vierge / "site"
    return Site(built_or_fail(build(projet_vierge, out), out))
