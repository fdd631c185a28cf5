"""Checks across a plan's files, once every file is read: identifiers,
references, measures and ranks (errors), and what the plan does not cover
yet (warnings)."""

from __future__ import annotations

import re
from collections import defaultdict

from ..plan import characters, french, values as v
from ..plan.catalog import GRIDS, SCOPES, STEPS, step_of
from ..plan.index import FUNDING_REFUSED
from ..plan.kinds import RECORDS
from ..plan.values import Amount
from ..plan.model import anchor_for, is_unknown, iter_references, rows_of
from ..plan.names import name_tables, other_names_of
from .problems import WARNING, Problem
from .territory import territory_errors, territory_warnings

KNOWN_IDS_SHOWN = 12  # identifiers listed in a message about an unknown one


_at = Problem.at_row


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
        if grid.id_prefix and v.says_unknown(row_id):
            problems.append(_at(row, grid.id_key, f"« {row_id} » : un identifiant ne peut "
                                                  "être inconnu ; donner à la ligne le "
                                                  "prochain identifiant libre (forme "
                                                  f"{grid.id_prefix}-01)"))
        elif grid.id_prefix and not _id_shape(grid).match(row_id):
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


def _reference_said_unknown(row, field: str, ref, target, folder: str) -> Problem:
    message = (f"« {ref} » : un renvoi ne peut être inconnu ; inscrire la ligne dans la "
               f"grille « {target.title} » ({folder}{step_of(target).filename}), au "
               "besoin avec des champs « inconnu », et y renvoyer par son identifiant")
    return Problem.in_file(row.origin.path, row.origin.line_of(field.rsplit(".", 1)[-1]),
                           field, message)


def _unknown_reference(row, field: str, ref, target, known: set) -> Problem:
    folder = row.origin.path.rsplit("/", 1)[0] + "/" if "/" in row.origin.path else ""
    if v.says_unknown(ref):
        return _reference_said_unknown(row, field, ref, target, folder)
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


def _same_row_twice(holder, reference, names: dict) -> list:
    """A row cited by two of its names (« Asbestos, Val-des-Sources »)."""
    problems, seen = [], {}
    for ref in dict.fromkeys(reference.ids):
        current = names.get(ref, ref)
        if current in seen:
            problems.append(Problem.in_file(
                holder.origin.path, holder.origin.line_of(reference.column.key),
                reference.field, f"« {seen[current]} » et « {ref} » désignent la même "
                                 f"municipalité (« {current} ») : n'en garder qu'un"))
        seen.setdefault(current, ref)
    return problems


def _row_reference_problems(grid, row, known_by_grid: dict, names: dict = None) -> list:
    """Unknown or repeated ids cited by a row; ``known_by_grid`` holds the ids of
    each grid that can be judged (grids of unreadable files are left out);
    ``names``: {grid key: {other name: id}}, the former names and aliases a
    reference may cite instead of an id (plan/names.py)."""
    problems = []
    for reference in iter_references(grid.columns, row):
        target = GRIDS[reference.column.target]
        if target.key not in known_by_grid:
            continue
        holder = reference.row
        other = (names or {}).get(target.key, {})
        for ref in reference.ids:
            if ref not in known_by_grid[target.key] and ref not in other:
                problems.append(_unknown_reference(holder, reference.field, ref, target,
                                                   known_by_grid[target.key]))
        for ref in sorted({r for r in reference.ids if reference.ids.count(r) > 1}):
            problems.append(Problem.in_file(
                holder.origin.path, holder.origin.line_of(reference.column.key),
                reference.field, f"« {ref} » est cité deux fois : le garder une fois"))
        if other:
            problems += _same_row_twice(holder, reference, other)
    return problems


def check_references(data: dict, unreadable: frozenset = frozenset()) -> list:
    """Unknown or repeated ids. Grids of unreadable files are not judged. A
    municipality may be cited by a former name or an alias."""
    unreadable_steps = {s.number for s in STEPS if s.filename in unreadable}
    known_by_grid = {g.key: _known_ids(data, g) for g in GRIDS.values()
                     if g.identified and g.step not in unreadable_steps}
    names = name_tables(data)
    return [problem for grid in GRIDS.values() for row in rows_of(data, grid.key)
            for problem in _row_reference_problems(grid, row, known_by_grid, names)]


# --- measures and ranks ------------------------------------------------------------------

def _in_row(row, field: str, message: str) -> Problem:
    """A problem about a field that is absent: placed on the row's first line."""
    return Problem.in_file(row.origin.path, row.origin.line, field, message)


