"""What the plan's PDF adds to the site's pages to read as a document a council adopts.

- The front matter: the forewords (« Avant-propos », one heading level up: a section
  of their own) and the credits' page (« Qui a fait ce plan ») come right after the
  cover and the table of contents.
- The table of contents' second level: the ``h2`` of each section (orientations,
  priorities, steps of the annex…).
- Print marks: a table of eight columns or more prints on a landscape page; an
  external link whose text is not its address shows the address after the text
  (the CSS writes it; a printed page cannot be clicked).
- The cover's logo: ``logo.svg`` or ``logo.png`` in the data folder, checked
  (a real SVG or PNG, not too heavy, not too large) and embedded as a ``data:``
  address (the PDF engine never reads a file nor the network).

Everything here works on the HTML the site's macros produced; no markup is
written, only classes added and blocks moved.
"""

from __future__ import annotations

import base64
import html as html_module
import re
import struct
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from ..plan import french
from ..reading.loader import LOGO_FILES

# Printed right after the contents: the forewords (a block of a page, by its id: in
# templates/plan/team.html), then the credits' page.
FRONT_MATTER = ("avant-propos",)
FRONT_PAGES = ("plan/equipe.md",)
WIDE_TABLE_COLUMNS = 8  # from this many columns, a table prints on a landscape page

LOGO_MAX_BYTES = 2_000_000
LOGO_MAX_PIXELS = 6000  # width or height of a PNG
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

_H2 = re.compile(r'<h2\b[^>]*\bid="([^"]+)"[^>]*>(.*?)</h2>', re.DOTALL)
_NEXT_H2 = re.compile(r"<h2\b")
_HEADING_TAG = re.compile(r"<(/?)h([2-6])\b")
_TAG = re.compile(r"<[^>]+>")
_TABLE = re.compile(r"<table\b([^>]*)>(.*?)</table>", re.DOTALL)
_THEAD = re.compile(r"<thead\b.*?</thead>", re.DOTALL)
_TH = re.compile(r"<th\b")
_EXTERNAL = re.compile(r'<a\b([^>]*\bhref="(https?://[^"]+)"[^>]*)>(.*?)</a>', re.DOTALL)
_CLASS = re.compile(r'\bclass="([^"]*)"')
_CLOSING = re.compile(r"</(summary|h[1-6])>")
_OPENING = re.compile(r"<(div|details)\b")
_LANDSCAPE_GRID = re.compile(r'<div\b[^>]*\bclass="[^"]*\bpnt-grille--tableau\b')


def text_of(fragment: str) -> str:
    """The text of an HTML fragment, on one line."""
    return " ".join(html_module.unescape(_TAG.sub("", fragment)).split())


# --- front matter ----------------------------------------------------------------------------

@dataclass
class Block:
    id: str
    title: str
    html: str


def split_front_matter(page: str) -> tuple:
    """(the page without its front-matter blocks, [Block…]), each block raised one
    heading level (its ``h2`` becomes the ``h1`` of a section of its own)."""
    blocks = []
    for anchor in FRONT_MATTER:
        for match in _H2.finditer(page):
            if match.group(1) == anchor:
                end = _NEXT_H2.search(page, match.end())
                stop = end.start() if end else len(page)
                block = page[match.start():stop]
                raised = _raised(block)
                blocks.append(Block(anchor, text_of(match.group(2)), raised))
                page = page[:match.start()] + page[stop:]
                break
    return page, blocks


def _raised(fragment: str) -> str:
    """Each heading one level up: an ``h2`` becomes an ``h1``."""
    return _HEADING_TAG.sub(lambda m: f"<{m.group(1)}h{int(m.group(2)) - 1}", fragment)


_H1 = re.compile(r"<h1\b.*?</h1>", re.DOTALL)


def split_sections(page: str) -> list:
    """A page cut at each ``h2`` into sections of a document (a yearly
    report): [Block…], headings raised one level; what comes before the first
    ``h2`` but the page's title opens the first section."""
    starts = [match for match in _H2.finditer(page)]
    if not starts:
        return []
    lead = _H1.sub("", page[:starts[0].start()], count=1).strip()
    blocks = []
    for position, match in enumerate(starts):
        stop = starts[position + 1].start() if position + 1 < len(starts) else len(page)
        body = _raised(page[match.start():stop])
        if position == 0 and lead:
            heading_end = body.index("</h1>") + len("</h1>")
            body = body[:heading_end] + "\n" + lead + body[heading_end:]
        blocks.append(Block(match.group(1), text_of(match.group(2)), body))
    return blocks


# --- table of contents ---------------------------------------------------------------------

def contents_entries(section: str) -> list:
    """The second level of the table of contents: each ``h2`` of a section."""
    return [{"id": anchor, "title": text_of(title)} for anchor, title in _H2.findall(section)]


# --- print marks -----------------------------------------------------------------------------

def _add_class(attributes: str, name: str) -> str:
    found = _CLASS.search(attributes)
    if found:
        return _CLASS.sub(lambda m: f'class="{m.group(1)} {name}"', attributes, count=1)
    return f'{attributes} class="{name}"'


