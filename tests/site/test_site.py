"""The built site, as a reader sees it: chapters, grids, plan pages, links."""

from __future__ import annotations

import re

import pytest

from conftest import Site
from macros.plan import model
from macros.plan.catalog import GRIDS, STEPS
from support import page_of, rows

STEP_PAGES = [step for step in STEPS if step.number > 0]


# --- chapters and grids --------------------------------------------------------------

def test_navigation_lists_the_ten_steps_in_order(example_site):
    nav = example_site.soup("").select("nav.md-nav--primary a.md-nav__link")
    labels = [a.get_text(" ", strip=True) for a in nav]
    numbered = [label for label in labels if re.match(r"^\d+\. ", label)]
    assert [int(label.split(".")[0]) for label in numbered] == list(range(1, 11))


@pytest.mark.parametrize("step", STEP_PAGES, ids=lambda s: s.slug)
def test_each_chapter_embeds_all_its_grids_as_captioned_tables(example_site, step):
    soup = example_site.soup(page_of(step))
    for grid in step.grids:
        block = soup.find(id=f"grille-{grid.key}")
        assert block is not None, f"{grid.key} missing from {step.page}"
        tables = block.find_all("table")
        assert tables, grid.key
        for table in tables:
            assert table.caption and table.caption.get_text(strip=True)
            assert all(th.get("scope") in ("col", "row") for th in table.find_all("th"))


def test_filled_grid_shows_the_territory_rows(example_site, example):
    block = example_site.soup("etapes/03-besoins/").find(id="grille-besoins")
    body_rows = block.tbody.find_all("tr")
    assert [tr["id"] for tr in body_rows] == [
        model.anchor_for(b["id"]) for b in rows(example, "besoins")]
    first = rows(example, "besoins")[0]
    assert first["enonce"] in body_rows[0].get_text(" ")
    assert "pnt-grille--vierge" not in block["class"]


def test_dates_are_shown_to_the_precision_the_author_gave(example_site):
    soup = example_site.soup("etapes/03-besoins/")
    rows = {tr["id"]: tr for tr in soup.find(id="grille-consultations").tbody("tr")}
    month = rows[model.anchor_for("C-04")].find("time")
    assert (month.get_text(), month["datetime"]) == ("novembre 2024", "2024-11")
    assert "vers octobre 2024" in rows[model.anchor_for("C-06")].get_text(" ")
    assert "1er novembre 2024" not in soup.get_text(" ")
    conditions = example_site.soup("etapes/05-etat-de-situation/").find(
        id="grille-conditions")
    assert "printemps 2025" in conditions.get_text(" ")


def test_blank_grid_is_a_printable_worksheet(fresh_preview):
    grid = GRIDS["besoins"]
    block = fresh_preview.soup("demarche/03-besoins/").find(id="grille-besoins")
    assert "pnt-grille--vierge" in block["class"]
    assert grid.title in block.caption.get_text()
    assert grid.purpose in block.caption.get_text()
    headers = block.thead.find_all("th")
    # Every column but the provenance: a workshop writes facts, not sources.
    columns = [c for c in grid.columns if not c.note]
    assert [th.contents[0].strip() for th in headers] == [c.label for c in columns]
    # The catalog's words; their spaces become no-break ones (test_typography.py).
    assert [" ".join(th.find(class_="pnt-aide").get_text().split()) for th in headers] == [
        c.help for c in columns]
    empty = block.tbody.find_all("tr")
    assert len(empty) == grid.blank_rows
    assert all(td.get_text(strip=True) == "" for tr in empty for td in tr.find_all("td"))


def test_wide_grid_renders_one_card_per_row(example_site, example):
    block = example_site.soup("etapes/06-projets-prioritaires/").find(id="grille-projets")
    cards = block.find_all("table", class_="pnt-fiche")
    assert len(cards) == len(rows(example, "projets"))
    assert all(th["scope"] == "row" for card in cards for th in card.find_all("th"))


def test_long_text_keeps_its_paragraphs(example_site, example):
    project = next(p for p in rows(example, "projets") if "\n\n" in (p.get("description") or ""))
    section = example_site.soup("plan/projets/").find(id=model.anchor_for(project["id"]))
    description = section.find_next(class_="pnt-texte")
    assert len(description.find_all("p")) >= 2


def test_fill_in_help_names_the_file_and_keys(fresh_preview):
    help_block = fresh_preview.soup("demarche/03-besoins/").find(
        id="grille-besoins").find("details")
    text = help_block.get_text(" ")
    assert "data/03-besoins.yml" in text
    assert all(c.key in text for c in GRIDS["besoins"].columns)
    assert "Valeurs permises" in text and "compétences" in text


