"""« inconnu » where the pages and charts compute something: a status, a
nature, a calendar, a funding total. Each case is the minimal plan with one
value written « inconnu » (or a former name), read by the loader as an author's
files are, then the page or chart that uses it; what it says must not go
beyond what the data said."""

from __future__ import annotations

import re
import shutil

import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURES
from support import site_for

from macros.reading.loader import load_folder


def _site(tmp_path, edits: dict):
    """The minimal plan with ``edits`` ({file: [(old, new)]}), checked error-free."""
    folder = shutil.copytree(FIXTURES / "minimal", tmp_path / "data")
    for name, changes in edits.items():
        path = folder / name
        text = path.read_text(encoding="utf-8")
        for old, new in changes:
            assert old in text, (name, old)
            text = text.replace(old, new, 1)
        path.write_text(text, encoding="utf-8")
    loaded = load_folder(folder, "data")
    assert [str(p) for p in loaded.errors] == []
    return site_for(loaded.data)


def _text(html: str) -> str:
    text = BeautifulSoup(html, "html.parser").get_text(" ")
    return " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())


PROGRAMMING = "09-mise-en-oeuvre.yml"


def _first_action_status(tmp_path, status: str):
    text = (FIXTURES / "minimal" / PROGRAMMING).read_text(encoding="utf-8")
    current = re.search(r"\n    statut: (.+)\n", text).group(1)
    return _site(tmp_path, {PROGRAMMING: [(f"    statut: {current}\n",
                                           f"    statut: {status}\n")]})


def test_an_action_whose_status_is_unknown_is_never_shown_none(tmp_path):
    site = _first_action_status(tmp_path, "inconnu")
    text = _text(site.chart("projets", "plan/suivi/"))
    assert "None" not in text
    assert "(statut non précisé)" in text


def test_a_project_whose_actions_have_no_known_status_is_not_said_under_way(tmp_path):
    text = (FIXTURES / "minimal" / PROGRAMMING).read_text(encoding="utf-8")
    statuses = re.findall(r"\n    statut: (.+)\n", text)
    edits = [(f"    statut: {s}\n", "    statut: inconnu\n") for s in statuses]
    site = _site(tmp_path, {PROGRAMMING: edits})
    table = _text(site.chart("projets", "plan/suivi/"))
    assert "P-01 Fibre pour Lac-Bêta statut non précisé" in table
    assert "1 au statut non précisé" in table


def test_an_indicator_of_unknown_nature_is_neither_a_curve_nor_a_milestone(tmp_path):
    site = _site(tmp_path, {"07-preparation-evaluation.yml": [
        ("    nature: quantitatif\n", "    nature: inconnu\n")]})
    text = _text(site.chart("indicateur", "plan/indicateurs/", "I-01"))
    assert "La nature de cet indicateur (quantitatif ou jalon) n'est pas précisée" in text
    assert "Jalon" not in text and "atteint" not in text
    overview = _text(site.chart("bilan_indicateurs", "plan/indicateurs/"))
    assert "nature non précisée" in overview


def test_a_funding_line_of_unknown_status_is_neither_confirmed_nor_requested(tmp_path):
    site = _site(tmp_path, {"06-projets-prioritaires.yml": [
        ("        nature: argent\n        statut: confirmé\n",
         "        nature: argent\n        statut: inconnu\n")]})
    chart = _text(site.chart("financement", "plan/projets/"))
    assert "Le montant ou le statut des lignes de financement des projets n'est pas " \
           "encore connu" in chart
    costs = _text(site.chart("couts", "plan/projets/"))
    assert "P-01 Fibre pour Lac-Bêta 120 000 $ non précisé non précisé" in costs
    page = _text(site.plan_page("plan_projets", "plan/projets/"))
    assert "Total 20 000 $ dont confirmé ou reçu : non précisé" in page


def test_a_year_only_end_is_never_drawn_as_a_day_or_a_month(tmp_path):
    site = _site(tmp_path, {"06-projets-prioritaires.yml": [
        ("    debut: 2026-06\n", "    debut: inconnu\n")]})
    text = _text(site.chart("echeancier", "plan/suivi/"))
    assert "fin 2027, début non précisé" in text
    assert "31 déc." not in text and "décembre 2027" not in text
    assert "1 projet prioritaire, par rang de priorité, en 2027." in text
    assert "Jusqu'en 2027" in text


def test_a_deadline_known_to_the_month_is_labelled_by_its_month(tmp_path):
    site = _site(tmp_path, {})
    text = _text(site.chart("indicateur", "plan/indicateurs/", "I-02"))
    assert "Échéance : décembre 2027" in text
    assert "31 déc." not in text


def test_an_unknown_revised_start_no_longer_dates_the_project(tmp_path):
    site = _site(tmp_path, {"06-projets-prioritaires.yml": [
        ("    fin: 2027\n", "    fin: 2027\n    debut_revise: inconnu\n    fin_revisee: 2025\n")]})
    page = _text(site.plan_page("plan_projets", "plan/projets/"))
    assert "Calendrier révisé Jusqu'en 2025" in page
    assert "de juin 2026 à 2025" not in page.lower()


def test_a_measure_of_unknown_value_is_accepted_and_listed(tmp_path):
    site = _site(tmp_path, {"10-evaluation-reddition.yml": [
        ("    valeur: 70\n", "    valeur: inconnu\n")]})
    page = _text(site.plan_page("plan_indicateurs", "plan/indicateurs/"))
    assert "Aucune mesure n'est encore inscrite pour cet indicateur" not in page


def test_a_measure_of_unknown_date_stays_listed_with_its_indicator(tmp_path):
    site = _site(tmp_path, {"10-evaluation-reddition.yml": [
        ("    date: 2026-12\n", "    date: inconnu\n")]})
    page = _text(site.plan_page("plan_indicateurs", "plan/indicateurs/"))
    assert "Mesures de l'indicateur I-01 Date Valeur (%) Commentaire non précisé 70" in page


@pytest.mark.parametrize("written", ["Lac Beta", "Paroisse-Bêta"])
def test_a_finding_scoped_by_an_other_name_shows_the_current_name(tmp_path, written):
    site = _site(tmp_path, {
        "territoire.yml": [('    code: "85010"\n', '    code: "85010"\n    anciens_noms: '
                                                   '[Paroisse-Bêta]\n    alias: [Lac Beta]\n')],
        "05-etat-de-situation.yml": [("    portee: territoire\n", f"    portee: {written}\n")]})
    page = _text(site.plan_page("plan_diagnostic", "plan/diagnostic/"))
    assert "Foyers à 50/10 Mbit/s 80 % Lac-Bêta" in page
    assert written not in page
