"""How the fictional example territory did each step, computed from ``exemple/``.

Each chapter of the guide ends with a short factual summary of the example
(MRC de la Vallée-des-Cèdres): counts, totals and short lists computed here
from the example's data, laid out by ``templates/exemple_etape.html``. The
example is always read from ``exemple/`` (see ``loader.load_example``), even
in a territory's own site, so the guide never drifts from its example. The
summary holds no link: the territory's plan pages are not the example's.
"""

from __future__ import annotations

from collections import Counter

from .catalog import GRIDS, STEP_BY_NUMBER
from .render import render
from .values import Amount, format_number
from .views import PlanIndex, count_phrase, format_percent, period_text

TEMPLATE = "exemple_etape.html"

# How many rows of a kind, with the verb agreeing: (singular, plural).
PARTICIPATION = {
    "participe": ("acteur participe", "acteurs participent"),
    "invité": ("acteur a été invité, sans réponse encore",
               "acteurs ont été invités, sans réponse encore"),
    "à inviter": ("acteur reste à inviter", "acteurs restent à inviter"),
    "a décliné": ("acteur a décliné l'invitation", "acteurs ont décliné l'invitation"),
}
FUNDING = {
    "reçu": ("reçu", "reçus"),
    "confirmé": ("confirmé", "confirmés"),
    "demandé": ("demandé", "demandés"),
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


class ExampleFacts(PlanIndex):
    """The example's rows, and the small computations the summaries share."""

    def label(self, grid_key: str, row_id) -> str:
        grid = GRIDS[grid_key]
        for row in self.rows(grid_key):
            if row.get(grid.id_key) == row_id:
                return str(row.get(grid.label_key) or row_id)
        return str(row_id)

    def counts(self, rows: list, field: str, grid_key: str, wording: dict) -> list:
        """« 3 forces », « 1 menace »… in the order of the column's choices."""
        found = Counter(row.get(field) for row in rows)
        choices = GRIDS[grid_key].column(field).choices
        return [count_phrase(found[choice], *wording[choice])
                for choice in choices if found[choice]]


def total(amounts) -> str:
    amounts = [a for a in amounts if a is not None]
    if not amounts:
        return ""
    return Amount(sum(a.low for a in amounts), sum(a.high for a in amounts)).french


def lowercase_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else ""


def _dates_span(dates: list) -> str:
    if not dates:
        return ""
    first = min(dates, key=lambda d: d.first_day)
    last = max(dates, key=lambda d: d.last_day)
    return period_text(first, last) if first != last else first.french


# --- one function per step ------------------------------------------------------------

def governance(f: ExampleFacts) -> dict:
    porteur = f.record("porteur")
    members = Counter(m.get("instance") for m in f.rows("membres"))
    actors = f.rows("acteurs")
    return {
        "porteur": porteur,
        "fonction": lowercase_first(porteur.get("fonction") or ""),
        "instances": [{"nom": i["nom"], "type": i["type"],
                       "frequence": i.get("frequence") or "",
                       "membres": count_phrase(members[i["id"]], "membre", "membres")}
                      for i in f.rows("instances")],
        "acteurs": count_phrase(len(actors), "acteur", "acteurs"),
        "secteurs": count_phrase(len({a["secteur"] for a in actors}), "secteur",
                                 "secteurs"),
        "participation": f.counts(actors, "participation", "acteurs", PARTICIPATION),
        "valeurs": list(f.record("vision").get("valeurs") or []),
    }


def funding(f: ExampleFacts) -> dict:
    budget = f.rows("budget")
    sources = f.rows("sources")
    by_status = []
    for status in GRIDS["sources"].column("statut").choices:
        chosen = [s for s in sources if s.get("statut") == status]
        if chosen:
            by_status.append({"statut": status,
                              "sources": count_phrase(len(chosen), "source", "sources"),
                              "total": total(s["montant"] for s in chosen)})
    in_kind = [s for s in sources if s.get("nature") == "en nature"]
    return {
        "postes": [{"poste": b["poste"], "montant": b["montant"].french} for b in budget],
        "budget_total": total(b["montant"] for b in budget),
        "sources": count_phrase(len(sources), "source de financement",
                                "sources de financement"),
        "par_statut": by_status,
        "en_nature": count_phrase(len(in_kind), "contribution en nature",
                                  "contributions en nature"),
        "en_nature_total": total(s["montant"] for s in in_kind),
    }


def needs(f: ExampleFacts) -> dict:
    consultations = f.rows("consultations")
    besoins = f.rows("besoins")
    priority = GRIDS["besoins"].column("priorite")
    by_priority = []
    for value, label in zip(priority.choices, priority.labels):
        n = sum(1 for b in besoins if b.get("priorite") == value)
        if n:
            by_priority.append(count_phrase(n, label, label + "s"))
    methods = list(dict.fromkeys(c["methode"] for c in consultations))
    return {
        "consultations": count_phrase(len(consultations), "activité de consultation",
                                      "activités de consultation"),
        "participants": count_phrase(sum(c.get("participants") or 0
                                         for c in consultations),
                                     "participation", "participations"),
        "periode": _dates_span([c["date"] for c in consultations]),
        "methodes": methods,
        "besoins": count_phrase(len(besoins), "besoin retenu", "besoins retenus"),
        "nombre_besoins": len(besoins),
        "par_priorite": by_priority,
        "prioritaires": [{"id": b["id"], "enonce": b["enonce"]}
                         for b in besoins if b.get("priorite") == priority.choices[0]],
    }


def possibilities(f: ExampleFacts) -> dict:
    pistes = f.rows("pistes")
    besoins = f.rows("besoins")
    covered = {ref for p in pistes for ref in p.get("besoins") or []}
    return {
        "pistes": count_phrase(len(pistes), "piste", "pistes"),
        "domaines": count_phrase(len({p["domaine"] for p in pistes}), "domaine",
                                 "domaines"),
        "couverts": f"{format_number(len(covered & {b['id'] for b in besoins}))} "
                    f"des {format_number(len(besoins))}",
        "sans_piste": [{"id": b["id"], "enonce": b["enonce"]}
                       for b in besoins if b["id"] not in covered],
        "cout_total": total(p.get("cout_indicatif") for p in pistes),
        "liste": [{"titre": p["titre"], "besoins": ", ".join(p["besoins"]),
                   "cout": p["cout_indicatif"].french if p.get("cout_indicatif") else ""}
                  for p in pistes],
    }


def situation(f: ExampleFacts) -> dict:
    conditions = f.rows("conditions")
    connectivity = f.rows("connectivite")
    lowest = min(connectivity, key=lambda c: c["foyers_50_10"], default=None)
    highest = max(connectivity, key=lambda c: c["foyers_50_10"], default=None)
    return {
        "conditions": count_phrase(len(conditions), "condition de réussite examinée",
                                   "conditions de réussite examinées"),
        "par_statut": f.counts(conditions, "statut", "conditions", CONDITION_STATUS),
        "absentes": [c["condition"] for c in conditions if c.get("statut") == "absente"],
        "municipalites": count_phrase(len(connectivity), "municipalité", "municipalités"),
        "minimum": lowest and {"nom": lowest["municipalite"],
                               "part": format_percent(lowest["foyers_50_10"])},
        "maximum": highest and {"nom": highest["municipalite"],
                                "part": format_percent(highest["foyers_50_10"])},
        "annees": ", ".join(str(y) for y in sorted({c["annee"] for c in connectivity})),
        "ffom": f.counts(f.rows("ffom"), "type", "ffom", SWOT),
    }


def projects(f: ExampleFacts) -> dict:
    projets = sorted(f.rows("projets"), key=lambda p: (p.get("rang") or 10**6, p["id"]))
    lines = [line for p in projets for line in p.get("financement") or []]
    secured = [line["montant"] for line in lines if line["statut"] in ("confirmé", "reçu")]
    asked = [line["montant"] for line in lines if line["statut"] == "demandé"]
    return {
        "orientations": [
            {"id": o["id"], "titre": o["titre"],
             "objectifs": count_phrase(len(o.get("objectifs") or []), "objectif",
                                       "objectifs"),
             "projets": [{"rang": p["rang"], "id": p["id"], "titre": p["titre"],
                          "porteur": f.label("acteurs", p["porteur"]),
                          "cout": p["cout"].french if p.get("cout") else ""}
                         for p in projets if p.get("orientation") == o["id"]]}
            for o in f.rows("orientations")],
        "projets": count_phrase(len(projets), "projet prioritaire",
                                "projets prioritaires"),
        "cout_total": total(p.get("cout") for p in projets),
        "obtenu": total(secured),
        "demande": total(asked),
    }


def evaluation_plan(f: ExampleFacts) -> dict:
    indicators = f.rows("indicateurs")
    quantitative = [i for i in indicators if i.get("nature") == "quantitatif"]
    by_type = f.counts(indicators, "type", "indicateurs", INDICATOR_TYPES)
    return {
        "indicateurs": count_phrase(len(indicators), "indicateur", "indicateurs"),
        "par_type": by_type,
        "quantitatifs": count_phrase(len(quantitative), "indicateur chiffré",
                                     "indicateurs chiffrés"),
        "avec_depart": sum(1 for i in quantitative if i.get("valeur_depart") is not None),
        "jalons": count_phrase(len(indicators) - len(quantitative), "jalon", "jalons"),
        "mecanismes": [{"instance": m["instance"], "frequence": m["frequence"]}
                       for m in f.rows("mecanismes")],
    }


def adoption(f: ExampleFacts) -> dict:
    consultation = f.rows("consultation_publique")
    return {
        "consultations": [{"periode": period_text(c["debut"], c["fin"]),
                           "moyen": lowercase_first(c.get("moyen") or ""),
                           "commentaires": (count_phrase(c["commentaires_recus"],
                                                         "commentaire reçu",
                                                         "commentaires reçus")
                                            if c.get("commentaires_recus") is not None
                                            else "")}
                          for c in consultation],
        "approbations": [{"instance": a["instance"], "date": a["date"].french,
                          "resolution": a.get("resolution") or ""}
                         for a in f.rows("approbations")],
        "diffusion": [{"moyen": d["moyen"], "public": lowercase_first(d["public"])}
                      for d in f.rows("diffusion")],
    }


def implementation(f: ExampleFacts) -> dict:
    actions = f.rows("programmation")
    years = []
    for year in sorted({a["annee"] for a in actions}):
        of_year = [a for a in actions if a["annee"] == year]
        years.append({
            "annee": year,
            "actions": count_phrase(len(of_year), "action", "actions"),
            "statuts": f.counts(of_year, "statut", "programmation", PROGRAMMING_STATUS),
            "budget": total(a.get("budget") for a in of_year),
        })
    return {
        "ressources": [{"poste": r["poste"], "temps": r["temps"]}
                       for r in f.rows("ressources")],
        "annees": years,
        "projets": count_phrase(len({a["projet"] for a in actions}), "projet", "projets"),
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
    for m in sorted(measures, key=lambda m: m["date"].first_day):
        latest[m["indicateur"]] = m
    reached = [i for i in indicators if i["id"] in latest and _reached(i, latest[i["id"]])]
    return {
        "mesures": count_phrase(len(measures), "mesure", "mesures"),
        "mesures_sur": f"{format_number(len(latest))} des {format_number(len(indicators))}",
        "atteints": [f"{i['id']} — {i['libelle']}" for i in reached],
        "redditions": [{"date": r["date"].french,
                        "destinataire": RECIPIENTS[r["destinataire"]],
                        "moyen": lowercase_first(r["moyen"])}
                       for r in f.rows("redditions")],
        "ajustements": [{"constat": a["constat"].rstrip("."),
                         "ajustement": lowercase_first(a["ajustement"].rstrip("."))}
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
    facts = ExampleFacts(loaded.data)
    territory = facts.record("territoire")
    available = bool(territory) and not loaded.errors
    return render(TEMPLATE, etape=STEP_BY_NUMBER[step_number], disponible=available,
                  territoire=territory, dossier=loaded.shown,
                  x=SUMMARIES[step_number](facts) if available else {})
