"""Material's stylesheets cut down to what the site's pages can use.

Material ships one stylesheet for every feature it has (content tabs, code
annotations, versions, blog, tags…) and every colour of its palette: 149 kB
that a reader on a rural connection downloads before the first page shows,
when this site uses about a third of it. After the build, ``subset_site``
reads every page of the site and the scripts that run in them, keeps each
rule of Material's ``main`` and ``palette`` stylesheets that can match
something there, and writes the result under a new name (the hash of its
content, as Material names its files), which the pages then link to.
Material's own files stay in the site, untouched, for anyone comparing.

A selector is kept unless it needs something that can never be there:

- a class that no page has and no script creates (Material's bundle creates
  elements with ``class:"…"`` and changes them with ``classList``);
- an element that no page has and no script creates;
- a palette colour (``[data-md-color-primary=red]``) that no page offers.

What is inside ``:not()``, ``:is()`` and the like is not read: the selector
is kept (``.a:not(.b)`` matches without any ``.b``). Custom properties
(``--md-…``) that nothing reads any more are dropped, until none is left.
At-rules (``@font-face``, ``@keyframes``, ``@page``) are kept as they are.

Nothing else is changed: the kept rules are written back token for token,
so a page looks the same with either stylesheet
(``tests/browser/test_stylesheets_browser.py`` compares them in Chromium). The
parsed stylesheets are kept per process, keyed by their content, so that a
rebuild under ``make apercu`` only does the choosing.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

import tinycss2

from .. import usercache
from .files import WriteError, write_all, write_atomically

MATERIAL_STYLESHEETS = re.compile(r"^(main|palette)\.[0-9a-f]{8}\.min\.css$")
STYLESHEET_FOLDER = Path("assets") / "stylesheets"
OUTSIDE_MATERIAL = "admin"  # the editor's page: its own styles, not Material's
COLOUR_ATTRIBUTE = re.compile(r"^data-md-color-(primary|accent|scheme)$")
ALWAYS_THERE = frozenset({"html", "head", "body", "*"})

# What pages and scripts say. Attribute values are read as the HTML writes
# them (double quotes, as Material, Python-Markdown and our templates do).
# Each pattern begins with its literal text, which regular expressions find
# fastest; one that also matches « data-class="…" » only keeps more rules.
HTML_CLASS = re.compile(r"class=\"([^\"]*)\"")
HTML_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)")
HTML_COLOUR = re.compile(r"data-md-color-(?:primary|accent|scheme)=\"([^\"]*)\"")
CUSTOM_PROPERTY = re.compile(r"--[a-zA-Z0-9_-]+")
# How scripts create or change classes (Material's bundle, our own scripts).
SCRIPT_CLASSES = (
    re.compile(r"class:\"([^\"]*)\""),
    re.compile(r"class:`([^`]*)`"),
    re.compile(r"className\s*=\s*\"([^\"]*)\""),
    re.compile(r"classList\.(?:add|toggle|replace)\(\"([^\"]*)\""),
    re.compile(r"setAttribute\(\"class\",\s*\"([^\"]*)\""),
)
SCRIPT_TAGS = (
    re.compile(r"\bh\(\"([a-z][a-z0-9-]*)\""),
    re.compile(r"createElement(?:NS)?\((?:\"[^\"]*\",\s*)?\"([a-z][a-z0-9-]*)\""),
    re.compile(r"<([a-z][a-z0-9-]*)[\s>/]"),
)
TEMPLATE_PART = "${"


# -- What the site can hold ----------------------------------------------------


@dataclass(frozen=True)
class Usage:
    """Every class, element, palette colour and custom property the site's
    pages and scripts can hold or create."""
    classes: frozenset
    class_prefixes: tuple  # « md-source__fact--${t} »: any class so begun
    tags: frozenset
    colours: frozenset
    properties: frozenset  # custom properties named outside these stylesheets

    def has_class(self, name: str) -> bool:
        return name in self.classes or name.startswith(self.class_prefixes)


INLINE_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script>", re.DOTALL)


@dataclass(frozen=True)
class _ScriptUsage:
    classes: frozenset
    prefixes: frozenset
    tags: frozenset
    properties: frozenset


@lru_cache(maxsize=256)
def _script_usage(text: str) -> _ScriptUsage:
    """What one script creates; read once per process (Material's bundle is
    the same at every rebuild)."""
    classes, prefixes = set(), set()
    for pattern in SCRIPT_CLASSES:
        for found in pattern.findall(text):
            for name in found.split():
                if TEMPLATE_PART not in name:
                    classes.add(name)
                elif not name.startswith(TEMPLATE_PART):
                    prefixes.add(name.split(TEMPLATE_PART, 1)[0])
    tags = {name.lower() for pattern in SCRIPT_TAGS for name in pattern.findall(text)}
    return _ScriptUsage(frozenset(classes), frozenset(prefixes), frozenset(tags),
                        frozenset(CUSTOM_PROPERTY.findall(text)))


def site_usage(pages: list, scripts: list, other_styles: list) -> Usage:
    """What ``pages`` (HTML texts, with their inline scripts), ``scripts``
    (JavaScript texts) and ``other_styles`` (the site's other CSS) can hold
    or create."""
    classes, prefixes, tags, colours, properties = set(), set(), set(), set(), set()
    inline = []
    for page in pages:
        for found in HTML_CLASS.findall(page):
            classes.update(found.split())
        tags.update(name.lower() for name in HTML_TAG.findall(page))
        colours.update(HTML_COLOUR.findall(page))
        properties.update(CUSTOM_PROPERTY.findall(page))
        inline.extend(INLINE_SCRIPT.findall(page))
    for script in [*scripts, *inline]:
        found = _script_usage(script)
        classes |= found.classes
        prefixes |= found.prefixes
        tags |= found.tags
        properties |= found.properties
    for style in other_styles:
        properties.update(CUSTOM_PROPERTY.findall(style))
    return Usage(frozenset(classes), tuple(sorted(prefixes)), frozenset(tags),
                 frozenset(colours), frozenset(properties))


# -- A stylesheet, parsed once -------------------------------------------------


@dataclass(frozen=True)
class Needs:
    """What one selector needs to match anything."""
    text: str
    classes: frozenset
    tags: frozenset
    colours: frozenset

    def can_match(self, usage: Usage) -> bool:
        return (all(usage.has_class(name) for name in self.classes)
                and all(tag in usage.tags or tag in ALWAYS_THERE for tag in self.tags)
                and all(colour in usage.colours for colour in self.colours))


@dataclass(frozen=True)
class Declaration:
    name: str  # lower case for custom properties' lookups, as written otherwise
    text: str  # « name:value » as written, « !important » included
    reads: frozenset  # the custom properties its value reads (var(--…))

    @property
    def is_custom(self) -> bool:
        return self.name.startswith("--")


@dataclass(frozen=True)
class Rule:
    selectors: tuple  # of Needs
    declarations: tuple  # of Declaration; empty with ``raw``
    raw: str = ""  # a block this module does not take apart (nested rules)


@dataclass(frozen=True)
class Group:
    """``@media``, ``@supports``…: rules inside a condition."""
    head: str
    children: tuple


@dataclass(frozen=True)
class Verbatim:
    text: str


GROUPING = frozenset({"media", "supports", "layer", "container", "document"})


def _split_selectors(prelude: list) -> list:
    selectors, current = [], []
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append(current)
            current = []
        else:
            current.append(token)
    selectors.append(current)
    return selectors


def _colour_needed(block) -> str:
    """The colour an attribute selector [data-md-color-…=value] asks for."""
    tokens = [token for token in block.content if token.type != "whitespace"]
    if len(tokens) != 3 or tokens[0].type != "ident":
        return ""
    if not COLOUR_ATTRIBUTE.match(tokens[0].lower_value):
        return ""
    if tokens[1].type != "literal" or tokens[1].value != "=":
        return ""
    return tokens[2].value if tokens[2].type in ("ident", "string") else ""


def _needs(tokens: list) -> Needs:
    classes, tags, colours = set(), set(), set()
    previous = None
    for token in tokens:
        if token.type == "ident":
            if previous is not None and previous.type == "literal" and previous.value == ".":
                classes.add(token.value)
            elif not (previous is not None and previous.type == "literal"
                      and previous.value in (":", "::", "|")):
                tags.add(token.lower_value)
        elif token.type == "[] block":
            colour = _colour_needed(token)
            if colour:
                colours.add(colour)
        previous = token if token.type != "whitespace" else None
    text = tinycss2.serialize(tokens).strip()
    return Needs(text, frozenset(classes), frozenset(tags), frozenset(colours))


def _reads(tokens: list) -> set:
    found = set()
    for token in tokens:
        if token.type == "function" and token.lower_name == "var":
            for argument in token.arguments:
                if argument.type == "ident" and argument.value.startswith("--"):
                    found.add(argument.value)
                    break
        content = getattr(token, "arguments", None) or getattr(token, "content", None)
        if isinstance(content, list):
            found |= _reads(content)
    return found


def _declarations(content: list):
    parsed = tinycss2.parse_blocks_contents(content)
    declarations = []
    for item in parsed:
        if item.type in ("whitespace", "comment"):
            continue
        if item.type != "declaration":
            return None  # a nested rule: the block is kept whole
        text = f"{item.name}:{tinycss2.serialize(item.value).strip()}"
        if item.important:
            text += "!important"
        declarations.append(Declaration(item.name, text, frozenset(_reads(item.value))))
    return tuple(declarations)


def _nodes(rules: list) -> tuple:
    nodes = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = tuple(_needs(tokens) for tokens in _split_selectors(rule.prelude))
            declarations = _declarations(rule.content)
            if declarations is None:
                nodes.append(Rule(selectors, (), tinycss2.serialize(rule.content)))
            else:
                nodes.append(Rule(selectors, declarations))
        elif rule.type == "at-rule" and rule.content is not None \
                and rule.lower_at_keyword in GROUPING:
            head = f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}".rstrip()
            children = _nodes(tinycss2.parse_rule_list(rule.content))
            nodes.append(Group(head, children))
        elif rule.type in ("at-rule", "error"):
            nodes.append(Verbatim(tinycss2.serialize([rule])))
    return tuple(nodes)


# Parsing Material's 137 kB stylesheet takes tinycss2 about 0.3 s, at every
# « mkdocs build » (a new process each time) for a file that only changes
# with Material's version. Its nodes are therefore kept in the user's cache
# (usercache.py), named by the hash of the stylesheet and of this module's
# format: JSON, never pickle. A cache that cannot be read or written only
# makes the build slower.
CACHE_FORMAT = "1"


def _cache_file(text: str) -> Optional[Path]:
    folder = usercache.cache_folder("feuilles-de-style")
    if folder is None:
        return None
    digest = hashlib.sha256(f"{CACHE_FORMAT}\n{text}".encode("utf-8")).hexdigest()[:24]
    return folder / f"{digest}.json"


def _to_json(nodes: tuple) -> list:
    out = []
    for node in nodes:
        if isinstance(node, Rule):
            out.append({"s": [[n.text, sorted(n.classes), sorted(n.tags), sorted(n.colours)]
                              for n in node.selectors],
                        "d": [[d.name, d.text, sorted(d.reads)] for d in node.declarations],
                        "raw": node.raw})
        elif isinstance(node, Group):
            out.append({"g": node.head, "c": _to_json(node.children)})
        else:
            out.append({"v": node.text})
    return out


def _from_json(items: list) -> tuple:
    nodes = []
    for item in items:
        if "s" in item:
            selectors = tuple(Needs(text, frozenset(classes), frozenset(tags), frozenset(colours))
                              for text, classes, tags, colours in item["s"])
            declarations = tuple(Declaration(name, text, frozenset(reads))
                                 for name, text, reads in item["d"])
            nodes.append(Rule(selectors, declarations, item["raw"]))
        elif "g" in item:
            nodes.append(Group(item["g"], _from_json(item["c"])))
        else:
            nodes.append(Verbatim(item["v"]))
    return tuple(nodes)


def _cached(text: str):
    """The nodes an earlier build kept for ``text``; None if there are none
    (or they cannot be read: they are then parsed again and rewritten)."""
    path = _cache_file(text)
    if path is None or not path.is_file():
        return None
    try:
        return _from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _keep(text: str, nodes: tuple) -> None:
    path = _cache_file(text)
    if path is None:
        return
    try:
        write_atomically(path, json.dumps(_to_json(nodes), ensure_ascii=False),
                         durable=False)
    except WriteError:
        pass


@lru_cache(maxsize=8)
def parse(text: str) -> tuple:
    """The stylesheet ``text`` as nodes: parsed once per process, and read
    from the user's cache when an earlier build parsed it."""
    nodes = _cached(text)
    if nodes is None:
        nodes = _nodes(tinycss2.parse_stylesheet(text, skip_comments=True,
                                                 skip_whitespace=True))
        _keep(text, nodes)
    return nodes


# -- Choosing and writing ------------------------------------------------------


def _kept_rules(nodes: tuple, usage: Usage) -> tuple:
    """The nodes whose selectors can match, each with only those selectors."""
    kept = []
    for node in nodes:
        if isinstance(node, Rule):
            selectors = tuple(needs for needs in node.selectors if needs.can_match(usage))
            if selectors:
                kept.append(Rule(selectors, node.declarations, node.raw))
        elif isinstance(node, Group):
            children = _kept_rules(node.children, usage)
            if children:
                kept.append(Group(node.head, children))
        else:
            kept.append(node)
    return tuple(kept)


def _all_declarations(nodes: tuple):
    for node in nodes:
        if isinstance(node, Rule):
            yield from node.declarations
        elif isinstance(node, Group):
            yield from _all_declarations(node.children)


def _read_properties(nodes_list: list, usage: Usage) -> frozenset:
    """Custom properties something reads: a kept ordinary declaration, a
    page, a script or another stylesheet, or a property so read (until no
    new one is found)."""
    defined = {}
    read = set(usage.properties)
    raw_texts = []
    for nodes in nodes_list:
        raw_texts.extend(_raw_blocks(nodes))
        for declaration in _all_declarations(nodes):
            if declaration.is_custom:
                defined.setdefault(declaration.name, set()).update(declaration.reads)
            else:
                read |= declaration.reads
    for raw in raw_texts:
        read.update(CUSTOM_PROPERTY.findall(raw))
    pending = list(read)
    while pending:
        for name in defined.get(pending.pop(), ()):
            if name not in read:
                read.add(name)
                pending.append(name)
    return frozenset(read)


def _raw_blocks(nodes: tuple):
    for node in nodes:
        if isinstance(node, Rule) and node.raw:
            yield node.raw
        elif isinstance(node, Group):
            yield from _raw_blocks(node.children)
        elif isinstance(node, Verbatim):
            yield node.text


def _written(nodes: tuple, read: frozenset) -> str:
    parts = []
    for node in nodes:
        if isinstance(node, Rule):
            if node.raw:
                body = node.raw
            else:
                body = ";".join(declaration.text for declaration in node.declarations
                                if not declaration.is_custom or declaration.name in read)
                if not body:
                    continue
            parts.append(",".join(needs.text for needs in node.selectors) + "{" + body + "}")
        elif isinstance(node, Group):
            inner = _written(node.children, read)
            if inner:
                parts.append(f"{node.head}{{{inner}}}")
        else:
            parts.append(node.text)
    return "".join(parts)


def subset(texts: dict, usage: Usage) -> dict:
    """``{name: stylesheet}`` → ``{name: what of it the site can use}``.

    The stylesheets are taken together: a custom property defined in one and
    read in another is kept."""
    kept = {name: _kept_rules(parse(text), usage) for name, text in texts.items()}
    read = _read_properties(list(kept.values()), usage)
    return {name: _written(nodes, read) for name, nodes in kept.items()}


def subset_name(original: str, content: str) -> str:
    """``main.57a0d79d.min.css`` → ``main.<hash of content>.subset.min.css``
    (a name that is not Material's: a second run finds nothing to cut)."""
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()[:8]
    return f"{original.split('.', 1)[0]}.{digest}.subset.min.css"


def _site_files(site_dir: Path, suffix: str) -> list:
    outside = site_dir / OUTSIDE_MATERIAL
    return sorted(path for path in site_dir.rglob(f"*{suffix}")
                  if outside not in path.parents and path.is_file())


def subset_site(site_dir: Path) -> dict:
    """Replace, in every page of ``site_dir``, the links to Material's
    stylesheets by links to their subsets; return ``{old name: new name}``
    (empty when the site has no Material stylesheet, or has them already
    replaced). Raises ``files.WriteError`` when a file cannot be written; the
    pages are then as they were."""
    site_dir = Path(site_dir)
    folder = site_dir / STYLESHEET_FOLDER
    originals = sorted(path for path in folder.glob("*.min.css")
                       if MATERIAL_STYLESHEETS.match(path.name)) if folder.is_dir() else []
    pages = {path: path.read_text(encoding="utf-8") for path in _site_files(site_dir, ".html")}
    linked = [path for path in originals
              if any(f"/{path.name}\"" in page or f"\"{path.name}\"" in page
                     for page in pages.values())]
    if not linked:
        return {}
    scripts = [path.read_text(encoding="utf-8") for path in _linked_scripts(site_dir, pages)]
    others = [path.read_text(encoding="utf-8") for path in _site_files(site_dir, ".css")
              if path.parent != folder]
    usage = site_usage(list(pages.values()), scripts, others)
    texts = {path.name: path.read_text(encoding="utf-8") for path in linked}
    subsets = subset(texts, usage)
    renamed = {name: subset_name(name, content) for name, content in subsets.items()}
    changes = {folder / renamed[name]: content for name, content in subsets.items()}
    for path, page in pages.items():
        updated = _relinked(page, renamed)
        if updated != page:
            changes[path] = updated
    write_all(changes, durable=False)
    return renamed


SCRIPT_SOURCE = re.compile(r"<script\b[^>]*\ssrc=\"([^\"]+)\"")


def _linked_scripts(site_dir: Path, pages: dict) -> list:
    """The site's scripts that its pages load (Material's bundle, ours): those
    that can put classes into a page. The search engine's worker and its
    languages have no page to change."""
    found = set()
    root = site_dir.resolve()
    for path, page in pages.items():
        for source in set(SCRIPT_SOURCE.findall(page)):
            if "//" in source or source.startswith(("data:", "#")):
                continue
            target = (path.parent / source.split("?", 1)[0].split("#", 1)[0]).resolve()
            if root in target.parents and target.is_file():
                found.add(target)
    return sorted(found)


def _relinked(page: str, renamed: dict) -> str:
    for old, new in renamed.items():
        page = page.replace(f"stylesheets/{old}\"", f"stylesheets/{new}\"")
    return page
