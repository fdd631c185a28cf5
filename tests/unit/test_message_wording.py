"""The wording of what ``pnt verifier`` prints for wrong data: the rules the
site's pages follow (``support.WORDING``: « le 31 mars », « 0 foyer », « de la
MRC », a range with its unit on each bound…) hold in the terminal too.

What a message quotes of the author's input (« 150 000 – 100 000 $ ») is the
author's text and is left out. A terminal keeps ordinary spaces, so only the
wording is checked, not the kind of space.
"""

from __future__ import annotations

import shutil

import pytest
import yaml

from conftest import FIXTURES
from support import wording_problems

INVALIDES = FIXTURES / "invalides"
# Cases whose messages put generated amounts, dates, counts and lists in a sentence.
CASES = ("fourchette-inversee", "fourchette-unite-de-la-seconde-borne", "montant-texte",
         "montant-plus-de-devant-une-fourchette", "financement-superieur-au-cout",
         "source-depassee-par-les-projets", "echeance-hors-periode",
         "projet-hors-de-la-periode", "date-impossible", "reference-inconnue",
         "trois-erreurs-meme-fichier", "population-n-d")


def _expected(case: str) -> list:
    expected = yaml.safe_load((INVALIDES / "attendus.yml").read_text(encoding="utf-8"))[case]
    if isinstance(expected, dict):
        return (expected.get("erreurs") or []) + (expected.get("avertissements") or [])
    return expected


@pytest.mark.parametrize("case", CASES)
def test_verifier_messages_follow_french_wording(tmp_path, pnt_here, case):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", data)
    for path in (INVALIDES / case).iterdir():
        shutil.copyfile(path, data / path.name)
    result = pnt_here(["verifier"], tmp_path)
    printed = result.stdout + result.stderr
    for message in _expected(case):  # the messages are there to be read
        assert message in printed, (message, printed)
    assert wording_problems(printed, skip_quotes=True) == [], printed
