"""How commands are written to authors (macros/commands.py), the French help
of ``pnt``, and ``make``'s silence after a failing author command.

Authors type what a message says, in the project folder, without a virtual
environment activated: a bare ``pnt verifier`` is « command not found » there.
Every message names ``make verifier`` or ``.venv/bin/pnt …``.
"""

from __future__ import annotations

import argparse
import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, copy_template, missing_tool, run

# « pnt » followed by a word, not after « bin/ » (.venv/bin/pnt): a command
# written as nobody can type it from the project folder.
BARE_COMMAND = re.compile(r"(?<![\w/.-])pnt (?=-*[a-z])")
SUB_COMMANDS = {"verifier", "nouveau", "pdf", "rapport", "a-jour", "trousse", "schemas",
                "exporter", "importer"}
ENGLISH_HELP = re.compile(r"usage|positional arguments|optional arguments|options:|show this"
                          r"|help message|and exit|required|default:", re.IGNORECASE)


def bare_commands(text: str) -> list:
    return [text[max(0, m.start() - 30):m.end() + 20] for m in BARE_COMMAND.finditer(text)]


# --- the forms of macros/commands.py, against the Makefile ---------------------------------

def makefile_recipes() -> dict:
    """{target: its recipe lines}, as the Makefile writes them."""
    recipes, target = {}, None
    for line in (ROOT / "Makefile").read_text(encoding="utf-8").splitlines():
        if line.startswith("\t") and target:
            recipes[target].append(line.strip().lstrip("@"))
            continue
        found = re.match(r"^([a-z][\w-]*):(?!=)", line)
        target = found.group(1) if found else None
        if target:
            recipes[target] = []
    return recipes


def test_make_targets_named_to_authors_run_that_command_without_argument():
    from macros.commands import typed

    recipes = makefile_recipes()
    assert typed("verifier") == "make verifier"
    assert typed("pdf") == "make pdf"
    assert typed("apercu") == "make apercu"
    assert recipes["verifier"][0].startswith("$(VENV)/bin/pnt verifier ")
    assert recipes["pdf"][0].startswith("$(VENV)/bin/pnt pdf ")
    assert "mkdocs serve" in recipes["apercu"][0]


def test_other_commands_are_the_program_of_the_project_venv():
    from macros.commands import typed

    assert re.search(r"^VENV\s*:?=\s*\.venv$", (ROOT / "Makefile").read_text(encoding="utf-8"),
                     re.MULTILINE)
    assert typed("importer", "grilles.xlsx") == ".venv/bin/pnt importer grilles.xlsx"
    assert typed("rapport", "2026") == ".venv/bin/pnt rapport 2026"
    assert typed("trousse") == ".venv/bin/pnt trousse"
    assert "rapport" not in makefile_recipes()  # else the hint would be « make rapport »


# --- pnt --help, in French ----------------------------------------------------------------

def sub_commands() -> list:
    from macros.cli import parser

    actions = [a for a in parser()._actions if isinstance(a, argparse._SubParsersAction)]
    names = sorted(actions[0].choices)
    assert SUB_COMMANDS <= set(names)
    return names


def help_of(pnt_here, project: Path, args: list) -> str:
    result = pnt_here(args, project)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def test_main_help_is_french(tmp_path, pnt_here):
    text = help_of(pnt_here, tmp_path, ["--help"])
    assert text.startswith("Utilisation\u00a0: .venv/bin/pnt ")
    assert "\nArguments\u00a0:\n" in text and "\nOptions\u00a0:\n" in text
    assert "-h, --aide, --help  afficher cette aide et quitter" in text
    assert not ENGLISH_HELP.search(text), text


@pytest.mark.parametrize("flag", ["--help", "--aide", "-h"])
def test_every_sub_command_help_is_french(tmp_path, pnt_here, flag):
    for name in sub_commands():
        text = help_of(pnt_here, tmp_path, [name, flag])
        assert text.startswith(f"Utilisation\u00a0: .venv/bin/pnt {name} "), text
        assert "afficher cette aide et quitter" in text
        assert not ENGLISH_HELP.search(text), text
        titles = [line for line in text.splitlines() if line.endswith(":")]
        assert titles and all(line in ("Arguments\u00a0:", "Options\u00a0:")
                              for line in titles), titles


