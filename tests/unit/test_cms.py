"""The browser editor (cms/): its configuration against the catalog and
against Sveltia's published schema, the files it ships, and where it saves."""

from __future__ import annotations

import json
import re
import subprocess

import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, missing_tool
from macros.cms import admin
from macros.cms.config import Backend, cms_config, config_text
from macros.plan import french
from macros.plan.catalog import GRIDS, STEPS, step_of
from macros.plan.kinds import BOOLEAN, CHOICE, LONG_TEXT, REF, REFS, SUBLIST, TEXT_LIST
from macros.plan.values import UNKNOWN_WORD

PACKAGE = ROOT / "node_modules" / "@sveltia" / "cms"
FONT_PACKAGES = {
    "source-sans-3-latin-wght-normal.woff2": "@fontsource-variable/source-sans-3",
    "noto-mono-latin-400-normal.woff2": "@fontsource/noto-mono",
    "material-symbols-outlined-latin-wght-normal.woff2":
        "@fontsource-variable/material-symbols-outlined",
}


@pytest.fixture(scope="module")
def config() -> dict:
    # Read back from the text the site serves, as the CMS reads it.
    return yaml.safe_load(config_text(Backend("mrc-exemple/plan-numerique"),
                                      "MRC de la Vallée-des-Cèdres"))


def _files(config) -> dict:
    (collection,) = config["collections"]
    return {entry["file"]: entry for entry in collection["files"]}


def _by_name(fields) -> dict:
    return {field["name"]: field for field in fields}


def _package(path: str):
    if not (ROOT / "node_modules").is_dir():
        missing_tool("node_modules absent : lancez « npm ci --ignore-scripts ».")
    return ROOT / "node_modules" / path


# --- the configuration, against the catalog ------------------------------------------------

def test_every_step_file_is_an_entry_of_the_plan(config):
    files = _files(config)
    assert list(files) == [f"data/{step.filename}" for step in STEPS]
    assert files["data/territoire.yml"]["label"] == "Le territoire"
    assert files["data/03-besoins.yml"]["label"] == "Étape 3 — Besoins"


def test_every_grid_and_field_of_the_catalog_has_its_form(config):
    for step in STEPS:
        grids = _by_name(_files(config)[f"data/{step.filename}"]["fields"])
        assert list(grids) == [grid.key for grid in step.grids]
        for grid in step.grids:
            fields = _by_name(grids[grid.key]["fields"])
            assert list(fields) == [column.key for column in grid.columns], grid.key
            for column in grid.columns:
                field = fields[column.key]
                assert field["label"] == column.label
                assert field["required"] is column.required, (grid.key, column.key)
                assert field["hint"].startswith(french.typeset(column.help)), (
                    grid.key, column.key)


def test_a_list_grid_is_a_list_and_a_record_an_object(config):
    besoins = _by_name(_files(config)["data/03-besoins.yml"]["fields"])["besoins"]
    territoire = _by_name(_files(config)["data/territoire.yml"]["fields"])["territoire"]
    assert besoins["widget"] == "list" and besoins["label"] == "3.2 Besoins"
    # A collapsed row shows its id and its name (« B-01 — Accès à Internet… »).
    assert besoins["summary"] == "{{fields.id}} — {{fields.%s}}" % GRIDS["besoins"].label_key
    assert territoire["widget"] == "object" and territoire["required"] is True


def _columns(kind):
    """(grid, path of column keys, column) of every column of ``kind``,
    sub-lists' columns included."""
    for grid in GRIDS.values():
        for column in grid.columns:
            if column.kind is kind:
                yield grid, (column.key,), column
            for sub in column.columns:
                if sub.kind is kind:
                    yield grid, (column.key, sub.key), sub


def _field(config, grid, path) -> dict:
    fields = _by_name(_files(config)[f"data/{step_of(grid).filename}"]["fields"])
    field = fields[grid.key]
    for key in path:
        field = _by_name(field["fields"])[key]
    return field


def test_choices_are_selects_of_the_catalog_words(config):
    for grid, path, column in _columns(CHOICE):
        field = _field(config, grid, path)
        assert field["widget"] == "select"
        values = [option["value"] for option in field["options"]]
        unknown = [UNKNOWN_WORD] if column.accepts_unknown else []
        assert values == list(column.choices) + unknown, (grid.key, column.key)


def test_a_priority_choice_shows_its_meaning(config):
    priority = next(field for grid, path, column in _columns(CHOICE)
                    for field in [_field(config, grid, path)]
                    if column.choices == (1, 2, 3))
    assert priority["options"][0] == {"label": "1 (prioritaire)", "value": 1}


