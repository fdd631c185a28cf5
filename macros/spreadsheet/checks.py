"""Is this file a workbook we can read? Checked before openpyxl opens it, so
that an old .xls, a CSV, an .ods, a password or macros get a French answer
that says how to save the file instead."""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..reading.problems import Problem, WorkbookPlace

CFB_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Office 97-2003, or encrypted
ZIP_SIGNATURE = b"PK\x03\x04"
SAVE_AS = ("l'ouvrir dans Excel ou LibreOffice et l'enregistrer au format "
           "« Classeur Excel (.xlsx) »")


def _looks_like_text(raw: bytes) -> bool:
    head = raw[:2048]
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        try:
            head.decode("cp1252")
        except UnicodeDecodeError:
            return False
    return b"\x00" not in head


def _location_problem(path: Path) -> str:
    if not path.exists():
        return "fichier introuvable : vérifier son nom et son dossier"
    if path.is_dir():
        return "c'est un dossier : donner le chemin du classeur (.xlsx)"
    return ""


def _signature_problem(raw: bytes) -> str:
    if not raw:
        return ("le fichier est vide : l'enregistrer de nouveau depuis Excel ou "
                "LibreOffice, au format .xlsx")
    if raw.startswith(CFB_SIGNATURE):
        if "EncryptedPackage".encode("utf-16-le") in raw:
            return ("le classeur est protégé par un mot de passe, qui empêche de le "
                    "lire : l'ouvrir, retirer le mot de passe (Excel : Fichier › "
                    "Informations › Protéger le classeur ; LibreOffice : Fichier › "
                    "Propriétés › Sécurité), l'enregistrer, puis relancer l'importation")
        return f"c'est un classeur Excel 97-2003 (.xls), un format ancien : {SAVE_AS}"
    if not raw.startswith(ZIP_SIGNATURE):
        kind = ("un fichier texte (CSV ?)" if _looks_like_text(raw)
                else "un fichier d'un autre type")
        return f"ce n'est pas un classeur Excel mais {kind} : {SAVE_AS}"
    return ""


def _archive_problem(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype") if "mimetype" in names else b""
            types = (archive.read("[Content_Types].xml")
                     if "[Content_Types].xml" in names else b"")
    except (zipfile.BadZipFile, OSError, KeyError):
        return f"le fichier est abîmé ou incomplet : {SAVE_AS}"
    if mimetype.startswith(b"application/vnd.oasis.opendocument"):
        return f"c'est un classeur OpenDocument (.ods) : {SAVE_AS}"
    if "xl/workbook.xml" not in names:
        return ("ce n'est pas un classeur Excel (un document Word ou une archive ?) : "
                f"{SAVE_AS}")
    if ("xl/vbaProject.bin" in names or b"macroEnabled" in types
            or path.suffix.lower() in (".xlsm", ".xltm")):
        return ("c'est un classeur avec macros (.xlsm), refusé par prudence : "
                "l'enregistrer au format « Classeur Excel (.xlsx) », qui ne garde pas "
                "les macros")
    return ""


def check_file(path: Path) -> list:
    """Problems that make the file unreadable as a workbook (none: go on)."""
    message = (_location_problem(path) or _signature_problem(path.read_bytes())
               or _archive_problem(path))
    return [Problem(WorkbookPlace(path.name), "", message)] if message else []


def unreadable(path: Path) -> Problem:
    """openpyxl could not read a file that looked like a workbook."""
    return Problem(WorkbookPlace(Path(path).name), "",
                   "le classeur ne peut être lu (fichier abîmé ?) : l'ouvrir dans Excel "
                   "ou LibreOffice et l'enregistrer de nouveau au format .xlsx")
