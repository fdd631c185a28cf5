"""How many blank rows each table of the workshop kit holds on one page.

A blank worksheet should fill its page and no more: a second page holding the
repeated headings and one or two empty rows is paper for nothing. The height of
a grid's headings depends on its help texts, so the kit is laid out once by the
PDF engine with more rows than fit, and each grid keeps the rows its first page
held.
"""

from __future__ import annotations

GRID_ID_PREFIX = "grille-"  # the id of a grid's <div> (templates/grid/grid.html)
BLANK_ROW_CLASS = "pnt-ligne-vierge"


def _element_attribute(box, name: str) -> str:
    element = getattr(box, "element", None)
    return (element.get(name) or "") if element is not None else ""


def _count_rows(box, grid: str, page: int, counts: dict) -> None:
    element_id = _element_attribute(box, "id")
    if element_id.startswith(GRID_ID_PREFIX) and box.element_tag == "div":
        grid = element_id[len(GRID_ID_PREFIX):]
    if (box.element_tag == "tr" and grid
            and BLANK_ROW_CLASS in _element_attribute(box, "class").split()):
        counts.setdefault(grid, {}).setdefault(page, 0)
        counts[grid][page] += 1
        return
    for child in getattr(box, "children", ()):
        _count_rows(child, grid, page, counts)


def rows_on_first_page(html: str):
    """{grid key: blank rows on the grid's first page} of the document ``html``, or
    None without the PDF engine (``write_pdf`` then explains what to install)."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError):
        return None
    from .pdf import _local_only

    counts = {}
    for number, page in enumerate(HTML(string=html, url_fetcher=_local_only).render().pages):
        _count_rows(page._page_box, "", number, counts)
    return {grid: pages[min(pages)] for grid, pages in counts.items()}
