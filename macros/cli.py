"""The ``pnt`` command: check a plan's data, start a new plan, print it,
exchange it with a workbook, refresh the schemas.

Sub-commands are French verbs: ``pnt verifier``,
``pnt nouveau "MRC de …"``, ``pnt pdf``, ``pnt trousse``, ``pnt exporter``,
``pnt importer``, ``pnt schemas``, ``pnt a-jour``, ``pnt completer-site``,
``pnt region``. Each
one is a small function here; the work is done by the packages (``reading``,
``outputs``, ``spreadsheet``), imported only by the commands that need them.
Authors type them from the project folder as ``.venv/bin/pnt …`` or ``make
verifier``: every message and the help write them so (``commands.py``).
"""

from __future__ import annotations

import argparse
import datetime
import os
import re
import shutil
import sys
from pathlib import Path

from .commands import PLAN_NAME, PROGRAM, quoted, typed
from .plan import french
from .plan.catalog import REGIONS
from .plan.values import fold, suggestion
from .reading import loader, problems

PLAN_YEARS = 5
README = "LISEZMOI.md"  # the note in data/ that the template ships
WORKBOOK_SUFFIX = ".xlsx"
UNCHANGED = "Rien n'a été modifié."


def _say(text: str) -> None:
    print(text)


def _folder_of(args):
    """The loaded data of ``--dossier``, or of the project (data/, or exemple/)."""
    if args.dossier:
        return loader.load_folder(Path(args.dossier), args.dossier.rstrip("/"))
    return loader.load(Path(args.racine))


# --- pnt verifier -----------------------------------------------------------------------

def verifier(args) -> int:
    loaded = _folder_of(args)
    if loaded.is_example:
        _say(f"Aucun plan dans {loader.DATA_DIR}/ : vérification du territoire "
             f"d'exemple ({loader.EXAMPLE_DIR}/). Lancez {quoted('nouveau', PLAN_NAME)} "
             "pour commencer le vôtre.")
    _say(problems.report(loaded.problems))
    return 1 if loaded.errors else 0


# --- pnt nouveau --------------------------------------------------------------------------

def _territory_kind(name: str, kind: str) -> str:
    if kind:
        return kind
    return "MRC" if name.strip().upper().startswith("MRC") else "territoire équivalent"


def _region_key(text: str) -> str:
    """A region's name as compared: lower case, without accents, words only."""
    return " ".join(re.findall(r"[a-z0-9]+", fold(text)))


def _region_names() -> dict:
    """{compared name: regions}: each region by its name and, for a region of
    two parts, by each part (« Gaspésie », « Saguenay »)."""
    names = {}
    for region in REGIONS:
        for name in {region, *region.split("–")}:
            names.setdefault(_region_key(name), set()).add(region)
    return names


def _named_region(text: str) -> str:
    """The region ``text`` names without doubt (« estrie », « gaspesie »), or ""."""
    regions = _region_names().get(_region_key(text), set())
    return next(iter(regions)) if len(regions) == 1 else ""


def _region_problem(text: str) -> str:
    names = _region_names()
    message = (f"« {text} » n'est pas une région administrative (choisir parmi : "
               f"{', '.join(REGIONS)})")
    near = suggestion(_region_key(text), list(names))
    if near is not None and len(names[near]) == 1:
        region = next(iter(names[near]))
        message += (f" ; vouliez-vous dire « {region} » ? Relancez avec "
                    f"--region \"{region}\"")
    return f"{message}. {UNCHANGED}"


def _new_plan_problem(args, existing: list, start: int, end: int) -> str:
    """Why ``pnt nouveau`` must not go on, in French ("" : it may)."""
    if existing and not args.remplacer:
        return (f"{loader.DATA_DIR}/ contient déjà un plan ({len(existing)} fichiers). "
                f"{UNCHANGED} Pour repartir à zéro, relancez avec --remplacer : "
                "l'ancien dossier sera conservé sous un autre nom.")
    if not args.nom.strip() or any(ord(ch) < 32 for ch in args.nom):
        return ("le nom du territoire doit être écrit sur une ligne, sans caractère de "
                f"contrôle (p. ex. \"MRC de Témiscamingue\"). {UNCHANGED}")
    if args.code and not re.match(r"^[0-9]{2,3}$", args.code):
        return (f"« {args.code} » n'est pas un code géographique (2 ou 3 chiffres, "
                f"p. ex. 999). {UNCHANGED}")
    if args.region and not _named_region(args.region):
        return _region_problem(args.region)
    if end < start:
        return f"la fin de la période ({end}) précède son début ({start}). {UNCHANGED}"
    return ""


