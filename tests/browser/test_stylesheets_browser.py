"""The site looks the same with Material's whole stylesheets as with the subsets
its pages link to (outputs/stylesheets.py): each page is opened twice in
Chromium, once as built and once with the subsets' requests answered by
Material's original files, which the site keeps beside them, and every
element's computed style (its own, ``::before`` and ``::after``; custom
properties aside, since unread ones are what the subset drops) must be the
same. Light and dark palettes, a phone with its menu open, search results,
and print.

Computed styles rather than screenshots: Chromium's full-page screenshots of
one page differ from one load to the next (measured: the first of three
differs), while a style is exact and names the element and the property
that changed."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.navigateur

MATERIAL = re.compile(r"^(main|palette)\.[0-9a-f]{8}\.min\.css$")
SUBSET = re.compile(r"/assets/stylesheets/(main|palette)\.[0-9a-f]{8}\.subset\.min\.css$")

# (site, page): the states it is read in. Every kind of page once, the home
# page in every state; a page is read twice per state, so the list is short.
CASES = {
    ("served_example", ""): ["clair", "sombre", "telephone", "recherche", "impression"],
    ("served_example", "plan/projets/"): ["clair", "sombre"],
    ("served_example", "etapes/06-projets-prioritaires/"): ["clair"],
    ("served_example", "donnees-ouvertes/"): ["clair"],
    ("served_fresh", ""): ["clair"],
    ("served_fresh", "demarche/03-besoins/"): ["clair"],
    ("served_territory", ""): ["sombre"],
    ("served_territory", "plan/suivi/"): ["clair"],
    ("served_region", ""): ["clair", "sombre"],
}
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 800}


def _originals(served) -> dict:
    folder = served.site.folder / "assets" / "stylesheets"
    return {path.name.split(".", 1)[0]: path.read_bytes()
            for path in folder.iterdir() if MATERIAL.match(path.name)}


def _with_originals(page, served) -> list:
    """Answer the subsets' requests with Material's whole files; return the
    list of what was so answered."""
    originals, answered = _originals(served), []

    def answer(route):
        kind = SUBSET.search(route.request.url).group(1)
        answered.append(kind)
        route.fulfill(status=200, content_type="text/css", body=originals[kind])

    page.route(SUBSET, answer)
    return answered


# Every element, once per kind: elements with the same path of tags and
# classes from the root, the same place among their siblings (first, last,
# even) and the same attributes are styled alike, so that a table's
# hundredth row is not read again.
STYLES = """() => {
  const names = Array.from(getComputedStyle(document.documentElement)).filter(name => !name.startsWith("--"));
  const paths = new Map([[null, ""]]);
  const seen = new Set();
  const styles = [];
  for (const element of document.querySelectorAll("*")) {
    const parent = element.parentElement;
    const index = parent ? Array.prototype.indexOf.call(parent.children, element) : 0;
    const place = (index === 0 ? "^" : "") + (parent && index === parent.children.length - 1 ? "$" : "") + (index % 2);
    const label = element.tagName.toLowerCase() + (element.id ? "#" + element.id : "") +
      (typeof element.className === "string" && element.className.trim()
        ? "." + element.className.trim().split(/\\s+/).join(".") : "") +
      "[" + Array.from(element.attributes, attribute => attribute.name).filter(name => name !== "class" && name !== "id").sort().join(",") + "]";
    const path = paths.get(parent) + ">" + label + place;
    paths.set(element, path);
    if (seen.has(path)) { continue; }
    seen.add(path);
    const values = [];
    for (const pseudo of [null, "::before", "::after"]) {
      const computed = getComputedStyle(element, pseudo);
      for (const name of names) { values.push(computed.getPropertyValue(name)); }
    }
    styles.push([path, values.join("\\u0001")]);
  }
  return {names: names, styles: styles};
}"""


def _styles(browser, served, path: str, state: str, whole: bool) -> dict:
    dark = state == "sombre"
    context = browser.new_context(viewport=PHONE if state == "telephone" else DESKTOP,
                                  color_scheme="dark" if dark else "light",
                                  reduced_motion="reduce")
    page = context.new_page()
    answered = _with_originals(page, served) if whole else None
    if state == "impression":
        page.emulate_media(media="print")
    page.goto(served.url(path), wait_until="networkidle")
    if state == "telephone":
        page.click("label[for=__drawer].md-header__button")
    if state == "recherche":
        page.keyboard.press("/")
        page.keyboard.type("numérique")
        page.wait_for_selector(".md-search-result__item", timeout=15_000)
    page.wait_for_timeout(300)
    styles = page.evaluate(STYLES)
    if whole:
        assert sorted(answered) == ["main", "palette"], answered
    context.close()
    return styles


def _differences(cut: dict, whole: dict) -> list:
    """« path property : value with the subsets instead of value with the
    whole stylesheets », for each property of each element that differs."""
    names = [f"{pseudo}{name}" for pseudo in ("", "::before", "::after")
             for name in whole["names"]]
    found = []
    for (path, values), (_, expected) in zip(cut["styles"], whole["styles"]):
        if values == expected:
            continue
        for name, value, wanted in zip(names, values.split("\u0001"), expected.split("\u0001")):
            if value != wanted:
                found.append(f"{path} {name} : {value!r} au lieu de {wanted!r}")
    return found


def _cases():
    for (served, path), states in CASES.items():
        for state in states:
            yield pytest.param(served, path, state, id=f"{served}-{path or 'accueil'}-{state}")


@pytest.mark.parametrize("fixture, path, state", list(_cases()))
def test_page_looks_the_same_with_materials_whole_stylesheets(browser, request, fixture,
                                                              path, state):
    served = request.getfixturevalue(fixture)
    assert _originals(served), "le site ne garde pas les feuilles de Material"
    cut = _styles(browser, served, path, state, whole=False)
    whole = _styles(browser, served, path, state, whole=True)
    assert cut["names"] == whole["names"]
    assert [path for path, _ in cut["styles"]] == [path for path, _ in whole["styles"]]
    assert _differences(cut, whole)[:10] == []
