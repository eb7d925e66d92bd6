"""Certificates as the gradebook keeps them: what each one says, made from a passed attempt, with a new random
verification code. The rows and their queries are ``simkit.gradebook.certificates``'."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Engine, RowMapping

from simkit.certificates.model import Certificate
from simkit.gradebook import certificates as rows
from simkit.gradebook.certificates import Standing
from simkit.gradebook.codes import new_code

Titles = Mapping[int, tuple[str, str]]  # course version → (Russian, English) title, from the course file

__all__ = ["CertificateBook", "Standing", "Titles"]


class CertificateBook:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def issue(self, course_id: str, titles: Titles, learner: str | None = None) -> list[Certificate]:
        """The certificate of each current passed attempt of the course (or of one learner), made if missing."""
        issued = rows.issue(self.engine, course_id, functools.partial(_new_row, titles=titles), learner)
        return [Certificate.from_row(row) for row in issued]

    def find(self, code: str) -> Certificate | None:
        row = rows.find(self.engine, code)
        return None if row is None else Certificate.from_row(row)

    def standing(self, certificate: Certificate) -> Standing:
        return rows.standing(self.engine, certificate.attempt_id)


def _new_row(row: RowMapping, titles: Titles) -> dict[str, Any]:
    fallback = row["title"] or row["course_id"]  # a course the gradebook knows only by id
    title_ru, title_en = titles.get(row["course_version"], (fallback, fallback))
    return {
        "code": new_code(),
        "attempt_id": row["attempt_id"],
        "learner_id": row["learner_id"],
        "learner_name": row["learner_name"],
        "course_id": row["course_id"],
        "course_version": row["course_version"],
        "title_ru": title_ru,
        "title_en": title_en,
        "rhythm": row["rhythm"],
        "completed_on": row["completed_on"],
        "score": row["score"],
        "max_score": row["max_score"],
        "issued_at": dt.datetime.now(dt.UTC),
    }
