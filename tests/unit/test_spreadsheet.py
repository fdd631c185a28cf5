"""The grids in a workbook (spreadsheet/): what the committee sees, what comes back.

The exported workbook is opened with openpyxl (sheets, headings, notes,
drop-down lists, formats, frozen panes, instructions), imported again, and
the YAML files written are read. Each malformed workbook is a case of
``tests/fixtures/classeurs/`` (made by ``cas.py``, or a file of
``fichiers/``), with its exact messages in ``attendus.yml``.
"""

from __future__ import annotations

import datetime
import difflib
import importlib.util
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
import yaml

from conftest import FIXTURES, ROOT
from support import (FORMULA_STARTS, assert_round_trip, fill_row, formula_like,
                     write_formula_like_plan)

from macros.plan.catalog import GRIDS
from macros.plan.kinds import BOOLEAN, CHOICE, REF
from macros.plan.kinds.base import AMOUNT_FORMAT, DATE_FORMAT, INTEGER_FORMAT, TEXT_FORMAT
from macros.reading.loader import load_folder
from macros.spreadsheet.export import write_workbook
from macros.spreadsheet.importing import import_workbook
from macros.spreadsheet.layout import INSTRUCTIONS, LISTS, sheet_specs
from macros.spreadsheet.yamlmerge import _yaml

WORKBOOKS = FIXTURES / "classeurs"
FILES = WORKBOOKS / "fichiers"
MINIMAL = FIXTURES / "minimal"
EXAMPLE_DIR = ROOT / "exemple"
ENGLISH = re.compile(
    r"\b(expected|found|mapping|scalar|sequence|line|column|while|could|token|"
    r"unexpected|stream|indicator|block|alias|error|not allowed|key|value|"
    r"character|none|true|false|null|sheet|workbook|cell|row|traceback)\b",
    re.IGNORECASE,
)


