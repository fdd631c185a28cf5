"""The value kinds (plan/kinds/): every kind of the registry, every capability.

Each kind is tried on values an author types: read, shown in French, written
back as an author would (YAML, a workbook cell) and read again, published
(CSV, JSON) and described (JSON Schemas that accept what was published).
A kind added to the registry is tried here without a line to add, as soon
as it has a sample below; a kind without one fails the first test.
"""

from __future__ import annotations

import datetime
import json
from abc import ABC

import frictionless
import jsonschema
import pytest

from macros.outputs import schemas
from macros.pages.cells import CellContext
from macros.plan import kinds
from macros.plan.catalog import GRIDS
from macros.plan.kinds.base import Kind, ScalarKind
from macros.plan.model import Column
from macros.plan.values import Amount, PartialDate, ValueIssue
from macros.spreadsheet.cells import cell_text

NBSP, NNBSP = "\u00a0", "\u202f"
SUB = (Column("acteur", "Acteur", kinds.REF, "Identifiant.", required=True,
              target="acteurs"),
       Column("role", "Rôle", kinds.TEXT, "Ce qu'il apporte.", required=True))

# kind -> (options of its column, [(what the author types, the typed value, French)])
SAMPLES = {
    kinds.TEXT: ({}, [(" Fibre ", "Fibre", "Fibre")]),
    kinds.LONG_TEXT: ({}, [("Un.\n\nDeux.", "Un.\n\nDeux.", "Un.\n\nDeux.")]),
    kinds.INTEGER: ({}, [("12 140", 12140, f"12{NNBSP}140"), ("0", 0, "0")]),
    kinds.NUMBER: ({}, [("2,5", 2.5, "2,5"), ("1 500", 1500, f"1{NNBSP}500")]),
    kinds.AMOUNT: ({}, [("25 000 $", Amount(25000, 25000), f"25{NNBSP}000{NBSP}$"),
                        ("10 000 – 15 000 $", Amount(10000, 15000),
                         f"10{NNBSP}000{NBSP}$ – 15{NNBSP}000{NBSP}$"),
                        ("1 500,50 $", Amount(1500.5, 1500.5), f"1{NNBSP}500,5{NBSP}$"),
                        ("11,6 M$", Amount(11_600_000, 11_600_000, "", ("M", "M")),
                         f"11,6{NBSP}M$"),
                        ("Environ 3,5 M$", Amount(3_500_000, 3_500_000, "environ",
                                                  ("M", "M")), f"environ 3,5{NBSP}M$"),
                        ("plus de 4 M$", Amount(4_000_000, 4_000_000, "plus de",
                                                ("M", "M")), f"plus de 4{NBSP}M$"),
                        ("moins de 50 000 $", Amount(0, 50_000, "moins de"),
                         f"moins de 50{NNBSP}000{NBSP}$"),
                        ("1 à 2 M$", Amount(1_000_000, 2_000_000, "", ("M", "M")),
                         f"1{NBSP}M$ – 2{NBSP}M$"),
                        ("500 k$ – 1,2 M$", Amount(500_000, 1_200_000, "", ("k", "M")),
                         f"500{NBSP}k$ – 1,2{NBSP}M$")]),
    kinds.PERCENT: ({}, [("85,5 %", 85.5, f"85,5{NBSP}%"), ("100", 100, f"100{NBSP}%")]),
    kinds.DATE: ({}, [("2026-03-15", PartialDate(2026, 3, 15), "15 mars 2026"),
                      ("2026-03", PartialDate(2026, 3), "mars 2026"),
                      ("2026", PartialDate(2026), "2026"),
                      ("mars 2016", PartialDate(2016, 3), "mars 2016"),
                      ("1er Mars 2025", PartialDate(2025, 3, 1), "1er mars 2025"),
                      ("15 fevrier 2025", PartialDate(2025, 2, 15), "15 février 2025"),
                      ("automne 2011", PartialDate(2011, season="automne"),
                       "automne 2011"),
                      ("vers octobre 2023", PartialDate(2023, 10, approximate=True),
                       "vers octobre 2023"),
                      ("vers le 15 mars 2025", PartialDate(2025, 3, 15, approximate=True),
                       "vers le 15 mars 2025"),
                      ("Vers l'été 2020", PartialDate(2020, season="été", approximate=True),
                       "vers l'été 2020")]),
    kinds.YEAR: ({}, [("2026", PartialDate(2026), "2026"),
                      ("2023-05", PartialDate(2023, 5), "mai 2023"),
                      ("aout 2023", PartialDate(2023, 8), "août 2023"),
                      ("automne 2023", PartialDate(2023, season="automne"), "automne 2023"),
                      ("vers 2016", PartialDate(2016, approximate=True), "vers 2016")]),
    kinds.YEARS: ({}, [("2026", PartialDate(2026), "2026"),
                       ("2021-2023", PartialDate(2021, until=2023), "2021 à 2023"),
                       ("2021 à 2023", PartialDate(2021, until=2023), "2021 à 2023"),
                       ("hiver 2024", PartialDate(2024, season="hiver"), "hiver 2024")]),
    kinds.PERIOD_YEAR: ({}, [("2026", 2026, "2026")]),
    kinds.BOOLEAN: ({}, [("oui", True, "oui"), ("Non", False, "non")]),
    kinds.CHOICE: ({"choices": (1, 2, 3), "labels": ("prioritaire", "important",
                                                      "souhaitable")},
                   [("1", 1, "1 (prioritaire)")]),
    kinds.LINK: ({}, [("https://www.quebec.ca/", "https://www.quebec.ca/",
                       "https://www.quebec.ca/")]),
    kinds.EMAIL: ({}, [("nom@mrc.qc.ca", "nom@mrc.qc.ca", "nom@mrc.qc.ca")]),
    kinds.REF: ({"target": "besoins"}, [("B-01", "B-01", "B-01")]),
    kinds.REFS: ({"target": "besoins"}, [("B-01, B-02", ["B-01", "B-02"], "B-01, B-02")]),
    kinds.TEXT_LIST: ({}, [("Un objectif", ["Un objectif"], "Un objectif")]),
    kinds.SUBLIST: ({"columns": SUB}, []),  # read field by field: see the validator
}


