"""Write a document to PDF with WeasyPrint.

Why WeasyPrint: it produces a tagged PDF (PDF/UA-1: structure tree, document
language, title), bookmarks from the headings, running headers and page
numbers, named landscape pages and French hyphenation (pyphen), entirely
offline and without a browser. Chromium's print-to-PDF was tried too (the
tests use it for the site's own print styles), but its hyphenation needs
dictionaries downloaded at run time and it needs a browser on every
territory's publishing machine. The plugin mkdocs-with-pdf is abandoned.
WeasyPrint's table tags lack the header cells' scope: ``pdftags`` adds it.
"""

from __future__ import annotations

from pathlib import Path

from .files import write_atomically


class PdfEngineMissing(Exception):
    """WeasyPrint, or the Pango library it needs, is not installed."""


def _local_only(url: str, timeout: int = 10, ssl_context=None):
    """The PDF never fetches anything from the network (privacy, offline builds)."""
    if url.startswith("data:"):
        from weasyprint.urls import default_url_fetcher

        return default_url_fetcher(url, timeout, ssl_context)
    raise ValueError(f"ressource externe refusée : {url}")


def write_pdf(html: str, path: Path) -> int:
    """Write ``html`` as a tagged PDF at ``path`` (atomically); return its size."""
    try:
        from weasyprint import HTML

        from .pdftags import complete_table_tags
    except (ImportError, OSError) as error:
        raise PdfEngineMissing(
            "le moteur PDF (WeasyPrint, pikepdf) n'est pas installé : lancez "
            "« .venv/bin/pip install -e .[pdf] » et installez Pango "
            "(Debian, Ubuntu : sudo apt-get install libpango-1.0-0 "
            f"libpangoft2-1.0-0) — détail : {error}") from None
    data = HTML(string=html, url_fetcher=_local_only).write_pdf(pdf_variant="pdf/ua-1")
    data = complete_table_tags(data)  # /Scope of header cells (see pdftags)
    write_atomically(path, data)
    return len(data)
