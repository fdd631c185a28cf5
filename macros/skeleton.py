"""The commented, empty data files of a new plan (``pnt nouveau``).

Each file lists its grids with their purpose and, for every field, its help
and permitted values, as comments an author uncomments and fills in.
"""

from __future__ import annotations

from . import model
from .catalog import STEPS
from .schema import schema_filename

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


def grid_block(grid, number: str) -> list:
    lines = [f"# {RULE}", f"# Grille {number} — {grid.title}", f"# {grid.purpose}"]
    if grid.shape == model.LIST:
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
    title = "Le territoire" if step.number == 0 else f"Étape {step.number} — {step.title}"
    return [
        f"# yaml-language-server: $schema={SCHEMA_PATH}/{schema_filename(step)}",
        f"# Plan numérique territorial — {territory_name}",
        f"# {title}",
        "#",
        "# Ce fichier appartient au territoire. Vérifiez-le avec « pnt verifier ».",
        "# Aide : une ligne qui commence par # est un commentaire, ignoré par le site.",
        "",
    ]


def territory_file(name: str, kind: str, start: int, end: int, region: str = "",
                   code: str = "") -> str:
    step = STEPS[0]
    quoted = name.replace('"', '\\"')
    lines = _header(step, name) + [
        f"# {RULE}",
        "# Grille 0.1 — Le territoire",
        "territoire:",
        f"  type: {kind}",
        f'  nom: "{quoted}"',
        f'  code_geographique: "{code}"' if code else
        '  # code_geographique: "000"    # Code du Répertoire des municipalités, entre guillemets.',
        f"  region: {region}" if region else
        "  # region:    # Une des 17 régions administratives du Québec.",
        f"  periode_debut: {start}",
        f"  periode_fin: {end}",
        "  statut: brouillon    # « adopté » une fois la résolution du conseil votée",
        "  # date_adoption:    # AAAA-MM-JJ, une fois le plan adopté",
        "  # resolution:    # Numéro de la résolution d'adoption",
        "  # description:    # Une phrase qui présente le plan",
        "  # site_url:    # Adresse publique du site, p. ex. https://plannumerique.mrc-exemple.qc.ca/",
        "  # licence: CC BY 4.0",
        "",
    ]
    lines += grid_block(step.grids[1], "0.2")
    return "\n".join(lines).rstrip("\n") + "\n"


def step_file(step, territory_name: str) -> str:
    lines = _header(step, territory_name)
    for position, grid in enumerate(step.grids, start=1):
        lines += grid_block(grid, f"{step.number}.{position}")
    return "\n".join(lines).rstrip("\n") + "\n"


def skeleton_files(name: str, kind: str, start: int, end: int, region: str = "",
                   code: str = "") -> dict:
    """{file name: text} for a new plan."""
    files = {STEPS[0].filename: territory_file(name, kind, start, end, region, code)}
    for step in STEPS[1:]:
        files[step.filename] = step_file(step, name)
    return files
