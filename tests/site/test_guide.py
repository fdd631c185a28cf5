"""The guide as a reader gets it: ten chapters of the same shape, in good French.

Checks are made on the built site (the ``article`` of each page, without the
grids and the example block, whose text comes from data), and on the Markdown
sources where that is the natural level (the grid macro calls).
"""

from __future__ import annotations

import copy
import re
from functools import lru_cache

import pytest
from spellchecker import SpellChecker

from conftest import ROOT
from macros.plan.catalog import GRIDS, STEPS
from support import TYPOGRAPHY, page_of, rows, typography_problems

CHAPTERS = [step for step in STEPS if step.number > 0]
WORD_LIST = ROOT / "tests" / "mots-du-projet.txt"

SECTIONS = ["Objectif", "Qui participe", "Tâches", "Livrables", "Conseils",
            "Pièges à éviter", "Les grilles de l'étape", "Exemple", "Sources utiles",
            "Étape suivante"]
OPTIONAL_SECTIONS = {"Sources utiles"}
MIN_WORDS = 700
NBSP, NNBSP = "\u00a0", "\u202f"

GRID_CALL = re.compile(r"grille\(")
GRID_LINE = re.compile(r'^\{\{ grille\("([a-z_]+)"\) \}\}$')

# Pages of the guide (written by hand); the plan pages are made from data.
GUIDE_PAGES = ["", "demarrer/", "etapes/", "etapes/coup-d-oeil/", "glossaire/",
               "sources/"] + [step.page[:-3] + "/" for step in CHAPTERS]

# Glossary anchors and how each term is written in the chapters. Case matters
# for acronyms only. « comité d'orientation » is an instance, not an orientation.
TERMS = {
    "objectif-50-10": (r"50/10", 0),
    "bailleur-de-fonds": (r"\bbailleurs? de fonds\b", re.I),
    "condition-de-reussite": (r"\bconditions? de réussite\b", re.I),
    "conseil-des-maires": (r"\bconseil des maires\b", re.I),
    "contribution-en-nature": (r"\bcontributions? en nature\b", re.I),
    "donnees-ouvertes": (r"\bdonnées ouvertes\b", re.I),
    "ffom": (r"\bFFOM\b", 0),
    "grille": (r"\bgrilles?\b", re.I),
    "indicateur": (r"\bindicateurs?\b", re.I),
    "instance": (r"\binstances?\b", re.I),
    "jalon": (r"\bjalons?\b", re.I),
    "mrc": (r"\bMRC\b", 0),
    "orientation": (r"(?<!comité d')(?<!comités d')\borientations?\b", re.I),
    "piste": (r"\bpistes?\b", re.I),
    "pnt": (r"\bplans? numériques? territoria(?:l|ux)\b|\bPNT\b", re.I),
    "porteur": (r"\bporteu(?:r|rs|se|ses)\b", re.I),
    "reddition-de-comptes": (r"\bredditions? de comptes\b", re.I),
    "resolution": (r"\brésolutions?\b", re.I),
    "territoire-equivalent": (r"\bterritoires? équivalents?\b", re.I),
    "valeur-de-depart": (r"\bvaleurs? de départ\b", re.I),
    "vision-commune": (r"\bvision commune\b", re.I),
    "commit": (r"\bcommit\b", re.I),
    "depot": (r"\bdépôts?\b", re.I),
    "fork": (r"\bfork\b", re.I),
    "github": (r"\bGitHub\b", 0),
    "yaml": (r"\bYAML\b", 0),
}

BLOCKS = ("p", "li", "td", "th", "h1", "h2", "h3", "h4", "caption", "dt", "dd",
          "blockquote", "pre", "div", "table", "tr")
URL = re.compile(r"\b(?:https?://|www\.)\S+")


def source_of(step) -> str:
    return (ROOT / "docs" / step.page).read_text(encoding="utf-8")


# --- reading the built pages -----------------------------------------------------------

def article(site, page: str):
    """The page's content, without the « ¶ » permalinks of its headings."""
    node = copy.copy(site.soup(page).find("article"))
    for link in node.select(".headerlink"):
        link.decompose()
    return node


def guidance(site, page: str):
    """The page's article without what comes from data: grids, charts, example."""
    node = copy.copy(article(site, page))
    for part in node.select(".pnt-grille, .pnt-graphique, .pnt-exemple"):
        part.decompose()
    return node


