"""MkDocs hook: the pages of the site being built (see ``macros/pages/views.py``).

The macros have chosen the view from the data (the template's site, a
territory's public site, or the author's preview) and set its navigation;
this keeps exactly the pages of that navigation, and serves a territory's
plan as its home page (and, in the preview, the guide's home under guide/).
"""

from __future__ import annotations


def on_files(files, config, **kwargs):
    # Imported here: by now the macros plugin has put the project on sys.path.
    from macros.pages.views import select_files

    return select_files(files, config)
