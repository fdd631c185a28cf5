"""Find, read and validate a territory's data once per build.

The result is cached per process, keyed by the files' modification times:
MkDocs calls ``define_env`` once per build, but Zensical and ``mkdocs serve``
call it much more often, and re-reading unchanged files is wasted work. When
one file changes, only that file is read and validated again; the checks
across files (``checks.py``) run on the whole plan.
"""

from __future__ import annotations

import difflib
import gc
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ..commands import PLAN_NAME, quoted
from ..plan.catalog import STEPS, empty_plan
from .checks import check_plan
from .problems import WARNING, Problem
from .validate import read_step
from .yamlread import read_yaml

DATA_DIR = "data"
EXAMPLE_DIR = "exemple"
DATA_ENV = "PNT_DONNEES"  # points the build at another data folder
TERRITORY_FILE = "territoire.yml"
# The territory's logo, printed on the plan's cover (outputs/printing.py): the
# only file of the data folder that is not a step file. The first found is used.
LOGO_FILES = ("logo.svg", "logo.png")
YAML_SUFFIXES = (".yml", ".yaml")


@dataclass
class LoadedData:
    folder: Path
    shown: str  # the folder as authors see it, e.g. "data"
    data: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)
    is_example: bool = False
    _derived: dict = field(default_factory=dict, repr=False, compare=False)

    def derived(self, key, build):
        """What is computed from this data once (an index, the open data files):
        kept with it, so that it lives exactly as long as the data is unchanged."""
        if key not in self._derived:
            self._derived[key] = build()
        return self._derived[key]

    @property
    def errors(self) -> list:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list:
        return [p for p in self.problems if not p.is_error]


def data_folder(root: Path) -> tuple:
    """Return (folder, shown name, is_example) for a project root.

    A territory's own ``data/`` wins as soon as it holds ``territoire.yml``;
    until then the site shows the fictional example in ``exemple/``.
    """
    override = os.environ.get(DATA_ENV)
    if override:
        folder = Path(override)
        if not folder.is_absolute():
            folder = root / folder
        return folder, _shown(folder, root), False
    own = root / DATA_DIR
    if (own / TERRITORY_FILE).exists() or _holds_step_files(own):
        return own, DATA_DIR, False
    return root / EXAMPLE_DIR, EXAMPLE_DIR, True


def _holds_step_files(folder: Path) -> bool:
    """Has the territory started its own plan here (even under a wrong name)?"""
    return folder.is_dir() and any(
        _is_yaml(p) or (not _is_ignored(p) and _meant_step(p.name) is not None)
        for p in folder.iterdir())


def _is_yaml(path: Path) -> bool:
    return path.suffix.lower() in YAML_SUFFIXES


def _shown(folder: Path, root: Path) -> str:
    try:
        return folder.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return folder.as_posix()


def folder_signature(folder: Path, recursive: bool = False) -> tuple:
    """What identifies the folder's state: every entry's name, time and size
    (a broken link or an unreadable entry counts, and changes it too); with
    ``recursive``, the entries of its subfolders too (the site's templates,
    ``pages/render.py``)."""
    if not folder.is_dir():
        return ()
    entries = []
    for path in sorted(folder.rglob("*") if recursive else folder.iterdir()):
        name = path.relative_to(folder).as_posix()
        try:
            stat = path.stat()
            entries.append((name, stat.st_mtime_ns, stat.st_size))
        except OSError:
            entries.append((name, None, None))
    return tuple(entries)


# Files a system or an editor leaves in any folder, never an author's data.
IGNORED_NAMES = {"lisezmoi.md", "readme.md", "thumbs.db", "desktop.ini", ".ds_store"}


def _is_ignored(path: Path) -> bool:
    name = path.name.lower()
    return name in IGNORED_NAMES or name.startswith((".", "~$", "~"))


