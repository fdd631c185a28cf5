"""Editor schemas, the pnt command and the per-process data cache."""

from __future__ import annotations

import json
import os
import re
import shutil

import jsonschema
import pytest

from conftest import ROOT, copy_template, pnt
from macros import loader
from macros.catalog import STEPS
from macros.schema import SCHEMA_DIR, expected_schemas
from macros.yamlread import Map, Scalar, Seq, read_yaml

SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


# --- JSON Schemas --------------------------------------------------------------------

def test_committed_schemas_are_up_to_date():
    expected = expected_schemas()
    committed = {p.name: p.read_text(encoding="utf-8")
                 for p in (ROOT / SCHEMA_DIR).glob("*.schema.json")}
    stale = sorted(name for name in expected if committed.get(name) != expected[name])
    extra = sorted(set(committed) - set(expected))
    assert not stale and not extra, (
        f"schémas périmés {stale} ou en trop {extra} : lancer « pnt schemas »")


def _as_editor_reads_it(node):
    """What a YAML 1.2 editor sees (core schema): the JSON the schema checks."""
    if isinstance(node, Map):
        return {key: _as_editor_reads_it(entry.value) for key, entry in node.entries.items()}
    if isinstance(node, Seq):
        return [_as_editor_reads_it(item) for item in node.items]
    if node.quoted:
        return node.text
    text = node.text
    if node.is_null:
        return None
    if text in ("true", "false"):
        return text == "true"
    if re.fullmatch(r"[-+]?[0-9]+", text):
        return int(text)
    if re.fullmatch(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?", text):
        return float(text)
    return text


def _validator(step):
    schema = json.loads((ROOT / SCHEMA_DIR / f"{step.slug}.schema.json").read_text())
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("step", STEPS, ids=lambda s: s.slug)
def test_schema_accepts_the_example(step):
    tree, problems = read_yaml(ROOT / "exemple" / step.filename, step.filename)
    assert not problems
    errors = list(_validator(step).iter_errors(_as_editor_reads_it(tree)))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]


def test_schema_rejects_an_unknown_choice_and_field():
    """Negative control: the editor underlines what the build would refuse."""
    step = next(s for s in STEPS if s.slug == "03-besoins")
    data = {"besoins": [{"id": "B-01", "enonce": "x", "clientele": "population",
                         "categorie": "usages", "priorite": "haute", "prioritee": 1}]}
    messages = [e.message for e in _validator(step).iter_errors(data)]
    assert any("haute" in m for m in messages)
    assert any("prioritee" in m for m in messages)


def test_every_example_file_points_to_its_schema():
    for step in STEPS:
        path = ROOT / "exemple" / step.filename
        first = path.read_text(encoding="utf-8").splitlines()[0]
        match = SCHEMA_LINE.match(first)
        assert match, f"{path}: première ligne sans $schema"
        target = (path.parent / match.group(1)).resolve()
        assert target == (ROOT / SCHEMA_DIR / f"{step.slug}.schema.json").resolve()


# --- pnt nouveau / verifier ---------------------------------------------------------------

def test_nouveau_writes_commented_skeletons_that_verify(projet_vierge):
    data = projet_vierge / "data"
    assert sorted(p.name for p in data.glob("*.yml")) == sorted(s.filename for s in STEPS)
    assert (data / "LISEZMOI.md").exists()
    for step in STEPS:
        text = (data / step.filename).read_text(encoding="utf-8")
        target = SCHEMA_LINE.match(text.splitlines()[0]).group(1)
        assert (data / target).resolve() == (
            projet_vierge / SCHEMA_DIR / f"{step.slug}.schema.json").resolve()
        for grid in step.grids:
            assert f"\n{grid.key}:" in text
    result = pnt(["verifier"], projet_vierge)
    assert result.returncode == 0, result.stdout
    assert "0 erreur" in result.stdout
    territory = (data / "territoire.yml").read_text(encoding="utf-8")
    assert 'nom: "MRC de Test-Vierge"' in territory
    assert "periode_debut: 2027" in territory and "periode_fin: 2031" in territory


