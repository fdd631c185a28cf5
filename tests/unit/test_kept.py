"""A template's output reused by the next build (``macros/pages/kept.py``)
only while nothing it depends on has changed: its view, its template, or a
template it includes."""

from __future__ import annotations

import functools
import os

import jinja2
import pytest

from macros.pages import render
from macros.pages.kept import KeptOutputs, key
from macros.reading.loader import folder_signature


class Renderer:
    """Templates of ``folder`` rendered through a store, counting real renders."""

    def __init__(self, folder, limit=1_000_000):
        self.folder = folder
        self.outputs = KeptOutputs(limit)
        self.renders = 0

    def build(self):
        self.outputs.start_build(folder_signature(self.folder, recursive=True))

    def html(self, template: str, **view) -> str:
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(self.folder)))

        def make():
            self.renders += 1
            return env.get_template(template).render(**view)

        return self.outputs.output(template, view, make)


def _write(path, text: str, bump: int = 0) -> None:
    path.write_text(text, encoding="utf-8")
    if bump:  # a later time, as an editor saving a second later gives
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + bump * 1_000_000_000))


def _templates(tmp_path):
    _write(tmp_path / "page.html", "{% include 'ligne.html' %}")
    _write(tmp_path / "ligne.html", "Besoin {{ v.id }} : {{ v.enonce }}")
    return Renderer(tmp_path)


def test_an_equal_view_in_the_next_build_gives_the_same_output_unrendered(tmp_path):
    renderer = _templates(tmp_path)
    renderer.build()
    first = renderer.html("page.html", v={"id": "B-01", "enonce": "Internet"})
    renderer.build()
    again = renderer.html("page.html", v={"id": "B-01", "enonce": "Internet"})
    assert again == first == "Besoin B-01 : Internet"
    assert renderer.renders == 1


def test_a_view_that_differs_anywhere_is_rendered_again(tmp_path):
    renderer = _templates(tmp_path)
    renderer.build()
    renderer.html("page.html", v={"id": "B-01", "enonce": "Internet"})
    renderer.build()
    changed = renderer.html("page.html", v={"id": "B-01", "enonce": "Internet fiable"})
    assert changed == "Besoin B-01 : Internet fiable"
    assert renderer.renders == 2


def test_an_edited_included_template_is_rendered_again(tmp_path):
    renderer = _templates(tmp_path)
    renderer.build()
    renderer.html("page.html", v={"id": "B-01", "enonce": "Internet"})
    _write(tmp_path / "ligne.html", "{{ v.id }} — {{ v.enonce }}", bump=1)
    renderer.build()
    assert renderer.html("page.html", v={"id": "B-01", "enonce": "Internet"}) == (
        "B-01 — Internet")


def test_a_view_that_cannot_be_pickled_is_rendered_every_time(tmp_path):
    renderer = _templates(tmp_path)
    view = {"id": "B-01", "enonce": "Internet", "tri": lambda row: row}
    assert key("page.html", {"v": view}) is None
    renderer.build()
    renderer.html("page.html", v=view)
    renderer.build()
    assert renderer.html("page.html", v=view) == "Besoin B-01 : Internet"
    assert renderer.renders == 2


def test_only_what_the_previous_build_used_is_kept(tmp_path):
    renderer = _templates(tmp_path)
    renderer.build()
    renderer.html("page.html", v={"id": "B-01", "enonce": "a"})
    renderer.build()  # B-01 not shown in this build
    renderer.html("page.html", v={"id": "B-02", "enonce": "b"})
    renderer.build()
    renderer.html("page.html", v={"id": "B-01", "enonce": "a"})  # let go: rendered
    assert renderer.renders == 3


def test_outputs_beyond_the_limit_are_rendered_each_build(tmp_path):
    renderer = _templates(tmp_path)
    renderer.outputs.limit = len("Besoin B-01 : a")
    renderer.build()
    renderer.html("page.html", v={"id": "B-01", "enonce": "a"})
    renderer.html("page.html", v={"id": "B-02", "enonce": "b"})  # over the limit
    renderer.build()
    renderer.html("page.html", v={"id": "B-01", "enonce": "a"})
    renderer.html("page.html", v={"id": "B-02", "enonce": "b"})
    assert renderer.renders == 3


def test_a_build_that_is_not_served_keeps_nothing(tmp_path):
    renderer = _templates(tmp_path)
    for build in range(2):
        renderer.outputs.start_build(folder_signature(tmp_path, recursive=True), keep=False)
        assert renderer.html("page.html", v={"id": "B-01", "enonce": "a"}) == "Besoin B-01 : a"
    assert renderer.renders == 2 and not renderer.outputs.current


@pytest.fixture
def site_renders(monkeypatch):
    """The site's own templates (``render.py``) with a new store, counting
    how many times one is really rendered and typeset."""
    typeset = render.typeset_html
    made = []

    def counted(html: str) -> str:
        made.append(1)
        return typeset(html)

    monkeypatch.setattr(render, "typeset_html", counted)
    monkeypatch.setattr(render, "_outputs", functools.lru_cache(maxsize=1)(KeptOutputs))
    return made


LINK = {"file": None, "open_data": "../donnees/", "href": "", "name": "", "for_authors": False,
        "of": "", "command": ""}


@pytest.mark.parametrize("served, renders", [(True, 1), (False, 2)])
def test_a_site_template_is_rendered_once_per_view_while_served(site_renders, served, renders):
    outputs = []
    for build in range(2):
        render.start_build(keep=served)
        outputs.append(render.render_html("plan/download.html", v=dict(LINK)))
    assert outputs[0] == outputs[1]
    assert 'href="../donnees/"' in outputs[0] and "Les données ouvertes du plan" in outputs[0]
    assert len(site_renders) == renders


def test_the_site_templates_state_sees_every_template_file():
    state = folder_signature(render.TEMPLATES, recursive=True)
    names = {name for name, _, _ in state}
    assert "grid/grid.html" in names and "chart/figure.html" in names
