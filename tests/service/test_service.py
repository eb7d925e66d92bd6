"""The grading service behind a real JupyterHub and its proxy, called with learners' and trainers' hub tokens: what
a learner confirms is in the gradebook when the call returns, nobody acts as or reads another learner, an exam is
graded and certified on submit, and a new server resumes from the gradebook."""

from __future__ import annotations

import functools
import json
import random
import threading
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import Engine, create_engine, func, select

from simkit.gradebook import Gradebook
from simkit.gradebook.tables import attempts, batches, certificates, live_submissions
from simkit.grading.grader import course_key
from simkit.grading.synthetic import play
from simkit.hub.local import free_port
from simkit.law.clock import legal_today
from simkit.player.course import CoursePlayer
from simkit.player.enrolment import Enrolment
from simkit.player.store import ServiceStore
from simkit.scenarios.release import load_bundle
from tests.hub.harness import ROOT, Hub
from tests.player.test_widgets import all_html, answer

STARTED = "2026-03-02T09:00:00Z"


def right_answers(library: Path, course: str, scenario: str, learner: str) -> list[tuple[str, Any]]:
    """The right answers of a learner's variant along their way, from the keyed library (the test knows the keys;
    the learner's side never does)."""
    record = play(course_key(course, library), scenario, learner, random.Random(0), skill=1.0)
    return [(given.step, given.value) for given in record.answers]


@functools.cache
def library_version(scenario: str) -> int:
    """The version of a case in the library the test hubs serve (a copy of the repository's)."""
    return int(yaml.safe_load((ROOT / "scenarios" / f"{scenario}.yaml").read_text(encoding="utf-8"))["version"])


def post_answer(hub: Hub, token: str, course: str, scenario: str, step: str, value: Any, **extra: Any) -> tuple:
    body = {"scenario": scenario, "version": library_version(scenario), "started_at": STARTED, "step": step}
    body |= {"value": value} | extra
    return hub.call(token, "POST", f"api/courses/{course}/answers", body)


def saved(gradebook: Engine, learner: str, course: str) -> dict[str, Any] | None:
    query = select(live_submissions.c.submission).where(
        live_submissions.c.learner_id == learner, live_submissions.c.course_id == course
    )
    with gradebook.connect() as connection:
        found = connection.execute(query).scalar()
    return json.loads(found) if isinstance(found, str) else found


def count(gradebook: Engine, table: Any) -> int:
    with gradebook.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(table)).scalar_one())


def test_a_confirmed_answer_is_in_the_gradebook_when_the_call_returns(hub: Hub, gradebook: Engine) -> None:
    token = hub.user("ann")
    status, body = post_answer(hub, token, "short-exam", "gift-at-desk", "first_action", "find_giver")
    assert status == 200, body
    assert [(a["step"], a["value"]) for a in body["scenario"]["answers"]] == [("first_action", "find_giver")]
    stored = saved(gradebook, "ann", "short-exam")
    assert stored is not None and stored["learner"] == "ann" and stored["mode"] == "exam"
    assert stored["scenarios"]["gift-at-desk"]["answers"] == body["scenario"]["answers"]

    status, resumed = hub.call(token, "GET", "api/courses/short-exam/submission")
    assert status == 200 and resumed["scenarios"]["gift-at-desk"]["answers"] == body["scenario"]["answers"]


def test_another_learners_answers_are_refused_unless_a_trainer_asks(hub: Hub) -> None:
    ann, bek = hub.user("ann"), hub.user("bek")
    post_answer(hub, ann, "short-onboarding", "first-week", "sign_sheet", "read_then_sign")
    status, body = hub.call(bek, "GET", "api/learners/ann/courses/short-onboarding/submission")
    assert status == 403 and "only their own" in body["error"]
    status, body = hub.call(bek, "GET", "api/learners/ann/courses/short-onboarding/result")
    assert status == 403
    trainer = hub.user("tanya", groups=("trainers",))
    status, body = hub.call(trainer, "GET", "api/learners/ann/courses/short-onboarding/submission")
    assert status == 200 and body["learner"] == "ann" and body["scenarios"]["first-week"]["answers"]


