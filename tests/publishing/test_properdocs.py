"""ProperDocs (the maintained MkDocs 1.x fork) builds both sites to the same
HTML as MkDocs: the site does not depend on MkDocs alone.

ProperDocs installs as its own package (``properdocs``) beside MkDocs in
.venv/, and ``properdocs build`` sends every ``import mkdocs…`` of Material,
mkdocs-macros and the hooks to its own modules, so one virtual environment
holds both. Each site is built from the project the MkDocs fixture built
(``example_site``, ``territory_site``), into a folder of its own; the pages
must be identical byte for byte but for the ``<meta name="generator">`` tag,
which names the engine. The workbooks of donnees/ are left out of the
comparison (openpyxl stamps the time of writing into them); their names are
compared with every other file's.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import sys
from pathlib import Path

import pytest

from conftest import built_or_fail, run

GENERATOR = re.compile(r'<meta name="generator" content="[^"]*">')


def properdocs_build(project: Path, out: Path):
    """``properdocs build --strict`` of ``project`` into ``out``, as ``conftest.build``
    runs MkDocs (same environment variables)."""
    return run([sys.executable, "-m", "properdocs", "build", "--strict", "-q",
                "-f", str(project / "mkdocs.yml"), "-d", str(out)], project)


def files_of(folder: Path) -> set:
    return {str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file()}


def first_difference(mkdocs_site: Path, properdocs_site: Path) -> str:
    """The first file, and line in it, where the two sites differ ("" : none)."""
    only_mkdocs = sorted(files_of(mkdocs_site) - files_of(properdocs_site))
    only_properdocs = sorted(files_of(properdocs_site) - files_of(mkdocs_site))
    if only_mkdocs or only_properdocs:
        return (f"files only in the MkDocs build: {only_mkdocs[:5]}; "
                f"only in the ProperDocs build: {only_properdocs[:5]}")
    for page in sorted(mkdocs_site.rglob("*.html")):
        name = page.relative_to(mkdocs_site)
        expected = GENERATOR.sub("", page.read_text(encoding="utf-8")).splitlines()
        got = GENERATOR.sub("", (properdocs_site / name).read_text(encoding="utf-8"))
        got = got.splitlines()
        for number, (line, other) in enumerate(zip(expected, got), start=1):
            if line != other:
                return f"{name}, line {number}:\n  MkDocs:     {line}\n  ProperDocs: {other}"
        if len(expected) != len(got):
            return f"{name}: {len(expected)} lines with MkDocs, {len(got)} with ProperDocs"
    return ""


@pytest.fixture(scope="module", autouse=True)
def properdocs_installed():
    if importlib.util.find_spec("properdocs") is None:
        pytest.fail("ProperDocs is missing from .venv/: it is in the tests extra of "
                    "pyproject.toml; `make tests` reinstalls .venv/ when that file changes.")


def test_properdocs_builds_the_template_site_as_mkdocs(example_site, tmp_path):
    out = tmp_path / "site"
    built_or_fail(properdocs_build(example_site.folder.parent, out), out)
    assert not first_difference(example_site.folder, out), first_difference(
        example_site.folder, out)


def test_properdocs_builds_a_territory_site_as_mkdocs(territory_site, tmp_path):
    out = tmp_path / "site"
    built_or_fail(properdocs_build(territory_site.folder.parent, out), out)
    assert not first_difference(territory_site.folder, out), first_difference(
        territory_site.folder, out)


def test_the_comparison_sees_a_changed_line(example_site, tmp_path):
    """The comparison itself: one changed line of one page is reported, with the
    page and the line (a comparison that always passes would prove nothing)."""
    copy = tmp_path / "copie"
    shutil.copytree(example_site.folder, copy)
    page = copy / "glossaire" / "index.html"
    lines = page.read_text(encoding="utf-8").splitlines()
    lines[-2] = lines[-2] + " "
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert first_difference(example_site.folder, copy).startswith(
        f"glossaire/index.html, line {len(lines) - 1}:")
    assert not first_difference(example_site.folder, example_site.folder)
