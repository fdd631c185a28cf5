"""The yearly report as PDF (``pnt rapport ANNÉE``, outputs/document.py): the
example's 2026 report, tagged, bookmarked, and saying what the year did
compared with the end of 2025."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from conftest import copy_template, pnt
from macros.outputs import document
from test_pdf import (outline_titles, pdf_text, squeeze, structure_root, structure_types,
                      struct_elements, table_attributes)

# The example's projects by rank, each with (part of) one of its 2026 actions.
PROJECT_ACTIONS_2026 = [
    ("P-01", "Construction de la phase 1 à Grand-Ruisseau"),
    ("P-02", "Extension de la Brigade aux onze bibliothèques et visites à domicile"),
    ("P-04", "Inventaire des formulaires (reporté de 2025) et appel d'offres pour le portail"),
    ("P-03", "Accompagnement d'une première cohorte de 40 commerces"),
    ("P-05", "Prêts d'appareils dans les bibliothèques et les écoles"),
    ("P-06", "Diagnostics de cybersécurité dans 6 municipalités"),
    ("P-07", "Négociation d'une entente avec Télécâble Boréal pour deux tours partagées"),
]

# The comparison table: each indicator, its latest value at the end of 2025 and
# on 10 November 2026 (the example's latest update).
INDICATOR_ROWS = [
    ("I-01", "89,6 % en juin 2025", "91,2 % en juin 2026"),
    ("I-02", "0 foyer le 31 décembre 2025", "210 foyers le 31 octobre 2026"),
    ("I-03", "aucune mesure", "non atteint le 31 mars 2026"),
    ("I-04", "164 personnes le 31 décembre 2025", "611 personnes le 30 septembre 2026"),
    ("I-05", "44 % en novembre 2025", "49 % en novembre 2026"),
    ("I-06", "aucune mesure", "26 commerces le 30 septembre 2026"),
    ("I-07", "aucune mesure", "non atteint le 30 juin 2026"),
    ("I-08", "2 jeux de données le 31 décembre 2025", "9 jeux de données le 30 juin 2026"),
    ("I-09", "87 prêts le 31 décembre 2025", "655 prêts le 30 juin 2026"),
    ("I-10", "aucune mesure", "atteint le 30 juin 2026"),
    ("I-11", "1 municipalité le 31 décembre 2025", "6 municipalités le 31 octobre 2026"),
    ("I-12", "64 km en novembre 2025", "61 km en octobre 2026"),
    ("I-13", "aucune mesure", "non atteint le 6 novembre 2026"),
    ("I-14", "aucune mesure", "3 municipalités en juin 2026"),
    ("I-15", "aucune mesure", "65 % en juin 2026"),
    ("I-16", "aucune mesure", "non atteint le 15 octobre 2026"),
]


@pytest.fixture(scope="module")
def example_project(tmp_path_factory):
    """The template as cloned: its plan is the example's."""
    return copy_template(tmp_path_factory.mktemp("rapport") / "projet")


