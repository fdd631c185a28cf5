"""Escaping of data values (macros/pages/safe.py): what reaches the page."""

from __future__ import annotations

import pytest

from macros.pages.safe import escape_value


@pytest.mark.parametrize("value, shown", [
    (1.5, "1.5"), (-3, "-3"), (0, "0"), (2.5e-07, "2.5e-07"), (True, "True"),
])
def test_numbers_print_as_python_writes_them(value, shown):
    assert str(escape_value(value)) == shown


@pytest.mark.parametrize("char", list("&<>\"'{}#*_[]`\\|~^="))
def test_each_syntax_character_becomes_a_character_reference(char):
    assert str(escape_value(f"a{char}b")) == f"a&#{ord(char)};b"


def test_runs_of_spaces_and_line_breaks_become_one_space_but_no_break_spaces_stay():
    assert str(escape_value(" 25\u00a0000 $\n\n  par\tan ")) == " 25\u00a0000 $ par an "


def test_none_is_empty_and_markup_is_kept():
    from markupsafe import Markup

    assert str(escape_value(None)) == ""
    assert escape_value(Markup("<b>x</b>")) == Markup("<b>x</b>")
