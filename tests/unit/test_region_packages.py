"""Reading one territory's open data for the regional view (region/packages.py):
a good package is read, folder or ZIP; each way a package can be broken has
its own fixture below, checked against its one French reason."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from macros import __version__
from macros.outputs import opendata
from macros.reading import loader
from macros.region.packages import Refusal, Territory, read_source
from macros.region.site import read_all

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """The example's donnees/ folder, as its site publishes it."""
    folder = tmp_path_factory.mktemp("publie") / "donnees"
    folder.mkdir()
    for data_file in opendata.text_files(loader.load_example(ROOT).data):
        (folder / data_file.name).write_bytes(data_file.content)
    return folder


def _copy(published: Path, tmp_path: Path) -> Path:
    return shutil.copytree(published, tmp_path / "donnees")


def _edit_json(path: Path, change) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")


# --- good packages ----------------------------------------------------------------------------

def test_a_published_folder_is_read(published):
    territory = read_source(published, "vallee")
    assert isinstance(territory, Territory), territory
    assert territory.name == "MRC de la Vallée-des-Cèdres"
    assert territory.version == __version__
    assert len(territory.tables["besoins.csv"]) == 11
    # plan.json read back typed: an amount keeps how it was written.
    assert territory.data["projets"][0]["cout"].french.startswith("4")


def test_a_zip_of_the_site_folder_is_read(published, tmp_path):
    archive = tmp_path / "vallee.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        for path in published.iterdir():
            bundle.write(path, f"site/donnees/{path.name}")
    assert isinstance(read_source(archive, "vallee.zip"), Territory)


def test_the_site_folder_holding_donnees_is_read(published, tmp_path):
    shutil.copytree(published, tmp_path / "site" / "donnees")
    assert isinstance(read_source(tmp_path / "site", "site"), Territory)


# --- one fixture per fault ---------------------------------------------------------------------

@pytest.fixture
def missing_folder(tmp_path):
    return tmp_path / "absent"


