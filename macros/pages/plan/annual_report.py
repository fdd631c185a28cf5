"""The « Rapport annuel ANNÉE » page (and ``pnt rapport``'s PDF, printed from it):
a summary a council member reads in two minutes, what changed since the
previous report, then each project, each indicator, the funding, the
adjustments, the reports made and next year's programming.

The rules are in ``plan/yearly.py``; this module only words them."""

from __future__ import annotations

from markupsafe import Markup

from ...plan import french, yearly
from ...plan.index import heading
from ...plan.kinds import PERCENT
from ...plan.model import anchor_for
from ...plan.values import Amount
from ..views import REPORT_TITLE, report_page
from .common import PageContext, summary_table, text


# Action statuses in the summary, as plural words (« 2 terminées »).
ACTION_WORDS = {"terminée": ("terminée", "terminées"), "en cours": ("en cours", "en cours"),
                "en retard": ("en retard", "en retard"),
                "reportée": ("reportée", "reportées"),
                "abandonnée": ("abandonnée", "abandonnées"),
                "à venir": ("à venir", "à venir"),
                "inconnu": ("sans statut précisé", "sans statut précisé")}
INDICATOR_WORDS = {"atteint": ("atteint", "atteints"),
                   "en bonne voie": ("en bonne voie", "en bonne voie"),
                   "en retard": ("en retard", "en retard"),
                   "à évaluer": ("à évaluer", "à évaluer")}
MOVEMENT_WORDS = {yearly.UP: "progresse vers sa cible", yearly.DOWN: "s'éloigne de sa cible",
                  yearly.SAME: "inchangé", yearly.NEW: "première mesure",
                  yearly.NONE: "aucune mesure à comparer"}


# --- wording --------------------------------------------------------------------------------

def _counted(counts: dict, words: dict) -> str:
    parts = [french.count(n, *words[status]) for status, n in counts.items() if n]
    return french.join(parts) if parts else "aucun"


def money_text(money: yearly.Money, what: str) -> str:
    """« 625 900 $ »; with rows that give no amount, what the known ones sum to
    is a floor: « au moins 58 000 $ (sans compter 1 action sans montant
    inscrit) », « environ 174 200 $ (sans compter …) »; « non précisé » when no
    row gives one; « aucun » when there is no row."""
    if money.total is None:
        return "aucun" if not money.missing else "non précisé"
    if not money.missing:
        return money.total.french
    total = money.total
    if total.is_approximate:
        shown = total.french
    elif total.has_lower_bound:  # an exact sum or a range: its low end is a floor
        shown = f"au moins {Amount(total.low, total.low, units=total.units[:1] * 2).french}"
    else:  # « jusqu'à »: nothing known below
        shown = total.french
    left_out = french.count(money.missing, what, what + "s")
    return f"{shown} (sans compter {left_out} sans montant inscrit)"


def _spending_sentence(report: yearly.YearReport) -> str:
    budget, spent = report.budget, report.spent
    if budget.total is None and spent.total is None:
        return "Aucun budget ni aucune dépense ne sont inscrits pour les actions de l'année."
    parts = []
    if spent.total is not None:
        parts.append(f"dépensé ou engagé : {money_text(spent, 'action')}")
    if budget.total is not None:
        parts.append(f"budget prévu : {money_text(budget, 'action')}")
    sentence = french.capitalise(" ; ".join(parts))
    share = _share(spent, budget)
    if share is not None:
        sentence += f" ({french.percent(share, 0)} du budget prévu)"
    return sentence + "."


def _share(spent: yearly.Money, budget: yearly.Money):
    """The share spent, only when both sums are exact and complete."""
    if spent.missing or budget.missing or spent.total is None or budget.total is None:
        return None
    if not (spent.total.is_exact and budget.total.is_exact) or not budget.total.low:
        return None
    return round(100 * spent.total.low / budget.total.low)


def _actions_sentence(report: yearly.YearReport) -> str:
    if not report.actions:
        return f"Aucune action n'est inscrite dans la programmation {report.year}."
    counts = report.action_counts()
    return (f"{french.capitalise(french.count(len(report.actions), 'action programmée', 'actions programmées'))} "
            f"en {report.year} : {_counted(counts, ACTION_WORDS)}.")


