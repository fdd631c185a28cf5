"""MkDocs hook: the theme's environments share the compiled templates and do
not list Material's hidden folders (see ``macros/pages/theme.py``)."""

from __future__ import annotations

from mkdocs.plugins import event_priority


@event_priority(100)  # before Material's search plugin reads its translations
def on_config(config, **kwargs):
    # Imported here: before the macros plugin loads the project, it is on
    # sys.path since on_startup (hooks/serving.py).
    from macros.pages.theme import adapt

    adapt(config.theme)
    return config
