"""The submission format: the one definition the player writes, the file intake reads and the service takes.

A submission holds who, which course, which scenario versions, the answers and when: nothing the grader must
trust beyond the answers (no scores, no keys, no correctness). How much of it is taken, and how much of a
learner's text any message quotes, is set in :mod:`simkit.submissions.limits`.
"""

from simkit.submissions.codec import Refused, decode_submission, encode_submission, strict_json
from simkit.submissions.files import (
    read_submission,
    read_submission_bytes,
    saved_at,
    submission_path,
    write_submission,
)
from simkit.submissions.ids import normalise_learner_id, require_learner_id
from simkit.submissions.limits import excerpt, quoted
from simkit.submissions.schema import FORMAT, Acknowledgement, Answer, AnswerValue, ScenarioAnswers, Submission, now

__all__ = [
    "FORMAT",
    "Acknowledgement",
    "Answer",
    "AnswerValue",
    "Refused",
    "ScenarioAnswers",
    "Submission",
    "decode_submission",
    "encode_submission",
    "excerpt",
    "normalise_learner_id",
    "now",
    "quoted",
    "read_submission",
    "read_submission_bytes",
    "require_learner_id",
    "saved_at",
    "strict_json",
    "submission_path",
    "write_submission",
]
