"""Facts the source does not give, written « inconnu », and each row's
provenance: what the built site, its open data and its workbook say of them
(fixture ``tests/fixtures/inconnus/``: the minimal plan with a value of each
kind written « inconnu »).

Never a 0, never an invented value: « non précisé » on the pages, an empty
cell plus the field's name in « inconnus » in the open data, « inconnu » in
the workbook, and a warning for each on « Avancement »."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil

import frictionless
import openpyxl
import pytest

from conftest import FIXTURES, ROOT, Site, build, built_or_fail
from support import assert_round_trip, write_unknown_plan

UNKNOWN = FIXTURES / "inconnus"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Site:
    """The author's preview (it also lists each unknown value as a warning)."""
    out = tmp_path_factory.mktemp("inconnus") / "site"
    return Site(built_or_fail(build(ROOT, out, UNKNOWN, preview=True), out))


def _text(site: Site, page: str, selector: str) -> str:
    return " ".join(site.soup(page).select_one(selector).get_text(" ").split())


def _csv(site: Site, name: str) -> list:
    text = (site.folder / "donnees" / name).read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


ZERO_DOLLARS = re.compile(r"(?<![0-9])0 \$")


def _plain(text: str) -> str:
    """Text with ordinary spaces, one at a time."""
    return " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())


def _row_of(table, first_cell: str):
    for row in table.select("tr"):
        cells = row.find_all(["th", "td"])
        if cells and cells[0].get_text(" ", strip=True).startswith(first_cell):
            return [" ".join(c.get_text(" ").split()) for c in cells]
    raise AssertionError(f"no row « {first_cell} »")


def test_an_unknown_population_is_not_counted_as_zero(site):
    table = site.soup("").select_one("#municipalites ~ div table")
    assert _row_of(table, "Lac-Bêta")[:3] == ["Lac-Bêta", "85010", "non précisé"]
    assert [_plain(c) for c in _row_of(table, "Total")] == [
        "Total", "", "au moins 1 250 (1 municipalité non comptée)", ""]
    assert ("Population au moins 1 250 habitants (1 municipalité sans population connue), "
            "2 municipalités") in _plain(site.soup("").get_text(" "))


def test_an_unknown_required_value_reads_non_precise(site):
    soup = site.soup("etapes/01-gouvernance/")
    card = soup.select_one("#grille-porteur table")
    row = [tr for tr in card.select("tr") if tr.th.get_text(strip=True).startswith(
        "Personne responsable")][0]
    assert row.td.get_text(" ", strip=True) == "non précisé"
    assert row.td.select_one(".pnt-inconnu") is not None


def test_a_total_of_unknown_amounts_is_never_zero_dollars(site):
    soup = site.soup("plan/projets/")
    page = _plain(soup.get_text(" "))
    assert "Coût estimé non précisé" in page
    funding = [t for t in soup.select("table") if t.caption and
               t.caption.get_text(strip=True) == "Financement du projet P-01"][0]
    assert _row_of(funding, "F-01")[:4] == ["F-01 Ministère de l'Économie", "non précisé",
                                            "argent", "confirmé"]
    assert _plain(funding.tfoot.get_text(" ")) == (
        "Total non précisé dont confirmé ou reçu : non précisé")
    assert not ZERO_DOLLARS.search(page)
    assert ("Le montant ou le statut des lignes de financement des projets n'est pas encore "
            "connu" in page)


def test_an_unknown_target_is_not_drawn(site):
    page = _plain(site.soup("plan/indicateurs/").get_text(" "))
    assert "Cible non précisé" in page
    # The progress chart: no bar towards a target nobody gave.
    assert "Reste à parcourir Rythme prévu à la date de la mesure 0 % 50 % 100 % I-01 Part " \
        "des foyers de Lac-Bêta à 50/10 Mbit/s —" in page


def test_an_unknown_share_of_homes_draws_no_bar(site):
    figure = _plain(site.soup("etapes/05-etat-de-situation/").select_one(
        "figure#graphique-connectivite").get_text(" "))
    assert ("1 municipalité dont la part n'est pas précisée (inconnue), sans barre : "
            "Lac-Bêta." in figure)
    assert "Ville-Alpha 92 % Lac-Bêta non précisé" in figure


def test_each_unknown_value_is_listed_on_the_progress_page(site):
    text = " ".join(site.soup("avancement/").get_text(" ").split())
    assert text.count("valeur inconnue (« inconnu »)") == 9


