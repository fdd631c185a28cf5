"""Which pages of the author's preview change when one data file changes
(issue 16, goal 3: what a partial rebuild would have to redo). Run from the
repository root:

    .venv/bin/python benchmarks/data_dependencies.py

The project is copied as a territory's fork (the example's files in data/,
as ``live_rebuild.py`` does) and its preview (``PNT_APERCU=1``) is built
once. Then, for each data file, the first text field of the file (``nom``,
``enonce``, ``titre``…) gets one more word, the preview is built again, and
each page is compared byte for byte with the first build; the file is put
back before the next one. Nothing is asserted: the table goes to
benchmarks/README.md (« Reconstruction en direct »).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from live_rebuild import territory_project  # noqa: E402

MARKER = "Repèrezz"
FIRST_TEXT = re.compile(
    r"^(\s+(?:- )?(?:enonce|nom|titre|description|libelle|constat|objectif|intitule"
    r"|resume|notes?): [A-ZÀ-Ü][^\n#]*?)$", re.MULTILINE)


def build(project: Path, out: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PNT_APERCU="1")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out)],
                          cwd=project, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"La construction de l'aperçu a échoué :\n{done.stderr[-2000:]}")


def pages_of(site: Path) -> list:
    return sorted(p.relative_to(site) for p in site.rglob("index.html")
                  if "admin" not in p.parts)


def shown(page: Path) -> str:
    return str(page.parent) if str(page.parent) != "." else "(accueil)"


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="pnt-dependances-") as name:
        tmp = Path(name)
        project = territory_project(tmp / "projet")
        build(project, tmp / "avant")
        pages = pages_of(tmp / "avant")
        print(f"Aperçu d'un territoire (données de l'exemple) : {len(pages)} pages\n")
        print("| Fichier changé | Pages changées | Lesquelles |\n|---|---:|---|")
        for data_file in sorted((project / "data").glob("*.yml")):
            original = data_file.read_text(encoding="utf-8")
            changed, count = FIRST_TEXT.subn(lambda m: f"{m.group(1)} {MARKER}", original,
                                             count=1)
            if count == 0:
                print(f"| `{data_file.name}` | — | aucun champ de texte reconnu |")
                continue
            data_file.write_text(changed, encoding="utf-8")
            try:
                build(project, tmp / data_file.stem)
            finally:
                data_file.write_text(original, encoding="utf-8")
            differing = [shown(p) for p in pages
                         if (tmp / data_file.stem / p).read_bytes()
                         != (tmp / "avant" / p).read_bytes()]
            listed = ", ".join(differing) if len(differing) <= 12 else "toutes"
            print(f"| `{data_file.name}` | {len(differing)} | {listed} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
