"""Voilà serves a widget notebook as learners get it: widgets live, code hidden."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from benchmarks._browser import write_notebook

from .conftest import Shots, VoilaFactory

CELL = """\
import ipywidgets as widgets

label = widgets.Label("not yet")
button = widgets.Button(description="Press me")
button.on_click(lambda _: setattr(label, "value", "pressed"))
widgets.VBox([button, label])
"""


def test_a_button_changes_a_label_and_no_code_shows(
    tmp_path: Path, voila: VoilaFactory, page: Page, shots: Shots, wait_for_control: Callable[[Page], Locator]
) -> None:
    url = voila(write_notebook(tmp_path / "smoke.ipynb", CELL), {"SIMKIT_LEARNER": "smoke.learner"})
    page.goto(url)
    button = wait_for_control(page)
    expect(button).to_have_text("Press me")
    expect(page.get_by_text("not yet")).to_be_visible()
    shots(page, "loaded")

    # Neither the cell's source nor an input area reaches the learner.
    assert "on_click" not in page.content()
    expect(page.locator(".jp-InputArea, .jp-CodeMirrorEditor")).to_have_count(0)

    button.click()
    expect(page.get_by_text("pressed", exact=True)).to_be_visible()
    shots(page, "pressed")
