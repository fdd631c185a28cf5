"""Dates as people write them (plan/values.py, plan/kinds/dates.py, plan/french.py).

« 2016-03 », « mars 2016 », « 15 mars 2025 », « 1er mars 2025 », « automne
2011 », « vers octobre 2023 »: each is read in every date column, shown to
its precision (a month is never « 1er août »), put in a sentence with the
preposition that fits (« le 15 mars », « en mars », « à l'automne »), published
without losing its precision, and written back as the author typed it (YAML
and workbook). Year columns also take a month or a season; the annual
programming takes a span of years; the plan's period stays in four digits.
"""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import jsonschema
import openpyxl
import pytest

from conftest import FIXTURES
from macros.outputs import schemas
from macros.plan import french, kinds
from macros.plan.catalog import GRIDS
from macros.plan.followup import Reference, baseline_day, project_state
from macros.plan.values import PartialDate, ValueIssue, read_date, read_when
from macros.reading.loader import load_folder
from macros.spreadsheet.export import write_workbook
from macros.spreadsheet.importing import import_workbook
from macros.spreadsheet.yamlmerge import _yaml, new_map
from support import action, project

MINIMAL = FIXTURES / "minimal"
CONSULTATIONS = GRIDS["consultations"]
DATE_COLUMN = CONSULTATIONS.column("date")
YEAR_COLUMN = GRIDS["conditions"].column("annee")
YEARS_COLUMN = GRIDS["programmation"].column("annee")


# --- reading ---------------------------------------------------------------------------------

@pytest.mark.parametrize("typed, value, shown", [
    ("2016-03", PartialDate(2016, 3), "mars 2016"),
    ("mars 2016", PartialDate(2016, 3), "mars 2016"),
    ("15 mars 2025", PartialDate(2025, 3, 15), "15 mars 2025"),
    ("1er mars 2025", PartialDate(2025, 3, 1), "1er mars 2025"),
    ("1 mars 2025", PartialDate(2025, 3, 1), "1er mars 2025"),
    ("automne 2011", PartialDate(2011, season="automne"), "automne 2011"),
    ("vers octobre 2023", PartialDate(2023, 10, approximate=True), "vers octobre 2023"),
    ("vers 2016", PartialDate(2016, approximate=True), "vers 2016"),
    ("vers le 15 mars 2025", PartialDate(2025, 3, 15, approximate=True),
     "vers le 15 mars 2025"),
    ("vers l'automne 2011", PartialDate(2011, season="automne", approximate=True),
     "vers l'automne 2011"),
    ("vers le printemps 2012", PartialDate(2012, season="printemps", approximate=True),
     "vers le printemps 2012"),
    ("  Décembre   2022 ", PartialDate(2022, 12), "décembre 2022"),
])
def test_every_way_of_writing_a_date_is_read_and_shown_to_its_precision(typed, value,
                                                                        shown):
    assert read_date(typed) == value
    assert read_date(typed).french == shown
    assert read_date(shown) == value  # what the site shows reads back the same


@pytest.mark.parametrize("typed", ["fevrier 2025", "FÉVRIER 2025", "Février 2025",
                                   "févRIer 2025", "2025-2", "2025-02"])
def test_month_names_in_any_capitalisation_with_or_without_accents(typed):
    assert read_date(typed) == PartialDate(2025, 2)


def test_accents_and_the_first_of_the_month_in_other_words():
    assert read_date("15 aout 2023") == PartialDate(2023, 8, 15)
    assert read_date("1ᵉʳ août 2023") == PartialDate(2023, 8, 1)
    assert read_date("ete 2020") == PartialDate(2020, season="été")
    assert read_date("vers l’été 2020") == PartialDate(2020, season="été", approximate=True)


