"""Prepare what the templates show: formatted cells, links, indexes.

Templates only lay out markup; every decision (how a date reads in French,
where a reference links to, which projects answer a need) is taken here.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from . import model
from .catalog import GRIDS, STEPS, step_of
from markupsafe import Markup

from .safe import render_long_text
from .values import NBSP, Amount, PartialDate, format_number


# --- links between pages ------------------------------------------------------------

def page_url(docs_path: str, directory_urls: bool = True) -> str:
    """The URL MkDocs gives a Markdown file (``plan/besoins.md`` → ``plan/besoins/``)."""
    stem = docs_path[:-3] if docs_path.endswith(".md") else docs_path
    if not directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative_url(target: str, current: str) -> str:
    """``target`` as seen from the page at ``current`` (both site-relative)."""
    if current == "" or current.endswith("/"):
        base = current.rstrip("/")
    else:
        base = posixpath.dirname(current)
    relative = posixpath.relpath(target.rstrip("/") or ".", base or ".")
    if target == "" or target.endswith("/"):
        relative = "./" if relative == "." else relative + "/"
    return relative


@dataclass(frozen=True)
class Linker:
    """Builds links relative to the page being rendered."""

    current_url: str  # e.g. "etapes/03-besoins/"
    directory_urls: bool = True

    def to_page(self, docs_path: str, anchor: str = "") -> str:
        target = page_url(docs_path, self.directory_urls)
        fragment = f"#{anchor}" if anchor else ""
        if target == self.current_url:
            return Markup(fragment or "./")
        # Built from our page paths and anchor_for() ids: nothing to escape.
        return Markup(relative_url(target, self.current_url) + fragment)

    def to_row(self, grid_key: str, row_id) -> str:
        grid = GRIDS[grid_key]
        return self.to_page(grid.page, model.anchor_for(row_id))

    def to_grid(self, grid_key: str) -> str:
        grid = GRIDS[grid_key]
        if grid.step == 0:  # the territory's grids are shown on the plan's home
            return self.to_page(grid.page, grid.key)
        return self.to_page(step_of(grid).page, f"grille-{grid.key}")


# --- cells ----------------------------------------------------------------------------

def count_phrase(number: int, singular: str, plural: str) -> str:
    """« 0 besoin », « 1 besoin », « 12 besoins » (French: 0 and 1 are singular)."""
    return f"{format_number(number)} {singular if number < 2 else plural}"


def format_percent(value) -> str:
    return f"{format_number(value)}{NBSP}%"


def _text_cell(text: str) -> dict:
    return {"kind": "texte", "text": text}


def _reference_cells(column, value, index, linker, labelled) -> list:
    refs = value if isinstance(value, list) else [value]
    return [index.reference(column.target, ref, linker, labelled) for ref in refs]


def cell(column, value, index, linker, labelled: bool = False) -> dict:
    """The view of one value, by column kind. ``None`` gives an empty cell."""
    if value is None or value == [] or value == "":
        return {"kind": "vide"}
    kind = column.kind
    if kind == model.LONG_TEXT:
        return {"kind": "html", "html": render_long_text(value)}
    if kind in (model.REF, model.REFS):
        return {"kind": "liens", "links": _reference_cells(column, value, index,
                                                          linker, labelled)}
    if kind == model.TEXT_LIST:
        return {"kind": "liste", "elements": [_text_cell(item) for item in value]}
    if kind == model.SUBLIST:
        return {"kind": "sous_liste",
                "elements": [sub_cells(column.columns, sub, index, linker)
                          for sub in value]}
    if kind == model.DATE:
        return {"kind": "date", "text": value.french, "iso": value.iso}
    if kind == model.LINK:
        return {"kind": "lien", "href": value, "text": value}
    if kind == model.EMAIL:
        return {"kind": "lien", "href": f"mailto:{value}", "text": value}
    return _text_cell(plain_text(column, value))


def plain_text(column, value) -> str:
    if value is None:
        return ""
    if column.kind == model.PERCENT:
        return format_percent(value)
    if column.kind == model.BOOLEAN:
        return "oui" if value else "non"
    if isinstance(value, (Amount, PartialDate)):
        return value.french
    if isinstance(value, (int, float)) and column.kind in (model.INTEGER, model.NUMBER):
        return format_number(value)
    return str(value)


def _from_phrase(date: PartialDate) -> str:
    if date.day:
        return f"du {date.french}"
    if date.month and date.french[0] in "aeiouéèêâîô":
        return f"d'{date.french}"
    return f"de {date.french}"


def _to_phrase(date: PartialDate) -> str:
    return f"au {date.french}" if date.day else f"à {date.french}"


def period_text(start, end) -> str:
    """« de septembre 2025 à décembre 2028 », « du 3 mars 2026 au 30 juin 2026 »."""
    if start is None and end is None:
        return ""
    if end is None:
        return f"à partir {_from_phrase(start)}"
    if start is None:
        return f"jusqu'en {end.year}" if not end.month else f"jusqu'{_to_phrase(end)}"
    return f"{_from_phrase(start)} {_to_phrase(end)}"


def sub_cells(columns, sub: dict, index, linker) -> list:
    return [{"label": c.label, "cell": cell(c, sub.get(c.key), index, linker)}
            for c in columns if sub.get(c.key) is not None]


# --- indexes over the whole plan -------------------------------------------------------

class PlanIndex:
    """Lookups in both directions between the plan's grids."""

    def __init__(self, data: dict):
        self.data = data

    def rows(self, key: str) -> list:
        return model.rows_of(self.data, key)

    def record(self, key: str) -> dict:
        return self.data.get(key) or {}

    @cached_property
    def by_id(self) -> dict:
        table = {}
        for grid in GRIDS.values():
            if grid.identified:
                table[grid.key] = {row.get(grid.id_key): row for row in self.rows(grid.key)}
        return table

    def find(self, grid_key: str, row_id):
        return self.by_id.get(grid_key, {}).get(row_id)

    def label(self, grid_key: str, row_id) -> str:
        grid = GRIDS[grid_key]
        row = self.find(grid_key, row_id)
        if row is None or not grid.label_key or grid.label_key == grid.id_key:
            return ""
        return str(row.get(grid.label_key) or "")

    def reference(self, grid_key: str, row_id, linker, labelled=False) -> dict:
        label = self.label(grid_key, row_id) if labelled else ""
        return {"href": linker.to_row(grid_key, row_id), "id": str(row_id),
                "label": label}

    def _citing(self, grid_key: str, field: str) -> dict:
        """{cited id: [rows of grid_key that cite it in field]}."""
        table = defaultdict(list)
        for row in self.rows(grid_key):
            value = row.get(field)
            for ref in (value if isinstance(value, list) else [value]):
                if ref is not None:
                    table[ref].append(row)
        return table

    @cached_property
    def _incoming(self) -> dict:
        """{target grid: {cited id: [(citing grid, citing row)]}}, every reference."""
        table = defaultdict(lambda: defaultdict(list))
        for grid in GRIDS.values():
            for row in self.rows(grid.key):
                for target, ref in _references(grid.columns, row):
                    citing = table[target][ref]
                    if not citing or citing[-1][1] is not row:
                        citing.append((grid, row))
        return table

    def cited_by(self, grid_key: str, row_id, linker) -> list:
        """Links to what cites a row: each identified row, or its grid and count."""
        links, counts = [], defaultdict(int)
        for grid, row in self._incoming[grid_key].get(row_id, []):
            if grid.id_prefix:
                links.append(self.reference(grid.key, row[grid.id_key], linker))
            else:
                counts[grid.key] += 1
        for key, count in counts.items():
            links.append({"href": linker.to_grid(key), "id": GRIDS[key].title,
                          "label": f"({count})"})
        return links

    def is_cited(self, grid_key: str) -> bool:
        return any(citing for citing in self._incoming[grid_key].values())

    @cached_property
    def projects_by_need(self) -> dict:
        return self._citing("projets", "besoins")

    @cached_property
    def pistes_by_need(self) -> dict:
        return self._citing("pistes", "besoins")

    @cached_property
    def indicators_by_project(self) -> dict:
        return self._citing("indicateurs", "projets")

    @cached_property
    def measures_by_indicator(self) -> dict:
        table = self._citing("mesures", "indicateur")
        return {key: sorted(rows, key=lambda m: m["date"].first_day)
                for key, rows in table.items()}

    @cached_property
    def projects_by_orientation(self) -> dict:
        table = self._citing("projets", "orientation")
        return {key: sorted(rows, key=project_order) for key, rows in table.items()}

    @cached_property
    def programming_by_project(self) -> dict:
        table = self._citing("programmation", "projet")
        return {key: sorted(rows, key=lambda r: r["annee"]) for key, rows in table.items()}

    @cached_property
    def projects_by_actor(self) -> dict:
        table = defaultdict(list)
        for project in self.rows("projets"):
            table[project.get("porteur")].append(project)
            for partner in project.get("partenaires") or []:
                table[partner.get("acteur")].append(project)
        return table

    def indicators_of_need(self, need_id) -> list:
        seen, result = set(), []
        for project in self.projects_by_need.get(need_id, []):
            for indicator in self.indicators_by_project.get(project["id"], []):
                if indicator["id"] not in seen:
                    seen.add(indicator["id"])
                    result.append(indicator)
        return result


def _references(columns, row: dict):
    """(target grid, id) for every reference of a row, sub-lists included."""
    for column in columns:
        value = row.get(column.key)
        if value is None:
            continue
        if column.kind == model.SUBLIST:
            for sub in value:
                yield from _references(column.columns, sub)
        elif column.kind in (model.REF, model.REFS):
            for ref in (value if isinstance(value, list) else [value]):
                yield column.target, ref


def project_order(project: dict) -> tuple:
    return (project.get("rang") or 10**6, str(project.get("id")))


def steps_with_grids() -> list:
    return [step for step in STEPS if step.number > 0]
