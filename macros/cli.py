"""The ``pnt`` command: check a plan's data, start a new plan, refresh schemas.

Sub-commands are French verbs, as authors type them:
``pnt verifier``, ``pnt nouveau "MRC de …"``, ``pnt schemas``.
"""

from __future__ import annotations

import argparse
import re
import datetime
import shutil
import sys
from pathlib import Path

from . import loader, problems
from .catalog import REGIONS
from .files import write_atomically
from .schema import SCHEMA_DIR, write_schemas
from .skeleton import skeleton_files
from .values import format_size

PLAN_YEARS = 5
README = "LISEZMOI.md"  # the note in data/ that the template ships


def _say(text: str) -> None:
    print(text)


def verifier(args) -> int:
    root = Path(args.racine)
    if args.dossier:
        folder = Path(args.dossier)
        loaded = loader.load_folder(folder, args.dossier.rstrip("/"))
    else:
        loaded = loader.load(root)
    if loaded.is_example:
        _say(f"Aucun plan dans {loader.DATA_DIR}/ : vérification du territoire "
             f"d'exemple ({loader.EXAMPLE_DIR}/). Lancez « pnt nouveau » pour "
             "commencer le vôtre.")
    _say(problems.report(loaded.problems))
    return 1 if loaded.errors else 0


def _territory_kind(name: str, kind: str) -> str:
    if kind:
        return kind
    return "MRC" if name.strip().upper().startswith("MRC") else "territoire équivalent"


def _backup(folder: Path) -> Path:
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    backup = folder.with_name(f"{folder.name}-sauvegarde-{stamp}")
    shutil.move(str(folder), str(backup))
    return backup


def nouveau(args) -> int:
    root = Path(args.racine)
    folder = root / loader.DATA_DIR
    existing = [p for p in folder.glob("*.y*ml")] if folder.is_dir() else []
    if existing and not args.remplacer:
        _say(f"Erreur : {loader.DATA_DIR}/ contient déjà un plan "
             f"({len(existing)} fichiers). Rien n'a été modifié. Pour repartir à "
             "zéro, relancez avec --remplacer : l'ancien dossier sera conservé "
             "sous un autre nom.")
        return 1
    if not args.nom.strip() or any(ord(ch) < 32 for ch in args.nom):
        _say("Erreur : le nom du territoire doit être écrit sur une ligne, sans "
             "caractère de contrôle (p. ex. \"MRC de Témiscamingue\"). "
             "Rien n'a été modifié.")
        return 1
    if args.code and not re.match(r"^[0-9]{2,3}$", args.code):
        _say(f"Erreur : « {args.code} » n'est pas un code géographique (2 ou 3 "
             "chiffres, p. ex. 085). Rien n'a été modifié.")
        return 1
    if args.region and args.region not in REGIONS:
        _say(f"Erreur : « {args.region} » n'est pas une région administrative "
             f"(choisir parmi : {', '.join(REGIONS)}). Rien n'a été modifié.")
        return 1
    start = args.debut or datetime.date.today().year
    end = args.fin or start + PLAN_YEARS - 1
    if end < start:
        _say(f"Erreur : la fin de la période ({end}) précède son début ({start}). "
             "Rien n'a été modifié.")
        return 1
    values = {"type": _territory_kind(args.nom, args.type), "nom": args.nom.strip(),
              "periode_debut": start, "periode_fin": end, "statut": "brouillon"}
    if args.region:
        values["region"] = args.region
    if args.code:
        values["code_geographique"] = args.code
    files = skeleton_files(values)
    staging = root / f".{loader.DATA_DIR}-nouveau"
    shutil.rmtree(staging, ignore_errors=True)
    for name, text in files.items():
        write_atomically(staging / name, text)
    backup = _backup(folder) if existing else None
    folder.mkdir(exist_ok=True)
    if backup is not None and (backup / README).exists():
        shutil.copy2(backup / README, folder / README)
    for path in sorted(staging.iterdir()):
        path.replace(folder / path.name)
    staging.rmdir()
    if backup is not None:
        _say(f"L'ancien dossier {loader.DATA_DIR}/ est conservé sous {backup.name}/.")
    _say(f"Nouveau plan créé pour « {values['nom']} » dans {loader.DATA_DIR}/ "
         f"({len(files)} fichiers, période {start}–{end}).")
    _say("Étapes suivantes : remplissez les fichiers, vérifiez-les avec "
         "« pnt verifier », puis prévisualisez le site avec « make apercu ».")
    return 0


def _load_or_report(root: Path):
    loaded = loader.load(root)
    if loaded.errors:
        _say(problems.report(loaded.problems))
        _say("Le PDF n'a pas été produit : corrigez d'abord les données.")
        return None
    return loaded


