"""Charts and the « Suivi du plan » page: rules, geometry, SVG, built sites.

Each edge case has its own named data set (a function that returns the plan's
data typed as the loader types it) and its own tests, which read the SVG
back: number of bars or points, labels, the text alternative. Negative
controls sit next to the checks that could pass vacuously. The example and a
fresh plan are then built for real (``conftest`` fixtures), and one more
build stresses the charts with 200 projects, long names and hostile text.
"""

from __future__ import annotations

import datetime
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURES, ROOT, Site, build, built_or_fail, copy_template, find_browser
from macros import chart_views, charts, followup, render
from macros.catalog import STEPS
from macros.loader import LoadedData, load_folder
from macros.model import RECORD
from macros.values import NBSP, read_amount, read_date

TODAY = datetime.date(2026, 11, 10)
EXAMPLE = load_folder(ROOT / "exemple", "exemple", True)


# --- building data as the loader types it -------------------------------------------------------

def d(text):
    return read_date(text) if text else None


def plan(**grids) -> dict:
    data = {g.key: ({} if g.shape == RECORD else []) for s in STEPS for g in s.grids}
    data["territoire"] = {"nom": "MRC de Test", "type": "MRC", "periode_debut": 2025,
                          "periode_fin": 2029, "statut": "brouillon"}
    data.update(grids)
    return data


def project(n: int, rank=None, title=None, start=None, end=None, revised=(None, None),
            cost=None, funding=()) -> dict:
    return {"id": f"P-{n:02d}", "titre": title or f"Projet {n}", "orientation": "O-01",
            "besoins": ["B-01"], "porteur": "A-01", "rang": rank or n,
            "debut": d(start), "fin": d(end), "debut_revise": d(revised[0]),
            "fin_revisee": d(revised[1]),
            "cout": read_amount(cost) if cost else None,
            "financement": [{"source": s, "montant": read_amount(m), "statut": st}
                            for s, m, st in funding]}


def action(project_id: str, year: int, status: str, progress=None, updated=None,
           text="Action") -> dict:
    return {"annee": year, "projet": project_id, "action": text, "responsable": "MRC",
            "statut": status, "avancement": progress, "mise_a_jour": d(updated)}


def indicator(n: int, base=10, base_year=2024, target=20, due="2028-12", unit="%",
              nature="quantitatif", expected="") -> dict:
    row = {"id": f"I-{n:02d}", "libelle": f"Indicateur {n}", "type": "résultat",
           "nature": nature, "echeance": d(due), "source": "Sondage",
           "frequence": "annuelle", "responsable": "MRC"}
    if nature == "quantitatif":
        row.update(unite=unit, valeur_depart=base, annee_depart=base_year, cible=target)
    else:
        row.update(resultat_attendu=expected or "Entente signée")
    return row


def measure(n: int, date: str, value=None, reached=None) -> dict:
    return {"indicateur": f"I-{n:02d}", "date": d(date), "valeur": value,
            "atteint": reached, "commentaire": None}


def connectivity(name: str, share, year=2024, source="Carte nationale") -> dict:
    return {"municipalite": name, "foyers_50_10": share, "source": source, "annee": year,
            "couverture_cellulaire": None}


def municipality(name: str) -> dict:
    return {"nom": name, "code": "99999", "population": 100}


def loaded(data: dict) -> LoadedData:
    return LoadedData(folder=Path("."), shown="data", data=data)


def site_for(data: dict, today=TODAY) -> render.Site:
    site = render.Site(loaded(data))
    site.today = today
    return site


def chart(data: dict, name: str, ident=None, today=TODAY, page="plan/suivi/"):
    html = site_for(data, today).chart(name, page, ident)
    return BeautifulSoup(html, "html.parser")


def svgs(soup) -> list:
    return soup.find_all("svg", class_="pnt-graphique__svg")


def desc(soup) -> str:
    return " ".join(svgs(soup)[0].desc.get_text().split())


def bars(soup) -> list:
    return soup.select("rect.pnt-g-barre")


def labels(svg) -> list:
    return [" ".join(t.get_text(" ").split()) for t in svg.select("text.pnt-g-libelle")]


# --- named data sets, one per edge case -----------------------------------------------------

def plan_vide() -> dict:
    return plan()


def une_seule_mesure() -> dict:
    return plan(indicateurs=[indicator(1, base=10, target=20)],
                mesures=[measure(1, "2025-06", value=12)])


