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

from conftest import FIXTURES, copy_template

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
