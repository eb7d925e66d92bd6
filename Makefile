# Two entry points do all set-up on a fresh machine:
#   make run    create .venv, install simkit, release every course, serve the learners' course page (Voilà)
#   make test   create or update .venv and run the whole test suite
# `make lab` opens JupyterLab on notebooks/ for trainers and authors; `make hub` starts the whole JupyterHub
# stack on this machine for trying it (docs/deployment.md).
# Everything is installed from the committed, hash-pinned lock file (requirements.lock);
# `make lock` regenerates it after a change to the dependencies in pyproject.toml.

PYTHON ?= python3
UV_VERSION := 0.13.9
UV := .tools/bin/uv
VENV := .venv
HOST ?= 127.0.0.1
PORT ?= 8888
VOILA_PORT ?= 8866
COURSE_PAGE := notebooks/course_home.ipynb
# How learners get the course page; the browser tests and benchmarks/player.py read this line too.
# - Voilà shows widgets, never code (its default), and runs no code sent from the page.
# - One kernel waits pre-heated, simkit already imported, so opening the page skips a kernel's start and
#   the imports; the pool refills a second after each use. The course page waits for the learner's request
#   (simkit.player.when_requested) before it reads their submissions, so they are never shown stale.
# - Voilà's shutdown of a left page's kernel is refused (its beacon carries no XSRF token), so kernels
#   with no page connected are culled after 10 minutes; an open page keeps its kernel however long it idles.
VOILA_OPTIONS := --preheat_kernel=True --pool_size=1 \
  --MappingKernelManager.cull_idle_timeout=600 --MappingKernelManager.cull_interval=60
# Jupyter refuses to run as root unless told; containers often run as root.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)
# configurable-http-proxy (JupyterHub's proxy, an npm package), pinned by tools/node/package-lock.json.
CHP := .tools/node/node_modules/.bin/configurable-http-proxy

.PHONY: run test lint lock lab hub chp clean

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.synced: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

# A pre-heated kernel finds its server at VOILA_APP_IP and the port asked for: no silent move to another port.
run: $(VENV)/.synced
	$(VENV)/bin/simkit release --all
	VOILA_APP_IP=$(HOST) $(VENV)/bin/voila $(COURSE_PAGE) --Voila.ip=$(HOST) --port=$(VOILA_PORT) \
	  --Voila.port_retries=0 $(VOILA_OPTIONS) $(VOILA_ARGS)

# Without npm the hub's tests are skipped (failed under SIMKIT_REQUIRE_BROWSER=1, as in CI) and `make hub` says so.
$(CHP): tools/node/package.json tools/node/package-lock.json
	@if command -v npm >/dev/null; then \
	  mkdir -p .tools/node && cp tools/node/package.json tools/node/package-lock.json .tools/node/ && \
	  (cd .tools/node && npm ci --no-audit --no-fund --loglevel=error) && touch $@; \
	else echo "npm not found: configurable-http-proxy not installed (apt-get install npm)"; fi

chp: $(CHP)

# JupyterHub, the proxy, the grading service, a local sign-in provider with sample users, and a gradebook
# (PostgreSQL if installed, else SQLite; or $$SIMKIT_GRADEBOOK), on http://127.0.0.1:$(HUB_PORT).
HUB_PORT ?= 8000
hub: $(VENV)/.synced $(CHP)
	HUB_PORT=$(HUB_PORT) $(VENV)/bin/python -m simkit.hub

lab: $(VENV)/.synced
	$(VENV)/bin/jupyter lab --ServerApp.ip=$(HOST) --ServerApp.port=$(PORT) --ServerApp.root_dir=notebooks $(ALLOW_ROOT)

test: $(VENV)/.synced $(CHP)
	$(VENV)/bin/python -m pytest --nbval-lax -p no:cacheprovider $(PYTEST_ARGS); \
	  status=$$?; if [ $$status -eq 5 ]; then echo "pytest collected no tests"; status=0; fi; exit $$status

lint: $(VENV)/.synced
	$(VENV)/bin/ruff check .

lock: $(UV)
	$(UV) pip compile pyproject.toml tools/build-requirements.in --extra hub --extra test --generate-hashes \
	  --python-version 3.11 --no-header -q -o requirements.lock

clean:
	rm -rf $(VENV) .tools
