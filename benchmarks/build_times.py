"""Build-time benchmark of the template (run from the repository root).

    .venv/bin/python benchmarks/build_times.py      (or: make benchmarks)

What it measures (nothing is asserted: this is a benchmark, not a test):

1. Full ``mkdocs build`` runs, each in a fresh subprocess:
   a. a plain Material baseline: the same pages with every ``{{ ... }}``
      macro line removed, and the same configuration without the macros
      plugin (same theme, overrides, extensions and search);
   b. the example site (the real configuration, data from exemple/);
   c. the same site with exemple/ scaled ×10;
   d. the same site with exemple/ scaled ×100.
2. The data layer alone, in this process: ``loader.load_folder`` on the
   example, ×10 and ×100, and 30 calls of ``loader.load(root)`` with the
   cache (as Zensical calls ``define_env`` once per page) against 30
   uncached calls, on the example and on ×10 (30 uncached calls on ×100
   would take over a minute and teach nothing more).

The scaled copies are generated in a temporary folder from the tree that
``macros.reading.yamlread`` reads (each scalar keeps the text its author typed), so
every value round-trips exactly. Every list grid's rows are repeated N
times; copy k gets new identifiers (B-07 → B-kk07, always ≤ 4 digits),
municipality names get a suffix, project ranks are shifted, and every
reference (REF, REFS, REF inside sub-lists) points into the same copy.
The generated folders must validate with 0 errors, or the script stops.
"""

from __future__ import annotations

import copy
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.plan.catalog import GRIDS, STEPS  # noqa: E402
from macros.plan.kinds import ITEMS  # noqa: E402
from macros.plan.model import LIST, iter_references  # noqa: E402
from macros.reading import loader  # noqa: E402
from macros.reading.yamlread import Map, Scalar, Seq, read_yaml  # noqa: E402

FACTORS = (10, 100)
# Timed runs per build (one untimed warm-up run comes first, and gives the
# page count). Chosen so the whole script stays well under five minutes.
BUILD_RUNS = {"baseline": 5, "exemple": 5, "x10": 5, "x100": 3}
LOAD_RUNS = {"exemple": 20, "x10": 7, "x100": 3}
LOAD_CALLS = 30  # calls of loader.load(root), cached and uncached


class BenchmarkError(SystemExit):
    pass


def fail(message: str):
    raise BenchmarkError(f"\nbenchmark interrompu : {message}")


# --- 1. Scaled copies of exemple/ -------------------------------------------------

def plain(node):
    """The yamlread tree as plain Python: every scalar as the author's text."""
    if isinstance(node, Map):
        return {key: plain(entry.value) for key, entry in node.entries.items()}
    if isinstance(node, Seq):
        return [plain(item) for item in node.items]
    assert isinstance(node, Scalar)
    return None if node.is_null else node.text


def read_folder(folder: Path) -> dict:
    """{file name: plain tree} for every step file of a data folder."""
    files = {}
    for step in STEPS:
        path = folder / step.filename
        if not path.exists():
            continue
        tree, problems = read_yaml(path, step.filename)
        if tree is None or problems:
            fail(f"{path} ne se lit pas : {problems}")
        files[step.filename] = plain(tree)
    return files


def max_rank(files: dict) -> int:
    ranks = [int(row["rang"]) for f in files.values()
             for row in (f.get("projets") or []) if row.get("rang")]
    return max(ranks, default=0)


