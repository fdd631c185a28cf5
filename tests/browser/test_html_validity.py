"""Whole-site quality gates on both builds: valid HTML (the Nu HTML
Checker), no broken internal link or anchor (one crawl of every page)."""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from bs4 import BeautifulSoup

from conftest import Site
from support import check_html


@pytest.mark.parametrize("which", ["example_site", "fresh_site", "region_site"])
def test_every_page_is_valid_html(request, vnu, which):
    site = request.getfixturevalue(which)
    problems = [f"{m.get('url', '').split('/site/')[-1]}:{m.get('lastLine')} "
                f"{m.get('type')}: {m.get('message')}"
                for m in check_html(vnu, site.folder)]
    assert not problems, "\n".join(problems)


def test_validator_reports_invalid_html(vnu, tmp_path):
    """Negative control: the checker does flag a broken page."""
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="fr"><head><title>t</title></head>'
        '<body><p tabindex="">x</p><table><tr><td>1</table></body></html>',
        encoding="utf-8")
    assert check_html(vnu, tmp_path)


# --- links ------------------------------------------------------------------------------

def _target(page: str, url: str):
    """(file in the site, anchor) for a link found in ``page``; None if external."""
    parsed = urlparse(url)
    if parsed.scheme or parsed.netloc:
        return None
    if not parsed.path:
        return page, parsed.fragment
    if parsed.path.startswith("/"):  # the 404 page links from the site's root
        joined = unquote(parsed.path).lstrip("/") or "./"
    else:
        joined = posixpath.join(posixpath.dirname(page), unquote(parsed.path))
    name = posixpath.basename(joined)
    if joined.endswith("/") or name in (".", "..") or "." not in name:
        joined = posixpath.join(joined, "index.html")
    return posixpath.normpath(joined), parsed.fragment


def broken_links(folder: Path) -> list:
    ids: dict = {}

    def ids_of(path: str) -> set:
        if path not in ids:
            html = (folder / path).read_text(encoding="utf-8")
            ids[path] = {tag["id"] for tag in BeautifulSoup(html, "html.parser")
                         .find_all(id=True)}
        return ids[path]

    broken = []
    for file in sorted(folder.rglob("*.html")):
        page = file.relative_to(folder).as_posix()
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        for tag, attribute in (("a", "href"), ("link", "href"), ("script", "src"),
                               ("img", "src")):
            for element in soup.find_all(tag, attrs={attribute: True}):
                url = element[attribute]
                if url.startswith(("mailto:", "tel:", "javascript:")):
                    continue
                target = _target(page, url)
                if target is None:
                    continue
                path, anchor = target
                if not (folder / path).is_file():
                    broken.append(f"{page}: {url} (fichier absent)")
                elif anchor and path.endswith(".html") and anchor not in ids_of(path):
                    broken.append(f"{page}: {url} (ancre absente)")
    return broken


@pytest.mark.parametrize("which", ["example_site", "fresh_site", "region_site"])
def test_no_broken_internal_link_or_anchor(request, which):
    site: Site = request.getfixturevalue(which)
    assert len(site.pages()) >= 10
    assert broken_links(site.folder) == []


def test_link_crawl_finds_a_broken_anchor_and_file(tmp_path):
    """Negative control for the crawl."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<p id="ici">x</p>', encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<a href="a/#ici">ok</a><a href="a/#ailleurs">ancre</a>'
        '<a href="b/">fichier</a><a href="https://example.org/">externe</a>',
        encoding="utf-8")
    assert broken_links(tmp_path) == ["index.html: a/#ailleurs (ancre absente)",
                                      "index.html: b/ (fichier absent)"]
