"""An exam through the whole stack: a learner signed in through the provider plays a short exam in Chromium, submits
it and sees the result at once; the gradebook holds the attempt and the certificate, and a trainer sees it. A
learner's server killed mid-exam loses no confirmed answer, and the exam resumes where it stopped.

The hub here serves a library with one short exam added (one exam case), so a whole exam takes a minute, not ten.
Screenshots are kept under test-output/hub/<test>/.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from benchmarks._browser import first_control
from simkit.gradebook import connect
from simkit.gradebook.live import Storage
from simkit.hub.local import SAMPLE_USERS, LocalHub, chp_command
from simkit.scenarios.library import find_scenario
from tests.browser.course_page import Learner
from tests.components import missing
from tests.hub.harness import (
    library_with_course,
    new_context,
    open_course,
    running_hub,
    screenshots,
    server_processes,
    sign_in,
    wait_for,
)

A, B, TRAINER = "aigerim.s", "daniyar.k", "trainer.a"
SERVICE = "/services/simkit-grading/"
COURSE, CASE, SEED = "quick-exam", "gift-at-desk", 20260301
EXAM = "advanced-training"  # its first case is CASE too, with the same seed
QUICK_EXAM = f"""id: {COURSE}
version: 1
title: {{ru: Короткий экзамен, en: A short exam}}
description: {{ru: Один кейс экзамена повышения квалификации., en: One case of the advanced-training exam.}}
rhythm: advanced_training
mode: exam
pass_mark: 75
attempts: 2
seed: {SEED}
scenarios: [{CASE}]
"""


@pytest.fixture(scope="module")
def hub(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalHub]:
    """The module's hub, its service holding the project's library with the short exam added, the learners' servers
    the bundles released from it (the exam's without keys)."""
    try:
        chp_command()
    except FileNotFoundError as error:
        missing(str(error))
    library, release = library_with_course(tmp_path_factory, COURSE, QUICK_EXAM)
    env = {"SIMKIT_SCENARIOS": str(library), "SIMKIT_RELEASE": str(release)}
    with running_hub(tmp_path_factory.mktemp("hub"), "test_exam", SAMPLE_USERS, env) as hub:
        yield hub


@pytest.fixture(scope="module")
def storage(hub: LocalHub) -> Iterator[Storage]:
    """The gradebook the service writes, read as trainers' tools read it."""
    assert hub.gradebook is not None
    engine = connect(hub.gradebook)
    yield Storage(engine)
    engine.dispose()


@pytest.fixture
def shot(request: pytest.FixtureRequest) -> Callable[[Page, str], Path]:
    return screenshots(request.node.name)


def taking(chromium: Browser, hub: LocalHub, login: str, course: str = COURSE) -> tuple[BrowserContext, Learner]:
    """A browser of its own signed in as ``login``, and the learner playing the exam case of ``course`` in it."""
    context = new_context(chromium)
    learner = Learner(open_course(context, hub, login), find_scenario(CASE)[1], SEED, login)
    learner.open_case(course)
    return context, learner


def answered_steps(storage: Storage, login: str, course: str = COURSE) -> list[str]:
    submission = storage.submission(login, course)
    assert submission is not None, f"no live submission of {login} in the gradebook"
    record = submission.scenarios.get(CASE)
    return [] if record is None else [answer.step for answer in record.answers]


def test_a_learner_finishes_an_exam_sees_the_result_and_the_trainer_sees_it(
    chromium: Browser, hub: LocalHub, storage: Storage, shot
) -> None:  # type: ignore[no-untyped-def]
    context, taker = taking(chromium, hub, A)
    page = taker.page
    shot(page, "exam-opened")
    steps = []
    while not taker.finished():
        steps.append(taker.answer())
    shot(page, "exam-answered")
    body = page.locator("body").inner_text()
    assert "Верно" not in body and "баллов" not in body  # an exam says nothing about correctness before submit
    assert answered_steps(storage, A) == steps

    page.locator(".simkit-back").click()
    page.locator(".simkit-submit").click()
    outcome = page.locator(".simkit-outcome")
    expect(outcome).to_be_visible()
    shot(page, "exam-result")
    assert "simkit-outcome-passed" in (outcome.get_attribute("class") or "")
    expect(outcome).to_contain_text("Результат:")
    expect(outcome).to_contain_text("(100 %)")  # every answer right
    expect(outcome).to_contain_text("Курс сдан")
    expect(page.locator(".simkit-submit")).to_be_disabled()  # submitted once: nothing left to change …
    expect(page.get_by_text("Сдайте экзамен")).to_be_hidden()  # … nor a call to submit

    attempt = storage.current_attempt(A, COURSE)
    assert attempt is not None, "no attempt in the gradebook after submitting"
    assert attempt["passed"] is True and attempt["score"] == attempt["max_score"] > 0
    code = attempt["certificate_code"]
    assert code, "the passed attempt has no certificate"
    link = page.locator(".simkit-certificate")
    assert link.get_attribute("href") == f"{SERVICE}certificates/{code}?lang=ru"  # in the learner's language
    certificate = context.request.get(hub.url + SERVICE + f"certificates/{code}")
    assert certificate.status == 200 and A in certificate.text()  # the learner opens their own certificate

    # The learner may not open the trainers' or HR's pages …
    for path in ("trainer/", "hr/"):
        response = page.goto(hub.url + SERVICE + path)
        assert response is not None and response.status == 403, (path, response and response.status)
    context.close()

    # … and a trainer, signed in in a browser of their own, sees the result there.
    trainer = new_context(chromium)
    page = sign_in(trainer, hub, TRAINER)
    page.wait_for_url(f"**/user/{TRAINER}/**")
    response = page.goto(hub.url + SERVICE + "trainer/")
    assert response is not None and response.status == 200
    row = page.locator(f"section[data-course='{COURSE}'] tr.learner[data-learner='{A}']")
    expect(row).to_be_visible()
    score = f"{attempt['score']:g} / {attempt['max_score']:g}"
    expect(row.locator(".score")).to_have_text(score)
    expect(row.locator(".passed-yes")).to_be_visible()
    shot(page, "trainer-page")
    trainer.close()


def test_a_server_killed_mid_exam_loses_no_confirmed_answer_and_the_exam_resumes(
    chromium: Browser, hub: LocalHub, storage: Storage, shot
) -> None:  # type: ignore[no-untyped-def]
    context, taker = taking(chromium, hub, B)
    page = taker.page
    steps = [taker.answer() for _ in range(3)]
    assert not taker.finished()
    waiting = taker.current_step().id
    shot(page, "before-the-kill")

    # The server and its kernel die at once, as on an out-of-memory kill: nothing runs on their way out.
    processes = server_processes(hub, B)
    assert len(processes) >= 2, [p.cmdline() for p in processes]  # the server and the page's kernel
    for process in processes:
        os.kill(process.pid, signal.SIGKILL)
    wait_for(lambda: not server_processes(hub, B), 30, f"{B}'s server and kernel after SIGKILL")
    assert answered_steps(storage, B) == steps  # every answer the page showed as saved

    # Started again through the hub (as "restart it from the hub" does), the page resumes at the next question.
    status, _ = hub.api("DELETE", f"/users/{B}/server")
    assert status in (202, 204), status
    wait_for(lambda: not hub.api("GET", f"/users/{B}")[1]["servers"], 60, f"the hub to see {B}'s server stopped")  # type: ignore[index]
    page.goto(hub.url + f"/hub/user/{B}/")
    first_control(page)
    taker.open_case(COURSE)
    shot(page, "resumed")
    assert taker.confirmed() == len(steps)  # the earlier answers, shown as saved …
    done = ".simkit-step:not(.simkit-current)"
    ticked = page.eval_on_selector_all(f"{done} input:checked", "all => all.map(e => e.parentElement.textContent)")
    dates = page.eval_on_selector_all(f"{done} input[type=date]", "all => all.map(e => e.value)")
    assert [label.strip() for label in ticked] == taker.ticked and dates == taker.dates  # … with their values …
    assert all(control.is_disabled() for control in page.locator(f"{done} input").all())  # … locked
    assert taker.current_step().id == waiting  # … and the question that was waiting is the one asked
    steps.append(taker.answer())
    assert answered_steps(storage, B) == steps
    context.close()


def test_two_learners_answering_at_once_lose_nothing(chromium: Browser, hub: LocalHub, storage: Storage, shot) -> None:  # type: ignore[no-untyped-def]
    """Both press their answer buttons together, question after question, in the advanced-training exam (its first
    case is the same one, with the same seed): each learner's gradebook row ends with every answer they gave.

    On PostgreSQL when SIMKIT_TEST_POSTGRES_URL is set (as in CI), else on SQLite."""
    opened = [taking(chromium, hub, login, EXAM) for login in (A, B)]
    takers = [taker for _context, taker in opened]
    given: dict[str, list[str]] = {A: [], B: []}
    for _ in range(4):
        for login, taker in zip((A, B), takers, strict=True):
            given[login].append(taker.choose())
        pressed = [taker.press() for taker in takers]  # both saves under way at once
        for taker, saved in zip(takers, pressed, strict=True):
            taker.settle(saved)
    for login, taker in zip((A, B), takers, strict=True):
        assert taker.confirmed() == len(given[login])
        assert answered_steps(storage, login, EXAM) == given[login], login
    shot(takers[1].page, "second-learner")
    for context, _taker in opened:
        context.close()
