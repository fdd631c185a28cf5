"""Jinja templates compiled once: per process, and kept between builds.

Compiling the site's templates and Material's took about an eighth of the
example's build (0.25 s for the 40 templates of ``macros/templates``, as
much for the theme's), every build: MkDocs makes a new theme environment at
each build, ``mkdocs serve`` included. This bytecode cache keeps each
compiled template in memory for the process and in a folder of the user's
cache between processes; Jinja checks the template's source against the
checksum stored with its code, so an edited template is compiled again.

The cache is only a shortcut: a folder that cannot be created or written, or
an unreadable entry, means the template is compiled as without it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Optional

import jinja2

from .. import usercache
from ..outputs.files import WriteError, write_atomically


def cache_folder() -> Optional[Path]:
    """The folder of compiled templates (None: compile in every process)."""
    return usercache.cache_folder("gabarits")


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates in memory, and on disk when ``folder`` is given."""

    def __init__(self, folder: Optional[Path]):
        self.folder = folder
        self.memory: dict = {}

    def _file(self, bucket) -> Path:
        return self.folder / f"{bucket.key}.jinja"

    def load_bytecode(self, bucket) -> None:
        stored = self.memory.get(bucket.key)
        if stored is None and self.folder is not None:
            try:
                stored = self._file(bucket).read_bytes()
            except OSError:
                return
        if stored is None:
            return
        try:  # a stale entry (other checksum, other Python) is reset by Jinja
            bucket.bytecode_from_string(stored)
        except (ValueError, EOFError, TypeError):
            bucket.reset()

    def dump_bytecode(self, bucket) -> None:
        stored = bucket.bytecode_to_string()
        self.memory[bucket.key] = stored
        if self.folder is not None:
            self._write(self._file(bucket), stored)

    @staticmethod
    def _write(path: Path, content: bytes) -> None:
        """Beside, then renamed (outputs/files.py): another build never reads
        half an entry. A cache: an entry that cannot be written is skipped."""
        try:
            write_atomically(path, content, durable=False)
        except WriteError:
            pass


@lru_cache(maxsize=1)
def compiled_templates() -> CompiledTemplates:
    """The process's cache, shared by the site's environment and the theme's."""
    return CompiledTemplates(cache_folder())
