"""A plan transcribed from a real document (tests/fixtures/plan-reel/): what the
source does not give is written « inconnu », and the built site never makes
it up (no period end, no adoption, no 0), while it shows what real plans
hold: slogan, original document, foreword, credits, parent plans, former
names of municipalities.

The fixture is a data folder, as a territory's ``data/``: each part of the
issue that fits real plans adds its files there and its tests here."""

from __future__ import annotations

import datetime
import re
import shutil

import pytest

from conftest import FIXTURES, Site, build, built_or_fail, copy_template
from support import NBSP

REAL_PLAN = FIXTURES / "plan-reel"


@pytest.fixture(scope="module")
def real_project(tmp_path_factory):
    project = copy_template(tmp_path_factory.mktemp("plan-reel") / "projet")
    shutil.copytree(REAL_PLAN, project / "data", dirs_exist_ok=True)
    return project


@pytest.fixture(scope="module")
def real_site(real_project) -> Site:
    out = real_project / "site"
    return Site(built_or_fail(build(real_project, out), out))


def article(site: Site, page: str):
    return site.soup(page).select_one("article")


def text_of(node) -> str:
    return " ".join(node.get_text(" ", strip=True).split())


def heading(node) -> str:
    """A heading's text, without its permalink « ¶ »."""
    return text_of(node).removesuffix("¶").strip()


def fiche(site: Site) -> dict:
    table = article(site, "").find("caption", string="Identité du plan").parent
    return {tr.th.get_text(strip=True): text_of(tr.td) for tr in table.select("tr")}


# --- what the document does not say is never made up ------------------------------------------

def test_a_period_without_end_is_said_so_never_invented(real_site):
    assert fiche(real_site)["Période du plan"] == "2016 – fin non précisée"
    invented = re.compile(r"2016\s*[–-]\s*20\d\d|2016 à 20\d\d")
    for path in real_site.pages():
        parts = path.relative_to(real_site.folder).parts
        if parts == ("index.html",) or parts[0] in ("plan", "donnees-ouvertes"):
            assert not invented.search(path.read_text(encoding="utf-8")), path


def test_open_data_record_gives_the_period_as_known(real_site):
    page = article(real_site, "donnees-ouvertes/")
    record = {tr.th.get_text(strip=True): text_of(tr.td)
              for tr in page.select_one("#fiche").find_next("table").select("tr")}
    assert record["Couverture temporelle"] == "2016 – fin non précisée"


def test_a_published_plan_is_not_called_a_draft_nor_adopted(real_site):
    assert fiche(real_site)["Statut"] == "Publié (adoption non précisée)"
    assert fiche(real_site)["Date de publication"] == "mars 2016"
    assert real_site.soup("").select_one(".pnt-bandeau") is None


def test_population_total_says_what_it_covers(real_site):
    assert fiche(real_site)["Population"] == (
        f"au moins 11{NBSP}500 habitants (4 municipalités sans population connue), "
        "7 municipalités").replace(NBSP, " ")
    table = article(real_site, "").find("caption",
                                             string="Municipalités du territoire").parent
    total = [text_of(td) for td in table.select("tfoot td")]
    assert total[-1] == "au moins 11 500 (4 municipalités non comptées)"
    assert not any(cell == "0" for cell in total)


# --- what real plans hold ------------------------------------------------------------------------

def test_slogan_and_original_document_under_the_title(real_site):
    page = article(real_site, "")
    lead = page.find("h1").find_next_sibling("p")
    assert "pnt-slogan" in lead["class"]
    assert text_of(lead) == "Le numérique, une source d'avenir"
    link = page.select_one(".pnt-document-original a")
    assert text_of(link) == "Document original du plan (PDF)"
    assert link["href"] == "https://example.org/plan-numerique-mrc-des-sources-2016.pdf"