def test_yes_or_no_is_a_select_with_unknown(config):
    for grid, path, column in _columns(BOOLEAN):
        field = _field(config, grid, path)
        assert [o["value"] for o in field["options"]] == ["oui", "non", UNKNOWN_WORD]


def test_references_pick_a_row_of_the_target_grid(config):
    for kind in (REF, REFS):
        for grid, path, column in _columns(kind):
            field = _field(config, grid, path)
            if column.whole:
                assert column.whole in field["hint"]
                assert field["widget"] in ("string", "list")
                continue
            target = GRIDS[column.target]
            assert field["widget"] == "relation", (grid.key, column.key)
            assert field["collection"] == "plan"
            assert field["file"] == step_of(target).slug
            assert field["value_field"] == f"{target.key}.*.{target.id_key}"
            assert field.get("multiple", False) is (kind is REFS)
            # The target's file and grid exist in the configuration.
            target_file = next(entry for entry in _files(config).values()
                               if entry["name"] == field["file"])
            assert target.key in _by_name(target_file["fields"])


def test_sub_lists_and_text_lists_are_lists(config):
    for grid, path, column in _columns(SUBLIST):
        field = _field(config, grid, path)
        assert field["widget"] == "list"
        assert [f["name"] for f in field["fields"]] == [c.key for c in column.columns]
    for grid, path, column in _columns(TEXT_LIST):
        assert _field(config, grid, path)["field"]["widget"] == "string"


def test_long_texts_get_a_markdown_editor_without_images(config):
    for grid, path, column in _columns(LONG_TEXT):
        field = _field(config, grid, path)
        assert field["widget"] == "markdown" and field["editor_components"] == []
        assert "image" not in field["buttons"]


def test_ids_and_codes_are_checked_as_typed(config):
    besoins = _by_name(_by_name(_files(config)["data/03-besoins.yml"]["fields"])[
        "besoins"]["fields"])
    assert besoins["id"]["pattern"][0] == GRIDS["besoins"].id_pattern
    assert "B-01" in besoins["id"]["pattern"][1]
    assert "inconnu" not in besoins["id"]["hint"]  # the validator refuses it for an id
    territoire = _by_name(_by_name(_files(config)["data/territoire.yml"]["fields"])[
        "territoire"]["fields"])
    pattern = re.compile(territoire["code_geographique"]["pattern"][0])
    # What the validator reads: two or three digits, or « inconnu ».
    for typed in ("085", "390", "inconnu", "Inconnu"):
        assert pattern.fullmatch(typed), typed
    for typed in ("85a", "8", "1234", '"085"', "inconnus"):
        assert not pattern.fullmatch(typed), typed


def test_hints_are_french_with_no_break_spaces(config):
    territoire = _by_name(_by_name(_files(config)["data/territoire.yml"]["fields"])[
        "territoire"]["fields"])
    assert "«\u00a0MRC de la Vallée-des-Cèdres\u00a0»" in territoire["nom"]["hint"]
    assert '"999"' in territoire["code_geographique"]["hint"]  # the example's fictitious code
    assert "«\u00a0inconnu\u00a0»" in territoire["slogan"]["hint"]


def test_every_save_is_a_pull_request_signed_in_with_a_token(config):
    assert config["publish_mode"] == "editorial_workflow"
    assert config["backend"] == {**config["backend"], "name": "github",
                                 "repo": "mrc-exemple/plan-numerique",
                                 "auth_methods": ["token"]}
    # The repository's default branch, whatever its name: the CMS asks GitHub.
    assert "branch" not in config["backend"]
    assert all("éditeur du navigateur" in message or message == "{{message}}"
               for message in config["backend"]["commit_messages"].values())


def test_configuration_follows_sveltias_published_schema(config):
    schema = json.loads(_package("@sveltia/cms/schema/sveltia-cms.json").read_text())
    errors = list(jsonschema.Draft7Validator(schema).iter_errors(config))
    assert not errors, [f"{list(e.path)}: {e.message[:200]}" for e in errors[:5]]


def test_the_schema_check_catches_a_broken_configuration(config):
    schema = json.loads(_package("@sveltia/cms/schema/sveltia-cms.json").read_text())
    broken = cms_config(Backend("mrc-exemple/plan-numerique"), "X")
    broken["publish_mode"] = "tout-de-suite"
    assert list(jsonschema.Draft7Validator(schema).iter_errors(broken))


