"""Bytes a visitor downloads for the home page and the largest grid page.

Builds the example site, serves it on 127.0.0.1, loads each page in Debian's
Chromium (through Playwright) with an empty cache, and sums what was
transferred, by kind (HTML, CSS, JavaScript, fonts, other). Run from the
repository root: ``.venv/bin/python benchmarks/page_weight.py``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections import defaultdict
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = {"Accueil": "", "Projets prioritaires du plan": "plan/projets/"}
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update",
         "--disable-sync"]
KINDS = {"document": "HTML", "stylesheet": "CSS", "script": "JavaScript",
         "font": "Polices"}


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def build_site(out: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("PNT_DONNEES", None)
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out)],
                   cwd=ROOT, env=env, check=True)


def body_size(request) -> int:
    """Bytes of a response's body. Chromium reports 0 for a worker's script
    (Material's search worker, 39 kB): its Content-Length header says it."""
    size = request.sizes()["responseBodySize"]
    response = request.response()
    if size == 0 and response is not None:
        size = int(response.header_value("content-length") or 0)
    return size


def weigh(browser, url: str) -> dict:
    context = browser.new_context()
    page = context.new_page()
    totals = defaultdict(int)
    requests = []
    page.on("requestfinished", lambda request: requests.append(request))
    page.goto(url, wait_until="networkidle")
    for request in requests:
        size = body_size(request) + request.sizes()["responseHeadersSize"]
        totals[KINDS.get(request.resource_type, "Autres")] += size
    context.close()
    return dict(totals)


def main() -> int:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    if chromium is None:
        print("Chromium est introuvable : sudo apt-get install chromium")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build_site(site)
        server = ThreadingHTTPServer(("127.0.0.1", 0),
                                     partial(_Quiet, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_port}/"
        heaviest = max((site / "etapes").glob("*/index.html"), key=lambda p: p.stat().st_size)
        chapter = heaviest.parent.name
        pages = {**PAGES, f"Chapitre aux grilles les plus lourdes ({chapter})":
                 f"etapes/{chapter}/"}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=FLAGS)
            print("| Page | HTML | CSS | JavaScript | Polices | Autres | Total |")
            print("|---|---:|---:|---:|---:|---:|---:|")
            for label, path in pages.items():
                totals = weigh(browser, base + path)
                cells = [totals.get(k, 0) for k in
                         ("HTML", "CSS", "JavaScript", "Polices", "Autres")]
                kib = [f"{c / 1024:.1f} Kio" for c in cells]
                print(f"| {label} | " + " | ".join(kib)
                      + f" | {sum(cells) / 1024:.1f} Kio |")
            browser.close()
        server.shutdown()
        index_kib = (site / "search" / "search_index.json").stat().st_size / 1024
    print("Octets non compressés (le serveur local ne compresse pas ; GitHub Pages "
          "sert en gzip). « Autres » : images. L'index de recherche "
          f"({index_kib:.1f} Kio) n'est téléchargé qu'à la première recherche.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
