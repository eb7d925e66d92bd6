"""The service's routes and its start: ``python -m simkit.service``, as JupyterHub starts a managed service."""

from __future__ import annotations

import asyncio
import logging
import sys
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from jupyterhub.services.auth import HubAuth, HubOAuth, HubOAuthCallbackHandler
from tornado.httpserver import HTTPServer
from tornado.ioloop import PeriodicCallback
from tornado.web import Application, RedirectHandler, RequestHandler

from simkit.gradebook.db import connect
from simkit.gradebook.live import Storage
from simkit.hub.request_log import log_request
from simkit.lti.sender import Sender
from simkit.service.api import AcknowledgementCall, AnswerCall, ResultCall, SubmissionCall, SubmitCall
from simkit.service.courses import Courses
from simkit.service.handlers import NotFound, State
from simkit.service.pages import CertificatePage, HrPage, LearnerAnswersPage, TrainerPage
from simkit.service.passbacks import PassbacksPage
from simkit.service.secret import cookie_secret
from simkit.service.settings import Settings

WORKERS = 8  # database threads: PostgreSQL's pool holds 5 + 10; SQLite takes one writer at a time anyway
NAME = r"([A-Za-z0-9][A-Za-z0-9._@-]{0,79})"  # a course or learner id in a path; the handlers check it further
CODE = r"([A-Za-z0-9-]{1,40})"


def make_app(settings: Settings) -> tuple[Application, State]:
    engine = connect(settings.gradebook)
    courses = Courses(settings.library)
    pool = ThreadPoolExecutor(WORKERS, thread_name_prefix="simkit-db")
    state = State(
        prefix=settings.prefix,
        storage=Storage(engine),
        courses=courses,
        pool=pool,
        hub_auth=HubAuth(cache_max_age=60),
        hub_oauth=HubOAuth(cache_max_age=60),
        passback=Sender.from_environment(engine, pool),  # scores to the learning platform, when LTI is set up
    )
    p, given = settings.prefix, {"state": state}
    routes: list[tuple[str, type[RequestHandler], dict[str, Any]]] = [
        (rf"{p}api/courses/{NAME}/submission", SubmissionCall, given),
        (rf"{p}api/learners/{NAME}/courses/{NAME}/submission", SubmissionByLearner, given),
        (rf"{p}api/courses/{NAME}/answers", AnswerCall, given),
        (rf"{p}api/courses/{NAME}/acknowledgement", AcknowledgementCall, given),
        (rf"{p}api/courses/{NAME}/submit", SubmitCall, given),
        (rf"{p}api/courses/{NAME}/result", ResultCall, given),
        (rf"{p}api/learners/{NAME}/courses/{NAME}/result", ResultByLearner, given),
        (rf"{p}trainer/?", TrainerPage, given),
        (rf"{p}trainer/passbacks", PassbacksPage, given),
        (rf"{p}trainer/{NAME}/{NAME}", LearnerAnswersPage, given),
        (rf"{p}hr/?", HrPage, given),
        (rf"{p}certificates/{CODE}", CertificatePage, given),
        (rf"{p}oauth_callback", OAuthCallback, given),
        (rf"{p}?", RedirectHandler, {"url": f"{p}trainer/"}),
        (rf"{p}(.*)", NotFound, given),
    ]
    app = Application(
        routes,
        cookie_secret=cookie_secret(),
        hub_auth=state.hub_oauth,
        login_url=state.hub_oauth.login_url,
        log_function=log_request,  # no query string (OAuth codes), and a long path only in part
    )
    return app, state


class OAuthCallback(HubOAuthCallbackHandler):
    """The end of a browser's sign-in; the same HubOAuth as the pages, which keeps the sign-in's state."""

    def initialize(self, state: State) -> None:
        self.hub_auth = state.hub_oauth


class SubmissionByLearner(SubmissionCall):
    async def get(self, learner: str, course_id: str) -> None:  # type: ignore[override]
        await super().get(course_id, learner)


class ResultByLearner(ResultCall):
    async def get(self, learner: str, course_id: str) -> None:  # type: ignore[override]
        await super().get(course_id, learner)


async def serve(settings: Settings) -> None:
    app, state = make_app(settings)
    server = HTTPServer(app, xheaders=True, max_body_size=1 << 20)
    server.listen(settings.port, settings.host)
    if state.passback is not None:
        PeriodicCallback(state.passback.kick, state.passback.poll_s * 1000).start()
        state.passback.kick()
    logging.getLogger("simkit.service").info("simkit-grading on %s:%s%s", settings.host, settings.port, settings.prefix)
    try:
        await asyncio.Event().wait()
    finally:
        server.stop()
        state.pool.shutdown(wait=True)
        state.courses.close()
        state.storage.engine.dispose()


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    try:
        settings = Settings.from_environment()
        asyncio.run(serve(settings))
    except ValueError as error:  # a gradebook that cannot be opened, a library that does not validate
        print(f"simkit-grading: error: {error}", file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt:
        pass
