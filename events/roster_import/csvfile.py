"""Reading a .csv roster: its encoding and delimiter guessed, Excel's text markers removed."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from events.files import TooLarge, read_limited
from events.roster_import.problems import FILE_FORMAT, FILE_UNREADABLE
from events.roster_import.raw import (
    MAX_COLUMNS,
    MAX_CSV_FIELD,
    MAX_FILE_BYTES,
    MAX_ROWS,
    RawFile,
    RawSheet,
    file_error,
    megabytes,
    too_large,
    trim,
)

_DELIMITERS = (";", ",", "\t", "|")


def read_csv(path: Path) -> RawFile:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise too_large(path, "file", value=megabytes(size),
                            limit=megabytes(MAX_FILE_BYTES))
        data = read_limited(path, MAX_FILE_BYTES)  # a device or pipe declares no size
    except TooLarge as exc:
        raise too_large(path, "file", value=f">{megabytes(MAX_FILE_BYTES)}",
                        limit=megabytes(MAX_FILE_BYTES)) from exc
    except OSError as exc:
        raise file_error(FILE_UNREADABLE, path) from exc
    text, encoding = _decode(data)
    if "\x00" in text:
        raise file_error(FILE_FORMAT, path)
    delimiter = _sniff_delimiter(text)
    rows: list[tuple[Any, ...]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for rec in reader:
            if any(len(v) > MAX_CSV_FIELD for v in rec):
                raise _field_too_long(path, len(rows) + 1)
            if len(rows) >= MAX_ROWS:  # stop reading at the limit, as an .xlsx does
                raise too_large(path, "rows", sheet=path.stem or "CSV", value=len(rows) + 1,
                                limit=MAX_ROWS)
            if len(rec) > MAX_COLUMNS and any(v.strip() for v in rec[MAX_COLUMNS:]):
                raise too_large(path, "columns", sheet=path.stem or "CSV",
                                value=_last_filled(rec), limit=MAX_COLUMNS)
            # Numbered by record, as Excel numbers the rows when it opens the file.
            rows.append(tuple(trim(_csv_value(v) for v in rec)))
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise _field_too_long(path, len(rows) + 1) from exc
        raise file_error(FILE_UNREADABLE, path) from exc
    while rows and not rows[-1]:
        rows.pop()
    sheets = [RawSheet(path.stem or "CSV", rows)] if rows else []
    return RawFile(path, "csv", sheets, encoding=encoding, delimiter=delimiter)


def _last_filled(rec: list[str]) -> int:
    """The number of the last column with a value."""
    return max(i for i, v in enumerate(rec, 1) if v.strip())


def _field_too_long(path: Path, line: int) -> Exception:
    return too_large(path, "csv_field", value=line, limit=MAX_CSV_FIELD // 1024)


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _sniff_delimiter(text: str) -> str:
    """The delimiter giving the most lines with the same number (>1) of fields."""
    sample = [ln for ln in text.splitlines()[:60] if ln.strip()]
    best, best_score = ";", -1
    for delim in _DELIMITERS:
        counts: dict[int, int] = {}
        try:
            for rec in csv.reader(sample, delimiter=delim):
                if len(rec) > 1:
                    counts[len(rec)] = counts.get(len(rec), 0) + 1
        except csv.Error:
            pass  # a line too long for the csv module: read_csv reports it
        score = max(counts.values(), default=0)
        if score > best_score:
            best, best_score = delim, score
    return best


def _csv_value(v: str) -> str | None:
    v = v.strip()
    if not v:
        return None
    if v[0] == "'":  # Excel's "this is text" marker
        v = v[1:].strip()
    elif v.startswith('="') and v.endswith('"'):  # ="0812..." keeps a leading zero
        v = v[2:-1].strip()
    return v or None
