"""The charts in the built sites (the example, a fresh plan), and one more
build that stresses them: 200 projects, long names, hostile text."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURES, Site, build, built_or_fail, copy_template
from support import (LONG, LONG_PLACE, check_html, check_rows_do_not_overlap,
                     check_svg_accessibility, variant)

# --- the example and a fresh plan -----------------------------------------------------------------------------------

PAGES = {"plan/": ["graphique-conditions", "graphique-connectivite"],
         "plan/projets/": ["graphique-echeancier", "graphique-couts", "graphique-financement"],
         "plan/indicateurs/": ["graphique-bilan-indicateurs", "graphique-indicateur-i-01"],
         "plan/suivi/": ["graphique-projets", "graphique-echeancier",
                         "graphique-bilan-indicateurs"],
         "avancement/": ["graphique-avancement"]}


@pytest.mark.parametrize("page", PAGES)
def test_example_site_shows_every_chart(example_site, page):
    soup = example_site.soup(page)
    for figure_id in PAGES[page]:
        figure = soup.find(id=figure_id)
        assert figure is not None and figure.name == "figure", figure_id
        check_svg_accessibility(BeautifulSoup(str(figure), "html.parser"))


@pytest.mark.parametrize("which", ["example_site", "territory_site", "fresh_preview"])
def test_each_chart_links_from_its_own_page(request, which):
    """A chart is drawn once and shown on several pages: its links are those
    of the page it is on (the example's P-01 from the plan's projects page and
    from step 6's chapter), never the portable form (pages/links.py)."""
    site = request.getfixturevalue(which)
    for path in site.pages():
        assert "pnt-lien:" not in path.read_text(encoding="utf-8"), path
    if which != "example_site":
        return
    on_plan = site.soup("plan/projets/").find(id="graphique-echeancier")
    on_step = site.soup("etapes/06-projets-prioritaires/").find(id="graphique-echeancier")
    assert 'href="#p-01"' in str(on_plan)
    assert 'href="../../plan/projets/#p-01"' in str(on_step)


def test_example_site_charts_read_back_from_html(example_site, example):
    # Each variant of a chart (wide; narrow, for phones) draws every row.
    for kept in ("large", "etroit"):
        soup = variant(BeautifulSoup(example_site.html("plan/"), "html.parser"), kept)
        figure = soup.find(id="graphique-connectivite")
        assert len(figure.select("rect.pnt-g-barre")) == len(example.data["connectivite"])
        assert "atteint l'objectif canadien" in figure.svg.desc.get_text()
        timeline = variant(BeautifulSoup(example_site.html("plan/projets/"), "html.parser"),
                           kept).find(id="graphique-echeancier")
        assert len(timeline.select("text.pnt-g-libelle")) == len(example.data["projets"])


def test_follow_up_page_is_in_the_navigation(example_site):
    primary = example_site.soup("plan/suivi/").select_one("nav.md-nav--primary")
    # A section « Suivi du plan »: the page itself, then each year's report.
    section = [label for label in primary.select("label.md-nav__link")
               if label.get_text(" ", strip=True) == "Suivi du plan"]
    assert len(section) == 1
    entries = section[0].find_parent("li").select("a.md-nav__link")
    pages = [a.get_text(" ", strip=True) for a in entries
             if not a["href"].startswith("#")]  # not the current page's own contents
    assert pages == ["Où en est le plan", "Rapport annuel 2026", "Rapport annuel 2025"]
    text = example_site.soup("plan/suivi/").article.get_text(" ")
    assert "La dernière reddition de comptes" in text and "Ce qui a changé depuis" in text


def test_fresh_plan_charts_say_there_is_nothing_yet(fresh_preview):
    for page, figures in PAGES.items():
        soup = fresh_preview.soup("" if page == "plan/" else page)  # a territory's home
        for figure_id in figures:
            if figure_id == "graphique-indicateur-i-01":
                figure_id = "graphique-indicateurs"
            block = soup.find(id=figure_id)
            assert block is not None, (page, figure_id)
            if figure_id == "graphique-avancement":
                assert block.find("svg") is not None
            else:
                assert block.find("svg") is None
                assert "Aucun" in block.select_one(".pnt-manque").get_text()


# --- one more build: 200 projects, long names, hostile text, missing values ------------------------

def _extreme_data(folder: Path) -> None:
    shutil.copytree(FIXTURES / "minimal", folder, dirs_exist_ok=True)
    municipalities = folder / "territoire.yml"
    municipalities.write_text(municipalities.read_text(encoding="utf-8") + (
        f'  - nom: "{LONG_PLACE}"\n    code: "85015"\n    population: 12\n'
        '  - nom: "<b>Ville</b> {{ x }}"\n    code: "85020"\n    population: 9\n'),
        encoding="utf-8")
    situation = folder / "05-etat-de-situation.yml"
    situation.write_text(situation.read_text(encoding="utf-8").replace(
        "ffom:", f'''  - municipalite: "{LONG_PLACE}"
    foyers_50_10: 12
    source: Relevé
    annee: 2026

ffom:'''), encoding="utf-8")
    projects = folder / "06-projets-prioritaires.yml"
    extra = []
    for n in range(2, 201):
        dates = "" if n % 7 == 0 else f"    debut: {2026 + n % 3}-0{1 + n % 9}\n    fin: 2029\n"
        title = LONG if n % 50 == 0 else (
            f"Accompagner les citoyens de la municipalité {n} dans leurs démarches "
            f"en ligne <i>{{{{ n }}}}</i>")
        extra.append(f'  - id: P-{n:03d}\n    titre: "{title}"\n    orientation: O-01\n'
                     f"    besoins: [B-01]\n    porteur: A-01\n    rang: {n}\n{dates}")
    projects.write_text(projects.read_text(encoding="utf-8") + "".join(extra),
                        encoding="utf-8")


@pytest.fixture(scope="module")
def site_extreme(tmp_path_factory) -> Site:
    project_dir = copy_template(tmp_path_factory.mktemp("extreme") / "projet")
    _extreme_data(project_dir / "data")
    out = project_dir / "site"
    return Site(built_or_fail(build(project_dir, out), out))


def test_extreme_plan_builds_strict_and_cuts_the_timeline(site_extreme):
    soup = site_extreme.soup("plan/projets/")
    timeline = soup.find(id="graphique-echeancier")
    for kept in ("large", "etroit"):  # the wide drawing, and the narrow one for phones
        drawn = variant(BeautifulSoup(str(timeline), "html.parser"), kept)
        parts = drawn.find_all("svg")
        assert len(parts) == 8
        assert sum(len(svg.select("text.pnt-g-libelle")) for svg in parts) == 200
    for svg in variant(BeautifulSoup(str(timeline), "html.parser")).find_all("svg"):
        check_rows_do_not_overlap(svg)
    text = timeline.get_text(" ")
    assert "dates non précisées" in text
    assert soup.find("i") is None or not soup.find("i").find_parent("figure")
    assert "{{" not in site_extreme.html("plan/projets/")
    connectivity = site_extreme.soup("").find(id="graphique-connectivite")
    assert "aucune donnée" in connectivity.svg.get_text()
    check_rows_do_not_overlap(connectivity.svg)


def test_extreme_plan_is_valid_html(site_extreme, vnu):
    problems = check_html(vnu, site_extreme.folder / "plan")
    assert not problems, problems[:5]
