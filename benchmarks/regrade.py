"""Before and after a change of keys: for each scenario whose file differs from a git revision, the same seeded
simulated learners' answers scored by the old keys and by the new, and how many learners' scores go up or down.

Each learner plays the old version (the one they answered) and draws the values the old version drew; the new keys
score the same answers on the same values. A learner answers right with their own skill, and where the law leaves
room holds a reading of each contested interpretation note: the one simkit's rules implement with probability
0.7, otherwise one of the other tenable readings. Answering a date, number or provision question right, a
learner gives what their readings make the answer (the new version's key or one of its alternatives); answering a
choice right, the old key; answering wrong, a mistake as simkit.grading.synthetic makes them. A learner is
"reading-sensitive" when some question on their way has an alternative that differs from the key for them.

Run: .venv/bin/python benchmarks/regrade.py --before REV [--learners 3000] [--seed N] [--json]
(each case with the seed of the course that lists it, unless --seed is given)
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import subprocess
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from simkit.grading.synthetic import _answer as mistake
from simkit.law.interpretations import interpretations
from simkit.scenarios import AnswerError, answer_key, model, score
from simkit.scenarios.paper import next_step, practice_paper
from simkit.scenarios.scoring import computed_keys
from simkit.scenarios.validate import schema_issues
from simkit.scenarios.variants import Variant, make_variant
from simkit.scenarios.yamlsource import parse

ROOT = Path(__file__).resolve().parents[1]
LIBRARY = ROOT / "scenarios"
KEYED = (model.DateQuestion, model.NumberQuestion, model.ProvisionQuestion)
IMPLEMENTED_SHARE = 0.7  # learners holding the reading simkit implements, on each contested note


@dataclass(frozen=True)
class Change:
    case: str
    before: int
    after: int
    learners: int
    up: int
    down: int
    same: int
    mean_change: float
    reading_sensitive: int


def scenario_from(text: str, name: str) -> model.Scenario:
    """A scenario's model from its YAML text (an earlier revision's file need not pass today's checks)."""
    source = parse(Path(name), text)
    parsed, issues = schema_issues(source, model.Scenario)
    if not isinstance(parsed, model.Scenario):
        raise ValueError(f"{name}: {issues[0] if issues else 'not a scenario'}")
    return parsed


def changed_cases(revision: str) -> list[tuple[model.Scenario, model.Scenario]]:
    """(before, after) for each scenario file of the library that differs from ``revision``."""
    pairs = []
    for path in sorted(LIBRARY.glob("*.yaml")):
        relative = path.relative_to(ROOT).as_posix()
        shown = subprocess.run(["git", "show", f"{revision}:{relative}"], cwd=ROOT, capture_output=True, text=True)
        now = path.read_text("utf-8")
        if shown.returncode == 0 and shown.stdout != now:
            pairs.append((scenario_from(shown.stdout, relative), scenario_from(now, relative)))
    return pairs


def course_seeds() -> dict[str, int]:
    """Each scenario's course seed, from the library's courses (the learners' variants depend on it)."""
    seeds: dict[str, int] = {}
    for path in sorted((LIBRARY / "courses").glob("*.yaml")):
        data = parse(path).data
        seeds.update({scenario: int(data["seed"]) for scenario in data.get("scenarios", ())})
    return seeds


def profile(rng: random.Random) -> dict[str, str]:
    """The reading a learner holds of each contested note."""
    held = {}
    for note in interpretations().values():
        if note.contested:
            first, *others = note.readings
            chosen = first if rng.random() < IMPLEMENTED_SHARE else rng.choice(others)
            held[note.id] = f"{note.id}/{chosen.id}"
    return held


def readings_answer(step: model.Step, variant: Variant, held: dict[str, str]) -> Any | None:
    """What a learner who knows the law gives under their readings: the step's key or the alternative whose
    readings, with the key's for the other notes, are the learner's (None when the step has no alternatives)."""
    if not isinstance(step, KEYED) or not step.alternatives:
        return None
    declared = {ref.partition("/")[0]: ref for ref in map(model.reading_ref, step.readings)}
    keys = computed_keys(step, variant.values) if not isinstance(step, model.ProvisionQuestion) else None
    for index, alternative in enumerate(step.alternatives, 1):
        readings = {**declared, **{ref.partition("/")[0]: ref for ref in alternative.readings}}
        if all(held.get(note) == ref for note, ref in readings.items()) and readings != declared:
            return _shown(alternative.key[0] if keys is None else keys[index])  # type: ignore[index]
    return _shown(step.key[0] if keys is None else keys[0])  # type: ignore[index]


