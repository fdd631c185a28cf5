"""Charts of the indicators: an overview (the way made towards each target and
the expected pace), and one chart per indicator (baseline → measures →
target, or the measures of a milestone and its deadline)."""

from __future__ import annotations

from ..plan import french, followup
from ..plan.followup import INDICATOR_STATUSES, LATE, ON_TRACK, REACHED, UNKNOWN
from ..plan.index import heading
from ..plan.model import anchor_for
from .figure import Bars, ChartContext, cell, empty, figure, paged_bars, status_counts, table
from .geometry import SMALL, Scale, coord, label_column, legend, shorten, text_width, width
from .indicator import indicator

INDICATOR_WORDS = {
    REACHED: ("atteint", "atteints"), ON_TRACK: ("en bonne voie", "en bonne voie"),
    LATE: ("en retard", "en retard"), UNKNOWN: ("à évaluer", "à évaluer"),
}


def percent(value) -> str:
    return french.percent(value, 1)


def states(ctx: ChartContext) -> list:
    return followup.indicator_states(ctx.index, ctx.reference)


def status_phrase(indicator_states: list) -> str:
    """« 2 atteints, 3 en bonne voie et 1 en retard »."""
    return status_counts(followup.count_by(indicator_states, INDICATOR_STATUSES),
                         INDICATOR_WORDS)


def indicators_summary(indicator_states: list) -> str:
    return (f"Sur {french.count(len(indicator_states), 'indicateur', 'indicateurs')} : "
            f"{status_phrase(indicator_states)}.")


def latest_text(state, short: bool = False, measured: bool = False) -> str:
    """« 89 % (novembre 2026) », « atteint (10 nov. 2026) », « aucune mesure »;
    ``measured``: the date read as the measure's, not as a deadline
    (« non atteint au 30 juin 2026 », « atteint en novembre 2026 »)."""
    latest = state.latest
    if latest is None:
        return "aucune mesure"
    when = latest["date"]
    shown = (french.date_short(when.year, when.month, when.day)
             if short and when.day and not when.approximate else when.french)
    if state.quantitative:
        value = french.quantity(latest.get("valeur"), state.indicator.get("unite"))
    else:
        value = "atteint" if latest.get("atteint") else "non atteint"
    if measured:  # « au 30 juin 2026 » as in « Situation au 10 novembre 2026 »
        day = when.day and not when.approximate
        return f"{value} {'au ' if day else french.on_prefix(when)}{shown}"
    return f"{value} ({shown})"


def _note(x: float, text: str, room: float) -> dict:
    text = shorten(text, room, SMALL)
    return {"x": coord(x), "text": text, "w": coord(text_width(text, SMALL) + 6)}


def _overview_table(ctx: ChartContext, indicator_states: list) -> dict:
    # « Pourquoi » only where the status needs more than its own meaning (the
    # note under the chart says that once, not on every row).
    why = any(not s.usual for s in indicator_states)
    rows = []
    for s in indicator_states:
        i, unit = s.indicator, s.indicator.get("unite")
        since = i.get("annee_depart")
        start = (f"{french.quantity(i.get('valeur_depart'), unit)}"
                 + (f" ({since.french})" if since else "")
                 if s.quantitative and i.get("valeur_depart") is not None else "—")
        rows.append([
            cell(heading("indicateurs", i, " "),
                 href=ctx.linker.to_row("indicateurs", s.id)),
            cell(s.status), cell(start), cell(latest_text(s)),
            cell(french.quantity(i.get("cible"), unit) if s.quantitative
                 else i.get("resultat_attendu")),
            cell(i["echeance"].french if i.get("echeance") else None),
            cell(percent(100 * s.achieved) if s.achieved is not None else "—", True),
            cell(percent(100 * s.expected) if s.expected is not None else "—", True),
        ] + ([cell("—" if s.usual else french.capitalise(s.reason) + ".")] if why else []))
    return table("Bilan des indicateurs", ["Indicateur", "Statut", "Départ",
                                           "Dernière mesure", "Cible", "Échéance",
                                           "Chemin parcouru", "Rythme prévu"]
                 + (["Pourquoi"] if why else []), rows)


