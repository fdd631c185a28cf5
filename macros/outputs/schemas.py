"""JSON Schemas, generated from the grid declarations: one per data file for
editors, and one for the published ``plan.json``.

Editors that use yaml-language-server (VS Code's YAML extension, among
others) read the ``# yaml-language-server: $schema=…`` line at the top of
each data file and then complete field names, list permitted values and
underline mistakes while the author types. Those schemas accept every form
the validator reads (``2,5``, ``"1 500 $"``, ``oui``), and the validator
remains the final word. The schema of ``plan.json`` describes the typed
values a program reads. Each kind gives its own fragment (``plan/kinds/``).
"""

from __future__ import annotations

import json
from pathlib import Path

from ..plan.catalog import GRIDS, STEPS
from ..plan.model import RECORD

SCHEMA_DIR = Path("docs") / "schemas"
DRAFT = "https://json-schema.org/draft/2020-12/schema"
PLAN_SCHEMA = "plan.schema.json"


# --- what an author may type (editors) -----------------------------------------------

class _Typed:
    """What a kind needs to describe nested values in an editor schema."""

    @staticmethod
    def record(columns) -> dict:
        return record_schema(columns)

    @staticmethod
    def id_schema(target: str) -> dict:
        grid = GRIDS[target]
        if grid.id_prefix:
            return {"type": "string", "pattern": grid.id_pattern}
        return {"type": "string"}


# « inconnu », in any capitalisation (JSON Schema patterns have no flag for it).
UNKNOWN_INPUT = {"type": "string", "pattern": r"^\s*[Ii][Nn][Cc][Oo][Nn][Nn][Uu][Ee]?\s*$"}


def column_schema(column, identifier: str = "") -> dict:
    schema = column.kind.input_schema(column, _Typed)
    if column.accepts_unknown and column.key != identifier:
        schema = {"anyOf": [schema, UNKNOWN_INPUT]}
    described = {"title": column.label, "description": column.help}
    if not column.required:
        return {**described, "anyOf": [schema, {"type": "null"}]}
    return {**described, **schema}


def record_schema(columns, identifier: str = "") -> dict:
    return {
        "type": "object",
        "additionalProperties": False,
        "properties": {c.key: column_schema(c, identifier) for c in columns},
        "required": [c.key for c in columns if c.required],
    }


def grid_schema(grid) -> dict:
    record = record_schema(grid.columns, grid.identifier)
    described = {"title": grid.title, "description": grid.purpose}
    if grid.shape == RECORD:
        return {**described, "anyOf": [record, {"type": "null"}]}
    return {**described, "anyOf": [{"type": "array", "items": record},
                                    {"type": "null"}]}


def step_schema(step) -> dict:
    return {
        "$schema": DRAFT,
        "$id": f"{step.slug}.schema.json",
        "title": f"Plan numérique territorial : {step.label}",
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
    """Write the schemas that changed, all or none; return their names."""
    from .files import write_all

    changed = {name: text for name, text in expected_schemas().items()
               if not (folder / name).is_file()
               or (folder / name).read_text(encoding="utf-8") != text}
    write_all({folder / name: text for name, text in changed.items()})
    return list(changed)


# --- the typed values of plan.json ---------------------------------------------------------

def data_column_schema(column) -> dict:
    schema = column.kind.data_schema(column, data_row_schema)
    described = {"title": column.label, "description": column.help}
    if (column.required and not column.accepts_unknown) or column.is_list:
        return {**described, **schema}
    return {**described, "anyOf": [schema, {"type": "null"}]}


def data_row_schema(columns) -> dict:
    properties = {c.key: data_column_schema(c) for c in columns}
    unknowable = [c.key for c in columns if c.accepts_unknown]
    if unknowable:
        properties["inconnus"] = {
            "title": "Champs inconnus",
            "description": ("Les champs que la source ne donne pas (écrits « inconnu ») ; "
                            "leur valeur est null."),
            "type": "array", "uniqueItems": True, "items": {"enum": unknowable}}
    return {"type": "object", "additionalProperties": False,
            "required": [c.key for c in columns], "properties": properties}


def plan_schema() -> dict:
    """The JSON Schema of ``plan.json``, from the grid declarations."""
    grids = {}
    for step in STEPS:
        for grid in step.grids:
            row = data_row_schema(grid.columns)
            described = {"title": grid.title, "description": grid.purpose}
            if grid.shape == RECORD:
                grids[grid.key] = {**described, "anyOf": [row, {"type": "null"}]}
            else:
                grids[grid.key] = {**described, "type": "array", "items": row}
    return {
        "$schema": DRAFT,
        "$id": PLAN_SCHEMA,
        "title": "Plan numérique territorial : données du plan",
        "type": "object",
        "additionalProperties": False,
        "required": ["titre", "licence", "grilles"],
        "properties": {
            "$schema": {"type": "string"},
            "titre": {"type": "string"},
            "licence": {"type": "string"},
            "grilles": {"type": "object", "additionalProperties": False,
                        "required": list(grids), "properties": grids},
        },
    }
