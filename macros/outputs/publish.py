"""What publishing adds to the built site: downloads (PDF) and a custom domain.

``pnt pdf`` and ``pnt trousse`` write their PDF in ``telechargements/``; the
site links to them with their size and copies them into the built site. A
territory that gives ``site_url`` with its own domain gets a ``CNAME`` file
(used by hosts that read it, and by GitHub Pages when it publishes from a
branch); GitHub Pages publishing through Actions also needs the domain typed
once in Settings › Pages (see docs/publier.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional
from urllib.parse import urlparse

from ..plan.french import size
from .files import write_atomically

DOWNLOADS = "telechargements"
PLAN_PREFIX = "plan-numerique-"
KIT_PREFIX = "trousse-atelier-"
REPORT_PREFIX = "rapport-annuel-"  # one PDF per year: rapport-annuel-2026.pdf


def downloads_folder(root: Path) -> Path:
    return Path(root) / DOWNLOADS


def latest(root: Path, prefix: str) -> Optional[Path]:
    folder = downloads_folder(root)
    if not folder.is_dir():
        return None
    candidates = sorted(folder.glob(f"{prefix}*.pdf"), key=lambda p: p.stat().st_mtime)
    return candidates[-1] if candidates else None


def keep_only(path: Path, prefix: str) -> None:
    """Remove older files of the same kind, so the site never offers a stale PDF."""
    for other in path.parent.glob(f"{prefix}*.pdf"):
        if other != path:
            other.unlink()


def download(root: Path, prefix: str) -> Optional[dict]:
    """The file a page links to, with its size, or None when it was not produced."""
    path = latest(root, prefix)
    if path is None:
        return None
    return {"name": path.name, "size": size(path.stat().st_size),
            "path": f"{DOWNLOADS}/{path.name}"}


def copy_downloads(root: Path, site_dir: Path) -> list:
    """Copy the PDFs into the built site (the plan's, the kit's, each year's
report); return their names."""
    copied = []
    for prefix in (PLAN_PREFIX, KIT_PREFIX):
        path = latest(root, prefix)
        if path is not None:
            write_atomically(Path(site_dir) / DOWNLOADS / path.name, path.read_bytes(),
                             durable=False)
            copied.append(path.name)
    folder = downloads_folder(root)
    for path in sorted(folder.glob(f"{REPORT_PREFIX}*.pdf")) if folder.is_dir() else ():
        write_atomically(Path(site_dir) / DOWNLOADS / path.name, path.read_bytes(),
                         durable=False)
        copied.append(path.name)
    return copied


def custom_domain(site_url: str) -> Optional[str]:
    """The host to put in CNAME, unless the site lives on github.io."""
    if not site_url:
        return None
    host = urlparse(str(site_url)).hostname or ""
    if not host or host.endswith(".github.io"):
        return None
    return host


def write_cname(site_dir: Path, site_url: str) -> Optional[str]:
    host = custom_domain(site_url)
    if host is not None:
        write_atomically(Path(site_dir) / "CNAME", host + "\n", durable=False)
    return host