def column_of(kind, **extra) -> Column:
    options = dict(SAMPLES[kind][0], **extra)
    return Column("champ", "Champ", kind, "Une aide.", **options)


def read(kind, column, text):
    if kind.shape == kinds.ITEMS:
        return [kind.read(item, column) for item in kind.split(text)]
    return kind.read(text, column)


def cases():
    return [pytest.param(kind, sample, id=f"{kind.name}:{sample[0]}")
            for kind, (_, samples) in SAMPLES.items() for sample in samples]


class _Show:
    """What a cell needs, without a site: links and long texts as plain views."""

    def reference(self, grid_key, row_id):
        return {"href": f"#{row_id}", "id": str(row_id), "label": "", "note": ""}

    def long_text(self, text):
        return f"<p>{text}</p>"

    def sub_cells(self, columns, sub):
        return [{"label": c.label, "cell": sub.get(c.key)} for c in columns]


# --- the registry ----------------------------------------------------------------------------

def test_every_kind_has_a_sample_and_a_unique_name():
    assert set(SAMPLES) == set(kinds.KINDS)
    assert len({kind.name for kind in kinds.KINDS}) == len(kinds.KINDS)
    assert all(isinstance(kind, Kind) for kind in kinds.KINDS)


def test_the_catalog_uses_only_kinds_of_the_registry():
    used = {c.kind for g in GRIDS.values() for c in g.columns}
    used |= {s.kind for g in GRIDS.values() for c in g.columns for s in c.columns}
    assert used <= set(kinds.KINDS)


