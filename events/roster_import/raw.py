"""The file model: a roster as read (sheets of raw cell values), the limits a roster file must
keep, and the file errors every reader raises."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from events.roster_import.problems import (
    FILE_TOO_LARGE,
    MESSAGES_FILE,
    MESSAGES_LIMIT,
    MESSAGES_READ,
    RosterFileError,
)

# A roster is at most tens of thousands of rows; these bounds refuse a file far beyond that (or
# one built to exhaust memory) with a message, before it is read into memory.
MAX_ROWS = 50_000  # the last row with a value, per sheet (a roster: tens of thousands at most)
MAX_COLUMNS = 200  # the last column with a value
MAX_STRINGS = 1_000_000  # a workbook's shared strings
MAX_FILE_BYTES = 50 * 1024 * 1024  # the file on disk (an .xlsx or a .csv)
MAX_ZIP_ENTRIES = 10_000  # members of an .xlsx package
MAX_PART_BYTES = 50 * 1024 * 1024  # one XML part of an .xlsx, uncompressed
MAX_TOTAL_BYTES = 100 * 1024 * 1024  # all the parts that are read, uncompressed
MAX_RATIO = 100  # uncompressed : compressed size of a part ...
RATIO_FLOOR = 1024 * 1024  # ... once it is larger than this
MAX_CSV_FIELD = 128 * 1024  # characters in one CSV field

_MB = 1024 * 1024


@dataclass
class RawSheet:
    """A sheet as read: rows of cell values with their Python types (0-based list).

    ``filled`` holds (row index, column index) of cells copied down from a vertical merge.
    """

    name: str
    rows: list[tuple[Any, ...]]
    filled: frozenset[tuple[int, int]] = frozenset()

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


@dataclass
class RawFile:
    path: Path
    format: str  # "xlsx" or "csv"
    sheets: list[RawSheet]
    encoding: str = ""
    delimiter: str = ""
    hidden_sheets: list[str] = field(default_factory=list)


def file_error(code: str, path: Path, reason: str = "") -> RosterFileError:
    """The error of a file that cannot be read; ``reason`` picks a message of MESSAGES_READ."""
    text = MESSAGES_READ[reason] if reason else MESSAGES_FILE[code]
    return RosterFileError(code, text.format(path=path.name))


def too_large(path: Path, which: str, **params: Any) -> RosterFileError:
    """The error of a file beyond one of the limits (``which``: a key of MESSAGES_LIMIT)."""
    shown = {k: f"{v:,}".replace(",", ".") if isinstance(v, int) else v
             for k, v in params.items()}
    detail = MESSAGES_LIMIT[which].format(**shown)
    return RosterFileError(FILE_TOO_LARGE,
                           MESSAGES_FILE[FILE_TOO_LARGE].format(path=path.name, detail=detail))


def megabytes(size: int) -> int:
    return -(-size // _MB)


def trim(values: Iterable[Any]) -> list[Any]:
    """A row without blank text and without trailing empty cells."""
    row = [None if (isinstance(v, str) and not v.strip()) else v for v in values]
    while row and row[-1] is None:
        row.pop()
    return row


def sheet_from(name: str, rows: list[list[Any]],
               merges: list[tuple[int, int, int, int]]) -> RawSheet | None:
    """A RawSheet of rows as read (trailing empty rows dropped), or None when it is empty."""
    while rows and not rows[-1]:
        rows.pop()
    if not rows:
        return None
    filled = _fill_vertical_merges(rows, merges)
    return RawSheet(name, [tuple(r) for r in rows], filled)


def _fill_vertical_merges(rows: list[list[Any]], ranges: list[tuple[int, int, int, int]]
                          ) -> frozenset[tuple[int, int]]:
    """Copy the value of a vertically merged cell (a Unit Kerja spanning rows) down its range."""
    filled: set[tuple[int, int]] = set()
    for c1, r1, _c2, r2 in ranges:
        if r2 <= r1 or r1 > len(rows):
            continue
        top = rows[r1 - 1]
        value = top[c1 - 1] if c1 - 1 < len(top) else None
        if value is None:
            continue
        for r in range(r1, min(r2, len(rows))):
            row = rows[r]
            if len(row) < c1:
                row.extend([None] * (c1 - len(row)))
            if row[c1 - 1] is None:
                row[c1 - 1] = value
                filled.add((r, c1 - 1))
    return frozenset(filled)
