"""The one file writer (outputs/files.py): atomic, and every output gets the
same permissions, whatever wrote it."""

from __future__ import annotations

import os
import stat

import pytest

from macros.outputs.files import write_atomically
from macros.spreadsheet.export import write_workbook
from macros.plan.catalog import empty_plan


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_yaml_workbook_and_bytes_get_the_same_permissions(tmp_path):
    mask = os.umask(0o022)
    try:
        write_atomically(tmp_path / "a.yml", "territoire:\n")
        write_atomically(tmp_path / "b.pdf", b"%PDF-1.7")
        write_workbook(tmp_path / "c.xlsx", empty_plan())
    finally:
        os.umask(mask)
    assert {_mode(tmp_path / name) for name in ("a.yml", "b.pdf", "c.xlsx")} == {0o644}


def test_a_failed_write_leaves_the_old_file_and_no_temporary_one(tmp_path, monkeypatch):
    target = tmp_path / "plan.yml"
    target.write_text("ancien\n", encoding="utf-8")

    def refuse(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError):
        write_atomically(target, "nouveau\n")
    assert target.read_text(encoding="utf-8") == "ancien\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.yml"]


def test_text_is_written_in_utf8_with_unix_line_ends(tmp_path):
    write_atomically(tmp_path / "x.yml", "Côte-Nord\r\n")
    assert (tmp_path / "x.yml").read_bytes() == "Côte-Nord\r\n".encode("utf-8")
    write_atomically(tmp_path / "y.yml", "a\nb\n")
    assert (tmp_path / "y.yml").read_bytes() == b"a\nb\n"
