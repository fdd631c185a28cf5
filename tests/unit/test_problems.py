"""The one problem type and the one report (reading/problems.py): files and
workbooks alike, errors then warnings, in the order of the démarche."""

from __future__ import annotations

from macros.reading.problems import (WARNING, FilePlace, Problem, SheetPlace, WorkbookPlace,
                                     report)


def test_a_problem_names_its_place_field_and_message():
    assert str(Problem.in_file("data/03-besoins.yml", 12, "priorite", "« 4 » n'est pas "
                               "permis")) == ("data/03-besoins.yml, ligne 12, « priorite » : "
                                              "« 4 » n'est pas permis")
    assert str(Problem.in_file("data/notes.yml", 0, "", "fichier non lu")) == (
        "data/notes.yml : fichier non lu")
    sheet = SheetPlace("3.2 Besoins", row=7, heading="Priorité", position=11, column=7)
    assert str(Problem(sheet, "", "valeur obligatoire")) == (
        "Feuille « 3.2 Besoins », ligne 7, colonne « Priorité » : valeur obligatoire")
    assert str(Problem(WorkbookPlace("grilles.xlsx"), "", "fichier vide")) == (
        "Fichier « grilles.xlsx » : fichier vide")


def test_the_report_follows_the_demarche_territory_first():
    problems = [
        Problem.in_file("data/10-evaluation-reddition.yml", 3, "date", "dix"),
        Problem.in_file("data/03-besoins.yml", 40, "id", "trois, plus bas"),
        Problem.in_file("data/03-besoins.yml", 4, "id", "trois"),
        Problem.in_file("data/territoire.yml", 9, "nom", "territoire"),
        Problem.in_file("data/01-gouvernance.yml", 2, "id", "un", level=WARNING),
    ]
    lines = report(problems).splitlines()
    assert [line.rsplit(" : ", 1)[-1] for line in lines[:-1]] == [
        "territoire", "trois", "trois, plus bas", "dix", "un"]
    assert lines[-2].startswith("Avertissement : data/01-gouvernance.yml")
    assert lines[-1] == "4 erreurs, 1 avertissement. Corrigez les erreurs ci-dessus, puis relancez."


def test_a_workbook_report_puts_the_file_first_then_the_sheets_in_order():
    problems = [
        Problem(SheetPlace("7.1 Indicateurs", row=3, position=20), "", "sept"),
        Problem(SheetPlace("Notes", position=900), "", "inconnue", WARNING),
        Problem(SheetPlace("0.2 Municipalités", row=5, position=2), "", "zéro"),
        Problem(SheetPlace("0.2 Municipalités", position=2, sort_row=1), "", "titres"),
        Problem.in_file("data/03-besoins.yml", 4, "id", "fichier"),
    ]
    lines = report(problems).splitlines()
    assert [line.rsplit(" : ", 1)[-1] for line in lines[:-1]] == [
        "titres", "zéro", "sept", "fichier", "inconnue"]


def test_no_problem_says_the_data_is_valid():
    assert report([]) == "0 erreur, 0 avertissement. Les données sont valides."
    assert FilePlace("data/x.yml").describe("") == "data/x.yml"
