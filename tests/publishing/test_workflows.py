"""The GitHub workflows: linted, pinned, least privilege, same commands as CI."""

from __future__ import annotations

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
    checking job may comment; the base sha reaches the shell as a variable."""
    text = (WORKFLOW.parent / "verifier-modification.yml").read_text(encoding="utf-8")
    change = yaml.load(text, Loader=yaml.BaseLoader)
    assert change["name"] == "Vérifier une proposition de modification"
    assert change["on"] == {"pull_request": {"types": ["opened", "synchronize", "reopened"],
                                             "paths": ["data/**"]}}
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
    assert reformat["run"] == 'pnt formater --base "$BASE"'
    assert reformat["env"] == {"BASE": "${{ github.event.pull_request.base.sha }}"}
    assert any(run.startswith("set +e\npnt verifier") for run in runs)
    assert any('>> "$GITHUB_STEP_SUMMARY"' in run for run in runs)
    assert [s["with"].get("persist-credentials") for s in steps
            if s.get("uses", "").startswith("actions/checkout@")] == ["true", "false"]
