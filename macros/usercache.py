"""The user's own cache folder, where builds keep what they would otherwise
redo in every new process (compiled templates, parsed stylesheets).

Never a shared folder: what is read back from it is trusted. A folder that
cannot be created or written gives ``None``, and the build then simply does
the work again.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Optional

CACHE_NAME = "plan-numerique-territorial"


def _user_cache() -> Path:
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")


def cache_folder(kind: str) -> Optional[Path]:
    """The folder of one kind of cached things, created private; None if it
    cannot be."""
    folder = _user_cache() / CACHE_NAME / kind
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not os.access(folder, os.W_OK):
            return None
    except OSError:
        return None
    return folder