def _territory_values(args, start: int, end: int) -> dict:
    values = {"type": _territory_kind(args.nom, args.type), "nom": args.nom.strip(),
              "periode_debut": start, "periode_fin": end, "statut": "brouillon"}
    if args.region:
        values["region"] = _named_region(args.region)
    if args.code:
        values["code_geographique"] = args.code
    return values


def _write_plan(folder: Path, files: dict, existing: list):
    """Write ``files`` into data/, the old folder (if any) kept aside under a
    dated name; return that name. All or nothing: on a ``WriteError``, data/
    is as it was."""
    from .outputs.files import write_all

    backup = None
    if existing:
        stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
        backup = folder.with_name(f"{folder.name}-sauvegarde-{stamp}")
        folder.rename(backup)
        if (backup / README).exists():
            files = {**files, README: (backup / README).read_bytes()}
    try:
        write_all({folder / name: content for name, content in files.items()})
    except BaseException:
        if backup is not None:
            shutil.rmtree(folder, ignore_errors=True)
            backup.rename(folder)
        raise
    return backup


def _write_problem(error, folder: Path) -> str:
    """A write failure of ``pnt nouveau``, in French."""
    from .oserrors import writing_cause
    from .outputs.files import WriteError

    path, (cause, remedy) = ((error.path, (error.cause, error.remedy))
                             if isinstance(error, WriteError)
                             else (Path(error.filename or folder), writing_cause(error)))
    return (f"{path} ne peut être écrit ({cause}) : {remedy}, puis relancer la "
            f"commande. {UNCHANGED}")


def nouveau(args) -> int:
    from .outputs.files import WriteError
    from .outputs.skeleton import skeleton_files

    root = Path(args.racine)
    folder = root / loader.DATA_DIR
    existing = ([p for p in folder.glob("*.y*ml") if p.is_file()] if folder.is_dir()
                else [])
    start = args.debut or datetime.date.today().year
    end = args.fin or start + PLAN_YEARS - 1
    problem = _new_plan_problem(args, existing, start, end)
    if problem:
        _say(f"Erreur : {problem}")
        return 1
    values = _territory_values(args, start, end)
    files = skeleton_files(values)
    try:
        backup = _write_plan(folder, files, existing)
    except (WriteError, OSError) as error:
        _say(f"Erreur : {_write_problem(error, folder)}")
        return 1
    if backup is not None:
        _say(f"L'ancien dossier {loader.DATA_DIR}/ est conservé sous {backup.name}/.")
    _say(f"Nouveau plan créé pour « {values['nom']} » dans {loader.DATA_DIR}/ "
         f"({len(files)} fichiers, période {french.years(start, end)}).")
    _say("Étapes suivantes : remplissez les fichiers, vérifiez-les avec "
         f"{quoted('verifier')}, puis prévisualisez le site avec {quoted('apercu')}.")
    return 0


# --- pnt pdf, pnt trousse -----------------------------------------------------------------

