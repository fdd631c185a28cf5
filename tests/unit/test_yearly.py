"""The yearly accountability report (plan/yearly.py): which years have one, the
plan as it stood at the end of a year, what changed since the previous year,
and the year's money."""

from __future__ import annotations

import datetime

import pytest

from macros.plan import yearly
from macros.plan.index import PlanIndex
from macros.plan.values import read_amount
from support import action, indicator, measure, plan, project


def index_of(data: dict) -> PlanIndex:
    return PlanIndex(data)


def spending(project_id: str, year: int, status: str, budget=None, spent=None,
             updated=None) -> dict:
    """An action of the annual programming with its budget and what was spent."""
    row = action(project_id, year, status, updated=updated)
    row.update(budget=read_amount(budget) if budget else None,
               depense=read_amount(spent) if spent else None)
    return row


# --- which years have a report ------------------------------------------------------------------

def two_years_and_next_programming() -> dict:
    """Follow-up in 2025 (an action under way) and in 2026 (a December
    measure); the 2027 programming is only « à venir »."""
    return plan(projets=[project(1, start="2025", end="2028")],
                programmation=[action("P-01", 2025, "en cours"),
                               action("P-01", 2027, "à venir"),
                               action("P-01", 2027, "à venir")],
                indicateurs=[indicator(1)],
                mesures=[measure(1, "2026-12", value=12)])


def test_years_with_follow_up_are_newest_first_without_a_coming_programming():
    assert yearly.report_years(index_of(two_years_and_next_programming())) == [2026, 2025]


def test_a_measure_s_month_belongs_to_its_year():
    data = plan(indicateurs=[indicator(1)], mesures=[measure(1, "2024-12", value=11)])
    assert yearly.report_years(index_of(data)) == [2024]


def test_the_report_year_defaults_to_the_newest():
    index = index_of(two_years_and_next_programming())
    assert yearly.chosen_year(index) == 2026
    assert yearly.chosen_year(index, 2025) == 2025
    assert yearly.year_report(index).year == 2026


def test_a_year_without_follow_up_names_the_years_that_have_some():
    with pytest.raises(yearly.NoFollowUp) as raised:
        yearly.chosen_year(index_of(two_years_and_next_programming()), 2027)
    assert raised.value.year == 2027
    assert raised.value.years == [2025, 2026]


def test_a_plan_without_follow_up_has_no_year():
    data = plan(programmation=[action("P-01", 2026, "à venir")])
    assert yearly.report_years(index_of(data)) == []
    with pytest.raises(yearly.NoFollowUp) as raised:
        yearly.year_report(index_of(data))
    assert raised.value.years == []


# --- the plan at the end of a year --------------------------------------------------------------

def two_years_of_follow_up() -> dict:
    """P-01 under way in 2025, finished in 2026 (its end, June 2026, passed);
    P-02 under way both years. I-01 counts km without signal (64 → 15, a
    falling target), I-02 a share that should rise and fell, I-03 is first
    measured in 2026."""
    return plan(
        projets=[project(1, start="2025", end="2026-06"), project(2, start="2025", end="2028")],
        programmation=[
            spending("P-01", 2025, "en cours", "10 000 $", "4 000 $", updated="2025-10-01"),
            spending("P-02", 2025, "en cours", "5 000 $", None, updated="2025-10-01"),
            spending("P-01", 2026, "terminée", "20 000 $", "environ 18 000 $",
                     updated="2026-10-01"),
            spending("P-02", 2026, "en cours", "8 000 $", None, updated="2026-09-15"),
            spending("P-02", 2026, "en cours", None, "1 500 $", updated="2026-09-15"),
            spending("P-02", 2027, "à venir", "9 000 $"),
        ],
        indicateurs=[indicator(1, base=64, target=15, due="2029-12", unit="km"),
                     indicator(2, base=10, target=50, unit="%"),
                     indicator(3, base=0, target=100, unit="foyers")],
        mesures=[measure(1, "2025-11", value=64), measure(1, "2026-08", value=61),
                 measure(2, "2025-11", value=30), measure(2, "2026-08", value=25),
                 measure(3, "2026-05", value=40)])


@pytest.fixture(scope="module")
def report_2026():
    return yearly.year_report(index_of(two_years_of_follow_up()), 2026)


@pytest.fixture(scope="module")
def report_2025():
    return yearly.year_report(index_of(two_years_of_follow_up()), 2025)


def test_the_plan_at_the_end_of_a_past_year_leaves_out_what_came_later(report_2025):
    at = report_2025.at
    assert [m["date"].first_date for m in at.rows("mesures")] == [
        datetime.date(2025, 11, 1), datetime.date(2025, 11, 1)]
    assert {a["annee"].first_date.year for a in at.rows("programmation")} == {2025}