def _write_document(root: Path, kind: str, folder: Path) -> int:
    from . import document, publish
    from .pdf import PdfEngineMissing, write_pdf

    loaded = _load_or_report(root)
    if loaded is None:
        return 1
    territory = loaded.data.get("territoire") or {}
    today = datetime.date.today()
    fictional = loaded.is_example or bool(territory.get("fictif"))
    if kind == "plan":
        sections = document.plan_sections(root)
        name, prefix = document.plan_filename(territory, today), publish.PLAN_PREFIX
    else:
        sections = document.kit_sections(root)
        name, prefix = document.kit_filename(territory), publish.KIT_PREFIX
    html = document.document_html(kind, territory, sections, today, fictional)
    path = folder / name
    try:
        size = write_pdf(html, path)
    except PdfEngineMissing as error:
        _say(f"Erreur : {error}")
        return 1
    publish.keep_only(path, prefix)
    _say(f"PDF écrit : {path} ({format_size(size)}). Le site le proposera en "
         "téléchargement à sa prochaine construction.")
    return 0


def _downloads(args) -> Path:
    from .publish import downloads_folder

    return Path(args.sortie) if args.sortie else downloads_folder(Path(args.racine))


def pdf(args) -> int:
    return _write_document(Path(args.racine), "plan", _downloads(args))


def trousse(args) -> int:
    return _write_document(Path(args.racine), "trousse", _downloads(args))


def schemas(args) -> int:
    changed = write_schemas(Path(args.racine) / SCHEMA_DIR)
    if changed:
        _say("Schémas mis à jour : " + ", ".join(changed))
    else:
        _say("Les schémas sont à jour.")
    return 0


_ARGPARSE_FRENCH = (
    ("the following arguments are required", "argument obligatoire manquant"),
    ("invalid choice", "choix invalide"),
    ("unrecognized arguments", "arguments inconnus"),
    ("invalid int value", "nombre entier attendu"),
    ("expected one argument", "une valeur est attendue"),
    ("choose from", "choisir parmi"),
)


class _FrenchParser(argparse.ArgumentParser):
    """argparse, with its error messages in French."""

    def error(self, message):
        for english, french in _ARGPARSE_FRENCH:
            message = message.replace(english, french)
        self.print_usage(sys.stderr)
        self.exit(2, f"Erreur : {message}. Aide : pnt --help\n")


def parser() -> argparse.ArgumentParser:
    main_parser = _FrenchParser(
        prog="pnt", description="Outils du plan numérique territorial.")
    main_parser.add_argument("--racine", default=".",
                             help="dossier du projet (par défaut : le dossier courant)")
    commands = main_parser.add_subparsers(dest="commande", metavar="commande",
                                          parser_class=_FrenchParser)
    commands.required = True

    check = commands.add_parser(
        "verifier", help="vérifier les données du plan sans construire le site")
    check.add_argument("--dossier", help="dossier de données à vérifier "
                                         "(par défaut : data/, ou exemple/)")
    check.set_defaults(action=verifier)

    new = commands.add_parser("nouveau", help="commencer un nouveau plan vide")
    new.add_argument("nom", help="nom du territoire, p. ex. « MRC de Témiscamingue »")
    new.add_argument("--type", choices=("MRC", "territoire équivalent"),
                     help="type de territoire (deviné d'après le nom)")
    new.add_argument("--region", help="région administrative")
    new.add_argument("--code", help="code géographique, p. ex. 085")
    new.add_argument("--debut", type=int, help="première année du plan")
    new.add_argument("--fin", type=int, help="dernière année du plan")
    new.add_argument("--remplacer", action="store_true",
                     help="remplacer un plan existant (l'ancien est conservé)")
    new.set_defaults(action=nouveau)

    plan_pdf = commands.add_parser("pdf", help="produire le plan en PDF "
                                               "(dans telechargements/)")
    plan_pdf.add_argument("--sortie", help="dossier où écrire le PDF")
    plan_pdf.set_defaults(action=pdf)

    kit = commands.add_parser("trousse", help="produire la trousse d'atelier : "
                                              "toutes les grilles vierges en PDF")
    kit.add_argument("--sortie", help="dossier où écrire le PDF")
    kit.set_defaults(action=trousse)

    schema = commands.add_parser("schemas", help="régénérer les schémas JSON "
                                                 "des fichiers de données")
    schema.set_defaults(action=schemas)

    from .spreadsheet_commands import add_commands as add_spreadsheet_commands

    add_spreadsheet_commands(commands)  # exporter, importer
    return main_parser


def main(argv=None) -> int:
    args = parser().parse_args(argv)
    return args.action(args)


if __name__ == "__main__":
    sys.exit(main())
