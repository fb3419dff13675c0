"""What a row under the header is: a person, a section heading, column numbers, a footer."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from events import ids
from events.dates import MONTHS
from events.roster_import.cells import HAS_LETTER, LONG_DIGITS, WS, is_int_no

_COLNUM = re.compile(r"^\(?(\d{1,2})\)?$")

_MONTHS = "|".join(month.lower() for month in MONTHS)  # a "Kota, 2 November 2024" footer

_PLACE_DATE = re.compile(rf"^[a-z][a-z .'-]{{1,40}},\s*(?:\d{{1,2}}|[._]{{2,}})\s*"
                         rf"(?:{_MONTHS}|[._]{{2,}})?\s*\d{{4}}$")

_FOOTER_TOTAL = ("jumlah", "total", "sub total", "subtotal", "grand total")

_FOOTER_SIGN = ("mengetahui", "menyetujui", "disahkan", "ditetapkan", "dikeluarkan di", "a.n.")

_HEADING_START = re.compile(
    r"^(?:(?:[a-z]|[ivx]+|\d{1,2})\s*[.)]\s*)?(?:pejabat|peserta|kelompok|para|pegawai)?\s*"
    r"(?:eselon|jpt|jabatan pimpinan|administrator|pengawas|fungsional|pelaksana|staf|pppk|p3k|"
    r"non[\s-]?asn|honorer|tamu|undangan|eksternal|internal|forkopimda|asn|pns)\b",
    re.IGNORECASE)


def is_column_numbers(cells: list[tuple[int, Any]]) -> bool:
    """A row "1 2 3 4 5 6" (or "(1) (2) ...") numbering the columns under the header."""
    if len(cells) < 3:
        return False
    numbers = []
    for _, v in cells:
        if isinstance(v, bool):
            return False
        if isinstance(v, int | float):
            if not float(v).is_integer():
                return False
            numbers.append(int(v))
        elif isinstance(v, str):
            mm = _COLNUM.match(v.strip())
            if not mm:
                return False
            numbers.append(int(mm.group(1)))
        else:
            return False
    return numbers == list(range(numbers[0], numbers[0] + len(numbers))) and numbers[0] <= 1


def footer_kind(cells: list[tuple[int, Any]], name_v: Any, m: Mapping[str, int | None]
                 ) -> str:
    """"total" for a JUMLAH/TOTAL row, "sign" for a signature block, "" otherwise.

    Only the Nama cell is looked at, or every text cell when the Nama cell is empty.
    """
    if name_v is not None:
        texts = [name_v] if name_v.__class__ is str else []
    else:
        texts = [v for _, v in cells if v.__class__ is str]
    for v in texts:
        f = v.strip().lower()
        if f.startswith(_FOOTER_TOTAL):
            for f2 in ("nip", "nik"):
                c2 = m.get(f2)
                if c2 is not None and any(cc == c2 and LONG_DIGITS.search(str(vv))
                                          for cc, vv in cells):
                    return ""
            return "total"
        if f.startswith(_FOOTER_SIGN) or ("," in f and _PLACE_DATE.match(f)):
            return "sign"
    if len(cells) == 1 and cells[0][1].__class__ is str:
        only = cells[0][1].strip().lower()
        if only.endswith(",") or (only.startswith("nip") and LONG_DIGITS.search(
                only.replace(" ", "").replace(".", ""))):
            return "sign"  # "Kepala Badan Kesbangpol," / "NIP. 1969..." of a signature block
    return ""


def section_heading(row: tuple[Any, ...], cells: list[tuple[int, Any]], no_col: int | None,
             name_col: int, other_cols: list[int]) -> str | None:
    """The text of a section heading row ("A. ESELON II", "TAMU UNDANGAN"), or None."""
    width = len(row)
    if any(c < width and row[c] is not None for c in other_cols):
        return None
    no_v = row[no_col] if no_col is not None and no_col < width else None
    if no_v is not None and is_int_no(no_v):
        return None
    rest = [(c, v) for c, v in cells if c != no_col]
    if any(not isinstance(v, str) for _, v in rest):
        return None
    texts = [str(no_v)] if isinstance(no_v, str) else []
    texts += [v for _, v in rest]
    text = WS.sub(" ", " ".join(texts)).strip()
    if not rest:
        return text  # only a letter or title in the No column
    if len(rest) > 1:
        return None
    if rest[0][0] != name_col:
        return text
    if no_v is not None or _HEADING_START.match(text):
        return text
    return None


def looks_like_person(row: tuple[Any, ...], m: Mapping[str, int | None],
                       strict: bool = False) -> bool:
    width = len(row)
    name_c = m.get("name")
    if name_c is None or name_c >= width or not isinstance(row[name_c], str):
        return False
    if not HAS_LETTER.search(row[name_c]):
        return False
    no_c, nip_c = m.get("no"), m.get("nip")
    numbered = no_c is not None and no_c < width and is_int_no(row[no_c])
    with_id = nip_c is not None and nip_c < width and row[nip_c] is not None and \
        len(ids.digits(str(row[nip_c]))) >= 15
    return (numbered and with_id) if strict else (numbered or with_id)
