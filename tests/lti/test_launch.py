"""LTI 1.3 launches into the hub from the test platform over real HTTP: a valid one signs the learner in (the id by
the learner-id rule, Instructor as trainer) and keeps the launch context for grade passback; a forged, expired,
replayed, wrongly signed or unregistered-deployment launch is refused with a page that says why."""

from __future__ import annotations

import html
import stat

import requests
from sqlalchemy import select

from simkit.gradebook import connect
from simkit.gradebook.tables import lti_contexts
from simkit.lti.keys import tool_key
from tests.hub.harness import Hub
from tests.lti.conftest import authenticate, post
from tests.lti.lms import CLIENT_ID, DEPLOYMENT, Platform

COURSE = "onboarding"


def context_of(hub: Hub, learner: str) -> dict[str, object] | None:
    engine = connect(hub.gradebook)
    try:
        with engine.connect() as connection:
            row = connection.execute(select(lti_contexts).where(lti_contexts.c.learner_id == learner)).first()
    finally:
        engine.dispose()
    return None if row is None else dict(row._mapping)


def groups_of(hub: Hub, name: str) -> list[str]:
    status, model = hub.api("GET", f"/users/{name}")
    assert status == 200, (status, model)
    assert isinstance(model, dict)
    return sorted(model["groups"])


def test_a_valid_launch_signs_the_learner_in_and_keeps_where_the_score_goes(lti_hub: Hub, platform: Platform) -> None:
    session = requests.Session()
    answer = post(session, authenticate(session, platform, "Aigerim.S", course=COURSE))
    assert answer.status_code == 302, answer.text[:800]
    # Straight to the course on the learner's own server.
    assert answer.headers["Location"] == f"/hub/user-redirect/voila/render/course_home.ipynb?course={COURSE}"
    assert groups_of(lti_hub, "aigerim.s") == []  # the platform's login, by the learner-id rule; a learner
    context = context_of(lti_hub, "aigerim.s")
    assert context is not None
    assert context["course_id"] == COURSE and context["lineitem"] == platform.lineitem(COURSE)
    assert context["lti_user"] == "moodle-Aigerim.S" and context["deployment_id"] == DEPLOYMENT
    assert context["client_id"] == CLIENT_ID and context["issuer"] == platform.issuer
    # Signed in: the hub knows the browser now.
    me = session.get(f"{lti_hub.url}/hub/api/user", timeout=30, headers={"Referer": f"{lti_hub.url}/hub/"})
    assert me.status_code == 200 and me.json()["name"] == "aigerim.s"


def test_an_instructor_is_a_trainer_and_a_later_learner_launch_is_not(lti_hub: Hub, platform: Platform) -> None:
    session = requests.Session()
    answer = post(session, authenticate(session, platform, "trainer.a", role="Instructor", course=COURSE))
    assert answer.status_code == 302 and answer.headers["Location"] == "/hub/"  # to the trainers' notebooks
    assert groups_of(lti_hub, "trainer.a") == ["trainers"]
    session = requests.Session()
    assert post(session, authenticate(session, platform, "trainer.a", role="Learner")).status_code == 302
    assert groups_of(lti_hub, "trainer.a") == []


def refused(answer: requests.Response, status: int, *said: str) -> None:
    text = html.unescape(answer.content.decode("utf-8"))
    assert answer.status_code == status, (answer.status_code, text[:800])
    assert "The launch from the learning platform was refused" in text
    assert "Запуск из учебной платформы отклонён" in text
    for words in said:
        assert words in text, (words, text[:3000])
    assert "Traceback" not in text


def test_an_expired_launch_is_refused(lti_hub: Hub, platform: Platform) -> None:
    session = requests.Session()
    refused(post(session, authenticate(session, platform, "expired.one", how="expired")), 400, "срок действия")
    assert lti_hub.api("GET", "/users/expired.one")[0] == 404


def test_a_forged_launch_is_refused(lti_hub: Hub, platform: Platform) -> None:
    session = requests.Session()
    answer = post(session, authenticate(session, platform, "forger", how="forged"))
    refused(answer, 400, "signature does not match", "подпись")
    assert lti_hub.api("GET", "/users/someone.else")[0] == 404


def test_a_launch_signed_with_a_key_the_platform_does_not_publish_is_refused(lti_hub: Hub, platform: Platform) -> None:
    session = requests.Session()
    refused(post(session, authenticate(session, platform, "wrong.key", how="wrong-key")), 400, "signature")
    assert lti_hub.api("GET", "/users/wrong.key")[0] == 404


def test_an_unregistered_deployment_is_refused(lti_hub: Hub, platform: Platform) -> None:
    session = requests.Session()
    answer = post(session, authenticate(session, platform, "other.place", how="deployment"))
    refused(answer, 403, "'deployment-9' is not registered")
    assert lti_hub.api("GET", "/users/other.place")[0] == 404


def test_a_launch_posted_again_is_refused_even_with_its_cookies(lti_hub: Hub, platform: Platform) -> None:
    session = requests.Session()
    posted = authenticate(session, platform, "daniyar.k", course=COURSE)
    cookies = session.cookies.copy()  # the state and nonce cookies, as someone who captured the request has them
    assert post(session, posted).status_code == 302
    again = requests.Session()
    again.cookies = cookies
    refused(post(again, posted), 400, "used already")
    refused(post(requests.Session(), posted), 400, "not started in this browser")  # without the cookies


def test_a_login_the_learner_id_rule_refuses_cannot_launch(lti_hub: Hub, platform: Platform) -> None:
    session = requests.Session()
    answer = post(session, authenticate(session, platform, "Иван Петров"))
    refused(answer, 403, "not a usable learner id", "не подходит как идентификатор")


def test_the_hub_serves_the_tools_keyset_of_the_key_it_keeps_0600(lti_hub: Hub) -> None:
    path = lti_hub.state / "simkit_lti_key.pem"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    answer = requests.get(f"{lti_hub.url}/hub/lti13/jwks", timeout=30)
    assert answer.status_code == 200
    [key] = answer.json()["keys"]
    assert key["kid"] == tool_key(path).kid and key["kty"] == "RSA" and "d" not in key
