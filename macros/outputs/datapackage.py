"""``donnees/datapackage.json``: the open data described as a Frictionless Data
Package (https://specs.frictionlessdata.io/data-package/), so that any
Frictionless reader (frictionless-py, R, Excel's Power Query through it, Données
Québec's validators) reads each CSV with its types, keys and dialect.

One resource per CSV, with its Table Schema: a field per CSV column, typed by
its column's kind (``Kind.table_fields``), titled and described from the
catalog; the grid's identifier as primary key; a reference to one row of
another grid as a foreign key (a list of ids in one cell, or a phrase such as
« ensemble du territoire », cannot be one); a sub-list's first column as a
foreign key to its parent row. An empty cell is a missing value: the
« inconnus » column says which of them the author wrote « inconnu ». The
dialect: « ; » and the decimal comma, UTF-8 with a byte order mark
(``opendata.py`` says why). Then ``plan.json``, with its JSON Schema.

« pnt:version » is the template version that wrote the package: a regional
view (``region/``) reads a package only in a format it knows.
"""

from __future__ import annotations

import re

from .. import __version__
from ..plan.catalog import GRIDS
from ..plan.kinds import REF
from ..plan.values import fold

PACKAGE = "datapackage.json"
VERSION_KEY = "pnt:version"
PLAN_RESOURCE = "plan"
PLAN_SCHEMA_KEY = "pnt:jsonSchema"  # plan.json's JSON Schema (not a Table Schema)
DIALECT = {"delimiter": ";", "header": True}
ENCODING = "utf-8-sig"  # UTF-8, with the byte order mark that Excel needs
LICENCE_IDS = {"cc by 4.0": "CC-BY-4.0", "cc-by 4.0": "CC-BY-4.0", "cc0": "CC0-1.0",
               "cc0 1.0": "CC0-1.0"}


def resource_name(csv_file_name: str) -> str:
    """« projets-financement.csv » → « projets-financement » (lower case, digits,
    « - », « _ », « . »: what a Data Package resource name allows)."""
    return csv_file_name.rsplit(".", 1)[0]


def _primary_key(grid) -> list:
    return [grid.id_key] if grid.id_prefix else []


def _foreign_key(name: str, column) -> dict | None:
    """A reference to one identified row; None when the column cannot be one."""
    if column.kind is not REF or column.whole:
        return None
    target = GRIDS[column.target]
    if not _primary_key(target):
        return None
    return {"fields": name,
            "reference": {"resource": target.key, "fields": target.id_key}}


def table_schema(grid, columns, parent: bool) -> dict:
    """The Table Schema of a CSV. ``columns``: its ``opendata`` CSV columns, each
    with ``name`` and ``table_field()``; ``parent``: the first one is a
    sub-list's parent row."""
    fields, foreign_keys = [], []
    for position, csv_column in enumerate(columns):
        field = csv_column.table_field()
        column = getattr(csv_column, "column", None)
        key = _foreign_key(csv_column.name, column) if column is not None else None
        if key is not None:
            foreign_keys.append(key)
        if (parent and position == 0) or (not parent and column is not None
                                           and [column.key] == _primary_key(grid)):
            field["constraints"] = {**field.get("constraints", {}), "required": True}
        fields.append(field)
    schema = {"fields": fields, "missingValues": [""]}
    if not parent and _primary_key(grid):
        schema["primaryKey"] = _primary_key(grid)
    if foreign_keys:
        schema["foreignKeys"] = foreign_keys
    return schema


def csv_resource(file_name: str, title: str, description: str, schema: dict) -> dict:
    return {
        "name": resource_name(file_name),
        "path": file_name,
        "title": title,
        "description": description,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": ENCODING,
        "dialect": dict(DIALECT),
        "schema": schema,
    }


def plan_resource(data_file, schema_name: str) -> dict:
    return {
        "name": PLAN_RESOURCE,
        "path": data_file.name,
        "title": data_file.title,
        "description": data_file.description,
        "format": "json",
        "mediatype": "application/json",
        "encoding": "utf-8",
        PLAN_SCHEMA_KEY: schema_name,
    }


def package_name(territory_name: str) -> str:
    """« MRC de la Vallée-des-Cèdres » → « pnt-mrc-de-la-vallee-des-cedres »."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(territory_name or "")).strip("-")
    return f"pnt-{slug}" if slug else "pnt"


def _licence(name: str, url: str) -> dict:
    identifier = LICENCE_IDS.get(" ".join(name.lower().split()))
    licence = {"name": identifier} if identifier else {}
    licence["title"] = name
    if url:
        licence["path"] = url
    return licence


def package(territory: dict, title: str, description: str, licence: tuple,
            resources: list) -> dict:
    """The whole package; ``licence`` is (name, url), ``resources`` as built above."""
    return {
        "name": package_name(territory.get("nom")),
        "title": title,
        "description": description,
        VERSION_KEY: __version__,
        "licenses": [_licence(*licence)],
        "resources": resources,
    }
