"""Import of an organizer's invitation roster (.xlsx or .csv), as government offices write them.

A roster arrives with a letterhead and title rows, merged cells, headers spelled a dozen ways,
NIPs that Excel turned into numbers, a JUMLAH row and a signature block at the foot, and often a
second sheet of external guests. This module reads it, proposes which column holds which field,
validates every row, and returns a plan the user can inspect and correct before anything is
stored. It never touches the database and never imports Qt.

Public API::

    plan = plan_import(path, existing_nips={"1983..."}, today=None)   # ImportPlan
    plan.good                  # list[ImportRow]: .sheet, .row, .attendee (Attendee), .warnings
    plan.good_attendees()      # list[Attendee] (source=Source.IMPORT, invited=True)
    plan.problems              # list[Problem]: .sheet .row .code .severity .message .field
                               #                .column (Excel letter) .value (raw, as text)
    plan.by_category           # {Category: count} of the good rows, in document order
    plan.error_rows            # rows not imported because of an error
    plan.sheets                # list[SheetPlan]: .name .header_row .headers .mapping .include ...
    plan.summary()             # Indonesian text for the command line
    plan.to_dict()             # JSON-ready dict (for --json); rows=True adds the attendees

    # The user corrects the proposal (a combo per column, a spin box for the header row):
    plan = replan(plan, "Sheet1", mapping={"nip": 3, "phone": None}, header_row=5)
    plan = replan(plan, "Rekap", include=False)

    try:
        plan = plan_import(path)
    except RosterFileError as exc:      # exc.code: file_not_found, file_unreadable,
        ...                             # file_format, file_empty, no_header

A store commit is then ``store.add_attendees(event_id, plan.good_attendees())`` in one
transaction, and a ``--dry-run`` prints ``plan.summary()`` (or ``json.dumps(plan.to_dict())``).

Conventions:
    - Row numbers are those Excel shows (1-based, title rows counted); a CSV row is its record
      number, as Excel numbers the rows when it opens the file. A CSV's sheet name is its
      file's stem.
    - Column indexes in ``SheetPlan.mapping`` are 0-based (column A is 0); ``Problem.column``
      is the Excel letter.
    - Fields: see ``FIELDS`` and ``FIELD_LABELS``. "title_front"/"title_back" are the "Gelar
      Depan"/"Gelar Belakang" columns of SIMPEG exports; they are joined to the name.
    - A row with an error (``Severity.ERROR``) is not imported; a warning keeps the row and
      explains what was assumed. Codes are stable strings (the constants below and the codes of
      ``events.ids``); messages are Indonesian.
"""

from __future__ import annotations

import csv
import gc
import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import IO, Any
from xml.etree import ElementTree as ET

from events import ids
from events.categories import Category, category_from_jabatan, parse_eselon
from events.model import Attendee, Source

# ---------------------------------------------------------------------------------------------
# Fields and problem codes

FIELDS: tuple[str, ...] = (
    "no", "name", "title_front", "title_back", "nip", "nik", "golongan", "jabatan", "eselon",
    "unit", "institution", "phone", "category", "note",
)
FIELD_LABELS: dict[str, str] = {
    "no": "No.",
    "name": "Nama",
    "title_front": "Gelar depan",
    "title_back": "Gelar belakang",
    "nip": "NIP",
    "nik": "NIK",
    "golongan": "Pangkat/Gol.",
    "jabatan": "Jabatan",
    "eselon": "Eselon",
    "unit": "Unit Kerja/OPD",
    "institution": "Instansi (tamu)",
    "phone": "No. HP",
    "category": "Kategori",
    "note": "Keterangan",
}

# File-level codes (RosterFileError.code)
FILE_NOT_FOUND = "file_not_found"
FILE_UNREADABLE = "file_unreadable"
FILE_FORMAT = "file_format"
FILE_EMPTY = "file_empty"
NO_HEADER = "no_header"

# Row- and sheet-level codes of this module (events.ids codes are reused as they are)
NAME_MISSING = "name_missing"
NAME_INVALID = "name_invalid"
NIP_DUPLICATE_FILE = "nip_duplicate_file"
NIP_DUPLICATE_EVENT = "nip_duplicate_event"
NIK_DUPLICATE_FILE = "nik_duplicate_file"
NIK_DUPLICATE_EVENT = "nik_duplicate_event"
NAME_DUPLICATE_FILE = "name_duplicate_file"
NIP_MISSING = "nip_missing"
NIK_CONFLICT = "nik_conflict"
CATEGORY_UNKNOWN = "category_unknown"
CATEGORY_GUESSED = "category_guessed"
PHONE_MULTIPLE = "phone_multiple"
ROWS_AFTER_FOOTER = "rows_after_footer"
SHEET_NO_HEADER = "sheet_no_header"
SHEET_NO_NAME_COLUMN = "sheet_no_name_column"

# Reasons recorded in SheetPlan.skipped (rows deliberately not read as people; not problems)
SKIP_HEADING = "heading"
SKIP_COLUMN_NUMBERS = "column_numbers"
SKIP_HEADER_REPEAT = "header_repeat"
SKIP_MERGED = "merged_continuation"
SKIP_SUBTOTAL = "subtotal"

MESSAGES: dict[str, str] = {
    NAME_MISSING: "Nama kosong; baris tidak diimpor",
    NAME_INVALID: "Nama tidak berisi huruf ({value}); periksa kolom Nama",
    NIP_DUPLICATE_FILE: "NIP {nip} sudah tercantum di {first} ({name}); baris ini tidak diimpor",
    NIP_DUPLICATE_EVENT: "NIP {nip} sudah terdaftar di acara ini; baris ini tidak diimpor",
    NIK_DUPLICATE_FILE: "NIK sudah tercantum di {first} ({name}); baris ini tidak diimpor",
    NIK_DUPLICATE_EVENT: "NIK sudah terdaftar di acara ini; baris ini tidak diimpor",
    NAME_DUPLICATE_FILE: "Nama yang sama tanpa NIP/NIK sudah ada di {first}; "
    "periksa apakah orang yang sama",
    NIP_MISSING: "NIP kosong untuk kategori {label}; lengkapi di meja registrasi",
    NIK_CONFLICT: "Kolom NIP dan NIK berisi NIK yang berbeda; dipakai {value}",
    CATEGORY_UNKNOWN: 'Isi kolom {column_label} "{value}" tidak dikenali; '
    "kategori ditentukan dari data lain",
    CATEGORY_GUESSED: "Kategori ditebak sebagai {label}: {reason}",
    PHONE_MULTIPLE: "Lebih dari satu nomor HP; yang dipakai {value}",
    ROWS_AFTER_FOOTER: 'Pembacaan berhenti di baris ini ("{value}"); {count} baris berisi nama '
    "di bawahnya tidak dibaca (pertama baris {first})",
    SHEET_NO_HEADER: "Lembar dilewati: tidak ada baris judul kolom dengan kolom Nama "
    "di 30 baris pertama",
    SHEET_NO_NAME_COLUMN: "Kolom Nama belum dipilih; lembar ini tidak diimpor",
}
MESSAGES_FILE: dict[str, str] = {
    FILE_NOT_FOUND: "File tidak ditemukan: {path}",
    FILE_UNREADABLE: "File tidak dapat dibaca (rusak atau terkunci): {path}",
    FILE_FORMAT: "Format file tidak didukung: {path}. Simpan sebagai .xlsx atau .csv",
    FILE_EMPTY: "File kosong: {path}",
    NO_HEADER: "Tidak ditemukan baris judul kolom (mis. No, Nama, NIP, Jabatan) di lembar mana "
    "pun: {path}",
}

HEADER_SCAN_ROWS = 30
PREVIEW_ROWS = 10


