"""Views over the ten steps: the « Avancement de la démarche » page, and the
list of grids of the workshop kit."""

from __future__ import annotations

from ..plan import french
from ..plan.catalog import STEPS
from ..plan.progress import summary


def _grid(linker, progress) -> dict:
    return {"href": linker.to_grid(progress.grid.key), "title": progress.grid.title,
            "filled": progress.filled, "optional": progress.grid.optional,
            "count": french.number(progress.count)}


def _step(linker, progress) -> dict:
    return {
        "anchor": f"etape-{progress.step.number}",
        "css": progress.css,
        "label": progress.step.label,
        "status": progress.word,
        "caption": f"{progress.step.short_label} : {progress.word}",
        "file": progress.file,
        "grids": [_grid(linker, g) for g in progress.grids],
        "warnings": [f"{w.message} (ligne {w.line})" for w in progress.warnings],
    }


def progress_view(linker, progress: list) -> dict:
    totals = summary(progress)
    done = totals["done"]
    return {
        "summary": (f"{french.count(done, 'étape', 'étapes')} sur {totals['total']} "
                    f"{french.agree(done, 'a', 'ont')} toutes "
                    f"{french.agree(done, 'ses', 'leurs')} grilles remplies."),
        "steps": [_step(linker, p) for p in progress],
    }


def kit_view(linker) -> list:
    """The grids of the ten steps, each linked to its chapter."""
    return [{"label": step.label,
             "grids": [{"href": linker.to_grid(grid.key),
                        "name": f"Grille {grid.number} — {grid.title}",
                        "purpose": grid.purpose} for grid in step.grids]}
            for step in STEPS if step.number > 0]