class Remapper:
    """Identifiers and references of copy k (0 ≤ k < 100)."""

    def __init__(self, k: int, rank_shift: int):
        self.k = k
        self.rank_shift = rank_shift

    def new_id(self, grid, value: str) -> str:
        value = value.strip()
        if grid.id_prefix:
            match = re.fullmatch(rf"{re.escape(grid.id_prefix)}-(\d{{1,4}})", value)
            if not match or int(match.group(1)) > 99:
                fail(f"identifiant « {value} » ({grid.key}) : le schéma de "
                     f"numérotation de ce banc suppose {grid.id_prefix}-01 à "
                     f"{grid.id_prefix}-99")
            return f"{grid.id_prefix}-{self.k:02d}{int(match.group(1)):02d}"
        # Grids identified by another column (municipalities, by name).
        return value if self.k == 0 else f"{value} ({self.k + 1})"

    def row(self, grid, row: dict) -> dict:
        out = self.fields(grid.columns, row)
        if grid.identified and out.get(grid.id_key) is not None:
            out[grid.id_key] = self.new_id(grid, out[grid.id_key])
        for key in (grid.former_names, grid.aliases):  # cited like the name itself
            if key and isinstance(out.get(key), list):
                out[key] = [self.new_id(grid, name) for name in out[key]]
        if grid.key == "municipalites" and out.get("code") and self.k:
            # Codes are unique: copy k > 0 takes the prefix k - 1 (00…98), the
            # example's own codes all start with 99.
            out["code"] = f"{self.k - 1:02d}{out['code'].strip()[2:]}"
        if grid.key == "projets" and out.get("rang") is not None:
            out["rang"] = str(int(out["rang"]) + self.k * self.rank_shift)
        return out

    def fields(self, columns, row: dict) -> dict:
        """The row's text with every reference (sub-lists included) remapped."""
        out = copy.deepcopy(row)
        if not isinstance(out, dict):
            return out
        for reference in list(iter_references(columns, out)):
            column, holder = reference.column, reference.row
            target, value = GRIDS[column.target], holder[column.key]
            if column.kind.shape == ITEMS:
                items = value if isinstance(value, list) else column.kind.split(value)
                holder[column.key] = [self.new_id(target, item) for item in items
                                      if item is not None]
            else:
                holder[column.key] = self.new_id(target, value)
        return out


def scale(files: dict, factor: int) -> dict:
    if factor > 100:
        fail("au plus ×100 (identifiants limités à 4 chiffres)")
    shift = max_rank(files)
    copies = [Remapper(k, shift) for k in range(factor)]
    scaled = {}
    for step in STEPS:
        if step.filename not in files:
            continue
        source = files[step.filename]
        result = dict(source)
        for grid in step.grids:
            rows = source.get(grid.key)
            if grid.shape != LIST or not isinstance(rows, list):
                continue
            result[grid.key] = [c.row(grid, row) for c in copies for row in rows]
        scaled[step.filename] = result
    return scaled


def write_folder(files: dict, folder: Path) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    size = 0
    for name, content in files.items():
        text = yaml.safe_dump(content, allow_unicode=True, sort_keys=False,
                              default_flow_style=False, width=1_000_000)
        (folder / name).write_text(text, encoding="utf-8")
        size += len(text.encode("utf-8"))
    return size


def comparable(data):
    """Loaded data as plain values (a row's origin is not part of it)."""
    if isinstance(data, dict):
        return {k: comparable(v) for k, v in data.items()}
    if isinstance(data, list):
        return [comparable(v) for v in data]
    return data


def row_count(data: dict) -> int:
    return sum(len(v) for v in data.values() if isinstance(v, list))


def make_datasets(tmp: Path) -> dict:
    """{name: folder} for exemple/ and its scaled copies, all checked."""
    example = ROOT / loader.EXAMPLE_DIR
    reference = loader.load_folder(example, "exemple", True)
    if reference.errors:
        fail("exemple/ ne valide pas :\n" + "\n".join(map(str, reference.errors)))
    files = read_folder(example)

    # The dump must give back exactly what the example says.
    write_folder(files, tmp / "x1")
    again = loader.load_folder(tmp / "x1", "x1")
    if again.errors or comparable(again.data) != comparable(reference.data):
        fail("la réécriture de exemple/ ne redonne pas les mêmes données")

    datasets = {"exemple": example}
    print(f"Données : exemple/ = {row_count(reference.data)} lignes")
    for factor in FACTORS:
        name = f"x{factor}"
        folder = tmp / name
        size = write_folder(scale(files, factor), folder)
        loaded = loader.load_folder(folder, name)
        if loaded.errors:
            shown = "\n".join(str(p) for p in loaded.errors[:20])
            fail(f"les données ×{factor} ont {len(loaded.errors)} erreur(s) :\n{shown}")
        for key, rows in reference.data.items():
            if isinstance(rows, list) and len(loaded.data[key]) != factor * len(rows):
                fail(f"×{factor} : la grille {key} n'a pas {factor} × {len(rows)} lignes")
        print(f"Données : ×{factor:<3} = {row_count(loaded.data)} lignes, "
              f"{size / 1024:.0f} Kio de YAML, 0 erreur, "
              f"{len(loaded.warnings)} avertissement(s)")
    datasets.update({f"x{f}": tmp / f"x{f}" for f in FACTORS})
    return datasets


