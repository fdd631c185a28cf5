"""What is out of date, and who must update it (plan/updates.py), the list
``pnt a-jour`` prints, and the reminder issue of the workflow (reminders.py),
tested against a fake GitHub API on 127.0.0.1."""

from __future__ import annotations

import datetime
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from macros import reminders
from macros.plan import updates
from macros.plan.index import PlanIndex
from support import action, d, indicator, measure, plan

JAN_15 = datetime.date(2027, 1, 15)


def due(data: dict, day=JAN_15) -> list:
    return updates.due_items(PlanIndex(data), day)


def lines(data: dict, day=JAN_15) -> list:
    """(responsible, heading, since) of each item, as written by hand below."""
    return [(item.responsible, item.heading, item.since) for item in due(data, day)]


def every(n: int, frequency: str, **fields) -> dict:
    return dict(indicator(n, **fields), frequence=frequency)


# --- actions of the annual programming ----------------------------------------------------------

def stale_action() -> dict:
    return plan(programmation=[action("P-01", 2026, "en cours", 60, "2026-09-01",
                                      text="Construction du réseau")])


def test_action_updated_more_than_90_days_ago_is_due():
    assert lines(stale_action()) == [
        ("MRC", "P-01, action de 2026 « Construction du réseau »",
         "dernière mise à jour le 1er septembre 2026")]


def test_action_updated_within_90_days_is_not_due():
    assert due(stale_action(), datetime.date(2026, 11, 30)) == []  # 90 days after


def action_without_update() -> dict:
    return plan(programmation=[action("P-02", 2027, "à venir", 0, None,
                                      text="Deuxième cohorte")])


def test_action_of_the_year_without_update_is_due_once_the_year_began():
    assert lines(action_without_update()) == [
        ("MRC", "P-02, action de 2027 « Deuxième cohorte »", "aucune mise à jour inscrite")]


def test_action_of_the_coming_year_is_not_due_before_the_year_begins():
    assert due(action_without_update(), datetime.date(2026, 12, 31)) == []


def closed_actions_of_last_year() -> dict:
    return plan(programmation=[action("P-01", 2025, "terminée", 100, "2025-03-01"),
                               action("P-02", 2025, "abandonnée", 0, None),
                               action("P-03", 2025, "reportée", 40, "2025-06-01")])


def test_finished_abandoned_or_postponed_actions_are_never_due():
    assert due(closed_actions_of_last_year()) == []


def test_open_action_of_an_earlier_year_stays_due():
    data = plan(programmation=[action("P-01", 2025, "en retard", 30, "2025-12-01",
                                      text="Inventaire")])
    assert lines(data) == [("MRC", "P-01, action de 2025 « Inventaire »",
                            "dernière mise à jour le 1er décembre 2025")]


def month_update() -> dict:
    """Updated « 2026-10 »: read at its last day, 31 October 2026."""
    return plan(programmation=[action("P-01", 2026, "en cours", 50, "2026-10",
                                      text="Portail")])


def test_update_of_a_month_counts_until_its_last_day():
    assert due(month_update(), datetime.date(2027, 1, 29)) == []  # 90 days after 31 Oct
    assert lines(month_update(), datetime.date(2027, 1, 30)) == [
        ("MRC", "P-01, action de 2026 « Portail »", "dernière mise à jour en octobre 2026")]


# --- indicators ---------------------------------------------------------------------------------

def quarterly_late() -> dict:
    return plan(indicateurs=[every(4, "trimestrielle", base_year=2025)],
                mesures=[measure(4, "2026-06-30", value=12), measure(4, "2026-09-30", value=14)])


def test_quarterly_indicator_without_the_last_quarter_is_due():
    assert lines(quarterly_late()) == [
        ("MRC", "I-04 « Indicateur 4 »",
         "dernière mesure le 30 septembre 2026 (fréquence : trimestrielle)")]


def test_quarterly_indicator_is_due_the_day_after_its_quarter():
    assert due(quarterly_late(), datetime.date(2026, 12, 31)) == []
    assert len(due(quarterly_late(), datetime.date(2027, 1, 1))) == 1


def test_annual_indicator_measured_within_the_year_is_fine():
    data = plan(indicateurs=[every(1, "annuelle")], mesures=[measure(1, "2026-06", value=12)])
    assert due(data) == []


