"""Building the regional site: read every territory, write the pages, build
them with MkDocs and Material (the plans' own look: French, both palettes,
no script needed, no outside request), add the combined open data, then put
the site in place.

The site is built beside the output folder and moved in only when complete:
an interrupted or failed run leaves the previous regional site as it was. An
output folder that holds something else is never emptied.
"""

from __future__ import annotations

import datetime
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..outputs import stylesheets
from ..pages.render import render
from ..pages.safe import escape_value
from ..plan import french
from ..plan.values import fold
from . import pages, summary
from .combined import FOLDER, combined_files
from .packages import Refusal, read_source, slug

MARKER = ".vue-regionale"  # in the output: this folder is a regional site
HOOKS = Path(__file__).resolve().parent.parent / "hooks"
DEFAULT_TITLE = "Plans numériques territoriaux — vue régionale"


class RegionError(Exception):
    """The regional site cannot be built or put in place; the message is French."""


@dataclass
class Result:
    territories: list
    refusals: list
    files: int  # combined open data files


def read_all(sources: list) -> tuple:
    """(territories, refusals) of ``sources``: (path, name as given) pairs; a
    second package of the same territory is refused."""
    territories, refusals, seen = [], [], {}
    for path, shown in sources:
        result = read_source(Path(path), shown)
        if isinstance(result, Refusal):
            refusals.append(result)
            continue
        key = slug(result.name)  # its page's address: one territory per address
        if key in seen:
            refusals.append(Refusal(shown, f"même territoire ({result.name}) que "
                                           f"{seen[key]} : un seul dossier par territoire."))
            continue
        seen[key] = shown
        territories.append(result)
    territories.sort(key=lambda t: fold(t.name))
    return territories, refusals


# --- the pages -----------------------------------------------------------------------------

def _page(title: str, template: str, view: dict) -> str:
    """A page: its title (a territory's name comes from its data: escaped) and
    its template's output."""
    heading = escape_value(french.typeset(title))
    return f"# {heading}\n\n" + render(f"region/{template}", v=view)


def page_texts(territories: list, refusals: list, today: datetime.date,
               title: str) -> dict:
    """{Markdown path: text} of every page."""
    views = [summary.territory_view(t, today) for t in territories]
    regions = summary.regions(views)
    texts = {
        pages.HOME: _page(title, "home.html", pages.home(views, regions, refusals)),
        pages.NEEDS: _page("Besoins", "needs.html", pages.needs(views)),
        pages.PROJECTS: _page("Projets", "projects.html", pages.projects(views)),
        pages.INDICATORS: _page("Indicateurs", "indicators.html", pages.indicators(views)),
        pages.TERRITORIES: _page("Territoires", "territories.html",
                                 pages.territories_index(views)),
        pages.OPEN_DATA: "",  # written once the combined files are known
    }
    for region in regions:
        texts[pages.region_page(region)] = _page(
            region.name, "home.html", pages.home(views, regions, refusals, region))
    for view in views:
        here = pages.territory_page(view)
        texts[here] = _page(view.name, "territory.html", pages.territory(view, here))
    return texts


def open_data_page(files: list, count: int) -> str:
    rows = [[pages.text(name, f"../{FOLDER}/{name}"), pages.text(title),
             pages.number(rows) if name.endswith(".csv") else pages.text("—"),
             pages.text(french.size(len(content)))]
            for name, content, rows, title in files]
    view = {
        "intro": f"Les données ouvertes des {french.count(count, 'territoire', 'territoires')} "
                 "réunies grille par grille : chaque fichier CSV a une première colonne "
                 "« territoire », puis les colonnes que publie chaque territoire.",
        "files": pages.Table("Les fichiers", ["Fichier", "Contenu", "Lignes", "Taille"],
                             rows, [False, False, True, True]),
        "format": "Même format que les données de chaque plan : UTF-8, point-virgule "
                  "entre les colonnes, virgule décimale. datapackage.json décrit chaque "
                  "fichier (types, clés) pour les logiciels qui lisent les paquets "
                  "Frictionless. Chaque territoire garde la licence de ses données.",
    }
    return _page("Données ouvertes", "open_data.html", view)


# --- MkDocs -------------------------------------------------------------------------------

