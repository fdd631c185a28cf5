"""Texts that look like formulas (spreadsheet/formulas.py): the CSV guard is
reversible, for every start a spreadsheet would run."""

from __future__ import annotations

import itertools

import pytest

from macros.spreadsheet.formulas import guarded, looks_like_formula, unguarded

STARTS = ["=", "+", "-", "@", "\t", "\r", "'", "''", "a", "1", " ", "é", ""]


@pytest.mark.parametrize("first,second", list(itertools.product(STARTS, repeat=2)))
def test_guard_is_reversible(first, second):
    text = first + second + "SUM(A1)"
    assert unguarded(guarded(text)) == text


@pytest.mark.parametrize("text", ["=1+1", "+33 1", "-5 %", "@aînés", "\tx", "\rx"])
def test_formula_starts_are_guarded(text):
    assert looks_like_formula(text)
    assert guarded(text) == "'" + text


@pytest.mark.parametrize("text", ["Internet", "1 500 $", "", " =pas au début", "é=1"])
def test_other_texts_stay_as_they_are(text):
    assert not looks_like_formula(text)
    assert guarded(text) == text


def test_an_apostrophe_at_the_start_is_doubled():
    assert guarded("'cité'") == "''cité'"
    assert unguarded("'cité'") == "'cité'"  # a lone one was the author's
