"""The « Rapport annuel ANNÉE » pages (pages/plan/annual_report.py): one per
year with follow-up data, in the navigation under « Suivi du plan », on the
template's site and on a territory's public site."""

from __future__ import annotations

import pytest

from support import NBSP

REPORT_2026, REPORT_2025 = "plan/rapport-annuel-2026/", "plan/rapport-annuel-2025/"


def article_text(site, page: str) -> str:
    return site.soup(page).article.get_text(" ", strip=True)


def table_captioned(soup, caption: str):
    found = [c.parent for c in soup.select("table caption")
             if c.get_text(" ", strip=True) == caption]
    assert len(found) == 1, caption
    return found[0]


def cells(row) -> list:
    return [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]


@pytest.mark.parametrize("site_name", ["example_site", "territory_site"])
def test_a_report_page_for_each_year_with_follow_up_only(request, site_name):
    site = request.getfixturevalue(site_name)
    for page in (REPORT_2026, REPORT_2025):
        assert (site.folder / page / "index.html").is_file(), page
    for year in (2024, 2027):
        assert not (site.folder / f"plan/rapport-annuel-{year}").exists()


@pytest.mark.parametrize("site_name", ["example_site", "territory_site"])
def test_reports_are_listed_under_follow_up_newest_first(request, site_name):
    site = request.getfixturevalue(site_name)
    primary = site.soup(REPORT_2026).select_one("nav.md-nav--primary")
    section = [label for label in primary.select("label.md-nav__link")
               if label.get_text(" ", strip=True) == "Suivi du plan"]
    assert len(section) == 1
    links = section[0].find_parent("li").select("a.md-nav__link")
    titles = [a.get_text(" ", strip=True) for a in links if not a["href"].startswith("#")]
    assert titles == ["Où en est le plan", "Rapport annuel 2026", "Rapport annuel 2025"]
    active = [a.get_text(" ", strip=True) for a in links
              if "md-nav__link--active" in a["class"]]
    assert active == ["Rapport annuel 2026"]


def test_the_2026_report_is_titled_and_summarised(example_site):
    soup = example_site.soup(REPORT_2026)
    assert soup.article.h1.get_text(" ", strip=True).startswith("Rapport annuel 2026")
    assert soup.title.get_text().startswith("Rapport annuel 2026")
    text = article_text(example_site, REPORT_2026)
    assert (f"10 actions programmées en 2026{NBSP}: 2 terminées, 6 en cours, 1 abandonnée "
            "et 1 à venir.") in text
    assert f"Situation au 10 novembre 2026{NBSP}: l'année 2026 est en cours" in text
    assert ("2 projets ont changé de statut (P-04" + NBSP + ": reporté → en cours et P-05"
            + NBSP + ": en cours → terminé)") in text


def test_the_2026_report_compares_indicators_with_the_end_of_2025(example_site):
    table = table_captioned(example_site.soup(REPORT_2026),
                            "Les indicateurs à la fin de 2025 et au 10 novembre 2026")
    assert cells(table.thead.tr) == ["Indicateur", "Fin 2025", f"Au 10{NBSP}nov. 2026",
                                     "Évolution", "Statut"]
    row = [r for r in table.tbody.select("tr") if r.th.get_text().startswith("I-12")]
    assert len(row) == 1
    assert cells(row[0]) == ["I-12 Routes principales sans signal cellulaire fiable",
                             f"64{NBSP}km en novembre 2025", f"61{NBSP}km en octobre 2026",
                             "progresse vers sa cible", "en retard"]
    projects = table_captioned(example_site.soup(REPORT_2026),
                               "Projets dont le statut a changé depuis la fin de 2025")
    assert [cells(r) for r in projects.tbody.select("tr")] == [
        ["P-04 Portail citoyen commun et données ouvertes", "reporté", "en cours"],
        ["P-05 Appareils à emprunter", "en cours", "terminé"]]


@pytest.mark.parametrize("page", [REPORT_2026, REPORT_2025])
def test_report_tables_have_captions_and_scoped_headers(example_site, page):
    tables = example_site.soup(page).article.select("table")
    assert len(tables) > 10
    for table in tables:
        assert table.caption is not None and table.caption.get_text(strip=True)
        for header in table.thead.select("th"):
            assert header.get("scope") == "col"
        for row in table.tbody.select("tr"):
            assert [th.get("scope") for th in row.find_all("th")] == ["row"]


def test_the_2025_report_is_the_first_and_ends_on_31_december(example_site):
    text = article_text(example_site, REPORT_2025)
    assert (f"Premier rapport annuel{NBSP}: aucune année précédente n'a de données de "
            "suivi à comparer.") in text
    assert "Situation à la fin de 2025 (31 décembre 2025)" in text
    assert f"8 actions programmées en 2025{NBSP}: 7 terminées et 1 reportée." in text
    assert "Ce qui a changé depuis" not in text
    assert "2026" not in text.split("Programmation 2026")[0]  # nothing said of 2026 before


def test_the_territory_s_report_is_its_own(territory_site):
    text = article_text(territory_site, REPORT_2026)
    assert f"10 actions programmées en 2026{NBSP}:" in text
    assert "exemple" not in text.lower()
