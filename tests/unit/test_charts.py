"""Charts and the « Suivi du plan » page, computed in this process (charts/,
pages/plan/follow_up.py): SVG structure and accessibility, edge cases,
escaping, the example's charts, colours.

Each edge case has its own named data set (``support.py``) and its own
tests, which read the SVG back: number of bars or points, labels, the text
alternative. Negative controls sit next to the checks that could pass
vacuously. Every chart of the registry is checked: a new chart cannot
escape these tests.
"""

from __future__ import annotations

import datetime
import re

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT
from macros.charts import CHARTS
from macros.charts.situation import national_objective
from macros.pages.site import Site
from support import (LONG, LONG_PLACE, NBSP, bars, chart, check_rows_do_not_overlap, d,
                     check_svg_accessibility, connectivity, desc, hostile_data, indicator,
                     labels, measure, missing_values, municipality, nothing_yet,
                     one_measure, plan, project, projects_without_dates, site_for, svgs,
                     target_already_reached, two_hundred_projects, variant,
                     very_long_names)

ALL_CHARTS = list(CHARTS)


@pytest.fixture(scope="module")
def example_pages(example):
    return Site(example)


def example_chart(site, name, ident=None, kept="large"):
    return variant(BeautifulSoup(site.chart(name, "plan/suivi/", ident), "html.parser"), kept)


def test_national_objective_follows_the_data_year():
    assert national_objective(2024) == (2026, 98)
    assert national_objective(2027) == (2030, 100)
    assert national_objective(2035) == (2030, 100)


# --- the reference date on the timeline ---------------------------------------------------
def test_injected_date_moves_the_today_marker():
    data = projects_without_dates()
    early = chart(data, "echeancier", today=datetime.date(2026, 1, 15))
    late = chart(data, "echeancier", today=datetime.date(2027, 9, 1))
    x_early = float(early.select_one("line.pnt-g-aujourdhui")["x1"])
    x_late = float(late.select_one("line.pnt-g-aujourdhui")["x1"])
    assert x_early < x_late
    assert f"15{NBSP}janv. 2026" in early.get_text()
    assert f"1er{NBSP}sept. 2027" in late.get_text()


# --- every chart: SVG structure and accessibility ------------------------------------------------




@pytest.mark.parametrize("name", ALL_CHARTS)
def test_every_chart_of_the_example_is_accessible(example_pages, name):
    soup = example_chart(example_pages, name)
    check_svg_accessibility(soup)


def test_accessibility_check_catches_a_bare_svg():
    """Negative control: an SVG without title and desc fails the check."""
    soup = BeautifulSoup('<figure><svg class="pnt-graphique__svg" role="img" '
                         'aria-labelledby="a b"></svg></figure>', "html.parser")
    with pytest.raises((AttributeError, AssertionError, TypeError)):
        check_svg_accessibility(soup)


def test_ids_are_unique_on_the_follow_up_page(example_pages):
    html = example_pages.follow_up("plan/suivi/")
    ids = re.findall(r'\bid="([^"]+)"', html) + re.findall(r"\{ #([a-z-]+) \}", html)
    assert len(ids) > 12 and len(ids) == len(set(ids))


# --- edge case: nothing yet ------------------------------------------------------------------------

@pytest.mark.parametrize("name", [c for c in ALL_CHARTS if c != "avancement"])
def test_empty_plan_says_plainly_there_is_nothing_yet(name):
    soup = chart(nothing_yet(), name)
    assert not svgs(soup)
    message = soup.select_one(".pnt-manque").get_text(" ")
    assert message.startswith("Aucun") and "Remplissez la grille" in message
    assert soup.select_one(".pnt-manque a")["href"]


def test_empty_plan_still_draws_the_ten_steps():
    soup = chart(nothing_yet(), "avancement")
    assert len(soup.select("g.pnt-g-etape")) == 11
    assert "0 terminée, 0 en cours et 10 à faire" in desc(soup)


