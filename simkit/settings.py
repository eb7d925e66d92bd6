"""Where simkit keeps learners' data: one folder, ``$SIMKIT_HOME`` (default ``~/.simkit``).

It holds ``release/`` (the learner bundles of the courses), ``submissions/`` (the player's answer files) and
``learner`` (the id given at the first-run prompt).
"""

from __future__ import annotations

import os
from pathlib import Path

HOME_VARIABLE = "SIMKIT_HOME"


def data_home() -> Path:
    configured = os.environ.get(HOME_VARIABLE)
    return Path(configured).expanduser() if configured else Path.home() / ".simkit"


def release_root() -> Path:
    return data_home() / "release"


def submissions_root() -> Path:
    return data_home() / "submissions"
