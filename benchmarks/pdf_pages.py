"""The first pages of the example's PDFs as images, for the README.

Copies the template with an empty ``data/`` (so the fictional example is
printed), runs ``pnt pdf`` and ``pnt rapport`` there, and renders the first
pages (cover, table of contents; the report's summary too) with ``pdftoppm``
(Debian: poppler-utils) into ``benchmarks/apercus/``. Run from the repository
root: ``.venv/bin/python benchmarks/pdf_pages.py``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PARTS = ("mkdocs.yml", "docs", "overrides", "macros", "exemple")
OUTPUT = ROOT / "benchmarks" / "apercus"
# command -> {page: image}
DOCUMENTS = {
    ("pdf",): {1: "pdf-couverture.png", 2: "pdf-sommaire.png"},
    ("rapport", "2026"): {1: "rapport-couverture.png", 2: "rapport-sommaire.png",
                          3: "rapport-en-bref.png"},
}
RESOLUTION = 72  # dots per inch: a Letter page is 612 × 792 pixels


def _render(project: Path, folder: Path, command: tuple, pages: dict) -> int:
    result = subprocess.run([sys.executable, "-m", "macros.cli", "--racine", str(project),
                             *command, "--sortie", str(folder)],
                            check=False, cwd=ROOT, capture_output=True, text=True)
    print(result.stdout.strip())
    if result.returncode:
        print(result.stderr.strip())
        return result.returncode
    pdf, = folder.glob("*.pdf")
    OUTPUT.mkdir(exist_ok=True)
    for page, name in pages.items():
        stem = folder / f"page-{page}"
        subprocess.run(["pdftoppm", "-png", "-r", str(RESOLUTION), "-f", str(page),
                        "-l", str(page), "-singlefile", str(pdf), str(stem)], check=True)
        shutil.copyfile(stem.with_suffix(".png"), OUTPUT / name)
        print(f"Image écrite : {(OUTPUT / name).relative_to(ROOT)}")
    return 0


def main() -> int:
    if shutil.which("pdftoppm") is None:
        print("pdftoppm est introuvable : installez poppler-utils "
              "(sudo apt-get install poppler-utils).")
        return 1
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder) / "projet"
        for part in PARTS:
            source = ROOT / part
            if source.is_dir():
                shutil.copytree(source, project / part,
                                ignore=shutil.ignore_patterns("__pycache__"))
            else:
                project.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, project / part)
        (project / "data").mkdir()
        for command, pages in DOCUMENTS.items():
            status = _render(project, Path(folder) / command[0], command, pages)
            if status:
                return status
    return 0


if __name__ == "__main__":
    sys.exit(main())