def _write_document(args, kind: str) -> int:
    from .outputs import document, publish
    from .outputs.files import WriteError
    from .outputs.pdf import PdfEngineMissing, write_pdf

    root = Path(args.racine)
    loaded = loader.load(root)
    if loaded.errors:
        _say(problems.report(loaded.problems))
        _say("Le PDF n'a pas été produit : corrigez d'abord les données.")
        return 1
    territory = loaded.data.get("territoire") or {}
    today = datetime.date.today()
    logo, report = "", None
    if kind == "rapport":
        report = _year_report(loaded, args.annee)
        if report is None:
            return 1
    if kind in ("plan", "rapport"):
        from .outputs.printing import LOGO_MAX_BYTES, LogoError, cover_logo

        try:
            logo = cover_logo(loaded.folder, loaded.shown)
        except LogoError as error:
            _say(f"Erreur : le logo {error}. Remplacez-le par une image SVG ou PNG "
                 f"(au plus {french.size(LOGO_MAX_BYTES)}), ou retirez-le.")
            _say("Le PDF n'a pas été produit.")
            return 1
    if kind == "plan":
        sections, name = document.plan_sections(root), document.plan_filename(territory, today)
    elif kind == "rapport":
        sections = document.report_sections(root, report.year)
        name = document.report_filename(report.year)
    else:
        sections, name = document.kit_sections(root), document.kit_filename(territory)
    html = document.document_html(kind, territory, sections, today,
                                  loaded.is_example or bool(territory.get("fictif")), logo,
                                  report)
    folder = Path(args.sortie) if args.sortie else publish.downloads_folder(root)
    try:
        size = write_pdf(html, folder / name)
    except PdfEngineMissing as error:
        _say(f"Erreur : {error}")
        return 1
    except WriteError as error:
        _say(f"Erreur : {_write_problem(error, folder)}")
        return 1
    if kind != "rapport":  # one report per year; one plan, one kit
        publish.keep_only(folder / name, publish.PLAN_PREFIX if kind == "plan"
                          else publish.KIT_PREFIX)
    _say(f"PDF écrit : {folder / name} ({french.size(size)}). Le site le proposera en "
         "téléchargement à sa prochaine construction.")
    return 0


def pdf(args) -> int:
    return _write_document(args, "plan")


def _year_report(loaded, year):
    """The yearly report of ``year`` (None: the newest), or None after saying
    which years have follow-up data."""
    from .plan import yearly
    from .plan.index import PlanIndex

    try:
        return yearly.year_report(PlanIndex(loaded.data), year)
    except yearly.NoFollowUp as missing:
        _say(_no_follow_up(missing, loaded.shown))
        return None


def _no_follow_up(missing, folder: str) -> str:
    where = (f"inscrivez des mesures des indicateurs ({folder}/10-evaluation-reddition.yml, "
             f"grille « Mesures des indicateurs ») ou l'avancement des actions "
             f"({folder}/09-mise-en-oeuvre.yml, grille « Programmation annuelle »)")
    if not missing.years:
        return ("Erreur : le plan n'a encore aucune donnée de suivi, donc aucun rapport "
                f"annuel : {where}.")
    years = french.join([str(year) for year in missing.years])
    return (f"Erreur : l'année {missing.year} n'a aucune donnée de suivi (mesure, mise à "
            f"jour de la programmation, reddition de comptes ou ajustement). Années qui "
            f"en ont : {years}. Par exemple : {typed('rapport', str(missing.years[-1]))}.")


def rapport(args) -> int:
    if not args.tous:
        return _write_document(args, "rapport")
    if args.annee is not None:
        _say("Erreur : donnez une année ou --tous, pas les deux.")
        return 1
    return _every_report(args)


def _every_report(args) -> int:
    """« pnt rapport --tous »: the report of each year with follow-up data (none
    yet is not an error: the publishing workflow runs it for every plan)."""
    from .plan import yearly
    from .plan.index import PlanIndex

    loaded = loader.load(Path(args.racine))
    if loaded.errors:
        _say(problems.report(loaded.problems))
        _say("Aucun rapport annuel n'a été produit : corrigez d'abord les données.")
        return 1
    years = yearly.report_years(PlanIndex(loaded.data))
    if not years:
        _say("Le plan n'a encore aucune donnée de suivi : aucun rapport annuel à produire.")
        return 0
    for year in sorted(years):
        args.annee = year
        status = _write_document(args, "rapport")
        if status:
            return status
    return 0


def trousse(args) -> int:
    return _write_document(args, "trousse")


# --- pnt a-jour ------------------------------------------------------------------------------

