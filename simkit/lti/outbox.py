"""The grade passback outbox, in the gradebook (queued by simkit.gradebook.passback_queue as attempts are
recorded): each score is sent, retried with back-off while the platform fails, and listed for trainers
(``simkit lti passbacks``, the trainers' page) until it is through."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Engine, and_, select, update

from simkit.gradebook.db import reading, writing
from simkit.gradebook.tables import lti_passbacks
from simkit.lti.ags import AgsClient, PassbackError, Score

log = logging.getLogger("simkit.lti")
FIRST_RETRY_S = 30.0
LAST_RETRY_S = 3600.0
BATCH = 50


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def backoff(tries: int, first_s: float) -> dt.timedelta:
    return dt.timedelta(seconds=min(first_s * 2 ** max(tries - 1, 0), LAST_RETRY_S))


def deliver_due(engine: Engine, client: AgsClient, first_retry_s: float = FIRST_RETRY_S) -> tuple[int, int]:
    """Send every queued score whose time has come; (sent, not sent). A failure is recorded on its row: tried
    again after a back-off that doubles (``first_retry_s`` up to an hour), or, refused for good, kept as failed."""
    due = (
        select(lti_passbacks)
        .where(lti_passbacks.c.status == "pending", lti_passbacks.c.next_try_at <= now())
        .order_by(lti_passbacks.c.id)
        .limit(BATCH)
    )
    with reading(engine) as connection:
        rows = connection.execute(due).all()
    sent = failed = 0
    for row in rows:
        if row.issuer != client.platform.issuer or row.client_id != client.platform.client_id:
            _record(engine, row, "failed", f"no registration for the platform {row.issuer} ({row.client_id}) here")
            failed += 1
            continue
        score = Score(row.lti_user, row.score, row.max_score, row.pending_review, _timestamp(row.graded_at))
        try:
            client.send(row.lineitem, score)
        except PassbackError as error:
            log.warning("passback %s of %s in %s: %s", row.id, row.learner_id, row.course_id, error)
            retry = now() + backoff(row.tries + 1, first_retry_s)
            _record(engine, row, "failed" if error.permanent else "pending", str(error), retry)
            failed += 1
        else:
            _record(engine, row, "sent")
            sent += 1
    return sent, failed


def _timestamp(stamp: dt.datetime) -> str:
    aware = stamp.replace(tzinfo=dt.UTC) if stamp.tzinfo is None else stamp
    return aware.isoformat(timespec="milliseconds")


def _record(engine: Engine, row: Any, status: str, error: str | None = None, retry: dt.datetime | None = None) -> None:
    values: dict[str, Any] = {"status": status, "tries": row.tries + 1, "last_error": error}
    if status == "sent":
        values["sent_at"] = now()
    if retry is not None:
        values["next_try_at"] = retry
    # Only a row still as it was read: one superseded meanwhile stays superseded.
    still = and_(lti_passbacks.c.id == row.id, lti_passbacks.c.status == "pending")
    with writing(engine) as connection:
        connection.execute(update(lti_passbacks).where(still).values(**values))


def waiting(engine: Engine, everything: bool = False) -> list[dict[str, Any]]:
    """Passbacks not through yet (pending, failed), or every one with ``everything``, oldest first."""
    query = select(lti_passbacks).order_by(lti_passbacks.c.id)
    if not everything:
        query = query.where(lti_passbacks.c.status.in_(("pending", "failed")))
    with reading(engine) as connection:
        return [dict(row._mapping) for row in connection.execute(query)]


def send_again(engine: Engine, ids: Sequence[int] | None = None) -> int:
    """Failed passbacks (these, or all) queued to go at once; pending ones are brought forward. Returns how many."""
    chosen: ColumnElement[bool] = lti_passbacks.c.status.in_(("pending", "failed"))
    if ids is not None:
        chosen = and_(chosen, lti_passbacks.c.id.in_(list(ids)))
    with writing(engine) as connection:
        return connection.execute(
            update(lti_passbacks).where(chosen).values(status="pending", next_try_at=now())
        ).rowcount
