"""The comparison of territories (region/summary.py), on small plans built as
the loader types them: what is compared, what is totalled, and what is never
invented."""

from __future__ import annotations

import datetime

from support import NBSP, NNBSP, connectivity, indicator, plan, project

from macros.plan.model import Row
from macros.plan.values import UNKNOWN
from macros.region import summary
from macros.region.packages import Territory

TODAY = datetime.date(2026, 11, 30)


def _territory(name: str, region: str = "Estrie", **grids) -> Territory:
    data = plan(**grids)
    data["territoire"] = {**data["territoire"], "nom": name, "region": region}
    return Territory(name, data, "0.1.0")


def _unknown_cost(row: dict) -> Row:
    """A project row as read from « cout: inconnu »."""
    return Row(None, {**row, "cout": UNKNOWN})


def _views(*territories) -> list:
    return [summary.territory_view(t, TODAY) for t in territories]


def test_indicators_are_compared_only_with_the_same_name_and_unit():
    households = indicator(1, unit="%")
    other_unit = {**indicator(1, unit="foyers")}
    other_name = {**indicator(2, unit="%"), "libelle": "Foyers branchés à la fibre"}
    views = _views(_territory("MRC A", indicateurs=[households]),
                   _territory("MRC B", indicateurs=[{**households,
                                                      "libelle": "  INDICATEUR 1 "}]),
                   _territory("MRC C", indicateurs=[other_unit, other_name]))
    shared = summary.shared_indicators(views)
    assert [(s.name, s.unit) for s in shared] == [("Indicateur 1", "%")]
    assert [view.name for view, _ in shared[0].rows] == ["MRC A", "MRC B"]


def test_an_indicator_of_one_territory_only_is_not_compared():
    views = _views(_territory("MRC A", indicateurs=[indicator(1)]),
                   _territory("MRC B", indicateurs=[indicator(2)]))
    assert summary.shared_indicators(views) == []


def test_a_cost_written_inconnu_makes_the_total_a_floor():
    known = project(1, cost="100 000 $")
    unknown = _unknown_cost(project(2))
    territories = [_territory("MRC A", projets=[known]), _territory("MRC B", projets=[unknown])]
    views = _views(*territories)
    themes = summary.projects_by_theme(views)
    assert len(themes) == 1 and themes[0].name == summary.NO_THEME
    assert themes[0].cost.text == f"au moins 100{NNBSP}000{NBSP}$"
    assert themes[0].cost.note == "1 montant non précisé"


def test_no_known_cost_is_not_shown_as_zero():
    territories = [_territory("MRC A", projets=[_unknown_cost(project(1))])]
    themes = summary.projects_by_theme(_views(*territories))
    assert themes[0].cost.text == "non précisé"


def test_approximate_costs_stay_approximate_in_the_total():
    territories = [_territory("MRC A", projets=[project(1, cost="environ 3,5 M$")]),
                   _territory("MRC B", projets=[project(2, cost="1 M$")])]
    themes = summary.projects_by_theme(_views(*territories))
    assert themes[0].cost.text.startswith("environ ")


def test_connectivity_of_the_whole_territory_wins_over_its_municipalities():
    views = _views(_territory("MRC A", connectivite=[
        connectivity("Lac-Bêta", 40), connectivity("ensemble du territoire", 88.5)]))
    assert views[0].connectivity == f"88,5{NBSP}% (2024)"


def test_connectivity_by_municipality_is_a_range_never_a_mean():
    views = _views(_territory("MRC A", connectivite=[
        connectivity("Lac-Bêta", 40), connectivity("Alpha", 90)]))
    assert views[0].connectivity == (f"de 40{NBSP}% à 90{NBSP}% selon la municipalité "
                                     "(2 municipalités)")


def test_a_draft_whose_period_has_started_is_late():
    views = _views(_territory("MRC A"))  # support.plan: a draft for 2025–2029
    assert views[0].lateness == ["plan non adopté, période commencée en 2025"]
    territory = _territory("MRC B")
    territory.data["territoire"]["periode_debut"] = 2027
    assert summary.territory_view(territory, TODAY).lateness == []


def test_regions_follow_the_official_order_and_unknown_comes_last():
    views = _views(_territory("MRC A", "Montérégie"), _territory("MRC B", ""),
                   _territory("MRC C", "Bas-Saint-Laurent"))
    assert [(r.name, r.slug) for r in summary.regions(views)] == [
        ("Bas-Saint-Laurent", "bas-saint-laurent"), ("Montérégie", "monteregie"),
        ("Région non précisée", "sans-region")]