def prose_text(node, french_only: bool = False) -> str:
    """Running text: no code, no URL; inline elements joined, blocks on new lines.

    ``french_only`` also drops the parts marked in another language (the
    English labels of GitHub's buttons, ``lang="en"``).
    """
    node = copy.copy(node)
    for part in node.select("code, pre, script, style"):
        part.decompose()
    if french_only:
        for part in node.select("[lang]"):
            if not part["lang"].startswith("fr"):
                part.decompose()
    for block in node.find_all(BLOCKS):
        block.append("\n")
    return URL.sub(" ", node.get_text(""))


def word_count(node) -> int:
    return sum(1 for w in node.get_text(" ").split() if re.search(r"[^\W\d_]", w))


def sections(node) -> dict:
    """{h2 text: [elements up to the next h2]}."""
    result, current = {}, None
    for element in node.find_all(recursive=False) if node else []:
        if element.name == "h2":
            current = element.get_text("", strip=True)
            result[current] = []
        elif current is not None:
            result[current].append(element)
    return result


def h2_titles(node) -> list:
    return [h.get_text("", strip=True) for h in node.find_all("h2")]


# --- checkers (each has a negative control below) ----------------------------------------

@lru_cache(maxsize=1)
def dictionary() -> SpellChecker:
    checker = SpellChecker(language="fr", distance=1)
    words = [line.split("#")[0].strip().lower()
             for line in WORD_LIST.read_text(encoding="utf-8").splitlines()]
    checker.word_frequency.load_words([w for w in words if w])
    return checker


WORD = re.compile(r"[^\W\d_]+")
ROW_ID = re.compile(r"\b[A-Z]{1,2}-\d{2,}\b")  # B-01, PI-02, CD-03…


def unknown_words(text: str) -> set:
    """Words of ``text`` that neither the French dictionary nor the word list know.

    The dictionary writes « oe » where French writes « œ » (oeuvre): words are
    looked up that way, and the typography check requires « œ » in the text.
    """
    words = {w.lower().replace("œ", "oe").replace("æ", "ae")
             for w in WORD.findall(ROW_ID.sub(" ", text))}
    return dictionary().unknown(w for w in words if len(w) > 1)


def glossary_runs(node) -> list:
    """(text, href of the enclosing link or None) in reading order.

    Headings, code and the text of links to other pages are left out: a term's
    first use is looked for in the running text.
    """
    node = copy.copy(node)
    for part in node.select("h1, h2, h3, h4, code, pre"):
        part.decompose()
    for block in node.find_all(BLOCKS):
        block.append("\n")
    runs = []
    for string in node.find_all(string=True):
        link = string.find_parent("a")
        href = link.get("href", "") if link is not None else None
        if href is not None and not is_glossary_link(href):
            runs.append(("\n", None))
        else:
            runs.append((str(string), href))
    return runs


def is_glossary_link(href: str, anchor: str = "") -> bool:
    path, _, fragment = href.partition("#")
    return (path.rstrip("/").endswith("glossaire") or path.endswith("glossaire.html")) \
        and (not anchor or fragment == anchor)


def first_uses_not_linked(runs: list) -> list:
    """Glossary terms whose first use in ``runs`` is not a link to their entry."""
    text, owners = "", []
    for chunk, href in runs:
        text += chunk
        owners += [href] * len(chunk)
    missing = []
    for anchor, (pattern, flags) in TERMS.items():
        match = re.search(pattern, text, flags)
        if match is None:
            continue
        href = owners[match.start()]
        if href is None or not is_glossary_link(href, anchor):
            missing.append(f"{anchor} (« {match.group()} »)")
    return missing


# --- structure of the chapters ----------------------------------------------------------------

@pytest.mark.parametrize("step", CHAPTERS, ids=lambda s: s.slug)
def test_chapter_has_the_sections_in_order(example_site, step):
    found = h2_titles(guidance(example_site, page_of(step)))
    expected = [t for t in SECTIONS if t not in OPTIONAL_SECTIONS or t in found]
    assert found == expected