def cible_deja_atteinte() -> dict:
    return plan(indicateurs=[indicator(1, base=0, base_year=2025, target=600,
                                       due="2026-06-30", unit="prêts")],
                mesures=[measure(1, "2025-12-31", value=87),
                         measure(1, "2026-03-31", value=655)])


def cible_a_la_baisse() -> dict:
    """A target below the baseline (km without signal): reached by going down."""
    return plan(indicateurs=[indicator(1, base=64, target=15, due="2029-12", unit="km"),
                             indicator(2, base=64, target=15, due="2029-12", unit="km")],
                mesures=[measure(1, "2026-10", value=61), measure(2, "2026-10", value=14)])


def valeurs_manquantes() -> dict:
    return plan(
        municipalites=[municipality("Alpha"), municipality("Bêta"), municipality("Gamma")],
        connectivite=[connectivity("Alpha", 99), connectivity("Bêta", 40)],
        projets=[project(1, start="2026", end="2027", cost="10 000 $"), project(2)],
        programmation=[action("P-01", 2026, "en cours", None, "2026-05-01")],
        indicateurs=[indicator(1), indicator(2, nature="jalon")],
        mesures=[measure(1, "2025-06", value=None), measure(1, "2026-06", value=15)])


def projets_sans_dates() -> dict:
    return plan(projets=[project(1, start="2026-03", end="2027-06"),
                         project(2, start="2026-09"),
                         project(3, end="2028"),
                         project(4)])


def deux_cents_projets() -> dict:
    projects = [project(n, start=f"{2025 + n % 4}-0{1 + n % 9}", end=f"{2027 + n % 3}",
                        cost=f"{n * 1000} $",
                        funding=[("F-01", f"{n * 100} $", "confirmé")])
                for n in range(1, 201)]
    return plan(projets=projects,
                sources=[{"id": "F-01", "bailleur": "Fonds", "montant": read_amount("1 $"),
                          "statut": "confirmé"}],
                programmation=[action(p["id"], 2026, "en cours", 50, "2026-10-01")
                               for p in projects])


LONG = ("Projet de déploiement d'un réseau intermunicipal de fibre optique jusqu'au "
        "bout des rangs les plus éloignés du territoire, avec des points d'accès "
        "publics dans chaque bibliothèque et chaque salle communautaire " * 2).strip()
LONG_PLACE = "Saint-Théodore-de-la-Grande-Rivière-aux-Outardes-et-des-Cantons-Unis"


def noms_tres_longs() -> dict:
    return plan(municipalites=[municipality(LONG_PLACE), municipality("Court")],
                connectivite=[connectivity(LONG_PLACE, 55), connectivity("Court", 99)],
                projets=[project(1, title=LONG, start="2026", end="2028",
                                 cost="1 000 000 – 1 500 000 $")],
                indicateurs=[dict(indicator(1), libelle=LONG)],
                mesures=[measure(1, "2026-01", value=12)])


HOSTILE = "<script>alert('x')</script> {{ config }} & « Pont-Rouge » #1"


def donnees_hostiles() -> dict:
    return plan(municipalites=[municipality(HOSTILE)],
                connectivite=[connectivity(HOSTILE, 70, source=HOSTILE)],
                projets=[project(1, title=HOSTILE, start="2026", end="2027", cost="5 $")],
                indicateurs=[dict(indicator(1), libelle=HOSTILE, unite=HOSTILE)],
                mesures=[measure(1, "2026-01", value=12)])


# --- the reference date (« aujourd'hui ») -------------------------------------------------------

def test_reference_date_is_the_latest_update_in_the_data():
    data = plan(programmation=[action("P-01", 2026, "en cours", 10, "2026-10-30")],
                mesures=[measure(1, "2026-11", value=1)],
                redditions=[{"date": d("2026-09-15"), "destinataire": "conseil",
                             "moyen": "Rapport"}])
    reference = followup.reference_date(site_for(data).index)
    assert reference.day == datetime.date(2026, 11, 1)  # a month counts from its 1st
    assert reference.origin == "donnees"
    assert reference.french == "1er novembre 2026"


def test_reference_date_of_the_example_is_its_last_update():
    reference = followup.reference_date(render.Site(EXAMPLE).index)
    assert reference.day == datetime.date(2026, 11, 10)


def test_reference_date_without_follow_up_data_is_the_build_date():
    reference = followup.reference_date(site_for(plan_vide()).index)
    assert reference.origin == "construction"
    assert reference.day == datetime.date.today()