# --- 2. Builds ----------------------------------------------------------------------

MACRO_LINE = re.compile(r"^\s*\{\{.*\}\}\s*$")


def make_baseline(tmp: Path) -> tuple:
    """A copy of the project without the macros plugin nor macro calls."""
    project = tmp / "baseline"
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copytree(ROOT / "overrides", project / "overrides")
    removed = 0
    for page in (project / "docs").rglob("*.md"):
        lines = page.read_text(encoding="utf-8").splitlines(keepends=True)
        kept = [line for line in lines if not MACRO_LINE.match(line)]
        removed += len(lines) - len(kept)
        if any("{{" in line for line in kept):
            print(f"  note : {page.relative_to(project)} garde un « {{{{ » en ligne")
        page.write_text("".join(kept), encoding="utf-8")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    plugins = config.get("plugins") or []
    config["plugins"] = [p for p in plugins
                         if not (p == "macros" or (isinstance(p, dict) and "macros" in p))]
    config.pop("watch", None)  # only for « mkdocs serve », and names data folders
    cfg = project / "mkdocs.yml"
    cfg.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                   encoding="utf-8")
    return cfg, removed


def build_env(data: Path | None) -> dict:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop(loader.DATA_ENV, None)
    if data is not None:
        env[loader.DATA_ENV] = str(data)
    return env


def build_once(cfg: Path, env: dict, out: Path) -> float:
    if out.exists():
        shutil.rmtree(out)
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(cfg),
               "-d", str(out)]
    start = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=cfg.parent,
                          capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        fail(f"la construction {cfg} a échoué :\n{done.stdout}{done.stderr}")
    return elapsed


def page_count(site: Path) -> int:
    return sum(1 for p in site.rglob("*.html") if p.name != "404.html")


def time_builds(tmp: Path, datasets: dict) -> list:
    baseline_cfg, removed = make_baseline(tmp)
    print(f"Référence : {removed} lignes d'appel de macro retirées de docs/, "
          "extension macros retirée")
    real_cfg = ROOT / "mkdocs.yml"
    if (ROOT / loader.DATA_DIR / loader.TERRITORY_FILE).exists():
        # A territory's data/ would win over the example: point at it explicitly.
        example_data = datasets["exemple"]
        print("  note : data/ existe ; l'exemple est choisi par PNT_DONNEES")
    else:
        example_data = None
    builds = [
        ("baseline", "Material seul (sans macros)", baseline_cfg, None),
        ("exemple", "Site d'exemple", real_cfg, example_data),
        ("x10", "Données ×10", real_cfg, datasets["x10"]),
        ("x100", "Données ×100", real_cfg, datasets["x100"]),
    ]
    results = []
    for key, label, cfg, data in builds:
        env = build_env(data)
        out = tmp / f"site-{key}"
        build_once(cfg, env, out)  # warm-up (bytecode, file cache), not timed
        pages = page_count(out)
        runs = [build_once(cfg, env, out) for _ in range(BUILD_RUNS[key])]
        results.append((label, runs, pages))
        print(f"  {label:<30} {len(runs)} mesures : "
              + ", ".join(f"{t:.2f}" for t in runs) + " s", flush=True)
    return results


