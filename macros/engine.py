"""What differs between the engines that build the site: MkDocs, ProperDocs
(a MkDocs 1.x fork) and Zensical (Material's successor).

The macros need the project folder (data/, exemple/, telechargements/).
MkDocs and ProperDocs give the configuration file's path in
``config_file_path``; Zensical 0.0.73 has no such key (reading it was the
crash of its first build) but gives the configuration's folder as
``root_dir``. Every caller takes the root from ``project_root``, so a new
engine is one more case here, not a hunt through the hooks.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")


def project_root(conf, cwd: Optional[Path] = None) -> Path:
    """The project folder: that of the configuration file when the engine says
    where it is; else the current folder when it holds mkdocs.yml; else the
    parent of ``docs_dir``; else the current folder."""
    here = Path(cwd) if cwd is not None else Path.cwd()
    config_path = _get(conf, "config_file_path")
    if config_path:
        return Path(config_path).resolve().parent
    root_dir = _get(conf, "root_dir")
    if root_dir:
        return (here / root_dir).resolve()
    if any((here / name).is_file() for name in CONFIG_NAMES):
        return here.resolve()
    docs_dir = _get(conf, "docs_dir")
    if docs_dir:
        return (here / docs_dir).resolve().parent
    return here.resolve()


def _get(conf, key: str):
    """``conf[key]``, or None: MkDocs' config object and a plain dict both answer
    ``get``, and a missing key must not raise (Zensical's KeyError)."""
    try:
        return conf.get(key)
    except (KeyError, AttributeError):
        return None
