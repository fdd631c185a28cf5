"""« À mettre à jour », a page of the author's preview and of the template's
site (never of the public site): per responsible, the actions and the
indicators out of date (plan/updates.py), each linked to its row in the plan's
pages, with what to write and where.

Its date is given by ``Site.updates``: today in a territory's preview, the
data's reference date on the template's site (``followup.reference_date``: the
latest update the data records, so the example never ages). ``pnt a-jour``
lists the same items as of today or of ``--date``.
"""

from __future__ import annotations

from ..plan import french, updates
from ..plan.model import anchor_for
from .plan.common import PageContext

HEADINGS = ("Quoi", "Depuis quand", "À inscrire", "Où l'inscrire")


def _line(ctx: PageContext, item) -> dict:
    return {"id": item.subject_id,
            "href": ctx.linker.to_row(item.subject_grid, item.subject_id),
            "subject": item.subject, "since": item.since, "todo": item.todo,
            "file": updates.file_route(item, ctx.folder),
            "sheet": updates.sheet_route(item)}


def _anchor(name: str, taken: set) -> str:
    base = f"responsable-{anchor_for(name)}"
    anchor, number = base, 2
    while anchor in taken:
        anchor, number = f"{base}-{number}", number + 1
    taken.add(anchor)
    return anchor


def updates_view(ctx: PageContext, reference) -> dict:
    items = updates.due_items(ctx.index, reference.day)
    taken, groups = set(), []
    for name, theirs in updates.by_responsible(items):
        count = french.count(len(theirs), "élément", "éléments")
        groups.append({"name": name, "anchor": _anchor(name, taken), "count": count,
                       "caption": f"À mettre à jour par {name} : {count}",
                       "lines": [_line(ctx, item) for item in theirs]})
    people = french.count(len(groups), "responsable", "responsables")
    return {
        "situation": f"Situation au {reference.french} ({reference.note}).",
        "summary": (f"{french.count(len(items), 'élément est', 'éléments sont')} à mettre "
                    f"à jour, pour {people}." if items else
                    "Rien n'est à mettre à jour : chaque action en cours a été mise à "
                    f"jour dans les {updates.STALE_DAYS} derniers jours, et chaque "
                    "indicateur a la mesure que sa fréquence demande."),
        "headings": HEADINGS, "groups": groups,
    }
