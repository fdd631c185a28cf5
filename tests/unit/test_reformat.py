"""``pnt formater``: a file saved by the browser editor (Sveltia CMS) gets the
comments, key order and quoting of the committed version back.

The editor is simulated with ruamel.yaml's safe dumper: it writes the loaded
values only, without comments or quotes that are not needed, here with the
keys of every mapping in reverse order (as a form's field order may be).
"""

from __future__ import annotations

import difflib
import io
import shutil
import subprocess
import sys

import pytest
from ruamel.yaml import YAML

from conftest import FIXTURES, ROOT, run
from macros.outputs.reformat import reformat_text
from macros.plan.catalog import STEPS
from macros.reading.validate import read_step
from macros.reading.yamlread import read_yaml_text

EXAMPLE = ROOT / "exemple"
BY_FILE = {step.filename: step for step in STEPS}
NEEDS = "03-besoins.yml"
SHOWN = f"data/{NEEDS}"
BROKEN = FIXTURES / "formater"
GIT_USER = ["-c", "user.name=Test", "-c", "user.email=test@example.org"]


def _reversed_keys(value):
    if isinstance(value, dict):
        return {key: _reversed_keys(value[key]) for key in reversed(list(value))}
    if isinstance(value, list):
        return [_reversed_keys(item) for item in value]
    return value


def cms_save(text: str, edit=None) -> str:
    """What the browser editor writes for a file holding ``text``'s values,
    after ``edit`` (a function changing the loaded values) if given."""
    handler = YAML(typ="safe", pure=True)
    handler.default_flow_style = False
    handler.allow_unicode = True
    handler.sort_base_mapping_type_on_output = False  # keep the reversed order
    values = handler.load(text)
    if edit is not None:
        edit(values)
    stream = io.StringIO()
    handler.dump(_reversed_keys(values), stream)
    return stream.getvalue()


def _need(values, need_id):
    return next(row for row in values["besoins"] if row["id"] == need_id)


def _rows(text: str, shown: str = SHOWN) -> dict:
    tree, problems = read_yaml_text(text, shown)
    rows, more = read_step(BY_FILE[NEEDS], tree, shown)
    assert not [p for p in problems + more if p.is_error], [str(p) for p in problems + more]
    return rows


def _diff(before: str, after: str) -> list:
    return [line for line in difflib.unified_diff(before.splitlines(True),
                                                  after.splitlines(True), n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def _committed() -> str:
    return (EXAMPLE / NEEDS).read_text(encoding="utf-8")


def _set_priority(values):
    _need(values, "B-02")["priorite"] = 3


def _set_statement(values):
    _need(values, "B-03")["enonce"] = "Capter un signal cellulaire : 12:30 sur les routes"


# --- the text functions, without git ------------------------------------------------------

def test_cms_save_loses_comments_order_and_keeps_the_values():
    """The simulation is what the brief describes, and it changes the text."""
    committed = _committed()
    saved = cms_save(committed)
    assert "#" not in saved and saved != committed
    assert saved.startswith("besoins:\n- priorite: 1\n")  # keys reordered
    assert _rows(saved) == _rows(committed)


@pytest.mark.parametrize("edit, field, value, removed, added", [
    (_set_priority, ("B-02", "priorite"), 3, ["    priorite: 1\n"], ["    priorite: 3\n"]),
    (_set_statement, ("B-03", "enonce"), "Capter un signal cellulaire : 12:30 sur les routes",
     ["    enonce: Pouvoir appeler et recevoir des appels sur les routes principales "
      "du territoire\n"],
     ["    enonce: 'Capter un signal cellulaire : 12:30 sur les routes'\n"]),
], ids=["nombre", "texte-avec-deux-points"])
def test_an_edited_value_is_the_only_line_that_differs(edit, field, value, removed, added):
    committed = _committed()
    saved = cms_save(committed, edit)
    need_id, key = field
    # (a) the saved file validates, with the edited value and the others unchanged
    before, after = _rows(committed)["besoins"], _rows(saved)["besoins"]
    assert _need({"besoins": after}, need_id)[key] == value
    assert [row for row in after if row["id"] != need_id] == [
        row for row in before if row["id"] != need_id]
    result = reformat_text(BY_FILE[NEEDS], committed, saved, SHOWN)
    assert result.problems == []
    assert _diff(committed, result.text) == [f"-{line}" for line in removed] + [
        f"+{line}" for line in added]  # (b)
    assert _rows(result.text) == _rows(saved)
    again = reformat_text(BY_FILE[NEEDS], committed, result.text, SHOWN)
    assert again.text == result.text  # (d) twice is once


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLE.glob("*.yml")))
def test_a_save_without_edit_gives_the_committed_file_back_byte_for_byte(name):
    committed = (EXAMPLE / name).read_text(encoding="utf-8")
    saved = cms_save(committed)
    assert saved != committed
    result = reformat_text(BY_FILE[name], committed, saved, f"data/{name}")
    assert result.problems == []
    assert result.text == committed  # (c)


