"""The flags that mark a question to look at first, and the thresholds they are drawn at (simkit.grading.statistics
says why these): shared by the statistics, their report and their chart."""

from __future__ import annotations

from simkit.i18n import N_

NEGATIVE, WEAK, VERY_HARD, VERY_EASY = "negative_discrimination", "weak_discrimination", "very_hard", "very_easy"
FLAGS = (NEGATIVE, VERY_HARD, WEAK, VERY_EASY)  # most urgent first: the order questions are listed in
WEAK_BELOW = 30.0  # discrimination index, percent
HARD_AT_MOST, EASY_AT_LEAST = 10.0, 90.0  # facility index, percent
FLAG_WORDS = {
    NEGATIVE: N_("statistics.flag.negative_discrimination"),
    VERY_HARD: N_("statistics.flag.very_hard"),
    WEAK: N_("statistics.flag.weak_discrimination"),
    VERY_EASY: N_("statistics.flag.very_easy"),
}


def flags_of(facility: float | None, discrimination: float | None) -> tuple[str, ...]:
    flags = set()
    if discrimination is not None and discrimination < WEAK_BELOW:
        flags.add(NEGATIVE if discrimination < 0 else WEAK)
    if facility is not None and facility <= HARD_AT_MOST:
        flags.add(VERY_HARD)
    if facility is not None and facility >= EASY_AT_LEAST:
        flags.add(VERY_EASY)
    return tuple(flag for flag in FLAGS if flag in flags)
