"""Helpers that several test modules share: rows of a loaded plan, plan data
built as the loader types it, reading charts back, the HTML checker, and
filling a workbook as a committee would."""

from __future__ import annotations

import datetime
import json
import re
import subprocess
from pathlib import Path

from bs4 import BeautifulSoup

from macros.charts.geometry import LINE, text_width
from macros.pages.site import Site as PlanSite
from macros.plan.catalog import empty_plan
from macros.plan.values import read_amount, read_date, read_when
from macros.reading.loader import LoadedData

TODAY = datetime.date(2026, 11, 10)
NBSP, NNBSP = "\u00a0", "\u202f"


def rows(loaded, key: str) -> list:
    value = loaded.data[key]
    return [value] if isinstance(value, dict) else value


def page_of(step) -> str:
    return step.page[:-3] + "/"


# --- plan data, typed as the loader types it ------------------------------------------------

def d(text):
    return read_date(text) if text else None


def y(year):
    """A year column's value (« 2026 », « automne 2023 », « 2025-2027 »)."""
    return read_when(str(year), days=False, spans=True) if year else None


def plan(**grids) -> dict:
    data = empty_plan()
    data["territoire"] = {"nom": "MRC de Test", "type": "MRC", "periode_debut": 2025,
                          "periode_fin": 2029, "statut": "brouillon"}
    data.update(grids)
    return data


def project(n: int, rank=None, title=None, start=None, end=None, revised=(None, None),
            cost=None, funding=()) -> dict:
    return {"id": f"P-{n:02d}", "titre": title or f"Projet {n}", "orientation": "O-01",
            "besoins": ["B-01"], "porteur": "A-01", "rang": rank or n,
            "debut": d(start), "fin": d(end), "debut_revise": d(revised[0]),
            "fin_revisee": d(revised[1]),
            "cout": read_amount(cost) if cost else None,
            "financement": [{"source": s, "montant": read_amount(m), "statut": st}
                            for s, m, st in funding]}


def action(project_id: str, year: int, status: str, progress=None, updated=None,
           text="Action") -> dict:
    return {"annee": y(year), "projet": project_id, "action": text, "responsable": "MRC",
            "statut": status, "avancement": progress, "mise_a_jour": d(updated)}


def indicator(n: int, base=10, base_year=2024, target=20, due="2028-12", unit="%",
              nature="quantitatif", expected="") -> dict:
    row = {"id": f"I-{n:02d}", "libelle": f"Indicateur {n}", "type": "résultat",
           "nature": nature, "echeance": d(due), "source": "Sondage",
           "frequence": "annuelle", "responsable": "MRC"}
    if nature == "quantitatif":
        row.update(unite=unit, valeur_depart=base, annee_depart=y(base_year), cible=target)
    else:
        row.update(resultat_attendu=expected or "Entente signée")
    return row


def measure(n: int, date: str, value=None, reached=None) -> dict:
    return {"indicateur": f"I-{n:02d}", "date": d(date), "valeur": value,
            "atteint": reached, "commentaire": None}


def connectivity(name: str, share, year=2024, source="Carte nationale") -> dict:
    return {"municipalite": name, "foyers_50_10": share, "source": source, "annee": y(year),
            "couverture_cellulaire": None}


def municipality(name: str) -> dict:
    return {"nom": name, "code": "99999", "population": 100}


def loaded(data: dict) -> LoadedData:
    return LoadedData(folder=Path("."), shown="data", data=data)


def site_for(data: dict, today=TODAY) -> PlanSite:
    site = PlanSite(loaded(data))
    site.today = today
    return site


# --- named chart data sets, one per edge case -----------------------------------------------------

def nothing_yet() -> dict:
    return plan()


def one_measure() -> dict:
    return plan(indicateurs=[indicator(1, base=10, target=20)],
                mesures=[measure(1, "2025-06", value=12)])


def target_already_reached() -> dict:
    return plan(indicateurs=[indicator(1, base=0, base_year=2025, target=600,
                                       due="2026-06-30", unit="prêts")],
                mesures=[measure(1, "2025-12-31", value=87),
                         measure(1, "2026-03-31", value=655)])


def falling_target() -> dict:
    """A target below the baseline (km without signal): reached by going down."""
    return plan(indicateurs=[indicator(1, base=64, target=15, due="2029-12", unit="km"),
                             indicator(2, base=64, target=15, due="2029-12", unit="km")],
                mesures=[measure(1, "2026-10", value=61), measure(2, "2026-10", value=14)])