def test_uncommented_skeleton_row_is_read(tmp_path):
    """An author removes the # of a model row and fills it: the build reads it."""
    project = copy_template(tmp_path / "projet")
    assert pnt(["nouveau", "MRC de Modèle"], project).returncode == 0
    path = project / "data" / "05-etat-de-situation.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index("ffom:")
    lines[start + 1] = "   - type: force"
    lines[start + 2] = "     enonce: Un réseau d'organismes solide"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    loaded = loader.load_folder(project / "data", "data")
    assert not loaded.errors, [str(p) for p in loaded.errors]
    assert loaded.data["ffom"][0]["enonce"] == "Un réseau d'organismes solide"


def test_nouveau_refuses_to_overwrite_a_plan(projet_vierge):
    before = (projet_vierge / "data" / "territoire.yml").read_bytes()
    result = pnt(["nouveau", "MRC d'Ailleurs"], projet_vierge)
    assert result.returncode == 1
    assert "contient déjà un plan" in result.stdout and "Rien n'a été modifié" in result.stdout
    assert (projet_vierge / "data" / "territoire.yml").read_bytes() == before


def test_nouveau_remplacer_keeps_the_old_plan(tmp_path):
    project = copy_template(tmp_path / "projet")
    shutil.copytree(ROOT / "exemple", project / "data", dirs_exist_ok=True)
    result = pnt(["nouveau", "MRC de Rechange", "--remplacer"], project)
    assert result.returncode == 0, result.stdout
    backups = [p for p in project.iterdir() if p.name.startswith("data-sauvegarde-")]
    assert len(backups) == 1
    assert (backups[0] / "03-besoins.yml").read_bytes() == (
        ROOT / "exemple" / "03-besoins.yml").read_bytes()
    assert "MRC de Rechange" in (project / "data" / "territoire.yml").read_text()


def test_nouveau_rejects_an_unknown_region_without_writing(tmp_path):
    project = copy_template(tmp_path / "projet")
    result = pnt(["nouveau", "MRC X", "--region", "Gaspésie"], project)
    assert result.returncode == 1
    assert "n'est pas une région administrative" in result.stdout
    assert not list((project / "data").glob("*.yml"))


def test_command_errors_are_french(tmp_path):
    result = pnt(["verifer"], tmp_path)
    assert result.returncode == 2
    assert "Erreur : argument commande: choix invalide" in result.stderr


def test_verifier_on_the_example_says_so(tmp_path):
    project = copy_template(tmp_path / "projet")
    result = pnt(["verifier"], project)
    assert result.returncode == 0
    assert "territoire d'exemple" in result.stdout


# --- cache -------------------------------------------------------------------------------------

def test_data_is_read_once_until_a_file_changes(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "tests" / "fixtures" / "minimal", folder)
    monkeypatch.setenv(loader.DATA_ENV, str(folder))
    loader.clear_cache()
    first = loader.load(tmp_path)
    assert loader.load(tmp_path) is first
    path = folder / "03-besoins.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("priorite: 1", "priorite: 2", 1), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    second = loader.load(tmp_path)
    assert second is not first
    assert second.data["besoins"][0]["priorite"] != first.data["besoins"][0]["priorite"]


def test_nouveau_keeps_quotes_and_backslashes_of_the_name(tmp_path):
    project = copy_template(tmp_path / "projet")
    name = 'MRC du "Haut" \\ Bas'
    assert pnt(["nouveau", name], project).returncode == 0
    loaded = loader.load_folder(project / "data", "data")
    assert not loaded.errors
    assert loaded.data["territoire"]["nom"] == name


def test_nouveau_rejects_a_name_on_two_lines(tmp_path):
    project = copy_template(tmp_path / "projet")
    result = pnt(["nouveau", "MRC X\nstatut: adopté"], project)
    assert result.returncode == 1 and "sur une ligne" in result.stdout
    assert not list((project / "data").glob("*.yml"))


def test_navigation_titles_are_the_catalog_step_titles():
    import yaml

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), _Loader)
    section = next(item for item in config["nav"] if "La démarche en dix étapes" in item)
    step_pages = {s.page: s for s in STEPS if s.number}
    entries = [next(iter(entry.items())) for entry in section["La démarche en dix étapes"]
               if isinstance(entry, dict)]
    titles = [title for title, page in entries if page in step_pages]
    assert titles == [f"{s.number}. {s.title}" for s in STEPS if s.number]
