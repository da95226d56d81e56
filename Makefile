# blocwatch: the two commands a new machine needs are `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check --quiet
# Every lock is installed exactly as written: pinned by hash, no dependency resolution (--no-deps),
# so a release published tomorrow cannot change what gets installed; `pip check` and
# tools/check_lock.py then prove the venv is complete and equal to the locks.
INSTALL := $(PIP) install --require-hashes --no-deps
DEMO_DB := out/demo.duckdb
DEMO_COUNTRIES := USA,RUS,CHN,JPN,KOR,PRK,UKR

.PHONY: demo test test-fast install install-dev bench fuzz lint lock data clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found: blocwatch needs Python 3.11 or 3.12 (Debian/Ubuntu: apt install python3 python3-venv; or make PYTHON=/path/to/python3.11 demo)" >&2; exit 1; }
	@$(PYTHON) tools/check_python.py
	$(PYTHON) -m venv $(VENV)

# The installer first, pinned by hash (requirements/pip.lock): the venv's bundled pip is whatever
# the user's Python shipped with, and pip 23.2 resolves a locked package's extra to the newest release.
$(VENV)/.pip: requirements/pip.lock | $(BIN)/python
	$(INSTALL) -r requirements/pip.lock
	touch $@

# Runtime dependencies, exactly as locked, then blocwatch itself (built with the locked setuptools).
$(VENV)/.main: requirements/main.lock pyproject.toml $(VENV)/.pip
	$(INSTALL) -r requirements/main.lock
	$(PIP) install --no-deps --no-build-isolation -e .
	$(PIP) check
	$(BIN)/python tools/check_lock.py --exact requirements/pip.lock requirements/main.lock $(if $(wildcard $(VENV)/.dev),requirements/dev.lock)
	touch $@

# Development dependencies (a superset of the runtime ones).
$(VENV)/.dev: requirements/dev.lock pyproject.toml $(VENV)/.pip
	$(INSTALL) -r requirements/dev.lock
	$(PIP) install --no-deps --no-build-isolation -e .
	$(PIP) check
	$(BIN)/python tools/check_lock.py --exact requirements/pip.lock requirements/dev.lock
	touch $@ $(VENV)/.main

install: $(VENV)/.main
install-dev: $(VENV)/.dev

demo: $(VENV)/.main
	rm -f $(DEMO_DB) $(DEMO_DB).wal
	mkdir -p out
	$(BIN)/blocwatch ingest gdelt demo/data --db $(DEMO_DB)
	$(BIN)/blocwatch ingest text demo/news --db $(DEMO_DB)
	$(BIN)/blocwatch stats --db $(DEMO_DB)
	$(BIN)/blocwatch shifts --db $(DEMO_DB) --from 2023-01 --to 2024-12 --limit 4 --all
	$(BIN)/blocwatch report --db $(DEMO_DB) --out out/report.html --countries $(DEMO_COUNTRIES) --from 2023-01 --to 2025-02
	@echo
	@echo "Open the report in any browser (it works offline):  file://$(CURDIR)/out/report.html"
	@echo "Explore the same store in the web app:               $(BIN)/blocwatch serve --db $(DEMO_DB)"
	@echo "                                   then open          http://127.0.0.1:8000/?countries=$(DEMO_COUNTRIES)&from=2023-01&to=2025-02"
	@echo "                                   (the report's states and window: the same findings, with every event behind them)"
	@echo "More:  $(BIN)/blocwatch enemies RUS PRK --db $(DEMO_DB) --from 2022-01 --to 2024-09"
	@echo "       $(BIN)/blocwatch network --db $(DEMO_DB) --window 2024-11 --format gexf --out out/2024-11.gexf"

test: $(VENV)/.dev
	$(BIN)/python -m pytest

# The quick loop: unit tests and doctests, without the slow, install, browser, Spark and fuzz tests.
FAST := not slow and not install and not browser and not spark and not fuzz
test-fast: $(VENV)/.dev
	$(BIN)/python -m pytest -q -m "$(FAST)"

bench: $(VENV)/.dev
	$(BIN)/python -m benchmarks

# Longer coverage-guided fuzzing than make test's (seconds per target); the corpus is kept.
FUZZ_SECONDS ?= 300
fuzz: $(VENV)/.dev
	$(BIN)/python -m fuzz --seconds $(FUZZ_SECONDS) --corpus benchmarks/.work/fuzz/corpus

lint: $(VENV)/.dev
	$(BIN)/ruff check src tests benchmarks tools

# Re-resolve the locks (needs PyPI), in a venv of their own so the tool never enters .venv: dev (everything,
# tests and Spark), main (blocwatch[all], for make demo) and core (no extras), the last two constrained
# by the first. pip-compile keeps existing pins unless asked to upgrade.
LOCK_VENV := .venv-lock
lock:
	@$(PYTHON) tools/check_python.py
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --quiet --require-hashes --no-deps -r requirements/pip.lock
	$(LOCK_VENV)/bin/python -m pip install --quiet pip-tools==7.6.2
	$(LOCK_VENV)/bin/pip-compile $(COMPILE) --extra all --extra dev --extra spark -o requirements/dev.lock pyproject.toml
	$(LOCK_VENV)/bin/pip-compile $(COMPILE) --extra all -c requirements/dev.lock -o requirements/main.lock pyproject.toml
	$(LOCK_VENV)/bin/pip-compile $(COMPILE) -c requirements/dev.lock -o requirements/core.lock pyproject.toml
COMPILE := --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links

# Rebuild the shipped data files and the demo sample from ../shared/data.
data: $(VENV)/.dev
	$(BIN)/python tools/build_data.py
	$(BIN)/python tools/make_demo_sample.py

clean:
	rm -rf out .pytest_cache build dist src/*.egg-info $(LOCK_VENV)
