"""What changes when ``make apercu`` serves the site (``mkdocs serve``).

All of it for the delay between an author's save and the page reloaded
(issue 16, benchmarks/README.md, « Reconstruction en direct »):

- each build keeps the template outputs, the search entries and the pages'
  Markdown conversions it made, for the next build to reuse while their
  inputs are the same (``pages/kept.py``, ``pages/converted.py``); a build
  that is not served keeps nothing;
- the served site keeps Material's whole stylesheets: cutting them to the
  rules the pages use (``outputs/stylesheets.py``) is for a reader's first
  view over a slow connection, and cost a seventh of each rebuild; both
  look the same, element by element (tests/browser/test_stylesheets_browser.py);
- the watched folders are looked at every tenth of a second, and a change
  seen starts the rebuild after 0.05 s without another (MkDocs waits 0.1 s).

``hooks/serving.py`` tells this module, at ``on_startup`` (before the first
build), which command runs; the hook's own module is loaded again at every
build, this one is not. ProperDocs (MkDocs's fork) says it as MkDocs does;
Zensical, which runs no hook, ``pnt completer-site`` and the PDFs never say
« serve »: nothing is kept, the stylesheets are cut.

Looking every tenth of a second
-------------------------------

``mkdocs serve`` looks at the watched folders (docs/, mkdocs.yml, then
data/, exemple/ and macros/ from the configuration's ``watch``) every half
second: on average a quarter of a second, and up to half a second, between
an author's save and the start of the rebuild (benchmarks/README.md,
« Reconstruction en direct »). MkDocs has no setting for it; its server
takes the interval only when it is made. So the ``on_serve`` hook
(``hooks/serving.py``) gives the server, before it starts, a new
observer of the same kind that looks every ``POLL_SECONDS``, and moves to
it the folders MkDocs has watched so far, through the server's own
``unwatch`` and ``watch``. The folders of ``watch`` are added after the
hook, onto the new observer.

Looking at the 400 files and folders of those takes about 2 ms (measured on
the machine of benchmarks/README.md): 2 % of one core while serving. When MkDocs watches something else
before the hook (``--watch-theme``: the thousands of files of Material, or
a path a future MkDocs adds), the server is left exactly as it was.
"""

from __future__ import annotations

import os

POLL_SECONDS = 0.1
# MkDocs waits this long without a new change before rebuilding (its
# ``build_delay``, 0.1 s): the changes one look finds come together, and a
# wait shorter than a look never waits for the next one.
SETTLE_SECONDS = 0.05

_serving = False


def started(command: str) -> None:
    """The command this process runs (MkDocs's ``serve``, ``build``, ``gh-deploy``)."""
    global _serving
    _serving = command == "serve"


def serves() -> bool:
    """Whether this process serves the site (``mkdocs serve``)."""
    return _serving


def watch_often(server, config, poll: float = POLL_SECONDS):
    """``server`` looking every ``poll`` seconds at what it watches, or left
    as it was when it watches more than the docs folder and the config file."""
    from watchdog.observers.polling import PollingObserver

    old = getattr(server, "observer", None)
    if type(old) is not PollingObserver or old.is_alive():
        return server
    moved = []
    for path in _watched_before_hook(config):
        while _unwatch(server, path):
            moved.append(path)
    if old.emitters:  # something this module does not know is watched
        _watch_all(server, moved)
        return server
    server.observer = PollingObserver(timeout=poll)
    _watch_all(server, moved)
    server.build_delay = min(server.build_delay, SETTLE_SECONDS)
    return server


def _watched_before_hook(config) -> list:
    """What ``mkdocs serve`` watches before the ``on_serve`` hooks: the docs
    folder and the configuration file."""
    paths = [config.get("docs_dir"), config.get("config_file_path")]
    return [os.path.abspath(path) for path in paths if path]


def _unwatch(server, path: str) -> bool:
    """One watch of ``path`` removed; False when there was none."""
    try:
        server.unwatch(path)
    except KeyError:
        return False
    return True


def _watch_all(server, paths: list) -> None:
    for path in paths:
        server.watch(path)
