"""Links between the site's pages, relative to the page being rendered."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from functools import lru_cache

from markupsafe import Markup

from ..plan.catalog import GRIDS, STEP_BY_NUMBER, step_of
from ..plan.model import anchor_for
from . import views


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


@lru_cache(maxsize=8192)
def relative_url(target: str, current: str) -> str:
    """``target`` as seen from the page at ``current`` (both site-relative);
    the same few hundred pairs come back on every page of a build."""
    if current == "" or current.endswith("/"):
        base = current.rstrip("/")
    else:
        base = posixpath.dirname(current)
    relative = posixpath.relpath(target.rstrip("/") or ".", base or ".")
    if target == "" or target.endswith("/"):
        relative = "./" if relative == "." else relative + "/"
    return relative


def url_in(view, docs_path: str, directory_urls: bool = True) -> str:
    """The URL of a page in a view: a territory's home is its plan, and the
    preview serves the guide's home under guide/."""
    moved = views.served_at(view, docs_path)
    if moved is None:
        return page_url(docs_path, directory_urls)
    return moved if directory_urls else moved + "index.html"


# A link written by a ``PortableLinker``: where it goes, from the site's root,
# until ``Linker.relink`` writes it as seen from one page. Only an ``href``
# attribute can hold one (data cannot write « href=" »: quotes are escaped).
_PORTABLE = "pnt-lien:"
_PORTABLE_LINKS = re.compile(r'href="pnt-lien:([^"#]*)(#[^"]*)?"')


@dataclass(frozen=True)
class Linker:
    """Builds links relative to the page being rendered, in one view."""

    current_url: str  # e.g. "etapes/03-besoins/"
    directory_urls: bool = True
    view: views.View = views.TEMPLATE

    def to_page(self, docs_path: str, anchor: str = "") -> Markup:
        target = url_in(self.view, docs_path, self.directory_urls)
        return self._from_here(target, f"#{anchor}" if anchor else "")

    def _from_here(self, target: str, fragment: str) -> Markup:
        if target == self.current_url:
            return Markup(fragment or "./")
        # Built from our page paths and anchor_for() ids: nothing to escape.
        return Markup(relative_url(target, self.current_url) + fragment)

    def to_file(self, path: str) -> Markup:
        """A file of the built site (``telechargements/x.pdf``)."""
        return self._from_here(path, "")

    def relink(self, html: str) -> str:
        """``html`` made with a ``PortableLinker``, its links as this page sees
        them: the same links this linker would have made."""
        return _PORTABLE_LINKS.sub(
            lambda link: f'href="{self._from_here(link.group(1), link.group(2) or "")}"', html)

    def to_row(self, grid_key: str, row_id) -> Markup:
        return self.to_page(GRIDS[grid_key].page, anchor_for(row_id))

    def to_grid(self, grid_key: str) -> Markup:
        """Where a grid is shown: its step's chapter in the template's site, the
        step's story in a territory's."""
        grid = GRIDS[grid_key]
        if grid.step == 0:  # the territory's grids are shown on the plan's home
            return self.to_page(grid.page, grid.key)
        return self.to_page(self.step_page(step_of(grid)), f"grille-{grid.key}")

    def step_page(self, step) -> str:
        return step.story_page if self.view.territory else step.page

    def to_step(self, number: int) -> Markup:
        """A step's progress: on the progress page of the template's site, or
        the step's story in a territory's."""
        if self.view.territory:
            return self.to_page(STEP_BY_NUMBER[number].story_page)
        return self.to_page(views.PROGRESS_PAGE, f"etape-{number}")


@dataclass(frozen=True)
class PortableLinker(Linker):
    """Links for HTML shown on several pages (a chart on the plan's page, its
    step's chapter and the follow-up): each stays « from the root » until
    ``Linker.relink`` turns it into the link of one page."""

    current_url: str = ""

    def _from_here(self, target: str, fragment: str) -> Markup:
        return Markup(_PORTABLE + target + fragment)
