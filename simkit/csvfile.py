"""Every CSV simkit writes goes through ``csv_text``, and every cell through ``cell``: text cannot run as a
spreadsheet formula, and numbers and dates stay numbers and dates.

A cell's Python type says what it is. ``int``, ``float``, ``Decimal``, ``Number``, ``date`` and ``datetime``
values are simkit's own numbers and days, written as such (a score of -1.5 stays ``-1.5``). Every ``str`` is
text and may have come from outside (a roster's name, a course title, a learner's answer): when it starts like
a formula it gets a leading apostrophe, OWASP's rule for CSV injection. Excel and LibreOffice then show it as
text, apostrophe hidden; an importer reading the file back sees the apostrophe.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import numbers
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any

# Characters that make a spreadsheet read a cell as a formula (=, +, -, @, and their full-width forms, which some
# East Asian Excel builds accept too), or that shift it into another cell when pasted (tab, carriage return).
FORMULA = frozenset("=+-@＝＋－＠")
SHIFTING = frozenset("\t\r\n")
# What an attacker can put before a formula character and still have it read: spaces (some importers trim them)
# and quotes (a quoted field's quotes are not part of the cell; a doubled one may survive as text).
SKIPPED = " \t\r\n\u00a0\u2007\u202f\u3000'\"“”‘’«»"
BOM = "\ufeff"
DATETIME = "%Y-%m-%d %H:%M:%S"  # the form Excel reads as a date and time


class Number(str):
    """A number formatted for a cell (``Number(0.905, ".2f")``): made only from a real number, so it is written
    as it is, a minus sign included."""

    __slots__ = ()

    def __new__(cls, value: float | Decimal, spec: str = "g") -> Number:
        if isinstance(value, bool) or not isinstance(value, numbers.Real | Decimal):
            raise TypeError(f"Number takes an int, float or Decimal, not {type(value).__name__}")
        return super().__new__(cls, format(value, spec))


def defused(text: str) -> str:
    """``text`` as a cell that no spreadsheet runs: an apostrophe before it when it starts like a formula."""
    if not text:
        return text
    if text[0] in SHIFTING or text.lstrip(SKIPPED)[:1] in FORMULA:
        return "'" + text
    return text


def _empty(_value: None) -> str:
    return ""


def _same(value: object) -> object:
    return value


# The exact types of most cells, converted at once: a report of a hundred thousand learners has millions of cells.
# A subclass (Number, bool, datetime, numpy's numbers) is not among them and takes the checks below.
EXACT: dict[type, Callable[[Any], object]] = {
    str: defused,
    int: _same,
    float: _same,
    dt.date: dt.date.isoformat,
    type(None): _empty,
}


def cell(value: object) -> object:
    """What the csv module is given for one cell: text defused, numbers and days as they are (a time in UTC, a
    naive one taken as UTC already); None is empty."""
    convert = EXACT.get(type(value))
    if convert is not None:
        return convert(value)
    if value is None:
        return ""
    if isinstance(value, Number):
        return str(value)
    if isinstance(value, str):
        return defused(value)
    if isinstance(value, bool):
        raise TypeError("a CSV cell is never a bool: write it as words (yes/no)")
    if isinstance(value, numbers.Real | Decimal):  # numpy's numbers too
        return value
    if isinstance(value, dt.datetime):
        return (value.astimezone(dt.UTC) if value.tzinfo else value).strftime(DATETIME)
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"a CSV cell of type {type(value).__name__}: give text, a number or a date")


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]], delimiter: str = ",", bom: bool = False) -> str:
    """The whole file: the header line, then one line per row, each cell through ``cell``."""
    buffer = io.StringIO()
    if bom:
        buffer.write(BOM)
    # RFC 4180's line end, which also makes the csv module quote a cell holding a lone carriage return: with "\n"
    # alone it would not, and a reader would split the row there.
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([cell(name) for name in header])
    writer.writerows(map(cell, row) for row in rows)
    return buffer.getvalue()
