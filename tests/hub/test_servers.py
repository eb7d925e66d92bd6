"""What each user's server is given: the learner's token reaches the grading service and nothing of anyone else's;
the gradebook and the keyed library go to trainers (and the gradebook to HR), never to a learner's server."""

from __future__ import annotations

import json
import time
import urllib.request

from playwright.sync_api import Browser

from simkit.hub.course_server import LAYER_IN, LAYER_OUT, TRIM_EVERY_MS
from simkit.hub.local import LocalHub
from tests.hub.harness import new_context, open_course, server_processes, sign_in, wait_for

A, TRAINER, HR = "aigerim.s", "trainer.a", "hr.b"
GRADING = "access:services!service=simkit-grading"


def server_environment(hub: LocalHub, login: str) -> dict[str, str]:
    (server,) = [p for p in server_processes(hub, login) if "ipykernel" not in " ".join(p.cmdline())]
    return server.environ()


def token_model(hub: LocalHub, token: str) -> dict[str, object]:
    request = urllib.request.Request(hub.url + "/hub/api/user", headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return dict(json.load(response))


def test_a_learners_server_token_reaches_the_grading_service_and_only_its_owner(
    chromium: Browser, hub: LocalHub
) -> None:
    context = new_context(chromium)
    open_course(context, hub, A)
    env = server_environment(hub, A)
    model = token_model(hub, env["JUPYTERHUB_API_TOKEN"])
    assert model["name"] == A
    scopes = set(model["scopes"])  # type: ignore[arg-type]
    assert GRADING in scopes
    assert not {scope for scope in scopes if scope.startswith("custom:")}
    assert all("!user=" not in scope or scope.endswith(f"!user={A}") for scope in scopes)
    assert env["SIMKIT_SERVICE_URL"] == hub.url + "/services/simkit-grading/"
    assert "SIMKIT_GRADEBOOK" not in env and "SIMKIT_SCENARIOS" not in env  # nothing a learner could misuse
    assert env["JUPYTERHUB_USER"] == A and "SIMKIT_LEARNER" not in env
    context.close()


def test_trainers_and_hr_get_the_gradebook_and_their_groups_scopes(chromium: Browser, hub: LocalHub) -> None:
    for login, group, scope in ((TRAINER, "trainers", "custom:simkit:trainer"), (HR, "hr", "custom:simkit:hr")):
        context = new_context(chromium)
        sign_in(context, hub, login)
        wait_for(lambda login=login: len(server_processes(hub, login)) >= 1, 120, f"{login}'s server")
        status, user = hub.api("GET", f"/users/{login}")
        assert status == 200 and user["groups"] == [group]  # type: ignore[index]  (from the provider's claim)
        env = server_environment(hub, login)
        assert env["SIMKIT_GRADEBOOK"] == hub.gradebook
        assert ("SIMKIT_SCENARIOS" in env) == (login == TRAINER)
        context.close()
        # The hub issues a token with the group's custom scope (what the service's pages check) to its members only.
        status, _ = hub.api("POST", f"/users/{login}/tokens", {"scopes": [scope], "expires_in": 60})
        assert status == 201, status
        status, _ = hub.api("POST", f"/users/{A}/tokens", {"scopes": [scope], "expires_in": 60})
        assert status in (400, 403), status


def test_a_course_server_runs_without_the_hubs_database_layer(chromium: Browser, hub: LocalHub) -> None:
    """simkit.hub.course_main keeps jupyterhub.orm (with SQLAlchemy's models and Alembic) and the hub's request
    handlers out of a course-only server, ~20 MiB a learner. Each server says at start-up whether that holds, and
    warns if the layer is loaded later; a JupyterHub version that needs it on import or while serving a page fails
    here rather than quietly costing the memory again."""
    context = new_context(chromium)
    page = open_course(context, hub, A)
    page.locator(".simkit-course-onboarding").click()  # a page in use: the server's request paths have run
    page.locator(".simkit-scenario-row").first.wait_for()
    time.sleep(TRIM_EVERY_MS / 1000 + 2)  # the servers' next check (with their next trim) comes after that use
    log = hub.hub_log()
    assert LAYER_OUT in log, "no course server said it started without the database layer"
    assert LAYER_IN not in log, [line for line in log.splitlines() if LAYER_IN in line]
    context.close()