def test_injected_date_moves_the_today_marker():
    data = projets_sans_dates()
    early = chart(data, "echeancier", today=datetime.date(2026, 1, 15))
    late = chart(data, "echeancier", today=datetime.date(2027, 9, 1))
    x_early = float(early.select_one("line.pnt-g-aujourdhui")["x1"])
    x_late = float(late.select_one("line.pnt-g-aujourdhui")["x1"])
    assert x_early < x_late
    assert f"15{NBSP}janv. 2026" in early.get_text()
    assert f"1{NBSP}sept. 2027" in late.get_text()


# --- project status from the annual programming -------------------------------------------------

REF = followup.Reference(TODAY, "fournie")


@pytest.mark.parametrize("statuses, end, expected", [
    ([], "2027", "non programmé"),
    (["en cours", "terminée"], "2027", "en cours"),
    (["reportée", "terminée"], "2027", "reporté"),
    (["terminée"], "2026-06", "terminé"),
    (["terminée"], "2027-12", "en cours"),  # this year's actions done, project goes on
    (["à venir"], "2027", "à venir"),
    (["terminée", "à venir"], "2027", "en cours"),
    (["abandonnée"], "2027", "abandonné"),
    (["abandonnée", "terminée"], "2026-01", "terminé"),
], ids=lambda v: str(v))
def test_project_status_rule(statuses, end, expected):
    p = project(1, start="2025", end=end)
    programming = [action("P-01", 2026, s, 50) for s in statuses]
    assert followup.project_state(p, programming, REF).status == expected


def test_project_status_uses_the_latest_year_and_earlier_starts():
    p = project(1, start="2025", end="2028")
    programming = [action("P-01", 2025, "terminée", 100), action("P-01", 2026, "à venir", 0)]
    state = followup.project_state(p, programming, REF)
    assert (state.status, state.year, state.progress) == ("en cours", 2026, 0)


def test_project_progress_ignores_abandoned_and_missing_values():
    p = project(1, start="2025", end="2028")
    programming = [action("P-01", 2026, "en cours", 70), action("P-01", 2026, "abandonnée", 0),
                   action("P-01", 2026, "en cours", None)]
    assert followup.project_state(p, programming, REF).progress == 70


# --- indicator status ---------------------------------------------------------------------------

def state_of(data: dict, n: int = 1, today=TODAY):
    index = site_for(data).index
    row = index.find("indicateurs", f"I-{n:02d}")
    return followup.indicator_state(row, index.measures_by_indicator.get(row["id"], []),
                                    followup.Reference(today, "fournie"))


def test_indicator_on_track_within_the_margin_and_late_beyond():
    # Baseline 31 Dec 2024, deadline 31 Dec 2028: on 1 Jan 2027, 50 % of the time.
    on_track = plan(indicateurs=[indicator(1, base=0, target=100)],
                    mesures=[measure(1, "2027-01-01", value=41)])
    late = plan(indicateurs=[indicator(1, base=0, target=100)],
                mesures=[measure(1, "2027-01-01", value=39)])
    first, second = state_of(on_track, today=datetime.date(2027, 1, 2)), state_of(
        late, today=datetime.date(2027, 1, 2))
    assert round(first.expected, 2) == 0.5
    assert first.status == "en bonne voie"
    assert second.status == "en retard"


def test_indicator_past_deadline_without_target_is_late():
    data = plan(indicateurs=[indicator(1, base=0, target=100, due="2026-06")],
                mesures=[measure(1, "2026-06-01", value=99)])
    assert state_of(data).status == "en retard"
    assert "échéance est passée" in state_of(data).reason


def test_indicator_target_already_reached():
    state = state_of(cible_deja_atteinte())
    assert state.status == "atteint"
    assert state.achieved > 1  # 655 out of 600: the table says 109,2 %
    soup = chart(cible_deja_atteinte(), "bilan_indicateurs")
    row_text = soup.svg.get_text(" ")
    assert "109,2" in row_text and "atteint" in row_text
    bar = soup.select("rect.pnt-g-barre.pnt-g-ok")
    assert len(bar) == 1
    track = soup.select_one("rect.pnt-g-piste")
    assert float(bar[0]["width"]) == pytest.approx(float(track["width"]), abs=0.2)
    assert soup.select(".pnt-g-symbole--coche")


def test_indicator_target_below_baseline():
    assert state_of(cible_a_la_baisse(), 1).status == "en retard"
    assert state_of(cible_a_la_baisse(), 2).status == "atteint"