def test_a_body_naming_a_learner_or_an_unknown_field_is_refused_and_records_nothing(
    hub: Hub, gradebook: Engine
) -> None:
    ann, bek = hub.user("ann"), hub.user("bek")
    post_answer(hub, ann, "short-onboarding", "first-week", "sign_sheet", "read_then_sign")
    before = saved(gradebook, "ann", "short-onboarding")
    for extra in ({"learner": "ann"}, {"score": 10}):
        status, body = post_answer(hub, bek, "short-exam", "gift-at-desk", "first_action", "find_giver", **extra)
        assert status == 400 and f"unknown field {next(iter(extra))!r}" in body["error"]
    status, body = hub.call(bek, "POST", "api/courses/short-onboarding/acknowledgement", {"learner": "ann"})
    assert status == 400
    assert saved(gradebook, "bek", "short-exam") is None and saved(gradebook, "bek", "short-onboarding") is None
    assert saved(gradebook, "ann", "short-onboarding") == before


def test_a_wrong_step_or_value_is_refused_with_a_line_and_nothing_changes(hub: Hub, gradebook: Engine) -> None:
    token = hub.user("cem")
    status, body = post_answer(hub, token, "short-exam", "gift-at-desk", "first_action", "bribe")
    reason = "gift-at-desk/first_action: choose one of the options (find_giver, keep, take_home), not 'bribe'"
    assert status == 400 and body == {"error": reason}
    status, body = post_answer(hub, token, "short-exam", "gift-at-desk", "no_such_step", "find_giver")
    assert status == 409 and "another window" in body["error"]
    status, body = post_answer(hub, token, "short-exam", "gift-at-desk", "first_action", "find_giver", version=9)
    assert status == 409 and "version 9" in body["error"]
    assert saved(gradebook, "cem", "short-exam") is None
    post_answer(hub, token, "short-exam", "gift-at-desk", "first_action", "find_giver")
    status, body = post_answer(hub, token, "short-exam", "gift-at-desk", "first_action", "find_giver")
    assert status == 409  # answered already: the question is no longer the one waiting
    assert len(saved(gradebook, "cem", "short-exam")["scenarios"]["gift-at-desk"]["answers"]) == 1  # type: ignore[index]


def answer_body(**changes: Any) -> dict[str, Any]:
    started = {"started_at": STARTED, "step": "first_action"}
    return {"scenario": "gift-at-desk", "version": library_version("gift-at-desk")} | started | changes


ANSWERS = "api/courses/short-exam/answers"
BAD_REQUESTS: list[tuple[str, str, Any, int]] = [
    ("POST", ANSWERS, b"{not json", 400),
    ("POST", ANSWERS, [1, 2], 400),
    ("POST", ANSWERS, {"scenario": "gift-at-desk"}, 400),
    ("POST", ANSWERS, {"scenario": 1, "version": "1", "started_at": 0, "step": 2, "value": 3}, 400),
    ("POST", ANSWERS, answer_body(scenario="ghost", value=1), 400),
    ("POST", ANSWERS, answer_body(started_at="yesterday", value="find_giver"), 400),
    ("POST", ANSWERS, b'{"value": "' + b"x" * 70_000 + b'"}', 413),
    ("POST", "api/courses/no-such-course/answers", {}, 404),
    ("GET", "api/courses/no-such-course/submission", None, 404),
    ("POST", "api/courses/short-exam/acknowledgement", {}, 400),
    ("GET", "api/no/such/call", None, 404),
    ("DELETE", "api/courses/short-exam/submission", None, 405),
    ("GET", "certificates/not-a-code", None, 400),
]


