"""The three sites one repository builds (macros/pages/views.py), as their
readers see them.

- The template's site (data/ empty): the guide and the fictional example.
- A territory's public site (data/ holds a plan, built as the publishing
  workflow does): the plan first, the démarche as the territory lived it, no
  word for authors. Checked on a plan just started (``pnt nouveau``) and on a
  whole plan (the example's files, no longer marked fictional).
- The author's preview (``make apercu``): the same plus the help, what is
  missing, the warnings and the guide; it keeps serving while the data has
  errors, and shows them on every page.
"""

from __future__ import annotations

import json
import re
import shutil

import pytest

from conftest import FIXTURES, Site, build, built_or_fail, copy_template, pnt

# What only an author may read: file names, commands, the guide's own pages.
AUTHOR_WORDS = ("data/", ".yml", "Remplissez", "Démarrer votre plan", "Publier votre plan",
                "Trousse d'atelier", "Comment remplir", "Pièges à éviter", "pnt ",
                "Grille vierge", "Ce qui manque encore", "Aperçu pour l'équipe")
GUIDE_TITLE = "Plan numérique territorial"
PUBLIC_MENU = ["Accueil", "Le plan", "La démarche", "Données ouvertes", "À propos"]
GUIDE_FOLDERS = ("etapes", "demarrer", "publier", "trousse-atelier", "avancement",
                 "a-mettre-a-jour",
                 "glossaire", "guide")
STORY_PAGES = [f"demarche/{slug}/" for slug in (
    "01-gouvernance", "02-financement", "03-besoins", "04-possibilites",
    "05-etat-de-situation", "06-projets-prioritaires", "07-preparation-evaluation",
    "08-redaction-approbation-diffusion", "09-mise-en-oeuvre", "10-evaluation-reddition")]


def visible_text(soup) -> str:
    """What a reader sees or hears: the text, and the labels of the page."""
    parts = [soup.get_text(" ")]
    for node in soup.find_all(attrs={"aria-label": True}):
        parts.append(node["aria-label"])
    for node in soup.find_all(attrs={"title": True}):
        parts.append(node["title"])
    return " ".join(" ".join(parts).split())


def author_words_in(site: Site) -> dict:
    found = {}
    for path in site.pages():
        page = path.relative_to(site.folder).as_posix()
        text = visible_text(site.soup(page))
        hits = [w for w in AUTHOR_WORDS if w in text]
        if hits:
            found[page] = hits
    index = (site.folder / "search" / "search_index.json").read_text(encoding="utf-8")
    for doc in json.loads(index)["docs"]:
        text = re.sub(r"<[^>]+>", " ", doc["text"] + " " + doc["title"])
        hits = [w for w in AUTHOR_WORDS if w in text]
        if hits:
            found.setdefault(f"recherche: {doc['location']}", hits)
    return found


def top_menu(soup) -> list:
    nav = soup.select_one("nav.md-nav--primary > ul")
    labels = []
    for item in nav.find_all("li", recursive=False):
        link = item.find(["a", "label"], class_="md-nav__link")
        labels.append(" ".join(link.get_text(" ").split()))
    return labels


def h1(site: Site, page: str) -> str:
    return " ".join(site.soup(page).find("article").find("h1").get_text(" ").split()) \
        .replace("¶", "").strip()


# --- a territory's public site --------------------------------------------------------------

@pytest.mark.parametrize("which, name", [("fresh_site", "MRC de Test-Vierge"),
                                         ("territory_site", "MRC de la Vallée-des-Cèdres")])
def test_public_home_is_the_plan_headed_by_the_territory_name(request, which, name):
    site = request.getfixturevalue(which)
    assert h1(site, "") == name
    assert not (site.folder / "plan" / "index.html").exists()  # the plan is the home


@pytest.mark.parametrize("which", ["fresh_site", "territory_site"])
def test_public_site_has_no_word_meant_for_authors(request, which):
    found = author_words_in(request.getfixturevalue(which))
    assert not found, "\n".join(f"{page}: {words}" for page, words in found.items())


@pytest.mark.parametrize("which", ["fresh_site", "territory_site"])
def test_public_menu_is_the_plan_then_how_it_was_made(request, which):
    site = request.getfixturevalue(which)
    assert top_menu(site.soup("")) == PUBLIC_MENU


@pytest.mark.parametrize("which", ["fresh_site", "territory_site"])
def test_public_site_leaves_the_guide_out(request, which):
    site = request.getfixturevalue(which)
    present = [f for f in GUIDE_FOLDERS if (site.folder / f).exists()]
    assert present == []
    assert all((site.folder / page / "index.html").exists() for page in STORY_PAGES)


def test_public_home_gives_the_plan_at_a_glance(territory_site):
    soup = territory_site.soup("")
    text = visible_text(soup.find("article"))
    for expected in ("Branchés sur nos rangs, ouverts sur le monde", "2025–2029",
                     "Adopté le 11 juin 2025 (résolution 2025-06-142)", "Vision et valeurs",
                     "Le plan en chiffres", "Où en est le plan"):
        assert expected in text, expected
    links = {a.get_text(" ", strip=True): a["href"] for a in soup.find("article").find_all(
        "a", href=True)}
    assert links["Les données ouvertes du plan"] == "donnees-ouvertes/"
    assert links["Qui a fait ce plan"] == "plan/equipe/"
    assert soup.select_one(".pnt-bandeau") is None  # adopted, not fictional: no banner


