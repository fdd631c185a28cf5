"""The plan as one printable document, built from the same pages as the site.

The plan section of the site (the pages under ``docs/plan/`` listed in the
navigation) is rendered here exactly as MkDocs renders it: the Markdown
source goes through Jinja with the same macros (collected by running
``define_env`` on a small stand-in for mkdocs-macros' environment), then
through Python-Markdown with the extensions of ``mkdocs.yml``. Links between
pages become links inside the document, or plain text when their target is
not part of it. The workshop kit is built the same way from blank grids.
"""

from __future__ import annotations

import html as html_module
import posixpath
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlparse

import jinja2
import markdown
import yaml
from markupsafe import Markup

from ..pages import views
from ..pages.links import page_url, url_in
from ..pages.render import TEMPLATES, render_html
from ..pages.site import site_for
from ..plan import french
from ..plan.catalog import STEPS
from ..plan.model import TABLE
from ..reading import loader
from . import printing, publish

CSS = TEMPLATES / "document" / "document.css"
KIT_MEASURE_ROWS = 30  # more blank rows than a page holds: the kit is laid out once
#                       with these, then each grid keeps the rows its first page held


# --- the macros, as mkdocs-macros would give them -------------------------------------

@dataclass
class _Page:
    url: str


@dataclass
class _MacrosEnvironment:
    """Just enough of mkdocs-macros' ``env`` for ``define_env`` to register macros."""

    conf: dict
    page: _Page = field(default_factory=lambda: _Page(""))
    macros: dict = field(default_factory=dict)
    variables: dict = field(default_factory=dict)
    filters: dict = field(default_factory=dict)

    def macro(self, function, name: str = ""):
        self.macros[name or function.__name__] = function
        return function

    def filter(self, function, name: str = ""):
        self.filters[name or function.__name__] = function
        return function


def load_config(root: Path) -> dict:
    return yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))


def macros_environment(root: Path, config: dict, view=views.PUBLIC) -> _MacrosEnvironment:
    """The macros as a build of ``view`` gives them: the plan prints as its
    public site shows it (no help for authors), the kit as the guide does."""
    from .. import define_env

    conf = dict(config, config_file_path=str(root / "mkdocs.yml"), extra={},
                pnt_vue=view.name, pnt_imprime=True)
    conf.setdefault("use_directory_urls", True)
    env = _MacrosEnvironment(conf=conf)
    define_env(env)
    return env


# --- Markdown as MkDocs converts it --------------------------------------------------------

def _markdown_extensions(config: dict) -> tuple:
    names, settings = [], {}
    for entry in config.get("markdown_extensions") or []:
        if isinstance(entry, dict):
            (name, options), = entry.items()
            names.append(name)
            settings[name] = dict(options or {})
        else:
            names.append(entry)
    settings.setdefault("toc", {})["permalink"] = False  # no "¶" in print
    return names, settings


class _Converter:
    def __init__(self, env: _MacrosEnvironment, config: dict):
        self.env = env
        self.jinja = jinja2.Environment(undefined=jinja2.StrictUndefined)
        self.jinja.globals.update(env.macros)
        self.jinja.filters.update(env.filters)
        names, settings = _markdown_extensions(config)
        self.markdown = markdown.Markdown(extensions=names, extension_configs=settings)

    def page(self, source: str, url: str) -> str:
        """HTML of a Markdown page (with macros) as seen at ``url``."""
        self.env.page.url = url
        text = self.jinja.from_string(source).render()
        return self.html(text, url)

    def html(self, text: str, url: str) -> str:
        self.markdown.reset()
        return absolute_links(self.markdown.convert(text), url)


# --- links: site-relative first, then inside the document -----------------------------------

_HREF = re.compile(r'href="([^"]*)"')
_LINK = re.compile(r"<a\b([^>]*)>(.*?)</a>", re.DOTALL)
_ID = re.compile(r'\bid="([^"]+)"')


def _is_external(href: str) -> bool:
    parsed = urlparse(href)
    return bool(parsed.scheme or parsed.netloc)