def test_foreword_opens_who_made_the_plan_without_an_invented_signatory(real_site):
    page = article(real_site, "plan/equipe/")
    assert page.find("h2")["id"] == "avant-propos"  # the first section of the page
    assert heading(page.find("h2")) == "Avant-propos"
    assert heading(page.find("h2").find_next("h3")) == "Mot du préfet"
    foreword = page.find(id="avant-propos").find_next(class_="pnt-avant-propos")
    assert "levier de développement" in text_of(foreword)
    # The signatory is « inconnu »: the function signs, no name is made up.
    assert text_of(foreword.select_one(".pnt-signature")) == "Préfet de la MRC des Sources"


def test_credits_list_who_made_the_plan(real_site):
    assert article(real_site, "").find("a", string="Qui a fait ce plan")["href"] == \
        "plan/equipe/"
    page = article(real_site, "plan/equipe/")
    assert page.find("h2", id="qui-a-fait-ce-plan") is not None
    table = page.find("caption", string="Qui a fait ce plan").parent
    rows = [[text_of(c) for c in tr.find_all(["th", "td"])] for tr in table.tbody("tr")]
    assert rows[0][:2] == ["Comité d'orientation", "Orientation de la démarche"]
    assert rows[1] == ["Équipe de rédaction", "Rédaction du plan", "MRC des Sources"]
    assert table.tbody.tr.th["scope"] == "row"


def test_former_name_shown_where_the_municipality_is_listed(real_site):
    table = article(real_site, "").find("caption",
                                             string="Municipalités du territoire").parent
    assert text_of(table.find("tr", id="val-des-sources").th) == \
        "Val-des-Sources (anciennement Asbestos)"
    assert "St-Camille" not in text_of(table)  # a mere spelling is not shown


def test_a_citation_by_former_name_or_alias_shows_the_current_name(real_site):
    needs = article(real_site, "plan/besoins/")
    cited = {text_of(a): a["href"] for a in needs.select("a[href^='../../#']")}
    assert cited == {"Val-des-Sources": "../../#val-des-sources",  # the home: the plan
                     "Saint-Camille": "../../#saint-camille", "Ham-Sud": "../../#ham-sud"}
    assert "Asbestos" not in text_of(needs)
    actors = article(real_site, "demarche/01-gouvernance/").find(id="grille-acteurs")
    assert "Val-des-Sources" in text_of(actors) and "signataire" in text_of(actors)


def test_parent_plans_on_the_governance_page(real_site):
    grid = article(real_site, "demarche/01-gouvernance/").find(id="grille-plans_parents")
    assert "Plan d'action en économie numérique du Québec" in text_of(grid)
    assert "Le plan s'inscrit dans ses orientations pour les régions" in text_of(grid)


def test_step_8_page_holds_credits_and_foreword_grids(real_site):
    page = article(real_site, "demarche/08-redaction-approbation-diffusion/")
    assert "Comité d'orientation" in text_of(page.find(id="grille-credits"))
    assert "Mot du préfet" in text_of(page.find(id="grille-avant_propos"))


# --- the printed plan ------------------------------------------------------------------------------

def test_printed_plan_has_foreword_credits_and_no_invented_end(real_project, monkeypatch):
    from macros.outputs import document
    from macros.reading import loader

    monkeypatch.delenv("PNT_DONNEES", raising=False)
    territory = loader.load(real_project).data["territoire"]
    html = document.document_html("plan", territory, document.plan_sections(real_project),
                                  datetime.date(2026, 1, 15), False)
    cover = document.cover("plan", territory, datetime.date(2026, 1, 15))
    assert cover["slogan"] == "Le numérique, une source d'avenir"  # in the cover's band
    assert cover["lines"] == ["Période 2016 – fin non précisée",
                              "Publié en mars 2016 (adoption non précisée)"]
    assert "Avant-propos" in html and "Qui a fait ce plan" in html
    assert "Val-des-Sources (anciennement Asbestos)" in html
    assert not re.search(r"2016\s*[–-]\s*20\d\d", html)
    assert document.plan_filename(territory, datetime.date(2026, 1, 15)) == \
        "plan-numerique-mrc-des-sources-2016-03.pdf"


