"""How much of a learner's text a message quotes: all of a short one, a marked excerpt of a long one."""

from __future__ import annotations

from simkit.submissions import excerpt, quoted
from simkit.submissions.limits import EXCERPT_CHARS


def test_a_short_text_is_quoted_whole() -> None:
    assert excerpt("declare the gift") == "declare the gift"
    assert excerpt("x" * EXCERPT_CHARS) == "x" * EXCERPT_CHARS
    assert quoted("bribe") == "'bribe'"
    assert quoted(12.5) == "12.5"


def test_a_long_text_is_cut_and_the_cut_says_how_much_is_left_out() -> None:
    text = "Я бы сообщил руководителю. " * 40_000
    shown = excerpt(text)
    assert shown == f"{text[:EXCERPT_CHARS]}…(+{len(text) - EXCERPT_CHARS:,} characters)"
    assert excerpt(text, 10) == f"{text[:10]}…(+{len(text) - 10:,} characters)"


def test_a_quoted_excerpt_keeps_the_mark_outside_the_quotes_and_stays_one_line() -> None:
    text = "line one\nline two " * 1000
    shown = quoted(text)
    assert shown == f"{text[:EXCERPT_CHARS]!r}…(+{len(text) - EXCERPT_CHARS:,} characters)"
    assert shown.startswith("'line one\\nline two") and "\n" not in shown


def test_a_long_value_of_another_kind_is_cut_as_written() -> None:
    shown = quoted(["a"] * 10_000)
    assert shown.startswith("['a', 'a'") and shown.endswith(" characters)") and len(shown) < EXCERPT_CHARS + 40