class RosterFileError(Exception):
    """The file cannot be read as a roster at all.

    Attributes:
        code: stable code (file_not_found, file_unreadable, file_format, file_empty, no_header).
        message: Indonesian text for the user.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class Severity(StrEnum):
    ERROR = "error"  # the row is not imported
    WARNING = "warning"  # the row is imported with a remark


@dataclass(frozen=True)
class Problem:
    """One problem found in the roster.

    Attributes:
        sheet: sheet name (a CSV's file stem).
        row: row number as Excel shows it, or None for a sheet-level problem.
        code: stable code.
        severity: ERROR (row not imported) or WARNING (imported with a remark).
        message: Indonesian text.
        field: the field concerned ("nip", "phone", ...), or None.
        column: Excel column letter of that field, or None.
        value: the raw cell value as text ("" when empty).
    """

    sheet: str
    row: int | None
    code: str
    severity: Severity
    message: str
    field: str | None = None
    column: str | None = None
    value: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def where(self) -> str:
        """'Tamu baris 7, kolom C (NIP)'."""
        text = self.sheet
        if self.row is not None:
            text += f" baris {self.row}"
        if self.column:
            label = FIELD_LABELS.get(self.field or "", self.field or "")
            text += f", kolom {self.column}" + (f" ({label})" if label else "")
        return text

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "sheet": self.sheet, "row": self.row, "code": self.code,
            "severity": self.severity.value, "message": self.message, "field": self.field,
            "column": self.column, "value": self.value,
        }


@dataclass
class ImportRow:
    """An attendee draft ready to store, with where it came from."""

    sheet: str
    row: int
    attendee: Attendee
    warnings: list[Problem] = field(default_factory=list)


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


@dataclass
class SheetPlan:
    """How one sheet is read: where its header is and which column holds which field.

    Attributes:
        name: sheet name.
        header_row: Excel row number of the header (the lower row of a two-row header), or
            None when no header was found (the sheet is then not included).
        header_span: 1, or 2 when a group header row above was merged into the headers.
        headers: header text per column (0-based), for a combo per column.
        mapping: field -> 0-based column index or None; every name in FIELDS is a key.
        guest: the sheet holds external guests (by its name, e.g. "Tamu").
        include: whether the sheet's rows are imported.
        data_rows: person rows read (imported or not).
        first_data_row / last_data_row: Excel rows of the first and last person row.
        footer_row: the JUMLAH / signature row where reading stopped, or None.
        skipped: (row, reason) of rows deliberately not read as people (headings, column
            numbers, repeated headers, continuation rows of merged cells, subtotals).
        preview: (row, cell texts) of the first person rows.
    """

    name: str
    header_row: int | None = None
    header_span: int = 1
    headers: list[str] = field(default_factory=list)
    mapping: dict[str, int | None] = field(default_factory=lambda: dict.fromkeys(FIELDS))
    guest: bool = False
    include: bool = True
    data_rows: int = 0
    first_data_row: int | None = None
    last_data_row: int | None = None
    footer_row: int | None = None
    skipped: list[tuple[int, str]] = field(default_factory=list)
    preview: list[tuple[int, tuple[str, ...]]] = field(default_factory=list)

    def field_of(self, column: int) -> str | None:
        """The field a column is mapped to, or None."""
        for name, idx in self.mapping.items():
            if idx == column:
                return name
        return None

    @property
    def columns(self) -> list[tuple[int, str, str | None]]:
        """(index, header text, mapped field) for every column, for the UI's combos."""
        return [(i, h, self.field_of(i)) for i, h in enumerate(self.headers)]

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "include": self.include, "header_row": self.header_row,
            "header_span": self.header_span, "headers": self.headers,
            "mapping": dict(self.mapping), "guest": self.guest, "data_rows": self.data_rows,
            "first_data_row": self.first_data_row, "last_data_row": self.last_data_row,
            "footer_row": self.footer_row,
        }


@dataclass
class ImportPlan:
    """The outcome of reading and validating a roster; nothing is stored yet."""

    path: Path
    format: str
    sheets: list[SheetPlan]
    good: list[ImportRow]
    problems: list[Problem]
    encoding: str = ""
    delimiter: str = ""
    existing_nips: frozenset[str] = frozenset()
    existing_niks: frozenset[str] = frozenset()
    today: date | None = None
    raw: RawFile | None = field(default=None, repr=False)

    def good_attendees(self) -> list[Attendee]:
        return [r.attendee for r in self.good]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    @property
    def error_rows(self) -> int:
        """How many rows are not imported because of an error."""
        return len({(p.sheet, p.row) for p in self.problems if p.is_error and p.row is not None})

    @property
    def by_category(self) -> dict[Category, int]:
        """Counts of the good rows per category (only categories present, document order)."""
        counts: dict[Category, int] = {}
        for r in self.good:
            counts[r.attendee.category] = counts.get(r.attendee.category, 0) + 1
        return {c: counts[c] for c in Category if c in counts}

    def sheet(self, name: str) -> SheetPlan:
        for s in self.sheets:
            if s.name == name:
                return s
        raise KeyError(name)

    def problems_by_row(self) -> dict[tuple[str, int | None], list[Problem]]:
        out: dict[tuple[str, int | None], list[Problem]] = {}
        for p in self.problems:
            out.setdefault((p.sheet, p.row), []).append(p)
        return out

    def raw_rows(self, sheet: str, start: int = 1, count: int = HEADER_SCAN_ROWS
                 ) -> list[tuple[int, tuple[str, ...]]]:
        """(row, cell texts) of a sheet as read, e.g. for choosing the header row by hand."""
        raw = _raw_sheet(self, sheet)
        rows = raw.rows[max(start - 1, 0): max(start - 1, 0) + count]
        return [(start + i, tuple(_display(v) for v in r)) for i, r in enumerate(rows)]

    def summary(self) -> str:
        """A short Indonesian report for the command line."""
        lines = [f"File: {self.path.name} ({self.format.upper()}"
                 + (f", {self.encoding}, pemisah {self.delimiter!r}" if self.format == "csv"
                    else "") + ")"]
        for s in self.sheets:
            if not s.include:
                lines.append(f"  Lembar {s.name}: dilewati")
                continue
            span = f"{s.first_data_row}-{s.last_data_row}" if s.data_rows else "-"
            lines.append(f"  Lembar {s.name}: judul kolom baris {s.header_row}, "
                         f"data baris {span}, {s.data_rows} orang")
        if self.raw is not None and self.raw.hidden_sheets:
            lines.append("  Lembar tersembunyi dilewati: " + ", ".join(self.raw.hidden_sheets))
        lines.append(f"Siap diimpor: {len(self.good)} orang")
        for cat, n in self.by_category.items():
            lines.append(f"  {cat.label}: {n}")
        warned = len({(p.sheet, p.row) for p in self.warnings if p.row is not None})
        lines.append(f"Ditolak (galat): {self.error_rows} baris; dengan peringatan: {warned} baris")
        for p in self.problems:
            tag = "GALAT" if p.is_error else "PERINGATAN"
            lines.append(f"  [{tag}] {p}")
        return "\n".join(lines)

    def to_dict(self, rows: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "file": str(self.path), "format": self.format, "encoding": self.encoding,
            "delimiter": self.delimiter, "sheets": [s.to_dict() for s in self.sheets],
            "good": len(self.good), "error_rows": self.error_rows,
            "by_category": {c.value: n for c, n in self.by_category.items()},
            "problems": [p.to_dict() for p in self.problems],
        }
        if rows:
            out["rows"] = [_attendee_dict(r) for r in self.good]
        return out


# ---------------------------------------------------------------------------------------------
# Public functions


def file_sha256(path: str | Path) -> str:
    """SHA-256 of the roster file as imported (the audit trail names the file by it); "" when
    it can no longer be read."""
    import hashlib

    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return ""


