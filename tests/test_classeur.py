"""Les grilles dans un classeur Excel : ce que voit le comité, ce qui revient.

On ouvre le classeur exporté avec openpyxl (feuilles, titres, notes, listes
déroulantes, formats, volets figés, mode d'emploi), on l'importe de nouveau et
on lit les fichiers YAML écrits. Chaque classeur mal formé est un cas de
``tests/fixtures/classeurs/`` (généré par ``cas.py`` ou fichier de
``fichiers/``), avec ses messages exacts dans ``attendus.yml``.
"""

from __future__ import annotations

import datetime
import difflib
import importlib.util
import re
import shutil
from pathlib import Path

import openpyxl
import pytest
import yaml

from conftest import FIXTURES, ROOT, pnt

from macros import model
from macros.catalog import GRIDS
from macros.loader import load_folder
from macros.workbook import (
    AMOUNT_FORMAT, DATE_FORMAT, INSTRUCTIONS, INTEGER_FORMAT, LISTS, TEXT_FORMAT,
    sheet_specs, write_workbook,
)
from macros.workbook_import import import_workbook
from macros.yamlmerge import _yaml

CLASSEURS = FIXTURES / "classeurs"
FICHIERS = CLASSEURS / "fichiers"
MINIMAL = FIXTURES / "minimal"
EXEMPLE = ROOT / "exemple"
ENGLISH = re.compile(
    r"\b(expected|found|mapping|scalar|sequence|line|column|while|could|token|"
    r"unexpected|stream|indicator|block|alias|error|not allowed|key|value|"
    r"character|none|true|false|null|sheet|workbook|cell|row|traceback)\b",
    re.IGNORECASE,
)


