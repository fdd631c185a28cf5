"""The list of what is out of date (plan/updates.py) as text, and the reminder
issue of the workflow « Rappels de mise à jour » (.github/workflows/rappels.yml).

``pnt a-jour`` prints ``text_report`` (a terminal) or ``markdown_report``
(``--format markdown``: the body of the issue, its first line the title
« # Mises à jour attendues — T1 2027 », its last line a comment giving the
number of items). Then ``python -m macros.reminders FICHIER`` keeps one open
issue whose title starts with « Mises à jour attendues — »: it updates it, or
opens it, with that title and body; when nothing is due, it closes it with a
comment (and opens nothing). It reads the repository and the token from the
environment the workflow gives (GITHUB_REPOSITORY, GITHUB_TOKEN, and
GITHUB_API_URL for GitHub Enterprise), and talks to the REST API with urllib:
no package to install. Any answer other than success stops it with a French
message and exit code 1.

When: the workflow is scheduled on the first seven days of January, April,
July and October (cron cannot say « first working day »), and ``python -m
macros.reminders --jour-ouvrable`` says whether today (in Québec's time zone,
the workflow's TZ) is the quarter's first working day: the first day from
Monday to Friday that is not 1 January (jour de l'An) or 1 July (fête du
Canada). Other holidays are not counted; by hand (workflow_dispatch), the
reminder runs any day.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from .commands import WORKBOOK, quoted, typed
from .plan import french
from .plan.updates import TITLE, by_responsible, file_route, quarter_title, sheet_route

TITLE_PREFIX = f"{TITLE} — "
COUNT_LINE = re.compile(r"^<!-- pnt-a-jour : (\d+) -->$", re.MULTILINE)
CLOSING_COMMENT = ("Plus rien n'est à mettre à jour : les actions et les indicateurs du plan "
                   "sont à jour. Ce rappel est fermé ; le prochain s'ouvrira au besoin.")


# --- the list, as text --------------------------------------------------------------------------

def _counts(items: list) -> str:
    people = len(by_responsible(items))
    return (f"{french.count(len(items), 'élément', 'éléments')} pour "
            f"{french.count(people, 'responsable', 'responsables')}")


def nothing_due(day_french: str) -> str:
    return (f"Aucune mise à jour n'est attendue au {day_french} : les actions et les "
            "indicateurs du plan sont à jour.")


def text_report(items: list, day_french: str, folder: str) -> str:
    """What ``pnt a-jour`` prints: per responsible, each item, what to write, where."""
    if not items:
        return nothing_due(day_french)
    lines = [f"{TITLE} au {day_french} : {_counts(items)}."]
    for name, theirs in by_responsible(items):
        lines += ["", f"{name} ({len(theirs)})"]
        for item in theirs:
            lines += [f"- {item.heading} : {item.since}.",
                      f"  À inscrire : {item.todo}.",
                      f"  Fichier : {file_route(item, folder)}.",
                      f"  Classeur : {sheet_route(item)}."]
    return "\n".join(lines)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~])")


def markdown_text(text: str) -> str:
    """A value of the data, inert in GitHub's Markdown: its syntax escaped, no
    « @name » that would notify someone, no line break."""
    text = " ".join(str(text).split())
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("@", "@\u2060")


def markdown_report(items: list, day, day_french: str, folder: str) -> str:
    """The reminder issue: its title line, then the list, per responsible."""
    lines = [f"# {quarter_title(day)}", ""]
    if not items:
        lines.append(nothing_due(day_french))
    else:
        lines.append(f"Situation au {day_french}, calculée par `{typed('a-jour')}` à partir des "
                     f"données du plan (dossier `{markdown_text(folder)}/`) : "
                     f"{_counts(items)}. Chaque ligne dit quoi inscrire et où : dans le "
                     "fichier de données, ou dans le classeur "
                     f"(`{typed('exporter', WORKBOOK)}`, puis "
                     f"`{typed('importer', WORKBOOK)}`).")
    for name, theirs in by_responsible(items):
        lines += ["", f"## {markdown_text(name)} ({len(theirs)})", ""]
        for item in theirs:
            lines += [f"- **{markdown_text(item.heading)}** : {markdown_text(item.since)}.",
                      f"  - À inscrire : {markdown_text(item.todo)}.",
                      f"  - Fichier : {markdown_text(file_route(item, folder))}.",
                      f"  - Classeur : {markdown_text(sheet_route(item))}."]
    lines += ["", f"<!-- pnt-a-jour : {len(items)} -->"]
    return "\n".join(lines) + "\n"


def read_report(text: str) -> tuple:
    """(title, body, number of items) of a ``markdown_report``."""
    first, _, rest = text.partition("\n")
    found = COUNT_LINE.search(text)
    if not first.startswith(f"# {TITLE_PREFIX}") or found is None:
        raise ValueError("ce fichier n'est pas la sortie de "
                         f"{quoted('a-jour', '--format', 'markdown')}")
    return first[2:].strip(), rest.strip() + "\n", int(found.group(1))


# --- when ---------------------------------------------------------------------------------------

QUARTER_MONTHS = (1, 4, 7, 10)
HOLIDAYS = ((1, 1), (7, 1))  # jour de l'An, fête du Canada


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and (day.month, day.day) not in HOLIDAYS


def is_first_working_day_of_quarter(day: datetime.date) -> bool:
    """The first day of the quarter's month that is a working day."""
    if day.month not in QUARTER_MONTHS or not is_working_day(day):
        return False
    return not any(is_working_day(day.replace(day=earlier)) for earlier in range(1, day.day))


