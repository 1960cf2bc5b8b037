# riskbot — `make run` starts the service, `make test` runs the tests. Both set themselves up.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
# The rule engine's compiled modules (mypyc, see rules/native.py), rebuilt when a rules source changes.
NATIVE_SOURCES := $(wildcard rules/*.py)
NATIVE := $(VENV)/.native-built

export RISKBOT_DATABASE_URL ?= sqlite+aiosqlite:///./riskbot.db

.PHONY: run test check fmt lint types contracts bench clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "riskbot needs Python 3.11 or newer")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "installing riskbot and its dependencies into $(VENV) ..."
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@rm -f $(VENV)/.installed-*
	@touch $@
	@touch $(NATIVE)  # the editable install has just compiled the engine

$(NATIVE): $(STAMP) $(NATIVE_SOURCES) setup.py
	@echo "compiling the rule engine with mypyc (RISKBOT_COMPILE=0 skips) ..."
	@mkdir -p build
	@$(BIN)/python setup.py build_ext --inplace >build/native.log 2>&1 \
		|| { tail -n 20 build/native.log; echo "compiling failed (build/native.log): the engine runs as plain Python"; }
	@touch $@

run: $(NATIVE)  ## migrate the database and run the service until Ctrl-C
	@$(BIN)/riskbot db upgrade
	@$(BIN)/riskbot run

test: $(NATIVE)  ## the test suite (RISKBOT_TEST_DATABASE_URL=postgresql+asyncpg://... for PostgreSQL)
	@$(BIN)/python -m pytest -q $(PYTEST_ARGS)

fmt: $(STAMP)
	@$(BIN)/ruff format bot handlers rules tests migrations benchmarks tools

lint: $(STAMP)
	@$(BIN)/ruff format --check bot handlers rules tests migrations benchmarks tools
	@$(BIN)/ruff check bot handlers rules tests migrations benchmarks tools

types: $(STAMP)
	@$(BIN)/mypy

contracts: $(STAMP)
	@$(BIN)/lint-imports

check: lint types contracts test  ## format, lint, types, import contracts, tests

bench: $(NATIVE)  ## benchmarks: print figures and the baseline they compare with
	@$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache build rules/*.so *__mypyc*.so
