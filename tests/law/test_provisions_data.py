"""Checks of the committed provisions data (simkit/law/data/provisions.json), read with json only.

The last test regenerates the file from the plain-text sources with tools/extract_provisions.py and
compares; it is skipped where the sources (a folder shared/seeds beside the repository) are absent.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "simkit" / "law" / "data" / "provisions.json"
SCRIPT = REPO / "tools" / "extract_provisions.py"
SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"

_NUMBER = r"\d+(?:-\d+)?"
#: How deep each instrument's ids go: law article.paragraph.subparagraph, the others paragraph.subparagraph.
ID_GRAMMAR = {
    "law": re.compile(rf"^law:{_NUMBER}(?:\.{_NUMBER}){{0,2}}$"),
    "code": re.compile(rf"^code:{_NUMBER}(?:\.{_NUMBER})?$"),
    "commissioner": re.compile(rf"^commissioner:{_NUMBER}(?:\.{_NUMBER})?$"),
}
TEXT_FIELDS = ("heading", "chapter", "lead", "tail")
EDITORIAL_MARKERS = ("Сноска", "Footnote", "Примечание ИЗПИ", "ИЗПИ", "РЦПИ", "Note!")


@cache
def document() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


def provisions() -> dict[str, dict]:
    return document()["provisions"]


def compose(node_id: str, lang: str) -> str | None:
    """The full text of a provision in ``lang``: its lead, its children's text, then its tail."""
    node = provisions()[node_id]
    if lang not in node["lead"]:
        return None
    parts = [node["lead"][lang]]
    parts += [text for child in node["children"] if (text := compose(child, lang))]
    parts.append(node.get("tail", {}).get(lang, ""))
    return "\n".join(part for part in parts if part)


def instrument_of(node_id: str) -> str:
    return node_id.partition(":")[0]


def test_instruments_have_titles() -> None:
    instruments = document()["instruments"]
    assert set(instruments) == {"law", "code", "commissioner"}
    for name in ("law", "code"):
        assert set(instruments[name]["title"]) == {"ru", "en"}
    assert set(instruments["commissioner"]["title"]) == {"en"}
    assert "416-V" in instruments["law"]["title"]["ru"]
    assert "№ 342" in instruments["code"]["title"]["ru"]


@pytest.mark.parametrize("article", [str(number) for number in range(1, 70)] + ["24-1", "25-1", "64-1"])
def test_every_law_article_exists_in_both_languages(article: str) -> None:
    node = provisions()[f"law:{article}"]
    assert set(node["lead"]) == {"ru", "en"}
    assert node["heading"]["ru"].startswith(f"Статья {article}.")
    assert node["heading"]["en"].startswith(f"Article {article}")


def test_law_has_no_other_articles() -> None:
    articles = [node_id for node_id in provisions() if node_id.startswith("law:") and "." not in node_id]
    assert len(articles) == 69 + 3


@pytest.mark.parametrize(("instrument", "count"), [("code", 14), ("commissioner", 10)])
def test_paragraphs_are_numbered_continuously(instrument: str, count: int) -> None:
    tops = [node_id for node_id in provisions() if node_id.startswith(f"{instrument}:") and "." not in node_id]
    assert tops == [f"{instrument}:{number}" for number in range(1, count + 1)]


def test_ids_match_the_grammar() -> None:
    bad = [node_id for node_id in provisions() if not ID_GRAMMAR[instrument_of(node_id)].match(node_id)]
    assert bad == []


def test_children_exist_and_extend_their_parent_id() -> None:
    for node_id, node in provisions().items():
        for child in node["children"]:
            assert child in provisions(), f"{node_id} lists missing child {child}"
            assert child.startswith(f"{node_id}."), f"{child} is listed under {node_id}"
            assert "." not in child[len(node_id) + 1 :], f"{child} skips a level under {node_id}"


