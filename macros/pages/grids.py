"""The view of a grid of the démarche: the territory's rows, or a blank worksheet.

A grid is laid out as its catalog declaration says (``Grid.layout``): a
table, one card per row for the widest grids, or one card for a record.
Every row of an identified grid links back to what cites it.
"""

from __future__ import annotations

from collections import defaultdict

from ..plan.catalog import GRIDS, step_of
from ..plan.model import LIST, anchor_for, raw_value
from ..spreadsheet.layout import column_width
from .cells import CellContext, cell, link, links_cell, shown_columns


def _cited_by(index, linker, grid_key: str, row_id) -> list:
    """Links to what cites a row: each identified row, or its grid and a count."""
    links, counts = [], defaultdict(int)
    for grid, row in index.citing(grid_key, row_id):
        if grid.id_prefix:
            links.append(link(index, linker, grid.key, row[grid.id_key], labelled=False))
        else:
            counts[grid.key] += 1
    for key, count in counts.items():
        links.append({"href": linker.to_grid(key), "id": GRIDS[key].title,
                      "label": f"({count})", "note": ""})
    return links


def _caption(grid, row: dict, position: int) -> str:
    """« Projets prioritaires : P-01 — Fibre », or « Avant-propos 2 » for a row
    with neither id nor label (never « None »)."""
    row_id = row.get(grid.id_key) if grid.identified else None
    label = row.get(grid.label_key) if grid.label_key else None
    named = [str(part) for part in dict.fromkeys((row_id, label)) if part not in (None, "")]
    if named:
        return f"{grid.title} : {' — '.join(named)}"
    return f"{grid.title} {position}"


def _row_view(grid, columns, row: dict, context: CellContext, position: int = 1) -> dict:
    row_id = row.get(grid.id_key) if grid.identified else None
    caption = _caption(grid, row, position)
    cited = (_cited_by(context.index, context.linker, grid.key, row_id)
             if row_id is not None else [])
    return {
        "anchor": anchor_for(row_id) if row_id is not None else "",
        "caption": caption,
        "cited_by": links_cell(cited),
        "cells": [{"label": c.label, "cell": cell(c, raw_value(row, c.key), context)}
                  for c in columns],
    }


def _field_help(column) -> dict:
    return {"key": column.key, "label": column.label, "help": column.help,
            "required": column.required, "choices": [str(c) for c in column.choices],
            "fields": [_field_help(sub) for sub in column.columns]}


def fill_help(grid, file: str) -> dict:
    """« Comment remplir la grille » : the file, the YAML key, each field."""
    where = ("une ligne par élément, qui commence par un tiret" if grid.shape == LIST
             else "un seul bloc de champs")
    return {"title": grid.title, "file": file, "key": grid.key, "where": where,
            "fields": [_field_help(c) for c in grid.columns]}


def writing_widths(columns) -> list:
    """Each column's share of a blank worksheet's width (percent), from the kind
    of its field: the width the workbook gives it (``kind.sheet_width``)."""
    widths = [column_width(c) for c in columns]
    return [round(100 * w / sum(widths), 1) for w in widths]


def grid_view(grid, index, linker, folder: str, blank: bool = False,
              blank_rows: int = 0, for_authors: bool = True) -> dict:
    """A grid of a chapter. ``blank``: an empty worksheet whatever the data (the
    workshop kit), with ``blank_rows`` empty rows (by default the grid's own
    number), its columns as wide as their kind of field needs. ``for_authors``:
    with « Comment remplir la grille »; a citizen sees the grid's name alone."""
    rows = [] if blank else index.rows(grid.key)
    columns = shown_columns(grid.columns, rows)
    context = CellContext(index, linker)
    file = f"{folder}/{step_of(grid).filename}"
    return {
        "key": grid.key,
        "name": f"Grille {grid.number} — {grid.title}" if for_authors else grid.title,
        "aria": f"Grille {grid.number} : {grid.title}" if for_authors else grid.title,
        "title": grid.title,
        "purpose": grid.purpose,
        "headings": [{"label": c.label, "help": c.help, "kind": c.kind.name}
                     for c in columns],
        "widths": writing_widths(columns) if blank else [],
        "layout": grid.layout,
        "blank": not rows,
        "blank_rows": blank_rows or grid.blank_rows,
        "cited": bool(rows) and index.is_cited(grid.key),
        "rows": [_row_view(grid, columns, row, context, position)
                 for position, row in enumerate(rows, start=1)],
        "help": fill_help(grid, file) if for_authors else None,
    }


def unknown_grid(key: str) -> KeyError:
    known = ", ".join(GRIDS)
    return KeyError(f"grille inconnue « {key} » ; grilles existantes : {known}")