def _meant_step(name: str):
    """The step file that a stray name was meant to be (« 08-….yml.txt »,
    « 03-besoins.yaml », « 03-Besoins (copie).yml »), or None."""
    folded = name.lower()
    for step in STEPS:
        stem = step.filename.rsplit(".", 1)[0]
        if folded.startswith(stem):
            return step
    close = difflib.get_close_matches(folded.split(".", 1)[0],
                                      [s.filename.rsplit(".", 1)[0] for s in STEPS],
                                      n=1, cutoff=0.8)
    return next((s for s in STEPS if close and s.filename.startswith(close[0])), None)


def _stray_problem(path: Path, shown: str, expected: set) -> Problem:
    listed = ", ".join(step.filename for step in STEPS)
    shown_path = f"{shown}/{path.name}"
    step = _meant_step(path.name)
    if step is not None and step.filename in expected:
        return Problem.in_file(shown_path, 0, "", (
            f"ce fichier n'est pas lu, et le plan lit déjà {step.filename} : s'il "
            f"s'agit d'une copie, la ranger hors du dossier {shown}/"), level=WARNING)
    if step is not None:
        hidden = ("" if not path.suffix or path.suffix.lower() in YAML_SUFFIXES else
                  " (Windows masque souvent la fin du nom, ici « "
                  f"{path.name[len(step.filename.rsplit('.', 1)[0]):]} »)")
        return Problem.in_file(shown_path, 0, "", (
            f"ce fichier n'est pas lu, et « {step.label} » reste vide : le renommer "
            f"exactement {step.filename}{hidden}"))
    if _is_yaml(path):
        return Problem.in_file(shown_path, 0, "", (
            f"ce fichier n'est pas lu : le renommer selon l'étape qu'il contient "
            f"(fichiers attendus : {listed})"))
    if path.stem.lower() == "logo":
        return Problem.in_file(shown_path, 0, "", (
            "ce logo n'est pas lu : la couverture du PDF prend logo.svg ou logo.png ; "
            "l'enregistrer dans l'un de ces formats, sous ce nom"), level=WARNING)
    what = "dossier inattendu" if path.is_dir() else "fichier inattendu"
    return Problem.in_file(shown_path, 0, "", (
        f"{what}, ignoré : le dossier {shown}/ ne contient que les fichiers du plan ; "
        "le ranger ailleurs"), level=WARNING)


def _stray_files(folder: Path, shown: str) -> list:
    """Every entry of the folder that is not a step file, named with what it
    should be called."""
    names = {step.filename for step in STEPS}
    present = {p.name for p in folder.iterdir() if p.name in names}
    problems = []
    for path in sorted(folder.iterdir()):
        if path.name in names or path.name in LOGO_FILES or _is_ignored(path):
            continue
        problems.append(_stray_problem(path, shown, present))
    return problems


def _file_problem(path: Path, shown_path: str):
    """Why a step file's name is there but no file can be read (a link to a
    file that no longer exists, a folder), or None."""
    if path.is_symlink() and not path.exists():
        return Problem.in_file(shown_path, 0, "", (
            f"c'est un lien vers un fichier qui n'existe plus (« {os.readlink(path)} ») : "
            "remplacer ce lien par le fichier lui-même"))
    return None


@dataclass(frozen=True)
class _StepFileRead:
    """One step file read and validated alone: its grids (None: the file could
    not be read, so its grids are not judged) and its problems."""

    grids: Optional[dict]
    problems: list


def _read_step_file(step, path: Path, shown_path: str) -> _StepFileRead:
    tree, problems = (read_yaml(path, shown_path) if path.exists() else (None, []))
    if tree is None and problems:
        return _StepFileRead(None, problems)
    grids, more = read_step(step, tree, shown_path)
    return _StepFileRead(grids, problems + more)


