"""The player's widgets driven as a learner would, without a browser: click, choose, switch language, reload."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from simkit.law.clock import legal_today
from simkit.player.course import CoursePlayer
from simkit.player.enrolment import Enrolment
from simkit.player.home import CourseHome
from simkit.player.scenario import ScenarioPlayer
from simkit.richtext.html import markdown_html
from simkit.submissions import read_submission
from tests.player.test_session import play_right, right_answer

Enrol = Callable[..., Enrolment]
CASE = "hiring-relatives"  # a case of the practice course: a wrong first choice leads to a disciplinary case
VERDICTS = ("simkit-verdict-correct", "simkit-verdict-partly", "simkit-verdict-incorrect")


def all_html(widget: object) -> str:
    own = getattr(widget, "value", "") if type(widget).__name__ == "HTML" else ""
    own = "" if own.startswith("<style>") else own
    return own + "".join(all_html(child) for child in getattr(widget, "children", ()))


def answer(player: ScenarioPlayer, value: object) -> None:
    view = player.views[-1]
    assert view.control is not None and view.button is not None
    view.control.set(value)
    view.button.click()


def test_practice_feedback_follows_the_answer_with_the_provision_in_russian_and_english(enrol: Enrol) -> None:
    player = ScenarioPlayer(enrol().open(CASE), lang="en")
    answer(player, "leak_questions")
    feedback = player.views[0].response.value
    assert "simkit-verdict-incorrect" in feedback and "an advantage not provided for by law" in feedback
    assert "<summary>code:10.11" in feedback and "<pre lang='ru'>11) предоставление" in feedback
    assert "<pre lang='en'>11) granting of advantages" in feedback


def test_a_wrong_choice_shows_where_it_leads_on_the_simulated_timeline(enrol: Enrol) -> None:
    player = ScenarioPlayer(enrol().open(CASE), lang="en")
    answer(player, "leak_questions")
    page = all_html(player.widget)
    assert "What happens next: the disciplinary case" in page and "deadline for a sanction" in page
    assert "law:46.1" in page and "sanction imposed" in page
    assert any(type(child).__name__ == "Image" for child in player.steps.children[1].children[1].children)


def test_the_right_path_shows_no_case(enrol: Enrol) -> None:
    player = ScenarioPlayer(enrol().open(CASE), lang="en")
    answer(player, "declare")
    assert "disciplinary case" not in all_html(player.widget)


def test_an_exam_shows_that_answers_are_saved_and_nothing_about_correctness(enrol: Enrol) -> None:
    session = enrol("advanced-training").open("gift-at-desk")
    player = ScenarioPlayer(session, lang="en")
    for value in ("keep", "dismissal"):
        answer(player, value)
    page = all_html(player.widget)
    assert "Answer saved." in page and "Your answers are recorded." in page
    assert not any(verdict in page for verdict in VERDICTS) and "points" not in page
    assert "disciplinary case" not in page


def test_a_missing_answer_asks_for_one_and_saves_nothing(enrol: Enrol) -> None:
    enrolment = enrol()
    player = ScenarioPlayer(enrolment.open(CASE), lang="ru")
    player.views[-1].button.click()  # type: ignore[union-attr]
    assert "Выберите один из вариантов." in player.views[-1].response.value
    assert not enrolment.path.exists()


def test_switching_language_keeps_given_and_pending_answers(enrol: Enrol) -> None:
    player = ScenarioPlayer(enrol().open(CASE), lang="ru")
    answer(player, "declare")
    player.views[-1].control.set(["never"])  # type: ignore[union-attr]
    player.switch.value = "en"
    assert "Which statements are true?" in player.views[-1].body.value
    assert player.views[0].control.value == "declare" and player.views[0].control.widget.disabled  # type: ignore[union-attr]
    assert player.views[-1].control.value == ["never"]  # type: ignore[union-attr]
    assert "simkit-verdict-correct" in player.views[0].response.value


def test_a_reloaded_page_shows_the_answers_given_before(enrol: Enrol) -> None:
    first = ScenarioPlayer(enrol().open(CASE), lang="en")
    answer(first, "declare")
    answer(first, ["kinship_allowed", "same_criteria"])
    again = ScenarioPlayer(enrol().open(CASE), lang="en")
    assert [view.step.id for view in again.views] == ["recuse", "can_hire", "gossip"]
    assert sorted(again.views[1].control.value) == ["kinship_allowed", "same_criteria"]  # type: ignore[union-attr]
    assert again.counter.value.startswith("Questions answered: 2 of")


def test_every_question_type_can_be_answered_through_its_control(enrol: Enrol) -> None:
    enrolment = enrol()
    session = enrolment.open(CASE)
    player = ScenarioPlayer(session, lang="en")
    while (current := session.walked.current) is not None:
        value = right_answer(session, current.id)
        answer(player, dt.date.fromisoformat(value) if current.type == "date" else value)  # type: ignore[arg-type]
    assert enrolment.status(CASE) == "done"
    assert "the gift was handed over by" in all_html(player.widget)  # the end's outcome


def test_the_ordering_control_moves_items_and_is_answered_in_its_order(enrol: Enrol) -> None:
    session = enrol().open("code-conduct")
    step = next(step for step in session.paper.steps if step.type == "ordering")
    from simkit.player.controls import make_control

    control = make_control(step, session.order(step), session.variant, "en")
    before = control.value
    control.downs[0].click()  # type: ignore[attr-defined]
    assert control.value == [before[1], before[0], *before[2:]]
    assert control.ups[0].disabled and control.downs[-1].disabled  # type: ignore[attr-defined]
    assert all(button.tooltip in ("Move up", "Move down") for button in control.ups + control.downs)  # type: ignore[attr-defined]


def test_the_provision_picker_shows_the_chosen_provisions_text(enrol: Enrol) -> None:
    session = enrol().open(CASE)
    from simkit.player.controls import make_control

    control = make_control(session.paper.step("reserve"), [], session.variant, "ru")
    control.set("code:10.11")
    assert "code:10.11" in control.text.value and "<pre lang='ru'>" in control.text.value  # type: ignore[attr-defined]


def test_the_course_lists_status_and_records_the_acknowledgement(enrol: Enrol) -> None:
    enrolment = enrol()
    course = CoursePlayer(enrolment, lang="en")
    assert all_html(course.widget).count("not started") == len(enrolment.bundle.course.scenarios)
    player = course.open(CASE)
    play_right(player.session)
    course.show()
    assert "simkit-status-done" in all_html(course.widget)
    acknowledgement = next(child for child in course.content.children if "simkit-acknowledgement" in child._dom_classes)
    confirm = acknowledgement.children[2]
    confirm.click()
    assert "First tick" in all_html(acknowledgement)
    acknowledgement.children[1].value = True
    confirm.click()
    saved = read_submission(enrolment.path).acknowledgement
    assert saved is not None and saved.signed_on == legal_today()  # the day in Kazakhstan (note legal-day)
    assert "Acknowledgement recorded on" in all_html(acknowledgement)



def back_buttons(widget: object) -> list[Any]:
    found = [widget] if "simkit-back" in getattr(widget, "_dom_classes", ()) else []
    return found + [button for child in getattr(widget, "children", ()) for button in back_buttons(child)]


def test_back_leaves_a_scenario_for_its_course_and_the_course_for_the_home(enrol: Enrol) -> None:
    left: list[str] = []
    course = CoursePlayer(enrol(), lang="en", on_back=lambda: left.append("course"))
    player = course.open(CASE)
    assert course.content.children == (player.widget,)
    (back,) = back_buttons(player.widget)
    back.click()
    assert course.player is None and "not started" in all_html(course.widget)
    (back,) = back_buttons(course.widget)
    back.click()
    assert left == ["course"]


def test_a_page_opened_on_its_own_has_no_back_button(enrol: Enrol) -> None:
    assert back_buttons(ScenarioPlayer(enrol().open(CASE), lang="en").widget) == []
    assert back_buttons(CoursePlayer(enrol(), lang="en").widget) == []

@pytest.fixture
def one_machine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch SIMKIT_HOME outside JupyterHub with no learner chosen: the OS user is the learner."""
    monkeypatch.setenv("SIMKIT_HOME", str(tmp_path))
    for variable in ("SIMKIT_LEARNER", "JUPYTERHUB_USER"):
        monkeypatch.delenv(variable, raising=False)
    return tmp_path


