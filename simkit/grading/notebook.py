"""The trainers' grading notebook: one call grades a course and shows the batch as tables."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path

from simkit.gradebook.book import Counts, Gradebook
from simkit.gradebook.db import connect
from simkit.grading.batch import BatchReport, submission_files
from simkit.grading.feedback import write_feedback
from simkit.grading.grader import CourseKey, course_key
from simkit.grading.run import grade_into
from simkit.grading.statistics import CourseStatistics, course_statistics
from simkit.richtext.html import html_table
from simkit.settings import data_home


@dataclass
class CourseGrading:
    key: CourseKey
    book: Gradebook
    report: BatchReport
    counts: Counts

    def _repr_html_(self) -> str:
        counts = self.counts
        summary = (
            f"<p><b>{escape(self.key.course.id)}</b>: {counts.graded} graded, {counts.regraded} regraded, "
            f"{counts.unchanged} unchanged, {counts.rejected} refused in {self.report.seconds:.1f} s</p>"
        )
        results = [
            [row["learner_id"], f"{row['score']:g} / {row['max_score']:g}", row["passed"], row["pending_review"]]
            for row in self.book.current_attempts(self.key.course.id)
        ]
        refused = [[rejection.source, rejection.reason] for rejection in self.report.rejected]
        return (
            summary
            + html_table(["learner", "score", "passed", "awaiting review"], results)
            + (html_table(["refused file", "why"], refused) if refused else "")
        )

    def pending_reviews(self) -> list[dict[str, object]]:
        return self.book.pending_reviews(self.key.course.id)

    def write_feedback(self, lang: str = "ru", out: Path | None = None) -> list[Path]:
        return write_feedback(self.key, self.report.graded, out or data_home() / "feedback", lang)

    def statistics(self, lang: str = "ru") -> CourseStatistics:
        """How did the questions work: facility, discrimination and the options chosen, over the current
        attempts in the gradebook (shown as tables and a chart; empty until something is graded)."""
        return course_statistics(self.book, self.key, lang)


def grade_course(course: str, submissions: str | Path | None = None, database: str | None = None) -> CourseGrading:
    key = course_key(course)
    source = Path(submissions) if submissions else data_home() / "collected" / course
    if not source.exists():
        source = data_home() / "submissions" / course
    paths = submission_files(course, [source]) if source.exists() else []
    book = Gradebook(connect(database))
    report, counts = grade_into(book, key, paths, f"notebook: grade {course}")
    return CourseGrading(key, book, report, counts)
