"""Feedback reports show each answer beside the right one, with the cited provisions' text."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from simkit.grading.feedback import render_feedback, write_feedback
from simkit.grading.grader import course_key, grade
from simkit.grading.intake import read
from simkit.grading.synthetic import synthetic_submission
from simkit.scenarios import model
from simkit.submissions import encode_submission


def test_a_report_shows_the_answer_the_right_one_and_the_provisions(tmp_path: Path) -> None:
    key = course_key("advanced-training")
    path = tmp_path / "zarina.json"
    submission = synthetic_submission(key, "zarina", skill=0.0)
    gift = submission.scenarios["gift-at-desk"]
    gift.answers = gift.answers[:1]
    gift.answers[0].value = "keep"
    path.write_bytes(encode_submission(submission))
    graded = grade(read(path), key)
    [report] = write_feedback(key, [graded], tmp_path / "out", "en")
    html = report.read_text("utf-8")
    assert report.name == "zarina.en.html"
    assert "Your answer: <b>Keeps it: the decision is made, it is just a thank-you</b>" in html
    assert "Right answer: Tries to find out who left the gift, to return it" in html
    assert "Points: 0 / 2" in html and "<pre lang='ru'>17) принятие подарков" in html
    assert "<script" not in html


def test_a_learners_words_and_id_are_escaped_in_the_report(tmp_path: Path) -> None:
    key = course_key("onboarding")
    submission = synthetic_submission(key, "zarina", skill=1.0)
    typed = "<script>alert('x')</script>"
    free_text = [
        answer
        for scenario_id, scenario in submission.scenarios.items()
        for answer in scenario.answers
        if isinstance(key.scenarios[scenario_id].scenario.step(answer.step), model.FreeText)
    ]
    assert free_text, "the course asks a free-text question"
    for answer in free_text:
        answer.value = typed
    path = tmp_path / "zarina.json"
    path.write_bytes(encode_submission(submission))
    graded = dataclasses.replace(grade(read(path), key), learner="<script>alert(1)</script>")
    html = render_feedback(key, graded, "en")
    assert "<script" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html and "&lt;script&gt;alert(1)" in html