def _slipped_sentence(report: yearly.YearReport) -> str:
    slipped = report.slipped()
    if not slipped:
        return "Aucune action n'est en retard, reportée ou abandonnée."
    items = [f"{a.get('projet') or 'projet non précisé'} : "
             f"{french.lower_first(str(a.get('action') or 'action non précisée'))} "
             f"({a.get('statut')})" for a in slipped]
    return f"Ce qui a glissé : {french.join(items)}."


def _indicators_sentence(report: yearly.YearReport) -> str:
    if not report.indicators:
        return "Le plan ne compte encore aucun indicateur."
    count = french.count(len(report.indicators), "indicateur", "indicateurs")
    return (f"{french.capitalise(count)} : "
            f"{_counted(report.indicator_counts(), INDICATOR_WORDS)}.")


def _comparison_sentence(report: yearly.YearReport) -> str:
    if report.previous is None:
        return (f"Premier rapport annuel : aucune année précédente n'a de données de "
                f"suivi à comparer.")
    moves = {move: 0 for move in (yearly.UP, yearly.DOWN, yearly.NEW)}
    for indicator in report.indicators:
        if indicator.movement in moves:
            moves[indicator.movement] += 1
    parts = [_moved(moves[yearly.UP], "a progressé", "ont progressé"),
             _moved(moves[yearly.DOWN], "a reculé", "ont reculé")]
    if moves[yearly.NEW]:
        parts.append(french.count(moves[yearly.NEW], "indicateur a sa première mesure",
                                  "indicateurs ont leur première mesure"))
    changed = report.changed_projects()
    parts.append(french.count(len(changed), "projet a changé de statut",
                              "projets ont changé de statut")
                 + (" (" + french.join(f"{p.state.id} : {p.before.status} → {p.state.status}"
                                       for p in changed) + ")" if changed else ""))
    return f"Depuis la fin de {report.previous} : {french.join(parts)}."


def _moved(count: int, singular: str, plural: str) -> str:
    """« 8 indicateurs ont progressé », « aucun indicateur n'a reculé »."""
    if not count:
        return f"aucun indicateur n'{singular}"
    return french.count(count, f"indicateur {singular}", f"indicateurs {plural}")


def _summary(report: yearly.YearReport) -> list:
    lines = [_actions_sentence(report), _slipped_sentence(report),
             _spending_sentence(report), _indicators_sentence(report),
             _comparison_sentence(report)]
    if report.adjustments:
        lines.append(f"{french.capitalise(french.count(len(report.adjustments), 'ajustement décidé', 'ajustements décidés'))}"
                     f" en {report.year}.")
    next_count = len(report.next_year)
    lines.append(f"Programmation {report.year + 1} : "
                 + (french.count(next_count, "action inscrite", "actions inscrites") + "."
                    if next_count else "pas encore inscrite."))
    return lines


def _situation(report: yearly.YearReport) -> str:
    if report.in_progress:
        return (f"Situation au {report.reference.french} : l'année {report.year} est en "
                "cours ; ce rapport dit où en est le plan à la date de la dernière mise à "
                "jour de ses données.")
    return (f"Situation à la fin de {report.year} (31 décembre {report.year}), d'après "
            "les données du plan.")


# --- comparison -----------------------------------------------------------------------------

def _latest_text(state) -> str:
    latest = state.latest
    if latest is None:
        return "aucune mesure"
    if not state.quantitative:
        shown = "atteint" if latest.get("atteint") else "non atteint"
    else:
        shown = french.quantity(latest.get("valeur"), state.indicator.get("unite"))
    return f"{shown} {french.on_date(latest['date'])}"


def _comparison(ctx: PageContext, report: yearly.YearReport) -> dict:
    if report.previous is None:
        return {}
    before, now = f"Fin {report.previous}", (
        f"Au {report.reference.short}" if report.in_progress else f"Fin {report.year}")
    projects = summary_table(
        ["Projet", f"Statut — {before.lower()}", f"Statut — {now.lower()}"],
        [[{"view": "links", "links": [ctx.link("projets", p.state.id)]},
          text(p.before.status), text(p.state.status)] for p in report.changed_projects()])
    indicators = summary_table(
        ["Indicateur", before, now, "Évolution", "Statut"],
        [[{"view": "links", "links": [ctx.link("indicateurs", i.state.id)]},
          text(_latest_text(i.before)), text(_latest_text(i.state)),
          text(MOVEMENT_WORDS[i.movement]),
          text(f"{i.before.status} → {i.state.status}" if i.changed_status
               else i.state.status)]
         for i in report.indicators if i.before is not None])
    return {"previous": report.previous, "projects": projects, "indicators": indicators,
            "projects_caption": f"Projets dont le statut a changé depuis la fin de "
                                f"{report.previous}",
            "indicators_caption": f"Les indicateurs à la fin de {report.previous} et "
                                  + (f"au {report.reference.french}" if report.in_progress
                                     else f"à la fin de {report.year}")}


