"""What makes the build faster must not change what it makes: the macros' HTML
kept out of Markdown comes back whole, a template edited after its code was
kept is compiled again (a page's macros too, and under its own options), and
workbooks made by another process (or, when it fails, here) are the same
files."""

from __future__ import annotations

import io
import sys
import zipfile

import jinja2
from jinja2.compiler import CodeGenerator
import markdown
import pytest

from conftest import ROOT
from macros.outputs import workbooks
from macros.pages import rawblocks
from macros.pages.compiled import CompiledTemplates, compile_pages_once
from macros.pages.render import as_markdown
from macros.reading.loader import load_folder


@pytest.fixture
def page_build():
    """As while MkDocs builds a page (``macros/hooks/raw_html.py``)."""
    rawblocks.start_page()
    yield
    rawblocks.finish_page("")


TEMPLATE_OUTPUT = """
<div class="pnt-grille">
  <table><tr><td>Coût</td></tr></table>
</div>
## Projets { #projets }
<p class="pnt-manque">Aucun projet.</p>
"""


def test_outside_a_page_build_the_html_stays_in_the_markdown():
    text = as_markdown(TEMPLATE_OUTPUT)
    assert '<div class="pnt-grille">' in text and "pnt-bloc" not in text


def test_held_blocks_come_back_and_headings_stay_markdown(page_build):
    text = as_markdown(TEMPLATE_OUTPUT)
    assert '<div class="pnt-grille">' not in text
    assert "## Projets { #projets }" in text
    md = markdown.Markdown(extensions=["attr_list", "toc"])
    html = rawblocks.finish_page(md.convert(text))
    assert '<table><tr><td>Coût</td></tr></table>' in html
    assert '<p class="pnt-manque">Aucun projet.</p>' in html
    assert '<h2 id="projets">Projets</h2>' in html
    assert [t["id"] for t in md.toc_tokens] == ["projets"]


def test_a_block_inside_another_comes_back_too(page_build):
    inner = as_markdown('<figure class="pnt-graphique">dessin</figure>')
    outer = as_markdown(f'<section class="pnt-rapport">\n{inner}</section>')
    assert rawblocks.finish_page(outer.strip()) == (
        '<section class="pnt-rapport">\n<figure class="pnt-graphique">dessin</figure>\n'
        "</section>")


def test_text_that_markdown_would_wrap_is_not_held(page_build):
    text = as_markdown("<strong>Important</strong> : lire ceci")
    assert text == "<strong>Important</strong> : lire ceci\n"


def _environment(folder, cache, generator=CodeGenerator, **options) -> jinja2.Environment:
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)),
                                     bytecode_cache=cache, **options)
    environment.code_generator_class = generator
    return environment


def _template_and_cache(folder, text: str) -> CompiledTemplates:
    """``folder/t.html`` holding ``text``, and an empty cache beside it."""
    (folder / "t.html").write_text(text, encoding="utf-8")
    (folder / "cache").mkdir()
    return CompiledTemplates(folder / "cache")


def test_an_edited_template_is_compiled_again(tmp_path):
    cache = _template_and_cache(tmp_path, "avant")
    assert _environment(tmp_path, cache).get_template("t.html").render() == "avant"
    (tmp_path / "t.html").write_text("après", encoding="utf-8")
    # A new environment (as MkDocs makes at each build) and a new process's cache.
    assert _environment(tmp_path, cache).get_template("t.html").render() == "après"
    fresh = CompiledTemplates(tmp_path / "cache")
    assert _environment(tmp_path, fresh).get_template("t.html").render() == "après"


class _Shouting(CodeGenerator):
    """Another code generator: the template's text in capitals."""

    def _output_const_repr(self, group) -> str:
        return super()._output_const_repr(group).upper()


def test_a_template_compiled_by_another_code_generator_is_compiled_anew(tmp_path):
    # The site's environment compiles to its own code (pages/render.py),
    # the theme's to Jinja's: one cache must not give one the other's.
    cache = _template_and_cache(tmp_path, "texte")
    assert _environment(tmp_path, cache).get_template("t.html").render() == "texte"
    shouting = _environment(tmp_path, cache, _Shouting)
    assert shouting.get_template("t.html").render() == "TEXTE"
    fresh = CompiledTemplates(tmp_path / "cache")  # another process
    assert _environment(tmp_path, fresh).get_template("t.html").render() == "texte"


def test_a_template_compiled_under_other_options_is_compiled_anew(tmp_path):
    cache = _template_and_cache(tmp_path, "{% if true %}\n  oui\n{% endif %}")
    assert _environment(tmp_path, cache).get_template("t.html").render() == "\n  oui\n"
    trimmed = _environment(tmp_path, cache, trim_blocks=True, lstrip_blocks=True)
    assert trimmed.get_template("t.html").render() == "  oui\n"


def test_a_new_version_of_a_code_generator_compiles_anew(tmp_path, monkeypatch):
    _template_and_cache(tmp_path, "Texte")
    shouting = _environment(tmp_path, CompiledTemplates(tmp_path / "cache"), _Shouting)
    assert shouting.get_template("t.html").render() == "TEXTE"
    monkeypatch.setattr(_Shouting, "_output_const_repr",
                        lambda self, group: CodeGenerator._output_const_repr(self, group).lower())
    monkeypatch.setattr(_Shouting, "VERSION", 2, raising=False)
    whispering = _environment(tmp_path, CompiledTemplates(tmp_path / "cache"), _Shouting)
    assert whispering.get_template("t.html").render() == "texte"