def plan_import(path: str | Path, existing_nips: Iterable[str] = (), today: date | None = None,
                *, existing_niks: Iterable[str] = ()) -> ImportPlan:
    """Read a roster file, find its headers, propose a mapping and validate every row.

    Args:
        path: an .xlsx/.xlsm workbook or a .csv/.txt/.tsv file.
        existing_nips: NIPs (digits; separators are tolerated) already in the event.
        today: the date NIPs are checked against (default: today).
        existing_niks: NIKs already in the event.

    Raises:
        RosterFileError: the file cannot be read as a roster at all.
    """
    with _gc_paused():
        raw = read_roster(path)
        sheets = [_layout(rs) for rs in raw.sheets]
    if not any(s.include for s in sheets):
        raise RosterFileError(NO_HEADER, MESSAGES_FILE[NO_HEADER].format(path=raw.path.name))
    plan = ImportPlan(
        path=raw.path, format=raw.format, sheets=sheets, good=[], problems=[],
        encoding=raw.encoding, delimiter=raw.delimiter,
        existing_nips=frozenset(_digits(n) for n in existing_nips if n),
        existing_niks=frozenset(_digits(n) for n in existing_niks if n),
        today=today, raw=raw,
    )
    with _gc_paused():
        return _validate(plan)


def replan(plan: ImportPlan, sheet: str, *, mapping: Mapping[str, int | None] | None = None,
           header_row: int | None = None, include: bool | None = None) -> ImportPlan:
    """Validate again after the user corrected one sheet; returns a new plan.

    Args:
        plan: a plan from plan_import or replan (it is not modified).
        sheet: the sheet's name.
        mapping: fields to change, e.g. {"nip": 3, "phone": None}; other fields keep their
            column. Indexes are 0-based.
        header_row: the Excel row of the header; the mapping is proposed afresh from it
            (then ``mapping`` is applied on top).
        include: whether to import this sheet.

    Raises:
        KeyError: no such sheet.
        ValueError: unknown field, column or row out of range.
    """
    raw = _raw_sheet(plan, sheet)
    old = plan.sheet(sheet)
    if header_row is not None:
        if not 1 <= header_row <= len(raw.rows):
            raise ValueError(f"header_row {header_row} outside 1..{len(raw.rows)}")
        new = _layout(raw, header_row=header_row)
        if old.header_row is not None:
            new.include = old.include  # a sheet the user left out stays out
    else:
        new = replace(old, mapping=dict(old.mapping), headers=list(old.headers))
    if mapping:
        width = max(raw.width, len(new.headers))
        for name, idx in mapping.items():
            if name not in FIELDS:
                raise ValueError(f"unknown field {name!r}")
            if idx is not None and not 0 <= idx < width:
                raise ValueError(f"column {idx} outside 0..{width - 1}")
            new.mapping[name] = idx
        if len(new.headers) < width:
            new.headers.extend([""] * (width - len(new.headers)))
    if include is not None:
        new.include = include
    if new.header_row is None:
        new.include = False
    sheets = [new if s.name == sheet else replace(s) for s in plan.sheets]
    with _gc_paused():
        return _validate(replace(plan, sheets=sheets, good=[], problems=[]))


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: the tens of thousands of small objects a roster
    makes (XML elements, cell values, drafts) would trigger it over and over, a third of
    the time of an import, and none of them form cycles."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def header_field(text: object) -> str | None:
    """The field a header cell names ("N I P" -> "nip", "Pangkat/Gol." -> "golongan"), or None.

    "institution*" words (Instansi, Asal Instansi) come back as "institution"; propose_mapping
    decides whether they mean the OPD (unit) or a guest's institution.
    """
    if not isinstance(text, str):
        return None
    key = _norm(text)
    if not key or len(key) > 40:
        return None
    return _header_key_field(key).rstrip("*") or None


def propose_mapping(headers: list[str], guest: bool = False) -> dict[str, int | None]:
    """Field -> 0-based column for a header row; the first column naming a field wins."""
    mapping: dict[str, int | None] = dict.fromkeys(FIELDS)
    soft_institution: list[int] = []
    for i, text in enumerate(headers):
        key = _norm(text)
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


# ---------------------------------------------------------------------------------------------
# Reading files


def read_roster(path: str | Path) -> RawFile:
    """Read every visible, non-empty sheet of a workbook (or a CSV) into rows of raw values."""
    path = Path(path)
    if not path.exists():
        raise RosterFileError(FILE_NOT_FOUND, MESSAGES_FILE[FILE_NOT_FOUND].format(path=path))
    try:
        with path.open("rb") as fh:
            head = fh.read(512)
    except OSError as exc:
        raise RosterFileError(FILE_UNREADABLE,
                              MESSAGES_FILE[FILE_UNREADABLE].format(path=path.name)) from exc
    if not head.strip():
        raise RosterFileError(FILE_EMPTY, MESSAGES_FILE[FILE_EMPTY].format(path=path.name))
    suffix = path.suffix.lower()
    if head.startswith(b"PK\x03\x04"):
        raw = _read_xlsx(path)
    elif head.startswith(b"\xd0\xcf\x11\xe0"):
        raise RosterFileError(
            FILE_FORMAT,
            f"{path.name} adalah file Excel lama (.xls) atau terkunci kata sandi; buka di Excel "
            "lalu simpan sebagai .xlsx (tanpa kata sandi) atau .csv")
    elif re.search(rb"<(html|!doctype|table)", head[:512].lower()):
        raise RosterFileError(
            FILE_FORMAT,
            f"{path.name} sebenarnya halaman web (HTML) yang diberi nama Excel; buka di Excel "
            "lalu simpan sebagai .xlsx")
    elif suffix in (".xlsx", ".xlsm", ".xltx", ".xltm"):
        raise RosterFileError(FILE_UNREADABLE,
                              MESSAGES_FILE[FILE_UNREADABLE].format(path=path.name))
    elif suffix in (".csv", ".txt", ".tsv", ""):
        raw = _read_csv(path)
    else:
        raise RosterFileError(FILE_FORMAT, MESSAGES_FILE[FILE_FORMAT].format(path=path.name))
    if not raw.sheets:
        raise RosterFileError(FILE_EMPTY, MESSAGES_FILE[FILE_EMPTY].format(path=path.name))
    return raw


_MERGE_RE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)"')


def _read_xlsx(path: Path) -> RawFile:
    """Read a workbook: a fast pass over the XML with the standard library, or openpyxl.

    openpyxl (read-only, data_only) builds a rich-text object per string and reads a
    5,000-row roster in about a second; the fast pass reads the same values (the cached results
    of formulas, numbers as int/float, dates as datetime) in a fraction of that. A package the
    fast pass does not understand is handed to openpyxl.
    """

    def unreadable(exc: BaseException) -> RosterFileError:
        err = RosterFileError(FILE_UNREADABLE,
                              MESSAGES_FILE[FILE_UNREADABLE].format(path=path.name))
        err.__cause__ = exc
        return err

    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise unreadable(exc) from exc
    with zf:
        names = set(zf.namelist())
        if not any(n.endswith("workbook.xml") for n in names):
            if "content.xml" in names:  # OpenDocument (.ods)
                raise RosterFileError(
                    FILE_FORMAT,
                    f"{path.name} adalah file OpenDocument (.ods); simpan sebagai .xlsx atau .csv")
            raise RosterFileError(FILE_FORMAT,
                                  MESSAGES_FILE[FILE_FORMAT].format(path=path.name))
        try:
            return _read_xlsx_fast(path, zf)
        except _FAST_FAILURES:
            pass
    try:
        return _read_xlsx_openpyxl(path)
    except Exception as exc:  # openpyxl raises many kinds on a corrupt package
        raise unreadable(exc) from exc


