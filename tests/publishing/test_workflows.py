"""The GitHub workflows: linted, pinned, least privilege, same commands as CI."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "publier.yml"


def test_workflows_pass_actionlint():
    actionlint = Path(sys.executable).with_name("actionlint")
    assert actionlint.exists(), "actionlint absent : pip install -e .[tests]"
    workflows = sorted(WORKFLOW.parent.glob("*.yml"))
    assert WORKFLOW in workflows and len(workflows) >= 2
    result = subprocess.run([str(actionlint), *map(str, workflows)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_start_workflow_passes_the_name_through_the_environment():
    """The territory's name never reaches the shell as code (script injection)."""
    text = (WORKFLOW.parent / "commencer.yml").read_text(encoding="utf-8")
    runs = "".join(re.findall(r"run: \|\n((?:          .*\n)+)", text))
    assert "${{" not in runs
    assert 'pnt nouveau "$NOM"' in runs
    start = yaml.load(text, Loader=yaml.BaseLoader)
    assert start["permissions"] == {"contents": "read"}
    assert start["jobs"]["commencer"]["permissions"] == {"contents": "write"}


def test_actionlint_flags_a_broken_workflow(tmp_path):
    """Negative control for the lint above."""
    broken = tmp_path / "casse.yml"
    broken.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                      "      - run: echo ${{ github.evnt.name }}\n", encoding="utf-8")
    actionlint = Path(sys.executable).with_name("actionlint")
    assert subprocess.run([str(actionlint), str(broken)], capture_output=True).returncode


def _workflow() -> dict:
    text = WORKFLOW.read_text(encoding="utf-8")
    return yaml.load(text, Loader=yaml.BaseLoader)  # "on" stays a key


def test_workflow_pins_actions_and_keeps_permissions_minimal():
    text = "".join(p.read_text(encoding="utf-8") for p in WORKFLOW.parent.glob("*.yml"))
    uses = re.findall(r"^\s*(?:- )?uses: (\S+)(.*)", text, re.MULTILINE)
    assert uses
    for action, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action
        assert re.search(r"# v\d+\.\d+\.\d+", comment), action
    workflow = _workflow()
    assert workflow["permissions"] == {"contents": "read"}
    jobs = workflow["jobs"]
    assert jobs["construire"]["permissions"] == {"contents": "read", "pages": "read"}
    assert jobs["publier"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert "concurrency" in workflow
    assert "github.event_name != 'pull_request'" in jobs["publier"]["if"]


def test_workflow_runs_the_same_commands_as_ci():
    runs = [step.get("run", "") for step in _workflow()["jobs"]["construire"]["steps"]]
    assert "make tests" in runs and "make pdf" in runs and "make site" in runs
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "\nmake tests\n" in ci
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "pnt pdf" in makefile and "pnt trousse" in makefile


def test_workflow_completes_the_site_after_building_it_and_before_uploading():
    """The PDFs, CNAME and open data come from an explicit step, not only from
    MkDocs' on_post_build, which another engine (Zensical) does not run."""
    steps = _workflow()["jobs"]["construire"]["steps"]
    runs = [step.get("run", "") for step in steps]
    uploads = [step.get("uses", "").split("@")[0] for step in steps]
    finishing = runs.index(".venv/bin/pnt completer-site")
    assert runs.index("make site") < finishing < uploads.index(
        "actions/upload-pages-artifact")


def test_reminder_workflow_writes_issues_only_and_never_interpolates_in_run():
    text = (WORKFLOW.parent / "rappels.yml").read_text(encoding="utf-8")
    reminder = yaml.load(text, Loader=yaml.BaseLoader)
    assert reminder["permissions"] == {}
    job = reminder["jobs"]["rappeler"]
    assert job["permissions"] == {"issues": "write"}
    assert set(reminder["on"]) == {"schedule", "workflow_dispatch"}
    assert reminder["on"]["schedule"] == [{"cron": "17 12 1-7 1,4,7,10 *"}]
    runs = [step["run"] for step in job["steps"] if "run" in step]
    assert runs and not any("${{" in run for run in runs)
    assert any("pnt a-jour --format markdown" in run for run in runs)
    assert any("python -m macros.reminders" in run for run in runs)


def test_change_workflow_pushes_only_the_formatting_and_passes_data_through_env():
    """Vérifier une proposition: only its formatting job may push, only the
    checking job may comment; the base sha reaches the shell as a variable.
    Every pull request gets the check (no paths filter): branch protection
    requires it, also from those that leave data/ alone."""
    change = _change_workflow()
    assert change["name"] == "Vérifier une proposition de modification"
    assert change["on"] == {"pull_request": {"types": ["opened", "synchronize", "reopened"]}}
    assert change["permissions"] == {}
    formatting, checking = change["jobs"]["formater"], change["jobs"]["verifier"]
    assert formatting["permissions"] == {"contents": "write"}
    assert checking["permissions"] == {"contents": "read", "pull-requests": "write",
                                       "statuses": "write"}
    assert formatting["if"] == ("github.event.pull_request.head.repo.full_name == "
                                "github.repository")
    steps = formatting["steps"] + checking["steps"]
    runs = [step["run"] for step in steps if "run" in step]
    assert not any("${{" in run for run in runs)
    reformat = next(step for step in steps if "pnt formater" in step.get("run", ""))
    # The branch's starting point, not the base's tip: files changed on main
    # since then must not be rewritten with the branch's older values.
    assert reformat["run"] == ('BASE=$(git merge-base "$BASE" HEAD)\n'
                               'pnt formater --base "$BASE"\n')
    assert reformat["env"] == {"BASE": "${{ github.event.pull_request.base.sha }}"}
    assert any(run.startswith("set +e\npnt verifier") for run in runs)
    assert any('>> "$GITHUB_STEP_SUMMARY"' in run for run in runs)


def test_change_workflow_gives_the_token_only_to_its_push():
    """The formatting job installs and runs the pull request's own code: no
    token in .git/config (no checkout keeps one), only the pushing step gets it."""
    change = _change_workflow()
    formatting = change["jobs"]["formater"]["steps"]
    checking = change["jobs"]["verifier"]["steps"]
    assert [s["with"].get("persist-credentials") for s in formatting + checking
            if s.get("uses", "").startswith("actions/checkout@")] == ["false", "false"]
    with_token = [s for s in formatting if "GH_TOKEN" in s.get("env", {})]
    assert len(with_token) == 1 and "git push" in with_token[0]["run"]
    push = with_token[0]["run"]
    assert push.index("gh auth setup-git") < push.index("git push")


def _change_workflow() -> dict:
    text = (WORKFLOW.parent / "verifier-modification.yml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=yaml.BaseLoader)


def _checking_step(name: str) -> dict:
    steps = _change_workflow()["jobs"]["verifier"]["steps"]
    return next(step for step in steps if step.get("name", "").startswith(name))


def _run(step: dict, tmp_path: Path, **env) -> subprocess.CompletedProcess:
    """A step's script as GitHub runs it (bash -eo pipefail)."""
    variables = {**os.environ, **step.get("env", {}), **env,
                 "RUNNER_TEMP": str(tmp_path), "GITHUB_REPOSITORY": "comite/plan",
                 "GITHUB_STEP_SUMMARY": str(tmp_path / "resume.md")}
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c",
                           step["run"]], env=variables, capture_output=True, text=True)