def test_every_nested_provision_is_listed_once_by_its_parent() -> None:
    listed = [child for node in provisions().values() for child in node["children"]]
    assert len(listed) == len(set(listed))
    nested = [node_id for node_id in provisions() if "." in node_id]
    assert sorted(nested) == sorted(listed)


def test_no_text_holds_editorial_matter() -> None:
    found = [
        (node_id, field, lang)
        for node_id, node in provisions().items()
        for field in TEXT_FIELDS
        for lang, text in node.get(field, {}).items()
        if any(marker in text for marker in EDITORIAL_MARKERS)
    ]
    assert found == []


def test_texts_are_stripped() -> None:
    for node_id, node in provisions().items():
        for field in TEXT_FIELDS:
            for lang, text in node.get(field, {}).items():
                for line in text.splitlines():
                    assert line == line.strip(), f"{node_id} {field} [{lang}] has untrimmed line {line!r}"


def test_footnotes_are_kept_apart() -> None:
    footnotes = provisions()["law:13"]["footnotes"]
    assert footnotes["ru"][-1].startswith("Сноска. Статья 13")
    assert footnotes["en"][-1].startswith("Footnote. Article 13")
    code_9 = provisions()["code:9"]["footnotes"]
    assert code_9["ru"][0].startswith("Сноска. Пункт 9")
    assert code_9["en"][0].startswith("Footnote. Paragraph 9")


def test_law_13_7_russian_names_adopted_children() -> None:
    assert "усыновителями (удочерителями), усыновленными (удочеренными)" in compose("law:13.7", "ru")


def test_code_9_16_russian_gives_seven_calendar_days() -> None:
    assert "семи календарных дней" in compose("code:9.16", "ru")


def test_law_50_1_16_russian_gives_two_weeks() -> None:
    assert "двухнедельный" in compose("law:50.1.16", "ru")


def test_law_45_2_russian_gives_three_months() -> None:
    assert "трех месяцев" in compose("law:45.2", "ru")


def test_subparagraphs_without_a_paragraph_hang_from_the_article() -> None:
    assert provisions()["law:48"]["children"] == ["law:48.1", "law:48.2"]
    assert compose("law:48.2", "ru").startswith("2) в случае проведения служебного расследования")
    assert "law:1.5-1" in provisions()["law:1"]["children"]


def test_text_after_a_list_is_the_parents_tail() -> None:
    node = provisions()["law:44.3"]
    assert node["tail"]["ru"].startswith("Законами Республики Казахстан могут устанавливаться иные виды")
    assert compose("law:44.3", "ru").endswith(node["tail"]["ru"])
    assert "tail" not in provisions()["law:13.1"]
    assert compose("law:13.1.3", "ru").splitlines()[1].startswith("При этом государственные служащие")


def test_code_skips_the_approving_order_and_keeps_its_chapters() -> None:
    assert compose("code:1", "ru").startswith("1. Настоящий Кодекс служебной этики")
    assert compose("code:1", "en").startswith("1. This Code of Ethics for Civil Servants")
    assert provisions()["code:13"]["chapter"]["ru"].startswith("Глава 4.")


def test_commissioner_is_english_only() -> None:
    nodes = {node_id: node for node_id, node in provisions().items() if node_id.startswith("commissioner:")}
    assert nodes
    for node_id, node in nodes.items():
        assert "en" in node["lead"], node_id
        for field in (*TEXT_FIELDS, "footnotes"):
            assert "ru" not in node.get(field, {}), f"{node_id} {field}"
    assert compose("commissioner:4.3", "en").startswith("3) on the instructions of the management")


def test_committed_data_matches_a_fresh_extraction(tmp_path: Path) -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"the source documents are not here ({SEEDS})")
    out = tmp_path / "provisions.json"
    run = subprocess.run(
        [sys.executable, str(SCRIPT), str(SEEDS), "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert out.read_text(encoding="utf-8") == DATA.read_text(encoding="utf-8")