def test_the_hub_user_is_the_learner_and_simkit_learner_cannot_override_it(
    one_machine: Path, monkeypatch: pytest.MonkeyPatch, release: Path
) -> None:
    monkeypatch.setenv("JUPYTERHUB_USER", "Petrova.M")
    monkeypatch.setenv("SIMKIT_LEARNER", "ivanov.a")
    home = CourseHome(lang="en", release=release)
    page = all_html(home.widget)
    assert home.learner == "petrova.m" and "Signed in as <b class='simkit-learner'>petrova.m</b>" in page
    assert "make run" not in page and "ivanov.a" not in page  # a hub learner cannot become someone else


def test_simkit_learner_is_the_learner_and_the_page_says_how_to_change_it(
    one_machine: Path, monkeypatch: pytest.MonkeyPatch, release: Path
) -> None:
    monkeypatch.setenv("SIMKIT_LEARNER", " Ivanov.A ")
    home = CourseHome(lang="ru", release=release)
    page = all_html(home.widget)
    assert home.learner == "ivanov.a" and "Вы вошли как <b class='simkit-learner'>ivanov.a</b>" in page
    assert "make run LEARNER=…" in page and "Мои курсы" in page


def test_without_a_chosen_id_the_os_user_is_the_learner(
    one_machine: Path, monkeypatch: pytest.MonkeyPatch, release: Path
) -> None:
    monkeypatch.setattr("getpass.getuser", lambda: "Sidorov")  # the OS account cannot be changed by a test
    home = CourseHome(lang="en", release=release)
    assert home.learner == "sidorov" and "Onboarding course" in all_html(home.widget)