def test_milestone_status():
    reached = plan(indicateurs=[indicator(1, nature="jalon", due="2027-12")],
                   mesures=[measure(1, "2026-06", reached=True)])
    pending = plan(indicateurs=[indicator(1, nature="jalon", due="2027-12")],
                   mesures=[measure(1, "2026-06", reached=False)])
    missed = plan(indicateurs=[indicator(1, nature="jalon", due="2026-03-31")],
                  mesures=[measure(1, "2026-03-31", reached=False)])
    nothing = plan(indicateurs=[indicator(1, nature="jalon", due="2026-03-31")])
    assert [state_of(x).status for x in (reached, pending, missed, nothing)] == [
        "atteint", "en bonne voie", "en retard", "à évaluer"]


def test_example_indicator_overview_counts():
    states = followup.indicator_states(render.Site(EXAMPLE).index, REF)
    counts = followup.count_by(states, followup.INDICATOR_STATUSES)
    assert sum(counts.values()) == len(EXAMPLE.data["indicateurs"])
    assert counts["atteint"] == 2 and counts["en retard"] >= 1 and counts["en bonne voie"] >= 1


# --- geometry ---------------------------------------------------------------------------------

def test_nice_domain_has_round_ticks_covering_the_values():
    low, high, ticks = charts.nice_domain([3, 87])
    assert (low, high) == (0, 100) and ticks == [0, 20, 40, 60, 80, 100]
    low, high, ticks = charts.nice_domain([89, 99])  # far from 0: zero left out
    assert low >= 80 and high >= 99
    assert charts.nice_domain([]) == (0.0, 1.0, [0.0, 1.0])
    assert charts.nice_domain([5, 5])[0] < 5 < charts.nice_domain([5, 5])[1]


def test_wrap_breaks_at_spaces_then_hyphens_and_marks_cuts():
    assert charts.wrap("Sainte-Hermance-du-Lac", 100) [0].endswith("-")
    lines = charts.wrap(LONG, 150)
    assert len(lines) == 2 and lines[-1].endswith("…")
    assert all(charts.text_width(line) <= 150 for line in lines)
    assert charts.wrap("Court", 150) == ["Court"]
    assert charts.wrap("", 150) == []


def test_money_and_dates_in_french():
    assert charts.money_short(850000) == f"850{NBSP}k$"
    assert charts.money_short(4_200_000) == f"4,2{NBSP}M$"
    assert charts.money_range_short(4_200_000, 5_100_000) == f"4,2 – 5,1{NBSP}M$"
    assert charts.date_short(datetime.date(2026, 11, 10)) == f"10{NBSP}nov. 2026"
    assert charts.date_long(datetime.date(2026, 3, 1)) == "1er mars 2026"


def test_scales_map_and_clamp():
    scale = charts.Scale(0, 100, 10, 110)
    assert (scale(0), scale(50), scale(100)) == (10, 60, 110)
    assert scale.clamped(150) == 110
    time = charts.TimeScale(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31), 0, 364)
    assert time(datetime.date(2026, 1, 2)) == 1
    assert time.clamped(datetime.date(2030, 1, 1)) == 364


def test_legend_wraps_instead_of_running_off_the_chart():
    items, height = charts.legend([("plein ok", "Une légende assez longue " * 3)] * 4, 0,
                                  width=300)
    assert len({item.y for item in items}) > 1 and height > charts.LINE
    assert all(item.x < 300 for item in items)


def test_national_objective_follows_the_data_year():
    assert chart_views.national_objective(2024) == (2026, 98)
    assert chart_views.national_objective(2027) == (2030, 100)
    assert chart_views.national_objective(2035) == (2030, 100)


# --- every chart: SVG structure and accessibility ------------------------------------------------

ALL_CHARTS = ["conditions", "connectivite", "echeancier", "projets", "couts", "financement",
              "bilan_indicateurs", "indicateurs", "avancement"]


def check_svg_accessibility(soup):
    found = svgs(soup)
    assert found
    for svg in found:
        assert svg["role"] == "img"
        ids = svg["aria-labelledby"].split()
        assert [svg.find(id=i).name for i in ids] == ["title", "desc"]
        assert svg.title.get_text(strip=True) and len(svg.desc.get_text(strip=True)) > 20
        assert svg["viewbox"].startswith("0 0 ")
    for figure in soup.find_all("figure"):
        table = figure.find("table")
        assert table is not None and table.caption.get_text(strip=True)
        assert all(th.get("scope") in ("col", "row") for th in table.find_all("th"))
        assert figure.find("figcaption").get_text(strip=True)


