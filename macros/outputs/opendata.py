"""The plan as open data, published with the site under ``donnees/``.

From the data already loaded for the build (no second reading), this module
makes one CSV per grid (and per sub-list), one JSON of the whole plan with
its JSON Schema, the Data Package that describes them (``datapackage.py``),
and the two workbooks of ``spreadsheet/export.py`` (blank
and filled). Each value is written by its column's kind (``plan/kinds/``).
The « Données ouvertes » page lists them with their size, the licence and a
description fit for a Données Québec dataset record; the finishing step
(outputs/finish.py) writes them into the built site, and the workbooks' sizes
into that page (they are made by another process while the pages render).

CSV choices, stated on the page as well: UTF-8 with a byte order mark (so that
Excel shows the accents), semicolon separator and decimal comma (what a
French-language Excel opens in columns without an import wizard, with
numbers read as numbers), ISO dates (2026-03-15, or 2026-03 for a month),
one column per field named by its YAML key, an amount as three columns
(``_min``, ``_max``, ``_texte``: a bound the author did not give is empty),
ids of a list joined by « , », texts of a list by « | »,
and a text that a spreadsheet would run as a formula (« =… », « @… ») preceded
by an apostrophe (``spreadsheet/formulas.py``).
The JSON carries the same data, typed, for programs.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..plan import french
from ..plan.catalog import STEP_BY_NUMBER, STEPS
from ..plan.model import RECORD, is_unknown, raw_value, rows_of
from ..plan.values import UNKNOWN, fold
from ..spreadsheet.formulas import guarded
from ..spreadsheet.layout import parent_column, sheet_specs
from . import datapackage, workbooks
from .files import write_all
from .schemas import PLAN_SCHEMA, plan_schema

FOLDER = "donnees"
SEPARATOR = ";"
LIST_SEPARATOR = ", "
TEXT_LIST_SEPARATOR = " | "
DEFAULT_LICENCE = "CC BY 4.0"
LICENCE_URLS = {
    "cc by 4.0": "https://creativecommons.org/licenses/by/4.0/deed.fr",
    "cc-by 4.0": "https://creativecommons.org/licenses/by/4.0/deed.fr",
    "cc0": "https://creativecommons.org/publicdomain/zero/1.0/deed.fr",
    "cc0 1.0": "https://creativecommons.org/publicdomain/zero/1.0/deed.fr",
}
PLAN_JSON = "plan.json"
BLANK_WORKBOOK = "grilles-vierges.xlsx"
FILLED_WORKBOOK = "grilles-du-plan.xlsx"
SCHEMA_FOLDER = "schemas"  # docs/schemas/, published as is by MkDocs


@dataclass(frozen=True)
class DataFile:
    """One published file: where, what, and its bytes."""

    path: str  # from the site's root, e.g. "donnees/besoins.csv"
    title: str
    kind: str  # « CSV », « JSON », « Schéma JSON », « Excel »
    description: str
    content: bytes = b""
    columns: tuple = ()  # CSV: (name, label) of each column
    rows: int = 0
    schema: dict | None = None  # CSV: its Table Schema (datapackage.py)
    made_later: bool = False  # its bytes are not here yet (a workbook being made)

    @property
    def size(self) -> int:
        return len(self.content)

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]


# --- CSV -------------------------------------------------------------------------------

@dataclass(frozen=True)
class CsvColumn:
    name: str
    label: str
    column: object  # the catalog's Column
    part: int = 0  # which of the kind's CSV columns (an amount has three)

    def table_field(self) -> dict:
        """Its Table Schema field (``datapackage.py``), under the CSV's name."""
        field = self.column.kind.table_fields(self.column)[self.part]
        return {**field, "name": self.name, "title": self.label}


def _csv_columns(columns) -> list:
    return [CsvColumn(name, label, column, part) for column in columns
            for part, (name, label) in enumerate(column.kind.csv_fields(column))]


def csv_value(column, value) -> str:
    if isinstance(column, UnknownColumn):
        return value
    if value is None or value == [] or value is UNKNOWN:
        return ""
    kind = column.column.kind
    text = kind.csv_values(value, column.column)[column.part]
    return guarded(text) if kind.csv_text else text


def _parent_name(grid) -> str:
    return fold(parent_column(grid).label).replace(" ", "_")


# The last CSV column and a JSON member: the fields the author wrote « inconnu »
# (their cells are empty: the fact exists, the source does not give it).
UNKNOWN_FIELDS = "inconnus"
UNKNOWN_LABEL = "Champs inconnus (la source ne les donne pas)"


