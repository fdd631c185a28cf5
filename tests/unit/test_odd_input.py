"""Long, deep and odd values (reading/, plan/kinds/): a French message or a
clean acceptance, never an exception, and work that grows linearly.

The inputs come from a seeded generator (the same on every run): texts made
of an alphabet of troublemakers (control and invisible characters, look-alike
letters, full-width digits, YAML's punctuation, a lone surrogate), at sizes
from a few characters to 200 000, and documents nested up to 2 000 levels.
Each goes through the YAML reader and the validator of a whole step file,
and through every kind's reading, then showing and publishing of what was
accepted.

« Linear » is checked without a clock (the project never times its tests):
the number of Python lines executed (the template's and its libraries') for
an input four times longer must stay under five times as many. A quadratic
loop, such as the chart-label fitting that once took 72 s on a 10 000-
character title, or Python-Markdown on « [[[… », multiplies it by sixteen.
Regular expressions run in C and escape this count: theirs is kept linear by
construction (possessive quantifiers, one way to match each character), and
checked against a long run of the characters they repeat in
``test_regular_expressions_on_long_runs``.
"""

from __future__ import annotations

import random
import sys

import pytest

from macros.plan import kinds
from macros.plan.catalog import STEPS, empty_plan
from macros.plan.model import Column
from macros.plan.values import ValueIssue
from macros.reading.validate import read_step
from macros.reading.yamlread import read_yaml_text

TROUBLE = ("a", "Z", "é", "0", "9", " ", "\u00a0", "\u202f", "\n", "\t", "\r", "\u200b",
           "\ufeff", "\x0b", "\x00", "\u202e", "\u0412", "\uff11", "\u0301", "\U0001f600",
           "\ufffe", "\U0010ffff", "«", "»", ":", "-", "#", "&", "*", "[", "]", "{", "}",
           "'", '"', "\\", "=", "+", "@", "%", "$", ",", ".", "|", ">", "<", "–")
SIZES = (1, 7, 60, 500, 5_000, 200_000)


def odd_text(rng: random.Random, size: int) -> str:
    return "".join(rng.choice(TROUBLE) for _ in range(size))


def odd_texts() -> list:
    rng = random.Random(20261201)
    texts = [odd_text(rng, size) for size in SIZES for _ in range(3)]
    texts += ["9" * 5000, "1" * 400 + " $", "-" * 10_000, "1e400", "0x1F", "١٢٣",
              "\ud800", "B-\uff10\uff11", "\u0412-02", "2026-02-30", "9999-99",
              "<nom@mrc.qc.ca>", "https://" + "a" * 100_000 + ".ca", " " * 1000]
    return texts


TEXTS = odd_texts()
SUB = (Column("acteur", "Acteur", kinds.REF, "Identifiant.", required=True,
              target="acteurs"),)
OPTIONS = {kinds.CHOICE: {"choices": ("a", "b")}, kinds.REF: {"target": "besoins"},
           kinds.REFS: {"target": "besoins"}, kinds.SUBLIST: {"columns": SUB}}


def column_of(kind) -> Column:
    return Column("champ", "Champ", kind, "Une aide.", **OPTIONS.get(kind, {}))


def read_as_author(kind, text: str):
    """What the validator does with one value of ``kind``."""
    column = column_of(kind)
    if kind.shape == kinds.ITEMS:
        return [kind.read(item, column) for item in kind.split(text)]
    return kind.read(text, column)


def shown_everywhere(kind, value) -> None:
    """An accepted value goes to the site, the workbook, the CSV and JSON."""
    column = column_of(kind)
    kind.text(value, column)
    kind.author_text(value, column)
    kind.sheet_value(value, column)
    kind.csv_values(value, column)
    kind.json_value(value, column, lambda columns, row: row)


# --- every kind ------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", [k for k in kinds.KINDS if k is not kinds.SUBLIST],
                         ids=lambda k: k.name)
def test_every_kind_accepts_or_explains(kind):
    for text in TEXTS:
        try:
            value = read_as_author(kind, text)
        except ValueIssue as issue:
            assert str(issue).startswith("« "), (kind.name, str(issue)[:200])
            assert len(str(issue)) < 600, (kind.name, len(str(issue)))
            continue
        shown_everywhere(kind, value)


@pytest.mark.parametrize("kind", [k for k in kinds.KINDS if k.shape == kinds.SCALAR],
                         ids=lambda k: k.name)
def test_every_kind_reads_from_a_spreadsheet_cell(kind):
    for text in TEXTS:
        kind.from_sheet_text(text)


# --- the reader and the validator ----------------------------------------------------------

def documents() -> list:
    """Step files holding odd values, deep nesting, long keys."""
    found = []
    for text in TEXTS[::2]:
        quoted = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        found.append(f'besoins:\n  - id: B-01\n    enonce: "{quoted}"\n    priorite: 1\n')
        found.append(f"besoins:\n  - id: B-01\n    enonce: {text}\n")
        found.append(f"{text}: 1\n")
    for depth in (19, 21, 600, 1001, 2000):
        found.append("besoins: " + "[" * depth + "]" * depth + "\n")
        found.append("besoins:\n" + "".join("  " * i + "-\n" for i in range(depth)))
    return found


