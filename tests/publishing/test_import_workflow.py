"""The workflow « Importer un classeur téléversé »: what it may do, what reaches
its shell, and that it follows every result of macros/uploads.py.
(actionlint checks it with the other workflows, in test_workflows.py.)"""

from __future__ import annotations

import os
import re
import subprocess

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


FAKE_COMMAND = """#!/bin/sh
printf '%s\\n' "$(basename "$0") $*" >> "$JOURNAL"
case "$*" in "rev-parse HEAD") echo 0123456789abcdef0123456789abcdef01234567 ;; esac
"""


def run_step(step: dict, tmp_path, **env) -> list:
    """Run a step's script as GitHub runs it (bash -eo pipefail), with git and
    gh replaced by stand-ins that log each call: the calls, one a line."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name in ("git", "gh"):
        (bin_dir / name).write_text(FAKE_COMMAND, encoding="utf-8")
        (bin_dir / name).chmod(0o755)
    journal = tmp_path / "journal.txt"
    journal.touch()
    (tmp_path / "classeur").mkdir()
    (tmp_path / "classeur" / uploads.DESCRIPTION).write_text("# Proposition\n",
                                                             encoding="utf-8")
    variables = {**os.environ, **step.get("env", {}), **env,
                 "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
                 "JOURNAL": str(journal), "RUNNER_TEMP": str(tmp_path),
                 "GITHUB_STEP_SUMMARY": str(tmp_path / "resume.md"),
                 "GITHUB_REPOSITORY": "comite/plan"}
    done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c",
                           step["run"]], env=variables, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return journal.read_text(encoding="utf-8").splitlines()


def github_glob(pattern: str) -> re.Pattern:
    """GitHub's filter patterns as the docs' cheat sheet defines them (** any
    run, * any run without /, [..] one listed character), as a regex."""
    regex = re.sub(r"\*\*|\*|\[[^]]*\]|[^*[]+", lambda m: {
        "**": ".*", "*": "[^/]*"}.get(m.group(0), m.group(0) if m.group(0).startswith("[")
                                     else re.escape(m.group(0))), pattern)
    return re.compile(regex + r"\Z")


def test_no_expression_inside_a_run_block():
    """The file name, the branch and the title are user input: they reach the
    shell through env: only (script injection)."""
    runs = [step["run"] for step in _steps() if "run" in step]
    assert len(runs) == 4
    assert not [run for run in runs if "${{" in run]


def test_permissions_are_the_least_it_needs():
    workflow = _workflow()
    assert workflow["name"] == "Importer un classeur téléversé"
    assert workflow["permissions"] == {}
    assert workflow["jobs"]["importer"]["permissions"] == {"contents": "write",
                                                          "pull-requests": "write",
                                                          "statuses": "write"}
    assert workflow["concurrency"]["cancel-in-progress"] == "false"
    checkout = _steps()[0]
    assert checkout["with"] == {"fetch-depth": "0", "persist-credentials": "false"}


def test_it_starts_on_a_workbook_pushed_to_classeurs_on_any_branch():
    """Any case of the extension, as the script accepts (.Xlsx from some
    systems), and nothing outside classeurs/."""
    push = _workflow()["on"]["push"]
    assert push["branches"] == ["**"]
    patterns = [github_glob(p) for p in push["paths"]]

    def starts(path: str) -> bool:
        return any(p.match(path) for p in patterns)

    for path in ("classeurs/grilles.xlsx", "classeurs/Grilles.XLSX",
                 "classeurs/Grilles du comité.Xlsx", "classeurs/2025/grilles.xlsX"):
        assert starts(path), path
    for path in ("classeurs/LISEZMOI.md", "classeurs/grilles.xls", "data/grilles.xlsx",
                 "grilles.xlsx"):
        assert not starts(path), path


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
    """A workbook that changes nothing goes through a pull request too (branch
    protection refuses a push to main): the same step as one that changes."""
    changes, no_change, errors = (_step(uploads.CHANGES), _step(uploads.NO_CHANGE),
                                  _step(uploads.ERRORS))
    assert changes == no_change
    assert "gh pr create" in changes["run"]
    assert f'--body-file "$RUNNER_TEMP/classeur/{uploads.DESCRIPTION}"' in changes["run"]
    assert changes["env"]["TITRE"] == "${{ steps.importation.outputs.titre }}"
    assert changes["env"]["BRANCHE_CLASSEUR"] == "${{ steps.importation.outputs.branche }}"
    assert changes["env"]["DONNEES_VALIDES"] == \
        "${{ steps.importation.outputs.donnees_valides }}"
    assert f'git commit --file "$RUNNER_TEMP/classeur/{uploads.COMMIT_MESSAGE}"' \
        in changes["run"]
    assert f'-F "body=@$RUNNER_TEMP/classeur/{uploads.COMMENT}"' in errors["run"]
    assert "commits/$ENVOI/comments" in errors["run"]
    assert errors["run"].rstrip().endswith("exit 1")  # the red X the uploader sees
    assert "git push" not in errors["run"]


STATUS = "context=Vérifier une proposition de modification"
SHA = "0123456789abcdef0123456789abcdef01234567"


def _pushes_and_statuses(calls: list) -> tuple:
    return ([c for c in calls if c.startswith("git push")],
            [c for c in calls if "/statuses/" in c])


def test_an_upload_to_main_goes_to_its_own_branch_with_the_verification_status(tmp_path):
    """The classeur/… branch is the workflow's own: a rerun replaces it
    (--force-with-lease) instead of being refused. Its commit gets the status
    that branch protection requires, from the script's verification."""
    calls = run_step(_step(uploads.CHANGES), tmp_path, BRANCHE_ENVOI="main",
                     BRANCHE_PRINCIPALE="main", BRANCHE_CLASSEUR="classeur/grilles-abc1234",
                     TITRE="Importer le classeur « grilles.xlsx »", DONNEES_VALIDES="oui")

    pushes, statuses = _pushes_and_statuses(calls)
    assert pushes == ["git push --force-with-lease=refs/heads/classeur/grilles-abc1234 "
                      "origin HEAD:refs/heads/classeur/grilles-abc1234"]
    assert statuses == [f"gh api --method POST repos/comite/plan/statuses/{SHA} "
                        f"-f state=success -f {STATUS} "
                        "-f description=Les données du plan sont valides."]
    assert calls.index("gh auth setup-git") < calls.index(pushes[0])
    assert calls.index(pushes[0]) < calls.index(statuses[0])
    assert [c for c in calls if c.startswith("gh pr create")] == [
        "gh pr create --base main --head classeur/grilles-abc1234 --title Importer le "
        f"classeur « grilles.xlsx » --body-file {tmp_path}/classeur/{uploads.DESCRIPTION}"]


def test_an_upload_to_another_branch_is_pushed_there_never_forced(tmp_path):
    calls = run_step(_step(uploads.NO_CHANGE), tmp_path, BRANCHE_ENVOI="comite/mai",
                     BRANCHE_PRINCIPALE="main", BRANCHE_CLASSEUR="classeur/grilles-abc1234",
                     TITRE="Retirer le classeur", DONNEES_VALIDES="non")

    pushes, statuses = _pushes_and_statuses(calls)
    assert pushes == ["git push origin HEAD:refs/heads/comite/mai"]
    assert statuses == [f"gh api --method POST repos/comite/plan/statuses/{SHA} "
                        f"-f state=failure -f {STATUS} -f description=Les données du "
                        "plan contiennent des erreurs : voir la demande de fusion."]


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
