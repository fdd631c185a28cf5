"""The ``pnt`` command (cli.py): starting a plan, checking it, in French."""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import ROOT, copy_template, pnt
from support import full_disk_at
from macros.outputs.schemas import SCHEMA_DIR
from macros.plan.catalog import REGIONS, STEPS
from macros.reading import loader

SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


def test_nouveau_writes_commented_skeletons_that_verify(fresh_project, pnt_here):
    data = fresh_project / "data"
    assert sorted(p.name for p in data.glob("*.yml")) == sorted(s.filename for s in STEPS)
    assert (data / "LISEZMOI.md").exists()
    for step in STEPS:
        text = (data / step.filename).read_text(encoding="utf-8")
        target = SCHEMA_LINE.match(text.splitlines()[0]).group(1)
        assert (data / target).resolve() == (
            fresh_project / SCHEMA_DIR / f"{step.slug}.schema.json").resolve()
        for grid in step.grids:
            assert f"\n{grid.key}:" in text
        # What to write when the source does not say: in every file, from the start.
        assert "# Un fait que votre source ne donne pas s'écrit « inconnu », jamais 0." in text
    result = pnt_here(["verifier"], fresh_project)
    assert result.returncode == 0, result.stdout
    assert "0 erreur" in result.stdout
    territory = (data / "territoire.yml").read_text(encoding="utf-8")
    assert 'nom: "MRC de Test-Vierge"' in territory
    assert "periode_debut: 2027" in territory and "periode_fin: 2031" in territory


def test_uncommented_skeleton_row_is_read(tmp_path, pnt_here):
    """An author removes the # of a model row and fills it: the build reads it."""
    project = copy_template(tmp_path / "projet")
    assert pnt_here(["nouveau", "MRC de Modèle"], project).returncode == 0
    path = project / "data" / "05-etat-de-situation.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index("ffom:")
    lines[start + 1] = "   - type: force"
    lines[start + 2] = "     enonce: Un réseau d'organismes solide"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    loaded = loader.load_folder(project / "data", "data")
    assert not loaded.errors, [str(p) for p in loaded.errors]
    assert loaded.data["ffom"][0]["enonce"] == "Un réseau d'organismes solide"


def test_nouveau_refuses_to_overwrite_a_plan(fresh_project, pnt_here):
    before = (fresh_project / "data" / "territoire.yml").read_bytes()
    result = pnt_here(["nouveau", "MRC d'Ailleurs"], fresh_project)
    assert result.returncode == 1
    assert "contient déjà un plan" in result.stdout and "Rien n'a été modifié" in result.stdout
    assert (fresh_project / "data" / "territoire.yml").read_bytes() == before


def test_nouveau_remplacer_keeps_the_old_plan(tmp_path, pnt_here):
    project = copy_template(tmp_path / "projet")
    shutil.copytree(ROOT / "exemple", project / "data", dirs_exist_ok=True)
    result = pnt_here(["nouveau", "MRC de Rechange", "--remplacer"], project)
    assert result.returncode == 0, result.stdout
    backups = [p for p in project.iterdir() if p.name.startswith("data-sauvegarde-")]
    assert len(backups) == 1
    assert (backups[0] / "03-besoins.yml").read_bytes() == (
        ROOT / "exemple" / "03-besoins.yml").read_bytes()
    assert "MRC de Rechange" in (project / "data" / "territoire.yml").read_text()


def _tree(folder) -> dict:
    return {str(p.relative_to(folder)): p.read_bytes() if p.is_file() else None
            for p in sorted(folder.rglob("*"))}


def test_nouveau_writes_nothing_when_a_file_is_in_the_way(tmp_path, pnt_here):
    project = copy_template(tmp_path / "projet")
    (project / "data" / "06-projets-prioritaires.yml").mkdir()
    before = _tree(project)
    result = pnt_here(["nouveau", "MRC de Travers"], project)
    assert result.returncode == 1
    assert result.stdout == (
        f"Erreur : {project}/data/06-projets-prioritaires.yml ne peut être écrit (un "
        "dossier porte ce nom) : renommer ou déplacer ce dossier, puis relancer la "
        "commande. Rien n'a été modifié.\n")
    assert _tree(project) == before


def test_nouveau_remplacer_on_a_full_disk_keeps_the_old_plan(tmp_path, pnt_here,
                                                             monkeypatch):
    project = copy_template(tmp_path / "projet")
    shutil.copytree(ROOT / "exemple", project / "data", dirs_exist_ok=True)
    before = _tree(project)
    full_disk_at(monkeypatch, 5, project)
    result = pnt_here(["nouveau", "MRC de Rechange", "--remplacer"], project)
    assert result.returncode == 1
    assert re.fullmatch(r"Erreur : \S+/data/\S+\.yml ne peut être écrit \(disque plein\) "
                        r": libérer de l'espace sur le disque, puis relancer la commande\. "
                        r"Rien n'a été modifié\.\n", result.stdout), result.stdout
    assert _tree(project) == before


