"""Links between the site's pages, relative to the page being rendered."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from markupsafe import Markup

from ..plan.catalog import GRIDS, step_of
from ..plan.model import anchor_for


def page_url(docs_path: str, directory_urls: bool = True) -> str:
    """The URL MkDocs gives a Markdown file (``plan/besoins.md`` → ``plan/besoins/``)."""
    stem = docs_path[:-3] if docs_path.endswith(".md") else docs_path
    if not directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative_url(target: str, current: str) -> str:
    """``target`` as seen from the page at ``current`` (both site-relative)."""
    if current == "" or current.endswith("/"):
        base = current.rstrip("/")
    else:
        base = posixpath.dirname(current)
    relative = posixpath.relpath(target.rstrip("/") or ".", base or ".")
    if target == "" or target.endswith("/"):
        relative = "./" if relative == "." else relative + "/"
    return relative


@dataclass(frozen=True)
class Linker:
    """Builds links relative to the page being rendered."""

    current_url: str  # e.g. "etapes/03-besoins/"
    directory_urls: bool = True

    def to_page(self, docs_path: str, anchor: str = "") -> Markup:
        target = page_url(docs_path, self.directory_urls)
        fragment = f"#{anchor}" if anchor else ""
        if target == self.current_url:
            return Markup(fragment or "./")
        # Built from our page paths and anchor_for() ids: nothing to escape.
        return Markup(relative_url(target, self.current_url) + fragment)

    def to_file(self, path: str) -> Markup:
        """A file of the built site (``telechargements/x.pdf``)."""
        return Markup(relative_url(path, self.current_url))

    def to_row(self, grid_key: str, row_id) -> Markup:
        return self.to_page(GRIDS[grid_key].page, anchor_for(row_id))

    def to_grid(self, grid_key: str) -> Markup:
        grid = GRIDS[grid_key]
        if grid.step == 0:  # the territory's grids are shown on the plan's home
            return self.to_page(grid.page, grid.key)
        return self.to_page(step_of(grid).page, f"grille-{grid.key}")