def test_a_value_left_unquoted_by_the_editor_is_quoted_back():
    """YAML 1.2 (the editor) writes 12:30 bare; YAML 1.1 readers take it for a
    number, so the rewritten file quotes it, as « pnt importer » would."""
    committed = _committed()
    saved = committed.replace("    lieu: Cèdreville\n", "    lieu: 12:30\n")
    result = reformat_text(BY_FILE[NEEDS], committed, saved, SHOWN)
    assert _diff(committed, result.text) == ["-    lieu: Cèdreville\n",
                                             '+    lieu: "12:30"\n']


def test_a_new_file_starts_from_the_commented_skeleton():
    saved = cms_save(_committed())
    result = reformat_text(BY_FILE[NEEDS], None, saved, SHOWN, "MRC de Test")
    lines = result.text.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../docs/schemas/03-besoins.schema.json"
    assert lines[1] == "# Plan numérique territorial — MRC de Test"
    assert _rows(result.text) == _rows(saved)
    assert reformat_text(BY_FILE[NEEDS], None, result.text, SHOWN, "MRC de Test").text \
        == result.text


def test_an_unreadable_saved_file_is_reported_with_its_line():
    saved = (BROKEN / "syntaxe-cassee" / NEEDS).read_text(encoding="utf-8")
    result = reformat_text(BY_FILE[NEEDS], _committed(), saved, SHOWN)
    assert result.text == ""
    assert [str(p) for p in result.errors] == [
        "data/03-besoins.yml, ligne 3 : erreur de syntaxe YAML (colonne 11) : des "
        "guillemets ne sont pas refermés"]


def test_an_invalid_saved_value_is_reported_like_the_check():
    saved = (BROKEN / "valeur-invalide" / NEEDS).read_text(encoding="utf-8")
    result = reformat_text(BY_FILE[NEEDS], _committed(), saved, SHOWN)
    assert result.text == ""
    assert [str(p) for p in result.errors] == [
        "data/03-besoins.yml, ligne 4, « priorite » : « haute » n'est pas une valeur "
        "permise (choisir parmi : 1, 2, 3)"]


# --- the command, in a git repository -----------------------------------------------------

def _git(project, *args):
    result = subprocess.run(["git", *GIT_USER, *args], cwd=project, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def repository(tmp_path):
    """A project whose data/ holds the example's files, committed."""
    if shutil.which("git") is None:
        pytest.skip("git absent")
    data = tmp_path / "data"
    data.mkdir()
    for path in EXAMPLE.glob("*.yml"):
        shutil.copy2(path, data / path.name)
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "data")
    _git(tmp_path, "commit", "-q", "-m", "Plan")
    return tmp_path


def formater(project, *args):
    return run([sys.executable, "-m", "macros.cli", "formater", *args], project)


def _data_bytes(project) -> dict:
    return {p.name: p.read_bytes() for p in sorted((project / "data").iterdir())}


