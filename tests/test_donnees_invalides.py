"""Ce que lit l'auteur quand ses données sont fausses.

Chaque dossier de ``tests/fixtures/invalides/`` contient UN fichier qui
remplace le fichier du même nom dans le plan minimal ``tests/fixtures/minimal/``
(ou qui s'y ajoute). Le plan obtenu est lu comme le dossier « data » d'un
territoire ; les erreurs produites doivent être exactement celles de
``tests/fixtures/invalides/attendus.yml``, au mot près : c'est le texte que voit
une personne qui ne programme pas.

``tests/fixtures/pieges-yaml/`` prouve l'inverse : les pièges du typage
implicite de YAML 1.1 (``no``, ``08``, ``12:30``, ``012``, une date) sont lus
comme l'auteur l'entendait.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros.loader import load_folder  # noqa: E402

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINIMAL = FIXTURES / "minimal"
INVALIDES = FIXTURES / "invalides"
ATTENDUS = INVALIDES / "attendus.yml"
PIEGES = FIXTURES / "pieges-yaml"
SHOWN = "data"

STEP_FILES = (
    "territoire.yml", "01-gouvernance.yml", "02-financement.yml", "03-besoins.yml",
    "04-possibilites.yml", "05-etat-de-situation.yml", "06-projets-prioritaires.yml",
    "07-preparation-evaluation.yml", "08-redaction-approbation-diffusion.yml",
    "09-mise-en-oeuvre.yml", "10-evaluation-reddition.yml",
)

# Mots anglais des messages de PyYAML / libyaml, et autres mots de programmeur.
ENGLISH = re.compile(
    r"\b(expected|found|mapping|scalar|sequence|line|column|while|could|token|"
    r"unexpected|stream|indicator|block|alias|error|not allowed|key|value|"
    r"character|none|true|false|null)\b",
    re.IGNORECASE,
)


def _modes() -> list:
    return sorted(p.name for p in INVALIDES.iterdir() if p.is_dir())


def _attendus() -> dict:
    return yaml.safe_load(ATTENDUS.read_text(encoding="utf-8"))


MODES = _modes()


def _charger(tmp_path: Path, *overlays: Path):
    """Le plan minimal, recouvert par les fichiers des dossiers donnés, lu comme « data »."""
    folder = tmp_path / SHOWN
    shutil.copytree(MINIMAL, folder)
    for overlay in overlays:
        for path in sorted(overlay.iterdir()):
            if path.is_file():
                shutil.copyfile(path, folder / path.name)
    return load_folder(folder, SHOWN)


def _erreurs(result) -> list:
    return sorted(str(p) for p in result.problems if p.is_error)


# --- le plan minimal -----------------------------------------------------------

def test_plan_minimal_sans_erreur_ni_avertissement(tmp_path):
    result = _charger(tmp_path)
    assert [str(p) for p in result.problems] == []


def test_plan_minimal_complet():
    """Les 11 fichiers, chaque grille remplie de 1 à 3 lignes, plan en brouillon."""
    assert sorted(p.name for p in MINIMAL.iterdir()) == sorted(STEP_FILES)
    result = load_folder(MINIMAL, SHOWN)
    for key, rows in result.data.items():
        count = 1 if isinstance(rows, dict) else len(rows)
        assert rows and 1 <= count <= 3, key
    assert result.data["territoire"]["statut"] == "brouillon"


# --- les fixtures et leurs attendus --------------------------------------------------

def test_chaque_fixture_a_ses_attendus():
    attendus = _attendus()
    assert sorted(attendus) == MODES, (
        "sans attendus : " + ", ".join(sorted(set(MODES) - set(attendus)))
        + " ; attendus sans fixture : " + ", ".join(sorted(set(attendus) - set(MODES))))
    for mode, lines in attendus.items():
        assert isinstance(lines, list) and lines, mode
        assert all(isinstance(line, str) and line for line in lines), mode
    assert len(MODES) >= 20


@pytest.mark.parametrize("mode", MODES)
def test_un_seul_fichier_modifie(mode):
    files = [p for p in (INVALIDES / mode).iterdir()]
    assert len(files) == 1 and files[0].is_file(), files
    base = MINIMAL / files[0].name
    if base.exists():
        assert files[0].read_bytes() != base.read_bytes()


@pytest.mark.parametrize("mode", MODES)
def test_message_exact(tmp_path, mode):
    result = _charger(tmp_path, INVALIDES / mode)
    assert _erreurs(result) == sorted(_attendus()[mode])


def test_toutes_les_erreurs_a_la_fois(tmp_path):
    """Trois fautes dans un même fichier : trois erreurs, pas seulement la première."""
    result = _charger(tmp_path, INVALIDES / "trois-erreurs-meme-fichier")
    errors = [p for p in result.problems if p.is_error]
    assert len(errors) == 3
    assert {p.path for p in errors} == {"data/03-besoins.yml"}
    assert len({p.line for p in errors}) == 3
    assert {p.field for p in errors} == {"date", "animateur", "priorite"}


@pytest.mark.parametrize("mode", MODES)
def test_messages_en_francais(tmp_path, mode):
    result = _charger(tmp_path, INVALIDES / mode)
    english = [str(p) for p in result.problems if ENGLISH.search(p.message)]
    assert english == []


def test_attendus_en_francais():
    for mode, lines in _attendus().items():
        for line in lines:
            assert not ENGLISH.search(line.split(" : ", 1)[-1]), (mode, line)


# --- pièges de YAML 1.1 : lus comme l'auteur l'entend ------------------------------------

@pytest.fixture(scope="module")
def pieges(tmp_path_factory):
    return _charger(tmp_path_factory.mktemp("pieges"), PIEGES)


def _row(data, grid, **where):
    rows = [r for r in data[grid] if all(r.get(k) == v for k, v in where.items())]
    assert len(rows) == 1, (grid, where)
    return rows[0]


def test_pieges_plan_valide(pieges):
    assert [str(p) for p in pieges.problems] == []


def test_pieges_le_yaml_1_1_se_tromperait():
    """Témoin : PyYAML seul (YAML 1.1) lirait ces valeurs autrement."""
    lu = yaml.safe_load("a: no\nb: on\nc: 12:30\nd: 2026-04-17\ne: 012\nf: 85005\n")
    assert lu == {"a": False, "b": True, "c": 750, "d": lu["d"], "e": 10, "f": 85005}
    assert not isinstance(lu["d"], str)


def test_pieges_no_on_oui_restent_du_texte(pieges):
    data = pieges.data
    assert data["porteur"]["fonction"] == "no"
    assert _row(data, "instances", id="G-01")["nom"] == "on"
    assert [m["role"] for m in data["membres"]] == ["oui", "off"]
    assert _row(data, "acteurs", id="A-01")["apport"] == "yes"
    assert data["vision"]["valeurs"] == ["no", "on", "oui"]


def test_pieges_codes_restent_du_texte(pieges):
    data = pieges.data
    assert data["territoire"]["code_geographique"] == "08"
    assert [m["code"] for m in data["municipalites"]] == ["85005", "08010"]


def test_pieges_heure_reste_du_texte(pieges):
    assert _row(pieges.data, "instances", id="G-01")["frequence"] == "12:30"
    assert pieges.data["mesures"][-1]["commentaire"] == "12:30"


def test_pieges_date_dans_un_champ_texte(pieges):
    assert pieges.data["territoire"]["resolution"] == "2026-04-17"


def test_pieges_montant_avec_espaces_et_dollar(pieges):
    montant = _row(pieges.data, "budget", poste="coordination")["montant"]
    assert (montant.low, montant.high) == (1500000, 1500000)
    assert _row(pieges.data, "budget", poste="consultations")["montant"].low == 2.5


def test_pieges_virgule_decimale(pieges):
    assert _row(pieges.data, "indicateurs", id="I-01")["cible"] == 2.5
    assert pieges.data["mesures"][0]["valeur"] == 2.5


def test_pieges_zero_initial_decimal(pieges):
    assert _row(pieges.data, "indicateurs", id="I-01")["valeur_depart"] == 12


def test_pieges_entier_avec_espace(pieges):
    assert _row(pieges.data, "municipalites", nom="Ville-Alpha")["population"] == 1250


def test_pieges_booleens(pieges):
    assert pieges.data["territoire"]["fictif"] is False
    atteint = [m["atteint"] for m in pieges.data["mesures"] if m["indicateur"] == "I-02"]
    assert atteint == [True, False, True, False]