def _read_xlsx_openpyxl(path: Path) -> RawFile:
    import openpyxl  # local: only workbooks the fast pass cannot read pay for it

    sheets: list[RawSheet] = []
    hidden: list[str] = []
    with path.open("rb") as fh:
        # A file object, so that an .xlsx saved under another extension still opens.
        wb = openpyxl.load_workbook(fh, read_only=True, data_only=True)
        try:
            for ws in wb.worksheets:
                if ws.sheet_state != "visible":
                    hidden.append(ws.title)
                    continue
                ws.reset_dimensions()  # some writers declare A1:XFD1048576
                rows = [_trim(values) for values in ws.iter_rows(values_only=True)]
                sheet = _raw_sheet_from(ws.title, rows, _merged_ranges(wb, ws))
                if sheet is not None:
                    sheets.append(sheet)
        finally:
            wb.close()
    return RawFile(path, "xlsx", sheets, hidden_sheets=hidden)


def _raw_sheet_from(name: str, rows: list[list[Any]],
                    merges: list[tuple[int, int, int, int]]) -> RawSheet | None:
    while rows and not rows[-1]:
        rows.pop()
    if not rows:
        return None
    filled = _fill_vertical_merges(rows, merges)
    return RawSheet(name, [tuple(r) for r in rows], filled)


_FAST_FAILURES = (KeyError, ValueError, IndexError, TypeError, AttributeError, OverflowError,
                  ET.ParseError, zipfile.BadZipFile, zlib.error, OSError, EOFError)
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _read_xlsx_fast(path: Path, zf: zipfile.ZipFile) -> RawFile:
    """Sheets of raw values straight from the package's XML (no styles beyond date formats)."""
    wb_part = "xl/workbook.xml"
    if "_rels/.rels" in zf.namelist():
        for rel in ET.fromstring(zf.read("_rels/.rels")).iter(_PKG_REL):
            if rel.get("Type", "").endswith("/officeDocument"):
                wb_part = rel.get("Target", wb_part).lstrip("/")
    rels = _part_rels(zf, wb_part)
    root = ET.fromstring(zf.read(wb_part))
    ns = root.tag[1:].split("}")[0]
    props = root.find(f"{{{ns}}}workbookPr")
    date1904 = props is not None and props.get("date1904") in ("1", "true")
    shared: list[str] = []
    styles_part = ""
    for rel_type, target in rels.values():
        if rel_type.endswith("/sharedStrings"):
            shared = _shared_strings(zf.open(target), ns)
        elif rel_type.endswith("/styles"):
            styles_part = target
    date_styles = _date_styles(zf.read(styles_part), ns) if styles_part else frozenset()
    sheets: list[RawSheet] = []
    hidden: list[str] = []
    for sheet in root.iter(f"{{{ns}}}sheet"):
        name = sheet.get("name", "")
        rid = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), "")
        rel_type, target = rels[rid]
        if not rel_type.endswith("/worksheet"):
            continue  # a chart sheet
        if sheet.get("state", "visible") != "visible":
            hidden.append(name)
            continue
        with zf.open(target) as src:
            rows, merges = _parse_sheet_xml(src, zf.getinfo(target).file_size, ns, shared,
                                            date_styles, date1904)
        raw = _raw_sheet_from(name, rows, merges)
        if raw is not None:
            sheets.append(raw)
    return RawFile(path, "xlsx", sheets, hidden_sheets=hidden)