@pytest.mark.parametrize("name", ALL_CHARTS)
def test_every_chart_of_the_example_is_accessible(name):
    site = render.Site(EXAMPLE)
    soup = BeautifulSoup(site.chart(name, "plan/suivi/"), "html.parser")
    check_svg_accessibility(soup)


def test_accessibility_check_catches_a_bare_svg():
    """Negative control: an SVG without title and desc fails the check."""
    soup = BeautifulSoup('<figure><svg class="pnt-graphique__svg" role="img" '
                         'aria-labelledby="a b"></svg></figure>', "html.parser")
    with pytest.raises((AttributeError, AssertionError, TypeError)):
        check_svg_accessibility(soup)


def test_ids_are_unique_on_the_follow_up_page():
    html = render.Site(EXAMPLE).follow_up("plan/suivi/")
    ids = re.findall(r'\bid="([^"]+)"', html) + re.findall(r"\{ #([a-z-]+) \}", html)
    assert len(ids) > 12 and len(ids) == len(set(ids))


# --- edge case: nothing yet ------------------------------------------------------------------------

@pytest.mark.parametrize("name", [c for c in ALL_CHARTS if c != "avancement"])
def test_empty_plan_says_plainly_there_is_nothing_yet(name):
    soup = chart(plan_vide(), name)
    assert not svgs(soup)
    message = soup.select_one(".pnt-manque").get_text(" ")
    assert message.startswith("Aucun") and "Remplissez la grille" in message
    assert soup.select_one(".pnt-manque a")["href"]


def test_empty_plan_still_draws_the_ten_steps():
    soup = chart(plan_vide(), "avancement")
    assert len(soup.select("g.pnt-g-etape")) == 11
    assert "0 terminée, 0 en cours et 10 à faire" in desc(soup)


def test_empty_follow_up_page_explains_each_part():
    html = site_for(plan_vide()).follow_up("plan/suivi/")
    text = " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())
    assert "Aucune reddition de comptes n'est encore inscrite" in text
    assert "après la première reddition de comptes" in text
    assert "0 projet prioritaire" in text


# --- edge case: one measure, missing values -------------------------------------------------------

def test_single_measure_draws_one_point_and_no_line():
    soup = chart(une_seule_mesure(), "indicateur", "I-01")
    assert len(soup.select("g.pnt-g-point")) == 1
    assert soup.select_one("polyline.pnt-g-courbe") is None
    assert soup.select_one(".pnt-g-trajectoire") is not None
    assert "1 mesure" in desc(soup) and "cible : 20" in desc(soup)


def test_several_measures_draw_a_line_through_each_point():
    """Negative control for the test above: more measures, a polyline."""
    soup = chart(cible_deja_atteinte(), "indicateur", "I-01")
    assert len(soup.select("g.pnt-g-point")) == 2
    assert len(soup.select_one("polyline.pnt-g-courbe")["points"].split()) == 2


def test_missing_values_are_skipped_in_the_chart_and_said_in_the_table():
    data = valeurs_manquantes()
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
    soup = chart(projets_sans_dates(), "echeancier")
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

def check_rows_do_not_overlap(svg, gap: float = charts.LINE - 0.5):
    """Label lines of a chart go down the page, never on each other, never
    past the left edge, and end before the plot starts."""
    width = float(svg["viewbox"].split()[2])
    height = float(svg["viewbox"].split()[3])
    ys = []
    plot_start = min(float(r["x"]) for r in svg.select("rect.pnt-g-barre, rect.pnt-g-piste")
                     ) if svg.select("rect.pnt-g-barre, rect.pnt-g-piste") else width
    for text in svg.select("text.pnt-g-libelle"):
        for tspan in text.find_all("tspan"):
            right = float(tspan["x"])
            assert right - charts.text_width(tspan.get_text()) >= 0
            assert right <= plot_start
            ys.append(float(tspan["y"]))
    assert ys == sorted(ys)
    assert all(b - a >= gap for a, b in zip(ys, ys[1:]))
    assert max(ys) < height


def test_two_hundred_projects_are_cut_into_readable_parts():
    data = deux_cents_projets()
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


