"""Publishing (outputs/document.py, pdf.py, pdftags.py, publish.py): the plan and the
workshop kit as PDF, the site's downloads, the custom domain."""

from __future__ import annotations

import io
import re
import shutil
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import ROOT, Site, build, built_or_fail, copy_template, missing_tool, pnt, run
from macros.plan.catalog import GRIDS, STEPS
from macros.plan.names import listed_name
from support import wording_problems

# The plan's home page is titled with the territory's name (as is the cover).
PLAN_SECTIONS = ["Avant-propos", "Qui a fait ce plan", "Besoins du territoire",
                 "Projets prioritaires",
                 "Indicateurs et suivi", "Traçabilité\u00a0: des besoins aux résultats",
                 "Annexes\u00a0: les grilles de la démarche"]


def squeeze(text: str) -> str:
    """Text without spaces nor hyphens: line breaks and hyphenation disappear."""
    return re.sub(r"[\s\-\u00ad\u2010\u2011]+", "", text)


def pdf_text(reader: PdfReader) -> str:
    return squeeze(" ".join(page.extract_text() or "" for page in reader.pages))


def outline_titles(reader: PdfReader, entries=None, depth=0) -> list:
    titles = []
    for entry in reader.outline if entries is None else entries:
        if isinstance(entry, list):
            titles += outline_titles(reader, entry, depth + 1)
        else:
            titles.append((depth, entry.title))
    return titles


def structure_types(node, seen=None) -> set:
    """Every /S (structure type) in the structure tree."""
    seen = set() if seen is None else seen
    node = node.get_object() if hasattr(node, "get_object") else node
    if isinstance(node, dict):
        if "/S" in node:
            seen.add(str(node["/S"]))
        kids = node.get("/K")
        if kids is not None:
            structure_types(kids, seen)
    elif isinstance(node, list):
        for kid in node:
            structure_types(kid, seen)
    return seen


def resolved(node):
    return node.get_object() if hasattr(node, "get_object") else node


def struct_kids(element) -> list:
    """The structure elements directly under ``element`` (not MCIDs nor references)."""
    kids = resolved(resolved(element).get("/K"))
    kids = kids if isinstance(kids, list) else [] if kids is None else [kids]
    return [kid for kid in map(resolved, kids) if isinstance(kid, dict) and "/S" in kid]


def struct_elements(node, kind: str = None) -> list:
    """Every structure element under ``node`` (of type ``kind``), in document order."""
    found = []
    for kid in struct_kids(node):
        if kind is None or kid["/S"] == kind:
            found.append(kid)
        found += struct_elements(kid, kind)
    return found


def table_attributes(cell) -> dict:
    """The attribute object owned by /Table of a TH or TD (/A: a dict or an array)."""
    attributes = resolved(cell.get("/A"))
    for candidate in attributes if isinstance(attributes, list) else [attributes]:
        candidate = resolved(candidate)
        if isinstance(candidate, dict) and candidate.get("/O") == "/Table":
            return candidate
    return {}


def scopes(table) -> list:
    return [table_attributes(cell).get("/Scope") for cell in struct_elements(table, "/TH")]


def marked_texts(page) -> dict:
    """The text of each marked-content sequence of a page, by MCID."""
    texts, stack = {}, []

    def before(operator, operands, cm, tm):
        if operator in (b"BDC", b"BMC"):
            properties = resolved(operands[1]) if operator == b"BDC" else None
            stack.append(properties.get("/MCID") if isinstance(properties, dict) else None)
        elif operator == b"EMC" and stack:
            stack.pop()

    def text(chunk, *_):
        if stack and stack[-1] is not None:
            texts[stack[-1]] = texts.get(stack[-1], "") + chunk

    page.extract_text(visitor_operand_before=before, visitor_text=text)
    return texts


def element_text(element, texts: dict) -> str:
    """The text of a structure element, from ``marked_texts`` of its page."""
    parts = []
    for kid in resolved(resolved(element).get("/K")) or []:
        kid = resolved(kid)
        if isinstance(kid, int):
            parts.append(texts.get(kid, ""))
        elif isinstance(kid, dict) and "/S" in kid:
            parts.append(element_text(kid, texts))
        elif isinstance(kid, dict) and "/MCID" in kid:
            parts.append(texts.get(kid["/MCID"], ""))
    return " ".join(" ".join(parts).split())


def only_pdf(folder: Path, prefix: str) -> Path:
    files = sorted(folder.glob(f"{prefix}*.pdf"))
    assert len(files) == 1, files
    return files[0]


# --- the plan as PDF ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def project_with_pdf(tmp_path_factory) -> Path:
    project = copy_template(tmp_path_factory.mktemp("pdf") / "projet")
    for command in ("pdf", "trousse"):
        result = pnt([command], project)
        assert result.returncode == 0, result.stdout + result.stderr
    return project


@pytest.fixture(scope="module")
def plan_pdf(project_with_pdf) -> PdfReader:
    return PdfReader(only_pdf(project_with_pdf / "telechargements", "plan-numerique-"))


def test_plan_pdf_is_named_after_the_territory_and_adoption(project_with_pdf, example):
    path = only_pdf(project_with_pdf / "telechargements", "plan-numerique-")
    adopted = example.data["territoire"]["date_adoption"].iso
    assert path.name == f"plan-numerique-mrc-de-la-vallee-des-cedres-{adopted}.pdf"


