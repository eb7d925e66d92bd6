"""Learners, a trainer and HR signing in to the hub through the OpenID Connect provider's page, in Chromium."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Locator, Page, expect

from simkit.hub.local import LocalHub
from tests.hub.conftest import KERNEL_CULL_S, REFUSED
from tests.hub.harness import kernels, new_context, open_course, sign_in, wait_for

A, B, TRAINER, HR = "aigerim.s", "daniyar.k", "trainer.a", "hr.b"


def test_each_learner_signs_in_to_their_own_course_page(chromium: Browser, hub: LocalHub) -> None:
    for me, other in ((A, B), (B, A)):
        context = new_context(chromium)
        page = open_course(context, hub, me)
        assert re.search(rf"/user/{re.escape(me)}/voila/render/course_home\.ipynb", page.url)
        body = page.locator("body")
        expect(body).to_contain_text(me)
        assert other not in body.inner_text()
        # No id prompt: the learner is who signed in, with no field to be anyone else.
        assert page.locator(".simkit-learner-id").count() == 0
        context.close()


def row(page: Page, scenario_id: str) -> Locator:
    return page.locator(".simkit-scenario-row", has=page.locator(f".simkit-open-{scenario_id}"))


def test_each_learner_sees_only_their_own_progress(chromium: Browser, hub: LocalHub) -> None:
    """A answers in onboarding's hiring-relatives case; B, signed in at the same time, sees the case not started."""
    context_a, context_b = new_context(chromium), new_context(chromium)
    page_a, page_b = open_course(context_a, hub, A), open_course(context_b, hub, B)
    for page in (page_a, page_b):
        page.locator(".simkit-course-onboarding").click()
        page.locator(".simkit-open-hiring-relatives").wait_for()
    page_a.locator(".simkit-open-hiring-relatives").click()
    current = page_a.locator(".simkit-current")
    current.locator("input[type=radio]").first.check()
    current.locator(".simkit-answer").click()
    page_a.locator(".simkit-feedback, .simkit-saved").first.wait_for()
    page_a.locator(".simkit-back").click()
    expect(row(page_a, "hiring-relatives")).to_contain_text("в процессе")
    page_b.reload()
    page_b.locator(".simkit-course-onboarding").click()
    expect(row(page_b, "hiring-relatives")).to_be_visible()
    assert "в процессе" not in row(page_b, "hiring-relatives").inner_text()
    context_a.close()
    context_b.close()


def test_a_learner_is_refused_another_learners_server(chromium: Browser, hub: LocalHub) -> None:
    context = new_context(chromium)
    open_course(context, hub, B)
    for path in (f"/user/{A}/", f"/user/{A}/voila/render/course_home.ipynb", f"/user/{A}/api/kernels"):
        response = context.request.get(hub.url + path)
        assert response.status == 403, (path, response.status)
    context.close()


def test_a_learners_server_serves_the_course_app_and_nothing_else(chromium: Browser, hub: LocalHub) -> None:
    context = new_context(chromium)
    open_course(context, hub, A)
    base = f"{hub.url}/user/{A}"
    refused = {
        "/lab": (403, 404),  # no JupyterLab
        "/tree": (403, 404),
        "/terminals/1": (403, 404),  # no terminal
        "/api/terminals": (403, 404),
        "/api/contents": (403,),  # no contents API
        "/api/contents/course_home.ipynb": (403,),
        "/files/course_home.ipynb": (403,),
        "/api/sessions": (403,),
        "/voila/render/trainer_grading.ipynb": (404,),  # only the course page is there to render
        "/voila/render/scenario_preview.ipynb": (404,),
    }
    for path, statuses in refused.items():
        response = context.request.get(base + path)
        assert response.status in statuses, (path, response.status)
    response = context.request.post(base + "/api/kernels", data="{}")
    assert response.status == 403  # no kernel of one's own choosing
    context.close()


