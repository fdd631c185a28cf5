"""The regional site's pages as complete views for ``templates/region/``: each
table with its caption, headings and cells already in French; a cell is a
text, perhaps a link (``href``, relative to the page) and a small note.

Page addresses (``PAGES``, ``territory_page``, ``region_page``) are Markdown
files of the generated ``docs/``; links between them are written to the
built pages' directory URLs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..plan import french
from ..plan.followup import INDICATOR_STATUSES
from ..plan.index import heading
from ..plan.values import UNKNOWN_TEXT
from . import summary

HOME, NEEDS, PROJECTS, INDICATORS, TERRITORIES, OPEN_DATA = (
    "index.md", "besoins.md", "projets.md", "indicateurs.md", "territoires/index.md",
    "donnees.md")
NAV = (("Accueil", HOME), ("Besoins", NEEDS), ("Projets", PROJECTS),
       ("Indicateurs", INDICATORS), ("Territoires", TERRITORIES),
       ("Données ouvertes", OPEN_DATA))


def territory_page(view) -> str:
    return f"territoires/{view.slug}.md"


def region_page(region) -> str:
    return f"regions/{region.slug}.md"


def url_of(page: str, here: str) -> str:
    """The link from page ``here`` to ``page``, both Markdown paths, as
    directory URLs (« ../besoins/ »)."""
    def folder(path: str) -> list:
        parts = path[:-3].split("/")
        return parts[:-1] if parts[-1] == "index" else parts
    source, target = folder(here), folder(page)
    common = 0
    while common < min(len(source), len(target)) and source[common] == target[common]:
        common += 1
    up = [".."] * (len(source) - common)
    relative = "/".join(up + target[common:])
    return (relative + "/") if relative else "./"


def text(value, href: str = "", note: str = "") -> dict:
    return {"text": "" if value is None else str(value), "href": href, "note": note}


def number(value) -> dict:
    return text(french.number(value))


@dataclass
class Table:
    caption: str
    headings: list
    rows: list
    numeric: list = field(default_factory=list)
    totals: list = field(default_factory=list)
    empty: str = "Aucune donnée."

    def __post_init__(self):
        self.numeric = self.numeric or [False] * len(self.headings)


# --- the home page and the regions ----------------------------------------------------------

def _territory_rows(views: list, here: str) -> list:
    return [[text(v.name, url_of(territory_page(v), here)), text(v.region or "—"),
             text(v.type or "—"), text(v.status or "—"), text(v.adopted or "—"),
             text(v.period or "—"), number(len(v.needs)), number(len(v.projects)),
             text(", ".join(v.lateness) or "—")] for v in views]


def territories_table(views: list, here: str, caption: str) -> Table:
    return Table(caption, ["Territoire", "Région", "Type", "Statut du plan", "Adoption",
                           "Période", "Besoins", "Projets", "À surveiller"],
                 _territory_rows(views, here),
                 [False] * 6 + [True, True, False], empty="Aucun territoire.")


def _region_links(regions: list, here: str, current: str, total: int) -> list:
    links = [{"text": f"toutes ({total})", "href": url_of(HOME, here),
              "current": current == ""}]
    links += [{"text": f"{r.name} ({len(r.territories)})",
               "href": url_of(region_page(r), here), "current": current == r.slug}
              for r in regions]
    return links


def _intro(views: list, refusals: list) -> str:
    shown = french.count(len(views), "territoire", "territoires")
    intro = (f"{shown} sur les {summary.TERRITORIES_IN_QUEBEC} MRC et territoires "
             "équivalents du Québec, d'après les données ouvertes que chacun publie avec "
             "son plan numérique territorial.")
    if refusals:
        intro += " " + french.count(len(refusals), "dossier n'a pu être lu",
                                    "dossiers n'ont pu être lus") + " (voir plus bas)."
    return intro


def home(views: list, regions: list, refusals: list, region=None) -> dict:
    here = region_page(region) if region else HOME
    shown = region.territories if region else views
    late = [v for v in shown if v.late]
    return {
        "intro": _intro(views, refusals) if region is None else
        f"{french.count(len(shown), 'territoire', 'territoires')} de la région "
        f"{region.name} parmi les {len(views)} lus.",
        "regions": _region_links(regions, here, region.slug if region else "", len(views)),
        "territories": territories_table(
            shown, here, "Les territoires et leur plan" if region is None
            else f"Les territoires de la région {region.name}"),
        "late": Table("Territoires dont un élément est en retard",
                      ["Territoire", "Ce qui est en retard", "Situation"],
                      [[text(v.name, url_of(territory_page(v), here)),
                        text(", ".join(v.lateness)), text(v.reference)] for v in late])
        if late else None,
        "refusals": Table("Dossiers non lus et pourquoi", ["Dossier", "Raison"],
                          [[text(r.source), text(r.reason)] for r in refusals])
        if refusals and region is None else None,
        "refusals_intro": "Ces dossiers ne sont pas comptés ailleurs sur ce site : "
                          "corriger ce que dit la raison, puis reconstruire la vue "
                          "régionale.",
    }


# --- needs --------------------------------------------------------------------------------

def _count_table(caption: str, first: str, counts: list) -> Table:
    return Table(caption, [first, "Besoins", "Dont prioritaires", "Territoires"],
                 [[text(c.label), number(c.needs), number(c.first),
                   number(len(c.territories))] for c in counts],
                 [False, True, True, True])


def needs(views: list) -> dict:
    total = sum(len(v.needs) for v in views)
    recurring = summary.recurring_needs(views)
    return {
        "intro": f"{french.count(total, 'besoin', 'besoins')} dans "
                 f"{french.count(len(views), 'territoire', 'territoires')}.",
        "by_category": _count_table("Besoins par catégorie", "Catégorie",
                                    summary.needs_by(views, "categorie")),
        "by_clientele": _count_table("Besoins par clientèle", "Clientèle",
                                     summary.needs_by(views, "clientele")),
        "recurring_intro": "Un besoin est compté ici quand au moins deux territoires "
                           "l'énoncent dans les mêmes mots (majuscules, accents et "
                           "espaces mis à part).",
        "recurring": Table("Besoins énoncés par plusieurs territoires",
                           ["Besoin", "Territoires", "Nombre"],
                           [[text(r.statement),
                             text(", ".join(v.name for v in r.territories)),
                             number(len(r.territories))] for r in recurring],
                           [False, False, True],
                           empty="Aucun besoin n'est énoncé dans les mêmes mots par deux "
                                 "territoires."),
    }


# --- projects -----------------------------------------------------------------------------

def projects(views: list) -> dict:
    themes = summary.projects_by_theme(views)
    count = sum(t.projects for t in themes)
    return {
        "intro": f"{french.count(count, 'projet', 'projets')} prioritaires, classés par "
                 "le domaine de leur première piste (étape 4). Les coûts et les "
                 "financements s'additionnent tels que les plans les donnent : une "
                 "fourchette reste une fourchette, « environ » reste approximatif, et un "
                 "montant non précisé n'est jamais compté pour 0 (le total dit alors "
                 "« au moins »).",
        "themes": Table("Projets par domaine", ["Domaine", "Projets", "Territoires",
                                                "Coût estimé total",
                                                "Financement obtenu (confirmé ou reçu)",
                                                "Financement demandé ou envisagé"],
                        [[text(t.name), number(t.projects), number(len(t.territories)),
                          text(t.cost.text, note=t.cost.note),
                          text(t.obtained.text, note=t.obtained.note),
                          text(t.pending.text, note=t.pending.note)] for t in themes],
                        [False, True, True, True, True, True], empty="Aucun projet."),
    }


# --- indicators ---------------------------------------------------------------------------

def _latest(state) -> str:
    latest = state.latest
    if not latest:
        return "aucune mesure"
    if latest.get("valeur") is not None:
        value = french.quantity(latest["valeur"], state.indicator.get("unite"))
    elif latest.get("atteint") is not None:
        value = "atteint" if latest["atteint"] else "non atteint"
    else:
        value = UNKNOWN_TEXT
    return f"{value} ({summary.shown('mesures', 'date', latest)})"


def _start(indicator: dict) -> str:
    value = summary.shown("indicateurs", "valeur_depart", indicator)
    year = summary.shown("indicateurs", "annee_depart", indicator)
    if not value:
        return "—"
    return f"{value} ({year})" if year else value


INDICATOR_HEADINGS = ["Départ", "Cible", "Échéance", "Dernière mesure", "Statut"]


def _indicator_cells(state) -> list:
    """Where an indicator stands, after its first cell (territory or name)."""
    indicator = state.indicator
    return [text(_start(indicator)),
            text(summary.shown("indicateurs", "cible", indicator) or "—"),
            text(summary.shown("indicateurs", "echeance", indicator) or "—"),
            text(_latest(state)), text(state.status)]


def indicators(views: list) -> dict:
    shared = summary.shared_indicators(views)
    sections = []
    for position, group in enumerate(shared, start=1):
        unit = f" ({group.unit})" if group.unit else ""
        sections.append({
            "heading": f"{group.name}{unit}", "anchor": f"indicateur-{position}",
            "table": Table(f"{group.name}{unit}, par territoire",
                           ["Territoire", *INDICATOR_HEADINGS],
                           [[text(view.name, url_of(territory_page(view), INDICATORS)),
                             *_indicator_cells(state)] for view, state in group.rows])})
    return {
        "intro": "Deux sortes de comparaisons : la connectivité, que chaque plan mesure "
                 "de la même façon (étape 5), et les indicateurs que plusieurs plans "
                 "nomment de la même façon, avec la même unité.",
        "connectivity": Table("Part des foyers qui ont accès à 50/10 Mbit/s",
                              ["Territoire", "Foyers à 50/10 Mbit/s"],
                              [[text(v.name, url_of(territory_page(v), INDICATORS)),
                                text(v.connectivity or "non mesuré dans le plan")]
                               for v in views]),
        "shared_intro": "Un indicateur est comparé quand au moins deux territoires lui "
                        "donnent le même nom et la même unité ; les autres sont sur la "
                        "page de chaque territoire. Statuts : "
                        + ", ".join(INDICATOR_STATUSES) + ".",
        "shared": sections,
    }


# --- one territory ---------------------------------------------------------------------------

def _facts(view) -> Table:
    pairs = [("Région administrative", view.region or "—"), ("Type", view.type or "—"),
             ("Code géographique", view.code or "—"), ("Période", view.period or "—"),
             ("Statut du plan", view.status or "—"), ("Adoption", view.adopted or "—"),
             ("Situation", view.reference), ("Foyers à 50/10 Mbit/s",
                                            view.connectivity or "non mesuré dans le plan")]
    return Table(f"{view.name} en bref", ["Élément", "Valeur"],
                 [[text(label), text(value)] for label, value in pairs])


def territory(view, here: str) -> dict:
    links = []
    if view.site_url:
        links.append({"text": f"Le site du plan {french.of_name(view.name)}",
                      "href": view.site_url})
    if view.document_url:
        links.append({"text": "Le document original du plan", "href": view.document_url})
    return {
        "links": links,
        "no_site": "Ce plan ne donne pas l'adresse de son site (« site_url »).",
        "facts": _facts(view),
        "lateness": ", ".join(view.lateness),
        "needs": Table("Besoins", ["Besoin", "Catégorie", "Clientèle", "Priorité"],
                       [[text(heading("besoins", n)),
                         text(summary.shown("besoins", "categorie", n) or "—"),
                         text(summary.shown("besoins", "clientele", n) or "—"),
                         text(summary.shown("besoins", "priorite", n) or "—")]
                        for n in view.needs], empty="Aucun besoin."),
        "projects": Table("Projets prioritaires",
                          ["Projet", "Domaine", "Coût estimé", "Financement obtenu",
                           "Financement demandé ou envisagé", "Statut"],
                          [[text(f"{p.id} — {p.title}"), text(p.theme), text(p.cost),
                            text(p.obtained), text(p.pending), text(p.status)]
                           for p in view.projects],
                          [False, False, True, True, True, False], empty="Aucun projet."),
        "indicators": Table("Indicateurs", ["Indicateur", *INDICATOR_HEADINGS],
                            [[text(heading("indicateurs", s.indicator)), *_indicator_cells(s)]
                             for s in view.indicators], empty="Aucun indicateur."),
    }


def territories_index(views: list) -> dict:
    return {"table": territories_table(views, TERRITORIES, "Les territoires et leur plan")}