@pytest.mark.parametrize("step", CHAPTERS, ids=lambda s: s.slug)
def test_chapter_says_who_how_long_and_what_to_do(example_site, step):
    parts = sections(guidance(example_site, page_of(step)))
    who = parts["Qui participe"]
    assert any(s.get_text() == f"Durée indicative{NBSP}:" for e in who
               for s in e.find_all("strong")), "ligne « Durée indicative » absente"
    assert any(e.name == "ul" for e in who)
    tasks = [e for e in parts["Tâches"] if e.name == "ol"]
    assert tasks and len(tasks[0].find_all("li", recursive=False)) >= 5


@pytest.mark.parametrize("step", CHAPTERS, ids=lambda s: s.slug)
def test_deliverables_name_every_grid_of_the_step(example_site, step):
    parts = sections(guidance(example_site, page_of(step)))
    text = " ".join(e.get_text(" ") for e in parts["Livrables"])
    for grid in step.grids:
        assert f"«{NBSP}{grid.title}{NBSP}»" in text, grid.title


def grid_calls(step) -> list:
    """The grids a chapter embeds, from ``{{ grille("…") }}`` lines of its source."""
    return grid_calls_in(source_of(step), step.page)


def grid_calls_in(source: str, name: str) -> list:
    lines = source.splitlines()
    keys = []
    for number, line in enumerate(lines):
        if not GRID_CALL.search(line):
            continue
        match = GRID_LINE.match(line)
        assert match, f"{name}, ligne {number + 1} : appel de grille mal formé : {line}"
        assert 0 < number < len(lines) - 1, f"{name} : grille en bord de fichier"
        assert lines[number - 1] == "" and lines[number + 1] == "", \
            f"{name}, ligne {number + 1} : ligne vide requise avant et après"
        keys.append(match.group(1))
    return keys


def test_every_grid_appears_in_exactly_one_chapter_its_own():
    where = {}
    for step in CHAPTERS:
        keys = grid_calls(step)
        assert keys, f"{step.page} n'intègre aucune grille"
        unknown = [k for k in keys if k not in GRIDS]
        assert not unknown, f"{step.page} : grilles inconnues {unknown}"
        for key in keys:
            where.setdefault(key, []).append(step.number)
    expected = {g.key: [g.step] for g in GRIDS.values() if g.step > 0}
    assert where == expected


@pytest.mark.parametrize("step", CHAPTERS, ids=lambda s: s.slug)
def test_embedded_grids_are_in_the_built_chapter_with_how_to_fill(example_site, step):
    node = article(example_site, page_of(step))
    for key in grid_calls(step):
        block = node.find(id=f"grille-{key}")
        assert block is not None, key
        previous = block.find_previous_sibling(["h3", "p"])
        assert previous is not None and previous.name == "p"
        assert previous.get_text().startswith(f"Comment la remplir{NBSP}:"), key
        assert block.find_previous_sibling("h3").get_text("", strip=True) == \
            GRIDS[key].title


def test_grid_call_checker_rejects_a_malformed_call():
    """Negative control: a call without its blank lines or with other text is refused."""
    assert grid_calls_in('Texte\n\n{{ grille("besoins") }}\n\nSuite\n', "x.md") == [
        "besoins"]
    for text in ('Texte\n{{ grille("besoins") }}\n\nSuite\n',
                 'Texte\n\n{{ grille("besoins") }} et du texte\n\n',
                 "Texte\n\n{{ grille('besoins') }}\n\n"):
        with pytest.raises(AssertionError):
            grid_calls_in(text, "x.md")


# --- amount of guidance ---------------------------------------------------------------------

@pytest.mark.parametrize("step", CHAPTERS, ids=lambda s: s.slug)
def test_chapter_has_enough_guidance_besides_grids_and_example(example_site, step):
    node = guidance(example_site, page_of(step))
    whole = word_count(article(example_site, page_of(step)))
    words = word_count(node)
    assert words < whole  # the grids and the example were taken out
    assert words >= MIN_WORDS, f"{step.page} : {words} mots de guide"


# --- French: spelling and typography -----------------------------------------------------------

@pytest.mark.parametrize("page", GUIDE_PAGES)
def test_guide_prose_is_spelled_correctly(example_site, page):
    unknown = unknown_words(prose_text(guidance(example_site, page), french_only=True))
    assert not unknown, (f"{page or 'accueil'} : mots inconnus {sorted(unknown)} "
                         f"(corriger, ou ajouter à {WORD_LIST.name})")