def test_draft_plan_says_so_on_every_page(fresh_site):
    for page in ("", "plan/projets/", "demarche/03-besoins/", "a-propos/"):
        banner = fresh_site.soup(page).select_one(".pnt-bandeau")
        assert banner.get_text(strip=True) == ("Projet de plan : ce document n'est pas "
                                               "encore adopté.")


def test_story_page_tells_the_step_and_shows_its_filled_grids(territory_site):
    soup = territory_site.soup("demarche/03-besoins/")
    article = soup.find("article")
    assert article.select_one(".pnt-but-etape").get_text(" ", strip=True).startswith(
        "Le territoire a consulté sa population")
    captions = [" ".join(c.get_text(" ").split()) for c in article.find_all("caption")]
    assert captions[0].startswith("Consultations Les activités qui ont permis")
    assert article.select("#grille-consultations tbody tr")
    assert article.select_one("details.pnt-remplir") is None


def test_empty_step_says_so_for_a_citizen(fresh_site):
    article = fresh_site.soup("demarche/10-evaluation-reddition/").find("article")
    assert article.select_one(".pnt-manque").get_text(strip=True) == (
        "Cette étape n'a pas encore de résultat publié.")
    assert article.find("table") is None  # no blank worksheet for a citizen


def test_empty_sections_speak_to_a_citizen(fresh_site):
    notes = [" ".join(p.get_text(" ").split())
             for p in fresh_site.soup("plan/indicateurs/").select(".pnt-manque")]
    assert "Aucun indicateur n'est encore défini." in notes
    assert not any("grille" in note.lower() for note in notes)


def test_story_index_lists_the_ten_steps_with_what_each_produced(territory_site):
    items = territory_site.soup("demarche/").select("ol.pnt-etapes-vecues > li")
    assert len(items) == 10
    first = " ".join(items[0].get_text(" ").split())
    assert first.startswith("1. Gouvernance")
    assert "Établi : Porteur du dossier, Instances de la démarche" in first
    assert items[0].find("a")["href"] == "01-gouvernance/"


def test_team_page_names_who_made_the_plan(territory_site, example):
    article = territory_site.soup("plan/equipe/").find("article")
    headings = [" ".join(h.get_text(" ").split()).replace(" ¶", "")
                for h in article.find_all("h2")]
    assert headings == ["Avant-propos", "Les personnes et les groupes",
                        "Les instances de la démarche", "Leurs membres"]
    text = visible_text(article)
    for row in example.data["credits"]:
        assert row["nom"] in text
    for row in example.data["instances"]:
        assert row["nom"] in text


def test_about_page_gives_sources_licence_and_the_template(territory_site, example):
    article = territory_site.soup("a-propos/").find("article")
    text = visible_text(article)
    for condition in example.data["conditions"]:
        assert " ".join(condition["source"].split()) in text
    assert "licence CC BY 4.0" in text
    assert "gabarit libre du plan numérique territorial" in text
    assert article.find("a", string="Données ouvertes")["href"] == "../donnees-ouvertes/"


# --- the author's preview ---------------------------------------------------------------------

def test_preview_is_marked_and_shows_the_help(fresh_preview):
    for page in ("", "demarche/03-besoins/", "plan/indicateurs/"):
        banner = " ".join(fresh_preview.soup(page).select_one(".pnt-bandeau").get_text(
            " ").split())
        assert banner.startswith("Aperçu pour l'équipe du plan")
        assert banner.endswith("Projet de plan : ce document n'est pas encore adopté.")
    story = fresh_preview.soup("demarche/03-besoins/").find("article")
    assert visible_text(story.select_one("#grille-besoins details.pnt-remplir summary")) \
        == "Comment remplir la grille « Besoins »"
    assert story.select_one(".pnt-aide-auteur a")["href"] == "../../etapes/03-besoins/"
    home = visible_text(fresh_preview.soup("").find("article"))
    assert "Ce qui manque encore" in home
    assert "Remplissez la grille « Vision commune » (étape 1, fichier " \
           "data/01-gouvernance.yml" in home


def test_preview_keeps_the_guide_within_reach(fresh_preview):
    assert top_menu(fresh_preview.soup("")) == PUBLIC_MENU + ["Pour l'équipe du plan"]
    assert h1(fresh_preview, "guide/") == GUIDE_TITLE  # the template's home, moved
    assert (fresh_preview.folder / "etapes" / "03-besoins" / "index.html").exists()
    assert (fresh_preview.folder / "avancement" / "index.html").exists()
    chapter = visible_text(fresh_preview.soup("etapes/03-besoins/").find("article"))
    assert "Pièges à éviter" in chapter


