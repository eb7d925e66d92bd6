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
# `make run LEARNER=ivanov.a` serves the course app for that learner (default: $SIMKIT_LEARNER, else your OS
# user). `simkit serve` (simkit/player/serving.py holds Voilà's options and why) releases the courses and starts
# Voilà; it refuses a HOST others can reach, where everyone would be one learner: `make hub` serves many people.
LEARNER ?=
SERVE_ARGS ?=
# Jupyter refuses to run as root unless told; containers often run as root.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)
# npm packages pinned by tools/node/package-lock.json: configurable-http-proxy (JupyterHub's proxy) and axe-core
# (the accessibility rules the browser tests and benchmarks/a11y.py run in Chromium).
CHP := .tools/node/node_modules/.bin/configurable-http-proxy
AXE := .tools/node/node_modules/axe-core/axe.min.js

.PHONY: run test lint lock lab hub chp axe clean messages hub-requirements

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.synced: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

run: $(VENV)/.synced
	$(VENV)/bin/simkit serve --host='$(HOST)' --port='$(VOILA_PORT)' $(if $(LEARNER),--learner='$(LEARNER)') \
	  $(SERVE_ARGS) -- $(VOILA_ARGS)

# Without npm the hub's and the accessibility tests are skipped (failed under SIMKIT_REQUIRE_BROWSER=1, as in CI)
# and `make hub` says so. One npm ci installs both files (a grouped target).
$(CHP) $(AXE) &: tools/node/package.json tools/node/package-lock.json
	@if command -v npm >/dev/null; then \
	  mkdir -p .tools/node && cp tools/node/package.json tools/node/package-lock.json .tools/node/ && \
	  (cd .tools/node && npm ci --no-audit --no-fund --loglevel=error) && touch $(CHP) $(AXE); \
	else echo "npm not found: configurable-http-proxy and axe-core not installed (apt-get install npm)"; fi

chp: $(CHP)
axe: $(AXE)

# JupyterHub, the proxy, the grading service, a local sign-in provider with sample users, and a gradebook
# (PostgreSQL if installed, else SQLite; or $$SIMKIT_GRADEBOOK), on http://127.0.0.1:$(HUB_PORT).
HUB_PORT ?= 8000
hub: $(VENV)/.synced $(CHP)
	HUB_PORT=$(HUB_PORT) $(VENV)/bin/python -m simkit.hub

lab: $(VENV)/.synced
	$(VENV)/bin/jupyter lab --ServerApp.ip=$(HOST) --ServerApp.port=$(PORT) --ServerApp.root_dir=notebooks $(ALLOW_ROOT)

test: $(VENV)/.synced $(CHP) $(AXE)
	$(VENV)/bin/python -m pytest --nbval-lax -p no:cacheprovider $(PYTEST_ARGS); \
	  status=$$?; if [ $$status -eq 5 ]; then echo "pytest collected no tests"; status=0; fi; exit $$status

# ruff, then the layers of docs/architecture.md (import-linter's contracts in pyproject.toml).
lint: $(VENV)/.synced
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy simkit

# The interface catalogues (docs/translation.md): extract the keys the code uses into simkit/locale/simkit.pot,
# merge them into each language's .po (a new key arrives empty), then list what is left to translate.
messages: $(VENV)/.synced
	$(VENV)/bin/python -m simkit.i18n.messages update
	$(VENV)/bin/python -m simkit.i18n.messages check

# The part of the lock the hub's image installs (deploy/docker/hub-requirements.in and what it needs), as its build
# makes it (deploy/docker/Dockerfile.hub): to see what a change to the lock brings into the hub.
hub-requirements:
	@$(PYTHON) tools/lock_subset.py requirements.lock deploy/docker/hub-requirements.in

lock: $(UV)
	$(UV) pip compile pyproject.toml tools/build-requirements.in --extra hub --extra test --generate-hashes \
	  --python-version 3.11 --no-header -q -o requirements.lock

clean:
	rm -rf $(VENV) .tools
