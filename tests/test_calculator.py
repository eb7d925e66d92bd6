"""The law calculator widget, driven as a person would: set dates, add a suspension, switch language."""

from __future__ import annotations

import datetime as dt

from simkit.player.calculator import LawCalculator


def test_a_suspension_added_in_the_widget_moves_the_deadline() -> None:
    calculator = LawCalculator(lang="en")
    panel = calculator.deadline
    panel.committed.value = dt.date(2026, 1, 10)
    panel.revealed.value = dt.date(2026, 3, 1)
    panel.discrediting.value = True
    assert "2026-06-01" in panel.output.value
    panel.suspension_start.value = dt.date(2026, 4, 1)
    panel.suspension_end.value = dt.date(2026, 4, 14)
    panel.add.click()
    assert "2026-06-15" in panel.output.value
    assert "law:45.4" in panel.output.value
    panel.clear.click()
    assert "2026-06-01" in panel.output.value


def test_impossible_dates_show_a_message_not_a_traceback() -> None:
    panel = LawCalculator(lang="en").deadline
    panel.committed.value = dt.date(2026, 3, 1)
    panel.revealed.value = dt.date(2026, 2, 1)
    assert "cannot be revealed" in panel.output.value


def test_switching_language_keeps_the_dates_and_relabels() -> None:
    calculator = LawCalculator(lang="ru")
    calculator.transfers.day.value = dt.date(2026, 3, 1)
    assert "Срок передачи подарка" in calculator.transfers.output.value
    calculator.language.value = "en"
    assert calculator.transfers.day.value == dt.date(2026, 3, 1)
    assert "Gift transfer deadline" in calculator.transfers.output.value
    assert "not a working day" in calculator.transfers.output.value
    assert calculator.deadline.committed.description == "Committed"


def test_onboarding_tab_counts_working_days() -> None:
    panel = LawCalculator(lang="en").onboarding
    panel.day.value = dt.date(2026, 3, 20)
    assert "2026-03-30" in panel.output.value
    assert "code:5" in panel.output.value