def test_spelling_checker_flags_misspelled_words():
    assert unknown_words("Le consiel des maires adopte le plan numérque.") == {
        "consiel", "numérque"}
    assert unknown_words("Le conseil des maires adopte la mise en œuvre du plan.") == set()


def test_word_list_is_sorted_lowercase_and_needed():
    words = [line.split("#")[0].strip()
             for line in WORD_LIST.read_text(encoding="utf-8").splitlines()]
    words = [w for w in words if w]
    assert words == sorted(words) and all(w == w.lower() for w in words)
    plain = SpellChecker(language="fr", distance=1)
    assert not plain.known(words), "mots déjà connus du dictionnaire"


@pytest.mark.parametrize("page", GUIDE_PAGES)
def test_guide_prose_follows_french_typography(example_site, page):
    problems = typography_problems(prose_text(guidance(example_site, page)))
    assert not problems, "\n".join(problems[:10])


def test_typography_checker_flags_bad_sentences():
    bad = ('Voici la mise en oeuvre : le "plan" ; vraiment ? « Oui » ! Au coeur:'
           'du projet« x»')
    messages = {p.split(" : ")[0] for p in typography_problems(bad)}
    assert messages == {message for _, message in TYPOGRAPHY}
    good = f"Voici la mise en œuvre{NBSP}: le «{NBSP}plan{NBSP}»{NBSP}; vraiment{NNBSP}?"
    assert typography_problems(good) == []


@pytest.mark.parametrize("step", CHAPTERS, ids=lambda s: s.slug)
def test_example_block_follows_french_typography(example_site, step):
    """The example block as printed: its wording and the values from the data."""
    block = article(example_site, page_of(step)).find(id=f"exemple-etape-{step.number}")
    problems = typography_problems(prose_text(block))
    assert not problems, "\n".join(problems[:10])


def test_example_template_words_are_spelled_correctly():
    """The example block's own wording (its values come from the example data)."""
    source = (ROOT / "macros" / "templates" / "plan" / "example.html").read_text(
        encoding="utf-8")
    jinja = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
    tag = re.compile(r"<[^>]+>")
    assert not unknown_words(tag.sub(" ", jinja.sub(" ", source)))


# --- glossary -------------------------------------------------------------------------------

def test_glossary_has_an_entry_for_each_term(example_site):
    entries = {h["id"] for h in article(example_site, "glossaire/").find_all("h3")}
    assert entries == set(TERMS)


@pytest.mark.parametrize("step", CHAPTERS, ids=lambda s: s.slug)
def test_first_use_of_each_term_links_to_the_glossary(example_site, step):
    runs = glossary_runs(guidance(example_site, page_of(step)))
    assert not first_uses_not_linked(runs), page_of(step)


def test_glossary_check_flags_an_unlinked_first_use():
    """Negative control: the first use counts, not a later linked one."""
    runs = [("Le porteur du dossier, puis le ", None),
            ("porteur", "../../glossaire/#porteur"), (" encore.", None)]
    assert first_uses_not_linked(runs) == ["porteur (« porteur »)"]
    runs = [("Le ", None), ("porteur", "../../glossaire/#porteur"),
            (" du comité d'orientation.", None)]
    assert first_uses_not_linked(runs) == []
    runs = [("Le ", None), ("porteur", "../../glossaire/#mrc")]
    assert first_uses_not_linked(runs) == ["porteur (« porteur »)"]


# --- the example, drawn from exemple/ -----------------------------------------------------------

def example_block(site, step):
    return article(site, page_of(step)).find(id=f"exemple-etape-{step.number}")


def block_text(block) -> str:
    return " ".join(block.get_text(" ").split())


@pytest.mark.parametrize("which", ["example_site", "fresh_preview"])
def test_every_chapter_shows_the_example_territory(request, which, example):
    site = request.getfixturevalue(which)
    name = rows(example, "territoire")[0]["nom"]
    for step in CHAPTERS:
        block = example_block(site, step)
        assert block is not None, step.page
        assert name in block_text(block)
        assert block.find("a") is None, "l'exemple ne renvoie pas au plan du territoire"
        assert block.find_previous_sibling("h2").get_text("", strip=True) == "Exemple"


