"""How far the territory has gone in the ten steps, computed from its data.

A step is done when every one of its expected grids has a row (a grid many
plans do without, such as the foreword, is ``optional``), started when some
have, to do otherwise. The territory's own file counts as step 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .catalog import STEPS

STEP_DONE = "terminée"
STEP_STARTED = "en cours"
STEP_TODO = "à faire"

STATUS_CLASS = {STEP_DONE: "terminee", STEP_STARTED: "en-cours", STEP_TODO: "a-faire"}
# The statuses agree with « étape »; the territory's file (step 0) is « rempli ».
TERRITORY_WORDS = {STEP_DONE: "rempli", STEP_STARTED: "en cours", STEP_TODO: "à remplir"}


@dataclass(frozen=True)
class GridProgress:
    grid: object
    count: int  # rows filled

    @property
    def filled(self) -> bool:
        return self.count > 0


@dataclass(frozen=True)
class StepProgress:
    step: object
    grids: tuple
    file: str  # as the author sees it, e.g. "data/03-besoins.yml"
    warnings: tuple = field(default_factory=tuple)  # problems of this step's file

    @property
    def expected(self) -> tuple:
        """The grids the step needs to be done (not the optional ones)."""
        return tuple(g for g in self.grids if not g.grid.optional)

    @property
    def filled(self) -> int:
        return sum(1 for g in self.expected if g.filled)

    @property
    def status(self) -> str:
        if self.filled == len(self.expected):
            return STEP_DONE
        return STEP_STARTED if self.filled else STEP_TODO

    @property
    def word(self) -> str:
        """The status as the reader sees it, agreeing with what it says it of:
        « Étape 3 : terminée », « Le territoire : rempli »."""
        return TERRITORY_WORDS[self.status] if self.step.number == 0 else self.status

    @property
    def css(self) -> str:
        return STATUS_CLASS[self.status]

    @property
    def missing(self) -> tuple:
        return tuple(g for g in self.expected if not g.filled)


def step_progress(index, folder: str, warnings: list) -> list:
    """One entry per step (the territory first), in the order of the démarche.
    ``folder``: the data folder as authors see it; ``warnings``: the load's."""
    result = []
    for step in STEPS:
        path = f"{folder}/{step.filename}"
        result.append(StepProgress(
            step, tuple(GridProgress(g, len(index.rows(g.key))) for g in step.grids),
            path, tuple(w for w in warnings if w.path == path)))
    return result


def summary(progress: list) -> dict:
    """Counts over the ten steps (the territory aside)."""
    steps = [p for p in progress if p.step.number > 0]
    return {
        "done": sum(1 for p in steps if p.status == STEP_DONE),
        "started": sum(1 for p in steps if p.status == STEP_STARTED),
        "total": len(steps),
    }
