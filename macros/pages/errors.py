"""The author's preview when the data has errors: every page shows them.

``make apercu`` keeps serving while a file is being fixed: instead of a page
that never loads, each page of the preview shows the French list of errors
(file, line, field, what to write), and the next save that fixes them brings
the pages back. A public build still stops on the first error report.
"""

from __future__ import annotations

from ..plan import french
from ..reading.problems import Problem
from .render import render

PAGE_KEY = "pnt_page_erreurs"  # the macros' variable that holds the page


def errors_view(problems: list) -> dict:
    errors = sorted((p for p in problems if p.is_error), key=Problem.sort_key)
    warnings = sorted((p for p in problems if not p.is_error), key=Problem.sort_key)
    return {"errors": [str(p) for p in errors], "warnings": [str(p) for p in warnings],
            "summary": (f"{french.count(len(errors), 'erreur', 'erreurs')}, "
                        f"{french.count(len(warnings), 'avertissement', 'avertissements')}.")}


def show_instead_of_pages(env, problems: list) -> None:
    env.variables[PAGE_KEY] = render("plan/errors.html", v=errors_view(problems))


def before_macros(env) -> None:
    """Nothing of the page is rendered (its macros would read invalid data)."""
    if PAGE_KEY in env.variables:
        env.markdown = ""


def after_macros(env) -> None:
    if PAGE_KEY in env.variables:
        env.markdown = env.variables[PAGE_KEY]