@dataclass(frozen=True)
class UnknownColumn:
    """The CSV column that names a row's unknown fields: « population » or
    « montant inconnu » as several keys separated by « | »."""

    name: str = UNKNOWN_FIELDS
    label: str = UNKNOWN_LABEL

    def table_field(self) -> dict:
        return {"name": self.name, "title": self.label, "type": "string",
                "description": "Les champs de la ligne que l'auteur a écrits « inconnu » "
                               "(leur cellule est vide), séparés par « | »."}


def unknown_keys(columns, row: dict) -> list:
    return [c.key for c in columns if is_unknown(row, c.key)]


def _unknown_marker(columns, row: dict) -> str:
    return "|".join(unknown_keys(columns, row))


def csv_columns(spec) -> list:
    """The CSV columns of a workbook sheet's layout: a sub-list's first one is
    its parent row; the last one names the row's unknown fields."""
    if spec.sublist is None:
        return _csv_columns(spec.columns) + [UnknownColumn()]
    parent = parent_column(spec.grid)
    return ([CsvColumn(_parent_name(spec.grid), parent.label, parent)]
            + _csv_columns(spec.sublist.columns) + [UnknownColumn()])


def _sheet_table(spec, data: dict) -> tuple:
    """(csv columns, rows of typed values) of a workbook sheet."""
    rows = rows_of(data, spec.grid.key)
    columns = csv_columns(spec)
    if spec.sublist is None:
        return columns, [
            [raw_value(row, c.column.key) for c in columns[:-1]]
            + [_unknown_marker(spec.columns, row)] for row in rows]
    table = []
    for row in rows:
        for sub in row.get(spec.sublist.key) or []:
            table.append([row.get(spec.grid.id_key)]
                         + [raw_value(sub, c.column.key) for c in columns[1:-1]]
                         + [_unknown_marker(spec.sublist.columns, sub)])
    return columns, table


def csv_bytes(columns: list, table: list) -> bytes:
    stream = io.StringIO()
    writer = csv.writer(stream, delimiter=SEPARATOR, lineterminator="\r\n",
                        quoting=csv.QUOTE_MINIMAL)
    writer.writerow([c.name for c in columns])
    for values in table:
        writer.writerow([csv_value(c, v) for c, v in zip(columns, values)])
    return ("\ufeff" + stream.getvalue()).encode("utf-8")


def csv_name(spec) -> str:
    if spec.sublist is None:
        return f"{spec.grid.key}.csv"
    return f"{spec.grid.key}-{spec.sublist.key}.csv"


# --- JSON ------------------------------------------------------------------------------

def json_value(column, value):
    if value is None or value == [] or value is UNKNOWN:
        return column.kind.empty_json
    return column.kind.json_value(value, column, json_row)


def json_row(columns, row: dict) -> dict:
    """A row of plan.json; « inconnus » lists the fields written « inconnu »
    (null in the row), only when there are some."""
    result = {c.key: json_value(c, raw_value(row, c.key)) for c in columns}
    unknown = unknown_keys(columns, row)
    if unknown:
        result[UNKNOWN_FIELDS] = unknown
    return result


def plan_document(data: dict, licence_name: str) -> dict:
    territory = data.get("territoire") or {}
    grids = {}
    for step in STEPS:
        for grid in step.grids:
            if grid.shape == RECORD:
                record = data.get(grid.key) or {}
                grids[grid.key] = json_row(grid.columns, record) if record else None
            else:
                grids[grid.key] = [json_row(grid.columns, row)
                                   for row in rows_of(data, grid.key)]
    return {
        "$schema": PLAN_SCHEMA,
        "titre": dataset_title(territory),
        "licence": licence_name,
        "grilles": grids,
    }


def _json_bytes(document: dict) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


@lru_cache(maxsize=1)
def _plan_schema_bytes() -> bytes:
    """The catalog's schema, the same for every data set: written once per process."""
    return _json_bytes(plan_schema())


# --- the dataset record ---------------------------------------------------------------------

def licence(data: dict) -> str:
    return ((data.get("territoire") or {}).get("licence") or DEFAULT_LICENCE).strip()


def licence_url(name: str) -> str:
    return LICENCE_URLS.get(" ".join(name.lower().split()), "")


def dataset_title(territory: dict) -> str:
    name = territory.get("nom")
    return f"Plan numérique territorial — {name}" if name else "Plan numérique territorial"


# Données Québec files each dataset under thematic categories (its CKAN groups);
# a municipal plan with its governance, budget and projects fits this one.
CATEGORY = "Gouvernement et finances"
TO_SPECIFY = "à préciser"  # a field of the record that the data does not give


def _given(record: dict, key: str) -> str:
    """A record's text field as written, "" when empty or « inconnu »."""
    value = record.get(key)
    return str(value).strip() if isinstance(value, str) else ""


