"""The one French formatter (plan/french.py): numbers, sizes, plurals, lists,
dates and periods, and the no-break spaces of French typography."""

from __future__ import annotations

import pytest

from macros.plan import french
from macros.plan.values import PartialDate

NBSP, NNBSP = "\u00a0", "\u202f"


def test_numbers_group_thousands_with_a_narrow_no_break_space():
    assert french.number(1500000) == f"1{NNBSP}500{NNBSP}000"
    assert french.number(2.5) == "2,5"
    assert french.number(1234.567) == f"1{NNBSP}234,57"
    assert french.number(2.999) == "3"
    assert french.number(12) == "12"


def test_percent_quantity_and_money_keep_their_unit_on_the_line():
    assert french.percent(89) == f"89{NBSP}%"
    assert french.percent(85.56, 1) == f"85,6{NBSP}%"
    assert french.quantity(1350, "foyers") == f"1{NNBSP}350{NBSP}foyers"
    assert french.quantity(42, "%") == f"42{NBSP}%"
    assert french.quantity(12, None) == "12"
    assert french.quantity(None, "km") == "non précisée"
    assert french.money(25000) == f"25{NNBSP}000{NBSP}$"
    assert french.money(10000, 15000) == f"10{NNBSP}000{NBSP}$ – 15{NNBSP}000{NBSP}$"


def test_short_money_for_axes():
    assert french.money_short(850000) == f"850{NBSP}k$"
    assert french.money_short(4_200_000) == f"4,2{NBSP}M$"
    assert french.money_short(500) == f"500{NBSP}$"
    assert french.money_range_short(4_200_000, 5_100_000) == f"4,2{NBSP}M$ – 5,1{NBSP}M$"
    assert french.money_range_short(40_000, 40_200) == f"40{NBSP}k$"


def test_money_as_its_author_wrote_it():
    assert french.money_in(11_600_000, "M") == f"11,6{NBSP}M$"
    assert french.money_in(1_234_567.89, "M") == f"1,23456789{NBSP}M$"
    assert french.money_written([(3_500_000, "M")], "environ") == f"environ 3,5{NBSP}M$"
    assert french.money_written([(1e6, "M"), (2e6, "M")]) == f"1{NBSP}M$ – 2{NBSP}M$"
    assert french.money_written([(500_000, "k"), (1_200_000, "M")]) == (
        f"500{NBSP}k$ – 1,2{NBSP}M$")
    assert french.money_written([(10_000, ""), (15_000, "")]) == french.money(10_000, 15_000)
    assert french.money_written_short([(850_000, "")], "plus de") == f"plus de 850{NBSP}k$"
    assert french.money_written_short([(11_650_000, "M")]) == f"11,65{NBSP}M$"


def test_de_is_elided_before_a_vowel():
    assert french.with_de("environ 3,5 M$") == "d'environ 3,5 M$"
    assert french.with_de("au moins 4 M$") == "d'au moins 4 M$"
    assert french.with_de("25 000 $") == "de 25 000 $"
    assert french.with_de("plus de 4 M$") == "de plus de 4 M$"


def test_file_sizes():
    assert french.size(850) == f"850{NBSP}octets"
    assert french.size(12_400) == f"12,4{NBSP}ko"
    assert french.size(1_234_567) == f"1,2{NBSP}Mo"


@pytest.mark.parametrize("count, expected", [
    (0, "0 foyer"), (1, "1 foyer"), (2, "2 foyers"), (1250, f"1{NNBSP}250 foyers"),
])
def test_plurals_follow_french_usage(count, expected):
    assert french.count(count, "foyer", "foyers") == expected


def test_lists_and_capitals():
    assert french.join([]) == ""
    assert french.join(["a"]) == "a"
    assert french.join(["a", "b"]) == "a et b"
    assert french.join(["a", "", "b", "c"]) == "a, b et c"
    assert french.join(["a", "b"], "ou") == "a ou b"
    assert french.capitalise("étape") == "Étape"
    assert french.lower_first("Nom de l'instance") == "nom de l'instance"


def test_dates_say_only_what_is_known():
    assert PartialDate(2026).french == "2026"
    assert PartialDate(2026, 3).french == "mars 2026"
    assert PartialDate(2026, 3, 1).french == "1er mars 2026"
    assert PartialDate(2026, 3, 15).french == "15 mars 2026"
    assert french.date_short(2026, 11, 10) == f"10{NBSP}nov. 2026"


@pytest.mark.parametrize("when, on, since", [
    (PartialDate(2016, 3, 12), "le 12 mars 2016", "du 12 mars 2016"),
    (PartialDate(2016, 3), "en mars 2016", "de mars 2016"),
    (PartialDate(2016, 4), "en avril 2016", "d'avril 2016"),
    (PartialDate(2016), "en 2016", "de 2016"),
])
def test_a_month_only_date_is_never_on_a_day(when, on, since):
    assert french.on_date(when) == on
    assert french.from_date(when) == since


def test_periods():
    start, end = PartialDate(2025, 9), PartialDate(2028, 12)
    assert french.period(start, end) == "de septembre 2025 à décembre 2028"
    assert french.period(PartialDate(2026, 3, 3), PartialDate(2026, 6, 30)) == (
        "du 3 mars 2026 au 30 juin 2026")
    assert french.period(start, None) == "à partir de septembre 2025"
    assert french.period(None, PartialDate(2028)) == "jusqu'en 2028"
    assert french.period(None, None) == ""
    assert french.years(2026, 2030) == "2026–2030"