def print_builds(results: list):
    base = statistics.median(results[0][1])
    print()
    print("| Construction | Pages | Mesures | Médiane (s) | Min (s) | Ratio (médiane) |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, runs, pages in results:
        median = statistics.median(runs)
        print(f"| {label} | {pages} | {len(runs)} | {median:.2f} | {min(runs):.2f} "
              f"| ×{median / base:.2f} |")


# --- 3. The data layer alone ----------------------------------------------------------

def timed(function, runs: int) -> list:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def time_data_layer(datasets: dict):
    print()
    print("| Données | Lignes | Mesures | load_folder médiane (ms) | Min (ms) |")
    print("|---|---:|---:|---:|---:|")
    for name, folder in datasets.items():
        loaded = loader.load_folder(folder, name)  # warm-up
        runs = timed(lambda: loader.load_folder(folder, name), LOAD_RUNS[name])
        print(f"| {name} | {row_count(loaded.data)} | {len(runs)} "
              f"| {statistics.median(runs) * 1000:.1f} | {min(runs) * 1000:.1f} |")

    print()
    print(f"{LOAD_CALLS} appels de loader.load(root) (un par page, comme Zensical ; "
          "avec cache : 1 lecture puis des réutilisations) :")
    saved = os.environ.get(loader.DATA_ENV)
    try:
        for name in ("exemple", "x10"):
            if name == "exemple" and not (ROOT / "data" / "territoire.yml").exists():
                os.environ.pop(loader.DATA_ENV, None)
            else:
                os.environ[loader.DATA_ENV] = str(datasets[name])

            def cached():
                loader.clear_cache()
                for _ in range(LOAD_CALLS):
                    loader.load(ROOT)

            def uncached():
                for _ in range(LOAD_CALLS):
                    loader.clear_cache()
                    loader.load(ROOT)

            def hits():  # the cache is warm: only the files' stat() is done
                for _ in range(LOAD_CALLS):
                    loader.load(ROOT)

            runs = 5 if name == "exemple" else 3
            with_cache = statistics.median(timed(cached, runs))
            hit = statistics.median(timed(hits, runs)) / LOAD_CALLS
            without = statistics.median(timed(uncached, runs))
            print(f"  {name:<8} avec cache : {with_cache * 1000:7.1f} ms   "
                  f"sans cache : {without * 1000:7.1f} ms   "
                  f"rapport : ×{without / with_cache:.1f}   "
                  f"(réutilisation : {hit * 1e6:.0f} µs par appel ; "
                  f"médianes de {runs})")
    finally:
        loader.clear_cache()
        if saved is None:
            os.environ.pop(loader.DATA_ENV, None)
        else:
            os.environ[loader.DATA_ENV] = saved


# --- 4. The machine --------------------------------------------------------------------

def machine() -> str:
    import mkdocs
    try:
        from importlib.metadata import version
        material = version("mkdocs-material")
        macros_plugin = version("mkdocs-macros-plugin")
    except Exception:  # pragma: no cover
        material = macros_plugin = "?"
    libyaml = "avec libyaml" if getattr(yaml, "__with_libyaml__", False) else "sans libyaml"
    return (f"Machine : {os.cpu_count()} cœurs, Python {platform.python_version()}, "
            f"{platform.platform()}\n"
            f"          PyYAML {yaml.__version__} {libyaml}, MkDocs {mkdocs.__version__}, "
            f"Material {material}, mkdocs-macros {macros_plugin}")


def main():
    started = time.perf_counter()
    print(f"Banc d'essai — {datetime.now().astimezone():%Y-%m-%d %H:%M %Z}")
    print(machine())
    print()
    with tempfile.TemporaryDirectory(prefix="pnt-bench-") as name:
        tmp = Path(name)
        datasets = make_datasets(tmp)
        print()
        print("Constructions complètes (mkdocs build -q, un sous-processus par "
              "mesure, après une construction d'échauffement non mesurée) :")
        results = time_builds(tmp, datasets)
        print_builds(results)
        time_data_layer(datasets)
    print()
    print(f"Durée totale du banc : {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
