"""A workbook uploaded on GitHub, turned into a pull request (or a comment).

Committees never use a terminal: they upload the filled workbook in the
repository's ``classeurs/`` folder with GitHub's « Add file › Upload files ».
The workflow « Importer un classeur téléversé »
(``.github/workflows/importer-classeur.yml``) then runs this script, which
does the import the way ``pnt importer`` does (all or nothing, the same
validation and the same messages) and leaves three things behind:

- the working tree: on success, the changed data files and the workbook
  removed (the workflow commits both); on errors, nothing touched;
- in the output folder (``--sortie``), the French texts the workflow posts:
  ``description.md`` (the pull request's body), ``commentaire.md`` (a
  comment on the commit) and ``message-commit.txt``;
- on stdout, ``key=value`` lines for ``$GITHUB_OUTPUT``: ``resultat``
  (``modifications``, ``aucun-changement``, ``erreurs`` or ``aucun-classeur``),
  ``titre``, ``branche`` (ASCII, no spaces: the file name is user input) and
  ``donnees_valides`` (``oui`` or ``non``: whether ``pnt verifier`` passed on
  the imported plan; empty when nothing was imported).

A workbook that changes nothing still goes through a pull request (one that
only removes it): branch protection refuses a push straight to the default
branch. Both pull requests get the verification's result as the commit
status « Vérifier une proposition de modification », which the workflow
posts: a pull request opened with the workflow's token starts no workflow.

Which workbook: the ``.xlsx`` files added or modified under ``classeurs/``
between two commits (``--avant``/``--apres``, the push's ``before`` and
``after``), read from git, never from a shell. Modified counts too: a
refused workbook stays in ``classeurs/``, and its corrected version is
uploaded under the same name. ``--avant`` all zeros (a new branch), or
unknown to the clone, means: the parent of ``--apres``.

Several workbooks in one push are refused (``erreurs``), nothing imported:
each workbook holds the whole plan, so importing the second would undo the
changes of the first.

Exit codes: 0 whenever the outcome is one of the four results above (an
``erreurs`` result included: the workflow posts the comment, then fails the
job itself); 1 when git cannot say which files the push added; 2 for wrong
arguments (argparse).
"""

from __future__ import annotations

import argparse
import datetime
import os
import re
import subprocess
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .outputs.files import write_all
from .plan import french
from .reading import loader, problems as problem_report
from .reminders import markdown_text

UPLOAD_DIR = "classeurs"
WORKBOOK_SUFFIX = ".xlsx"
NO_COMMIT = "0" * 40
EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"  # git's empty tree
BRANCH_PREFIX = "classeur/"
SLUG_LENGTH = 40
SHORT_SHA = 7

CHANGES, NO_CHANGE, ERRORS, NO_WORKBOOK = (
    "modifications", "aucun-changement", "erreurs", "aucun-classeur")
DESCRIPTION, COMMENT, COMMIT_MESSAGE = "description.md", "commentaire.md", "message-commit.txt"

HOW_TO_CHECK = (
    "## Comment vérifier\n\n"
    "Ouvrez l'onglet « Files changed » de cette proposition : chaque ligne en vert "
    "a été ajoutée, chaque ligne en rouge retirée, dans les fichiers du plan "
    "(dossier data/). Comparez-les avec ce que le comité voulait changer. Si tout "
    "est juste, fusionnez la proposition (« Merge pull request ») : le site sera "
    "reconstruit et publié. Sinon, fermez-la sans la fusionner, corrigez le "
    "classeur dans Excel ou LibreOffice et téléversez-le de nouveau dans le "
    "dossier classeurs/.\n")

WHAT_TO_DO = (
    "## Que faire\n\n"
    "1. Ouvrez votre classeur dans Excel ou LibreOffice et corrigez chaque cellule "
    "nommée ci-dessus (feuille, ligne, colonne).\n"
    "2. Enregistrez-le au format .xlsx, sous le même nom.\n"
    "3. Téléversez-le de nouveau dans le dossier classeurs/ du dépôt (« Add file › "
    "Upload files ») : il remplacera celui-ci et sera vérifié à nouveau.\n")