def test_measure_of_a_month_counts_until_its_last_day():
    data = plan(indicateurs=[every(2, "trimestrielle")],
                mesures=[measure(2, "2026-09", value=12)])
    assert due(data, datetime.date(2026, 12, 31)) == []  # 30 September + 3 months
    assert lines(data, datetime.date(2027, 1, 1)) == [
        ("MRC", "I-02 « Indicateur 2 »",
         "dernière mesure en septembre 2026 (fréquence : trimestrielle)")]


def never_measured() -> dict:
    return plan(indicateurs=[every(5, "annuelle", base_year=2025)])


def test_indicator_never_measured_is_due_one_period_after_its_baseline_year():
    assert due(never_measured(), datetime.date(2026, 12, 31)) == []
    assert lines(never_measured()) == [
        ("MRC", "I-05 « Indicateur 5 »", "aucune mesure depuis 2025 (fréquence : annuelle)")]


def test_indicator_measured_at_its_deadline_is_complete():
    data = plan(indicateurs=[every(9, "trimestrielle", due="2026-06-30")],
                mesures=[measure(9, "2026-06-30", value=655)])
    assert due(data) == []


def at_the_end() -> dict:
    return plan(indicateurs=[every(6, "à la fin du plan", due="2026-12")])


def test_indicator_measured_at_the_end_is_due_only_after_its_deadline():
    assert due(at_the_end(), datetime.date(2026, 12, 31)) == []
    assert lines(at_the_end()) == [
        ("MRC", "I-06 « Indicateur 6 »", "échéance de décembre 2026 passée sans mesure finale")]


# --- milestones ---------------------------------------------------------------------------------

def milestone_past_deadline() -> dict:
    return plan(indicateurs=[every(3, "semestrielle", nature="jalon", due="2026-03-31")],
                mesures=[measure(3, "2026-03-31", reached=False)])


def test_milestone_past_its_deadline_without_a_later_measure_is_due():
    assert lines(milestone_past_deadline()) == [
        ("MRC", "I-03 « Indicateur 3 »", "échéance du 31 mars 2026 passée, aucune mesure depuis")]


def test_milestone_is_not_due_before_its_deadline():
    assert due(milestone_past_deadline(), datetime.date(2026, 3, 31)) == []


def test_milestone_reached_is_never_due():
    data = plan(indicateurs=[every(3, "semestrielle", nature="jalon", due="2026-03-31")],
                mesures=[measure(3, "2026-02-10", reached=True)])
    assert due(data) == []


def test_milestone_measured_again_after_its_deadline_follows_its_frequency():
    data = plan(indicateurs=[every(3, "semestrielle", nature="jalon", due="2026-03-31")],
                mesures=[measure(3, "2026-05-31", reached=False)])
    assert due(data, datetime.date(2026, 11, 30)) == []
    assert lines(data, datetime.date(2026, 12, 1)) == [
        ("MRC", "I-03 « Indicateur 3 »", "échéance du 31 mars 2026 passée ; dernière mesure "
         "le 31 mai 2026 : non atteint (fréquence : semestrielle)")]


# --- per responsible, and where to write it ---------------------------------------------------------

def several_responsibles() -> dict:
    return plan(programmation=[
        dict(action("P-01", 2027, "à venir", text="A"), responsable="Équipe Zêta"),
        dict(action("P-02", 2027, "à venir", text="B"), responsable=None),
        dict(action("P-03", 2027, "à venir", text="C"), responsable="équipe Alpha"),
        dict(action("P-04", 2027, "à venir", text="D"), responsable="Direction")])


def test_items_are_grouped_by_responsible_by_name_the_unnamed_last():
    groups = updates.by_responsible(due(several_responsibles()))
    assert [name for name, _ in groups] == ["Direction", "équipe Alpha", "Équipe Zêta",
                                            "Responsable non précisé"]


def test_routes_name_the_file_and_grid_and_the_sheet_and_columns():
    action_item, measure_item = due(plan(
        programmation=[action("P-01", 2026, "en cours", 60, "2026-09-01")],
        indicateurs=[every(4, "trimestrielle")],
        mesures=[measure(4, "2026-09-30", value=14)]))
    assert updates.file_route(action_item, "data") == (
        "data/09-mise-en-oeuvre.yml, grille « Programmation annuelle », champs statut, "
        "avancement et mise_a_jour")
    assert updates.sheet_route(action_item) == (
        "feuille « 9.2 Programmation annuelle », colonnes « Statut », « Avancement » et "
        "« Mise à jour »")
    assert updates.file_route(measure_item, "data") == (
        "data/10-evaluation-reddition.yml, grille « Mesures des indicateurs », une nouvelle "
        "ligne : champs indicateur (I-04), date et valeur")
    assert updates.sheet_route(measure_item) == (
        "feuille « 10.1 Mesures des indicateurs », une nouvelle ligne : colonnes "
        "« Indicateur » (I-04), « Date » et « Valeur »")