def _shown(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def sensitive(step: model.Step, variant: Variant) -> bool:
    if not isinstance(step, model.DateQuestion | model.NumberQuestion) or not step.alternatives:
        return isinstance(step, model.ProvisionQuestion) and bool(step.alternatives)
    keys = computed_keys(step, variant.values)
    return any(key != keys[0] for key in keys[1:])


def play(old: model.Scenario, new: model.Scenario, variants: tuple[Variant, Variant], rng: random.Random) -> tuple:
    """The learner's answers to the old version, and whether a question on the way is reading-sensitive."""
    skill, held = rng.uniform(0.5, 0.95), profile(rng)
    paper, new_steps = practice_paper(old), {step.id: step for step in new.steps}
    answers: dict[str, Any] = {}
    touched, step_id = False, old.first
    while step_id is not None:
        step = old.step(step_id)
        if isinstance(step, model.End):
            break
        if not isinstance(step, model.QUESTION_TYPES):
            step_id = step.next
            continue
        newer = new_steps.get(step.id)
        given = readings_answer(newer, variants[1], held) if newer is not None and type(newer) is type(step) else None
        right = rng.random() < skill
        value = given if right and given is not None else mistake(step, answer_key(step, variants[0]), rng, right)
        touched |= newer is not None and sensitive(newer, variants[1])
        answers[step.id] = value
        step_id = next_step(paper.step(step.id), value)
    return answers, touched


def total(found: model.Scenario, answers: dict[str, Any], variant: Variant) -> float:
    """The points the answers earn along the way they lead in ``found``; an answer it cannot take earns none, and
    the way stops at a question the learner did not answer."""
    points, step_id, paper = 0.0, found.first, practice_paper(found)
    while step_id is not None:
        step = found.step(step_id)
        if isinstance(step, model.End) or (isinstance(step, model.QUESTION_TYPES) and step.id not in answers):
            break
        if not isinstance(step, model.QUESTION_TYPES):
            step_id = step.next
            continue
        with contextlib.suppress(AnswerError):  # an option the new version no longer has earns nothing
            points += score(step, answers[step.id], variant).points or 0.0
        step_id = next_step(paper.step(step.id), answers[step.id])
    return points


def regrade(old: model.Scenario, new: model.Scenario, learners: int, seed: int) -> Change:
    drawn = new.model_copy(update={"version": old.version})  # the same draws for the values both versions have
    up = down = touched = 0
    change = 0.0
    for number in range(learners):
        learner = f"learner{number:05d}"
        variants = (make_variant(old, seed, learner), make_variant(drawn, seed, learner))
        answers, sensitive_here = play(old, new, variants, random.Random(f"{seed}:{old.id}:{learner}"))
        delta = total(new, answers, variants[1]) - total(old, answers, variants[0])
        up, down, touched = up + (delta > 1e-9), down + (delta < -1e-9), touched + sensitive_here
        change += delta
    same = learners - up - down
    return Change(old.id, old.version, new.version, learners, up, down, same, round(change / learners, 4), touched)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", required=True, help="The git revision whose keys the learners were scored by.")
    parser.add_argument("--learners", type=int, default=3000)
    parser.add_argument("--seed", type=int, help="Course seed of the learners' variants (default: the course's).")
    parser.add_argument("--json", action="store_true", help="Print the results as JSON.")
    arguments = parser.parse_args()
    seeds = course_seeds()
    results = [
        regrade(old, new, arguments.learners, seeds.get(old.id, 0) if arguments.seed is None else arguments.seed)
        for old, new in changed_cases(arguments.before)
    ]
    if arguments.json:
        print(json.dumps([asdict(result) for result in results], indent=2))
        return
    print(f"{'case':28} {'version':>8} {'up':>6} {'down':>6} {'same':>6} {'mean':>8} {'reading-sensitive':>18}")
    for result in results:
        print(
            f"{result.case:28} {result.before:>3} → {result.after:<2} {result.up:>6} {result.down:>6} "
            f"{result.same:>6} {result.mean_change:>+8.3f} {result.reading_sensitive:>18}"
        )
    print(f"learners per case: {arguments.learners}; seed: {arguments.seed or 'the course of each case'}")


if __name__ == "__main__":
    main()
