"""Kinds whose value is a text: a line, a long text, a web address, an email
address, the identifier of a row of another grid."""

from __future__ import annotations

import re

from .. import values
from ..french import capitalise
from .base import TEXT_FORMAT, ReferenceList, ScalarKind, Block, Text as TextForm


_DIGITS_PATTERN = re.compile(r"^\^\[0-9\]\{(\d+)(?:,(\d+))?\}\$$")


def code_digits(column):
    """(fewest, most) digits of a code column (pattern ``^[0-9]{2,3}$``), or None."""
    match = _DIGITS_PATTERN.match(column.pattern or "")
    if match is None:
        return None
    fewest = int(match.group(1))
    return fewest, int(match.group(2) or fewest)


class Text(ScalarKind):
    """One line of text; ``pattern`` on the column constrains its form (codes)."""

    name = "texte"
    width = 30
    hint = ""
    longest = 500  # characters: a line (a title, a name); paragraphs are texte_long

    def read(self, text, column):
        value = values.read_text(text, self.longest)
        if column.pattern and not re.match(column.pattern, value):
            raise values.ValueIssue(f"« {values.shown(text)} » n'a pas la forme "
                                    f"attendue : {column.help_phrase}")
        return value

    def text(self, value, column) -> str:
        return str(value)

    def author_text(self, value, column) -> str:
        return str(value)

    def yaml_form(self, value, column):
        return TextForm(str(value), "always" if column.pattern else "if_needed")

    def sheet_value(self, value, column) -> tuple:
        return str(value), TEXT_FORMAT

    def sheet_format(self, column) -> str:
        return TEXT_FORMAT

    def sheet_width(self, column) -> int:
        return self.width

    def sheet_hint(self, column) -> str:
        return self.hint

    def sheet_rule(self, column):
        return None

    def csv_values(self, value, column) -> list:
        return [str(value)]

    def json_value(self, value, column, nested):
        return value

    def data_schema(self, column, nested) -> dict:
        return {"type": "string", "maxLength": self.longest}

    def table_type(self, column) -> dict:
        if column.pattern:
            return {"type": "string", "constraints": {"pattern": column.pattern.strip("^$")}}
        return {"type": "string"}

    def input_schema(self, column, context) -> dict:
        if column.pattern:
            return {"type": "string", "pattern": column.pattern}
        # A YAML editor reads an unquoted 42 or oui as a number or a boolean.
        return {"type": ["string", "number", "boolean"], "maxLength": self.longest}


class LongText(Text):
    """Paragraphs of Markdown, rendered safely (``pages/safe.py``)."""

    name = "texte_long"
    width = 60
    multiline = True
    longest = 50_000  # about twenty pages
    hint = "Texte libre ; une ligne vide sépare deux paragraphes."

    def cell(self, value, column, show) -> dict:
        return {"view": "html", "html": show.long_text(value)}

    def yaml_form(self, value, column):
        if "\n" in value:
            return Block(value)
        return TextForm(value)

    def from_sheet_text(self, text: str):
        return text.strip()

    def cms_field(self, column, context) -> dict:
        # The Markdown the site renders (pages/safe.py): no images, no
        # embedded components, no raw HTML.
        return {"widget": "markdown", "minimal": True, "editor_components": [],
                "buttons": ["bold", "italic", "link", "bulleted-list", "numbered-list"],
                "hint": self.hint}


class Link(Text):
    """A web address, http:// or https://."""

    name = "lien"
    width = 35
    longest = 2000
    hint = "Adresse complète, qui commence par https://"

    def read(self, text, column):
        return values.read_link(values.read_text(text, self.longest))

    def cell(self, value, column, show) -> dict:
        return {"view": "link", "href": value, "text": value}

    def data_schema(self, column, nested) -> dict:
        return {"type": "string", "format": "uri"}

    def table_type(self, column) -> dict:
        return {"type": "string", "format": "uri"}

    def input_schema(self, column, context) -> dict:
        return {"type": "string", "pattern": r"^https?://\S+$"}

    def cms_field(self, column, context) -> dict:
        return {**super().cms_field(column, context), "type": "url"}


class Email(Text):
    """An email address."""

    name = "courriel"
    width = 30
    longest = 254
    hint = "Adresse courriel, p. ex. nom@mrc.qc.ca"

    def read(self, text, column):
        return values.read_email(values.read_text(text, self.longest))

    def cell(self, value, column, show) -> dict:
        return {"view": "link", "href": f"mailto:{value}", "text": value}

    def data_schema(self, column, nested) -> dict:
        return {"type": "string", "format": "email"}

    def table_type(self, column) -> dict:
        return {"type": "string", "format": "email"}

    def input_schema(self, column, context) -> dict:
        return {"type": "string", "pattern": r"^[^@\s]+@[^@\s]+\.[^@\s]+$"}

    def cms_field(self, column, context) -> dict:
        return {**super().cms_field(column, context), "type": "email"}


class Ref(Text):
    """The identifier of one row of another grid (``column.target``), or the
    column's ``whole`` phrase (« ensemble du territoire »), in any capitalisation."""

    name = "ref"
    width = 14

    def check_declaration(self, column) -> None:
        if not column.target:
            raise ValueError(f"reference column {column.key} has no target")

    def read(self, text, column):
        if column.whole and values.fold(text) == values.fold(column.whole):
            return column.whole
        return super().read(text, column)

    def text(self, value, column) -> str:
        return capitalise(value) if column.whole and value == column.whole else str(value)

    def cell(self, value, column, show) -> dict:
        if column.whole and value == column.whole:
            return {"view": "text", "text": self.text(value, column)}
        return {"view": "links", "links": [show.reference(column.target, value)]}

    def sheet_rule(self, column):
        return ReferenceList(column.target)

    def cms_field(self, column, context) -> dict:
        if column.whole:  # a phrase as well as a row: a relation would refuse it
            return {"widget": "string"}
        return context.relation(column, multiple=False)

    def input_schema(self, column, context) -> dict:
        schema = context.id_schema(column.target)
        if not column.whole:
            return schema
        spelled = [column.whole, capitalise(column.whole)]
        return {"anyOf": [schema, {"enum": spelled}]}
