"""Which site a build makes (macros/pages/views.py), without building it."""

from __future__ import annotations

import yaml

from conftest import ROOT
from macros.pages import views
from macros.pages.links import Linker, url_in

TEMPLATE_NAV = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]


def titles(nav: list) -> list:
    return [next(iter(entry)) if isinstance(entry, dict) else entry for entry in nav]


def test_the_example_is_the_template_s_site_whatever_the_preview():
    assert views.choose(True, {}) is views.TEMPLATE
    assert views.choose(True, {views.PREVIEW_ENV: "1"}) is views.TEMPLATE


def test_a_territory_is_public_unless_the_preview_is_asked_for():
    assert views.choose(False, {}) is views.PUBLIC
    assert views.choose(False, {views.PREVIEW_ENV: "0"}) is views.PUBLIC
    assert views.choose(False, {views.PREVIEW_ENV: "1"}) is views.PREVIEW


def test_a_document_asks_for_its_view():
    assert views.for_build({"pnt_vue": "public"}, True) is views.PUBLIC
    assert views.for_build({}, True) is views.TEMPLATE


def test_the_template_s_navigation_is_mkdocs_yml_s():
    assert views.nav_for(views.TEMPLATE, TEMPLATE_NAV) is TEMPLATE_NAV


def test_a_territory_s_navigation_puts_the_plan_first():
    nav = views.nav_for(views.PUBLIC, TEMPLATE_NAV)
    assert titles(nav) == ["Accueil", "Le plan", "La démarche", "Données ouvertes",
                           "À propos"]
    assert nav[0] == {"Accueil": "plan/index.md"}
    plan = views.nav_pages(nav[1:2])
    assert plan == [p for p in views.plan_pages(TEMPLATE_NAV) if p != "plan/index.md"]
    assert views.nav_pages(nav[2:3])[1:] == [f"demarche/{s}.md" for s in (
        "01-gouvernance", "02-financement", "03-besoins", "04-possibilites",
        "05-etat-de-situation", "06-projets-prioritaires", "07-preparation-evaluation",
        "08-redaction-approbation-diffusion", "09-mise-en-oeuvre",
        "10-evaluation-reddition")]


def test_the_public_site_has_none_of_the_guide_s_pages():
    public = views.pages_for(views.PUBLIC, TEMPLATE_NAV)
    guide = set(views.nav_pages(TEMPLATE_NAV)) - set(views.plan_pages(TEMPLATE_NAV)) - {
        views.OPEN_DATA_PAGE}
    assert public.isdisjoint(guide)
    assert guide <= views.pages_for(views.PREVIEW, TEMPLATE_NAV)  # the preview keeps it


def test_a_territory_s_home_is_its_plan_and_the_guide_moves_aside():
    assert url_in(views.PUBLIC, "plan/index.md") == ""
    assert url_in(views.PREVIEW, "index.md") == "guide/"
    assert url_in(views.TEMPLATE, "plan/index.md") == "plan/"
    assert url_in(views.PUBLIC, "plan/index.md", directory_urls=False) == "index.html"


def test_grids_link_to_the_guide_or_to_the_territory_s_story():
    assert Linker("plan/besoins/", view=views.TEMPLATE).to_grid("consultations") == \
        "../../etapes/03-besoins/#grille-consultations"
    assert Linker("plan/besoins/", view=views.PUBLIC).to_grid("consultations") == \
        "../../demarche/03-besoins/#grille-consultations"
    assert Linker("plan/besoins/", view=views.PUBLIC).to_grid("municipalites") == \
        "../../#municipalites"


# --- the yearly reports in the navigation ----------------------------------------------------

def follow_up_entry(nav: list):
    """The value of the « Suivi du plan » entry, wherever it is in ``nav``."""
    for entry in nav:
        if isinstance(entry, dict):
            for title, value in entry.items():
                if title == "Suivi du plan":
                    return value
                if isinstance(value, list):
                    found = follow_up_entry(value)
                    if found is not None:
                        return found
    return None


def test_reports_go_under_follow_up_newest_first():
    nav = views.with_reports(TEMPLATE_NAV, [2026, 2025])
    assert follow_up_entry(nav) == [{"Où en est le plan": "plan/suivi.md"},
                                    {"Rapport annuel 2026": "plan/rapport-annuel-2026.md"},
                                    {"Rapport annuel 2025": "plan/rapport-annuel-2025.md"}]
    assert follow_up_entry(TEMPLATE_NAV) == "plan/suivi.md"  # mkdocs.yml's own is left as is


def test_a_territory_s_navigation_lists_the_reports_too():
    nav = views.nav_for(views.PUBLIC, TEMPLATE_NAV, [2026, 2025])
    assert titles(nav) == ["Accueil", "Le plan", "La démarche", "Données ouvertes",
                           "À propos"]
    pages = views.nav_pages(nav[1:2])
    assert pages.index("plan/suivi.md") + 1 == pages.index("plan/rapport-annuel-2026.md")
    assert pages.index("plan/rapport-annuel-2026.md") + 1 == pages.index(
        "plan/rapport-annuel-2025.md")
    assert {"plan/rapport-annuel-2026.md", "plan/rapport-annuel-2025.md"} <= views.pages_for(
        views.PUBLIC, TEMPLATE_NAV, [2026, 2025])


def test_without_reports_the_navigation_is_unchanged():
    assert views.nav_for(views.TEMPLATE, TEMPLATE_NAV, []) is TEMPLATE_NAV
    assert views.nav_for(views.PUBLIC, TEMPLATE_NAV, ()) == views.nav_for(views.PUBLIC,
                                                                          TEMPLATE_NAV)
    assert follow_up_entry(views.nav_for(views.PUBLIC, TEMPLATE_NAV)) == "plan/suivi.md"
    assert not any("rapport-annuel" in page for page in views.pages_for(views.PUBLIC,
                                                                         TEMPLATE_NAV))


def test_a_report_page_is_its_title_and_its_macro():
    assert views.report_page(2026) == "plan/rapport-annuel-2026.md"
    assert views.report_source(2026) == (
        "# Rapport annuel 2026\n\n{{ rapport_annuel(2026) }}\n")
