"""What Material's search reads of a page, without the parts it would skip.

Material's search plugin parses each page's whole HTML (``html.parser``) and
leaves out of its index every element marked ``data-search-exclude``: the
grids' rows, the charts' drawings and data tables, the file lists. Those are
most of a page's markup, parsed only to be skipped. ``without_excluded``
removes them before the plugin reads the page (``macros/hooks/search.py``),
so that it parses only what it indexes; the index is the same, byte for byte
(``tests/site/test_search_index.py`` builds the site both ways).

An excluded element is kept when it holds a heading: Material's parser opens
a section at every heading, even inside an excluded element. A void element
(``<img data-search-exclude>``) has no text and no end: it is left alone.

Under ``make apercu``, most pages come out of a rebuild as they were; what
the plugin found in such a page is taken from the previous build instead of
being parsed again (``FoundLastBuild``, ``kept.py``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import kept

MARK = "data-search-exclude"
_START_TAG = re.compile(
    r"<([a-zA-Z][a-zA-Z0-9-]*)"
    r"((?:\s+[^\s=/>\"']+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'>]+))?)*)\s*/?>")
_ATTRIBUTE_NAME = re.compile(r"\s+([^\s=/>\"']+)(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'>]+))?")
_MARK = re.compile(MARK, re.IGNORECASE)  # html.parser reads names in any case
_HEADING = re.compile(r"<h[1-6][\s>/]", re.IGNORECASE)
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                  "meta", "param", "source", "track", "wbr"})
# What Material's plugin removes from the page once it is indexed
# (material/plugins/search/plugin.py, on_page_context).
_SEARCH_ATTRIBUTES = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")


def _excluded_start(html: str, found: int):
    """The start tag around position ``found`` if it has the attribute, else None."""
    start = html.rfind("<", 0, found)
    match = _START_TAG.match(html, start) if start >= 0 else None
    if match is None or match.end() <= found:
        return None
    names = [m.group(1).lower() for m in _ATTRIBUTE_NAME.finditer(match.group(2))]
    return match if MARK in names else None


def _element_end(html: str, tag: str, after: int) -> int:
    """Where the element whose start tag ends at ``after`` ends (-1: unclosed)."""
    tags = re.compile(rf"<(/?){re.escape(tag)}(?=[\s/>])[^>]*>", re.IGNORECASE)
    depth = 1
    for match in tags.finditer(html, after):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return match.end()
    return -1


def without_excluded(html: str) -> str:
    """``html`` without its ``data-search-exclude`` elements (headings aside)."""
    parts, copied = [], 0
    mark = _MARK.search(html)
    while mark is not None:
        position = mark.end()
        start = _excluded_start(html, mark.start())
        end = -1
        if start is not None and start.group(1).lower() not in VOID:
            end = _element_end(html, start.group(1), start.end())
        if end >= 0 and not _HEADING.search(html, start.end(), end):
            parts.append(html[copied:start.start()])
            copied = position = end
        mark = _MARK.search(html, position)
    if not parts:
        return html
    parts.append(html[copied:])
    return "".join(parts)


def without_search_attributes(html: str) -> str:
    """The page as Material's plugin leaves it once indexed."""
    return _SEARCH_ATTRIBUTES.sub("", html)


# --- What the search found in a page, kept for the next build ------------------------------

_WAY = "_pnt_search_way"  # on the page while Material's plugin reads it


def search_plugin(config):
    """The build's search plugin, or None when there is none or it is disabled."""
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    if plugin is None or not getattr(plugin, "config", {}).get("enabled", True):
        return None
    return plugin


def search_index(plugin):
    """Material's search index of this build, or None (another search plugin,
    or another version of Material whose index has no list of entries)."""
    if not type(plugin).__module__.startswith("material.plugins.search"):
        return None
    index = getattr(plugin, "search_index", None)
    return index if isinstance(getattr(index, "entries", None), list) else None


def outline(toc) -> tuple:
    """What the plugin reads of a table of contents: each item's anchor and address."""
    return tuple((item.id, item.url, item.title, outline(item.children)) for item in toc)


def _size(entries: list) -> int:
    return sum(len(entry.get("title", "")) + len(entry.get("text", "")) for entry in entries)


def _copied(entries: list) -> list:
    return [{name: list(value) if isinstance(value, list) else value
             for name, value in entry.items()} for entry in entries]


class FoundLastBuild:
    """Each page's search entries, kept under a digest of all the plugin
    reads to make them: the page's HTML (as shortened), address, title,
    header (``search``, ``tags``, ``title``) and table of contents."""

    def __init__(self):
        self.outputs = kept.KeptOutputs(size=_size)

    def start_build(self, keep: bool) -> None:
        """A new build; with ``keep`` false (not served), nothing is kept."""
        self.outputs.start_build(keep=keep)

    def before_plugin(self, page, index) -> None:
        """Just before the plugin reads ``page``: when its entries are known,
        the plugin is told to skip it (``search: exclude``, its own switch)."""
        if not self.outputs.keeps:
            return
        key = kept.key("recherche", (page.url, page.title, page.meta,
                                     outline(page.toc), page.content))
        found = self.outputs.get(key)
        setattr(page, _WAY, (key, index, len(index.entries), found, page.meta))
        if found is not None:
            page.meta = dict(page.meta, search={"exclude": True})

    def after_plugin(self, page) -> None:
        """Just after: the known entries added where the plugin would have
        added them (unless it indexed the page all the same), or the new
        ones kept."""
        way = getattr(page, _WAY, None)
        if way is None:
            return
        delattr(page, _WAY)
        key, index, start, found, meta = way
        page.meta = meta
        added = index.entries[start:]
        if found is None:
            self.outputs.keep(key, _copied(added))
        elif not added:
            index.entries.extend(_copied(found))


@lru_cache(maxsize=1)
def found_last_build() -> FoundLastBuild:
    """The process's store (``mkdocs serve`` builds again in the same process)."""
    return FoundLastBuild()
