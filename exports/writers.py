"""CSV and Excel files written row by row, so an export of any size holds a constant amount of memory.

CSV: UTF-8 with a byte-order mark (Excel then opens Thai correctly), yielded line by line.
XLSX: openpyxl in write-only mode (rows go straight to a temporary file), then the finished file
is streamed from disk in blocks. Text that a spreadsheet would read as a formula (= + - @, and the
tab and carriage return that hide one) is neutralised with a leading apostrophe.
"""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal

from core import thaidate

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def cell(value):
    """One value as it goes into a file: numbers stay numbers, dates in BE, formulas made inert."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ใช่" if value else "ไม่ใช่"
    if isinstance(value, int | float | Decimal):
        return value
    if isinstance(value, dt.datetime):
        return f"{thaidate.format_numeric(value)} {thaidate.format_time(value)}"
    if isinstance(value, dt.date):
        return thaidate.format_numeric(value)
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


class _Echo:
    """A file-like object whose write returns the line (csv.writer's streaming idiom)."""

    def write(self, value: str) -> str:
        return value


def csv_lines(header: Sequence[str], rows: Iterable[Sequence]) -> Iterator[bytes]:
    writer = csv.writer(_Echo())
    yield (BOM + writer.writerow([cell(h) for h in header])).encode()
    batch: list[str] = []
    for row in rows:
        batch.append(writer.writerow([cell(v) for v in row]))
        if len(batch) >= 500:
            yield "".join(batch).encode()
            batch = []
    if batch:
        yield "".join(batch).encode()


def xlsx_file(header: Sequence[str], rows: Iterable[Sequence], *, title: str):
    """Write the workbook to a temporary file (write-only: rows are not kept) and return it rewound."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=title[:31])
    bold = Font(bold=True)
    head = []
    for h in header:
        c = WriteOnlyCell(ws, value=cell(h))
        c.font = bold
        head.append(c)
    ws.append(head)
    for row in rows:
        ws.append([_xlsx_value(v) for v in row])
    # the response streams the file and closes it
    out = tempfile.TemporaryFile()  # noqa: SIM115
    wb.save(out)
    out.seek(0)
    return out


def _xlsx_value(value):
    v = cell(value)
    if isinstance(v, str):
        # control characters other than tab/newline are not allowed in an XLSX cell
        return "".join(ch for ch in v if ch >= " " or ch in "\t\n")
    return v
