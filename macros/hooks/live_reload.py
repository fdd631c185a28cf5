"""MkDocs hook: « make apercu » sees a saved file within a tenth of a second,
not half a second (see ``macros/watching.py``)."""

from __future__ import annotations


def on_serve(server, config, builder, **kwargs):
    # Imported here: by now the macros plugin has put the project on sys.path.
    from macros.watching import watch_often

    return watch_often(server, config)
