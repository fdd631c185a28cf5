"""The macros' raw HTML kept out of Python-Markdown while MkDocs builds a page.

A grid or a chart is a big block of raw HTML in the page's Markdown: Python-
Markdown would parse it again, tag by tag, only to copy it unchanged into
the page. While a page is built by MkDocs (``macros/hooks/raw_html.py``
says when), each such block is replaced by a short placeholder, an HTML
comment that Markdown copies as it is, and put back in the page's HTML after
Markdown and the typography hook (the macros' HTML is typeset already). The
Markdown headings between the blocks stay Markdown: they still reach the
table of contents and the PDF's bookmarks.

Outside such a build (the PDFs, the tests, another engine), nothing is held:
the blocks stay in the Markdown.
"""

from __future__ import annotations

import re
from typing import Optional

from markdown.util import BLOCK_LEVEL_ELEMENTS

_PLACEHOLDER = "<!--pnt-bloc-{}-->"
_PLACEHOLDERS = re.compile(r"<!--pnt-bloc-(\d+)-->")
# A block Markdown copies as raw HTML starts with a block-level tag.
_RAW_START = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)")

_held: Optional[list] = None  # the current page's blocks, while MkDocs builds it


def start_page() -> None:
    """From now on, until ``finish_page``, blocks are held."""
    global _held
    _held = []


def is_raw_block(block: str) -> bool:
    """Would Markdown copy this block as raw HTML (it starts with a block tag)?"""
    match = _RAW_START.match(block)
    return bool(match) and match.group(2).lower() in BLOCK_LEVEL_ELEMENTS


def hold(block: str) -> str:
    """``block`` itself, or its placeholder while a page is being built."""
    if _held is None or not is_raw_block(block):
        return block
    _held.append(block)
    return _PLACEHOLDER.format(len(_held) - 1)


def expand(text: str) -> str:
    """``text`` with the current page's blocks back in place of their placeholders."""
    if not _held:
        return text
    held = _held

    def block(match) -> str:
        index = int(match.group(1))
        if index >= len(held):
            return match.group(0)
        # A block may hold earlier ones (a chart inside an annual report).
        return _PLACEHOLDERS.sub(block, held[index])

    return _PLACEHOLDERS.sub(block, text)


def finish_page(html: str) -> str:
    """The page's HTML with its blocks back; nothing is held any more."""
    global _held
    try:
        return expand(html)
    finally:
        _held = None
