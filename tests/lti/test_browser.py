"""LTI 1.3 through the whole stack in Chromium: a learner opens the activity on the test platform, lands in the
course on their own server, takes the exam, and the platform's gradebook receives the score; a platform failing
with HTTP 500 gets it after the service's retries; forged, expired, wrongly signed, replayed and unregistered-
deployment launches end on a page that says why. Screenshots are kept under test-output/hub/<test>/."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import requests
from playwright.sync_api import Browser, Page, expect

from benchmarks._browser import first_control
from simkit.gradebook import Gradebook, connect
from simkit.gradebook.live import Storage
from simkit.hub.local import chp_command
from simkit.hub.spawn import TRAINERS
from simkit.lti.claims import SCORE_SCOPE, Launch
from simkit.lti.store import save_context
from simkit.scenarios.library import find_scenario
from tests.browser.course_page import Learner
from tests.components import missing
from tests.grading.test_gradebook import graded_submission
from tests.hub.harness import (
    ACCESS,
    GROUP_SCOPES,
    Hub,
    library_with_course,
    new_context,
    running_hub,
    screenshots,
    wait_for,
)
from tests.hub.test_exam import CASE, COURSE, QUICK_EXAM, SEED
from tests.lti.conftest import authenticate, post, register
from tests.lti.lms import CLIENT_ID, DEPLOYMENT, Platform

RETRY_S = 0.5
TRAINER_SCOPE = GROUP_SCOPES[TRAINERS]


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory, platform: Platform) -> Iterator[Hub]:
    """A hub taking launches from the platform, serving the library with the one-case exam added."""
    try:
        chp_command()
    except FileNotFoundError as error:
        missing(str(error))
    library, release = library_with_course(tmp_path_factory, COURSE, QUICK_EXAM)
    env = {
        "SIMKIT_SCENARIOS": str(library),
        "SIMKIT_RELEASE": str(release),
        "SIMKIT_LTI_POLL_S": str(RETRY_S),
        "SIMKIT_LTI_RETRY_S": str(RETRY_S),
        **platform.environment(),
    }
    with running_hub(tmp_path_factory.mktemp("hub"), "test_lti_browser", (), env) as started:
        register(platform, started)
        yield started


@pytest.fixture(scope="module")
def storage(hub: Hub) -> Iterator[Storage]:
    engine = connect(hub.gradebook)
    yield Storage(engine)
    engine.dispose()


@pytest.fixture
def shot(request: pytest.FixtureRequest) -> Callable[[Page, str], Path]:
    return screenshots(request.node.name)


def take_exam(chromium: Browser, platform: Platform, login: str, shot) -> Learner:  # type: ignore[no-untyped-def]
    """Opened from the platform, answered whole and submitted; the page shows the result."""
    context = new_context(chromium)
    page = context.new_page()
    page.goto(platform.launch_url(login, course=COURSE))
    first_control(page)
    assert f"/user/{login}/voila/render/course_home.ipynb" in page.url and f"course={COURSE}" in page.url
    expect(page.locator(".simkit-learner")).to_have_text(login)
    shot(page, "landed-in-the-course")
    learner = Learner(page, find_scenario(CASE)[1], SEED, login)
    learner.open_case()
    while not learner.finished():
        learner.answer()
    page.locator(".simkit-back").click()
    page.locator(".simkit-submit").click()
    expect(page.locator(".simkit-outcome")).to_be_visible()
    shot(page, "submitted")
    return learner


def test_a_launched_learner_takes_the_exam_and_the_platform_gets_the_score(
    chromium: Browser, hub: Hub, platform: Platform, storage: Storage, shot
) -> None:  # type: ignore[no-untyped-def]
    login = "aigerim.s"
    take_exam(chromium, platform, login, shot)
    attempt = storage.current_attempt(login, COURSE)
    assert attempt is not None and attempt["score"] > 0
    wait_for(lambda: platform.received(f"moodle-{login}"), 30, "the score at the platform")
    [score] = platform.received(f"moodle-{login}")
    assert (score["scoreGiven"], score["scoreMaximum"]) == (attempt["score"], attempt["max_score"])
    assert score["lineitem"] == COURSE and score["gradingProgress"] == "FullyGraded"


def test_a_platform_failing_with_500_gets_the_score_after_retries(
    chromium: Browser, hub: Hub, platform: Platform, storage: Storage, shot
) -> None:  # type: ignore[no-untyped-def]
    login = "daniyar.k"
    posts = platform.score_posts
    platform.fail_scores = 2
    take_exam(chromium, platform, login, shot)
    wait_for(lambda: platform.received(f"moodle-{login}"), 60, "the score at the platform after its failures")
    assert platform.fail_scores == 0 and platform.score_posts - posts >= 3  # two answered 500, then taken
    attempt = storage.current_attempt(login, COURSE)
    assert attempt is not None
    assert platform.received(f"moodle-{login}")[0]["scoreGiven"] == attempt["score"]


REFUSED = {
    "forged": "подпись запуска не совпадает",
    "wrong-key": "signature does not match",
    "expired": "the launch has expired",
    "deployment": "'deployment-9' is not registered",
}


@pytest.mark.parametrize("how", sorted(REFUSED))
def test_a_bad_launch_ends_on_a_page_that_says_why(
    chromium: Browser, hub: Hub, platform: Platform, how: str, shot
) -> None:  # type: ignore[no-untyped-def]
    context = new_context(chromium)
    page = context.new_page()
    page.goto(platform.launch_url(f"bad.{how}", course=COURSE, how=how))
    expect(page.get_by_role("heading")).to_contain_text("Launch refused / Запуск отклонён")
    said = page.get_by_role("paragraph").filter(has_text="Запуск из учебной платформы отклонён")
    expect(said).to_contain_text(REFUSED[how])
    shot(page, how)
    assert hub.api("GET", f"/users/bad.{how}")[0] == 404
    context.close()


def test_a_launch_replayed_in_the_browser_is_refused(chromium: Browser, hub: Hub, platform: Platform, shot) -> None:  # type: ignore[no-untyped-def]
    """The platform's posting page opened again (its address holds the same nonce and state): refused."""
    context = new_context(chromium)
    page = context.new_page()
    auth: list[str] = []
    page.on("request", lambda request: auth.append(request.url) if "/auth?" in request.url else None)
    page.goto(platform.launch_url("replay.er"))  # no course: lands on the hub, which starts the server
    page.wait_for_url(re.compile(r"/user/replay\.er/|/hub/spawn"))
    page.goto(auth[0])
    said = page.get_by_role("paragraph").filter(has_text="Запуск из учебной платформы отклонён")
    expect(said).to_contain_text("used already, or was not started in this browser")
    shot(page, "replayed")
    context.close()


