"""The browser editor (/admin/) in Chromium: it opens on its sign-in screen,
in French, and asks nothing of another site. Left out of the site-wide
checks (conftest.Site.pages): it is the CMS's application, not a page of
the theme; its own checks are here."""

from __future__ import annotations

import json
from urllib.parse import urlparse

import pytest

from conftest import AXE

pytestmark = pytest.mark.navigateur

SIGN_IN = "Se connecter avec un jeton d’accès"


def _open_editor(browser, served, **context_options):
    context = browser.new_context(locale="fr-CA", **context_options)
    page = context.new_page()
    requests, problems = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: problems.append(str(error)))
    # A failed load's console error does not say which file: its location
    # does (the browser's own requests, the favicon's, give no response event).
    page.on("console", lambda message: message.type == "error"
            and problems.append(f"{message.text} ({message.location.get('url', '')})"))
    page.on("response", lambda response: response.status >= 400
            and problems.append(f"{response.status} {response.url}"))
    page.goto(served.url("admin/"), wait_until="networkidle")
    page.get_by_role("button", name=SIGN_IN).wait_for(timeout=15_000)
    return context, page, requests, problems


def test_editor_opens_on_its_sign_in_screen_without_leaving_the_site(browser,
                                                                     served_territory):
    context, page, requests, problems = _open_editor(browser, served_territory)
    host = urlparse(served_territory.base).netloc
    assert [url for url in requests if urlparse(url).netloc != host] == []
    # The French strings and the fonts came from the site itself.
    paths = {urlparse(url).path for url in requests}
    assert {"/admin/config.yml", "/admin/locales/fr.json", "/admin/sveltia-cms.js"} <= paths
    assert any(path.startswith("/admin/polices/") for path in paths)
    assert problems == []
    assert "Modifier le plan — MRC de la Vallée-des-Cèdres" in page.inner_text("body")
    context.close()


def test_editor_sign_in_screen_is_accessible(browser, served_territory):
    # bypass_csp: the page's policy would refuse axe, a script of the test's own.
    context, page, _, _ = _open_editor(browser, served_territory, bypass_csp=True)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}, "
        "resultTypes: ['violations']})")
    violations = [f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes']][:3]}"
                  for v in result["violations"]]
    context.close()
    assert not violations, json.dumps(violations, ensure_ascii=False, indent=1)


def test_editor_without_javascript_says_what_to_do(browser, served_example):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served_example.url("admin/"))
    text = page.inner_text("body")
    context.close()
    assert "Cet éditeur a besoin de JavaScript" in text
    assert "classeurs/" in text


def test_editor_does_not_start_in_a_frame(browser, served_territory):
    """Another site showing the editor in a frame gets a message, not the editor."""
    context = browser.new_context()
    page = context.new_page()
    page.set_content(f'<iframe src="{served_territory.url("admin/")}" title="cadre"></iframe>')
    frame = page.frame_locator("iframe")
    frame.get_by_text("ne s’ouvre pas dans un cadre").wait_for(timeout=15_000)
    assert frame.get_by_role("button", name=SIGN_IN).count() == 0
    context.close()


# --- a real save, in the CMS's local-repository mode ----------------------------------------

# Sveltia CMS, on 127.0.0.1, also works on a folder of the computer (the File
# System Access API): the folder the picker would return is one of the
# browser's private file system, holding the example's files as data/.
PICK_PRIVATE_FOLDER = """
window.showDirectoryPicker = async () =>
  (await navigator.storage.getDirectory()).getDirectoryHandle('depot', {create: true});
"""
WRITE_REPOSITORY = """async (files) => {
  const root = await (await navigator.storage.getDirectory())
    .getDirectoryHandle('depot', {create: true});
  await root.getDirectoryHandle('.git', {create: true});
  const data = await root.getDirectoryHandle('data', {create: true});
  for (const [name, text] of Object.entries(files)) {
    const writable = await (await data.getFileHandle(name, {create: true})).createWritable();
    await writable.write(text);
    await writable.close();
  }
}"""
# null while the CMS is still writing the file (the browser then refuses to read it).
READ_SAVED = """async (name) => {
  const root = await (await navigator.storage.getDirectory()).getDirectoryHandle('depot');
  const data = await root.getDirectoryHandle('data');
  try {
    return await (await (await data.getFileHandle(name)).getFile()).text();
  } catch (error) {
    if (error.name === 'NotReadableError') return null;
    throw error;
  }
}"""


def test_a_form_saved_by_the_editor_is_restored_by_pnt_formater(browser, served_territory):
    """The generated configuration in the real CMS: its forms show the example's
    rows, a value changed in a form is saved, and the file the CMS wrote
    (comments gone, quoting changed) comes back from ``pnt formater`` with that
    one line changed."""
    import difflib

    from conftest import ROOT
    from macros.outputs.reformat import reformat_text
    from macros.plan.catalog import STEP_BY_FILENAME

    files = {path.name: path.read_text(encoding="utf-8")
             for path in (ROOT / "exemple").glob("*.yml")}
    context = browser.new_context(locale="fr-CA", viewport={"width": 1280, "height": 900})
    context.add_init_script(PICK_PRIVATE_FOLDER)
    page = context.new_page()
    page.goto(served_territory.url("admin/"), wait_until="networkidle")
    page.evaluate(WRITE_REPOSITORY, files)
    page.get_by_role("button", name="Travailler avec un dépôt local").click()
    page.get_by_text("Étape 3 — Besoins").click()
    page.get_by_role("button", name="Tout développer").first.click()
    participants = page.get_by_role("textbox", name="Participants").first
    assert participants.input_value() == "612"  # C-01, as exemple/03-besoins.yml says
    participants.fill("640")
    page.get_by_role("button", name="Enregistrer").click()
    saved = page.evaluate(READ_SAVED, "03-besoins.yml")
    for _ in range(60):  # the CMS writes the file a moment after the click
        if saved not in (None, files["03-besoins.yml"]):
            break
        page.wait_for_timeout(250)
        saved = page.evaluate(READ_SAVED, "03-besoins.yml")
    context.close()

    committed = files["03-besoins.yml"]
    assert saved is not None, "the file the CMS saved never became readable"
    assert "#" not in saved and "participants: '640'" in saved  # as the CMS writes
    result = reformat_text(STEP_BY_FILENAME["03-besoins.yml"], committed, saved,
                           "data/03-besoins.yml")
    assert result.problems == []
    changed = [line for line in difflib.unified_diff(committed.splitlines(True),
                                                     result.text.splitlines(True), n=0)
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed == ["-    participants: 612\n", "+    participants: 640\n"]