@pytest.mark.parametrize("typed, message", [
    ("vers", "« vers » : écrire la date après « vers » (p. ex. vers mars 2026)"),
    ("15 mars", "« 15 mars » : il manque l'année (écrire p. ex. 15 mars 2026)"),
    ("03/04/2026", "« 03/04/2026 » est ambigu (3 avril 2026 ou 4 mars 2026 ?) : écrire "
                   "l'année, le mois puis le jour (2026-04-03) ou la date en toutes lettres"),
    ("2021-2023", "« 2021-2023 » : écrire une seule date, pas une période (p. ex. 2021)"),
    ("jui 2023", "« jui 2023 » : « jui » n'est ni un mois ni une saison (écrire le mois en "
                 "toutes lettres, p. ex. mars 2026, ou la saison : automne 2026)"),
    ("32 mars 2025", "« 32 mars 2025 » : le 32 mars 2025 n'existe pas (mars 2025 compte "
                     "31 jours)"),
    ("mars 1850", "« mars 1850 » : l'année 1850 est invraisemblable"),
    ("vers 15/01/2026", "« vers 15/01/2026 » n'est pas une date : écrire le jour "
                        "(2026-03-15 ou 15 mars 2026), le mois (2026-03 ou mars 2026), la "
                        "saison (automne 2026) ou l'année (2026) ; « vers » devant une "
                        "date approximative (vers mars 2026)"),
])
def test_a_wrong_date_is_refused_with_what_to_write(typed, message):
    with pytest.raises(ValueIssue) as issue:
        kinds.DATE.read(typed, DATE_COLUMN)
    assert str(issue.value) == message


def test_year_columns_take_a_month_or_a_season_but_not_a_day():
    assert kinds.YEAR.read("automne 2023", YEAR_COLUMN) == PartialDate(2023, season="automne")
    assert kinds.YEAR.read("mars 2023", YEAR_COLUMN).french == "mars 2023"
    assert kinds.YEAR.read("2023", YEAR_COLUMN).year == 2023
    with pytest.raises(ValueIssue, match="n'est pas une année : écrire l'année"):
        kinds.YEAR.read("l'an dernier", YEAR_COLUMN)


def test_the_programming_takes_a_span_of_years_shown_and_ordered_by_its_first_year():
    span = kinds.YEARS.read("2021-2023", YEARS_COLUMN)
    assert span.french == "2021 à 2023" and (span.year, span.last_year) == (2021, 2023)
    assert kinds.YEARS.read("2021 – 2023", YEARS_COLUMN) == span
    assert kinds.YEARS.read("2021 au 2023", YEARS_COLUMN) == span
    assert kinds.YEARS.read("2023-2023", YEARS_COLUMN) == PartialDate(2023)
    years = [kinds.YEARS.read(t, YEARS_COLUMN) for t in ("2024", "2021-2023", "2022")]
    assert [y.french for y in sorted(years)] == ["2021 à 2023", "2022", "2024"]


def test_the_plan_period_stays_in_four_digits():
    column = GRIDS["territoire"].column("periode_debut")
    assert column.kind is kinds.PERIOD_YEAR
    assert column.kind.read("2026", column) == 2026
    with pytest.raises(ValueIssue, match="écrire quatre chiffres"):
        column.kind.read("automne 2026", column)


def test_dates_are_ordered_by_their_first_day_then_their_last():
    texts = ["automne 2011", "2011", "hiver 2011", "mars 2011", "1er mars 2011",
             "vers mars 2011", "été 2011", "2010"]
    ordered = [d.written for d in sorted(read_date(t) for t in texts)]
    assert ordered == ["2010", "hiver 2011", "2011", "1er mars 2011", "mars 2011",
                       "vers mars 2011", "été 2011", "automne 2011"]


def test_a_season_covers_its_days_and_winter_is_the_one_that_ends_in_its_year():
    assert read_date("automne 2011").first_date == datetime.date(2011, 9, 22)
    assert read_date("automne 2011").last_date == datetime.date(2011, 12, 20)
    assert read_date("hiver 2024").first_date == datetime.date(2023, 12, 21)
    assert read_date("hiver 2024").last_date == datetime.date(2024, 3, 19)
    assert read_date("mars 2016").last_date == datetime.date(2016, 3, 31)


# --- in a sentence ---------------------------------------------------------------------------------

@pytest.mark.parametrize("typed, on, since", [
    ("15 mars 2016", "le 15 mars 2016", "du 15 mars 2016"),
    ("1er mars 2016", "le 1er mars 2016", "du 1er mars 2016"),
    ("mars 2016", "en mars 2016", "de mars 2016"),
    ("avril 2016", "en avril 2016", "d'avril 2016"),
    ("2016", "en 2016", "de 2016"),
    ("automne 2011", "à l'automne 2011", "de l'automne 2011"),
    ("été 2011", "à l'été 2011", "de l'été 2011"),
    ("hiver 2011", "à l'hiver 2011", "de l'hiver 2011"),
    ("printemps 2011", "au printemps 2011", "du printemps 2011"),
    ("vers octobre 2023", "vers octobre 2023", "vers octobre 2023"),
    ("vers le 15 mars 2025", "vers le 15 mars 2025", "vers le 15 mars 2025"),
])
def test_the_preposition_fits_the_precision(typed, on, since):
    when = read_date(typed)
    assert french.on_date(when) == on
    assert french.from_date(when) == since
    assert french.on_prefix(when) + when.french == on
    assert french.from_prefix(when) + when.french == since