def _site_path(href: str, current: str) -> str:
    """A relative link of the page at ``current`` as a site path (``plan/besoins/#b-01``)."""
    path, _, fragment = href.partition("#")
    if path.endswith(".md"):
        path = path[:-3] + "/"
    base = current if current.endswith("/") or not current else posixpath.dirname(current)
    if path:
        joined = posixpath.normpath(posixpath.join(base, path))
        target = "" if joined == "." else joined.rstrip("/") + "/"
    else:
        target = current
    return f"{target}#{fragment}" if fragment else target


def absolute_links(html: str, current: str) -> str:
    def replace(match):
        href = match.group(1)
        if _is_external(href) or href.startswith("mailto:"):
            return match.group(0)
        return f'href="/{_site_path(href, current)}"'
    return _HREF.sub(replace, html)


def internal_links(html: str, sections: dict, ids: set) -> str:
    """Site paths become anchors of the document; other links become text.

    ``sections``: {page URL: id of the section that prints it};
    ``ids``: every id of the document."""
    def replace(match):
        attributes, text = match.group(1), match.group(2)
        href = _HREF.search(attributes)
        if href is None or not href.group(1).startswith("/"):
            return match.group(0)
        path, _, fragment = href.group(1)[1:].partition("#")
        if fragment and fragment in ids:
            target = fragment
        elif not fragment and path in sections:
            target = sections[path]
        else:
            return f"<span>{text}</span>"
        new_href = f'href="#{target}"'
        return f"<a{_HREF.sub(new_href, attributes)}>{text}</a>"
    return _LINK.sub(replace, html)


# --- the documents ---------------------------------------------------------------------------

@dataclass
class Section:
    id: str
    title: str
    html: Markup
    entries: tuple = ()  # second level of the table of contents: {"id", "title"}


def _title_of(html: str, fallback: str) -> str:
    """The text of a page's first heading, as rendered (its title may be a macro)."""
    match = re.search(r"<h1\b[^>]*>(.*?)</h1>", html, re.DOTALL)
    if not match:
        return fallback
    return " ".join(html_module.unescape(re.sub(r"<[^>]+>", "", match.group(1))).split())


def _section_id(docs_path: str) -> str:
    return "section-" + re.sub(r"[^a-z0-9]+", "-", docs_path[:-3].lower()).strip("-")


def _unique_ids(sections: list) -> list:
    """Rename ids repeated across sections (the first keeps its name)."""
    seen = set()
    result = []
    for section in sections:
        def rename(match):
            name = match.group(1)
            if name in seen:
                number = 2
                while f"{name}-{number}" in seen:
                    number += 1
                name = f"{name}-{number}"
            seen.add(name)
            return f'id="{name}"'
        result.append(Section(section.id, section.title,
                              Markup(_ID.sub(rename, str(section.html)))))
    return result


def _finish(sections: list, page_of_section: dict) -> list:
    sections = _unique_ids(sections)
    ids = {s.id for s in sections}
    for section in sections:
        ids |= set(_ID.findall(str(section.html)))
    return [Section(s.id, s.title, Markup(internal_links(str(s.html), page_of_section, ids)))
            for s in sections]


def plan_sections(root: Path) -> list:
    """The plan section of the site, page by page, then the filled grids."""
    config = load_config(root)
    env = macros_environment(root, config)
    converter = _Converter(env, config)
    directory_urls = config.get("use_directory_urls", True)
    sections, page_of_section = [], {}
    for docs_path in views.plan_pages(config.get("nav") or []):
        source = (root / config.get("docs_dir", "docs") / docs_path).read_text(
            encoding="utf-8")
        url = url_in(views.PUBLIC, docs_path, directory_urls)
        section_id = _section_id(docs_path)
        page_of_section[url] = section_id
        html = converter.page(source, url)
        sections.append(Section(section_id, _title_of(html, docs_path), Markup(html)))
    annex = _annex(_site(root, directory_urls), converter, directory_urls)
    if annex is not None:
        sections.append(annex)
    return _for_print(_finish(_front_matter(sections), page_of_section))


