# `make run` sets up and serves the app on SQLite with demo data; `make test` sets up and runs the tests.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app app
HOST ?= 127.0.0.1
PORT ?= 5000
TEST_DATABASE_URL ?= postgresql://postgres@127.0.0.1:5432/test

.PHONY: runtime install run serve worker test test-postgres test-browser browser fuzz lint translations

# Serving needs the runtime requirements only; the test, browser and fuzz targets add the development tools.
runtime: $(VENV)/.runtime translations/zh/LC_MESSAGES/messages.mo translations/zh_Hant/LC_MESSAGES/messages.mo

install: runtime $(VENV)/.installed

$(VENV)/.runtime: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed: $(VENV)/.runtime requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

translations/zh/LC_MESSAGES/messages.mo translations/zh_Hant/LC_MESSAGES/messages.mo &: translations/zh/LC_MESSAGES/messages.po translations/zh_Hant/LC_MESSAGES/messages.po $(VENV)/.runtime
	$(BIN)/pybabel compile --statistics -d translations

run: runtime
	$(FLASK) db upgrade
	$(FLASK) calendar recompute
	$(FLASK) seed-demo
	@echo
	@echo "Open http://$(HOST):$(PORT)/ (API reference at http://$(HOST):$(PORT)/api/v1/docs)"
	@echo
	$(FLASK) run --host $(HOST) --port $(PORT)

# Production: gunicorn with several workers on PostgreSQL and Redis, migrations applied first.
# Needs DATABASE_URL, REDIS_URL and SECRET_KEY (and CREDENTIAL_SIGNING_KEY) in the environment.
serve: runtime
	@test -n "$$DATABASE_URL" -a -n "$$REDIS_URL" || { echo "Set DATABASE_URL and REDIS_URL (see README)."; exit 1; }
	$(FLASK) db upgrade
	$(FLASK) calendar recompute
	TOURISM_ENV=production LOG_FORMAT=json $(BIN)/gunicorn --config gunicorn.conf.py app:app

# Background planning when REDIS_URL is set: each worker process solves one queued plan at a time.
worker: runtime
	@test -n "$$REDIS_URL" || { echo "Set REDIS_URL (see README)."; exit 1; }
	$(FLASK) planner-worker

test: install
	$(BIN)/ruff check .
	$(BIN)/pytest -q

test-postgres: install
	TEST_DATABASE_URL=$(TEST_DATABASE_URL) $(BIN)/pytest -q

# The real-browser tests need Debian's Chromium and a CJK font (installed here when missing; needs root).
browser:
	@test -x /usr/bin/chromium -a -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc || \
	  { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-noto-cjk; }

test-browser: install browser
	BROWSER_TESTS=1 $(BIN)/pytest -q tests/browser

# schemathesis against a live server with the demo data; FUZZ_SECONDS bounds each run.
fuzz: install
	.ci/fuzz

lint: install
	$(BIN)/ruff check .

# Re-extract messages after changing user-facing text, then translate the new entries in the zh .po file and
# run `make translations` again: the Traditional Chinese catalogue is derived from it (tools/hant.py, OpenCC).
translations: install
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k _lp:1c,2 -k lazy_pgettext:1c,2 --no-location --no-wrap --sort-output -o translations/messages.pot .
	$(BIN)/pybabel update -i translations/messages.pot -d translations -l zh --no-fuzzy-matching --ignore-obsolete --no-wrap
	$(BIN)/python tools/hant.py
