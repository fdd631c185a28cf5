# Two commands do all the set-up on a fresh machine (Python 3.11+):
#   make apercu   builds and serves the site (the example territory, or data/)
#   make tests    runs the tests
# Both create the virtual environment .venv/ on first use.

VENV    := .venv
PYTHON  := $(VENV)/bin/python
STAMP   := $(VENV)/.installe
# axe-core and vnu-jar for the browser and HTML checks (skipped without npm).
NODE_STAMP := node_modules/.package-lock.json
ADRESSE ?= 127.0.0.1:8000
# An author's command that fails has already said why, in French; GNU make
# would then add « make: *** [Makefile:N: verifier] Error 1 », in English.
# A recipe line ending with $(QUIET_FAILURE) ends make itself by SIGPIPE
# instead, which neither make nor the shell reports (the line starts with @,
# so that its echo does not show the trick); the exit status (141) is still a
# failure, so a `set -e` script, CI and the publishing workflow stop.
# Not on `tests`: pytest's output is for developers, and make's line there
# says which target failed. Limits: under `make -j`, a recipe running beside
# the failed one is left to finish alone; a make that runs this one (a
# recursive make) reports the status 141 in its own words.
QUIET_FAILURE = || kill -PIPE $$PPID
# Material prints at every build an English box announcing its end of life
# (tracked in benchmarks/README.md, « Zensical »); authors cannot act on it.
export NO_MKDOCS_2_WARNING := 1

.PHONY: apercu site tests verifier pdf benchmarks

# The author's preview: the territory's site plus the help, the warnings and
# the guide (PNT_APERCU, see macros/pages/views.py); it keeps serving while the
# data has errors, and shows them on every page.
apercu: $(STAMP)
	@PNT_APERCU=1 $(VENV)/bin/mkdocs serve --dev-addr $(ADRESSE) $(QUIET_FAILURE)

site: $(STAMP)
	@$(VENV)/bin/mkdocs build --strict $(QUIET_FAILURE)

# One worker per core (pytest-xdist); each test module stays on one worker (the
# browser tests go by site: tests/conftest.py), so what a module builds is built once.
tests: $(STAMP) $(NODE_STAMP)
	$(PYTHON) -m pytest -n auto --dist loadgroup

verifier: $(STAMP)
	@$(VENV)/bin/pnt verifier $(QUIET_FAILURE)

# The plan, the workshop kit and each year's report, in telechargements/.
pdf: $(STAMP)
	@$(VENV)/bin/pnt pdf $(QUIET_FAILURE)
	@$(VENV)/bin/pnt trousse $(QUIET_FAILURE)
	@$(VENV)/bin/pnt rapport --tous $(QUIET_FAILURE)

benchmarks: $(STAMP)
	$(PYTHON) benchmarks/build_times.py
	$(PYTHON) benchmarks/data_layer.py
	$(PYTHON) benchmarks/page_weight.py
	$(PYTHON) benchmarks/live_rebuild.py
	$(PYTHON) benchmarks/data_dependencies.py
	$(PYTHON) benchmarks/region_scale.py

# pip's own lines are English and its progress bar comes only with them: it
# stays quiet, and a French line says what is happening and for how long.
$(STAMP): pyproject.toml constraints.txt
	@echo "Installation des outils du plan dans $(VENV)/ (quelques minutes la première fois)…"
	@python3 -m venv $(VENV)
	@$(PYTHON) -m pip install --quiet -c constraints.txt -e ".[tests]"
	@touch $(STAMP)
	@echo "Outils du plan installés."

$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  echo "Installation des outils de vérification des pages (npm, une minute la première fois)…"; \
	  npm ci --ignore-scripts --no-audit --no-fund; \
	else \
	  echo "npm absent : les tests d'accessibilité et de HTML valide seront sautés."; \
	fi
