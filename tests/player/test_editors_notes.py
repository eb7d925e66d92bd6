"""Wherever a provision is cited on a page, its editors' notes are shown with it, outside the folded text."""

from __future__ import annotations

import datetime as dt

from simkit.law import explain
from simkit.player.render import finding_html
from simkit.player.timelines import CaseExplorer
from simkit.richtext.html import feedback_html, provision_html
from simkit.scenarios import Scored
from simkit.scenarios.variants import Variant

EVE, DAY = dt.date(2026, 12, 31), dt.date(2027, 1, 1)


def outside_the_fold(page: str) -> str:
    return page.rsplit("</details>", 1)[-1]


def test_the_provision_panel_shows_the_court_resolution_beside_16_3_6() -> None:
    page = provision_html("law:16.3.6", "en")
    assert "06.03.2023 No. 4" in outside_the_fold(page) and "simkit-editors-note" in page
    assert "06.03.2023 № 4" in outside_the_fold(provision_html("law:16.3.6", "ru"))
    assert "06.03.2023" not in provision_html("law:16.3.5", "en")


def test_the_panel_says_whether_the_amendment_is_in_force_on_the_day() -> None:
    assert "not yet in force on 2026-12-31" in provision_html("law:16.3.14", "en", EVE)
    assert "in force since 2027-01-01" in provision_html("law:16.3.14", "en", DAY)
    assert "на 31.12.2026 ещё не действует" in provision_html("law:16.3.14", "ru", EVE)
    assert "действует с 01.01.2027" in provision_html("law:16.3.14", "kk", DAY)


def test_feedback_citing_a_provision_shows_its_note() -> None:
    scored = Scored(0.0, 2.0, False, None, ("law:44.5", "law:16.3.6"))
    page = feedback_html(scored, Variant("repeated-offence", 1, 0, "alice", {}), "en")
    assert page.count("simkit-editors-note") == 1 and "Constitutional Court" in page


def test_the_calculators_finding_shows_the_notes_of_the_provisions_it_rests_on() -> None:
    finding = explain.explain_reentry(applying=dt.date(2026, 5, 4), liability=dt.date(2024, 1, 10))
    page = finding_html(finding, "en")
    assert "06.03.2023 No. 4" in outside_the_fold(page)
    assert "<b style='color:#1b5e20'>yes</b>" in page


def test_a_sanction_found_is_named_not_coded() -> None:
    page = finding_html(explain.explain_sanction("law:50.1.3"), "en")
    assert "warning of incomplete fitness for the post or dismissal" in page
    assert "incompetence_warning" not in page


def test_the_timeline_explorer_shows_the_note_of_the_reentry_bar() -> None:
    explorer = CaseExplorer()
    assert "law:16.3.6" in explorer.outcome.value and "06.03.2023" in explorer.outcome.value


def test_a_scenarios_case_timeline_shows_the_note_of_the_reentry_bar() -> None:
    from simkit.player.case_view import case_widget
    from simkit.scenarios.library import find_scenario
    from simkit.scenarios.variants import make_variant

    _path, scenario, _report = find_scenario("gift-at-desk")
    step = next(step for step in scenario.steps if step.case and step.case.offence == "law:50.1.17")
    summary = case_widget(step.case, make_variant(scenario, 0, "alice"), "en").children[0].value
    assert "law:16.3.6" in summary and "06.03.2023 No. 4" in summary