def missing_values() -> dict:
    return plan(
        municipalites=[municipality("Alpha"), municipality("Bêta"), municipality("Gamma")],
        connectivite=[connectivity("Alpha", 99), connectivity("Bêta", 40)],
        projets=[project(1, start="2026", end="2027", cost="10 000 $"), project(2)],
        programmation=[action("P-01", 2026, "en cours", None, "2026-05-01")],
        indicateurs=[indicator(1), indicator(2, nature="jalon")],
        mesures=[measure(1, "2025-06", value=None), measure(1, "2026-06", value=15)])


def projects_without_dates() -> dict:
    return plan(projets=[project(1, start="2026-03", end="2027-06"),
                         project(2, start="2026-09"),
                         project(3, end="2028"),
                         project(4)])


def two_hundred_projects() -> dict:
    projects = [project(n, start=f"{2025 + n % 4}-0{1 + n % 9}", end=f"{2027 + n % 3}",
                        cost=f"{n * 1000} $",
                        funding=[("F-01", f"{n * 100} $", "confirmé")])
                for n in range(1, 201)]
    return plan(projets=projects,
                sources=[{"id": "F-01", "bailleur": "Fonds", "montant": read_amount("1 $"),
                          "statut": "confirmé"}],
                programmation=[action(p["id"], 2026, "en cours", 50, "2026-10-01")
                               for p in projects])


LONG = ("Projet de déploiement d'un réseau intermunicipal de fibre optique jusqu'au "
        "bout des rangs les plus éloignés du territoire, avec des points d'accès "
        "publics dans chaque bibliothèque et chaque salle communautaire " * 2).strip()
LONG_PLACE = "Saint-Théodore-de-la-Grande-Rivière-aux-Outardes-et-des-Cantons-Unis"


def very_long_names() -> dict:
    return plan(municipalites=[municipality(LONG_PLACE), municipality("Court")],
                connectivite=[connectivity(LONG_PLACE, 55), connectivity("Court", 99)],
                projets=[project(1, title=LONG, start="2026", end="2028",
                                 cost="1 000 000 – 1 500 000 $")],
                indicateurs=[dict(indicator(1), libelle=LONG)],
                mesures=[measure(1, "2026-01", value=12)])


HOSTILE = "<script>alert('x')</script> {{ config }} & « Pont-Rouge » #1"


def hostile_data() -> dict:
    return plan(municipalites=[municipality(HOSTILE)],
                connectivite=[connectivity(HOSTILE, 70, source=HOSTILE)],
                projets=[project(1, title=HOSTILE, start="2026", end="2027", cost="5 $")],
                indicateurs=[dict(indicator(1), libelle=HOSTILE, unite=HOSTILE)],
                mesures=[measure(1, "2026-01", value=12)])


# --- charts read back ----------------------------------------------------------------------

def variant(soup, kept: str = "large"):
    """``soup`` with the drawings of one variant of its charts only: « large »
    (a desktop's, the PDF's) or « etroit » (a phone's); the caption and the
    data table stay. A chart without a narrow variant is left whole."""
    other = "etroit" if kept == "large" else "large"
    for drawing in soup.select(f".pnt-graphique__dessin--{other}"):
        drawing.decompose()
    return soup


def chart(data: dict, name: str, ident=None, today=TODAY, page="plan/suivi/",
          kept: str = "large"):
    """The chart as HTML read back, with the drawings of one variant."""
    return variant(BeautifulSoup(site_for(data, today).chart(name, page, ident),
                                 "html.parser"), kept)


def svgs(soup) -> list:
    return soup.find_all("svg", class_="pnt-graphique__svg")


def desc(soup) -> str:
    return " ".join(svgs(soup)[0].desc.get_text().split())


def bars(soup) -> list:
    return soup.select("rect.pnt-g-barre")


def labels(svg) -> list:
    return [" ".join(t.get_text(" ").split()) for t in svg.select("text.pnt-g-libelle")]


def check_svg_accessibility(soup):
    found = svgs(soup)
    assert found
    for svg in found:
        assert svg["role"] == "img"
        ids = svg["aria-labelledby"].split()
        assert [svg.find(id=i).name for i in ids] == ["title", "desc"]
        assert svg.title.get_text(strip=True) and len(svg.desc.get_text(strip=True)) > 20
        assert svg["viewbox"].startswith("0 0 ")
    for figure in soup.find_all("figure"):
        table = figure.find("table")
        assert table is not None and table.caption.get_text(strip=True)
        assert all(th.get("scope") in ("col", "row") for th in table.find_all("th"))
        assert figure.find("figcaption").get_text(strip=True)


