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

from conftest import ROOT, Site, build, built_or_fail, copy_template, missing_tool, pnt
from macros.plan.catalog import GRIDS, STEPS
from macros.plan.names import listed_name

PLAN_SECTIONS = ["Le plan numérique", "Besoins du territoire", "Projets prioritaires",
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


def page_text(reader: PdfReader, number: int) -> str:
    return squeeze(reader.pages[number - 1].extract_text() or "")


def test_plan_pdf_cover_states_period_and_adoption(plan_pdf, example):
    territory = example.data["territoire"]
    cover = page_text(plan_pdf, 1)
    assert squeeze(territory["nom"]) in cover
    assert squeeze(f"Période {territory['periode_debut']}–{territory['periode_fin']}") in cover
    assert squeeze(f"Adopté le {territory['date_adoption'].french}") in cover
    assert squeeze(f"résolution {territory['resolution']}") in cover
    assert squeeze("Exemple fictif") in cover


def test_plan_pdf_has_contents_with_page_numbers(plan_pdf):
    contents = page_text(plan_pdf, 2)
    assert squeeze("Table des matières") in contents
    for section in PLAN_SECTIONS:
        assert re.search(re.escape(squeeze(section)) + r"\.*\d+", contents), section


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


def test_empty_plan_gives_a_short_pdf_that_says_what_is_missing(fresh_project, tmp_path):
    result = pnt(["pdf", "--sortie", str(tmp_path)], fresh_project)
    assert result.returncode == 0, result.stdout
    path = only_pdf(tmp_path, "plan-numerique-mrc-de-test-vierge-brouillon-")
    reader = PdfReader(path)
    assert len(reader.pages) <= 12
    text = pdf_text(reader)
    assert squeeze("Ce qui manque encore") in text
    assert squeeze("Aucun projet prioritaire n'est encore inscrit") in text


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


def test_without_pdf_the_site_explains_how_to_get_it(example_site):
    page = example_site.soup("plan/")
    assert page.find("a", string=re.compile("Télécharger")) is None
    assert "pnt pdf" in page.find(class_="pnt-telechargement").get_text()


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
    canonical = site.soup("plan/").find("link", rel="canonical")
    assert canonical["href"] == "https://plannumerique.mrc-exemple.qc.ca/plan/"


def test_no_cname_on_github_io(example_site):
    from macros.outputs.publish import custom_domain

    assert not (example_site.folder / "CNAME").exists()
    assert custom_domain("https://mrc-exemple.github.io/plan/") is None
    assert custom_domain("https://plan.mrc.qc.ca/") == "plan.mrc.qc.ca"
