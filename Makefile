# Two commands do all the set-up on a fresh machine (Python 3.11+):
#   make apercu   builds and serves the site (the example territory, or data/)
#   make tests    runs the tests
# Both create the virtual environment .venv/ on first use.

VENV    := .venv
PYTHON  := $(VENV)/bin/python
STAMP   := $(VENV)/.installe
ADRESSE ?= 127.0.0.1:8000

.PHONY: apercu site tests verifier benchmarks

apercu: $(STAMP)
	$(VENV)/bin/mkdocs serve --dev-addr $(ADRESSE)

site: $(STAMP)
	$(VENV)/bin/mkdocs build --strict

tests: $(STAMP)
	$(PYTHON) -m pytest

verifier: $(STAMP)
	$(VENV)/bin/pnt verifier

benchmarks: $(STAMP)
	$(PYTHON) benchmarks/build_times.py
	$(PYTHON) benchmarks/page_weight.py

$(STAMP): pyproject.toml constraints.txt
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet -c constraints.txt -e ".[tests]"
	touch $(STAMP)
