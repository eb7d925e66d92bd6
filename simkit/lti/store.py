"""What launches leave in the gradebook: nonces seen (a launch is taken once), and each learner's launch context
per course (the line item their score goes to)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine, delete, insert, select
from sqlalchemy.exc import IntegrityError

from simkit.gradebook.db import writing
from simkit.gradebook.tables import lti_contexts, lti_nonces
from simkit.lti.claims import SCORE_SCOPE, Launch


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def take_nonce(engine: Engine, issuer: str, nonce: str, expires_at: dt.datetime) -> bool:
    """Record ``nonce`` as used; False when it was used already (the launch is a replay)."""
    try:
        with writing(engine) as connection:
            connection.execute(delete(lti_nonces).where(lti_nonces.c.expires_at < now()))
            connection.execute(insert(lti_nonces).values(issuer=issuer, nonce=nonce, expires_at=expires_at))
    except IntegrityError:
        return False
    return True


def save_context(engine: Engine, launch: Launch) -> None:
    """The learner's latest launch of the course, replacing the one before (a new line item, new scopes)."""
    if launch.course_id is None:
        return
    row = {
        "issuer": launch.issuer,
        "client_id": launch.client_id,
        "deployment_id": launch.deployment_id,
        "lti_user": launch.lti_user,
        "resource_link": launch.resource_link,
        # No score scope granted: the platform would refuse the token, so nothing is queued for this launch.
        "lineitem": launch.lineitem if SCORE_SCOPE in launch.scopes else None,
        "scopes": " ".join(launch.scopes),
        "launched_at": now(),
    }
    key = (lti_contexts.c.learner_id == launch.learner) & (lti_contexts.c.course_id == launch.course_id)
    with writing(engine) as connection:
        if connection.execute(select(lti_contexts.c.learner_id).where(key)).first():
            connection.execute(lti_contexts.update().where(key).values(**row))
        else:
            connection.execute(
                insert(lti_contexts).values(learner_id=launch.learner, course_id=launch.course_id, **row)
            )