# --- the template's own example shows them too ---------------------------------------------------

def test_example_shows_foreword_credits_and_a_former_name(example_site):
    page = article(example_site, "plan/")
    assert text_of(page.find("h1").find_next_sibling("p")) == \
        "Branchés sur nos rangs, ouverts sur le monde"
    team = article(example_site, "plan/equipe/")
    assert team.find("h2")["id"] == "avant-propos"
    signature = team.select_one(".pnt-avant-propos .pnt-signature")
    assert text_of(signature) == "Réjean Bouffard Préfet de la MRC de la Vallée-des-Cèdres"
    credits = team.find("caption", string="Qui a fait ce plan").parent
    assert "Comité d'orientation numérique" in text_of(credits)
    table = page.find("caption", string="Municipalités du territoire").parent
    assert text_of(table.find("tr", id="les-hauts-cèdres").th) == \
        "Les Hauts-Cèdres (anciennement Saint-Octave-des-Hauts)"
    needs = article(example_site, "plan/besoins/")
    assert "Saint-Octave-des-Hauts" not in text_of(needs)
    governance = article(example_site, "etapes/01-gouvernance/")
    assert "Plan régional du numérique du Centre-du-Québec" in text_of(
        governance.find(id="grille-plans_parents"))


# --- the diagnosis, funding as written, objectives (files 02, 05, 06, 07, 09, 10) ----------

def rows_of(table) -> list:
    return [[text_of(c) for c in tr.find_all(["th", "td"])] for tr in table.select("tbody tr")]


def caption(page, words: str):
    """The table whose caption reads ``words`` (spaces made plain)."""
    return next(c.parent for c in page.find_all("caption") if text_of(c) == words)


def test_findings_of_one_concept_are_side_by_side_with_their_sources(real_site):
    page = article(real_site, "plan/diagnostic/")
    table = page.select_one("table.pnt-constats")
    assert text_of(table.caption).startswith("Constats du diagnostic, par concept")
    heads = [text_of(th) for th in table.thead.find_all("th")]
    assert heads[:3] == ["Concept", "Valeur", "Portée"] and "Source" in heads
    group = next(body for body in table.find_all("tbody")
                 if "Foyers sans service Internet de qualité" in text_of(body))
    concept = group.find("th")
    assert concept["scope"] == "row" and concept["rowspan"] == "2"  # heads both rows
    source = heads.index("Source")
    lines = [[text_of(c) for c in tr.find_all(["th", "td"])] for tr in group("tr")]
    assert [line[-len(heads) + 1] for line in lines] == ["12 %", "88 % « suffisant »"]
    assert [line[source - len(heads)] for line in lines] == [
        "Sondage de la MRC", "Carte fédérale de la disponibilité"]
    assert [tr["id"] for tr in table.select("tbody tr")] == [
        "co-01", "co-02", "co-03", "co-04", "co-05"]
    # A scope written by the former name reads by the current one, like a reference.
    assert "Asbestos" not in text_of(table) and "Val-des-Sources" in text_of(table)


def test_the_diagnosis_shows_the_challenges_and_the_synthesis(real_site):
    page = article(real_site, "plan/diagnostic/")
    assert heading(page.find("h2", id="ffom")) == "Forces, faiblesses et défis"
    challenges = page.find("h3", id="defis").find_next("ul")
    assert text_of(challenges) == ("Faire reconnaître le service réel des rangs, plus "
                                   "faible que la carte.")
    synthesis = page.find("h2", id="synthese").find_next(class_="pnt-texte")
    assert len(synthesis.find_all("p")) == 2
    assert heading(page.find("h2", id="prospective")) == "Prospective"


def test_the_diagnosis_page_is_in_the_plan_section_and_the_printed_plan(real_site,
                                                                      real_project,
                                                                      monkeypatch):
    from macros.outputs import document

    nav = [a.get_text(strip=True) for a in real_site.soup("").select(
        "nav.md-nav--primary a.md-nav__link")]
    assert "Diagnostic" in nav
    monkeypatch.delenv("PNT_DONNEES", raising=False)
    sections = {s.title: str(s.html) for s in document.plan_sections(real_project)}
    assert "suffisant" in sections["Diagnostic du territoire"]


