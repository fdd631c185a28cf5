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


def _local_only(url: str) -> None:
    """The PDF never fetches anything from the network (privacy, offline builds):
    only ``data:`` addresses (the cover's logo) are read."""
    if not url.startswith("data:"):
        raise ValueError(f"ressource externe refusée : {url}")


def _fetcher():
    from weasyprint.urls import URLFetcher

    class LocalOnly(URLFetcher):
        def fetch(self, url, headers=None):
            _local_only(url)
            return super().fetch(url, headers)

    return LocalOnly(allowed_protocols={"data"})


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
    data = HTML(string=html, url_fetcher=_fetcher()).write_pdf(pdf_variant="pdf/ua-1")
    data = complete_table_tags(data)  # /Scope of header cells (see pdftags)
    write_atomically(path, data)
    return len(data)