def test_provenance_is_shown_only_where_given(site):
    sources = site.soup("etapes/02-financement/").select_one("#grille-sources table")
    headings = [th.get_text(" ", strip=True) for th in sources.select("thead th")]
    assert "Provenance" in headings
    note = sources.select_one("tbody small.pnt-provenance")
    assert note is not None and note.get_text(strip=True) == "PNT 2016, p. 12"
    budget = site.soup("etapes/02-financement/").select_one("#grille-budget table")
    assert "Provenance" not in [th.get_text(" ", strip=True)
                                for th in budget.select("thead th")]


def test_open_data_leave_unknown_cells_empty_and_name_them(site):
    municipalities = _csv(site, "municipalites.csv")
    assert municipalities[1]["population"] == ""
    assert municipalities[1]["inconnus"] == "population"
    assert municipalities[1]["provenance"] == "Répertoire des municipalités, 2025"
    assert municipalities[0]["inconnus"] == ""
    lines = _csv(site, "projets-financement.csv")
    assert (lines[0]["montant_min"], lines[0]["montant_max"], lines[0]["inconnus"]) == (
        "", "", "montant")
    plan = json.loads((site.folder / "donnees" / "plan.json").read_text(encoding="utf-8"))
    lac = plan["grilles"]["municipalites"][1]
    assert (lac["population"], lac["inconnus"]) == (None, ["population"])
    assert "inconnus" not in plan["grilles"]["municipalites"][0]
    assert plan["grilles"]["projets"][0]["financement"][0]["inconnus"] == ["montant"]


def test_data_package_reads_unknown_cells_as_missing(site):
    """A required field written « inconnu » (a need's priority) is an empty cell
    that frictionless reads as missing, not as an error nor as 0."""
    folder = site.folder / "donnees"
    report = frictionless.validate(str(folder / "datapackage.json"))
    assert report.flatten(["type", "fieldName", "rowNumber"]) == []
    package = frictionless.Package(str(folder / "datapackage.json"))
    needs = package.get_resource("besoins").read_rows()
    unknown = [row for row in needs if row["inconnus"] == "priorite"]
    assert unknown and unknown[0]["priorite"] is None


def test_the_published_workbook_says_inconnu(site):
    book = openpyxl.load_workbook(site.folder / "donnees" / "grilles-du-plan.xlsx")
    sheet = book["0.2 Municipalités du territoire"]
    headings = [c.value for c in sheet[1]]
    row = [c.value for c in sheet[3]]
    assert row[headings.index("Population")] == "inconnu"
    assert row[headings.index("Provenance")] == "Répertoire des municipalités, 2025"


def test_unknown_values_survive_the_workbook_round_trip(tmp_path):
    assert_round_trip(shutil.copytree(UNKNOWN, tmp_path / "data"), tmp_path)


# --- the example with every fact that may be unknown written « inconnu » ---------------------

INVENTED = re.compile(r"(?<![0-9])0 (\$|habitants?\b|foyers?\b|participants?\b|personnes?\b)"
                      r"|\bNone\b|\bnan\b|le (janvier|février|mars|avril|mai|juin|juillet|août"
                      r"|septembre|octobre|novembre|décembre) ")


@pytest.fixture(scope="module")
def all_unknown(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tout-inconnu")
    write_unknown_plan(ROOT / "exemple", folder / "data")
    return folder / "data"


def test_a_plan_of_unknown_facts_validates_with_warnings_only(all_unknown):
    from macros.reading.loader import load_folder

    loaded = load_folder(all_unknown, "data")
    assert [str(p) for p in loaded.errors] == []
    assert len(loaded.warnings) > 1000  # one per unknown value, at least


def test_a_plan_of_unknown_facts_builds_and_invents_nothing(all_unknown, tmp_path):
    out = tmp_path / "site"
    site = Site(built_or_fail(build(ROOT, out, all_unknown), out))
    invented = {}
    for page in site.pages():
        text = _plain(site.soup(str(page.relative_to(out))).get_text(" "))
        found = [m.group(0) for m in INVENTED.finditer(text)]
        if found:
            invented[str(page.relative_to(out))] = found[:5]
    assert invented == {}


def test_a_plan_of_unknown_facts_survives_the_workbook_round_trip(all_unknown, tmp_path):
    assert_round_trip(all_unknown, tmp_path)