def test_a_wrong_argument_names_the_help_of_its_sub_command(tmp_path, pnt_here):
    result = pnt_here(["nouveau"], tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("Utilisation\u00a0: .venv/bin/pnt nouveau ")
    assert result.stderr.endswith("Aide\u00a0: .venv/bin/pnt nouveau --help\n")
    assert not re.search(r"usage|error", result.stderr, re.IGNORECASE)


# --- what the commands print: commands as typed ---------------------------------------------

def test_verifier_on_the_example_says_how_to_start_a_plan(tmp_path, pnt_here):
    result = pnt_here(["verifier"], copy_template(tmp_path / "projet"))
    assert 'Lancez « .venv/bin/pnt nouveau "MRC de …" » pour commencer' in result.stdout
    assert bare_commands(result.stdout) == []


def test_a_missing_data_folder_says_how_to_create_it(tmp_path, pnt_here):
    result = pnt_here(["verifier", "--dossier", str(tmp_path / "absent")], tmp_path)
    assert result.returncode == 1
    assert 'dossier introuvable : lancer « .venv/bin/pnt nouveau "MRC de …" »' in result.stdout
    assert bare_commands(result.stdout) == []


def test_nouveau_names_make_verifier_in_its_hint_and_every_file(tmp_path, pnt_here):
    project = copy_template(tmp_path / "projet")
    result = pnt_here(["nouveau", "MRC de Commande"], project)
    assert result.returncode == 0, result.stdout
    assert ("vérifiez-les avec « make verifier », puis prévisualisez le site avec "
            "« make apercu »") in result.stdout
    assert bare_commands(result.stdout) == []
    for path in sorted((project / "data").glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        assert "# Ce fichier appartient au territoire. Vérifiez-le avec « make verifier »." in (
            text), path.name
        assert bare_commands(text) == [], path.name


def test_exporter_and_importer_name_the_commands_as_typed(tmp_path, pnt_here):
    project = copy_template(tmp_path / "projet")
    assert pnt_here(["nouveau", "MRC de Classeur"], project).returncode == 0
    workbook = tmp_path / "grilles.xlsx"
    exported = pnt_here(["exporter", str(workbook)], project)
    assert exported.returncode == 0, exported.stdout
    assert f"« .venv/bin/pnt importer {workbook} »" in exported.stdout
    (project / "data" / "01-gouvernance.yml").write_text("porteur: [\n", encoding="utf-8")
    imported = pnt_here(["importer", str(workbook)], project)
    assert imported.returncode == 1
    assert "corriger ce fichier (« make verifier ») avant d'importer" in imported.stdout
    assert bare_commands(exported.stdout + imported.stdout) == []


# --- no bare command in the sources of what authors read -------------------------------------

def _docstrings(tree) -> set:
    """The ids of the docstring nodes: written for developers, not shown."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def python_strings(path: Path) -> list:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = _docstrings(tree)
    return [node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in skipped]


def author_texts():
    """(file, text) of everything an author may read: messages, templates,
    data file headers, the guide."""
    for path in sorted((ROOT / "macros").rglob("*.py")):
        yield path, "\n".join(python_strings(path))
    for pattern in ("macros/templates/**/*.html", "overrides/**/*.html", "exemple/*.yml",
                    "docs/*.md", "data/*.md"):
        for path in sorted(ROOT.glob(pattern)):
            yield path, path.read_text(encoding="utf-8")


def test_no_source_writes_a_bare_command():
    found = {str(path.relative_to(ROOT)): bare_commands(text)
             for path, text in author_texts() if bare_commands(text)}
    assert found == {}


def test_the_source_scan_sees_a_bare_command(tmp_path):
    """The scan above finds a message written the old way."""
    sample = tmp_path / "sample.py"
    sample.write_text('"""Docstring: ``pnt verifier``."""\n'
                      'MESSAGE = f"vérifiez-les avec « pnt verifier » ({1})"\n',
                      encoding="utf-8")
    found = [bare for text in python_strings(sample) for bare in bare_commands(text)]
    assert len(found) == 1 and "« pnt verifier »" in found[0]  # the docstring is not shown
    assert bare_commands("Lancez « .venv/bin/pnt nouveau » ou make verifier") == []


# --- make: no English line after a failing author command ---------------------------------

def make_in(project: Path, target: str, script: str = "{}") -> subprocess.CompletedProcess:
    """``make target`` in ``project`` (within the bash ``script``), with the
    tests' own virtual environment, never reinstalled (``-o``: its stamp is
    taken as up to date)."""
    venv = Path(sys.executable).parent.parent
    if shutil.which("make") is None:
        missing_tool("make absent")
    if not (venv / "bin" / "pnt").exists():
        missing_tool(f"{venv}/bin/pnt absent : les tests doivent tourner dans le venv du projet")
    command = f"make {target} VENV={venv} -o {venv}/.installe"
    return run(["bash", "-c", script.format(command)], project)


@pytest.fixture
def broken_project(tmp_path) -> Path:
    """A copy of the project whose territory file is not YAML."""
    project = copy_template(tmp_path / "projet")
    shutil.copy2(ROOT / "Makefile", project / "Makefile")
    (project / "data" / "territoire.yml").write_text("nom: [\n", encoding="utf-8")
    return project


@pytest.mark.parametrize("target, said", [
    ("verifier", "Corrigez les erreurs ci-dessus, puis relancez."),
    ("pdf", "Le PDF n'a pas été produit : corrigez d'abord les données."),
])
def test_failing_make_target_ends_with_the_french_message_and_fails(broken_project, target,
                                                                    said):
    result = make_in(broken_project, target)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "data/territoire.yml, ligne 2 : erreur de syntaxe YAML" in result.stdout
    assert result.stdout.rstrip().endswith(said)
    assert "Error" not in output and "make:" not in output and "***" not in output, output
    assert result.stderr == ""


def test_failing_make_verifier_stops_a_set_e_script(broken_project):
    result = make_in(broken_project, "verifier", "set -e; {}; echo APRES")
    assert result.returncode == 141  # make ended by SIGPIPE: see the Makefile
    assert "APRES" not in result.stdout


def test_make_verifier_on_good_data_succeeds_quietly(tmp_path):
    project = copy_template(tmp_path / "projet")
    shutil.copy2(ROOT / "Makefile", project / "Makefile")
    result = make_in(project, "verifier")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 erreur" in result.stdout
    assert "kill" not in result.stdout + result.stderr