def _front_matter(sections: list) -> list:
    """The forewords, then the page of the credits (« Qui a fait ce plan »), right
    after the contents; the forewords become a section of their own."""
    forewords, front, rest = [], [], []
    fronts = {_section_id(page) for page in printing.FRONT_PAGES}
    for section in sections:
        html, blocks = printing.split_front_matter(str(section.html))
        forewords += [Section(f"section-{b.id}", b.title, Markup(b.html)) for b in blocks]
        if blocks and printing.text_of(html) == printing.text_of(section.title):
            continue  # nothing left but its title
        (front if section.id in fronts else rest).append(
            Section(section.id, section.title, Markup(html)))
    return forewords + front + rest


def _for_print(sections: list) -> list:
    """Print marks (outputs/printing.py) and the contents' second level."""
    return [Section(s.id, s.title, Markup(printing.for_print(str(s.html))),
                    tuple(printing.contents_entries(str(s.html)))) for s in sections]


def _site(root: Path, directory_urls: bool, view=views.PUBLIC):
    """The Site that ``define_env`` built (cached by the loader and render)."""
    return site_for(loader.load(root), directory_urls, view)


def _annex(site, converter, directory_urls: bool):
    """Every filled grid of the ten steps not already shown by the plan pages."""
    parts = []
    for step in STEPS[1:]:
        url = page_url(step.page, directory_urls)
        grids = [g for g in step.grids
                 if site.index.rows(g.key) and g.page == step.page]
        if not grids:
            continue
        parts.append(f"## Étape {step.number} — {step.title}\n")
        parts += [site.grid(grid.key, url) for grid in grids]
    if not parts:
        return None
    body = "# Annexes : les grilles de la démarche\n\n" + "\n".join(parts)
    return Section("section-annexes", "Annexes : les grilles de la démarche",
                   Markup(converter.html(body, "annexes/")))


def kit_sections(root: Path, blank_rows: dict = None) -> list:
    """Every grid of the ten steps as a blank worksheet, one step per section.

    A blank table gets as many rows as fill its page: ``blank_rows`` ({grid key:
    rows}) if given, else as many as the PDF engine fits on the grid's first page
    (``kitfit.rows_on_first_page``)."""
    config = load_config(root)
    env = macros_environment(root, config, views.TEMPLATE)
    converter = _Converter(env, config)
    site = _site(root, config.get("use_directory_urls", True), views.TEMPLATE)
    measuring = blank_rows is None
    sections = []
    for step in STEPS[1:]:
        url = page_url(step.page, config.get("use_directory_urls", True))
        grids = "\n".join(
            site.grid(g.key, url, blank=True, blank_rows=KIT_MEASURE_ROWS if measuring
                      else blank_rows.get(g.key, 0))
            for g in step.grids)
        title = f"Étape {step.number} — {step.title}"
        # The title shares the page of the first grid: a landscape one if it is a table.
        page = " .pnt-etape--paysage" if step.grids[0].layout == TABLE else ""
        sections.append(Section(f"etape-{step.number}", title, Markup(converter.html(
            f"# {title} {{: .pnt-etape{page} }}\n\n{grids}", url))))
    sections = _finish(sections, {})
    if measuring:
        from .kitfit import rows_on_first_page

        rows = rows_on_first_page(document_html("trousse", {}, sections, date.today(), False))
        if rows is not None:
            return kit_sections(root, rows)
    return sections


def report_sections(root: Path, year: int) -> list:
    """The yearly report of ``year`` (its site page, printed): one section per
    part of the page (« L'année en bref », « Les projets »…), whose projects and
    indicators make the contents' second level."""
    config = load_config(root)
    env = macros_environment(root, config)
    converter = _Converter(env, config)
    docs_path = views.report_page(year)
    url = url_in(views.PUBLIC, docs_path, config.get("use_directory_urls", True))
    html = converter.page(views.report_source(year), url)
    sections = [Section(f"section-{part.id}", part.title, Markup(part.html))
                for part in printing.split_sections(html)]
    return _for_print(_finish(sections, {url: sections[0].id} if sections else {}))


# --- file names, the whole HTML document ----------------------------------------------------

def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "territoire"


