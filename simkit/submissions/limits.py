"""How much learner input simkit takes, and how much of it any message quotes: the one place these limits are set
(docs/grading.md states them).

A submission is untrusted input, whoever sends it: a file a trainer collects, the body of a call to the grading
service, the player's own file read back. Whatever is longer than these limits is refused with one line; what is
within them is graded and kept whole, and only what echoes it (a reason, an error, a log line, a report) is cut.
"""

from __future__ import annotations

MAX_SUBMISSION_BYTES = 1 << 20  # a whole course's answers take a few kilobytes; anything near this is not one
MAX_ANSWER_CHARS = 5000  # a free-text answer, as the player lets a learner write it
MAX_ANSWER_ITEMS = 100  # ids in a multiple-choice or ordering answer; a question offers a handful
MAX_JSON_DEPTH = 32  # a submission nests six levels; deeper is no submission, and would exhaust a parser's stack
MAX_NUMBER_CHARS = 100  # digits of one JSON number: more is no amount or version, and slow to convert
MAX_REQUEST_BYTES = 64 * 1024  # one call to the grading service: an answer of 5,000 characters fits many times
EXCERPT_CHARS = 120  # of a learner's text quoted inside a message: enough to recognise it, never a flood
REASON_CHARS = 600  # a whole refusal or error line, the excerpts in it included


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """``text`` cut to ``limit`` characters, the cut marked with how many were left out."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}…(+{len(text) - limit:,} characters)"


def quoted(value: object, limit: int = EXCERPT_CHARS) -> str:
    """A value as ``repr`` writes it, for a message (a text is quoted, its line breaks escaped), cut as
    :func:`excerpt` cuts: the mark stays outside the quotes, so it cannot pass for part of the answer."""
    if isinstance(value, str) and len(value) > limit:
        return f"{value[:limit]!r}…(+{len(value) - limit:,} characters)"
    return excerpt(repr(value), limit)
