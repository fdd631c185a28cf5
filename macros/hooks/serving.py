"""MkDocs hook: what changes when « make apercu » serves the site (see
``macros/serving.py``): rebuilds keep Material's whole stylesheets, and a
saved file is seen within a tenth of a second, not half a second."""

from __future__ import annotations


def on_serve(server, config, builder, **kwargs):
    # Imported here: by now the macros plugin has put the project on sys.path.
    from macros import serving

    serving.started()
    return serving.watch_often(server, config)
