"""The site's façade: everything the macros ask for, for one data set.

``Site`` holds the loaded data, its index and the link settings, and turns
each request of a page (a grid, a plan page, a chart, a download link) into
a complete view rendered by a template. One ``Site`` is kept per loaded
data set (``site_for``), so its indexes are built once while the files do
not change, however often MkDocs, ``mkdocs serve`` or Zensical ask.
"""

from __future__ import annotations

from functools import cached_property

from markupsafe import Markup

from ..commands import typed
from ..plan.catalog import GRIDS
from ..plan.index import PlanIndex
from ..plan.progress import step_progress
from .grids import grid_view, unknown_grid
from .links import Linker, PortableLinker
from .plan.common import PageContext
from .plan.diagnosis import diagnosis_view
from .plan.about import about_view
from .plan.credits import header_view, team_view
from .plan.follow_up import follow_up_view
from .plan.home import home_view
from .plan.indicators import indicators_view
from .plan.needs import needs_view, traceability_view
from .plan.projects import projects_view
from .render import as_markdown, render, render_html, templates_state
from .steps import kit_view, progress_view
from .story import step_numbers as story_steps, story_index_view, story_view
from . import views

# The plan's pages: macro name -> (view builder, template).
PLAN_PAGES = {
    "plan_diagnostic": (diagnosis_view, "plan/diagnosis.html"),
    "plan_besoins": (needs_view, "plan/needs.html"),
    "plan_projets": (projects_view, "plan/projects.html"),
    "plan_indicateurs": (indicators_view, "plan/indicators.html"),
    "plan_tracabilite": (traceability_view, "plan/traceability.html"),
}
FOLLOW_UP_CHARTS = ("projets", "echeancier", "bilan_indicateurs")
DOWNLOADS = {  # the PDFs a page can offer: (what, of what, the command that writes it)
    "plan": ("le plan", "du plan", typed("pdf")),
    "trousse": ("la trousse d'atelier", "de la trousse d'atelier", typed("trousse")),
}


