"""Verification codes: random, written for people, with a check character that catches typos.

A code is 15 characters of Crockford's base32 (75 random bits) and one check character, shown in groups of four:
``7K3M-Q9PX-2RTV-HW4C``. The alphabet has no I, L, O or U, so nothing reads as another character; typing an O for a
0, or an I or L for a 1, still finds the code. The gradebook keeps each code with the facts it was issued for
(table ``certificates``): a code cannot be derived from a certificate's facts, so a learner cannot make one, and
guessing one of the 2**75 is hopeless.
"""

from __future__ import annotations

import hashlib
import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base32
RANDOM_CHARACTERS = 15
LENGTH = RANDOM_CHARACTERS + 1
# What people type for what they see: O for zero, I and L for one; separators and case do not matter.
READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1", "-": None, " ": None, "\t": None})
EXAMPLE = "7K3M-Q9PX-2RTV-HW4C"


class MalformedCode(ValueError):
    """A string that cannot be a verification code: wrong length, alphabet or check character."""


def _check_character(body: str) -> str:
    # A hash rather than a sum: any mistyped or swapped characters change it, with 31 chances in 32.
    return ALPHABET[hashlib.sha256(body.encode("ascii")).digest()[0] % len(ALPHABET)]


def new_code() -> str:
    """A fresh code, as stored: 16 characters, no separators."""
    body = "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_CHARACTERS))
    return body + _check_character(body)


def shown(code: str) -> str:
    """A stored code as printed and typed: groups of four."""
    return "-".join(code[start : start + 4] for start in range(0, len(code), 4))


def parse_code(text: str) -> str:
    """The stored form of a code as a person typed it; MalformedCode says what is wrong with it."""
    code = text.strip().upper().translate(READ_AS)
    if len(code) != LENGTH or not re.fullmatch(f"[{ALPHABET}]+", code):
        raise MalformedCode(
            f"{text!r} is not a verification code (hint: 16 letters and digits in groups of four, like {EXAMPLE})"
        )
    if _check_character(code[:-1]) != code[-1]:
        raise MalformedCode(f"{text!r} is not a verification code: its check character does not match (a typo?)")
    return code
