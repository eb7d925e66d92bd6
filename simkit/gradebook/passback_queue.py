"""Queueing a score for the learning platform: in the same transaction that records the graded attempt (or the
review that rescored it), so that no score can be lost between grading and sending (simkit.lti.outbox sends)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import Connection, and_, exists, select, update

from simkit.gradebook.tables import attempts, lti_contexts, lti_passbacks


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def enqueue(connection: Connection, course_id: str, attempt_ids: Sequence[int]) -> int:
    """Queue the score of each of these attempts that is its learner's current one, for a learner whose launch of
    the course named a line item; an older score still waiting for the same learner is superseded. Inside the
    caller's writing transaction. Returns how many were queued."""
    if not attempt_ids:
        return 0
    launched = exists().where(lti_contexts.c.course_id == course_id, lti_contexts.c.lineitem.is_not(None))
    if not connection.execute(select(launched)).scalar():
        return 0  # the course was never launched from a platform: nothing to look up per attempt
    query = (
        select(
            attempts, lti_contexts.c.issuer, lti_contexts.c.client_id, lti_contexts.c.lti_user, lti_contexts.c.lineitem
        )
        .join(
            lti_contexts,
            and_(lti_contexts.c.learner_id == attempts.c.learner_id, lti_contexts.c.course_id == attempts.c.course_id),
        )
        .where(
            attempts.c.id.in_(list(attempt_ids)),
            attempts.c.superseded_by.is_(None),
            lti_contexts.c.lineitem.is_not(None),
        )
    )
    queued, stamp = 0, now()
    for row in connection.execute(query).all():
        last = connection.execute(
            select(lti_passbacks.c.score, lti_passbacks.c.pending_review)
            .where(lti_passbacks.c.attempt_id == row.id, lti_passbacks.c.lineitem == row.lineitem)
            .order_by(lti_passbacks.c.id.desc())
            .limit(1)
        ).first()
        if last is not None and (last.score, last.pending_review) == (row.score, row.pending_review):
            continue  # this score went (or is going) already
        waiting = and_(
            lti_passbacks.c.learner_id == row.learner_id,
            lti_passbacks.c.course_id == row.course_id,
            lti_passbacks.c.status.in_(("pending", "failed")),
        )
        connection.execute(update(lti_passbacks).where(waiting).values(status="superseded"))
        connection.execute(
            lti_passbacks.insert().values(
                attempt_id=row.id,
                learner_id=row.learner_id,
                course_id=row.course_id,
                issuer=row.issuer,
                client_id=row.client_id,
                lti_user=row.lti_user,
                lineitem=row.lineitem,
                score=row.score,
                max_score=row.max_score,
                pending_review=row.pending_review,
                graded_at=stamp,
                status="pending",
                tries=0,
                next_try_at=stamp,
                created_at=stamp,
            )
        )
        queued += 1
    return queued
