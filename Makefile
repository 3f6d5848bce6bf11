# The README's two commands: `make site` and `make test`.
# Everything the project needs is installed from here (Python packages into .venv,
# Debian's chromium for the browser tests), never by hand.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
CITY   ?= oberhausen
SITE   ?= site
# The public address of the site (GitHub Pages passes its own); empty: homepage from stadt.yaml.
BASE_URL ?=
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Reproducible builds: file dates come from the last commit, not the clock.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)

.PHONY: site test install install-test chromium validate screenshots bench demo-data release-assets clean

site: install
	$(BIN)/sozialbericht build --city $(CITY) --site-dir $(SITE) $(if $(BASE_URL),--base-url "$(BASE_URL)")

test: install-test chromium
	$(BIN)/python -m pytest

validate: install
	$(BIN)/sozialbericht validate --city $(CITY)

screenshots: install-test chromium
	$(BIN)/python -m generator.tools.screenshots --out screenshots

bench: install
	$(BIN)/python -m generator.tools.bench --out bench-results/bench.json

release-assets: site
	$(BIN)/python -m generator.tools.release --tag "$(TAG)" --site $(SITE) --out release

demo-data: install
	$(BIN)/python -m generator.datasets.oberhausen

$(BIN)/python:
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