def test_periods_of_seasons_and_approximate_dates():
    assert french.period(read_date("automne 2025"), read_date("printemps 2027")) == (
        "de l'automne 2025 au printemps 2027")
    assert french.period(read_date("vers octobre 2023"), read_date("2025")) == (
        "d'octobre 2023 environ à 2025")
    assert french.period(read_date("vers mars 2024"), None) == (
        "à partir de mars 2024 environ")
    assert french.period(None, read_date("automne 2028")) == "jusqu'à l'automne 2028"
    assert french.period(None, read_date("vers 2028")) == "jusqu'en 2028 environ"
    assert french.period(read_date("2025-09"), read_date("vers le 30 juin 2026")) == (
        "de septembre 2025 au 30 juin 2026 environ")


def test_the_adoption_sentence_never_says_le_before_a_month():
    adopted = read_date("mars 2016")
    assert f"Adopté {french.on_date(adopted)}" == "Adopté en mars 2016"
    assert f"Adopté {french.on_date(read_date('2016-03-15'))}" == "Adopté le 15 mars 2016"


# --- open data ---------------------------------------------------------------------------------

@pytest.mark.parametrize("kind, column, typed, csv, published", [
    (kinds.DATE, DATE_COLUMN, "15 mars 2016", "2016-03-15", "2016-03-15"),
    (kinds.DATE, DATE_COLUMN, "mars 2016", "2016-03", "2016-03"),
    (kinds.DATE, DATE_COLUMN, "automne 2011", "2011-automne",
     {"date": "2011", "saison": "automne", "approximative": False}),
    (kinds.DATE, DATE_COLUMN, "vers octobre 2023", "2023-10~",
     {"date": "2023-10", "saison": None, "approximative": True}),
    (kinds.DATE, DATE_COLUMN, "vers l'été 2020", "2020-été~",
     {"date": "2020", "saison": "été", "approximative": True}),
    (kinds.YEAR, YEAR_COLUMN, "2023", "2023", 2023),
    (kinds.YEAR, YEAR_COLUMN, "mars 2023", "2023-03", "2023-03"),
    (kinds.YEAR, YEAR_COLUMN, "automne 2023", "2023-automne",
     {"date": "2023", "saison": "automne", "approximative": False}),
    (kinds.YEARS, YEARS_COLUMN, "2021-2023", "2021/2023", "2021/2023"),
])
def test_open_data_keeps_the_precision(kind, column, typed, csv, published):
    value = kind.read(typed, column)
    assert kind.csv_values(value, column) == [csv]
    assert kind.json_value(value, column, None) == published
    jsonschema.validate(published, kind.data_schema(column, schemas.data_row_schema))