def test_empty_follow_up_page_explains_each_part():
    html = site_for(nothing_yet()).follow_up("plan/suivi/")
    text = " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())
    assert "Aucune reddition de comptes n'est encore inscrite" in text
    assert ("Ce qui change d'une reddition de comptes à l'autre s'affichera ici après "
            "la première.") in text
    assert "Le premier rapport annuel s'affichera ici dès que le suivi du plan aura" in text
    assert "Aucun ajustement du plan n'est encore inscrit." in text
    assert "0 projet prioritaire" in text


# --- edge case: one measure, missing values -------------------------------------------------------

def test_single_measure_draws_one_point_and_no_line():
    soup = chart(one_measure(), "indicateur", "I-01")
    assert len(soup.select("g.pnt-g-point")) == 1
    assert soup.select_one("polyline.pnt-g-courbe") is None
    assert soup.select_one(".pnt-g-trajectoire") is not None
    assert "1 mesure" in desc(soup) and "cible : 20" in desc(soup)


def test_several_measures_draw_a_line_through_each_point():
    """Negative control for the test above: more measures, a polyline."""
    soup = chart(target_already_reached(), "indicateur", "I-01")
    assert len(soup.select("g.pnt-g-point")) == 2
    assert len(soup.select_one("polyline.pnt-g-courbe")["points"].split()) == 2


def test_missing_values_are_skipped_in_the_chart_and_said_in_the_table():
    data = missing_values()
    soup = chart(data, "indicateur", "I-01")
    assert len(soup.select("g.pnt-g-point")) == 1  # the measure without value is not drawn
    assert "non précisée" in soup.table.get_text()
    milestone = chart(data, "indicateur", "I-02")
    assert not milestone.select("g.pnt-g-point")
    assert "Aucune mesure pour l'instant" in milestone.svg.get_text()
    connectivity_chart = chart(data, "connectivite")
    assert len(bars(connectivity_chart)) == 2
    assert "aucune donnée" in connectivity_chart.svg.get_text()
    assert "1 municipalité sans donnée : Gamma" in desc(connectivity_chart)
    costs = chart(data, "couts")
    assert len(bars(costs)) == 1 and "coût non précisé" in costs.svg.get_text()
    assert "1 projet sans coût estimé" in desc(costs)
    projects = chart(data, "projets")
    assert len(projects.select("rect.pnt-g-piste")) == 2
    assert len(bars(projects)) == 0  # no progress given: tracks only


# --- edge case: projects without dates -------------------------------------------------------------

def test_projects_without_dates_render_without_bars():
    soup = chart(projects_without_dates(), "echeancier")
    assert len(labels(soup.svg)) == 4
    assert len(bars(soup)) == 1  # only P-01 has both dates
    assert len(soup.select("path.pnt-g-repere")) == 2  # start only, end only
    text = soup.svg.get_text(" ")
    assert "fin non précisée" in text and "début non précisé" in text
    assert "dates non précisées" in text
    assert "1 projet sans dates" in desc(soup)


def test_revised_calendar_draws_both_bars():
    data = plan(projets=[project(1, start="2025-09", end="2028-12",
                                 revised=("2026-04", "2029-10"))])
    soup = chart(data, "echeancier")
    assert len(soup.select("rect.pnt-g-barre.pnt-g-prevu")) == 1
    assert len(soup.select("rect.pnt-g-barre.pnt-g-principal")) == 1
    assert "1 calendrier révisé" in desc(soup)


# --- edge case: 200 projects and long names ----------------------------------------------------------




def test_two_hundred_projects_are_cut_into_readable_parts():
    data = two_hundred_projects()
    soup = chart(data, "echeancier")
    parts = svgs(soup)
    assert len(parts) == 8  # 25 projects per SVG
    assert sum(len(labels(svg)) for svg in parts) == 200
    assert len(bars(soup)) == 200
    assert "(partie 8 sur 8)" in parts[-1].title.get_text()
    assert parts[-1].desc.get_text().endswith("Projets 176 à 200 de la liste.")
    assert "200 projets prioritaires" in desc(soup)
    assert len(soup.table.tbody.find_all("tr")) == 200
    for svg in parts:
        check_rows_do_not_overlap(svg)
    for name in ("projets", "couts"):
        other = chart(data, name)
        assert len(svgs(other)) == 8 and len(bars(other)) == 200
    assert len(svgs(chart(data, "financement"))) == 1


