"""The learner-id rule, the one every part of simkit applies (player, collect, intake, roster, command line, hub).

An id is stripped, put in Unicode NFKC form and lower-cased, so ``Ann``, ``ann `` and ``ａｎｎ`` (full-width) are
one learner; what is left must be 1–64 characters of ``a-z 0-9 . _ @ -`` starting with a letter or digit. The id
names the learner's submission file and seeds their variant of each case, so it must be the same wherever it is
typed or taken from (a sign-in's user name, an HR roster, a file's name).
"""

from __future__ import annotations

import re
import unicodedata

LEARNER_ID = re.compile(r"^[a-z0-9][a-z0-9._@-]{0,63}$")
HINT = "(hint: letters, digits and . _ @ - only, up to 64 characters)"


def normalise_learner_id(text: str) -> str:
    """The id in its one form; ValueError with a hint when it cannot be a learner id."""
    learner = unicodedata.normalize("NFKC", text.strip()).lower()
    if not LEARNER_ID.fullmatch(learner):  # fullmatch: `$` alone would let a trailing newline through
        raise ValueError(f"{text!r} is not a usable learner id {HINT}")
    return learner


def is_normal_learner_id(text: str) -> bool:
    """Whether ``text`` is an id already in its one form, as the names of submission files must be."""
    try:
        return normalise_learner_id(text) == text
    except ValueError:
        return False
