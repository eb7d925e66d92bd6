"""The course page driven in Chromium as a learner drives it, for the browser tests (a Voilà server of its own) and
the hub's (the learner's server behind the hub): a case opened from the course's list, each question answered by
the option's label, the date field, the provision's entry in the list, in the language shown."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Locator, Page

from simkit.scenarios import answer_key, make_variant
from simkit.scenarios.model import Scenario

# An answer shows as feedback (practice) or as saved (an exam, where nothing is said about correctness).
SHOWN = ".simkit-feedback, .simkit-saved"


class Learner:
    """Plays a case of ``scenario`` in ``page`` as ``login``: the course seeded ``seed`` gives the variant, whose
    texts find the controls and whose key gives the right answers."""

    def __init__(self, page: Page, scenario: Scenario, seed: int, login: str, lang: str = "ru") -> None:
        self.page, self.scenario, self.seed, self.login, self.lang = page, scenario, seed, login, lang
        self.variant = make_variant(scenario, seed, login)
        self.ticked: list[str] = []  # the labels of the options chosen, in the order asked
        self.dates: list[str] = []

    def open_case(self, course: str | None = None, case: str | None = None) -> None:
        """Open the case (this learner's scenario unless named), first the course in a page listing several."""
        if course:
            self.page.locator(f".simkit-course-{course}").click()
        self.page.locator(f".simkit-open-{case or self.scenario.id}").click()
        self.page.locator(".simkit-current, .simkit-step-end").first.wait_for()

    def text(self, text: Any) -> str:
        return self.variant.render(text, self.lang)

    def current(self) -> Locator:
        return self.page.locator(".simkit-current")

    def current_step(self) -> Any:
        prompt = self.current().locator(".widget-html-content").first.inner_text().strip()
        return next(
            step
            for step in self.scenario.steps
            if getattr(step, "prompt", None) and self.text(step.prompt).strip() == prompt
        )

    def answer(self, choice: str | None = None) -> str:
        """Give ``choice`` (an option's id) or else the right answer to the current question, wait for it to show
        and for what comes next; return its step id."""
        step_id = self.choose(choice)
        self.settle(self.press())
        return step_id

    def choose(self, choice: str | None = None) -> str:
        """Put ``choice`` or the right answer in the current question's control, not sent yet; return its step id."""
        step = self.current_step()
        key = answer_key(step, self.variant)
        current = self.current()
        if step.type == "single_choice":
            option = next(option for option in step.options if option.id == (choice or key[0]))
            current.get_by_label(self.text(option.text), exact=True).check()
            self.ticked.append(self.text(option.text))
        elif step.type == "multiple_choice":
            for option in step.options:
                if option.id in key:
                    current.get_by_label(self.text(option.text), exact=True).check()
                    self.ticked.append(self.text(option.text))
        elif step.type == "date":
            current.locator("input[type=date]").fill(key.isoformat())
            self.dates.append(key.isoformat())
        elif step.type == "provision":
            labels = [label.replace("\xa0", " ") for label in current.locator("select option").all_text_contents()]
            current.locator("select").select_option(
                index=next(n for n, text in enumerate(labels) if text.startswith(key[0] + " "))
            )
        else:
            raise AssertionError(f"{self.scenario.id}: no way here to answer a {step.type} question")
        return str(step.id)

    def press(self) -> int:
        """Press the answer button without waiting; return how many answers showed before."""
        shown = self.page.locator(SHOWN).count()
        self.current().locator(".simkit-answer").click()
        return shown

    def settle(self, shown: int) -> None:
        """Wait for the answer pressed to show, then for the next question or the case's end."""
        self.page.wait_for_function(f"document.querySelectorAll({SHOWN!r}).length > {shown}")
        self.page.locator(".simkit-current, .simkit-step-end").first.wait_for()

    def confirmed(self) -> int:
        """How many answers the page shows as saved (the service answered before the page says so)."""
        return self.page.locator(".simkit-saved").count()

    def finished(self) -> bool:
        return self.page.locator(".simkit-step-end").count() > 0
