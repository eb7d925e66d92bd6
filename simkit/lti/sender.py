"""The grading service's sender of queued scores: one delivery at a time, started every few seconds and at once
after a learner submits. Configured by the platform's registration (simkit.lti.config) and:

``SIMKIT_LTI_POLL_S``   how often the queue is looked at, default 10 s
``SIMKIT_LTI_RETRY_S``  the first wait after a failure, doubled at each further one up to an hour, default 30 s
"""

from __future__ import annotations

import logging
import os
import threading
from concurrent.futures import Executor

from sqlalchemy import Engine

from simkit.lti.ags import AgsClient
from simkit.lti.config import Platform
from simkit.lti.keys import tool_key
from simkit.lti.outbox import FIRST_RETRY_S, deliver_due

log = logging.getLogger("simkit.lti")
POLL_S = 10.0


def seconds(name: str, default: float) -> float:
    text = os.environ.get(name, "").strip()
    try:
        value = float(text) if text else default
    except ValueError:
        raise ValueError(f"{name}={text!r} is not a number of seconds") from None
    if value <= 0:
        raise ValueError(f"{name}={text!r}: the number of seconds must be above 0")
    return value


class Sender:
    def __init__(self, engine: Engine, platform: Platform, pool: Executor) -> None:
        self.engine, self.pool = engine, pool
        self.client = AgsClient(platform, tool_key(platform.key_file, create=False))
        self.poll_s = seconds("SIMKIT_LTI_POLL_S", POLL_S)
        self.retry_s = seconds("SIMKIT_LTI_RETRY_S", FIRST_RETRY_S)
        self._busy = threading.Lock()
        self._again = threading.Event()

    @classmethod
    def from_environment(cls, engine: Engine, pool: Executor) -> Sender | None:
        platform = Platform.from_environment()
        return None if platform is None else cls(engine, platform, pool)

    def kick(self) -> None:
        """Deliver now, in the pool (a delivery already under way goes round once more)."""
        self.pool.submit(self.run_once)

    def run_once(self) -> None:
        if not self._busy.acquire(blocking=False):
            self._again.set()
            return
        try:
            while True:
                self._again.clear()
                try:
                    deliver_due(self.engine, self.client, self.retry_s)
                except ValueError as error:  # the gradebook cannot be reached: the scores wait in it
                    log.error("grade passback: %s", error)
                if not self._again.is_set():
                    return
        finally:
            self._busy.release()
