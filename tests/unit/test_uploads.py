"""A workbook uploaded in classeurs/ on GitHub (macros/uploads.py), in a real
git repository: what the pull request, the commit and the comments will say,
and what is left in the working tree for the workflow to commit."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from conftest import ROOT

from macros.reading.loader import load_folder
from macros.spreadsheet.export import write_workbook
from macros.uploads import main

EXAMPLE_DIR = ROOT / "exemple"
NBSP = "\u00a0"
NEEDS = "3.2 Besoins"
GIT = ("git", "-c", "user.name=Comité", "-c", "user.email=comite@example.org",
       "-c", "core.quotePath=false", "-c", "init.defaultBranch=main")


def french(text: str) -> str:
    """Expected texts are written with « ~ » for each no-break space."""
    return text.replace("~", NBSP)


def git(root: Path, *arguments: str) -> str:
    done = subprocess.run([*GIT, "-C", str(root), *arguments], capture_output=True,
                          text=True, check=True)
    return done.stdout


@pytest.fixture(scope="module")
def example_workbook(tmp_path_factory) -> Path:
    """The filled workbook a committee downloads from the « Données ouvertes » page."""
    path = tmp_path_factory.mktemp("classeur") / "exemple.xlsx"
    write_workbook(path, load_folder(EXAMPLE_DIR, "exemple", True).data)
    return path


@pytest.fixture
def repository(tmp_path) -> Path:
    """A territory's repository: the example's files as data/, classeurs/ and its note."""
    root = tmp_path / "depot"
    (root / "data").mkdir(parents=True)
    for source in EXAMPLE_DIR.glob("*.yml"):
        shutil.copy(source, root / "data" / source.name)
    shutil.copytree(ROOT / "classeurs", root / "classeurs")
    git(root, "init", "--quiet")
    git(root, "add", "--all")
    git(root, "commit", "--quiet", "--message", "Le plan")
    return root


def _row_of(sheet, first_value) -> int:
    return next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == first_value)


def edited(example_workbook: Path, folder: Path, name: str, priority) -> Path:
    """The example's workbook with the priority of need B-03 (2) made ``priority``."""
    book = openpyxl.load_workbook(example_workbook)
    needs = book[NEEDS]
    needs.cell(_row_of(needs, "B-03"), 7, priority)
    path = folder / name
    book.save(path)
    return path


def upload(root: Path, *workbooks: Path) -> tuple:
    """Commit ``workbooks`` under classeurs/, as « Upload files » does: (before, after)."""
    before = git(root, "rev-parse", "HEAD").strip()
    for workbook in workbooks:
        shutil.copy(workbook, root / "classeurs" / workbook.name)
    git(root, "add", "--all")
    git(root, "commit", "--quiet", "--message", "Add files via upload")
    return before, git(root, "rev-parse", "HEAD").strip()


def run(root: Path, capsys, *arguments: str) -> tuple:
    """(exit code, {key: value} printed for $GITHUB_OUTPUT, {file: text} written)."""
    capsys.readouterr()
    out = root.parent / "sortie"
    code = main(["--racine", str(root), "--sortie", str(out), *arguments])
    lines = capsys.readouterr().out.splitlines()
    assert all("=" in line for line in lines), lines
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(out.glob("*"))}
    return code, dict(line.split("=", 1) for line in lines), texts


def status(root: Path) -> list:
    """``git status --porcelain``, each name as it is (never quoted)."""
    return [entry for entry in git(root, "status", "--porcelain", "-z").split("\0") if entry]


