"""The access log of a course-only server, in place of ``jupyterhub.log`` (see simkit.hub.course_main for why).

One line a request, as JupyterHub's own log_request writes it: the level by status, the signed-in user, no secret.
The query string is never logged: it is where OAuth codes and states travel. The grading service logs the same
way. A path is anyone's text: a long one is logged as an excerpt.
"""

from __future__ import annotations

import logging
from typing import Any

from tornado.log import access_log
from tornado.web import HTTPError, StaticFileHandler

from simkit.submissions.limits import excerpt


def log_request(handler: Any) -> None:
    """Tornado's ``log_function``: ``status method path (user@ip) time``."""
    status = handler.get_status()
    request = handler.request
    if status == 304 or (status < 300 and isinstance(handler, StaticFileHandler)):
        level = logging.DEBUG
    elif status < 400:
        level = logging.INFO
    elif status < 500:
        level = logging.WARNING
    else:
        level = logging.ERROR
    elapsed_ms = 1000.0 * request.request_time()
    if elapsed_ms >= 1000:
        level = max(level, logging.INFO)
    try:
        user = handler.current_user
    except (HTTPError, RuntimeError):  # refused before the user was known: logged without one
        user = None
    name = getattr(user, "username", None) or getattr(user, "name", None) or ""
    access_log.log(
        level,
        "%d %s %s (%s@%s) %.2fms",
        status,
        request.method,
        excerpt(request.path),
        excerpt(str(name)),
        request.remote_ip,
        elapsed_ms,
    )