def _overview_svgs(title: str, summary: str, indicator_states: list, labels: list) -> list:
    label_w = label_column(labels, 0.40)
    x0, x1 = label_w + 8, width() - 140 - 60  # the status column, then the values
    scale = Scale(0, 1, x0, x1)
    items, legend_h = legend([("plein principal", "Chemin parcouru vers la cible"),
                              ("contour neutre", "Reste à parcourir"),
                              ("repere texte", "Rythme prévu à la date de la mesure")], 6)

    def bar(s, row):
        achieved = None if s.achieved is None else min(max(s.achieved, 0.0), 1.0)
        return {
            "row": row, "look": s.look, "symbol": s.symbol, "status": s.status,
            "milestone": not s.quantitative,  # a note, not a bar
            "x": x0, "w": coord(scale(achieved) - x0) if achieved is not None else 0,
            "has_value": achieved is not None,
            "expected": scale(s.expected) if s.expected is not None else None,
            "value": percent(100 * s.achieved) if s.achieved is not None else "—",
            "note": (None if s.quantitative else _note(
                x0 + 4, ("jalon " + latest_text(s, short=True, measured=True)
                         if s.indicator.get("nature") == "jalon" else "nature non précisée"),
                x1 - x0 - 8)),
        }

    def extra(bottom):
        return {"x0": x0, "x1": x1, "x_value": coord(x1 + 58), "x_symbol": coord(x1 + 72),
                "x_status": coord(x1 + 84),
                "ticks": [{"x": scale(t / 100), "text": percent(t)} for t in (0, 50, 100)]}

    spec = Bars("graphique-bilan-indicateurs", title, summary, "indicateurs", label_w,
                6 + legend_h + 8, items, minimum=32)
    return paged_bars(spec, indicator_states, labels, bar, extra)


def _overview_note(ctx: ChartContext) -> str:
    return (f"Situation au {ctx.reference.french}. Chemin parcouru : part de l'écart "
            "entre la valeur de départ et la cible déjà franchie à la dernière mesure. "
            "Un indicateur est en bonne voie si ce chemin est d'au plus "
            f"{round(followup.MARGIN * 100)} points inférieur au temps écoulé entre la fin "
            "de l'année de départ et l'échéance ; un jalon l'est tant que son échéance "
            "n'est pas passée.")


def indicators_overview(ctx: ChartContext) -> dict:
    title = "Où en sont les indicateurs"
    indicator_states = states(ctx)
    if not indicator_states:
        return empty(ctx, "bilan-indicateurs", "indicateurs", "Aucun indicateur n'est "
                     "encore défini : leur bilan s'affichera ici.", title)
    summary = indicators_summary(indicator_states)
    labels = [heading("indicateurs", s.indicator, " ") for s in indicator_states]
    return figure("bilan-indicateurs", "chart/indicators_overview.html", title, summary,
                  _overview_svgs(title, summary, indicator_states, labels),
                  _overview_table(ctx, indicator_states), [_overview_note(ctx)])


def one_indicator(ctx: ChartContext, indicator_id) -> dict:
    """The chart of one indicator; an id this plan does not have says so."""
    row = ctx.index.find("indicateurs", indicator_id)
    if row is None:  # a page may name an indicator that this plan does not have
        known = ", ".join(str(i.get("id")) for i in ctx.index.rows("indicateurs"))
        return empty(ctx, f"indicateur-{anchor_for(indicator_id)}", "indicateurs",
                     f"L'indicateur {indicator_id} n'est pas inscrit dans ce plan "
                     f"(indicateurs inscrits : {known or 'aucun'}).",
                     f"Indicateur {indicator_id}")
    state = followup.indicator_state(
        row, ctx.index.measures_by_indicator.get(indicator_id, []), ctx.reference)
    return indicator(ctx, state)


def all_indicators(ctx: ChartContext) -> dict:
    rows = ctx.index.rows("indicateurs")
    if not rows:
        return empty(ctx, "indicateurs", "indicateurs", "Aucun indicateur n'est encore "
                     "défini : leurs graphiques se dessineront avec eux.",
                     "Évolution des indicateurs")
    return {"id": "graphique-indicateurs", "template": "chart/series.html", "missing": None,
            "charts": [one_indicator(ctx, r.get("id")) for r in rows]}