def test_plan_wide_objectives_and_a_project_under_two_orientations(real_site):
    page = article(real_site, "plan/projets/")
    assert heading(page.find("h3", id="op-01")) == "OP-01 — Que personne ne soit laissé de côté"
    contributors = caption(page, "Objectif OP-01 : ce qui y contribue")
    assert {tr.th.get_text(strip=True): text_of(tr.td) for tr in contributors("tr")} == {
        "Orientations": "O-01 Brancher tout le territoire",
        "Projets": "P-01 Fibre optique de la coopérative",
        "Indicateurs": "I-01 Part des foyers sans service de qualité"}
    project = page.find("h3", id="p-01")
    assert project.find_previous("h2")["id"] == "o-01"  # described under its main axis
    assert len(page.find_all(id="p-01")) == 1
    also = page.find("h2", id="o-02").find_next("p", class_="pnt-etiquette")
    assert text_of(also) == "Relèvent aussi de cette orientation :"
    assert also.find_next("a")["href"] == "#p-01"
    card = project.find_next("table", class_="pnt-fiche")
    fields = {tr.th.get_text(strip=True): text_of(tr.td) for tr in card("tr")}
    assert fields["Orientations"] == ("O-01 Brancher tout le territoire : axe principal "
                                      "O-02 Des citoyens compétents")
    assert fields["Statut"] == "en retard"
    priorities = page.find("h2", id="priorites-moyens-resultats").find_next("table")
    assert rows_of(priorities) == [[
        "P-01 Fibre optique de la coopérative",
        "Entente avec les sept municipalités signataires Demande au programme fédéral",
        "Tous les foyers des rangs branchés à la fibre."]]


def test_funding_is_shown_as_written_and_refused_money_is_not_counted(real_site):
    page = article(real_site, "plan/projets/")
    sources = page.find("h2", id="sources-de-financement").find_next("table")
    heads = [text_of(th) for th in sources.thead("th")]
    by_id = {row[0]: dict(zip(heads, row)) for row in rows_of(sources)}
    assert by_id["F-02"]["Statut"] == "à déterminer"
    assert by_id["F-02"]["Montant"] == "— non précisé"  # never 0 $
    assert by_id["F-03"]["Statut"] == "refusé"
    assert by_id["F-04"]["Nature"] == "en nature" and by_id["F-04"]["Montant"] == "— non précisé"
    assert by_id["F-05"]["Nature"] == "argent et en nature"
    assert by_id["F-05"]["Ce qu'elle finance"] == "Tout le plan"
    assert by_id["F-02"]["Ce qu'elle finance"] == "O-02 Des citoyens compétents"
    funding = caption(page, "Financement du projet P-01")
    assert [text_of(c) for c in funding.tfoot("td")] == [
        "20 000 $", "dont confirmé ou reçu : 20 000 $ ; refusé ou non admissible, non "
        "compté : 50 000 $"]


def test_connectivity_and_indicators_draw_nothing_the_data_did_not_give(real_site):
    chart = article(real_site, "").find(id="graphique-connectivite")
    svg = chart.find("svg")
    assert len(svg.select("rect.pnt-g-barre")) == 1  # Val-des-Sources only
    assert "Wotton" in text_of(svg) and "non précisé" in text_of(svg)
    assert "Ensemble du territoire" not in text_of(svg)
    foot = [text_of(c) for c in chart.find("table").tfoot("th") + chart.find("table").tfoot("td")]
    assert foot[:2] == ["Ensemble du territoire", "88 %"]
    indicator = article(real_site, "plan/indicateurs/").find(id="graphique-indicateur-i-01")
    assert "losange" not in str(indicator.find("svg"))
    assert "cible : non précisée" in " ".join(indicator.find("svg").desc.get_text().split())