def test_text_report_says_what_to_write_and_where():
    text = reminders.text_report(due(quarterly_late()), "15 janvier 2027", "data")
    assert text.splitlines() == [
        "Mises à jour attendues au 15 janvier 2027 : 1 élément pour 1 responsable.",
        "",
        "MRC (1)",
        "- I-04 « Indicateur 4 » : dernière mesure le 30 septembre 2026 (fréquence : "
        "trimestrielle).",
        "  À inscrire : une nouvelle mesure, avec sa date et sa valeur.",
        "  Fichier : data/10-evaluation-reddition.yml, grille « Mesures des indicateurs », "
        "une nouvelle ligne : champs indicateur (I-04), date et valeur.",
        "  Classeur : feuille « 10.1 Mesures des indicateurs », une nouvelle ligne : colonnes "
        "« Indicateur » (I-04), « Date » et « Valeur »."]


def test_nothing_due_says_so():
    assert due(plan()) == []
    assert reminders.text_report([], "15 janvier 2027", "data") == (
        "Aucune mise à jour n'est attendue au 15 janvier 2027 : les actions et les "
        "indicateurs du plan sont à jour.")


# --- the reminder issue ---------------------------------------------------------------------------

def hostile_responsible() -> dict:
    return plan(programmation=[dict(action("P-01", 2027, "à venir", text="Voir [ici](x)"),
                                    responsable="@equipe <b>MRC</b>")])


def test_markdown_report_has_the_quarter_title_and_inert_data():
    text = reminders.markdown_report(due(hostile_responsible()), JAN_15, "15 janvier 2027",
                                     "data")
    assert text.splitlines()[0] == "# Mises à jour attendues — T1 2027"
    assert "## @\u2060equipe \\<b\\>MRC\\</b\\> (1)" in text
    assert ("- **P-01, action de 2027 « Voir \\[ici\\](x) »** : aucune mise à jour "
            "inscrite.") in text
    assert text.endswith("<!-- pnt-a-jour : 1 -->\n")
    title, body, count = reminders.read_report(text)
    assert (title, count) == ("Mises à jour attendues — T1 2027", 1)
    assert body.startswith("Situation au 15 janvier 2027, calculée par `.venv/bin/pnt a-jour`")


def test_markdown_report_of_nothing_due_counts_zero():
    text = reminders.markdown_report([], datetime.date(2027, 4, 1), "1er avril 2027", "data")
    assert reminders.read_report(text) == (
        "Mises à jour attendues — T2 2027",
        "Aucune mise à jour n'est attendue au 1er avril 2027 : les actions et les "
        "indicateurs du plan sont à jour.\n\n<!-- pnt-a-jour : 0 -->\n", 0)


class FakeGitHub:
    """GitHub's issues API for one repository, on 127.0.0.1: what was asked."""

    def __init__(self, issues: list):
        self.issues, self.calls = issues, []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self, status: int, payload) -> None:
                body = json.dumps(payload).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _record(self):
                length = int(self.headers.get("Content-Length") or 0)
                payload = json.loads(self.rfile.read(length)) if length else None
                fake.calls.append((self.command, self.path, payload,
                                   self.headers.get("Authorization")))
                return payload

            def do_GET(self):
                self._record()
                self._answer(200, [i for i in fake.issues if i["state"] == "open"])

            def do_POST(self):
                payload = self._record()
                if self.path.endswith("/comments"):
                    return self._answer(201, {"id": 1})
                self._answer(201, dict(payload, number=42, state="open"))

            def do_PATCH(self):
                self._record()
                self._answer(200, {})

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def github_with(tmp_path):
    servers = []

    def start(issues: list, report_items: list):
        fake = FakeGitHub(issues)
        servers.append(fake)
        report = tmp_path / "rappel.md"
        report.write_text(reminders.markdown_report(report_items, JAN_15, "15 janvier 2027",
                                                    "data"), encoding="utf-8")
        environ = {"GITHUB_REPOSITORY": "mrc/plan", "GITHUB_TOKEN": "jeton",
                   "GITHUB_API_URL": fake.url}
        return fake, [str(report)], environ
    yield start
    for fake in servers:
        fake.stop()