@pytest.fixture(scope="module")
def report_folder(example_project):
    """``pnt rapport 2026 --sortie …`` on the example."""
    project = example_project
    out = project.parent / "sortie"
    result = pnt(["rapport", "2026", "--sortie", str(out)], project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"PDF écrit : {out / 'rapport-annuel-2026.pdf'}" in result.stdout
    return out


@pytest.fixture(scope="module")
def report_pdf(report_folder) -> PdfReader:
    return PdfReader(report_folder / "rapport-annuel-2026.pdf")


@pytest.fixture(scope="module")
def report_text(report_pdf) -> str:
    return pdf_text(report_pdf)


def test_report_pdf_is_the_only_file_written_and_named_after_its_year(report_folder):
    assert [p.name for p in report_folder.iterdir()] == ["rapport-annuel-2026.pdf"]


def test_report_pdf_is_tagged_french_and_titled(report_pdf):
    root = report_pdf.trailer["/Root"]
    assert root["/Lang"] == "fr-CA"
    assert root["/MarkInfo"]["/Marked"]
    assert report_pdf.metadata["/Title"] == "Rapport annuel 2026 — MRC de la Vallée-des-Cèdres"
    assert {"/Table", "/TH", "/TD", "/H1", "/P"} <= structure_types(root["/StructTreeRoot"])


def test_report_pdf_header_cells_have_a_scope(report_pdf):
    headers = struct_elements(structure_root(report_pdf), "/TH")
    assert len(headers) > 20
    assert {table_attributes(cell).get("/Scope") for cell in headers} <= {"/Column", "/Row"}


def test_report_pdf_has_a_bookmark_per_section_project_and_indicator(report_pdf):
    titles = outline_titles(report_pdf)
    top = [title for depth, title in titles if depth == 0]
    for section in ("L'année en bref", "Ce qui a changé depuis 2025", "Les projets",
                    "Les indicateurs", "Le financement",
                    "L'an prochain\u00a0: la programmation 2027"):
        assert section in top
    nested = [title for depth, title in titles if depth == 1]
    assert [title[:4] for title in nested] == [pid for pid, _ in PROJECT_ACTIONS_2026] + [
        f"I-{n:02d}" for n in range(1, 17)]  # I-14 to I-16: the 2026 cybersecurity and AI rows
    assert "P-05 — Appareils à emprunter" in nested
    assert "I-12 — Routes principales sans signal cellulaire fiable" in nested


def test_report_pdf_cover_and_summary_say_the_year(report_text):
    for said in ("RAPPORT ANNUEL 2026", "Situation au 10 novembre 2026",
                 "10 actions programmées en 2026 : 2 terminées, 6 en cours, 1 abandonnée "
                 "et 1 à venir.",
                 "Programmation 2027 : 6 actions inscrites."):
        assert squeeze(said) in report_text, said


def test_report_pdf_names_each_project_with_its_2026_action(report_text):
    projects = report_text[report_text.index(squeeze("Les projets P-01 — Fibre Cèdres")):]
    starts = [projects.index(squeeze(f"{pid} — ")) for pid, _ in PROJECT_ACTIONS_2026]
    assert starts == sorted(starts)  # by rank
    ends = starts[1:] + [projects.index(squeeze("Les indicateurs I-01"))]
    for (pid, done), start, end in zip(PROJECT_ACTIONS_2026, starts, ends):
        assert squeeze(done) in projects[start:end], pid


def test_report_pdf_compares_projects_with_the_end_of_2025(report_text):
    assert squeeze("2 projets ont changé de statut (P-04 : reporté → en cours et P-05 : "
                   "en cours → terminé)") in report_text
    assert squeeze("P-05 Appareils à emprunter en cours terminé") in report_text


@pytest.mark.parametrize("indicator, end_2025, now", INDICATOR_ROWS, ids=lambda v: v[:4])
def test_report_pdf_compares_each_indicator_with_the_end_of_2025(report_text, example,
                                                                 indicator, end_2025, now):
    label = next(i["libelle"] for i in example.data["indicateurs"] if i["id"] == indicator)
    assert squeeze(f"{indicator} {label} {end_2025} {now}") in report_text


def test_report_pdf_says_a_falling_target_is_progress(report_text):
    assert squeeze("Par rapport à la fin de 2025 (64 km en novembre 2025) : progresse vers "
                   "sa cible.") in report_text
    assert squeeze("octobre 2026 61 Un fournisseur a amélioré une antenne") in report_text


def test_the_plan_pdf_does_not_print_the_reports(example_project):
    titles = [section.title for section in document.plan_sections(example_project)]
    assert titles == ["Avant-propos", "Qui a fait ce plan", "MRC de la Vallée-des-Cèdres",
                      "Diagnostic du territoire", "Besoins du territoire",
                      "Projets prioritaires", "Indicateurs et suivi", "Suivi du plan",
                      "Traçabilité : des besoins aux résultats",
                      "Annexes : les grilles de la démarche"]