def test_a_kind_that_forgets_a_capability_cannot_be_made():
    """Negative control: every capability is abstract, so forgetting one fails
    when the registry instantiates the kind, at import."""
    class Phone(ScalarKind):  # reads, shows… and forgets everything else
        name = "telephone"

        def read(self, text, column):
            return text.strip()

        def text(self, value, column):
            return value

    with pytest.raises(TypeError, match="abstract"):
        Phone()
    assert issubclass(Kind, ABC) and Kind.__abstractmethods__ >= {
        "read", "text", "cell", "author_text", "yaml_form", "sheet_value",
        "sheet_format", "sheet_width", "sheet_hint", "sheet_rule", "from_sheet_number",
        "from_sheet_text", "csv_fields", "csv_values", "json_value", "data_schema",
        "input_schema"}


@pytest.mark.parametrize("kind, options, message", [
    (kinds.CHOICE, {}, "no choices"),
    (kinds.REF, {}, "no target"),
    (kinds.REFS, {}, "no target"),
    (kinds.SUBLIST, {}, "no columns"),
])
def test_a_column_lacking_what_its_kind_needs_is_refused(kind, options, message):
    with pytest.raises(ValueError, match=message):
        Column("x", "X", kind, "Aide.", **options)


def test_a_column_without_a_kind_is_refused():
    with pytest.raises(ValueError, match="not a kind"):
        Column("x", "X", "texte", "Aide.")


# --- each kind, on what an author types ------------------------------------------------------

@pytest.mark.parametrize("kind, sample", cases())
def test_reads_the_author_text_and_shows_it_in_french(kind, sample):
    typed, value, shown = sample
    column = column_of(kind)
    assert read(kind, column, typed) == value
    assert kind.text(value, column) == shown


@pytest.mark.parametrize("kind, sample", cases())
def test_what_it_writes_back_reads_back_the_same(kind, sample):
    typed, value, _ = sample
    column = column_of(kind)
    assert read(kind, column, kind.author_text(value, column)) == value


@pytest.mark.parametrize("kind, sample", cases())
def test_a_workbook_cell_reads_back_the_same(kind, sample):
    typed, value, _ = sample
    column = column_of(kind)
    cell, number_format = kind.sheet_value(value, column)
    if isinstance(cell, datetime.date):
        cell = datetime.datetime.combine(cell, datetime.time(0))  # as openpyxl gives it
    text = cell_text(column, cell, number_format)
    assert (read(kind, column, text) if isinstance(text, str)
            else [kind.read(t, column) for t in text]) == value
    assert isinstance(kind.sheet_format(column), str) and kind.sheet_width(column) > 0


@pytest.mark.parametrize("kind, sample", cases())
def test_published_values_follow_their_schema(kind, sample):
    typed, value, _ = sample
    column = column_of(kind)
    fields = kind.csv_fields(column)
    assert len(kind.csv_values(value, column)) == len(fields) >= 1
    published = kind.json_value(value, column, None)
    jsonschema.validate(published, kind.data_schema(column, schemas.data_row_schema))


@pytest.mark.parametrize("kind, sample", cases())
def test_a_published_json_value_reads_back_the_same(kind, sample):
    """What a regional view reads from a plan.json (``from_json``) is the value
    the territory published, shown the same in French."""
    _, value, shown = sample
    column = column_of(kind)
    published = json.loads(json.dumps(kind.json_value(value, column, None)))
    again = kind.from_json(published, column, None)
    assert again == value
    assert kind.text(again, column) == shown


@pytest.mark.parametrize("kind, published", [
    (kinds.INTEGER, -3), (kinds.AMOUNT, {"texte": "beaucoup"}), (kinds.DATE, "hier"),
    (kinds.CHOICE, "peut-être"), (kinds.YEAR, {"date": "2026-13"}),
])
def test_a_json_value_no_version_writes_is_refused(kind, published):
    with pytest.raises(ValueIssue):
        kind.from_json(published, column_of(kind), None)


