"""The data layer's share of a build, measured in-process (issue 16, goal 4:
≤ 10 %). Run from the repository root:

    .venv/bin/python benchmarks/data_layer.py      (or: make benchmarks)

Two series, each of ``RUNS`` builds by MkDocs's own ``build`` in this
process, after one untimed build:

1. **a new build** (``mkdocs build``): the example site (the template's
   site, as ``build_times.py`` builds it), with every per-process store
   emptied before each build, as a new process starts: the loaded data,
   the template outputs and search entries kept for the next build
   (``macros/pages/kept.py``), the escaped texts, long texts, relative
   links and characters' widths;
2. **a rebuild after a save** (``make apercu``): a territory's preview (the
   example's files in data/, as ``live_rebuild.py`` makes it), served
   (``serving.started``), with B-01's statement in data/03-besoins.yml
   changed before each build and nothing emptied, as ``mkdocs serve`` does.

Timers are put around, by wrapping them from here (the project's code is
not changed):

- **reading and validation**: ``macros.reading.loader.load_folder``;
- **index**: ``macros.plan.index.PlanIndex`` (its construction);
- **rendering**: every public method of ``macros.pages.site.Site``, the
  facade the macros call (grids, charts, the plan's pages, the démarche,
  the kit), counted once when one calls another;
- outside the data layer, for comparison: the open data prepared once per
  data set (``opendata.prepare``: workbooks, CSVs) and the finishing step
  after the build (``finish.finish_site``: open data written, stylesheets);
- **the grids and charts wherever they are drawn** (``Site.grid``, a
  chart's view and HTML, ``charts.build``, ``charts.chart_html``, and a
  yearly report's indicator charts, ``charts.indicator.indicator``): with
  reading, validation and the index, goal 4 read literally.

Each share is the median over the runs of (time in the part / whole build);
the rendering is also split by the Site method a macro called first (a
chart drawn inside a yearly report counts for ``annual_report``). Nothing
is asserted: the figures go to benchmarks/README.md.
"""

from __future__ import annotations

import functools
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = int(os.environ.get("RUNS", "7"))
PARTS = ("lecture et validation", "index", "rendu (grilles, graphiques, pages du plan)",
         "données ouvertes préparées", "finition du site",
         "grilles et graphiques, où qu'ils paraissent")
# Goal 4 read literally: reading, validation, index, and the grids and charts
# wherever they are drawn (a grid in a step's story, a chart in a yearly
# report), inside the rendering above.
LITERAL = (PARTS[0], PARTS[1], PARTS[5])


class Timers:
    def __init__(self):
        self.spent = dict.fromkeys(PARTS, 0.0)
        self.depth = dict.fromkeys(PARTS, 0)
        self.by_macro = {}  # the rendering, by the Site method called first

    def reset(self):
        self.spent = dict.fromkeys(PARTS, 0.0)
        self.by_macro = {}

    def wrap(self, part: str, function, label: str = ""):
        @functools.wraps(function)
        def timed(*args, **kwargs):
            self.depth[part] += 1
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.depth[part] -= 1
                if self.depth[part] == 0:
                    elapsed = time.perf_counter() - start
                    self.spent[part] += elapsed
                    if label:
                        self.by_macro[label] = self.by_macro.get(label, 0.0) + elapsed
        return timed


def install(timers: Timers) -> None:
    from macros.outputs import finish, opendata
    from macros.pages import site
    from macros.plan import index
    from macros.reading import loader

    loader.load_folder = timers.wrap(PARTS[0], loader.load_folder)
    original_init = index.PlanIndex.__init__
    index.PlanIndex.__init__ = timers.wrap(PARTS[1], original_init)
    for name in dir(site.Site):
        member = getattr(site.Site, name)
        if not name.startswith("_") and callable(member) and not isinstance(member, type):
            setattr(site.Site, name, timers.wrap(PARTS[2], member, name))
    opendata.prepare = timers.wrap(PARTS[3], opendata.prepare)
    finish.finish_site = timers.wrap(PARTS[4], finish.finish_site)
    from macros import charts
    from macros.charts import indicator

    site.Site.grid = timers.wrap(PARTS[5], site.Site.grid)
    charts.build = timers.wrap(PARTS[5], charts.build)  # a chart's view
    charts.chart_html = timers.wrap(PARTS[5], charts.chart_html)  # its HTML
    indicator.indicator = timers.wrap(PARTS[5], indicator.indicator)  # a report's


