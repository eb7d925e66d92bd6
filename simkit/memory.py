"""Memory management for batch work: grading, validating and reporting on tens of thousands of records."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Hold Python's cycle collector for a batch. A batch keeps its results (graded submissions, validated models,
    learners' rows) until its end: hundreds of thousands of objects, none in a cycle, which each collection would
    walk again over a growing heap; in grading it took half the time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # Moved to the oldest generation first: the young one, walked at the next allocation, would hold them all.
        gc.freeze()
        gc.unfreeze()
        if was_enabled:
            gc.enable()
