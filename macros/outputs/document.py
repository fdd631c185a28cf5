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

from ..pages.links import page_url
from ..pages.render import TEMPLATES, render_html
from ..pages.site import site_for
from ..plan import french
from ..plan.catalog import STEPS
from ..reading import loader

PLAN_SECTION = "Le plan numérique"  # the navigation section printed as the plan
CSS = TEMPLATES / "document" / "document.css"
KIT_BLANK_ROWS = 12  # rows of a blank list grid in the printed kit


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


def macros_environment(root: Path, config: dict) -> _MacrosEnvironment:
    from .. import define_env

    conf = dict(config, config_file_path=str(root / "mkdocs.yml"), extra={})
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


def _nav_pages(config: dict, section_title: str) -> list:
    for entry in config.get("nav") or []:
        if isinstance(entry, dict) and section_title in entry:
            pages = []
            for item in entry[section_title]:
                pages.append(item if isinstance(item, str) else next(iter(item.values())))
            return pages
    return []


def _title_of(source: str, fallback: str) -> str:
    match = re.search(r"^# (.+)$", source, re.MULTILINE)
    return match.group(1).strip() if match else fallback


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
    for docs_path in _nav_pages(config, PLAN_SECTION):
        source = (root / config.get("docs_dir", "docs") / docs_path).read_text(
            encoding="utf-8")
        url = page_url(docs_path, directory_urls)
        section_id = _section_id(docs_path)
        page_of_section[url] = section_id
        sections.append(Section(section_id, _title_of(source, docs_path),
                                Markup(converter.page(source, url))))
    annex = _annex(_site(root, directory_urls), converter, directory_urls)
    if annex is not None:
        sections.append(annex)
    return _finish(sections, page_of_section)


def _site(root: Path, directory_urls: bool):
    """The Site that ``define_env`` built (cached by the loader and render)."""
    return site_for(loader.load(root), directory_urls)


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


def kit_sections(root: Path) -> list:
    """Every grid of the ten steps as a blank worksheet, one step per section."""
    config = load_config(root)
    env = macros_environment(root, config)
    converter = _Converter(env, config)
    site = _site(root, config.get("use_directory_urls", True))
    sections = []
    for step in STEPS[1:]:
        url = page_url(step.page, config.get("use_directory_urls", True))
        grids = "\n".join(site.grid(g.key, url, blank=True, blank_rows=KIT_BLANK_ROWS)
                          for g in step.grids)
        title = f"Étape {step.number} — {step.title}"
        sections.append(Section(f"etape-{step.number}", title,
                                Markup(converter.html(f"# {title}\n\n{grids}", url))))
    return _finish(sections, {})


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


def kit_filename(territory: dict) -> str:
    return f"trousse-atelier-{slug(territory.get('nom') or 'territoire')}.pdf"


def _french_date(day: date) -> str:
    return french.date(day.year, day.month, day.day)


def _plan_cover_lines(territory: dict, today: date) -> list:
    lines = [str(territory["slogan"])] if territory.get("slogan") else []
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


def cover(kind: str, territory: dict, today: date) -> dict:
    """What the cover says: the territory, the period, the status."""
    name = territory.get("nom") or "Territoire à préciser"
    if kind == "trousse":
        return {"title": f"Trousse d'atelier — {name}",
                "kind": "Trousse d'atelier : les grilles à remplir", "territory": name,
                "author": name, "description": "Les grilles vierges des dix étapes "
                "du plan numérique territorial, à imprimer pour les ateliers.",
                "lines": [f"Version du {_french_date(today)}"]}
    return {"title": f"Plan numérique territorial — {name}",
            "kind": "Plan numérique territorial", "territory": name, "author": name,
            "description": territory.get("description") or "Plan numérique territorial",
            "lines": _plan_cover_lines(territory, today)}


def document_html(kind: str, territory: dict, sections: list, today: date,
                  fictional: bool) -> str:
    """The HTML given to the PDF engine (``kind``: "plan" or "trousse")."""
    return render_html("document/document.html", kind=kind,
                       cover=cover(kind, territory, today), sections=sections,
                       fictional=fictional, css=Markup(CSS.read_text(encoding="utf-8")))