@pytest.mark.parametrize(
    ("variable", "value", "named"),
    [("SIMKIT_LEARNER", "bad id!", "$SIMKIT_LEARNER"), ("JUPYTERHUB_USER", "user/../x", "$JUPYTERHUB_USER")],
)
def test_a_bad_id_in_the_environment_is_one_line_on_the_page_and_no_course(
    one_machine: Path, monkeypatch: pytest.MonkeyPatch, release: Path, variable: str, value: str, named: str
) -> None:
    monkeypatch.setenv(variable, value)
    home = CourseHome(lang="en", release=release)
    page = all_html(home.widget)
    assert home.learner is None and page.count("simkit-error") == 1
    assert f"The learner cannot be told: {named}" in page and "is not a usable learner id" in page
    assert "Onboarding course" not in page


def test_an_old_remembered_id_file_is_neither_read_nor_written(
    one_machine: Path, monkeypatch: pytest.MonkeyPatch, release: Path
) -> None:
    (one_machine / "learner").write_text("someone.else\n", "utf-8")
    monkeypatch.setattr("getpass.getuser", lambda: "sidorov")
    before = sorted(path.relative_to(one_machine) for path in one_machine.rglob("*"))
    home = CourseHome(lang="en", release=release)
    assert home.learner == "sidorov" and "someone.else" not in all_html(home.widget)
    home.open(home_enrolment(home, "onboarding"))
    assert (one_machine / "learner").read_text("utf-8") == "someone.else\n"
    assert sorted(path.relative_to(one_machine) for path in one_machine.rglob("*")) == before


def test_a_single_course_page_and_an_opened_course_still_show_who_is_signed_in(
    one_machine: Path, monkeypatch: pytest.MonkeyPatch, release: Path
) -> None:
    monkeypatch.setenv("JUPYTERHUB_USER", "petrova.m")
    only = CourseHome(lang="en", release=release, only="onboarding")
    assert "Signed in as <b class='simkit-learner'>petrova.m</b>" in all_html(only.widget)
    home = CourseHome(lang="ru", release=release)
    home.open(home_enrolment(home, "advanced-training"))
    assert "Вы вошли как <b class='simkit-learner'>petrova.m</b>" in all_html(home.widget)


def home_enrolment(home: CourseHome, course_id: str) -> Enrolment:
    from simkit.player.home import open_enrolment

    assert home.learner is not None
    return open_enrolment(course_id, home.learner, home.release)


def test_a_damaged_submission_shows_as_one_line_in_the_home(
    release: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SIMKIT_HOME", str(tmp_path))
    damaged = tmp_path / "submissions" / "onboarding" / "alice.json"
    damaged.parent.mkdir(parents=True)
    damaged.write_text("{not json", "utf-8")
    page = all_html(CourseHome(learner="alice", lang="en", release=release).widget)
    assert "alice.json: damaged JSON at line 1, column 2" in page and "Advanced" in page


def without_kazakh(node: Any) -> Any:
    """A paper's data with every text's Kazakh removed, as a case not yet translated has it."""
    if isinstance(node, dict):
        return {key: without_kazakh(value) for key, value in node.items() if key != "kk"}
    if isinstance(node, list):
        return [without_kazakh(item) for item in node]
    return node


def test_kazakh_is_offered_only_where_the_scenario_has_it(enrol: Enrol) -> None:
    session = enrol().open(CASE)
    player = ScenarioPlayer(session, lang="kk")
    assert player.switch.options == (("Русский", "ru"), ("English", "en"), ("Қазақша", "kk"))
    assert player.switch.value == "kk" and session.paper.narrative.kk
    assert player.narrative.value == markdown_html(session.variant.render(session.paper.narrative, "kk"))
    session.paper = type(session.paper).model_validate(without_kazakh(session.paper.model_dump()))
    assert ScenarioPlayer(session, lang="kk").switch.options == (("Русский", "ru"), ("English", "en"))


def test_the_trainers_preview_plays_any_learners_variant_with_its_key_and_saves_nothing(tmp_path: Path) -> None:
    from simkit.player.preview import ScenarioPreview
    from simkit.scenarios.library import library_root

    preview = ScenarioPreview(str(library_root() / "gift-at-desk.yaml"), learner="alice", lang="en")
    assert "Key" in all_html(preview.key) and "gift_transfer_deadline" not in all_html(preview.stage)
    player = preview.stage.children[0]
    assert "What does" in all_html(player)
    preview.mode.value = "exam"
    preview.file.value = str(tmp_path / "missing.yaml")
    preview.show.click()
    assert "missing.yaml" in all_html(preview.stage) and "simkit-error" in all_html(preview.stage)