def test_overlap_check_catches_labels_on_each_other():
    """Negative control for the overlap check."""
    svg = BeautifulSoup('<svg viewBox="0 0 700 100"><text class="pnt-g-libelle">'
                        '<tspan x="200" y="20">A</tspan><tspan x="200" y="25">B</tspan>'
                        '</text></svg>', "html.parser").svg
    with pytest.raises(AssertionError):
        check_rows_do_not_overlap(svg)


# The timeline's labels take three lines (a project's whole name fits there),
# the other charts' two.
LABEL_LINES = {"echeancier": 3}


@pytest.mark.parametrize("name", ["echeancier", "connectivite", "couts", "bilan_indicateurs"])
def test_long_names_are_wrapped_and_cut_never_overlapping(name):
    soup = chart(very_long_names(), name)
    svg = svgs(soup)[0]
    check_rows_do_not_overlap(svg)
    longest = max(svg.select("text.pnt-g-libelle"), key=lambda t: len(t.get_text()))
    lines = [t.get_text() for t in longest.find_all("tspan")]
    assert len(lines) == LABEL_LINES.get(name, 2)
    assert lines[-1].endswith("…") or name == "connectivite"
    full = LONG if name != "connectivite" else LONG_PLACE
    assert " ".join(full.split()) in " ".join(soup.table.get_text(" ").split())


