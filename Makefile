# Every target sets up its own environment: a fresh clone needs only python3 and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck unit docs bench hostile fuzz clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev,spark,dask]"
	touch $(STAMP)

# The example sheet holds mistakes on purpose: exit status 1 ("problems found") is success here.
demo: $(STAMP)
	$(BIN)/python examples/validate_sheet.py examples/standard-orders.xlsx --template standard \
		|| test $$? -eq 1

test: lint typecheck unit docs

lint: $(STAMP)
	$(BIN)/ruff check src tests examples benchmarks fuzz
	$(BIN)/ruff format --check src tests examples benchmarks fuzz

typecheck: $(STAMP)
	$(BIN)/mypy src

unit: $(STAMP)
	HYPOTHESIS_PROFILE=$${HYPOTHESIS_PROFILE:-ci} $(BIN)/pytest

# Warnings are errors: a broken reference or a stale page fails the build.
docs: $(STAMP)
	$(BIN)/sphinx-build -W --keep-going -q -b html docs docs/_build/html

BENCH_STAMP := $(VENV)/.installed-bench

$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[dev,bench]"
	touch $(BENCH_STAMP)

# Not part of `make test`: speed is reported as ratios, never asserted.
bench: $(BENCH_STAMP)
	$(BIN)/python benchmarks/run.py

# Each hostile file refused in a child process limited to 5 GiB of address space.
hostile: $(STAMP)
	$(BIN)/python benchmarks/hostile.py --out benchmarks/HOSTILE.md

# Coverage-guided fuzzing with atheris, for a minute by default; not part of `make test`.
FUZZ_SECONDS ?= 60
fuzz: $(STAMP)
	$(BIN)/python -m pip install --quiet atheris
	mkdir -p fuzz/corpus
	$(BIN)/python fuzz/fuzz_files.py -max_total_time=$(FUZZ_SECONDS) fuzz/corpus

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis docs/_build docs/_generated