def check_rows_do_not_overlap(svg, gap: float = LINE - 0.5):
    """Label lines of a chart go down the page, never on each other, never
    past the left edge, and end before the plot starts."""
    width = float(svg["viewbox"].split()[2])
    height = float(svg["viewbox"].split()[3])
    ys = []
    plots = svg.select("rect.pnt-g-barre, rect.pnt-g-piste")
    plot_start = min(float(r["x"]) for r in plots) if plots else width
    for text in svg.select("text.pnt-g-libelle"):
        for tspan in text.find_all("tspan"):
            right = float(tspan["x"])
            assert right - text_width(tspan.get_text()) >= 0
            assert right <= plot_start
            ys.append(float(tspan["y"]))
    assert ys == sorted(ys)
    assert all(b - a >= gap for a, b in zip(ys, ys[1:]))
    assert max(ys) < height


# --- French typography ------------------------------------------------------------------

OE_WORDS = re.compile(r"(?<![-/])\b(?:[a-zé]*oeuvres?|coeurs?|oeil|soeurs?|voeux?|noeuds?|oeufs?"
                      r"|boeufs?|oeillets?)\b", re.I)
TYPOGRAPHY = (
    (re.compile(r"[ \t][:;!?»]"), "espace ordinaire avant la ponctuation (espace insécable requise)"),
    (re.compile(r"«[ \t]"), "espace ordinaire après « (espace insécable requise)"),
    (re.compile(r"(?<=[^\s\u00a0\u202f])[;!?»]"), "espace insécable manquante avant la ponctuation"),
    (re.compile(r"(?<=[^\W\d_])[:]"), "espace insécable manquante avant le deux-points"),
    (re.compile(r"«(?![\u00a0\u202f])"), "espace insécable manquante après «"),
    (re.compile("\""), "guillemets droits (employer « »)"),
    (OE_WORDS, "« oe » au lieu de « œ »"),
)


def typography_problems(text: str) -> list:
    problems = []
    for pattern, message in TYPOGRAPHY:
        for match in pattern.finditer(text):
            start = max(0, match.start() - 30)
            context = text[start:match.end() + 10].replace("\n", " ")
            problems.append(f"{message} : …{context}…")
    return problems


# The wording of generated French, whatever carries it (page, chart, PDF,
# message): rules that do not depend on the kind of space, since pypdf and a
# terminal keep ordinary ones.
_MONTHS = ("janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre"
           "|décembre")
_SPACE = "[ \u00a0\u202f]"
# Words after 0 or 1 that end in -s or -x and are no plural noun.
_NOT_PLURALS = ("des|les|ces|ses|mes|nos|vos|leurs|aux|dans|sous|vers|plus|moins|après|très"
                "|sans|mars|mois|fois|pays|temps|cours|parcours|prix|choix|accès|succès"
                "|processus|relais")
WORDING = (
    (re.compile(rf"\ben{_SPACE}(?:1er|\d{{1,2}}){_SPACE}(?:{_MONTHS})\b"),
     "« en » devant une date au jour (écrire « le 31 mars 2026 »)"),
    (re.compile(rf"(?<![\d,.\u00a0\u202f])(?<!\d )[01]{_SPACE}(?!(?:{_NOT_PLURALS})\b)"
                r"[a-zàâçéèêëîïôûùœ]{2,}[sx](?![\w/'’-])"),
     "pluriel après 0 ou 1 (le singulier s'impose : « 0 foyer »)"),
    (re.compile(rf"\b(?:de|du){_SPACE}(?:MRC|Municipalité|Ville{_SPACE}de|Agglomération)\b"),
     "« de » sans article devant le nom du territoire (« de la MRC de… »)"),
    (re.compile(rf"\d{_SPACE}–{_SPACE}\d"),
     "fourchette sans unité à chaque borne (« de 5 000 $ à 6 000 $ »)"),
    (re.compile(rf"\batteinte?s?{_SPACE}*:[^.\n]{{0,40}}\b(?:est|sont){_SPACE}+atteinte?s?\b",
                re.I),
     "« atteint » dit deux fois (« Atteint : la cible est atteinte »)"),
    (re.compile(rf"\bterritoire{_SPACE}*:{_SPACE}*(?:terminée|remplie)\b", re.I),
     "accord : le territoire est « rempli », pas « terminée »"),
    (re.compile(rf"\bpriorité{_SPACE}*\d{_SPACE}*:{_SPACE}*prioritaire\b", re.I),
     "tautologie « Priorité 1 : prioritaire »"),
)
QUOTED = re.compile(r"«[^«»]*»")


