"""MkDocs hook: small corrections to Material's markup so pages validate.

Material 9 writes a few attributes that the Nu HTML Checker rejects. They do
not change how pages look or behave, so they are corrected after rendering:

- ``autocomplete="off"`` on its hidden checkbox toggles (only allowed on text
  inputs);
- an empty ``tabindex=""`` on navigation labels (not a valid integer);
- a label pointing to the table-of-contents toggle on pages that have none.
"""

from __future__ import annotations

import re

_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*type="checkbox"[^>]*?) autocomplete="off"')
_EMPTY_TABINDEX = re.compile(r' tabindex=""')
_TOC_LABEL = re.compile(r'(<label class="md-nav__title") for="__toc"')


def fix_material_markup(html: str) -> str:
    html = _CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
    html = _EMPTY_TABINDEX.sub("", html)
    if 'id="__toc"' not in html:
        html = _TOC_LABEL.sub(r"\1", html)
    return html


def on_post_page(output: str, **kwargs) -> str:
    return fix_material_markup(output)


def on_post_template(output_content: str, template_name: str, **kwargs) -> str:
    return fix_material_markup(output_content)  # the 404 page
