"""What every chart is made of: the figure, its SVGs, its data table, and the
skeleton of the horizontal-bar charts that several charts share.

A chart's view is a plain dict that a template of ``templates/chart/`` lays
out: a title, a text alternative computed from the data (``summary``), one
or more SVGs, notes, and the same data as an HTML table. Charts with many
rows (200 projects, a hundred municipalities) are cut into several SVGs of
at most ``ROWS_PER_SVG`` rows: each stays readable, prints on a page and
keeps its own title and text alternative (``paged_bars``).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..plan import french
from ..plan.index import heading
from .geometry import chunks, coord, narrow, row_layout, width as chart_width

ROWS_PER_SVG = 25
BAR = 14  # height of a bar


@dataclass
class ChartContext:
    """What a chart needs: the indexes, the reference date, links, the steps."""

    index: object  # plan.index.PlanIndex
    reference: object  # plan.followup.Reference
    linker: object  # pages.links.Linker
    progress: list  # plan.progress.StepProgress of each step
    page: object  # pages.plan.common.PageContext (the note of an empty chart)


def cell(text, num: bool = False, href: str = "") -> dict:
    """A table cell: ``num`` aligns a number right, ``href`` makes a link."""
    return {"text": text if text not in (None, "") else "—", "num": num, "href": href}


def table(caption: str, head: list, rows: list, foot: list = None) -> dict:
    return {"caption": caption, "head": head, "rows": rows, "foot": foot or []}


def empty(ctx: ChartContext, key: str, grid: str, phrase: str, title: str) -> dict:
    """A chart without data yet: says so plainly, and where to fill it."""
    return {"id": f"graphique-{key}", "template": "chart/empty.html", "title": title,
            "missing": ctx.page.missing(grid, phrase)}


def known_rows(rows: list, *keys: str) -> list:
    """The rows that give every one of ``keys``: a row whose value is « inconnu »
    (or missing) draws nothing, never a bar at 0."""
    return [row for row in rows if all(row.get(key) is not None for key in keys)]


def unknown_note(count: int, singular: str, plural: str, what: str) -> str:
    """« 2 conditions sans thème ou statut connu n'y figurent pas. »"""
    if not count:
        return ""
    verb = french.agree(count, "figure", "figurent")
    return f"{french.count(count, singular, plural)} sans {what} connu n'y {verb} pas."


def figure(key: str, template: str, title: str, summary: str, svgs: list,
           data: dict, notes: list = None, modifier: str = "") -> dict:
    return {"id": f"graphique-{key}", "template": template, "title": title,
            "summary": summary, "notes": [n for n in (notes or []) if n],
            "svgs": svgs, "narrow": [], "table": data, "modifier": modifier or key, "missing": None}


def svg_frame(figure_id: str, part: int, parts: int, title: str, desc: str,
              height: float, width: float = None, legend_items=(), patterns=()) -> dict:
    suffix = f" (partie {part} sur {parts})" if parts > 1 else ""
    variant = "-etroit" if narrow() else ""
    return {"id": f"{figure_id}{variant}-{part}", "title": title + suffix, "desc": desc,
            "width": chart_width() if width is None else width, "height": coord(height), "legend": list(legend_items),
            "patterns": [dict(zip(("name", "drawing", "look"), (name, *name.split("-", 1))))
                         for name in sorted(set(patterns))]}


def part_desc(summary: str, part: int, groups: list, noun: str) -> str:
    """The text alternative of SVG number ``part`` of a chart cut in ``groups``."""
    if len(groups) < 2:
        return summary
    first = sum(len(g) for g in groups[:part - 1]) + 1
    last = first + len(groups[part - 1]) - 1
    return f"{summary} {french.capitalise(noun)} {first} à {last} de la liste."


@dataclass(frozen=True)
class Bars:
    """How a horizontal-bar chart is cut and drawn (see ``paged_bars``)."""

    figure_id: str  # « graphique-couts »
    title: str
    summary: str
    noun: str  # what a row is, in the text alternative of each part: « projets »
    label_width: float
    top: float  # y of the first row
    legend: tuple = ()
    patterns: tuple = ()
    minimum: float = 30  # height of a row
    per_svg: int = ROWS_PER_SVG
    bottom_margin: float = 30  # below the last row: the axis labels
    rows_key: str = "bars"
    max_lines: int = 2  # of a row's label


def paged_bars(spec: Bars, entries: list, labels: list, draw_row, extra) -> list:
    """The SVGs of a chart with one row per entry, ``per_svg`` rows each.

    ``draw_row(entry, row)`` gives the row's shapes (``row`` holds its place
    and its wrapped label); ``extra(bottom)`` the keys of the SVG that depend
    on where the rows end (axes, markers)."""
    groups = chunks(list(zip(entries, labels)), spec.per_svg)
    svgs = []
    for part, group in enumerate(groups, start=1):
        layout, bottom = row_layout([label for _, label in group], spec.top,
                                    spec.label_width, minimum=spec.minimum,
                                    max_lines=spec.max_lines)
        svg = svg_frame(spec.figure_id, part, len(groups), spec.title,
                        part_desc(spec.summary, part, groups, spec.noun),
                        bottom + spec.bottom_margin, legend_items=spec.legend,
                        patterns=spec.patterns)
        svg[spec.rows_key] = [draw_row(entry, row) for (entry, _), row in zip(group, layout)]
        svg.update({"y_top": coord(spec.top), "y_bottom": coord(bottom), "bar_h": BAR})
        svg.update(extra(bottom))
        svgs.append(svg)
    return svgs


def status_counts(counts: dict, words: dict) -> str:
    """« 5 en cours, 1 terminé et 1 reporté » (statuses with a count only)."""
    parts = [f"{french.number(n)} {french.agree(n, *words[status])}"
             for status, n in counts.items() if n]
    return french.join(parts) or "aucun"


def project_label(project: dict) -> str:
    """« 1. P-01 Fibre pour Lac-Bêta »; without the rank when it is not known."""
    rank = f"{project['rang']}. " if project.get("rang") is not None else ""
    return f"{rank}{heading('projets', project, ' ')}"


def period(start, end) -> str:
    text = french.period(start, end)
    return french.capitalise(text) if text else "non précisé"
