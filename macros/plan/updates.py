"""What is out of date, and who must update it: « À mettre à jour » and
``pnt a-jour``.

Pure rules over the loaded data (``index.PlanIndex``), as of a day D: the
page takes today in a territory's preview and the data's reference date on
the template's site (``followup.reference_date``: the example never ages);
the command takes today or ``--date``. A partial date (a month, a season, a year) is read at its
LAST possible day: nothing is ever said late because of a day nobody wrote.

Actions of the annual programming (step 9, grid « Programmation annuelle »)
    An action is due when its period has begun (the first day of its
    ``annee`` is on or before D: an action of 2027 is not due in 2026), it is
    still open, and its ``mise_a_jour`` is missing or more than 90 days before
    D. Open: any status but « terminée », « abandonnée » (its record is final)
    and « reportée » (the action moved to a later year's programming, where it
    has its own row). So an action of an earlier year that is still « en
    cours » or « en retard » stays due until it is updated; a finished or
    abandoned action, of any year, never is.

Quantitative indicators (step 7, grid « Indicateurs »; measures: step 10)
    A measure is expected every period of the indicator's ``frequence``
    (mensuelle 1 month, trimestrielle 3, semestrielle 6, annuelle 12). Due when
    D is past the last measure plus one period, or, without any measure, past
    the end of ``annee_depart`` plus one period (no baseline year: nothing to
    count from, not listed). « À la fin du plan »: due only once the deadline
    (``echeance``) is past without a measure from the deadline on. Once a
    measure may date from the deadline or later, the indicator is complete:
    never due again.

Milestones (``nature: jalon``)
    Nothing is expected before the deadline. Once it is past and no measure
    says « atteint : oui », a milestone is due when no measure is dated after
    the deadline, or when the latest one is older than one period of its
    ``frequence``.

An indicator whose nature or frequency is « inconnu » is not judged.

Each item names its responsible (``responsable`` of the action or of the
indicator; none: « Responsable non précisé »), what to write, and where: the
data file and its grid, or the workbook's sheet and columns.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass
from typing import Optional

from . import french
from .catalog import GRIDS, step_of
from .index import project_order
from .values import fold

STALE_DAYS = 90
CLOSED_ACTIONS = ("terminée", "abandonnée", "reportée")
FREQUENCY_MONTHS = {"mensuelle": 1, "trimestrielle": 3, "semestrielle": 6, "annuelle": 12}
AT_THE_END = "à la fin du plan"
NO_ONE = "Responsable non précisé"
TITLE = "Mises à jour attendues"

ACTION_FIELDS = ("statut", "avancement", "mise_a_jour")
MEASURE_FIELDS = ("indicateur", "date", "valeur")
MILESTONE_FIELDS = ("indicateur", "date", "atteint")
ACTION_TODO = "le statut, l'avancement et la date de mise à jour de l'action"
MEASURE_TODO = "une nouvelle mesure, avec sa date et sa valeur"
MILESTONE_TODO = ("une nouvelle mesure, avec sa date et « oui » ou « non » (jalon atteint "
                  "ou non)")


@dataclass(frozen=True)
class Due:
    """One thing to update: whose, what, since when, what to write, where."""

    responsible: str
    subject_grid: str  # « projets » or « indicateurs »: the row the item is about
    subject_id: str  # P-02, I-04
    subject: str  # « action de 2026 « … » », « « Personnes accompagnées… » »
    since: str  # « dernière mise à jour le 15 octobre 2026 »
    todo: str  # what to write
    grid_key: str  # the grid to fill: « programmation » or « mesures »
    fields: tuple  # its columns to fill
    new_row: bool  # a new row (a measure), or the action's own row
    order: tuple = ()

    @property
    def heading(self) -> str:
        """« P-02, action de 2026 « … » », « I-04 « … » »."""
        separator = ", " if self.subject_grid == "projets" else " "
        return f"{self.subject_id}{separator}{self.subject}"


# --- dates ----------------------------------------------------------------------------------

def months_after(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later; the last day of a month stays the last."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    length = calendar.monthrange(year, month)[1]
    at_end = day.day == calendar.monthrange(day.year, day.month)[1]
    return datetime.date(year, month, length if at_end else min(day.day, length))


def quarter_title(day: datetime.date) -> str:
    """« Mises à jour attendues — T1 2027 »."""
    return f"{TITLE} — T{(day.month - 1) // 3 + 1} {day.year}"


def _quoted(text) -> str:
    return f"« {text} »"


def _responsible(row: dict) -> str:
    name = str(row.get("responsable") or "").strip()
    return name or NO_ONE


# --- actions --------------------------------------------------------------------------------

def _action_due(action: dict, day: datetime.date) -> Optional[str]:
    """Why the action is due (« dernière mise à jour … »), or None."""
    period = action.get("annee")
    if period is None or period.first_date > day:
        return None
    if action.get("statut") in CLOSED_ACTIONS:
        return None
    updated = action.get("mise_a_jour")
    if updated is None:
        return "aucune mise à jour inscrite"
    if (day - updated.last_date).days <= STALE_DAYS:
        return None
    return f"dernière mise à jour {french.on_date(updated)}"


def _action_item(action: dict, since: str, index) -> Due:
    project = index.find("projets", action.get("projet"))
    period = action["annee"]
    return Due(
        responsible=_responsible(action), subject_grid="projets",
        subject_id=str(action.get("projet")),
        subject=f"action {french.from_date(period)} {_quoted(action.get('action'))}",
        since=since, todo=ACTION_TODO, grid_key="programmation", fields=ACTION_FIELDS,
        new_row=False,
        order=(0, project_order(project or {"id": action.get("projet")}),
               period.first_day))


def due_actions(index, day: datetime.date) -> list:
    items = []
    for action in index.rows("programmation"):
        since = _action_due(action, day)
        if since is not None:
            items.append(_action_item(action, since, index))
    return items


# --- indicators -----------------------------------------------------------------------------

def _frequency(indicator: dict) -> str:
    return f" (fréquence : {indicator['frequence']})"


def _complete(indicator: dict, measures: list) -> bool:
    """A measure that may date from the deadline or later: nothing more to measure."""
    deadline = indicator.get("echeance")
    return deadline is not None and any(
        m["date"].last_date >= deadline.first_date for m in measures)


def _quantitative_due(indicator: dict, measures: list, day: datetime.date):
    frequency = indicator.get("frequence")
    usable = [m for m in measures if m.get("valeur") is not None]
    if frequency is None or _complete(indicator, usable):
        return None
    if frequency == AT_THE_END:
        deadline = indicator.get("echeance")
        if deadline is None or day <= deadline.last_date:
            return None
        return f"échéance {french.from_date(deadline)} passée sans mesure finale"
    months = FREQUENCY_MONTHS[frequency]
    if usable:
        latest = max(usable, key=lambda m: m["date"].last_date)
        if day <= months_after(latest["date"].last_date, months):
            return None
        return f"dernière mesure {french.on_date(latest['date'])}{_frequency(indicator)}"
    start = indicator.get("annee_depart")
    if start is None or day <= months_after(start.last_date, months):
        return None
    return f"aucune mesure {french.since(start)}{_frequency(indicator)}"


def _milestone_due(indicator: dict, measures: list, day: datetime.date):
    deadline = indicator.get("echeance")
    usable = [m for m in measures if m.get("atteint") is not None]
    if deadline is None or day <= deadline.last_date:
        return None
    if any(m["atteint"] for m in usable):
        return None
    passed = f"échéance {french.from_date(deadline)} passée"
    after = [m for m in usable if m["date"].last_date > deadline.last_date]
    if not after:
        return f"{passed}, aucune mesure depuis"
    months = FREQUENCY_MONTHS.get(indicator.get("frequence"))
    latest = max(after, key=lambda m: m["date"].last_date)
    if months is None or day <= months_after(latest["date"].last_date, months):
        return None
    return (f"{passed} ; dernière mesure {french.on_date(latest['date'])} : non atteint"
            f"{_frequency(indicator)}")


def _indicator_item(indicator: dict, since: str) -> Due:
    milestone = indicator.get("nature") == "jalon"
    return Due(
        responsible=_responsible(indicator), subject_grid="indicateurs",
        subject_id=str(indicator.get("id")), subject=_quoted(indicator.get("libelle")),
        since=since, todo=MILESTONE_TODO if milestone else MEASURE_TODO,
        grid_key="mesures", fields=MILESTONE_FIELDS if milestone else MEASURE_FIELDS,
        new_row=True, order=(1, str(indicator.get("id"))))


def due_indicators(index, day: datetime.date) -> list:
    items = []
    for indicator in index.rows("indicateurs"):
        measures = index.measures_by_indicator.get(indicator.get("id"), [])
        nature = indicator.get("nature")
        if nature == "jalon":
            since = _milestone_due(indicator, measures, day)
        elif nature == "quantitatif":
            since = _quantitative_due(indicator, measures, day)
        else:
            since = None
        if since is not None:
            items.append(_indicator_item(indicator, since))
    return items


# --- everything, by responsible ---------------------------------------------------------------

def due_items(index, day: datetime.date) -> list:
    return sorted(due_actions(index, day) + due_indicators(index, day),
                  key=lambda item: item.order)


def _name_order(name: str) -> tuple:
    return (name == NO_ONE, fold(name), name)


def by_responsible(items: list) -> list:
    """[(responsible, their items)], by name (accents and case aside), the
    items without a responsible last."""
    groups = {}
    for item in items:
        groups.setdefault(item.responsible, []).append(item)
    return [(name, groups[name]) for name in sorted(groups, key=_name_order)]


# --- where to write it ------------------------------------------------------------------------

def _labels(grid_key: str, fields: tuple) -> list:
    grid = GRIDS[grid_key]
    return [_quoted(grid.column(key).label) for key in fields]


def _with_id(item: Due, words: list) -> list:
    """The first field of a new measure names the indicator: « indicateur (I-04) »."""
    if not item.new_row:
        return words
    return [f"{words[0]} ({item.subject_id})", *words[1:]]


def file_route(item: Due, folder: str) -> str:
    """« data/09-mise-en-oeuvre.yml, grille « Programmation annuelle », champs
    statut, avancement et mise_a_jour »."""
    grid = GRIDS[item.grid_key]
    where = f"{folder}/{step_of(grid).filename}, grille {_quoted(grid.title)}"
    fields = french.join(_with_id(item, list(item.fields)))
    if item.new_row:
        return f"{where}, une nouvelle ligne : champs {fields}"
    return f"{where}, champs {fields}"


def sheet_route(item: Due) -> str:
    """« feuille « 9.1 Programmation annuelle », colonnes « Statut », … »."""
    from ..spreadsheet.layout import sheet_of_grid_key

    where = f"feuille {_quoted(sheet_of_grid_key(item.grid_key).name)}"
    columns = french.join(_with_id(item, _labels(item.grid_key, item.fields)))
    if item.new_row:
        return f"{where}, une nouvelle ligne : colonnes {columns}"
    return f"{where}, colonnes {columns}"
