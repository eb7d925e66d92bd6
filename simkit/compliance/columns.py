"""The roster's columns: their names in English or Russian, matched whatever the case or spacing, and the
delimiter, read from the header line."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

EARLIEST = dt.date(1900, 1, 1)  # an earlier year is a typing slip, not a date of anyone's service
COLUMN_ORDER = ("learner", "name", "organisation", "entry_date", "last_advanced_training", "corps", "acknowledged_on")

# column: the names a header may give it (English as documented; Russian as HR exports often have them)
ALIASES: dict[str, tuple[str, ...]] = {
    "learner": ("learner", "learner_id", "id", "идентификатор", "ид"),
    "name": ("name", "full_name", "фио", "имя"),
    "organisation": ("organisation", "organization", "организация", "государственный орган", "орган"),
    "entry_date": ("entry_date", "entry", "дата поступления", "дата поступления на службу"),
    "last_advanced_training": (
        "last_advanced_training",
        "last_training",
        "последнее повышение квалификации",
        "повышение квалификации",
    ),
    "corps": ("corps", "корпус"),
    "acknowledged_on": ("acknowledged_on", "acknowledgement", "дата ознакомления", "ознакомлен с кодексом"),
}
REQUIRED = ("learner", "organisation", "entry_date")
DELIMITERS = (",", ";", "\t")
SEPARATORS = re.compile(r"[\s_\-]+")


def normalised(header: str) -> str:
    """A header as compared: case, ё, spaces, hyphens and underscores do not matter."""
    return SEPARATORS.sub(" ", header.strip().lower().replace("ё", "е")).strip()


KNOWN = {normalised(alias): column for column, aliases in ALIASES.items() for alias in aliases}


@dataclass(frozen=True)
class Header:
    positions: dict[str, int]  # column -> its index in each row
    width: int  # fields in the header line
    ignored: tuple[str, ...]  # headers of columns simkit does not read


def delimiter_of(header_line: str) -> str:
    """The delimiter the header line uses most (outside quotes); a comma when it has none."""
    unquoted = re.sub(r'"[^"]*"', "", header_line)
    counts = {delimiter: unquoted.count(delimiter) for delimiter in DELIMITERS}
    best = max(DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def match_header(path: str, fields: list[str]) -> Header:
    """Where each known column is; one error naming every required column missing and the columns found."""
    positions: dict[str, int] = {}
    ignored = []
    for index, field in enumerate(fields):
        column = KNOWN.get(normalised(field))
        if column is None:
            ignored.append(field.strip())
        elif column in positions:
            first = fields[positions[column]].strip()
            raise ValueError(
                f"{path}:1: columns {first!r} and {field.strip()!r} both give {column} (hint: keep one of them)"
            )
        else:
            positions[column] = index
    missing = [column for column in REQUIRED if column not in positions]
    if missing:
        found = ", ".join(repr(field.strip()) for field in fields if field.strip()) or "none"
        raise ValueError(
            f"{path}:1: missing required column(s) {', '.join(missing)}; found {found} "
            f"(hint: the header needs {', '.join(REQUIRED)}; see docs/compliance.md)"
        )
    return Header(positions, len(fields), tuple(name for name in ignored if name))


@lru_cache(maxsize=1 << 16)
def parse_date(value: str) -> dt.date:
    """A date as HR write it, ``2026-03-02`` or ``02.03.2026``; ValueError otherwise."""
    if "." in value:
        day, month, year = value.split(".")
        if len(year) != 4:
            raise ValueError(value)
        parsed = dt.date(int(year), int(month), int(day))
    else:
        parsed = dt.date.fromisoformat(value)
        if len(value) != 10:  # fromisoformat also takes 20260302 and week dates
            raise ValueError(value)
    if parsed < EARLIEST:
        raise ValueError(value)
    return parsed
