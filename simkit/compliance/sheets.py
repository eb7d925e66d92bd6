"""Workbooks (XLSX) as rosters read them, and as the completions export writes them, with openpyxl. A cell is read
as text (a date cell as its ISO day, a whole number without ``.0``); a written text cell is always text, never a
formula, whatever it starts with."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from simkit.files import atomic_write_bytes

XLSX_SUFFIXES = (".xlsx", ".xlsm")
DATE_FORMAT = "DD.MM.YYYY"


def is_workbook(path: Path) -> bool:
    return path.suffix.lower() in XLSX_SUFFIXES


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def sheet_rows(path: Path, sheet: str | None = None) -> Iterator[tuple[int, list[str]]]:
    """Each row of the sheet (the first when None) with its number, every cell as text, all as wide as the first."""
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise ValueError(f"{path}: no such file (hint: give the register's XLSX export)") from None
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as error:
        raise ValueError(f"{path}: not an XLSX workbook ({type(error).__name__}; hint: save it as .xlsx)") from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            names = ", ".join(map(repr, book.sheetnames))
            raise ValueError(f"{path}: no sheet {sheet!r}; the workbook has {names} (hint: the mapping's sheet)")
        rows = (book[sheet] if sheet is not None else book.worksheets[0]).iter_rows(values_only=True)
        width = None
        for number, row in enumerate(rows, 1):
            cells = [_text(value) for value in row]
            width = width or len(cells)
            yield number, (cells + [""] * width)[:width]
    finally:
        book.close()


def workbook_bytes(title: str, header: Sequence[str], rows: Sequence[Sequence[object]]) -> bytes:
    """One sheet: the header, then the rows; days as date cells, text as text."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title[:31]
    sheet.append(list(header))
    for values in rows:
        sheet.append([None if value is None else value for value in values])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, even when it starts with '='
            elif isinstance(cell.value, dt.date):
                cell.number_format = DATE_FORMAT
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_workbook(path: Path, title: str, header: Sequence[str], rows: Sequence[Sequence[object]]) -> Path:
    atomic_write_bytes(path, workbook_bytes(title, header, rows))
    return path