# --- projects -------------------------------------------------------------------------------

ACTION_HEADINGS = ["Action", "Responsable", "Statut", "Avancement", "Budget prévu",
                   "Dépensé ou engagé", "Mise à jour"]


def _actions_table(ctx: PageContext, actions: list) -> dict:
    return summary_table(ACTION_HEADINGS, [
        [ctx.cell("programmation", a, "action"), ctx.cell("programmation", a, "responsable"),
         ctx.cell("programmation", a, "statut"), ctx.cell("programmation", a, "avancement"),
         ctx.cell("programmation", a, "budget"), ctx.cell("programmation", a, "depense"),
         ctx.cell("programmation", a, "mise_a_jour")] for a in actions],
        numeric=("Avancement", "Budget prévu", "Dépensé ou engagé"))


def _project_status(p: yearly.ProjectYear, previous) -> str:
    state = p.state
    shown = f"Statut : {state.status}"
    if state.progress is not None:
        shown += (", avancement moyen des actions de l'année : "
                  f"{PERCENT.text(state.progress, None)}")
    if p.before is not None:
        shown += (f" (fin {previous} : {p.before.status})" if p.changed
                  else f" (inchangé depuis la fin de {previous})")
    return shown + "."


def _project(ctx: PageContext, p: yearly.ProjectYear, year: int, previous) -> dict:
    project = p.state.project
    return {
        "heading": heading("projets", project), "anchor": f"projet-{anchor_for(p.state.id)}",
        "link": ctx.link("projets", p.state.id),
        "status": _project_status(p, previous),
        "money": (f"Budget prévu des actions de l'année : {money_text(p.budget, 'action')} ; "
                  f"dépensé ou engagé : {money_text(p.spent, 'action')}."
                  if p.actions else ""),
        "cost": f"Coût estimé du projet : {project['cout'].french}." if project.get("cout")
        else "",
        "actions": _actions_table(ctx, p.actions) if p.actions else None,
        "actions_caption": f"Actions {year} du projet {p.state.id}",
        "no_action": f"Aucune action n'est programmée en {year} pour ce projet.",
        "adjustments": [_adjustment_text(a) for a in p.adjustments],
    }


def _adjustment_text(adjustment: dict) -> str:
    return (f"{adjustment['date'].french} — {_sentence(adjustment.get('constat'))} "
            f"Ajustement : {_sentence(adjustment.get('ajustement'))}")


def _sentence(text) -> str:
    """A text that ends as a sentence does (its own « ? » or « . » kept)."""
    text = str(text or "").strip() or "non précisé"
    return text if text.endswith((".", "!", "?", "…")) else text + "."


# --- indicators -----------------------------------------------------------------------------

def _trajectory(state) -> str:
    if state.achieved is None:
        return ""
    made = f"{french.percent(round(100 * state.achieved), 0)} du chemin vers la cible"
    if state.expected is None:
        return f"Trajectoire : {made} parcouru."
    return (f"Trajectoire : {made} parcouru, pour {french.percent(round(100 * state.expected), 0)}"
            " du temps écoulé à la dernière mesure.")


def _measures_of_year(ctx: PageContext, indicator: yearly.IndicatorYear, year: int) -> dict:
    quantitative = indicator.state.quantitative
    unit = indicator.state.indicator.get("unite")
    key = "valeur" if quantitative else "atteint"
    column = f"Valeur ({unit})" if quantitative and unit else (
        "Valeur" if quantitative else "Atteint")
    return summary_table(["Date", column, "Commentaire"], [
        [ctx.cell("mesures", m, "date"), ctx.cell("mesures", m, key),
         text(m.get("commentaire") or "")] for m in indicator.measures],
        numeric=(column,))


def _baseline(indicator: dict) -> str:
    if indicator.get("nature") != "quantitatif":
        return f"Résultat attendu : {indicator.get('resultat_attendu') or 'non précisé'}"
    since = indicator.get("annee_depart")
    base = french.quantity(indicator.get("valeur_depart"), indicator.get("unite"))
    target = french.quantity(indicator.get("cible"), indicator.get("unite"))
    deadline = indicator.get("echeance")
    return (f"Départ : {base}" + (f" ({since.french})" if since else "")
            + f" ; cible : {target}" + (f" {french.on_date(deadline)}" if deadline else ""))