def test_plan_pdf_is_tagged_french_and_titled(plan_pdf, example):
    root = plan_pdf.trailer["/Root"]
    assert root["/Lang"] == "fr-CA"
    assert example.data["territoire"]["nom"] in plan_pdf.metadata["/Title"]
    assert root["/MarkInfo"]["/Marked"]
    types = structure_types(root["/StructTreeRoot"])
    assert {"/Table", "/TH", "/TD", "/H1", "/P"} <= types


def test_plan_pdf_has_a_bookmark_per_section_and_project(plan_pdf, example):
    titles = outline_titles(plan_pdf)
    top = [title for depth, title in titles if depth == 0]
    for section in PLAN_SECTIONS:
        assert section in top
    every = " ".join(title for _, title in titles)
    for project in example.data["projets"]:
        assert f"{project['id']} — {project['titre']}" in every


def test_plan_pdf_text_holds_every_project_and_indicator(plan_pdf, example):
    text = pdf_text(plan_pdf)
    assert 20 <= len(plan_pdf.pages) <= 120
    for project in example.data["projets"]:
        assert squeeze(project["titre"]) in text
    for indicator in example.data["indicateurs"]:
        assert squeeze(indicator["libelle"]) in text
    assert squeeze("Adopté le 11 juin 2025") in text


def test_plan_pdf_wording_follows_french_usage(plan_pdf):
    """The wording rules of the site's pages (« le 31 mars », « 0 foyer », « de la
    MRC », a range with its unit on each bound, « atteint » said once…) hold
    in the PDF. pypdf may turn no-break spaces into spaces: only the wording
    is checked here, the spaces are checked on the site."""
    problems = []
    for number, page in enumerate(plan_pdf.pages, start=1):
        text = re.sub(r"-\n", "", page.extract_text() or "")  # a word hyphenated at a line end
        problems += [f"page {number} : {p}" for p in wording_problems(text)]
    assert not problems, "\n".join(problems[:20])


def page_text(reader: PdfReader, number: int) -> str:
    return squeeze(reader.pages[number - 1].extract_text() or "")


def test_plan_pdf_cover_states_period_and_adoption(plan_pdf, example):
    territory = example.data["territoire"]
    cover = page_text(plan_pdf, 1)
    assert squeeze(territory["nom"]) in cover
    assert squeeze(territory["slogan"]) in cover
    assert squeeze(f"Période {territory['periode_debut']}–{territory['periode_fin']}") in cover
    assert squeeze(f"Adopté le {territory['date_adoption'].french}") in cover
    assert squeeze(f"résolution {territory['resolution']}") in cover
    assert squeeze("Exemple fictif") in cover


def outline_pages(reader: PdfReader, entries=None, depth=0) -> list:
    """(depth, title, page number) of each bookmark."""
    found = []
    for entry in reader.outline if entries is None else entries:
        if isinstance(entry, list):
            found += outline_pages(reader, entry, depth + 1)
        else:
            found.append((depth, entry.title, reader.get_destination_page_number(entry) + 1))
    return found


def contents_text(reader: PdfReader) -> str:
    """The table of contents: from page 2 to the page before the first section."""
    first_section = outline_pages(reader)[1][2]  # [0] is the cover
    return "".join(page_text(reader, number) for number in range(2, first_section))


def test_plan_pdf_has_contents_with_page_numbers(plan_pdf, example):
    contents = contents_text(plan_pdf)
    assert squeeze("Table des matières") in contents
    for section in PLAN_SECTIONS:
        assert re.search(re.escape(squeeze(section)) + r"\.*\d+", contents), section
    # Two levels, each with the page its heading is on: the sections and their h2
    # (the orientations of the projects, the priorities of the needs…).
    entries = [(title, page) for depth, title, page in outline_pages(plan_pdf)[1:]
               if depth <= 1]
    for orientation in example.data["orientations"]:
        assert f"Orientation {orientation['id']} — {orientation['titre']}" in dict(entries)
    assert len(entries) > 3 * len(PLAN_SECTIONS)
    for title, page in entries:
        assert re.search(re.escape(squeeze(title)) + rf"\.*{page}(?!\d)", contents), title


def test_plan_pdf_front_matter_follows_the_contents(plan_pdf, example):
    """Cover, contents, then the forewords and « Qui a fait ce plan »."""
    top = [(title, page) for depth, title, page in outline_pages(plan_pdf) if depth == 0]
    assert [title for title, _ in top[1:3]] == ["Avant-propos", "Qui a fait ce plan"]
    forewords = page_text(plan_pdf, top[1][1])
    assert squeeze(example.data["avant_propos"][0]["titre"]) in forewords
    credits = "".join(page_text(plan_pdf, n) for n in range(top[2][1], top[3][1]))
    assert squeeze(example.data["credits"][0]["nom"]) in credits


# --- typesetting: links, headings, indicator sheets, wide tables ---------------------------

