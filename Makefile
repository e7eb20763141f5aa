# Two commands do all the set-up: `make demo` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test check lint typecheck bench bench-perf schemas clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)  ## plan -> apply -> plan again ("No changes") against a local sandbox Hub
	PATH="$(abspath $(BIN)):$$PATH" bash scripts/demo.sh

test: $(STAMP)  ## the whole test suite (CI runs this)
	$(BIN)/pytest

check: lint typecheck test

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

bench: $(STAMP)  ## benchmarks print their figures; they never fail a build
	for script in benchmarks/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

bench-perf: $(STAMP)  ## scaling figures (README "Performance"); HFEVAL_BENCH_LARGE=1 adds N=1000
	for script in startup plan_scale apply_prs extract_corpus sandbox_alone; do \
		echo "== benchmarks/perf/$$script.py"; $(BIN)/python benchmarks/perf/$$script.py || exit 1; done

schemas: $(STAMP)
	$(BIN)/python -m hfeval.spec --write-schemas

clean:
	rm -rf $(VENV) .sandbox .hfeval .pytest_cache .mypy_cache .ruff_cache
