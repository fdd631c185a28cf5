"""MkDocs hook: French no-break spaces in the text of every page.

The macros already typeset what they generate from data; this applies the
same rules (``macros/plan/french.py``, ``typeset``) to the guide's prose and
to any page a territory adds, after Markdown, so that authors never have to
type an invisible character: « Coût : 25 000 $ » keeps its words, and only
its spaces become no-break ones. Code and tags are left as written.
"""

from __future__ import annotations


def on_page_content(html: str, **kwargs) -> str:
    # Imported here: by now the macros plugin has put the project on sys.path.
    from macros.pages.render import typeset_html

    return typeset_html(html)
