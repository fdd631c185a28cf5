"""A municipality cited by a former name or an alias (plan/names.py, the
references of reading/checks.py), and the checks of the territory
(reading/territory.py): what an author reads, what a citizen sees."""

from __future__ import annotations

import shutil

from bs4 import BeautifulSoup

from conftest import FIXTURES
from macros.pages.site import Site
from macros.plan.catalog import GRIDS
from macros.plan.index import PlanIndex
from macros.plan.names import listed_name, name_tables, with_current_names
from macros.reading.loader import load_folder

MINIMAL = FIXTURES / "minimal"

# Val-des-Sources was Asbestos until 2020; « St-Camille » is a way of writing Saint-Camille.
MUNICIPALITIES = '''municipalites:
  - nom: Ville-Alpha
    code: "85005"
    population: 1250
  - nom: Lac-Bêta
    code: "85010"
    population: 640
  - nom: Val-des-Sources
    code: "40043"
    population: 7088
    anciens_noms:
      - Asbestos
  - nom: Saint-Camille
    code: "40032"
    population: 549
    alias: [St-Camille]
'''

NEEDS = '''besoins:
  - id: B-01
    enonce: Avoir accès à Internet haute vitesse à la maison.
    clientele: population
    categorie: usages
    origine: [C-01]
    municipalites: [{cited}]
    priorite: 1
  - id: B-02
    enonce: Former les aînés aux services en ligne.
    clientele: population
    categorie: compétences
    origine: [C-01]
    priorite: 2
'''


def _replace_grid(text: str, key: str, grid_text: str) -> str:
    """``text`` (a minimal file) with the grid ``key`` replaced by ``grid_text``."""
    start = text.index(f"{key}:\n")
    rest = text[start + len(key) + 2:]
    end = next((i for i, line in enumerate(rest.splitlines(keepends=True))
                if line.strip() and not line.startswith(" ")), None)
    tail = "" if end is None else "".join(rest.splitlines(keepends=True)[end:])
    return text[:start] + grid_text + ("\n" + tail if tail else "")


def load(tmp_path, cited: str = "Asbestos", territory_extra: str = "",
         approbations: bool = True):
    folder = tmp_path / "data"
    shutil.copytree(MINIMAL, folder)
    territory = (folder / "territoire.yml").read_text(encoding="utf-8")
    territory = _replace_grid(territory, "municipalites", MUNICIPALITIES)
    if territory_extra:
        territory = territory.replace("  statut: brouillon\n", territory_extra)
    (folder / "territoire.yml").write_text(territory, encoding="utf-8")
    needs = (folder / "03-besoins.yml").read_text(encoding="utf-8")
    (folder / "03-besoins.yml").write_text(
        _replace_grid(needs, "besoins", NEEDS.format(cited=cited)), encoding="utf-8")
    if not approbations:
        step8 = folder / "08-redaction-approbation-diffusion.yml"
        text = step8.read_text(encoding="utf-8")
        step8.write_text(_replace_grid(text, "approbations", ""), encoding="utf-8")
    return load_folder(folder, "data")


def messages(loaded, errors: bool = True) -> list:
    return [str(p) for p in loaded.problems if p.is_error == errors]


# --- references ----------------------------------------------------------------------

def test_a_former_name_or_an_alias_is_a_valid_reference(tmp_path):
    assert messages(load(tmp_path, "Asbestos")) == []
    assert messages(load(tmp_path / "alias", "St-Camille")) == []


def test_an_unknown_name_is_still_refused_and_lists_current_names_only(tmp_path):
    errors = messages(load(tmp_path, "Asbestoss"))
    assert errors == [
        "data/03-besoins.yml, ligne 16, « municipalites » : « Asbestoss » n'existe pas "
        "dans la grille « Municipalités du territoire » (data/territoire.yml) ; "
        "identifiants connus : Lac-Bêta, Saint-Camille, Val-des-Sources, Ville-Alpha"]


def test_a_municipality_cited_by_two_of_its_names_is_cited_once(tmp_path):
    errors = messages(load(tmp_path, "Val-des-Sources, Asbestos"))
    assert errors == [
        "data/03-besoins.yml, ligne 16, « municipalites » : « Val-des-Sources » et "
        "« Asbestos » désignent la même municipalité (« Val-des-Sources ») : n'en garder "
        "qu'un"]


def test_the_index_reads_a_former_name_as_the_current_one(tmp_path):
    loaded = load(tmp_path, "Asbestos")
    assert loaded.data["besoins"][0]["municipalites"] == ["Asbestos"]  # the data as typed
    index = PlanIndex(loaded.data)
    assert index.rows("besoins")[0]["municipalites"] == ["Val-des-Sources"]
    assert index.rows("besoins")[0].origin is loaded.data["besoins"][0].origin
    assert [row["id"] for _, row in index.citing("municipalites", "Val-des-Sources")] == [
        "B-01"]


def test_names_without_other_names_leave_the_plan_untouched(tmp_path):
    loaded = load_folder(MINIMAL, "data")
    assert name_tables(loaded.data) == {}
    assert with_current_names(loaded.data) is loaded.data


def test_a_municipality_is_listed_with_its_former_names():
    grid = GRIDS["municipalites"]
    assert listed_name(grid, {"nom": "Val-des-Sources", "anciens_noms": ["Asbestos"]}) == \
        "Val-des-Sources (anciennement Asbestos)"
    assert listed_name(grid, {"nom": "Saint-Camille", "alias": ["St-Camille"]}) == \
        "Saint-Camille"


def test_pages_cite_the_current_name_and_list_the_former_one(tmp_path):
    site = Site(load(tmp_path, "Asbestos"))
    needs = BeautifulSoup(site.plan_page("plan_besoins", "plan/besoins/"), "html.parser")
    cited = [a.get_text() for a in needs.find_all("a", href="../#val-des-sources")]
    assert cited and set(cited) == {"Val-des-Sources"}
    assert "Asbestos" not in needs.get_text()
    home = BeautifulSoup(site.presentation("plan/"), "html.parser")
    row = home.find("tr", id="val-des-sources")
    assert row.th.get_text(strip=True) == "Val-des-Sources (anciennement Asbestos)"
    assert "St-Camille" not in home.get_text()


# --- the territory: warnings -----------------------------------------------------------

ADOPTED = "  statut: adopté\n  date_adoption: 2026-10-15\n"
NO_APPROBATION = (
    "data/territoire.yml, ligne 9, « statut » : le plan est « adopté », mais la grille "
    "« Approbations » (data/08-redaction-approbation-diffusion.yml, « approbations ») est "
    "vide : y inscrire au moins le conseil qui l'a adopté, avec la date et le numéro de "
    "résolution")


def test_an_adopted_plan_without_approbation_is_a_warning(tmp_path):
    loaded = load(tmp_path, territory_extra=ADOPTED, approbations=False)
    assert messages(loaded) == []
    assert NO_APPROBATION in messages(loaded, errors=False)


def test_an_adopted_plan_with_its_approbation_has_no_such_warning(tmp_path):
    loaded = load(tmp_path, territory_extra=ADOPTED)
    assert not [w for w in messages(loaded, errors=False) if "Approbations" in w]


def test_a_draft_needs_no_approbation(tmp_path):
    loaded = load(tmp_path, approbations=False)
    assert not [w for w in messages(loaded, errors=False) if "Approbations" in w]
