"""Case scenarios and courses: the YAML format, per-learner variants, answer keys, scoring and validation."""

from simkit.scenarios.answers import AnswerError, check_answer
from simkit.scenarios.graph import max_score, reachable
from simkit.scenarios.model import Course, Scenario
from simkit.scenarios.scoring import Scored, answer_key, score
from simkit.scenarios.validate import Issue, Report, validate_paths
from simkit.scenarios.variants import Variant, make_variant

__all__ = [
    "AnswerError",
    "Course",
    "Issue",
    "Report",
    "Scenario",
    "Scored",
    "Variant",
    "answer_key",
    "check_answer",
    "make_variant",
    "max_score",
    "reachable",
    "score",
    "validate_paths",
]
