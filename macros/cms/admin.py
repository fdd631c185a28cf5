"""The files of ``/admin/``: the editor's page, its configuration, the CMS.

The page loads only files of the site itself: the CMS (``sveltia/``, as
published on npm), the script that keeps it from calling other origins
(``offline.js``) and the configuration generated from the catalog
(``config.py``). Its Content-Security-Policy allows no other origin but
GitHub's API, which the CMS reads and writes the repository through, and
GitHub's avatars. It is kept out of search engines by its ``noindex``
(a ``robots.txt`` would not do: on a project site at
``owner.github.io/repo/``, crawlers read only the host's, and a page they may
not fetch is one whose ``noindex`` they never see); the site's search index
and sitemap only hold the theme's pages, so it is in neither.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from ..pages.render import render_html
from .config import Backend, config_text

FOLDER = "admin"
VENDOR = Path(__file__).resolve().parent / "sveltia"
CMS_SCRIPT = "sveltia-cms.js"
OFFLINE_SCRIPT = "hors-ligne.js"
LOCALE = "locales/fr.json"
FONTS = "polices"  # the CMS's three fonts, each with its licence
HELP_PAGE = "modifier-dans-le-navigateur/"
# The site's icon, the theme's, as on every page of the site. A page that
# declares none when it has loaded gets the browser's request for
# /favicon.ico at the root of the host: outside the site (on a project site,
# the host's), not found; the CMS adds its own icon only once its
# configuration is read.
ICON = "../assets/images/favicon.png"
# The version of sveltia/ (pinned in package.json; tests/unit/test_cms.py checks
# that both say the same and that the files are the package's).
SVELTIA_VERSION = "0.221.1"

POLICY = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",  # the CMS's components set their styles
    "img-src 'self' data: blob: https://avatars.githubusercontent.com",
    "connect-src 'self' https://api.github.com",
    "font-src 'self' data:",
    "worker-src 'self' blob:",
    "frame-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
))

_GITHUB_REMOTE = re.compile(r"github\.com[:/]([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+?)(?:\.git)?/?$")
_REPO = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")


def repository(root: Path, environ=None) -> str:
    """``owner/name`` of the GitHub repository, or "" when it is not known:
    GitHub Actions says it (GITHUB_REPOSITORY); else the ``origin`` remote."""
    environ = os.environ if environ is None else environ
    given = environ.get("GITHUB_REPOSITORY", "").strip()
    if _REPO.match(given):
        return given
    try:
        remote = subprocess.run(["git", "-C", str(root), "remote", "get-url", "origin"],
                                capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""
    found = _GITHUB_REMOTE.search(remote)
    return found.group(1) if found else ""


def page_html(title: str, version: str, ready: bool, with_help: bool) -> str:
    """The editor's page; ``with_help``: the site has the guide's page on it
    (the template's site and the preview; a territory's public site has no
    authoring help)."""
    return render_html("cms/admin.html", title=f"Modifier le plan — {title}",
                       policy=POLICY, version=version, ready=ready, icon=ICON,
                       cms_script=CMS_SCRIPT,
                       offline_script=OFFLINE_SCRIPT,
                       help_url=f"../{HELP_PAGE}" if with_help else "") + "\n"


def files(repo: str, title: str, site_url: str, with_help: bool = False,
          version: str = SVELTIA_VERSION) -> dict:
    """{path in the site: text, or the Path of a file to copy}."""
    ready = bool(repo)
    result = {
        f"{FOLDER}/index.html": page_html(title, version, ready, with_help),
    }
    if not ready:
        return result
    result.update({
        f"{FOLDER}/config.yml": config_text(Backend(repo), title, site_url),
        f"{FOLDER}/{CMS_SCRIPT}": VENDOR / CMS_SCRIPT,
        f"{FOLDER}/{LOCALE}": VENDOR / LOCALE,
        f"{FOLDER}/{OFFLINE_SCRIPT}": Path(__file__).resolve().parent / "offline.js",
    })
    for font in sorted((VENDOR / FONTS).iterdir()):
        result[f"{FOLDER}/{FONTS}/{font.name}"] = font
    return result
