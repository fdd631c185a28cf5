"""What the plan's pages share: cards of a row's fields, tables of a grid,
lists of links, and the note that says a grid is still empty."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ...plan.catalog import GRIDS, step_of
from ...plan.model import anchor_for, raw_value
from ..cells import CellContext, cell, is_empty, link, shown_columns


@dataclass
class PageContext:
    """The data, the links of the page being rendered, and the data folder."""

    index: object  # plan.index.PlanIndex
    linker: object  # links.Linker
    folder: str  # as authors see it, e.g. "data"

    @property
    def for_authors(self) -> bool:
        """Help for the plan's authors (the template's site, the preview), or
        the public site: no file, grid or command named."""
        return self.linker.view.for_authors

    @cached_property
    def cells(self) -> CellContext:
        return CellContext(self.index, self.linker, labelled=True)

    def cell(self, grid_key: str, row: dict, key: str) -> dict:
        return cell(GRIDS[grid_key].column(key), raw_value(row, key), self.cells)

    def link(self, grid_key: str, row_id) -> dict:
        return link(self.index, self.linker, grid_key, row_id)

    def link_list(self, grid_key: str, rows: list, none: str) -> dict:
        id_key = GRIDS[grid_key].id_key
        return {"view": "link_list", "none": none,
                "links": [self.link(grid_key, row[id_key]) for row in rows]}

    def missing(self, grid_key: str, phrase: str) -> dict:
        """« Aucun besoin n'est encore inscrit. », and for the authors only:
        « Remplissez la grille « Besoins » (étape 3, fichier data/03-besoins.yml). »"""
        if not self.for_authors:
            return {"phrase": phrase, "file": ""}
        grid = GRIDS[grid_key]
        step = step_of(grid)
        return {"phrase": phrase, "title": grid.title, "href": self.linker.to_grid(grid_key),
                "step": step.number, "file": f"{self.folder}/{step.filename}"}

    def fiche(self, grid_key: str, row: dict, *, skip=(), lead=(), special=None,
              hide_empty: bool = False) -> list:
        """The fields of a row, as (label, cell) pairs: ``lead`` first, then every
        column of the catalog in order, except ``skip`` and columns not meant
        for the plan (``in_plan=False``). ``special``: {key: function(row) ->
        pairs} for fields shown their own way, at their place."""
        grid, special = GRIDS[grid_key], special or {}
        order = [grid.column(key) for key in lead]
        order += [c for c in grid.columns if c.key not in lead]
        pairs = []
        for column in order:
            if column.key in skip or not column.in_plan:
                continue
            if column.key in special:
                pairs += special[column.key](row)
            elif not ((hide_empty or column.note) and is_empty(raw_value(row, column.key))):
                pairs.append({"label": column.label,
                              "cell": cell(column, raw_value(row, column.key), self.cells)})
        return pairs

    def table(self, grid_key: str, rows: list, keys=()) -> dict:
        """A grid's rows as a table: every column meant for the plan, or ``keys``
        only. A row of an identified grid gets its anchor."""
        grid = GRIDS[grid_key]
        columns = ([grid.column(key) for key in keys] if keys
                   else shown_columns([c for c in grid.columns if c.in_plan], rows))
        table = self.columns_table(columns, rows)
        for view, row in zip(table["rows"], rows):
            view["anchor"] = anchor_for(row[grid.id_key]) if grid.identified else ""
        return table

    def columns_table(self, columns, rows: list) -> dict:
        """Rows as a table of ``columns`` (the first one as row headers)."""
        return {"headings": [c.label for c in columns],
                "numeric": [c.kind.numeric for c in columns],
                "rows": [{"anchor": "",
                          "cells": [cell(c, raw_value(row, c.key), self.cells) for c in columns]}
                         for row in rows]}


def summary_table(headings: list, rows: list, numeric: tuple = ()) -> dict:
    """A table of cells made for a page (the first cell of each row heads it),
    in the shape of ``PageContext.table``."""
    return {"headings": headings,
            "numeric": [heading in numeric for heading in headings],
            "rows": [{"anchor": "", "cells": cells} for cells in rows]}


def text(value: str) -> dict:
    return {"view": "text", "text": value}


def pair(label: str, view: dict) -> dict:
    return {"label": label, "cell": view}