def test_the_published_schema_refuses_an_invented_precision():
    schema = kinds.YEAR.data_schema(YEAR_COLUMN, schemas.data_row_schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate("2023-03-01", schema)


@pytest.mark.parametrize("column", [DATE_COLUMN, YEAR_COLUMN, YEARS_COLUMN],
                         ids=lambda c: c.kind.name)
def test_the_editor_schema_accepts_what_the_reader_accepts(column):
    schema = schemas.column_schema(column)
    typed = {"date": ["15 mars 2025", "1er Mars 2025", "vers le 15 mars 2025",
                      "2016-03", "fevrier 2016", "vers l'automne 2011", 2016],
             "annee": ["2023", 2023, "automne 2023", "mars 2023", "vers 2016"],
             "annees": ["2021-2023", "2021 à 2023", "2022", "hiver 2024"]}[column.kind.name]
    for text in typed:
        column.kind.read(str(text), column)  # the reader takes it…
        jsonschema.validate(text, schema)  # …and so does the editor
    for wrong in ("15/01/2026", "mars", "la semaine prochaine"):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(wrong, schema)


# --- written back --------------------------------------------------------------------------------

def _yaml_text(columns, row: dict) -> str:
    import io

    stream = io.StringIO()
    _yaml("").dump([new_map(columns, row)], stream)
    return stream.getvalue()


def test_yaml_written_back_keeps_the_author_text():
    row = {"id": "C-07", "date": read_date("1er mars 2026"), "methode": "atelier",
           "public": "Jeunes"}
    assert "  date: 1er mars 2026\n" in _yaml_text(CONSULTATIONS.columns, row)
    row["date"] = read_date("vers l'automne 2025")
    assert "  date: vers l'automne 2025\n" in _yaml_text(CONSULTATIONS.columns, row)
    row["date"] = read_date("2026-03-15")
    assert "  date: 2026-03-15\n" in _yaml_text(CONSULTATIONS.columns, row)
    row["date"] = read_date("2026-3")
    assert "  date: 2026-03\n" in _yaml_text(CONSULTATIONS.columns, row)


def _with_dates_as_people_write_them(target: Path) -> Path:
    """The minimal plan, its dates and years written in words."""
    shutil.copytree(MINIMAL, target)
    for name, old, new in (
            ("03-besoins.yml", "date: 2026-02-10", "date: 1er février 2026"),
            ("05-etat-de-situation.yml", "annee: 2025\n    situation",
             "annee: automne 2025\n    situation"),
            ("08-redaction-approbation-diffusion.yml", "date: 2026-11",
             "date: vers novembre 2026"),
            ("09-mise-en-oeuvre.yml", "annee: 2027", "annee: 2027-2028"),
            ("10-evaluation-reddition.yml", "date: 2027-03", "date: mars 2027")):
        path = target / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


def _snapshot(folder: Path) -> dict:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _sheet_cell(book, title_start: str, row: int, heading: str):
    sheet = next(book[name] for name in book.sheetnames if name.startswith(title_start))
    column = next(c.column for c in sheet[1] if c.value == heading)
    return sheet.cell(row, column)


def test_the_workbook_holds_the_author_text_and_comes_back_byte_for_byte(tmp_path):
    folder = _with_dates_as_people_write_them(tmp_path / "data")
    loaded = load_folder(folder, "data")
    assert [str(p) for p in loaded.errors] == []
    before = _snapshot(folder)
    workbook = tmp_path / "aller.xlsx"
    write_workbook(workbook, loaded.data)
    book = openpyxl.load_workbook(workbook)
    day = _sheet_cell(book, "3.1 ", 2, "Date")
    assert day.value == datetime.datetime(2026, 2, 1)  # a real date cell, read as the day
    season = _sheet_cell(book, "5.1 ", 2, "Année")
    assert (season.value, season.number_format) == ("automne 2025", "@")
    span = _sheet_cell(book, "9.2 ", 2, "Année")
    assert span.value == "2027-2028"
    result = import_workbook(workbook, folder, "data")
    assert [str(p) for p in result.errors] == []
    assert result.changes == [] and _snapshot(folder) == before


def test_a_month_typed_in_the_workbook_stays_a_month(tmp_path):
    folder = shutil.copytree(MINIMAL, tmp_path / "data")
    workbook = tmp_path / "grilles.xlsx"
    write_workbook(workbook, load_folder(folder, "data").data)
    book = openpyxl.load_workbook(workbook)
    _sheet_cell(book, "3.1 ", 2, "Date").value = "mars 2026"  # typed as text
    converted = _sheet_cell(book, "5.1 ", 2, "Année")  # Excel made « mai 2025 » a date
    converted.value, converted.number_format = datetime.datetime(2025, 5, 1), "mmm-yy"
    book.save(workbook)
    result = import_workbook(workbook, folder, "data")
    assert [str(p) for p in result.errors] == []
    besoins = (folder / "03-besoins.yml").read_text(encoding="utf-8")
    assert "    date: mars 2026\n" in besoins
    conditions = (folder / "05-etat-de-situation.yml").read_text(encoding="utf-8")
    assert "    annee: 2025-05\n" in conditions
    reread = load_folder(folder, "data").data
    assert reread["consultations"][0]["date"].french == "mars 2026"


# --- what the plan computes from them --------------------------------------------------------

def test_followup_counts_a_month_of_programming_in_its_year():
    reference = Reference(datetime.date(2026, 11, 10), "fournie")
    state = project_state(project(1), [action("P-01", "mars 2026", "en cours", 40),
                                       action("P-01", 2026, "terminée", 100),
                                       action("P-01", "2024-2025", "terminée", 100)],
                          reference)
    assert state.year == 2026 and len(state.actions) == 2


def test_a_baseline_of_a_season_starts_on_its_last_day():
    assert baseline_day({"annee_depart": read_when("automne 2024", days=False)}) == (
        datetime.date(2024, 12, 20))
    assert baseline_day({"annee_depart": read_when("2024", days=False)}) == (
        datetime.date(2024, 12, 31))
