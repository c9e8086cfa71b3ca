# Only python3 is needed: every target sets up .venv itself.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
YEAR ?= 2024

.PHONY: run test lint golden schema bench fuzz clean

# "Python 3.11 or newer" as a shell test of the interpreter given as $(1).
new_enough = $(1) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null

$(STAMP): pyproject.toml
	@$(call new_enough,$(PYTHON)) || { \
	  echo "lakip memerlukan Python 3.11 atau lebih baru, tetapi '$(PYTHON)' adalah:" \
	       "$$($(PYTHON) --version 2>&1 || echo 'tidak ditemukan')." >&2; \
	  echo "Pasang Python 3.11+ (Debian/Ubuntu: sudo apt-get install python3.11 python3.11-venv)," \
	       "lalu jalankan: make PYTHON=python3.11 $(MAKECMDGOALS)" >&2; \
	  exit 1; }
	@if [ -e $(VENV) ] && ! { $(call new_enough,$(BIN)/python) && $(BIN)/python -m pip --version >/dev/null 2>&1; }; \
	then \
	  echo "Folder $(VENV) rusak (Python lama, pip tidak ada, atau pemasangan terputus); dibuat ulang." >&2; \
	  rm -rf $(VENV); \
	fi
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { \
	  rm -rf $(VENV); \
	  echo "Gagal membuat $(VENV). Di Debian/Ubuntu pasang dulu: sudo apt-get install python3-venv" >&2; \
	  exit 1; }
	@echo "Menyiapkan $(VENV): memasang paket (catatan lengkap di $(VENV)/pasang.log) ..." >&2
	@# setuptools prints an informational note on every editable install; the log keeps it, the screen does not.
	@{ $(BIN)/python -m pip install --quiet --upgrade pip && \
	   $(BIN)/python -m pip install --quiet -e '.[dev]'; } > $(VENV)/pasang.log 2>&1 || { \
	  cat $(VENV)/pasang.log >&2; \
	  echo "Pemasangan paket gagal (lihat pesan di atas; periksa koneksi internet), lalu ulangi perintah ini." >&2; \
	  exit 1; }
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

# Byte-compiled first, as an installed package is (with PYTHONDONTWRITEBYTECODE set, every run would
# otherwise compile lakip's modules again).
bench: $(STAMP)
	$(BIN)/python -m compileall -q lakip_cli
	$(BIN)/python benchmarks/bench_goals.py

clean:
	rm -rf $(VENV) out .pytest_cache
