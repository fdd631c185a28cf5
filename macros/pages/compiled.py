"""Jinja templates compiled once: per process, and kept between builds.

Compiling the site's templates and Material's took about an eighth of the
example's build (0.25 s for the 40 templates of ``macros/templates``, as
much for the theme's), every build: MkDocs makes a new theme environment at
each build, ``mkdocs serve`` included. This bytecode cache keeps each
compiled template in memory for the process and in a folder of the user's
cache between processes; Jinja checks the template's source against the
checksum stored with its code, so an edited template is compiled again.

The pages of docs/ are templates too: mkdocs-macros compiles each page's
Markdown (``from_string``) at every build, in an environment of its own
(``compile_pages_once`` gives it the same cache).

The cache is only a shortcut: a folder that cannot be created or written, or
an unreadable entry, means the template is compiled as without it.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Optional

import jinja2
from jinja2.bccache import Bucket

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

    def get_bucket(self, environment, name, filename, source) -> Bucket:
        """The entry of a template under everything that shapes its code: the
        environment's options and code generator (the site's, ``render.py``,
        compiles the same source to other code than the theme's)."""
        options = _digest(repr(_compiler_options(environment)))
        return super().get_bucket(environment, f"{options}:{name}", filename, source)

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


def compile_pages_once(environment: jinja2.Environment,
                       cache: Optional[CompiledTemplates] = None) -> None:
    """``environment`` compiling each source once: its code is kept under a
    digest of the source and of every option that shapes the compiled code,
    so another source, or the same under other options, is compiled anew.

    For mkdocs-macros' environment, whose ``from_string`` compiles every
    page at every build (a new environment each build, nothing else to
    hook): about 40 ms per build of the example (benchmarks/README.md).
    Each version of a page adds an entry to the cache (a few kilobytes);
    pages change only when the guide is edited."""
    if getattr(environment.compile, "compiles_once", False):
        return
    if not isinstance(environment.autoescape, bool):  # a function: no digest says what it does
        return
    compile_now = environment.compile
    cache = cache if cache is not None else compiled_templates()

    def compile(source, name=None, filename=None, raw=False, defer_init=False):
        if raw or not isinstance(source, str):
            return compile_now(source, name, filename, raw, defer_init)
        options = _compiler_options(environment)
        key = _digest(repr((options, name, filename, defer_init)), source)
        bucket = Bucket(environment, key, _digest(source))
        cache.load_bytecode(bucket)
        if bucket.code is None:
            bucket.code = compile_now(source, name, filename, raw, defer_init)
            cache.dump_bytecode(bucket)
        return bucket.code

    compile.compiles_once = True
    environment.compile = compile


def _compiler_options(environment: jinja2.Environment) -> tuple:
    """What, besides the source, Jinja's compiler reads of the environment:
    its syntax and switches, and which filters and tests exist and what
    each is passed (the context, the environment…)."""
    return (jinja2.__version__, environment.block_start_string,
            environment.block_end_string, environment.variable_start_string,
            environment.variable_end_string, environment.comment_start_string,
            environment.comment_end_string, environment.line_statement_prefix,
            environment.line_comment_prefix, environment.trim_blocks,
            environment.lstrip_blocks, environment.newline_sequence,
            environment.keep_trailing_newline, tuple(sorted(environment.extensions)),
            environment.optimized, environment.is_async, environment.autoescape,
            _generator(environment),
            _passed(environment.finalize), _callables(environment.filters),
            _callables(environment.tests))


def _generator(environment: jinja2.Environment) -> str:
    """The code generator, and the version of the code it writes."""
    generator = environment.code_generator_class
    version = getattr(generator, "VERSION", "")
    return f"{generator.__module__}.{generator.__qualname__}:{version}"


def _passed(function) -> str:
    """What Jinja passes ``function`` besides its value (``pass_context``…)."""
    if function is None:
        return "absent"
    return repr(getattr(function, "jinja_pass_arg", None))


def _callables(functions: dict) -> tuple:
    return tuple(sorted((name, _passed(function)) for name, function in functions.items()))


def _digest(*parts: str) -> str:
    return hashlib.sha1("\0".join(parts).encode("utf-8")).hexdigest()
