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


# A line to type is quoted whole in a message, unless it is very long.
TO_TYPE_LENGTH = 300


def to_type(text: str) -> str:
    """A line the author should type, as quoted in a message."""
    return text if len(text) <= TO_TYPE_LENGTH else text[:TO_TYPE_LENGTH].rstrip() + "…"


def missing_dash_message(line: int, text: str, dash_column: int) -> str:
    """A row of a list written without its dash: what to type instead."""
    typed = to_type("- " + text.strip())
    return (f"il manque sans doute le tiret « - » au début de la ligne {line} : "
            f"chaque ligne d'une liste commence par un tiret ; écrire « {typed} », "
            f"le tiret à la colonne {dash_column} comme aux autres lignes de la liste")


def _row_starts(pairs) -> list:
    """Where the fields of a block start again in the order of a row: the
    indexes of the first field of each row after the first."""
    keys = [key.value if isinstance(key, yaml.ScalarNode) else None for key, _ in pairs]
    starts, row = [], {}  # the current row's fields: name -> place in the row
    for index, key in enumerate(keys):
        if index and _starts_again(row, keys, index):
            starts.append(index)
            row = {}
        row.setdefault(key, len(row))
    return starts


def _starts_again(row: dict, keys: list, index: int) -> bool:
    """Does the field at ``index``, already in ``row``, begin another row? It
    is the row's first field, or it and the next field repeat the row's order."""
    key = keys[index]
    if key is None or key not in row:
        return False
    if row[key] == 0:
        return True
    following = keys[index + 1] if index + 1 < len(keys) else None
    return following is not None and row.get(following, -1) > row[key]


_ALIAS_MESSAGE = ("les ancres et renvois YAML (& et *) ne sont pas permis : recopier "
                  "la valeur, ou la mettre entre guillemets si elle commence par *")


class _Converter:
    def __init__(self, path: str, lines: list = ()):
        self.path = path
        self.lines = lines  # the file's lines, to quote one in a message
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
            # libyaml gives a plain scalar the style "", the pure-Python parser None.
            return Scalar(text, line, column, quoted=bool(node.style))
        if isinstance(node, yaml.SequenceNode):
            return Seq([self.convert(row, depth + 1) for item in node.value
                        for row in self.rows_of(item, column)], line, column)
        return self.convert_mapping(node, line, column, depth)

    def rows_of(self, node, dash_column: int) -> list:
        """An item of a list, as one node or, when its fields start again in
        the order of a row (the dash of the next row forgotten), one node per
        row, the missing dash said once per row."""
        if (not isinstance(node, yaml.MappingNode) or node.flow_style
                or id(node) in self.seen):
            return [node]
        starts = _row_starts(node.value)
        if not starts:
            return [node]
        self.seen.add(id(node))  # an alias of it is still found
        for start in starts:
            key = node.value[start][0]
            line = key.start_mark.line + 1
            message = missing_dash_message(line, _line_text(self.lines, line), dash_column)
            self.problems.append(Problem.in_file(self.path, line, "", message))
        bounds = zip([0] + starts, starts + [len(node.value)])
        return [yaml.MappingNode(node.tag, node.value[first:last],
                                 node.value[first][0].start_mark,
                                 node.value[last - 1][1].end_mark, flow_style=False)
                for first, last in bounds]

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
_DASH_HINT = "l'indentation n'est pas régulière : aligner les tirets d'une même liste"
_COLON_HINT = ("deux-points inattendu : mettre la valeur entre guillemets si elle "
               "contient « : », ou vérifier l'indentation")
_APOSTROPHE_HINT = ("une apostrophe ferme les guillemets simples : retirer les "
                    "guillemets, utiliser des guillemets doubles ou doubler "
                    "l'apostrophe (l''Exemple)")
_GENERIC_HINT = ("la structure YAML est invalide à cet endroit : vérifier "
                 "l'indentation, les deux-points et les guillemets")
_START_CHARACTERS = "@`%"
# What libyaml and the pure-Python parser say of a line indented unlike its block.
_INDENT_WORDS = ("expected key", "expected <block end>", "expected '-' indicator")


def _line_text(lines: list, line: int) -> str:
    return lines[line - 1] if 0 < line <= len(lines) else ""


# The start of a line « key: » (after the dashes of its rows, if any), a field's
# name being one word; possessive, so that a long line is read in one pass.
_FIELD = re.compile(r"^( *+)((?:- ++)*+)([^\s#:\"'\-][^\s:]*+) *+:(?: |$)")


