"""The regional view's home page as an image, for the README.

Publishes the example's open data, makes four more territories of it (other
names, codes and regions, as ``region_scale.py`` does) and one folder that
cannot be read, runs ``pnt region`` on the six, and takes the home page in
Chromium (Debian's, no download) at 1 100 × 1 000 pixels into
``benchmarks/apercus/vue-regionale.png``. Run from the repository root:
``.venv/bin/python benchmarks/region_view.py``.
"""

from __future__ import annotations

import http.server
import shutil
import subprocess
import sys
import tempfile
import threading
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from region_scale import make_territories  # noqa: E402

from macros.outputs import opendata  # noqa: E402
from macros.reading import loader  # noqa: E402

OUTPUT = ROOT / "benchmarks" / "apercus" / "vue-regionale.png"
VIEWPORT = {"width": 1100, "height": 1000}


def _browser_path() -> str:
    found = shutil.which("chromium") or shutil.which("google-chrome")
    if not found:
        raise SystemExit("Chromium introuvable : apt-get install chromium")
    return found


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        files = {f.name: f.content
                 for f in opendata.text_files(loader.load_example(ROOT).data)}
        example = tmp / "vallee-des-cedres" / "donnees"
        example.mkdir(parents=True)
        for file_name, content in files.items():
            (example / file_name).write_bytes(content)
        others = make_territories(files, 4, tmp / "autres")
        missing = tmp / "mrc-sans-donnees"
        missing.mkdir()
        out = tmp / "vue"
        subprocess.run([sys.executable, "-m", "macros.cli", "region", str(out), str(example),
                        *map(str, others), str(missing), "--date", "2026-11-30"],
                       cwd=ROOT, check=True)
        handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(out))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=_browser_path())
                page = browser.new_page(viewport=VIEWPORT, locale="fr-CA")
                page.goto(f"http://127.0.0.1:{server.server_port}/", wait_until="load")
                OUTPUT.parent.mkdir(exist_ok=True)
                page.screenshot(path=str(OUTPUT))
                browser.close()
        finally:
            server.shutdown()
    print(f"Image écrite : {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
