"""Render grids and plan pages with the Jinja templates of ``templates/``.

Autoescape is on and every printed value goes through ``escape_value``, so
data never becomes markup. Undefined names fail loudly (``StrictUndefined``).
The output is Markdown made of raw HTML blocks and Markdown headings (so
headings reach the table of contents and the PDF's bookmarks).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2

from . import model, views
from .catalog import GRIDS, step_of
from .progress import DONE, step_progress, summary as progress_summary
from .safe import escape_value

TEMPLATES = Path(__file__).parent / "templates"
WIDE_GRID = 8  # above this many columns, rows are shown as cards ("fiches")


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=escape_value,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["pourcentage"] = views.format_percent
    env.globals["nombre"] = views.count_phrase
    return env


def as_markdown(text: str) -> str:
    """Compact raw HTML so Markdown keeps it as blocks; keep headings apart.

    Blank lines and indentation inside raw HTML could make Markdown end a
    block early or read a code block, so every line is stripped and blank
    lines are kept only around Markdown headings (lines starting with #).
    Data never starts a line with # (it is escaped to &#35;).
    """
    blocks, current = [], []
    for line in (raw.strip() for raw in text.splitlines()):
        if not line:
            continue
        if line.startswith("#"):
            if current:
                blocks.append("\n".join(current))
                current = []
            blocks.append(line)
            continue
        current.append(line)
    if current:
        blocks.append("\n".join(current))
    return "\n\n".join(blocks) + "\n"


def render(template: str, **context) -> str:
    return as_markdown(environment().get_template(template).render(**context))


class Site:
    """Everything the macros need for one build: data, indexes, settings."""

    def __init__(self, loaded, directory_urls: bool = True):
        self.loaded = loaded
        self.directory_urls = directory_urls
        self.index = views.PlanIndex(loaded.data)

    def linker(self, page_url: str) -> views.Linker:
        return views.Linker(page_url, self.directory_urls)

    def data_file(self, grid) -> str:
        return f"{self.loaded.shown}/{step_of(grid).filename}"

    def common(self, page_url: str) -> dict:
        return {
            "lien": self.linker(page_url),
            "index": self.index,
            "territoire": self.index.record("territoire"),
            "dossier": self.loaded.shown,
            "etapes": views.steps_with_grids(),
            "grilles": GRIDS,
            "fichier": self.data_file,
        }

    # --- grids of the chapters -------------------------------------------------

    def grid(self, key: str, page_url: str, blank: bool = False,
             blank_rows: int = 0) -> str:
        """A grid of a chapter. ``blank``: an empty worksheet whatever the data
        (the workshop kit), with ``blank_rows`` empty rows if given."""
        grid = GRIDS.get(key)
        if grid is None:
            known = ", ".join(GRIDS)
            raise KeyError(f"grille inconnue « {key} » ; grilles existantes : {known}")
        linker = self.linker(page_url)
        context = self.common(page_url)
        context["g"] = self._grid_view(grid, linker, blank, blank_rows)
        return render("grille.html", **context)

    def _grid_view(self, grid, linker, blank: bool = False, blank_rows: int = 0) -> dict:
        rows = [] if blank else self.index.rows(grid.key)
        layout = "fiche" if grid.shape == model.RECORD else (
            "fiches" if len(grid.columns) > WIDE_GRID else "tableau")
        step = step_of(grid)
        return {
            "grid": grid,
            "step": step,
            "cited": bool(rows) and self.index.is_cited(grid.key),
            "number": f"{step.number}.{step.grids.index(grid) + 1}",
            "layout": layout,
            "blank": not rows,
            "blank_rows": max(blank_rows, grid.blank_rows),
            "rows": [self._row_view(grid, row, linker) for row in rows],
            "file": self.data_file(grid),
        }

    def _row_view(self, grid, row: dict, linker) -> dict:
        row_id = row.get(grid.id_key) if grid.identified else None
        label = row.get(grid.label_key) if grid.label_key else None
        return {
            "cited_by": (self.index.cited_by(grid.key, row_id, linker)
                         if row_id is not None else []),
            "anchor": model.anchor_for(row_id) if row_id is not None else "",
            "id": row_id,
            "label": label if label != row_id else None,
            "cells": [{"column": c,
                       "cell": views.cell(c, row.get(c.key), self.index, linker)}
                      for c in grid.columns],
        }

    # --- the plan, for citizens ------------------------------------------------

    def page(self, template: str, page_url: str, **extra) -> str:
        context = self.common(page_url)
        context.update(extra)
        context["vues"] = _PlanViews(self, self.linker(page_url))
        return render(template, **context)

    def presentation(self, page_url: str) -> str:
        progress = step_progress(self.index, self.loaded)
        missing = [p for p in progress if p["status"] != DONE]
        return self.page("plan_presentation.html", page_url, manquants=missing)

    def download(self, kind: str, root, page_url: str) -> str:
        """A link to the plan's PDF or the workshop kit, or why there is none yet."""
        from . import publish

        prefixes = {"plan": publish.PLAN_PREFIX, "trousse": publish.KIT_PREFIX}
        if kind not in prefixes:
            raise KeyError(f"téléchargement inconnu « {kind} » (plan ou trousse)")
        found = publish.download(root, prefixes[kind])
        href = relative_download(found["path"], page_url) if found else ""
        return render("telechargement.html", genre=kind, fichier=found, lien=href)

    def progress(self, page_url: str) -> str:
        context = self.common(page_url)
        context["avancement"] = step_progress(self.index, self.loaded)
        context["bilan"] = progress_summary(context["avancement"])
        return render("avancement.html", **context)

    # --- charts and the follow-up page (chart_views.py, followup.py) ------------

    today = None  # reference date of the charts; None: from the data (followup.py)

    def chart_context(self, page_url: str):
        from . import chart_views, followup

        return chart_views.ChartContext(
            self.index, followup.reference_date(self.index, self.today),
            self.linker(page_url), self.loaded)

    def chart(self, name: str, page_url: str, ident=None) -> str:
        """A chart: inline SVG, its text alternative and its data as a table."""
        from . import chart_views

        view = chart_views.build(name, self.chart_context(page_url), ident)
        return self.page(view["gabarit"], page_url, g=view)

    def follow_up(self, page_url: str) -> str:
        """The « Suivi du plan » page: charts, latest report, what changed since."""
        from markupsafe import Markup

        from . import chart_views

        def graphique(name: str):
            return Markup(self.chart(name, page_url))

        extra = chart_views.dashboard(self.chart_context(page_url))
        return self.page("suivi.html", page_url, graphique=graphique, **extra)


class _PlanViews:
    """Helpers the plan templates call: cells of one field, related rows."""

    def __init__(self, site: Site, linker: views.Linker):
        self.site = site
        self.index = site.index
        self.linker = linker

    def cellule(self, grid_key: str, row: dict, field: str, labelled: bool = True):
        column = GRIDS[grid_key].column(field)
        return views.cell(column, row.get(field), self.index, self.linker, labelled)

    def texte(self, grid_key: str, row: dict, field: str) -> str:
        return views.plain_text(GRIDS[grid_key].column(field), row.get(field))

    def colonne(self, grid_key: str, field: str):
        return GRIDS[grid_key].column(field)

    def ancre(self, row_id) -> str:
        return model.anchor_for(row_id)

    def lien(self, grid_key: str, row_id, labelled: bool = True) -> dict:
        return self.index.reference(grid_key, row_id, self.linker, labelled)

    def lien_grille(self, grid_key: str) -> str:
        return self.linker.to_grid(grid_key)

    def lien_page(self, docs_path: str, anchor: str = "") -> str:
        return self.linker.to_page(docs_path, anchor)

    def projets_du_besoin(self, need_id) -> list:
        return sorted(self.index.projects_by_need.get(need_id, []),
                      key=views.project_order)

    def pistes_du_besoin(self, need_id) -> list:
        return self.index.pistes_by_need.get(need_id, [])

    def indicateurs_du_projet(self, project_id) -> list:
        return self.index.indicators_by_project.get(project_id, [])

    def indicateurs_du_besoin(self, need_id) -> list:
        return self.index.indicators_of_need(need_id)

    def mesures(self, indicator_id) -> list:
        return self.index.measures_by_indicator.get(indicator_id, [])

    def programmation(self, project_id) -> list:
        return self.index.programming_by_project.get(project_id, [])

    def projets_de_l_orientation(self, orientation_id) -> list:
        return self.index.projects_by_orientation.get(orientation_id, [])

    def besoins_par_priorite(self) -> list:
        needs = sorted(self.index.rows("besoins"),
                       key=lambda b: (b.get("priorite") or 9, str(b.get("id"))))
        return needs

    def total_population(self) -> str:
        total = sum(m.get("population") or 0 for m in self.index.rows("municipalites"))
        return views.format_number(total) if total else ""

    def financement_total(self, project: dict, status=None) -> str:
        lines = project.get("financement") or []
        chosen = [f["montant"] for f in lines if status is None or f["statut"] in status]
        if not chosen:
            return ""
        low = sum(a.low for a in chosen)
        high = sum(a.high for a in chosen)
        return views.Amount(low, high).french

    def periode(self, row: dict, start_key: str, end_key: str) -> str:
        text = views.period_text(row.get(start_key), row.get(end_key))
        return text[:1].upper() + text[1:] if text else "Non précisé"

    def etape_de(self, grid_key: str):
        return step_of(GRIDS[grid_key])


def relative_download(path: str, page_url: str):
    """A file of the built site (``telechargements/x.pdf``) as seen from a page."""
    from markupsafe import Markup

    return Markup(views.relative_url(path, page_url))


_SITES: dict = {}


def site_for(loaded, directory_urls: bool = True) -> Site:
    """One Site (and its indexes) per loaded data set, reused across calls.

    Zensical calls ``define_env`` for every page: the data is cached by the
    loader, and the indexes built over it are cached here.
    """
    key = (id(loaded), directory_urls)
    cached = _SITES.get(key)
    if cached is None or cached.loaded is not loaded:
        _SITES.clear()
        cached = _SITES[key] = Site(loaded, directory_urls)
    return cached
