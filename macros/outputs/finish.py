"""What a built site still needs before it is published: the PDFs, CNAME,
the open data, and Material's stylesheets cut down to what the pages use.

The engine writes the pages; these files come from the project itself
(telechargements/, data/territoire.yml's ``site_url``, the plan's data), so
they are written by a plain function that any engine's build can be followed
by: ``.venv/bin/pnt completer-site`` calls it after ``make site`` in the
publishing workflow, and the MkDocs hook (``macros.on_post_build``) calls it
too, so that ``mkdocs build`` and ``make apercu`` give a whole site as before.
Zensical runs no ``on_post_build``: without this step its site has no open
data, and its links to donnees/ are broken.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from . import opendata, publish, stylesheets

SITE_DIR = "site"  # mkdocs.yml's site_dir
HOME_PAGE = "index.html"  # what every engine writes first: the sign of a built site
BUILD_HINT = "construisez d'abord le site avec « make site »"


class SiteMissing(Exception):
    """The folder to complete is not a built site; the message says, in French,
    which folder and what to do."""


@dataclass(frozen=True)
class Finished:
    """What was added to the site, for the command's report."""
    downloads: list
    domain: Optional[str]
    open_data: int
    stylesheets: dict  # {Material's name: the subset's name}


def site_problem(site_dir: Path, shown: str) -> str:
    """Why ``site_dir`` cannot be completed, in French ("" : it can)."""
    site_dir = Path(site_dir)
    if site_dir.is_file():
        return f"{shown} est un fichier, pas le dossier du site : {BUILD_HINT}"
    if not site_dir.is_dir():
        return f"le dossier {shown}/ n'existe pas : {BUILD_HINT}"
    if not (site_dir / HOME_PAGE).is_file():
        return (f"le dossier {shown}/ ne contient pas de site construit (aucune page "
                f"{HOME_PAGE}) : {BUILD_HINT}")
    return ""


def site_url(loaded) -> str:
    """The site's address, as the build takes it (data/territoire.yml, site_url)."""
    territory = loaded.data.get("territoire") or {}
    return str(territory.get("site_url") or "")


def finish_site(root: Path, site_dir: Path, loaded, shown: str = SITE_DIR,
                cut_stylesheets: bool = True) -> Finished:
    """Copy the PDFs of telechargements/ into ``site_dir``, write CNAME for a
    custom domain, the open data under donnees/ (and the workbooks' sizes on
    the « Données ouvertes » page), and, unless ``cut_stylesheets`` is false
    (``mkdocs serve``, ``serving.py``), the subsets of Material's
    stylesheets (outputs/stylesheets.py), last, so that they are chosen from
    the finished pages.

    Raises ``SiteMissing`` when ``site_dir`` is not a built site, and
    ``files.WriteError`` when a file cannot be written."""
    problem = site_problem(site_dir, shown)
    if problem:
        raise SiteMissing(problem)
    downloads = publish.copy_downloads(Path(root), Path(site_dir))
    domain = publish.write_cname(Path(site_dir), site_url(loaded))
    files = opendata.files_for(loaded)
    opendata.write_files(Path(site_dir), files)
    opendata.fill_sizes(Path(site_dir), files)
    subsets = stylesheets.subset_site(Path(site_dir)) if cut_stylesheets else {}
    return Finished(downloads, domain, len(files), subsets)
