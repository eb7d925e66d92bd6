"""The learner-id rule, the one every part of simkit applies (player, collect, intake, grading, the gradebook's
queries, the roster, certificates, exports, the command line, the hub and the grading service).

An id is put in Unicode NFKC form, the spaces around it trimmed and lower-cased, so ``Ann``, ``ann `` and ``ａｎｎ``
(full-width) are one learner; what is left must be 1–64 characters of ``a-z 0-9 . _ @ -`` starting with a letter
or digit. Nothing else is trimmed: a newline, a tab or any other control character refuses the id, since an id
carrying one was pasted from something or made up, not typed. The id names the learner's submission file and
seeds their variant of each case, so it must be the same wherever it is typed or taken from (a sign-in's user
name, an HR roster, a file's name).

Two ways in, one rule: :func:`normalise_learner_id` for what a person or another system names (a typed option, a
sign-in, a roster cell), which may differ from the id by case or width; :func:`require_learner_id` for what
simkit itself wrote (a submission's ``learner``, a file's name, a gradebook row), which must already be the id in
its one form. Both refuse with the same message.
"""

from __future__ import annotations

import re
import unicodedata

from simkit.submissions.limits import quoted

LEARNER_ID = re.compile(r"[a-z0-9][a-z0-9._@-]{0,63}")
HINT = "(hint: letters, digits and . _ @ - only, up to 64 characters)"
AS_WRITTEN = "(hint: simkit writes ids in lower case, without spaces around; a file or row edited by hand?)"


def refusal(text: str) -> str:
    """The rule's message for ``text``, which cannot be a learner id; every entry point says this."""
    return f"{quoted(text)} is not a usable learner id {HINT}"  # quoted: a pasted page stays one short line


def normalise_learner_id(text: str) -> str:
    """The id in its one form; ValueError with the rule's message when it cannot be a learner id."""
    if LEARNER_ID.fullmatch(text):  # already the one form: NFKC, trimming and lower case change none of these
        return text
    learner = unicodedata.normalize("NFKC", text).strip(" ").lower()  # NFKC first: U+3000 and U+00A0 become spaces
    if not LEARNER_ID.fullmatch(learner):
        raise ValueError(refusal(text))
    return learner


def require_learner_id(text: str) -> str:
    """``text`` when it is a learner id in its one form, as what simkit wrote must be; ValueError otherwise, with
    the rule's message (and, for an id the rule would fold, the form it folds to)."""
    learner = normalise_learner_id(text)
    if learner != text:
        folded = f"its one form is {learner!r} {AS_WRITTEN}"
        raise ValueError(f"{quoted(text)} is not a usable learner id as written: {folded}")
    return learner


def is_normal_learner_id(text: str) -> bool:
    """Whether ``text`` is an id already in its one form, as the names of submission files must be."""
    return LEARNER_ID.fullmatch(text) is not None
