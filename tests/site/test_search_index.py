"""The search hook (macros/hooks/search.py) changes how fast Material indexes
the site, not what it makes: built with and without it, the example site's
pages and search index are the same, byte for byte."""

from __future__ import annotations

import pytest

from conftest import Site, build, built_or_fail, copy_template

HOOK_LINE = "  - macros/hooks/search.py"


@pytest.fixture(scope="module")
def without_hook(tmp_path_factory) -> Site:
    project = copy_template(tmp_path_factory.mktemp("sans-crochet") / "projet")
    config = project / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith(HOOK_LINE)]
    assert len(kept) == len(lines) - 1, "the hook is declared once in mkdocs.yml"
    config.write_text("".join(kept), encoding="utf-8")
    out = project / "site"
    return Site(built_or_fail(build(project, out), out))


def test_the_search_index_is_the_same_without_the_hook(example_site, without_hook):
    index = "search/search_index.json"
    assert (example_site.folder / index).read_bytes() == (
        without_hook.folder / index).read_bytes()


def test_every_page_is_the_same_without_the_hook(example_site, without_hook):
    pages = sorted(p.relative_to(example_site.folder) for p in
                   example_site.folder.rglob("*.html"))
    assert pages == sorted(p.relative_to(without_hook.folder) for p in
                           without_hook.folder.rglob("*.html"))
    different = [str(page) for page in pages
                 if (example_site.folder / page).read_bytes()
                 != (without_hook.folder / page).read_bytes()]
    assert different == []
