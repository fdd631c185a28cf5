"""Escaping of data values (macros/pages/safe.py): what reaches the page."""

from __future__ import annotations

import jinja2
import pytest
from markupsafe import Markup

from macros.pages import render
from macros.pages.safe import escape_value


@pytest.mark.parametrize("value, shown", [
    (1.5, "1.5"), (-3, "-3"), (0, "0"), (2.5e-07, "2.5e-07"), (True, "True"),
])
def test_numbers_print_as_python_writes_them(value, shown):
    assert str(escape_value(value)) == shown


def test_values_equal_to_one_printed_before_print_as_themselves():
    # Texts are escaped once per process: a value equal to an earlier one
    # (0 == 0.0 == -0.0 == False) must not print as it did.
    shown = [str(escape_value(value)) for value in (0, 0.0, -0.0, False, "0", 1, True)]
    assert shown == ["0", "0.0", "-0.0", "False", "0", "1", "True"]


def test_a_text_printed_again_is_escaped_the_same():
    text = "Coût <total> : 25\u00a0000 $\n par an"
    assert escape_value(text) == escape_value(text) == escape_value(str(text))
    assert str(escape_value(text)) == "Coût &#60;total&#62; : 25\u00a0000 $ par an"


@pytest.mark.parametrize("char", list("&<>\"'{}#*_[]`\\|~^="))
def test_each_syntax_character_becomes_a_character_reference(char):
    assert str(escape_value(f"a{char}b")) == f"a&#{ord(char)};b"


def test_runs_of_spaces_and_line_breaks_become_one_space_but_no_break_spaces_stay():
    assert str(escape_value(" 25\u00a0000 $\n\n  par\tan ")) == " 25\u00a0000 $ par an "


def test_none_is_empty_and_markup_is_kept():
    assert str(escape_value(None)) == ""
    assert escape_value(Markup("<b>x</b>")) == Markup("<b>x</b>")


# The site's templates print each value through escape_value once
# (pages/render.py, _EscapedOnce): the same as Jinja's escape(finalize(…)).
PRINTED = {
    "syntax": "<b>« A & B »</b> {{ x }} *y* [z](javascript:1)",
    "none": None,
    "number": 12.5,
    "boolean": True,
    "markup": Markup("<em>déjà sûr</em>"),
    "list": ["a<b", 2],
}


def _jinja_default_environment():
    """The site's environment, but with Jinja's own code generator."""
    site = render.environment()
    return jinja2.Environment(loader=site.loader, autoescape=True,
                              undefined=jinja2.StrictUndefined, finalize=escape_value,
                              trim_blocks=True, lstrip_blocks=True)


@pytest.mark.parametrize("name", PRINTED)
def test_a_value_printed_by_a_template_is_escaped_as_by_jinja_itself(name):
    source = ("{% macro m(v) %}<i>{{ v }}</i>{% endmacro %}"
              "{{ v }}|{{ m(v) }}|{% set s %}{{ v }}{% endset %}{{ s }}|{{ v ~ '&' }}")
    value = PRINTED[name]
    site = render.environment().from_string(source).render(v=value)
    assert site == _jinja_default_environment().from_string(source).render(v=value)
    assert "<b>" not in site and "{{" not in site


def test_with_another_finalize_jinja_still_escapes_every_value():
    # Only escape_value is known to return Markup for every value.
    site = render.environment()
    other = site.overlay(finalize=lambda value: value)
    assert other.from_string("{{ v }}").render(v="<b>") == "&lt;b&gt;"


def test_an_undefined_value_still_stops_the_template():
    with pytest.raises(jinja2.UndefinedError):
        render.environment().from_string("{{ absent }}").render()
