"""A template's output kept for the next build, as long as its view is the same.

Under ``make apercu`` every save rebuilds the whole site, and most grids and
charts come out as they were: one data file changed, not the others. A
template's output depends only on its view (templates receive complete
views, ``render.py``) and on the templates themselves, so each output is
kept under the template's name and a digest of its pickled view; the next
build that hands the same template an equal view takes the output instead
of rendering it again (Jinja and the typography: a fifth of a rebuild,
benchmarks/README.md).

What keeps it right:

- the key is the whole view, pickled: any value that differs, anywhere in it,
  is another key; a view that cannot be pickled (a lambda, an open file) is
  rendered every time;
- an edited template (or one it imports or includes) empties the store:
  ``start_build`` compares the template files' sizes and times with those
  of the previous build;
- only the outputs used by the previous build are kept, and at most
  ``LIMIT`` characters of them: a long session, or a regional view of many
  territories in one process, does not grow without end.

It is the same process's memory only: a new ``mkdocs build`` renders
everything, as before.
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path
from typing import Callable, Optional

# At most 64 MB of text (2 bytes a character at worst): a territory's preview
# of the example's data keeps 112 outputs, 0.96 million characters.
LIMIT = 32_000_000


def view_key(template: str, context: dict) -> Optional[bytes]:
    """The key of ``template`` rendered with ``context``; None when the view
    cannot be pickled (it is then rendered every time)."""
    try:
        pickled = pickle.dumps(context, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return None
    digest = hashlib.blake2b(pickled, digest_size=32).digest()
    return template.encode("utf-8") + b"\0" + digest


def templates_state(folder: Path) -> tuple:
    """What says a template file changed: each file's path, size and time."""
    state = []
    for path in sorted(folder.rglob("*")):
        try:
            stat = path.stat()
        except OSError:
            continue
        if path.is_file():
            state.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(state)


class RenderedOutputs:
    """The outputs of this build, and those of the previous one."""

    def __init__(self, limit: int = LIMIT):
        self.limit = limit
        self.previous: dict = {}
        self.current: dict = {}
        self.size = 0
        self.state: Optional[tuple] = None

    def start_build(self, state: tuple) -> None:
        """A new build: keep what the last one used, unless a template changed."""
        self.previous = self.current if state == self.state else {}
        self.current = {}
        self.size = 0
        self.state = state

    def output(self, key: Optional[bytes], make: Callable[[], str]) -> str:
        """The output kept under ``key``, else ``make()`` (then kept)."""
        if key is None:
            return make()
        found = self.current.get(key)
        if found is None:
            found = self.previous.pop(key, None)
        if found is None:
            found = make()
        self._keep(key, found)
        return found

    def _keep(self, key: bytes, output: str) -> None:
        if key in self.current or self.size + len(output) > self.limit:
            return
        self.current[key] = output
        self.size += len(output)