# Where the workbook's name goes in a title or a heading: filled in after the
# typesetting, so that the name stays as the uploader wrote it (in Markdown,
# its syntax escaped and no « @name » that would notify someone).
NAME = "\0"


class GitError(Exception):
    """git could not list the files of the push (French message)."""


@dataclass
class Outcome:
    """What the workflow does next, and the texts it posts."""

    result: str
    title: str = ""
    branch: str = ""
    valid: str = ""  # « oui » or « non »: pnt verifier on the imported plan
    texts: dict = field(default_factory=dict)  # {file name in --sortie: text}

    def output_lines(self) -> list:
        return [f"resultat={self.result}", f"titre={self.title}",
                f"branche={self.branch}", f"donnees_valides={self.valid}"]


# --- which workbooks the push brought ------------------------------------------------------

def _git(root: Path, *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(root), *arguments], capture_output=True)


def _known_commit(root: Path, sha: str) -> bool:
    return bool(sha) and _git(root, "cat-file", "-e", f"{sha}^{{commit}}").returncode == 0


def _base_of(root: Path, before: str, after: str) -> str:
    """What the push is compared with: ``before``, or the parent of ``after``
    (a new branch, a force push), or the empty tree (the first commit)."""
    if before and before != NO_COMMIT and _known_commit(root, before):
        return before
    if _known_commit(root, f"{after}^"):
        return f"{after}^"
    return EMPTY_TREE


def uploaded_workbooks(root: Path, before: str, after: str) -> list:
    """The workbooks added or modified under classeurs/ by the push, as paths
    relative to ``root``, in git's order."""
    if not _known_commit(root, after):
        raise GitError(f"le commit « {after} » est introuvable dans le dépôt")
    listed = _git(root, "diff", "--name-only", "-z", "--diff-filter=AM", "--no-renames",
                  _base_of(root, before, after), after, "--", f"{UPLOAD_DIR}/")
    if listed.returncode != 0:
        raise GitError(listed.stderr.decode("utf-8", "replace").strip())
    names = [name for name in listed.stdout.decode("utf-8", "surrogateescape").split("\0")
             if name]
    return [Path(name) for name in names if is_upload(Path(name))]


def is_upload(path: Path) -> bool:
    """A workbook of classeurs/ (the only files the script may delete)."""
    return (not path.is_absolute() and len(path.parts) > 1
            and path.parts[0] == UPLOAD_DIR and ".." not in path.parts
            and path.suffix.lower() == WORKBOOK_SUFFIX)


# --- texts -------------------------------------------------------------------------------------

def _one_line(text: str) -> str:
    """A file name as a title or an output value: no control character (a name
    with a line break would add a line to $GITHUB_OUTPUT)."""
    return " ".join("".join(" " if unicodedata.category(ch)[0] == "C" else ch
                            for ch in text).split())


def branch_slug(name: str) -> str:
    """A file name as a branch name's part: ASCII letters, digits and dashes."""
    decomposed = unicodedata.normalize("NFKD", Path(name).stem.lower())
    ascii_text = decomposed.encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:SLUG_LENGTH].strip("-")
    return slug or "classeur"


def branch_name(workbook: Path, after: str, today: datetime.date) -> str:
    suffix = after[:SHORT_SHA] if re.fullmatch(r"[0-9a-f]{7,40}", after or "") \
        else today.isoformat()
    return f"{BRANCH_PREFIX}{branch_slug(workbook.name)}-{suffix}"


