"""The Données Québec record (outputs/opendata.py, dataset_record): each field
from the data when it gives it, « à préciser » when it does not."""

from __future__ import annotations

from support import plan

from macros.outputs.opendata import dataset_record
from macros.plan.model import Row
from macros.plan.values import UNKNOWN


def _record(**grids) -> dict:
    return dict(dataset_record(plan(**grids), is_example=False))


def test_the_source_is_the_open_data_folder_of_the_site():
    data = plan()
    data["territoire"]["site_url"] = "https://plan.trois-lacs.example/"
    assert dict(dataset_record(data, False))["Adresse de la source"] == (
        "https://plan.trois-lacs.example/donnees/")


def test_a_maintainer_written_inconnu_is_not_shown_as_a_name():
    porteur = Row(None, {"organisation": "MRC de Test", "responsable": UNKNOWN,
                         "fonction": "Direction générale", "courriel": UNKNOWN})
    record = _record(porteur=porteur)
    assert record["Responsable (mainteneur)"] == "Direction générale (nom à préciser)"
    assert record["Courriel de contact"] == "à préciser"
    assert record["Organisation"] == "MRC de Test"


def test_a_plan_without_porteur_falls_back_on_the_territory_name():
    record = _record()
    assert record["Organisation"] == "MRC de Test"
    assert record["Responsable (mainteneur)"] == "à préciser"
