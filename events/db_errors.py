"""Database failures as Ikrar reports them: :class:`StoreError` with a stable ``code`` and an
Indonesian message, whatever the engine (SQLite, PostgreSQL) or the system said.

Every write and read of the store passes its failures through :func:`translate`.
"""

from __future__ import annotations

import errno
import logging
import re
import socket
import sqlite3
from collections.abc import Mapping
from typing import ClassVar

from sqlalchemy import exc

from events.i18n import QT_TRANSLATE_NOOP

__all__ = ["DB_MESSAGES", "DuplicateError", "StoreError", "classify", "constraint_of",
           "translate"]

log = logging.getLogger(__name__)

DB_MESSAGES = {
    "corrupt": QT_TRANSLATE_NOOP("Texts", "Berkas basis data rusak atau bukan basis data Ikrar: "
                                 "{detail}"),
    "foreign": QT_TRANSLATE_NOOP("Texts", "Berkas ini basis data program lain, bukan milik Ikrar "
                                 "(berisi tabel {detail}); berkas tidak diubah"),
    "locked": QT_TRANSLATE_NOOP(
        "Texts", "Basis data sedang dipakai proses lain; coba lagi sebentar"),
    "disk_full": QT_TRANSLATE_NOOP("Texts", "Penyimpanan penuh; data tidak tersimpan. Kosongkan "
                                   "ruang disk lalu coba lagi"),
    "read_only": QT_TRANSLATE_NOOP("Texts", "Basis data hanya bisa dibaca; data tidak tersimpan"),
    "io": QT_TRANSLATE_NOOP("Texts", "Gagal menulis ke basis data (rinciannya di berkas log)"),
    "duplicate_nip": QT_TRANSLATE_NOOP("Texts", "NIP {value} sudah terdaftar pada acara ini"),
    "duplicate_nik": QT_TRANSLATE_NOOP("Texts", "NIK {value} sudah terdaftar pada acara ini"),
    "not_found": QT_TRANSLATE_NOOP("Texts", "Data tidak ditemukan ({detail})"),
    "has_records": QT_TRANSLATE_NOOP("Texts", "{detail} sudah tercatat hadir atau menandatangani "
                                     "ikrar: datanya tidak dapat dihapus dari acara ini (bila "
                                     "datanya salah, ubahlah)"),
    "unreachable": QT_TRANSLATE_NOOP("Texts", "Basis data tidak dapat dibuka: server tidak "
                                     "terjangkau atau berkasnya tidak ada (rinciannya di berkas "
                                     "log)"),
    "missing": QT_TRANSLATE_NOOP("Texts", "Berkas basis data {detail} tidak ada; tidak ada yang "
                                 "dibuat. Periksa jalurnya, atau pakai --create untuk membuat "
                                 "basis data baru di sana"),
    "empty_file": QT_TRANSLATE_NOOP("Texts", "Berkas {detail} kosong (0 byte), bukan basis data "
                                    "Ikrar; berkas tidak diubah. Pakai --create untuk "
                                    "menyiapkannya sebagai basis data baru"),
    "folder_read_only": QT_TRANSLATE_NOOP(
        "Texts", "Folder {detail} tidak dapat ditulis: SQLite perlu menulis berkas pendamping "
        "(-wal, -shm) di samping basis data, juga untuk membaca. Salin berkas ke folder yang "
        "dapat ditulis"),
    "disk_full_read": QT_TRANSLATE_NOOP("Texts", "Penyimpanan penuh: basis data tidak dapat "
                                        "dibuka atau dibaca (tidak ada data yang berubah). "
                                        "Kosongkan ruang disk lalu coba lagi"),
    "newer_schema": QT_TRANSLATE_NOOP("Texts", "Basis data dibuat oleh versi Ikrar yang lebih baru "
                                      "({detail}); perbarui aplikasi"),
}


class StoreError(Exception):
    """A database operation failed; nothing of it was written.

    Attributes:
        code: a stable code, the key of the message in ``messages``.
        messages: the class's Indonesian messages by code (marked for translation). A subclass
            sets its own; a code it does not have is looked up in its parents' (``message``).
    """

    messages: ClassVar[Mapping[str, str]] = DB_MESSAGES

    def __init__(self, code: str, detail: str = "", value: str = ""):
        self.code = code
        self.detail = detail
        self.value = value
        super().__init__(self.message)

    @classmethod
    def template(cls, code: str) -> str | None:
        """The message for ``code`` from the nearest class that has it, or None."""
        for klass in cls.__mro__:
            table = klass.__dict__.get("messages")
            if table is not None and code in table:
                return str(table[code])
        return None

    @property
    def params(self) -> dict[str, object]:
        """What the message is filled in with (a subclass may name more)."""
        return {"detail": self.detail, "value": self.value}

    @property
    def message(self) -> str:
        return (self.template(self.code) or "{detail}").format(**self.params)


class DuplicateError(StoreError):
    """A NIP or NIK that is already on the event's roster."""

    @property
    def field(self) -> str:
        """The attendee field that clashed: "nik" or "nip"."""
        return "nik" if self.code == "duplicate_nik" else "nip"



# -- classifying the driver's errors ------------------------------------------------------------
#
# By the codes the drivers give, not by the wording of their messages (which changes between
# versions and languages). SQLite: the result code of sqlite3.Error (the low byte is the
# primary code: SQLITE_BUSY, SQLITE_FULL...). PostgreSQL (psycopg): the SQLSTATE; an error
# without one never reached the server (refused, no route, unknown host, connection closed).

