"""What an author sees from ``make``: the first install says, in French, what it
is doing before the long silent steps, and a build prints neither Material's
English end-of-life box nor mkdocs-macros' English inventory lines."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, copy_template, missing_tool


def _make(args: list, cwd: Path) -> subprocess.CompletedProcess:
    """``make`` as an author's shell runs it: without NO_MKDOCS_2_WARNING."""
    if shutil.which("make") is None:
        missing_tool("make absent")
    env = {k: v for k, v in os.environ.items()
           if k not in ("NO_MKDOCS_2_WARNING", "PNT_DONNEES", "PNT_APERCU")}
    return subprocess.run(["make", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=600)


def test_first_install_says_in_french_what_it_does_before_pip(tmp_path):
    venv = tmp_path / "venv"
    planned = _make(["-n", f"VENV={venv}", f"{venv}/.installe"], ROOT).stdout.splitlines()
    pip = next(i for i, line in enumerate(planned) if "pip install" in line)
    said = [line for line in planned[:pip] if line.startswith("echo ")]
    assert said and "Installation des outils du plan" in said[0]
    assert "quelques minutes" in said[0]


def test_node_install_says_what_it_does_before_npm(tmp_path):
    planned = _make(["-n", "-B", "node_modules/.package-lock.json"], ROOT).stdout
    assert planned.index("Installation des outils de vérification") < planned.index("npm ci")


@pytest.fixture
def project(tmp_path) -> Path:
    project = copy_template(tmp_path / "projet")
    shutil.copy2(ROOT / "Makefile", project / "Makefile")
    return project


def test_site_build_prints_no_english_banner_nor_macros_inventory(project):
    venv = Path(sys.executable).parent.parent
    result = _make(["site", f"VENV={venv}", "-o", f"{venv}/.installe"], project)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert (project / "site" / "index.html").exists()
    assert "end of life" not in output
    assert "[macros]" not in output
