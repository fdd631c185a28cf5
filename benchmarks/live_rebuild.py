"""Live-rebuild benchmark of the author's preview (run from the repository root).

    .venv/bin/python benchmarks/live_rebuild.py      (or: make benchmarks)

What it measures (issue 16, goal 3: ≤ 1.0 s; nothing is asserted): the delay
between saving a data file under ``mkdocs serve`` (with ``PNT_APERCU=1``, what
``make apercu`` runs) and the reloaded page being served.

The project is copied to a temporary folder as a territory's fork: data/
holds the example's files, no longer marked fictional (as
tests/conftest.py ``_territory_project`` does). The server is started on a
free port of 127.0.0.1, in its own process group; once it answers, one
untimed round warms it up, then each of ``RUNS`` rounds rewrites the
statement (``enonce``) of need B-01 in data/03-besoins.yml with a new
marker, and polls the needs page every 20 ms until the marker appears.

The server's log lines are timestamped as they arrive, which splits each
delay into: noticing the change (watchdog's polling observer, which the
project's ``on_serve`` hook makes look every 0.1 s instead of MkDocs's
0.5 s, macros/serving.py), MkDocs waiting for the changes to settle (0.05 s
with the hook, 0.1 s without) and reloading the configuration, the build itself
(from « Building documentation » to « Reloading browsers »: MkDocs's own
« Documentation built in » line is dropped by its ``DuplicateFilter``
whenever an earlier build of the session took the same time to the
hundredth of a second), and serving the page.

The same is then done with ``mkdocs serve --dirty --no-strict`` (strict
mode turns MkDocs's warning about dirty builds into an abort), which
rebuilds only the pages whose source file changed: after a data change, the
page is expected not to change at all; the script says whether it did within
``DIRTY_WAIT``.
"""

from __future__ import annotations

import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_times import ROOT, BenchmarkError, build_env, fail  # noqa: E402

PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides", "macros", "exemple")
DATA_FILE = "03-besoins.yml"
PAGE = "plan/besoins/"
# The statement of need B-01 in the example, as its line reads.
STATEMENT = re.compile(r"^(    enonce: Avoir accès à un Internet haute vitesse fiable"
                       r" dans les rangs et les secteurs isolés)( Repere\w+)?$",
                       re.MULTILINE)
RUNS = 9
POLL = 0.02  # seconds between two requests of the page
START_TIMEOUT = 180.0  # seconds for the first build
CHANGE_TIMEOUT = 60.0  # seconds for a rebuilt page
DIRTY_WAIT = 15.0  # seconds to wait for a --dirty page that will not change


# --- The project ----------------------------------------------------------------------

def territory_project(target: Path) -> Path:
    """A copy of the template whose data/ holds the example's files, no
    longer marked fictional: a territory's site, as authors preview it."""
    target.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part,
                            ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    (target / "data").mkdir()
    for source in (ROOT / "exemple").glob("*.yml"):
        text = source.read_text(encoding="utf-8")
        if source.name == "territoire.yml":
            text = "\n".join(line for line in text.splitlines()
                             if not line.strip().startswith("fictif:")) + "\n"
        (target / "data" / source.name).write_text(text, encoding="utf-8")
    return target


def mark_statement(project: Path, marker: str) -> None:
    """Save data/03-besoins.yml with ``marker`` at the end of B-01's statement,
    as an author's editor saves the file."""
    path = project / "data" / DATA_FILE
    text = path.read_text(encoding="utf-8")
    changed, count = STATEMENT.subn(lambda m: f"{m.group(1)} {marker}", text)
    if count != 1:
        fail(f"l'énoncé du besoin B-01 est introuvable dans {path}")
    path.write_text(changed, encoding="utf-8")


# --- The server -----------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    """A ``mkdocs serve`` subprocess and its log lines, timestamped on arrival."""
    process: subprocess.Popen
    url: str
    log: list = field(default_factory=list)  # (perf_counter, line)

    def read_log(self) -> None:
        for line in self.process.stderr:
            self.log.append((time.perf_counter(), line.rstrip("\n")))

    def lines_since(self, start: float) -> list:
        return [(t, line) for t, line in list(self.log) if t >= start]

    def tail(self) -> str:
        return "\n".join(line for _, line in self.log[-30:])


def start_server(project: Path, dirty: bool) -> Server:
    port = free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"]
    if dirty:
        # MkDocs warns of every dirty build, which strict mode (mkdocs.yml)
        # turns into an abort.
        command += ["--dirty", "--no-strict"]
    env = build_env(None)
    env.update(PNT_APERCU="1", GITHUB_REPOSITORY="mrc-exemple/plan-numerique",
               PYTHONUNBUFFERED="1")
    process = subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True, encoding="utf-8",
                               errors="replace", start_new_session=True)
    server = Server(process, f"http://127.0.0.1:{port}/{PAGE}")
    threading.Thread(target=server.read_log, daemon=True).start()
    return server


def stop_server(server: Server) -> None:
    """Ctrl-C for the whole process group (MkDocs then removes its temporary
    site), and a kill if it does not end."""
    if server.process.poll() is not None:
        return
    os.killpg(server.process.pid, signal.SIGINT)
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(server.process.pid, signal.SIGKILL)
        server.process.wait()


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=CHANGE_TIMEOUT) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_until_served(server: Server) -> None:
    deadline = time.perf_counter() + START_TIMEOUT
    while time.perf_counter() < deadline:
        if server.process.poll() is not None:
            fail(f"mkdocs serve s'est arrêté :\n{server.tail()}")
        if fetch(server.url) is not None:
            return
        time.sleep(0.2)
    fail(f"mkdocs serve ne répond pas après {START_TIMEOUT:.0f} s :\n{server.tail()}")