FEATURES = ["navigation.indexes", "navigation.top", "navigation.footer"]


def _theme(root: Path) -> dict:
    """The plans' own theme (mkdocs.yml: palettes, language, system fonts,
    overrides), with the regional site's navigation features."""
    config = root / "mkdocs.yml"
    try:
        theme = dict(yaml.safe_load(config.read_text(encoding="utf-8"))["theme"])
    except (OSError, yaml.YAMLError, KeyError, TypeError):
        raise RegionError(f"{config} est introuvable ou illisible : lancer la commande "
                          "depuis le dossier du gabarit (ou --racine).") from None
    theme["features"] = list(FEATURES)
    if theme.get("custom_dir"):
        theme["custom_dir"] = str(root / theme["custom_dir"])
    return theme


def _config(title: str, root: Path, docs: Path, site: Path) -> dict:
    css = root / "docs" / "assets" / "pnt.css"
    theme = _theme(root)
    return {
        "site_name": title, "docs_dir": str(docs), "site_dir": str(site), "strict": True,
        "theme": theme, "plugins": [],
        "extra_css": ["assets/pnt.css"] if css.is_file() else [],
        "markdown_extensions": ["attr_list", "tables",
                                {"toc": {"permalink": True,
                                         "permalink_title": "Lien vers cette section"}}],
        "hooks": [str(HOOKS / "material_fixes.py")],
        "nav": [{label: path} for label, path in pages.NAV],
        "validation": {"nav": {"omitted_files": "info"}},
    }


def _build(config_file: Path) -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's English banner
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    try:
        build(load_config(str(config_file)))
    except (Abort, ConfigurationError) as error:
        raise RegionError(f"le site n'a pu être construit ({error}).") from None


def _write_docs(docs: Path, texts: dict, root: Path) -> None:
    for path, text in texts.items():
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    css = root / "docs" / "assets" / "pnt.css"
    if css.is_file():
        (docs / "assets").mkdir(exist_ok=True)
        shutil.copyfile(css, docs / "assets" / "pnt.css")


def _check_output(output: Path) -> None:
    if output.exists() and not output.is_dir():
        raise RegionError(f"{output} est un fichier : donner un dossier de sortie.")
    if output.is_dir() and any(output.iterdir()) and not (output / MARKER).exists():
        raise RegionError(f"{output} contient déjà autre chose qu'une vue régionale : "
                          "choisir un dossier vide ou nouveau (rien n'a été effacé).")


def _put_in_place(built: Path, output: Path) -> None:
    """Replace ``output`` by ``built`` (same disk): the old site goes only once
    the new one is there."""
    old = output.with_name(f".{output.name}.ancien")
    if old.exists():
        shutil.rmtree(old)
    if output.exists():
        output.rename(old)
    try:
        built.rename(output)
    except OSError:
        if old.exists():
            old.rename(output)
        raise
    if old.exists():
        shutil.rmtree(old)


def build_region(output: Path, sources: list, root: Path, today: datetime.date = None,
                 title: str = "") -> Result:
    """The regional site of ``sources`` in ``output``."""
    output, root = Path(output).resolve(), Path(root).resolve()
    _check_output(output)
    today = today or datetime.date.today()
    title = title or DEFAULT_TITLE
    territories, refusals = read_all(sources)
    output.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{output.name}.", dir=output.parent))
    try:
        docs, site = work / "docs", work / "site"
        texts = page_texts(territories, refusals, today, title)
        files = combined_files(territories)
        texts[pages.OPEN_DATA] = open_data_page(files, len(territories))
        _write_docs(docs, texts, root)
        config_file = work / "mkdocs.yml"
        config_file.write_text(yaml.safe_dump(_config(title, root, docs, site),
                                              allow_unicode=True), encoding="utf-8")
        _build(config_file)
        (site / FOLDER).mkdir(exist_ok=True)
        for name, content, _, _ in files:
            (site / FOLDER / name).write_bytes(content)
        stylesheets.subset_site(site)  # Material's stylesheets cut to what is used
        (site / MARKER).write_text("Vue régionale des plans numériques territoriaux : "
                                   "ce dossier est remplacé à chaque construction.\n",
                                   encoding="utf-8")
        _put_in_place(site, output)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return Result(territories, refusals, len(files))