def read_document(text: str) -> list:
    """Every problem of one step file's text (the reader, then the validator)."""
    tree, problems = read_yaml_text(text, "data/03-besoins.yml")
    if tree is None:
        return problems
    _, more = read_step(STEPS[3], tree, "data/03-besoins.yml")
    return problems + more


@pytest.mark.parametrize("number", range(len(documents())))
def test_the_reader_accepts_or_explains_in_french(number):
    text = documents()[number]
    for problem in read_document(text):
        message = str(problem)
        assert message.startswith("data/03-besoins.yml"), message[:200]
        assert "Traceback" not in message and "Error" not in message, message[:200]


def test_the_reader_places_a_problem_at_its_line():
    problems = read_document("besoins:\n  - id: B-01\n    enonce: a\x0bb\n")
    assert [(p.line, p.place.column) for p in problems] == [(3, 14)]


# --- linear work -------------------------------------------------------------------------

def executed_lines(function, *args) -> int:
    """How many Python lines running ``function`` executes."""
    count = 0

    def trace(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return trace

    sys.settrace(trace)
    try:
        function(*args)
    finally:
        sys.settrace(None)
    return count


def _quietly(function):
    def run(*args):
        try:
            return function(*args)
        except ValueIssue:
            return None
    return run


def grows_linearly(function, make, small: int = 2_000) -> bool:
    """Does the work for an input four times larger stay under five times?"""
    little = executed_lines(function, make(small))
    large = executed_lines(function, make(small * 4))
    return large <= 5 * max(little, 1)


@pytest.mark.parametrize("kind", [k for k in kinds.KINDS if k is not kinds.SUBLIST],
                         ids=lambda k: k.name)
def test_reading_and_showing_a_long_value_is_linear(kind):
    rng = random.Random(7)

    def read_and_show(text):
        value = _quietly(read_as_author)(kind, text)
        if value is not None:
            shown_everywhere(kind, value)

    assert grows_linearly(read_and_show, lambda size: odd_text(rng, size))
    assert grows_linearly(read_and_show, lambda size: "Fibre " * (size // 6))


@pytest.mark.parametrize("shape", ["long value", "deep block", "many rows"])
def test_reading_a_large_file_is_linear(shape):
    makers = {
        "long value": lambda n: f"besoins:\n  - id: B-01\n    enonce: {'mot ' * n}\n",
        "deep block": lambda n: "besoins:\n" + "".join(
            "  " * i + "-\n" for i in range(min(n // 100, 900))),
        "many rows": lambda n: "besoins:\n" + "".join(
            f"  - id: B-{i % 9999 + 1:02d}\n    enonce: Besoin {i}\n    priorite: 1\n"
            for i in range(n // 20)),
    }
    assert grows_linearly(read_document, makers[shape])


def test_charts_fit_a_long_label_in_linear_work():
    from macros.charts.geometry import shorten, wrap

    assert grows_linearly(lambda text: (shorten(text, 200), wrap(text, 200, max_lines=3)),
                          lambda size: "Sainte-Hermance-du-Lac " * (size // 23))


def test_the_whole_plan_checks_in_linear_work():
    """A plan with many long rows: validation across files stays linear."""
    from macros.reading.checks import check_plan

    def plan_of(size):
        data = empty_plan()
        data["besoins"] = [{"id": f"B-{i:02d}", "enonce": "x" * 50, "priorite": 1}
                           for i in range(1, size // 50)]
        return data

    def check(data):
        from macros.plan.model import Row, RowOrigin

        data["besoins"] = [Row(RowOrigin("data/03-besoins.yml", i), need)
                           for i, need in enumerate(data["besoins"], start=1)]
        check_plan(data)

    assert grows_linearly(check, plan_of, small=20_000)


@pytest.mark.parametrize("unit", ["[", "![a](", "- ", "> ", "*a", "&", "<", "`", "\n\n"])
def test_long_texts_render_in_linear_work(unit):
    from macros.pages.safe import render_long_text

    assert grows_linearly(render_long_text, lambda size: unit * (size // len(unit)),
                          small=1_000)


def test_a_deeply_nested_long_text_renders():
    from macros.pages.safe import render_long_text

    for unit in ("- ", "> ", "1. ", "* "):
        assert str(render_long_text(unit * 20_000 + "fin")).strip()


def test_regular_expressions_on_long_runs():
    """One pass over 200 000 characters each; a backtracking pattern would
    not return (minutes, then hours)."""
    from macros.plan import french, values
    from macros.plan.kinds import NUMBER, TEXT
    from macros.plan.kinds.numbers import _COUNT_TEXT, _NUMBER_TEXT

    run = 200_000
    assert french.typeset("a" + " " * run + "b") == "a" + " " * run + "b"
    assert french.typeset("a" + " " * run + ":").endswith("\u00a0:")
    with pytest.raises(ValueIssue):
        values.read_amount("1" + " " * run + "x")
    assert TEXT.from_sheet_text(" " * run + "x\n y") == "x y"
    import re

    assert not re.match(_COUNT_TEXT, "1" * run + "x")
    assert not re.match(_NUMBER_TEXT, "1" * run + "x")
    with pytest.raises(ValueIssue):
        NUMBER.read("1" * run, None)