OTHER_ISSUE = {"number": 3, "title": "Une autre question", "state": "open"}
PULL_REQUEST = {"number": 5, "title": "Mises à jour attendues — T4 2026", "state": "open",
                "pull_request": {}}
REMINDER = {"number": 7, "title": "Mises à jour attendues — T4 2026", "state": "open"}


def test_reminder_is_opened_when_something_is_due_and_none_is_open(github_with, capsys):
    fake, argv, environ = github_with([OTHER_ISSUE, PULL_REQUEST], due(quarterly_late()))
    assert reminders.main(argv, environ) == 0
    assert capsys.readouterr().out == (
        "Rappel n° 42 ouvert : Mises à jour attendues — T1 2027.\n")
    method, path, payload, token = fake.calls[-1]
    assert (method, path, token) == ("POST", "/repos/mrc/plan/issues", "Bearer jeton")
    assert payload["title"] == "Mises à jour attendues — T1 2027"
    assert "## MRC (1)" in payload["body"] and "# Mises" not in payload["body"]


def test_open_reminder_is_updated_with_the_new_quarter(github_with, capsys):
    fake, argv, environ = github_with([OTHER_ISSUE, REMINDER], due(quarterly_late()))
    assert reminders.main(argv, environ) == 0
    assert capsys.readouterr().out == (
        "Rappel n° 7 mis à jour : Mises à jour attendues — T1 2027.\n")
    assert [(m, p) for m, p, _, _ in fake.calls] == [
        ("GET", "/repos/mrc/plan/issues?state=open&per_page=100&page=1"),
        ("PATCH", "/repos/mrc/plan/issues/7")]
    assert fake.calls[-1][2]["title"] == "Mises à jour attendues — T1 2027"


def test_open_reminder_is_closed_with_a_comment_when_nothing_is_due(github_with, capsys):
    fake, argv, environ = github_with([REMINDER], [])
    assert reminders.main(argv, environ) == 0
    assert capsys.readouterr().out == (
        "Rien n'est à mettre à jour : le rappel n° 7 est fermé.\n")
    assert [(m, p, body) for m, p, body, _ in fake.calls[1:]] == [
        ("POST", "/repos/mrc/plan/issues/7/comments", {"body": reminders.CLOSING_COMMENT}),
        ("PATCH", "/repos/mrc/plan/issues/7", {"state": "closed",
                                               "state_reason": "completed"})]


def test_nothing_due_and_no_reminder_opens_nothing(github_with, capsys):
    fake, argv, environ = github_with([OTHER_ISSUE], [])
    assert reminders.main(argv, environ) == 0
    assert capsys.readouterr().out == (
        "Rien n'est à mettre à jour, et aucun rappel n'est ouvert.\n")
    assert [m for m, _, _, _ in fake.calls] == ["GET"]


def test_reminder_without_token_says_what_is_missing(tmp_path, capsys):
    assert reminders.main([str(tmp_path / "rappel.md")], {"GITHUB_REPOSITORY": "mrc/plan"}) == 1
    assert capsys.readouterr().out == (
        "Erreur : il manque GITHUB_TOKEN dans l'environnement (le flux GitHub Actions "
        "les donne).\n")


def test_reminder_refused_by_github_says_so(github_with, capsys):
    fake, argv, environ = github_with([], due(quarterly_late()))
    fake.server.RequestHandlerClass.do_POST = (
        lambda self: (self._record(), self._answer(403, {"message": "interdit"})))
    assert reminders.main(argv, environ) == 1
    assert capsys.readouterr().out == (
        "Erreur : GitHub a répondu 403 à POST /issues. Le rappel n'a pas été mis à jour.\n")


@pytest.mark.parametrize("day, first", [
    ("2027-01-01", False),  # a Friday, but jour de l'An
    ("2027-01-04", True),  # Monday: 2 and 3 January are a weekend
    ("2027-01-05", False),
    ("2027-04-01", True),  # a Thursday
    ("2027-07-02", True),  # 1 July (fête du Canada) is a Thursday
    ("2026-08-03", False),  # not the month of a quarter's start
    ("2027-10-01", True),  # a Friday
    ("2028-04-03", True),  # Monday: 1 April 2028 is a Saturday
])
def test_first_working_day_of_the_quarter(day, first):
    assert reminders.is_first_working_day_of_quarter(d(day).first_date) is first