def test_refusals_are_one_line_and_never_a_traceback(hub: Hub) -> None:
    token = hub.user("dana")
    for method, path, body, expected in BAD_REQUESTS:
        status, answered = hub.call(token, method, path, body)
        text = answered if isinstance(answered, str) else answered["error"]
        assert status == expected, (path, body, answered)
        assert "Traceback" not in text and 'File "' not in text, text
        if isinstance(answered, dict):
            assert "\n" not in text and len(text) < 300, text
    for token in (None, "not-a-token"):
        status, answered = hub.call(token, "GET", "api/courses/short-exam/submission")
        assert status == 401 and "sign in first" in answered["error"]
    status, answered = hub.call(hub.admin_token, "GET", "api/courses/short-exam/submission")  # a service's token
    assert status == 403 and "only a signed-in learner" in answered["error"]


def test_an_exam_is_graded_on_submit_with_its_certificate_and_the_trainer_sees_it(
    hub: Hub, gradebook: Engine, library: Path
) -> None:
    token = hub.user("emil")
    for scenario in ("gift-at-desk", "repeated-offence", "money-without-knowledge"):
        for step, value in right_answers(library, "short-exam", scenario, "emil"):
            status, body = post_answer(hub, token, "short-exam", scenario, step, value)
            assert status == 200, body
        assert body["scenario"]["finished_at"] is not None
    status, result = hub.call(token, "POST", "api/courses/short-exam/submit", {})
    assert status == 200, result
    assert result["passed"] is True and result["score"] == result["max_score"] > 0 and result["pending_review"] == 0
    code = result["certificate"]["code"]
    assert result["certificate"]["url"] == f"/services/simkit-grading/certificates/{code}"

    with gradebook.connect() as connection:
        attempt = connection.execute(select(attempts).where(attempts.c.learner_id == "emil")).mappings().one()
        batch = connection.execute(select(batches.c.command).where(batches.c.id == attempt["batch_id"])).scalar()
        issued = connection.execute(select(certificates.c.attempt_id).where(certificates.c.code == code)).scalar()
    assert attempt["course_id"] == "short-exam" and attempt["passed"] and attempt["superseded_by"] is None
    assert batch == "simkit-grading submit" and issued == attempt["id"]

    held = count(gradebook, attempts), count(gradebook, batches)
    status, again = hub.call(token, "POST", "api/courses/short-exam/submit", {})
    assert status == 200 and again == result  # submitting again without a change changes nothing
    assert (count(gradebook, attempts), count(gradebook, batches)) == held
    assert hub.call(token, "GET", "api/courses/short-exam/result") == (200, result)

    status, page = hub.call(token, "GET", f"certificates/{code}")
    assert status == 200 and "emil" in page and "simkit-certificate" in page
    assert hub.call(hub.user("bek"), "GET", f"certificates/{code}")[0] == 403

    trainer = hub.user("tanya", groups=("trainers",))
    status, page = hub.call(trainer, "GET", "trainer/?lang=en")
    assert status == 200 and 'data-learner="emil"' in page and "Course results" in page
    row = page.split('data-learner="emil"')[1].split("</tr>")[0]
    score = f"{result['score']:g} / {result['max_score']:g}"
    assert score in row and "yes" in row and "trainer/short-exam/emil" in row
    status, answers = hub.call(trainer, "GET", "trainer/short-exam/emil?lang=en")
    assert status == 200 and "find_giver" in answers
    learner = hub.user("fred")
    for page_path in ("trainer/", "hr/", "trainer/short-exam/emil"):
        status, refused = hub.call(learner, "GET", page_path)
        assert status == 403 and "custom:simkit:" in refused and "Traceback" not in refused


def course_page(hub: Hub, release: Path, course: str, learner: str) -> CoursePlayer:
    """The course page's widgets as a learner's server makes them, saving through the service with a token of the
    learner's."""
    store = ServiceStore(hub.service_url, hub.user(learner), course, learner)
    return CoursePlayer(Enrolment(load_bundle(course, release), learner, store=store), lang="en")