def _maintainer(porteur: dict) -> str:
    """The person who answers for the data, as the porteur record names her."""
    person, title = _given(porteur, "responsable"), _given(porteur, "fonction")
    if person:
        return f"{person}, {title}" if title else person
    return f"{title} (nom {TO_SPECIFY})" if title else TO_SPECIFY


def _source_url(territory: dict) -> str:
    """Where the files are published: the site's ``donnees/`` folder."""
    site = _given(territory, "site_url")
    return f"{site.rstrip('/')}/{FOLDER}/" if site else TO_SPECIFY


def dataset_record(data: dict, is_example: bool) -> list:
    """(field, value) pairs of a Données Québec dataset record. A field the
    data does not give (maintainer, contact, source) is « à préciser »."""
    territory = data.get("territoire") or {}
    name = territory.get("nom") or "le territoire"
    start, end = territory.get("periode_debut"), territory.get("periode_fin")
    if start and end:
        period = f"{start} à {end}"
    else:  # a bound written « inconnu » is said so, never invented
        period = french.plan_years(start, end) or TO_SPECIFY
    description = (
        f"Données du plan numérique territorial {french.of_name(territory.get('nom'))}"
        + (f" ({period})" if start or end else "") + " : les grilles de la démarche "
        "en dix étapes (gouvernance, financement, besoins, pistes, état de situation, "
        "projets prioritaires, indicateurs, mise en œuvre, évaluation), publiées en "
        "CSV (un fichier par grille), en JSON (le plan entier) et en Excel, avec leurs "
        "schémas JSON.")
    if is_example or territory.get("fictif"):
        description += " Territoire fictif : ces données servent d'exemple."
    municipalities = [m.get("nom") for m in rows_of(data, "municipalites")
                      if m.get("nom")]
    coverage = name + (f" ({', '.join(municipalities)})" if municipalities else "")
    if territory.get("region"):
        coverage += f", région administrative {territory['region']}"
    porteur = data.get("porteur") or {}
    organisation = _given(porteur, "organisation") or name
    return [
        ("Titre", dataset_title(territory)),
        ("Description", description),
        ("Organisation", organisation),
        ("Catégorie", CATEGORY),
        ("Responsable (mainteneur)", _maintainer(porteur)),
        ("Courriel de contact", _given(porteur, "courriel") or TO_SPECIFY),
        ("Adresse de la source", _source_url(territory)),
        ("Mots-clés", "plan numérique territorial ; numérique ; connectivité ; "
                      "développement territorial ; MRC ; indicateurs"),
        ("Couverture géographique", coverage),
        ("Couverture temporelle", period),
        ("Fréquence de mise à jour", "à chaque mise à jour du plan (au moins une "
                                     "fois par année, avec la reddition de comptes)"),
        ("Langue", "français"),
        ("Licence", licence(data)),
        ("Formats", "CSV, JSON, XLSX"),
    ]


# --- every file ------------------------------------------------------------------------------

def _csv_files(data: dict) -> list:
    files = []
    for spec in sheet_specs():
        columns, table = _sheet_table(spec, data)
        step = STEP_BY_NUMBER[spec.grid.step]
        files.append(DataFile(
            f"{FOLDER}/{csv_name(spec)}", f"{spec.number} {spec.title}", "CSV",
            f"{step.short_label} — {spec.purpose}", csv_bytes(columns, table),
            tuple((c.name, c.label) for c in columns), len(table),
            datapackage.table_schema(spec.grid, columns, spec.sublist is not None)))
    return files


def package_file(data: dict, files: list) -> DataFile:
    """``datapackage.json``: the CSVs and plan.json of ``files``, described."""
    territory = data.get("territoire") or {}
    resources = [datapackage.csv_resource(f.name, f.title, f.description, f.schema)
                 for f in files if f.schema]
    resources += [datapackage.plan_resource(f, PLAN_SCHEMA) for f in files
                  if f.name == PLAN_JSON]
    name = licence(data)
    record = dict(dataset_record(data, is_example=False))
    document = datapackage.package(territory, dataset_title(territory),
                                   record["Description"], (name, licence_url(name)),
                                   resources)
    return DataFile(f"{FOLDER}/{datapackage.PACKAGE}", "Description du jeu de données",
                    "JSON", "Le paquet de données (Frictionless Data Package) : chaque "
                    "fichier CSV avec ses types, ses clés et son format, et plan.json.",
                    _json_bytes(document))


def text_files(data: dict) -> list:
    """The CSV and JSON files (a few milliseconds on the example)."""
    files = _csv_files(data)
    files.append(DataFile(
        f"{FOLDER}/{PLAN_JSON}", "Le plan entier", "JSON",
        "Toutes les grilles en un seul fichier, valeurs typées (nombres, dates ISO, "
        "montants { min, max, approximatif, texte }, listes).",
        _json_bytes(plan_document(data, licence(data)))))
    files.append(DataFile(
        f"{FOLDER}/{PLAN_SCHEMA}", "Schéma du plan entier", "Schéma JSON",
        f"Décrit chaque champ de {PLAN_JSON} : titre, description, type, valeurs "
        "permises.", _plan_schema_bytes()))
    files.append(package_file(data, files))
    return files