@pytest.mark.parametrize("name", ["echeancier", "connectivite", "couts", "bilan_indicateurs"])
def test_long_names_are_wrapped_and_cut_never_overlapping(name):
    soup = chart(noms_tres_longs(), name)
    svg = svgs(soup)[0]
    check_rows_do_not_overlap(svg)
    longest = max(svg.select("text.pnt-g-libelle"), key=lambda t: len(t.get_text()))
    lines = [t.get_text() for t in longest.find_all("tspan")]
    assert len(lines) == 2 and (lines[-1].endswith("…") or name == "connectivite")
    full = LONG if name != "connectivite" else LONG_PLACE
    assert " ".join(full.split()) in " ".join(soup.table.get_text(" ").split())


def test_long_names_in_the_single_indicator_chart_stay_in_the_title():
    soup = chart(noms_tres_longs(), "indicateur", "I-01")
    assert LONG.split()[0] in soup.svg.title.get_text()


# --- escaping -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["connectivite", "echeancier", "couts", "bilan_indicateurs",
                                  "indicateurs"])
def test_data_is_escaped_in_the_svg(name):
    html = site_for(donnees_hostiles()).chart(name, "plan/suivi/")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("script") is None
    assert "<script>" not in html and "{{" not in html
    assert "alert(" in soup.get_text()  # shown as text


def test_escaping_check_would_see_a_raw_script():
    """Negative control: the same checks flag unescaped markup."""
    soup = BeautifulSoup("<svg><text><script>alert('x')</script></text></svg>", "html.parser")
    assert soup.find("script") is not None


# --- the charts of the example: bars, points, text alternatives ---------------------------------------

def example_chart(name, ident=None):
    return BeautifulSoup(render.Site(EXAMPLE).chart(name, "plan/suivi/", ident), "html.parser")


def test_connectivity_chart_of_the_example():
    soup = example_chart("connectivite")
    rows = EXAMPLE.data["connectivite"]
    assert len(bars(soup)) == len(rows)
    shares = [float(r["width"]) for r in bars(soup)]
    assert shares == sorted(shares, reverse=True)
    meets = [r for r in rows if r["foyers_50_10"] >= 98]
    assert desc(soup).startswith(
        f"{len(meets)} municipalité sur {len(rows)} atteint l'objectif national de "
        "98 % des foyers à 50/10 Mbit/s visé pour 2026")  # desc() folds spaces
    assert len(soup.select("rect.pnt-g-barre.pnt-g-ok")) == len(meets)
    assert soup.select_one("line.pnt-g-objectif") is not None
    notes = soup.figcaption.get_text(" ")
    assert "Source : Carte nationale" in notes and "2024" in notes and "CRTC" in notes


def test_conditions_chart_of_the_example():
    soup = example_chart("conditions")
    rows = EXAMPLE.data["conditions"]
    assert sum(int(td.get_text()) for tr in soup.table.tbody.find_all("tr")
               for td in tr.find_all("td")[:3]) == len(rows)
    themes = {r["theme"] for r in rows}
    assert len(labels(soup.svg)) == len(themes)
    assert desc(soup).startswith(f"Sur {len(rows)} conditions de réussite : ")
    assert len(bars(soup)) == len({(r["theme"], r["statut"]) for r in rows})


def test_timeline_of_the_example():
    soup = example_chart("echeancier")
    projects = sorted(EXAMPLE.data["projets"], key=lambda p: p["rang"])
    assert [line.split(".")[0] for line in labels(soup.svg)] == [
        str(p["rang"]) for p in projects]
    revised = [p for p in projects if p.get("debut_revise")]
    assert len(bars(soup)) == len(projects) + len(revised)
    assert "Situation au 10 novembre 2026" in desc(soup)
    assert soup.select_one("line.pnt-g-aujourdhui") is not None


def test_budget_charts_of_the_example():
    costs = example_chart("couts")
    projects = EXAMPLE.data["projets"]
    ranges = [p for p in projects if p["cout"].is_range]
    assert len(costs.select("rect.pnt-g-fourchette")) == len(ranges)
    assert len(bars(costs)) == len(projects) + len(ranges)
    funding = example_chart("financement")
    sources = {f["source"] for p in projects for f in p["financement"]}
    assert len(labels(funding.svg)) == len(sources)
    assert len(funding.select("rect.pnt-g-confirme")) >= 1
    assert len(funding.select("rect.pnt-g-demande")) >= 1
    assert "confirmés ou reçus" in desc(funding) and "demandés" in desc(funding)