def wording_problems(text: str, skip_quotes: bool = False) -> list:
    """The slips of generated wording in ``text``; ``skip_quotes``: leave out
    what a message quotes of the author's input (« 150 000 – 100 000 $ »)."""
    if skip_quotes:
        text = QUOTED.sub("« »", text)
    problems = []
    for pattern, message in WORDING:
        for match in pattern.finditer(text):
            start = max(0, match.start() - 30)
            context = text[start:match.end() + 10].replace("\n", " ")
            problems.append(f"{message} : …{context}…")
    return problems


# --- the Nu HTML Checker ---------------------------------------------------------------------

# Warnings of the Nu HTML Checker that we accept, with why: any new warning
# fails the test until it is fixed or justified here.
_FILE_ORIGIN = ("The checker reads the site from file:, an opaque origin that "
                "« 'self' » never matches; served over http, the browser runs these "
                "scripts (tests/browser/test_editor_browser.py).")
ACCEPTED_WARNINGS: dict = {
    "Resource violates Content Security Policy (meta tag): external script "
    f"\u201c{script}\u201d blocked by \u201cscript-src\u201d directive.": _FILE_ORIGIN
    for script in ("hors-ligne.js", "sveltia-cms.js")
}


def check_html(vnu: list, folder: Path) -> list:
    """Errors, and warnings not accepted above, of every HTML file of a folder."""
    result = subprocess.run([*vnu, "--format", "json", "--skip-non-html", str(folder)],
                            capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr or "{}").get("messages", [])
    errors = [m for m in messages if m.get("type") in ("error", "non-document-error")]
    warnings = [m for m in messages if m.get("subType") == "warning"
                and m.get("message") not in ACCEPTED_WARNINGS]
    return errors + warnings


# --- a workbook filled by a committee ---------------------------------------------------------

def fill_row(sheet, row: int, values: list) -> None:
    """Type ``values`` in ``row`` of ``sheet``, column A onwards (None: leave empty)."""
    for column, value in enumerate(values, start=1):
        if value is not None:
            sheet.cell(row, column, value)


# --- a plan whose every free text looks like a formula -----------------------------------------

FORMULA_STARTS = ("=", "+", "-", "@")


def formula_like(text: str) -> str:
    """``text`` with one of = + - @ in front, always the same for the same text
    (a municipality's name and the rows that name it stay equal)."""
    return FORMULA_STARTS[sum(map(ord, text)) % len(FORMULA_STARTS)] + text


# Texts checked against a list of words: a finding's scope (« territoire », « Québec »
# or a municipality's name, reading/checks.py check_scopes).
WORD_TEXTS = ("portee",)


def _free_text_columns(columns, id_key: str = "", names: tuple = ()) -> dict:
    """Free-text columns, but the identifier, the other names (former names,
    aliases) that references cite and the texts checked against a word list."""
    from macros.plan.kinds import LONG_TEXT, SUBLIST, TEXT, TEXT_LIST

    found = {}
    for column in columns:
        if column.kind is SUBLIST:
            found[column.key] = _free_text_columns(column.columns)
        elif (column.kind in (TEXT, LONG_TEXT, TEXT_LIST) and not column.pattern
              and column.key != id_key and column.key not in names
              and column.key not in WORD_TEXTS):
            found[column.key] = column.kind
    return found


def _prefix_record(record, columns: dict) -> None:
    from macros.plan.kinds import TEXT_LIST

    for key, kind in columns.items():
        value = record.get(key)
        if isinstance(kind, dict):
            for sub in value or []:
                _prefix_record(sub, kind)
        elif kind is TEXT_LIST and isinstance(value, list):
            for position, item in enumerate(value):
                value[position] = formula_like(str(item))
        elif isinstance(value, str) and value.strip():
            record[key] = formula_like(value)


def _rewrite_plan(source: Path, target: Path, change) -> None:
    """Copy the plan of ``source`` into ``target``, ``change(record, grid)`` applied
    to every row and record. Written with ruamel.yaml (quoting as YAML needs),
    not with the template's own writer, so that what reads it back is tested
    against an outside writer."""
    from ruamel.yaml import YAML

    from macros.plan.catalog import STEP_BY_FILENAME

    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(source.glob("*.yml")):
        handler = YAML()
        handler.width = 4096
        tree = handler.load(path.read_text(encoding="utf-8"))
        step = STEP_BY_FILENAME.get(path.name)
        for grid in step.grids if step else ():
            value = (tree or {}).get(grid.key)
            for record in (value if isinstance(value, list) else [value] if value else []):
                change(record, grid)
        with (target / path.name).open("w", encoding="utf-8") as stream:
            handler.dump(tree, stream)


