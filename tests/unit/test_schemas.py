"""The JSON Schemas for editors (outputs/schemas.py): committed up to date,
accepting what the build accepts, refusing what it refuses."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest

from conftest import ROOT
from macros.outputs.schemas import SCHEMA_DIR, expected_schemas
from macros.plan.catalog import STEPS
from macros.reading.yamlread import Map, Seq, read_yaml

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
