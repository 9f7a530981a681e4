# CaseDesk developer tasks (GNU make).
#   make run [ARGS=...]    install and start the app
#   make test              lint, import contracts, types, migrations check, tests, bench smoke
#   make bench [ARGS=...]  run the benchmarks (if any)
#   make exe               build the one-folder PyInstaller bundle in dist/CaseDesk
#   make clean             remove build artefacts and caches (distclean: also .venv)

PY ?= python3
VENV = .venv
BIN = $(VENV)/bin
PIP = $(BIN)/python -m pip
ARGS ?=
PYTEST_ARGS ?=

# Directories ruff checks; bench/ only once it exists.
LINT_DIRS = src tests $(wildcard bench packaging)

.DEFAULT_GOAL := test
.PHONY: run test bench exe clean distclean install install-test

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(PIP) install --upgrade pip

$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(PIP) install -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(PIP) install -e '.[test,dev]'
	touch $@

install: $(VENV)/.installed-run
install-test: $(VENV)/.installed-test

run: $(VENV)/.installed-run
	$(BIN)/casedesk $(ARGS)

# One command per line: make stops at the first failing step.
test: $(VENV)/.installed-test
	$(BIN)/ruff check $(LINT_DIRS)
	$(BIN)/lint-imports
	$(BIN)/mypy src/casedesk/domain src/casedesk/services
	$(BIN)/python -m casedesk.db.alembic_check
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest $(PYTEST_ARGS)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench --smoke

bench: $(VENV)/.installed-test
	@if [ -d bench ]; then \
		$(BIN)/python -m bench $(ARGS); \
	else \
		echo "no benchmarks yet"; \
	fi

# Editable install on purpose: a plain `pip install .` would shadow src/ for `make test`.
exe: $(VENV)/.installed-run
	$(PIP) install -e '.[exe]'
	$(BIN)/pyinstaller --noconfirm casedesk.spec

clean:
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache src/*.egg-info
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV)
