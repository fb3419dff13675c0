"""Layout detection: which row is the header and which column holds which field."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from events.roster_import.cells import LONG_DIGITS, display_text
from events.roster_import.plan import SheetPlan
from events.roster_import.problems import FIELDS, HEADER_SCAN_ROWS
from events.roster_import.raw import RawSheet


def norm(text: object) -> str:
    """A header text reduced to lowercase letters and digits ("N I P" -> "nip")."""
    return _NON_ALNUM.sub("", str(text).lower()) if text is not None else ""


_NON_ALNUM = re.compile(r"[^a-z0-9]+")

# Whole normalised header texts.
_HEADER_EXACT: dict[str, str] = {
    "no": "no", "nomor": "no", "nourut": "no", "nmr": "no", "urut": "no",
    "wa": "phone", "hp": "phone", "telp": "phone", "tlp": "phone",
    "ket": "note", "esl": "eselon", "gol": "golongan",
    "nama": "name",
    # not fields, but never anything else
    "namakegiatan": "", "namaacara": "", "niplama": "", "tandatangan": "", "ttd": "",
    "paraf": "", "jeniskelamin": "", "jk": "", "lp": "", "email": "", "alamat": "",
    "tempatlahir": "", "tanggallahir": "", "tempattanggallahir": "", "ttl": "", "agama": "",
    "pendidikan": "", "foto": "", "waktu": "", "jam": "", "tmt": "", "tmtjabatan": "",
    "tmtgolongan": "", "masakerja": "", "usia": "", "umur": "",
}

# Prefixes, checked in order ("namajabatan" before "nama", "nohp" before "no").
_HEADER_PREFIX: tuple[tuple[str, str], ...] = (
    ("gelardepan", "title_front"), ("gelarbelakang", "title_back"),
    ("namajabatan", "jabatan"), ("namaopd", "unit"), ("namaskpd", "unit"),
    ("namaunit", "unit"), ("namainstansi", "institution*"), ("namalembaga", "institution"),
    ("namaorganisasi", "institution"),
    ("nama", "name"), ("peserta", "name"),
    ("nipnik", "nip"), ("nipnrp", "nip"), ("nip", "nip"), ("nomorindukpegawai", "nip"),
    ("nipppk", "nip"), ("nipbaru", "nip"),
    ("nik", "nik"), ("noktp", "nik"), ("nomorktp", "nik"), ("nomorindukkependudukan", "nik"),
    ("nohp", "phone"), ("notelp", "phone"), ("notlp", "phone"), ("nomorhp", "phone"),
    ("nomortel", "phone"), ("nowa", "phone"), ("nomorwa", "phone"), ("telepon", "phone"),
    ("telp", "phone"), ("handphone", "phone"), ("hp", "phone"), ("whatsapp", "phone"),
    ("kontak", "phone"), ("ponsel", "phone"),
    ("pangkat", "golongan"), ("golongan", "golongan"), ("golru", "golongan"),
    ("gol", "golongan"),
    ("jabatan", "jabatan"),
    ("eselon", "eselon"), ("esl", "eselon"),
    ("unitkerja", "unit"), ("unitorganisasi", "unit"), ("opd", "unit"), ("skpd", "unit"),
    ("perangkatdaerah", "unit"), ("satuankerja", "unit"), ("satker", "unit"),
    ("asalopd", "unit"), ("asalskpd", "unit"), ("asalunit", "unit"), ("unit", "unit"),
    ("asalinstansi", "institution*"), ("instansi", "institution*"),
    ("asallembaga", "institution"), ("asal", "institution*"), ("lembaga", "institution"),
    ("organisasi", "institution"), ("institusi", "institution"),
    ("kategori", "category"), ("statuspegawai", "category"), ("statuskepegawaian", "category"),
    ("status", "category"), ("jenispegawai", "category"), ("jenispeserta", "category"),
    ("jenis", "category"), ("kelompok", "category"),
    ("keterangan", "note"), ("ket", "note"), ("catatan", "note"),
)


@lru_cache(maxsize=4096)
def _header_key_field(key: str) -> str:
    if key in _HEADER_EXACT:
        return _HEADER_EXACT[key]
    for prefix, name in _HEADER_PREFIX:
        if key.startswith(prefix):
            return name
    return ""


def header_field(text: object) -> str | None:
    """The field a header cell names ("N I P" -> "nip", "Pangkat/Gol." -> "golongan"), or None.

    "institution*" words (Instansi, Asal Instansi) come back as "institution"; propose_mapping
    decides whether they mean the OPD (unit) or a guest's institution.
    """
    if not isinstance(text, str):
        return None
    key = norm(text)
    if not key or len(key) > 40:
        return None
    return _header_key_field(key).rstrip("*") or None


def propose_mapping(headers: list[str], guest: bool = False) -> dict[str, int | None]:
    """Field -> 0-based column for a header row; the first column naming a field wins."""
    mapping: dict[str, int | None] = dict.fromkeys(FIELDS)
    soft_institution: list[int] = []
    for i, text in enumerate(headers):
        key = norm(text)
        if not key or len(key) > 40:
            continue
        name = _header_key_field(key)
        if not name:
            continue
        if name == "institution*":
            soft_institution.append(i)
            continue
        if mapping.get(name) is None:
            mapping[name] = i
    for i in soft_institution:
        # "Instansi" is the OPD on a staff list, the guest's institution on a guest list.
        if mapping["unit"] is None and not guest:
            mapping["unit"] = i
        elif mapping["institution"] is None:
            mapping["institution"] = i
    return mapping


def _row_fields(row: tuple[Any, ...]) -> dict[str, int]:
    found: dict[str, int] = {}
    for i, v in enumerate(row):
        if isinstance(v, str):
            f = header_field(v)
            if f and f not in found:
                found[f] = i
    return found


def _is_header(row: tuple[Any, ...]) -> bool:
    found = _row_fields(row)
    return "name" in found and len(found) >= 2


_GUEST_SHEET = re.compile(r"(?<![a-z])(?:tamu|eksternal|external|undangan luar|luar|guest|"
                          r"forkopimda|mitra)(?![a-z])", re.IGNORECASE)


def layout_sheet(raw: RawSheet, header_row: int | None = None) -> SheetPlan:
    """Find the header (or take the given row) and propose the mapping."""
    guest = bool(_GUEST_SHEET.search(raw.name))
    sp = SheetPlan(name=raw.name, guest=guest)
    rows = raw.rows
    if header_row is None:
        idx = next((i for i, r in enumerate(rows[:HEADER_SCAN_ROWS]) if _is_header(r)), None)
    else:
        idx = header_row - 1
    if idx is None:
        sp.include = False
        return sp
    headers = [display_text(v) for v in rows[idx]]
    span = 1
    nxt = rows[idx + 1] if idx + 1 < len(rows) else ()
    if _is_header_continuation(rows[idx], nxt):
        span = 2
        merged = []
        for c in range(max(len(headers), len(nxt))):
            upper = headers[c] if c < len(headers) else ""
            lower = display_text(nxt[c]) if c < len(nxt) else ""
            merged.append(lower if lower and (header_field(lower) or not upper) else upper)
        headers = merged
    width = max(raw.width, len(headers))
    headers.extend([""] * (width - len(headers)))
    sp.headers = headers
    sp.header_row = idx + span
    sp.header_span = span
    sp.mapping = propose_mapping(headers, guest)
    return sp


def _is_header_continuation(upper: tuple[Any, ...], lower: tuple[Any, ...]) -> bool:
    """True when `lower` is the second row of a two-row header (sub-headers under a group)."""
    if not lower or any(not isinstance(v, str) for v in lower if v is not None):
        return False
    upper_fields = _row_fields(upper)
    name_col = upper_fields.get("name")
    recognised = False
    for c, v in enumerate(lower):
        if v is None:
            continue
        if LONG_DIGITS.search(v):
            return False
        f = header_field(v)
        same = c < len(upper) and upper[c] == v
        if c == name_col and not (f == "name" or same):
            return False
        if f and not same:
            recognised = True
    return recognised