def test_the_report_keeps_its_tildes_inside_its_block(tmp_path):
    """A report line with « ~~~~ » (a value typed in the plan) must not close
    the code block of the comment: the fence is longer than any run of « ~ »."""
    report = "Erreur : data/03-besoins.yml, « ~~~~~~ fin »\n~~~~\n1 erreur, 0 avertissement.\n"
    (tmp_path / "rapport.txt").write_text(report, encoding="utf-8")

    done = _run(_checking_step("Écrire le rapport"), tmp_path, STATUT="1")

    assert done.returncode == 0, done.stderr
    text = (tmp_path / "rapport.md").read_text(encoding="utf-8")
    assert text.endswith("\n~~~~~~~text\n" + report + "~~~~~~~\n")
    assert (tmp_path / "resume.md").read_text(encoding="utf-8") == text


def test_the_report_fence_is_four_tildes_for_a_plain_report(tmp_path):
    report = "0 erreur, 0 avertissement. Les données sont valides.\n"
    (tmp_path / "rapport.txt").write_text(report, encoding="utf-8")

    done = _run(_checking_step("Écrire le rapport"), tmp_path, STATUT="0")

    assert done.returncode == 0, done.stderr
    text = (tmp_path / "rapport.md").read_text(encoding="utf-8")
    assert text.endswith("\n~~~~text\n" + report + "~~~~\n")


def test_the_report_comment_is_updated_in_place_whatever_the_number_of_pages(tmp_path):
    """Many earlier reports (many pages, more than a pipe holds): the first one
    is updated, and nothing breaks the pipe (« | head » would end gh with
    SIGPIPE, which fails the step under pipefail)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "gh").write_text(
        "#!/bin/sh\nprintf '%s\\n' \"gh $*\" >> \"$JOURNAL\"\n"
        "case \"$*\" in *--paginate*) seq 111 200000 ;; esac\n",
        encoding="utf-8")
    (bin_dir / "gh").chmod(0o755)
    journal = tmp_path / "journal.txt"

    done = _run(_checking_step("Commenter la proposition"), tmp_path, PR="7",
                JOURNAL=str(journal), PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}")

    assert done.returncode == 0, done.stderr
    calls = journal.read_text(encoding="utf-8").splitlines()
    assert calls[1:] == [f"gh api --method PATCH repos/comite/plan/issues/comments/111 "
                         f"-F body=@{tmp_path}/rapport.md"]
