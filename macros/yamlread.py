"""Read a YAML file into a small tree that remembers where each value was.

PyYAML only builds the node graph here (``compose``); it never constructs
Python values, so YAML 1.1's implicit typing (``no`` → False, ``08`` → 8,
``12:30`` → 750, ``2026-03-15`` → a date) never applies. Each scalar keeps
the text the author typed and its line, and the column kinds in
``catalog.py`` decide how to read it (see ``values.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Union

import yaml

from .problems import Problem

# libyaml's parser is about five times faster than the pure-Python one.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

NULL_WORDS = {"", "~", "null", "Null", "NULL"}


@dataclass
class Scalar:
    text: str
    line: int
    column: int
    quoted: bool = False

    @property
    def is_null(self) -> bool:
        if self.quoted:
            return self.text.strip() == ""
        return self.text.strip() in NULL_WORDS


@dataclass
class Seq:
    items: list
    line: int
    column: int


@dataclass
class Entry:
    key: str
    key_line: int
    value: "Tree"


@dataclass
class Map:
    entries: dict = field(default_factory=dict)  # key -> Entry
    line: int = 1
    column: int = 1


Tree = Union[Scalar, Seq, Map]


def describe(node: Tree) -> str:
    if isinstance(node, Map):
        return "un bloc de champs"
    if isinstance(node, Seq):
        return "une liste"
    return f"« {node.text} »"


class _Converter:
    def __init__(self, path: str):
        self.path = path
        self.problems: list = []

    def convert(self, node) -> Tree:
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        if isinstance(node, yaml.ScalarNode):
            return Scalar(node.value, line, column, quoted=node.style is not None)
        if isinstance(node, yaml.SequenceNode):
            return Seq([self.convert(item) for item in node.value], line, column)
        return self.convert_mapping(node, line, column)

    def convert_mapping(self, node, line: int, column: int) -> Map:
        result = Map(line=line, column=column)
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(Problem(
                    self.path, key_line, "",
                    "un nom de champ doit être un simple mot (p. ex. « titre : »)"))
                continue
            key = key_node.value
            if key in result.entries:
                first = result.entries[key].key_line
                self.problems.append(Problem(
                    self.path, key_line, key,
                    f"ce champ est écrit deux fois dans le même bloc (aussi à la "
                    f"ligne {first}) : n'en garder qu'un"))
                continue
            result.entries[key] = Entry(key, key_line, self.convert(value_node))
        return result


# PyYAML's messages, in English, and what they usually mean for an author.
_SYNTAX_HINTS = (
    ("found character '\\t'",
     "une tabulation sert d'indentation : la remplacer par des espaces"),
    ("mapping values are not allowed here",
     "deux-points inattendu : mettre la valeur entre guillemets si elle contient "
     "« : », ou vérifier l'indentation"),
    ("could not find expected ':'",
     "il manque « : » après le nom du champ, ou une valeur sur plusieurs lignes "
     "doit être entre guillemets"),
    ("found unexpected end of stream",
     "des guillemets ne sont pas refermés"),
    ("while scanning a quoted scalar",
     "des guillemets ne sont pas refermés"),
    ("expected <block end>",
     "l'indentation n'est pas régulière : aligner les champs d'un même bloc"),
    ("did not find expected '-' indicator",
     "l'indentation n'est pas régulière : aligner les tirets d'une même liste"),
    ("did not find expected key",
     "l'indentation n'est pas régulière : aligner les champs d'un même bloc"),
    ("found undefined alias",
     "un astérisque (*) en début de valeur : mettre la valeur entre guillemets"),
    ("found character '@' that cannot start any token",
     "une valeur ne peut commencer par @ : la mettre entre guillemets"),
    ("found character '`' that cannot start any token",
     "une valeur ne peut commencer par ` : la mettre entre guillemets"),
    ("found unknown escape character",
     "barre oblique inverse (\\) entre guillemets doubles : utiliser des "
     "guillemets simples"),
)


def _syntax_message(error: yaml.MarkedYAMLError) -> str:
    text = f"{error.context or ''} {error.problem or ''}"
    for needle, hint in _SYNTAX_HINTS:
        if needle in text:
            return hint
    return ("la structure YAML est invalide à cet endroit : vérifier "
            "l'indentation, les deux-points et les guillemets")


def read_yaml(path: Path, shown_path: str) -> tuple:
    """Return (tree or None, problems) for one file. Never raises on bad input."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, [Problem(shown_path, 0, "",
                              f"fichier illisible ({error.strerror})")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [Problem(
            shown_path, line, "",
            "le fichier n'est pas encodé en UTF-8 : l'enregistrer en UTF-8 "
            "(dans votre éditeur, « Enregistrer sous » › encodage UTF-8)")]
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 0
        column = mark.column + 1 if mark else 0
        return None, [Problem(shown_path, line, "",
                              f"erreur de syntaxe YAML (colonne {column}) : "
                              f"{_syntax_message(error)}", column=column)]
    except yaml.YAMLError:
        return None, [Problem(shown_path, 0, "",
                              "erreur de syntaxe YAML : le fichier ne peut être lu")]
    if node is None:
        return None, []
    converter = _Converter(shown_path)
    tree = converter.convert(node)
    return tree, converter.problems


def scalar_text(node: Optional[Tree]) -> Optional[str]:
    if isinstance(node, Scalar) and not node.is_null:
        return node.text
    return None