def plan_filename(territory: dict, today: date) -> str:
    name = slug(territory.get("nom") or "territoire")
    adopted = territory.get("statut") == "adopté" and territory.get("date_adoption")
    published = territory.get("statut") == "publié" and territory.get("date_publication")
    if adopted:
        version = territory["date_adoption"].iso
    elif published:
        version = territory["date_publication"].iso
    elif territory.get("statut") == "brouillon":
        version = f"brouillon-{today.isoformat()}"
    else:  # published on a date not known, or a status not known
        version = f"version-{today.isoformat()}"
    return f"plan-numerique-{name}-{version}.pdf"


def report_filename(year: int) -> str:
    return f"{publish.REPORT_PREFIX}{year}.pdf"


def kit_filename(territory: dict) -> str:
    return f"trousse-atelier-{slug(territory.get('nom') or 'territoire')}.pdf"


def _french_date(day: date) -> str:
    return french.date(day.year, day.month, day.day)


def _plan_cover_lines(territory: dict, today: date) -> list:
    lines = []
    period = french.plan_years(territory.get("periode_debut"), territory.get("periode_fin"))
    if period:
        lines.append("Période " + period)
    status = territory.get("statut")
    if status == "publié":
        published = territory.get("date_publication")
        lines.append((f"Publié {french.on_date(published)}" if published else "Publié")
                     + " (adoption non précisée)")
    elif status == "adopté":
        adopted = territory.get("date_adoption")
        line = f"Adopté {french.on_date(adopted)}" if adopted else "Adopté"
        if territory.get("resolution"):
            line += f" (résolution {territory['resolution']})"
        lines.append(line)
    elif status == "brouillon":
        lines.append(f"Projet de plan, non adopté — version du {_french_date(today)}")
    else:  # a status written « inconnu »: nothing is said of an adoption
        lines.append(f"Version du {_french_date(today)}")
    return lines


def _report_cover(territory: dict, name: str, report) -> dict:
    lines = []
    period = french.plan_years(territory.get("periode_debut"), territory.get("periode_fin"))
    lines.append("Plan numérique territorial" + (f", période {period}" if period else ""))
    lines.append(f"Situation au {report.reference.french}" if report.in_progress
                 else f"Situation au 31 décembre {report.year}")
    return {"title": f"Rapport annuel {report.year} — {name}", "look": "plan",
            "kind": f"Rapport annuel {report.year}", "territory": name, "author": name,
            "description": f"Reddition de comptes {report.year} du plan numérique "
                           f"territorial : projets, indicateurs, financement, ajustements.",
            "lines": lines}


def cover(kind: str, territory: dict, today: date, report=None) -> dict:
    """What the cover says: the territory, the period, the status (``report``:
    the plan/yearly.YearReport of a yearly report)."""
    name = territory.get("nom") or "Territoire à préciser"
    if kind == "rapport":
        return _report_cover(territory, name, report)
    if kind == "trousse":
        return {"title": f"Trousse d'atelier — {name}", "look": "trousse",
                "kind": "Trousse d'atelier : les grilles à remplir", "territory": name,
                "author": name, "description": "Les grilles vierges des dix étapes "
                "du plan numérique territorial, à imprimer pour les ateliers.",
                "lines": [f"Version du {_french_date(today)}"]}
    return {"title": f"Plan numérique territorial — {name}", "look": "plan",
            "kind": "Plan numérique territorial", "territory": name, "author": name,
            "description": territory.get("description") or "Plan numérique territorial",
            "slogan": str(territory.get("slogan") or ""),
            "lines": _plan_cover_lines(territory, today)}


def document_html(kind: str, territory: dict, sections: list, today: date,
                  fictional: bool, logo: str = "", report=None) -> str:
    """The HTML given to the PDF engine (``kind``: "plan", "rapport" or "trousse";
    ``logo``: a ``data:`` address, printing.cover_logo; ``report``: the
    YearReport of a yearly report)."""
    return render_html("document/document.html", kind=kind,
                       cover=cover(kind, territory, today, report), sections=sections,
                       fictional=fictional, logo=logo,
                       css=Markup(CSS.read_text(encoding="utf-8")))
