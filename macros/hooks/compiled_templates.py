"""MkDocs hook: the theme's templates compiled once, like the site's own.

MkDocs makes a new Jinja environment for the theme at every build (every
save under « make apercu » too) and compiles Material's templates again;
the bytecode cache of ``macros/pages/compiled.py`` keeps their code for the
process and between builds.
"""

from __future__ import annotations


def on_env(env, config, files, **kwargs):
    # Imported here: by now the macros plugin has put the project on sys.path.
    from macros.pages.compiled import compiled_templates

    env.bytecode_cache = compiled_templates()
    return env