def test_the_course_page_submits_a_finished_exam_and_shows_the_result_and_certificate_link(
    hub: Hub, release: Path, library: Path
) -> None:
    """The widgets driven as a learner would, saving through the service with the learner's server's token."""
    learner = "gul"
    page = course_page(hub, release, "short-exam", learner)
    assert "simkit-submit" not in str([child._dom_classes for child in page.content.children])
    for scenario in ("gift-at-desk", "repeated-offence", "money-without-knowledge"):
        player = page.open(scenario)
        for _step, value in right_answers(library, "short-exam", scenario, learner):
            current = player.views[-1]
            answer(player, value)
            assert "Answer saved." in current.response.value
        page.show()
    assert "Every case is done. Submit the exam" in all_html(page.content)
    page.submit_button.click()
    shown = page.result.value
    assert "Your result:" in shown and "Passed." in shown and "/services/simkit-grading/certificates/" in shown

    hr = hub.user("hana", groups=("hr",))
    status, records = hub.call(hr, "GET", "hr/?lang=en")
    assert status == 200 and 'data-learner="gul"' in records and "short-exam" in records


def test_a_failed_save_is_one_line_and_the_answer_can_be_sent_again(hub: Hub, release: Path) -> None:
    learner, token = "hugo", hub.user("hugo")
    store = ServiceStore(hub.service_url, token, "short-onboarding", learner)
    enrolment = Enrolment(load_bundle("short-onboarding", release), learner, store=store)
    player = CoursePlayer(enrolment, lang="en").open("first-week")
    store.base = f"http://127.0.0.1:{free_port()}/services/simkit-grading/"  # the service is gone for a moment
    answer(player, "read_then_sign")
    view = player.views[0]
    assert "The answer was not saved: the grading service cannot be reached" in view.response.value
    assert view.button is not None and view.button.layout.display != "none"
    assert "simkit-current" in view.widget._dom_classes and view.pending() == "read_then_sign"  # kept, to send again
    store.base = hub.service_url  # the service is back
    view.button.click()
    assert "simkit-verdict-correct" in view.response.value and view.button.layout.display == "none"


def test_a_new_server_resumes_with_every_confirmed_answer(hub: Hub, release: Path, library: Path) -> None:
    learner, token = "ira", hub.user("ira")
    bundle = load_bundle("short-exam", release)
    first = Enrolment(bundle, learner, store=ServiceStore(hub.service_url, token, "short-exam", learner))
    session = first.open("repeated-offence")
    given = right_answers(library, "short-exam", "repeated-offence", learner)
    for step, value in given[:2]:
        session.answer(step, value)
    # The server is killed: nothing of it is kept. A new one, with a new token, opens the same course.
    again = Enrolment(bundle, learner, store=ServiceStore(hub.service_url, hub.user(learner), "short-exam", learner))
    resumed = again.open("repeated-offence")
    assert [(a.step, a.value) for a in resumed.record.answers] == given[:2]
    assert resumed.walked.current is not None and resumed.walked.current.id == given[2][0]
    assert again.status("repeated-offence") == "in_progress"


def test_onboarding_finished_with_the_acknowledgement_dated_by_the_service_goes_to_hr(
    hub: Hub, release: Path, library: Path
) -> None:
    learner = "jan"
    page = course_page(hub, release, "short-onboarding", learner)
    player = page.open("first-week")
    for _step, value in right_answers(library, "short-onboarding", "first-week", learner):
        answer(player, value)
    page.show()
    acknowledgement = next(child for child in page.content.children if "simkit-acknowledgement" in child._dom_classes)
    acknowledgement.children[1].value = True
    acknowledgement.children[2].click()
    signed = page.enrolment.submission.acknowledgement
    assert signed is not None and signed.signed_on == legal_today()  # the day in Kazakhstan (note legal-day)
    page.submit_button.click()
    assert "Your result:" in page.result.value
    hr = hub.user("hana", groups=("hr",))
    status, records = hub.call(hr, "GET", "hr/?lang=en")
    row = records.split('data-learner="jan"')[1].split("</tr>")[0]
    assert status == 200 and f"{signed.signed_on} (short-onboarding)" in row


