"""The submission format: the one definition the player writes, the file intake reads and the service takes.

A submission holds who, which course, which scenario versions, the answers and when: nothing the grader must
trust beyond the answers (no scores, no keys, no correctness).
"""

from simkit.submissions.codec import Refused, decode_submission, encode_submission
from simkit.submissions.files import read_submission, saved_at, submission_path, write_submission
from simkit.submissions.ids import normalise_learner_id, require_learner_id
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
    "normalise_learner_id",
    "now",
    "read_submission",
    "require_learner_id",
    "saved_at",
    "submission_path",
    "write_submission",
]