def test_a_score_the_platform_refuses_is_on_the_trainers_page(hub: Hub, platform: Platform, storage: Storage) -> None:
    """Sent by the service's own loop, refused (404: the line item is gone), and listed for a trainer who came
    from the platform as Instructor; a learner may not see the page."""
    session = requests.Session()
    assert post(session, authenticate(session, platform, "trainer.b", role="Instructor")).status_code == 302
    status, made = hub.api("POST", "/users/trainer.b/tokens", {"scopes": [TRAINER_SCOPE, ACCESS]})
    assert status == 201 and isinstance(made, dict), made
    learner = "gone.item"
    launch = Launch(
        learner,
        False,
        platform.issuer,
        CLIENT_ID,
        DEPLOYMENT,
        "moodle-9",
        "link-9",
        "onboarding",
        f"{platform.url}/gone/lineitem",
        (SCORE_SCOPE,),
    )
    save_context(storage.engine, launch)
    book = Gradebook(storage.engine)
    batch = book.begin_batch("simkit grade onboarding")
    book.finish_batch(batch, book.record(batch, [graded_submission(learner)]))

    def listed() -> str:
        answer, text = hub.call(made["token"], "GET", "trainer/passbacks?lang=en")
        assert answer == 200, text
        return text if f'class="passback passback-failed" data-learner="{learner}"' in text else ""

    wait_for(listed, 30, "the refused score on the trainers' page")
    assert "HTTP 404" in listed() and "Pending: 0; failed: 1." in listed()
    session = requests.Session()
    assert post(session, authenticate(session, platform, "plain.learner")).status_code == 302
    learner_token = hub.api("POST", "/users/plain.learner/tokens", {"scopes": [ACCESS]})[1]
    assert isinstance(learner_token, dict)
    assert hub.call(learner_token["token"], "GET", "trainer/passbacks")[0] == 403