class Site:
    """Everything the macros need for one build: data, indexes, settings."""

    today = None  # reference date of the charts; None: from the data (followup.py)

    def __init__(self, loaded, directory_urls: bool = True, view=views.TEMPLATE):
        self.loaded = loaded
        self.directory_urls = directory_urls
        self.view = view
        self.index = PlanIndex(loaded.data)
        self._drawn = {}  # what _drawn_once made: HTML with portable links

    def linker(self, page_url: str) -> Linker:
        return Linker(page_url, self.directory_urls, self.view)

    def context(self, page_url: str) -> PageContext:
        return PageContext(self.index, self.linker(page_url), self.loaded.shown)

    @cached_property
    def steps(self) -> list:
        """How far each step has gone: computed once per data set, not per page
        (the home, the progress page, the démarche and every chart ask)."""
        return step_progress(self.index, self.loaded.shown, self.loaded.warnings)

    # --- grids of the chapters -------------------------------------------------

    def grid(self, key: str, page_url: str, blank: bool = False,
             blank_rows: int = 0) -> str:
        """A grid of a chapter. ``blank``: an empty worksheet whatever the data
        (the workshop kit), with ``blank_rows`` empty rows if given."""
        if key not in GRIDS:
            raise unknown_grid(key)

        def grid_html(linker: Linker) -> str:
            view = grid_view(GRIDS[key], self.index, linker, self.loaded.shown,
                             blank, blank_rows, for_authors=self.view.for_authors)
            return render_html("grid/grid.html", g=view)

        return as_markdown(self._drawn_once(("grille", key, blank, blank_rows), page_url,
                                            grid_html))

    def _drawn_once(self, key: tuple, page_url: str, make) -> str:
        """HTML shown on several pages (a chart on the plan, its step's chapter
        and the follow-up; a grid on its chapter and on the démarche): made
        once per data set by ``make(linker)`` with its links written from the
        site's root (``PortableLinker``), then relinked for the page at
        ``page_url``: the same HTML as if made for that page."""
        if key not in self._drawn:
            self._drawn[key] = make(PortableLinker("", self.directory_urls, self.view))
        return self.linker(page_url).relink(self._drawn[key])

    # --- the plan, for citizens ------------------------------------------------

    def plan_page(self, name: str, page_url: str) -> str:
        build, template = PLAN_PAGES[name]
        return render(template, v=build(self.context(page_url)))

    def presentation(self, page_url: str) -> str:
        view = home_view(self.context(page_url), self.steps)
        return render("plan/home.html", v=view)

    def title(self) -> str:
        """The home's title: the territory's name (« Le plan numérique » until given)."""
        territory = self.index.record("territoire") or {}
        return str(territory.get("nom") or "Le plan numérique")

    def team(self, page_url: str) -> str:
        return render("plan/team.html", v=team_view(self.context(page_url)))

    def about(self, page_url: str) -> str:
        return render("plan/about.html", v=about_view(self.context(page_url)))

    def story(self, number: int, page_url: str) -> str:
        """How the territory lived a step (1 to 10), or the ten steps (0)."""
        if number == 0:
            return render("plan/story_index.html", v=story_index_view(self, page_url))
        if number not in story_steps():
            raise KeyError(f"étape inconnue « {number} » (de 1 à 10, ou 0 pour toutes)")
        return render("plan/story.html", v=story_view(self, number, page_url))

    def header(self, page_url: str) -> str:
        """Under the plan's title: its slogan and its original document."""
        return render("plan/header.html", v=header_view(self.context(page_url)))

    def progress(self, page_url: str) -> str:
        view = progress_view(self.linker(page_url), self.steps)
        return render("plan/progress.html", v=view)

    def kit(self, page_url: str) -> str:
        return render("plan/kit.html", v=kit_view(self.linker(page_url)))

    def download(self, kind: str, root, page_url: str) -> str:
        """A link to the plan's PDF or the workshop kit, or why there is none yet."""
        from ..outputs import publish

        if kind not in DOWNLOADS:
            raise KeyError(f"téléchargement inconnu « {kind} » (plan ou trousse)")
        prefix = publish.PLAN_PREFIX if kind == "plan" else publish.KIT_PREFIX
        found = publish.download(root, prefix)
        name, of, command = DOWNLOADS[kind]
        href = self.linker(page_url).to_file(found["path"]) if found else ""
        return render("plan/download.html", v={
            "file": found, "href": href, "name": name, "of": of, "command": command,
            "for_authors": self.view.for_authors,
            "open_data": self.linker(page_url).to_page(views.OPEN_DATA_PAGE)
            if kind == "plan" else ""})

    # --- charts and the follow-up page ----------------------------------------------

    def chart_context(self, page_url: str):
        return self._chart_context(self.linker(page_url))

    def _chart_context(self, linker: Linker):
        from ..charts import ChartContext
        from ..plan import followup

        return ChartContext(self.index, followup.reference_date(self.index, self.today),
                            linker, self.steps,
                            PageContext(self.index, linker, self.loaded.shown))

    def chart(self, name: str, page_url: str, ident=None) -> str:
        """A chart: inline SVG, its text alternative and its data as a table."""
        return as_markdown(self._chart_html(name, ident, page_url))

    def _chart_html(self, name: str, ident, page_url: str) -> str:
        from .. import charts

        return self._drawn_once(
            ("graphique", name, ident, self.today), page_url,
            lambda linker: charts.chart_html(charts.build(name, self._chart_context(linker),
                                                          ident)))

    def follow_up(self, page_url: str) -> str:
        """The « Suivi du plan » page: charts, latest report, what changed since."""
        from .. import charts

        context = self.chart_context(page_url)
        rendered = {name: Markup(as_markdown(self._chart_html(name, None, page_url)))
                    for name in FOLLOW_UP_CHARTS}
        view = follow_up_view(context.page, context.reference, rendered,
                              charts.follow_up_phrases(context))
        return render("plan/follow_up.html", v=view)

    def updates(self, page_url: str) -> str:
        """« À mettre à jour »: per responsible, what is out of date (plan/updates.py)
        as of today in a territory's preview (its authors read it to know what to
        do now), as of the data's reference date on the template's site (the
        fictional example must not age)."""
        import datetime

        from ..plan import followup
        from .updates import updates_view

        today = self.today
        if today is None and self.view.is_preview:
            today = datetime.date.today()
        reference = followup.reference_date(self.index, today)
        return render("plan/updates.html",
                      v=updates_view(self.context(page_url), reference))


    # --- the yearly reports -----------------------------------------------------------

    def year_report(self, year=None):
        """The report of ``year`` (plan/yearly.py), once per data set and year."""
        from ..plan import yearly

        year = yearly.chosen_year(self.index, year)
        return self.loaded.derived(("rapport", year),
                                   lambda: yearly.year_report(self.index, year))

    def annual_report(self, year: int, root, page_url: str, printing: bool = False) -> str:
        """« Rapport annuel ANNÉE »: the year's report, its charts at the year's end
        (``printing``: for its PDF, without the link to download it)."""
        from .. import charts
        from ..charts.indicator import indicator
        from ..outputs import publish
        from .plan.annual_report import annual_report_view

        report = self.year_report(year)
        page = PageContext(report.at, self.linker(page_url), self.loaded.shown)
        context = charts.ChartContext(report.at, report.reference, page.linker,
                                      self.steps, page)
        rendered = {i.state.id: Markup(charts.render_chart(indicator(context, i.state)))
                    for i in report.indicators}
        found = (None if printing
                 else publish.download(root, f"{publish.REPORT_PREFIX}{report.year}."))
        download = dict(found, href=page.linker.to_file(found["path"])) if found else None
        return render("plan/annual_report.html",
                      v=annual_report_view(page, report, rendered, download))


def site_for(loaded, directory_urls: bool = True, view=views.TEMPLATE) -> Site:
    """The one Site of a loaded data set and view: built once, kept with the
    data; a template edited while served (``make apercu``) makes a new one,
    since a Site keeps the HTML it drew (``_drawn_once``)."""
    return loaded.derived(("site", directory_urls, view.name, templates_state()),
                          lambda: Site(loaded, directory_urls, view))
