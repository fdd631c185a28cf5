"""MkDocs hook: the macros' raw HTML kept out of Python-Markdown (see
``macros/pages/rawblocks.py``).

Before the macros plugin renders a page, its blocks start being held; after
Markdown and the typography hook, they are put back into the page's HTML.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority


@event_priority(100)  # before the macros plugin (0) renders the page's macros
def on_page_markdown(markdown: str, **kwargs) -> str:
    # Imported here: by now the macros plugin has put the project on sys.path.
    from macros.pages.rawblocks import start_page

    start_page()
    return markdown


@event_priority(-100)  # after the typography hook: the macros' HTML is typeset already
def on_page_content(html: str, **kwargs) -> str:
    from macros.pages.rawblocks import finish_page

    return finish_page(html)
