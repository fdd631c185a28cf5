"""The indicators page: an overview, then each indicator with its card and
its measures, then who follows the plan."""

from __future__ import annotations

from ...plan import french
from ...plan.index import heading
from ...plan.model import anchor_for
from .common import PageContext, summary_table, text

QUANTITATIVE = "quantitatif"
OVERVIEW = ["Indicateur", "Type", "Départ", "Cible", "Échéance", "Dernière mesure"]


def _latest(ctx: PageContext, indicator: dict, measures: list) -> dict:
    if not measures:
        return text("Aucune mesure")
    last = measures[-1]
    if indicator.get("nature") == QUANTITATIVE:
        shown = french.quantity(last.get("valeur"), indicator.get("unite"))
    else:
        shown = "atteint" if last.get("atteint") else "non atteint"
    return {"view": "parts", "parts": [text(f"{shown} ("),
                                       ctx.cell("mesures", last, "date"), text(")")]}


def _overview_row(ctx: PageContext, indicator: dict) -> list:
    measures = ctx.index.measures_by_indicator.get(indicator["id"], [])
    unit = indicator.get("unite")
    if indicator.get("nature") == QUANTITATIVE:
        since = indicator.get("annee_depart")
        start = (f"{french.quantity(indicator.get('valeur_depart'), unit)}"
                 + (f" ({since.french})" if since else ""))
        target = french.quantity(indicator.get("cible"), unit)
    else:
        start, target = "—", indicator.get("resultat_attendu") or ""
    return [{"view": "links", "links": [ctx.link("indicateurs", indicator["id"])]},
            ctx.cell("indicateurs", indicator, "type"), text(start), text(target),
            ctx.cell("indicateurs", indicator, "echeance"),
            _latest(ctx, indicator, measures)]


def _measures(ctx: PageContext, indicator: dict) -> dict:
    measures = ctx.index.all_measures_by_indicator.get(indicator["id"], [])
    quantitative = indicator.get("nature") == QUANTITATIVE
    unit = indicator.get("unite")
    heading = ("Atteint" if not quantitative else
               f"Valeur ({unit})" if unit else "Valeur")
    value_key = "valeur" if quantitative else "atteint"
    return {"caption": f"Mesures de l'indicateur {indicator['id']}", "heading": heading,
            "rows": [{"date": ctx.cell("mesures", m, "date"),
                      "value": ctx.cell("mesures", m, value_key),
                      "comment": m.get("commentaire") or ""} for m in measures]}


def _indicator(ctx: PageContext, indicator: dict) -> dict:
    return {
        "heading": heading("indicateurs", indicator),
        "anchor": anchor_for(indicator["id"]),
        "caption": f"Indicateur {indicator['id']}",
        "pairs": ctx.fiche("indicateurs", indicator, skip=("id", "libelle"),
                           hide_empty=True),
        "measures": _measures(ctx, indicator),
    }


def indicators_view(ctx: PageContext) -> dict:
    indicators = ctx.index.rows("indicateurs")
    mechanisms = ctx.index.rows("mecanismes")
    return {
        "overview": summary_table(OVERVIEW, [_overview_row(ctx, i) for i in indicators]),
        "indicators": [_indicator(ctx, i) for i in indicators],
        "indicators_missing": ctx.missing("indicateurs", "Aucun indicateur n'est encore "
                                                         "défini."),
        "mechanisms": ctx.table("mecanismes", mechanisms) if mechanisms else None,
        "mechanisms_missing": ctx.missing("mecanismes", "Les mécanismes de suivi ne sont "
                                                        "pas encore définis."),
    }


