"""``make apercu`` as an author lives it: the preview starts although the data
has an error, the browser shows that error on the page (not a page that never
loads), and the page comes back by itself once the file is fixed and saved."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURES, _territory_project, copy_template, run

ERROR_TITLE = "Les données du plan contiennent des erreurs"
WRONG = FIXTURES / "invalides" / "priorite-hors-liste" / "03-besoins.yml"
RIGHT = FIXTURES / "minimal" / "03-besoins.yml"
WAIT = 180  # seconds: a rebuild on a loaded 2-core machine


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def page_text(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, wanted: str, server) -> str:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        assert server.poll() is None, server.stdout.read()
        text = page_text(url)
        if wanted in text:
            return text
        time.sleep(1)
    pytest.fail(f"« {wanted} » jamais servi à {url} en {WAIT} s")


@pytest.fixture
def preview_server(tmp_path):
    """``mkdocs serve`` of a territory whose data has one error, as ``make apercu``
    starts it."""
    project = copy_template(tmp_path / "projet")
    shutil.copytree(FIXTURES / "minimal", project / "data", dirs_exist_ok=True)
    shutil.copy2(WRONG, project / "data" / WRONG.name)
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PNT_APERCU="1")
    env.pop("PNT_DONNEES", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}",
         "-f", str(project / "mkdocs.yml")],
        cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    yield project, f"http://127.0.0.1:{port}/", server
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()


def test_preview_shows_the_error_then_recovers_when_the_file_is_fixed(preview_server):
    project, base, server = preview_server
    page = base + "plan/besoins/"
    shown = wait_for(page, ERROR_TITLE, server)
    text = " ".join(BeautifulSoup(shown, "html.parser").get_text(" ").split())
    assert "« priorite » : « 4 » n'est pas une valeur permise" in text
    shutil.copy2(RIGHT, project / "data" / RIGHT.name)
    recovered = wait_for(page, "Besoins du territoire", server)
    assert ERROR_TITLE not in recovered


# What « mkdocs serve » does at a save: build again in the same process, where
# what the last build made is kept (macros/pages/kept.py, converted.py,
# serving.py). Given one folder, one build, as a new « mkdocs serve » makes it.
_SERVED_BUILDS = """
import sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
project, edited, old, new, *folders = sys.argv[1:]
for number, folder in enumerate(folders):
    if number:
        path = Path(project) / edited
        text = path.read_text(encoding="utf-8")
        assert old in text, (edited, old)
        path.write_text(text.replace(old, new), encoding="utf-8")
    config = load_config(config_file=project + "/mkdocs.yml", site_dir=folder)
    if not number:
        config.plugins.on_startup(command="serve", dirty=False)
    build(config)
"""
# (file saved, text before, text after, page where it shows)
SAVES = {
    "donnees": ("data/03-besoins.yml", "Avoir accès à un Internet haute vitesse fiable",
                "Avoir accès à un Internet très haute vitesse fiable", "plan/besoins"),
    "guide": ("docs/etapes/03-besoins.md", "## Qui participe", "## Qui y participe",
              "etapes/03-besoins"),
    "gabarit": ("macros/templates/grid/fill.html", "Comment remplir la grille",
                "Comment bien remplir la grille", "etapes/03-besoins"),
}


def _served_builds(project, save, *folders):
    edited, old, new, _ = save
    result = run([sys.executable, "-c", _SERVED_BUILDS, str(project), edited, old, new,
                  *map(str, folders)], project, {"PNT_APERCU": "1"})
    assert result.returncode == 0, result.stderr


def _pages(folder) -> dict:
    return {path.relative_to(folder): path.read_bytes()
            for path in sorted(folder.rglob("*"))
            if path.suffix in (".html", ".json", ".csv", ".svg")}


@pytest.mark.parametrize("saved", SAVES)
def test_a_save_rebuilds_the_same_site_as_a_new_build(tmp_path, saved):
    project = _territory_project(tmp_path / "projet")
    first, second, fresh = tmp_path / "avant", tmp_path / "apres", tmp_path / "neuf"
    save = SAVES[saved]
    _served_builds(project, save, first, second)
    shown = save[3] + "/index.html"
    new_text = save[2].lstrip("# ")
    assert new_text in (second / shown).read_text("utf-8")
    assert new_text not in (first / shown).read_text("utf-8")
    _served_builds(project, save, fresh)  # what was saved, in a new process
    rebuilt, new = _pages(second), _pages(fresh)
    assert rebuilt.keys() == new.keys()
    assert [page for page in new if rebuilt[page] != new[page]] == []