def test_indicator_charts_of_the_example():
    soup = example_chart("indicateurs")
    indicators = EXAMPLE.data["indicateurs"]
    figures = soup.find_all("figure")
    assert len(figures) == len(indicators)
    first = indicators[0]
    measures = [m for m in EXAMPLE.data["mesures"] if m["indicateur"] == first["id"]]
    assert len(figures[0].select("g.pnt-g-point")) == len(measures)
    overview = example_chart("bilan_indicateurs")
    assert len(labels(overview.svg)) == len(indicators)
    assert desc(overview).startswith(f"Sur {len(indicators)} indicateurs : ")


def test_steps_path_of_the_example():
    soup = example_chart("avancement")
    assert len(soup.select("g.pnt-g-etape")) == 11
    assert desc(soup).startswith("Sur 10 étapes : 10 terminées")


def test_unknown_chart_names_the_existing_ones():
    with pytest.raises(KeyError, match="connectivite"):
        render.Site(EXAMPLE).chart("camembert", "plan/")
    with pytest.raises(KeyError, match="identifiant"):
        render.Site(EXAMPLE).chart("indicateur", "plan/")


def test_unknown_indicator_says_so_without_breaking_the_build():
    """A chapter may name an example's indicator that a territory lacks."""
    soup = example_chart("indicateur", "I-99")
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


def test_svg_carries_the_light_colours_for_renderers_without_the_css():
    """The PDF (WeasyPrint) does not load pnt.css: each coloured element has a
    ``color`` attribute, the light palette's, which the site's CSS overrides."""
    template = (ROOT / "macros" / "templates" / "graphique.html").read_text(encoding="utf-8")
    fallback = dict(re.findall(r'"([a-z]+)": "(#[0-9a-f]{6})"', template))
    light = palettes()["light"]
    assert {k: v for k, v in fallback.items() if k in light} == light
    soup = example_chart("echeancier")
    coloured = soup.select('svg [class*="pnt-g-principal"], svg [class*="pnt-g-ok"]')
    assert coloured and all(e.get("color") in light.values() for e in coloured)
    assert all(e.get("fill") == "#ffffff" for e in example_chart("avancement").select(
        "svg .pnt-g-fond"))


def test_contrast_check_rejects_a_pale_colour():
    """Negative control: a light yellow on white fails."""
    assert contrast("#ffeb3b", "#ffffff") < 3


# --- the follow-up page -------------------------------------------------------------------------------

def test_changes_since_the_latest_report():
    index = render.Site(EXAMPLE).index
    changes = followup.changes_since(index, datetime.date(2026, 9, 15))
    assert changes["mesures"] and changes["actions"] and changes["ajustements"]
    assert all(c["measure"]["date"].first_day > (2026, 9, 15) for c in changes["mesures"])
    i04 = next(c for c in changes["mesures"] if c["indicator"]["id"] == "I-04")
    assert (i04["previous"]["valeur"], i04["measure"]["valeur"]) == (502, 611)
    nothing = followup.changes_since(index, datetime.date(2030, 1, 1))
    assert nothing["total"] == 0


def test_follow_up_page_of_the_example():
    html = render.Site(EXAMPLE).follow_up("plan/suivi/")
    soup = BeautifulSoup(html, "html.parser")
    text = " ".join(soup.get_text(" ").split())
    assert "Situation au 10 novembre 2026" in text
    assert "Reddition de comptes du 15 septembre 2026" in text
    assert "La reddition précédente date du 20 mai 2026" in text
    assert "502 personnes → 611 personnes" in text
    for figure in ("graphique-projets", "graphique-echeancier", "graphique-bilan-indicateurs"):
        assert soup.find(id=figure).find("svg") is not None
    assert re.search(r"^## Les projets \{ #projets \}$", html, re.M)


# --- the built sites -----------------------------------------------------------------------------------

PAGES = {"plan/": ["graphique-conditions", "graphique-connectivite"],
         "plan/projets/": ["graphique-echeancier", "graphique-couts", "graphique-financement"],
         "plan/indicateurs/": ["graphique-bilan-indicateurs", "graphique-indicateur-i-01"],
         "plan/suivi/": ["graphique-projets", "graphique-echeancier",
                         "graphique-bilan-indicateurs"],
         "avancement/": ["graphique-avancement"]}


@pytest.mark.parametrize("page", PAGES)
def test_example_site_shows_every_chart(site_exemple, page):
    soup = site_exemple.soup(page)
    for figure_id in PAGES[page]:
        figure = soup.find(id=figure_id)
        assert figure is not None and figure.name == "figure", figure_id
        check_svg_accessibility(BeautifulSoup(str(figure), "html.parser"))


