"""Kinds whose value is a list: identifiers of another grid, lines of text,
small records (a project's partners, its funding lines)."""

from __future__ import annotations

import re

from .. import french, values
from .base import (ITEMS, RECORDS, TEXT_FORMAT, Either, Items, Kind, Records, Text)

_CELL_SEPARATORS = re.compile(r"[,;\n]")


class ListKind(Kind):
    """A list of texts, one per item, or typed on one line."""

    shape = ITEMS
    separator = ", "  # between items, on one line
    csv_separator = ", "
    longest = 500  # characters of one item

    def read(self, text, column):
        return values.read_text(text, self.longest)

    def split(self, text: str) -> list:
        """The items of a list typed on one line."""
        return [text.strip()]

    def text(self, value, column) -> str:
        return self.separator.join(str(v) for v in value)

    def author_text(self, value, column) -> str:
        return self.separator.join(str(v) for v in value)

    def sheet_value(self, value, column) -> tuple:
        return self.author_text(value, column), TEXT_FORMAT

    def sheet_format(self, column) -> str:
        return TEXT_FORMAT

    def sheet_rule(self, column):
        return None

    def from_sheet_number(self, number, number_format):
        return None

    def csv_fields(self, column) -> list:
        return [(column.key, column.label)]

    def csv_values(self, value, column) -> list:
        return [self.csv_separator.join(str(v) for v in value)]

    def json_value(self, value, column, nested):
        return [str(v) for v in value]

    def from_json(self, value, column, nested):
        return [self.read(str(item), column) for item in value]

    def data_schema(self, column, nested) -> dict:
        return {"type": "array", "items": {"type": "string"}}

    def table_type(self, column) -> dict:
        return {"type": "string"}  # the items joined (``csv_separator``)


class Refs(ListKind):
    """Identifiers of rows of another grid (« B-01, B-02 »), or the column's
    ``whole`` phrase (« tout le plan »), in any capitalisation."""

    name = "refs"

    def check_declaration(self, column) -> None:
        if not column.target:
            raise ValueError(f"reference column {column.key} has no target")

    def read(self, text, column):
        if column.whole and values.fold(text) == values.fold(column.whole):
            return column.whole
        return super().read(text, column)

    def split(self, text: str) -> list:
        # "B-01, B-02" written on one line is read as the two ids it lists.
        return [part.strip() for part in text.split(",") if part.strip()]

    def cell(self, value, column, show) -> dict:
        if column.whole and column.whole in value:
            return {"view": "text", "text": french.capitalise(column.whole)}
        return {"view": "links",
                "links": [show.reference(column.target, ref) for ref in value]}

    def yaml_form(self, value, column):
        items = Items(tuple(Text(str(v)) for v in value), flow=True)
        return Either(items, Text(self.author_text(value, column)))

    def sheet_width(self, column) -> int:
        return 20

    def sheet_hint(self, column) -> str:
        return "Plusieurs identifiants séparés par des virgules : B-01, B-02"

    def from_sheet_text(self, text: str):
        return [part.strip() for part in _CELL_SEPARATORS.split(text) if part.strip()]

    def cms_field(self, column, context) -> dict:
        if column.whole:  # a phrase as well as ids: a relation would refuse it
            return {"widget": "list", "field": {"name": "id", "widget": "string"}}
        return context.relation(column, multiple=True)

    def input_schema(self, column, context) -> dict:
        array = {"type": "array", "items": context.id_schema(column.target),
                 "minItems": column.min_items}
        return {"anyOf": [array, {"type": "string"}]}


class TextList(ListKind):
    """Lines of text (a plan's values, an orientation's objectives)."""

    name = "liste_texte"
    multiline = True
    csv_separator = " | "

    def cell(self, value, column, show) -> dict:
        return {"view": "list", "entries": [str(item) for item in value]}

    def author_text(self, value, column) -> str:
        return "\n".join(str(v) for v in value)

    def yaml_form(self, value, column):
        return Items(tuple(Text(str(v)) for v in value), flow=False)

    def sheet_width(self, column) -> int:
        return 45

    def sheet_hint(self, column) -> str:
        return ("Un élément par ligne dans la cellule (Alt+Entrée dans Excel, "
                "Ctrl+Entrée dans LibreOffice).")

    def from_sheet_text(self, text: str):
        return [line.strip() for line in text.split("\n") if line.strip()]

    def cms_field(self, column, context) -> dict:
        return {"widget": "list", "field": {"name": "element", "label": column.label,
                                            "widget": "string"}}

    def input_schema(self, column, context) -> dict:
        array = {"type": "array", "items": {"type": ["string", "number"]},
                 "minItems": column.min_items}
        return {"anyOf": [array, {"type": "string"}]}


class SubList(Kind):
    """Small records with columns of their own (``column.columns``). They are
    read field by field, and get a sheet and a CSV file of their own."""

    name = "sous_liste"
    shape = RECORDS

    def check_declaration(self, column) -> None:
        if not column.columns:
            raise ValueError(f"sub-list column {column.key} has no columns")

    def read(self, text, column):
        raise TypeError("sub-records are read field by field (reading/validate.py)")

    def text(self, value, column) -> str:
        return french.count(len(value), "élément", "éléments")

    def cell(self, value, column, show) -> dict:
        return {"view": "records", "entries": [show.sub_cells(column.columns, sub)
                                              for sub in value]}

    def author_text(self, value, column) -> str:
        return self.text(value, column)

    def yaml_form(self, value, column):
        return Records(tuple(value))

    def sheet_value(self, value, column) -> tuple:
        raise TypeError("sub-records have a sheet of their own (spreadsheet/layout.py)")

    def sheet_format(self, column) -> str:
        return TEXT_FORMAT

    def sheet_width(self, column) -> int:
        return 18

    def sheet_hint(self, column) -> str:
        return ""

    def sheet_rule(self, column):
        return None

    def from_sheet_number(self, number, number_format):
        return None

    def from_sheet_text(self, text: str):
        raise TypeError("sub-records have a sheet of their own (spreadsheet/layout.py)")

    def csv_fields(self, column) -> list:
        return []  # a CSV file of their own

    def csv_values(self, value, column) -> list:
        return []

    def table_type(self, column) -> dict:
        return {}  # no CSV column: a CSV file of its own

    def json_value(self, value, column, nested):
        return [nested(column.columns, sub) for sub in value]

    def from_json(self, value, column, nested):
        return [nested(column.columns, sub) for sub in value]

    def data_schema(self, column, nested) -> dict:
        return {"type": "array", "items": nested(column.columns)}

    def input_schema(self, column, context) -> dict:
        return {"type": "array", "items": context.record(column.columns)}

    def cms_field(self, column, context) -> dict:
        return {"widget": "list", "fields": context.fields(column.columns),
                "summary": context.summary(column.columns)}