def test_nouveau_rejects_an_unknown_region_without_writing(tmp_path, pnt_here):
    project = copy_template(tmp_path / "projet")
    result = pnt_here(["nouveau", "MRC X", "--region", "Ontario"], project)
    assert result.returncode == 1
    assert result.stdout == (
        "Erreur : « Ontario » n'est pas une région administrative (choisir parmi : "
        f"{', '.join(REGIONS)}). Rien n'a été modifié.\n")
    assert not list((project / "data").glob("*.yml"))


def test_nouveau_suggests_the_region_of_a_misspelt_name(tmp_path, pnt_here):
    project = copy_template(tmp_path / "projet")
    result = pnt_here(["nouveau", "MRC X", "--region", "Estri"], project)
    assert result.returncode == 1
    assert result.stdout == (
        "Erreur : « Estri » n'est pas une région administrative (choisir parmi : "
        f"{', '.join(REGIONS)}) ; vouliez-vous dire « Estrie » ? Relancez avec "
        "--region \"Estrie\". Rien n'a été modifié.\n")
    assert not list((project / "data").glob("*.yml"))


@pytest.mark.parametrize("typed, region", [
    ("estrie", "Estrie"),
    ("MONTEREGIE", "Montérégie"),
    ("saguenay lac saint jean", "Saguenay–Lac-Saint-Jean"),
    ("gaspesie", "Gaspésie–Îles-de-la-Madeleine"),
])
def test_nouveau_writes_the_region_as_named_officially(tmp_path, pnt_here, typed, region):
    project = copy_template(tmp_path / "projet")
    result = pnt_here(["nouveau", "MRC X", "--region", typed], project)
    assert result.returncode == 0, result.stdout
    loaded = loader.load_folder(project / "data", "data")
    assert not loaded.errors, [str(p) for p in loaded.errors]
    assert loaded.data["territoire"]["region"] == region


def test_command_errors_are_french(tmp_path):
    """In a process of its own, as an author runs it: French, exit code 2."""
    result = pnt(["verifer"], tmp_path)
    assert result.returncode == 2
    assert "Erreur\u00a0: argument commande\u00a0: choix invalide" in result.stderr


def test_verifier_on_the_example_says_so(tmp_path, pnt_here):
    project = copy_template(tmp_path / "projet")
    result = pnt_here(["verifier"], project)
    assert result.returncode == 0
    assert "territoire d'exemple" in result.stdout


def test_nouveau_keeps_quotes_and_backslashes_of_the_name(tmp_path, pnt_here):
    project = copy_template(tmp_path / "projet")
    name = 'MRC du "Haut" \\ Bas'
    assert pnt_here(["nouveau", name], project).returncode == 0
    loaded = loader.load_folder(project / "data", "data")
    assert not loaded.errors
    assert loaded.data["territoire"]["nom"] == name


def test_nouveau_rejects_a_name_on_two_lines(tmp_path, pnt_here):
    project = copy_template(tmp_path / "projet")
    result = pnt_here(["nouveau", "MRC X\nstatut: adopté"], project)
    assert result.returncode == 1 and "sur une ligne" in result.stdout
    assert not list((project / "data").glob("*.yml"))


# --- pnt rapport: the yearly report ----------------------------------------------------------

def test_rapport_for_a_year_without_follow_up_names_the_years_that_have_some(tmp_path,
                                                                            pnt_here):
    project = copy_template(tmp_path / "projet")
    result = pnt_here(["rapport", "2031", "--sortie", str(tmp_path / "sortie")], project)
    assert result.returncode == 1
    assert result.stdout == (
        "Erreur : l'année 2031 n'a aucune donnée de suivi (mesure, mise à jour de la "
        "programmation, reddition de comptes ou ajustement). Années qui en ont : 2025 et "
        "2026. Par exemple : .venv/bin/pnt rapport 2026.\n")
    assert not (tmp_path / "sortie").exists()


def test_rapport_of_a_plan_without_follow_up_says_where_to_write_it(fresh_project, pnt_here,
                                                                   tmp_path):
    result = pnt_here(["rapport", "--sortie", str(tmp_path / "sortie")], fresh_project)
    assert result.returncode == 1
    assert result.stdout.startswith(
        "Erreur : le plan n'a encore aucune donnée de suivi, donc aucun rapport annuel : "
        "inscrivez des mesures des indicateurs (data/10-evaluation-reddition.yml")
    assert "Traceback" not in result.stdout + result.stderr
    assert not (tmp_path / "sortie").exists()


def test_rapport_refuses_a_year_that_is_not_a_number_in_french(tmp_path):
    result = pnt(["rapport", "abc"], tmp_path)
    assert result.returncode == 2
    assert ("Erreur\u00a0: argument ANNÉE\u00a0: nombre entier attendu\u00a0: 'abc'. "
            "Aide\u00a0: .venv/bin/pnt rapport --help") in result.stderr
    assert "Traceback" not in result.stderr


