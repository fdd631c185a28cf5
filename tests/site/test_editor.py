"""The browser editor in the built sites: /admin/ and its configuration.

Read from the real builds (the template's site, a territory's public site):
the files are there, the configuration names every file, grid and field of
the catalog, and nothing is loaded from another site or offered to search
engines.
"""

from __future__ import annotations

import json
from urllib.parse import urlparse

import pytest
import yaml

from conftest import REPOSITORY
from macros.plan.catalog import STEPS


def _config(site) -> dict:
    return yaml.safe_load((site.folder / "admin" / "config.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("which", ["example_site", "territory_site", "fresh_site"])
def test_every_site_has_the_editor(request, which):
    site = request.getfixturevalue(which)
    for name in ("index.html", "config.yml", "sveltia-cms.js", "hors-ligne.js",
                 "locales/fr.json"):
        assert (site.folder / "admin" / name).is_file(), name
    assert _config(site)["backend"]["repo"] == REPOSITORY


def test_configuration_names_every_file_grid_and_field(territory_site):
    (collection,) = _config(territory_site)["collections"]
    files = {entry["file"]: entry for entry in collection["files"]}
    assert list(files) == [f"data/{step.filename}" for step in STEPS]
    for step in STEPS:
        grids = {grid["name"]: grid for grid in files[f"data/{step.filename}"]["fields"]}
        for grid in step.grids:
            fields = [field["name"] for field in grids[grid.key]["fields"]]
            assert fields == [column.key for column in grid.columns], grid.key


def test_editor_is_named_after_the_territory(territory_site):
    page = territory_site.soup("admin/index.html")
    assert page.title.string == "Modifier le plan — MRC de la Vallée-des-Cèdres"
    assert _config(territory_site)["app_title"] == page.title.string
    assert page.html["lang"] == "fr-CA"


@pytest.mark.parametrize("which", ["example_site", "territory_site"])
def test_editor_loads_only_the_sites_own_files(request, which):
    page = request.getfixturevalue(which).soup("admin/index.html")
    sources = [tag.get("src") or tag.get("href") for tag in page.select("[src], [href]")]
    assert sources
    assert not [s for s in sources if urlparse(s).scheme or s.startswith("//")], sources


def test_editor_is_kept_from_search_engines_and_the_search(territory_site):
    page = territory_site.soup("admin/index.html")
    assert page.select_one('meta[name="robots"]')["content"] == "noindex, nofollow"
    sitemap = (territory_site.folder / "sitemap.xml").read_text(encoding="utf-8")
    assert "/admin/" not in sitemap
    index = json.loads((territory_site.folder / "search" / "search_index.json").read_text())
    assert not [doc["location"] for doc in index["docs"]
                if doc["location"].startswith("admin")]


def test_public_site_editor_has_no_authoring_guide(territory_site):
    page = territory_site.soup("admin/index.html")
    assert not page.select('a[href*="modifier-dans-le-navigateur"]')
    assert not (territory_site.folder / "modifier-dans-le-navigateur").exists()


def test_template_site_links_the_editor_to_its_guide(example_site):
    link = example_site.soup("admin/index.html").select_one("noscript a")
    assert link["href"] == "../modifier-dans-le-navigateur/"
    assert (example_site.folder / "modifier-dans-le-navigateur" / "index.html").is_file()


def test_preview_offers_the_editor_guide_to_the_team(fresh_preview):
    nav = fresh_preview.soup("").select_one("nav.md-nav--primary > ul")
    team = next(item for item in nav.find_all("li", recursive=False)
                if "Pour l'équipe du plan" in item.get_text(" "))
    entries = [" ".join(a.get_text(" ").split())
               for a in team.select(":scope > nav > ul > li > a.md-nav__link")]
    assert entries[:3] == ["Avancement de la démarche", "À mettre à jour",
                           "Modifier le plan dans le navigateur"]
    link = fresh_preview.soup("admin/index.html").select_one("noscript a")
    assert link["href"] == "../modifier-dans-le-navigateur/"
    assert (fresh_preview.folder / "modifier-dans-le-navigateur" / "index.html").is_file()
