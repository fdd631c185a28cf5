"""The « Données ouvertes » page: the licence, the record for Données Québec,
and every published file with its size and its columns."""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from ..commands import typed
from ..outputs import opendata
from ..plan import french
from ..spreadsheet.formulas import CSV_GUARD, formula_starts_phrase


def _size(data_file):
    """The file's size, or the mark the finishing step replaces by it."""
    if data_file.made_later:
        return Markup(opendata.size_mark(data_file))
    return french.size(data_file.size)


def _entry(data_file, linker) -> dict:
    return {"name": data_file.name, "href": linker.to_file(data_file.path),
            "format": data_file.kind, "size": _size(data_file),
            "title": data_file.title, "description": data_file.description,
            "columns": [{"name": name, "label": label} for name, label in data_file.columns],
            "rows": french.count(data_file.rows, "ligne", "lignes")}


def open_data_view(loaded, docs_dir: Path, linker) -> dict:
    name = opendata.licence(loaded.data)
    groups = {"CSV": [], "Excel": [], "JSON": []}
    for data_file in opendata.listed_files(loaded):
        groups.get(data_file.kind, groups["JSON"]).append(_entry(data_file, linker))
    return {"record": opendata.dataset_record(loaded.data, loaded.is_example),
            "licence": name, "licence_url": opendata.licence_url(name),
            "tables": groups["CSV"], "workbooks": groups["Excel"], "whole": groups["JSON"],
            "schemas": [_entry(f, linker) for f in opendata.schema_files(docs_dir)],
            "formula_starts": formula_starts_phrase(), "guard": CSV_GUARD,
            "for_authors": linker.view.for_authors,
            "import_command": typed("importer", opendata.FILLED_WORKBOOK)}
