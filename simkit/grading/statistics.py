"""How did the questions work? Per-question statistics of a course's current attempts, as Moodle's quiz
statistics report gives them.

For a question answered in n attempts, with x the points an attempt earned on it (out of x_max) and X the
attempt's score, the definitions are Moodle's ("Quiz statistics calculations", docs.moodle.org/dev, and the
report's code, question/classes/statistics/questions/calculator.php):

- facility index F = 100 · mean(x) / x_max: the share of the question's points learners earned (easy is high);
- standard deviation SD = 100 · s(x) / x_max, with s the sample standard deviation;
- discrimination index D = 100 · r(x, X − x): Pearson's correlation of the question's score with the score on
  the rest of the attempt. Learners who do well elsewhere should do well here; a negative D means the stronger
  learners did worse on this question: a wrong key, or a question that misleads those who know the rules;
- discriminative efficiency E = 100 · C(x, X − x) / C_max, C_max being the covariance the two would have if both
  were sorted (the most they can have, given their values): D as a share of the most it could be. Moodle's report
  highlights questions whose E is under 15 %. It needs every distinct pair of a question's points and scores, so
  it is worked out for one question when that question is asked for (``CourseStatistics.question``).

A branching scenario shows each learner only the steps their choices lead to, so each question counts the
attempts that reached it, as Moodle counts only the attempts in which a question was seen. Free-text answers
awaiting review are left out of their question until a trainer scores them (the attempt's score counts them as 0).
Each learner's current attempt is counted, earlier ones not: one attempt a learner, as in Moodle's default (which
takes the first; the gradebook's result of a learner is the current one).

The flags mark what to look at first: a negative D (check the key), a weak D (under 30 %, the usual threshold in
item analysis), and a facility of 10 % or less ("very difficult" in Moodle's documentation; at 5 % or less
"something wrong with the question") or of 90 % or more ("very easy").
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field

from simkit.gradebook.book import Gradebook
from simkit.gradebook.db import reading
from simkit.gradebook.statistics import StepKey
from simkit.grading.grader import CourseKey
from simkit.grading.statistics_flags import FLAG_WORDS, FLAGS, flags_of
from simkit.grading.statistics_options import CHOICE_TYPES, OptionCount, option_counts
from simkit.grading.statistics_tally import Tally, efficiency, moments, tally
from simkit.i18n import t
from simkit.scenarios import model
from simkit.scenarios.graph import step_max_points


@dataclass(frozen=True)
class QuestionStatistics:
    scenario_id: str
    scenario_version: int
    step_id: str
    kind: str  # the step's type in the library, or "unknown" for a step its current version does not have
    prompt: str
    provisions: tuple[str, ...]  # what the question is about: the step's citations and, for provisions, its key
    answered: int  # attempts that reached the question and have its points
    awaiting_review: int
    max_points: float
    facility: float | None  # percent
    sd: float | None  # percent of the maximum
    fully_correct: float | None  # percent of the answers
    discrimination: float | None  # percent
    flags: tuple[str, ...]
    options: tuple[OptionCount, ...] = ()
    counts: str = "chosen"  # what an option's count is: "chosen", or "in_place" for the items of an ordering
    efficiency: float | None = None  # percent; worked out when the question is asked for
    lang: str = "ru"  # of the texts above

    @property
    def label(self) -> str:
        known = self.kind != "unknown"
        return f"{self.scenario_id}/{self.step_id}" + ("" if known else f" (v{self.scenario_version})")

    def flag_words(self, lang: str) -> list[str]:
        return [t(FLAG_WORDS[flag], lang) for flag in self.flags]

    def _repr_html_(self) -> str:
        from simkit.grading.statistics_report import question_html

        return question_html(self, self.lang)


@dataclass(frozen=True)
class CourseStatistics:
    course_id: str
    attempts: int  # current attempts of the course
    questions: list[QuestionStatistics] = field(default_factory=list)  # those needing attention first
    lang: str = "ru"
    book: Gradebook | None = field(default=None, repr=False, compare=False)

    def flagged(self) -> list[QuestionStatistics]:
        return [question for question in self.questions if question.flags]

    def question(self, label: str) -> QuestionStatistics:
        """One question by ``scenario/step``, with its discriminative efficiency; ValueError names some there are."""
        found = [question for question in self.questions if question.label == label]
        if not found:
            known = ", ".join(question.label for question in self.questions[:3])
            hint = f"SCENARIO/STEP, e.g. {known}" if known else "no graded attempts yet"
            raise ValueError(f"{self.course_id} has no question {label!r} (hint: {hint})")
        question = found[0]
        if self.book is None or question.answered < 2:
            return question
        with reading(self.book.engine) as connection:
            share = efficiency(connection, self.course_id, _key(question))
        return dataclasses.replace(question, efficiency=None if share is None else 100 * share)

    def _repr_html_(self) -> str:
        from simkit.grading.statistics_report import course_html

        return course_html(self)


def course_statistics(book: Gradebook, key: CourseKey, lang: str = "ru") -> CourseStatistics:
    """Every question of the course (and any the gradebook holds that the library's version does not), with its
    statistics over the current attempts and the options chosen, those needing attention first. A course without
    graded attempts gives an empty report."""
    steps = {
        (scenario_id, scenario_key.scenario.version, step.id): step
        for scenario_id, scenario_key in key.scenarios.items()
        for step in scenario_key.scenario.steps
        if isinstance(step, model.QUESTION_TYPES)
    }
    choice = [
        (scenario_id, step_id) for (scenario_id, _v, step_id), step in steps.items() if isinstance(step, CHOICE_TYPES)
    ]
    with reading(book.engine) as connection:
        count, tallies = tally(connection, key.course.id, choice)
    if not count:
        return CourseStatistics(key.course.id, 0, [], lang, book)
    for question, step in steps.items():
        tallies.setdefault(question, Tally(max_points=step_max_points(step)))
    questions = [_question(question, found, steps.get(question), lang) for question, found in tallies.items()]
    return CourseStatistics(key.course.id, count, sorted(questions, key=attention), lang, book)


def _question(question: StepKey, found: Tally, step: model.Step | None, lang: str) -> QuestionStatistics:
    scenario_id, version, step_id = question
    figures = moments(found.groups)
    facility = _percent(figures.mean, found.max_points)
    discrimination = None if figures.discrimination is None else 100 * figures.discrimination
    key_cited = tuple(step.key) if isinstance(step, model.ProvisionQuestion) else ()
    return QuestionStatistics(
        scenario_id=scenario_id,
        scenario_version=version,
        step_id=step_id,
        kind=step.type if step is not None else "unknown",
        prompt=step.prompt.get(lang) if isinstance(step, model.QUESTION_TYPES) else "",
        provisions=tuple(dict.fromkeys((*getattr(step, "citations", ()), *key_cited))),
        answered=figures.n,
        awaiting_review=found.pending,
        max_points=found.max_points,
        facility=facility,
        sd=_percent(figures.sd, found.max_points),
        fully_correct=100 * found.correct / figures.n if figures.n else None,
        discrimination=discrimination,
        flags=flags_of(facility, discrimination),
        options=option_counts(step, found.values, lang),
        counts="in_place" if isinstance(step, model.Ordering) else "chosen",
        lang=lang,
    )


def _percent(value: float | None, most: float) -> float | None:
    return None if value is None or most <= 0 else 100 * value / most


def _key(question: QuestionStatistics) -> StepKey:
    return question.scenario_id, question.scenario_version, question.step_id


def attention(question: QuestionStatistics) -> tuple[int, float, float, str]:
    """Sort key: the most urgent flag first, then the least discriminating; questions nobody reached last."""
    urgency = min((FLAGS.index(flag) for flag in question.flags), default=len(FLAGS))
    discrimination = question.discrimination if question.discrimination is not None else math.inf
    return (urgency if question.answered else len(FLAGS) + 1, discrimination, -question.answered, question.label)