def _workbook_files(filled: bytes, blank: bytes, made_later: bool = False) -> list:
    return [
        DataFile(f"{FOLDER}/{FILLED_WORKBOOK}", "Les grilles du plan", "Excel",
                 "Toutes les grilles remplies par le territoire, une feuille par "
                 "grille, avec l'aide de chaque colonne.", filled, made_later=made_later),
        DataFile(f"{FOLDER}/{BLANK_WORKBOOK}", "Les grilles vierges", "Excel",
                 "Le classeur vierge qu'un comité remplit : une feuille par grille, "
                 "aide sur chaque titre, listes déroulantes.", blank, made_later=made_later),
    ]


def workbook_files(workbooks) -> list:
    """The two Excel files, from a ``workbooks.Pending`` (waits for them)."""
    return _workbook_files(*workbooks.result())


def published_files(data: dict) -> list:
    """Every file written under ``donnees/``, from the loaded (typed) data."""
    return text_files(data) + workbook_files(workbooks.here(data))


WORKBOOKS = "workbooks"  # the key of a data set's ``workbooks.Pending``
TEXT_FILES = "open data text"  # the key of a data set's CSV and JSON files

# Where a page shows the size of a file that is still being made (the
# workbooks, by another process): an HTML comment, replaced by the size once
# the site is built (``fill_sizes``, called by outputs/finish.py). The page is
# rendered without waiting; a site never finished shows no size there.
SIZE_MARK = "<!--pnt-taille {path}-->"
_MARK_START = SIZE_MARK.split("{", 1)[0].encode()


def _text_files_of(loaded) -> list:
    return loaded.derived(TEXT_FILES, lambda: text_files(loaded.data))


def _pending(loaded):
    return loaded.derived(WORKBOOKS, lambda: workbooks.here(loaded.data))


def files_for(loaded) -> list:
    """``published_files`` once per loaded data set, written after the build.

    ``loaded`` is the loader's cached result, replaced as soon as a data file
    changes: the files live exactly as long as the data they come from. The
    workbooks are those ``prepare`` started (waited for), or are made now."""
    return loaded.derived("open data", lambda: _text_files_of(loaded) + workbook_files(
        _pending(loaded)))


def listed_files(loaded) -> list:
    """What the « Données ouvertes » page lists, without waiting for the
    workbooks: the CSV and JSON files with their bytes, the workbooks
    ``made_later`` (their size is a ``SIZE_MARK``)."""
    return _text_files_of(loaded) + _workbook_files(b"", b"", made_later=True)


def size_mark(data_file) -> str:
    return SIZE_MARK.format(path=data_file.path)


def fill_sizes(site_dir: Path, files: list) -> int:
    """Replace each ``SIZE_MARK`` of the built pages by the size of its file
    (all pages or none); returns how many pages changed."""
    sizes = {size_mark(f).encode(): french.size(f.size).encode() for f in files}
    changed = {}
    for page in sorted(Path(site_dir).rglob("*.html")):
        content = page.read_bytes()
        if _MARK_START not in content:
            continue
        for mark, size in sizes.items():
            content = content.replace(mark, size)
        changed[page] = content
    write_all(changed, durable=False)
    return len(changed)


def prepare(loaded) -> None:
    """Start making the workbooks (most of the open data's cost) in another
    process, as soon as the data is loaded: no page render does that work,
    the « Données ouvertes » page only reads their sizes."""
    loaded.derived(WORKBOOKS, lambda: workbooks.start(loaded.data))


def schema_files(docs_dir: Path) -> list:
    """The JSON Schemas of the data files (docs/schemas/), as MkDocs publishes them."""
    folder = Path(docs_dir) / SCHEMA_FOLDER
    files = []
    for step in STEPS:
        path = folder / f"{step.slug}.schema.json"
        if path.exists():
            files.append(DataFile(f"{SCHEMA_FOLDER}/{path.name}", step.label, "Schéma JSON",
                                  f"Les champs de la partie « {step.title} » des "
                                  "données et leurs valeurs permises.", path.read_bytes()))
    return files


def write_files(site_dir: Path, files: list) -> None:
    """Write the files into the built site (and nowhere else), all or none."""
    root = Path(site_dir).resolve()
    targets = {}
    for data_file in files:
        target = (root / data_file.path).resolve()
        if root not in target.parents:
            raise ValueError(f"{data_file.path} is outside the site")
        targets[target] = data_file.content
    write_all(targets, durable=False)