def as_a_new_process() -> None:
    """Empty what a process keeps from one build to the next."""
    from macros.charts import geometry
    from macros.pages import links, render, safe, searchable
    from macros.reading import loader

    loader.clear_cache()
    render._outputs.cache_clear()
    searchable.found_last_build.cache_clear()
    safe._escaped_text.cache_clear()
    safe._rendered_long_text.cache_clear()
    links.relative_url.cache_clear()
    geometry._unit.cache_clear()


def build_once(config_file: Path, out: Path) -> float:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file=str(config_file), site_dir=str(out))
    start = time.perf_counter()
    build(config)
    return time.perf_counter() - start


def series(title: str, timers: Timers, before_each, config_file: Path, out: Path) -> None:
    shares = {part: [] for part in PARTS}
    by_macro = {}
    totals = []
    before_each(-1)
    build_once(config_file, out / "chauffe")
    for run in range(RUNS):
        before_each(run)
        timers.reset()
        total = build_once(config_file, out / f"site-{run}")
        totals.append(total)
        for part in PARTS:
            shares[part].append(timers.spent[part] / total)
        for name, spent in timers.by_macro.items():
            by_macro.setdefault(name, []).append(spent / total)
        print(f"construction {run + 1} : {total:.2f} s, " + ", ".join(
            f"{part} {timers.spent[part] * 1000:.0f} ms" for part in PARTS), flush=True)
    print(f"\n{title}, {RUNS} constructions dans un processus, médianes :")
    print("| Partie | Part de la construction |\n|---|---:|")
    layer = [sum(shares[part][run] for part in PARTS[:3]) for run in range(RUNS)]
    literal = [sum(shares[part][run] for part in LITERAL) for run in range(RUNS)]
    for part in PARTS:
        print(f"| {part} | {statistics.median(shares[part]) * 100:.1f} % |")
    print(f"| **couche de données** (les trois premières) | "
          f"**{statistics.median(layer) * 100:.1f} %** |")
    print(f"| au plus étroit : lecture, validation, index, grilles et graphiques | "
          f"{statistics.median(literal) * 100:.1f} % |")
    print(f"| construction entière | {statistics.median(totals):.2f} s |\n", flush=True)
    print("Le rendu, par méthode de Site (appelée par une macro), médianes :")
    print("| Méthode | Part de la construction |\n|---|---:|")
    ranked = sorted(by_macro.items(), key=lambda item: -statistics.median(item[1]))
    for name, values in ranked:
        if statistics.median(values) >= 0.001:
            print(f"| `{name}` | {statistics.median(values) * 100:.1f} % |")
    print(flush=True)


def main() -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.environ.pop("PNT_DONNEES", None)
    os.environ.pop("PNT_APERCU", None)
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import logging
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    from live_rebuild import mark_statement, territory_project

    timers = Timers()
    install(timers)
    with tempfile.TemporaryDirectory() as tmp:
        series("Nouvelle construction du site d'exemple (mkdocs build)", timers,
               lambda run: as_a_new_process(), ROOT / "mkdocs.yml", Path(tmp) / "exemple")
        project = territory_project(Path(tmp) / "territoire")
        os.environ.update(PNT_APERCU="1", GITHUB_REPOSITORY="mrc-exemple/plan-numerique")
        as_a_new_process()
        from macros import serving
        serving.started("serve")  # as mkdocs serve says at on_startup
        series("Reconstruction de l'aperçu d'un territoire après un enregistrement "
               "(make apercu)", timers,
               lambda run: mark_statement(project, f"Repere{run + 1:02d}x"),
               project / "mkdocs.yml", Path(tmp) / "apercu")
    return 0


if __name__ == "__main__":
    sys.exit(main())
