"""How the course app is served on one machine (`simkit serve`, `make run`): Voilà on the course page, for one
learner, on a loopback address unless told plainly that everyone who reaches the port is that one learner.

The browser tests and benchmarks/player.py start their servers with :data:`VOILA_OPTIONS` too, so what they
measure and check is what learners get.
"""

from __future__ import annotations

import ipaddress
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
COURSE_PAGE = PROJECT / "notebooks" / "course_home.ipynb"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8866
# - Voilà shows widgets, never code (its default), and runs no code sent from the page.
# - One kernel waits pre-heated, simkit already imported, so opening the page skips a kernel's start and
#   the imports; the pool refills a second after each use. The course page waits for the learner's request
#   (simkit.player.when_requested) before it reads their submissions, so they are never shown stale.
# - Voilà's shutdown of a left page's kernel is refused (its beacon carries no XSRF token), so kernels
#   with no page connected are culled after 10 minutes; an open page keeps its kernel however long it idles.
VOILA_OPTIONS = (
    "--preheat_kernel=True",
    "--pool_size=1",
    "--MappingKernelManager.cull_idle_timeout=600",
    "--MappingKernelManager.cull_interval=60",
)


def is_loopback(host: str) -> bool:
    """Whether only this machine can reach ``host``: a loopback address, or the name localhost."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:  # a host name: it may well resolve to an address others reach
        return False


def shared_host_refusal(host: str, port: int, learner: str) -> str:
    return (
        f"--host {host} would let everyone who reaches port {port} act as the one learner {learner!r}: they would "
        "see and change one another's answers, sign the Code's acknowledgement and finish exams in that name "
        "(hint: serve many people with `make hub`, JupyterHub with sign-in; keep the default 127.0.0.1; or give "
        "--one-learner-for-everyone if one shared learner is really meant)"
    )


def shared_host_warning(host: str, port: int, learner: str) -> str:
    return (
        f"warning: serving on {host}:{port} with no sign-in: everyone who reaches this port is the one learner "
        f"{learner!r} and sees and changes the same answers (`make hub` serves many people, each signed in)"
    )


def voila_command(host: str, port: int, notebook: Path = COURSE_PAGE, extra: tuple[str, ...] = ()) -> list[str]:
    """The Voilà command line; no port retries, as a pre-heated kernel finds its server at the port asked for."""
    return [
        sys.executable,
        "-m",
        "voila",
        str(notebook),
        f"--Voila.ip={host}",
        f"--port={port}",
        "--Voila.port_retries=0",
        *VOILA_OPTIONS,
        *extra,
    ]
