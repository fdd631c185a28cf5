"""A page's Markdown converted once while nothing it depends on changes
(``make apercu``, ``serving.py``).

After a save, most pages reach MkDocs's Markdown step with the very same
Markdown as in the previous build: the macros rendered the same views, and
the grids and charts are placeholders there anyway (``rawblocks.py``).
Python-Markdown then made the same HTML again: a quarter of a rebuild
(benchmarks/README.md). While the site is served, MkDocs's conversion of
each page (``Page.render``) goes through ``ConvertedPages``: the result is
kept under a digest of everything the conversion reads, and an equal page
in the next build takes it.

What the conversion reads: the page's Markdown; its file's paths and
address; every file of the site (links are checked and rewritten against
them); the Markdown extensions and their settings; the link validation
settings and the log level (which decide what it records). What it gives:
the HTML, the table of contents, the title found in the page, the anchors
the page has and the links it makes to anchors of other pages (given back
pointing at this build's files, so that MkDocs checks them against this
build's pages).

A conversion is not kept when it logged anything (a broken link: the next
build must say it again), nor when an extension outside ``PURE_EXTENSIONS``
is configured (one that reads other files, such as pymdownx.snippets), nor
when the page's ``render`` is not MkDocs's own (a subclass of ``Page``).
"""

from __future__ import annotations

import functools
import logging
import pickle
import threading
import weakref
from typing import Optional

from mkdocs.structure.pages import Page

from . import kept

# The extensions whose output depends on the page's Markdown alone: those of
# mkdocs.yml, and MkDocs's defaults (toc, tables, fenced_code).
PURE_EXTENSIONS = frozenset({"toc", "tables", "fenced_code", "attr_list", "admonition",
                             "pymdownx.details"})
_PAGES_LOG = logging.getLogger("mkdocs.structure.pages")

_files_signatures: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _files_signature(files) -> tuple:
    """Every file of the build, as links see it; once per build's ``Files``."""
    found = _files_signatures.get(files)
    if found is None:
        found = tuple((f.src_uri, f.dest_uri, f.url, str(f.inclusion)) for f in files)
        _files_signatures[files] = found
    return found


def conversion_inputs(page, config, files) -> Optional[tuple]:
    """All the conversion of ``page`` reads, or None when it may read more."""
    extensions = config["markdown_extensions"]
    if not all(isinstance(name, str) and name in PURE_EXTENSIONS for name in extensions):
        return None
    return (page.markdown, page.file.src_uri, page.file.dest_uri, page.file.url,
            _files_signature(files), tuple(extensions), config["mdx_configs"],
            config["use_directory_urls"], config["validation"],
            _PAGES_LOG.getEffectiveLevel())


class _Said(logging.Handler):
    """Whether this thread logged anything, at INFO or above, while it was
    installed (the server's own lines, « Browser connected », come from others)."""

    def __init__(self):
        super().__init__(logging.INFO)
        self.anything = False
        self.thread = threading.get_ident()
        self.loggers = (logging.getLogger(), logging.getLogger("mkdocs"))

    def emit(self, record) -> None:
        if record.thread == self.thread:
            self.anything = True

    def __enter__(self) -> "_Said":
        for logger in self.loggers:
            logger.addHandler(self)
        return self

    def __exit__(self, *exc) -> None:
        for logger in self.loggers:
            logger.removeHandler(self)


def _result(page) -> tuple:
    links = page.links_to_anchors
    if links is not None:
        links = {to_file.src_uri: dict(anchors) for to_file, anchors in links.items()}
    return (page.content, pickle.dumps(page.toc, protocol=pickle.HIGHEST_PROTOCOL),
            page._title_from_render, frozenset(page.present_anchor_ids or ()), links)


def _restore(page, result: tuple, files) -> None:
    content, toc, title, anchors, links = result
    page.content = content
    page.toc = pickle.loads(toc)
    page._title_from_render = title
    page.present_anchor_ids = set(anchors)
    if links is not None:
        page.links_to_anchors = {files.get_file_from_path(uri): dict(found)
                                 for uri, found in links.items()}


class ConvertedPages:
    """Each page's conversion, kept for the next build while it is served."""

    def __init__(self):
        self.outputs = kept.KeptOutputs(size=lambda result: len(result[0]))

    def start_build(self, keep: bool) -> None:
        self.outputs.start_build(keep=keep)

    def convert_once(self, page) -> None:
        """``page`` converted, when MkDocs asks, as by the last build if its
        inputs are the same (nothing changes when the site is not served)."""
        if not self.outputs.keeps or type(page).render is not Page.render:
            return
        page.render = functools.partial(self._render, page)

    def _render(self, page, config, files) -> None:
        inputs = conversion_inputs(page, config, files)
        key = kept.key("page", inputs) if inputs is not None else None
        found = self.outputs.get(key)
        if found is not None:
            _restore(page, found, files)
            return
        with _Said() as said:
            Page.render(page, config, files)
        if not said.anything:
            self.outputs.keep(key, _result(page))


@functools.lru_cache(maxsize=1)
def converted_pages() -> ConvertedPages:
    """The process's store (``mkdocs serve`` builds again in the same process)."""
    return ConvertedPages()