def changed_lines(root: Path) -> list:
    """The removed and added lines of the data files, as ``git diff`` shows them."""
    diff = git(root, "diff", "--unified=0", "--", "data")
    return [line for line in diff.splitlines()
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


# --- a valid workbook that changes the plan: a pull request -------------------------------------

PULL_REQUEST = french("""\
# Importer le classeur «~Grilles du comité.xlsx~»

Le classeur `classeurs/Grilles du comité.xlsx` a été vérifié, puis reporté dans les \
fichiers du plan (1 fichier du plan modifié). Cette proposition le retire aussi du \
dossier classeurs/~: son contenu est maintenant dans data/.

## Ce qui change

### data/03-besoins.yml

- Besoins (feuille «~3.2 Besoins~»)~: 1 ligne modifiée

## Vérification des données du plan

Les données du plan, classeur importé, sont valides. Rapport de la vérification (la \
même qu'à la publication du site)~:

```text
0 erreur, 0 avertissement. Les données sont valides.
```

## Comment vérifier

Ouvrez l'onglet «~Files changed~» de cette proposition~: chaque ligne en vert a été \
ajoutée, chaque ligne en rouge retirée, dans les fichiers du plan (dossier data/). \
Comparez-les avec ce que le comité voulait changer. Si tout est juste, fusionnez la \
proposition («~Merge pull request~»)~: le site sera reconstruit et publié. Sinon, \
fermez-la sans la fusionner, corrigez le classeur dans Excel ou LibreOffice et \
téléversez-le de nouveau dans le dossier classeurs/.
""")


def test_a_workbook_with_one_change_becomes_a_pull_request(repository, example_workbook,
                                                           tmp_path, capsys):
    workbook = edited(example_workbook, tmp_path, "Grilles du comité.xlsx", 3)
    before, after = upload(repository, workbook)

    code, output, texts = run(repository, capsys, "--avant", before, "--apres", after)

    assert code == 0
    assert output == {"resultat": "modifications",
                      "titre": french("Importer le classeur «~Grilles du comité.xlsx~»"),
                      "branche": f"classeur/grilles-du-comite-{after[:7]}",
                      "donnees_valides": "oui"}
    assert changed_lines(repository) == ["-    priorite: 2", "+    priorite: 3"]
    assert status(repository) == [" D classeurs/Grilles du comité.xlsx",
                                  " M data/03-besoins.yml"]
    assert texts["description.md"] == PULL_REQUEST
    assert texts["message-commit.txt"] == french(
        "Importer le classeur «~Grilles du comité.xlsx~»\n\nFichiers du plan mis à jour~: "
        "03-besoins.yml. Le classeur est retiré de classeurs/.\n")
    assert "commentaire.md" not in texts


def test_a_new_branch_imports_only_the_workbook_of_its_own_commit(
        repository, example_workbook, tmp_path, capsys):
    """A branch created by « Upload files » is pushed with an all-zero « before »:
    its commit is compared with its parent, not with the whole history (a workbook
    refused earlier stays in classeurs/, and must not be taken again)."""
    upload(repository, edited(example_workbook, tmp_path, "ancien.xlsx", "très haute"))
    _, after = upload(repository, edited(example_workbook, tmp_path, "nouveau.xlsx", 3))

    code, output, _ = run(repository, capsys, "--avant", "0" * 40, "--apres", after)

    assert (code, output["resultat"]) == (0, "modifications")
    assert status(repository) == [" D classeurs/nouveau.xlsx", " M data/03-besoins.yml"]


def test_a_corrected_workbook_uploaded_under_the_same_name_is_imported(
        repository, example_workbook, tmp_path, capsys):
    """The refused workbook stays in classeurs/: its corrected version replaces it
    (a modified file, not an added one)."""
    first = tmp_path / "premier"
    first.mkdir()
    upload(repository, edited(example_workbook, first, "grilles.xlsx", "très haute"))
    before, after = upload(repository, edited(example_workbook, tmp_path, "grilles.xlsx", 3))

    code, output, _ = run(repository, capsys, "--avant", before, "--apres", after)

    assert (code, output["resultat"]) == (0, "modifications")
    assert changed_lines(repository) == ["-    priorite: 2", "+    priorite: 3"]


def test_a_hostile_file_name_gives_a_safe_branch_and_one_line_outputs(
        repository, example_workbook, tmp_path, capsys):
    name = "Évaluation ; rm -rf $HOME\n`@tous`.xlsx"
    before, after = upload(repository, edited(example_workbook, tmp_path, name, 3))

    code, output, texts = run(repository, capsys, "--avant", before, "--apres", after)

    assert code == 0
    assert output["branche"] == f"classeur/evaluation-rm-rf-home-tous-{after[:7]}"
    assert output["titre"] == french(
        "Importer le classeur «~Évaluation ; rm -rf $HOME `@tous`.xlsx~»")
    assert texts["description.md"].startswith(french(
        "# Importer le classeur «~Évaluation ; rm -rf $HOME \\`@\u2060tous\\`.xlsx~»\n"))
    assert texts["message-commit.txt"].startswith(output["titre"] + "\n\n")
    assert "Le classeur ``classeurs/Évaluation ; rm -rf $HOME `@tous`.xlsx`` a été" \
        in texts["description.md"]


# --- a workbook with errors: a comment, nothing changed ------------------------------------------

ERRORS_COMMENT = french("""\
# Classeur «~grilles.xlsx~» refusé

Le classeur `classeurs/grilles.xlsx` n'a pas été importé~: il contient 1 erreur. Rien \
n'a été modifié dans les fichiers du plan (data/), et le classeur reste dans le dossier \
classeurs/.

## Erreurs à corriger

```text
{error}
```

1 erreur, 0 avertissement.

## Que faire

1. Ouvrez votre classeur dans Excel ou LibreOffice et corrigez chaque cellule nommée \
ci-dessus (feuille, ligne, colonne).
2. Enregistrez-le au format .xlsx, sous le même nom.
3. Téléversez-le de nouveau dans le dossier classeurs/ du dépôt («~Add file › Upload \
files~»)~: il remplacera celui-ci et sera vérifié à nouveau.
""")


def test_a_workbook_with_errors_gets_a_comment_and_changes_nothing(
        repository, example_workbook, tmp_path, capsys):
    before, after = upload(repository, edited(example_workbook, tmp_path, "grilles.xlsx",
                                              "très haute"))
    book = openpyxl.load_workbook(repository / "classeurs" / "grilles.xlsx")
    row = _row_of(book[NEEDS], "B-03")

    code, output, texts = run(repository, capsys, "--avant", before, "--apres", after)

    assert code == 0
    assert output == {"resultat": "erreurs",
                      "titre": french("Classeur «~grilles.xlsx~» refusé"), "branche": "",
                      "donnees_valides": ""}
    assert status(repository) == []
    assert (repository / "classeurs" / "grilles.xlsx").is_file()
    error = (f"Erreur : Feuille « 3.2 Besoins », ligne {row}, colonne « Priorité » : "
             "« très haute » n'est pas une valeur permise (choisir parmi : 1, 2, 3)")
    assert texts == {"commentaire.md": ERRORS_COMMENT.format(error=error)}


def test_two_workbooks_at_once_are_refused(repository, example_workbook, tmp_path, capsys):
    before, after = upload(repository,
                           edited(example_workbook, tmp_path, "comite-a.xlsx", 3),
                           edited(example_workbook, tmp_path, "comite-b.xlsx", 1))

    code, output, texts = run(repository, capsys, "--avant", before, "--apres", after)

    assert (code, output["resultat"]) == (0, "erreurs")
    assert status(repository) == []
    assert texts["commentaire.md"].startswith(french(
        "# 2 classeurs téléversés à la fois~: aucun importé\n\n"
        "Cet envoi contient 2 classeurs~:\n\n"
        "- `classeurs/comite-a.xlsx`\n- `classeurs/comite-b.xlsx`\n\n"
        "Chaque classeur contient tout le plan~: importer le second effacerait les "
        "changements du premier. Rien n'a été modifié"))


# --- a workbook that changes nothing; no workbook at all ------------------------------------

NO_CHANGE_PULL_REQUEST = french("""\
# Retirer le classeur «~grilles.xlsx~» (aucun changement)

Le classeur `classeurs/grilles.xlsx` est valide et correspond déjà aux fichiers du plan \
(data/)~: il n'y a rien à y changer. Cette proposition retire seulement le classeur du \
dossier classeurs/.

## Vérification des données du plan

Les données du plan, classeur importé, sont valides. Rapport de la vérification (la \
même qu'à la publication du site)~:

```text
0 erreur, 0 avertissement. Les données sont valides.
```

## Que faire

Fusionnez cette proposition («~Merge pull request~») pour retirer le classeur du \
dossier classeurs/\u202f; les fichiers du plan et le site restent les mêmes.
""")


def test_a_workbook_that_changes_nothing_is_removed_by_a_pull_request(
        repository, example_workbook, tmp_path):
    """Branch protection refuses a push straight to main: the removal goes
    through its own branch and pull request. Run as the workflow runs it: in
    the repository, its stdout appended to $GITHUB_OUTPUT (nothing else may be
    printed there)."""
    workbook = tmp_path / "grilles.xlsx"
    shutil.copy(example_workbook, workbook)
    before, after = upload(repository, workbook)
    out = tmp_path / "sortie"

    done = subprocess.run([sys.executable, "-m", "macros.uploads", "--avant", before,
                           "--apres", after, "--sortie", str(out)],
                          cwd=repository, capture_output=True, text=True)

    assert done.returncode == 0, done.stderr
    assert done.stdout == "resultat=aucun-changement\n" + french(
        "titre=Retirer le classeur «~grilles.xlsx~» (aucun changement)\n"
        f"branche=classeur/grilles-{after[:7]}\ndonnees_valides=oui\n")
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(out.iterdir())}
    assert status(repository) == [" D classeurs/grilles.xlsx"]
    assert texts == {
        "description.md": NO_CHANGE_PULL_REQUEST,
        "message-commit.txt": french(
            "Retirer le classeur «~grilles.xlsx~» (aucun changement)\n")}


