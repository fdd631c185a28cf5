"""Values as people write them when they transcribe a real plan: « inconnu »
for a fact the source does not give, a choice in any capitalisation or as
the label the site prints, a provenance on any row (reading/validate.py,
plan/model.Row)."""

from __future__ import annotations

import pytest

from macros.plan.catalog import GRIDS, STEP_BY_NUMBER
from macros.plan.values import UNKNOWN
from macros.reading.validate import read_step
from macros.reading.yamlread import read_yaml_text

PATH = "data/03-besoins.yml"


def _read(text: str, step: int = 3) -> tuple:
    tree, problems = read_yaml_text(text, PATH)
    assert problems == []
    data, problems = read_step(STEP_BY_NUMBER[step], tree, PATH)
    return data, [str(p) for p in problems]


NEED = """besoins:
  - id: B-01
    enonce: Avoir Internet
    clientele: {clientele}
    categorie: usages
    priorite: {priorite}
"""


@pytest.mark.parametrize("typed, stored", [
    ("Population", "population"), ("POPULATION", "population"),
    ("population", "population")])
def test_a_choice_in_any_capitalisation_is_stored_as_the_catalog_writes_it(typed, stored):
    data, problems = _read(NEED.format(clientele=typed, priorite=1))
    assert problems == []
    assert data["besoins"][0]["clientele"] == stored


@pytest.mark.parametrize("typed, stored", [
    ("prioritaire", 1), ("Important", 2), ("souhaitable", 3), ("2", 2)])
def test_a_priority_may_be_written_as_the_label_the_site_prints(typed, stored):
    data, problems = _read(NEED.format(clientele="population", priorite=typed))
    assert problems == []
    assert data["besoins"][0]["priorite"] == stored


@pytest.mark.parametrize("typed", ["inconnu", "Inconnu", "INCONNU", " inconnue "])
def test_inconnu_is_a_value_of_any_one_value_field(typed):
    data, problems = _read(NEED.format(clientele=typed, priorite=typed))
    assert problems == []
    need = data["besoins"][0]
    assert need.is_unknown("clientele") and need.is_unknown("priorite")
    assert need.raw("priorite") is UNKNOWN
    # What computes from the plan sees nothing, never a value (nor a 0).
    assert need.get("priorite") is None and need["clientele"] is None
    assert need.given("priorite") and not need.given("municipalites")


def test_an_empty_required_field_says_inconnu_may_be_written():
    data, problems = _read("besoins:\n  - id: B-01\n    enonce: Avoir Internet\n"
                           "    clientele: population\n    categorie: usages\n")
    assert problems == [
        f"{PATH}, ligne 2, « priorite » : champ obligatoire : 1 = prioritaire, 2 = "
        "important, 3 = souhaitable (si la source ne le dit pas, écrire « inconnu »)"]


def test_a_quoted_inconnu_in_a_text_is_the_unknown_fact_too():
    data, problems = _read(NEED.format(clientele="population", priorite=1).replace(
        "Avoir Internet", '"Inconnu"'))
    assert problems == []
    assert data["besoins"][0].is_unknown("enonce")


def test_every_row_of_every_grid_may_say_its_provenance():
    for grid in GRIDS.values():
        column = grid.column("provenance")
        assert column is not None and column.note and not column.required, grid.key
    data, problems = _read(NEED.format(clientele="population", priorite=1)
                           + "    provenance: PNT 2016, p. 12\n")
    assert problems == []
    assert data["besoins"][0]["provenance"] == "PNT 2016, p. 12"