# --- links in both directions -----------------------------------------------------------

def test_need_lists_the_projects_that_answer_it_and_back(example_site, example):
    need = next(b for b in rows(example, "besoins") if b["priorite"] == 1)
    answering = [p["id"] for p in rows(example, "projets") if need["id"] in p["besoins"]]
    assert answering
    soup = example_site.soup("plan/besoins/")
    heading = soup.find(id=model.anchor_for(need["id"]))
    table = heading.find_next("table")
    cell = next(tr for tr in table.find_all("tr")
                if "Projets qui y répondent" in tr.th.get_text()).td
    linked = [a.get_text() for a in cell.find_all("a")]
    assert linked == sorted(answering, key=lambda pid: next(
        p["rang"] for p in rows(example, "projets") if p["id"] == pid))
    # and from the project back to the need
    project_page = example_site.soup("plan/projets/")
    project = project_page.find(id=model.anchor_for(answering[0])).find_next("table")
    need_links = [a["href"] for a in project.find_all("a") if a.get_text() == need["id"]]
    assert need_links == [f"../besoins/#{model.anchor_for(need['id'])}"]


# --- the plan for citizens ----------------------------------------------------------------

def test_plan_home_presents_the_territory(example_site, example):
    territory = example.data["territoire"]
    text = example_site.soup("plan/").article.get_text(" ")
    assert territory["nom"] in text
    assert f"{territory['periode_debut']}–{territory['periode_fin']}" in text
    assert "Adopté" in text and territory["resolution"] in text
    assert example.data["vision"]["valeurs"][0] in text
    for orientation in rows(example, "orientations"):
        assert orientation["titre"] in text
    assert "Ce qui manque encore" not in text


def test_projects_are_grouped_by_orientation(example_site, example):
    soup = example_site.soup("plan/projets/")
    for project in rows(example, "projets"):
        heading = soup.find("h3", id=model.anchor_for(project["id"]))
        assert heading is not None and project["titre"] in heading.get_text()
        orientation = heading.find_previous("h2")
        # Described under its main orientation, the first one.
        assert orientation["id"] == model.anchor_for(project["orientation"][0])


def test_indicators_page_lists_every_indicator_with_its_measures(example_site, example):
    soup = example_site.soup("plan/indicateurs/")
    overview = soup.find("table")
    assert len(overview.tbody.find_all("tr")) == len(rows(example, "indicateurs"))
    for indicator in rows(example, "indicateurs"):
        heading = soup.find("h3", id=model.anchor_for(indicator["id"]))
        measures = [m for m in rows(example, "mesures") if m["indicateur"] == indicator["id"]]
        table = heading.find_next("table").find_next("table")
        assert "Mesures" in table.caption.get_text()
        assert len(table.tbody.find_all("tr")) == len(measures)


def test_traceability_matrix_has_one_row_per_need(example_site, example):
    table = example_site.soup("plan/tracabilite/").find("table")
    assert len(table.tbody.find_all("tr")) == len(rows(example, "besoins"))


def test_progress_page_shows_every_step(example_site, fresh_preview):
    full = example_site.soup("avancement/").article.get_text(" ")
    assert "10 étapes sur 10" in full
    empty = fresh_preview.soup("avancement/")
    assert "0 étape sur 10" in empty.article.get_text(" ")
    for step in STEPS:
        assert empty.find(id=f"etape-{step.number}") is not None
    assert empty.find_all(class_="pnt-etat--vide")


# --- fresh start ------------------------------------------------------------------------------

def test_fresh_plan_has_no_trace_of_the_example(fresh_project, fresh_site, example):
    """Nothing of the example's data: plan pages, grids, site name and banner.
    (The guide's prose and its labelled example boxes do name the example.)"""
    example_names = {example.data["territoire"]["nom"]} | {
        m["nom"] for m in rows(example, "municipalites")} | {a["nom"] for a in rows(example, "acteurs")}
    for path in fresh_site.pages():
        soup = Site(path.parent).soup(path.name)
        data_parts = soup.select(".pnt-grille, .md-banner, title, .md-header")
        data_parts.append(soup.article)  # a territory's site has no guide page
        text = " ".join(str(part) for part in data_parts if part is not None)
        assert not [name for name in example_names if name in text], path
    assert "MRC de Test-Vierge" in fresh_site.html("")


def test_fresh_plan_says_what_is_missing(fresh_site, fresh_preview):
    text = fresh_preview.soup("").article.get_text(" ")
    assert "Ce qui manque encore" in text  # to the authors
    assert "Ce qui manque encore" not in fresh_site.soup("").article.get_text(" ")
    assert "Projet de plan (brouillon)" in fresh_site.soup("").article.get_text(" ")
    projects = fresh_site.soup("plan/projets/").article.get_text(" ")
    assert "Aucun projet prioritaire n'est encore inscrit" in projects


