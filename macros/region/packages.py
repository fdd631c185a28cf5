"""One territory's published open data, as downloaded from its site: a folder
(``donnees/``, or a folder that holds it) or a ZIP of it.

``read_source`` gives a ``Territory`` (its typed plan and its CSV tables) or a
``Refusal`` saying in French, for the folder as it was named, why it cannot
be read and what to do. Nothing here raises for a bad package: one broken
territory never stops the others.

A package is read in the format of the template version that wrote it
(« pnt:version » of datapackage.json): the versions this one reads are
``READABLE``; an older or newer one is refused, with both versions named.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .. import __version__
from ..outputs import datapackage
from ..outputs.opendata import PLAN_JSON, csv_columns, csv_name
from ..spreadsheet.layout import sheet_specs
from .plans import PlanIssue, read_plan

# The formats this version reads, by the « major.minor » of the version that
# wrote them. A change of the published files (a column renamed, a grid
# added) takes a new minor version, and a reader for the older one here.
READABLE = ("0.1",)
LARGEST_FILE = 64 * 1024 * 1024  # a bigger file in a ZIP is not a plan's open data
OPEN_DATA = "donnees"


@dataclass
class Territory:
    source: str  # the folder or ZIP as given, for messages
    data: dict  # the typed plan (plan/model.py rows)
    version: str
    tables: dict = field(default_factory=dict)  # CSV name -> rows (lists of texts)

    @property
    def record(self) -> dict:
        return self.data.get("territoire") or {}

    @property
    def name(self) -> str:
        return self.record.get("nom") or self.source


@dataclass(frozen=True)
class Refusal:
    source: str
    reason: str  # French: why, and what to do


class _Unreadable(Exception):
    """A package that cannot be read; the message is French (``Refusal.reason``)."""


# --- files of a folder or of a ZIP -------------------------------------------------------------

class _Folder:
    def __init__(self, root: Path):
        self.root = root / OPEN_DATA if (root / OPEN_DATA / datapackage.PACKAGE).is_file() \
            else root

    def read(self, name: str):
        path = self.root / name
        return path.read_bytes() if path.is_file() else None

    def close(self):
        pass


class _Zip:
    def __init__(self, path: Path):
        try:
            self.archive = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError):
            raise _Unreadable("ce fichier n'est pas une archive ZIP lisible : télécharger "
                              "de nouveau le dossier donnees/ du site du territoire.") from None
        packages = sorted((PurePosixPath(n) for n in self.archive.namelist()
                           if PurePosixPath(n).name == datapackage.PACKAGE),
                          key=lambda p: len(p.parts))
        self.prefix = packages[0].parent if packages else PurePosixPath()

    def read(self, name: str):
        member = str(self.prefix / name) if str(self.prefix) != "." else name
        try:
            info = self.archive.getinfo(member)
        except KeyError:
            return None
        if info.file_size > LARGEST_FILE:
            raise _Unreadable(f"{name} est trop gros pour les données d'un plan "
                              f"({info.file_size // 1_000_000} Mo).")
        return self.archive.read(info)

    def close(self):
        self.archive.close()


def _files(path: Path):
    if path.is_dir():
        return _Folder(path)
    if path.is_file() and path.suffix.lower() == ".zip":
        return _Zip(path)
    if path.exists():
        raise _Unreadable("ce n'est ni un dossier ni une archive ZIP : donner le dossier "
                          "donnees/ téléchargé du site du territoire, ou son ZIP.")
    raise _Unreadable("ce dossier n'existe pas : vérifier le chemin.")


# --- the package --------------------------------------------------------------------------------

def _json(files, name: str):
    content = files.read(name)
    if content is None:
        return None
    try:
        return json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        where = f" (ligne {error.lineno})" if isinstance(error, json.JSONDecodeError) else ""
        raise _Unreadable(f"{name} n'est pas un fichier JSON lisible{where} : télécharger "
                          "de nouveau les données du territoire.") from None


def _major_minor(version: str) -> str:
    return ".".join(str(version).split(".")[:2])


def _as_tuple(version: str) -> tuple:
    return tuple(int(part) if part.isdigit() else 0 for part in str(version).split("."))


def check_version(package) -> str:
    """The version that wrote ``package`` if this one reads it."""
    if not isinstance(package, dict):
        raise _Unreadable(f"{datapackage.PACKAGE} devrait décrire un paquet de données "
                          "(un objet JSON).")
    version = package.get(datapackage.VERSION_KEY)
    if not version:
        raise _Unreadable(f"{datapackage.PACKAGE} ne dit pas quelle version du gabarit "
                          f"l'a écrit (« {datapackage.VERSION_KEY} ») : ces données "
                          "viennent d'une autre source, ou d'une version du gabarit "
                          f"antérieure à {READABLE[0]}.0 ; le territoire doit reconstruire "
                          "son site avec une version récente du gabarit.")
    if _major_minor(version) in READABLE:
        return str(version)
    if _as_tuple(version) > _as_tuple(__version__):
        raise _Unreadable(f"ces données ont été écrites par la version {version} du "
                          f"gabarit, plus récente que celle-ci ({__version__}) : mettre à "
                          "jour le gabarit, puis relancer.")
    raise _Unreadable(f"ces données ont été écrites par la version {version} du gabarit, "
                      f"que celle-ci ({__version__}) ne lit plus : le territoire doit "
                      "reconstruire son site avec une version récente du gabarit.")


def expected_header(spec) -> list:
    """The columns of a sheet's CSV in the format of this version."""
    return [column.name for column in csv_columns(spec)]


