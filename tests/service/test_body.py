"""The grading service reads a call's body as untrusted JSON, by the rules of a submission file: whatever it is,
the call is refused with 400 and one line (never a 500 and a traceback), and the ordinary body beside it is taken.
Whatever a refusal or a log line quotes of the body is an excerpt. No hub needed: the handler is made directly."""

from __future__ import annotations

import logging
from types import SimpleNamespace
from unittest.mock import Mock

import pytest
from tornado.httputil import HTTPHeaders, HTTPServerRequest, RequestStartLine
from tornado.web import Application

from simkit.hub.request_log import log_request
from simkit.service.api import ANSWER_FIELDS, _started_at
from simkit.service.handlers import ApiHandler
from simkit.service.identity import Refusal
from simkit.submissions.limits import MAX_REQUEST_BYTES, REASON_CHARS

HINT = "an answer"


def handler(body: bytes, path: str = "/services/simkit-grading/api/courses/onboarding/answers") -> ApiHandler:
    request = HTTPServerRequest(
        start_line=RequestStartLine("POST", path, "HTTP/1.1"),
        headers=HTTPHeaders({"Host": "127.0.0.1"}),
        body=body,
        connection=Mock(),
    )
    return ApiHandler(Application(), request, state=SimpleNamespace(hub_auth=None))


def refusal(body: bytes) -> Refusal:
    with pytest.raises(Refusal) as refused:
        handler(body).body_object(ANSWER_FIELDS, HINT)
    assert "\n" not in refused.value.message and len(refused.value.message) <= REASON_CHARS + 30
    return refused.value


BODIES: list[tuple[str, bytes, str]] = [
    ("nested deep", b'{"value": ' + b"[" * 30_000, "nested deeper than 32 levels at line 1, column 42"),
    ("NaN", b'{"step": "amount", "value": NaN}', "NaN at line 1"),
    ("Infinity", b'{"value": Infinity}', "Infinity at line 1"),
    ("a huge number", b'{"value": 1' + b"0" * 20_000 + b"}", "a number of 20,001 digits"),
    ("a key twice", b'{"value": "declare", "value": "refuse"}', "the key 'value' twice"),
    ("not UTF-8", b'{"value": "d\xe9clarer"}', "not UTF-8 text: byte 0xE9"),
    ("UTF-16", '{"value": 1}'.encode("utf-16"), "not UTF-8 text"),
    ("a byte-order mark", b'\xef\xbb\xbf{"value": 1}', "starts with a byte-order mark"),
    ("an unpaired surrogate", b'{"value": "\\udc00"}', "an unpaired surrogate escape"),
    ("damaged", b'{"value": ', "damaged JSON at line 1, column 11: Expecting value (hint: an answer)"),
    ("not an object", b'["value"]', "the body must be a JSON object (hint: an answer)"),
    ("an unknown field, long", b'{"' + b"x" * 50_000 + b'": 1}', "unknown field 'xxxx"),
    ("too big", b" " * (MAX_REQUEST_BYTES + 1), "the body is over 65,536 bytes"),
]


@pytest.mark.parametrize(("case", "body", "reason"), BODIES, ids=[case for case, _body, _reason in BODIES])
def test_a_body_that_is_not_json_as_simkit_takes_it_is_refused_in_one_line(case: str, body: bytes, reason: str) -> None:
    refused = refusal(body)
    assert refused.status_code in (400, 413) and reason in refused.message, refused.message


def test_an_ordinary_body_is_taken_as_sent() -> None:
    body = '{"scenario": "gift-at-desk", "version": 1, "started_at": "2026-03-02T09:00:00Z", "step": "reply", '
    body += '"value": "Сообщу руководителю \\"письменно\\"."}'
    taken = handler(body.encode()).body_object(ANSWER_FIELDS, HINT)
    assert taken["value"] == 'Сообщу руководителю "письменно".' and taken["version"] == 1
    assert handler(b"").body_object(frozenset(), HINT) == {}  # no body: an empty object, as before


def test_a_long_value_is_quoted_in_part_in_the_refusal() -> None:
    with pytest.raises(Refusal) as refused:
        _started_at("9" * 60_000)
    assert refused.value.message.startswith("started_at '9999") and "…(+" in refused.value.message
    assert len(refused.value.message) < 300
    assert len(Refusal(400, "x" * 100_000).message) <= REASON_CHARS + 30  # whatever a refusal is given


def test_a_request_is_logged_with_an_excerpt_of_its_path_and_no_query(caplog: pytest.LogCaptureFixture) -> None:
    long = "/services/simkit-grading/api/" + "a" * 60_000
    request = handler(b"", path=long + "?code=secret")
    request.set_status(404)
    with caplog.at_level(logging.INFO, logger="tornado.access"):
        log_request(request)
    [line] = caplog.messages
    assert line.startswith("404 POST /services/simkit-grading/api/aaaa") and "characters)" in line
    assert len(line) < 400 and "secret" not in line
