# Two commands on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON_BIN := $(shell scripts/find-python.sh)
VENV := .venv
PY := $(VENV)/bin/python
UV := .tools/bin/uv
export UV_PYTHON_DOWNLOADS := never
HOST ?= 127.0.0.1
PORT ?= 8000
# pytest sets its own environment (pyproject.toml, `env`, through pytest-env). manage.py steps run here
# (messages, checks, bench) get safe values too, never a developer's .env.
MANAGE_ENV := DJANGO_READ_DOT_ENV_FILE=false DJANGO_SECRET_KEY=solo-para-comprobar \
	DJANGO_DEBUG=false DJANGO_SECURE_SSL_REDIRECT=false DJANGO_SECURE_COOKIES=false \
	DJANGO_STATICFILES_STORAGE=django.contrib.staticfiles.storage.StaticFilesStorage
# Tests in parallel, a worker per core (4 at most); the browser tests after them, in one
# process on a quiet machine (timing-sensitive journeys flaked beside a busy worker).
# `make test PYTEST_XDIST=` runs everything in one process each.
PYTEST_XDIST ?= -n auto --maxprocesses=4
# The development server and its setup steps read .env; nothing else does (settings.py).
DEV_ENV := DJANGO_READ_DOT_ENV_FILE=true

.PHONY: help install run serve test test-fast e2e lint fmt bench bench-rendimiento messages clean ensayo

help:
	@echo "make run    set up, load the demo content and serve on http://$(HOST):$(PORT)/"
	@echo "make test   run the whole test suite (browser tests included when Chromium is there)"
	@echo "make lint | fmt | bench | bench-rendimiento | messages | clean"
	@echo "make ensayo production rehearsal: nginx + gunicorn + PostgreSQL on loopback"

$(UV):
	@test -n "$(PYTHON_BIN)" || { echo "Python >= 3.12 is needed (set PYTHON=...)"; exit 1; }
	$(PYTHON_BIN) -m venv .tools
	.tools/bin/python -m pip install --quiet --disable-pip-version-check uv==0.13.8

$(VENV)/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --locked --python "$(PYTHON_BIN)"
	@touch $@

install: $(VENV)/.synced

.env:
	@echo "Writing .env for local development (DEBUG on, a fresh secret key)."
	@printf '# Development only: read when DJANGO_READ_DOT_ENV_FILE=true (make run sets it).\nDJANGO_DEBUG=true\nDJANGO_SECRET_KEY=%s\n' "$$($(PYTHON_BIN) -c 'import secrets; print(secrets.token_urlsafe(50))')" > .env

run: install .env
	$(DEV_ENV) $(PY) manage.py migrate --no-input
	$(DEV_ENV) $(PY) manage.py compilemessages --ignore=.venv --ignore=.tools -v0
	$(DEV_ENV) $(PY) manage.py cargar_demo
	$(DEV_ENV) $(PY) manage.py crear_admin_demo --host $(HOST) --port $(PORT)
	@# The task worker (alert mails, their links to this server) runs beside it and stops with it.
	DJANGO_SITIO_URL=$${DJANGO_SITIO_URL:-http://$(HOST):$(PORT)} $(DEV_ENV) $(PY) manage.py trabajador & \
	trabajador=$$!; \
	trap 'kill $$trabajador 2>/dev/null; wait $$trabajador 2>/dev/null' EXIT INT TERM; \
	$(DEV_ENV) $(PY) manage.py runserver $(HOST):$(PORT)

test: install
	$(MANAGE_ENV) $(PY) manage.py compilemessages --ignore=.venv --ignore=.tools -v0
	@# Both parts run; exit status 5 (a part with no test selected by PYTEST_ARGS) is
	@# a failure only when neither part had a test.
	@uno=0; dos=0; \
	echo "$(PY) -m pytest $(PYTEST_XDIST) -m 'not e2e' $(PYTEST_ARGS)"; \
	$(PY) -m pytest $(PYTEST_XDIST) -m "not e2e" $(PYTEST_ARGS) || uno=$$?; \
	echo "$(PY) -m pytest -m e2e $(PYTEST_ARGS)"; \
	$(PY) -m pytest -m e2e $(PYTEST_ARGS) || dos=$$?; \
	if [ $$uno -eq 5 ] && [ $$dos -eq 5 ]; then exit 5; fi; \
	for r in $$uno $$dos; do if [ $$r -ne 0 ] && [ $$r -ne 5 ]; then exit $$r; fi; done

test-fast: install
	$(PY) -m pytest $(PYTEST_XDIST) -m "not e2e" $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(MANAGE_ENV) $(PY) manage.py check
	$(MANAGE_ENV) $(PY) manage.py makemigrations --check --dry-run

fmt: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# BENCH_ARGS, e.g. "--bd sqlite --tamanos 1000,5000 --estricto" (scripts/bench.py --help).
# MODO=rendimiento runs the gunicorn + wrk throughput mode instead (scripts/bench-rendimiento.sh).
bench: install
ifeq ($(MODO),rendimiento)
	scripts/bench-rendimiento.sh
else
	$(PY) scripts/bench.py $(BENCH_ARGS)
endif

bench-rendimiento: install
	scripts/bench-rendimiento.sh

# Production settings of its own (never .env, never MANAGE_ENV): see the script.
ensayo: install
	scripts/ensayo-produccion.sh

messages: install
	$(MANAGE_ENV) $(PY) manage.py makemessages -l en --ignore=.venv --ignore=.tools --ignore=staticfiles --ignore=node_modules
	$(MANAGE_ENV) $(PY) manage.py compilemessages --ignore=.venv --ignore=.tools

clean:
	rm -rf $(VENV) .tools staticfiles test-artifacts .pytest_cache .ruff_cache