def text_colours(page) -> list:
    """(text, fill colour as (r, g, b)) of each piece of text drawn on a page."""
    drawn, state = [], {"colour": (0.0, 0.0, 0.0), "saved": []}

    def before(operator, operands, cm, tm):
        if operator == b"rg":
            state["colour"] = tuple(round(float(v), 3) for v in operands)
        elif operator == b"g":
            state["colour"] = (round(float(operands[0]), 3),) * 3
        elif operator == b"q":
            state["saved"].append(state["colour"])
        elif operator == b"Q" and state["saved"]:
            state["colour"] = state["saved"].pop()

    def text(chunk, *_):
        if chunk.strip():
            drawn.append((chunk, state["colour"]))

    page.extract_text(visitor_operand_before=before, visitor_text=text)
    return drawn


def test_plan_pdf_links_print_as_text_not_blue(plan_pdf, example):
    """The orientations are links (to their projects): printed in the text's colour."""
    page = plan_pdf.pages[plan_pdf.get_destination_page_number(
        plan_pdf.named_destinations["orientations"])]
    drawn = text_colours(page)
    titles = [squeeze(o["titre"]) for o in example.data["orientations"]]
    colours = {colour for chunk, colour in drawn
               if squeeze(chunk) and any(squeeze(chunk) in title for title in titles)}
    assert colours, [chunk for chunk, _ in drawn]
    for red, green, blue in colours:
        assert blue - min(red, green) < 0.1, (red, green, blue)


@pytest.fixture(scope="module")
def first_pages_png(project_with_pdf) -> list:
    """The cover and the first page of contents rendered by pdftoppm (kept beside the
    PDF: plan-page-1.png, plan-page-2.png)."""
    if shutil.which("pdftoppm") is None:
        missing_tool("pdftoppm est introuvable (paquet Debian poppler-utils)")
    from PIL import Image

    path = only_pdf(project_with_pdf / "telechargements", "plan-numerique-")
    stem = project_with_pdf / "rendu" / "plan-page"
    stem.parent.mkdir(exist_ok=True)
    result = run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "2", str(path), str(stem)],
                 ROOT)
    assert result.returncode == 0, result.stderr
    files = sorted(stem.parent.glob("plan-page-*.png"))
    assert len(files) == 2, files
    return [Image.open(file).convert("RGB") for file in files]


def blue_share(image) -> float:
    """The share of an image's pixels that are clearly blue."""
    pixels = list(image.get_flattened_data())
    return sum(1 for red, green, blue in pixels if blue - max(red, green) > 60) / len(pixels)


def test_plan_pdf_cover_has_a_colour_band_and_contents_no_blue_links(first_pages_png):
    cover, contents = first_pages_png
    assert blue_share(cover) > 0.15  # the band under the territory's name
    assert blue_share(contents) == 0


def number_tree(node, found=None) -> dict:
    found = {} if found is None else found
    node = resolved(node)
    numbers = node.get("/Nums", [])
    for index in range(0, len(numbers), 2):
        found[int(numbers[index])] = resolved(numbers[index + 1])
    for kid in node.get("/Kids", []):
        number_tree(kid, found)
    return found


def page_content(reader: PdfReader, page, parents: dict) -> list:
    """(kind, text) of each marked content of a page's body, in the order drawn; kind
    is "lead-in" for a heading or a caption (of a table or a chart), else "content".
    Running headers and page numbers (under a /NonStruct of the /Document) are left out."""
    elements = parents.get(int(page["/StructParents"]), [])
    order, stack = [], []

    def before(operator, operands, cm, tm):
        if operator == b"BDC":
            properties = resolved(operands[1])
            stack.append(properties.get("/MCID") if isinstance(properties, dict) else None)
            if stack[-1] is not None:
                order.append([stack[-1], ""])
        elif operator == b"BMC":
            stack.append(None)
        elif operator == b"EMC" and stack:
            stack.pop()

    def text(chunk, *_):
        if stack and stack[-1] is not None and order and order[-1][0] == stack[-1]:
            order[-1][1] += chunk

    page.extract_text(visitor_operand_before=before, visitor_text=text)
    content = []
    for mcid, chunk in order:
        kinds, element = [], resolved(elements[mcid]) if mcid < len(elements) else None
        while isinstance(element, dict) and "/S" in element:
            kinds.append(str(element["/S"]))
            parent = resolved(element.get("/P"))
            if kinds[-1] == "/NonStruct" and str(parent.get("/S")) == "/Document":
                kinds = None
                break
            element = parent
        if kinds is None:
            continue
        lead_in = any(kind in ("/H1", "/H2", "/H3", "/H4", "/Caption") for kind in kinds)
        lead_in |= squeeze(chunk) == squeeze("Les données du graphique en tableau")
        content.append(("lead-in" if lead_in else "content", chunk))
    return content


def test_plan_pdf_no_page_ends_with_a_heading_or_a_caption(plan_pdf):
    """A heading, a chart's title or « Les données du graphique en tableau » is on the
    page of what it introduces; no page holds only headings."""
    parents = number_tree(structure_root(plan_pdf)["/ParentTree"])
    stranded = []
    for number, page in enumerate(plan_pdf.pages, start=1):
        content = page_content(plan_pdf, page, parents)
        if content and content[-1][0] == "lead-in":
            stranded.append((number, " ".join(text for _, text in content[-2:])[-80:]))
    assert not stranded


