"""JSON Schemas for editors, generated from the grid declarations.

Editors that use yaml-language-server (VS Code's YAML extension, among
others) read the ``# yaml-language-server: $schema=…`` line at the top of
each data file and then complete field names, list permitted values and
underline mistakes while the author types. The schemas accept every form
the validator reads (``2,5``, ``"1 500 $"``, ``oui``), and the validator
remains the final word.
"""

from __future__ import annotations

import json
from pathlib import Path

from . import model
from .catalog import GRIDS, STEPS
from .values import FALSE_WORDS, TRUE_WORDS

SCHEMA_DIR = Path("docs") / "schemas"
DRAFT = "https://json-schema.org/draft/2020-12/schema"

_SPACES = "[ \u00a0\u202f]"
_NUMBER_TEXT = rf"^[+-]?[0-9]+({_SPACES}?[0-9]{{3}})*([.,][0-9]+)?$"


def _scalar_schema(column) -> dict:
    kind = column.kind
    if kind == model.CHOICE:
        choices = list(column.choices)
        return {"enum": choices + [str(c) for c in choices if not isinstance(c, str)]}
    if kind in (model.TEXT, model.LONG_TEXT):
        if column.pattern:
            return {"type": "string", "pattern": column.pattern}
        return {"type": ["string", "number", "boolean"]}
    if kind == model.INTEGER:
        return {"type": ["integer", "string"], "pattern": rf"^[+-]?[0-9]+({_SPACES}?[0-9]{{3}})*$"}
    if kind == model.NUMBER:
        return {"type": ["number", "string"], "pattern": _NUMBER_TEXT}
    if kind == model.PERCENT:
        return {"type": ["number", "string"], "minimum": 0, "maximum": 100,
                "pattern": r"^[0-9]+([.,][0-9]+)?\s?%?$"}
    if kind == model.AMOUNT:
        return {"type": ["number", "string"], "minimum": 0,
                "pattern": r"^[0-9 \u00a0\u202f.,$]+(\s*(–|—|-|à)\s*[0-9 \u00a0\u202f.,$]+)?$"}
    if kind == model.DATE:
        return {"type": ["string", "integer"],
                "pattern": r"^[0-9]{4}(-[0-9]{1,2}(-[0-9]{1,2})?)?$",
                "minimum": 1900, "maximum": 2200}
    if kind == model.YEAR:
        return {"type": ["integer", "string"], "minimum": 1900, "maximum": 2200,
                "pattern": r"^[0-9]{4}$"}
    if kind == model.BOOLEAN:
        words = sorted(TRUE_WORDS | FALSE_WORDS)
        return {"anyOf": [{"type": "boolean"}, {"enum": words}]}
    if kind == model.LINK:
        return {"type": "string", "pattern": r"^https?://\S+$"}
    if kind == model.EMAIL:
        return {"type": "string", "pattern": r"^[^@\s]+@[^@\s]+\.[^@\s]+$"}
    if kind == model.REF:
        return _reference_schema(column)
    raise ValueError(f"no scalar schema for kind {kind}")


def _reference_schema(column) -> dict:
    target = GRIDS[column.target]
    if target.id_prefix:
        return {"type": "string", "pattern": rf"^{target.id_prefix}-[0-9]{{1,4}}$"}
    return {"type": "string"}


def column_schema(column) -> dict:
    kind = column.kind
    if kind in (model.REFS, model.TEXT_LIST):
        item = _reference_schema(column) if kind == model.REFS else {
            "type": ["string", "number"]}
        schema = {"anyOf": [{"type": "array", "items": item,
                             "minItems": column.min_items}, {"type": "string"}]}
    elif kind == model.SUBLIST:
        schema = {"type": "array", "items": record_schema(column.columns)}
    else:
        schema = _scalar_schema(column)
    described = {"title": column.label, "description": column.help}
    if not column.required:
        return {**described, "anyOf": [schema, {"type": "null"}]}
    return {**described, **schema}


def record_schema(columns) -> dict:
    return {
        "type": "object",
        "additionalProperties": False,
        "properties": {c.key: column_schema(c) for c in columns},
        "required": [c.key for c in columns if c.required],
    }


def grid_schema(grid) -> dict:
    record = record_schema(grid.columns)
    described = {"title": grid.title, "description": grid.purpose}
    if grid.shape == model.RECORD:
        return {**described, "anyOf": [record, {"type": "null"}]}
    return {**described, "anyOf": [{"type": "array", "items": record},
                                    {"type": "null"}]}


def step_schema(step) -> dict:
    title = "Le territoire" if step.number == 0 else f"Étape {step.number} — {step.title}"
    return {
        "$schema": DRAFT,
        "$id": f"{step.slug}.schema.json",
        "title": f"Plan numérique territorial : {title}",
        "type": ["object", "null"],
        "additionalProperties": False,
        "properties": {grid.key: grid_schema(grid) for grid in step.grids},
        "required": [grid.key for grid in step.grids if grid.required],
    }


def schema_text(step) -> str:
    return json.dumps(step_schema(step), ensure_ascii=False, indent=2) + "\n"


def schema_filename(step) -> str:
    return f"{step.slug}.schema.json"


def expected_schemas() -> dict:
    """{file name: text} of every schema, as they should be committed."""
    return {schema_filename(step): schema_text(step) for step in STEPS}


def write_schemas(folder: Path) -> list:
    """Write the schemas; return the names of the files that changed."""
    from .files import write_atomically

    folder.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, text in expected_schemas().items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            write_atomically(path, text)
            changed.append(name)
    return changed
