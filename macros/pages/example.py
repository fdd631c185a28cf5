"""How the fictional example territory did each step, computed from ``exemple/``.

Each chapter of the guide ends with a short factual summary of the example
(MRC de la Vallée-des-Cèdres): counts, totals and short lists computed here
from the example's data, laid out by ``templates/plan/example.html``. The
example is always read from ``exemple/`` (see ``loader.load_example``), even
in a territory's own site, so the guide never drifts from its example. The
summary holds no link: the territory's plan pages are not the example's.
"""

from __future__ import annotations

from collections import Counter

from ..plan import french
from ..plan.catalog import GRIDS, STEP_BY_NUMBER
from ..plan.index import FUNDING_OBTAINED, FUNDING_REQUESTED, PlanIndex, project_order
from ..plan.values import Amount, fold
from .render import render

TEMPLATE = "plan/example.html"

# How many rows of a kind, with the verb agreeing: (singular, plural).
PARTICIPATION = {
    "participe": ("acteur participe", "acteurs participent"),
    "invité": ("acteur a été invité, sans réponse encore",
               "acteurs ont été invités, sans réponse encore"),
    "à inviter": ("acteur reste à inviter", "acteurs restent à inviter"),
    "a décliné": ("acteur a décliné l'invitation", "acteurs ont décliné l'invitation"),
}
CONDITION_STATUS = {
    "réunie": ("condition réunie", "conditions réunies"),
    "partielle": ("condition partielle", "conditions partielles"),
    "absente": ("condition absente", "conditions absentes"),
}
SWOT = {
    "force": ("force", "forces"),
    "faiblesse": ("faiblesse", "faiblesses"),
    "opportunité": ("opportunité", "opportunités"),
    "menace": ("menace", "menaces"),
    "défi": ("défi", "défis"),
}
PROGRAMMING_STATUS = {
    "terminée": ("terminée", "terminées"),
    "en cours": ("en cours", "en cours"),
    "à venir": ("à venir", "à venir"),
    "reportée": ("reportée", "reportées"),
    "abandonnée": ("abandonnée", "abandonnées"),
}
INDICATOR_TYPES = {
    "réalisation": ("de réalisation", "de réalisation"),
    "résultat": ("de résultat", "de résultat"),
    "impact": ("d'impact", "d'impact"),
}
RECIPIENTS = {
    "conseil": "au conseil de la MRC",
    "population": "à la population",
    "bailleur": "à un bailleur de fonds",
    "partenaires": "aux partenaires",
}


class ExampleFacts:
    """The example's rows, and the small computations the summaries share."""

    def __init__(self, data: dict):
        self.index = PlanIndex(data)
        self.rows = self.index.rows
        self.record = self.index.record

    def name(self, grid_key: str, row_id) -> str:
        """A row's label, or its id when it has none."""
        return self.index.label(grid_key, row_id) or str(row_id)

    def counts(self, rows: list, field: str, grid_key: str, wording: dict) -> list:
        """« 3 forces », « 1 menace »… in the order of the column's choices."""
        found = Counter(row.get(field) for row in rows)
        choices = GRIDS[grid_key].column(field).choices
        return [french.count(found[choice], *wording[choice])
                for choice in choices if found[choice]]


def total(amounts) -> str:
    amounts = [a for a in amounts if a is not None]
    return Amount.total(amounts).french if amounts else ""


def _with_de(amounts) -> str:
    """The total after « de »: « de 25 000 $ », « d'environ 3,5 M$ », « de 10 000 $
    à 15 000 $ », or "" when there is no amount."""
    amounts = [a for a in amounts if a is not None]
    return Amount.total(amounts).of() if amounts else ""


def _dates_span(dates: list) -> str:
    if not dates:
        return ""
    first = min(dates, key=lambda d: d.first_day)
    last = max(dates, key=lambda d: d.last_day)
    return french.period(first, last) if first != last else first.french


