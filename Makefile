# uprkit: two commands a newcomer needs (see README).
#   make demo  - create .venv if needed, install the kit, run the whole demo workshop cycle
#   make test  - install what the tests need (Chromium, bubblewrap, LibreOffice Calc from apt when root), run the
#                linters (ruff, the import-linter layer contracts) and every test, doctests included
#   make lab   - open the course in JupyterLab as participants see it (no nbgrader instructor tools, no news);
#                make lab LANGUAGE=fr (es, ar): the lessons and JupyterLab's menus in that language

PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
# nbgrader calls `alembic` by name, so the venv's bin/ must be on PATH (engineering notes, trap 3).
export PATH := $(abspath $(BIN)):$(PATH)

DEMO_DIR ?= demo-workshop

.PHONY: demo test test-pythons lint lab install install-test system-deps demo-deps bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	# rfc3987-syntax adds ~1.5 s to every import of nbformat (engineering notes, trap 1); nothing needs it.
	-$(BIN)/python -m pip uninstall --quiet -y rfc3987-syntax
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	-$(BIN)/python -m pip uninstall --quiet -y rfc3987-syntax
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test system-deps

# Debian's Chromium (browser tests), bubblewrap (sandbox for participants' code), LibreOffice Calc
# (the follow-up matrix opened and saved as a coalition would), PostgreSQL (a cohort server's gradebook) and
# npm (the hub's configurable-http-proxy, tests/hub) and Debian's python3-venv (the hub's environment is made
# from the system's Python, which every Unix user can run).
system-deps:
	@if [ -x /usr/bin/chromium ] && [ -x /usr/bin/bwrap ] && [ -x /usr/bin/soffice ] && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && command -v npm >/dev/null && /usr/bin/python3 -c 'import venv' 2>/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium bubblewrap fonts-noto-core libreoffice-calc postgresql python3-venv >/dev/null; \
	  command -v npm >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; \
	else echo "note: install Debian's chromium, bubblewrap, libreoffice-calc and postgresql (sudo apt-get install chromium bubblewrap libreoffice-calc postgresql) for the browser, sandbox, spreadsheet and gradebook-server tests"; fi

# bubblewrap, the sandbox autograde runs participants' code in. As root, installed with apt; otherwise
# the demo grades its own generated submissions without it and prints one line saying what to install.
demo-deps:
	@if [ -x /usr/bin/bwrap ] || command -v bwrap >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing bubblewrap (the sandbox for participants' code) with apt-get"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bubblewrap >/dev/null) \
	  || echo "note: apt-get could not install bubblewrap; the demo runs without the sandbox"; \
	fi

demo: install demo-deps
	$(BIN)/uprkit demo $(DEMO_DIR)

# The habits run with the tests, so CI runs them: lint, format, the layer contracts (pyproject.toml).
LINT_PATHS := src tests benchmarks

lint: install-test
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/ruff format --check $(LINT_PATHS)
	$(BIN)/lint-imports

test: install-test lint
	$(BIN)/python -m pytest

# The same suite on Python 3.12 and 3.13, each in its own venv (.venv312, .venv313); the interpreter
# is python3.X on PATH or pyenv's (~/.pyenv/versions/3.X.*), even when its shim is not active.
OTHER_PYTHONS ?= 3.12 3.13
test-pythons:
	@for v in $(OTHER_PYTHONS); do \
	  py=$$(for c in python$$v $${PYENV_ROOT:-$$HOME/.pyenv}/versions/$$v.*/bin/python$$v; do \
	    "$$c" -c 'import sys' >/dev/null 2>&1 && { echo "$$c"; break; }; done); \
	  [ -n "$$py" ] || { echo "no Python $$v here: install it (python.org, apt, pyenv)"; exit 1; }; \
	  echo "== Python $$v: $$py"; \
	  $(MAKE) test PYTHON="$$py" VENV=.venv$$(echo $$v | tr -d .) || exit 1; \
	done

# Jupyter refuses to run as root without --allow-root (containers, a trainer's rented server).
# `make lab LANGUAGE=fr` (or es, ar): the lessons built in that language, JupyterLab's menus too.
LANGUAGE ?= en
lab: install
	@if [ "$(LANGUAGE)" = en ]; then dir=course/; else \
	  $(BIN)/uprkit i18n build-notebooks -l $(LANGUAGE) --out build/course-$(LANGUAGE) >/dev/null && dir=build/course-$(LANGUAGE)/; fi; \
	$(BIN)/python -m uprkit.training.lab_profile --language $(LANGUAGE) $$([ "$$(id -u)" = 0 ] && echo --allow-root) $$dir

bench: install-test
	for b in benchmarks/*.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(DEMO_DIR) .pytest_cache
