"""Give a data file saved by the browser editor its comments, order and quoting back.

Sveltia CMS, where authors edit the plan in the browser, rewrites the whole
file on each save: its comments (the ``# yaml-language-server: $schema=``
line first), its key order and its quoting are gone, and only the values
remain. ``pnt formater --base REV`` puts the file back as ``pnt importer``
writes it: the saved file is read and validated with the site's own reader
(``reading/yamlread``, ``reading/validate``), and its rows are merged into the
version of the same file at git revision REV (``spreadsheet/yamlmerge``). Only
the values that changed differ from REV's text; a file whose values did not
change comes back byte for byte as REV had it; running it twice changes
nothing, since the result is always computed from REV's version.

The pieces that need no git (``reformat_text``, ``territory_name``) are plain
functions of texts. The git part (``GitBase``) runs ``git`` with argument
lists, never a shell. All or nothing: if one saved file does not read or
validate, nothing is written, so that the check that follows shows the errors.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from ..plan.catalog import STEPS
from ..reading.problems import Problem
from ..reading.validate import read_step
from ..reading.yamlread import read_yaml, read_yaml_text
from .files import write_all
from .skeleton import step_file

DEFAULT_NAME = "Plan numérique territorial"
TERRITORY_STEP = STEPS[0]
STEPS_BY_FILE = {step.filename: step for step in STEPS}
MERGE_PROBLEM = ("le fichier ne peut être remis en forme sans risque de perdre ce qu'il "
                 "contient ; rien n'a été écrit. Signalez ce problème aux responsables du "
                 "gabarit, avec ce fichier.")


@dataclass
class Reformatted:
    """The new text of one file, or the problems that prevent writing it."""

    text: str = ""
    problems: list = field(default_factory=list)

    @property
    def errors(self) -> list:
        return [p for p in self.problems if p.is_error]


class GitProblem(Exception):
    """git cannot give the base revision: French message, what to do included."""


# --- texts, without git ------------------------------------------------------------------

def _saved_rows(step, saved_text: str, shown_path: str) -> tuple:
    """({grid key: rows}, problems) of the file as the editor saved it."""
    tree, problems = read_yaml_text(saved_text, shown_path)
    if tree is None and problems:
        return None, problems
    rows, more = read_step(step, tree, shown_path)
    return rows, problems + more


def _usable_base(base_text, shown_path: str) -> tuple:
    """(usable, reader's tree) of REV's text. An absent, empty or unreadable
    base is not usable: the file then starts again from the template's
    commented skeleton, as a new file does in ``pnt importer``."""
    if base_text is None or not base_text.strip():
        return False, None
    tree, problems = read_yaml_text(base_text, shown_path)
    return not problems, tree


def _merged(step, text: str, tree, shown_path: str, rows: dict):
    """``render_step``'s text, or None if the merge would lose something."""
    from ..spreadsheet.yamlmerge import MergeError, render_step

    grids = {grid.key: rows[grid.key] for grid in step.grids}
    try:
        return render_step(step, text, tree, shown_path, grids).text
    except MergeError:
        return None


def reformat_text(step, base_text, saved_text: str, shown_path: str,
                  name: str = DEFAULT_NAME) -> Reformatted:
    """The saved file's values written into REV's text (``base_text``; None
    when the file is new since REV: the template's skeleton, titled ``name``)."""
    rows, problems = _saved_rows(step, saved_text, shown_path)
    if rows is None or any(p.is_error for p in problems):
        return Reformatted(problems=problems)
    usable, tree = _usable_base(base_text, shown_path)
    if usable:
        text = _merged(step, base_text, tree, shown_path, rows)
        if text is not None:
            return Reformatted(text)
    skeleton = step_file(step, name)
    text = _merged(step, skeleton, read_yaml_text(skeleton, shown_path)[0], shown_path,
                   rows)
    if text is None:
        return Reformatted(problems=[Problem.in_file(shown_path, 0, "", MERGE_PROBLEM)])
    return Reformatted(text)


def territory_name(text) -> str:
    """The territory's name in territoire.yml's text (the title of a new file)."""
    if not text:
        return DEFAULT_NAME
    tree, problems = read_yaml_text(text, TERRITORY_STEP.filename)
    if tree is None or problems:
        return DEFAULT_NAME
    rows, _ = read_step(TERRITORY_STEP, tree, TERRITORY_STEP.filename)
    record = rows.get(TERRITORY_STEP.grids[0].key) or {}
    return str(record.get("nom") or DEFAULT_NAME)


def what_was_done(base_text) -> str:
    """The French note printed after a file's name."""
    if base_text is None:
        return "remis en forme (nouveau fichier : en-tête et commentaires du modèle ajoutés)"
    return "remis en forme (commentaires et guillemets rétablis)"


# --- git -------------------------------------------------------------------------------------

NOT_A_REPOSITORY = ("{shown}/ n'est pas dans un dépôt git : la remise en forme "
                    "compare les fichiers à une version enregistrée dans git. Lancez la "
                    "commande dans une copie du projet obtenue avec « git clone ». Rien "
                    "n'a été écrit.")
NO_GIT = ("git est introuvable : installez git (https://git-scm.com), puis relancez la "
          "commande. Rien n'a été écrit.")
UNKNOWN_REVISION = ("« {rev} » n'est pas une révision connue de git (ni une branche, ni une "
                    "étiquette, ni un commit) : donnez une révision existante, p. ex. "
                    "--base main ou --base HEAD (la liste : « git branch -a »). Rien n'a "
                    "été écrit.")
NO_FOLDER = ("dossier introuvable : {shown}/ n'existe pas ; lancez la commande depuis le "
             "dossier du projet, ou donnez le dossier de données avec --dossier. Rien n'a "
             "été écrit.")


class GitBase:
    """A data folder inside a git work tree, and one revision to compare with."""

    def __init__(self, folder: Path, shown: str, rev: str):
        if not folder.is_dir():
            raise GitProblem(NO_FOLDER.format(shown=shown))
        self.folder, self.shown, self.rev = folder.resolve(), shown, rev
        top = self._git("rev-parse", "--show-toplevel", cwd=self.folder)
        if top.returncode != 0:
            raise GitProblem(NOT_A_REPOSITORY.format(shown=shown))
        self.root = Path(top.stdout.decode("utf-8").strip()).resolve()
        self.relative = self.folder.relative_to(self.root).as_posix() or "."
        if rev.startswith("-") or self._git("rev-parse", "--verify", "--quiet",
                                            f"{rev}^{{commit}}").returncode != 0:
            raise GitProblem(UNKNOWN_REVISION.format(rev=rev))

    def _git(self, *args, cwd: Path = None) -> subprocess.CompletedProcess:
        try:
            return subprocess.run(["git", *args], cwd=cwd or self.root,
                                  capture_output=True, check=False)
        except FileNotFoundError:
            raise GitProblem(NO_GIT) from None

    def _names(self, *args) -> set:
        result = self._git(*args, "-z", "--", self.relative)
        return {n for n in result.stdout.decode("utf-8").split("\0") if n}

    def changed_files(self) -> list:
        """The step files of the folder that differ from REV or are new (untracked),
        and still exist: a file deleted since REV is left alone."""
        names = (self._names("diff", "--name-only", "--no-renames", self.rev)
                 | self._names("ls-files", "--others", "--exclude-standard"))
        prefix = "" if self.relative == "." else self.relative + "/"
        found = []
        for name in sorted(names):
            if not name.startswith(prefix) or "/" in name[len(prefix):]:
                continue
            path = self.folder / name[len(prefix):]
            if path.name in STEPS_BY_FILE and path.is_file():
                found.append(path)
        return sorted(found, key=lambda p: [s.filename for s in STEPS].index(p.name))

    def base_text(self, path: Path):
        """The file's text at REV, or None when REV does not have it (or not as text)."""
        inside = path.relative_to(self.folder).as_posix()
        name = inside if self.relative == "." else f"{self.relative}/{inside}"
        result = self._git("cat-file", "blob", f"{self.rev}:{name}")
        if result.returncode != 0:
            return None
        try:
            return result.stdout.decode("utf-8-sig")
        except UnicodeDecodeError:
            return None


# --- the whole command ------------------------------------------------------------------

@dataclass
class FolderResult:
    problems: list = field(default_factory=list)
    written: list = field(default_factory=list)  # (shown path, French note)


def _saved_text(path: Path, shown_path: str, problems: list):
    """The saved file's text, or None after adding why it cannot be read
    (not UTF-8, unreadable) to ``problems``."""
    tree, found = read_yaml(path, shown_path)
    if tree is None and found:
        problems += found
        return None
    return path.read_bytes().decode("utf-8-sig")


def _text_or_none(path: Path):
    try:
        return path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None


def reformat_folder(base: GitBase) -> FolderResult:
    """Reformat every changed step file of ``base.folder``; write them all, or
    none if any has an error. Raises WriteError when a file cannot be written."""
    result, files, notes = FolderResult(), {}, []
    name = territory_name(_text_or_none(base.folder / TERRITORY_STEP.filename))
    for path in base.changed_files():
        shown_path = f"{base.shown}/{path.name}"
        saved = _saved_text(path, shown_path, result.problems)
        if saved is None:
            continue
        old = base.base_text(path)
        done = reformat_text(STEPS_BY_FILE[path.name], old, saved, shown_path, name)
        result.problems += done.problems
        if not done.errors and done.text.encode("utf-8") != path.read_bytes():
            files[path] = done.text
            notes.append((shown_path, what_was_done(old)))
    if any(p.is_error for p in result.problems):
        return result
    write_all(files)
    result.written = notes
    return result
