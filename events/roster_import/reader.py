"""Reading a roster file of any supported kind into sheets of raw values."""

from __future__ import annotations

import re
from pathlib import Path

from events.roster_import.csvfile import read_csv
from events.roster_import.problems import (
    FILE_EMPTY,
    FILE_FORMAT,
    FILE_NOT_FOUND,
    FILE_UNREADABLE,
    MESSAGES_FILE,
    RosterFileError,
)
from events.roster_import.raw import RawFile, file_error
from events.roster_import.xlsx import read_xlsx

_WEB_PAGE = re.compile(rb"<(html|!doctype|table)")


def read_roster(path: str | Path) -> RawFile:
    """Read every visible, non-empty sheet of a workbook (or a CSV) into rows of raw values."""
    path = Path(path)
    if not path.exists():
        raise RosterFileError(FILE_NOT_FOUND, MESSAGES_FILE[FILE_NOT_FOUND].format(path=path))
    try:
        with path.open("rb") as fh:
            head = fh.read(512)
    except OSError as exc:
        raise file_error(FILE_UNREADABLE, path) from exc
    if not head.strip():
        raise file_error(FILE_EMPTY, path)
    suffix = path.suffix.lower()
    if head.startswith(b"PK\x03\x04"):
        raw = read_xlsx(path)
    elif head.startswith(b"\xd0\xcf\x11\xe0"):
        raise file_error(FILE_FORMAT, path, "xls")
    elif _WEB_PAGE.search(head[:512].lower()):
        raise file_error(FILE_FORMAT, path, "html")
    elif suffix in (".xlsx", ".xlsm", ".xltx", ".xltm"):
        raise file_error(FILE_UNREADABLE, path)
    elif suffix in (".csv", ".txt", ".tsv", ""):
        raw = read_csv(path)
    else:
        raise file_error(FILE_FORMAT, path)
    if not raw.sheets:
        raise file_error(FILE_EMPTY, path)
    return raw
