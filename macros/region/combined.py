"""The territories' open data joined: one CSV per grid with a first column
« territoire » (the territory's name), and its ``datapackage.json``, whose keys
take that column in (a project's « P-01 » is one per territory).

Cells are copied as each territory published them (same version, same
columns: ``packages.py`` checked), so nothing is read again nor rounded.
"""

from __future__ import annotations

import csv
import io
import json

from .. import __version__
from ..outputs import datapackage
from ..outputs.opendata import SEPARATOR, csv_columns, csv_name
from ..plan import french
from ..spreadsheet.formulas import guarded
from ..spreadsheet.layout import sheet_specs

FOLDER = "donnees"
TERRITORY = "territoire"
TERRITORY_FIELD = {"name": TERRITORY, "title": "Territoire", "type": "string",
                   "description": "Le nom du territoire dont la ligne vient.",
                   "constraints": {"required": True}}


def _csv(header: list, rows: list) -> bytes:
    stream = io.StringIO()
    writer = csv.writer(stream, delimiter=SEPARATOR, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" + stream.getvalue()).encode("utf-8")


def _with_territory(schema: dict) -> dict:
    """A territory's Table Schema with the « territoire » column in its keys."""
    combined = {"fields": [dict(TERRITORY_FIELD), *schema["fields"]],
                "missingValues": schema["missingValues"]}
    if "primaryKey" in schema:
        combined["primaryKey"] = [TERRITORY, *schema["primaryKey"]]
    if "foreignKeys" in schema:
        combined["foreignKeys"] = [
            {"fields": [TERRITORY, key["fields"]],
             "reference": {"resource": key["reference"]["resource"],
                           "fields": [TERRITORY, key["reference"]["fields"]]}}
            for key in schema["foreignKeys"]]
    return combined


def combined_files(territories: list) -> list:
    """(file name, bytes, rows, title) of each combined CSV, then the package."""
    files, resources = [], []
    for spec in sheet_specs():
        name = csv_name(spec)
        columns = csv_columns(spec)
        rows = [[guarded(t.name), *row] for t in territories for row in t.tables[name]]
        content = _csv([TERRITORY, *[c.name for c in columns]], rows)
        title = f"{spec.number} {spec.title}"
        files.append((name, content, len(rows), title))
        schema = datapackage.table_schema(spec.grid, columns, spec.sublist is not None)
        resources.append(datapackage.csv_resource(
            name, title, f"{spec.purpose} Une ligne par ligne de chaque territoire.",
            _with_territory(schema)))
    package = {
        "name": "pnt-vue-regionale",
        "title": "Plans numériques territoriaux — vue régionale",
        "description": "Les données ouvertes des plans numériques territoriaux de "
                       f"{french.count(len(territories), 'territoire', 'territoires')}, "
                       "réunies grille par grille (colonne « territoire »). Chaque "
                       "territoire garde la licence de ses propres données.",
        datapackage.VERSION_KEY: __version__,
        "sources": [{"title": t.name, **({"path": t.record["site_url"]}
                                         if t.record.get("site_url") else {})}
                    for t in territories],
        "resources": resources,
    }
    content = (json.dumps(package, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    files.append((datapackage.PACKAGE, content, 0, "Description du jeu de données"))
    return files
