"""Checks that look at a whole row (several fields together).

Each rule takes a row whose fields are already typed and returns a list of
``(field, message)`` pairs, in French.
"""

from __future__ import annotations

def dates_in_order(start_key: str, end_key: str):
    def rule(row: dict) -> list:
        start, end = row.get(start_key), row.get(end_key)
        if start is None or end is None:
            return []
        if end.last_day < start.first_day:
            return [(end_key,
                     f"« {end.iso} » est avant « {start_key} » ({start.iso}) : "
                     "la fin doit suivre le début")]
        return []

    rule.__name__ = f"dates_in_order_{start_key}_{end_key}"
    return rule


def positive(key: str):
    def rule(row: dict) -> list:
        value = row.get(key)
        if value is not None and value < 1:
            return [(key, f"« {value} » : écrire un nombre entier à partir de 1")]
        return []

    rule.__name__ = f"positive_{key}"
    return rule


def period_in_order(row: dict) -> list:
    start, end = row.get("periode_debut"), row.get("periode_fin")
    if start is not None and end is not None and end < start:
        return [("periode_fin",
                 f"« {end} » est avant le début de la période ({start})")]
    return []


def adopted_needs_date(row: dict) -> list:
    if row.get("statut") != "adopté":
        return []
    problems = []
    if row.get("date_adoption") is None:
        problems.append(("date_adoption",
                         "le plan est « adopté » : indiquer la date d'adoption "
                         "(AAAA-MM-JJ), ou remettre le statut à « brouillon »"))
    return problems


QUANTITATIVE_FIELDS = ("unite", "valeur_depart", "annee_depart", "cible")


def indicator_fields_by_nature(row: dict) -> list:
    nature = row.get("nature")
    if nature == "quantitatif":
        return [(key, "un indicateur quantitatif demande ce champ "
                      "(unité, valeur et année de départ, cible)")
                for key in QUANTITATIVE_FIELDS if row.get(key) is None]
    if nature == "jalon" and row.get("resultat_attendu") is None:
        return [("resultat_attendu",
                 "un jalon demande le résultat attendu (ce qui doit être fait, "
                 "à l'échéance)")]
    return []