# --- one function per step ------------------------------------------------------------

def governance(f: ExampleFacts) -> dict:
    carrier = f.record("porteur")
    members = Counter(m.get("instance") for m in f.rows("membres"))
    actors = f.rows("acteurs")
    instances = f.rows("instances")
    return {
        "carrier": carrier,
        "role": french.lower_first(carrier.get("fonction") or ""),
        "instances": french.count(len(instances), "instance", "instances"),
        "instance_list": [{"name": i["nom"], "type": i["type"],
                           "frequency": i.get("frequence") or "",
                           "members": french.count(members[i["id"]], "membre", "membres")}
                          for i in instances],
        "actors": french.count(len(actors), "acteur", "acteurs"),
        "sectors": french.count(len({a["secteur"] for a in actors}), "secteur", "secteurs"),
        "participation": f.counts(actors, "participation", "acteurs", PARTICIPATION),
        "principles": [str(v) for v in f.record("vision").get("valeurs") or []],
    }


def funding(f: ExampleFacts) -> dict:
    budget = f.rows("budget")
    sources = f.rows("sources")
    by_status = []
    for status in GRIDS["sources"].column("statut").choices:
        chosen = [s for s in sources if s.get("statut") == status]
        if chosen:
            by_status.append({"status": status,
                              "sources": french.count(len(chosen), "source", "sources"),
                              "total": total(s["montant"] for s in chosen)})
    in_kind = [s for s in sources if s.get("nature") == "en nature"]
    return {
        "item_count": french.count(len(budget), "poste", "postes"),
        "budget": [{"item": b["poste"], "amount": b["montant"].french} for b in budget],
        "budget_total": total(b["montant"] for b in budget),
        "sources": french.count(len(sources), "source de financement",
                                "sources de financement"),
        "by_status": by_status,
        "in_kind": french.count(len(in_kind), "contribution en nature",
                                "contributions en nature"),
        "in_kind_total": total(s["montant"] for s in in_kind),
    }


def needs(f: ExampleFacts) -> dict:
    consultations = f.rows("consultations")
    besoins = f.rows("besoins")
    priority = GRIDS["besoins"].column("priorite")
    by_priority = []
    for value, label in zip(priority.choices, priority.labels):
        n = sum(1 for b in besoins if b.get("priorite") == value)
        if n:
            by_priority.append(french.count(n, label, label + "s"))
    return {
        "consultations": french.count(len(consultations), "activité de consultation",
                                      "activités de consultation"),
        "participants": french.count(sum(c.get("participants") or 0
                                         for c in consultations),
                                     "participation", "participations"),
        "period": _dates_span([c["date"] for c in consultations]),
        "methods": ", ".join(dict.fromkeys(c["methode"] for c in consultations)),
        "needs": french.count(len(besoins), "besoin retenu", "besoins retenus"),
        "by_priority": ", ".join(by_priority),
        "first_priority": [{"id": b["id"], "statement": b["enonce"]}
                           for b in besoins if b.get("priorite") == priority.choices[0]],
    }


def possibilities(f: ExampleFacts) -> dict:
    pistes = f.rows("pistes")
    besoins = f.rows("besoins")
    covered = {ref for p in pistes for ref in p.get("besoins") or []}
    return {
        "pistes": french.count(len(pistes), "piste", "pistes"),
        "domains": french.count(len({p["domaine"] for p in pistes}), "domaine", "domaines"),
        "covered": f"{french.number(len(covered & {b['id'] for b in besoins}))} "
                   f"des {french.number(len(besoins))}",
        "uncovered": [{"id": b["id"], "statement": b["enonce"]}
                      for b in besoins if b["id"] not in covered],
        "cost": total(p.get("cout_indicatif") for p in pistes),
        "cost_of": _with_de(p.get("cout_indicatif") for p in pistes),
        "list": [{"title": p["titre"], "needs": ", ".join(p["besoins"]),
                  "cost": p["cout_indicatif"].french if p.get("cout_indicatif") else ""}
                 for p in pistes],
    }


