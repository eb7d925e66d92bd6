"""Grade passback against the test platform over HTTP: a graded attempt of a learner who came by a launch is queued
in the gradebook with it, and sent to the line item with a token got by a client assertion the platform checks
against the tool's JWKS; regrades and reviews send the new score; a failing platform gets it after retries; a
score refused for good stays listed for trainers. On SQLite, and on PostgreSQL when $SIMKIT_TEST_POSTGRES_URL is
set."""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select
from typer.testing import CliRunner

from simkit.cli.main import app
from simkit.gradebook import Gradebook, connect
from simkit.gradebook.tables import lti_passbacks
from simkit.grading.grader import course_key
from simkit.grading.synthetic import synthetic_submission
from simkit.lti import config
from simkit.lti.ags import AgsClient
from simkit.lti.claims import SCORE_SCOPE, Launch
from simkit.lti.keys import ToolKey, tool_key
from simkit.lti.outbox import deliver_due, send_again, waiting
from simkit.lti.store import save_context
from simkit.submissions import encode_submission
from tests.grading.conftest import gradebook_url
from tests.grading.test_gradebook import graded_submission
from tests.lti.lms import CLIENT_ID, DEPLOYMENT, Platform, Tool

__all__ = ["gradebook_url"]
COURSE = "onboarding"


@pytest.fixture(scope="module")
def key(tmp_path_factory: pytest.TempPathFactory) -> ToolKey:
    return tool_key(tmp_path_factory.mktemp("tool") / "lti_key.pem")


@pytest.fixture(scope="module")
def tool_jwks(key: ToolKey) -> Iterator[str]:
    """The tool's keyset over HTTP, as the hub serves it at /hub/lti13/jwks."""
    body = json.dumps(key.jwks()).encode()

    class Keys(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Keys)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/jwks"
    server.shutdown()


@pytest.fixture
def registered(platform: Platform, tool_jwks: str) -> Platform:
    platform.tool = Tool("http://127.0.0.1:9/login", "http://127.0.0.1:9/launch", tool_jwks, "http://127.0.0.1:9/")
    platform.scores.clear()
    platform.fail_scores = platform.score_posts = 0
    return platform


@pytest.fixture
def client(registered: Platform, key: ToolKey, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AgsClient:
    for name, value in registered.environment().items():
        monkeypatch.setenv(name, value)
    settings = config.Platform.from_environment(tmp_path / "unused.pem")
    assert settings is not None
    return AgsClient(settings, key)


@pytest.fixture
def engine(gradebook_url: str) -> Iterator[Engine]:
    made = connect(gradebook_url)
    yield made
    made.dispose()


def launched(engine: Engine, platform: Platform, learner: str, lineitem: str | None = None) -> str:
    """What a learner's launch of the course leaves (as the hub saves it); returns the platform's id of them."""
    sub = f"moodle-{learner}"
    launch = Launch(
        learner=learner,
        trainer=False,
        issuer=platform.issuer,
        client_id=CLIENT_ID,
        deployment_id=DEPLOYMENT,
        lti_user=sub,
        resource_link="link-1",
        course_id=COURSE,
        lineitem=lineitem or platform.lineitem(COURSE),
        scopes=(SCORE_SCOPE,),
    )
    save_context(engine, launch)
    return sub


def grade(engine: Engine, learner: str, **given: Any) -> None:
    book = Gradebook(engine)
    batch = book.begin_batch("simkit grade onboarding")
    book.finish_batch(batch, book.record(batch, [graded_submission(learner, course=COURSE, **given)]))


def statuses(engine: Engine) -> list[tuple[str, str, int]]:
    query = select(lti_passbacks.c.learner_id, lti_passbacks.c.status, lti_passbacks.c.tries).order_by(
        lti_passbacks.c.id
    )
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(query)]  # type: ignore[misc]


def test_a_graded_attempt_reaches_the_platforms_line_item(engine: Engine, registered: Platform, client: AgsClient):
    sub = launched(engine, registered, "aigerim.s")
    grade(engine, "aigerim.s", right=0.75)
    grade(engine, "daniyar.k")  # never launched from the platform: nothing to send
    assert statuses(engine) == [("aigerim.s", "pending", 0)]
    assert deliver_due(engine, client) == (1, 0)
    [score] = registered.received(sub)
    assert score["lineitem"] == COURSE
    [attempt] = [a for a in Gradebook(engine).current_attempts(COURSE) if a["learner_id"] == "aigerim.s"]
    assert (score["scoreGiven"], score["scoreMaximum"]) == (attempt["score"], attempt["max_score"])
    assert 0 < score["scoreGiven"] < score["scoreMaximum"]
    assert (score["activityProgress"], score["gradingProgress"]) == ("Completed", "FullyGraded")
    assert dt.datetime.fromisoformat(score["timestamp"]).tzinfo is not None
    # The platform checked the client assertion against the tool's keyset: signed by the tool, for its token URL.
    assertion = registered.assertions[-1]
    assert assertion["iss"] == assertion["sub"] == CLIENT_ID and assertion["aud"] == f"{registered.url}/token"
    assert statuses(engine) == [("aigerim.s", "sent", 1)]
    assert deliver_due(engine, client) == (0, 0)  # sent once


