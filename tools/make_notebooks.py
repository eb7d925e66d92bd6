"""Write the learner and trainer notebooks that are no more than a call into simkit.

Run after changing what they call: ``.venv/bin/python tools/make_notebooks.py``.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
METADATA = {
    "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
    "language_info": {"name": "python"},
}
CELLS: dict[str, list[tuple[str, str]]] = {
    "course_home.ipynb": [("code", "import simkit.player\n\nsimkit.player.home()")],
    "onboarding.ipynb": [("code", 'import simkit.player\n\nsimkit.player.course("onboarding")')],
    "advanced_training.ipynb": [("code", 'import simkit.player\n\nsimkit.player.course("advanced-training")')],
    "trainer_grading.ipynb": [
        (
            "markdown",
            "# Grading (trainers)\n\n"
            "The same steps as the command line: `simkit collect`, `simkit grade`, `simkit review`, "
            "`simkit feedback`. Set the course and the folder of submissions below; the gradebook is "
            "`$SIMKIT_GRADEBOOK` or `$SIMKIT_HOME/gradebook.sqlite`.",
        ),
        ("code", 'COURSE = "onboarding"\nSUBMISSIONS = None  # a folder, or None for the collected submissions'),
        (
            "code",
            "from simkit.grading.notebook import grade_course\n\nresult = grade_course(COURSE, SUBMISSIONS)\nresult",
        ),
        ("code", "result.pending_reviews()"),
        ("code", 'result.write_feedback(lang="ru")'),
    ],
    "scenario_preview.ipynb": [
        (
            "markdown",
            "# Scenario preview (trainers)\n\n"
            "Pick a scenario file, a learner id, a language and a mode: the scenario plays as that learner "
            "would get it, with the answer key above. Nothing is saved.",
        ),
        ("code", "from simkit.player.preview import ScenarioPreview\n\nScenarioPreview()"),
    ],
}


def notebook(cells: list[tuple[str, str]]) -> nbformat.NotebookNode:
    made = nbformat.v4.new_notebook(metadata=METADATA)
    for kind, source in cells:
        make = nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell
        made.cells.append(make(source))
    for number, cell in enumerate(made.cells):
        cell.id = f"cell-{number}"  # stable ids keep the files unchanged when regenerated
    return made


def main() -> None:
    for name, cells in CELLS.items():
        nbformat.write(notebook(cells), NOTEBOOKS / name)
        print(f"wrote notebooks/{name}")


if __name__ == "__main__":
    main()