def huge_names(length: int = 200_000) -> dict:
    """Names as long as a 100 kB paste, far past any label (issue 11)."""
    title = ((LONG + " ") * (length // len(LONG) + 1))[:length]
    place = ((LONG_PLACE + "-") * (length // len(LONG_PLACE) + 1))[:length]
    return plan(municipalites=[municipality(place), municipality("Court")],
                connectivite=[connectivity(place, 55), connectivity("Court", 99)],
                projets=[project(1, title=title, start="2026", end="2028",
                                 cost="1 000 000 – 1 500 000 $")],
                indicateurs=[dict(indicator(1), libelle=title)],
                mesures=[measure(1, "2026-01", value=12)])


@pytest.mark.parametrize("name", ["echeancier", "connectivite", "couts", "bilan_indicateurs"])
def test_huge_names_are_cut_to_two_lines_that_fit(name):
    svg = svgs(chart(huge_names(), name))[0]
    check_rows_do_not_overlap(svg)
    longest = max(svg.select("text.pnt-g-libelle"), key=lambda t: len(t.get_text()))
    lines = [t.get_text() for t in longest.find_all("tspan")]
    assert len(lines) == LABEL_LINES.get(name, 2) and lines[-1].endswith("…")
    assert sum(len(line) for line in lines) < 200


def test_long_names_in_the_single_indicator_chart_stay_in_the_title():
    soup = chart(very_long_names(), "indicateur", "I-01")
    assert LONG.split()[0] in soup.svg.title.get_text()


# --- escaping -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["connectivite", "echeancier", "couts", "bilan_indicateurs",
                                  "indicateurs"])
def test_data_is_escaped_in_the_svg(name):
    html = site_for(hostile_data()).chart(name, "plan/suivi/")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("script") is None
    assert "<script>" not in html and "{{" not in html
    assert "alert(" in soup.get_text()  # shown as text


def test_escaping_check_would_see_a_raw_script():
    """Negative control: the same checks flag unescaped markup."""
    soup = BeautifulSoup("<svg><text><script>alert('x')</script></text></svg>", "html.parser")
    assert soup.find("script") is not None


# --- the charts of the example: bars, points, text alternatives ---------------------------------------

def test_connectivity_chart_of_the_example(example_pages, example):
    soup = example_chart(example_pages, "connectivite")
    rows = example.data["connectivite"]
    assert len(bars(soup)) == len(rows)
    shares = [float(r["width"]) for r in bars(soup)]
    assert shares == sorted(shares, reverse=True)
    meets = [r for r in rows if r["foyers_50_10"] >= 98]
    assert desc(soup).startswith(
        f"{len(meets)} municipalité sur {len(rows)} atteint l'objectif canadien de "
        "98 % des foyers à 50/10 Mbit/s visé pour 2026")  # desc() folds spaces
    assert len(soup.select("rect.pnt-g-barre.pnt-g-ok")) == len(meets)
    assert soup.select_one("line.pnt-g-objectif") is not None
    notes = soup.figcaption.get_text(" ")
    assert f"Source{NBSP}: Carte nationale" in notes and "2024" in notes and "CRTC" in notes


def test_conditions_chart_of_the_example(example_pages, example):
    soup = example_chart(example_pages, "conditions")
    rows = example.data["conditions"]
    assert sum(int(td.get_text()) for tr in soup.table.tbody.find_all("tr")
               for td in tr.find_all("td")[:3]) == len(rows)
    themes = {r["theme"] for r in rows}
    assert len(labels(soup.svg)) == len(themes)
    assert desc(soup).startswith(f"Sur {len(rows)} conditions de réussite : ")
    assert len(bars(soup)) == len({(r["theme"], r["statut"]) for r in rows})


def test_timeline_of_the_example(example_pages, example):
    soup = example_chart(example_pages, "echeancier")
    projects = sorted(example.data["projets"], key=lambda p: p["rang"])
    assert [line.split(".")[0] for line in labels(soup.svg)] == [
        str(p["rang"]) for p in projects]
    revised = [p for p in projects if p.get("debut_revise")]
    assert len(bars(soup)) == len(projects) + len(revised)
    assert "Situation au 10 novembre 2026" in desc(soup)
    assert soup.select_one("line.pnt-g-aujourdhui") is not None


def test_budget_charts_of_the_example(example_pages, example):
    costs = example_chart(example_pages, "couts")
    projects = example.data["projets"]
    ranges = [p for p in projects if p["cout"].is_range]
    assert len(costs.select("rect.pnt-g-fourchette")) == len(ranges)
    assert len(bars(costs)) == len(projects) + len(ranges)
    funding = example_chart(example_pages, "financement")
    sources = {f["source"] for p in projects for f in p["financement"]}
    assert len(labels(funding.svg)) == len(sources)
    assert len(funding.select("rect.pnt-g-confirme")) >= 1
    assert len(funding.select("rect.pnt-g-demande")) >= 1
    assert "confirmés ou reçus" in desc(funding) and "demandés" in desc(funding)


def _flat(text: str) -> str:
    return " ".join(text.replace(NBSP, " ").replace("\u202f", " ").split())


def test_approximate_and_minimal_costs_are_dotted_and_say_so():
    data = plan(projets=[project(1, cost="environ 3,5 M$"), project(2, cost="plus de 4 M$"),
                         project(3, cost="1 à 2 M$"), project(4, cost="500 000 $")])
    costs = chart(data, "couts")
    dotted = costs.select("rect.pnt-g-approximatif")
    assert len(dotted) == 2
    pattern = costs.select_one("pattern[id$='-points-principal']")
    assert pattern and all(r["fill"] == f"url(#{pattern['id']})" for r in dotted)
    assert len(costs.select("rect.pnt-g-fourchette")) == 1  # the range stays hatched
    drawn = _flat(costs.svg.get_text(" "))
    assert "environ 3,5 M$" in drawn and "plus de 4 M$" in drawn and "1 M$ – 2 M$" in drawn
    assert "Coût approximatif ou minimal (environ, plus de)" in drawn  # the legend
    table = _flat(costs.table.get_text(" "))
    assert "environ 3,5 M$" in table and "plus de 4 M$" in table
    assert "Total plus de 9 000 000 $" in _flat(costs.table.tfoot.get_text(" "))
    assert "plus de 9 M$ au total" in _flat(desc(costs))
    assert "pointillé jusqu'au montant écrit" in _flat(costs.get_text(" "))


def test_exact_costs_draw_no_dotted_bar():
    """Negative control of the test above."""
    costs = chart(plan(projets=[project(1, cost="11,6 M$"), project(2, cost="1 à 2 M$")]),
                  "couts")
    assert not costs.select("rect.pnt-g-approximatif")
    assert "approximatif" not in costs.get_text()
    assert "11,6 M$" in _flat(costs.svg.get_text(" "))


def test_funding_placed_from_a_range_is_dashed_and_labelled_as_written():
    data = plan(projets=[project(1, cost="1 M$", funding=[
        ("F-01", "18 000 – 22 000 $", "confirmé"), ("F-02", "environ 50 k$", "demandé"),
        ("F-03", "30 000 $", "confirmé")])])
    funding = chart(data, "financement")
    dashed = funding.select("rect.pnt-g-approximatif")
    assert len(dashed) == 2 and all(r["stroke-dasharray"] for r in dashed)
    exact = [r for r in funding.select("rect.pnt-g-barre") if r not in dashed]
    assert exact and not any(r.get("stroke-dasharray") for r in exact)
    drawn = _flat(funding.svg.get_text(" "))
    assert "confirmé 18 k$ – 22 k$" in drawn and "demandé environ 50 k$" in drawn
    assert "confirmé 20 k$" not in drawn  # never the middle as an amount
    table = _flat(funding.table.get_text(" "))
    assert "18 000 $ – 22 000 $" in table and "20 000 $" not in table
    assert "Total 48 000 $ – 52 000 $ environ 50 000 $ environ 98 000 $ – 102 000 $" in _flat(
        funding.table.tfoot.get_text(" "))
    assert "contour en tirets" in _flat(funding.get_text(" "))


def test_indicator_charts_of_the_example(example_pages, example):
    soup = example_chart(example_pages, "indicateurs")
    indicators = example.data["indicateurs"]
    figures = soup.find_all("figure")
    assert len(figures) == len(indicators)
    first = indicators[0]
    measures = [m for m in example.data["mesures"] if m["indicateur"] == first["id"]]
    assert len(figures[0].select("g.pnt-g-point")) == len(measures)
    overview = example_chart(example_pages, "bilan_indicateurs")
    assert len(labels(overview.svg)) == len(indicators)
    assert desc(overview).startswith(f"Sur {len(indicators)} indicateurs : ")


def test_steps_path_of_the_example(example_pages, example):
    soup = example_chart(example_pages, "avancement")
    assert len(soup.select("g.pnt-g-etape")) == 11
    assert desc(soup).startswith("Sur 10 étapes : 10 terminées")


def test_unknown_chart_names_the_existing_ones(example_pages, example):
    with pytest.raises(KeyError, match="connectivite"):
        example_pages.chart("camembert", "plan/")
    with pytest.raises(KeyError, match="identifiant"):
        example_pages.chart("indicateur", "plan/")


def test_unknown_indicator_says_so_without_breaking_the_build(example_pages, example):
    """A chapter may name an example's indicator that a territory lacks."""
    soup = example_chart(example_pages, "indicateur", "I-99")
    assert not svgs(soup)
    text = soup.select_one(".pnt-manque").get_text(" ")
    assert "L'indicateur I-99 n'est pas inscrit" in text and "I-01" in text


# --- colours: contrast in both palettes and in print ------------------------------------------------

CSS = (ROOT / "docs" / "assets" / "pnt.css").read_text(encoding="utf-8")
BACKGROUNDS = {"light": "#ffffff", "dark": "#1e2129", "print": "#ffffff"}  # slate: hsl(225,15%,14%)


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def palettes() -> dict:
    blocks = {
        "light": re.search(r"\n\.pnt-graphique \{(.*?)\}", CSS, re.S).group(1),
        "dark": re.search(r'\[data-md-color-scheme="slate"\] \.pnt-graphique \{(.*?)\}',
                          CSS, re.S).group(1),
        "print": re.search(r"@media print \{\s*/\*[^*]*\*/\s*\.pnt-graphique,[^{]*\{(.*?)\}",
                           CSS, re.S).group(1),
    }
    return {name: dict(re.findall(r"--pnt-g-([a-z]+):\s*(#[0-9a-f]{6})", block))
            for name, block in blocks.items()}


def test_chart_colours_contrast_in_both_palettes_and_print():
    found = palettes()
    assert set(found) == {"light", "dark", "print"}
    for name, colours in found.items():
        assert set(colours) == {"principal", "ok", "alerte", "attente", "neutre", "prevu"}
        for key, colour in colours.items():
            ratio = contrast(colour, BACKGROUNDS[name])
            assert ratio >= 4.5, f"{name} {key} {colour}: {ratio:.2f}"


def test_svg_carries_the_light_colours_for_renderers_without_the_css(example_pages):
    """The PDF (WeasyPrint) does not load pnt.css: each coloured element has a
    ``color`` attribute, the light palette's, which the site's CSS overrides."""
    template = (ROOT / "macros" / "templates" / "chart" / "figure.html").read_text(
        encoding="utf-8")
    fallback = dict(re.findall(r'"([a-z]+)": "(#[0-9a-f]{6})"', template))
    light = palettes()["light"]
    assert {k: v for k, v in fallback.items() if k in light} == light
    soup = example_chart(example_pages, "echeancier")
    coloured = soup.select('svg [class*="pnt-g-principal"], svg [class*="pnt-g-ok"]')
    assert coloured and all(e.get("color") in light.values() for e in coloured)
    assert all(e.get("fill") == "#ffffff" for e in example_chart(example_pages, "avancement").select(
        "svg .pnt-g-fond"))


def test_contrast_check_rejects_a_pale_colour():
    """Negative control: a light yellow on white fails."""
    assert contrast("#ffeb3b", "#ffffff") < 3


# --- the follow-up page ---------------------------------------------------------------------

def test_follow_up_page_of_the_example(example_pages):
    html = example_pages.follow_up("plan/suivi/")
    soup = BeautifulSoup(html, "html.parser")
    text = " ".join(soup.get_text(" ").split())
    assert "Situation au 10 novembre 2026" in text
    assert "Reddition de comptes du 15 septembre 2026" in text
    assert "La reddition précédente date du 20 mai 2026" in text
    assert "502 personnes → 611 personnes" in text
    for figure in ("graphique-projets", "graphique-echeancier", "graphique-bilan-indicateurs"):
        assert soup.find(id=figure).find("svg") is not None
    assert re.search(r"^## Les projets \{ #projets \}$", html, re.M)


def adjustment_without_report() -> dict:
    """An adjustment decided before any accountability report."""
    return plan(projets=[project(1)], ajustements=[{
        "date": d("2026-02-18"), "constat": "Le financement fédéral est repoussé",
        "ajustement": "Une première phase avec les fonds de la MRC", "projets": ["P-01"]}])


def test_follow_up_page_shows_an_adjustment_before_any_report():
    html = site_for(adjustment_without_report()).follow_up("plan/suivi/")
    soup = BeautifulSoup(html, "html.parser")
    text = " ".join(soup.get_text(" ").split())
    section = text[text.index("Les ajustements du plan"):text.index("La dernière reddition")]
    assert "18 février 2026 — Le financement fédéral est repoussé." in section
    assert "Ajustement : Une première phase avec les fonds de la MRC" in section
    assert "Aucun ajustement du plan" not in text
    assert soup.find("a", href="#ajustements-du-plan").get_text() == "plus haut"
