"""The Jinja environment of the site's templates, and what is done to their output.

Autoescape is on and every printed value goes through ``escape_value``, so
data never becomes markup. Undefined names fail loudly (``StrictUndefined``).
Templates receive complete views, computed in Python: they lay out markup
and take no decision. Their output is Markdown made of raw HTML blocks and
Markdown headings (so headings reach the table of contents and the PDF's
bookmarks), with French no-break spaces applied to its text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import jinja2
from jinja2.compiler import CodeGenerator

from ..plan.french import typeset
from ..reading.loader import folder_signature
from . import kept
from .compiled import compiled_templates
from .rawblocks import hold
from .safe import escape_value

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

# Text inside these is code, or not text: left as written.
_NOT_PROSE = re.compile(r"(<(code|pre|style|script)\b.*?</\2>|<[^>]*>)", re.DOTALL)


class _EscapedOnce(CodeGenerator):
    """Code printing ``escape_value(x)`` where Jinja prints
    ``escape(escape_value(x))``.

    ``escape_value`` (the environment's ``finalize``) returns Markup for
    every value (``safe.py``), and Jinja's ``escape`` of a Markup only copies
    it: two objects per printed value, a fifth of Jinja's time on the grids
    and charts (benchmarks/README.md). Where Jinja could not know autoescape
    at compile time (``volatile``), its own code stays. ``compiled.py`` keeps
    this code apart from the theme's."""

    # Part of each compiled template's key (``compiled.py``): change it when
    # the code written here changes, so code compiled before is not reused.
    VERSION = 1

    def _prints_markup(self, frame, finalize) -> bool:
        return (frame.eval_ctx.autoescape and not frame.eval_ctx.volatile
                and self.environment.finalize is escape_value)

    def _output_child_pre(self, node, frame, finalize) -> None:
        if not self._prints_markup(frame, finalize):
            super()._output_child_pre(node, frame, finalize)
            return
        self.write(finalize.src)

    def _output_child_post(self, node, frame, finalize) -> None:
        if not self._prints_markup(frame, finalize):
            super()._output_child_post(node, frame, finalize)
            return
        self.write(")")


class _ViewEnvironment(jinja2.Environment):
    """Jinja reading views made of dicts key first.

    For ``v.title`` Jinja tries the attribute, then the key: on a dict, every
    such read raised and caught an AttributeError first (a sixth of the
    rendering time of the grids and charts, benchmarks/README.md). A key
    now comes first; views have no key named like a dict method, so
    ``row.get("above")`` still calls the method."""

    code_generator_class = _EscapedOnce

    def getattr(self, obj, attribute):
        if type(obj) is dict:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """One environment per process: each template is compiled once (and its
    code kept between builds, ``compiled.py``)."""
    return _ViewEnvironment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        bytecode_cache=compiled_templates(),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=escape_value,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


def typeset_html(html: str) -> str:
    """French no-break spaces in the text of ``html``, never in tags or code."""
    # re.split with two groups yields: text, whole match, inner name, text, …
    parts = _NOT_PROSE.split(html)
    parts[0::3] = [typeset(text) for text in parts[0::3]]
    del parts[2::3]
    return "".join(parts)


def as_markdown(text: str) -> str:
    """Compact raw HTML so Markdown keeps it as blocks; keep headings apart.

    Blank lines and indentation inside raw HTML could make Markdown end a
    block early or read a code block, so every line is stripped and blank
    lines are kept only around Markdown headings (lines starting with #).
    Data never starts a line with # (it is escaped to &#35;). While MkDocs
    builds the page, each HTML block is a placeholder (``rawblocks.py``).
    """
    blocks, current = [], []
    for line in (raw.strip() for raw in text.splitlines()):
        if not line:
            continue
        if line.startswith("#"):
            if current:
                blocks.append(hold("\n".join(current)))
                current = []
            blocks.append(line)
            continue
        current.append(line)
    if current:
        blocks.append(hold("\n".join(current)))
    return "\n\n".join(blocks) + "\n"


@lru_cache(maxsize=1)
def _outputs() -> kept.KeptOutputs:
    return kept.KeptOutputs()


def start_build(keep: bool) -> None:
    """Once per build, before any page: with ``keep`` (the site is served),
    outputs kept from the previous build are reused while their templates
    have not changed (``kept.py``)."""
    _outputs().start_build(folder_signature(TEMPLATES, recursive=True) if keep else None, keep)


def templates_state():
    """The templates' files as the current build found them while served
    (None otherwise): what HTML kept with a data set is also made from."""
    return _outputs().state


def render_html(template: str, **context) -> str:
    """A template's HTML, typeset (kept for the next build, ``kept.py``)."""
    def make() -> str:
        return typeset_html(environment().get_template(template).render(**context))

    return _outputs().output(template, context, make)


def render(template: str, **context) -> str:
    """A template's output, as Markdown for a page."""
    return as_markdown(render_html(template, **context))
