"""The commented, empty data files of a new plan (``pnt nouveau``).

Each file lists its grids with their purpose and, for every field, its help
and permitted values, as comments an author uncomments and fills in.
"""

from __future__ import annotations

import json

from ..commands import quoted
from ..plan.catalog import STEPS
from ..plan.model import LIST
from .schemas import schema_filename

SCHEMA_PATH = "../docs/schemas"
RULE = "─" * 60


def _field_comment(column) -> str:
    note = column.help
    if column.required:
        note += " (obligatoire)"
    if column.choices:
        note += " Valeurs : " + ", ".join(str(c) for c in column.choices) + "."
    return note


def _field_lines(columns, indent: str, first_prefix: str) -> list:
    lines = []
    for position, column in enumerate(columns):
        prefix = first_prefix if position == 0 else " " * len(first_prefix)
        lines.append(f"#{indent}{prefix}{column.key}:    # {_field_comment(column)}")
        for sub_position, sub in enumerate(column.columns):
            dash = "- " if sub_position == 0 else "  "
            lines.append(f"#{indent}{' ' * len(first_prefix)}  {dash}{sub.key}:    "
                         f"# {_field_comment(sub)}")
    return lines


def grid_block(grid) -> list:
    lines = [f"# {RULE}", f"# Grille {grid.number} — {grid.title}", f"# {grid.purpose}"]
    if grid.shape == LIST:
        lines.append("# Une ligne par élément : enlevez les # devant le modèle, "
                     "copiez-le autant de fois que nécessaire et remplissez-le.")
        lines.append(f"{grid.key}:")
        lines += _field_lines(grid.columns, " ", "  - ")
    else:
        lines.append("# Enlevez les # devant les champs et remplissez-les.")
        lines.append(f"{grid.key}:")
        lines += _field_lines(grid.columns, " ", "  ")
    return lines + [""]


def _header(step, territory_name: str) -> list:
    return [
        f"# yaml-language-server: $schema={SCHEMA_PATH}/{schema_filename(step)}",
        f"# Plan numérique territorial — {territory_name}",
        f"# {step.label}",
        "#",
        f"# Ce fichier appartient au territoire. Vérifiez-le avec {quoted('verifier')}.",
        "# Aide : une ligne qui commence par # est un commentaire, ignoré par le site.",
        "# Un fait que votre source ne donne pas s'écrit « inconnu », jamais 0.",
        "",
    ]


def yaml_value(value) -> str:
    """A value as YAML: numbers bare, text double-quoted (JSON is valid YAML)."""
    if isinstance(value, int):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)


def _record_lines(grid, values: dict) -> list:
    """A record's fields: filled where a value is known, commented otherwise."""
    lines = []
    for column in grid.columns:
        if column.key in values:
            lines.append(f"  {column.key}: {yaml_value(values[column.key])}    "
                         f"# {_field_comment(column)}")
        else:
            lines.append(f"  # {column.key}:    # {_field_comment(column)}")
    return lines


def territory_file(values: dict) -> str:
    step = STEPS[0]
    record, municipalities = step.grids
    lines = _header(step, values["nom"]) + [
        f"# {RULE}",
        f"# Grille {record.number} — {record.title}",
        f"# {record.purpose}",
        f"{record.key}:",
    ] + _record_lines(record, values) + [""]
    lines += grid_block(municipalities)
    return "\n".join(lines).rstrip("\n") + "\n"


def step_file(step, territory_name: str) -> str:
    lines = _header(step, territory_name)
    for grid in step.grids:
        lines += grid_block(grid)
    return "\n".join(lines).rstrip("\n") + "\n"


def skeleton_files(values: dict) -> dict:
    """{file name: text} for a new plan; ``values`` fills the territory record."""
    files = {STEPS[0].filename: territory_file(values)}
    for step in STEPS[1:]:
        files[step.filename] = step_file(step, values["nom"])
    return files