def _part_rels(zf: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Relationship id -> (type, package path of the target) of a part."""
    folder, _, name = part.rpartition("/")
    rels_part = f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"
    out: dict[str, tuple[str, str]] = {}
    for rel in ET.fromstring(zf.read(rels_part)).iter(_PKG_REL):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External":
            continue
        full = target.lstrip("/") if target.startswith("/") else \
            posixpath.normpath(posixpath.join(folder, target))
        out[rel.get("Id", "")] = (rel.get("Type", ""), full)
    return out


def _unescape(text: str) -> str:
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


def _shared_strings(src: IO[bytes], ns: str) -> list[str]:
    t_tag, r_tag = f"{{{ns}}}t", f"{{{ns}}}r"
    with src:
        root = ET.fromstring(src.read())
    return [_unescape(_rich_text(si, t_tag, r_tag)) for si in root]


def _rich_text(el: ET.Element, t_tag: str, r_tag: str) -> str:
    """The text of an <si> or <is>: its <t>, or its runs' <t>s (phonetic <rPh> left out)."""
    t = el.find(t_tag)
    if t is not None:
        return t.text or ""
    return "".join(r.findtext(t_tag) or "" for r in el.iter(r_tag))


def _date_styles(xml: bytes, ns: str) -> frozenset[int]:
    """Indexes of the cell formats (cellXfs) whose number format is a date."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format

    root = ET.fromstring(xml)
    codes: dict[int, str] = dict(BUILTIN_FORMATS)
    for fmt in root.iter(f"{{{ns}}}numFmt"):
        codes[int(fmt.get("numFmtId", "0"))] = fmt.get("formatCode", "")
    xfs = root.find(f"{{{ns}}}cellXfs")
    if xfs is None:
        return frozenset()
    return frozenset(i for i, xf in enumerate(xfs.iter(f"{{{ns}}}xf"))
                     if is_date_format(codes.get(int(xf.get("numFmtId", "0")), "")))


_COLUMNS: dict[str, int] = {}


def _col_index(ref: str) -> int:
    """0-based column of a cell reference ("C7" -> 2)."""
    letters = ref.rstrip("0123456789")
    col = _COLUMNS.get(letters)
    if col is None:
        n = 0
        for ch in letters.upper():
            n = n * 26 + ord(ch) - 64
        col = _COLUMNS[letters] = n - 1
    return col


_BIG_SHEET_XML = 64 * 1024 * 1024  # above this a sheet is parsed as a stream


def _parse_sheet_xml(src: IO[bytes], size: int, ns: str, shared: list[str],
                     date_styles: frozenset[int], date1904: bool
                     ) -> tuple[list[list[Any]], list[tuple[int, int, int, int]]]:
    """Rows of values (index = Excel row - 1) and merged ranges (1-based c1, r1, c2, r2)."""
    cells = _CellReader(ns, shared, date_styles, date1904)
    rows: list[list[Any]] = []
    merges: list[tuple[int, int, int, int]] = []

    def add_row(el: ET.Element) -> None:
        r = el.get("r")
        rownum = int(r) if r else len(rows) + 1
        if rownum > len(rows) + 1:
            rows.extend([] for _ in range(rownum - 1 - len(rows)))
        rows.append(cells.row(el))

    def add_merge(el: ET.Element) -> None:
        a, _, b = el.get("ref", "").partition(":")
        if b:
            merges.append((_col_index(a) + 1, int(a.lstrip(_LETTERS)),
                           _col_index(b) + 1, int(b.lstrip(_LETTERS))))

    if size <= _BIG_SHEET_XML:
        # One C-level parse is ~8x faster than iterparse's per-element events.
        root = ET.fromstring(src.read())
        for el in root.iter(cells.row_tag):
            add_row(el)
        for el in root.iter(cells.merge_tag):
            add_merge(el)
    else:
        for _event, el in ET.iterparse(src):
            if el.tag == cells.row_tag:
                add_row(el)
                el.clear()
            elif el.tag == cells.merge_tag:
                add_merge(el)
    return rows, merges


_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


class _CellReader:
    """Converts the <c> elements of a <row> to Python values, as openpyxl's data_only does."""

    def __init__(self, ns: str, shared: list[str], date_styles: frozenset[int],
                 date1904: bool) -> None:
        self.row_tag, self.c_tag, self.v_tag = f"{{{ns}}}row", f"{{{ns}}}c", f"{{{ns}}}v"
        self.is_tag, self.t_tag, self.r_tag = f"{{{ns}}}is", f"{{{ns}}}t", f"{{{ns}}}r"
        self.merge_tag = f"{{{ns}}}mergeCell"
        self.shared = shared
        self.date_styles = date_styles
        self.date1904 = date1904

    def row(self, el: ET.Element) -> list[Any]:
        values: list[Any] = []
        c_tag, v_tag, shared = self.c_tag, self.v_tag, self.shared
        for c in el:
            if c.tag != c_tag:
                continue
            ref = c.get("r")
            col = _col_index(ref) if ref else len(values)
            t = c.get("t")
            value: Any
            if t == "inlineStr":
                inline = c.find(self.is_tag)
                value = _unescape(_rich_text(inline, self.t_tag, self.r_tag)) \
                    if inline is not None else None
            else:
                v = c.findtext(v_tag)
                if not v:
                    value = None
                elif t is None or t == "n":
                    value = float(v) if ("." in v or "E" in v or "e" in v) else int(v)
                    style = c.get("s")
                    if style and self.date_styles and int(style) in self.date_styles:
                        value = self._date(value)
                elif t == "s":
                    value = shared[int(v)]
                elif t == "b":
                    value = v == "1"
                elif t == "d":
                    value = datetime.fromisoformat(v)
                else:  # "str" (a formula's text) or "e" (an error such as #N/A)
                    value = _unescape(v)
            if value is None or (value.__class__ is str and not value.strip()):
                continue
            if col >= len(values):
                values.extend([None] * (col - len(values)))
                values.append(value)
            else:
                values[col] = value
        return values

    def _date(self, serial: float) -> Any:
        from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

        try:
            return from_excel(serial, CALENDAR_MAC_1904 if self.date1904 else
                              CALENDAR_WINDOWS_1900)
        except (OverflowError, ValueError):
            return serial


def _merged_ranges(wb: Any, ws: Any) -> list[tuple[int, int, int, int]]:
    """(min_col, min_row, max_col, max_row), 1-based, of a read-only sheet's merged cells.

    Read-only worksheets do not parse <mergeCells>, so it is read from the sheet's XML.
    """
    archive = getattr(wb, "_archive", None)
    part = getattr(ws, "_worksheet_path", None)
    if archive is None or not part:
        return []
    try:
        data = archive.read(part)
    except (KeyError, OSError):
        return []
    start = data.rfind(b"<mergeCells")
    if start < 0:
        start = data.rfind(b":mergeCells")
        if start < 0:
            return []
    from openpyxl.utils import column_index_from_string

    out = []
    for c1, r1, c2, r2 in _MERGE_RE.findall(data, start):
        out.append((column_index_from_string(c1.decode()), int(r1),
                    column_index_from_string(c2.decode()), int(r2)))
    return out


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


def _trim(values: Iterable[Any]) -> list[Any]:
    row = [None if (isinstance(v, str) and not v.strip()) else v for v in values]
    while row and row[-1] is None:
        row.pop()
    return row


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


_DELIMITERS = (";", ",", "\t", "|")


def _sniff_delimiter(text: str) -> str:
    """The delimiter giving the most lines with the same number (>1) of fields."""
    sample = [ln for ln in text.splitlines()[:60] if ln.strip()]
    best, best_score = ";", -1
    for delim in _DELIMITERS:
        counts: dict[int, int] = {}
        for rec in csv.reader(sample, delimiter=delim):
            if len(rec) > 1:
                counts[len(rec)] = counts.get(len(rec), 0) + 1
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


def _read_csv(path: Path) -> RawFile:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RosterFileError(FILE_UNREADABLE,
                              MESSAGES_FILE[FILE_UNREADABLE].format(path=path.name)) from exc
    text, encoding = _decode(data)
    if "\x00" in text:
        raise RosterFileError(FILE_FORMAT, MESSAGES_FILE[FILE_FORMAT].format(path=path.name))
    delimiter = _sniff_delimiter(text)
    rows: list[tuple[Any, ...]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for rec in reader:
            # Numbered by record, as Excel numbers the rows when it opens the file.
            rows.append(tuple(_trim(_csv_value(v) for v in rec)))
    except csv.Error as exc:
        raise RosterFileError(FILE_UNREADABLE,
                              MESSAGES_FILE[FILE_UNREADABLE].format(path=path.name)) from exc
    while rows and not rows[-1]:
        rows.pop()
    sheets = [RawSheet(path.stem or "CSV", rows)] if rows else []
    return RawFile(path, "csv", sheets, encoding=encoding, delimiter=delimiter)


# ---------------------------------------------------------------------------------------------
# Headers


def _norm(text: object) -> str:
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


def _layout(raw: RawSheet, header_row: int | None = None) -> SheetPlan:
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
    headers = [_display(v) for v in rows[idx]]
    span = 1
    nxt = rows[idx + 1] if idx + 1 < len(rows) else ()
    if _is_header_continuation(rows[idx], nxt):
        span = 2
        merged = []
        for c in range(max(len(headers), len(nxt))):
            upper = headers[c] if c < len(headers) else ""
            lower = _display(nxt[c]) if c < len(nxt) else ""
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
        if _LONG_DIGITS.search(v):
            return False
        f = header_field(v)
        same = c < len(upper) and upper[c] == v
        if c == name_col and not (f == "name" or same):
            return False
        if f and not same:
            recognised = True
    return recognised


# ---------------------------------------------------------------------------------------------
# Rows


_WS = re.compile(r"\s+")
_DASHES = frozenset({"-", "–", "—", "--", "---", ".", "..", "...", "_"})
_LONG_DIGITS = re.compile(r"\d{8,}")
_HAS_LETTER = re.compile(r"[^\W\d_]")
_INT_TEXT = re.compile(r"^\d{1,5}\.?$")
_COLNUM = re.compile(r"^\(?(\d{1,2})\)?$")
_ID_PREFIX = re.compile(r"^(?:ni\s*pppk|nip|nik|nrp)\s*[.:]?\s*", re.IGNORECASE)
_ID_SEPARATORS = re.compile(r"[\s.\-/']+")
_SCI = re.compile(r"^\d(?:[.,]\d+)?[eE]\+?\d+$")
_PHONE_SPLIT = re.compile(r"\s*(?:/|,|;|&|\batau\b)\s*", re.IGNORECASE)
_MONTHS = ("januari|februari|maret|april|mei|juni|juli|agustus|september|oktober|november|"
           "desember")
_PLACE_DATE = re.compile(rf"^[a-z][a-z .'-]{{1,40}},\s*(?:\d{{1,2}}|[._]{{2,}})\s*"
                         rf"(?:{_MONTHS}|[._]{{2,}})?\s*\d{{4}}$")
_FOOTER_TOTAL = ("jumlah", "total", "sub total", "subtotal", "grand total")
_FOOTER_SIGN = ("mengetahui", "menyetujui", "disahkan", "ditetapkan", "dikeluarkan di", "a.n.")
_ENUM = re.compile(r"^\s*(?:[a-z]|[ivx]+|\d{1,2})\s*[.)]\s*", re.IGNORECASE)
_HEADING_START = re.compile(
    r"^(?:(?:[a-z]|[ivx]+|\d{1,2})\s*[.)]\s*)?(?:pejabat|peserta|kelompok|para|pegawai)?\s*"
    r"(?:eselon|jpt|jabatan pimpinan|administrator|pengawas|fungsional|pelaksana|staf|pppk|p3k|"
    r"non[\s-]?asn|honorer|tamu|undangan|eksternal|internal|forkopimda|asn|pns)\b",
    re.IGNORECASE)
_ESELON_ANY = re.compile(r"\beselon\s*(iv|iii|ii|v|[2-5])\b", re.IGNORECASE)
_ROMAN_LEVEL = {"ii": 2, "iii": 3, "iv": 4, "v": 5, "2": 2, "3": 3, "4": 4, "5": 5}
_LEVEL_CATEGORY = {2: Category.ESELON_II, 3: Category.ESELON_III, 4: Category.ESELON_IV,
                   5: Category.PELAKSANA}
# Category-cell words that name no category but are not a mistake either.
_NEUTRAL = frozenset({"pns", "asn", "cpns", "internal", "noneselon", "non eselon", "nonstruktural",
                      "non struktural", "struktural", "pegawai", "peserta"})
_ALIASES = {"jft": Category.FUNGSIONAL, "jf": Category.FUNGSIONAL, "jfu": Category.PELAKSANA,
            "staf": Category.PELAKSANA, "staff": Category.PELAKSANA, "honor": Category.NON_ASN,
            "undangan": Category.TAMU, "eksternal": Category.TAMU}


def _display(v: Any) -> str:
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


def _text(v: Any) -> str:
    s = " ".join(v.split()) if v.__class__ is str else _display(v)
    return "" if s in _DASHES else s


_digits = ids.digits


def _is_int_no(v: Any) -> bool:
    if isinstance(v, bool):
        return False
    if isinstance(v, int):
        return True
    if isinstance(v, float):
        return v.is_integer()
    return isinstance(v, str) and bool(_INT_TEXT.match(v.strip()))


@lru_cache(maxsize=4096)
def _explicit_category(text: str) -> tuple[Category | None, bool]:
    """(category, recognised) of an Eselon/Kategori cell; recognised=False means a warning."""
    folded = _WS.sub(" ", text.strip().lower())
    if folded in _NEUTRAL or folded.replace(" ", "") in _NEUTRAL:
        return None, True
    if folded in _ALIASES:
        return _ALIASES[folded], True
    cat = parse_eselon(text)
    if cat is None:
        m = _ESELON_ANY.search(folded)
        if m:
            cat = _LEVEL_CATEGORY[_ROMAN_LEVEL[m.group(1)]]
    return cat, cat is not None


@lru_cache(maxsize=4096)
def _jabatan_category(text: str) -> Category | None:
    return category_from_jabatan(text)


@lru_cache(maxsize=1024)
def _heading_category(text: str) -> Category | None:
    stripped = _ENUM.sub("", text)
    m = _ESELON_ANY.search(stripped)
    if m:
        return _LEVEL_CATEGORY[_ROMAN_LEVEL[m.group(1).lower()]]
    cat, _ = _explicit_category(stripped)
    return cat


def _split_phone(v: Any) -> tuple[Any, bool]:
    """The first of several numbers written in one cell ("0812... / 0813...")."""
    if not isinstance(v, str):
        return v, False
    parts = [p for p in _PHONE_SPLIT.split(v.strip()) if p]
    if len(parts) > 1 and all(sum(ch.isdigit() for ch in p) >= 8 for p in parts):
        return parts[0], True
    return v, False


@dataclass
class _Identity:
    """An identity number read from a NIP or NIK cell."""

    kind: str  # "nip", "nik" or "" (no number: maybe a status word such as "Non ASN")
    result: ids.IdResult | None
    source_field: str
    raw: Any
    hint: str = ""


def _read_identity(value: Any, source_field: str, today: date | None) -> _Identity:
    if value is None:
        return _Identity("", None, source_field, value)
    if isinstance(value, float):
        return _Identity("nip", ids.check_nip(value, today), source_field, value)
    if isinstance(value, int) and not isinstance(value, bool):
        text = str(value)
    else:
        text = _ID_PREFIX.sub("", str(value).strip().lstrip("'"))
    if not text or text in _DASHES:
        return _Identity("", None, source_field, value)
    if not any(ch.isdigit() for ch in text):
        return _Identity("", None, source_field, value, hint=text)
    if _SCI.match(text):
        return _Identity("nip", ids.check_nip(text, today), source_field, value)
    digits = _ID_SEPARATORS.sub("", text)
    if digits.isdigit() and len(digits) == 16:
        return _Identity("nik", ids.check_nik(value if isinstance(value, int) else text, today),
                         source_field, value)
    if source_field == "nik" and not (digits.isdigit() and len(digits) == 18):
        return _Identity("nik", ids.check_nik(text, today), source_field, value)
    result = ids.check_nip(value if isinstance(value, int) else text, today)
    if result.digits and result.digits.endswith("000"):
        # Excel keeps 15 significant digits: the 3-digit sequence (never 000) became zeros.
        result = ids.IdResult(None, result.kind, (ids.Issue(ids.NIP_EXCEL_NUMBER),))
    return _Identity("nip", result, source_field, value)


_GUESS_CODES = frozenset({CATEGORY_GUESSED, NIP_MISSING})


class _Validator:
    """Turns the rows of every included sheet into attendee drafts and problems."""

    def __init__(self, plan: ImportPlan) -> None:
        self.plan = plan
        self.today = plan.today or date.today()
        self.good: list[ImportRow] = []
        self.problems: list[Problem] = []
        self.seen_nip: dict[str, tuple[str, int, str]] = {}
        self.seen_nik: dict[str, tuple[str, int, str]] = {}
        self.seen_name: dict[tuple[str, str], tuple[str, int, str]] = {}

    # -- sheets ---------------------------------------------------------------------------

    def sheet(self, sp: SheetPlan, raw: RawSheet) -> None:
        sp.data_rows = 0
        sp.first_data_row = sp.last_data_row = sp.footer_row = None
        sp.skipped = []
        sp.preview = []
        if not sp.include:
            if sp.header_row is None:
                self.problems.append(Problem(sp.name, None, SHEET_NO_HEADER, Severity.WARNING,
                                             MESSAGES[SHEET_NO_HEADER]))
            return
        if sp.mapping.get("name") is None:
            self.problems.append(Problem(sp.name, None, SHEET_NO_NAME_COLUMN, Severity.ERROR,
                                         MESSAGES[SHEET_NO_NAME_COLUMN]))
            return
        m = sp.mapping
        no_col, name_col = m.get("no"), m["name"]
        other_cols = [m[f] for f in FIELDS if f not in ("no", "name", "note") and m[f] is not None]
        header_name = _norm(sp.headers[name_col]) if name_col < len(sp.headers) else ""
        section: Category | None = None
        rows = raw.rows
        filled = raw.filled
        n = len(rows)
        i = sp.header_row or 0  # 0-based index of the first row after the header
        while i < n:
            row = rows[i]
            rownum = i + 1
            cells = [(c, v) for c, v in enumerate(row) if v is not None]
            if not cells or (len(cells) == 1 and cells[0][0] == no_col
                             and _is_int_no(cells[0][1])):
                i += 1  # blank, or a numbered line of a template nobody filled in
                continue
            if filled and all((i, c) in filled for c, _ in cells):
                sp.skipped.append((rownum, SKIP_MERGED))
                i += 1
                continue
            name_v = row[name_col] if name_col < len(row) else None
            name_is_text = name_v.__class__ is str
            if (not name_is_text or name_v[:1] in "(0123456789") and _is_column_numbers(cells):
                sp.skipped.append((rownum, SKIP_COLUMN_NUMBERS))
                i += 1
                continue
            if name_is_text and name_v[:2].lower() == header_name[:2] and \
                    _norm(name_v) == header_name:
                sp.skipped.append((rownum, SKIP_HEADER_REPEAT))
                i += 1
                continue
            footer = _footer_kind(cells, name_v, m)
            if footer == "total" and self._continues(sp, raw, i + 1):
                sp.skipped.append((rownum, SKIP_SUBTOTAL))
                i += 1
                continue
            if footer:
                sp.footer_row = rownum
                self._after_footer(sp, raw, i, cells)
                break
            heading = _heading(row, cells, no_col, name_col, other_cols)
            if heading is not None:
                section = _heading_category(heading) if heading else None
                sp.skipped.append((rownum, SKIP_HEADING))
                i += 1
                continue
            self.person(sp, rownum, row, section)
            if len(sp.preview) < PREVIEW_ROWS:
                sp.preview.append((rownum, tuple(_display(v) for v in row)))
            i += 1

    def _continues(self, sp: SheetPlan, raw: RawSheet, start: int) -> bool:
        """After a JUMLAH row: does the list go on (a subtotal), or is this the foot?"""
        m = sp.mapping
        for row in raw.rows[start:start + 5]:
            cells = [(c, v) for c, v in enumerate(row) if v is not None]
            if not cells:
                continue
            if _is_column_numbers(cells):
                continue
            other = [m[f] for f in FIELDS if f not in ("no", "name", "note") and m[f] is not None]
            name_c = m["name"]
            if _footer_kind(cells, row[name_c] if name_c < len(row) else None, m):
                return False
            heading = _heading(row, cells, m.get("no"), m["name"], other)
            if heading is not None:
                return _heading_category(heading) is not None
            return _looks_like_person(row, m)
        return False

    def _after_footer(self, sp: SheetPlan, raw: RawSheet, i: int,
                      cells: list[tuple[int, Any]]) -> None:
        later = [k + 1 for k in range(i + 1, len(raw.rows))
                 if _looks_like_person(raw.rows[k], sp.mapping, strict=True)]
        if later:
            text = next((_display(v) for _, v in cells if isinstance(v, str)), "")
            self.problems.append(Problem(
                sp.name, i + 1, ROWS_AFTER_FOOTER, Severity.WARNING,
                MESSAGES[ROWS_AFTER_FOOTER].format(value=text, count=len(later), first=later[0]),
                value=text))

    # -- one person -------------------------------------------------------------------------

    def _problem(self, sp: SheetPlan, rownum: int, code: str, severity: Severity, message: str,
                 f: str | None = None, value: Any = None) -> Problem:
        c = sp.mapping.get(f) if f else None
        return Problem(sp.name, rownum, code, severity, message, f,
                       column_letter(c) if c is not None else None, _raw_text(value))

    def person(self, sp: SheetPlan, rownum: int, row: tuple[Any, ...],
               section: Category | None) -> None:
        width = len(row)
        vals = {f: (row[c] if c is not None and c < width else None)
                for f, c in sp.mapping.items()}
        sheet = sp.name
        problems: list[Problem] = []

        def add(code: str, severity: Severity, message: str, f: str | None = None,
                value: Any = None) -> None:
            problems.append(self._problem(sp, rownum, code, severity, message, f, value))

        sp.data_rows += 1
        if sp.first_data_row is None:
            sp.first_data_row = rownum
        sp.last_data_row = rownum

        # Name, with a NIP written on a second line of the same cell ("Nama / NIP" columns).
        raw_name = vals["name"]
        extra_nip = None
        if isinstance(raw_name, str) and "\n" in raw_name.strip():
            lines = [ln.strip() for ln in raw_name.strip().splitlines() if ln.strip()]
            if len(lines) > 1 and _LONG_DIGITS.search(lines[-1].replace(" ", "")) and \
                    not _HAS_LETTER.search(_ID_PREFIX.sub("", lines[-1])):
                extra_nip = lines[-1]
                raw_name = " ".join(lines[:-1])
        name = _text(raw_name)
        front = _text(vals["title_front"])
        back = _text(vals["title_back"]).lstrip(", ")
        if name and front:
            name = f"{front} {name}"
        if name and back:
            name = f"{name}, {back}"
        if not name:
            add(NAME_MISSING, Severity.ERROR, MESSAGES[NAME_MISSING], "name")
        elif not isinstance(raw_name, str) or not _HAS_LETTER.search(name) or \
                _SCI.match(name):
            add(NAME_INVALID, Severity.ERROR, MESSAGES[NAME_INVALID].format(value=name), "name",
                raw_name)

        # NIP / NIK: each cell is routed by its length (a NIK in the NIP column is a NIK).
        nip: str | None = None
        nik: str | None = None
        nip_kind = ""
        hints: list[str] = []
        nip_value = vals["nip"]
        if nip_value is None and extra_nip is not None:
            nip_value = extra_nip
        for value, source in ((nip_value, "nip"), (vals["nik"], "nik")):
            if value is None:
                continue
            ident = _read_identity(value, source, self.today)
            if ident.hint:
                hints.append(ident.hint)
            res = ident.result
            if res is None:
                continue
            for issue in res.issues:
                add(issue.code, Severity.WARNING if issue.warning else Severity.ERROR,
                    issue.message, source, value)
            if res.digits is None or res.errors:
                continue
            if ident.kind == "nip" and nip is None:
                nip, nip_kind = res.digits, res.kind
            elif ident.kind == "nik":
                if nik is None:
                    nik = res.digits
                elif nik != res.digits:
                    add(NIK_CONFLICT, Severity.WARNING, MESSAGES[NIK_CONFLICT].format(value=nik),
                        source, value)

        # Phone: repaired when it lost its leading 0; an unusable number is only a warning.
        phone = ""
        phone_raw = vals["phone"]
        if phone_raw is not None and _text(phone_raw):
            first, several = _split_phone(phone_raw)
            res = ids.check_phone(first)
            for issue in res.issues:
                add(issue.code, Severity.WARNING, issue.message, "phone", phone_raw)
            if res.digits:
                phone = res.digits
                if several:
                    add(PHONE_MULTIPLE, Severity.WARNING,
                        MESSAGES[PHONE_MULTIPLE].format(value=phone), "phone", phone_raw)

        unit = _text(vals["unit"])
        institution = _text(vals["institution"])
        jabatan = _text(vals["jabatan"])
        category = self._category(sp, add, vals, section, jabatan, nip, nip_kind, nik,
                                  institution, hints)
        if category is Category.TAMU and unit and not institution:
            institution, unit = unit, ""
        if category.needs_nip and nip is None and not any(p.field == "nip" for p in problems):
            add(NIP_MISSING, Severity.WARNING, MESSAGES[NIP_MISSING].format(label=category.label),
                "nip")

        if any(p.is_error for p in problems):
            # Not imported: a guess about its category would only distract from the error.
            self.problems.extend(p for p in problems if p.code not in _GUESS_CODES)
            return
        self._duplicates(sp, rownum, add, name, nip, nik, nip_value, vals, unit, institution,
                         raw_name)
        self.problems.extend(problems)
        if any(p.is_error for p in problems):
            return
        attendee = Attendee(
            name=name, category=category, nip=nip, nik=nik, golongan=_text(vals["golongan"]),
            jabatan=jabatan, unit=unit, phone=phone, institution=institution,
            source=Source.IMPORT, invited=True, note=_text(vals["note"]),
        )
        self.good.append(ImportRow(sheet, rownum, attendee, problems))

    def _duplicates(self, sp: SheetPlan, rownum: int, add: Any, name: str, nip: str | None,
                    nik: str | None, nip_value: Any, vals: dict[str, Any], unit: str,
                    institution: str, raw_name: Any) -> None:
        """Same person twice: only rows that would otherwise be imported count as the first."""
        sheet = sp.name
        clash = False
        if nip is not None:
            if nip in self.plan.existing_nips:
                add(NIP_DUPLICATE_EVENT, Severity.ERROR,
                    MESSAGES[NIP_DUPLICATE_EVENT].format(nip=ids.format_nip(nip)), "nip",
                    nip_value)
                clash = True
            elif nip in self.seen_nip:
                f_sheet, f_row, f_name = self.seen_nip[nip]
                add(NIP_DUPLICATE_FILE, Severity.ERROR, MESSAGES[NIP_DUPLICATE_FILE].format(
                    nip=ids.format_nip(nip), first=_where(sheet, f_sheet, f_row), name=f_name),
                    "nip", nip_value)
                clash = True
        if nik is not None:
            nik_field = "nik" if vals["nik"] is not None else "nip"
            if nik in self.plan.existing_niks:
                add(NIK_DUPLICATE_EVENT, Severity.ERROR, MESSAGES[NIK_DUPLICATE_EVENT], nik_field,
                    vals[nik_field])
                clash = True
            elif nik in self.seen_nik:
                f_sheet, f_row, f_name = self.seen_nik[nik]
                add(NIK_DUPLICATE_FILE, Severity.ERROR, MESSAGES[NIK_DUPLICATE_FILE].format(
                    first=_where(sheet, f_sheet, f_row), name=f_name), nik_field,
                    vals[nik_field])
                clash = True
        if clash:
            return
        if nip is None and nik is None:
            key = (name.casefold(), (institution or unit).casefold())
            if key in self.seen_name:
                f_sheet, f_row, _ = self.seen_name[key]
                add(NAME_DUPLICATE_FILE, Severity.WARNING, MESSAGES[NAME_DUPLICATE_FILE].format(
                    first=_where(sheet, f_sheet, f_row)), "name", raw_name)
            else:
                self.seen_name[key] = (sheet, rownum, name)
        if nip is not None:
            self.seen_nip[nip] = (sheet, rownum, name)
        if nik is not None:
            self.seen_nik[nik] = (sheet, rownum, name)

    def _category(self, sp: SheetPlan, add: Any, vals: dict[str, Any], section: Category | None,
                  jabatan: str, nip: str | None, nip_kind: str, nik: str | None,
                  institution: str, hints: list[str]) -> Category:
        """Category by precedence: Kategori/Eselon cell, the sheet or section, the NIP kind,
        the Jabatan, then a guess with a warning."""
        for f in ("category", "eselon"):
            value = vals[f]
            text = _text(value)
            if not text:
                continue
            cat, recognised = _explicit_category(text)
            if cat is not None:
                return cat
            if not recognised:
                c = sp.mapping.get(f)
                label = sp.headers[c] if c is not None and c < len(sp.headers) else f
                add(CATEGORY_UNKNOWN, Severity.WARNING, MESSAGES[CATEGORY_UNKNOWN].format(
                    column_label=label or FIELD_LABELS[f], value=text), f, value)
        for hint in hints:  # "Non ASN", "PPPK", "Honorer" written in the NIP column
            cat, _ = _explicit_category(hint)
            if cat is not None:
                return cat
        if sp.guest or section is Category.TAMU:
            return Category.TAMU
        if section is not None:
            return section
        if nip_kind == ids.NI_PPPK:
            return Category.PPPK
        from_jabatan = _jabatan_category(jabatan) if jabatan else None
        if nip is not None:
            # A NIP PNS proves a civil servant: a status word in the title proves nothing.
            if from_jabatan is not None and from_jabatan not in (
                    Category.TAMU, Category.NON_ASN, Category.PPPK):
                return from_jabatan
            add(CATEGORY_GUESSED, Severity.WARNING, MESSAGES[CATEGORY_GUESSED].format(
                label=Category.PELAKSANA.label,
                reason="NIP PNS tanpa eselon atau jabatan yang dikenali"), "jabatan", jabatan)
            return Category.PELAKSANA
        if from_jabatan in (Category.TAMU, Category.NON_ASN, Category.PPPK):
            return from_jabatan
        if institution:
            return Category.TAMU
        if nik is not None:
            return Category.NON_ASN
        if from_jabatan is not None:
            return from_jabatan
        add(CATEGORY_GUESSED, Severity.WARNING, MESSAGES[CATEGORY_GUESSED].format(
            label=Category.TAMU.label, reason="tanpa NIP/NIK, eselon, kategori atau jabatan "
            "yang dikenali"), "category", vals["category"])
        return Category.TAMU


def _validate(plan: ImportPlan) -> ImportPlan:
    v = _Validator(plan)
    assert plan.raw is not None
    raws = {s.name: s for s in plan.raw.sheets}
    for sp in plan.sheets:
        v.sheet(sp, raws[sp.name])
    plan.good = v.good
    plan.problems = v.problems
    return plan


# ---------------------------------------------------------------------------------------------
# Row classification helpers


def _is_column_numbers(cells: list[tuple[int, Any]]) -> bool:
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


def _footer_kind(cells: list[tuple[int, Any]], name_v: Any, m: Mapping[str, int | None]
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
                if c2 is not None and any(cc == c2 and _LONG_DIGITS.search(str(vv))
                                          for cc, vv in cells):
                    return ""
            return "total"
        if f.startswith(_FOOTER_SIGN) or ("," in f and _PLACE_DATE.match(f)):
            return "sign"
    if len(cells) == 1 and cells[0][1].__class__ is str:
        only = cells[0][1].strip().lower()
        if only.endswith(",") or (only.startswith("nip") and _LONG_DIGITS.search(
                only.replace(" ", "").replace(".", ""))):
            return "sign"  # "Kepala Badan Kesbangpol," / "NIP. 1969..." of a signature block
    return ""


def _heading(row: tuple[Any, ...], cells: list[tuple[int, Any]], no_col: int | None,
             name_col: int, other_cols: list[int]) -> str | None:
    """The text of a section heading row ("A. ESELON II", "TAMU UNDANGAN"), or None."""
    width = len(row)
    if any(c < width and row[c] is not None for c in other_cols):
        return None
    no_v = row[no_col] if no_col is not None and no_col < width else None
    if no_v is not None and _is_int_no(no_v):
        return None
    rest = [(c, v) for c, v in cells if c != no_col]
    if any(not isinstance(v, str) for _, v in rest):
        return None
    texts = [str(no_v)] if isinstance(no_v, str) else []
    texts += [v for _, v in rest]
    text = _WS.sub(" ", " ".join(texts)).strip()
    if not rest:
        return text  # only a letter or title in the No column
    if len(rest) > 1:
        return None
    if rest[0][0] != name_col:
        return text
    if no_v is not None or _HEADING_START.match(text):
        return text
    return None


def _looks_like_person(row: tuple[Any, ...], m: Mapping[str, int | None],
                       strict: bool = False) -> bool:
    width = len(row)
    name_c = m.get("name")
    if name_c is None or name_c >= width or not isinstance(row[name_c], str):
        return False
    if not _HAS_LETTER.search(row[name_c]):
        return False
    no_c, nip_c = m.get("no"), m.get("nip")
    numbered = no_c is not None and no_c < width and _is_int_no(row[no_c])
    with_id = nip_c is not None and nip_c < width and row[nip_c] is not None and \
        len(_digits(str(row[nip_c]))) >= 15
    return (numbered and with_id) if strict else (numbered or with_id)


def column_letter(idx: int) -> str:
    """Excel's letter for a 0-based column index (0 -> "A", 26 -> "AA")."""
    from openpyxl.utils import get_column_letter  # openpyxl is imported only when needed

    return get_column_letter(idx + 1)


def _raw_text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return format(v, ".15g")
    return str(v).strip()


def _where(sheet: str, f_sheet: str, f_row: int) -> str:
    return f"baris {f_row}" if f_sheet == sheet else f"lembar {f_sheet} baris {f_row}"


def _raw_sheet(plan: ImportPlan, name: str) -> RawSheet:
    if plan.raw is None:
        raise KeyError(name)
    for s in plan.raw.sheets:
        if s.name == name:
            return s
    raise KeyError(name)


def _attendee_dict(r: ImportRow) -> dict[str, Any]:
    a = r.attendee
    return {
        "sheet": r.sheet, "row": r.row, "name": a.name, "category": a.category.value,
        "nip": a.nip, "nik": a.nik, "golongan": a.golongan, "jabatan": a.jabatan,
        "unit": a.unit, "institution": a.institution, "phone": a.phone, "note": a.note,
        "warnings": [p.code for p in r.warnings],
    }