def test_a_regrade_and_a_review_send_the_new_score(engine: Engine, registered: Platform, client: AgsClient) -> None:
    sub = launched(engine, registered, "aigerim.s")
    book = Gradebook(engine)
    scores = []
    grade(engine, "aigerim.s", right=0.5, pending=1)
    scores.append(book.current_attempts(COURSE)[0]["score"])
    deliver_due(engine, client)
    grade(engine, "aigerim.s", key="keys-2", right=1.0, pending=1)  # the same file with corrected keys
    [attempt] = book.current_attempts(COURSE)
    scores.append(attempt["score"])
    deliver_due(engine, client)
    [waiting_review] = book.pending_reviews(COURSE)
    reviewed = book.add_review(attempt["id"], waiting_review["scenario_id"], waiting_review["step_id"], 2.0, "t.a")
    scores.append(reviewed["score"])
    deliver_due(engine, client)
    assert scores[0] < scores[1] < scores[2] == reviewed["max_score"]
    sent = registered.received(sub)
    assert [(s["scoreGiven"], s["gradingProgress"]) for s in sent] == [
        (scores[0], "PendingManual"),
        (scores[1], "PendingManual"),
        (scores[2], "FullyGraded"),
    ]
    times = [dt.datetime.fromisoformat(s["timestamp"]) for s in sent]
    assert times == sorted(times)  # the platform keeps the newest: each later score is later


def test_scores_queued_before_sending_go_as_the_newest_only(engine: Engine, registered: Platform, client: AgsClient):
    sub = launched(engine, registered, "aigerim.s")
    grade(engine, "aigerim.s", right=0.5)
    grade(engine, "aigerim.s", digest="file-2", right=1.0, submitted_at=dt.datetime(2026, 3, 3, tzinfo=dt.UTC))
    deliver_due(engine, client)
    [newest] = Gradebook(engine).current_attempts(COURSE)
    assert [s["scoreGiven"] for s in registered.received(sub)] == [newest["score"]]
    assert newest["score"] == newest["max_score"]  # the second, all right
    assert [status for _, status, _ in statuses(engine)] == ["superseded", "sent"]


def test_a_failing_platform_gets_the_score_after_retries(engine: Engine, registered: Platform, client: AgsClient):
    sub = launched(engine, registered, "aigerim.s")
    grade(engine, "aigerim.s")
    registered.fail_scores = 2
    first = 1.5  # long enough that "not due yet" holds on a loaded machine
    assert deliver_due(engine, client, first) == (0, 1)
    [row] = waiting(engine)
    assert row["status"] == "pending" and row["tries"] == 1 and "HTTP 500" in row["last_error"]
    assert deliver_due(engine, client, first) == (0, 0)  # not due yet: it waits its back-off
    time.sleep(first + 0.1)
    assert deliver_due(engine, client, first) == (0, 1)  # the second failure, then twice as long
    [row] = waiting(engine)
    assert row["tries"] == 2 and row["next_try_at"] - row["created_at"] >= dt.timedelta(seconds=3 * first)
    time.sleep(2 * first + 0.1)
    assert deliver_due(engine, client, first) == (1, 0)
    assert registered.score_posts == 3 and len(registered.received(sub)) == 1
    assert waiting(engine) == []


def test_a_score_refused_for_good_is_kept_and_listed_for_trainers(
    engine: Engine, registered: Platform, client: AgsClient, gradebook_url: str
) -> None:
    launched(engine, registered, "aigerim.s", lineitem=f"{registered.url}/gone/lineitem?type_id=1")
    grade(engine, "aigerim.s")
    assert deliver_due(engine, client) == (0, 1)
    [row] = waiting(engine)
    assert row["status"] == "failed" and "HTTP 404" in row["last_error"]
    assert "/gone/lineitem/scores?type_id=1" in row["last_error"]  # /scores added to the path, the query kept
    listed = CliRunner().invoke(app, ["lti", "passbacks", "--db", gradebook_url])
    assert listed.exit_code == 0, listed.output
    assert "aigerim.s" in listed.output and "failed" in listed.output and "0 pending, 1 failed" in listed.output
    assert deliver_due(engine, client) == (0, 0)  # not retried by itself …
    assert send_again(engine) == 1  # … until a trainer sends it again
    assert waiting(engine)[0]["status"] == "pending"


def test_simkit_grade_queues_the_score_and_simkit_lti_send_sends_it(
    engine: Engine,
    registered: Platform,
    client: AgsClient,
    key: ToolKey,
    gradebook_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sub = launched(engine, registered, "ann.k")
    folder = tmp_path / "submissions"
    folder.mkdir()
    (folder / "ann.k.json").write_bytes(encode_submission(synthetic_submission(course_key(COURSE), "ann.k", seed=1)))
    monkeypatch.setenv("SIMKIT_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("SIMKIT_GRADEBOOK", gradebook_url)
    monkeypatch.setenv("SIMKIT_LTI_PRIVATE_KEY", key.pem.decode())  # as a Kubernetes Secret gives it
    cli = CliRunner()
    graded = cli.invoke(app, ["grade", COURSE, str(folder)])
    assert graded.exit_code == 0, graded.output
    assert statuses(engine) == [("ann.k", "pending", 0)]
    sent = cli.invoke(app, ["lti", "send"])
    assert sent.exit_code == 0 and "1 sent, 0 not sent" in sent.output, sent.output
    [attempt] = Gradebook(engine).current_attempts(COURSE)
    assert [s["scoreGiven"] for s in registered.received(sub)] == [attempt["score"]]
