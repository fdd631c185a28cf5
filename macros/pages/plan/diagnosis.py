"""The diagnosis page: every finding with its source, the findings of one
concept side by side (« 12 % sans service de qualité » for the MRC, « 88 %
suffisant » on the federal map), the strengths, weaknesses, opportunities,
threats and challenges, and the synthesis."""

from __future__ import annotations

from ...plan import french
from ...plan.catalog import FFOM_TYPES, GRIDS
from ...plan.model import anchor_for, raw_value
from ...plan.values import fold
from ..cells import shown_columns
from .common import PageContext

# Shown as the group's heading, not as a column.
FINDING_LEAD = ("id", "concept")
UNNAMED = "Concept non précisé"  # « concept : inconnu »
FFOM_WORDS = {"force": "Forces", "faiblesse": "Faiblesses", "opportunité": "Opportunités",
              "menace": "Menaces", "défi": "Défis"}
FFOM_ANCHORS = {"force": "forces", "faiblesse": "faiblesses", "opportunité": "opportunites",
                "menace": "menaces", "défi": "defis"}


def _finding_columns(rows: list) -> list:
    """The columns of the findings' table: every column meant for the plan but
    the concept and the id; an optional one only when a row fills it."""
    columns = [c for c in GRIDS["constats"].columns
               if c.in_plan and c.key not in FINDING_LEAD]
    columns = [c for c in columns
               if c.required or any(raw_value(row, c.key) is not None for row in rows)]
    return shown_columns(columns, rows)


def _findings(ctx: PageContext):
    rows = ctx.index.rows("constats")
    if not rows:
        return None
    groups = {}  # folded concept -> (concept as first written, rows), in reading order
    for position, row in enumerate(rows):
        concept = str(row["concept"]) if row.get("concept") else UNNAMED
        key = fold(concept) if row.get("concept") else position  # never grouped blindly
        groups.setdefault(key, (concept, []))[1].append(row)
    columns = _finding_columns(rows)
    table = ctx.columns_table(columns, [])
    table["groups"] = []
    for concept, members in groups.values():
        lines = ctx.columns_table(columns, members)["rows"]
        for view, row in zip(lines, members):
            view["anchor"] = anchor_for(row["id"]) if row.get("id") else ""
        table["groups"].append({"concept": concept, "rows": lines,
                                "sources": len(members)})
    several = sum(1 for group in table["groups"] if group["sources"] > 1)
    # Short enough to stay readable on a phone, where the table scrolls sideways;
    # the summary says which concepts have several sources.
    table["caption"] = "Constats du diagnostic, par concept"
    table["summary"] = (
        f"{french.capitalise(french.count(len(rows), 'constat', 'constats'))} sur "
        f"{french.count(len(groups), 'concept', 'concepts')}"
        + (f", dont {french.count(several, 'concept mesuré', 'concepts mesurés')} par "
           "plusieurs sources" if several else "") + ".")
    return table


def _swot(ctx: PageContext) -> dict:
    rows = ctx.index.rows("ffom")
    def statements(kind) -> list:
        return [ctx.cell("ffom", r, "enonce") for r in rows if r.get("type") == kind]
    groups = [{"heading": FFOM_WORDS[kind], "anchor": FFOM_ANCHORS[kind],
               "statements": statements(kind)} for kind in FFOM_TYPES]
    groups = [g for g in groups if g["statements"]]
    untyped = statements(None)
    if untyped:  # « type : inconnu »
        groups.append({"heading": "Autres énoncés", "anchor": "autres-enonces",
                       "statements": untyped})
    words = [g["heading"].lower() for g in groups if g["anchor"] != "autres-enonces"]
    heading = (french.capitalise(french.join(words)) if words
               else "Forces, faiblesses, opportunités, menaces et défis")
    return {"heading": heading, "groups": groups}


def _synthesis(ctx: PageContext) -> list:
    record = ctx.index.record("diagnostic")
    parts = []
    for key, anchor in (("synthese", "synthese"), ("prospective", "prospective")):
        if raw_value(record, key) is not None:
            parts.append({"heading": GRIDS["diagnostic"].column(key).label,
                          "anchor": anchor, "text": ctx.cell("diagnostic", record, key)})
    return parts


def diagnosis_view(ctx: PageContext) -> dict:
    return {
        "findings": _findings(ctx),
        "findings_missing": ctx.missing("constats", "Aucun constat n'est encore inscrit."),
        "swot": _swot(ctx),
        "swot_missing": ctx.missing("ffom", "Aucun énoncé FFOM n'est encore inscrit."),
        "synthesis": _synthesis(ctx),
        "synthesis_missing": ctx.missing("diagnostic", "La synthèse du diagnostic n'est "
                                                       "pas encore écrite."),
    }