def _indicator(ctx: PageContext, i: yearly.IndicatorYear, year: int, chart: Markup) -> dict:
    state = i.state
    comparison = ""
    if i.before is not None:
        comparison = (f"Par rapport à la fin de {year - 1} ({_latest_text(i.before)}) : "
                      f"{MOVEMENT_WORDS[i.movement]}"
                      + (f" ; statut : {i.before.status} → {state.status}"
                         if i.changed_status else "") + ".")
    return {
        "heading": heading("indicateurs", state.indicator),
        "anchor": f"indicateur-{anchor_for(state.id)}",
        "link": ctx.link("indicateurs", state.id),
        "baseline": _baseline(state.indicator) + ".",
        "status": f"Statut : {state.status} ({state.reason}).",
        "trajectory": _trajectory(state),
        "comparison": comparison,
        "measures": _measures_of_year(ctx, i, year) if i.measures else None,
        "measures_caption": f"Mesures {year} de l'indicateur {state.id}",
        "no_measure": f"Aucune mesure n'est inscrite en {year} pour cet indicateur.",
        "chart": chart,
    }


# --- funding, adjustments, next year ------------------------------------------------------------

def _funding(ctx: PageContext, report: yearly.YearReport) -> dict:
    if not report.funding:
        return {}
    rows = [[{"view": "links", "links": [ctx.link("projets", line.project.get("id"))]},
             text(money_text(line.obtained, "source")), text(money_text(line.received, "source")),
             text(money_text(line.pending, "source"))] for line in report.funding]
    totals = [money_text(yearly.Money.combined([getattr(line, kind) for line in report.funding]), "source")
              for kind in ("obtained", "received", "pending")]
    return {"table": summary_table(["Projet", "Obtenu (confirmé ou reçu)", "Dont reçu",
                                    "Attendu (demandé ou envisagé)"], rows,
                                   numeric=("Obtenu (confirmé ou reçu)", "Dont reçu",
                                            "Attendu (demandé ou envisagé)")),
            "totals": totals}


def _next_year(ctx: PageContext, report: yearly.YearReport) -> dict:
    if not report.next_year:
        return {}
    return summary_table(["Projet", "Action", "Responsable", "Budget prévu"], [
        [{"view": "links", "links": [ctx.link("projets", a.get("projet"))]},
         ctx.cell("programmation", a, "action"), ctx.cell("programmation", a, "responsable"),
         ctx.cell("programmation", a, "budget")] for a in report.next_year],
        numeric=("Budget prévu",))


def _reports(ctx: PageContext, report: yearly.YearReport) -> list:
    return [{"view": "parts", "parts": [ctx.cell("redditions", r, "date"),
                                        text(f" — {_recipient(r)} : {r.get('moyen')}")]}
            for r in report.reports]


def _recipient(row: dict) -> str:
    from ...plan.catalog import GRIDS

    column = GRIDS["redditions"].column("destinataire")
    return column.kind.text(row["destinataire"], column) if row.get("destinataire") else (
        "destinataire non précisé")


def _other_years(ctx: PageContext, report: yearly.YearReport) -> list:
    return [{"href": ctx.linker.to_page(report_page(y)), "text": REPORT_TITLE.format(y)}
            for y in report.years if y != report.year]


def annual_report_view(ctx: PageContext, report: yearly.YearReport, charts: dict,
                       download: dict) -> dict:
    """``charts``: {indicator id: rendered chart at the year's end};
    ``download``: the report's PDF, or None."""
    return {
        "year": report.year, "next": report.year + 1,
        "situation": _situation(report),
        "summary": _summary(report),
        "comparison": _comparison(ctx, report),
        "projects": [_project(ctx, p, report.year, report.previous) for p in report.projects],
        "indicators": [_indicator(ctx, i, report.year, charts.get(i.state.id, Markup("")))
                       for i in report.indicators],
        "funding": _funding(ctx, report),
        "adjustments": [_adjustment_text(a) for a in report.adjustments],
        "reports": _reports(ctx, report),
        "next_year": _next_year(ctx, report),
        "others": _other_years(ctx, report),
        "follow_up": ctx.linker.to_page("plan/suivi.md"),
        "download": download,
    }
