"""Cell values as the user reads them, and the patterns every stage shares."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

WS = re.compile(r"\s+")
# A cell holding only a dash or dots is empty.
DASHES = frozenset({"-", "–", "—", "--", "---", ".", "..", "...", "_"})

LONG_DIGITS = re.compile(r"\d{8,}")

HAS_LETTER = re.compile(r"[^\W\d_]")

_INT_TEXT = re.compile(r"^\d{1,5}\.?$")


def display_text(v: Any) -> str:
    """A cell value as the user would read it."""
    if v is None:
        return ""
    if isinstance(v, str):
        return " ".join(v.split())
    if isinstance(v, bool):
        return "Ya" if v else "Tidak"
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() and abs(v) < 1e15 else format(v, ".15g")
    if isinstance(v, datetime):
        return v.strftime("%d-%m-%Y %H:%M") if (v.hour or v.minute) else v.strftime("%d-%m-%Y")
    if isinstance(v, date):
        return v.strftime("%d-%m-%Y")
    return str(v)


def cell_text(v: Any) -> str:
    s = " ".join(v.split()) if v.__class__ is str else display_text(v)
    return "" if s in DASHES else s


def raw_text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return format(v, ".15g")
    return str(v).strip()


def is_int_no(v: Any) -> bool:
    if isinstance(v, bool):
        return False
    if isinstance(v, int):
        return True
    if isinstance(v, float):
        return v.is_integer()
    return isinstance(v, str) and bool(_INT_TEXT.match(v.strip()))


def column_letter(idx: int) -> str:
    """Excel's letter for a 0-based column index (0 -> "A", 26 -> "AA")."""
    from openpyxl.utils import get_column_letter  # openpyxl is imported only when needed

    return get_column_letter(idx + 1)