@pytest.mark.parametrize("kind, sample", cases())
def test_each_csv_cell_is_valid_for_its_table_schema_field(kind, sample):
    """frictionless reads each CSV cell a kind writes with the field the kind
    declares in datapackage.json, without error."""
    _, value, _ = sample
    column = column_of(kind)
    fields = kind.table_fields(column)
    texts = kind.csv_values(value, column)
    assert [f["name"] for f in fields] == [name for name, _ in kind.csv_fields(column)]
    for field, text in zip(fields, texts):
        result = frictionless.Field.from_descriptor(field).read_cell(text)
        assert not result[1], (field, text, result)  # no error notes


@pytest.mark.parametrize("kind, sample", cases())
def test_the_editor_schema_accepts_what_an_author_types(kind, sample):
    typed, _, _ = sample
    column = column_of(kind)
    jsonschema.validate(typed if kind.shape == kinds.SCALAR else kind.split(typed),
                        kind.input_schema(column, schemas._Typed))


@pytest.mark.parametrize("kind, sample", cases())
def test_a_cell_of_the_site_shows_the_value(kind, sample):
    _, value, shown = sample
    view = kind.cell(value, column_of(kind), _Show())
    assert view["view"] in {"text", "html", "links", "list", "date", "link"}
    flat = " ".join(strings(view))
    assert all(part in flat for part in shown.split(", ")), (view, shown)


def strings(view) -> list:
    """Every text of a cell's view."""
    if isinstance(view, str):
        return [view]
    if isinstance(view, dict):
        return [text for part in view.values() for text in strings(part)]
    if isinstance(view, list):
        return [text for part in view for text in strings(part)]
    return []


@pytest.mark.parametrize("text", ["douze", "1,500", "", "2026-13", "peut-être"])
def test_readers_refuse_with_a_french_message(text):
    for kind in (kinds.INTEGER, kinds.AMOUNT, kinds.DATE, kinds.BOOLEAN):
        with pytest.raises(ValueIssue) as issue:
            kind.read(text, column_of(kind))
        assert "«" in str(issue.value)


def test_sub_lists_are_read_and_written_record_by_record():
    column = column_of(kinds.SUBLIST)
    records = [{"acteur": "A-01", "role": "Salle"}]
    assert kinds.SUBLIST.csv_fields(column) == []  # a CSV file of their own
    assert kinds.SUBLIST.json_value(records, column, lambda cols, r: dict(r)) == records
    with pytest.raises(TypeError):
        kinds.SUBLIST.read("x", column)
    view = kinds.SUBLIST.cell(records, column, _Show())
    assert view == {"view": "records", "entries": [[
        {"label": "Acteur", "cell": "A-01"}, {"label": "Rôle", "cell": "Salle"}]]}


def test_show_context_of_the_site_builds_links_and_safe_html(example):
    from macros.pages.links import Linker
    from macros.plan.index import PlanIndex

    context = CellContext(PlanIndex(example.data), Linker("plan/"), labelled=True)
    link = context.reference("besoins", "B-01")
    assert link["href"] == "besoins/#b-01" and link["label"]
    assert "<p>" in str(context.long_text("Un **mot**"))


def test_a_word_choice_is_shown_by_its_label():
    """« Destinataire : bailleur de fonds », not the list's raw word « bailleur »;
    a number keeps its label beside it (« 1 (prioritaire) »)."""
    recipient = GRIDS["redditions"].column("destinataire")
    assert kinds.CHOICE.text("bailleur", recipient) == "bailleur de fonds"
    assert kinds.CHOICE.read("Bailleur de fonds", recipient) == "bailleur"
    priority = GRIDS["besoins"].column("priorite")
    assert kinds.CHOICE.text(1, priority) == "1 (prioritaire)"
