"""The two workbooks of the open data (filled and blank), made beside the build.

openpyxl writes them cell by cell: about 0.6 s on the example, a quarter of
the whole build, before any page could show their sizes. ``start`` hands
them to a second Python process (this module, run with ``-m``) as soon as
the data is loaded, so they are made on another core while MkDocs renders
the pages; ``Pending.result`` waits for them when the « Données ouvertes »
page or the writing after the build needs them. The data goes to that
process as a pickle of the loaded data (the very values the build uses) and
the bytes come back the same way.

If that process cannot be started (an engine that does not run Python as
``sys.executable``) or fails, the workbooks are made in this process, as
before: the result is the same file, only slower.
"""

from __future__ import annotations

import gc
import logging
import os
import pickle
import subprocess
import sys
import threading
from pathlib import Path
from typing import Optional

log = logging.getLogger("mkdocs.plugins.pnt")

PROJECT = Path(__file__).resolve().parents[2]  # the folder that holds macros/
MODULE = "macros.outputs.workbooks"
_blank: list = []  # the blank workbook, once made in this process: it depends on the code alone


def _make(data: dict) -> bytes:
    from ..spreadsheet.export import workbook_bytes  # openpyxl: only when needed

    return workbook_bytes(data)


def blank_workbook() -> bytes:
    """The blank workbook, made once per process (``mkdocs serve`` keeps it
    whatever data file changes)."""
    if not _blank:
        from ..plan.catalog import empty_plan

        _blank.append(_make(empty_plan()))
    return _blank[0]


def _runs_python() -> bool:
    return Path(sys.executable).name.lower().startswith("python")


class Pending:
    """The workbooks of one data set: being made by another process, or to be
    made here when first asked for."""

    def __init__(self, data: dict, background: bool):
        self.data = data
        self._result: Optional[tuple] = None
        self._thread: Optional[threading.Thread] = None
        self._answer: Optional[tuple] = None
        if background and _runs_python():
            self._thread = threading.Thread(target=self._run, daemon=True,
                                            name="pnt-classeurs")
            self._thread.start()

    def _run(self) -> None:
        """In a thread (waiting only): the other process, fed and read."""
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(
            [str(PROJECT)] + [p for p in [os.environ.get("PYTHONPATH")] if p]))
        try:
            payload = pickle.dumps((self.data, not _blank),
                                   protocol=pickle.HIGHEST_PROTOCOL)
            done = subprocess.run([sys.executable, "-m", MODULE], input=payload,
                                  capture_output=True, cwd=str(PROJECT), env=env,
                                  timeout=600)
        except Exception as error:  # noqa: BLE001 - whatever it is: made here instead
            log.debug("Classeurs : processus non lancé (%s), faits sur place", error)
            return
        if done.returncode != 0:
            log.debug("Classeurs : le processus a échoué, faits sur place :\n%s",
                      done.stderr.decode("utf-8", "replace"))
            return
        try:
            self._answer = pickle.loads(done.stdout)
        except Exception as error:  # noqa: BLE001 - any bad answer: made here instead
            log.debug("Classeurs : réponse illisible (%s), faits sur place", error)

    def result(self) -> tuple:
        """(filled, blank) workbook bytes."""
        if self._result is None:
            if self._thread is not None:
                self._thread.join()
            answer = self._answer
            if answer is not None and answer[1] is not None and not _blank:
                _blank.append(answer[1])
            filled = answer[0] if answer is not None else _make(self.data)
            self._result = (filled, blank_workbook())
        return self._result


def start(data: dict) -> Pending:
    """The workbooks of ``data``, made from now on by another process."""
    return Pending(data, background=True)


def here(data: dict) -> Pending:
    """The workbooks of ``data``, made in this process when first asked for."""
    return Pending(data, background=False)


def main() -> None:
    """The other process: a pickle of (data, blank wanted) in, of (filled,
    blank or None) out. Short-lived, so the garbage collector stays off."""
    gc.disable()
    data, with_blank = pickle.load(sys.stdin.buffer)
    from ..plan.catalog import empty_plan

    answer = (_make(data), _make(empty_plan()) if with_blank else None)
    pickle.dump(answer, sys.stdout.buffer, protocol=pickle.HIGHEST_PROTOCOL)


if __name__ == "__main__":
    main()
