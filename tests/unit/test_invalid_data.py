"""What an author reads when the data is wrong (reading/).

Each folder of ``tests/fixtures/invalides/`` holds ONE file that replaces
the file of the same name in the minimal plan ``tests/fixtures/minimal/``
(or is added to it). The plan is read as a territory's « data » folder; the
errors must be exactly those of ``tests/fixtures/invalides/attendus.yml``,
word for word: it is the text a person who does not program reads.

``tests/fixtures/pieges-yaml/`` proves the opposite: the traps of YAML 1.1's
implicit typing (``no``, ``08``, ``12:30``, ``012``, a date) are read as the
author meant them.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES
from macros.reading.loader import load_folder
from macros.reading.yamlread import read_yaml_text

MINIMAL = FIXTURES / "minimal"
INVALIDES = FIXTURES / "invalides"
EXPECTED = INVALIDES / "attendus.yml"
TRAPS = FIXTURES / "pieges-yaml"
SHOWN = "data"

STEP_FILES = (
    "territoire.yml", "01-gouvernance.yml", "02-financement.yml", "03-besoins.yml",
    "04-possibilites.yml", "05-etat-de-situation.yml", "06-projets-prioritaires.yml",
    "07-preparation-evaluation.yml", "08-redaction-approbation-diffusion.yml",
    "09-mise-en-oeuvre.yml", "10-evaluation-reddition.yml",
)

# English words of PyYAML's / libyaml's messages, and other programmers' words.
ENGLISH = re.compile(
    r"\b(expected|found|mapping|scalar|sequence|line|column|while|could|token|"
    r"unexpected|stream|indicator|block|alias|error|not allowed|key|value|"
    r"character|none|true|false|null)\b",
    re.IGNORECASE,
)


def _cases() -> list:
    return sorted(p.name for p in INVALIDES.iterdir() if p.is_dir())


def _expected() -> dict:
    return yaml.safe_load(EXPECTED.read_text(encoding="utf-8"))


CASES = _cases()


def _load(tmp_path: Path, *overlays: Path):
    """The minimal plan, overlaid with the files of the given folders, read as « data »."""
    folder = tmp_path / SHOWN
    shutil.copytree(MINIMAL, folder)
    for overlay in overlays:
        for path in sorted(overlay.iterdir()):
            if path.is_file():
                shutil.copyfile(path, folder / path.name)
    return load_folder(folder, SHOWN)


def _errors(result) -> list:
    return sorted(str(p) for p in result.problems if p.is_error)


def _warnings(result) -> list:
    return sorted(str(p) for p in result.problems if not p.is_error)


def _expected_of(case: str) -> tuple:
    """(errors, warnings or None) of a case: a list is its errors (warnings
    not judged); « erreurs » and « avertissements » give both, exactly."""
    expected = _expected()[case]
    if isinstance(expected, dict):
        return (sorted(expected.get("erreurs") or []),
                sorted(expected.get("avertissements") or []))
    return sorted(expected), None


# --- the minimal plan ----------------------------------------------------------

def test_minimal_plan_has_no_error_nor_warning(tmp_path):
    result = _load(tmp_path)
    assert [str(p) for p in result.problems] == []


def test_minimal_plan_fills_every_grid():
    """The 11 files, each grid with 1 to 3 rows, a draft plan."""
    assert sorted(p.name for p in MINIMAL.iterdir()) == sorted(STEP_FILES)
    result = load_folder(MINIMAL, SHOWN)
    for key, rows in result.data.items():
        count = 1 if isinstance(rows, dict) else len(rows)
        assert rows and 1 <= count <= 3, key
    assert result.data["territoire"]["statut"] == "brouillon"


# --- the cases and their expected messages --------------------------------------------------

def test_each_case_has_its_expected_messages():
    expected = _expected()
    assert sorted(expected) == CASES, (
        "cases without expected messages: " + ", ".join(sorted(set(CASES) - set(expected)))
        + " ; expected messages without a case: " + ", ".join(sorted(set(expected) - set(CASES))))
    for case in expected:
        errors, warnings = _expected_of(case)
        lines = errors + (warnings or [])
        assert lines, case
        assert all(isinstance(line, str) and line for line in lines), case
    assert len(CASES) >= 20


@pytest.mark.parametrize("case", CASES)
def test_each_case_changes_one_file(case):
    files = [p for p in (INVALIDES / case).iterdir()]
    assert len(files) == 1 and files[0].is_file(), files
    base = MINIMAL / files[0].name
    if base.exists():
        assert files[0].read_bytes() != base.read_bytes()


@pytest.mark.parametrize("case", CASES)
def test_exact_messages(tmp_path, case):
    result = _load(tmp_path, INVALIDES / case)
    errors, warnings = _expected_of(case)
    assert _errors(result) == errors
    if warnings is not None:
        assert _warnings(result) == warnings


def test_every_error_at_once(tmp_path):
    """Three mistakes in one file: three errors, not only the first."""
    result = _load(tmp_path, INVALIDES / "trois-erreurs-meme-fichier")
    errors = [p for p in result.problems if p.is_error]
    assert len(errors) == 3
    assert {p.path for p in errors} == {"data/03-besoins.yml"}
    assert len({p.line for p in errors}) == 3
    assert {p.field for p in errors} == {"date", "animateur", "priorite"}


@pytest.mark.parametrize("case", CASES)
def test_messages_are_french(tmp_path, case):
    result = _load(tmp_path, INVALIDES / case)
    english = [str(p) for p in result.problems if ENGLISH.search(p.message)]
    assert english == []


def test_expected_messages_are_french():
    for case in _expected():
        errors, warnings = _expected_of(case)
        for line in errors + (warnings or []):
            assert not ENGLISH.search(line.split(" : ", 1)[-1]), (case, line)


# --- traps of YAML 1.1: read as the author meant them ---------------------------------

@pytest.fixture(scope="module")
def traps(tmp_path_factory):
    return _load(tmp_path_factory.mktemp("traps"), TRAPS)


def _row(data, grid, **where):
    rows = [r for r in data[grid] if all(r.get(k) == v for k, v in where.items())]
    assert len(rows) == 1, (grid, where)
    return rows[0]


def test_traps_plan_is_valid(traps):
    assert [str(p) for p in traps.problems] == []


def test_traps_would_fool_yaml_1_1():
    """Control: PyYAML alone (YAML 1.1) would read these values otherwise."""
    read = yaml.safe_load("a: no\nb: on\nc: 12:30\nd: 2026-04-17\ne: 012\nf: 85005\n")
    assert read == {"a": False, "b": True, "c": 750, "d": read["d"], "e": 10, "f": 85005}
    assert not isinstance(read["d"], str)


def test_traps_no_on_oui_stay_text(traps):
    data = traps.data
    assert data["porteur"]["fonction"] == "no"
    assert _row(data, "instances", id="G-01")["nom"] == "on"
    assert [m["role"] for m in data["membres"]] == ["oui", "off"]
    assert _row(data, "acteurs", id="A-01")["apport"] == "yes"
    assert data["vision"]["valeurs"] == ["no", "on", "oui"]


def test_traps_codes_stay_text(traps):
    data = traps.data
    assert data["territoire"]["code_geographique"] == "08"
    assert [m["code"] for m in data["municipalites"]] == ["85005", "08010"]


def test_traps_time_stays_text(traps):
    assert _row(traps.data, "instances", id="G-01")["frequence"] == "12:30"
    assert traps.data["mesures"][-1]["commentaire"] == "12:30"


def test_traps_date_in_a_text_field(traps):
    assert traps.data["territoire"]["resolution"] == "2026-04-17"


def test_traps_amount_with_spaces_and_dollar(traps):
    amount = _row(traps.data, "budget", poste="coordination")["montant"]
    assert (amount.low, amount.high) == (1500000, 1500000)
    assert _row(traps.data, "budget", poste="consultations")["montant"].low == 2.5


def test_traps_decimal_comma(traps):
    assert _row(traps.data, "indicateurs", id="I-01")["cible"] == 2.5
    assert traps.data["mesures"][0]["valeur"] == 2.5


def test_traps_leading_zero_decimal(traps):
    assert _row(traps.data, "indicateurs", id="I-01")["valeur_depart"] == 12


def test_traps_integer_with_space(traps):
    assert _row(traps.data, "municipalites", nom="Ville-Alpha")["population"] == 1250


def test_traps_booleans(traps):
    assert traps.data["territoire"]["fictif"] is False
    reached = [m["atteint"] for m in traps.data["mesures"] if m["indicateur"] == "I-02"]
    assert reached == [True, False, True, False]


def test_traps_tilde_and_null_are_empty():
    """« ~ » and « null » leave a field empty (with libyaml as with pure Python);
    between quotes, « null » is a text."""
    tree, problems = read_yaml_text("a: ~\nb: null\nc: \"null\"\n", "data/territoire.yml")
    assert problems == []
    assert [entry.value.is_null for entry in tree.entries.values()] == [True, True, False]


# --- the line a message says to type reads back as the author meant -------------------

@pytest.mark.parametrize("value", [
    "Commerces : vendre en ligne",
    "- Formation",
    'L\'accès "pour tous" : brancher le territoire',
    'Le "bon" plan : vendre',
    "C:\\Documents : le plan",
])
def test_the_line_to_type_reads_as_the_value_meant(value):
    _, problems = read_yaml_text(f"titre: {value}\n", "data/06-projets-prioritaires.yml")
    assert len(problems) == 1, problems
    typed = re.search(r"écrire « (.+?) »", problems[0].message).group(1)
    tree, problems = read_yaml_text(typed + "\n", "data/06-projets-prioritaires.yml")
    assert problems == []
    assert tree.entries["titre"].value.text == value