def test_data_at_keeps_measures_up_to_the_day_and_programming_up_to_the_year():
    data = two_years_of_follow_up()
    kept = yearly.data_at(data, 2026, datetime.date(2026, 6, 30))
    assert [(m["indicateur"], m["valeur"]) for m in kept["mesures"]] == [
        ("I-01", 64), ("I-02", 30), ("I-03", 40)]
    assert sorted({a["annee"].first_date.year for a in kept["programmation"]}) == [2025, 2026]
    assert len(data["mesures"]) == 5  # the data itself is left as it was


def test_the_year_under_way_ends_at_the_data_s_latest_date(report_2026):
    assert report_2026.reference.day == datetime.date(2026, 10, 1)
    assert report_2026.in_progress


def test_a_past_year_ends_on_31_december(report_2025):
    assert report_2025.reference.day == datetime.date(2025, 12, 31)
    assert not report_2025.in_progress


def test_the_year_s_actions_and_next_year_s_programming(report_2026):
    assert len(report_2026.actions) == 3
    assert [a["projet"] for a in report_2026.next_year] == ["P-02"]
    assert report_2026.action_counts()["terminée"] == 1
    assert report_2026.action_counts()["en cours"] == 2


# --- compared with the previous year -----------------------------------------------------------

def test_a_project_whose_status_changed_since_last_year(report_2026):
    first, second = report_2026.projects
    assert (first.state.id, first.before.status, first.state.status) == (
        "P-01", "en cours", "terminé")
    assert first.changed
    assert (second.state.id, second.before.status, second.state.status) == (
        "P-02", "en cours", "en cours")
    assert not second.changed
    assert [p.state.id for p in report_2026.changed_projects()] == ["P-01"]


def test_the_first_report_compares_with_nothing(report_2025):
    assert report_2025.previous is None
    assert not any(p.changed for p in report_2025.projects)
    assert {i.movement for i in report_2025.indicators} == {yearly.NONE}


def movements(report) -> dict:
    return {i.state.id: i.movement for i in report.indicators}


def test_km_without_signal_going_down_towards_a_lower_target_is_progress(report_2026):
    km = report_2026.indicators[0]
    assert (km.before.latest["valeur"], km.state.latest["valeur"]) == (64, 61)
    assert km.movement == yearly.UP


def test_a_rising_target_that_fell_is_a_step_back_and_a_first_measure_is_new(report_2026):
    assert movements(report_2026) == {"I-01": yearly.UP, "I-02": yearly.DOWN,
                                      "I-03": yearly.NEW}
    assert [i.state.id for i in report_2026.moved_indicators()] == ["I-01", "I-02", "I-03"]


def test_an_unchanged_value_is_stable():
    data = two_years_of_follow_up()
    data["mesures"] = [measure(1, "2025-11", value=64), measure(1, "2026-08", value=64)]
    report = yearly.year_report(index_of(data), 2026)
    assert report.indicators[0].movement == yearly.SAME


def test_the_year_s_measures_are_only_those_dated_in_it(report_2026):
    assert [m["valeur"] for m in report_2026.indicators[0].measures] == [61]


# --- money ------------------------------------------------------------------------------------

def test_the_year_s_budget_and_spending_sum_its_actions(report_2026):
    # Budgets 20 000 + 8 000 (one action without budget); spent about 18 000 + 1 500
    # (one action without an amount spent).
    assert (report_2026.budget.total.low, report_2026.budget.known,
            report_2026.budget.missing) == (28000, 2, 1)
    spent = report_2026.spent
    assert (spent.total.low, spent.total.high, spent.known, spent.missing) == (
        19500, 19500, 2, 1)
    assert spent.total.word == "environ"


def test_an_action_without_spending_is_missing_never_zero(report_2025):
    second = report_2025.projects[1]
    assert second.state.id == "P-02"
    assert second.spent.total is None
    assert (second.spent.known, second.spent.missing) == (0, 1)
    assert (report_2025.spent.total.low, report_2025.spent.missing) == (4000, 1)


def test_zero_written_is_counted_as_zero_spent():
    rows = [spending("P-01", 2026, "en cours", spent="0 $"),
            spending("P-01", 2026, "en cours")]
    money = yearly.Money.of(rows, "depense")
    assert (money.total.low, money.known, money.missing) == (0, 1, 1)


def test_spending_per_project(report_2026):
    first, second = report_2026.projects
    assert (first.spent.total.low, first.spent.missing) == (18000, 0)
    assert (second.spent.total.low, second.spent.known, second.spent.missing) == (1500, 1, 1)
    assert (second.budget.total.low, second.budget.missing) == (8000, 1)
