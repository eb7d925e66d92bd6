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
        (
            "markdown",
            "## How did the questions work?\n\n"
            "Per question, over each learner's current attempt in the gradebook: the facility index (share of "
            "the points earned), the discrimination index (correlation with the rest of the attempt) and the "
            "options chosen, the questions needing attention first. `simkit stats COURSE` prints the same; "
            "docs/grading.md explains how to read them.",
        ),
        ("code", 'stats = result.statistics(lang="ru")\nstats'),
    ],
    "compliance.ipynb": [
        (
            "markdown",
            "# Compliance with the training rhythm (HR, ethics commissioners)\n\n"
            "From an HR roster and the gradebook: who has not acknowledged the Code within three working days of "
            "entry (code:5) and whose advanced training, due at least once every three years (law:34.2), is due "
            "soon or overdue. `simkit roster ROSTER.csv` does the same; docs/compliance.md describes the columns, "
            "the statuses and the reading of the law. The example roster has a few bad rows on purpose: they are "
            "listed by line and left out.",
        ),
        (
            "code",
            "from simkit.compliance import example_roster\n\n"
            'ROSTER = example_roster()  # or the path of your roster, e.g. "roster.csv"\n'
            'AS_OF = "2026-06-01"  # the report\'s day, YYYY-MM-DD, or None for today\n'
            "DUE_WITHIN = 90  # days: advanced training due within them is shown as due soon",
        ),
        (
            "code",
            "from simkit.compliance.notebook import compliance\n\n"
            "report = compliance(ROSTER, as_of=AS_OF, due_within=DUE_WITHIN)\nreport",
        ),
        ("code", "report.write_csv()  # one row per learner, the bad rows beside it; or give a file"),
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