def test_a_plan_that_fails_verification_says_so_to_the_status_and_the_reviewers(
        repository, example_workbook, tmp_path, capsys):
    """The workflow posts « donnees_valides » as the commit status that branch
    protection requires: « non » when pnt verifier fails on the imported plan
    (here, a stray file in data/ that the workbook does not cover)."""
    (repository / "data" / "notes.yml").write_text("a: 1\n", encoding="utf-8")
    workbook = tmp_path / "grilles.xlsx"
    shutil.copy(example_workbook, workbook)
    before, after = upload(repository, workbook)

    code, output, texts = run(repository, capsys, "--avant", before, "--apres", after)

    assert (code, output["resultat"], output["donnees_valides"]) == (
        0, "aucun-changement", "non")
    assert french("**Attention**~: les données du plan, classeur importé, ont des "
                  "erreurs. Ne fusionnez pas cette proposition") in texts["description.md"]
    assert "Erreur : data/notes.yml : ce fichier n'est pas lu" in texts["description.md"]


def test_a_push_without_a_new_workbook_does_nothing(repository, capsys):
    """Deleting a workbook from classeurs/ starts the workflow too."""
    (repository / "classeurs" / "vieux.xlsx").write_bytes(b"PK")
    upload(repository)
    (repository / "classeurs" / "vieux.xlsx").unlink()
    before, after = upload(repository)

    code, output, texts = run(repository, capsys, "--avant", before, "--apres", after)

    assert (code, output["resultat"], texts) == (0, "aucun-classeur", {})
    assert status(repository) == []


# --- what the script refuses ---------------------------------------------------------------

def test_a_file_outside_classeurs_is_never_touched(repository, capsys):
    code = main(["--racine", str(repository), "data/03-besoins.yml"])

    assert code == 2
    assert "n'est pas un classeur .xlsx du dossier classeurs/" in capsys.readouterr().err
    assert status(repository) == []


def test_an_unknown_commit_is_said_in_french(repository, capsys):
    code = main(["--racine", str(repository), "--apres", "f" * 40])

    assert code == 1
    assert capsys.readouterr().err == (
        f"Erreur : git ne dit pas quels classeurs l'envoi a ajoutés (le commit « {'f' * 40} » "
        "est introuvable dans le dépôt).\n")