def test_the_page_cannot_run_code_in_its_kernel(chromium: Browser, hub: LocalHub) -> None:
    """Widgets drive the kernel; an execute_request sent on the page's own channel is dropped by the server."""
    context = new_context(chromium)
    page = open_course(context, hub, A)
    (kernel,) = [kernel for kernel in kernels(hub, A) if kernel["connections"]]  # this page's (others may linger)
    outcome = page.evaluate(
        """async ([url, kernelId]) => {
            const ws = new WebSocket(url);
            const replies = [];
            ws.onmessage = (event) => { if (typeof event.data === 'string') replies.push(JSON.parse(event.data)); };
            await new Promise((resolve, reject) => { ws.onopen = resolve; ws.onerror = reject; });
            const message = (type, content) => JSON.stringify({
                header: {msg_id: type + Math.random(), msg_type: type, username: '', session: 'probe',
                         version: '5.3', date: new Date().toISOString()},
                parent_header: {}, metadata: {}, content, channel: 'shell', buffers: []});
            ws.send(message('execute_request', {code: 'print(1)', silent: false,
                    store_history: false, user_expressions: {}, allow_stdin: false}));
            ws.send(message('kernel_info_request', {}));
            await new Promise((resolve) => setTimeout(resolve, 3000));
            ws.close();
            return replies.map((reply) => reply.header.msg_type);
        }""",
        [f"{hub.url.replace('http', 'ws')}/user/{A}/api/kernels/{kernel['id']}/channels", kernel["id"]],
    )
    assert "kernel_info_reply" in outcome  # the channel works …
    assert "execute_reply" not in outcome and "execute_input" not in outcome  # … but runs no code
    context.close()


def test_a_trainer_gets_jupyterlab_on_the_trainer_notebooks(chromium: Browser, hub: LocalHub) -> None:
    context = new_context(chromium)
    page = sign_in(context, hub, TRAINER)
    page.wait_for_url(re.compile(rf"/user/{TRAINER}/lab"))
    expect(page.locator(".jp-LabShell, #jp-main-dock-panel").first).to_be_visible(timeout=120_000)
    expect(page.get_by_text("trainer_grading.ipynb").first).to_be_visible(timeout=60_000)
    context.close()


def test_hr_gets_the_compliance_report(chromium: Browser, hub: LocalHub) -> None:
    context = new_context(chromium)
    page = sign_in(context, hub, HR)
    page.wait_for_url(re.compile(rf"/user/{HR}/voila/render/compliance\.ipynb"))
    context.close()


def test_a_learner_cannot_open_the_trainers_or_hrs_servers(chromium: Browser, hub: LocalHub) -> None:
    for owner in (TRAINER, HR):  # their servers run (the tests above started them, or start them here)
        status, _ = hub.api("POST", f"/users/{owner}/server")
        assert status in (201, 202, 400), status
    context = new_context(chromium)
    open_course(context, hub, A)
    for path in (f"/user/{TRAINER}/lab", f"/user/{TRAINER}/api/contents", f"/user/{HR}/"):
        response = context.request.get(hub.url + path)
        assert response.status == 403, (path, response.status)
    # Nor can a learner give themself a group through the hub's API.
    response = context.request.post(hub.url + "/hub/api/groups/trainers/users", data={"users": [A]})
    assert response.status == 403
    context.close()


def test_a_login_the_learner_id_rule_refuses_cannot_sign_in(chromium: Browser, hub: LocalHub) -> None:
    context = new_context(chromium)
    page = sign_in(context, hub, REFUSED.login)
    expect(page.locator("body")).to_contain_text("403")
    expect(page.locator("body")).to_contain_text("cannot be used as a learner id")
    status, users = hub.api("GET", "/users")
    assert status == 200
    assert all(user["name"] not in {REFUSED.login, REFUSED.login.lower()} for user in users)  # type: ignore[union-attr]
    context.close()


def test_a_closed_pages_kernel_is_shut_down(chromium: Browser, hub: LocalHub) -> None:
    context = new_context(chromium)
    open_course(context, hub, B)
    assert kernels(hub, B), "the open page has a kernel"
    context.close()  # the tab goes away without a word to the server
    wait_for(lambda: not kernels(hub, B), KERNEL_CULL_S * 10, f"{B}'s kernel after the page closed")
