"""Escaping of every value that comes from a territory's data.

Values end up inside Markdown pages that MkDocs converts to HTML, so a value
must be inert twice: as HTML (``<script>``) and as Markdown or Jinja syntax
(``*``, ``[x](y)``, ``{{ }}``, a leading ``#``). Plain values are escaped to
HTML entities; long-text fields are rendered as Markdown from escaped text,
with unsafe links and all images removed.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup, escape

# Characters that HTML, Markdown, its extensions or Jinja could read as syntax,
# replaced in one pass by numeric character references.
_ENTITIES = {ch: f"&#{ord(ch)};" for ch in "&<>\"'{}#*_[]`\\|~^="}
_ASCII_SPACES = re.compile(r"[ \t\r\n\f\v]+")
_SPECIAL = re.compile("[" + re.escape("".join(_ENTITIES)) + "]")


def escape_value(value) -> Markup:
    """A data value as inert HTML, on one line."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    # Line breaks and runs of spaces become one space; non-breaking spaces
    # (French typography: « 25 000 $ », « 85 % ») are kept. A space at either
    # end is kept too: a view joins the parts of a sentence (« — », « : »).
    text = _ASCII_SPACES.sub(" ", str(value))
    return Markup(_SPECIAL.sub(lambda m: _ENTITIES[m.group()], text))


def _neutralise_braces(html: str) -> str:
    return html.replace("{", "&#123;").replace("}", "&#125;")


_SAFE_SCHEMES = ("http://", "https://", "mailto:")


def _is_safe_href(href: str) -> bool:
    href = href.strip().lower()
    if href.startswith(_SAFE_SCHEMES):
        return True
    return ":" not in href.split("/")[0] and not href.startswith("//")


class _SafetyTreeprocessor(Treeprocessor):
    """Drop unsafe links, images (no request to other sites) and headings."""

    def run(self, root: etree.Element):
        for parent in root.iter():
            for index, child in enumerate(list(parent)):
                if child.tag == "img":
                    self._replace_image(parent, child, index)
                elif child.tag == "a" and not _is_safe_href(child.get("href", "")):
                    child.tag = "span"
                    child.attrib.clear()
                elif child.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                    child.tag = "p"
                    child.attrib.clear()

    @staticmethod
    def _replace_image(parent, image, index):
        alt = image.get("alt", "")
        span = etree.Element("span")
        span.text = alt
        span.tail = image.tail
        parent.remove(image)
        parent.insert(index, span)


class _SafetyExtension(Extension):
    def extendMarkdown(self, md):
        md.treeprocessors.register(_SafetyTreeprocessor(md), "pnt_safety", 0)


_MARKDOWN = markdown.Markdown(extensions=[_SafetyExtension(), "sane_lists"],
                              output_format="html")


def render_long_text(text) -> Markup:
    """Markdown from a long-text field, with raw HTML shown as text."""
    if text is None:
        return Markup("")
    _MARKDOWN.reset()
    html = _MARKDOWN.convert(str(escape(str(text))))
    return Markup(_neutralise_braces(html))
