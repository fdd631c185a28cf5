"""``donnees/datapackage.json`` (outputs/datapackage.py), read by frictionless-py,
the reference implementation of Frictionless Data Packages: what a program
reading the territory's open data gets, and the faults it catches."""

from __future__ import annotations

import importlib.metadata
import json
import shutil
from decimal import Decimal

import frictionless
import pytest

from conftest import Site


def _package(site: Site) -> dict:
    return json.loads((site.folder / "donnees" / "datapackage.json").read_text(
        encoding="utf-8"))


def _errors(report) -> list:
    return report.flatten(["type", "fieldName", "rowNumber", "message"])


def _rows(folder, resource: str) -> list:
    package = frictionless.Package(str(folder / "datapackage.json"))
    return package.get_resource(resource).read_rows()


@pytest.mark.parametrize("which", ["example_site", "fresh_site"])
def test_published_package_is_valid(request, which):
    site = request.getfixturevalue(which)
    report = frictionless.validate(str(site.folder / "donnees" / "datapackage.json"))
    assert _errors(report) == []
    assert report.valid


def test_package_describes_every_csv_and_the_plan(example_site):
    package = _package(example_site)
    folder = example_site.folder / "donnees"
    paths = [resource["path"] for resource in package["resources"]]
    assert sorted(paths) == sorted([p.name for p in folder.glob("*.csv")] + ["plan.json"])
    assert package["title"] == "Plan numérique territorial — MRC de la Vallée-des-Cèdres"
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    # The template version that wrote it: a regional view reads it by its format.
    assert package["pnt:version"] == importlib.metadata.version("plan-numerique-territorial")
    besoins = next(r for r in package["resources"] if r["name"] == "besoins")
    assert besoins["dialect"]["delimiter"] == ";"
    assert besoins["encoding"] == "utf-8-sig"
    fields = {field["name"]: field for field in besoins["schema"]["fields"]}
    assert fields["categorie"]["title"] == "Catégorie"
    assert fields["categorie"]["constraints"]["enum"] == ["usages", "innovation",
                                                         "compétences"]
    assert besoins["schema"]["primaryKey"] == ["id"]


def test_keys_follow_the_references(example_site):
    resources = {r["name"]: r for r in _package(example_site)["resources"]}
    funding = resources["projets-financement"]["schema"]
    assert {"fields": "source", "reference": {"resource": "sources", "fields": "id"}} \
        in funding["foreignKeys"]
    # A sub-list's rows belong to a project.
    assert {"fields": "projet", "reference": {"resource": "projets", "fields": "id"}} \
        in funding["foreignKeys"]
    # Several ids in one cell cannot be a foreign key: no key is declared for them.
    projects = resources["projets"]["schema"]
    assert "besoins" not in [key["fields"] for key in projects.get("foreignKeys", [])]


def test_values_read_back_typed(example_site, example):
    folder = example_site.folder / "donnees"
    territory = _rows(folder, "territoire")[0]
    assert territory["fictif"] is True
    assert territory["periode_debut"] == example.data["territoire"]["periode_debut"]
    measures = _rows(folder, "mesures")
    # The decimal comma of the CSV is read as a number.
    assert measures[0]["valeur"] == Decimal("89.6")
    project = _rows(folder, "projets")[0]
    assert (project["cout_min"], project["cout_max"]) == (4200000, 5100000)
    assert project["cout_texte"] == "4 200 000 $ – 5 100 000 $"


# --- what frictionless catches: one copy of the example's package per fault -----------

@pytest.fixture
def package_with_broken_reference(example_site, tmp_path):
    """A funding line citing a source (F-99) that the sources grid lacks."""
    folder = shutil.copytree(example_site.folder / "donnees", tmp_path / "donnees")
    path = folder / "projets-financement.csv"
    lines = path.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    cells = lines[1].split(";")
    assert cells[1].startswith("F-")
    cells[1] = "F-99"
    lines[1] = ";".join(cells)
    path.write_text("".join(lines), encoding="utf-8-sig")
    return folder


@pytest.fixture
def package_with_text_in_a_number(example_site, tmp_path):
    """A measured value written « beaucoup » in a number column."""
    folder = shutil.copytree(example_site.folder / "donnees", tmp_path / "donnees")
    path = folder / "mesures.csv"
    lines = path.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    header = lines[0].rstrip("\r\n").split(";")
    cells = lines[1].split(";")
    cells[header.index("valeur")] = "beaucoup"
    lines[1] = ";".join(cells)
    path.write_text("".join(lines), encoding="utf-8-sig")
    return folder


def test_broken_reference_is_reported(package_with_broken_reference):
    report = frictionless.validate(str(package_with_broken_reference / "datapackage.json"))
    errors = _errors(report)
    assert [error[:3] for error in errors] == [["foreign-key", None, 2]]
    assert '"F-99"' in errors[0][3] and '"sources"' in errors[0][3]


def test_text_in_a_number_column_is_reported(package_with_text_in_a_number):
    report = frictionless.validate(str(package_with_text_in_a_number / "datapackage.json"))
    assert [error[:3] for error in _errors(report)] == [["type-error", "valeur", 2]]