def test_formater_restores_a_cms_save_in_a_repository(repository):
    target = repository / "data" / NEEDS
    target.write_text(cms_save(_committed(), _set_priority), encoding="utf-8")
    (repository / "data" / "01-gouvernance.yml").unlink()  # deleted: left alone
    result = formater(repository, "--base", "HEAD")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ("data/03-besoins.yml : remis en forme (commentaires et "
                             "guillemets rétablis)\n")
    diff = _git(repository, "diff", "-U0", "--", f"data/{NEEDS}")
    assert [line for line in diff.splitlines() if line[:1] in "+-"
            and not line.startswith(("+++", "---"))] == ["-    priorite: 1",
                                                        "+    priorite: 3"]
    assert not (repository / "data" / "01-gouvernance.yml").exists()
    before = _data_bytes(repository)
    again = formater(repository, "--base", "HEAD")
    assert (again.returncode, again.stdout) == (0, "Rien à remettre en forme.\n")
    assert _data_bytes(repository) == before


def test_formater_gives_a_new_untracked_file_the_skeleton_header(repository):
    _git(repository, "rm", "-q", f"data/{NEEDS}")
    _git(repository, "commit", "-q", "-m", "Sans besoins")
    (repository / "data" / NEEDS).write_text(cms_save(_committed()), encoding="utf-8")
    result = formater(repository, "--base", "HEAD")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ("data/03-besoins.yml : remis en forme (nouveau fichier : "
                             "en-tête et commentaires du modèle ajoutés)\n")
    text = (repository / "data" / NEEDS).read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert "MRC de la Vallée-des-Cèdres" in text.splitlines()[1]


def test_formater_with_nothing_changed_says_so(repository):
    result = formater(repository, "--base", "HEAD")
    assert (result.returncode, result.stdout) == (0, "Rien à remettre en forme.\n")


@pytest.mark.parametrize("fixture, expected", [
    ("syntaxe-cassee",
     "Erreur : data/03-besoins.yml, ligne 3 : erreur de syntaxe YAML (colonne 11) : "
     "des guillemets ne sont pas refermés\n"),
    ("valeur-invalide",
     "Erreur : data/03-besoins.yml, ligne 4, « priorite » : « haute » n'est pas une "
     "valeur permise (choisir parmi : 1, 2, 3)\n"),
])
def test_formater_writes_nothing_when_a_saved_file_has_an_error(repository, fixture,
                                                                 expected):
    """The other saved file is valid, yet not written either: all or nothing."""
    (repository / "data" / "territoire.yml").write_text(
        cms_save((EXAMPLE / "territoire.yml").read_text(encoding="utf-8")),
        encoding="utf-8")
    shutil.copy2(BROKEN / fixture / NEEDS, repository / "data" / NEEDS)
    before = _data_bytes(repository)
    result = formater(repository, "--base", "HEAD")
    assert result.returncode == 1
    assert result.stdout == expected + (
        "1 erreur, 0 avertissement. Corrigez les erreurs ci-dessus, puis relancez.\n"
        "Rien n'a été remis en forme : corrigez ces erreurs dans les fichiers de data/, "
        "puis relancez. Aucun fichier n'a été écrit.\n")
    assert _data_bytes(repository) == before


def test_formater_with_an_unknown_revision_says_which(repository):
    (repository / "data" / NEEDS).write_text(cms_save(_committed()), encoding="utf-8")
    before = _data_bytes(repository)
    result = formater(repository, "--base", "inexistante")
    assert result.returncode == 1
    assert result.stdout == (
        "Erreur : « inexistante » n'est pas une révision connue de git (ni une branche, "
        "ni une étiquette, ni un commit) : donnez une révision existante, p. ex. --base "
        "main ou --base HEAD (la liste : « git branch -a »). Rien n'a été écrit.\n")
    assert _data_bytes(repository) == before


def test_formater_outside_a_repository_says_why(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / NEEDS).write_text(cms_save(_committed()), encoding="utf-8")
    result = run([sys.executable, "-m", "macros.cli", "formater", "--base", "HEAD"],
                 tmp_path, {"GIT_CEILING_DIRECTORIES": str(tmp_path.parent)})
    assert result.returncode == 1
    assert result.stdout == (
        "Erreur : data/ n'est pas dans un dépôt git : la remise en forme compare les "
        "fichiers à une version enregistrée dans git. Lancez la commande dans une copie "
        "du projet obtenue avec « git clone ». Rien n'a été écrit.\n")
