"""Who the learner is: one explicit id, never typed into the page and never remembered in a file.

Under JupyterHub the learner is the signed-in user (``$JUPYTERHUB_USER``), and nothing else can override it: a
learner's server must not act as anyone but its owner. On one machine it is ``$SIMKIT_LEARNER`` (what
``make run LEARNER=…`` sets), else the OS user. Every id goes through the one learner-id rule. An older
``$SIMKIT_HOME/learner`` file (written by the first-run prompt of earlier versions) is ignored: a file every
visitor of the server inherited is what made one visitor act as another.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from simkit.submissions import normalise_learner_id

HUB_VARIABLE = "JUPYTERHUB_USER"
LEARNER_VARIABLE = "SIMKIT_LEARNER"
Source = Literal["hub", "chosen", "os"]


@dataclass(frozen=True)
class Identity:
    learner: str
    source: Source  # hub: signed in through JupyterHub; chosen: $SIMKIT_LEARNER; os: the OS user

    @property
    def single_user(self) -> bool:
        """One learner on one machine: the one who started the server, who can restart it as someone else."""
        return self.source != "hub"


def _checked(text: str, source: Source, origin: str) -> Identity:
    try:
        return Identity(normalise_learner_id(text), source)
    except ValueError as error:
        raise ValueError(f"{origin}: {error}") from None


def chosen_identity(learner: str) -> Identity:
    """The learner a page was opened for, by the learner-id rule; ValueError with the rule's message otherwise."""
    return Identity(normalise_learner_id(learner), "chosen")


def current_identity() -> Identity:
    """The learner of this server; raise ValueError (one line naming where the id came from) for a bad id."""
    return identity_in(os.environ)


def identity_in(environment: Mapping[str, str]) -> Identity:
    """The learner that a process with this environment serves (see :func:`current_identity`)."""
    if HUB_VARIABLE in environment:  # set by JupyterHub for a user's server: even an empty one is not overridden
        return _checked(environment[HUB_VARIABLE], "hub", f"${HUB_VARIABLE} (the JupyterHub user)")
    if LEARNER_VARIABLE in environment:  # set, even to nothing: an empty id is refused, not taken for the OS user
        return _checked(environment[LEARNER_VARIABLE], "chosen", f"${LEARNER_VARIABLE} (make run LEARNER=…)")
    try:
        user = getpass.getuser()
    except (OSError, KeyError):  # no $USER/$LOGNAME and no password entry, as in some containers
        raise ValueError(
            "no learner id: this process runs as no named OS user (hint: `make run LEARNER=ivanov.a`)"
        ) from None
    return _checked(user, "os", "the OS user name (`make run LEARNER=…` chooses another id)")
