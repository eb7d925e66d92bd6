"""The learner-id rule: one form of each id, wherever it is typed or taken from."""

from __future__ import annotations

import pytest

from simkit.submissions import normalise_learner_id
from simkit.submissions.ids import is_normal_learner_id

FOLDED = [
    ("ivanov.a", "ivanov.a"),
    ("Ivanov.A", "ivanov.a"),  # capitals are folded: a sign-in's "Ivanov.A" is the roster's "ivanov.a"
    ("  ann@gov.kz \n", "ann@gov.kz"),
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
