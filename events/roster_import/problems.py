"""Problems found in a roster, their codes and their Indonesian messages, and the file error.

Codes are stable strings (the constants below and the codes of ``events.ids``); a message is
marked with ``QT_TRANSLATE_NOOP`` so that the UI can translate it by its code.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from events.files import write_atomically
from events.i18n import QT_TRANSLATE_NOOP

# ---------------------------------------------------------------------------------------------
# Fields and problem codes

FIELDS: tuple[str, ...] = (
    "no", "name", "title_front", "title_back", "nip", "nik", "golongan", "jabatan", "eselon",
    "unit", "institution", "phone", "category", "note",
)
FIELD_LABELS: dict[str, str] = {
    "no": QT_TRANSLATE_NOOP("Texts", "No."),
    "name": QT_TRANSLATE_NOOP("Texts", "Nama"),
    "title_front": QT_TRANSLATE_NOOP("Texts", "Gelar depan"),
    "title_back": QT_TRANSLATE_NOOP("Texts", "Gelar belakang"),
    "nip": QT_TRANSLATE_NOOP("Texts", "NIP"),
    "nik": QT_TRANSLATE_NOOP("Texts", "NIK"),
    "golongan": QT_TRANSLATE_NOOP("Texts", "Pangkat/Gol."),
    "jabatan": QT_TRANSLATE_NOOP("Texts", "Jabatan"),
    "eselon": QT_TRANSLATE_NOOP("Texts", "Eselon"),
    "unit": QT_TRANSLATE_NOOP("Texts", "Unit Kerja/OPD"),
    "institution": QT_TRANSLATE_NOOP("Texts", "Instansi (tamu)"),
    "phone": QT_TRANSLATE_NOOP("Texts", "No. HP"),
    "category": QT_TRANSLATE_NOOP("Texts", "Kategori"),
    "note": QT_TRANSLATE_NOOP("Texts", "Keterangan"),
}

# File-level codes (RosterFileError.code)
FILE_NOT_FOUND = "file_not_found"
FILE_UNREADABLE = "file_unreadable"
FILE_FORMAT = "file_format"
FILE_EMPTY = "file_empty"
NO_HEADER = "no_header"
FILE_TOO_LARGE = "file_too_large"

# Row- and sheet-level codes of this module (events.ids codes are reused as they are). A list
# of constants like events.ids's codes, by nature: the same shape, no repeated logic.
NAME_MISSING = "name_missing"
NAME_INVALID = "name_invalid"
NIP_DUPLICATE_FILE = "nip_duplicate_file"
NIP_DUPLICATE_EVENT = "nip_duplicate_event"
NIK_DUPLICATE_FILE = "nik_duplicate_file"
NIK_DUPLICATE_EVENT = "nik_duplicate_event"
NAME_DUPLICATE_FILE = "name_duplicate_file"
NAME_DUPLICATE_EVENT = "name_duplicate_event"
FILE_ALREADY_IMPORTED = "file_already_imported"
NIP_MISSING = "nip_missing"
NIK_CONFLICT = "nik_conflict"
CATEGORY_UNKNOWN = "category_unknown"
CATEGORY_GUESSED = "category_guessed"
PHONE_MULTIPLE = "phone_multiple"
ROWS_AFTER_FOOTER = "rows_after_footer"
SHEET_NO_HEADER = "sheet_no_header"
SHEET_NO_NAME_COLUMN = "sheet_no_name_column"
TEXT_CLEANED = "text_cleaned"
TEXT_UNPRINTABLE = "text_unprintable"

# Reasons recorded in SheetPlan.skipped (rows deliberately not read as people; not problems)
SKIP_HEADING = "heading"
SKIP_COLUMN_NUMBERS = "column_numbers"
SKIP_HEADER_REPEAT = "header_repeat"
SKIP_MERGED = "merged_continuation"
SKIP_SUBTOTAL = "subtotal"

MESSAGES: dict[str, str] = {
    NAME_MISSING: QT_TRANSLATE_NOOP("Texts", "Nama kosong; baris tidak diimpor"),
    NAME_INVALID: QT_TRANSLATE_NOOP(
        "Texts", "Nama tidak berisi huruf ({value}); periksa kolom Nama"),
    NIP_DUPLICATE_FILE: QT_TRANSLATE_NOOP(
        "Texts", "NIP {nip} sudah tercantum di {first} ({name}); baris ini tidak diimpor"),
    NIP_DUPLICATE_EVENT: QT_TRANSLATE_NOOP(
        "Texts", "NIP {nip} sudah terdaftar di acara ini; baris ini tidak diimpor"),
    NIK_DUPLICATE_FILE: QT_TRANSLATE_NOOP(
        "Texts", "NIK sudah tercantum di {first} ({name}); baris ini tidak diimpor"),
    NIK_DUPLICATE_EVENT: QT_TRANSLATE_NOOP(
        "Texts", "NIK sudah terdaftar di acara ini; baris ini tidak diimpor"),
    NAME_DUPLICATE_FILE: QT_TRANSLATE_NOOP(
        "Texts", "Nama yang sama tanpa NIP/NIK sudah ada di {first}; periksa apakah orang yang "
                 "sama"),
    NAME_DUPLICATE_EVENT: QT_TRANSLATE_NOOP(
        "Texts", "Nama yang sama tanpa NIP/NIK sudah terdaftar di acara ini ({place}); baris ini "
                 "tidak diimpor"),
    FILE_ALREADY_IMPORTED: QT_TRANSLATE_NOOP(
        "Texts", "File yang sama persis ({file}) sudah diimpor ke acara ini pada {at}; orang yang "
                 "sudah terdaftar tidak diimpor lagi"),
    NIP_MISSING: QT_TRANSLATE_NOOP(
        "Texts", "NIP kosong untuk kategori {label}; lengkapi di meja registrasi"),
    NIK_CONFLICT: QT_TRANSLATE_NOOP(
        "Texts", "Kolom NIP dan NIK berisi NIK yang berbeda; dipakai {value}"),
    CATEGORY_UNKNOWN: QT_TRANSLATE_NOOP(
        "Texts", 'Isi kolom {column_label} "{value}" tidak dikenali; kategori ditentukan dari '
                 'data lain'),
    CATEGORY_GUESSED: QT_TRANSLATE_NOOP("Texts", "Kategori ditebak sebagai {label}: {reason}"),
    PHONE_MULTIPLE: QT_TRANSLATE_NOOP("Texts", "Lebih dari satu nomor HP; yang dipakai {value}"),
    ROWS_AFTER_FOOTER: QT_TRANSLATE_NOOP(
        "Texts", 'Pembacaan berhenti di baris ini ("{value}"); {count} baris berisi nama di '
                 'bawahnya tidak dibaca (pertama baris {first})'),
    SHEET_NO_HEADER: QT_TRANSLATE_NOOP(
        "Texts", "Lembar dilewati: tidak ada baris judul kolom dengan kolom Nama di 30 baris "
                 "pertama"),
    SHEET_NO_NAME_COLUMN: QT_TRANSLATE_NOOP(
        "Texts", "Kolom Nama belum dipilih; lembar ini tidak diimpor"),
    TEXT_CLEANED: QT_TRANSLATE_NOOP(
        "Texts", "Karakter tak terlihat atau lebar penuh dihapus atau diganti ({value}); "
                 "periksa hasilnya"),
    TEXT_UNPRINTABLE: QT_TRANSLATE_NOOP(
        "Texts", "Berisi huruf yang tidak dapat dicetak dengan benar pada sertifikat dan "
                 "dokumen ({value}); tulis dengan huruf Latin. Baris tidak diimpor"),
}
MESSAGES_FILE: dict[str, str] = {
    FILE_NOT_FOUND: QT_TRANSLATE_NOOP("Texts", "File tidak ditemukan: {path}"),
    FILE_UNREADABLE: QT_TRANSLATE_NOOP(
        "Texts", "File tidak dapat dibaca (rusak atau terkunci): {path}"),
    FILE_FORMAT: QT_TRANSLATE_NOOP(
        "Texts", "Format file tidak didukung: {path}. Simpan sebagai .xlsx atau .csv"),
    FILE_EMPTY: QT_TRANSLATE_NOOP("Texts", "File kosong: {path}"),
    NO_HEADER: QT_TRANSLATE_NOOP(
        "Texts", "Tidak ditemukan baris judul kolom (mis. No, Nama, NIP, Jabatan) di lembar mana "
                 "pun: {path}"),
    FILE_TOO_LARGE: QT_TRANSLATE_NOOP(
        "Texts", "File {path} melebihi batas sebuah daftar undangan: {detail}. Periksa apakah "
                 "file yang dipilih benar; daftar sebesar itu dapat dibagi menjadi beberapa file"),
}
# Why a file cannot be read: the message of a RosterFileError beyond the generic one of its code.
MESSAGES_READ: dict[str, str] = {
    "xls": QT_TRANSLATE_NOOP(
        "Texts", "{path} adalah file Excel lama (.xls) atau terkunci kata sandi; buka di Excel "
                 "lalu simpan sebagai .xlsx (tanpa kata sandi) atau .csv"),
    "html": QT_TRANSLATE_NOOP(
        "Texts", "{path} sebenarnya halaman web (HTML) yang diberi nama Excel; buka di Excel "
                 "lalu simpan sebagai .xlsx"),
    "ods": QT_TRANSLATE_NOOP(
        "Texts", "{path} adalah file OpenDocument (.ods); simpan sebagai .xlsx atau .csv"),
    "packed": QT_TRANSLATE_NOOP(
        "Texts", "File tidak dapat dibaca: {path} dipadatkan dengan cara yang tidak dikenal atau "
                 "dikunci kata sandi; buka di Excel lalu simpan ulang sebagai .xlsx"),
}
# The {detail} of FILE_TOO_LARGE, per limit (see events.roster_import.raw.Limits).
MESSAGES_LIMIT: dict[str, str] = {
    "rows": QT_TRANSLATE_NOOP(
        "Texts", "lembar {sheet} berisi baris {value} (paling banyak {limit} baris)"),
    "columns": QT_TRANSLATE_NOOP(
        "Texts", "lembar {sheet} berisi kolom {value} (paling banyak {limit} kolom)"),
    "strings": QT_TRANSLATE_NOOP(
        "Texts", "lebih dari {limit} teks berbeda dalam buku kerja"),
    "part": QT_TRANSLATE_NOOP(
        "Texts", "bagian {part} berukuran {value} MB setelah dibuka (paling banyak {limit} MB)"),
    "ratio": QT_TRANSLATE_NOOP(
        "Texts", "bagian {part} dipadatkan {value}:1 (paling banyak {limit}:1)"),
    "total": QT_TRANSLATE_NOOP(
        "Texts", "isinya {value} MB setelah dibuka (paling banyak {limit} MB)"),
    "file": QT_TRANSLATE_NOOP(
        "Texts", "file berukuran {value} MB (paling banyak {limit} MB)"),
    "csv_field": QT_TRANSLATE_NOOP(
        "Texts", "satu sel di baris {value} lebih panjang dari {limit} KB"),
}

# The columns of the problem list handed back to the office that made the file.
PROBLEM_CSV_HEADER: tuple[str, ...] = ("Lembar", "Baris", "Kolom", "Isi sel", "Masalah")

HEADER_SCAN_ROWS = 30
PREVIEW_ROWS = 10


class RosterFileError(Exception):
    """The file cannot be read as a roster at all.

    Attributes:
        code: stable code (file_not_found, file_unreadable, file_format, file_empty, no_header,
            file_too_large).
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




def problems_csv(problems: list[Problem]) -> bytes:
    """The problems as a CSV that Excel opens as it is (UTF-8 with BOM, comma-separated):
    sheet, row, column, cell value and the Indonesian problem text, one problem a line."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(PROBLEM_CSV_HEADER)
    for p in problems:
        writer.writerow([p.sheet, "" if p.row is None else p.row, p.column or "", p.value,
                         p.message])
    return buffer.getvalue().encode("utf-8-sig")


def write_problems_csv(path: str | Path, problems: list[Problem]) -> Path:
    """Write ``problems_csv`` to ``path`` atomically (events.files.write_atomically): a failure
    never leaves a half-written list in place of a good one.

    Raises:
        OSError: the file cannot be written.
    """
    return write_atomically(path, problems_csv(problems))
