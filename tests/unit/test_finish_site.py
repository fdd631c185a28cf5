"""Completing a built site (outputs/finish.py, ``pnt completer-site``): the PDFs,
CNAME and open data written by a step any engine's build can be followed by,
and the project root found whichever engine builds (engine.py)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from conftest import _territory_project
from support import full_disk_at
from macros.engine import project_root
from macros.outputs.finish import SiteMissing, finish_site
from macros.pages.open_data import open_data_view
from macros.pages.render import render_html
from macros.pages.site import Site
from macros.reading import loader

DOMAIN = "plannumerique.mrc-exemple.qc.ca"
NAME = "MRC de la Vallée-des-Cèdres"  # exemple/territoire.yml


def _territory_with_domain(target: Path) -> Path:
    """A territory's fork (the example's plan in data/) published at its own
    domain, with its plan's PDF printed, and a built site's home page."""
    project = _territory_project(target)
    territory = project / "data" / "territoire.yml"
    territory.write_text(territory.read_text(encoding="utf-8").replace(
        "territoire:\n", f"territoire:\n  site_url: https://{DOMAIN}/\n", 1),
        encoding="utf-8")
    (project / "telechargements").mkdir()
    (project / "telechargements" / "plan-numerique-mrc-exemple.pdf").write_bytes(
        b"%PDF-1.7 plan")
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("<!doctype html>", encoding="utf-8")
    return project


@pytest.fixture
def project(tmp_path) -> Path:
    return _territory_with_domain(tmp_path / "projet")


def _territory_csv(site: Path) -> list:
    text = (site / "donnees" / "territoire.csv").read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def test_finish_site_writes_the_pdf_cname_and_open_data(project):
    site = project / "site"
    finished = finish_site(project, site, loader.load(project))
    assert (site / "telechargements" / "plan-numerique-mrc-exemple.pdf").read_bytes() == (
        b"%PDF-1.7 plan")
    assert (site / "CNAME").read_text() == f"{DOMAIN}\n"
    assert _territory_csv(site)[0]["nom"] == NAME
    plan = json.loads((site / "donnees" / "plan.json").read_text(encoding="utf-8"))
    assert plan["grilles"]["territoire"]["nom"] == NAME
    assert (site / "donnees" / "grilles-vierges.xlsx").read_bytes()[:2] == b"PK"
    assert finished.downloads == ["plan-numerique-mrc-exemple.pdf"]
    assert finished.domain == DOMAIN


def _workbook_size_cells(page: str) -> dict:
    from bs4 import BeautifulSoup

    cells = {}
    for row in BeautifulSoup(page, "html.parser").select("tr"):
        link = row.select_one("th a")
        if link is not None and link.get_text().endswith(".xlsx"):
            cells[link.get_text()] = row.find_all("td")[1].get_text()
    return cells


def test_open_data_page_gets_the_workbook_sizes_once_the_site_is_finished(project):
    """The page is rendered without waiting for the workbooks (made by another
    process): their sizes are filled in by the finishing step."""
    loaded = loader.load(project)
    view = open_data_view(loaded, project / "docs", Site(loaded).linker("donnees-ouvertes/"))
    rendered = render_html("plan/open_data.html", v=view)
    assert _workbook_size_cells(rendered) == {"grilles-du-plan.xlsx": "",
                                              "grilles-vierges.xlsx": ""}
    page = project / "site" / "donnees-ouvertes" / "index.html"
    page.parent.mkdir()
    page.write_text(rendered, encoding="utf-8")
    finish_site(project, project / "site", loaded)
    sizes = _workbook_size_cells(page.read_text(encoding="utf-8"))
    assert sorted(sizes) == ["grilles-du-plan.xlsx", "grilles-vierges.xlsx"]
    for name, shown in sizes.items():
        written = (project / "site" / "donnees" / name).stat().st_size
        number = re.fullmatch(r"(\d+(?:,\d)?)\u00a0ko", shown)
        assert number, shown
        assert float(number.group(1).replace(",", ".")) == pytest.approx(
            written / 1000, abs=0.05), name
    assert "pnt-taille" not in page.read_text(encoding="utf-8")


@pytest.mark.parametrize("make_it, says", [
    (lambda site: None, "le dossier {shown}/ n'existe pas"),
    (lambda site: site.mkdir(), "le dossier {shown}/ ne contient pas de site construit "
                                "(aucune page index.html)"),
    (lambda site: site.write_text("x"), "{shown} est un fichier, pas le dossier du site"),
], ids=["missing", "empty", "a-file"])
def test_finish_site_refuses_what_is_not_a_built_site(tmp_path, make_it, says):
    project = _territory_project(tmp_path / "projet")
    site = project / "pas-de-site"
    make_it(site)
    with pytest.raises(SiteMissing) as refused:
        finish_site(project, site, loader.load(project), "pas-de-site")
    assert str(refused.value) == (says.format(shown="pas-de-site")
                                  + " : construisez d'abord le site avec « make site »")
    assert not (project / "pas-de-site" / "donnees").exists()


# --- pnt completer-site ------------------------------------------------------------------------

def test_completer_site_completes_the_default_site_folder(project, pnt_here):
    result = pnt_here(["completer-site"], project)
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith(f"Site complété dans site/ : 1 PDF, CNAME ({DOMAIN}), ")
    assert result.stdout.endswith(" fichiers de données ouvertes.\n")
    assert (project / "site" / "CNAME").exists()
    assert _territory_csv(project / "site")[0]["nom"] == NAME


def test_completer_site_without_a_build_says_to_build_first(tmp_path, pnt_here):
    project = _territory_project(tmp_path / "projet")
    result = pnt_here(["completer-site"], project)
    assert result.returncode == 1
    assert result.stdout == (
        "Erreur : le dossier site/ n'existe pas : construisez d'abord le site avec "
        "« make site », puis relancez « .venv/bin/pnt completer-site ».\n")
    assert result.stderr == ""


def test_completer_site_names_the_folder_given(project, pnt_here):
    result = pnt_here(["completer-site", "--site", str(project / "ailleurs")], project)
    assert result.returncode == 1
    assert result.stdout == (
        f"Erreur : le dossier {project}/ailleurs/ n'existe pas : construisez d'abord le "
        "site avec « make site », puis relancez « .venv/bin/pnt completer-site --site "
        f"{project}/ailleurs ».\n")


def test_completer_site_refuses_data_with_errors(project, pnt_here):
    (project / "data" / "03-besoins.yml").write_text("besoins: [\n", encoding="utf-8")
    result = pnt_here(["completer-site"], project)
    assert result.returncode == 1
    assert "data/03-besoins.yml" in result.stdout
    assert result.stdout.endswith("Le site n'a pas été complété : corrigez d'abord les "
                                  "données.\n")
    assert not (project / "site" / "donnees").exists()


def test_completer_site_on_a_full_disk_says_what_to_do(project, pnt_here, monkeypatch):
    full_disk_at(monkeypatch, 1, project)
    result = pnt_here(["completer-site"], project)
    assert result.returncode == 1
    assert result.stdout.startswith("Erreur : le site n'a pu être complété : ")
    assert result.stdout.endswith(" ne peut être écrit (disque plein) : libérer de "
                                  "l'espace sur le disque, puis relancer « .venv/bin/pnt "
                                  "completer-site ».\n")
    assert "Traceback" not in result.stdout + result.stderr


def test_completer_site_is_in_the_help(pnt_here, tmp_path):
    result = pnt_here(["--help"], tmp_path)
    assert "completer-site" in result.stdout
    assert "compléter le site construit" in result.stdout


# --- the project root, whichever engine builds -------------------------------------------------

def test_project_root_is_the_config_files_folder(tmp_path):
    (tmp_path / "ailleurs").mkdir()
    conf = {"config_file_path": str(tmp_path / "projet" / "mkdocs.yml"), "docs_dir": "x"}
    assert project_root(conf, tmp_path / "ailleurs") == (tmp_path / "projet").resolve()


def test_project_root_without_config_path_takes_zensicals_root_dir(tmp_path):
    """Zensical 0.0.73 has no config_file_path (its first build crashed on it);
    it names the configuration's folder root_dir."""
    assert project_root({"root_dir": str(tmp_path / "projet"), "docs_dir": "docs"},
                        tmp_path) == (tmp_path / "projet").resolve()


def test_project_root_falls_back_on_the_folder_holding_mkdocs_yml(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    assert project_root({"docs_dir": "/ailleurs/docs"}, tmp_path) == tmp_path.resolve()


def test_project_root_falls_back_on_the_parent_of_docs_dir(tmp_path):
    assert project_root({"docs_dir": str(tmp_path / "projet" / "docs")}, tmp_path) == (
        tmp_path / "projet").resolve()


def test_the_macros_take_the_root_without_config_path(tmp_path):
    """What the macros read as the root from an engine's config without
    config_file_path (a KeyError was Zensical's crash)."""
    from macros import _project_root

    class Env:
        conf = {"root_dir": str(tmp_path)}

    assert _project_root(Env()) == tmp_path.resolve()
