# Every target sets up its own environment: a fresh clone needs only python3 and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck unit docs bench bench-quick hostile fuzz clean postgres-server

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev,postgres,spark,dask]"
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

unit: $(STAMP) postgres-server
	HYPOTHESIS_PROFILE=$${HYPOTHESIS_PROFILE:-ci} $(BIN)/pytest

# The PostgreSQL store tests start a throwaway server from the PostgreSQL binaries. Install
# them with apt when they are missing and we can (root, apt-get); otherwise those tests skip
# and say why — or fail, under ORDERKIT_REQUIRE_PG=1 (what .ci/run sets).
postgres-server:
	@if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1; \
	then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing PostgreSQL for the store tests (apt-get install postgresql-15)"; \
		export DEBIAN_FRONTEND=noninteractive; \
		apt-get install -y -qq --no-install-recommends postgresql-15 >/dev/null 2>&1 \
		|| { apt-get update -qq \
			&& { apt-get install -y -qq --no-install-recommends postgresql-15 \
				|| apt-get install -y -qq --no-install-recommends postgresql; } >/dev/null; } \
		|| echo "Could not install PostgreSQL: the PostgreSQL store tests will skip"; \
	else \
		echo "No PostgreSQL binaries and no way to install them: the PostgreSQL tests will skip"; \
	fi

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

# The same on small data, one run each, writing nothing: a smoke test of the suite.
bench-quick: $(BENCH_STAMP)
	$(BIN)/python benchmarks/run.py --quick --runs 1

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