def test_a_plan_period_never_invents_a_bound():
    assert french.plan_years(2026, 2030) == "2026–2030"
    assert french.plan_years(2016, None) == "2016 – fin non précisée"
    assert french.plan_years(None, 2020) == "début non précisé – 2020"
    assert french.plan_years(None, None) == ""


def test_typeset_makes_the_spaces_no_break_and_changes_nothing_else():
    text = "Coût : 25 000 $ ; vraiment ? « Oui » ! 85 % de 1 200 foyers"
    done = french.typeset(text)
    assert done == (f"Coût{NBSP}: 25{NNBSP}000{NBSP}${NNBSP}; vraiment{NNBSP}? «{NBSP}Oui"
                    f"{NBSP}»{NNBSP}! 85{NBSP}% de 1{NNBSP}200 foyers")
    assert french.typeset(done) == done
    assert done.replace(NBSP, " ").replace(NNBSP, " ") == text


def test_typeset_leaves_urls_times_and_codes_alone():
    for text in ("https://www.quebec.ca/", "12:30", "statut:", "B-01, B-02", "2025 2026"):
        assert french.typeset(text) == text


@pytest.mark.parametrize("value, unit, shown", [
    (0, "foyers", f"0{NBSP}foyer"), (1, "prêts", f"1{NBSP}prêt"),
    (1, "jeux de données", f"1{NBSP}jeu de données"),
    (0, "personnes accompagnées", f"0{NBSP}personne accompagnée"),
    (1, "prêts d'appareils", f"1{NBSP}prêt d'appareils"), (1, "réseaux", f"1{NBSP}réseau"),
    (0.5, "kilomètres", f"0,5{NBSP}kilomètre"), (1, "mois", f"1{NBSP}mois"),
    (1, "km", f"1{NBSP}km"), (1, "Mbit/s", f"1{NBSP}Mbit/s"), (0, "%", f"0{NBSP}%"),
    (1, "GES", f"1{NBSP}GES"), (2, "foyers", f"2{NBSP}foyers"), (0, "foyer", f"0{NBSP}foyer"),
])
def test_a_unit_agrees_with_zero_and_one(value, unit, shown):
    """French takes the singular below 2: « 0 foyer », never « 0 foyers »."""
    assert french.quantity(value, unit) == shown


@pytest.mark.parametrize("name, shown", [
    ("MRC de la Vallée-des-Cèdres", "de la MRC de la Vallée-des-Cèdres"),
    ("MRC de Témiscamingue", "de la MRC de Témiscamingue"),
    ("Ville de Gatineau", "de la Ville de Gatineau"),
    ("Municipalité de Saint-Zénon", "de la Municipalité de Saint-Zénon"),
    ("Agglomération de Longueuil", "de l'Agglomération de Longueuil"),
    ("Territoire équivalent de La Tuque", "du Territoire équivalent de La Tuque"),
    ("Les Basques", "des Basques"), ("Le Granit", "du Granit"),
    ("La Tuque", "de La Tuque"), ("Eeyou Istchee", "d'Eeyou Istchee"),
    ("", "du territoire"), (None, "du territoire"),
])
def test_a_territory_name_after_de_takes_its_article(name, shown):
    assert french.of_name(name) == shown


def test_a_range_in_a_sentence_gives_each_bound_its_unit():
    ten_fifteen = [(10_000, ""), (15_000, "")]
    assert french.money_of(ten_fifteen) == f"de 10{NNBSP}000{NBSP}$ à 15{NNBSP}000{NBSP}$"
    assert french.money_of([(3_500_000, "M")], "environ") == f"d'environ 3,5{NBSP}M$"
    assert french.money_of([(25_000, "")]) == f"de 25{NNBSP}000{NBSP}$"
    assert french.money_prose(ten_fifteen) == (
        f"entre 10{NNBSP}000{NBSP}$ et 15{NNBSP}000{NBSP}$")
    assert french.money_prose([(5_455_000, ""), (6_615_000, "")], short=True) == (
        f"entre 5,5{NBSP}M$ et 6,6{NBSP}M$")
    assert french.money_prose([(50_000, "k")], "environ") == f"environ 50{NBSP}k$"


@pytest.mark.parametrize("text, done", [
    ("Coût :", f"Coût{NBSP}:"), ("oui ;", f"oui{NNBSP};"), ("oui !", f"oui{NNBSP}!"),
    ("oui ?", f"oui{NNBSP}?"), ("« oui", f"«{NBSP}oui"), ("oui »", f"oui{NBSP}»"),
    ("85 %", f"85{NBSP}%"), ("20 $", f"20{NBSP}$"), ("20 k$", f"20{NBSP}k$"),
    ("1 200", f"1{NNBSP}200"), (f"1{NBSP}200", f"1{NNBSP}200"),
])
def test_typeset_applies_each_rule_alone(text, done):
    # typeset skips a text that no rule could change: each rule, alone in a
    # short text, must still be applied.
    assert french.typeset(text) == done
