"""The plan as open data (outputs/opendata.py): what the built site publishes.

The files of ``site/donnees/`` (CSV, JSON, schema, workbooks) and the
« Données ouvertes » page are read on both sites (the example, a fresh
plan), then on a plan filled through the blank workbook and ``pnt importer``.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import re

import jsonschema
import openpyxl
import pytest

from conftest import ROOT, Site, build, built_or_fail, copy_template, pnt
from support import FORMULA_STARTS, fill_row, formula_like, write_formula_like_plan

from macros.spreadsheet.layout import INSTRUCTIONS, sheet_specs

# The published paths are a contract with the data's users: written out here,
# so that renaming a grid cannot change a public address unnoticed.
CSV_NAMES = [
    "territoire.csv", "municipalites.csv", "porteur.csv", "instances.csv", "membres.csv",
    "acteurs.csv", "vision.csv", "plans_parents.csv", "budget.csv", "sources.csv",
    "consultations.csv", "besoins.csv", "pistes.csv", "conditions.csv", "connectivite.csv", "ffom.csv",
    "constats.csv", "diagnostic.csv",
    "orientations.csv", "projets.csv", "projets-partenaires.csv",
    "projets-financement.csv", "objectifs_du_plan.csv", "indicateurs.csv", "mecanismes.csv",
    "consultation_publique.csv", "approbations.csv", "diffusion.csv", "credits.csv",
    "avant_propos.csv", "ressources.csv",
    "programmation.csv", "mesures.csv", "redditions.csv", "ajustements.csv",
]
OTHERS = ["plan.json", "plan.schema.json", "datapackage.json", "grilles-du-plan.xlsx",
          "grilles-vierges.xlsx"]
UNITS = {"octets": 1, "ko": 1000, "Mo": 1_000_000}


def _csv(site: Site, name: str) -> list:
    raw = (site.folder / "donnees" / name).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), name  # BOM: Excel shows the accents
    text = raw.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


@pytest.mark.parametrize("which", ["example_site", "fresh_site"])
def test_published_paths_are_stable(request, which):
    site = request.getfixturevalue(which)
    folder = site.folder / "donnees"
    assert sorted(p.name for p in folder.iterdir()) == sorted(CSV_NAMES + OTHERS)


def test_csv_one_grid_per_file(example_site, example):
    besoins = _csv(example_site, "besoins.csv")
    # Each row's provenance, then the fields the source did not give (« inconnu »).
    assert besoins[0] == ["id", "enonce", "clientele", "categorie", "origine",
                          "municipalites", "priorite", "provenance", "inconnus"]
    assert len(besoins) == 1 + len(example.data["besoins"])
    assert besoins[1][:5] == ["B-01", "Avoir accès à un Internet haute vitesse fiable dans "
                              "les rangs et les secteurs isolés", "population", "usages",
                              "C-01, C-04, C-05, C-06"]
    budget = _csv(example_site, "budget.csv")
    assert budget[0] == ["poste", "montant_min", "montant_max", "montant_texte",
                         "commentaire", "provenance", "inconnus"]
    assert ["Accompagnement-conseil et rédaction", "18000", "22000",
            "18 000 $ – 22 000 $"] == budget[4][:4]
    mesures = _csv(example_site, "mesures.csv")
    assert mesures[1][:3] == ["I-01", "2025-06", "89,6"]  # decimal comma, ISO date
    financement = _csv(example_site, "projets-financement.csv")
    assert financement[0] == ["projet", "source", "montant_min", "montant_max",
                              "montant_texte", "nature", "statut", "inconnus"]
    assert financement[1] == ["P-01", "F-03", "3100000", "3100000", "3 100 000 $",
                              "argent", "demandé", ""]
    for name in CSV_NAMES:
        rows = _csv(example_site, name)
        assert all(len(row) == len(rows[0]) for row in rows), name


def test_dates_keep_their_precision_in_csv_and_json(example_site):
    """The example writes « novembre 2024 », « vers octobre 2024 » and « printemps
    2025 »: a month stays a month, a season and an approximation are said."""
    consultations = {row[0]: row for row in _csv(example_site, "consultations.csv")}
    date = consultations["id"].index("date")
    assert consultations["C-04"][date] == "2024-11"
    assert consultations["C-06"][date] == "2024-10~"
    plan = json.loads((example_site.folder / "donnees" / "plan.json").read_text(
        encoding="utf-8"))
    by_id = {c["id"]: c for c in plan["grilles"]["consultations"]}
    assert by_id["C-04"]["date"] == "2024-11"
    assert by_id["C-06"]["date"] == {"date": "2024-10", "saison": None,
                                     "approximative": True}
    condition = [c for c in plan["grilles"]["conditions"] if c["id"] == "CD-08"][0]
    assert condition["annee"] == {"date": "2025", "saison": "printemps",
                                  "approximative": False}


def test_csv_of_a_fresh_plan_have_their_headings(fresh_site):
    assert _csv(fresh_site, "besoins.csv") == [
        ["id", "enonce", "clientele", "categorie", "origine", "municipalites", "priorite",
         "provenance", "inconnus"]]
    assert len(_csv(fresh_site, "territoire.csv")) == 2


@pytest.mark.parametrize("which", ["example_site", "fresh_site"])
def test_plan_json_follows_its_schema(request, which):
    site = request.getfixturevalue(which)
    plan = json.loads((site.folder / "donnees" / "plan.json").read_text(encoding="utf-8"))
    schema = json.loads((site.folder / "donnees" / "plan.schema.json").read_text(
        encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.FormatChecker()).validate(plan)
    assert plan["licence"] == "CC BY 4.0"


def test_json_holds_typed_values(example_site, example):
    plan = json.loads((example_site.folder / "donnees" / "plan.json").read_text(
        encoding="utf-8"))
    grids = plan["grilles"]
    assert len(grids["projets"]) == len(example.data["projets"])
    first = grids["projets"][0]
    assert first["cout"] == {"min": 4200000, "max": 5100000, "approximatif": False,
                             "texte": "4 200 000 $ – 5 100 000 $"}
    assert first["financement"][0] == {"source": "F-03", "montant": {
        "min": 3100000, "max": 3100000, "approximatif": False, "texte": "3 100 000 $"},
        "nature": "argent", "statut": "demandé"}
    piste = next(p for p in grids["pistes"] if p["id"] == "PI-06")
    assert piste["cout_indicatif"] == {"min": 25000, "max": 25000, "approximatif": True,
                                       "texte": "environ 25 000 $"}
    assert grids["territoire"]["fictif"] is True
    assert grids["territoire"]["date_adoption"] == "2025-06-11"
    assert grids["mesures"][0]["valeur"] == 89.6


def test_workbooks_can_be_downloaded(example_site):
    filled = openpyxl.load_workbook(example_site.folder / "donnees" / "grilles-du-plan.xlsx")
    blank = openpyxl.load_workbook(example_site.folder / "donnees" / "grilles-vierges.xlsx")
    names = [INSTRUCTIONS] + [s.name for s in sheet_specs()] + ["Listes"]
    assert filled.sheetnames == names and blank.sheetnames == names
    assert filled["3.2 Besoins"]["A2"].value == "B-01"
    assert blank["3.2 Besoins"]["A2"].value is None


def _bytes_of(shown: str) -> float:
    """« 12,4 ko » read back as a number of bytes (the page rounds to 0,1)."""
    match = re.fullmatch(r"([\d\u202f]+(?:,\d)?)\u00a0(octets|ko|Mo)", shown)
    assert match, shown
    number = float(match.group(1).replace("\u202f", "").replace(",", "."))
    return number * UNITS[match.group(2)]


def _page(site: Site):
    return site.soup("donnees-ouvertes/")


@pytest.mark.parametrize("which", ["example_site", "fresh_site"])
def test_page_lists_each_file_with_its_size(request, which):
    site = request.getfixturevalue(which)
    soup = _page(site)
    listed = {}
    for row in soup.select("article table tbody tr"):
        link = row.select_one('th[scope="row"] a[href]')
        if link is not None:
            listed[link.get_text(strip=True)] = (link["href"], row.find_all("td"))
    for name in CSV_NAMES + OTHERS:
        href, cells = listed[name]
        path = (site.folder / "donnees-ouvertes" / href).resolve()
        assert path.is_file(), href
        assert _bytes_of(cells[1].get_text(strip=True)) == pytest.approx(
            path.stat().st_size, abs=50_000 if "Mo" in cells[1].get_text() else 50), name
    schemas = [n for n in listed if n.endswith(".schema.json") and n != "plan.schema.json"]
    assert len(schemas) == 11
    for table in soup.select("article table"):
        assert table.find("caption") is not None
        assert all(th.get("scope") in ("col", "row") for th in table.find_all("th"))


def test_page_licence_and_donnees_quebec_record(example_site):
    soup = _page(example_site)
    article = soup.select_one("article")
    licence = article.select_one("#licence").find_next("p")
    assert "CC BY 4.0" in licence.get_text()
    assert licence.select_one("a")["href"].startswith("https://creativecommons.org/")
    record = _record(article)
    assert record["Titre"] == "Plan numérique territorial — MRC de la Vallée-des-Cèdres"
    assert record["Licence"] == "CC BY 4.0"
    assert record["Couverture temporelle"] == "2025 à 2029"
    assert "Territoire fictif" in record["Description"]
    for field in ("Organisation", "Mots-clés", "Couverture géographique",
                  "Fréquence de mise à jour", "Langue", "Formats"):
        assert record[field], field
    # What Données Québec's publishers ask for, from the porteur (exemple/01-gouvernance.yml).
    assert record["Catégorie"] == "Gouvernement et finances"
    assert record["Responsable (mainteneur)"] == (
        "Josiane Tremblay-Lavoie, Agente de développement numérique")
    assert record["Courriel de contact"] == "numerique@mrcvalleedescedres.example"
    # exemple/territoire.yml gives no site_url: the source is not invented.
    assert record["Adresse de la source"] == "à préciser"
    text = article.get_text(" ", strip=True)
    assert "point-virgule" in text and "UTF-8" in text
    # The semicolon is a choice, said so, and datapackage.json describes it.
    assert "Ce choix est délibéré" in text and "datapackage.json" in text
    assert article.select_one("#grilles-excel").get_text(strip=True).startswith(
        "Grilles à remplir (Excel)")


def _record(article) -> dict:
    return {th.get_text(strip=True): td.get_text(" ", strip=True)
            for th, td in (row.find_all(["th", "td"]) for row in
                           article.select_one("#fiche").find_next("table").select("tr"))}


def test_record_of_a_plan_without_porteur_invents_no_contact(fresh_site):
    """A fresh plan names no one yet: maintainer, contact and source are « à préciser »."""
    record = _record(_page(fresh_site).select_one("article"))
    for field in ("Responsable (mainteneur)", "Courriel de contact", "Adresse de la source"):
        assert record[field] == "à préciser", field
    assert not any("@" in value for value in record.values())


def test_navigation_leads_to_the_open_data(example_site):
    soup = example_site.soup("")
    links = [a.get_text(strip=True) for a in soup.select("nav a")]
    assert "Données ouvertes" in links


@pytest.fixture(scope="module")
def imported_site(tmp_path_factory):
    """A fresh plan, filled in the blank workbook, imported, then published."""
    project = copy_template(tmp_path_factory.mktemp("imported") / "projet")
    created = pnt(["nouveau", "MRC de Test-Classeur", "--debut", "2027"], project)
    assert created.returncode == 0, created.stdout
    workbook = project / "grilles.xlsx"
    exported = pnt(["exporter", str(workbook)], project)
    assert exported.returncode == 0, exported.stdout
    book = openpyxl.load_workbook(workbook)
    territory = book["0.1 Le territoire"]
    licence = next(c.column for c in territory[1] if c.value == "Licence des données")
    territory.cell(2, licence, "Licence ouverte du comité")
    fill_row(book["0.2 Municipalités du territoire"], 2, ["Ville-Alpha", "85005", 1250])
    fill_row(book["3.1 Consultations"], 2, ["C-01", datetime.datetime(2027, 2, 3), "forum",
                                            "Population"])
    fill_row(book["3.2 Besoins"], 2, ["B-01", "Internet partout", "population", "usages",
                                     "C-01", "Ville-Alpha", 2])
    book.save(workbook)
    imported = pnt(["importer", str(workbook)], project)
    assert imported.returncode == 0, imported.stdout + imported.stderr
    before = sorted(p.relative_to(project).as_posix() for p in project.rglob("*")
                    if "site" not in p.relative_to(project).parts)
    out = project / "site"
    site = Site(built_or_fail(build(project, out), out))
    after = sorted(p.relative_to(project).as_posix() for p in project.rglob("*")
                   if "site" not in p.relative_to(project).parts
                   and "__pycache__" not in p.parts)
    before = [p for p in before if "__pycache__" not in p]
    return site, before, after


def test_imported_workbook_is_published_on_the_site(imported_site):
    site, before, after = imported_site
    assert after == before  # the build wrote into site/ only
    besoins = _csv(site, "besoins.csv")
    assert besoins[1] == ["B-01", "Internet partout", "population", "usages", "C-01",
                          "Ville-Alpha", "2", "", ""]
    assert "Internet partout" in site.html("demarche/03-besoins/")
    page = _page(site).select_one("article").get_text(" ", strip=True)
    assert "Licence ouverte du comité" in page
    plan = json.loads((site.folder / "donnees" / "plan.json").read_text(encoding="utf-8"))
    assert plan["licence"] == "Licence ouverte du comité"
    assert plan["grilles"]["consultations"][0]["date"] == "2027-02-03"
    assert re.search(r"MRC de Test-Classeur", plan["titre"])


# --- texts that a spreadsheet would run ------------------------------------------------------

def _published_csv(files: list, name: str) -> list:
    data_file = next(f for f in files if f.name == name)
    text = data_file.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))


def test_csv_texts_like_formulas_start_with_an_apostrophe(tmp_path, example):
    from macros.outputs.opendata import published_files
    from macros.reading.loader import load_folder

    write_formula_like_plan(ROOT / "exemple", tmp_path / "data")
    data = load_folder(tmp_path / "data", "data").data
    data["besoins"][1]["enonce"] = "'Cité' entre apostrophes"
    files = published_files(data)
    needs = _published_csv(files, "besoins.csv")
    expected = [formula_like(n["enonce"]) for n in example.data["besoins"]]
    expected[1] = "'Cité' entre apostrophes"
    assert [row["enonce"] for row in needs] == ["'" + text for text in expected]
    plan = json.loads(next(f for f in files if f.name == "plan.json").content)
    assert [n["enonce"] for n in plan["grilles"]["besoins"]] == expected
    budget = _published_csv(files, "budget.csv")
    assert budget[3]["montant_min"] == "18000"  # numbers are never touched
    cells = [value for f in files if f.name.endswith(".csv")
             for row in _published_csv(files, f.name) for value in row.values()]
    assert sum(value.startswith("'") for value in cells) > 100
    assert not [value for value in cells if value[:1] in FORMULA_STARTS]


def test_page_says_how_to_get_the_exact_texts(example_site):
    text = example_site.soup("donnees-ouvertes/").find(id="textes-proteges").get_text()
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    assert "« = », « + », « - », « @ », une tabulation ou un retour de chariot" in text
    assert "retirer l'apostrophe du début" in text
