"""Complete the table tags of the structure tree WeasyPrint writes (PDF/UA-1).

WeasyPrint 70.0 tags tables (Table, THead, TBody, TFoot, TR, TH, TD,
Caption) and links each data cell to its headers (``/Headers`` naming their
``/ID``), but it gives no header cell a ``/Scope``: whether it heads a row or
a column, which screen readers and PDF/UA checkers (Matterhorn Protocol,
checkpoint 15) look for on every TH. It also builds the structure
tree page by page: a table split across pages becomes one ``/Table`` element
per page, and a caption left alone at the bottom of a page becomes a
``/Table`` holding only a ``/Caption``. The document's style sheet keeps a
caption with its first rows (``break-after: avoid``); this module is the safety
net for when the layout cannot honour that.

``complete_table_tags`` rewrites the PDF with pikepdf (qpdf):

* every ``/TH`` gets ``/Scope`` in its ``/Table`` attribute object: ``/Row``
  for a row header, ``/Column`` for a column header;
* a ``/Table`` holding only captions gives them to the table that continues
  it on the next page, or becomes a ``/Div`` of paragraphs when no table
  follows.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import pikepdf
from pikepdf import Array, Dictionary, Name

TABLE = Name("/Table")
ROW_GROUPS = ("/THead", "/TBody", "/TFoot")


# --- the structure tree, read once --------------------------------------------------------

@dataclass(eq=False)
class _Node:
    """A structure element, its kind (/S), parent and child elements."""

    element: pikepdf.Dictionary
    kind: str
    parent: _Node | None
    children: list = field(default_factory=list)
    has_content: bool = False  # marked content or an annotation directly inside


def _is_element(node) -> bool:
    """A structure element (not a marked-content or object reference, not an MCID)."""
    return isinstance(node, Dictionary) and "/S" in node


def _kids(element) -> list:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, Array) else [kids]


def _tree(root) -> list:
    """Every structure element under ``root``, in document order (pre-order)."""
    top = _Node(root, "", None)
    order, stack = [], [(top, kid) for kid in reversed(_kids(root))]
    while stack:
        parent, kid = stack.pop()
        if not _is_element(kid):
            parent.has_content = True
            continue
        node = _Node(kid, str(kid.S), parent)
        parent.children.append(node)
        order.append(node)
        stack += [(node, grandchild) for grandchild in reversed(_kids(kid))]
    return order


def _rows(table: _Node) -> list:
    """The TR of a table with the row group holding each (None: directly in the table)."""
    rows = []
    for kid in table.children:
        if kid.kind == "/TR":
            rows.append((None, kid))
        elif kid.kind in ROW_GROUPS:
            rows += [(kid.kind, row) for row in kid.children if row.kind == "/TR"]
    return rows


# --- attribute objects --------------------------------------------------------------------

def _table_attributes(cell, create: bool):
    """The cell's attribute object owned by /Table (merged into an existing /A)."""
    attributes = cell.get("/A")
    candidates = attributes if isinstance(attributes, Array) else [attributes]
    for candidate in candidates:
        if isinstance(candidate, Dictionary) and candidate.get("/O") == TABLE:
            return candidate
    if not create:
        return None
    table = Dictionary(O=TABLE)
    if attributes is None:
        cell.A = table
        return cell.A
    if not isinstance(attributes, Array):
        cell.A = Array([attributes])
        attributes = cell.A
    attributes.append(table)
    return attributes[len(attributes) - 1]


def _headers(cell) -> set:
    attributes = _table_attributes(cell, create=False)
    headers = attributes.get("/Headers") if attributes is not None else None
    return {bytes(header) for header in headers} if headers is not None else set()


# --- scopes -------------------------------------------------------------------------------

def _identifier(cell: _Node):
    identifier = cell.element.get("/ID")
    return bytes(identifier) if identifier is not None else None


