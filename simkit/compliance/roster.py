"""Reading an HR roster: one CSV row per learner. A bad row is reported with its line and left out; the rest of
the roster is read. Only a file that cannot be a roster at all (not found, not UTF-8, required columns missing)
stops with one error line.

A learner who left the service and entered it again keeps one row: the entry-date cell lists every entry, and the
acknowledgement cell every sheet signed, separated by ``;``, ``,`` or spaces (``01.03.2015; 05.09.2022``). Each
entry opens onboarding again (interpretation note ``reentry-onboarding``)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from simkit.compliance.columns import COLUMN_ORDER, Header, delimiter_of, match_header, normalised, parse_date
from simkit.submissions import normalise_learner_id

if TYPE_CHECKING:
    from simkit.compliance.register import Mapping

DATE_HINT = "YYYY-MM-DD or DD.MM.YYYY"
DATE_SEPARATORS = re.compile(r"[;,\s]+")  # between the dates of one cell: no date form has any of them
# law:1.1, law:1.3: corps A and B are the administrative servants; law:1.16 political servants; civil employees
# work under the Labour Code (code:1). Cyrillic А and Б are accepted: they are what a Russian keyboard types.
CORPS = {
    "a": "A",
    "а": "A",
    "b": "B",
    "б": "B",
    "political": "political",
    "политический": "political",
    "employee": "employee",
    "civil employee": "employee",
    "гражданский служащий": "employee",
}
CORPS_PREFIXES = ("corps ", "корпус ")


class RosterEntry(NamedTuple):  # a tuple: a roster of the whole civil service makes a hundred thousand
    line: int
    learner: str
    name: str
    organisation: str
    entry_date: dt.date  # the latest entry into the civil service (a transfer between bodies is none, law:15.2-1)
    corps: str | None  # "A", "B", "political", "employee", or None when the roster does not say
    last_training: dt.date | None  # the last advanced training HR know of (law:34.2)
    acknowledged_on: dt.date | None  # the latest acknowledgement sheet in the personal file (code:5, code:6)
    entries: tuple[dt.date, ...] = ()  # every entry, earliest first (entry_date is the last); () means entry_date
    signed: tuple[dt.date, ...] = ()  # every acknowledgement sheet the roster gives, earliest first

    @property
    def entry_dates(self) -> tuple[dt.date, ...]:
        return self.entries or (self.entry_date,)

    @property
    def acknowledgements(self) -> tuple[dt.date, ...]:
        if self.signed:
            return self.signed
        return () if self.acknowledged_on is None else (self.acknowledged_on,)


class RosterProblem(NamedTuple):
    line: int
    learner: str
    reason: str


@dataclass
class Roster:
    source: str
    delimiter: str = ","
    columns: tuple[str, ...] = ()  # the known columns the header has
    ignored: tuple[str, ...] = ()  # other columns, not read
    entries: list[RosterEntry] = field(default_factory=list)
    problems: list[RosterProblem] = field(default_factory=list)


def _text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ValueError(f"{path}: no such file (hint: give the roster's CSV file)") from None
    except OSError as error:
        raise ValueError(f"{path}: cannot read: {error.strerror or error} (hint: check the path)") from None
    try:
        return data.decode("utf-8-sig")  # with or without the byte-order mark Excel writes
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ValueError(
            f"{path}:{line}: not UTF-8 text (hint: in Excel, save as 'CSV UTF-8 (comma delimited)')"
        ) from None


def _records(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """Each record with the line it starts on (a quoted value may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = 1
    for record in reader:
        yield start, record
        start = reader.line_num + 1


@lru_cache(maxsize=256)
def parse_corps(value: str) -> tuple[str | None, str | None]:
    """(corps, None), or (None, the reason it is not one); an empty cell is no corps stated."""
    key = normalised(value)
    for prefix in CORPS_PREFIXES:
        key = key.removeprefix(prefix)
    if not key:
        return None, None
    if key not in CORPS:
        return None, f"corps {value.strip()!r} is not A, B, political or employee (law:1.1, law:1.3)"
    return CORPS[key], None




DateParser = Callable[[str], dt.date]


class RosterReader:
    """Reads the rows one by one, remembering the line of each id to name it when the id comes again."""

    def __init__(
        self,
        header: Header,
        delimiter: str,
        as_of: dt.date,
        parse: DateParser = parse_date,
        hint: str = DATE_HINT,
    ) -> None:
        self.header, self.delimiter, self.as_of = header, delimiter, as_of
        self.parse, self.hint = parse, hint
        self.first_line: dict[str, int] = {}
        lacking = header.width  # the empty cell each row gets at its end
        self.cells = itemgetter(*(header.positions.get(column, lacking) for column in COLUMN_ORDER))

    def date(self, value: str, column: str, reasons: list[str]) -> dt.date | None:
        if not value:
            return None
        try:
            day = self.parse(value)
        except ValueError:
            reasons.append(f"{column} {value!r} is not a date ({self.hint})")
            return None
        if day > self.as_of:
            reasons.append(f"{column} {day} is after the report date {self.as_of}")
        return day

    def dates(self, value: str, column: str, reasons: list[str]) -> tuple[dt.date, ...]:
        """Every date of a cell, earliest first, each checked as ``date`` checks one."""
        if not DATE_SEPARATORS.search(value):
            day = self.date(value, column, reasons)
            return () if day is None else (day,)
        found = (self.date(part, column, reasons) for part in DATE_SEPARATORS.split(value) if part)
        return tuple(sorted({day for day in found if day is not None}))

    def width_problem(self, record: list[str]) -> str | None:
        """When a row's fields do not line up with the header, its cells cannot be told apart: that alone is said."""
        width, expected = len(record), self.header.width
        if width == expected:
            return None
        shown = "a tab" if self.delimiter == "\t" else repr(self.delimiter)
        return f"{width} field(s) where the header has {expected} (hint: quote a value containing {shown})"

    def learner(self, line: int, cell: str, reasons: list[str]) -> str:
        """The row's learner id by the learner-id rule (as the gradebook holds it), or the cell when it is not one.

        The cell is given to the rule as it is: what the rule trims (spaces) it trims, and a newline or a tab in
        it refuses the id here as it would anywhere else."""
        try:
            learner = normalise_learner_id(cell)
        except ValueError as error:
            reasons.append(str(error))
            return cell
        if learner in self.first_line:
            reasons.append(f"learner {learner!r} again (first on line {self.first_line[learner]}): this row left out")
        else:
            self.first_line[learner] = line
        return learner

    def row(self, line: int, record: list[str]) -> RosterEntry | RosterProblem:
        reasons: list[str] = []
        where = self.header.positions["learner"]
        learner = self.learner(line, record[where] if where < len(record) else "", reasons)
        if (misaligned := self.width_problem(record)) is not None:
            return RosterProblem(line, learner, "; ".join([*reasons, misaligned]))
        record.append("")  # what a column the header lacks reads
        _, name, organisation, entered, trained, corps_cell, signed = map(str.strip, self.cells(record))
        entries = self.dates(entered, "entry_date", reasons)
        if not entered:
            reasons.append("no entry_date")
        last = self.date(trained, "last_advanced_training", reasons)
        acknowledged = self.dates(signed, "acknowledged_on", reasons)
        corps, wrong_corps = parse_corps(corps_cell)
        if wrong_corps:
            reasons.append(wrong_corps)
        if reasons or not entries:
            return RosterProblem(line, learner, "; ".join(reasons))
        several, sheets = (entries if len(entries) > 1 else ()), (acknowledged if len(acknowledged) > 1 else ())
        latest = acknowledged[-1] if acknowledged else None
        return RosterEntry(line, learner, name, organisation, entries[-1], corps, last, latest, several, sheets)


def _source(path: Path, mapping: Mapping | None) -> tuple[str, Iterator[tuple[int, list[str]]]]:
    """The delimiter (a comma for a workbook) and the records of a CSV file or of a workbook's sheet."""
    from simkit.compliance.sheets import is_workbook, sheet_rows  # openpyxl only for a workbook

    if is_workbook(path):
        return ",", sheet_rows(path, mapping.sheet if mapping else None)
    text = _text(path)
    lines = text.split("\n", mapping.header_row if mapping else 1)
    delimiter = delimiter_of(lines[min(len(lines), mapping.header_row if mapping else 1) - 1])
    return delimiter, _records(text, delimiter)


def read_roster(path: Path | str, as_of: dt.date, mapping: Mapping | None = None) -> Roster:
    """The roster's good rows and, for each bad one, its line and what is wrong with it. A CSV file or an XLSX
    workbook; with ``mapping`` (simkit.compliance.register) the columns are an HR register's, as it names them."""
    path = Path(path)
    delimiter, records = _source(path, mapping)
    first = mapping.header_row if mapping else 1
    header_record = next((record for record in records if record[0] >= first), None)
    if header_record is None or not any(value.strip() for value in header_record[1]):
        names = "its first line names" if mapping is None else f"its row {first} (header_row) names"
        raise ValueError(f"{path}:{first}: the roster is empty (hint: {names} the columns, docs/compliance.md)")
    rows: Iterator[tuple[int, list[str], str | None]]
    if mapping is None:
        header = match_header(str(path), header_record[1])
        columns, ignored = tuple(header.positions), header.ignored
        rows = ((line, record, None) for line, record in records)
        reader = RosterReader(header, delimiter, as_of)
    else:
        from simkit.compliance.register import Mapped

        mapped = Mapped(mapping, str(path), header_record[1])
        columns = tuple(column for column in COLUMN_ORDER if mapped.positions[column])
        ignored, rows = mapped.ignored, mapped.rows(records)
        reader = RosterReader(mapped.header, delimiter, as_of, mapping.parse_date, mapping.date_hint)
    roster = Roster(str(path), delimiter, columns, ignored)
    for line, record, problem in rows:
        if not "".join(record).strip():
            continue  # blank lines, as spreadsheets leave at the end
        found = reader.row(line, record) if problem is None else RosterProblem(line, record[0].strip(), problem)
        if isinstance(found, RosterEntry):
            roster.entries.append(found)
        else:
            roster.problems.append(found)
    return roster
