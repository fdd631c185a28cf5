"""Build-time benchmark of the template (run from the repository root).

    .venv/bin/python benchmarks/build_times.py      (or: make benchmarks)

What it measures (nothing is asserted: this is a benchmark, not a test):

1. Full ``mkdocs build`` runs, each in a fresh subprocess:
   a. a plain Material baseline: the same pages with every ``{{ ... }}``
      macro line removed, and the same configuration without the macros
      plugin nor the project's hooks (same theme, overrides, extensions and
      search);
   b. the example site (the real configuration, data from exemple/);
   c. the same site with exemple/ scaled ×10;
   d. the same site with exemple/ scaled ×100;
   e. for each data set, plain Material building *the same rendered pages*:
      each page's Markdown captured after the macros ran (a plugin added to
      one build of the real site, ``--capturer``), written with the site's
      other files into a copy of docs/, and built with a configuration that
      drops the macros plugin and the project's hooks (same theme,
      extensions, navigation and search). The site and this copy are built
      in alternation, and the ratio is the median of the pairs' ratios; the
      cost per row of data is printed at each size.
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
from collections.abc import Mapping
from dataclasses import dataclass
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
# Timed rounds per data set (one untimed warm-up build of each comes first, and
# gives the page count); each round builds the site and its plain-Material
# pairing in alternating order, and, with the example, the baseline without
# macro lines too.
BUILD_RUNS = {"exemple": 7, "x10": 5, "x100": 3}
CAPTURE = "--capturer"  # this script, run by itself to capture the rendered pages
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


def make_datasets(tmp: Path) -> tuple:
    """({name: folder}, {name: rows}) for exemple/ and its scaled copies, all
    checked."""
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
    counts = {"exemple": row_count(reference.data)}
    print(f"Données : exemple/ = {counts['exemple']} lignes")
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
        counts[name] = row_count(loaded.data)
        print(f"Données : ×{factor:<3} = {counts[name]} lignes, "
              f"{size / 1024:.0f} Kio de YAML, 0 erreur, "
              f"{len(loaded.warnings)} avertissement(s)")
    datasets.update({f"x{f}": tmp / f"x{f}" for f in FACTORS})
    return datasets, counts


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
    config.pop("hooks", None)  # they need the macros' settings (the view), and are not Material
    cfg = project / "mkdocs.yml"
    cfg.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                   encoding="utf-8")
    return cfg, removed


def build_env(data: Path | None) -> dict:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop(loader.DATA_ENV, None)
    # As on an author's machine: the project's modules are compiled once (the
    # warm-up writes their .pyc), like Material's, compiled at installation.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
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


def _plain(value):
    """Configuration values as YAML can write them (Markup is a str, the
    ``extra`` section a mapping of MkDocs's own)."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def capture_main(project: Path) -> None:
    """In a subprocess: build the real site once, writing into ``project`` what
    plain Material needs to build the same rendered pages."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.plugins import BasePlugin, event_priority

    from macros.pages.rawblocks import expand

    docs = project / "docs"

    def keep(uri: str, content: bytes) -> None:
        target = docs / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)

    class Capture(BasePlugin):
        @event_priority(-100)  # after the project's hooks added or removed files
        def on_files(self, files, config):
            for file in files:
                if not file.is_documentation_page():
                    keep(file.src_uri, file.content_bytes)
            return files

        @event_priority(-100)  # after the macros plugin rendered the page
        def on_page_markdown(self, markdown, page, config, files):
            keep(page.file.src_uri, expand(markdown).encode("utf-8"))
            return markdown

        def on_post_build(self, config):
            plain = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
            plain["plugins"] = [p for p in plain.get("plugins") or []
                                if not (p == "macros" or (isinstance(p, dict)
                                                          and "macros" in p))]
            for key in ("hooks", "watch"):
                plain.pop(key, None)
            for key in ("site_name", "site_url", "site_description", "nav", "extra"):
                plain[key] = _plain(config[key])
            (project / "mkdocs.yml").write_text(
                yaml.safe_dump(plain, allow_unicode=True, sort_keys=False),
                encoding="utf-8")

    shutil.copytree(ROOT / "overrides", project / "overrides",
                    ignore=shutil.ignore_patterns("hooks"))
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(project / "site"))
    config.plugins["pnt-capture"] = Capture()
    build(config)


def capture_pages(tmp: Path, key: str, data: Path | None) -> tuple:
    """(config, number of pages) of plain Material building the site's rendered
    pages for data set ``key``."""
    project = tmp / f"rendu-{key}"
    done = subprocess.run([sys.executable, str(Path(__file__).resolve()), CAPTURE,
                           str(project)], env=build_env(data), cwd=ROOT,
                          capture_output=True, text=True)
    if done.returncode != 0 or not (project / "mkdocs.yml").exists():
        fail(f"la capture des pages rendues ({key}) a échoué :\n{done.stdout}{done.stderr}")
    return project / "mkdocs.yml", sum(1 for _ in (project / "docs").rglob("*.md"))


@dataclass
class Builds:
    """The timed builds of one data set (seconds)."""
    key: str
    label: str
    rows: int
    pages: int
    site: list
    rendered: list  # plain Material, the same rendered pages
    ratios: list  # site / rendered, pair by pair


def alternate(builds: list, rounds: int) -> list:
    """Time each (cfg, env, out) of ``builds`` ``rounds`` times, the order
    rotating from one round to the next so that no build always runs first."""
    times = [[] for _ in builds]
    for round_ in range(rounds):
        shift = round_ % len(builds)
        for index in list(range(shift, len(builds))) + list(range(shift)):
            cfg, env, out = builds[index]
            times[index].append(build_once(cfg, env, out))
    return times


def time_builds(tmp: Path, datasets: dict, rows: dict) -> tuple:
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
    labels = {"exemple": "Site d'exemple", "x10": "Données ×10", "x100": "Données ×100"}
    baseline_runs, results = [], []
    for key, label in labels.items():
        data = example_data if key == "exemple" else datasets[key]
        rendered_cfg, pages = capture_pages(tmp, key, data)
        builds = [(real_cfg, build_env(data), tmp / f"site-{key}"),
                  (rendered_cfg, build_env(None), tmp / f"site-rendu-{key}")]
        if key == "exemple":
            builds.append((baseline_cfg, build_env(None), tmp / "site-baseline"))
        for cfg, env, out in builds:
            build_once(cfg, env, out)  # warm-up (bytecode, file cache), not timed
        times = alternate(builds, BUILD_RUNS[key])
        if key == "exemple":
            baseline_runs = times[2]
            print(f"  {'Material seul (sans macros)':<36} {len(baseline_runs)} mesures : "
                  + ", ".join(f"{t:.2f}" for t in baseline_runs) + " s")
        result = Builds(key, label, rows[key], page_count(tmp / f"site-{key}"), times[0],
                        times[1], [a / b for a, b in zip(times[0], times[1])])
        results.append(result)
        print(f"  {label:<36} {len(times[0])} mesures : "
              + ", ".join(f"{t:.2f}" for t in times[0]) + " s")
        print(f"  {'  les mêmes pages, Material seul':<36} {len(times[1])} mesures : "
              + ", ".join(f"{t:.2f}" for t in times[1]) + f" s ({pages} pages)",
              flush=True)
    return baseline_runs, results


def print_builds(baseline_runs: list, results: list):
    base = statistics.median(baseline_runs)
    print()
    print("| Construction | Pages | Mesures | Médiane (s) | Min (s) | Ratio (médiane) |")
    print("|---|---:|---:|---:|---:|---:|")
    print(f"| Material seul (sans macros) | {results[0].pages} | {len(baseline_runs)} "
          f"| {base:.2f} | {min(baseline_runs):.2f} | ×1.00 |")
    for r in results:
        median = statistics.median(r.site)
        print(f"| {r.label} | {r.pages} | {len(r.site)} | {median:.2f} | {min(r.site):.2f} "
              f"| ×{median / base:.2f} |")

    print()
    print("Les mêmes pages rendues, construites par Material seul (paires alternées) :")
    print()
    print("| Données | Paires | Material seul, mêmes pages (s) | Site (s) "
          "| Ratio (médiane des paires) | Min et max des ratios |")
    print("|---|---:|---:|---:|---:|---:|")
    for r in results:
        print(f"| {r.label} | {len(r.ratios)} | {statistics.median(r.rendered):.2f} "
              f"| {statistics.median(r.site):.2f} | ×{statistics.median(r.ratios):.2f} "
              f"| ×{min(r.ratios):.2f} – ×{max(r.ratios):.2f} |")

    print()
    print("Coût par ligne de données (médianes) : le site entier, le surcoût du site "
          "sur Material seul, et la pente d'une taille à la suivante :")
    print()
    print("| Données | Lignes | Site par ligne (ms) | Surcoût par ligne (ms) "
          "| Pente depuis la taille précédente (ms par ligne) |")
    print("|---|---:|---:|---:|---:|")
    previous = None
    for r in results:
        site, rendered = statistics.median(r.site), statistics.median(r.rendered)
        slope = ("—" if previous is None else
                 f"{(site - previous[1]) / (r.rows - previous[0]) * 1000:.2f}")
        print(f"| {r.label} | {r.rows} | {site / r.rows * 1000:.2f} "
              f"| {(site - rendered) / r.rows * 1000:.2f} | {slope} |")
        previous = (r.rows, site)


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
        datasets, rows = make_datasets(tmp)
        print()
        print("Constructions complètes (mkdocs build -q, un sous-processus par "
              "mesure, après une construction d'échauffement non mesurée) :")
        baseline_runs, results = time_builds(tmp, datasets, rows)
        print_builds(baseline_runs, results)
        time_data_layer(datasets)
    print()
    print(f"Durée totale du banc : {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    if sys.argv[1:2] == [CAPTURE]:
        capture_main(Path(sys.argv[2]))
    else:
        main()
