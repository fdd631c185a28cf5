"""Hostile or broken data: the site escapes it, or the build stops in French."""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import ROOT, Site, build, built_or_fail, copy_template, pnt

PAYLOADS = {
    "script": "<script>alert('pnt')</script>",
    "image": '<img src=x onerror="alert(1)">',
    "jinja": "{{ config.which }} {% raw %}",
    "markdown": "**gras** [lien](javascript:alert(1)) | colonne",
}
NEED_TEXT = " ".join(PAYLOADS.values())
LONG_TEXT = ("Premier paragraphe <b>non gras</b> ![pixel](https://traceur.example/p.png)"
             "\n\n# Pas un titre\n\n[bon lien](https://www.quebec.ca/) "
             "[mauvais](javascript:alert(2))")


def _replace_first(path, field: str, value: str) -> None:
    """Set the first ``field:`` of a file to ``value`` (a double-quoted scalar)."""
    text = path.read_text(encoding="utf-8")
    quoted = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    pattern = re.compile(rf"^(\s*-?\s*{field}:).*$", re.MULTILINE)
    new, count = pattern.subn(lambda m: f'{m.group(1)} "{quoted}"', text, count=1)
    assert count == 1, field
    path.write_text(new, encoding="utf-8")


def _drop_block_scalar_after(path, field: str) -> None:
    """Remove the indented lines of a ``field: |`` block that we overwrote."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    out, skipping, indent = [], False, 0
    for line in lines:
        if skipping:
            current = len(line) - len(line.lstrip())
            if line.strip() and current <= indent:
                skipping = False
            else:
                continue
        out.append(line)
        if re.match(rf"^\s*-?\s*{field}: \"", line):
            skipping, indent = True, len(line) - len(line.lstrip("- "))
    path.write_text("".join(out), encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Site:
    project = copy_template(tmp_path_factory.mktemp("hostile") / "projet")
    data = project / "data"
    shutil.copytree(ROOT / "exemple", data, dirs_exist_ok=True)
    _replace_first(data / "03-besoins.yml", "enonce", NEED_TEXT)
    # The first "titre" and "description" of this file are orientation O-01's.
    _replace_first(data / "06-projets-prioritaires.yml", "titre", PAYLOADS["script"])
    _replace_first(data / "06-projets-prioritaires.yml", "description", LONG_TEXT)
    _drop_block_scalar_after(data / "06-projets-prioritaires.yml", "description")
    out = project / "site"
    return Site(built_or_fail(build(project, out), out))


def test_values_are_shown_as_text_never_run(hostile_site):
    soup = hostile_site.soup("demarche/03-besoins/")
    row = soup.find(id="grille-besoins").tbody.find("tr")
    cells = row.find_all(["th", "td"])
    assert NEED_TEXT in cells[1].get_text()
    assert row.find("script") is None and row.find("img") is None
    assert row.find("strong") is None and row.find("a", href=re.compile("javascript"))\
        is None


def test_a_pipe_or_markup_never_breaks_the_table(hostile_site):
    from macros.plan.catalog import GRIDS

    block = hostile_site.soup("demarche/03-besoins/").find(id="grille-besoins")
    headings = [th.get_text(strip=True) for th in block.thead.find_all("th")]
    # Every column but the provenance, which no hostile row gives.
    shown = [c.label for c in GRIDS["besoins"].columns if not c.note]
    assert headings[: len(shown)] == shown
    for tr in block.tbody.find_all("tr"):
        assert len(tr.find_all(["th", "td"])) == len(headings)


def data_in_scripts(html: str) -> list:
    """What of the payloads reached a page as code: inside a script (entities
    removed), as an event handler, as template syntax or an outside request."""
    scripts = re.sub(r"&#\d+;|&\w+;", "", "".join(
        re.findall(r"<script[^>]*>.*?</script>", html, re.S)))
    found = ["alert("] if "alert(" in scripts else []
    return found + [marker for marker in ("onerror=", "{{", "{%", "traceur.example")
                    if marker in html]


def test_no_script_from_data_anywhere(hostile_site):
    for path in hostile_site.pages():
        assert data_in_scripts(path.read_text(encoding="utf-8")) == [], path


def test_orientation_title_heading_is_plain_text(hostile_site):
    soup = hostile_site.soup("plan/projets/")
    heading = soup.find("h2", id="o-01")
    assert PAYLOADS["script"] in heading.get_text()
    assert heading.find("script") is None


def test_long_text_is_safe_markdown(hostile_site):
    soup = hostile_site.soup("plan/projets/")
    text = soup.find("h2", id="o-01").find_next(class_="pnt-texte")
    paragraphs = text.find_all("p")
    assert len(paragraphs) == 3
    assert "<b>non gras</b>" in paragraphs[0].get_text()
    assert text.find("img") is None and "pixel" in paragraphs[0].get_text()
    assert text.find(["h1", "h2", "h3"]) is None
    links = text.find_all("a")
    assert [a["href"] for a in links] == ["https://www.quebec.ca/"]
    assert "mauvais" in text.get_text()


def test_script_detector_sees_a_real_script():
    """Negative control for test_no_script_from_data_anywhere: the same check
    flags each way a payload could have got through."""
    assert data_in_scripts("<p><script>alert('x')</script></p>") == ["alert("]
    assert data_in_scripts('<img src=x onerror="alert(1)">') == ["onerror="]
    assert data_in_scripts("<p>{{ config }}</p>") == ["{{"]
    assert data_in_scripts("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>") == []


# --- a data error stops the build, in French --------------------------------------

@pytest.fixture(scope="module")
def broken_build(tmp_path_factory):
    project = copy_template(tmp_path_factory.mktemp("casse") / "projet")
    data = project / "data"
    shutil.copytree(ROOT / "exemple", data, dirs_exist_ok=True)
    needs = data / "03-besoins.yml"
    text = needs.read_text(encoding="utf-8")
    text = re.sub(r"priorite: 1\b", "priorite: haute", text, count=1)
    needs.write_text(text, encoding="utf-8")
    projects = data / "06-projets-prioritaires.yml"
    text = projects.read_text(encoding="utf-8")
    projects.write_text(re.sub(r"porteur: A-\d+", "porteur: A-99", text, count=1),
                        encoding="utf-8")
    out = project / "site"
    return build(project, out), out, project


def test_build_stops_on_data_errors_and_lists_them_all(broken_build):
    result, out, _ = broken_build
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "data/03-besoins.yml, ligne" in output
    assert "« priorite » : « haute » n'est pas une valeur permise (choisir parmi : 1, 2, 3)"\
        in output
    assert "« porteur » : « A-99 » n'existe pas" in output
    assert "2 erreurs" in output
    assert "Traceback" not in output
    assert not (out / "index.html").exists()


def test_verifier_reports_the_same_problems_without_building(broken_build):
    _, _, project = broken_build
    result = pnt(["verifier"], project)
    assert result.returncode == 1
    assert "« priorite » : « haute »" in result.stdout
    assert "« A-99 » n'existe pas" in result.stdout
    assert result.stdout.strip().endswith("Corrigez les erreurs ci-dessus, puis relancez.")
