"""Publishing (outputs/document.py, pdf.py, publish.py): the plan and the
workshop kit as PDF, the site's downloads, the custom domain."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import ROOT, Site, build, built_or_fail, copy_template, pnt
from macros.plan.catalog import STEPS
PLAN_SECTIONS = ["Le plan numérique", "Besoins du territoire", "Projets prioritaires",
                 "Indicateurs et suivi", "Traçabilité\u00a0: des besoins aux résultats",
                 "Annexes\u00a0: les grilles de la démarche"]


def squeeze(text: str) -> str:
    """Text without spaces nor hyphens: line breaks and hyphenation disappear."""
    return re.sub(r"[\s\-\u00ad\u2010\u2011]+", "", text)


def pdf_text(reader: PdfReader) -> str:
    return squeeze(" ".join(page.extract_text() or "" for page in reader.pages))


def outline_titles(reader: PdfReader, entries=None, depth=0) -> list:
    titles = []
    for entry in reader.outline if entries is None else entries:
        if isinstance(entry, list):
            titles += outline_titles(reader, entry, depth + 1)
        else:
            titles.append((depth, entry.title))
    return titles


def structure_types(node, seen=None) -> set:
    """Every /S (structure type) in the structure tree."""
    seen = set() if seen is None else seen
    node = node.get_object() if hasattr(node, "get_object") else node
    if isinstance(node, dict):
        if "/S" in node:
            seen.add(str(node["/S"]))
        kids = node.get("/K")
        if kids is not None:
            structure_types(kids, seen)
    elif isinstance(node, list):
        for kid in node:
            structure_types(kid, seen)
    return seen


def only_pdf(folder: Path, prefix: str) -> Path:
    files = sorted(folder.glob(f"{prefix}*.pdf"))
    assert len(files) == 1, files
    return files[0]


# --- the plan as PDF ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def project_with_pdf(tmp_path_factory) -> Path:
    project = copy_template(tmp_path_factory.mktemp("pdf") / "projet")
    for command in ("pdf", "trousse"):
        result = pnt([command], project)
        assert result.returncode == 0, result.stdout + result.stderr
    return project


@pytest.fixture(scope="module")
def plan_pdf(project_with_pdf) -> PdfReader:
    return PdfReader(only_pdf(project_with_pdf / "telechargements", "plan-numerique-"))


def test_plan_pdf_is_named_after_the_territory_and_adoption(project_with_pdf, example):
    path = only_pdf(project_with_pdf / "telechargements", "plan-numerique-")
    adopted = example.data["territoire"]["date_adoption"].iso
    assert path.name == f"plan-numerique-mrc-de-la-vallee-des-cedres-{adopted}.pdf"


def test_plan_pdf_is_tagged_french_and_titled(plan_pdf, example):
    root = plan_pdf.trailer["/Root"]
    assert root["/Lang"] == "fr-CA"
    assert example.data["territoire"]["nom"] in plan_pdf.metadata["/Title"]
    assert root["/MarkInfo"]["/Marked"]
    types = structure_types(root["/StructTreeRoot"])
    assert {"/Table", "/TH", "/TD", "/H1", "/P"} <= types


def test_plan_pdf_has_a_bookmark_per_section_and_project(plan_pdf, example):
    titles = outline_titles(plan_pdf)
    top = [title for depth, title in titles if depth == 0]
    for section in PLAN_SECTIONS:
        assert section in top
    every = " ".join(title for _, title in titles)
    for project in example.data["projets"]:
        assert f"{project['id']} — {project['titre']}" in every


def test_plan_pdf_text_holds_every_project_and_indicator(plan_pdf, example):
    text = pdf_text(plan_pdf)
    assert 20 <= len(plan_pdf.pages) <= 120
    for project in example.data["projets"]:
        assert squeeze(project["titre"]) in text
    for indicator in example.data["indicateurs"]:
        assert squeeze(indicator["libelle"]) in text
    assert squeeze("Adopté le 11 juin 2025") in text


def page_text(reader: PdfReader, number: int) -> str:
    return squeeze(reader.pages[number - 1].extract_text() or "")


def test_plan_pdf_cover_states_period_and_adoption(plan_pdf, example):
    territory = example.data["territoire"]
    cover = page_text(plan_pdf, 1)
    assert squeeze(territory["nom"]) in cover
    assert squeeze(f"Période {territory['periode_debut']}–{territory['periode_fin']}") in cover
    assert squeeze(f"Adopté le {territory['date_adoption'].french}") in cover
    assert squeeze(f"résolution {territory['resolution']}") in cover
    assert squeeze("Exemple fictif") in cover


def test_plan_pdf_has_contents_with_page_numbers(plan_pdf):
    contents = page_text(plan_pdf, 2)
    assert squeeze("Table des matières") in contents
    for section in PLAN_SECTIONS:
        assert re.search(re.escape(squeeze(section)) + r"\.*\d+", contents), section


def test_plan_pdf_pages_have_running_headers_and_numbers(plan_pdf, example):
    total = len(plan_pdf.pages)
    territory = squeeze(example.data["territoire"]["nom"])
    for number in (3, total // 2, total):
        text = page_text(plan_pdf, number)
        assert squeeze(f"Page {number} de {total}") in text
        assert territory in text
    assert squeeze("Page 1 de") not in page_text(plan_pdf, 1)


def test_plan_pdf_holds_the_charts_of_the_plan_pages(plan_pdf, example_site):
    text = pdf_text(plan_pdf)
    titles = [title.get_text(" ", strip=True)
              for page in ("plan/", "plan/projets/", "plan/indicateurs/")
              for title in example_site.soup(page).select(".pnt-graphique__titre")]
    assert titles
    for title in titles:
        assert squeeze(title) in text, title
    assert squeeze("n'est pas encore produite") not in text


def test_wide_grids_print_on_landscape_pages(plan_pdf):
    shapes = {(float(p.mediabox.width) > float(p.mediabox.height)) for p in plan_pdf.pages}
    assert shapes == {True, False}


def test_empty_plan_gives_a_short_pdf_that_says_what_is_missing(fresh_project, tmp_path):
    result = pnt(["pdf", "--sortie", str(tmp_path)], fresh_project)
    assert result.returncode == 0, result.stdout
    path = only_pdf(tmp_path, "plan-numerique-mrc-de-test-vierge-brouillon-")
    reader = PdfReader(path)
    assert len(reader.pages) <= 12
    text = pdf_text(reader)
    assert squeeze("Ce qui manque encore") in text
    assert squeeze("Aucun projet prioritaire n'est encore inscrit") in text


def test_pdf_refuses_data_with_errors(tmp_path):
    project = copy_template(tmp_path / "projet")
    shutil.copytree(ROOT / "exemple", project / "data", dirs_exist_ok=True)
    needs = project / "data" / "03-besoins.yml"
    needs.write_text(needs.read_text(encoding="utf-8").replace(
        "priorite: 1", "priorite: haute", 1), encoding="utf-8")
    result = pnt(["pdf"], project)
    assert result.returncode == 1
    assert "« priorite » : « haute »" in result.stdout
    assert "Le PDF n'a pas été produit" in result.stdout
    assert not (project / "telechargements").exists()


def test_missing_pdf_engine_is_explained_in_french(monkeypatch, tmp_path):
    from macros.outputs import pdf

    monkeypatch.setitem(sys.modules, "weasyprint", None)
    with pytest.raises(pdf.PdfEngineMissing, match="moteur PDF"):
        pdf.write_pdf("<html></html>", tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_pdf_never_fetches_from_the_network():
    from macros.outputs.pdf import _local_only

    with pytest.raises(ValueError, match="ressource externe refusée"):
        _local_only("https://fonts.googleapis.com/css")


# --- the workshop kit --------------------------------------------------------------------------

def test_kit_has_every_grid_blank_with_its_help(project_with_pdf, example):
    reader = PdfReader(only_pdf(project_with_pdf / "telechargements", "trousse-atelier-"))
    text = pdf_text(reader)
    for step in STEPS[1:]:
        for number, grid in enumerate(step.grids, start=1):
            assert squeeze(f"Grille {step.number}.{number} — {grid.title}") in text
            assert squeeze(grid.columns[0].help) in text
    territory = example.data["territoire"]["nom"]
    actor = next(a["nom"] for a in example.data["acteurs"] if territory not in a["nom"])
    assert squeeze(actor) not in text  # blank worksheets, not the example's rows
    landscape = [float(p.mediabox.width) > float(p.mediabox.height) for p in reader.pages]
    assert any(landscape) and not all(landscape)


# --- the site offers the downloads --------------------------------------------------------------

@pytest.fixture(scope="module")
def site_with_pdf(project_with_pdf) -> Site:
    out = project_with_pdf / "site"
    return Site(built_or_fail(build(project_with_pdf, out), out))


def test_plan_page_links_to_the_pdf_with_its_size(project_with_pdf, site_with_pdf):
    path = only_pdf(project_with_pdf / "telechargements", "plan-numerique-")
    link = site_with_pdf.soup("plan/").find("a", string=re.compile("Télécharger le plan"))
    assert link["href"] == f"../telechargements/{path.name}"
    assert re.search(r"\(PDF, [\d,]+\u00a0(ko|Mo)\)", link.get_text())
    published = site_with_pdf.folder / "telechargements" / path.name
    assert published.read_bytes() == path.read_bytes()
    kit = site_with_pdf.soup("trousse-atelier/").find(
        "a", string=re.compile("Télécharger la trousse"))
    assert (site_with_pdf.folder / "trousse-atelier" / kit["href"]).resolve().exists()


def test_without_pdf_the_site_explains_how_to_get_it(example_site):
    page = example_site.soup("plan/")
    assert page.find("a", string=re.compile("Télécharger")) is None
    assert "pnt pdf" in page.find(class_="pnt-telechargement").get_text()


def test_custom_domain_from_the_data_gives_cname(tmp_path):
    project = copy_template(tmp_path / "projet")
    data = project / "data"
    shutil.copytree(ROOT / "exemple", data, dirs_exist_ok=True)
    territory = data / "territoire.yml"
    territory.write_text(territory.read_text(encoding="utf-8").replace(
        "territoire:\n", "territoire:\n  site_url: https://plannumerique.mrc-exemple.qc.ca/\n",
        1), encoding="utf-8")
    site = Site(built_or_fail(build(project, project / "site"), project / "site"))
    assert (site.folder / "CNAME").read_text() == "plannumerique.mrc-exemple.qc.ca\n"
    canonical = site.soup("plan/").find("link", rel="canonical")
    assert canonical["href"] == "https://plannumerique.mrc-exemple.qc.ca/plan/"


def test_no_cname_on_github_io(example_site):
    from macros.outputs.publish import custom_domain

    assert not (example_site.folder / "CNAME").exists()
    assert custom_domain("https://mrc-exemple.github.io/plan/") is None
    assert custom_domain("https://plan.mrc.qc.ca/") == "plan.mrc.qc.ca"