def _day_of(text: str):
    """The day of ``--date`` (AAAA-MM-JJ), or None."""
    if not re.match(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", text.strip()):
        return None
    try:
        return datetime.date.fromisoformat(text.strip())
    except ValueError:
        return None


def a_jour(args) -> int:
    """What is out of date as of a day, per responsible (plan/updates.py)."""
    from . import reminders
    from .plan import updates
    from .plan.index import PlanIndex

    day = datetime.date.today() if args.date is None else _day_of(args.date)
    if day is None:
        _say(f"Erreur : « {args.date} » n'est pas une date : écrivez-la AAAA-MM-JJ "
             "(p. ex. --date 2027-01-15).")
        return 1
    loaded = _folder_of(args)
    if loaded.errors:
        _say(problems.report(loaded.problems))
        _say("Rien n'a été listé : corrigez d'abord les données.")
        return 1
    items = updates.due_items(PlanIndex(loaded.data), day)
    day_french = french.date(day.year, day.month, day.day)
    if args.format == "markdown":
        sys.stdout.write(reminders.markdown_report(items, day, day_french, loaded.shown))
    else:
        _say(reminders.text_report(items, day_french, loaded.shown))
    return 0


# --- pnt exporter, pnt importer ----------------------------------------------------------

def exporter(args) -> int:
    from .outputs.files import WriteError
    from .plan.catalog import empty_plan
    from .spreadsheet.export import write_workbook
    from .spreadsheet.layout import sheet_rows, sheet_specs

    target = Path(args.classeur)
    if target.suffix.lower() != WORKBOOK_SUFFIX:
        _say(f"Erreur : « {target.name} » : le nom du classeur doit finir par .xlsx "
             "(p. ex. grilles.xlsx). Rien n'a été écrit.")
        return 1
    if args.vierge:
        data, source = empty_plan(), "grilles vierges"
    else:
        loaded = _folder_of(args)
        if loaded.errors:
            _say(problems.report(loaded.problems))
            _say(f"Rien n'a été exporté : corrigez d'abord les erreurs de "
                 f"{loaded.shown}/, pour que le classeur contienne toutes les valeurs.")
            return 1
        data, source = loaded.data, f"{loaded.shown}/"
    try:
        write_workbook(target, data)
    except WriteError as error:
        _say(f"Erreur : {_write_problem(error, target)}")
        return 1
    count = sum(len(sheet_rows(spec, data)) for spec in sheet_specs())
    _say(f"Classeur écrit : {target} ({len(sheet_specs())} grilles, "
         f"{french.count(count, 'ligne', 'lignes')}, depuis {source}).")
    _say("Remplissez-le dans Excel ou LibreOffice, puis reportez-le dans les "
         f"fichiers du plan avec {quoted('importer', str(target))}.")
    return 0


def _import_folder(args) -> tuple:
    """(folder, shown): --dossier, PNT_DONNEES, or data/ (never the example)."""
    chosen = args.dossier or os.environ.get(loader.DATA_ENV)
    if not chosen:
        return Path(args.racine) / loader.DATA_DIR, loader.DATA_DIR
    folder = Path(chosen)
    if not folder.is_absolute() and not args.dossier:
        folder = Path(args.racine) / folder
    return folder, str(chosen).rstrip("/")


def importer(args) -> int:
    from .spreadsheet.importing import change_summary, import_workbook

    folder, shown = _import_folder(args)
    result = import_workbook(Path(args.classeur), folder, shown, write=not args.essai)
    if result.problems:
        _say(problems.report(result.problems))
    if result.unwritable:
        _say(f"Rien n'a été écrit : les fichiers de {shown}/ sont tels qu'avant.")
        return 1
    if result.errors:
        _say("Rien n'a été écrit : corrigez le classeur, enregistrez-le, puis "
             "relancez l'importation.")
        return 1
    if not result.changes:
        _say(f"Aucun changement : les fichiers de {shown}/ correspondent déjà au classeur.")
        return 0
    for line in change_summary(result, shown):
        _say(line)
    if args.essai:
        _say("Essai seulement : rien n'a été écrit. Relancez sans --essai pour "
             "mettre les fichiers à jour.")
    else:
        _say(f"Importation réussie : "
             f"{french.count(len(result.written), 'fichier mis', 'fichiers mis')} à jour "
             f"dans {shown}/. Vérifiez le site avec {quoted('apercu')}.")
    return 0


# --- pnt formater ---------------------------------------------------------------------------

def formater(args) -> int:
    """Files saved by the browser editor, written back as « pnt importer » writes."""
    from .outputs.files import WriteError
    from .outputs.reformat import GitBase, GitProblem, reformat_folder

    folder, shown = _import_folder(args)
    try:
        result = reformat_folder(GitBase(folder, shown, args.base))
    except GitProblem as error:
        _say(f"Erreur : {error}")
        return 1
    except WriteError as error:
        _say(f"Erreur : {_write_problem(error, folder)}")
        return 1
    if any(p.is_error for p in result.problems):
        _say(problems.report(result.problems))
        _say(f"Rien n'a été remis en forme : corrigez ces erreurs dans les fichiers de "
             f"{shown}/, puis relancez. Aucun fichier n'a été écrit.")
        return 1
    for shown_path, note in result.written:
        _say(f"{shown_path} : {note}")
    if not result.written:
        _say("Rien à remettre en forme.")
    return 0


# --- pnt completer-site ---------------------------------------------------------------------

def completer_site(args) -> int:
    """The PDFs, CNAME and open data written into a built site (outputs/finish.py):
    the step the publishing workflow runs after the build, whatever the engine."""
    from .outputs.files import WriteError
    from .outputs.finish import SITE_DIR, SiteMissing, finish_site

    root = Path(args.racine)
    shown = (args.site or SITE_DIR).rstrip("/")
    loaded = loader.load(root)
    if loaded.errors:
        _say(problems.report(loaded.problems))
        _say("Le site n'a pas été complété : corrigez d'abord les données.")
        return 1
    site_dir = Path(args.site) if args.site else root / SITE_DIR
    again = typed("completer-site", *(("--site", shown) if args.site else ()))
    try:
        finished = finish_site(root, site_dir, loaded, shown)
    except SiteMissing as missing:
        _say(f"Erreur : {missing}, puis relancez « {again} ».")
        return 1
    except WriteError as error:
        _say(f"Erreur : le site n'a pu être complété : {error.path} ne peut être écrit "
             f"({error.cause}) : {error.remedy}, puis relancer « {again} ».")
        return 1
    downloads = french.count(len(finished.downloads), "PDF", "PDF")
    domain = f", CNAME ({finished.domain})" if finished.domain else ""
    styles = (", " + french.count(len(finished.stylesheets), "feuille de style réduite",
                                  "feuilles de style réduites") + " aux règles utilisées"
              if finished.stylesheets else "")
    _say(f"Site complété dans {shown}/ : {downloads}{domain}, "
         f"{french.count(finished.open_data, 'fichier', 'fichiers')} de données ouvertes{styles}.")
    return 0


# --- pnt region -----------------------------------------------------------------------------

def region(args) -> int:
    """The regional view of several territories' open data (region/)."""
    from .outputs.files import WriteError
    from .region.site import RegionError, build_region

    today = None
    if args.date:
        try:
            today = datetime.date.fromisoformat(args.date)
        except ValueError:
            _say(f"Erreur : « {args.date} » n'est pas une date AAAA-MM-JJ (p. ex. 2026-11-30).")
            return 1
    sources = [(Path(folder), folder.rstrip("/")) for folder in args.dossiers]
    try:
        result = build_region(Path(args.sortie), sources, Path(args.racine), today,
                              args.titre or "")
    except RegionError as error:
        _say(f"Erreur : {error}")
        return 1
    except (OSError, WriteError) as error:
        cause = error.cause[0] if isinstance(error, WriteError) else (error.strerror or error)
        _say(f"Erreur : la vue régionale n'a pu être écrite dans {args.sortie} ({cause}) ; "
             "l'ancienne, s'il y en avait une, est restée en place.")
        return 1
    for refusal in result.refusals:
        _say(f"Non lu : {refusal.source} : {refusal.reason}")
    read = french.count(len(result.territories), "territoire", "territoires")
    _say(f"Vue régionale écrite dans {args.sortie.rstrip('/')}/ : {read}"
         + (f", {french.count(len(result.refusals), 'dossier non lu', 'dossiers non lus')} "
            "(listés sur la page d'accueil)" if result.refusals else "") + ".")
    return 1 if result.refusals and args.strict else 0


# --- pnt schemas ----------------------------------------------------------------------------

def schemas(args) -> int:
    from .outputs.schemas import SCHEMA_DIR, write_schemas

    from .outputs.files import WriteError

    try:
        changed = write_schemas(Path(args.racine) / SCHEMA_DIR)
    except WriteError as error:
        _say(f"Erreur : {_write_problem(error, error.path)}")
        return 1
    _say("Schémas mis à jour : " + ", ".join(changed) if changed
         else "Les schémas sont à jour.")
    return 0


# --- the parser ------------------------------------------------------------------------------

_ARGPARSE_FRENCH = (
    ("the following arguments are required", "argument obligatoire manquant"),
    ("invalid choice", "choix invalide"),
    ("unrecognized arguments", "arguments inconnus"),
    ("invalid int value", "nombre entier attendu"),
    ("expected one argument", "une valeur est attendue"),
    ("choose from", "choisir parmi"),
    ("ambiguous option", "option ambiguë"),
    ("could match", "qui peut désigner"),
    ("expected at most one argument", "au plus une valeur est attendue"),
)
# The help's own words (argparse writes « usage: », « options: »…); the
# no-break space goes before the colon argparse adds to a section title.
USAGE_PREFIX = "Utilisation\u00a0: "
_HELP_SECTIONS = {"positional arguments": "Arguments\u00a0", "options": "Options\u00a0"}
HELP_FLAGS = ("-h", "--aide", "--help")


class _FrenchHelp(argparse.HelpFormatter):
    """argparse's help, with its usage line and section titles in French."""

    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, USAGE_PREFIX if prefix is None else prefix)

    def start_section(self, heading):
        super().start_section(_HELP_SECTIONS.get(heading, heading))


