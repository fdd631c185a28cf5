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
import re
import shutil
import signal
import subprocess
import zipfile
from functools import partial
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import ROOT, missing_tool
from support import FORMULA_STARTS, folder_snapshot, grid_cells, write_formula_like_plan

from macros.reading.loader import load_folder
from macros.spreadsheet.export import INSTRUCTION_LINES, write_workbook
from macros.spreadsheet.layout import sheet_specs
from macros.spreadsheet.importing import import_workbook

EXAMPLE_DIR = ROOT / "exemple"
XLSX_FILTER = "xlsx:Calc MS Excel 2007 XML"
TIMEOUT = 180  # seconds; a re-save takes a few seconds, the first one in a new profile ~8 s
INSTALL_HINT = ("LibreOffice est introuvable : installez-le (sudo apt-get install "
                "libreoffice-calc-nogui) pour vérifier qu'un classeur réenregistré "
                "par LibreOffice Calc se réimporte sans changement.")


def libreoffice_convert(program: str, profile: Path, workbook: Path, target: str,
                        out: Path) -> tuple:
    """LibreOffice, headless, converting ``workbook`` to ``target`` (a filter) into
    ``out``: (exit code, output, the command)."""
    command = [program, f"-env:UserInstallation={profile.as_uri()}", "--headless",
               "--norestore", "--nolockcheck", "--convert-to", target,
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
            pytest.fail(f"LibreOffice did not convert {workbook.name} within {TIMEOUT} s:"
                        f"\n{stdout}{stderr}")
    return process.returncode, stdout + stderr, command


def resave_with_libreoffice(program: str, profile: Path, workbook: Path) -> Path:
    """``workbook`` opened and saved again as .xlsx by LibreOffice, headless,
    into a folder of its own (LibreOffice keeps the file's name); the path of
    the re-saved copy."""
    out = workbook.parent / "libreoffice"
    code, output, command = libreoffice_convert(program, profile, workbook, XLSX_FILTER, out)
    resaved = out / workbook.name
    assert code == 0 and resaved.exists(), (
        f"LibreOffice could not re-save {workbook.name} (exit code "
        f"{code}):\n{' '.join(command)}\n{output}")
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


# --- the workbook as a committee prints it ------------------------------------------------

def print_with_libreoffice(program: str, profile: Path, workbook: Path) -> Path:
    """``workbook`` printed to PDF by LibreOffice Calc, headless, as « Fichier >
    Exporter en PDF » does with each sheet's print settings."""
    out = workbook.parent / "imprime"
    code, output, _ = libreoffice_convert(program, profile, workbook, "pdf", out)
    printed = out / (workbook.stem + ".pdf")
    assert code == 0 and printed.exists(), output
    return printed


def words(text: str) -> list:
    return text.split()


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def printed_example(tmp_path_factory) -> list:
    """The text of each page of the example workbook printed by LibreOffice."""
    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program is None:
        missing_tool(INSTALL_HINT)
    folder = tmp_path_factory.mktemp("impression")
    workbook = folder / "grilles.xlsx"
    write_workbook(workbook, load_folder(EXAMPLE_DIR, "exemple", True).data)
    reader = PdfReader(print_with_libreoffice(program, folder / "profil", workbook))
    return [(page.extract_text() or "",
             float(page.mediabox.width) > float(page.mediabox.height))
            for page in reader.pages]


def pages_by_sheet(printed: list) -> tuple:
    """(pages of the instructions, [(sheet spec, its pages)]): LibreOffice prints
    the sheets in order; a page belongs to the first sheet, from the current
    one on, whose heading row it starts with: the whole row, or for a sheet
    printed on several pages wide its first column then a run of the others."""
    specs = list(sheet_specs())
    labels = [[squeezed(c.label) for c in spec.columns] for spec in specs]

    def continues(flat: str, row: list) -> bool:
        """A page further right: the first column repeated, then other headings."""
        return flat.startswith(row[0]) and any(label in flat for label in row[1:])

    instructions, sheets, current = [], [], -1
    for text, landscape in printed:
        flat = squeezed(text)
        # A sheet's first pages start with its leading headings (all of them
        # when the sheet prints one page wide).
        shown = next((i for i in range(max(current, 0), len(specs))
                      if flat.startswith("".join(labels[i][:2]))), None)
        if shown is None and current >= 0 and continues(flat, labels[current]):
            shown = current
        if current < 0 and shown is None:
            instructions.append((text, landscape))
            continue
        assert shown is not None, (
            f"a page after « {specs[current].name} » repeats no sheet's headings: "
            f"{text[:200]!r}")
        if shown != current:
            sheets.append((specs[shown], []))
            current = shown
        sheets[-1][1].append((text, landscape))
    return instructions, sheets


def test_printed_workbook_is_a_few_landscape_pages_with_headings_on_each(printed_example):
    instructions, sheets = pages_by_sheet(printed_example)
    # Without print settings LibreOffice printed 93 pages of two or three columns
    # (133 once the later grids were added). Now each sheet prints one page wide, or
    # two or three for the widest (its first column repeated) so that its text
    # stays at 70 % of its size or more: 55 pages.
    assert len(printed_example) <= 60, len(printed_example)
    assert 1 <= len(instructions) <= 3
    assert all(not landscape for _, landscape in instructions)  # portrait, one column
    assert [spec.name for spec, _ in sheets] == [spec.name for spec in sheet_specs()]
    for spec, pages in sheets:
        assert all(landscape for _, landscape in pages), spec.name
    several = [spec.name for spec, pages in sheets if len(pages) > 1]
    assert several  # the headings are repeated on the pages of a long sheet


def test_printed_instructions_keep_every_word_whole(printed_example):
    instructions, _ = pages_by_sheet(printed_example)
    printed = set(words(" ".join(text for text, _ in instructions)))
    territory = load_folder(EXAMPLE_DIR, "exemple", True).data["territoire"]["nom"]
    expected = words(f"Plan numérique territorial — {territory}")
    expected += [w for line in INSTRUCTION_LINES for w in words(line)]
    missing = sorted({w for w in expected if w not in printed})
    assert missing == [], missing


def test_printed_numbers_are_grouped_the_french_way(printed_example):
    _, sheets = pages_by_sheet(printed_example)
    municipalities = next(pages for spec, pages in sheets if spec.grid.key == "municipalites")
    text = " ".join(text for text, _ in municipalities)
    population = load_folder(EXAMPLE_DIR, "exemple", True).data["municipalites"][0][
        "population"]
    assert population >= 1000
    thousands, units = divmod(population, 1000)
    assert re.search(rf"\b{thousands}[\s\u202f\u00a0]{units:03d}\b", text), text[:300]
    assert f"{thousands},{units:03d}" not in text