def _cases_module():
    spec = importlib.util.spec_from_file_location("cas_classeurs", WORKBOOKS / "cas.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CASES = _cases_module()
EXPECTED = yaml.safe_load((WORKBOOKS / "attendus.yml").read_text(encoding="utf-8"))
BINARIES = {path.stem: path for path in sorted(FILES.iterdir())}


def _snapshot(folder: Path) -> dict:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _copy(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target


@pytest.fixture(scope="module")
def example_workbook(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("classeur") / "exemple.xlsx"
    write_workbook(path, load_folder(EXAMPLE_DIR, "exemple", True).data)
    return path


@pytest.fixture(scope="module")
def book(example_workbook):
    return openpyxl.load_workbook(example_workbook)


@pytest.fixture(scope="module")
def minimal_workbook(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("minimal") / "minimal.xlsx"
    write_workbook(path, load_folder(MINIMAL, "data").data)
    return path


# --- the export: what the committee opens -------------------------------------------------

def test_one_sheet_per_grid_in_the_order_of_the_steps(book):
    names = [spec.name for spec in sheet_specs()]
    assert book.sheetnames == [INSTRUCTIONS, *names, LISTS]
    assert book[LISTS].sheet_state == "hidden"
    assert all(len(name) <= 31 for name in book.sheetnames)
    grids = [spec.grid.key for spec in sheet_specs() if spec.sublist is None]
    assert grids == list(GRIDS)  # every grid, in the catalog's order
    assert "6.2 Partenaires des projets" in names and "6.2 Financement des projets" in names


def test_headings_and_help_notes_come_from_the_catalog(book):
    for spec in sheet_specs():
        sheet = book[spec.name]
        headings = [c.value for c in sheet[1]]
        assert headings == [c.label for c in spec.columns], spec.name
        for cell, column in zip(sheet[1], spec.columns):
            note = cell.comment.text
            assert note.startswith(column.help.replace(" entre guillemets", "")), column.key
            assert ("Obligatoire." if column.required else "Facultatif.") in note
            assert cell.font.b
    note = book["3.2 Besoins"]["G1"].comment.text
    assert "Valeurs permises : 1, 2, 3 (liste déroulante)." in note
    assert "Identifiants de la feuille « 3.1 Consultations »." in book["3.2 Besoins"]["E1"].comment.text


def _validation_for(sheet, letter: str):
    for validation in sheet.data_validations.dataValidation:
        if any(re.match(rf"^{letter}2(:|$)", str(r)) for r in validation.sqref.ranges):
            return validation
    return None


def _list_values(book, formula: str) -> list:
    if formula.startswith('"'):
        return formula.strip('"').split(",")
    sheet_part, cells = formula.rsplit("!", 1)
    sheet = book[sheet_part.strip("'")]
    first, last = cells.replace("$", "").split(":")
    return [str(c.value) for row in sheet[first:last] for c in row]


def test_drop_down_lists_of_permitted_values(book):
    from openpyxl.utils import get_column_letter

    checked = 0
    for spec in sheet_specs():
        sheet = book[spec.name]
        for index, column in enumerate(spec.columns, start=1):
            validation = _validation_for(sheet, get_column_letter(index))
            if column.kind is CHOICE:
                assert validation is not None and validation.type == "list", column.key
                # « inconnu » is offered too: the fact exists, the source does not give it.
                assert _list_values(book, validation.formula1) == [
                    str(c) for c in column.choices] + ["inconnu"], (spec.name, column.key)
                assert validation.error.startswith("Choisir une valeur dans la liste")
                checked += 1
            elif column.kind is BOOLEAN:
                assert _list_values(book, validation.formula1) == ["oui", "non", "inconnu"]
            elif column.kind is REF:
                target = [s for s in sheet_specs() if s.grid.key == column.target
                          and s.sublist is None][0]
                assert validation.formula1.startswith(f"'{target.name}'!$"), column.key
    assert checked >= 25
    statut = _validation_for(book["9.2 Programmation annuelle"], "G")
    assert _list_values(book, statut.formula1) == [
        "à venir", "en cours", "en retard", "terminée", "reportée", "abandonnée",
        "inconnu"]


def test_formats_of_dates_numbers_amounts_and_codes(book):
    consultations = book["3.1 Consultations"]
    assert consultations["B2"].value == "2024-09" and consultations["B2"].number_format == TEXT_FORMAT
    assert consultations["B3"].value == datetime.datetime(2024, 10, 8)
    assert consultations["B3"].number_format == DATE_FORMAT
    # Empty rows are text: « mars 2026 » typed there is never turned into a day.
    assert consultations["B40"].number_format == TEXT_FORMAT
    municipalites = book["0.2 Municipalités du territoire"]
    assert municipalites["B2"].value == "99005" and municipalites["B2"].number_format == "@"
    assert municipalites["C2"].value == 12140 and municipalites["C2"].number_format == INTEGER_FORMAT
    budget = book["2.1 Budget de la démarche"]
    assert budget["B2"].value == 58000 and budget["B2"].number_format == AMOUNT_FORMAT
    assert budget["B5"].value == "18 000 – 22 000 $"
    orientations = book["6.1 Orientations"]
    objectifs = orientations["D2"]
    assert objectifs.value.split("\n") == [
        "Donner accès à 50/10 Mbit/s à 99 % des foyers d'ici 2029",
        "Réduire de 64 à 15 km les routes principales sans signal cellulaire"]
    assert objectifs.alignment.wrap_text
    assert book["3.2 Besoins"]["E2"].value == "C-01, C-04, C-05, C-06"
    mesures = book["10.1 Mesures des indicateurs"]
    assert mesures["C2"].value == 89.6


def test_frozen_panes_widths_and_filters(book):
    assert book["3.2 Besoins"].freeze_panes == "B2"  # header and ids stay visible
    assert book["1.3 Membres des instances"].freeze_panes == "A2"
    assert book["6.2 Financement des projets"].freeze_panes == "B2"
    assert book["0.1 Le territoire"].freeze_panes == "A2"
    besoins = book["3.2 Besoins"]
    assert besoins.column_dimensions["B"].width >= 30
    assert besoins.column_dimensions["A"].width >= 12
    assert besoins.auto_filter.ref.startswith("A1:H")  # 7 columns and the provenance


def test_instructions_sheet(book):
    sheet = book[INSTRUCTIONS]
    assert sheet["A1"].value == "Plan numérique territorial — MRC de la Vallée-des-Cèdres"
    text = "\n".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value)
    for words in ("obligatoires", "liste déroulante", "2026-03-15", "10 000 $ – 15 000 $",
                  "« .venv/bin/pnt importer classeur.xlsx »", "n'écrit rien", ".xlsx", "B-01, B-02",
                  "pas des formules", "précédé d'une apostrophe"):
        assert words in text, words
    links = {c.value: c.hyperlink.location for row in sheet.iter_rows() for c in row
             if c.hyperlink is not None}
    for spec in sheet_specs():
        assert links[spec.name] == f"'{spec.name}'!A1"


def test_pnt_exporter_blank(tmp_path, pnt_here):
    target = tmp_path / "vierge.xlsx"
    result = pnt_here(["exporter", str(target), "--vierge"], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Classeur écrit" in result.stdout and "0 ligne" in result.stdout
    book = openpyxl.load_workbook(target)
    for spec in sheet_specs():
        sheet = book[spec.name]
        assert [c.value for c in sheet[1]] == [c.label for c in spec.columns]
        assert all(v is None for row in sheet.iter_rows(min_row=2, values_only=True)
                   for v in row), spec.name
    assert book[INSTRUCTIONS]["A1"].value == "Plan numérique territorial — votre territoire"


def test_pnt_exporter_refuses_invalid_data(tmp_path, pnt_here):
    folder = _copy(MINIMAL, tmp_path / "data")
    shutil.copyfile(FIXTURES / "invalides" / "priorite-hors-liste" / "03-besoins.yml",
                    folder / "03-besoins.yml")
    result = pnt_here(["exporter", str(tmp_path / "x.xlsx"), "--dossier", str(folder)], tmp_path)
    assert result.returncode == 1
    assert "« priorite » : « 4 » n'est pas une valeur permise" in result.stdout
    assert "Rien n'a été exporté" in result.stdout
    assert not (tmp_path / "x.xlsx").exists()


def test_pnt_exporter_refuses_another_format(tmp_path, pnt_here):
    result = pnt_here(["exporter", str(tmp_path / "grilles.xls")], tmp_path)
    assert result.returncode == 1
    assert "doit finir par .xlsx" in result.stdout and "Traceback" not in result.stderr


def test_pnt_exporter_leaves_a_protected_workbook_alone(tmp_path, pnt_here):
    target = tmp_path / "grilles.xlsx"
    target.write_bytes(b"ancien classeur")
    target.chmod(0o444)
    result = pnt_here(["exporter", str(target), "--vierge"], tmp_path)
    assert result.returncode == 1
    assert result.stdout == (
        f"Erreur : {target} ne peut être écrit (fichier protégé en écriture) : retirer "
        "la protection du fichier (Windows : Propriétés, décocher « Lecture seule ») ou "
        "le fermer s'il est ouvert dans un autre programme, puis relancer la commande. "
        "Rien n'a été modifié.\n")
    assert target.read_bytes() == b"ancien classeur"
    assert [p.name for p in tmp_path.iterdir()] == ["grilles.xlsx"]


# --- round trip without changes: byte for byte ---------------------------------------

def _round_trip(folder: Path, tmp_path: Path) -> None:
    assert_round_trip(folder, tmp_path)


def test_round_trip_of_the_example(tmp_path):
    _round_trip(_copy(EXAMPLE_DIR, tmp_path / "data"), tmp_path)


def test_round_trip_of_a_fresh_plan(fresh_project, tmp_path):
    _round_trip(_copy(fresh_project / "data", tmp_path / "data"), tmp_path)


def test_round_trip_of_a_plan_transcribed_from_a_real_document(tmp_path):
    """« inconnu » everywhere, former names and aliases, a period without end."""
    _round_trip(_copy(FIXTURES / "plan-reel", tmp_path / "data"), tmp_path)


def test_round_trip_of_the_yaml_traps(tmp_path):
    folder = _copy(MINIMAL, tmp_path / "data")
    for path in (FIXTURES / "pieges-yaml").iterdir():
        shutil.copyfile(path, folder / path.name)
    _round_trip(folder, tmp_path)


@pytest.mark.parametrize("source", ["exemple", "minimal", "pieges-yaml"])
def test_ruamel_rewrites_each_file_identically(source):
    """Even rewritten, a file keeps its comments, quotes, styles and `08`."""
    folder = EXAMPLE_DIR if source == "exemple" else FIXTURES / source
    for path in sorted(folder.glob("*.yml")):
        import io

        text = path.read_text(encoding="utf-8")
        handler = _yaml(text)
        stream = io.StringIO()
        handler.dump(handler.load(text), stream)
        assert stream.getvalue() == text, path.name


# --- changes in the workbook: exactly these changes ------------------------

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


def test_changes_arrive_exactly_as_made(example_workbook, tmp_path):
    folder = _copy(EXAMPLE_DIR, tmp_path / "data")
    before = _snapshot(folder)
    book = openpyxl.load_workbook(example_workbook)
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
    programmation.cell(row, 7, "en cours")  # statut terminée → en cours
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


def test_comments_and_schema_line_are_kept(example_workbook, tmp_path):
    """Adding a row at the end of a grid keeps the next grid's comment in
    place; deleting the last row of a group keeps its heading."""
    folder = _copy(EXAMPLE_DIR, tmp_path / "data")
    before = (folder / "09-mise-en-oeuvre.yml").read_text(encoding="utf-8")
    book = openpyxl.load_workbook(example_workbook)
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


def test_filled_blank_workbook_becomes_a_valid_plan(fresh_project, tmp_path):
    folder = _copy(fresh_project / "data", tmp_path / "data")
    before = _snapshot(folder)
    workbook = tmp_path / "plan.xlsx"
    write_workbook(workbook, load_folder(folder, "data").data)
    book = openpyxl.load_workbook(workbook)
    territory = book["0.1 Le territoire"]
    territory["C2"], territory["D2"] = "085", "Outaouais"
    fill_row(book["0.2 Municipalités du territoire"], 2, ["Ville-Alpha", "85005", 1250])
    fill_row(book["3.1 Consultations"], 2, [
        "C-01", datetime.datetime(2027, 2, 3), "forum", "Population", None, 80,
        "Premier constat.\n\nDeuxième constat."])
    fill_row(book["3.2 Besoins"], 2, ["B-01", "Internet partout", "population", "usages",
                                     "C-01", "Ville-Alpha", 1])
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


# --- malformed and imperfect workbooks -------------------------------------------------

def test_each_case_has_its_expected_messages():
    refused = set(CASES.INVALIDES) | set(BINARIES)
    assert not set(CASES.INVALIDES) & set(BINARIES)
    assert sorted(EXPECTED["invalides"]) == sorted(refused)
    assert sorted(EXPECTED["toleres"]) == sorted(CASES.TOLERES)
    assert not set(CASES.TOLERES) & refused
    for name, lines in EXPECTED["invalides"].items():
        assert isinstance(lines, list) and lines, name
    for name, lines in EXPECTED["toleres"].items():
        assert isinstance(lines, list), name
    assert len(refused) >= 10 and len(CASES.TOLERES) >= 7


def _case_file(name: str, base: Path, out: Path) -> Path:
    if name in BINARIES:
        return BINARIES[name]
    group = CASES.INVALIDES if name in CASES.INVALIDES else CASES.TOLERES
    out.mkdir(parents=True, exist_ok=True)
    return group[name](base, out)


@pytest.mark.parametrize("name", sorted(EXPECTED["invalides"]))
def test_workbook_refused(name, minimal_workbook, tmp_path):
    folder = _copy(MINIMAL, tmp_path / "data")
    before = _snapshot(folder)
    path = _case_file(name, minimal_workbook, tmp_path / "cas")
    result = import_workbook(path, folder, "data")
    assert sorted(str(p) for p in result.problems) == sorted(EXPECTED["invalides"][name])
    assert result.errors and result.written == []
    assert _snapshot(folder) == before  # nothing written, no temporary file left


@pytest.mark.parametrize("name", sorted(EXPECTED["toleres"]))
def test_workbook_tolerated(name, minimal_workbook, tmp_path):
    folder = _copy(MINIMAL, tmp_path / "data")
    before = _snapshot(folder)
    path = _case_file(name, minimal_workbook, tmp_path / "cas")
    result = import_workbook(path, folder, "data")
    assert sorted(str(p) for p in result.problems) == sorted(EXPECTED["toleres"][name])
    assert not result.errors
    assert result.changes == []  # read exactly as the values already in the files
    assert _snapshot(folder) == before


def test_messages_are_french():
    for group in ("invalides", "toleres"):
        for name, lines in EXPECTED[group].items():
            for line in lines:
                words = re.sub(r"« [^»]* »", "", line)  # values and names quoted
                assert not ENGLISH.search(words), (name, line)


def test_every_error_at_once():
    lines = EXPECTED["invalides"]["trois-erreurs-trois-feuilles"]
    assert len(lines) == 3
    assert {line.split(",")[0] for line in lines} == {
        "Feuille « 0.2 Municipalités du territoire »", "Feuille « 3.2 Besoins »",
        "Feuille « 7.1 Indicateurs »"}


def test_each_message_names_sheet_row_column_and_value():
    cells = [line for lines in EXPECTED["invalides"].values() for line in lines
             if ", colonne « " in line]
    assert len(cells) >= 12
    for line in cells:
        assert re.match(r"^Feuille « [^»]+ », ligne \d+, colonne « [^»]+ » : ", line), line


def test_a_new_tolerated_value_is_written_as_an_author_would(
        minimal_workbook, tmp_path):
    folder = _copy(MINIMAL, tmp_path / "data")
    book = openpyxl.load_workbook(minimal_workbook)
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


# --- the command ---------------------------------------------------------------------------------

def test_pnt_importer_refuses_and_writes_nothing(minimal_workbook, tmp_path, pnt_here):
    folder = _copy(MINIMAL, tmp_path / "data")
    before = _snapshot(folder)
    path = CASES.INVALIDES["trois-erreurs-trois-feuilles"](minimal_workbook, tmp_path)
    result = pnt_here(["importer", str(path), "--dossier", str(folder)], tmp_path)
    assert result.returncode == 1
    for line in EXPECTED["invalides"]["trois-erreurs-trois-feuilles"]:
        assert f"Erreur : {line}" in result.stdout
    assert "3 erreurs, 0 avertissement." in result.stdout
    assert "Rien n'a été écrit" in result.stdout
    assert result.stderr == ""
    assert _snapshot(folder) == before


def test_pnt_importer_trial_then_for_real(minimal_workbook, tmp_path, pnt_here):
    folder = _copy(MINIMAL, tmp_path / "data")
    before = _snapshot(folder)
    book = openpyxl.load_workbook(minimal_workbook)
    book["3.2 Besoins"]["G3"] = 3
    path = tmp_path / "edit.xlsx"
    book.save(path)
    trial = pnt_here(["importer", str(path), "--dossier", str(folder), "--essai"], tmp_path)
    assert trial.returncode == 0, trial.stdout + trial.stderr
    assert "03-besoins.yml — Besoins : 1 ligne modifiée" in trial.stdout
    assert "Essai seulement : rien n'a été écrit." in trial.stdout
    assert _snapshot(folder) == before
    real = pnt_here(["importer", str(path), "--dossier", str(folder)], tmp_path)
    assert real.returncode == 0 and "Importation réussie : 1 fichier mis à jour" in real.stdout
    assert "    priorite: 3\n" in (folder / "03-besoins.yml").read_text()
    again = pnt_here(["importer", str(path), "--dossier", str(folder)], tmp_path)
    assert "Aucun changement" in again.stdout


def test_pnt_importer_changes_no_file_when_one_cannot_be_written(
        minimal_workbook, tmp_path, pnt_here):
    """Three files to change, the second protected: none changes, in French."""
    folder = _copy(MINIMAL, tmp_path / "data")
    book = openpyxl.load_workbook(minimal_workbook)
    book["3.2 Besoins"]["G3"] = 3
    book["6.2 Projets prioritaires"]["B2"] = "Fibre optique pour Lac-Bêta"
    book["9.1 Ressources"]["B2"] = "2 jours par semaine"
    path = tmp_path / "trois-fichiers.xlsx"
    book.save(path)
    trial = pnt_here(["importer", str(path), "--dossier", str(folder), "--essai"], tmp_path)
    assert trial.stdout.count(".yml — ") == 3, trial.stdout
    (folder / "06-projets-prioritaires.yml").chmod(0o444)
    before = _snapshot(folder)
    result = pnt_here(["importer", str(path), "--dossier", str(folder)], tmp_path)
    assert result.returncode == 1
    assert (f"Erreur : {folder}/06-projets-prioritaires.yml : le fichier ne peut être "
            "écrit (fichier protégé en écriture) ; aucun fichier n'a été modifié : "
            "retirer la protection du fichier (Windows : Propriétés, décocher « Lecture "
            "seule ») ou le fermer s'il est ouvert dans un autre programme, puis "
            "relancer l'importation") in result.stdout
    assert f"Rien n'a été écrit : les fichiers de {folder}/ sont tels qu'avant." \
        in result.stdout
    assert result.stderr == ""
    assert _snapshot(folder) == before


def test_pnt_importer_missing_file(tmp_path, pnt_here):
    result = pnt_here(["importer", str(tmp_path / "absent.xlsx"), "--dossier",
                  str(tmp_path / "data")], tmp_path)
    assert result.returncode == 1
    assert "Fichier « absent.xlsx » : fichier introuvable" in result.stdout
    assert "Traceback" not in result.stderr


def test_pnt_importer_waits_for_a_missing_dash_to_be_fixed(minimal_workbook, tmp_path,
                                                           pnt_here):
    """A data file whose rows merged (a dash forgotten) is not rewritten: it is
    named, and nothing is written."""
    folder = _copy(MINIMAL, tmp_path / "data")
    shutil.copyfile(FIXTURES / "invalides" / "tiret-oublie-devant-une-ligne"
                    / "07-preparation-evaluation.yml", folder / "07-preparation-evaluation.yml")
    before = _snapshot(folder)
    book = openpyxl.load_workbook(minimal_workbook)
    book["7.2 Mécanismes de suivi"]["B2"] = "Suit chaque projet"
    path = tmp_path / "edit.xlsx"
    book.save(path)
    result = pnt_here(["importer", str(path), "--dossier", str(folder)], tmp_path)
    assert result.returncode == 1
    assert (f"Erreur : {folder}/07-preparation-evaluation.yml, ligne 31 : il manque sans "
            "doute le tiret « - » au début de la ligne 31") in result.stdout
    assert "corriger ce fichier (« make verifier ») avant d'importer" in result.stdout
    assert result.stderr == ""
    assert _snapshot(folder) == before


def test_trapped_values_make_the_round_trip(tmp_path):
    """No-break spaces, double spaces, #, :, quotes, @, * and braces: read back
    identical, whether the file is rewritten or not."""
    folder = _copy(MINIMAL, tmp_path / "data")
    path = folder / "03-besoins.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("enonce: Former les aînés aux services en ligne.",
                        "enonce: \"@aînés : « 25\u00a0000 $ »  #1 {{ x }} *gras* 'oui'\"")
    path.write_text(text, encoding="utf-8")
    assert not load_folder(folder, "data").errors
    _round_trip(folder, tmp_path)
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


# --- texts that look like formulas ---------------------------------------------------------

@pytest.fixture()
def formula_like_folder(tmp_path) -> Path:
    folder = tmp_path / "data"
    write_formula_like_plan(EXAMPLE_DIR, folder)
    assert not load_folder(folder, "data").problems
    return folder


def _text_cells(path: Path) -> list:
    """Every cell of the grid sheets that holds a text starting with = + - @."""
    book = openpyxl.load_workbook(path)
    return [cell for sheet in book.worksheets if sheet.title not in (INSTRUCTIONS, LISTS)
            for row in sheet.iter_rows(min_row=2) for cell in row
            if isinstance(cell.value, str) and cell.value[:1] in FORMULA_STARTS]


def test_texts_like_formulas_are_written_as_texts(formula_like_folder, tmp_path):
    workbook = tmp_path / "formules.xlsx"
    write_workbook(workbook, load_folder(formula_like_folder, "data").data)
    cells = _text_cells(workbook)
    assert len(cells) > 100
    assert {cell.data_type for cell in cells} == {"s"}
    assert all(cell.quotePrefix for cell in cells)
    with zipfile.ZipFile(workbook) as archive:
        sheets = [archive.read(n) for n in archive.namelist()
                  if n.startswith("xl/worksheets/")]
    assert not any(re.search(rb"<f[ >]", xml) for xml in sheets)


def test_round_trip_of_texts_like_formulas(formula_like_folder, tmp_path):
    _round_trip(formula_like_folder, tmp_path)
    needs = load_folder(formula_like_folder, "data").data["besoins"]
    example = load_folder(EXAMPLE_DIR, "exemple", True).data["besoins"]
    assert [n["enonce"] for n in needs] == [formula_like(n["enonce"]) for n in example]
