# Two entry points: `make run` serves the demo shop, `make test` runs lint and the whole suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Canonical URLs, og:url, the sitemap and admin emails point at the address runserver
# serves: load_demo_data moves the local Site there (home/serving/site_address.py).
WAGTAILADMIN_BASE_URL ?= http://$(HOST):$(PORT)
PRODUCTS ?= 200
# Two workers: the suite is mostly waiting on SQLite and Pillow, and this machine has two cores.
PYTEST_ARGS ?= -n 2

.PHONY: run test install install-dev browser judges java node migrate demo lint format bench lighthouse screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	WAGTAILADMIN_BASE_URL=$(WAGTAILADMIN_BASE_URL) $(BIN)/python manage.py load_demo_data --products $(PRODUCTS)

# Scheduled go-live and expiry: without Redis there is no Celery beat, so a small loop runs
# Wagtail's publish_scheduled every minute next to runserver, and is stopped with it.
PUBLISH_INTERVAL ?= 60

run: demo
	@echo "Serving on http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/, see README for logins)"
	$(BIN)/python manage.py run_publish_scheduler --interval $(PUBLISH_INTERVAL) & scheduler=$$!; \
	trap 'kill $$scheduler 2>/dev/null' EXIT INT TERM; \
	WAGTAILADMIN_BASE_URL=$(WAGTAILADMIN_BASE_URL) $(BIN)/python manage.py runserver $(HOST):$(PORT)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Browser tests drive Debian's Chromium (never a downloaded one); install it when we can.
browser:
	@test -x /usr/bin/chromium || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
		&& (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
		|| echo "Chromium not installed: browser tests will be skipped."; }

# Installs a Debian package when a command is missing and we may (root with apt-get), else says what is skipped.
apt_install = command -v $(1) >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
	&& (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(2) >/dev/null) \
	|| echo "$(2) not installed: $(3)"; }

java:
	@$(call apt_install,java,default-jre-headless,the Nu HTML checker test will be skipped.)

node:
	@$(call apt_install,npm,npm,the outside judges and Lighthouse cannot be installed.)

# The outside judges (tests/judges): axe-core and the Nu HTML checker, exactly as the
# committed lockfile pins them (npm ci, never a CDN), plus Debian's Java and Chromium.
judges: browser java tests/judges/node_modules/.installed

tests/judges/node_modules/.installed: tests/judges/package.json tests/judges/package-lock.json
	@$(MAKE) --no-print-directory node
	if command -v npm >/dev/null; then cd tests/judges && npm ci --no-audit --no-fund --loglevel=error && touch node_modules/.installed; fi

bench/node_modules/.installed: bench/package.json bench/package-lock.json
	@$(MAKE) --no-print-directory node
	if command -v npm >/dev/null; then cd bench && npm ci --no-audit --no-fund --loglevel=error && touch node_modules/.installed; fi

# Lighthouse (pinned in bench/package-lock.json) on the home, a category and a product page;
# set DATABASE_URL and REDIS_URL as for `make bench`.
lighthouse: install-dev browser bench/node_modules/.installed
	$(BIN)/python bench/lighthouse.py

# The README's screenshots (docs/img/), taken from a demo shop this starts itself.
screenshots: install-dev browser
	$(BIN)/python bench/screenshots.py

# Benchmarks (not part of the suite): wrk from Debian when we can install it, else the stdlib client.
# Set DATABASE_URL and REDIS_URL for PostgreSQL and Redis, as the README's Performance section does.
bench: install-dev
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
		&& (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null) \
		|| echo "wrk not installed: page_speed falls back to its stdlib client."; }
	$(BIN)/python bench/page_speed.py --products 2000
	$(BIN)/python bench/load_test.py --products 2000

test: lint judges
	$(BIN)/python -m pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) staticfiles test-artifacts .pytest_cache .ruff_cache
