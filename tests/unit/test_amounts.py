"""Amounts as people write them (plan/values.py, plan/kinds/numbers.py).

« 11,6 M$ », « 250 k$ », « environ 3,5 M$ », « plus de 4 M$ », « moins de
50 000 $ », « 1 à 2 M$ »: read, shown as written (never « 11 600 000 $ »,
never a range's middle), added up with the right word, published with their
bounds and their text, and written back to a workbook and a YAML file
exactly as the author typed them. The messages of ``tests/fixtures/invalides/``
cover the mistakes a file can hold; the ones here are a reader's own.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import jsonschema
import openpyxl
import pytest

from conftest import FIXTURES
from support import assert_round_trip

from macros.outputs import schemas
from macros.outputs.opendata import published_files
from macros.plan import kinds
from macros.plan.catalog import GRIDS
from macros.plan.values import Amount, ValueIssue, read_amount
from macros.reading.loader import load_folder
from macros.spreadsheet.export import write_workbook
from macros.spreadsheet.importing import import_workbook

NBSP, NNBSP = "\u00a0", "\u202f"
MINIMAL = FIXTURES / "minimal"
BUDGET = GRIDS["budget"].column("montant")


def plain(text: str) -> str:
    """French typography undone, to compare with what an author types."""
    return text.replace(NBSP, " ").replace(NNBSP, " ")


# --- reading and showing ------------------------------------------------------------------

@pytest.mark.parametrize("typed, shown", [
    ("11,6 M$", "11,6 M$"),
    ("30 000 $", "30 000 $"),
    ("250 k$", "250 k$"),
    ("250 K$", "250 k$"),
    ("1,2 G$", "1,2 G$"),
    ("11,6 M $", "11,6 M$"),
    ("environ 3,5 M$", "environ 3,5 M$"),
    ("Environ 3,5 M$", "environ 3,5 M$"),
    ("près de 2 M$", "près de 2 M$"),
    ("plus de 4 M$", "plus de 4 M$"),
    ("Au moins 4 M$", "au moins 4 M$"),
    ("moins de 50 000 $", "moins de 50 000 $"),
    ("jusqu’à 50 k$", "jusqu'à 50 k$"),
    ("10 000 – 15 000 $", "10 000 $ – 15 000 $"),
    ("1 à 2 M$", "1 M$ – 2 M$"),
    ("1 M$ - 2 M$", "1 M$ – 2 M$"),
    ("500 k$ – 1,2 M$", "500 k$ – 1,2 M$"),
    ("500 000 $ – 2 M$", "500 000 $ – 2 M$"),
])
def test_an_amount_is_shown_as_written(typed, shown):
    assert plain(read_amount(typed).french) == shown


def test_french_typography_of_a_written_amount():
    assert read_amount("11,6 M$").french == f"11,6{NBSP}M$"
    assert read_amount("environ 3,5 M$").french == f"environ 3,5{NBSP}M$"
    assert read_amount("moins de 50 000 $").french == f"moins de 50{NNBSP}000{NBSP}$"
    assert read_amount("1 à 2 M$").french == f"1{NBSP}M$ – 2{NBSP}M$"


def test_millions_are_never_spelled_out_in_dollars():
    amount = read_amount("11,6 M$")
    assert (amount.low, amount.high) == (11_600_000, 11_600_000)
    assert "600" not in amount.french and "600" not in amount.short


@pytest.mark.parametrize("typed, low, high, middle", [
    ("11,6 M$", 11_600_000, 11_600_000, 11_600_000),
    ("environ 3,5 M$", 3_500_000, 3_500_000, 3_500_000),
    ("plus de 4 M$", 4_000_000, 4_000_000, 4_000_000),
    ("moins de 50 000 $", 0, 50_000, 25_000),
    ("1 à 2 M$", 1_000_000, 2_000_000, 1_500_000),
    ("0,1 M$", 100_000, 100_000, 100_000),
])
def test_numeric_consumers_get_dollars(typed, low, high, middle):
    amount = read_amount(typed)
    assert (amount.low, amount.high, amount.middle) == (low, high, middle)


def test_what_a_word_says_about_the_bounds():
    about, more, less = (read_amount(t) for t in ("environ 3,5 M$", "plus de 4 M$",
                                                   "moins de 50 000 $"))
    assert about.is_approximate and about.has_upper_bound and about.has_lower_bound
    assert not more.is_approximate and not more.has_upper_bound and more.has_lower_bound
    assert not less.is_approximate and less.has_upper_bound and not less.has_lower_bound
    assert read_amount("11,6 M$").is_exact and not read_amount("11,6 M$").is_plain
    assert read_amount("25 000 $").is_plain


@pytest.mark.parametrize("typed, message", [
    ("15 000 dollars", "« 15 000 dollars » : « dollars » n'est pas une unité de montant ; "
                       "écrire $, k$ (milliers), M$ (millions) ou G$ (milliards), p. ex. "
                       "25 000 $, 250 k$ ou 11,6 M$"),
    ("2 millions", "« 2 millions » : « millions » n'est pas une unité de montant"),
    ("Environ", "« Environ » : il manque le montant après « environ » (p. ex. environ "
                "3,5 M$)"),
    ("environ 1 à 2 M$", "« environ 1 à 2 M$ » : « environ » va devant un seul montant "
                         "(p. ex. environ 4 M$) ; une fourchette s'écrit sans « environ » "
                         "(p. ex. 4 M$ – 5 M$)"),
    ("environ quinze mille", "« environ quinze mille » n'est pas un montant (écrire par "
                             "exemple 25 000 $, 11,6 M$, environ 3,5 M$ ou une fourchette"),
    ("environnement", "« environnement » n'est pas un montant"),
    ("5 000 G$", "« 5 000 G$ » dépasse mille milliards de dollars"),
    ("-2 M$", "« -2 M$ » : un montant ne peut être négatif"),
    ("1,500 k$", "« 1,500 k$ » est ambigu"),
])
def test_a_mistake_is_named_in_french_with_what_to_write(typed, message):
    with pytest.raises(ValueIssue) as issue:
        read_amount(typed)
    assert str(issue.value).startswith(message)


def test_long_runs_are_read_in_one_pass():
    """A backtracking pattern would not return on these."""
    run = 200_000
    for text in ("environ" + " " * run + "x", "1" * run + " M$x", "plus de " + "1 " * run):
        with pytest.raises(ValueIssue):
            read_amount(text)
    pattern = kinds.AMOUNT.input_schema(BUDGET, schemas._Typed)["pattern"]
    assert not re.search(pattern, "1 " * run + "x")
    assert not re.search(pattern, "environ " + "1 " * run + "x")


# --- totals ----------------------------------------------------------------------------------

def total(*typed) -> str:
    return plain(Amount.total(read_amount(t) for t in typed).french)


@pytest.mark.parametrize("parts, shown", [
    (("11,6 M$", "3 M$"), "14,6 M$"),
    (("11,6 M$", "250 k$"), "11 850 000 $"),
    (("10 000 – 15 000 $", "5 000 $"), "15 000 $ – 20 000 $"),
    (("environ 3,5 M$", "500 000 $"), "environ 4 000 000 $"),
    (("près de 2 M$", "près de 1 M$"), "environ 3 M$"),
    (("1 à 2 M$", "environ 500 k$"), "environ 1 500 000 $ – 2 500 000 $"),
    (("plus de 4 M$", "1 M$"), "plus de 5 M$"),
    (("plus de 4 M$", "au moins 1 M$", "environ 1 M$"), "au moins 6 M$"),
    (("moins de 50 000 $", "moins de 20 000 $"), "moins de 70 000 $"),
    (("moins de 50 000 $", "jusqu'à 20 000 $"), "jusqu'à 70 000 $"),
    (("moins de 50 000 $", "100 000 $"), "100 000 $ – 150 000 $"),
])
def test_a_total_says_how_exact_it_is(parts, shown):
    assert total(*parts) == shown


def test_a_total_of_exact_amounts_stays_exact():
    assert total("25 000 $", "7 500 $") == "32 500 $"
    assert Amount.total([]).french == f"0{NBSP}$"


# --- open data -------------------------------------------------------------------------------

@pytest.mark.parametrize("typed, row, published", [
    ("25 000 $", ["25000", "25000", "25 000 $"],
     {"min": 25000, "max": 25000, "approximatif": False, "texte": "25 000 $"}),
    ("Environ 3,5 M$", ["3500000", "3500000", "environ 3,5 M$"],
     {"min": 3500000, "max": 3500000, "approximatif": True, "texte": "environ 3,5 M$"}),
    ("plus de 4 M$", ["4000000", "", "plus de 4 M$"],
     {"min": 4000000, "max": None, "approximatif": False, "texte": "plus de 4 M$"}),
    ("moins de 50 000 $", ["", "50000", "moins de 50 000 $"],
     {"min": None, "max": 50000, "approximatif": False, "texte": "moins de 50 000 $"}),
    ("1 à 2 M$", ["1000000", "2000000", "1 M$ – 2 M$"],
     {"min": 1000000, "max": 2000000, "approximatif": False, "texte": "1 M$ – 2 M$"}),
])
def test_csv_and_json_keep_the_bounds_and_the_text(typed, row, published):
    value = kinds.AMOUNT.read(typed, BUDGET)
    assert [name for name, _ in kinds.AMOUNT.csv_fields(BUDGET)] == [
        "montant_min", "montant_max", "montant_texte"]
    assert kinds.AMOUNT.csv_values(value, BUDGET) == row
    assert kinds.AMOUNT.json_value(value, BUDGET, None) == published
    jsonschema.validate(published, kinds.AMOUNT.data_schema(BUDGET, None))


def _minimal_with(tmp_path: Path, replacements: dict) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(MINIMAL, folder)
    for name, pairs in replacements.items():
        text = (folder / name).read_text(encoding="utf-8")
        for old, new in pairs:
            assert text.count(old) == 1, old
            text = text.replace(old, new)
        (folder / name).write_text(text, encoding="utf-8")
    loaded = load_folder(folder, "data")
    assert [str(p) for p in loaded.problems] == []
    return folder


WRITTEN = {
    "02-financement.yml": [("    montant: 15 000 $", "    montant: Environ 15 k$"),
                           ("    montant: 5 000 – 8 000 $", "    montant: 5 000 à 8 000 $"),
                           ("    montant: 20 000 $", "    montant: plus de 20 000 $")],
    "06-projets-prioritaires.yml": [("    cout: 120 000 $", "    cout: 0,12 M$")],
}


def test_published_files_say_what_was_written(tmp_path):
    folder = _minimal_with(tmp_path, WRITTEN)
    files = published_files(load_folder(folder, "data").data)

    def table(name):
        content = next(f for f in files if f.name == name).content
        return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))

    budget = table("budget.csv")
    assert [(r["montant_min"], r["montant_max"], r["montant_texte"]) for r in budget] == [
        ("15000", "15000", "environ 15 k$"), ("5000", "8000", "5 000 $ – 8 000 $")]
    sources = table("sources.csv")
    assert (sources[0]["montant_min"], sources[0]["montant_max"]) == ("20000", "")
    plan = json.loads(next(f for f in files if f.name == "plan.json").content)
    assert plan["grilles"]["budget"][0]["montant"] == {
        "min": 15000, "max": 15000, "approximatif": True, "texte": "environ 15 k$"}
    assert plan["grilles"]["projets"][0]["cout"]["texte"] == "0,12 M$"
    schema = json.loads(next(f for f in files if f.name == "plan.schema.json").content)
    jsonschema.Draft202012Validator(schema).validate(plan)


# --- the workbook and the YAML files ------------------------------------------------------------

def test_workbook_cells_hold_exactly_what_was_typed(tmp_path):
    folder = _minimal_with(tmp_path, WRITTEN)
    workbook = tmp_path / "grilles.xlsx"
    write_workbook(workbook, load_folder(folder, "data").data)
    book = openpyxl.load_workbook(workbook)
    budget = book["2.1 Budget de la démarche"]
    assert [budget["B2"].value, budget["B3"].value] == ["Environ 15 k$", "5 000 à 8 000 $"]
    assert budget["B2"].data_type == "s" and budget["B2"].number_format == "@"
    assert book["2.2 Sources de financement"]["D2"].value == "plus de 20 000 $"


def test_written_amounts_make_the_round_trip_byte_for_byte(tmp_path):
    assert_round_trip(_minimal_with(tmp_path, WRITTEN), tmp_path)


def test_an_amount_typed_in_the_workbook_is_written_as_typed(tmp_path):
    folder = _minimal_with(tmp_path, {})
    workbook = tmp_path / "grilles.xlsx"
    write_workbook(workbook, load_folder(folder, "data").data)
    book = openpyxl.load_workbook(workbook)
    book["2.1 Budget de la démarche"]["B2"] = "Environ 3,5 M$"
    book["2.1 Budget de la démarche"]["B3"] = 17500
    book.save(workbook)
    result = import_workbook(workbook, folder, "data")
    assert [str(p) for p in result.errors] == []
    text = (folder / "02-financement.yml").read_text(encoding="utf-8")
    assert "    montant: Environ 3,5 M$\n" in text
    assert "    montant: 17 500 $\n" in text  # the file wrote « 5 000 – 8 000 $ »
    budget = load_folder(folder, "data").data["budget"]
    assert plain(budget[0]["montant"].french) == "environ 3,5 M$"


def test_the_editor_schema_takes_the_new_forms_and_not_the_slips():
    schema = kinds.AMOUNT.input_schema(BUDGET, schemas._Typed)
    for typed in ("11,6 M$", "250 k$", "Environ 3,5 M$", "près de 2 M$", "plus de 4 M$",
                  "moins de 50 000 $", "jusqu'à 1,2 G$", "1 à 2 M$", "500 k$ – 1,2 M$",
                  "10 000 – 15 000 $", 25000):
        jsonschema.validate(typed, schema)
    for slip in ("3,5 MM$", "environ", "plus de 4 M$ – 5 M$", "à déterminer"):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(slip, schema)
