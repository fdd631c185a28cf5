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
    # Imported here: before the macros plugin loads the project, it is on
    # sys.path since on_startup (hooks/serving.py).
    from macros.pages.compiled import share_cache

    share_cache(config.theme)
    return config