def _is_wide(table: str) -> bool:
    head = _THEAD.search(table)
    return head is not None and len(_TH.findall(head.group(0))) >= WIDE_TABLE_COLUMNS


def _leading_up_to(page: str, end: int) -> list:
    """Where the elements that lead to ``end`` start: the openings of the ``div``
    and ``details`` around a table, a ``summary``, and the heading before them."""
    starts = []
    while True:
        before = page[:end].rstrip()
        if not before.endswith(">"):
            return starts
        start = before.rfind("<")
        closing = _CLOSING.match(before, start)
        if closing:
            start = before.rfind("<" + closing.group(1), 0, start)
            if start < 0:
                return starts
            starts.append(start)
            if closing.group(1) != "summary":
                return starts  # the heading: what it introduces starts here
        elif _OPENING.match(before, start):
            starts.append(start)
        else:
            return starts
        end = start


def _with_class_at(page: str, start: int, name: str) -> str:
    """``page`` with ``name`` added to the classes of the tag starting at ``start``."""
    end = page.index(">", start)
    tag = page[start:end]
    name_end = re.match(r"<\w+", tag).end()
    return page[:start] + tag[:name_end] + _add_class(tag[name_end:], name) + page[end:]


def _wide_tables(page: str) -> str:
    """A table of many columns prints on a landscape page, with its heading, its
    « Les données du graphique en tableau » and the blocks around it; so does the
    heading of a grid printed on landscape pages (``pnt-grille--tableau``)."""
    wide = [(m.start(), True) for m in _TABLE.finditer(page) if _is_wide(m.group(0))]
    grids = [(m.start(), False) for m in _LANDSCAPE_GRID.finditer(page)]
    for start, is_table in sorted(wide + grids, reverse=True):
        if is_table:
            page = _with_class_at(page, start, "pnt-large")
        for lead in _leading_up_to(page, start):
            page = _with_class_at(page, lead, "pnt-paysage")
    return page


def _external(match) -> str:
    attributes, href, text = match.group(1), match.group(2), match.group(3)
    shown = text_of(text).rstrip("/")
    if shown in (href.rstrip("/"), href.split("://", 1)[1].rstrip("/")):
        return match.group(0)  # the text is the address already
    return f"<a{_add_class(attributes, 'pnt-lien-externe')}>{text}</a>"


def for_print(section: str) -> str:
    """Wide tables marked for landscape pages, external links for their address."""
    return _EXTERNAL.sub(_external, _wide_tables(section))


# --- the cover's logo ------------------------------------------------------------------------

class LogoError(Exception):
    """The logo of the data folder cannot be printed (the message says why, in French)."""


def _check_png(data: bytes, shown: str) -> None:
    if not data.startswith(PNG_SIGNATURE) or data[12:16] != b"IHDR":
        raise LogoError(f"{shown} n'est pas une image PNG valide")
    width, height = struct.unpack(">II", data[16:24])
    if not width or not height:
        raise LogoError(f"{shown} n'est pas une image PNG valide (taille nulle)")
    if max(width, height) > LOGO_MAX_PIXELS:
        raise LogoError(f"{shown} est trop grand ({width}\u00a0×\u00a0{height} pixels\u202f; "
                        f"au plus {LOGO_MAX_PIXELS} pixels de côté)")
    try:
        import io

        from PIL import Image, ImageFile
    except ImportError:  # the PDF engine brings Pillow; without it, the header suffices
        return
    lenient = ImageFile.LOAD_TRUNCATED_IMAGES  # WeasyPrint sets it, for its own reasons
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
    except Exception:  # noqa: BLE001 - Pillow raises many kinds, in English
        raise LogoError(f"{shown} n'est pas une image PNG valide (fichier tronqué ou "
                        "endommagé)") from None
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = lenient


def _check_svg(data: bytes, shown: str) -> None:
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        raise LogoError(f"{shown} n'est pas une image SVG valide ({error})") from None
    if root.tag.rsplit("}", 1)[-1] != "svg":
        raise LogoError(f"{shown} n'est pas une image SVG valide (son élément racine "
                        f"est « {root.tag.rsplit('}', 1)[-1]} », pas « svg »)")


def logo_file(folder: Path):
    for name in LOGO_FILES:
        if (folder / name).is_file():
            return folder / name
    return None


def cover_logo(folder: Path, shown_folder: str) -> str:
    """The logo of the data folder as a ``data:`` address, or "" without a logo.

    Raises LogoError, naming the file, when it cannot be printed."""
    path = logo_file(folder)
    if path is None:
        return ""
    shown = f"{shown_folder}/{path.name}"
    try:
        data = path.read_bytes()
    except OSError as error:
        raise LogoError(f"{shown} ne peut pas être lu ({error.strerror or error})") from None
    if len(data) > LOGO_MAX_BYTES:
        raise LogoError(f"{shown} est trop lourd ({french.size(len(data))}\u202f; au plus "
                        f"{french.size(LOGO_MAX_BYTES)})")
    if path.suffix == ".png":
        _check_png(data, shown)
        kind = "image/png"
    else:
        _check_svg(data, shown)
        kind = "image/svg+xml"
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"
