# Only python3 is needed: every target sets up .venv itself.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
YEAR ?= 2024

.PHONY: run test lint golden schema bench fuzz clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/lakip build $(YEAR)

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

golden: $(STAMP)
	LAKIP_UPDATE_GOLDEN=1 $(BIN)/python -m pytest -q tests/test_build.py tests/test_bad_input.py tests/test_checks.py

schema: $(STAMP)
	$(BIN)/lakip schema

# About ten minutes of generated hostile projects; prints the number of examples and every crash found.
FUZZ_SECONDS ?= 600
fuzz: $(STAMP)
	LAKIP_FUZZ_SECONDS=$(FUZZ_SECONDS) $(BIN)/python -m pytest -q -s -p no:cacheprovider tests/test_fuzz.py

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_build.py

clean:
	rm -rf $(VENV) out .pytest_cache
