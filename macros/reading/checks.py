"""Checks across a plan's files, once every file is read: identifiers,
references, measures and ranks (errors), and what the plan does not cover
yet (warnings)."""

from __future__ import annotations

import re

from ..plan import characters, values as v
from ..plan.catalog import GRIDS, STEPS, step_of
from ..plan.values import Amount
from ..plan.model import anchor_for, iter_references, rows_of
from .problems import ERROR, WARNING, Problem

KNOWN_IDS_SHOWN = 12  # identifiers listed in a message about an unknown one


def _at(row, field: str, message: str, level: str = ERROR) -> Problem:
    return Problem.in_file(row.origin.path, row.origin.line_of(field), field, message,
                           level=level)


# --- identifiers ------------------------------------------------------------------

def _id_shape(grid) -> re.Pattern:
    return re.compile(grid.id_pattern)


def _grid_identifiers(data: dict, grid) -> list:
    problems, seen, anchors = [], {}, {}
    for row in rows_of(data, grid.key):
        row_id = row.get(grid.id_key)
        if row_id is None:
            continue
        anchor = anchor_for(row_id)
        if anchor in anchors and anchors[anchor] != row_id:
            problems.append(_at(row, grid.id_key,
                                f"« {row_id} » se confond avec « {anchors[anchor]} » "
                                "dans les liens du site : distinguer davantage les "
                                "deux noms"))
        anchors.setdefault(anchor, row_id)
        if grid.id_prefix and not _id_shape(grid).match(row_id):
            problems.append(_at(row, grid.id_key, f"« {row_id} » : l'identifiant doit "
                                                  f"avoir la forme {grid.id_prefix}-01"
                                + characters.note(row_id)))
        if row_id in seen:
            first = seen[row_id].origin
            problems.append(_at(row, grid.id_key,
                                f"« {row_id} » est déjà utilisé ({first.path}, ligne "
                                f"{first.line_of(grid.id_key)}) ; chaque ligne de la "
                                f"grille « {grid.title} » a son propre identifiant"))
            continue
        seen[row_id] = row
    return problems


def check_identifiers(data: dict) -> list:
    return [problem for grid in GRIDS.values() if grid.identified
            for problem in _grid_identifiers(data, grid)]


# --- references ----------------------------------------------------------------------

def _known_ids(data: dict, grid) -> set:
    return {row.get(grid.id_key) for row in rows_of(data, grid.key)} - {None}


def _unknown_reference(row, field: str, ref, target, known: set) -> Problem:
    folder = row.origin.path.rsplit("/", 1)[0] + "/" if "/" in row.origin.path else ""
    listed = ", ".join(sorted(known)[:KNOWN_IDS_SHOWN]) or "aucun pour l'instant"
    if len(known) > KNOWN_IDS_SHOWN:
        listed += "…"
    message = (f"« {ref} » n'existe pas dans la grille « {target.title} » "
               f"({folder}{step_of(target).filename}) ; identifiants connus : {listed}")
    near = None if target.id_prefix else v.suggestion(ref, known)  # names only
    if near is not None and near != ref:
        message += f" ; vouliez-vous dire « {near} » ?"
    message += characters.note(str(ref))
    return Problem.in_file(row.origin.path, row.origin.line_of(field.rsplit(".", 1)[-1]),
                           field, message)


def _row_reference_problems(grid, row, known_by_grid: dict) -> list:
    """Unknown or repeated ids cited by a row; ``known_by_grid`` holds the ids of
    each grid that can be judged (grids of unreadable files are left out)."""
    problems = []
    for reference in iter_references(grid.columns, row):
        target = GRIDS[reference.column.target]
        if target.key not in known_by_grid:
            continue
        holder = reference.row
        for ref in reference.ids:
            if ref not in known_by_grid[target.key]:
                problems.append(_unknown_reference(holder, reference.field, ref, target,
                                                   known_by_grid[target.key]))
        for ref in sorted({r for r in reference.ids if reference.ids.count(r) > 1}):
            problems.append(Problem.in_file(
                holder.origin.path, holder.origin.line_of(reference.column.key),
                reference.field, f"« {ref} » est cité deux fois : le garder une fois"))
    return problems


def check_references(data: dict, unreadable: frozenset = frozenset()) -> list:
    """Unknown or repeated ids. Grids of unreadable files are not judged."""
    unreadable_steps = {s.number for s in STEPS if s.filename in unreadable}
    known_by_grid = {g.key: _known_ids(data, g) for g in GRIDS.values()
                     if g.identified and g.step not in unreadable_steps}
    return [problem for grid in GRIDS.values() for row in rows_of(data, grid.key)
            for problem in _row_reference_problems(grid, row, known_by_grid)]


# --- measures and ranks ------------------------------------------------------------------

def _in_row(row, field: str, message: str) -> Problem:
    """A problem about a field that is absent: placed on the row's first line."""
    return Problem.in_file(row.origin.path, row.origin.line, field, message)


def _measure_problems(row, nature) -> list:
    """A quantitative indicator's measure has a value; a milestone's says if reached."""
    indicator = row["indicateur"]
    problems = []
    if nature == "quantitatif" and row.get("valeur") is None:
        problems.append(_in_row(row, "valeur", f"l'indicateur « {indicator} » est "
                                               "quantitatif : indiquer la valeur mesurée"))
    if nature == "jalon" and row.get("atteint") is None:
        problems.append(_in_row(row, "atteint", f"l'indicateur « {indicator} » est un "
                                                "jalon : indiquer s'il est atteint "
                                                "(oui ou non)"))
    if nature == "quantitatif" and row.get("atteint") is not None:
        problems.append(_at(row, "atteint", f"l'indicateur « {indicator} » est "
                                            "quantitatif : enlever « atteint », qui sert "
                                            "aux jalons"))
    if nature == "jalon" and row.get("valeur") is not None:
        problems.append(_at(row, "valeur", f"l'indicateur « {indicator} » est un jalon : "
                                           "enlever « valeur » et indiquer « atteint : "
                                           "oui » ou « non »"))
    return problems


