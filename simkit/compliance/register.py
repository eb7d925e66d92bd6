"""An HR register's export read as a roster: a small YAML mapping says which of its columns hold the learner id
(the personal number), the name, the entry dates, the organisation, the corps or category, and in which forms its
dates are written (docs/hr-register.md). Each row is turned into the roster's own columns and read by the roster's
rules, so the learner-id rule, the corps and the bad-row reports are the same."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from simkit.compliance.columns import COLUMN_ORDER, Header, normalised, parse_date

Names = Annotated[tuple[str, ...], Field(min_length=1)]
Record = tuple[int, list[str]]


def _names(value: object) -> object:
    return (value,) if isinstance(value, str) else value


class Columns(BaseModel):
    """The register's headers for each roster column; a list joins its cells (name: surname, given name,
    patronymic) or gathers every date (entry_dates: first entry, re-entry)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    learner: str
    name: Names | None = None
    entry_dates: Names
    organisation: str | None = None
    corps: str | None = None
    last_advanced_training: str | None = None
    acknowledged_on: Names | None = None

    _one_or_many = field_validator("name", "entry_dates", "acknowledged_on", mode="before")(_names)


class Mapping(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    columns: Columns
    sheet: str | None = None  # XLSX: the sheet's name (default: the first)
    header_row: int = Field(1, ge=1)  # the row naming the columns
    organisation: str | None = None  # the organisation of every row, when the register has no such column
    date_formats: tuple[str, ...] = ("%d.%m.%Y", "%Y-%m-%d")  # strptime forms, tried in order
    values: dict[str, dict[str, str]] = {}  # column -> register value -> roster value (corps: {"А-1": A})

    @field_validator("values")
    @classmethod
    def _known(cls, values: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
        unknown = set(values) - {"corps", "organisation"}
        if unknown:
            raise ValueError(f"values can translate corps and organisation, not {', '.join(sorted(unknown))}")
        return {column: {normalised(k): v for k, v in table.items()} for column, table in values.items()}

    @property
    def date_hint(self) -> str:
        return " or ".join(dt.date(2026, 3, 2).strftime(form) for form in self.date_formats) + ", as 2 March 2026"

    def parse_date(self, value: str) -> dt.date:
        return _parse(value, self.date_formats)


@lru_cache(maxsize=1 << 16)
def _parse(value: str, forms: tuple[str, ...]) -> dt.date:
    for form in forms:
        try:
            return parse_date(dt.datetime.strptime(value, form).date().isoformat())
        except ValueError:
            continue
    if len(value) >= 10 and value[4] == "-":  # a real date cell of a workbook, read as its ISO form
        return parse_date(value[:10])
    raise ValueError(value)


def load_mapping(path: Path | str) -> Mapping:
    """The mapping file, or one line naming the file and what is wrong in it."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text("utf-8"))
    except FileNotFoundError:
        raise ValueError(f"{path}: no such file (hint: give the register mapping, docs/hr-register.md)") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        where = getattr(error, "problem_mark", None)
        line = f":{where.line + 1}" if where else ""
        raise ValueError(f"{path}{line}: not a YAML mapping file ({type(error).__name__})") from None
    try:
        return Mapping.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        place = ".".join(str(part) for part in first["loc"]) or "the file"
        raise ValueError(f"{path}: {place}: {first['msg']} (hint: see docs/hr-register.md)") from None


class Mapped:
    """The register's rows as the roster's: the cells of COLUMN_ORDER, in that order."""

    header = Header({column: index for index, column in enumerate(COLUMN_ORDER)}, len(COLUMN_ORDER), ())

    def __init__(self, mapping: Mapping, source: str, fields: list[str]) -> None:
        self.mapping, self.width = mapping, len(fields)
        found = {normalised(field): index for index, field in enumerate(fields) if field.strip()}
        columns = mapping.columns
        wanted: dict[str, tuple[str, ...]] = {
            "learner": (columns.learner,),
            "name": columns.name or (),
            "organisation": (columns.organisation,) if columns.organisation else (),
            "entry_date": columns.entry_dates,
            "last_advanced_training": (columns.last_advanced_training,) if columns.last_advanced_training else (),
            "corps": (columns.corps,) if columns.corps else (),
            "acknowledged_on": columns.acknowledged_on or (),
        }
        missing = [name for names in wanted.values() for name in names if normalised(name) not in found]
        if missing:
            shown = ", ".join(repr(field.strip()) for field in fields if field.strip()) or "none"
            raise ValueError(
                f"{source}:{mapping.header_row}: no column {', '.join(map(repr, missing))} the mapping names; "
                f"found {shown} (hint: the mapping's header_row, sheet or column names)"
            )
        self.positions = {column: [found[normalised(name)] for name in names] for column, names in wanted.items()}
        self.ignored = tuple(
            field.strip() for index, field in enumerate(fields) if field.strip() and index not in self._used()
        )

    def _used(self) -> set[int]:
        return {index for indexes in self.positions.values() for index in indexes}

    def _cell(self, record: list[str], column: str) -> str:
        joiner = "; " if column in ("entry_date", "acknowledged_on") else " "
        value = joiner.join(part for index in self.positions[column] if (part := record[index].strip()))
        if column == "organisation" and not value:
            value = self.mapping.organisation or ""
        table = self.mapping.values.get(column)
        return table.get(normalised(value), value) if table else value

    def rows(self, records: Iterator[Record]) -> Iterator[tuple[int, list[str], str | None]]:
        """Each row's roster cells, or its learner cell and why its cells cannot be told apart."""
        learner = self.positions["learner"][0]
        for line, record in records:
            if len(record) != self.width:
                problem = f"{len(record)} field(s) where the header has {self.width} (hint: quote a value)"
                yield line, [record[learner] if learner < len(record) else ""], problem
                continue
            yield line, [self._cell(record, column) for column in COLUMN_ORDER], None
