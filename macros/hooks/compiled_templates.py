"""MkDocs hook: the theme's templates compiled once, like the site's own.

MkDocs makes a new Jinja environment for the theme at every build (every
save under « make apercu » too), and Material's search plugin makes one
more to read its translations (``partials/language.html``, six templates);
each compiled Material's templates again. Every environment the theme makes
now shares the bytecode cache of ``macros/pages/compiled.py``, which keeps
their code for the process and between builds.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority


@event_priority(100)  # before Material's search plugin reads its translations
def on_config(config, **kwargs):
    # Imported here: the project is on sys.path once the macros plugin has
    # loaded it (its on_config may run after this one); the hook's folder is
    # the project's macros/hooks/.
    import sys
    from pathlib import Path

    root = str(Path(__file__).resolve().parents[2])
    if root not in sys.path:
        sys.path.insert(0, root)
    from macros.pages.compiled import share_cache

    share_cache(config.theme)
    return config
