"""The catalog and the plan's model (plan/catalog.py, plan/model.py): what a
grid knows about itself, and what follows from a column added to it."""

from __future__ import annotations

import dataclasses

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT
from macros.pages.site import Site
from macros.plan import kinds
from macros.plan.catalog import GRIDS, STEPS, empty_plan, file_order, step_of
from macros.plan.model import CARDS, LIST, TABLE, Column, Grid, iter_references
from support import loaded


def test_grids_are_numbered_by_step_and_place():
    assert GRIDS["territoire"].number == "0.1"
    assert GRIDS["besoins"].number == "3.2"
    assert GRIDS["ajustements"].number == "10.3"
    assert [g.number for g in step_of(GRIDS["porteur"]).grids] == [
        "1.1", "1.2", "1.3", "1.4", "1.5", "1.6"]


def test_steps_say_their_own_name():
    assert STEPS[0].label == "Le territoire" and STEPS[0].short_label == "Le territoire"
    assert STEPS[3].label == "Étape 3 — Besoins"
    assert STEPS[3].short_label == "Étape 3" and STEPS[3].numbered_title == "3. Besoins"


def test_the_layout_is_declared_not_guessed_from_the_width():
    wide = [g.key for g in GRIDS.values() if g.layout == CARDS]
    assert wide == ["pistes", "projets", "indicateurs", "avant_propos"]
    columns = tuple(Column(f"c{n}", f"C{n}", kinds.TEXT, "Aide.") for n in range(12))
    assert Grid("x", 1, "X", "But.", columns).layout == TABLE  # 12 columns, still a table
    with pytest.raises(ValueError, match="layout"):
        Grid("x", 1, "X", "But.", columns, shape="fiche", layout=TABLE)


def test_the_empty_plan_and_the_order_of_the_files():
    plan = empty_plan()
    assert set(plan) == set(GRIDS)
    assert plan["territoire"] == {} and plan["besoins"] == []
    assert [file_order(f"data/{s.filename}") for s in STEPS] == list(range(11))
    assert file_order("data/notes.yml") == len(STEPS)


def test_references_are_walked_through_sub_lists():
    project = {"id": "P-01", "orientation": "O-01", "besoins": ["B-01", "B-02"],
               "porteur": "A-01", "partenaires": [{"acteur": "A-02", "role": "Salle"}],
               "financement": [{"source": "F-01"}]}
    found = [(r.field, r.column.target, r.ids)
             for r in iter_references(GRIDS["projets"].columns, project)]
    assert found == [("orientation", "orientations", ("O-01",)),
                     ("besoins", "besoins", ("B-01", "B-02")),
                     ("porteur", "acteurs", ("A-01",)),
                     ("partenaires.acteur", "acteurs", ("A-02",)),
                     ("financement.source", "sources", ("F-01",))]


def test_navigation_titles_are_the_catalog_step_titles():
    import yaml

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), _Loader)
    section = next(item for item in config["nav"] if "La démarche en dix étapes" in item)
    step_pages = {s.page: s for s in STEPS if s.number}
    entries = [next(iter(entry.items())) for entry in section["La démarche en dix étapes"]
               if isinstance(entry, dict)]
    titles = [title for title, page in entries if page in step_pages]
    assert titles == [f"{s.number}. {s.title}" for s in STEPS if s.number]


# --- a column added to a grid ------------------------------------------------------------------

@pytest.fixture
def needs_with_a_deadline(monkeypatch, example):
    """The catalog's needs, with one more column, and the example's needs with it."""
    grid = GRIDS["besoins"]
    column = Column("echeance_souhaitee", "Échéance souhaitée", kinds.DATE,
                    "Quand le besoin devrait être comblé.")
    monkeypatch.setitem(GRIDS, "besoins", dataclasses.replace(
        grid, columns=grid.columns + (column,)))
    data = dict(example.data)
    needs = [dict(need) for need in data["besoins"]]
    needs[0]["echeance_souhaitee"] = example.data["projets"][0]["fin"]
    data["besoins"] = needs
    return Site(loaded(data)), needs[0]


def test_a_new_column_appears_in_the_grid_and_on_the_citizen_page(needs_with_a_deadline):
    site, need = needs_with_a_deadline
    expected = need["echeance_souhaitee"].french
    grid = BeautifulSoup(site.grid("besoins", "etapes/03-besoins/"), "html.parser")
    assert "Échéance souhaitée" in [th.get_text(strip=True) for th in grid.thead("th")]
    page = BeautifulSoup(site.plan_page("plan_besoins", "plan/besoins/"), "html.parser")
    rows = {tr.th.get_text(strip=True): tr.td.get_text(" ", strip=True)
            for tr in page.find("table")("tr")}
    assert rows["Échéance souhaitée"] == expected


def test_a_column_not_meant_for_the_plan_stays_off_it(example):
    page = BeautifulSoup(Site(example).presentation("plan/"), "html.parser")
    shown = [th.get_text(strip=True) for th in page.find("table")("th")]
    assert "Nom" in shown and "Période du plan" in shown
    assert not {"Territoire fictif", "Adresse du site", "Licence des données"} & set(shown)
    assert not GRIDS["territoire"].column("licence").in_plan


def test_an_empty_value_says_what_emptiness_means(example):
    page = BeautifulSoup(Site(example).plan_page("plan_besoins", "plan/besoins/"),
                         "html.parser")
    need = next(b for b in example.data["besoins"] if not b.get("municipalites"))
    card = page.find("caption", string=f"Besoin {need['id']}").parent
    rows = {tr.th.get_text(strip=True): tr.td.get_text(" ", strip=True) for tr in card("tr")}
    assert rows["Municipalités touchées"] == "Tout le territoire"
    assert LIST == GRIDS["besoins"].shape
