"""Every program the guide names is cited in docs/sources.md.

Programs are declared once below. A capitalised « Fonds », « Programme » or
« Opération » in the guide's own pages must begin a declared name, so a new
program cannot be named without being declared; each declared name must be
used by the guide and found in docs/sources.md.
"""

from __future__ import annotations

import re

from conftest import ROOT

DOCS = ROOT / "docs"
SOURCES = DOCS / "sources.md"
PROGRAMS = ("Fonds régions et ruralité", "Opération haute vitesse",
            "Opération couverture cellulaire")
PROGRAM_WORD = re.compile(r"\b(?:Fonds|Programme|Opération)\b")
CODE = re.compile(r"```.*?```|`[^`]*`|\{\{.*?\}\}|\{%.*?%\}", re.S)


def guide_pages() -> dict:
    pages = [p for p in DOCS.glob("*.md") if p != SOURCES]
    pages += sorted((DOCS / "etapes").glob("*.md"))
    return {p.relative_to(DOCS).as_posix(): CODE.sub(" ", p.read_text(encoding="utf-8"))
            for p in pages}


def undeclared(text: str, declared=PROGRAMS) -> list:
    """Capitalised program words of ``text`` that start no declared name."""
    return [text[m.start():m.start() + 40] for m in PROGRAM_WORD.finditer(text)
            if not any(text.startswith(name, m.start()) for name in declared)]


def test_every_program_named_in_the_guide_is_declared():
    found = {page: undeclared(text) for page, text in guide_pages().items()}
    assert not {page: hits for page, hits in found.items() if hits}


def test_every_declared_program_is_named_in_the_guide_and_cited_in_sources():
    text = " ".join(guide_pages().values())
    sources = SOURCES.read_text(encoding="utf-8")
    assert [name for name in PROGRAMS if name not in text] == []
    assert [name for name in PROGRAMS if name not in sources] == []


def test_undeclared_program_is_flagged():
    """Negative control: a new program in a chapter, a declared one, a lowercase word."""
    text = "Demandez au Programme d'aide aux régions ; le Fonds régions et ruralité aussi."
    assert undeclared(text) == ["Programme d'aide aux régions ; le Fonds "]
    assert undeclared("le fonds de la MRC") == []