class FrenchParser(argparse.ArgumentParser):
    """argparse, with its help and its error messages in French."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **{**kwargs, "add_help": False,
                                   "formatter_class": _FrenchHelp})
        self.add_argument(*HELP_FLAGS, action="help", default=argparse.SUPPRESS,
                          help="afficher cette aide et quitter")

    def error(self, message):
        for english, french_words in _ARGPARSE_FRENCH:
            message = message.replace(english, french_words)
        # argparse writes « manquant: --base »; French puts a no-break space first.
        message = message.replace(": ", "\u00a0: ")
        self.print_usage(sys.stderr)
        self.exit(2, f"Erreur\u00a0: {message}. Aide\u00a0: {self.prog} --help\n")


def _command(commands, name: str, action, help_text: str, *arguments) -> None:
    """A sub-command and its arguments: (flags, options) pairs."""
    command = commands.add_parser(name, help=help_text,
                                  description=f"{french.capitalise(help_text)}.")
    for flags, options in arguments:
        command.add_argument(*flags, **options)
    command.set_defaults(action=action)


def parser() -> argparse.ArgumentParser:
    main_parser = FrenchParser(prog=PROGRAM,
                                description="Outils du plan numérique territorial.")
    main_parser.add_argument("--racine", default=".",
                             help="dossier du projet (par défaut : le dossier courant)")
    commands = main_parser.add_subparsers(dest="commande", metavar="commande",
                                          parser_class=FrenchParser)
    commands.required = True
    folder = (("--dossier",), {"help": "dossier de données (par défaut : data/, ou exemple/)"})
    output = (("--sortie",), {"help": "dossier où écrire le PDF"})
    _command(commands, "verifier", verifier,
             "vérifier les données du plan sans construire le site", folder)
    _command(commands, "nouveau", nouveau, "commencer un nouveau plan vide",
             (("nom",), {"help": "nom du territoire, p. ex. « MRC de Témiscamingue »"}),
             (("--type",), {"choices": ("MRC", "territoire équivalent"),
                            "help": "type de territoire (deviné d'après le nom)"}),
             (("--region",), {"help": "région administrative"}),
             (("--code",), {"help": "code géographique, p. ex. 999"}),
             (("--debut",), {"type": int, "help": "première année du plan"}),
             (("--fin",), {"type": int, "help": "dernière année du plan"}),
             (("--remplacer",), {"action": "store_true",
                                 "help": "remplacer un plan existant (l'ancien est conservé)"}))
    _command(commands, "pdf", pdf, "produire le plan en PDF (dans telechargements/)", output)
    _command(commands, "rapport", rapport, "produire le rapport annuel d'une année en PDF "
             "(dans telechargements/)",
             (("annee",), {"nargs": "?", "type": int, "metavar": "ANNÉE",
                           "help": "année du rapport (par défaut : la dernière qui a des "
                                   "données de suivi)"}),
             (("--tous",), {"action": "store_true",
                            "help": "un rapport pour chaque année qui a des données de suivi"}),
             output)
    _command(commands, "a-jour", a_jour, "lister, par responsable, les actions et les "
             "indicateurs à mettre à jour",
             (("--date",), {"metavar": "AAAA-MM-JJ",
                            "help": "date de la situation (par défaut : aujourd'hui)"}),
             folder,
             (("--format",), {"choices": ("texte", "markdown"), "default": "texte",
                              "help": "texte (par défaut) ou markdown : le corps du rappel "
                                      "du flux « Rappels de mise à jour »"}))
    _command(commands, "trousse", trousse, "produire la trousse d'atelier : toutes les "
             "grilles vierges en PDF", output)
    _command(commands, "completer-site", completer_site,
             "compléter le site construit : PDF de telechargements/, CNAME et données "
             "ouvertes (à lancer après la construction, quel que soit le moteur)",
             (("--site",), {"metavar": "DOSSIER",
                            "help": "dossier du site construit (par défaut : site/)"}))
    _command(commands, "region", region,
             "construire la vue régionale : le site qui compare les plans de plusieurs "
             "territoires, d'après leurs données ouvertes",
             (("sortie",), {"metavar": "SORTIE", "help": "dossier où écrire le site"}),
             (("dossiers",), {"nargs": "+", "metavar": "DOSSIER",
                              "help": "dossier donnees/ d'un territoire (téléchargé de "
                                      "son site), ou son ZIP ; un par territoire"}),
             (("--strict",), {"action": "store_true",
                              "help": "échouer si un dossier n'a pu être lu (le site est "
                                      "tout de même écrit)"}),
             (("--titre",), {"help": "titre du site, p. ex. « Plans numériques de "
                                     "l'Estrie »"}),
             (("--date",), {"metavar": "AAAA-MM-JJ",
                            "help": "date de la situation des plans sans données de "
                                    "suivi (par défaut : aujourd'hui)"}))
    _command(commands, "schemas", schemas,
             "régénérer les schémas JSON des fichiers de données")
    _command(commands, "exporter", exporter,
             "écrire les grilles dans un classeur Excel (.xlsx)",
             (("classeur",), {"help": "fichier à écrire, p. ex. grilles.xlsx"}), folder,
             (("--vierge",), {"action": "store_true",
                              "help": "classeur vierge, sans les données du territoire"}))
    _command(commands, "importer", importer,
             "reporter un classeur rempli dans les fichiers du plan",
             (("classeur",), {"help": "classeur rempli (.xlsx)"}),
             (("--dossier",), {"help": "dossier de données à mettre à jour (par défaut : data/)"}),
             (("--essai",), {"action": "store_true",
                             "help": "tout vérifier et dire ce qui changerait, sans rien écrire"}))
    _command(commands, "formater", formater,
             "remettre en forme les fichiers enregistrés par l'éditeur en ligne "
             "(commentaires, ordre et guillemets de la version --base)",
             (("--base",), {"required": True, "metavar": "RÉVISION",
                            "help": "révision git de comparaison, p. ex. main ou HEAD : "
                                    "seuls les fichiers modifiés depuis sont réécrits"}),
             (("--dossier",), {"help": "dossier de données (par défaut : data/)"}))
    return main_parser


def main(argv=None) -> int:
    args = parser().parse_args(argv)
    return args.action(args)


if __name__ == "__main__":
    sys.exit(main())