def _measure_problems(row, nature) -> list:
    """A quantitative indicator's measure has a value; a milestone's says if reached."""
    indicator = row["indicateur"]
    problems = []
    # « inconnu » is an answer (the measure was taken, its result is not known).
    if nature == "quantitatif" and row.get("valeur") is None and not is_unknown(row, "valeur"):
        problems.append(_in_row(row, "valeur", f"l'indicateur « {indicator} » est "
                                               "quantitatif : indiquer la valeur mesurée "
                                               "(ou « inconnu »)"))
    if nature == "jalon" and row.get("atteint") is None and not is_unknown(row, "atteint"):
        problems.append(_in_row(row, "atteint", f"l'indicateur « {indicator} » est un "
                                                "jalon : indiquer s'il est atteint "
                                                "(oui, non ou « inconnu »)"))
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
    # A bound written « inconnu » is None: only the known one is judged.
    return (start, end) if start is not None or end is not None else None


def _outside_message(what: str, first: int, last: int, period: tuple) -> str:
    """« le projet … commence en 2090, après la fin du plan (2025–2029) », or ""."""
    start, end = period
    span = french.plan_years(start, end)
    if end is not None and first > end:
        return (f"{what} commence en {first}, après la fin du plan ({span}) : vérifier "
                "l'année, ou la période du plan (fiche « territoire »)")
    if start is not None and last < start:
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
    cost = project.get("cout")
    lines = [line for line in project.get("financement") or []
             if line.get("statut") not in FUNDING_REFUSED]  # never money
    funding = Amount.total(line.get("montant") for line in lines)
    if cost is None or not lines or not cost.has_upper_bound or funding.low <= cost.high:
        return None  # « plus de 4 M$ »: no funding exceeds it
    return _at(project, "financement", (
        f"le financement inscrit ({funding.french}) dépasse le coût estimé du projet "
        f"({cost.french}) : vérifier les montants (un zéro de trop ?)"), WARNING)


def _deadline_warnings(data: dict, period: tuple) -> list:
    """Indicators whose deadline (« echeance ») falls outside the plan's period."""
    start, end = period
    warnings = []
    for indicator in rows_of(data, "indicateurs"):
        deadline = indicator.get("echeance")
        after = end is not None and deadline is not None and deadline.year > end
        before = start is not None and deadline is not None and deadline.year < start
        if not (after or before):  # a bound written « inconnu » is None: not judged
            continue
        where = "après la fin" if after else "avant le début"
        warnings.append(_at(indicator, "echeance", (
            f"l'échéance de l'indicateur « {indicator.get('id')} » ({deadline.written}) est "
            f"{where} du plan ({french.plan_years(start, end)}) : vérifier la date, ou la "
            "période du plan (fiche « territoire »)"), WARNING))
    return warnings


def plausibility_warnings(data: dict) -> list:
    """Dates far from the plan's period, funding above the cost or above its
    source: possible, but more often a slip of the keyboard."""
    period, warnings = _period(data), source_overdrawn_warnings(data)
    if period is not None:
        warnings += _deadline_warnings(data, period)
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
            if year is not None and ((start is not None and year.year < start)
                                     or (end is not None and year.last_year > end)):
                warnings.append(_at(action, "annee", (
                    f"« {year.written} » est hors de la période du plan "
                    f"({french.plan_years(start, end)}) : "
                    "vérifier l'année, ou la période du plan (fiche « territoire »)"),
                    WARNING))
    return warnings


def source_overdrawn_warnings(data: dict) -> list:
    """A source whose amount is below what the projects' funding lines draw on
    it (refused lines aside)."""
    drawn = defaultdict(list)
    for project in rows_of(data, "projets"):
        for line in project.get("financement") or []:
            if line.get("source") is not None and line.get("statut") not in FUNDING_REFUSED:
                drawn[line["source"]].append((project.get("id"), line.get("montant")))
    warnings = []
    for source in rows_of(data, "sources"):
        amount, lines = source.get("montant"), drawn.get(source.get("id"), [])
        total = Amount.total(montant for _, montant in lines)
        if amount is None or not amount.has_upper_bound or total.low <= amount.high:
            continue
        projects = french.join(sorted({str(pid) for pid, _ in lines if pid is not None}))
        warnings.append(_at(source, "montant", (
            f"les projets inscrivent {total.french} sur la source « {source.get('id')} » "
            f"({projects}), plus que son montant ({amount.french}) : vérifier les montants "
            "des lignes de financement (grille « projets », champ « financement ») ou "
            "celui de la source"), WARNING))
    return warnings


