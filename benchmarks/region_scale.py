"""Benchmark of the regional view (``pnt region``) at the scale of Québec.

    .venv/bin/python benchmarks/region_scale.py      (or: make benchmarks)

The generator makes N territories from the example: its data scaled (×3 by
``build_times.scale``: new identifiers, every reference kept inside its copy)
to about 500 rows, validated, published as open data once (what each
territory's site writes in donnees/), then copied N times with a distinct
name (« MRC d'essai 001 »…), code (001…) and region (the 17, in turn) written
into plan.json, territoire.csv and datapackage.json; every third one is a
draft (« brouillon », no adoption date).

For N = 13, 26, 52 and 104, ``pnt region`` runs in a subprocess of its own,
rounds alternating between the sizes; printed: the median wall time, the
cost per territory (linear growth keeps it flat) and the peak memory of the
subprocess (its maximum resident set, from the system). Nothing is asserted:
this is a benchmark, not a test.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from build_times import machine, read_folder, row_count, scale, write_folder  # noqa: E402

from macros.outputs import opendata  # noqa: E402
from macros.plan.catalog import REGIONS  # noqa: E402
from macros.reading import loader  # noqa: E402

SIZES = (13, 26, 52, 104)
ROUNDS = 3
FACTOR = 3  # the example ×3: about 500 rows per territory


def territory_template(tmp: Path) -> tuple:
    """(donnees/ files of one scaled territory, its row count)."""
    folder = tmp / "donnees-x3"
    write_folder(scale(read_folder(ROOT / loader.EXAMPLE_DIR), FACTOR), folder)
    loaded = loader.load_folder(folder, folder.name)
    if loaded.errors:
        raise SystemExit(f"les données générées ont des erreurs : {loaded.problems[:3]}")
    files = {f.name: f.content for f in opendata.text_files(loaded.data)}
    return files, row_count(loaded.data)


# Every third territory has not adopted its plan yet (a draft: no adoption).
DRAFT = {"statut": "brouillon", "date_adoption": None, "resolution": None}


def _renamed(files: dict, number: int) -> dict:
    name, code = f"MRC d'essai {number:03d}", f"{number:03d}"
    region = REGIONS[(number - 1) % len(REGIONS)]
    changes = {"nom": name, "code_geographique": code, "region": region,
               **(DRAFT if number % 3 == 0 else {})}
    plan = json.loads(files["plan.json"])
    territory = plan["grilles"]["territoire"]
    old = territory["nom"]
    territory.update(changes)
    plan["titre"] = plan["titre"].replace(old, name)
    package = json.loads(files["datapackage.json"])
    package["name"] = f"pnt-mrc-d-essai-{code}"
    package["title"] = package["title"].replace(old, name)
    csv = files["territoire.csv"].decode("utf-8-sig")
    header, row = csv.split("\r\n", 1)
    cells = row.split(";")
    columns = header.split(";")
    for key, value in changes.items():
        cells[columns.index(key)] = value or ""
    return {**files,
            "plan.json": json.dumps(plan, ensure_ascii=False).encode("utf-8"),
            "datapackage.json": json.dumps(package, ensure_ascii=False).encode("utf-8"),
            "territoire.csv": ("\ufeff" + header + "\r\n" + ";".join(cells)).encode("utf-8")}


def make_territories(files: dict, count: int, folder: Path) -> list:
    folders = []
    for number in range(1, count + 1):
        target = folder / f"mrc-{number:03d}" / "donnees"
        target.mkdir(parents=True)
        for name, content in _renamed(files, number).items():
            (target / name).write_bytes(content)
        folders.append(target)
    return folders


def run_region(folders: list, out: Path, log: Path) -> tuple:
    """(seconds, peak resident memory in MiB) of one ``pnt region``, measured on
    its own process (``wait4``)."""
    if out.exists():
        shutil.rmtree(out)
    command = [sys.executable, "-m", "macros.cli", "region", str(out), *map(str, folders),
               "--date", "2026-11-30"]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    with log.open("w", encoding="utf-8") as output:
        started = time.perf_counter()
        child = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output,
                                 stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit("pnt region a échoué :\n" + log.read_text(encoding="utf-8"))
    return seconds, usage.ru_maxrss / 1024  # Linux gives kibibytes


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        files, rows = territory_template(tmp)
        print(f"Un territoire : {rows} lignes (l'exemple ×{FACTOR}), "
              f"{sum(map(len, files.values())) // 1000} ko de données ouvertes.")
        sets = {n: make_territories(files, n, tmp / f"n{n}") for n in SIZES}
        times = {n: [] for n in SIZES}
        peaks = {n: 0.0 for n in SIZES}
        for _ in range(ROUNDS):
            for n in SIZES:
                seconds, peak = run_region(sets[n], tmp / "vue", tmp / "sortie.txt")
                times[n].append(seconds)
                peaks[n] = max(peaks[n], peak)
        print(machine())
        print(f"{'territoires':>12} {'lignes':>8} {'médiane (s)':>12} "
              f"{'par territoire (ms)':>20} {'mémoire max (Mio)':>18}")
        for n in SIZES:
            median = statistics.median(times[n])
            print(f"{n:>12} {n * rows:>8} {median:>12.2f} {median / n * 1000:>20.0f} "
                  f"{peaks[n]:>18.0f}")


if __name__ == "__main__":
    main()
