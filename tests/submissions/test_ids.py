"""The learner-id rule: one form of each id, wherever it is typed or taken from."""

from __future__ import annotations

import pytest

from simkit.submissions import normalise_learner_id
from simkit.submissions.ids import is_normal_learner_id, refusal, require_learner_id

FOLDED = [
    ("ivanov.a", "ivanov.a"),
    ("Ivanov.A", "ivanov.a"),  # capitals are folded: a sign-in's "Ivanov.A" is the roster's "ivanov.a"
    ("  ann@gov.kz  ", "ann@gov.kz"),  # spaces around are trimmed; nothing else is
    ("\u3000ann\u00a0", "ann"),  # NFKC makes the ideographic and no-break spaces spaces, then they are trimmed
    ("ＡＮＮ１", "ann1"),  # NFKC: full-width letters and digits are the plain ones
    ("a_b-c.d@e", "a_b-c.d@e"),
    ("7" * 64, "7" * 64),
]

REFUSED = [
    "",
    "   ",
    "x" * 65,  # too long
    "Ｘ" * 65,  # too long once folded, too
    ".ann",  # bad first character
    "-ann",
    "_ann",
    "@ann",
    "a b",
    "../etc/passwd",
    "ann/../bob",
    "айгерім",  # letters outside a-z: an id names a file and a sign-in account
    "ann\nbob",
    "ann\n",  # a control character refuses the id even at its end: it was pasted or made up, not typed
    "\tann",
    "ann\r",
    "\x1b[2Jann",
    "ann\u202e",
]


@pytest.mark.parametrize(("typed", "normal"), FOLDED)
def test_an_id_is_stripped_folded_and_lower_cased(typed: str, normal: str) -> None:
    assert normalise_learner_id(typed) == normal
    assert normalise_learner_id(normal) == normal  # the one form is its own
    assert is_normal_learner_id(normal)


@pytest.mark.parametrize("typed", REFUSED)
def test_what_cannot_be_an_id_is_refused_with_the_hint(typed: str) -> None:
    with pytest.raises(ValueError, match=r"is not a usable learner id \(hint: letters, digits and \. _ @ - only"):
        normalise_learner_id(typed)
    assert not is_normal_learner_id(typed)


def test_an_id_not_in_its_one_form_is_not_normal() -> None:
    assert not is_normal_learner_id("Ann") and not is_normal_learner_id(" ann")


@pytest.mark.parametrize(("written", "normal"), [("Ann", "ann"), (" ann", "ann"), ("ＡＮＮ", "ann")])
def test_what_simkit_wrote_must_be_in_the_one_form(written: str, normal: str) -> None:
    with pytest.raises(
        ValueError, match=rf"{written!r} is not a usable learner id as written: its one form is '{normal}'"
    ):
        require_learner_id(written)
    assert require_learner_id(normal) == normal


@pytest.mark.parametrize("typed", REFUSED)
def test_what_cannot_be_an_id_is_refused_as_written_with_the_rules_message(typed: str) -> None:
    with pytest.raises(ValueError) as refused:
        require_learner_id(typed)
    assert str(refused.value) == refusal(typed)


def test_a_pasted_page_as_an_id_is_refused_in_one_short_line() -> None:
    with pytest.raises(ValueError) as raised:
        normalise_learner_id("ann " * 10_000)
    message = str(raised.value)
    assert len(message) < 300 and "\n" not in message and "…(+" in message
