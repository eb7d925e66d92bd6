"""What each user's server runs, chosen by the user's JupyterHub groups when it starts.

- learners (no group): the course app only, Voilà on course_home.ipynb, in a course-only server
  (deploy/jupyterhub/course_server_config.py), learner id = the hub username;
- ``hr``: the compliance report, Voilà on compliance.ipynb, in the same kind of server, with the gradebook;
- ``trainers``: JupyterLab on the trainer notebooks, with the gradebook and the keyed library.
"""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TRAINERS = "trainers"
HR = "hr"
DEPLOY = Path(__file__).resolve().parents[2] / "deploy" / "jupyterhub"
COURSE_SERVER_CONFIG = DEPLOY / "course_server_config.py"
# Which notebook each course-only role is given; its server's root folder holds that notebook and nothing else,
# so no other notebook can be rendered there.
PAGES = {"learner": "course_home.ipynb", HR: "compliance.ipynb"}
# glibc's malloc for servers and kernels (they inherit it): two arenas rather than eight per core. (Fixed trim and
# mmap thresholds were tried as well and saved nothing measurable: docs/deployment.md.)
MALLOC = {"MALLOC_ARENA_MAX": "2"}


# The course-only server (simkit/hub/course_main.py): jupyterhub-singleuser less what a course page never uses;
# the course image's CMD and the Helm values' singleuser.cmd start the same module.
COURSE_MODULE = "simkit.hub.course_main"


def singleuser_command() -> list[str]:
    """jupyterhub-singleuser of this Python's environment, whatever PATH the hub was started with."""
    script = Path(sys.executable).with_name("jupyterhub-singleuser")
    return [str(script)] if script.exists() else [sys.executable, "-m", "jupyterhub.singleuser"]


def role_of(groups: list[str]) -> str:
    if TRAINERS in groups:
        return TRAINERS
    if HR in groups:
        return HR
    return "learner"


def prepare_pages(state: Path, notebooks: Path) -> dict[str, Path]:
    """One folder per course-only role under ``state``/pages, holding a copy of its notebook alone."""
    folders = {}
    for role, name in PAGES.items():
        folder = state / "pages" / role
        folder.mkdir(parents=True, exist_ok=True)
        source = notebooks / name
        if not source.is_file():
            raise SystemExit(f"error: {source}: notebook not found (hint: point SIMKIT_NOTEBOOKS at notebooks/)")
        shutil.copyfile(source, folder / name)
        folders[role] = folder
    return folders


@dataclass
class SpawnRules:
    """Everything the pre-spawn hook needs, read once from the environment by jupyterhub_config.py."""

    state: Path
    release: Path
    notebooks: Path
    pages: dict[str, Path]
    gradebook: str | None
    scenarios: Path
    service_url: str | None
    extra_env: dict[str, str] = field(default_factory=dict)

    def home(self, username: str) -> Path:
        return self.state / "homes" / username

    def __call__(self, spawner: Any) -> None:
        """JupyterHub's pre_spawn_hook: the command, folder, start page and environment by group."""
        groups = [group.name for group in spawner.user.groups]
        role = role_of(groups)
        simkit_home = self.home(spawner.user.name) / "simkit"
        simkit_home.mkdir(parents=True, exist_ok=True)
        # Every server reads the one release the hub made (learners' exam copies carry no keys).
        env = {"SIMKIT_HOME": str(simkit_home), "SIMKIT_RELEASE": str(self.release), **MALLOC, **self.extra_env}
        if self.service_url:
            env["SIMKIT_SERVICE_URL"] = self.service_url
        if role == TRAINERS:
            spawner.cmd = singleuser_command()
            spawner.args = []
            spawner.notebook_dir = str(self.notebooks)
            spawner.default_url = "/lab"
            env["SIMKIT_SCENARIOS"] = str(self.scenarios)
        else:
            spawner.cmd = [sys.executable, "-m", COURSE_MODULE]
            spawner.args = [f"--config={COURSE_SERVER_CONFIG}"]
            spawner.notebook_dir = str(self.pages[role])
            spawner.default_url = f"/voila/render/{PAGES[role]}"
        if role in (TRAINERS, HR) and self.gradebook:
            env["SIMKIT_GRADEBOOK"] = self.gradebook
        if os.geteuid() == 0:  # containers often run as root; Jupyter refuses to unless told
            spawner.args = [*spawner.args, "--ServerApp.allow_root=True"]
        spawner.environment = {**spawner.environment, **env}  # a fresh dict: config's may be shared
        spawner.log.info("starting %s's server as %s", spawner.user.name, role)
