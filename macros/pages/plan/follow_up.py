"""The « Suivi du plan » page: where the projects and the indicators stand,
the latest accountability report, and what the data records since."""

from __future__ import annotations

import datetime

from ...plan import french, followup
from ...plan.catalog import GRIDS
from ...plan.kinds import PERCENT
from .common import PageContext, text

NO_CHANGE = {"measures": [], "actions": [], "adjustments": [], "total": 0}


def _dated(ctx: PageContext, grid_key: str, row: dict, key: str, *after) -> dict:
    """A sentence that starts with the row's date: « 10 nov. 2026 — … »."""
    return {"view": "parts", "parts": [ctx.cell(grid_key, row, key), *after]}


def _measure_text(change: dict) -> str:
    indicator, measure, previous = change["indicator"], change["measure"], change["previous"]
    unit = indicator.get("unite")
    if indicator.get("nature") == "jalon":
        return "atteint" if measure.get("atteint") else "non atteint"
    if measure.get("valeur") is None:
        return "valeur non précisée"
    if previous is not None:
        return (f"{french.quantity(previous['valeur'], unit)} → "
                f"{french.quantity(measure['valeur'], unit)}")
    return french.quantity(measure["valeur"], unit)


def _measure(ctx: PageContext, change: dict) -> dict:
    comment = change["measure"].get("commentaire")
    return _dated(ctx, "mesures", change["measure"], "date", text(" — "),
                  {"view": "links", "links": [ctx.link("indicateurs",
                                                       change["indicator"]["id"])]},
                  text(f" : {_measure_text(change)}" + (f" ({comment})" if comment else "")))


def _action(ctx: PageContext, action: dict) -> dict:
    progress = action.get("avancement")
    shown = f" {_said(action.get('action'))} : {_said(action.get('statut'))}"
    if progress is not None:
        shown += f", {PERCENT.text(progress, None)}"
    return _dated(ctx, "programmation", action, "mise_a_jour", text(" — "),
                  {"view": "links", "links": [_unlabelled(ctx, "projets", action["projet"])]},
                  text(shown))


def _recipient(report: dict) -> str:
    """« bailleur de fonds », as the grid's list labels it."""
    column = GRIDS["redditions"].column("destinataire")
    return column.kind.text(report["destinataire"], column)


def _unlabelled(ctx: PageContext, grid_key: str, row_id) -> dict:
    return dict(ctx.link(grid_key, row_id), label="")


def _said(value) -> str:
    """A text field as written, or « non précisé » (never « None »)."""
    return str(value) if value not in (None, "") else "non précisé"


def _adjustment(ctx: PageContext, adjustment: dict) -> dict:
    parts = [text(f" — {_said(adjustment.get('constat'))}. "
                  f"Ajustement : {_said(adjustment.get('ajustement'))}")]
    if adjustment.get("projets"):
        parts += [text(" (projets : "),
                  {"view": "links", "links": [_unlabelled(ctx, "projets", p)
                                              for p in adjustment["projets"]]},
                  text(")")]
    return _dated(ctx, "ajustements", adjustment, "date", *parts)


def _report(ctx: PageContext, latest: dict) -> dict:
    return {"caption": f"Reddition de comptes {french.from_date(latest['date'])}",
            "pairs": ctx.fiche("redditions", latest, hide_empty=True)}


def _previous(ctx: PageContext, previous: dict) -> dict:
    when = previous["date"]
    return {"view": "parts", "parts": [
        text(f"La reddition précédente date {french.from_prefix(when)}"),
        ctx.cell("redditions", previous, "date"),
        text(f" ({_recipient(previous)} : {previous['moyen']}).")]}


def _changes(ctx: PageContext, latest) -> dict:
    if latest is None:
        return dict(NO_CHANGE, since="", phrase="")
    changes = followup.changes_since(ctx.index, latest["date"].last_date)
    parts = [french.count(len(changes["mesures"]), "nouvelle mesure", "nouvelles mesures"),
             french.count(len(changes["actions"]), "action mise à jour",
                          "actions mises à jour"),
             french.count(len(changes["ajustements"]), "ajustement", "ajustements")]
    return {"since": f"la reddition de comptes {french.from_date(latest['date'])}",
            "phrase": french.join(parts), "total": changes["total"],
            "measures": [_measure(ctx, c) for c in changes["mesures"]],
            "actions": [_action(ctx, a) for a in changes["actions"]],
            "adjustments": [_adjustment(ctx, a) for a in changes["ajustements"]]}


def _adjustments(ctx: PageContext) -> list:
    """Every adjustment of the plan, newest first (those without a known date
    last): shown as soon as one exists, whether or not a report came since."""
    rows = sorted(ctx.index.rows("ajustements"),
                  key=lambda a: a["date"].first_day if a.get("date") else datetime.date.min,
                  reverse=True)
    return [_adjustment(ctx, a) for a in rows]


def _annual_reports(ctx: PageContext, reference) -> list:
    """A link to each year's report, newest first."""
    from ...plan import yearly
    from ..views import REPORT_TITLE, report_page

    links = []
    for year in yearly.report_years(ctx.index):
        note = (f" (année en cours : situation au {reference.french})"
                if year == reference.day.year and reference.origin == "donnees"
                and reference.day.month < 12 else "")
        links.append({"href": ctx.linker.to_page(report_page(year)),
                      "text": REPORT_TITLE.format(year), "note": note})
    return links


def follow_up_view(ctx: PageContext, reference, charts: dict, phrases: dict) -> dict:
    """``charts``: {name: rendered chart}; ``phrases``: the charts' own summaries
    of the projects and the indicators (``charts.projects``, ``charts.indicators``)."""
    reports = followup.reports_by_date(ctx.index)
    latest = reports[0] if reports else None
    report_date = ctx.cell("redditions", latest, "date") if latest else text(
        "aucune pour l'instant")
    projects = len(ctx.index.rows("projets"))
    indicators = len(ctx.index.rows("indicateurs"))
    return {
        "situation": f"Situation au {reference.french} ({reference.note}).",
        "figures": [
            {"href": "#projets", "text": french.count(projects, "projet prioritaire",
                                                      "projets prioritaires"),
             "after": f" : {phrases['projects']}" if projects else ""},
            {"href": "#indicateurs", "text": french.count(indicators, "indicateur",
                                                          "indicateurs"),
             "after": f" : {phrases['indicators']}" if indicators else ""},
        ],
        "report_figure": report_date,
        "charts": charts,
        "indicators_href": ctx.linker.to_page("plan/indicateurs.md"),
        "report": _report(ctx, latest) if latest else None,
        "report_missing": ctx.missing("redditions", "Aucune reddition de comptes n'est "
                                                    "encore inscrite."),
        "previous": _previous(ctx, reports[1]) if len(reports) > 1 else None,
        "changes": _changes(ctx, latest),
        "adjustments": _adjustments(ctx),
        "adjustments_missing": ctx.missing("ajustements", "Aucun ajustement du plan n'est "
                                                          "encore inscrit."),
        "annual_reports": _annual_reports(ctx, reference),
    }
