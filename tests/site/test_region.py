"""``pnt region``: the regional site built from three territories' open data,
as downloaded from their sites: the example's ``donnees/`` folder, a variant
of it as a ZIP (another MRC of another region, a draft plan, a project whose
cost is « inconnu »), and a third folder written by a newer template.

Expected figures come from the example's data files (exemple/): 11 needs
(4 usages, 4 innovation, 3 compétences), 7 projects of which 2 in
« connectivité » (P-01: 4 200 000 – 5 100 000 $, P-07: 450 000 – 650 000 $, and their
funding lines),
16 indicators.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil

import frictionless
import pytest

from conftest import REGION_VARIANT as VARIANT
from conftest import ROOT, Site, pnt

EXAMPLE = "MRC de la Vallée-des-Cèdres"
NBSP, NNBSP = "\u00a0", "\u202f"


def _spaced(text: str) -> str:
    """Runs of ASCII spaces as one (no-break spaces, the French ones, are kept)."""
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


def _article(site: Site, page: str) -> str:
    return _spaced(site.soup(page).select_one("article").get_text(" "))


def _table(site: Site, page: str, caption: str) -> list:
    soup = site.soup(page)
    table = next(t for t in soup.select("table")
                 if t.caption and t.caption.get_text(" ", strip=True) == caption)
    return [[_spaced(cell.get_text(" ")) for cell in row.select("th, td")]
            for row in table.select("tr")]


def test_the_command_says_what_it_read_and_succeeds_without_strict(region_build,
                                                                   region_sources):
    result, _ = region_build
    assert result.returncode == 0, result.stdout + result.stderr
    assert (f"Non lu : {region_sources[2]} : ces données ont été écrites par la version "
            "9.0.0") in result.stdout
    assert "2 territoires, 1 dossier non lu" in result.stdout
    assert result.stderr == ""


def test_strict_fails_when_a_folder_cannot_be_read(region_sources, tmp_path):
    result = pnt(["region", str(tmp_path / "vue"), *map(str, region_sources), "--strict"],
                 ROOT)
    assert result.returncode == 1
    # The site is written all the same, with the fault on its home page.
    assert (tmp_path / "vue" / "index.html").is_file()


def test_home_lists_the_territories_their_status_and_the_refused_folder(region_site,
                                                                       region_sources):
    site = region_site
    rows = _table(site, "", "Les territoires et leur plan")
    assert rows[0] == ["Territoire", "Région", "Type", "Statut du plan", "Adoption",
                       "Période", "Besoins", "Projets", "À surveiller"]
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name[EXAMPLE][1:8] == ["Centre-du-Québec", "MRC", "adopté", "11 juin 2025",
                                     "2025–2029", "11", "7"]
    # A draft gives no adoption date: none is invented.
    assert by_name[VARIANT][1:6] == ["Estrie", "MRC", "brouillon", "—", "2025–2029"]
    assert "plan non adopté, période commencée en 2025" in by_name[VARIANT][8]
    refused = _table(site, "", "Dossiers non lus et pourquoi")
    assert refused[1][0] == str(region_sources[2])
    assert "version 9.0.0 du gabarit, plus récente que celle-ci (0.1.0)" in refused[1][1]


def test_regions_filter_with_plain_links(region_site):
    site = region_site
    soup = site.soup("")
    links = {a.get_text(" ", strip=True): a["href"]
             for a in soup.select("nav.pnt-filtre a")}
    assert links == {"Centre-du-Québec (1)": "regions/centre-du-quebec/",
                     "Estrie (1)": "regions/estrie/"}
    rows = _table(site, "regions/estrie/", "Les territoires de la région Estrie")
    assert [row[0] for row in rows[1:]] == [VARIANT]
    current = site.soup("regions/estrie/").select_one("nav.pnt-filtre [aria-current]")
    assert current.get_text(strip=True) == "Estrie (1)"


def test_needs_are_counted_by_category_across_territories(region_site):
    site = region_site
    rows = _table(site, "besoins/", "Besoins par catégorie")
    assert [row[:2] + row[3:] for row in rows[1:]] == [
        ["usages", "8", "2"], ["innovation", "8", "2"], ["compétences", "6", "2"]]
    recurring = _table(site, "besoins/", "Besoins énoncés par plusieurs territoires")
    assert len(recurring) == 1 + 11
    assert all(row[2] == "2" for row in recurring[1:])


def test_projects_by_theme_total_costs_without_inventing_an_unknown_one(region_site):
    site = region_site
    rows = {row[0]: row for row in _table(site, "projets/", "Projets par domaine")[1:]}
    connectivity = rows["connectivité"]
    assert connectivity[1:3] == ["4", "2"]
    # The variant's P-01 cost is « inconnu »: the total is a floor, said so.
    assert connectivity[3] == (f"au moins 5{NNBSP}100{NNBSP}000{NBSP}$ – "
                               f"6{NNBSP}400{NNBSP}000{NBSP}$ (1 montant non précisé)")
    # Funding by status, each territory's P-01 (850 000 + 150 000 $ confirmed,
    # 3 100 000 $ requested) and P-07 (40 000 $ confirmed, 300 000 $ requested).
    assert connectivity[4:6] == [f"2{NNBSP}080{NNBSP}000{NBSP}$",
                                 f"6{NNBSP}800{NNBSP}000{NBSP}$"]


def test_shared_indicators_are_compared_side_by_side(region_site):
    site = region_site
    text = _article(site, "indicateurs/")
    soup = site.soup("indicateurs/")
    sections = soup.select("article h3")
    assert len(sections) == 16
    first = sections[0].find_next("table")
    names = [row.select_one("th").get_text(" ", strip=True)
             for row in first.select("tbody tr")]
    assert sorted(names) == sorted([VARIANT, EXAMPLE])
    # Connectivity: the plans give it by municipality; the range, never a mean.
    connectivity = _table(site, "indicateurs/", "Part des foyers qui ont accès à 50/10 Mbit/s")
    assert connectivity[1][1] == (f"de 45{NBSP}% à 100{NBSP}% selon la municipalité "
                                  "(11 municipalités)")
    assert "Indicateurs communs" in text


def test_territory_page_links_back_to_its_own_site(region_site):
    site = region_site
    soup = site.soup("territoires/mrc-des-trois-lacs/")
    assert soup.select_one("h1").get_text(strip=True).startswith(VARIANT)
    assert [a["href"] for a in soup.select("ul.pnt-liens a")] == [
        "https://plan.trois-lacs.example/"]
    # The example gives no address: the page says so instead of a dead link.
    example = _article(site, "territoires/mrc-de-la-vallee-des-cedres/")
    assert "Ce plan ne donne pas l'adresse de son site" in example


def test_combined_csv_has_a_territory_column_and_every_row(region_site):
    site = region_site
    raw = (site.folder / "donnees" / "besoins.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""),
                           delimiter=";"))
    assert rows[0][:2] == ["territoire", "id"]
    assert len(rows) == 1 + 22
    assert [row[0] for row in rows[1:]].count(VARIANT) == 11


def test_combined_package_is_valid_with_keys_per_territory(region_site):
    site = region_site
    report = frictionless.validate(str(site.folder / "donnees" / "datapackage.json"))
    assert report.flatten(["type", "fieldName", "rowNumber", "message"]) == []


def test_no_page_asks_another_site_for_anything(region_site):
    site = region_site
    for page in site.folder.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for marker in ('src="http', "href=\"https://fonts", "<link rel=\"stylesheet\" href=\"http"):
            assert marker not in html, (page, marker)


HOSTILE = '<script>alert("x")</script> *MRC* [lien](https://x.example) {{ nom }}'


@pytest.fixture
def hostile_territory(region_sources, tmp_path):
    """The example's package under a name made of markup, Markdown and Jinja."""
    folder = shutil.copytree(region_sources[0], tmp_path / "hostile")
    plan = json.loads((folder / "plan.json").read_text(encoding="utf-8"))
    plan["grilles"]["territoire"]["nom"] = HOSTILE
    plan["grilles"]["besoins"][0]["enonce"] = HOSTILE
    (folder / "plan.json").write_text(json.dumps(plan), encoding="utf-8")
    return folder


def test_names_from_the_data_stay_text(hostile_territory, tmp_path):
    out = tmp_path / "vue"
    result = pnt(["region", str(out), str(hostile_territory)], ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    site = Site(out)
    for page in ("", "besoins/", "territoires/"):
        article = site.soup(page).select_one("article")
        assert article.select("script") == [] and article.select("em") == [], page
        assert "x.example" not in [a.get("href") for a in article.select("a")]
    pages = [p for p in (out / "territoires").iterdir() if p.is_dir()]
    heading = Site(pages[0]).soup("").select_one("article h1")
    assert heading.get_text().rstrip("¶").strip() == HOSTILE