def _code(text: str) -> str:
    """``text`` as inline code, whatever backticks it holds, on one line (a line
    break would let the next line start a heading or a list)."""
    text = _one_line(text)
    run = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * (run + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _block(lines: list) -> str:
    """Lines as a text block: the importer's messages exactly as it prints
    them, never read as Markdown (a value may hold « * », « # » or « @ »)."""
    text = "\n".join(lines)
    run = max((len(m) for m in re.findall(r"`{3,}", text)), default=2)
    fence = "`" * (run + 1)
    return f"{fence}text\n{text}\n{fence}\n"


_CODE = re.compile(r"^(`{3,})text\n.*?\n\1$|(`+).+?(?<!`)\2(?!`)", re.MULTILINE | re.DOTALL)


def typeset_markdown(text: str) -> str:
    """French no-break spaces (``french.typeset``) in the prose, never inside
    code: the importer's messages and the file names stay as they are."""
    parts, start = [], 0
    for match in _CODE.finditer(text):
        parts += [french.typeset(text[start:match.start()]), match.group(0)]
        start = match.end()
    return "".join(parts + [french.typeset(text[start:])])


def _problem_lines(found: list) -> list:
    """The report of ``pnt importer``, without its last line (which tells a
    terminal user to run the command again)."""
    return problem_report.report(found).splitlines()[:-1]


def _counts(found: list) -> str:
    errors = sum(1 for p in found if p.is_error)
    return (f"{french.count(errors, 'erreur', 'erreurs')}, "
            f"{french.count(len(found) - errors, 'avertissement', 'avertissements')}")


def _grid_lines(change) -> list:
    from .spreadsheet.importing import row_counts
    from .spreadsheet.layout import grid_sheet

    return [f"- {grid_change.grid.title} (feuille « {grid_sheet(grid_change.grid).name} ») : "
            f"{row_counts(grid_change)}"
            for grid_change in change.grids if grid_change.changed]


def changes_text(changes: list) -> str:
    """File by file, grid by grid, how many rows were added, changed, removed."""
    parts = []
    for change in changes:
        parts.append(f"### {loader.DATA_DIR}/{change.step.filename}\n\n"
                     + "\n".join(_grid_lines(change)) + "\n")
    return "\n".join(parts)


def pull_request_text(workbook: Path, title: str, result, checked: str) -> str:
    """The pull request's body: what changes, the verification, how to review."""
    written = french.count(len(result.changes), "fichier du plan modifié",
                           "fichiers du plan modifiés")
    text = (f"# {title}\n\n"
            f"Le classeur {_code(workbook.as_posix())} a été vérifié, puis reporté dans "
            f"les fichiers du plan ({written}). Cette proposition le retire aussi du "
            f"dossier {UPLOAD_DIR}/ : son contenu est maintenant dans {loader.DATA_DIR}/.\n\n"
            f"## Ce qui change\n\n{changes_text(result.changes)}\n")
    if result.problems:  # warnings only: errors stop the import
        text += ("## Avertissements\n\nLe classeur est valide ; ces points méritent "
                 f"tout de même un coup d'œil :\n\n{_block(_problem_lines(result.problems))}\n")
    return text + checked + HOW_TO_CHECK


def errors_text(workbook: Path, found: list) -> str:
    errors = sum(1 for p in found if p.is_error)
    return (f"# Classeur « {NAME} » refusé\n\n"
            f"Le classeur {_code(workbook.as_posix())} n'a pas été importé : il "
            f"contient {french.count(errors, 'erreur', 'erreurs')}. Rien n'a été modifié "
            f"dans les fichiers du plan ({loader.DATA_DIR}/), et le classeur reste dans "
            f"le dossier {UPLOAD_DIR}/.\n\n"
            f"## Erreurs à corriger\n\n{_block(_problem_lines(found))}\n"
            f"{_counts(found)}.\n\n{WHAT_TO_DO}")


def no_change_text(workbook: Path, title: str, checked: str) -> str:
    """The body of the pull request that only removes the workbook."""
    return (f"# {title}\n\n"
            f"Le classeur {_code(workbook.as_posix())} est valide et correspond déjà aux "
            f"fichiers du plan ({loader.DATA_DIR}/) : il n'y a rien à y changer. Cette "
            f"proposition retire seulement le classeur du dossier {UPLOAD_DIR}/.\n\n"
            f"{checked}"
            "## Que faire\n\n"
            "Fusionnez cette proposition (« Merge pull request ») pour retirer le "
            f"classeur du dossier {UPLOAD_DIR}/ ; les fichiers du plan et le site restent "
            "les mêmes.\n")


def several_text(workbooks: list) -> str:
    names = "\n".join(f"- {_code(w.as_posix())}" for w in workbooks)
    return (f"# {len(workbooks)} classeurs téléversés à la fois : aucun importé\n\n"
            f"Cet envoi contient {len(workbooks)} classeurs :\n\n{names}\n\n"
            "Chaque classeur contient tout le plan : importer le second effacerait les "
            "changements du premier. Rien n'a été modifié dans les fichiers du plan "
            f"({loader.DATA_DIR}/), et les classeurs restent dans le dossier "
            f"{UPLOAD_DIR}/.\n\n"
            "## Que faire\n\n"
            "1. Réunissez les changements dans un seul classeur, dans Excel ou "
            "LibreOffice.\n"
            f"2. Supprimez les autres du dossier {UPLOAD_DIR}/ (ouvrir le fichier, "
            "puis « … › Delete file »).\n"
            f"3. Téléversez de nouveau le classeur à importer dans le dossier "
            f"{UPLOAD_DIR}/ (« Add file › Upload files »).\n")


def verification(root: Path) -> tuple:
    """(valid, report) of ``pnt verifier`` on the imported plan. A pull request
    opened by the workflow does not start « Publier le plan » (GitHub's rule
    for its token): its reviewers read this report instead."""
    environment = {k: v for k, v in os.environ.items() if k != loader.DATA_ENV}
    done = subprocess.run([sys.executable, "-m", "macros.cli", "--racine", str(root),
                           "verifier"], capture_output=True, text=True, env=environment)
    return done.returncode == 0, (done.stdout + done.stderr).strip()


def verification_text(valid: bool, report: str) -> str:
    verdict = ("Les données du plan, classeur importé, sont valides." if valid else
               "**Attention** : les données du plan, classeur importé, ont des erreurs. "
               "Ne fusionnez pas cette proposition avant qu'elles soient corrigées.")
    return (f"## Vérification des données du plan\n\n{verdict} Rapport de la "
            "vérification (la même qu'à la publication du site) :\n\n"
            f"{_block(report.splitlines())}\n")


# --- the import ----------------------------------------------------------------------------

def _import(root: Path, workbook: Path, after: str, today: datetime.date) -> Outcome:
    from .spreadsheet.importing import import_workbook

    result = import_workbook(root / workbook, root / loader.DATA_DIR, loader.DATA_DIR,
                             write=True)
    if result.errors or result.unwritable:
        return Outcome(ERRORS, f"Classeur « {NAME} » refusé",
                       texts={COMMENT: errors_text(workbook, result.problems)})
    (root / workbook).unlink()
    valid, report = verification(root)
    checked = verification_text(valid, report)
    branch, verdict = branch_name(workbook, after, today), "oui" if valid else "non"
    if not result.changes:
        title = f"Retirer le classeur « {NAME} » (aucun changement)"
        return Outcome(NO_CHANGE, title, branch, verdict,
                       texts={DESCRIPTION: no_change_text(workbook, title, checked),
                              COMMIT_MESSAGE: f"{title}\n"})
    title = f"Importer le classeur « {NAME} »"
    files = french.join([c.step.filename for c in result.changes])
    description = pull_request_text(workbook, title, result, checked)
    return Outcome(CHANGES, title, branch, verdict,
                   texts={DESCRIPTION: description,
                          COMMIT_MESSAGE: f"{title}\n\nFichiers du plan mis à jour : "
                                          f"{files}. Le classeur est retiré de "
                                          f"{UPLOAD_DIR}/.\n"})


def process(root: Path, workbooks: list, after: str = "",
            today: datetime.date = None) -> Outcome:
    """Import the one workbook of ``workbooks`` (paths relative to ``root``)."""
    today = today or datetime.date.today()
    if not workbooks:
        return Outcome(NO_WORKBOOK)
    if len(workbooks) > 1:
        outcome = Outcome(ERRORS, f"{len(workbooks)} classeurs téléversés à la fois",
                          texts={COMMENT: several_text(workbooks)})
    else:
        outcome = _import(Path(root), Path(workbooks[0]), after, today)
    name = _one_line(Path(workbooks[0]).name)
    outcome.title = french.typeset(outcome.title).replace(NAME, name)
    outcome.texts = {file: typeset_markdown(text).replace(
        NAME, markdown_text(name) if file.endswith(".md") else name)
        for file, text in outcome.texts.items()}
    return outcome


def write_texts(outcome: Outcome, folder: Path) -> None:
    """The texts the workflow posts, each file whole (``write_all``)."""
    folder.mkdir(parents=True, exist_ok=True)
    write_all({folder / name: text for name, text in outcome.texts.items()})


# --- the command -------------------------------------------------------------------------------

def parser() -> argparse.ArgumentParser:
    """The same French argparse as ``pnt`` (help and errors)."""
    from .cli import FrenchParser

    command = FrenchParser(
        prog="python -m macros.uploads",
        description="Importer un classeur téléversé dans classeurs/ (flux « Importer "
                    "un classeur téléversé ») : met à jour data/, écrit les textes de la "
                    "proposition de modification ou du commentaire, et affiche les "
                    "valeurs pour $GITHUB_OUTPUT.")
    command.add_argument("classeurs", nargs="*", metavar="CLASSEUR",
                         help="classeur à importer, relatif à la racine (par défaut : "
                              "ceux que l'envoi a ajoutés, d'après --avant et --apres)")
    command.add_argument("--racine", default=".",
                         help="dossier du projet, un dépôt git (par défaut : le dossier "
                              "courant)")
    command.add_argument("--avant", default="",
                         help="commit d'avant l'envoi (github.event.before ; que des "
                              "zéros pour une nouvelle branche)")
    command.add_argument("--apres", default="",
                         help="commit de l'envoi (github.sha)")
    command.add_argument("--sortie", default="build/televersement",
                         help="dossier où écrire description.md, commentaire.md et "
                              "message-commit.txt (par défaut : build/televersement)")
    return command


def main(argv=None) -> int:
    args = parser().parse_args(argv)
    root = Path(args.racine)
    if not args.classeurs and not args.apres:
        print("Erreur : donnez le classeur à importer, ou --apres (et --avant) pour "
              "prendre ceux de l'envoi.", file=sys.stderr)
        return 2
    outside = [w for w in args.classeurs if not is_upload(Path(w))]
    if outside:
        print(f"Erreur : « {outside[0]} » n'est pas un classeur .xlsx du dossier "
              f"{UPLOAD_DIR}/ (p. ex. {UPLOAD_DIR}/grilles.xlsx).", file=sys.stderr)
        return 2
    try:
        workbooks = ([Path(w) for w in args.classeurs] if args.classeurs
                     else uploaded_workbooks(root, args.avant, args.apres))
    except GitError as error:
        print(f"Erreur : git ne dit pas quels classeurs l'envoi a ajoutés ({error}).",
              file=sys.stderr)
        return 1
    outcome = process(root, workbooks, args.apres)
    sortie = Path(args.sortie)
    write_texts(outcome, sortie if sortie.is_absolute() else root / sortie)
    for text in outcome.texts.values():
        print(text, file=sys.stderr)  # the job's log
    print("\n".join(outcome.output_lines()))
    print(f"Résultat : {outcome.result}. {outcome.title}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
