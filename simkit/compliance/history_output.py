"""The history as CSV: one row per onboarding and per cycle of advanced training, through simkit.csvfile (text
cells defused, dates as dates), UTF-8 with a byte-order mark for Excel, written whole or not at all."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from simkit.compliance.history import HistoryRow
from simkit.csvfile import csv_text
from simkit.files import atomic_write_text

COLUMNS = HistoryRow._fields


def history_csv(rows: Sequence[HistoryRow], delimiter: str = ",") -> str:
    return csv_text(COLUMNS, rows, delimiter, bom=True)


def write_history(rows: Sequence[HistoryRow], out: Path, delimiter: str = ",") -> Path:
    atomic_write_text(out, history_csv(rows, delimiter))
    return out