def test_example_site_charts_read_back_from_html(site_exemple):
    soup = site_exemple.soup("plan/")
    figure = soup.find(id="graphique-connectivite")
    assert len(figure.select("rect.pnt-g-barre")) == len(EXAMPLE.data["connectivite"])
    assert "atteint l'objectif national" in figure.svg.desc.get_text()
    timeline = site_exemple.soup("plan/projets/").find(id="graphique-echeancier")
    assert len(timeline.select("text.pnt-g-libelle")) == len(EXAMPLE.data["projets"])


def test_follow_up_page_is_in_the_navigation(site_exemple):
    nav = site_exemple.soup("plan/suivi/").select("nav.md-nav--primary a.md-nav__link")
    assert "Suivi du plan" in [a.get_text(" ", strip=True) for a in nav]
    text = site_exemple.soup("plan/suivi/").article.get_text(" ")
    assert "La dernière reddition de comptes" in text and "Ce qui a changé depuis" in text


def test_fresh_plan_charts_say_there_is_nothing_yet(site_vierge):
    for page, figures in PAGES.items():
        soup = site_vierge.soup(page)
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
    parts = timeline.find_all("svg")
    assert len(parts) == 8
    assert sum(len(svg.select("text.pnt-g-libelle")) for svg in parts) == 200
    for svg in parts:
        check_rows_do_not_overlap(svg)
    text = timeline.get_text(" ")
    assert "dates non précisées" in text
    assert soup.find("i") is None or not soup.find("i").find_parent("figure")
    assert "{{" not in site_extreme.html("plan/projets/")
    connectivity = site_extreme.soup("plan/").find(id="graphique-connectivite")
    assert "aucune donnée" in connectivity.svg.get_text()
    check_rows_do_not_overlap(connectivity.svg)


def test_extreme_plan_is_valid_html(site_extreme):
    from test_qualite import VNU, _check_html

    java = shutil.which("java")
    if java is None or not VNU.exists():
        pytest.skip("Java ou vnu.jar absent")
    problems = _check_html([java, "-jar", str(VNU)], site_extreme.folder / "plan")
    assert not problems, problems[:5]


# --- in the browser: visible on screen and in print ---------------------------------------------------
# A browser of this module only, closed at its end: test_navigateur.py opens
# its own for the whole session, and two Playwright drivers cannot coexist.

@pytest.fixture(scope="module")
def navigateur():
    from test_navigateur import CHROMIUM_FLAGS, INSTALL_HINT, _missing

    path = find_browser()
    if path is None:
        _missing(INSTALL_HINT)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def servi(site_exemple):
    from test_navigateur import Served

    served = Served(site_exemple)
    yield served
    served.stop()


@pytest.mark.navigateur
def test_charts_are_visible_in_print_and_in_the_pdf(navigateur, servi):
    from test_navigateur import _pdf, _text

    page = navigateur.new_page()
    page.emulate_media(media="print")
    page.goto(servi.url("plan/suivi/"), wait_until="networkidle")
    drawn = page.locator("svg.pnt-graphique__svg")
    assert drawn.count() == 3
    for index in range(drawn.count()):
        box = drawn.nth(index).bounding_box()
        assert drawn.nth(index).is_visible() and box["width"] > 300 and box["height"] > 100
    page.close()
    text = " ".join(_text(_pdf(navigateur, servi.url("plan/suivi/"))).split())
    for expected in ("Où en sont les projets", "Échéancier des projets prioritaires",
                     "10 nov. 2026", "P-07 Signal cellulaire", "en cours"):
        assert expected in text, expected
    situation = " ".join(_text(_pdf(navigateur, servi.url("plan/"))).split())
    assert "Objectif 2026 : 98" in situation and "Petite-Fourche" in situation


@pytest.mark.navigateur
def test_chart_colours_follow_the_palette(navigateur, servi):
    colours = {}
    for scheme in ("light", "dark"):
        context = navigateur.new_context(color_scheme=scheme)
        page = context.new_page()
        page.goto(servi.url("plan/suivi/"), wait_until="networkidle")
        colours[scheme] = page.eval_on_selector(
            "svg.pnt-graphique__svg .pnt-g-principal", "e => getComputedStyle(e).color")
        context.close()
    assert colours["light"] == "rgb(57, 73, 171)"
    assert colours["dark"] == "rgb(159, 168, 218)"