@pytest.fixture
def text_file_instead_of_folder(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("rien", encoding="utf-8")
    return path


@pytest.fixture
def corrupt_zip(tmp_path):
    path = tmp_path / "donnees.zip"
    path.write_bytes(b"PK\x03\x04 tronque")
    return path


@pytest.fixture
def folder_without_package(published, tmp_path):
    folder = _copy(published, tmp_path)
    (folder / "datapackage.json").unlink()
    return folder


@pytest.fixture
def package_not_json(published, tmp_path):
    folder = _copy(published, tmp_path)
    (folder / "datapackage.json").write_text('{"name": "pnt",\n  oups', encoding="utf-8")
    return folder


@pytest.fixture
def package_without_version(published, tmp_path):
    folder = _copy(published, tmp_path)
    _edit_json(folder / "datapackage.json", lambda d: d.pop("pnt:version"))
    return folder


@pytest.fixture
def package_from_a_newer_template(published, tmp_path):
    folder = _copy(published, tmp_path)
    _edit_json(folder / "datapackage.json", lambda d: d.update({"pnt:version": "9.0.0"}))
    return folder


@pytest.fixture
def package_from_an_older_template(published, tmp_path):
    folder = _copy(published, tmp_path)
    _edit_json(folder / "datapackage.json", lambda d: d.update({"pnt:version": "0.0.3"}))
    return folder


@pytest.fixture
def package_without_plan(published, tmp_path):
    folder = _copy(published, tmp_path)
    (folder / "plan.json").unlink()
    return folder


@pytest.fixture
def plan_with_an_unreadable_amount(published, tmp_path):
    folder = _copy(published, tmp_path)
    _edit_json(folder / "plan.json", lambda d: d["grilles"]["projets"][2]["cout"].update(
        {"texte": "beaucoup"}))
    return folder


@pytest.fixture
def plan_with_a_grid_that_is_not_a_list(published, tmp_path):
    folder = _copy(published, tmp_path)
    _edit_json(folder / "plan.json", lambda d: d["grilles"].update({"besoins": {"id": 1}}))
    return folder


@pytest.fixture
def plan_with_a_row_that_is_not_an_object(published, tmp_path):
    folder = _copy(published, tmp_path)
    _edit_json(folder / "plan.json", lambda d: d["grilles"]["besoins"].insert(0, 3))
    return folder


@pytest.fixture
def plan_without_territory_name(published, tmp_path):
    folder = _copy(published, tmp_path)
    _edit_json(folder / "plan.json", lambda d: d["grilles"]["territoire"].pop("nom"))
    return folder


@pytest.fixture
def package_missing_a_csv(published, tmp_path):
    folder = _copy(published, tmp_path)
    (folder / "besoins.csv").unlink()
    return folder


@pytest.fixture
def csv_with_a_renamed_column(published, tmp_path):
    folder = _copy(published, tmp_path)
    path = folder / "besoins.csv"
    path.write_bytes(path.read_bytes().replace(b";categorie;", b";type;", 1))
    return folder


@pytest.fixture
def csv_with_a_short_row(published, tmp_path):
    folder = _copy(published, tmp_path)
    path = folder / "besoins.csv"
    lines = path.read_bytes().split(b"\r\n")
    lines[3] = lines[3].rsplit(b";", 2)[0]
    path.write_bytes(b"\r\n".join(lines))
    return folder


FAULTS = {
    "missing_folder": "ce dossier n'existe pas : vérifier le chemin.",
    "text_file_instead_of_folder": "ce n'est ni un dossier ni une archive ZIP : donner le "
                                   "dossier donnees/ téléchargé du site du territoire, ou "
                                   "son ZIP.",
    "corrupt_zip": "ce fichier n'est pas une archive ZIP lisible : télécharger de nouveau "
                   "le dossier donnees/ du site du territoire.",
    "folder_without_package": "datapackage.json manque : ce dossier n'est pas le dossier "
                              "donnees/ du site d'un plan numérique territorial (ou il "
                              "vient d'une version du gabarit qui ne l'écrivait pas "
                              "encore).",
    "package_not_json": "datapackage.json n'est pas un fichier JSON lisible (ligne 2) : "
                        "télécharger de nouveau les données du territoire.",
    "package_without_version": "datapackage.json ne dit pas quelle version du gabarit l'a "
                               "écrit (« pnt:version ») : ces données viennent d'une autre "
                               "source, ou d'une version du gabarit antérieure à 0.1.0 ; "
                               "le territoire doit reconstruire son site avec une version "
                               "récente du gabarit.",
    "package_from_a_newer_template": "ces données ont été écrites par la version 9.0.0 du "
                                     f"gabarit, plus récente que celle-ci ({__version__}) : "
                                     "mettre à jour le gabarit, puis relancer.",
    "package_from_an_older_template": "ces données ont été écrites par la version 0.0.3 du "
                                      f"gabarit, que celle-ci ({__version__}) ne lit plus : "
                                      "le territoire doit reconstruire son site avec une "
                                      "version récente du gabarit.",
    "package_without_plan": "plan.json manque : télécharger le dossier donnees/ en entier.",
    "plan_with_an_unreadable_amount": "plan.json, projets › P-03 › cout : ",
    "plan_with_a_grid_that_is_not_a_list": "plan.json, besoins : la grille devrait être "
                                           "une liste de lignes.",
    "plan_with_a_row_that_is_not_an_object": "plan.json, besoins › ligne 1 : une ligne "
                                             "devrait être un objet JSON.",
    "plan_without_territory_name": "plan.json ne donne pas le nom du territoire "
                                   "(grilles › territoire › nom).",
    "package_missing_a_csv": "besoins.csv manque : télécharger le dossier donnees/ en "
                             "entier.",
    "csv_with_a_renamed_column": "besoins.csv n'a pas les colonnes de la version qui l'a "
                                 "écrit (attendues : id, enonce, clientele, categorie, ",
    "csv_with_a_short_row": "besoins.csv, ligne 4 : 7 cellules au lieu de 9.",
}


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_each_fault_is_refused_with_its_reason(request, fault):
    path = request.getfixturevalue(fault)
    result = read_source(path, "dossier-x")
    assert isinstance(result, Refusal), result
    assert result.source == "dossier-x"
    expected = FAULTS[fault]
    if expected.endswith(" "):  # the rest quotes the reader's own words
        assert result.reason.startswith(expected), result.reason
    else:
        assert result.reason == expected


def test_a_second_package_of_the_same_territory_is_refused(published, tmp_path):
    copy = shutil.copytree(published, tmp_path / "encore")
    territories, refusals = read_all([(published, "premier"), (copy, "second")])
    assert [t.source for t in territories] == ["premier"]
    assert refusals == [Refusal("second", "même territoire (MRC de la Vallée-des-Cèdres) "
                                          "que premier : un seul dossier par territoire.")]
