"""What a learner's (or HR's) server answers: the Voilà page and the kernel channel that drives its widgets.

A learner's server runs on the hub's side of the network and is not the learner's to command: no Jupyter UI,
no terminal, no contents or files API, no new kernels, and no code from the page (the kernel accepts only widget
messages, see COURSE_MESSAGE_TYPES). The hub decides who reaches the server at all (its owner only); this
authorizer narrows what even the owner can do there.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import sys
import types
from typing import Any

from jupyterhub.singleuser.extension import JupyterHubAuthorizer
from tornado.ioloop import PeriodicCallback

# The messages Voilà's own server lets through from a page: widgets and the kernel's status, never execute_request.
COURSE_MESSAGE_TYPES = [
    "comm_open",
    "comm_close",
    "comm_msg",
    "comm_info_request",
    "kernel_info_request",
    "shutdown_request",
]

# jupyter_server's resources (the AUTH_RESOURCE of its handlers) and the actions allowed on each. "kernels":
# "execute" is the websocket a Voilà page talks to its kernel through; starting, restarting or deleting kernels
# ("write") is left to Voilà and the culler. Everything else (contents, files, nbconvert, sessions, terminals,
# config, events, server) is refused.
ALLOWED: dict[str, frozenset[str]] = {
    "kernels": frozenset({"read", "execute"}),
    "kernelspecs": frozenset({"read"}),
    "api": frozenset({"read"}),
    "csp": frozenset({"write"}),
}


class CourseOnlyAuthorizer(JupyterHubAuthorizer):
    """The hub's scope check, then only the few actions a Voilà page needs."""

    def is_authorized(self, handler: Any, user: Any, action: str, resource: str) -> bool:
        if action not in ALLOWED.get(resource, frozenset()):
            self.log.warning("refused %s on %s for %s on a course-only server", action, resource, user.username)
            return False
        return bool(super().is_authorized(handler, user, action, resource))


# glibc keeps the heap a page's rendering freed; giving it back every few seconds keeps a server small.
TRIM_EVERY_MS = 10_000


def _trim() -> None:
    name = ctypes.util.find_library("c")
    if name:
        ctypes.CDLL(name).malloc_trim(0)


# JupyterHub's database layer, which simkit.hub.course_main keeps out of a course server (~20 MiB a learner).
DATABASE_LAYER = ("jupyterhub.orm", "alembic", "jupyterhub.handlers")
LAYER_OUT = "course-only server: JupyterHub's database layer is not loaded"
LAYER_IN = "course-only server: JupyterHub's database layer is loaded"


def database_layer_loaded() -> list[str]:
    """The modules of DATABASE_LAYER this process has executed (a lazily loaded module not yet used is not)."""
    return [name for name in DATABASE_LAYER if type(sys.modules.get(name)) is types.ModuleType]


class _Upkeep:
    """Every TRIM_EVERY_MS: give freed heap back, and say (once) if the database layer came in after all."""

    def __init__(self, log: logging.Logger) -> None:
        self.log = log
        self.warned = False
        if not self.warn_if_loaded():
            log.info(LAYER_OUT)

    def warn_if_loaded(self) -> bool:
        loaded = database_layer_loaded()
        if loaded and not self.warned:
            self.warned = True
            self.log.warning("%s (%s): see simkit/hub/course_main.py", LAYER_IN, ", ".join(loaded))
        return bool(loaded)

    def __call__(self) -> None:
        _trim()
        self.warn_if_loaded()


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "simkit.hub.course_server"}]


def _load_jupyter_server_extension(serverapp: Any) -> None:
    PeriodicCallback(_Upkeep(serverapp.log), TRIM_EVERY_MS).start()
