"""Extract the Russian and English text of the bundled legal instruments into ``provisions.json``.

Usage::

    python tools/extract_provisions.py SEEDS_DIR [--out PATH]

``SEEDS_DIR`` holds the plain-text source documents; each instrument is recognised by a line of its
own text, not by file name:

* ``law`` -- the Law "On the civil service" (No. 416-V of 23.11.2015): English, then Russian from the
  line "О государственной службе Республики Казахстан". Articles ("Article 13. ..." / "Статья 13. ..."),
  numbered paragraphs ("1. ...") and subparagraphs ("1) ...", "5-1) ..."); chapter lines are skipped.
* ``code`` -- the Code of service ethics of civil employees (order No. 342 of 28.08.2020): Russian, then
  English from "On approval of the Code ...". The approving order is skipped; the Code begins after its
  heading, which follows the "Утвержден" / "Approved" block. Paragraphs 1-14 run across chapters.
* ``commissioner`` -- the Regulation on the ethics commissioner, English only, wrapped in web-page junk.
  Its section headings ("2. The main functions ...") look like paragraphs and are skipped.

The output (written with ``ensure_ascii=False, indent=1``, in document order) is::

    {"instruments": {"law": {"title": {"ru": ..., "en": ...}}, "code": {...}, "commissioner": {...}},
     "provisions": {"law:13": {"heading": {...}, "lead": {...}, "children": [...], "footnotes": {...}},
                    "law:13.1": {"lead": {...}, "children": ["law:13.1.1", ...]}, ...}}

Ids are ``law:<article>[.<paragraph>[.<subparagraph>]]``, ``code:<paragraph>[.<subparagraph>]`` and
``commissioner:<paragraph>[.<subparagraph>]``; numbers keep their hyphen (``law:24-1``, ``law:1.5-1``).
Subparagraphs of an article that has no numbered paragraphs are its direct children (``law:48.2``).

Every node has ``lead`` (its numbered first line and the unnumbered lines that continue it, joined with
"\\n") and ``children``; law articles have ``heading``, Code paragraphs ``chapter``. Unnumbered lines
after the last subparagraph of a list, when that subparagraph ends a sentence, belong to the parent and
go to its optional ``tail``, which follows the children. Editorial matter is never text: "Сноска." /
"Footnote." paragraphs and the editors' notes ("Примечание ИЗПИ!", "Note!" and the lines under them)
are kept, in document order, in the ``footnotes`` of the article (law) or of the paragraph they follow
(Code). Each text field is keyed by language, and only by the languages that have the node.

Each editors' note is also listed, with where it stands, under ``notes`` (by instrument, then language)::

    {"follows": "law:16.3.5", "precedes": "law:16.3.6", "part": 1, "between": [], "text": "Примечание ИЗПИ!\n..."}

``follows`` is the provision open when the note is met; ``precedes`` the provision the next line of text
belongs to, ``part`` that line's place in it (1: its numbered opening, 2: its second part, ...) and
``between`` the kinds of editorial or chapter lines met before it ("note", "footnote", "chapter").
Which provision a note concerns is read from this position by ``simkit.law.notes``.

The script prints one summary line of node counts per instrument and language, and a warning for each
structural difference between the Russian and English versions.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO_ROOT / "simkit" / "law" / "data" / "provisions.json"

LANGUAGES = ("ru", "en")
_NUMBER = r"\d+(?:-\d+)?"

ARTICLE = re.compile(rf"^(?:Статья|Article)\s+({_NUMBER})(?![\d-])\.?\s*(.*)$")
CHAPTER = re.compile(r"^(?:Глава|Chapter)\s+\d+")
PARAGRAPH = re.compile(rf"^({_NUMBER})\.(?!\d)\s*(\S.*)$")
SUBPARAGRAPH = re.compile(rf"^({_NUMBER})\)\s*(\S.*)$")
FOOTNOTE = re.compile(r"^(?:Сноска|Footnote)\.")
#: Editors' notes: "Примечание ИЗПИ!" (RU), a bare "Note!" or "Note" line (EN). A legislative
#: "Примечание." / "Note. ..." is part of the text and is not matched.
EDITORIAL_NOTE = re.compile(r"^(?:Примечание\s+(?:ИЗПИ|РЦПИ)!|ILLI\b.*|Note!?)$")
#: The President's signature that ends the Law.
SIGNATURE = re.compile(r"^(?:Президент|The President)$")
#: The page footer that ends the commissioner Regulation ("Дата создания: ...", "Edit date: ...").
PAGE_FOOTER = re.compile(r"^(?:Дата\s|Edit date\b)")
#: A sentence ends here: a final full stop, possibly followed by a closing quote or bracket.
SENTENCE_END = re.compile(r"\.[\"»”)]*$")

Kind = Literal["article", "chapter", "paragraph", "subparagraph", "footnote", "note", "text"]


@dataclass(frozen=True)
class Line:
    """One logical line of a source: its kind, its number (if numbered) and its stripped text."""

    kind: Kind
    number: str
    text: str


@dataclass
class Node:
    """A provision in one language while it is being built."""

    id: str
    kind: Kind
    lead: list[str] = field(default_factory=list)
    tail: list[str] = field(default_factory=list)
    children: list[str] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)
    heading: str | None = None
    chapter: str | None = None


Tree = dict[str, Node]


@dataclass
class Instrument:
    """One instrument: its title and its provisions in each language it exists in."""

    name: str
    title: dict[str, str]
    trees: dict[str, Tree]
    notes: dict[str, list[dict[str, object]]] = field(default_factory=dict)


class ExtractionError(RuntimeError):
    """The sources do not have the structure this script expects."""


# --------------------------------------------------------------------------- reading the sources


def find_source(seeds: Path, marker: str) -> list[str]:
    """The lines of the one source file in ``seeds`` that has a line reading exactly ``marker``."""
    found = []
    for path in sorted(seeds.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        if any(line.strip() == marker for line in lines):
            found.append((path, lines))
    if len(found) != 1:
        names = ", ".join(path.name for path, _ in found) or "none"
        raise ExtractionError(f"expected one source with the line {marker!r} in {seeds}, found {names}")
    return found[0][1]


def index_of(lines: Sequence[str], test: Callable[[str], bool], start: int = 0, what: str = "a line") -> int:
    """Index of the first line from ``start`` whose stripped text passes ``test``."""
    for index in range(start, len(lines)):
        if test(lines[index].strip()):
            return index
    raise ExtractionError(f"{what} was expected after line {start + 1} and is missing")


def starting(prefix: str) -> Callable[[str], bool]:
    return lambda text: text.startswith(prefix)


def next_nonblank(lines: Sequence[str], start: int) -> int:
    return index_of(lines, bool, start, "a non-blank line")


def block(lines: Sequence[str], start: int) -> list[str]:
    """The stripped non-blank lines from ``start`` up to the next blank line."""
    result = []
    for line in lines[start:]:
        if not line.strip():
            break
        result.append(line.strip())
    return result


# --------------------------------------------------------------------------- tokenising


def classify(text: str) -> tuple[Kind, str]:
    """The kind and number of one stripped, non-blank line."""
    if EDITORIAL_NOTE.match(text):
        return "note", ""
    if FOOTNOTE.match(text):
        return "footnote", ""
    if CHAPTER.match(text):
        return "chapter", ""
    if match := ARTICLE.match(text):
        return "article", match.group(1)
    if match := SUBPARAGRAPH.match(text):
        return "subparagraph", match.group(1)
    if match := PARAGRAPH.match(text):
        return "paragraph", match.group(1)
    return "text", ""


def tokenize(lines: Sequence[str]) -> Iterator[Line]:
    """Classified lines. An editors' note runs from its marker to the next blank line and becomes one
    ``note``, whatever its lines look like ("Article 59 is to be supplemented ...")."""
    note: list[str] = []
    for raw in lines:
        text = raw.strip()
        kind, number = classify(text) if text else ("text", "")
        if note and (not text or kind == "note"):
            yield Line("note", "", "\n".join(note))
            note = []
        if not text:
            continue
        if kind == "note" or note:
            note.append(text)
        else:
            yield Line(kind, number, text)
    if note:
        yield Line("note", "", "\n".join(note))


# --------------------------------------------------------------------------- building a tree


def number_key(number: str) -> tuple[int, ...]:
    return tuple(int(part) for part in number.split("-"))


class TreeBuilder:
    """Builds the provisions of one instrument in one language from its classified lines.

    ``levels`` names the line kinds that open a node at each depth. A subparagraph met where no
    paragraph is open becomes a child of the node above (an article's list: ``law:48.2``). Unnumbered
    lines after a subparagraph are held until the next numbered line shows whether that subparagraph
    was the last of its list: if it was and it ends a sentence, they are the parent's ``tail``.
    """

    def __init__(self, prefix: str, levels: Sequence[Kind], *, chapters: bool = False) -> None:
        self.prefix = prefix
        self.levels = tuple(levels)
        self.chapters = chapters
        self.nodes: Tree = {}
        self.stack: list[Node] = []
        self.pending: list[str] = []
        self.chapter: str | None = None
        self.closed = False
        self.notes: list[dict[str, object]] = []
        self.awaiting: list[dict[str, object]] = []  # notes whose next line of text is not met yet

    # -- public

    def feed(self, line: Line) -> None:
        if line.kind == "text":
            self.add_text(line.text)
        elif line.kind == "chapter":
            self.settle(sibling=False)
            self.chapter = line.text
            self.passed("chapter")
        elif line.kind in ("footnote", "note"):
            self.add_footnote(line)
        else:
            self.open(line)

    def finish(self) -> Tree:
        self.settle(sibling=False)
        self.placed(None, None)
        return self.nodes

    # -- numbered lines

    def open(self, line: Line) -> None:
        depth = self.depth_for(line.kind)
        self.settle(sibling=line.kind == "subparagraph" and len(self.stack) == depth + 1)
        del self.stack[depth:]
        parent = self.stack[-1] if self.stack else None
        node_id = f"{parent.id}.{line.number}" if parent else f"{self.prefix}:{line.number}"
        if node_id in self.nodes:
            raise ExtractionError(f"{node_id} appears twice: {line.text[:80]!r}")
        if parent:
            self.check_order(parent, line.number, node_id)
            parent.children.append(node_id)
        node = Node(node_id, line.kind)
        self.placed(node_id, 1)
        self.closed = False
        if line.kind == "article":
            node.heading = line.text
        else:
            node.lead.append(line.text)
        if depth == 0 and self.chapters and self.chapter:
            node.chapter = self.chapter
        self.nodes[node_id] = node
        self.stack.append(node)

    def depth_for(self, kind: Kind) -> int:
        if kind not in self.levels:
            raise ExtractionError(f"a {kind} line is not expected in {self.prefix}")
        if kind == "subparagraph":
            owners = [depth for depth, node in enumerate(self.stack) if node.kind != "subparagraph"]
            if not owners:
                raise ExtractionError(f"a subparagraph comes before any {self.levels[0]} in {self.prefix}")
            return owners[-1] + 1  # under the open paragraph, or the article when it has none (law:48.2)
        depth = self.levels.index(kind)
        if depth > len(self.stack):
            raise ExtractionError(f"a {kind} comes before any {self.levels[0]} in {self.prefix}")
        return depth

    def check_order(self, parent: Node, number: str, node_id: str) -> None:
        if parent.children:
            previous = parent.children[-1].rpartition(".")[2].rpartition(":")[2]
            if number_key(number) <= number_key(previous):
                raise ExtractionError(f"{node_id} follows {parent.children[-1]}: numbering goes backwards")

    # -- unnumbered lines

    def add_text(self, text: str) -> None:
        if not self.stack or self.closed:
            where = "after a footnote" if self.stack else "before the first provision"
            raise ExtractionError(f"unnumbered text {where} in {self.prefix}: {text[:80]!r}")
        node = self.stack[-1]
        self.placed(node.id, len(node.lead) + len(self.pending) + 1)
        if node.tail:
            node.tail.append(text)
        elif node.kind == "subparagraph":
            self.pending.append(text)
        else:
            node.lead.append(text)

    def settle(self, *, sibling: bool) -> None:
        """Place the held lines: in the open subparagraph, or in its parent's tail if it ended the list."""
        if not self.pending:
            return
        item, parent = self.stack[-1], self.stack[-2]
        ends_list = not sibling and bool(SENTENCE_END.search(item.lead[-1]))
        (parent.tail if ends_list else item.lead).extend(self.pending)
        if ends_list:
            self.stack.pop()  # further unnumbered lines continue the parent's tail
        self.pending = []

    # -- editorial matter

    def add_footnote(self, line: Line) -> None:
        """Keep a footnote or an editors' note with the article (law) or top-level paragraph (Code)."""
        if not self.stack:
            return  # editorial notes before the first provision (the Law's preamble) are dropped
        self.stack[0].footnotes.append(line.text)
        self.passed(line.kind)
        if line.kind == "note":
            self.awaiting.append({"follows": self.stack[-1].id, "text": line.text, "between": []})
        if line.kind == "footnote":
            self.settle(sibling=False)
            del self.stack[1:]
            self.closed = True  # a footnote ends its article or Code paragraph

    def passed(self, kind: str) -> None:
        """An editorial or chapter line stands between the awaiting notes and the text they precede."""
        for note in self.awaiting:
            note["between"].append(kind)  # type: ignore[union-attr]

    def placed(self, node_id: str | None, part: int | None) -> None:
        """The next line of text belongs to ``node_id`` (its ``part``): the awaiting notes precede it."""
        for note in self.awaiting:
            self.notes.append(
                {
                    "follows": note["follows"],
                    "precedes": node_id,
                    "part": part,
                    "between": note["between"],
                    "text": note["text"],
                }
            )
        self.awaiting = []


def build_tree(
    prefix: str, levels: Sequence[Kind], lines: Sequence[str], *, chapters: bool = False
) -> tuple[Tree, list[dict[str, object]]]:
    """The provisions of ``lines``, and the editors' notes among them with where each stands."""
    builder = TreeBuilder(prefix, levels, chapters=chapters)
    for line in tokenize(lines):
        builder.feed(line)
    return builder.finish(), builder.notes


# --------------------------------------------------------------------------- the three instruments


def extract_law(seeds: Path) -> Instrument:
    lines = find_source(seeds, "О государственной службе Республики Казахстан")
    russian = index_of(lines, lambda text: text == "О государственной службе Республики Казахстан")  # ru title
    parts = {"en": lines[:russian], "ru": lines[russian:]}
    titles: dict[str, str] = {}
    trees: dict[str, Tree] = {}
    notes: dict[str, list[dict[str, object]]] = {}
    for lang, part in parts.items():
        name = next_nonblank(part, 0)
        act = next_nonblank(part, name + 1)
        quoted = f"«{part[name].strip()}»" if lang == "ru" else f'"{part[name].strip()}"'
        titles[lang] = f"{part[act].strip().rstrip('.')} {quoted}"
        body_start = index_of(part, lambda text: bool(CHAPTER.match(text)), act + 1, "Chapter 1")
        body_end = index_of(part, lambda text: bool(SIGNATURE.match(text)), body_start, "the signature")
        trees[lang], notes[lang] = build_tree(
            "law", ("article", "paragraph", "subparagraph"), part[body_start:body_end]
        )
    return Instrument(
        "law",
        {lang: titles[lang] for lang in LANGUAGES},
        {lang: trees[lang] for lang in LANGUAGES},
        {lang: notes[lang] for lang in LANGUAGES if notes[lang]},
    )


def extract_code(seeds: Path) -> Instrument:
    lines = find_source(seeds, "Кодекс служебной этики гражданских служащих")
    english = index_of(lines, starting("On approval of the Code"), what="the English order")
    parts = {"ru": (lines[:english], "Утвержден"), "en": (lines[english:], "Approved")}
    titles: dict[str, str] = {}
    trees: dict[str, Tree] = {}
    notes: dict[str, list[dict[str, object]]] = {}
    for lang, (part, approved_word) in parts.items():
        approved = index_of(part, starting(approved_word), what=f"the {approved_word!r} block")
        approval = block(part, approved)
        heading = next_nonblank(part, approved + len(approval))
        approval_text = " ".join(approval)
        titles[lang] = f"{part[heading].strip()} ({approval_text[0].lower()}{approval_text[1:]})"
        trees[lang], found = build_tree("code", ("paragraph", "subparagraph"), part[heading + 1 :], chapters=True)
        if found:
            notes[lang] = found
    return Instrument("code", titles, trees, notes)


def is_section_heading(text: str) -> bool:
    """A numbered line that does not end in punctuation: a section heading of the Regulation."""
    return bool(PARAGRAPH.match(text)) and not re.search(r"[.:;,]$", text)


def extract_commissioner(seeds: Path) -> Instrument:
    lines = find_source(seeds, "about the ethics commissioner")
    position = index_of(lines, lambda text: text.casefold() == "position", what="the title 'POSITION'")
    subject = next_nonblank(lines, position + 1)
    title = f"{lines[position].strip().capitalize()} {lines[subject].strip()}"
    start = index_of(lines, lambda text: bool(PARAGRAPH.match(text)), subject + 1, "paragraph 1")
    end = index_of(lines, lambda text: bool(PAGE_FOOTER.match(text)), start, "the page footer")
    body = [line for line in lines[start:end] if not is_section_heading(line.strip())]
    tree, notes = build_tree("commissioner", ("paragraph", "subparagraph"), body)
    return Instrument("commissioner", {"en": title}, {"en": tree}, {"en": notes} if notes else {})


# --------------------------------------------------------------------------- merging the languages


def merge_orders(sequences: Sequence[Sequence[str]]) -> list[str]:
    """One order for the ids of all ``sequences``: the first's, with ids it lacks after their predecessor."""
    merged: list[str] = []
    for sequence in sequences:
        previous: str | None = None
        for item in sequence:
            if item not in merged:
                merged.insert(merged.index(previous) + 1 if previous else 0, item)
            previous = item
    return merged


def document_order(trees: dict[str, Tree]) -> list[str]:
    """Every id of ``trees`` (by language), parents before children, in the order of the documents."""

    def walk(ids: list[str]) -> Iterator[str]:
        for node_id in ids:
            yield node_id
            yield from walk(merge_orders([tree[node_id].children for tree in trees.values() if node_id in tree]))

    tops = merge_orders([[node_id for node_id, node in tree.items() if "." not in node_id] for tree in trees.values()])
    return list(walk(tops))


def by_language(nodes: dict[str, Node], value: Callable[[Node], object]) -> dict[str, object]:
    """``value(node)`` for each language whose node has a non-empty one."""
    return {lang: found for lang, node in nodes.items() if (found := value(node))}


def node_json(node_id: str, trees: dict[str, Tree]) -> dict[str, object]:
    nodes = {lang: tree[node_id] for lang, tree in trees.items() if node_id in tree}
    result: dict[str, object] = {}
    if heading := by_language(nodes, lambda node: node.heading):
        result["heading"] = heading
    if chapter := by_language(nodes, lambda node: node.chapter):
        result["chapter"] = chapter
    result["lead"] = {lang: "\n".join(node.lead) for lang, node in nodes.items()}
    if tail := by_language(nodes, lambda node: "\n".join(node.tail)):
        result["tail"] = tail
    result["children"] = merge_orders([node.children for node in nodes.values()])
    if footnotes := by_language(nodes, lambda node: list(node.footnotes)):
        result["footnotes"] = footnotes
    return result


def mismatches(instrument: Instrument) -> list[str]:
    """The structural differences between the languages of ``instrument``, one message each."""
    if len(instrument.trees) < 2:
        return []
    messages = []
    for node_id in document_order(instrument.trees):
        present = [lang for lang, tree in instrument.trees.items() if node_id in tree]
        if len(present) < len(instrument.trees):
            messages.append(f"{node_id} exists in {'/'.join(present)} only")
            continue
        nodes = {lang: instrument.trees[lang][node_id] for lang in present}
        with_tail = [lang for lang, node in nodes.items() if node.tail]
        if with_tail and len(with_tail) < len(present):
            messages.append(f"{node_id} has text after its subparagraphs (tail) in {'/'.join(with_tail)} only")
        notes = {lang: len(node.footnotes) for lang, node in nodes.items()}
        if len(set(notes.values())) > 1:
            counts = ", ".join(f"{count} in {lang}" for lang, count in notes.items())
            messages.append(f"{node_id} has different numbers of footnotes and editors' notes: {counts}")
    return messages


# --------------------------------------------------------------------------- output


def build_document(instruments: Sequence[Instrument]) -> dict[str, object]:
    provisions: dict[str, object] = {}
    for instrument in instruments:
        for node_id in document_order(instrument.trees):
            provisions[node_id] = node_json(node_id, instrument.trees)
    return {
        "instruments": {instrument.name: {"title": instrument.title} for instrument in instruments},
        "provisions": provisions,
        "notes": {instrument.name: instrument.notes for instrument in instruments if instrument.notes},
    }


def summary(instruments: Sequence[Instrument], out: Path) -> str:
    counts = "; ".join(
        f"{instrument.name}: " + ", ".join(f"{lang} {len(tree)}" for lang, tree in instrument.trees.items())
        for instrument in instruments
    )
    return f"provisions: {counts} -> {out}"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("seeds", type=Path, metavar="SEEDS_DIR", help="folder of the plain-text sources")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output file (default: {DEFAULT_OUT})")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if not args.seeds.is_dir():
        print(f"error: {args.seeds} is not a folder", file=sys.stderr)
        return 2
    try:
        instruments = [extract_law(args.seeds), extract_code(args.seeds), extract_commissioner(args.seeds)]
    except ExtractionError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    text = json.dumps(build_document(instruments), ensure_ascii=False, indent=1) + "\n"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(summary(instruments, args.out))
    for instrument in instruments:
        for message in mismatches(instrument):
            print(f"warning: {message}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