# --- pnt a-jour: what is out of date, per responsible ----------------------------------------------

def _block(output: str, responsible: str) -> list:
    """The lines a responsible's heading (« Name (n) ») starts, up to the next blank line."""
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{responsible} ("))
    end = next((i for i in range(start, len(lines)) if not lines[i]), len(lines))
    return lines[start + 1:end]


def test_a_jour_on_the_example_lists_the_stale_items_per_responsible(tmp_path, pnt_here):
    """Computed by hand from exemple/*.yml as of 15 January 2027."""
    project = copy_template(tmp_path / "projet")
    result = pnt_here(["a-jour", "--date", "2027-01-15"], project)
    assert result.returncode == 0, result.stdout
    out = result.stdout
    assert out.startswith("Mises à jour attendues au 15 janvier 2027 : ")
    # The milestone I-03: deadline 31 March 2026, measured « non » that day, never since.
    assert _block(out, "Comité de pilotage") == [
        "- I-03 « Montage financier complet du réseau Fibre Cèdres » : échéance du 31 mars "
        "2026 passée, aucune mesure depuis.",
        "  À inscrire : une nouvelle mesure, avec sa date et « oui » ou « non » (jalon "
        "atteint ou non).",
        "  Fichier : exemple/10-evaluation-reddition.yml, grille « Mesures des indicateurs », "
        "une nouvelle ligne : champs indicateur (I-03), date et atteint.",
        "  Classeur : feuille « 10.1 Mesures des indicateurs », une nouvelle ligne : colonnes "
        "« Indicateur » (I-03), « Date » et « Atteint »."]
    # I-04, quarterly: last measured 30 September 2026.
    assert _block(out, "Coordonnatrice du Réseau des bibliothèques")[0] == (
        "- I-04 « Personnes accompagnées par la Brigade numérique » : dernière mesure le "
        "30 septembre 2026 (fréquence : trimestrielle).")
    # I-08, half-yearly: last measured 30 June 2026.
    assert ("- I-08 « Jeux de données municipales publiés sous licence ouverte » : dernière "
            "mesure le 30 juin 2026 (fréquence : semestrielle).") in _block(
        out, "Service de géomatique de la MRC")
    # The Brigade's 2026 action, still « en cours », last updated 92 days before.
    library = _block(out, "Réseau des bibliothèques")
    assert library[:4] == [
        "- P-02, action de 2026 « Extension de la Brigade aux onze bibliothèques et visites "
        "à domicile » : dernière mise à jour le 15 octobre 2026.",
        "  À inscrire : le statut, l'avancement et la date de mise à jour de l'action.",
        "  Fichier : exemple/09-mise-en-oeuvre.yml, grille « Programmation annuelle », "
        "champs statut, avancement et mise_a_jour.",
        "  Classeur : feuille « 9.2 Programmation annuelle », colonnes « Statut », "
        "« Avancement » et « Mise à jour »."]
    # Updated less than 90 days before (30 October 2026), or measured this period: fine.
    assert "Construction de la phase 1" not in out
    for fine in ("I-01 ", "I-02 ", "I-09 ", "I-10 ", "I-11 ", "I-12 "):
        assert fine not in out


def test_a_jour_markdown_is_the_reminder_of_the_quarter(tmp_path, pnt_here):
    project = copy_template(tmp_path / "projet")
    result = pnt_here(["a-jour", "--date", "2027-01-15", "--format", "markdown"], project)
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == "# Mises à jour attendues — T1 2027"
    assert "## Comité de pilotage (1)" in result.stdout


def test_a_jour_refuses_a_date_that_is_not_one(tmp_path, pnt_here):
    project = copy_template(tmp_path / "projet")
    for wrong in ("15/01/2027", "2027-02-30"):
        result = pnt_here(["a-jour", "--date", wrong], project)
        assert result.returncode == 1
        assert result.stdout == (f"Erreur : « {wrong} » n'est pas une date : écrivez-la "
                                 "AAAA-MM-JJ (p. ex. --date 2027-01-15).\n")


def test_a_jour_of_wrong_data_gives_the_report(tmp_path, pnt_here):
    project = copy_template(tmp_path / "projet")
    shutil.copytree(ROOT / "tests" / "fixtures" / "minimal", project / "data",
                    dirs_exist_ok=True)
    for wrong in (ROOT / "tests" / "fixtures" / "invalides" / "priorite-hors-liste").iterdir():
        shutil.copy(wrong, project / "data" / wrong.name)
    result = pnt_here(["a-jour"], project)
    assert result.returncode == 1
    assert result.stdout.rstrip().endswith("Rien n'a été listé : corrigez d'abord les données.")
    assert "Traceback" not in result.stdout + result.stderr
