"""Verification codes: random, grouped for people, forgiving of look-alike characters, strict about typos."""

from __future__ import annotations

import pytest

from simkit.gradebook.codes import ALPHABET, MalformedCode, _check_character, new_code, parse_code, shown


def test_a_new_code_is_sixteen_unambiguous_characters_shown_in_groups_of_four() -> None:
    codes = {new_code() for _ in range(200)}
    assert len(codes) == 200  # random: never the same twice in practice
    for code in codes:
        assert len(code) == 16 and set(code) <= set(ALPHABET) and not set(code) & set("ILOU")
        assert len(shown(code)) == 19 and shown(code).count("-") == 3
        assert parse_code(shown(code)) == code


def test_a_code_is_read_whatever_the_case_spacing_and_look_alike_letters() -> None:
    body = "0123456789ABCDE"
    code = body + _check_character(body)
    typed = f" o123 4567 89ab cde{code[-1].lower()} ".replace("1", "l", 1)
    assert parse_code(typed) == code


@pytest.mark.parametrize(
    "text", ["", "ABCD-EFGH", "0123-4567-89AB-CDEF-G", "0123-4567-89AB-CDE*", "Ы123-4567-89AB-CDEF"]
)
def test_a_string_of_the_wrong_length_or_alphabet_is_malformed(text: str) -> None:
    with pytest.raises(MalformedCode, match=r"is not a verification code .*like 7K3M-Q9PX-2RTV-HW4C"):
        parse_code(text)


def test_a_mistyped_character_breaks_the_check_character() -> None:
    body = "7K3MQ9PX2RTVHW4"
    code = body + _check_character(body)
    wrong = ALPHABET[(ALPHABET.index(code[-1]) + 1) % len(ALPHABET)]
    with pytest.raises(MalformedCode, match="check character does not match"):
        parse_code(code[:-1] + wrong)
    caught = 0
    for position in range(15):  # one character mistyped anywhere: nearly always caught
        for replacement in ALPHABET:
            if replacement != body[position]:
                typo = body[:position] + replacement + body[position + 1 :] + code[-1]
                caught += _check_character(typo[:-1]) != typo[-1]
    assert caught / (15 * 31) > 0.9
