"""Who the learner is: ``$SIMKIT_LEARNER``, else the JupyterHub user name, else the id given at the first run."""

from __future__ import annotations

import os
from collections.abc import Callable
from html import escape
from pathlib import Path

import ipywidgets as widgets

from simkit.files import atomic_write_text
from simkit.player.words import word
from simkit.settings import data_home
from simkit.submissions import normalise_learner_id

VARIABLES = ("SIMKIT_LEARNER", "JUPYTERHUB_USER")


def remembered_path() -> Path:
    return data_home() / "learner"


def learner_from_environment() -> str | None:
    for variable in VARIABLES:
        if value := os.environ.get(variable, "").strip():
            return value
    path = remembered_path()
    if path.is_file():
        return path.read_text("utf-8").strip() or None
    return None


def remember_learner(learner: str) -> str:
    atomic_write_text(remembered_path(), normalise_learner_id(learner) + "\n")
    return learner


class LearnerPrompt:
    """The first-run prompt: the learner types an id once; it is remembered for the next visits."""

    def __init__(self, on_learner: Callable[[str], None], lang: str = "ru") -> None:
        self.on_learner, self.lang = on_learner, lang
        self.field = widgets.Text(placeholder="ivanov.a", layout={"width": "280px"})
        self.field.add_class("simkit-learner-id")
        self.start = widgets.Button(description=word("start", lang), button_style="primary")
        self.start.add_class("simkit-start")
        self.message = widgets.HTML()
        self.start.on_click(lambda _button: self.submit())
        label = widgets.HTML(f"<label>{escape(word('who', lang))}</label>")
        self.widget = widgets.VBox([label, widgets.HBox([self.field, self.start]), self.message])

    def submit(self) -> None:
        try:
            learner = remember_learner(self.field.value.strip())
        except ValueError as error:
            self.message.value = f"<p class='simkit-error'>{escape(str(error))}</p>"
            return
        self.on_learner(learner)
