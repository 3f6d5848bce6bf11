# The README's two commands: `make site` and `make test`.
# Everything the project needs is installed from here (Python packages into .venv,
# Debian's chromium for the browser tests), never by hand.

# Python 3.11 or newer (tested: 3.11 to 3.14): python3 when it is new enough, else the newest
# versioned interpreter found. `make site PYTHON=python3.13` chooses one.
PYTHON ?= $(shell for p in python3 python3.14 python3.13 python3.12 python3.11; do \
            command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
            && { command -v $$p; break; }; done)
VENV   := .venv
BIN    := $(VENV)/bin
CITY   ?= oberhausen
SITE   ?= site
# The public address of the site (GitHub Pages passes its own); empty: homepage from stadt.yaml.
BASE_URL ?=
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Reproducible builds: file dates come from the last commit, not the clock.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)

.PHONY: site test install install-test chromium validate screenshots bench fuzz mutation demo-data release-assets clean

site: install
	$(BIN)/sozialbericht build --city $(CITY) --site-dir $(SITE) $(if $(BASE_URL),--base-url "$(BASE_URL)")

# All tests, in as many processes as there are cores; browser crawls of different viewports run
# in different processes (pytest-xdist, --dist loadgroup).
test: install-test chromium
	$(BIN)/python -m pytest -n auto --dist loadgroup

validate: install
	$(BIN)/sozialbericht validate --city $(CITY)

screenshots: install-test chromium
	$(BIN)/python -m generator.tools.screenshots --out screenshots

# Many more fuzz examples than `make test` runs, with a new random seed each time; the figures
# (examples, exit codes, time) go to bench-results/fuzz.json.
FUZZ_EXAMPLES ?= 2000
fuzz: install-test
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) FUZZ_RANDOM=1 FUZZ_REPORT=bench-results/fuzz.json \
	  $(BIN)/python -m pytest -p no:cacheprovider -q tests/build/test_fuzz.py --durations=1

# Mutation testing of the engine and disclosure control (pyproject.toml [tool.mutmut]); the score per
# module goes to bench-results/mutation.json. About 8 minutes on two cores. mutmut copies tests/ into
# mutants/ once: start from a fresh copy, or changed tests would not be seen.
# `make mutation GROUP=zahlen` (or zuordnung, sprache, pakete, tausch): one group of user-facing modules with the
# tests that guard it (generator/tools/mutation.py GROUPS), in a copy of the project.
GROUP ?=
mutation: install-test
ifeq ($(GROUP),)
	rm -rf mutants
	$(BIN)/mutmut run --max-children $$(nproc)
	$(BIN)/python -m generator.tools.mutation
else
	$(BIN)/python -m generator.tools.mutation --group $(GROUP) --jobs $${MUTATION_JOBS:-$$(nproc)}
endif

bench: install
	$(BIN)/python -m generator.tools.bench --out bench-results/bench.json

release-assets: site
	$(BIN)/python -m generator.tools.release --tag "$(TAG)" --site $(SITE) --out release

demo-data: install
	$(BIN)/python -m generator.datasets.oberhausen

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { \
	  echo "Dieses Projekt braucht Python 3.11 oder neuer (getestet: 3.11 bis 3.14)."; \
	  echo "Gefunden: $$($(or $(PYTHON),python3) --version 2>&1). Installieren Sie ein neueres Python"; \
	  echo "oder nennen Sie es ausdrücklich, z. B.: make site PYTHON=/usr/bin/python3.12"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installiere Debians chromium für die Browser-Tests …"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

clean:
	rm -rf $(SITE) build bench-results screenshots release
	find docs -mindepth 1 ! -name .gitkeep -delete