def wait_for_text(server: Server, text: str, timeout: float) -> float | None:
    """Seconds until the page contains ``text``, polled every POLL seconds
    (None after ``timeout``)."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        page = fetch(server.url)
        if page is not None and text in page:
            return time.perf_counter() - start
        time.sleep(POLL)
    return None


# --- One round ------------------------------------------------------------------------

@dataclass
class Round:
    delay: float | None  # seconds until the page showed the marker
    phases: dict  # name: seconds from the save, from the server's log


def phases(server: Server, saved: float) -> dict:
    """When the server logged each step, in seconds after the save, and how
    long the build took between the first and the last of its lines."""
    found = {}
    for at, line in server.lines_since(saved):
        for key, words in (("vu", "Detected file changes"),
                           ("debut", "Building documentation"),
                           ("recharge", "Reloading browsers")):
            if words in line and key not in found:
                found[key] = at - saved
    if "debut" in found and "recharge" in found:
        found["construction"] = found["recharge"] - found["debut"]
    return found


def one_round(server: Server, project: Path, marker: str, timeout: float) -> Round:
    saved = time.perf_counter()
    mark_statement(project, marker)
    delay = wait_for_text(server, marker, timeout)
    wait_for_log(server, saved)
    return Round(delay, phases(server, saved))


def wait_for_log(server: Server, saved: float) -> None:
    """Let the log lines of this rebuild arrive (they come through a pipe,
    read by another thread), for at most 3 s."""
    deadline = time.perf_counter() + 3.0
    while time.perf_counter() < deadline:
        if "recharge" in phases(server, saved):
            return
        time.sleep(POLL)


def measure(project: Path, dirty: bool) -> list:
    label = "mkdocs serve --dirty" if dirty else "mkdocs serve"
    server = start_server(project, dirty)
    try:
        started = time.perf_counter()
        wait_until_served(server)
        print(f"{label} : première construction servie en "
              f"{time.perf_counter() - started:.1f} s", flush=True)
        timeout = DIRTY_WAIT if dirty else CHANGE_TIMEOUT
        rounds = []
        for index in range(RUNS + 1):  # round 0 warms up, untimed
            marker = f"Repere{'D' if dirty else 'S'}{index:02d}x"
            result = one_round(server, project, marker, timeout)
            if result.delay is None and not dirty:
                fail(f"la page {PAGE} n'a pas changé en {timeout:.0f} s :\n{server.tail()}")
            if index == 0:
                if dirty:  # no use waiting again for each round
                    rounds.append(result)
                    break
                continue
            rounds.append(result)
            print(f"  essai {index} : {describe(result)}", flush=True)
        return rounds
    finally:
        stop_server(server)


def seconds(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f} s"


def describe(result: Round) -> str:
    p = result.phases
    return (f"page à jour après {seconds(result.delay)} "
            f"(changement vu à {seconds(p.get('vu'))}, construction commencée à "
            f"{seconds(p.get('debut'))}, construction {seconds(p.get('construction'))}, "
            f"fin à {seconds(p.get('recharge'))})")


def summary(rounds: list) -> None:
    delays = [r.delay for r in rounds]
    print()
    print(f"Délai entre l'enregistrement de data/{DATA_FILE} et la page {PAGE} à jour "
          f"({len(delays)} mesures) : médiane {statistics.median(delays):.2f} s, "
          f"min {min(delays):.2f} s, max {max(delays):.2f} s")
    for key, label in (("vu", "changement vu par le serveur"),
                       ("debut", "début de la construction"),
                       ("construction", "durée de la construction (journal)"),
                       ("recharge", "fin de la construction")):
        values = [r.phases[key] for r in rounds if key in r.phases]
        if values:
            print(f"  {label:<36} médiane {statistics.median(values):.2f} s, "
                  f"min {min(values):.2f} s")


def dirty_summary(rounds: list) -> None:
    result = rounds[0]
    print()
    if result.delay is None:
        rebuilt = "construction" in result.phases
        print(f"--dirty : la page {PAGE} n'est PAS mise à jour après une modification "
              f"des données (attendu {DIRTY_WAIT:.0f} s ; "
              + ("le serveur a pourtant reconstruit le site en "
                 f"{result.phases['construction']:.2f} s" if rebuilt
                 else "aucune reconstruction dans le journal") + ").")
    else:
        print(f"--dirty : la page {PAGE} est mise à jour : {describe(result)}")


def processor() -> str:
    """The CPU's model name where Linux tells it (platform.processor() is
    often empty there)."""
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def main() -> None:
    print(f"Machine : {processor()}, "
          f"{os.cpu_count()} cœurs, Python {platform.python_version()}, "
          f"{platform.system()} {platform.release()}")
    print(f"Date : {datetime.now().strftime('%Y-%m-%d %H:%M')}")
    with tempfile.TemporaryDirectory(prefix="pnt-direct-") as tmp:
        project = territory_project(Path(tmp) / "projet")
        rounds = measure(project, dirty=False)
        summary(rounds)
        print()
        dirty_summary(measure(project, dirty=True))


if __name__ == "__main__":
    try:
        main()
    except BenchmarkError as stop:
        print(stop, file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
