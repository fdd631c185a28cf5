"""The démarche as a territory lived it: one page per step of its site, and
their index (``docs/demarche/``).

A citizen reads what the step was for, in two or three sentences, and the
grids the territory filled; nothing about how to fill them. In the author's
preview the same page also shows the grids still empty (as worksheets, with
their help), the step's warnings, and a link to the guide's chapter.
"""

from __future__ import annotations

from markupsafe import Markup

from ..plan.catalog import STEP_BY_NUMBER, STEPS

NOTHING_YET = "Cette étape n'a pas encore de résultat publié."
ABOUT_STEPS = ("Le plan a été préparé en dix étapes, de la mise en place d'une "
               "organisation jusqu'au suivi des résultats. Chaque page ci-dessous dit à "
               "quoi servait l'étape et montre ce que le territoire y a établi.")


def story_view(site, number: int, page_url: str) -> dict:
    """One step of a territory's démarche: its purpose, and its grids."""
    step = STEP_BY_NUMBER[number]
    progress = site.steps[number]
    for_authors = site.view.for_authors
    grids = [{"title": g.grid.title, "html": Markup(site.grid(g.grid.key, page_url))}
             for g in progress.grids if g.filled or for_authors]
    linker = site.linker(page_url)
    return {
        "purpose": step.purpose,
        "grids": grids,
        "nothing": "" if any(g.filled for g in progress.grids) else NOTHING_YET,
        "warnings": ([f"{w.message} (ligne {w.line})" for w in progress.warnings]
                     if for_authors else []),
        "missing": [g.grid.title for g in progress.missing] if for_authors else [],
        "chapter": ({"href": linker.to_page(step.page), "label": step.label}
                    if for_authors else None),
    }


def story_index_view(site, page_url: str) -> dict:
    """The ten steps, each with its purpose and what the territory filled."""
    linker = site.linker(page_url)
    steps = []
    for progress in site.steps:
        if not progress.step.number:
            continue
        filled = [g.grid.title for g in progress.grids if g.filled]
        steps.append({"href": linker.to_page(progress.step.story_page),
                      "title": progress.step.numbered_title,
                      "purpose": progress.step.purpose,
                      "filled": filled})
    return {"about": ABOUT_STEPS, "steps": steps}


def step_numbers() -> list:
    return [step.number for step in STEPS if step.number]