def situation(f: ExampleFacts) -> dict:
    conditions = f.rows("conditions")
    whole = GRIDS["connectivite"].column("municipalite").whole
    connectivity = [c for c in f.rows("connectivite")
                    if c.get("municipalite") != whole and c.get("foyers_50_10") is not None]
    lowest = min(connectivity, key=lambda c: c["foyers_50_10"], default=None)
    highest = max(connectivity, key=lambda c: c["foyers_50_10"], default=None)
    return {
        "conditions": french.count(len(conditions), "condition de réussite examinée",
                                   "conditions de réussite examinées"),
        "by_status": ", ".join(f.counts(conditions, "statut", "conditions",
                                        CONDITION_STATUS)),
        "absent": [c["condition"] for c in conditions if c.get("statut") == "absente"],
        "municipalities": french.count(len(connectivity), "municipalité", "municipalités"),
        "lowest": lowest and {"name": lowest["municipalite"],
                              "share": french.percent(lowest["foyers_50_10"])},
        "highest": highest and {"name": highest["municipalite"],
                                "share": french.percent(highest["foyers_50_10"])},
        "years": ", ".join(y.french for y in sorted({c["annee"] for c in connectivity})),
        "swot": ", ".join(f.counts(f.rows("ffom"), "type", "ffom", SWOT)),
        "has_findings": bool(f.rows("constats")),
        "findings": french.count(len(f.rows("constats")), "constat", "constats"),
        "concepts": french.count(len({fold(c["concept"]) for c in f.rows("constats")}),
                                 "concept", "concepts"),
        "sources": french.count(len({c["source"] for c in f.rows("constats")}),
                                "source", "sources"),
    }


def projects(f: ExampleFacts) -> dict:
    projets = sorted(f.rows("projets"), key=project_order)
    lines = [line for p in projets for line in p.get("financement") or []]
    orientations = f.rows("orientations")
    return {
        "orientation_count": french.count(len(orientations), "orientation", "orientations"),
        "orientations": [
            {"id": o["id"], "title": o["titre"],
             "objectives": french.count(len(o.get("objectifs") or []), "objectif",
                                        "objectifs"),
             "projects": [{"rank": p["rang"], "id": p["id"], "title": p["titre"],
                           "carrier": f.name("acteurs", p["porteur"]),
                           "cost": p["cout"].french if p.get("cout") else "non précisé"}
                          for p in projets if o["id"] in (p.get("orientation") or [])]}
            for o in orientations],
        "projects": french.count(len(projets), "projet prioritaire", "projets prioritaires"),
        "cost": total(p.get("cout") for p in projets),
        "cost_of": _with_de(p.get("cout") for p in projets),
        "obtained": total(line["montant"] for line in lines
                          if line["statut"] in FUNDING_OBTAINED) or "aucun",
        "requested": total(line["montant"] for line in lines
                           if line["statut"] in FUNDING_REQUESTED) or "aucun",
    }


def evaluation_plan(f: ExampleFacts) -> dict:
    indicators = f.rows("indicateurs")
    quantitative = [i for i in indicators if i.get("nature") == "quantitatif"]
    return {
        "indicators": french.count(len(indicators), "indicateur", "indicateurs"),
        "by_type": ", ".join(f.counts(indicators, "type", "indicateurs", INDICATOR_TYPES)),
        "quantitative": french.count(len(quantitative), "indicateur chiffré",
                                     "indicateurs chiffrés"),
        "with_baseline": sum(1 for i in quantitative if i.get("valeur_depart") is not None),
        "milestones": french.count(len(indicators) - len(quantitative), "jalon", "jalons"),
        "mechanisms": [{"instance": m["instance"], "frequency": m["frequence"]}
                       for m in f.rows("mecanismes")],
    }