def test_example_banner_only_on_the_example(example_site, fresh_site):
    assert "Exemple fictif" in example_site.soup("").find(class_="md-banner").get_text()
    banner = fresh_site.soup("").find(class_="md-banner")
    assert banner is not None and "pas encore adopté" in banner.get_text()


def test_site_name_comes_from_the_territory(example_site, fresh_site, example):
    assert example.data["territoire"]["nom"] in example_site.soup("").title.get_text()
    assert "MRC de Test-Vierge" in fresh_site.soup("").title.get_text()


# --- whole-site properties ---------------------------------------------------------------------

LEFTOVERS = ("{{", "{%", "Macro Rendering Error", "Traceback", "UndefinedError")


@pytest.mark.parametrize("which", ["example_site", "fresh_site", "fresh_preview",
                                   "territory_site"])
def test_no_page_contains_template_syntax_or_errors(request, which):
    site = request.getfixturevalue(which)
    pages = site.pages()
    assert len(pages) >= 18
    for path in pages:
        html = path.read_text(encoding="utf-8")
        found = [marker for marker in LEFTOVERS if marker in html]
        assert not found, f"{path}: {found}"


def test_leftover_detector_sees_raw_template_syntax():
    """Negative control: the markers above do match unrendered macros."""
    assert any(marker in '<p>{{ grille("besoins") }}</p>' for marker in LEFTOVERS)


EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["'](?:https?:)?//""", re.IGNORECASE)


def test_no_asset_is_loaded_from_another_site(example_site):
    for path in example_site.pages():
        soup = Site(path.parent).soup(path.name)
        for tag in soup.find_all(["script", "img", "iframe", "link", "source"]):
            url = tag.get("src") or tag.get("href") or ""
            if tag.name == "link" and "canonical" in (tag.get("rel") or []):
                continue
            assert not re.match(r"^(https?:)?//", url), f"{path}: {tag}"
    assert "fonts.googleapis" not in example_site.html("")


def test_pages_are_french(example_site):
    assert example_site.soup("").html["lang"] == "fr"
    config = (example_site.folder / "search" / "search_index.json").read_text()
    assert '"lang":["fr"]' in config.replace(" ", "")


def _search_index(site: Site) -> dict:
    import json

    return json.loads((site.folder / "search" / "search_index.json").read_text(encoding="utf-8"))


def test_search_finds_projects_and_chapters_but_not_every_cell(example_site, example):
    """The index is the heaviest file a reader downloads: it keeps the titles
    and the prose, not the grids' cells nor the charts' data tables (492 kB
    for the example when it held them)."""
    size = (example_site.folder / "search" / "search_index.json").stat().st_size
    docs = _search_index(example_site)["docs"]
    titles = {doc["title"] for doc in docs}
    texts = " ".join(doc["text"] for doc in docs)
    project = rows(example, "projets")[0]
    assert f"{project['id']} — {project['titre']}" in titles
    assert f"Étape 1 — {STEPS[1].title}" in titles
    assert "Un fait que la source ne donne pas" in texts  # how to fill a grid: prose
    assert "Les données du graphique en tableau" not in texts
    assert size < 375_000  # 367 kB once the guide's 2026 sources and rows were added


def test_actor_row_links_back_to_the_projects_it_carries(example_site, example):
    project = rows(example, "projets")[0]
    actor = project["porteur"]
    row = example_site.soup("etapes/01-gouvernance/").find(id=model.anchor_for(actor))
    cited = row.find_all(["td", "th"])[-1]
    links = {a.get_text(): a["href"] for a in cited.find_all("a")}
    assert links[project["id"]] == f"../../plan/projets/#{model.anchor_for(project['id'])}"


def test_instance_row_counts_its_members(example_site, example):
    instance = rows(example, "instances")[0]
    members = [m for m in rows(example, "membres") if m["instance"] == instance["id"]]
    row = example_site.soup("etapes/01-gouvernance/").find(id=model.anchor_for(instance["id"]))
    assert f"Membres des instances ({len(members)})" in " ".join(row.get_text().split())


def test_amounts_keep_their_non_breaking_spaces(example_site):
    """« 4 200 000 $ » must not break across lines (French typography)."""
    text = example_site.soup("plan/projets/").article.get_text()
    assert re.search(r"\d\u202f000\u00a0\$", text)  # narrow between thousands
    assert not re.search(r"\d 000 \$", text)
