"""How a command is written to an author: the one form that works when typed
in the project folder.

Authors do not activate a virtual environment, so a bare ``pnt verifier`` is
« command not found ». Every message, hint, data file header and preview note
that names a command takes it from here: the ``make`` target when the
Makefile has one that runs that sub-command without argument (``make
verifier``: it also installs .venv/ on first use), else the program in the
project's virtual environment (``.venv/bin/pnt importer grilles.xlsx``).
``tests/unit/test_commands.py`` checks this against the Makefile.
"""

from __future__ import annotations

PROGRAM = ".venv/bin/pnt"

# Makefile targets an author may be told to run, each named after what it
# does: ``verifier`` and ``pdf`` run the ``pnt`` sub-command of that name
# (``pdf`` also the kit and the reports); ``apercu`` serves the preview.
MAKE_TARGETS = frozenset({"verifier", "pdf", "apercu"})
PLAN_NAME = '"MRC de …"'  # the territory's name in the hints that start a plan
WORKBOOK = "grilles.xlsx"  # the workbook's name in the hints that name none


def typed(sub_command: str, *arguments: str) -> str:
    """``sub_command`` with ``arguments`` as typed from the project folder:
    ``make verifier``, ``.venv/bin/pnt rapport 2026``, ``.venv/bin/pnt --help``."""
    if not arguments and sub_command in MAKE_TARGETS:
        return f"make {sub_command}"
    return " ".join((PROGRAM, sub_command, *arguments))


def quoted(sub_command: str, *arguments: str) -> str:
    """The command between guillemets, as messages name it: « make verifier »."""
    return f"« {typed(sub_command, *arguments)} »"