def _file_state(path: Path) -> Optional[tuple]:
    """What changes when a file is saved, replaced or made unreadable."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)


def _step_file(step, path: Path, shown_path: str, kept: Optional[dict]) -> _StepFileRead:
    """``_read_step_file``, or what ``kept`` holds of it while the file's state
    on disk is the one it was read in."""
    state = _file_state(path) if kept is not None else None
    if state is not None:
        found = kept.get(step.filename)
        if found is not None and found[0] == state:
            return found[1]
    read = _read_step_file(step, path, shown_path)
    # A file that could not be read is read again next time: an error of the
    # disk or another program's lock can end without the file changing.
    if state is not None and read.grids is not None:
        kept[step.filename] = (state, read)
    return read


def load_folder(folder: Path, shown: str, is_example: bool = False,
                kept: Optional[dict] = None) -> LoadedData:
    """Read and validate every step file of a folder. Never raises on bad data.

    ``kept`` (``load``'s cache): each step file as last read, reused while
    the file is unchanged on disk; the checks across files always run.

    The garbage collector is paused meanwhile: reading creates many small
    objects and no cycles, and its passes doubled the time on large plans
    (see benchmarks/README.md).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _load_folder(folder, shown, is_example, kept)
    finally:
        if was_enabled:
            gc.enable()


def _load_folder(folder: Path, shown: str, is_example: bool,
                 kept: Optional[dict]) -> LoadedData:
    result = LoadedData(folder=folder, shown=shown, is_example=is_example)
    if not folder.is_dir():
        result.problems.append(Problem.in_file(
            shown, 0, "", f"dossier introuvable : lancer {quoted('nouveau', PLAN_NAME)} "
                          "pour créer les fichiers du plan"))
        return result
    result.problems += _stray_files(folder, shown)
    unreadable = set()
    result.data.update(empty_plan())
    for step in STEPS:
        path = folder / step.filename
        shown_path = f"{shown}/{step.filename}"
        if not path.exists() and not path.is_symlink() and step.filename == TERRITORY_FILE:
            result.problems.append(Problem.in_file(
                shown_path, 0, "", "fichier absent : il décrit le territoire et doit "
                f"exister (le recréer avec {quoted('nouveau', PLAN_NAME)}, ou le recopier "
                f"depuis {EXAMPLE_DIR}/{TERRITORY_FILE} et l'adapter)"))
            unreadable.add(step.filename)
            continue
        broken = _file_problem(path, shown_path)
        if broken is not None:
            result.problems.append(broken)
            unreadable.add(step.filename)
            continue
        read = _step_file(step, path, shown_path, kept)
        result.problems += read.problems
        if read.grids is None:  # unreadable: its grids are not judged
            unreadable.add(step.filename)
            continue
        if any(g.required and not read.grids[g.key] for g in step.grids):
            unreadable.add(step.filename)  # its other grids are not judged either
        result.data.update(read.grids)
    result.problems += check_plan(result.data, frozenset(unreadable))
    result.problems.sort(key=Problem.sort_key)
    return result


_CACHE: dict = {}
# Each folder's step files as last read (``load_folder``'s ``kept``): after a
# save under ``make apercu``, only the saved file is read again.
_FILES: dict = {}


def _cached(folder: Path, shown: str, is_example: bool) -> LoadedData:
    """``load_folder``, reused while no file of the folder changed."""
    key = (str(folder.resolve()), shown)
    signature = folder_signature(folder)
    cached = _CACHE.get(key)
    if cached is not None and cached[0] == signature:
        return cached[1]
    result = load_folder(folder, shown, is_example, kept=_FILES.setdefault(key, {}))
    _CACHE[key] = (signature, result)
    return result


def load(root: Path) -> LoadedData:
    """Load the project's data, reusing the last result while no file changed."""
    return _cached(*data_folder(Path(root)))


def load_example(root: Path) -> LoadedData:
    """The fictional example territory (``exemple/``), whatever folder the site shows.

    The guide's chapters describe how the example did each step, even in a
    territory's own site; cached like ``load()``, under the same key.
    """
    return _cached(Path(root) / EXAMPLE_DIR, EXAMPLE_DIR, True)


def clear_cache() -> None:
    _CACHE.clear()
    _FILES.clear()