def need_facts(text: str) -> dict:
    return {"besoins": int(re.search(r"(\d+) besoins? retenus?", text).group(1)),
            "prioritaires": int(re.search(r"(\d+) prioritaires?", text).group(1))}


@pytest.mark.parametrize("which", ["example_site", "fresh_preview"])
def test_example_needs_match_the_example_data(request, which, example):
    site = request.getfixturevalue(which)
    step = STEPS[3]
    text = block_text(example_block(site, step))
    needs = rows(example, "besoins")
    assert need_facts(text) == {
        "besoins": len(needs),
        "prioritaires": sum(1 for b in needs if b["priorite"] == 1)}
    consultations = rows(example, "consultations")
    assert f"{len(consultations)} activités de consultation" in text
    total = sum(c.get("participants") or 0 for c in consultations)
    assert f"{total:,}".replace(",", " ") + " participations" in text
    for need in needs:
        assert (need["enonce"] in text) == (need["priorite"] == 1)


def test_example_stays_the_example_in_a_fresh_plan(fresh_preview, example):
    """The fresh plan has no needs; its chapter (in the preview: the guide is the
    authors') still shows the example's."""
    page = fresh_preview.soup("etapes/03-besoins/")
    assert "pnt-grille--vierge" in page.find(id="grille-besoins")["class"]
    text = block_text(example_block(fresh_preview, STEPS[3]))
    assert "Test-Vierge" not in text
    assert need_facts(text)["besoins"] == len(rows(example, "besoins")) > 0


def test_example_projects_show_their_porteur_and_cost(example_site, example):
    block = example_block(example_site, STEPS[6])
    actors = {a["id"]: a["nom"] for a in rows(example, "acteurs")}
    cells = {}
    for tr in block.find_all("tr"):
        header = tr.find("th", scope="row")
        if header is not None:
            cells[header.get_text(" ", strip=True)] = [
                td.get_text(" ", strip=True) for td in tr.find_all("td")]
    assert len(cells) == len(rows(example, "projets"))
    for project in rows(example, "projets"):
        rank, porteur, cost = cells[f"{project['id']} — {project['titre']}"]
        assert rank == str(project["rang"])
        assert porteur == actors[project["porteur"]]
        assert cost.split() == project["cout"].french.split()
    captions = [c.get_text(" ", strip=True) for c in block.find_all("caption")]
    assert [c.split(" — ")[0] for c in captions] == [
        f"Orientation {o['id']}" for o in rows(example, "orientations")]


def test_example_governance_and_evaluation_match_the_data(example_site, example):
    text = block_text(example_block(example_site, STEPS[1]))
    assert f"L'inventaire compte {len(rows(example, 'acteurs'))} acteurs," in text
    for instance in rows(example, "instances"):
        assert instance["nom"] in text
    text = block_text(example_block(example_site, STEPS[10]))
    assert f"{len(rows(example, 'mesures'))} mesures" in text
    for adjustment in rows(example, "ajustements"):
        assert adjustment["constat"].rstrip(".") in text


# --- pages around the chapters -------------------------------------------------------------------

def test_home_page_shows_the_ten_steps_as_a_path(example_site):
    heading = article(example_site, "").find(id="parcours")
    path = heading.find_next_sibling()
    assert path.name == "ol"
    links = [li.find("a")["href"] for li in path.find_all("li", recursive=False)]
    assert links == [f"{page_of(step)}" for step in CHAPTERS]


def test_at_a_glance_page_matches_the_chapters(example_site):
    table = article(example_site, "etapes/coup-d-oeil/").find("table")
    body = table.find("tbody").find_all("tr")
    assert len(body) == len(CHAPTERS)
    for tr, step in zip(body, CHAPTERS):
        cells = [td.get_text(" ", strip=True) for td in tr.find_all("td")]
        assert tr.find("a")["href"] == f"../{step.page.split('/')[-1][:-3]}/"
        for grid in step.grids:
            assert grid.title in cells[-1], (step.slug, grid.title)
        who = sections(guidance(example_site, page_of(step)))["Qui participe"]
        line = next(e for e in who if e.find("strong", string=f"Durée indicative{NBSP}:"))
        duration = line.get_text("").split(":", 1)[1].strip()
        first_clause = re.split(r"[.,;:]", duration)[0].strip()
        assert cells[2].lower() == first_clause.lower(), step.slug
