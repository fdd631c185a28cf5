"""Where the plan stands (plan/followup.py): the reference date, each
project's status from the annual programming, each indicator's status, and
what changed since the latest accountability report."""

from __future__ import annotations

import datetime

import pytest

from macros.plan import followup
from macros.plan.index import PlanIndex
from support import (TODAY, action, chart, d, falling_target, indicator, measure, nothing_yet, plan,
                     project, site_for, target_already_reached)

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


def test_reference_date_of_the_example_is_its_last_update(example):
    reference = followup.reference_date(PlanIndex(example.data))
    assert reference.day == datetime.date(2026, 11, 10)


def test_reference_date_without_follow_up_data_is_the_build_date():
    reference = followup.reference_date(site_for(nothing_yet()).index)
    assert reference.origin == "construction"
    assert reference.day == datetime.date.today()




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
    state = state_of(target_already_reached())
    assert state.status == "atteint"
    assert state.achieved > 1  # 655 out of 600: the table says 109,2 %
    soup = chart(target_already_reached(), "bilan_indicateurs")
    row_text = soup.svg.get_text(" ")
    assert "109,2" in row_text and "atteint" in row_text
    bar = soup.select("rect.pnt-g-barre.pnt-g-ok")
    assert len(bar) == 1
    track = soup.select_one("rect.pnt-g-piste")
    assert float(bar[0]["width"]) == pytest.approx(float(track["width"]), abs=0.2)
    assert soup.select(".pnt-g-symbole--coche")


def test_indicator_target_below_baseline():
    assert state_of(falling_target(), 1).status == "en retard"
    assert state_of(falling_target(), 2).status == "atteint"


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


def test_example_indicator_overview_counts(example):
    states = followup.indicator_states(PlanIndex(example.data), REF)
    counts = followup.count_by(states, followup.INDICATOR_STATUSES)
    assert sum(counts.values()) == len(example.data["indicateurs"])
    assert counts["atteint"] == 2 and counts["en retard"] >= 1 and counts["en bonne voie"] >= 1


# --- what changed since the latest report ---------------------------------------------

def test_changes_since_the_latest_report(example):
    index = PlanIndex(example.data)
    changes = followup.changes_since(index, datetime.date(2026, 9, 15))
    assert changes["mesures"] and changes["actions"] and changes["ajustements"]
    assert all(c["measure"]["date"].first_day > (2026, 9, 15) for c in changes["mesures"])
    i04 = next(c for c in changes["mesures"] if c["indicator"]["id"] == "I-04")
    assert (i04["previous"]["valeur"], i04["measure"]["valeur"]) == (502, 611)
    nothing = followup.changes_since(index, datetime.date(2030, 1, 1))
    assert nothing["total"] == 0


# --- how a status is said ---------------------------------------------------------------

def _overview_rows(data: dict) -> tuple:
    table = chart(data, "bilan_indicateurs").table
    heads = [th.get_text(" ", strip=True) for th in table.thead.find_all("th")]
    rows = [[c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])]
            for tr in table.tbody.find_all("tr")]
    return heads, rows


def test_a_status_is_never_explained_by_itself():
    """Never « Atteint : la cible est atteinte » nor « le jalon est atteint »."""
    reached = state_of(target_already_reached())
    assert reached.status == "atteint" and "atteint" not in reached.reason
    milestone = plan(indicateurs=[indicator(1, nature="jalon", due="2027-12")],
                     mesures=[measure(1, "2026-06", reached=True)])
    assert state_of(milestone).reason == "la mesure de juin 2026 le constate"
    assert state_of(falling_target(), 2).reason == (
        "la dernière mesure est égale ou inférieure à la cible")


def test_why_is_said_only_where_the_status_does_not_say_it():
    """The « Pourquoi » column repeats nothing: gone when every status says it
    all, « — » on the rows whose status says it, the reason elsewhere."""
    on_track = plan(indicateurs=[indicator(1, base=0, target=100), indicator(2, base=0,
                                                                             target=100)],
                    mesures=[measure(1, "2026-06-01", value=60),
                             measure(2, "2026-06-01", value=70)])
    heads, rows = _overview_rows(on_track)
    assert "Pourquoi" not in heads and len(rows) == 2
    late = plan(indicateurs=[indicator(1, base=0, target=100),
                             indicator(2, base=0, target=100, due="2026-06")],
                mesures=[measure(1, "2026-06-01", value=60), measure(2, "2026-06-01", value=70)])
    heads, rows = _overview_rows(late)
    assert heads[-1] == "Pourquoi"
    assert rows[0][-1] == "—"
    assert rows[1][-1] == "L'échéance est passée sans que la cible soit atteinte."


def test_a_milestone_note_dates_the_measure_not_a_deadline():
    missed = plan(indicateurs=[indicator(1, nature="jalon", due="2027-12")],
                  mesures=[measure(1, "2026-03-31", reached=False)])
    drawn = chart(missed, "bilan_indicateurs").svg.get_text(" ")
    assert "jalon non atteint au 31\u00a0mars 2026" in drawn
    assert "(31\u00a0mars 2026)" not in drawn
