# Two commands get a fresh machine going: `make run` and `make test` (see README.md).
PYTHON ?= python3.11
VENV ?= .venv
BIN = $(VENV)/bin
STAMP = $(VENV)/.installed-$(shell cksum < pyproject.toml | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000
# Seconds between scheduled-publishing rounds under make run (make run PUBLISH_EVERY=5).
PUBLISH_EVERY ?= 30
AXE_VERSION = 4.14.1
# ical.js reads our calendar feeds in the tests, as Thunderbird and web calendars do.
ICALJS_VERSION = 2.2.1

.PHONY: install run run-scaled test lint format migrate seed bench browsers axe chromium messages catalogues gettext

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	rm -f $(VENV)/.installed-* && touch $(STAMP)

install: $(STAMP)

migrate: install messages
	$(BIN)/python manage.py migrate --noinput

# The interface's translations: locale/<language>/LC_MESSAGES/django.po, compiled (and
# checked: a translation must keep its placeholders) into the .mo files Django reads.
LOCALES = ar zh_Hans fr ru es
SKIP_DIRS = --ignore=.venv --ignore=node_modules --ignore=tests --ignore=bench
messages: install gettext
	$(BIN)/python manage.py compilemessages $(SKIP_DIRS) -v 0

# After changing texts: add new ones to the catalogues (then translate them).
catalogues: install gettext
	$(BIN)/python manage.py makemessages $(addprefix -l ,$(LOCALES)) $(SKIP_DIRS) --no-obsolete --add-location=file

# GNU gettext's msgfmt compiles catalogues; Debian has it as "gettext".
gettext:
	@command -v msgfmt >/dev/null || { $(SUDO) apt-get update -q && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q gettext; }

# The address every link in mails, feeds and exports names (toolkit/addresses.py),
# unless SITE_URL is set: make run PORT=8330 serves and links at 8330.
run seed: export SITE_URL ?= http://$(HOST):$(PORT)

seed: migrate
	$(BIN)/python manage.py seed_demo

run: seed
	@echo "Serving on http://$(HOST):$(PORT)/, linking as $(SITE_URL)/ (Ctrl-C stops)"
	$(BIN)/python -m convening.server -b $(HOST) -p $(PORT) --publish-scheduled-every $(PUBLISH_EVERY)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

run-scaled: install
	BIN=$(BIN) PORT=$(PORT) deploy/run-scaled

bench: install
	$(BIN)/python -m bench $(BENCH_ARGS)

test: lint axe chromium messages
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_ARGS)

# The browser tests' tools: Debian's Chromium (as root, or with sudo) and axe-core in
# ./node_modules (git-ignored). Playwright's own browser download is never used.
SUDO = $(if $(filter 0,$(shell id -u)),,sudo)
browsers: axe
	@command -v chromium >/dev/null || { $(SUDO) apt-get update && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y chromium; }

# `make test` installs Debian's Chromium itself where it can (as root, or with sudo that
# asks no password, with apt), so the phone and browser checks run on a new machine
# too; elsewhere it says how, and the browser tests are skipped (CI refuses skips).
chromium:
	@if command -v chromium >/dev/null; then :; \
	elif ! command -v apt-get >/dev/null; then \
		echo "Chromium is missing and there is no apt-get: the browser tests will be skipped."; \
	elif [ "$$(id -u)" = 0 ]; then apt-get update -q && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; \
	elif sudo -n true 2>/dev/null; then sudo apt-get update -q && \
		sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; \
	else echo "Chromium is missing: run make browsers (it asks for sudo)."; fi

# Local and quick, so `make test` fetches them too: axe-core for the browser tests and
# ical.js for the calendar feeds' reader test (one install: npm prunes what it did not
# install itself). Without npm the tests that need them say so.
axe:
	@command -v npm >/dev/null || { echo "npm is missing: run make browsers"; exit 0; }; \
	test "$$(node -p 'require("./node_modules/axe-core/package.json").version + require("./node_modules/ical.js/package.json").version' 2>/dev/null)" \
		= "$(AXE_VERSION)$(ICALJS_VERSION)" || npm install --prefix . --no-save --no-package-lock \
		axe-core@$(AXE_VERSION) ical.js@$(ICALJS_VERSION)
