"""The Jinja environments MkDocs makes for the theme, made cheaper.

MkDocs makes a theme environment (``Theme.get_env``) at every build, every
save under « make apercu » too, and Material's search plugin makes one more
to read its translations. Each environment the theme makes now:

- shares the process's cache of compiled templates (``compiled.py``):
  Material's templates were compiled again for each environment, six of
  them for the search's translations alone;
- lists the theme's files without its hidden folders. MkDocs lists every
  file of the theme to copy its assets into the site (``Files.
  add_files_from_theme``), then drops every name with a part starting with
  a dot; Material's icons are 14,000 files under ``.icons/``: 60 ms a build
  to list and drop them, 2 ms without (benchmarks/README.md). The files
  MkDocs copies are the same (tests/unit/test_build_shortcuts.py); templates
  are still found by name, hidden folders included (Material's icons).
"""

from __future__ import annotations

import os

from .compiled import compiled_templates


def adapt(theme) -> None:
    """Every environment ``theme`` makes from now on, adapted (see above)."""
    if getattr(theme.get_env, "adapted", False):
        return
    make = theme.get_env

    def get_env():
        environment = make()
        environment.bytecode_cache = compiled_templates()
        loader = environment.loader
        if hasattr(loader, "searchpath") and hasattr(loader, "followlinks"):
            loader.list_templates = lambda: visible_templates(loader)
        return environment

    get_env.adapted = True
    theme.get_env = get_env


def visible_templates(loader) -> list:
    """What a Jinja ``FileSystemLoader`` lists, without the names that have a
    part starting with a dot, and without walking into hidden folders."""
    found = set()
    for searchpath in loader.searchpath:
        for folder, subfolders, names in os.walk(searchpath, followlinks=loader.followlinks):
            subfolders[:] = [name for name in subfolders if not name.startswith(".")]
            for name in names:
                if name.startswith("."):
                    continue
                path = os.path.join(folder, name)[len(searchpath):].strip(os.sep)
                found.add(path.replace(os.sep, "/"))
    return sorted(found)
