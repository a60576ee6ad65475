# Countersight: `make demo` runs the main job on the embedded default, `make test` runs the tests.
# Both set up everything they need (a virtualenv in .venv) on a fresh clone.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DEMO_DB ?= demo/countersight.db

.PHONY: install demo test lint typecheck check clean bench

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The matching core compiled with mypyc, and its NATIVE parts with Cython, in place
# (tools/compile.py), again whenever their sources change; the .py files stay the source of truth
# (README, "Compiled matching core"). COUNTERSIGHT_PURE=1 leaves it uncompiled. CORE_SOURCES and
# NATIVE_SOURCES: countersight.matching.CORE and NATIVE (a test checks that they agree).
CORE_SOURCES := $(patsubst %,src/countersight/matching/%.py,scripts abjad meanings normalize phonetic names parts calibration score tally index screen)
NATIVE_SOURCES := $(patsubst %,src/countersight/matching/%.pyx,_tally _letters)
COMPILED := src/countersight/matching/compiled-from.txt

$(COMPILED): $(STAMP) $(CORE_SOURCES) $(NATIVE_SOURCES) src/countersight/matching/__init__.py tools/compile.py
	$(BIN)/python tools/compile.py

ifeq ($(COUNTERSIGHT_PURE),1)
install: $(STAMP)
else
install: $(STAMP) $(COMPILED)
endif

BENCH_STAMP := $(VENV)/.bench-stamp

$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	touch $(BENCH_STAMP)

# The benchmark of ../shared/bench, Countersight beside its anchors; writes docs/benchmarks.md.
bench: $(BENCH_STAMP) install
	$(BIN)/python benchmarks/run.py

# The bundled lists: a fictional FtM registry and the small lists written for the tests, in the
# publishers' own formats (UN XML, OFAC CSV with sidecars, Canada XML, US CSL, BIS DPL).
DEMO_LISTS := examples/lists tests/fixtures/un tests/fixtures/ofac_csv tests/fixtures/canada \
	tests/fixtures/csl tests/fixtures/bis_dpl

demo: install
	$(BIN)/countersight import --db $(DEMO_DB) $(DEMO_LISTS)
	$(BIN)/countersight datasets --db $(DEMO_DB)
	$(BIN)/countersight match --db $(DEMO_DB) --schema Company "Exampel Vision Technology Company Limited"
	$(BIN)/countersight screen --db $(DEMO_DB) examples/parties.csv --out demo/results.csv
	cat demo/results.csv
	$(BIN)/countersight assess --standard fr-ai examples/systems/sensenets-like.yaml | head -n 3

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks tools
	$(BIN)/ruff format --check src tests benchmarks tools

typecheck: $(STAMP)
	$(BIN)/mypy

# The matching tests run once more on the .py files where the core is compiled.
test: lint typecheck install
	$(BIN)/pytest -q
	$(if $(filter 1,$(COUNTERSIGHT_PURE)),,COUNTERSIGHT_PURE=1 $(BIN)/pytest -q tests/matching)

check: test

clean:
	$(PYTHON) tools/compile.py --clean
	rm -rf $(VENV) demo .pytest_cache .mypy_cache .ruff_cache