def _cas_module():
    spec = importlib.util.spec_from_file_location("cas_classeurs", CLASSEURS / "cas.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CAS = _cas_module()
ATTENDUS = yaml.safe_load((CLASSEURS / "attendus.yml").read_text(encoding="utf-8"))
BINAIRES = {path.stem: path for path in sorted(FICHIERS.iterdir())}


def _snapshot(folder: Path) -> dict:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _copy(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target


@pytest.fixture(scope="module")
def classeur_exemple(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("classeur") / "exemple.xlsx"
    write_workbook(path, load_folder(EXEMPLE, "exemple", True).data)
    return path


@pytest.fixture(scope="module")
def livre(classeur_exemple):
    return openpyxl.load_workbook(classeur_exemple)


@pytest.fixture(scope="module")
def classeur_minimal(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("minimal") / "minimal.xlsx"
    write_workbook(path, load_folder(MINIMAL, "data").data)
    return path


# --- l'export : ce que le comité ouvre -------------------------------------------------

def test_une_feuille_par_grille_dans_l_ordre_des_etapes(livre):
    names = [spec.name for spec in sheet_specs()]
    assert livre.sheetnames == [INSTRUCTIONS, *names, LISTS]
    assert livre[LISTS].sheet_state == "hidden"
    assert all(len(name) <= 31 for name in livre.sheetnames)
    grids = [spec.grid.key for spec in sheet_specs() if spec.sublist is None]
    assert grids == list(GRIDS)  # every grid, in the catalog's order
    assert "6.2 Partenaires des projets" in names and "6.2 Financement des projets" in names


def test_titres_et_notes_d_aide_viennent_du_catalogue(livre):
    for spec in sheet_specs():
        sheet = livre[spec.name]
        headings = [c.value for c in sheet[1]]
        assert headings == [c.label for c in spec.columns], spec.name
        for cell, column in zip(sheet[1], spec.columns):
            note = cell.comment.text
            assert note.startswith(column.help.replace(" entre guillemets", "")), column.key
            assert ("Obligatoire." if column.required else "Facultatif.") in note
            assert cell.font.b
    note = livre["3.2 Besoins"]["G1"].comment.text
    assert "Valeurs permises : 1, 2, 3 (liste déroulante)." in note
    assert "Identifiants de la feuille « 3.1 Consultations »." in livre["3.2 Besoins"]["E1"].comment.text


def _validation_for(sheet, letter: str):
    for validation in sheet.data_validations.dataValidation:
        if any(re.match(rf"^{letter}2(:|$)", str(r)) for r in validation.sqref.ranges):
            return validation
    return None


def _list_values(livre, formula: str) -> list:
    if formula.startswith('"'):
        return formula.strip('"').split(",")
    sheet_part, cells = formula.rsplit("!", 1)
    sheet = livre[sheet_part.strip("'")]
    first, last = cells.replace("$", "").split(":")
    return [str(c.value) for row in sheet[first:last] for c in row]


def test_listes_deroulantes_des_valeurs_permises(livre):
    from openpyxl.utils import get_column_letter

    checked = 0
    for spec in sheet_specs():
        sheet = livre[spec.name]
        for index, column in enumerate(spec.columns, start=1):
            validation = _validation_for(sheet, get_column_letter(index))
            if column.kind == model.CHOICE:
                assert validation is not None and validation.type == "list", column.key
                assert _list_values(livre, validation.formula1) == [
                    str(c) for c in column.choices], (spec.name, column.key)
                assert validation.error.startswith("Choisir une valeur dans la liste")
                checked += 1
            elif column.kind == model.BOOLEAN:
                assert _list_values(livre, validation.formula1) == ["oui", "non"]
            elif column.kind == model.REF:
                target = [s for s in sheet_specs() if s.grid.key == column.target
                          and s.sublist is None][0]
                assert validation.formula1.startswith(f"'{target.name}'!$"), column.key
    assert checked >= 25
    statut = _validation_for(livre["9.2 Programmation annuelle"], "F")
    assert _list_values(livre, statut.formula1) == [
        "à venir", "en cours", "terminée", "reportée", "abandonnée"]


def test_formats_des_dates_nombres_montants_et_codes(livre):
    consultations = livre["3.1 Consultations"]
    assert consultations["B2"].value == "2024-09" and consultations["B2"].number_format == TEXT_FORMAT
    assert consultations["B3"].value == datetime.datetime(2024, 10, 8)
    assert consultations["B3"].number_format == DATE_FORMAT
    assert consultations["B40"].number_format == DATE_FORMAT  # empty rows too
    municipalites = livre["0.2 Municipalités du territoire"]
    assert municipalites["B2"].value == "99005" and municipalites["B2"].number_format == "@"
    assert municipalites["C2"].value == 12140 and municipalites["C2"].number_format == INTEGER_FORMAT
    budget = livre["2.1 Budget de la démarche"]
    assert budget["B2"].value == 58000 and budget["B2"].number_format == AMOUNT_FORMAT
    assert budget["B5"].value == "18 000 – 22 000 $"
    orientations = livre["6.1 Orientations"]
    objectifs = orientations["D2"]
    assert objectifs.value.split("\n") == [
        "Donner accès à 50/10 Mbit/s à 99 % des foyers d'ici 2029",
        "Réduire de 64 à 15 km les routes principales sans signal cellulaire"]
    assert objectifs.alignment.wrap_text
    assert livre["3.2 Besoins"]["E2"].value == "C-01, C-04, C-05, C-06"
    mesures = livre["10.1 Mesures des indicateurs"]
    assert mesures["C2"].value == 89.6


def test_volets_figes_largeurs_et_filtres(livre):
    assert livre["3.2 Besoins"].freeze_panes == "B2"  # header and ids stay visible
    assert livre["1.3 Membres des instances"].freeze_panes == "A2"
    assert livre["6.2 Financement des projets"].freeze_panes == "B2"
    assert livre["0.1 Le territoire"].freeze_panes == "A2"
    besoins = livre["3.2 Besoins"]
    assert besoins.column_dimensions["B"].width >= 30
    assert besoins.column_dimensions["A"].width >= 12
    assert besoins.auto_filter.ref.startswith("A1:G")


def test_mode_d_emploi(livre):
    sheet = livre[INSTRUCTIONS]
    assert sheet["A1"].value == "Plan numérique territorial — MRC de la Vallée-des-Cèdres"
    text = "\n".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value)
    for words in ("obligatoires", "liste déroulante", "2026-03-15", "10 000 – 15 000 $",
                  "pnt importer", "n'écrit rien", ".xlsx", "B-01, B-02"):
        assert words in text, words
    links = {c.value: c.hyperlink.location for row in sheet.iter_rows() for c in row
             if c.hyperlink is not None}
    for spec in sheet_specs():
        assert links[spec.name] == f"'{spec.name}'!A1"


def test_pnt_exporter_vierge(tmp_path):
    target = tmp_path / "vierge.xlsx"
    result = pnt(["exporter", str(target), "--vierge"], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Classeur écrit" in result.stdout and "0 ligne" in result.stdout
    book = openpyxl.load_workbook(target)
    for spec in sheet_specs():
        sheet = book[spec.name]
        assert [c.value for c in sheet[1]] == [c.label for c in spec.columns]
        assert all(v is None for row in sheet.iter_rows(min_row=2, values_only=True)
                   for v in row), spec.name
    assert book[INSTRUCTIONS]["A1"].value == "Plan numérique territorial — votre territoire"


def test_pnt_exporter_refuse_des_donnees_invalides(tmp_path):
    folder = _copy(MINIMAL, tmp_path / "data")
    shutil.copyfile(FIXTURES / "invalides" / "priorite-hors-liste" / "03-besoins.yml",
                    folder / "03-besoins.yml")
    result = pnt(["exporter", str(tmp_path / "x.xlsx"), "--dossier", str(folder)], tmp_path)
    assert result.returncode == 1
    assert "« priorite » : « 4 » n'est pas une valeur permise" in result.stdout
    assert "Rien n'a été exporté" in result.stdout
    assert not (tmp_path / "x.xlsx").exists()


def test_pnt_exporter_refuse_un_autre_format(tmp_path):
    result = pnt(["exporter", str(tmp_path / "grilles.xls")], tmp_path)
    assert result.returncode == 1
    assert "doit finir par .xlsx" in result.stdout and "Traceback" not in result.stderr


# --- aller-retour sans modification : octet pour octet ---------------------------------------

def _aller_retour(folder: Path, tmp_path: Path) -> None:
    before = _snapshot(folder)
    workbook = tmp_path / "aller.xlsx"
    write_workbook(workbook, load_folder(folder, "data").data)
    result = import_workbook(workbook, folder, "data")
    assert [str(p) for p in result.errors] == []
    assert result.changes == [] and result.written == []
    assert _snapshot(folder) == before


def test_aller_retour_de_l_exemple(tmp_path):
    _aller_retour(_copy(EXEMPLE, tmp_path / "data"), tmp_path)


def test_aller_retour_d_un_plan_neuf(projet_vierge, tmp_path):
    _aller_retour(_copy(projet_vierge / "data", tmp_path / "data"), tmp_path)


def test_aller_retour_des_pieges_yaml(tmp_path):
    folder = _copy(MINIMAL, tmp_path / "data")
    for path in (FIXTURES / "pieges-yaml").iterdir():
        shutil.copyfile(path, folder / path.name)
    _aller_retour(folder, tmp_path)


@pytest.mark.parametrize("source", ["exemple", "minimal", "pieges-yaml"])
def test_ruamel_reecrit_chaque_fichier_a_l_identique(source):
    """Même réécrit, un fichier garde commentaires, guillemets, styles et `08`."""
    folder = EXEMPLE if source == "exemple" else FIXTURES / source
    for path in sorted(folder.glob("*.yml")):
        import io

        text = path.read_text(encoding="utf-8")
        handler = _yaml(text)
        stream = io.StringIO()
        handler.dump(handler.load(text), stream)
        assert stream.getvalue() == text, path.name


# --- des modifications dans le classeur : exactement ces modifications ------------------------

def _row_of(sheet, first_value) -> int:
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row, 1).value == first_value:
            return row
    raise KeyError(first_value)


def _last_row(sheet) -> int:
    return max(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value)


def _diff(before: bytes, after: bytes) -> tuple:
    old = before.decode("utf-8").splitlines()
    new = after.decode("utf-8").splitlines()
    removed, added = [], []
    for line in difflib.ndiff(old, new):
        if line.startswith("- "):
            removed.append(line[2:])
        elif line.startswith("+ "):
            added.append(line[2:])
    return removed, added


def test_modifications_arrivent_telles_quelles(classeur_exemple, tmp_path):
    folder = _copy(EXEMPLE, tmp_path / "data")
    before = _snapshot(folder)
    book = openpyxl.load_workbook(classeur_exemple)
    besoins = book["3.2 Besoins"]
    besoins.cell(_row_of(besoins, "B-03"), 7, 3)  # priorité 2 → 3
    new = _last_row(besoins) + 1
    for column, value in enumerate(["B-12", "Former les élus à la cybersécurité",
                                    "organisations", "compétences", "C-04", None, 2],
                                   start=1):
        besoins.cell(new, column, value)
    programmation = book["9.2 Programmation annuelle"]
    row = [r for r in range(2, _last_row(programmation) + 1)
           if programmation.cell(r, 3).value == "Dépôt de la demande d'aide fédérale"][0]
    programmation.cell(row, 6, "en cours")  # statut terminée → en cours
    membres = book["1.3 Membres des instances"]
    membres.delete_rows(_row_of(membres, "Mireille Gagnon-Ouellet"))
    consultations = book["3.1 Consultations"]
    new = _last_row(consultations) + 1
    for column, value in enumerate(["C-07", datetime.datetime(2026, 3, 15), "atelier",
                                    "Jeunes de 15 à 25 ans"], start=1):
        consultations.cell(new, column, value)
    edited = tmp_path / "modifie.xlsx"
    book.save(edited)

    result = import_workbook(edited, folder, "data")
    assert [str(p) for p in result.errors] == []
    after = _snapshot(folder)
    changed = sorted(n for n in after if after[n] != before[n])
    assert changed == ["01-gouvernance.yml", "03-besoins.yml", "09-mise-en-oeuvre.yml"]
    assert _diff(before["01-gouvernance.yml"], after["01-gouvernance.yml"]) == ([
        "  - nom: Mireille Gagnon-Ouellet",
        "    organisation: Ville de Cèdreville (mairesse)",
        "    secteur: municipal",
        "    instance: G-01",
        "    role: vice-présidence"], [])
    assert _diff(before["03-besoins.yml"], after["03-besoins.yml"]) == (
        ["    priorite: 2"],
        ["  - id: C-07", "    date: 2026-03-15", "    methode: atelier",
         "    public: Jeunes de 15 à 25 ans",
         "    priorite: 3",
         "  - id: B-12", "    enonce: Former les élus à la cybersécurité",
         "    clientele: organisations", "    categorie: compétences",
         "    origine: [C-04]", "    priorite: 2"])
    removed, added = _diff(before["09-mise-en-oeuvre.yml"], after["09-mise-en-oeuvre.yml"])
    assert (removed, added) == (["    statut: terminée"], ["    statut: en cours"])
    loaded = load_folder(folder, "data")
    assert [str(p) for p in loaded.errors] == []
    need = [b for b in loaded.data["besoins"] if b["id"] == "B-12"][0]
    assert need["origine"] == ["C-04"] and need["priorite"] == 2


def test_commentaires_et_ligne_schema_conserves(classeur_exemple, tmp_path):
    """Ajouter une ligne à la fin d'une grille garde le commentaire de la suivante
    à sa place ; supprimer la dernière ligne d'un groupe garde son en-tête."""
    folder = _copy(EXEMPLE, tmp_path / "data")
    before = (folder / "09-mise-en-oeuvre.yml").read_text(encoding="utf-8")
    book = openpyxl.load_workbook(classeur_exemple)
    sheet = book["9.2 Programmation annuelle"]
    last_2025 = max(r for r in range(2, _last_row(sheet) + 1)
                    if sheet.cell(r, 1).value == 2025)
    sheet.delete_rows(last_2025)
    ressources = book["9.1 Ressources"]
    new = _last_row(ressources) + 1
    for column, value in enumerate(["Stagiaire", "1 jour par semaine"], start=1):
        ressources.cell(new, column, value)
    edited = tmp_path / "modifie.xlsx"
    book.save(edited)
    result = import_workbook(edited, folder, "data")
    assert [str(p) for p in result.errors] == []
    after = (folder / "09-mise-en-oeuvre.yml").read_text(encoding="utf-8")
    comments = [line.strip() for line in before.splitlines() if line.strip().startswith("#")]
    assert [line.strip() for line in after.splitlines()
            if line.strip().startswith("#")] == comments
    assert after.splitlines()[0] == (
        "# yaml-language-server: $schema=../docs/schemas/09-mise-en-oeuvre.schema.json")
    lines = after.splitlines()
    heading = lines.index("# Les actions de l'année, projet par projet, et leur avancement.")
    assert lines[heading - 2:heading] == ["    temps: 1 jour par semaine", ""]
    assert lines[heading + 1:heading + 3] == ["programmation:", "  # --- 2025 ---"]


def test_classeur_vierge_rempli_devient_un_plan_valide(projet_vierge, tmp_path):
    folder = _copy(projet_vierge / "data", tmp_path / "data")
    before = _snapshot(folder)
    workbook = tmp_path / "plan.xlsx"
    write_workbook(workbook, load_folder(folder, "data").data)
    book = openpyxl.load_workbook(workbook)
    territoire = book["0.1 Le territoire"]
    territoire["C2"], territoire["D2"] = "085", "Outaouais"
    for column, value in enumerate(["Ville-Alpha", "85005", 1250], start=1):
        book["0.2 Municipalités du territoire"].cell(2, column, value)
    consultations = book["3.1 Consultations"]
    for column, value in enumerate(["C-01", datetime.datetime(2027, 2, 3), "forum",
                                    "Population", None, 80,
                                    "Premier constat.\n\nDeuxième constat."], start=1):
        consultations.cell(2, column, value)
    besoins = book["3.2 Besoins"]
    for column, value in enumerate(["B-01", "Internet partout", "population", "usages",
                                    "C-01", "Ville-Alpha", 1], start=1):
        besoins.cell(2, column, value)
    book.save(workbook)
    result = import_workbook(workbook, folder, "data")
    assert [str(p) for p in result.errors] == []
    assert sorted(result.written) == ["03-besoins.yml", "territoire.yml"]
    loaded = load_folder(folder, "data")
    assert [str(p) for p in loaded.errors] == []
    assert loaded.data["territoire"]["code_geographique"] == "085"
    assert loaded.data["consultations"][0]["resume"] == "Premier constat.\n\nDeuxième constat."
    text = (folder / "03-besoins.yml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../docs/schemas/03-besoins.schema.json")
    old_lines = before["03-besoins.yml"].decode("utf-8").splitlines()
    removed, added = _diff(before["03-besoins.yml"], text.encode("utf-8"))
    assert removed == [] and len(added) > 10  # only additions: every comment stays
    assert all(line in text.splitlines() for line in old_lines)


# --- classeurs mal formés et classeurs imparfaits -------------------------------------------------

def test_chaque_cas_a_ses_attendus():
    invalides = set(CAS.INVALIDES) | set(BINAIRES)
    assert not set(CAS.INVALIDES) & set(BINAIRES)
    assert sorted(ATTENDUS["invalides"]) == sorted(invalides)
    assert sorted(ATTENDUS["toleres"]) == sorted(CAS.TOLERES)
    assert not set(CAS.TOLERES) & invalides
    for name, lines in ATTENDUS["invalides"].items():
        assert isinstance(lines, list) and lines, name
    for name, lines in ATTENDUS["toleres"].items():
        assert isinstance(lines, list), name
    assert len(invalides) >= 10 and len(CAS.TOLERES) >= 7


def _fichier_du_cas(name: str, base: Path, out: Path) -> Path:
    if name in BINAIRES:
        return BINAIRES[name]
    group = CAS.INVALIDES if name in CAS.INVALIDES else CAS.TOLERES
    out.mkdir(parents=True, exist_ok=True)
    return group[name](base, out)


@pytest.mark.parametrize("name", sorted(ATTENDUS["invalides"]))
def test_classeur_refuse(name, classeur_minimal, tmp_path):
    folder = _copy(MINIMAL, tmp_path / "data")
    before = _snapshot(folder)
    path = _fichier_du_cas(name, classeur_minimal, tmp_path / "cas")
    result = import_workbook(path, folder, "data")
    assert sorted(str(p) for p in result.problems) == sorted(ATTENDUS["invalides"][name])
    assert result.errors and result.written == []
    assert _snapshot(folder) == before  # nothing written, no temporary file left


@pytest.mark.parametrize("name", sorted(ATTENDUS["toleres"]))
def test_classeur_tolere(name, classeur_minimal, tmp_path):
    folder = _copy(MINIMAL, tmp_path / "data")
    before = _snapshot(folder)
    path = _fichier_du_cas(name, classeur_minimal, tmp_path / "cas")
    result = import_workbook(path, folder, "data")
    assert sorted(str(p) for p in result.problems) == sorted(ATTENDUS["toleres"][name])
    assert not result.errors
    assert result.changes == []  # read exactly as the values already in the files
    assert _snapshot(folder) == before


def test_messages_en_francais():
    for group in ("invalides", "toleres"):
        for name, lines in ATTENDUS[group].items():
            for line in lines:
                words = re.sub(r"« [^»]* »", "", line)  # values and names quoted
                assert not ENGLISH.search(words), (name, line)


def test_toutes_les_erreurs_a_la_fois():
    lines = ATTENDUS["invalides"]["trois-erreurs-trois-feuilles"]
    assert len(lines) == 3
    assert {line.split(",")[0] for line in lines} == {
        "Feuille « 0.2 Municipalités du territoire »", "Feuille « 3.2 Besoins »",
        "Feuille « 7.1 Indicateurs »"}


def test_chaque_message_nomme_feuille_ligne_colonne_et_valeur():
    cells = [line for lines in ATTENDUS["invalides"].values() for line in lines
             if ", colonne « " in line]
    assert len(cells) >= 12
    for line in cells:
        assert re.match(r"^Feuille « [^»]+ », ligne \d+, colonne « [^»]+ » : ", line), line


def test_une_valeur_tolérée_nouvelle_est_ecrite_comme_un_auteur_l_ecrirait(
        classeur_minimal, tmp_path):
    folder = _copy(MINIMAL, tmp_path / "data")
    book = openpyxl.load_workbook(classeur_minimal)
    diffusion = book["8.3 Diffusion"]
    diffusion["C2"] = 46340  # a serial: 2026-11-14
    diffusion["C2"].number_format = "General"
    budget = book["2.1 Budget de la démarche"]
    budget["B2"] = "17 500 $"
    path = tmp_path / "t.xlsx"
    book.save(path)
    result = import_workbook(path, folder, "data")
    assert not result.errors
    assert "    date: 2026-11-14\n" in (folder / "08-redaction-approbation-diffusion.yml").read_text()
    # the file wrote « 15 000 $ »: the new amount keeps that style
    assert "    montant: 17 500 $\n" in (folder / "02-financement.yml").read_text()


# --- la commande ---------------------------------------------------------------------------------

def test_pnt_importer_refuse_et_n_ecrit_rien(classeur_minimal, tmp_path):
    folder = _copy(MINIMAL, tmp_path / "data")
    before = _snapshot(folder)
    path = CAS.INVALIDES["trois-erreurs-trois-feuilles"](classeur_minimal, tmp_path)
    result = pnt(["importer", str(path), "--dossier", str(folder)], tmp_path)
    assert result.returncode == 1
    for line in ATTENDUS["invalides"]["trois-erreurs-trois-feuilles"]:
        assert f"Erreur : {line}" in result.stdout
    assert "3 erreurs, 0 avertissement." in result.stdout
    assert "Rien n'a été écrit" in result.stdout
    assert result.stderr == ""
    assert _snapshot(folder) == before


def test_pnt_importer_essai_puis_pour_vrai(classeur_minimal, tmp_path):
    folder = _copy(MINIMAL, tmp_path / "data")
    before = _snapshot(folder)
    book = openpyxl.load_workbook(classeur_minimal)
    book["3.2 Besoins"]["G3"] = 3
    path = tmp_path / "edit.xlsx"
    book.save(path)
    trial = pnt(["importer", str(path), "--dossier", str(folder), "--essai"], tmp_path)
    assert trial.returncode == 0, trial.stdout + trial.stderr
    assert "03-besoins.yml — Besoins : 1 ligne modifiée" in trial.stdout
    assert "Essai seulement : rien n'a été écrit." in trial.stdout
    assert _snapshot(folder) == before
    real = pnt(["importer", str(path), "--dossier", str(folder)], tmp_path)
    assert real.returncode == 0 and "Importation réussie : 1 fichier mis à jour" in real.stdout
    assert "    priorite: 3\n" in (folder / "03-besoins.yml").read_text()
    again = pnt(["importer", str(path), "--dossier", str(folder)], tmp_path)
    assert "Aucun changement" in again.stdout


def test_pnt_importer_fichier_introuvable(tmp_path):
    result = pnt(["importer", str(tmp_path / "absent.xlsx"), "--dossier",
                  str(tmp_path / "data")], tmp_path)
    assert result.returncode == 1
    assert "Fichier « absent.xlsx » : fichier introuvable" in result.stdout
    assert "Traceback" not in result.stderr


def test_valeurs_piegees_font_l_aller_retour(tmp_path):
    """Espaces insécables, doubles espaces, #, :, guillemets, @, * et accolades :
    relus à l'identique, que le fichier soit réécrit ou non."""
    folder = _copy(MINIMAL, tmp_path / "data")
    path = folder / "03-besoins.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("enonce: Former les aînés aux services en ligne.",
                        "enonce: \"@aînés : « 25\u00a0000 $ »  #1 {{ x }} *gras* 'oui'\"")
    path.write_text(text, encoding="utf-8")
    assert not load_folder(folder, "data").errors
    _aller_retour(folder, tmp_path)
    workbook = tmp_path / "x.xlsx"
    write_workbook(workbook, load_folder(folder, "data").data)
    book = openpyxl.load_workbook(workbook)
    book["3.2 Besoins"]["G2"] = 2  # forces 03-besoins.yml to be rewritten
    book["3.2 Besoins"]["B4"] = "no"
    for column, value in enumerate(["B-03", "08", "population", "usages", None, None, 3],
                                   start=1):
        book["3.2 Besoins"].cell(4, column, value)
    book.save(workbook)
    result = import_workbook(workbook, folder, "data")
    assert [str(p) for p in result.errors] == []
    loaded = load_folder(folder, "data")
    needs = {b["id"]: b for b in loaded.data["besoins"]}
    assert needs["B-02"]["enonce"] == "@aînés : « 25\u00a0000 $ »  #1 {{ x }} *gras* 'oui'"
    assert needs["B-03"]["enonce"] == "08"
    assert '    enonce: "08"\n' in path.read_text(encoding="utf-8")