def write_formula_like_plan(source: Path, target: Path) -> None:
    """Copy the plan of ``source`` into ``target`` with every free-text value
    (texts, long texts, items of text lists) prefixed by = + - or @."""
    _rewrite_plan(source, target, lambda record, grid: _prefix_record(
        record, _free_text_columns(grid.columns, grid.id_key, grid.other_names)))


# --- workbooks: a data folder's bytes, the cells of the grid sheets ----------------------------

def folder_snapshot(folder: Path) -> dict:
    """The files of ``folder`` by name, as bytes: two snapshots are equal only
    if no file was added, removed or changed by a single byte."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def grid_cells(path: Path) -> list:
    """Every non-empty cell of the grid sheets of the workbook at ``path``
    (headings included; neither the instructions nor the lists sheet)."""
    import openpyxl

    from macros.spreadsheet.layout import INSTRUCTIONS, LISTS

    book = openpyxl.load_workbook(path)
    return [cell for sheet in book.worksheets if sheet.title not in (INSTRUCTIONS, LISTS)
            for row in sheet.iter_rows() for cell in row if cell.value is not None]


# --- a disk that fills up ------------------------------------------------------------------------

def full_disk_at(monkeypatch, number: int, folder: Path) -> None:
    """The disk is full when the ``number``-th file is written under ``folder``:
    its write fails with ENOSPC, as the system says it (files written
    elsewhere, such as the user's cache, are not counted)."""
    import errno
    import os
    import tempfile

    real_mkstemp, real_fdopen = tempfile.mkstemp, os.fdopen
    inside, written = set(), []

    class FullDisk:
        def __init__(self, stream):
            self.stream = stream

        def write(self, data):
            raise OSError(errno.ENOSPC, "No space left on device")

        def __getattr__(self, name):
            return getattr(self.stream, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.stream.close()

    def mkstemp(*args, **kwargs):
        handle, name = real_mkstemp(*args, **kwargs)
        if Path(name).resolve().is_relative_to(Path(folder).resolve()):
            inside.add(handle)
        else:
            inside.discard(handle)
        return handle, name

    def fdopen(handle, *args, **kwargs):
        stream = real_fdopen(handle, *args, **kwargs)
        if handle not in inside:
            return stream
        inside.discard(handle)
        written.append(handle)
        return FullDisk(stream) if len(written) == number else stream

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    monkeypatch.setattr(os, "fdopen", fdopen)


# --- a plan where every fact that may be unknown is « inconnu » --------------------------------

def _unknowable_columns(columns, identifier: str = "") -> dict:
    """{key: True} for each one-value field that may be « inconnu »; {key: {…}}
    for the fields of a sub-list."""
    from macros.plan.kinds import RECORDS

    found = {}
    for column in columns:
        if column.kind.shape == RECORDS:
            found[column.key] = _unknowable_columns(column.columns)
        elif column.accepts_unknown and column.key != identifier:
            found[column.key] = True
    return found


def _make_unknown(record, columns: dict) -> None:
    for key, what in columns.items():
        if isinstance(what, dict):
            for sub in record.get(key) or []:
                _make_unknown(sub, what)
        else:
            record[key] = "inconnu"


def write_unknown_plan(source: Path, target: Path) -> None:
    """Copy the plan of ``source`` into ``target`` with every field that may be
    « inconnu » (every one-value field but identifiers and references, filled
    or not) written « inconnu »: a plan transcribed from a source that says
    nothing but who cites whom."""
    _rewrite_plan(source, target, lambda record, grid: _make_unknown(
        record, _unknowable_columns(grid.columns, grid.identifier)))


# --- the workbook round trip ---------------------------------------------------------------------

def assert_round_trip(folder: Path, tmp_path: Path) -> None:
    """Export ``folder`` to a workbook, import it untouched: no error, no change,
    every file byte for byte as before."""
    from macros.reading.loader import load_folder
    from macros.spreadsheet.export import write_workbook
    from macros.spreadsheet.importing import import_workbook

    before = folder_snapshot(folder)
    workbook = tmp_path / "aller.xlsx"
    write_workbook(workbook, load_folder(folder, "data").data)
    result = import_workbook(workbook, folder, "data")
    assert [str(p) for p in result.errors] == []
    assert result.changes == [] and result.written == []
    assert folder_snapshot(folder) == before
