"""Read a YAML file into a small tree that remembers where each value was.

PyYAML only builds the node graph here (``compose``); it never constructs
Python values, so YAML 1.1's implicit typing (``no`` → False, ``08`` → 8,
``12:30`` → 750, ``2026-03-15`` → a date) never applies. Each scalar keeps
the text the author typed and its line, and the column kinds
(``plan/kinds/``) decide how to read it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Union

import re
import unicodedata

import yaml

from ..oserrors import reading_cause
from ..plan import characters
from .problems import Problem

# libyaml's parser is about five times faster than the pure-Python one.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

NULL_WORDS = {"", "~", "null", "Null", "NULL"}

# A plan's file nests at most five levels (grid, row, field, sub-record,
# value); deeper is a mistake, and a recursion (or libyaml's 1000-level
# limit) must never be what stops it.
MAX_DEPTH = 20
DEPTH_MESSAGE = (f"imbrication trop profonde (plus de {MAX_DEPTH} niveaux de listes ou "
                 "de blocs les uns dans les autres) : une grille en demande au plus 5 ; "
                 "vérifier les tirets, les crochets [ ] et l'indentation")


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
    """What the author wrote, as a noun phrase: « une liste », « "texte" »."""
    if isinstance(node, Map):
        return "un bloc de champs"
    if isinstance(node, Seq):
        return "une liste"
    if node.is_null:
        return "une valeur vide"
    return f"« {node.text} »"


def _duplicate_message(key: str, first_line: int, depth: int) -> str:
    if depth == 0:
        return (f"la grille « {key} » est écrite deux fois dans ce fichier (aussi à "
                f"la ligne {first_line}) : réunir toutes ses lignes sous un seul "
                f"« {key}: »")
    return (f"ce champ est écrit deux fois dans le même bloc (aussi à la ligne "
            f"{first_line}) : n'en garder qu'un")


_ALIAS_MESSAGE = ("les ancres et renvois YAML (& et *) ne sont pas permis : recopier "
                  "la valeur, ou la mettre entre guillemets si elle commence par *")


class _Converter:
    def __init__(self, path: str):
        self.path = path
        self.problems: list = []
        self.seen: set = set()  # nodes already converted: a second visit is an alias
        self.has_alias = False
        self.too_deep = 0  # line of the first node nested too deep

    def convert(self, node, depth: int = 0) -> Tree:
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        if depth > MAX_DEPTH:
            self.too_deep = self.too_deep or line
            return Scalar("", line, column)
        if id(node) in self.seen:
            self.has_alias = True
            return Scalar("", line, column)
        self.seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            text = unicodedata.normalize("NFC", node.value)
            return Scalar(text, line, column, quoted=node.style is not None)
        if isinstance(node, yaml.SequenceNode):
            return Seq([self.convert(item, depth + 1) for item in node.value],
                       line, column)
        return self.convert_mapping(node, line, column, depth)

    def convert_mapping(self, node, line: int, column: int, depth: int) -> Map:
        result = Map(line=line, column=column)
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(Problem.in_file(
                    self.path, key_line, "",
                    "un nom de champ doit être un simple mot (p. ex. « titre : »)"))
                continue
            key = unicodedata.normalize("NFC", key_node.value)
            if key in result.entries:
                first = result.entries[key].key_line
                self.problems.append(Problem.in_file(self.path, key_line, key,
                                             _duplicate_message(key, first, depth)))
                continue
            result.entries[key] = Entry(key, key_line,
                                        self.convert(value_node, depth + 1))
        return result


# What PyYAML (libyaml or pure Python) reports, and what it usually means for
# an author. Each rule looks at the error and at the line it points to.
_QUOTES_HINT = "des guillemets ne sont pas refermés"
_INDENT_HINT = "l'indentation n'est pas régulière : aligner les champs d'un même bloc"
_COLON_HINT = ("deux-points inattendu : mettre la valeur entre guillemets si elle "
               "contient « : », ou vérifier l'indentation")
_APOSTROPHE_HINT = ("une apostrophe ferme les guillemets simples : retirer les "
                    "guillemets, utiliser des guillemets doubles ou doubler "
                    "l'apostrophe (l''Exemple)")
_GENERIC_HINT = ("la structure YAML est invalide à cet endroit : vérifier "
                 "l'indentation, les deux-points et les guillemets")
_START_CHARACTERS = "@`%"


def _line_text(lines: list, line: int) -> str:
    return lines[line - 1] if 0 < line <= len(lines) else ""


def _colon_hint(text: str, column: int) -> str:
    """A stray colon inside a value, or a key indented differently."""
    before = text[: column - 1]
    return _COLON_HINT if ":" in before else _INDENT_HINT


def _syntax_hint(error, lines: list, line: int, column: int) -> tuple:
    """(line, column, French hint) for a YAML syntax error."""
    words = f"{error.context or ''} {error.problem or ''}"
    text = _line_text(lines, line)
    character = text[column - 1] if 0 < column <= len(text) else ""
    if "quoted scalar" in words and error.context_mark is not None:
        start = error.context_mark
        return start.line + 1, start.column + 1, _QUOTES_HINT
    if character == "\t" or "'\\t'" in words or "tab character" in words:
        return line, column, ("une tabulation sert d'indentation : la remplacer "
                              "par des espaces")
    if character in _START_CHARACTERS and "cannot start any token" in words:
        return line, column, (f"une valeur ne peut commencer par {character} : "
                              "la mettre entre guillemets")
    if "mapping values are not allowed" in words:
        return line, column, _colon_hint(text, column)
    if "expected key" in words and re.search(r":\s*'.*'.*'", text):
        return line, column, _APOSTROPHE_HINT
    if "expected key" in words or "expected <block end>" in words:
        return line, column, _INDENT_HINT
    if "expected '-' indicator" in words:
        return line, column, ("l'indentation n'est pas régulière : aligner les "
                              "tirets d'une même liste")
    if "could not find expected ':'" in words:
        return line, column, ("il manque « : » après le nom du champ, ou une valeur "
                              "sur plusieurs lignes doit être entre guillemets")
    if "undefined alias" in words:
        return line, column, ("un astérisque (*) en début de valeur : mettre la "
                              "valeur entre guillemets")
    if "unknown escape character" in words:
        return line, column, ("barre oblique inverse (\\) entre guillemets doubles : "
                              "utiliser des guillemets simples")
    return line, column, _GENERIC_HINT


def read_yaml(path: Path, shown_path: str) -> tuple:
    """Return (tree or None, problems) for one file. Never raises on bad input."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        cause, remedy = reading_cause(error)
        return None, [Problem.in_file(shown_path, 0, "",
                                      f"le fichier ne peut être lu ({cause}) : {remedy}")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [Problem.in_file(
            shown_path, line, "",
            "le fichier n'est pas encodé en UTF-8 : l'enregistrer en UTF-8 "
            "(dans votre éditeur, « Enregistrer sous » › encodage UTF-8)")]
    return read_yaml_text(text, shown_path)


def read_yaml_text(text: str, shown_path: str) -> tuple:
    """Like ``read_yaml``, for text already decoded (e.g. a file about to be written)."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.reader.ReaderError as error:
        return None, [_character_problem(text, error.character, shown_path)]
    except UnicodeEncodeError as error:  # half of a character (a lone surrogate)
        return None, [_character_problem(text, text[error.start], shown_path)]
    except yaml.MarkedYAMLError as error:
        return None, [_syntax_problem(error, text, shown_path)]
    except yaml.YAMLError:
        return None, [Problem.in_file(shown_path, 0, "",
                                      "erreur de syntaxe YAML : le fichier ne peut être lu")]
    except RecursionError:  # the pure-Python parser, on very deep nesting
        return None, [Problem.in_file(shown_path, 0, "", DEPTH_MESSAGE)]
    if node is None:
        return None, []
    converter = _Converter(shown_path)
    tree = converter.convert(node)
    if converter.too_deep:
        return None, [Problem.in_file(shown_path, converter.too_deep, "", DEPTH_MESSAGE)]
    if converter.has_alias:
        return None, _alias_problems(text, shown_path)
    return tree, list(dict.fromkeys(converter.problems))


def _syntax_problem(error, text: str, shown_path: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark else 0
    column = mark.column + 1 if mark else 0
    if "maximum nesting depth" in str(error.problem):  # libyaml stops at 1000 levels
        return Problem.in_file(shown_path, line, "", DEPTH_MESSAGE)
    line, column, hint = _syntax_hint(error, text.splitlines(), line, column)
    return Problem.in_file(shown_path, line, "",
                           f"erreur de syntaxe YAML (colonne {column}) : {hint}",
                           column=column)


def _character_problem(text: str, character, shown_path: str) -> Problem:
    """A character YAML refuses (a vertical tab pasted from Word): named, placed.

    It is found by its value: libyaml counts its position in bytes, the pure
    Python reader in characters."""
    character = chr(character) if isinstance(character, int) else str(character)
    position = max(text.find(character), 0)
    before = text[:position]
    line = before.count("\n") + 1
    column = position - (before.rfind("\n") + 1) + 1
    described = (characters.describe(character)
                 or f"caractère U+{ord(character[:1] or ' '):04X}, à supprimer")
    return Problem.in_file(shown_path, line, "", (
        f"caractère interdit dans le fichier, à la colonne {column} : {described} "
        "(il vient souvent d'un copier-coller depuis un traitement de texte)"),
        column=column)


def _alias_problems(text: str, shown_path: str) -> list:
    """One problem per alias (*nom), at its own line; the file is not read."""
    lines = sorted({token.start_mark.line + 1
                    for token in yaml.scan(text, Loader=_Loader)
                    if isinstance(token, yaml.AliasToken)})
    return [Problem.in_file(shown_path, line, "", _ALIAS_MESSAGE) for line in lines]
