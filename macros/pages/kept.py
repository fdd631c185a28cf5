"""What one build made, kept for the next one while what it came from is the same.

Under ``make apercu`` every save rebuilds the whole site, and most of it
comes out as it was: one data file changed, not the others. Three steps of
a build are pure functions of inputs that can be compared from one build to
the next:

- a template's output depends only on its view (templates receive complete
  views, ``render.py``) and on the templates themselves;
- what Material's search finds in a page depends only on the page's HTML,
  address, title, header and table of contents (``searchable.py``);
- a page's Markdown conversion depends only on its Markdown, the site's
  files and the Markdown settings (``converted.py``).

Each output is kept under a digest of those inputs, pickled (``key``); the
next build that has equal inputs takes the output instead of making it
again (Jinja and the typography, the search's HTML parser, Python-Markdown:
about half of a rebuild, benchmarks/README.md).

What keeps it right:

- the key is every input, pickled: any value that differs, anywhere, is
  another key; inputs that cannot be pickled (a lambda, an open file) mean
  the output is made every time;
- ``start_build`` is told the state of the files the outputs also depend on
  (the templates, ``reading.loader.folder_signature``: an edited template,
  or one it includes, empties the store);
- only the outputs used by the previous build are kept, and at most
  ``LIMIT`` characters of them: a long session, or a regional view of many
  territories in one process, does not grow without end.

It is the same process's memory only, and only while the site is served
(``start_build(keep=True)``, ``serving.py``): a ``mkdocs build``, a PDF or
a regional view makes everything, as before, without computing a key.
"""

from __future__ import annotations

import hashlib
import pickle
from typing import Callable, Optional

# Characters each store keeps at most (Python takes 1 to 4 bytes a
# character; three stores): a territory's preview of the example's data
# keeps 112 template outputs, 0.96 million characters.
LIMIT = 32_000_000


def key(name: str, inputs) -> Optional[bytes]:
    """The key of what ``name`` makes of ``inputs``; None when they cannot be
    pickled (the output is then made every time)."""
    try:
        pickled = pickle.dumps(inputs, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return None
    digest = hashlib.blake2b(pickled, digest_size=32).digest()
    return name.encode("utf-8") + b"\0" + digest


class KeptOutputs:
    """The outputs of this build, and those of the previous one."""

    def __init__(self, limit: int = LIMIT, size: Callable = len):
        self.limit = limit
        self.size_of = size
        self.keeps = False
        self.previous: dict = {}
        self.current: dict = {}
        self.size = 0
        self.state = None

    def start_build(self, state=None, keep: bool = True) -> None:
        """A new build: keep what the last one used, unless ``state`` changed;
        with ``keep`` false, keep nothing (and ``key`` is not computed)."""
        self.keeps = keep
        self.previous = self.current if keep and state == self.state else {}
        self.current = {}
        self.size = 0
        self.state = state

    def get(self, key: Optional[bytes]):
        """The output kept under ``key`` (then kept for the next build), or None."""
        if key is None:
            return None
        found = self.current.get(key)
        if found is None:
            found = self.previous.pop(key, None)
            if found is not None:
                self.keep(key, found)
        return found

    def keep(self, key: Optional[bytes], output) -> None:
        """``output`` kept for the next build, if there is room."""
        if key is None or key in self.current:
            return
        size = self.size_of(output)
        if self.size + size > self.limit:
            return
        self.current[key] = output
        self.size += size

    def output(self, name: str, inputs, make: Callable):
        """What ``name`` makes of ``inputs``: kept from the last build, else
        ``make()`` (then kept)."""
        if not self.keeps:
            return make()
        found_key = key(name, inputs)
        found = self.get(found_key)
        if found is None:
            found = make()
            self.keep(found_key, found)
        return found
