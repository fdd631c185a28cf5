"""Kinds whose value is one of a few: a choice of the catalog's list, yes or no."""

from __future__ import annotations

from .. import values
from .base import (NUMBER_FORMAT, TEXT_FORMAT, ChoiceList, Plain, ScalarKind, Text,
                   WordList)


class Choice(ScalarKind):
    """One of ``column.choices``; ``column.labels`` says what each one means."""

    name = "choix"

    def check_declaration(self, column) -> None:
        if not column.choices:
            raise ValueError(f"choice column {column.key} has no choices")

    def read(self, text, column):
        return values.read_choice(text, column.choices, column.labels)

    def text(self, value, column) -> str:
        label = column.choice_label(value)
        if isinstance(value, str):  # a word: its label says it in full (« bailleur de fonds »)
            return label or value
        return f"{value} ({label})" if label else str(value)

    def author_text(self, value, column) -> str:
        return str(value)

    def yaml_form(self, value, column):
        return Plain(value) if isinstance(value, int) else Text(value)

    def sheet_value(self, value, column) -> tuple:
        return value, (NUMBER_FORMAT if isinstance(value, int) else TEXT_FORMAT)

    def sheet_format(self, column) -> str:
        numbers = all(isinstance(c, int) for c in column.choices)
        return NUMBER_FORMAT if numbers else TEXT_FORMAT

    def sheet_width(self, column) -> int:
        return max(len(str(c)) for c in column.choices) + 4

    def sheet_hint(self, column) -> str:
        return ""

    def sheet_rule(self, column):
        choices = column.choices + ((values.UNKNOWN_WORD,) if column.accepts_unknown else ())
        allowed = ", ".join(str(c) for c in choices)
        return ChoiceList(choices, f"Choisir une valeur dans la liste : {allowed}")

    def csv_values(self, value, column) -> list:
        return [str(value)]

    def json_value(self, value, column, nested):
        return value

    def data_schema(self, column, nested) -> dict:
        return {"enum": list(column.choices)}

    def table_type(self, column) -> dict:
        return {"type": "string", "constraints": {"enum": [str(c) for c in column.choices]}}

    def cms_field(self, column, context) -> dict:
        options = [{"label": self._option_label(choice, column), "value": choice}
                   for choice in column.choices]
        if column.accepts_unknown:
            options.append({"label": values.UNKNOWN_WORD, "value": values.UNKNOWN_WORD})
        return {"widget": "select", "options": options}

    @staticmethod
    def _option_label(choice, column) -> str:
        label = column.choice_label(choice)
        return f"{choice} ({label})" if label else str(choice)

    def input_schema(self, column, context) -> dict:
        choices = list(column.choices)
        # 1 or "1": a YAML editor sees a number where the catalog has one; the
        # validator also reads a capital first letter and the printed labels.
        words = [str(c) for c in choices] + list(column.labels)
        spelled = [str(c) for c in choices if not isinstance(c, str)] + [
            form for word in words for form in (word, word[:1].upper() + word[1:])]
        return {"enum": list(dict.fromkeys(choices + spelled))}


class Boolean(ScalarKind):
    """Yes or no, written « oui » or « non »."""

    name = "booleen"

    def read(self, text, column):
        return values.read_boolean(text)

    def text(self, value, column) -> str:
        return "oui" if value else "non"

    def author_text(self, value, column) -> str:
        return self.text(value, column)

    def yaml_form(self, value, column):
        return Plain(self.text(value, column))

    def sheet_value(self, value, column) -> tuple:
        return self.text(value, column), TEXT_FORMAT

    def sheet_format(self, column) -> str:
        return TEXT_FORMAT

    def sheet_width(self, column) -> int:
        return 9

    def sheet_hint(self, column) -> str:
        return "« oui » ou « non »."

    def sheet_rule(self, column):
        return WordList(("oui", "non", values.UNKNOWN_WORD),
                        "Répondre « oui », « non » ou « inconnu ».")

    def csv_values(self, value, column) -> list:
        return [self.text(value, column)]

    def json_value(self, value, column, nested):
        return value

    def data_schema(self, column, nested) -> dict:
        return {"type": "boolean"}

    def table_type(self, column) -> dict:
        return {"type": "boolean", "trueValues": [self.text(True, column)],
                "falseValues": [self.text(False, column)]}

    def cms_field(self, column, context) -> dict:
        # A select, not a checkbox: « inconnu » is an answer, and an empty
        # checkbox would say « non ».
        words = ("oui", "non") + ((values.UNKNOWN_WORD,) if column.accepts_unknown else ())
        return {"widget": "select", "options": [{"label": w, "value": w} for w in words]}

    def input_schema(self, column, context) -> dict:
        words = sorted(values.TRUE_WORDS | values.FALSE_WORDS)
        # The validator reads « Oui » and « NON » as well (any capitalisation).
        spelled = [form for word in words for form in (word, word.capitalize(), word.upper())]
        return {"anyOf": [{"type": "boolean"}, {"enum": list(dict.fromkeys(spelled))}]}
