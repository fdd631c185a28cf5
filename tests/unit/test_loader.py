"""The loader (reading/loader.py): data read once per process, until a file changes."""

from __future__ import annotations

import codecs
import contextlib
import importlib.util
import os
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml

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


def _save(path: Path, old: str, new: str) -> None:
    """An author's save: the text changed, the file's time moved on."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def test_after_a_save_only_the_saved_file_is_read_again(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", folder)
    monkeypatch.setenv(loader.DATA_ENV, str(folder))
    loader.clear_cache()
    read = []
    read_yaml = loader.read_yaml
    monkeypatch.setattr(loader, "read_yaml",
                        lambda path, shown: read.append(path.name) or read_yaml(path, shown))
    first = loader.load(tmp_path)
    assert "03-besoins.yml" in read and "territoire.yml" in read
    read.clear()
    _save(folder / "03-besoins.yml", "priorite: 1", "priorite: 2")
    second = loader.load(tmp_path)
    assert read == ["03-besoins.yml"]
    assert [b["priorite"] for b in second.data["besoins"]][0] == 2
    assert second.data["territoire"] == first.data["territoire"]
    # The checks across files see the saved file: a project citing a need
    # that no longer exists is an error again.
    _save(folder / "03-besoins.yml", "id: B-01", "id: B-91")
    third = loader.load(tmp_path)
    assert any("B-01" in str(p) for p in third.errors)
    assert not any("B-01" in str(p) for p in second.errors)


def test_a_file_that_becomes_unreadable_is_reported_after_a_save(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", folder)
    monkeypatch.setenv(loader.DATA_ENV, str(folder))
    loader.clear_cache()
    assert not loader.load(tmp_path).errors
    _save(folder / "03-besoins.yml", "besoins:", "besoins: [")
    messages = [str(p) for p in loader.load(tmp_path).errors]
    assert any(m.startswith("data/03-besoins.yml") for m in messages)
    _save(folder / "03-besoins.yml", "besoins: [", "besoins:")
    assert not loader.load(tmp_path).errors


def test_a_file_that_could_not_be_read_is_read_again_once_it_can_be(tmp_path, monkeypatch):
    # Another program holding the file, or a disk error, ends without the
    # file changing: saving another file must show the first one again.
    import errno

    folder = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", folder)
    monkeypatch.setenv(loader.DATA_ENV, str(folder))
    loader.clear_cache()
    read_bytes = Path.read_bytes

    def busy(path):
        if path.name == "03-besoins.yml":
            raise OSError(errno.EBUSY, "Device or resource busy", str(path))
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", busy)
    assert any(str(p).startswith("data/03-besoins.yml") for p in loader.load(tmp_path).errors)
    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    _save(folder / "territoire.yml", "nom:", "nom:")
    again = loader.load(tmp_path)
    assert not again.errors
    assert again.data["besoins"]


# --- data folders as a file system leaves them -------------------------------------------------

FOLDER_CASES_DIR = FIXTURES / "dossiers"


def _folder_cases():
    spec = importlib.util.spec_from_file_location("cas_dossiers", FOLDER_CASES_DIR / "cas.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.CASES


FOLDER_CASES = _folder_cases()
FOLDER_EXPECTED = yaml.safe_load((FOLDER_CASES_DIR / "attendus.yml").read_text(
    encoding="utf-8"))


@contextlib.contextmanager
def ordinary_user():
    """Read as an ordinary user: the administrator (CI runs as root) may read
    any file, whatever its permissions."""
    if os.geteuid() != 0:
        yield
        return
    # What the loader imports on first use, imported while Python's own folders
    # are still readable (a test worker may not have imported them yet).
    codecs.lookup("utf-8-sig")
    os.seteuid(65534)  # nobody
    try:
        yield
    finally:
        os.seteuid(0)


@pytest.fixture()
def shared_folder():
    """A folder an ordinary user may enter (pytest's own are the owner's only)."""
    folder = Path(tempfile.mkdtemp(prefix="pnt-dossier-"))
    folder.chmod(0o755)
    yield folder
    for path in folder.rglob("*"):
        if not path.is_symlink():
            path.chmod(0o755 if path.is_dir() else 0o644)
    shutil.rmtree(folder)


def test_each_folder_case_has_its_expected_messages():
    assert sorted(FOLDER_CASES) == sorted(FOLDER_EXPECTED)


@pytest.mark.parametrize("name", sorted(FOLDER_CASES))
def test_folder_case_messages(name, shared_folder):
    folder = shared_folder / "data"
    shutil.copytree(FIXTURES / "minimal", folder)
    FOLDER_CASES[name](folder)
    with ordinary_user():
        loaded = loader.load_folder(folder, "data")
    expected = FOLDER_EXPECTED[name]
    assert sorted(str(p) for p in loaded.errors) == sorted(expected.get("erreurs") or [])
    assert sorted(str(p) for p in loaded.warnings) == sorted(
        expected.get("avertissements") or [])


def test_a_broken_link_does_not_stop_the_cache(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", folder)
    os.symlink("absent.yml", folder / "05-etat-de-situation.yml.ancien")
    monkeypatch.setenv(loader.DATA_ENV, str(folder))
    loader.clear_cache()
    assert loader.load(tmp_path) is loader.load(tmp_path)


@pytest.mark.parametrize("logo", ["logo.svg", "logo.png"])
def test_the_logo_is_the_territory_s_file_not_a_stray_one(tmp_path, logo):
    folder = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", folder)
    shutil.copy2(FIXTURES / "logos" / "valide" / "logo.png", folder / logo)
    loaded = loader.load_folder(folder, "data")
    assert [str(p) for p in loaded.problems] == []
    (folder / "logo.jpg").write_bytes(b"\xff\xd8")  # not a logo the PDF takes
    warnings = [str(p) for p in loader.load_folder(folder, "data").warnings]
    assert warnings == ["data/logo.jpg : ce logo n'est pas lu : la couverture du PDF prend "
                        "logo.svg ou logo.png ; l'enregistrer dans l'un de ces formats, sous "
                        "ce nom"]
