"""The three sites one repository builds, chosen by the data, never by editing
``mkdocs.yml``.

- **The template's site** (``data/`` empty): the guide and the fictional
  example, with the navigation of ``mkdocs.yml``.
- **A territory's public site** (``data/`` holds a plan; ``mkdocs build``, the
  publishing workflow): the plan first, then the démarche as the territory
  lived it, its open data and « À propos ». No page, menu entry or sentence
  meant for authors.
- **The author's preview** (``make apercu``, which sets ``PNT_APERCU=1``): the
  territory's site, plus the help to fill each grid, the warnings, what is
  still missing, and the whole guide.

``mkdocs.yml`` declares the template's navigation; the territory's is
derived from it here (the plan's section, the open data page) and from the
catalog (one page per step). The MkDocs hook ``macros/hooks/views.py``
applies it: the navigation in ``on_config``, the pages in ``on_files``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from ..plan.catalog import STEPS

PREVIEW_ENV = "PNT_APERCU"  # set by « make apercu »
PLAN_SECTION = "Le plan numérique"  # the section of mkdocs.yml's nav that is the plan
PLAN_HOME = "plan/index.md"  # a territory's home page
GUIDE_HOME = "index.md"  # the template's home page; the guide's, in the preview
GUIDE_HOME_URL = "guide/"  # where the preview serves it
OPEN_DATA_PAGE = "donnees-ouvertes.md"
ABOUT_PAGE = "a-propos.md"
PROGRESS_PAGE = "avancement.md"
UPDATES_PAGE = "a-mettre-a-jour.md"  # for the plan's authors only
STORY_INDEX = "demarche/index.md"
FOLLOW_UP_PAGE = "plan/suivi.md"
FOLLOW_UP_TITLE = "Où en est le plan"  # its entry, once it heads the yearly reports
REPORT_PAGE = "plan/rapport-annuel-{}.md"  # made from the data (select_files)
REPORT_TITLE = "Rapport annuel {}"
EDITOR_HELP_PAGE = "modifier-dans-le-navigateur.md"  # the guide's page on the /admin/ editor
# Pages of a territory's site only (the template's site has no territory to tell).
TERRITORY_PAGES = (ABOUT_PAGE, STORY_INDEX) + tuple(
    step.story_page for step in STEPS if step.number)


@dataclass(frozen=True)
class View:
    name: str  # « gabarit », « public », « apercu »
    territory: bool  # a territory's own site (public or preview)
    for_authors: bool  # the help, the warnings, what is missing

    @property
    def is_preview(self) -> bool:
        return self.territory and self.for_authors


TEMPLATE = View("gabarit", territory=False, for_authors=True)
PUBLIC = View("public", territory=True, for_authors=False)
PREVIEW = View("apercu", territory=True, for_authors=True)
VIEWS = {view.name: view for view in (TEMPLATE, PUBLIC, PREVIEW)}


def choose(is_example: bool, environ=None) -> View:
    """The template's site while the data is the example; else the territory's
    site, public unless the preview was asked for."""
    if is_example:
        return TEMPLATE
    environ = os.environ if environ is None else environ
    return PREVIEW if environ.get(PREVIEW_ENV, "") not in ("", "0") else PUBLIC


def for_build(conf, is_example: bool) -> View:
    """The view of this build: the one a document asks for (the plan's PDF is
    printed as its public site shows it), or the one the data chooses."""
    asked = conf.get("pnt_vue")
    return VIEWS[asked] if asked in VIEWS else choose(is_example)


# --- where a page is served ------------------------------------------------------------

def served_at(view: View, docs_path: str) -> str | None:
    """The URL (without directory URLs' trailing part) a page moves to in this
    view, or None when it stays where MkDocs puts it."""
    if not view.territory:
        return None
    if docs_path == PLAN_HOME:
        return ""
    if docs_path == GUIDE_HOME:
        return GUIDE_HOME_URL
    return None


# --- the navigation of each view --------------------------------------------------------

def _entry_pages(entry) -> list:
    """Every page of a navigation entry (a path, {title: path} or {title: [...]})."""
    if isinstance(entry, str):
        return [entry]
    pages = []
    for value in entry.values():
        for item in (value if isinstance(value, list) else [value]):
            pages += _entry_pages(item)
    return pages


def nav_pages(nav: list) -> list:
    return [page for entry in nav for page in _entry_pages(entry)]


def plan_section(nav: list) -> list:
    """The plan's section of the template's navigation, as declared."""
    for entry in nav:
        if isinstance(entry, dict) and PLAN_SECTION in entry:
            return list(entry[PLAN_SECTION])
    return []


def plan_pages(nav: list) -> list:
    """The pages of the plan, home first (the PDF prints them in this order)."""
    return [page for item in plan_section(nav) for page in _entry_pages(item)]


def _story_section() -> list:
    return [STORY_INDEX] + [{step.numbered_title: step.story_page}
                            for step in STEPS if step.number]


def _titled(nav: list, page: str, fallback: str) -> dict:
    """The entry of ``page`` with the title mkdocs.yml gives it."""
    for entry in nav:
        if isinstance(entry, dict):
            for title, value in entry.items():
                if value == page:
                    return {title: page}
    return {fallback: page}


def territory_nav(template_nav: list, view: View) -> list:
    """A territory's navigation: the plan first, then how it was made."""
    plan = [item for item in plan_section(template_nav) if item != PLAN_HOME]
    nav = [
        {"Accueil": PLAN_HOME},
        {"Le plan": plan},
        {"La démarche": _story_section()},
        _titled(template_nav, OPEN_DATA_PAGE, "Données ouvertes"),
        {"À propos": ABOUT_PAGE},
    ]
    if view.for_authors:
        nav.append({"Pour l'équipe du plan": [
            _titled(template_nav, PROGRESS_PAGE, "Avancement de la démarche"),
            _titled(template_nav, UPDATES_PAGE, "À mettre à jour"),
            _titled(template_nav, EDITOR_HELP_PAGE, "Modifier le plan dans le navigateur"),
            {"Le guide": _guide(template_nav)},
        ]})
    return nav


def _guide(template_nav: list) -> list:
    """The template's navigation without the plan, the open data and the
    progress pages (those are the territory's): the guide, home first."""
    territory_pages = set(plan_pages(template_nav)) | {OPEN_DATA_PAGE, PROGRESS_PAGE,
                                                       UPDATES_PAGE, EDITOR_HELP_PAGE}
    guide = []
    for entry in template_nav:
        pages = _entry_pages(entry)
        if territory_pages.isdisjoint(pages):
            guide.append({"Accueil du guide": GUIDE_HOME} if pages == [GUIDE_HOME]
                         else entry)
    return guide


def nav_for(view: View, template_nav: list, report_years=()) -> list:
    """The view's navigation; each year's report (``report_years``, newest
    first) is listed under « Suivi du plan »."""
    nav = template_nav if not view.territory else territory_nav(template_nav, view)
    return with_reports(nav, report_years) if report_years else nav


def pages_for(view: View, template_nav: list, report_years=()) -> set:
    """The Markdown pages this view builds: exactly those of its navigation."""
    return set(nav_pages(nav_for(view, template_nav, report_years)))


# --- the yearly reports: pages made from the data ------------------------------------------

def report_page(year: int) -> str:
    return REPORT_PAGE.format(year)


def report_entries(years) -> list:
    return [{REPORT_TITLE.format(year): report_page(year)} for year in years]


def with_reports(nav: list, years) -> list:
    """``nav`` with the « Suivi du plan » entry made a section: the page, then
    each year's report."""
    result = []
    for entry in nav:
        if isinstance(entry, dict):
            entry = {title: _with_reports_in(title, value, years)
                     for title, value in entry.items()}
        result.append(entry)
    return result


def _with_reports_in(title: str, value, years):
    if value == FOLLOW_UP_PAGE:
        return [{FOLLOW_UP_TITLE: FOLLOW_UP_PAGE}] + report_entries(years)
    if isinstance(value, list):
        return with_reports(value, years)
    return value


def report_source(year: int) -> str:
    """The Markdown of a report's page: its title and its macro."""
    return f"# {REPORT_TITLE.format(year)}\n\n{{{{ rapport_annuel({year}) }}}}\n"


# --- the files MkDocs builds ------------------------------------------------------------

def _editor_files(config, with_help: bool) -> dict:
    """The browser editor under /admin/ (``cms/admin.py``), in every view."""
    from ..cms import admin

    editor = config["extra"]["pnt_editeur"]
    return admin.files(editor["depot"], editor["titre"], editor["adresse"],
                       with_help=with_help)


def select_files(files, config):
    """Add a page for each year's report, keep the pages of the view's
    navigation (every other file stays), and move the pages a territory
    serves elsewhere (its home is its plan)."""
    from mkdocs.structure.files import File

    view = VIEWS[config["extra"]["pnt_vue"]]
    for year in config["extra"].get("pnt_rapports") or ():
        files.append(File.generated(config, report_page(year),
                                    content=report_source(year)))
    wanted = set(nav_pages(config["nav"]))
    for uri, source in _editor_files(config, EDITOR_HELP_PAGE in wanted).items():
        if isinstance(source, str):
            files.append(File.generated(config, uri, content=source))
        else:
            files.append(File.generated(config, uri, abs_src_path=str(source)))
    for file in list(files):
        if not file.is_documentation_page():
            continue
        if file.src_uri not in wanted:
            files.remove(file)
            continue
        moved = served_at(view, file.src_uri)
        if moved is not None:
            files.remove(file)
            files.append(File(file.src_uri, file.src_dir, file.dest_dir,
                              file.use_directory_urls, dest_uri=moved + "index.html"))
    return files
