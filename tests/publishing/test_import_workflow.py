"""The workflow « Importer un classeur téléversé »: what it may do, what reaches
its shell, and that it follows every result of macros/uploads.py.
(actionlint checks it with the other workflows, in test_workflows.py.)"""

from __future__ import annotations

import re

import yaml

from conftest import ROOT

from macros import uploads

WORKFLOWS = ROOT / ".github" / "workflows"
WORKFLOW = WORKFLOWS / "importer-classeur.yml"


def _workflow() -> dict:
    return yaml.load(WORKFLOW.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def _steps() -> list:
    return _workflow()["jobs"]["importer"]["steps"]


def _step(result: str) -> dict:
    return next(s for s in _steps() if f"== '{result}'" in s.get("if", ""))


def test_no_expression_inside_a_run_block():
    """The file name, the branch and the title are user input: they reach the
    shell through env: only (script injection)."""
    runs = [step["run"] for step in _steps() if "run" in step]
    assert len(runs) >= 5
    assert not [run for run in runs if "${{" in run]


def test_permissions_are_the_least_it_needs():
    workflow = _workflow()
    assert workflow["name"] == "Importer un classeur téléversé"
    assert workflow["permissions"] == {}
    assert workflow["jobs"]["importer"]["permissions"] == {"contents": "write",
                                                          "pull-requests": "write"}
    assert workflow["concurrency"]["cancel-in-progress"] == "false"
    checkout = _steps()[0]
    assert checkout["with"] == {"fetch-depth": "0", "persist-credentials": "false"}


def test_it_starts_on_a_workbook_pushed_to_classeurs_on_any_branch():
    push = _workflow()["on"]["push"]
    assert push["branches"] == ["**"]
    assert "classeurs/**.xlsx" in push["paths"]
    assert not [p for p in push["paths"] if not p.startswith("classeurs/")]


def test_actions_are_those_of_the_publishing_workflow():
    """Same pinned commits as publier.yml: one place to update them."""
    pinned = set(re.findall(r"uses: (\S+ # v[\d.]+)",
                            (WORKFLOWS / "publier.yml").read_text(encoding="utf-8")))
    used = re.findall(r"uses: (\S+ # v[\d.]+)", WORKFLOW.read_text(encoding="utf-8"))
    assert len(used) == 2 and set(used) <= pinned


def test_the_commits_of_the_push_reach_the_script_through_the_environment():
    step = next(s for s in _steps() if "macros.uploads" in s.get("run", ""))
    assert step["env"] == {"AVANT": "${{ github.event.before }}",
                           "APRES": "${{ github.sha }}"}
    assert 'python -m macros.uploads --avant "$AVANT" --apres "$APRES"' in step["run"]
    assert '>> "$GITHUB_OUTPUT"' in step["run"]


def test_each_result_of_the_script_has_its_step():
    changes, no_change, errors = (_step(uploads.CHANGES), _step(uploads.NO_CHANGE),
                                  _step(uploads.ERRORS))
    assert "gh pr create" in changes["run"]
    assert f'--body-file "$RUNNER_TEMP/classeur/{uploads.DESCRIPTION}"' in changes["run"]
    assert changes["env"]["TITRE"] == "${{ steps.importation.outputs.titre }}"
    assert changes["env"]["BRANCHE_CLASSEUR"] == "${{ steps.importation.outputs.branche }}"
    for step in (changes, no_change):
        assert f'git commit --file "$RUNNER_TEMP/classeur/{uploads.COMMIT_MESSAGE}"' \
            in step["run"]
        assert "git push origin" in step["run"]
    for step in (no_change, errors):
        assert f'-F "body=@$RUNNER_TEMP/classeur/{uploads.COMMENT}"' in step["run"]
        assert "commits/$ENVOI/comments" in step["run"]
    assert errors["run"].rstrip().endswith("exit 1")  # the red X the uploader sees
    assert "git push" not in errors["run"]


def test_the_token_goes_only_to_the_steps_that_publish():
    for step in _steps():
        uses_gh = re.search(r"(^|\s)gh ", step.get("run", "")) is not None
        assert ("GH_TOKEN" in step.get("env", {})) == uses_gh, step.get("name")


def test_the_upload_folder_has_its_note_and_stays_out_of_the_site():
    note = (ROOT / "classeurs" / "LISEZMOI.md").read_text(encoding="utf-8")
    assert "Add file › Upload files" in note
    assert "«\u00a0Données ouvertes\u00a0»" in note
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"^docs_dir: docs$", config, re.MULTILINE)