def quoted(value: str) -> str:
    """``value`` between quotes, as YAML reads it back unchanged."""
    if ('"' in value or "\\" in value) and "'" not in value:
        return f"'{value}'"
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _colon_hint(lines: list, line: int, column: int) -> str:
    """A stray colon inside a value, or a key indented differently."""
    text = _line_text(lines, line)
    if ":" not in text[: column - 1]:
        return _indent_hint(lines, line)
    entry = _entry(text)
    if entry is None or entry[2][:1] in "\"'":
        return _COLON_HINT
    dashes, key, value = entry
    typed = to_type(f"{dashes}{key}: {quoted(value)}")
    return (f"deux-points dans la valeur : mettre toute la valeur entre guillemets ; "
            f"écrire « {typed} »")


def _dash_value_hint(text: str) -> str:
    """A value that begins with « - », which YAML takes for a list."""
    entry = _entry(text)
    if entry is None or not entry[2].startswith("-"):
        return _GENERIC_HINT
    dashes, key, value = entry
    with_quotes = to_type(f"{dashes}{key}: {quoted(value)}")
    without_dash = to_type(f"{dashes}{key}: {value[1:].strip()}")
    return (f"une valeur ne peut commencer par un tiret suivi d'une espace (YAML y "
            f"voit une liste) : écrire « {with_quotes} », avec les guillemets, ou "
            f"retirer le tiret (« {without_dash} »)")


def _entry(text: str):
    """(the row's dash and space or "", name, value without its comment) of a
    line « key: value », or None."""
    match = _FIELD.match(text)
    if match is None:
        return None
    value = text[match.end():]
    comment = value.find(" #")
    value = (value if comment < 0 else value[:comment]).strip()
    return "- " * match.group(2).count("-"), match.group(3), value


def _field_at(text: str):
    """(name, column, after a dash) of the field a line begins, or None."""
    match = _FIELD.match(text)
    if match is None:
        return None
    indent, dashes, key = match.groups()
    return key, len(indent) + len(dashes) + 1, bool(dashes)


def _indentation(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _lines_before(lines: list, line: int):
    """(number, text) of the lines above ``line``, nearest first, without the
    blank lines and the comments."""
    for number in range(min(line, len(lines) + 1) - 1, 0, -1):
        text = lines[number - 1]
        if text.strip() and not text.lstrip().startswith("#"):
            yield number, text


def _row_first_field(lines: list, line: int, dash_column: int) -> str:
    """The first field of the row above ``line`` whose dash is at
    ``dash_column``; "" when that column holds no dash."""
    for _, text in _lines_before(lines, line):
        if _indentation(text) < dash_column - 1:
            return ""
        if _indentation(text) == dash_column - 1:
            field = _field_at(text)
            return field[0] if field is not None and field[2] else ""
    return ""


def _nearest_field(lines: list, line: int):
    """(name, column, line) of the nearest field above ``line``, or None."""
    for number, text in _lines_before(lines, line):
        field = _field_at(text)
        if field is not None:
            return field[0], field[1], number
    return None


def _indent_hint(lines: list, line: int) -> str:
    """A line indented unlike its neighbours: a dash, a field (aligned under
    the fields above it), or a row whose dash is missing."""
    text = _line_text(lines, line)
    if text.lstrip(" ").startswith("-"):
        return _DASH_HINT
    field = _field_at(text)
    if field is None:
        return _INDENT_HINT
    key, column, _ = field
    if _row_first_field(lines, line, column) == key:
        return missing_dash_message(line, text, column)
    nearest = _nearest_field(lines, line)
    if nearest is None or nearest[1] == column:
        return _INDENT_HINT
    name, nearest_column, number = nearest
    return (f"l'indentation n'est pas régulière : aligner « {key} » sous les autres "
            f"champs du même bloc (colonne {nearest_column}, comme « {name} » à la "
            f"ligne {number})")


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
        return line, column, _colon_hint(lines, line, column)
    if "sequence entries are not allowed" in words:
        return line, column, _dash_value_hint(text)
    if "expected key" in words and re.search(r":\s*'.*'.*'", text):
        return line, column, _APOSTROPHE_HINT
    if any(phrase in words for phrase in _INDENT_WORDS):
        return line, column, _indent_hint(lines, line)
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
    converter = _Converter(shown_path, text.splitlines())
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
