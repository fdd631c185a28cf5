"""Writing files all or nothing: never a half-written file, never half of a
set of files.

``write_all`` writes several files as one change: each new content is first
written beside its target (a temporary file in the same folder, so that the
final rename cannot cross disks), then every target is replaced; if any step
fails, every file already replaced gets its old content back and the
temporary files are removed. ``write_atomically`` is the same for one file.
A failure is a ``WriteError`` whose message is French and names the file and
the cause (« disque plein », « fichier protégé en écriture »…), never the
system's English text.

By default each new content reaches the disk (``fsync``) before it replaces
anything: what an author keeps (data, workbooks, PDFs) survives a power cut.
What a build writes again each time (the built site, caches) is written
with ``durable=False``, without that wait (half a millisecond a file here,
more on a laptop's disk, for some 75 files a build): a crash of the program
still never leaves half a file, and a power cut can at worst leave an old or
empty file that the next build replaces.

A file whose permissions forbid writing (« lecture seule » in Windows'
properties, ``chmod a-w``) is respected even where the system would let the
rename through (a rename replaces a read-only file on Linux or macOS, and
the administrator may write anywhere).
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from pathlib import Path
from typing import Union

from ..oserrors import A_FOLDER, PROTECTED, writing_cause

Content = Union[str, bytes]

class WriteError(Exception):
    """A file of a change could not be written; nothing of the change remains.

    ``cause``: what happened (« disque plein »); ``remedy``: what to do."""

    def __init__(self, path: Path, cause: tuple):
        super().__init__(f"{path} : {cause[0]}")
        self.path = Path(path)
        self.cause, self.remedy = cause


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _check_writable(path: Path) -> None:
    if path.is_dir():
        raise WriteError(path, A_FOLDER)
    if path.exists() and not path.stat().st_mode & stat.S_IWUSR:
        raise WriteError(path, PROTECTED)


def _stage(path: Path, content: Content, durable: bool) -> Path:
    """Write ``content`` to a temporary file beside ``path``; return it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
        mode = (stat.S_IMODE(path.stat().st_mode) if path.exists()
                else 0o666 & ~_umask())  # mkstemp makes it private
        os.chmod(temporary, mode)
    except BaseException:
        _remove(Path(temporary))
        raise
    return Path(temporary)


def _keep_copy(path: Path) -> Path:
    """A copy of ``path``'s current content beside it (a hard link when possible)."""
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.ancien.", dir=path.parent)
    os.close(handle)
    backup = Path(name)
    os.unlink(backup)
    try:
        os.link(path, backup)
    except OSError:
        shutil.copy2(path, backup)
    return backup


def _remove(path: Path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def _replace(temporary: Path, target: Path) -> tuple:
    """Put ``temporary`` in place of ``target``; return (target, copy of its old
    content, or None if it did not exist)."""
    backup = _keep_copy(target) if target.exists() else None
    try:
        os.replace(temporary, target)
    except BaseException:
        if backup is not None:
            _remove(backup)
        raise
    return target, backup


def _roll_back(replaced: list) -> None:
    """Give every replaced file its old content back (or remove a new one)."""
    for target, backup in reversed(replaced):
        if backup is None:
            _remove(target)
        else:
            os.replace(backup, target)


def write_all(files: dict, durable: bool = True) -> None:
    """Write ``{path: content}`` as one change: every file, or none.

    Text is written as UTF-8, exactly (no line-end translation); bytes as
    they are; ``durable``: see the module's docstring. Raises
    ``WriteError`` (French) when any file cannot be written; the files are
    then exactly as they were."""
    targets = {Path(path): content for path, content in files.items()}
    for path in targets:
        _check_writable(path)
    staged, replaced, current = {}, [], None
    try:
        for current, content in targets.items():
            staged[current] = _stage(current, content, durable)
        for current, temporary in staged.items():
            replaced.append(_replace(temporary, current))
    except OSError as error:
        _roll_back(replaced)
        raise WriteError(current, writing_cause(error)) from None
    finally:
        for temporary in staged.values():
            _remove(temporary)
    for _, backup in replaced:
        if backup is not None:
            _remove(backup)


def write_atomically(path: Path, content: Content, durable: bool = True) -> None:
    """Write one file without ever leaving half of it behind (``write_all``)."""
    write_all({path: content}, durable)