def _table(files, spec) -> list:
    name = csv_name(spec)
    content = files.read(name)
    if content is None:
        raise _Unreadable(f"{name} manque : télécharger le dossier donnees/ en entier.")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _Unreadable(f"{name} n'est pas en UTF-8 : ce fichier a été modifié après "
                          "sa publication ; le télécharger de nouveau.") from None
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=datapackage.DIALECT[
        "delimiter"]))
    header = expected_header(spec)
    if not rows or rows[0] != header:
        found = ", ".join(rows[0]) if rows else "aucune"
        raise _Unreadable(f"{name} n'a pas les colonnes de la version qui l'a écrit "
                          f"(attendues : {', '.join(header)} ; trouvées : {found}).")
    width = len(header)
    for line, row in enumerate(rows[1:], start=2):
        if len(row) != width:
            raise _Unreadable(f"{name}, ligne {line} : {len(row)} cellules au lieu de "
                              f"{width}.")
    return rows[1:]


def _read(files, source: str) -> Territory:
    package = _json(files, datapackage.PACKAGE)
    if package is None:
        raise _Unreadable(f"{datapackage.PACKAGE} manque : ce dossier n'est pas le dossier "
                          "donnees/ du site d'un plan numérique territorial (ou il vient "
                          "d'une version du gabarit qui ne l'écrivait pas encore).")
    version = check_version(package)
    document = _json(files, PLAN_JSON)
    if document is None:
        raise _Unreadable(f"{PLAN_JSON} manque : télécharger le dossier donnees/ en entier.")
    try:
        data = read_plan(document)
    except PlanIssue as issue:
        raise _Unreadable(f"{PLAN_JSON}, {issue}") from None
    if not (data.get("territoire") or {}).get("nom"):
        raise _Unreadable(f"{PLAN_JSON} ne donne pas le nom du territoire "
                          "(grilles › territoire › nom).")
    tables = {csv_name(spec): _table(files, spec) for spec in sheet_specs()}
    return Territory(source, data, version, tables)


def read_source(path: Path, shown: str = "") -> Territory | Refusal:
    """A territory from its folder or ZIP, or why not (never an exception for
    what the files hold)."""
    shown = shown or str(path)
    try:
        files = _files(Path(path))
    except _Unreadable as problem:
        return Refusal(shown, str(problem))
    try:
        return _read(files, shown)
    except _Unreadable as problem:
        return Refusal(shown, str(problem))
    except OSError as error:
        return Refusal(shown, f"lecture impossible ({error.strerror or error}) : vérifier "
                              "les droits sur ce dossier.")
    finally:
        files.close()


def slug(name: str) -> str:
    """« MRC de la Vallée-des-Cèdres » → « mrc-de-la-vallee-des-cedres » (page names)."""
    return datapackage.package_name(name).removeprefix("pnt-") or "territoire"

