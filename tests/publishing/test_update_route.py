"""The update route docs/demarrer.md describes: a fork edits only data/, so the
guide's updates merge without conflict; a copy made with « Use this template »
shares no history and cannot merge them at all."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from conftest import ROOT

GUIDE_PAGE = "docs/etapes/05-etat-de-situation.md"
ENV = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "t@example.org",
       "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "t@example.org",
       "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git absent")


def git(repo, *args, check=True):
    return subprocess.run(["git", "-C", str(repo), *args], env=ENV, check=check,
                          capture_output=True, text=True)


def commit_all(repo, message):
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


@pytest.fixture
def template(tmp_path):
    """The template as published: the guide and an empty data/ folder."""
    repo = tmp_path / "gabarit"
    (repo / "docs/etapes").mkdir(parents=True)
    (repo / "data").mkdir()
    shutil.copy(ROOT / GUIDE_PAGE, repo / GUIDE_PAGE)
    shutil.copy(ROOT / "data/LISEZMOI.md", repo / "data/LISEZMOI.md")
    git(repo, "init", "-q", "-b", "main")
    commit_all(repo, "Gabarit")
    return repo


def improve_guide(template):
    page = template / GUIDE_PAGE
    page.write_text(page.read_text(encoding="utf-8") + "\nUn conseil de plus.\n",
                    encoding="utf-8")
    commit_all(template, "Le guide s'améliore")


def test_a_fork_that_edits_only_data_merges_the_guide_update(template, tmp_path):
    fork = tmp_path / "plan"
    subprocess.run(["git", "clone", "-q", str(template), str(fork)], env=ENV, check=True)
    (fork / "data/territoire.yml").write_text("territoire:\n  nom: MRC de Test\n",
                                              encoding="utf-8")
    commit_all(fork, "Nouveau plan")
    improve_guide(template)
    git(fork, "fetch", "-q", "origin")
    merged = git(fork, "merge", "--no-edit", "origin/main", check=False)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert "Un conseil de plus." in (fork / GUIDE_PAGE).read_text(encoding="utf-8")
    assert "MRC de Test" in (fork / "data/territoire.yml").read_text(encoding="utf-8")


def test_a_fork_that_edits_the_guide_gets_a_conflict(template, tmp_path):
    """Negative control: the rule « only data/ » is what avoids the conflict."""
    fork = tmp_path / "plan"
    subprocess.run(["git", "clone", "-q", str(template), str(fork)], env=ENV, check=True)
    page = fork / GUIDE_PAGE
    page.write_text(page.read_text(encoding="utf-8") + "\nNotre propre conseil.\n",
                    encoding="utf-8")
    commit_all(fork, "Modification du guide dans la copie")
    improve_guide(template)
    git(fork, "fetch", "-q", "origin")
    merged = git(fork, "merge", "--no-edit", "origin/main", check=False)
    assert merged.returncode != 0 and "CONFLICT" in merged.stdout


def test_a_template_copy_cannot_receive_the_guide_update(template, tmp_path):
    """« Use this template »: same files, one commit of its own, no shared history."""
    copy = tmp_path / "copie"
    shutil.copytree(template, copy, ignore=shutil.ignore_patterns(".git"))
    git(copy, "init", "-q", "-b", "main")
    commit_all(copy, "Initial commit")
    improve_guide(template)
    git(copy, "remote", "add", "gabarit", str(template))
    git(copy, "fetch", "-q", "gabarit")
    merged = git(copy, "merge", "--no-edit", "gabarit/main", check=False)
    assert merged.returncode != 0 and "unrelated histories" in merged.stderr
