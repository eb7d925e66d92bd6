# Two entry points do all set-up on a fresh machine:
#   make run    create .venv, install simkit, release every course, serve the learners' course page (Voilà)
#   make test   create or update .venv and run the whole test suite
# `make lab` opens JupyterLab on notebooks/ for trainers and authors.
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

.PHONY: run test lint lock lab clean

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

lab: $(VENV)/.synced
	$(VENV)/bin/jupyter lab --ServerApp.ip=$(HOST) --ServerApp.port=$(PORT) --ServerApp.root_dir=notebooks $(ALLOW_ROOT)

test: $(VENV)/.synced
	$(VENV)/bin/python -m pytest --nbval-lax -p no:cacheprovider $(PYTEST_ARGS); \
	  status=$$?; if [ $$status -eq 5 ]; then echo "pytest collected no tests"; status=0; fi; exit $$status

lint: $(VENV)/.synced
	$(VENV)/bin/ruff check .

lock: $(UV)
	$(UV) pip compile pyproject.toml tools/build-requirements.in --extra test --generate-hashes \
	  --python-version 3.11 --no-header -q -o requirements.lock

clean:
	rm -rf $(VENV) .tools