def test_plan_pdf_indicator_sheets_share_pages(plan_pdf, example):
    """Two or three sheets a page: 13 sheets took 8 pages (41 to 48) before."""
    indicators = example.data["indicateurs"]
    destinations = plan_pdf.named_destinations
    first = plan_pdf.get_destination_page_number(destinations[indicators[0]["id"].lower()])
    after = plan_pdf.get_destination_page_number(destinations["mecanismes"])
    assert after - first + 1 <= len(indicators) / 2.5 + 1


def test_plan_pdf_wide_tables_are_on_landscape_pages(plan_pdf):
    wide = [table for table in struct_elements(structure_root(plan_pdf), "/Table")
            if [kid["/S"] for kid in struct_kids(table)][:2].count("/THead")
            and len(struct_elements(next(kid for kid in struct_kids(table)
                                         if kid["/S"] == "/THead"), "/TH")) >= 8]
    assert len(wide) >= 3
    pages = {page.indirect_reference.idnum: page for page in plan_pdf.pages}
    for table in wide:
        page = pages[table.raw_get("/Pg").idnum]
        assert float(page.mediabox.width) > float(page.mediabox.height)


def test_plan_pdf_pages_have_running_headers_and_numbers(plan_pdf, example):
    total = len(plan_pdf.pages)
    territory = squeeze(example.data["territoire"]["nom"])
    for number in (3, total // 2, total):
        text = page_text(plan_pdf, number)
        assert squeeze(f"Page {number} de {total}") in text
        assert territory in text
    assert squeeze("Page 1 de") not in page_text(plan_pdf, 1)


def test_plan_pdf_holds_the_charts_of_the_plan_pages(plan_pdf, example_site):
    text = pdf_text(plan_pdf)
    titles = [title.get_text(" ", strip=True)
              for page in ("plan/", "plan/projets/", "plan/indicateurs/")
              for title in example_site.soup(page).select(".pnt-graphique__titre")]
    assert titles
    for title in titles:
        assert squeeze(title) in text, title
    assert squeeze("n'est pas encore produite") not in text


def test_wide_grids_print_on_landscape_pages(plan_pdf):
    shapes = {(float(p.mediabox.width) > float(p.mediabox.height)) for p in plan_pdf.pages}
    assert shapes == {True, False}


# What only the plan's authors read (file names, commands, the guide's advice):
# never in the document a council votes on.
AUTHOR_WORDS = ("data/", ".yml", "Remplissez", "Démarrer votre plan", "Publier votre plan",
                "Comment remplir", "Ce qui manque encore", "pnt pdf", "pnt importer",
                "pnt trousse", "make pdf", "make verifier", ".venv/bin/", "gabarit",
                "une fois rempli", "Grille vierge")


def author_words(text: str) -> list:
    return [word for word in AUTHOR_WORDS if squeeze(word) in text]


def test_plan_pdf_has_no_word_meant_for_authors(plan_pdf):
    assert author_words(pdf_text(plan_pdf)) == []


def test_empty_plan_gives_a_short_pdf_that_says_what_is_missing(fresh_project, tmp_path):
    result = pnt(["pdf", "--sortie", str(tmp_path)], fresh_project)
    assert result.returncode == 0, result.stdout
    path = only_pdf(tmp_path, "plan-numerique-mrc-de-test-vierge-brouillon-")
    reader = PdfReader(path)
    assert len(reader.pages) <= 12
    text = pdf_text(reader)
    assert squeeze("Aucun projet prioritaire n'est encore inscrit") in text
    assert author_words(text) == []  # a citizen's words, even for a plan just started


# --- the cover's logo (data/logo.svg or data/logo.png) -------------------------------------

LOGOS = ROOT / "tests" / "fixtures" / "logos"


def test_cover_shows_the_logo_only_when_given(plan_pdf, example, tmp_path):
    from datetime import date

    from macros.outputs import document, printing
    from macros.outputs.pdf import PdfEngineMissing, write_pdf

    assert not plan_pdf.pages[0].images  # the example has no logo
    logo = printing.cover_logo(LOGOS / "valide", "data")
    assert logo.startswith("data:image/png;base64,")
    html = document.document_html("plan", example.data["territoire"], [], date(2026, 1, 5),
                                  False, logo)
    try:
        write_pdf(html, tmp_path / "couverture.pdf")
    except PdfEngineMissing as error:
        missing_tool(str(error))
    cover = PdfReader(tmp_path / "couverture.pdf").pages[0]
    assert len(cover.images) == 1
    assert squeeze(example.data["territoire"]["nom"]) in squeeze(cover.extract_text())


def test_logo_must_be_a_real_light_image(tmp_path):
    from macros.outputs.printing import LOGO_MAX_BYTES, LogoError, cover_logo

    assert cover_logo(tmp_path, "data") == ""  # no logo: nothing on the cover
    with pytest.raises(LogoError, match="^exemple/logo.png n'est pas une image PNG valide"):
        cover_logo(LOGOS / "abime", "exemple")
    with pytest.raises(LogoError, match="^data/logo.svg n'est pas une image SVG valide"):
        cover_logo(LOGOS / "pas-svg", "data")
    (tmp_path / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" '
                                       'viewBox="0 0 10 10"><rect width="10" height="10"/>'
                                       "</svg>", encoding="utf-8")
    assert cover_logo(tmp_path, "data").startswith("data:image/svg+xml;base64,")
    (tmp_path / "logo.svg").write_bytes(b"<svg>" + b" " * LOGO_MAX_BYTES + b"</svg>")
    with pytest.raises(LogoError, match="^data/logo.svg est trop lourd \\(2\u00a0Mo"):
        cover_logo(tmp_path, "data")


def test_pdf_refuses_a_damaged_logo_in_french(tmp_path):
    project = copy_template(tmp_path / "projet")
    shutil.copytree(ROOT / "exemple", project / "data", dirs_exist_ok=True)
    shutil.copy2(LOGOS / "abime" / "logo.png", project / "data" / "logo.png")
    result = pnt(["pdf"], project)
    assert result.returncode == 1
    assert "data/logo.png n'est pas une image PNG valide" in result.stdout
    assert "Le PDF n'a pas été produit" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert not (project / "telechargements").exists()


def test_pdf_refuses_data_with_errors(tmp_path):
    project = copy_template(tmp_path / "projet")
    shutil.copytree(ROOT / "exemple", project / "data", dirs_exist_ok=True)
    needs = project / "data" / "03-besoins.yml"
    needs.write_text(needs.read_text(encoding="utf-8").replace(
        "priorite: 1", "priorite: haute", 1), encoding="utf-8")
    result = pnt(["pdf"], project)
    assert result.returncode == 1
    assert "« priorite » : « haute »" in result.stdout
    assert "Le PDF n'a pas été produit" in result.stdout
    assert not (project / "telechargements").exists()


def test_missing_pdf_engine_is_explained_in_french(monkeypatch, tmp_path):
    from macros.outputs import pdf

    monkeypatch.setitem(sys.modules, "weasyprint", None)
    with pytest.raises(pdf.PdfEngineMissing, match="moteur PDF"):
        pdf.write_pdf("<html></html>", tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_pdf_never_fetches_from_the_network():
    from macros.outputs.pdf import _local_only

    with pytest.raises(ValueError, match="ressource externe refusée"):
        _local_only("https://fonts.googleapis.com/css")


# --- the plan's table tags (PDF/UA-1) -----------------------------------------------------

def structure_root(reader: PdfReader):
    return reader.trailer["/Root"]["/StructTreeRoot"]


def test_plan_and_kit_header_cells_all_have_a_scope(plan_pdf, project_with_pdf):
    kit = PdfReader(only_pdf(project_with_pdf / "telechargements", "trousse-atelier-"))
    for reader in (plan_pdf, kit):
        headers = struct_elements(structure_root(reader), "/TH")
        assert len(headers) > 100
        missing = [cell for cell in headers if table_attributes(cell).get("/Scope")
                   not in ("/Column", "/Row", "/Both")]
        assert not missing, f"{len(missing)} TH sans /Scope sur {len(headers)}"


def test_plan_pdf_scopes_follow_the_html(plan_pdf):
    """Every TH of the plan's HTML is scope="col" in a thead or scope="row" in a
    row of data cells: the PDF says the same, table by table."""
    for table in struct_elements(structure_root(plan_pdf), "/Table"):
        for group in struct_kids(table):
            for row in struct_elements(group, "/TR"):
                cells = struct_kids(row)
                expected = "/Column" if group["/S"] == "/THead" else "/Row"
                assert any(cell["/S"] == "/TD" for cell in cells) == (expected == "/Row")
                assert {table_attributes(cell).get("/Scope") for cell in cells
                        if cell["/S"] == "/TH"} <= {expected}


def test_plan_pdf_municipalities_table_has_column_and_row_headers(plan_pdf, example):
    page = plan_pdf.get_destination_page_number(plan_pdf.named_destinations["municipalites"])
    texts = marked_texts(plan_pdf.pages[page])
    tables = [table for table in struct_elements(structure_root(plan_pdf), "/Table")
              if table.raw_get("/Pg").idnum == plan_pdf.pages[page].indirect_reference.idnum
              and struct_kids(table)[0]["/S"] == "/Caption"
              and element_text(struct_kids(table)[0], texts) == "Municipalités du territoire"]
    assert len(tables) == 1
    head, body, foot = struct_kids(tables[0])[1:]
    assert [group["/S"] for group in (head, body, foot)] == ["/THead", "/TBody", "/TFoot"]
    columns = struct_elements(head, "/TH")
    assert [element_text(cell, texts) for cell in columns] == [
        "Municipalité", "Code", "Population"]
    assert scopes(head) == ["/Column"] * 3
    # Each listed with its former names: « Les Hauts-Cèdres (anciennement …) ».
    names = [listed_name(GRIDS["municipalites"], municipality)
             for municipality in example.data["municipalites"]]
    rows = struct_elements(body, "/TR")
    assert [element_text(struct_kids(row)[0], texts) for row in rows] == names
    assert [[cell["/S"] for cell in struct_kids(row)] for row in rows] == [
        ["/TH", "/TD", "/TD"]] * len(names)
    assert scopes(body) == ["/Row"] * len(names)
    assert element_text(struct_elements(foot, "/TH")[0], texts) == "Total"
    assert scopes(foot) == ["/Row"]


def test_plan_pdf_tables_hold_rows_and_captions_sit_at_an_end(plan_pdf):
    tables = struct_elements(structure_root(plan_pdf), "/Table")
    assert len(tables) > 50
    for table in tables:
        assert struct_elements(table, "/TR"), [kid["/S"] for kid in struct_kids(table)]
        kinds = [kid["/S"] for kid in struct_kids(table)]
        assert all(kind != "/Caption" for kind in kinds[1:-1]), kinds


# --- completing WeasyPrint's table tags (outputs/pdftags.py) ------------------------------

def weasyprint_pdf(body: str, style: str = "") -> bytes:
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as error:
        missing_tool(f"WeasyPrint est indisponible : {error}")
    html = (f'<html lang="fr-CA"><head><title>Essai</title><style>{style}</style></head>'
            f"<body>{body}</body></html>")
    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")


def table_tagger():
    try:
        from macros.outputs.pdftags import complete_table_tags
    except ImportError as error:
        missing_tool(f"pikepdf est indisponible : {error}")
    return complete_table_tags


def completed(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(table_tagger()(pdf)))


SCOPED_TABLE = """<table><caption>Essai</caption>
<thead><tr><th scope="col">Nom</th><th scope="col" colspan="2">Valeurs</th></tr></thead>
<tbody>
<tr><th scope="row">A</th><td>1</td><td>2</td></tr>
<tr><th scope="col">Partie</th><th scope="col">x</th><th scope="col">y</th></tr>
<tr><td>–</td><th scope="col">Note</th><td>–</td></tr>
<tr><th scope="row">B</th><td>3</td><td>4</td></tr>
</tbody>
<tfoot><tr><th scope="row">Total</th><td>4</td><td>6</td></tr></tfoot>
</table>"""


def test_table_tags_get_the_scope_of_the_html():
    raw = weasyprint_pdf(SCOPED_TABLE)
    assert scopes(structure_root(PdfReader(io.BytesIO(raw)))) == [None] * 9
    reader = completed(raw)
    table, = struct_elements(structure_root(reader), "/Table")
    # Nom, Valeurs | A | Partie, x, y | Note (scope="col" beside data cells) | B | Total
    assert scopes(table) == ["/Column", "/Column", "/Row", "/Column", "/Column", "/Column",
                             "/Column", "/Row", "/Row"]
    spanning = struct_elements(table, "/TH")[1]
    assert table_attributes(spanning) == {"/O": "/Table", "/ColSpan": 2, "/Scope": "/Column"}
    assert len(reader.pages) == 1 and reader.trailer["/Root"]["/MarkInfo"]["/Marked"]


def test_table_tags_merge_with_existing_attributes():
    table_tagger()
    import pikepdf
    from pikepdf import Array, Dictionary, Name

    layout = Dictionary(O=Name.Layout, Placement=Name.Block)
    with pikepdf.open(io.BytesIO(weasyprint_pdf(SCOPED_TABLE))) as document:
        headers, stack = {}, [document.Root.StructTreeRoot]
        while stack:
            kids = stack.pop().get("/K")
            for kid in kids if isinstance(kids, Array) else [kids] if kids else []:
                if isinstance(kid, Dictionary) and "/S" in kid:
                    stack.append(kid)
                    if kid.S == Name.TH:
                        headers[str(kid.ID).split("-", 1)[1]] = kid
        headers["0-0"].A = Array([layout, headers["0-0"].A])   # Nom: Layout, then Table
        headers["0-1"].A = layout                               # Valeurs: Layout only
        headers["1-0"].A.Scope = Name.Both                      # A: a scope already
        output = io.BytesIO()
        document.save(output)
    cells = {str(cell["/ID"]).split("-", 1)[1]: cell
             for cell in struct_elements(structure_root(completed(output.getvalue())), "/TH")}
    nom, valeurs = resolved(cells["0-0"]["/A"]), resolved(cells["0-1"]["/A"])
    assert [resolved(a)["/O"] for a in nom] == ["/Layout", "/Table"]
    assert [resolved(a)["/O"] for a in valeurs] == ["/Layout", "/Table"]
    assert resolved(nom[0])["/Placement"] == "/Block"
    assert table_attributes(cells["0-0"])["/Scope"] == "/Column"
    assert table_attributes(cells["0-1"])["/Scope"] == "/Column"
    assert table_attributes(cells["1-0"])["/Scope"] == "/Both"
    assert all(table_attributes(cell)["/Scope"] in ("/Column", "/Row")
               for key, cell in cells.items() if key not in ("0-0", "0-1", "1-0"))


LONE_CAPTION_STYLE = """@page { size: 400px 300px; margin: 0 } body { margin: 0 }
caption, th, td { font-size: 10px; line-height: 20px; padding: 0 }
tr { height: 60px; break-inside: avoid }"""

LONE_CAPTION = """<div style="height: 270px"></div>
<table><caption>Suite</caption>
<thead><tr><th scope="col">A</th><th scope="col">B</th></tr></thead>
<tbody><tr><th scope="row">x</th><td>1</td></tr><tr><th scope="row">y</th><td>2</td></tr>
</tbody></table>
<table><caption>Seule</caption></table>"""


def test_caption_left_alone_on_a_page_joins_its_table():
    raw = weasyprint_pdf(LONE_CAPTION, LONE_CAPTION_STYLE)
    before = PdfReader(io.BytesIO(raw))
    assert len(before.pages) == 2
    shapes = [[kid["/S"] for kid in struct_kids(table)]
              for table in struct_elements(structure_root(before), "/Table")]
    assert shapes == [["/Caption"], ["/THead", "/TBody"], ["/Caption"]]
    after = completed(raw)
    root = structure_root(after)
    table, = struct_elements(root, "/Table")
    caption, *rows = struct_kids(table)
    assert caption["/S"] == "/Caption"
    assert caption.raw_get("/P").idnum == table.indirect_reference.idnum
    assert [group["/S"] for group in rows] == ["/THead", "/TBody"]
    assert element_text(caption, marked_texts(after.pages[0])) == "Suite"
    # the caption of a table without rows becomes a paragraph
    lone, = [div for div in struct_elements(root, "/Div") if struct_kids(div)]
    assert [kid["/S"] for kid in struct_kids(lone)] == ["/P"]
    assert element_text(lone, marked_texts(after.pages[1])) == "Seule"


def test_table_tags_leave_a_pdf_without_tables_unchanged():
    raw = weasyprint_pdf("<p>Rien</p>")
    assert "/P" in structure_types(structure_root(PdfReader(io.BytesIO(raw))))
    assert table_tagger()(raw) == raw


# --- the workshop kit --------------------------------------------------------------------------

def test_kit_has_every_grid_blank_with_its_help(project_with_pdf, example):
    reader = PdfReader(only_pdf(project_with_pdf / "telechargements", "trousse-atelier-"))
    text = pdf_text(reader)
    for step in STEPS[1:]:
        for number, grid in enumerate(step.grids, start=1):
            assert squeeze(f"Grille {step.number}.{number} — {grid.title}") in text
            assert squeeze(grid.columns[0].help) in text
    territory = example.data["territoire"]["nom"]
    actor = next(a["nom"] for a in example.data["acteurs"] if territory not in a["nom"])
    assert squeeze(actor) not in text  # blank worksheets, not the example's rows
    landscape = [float(p.mediabox.width) > float(p.mediabox.height) for p in reader.pages]
    assert any(landscape) and not all(landscape)


CM = 72 / 2.54  # PDF points in a centimetre
MARGIN_BAND = 45  # points: the running headers and page numbers sit in this band


@pytest.fixture(scope="module")
def kit_pdf(project_with_pdf) -> PdfReader:
    return PdfReader(only_pdf(project_with_pdf / "telechargements", "trousse-atelier-"))


def placed_texts(page) -> list:
    """(x, y, text) of each text run of a page, in points from the bottom left."""
    found = []

    def visit(text, cm, tm, *_):
        if text.strip():
            found.append((tm[4] * cm[0] + tm[5] * cm[2] + cm[4],
                          tm[4] * cm[1] + tm[5] * cm[3] + cm[5], text.strip()))

    page.extract_text(visitor_text=visit)
    return found


def body_texts(page) -> list:
    """``placed_texts`` without the running headers and the page number."""
    height = float(page.mediabox.height)
    return [t for t in placed_texts(page) if MARGIN_BAND < t[1] < height - MARGIN_BAND]


def kit_pages(reader: PdfReader) -> list:
    """The pages after the cover and the contents."""
    return reader.pages[2:]


def page_of(reader: PdfReader, text: str):
    pages = [p for p in kit_pages(reader)
             if any(t[2].startswith(text) for t in body_texts(p))]
    assert pages, text
    return pages[0]


def test_kit_step_titles_share_their_page_with_the_first_grid(kit_pdf):
    titles = {squeeze(f"Étape {s.number} — {s.title}") for s in STEPS[1:]}
    for number, page in enumerate(kit_pages(kit_pdf), start=3):
        body = squeeze(" ".join(t[2] for t in body_texts(page)))
        assert body and body not in titles, f"page {number} holds only a heading"
    for step in STEPS[1:]:
        page = page_of(kit_pdf, f"Étape {step.number} — {step.title}")
        first = f"Grille {step.number}.1 — {step.grids[0].title}"
        assert any(t[2] == first for t in body_texts(page)), first
        if step.grids[0].layout == "tableau":
            assert float(page.mediabox.width) > float(page.mediabox.height), first


def test_kit_blank_tables_fit_their_page_without_a_page_of_headings(kit_pdf):
    """A page repeating a table's headings for a row or two is paper for nothing:
    each blank table's heading row (labels and helps) is printed once."""
    texts = [squeeze(page.extract_text() or "") for page in kit_pages(kit_pdf)]
    tables = [g for g in GRIDS.values() if g.layout == "tableau" and g.step > 0]
    assert tables
    for grid in tables:
        parts = [squeeze(part) for c in grid.columns if not c.note
                 for part in (c.label, c.help)]
        holding = [n for n, text in enumerate(texts) if all(p in text for p in parts)]
        assert len(holding) == 1, (grid.key, [n + 3 for n in holding])


def field_gaps(page, grid) -> dict:
    """{column key: points from its label to the next field's label} on ``page``."""
    labels = {t[2]: t[1] for t in body_texts(page)}
    columns = [c for c in grid.columns if not c.note and c.label in labels]
    return {a.key: labels[a.label] - labels[b.label] for a, b in zip(columns, columns[1:])
            if labels[a.label] > labels[b.label]}


def test_kit_long_text_fields_get_several_centimetres(kit_pdf):
    measured = 0
    for grid in GRIDS.values():
        if grid.layout not in ("fiche", "fiches") or grid.step == 0:
            continue
        gaps = field_gaps(page_of(kit_pdf, f"Grille {grid.number} — {grid.title}"), grid)
        kinds = {c.key: c.kind.name for c in grid.columns}
        for key, gap in gaps.items():
            if kinds[key] == "texte_long":
                assert gap >= 4 * CM, (grid.key, key, gap / CM)
                measured += 1
            elif kinds[key] in ("texte", "choix", "date", "entier"):
                assert gap < 2.5 * CM, (grid.key, key, gap / CM)
    assert measured >= 3  # vision, the diagnosis' synthesis, a project's description


def test_kit_long_text_columns_are_the_widest(kit_pdf):
    """Column widths follow the kind of field: « Ce qui en ressort » of the
    consultations is the widest column, not the narrowest."""
    checked = []
    for grid in GRIDS.values():
        long = [c for c in grid.columns if c.kind.name == "texte_long" and not c.note]
        if grid.layout != "tableau" or grid.step == 0 or not long:
            continue
        page = page_of(kit_pdf, f"Grille {grid.number} — {grid.title}")
        texts = body_texts(page)
        state = next(t for t in texts if t[2] == "Grille vierge, à remplir")
        top = max(t[1] for t in texts if t[1] < state[1] - 1)
        starts = sorted(t[0] for t in texts if abs(t[1] - top) < 1)
        columns = [c for c in grid.columns if not c.note]
        assert len(starts) == len(columns), (grid.key, starts)
        left = min(t[0] for t in placed_texts(page))  # the running header's margin
        edges = starts + [float(page.mediabox.width) - left]
        widths = {c.key: b - a for c, a, b in zip(columns, edges, edges[1:])}
        for column in long:
            assert widths[column.key] == max(widths.values()), (grid.key, widths)
        checked.append(grid.key)
    assert "consultations" in checked


# --- the site offers the downloads --------------------------------------------------------------

@pytest.fixture(scope="module")
def site_with_pdf(project_with_pdf) -> Site:
    out = project_with_pdf / "site"
    return Site(built_or_fail(build(project_with_pdf, out), out))


def test_plan_page_links_to_the_pdf_with_its_size(project_with_pdf, site_with_pdf):
    path = only_pdf(project_with_pdf / "telechargements", "plan-numerique-")
    link = site_with_pdf.soup("plan/").find("a", string=re.compile("Télécharger le plan"))
    assert link["href"] == f"../telechargements/{path.name}"
    assert re.search(r"\(PDF, [\d,]+\u00a0(ko|Mo)\)", link.get_text())
    published = site_with_pdf.folder / "telechargements" / path.name
    assert published.read_bytes() == path.read_bytes()
    kit = site_with_pdf.soup("trousse-atelier/").find(
        "a", string=re.compile("Télécharger la trousse"))
    assert (site_with_pdf.folder / "trousse-atelier" / kit["href"]).resolve().exists()


def test_without_pdf_the_site_explains_how_to_get_it(example_site, territory_site):
    """To the authors (the template's site, the preview); a citizen sees no note."""
    page = example_site.soup("plan/")
    assert page.find("a", string=re.compile("Télécharger")) is None
    notes = " ".join(p.get_text() for p in page.select(".pnt-telechargement"))
    assert "(commande make pdf)" in notes
    public = territory_site.soup("")
    assert public.find("a", string=re.compile("Télécharger")) is None
    assert [p.get_text(" ", strip=True) for p in public.select(".pnt-telechargement")] == [
        "Les données ouvertes du plan"]


def test_custom_domain_from_the_data_gives_cname(tmp_path):
    project = copy_template(tmp_path / "projet")
    data = project / "data"
    shutil.copytree(ROOT / "exemple", data, dirs_exist_ok=True)
    territory = data / "territoire.yml"
    territory.write_text(territory.read_text(encoding="utf-8").replace(
        "territoire:\n", "territoire:\n  site_url: https://plannumerique.mrc-exemple.qc.ca/\n",
        1), encoding="utf-8")
    site = Site(built_or_fail(build(project, project / "site"), project / "site"))
    assert (site.folder / "CNAME").read_text() == "plannumerique.mrc-exemple.qc.ca\n"
    canonical = site.soup("").find("link", rel="canonical")  # the home: the plan
    assert canonical["href"] == "https://plannumerique.mrc-exemple.qc.ca/"


def test_no_cname_on_github_io(example_site):
    from macros.outputs.publish import custom_domain

    assert not (example_site.folder / "CNAME").exists()
    assert custom_domain("https://mrc-exemple.github.io/plan/") is None
    assert custom_domain("https://plan.mrc.qc.ca/") == "plan.mrc.qc.ca"