def adoption(f: ExampleFacts) -> dict:
    diffusion = f.rows("diffusion")
    return {
        "consultations": [{"period": french.period(c["debut"], c["fin"]),
                           "means": french.lower_first(c.get("moyen") or ""),
                           "comments": (french.count(c["commentaires_recus"],
                                                     "commentaire reçu",
                                                     "commentaires reçus")
                                        if c.get("commentaires_recus") is not None
                                        else "")}
                          for c in f.rows("consultation_publique")],
        "approvals": [{"instance": a["instance"], "date": french.on_date(a["date"]),
                       "resolution": a.get("resolution") or ""}
                      for a in f.rows("approbations")],
        "means": french.count(len(diffusion), "moyen", "moyens"),
        "diffusion": [{"means": d["moyen"], "public": french.lower_first(d["public"])}
                      for d in diffusion],
    }


def implementation(f: ExampleFacts) -> dict:
    actions = f.rows("programmation")
    years = []
    for year in sorted({a["annee"] for a in actions}):
        of_year = [a for a in actions if a["annee"] == year]
        years.append({
            "year": year.french,
            "actions": french.count(len(of_year), "action", "actions"),
            "statuses": ", ".join(f.counts(of_year, "statut", "programmation",
                                           PROGRAMMING_STATUS)),
            "budget": total(a.get("budget") for a in of_year),
            "budget_of": _with_de(a.get("budget") for a in of_year),
        })
    return {
        "resources": [{"role": r["poste"], "time": r["temps"]}
                      for r in f.rows("ressources")],
        "years": years,
        "projects": french.count(len({a["projet"] for a in actions}), "projet", "projets"),
    }


def _reached(indicator: dict, last: dict) -> bool:
    if indicator.get("nature") == "jalon":
        return bool(last.get("atteint"))
    start, target, value = (indicator.get("valeur_depart"), indicator.get("cible"),
                            last.get("valeur"))
    if target is None or value is None:
        return False
    return value <= target if start is not None and target < start else value >= target


def evaluation(f: ExampleFacts) -> dict:
    indicators = f.rows("indicateurs")
    measures = f.rows("mesures")
    latest = {}
    for m in sorted((m for m in measures if m.get("date") is not None),
                    key=lambda m: m["date"].first_day):
        latest[m["indicateur"]] = m
    reached = [i for i in indicators if i["id"] in latest and _reached(i, latest[i["id"]])]
    return {
        "measures": french.count(len(measures), "mesure", "mesures"),
        "measured": f"{french.number(len(latest))} des {french.number(len(indicators))}",
        "reached": [f"{i['id']} — {i['libelle']}" for i in reached],
        "reports": [{"date": french.on_date(r["date"]),
                     "recipient": RECIPIENTS[r["destinataire"]],
                     "means": french.lower_first(r["moyen"])}
                    for r in f.rows("redditions")],
        "adjustments": [{"finding": a["constat"].rstrip("."),
                         "change": french.lower_first(a["ajustement"].rstrip("."))}
                        for a in f.rows("ajustements")],
    }


SUMMARIES = {
    1: governance, 2: funding, 3: needs, 4: possibilities, 5: situation,
    6: projects, 7: evaluation_plan, 8: adoption, 9: implementation, 10: evaluation,
}


def summary(loaded, step_number: int) -> str:
    """The example block of one chapter, as Markdown with raw HTML."""
    if step_number not in SUMMARIES:
        raise ValueError(f"étape inconnue pour l'exemple : {step_number!r} "
                         "(choisir un nombre de 1 à 10)")
    facts = loaded.derived("exemple", lambda: ExampleFacts(loaded.data))  # 10 chapters ask
    territory = facts.record("territoire")
    available = bool(territory) and not loaded.errors
    return render(TEMPLATE, step=STEP_BY_NUMBER[step_number].number, available=available,
                  name=territory.get("nom", ""), folder=loaded.shown,
                  x=SUMMARIES[step_number](facts) if available else {})