def _add_scopes(table: _Node) -> int:
    """Give every TH of ``table`` a /Scope; return how many were added.

    WeasyPrint reads the HTML ``scope`` attribute to fill each TD's /Headers
    with the /ID of its headers: a TH named by a data cell of its own row is a
    row header, one named only from other rows a column header. A TH no data
    cell names is a column header in a THead or in a row without data cells,
    a row header otherwise."""
    rows = _rows(table)
    same_row, other_rows = set(), set()
    for _, row in rows:
        own = {_identifier(cell) for cell in row.children if cell.kind == "/TH"}
        for cell in row.children:
            if cell.kind == "/TD":
                named = _headers(cell.element)
                same_row |= named & own
                other_rows |= named - own
    added = 0
    for group, row in rows:
        has_data = any(cell.kind == "/TD" for cell in row.children)
        for cell in row.children:
            if cell.kind != "/TH":
                continue
            attributes = _table_attributes(cell.element, create=True)
            if "/Scope" in attributes:
                continue
            identifier = _identifier(cell)
            if identifier is not None and identifier in same_row:
                row_header = True
            elif identifier is not None and identifier in other_rows:
                row_header = False
            else:
                row_header = group != "/THead" and has_data
            attributes.Scope = Name("/Row") if row_header else Name("/Column")
            added += 1
    return added


# --- tables holding only a caption --------------------------------------------------------

def _detach(node: _Node) -> None:
    """Remove ``node`` from its parent, then every ancestor this leaves empty."""
    while node.parent is not None and node.parent.parent is not None:
        parent = node.parent
        kids = parent.element.get("/K")
        if isinstance(kids, Array):
            for index in range(len(kids)):
                if kids[index].is_same_object_as(node.element):
                    del kids[index]
                    break
        else:
            del parent.element["/K"]
        parent.children.remove(node)
        node.parent = None
        if parent.children or parent.has_content:
            return
        node = parent


def _size(node: _Node) -> int:
    """How many elements ``node`` and its descendants are."""
    return 1 + sum(_size(kid) for kid in node.children)


def _enclosing_table(node: _Node):
    while node is not None and node.kind != "/Table":
        node = node.parent
    return node


def _continuation(table: _Node, following: list):
    """The table whose content comes right after ``table``'s, if it has no caption.

    ``following``: the structure elements after ``table``'s own, in order."""
    for node in following:
        if not node.has_content:
            continue
        continued = _enclosing_table(node)
        if continued is None or any(kid.kind == "/Caption" for kid in continued.children):
            return None
        return continued
    return None


def _rehome_captions(order: list) -> int:
    """Join each caption-only /Table to its continuation, or retag it; return how many."""
    fixed = 0
    for position, table in enumerate(order):
        if (table.kind != "/Table" or not table.children
                or any(kid.kind != "/Caption" for kid in table.children)):
            continue
        continued = _continuation(table, order[position + _size(table):])
        captions = list(table.children)
        if continued is not None:
            kids = continued.element.get("/K")
            if not isinstance(kids, Array):
                continued.element.K = Array([] if kids is None else [kids])
                kids = continued.element.K
            for index, caption in enumerate(captions):
                _detach(caption)
                kids.insert(index, caption.element)
                caption.element.P = continued.element
                caption.parent = continued
                continued.children.insert(index, caption)
        else:
            table.kind = "/Div"
            table.element.S = Name("/Div")
            for caption in captions:
                caption.kind = "/P"
                caption.element.S = Name("/P")
        fixed += 1
    return fixed


# --- the whole document -------------------------------------------------------------------

def complete_table_tags(pdf: bytes) -> bytes:
    """``pdf`` with a /Scope on every TH and no /Table holding only a caption."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        root = document.Root.get("/StructTreeRoot")
        if root is None:
            return pdf
        order = _tree(root)
        changed = _rehome_captions(order)
        changed += sum(_add_scopes(node) for node in order if node.kind == "/Table")
        if not changed:
            return pdf
        output = io.BytesIO()
        # deterministic_id: the same input gives the same bytes;
        # fix_metadata_version=False: WeasyPrint's XMP metadata is kept as written.
        document.save(output, deterministic_id=True, fix_metadata_version=False)
        return output.getvalue()
