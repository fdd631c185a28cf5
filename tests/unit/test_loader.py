"""The loader (reading/loader.py): data read once per process, until a file changes."""

from __future__ import annotations

import os
import shutil

from conftest import FIXTURES
from macros.reading import loader


def test_data_is_read_once_until_a_file_changes(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", folder)
    monkeypatch.setenv(loader.DATA_ENV, str(folder))
    loader.clear_cache()
    first = loader.load(tmp_path)
    assert loader.load(tmp_path) is first
    path = folder / "03-besoins.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("priorite: 1", "priorite: 2", 1), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    second = loader.load(tmp_path)
    assert second is not first
    assert second.data["besoins"][0]["priorite"] != first.data["besoins"][0]["priorite"]
