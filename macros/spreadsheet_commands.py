"""``pnt exporter`` and ``pnt importer``: the plan's grids to and from a workbook.

Registered by ``cli.py``; the work is done by ``workbook.py`` (export) and
``workbook_import.py`` (import).
"""

from __future__ import annotations

import os
from pathlib import Path

from . import loader, problems
from .workbook import empty_data, sheet_rows, sheet_specs, write_workbook
from .workbook_import import change_summary, import_workbook, report

WORKBOOK_SUFFIX = ".xlsx"


def _say(text: str) -> None:
    print(text)


def _suffix_problem(path: Path) -> str:
    if path.suffix.lower() != WORKBOOK_SUFFIX:
        return (f"Erreur : « {path.name} » : le nom du classeur doit finir par .xlsx "
                f"(p. ex. grilles.xlsx). Rien n'a été écrit.")
    return ""


def exporter(args) -> int:
    target = Path(args.classeur)
    message = _suffix_problem(target)
    if message:
        _say(message)
        return 1
    root = Path(args.racine)
    if args.vierge:
        data, source = empty_data(), "grilles vierges"
    else:
        if args.dossier:
            loaded = loader.load_folder(Path(args.dossier), args.dossier.rstrip("/"))
        else:
            loaded = loader.load(root)
        if loaded.errors:
            _say(problems.report(loaded.problems))
            _say(f"Rien n'a été exporté : corrigez d'abord les erreurs de "
                 f"{loaded.shown}/, pour que le classeur contienne toutes les valeurs.")
            return 1
        data, source = loaded.data, f"{loaded.shown}/"
    write_workbook(target, data)
    count = sum(len(sheet_rows(spec, data)) for spec in sheet_specs())
    _say(f"Classeur écrit : {target} ({len(sheet_specs())} grilles, "
         f"{count} {'ligne' if count < 2 else 'lignes'}, depuis {source}).")
    _say("Remplissez-le dans Excel ou LibreOffice, puis reportez-le dans les "
         "fichiers du plan avec « pnt importer " + target.name + " ».")
    return 0


def _import_folder(args) -> tuple:
    """(folder, shown): --dossier, PNT_DONNEES, or data/ (never the example)."""
    root = Path(args.racine)
    chosen = args.dossier or os.environ.get(loader.DATA_ENV)
    if chosen:
        folder = Path(chosen)
        if not folder.is_absolute() and not args.dossier:
            folder = root / folder
        return folder, str(chosen).rstrip("/")
    return root / loader.DATA_DIR, loader.DATA_DIR


def importer(args) -> int:
    folder, shown = _import_folder(args)
    result = import_workbook(Path(args.classeur), folder, shown, write=not args.essai)
    if result.problems:
        _say(report(result.problems))
    if result.errors:
        _say("Rien n'a été écrit : corrigez le classeur, enregistrez-le, puis "
             "relancez l'importation.")
        return 1
    if not result.changes:
        _say(f"Aucun changement : les fichiers de {shown}/ correspondent déjà au "
             "classeur.")
        return 0
    for line in change_summary(result, shown):
        _say(line)
    if args.essai:
        _say("Essai seulement : rien n'a été écrit. Relancez sans --essai pour "
             "mettre les fichiers à jour.")
    else:
        _say(f"Importation réussie : {len(result.written)} "
             f"{'fichier mis' if len(result.written) < 2 else 'fichiers mis'} à jour "
             f"dans {shown}/. Vérifiez le site avec « make apercu ».")
    return 0


def add_commands(commands) -> None:
    """Declare the two sub-commands on ``cli.parser()``'s sub-parsers."""
    export = commands.add_parser(
        "exporter", help="écrire les grilles dans un classeur Excel (.xlsx)")
    export.add_argument("classeur", help="fichier à écrire, p. ex. grilles.xlsx")
    export.add_argument("--dossier", help="dossier de données à exporter "
                                          "(par défaut : data/, ou exemple/)")
    export.add_argument("--vierge", action="store_true",
                        help="classeur vierge, sans les données du territoire")
    export.set_defaults(action=exporter)

    imp = commands.add_parser(
        "importer", help="reporter un classeur rempli dans les fichiers du plan")
    imp.add_argument("classeur", help="classeur rempli (.xlsx)")
    imp.add_argument("--dossier", help="dossier de données à mettre à jour "
                                       "(par défaut : data/)")
    imp.add_argument("--essai", action="store_true",
                     help="tout vérifier et dire ce qui changerait, sans rien écrire")
    imp.set_defaults(action=importer)
