# blocwatch: the two commands a new machine needs are `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check --quiet
DEMO_DB := out/demo.duckdb
DEMO_COUNTRIES := USA,RUS,CHN,JPN,KOR,PRK,UKR

.PHONY: demo test bench fuzz lint lock data clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Runtime dependencies, exactly as locked (with hashes), then blocwatch itself.
$(VENV)/.main: requirements/main.lock pyproject.toml | $(BIN)/python
	$(PIP) install --require-hashes -r requirements/main.lock
	$(PIP) install --no-deps -e .
	touch $@

# Development dependencies (a superset of the runtime ones).
$(VENV)/.dev: requirements/dev.lock pyproject.toml | $(BIN)/python
	$(PIP) install --require-hashes -r requirements/dev.lock
	$(PIP) install --no-deps -e .
	touch $@ $(VENV)/.main

demo: $(VENV)/.main
	rm -f $(DEMO_DB) $(DEMO_DB).wal
	mkdir -p out
	$(BIN)/blocwatch ingest gdelt demo/data --db $(DEMO_DB)
	$(BIN)/blocwatch ingest text demo/news --db $(DEMO_DB)
	$(BIN)/blocwatch stats --db $(DEMO_DB)
	$(BIN)/blocwatch shifts --db $(DEMO_DB) --from 2023-01 --to 2024-12 --limit 4
	$(BIN)/blocwatch report --db $(DEMO_DB) --out out/report.html --countries $(DEMO_COUNTRIES) --from 2023-01 --to 2025-02
	@echo
	@echo "Open the report in any browser (it works offline):  file://$(CURDIR)/out/report.html"
	@echo "Explore the same store in the web app:               $(BIN)/blocwatch serve --db $(DEMO_DB)"
	@echo "                                   then open          http://127.0.0.1:8000/"
	@echo "More:  $(BIN)/blocwatch enemies RUS PRK --db $(DEMO_DB) --from 2022-01 --to 2024-09"
	@echo "       $(BIN)/blocwatch network --db $(DEMO_DB) --window 2024-11 --format gexf --out out/2024-11.gexf"

test: $(VENV)/.dev
	$(BIN)/python -m pytest

bench: $(VENV)/.dev
	$(BIN)/python -m benchmarks

# Longer coverage-guided fuzzing than make test's (seconds per target); the corpus is kept.
FUZZ_SECONDS ?= 300
fuzz: $(VENV)/.dev
	$(BIN)/python -m fuzz --seconds $(FUZZ_SECONDS) --corpus benchmarks/.work/fuzz/corpus

lint: $(VENV)/.dev
	$(BIN)/ruff check src tests benchmarks tools

# Re-resolve the locks (needs PyPI); the runtime lock is constrained by the dev lock.
lock: $(BIN)/python
	$(PIP) install pip-tools==7.6.2
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --extra dev --extra spark \
		--no-emit-index-url --no-emit-find-links -o requirements/dev.lock pyproject.toml
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe -c requirements/dev.lock \
		--no-emit-index-url --no-emit-find-links -o requirements/main.lock pyproject.toml

# Rebuild the shipped data files and the demo sample from ../shared/data.
data: $(VENV)/.dev
	$(BIN)/python tools/build_data.py
	$(BIN)/python tools/make_demo_sample.py

clean:
	rm -rf out .pytest_cache build src/*.egg-info
