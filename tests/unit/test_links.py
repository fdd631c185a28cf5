"""Links between pages (pages/links.py), and HTML drawn once for several pages:
a chart's links written from the site's root (PortableLinker), then relinked
for each page that shows it."""

from __future__ import annotations

import pytest

from macros.pages import views
from macros.pages.links import Linker, PortableLinker


def _portable_html(view=views.TEMPLATE, directory_urls=True) -> str:
    """A bit of a chart as a PortableLinker writes it: a row, a grid, a step, a
    file, the home page and an outside address."""
    links = PortableLinker("", directory_urls, view)
    return (f'<a href="{links.to_row("projets", "P-01")}">P-01</a>'
            f'<a href="{links.to_grid("consultations")}">grille</a>'
            f'<a href="{links.to_step(6)}">étape</a>'
            f'<a href="{links.to_file("telechargements/plan.pdf")}">PDF</a>'
            f'<a href="{links.to_page("index.md")}">accueil</a>'
            '<a href="https://www.donneesquebec.ca/">Données Québec</a>')


def _hrefs(html: str) -> list:
    return [part.split('"', 1)[0] for part in html.split('href="')[1:]]


@pytest.mark.parametrize("page, expected", [
    ("plan/projets/", ["#p-01", "../../etapes/03-besoins/#grille-consultations",
                       "../../avancement/#etape-6", "../../telechargements/plan.pdf",
                       "../../", "https://www.donneesquebec.ca/"]),
    ("etapes/06-projets-prioritaires/", [
        "../../plan/projets/#p-01", "../03-besoins/#grille-consultations",
        "../../avancement/#etape-6", "../../telechargements/plan.pdf", "../../",
        "https://www.donneesquebec.ca/"]),
    ("", ["plan/projets/#p-01", "etapes/03-besoins/#grille-consultations",
          "avancement/#etape-6", "telechargements/plan.pdf", "./",
          "https://www.donneesquebec.ca/"]),
], ids=["same-page", "another-folder", "home"])
def test_a_portable_chart_gets_each_page_s_own_links(page, expected):
    assert _hrefs(Linker(page).relink(_portable_html())) == expected


def test_relinked_links_follow_the_view_and_the_url_style():
    public = Linker("plan/projets/", view=views.PUBLIC).relink(_portable_html(views.PUBLIC))
    assert _hrefs(public)[1:3] == ["../../demarche/03-besoins/#grille-consultations",
                                   "../../demarche/06-projets-prioritaires/"]
    flat = Linker("plan/projets.html", directory_urls=False).relink(
        _portable_html(directory_urls=False))
    assert _hrefs(flat)[:2] == ["#p-01", "../etapes/03-besoins.html#grille-consultations"]


def test_only_links_are_relinked_never_text_that_looks_like_one():
    text = "<p>pnt-lien:plan/projets/ et href=&#34;pnt-lien:x&#34;</p>"
    assert Linker("plan/").relink(text) == text