# --- the shipped files are the pinned packages' -----------------------------------------------

def test_shipped_cms_is_the_pinned_npm_package():
    pinned = json.loads((ROOT / "package.json").read_text())["devDependencies"]
    installed = json.loads(_package("@sveltia/cms/package.json").read_text())
    assert pinned["@sveltia/cms"] == installed["version"] == admin.SVELTIA_VERSION
    assert (admin.VENDOR / "sveltia-cms.js").read_bytes() == (
        PACKAGE / "dist" / "sveltia-cms.js").read_bytes()
    assert (admin.VENDOR / "locales" / "fr.json").read_bytes() == (
        PACKAGE / "locales" / "fr.json").read_bytes()
    assert (admin.VENDOR / "LICENSE.txt").read_bytes() == (PACKAGE / "LICENSE.txt").read_bytes()


@pytest.mark.parametrize("font", sorted(FONT_PACKAGES))
def test_shipped_fonts_are_the_pinned_npm_packages(font):
    package = _package(FONT_PACKAGES[font])
    assert (admin.VENDOR / admin.FONTS / font).read_bytes() == (
        package / "files" / font).read_bytes()
    family = font.split("-latin-")[0]
    assert (admin.VENDOR / admin.FONTS / f"LICENSE-{family}.txt").read_bytes() == (
        package / "LICENSE").read_bytes()


def test_offline_script_knows_the_shipped_fonts():
    """The CMS asks for these three fonts (its @font-face rules); each has a copy."""
    script = (admin.VENDOR.parent / "offline.js").read_text()
    assert "cdn.jsdelivr.net/fontsource/" in script
    shipped = {path.name for path in (admin.VENDOR / admin.FONTS).glob("*.woff2")}
    assert shipped == set(FONT_PACKAGES)


# --- the files of /admin/ ----------------------------------------------------------------------

def test_files_of_the_editor():
    files = admin.files("mrc-exemple/plan-numerique", "MRC X", "", with_help=True)
    assert set(files) >= {"admin/index.html", "admin/config.yml", "admin/sveltia-cms.js",
                          "admin/hors-ligne.js", "admin/locales/fr.json"}
    page = BeautifulSoup(files["admin/index.html"], "html.parser")
    assert [s["src"] for s in page.select("script")] == ["hors-ligne.js", "sveltia-cms.js"]
    assert page.select_one("script")["data-version"] == admin.SVELTIA_VERSION
    assert page.select_one('meta[name="robots"]')["content"] == "noindex, nofollow"
    policy = page.select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
    assert "connect-src 'self' https://api.github.com;" in policy
    assert "script-src 'self';" in policy
    assert page.select_one("noscript a")["href"] == "../modifier-dans-le-navigateur/"


def test_public_site_editor_has_no_link_to_the_guide():
    page = admin.files("mrc-exemple/plan-numerique", "MRC X", "")["admin/index.html"]
    assert "modifier-dans-le-navigateur" not in page


def test_editor_without_a_known_repository_says_so_and_loads_nothing():
    files = admin.files("", "MRC X", "")
    assert set(files) == {"admin/index.html"}
    page = files["admin/index.html"]
    assert "<script" not in page
    assert "pas encore relié à un dépôt GitHub" in page


def test_title_from_data_is_escaped():
    page = admin.files("a/b", "<script>alert(1)</script>", "")["admin/index.html"]
    assert "<script>alert" not in page and "&#60;script&#62;alert" in page


# --- which repository the editor saves to ----------------------------------------------------

def test_repository_from_github_actions(tmp_path):
    assert admin.repository(tmp_path, {"GITHUB_REPOSITORY": "mrc-x/plan"}) == "mrc-x/plan"


@pytest.mark.parametrize("remote", ["https://github.com/mrc-x/plan-numerique.git",
                                    "git@github.com:mrc-x/plan-numerique.git",
                                    "https://github.com/mrc-x/plan-numerique"])
def test_repository_from_the_origin_remote(tmp_path, remote):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(["git", "-C", str(tmp_path), "remote", "add", "origin", remote], check=True)
    assert admin.repository(tmp_path, {}) == "mrc-x/plan-numerique"


def test_no_repository_outside_github(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(["git", "-C", str(tmp_path), "remote", "add", "origin",
                    "/srv/depots/plan.git"], check=True)
    assert admin.repository(tmp_path, {}) == ""
    assert admin.repository(tmp_path / "absent", {"GITHUB_REPOSITORY": "pas un dépôt"}) == ""
