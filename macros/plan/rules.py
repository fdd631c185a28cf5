"""Checks that look at a whole row (several fields together).

Each rule takes a row whose fields are already typed and returns a list of
``(field, message)`` pairs, in French.
"""

from __future__ import annotations

from .model import is_unknown


def _missing(row: dict, key: str) -> bool:
    """Not filled at all (« inconnu » is filled: the fact exists, unknown)."""
    return row.get(key) is None and not is_unknown(row, key)

def dates_in_order(start_key: str, end_key: str, unless: str = ""):
    """``end_key`` does not come before ``start_key``; with ``unless``, only while
    that field is empty (a revised end follows the planned start when no revised
    start replaces it)."""
    def rule(row: dict) -> list:
        start, end = row.get(start_key), row.get(end_key)
        if start is None or end is None or (unless and not _missing(row, unless)):
            return []
        if end.last_day < start.first_day:
            advice = (f" ; si le début a changé lui aussi, l'inscrire dans « {unless} »"
                      if unless else "")
            return [(end_key,
                     f"« {end.written} » est avant « {start_key} » ({start.written}) : "
                     "la fin doit suivre le début" + advice)]
        return []

    rule.__name__ = f"dates_in_order_{start_key}_{end_key}"
    return rule


def amount_unless_unsure(unsure_statuses: tuple):
    """A source's amount is required, unless its status says it is not known yet
    or never money (« envisagé », « refusé »…), or it is help in kind."""
    def rule(row: dict) -> list:
        if not _missing(row, "montant") or row.get("nature") == "en nature":
            return []
        status = row.get("statut")
        if status is None or status in unsure_statuses:
            return []
        return [("montant",
                 f"champ obligatoire pour une source « {status} » : montant demandé ou "
                 "accordé, en dollars (si la source ne le dit pas, écrire « inconnu » ; "
                 "il peut rester vide pour une source "
                 + ", ".join(f"« {s} »" for s in unsure_statuses[:-1])
                 + f" ou « {unsure_statuses[-1]} », ou une aide en nature)")]

    rule.__name__ = "amount_unless_unsure"
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
    if _missing(row, "date_adoption"):
        problems.append(("date_adoption",
                         "le plan est « adopté » : indiquer la date d'adoption "
                         "(p. ex. 2016-03-15 ou mars 2016, ou « inconnu »), écrire "
                         "« publié » si l'adoption n'est pas connue, ou remettre le "
                         "statut à « brouillon »"))
    return problems


QUANTITATIVE_FIELDS = ("unite", "valeur_depart", "annee_depart", "cible")


def indicator_fields_by_nature(row: dict) -> list:
    nature = row.get("nature")
    if nature == "quantitatif":
        return [(key, "un indicateur quantitatif demande ce champ "
                      "(unité, valeur et année de départ, cible)")
                for key in QUANTITATIVE_FIELDS if _missing(row, key)]
    if nature == "jalon" and _missing(row, "resultat_attendu"):
        return [("resultat_attendu",
                 "un jalon demande le résultat attendu (ce qui doit être fait, "
                 "à l'échéance)")]
    return []
