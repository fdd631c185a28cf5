"""The hooks of macros/hooks/: Material's markup corrected for a valid
page (pinned to mkdocs-material 9.8.2's markup), French no-break spaces."""

from __future__ import annotations

import importlib.util

from conftest import ROOT


def _hook(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "macros" / "hooks" /
                                                  f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


FIXES = _hook("material_fixes")


def test_checkbox_toggles_lose_autocomplete():
    html = '<input class="md-toggle" type="checkbox" id="__drawer" autocomplete="off">'
    assert FIXES.fix_material_markup(html) == (
        '<input class="md-toggle" type="checkbox" id="__drawer">')


def test_empty_tabindex_is_removed():
    html = '<label class="md-nav__link" for="__nav_2" tabindex="">'
    assert FIXES.fix_material_markup(html) == '<label class="md-nav__link" for="__nav_2">'


def test_toc_label_points_nowhere_only_without_a_toc():
    label = '<label class="md-nav__title" for="__toc">'
    assert FIXES.fix_material_markup(label) == '<label class="md-nav__title">'
    with_toc = label + '<input id="__toc" type="checkbox">'
    assert FIXES.fix_material_markup(with_toc) == with_toc


def test_text_inputs_keep_autocomplete():
    html = '<input type="text" class="md-search__input" autocomplete="off">'
    assert FIXES.fix_material_markup(html) == html


def test_typography_hook_leaves_code_and_tags_alone():
    hook = _hook("typography")
    html = ('<p title="a : b">Coût : 25 000 $</p><code>statut : brouillon</code>'
            '<pre>x ; y</pre>')
    assert hook.on_page_content(html) == (
        '<p title="a : b">Coût\u00a0: 25\u202f000\u00a0$</p><code>statut : brouillon</code>'
        '<pre>x ; y</pre>')