def check_measures(data: dict) -> list:
    nature = {row["id"]: row.get("nature") for row in rows_of(data, "indicateurs")
              if row.get("id")}
    return [problem for row in rows_of(data, "mesures")
            if not row.origin.invalid & {"valeur", "atteint"}
            for problem in _measure_problems(row, nature.get(row.get("indicateur")))]


def check_project_ranks(data: dict) -> list:
    problems, seen = [], {}
    for project in rows_of(data, "projets"):
        rank = project.get("rang")
        if rank is None:
            continue
        if rank in seen:
            problems.append(_at(project, "rang", f"« {rank} » est déjà le rang du projet "
                                                 f"« {seen[rank]} » : donner un rang "
                                                 "différent à chaque projet"))
            continue
        seen[rank] = project.get("id")
    return problems


# --- coverage: warnings, not errors --------------------------------------------------

def _warning(row, message: str) -> Problem:
    return _at(row, "id", message, WARNING)


def coverage_warnings(data: dict) -> list:
    """Priority needs without a project, projects without an indicator and, once
    the plan is adopted, indicators without a measure."""
    projects = rows_of(data, "projets")
    answered = {b for p in projects for b in (p.get("besoins") or [])}
    warnings = [_warning(need, f"le besoin prioritaire « {need['id']} » n'a encore "
                               "aucun projet (grille « projets », champ « besoins »)")
                for need in rows_of(data, "besoins")
                if need.get("priorite") == GRIDS["besoins"].column("priorite").choices[0]
                and need.get("id") not in answered]
    measured = {p for i in rows_of(data, "indicateurs") for p in (i.get("projets") or [])}
    warnings += [_warning(project, f"le projet « {project['id']} » n'a aucun indicateur "
                                   "(grille « indicateurs », champ « projets »)")
                 for project in projects
                 if project.get("id") and project["id"] not in measured]
    if (data.get("territoire") or {}).get("statut") == "adopté":
        with_measure = {m.get("indicateur") for m in rows_of(data, "mesures")}
        warnings += [_warning(indicator, f"l'indicateur « {indicator['id']} » n'a encore "
                                         "aucune mesure (grille « mesures »)")
                     for indicator in rows_of(data, "indicateurs")
                     if indicator.get("id") and indicator["id"] not in with_measure]
    return warnings


# --- plausibility: warnings, not errors ------------------------------------------------------

def _period(data: dict):
    territory = data.get("territoire") or {}
    start, end = territory.get("periode_debut"), territory.get("periode_fin")
    return (start, end) if start is not None and end is not None else None


def _outside_message(what: str, first: int, last: int, period: tuple) -> str:
    """« le projet … commence en 2090, après la fin du plan (2025–2029) », or ""."""
    start, end = period
    span = f"{start}–{end}"
    if first > end:
        return (f"{what} commence en {first}, après la fin du plan ({span}) : vérifier "
                "l'année, ou la période du plan (fiche « territoire »)")
    if last < start:
        return (f"{what} se termine en {last}, avant le début du plan ({span}) : vérifier "
                "l'année, ou la période du plan (fiche « territoire »)")
    return ""


def _project_period_warnings(project, period: tuple) -> list:
    warnings = []
    for start_key, end_key in (("debut", "fin"), ("debut_revise", "fin_revisee")):
        start, end = project.get(start_key), project.get(end_key)
        if start is None and end is None:
            continue
        first = (start or end).year
        last = (end or start).year
        message = _outside_message(f"le projet « {project.get('id')} »", first, last,
                                   period)
        if message:
            warnings.append(_at(project, start_key if start else end_key, message,
                                WARNING))
    return warnings


def _funding_warning(project):
    cost, lines = project.get("cout"), project.get("financement") or []
    funding = Amount.total(line.get("montant") for line in lines)
    if cost is None or not lines or funding.low <= cost.high:
        return None
    return _at(project, "financement", (
        f"le financement inscrit ({funding.french}) dépasse le coût estimé du projet "
        f"({cost.french}) : vérifier les montants (un zéro de trop ?)"), WARNING)


def plausibility_warnings(data: dict) -> list:
    """Dates far from the plan's period, funding above the cost: possible, but
    more often a slip of the keyboard."""
    period, warnings = _period(data), []
    for project in rows_of(data, "projets"):
        if period is not None:
            warnings += _project_period_warnings(project, period)
        funding = _funding_warning(project)
        if funding is not None:
            warnings.append(funding)
    if period is not None:
        for action in rows_of(data, "programmation"):
            year = action.get("annee")
            start, end = period
            if year is not None and not start <= year <= end:
                warnings.append(_at(action, "annee", (
                    f"« {year} » est hors de la période du plan ({start}–{end}) : "
                    "vérifier l'année, ou la période du plan (fiche « territoire »)"),
                    WARNING))
    return warnings


def check_plan(data: dict, unreadable: frozenset = frozenset()) -> list:
    """Checks across files. ``unreadable``: names of files with a syntax error,
    whose grids look empty; coverage is not judged until they are fixed."""
    problems = (check_identifiers(data) + check_references(data, unreadable)
                + check_measures(data) + check_project_ranks(data))
    if not unreadable:
        problems += coverage_warnings(data) + plausibility_warnings(data)
    return problems