@pytest.mark.parametrize("which", ["hub", "pg_hub"])
def test_learners_answering_at_once_lose_nothing(which: str, request: pytest.FixtureRequest, library: Path) -> None:
    """Two learners, each with a tab per case, every tab answering at once: each answer lands in the learner's one
    row without overwriting another tab's (the row is locked for each answer's read-modify-write)."""
    hub: Hub = request.getfixturevalue(which)
    engine = create_engine(hub.gradebook)
    scenarios = ("gift-at-desk", "repeated-offence", "money-without-knowledge")
    learners = {name: hub.user(name) for name in ("kim", "lev")}
    expected = {(name, s): right_answers(library, "short-exam", s, name) for name in learners for s in scenarios}
    start = threading.Barrier(len(expected))
    failures: list[BaseException] = []

    def tab(name: str, scenario: str) -> None:
        try:
            start.wait()
            for step, value in expected[(name, scenario)]:
                status, body = post_answer(hub, learners[name], "short-exam", scenario, step, value)
                assert status == 200, body
        except BaseException as error:  # reported below, in the test's thread
            failures.append(error)

    threads = [threading.Thread(target=tab, args=key) for key in expected]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures, failures
    for (name, scenario), given in expected.items():
        stored = saved(engine, name, "short-exam")
        assert stored is not None
        assert [(a["step"], a["value"]) for a in stored["scenarios"][scenario]["answers"]] == given
    engine.dispose()


def test_an_exam_with_free_text_waits_for_review_then_submitting_again_certifies_it(
    hub: Hub, gradebook: Engine, library: Path
) -> None:
    learner, token = "mira", hub.user("mira")
    for scenario in course_key("advanced-training", library).course.scenarios:
        for step, value in right_answers(library, "advanced-training", scenario, learner):
            assert post_answer(hub, token, "advanced-training", scenario, step, value)[0] == 200
    status, result = hub.call(token, "POST", "api/courses/advanced-training/submit", {})
    assert status == 200 and result["passed"] is None and result["pending_review"] > 0
    assert result["certificate"] is None
    trainer = hub.user("tanya", groups=("trainers",))
    page = hub.call(trainer, "GET", "trainer/")[1].split('data-course="advanced-training"')[1].split("</section>")[0]
    assert '<b class="waiting">1</b>' in page and "ждёт проверки" in page

    book = Gradebook(create_engine(hub.gradebook))  # the trainer reviews, as `simkit review` does
    for waiting in [row for row in book.pending_reviews("advanced-training") if row["learner_id"] == learner]:
        where = (waiting["attempt_id"], waiting["scenario_id"], waiting["step_id"])
        book.add_review(*where, points=waiting["max_points"], reviewer="tanya")
    book.engine.dispose()
    status, reviewed = hub.call(token, "POST", "api/courses/advanced-training/submit", {})
    assert status == 200 and reviewed["passed"] is True and reviewed["pending_review"] == 0
    assert reviewed["certificate"]["code"] and reviewed["score"] == reviewed["max_score"]


def test_a_browser_not_signed_in_is_sent_to_the_hub_to_sign_in(hub: Hub) -> None:
    class Stay(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *_args: Any, **_kwargs: Any) -> None:
            return None

    for path in ("trainer/", "hr/"):
        try:
            urllib.request.build_opener(Stay).open(f"{hub.service_url}{path}", timeout=30)
            raise AssertionError(f"{path} answered without signing in")
        except urllib.error.HTTPError as error:
            assert error.code == 302 and "/hub/api/oauth2/authorize" in error.headers["Location"]
