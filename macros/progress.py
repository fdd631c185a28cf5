"""How far the territory has gone in the ten steps, computed from its data."""

from __future__ import annotations

from .catalog import STEPS

DONE = "terminée"
STARTED = "en cours"
TODO = "à faire"


STATUS_CLASS = {DONE: "terminee", STARTED: "en-cours", TODO: "a-faire"}


def _grid_progress(index, grid, folder: str, step) -> dict:
    count = len(index.rows(grid.key))
    return {"grid": grid, "count": count, "filled": count > 0,
            "file": f"{folder}/{step.filename}"}


def _status(grids: list) -> str:
    filled = sum(1 for g in grids if g["filled"])
    if filled == len(grids):
        return DONE
    return STARTED if filled else TODO


def _warnings_of(step, loaded) -> list:
    suffix = "/" + step.filename
    return [p for p in loaded.warnings if p.path.endswith(suffix)]


def step_progress(index, loaded) -> list:
    """One entry per step (the territory first), in the order of the démarche."""
    result = []
    for step in STEPS:
        grids = [_grid_progress(index, g, loaded.shown, step) for g in step.grids]
        result.append({
            "step": step,
            "grids": grids,
            "status": _status(grids),
            "css": STATUS_CLASS[_status(grids)],
            "warnings": _warnings_of(step, loaded),
        })
    return result


def summary(progress: list) -> dict:
    steps = [p for p in progress if p["step"].number > 0]
    return {
        "done": sum(1 for p in steps if p["status"] == DONE),
        "started": sum(1 for p in steps if p["status"] == STARTED),
        "total": len(steps),
    }