_SQLITE_CODES = {
    sqlite3.SQLITE_BUSY: "locked",
    sqlite3.SQLITE_LOCKED: "locked",
    sqlite3.SQLITE_FULL: "disk_full",
    sqlite3.SQLITE_READONLY: "read_only",
    sqlite3.SQLITE_CORRUPT: "corrupt",
    sqlite3.SQLITE_NOTADB: "corrupt",
    sqlite3.SQLITE_CANTOPEN: "unreachable",
}
_SQLITE_DUPLICATE = {sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY}

_PG_STATES = {
    "23503": "not_found",  # foreign key: e.g. attendees for an event that does not exist
    "53100": "disk_full",
    "25006": "read_only",  # a read-only transaction, or a standby server
    "55P03": "locked",  # lock not available (NOWAIT, lock_timeout)
    "57014": "locked",  # statement cancelled (statement_timeout): busy, try again
    "40P01": "locked",  # deadlock detected: the other transaction went through
    "57P01": "unreachable",  # the server is shutting down (admin)
    "57P02": "unreachable",  # ... after a crash
    "57P03": "unreachable",  # the server is starting up: cannot connect now
    "53300": "unreachable",  # too many connections
    "XX001": "corrupt",
    "XX002": "corrupt",
}
# Classes of SQLSTATE that mean the database could not be reached or opened: connection
# exceptions, authorization, a database that does not exist.
_PG_UNREACHABLE_CLASSES = ("08", "28", "3D")

# By name: not every platform's errno module has them all (Windows lacks some).
_FULL_ERRNOS = {getattr(errno, name) for name in ("ENOSPC", "EDQUOT") if hasattr(errno, name)}
_NETWORK_ERRNOS = {getattr(errno, name) for name in (
    "ECONNREFUSED", "ECONNRESET", "ECONNABORTED", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH",
    "ENETDOWN", "EHOSTDOWN") if hasattr(errno, name)}


def _sqlite_code(error: sqlite3.Error) -> str:
    code = getattr(error, "sqlite_errorcode", None)
    if code is None:  # raised by the sqlite3 module itself (e.g. a closed connection)
        return "io"
    if code == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
        return "not_found"
    if code in _SQLITE_DUPLICATE:
        # SQLite names no constraint, only its columns ("UNIQUE constraint failed:
        # attendees.event_id, attendees.nik"): matching the column name is all there is.
        return "duplicate_nik" if re.search(r"\.nik\b", str(error)) else "duplicate_nip"
    return _SQLITE_CODES.get(code & 0xFF, "io")


def _postgres_code(error: BaseException) -> str:
    state = getattr(error, "sqlstate", None)
    if not state:
        # libpq gave up before any answer from the server: connection refused, host not
        # found, no route, the connection closed under us.
        import psycopg  # loaded already: the error came from it

        return "unreachable" if isinstance(error, psycopg.OperationalError) else "io"
    if state == "23505":
        constraint = getattr(getattr(error, "diag", None), "constraint_name", None) or ""
        # uq_attendees_event_id_nik / _nip (events/schema.py); every other unique constraint
        # (a seal, a check-in...) stays a DuplicateError too: callers catch it to skip work
        # another desk already did.
        return "duplicate_nik" if "nik" in constraint.split("_") else "duplicate_nip"
    if state in _PG_STATES:
        return _PG_STATES[state]
    if state.startswith(_PG_UNREACHABLE_CLASSES):
        return "unreachable"
    return "io"  # other integrity violations (NOT NULL, CHECK) and the rest: a write failed


def _os_code(error: OSError) -> str:
    if error.errno in _FULL_ERRNOS:
        return "disk_full"
    if error.errno == errno.EROFS:
        return "read_only"
    if error.errno in _NETWORK_ERRNOS or isinstance(error, socket.gaierror):
        return "unreachable"
    return "io"


def classify(error: BaseException) -> str:
    """The StoreError code for a failure raised by SQLAlchemy, a driver, or the system."""
    if isinstance(error, exc.DBAPIError) and error.connection_invalidated:
        # The server went away: nothing was committed by the statement that failed, and the
        # pool reconnects on the next use (pool_pre_ping).
        return "unreachable"
    if isinstance(error, exc.TimeoutError):
        return "unreachable"  # no connection free in the pool within its timeout
    cause = getattr(error, "orig", None) or error  # a DBAPIError wraps the driver's error
    if isinstance(cause, sqlite3.Error):
        return _sqlite_code(cause)
    if type(cause).__module__.startswith("psycopg"):
        return _postgres_code(cause)
    if isinstance(cause, OSError):
        return _os_code(cause)
    return "io"


def constraint_of(error: BaseException) -> tuple[str, int | None]:
    """The constraint a driver's integrity error names (PostgreSQL: its name) and SQLite's
    extended result code (SQLite names no constraint): ("", None) when neither is known."""
    cause = getattr(error, "orig", None) or error
    name = getattr(getattr(cause, "diag", None), "constraint_name", None) or ""
    return name, getattr(cause, "sqlite_errorcode", None)


def translate(error: BaseException) -> StoreError:
    """``error`` (from SQLAlchemy, a driver or the system) as the StoreError to raise. The
    driver's own text (English, and technical) goes to the log and stays in ``detail``; the
    message shown to people is the code's."""
    text = str(getattr(error, "orig", error) or error)
    code = classify(error)
    if code not in ("duplicate_nip", "duplicate_nik"):
        log.warning("database error %s: %s", code, text.strip().replace("\n", " "))
    if code in ("duplicate_nip", "duplicate_nik"):
        return DuplicateError(code, text)
    return StoreError(code, text)
