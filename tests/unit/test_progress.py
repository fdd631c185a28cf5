"""How far the démarche has gone (plan/progress.py): a step is done when its
expected grids are filled; the grids many plans do without (a foreword, the
credits, the plans it nests under) do not hold it back."""

from __future__ import annotations

from support import plan

from macros.plan.catalog import GRIDS
from macros.plan.index import PlanIndex
from macros.plan.progress import STEP_DONE, STEP_STARTED, step_progress


def _step(data: dict, number: int):
    return step_progress(PlanIndex(data), "data", [])[number]


STEP_8 = {"consultation_publique": [{"debut": None, "fin": None}],
          "approbations": [{"instance": "Conseil de la MRC"}],
          "diffusion": [{"moyen": "Site Web", "public": "Population"}]}


def test_the_optional_grids_are_the_ones_many_plans_do_without():
    assert sorted(g.key for g in GRIDS.values() if g.optional) == [
        "avant_propos", "credits", "objectifs_du_plan", "plans_parents"]


def test_a_step_is_done_without_its_optional_grids():
    step = _step(plan(**STEP_8), 8)
    assert step.status == STEP_DONE
    assert [g.grid.key for g in step.missing] == []
    assert (step.filled, len(step.expected), len(step.grids)) == (3, 3, 5)


def test_an_optional_grid_filled_is_shown_filled_but_an_expected_one_still_counts():
    data = plan(**{**STEP_8, "diffusion": [], "credits": [{"nom": "Comité", "role": "x"}]})
    step = _step(data, 8)
    assert step.status == STEP_STARTED
    assert [g.grid.key for g in step.missing] == ["diffusion"]
    assert [g.grid.key for g in step.grids if g.filled] == [
        "consultation_publique", "approbations", "credits"]


def test_the_status_agrees_with_what_it_is_said_of(example):
    """« Étape 8 : terminée », but « Le territoire : rempli » (not « terminée »)."""
    assert _step(plan(**STEP_8), 8).word == "terminée"
    territory = step_progress(PlanIndex(example.data), "data", [])[0]
    assert territory.status == STEP_DONE and territory.word == "rempli"
    assert _step(plan(), 0).word in ("en cours", "à remplir")
