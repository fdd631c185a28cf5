"""A plan as real plans are written (tests/fixtures/plan-reel/, its files 02, 05,
06, 07 and 09; the built site is read in tests/site/test_real_plans.py): the
diagnosis (findings with their sources, a challenge, a territory-wide
connectivity row, a share not known), funding as it is written (a source to
be determined without amount, help in kind of unknown value, a refused
request), plan-wide objectives, a project of two orientations with its means
and its own status, an indicator without a known target.

It validates with warnings only, its sums leave refused money out, its
charts draw nothing the data did not give, and its workbook makes the round
trip unchanged."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURES
from support import bars, desc, site_for, svgs, variant
from macros.plan import followup
from macros.plan.catalog import GRIDS
from macros.plan.index import (FUNDING_REFUSED, PlanIndex, funding_total, has_funding,
                               main_orientation)
from macros.plan.values import read_amount
from macros.reading import checks
from macros.reading.loader import load_folder

REAL = FIXTURES / "plan-reel"
NBSP, NNBSP = "\u00a0", "\u202f"
MINE = ("02-financement.yml", "05-etat-de-situation.yml", "06-projets-prioritaires.yml",
        "07-preparation-evaluation.yml", "09-mise-en-oeuvre.yml")


def real_folder(target: Path) -> Path:
    """A copy of the real plan, as « data »."""
    return shutil.copytree(REAL, target / "data")


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    return load_folder(real_folder(tmp_path_factory.mktemp("plan-reel")), "data")


@pytest.fixture(scope="module")
def index(real) -> PlanIndex:
    return PlanIndex(real.data)


def _rows(real, key: str) -> dict:
    grid = GRIDS[key]
    return {row[grid.id_key]: row for row in real.data[key]}


# --- it validates: warnings for the unknown facts only -------------------------------------

def test_the_real_plan_has_no_error_and_warns_only_of_unknown_facts(real):
    assert [str(p) for p in real.errors] == []
    assert sorted((p.path.rsplit("/", 1)[-1], p.field) for p in real.warnings
                  if p.path.rsplit("/", 1)[-1] in MINE) == [
        ("05-etat-de-situation.yml", "foyers_50_10"),
        ("07-preparation-evaluation.yml", "cible"),
        ("07-preparation-evaluation.yml", "frequence"),
        ("07-preparation-evaluation.yml", "responsable"),
        ("07-preparation-evaluation.yml", "source"),
    ]


def test_words_are_read_in_any_capitalisation(real):
    rows = real.data["connectivite"]
    assert rows[2]["municipalite"] == "ensemble du territoire"  # « Ensemble du territoire »
    assert [r["type"] for r in real.data["ffom"]][-1] == "défi"  # « Défi »
    assert _rows(real, "sources")["F-05"]["orientations"] == ["tout le plan"]


def test_the_territory_wide_phrase_is_no_reference_to_a_municipality(real):
    """« ensemble du territoire » is not checked against the municipalities, and
    nothing cites a municipality of that name."""
    index = PlanIndex(real.data)
    assert index.citing("municipalites", "ensemble du territoire") == []
    assert [grid.key for grid, _ in index.citing("municipalites", "Wotton")].count(
        "connectivite") == 1


def test_a_source_amount_may_be_missing_only_when_the_status_or_nature_says_so(real):
    sources = _rows(real, "sources")
    assert sources["F-05"]["statut"] == "envisagé"  # « Envisagé »
    assert sources["F-02"].get("montant") is None and sources["F-02"]["statut"] == "à déterminer"
    assert sources["F-04"].get("montant") is None and sources["F-04"]["nature"] == "en nature"
    assert sources["F-05"]["nature"] == "argent et en nature"
    rule = GRIDS["sources"].rules[0]
    confirmed = {"statut": "confirmé", "nature": "argent"}
    assert [field for field, _ in rule(confirmed)] == ["montant"]
    assert rule(dict(confirmed, nature="en nature")) == []
    for status in ("envisagé", "à déterminer", "refusé", "non admissible"):
        assert rule(dict(confirmed, statut=status)) == [], status


def test_a_revised_end_before_the_start_is_an_error_only_without_a_revised_start():
    rule = next(r for r in GRIDS["projets"].rules
                if r.__name__ == "dates_in_order_debut_fin_revisee")
    from support import d
    assert rule({"debut": d("2026-06"), "fin_revisee": d("2026-01")})
    assert rule({"debut": d("2026-06"), "debut_revise": d("2025-11"),
                 "fin_revisee": d("2026-01")}) == []
    assert rule({"debut": d("2026-06"), "fin_revisee": d("2026-07")}) == []


# --- sums: refused money never counts ------------------------------------------------------

def test_refused_lines_are_not_money(real):
    project = _rows(real, "projets")["P-01"]
    assert funding_total(project).french == f"20{NNBSP}000{NBSP}$"
    assert funding_total(project, FUNDING_REFUSED).french == f"50{NNBSP}000{NBSP}$"
    assert has_funding(project, FUNDING_REFUSED)
    # 20 000 $ confirmed + 50 000 $ refused on a 60 000 $ project: no warning.
    assert checks._funding_warning(project) is None


def test_funding_above_the_cost_is_a_warning_once_counted(real):
    project = copy.copy(_rows(real, "projets")["P-01"])
    project["financement"] = [dict(line) for line in project["financement"]]
    project["financement"][1]["statut"] = "demandé"
    warning = checks._funding_warning(project)
    assert warning is not None and not warning.is_error
    assert f"(70{NNBSP}000{NBSP}$) dépasse le coût estimé du projet (60{NNBSP}000{NBSP}$)" \
        in warning.message


def _with_lines(real, amounts: dict, source_amount: str) -> dict:
    """The real plan's data with F-01 at ``source_amount`` and projects drawing
    ``amounts`` {project id: amount} on it."""
    data = dict(real.data)
    base = _rows(real, "projets")["P-01"]
    projects = []
    for project_id, amount in amounts.items():
        project = copy.copy(base)
        project["id"] = project_id
        project["financement"] = [{"source": "F-01", "montant": read_amount(amount),
                                   "statut": "confirmé"}]
        projects.append(project)
    data["projets"] = projects
    sources = [copy.copy(s) for s in real.data["sources"]]
    sources[0]["montant"] = read_amount(source_amount)
    data["sources"] = sources
    return data


def test_lines_drawn_on_a_source_add_up_across_projects(real):
    below = checks.source_overdrawn_warnings(_with_lines(
        real, {"P-01": "12 000 $", "P-02": "8 000 $"}, "20 000 $"))
    assert below == []
    above = checks.source_overdrawn_warnings(_with_lines(
        real, {"P-01": "15 000 $", "P-02": "10 000 $"}, "20 000 $"))
    assert [str(w) for w in above] == [
        f"data/02-financement.yml, ligne 10, « montant » : les projets inscrivent "
        f"25{NNBSP}000{NBSP}$ sur la source « F-01 » (P-01 et P-02), plus que son montant "
        f"(20{NNBSP}000{NBSP}$) : vérifier les montants des lignes de financement (grille "
        "« projets », champ « financement ») ou celui de la source"]
    assert not above[0].is_error


def test_a_source_without_amount_is_never_overdrawn(real):
    data = _with_lines(real, {"P-01": "15 000 $"}, "20 000 $")
    data["sources"][0]["montant"] = None
    assert checks.source_overdrawn_warnings(data) == []


# --- orientations, objectives, statuses ----------------------------------------------------

def test_a_project_is_listed_under_each_of_its_orientations(index):
    project = index.find("projets", "P-01")
    assert main_orientation(project) == "O-01"
    assert [p["id"] for p in index.projects_by_orientation["O-01"]] == ["P-01"]
    assert [p["id"] for p in index.projects_by_orientation["O-02"]] == ["P-01"]
    assert index.projects_without_orientation() == []


def test_plan_wide_objectives_are_cited_by_orientations_projects_and_indicators(index):
    assert [o["id"] for o in index.citing_objective("orientations", "OP-01")] == ["O-01"]
    assert [p["id"] for p in index.citing_objective("projets", "OP-01")] == ["P-01"]
    assert [i["id"] for i in index.citing_objective("indicateurs", "OP-01")] == ["I-01"]


def test_a_declared_status_wins_over_the_computed_one(index):
    reference = followup.reference_date(index)
    programming = index.programming_by_project["P-01"]
    project = index.find("projets", "P-01")
    assert followup.project_state(project, programming, reference).status == "en retard"
    without = dict(project, statut="suspendu")
    state = followup.project_state(without, programming, reference)
    assert state.status == "suspendu" and state.declared and state.symbol == "pause"
    computed = {k: v for k, v in project.items() if k != "statut"}
    # The programming says « en retard » too: the computed status follows it.
    assert followup.project_state(computed, programming, reference).status == "en retard"


def test_an_indicator_without_target_is_to_be_evaluated(index):
    state = followup.indicator_state(index.find("indicateurs", "I-01"),
                                     index.measures_by_indicator.get("I-01", []),
                                     followup.reference_date(index))
    assert state.status == "à évaluer"
    assert state.reason == "la cible n'est pas précisée"
    assert state.achieved is None


# --- charts: nothing the data did not give --------------------------------------------------

def test_connectivity_draws_no_bar_for_an_unknown_share_nor_the_whole_territory(real):
    whole = BeautifulSoup(site_for(real.data).chart("connectivite", "plan/"), "html.parser")
    for kept in ("etroit", "large"):  # the phone's drawing and the desktop's
        assert len(bars(variant(copy.copy(whole), kept))) == 1  # Val-des-Sources only
    soup = variant(whole)
    svg_text = " ".join(svgs(soup)[0].get_text(" ").split())
    assert "Ensemble du territoire" not in svg_text and "non précisé" in svg_text
    assert f"0{NBSP}%" not in svg_text.replace(f"100{NBSP}%", "")
    summary = desc(soup)  # spaces made plain
    assert "Pour l'ensemble du territoire : 88 % des foyers" in summary
    assert "dont la part n'est pas précisée (inconnue), sans barre : Wotton" in summary
    table = soup.find("table")
    foot = [c.get_text(" ", strip=True) for c in table.tfoot.find_all(["th", "td"])]
    assert foot[:2] == ["Ensemble du territoire", f"88{NBSP}%"]
    wotton = next(tr for tr in table.tbody.find_all("tr") if "Wotton" in tr.get_text())
    assert [c.get_text(" ", strip=True) for c in wotton.find_all(["th", "td"])][:4] == [
        "Wotton", "non précisé", "—", "partielle"]
    danville = next(tr for tr in table.tbody.find_all("tr") if "Danville" in tr.get_text())
    assert danville.find_all("td")[0].get_text(strip=True) == "aucune donnée"


def test_an_indicator_without_target_has_no_target_mark_nor_path(real):
    soup = BeautifulSoup(site_for(real.data).chart("indicateur", "plan/indicateurs/", "I-01"),
                         "html.parser")
    svg = svgs(soup)[0]
    assert "losange" not in str(svg) and "Trajectoire" not in svg.get_text()
    assert "cible : non précisée" in desc(soup)
    rows = [[c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])]
            for tr in soup.find("table").tbody.find_all("tr")]
    assert rows[-1][0] == "Cible" and rows[-1][2] == "non précisée"


def test_refused_lines_are_left_out_of_the_funding_chart(real):
    soup = BeautifulSoup(site_for(real.data).chart("financement", "plan/projets/"),
                         "html.parser")
    sources = [tr.th.get_text(" ", strip=True) for tr in soup.find("table").tbody("tr")]
    assert sources == ["F-01 MRC des Sources"]  # not F-03, refused
    notes = " ".join(soup.get_text(" ").split())  # spaces made plain
    assert "1 ligne refusée ou non admissible : non comptée dans ce graphique." in notes