# --- the issue on GitHub ------------------------------------------------------------------------

class GitHubError(Exception):
    pass


class GitHub:
    """The few calls of the REST API the reminder needs."""

    def __init__(self, repository: str, token: str, api: str = "https://api.github.com",
                 opener=None):
        self.base = f"{api.rstrip('/')}/repos/{repository}"
        self.token = token
        self.opener = opener or urllib.request.build_opener()

    def call(self, method: str, path: str, payload=None):
        data = json.dumps(payload).encode("utf-8") if payload is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method)
        request.add_header("Accept", "application/vnd.github+json")
        request.add_header("Authorization", f"Bearer {self.token}")
        request.add_header("X-GitHub-Api-Version", "2022-11-28")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with self.opener.open(request, timeout=30) as answer:
                body = answer.read()
        except urllib.error.HTTPError as error:
            raise GitHubError(f"GitHub a répondu {error.code} à {method} {path}") from None
        except (urllib.error.URLError, OSError) as error:
            raise GitHubError(f"GitHub est injoignable ({error})") from None
        return json.loads(body) if body else None

    def open_reminder(self):
        """The open reminder issue (pull requests aside), or None."""
        page = 1
        while True:
            query = urllib.parse.urlencode({"state": "open", "per_page": 100, "page": page})
            found = self.call("GET", f"/issues?{query}") or []
            for issue in found:
                if ("pull_request" not in issue
                        and str(issue.get("title", "")).startswith(TITLE_PREFIX)):
                    return issue
            if len(found) < 100:
                return None
            page += 1


def sync(github: GitHub, title: str, body: str, count: int) -> str:
    """Update, open or close the reminder issue; say what was done, in French."""
    issue = github.open_reminder()
    if count == 0:
        if issue is None:
            return "Rien n'est à mettre à jour, et aucun rappel n'est ouvert."
        number = issue["number"]
        github.call("POST", f"/issues/{number}/comments", {"body": CLOSING_COMMENT})
        github.call("PATCH", f"/issues/{number}", {"state": "closed",
                                                   "state_reason": "completed"})
        return f"Rien n'est à mettre à jour : le rappel n° {number} est fermé."
    if issue is not None:
        number = issue["number"]
        github.call("PATCH", f"/issues/{number}", {"title": title, "body": body})
        return f"Rappel n° {number} mis à jour : {title}."
    created = github.call("POST", "/issues", {"title": title, "body": body})
    return f"Rappel n° {created['number']} ouvert : {title}."


def main(argv=None, environ=None, opener=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    environ = os.environ if environ is None else environ
    if argv == ["--jour-ouvrable"]:  # for $GITHUB_OUTPUT: rappel=oui or rappel=non
        first = is_first_working_day_of_quarter(datetime.date.today())
        print(f"rappel={'oui' if first else 'non'}")
        return 0
    if len(argv) != 1:
        print("Erreur : donnez le fichier écrit par "
              f"{quoted('a-jour', '--format', 'markdown')}, "
              "p. ex. python -m macros.reminders rappel.md")
        return 1
    missing = [name for name in ("GITHUB_REPOSITORY", "GITHUB_TOKEN") if not environ.get(name)]
    if missing:
        print(f"Erreur : il manque {french.join(missing)} dans l'environnement (le flux "
              "GitHub Actions les donne).")
        return 1
    try:
        title, body, count = read_report(Path(argv[0]).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        print(f"Erreur : {argv[0]} : {error}.")
        return 1
    github = GitHub(environ["GITHUB_REPOSITORY"], environ["GITHUB_TOKEN"],
                    environ.get("GITHUB_API_URL") or "https://api.github.com", opener)
    try:
        print(sync(github, title, body, count))
    except GitHubError as error:
        print(f"Erreur : {error}. Le rappel n'a pas été mis à jour.")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
