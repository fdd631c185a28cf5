"""Escaping of every value that comes from a territory's data.

Values end up inside Markdown pages that MkDocs converts to HTML, so a value
must be inert twice: as HTML (``<script>``) and as Markdown or Jinja syntax
(``*``, ``[x](y)``, ``{{ }}``, a leading ``#``). Plain values are escaped to
HTML entities; long-text fields are rendered as CommonMark (markdown-it-py)
with raw HTML shown as text, unsafe links and all images removed.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markupsafe import Markup

# Characters that HTML, Markdown, its extensions or Jinja could read as syntax,
# replaced in one pass by numeric character references.
_ENTITIES = {ch: f"&#{ord(ch)};" for ch in "&<>\"'{}#*_[]`\\|~^="}
_ENTITY_TABLE = str.maketrans(_ENTITIES)
_ASCII_SPACES = re.compile(r"[ \t\r\n\f\v]+")


def escape_value(value) -> Markup:
    """A data value as inert HTML, on one line: a number, a date or a
    boolean as Python writes it (« 1.5 », « -0.0 », « True »)."""
    if type(value) is str:
        return _escaped_text(value)
    if isinstance(value, Markup):
        return value
    if value is None:
        return _NOTHING
    return _escaped_text(str(value))


_NOTHING = Markup("")


# A build prints the same few thousand texts many times (a label in every
# row, « non précisé », the coordinates and ticks of a chart): each is
# escaped once per process (a pure function, a bounded cache). A number is
# kept under the text it prints as: -0.0 equals 0.0, but prints « -0.0 ».
@lru_cache(maxsize=8192)
def _escaped_text(text: str) -> Markup:
    # Line breaks and runs of spaces become one space; non-breaking spaces
    # (French typography: « 25 000 $ », « 85 % ») are kept. A space at either
    # end is kept too: a view joins the parts of a sentence (« — », « : »).
    return Markup(_ASCII_SPACES.sub(" ", text).translate(_ENTITY_TABLE))


_SAFE_SCHEMES = ("http://", "https://", "mailto:")


def _is_safe_href(href: str) -> bool:
    href = href.strip().lower()
    if href.startswith(_SAFE_SCHEMES):
        return True
    return ":" not in href.split("/")[0] and not href.startswith("//")


def _image_as_text(renderer, tokens, index, options, env) -> str:
    """An image shows its description, never the picture (no request to
    another site): « ![carte](https://…) » reads « carte »."""
    alt = renderer.renderInlineAsText(tokens[index].children or [], options, env)
    return escapeHtml(alt)


def _long_text_renderer() -> MarkdownIt:
    """CommonMark, with raw HTML shown as text, no headings (a long text sits
    under the page's own), images as their description, unsafe links as text.

    Why markdown-it-py rather than the Python-Markdown of MkDocs: a long text
    is data, and Python-Markdown takes quadratic time on brackets (« [[[… »,
    issue Python-Markdown/markdown#798: 100 s for 20 000 characters) and
    overflows Python's stack on deeply nested lists (« - - - … »). markdown-it
    follows CommonMark's answers to these inputs: linear work, and nesting
    capped by ``maxNesting``."""
    renderer = MarkdownIt("commonmark", {"html": False, "maxNesting": 20})
    renderer.disable(["heading", "lheading"])
    renderer.validateLink = _is_safe_href
    renderer.add_render_rule("image", _image_as_text)
    return renderer


_RENDERER = _long_text_renderer()
# In the rendered HTML every « < » opens a tag (text has &lt;): splitting on
# tags is linear.
_TAG = re.compile(r"(<[^<>]*>)")
_SYNTAX_IN_TEXT = {ch: f"&#{ord(ch)};" for ch in "{}#*_[]`\\|~^="}
_SYNTAX = re.compile("[" + re.escape("".join(_SYNTAX_IN_TEXT)) + "]")


def _inert_text(html: str) -> str:
    """The rendered HTML's text made inert for the page's own Markdown and
    Jinja passes: « [x](javascript:…) » left as text stays text."""
    parts = _TAG.split(html)
    for index in range(0, len(parts), 2):  # even parts are text, odd ones tags
        parts[index] = _SYNTAX.sub(lambda m: _SYNTAX_IN_TEXT[m.group()], parts[index])
    return "".join(parts)


def render_long_text(text) -> Markup:
    """Markdown from a long-text field, with raw HTML shown as text."""
    if text is None:
        return _NOTHING
    return _rendered_long_text(str(text))


@lru_cache(maxsize=1024)
def _rendered_long_text(text: str) -> Markup:
    """Once per process: a long text is shown in its grid, on the plan's
    pages and in each rebuild of ``make apercu`` (a tenth of a rebuild's
    rendering, benchmarks/README.md)."""
    return Markup(_inert_text(_RENDERER.render(text)))
