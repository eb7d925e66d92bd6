"""The trainers' preview: any scenario file, any learner id, any language, in practice or exam mode, played in
the learner's player with the answer key beside it. Nothing is written: answers stay in memory."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import ipywidgets as widgets

from simkit.player.render import Displayed
from simkit.player.scenario import ScenarioPlayer
from simkit.player.session import Marker, ScenarioSession, memory_commit
from simkit.richtext.html import STYLE, error_html, markdown_html
from simkit.scenarios.library import find_scenario, library_root
from simkit.scenarios.paper import Paper, practice_paper
from simkit.scenarios.preview import render_preview
from simkit.scenarios.strip import strip_answers
from simkit.scenarios.variants import make_variant
from simkit.scenarios.yamlsource import parse
from simkit.submissions import ScenarioAnswers, normalise_learner_id


def scenario_files(root: Path | None = None) -> list[str]:
    return sorted(str(path) for path in (root or library_root()).glob("*.yaml"))


def preview_session(path: str, learner: str, mode: str, seed: int = 0) -> ScenarioSession:
    """A session on one scenario file as a learner would get it; exam mode plays the exam copy."""
    found_path, scenario, _report = find_scenario(path)
    if mode == "exam":
        paper = Paper.model_validate(strip_answers(parse(found_path).data, seed=seed))
    else:
        paper = practice_paper(scenario)
    variant = make_variant(scenario, seed, normalise_learner_id(learner))  # the variant the learner's player draws
    record = ScenarioAnswers(id=scenario.id, version=scenario.version, started_at=dt.datetime.now(dt.UTC))
    marker = Marker(scenario, variant) if mode == "practice" else None
    return ScenarioSession(paper, variant, record, memory_commit(paper, record), marker)


class ScenarioPreview(Displayed):
    def __init__(self, path: str | None = None, learner: str = "preview", lang: str = "ru") -> None:
        files = scenario_files()
        self.file = widgets.Combobox(
            options=files, value=path or (files[0] if files else ""), description="Scenario", ensure_option=False
        )
        self.file.layout.width = "600px"
        self.learner = widgets.Text(value=learner, description="Learner")
        self.lang = widgets.ToggleButtons(options=[("ru", "ru"), ("en", "en"), ("kk", "kk")], value=lang)
        self.mode = widgets.ToggleButtons(options=["practice", "exam"], value="practice")
        self.seed = widgets.IntText(value=0, description="Course seed")
        self.show = widgets.Button(description="Preview", button_style="primary")
        self.show.on_click(lambda _button: self.refresh())
        self.key = widgets.Accordion()
        self.stage = widgets.VBox()
        controls = widgets.VBox([self.file, widgets.HBox([self.learner, self.seed]), self.lang, self.mode, self.show])
        self.widget = widgets.VBox([widgets.HTML(STYLE), controls, self.key, self.stage])
        self.widget.add_class("simkit-player")
        self.refresh()

    def refresh(self) -> None:
        try:
            session = preview_session(
                self.file.value, self.learner.value.strip() or "preview", self.mode.value, self.seed.value
            )
        except ValueError as error:
            self.key.children, self.stage.children = (
                [],
                [widgets.HTML(error_html(str(error)))],
            )
            return
        _path, scenario, _report = find_scenario(self.file.value)
        key = widgets.HTML(
            markdown_html(
                render_preview(
                    scenario, make_variant(scenario, self.seed.value, session.variant.learner), self.lang.value
                )
            )
        )
        self.key.children = [key]
        self.key.set_title(0, "Answer key (trainers only)")
        self.key.selected_index = None
        self.stage.children = [ScenarioPlayer(session, self.lang.value).widget]
