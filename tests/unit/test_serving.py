"""``make apercu`` looks at the watched folders every tenth of a second
(``macros/serving.py``), and leaves MkDocs's server as it was whenever it
watches something this module does not know about."""

from __future__ import annotations

import time

import pytest
from mkdocs.livereload import LiveReloadServer

from macros.serving import POLL_SECONDS, SETTLE_SECONDS, watch_often

WAIT = 30  # seconds, on a loaded machine


@pytest.fixture
def project(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Accueil\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: Essai\n", encoding="utf-8")
    (tmp_path / "data").mkdir()
    return tmp_path


def _config(project) -> dict:
    return {"docs_dir": str(project / "docs"),
            "config_file_path": str(project / "mkdocs.yml")}


def _server(project, *extra) -> LiveReloadServer:
    """A server watching what ``mkdocs serve`` watches before the hooks."""
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0,
                              root=str(project / "site"))
    for path in (project / "docs", project / "mkdocs.yml", *extra):
        server.watch(str(path))
    return server


def _watched(server) -> set:
    """The folders the server's observer looks at (watchdog looks at the
    folder of a watched file: mkdocs.yml's is the project)."""
    return {emitter.watch.path for emitter in server.observer.emitters}


def test_the_docs_and_the_config_are_watched_every_tenth_of_a_second(project):
    server = _server(project)
    before = server.observer
    watch_often(server, _config(project))
    server.watch(str(project / "data"))  # the configuration's watch, after the hook
    assert server.observer is not before and server.observer.timeout == POLL_SECONDS
    assert server.build_delay == SETTLE_SECONDS
    assert _watched(server) == {str(project / "docs"), str(project), str(project / "data")}
    assert not before.emitters


def test_a_saved_data_file_makes_the_server_rebuild(project):
    """The server's own handler, on the new observer, asks for a rebuild
    (MkDocs's flag, read here since nothing public says it)."""
    server = _server(project)
    watch_often(server, _config(project))
    server.watch(str(project / "data"))
    server.observer.start()
    try:
        time.sleep(3 * POLL_SECONDS)
        assert not server._want_rebuild
        (project / "data" / "03-besoins.yml").write_text("besoins: []\n", encoding="utf-8")
        deadline = time.monotonic() + WAIT
        while not server._want_rebuild and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        server.observer.stop()
        server.observer.join()
    assert server._want_rebuild


def test_with_the_theme_watched_too_the_server_is_left_as_it_was(project):
    theme = project / "theme"
    theme.mkdir()
    server = _server(project, theme)  # mkdocs serve --watch-theme
    before = server.observer
    watch_often(server, _config(project))
    assert server.observer is before and before.timeout == 0.5 and server.build_delay == 0.1
    assert _watched(server) == {str(project / "docs"), str(project), str(theme)}


def test_a_folder_watched_twice_stays_watched_twice(project):
    server = _server(project, project / "docs")
    watch_often(server, _config(project))
    assert server.observer.timeout == POLL_SECONDS
    server.unwatch(str(project / "docs"))  # one of the two watches ends
    assert str(project / "docs") in _watched(server)


def test_a_server_already_running_is_left_as_it_was(project):
    server = _server(project)
    before = server.observer
    before.start()
    try:
        watch_often(server, _config(project))
        assert server.observer is before
    finally:
        before.stop()
        before.join()
