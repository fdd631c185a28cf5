"""Problems found in a territory's data, and how they are shown to authors."""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "erreur"
WARNING = "avertissement"


@dataclass(frozen=True)
class Problem:
    path: str  # as the author sees it, e.g. "data/03-besoins.yml"
    line: int  # 1-based; 0 when the whole file is concerned
    field: str  # the YAML key, or "" when the problem is not about one field
    message: str  # French: the value found and what is expected
    column: int = 0
    level: str = ERROR

    @property
    def is_error(self) -> bool:
        return self.level == ERROR

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.field, self.message)

    def __str__(self) -> str:
        parts = [self.path]
        if self.line:
            parts.append(f"ligne {self.line}")
        where = ", ".join(parts)
        if self.field:
            return f"{where}, « {self.field} » : {self.message}"
        return f"{where} : {self.message}"


def report(problems: list) -> str:
    """All problems, errors first, in file and line order, with a summary line."""
    errors = sorted((p for p in problems if p.is_error), key=Problem.sort_key)
    warnings = sorted((p for p in problems if not p.is_error), key=Problem.sort_key)
    lines = [f"Erreur : {p}" for p in errors]
    lines += [f"Avertissement : {p}" for p in warnings]
    lines.append(summary(len(errors), len(warnings)))
    return "\n".join(lines)


def _count(number: int, singular: str, plural: str) -> str:
    return f"{number} {singular if number < 2 else plural}"


def summary(errors: int, warnings: int) -> str:
    counts = (f"{_count(errors, 'erreur', 'erreurs')}, "
              f"{_count(warnings, 'avertissement', 'avertissements')}")
    if errors:
        return f"{counts}. Corrigez les erreurs ci-dessus, puis relancez."
    return f"{counts}. Les données sont valides."
