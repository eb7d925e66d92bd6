"""The grading service behind the hub: its trainer and HR pages by custom scope, a learner's answers by token.

These need the service (simkit.service); until it is installed in this tree they are skipped, saying so.
"""

from __future__ import annotations

import importlib.util
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import Browser

from simkit.hub.local import LocalHub
from tests.hub.harness import new_context, open_course, server_processes, sign_in

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("simkit.service") is None,
    reason="the grading service (simkit.service) is not in this tree yet; these run once it is",
)

A, B, TRAINER, HR = "aigerim.s", "daniyar.k", "trainer.a", "hr.b"
SERVICE = "/services/simkit-grading/"


def page_status(chromium: Browser, hub: LocalHub, login: str, path: str) -> int:
    """The status a signed-in user's browser gets for a page of the service (after the service's own OAuth)."""
    context = new_context(chromium)
    page = sign_in(context, hub, login)
    page.wait_for_url(f"**/user/{login}/**")
    response = page.goto(hub.url + SERVICE + path)
    assert response is not None
    status = response.status
    context.close()
    return status


@pytest.mark.parametrize(("login", "allowed"), [(TRAINER, {"trainer/"}), (HR, {"hr/"}), (A, set())])
def test_the_service_pages_open_to_their_group_only(
    chromium: Browser, hub: LocalHub, login: str, allowed: set[str]
) -> None:
    for path in ("trainer/", "hr/"):
        expected = 200 if path in allowed else 403
        assert page_status(chromium, hub, login, path) == expected, (login, path)


def test_a_learners_token_cannot_read_another_learners_answers(chromium: Browser, hub: LocalHub) -> None:
    context = new_context(chromium)
    open_course(context, hub, B)
    (server,) = [p for p in server_processes(hub, B) if "ipykernel" not in " ".join(p.cmdline())]
    token = server.environ()["JUPYTERHUB_API_TOKEN"]
    request = urllib.request.Request(
        f"{hub.url}{SERVICE}api/learners/{A}/courses/onboarding/submission", headers={"Authorization": f"token {token}"}
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=30)
    assert refused.value.code == 403
    context.close()