def _team_menu(soup) -> list:
    """The entries of the preview's « Pour l'équipe du plan » section."""
    nav = soup.select_one("nav.md-nav--primary > ul")
    section = next(item for item in nav.find_all("li", recursive=False)
                   if "Pour l'équipe du plan" in item.get_text(" "))
    return [" ".join(a.get_text(" ").split())
            for a in section.select(":scope > nav > ul > li > a.md-nav__link")]


def test_preview_lists_what_to_update_after_the_progress_page(fresh_preview):
    assert _team_menu(fresh_preview.soup(""))[:2] == ["Avancement de la démarche",
                                                      "À mettre à jour"]
    assert h1(fresh_preview, "a-mettre-a-jour/") == "À mettre à jour"
    page = visible_text(fresh_preview.soup("a-mettre-a-jour/").find("article"))
    # A plan just started: nothing programmed, nothing to measure yet.
    assert ("Rien n'est à mettre à jour : chaque action en cours a été mise à jour dans "
            "les 90 derniers jours, et chaque indicateur a la mesure que sa fréquence "
            "demande.") in page


def test_template_site_lists_what_the_example_must_update(example_site):
    soup = example_site.soup("a-mettre-a-jour/")
    article = soup.find("article")
    text = visible_text(article)
    # The example's latest update is of 10 November 2026; then only the milestone
    # I-03 (deadline 31 March 2026, measured « non » that day) is due.
    assert "Situation au 10 novembre 2026 (date de la dernière mise à jour des données " \
           "du plan)." in text
    heading = article.find("h2", id="responsable-comité-de-pilotage")
    assert " ".join(heading.get_text(" ").split()).replace("¶", "").strip() == \
        "Comité de pilotage (1 élément)"
    table = heading.find_next("table")
    assert visible_text(table.caption) == "À mettre à jour par Comité de pilotage : 1 élément"
    assert [th["scope"] for th in table.select("thead th")] == ["col"] * 4
    row = table.select_one("tbody tr")
    assert row.th["scope"] == "row"
    assert row.th.a["href"] == "../plan/indicateurs/#i-03"
    assert [visible_text(cell) for cell in row.find_all(["th", "td"])] == [
        "I-03 « Montage financier complet du réseau Fibre Cèdres »",
        "échéance du 31 mars 2026 passée, aucune mesure depuis",
        "une nouvelle mesure, avec sa date et « oui » ou « non » (jalon atteint ou non)",
        "Fichier : exemple/10-evaluation-reddition.yml, grille « Mesures des indicateurs », "
        "une nouvelle ligne : champs indicateur (I-03), date et atteint. Classeur : "
        "feuille « 10.1 Mesures des indicateurs », une nouvelle ligne : colonnes "
        "« Indicateur » (I-03), « Date » et « Atteint »."]
    menu = [" ".join(a.get_text(" ").split()) for a in
            soup.select("nav.md-nav--primary > ul > li > a.md-nav__link")]
    assert menu.index("À mettre à jour") == menu.index("Avancement de la démarche") + 1


# --- the template's site, unchanged -------------------------------------------------------------

def test_template_site_keeps_the_guide_and_has_no_territory_pages(example_site):
    assert top_menu(example_site.soup(""))[:2] == ["Accueil", "Démarrer votre plan"]
    assert not (example_site.folder / "demarche").exists()
    assert not (example_site.folder / "a-propos").exists()
    assert h1(example_site, "plan/") == "MRC de la Vallée-des-Cèdres"


# --- the preview of data with errors ------------------------------------------------------------

@pytest.fixture(scope="module")
def project_with_a_wrong_choice(tmp_path_factory):
    """A territory whose data/ has one error (a priority out of the list)."""
    project = copy_template(tmp_path_factory.mktemp("erreur") / "projet")
    shutil.copytree(FIXTURES / "minimal", project / "data", dirs_exist_ok=True)
    for wrong in (FIXTURES / "invalides" / "priorite-hors-liste").iterdir():
        shutil.copy2(wrong, project / "data" / wrong.name)
    return project


def test_preview_of_wrong_data_shows_the_errors_on_every_page(project_with_a_wrong_choice,
                                                              tmp_path):
    out = tmp_path / "site"
    site = Site(built_or_fail(build(project_with_a_wrong_choice, out, preview=True), out))
    expected = ("data/03-besoins.yml, ligne 24, « priorite » : « 4 » n'est pas une valeur "
                "permise (choisir parmi : 1, 2, 3)")
    for page in ("", "plan/besoins/", "demarche/03-besoins/", "etapes/03-besoins/"):
        article = site.soup(page).find("article")
        assert h1(site, page) == "Les données du plan contiennent des erreurs"
        assert [" ".join(li.get_text(" ").split()) for li in
                article.select(".pnt-erreurs ol li")] == [expected]


def test_public_build_of_wrong_data_stops_with_the_french_report(project_with_a_wrong_choice,
                                                                 tmp_path):
    result = build(project_with_a_wrong_choice, tmp_path / "site")
    assert result.returncode != 0
    assert ("Erreur : data/03-besoins.yml, ligne 24, « priorite » : « 4 » n'est pas une "
            "valeur permise") in result.stdout + result.stderr