def test_a_damaged_or_unwritable_cache_only_compiles_again(tmp_path):
    (tmp_path / "t.html").write_text("texte", encoding="utf-8")
    folder = tmp_path / "cache"
    folder.mkdir()
    _environment(tmp_path, CompiledTemplates(folder)).get_template("t.html")
    for entry in folder.iterdir():
        entry.write_bytes(b"\x00abime")
    assert _environment(tmp_path, CompiledTemplates(folder)).get_template(
        "t.html").render() == "texte"
    missing = CompiledTemplates(tmp_path / "absent")  # cannot be written into
    assert _environment(tmp_path, missing).get_template("t.html").render() == "texte"


def _sheets(content: bytes) -> dict:
    """The workbook's parts but its creation time."""
    book = zipfile.ZipFile(io.BytesIO(content))
    return {name: book.read(name) for name in book.namelist()
            if name != "docProps/core.xml"}


@pytest.fixture(scope="module")
def example_data():
    return load_folder(ROOT / "exemple", "exemple", True).data


def test_workbooks_of_another_process_are_those_made_here(example_data):
    made_here = workbooks.here(example_data).result()
    made_beside = workbooks.start(example_data).result()
    assert [_sheets(c) for c in made_beside] == [_sheets(c) for c in made_here]


def test_without_another_process_the_workbooks_are_made_here(example_data, monkeypatch):
    monkeypatch.setattr(sys, "executable", str(ROOT / "absent" / "python3"))
    filled, blank = workbooks.start(example_data).result()
    assert zipfile.ZipFile(io.BytesIO(filled)).namelist()
    assert _sheets(filled) == _sheets(workbooks.here(example_data).result()[0])


def _macros_environment(cache, **options) -> jinja2.Environment:
    """As mkdocs-macros makes one at each build, given the shared cache."""
    environment = jinja2.Environment(undefined=jinja2.StrictUndefined, **options)
    compile_pages_once(environment, cache)
    return environment


def test_a_page_compiled_in_an_earlier_build_renders_the_same(tmp_path):
    cache = CompiledTemplates(tmp_path)
    page = "# {{ titre }}\n\n{{ grille('besoins') }}\n"
    made = {}
    for build in range(2):
        environment = _macros_environment(cache)
        made[build] = environment.from_string(page).render(
            titre="Besoins", grille=lambda cle: f"<table>{cle}</table>")
    assert made[0] == made[1] == "# Besoins\n\n<table>besoins</table>"


def test_the_same_page_under_other_delimiters_is_compiled_anew(tmp_path):
    cache = CompiledTemplates(tmp_path)
    page = "{{ a }} [[ a ]]"
    assert _macros_environment(cache).from_string(page).render(a=1) == "1 [[ a ]]"
    other = _macros_environment(cache, variable_start_string="[[",
                                variable_end_string="]]")
    assert other.from_string(page).render(a=1) == "{{ a }} 1"


def test_the_same_page_with_a_filter_passed_the_context_is_compiled_anew(tmp_path):
    cache = CompiledTemplates(tmp_path)
    page = "{{ 'B-01' | lien }}"
    plain = _macros_environment(cache)
    plain.filters["lien"] = lambda value: f"[{value}]"
    assert plain.from_string(page).render() == "[B-01]"
    contextual = _macros_environment(cache)
    contextual.filters["lien"] = jinja2.pass_context(
        lambda context, value: f"[{value}] vu de {context['page']}")
    assert contextual.from_string(page).render(page="plan/") == "[B-01] vu de plan/"


def test_a_page_with_a_jinja_mistake_still_says_where(tmp_path):
    cache = CompiledTemplates(tmp_path)
    page = "Intro\n\n{{ grille('besoins' }}\n"
    for build in range(2):  # the mistake is not kept: the next build says it again
        with pytest.raises(jinja2.TemplateSyntaxError) as error:
            _macros_environment(cache).from_string(page)
        assert error.value.lineno == 3


def test_every_environment_the_theme_makes_reuses_the_compiled_templates(monkeypatch):
    """The build's, and the one Material's search makes for its translations:
    the second compiles nothing, and translates the same."""
    from mkdocs.theme import Theme

    from macros.pages.theme import adapt

    compiled = []
    compile_now = jinja2.Environment.compile

    def counted(self, *args, **kwargs):
        compiled.append(1)
        return compile_now(self, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counted)

    def search_language(environment) -> str:  # as Material's search plugin reads it
        template = environment.get_template("partials/language.html", None,
                                            {"config": {"theme": {"language": "fr"}}})
        return template.module.t("search.config.lang")

    theme = Theme(name="material", locale="fr")
    plain = search_language(theme.get_env())
    assert compiled  # without the cache, each environment compiles
    adapt(theme)
    adapt(theme)  # a second time changes nothing
    first = search_language(theme.get_env())
    compiled.clear()
    second = search_language(theme.get_env())
    assert compiled == []
    assert first == second == plain == "fr"


def test_the_theme_files_copied_into_the_site_are_the_same(tmp_path):
    """MkDocs copies the same assets when hidden folders are not listed, and
    an icon in a hidden folder is still found by name."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    from macros.pages.theme import adapt

    config = load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path))
    listed = Files([])
    listed.add_files_from_theme(config.theme.get_env(), config)
    adapt(config.theme)
    environment = config.theme.get_env()
    adapted = Files([])
    adapted.add_files_from_theme(environment, config)
    assert [f.src_uri for f in adapted] == [f.src_uri for f in listed]
    assert any(f.src_uri.startswith("assets/javascripts/bundle.") for f in adapted)
    assert environment.get_template(".icons/material/magnify.svg").render().startswith("<svg")