# --- what real plans leave out or write their own way ----------------------------------------

def _scope_words(data: dict) -> list:
    """What a finding's « portee » may be: « territoire », « région », « Québec »,
    or a municipality by its name, a former name or an alias."""
    grid, words = GRIDS["municipalites"], list(SCOPES)
    for municipality in rows_of(data, grid.key):
        names = [municipality.get(grid.id_key)] + [
            name for name, _ in other_names_of(grid, municipality)]
        words += [str(name) for name in names if name]
    return words


def check_scopes(data: dict, unreadable: frozenset = frozenset()) -> list:
    """The scope of each finding is a known word or a municipality of the territory."""
    if step_of(GRIDS["municipalites"]).filename in unreadable:
        return []  # the municipalities cannot be read: not judged
    words = _scope_words(data)
    known = {v.fold(word) for word in words}
    names = [str(m["nom"]) for m in rows_of(data, "municipalites") if m.get("nom")]
    listed = ", ".join(names[:KNOWN_IDS_SHOWN]) + ("…" if len(names) > KNOWN_IDS_SHOWN else "")
    problems = []
    for row in rows_of(data, "constats"):
        scope = row.get("portee")
        if scope is None or v.fold(scope) in known:
            continue
        message = (f"« {scope} » n'est pas une portée connue : écrire « territoire », "
                   "« région », « Québec » ou le nom d'une municipalité du territoire"
                   + (f" ({listed})" if names else " (aucune n'est encore inscrite)"))
        near = v.suggestion(scope, words)
        if near is not None:
            message += f" ; vouliez-vous dire « {near} » ?"
        problems.append(_at(row, "portee", message + characters.note(scope)))
    return problems


def check_project_orientations(data: dict) -> list:
    """A project belongs to at least one orientation once the plan has some
    (error); while it has none, a project without one is a warning."""
    has_orientations = bool(rows_of(data, "orientations"))
    problems = []
    for project in rows_of(data, "projets"):
        if project.get("orientation") or "orientation" in project.origin.invalid:
            continue
        if has_orientations:
            problems.append(_at(project, "orientation", (
                "champ obligatoire quand le plan a des orientations : identifiant de "
                "l'orientation (O-01…) dont relève le projet")))
        else:
            problems.append(_at(project, "orientation", (
                f"le projet « {project.get('id')} » ne relève d'aucune orientation : le "
                "plan n'en a pas (grille « orientations ») ; l'y rattacher si elles sont "
                "définies plus tard"), WARNING))
    return problems


# --- facts the source does not give: warnings, not errors ---------------------------------

UNKNOWN_MESSAGE = ("valeur inconnue (« inconnu ») : le site affiche « non précisé » ; "
                   "la compléter dès qu'elle est connue")
UNKNOWN_NUMBER = " (d'ici là, elle est laissée hors des totaux et des graphiques)"


def _unknown_warning(row, column, prefix: str) -> Problem:
    message = UNKNOWN_MESSAGE + (UNKNOWN_NUMBER if column.kind.numeric else "")
    return Problem.in_file(row.origin.path, row.origin.line_of(column.key),
                           prefix + column.key, message, level=WARNING)


def _unknown_in(row, columns, prefix: str = "") -> list:
    warnings = []
    for column in columns:
        if is_unknown(row, column.key):
            warnings.append(_unknown_warning(row, column, prefix))
        elif column.kind.shape == RECORDS:
            for sub in row.get(column.key) or []:
                warnings += _unknown_in(sub, column.columns, f"{column.key}.")
    return warnings


def unknown_warnings(data: dict) -> list:
    """Every value written « inconnu », so that the plan's gaps are listed."""
    return [warning for grid in GRIDS.values() for row in rows_of(data, grid.key)
            for warning in _unknown_in(row, grid.columns)]


def check_plan(data: dict, unreadable: frozenset = frozenset()) -> list:
    """Checks across files. ``unreadable``: names of files with a syntax error,
    whose grids look empty; coverage is not judged until they are fixed."""
    problems = (check_identifiers(data) + check_references(data, unreadable)
                + check_measures(data) + check_project_ranks(data)
                + check_scopes(data, unreadable) + check_project_orientations(data)
                + territory_errors(data))
    if not unreadable:
        problems += (coverage_warnings(data) + plausibility_warnings(data)
                     + territory_warnings(data))
    return problems + unknown_warnings(data)
