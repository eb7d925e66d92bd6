"""Where simkit keeps learners' data: one folder, ``$SIMKIT_HOME`` (default ``~/.simkit``).

It holds ``release/`` (the learner bundles of the courses) and ``submissions/`` (the player's answer files). A
``learner`` file left by earlier versions' first-run prompt is ignored (see :mod:`simkit.player.identity`).
"""

from __future__ import annotations

import os
from pathlib import Path

HOME_VARIABLE = "SIMKIT_HOME"
RELEASE_VARIABLE = "SIMKIT_RELEASE"


def data_home() -> Path:
    configured = os.environ.get(HOME_VARIABLE)
    return Path(configured).expanduser() if configured else Path.home() / ".simkit"


def release_root() -> Path:
    """``$SIMKIT_RELEASE`` if set (a read-only release baked into a course image), else ``$SIMKIT_HOME/release``."""
    configured = os.environ.get(RELEASE_VARIABLE)
    return Path(configured).expanduser() if configured else data_home() / "release"


def submissions_root() -> Path:
    return data_home() / "submissions"
