"""Material's stylesheets cut down to what the pages use (outputs/stylesheets.py):
what is kept, what goes, and how the site's pages are relinked. Each case is
one small stylesheet and one small page, checked against the exact CSS
written; the browser test (tests/browser/test_stylesheets_browser.py) checks that
the real site looks the same."""

from __future__ import annotations

import stat

import pytest

from macros.outputs import stylesheets
from macros.outputs.files import WriteError

@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    """Each test with its own user cache, and nothing parsed yet."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    stylesheets.parse.cache_clear()
    yield tmp_path / "cache"
    stylesheets.parse.cache_clear()


PAGE = '<html class="no-js"><body><div class="md-grid"><p>Texte</p></div></body></html>'


def _cut(css: str, page: str = PAGE, scripts=(), others=()) -> str:
    usage = stylesheets.site_usage([page], list(scripts), list(others))
    return stylesheets.subset({"main.css": css}, usage)["main.css"]


def test_rule_for_a_class_no_page_has_is_dropped():
    assert _cut(".md-grid{margin:0}.md-tabs{color:red}") == ".md-grid{margin:0}"


def test_only_the_selectors_that_can_match_are_kept_in_a_list():
    assert _cut(".md-tabs,.md-grid p{margin:0}") == ".md-grid p{margin:0}"


def test_class_inside_not_does_not_drop_the_rule():
    assert _cut(".md-grid:not(.md-tabs){margin:0}") == ".md-grid:not(.md-tabs){margin:0}"


def test_class_a_script_creates_is_kept():
    script = 'h("li",{class:"md-search-result__item"});e.classList.toggle("md-dialog--active",i)'
    css = ".md-search-result__item{margin:0}.md-dialog--active{opacity:1}.md-tabs{color:red}"
    assert _cut(css, scripts=[script]) == ".md-search-result__item{margin:0}.md-dialog--active{opacity:1}"


def test_class_a_script_builds_from_a_template_keeps_its_family():
    script = "h(\"li\",{class:`md-source__fact md-source__fact--${t}`})"
    css = ".md-source__fact--stars{margin:0}.md-source__facts{margin:0}"
    assert _cut(css, scripts=[script]) == ".md-source__fact--stars{margin:0}"


def test_class_set_by_an_inline_script_of_a_page_is_kept():
    page = PAGE.replace("</body>", '<script>document.body.classList.add("pnt-ouvert")</script></body>')
    assert _cut(".pnt-ouvert{margin:0}", page) == ".pnt-ouvert{margin:0}"


def test_element_no_page_has_is_dropped():
    assert _cut(".md-grid kbd{margin:0}p{margin:0}") == "p{margin:0}"


def test_element_a_script_creates_is_kept():
    assert _cut("mark{color:red}", scripts=['h("mark",{})']) == "mark{color:red}"


def test_pseudo_elements_and_classes_are_not_taken_for_elements():
    css = "p::before{content:\"\"}p:hover{color:red}"
    assert _cut(css) == css


def test_palette_colour_no_page_offers_is_dropped():
    page = PAGE.replace("<body>", '<body data-md-color-scheme="default" data-md-color-primary="indigo">')
    css = ("[data-md-color-primary=indigo]{--md-primary-fg-color:#4051b5}"
           "[data-md-color-primary=red]{--md-primary-fg-color:#ef5552}"
           "body{color:var(--md-primary-fg-color)}")
    assert _cut(css, page) == ("[data-md-color-primary=indigo]{--md-primary-fg-color:#4051b5}"
                               "body{color:var(--md-primary-fg-color)}")


def test_media_query_left_empty_is_dropped():
    css = "@media screen{.md-tabs{color:red}}@media print{.md-grid{margin:0}}"
    assert _cut(css) == "@media print{.md-grid{margin:0}}"


def test_custom_property_nothing_reads_is_dropped():
    assert _cut(":root{--md-tabs-color:red;--md-grid-margin:0}.md-grid{margin:var(--md-grid-margin)}") \
        == ":root{--md-grid-margin:0}.md-grid{margin:var(--md-grid-margin)}"


def test_custom_property_read_through_another_is_kept():
    css = ":root{--a:1px;--b:var(--a);--c:2px}.md-grid{margin:var(--b)}"
    assert _cut(css) == ":root{--a:1px;--b:var(--a)}.md-grid{margin:var(--b)}"


def test_custom_property_read_by_the_sites_own_stylesheet_is_kept():
    others = [".pnt-carte{border-color:var(--md-accent-fg-color)}"]
    assert _cut(":root{--md-accent-fg-color:#526cfe}", others=others) \
        == ":root{--md-accent-fg-color:#526cfe}"


def test_rule_left_with_no_declaration_is_dropped():
    assert _cut(":root{--unused:0}.md-grid{margin:0}") == ".md-grid{margin:0}"


def test_at_rules_are_kept_as_written():
    css = "@keyframes pulse{0%{opacity:0}to{opacity:1}}@font-face{font-family:x;src:local(x)}"
    assert _cut(css) == css


def test_important_is_kept():
    assert _cut(".md-grid{margin:0!important}") == ".md-grid{margin:0!important}"


# -- Parsed once, kept in the user's cache ----------------------------------------

CACHED = "@media print{.md-grid{margin:0}}:root{--a:var(--b)}.md-grid p:not(.x){color:red!important}"


def _cache_files(cache):
    return list((cache / "plan-numerique-territorial" / "feuilles-de-style").glob("*.json"))


def test_parsed_stylesheet_is_read_back_from_the_users_cache(own_cache, monkeypatch):
    parsed = stylesheets.parse(CACHED)
    assert len(_cache_files(own_cache)) == 1
    stylesheets.parse.cache_clear()  # as in a new process

    def no_parsing(*args, **kwargs):
        raise AssertionError("parsed again instead of read from the cache")

    monkeypatch.setattr(stylesheets.tinycss2, "parse_stylesheet", no_parsing)
    assert stylesheets.parse(CACHED) == parsed


def test_unreadable_cache_entry_is_parsed_again_and_rewritten(own_cache):
    parsed = stylesheets.parse(CACHED)
    entry, = _cache_files(own_cache)
    entry.write_text('[{"s": 3}', encoding="utf-8")
    stylesheets.parse.cache_clear()
    assert stylesheets.parse(CACHED) == parsed
    stylesheets.parse.cache_clear()
    assert stylesheets._cached(CACHED) == parsed


def test_cache_folder_that_cannot_be_made_only_means_parsing_again(tmp_path, monkeypatch):
    blocked = tmp_path / "un-fichier"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert _cut(".md-grid{margin:0}.md-tabs{color:red}") == ".md-grid{margin:0}"


# -- A built site ----------------------------------------------------------------


MAIN = "main.0123abcd.min.css"
PALETTE = "palette.89abcdef.min.css"


def _site(tmp_path, link=True):
    site = tmp_path / "site"
    (site / "assets" / "stylesheets").mkdir(parents=True)
    (site / "assets" / "stylesheets" / MAIN).write_text(
        ".md-grid{margin:0}.md-tabs{color:red}", encoding="utf-8")
    (site / "assets" / "stylesheets" / PALETTE).write_text(
        "[data-md-color-primary=red]{color:red}", encoding="utf-8")
    links = (f'<link rel="stylesheet" href="../assets/stylesheets/{MAIN}">'
             f'<link rel="stylesheet" href="../assets/stylesheets/{PALETTE}">') if link else ""
    (site / "plan").mkdir()
    (site / "plan" / "index.html").write_text(
        f"<html><head>{links}</head>{PAGE[PAGE.index('<body>'):]}", encoding="utf-8")
    (site / "index.html").write_text(
        f'<html><head>{links.replace("../", "")}</head><body class="md-grid"></body></html>',
        encoding="utf-8")
    (site / "admin").mkdir()
    (site / "admin" / "index.html").write_text(
        f'<link rel="stylesheet" href="../assets/stylesheets/{MAIN}">', encoding="utf-8")
    return site


def test_site_pages_link_to_the_subsets(tmp_path):
    site = _site(tmp_path)
    renamed = stylesheets.subset_site(site)
    main = renamed[MAIN]
    assert main.startswith("main.") and main.endswith(".subset.min.css")
    assert (site / "assets" / "stylesheets" / main).read_text(encoding="utf-8") == ".md-grid{margin:0}"
    page = (site / "plan" / "index.html").read_text(encoding="utf-8")
    assert f'href="../assets/stylesheets/{main}"' in page
    assert MAIN not in page
    assert f'href="assets/stylesheets/{main}"' in (site / "index.html").read_text(encoding="utf-8")


def test_subset_left_with_no_rule_is_still_written_and_linked(tmp_path):
    site = _site(tmp_path)
    palette = stylesheets.subset_site(site)[PALETTE]
    assert (site / "assets" / "stylesheets" / palette).read_text(encoding="utf-8") == ""
    assert palette in (site / "index.html").read_text(encoding="utf-8")


def test_materials_own_files_stay_untouched(tmp_path):
    site = _site(tmp_path)
    stylesheets.subset_site(site)
    assert (site / "assets" / "stylesheets" / MAIN).read_text(encoding="utf-8") \
        == ".md-grid{margin:0}.md-tabs{color:red}"


def test_editor_page_is_not_relinked(tmp_path):
    site = _site(tmp_path)
    stylesheets.subset_site(site)
    assert MAIN in (site / "admin" / "index.html").read_text(encoding="utf-8")


def test_second_run_finds_nothing_to_cut(tmp_path):
    site = _site(tmp_path)
    stylesheets.subset_site(site)
    pages = (site / "index.html").read_text(encoding="utf-8")
    assert stylesheets.subset_site(site) == {}
    assert (site / "index.html").read_text(encoding="utf-8") == pages


def test_site_without_materials_stylesheets_is_left_alone(tmp_path):
    site = _site(tmp_path, link=False)
    assert stylesheets.subset_site(site) == {}
    assert sorted(p.name for p in (site / "assets" / "stylesheets").iterdir()) == [MAIN, PALETTE]


def test_read_only_page_leaves_every_page_as_it_was(tmp_path):
    site = _site(tmp_path)
    before = {path: path.read_text(encoding="utf-8") for path in site.rglob("*.html")}
    locked = site / "plan" / "index.html"
    locked.chmod(stat.S_IRUSR)
    try:
        with pytest.raises(WriteError) as raised:
            stylesheets.subset_site(site)
    finally:
        locked.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert raised.value.path == locked
    assert {path: path.read_text(encoding="utf-8") for path in site.rglob("*.html")} == before
    assert not list((site / "assets" / "stylesheets").glob("*.subset.min.css"))
