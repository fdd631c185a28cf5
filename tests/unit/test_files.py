"""The one file writer (outputs/files.py): one file or several, all or
nothing, a French cause on failure, and every output gets the same
permissions, whatever wrote it."""

from __future__ import annotations

import errno
import os
import stat

import pytest

from support import full_disk_at

from macros.outputs.files import WriteError, write_all, write_atomically
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
    with pytest.raises(WriteError, match="disque plein"):
        write_atomically(target, "nouveau\n")
    assert target.read_text(encoding="utf-8") == "ancien\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.yml"]


def test_text_is_written_in_utf8_with_unix_line_ends(tmp_path):
    write_atomically(tmp_path / "x.yml", "Côte-Nord\r\n")
    assert (tmp_path / "x.yml").read_bytes() == "Côte-Nord\r\n".encode("utf-8")
    write_atomically(tmp_path / "y.yml", "a\nb\n")
    assert (tmp_path / "y.yml").read_bytes() == b"a\nb\n"


# --- several files: all or none -----------------------------------------------------------

NAMES = ("03-besoins.yml", "06-projets-prioritaires.yml", "09-mise-en-oeuvre.yml")


@pytest.fixture()
def three_files(tmp_path) -> dict:
    """Three files of a plan, and the new content of each, plus one new file."""
    for name in NAMES:
        (tmp_path / name).write_text(f"ancien {name}\n", encoding="utf-8")
    changes = {tmp_path / name: f"nouveau {name}\n" for name in NAMES}
    changes[tmp_path / "10-evaluation-reddition.yml"] = "nouveau fichier\n"
    return changes


def _folder(path) -> dict:
    return {p.name: p.read_bytes() for p in sorted(path.iterdir())}


def test_every_file_is_written(three_files, tmp_path):
    write_all(three_files)
    assert {p.name: p.read_text(encoding="utf-8") for p in three_files} == {
        p.name: text for p, text in three_files.items()}
    assert len(list(tmp_path.iterdir())) == 4


def test_a_protected_second_file_changes_none(three_files, tmp_path):
    second = tmp_path / NAMES[1]
    second.chmod(0o444)
    before = _folder(tmp_path)
    with pytest.raises(WriteError) as raised:
        write_all(three_files)
    assert (raised.value.path, raised.value.cause) == (second, "fichier protégé en écriture")
    assert _folder(tmp_path) == before


def test_a_rename_failing_midway_restores_what_was_replaced(three_files, tmp_path,
                                                            monkeypatch):
    before = _folder(tmp_path)
    real_replace, calls = os.replace, []

    def replace(source, target):
        calls.append(target)
        if len(calls) == 3:  # the first two files are already replaced
            raise OSError(errno.EIO, "Input/output error")
        return real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(WriteError) as raised:
        write_all(three_files)
    monkeypatch.undo()
    assert raised.value.path == tmp_path / NAMES[2]
    assert raised.value.cause == "erreur de lecture ou d'écriture du disque"
    assert _folder(tmp_path) == before


def test_a_full_disk_while_writing_changes_none(three_files, tmp_path, monkeypatch):
    before = _folder(tmp_path)
    full_disk_at(monkeypatch, 2, tmp_path)
    with pytest.raises(WriteError, match="disque plein") as raised:
        write_all(three_files)
    assert raised.value.path == tmp_path / NAMES[1]
    assert _folder(tmp_path) == before


def test_a_full_disk_while_writing_a_build_s_files_changes_none(three_files, tmp_path,
                                                                monkeypatch):
    """Without waiting for the disk (``durable=False``, the built site), a
    full disk is still reported and nothing is half written."""
    before = _folder(tmp_path)
    full_disk_at(monkeypatch, 3, tmp_path)
    with pytest.raises(WriteError, match="disque plein") as raised:
        write_all(three_files, durable=False)
    assert raised.value.path == tmp_path / NAMES[2]
    assert _folder(tmp_path) == before


def test_a_folder_named_like_the_file(tmp_path):
    (tmp_path / "03-besoins.yml").mkdir()
    with pytest.raises(WriteError, match="un dossier porte ce nom"):
        write_all({tmp_path / "03-besoins.yml": "x\n", tmp_path / "autre.yml": "y\n"})
    assert not (tmp_path / "autre.yml").exists()


def test_a_replaced_file_keeps_its_permissions(tmp_path):
    target = tmp_path / "plan.yml"
    target.write_text("ancien\n", encoding="utf-8")
    target.chmod(0o640)
    write_atomically(target, "nouveau\n")
    assert _mode(target) == 0o640


def test_an_unexpected_cause_is_named_by_its_code(tmp_path, monkeypatch):
    def refuse(*args):
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(WriteError) as raised:
        write_atomically(tmp_path / "x.yml", "x\n")
    assert raised.value.cause == "erreur du système (EXDEV)"
