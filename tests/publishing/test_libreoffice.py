"""A workbook re-saved by LibreOffice Calc comes back unchanged.

A committee may open the exported workbook (``pnt exporter``) in LibreOffice
Calc rather than in Excel and save it again as .xlsx. These tests do what
LibreOffice does to the file, for real: export, re-save with Debian's
LibreOffice in headless mode (``soffice --convert-to xlsx``), then import
(``pnt importer``). Nothing may be reported or rewritten: data/ stays the same
byte for byte, for the example plan and for a copy of it whose every free
text starts with = + - or @ (texts that a spreadsheet could take for
formulas: they must stay texts).

LibreOffice runs with a profile of its own in a temporary folder (no clash
with another run, nothing written in the home folder). Without LibreOffice
the tests are skipped, except in CI (``CI`` set), where they fail.

Seen with LibreOffice 7.4 (Debian 12) and accepted by the import: the
re-saved file has no ``quotePrefix`` any more (the texts stay string cells),
no frozen panes, and number formats rewritten with escapes
(``yyyy\\-mm\\-dd``, ``#,##0" $"``).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import zipfile
from functools import partial
from pathlib import Path

import pytest

from conftest import ROOT, missing_tool
from support import FORMULA_STARTS, folder_snapshot, grid_cells, write_formula_like_plan

from macros.reading.loader import load_folder
from macros.spreadsheet.export import write_workbook
from macros.spreadsheet.importing import import_workbook

EXAMPLE_DIR = ROOT / "exemple"
XLSX_FILTER = "xlsx:Calc MS Excel 2007 XML"
TIMEOUT = 180  # seconds; a re-save takes a few seconds, the first one in a new profile ~8 s
INSTALL_HINT = ("LibreOffice est introuvable : installez-le (sudo apt-get install "
                "libreoffice-calc-nogui) pour vérifier qu'un classeur réenregistré "
                "par LibreOffice Calc se réimporte sans changement.")


def resave_with_libreoffice(program: str, profile: Path, workbook: Path) -> Path:
    """``workbook`` opened and saved again as .xlsx by LibreOffice, headless,
    into a folder of its own (LibreOffice keeps the file's name); the path of
    the re-saved copy."""
    out = workbook.parent / "libreoffice"
    command = [program, f"-env:UserInstallation={profile.as_uri()}", "--headless",
               "--norestore", "--nolockcheck", "--convert-to", XLSX_FILTER,
               "--outdir", str(out), str(workbook)]
    # A session of its own: on timeout, the wrapper script and soffice.bin are
    # stopped together.
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, start_new_session=True) as process:
        try:
            stdout, stderr = process.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            stdout, stderr = process.communicate()
            pytest.fail(f"LibreOffice did not re-save {workbook.name} within {TIMEOUT} s:"
                        f"\n{stdout}{stderr}")
    resaved = out / workbook.name
    assert process.returncode == 0 and resaved.exists(), (
        f"LibreOffice could not re-save {workbook.name} (exit code "
        f"{process.returncode}):\n{' '.join(command)}\n{stdout}{stderr}")
    # A real re-save, not a copy: other bytes, and LibreOffice named as the writer.
    assert resaved.read_bytes() != workbook.read_bytes()
    with zipfile.ZipFile(resaved) as archive:
        application = archive.read("docProps/app.xml").decode("utf-8")
    assert "<Application>LibreOffice" in application, application
    return resaved


@pytest.fixture(scope="module")
def libreoffice(tmp_path_factory):
    """Re-saves a workbook with Debian's LibreOffice (one private profile for
    the module); returns the path of the re-saved copy."""
    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program is None:
        missing_tool(INSTALL_HINT)
    profile = tmp_path_factory.mktemp("profil-libreoffice")
    return partial(resave_with_libreoffice, program, profile)


def round_trip_through_libreoffice(folder: Path, tmp_path: Path, resave) -> tuple:
    """Export ``folder``, re-save with LibreOffice, import into ``folder``:
    nothing reported, nothing written, data/ identical byte for byte. Returns
    the exported workbook and its re-saved copy."""
    before = folder_snapshot(folder)
    workbook = tmp_path / "aller.xlsx"
    write_workbook(workbook, load_folder(folder, "data").data)
    resaved = resave(workbook)
    result = import_workbook(resaved, folder, "data")
    assert [str(problem) for problem in result.errors] == []
    assert result.changes == [] and result.written == []
    after = folder_snapshot(folder)
    changed = sorted(name for name in before.keys() | after.keys()
                     if before.get(name) != after.get(name))
    assert changed == [], f"files changed by the import: {changed}"
    return workbook, resaved


def test_example_resaved_by_libreoffice_comes_back_unchanged(libreoffice, tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(EXAMPLE_DIR, folder)
    round_trip_through_libreoffice(folder, tmp_path, libreoffice)


def test_texts_like_formulas_resaved_by_libreoffice_stay_texts(libreoffice, tmp_path):
    folder = tmp_path / "data"
    write_formula_like_plan(EXAMPLE_DIR, folder)
    assert not load_folder(folder, "data").problems
    workbook, resaved = round_trip_through_libreoffice(folder, tmp_path, libreoffice)

    cells = grid_cells(resaved)
    assert [f"{c.parent.title}!{c.coordinate}" for c in cells if c.data_type == "f"] == []

    def formula_like_texts(cells) -> dict:
        return {(c.parent.title, c.coordinate): c.value for c in cells
                if c.row > 1 and isinstance(c.value, str) and c.value[:1] in FORMULA_STARTS}

    texts = formula_like_texts(cells)
    assert len(texts) > 100
    assert texts == formula_like_texts(grid_cells(workbook))
    assert {c.data_type for c in cells if (c.parent.title, c.coordinate) in texts} == {"s"}
