"""MkDocs hook: what changes when « make apercu » serves the site (see
``macros/serving.py``): rebuilds reuse what did not change and keep
Material's whole stylesheets, and a saved file is seen within a tenth of a
second, not half a second."""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.plugins import event_priority


def on_startup(command, dirty, **kwargs):
    # Before the macros plugin puts the project on sys.path: put it there,
    # so that this project's macros/ is the one imported, here and by the
    # hooks' on_config (the hook is in its macros/hooks/).
    root = str(Path(__file__).resolve().parents[2])
    if root not in sys.path:
        sys.path.insert(0, root)
    from macros import serving

    serving.started(command)


def on_pre_build(config, **kwargs):
    from macros import serving
    from macros.pages.converted import converted_pages

    converted_pages().start_build(keep=serving.serves())


@event_priority(-100)  # after the macros: the page's Markdown is final
def on_page_markdown(markdown, page, **kwargs):
    from macros.pages.converted import converted_pages

    converted_pages().convert_once(page)
    return markdown


def on_serve(server, config, builder, **kwargs):
    from macros import serving

    return serving.watch_often(server, config)
