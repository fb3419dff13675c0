"""The event database: one SQLite file by default, any SQLAlchemy URL otherwise.

Every public method is one short transaction; when it returns, the change is durable.
Failures arrive as :class:`StoreError` with a stable ``code`` and an Indonesian message, never as
a half-written change.
"""

from __future__ import annotations

import base64
import errno
import re
import secrets
import shutil
import socket
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import ClassVar

import sqlalchemy as sa
from sqlalchemy import event as sa_event
from sqlalchemy import exc

from events import audit, schema
from events.canonical import canonical_json, sha256_hex
from events.categories import Category
from events.i18n import QT_TRANSLATE_NOOP
from events.model import Attendee, Event, EventKind, Official, Source, Speaker
from events.types import now

_CATEGORIES = {c.value: c for c in Category}
_SOURCES = {s.value: s for s in Source}
_CATEGORY_ORDER = {c.value: c.order for c in Category}

# What an Attendee holds, in this order; the bookkeeping timestamps are not read back.
_ATTENDEE_COLUMNS = [schema.attendees.c[name] for name in (
    "id", "event_id", "name", "category", "nip", "nik", "golongan", "jabatan", "unit", "phone",
    "institution", "source", "invited", "note", "token")]

CONNECT_TIMEOUT = 3  # seconds: a desk says "server unreachable" instead of hanging

HEAD_REVISION = "0004"  # the newest migration; tests check it matches the scripts

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
    "io": QT_TRANSLATE_NOOP("Texts", "Gagal menulis ke basis data: {detail}"),
    "duplicate_nip": QT_TRANSLATE_NOOP("Texts", "NIP {value} sudah terdaftar pada acara ini"),
    "duplicate_nik": QT_TRANSLATE_NOOP("Texts", "NIK {value} sudah terdaftar pada acara ini"),
    "not_found": QT_TRANSLATE_NOOP("Texts", "Data tidak ditemukan ({detail})"),
    "has_records": QT_TRANSLATE_NOOP("Texts", "{detail} sudah tercatat hadir atau menandatangani "
                                     "ikrar: datanya tidak dapat dihapus dari acara ini (bila "
                                     "datanya salah, ubahlah)"),
    "unreachable": QT_TRANSLATE_NOOP("Texts", "Basis data tidak dapat dibuka: {detail}"),
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
    def message(self) -> str:
        return (self.template(self.code) or "{detail}").format(detail=self.detail,
                                                                value=self.value)


class DuplicateError(StoreError):
    """A NIP or NIK that is already on the event's roster."""

    @property
    def field(self) -> str:
        """The attendee field that clashed: "nik" or "nip"."""
        return "nik" if self.code == "duplicate_nik" else "nip"


def default_db_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("Ikrar", appauthor=False)) / "ikrar.sqlite"


def resolve_url(path_or_url: str | Path | None) -> str:
    """Turn ``--db`` (a file path or a SQLAlchemy URL) into a URL; None means the default file."""
    if path_or_url is None:
        path_or_url = default_db_path()
    text = str(path_or_url)
    if "://" in text:
        # psycopg 3 is the PostgreSQL driver Ikrar ships; plain "postgresql://" (as psql and
        # most servers' instructions write it) would make SQLAlchemy look for psycopg2.
        for plain in ("postgresql://", "postgres://"):
            if text.startswith(plain):
                return "postgresql+psycopg://" + text[len(plain):]
        return text
    return "sqlite:///" + str(Path(text).expanduser().resolve())


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout = 5000")
    # FULL: a commit in WAL mode survives a power cut, not just a crash of the app.
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


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


def _postgres_code(error: Exception) -> str:
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


def _classify(error: BaseException) -> str:
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


def _translate(error: BaseException) -> StoreError:
    text = str(getattr(error, "orig", error) or error)
    code = _classify(error)
    if code in ("duplicate_nip", "duplicate_nik"):
        return DuplicateError(code, text)
    return StoreError(code, text)


class Store:
    """Events and their rosters in one database.

    Attributes:
        url: the SQLAlchemy URL of the database.
        engine: the SQLAlchemy engine.
    """

    def __init__(self, engine: sa.Engine):
        self.engine = engine
        self.url = engine.url.render_as_string(hide_password=True)

    # -- opening and migrations -------------------------------------------------------------

    @classmethod
    def open(cls, path_or_url: str | Path | None = None, migrate: bool = True) -> Store:
        """Open (creating it if needed) and migrate the database to the current schema."""
        url = resolve_url(path_or_url)
        sa_url = sa.make_url(url)
        is_sqlite = sa_url.get_backend_name() == "sqlite"
        # A "file:...?uri=true" URL names a file too, but not as a path to create folders for.
        is_file = sa_url.database not in (None, "", ":memory:") and not sa_url.query.get("uri")
        if is_sqlite and is_file:
            try:
                Path(sa_url.database).parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise StoreError("unreachable", str(error)) from error
        options: dict = {}
        if not is_sqlite:
            # A server can go away: check each pooled connection before use (a dead one is
            # replaced, so the desk reconnects by itself), and give up connecting quickly
            # rather than freeze the desk.
            options = {"pool_pre_ping": True, "pool_size": 2, "max_overflow": 4}
            if sa_url.get_backend_name() == "postgresql":
                # libpq options: a server gone silent (Wi-Fi lost, cable pulled) is noticed
                # within seconds too, not after the kernel's minutes-long TCP timeout.
                options["connect_args"] = {
                    "connect_timeout": CONNECT_TIMEOUT, "tcp_user_timeout": 5000,
                    "keepalives": 1, "keepalives_idle": 5, "keepalives_interval": 2,
                    "keepalives_count": 2}
        try:
            engine = sa.create_engine(url, **options)
        except (exc.ArgumentError, exc.NoSuchModuleError, ImportError) as error:
            raise StoreError("unreachable", str(error)) from error
        if is_sqlite:
            sa_event.listen(engine, "connect", _sqlite_pragmas)
        store = cls(engine)
        if migrate:
            try:
                store.migrate()
            except StoreError:
                engine.dispose()
                raise
            except exc.SQLAlchemyError as error:
                engine.dispose()
                raise _translate(error) from error
            except sqlite3.DatabaseError as error:
                engine.dispose()
                raise _translate(error) from error
        if is_sqlite:
            # WAL is kept in the file; set only once the file is known to be Ikrar's.
            with store.connection() as conn:
                conn.exec_driver_sql("PRAGMA journal_mode = WAL")
        return store

    @property
    def location(self) -> str:
        """What to show the user: the file path for SQLite, else the URL without password."""
        if self.engine.dialect.name == "sqlite" and self.engine.url.database:
            return self.engine.url.database
        return self.url

    def close(self) -> None:
        self.engine.dispose()

    def current_revision(self) -> str | None:
        with self.engine.connect() as conn:
            if not sa.inspect(conn).has_table("alembic_version"):
                return None
            return conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()

    def migrate(self) -> None:
        """Bring the schema to the newest revision; a no-op (and no Alembic import) when current.

        An existing SQLite file is copied to ``<name>.bak-<revision>`` before it is changed.
        """
        revision = self.current_revision()
        if revision == HEAD_REVISION:
            return
        if revision is None:
            with self.engine.connect() as conn:
                tables = sa.inspect(conn).get_table_names()
            if tables:
                # Another program's database: leave it exactly as it is.
                raise StoreError("foreign", ", ".join(sorted(tables)[:5]))
        from alembic import command
        from alembic.config import Config
        from alembic.script import ScriptDirectory

        config = Config()
        config.set_main_option("script_location", "events:migrations")
        known = {rev.revision for rev in ScriptDirectory.from_config(config).walk_revisions()}
        if revision is not None and revision not in known:
            raise StoreError("newer_schema", revision)  # before any backup: nothing is changed
        if revision is not None and self.engine.dialect.name == "sqlite":
            database = self.engine.url.database
            if database and database != ":memory:" and Path(database).exists():
                with self.engine.connect() as conn:
                    conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
                shutil.copy2(database, f"{database}.bak-{revision}")
        with self.engine.connect() as conn:
            sqlite = self.engine.dialect.name == "sqlite"
            if sqlite:
                # Off while tables are rebuilt (Alembic's batch mode drops and recreates them):
                # dropping a parent table would otherwise cascade-delete its children's rows.
                conn.exec_driver_sql("PRAGMA foreign_keys = OFF")
                conn.commit()  # a pragma outside any transaction; this one only ends autobegin
            try:
                with conn.begin():
                    config.attributes["connection"] = conn
                    command.upgrade(config, "head")
            finally:
                if sqlite:
                    conn.exec_driver_sql("PRAGMA foreign_keys = ON")
                    conn.commit()

    @contextmanager
    def transaction(self) -> Iterator[sa.Connection]:
        """One write transaction: committed when the block ends, rolled back if it raises.
        Database failures arrive as :class:`StoreError`."""
        try:
            with self.engine.begin() as conn:
                yield conn
        except StoreError:
            raise
        except (exc.SQLAlchemyError, sqlite3.DatabaseError, OSError) as error:
            raise _translate(error) from error

    @contextmanager
    def connection(self) -> Iterator[sa.Connection]:
        """A connection for reads (each statement sees the latest commits); nothing written
        through it is committed. Database failures arrive as :class:`StoreError`."""
        try:
            with self.engine.connect() as conn:
                yield conn
        except (exc.SQLAlchemyError, sqlite3.DatabaseError, OSError) as error:
            raise _translate(error) from error

    @contextmanager
    def snapshot(self) -> Iterator[sa.Connection]:
        """One read transaction: every query in the block sees the database as it was at the
        block's first read, whatever other desks commit meanwhile (SQLite: a deferred
        transaction in WAL mode; a server: REPEATABLE READ). Documents are built from one."""
        try:
            with self.engine.connect() as conn:
                if self.engine.dialect.name == "sqlite":
                    conn.exec_driver_sql("BEGIN")
                else:
                    conn.execution_options(isolation_level="REPEATABLE READ")
                    conn.begin()
                try:
                    yield conn
                finally:
                    conn.rollback()
        except (exc.SQLAlchemyError, sqlite3.DatabaseError, OSError) as error:
            raise _translate(error) from error

    # -- events -------------------------------------------------------------------------------

    @staticmethod
    def _event_values(event: Event) -> dict:
        return {
            "name": event.name.strip(),
            "kind": EventKind(event.kind).value,
            "event_date": event.event_date,
            "start_time": event.start_time,
            "end_time": event.end_time,
            "venue": event.venue,
            "city": event.city,
            "organizer_unit": event.organizer_unit,
            "institution": event.institution,
            "logo": event.logo,
            "letter_number": event.letter_number,
            "letter_date": event.letter_date,
            "presiding_name": event.presiding.name,
            "presiding_title": event.presiding.title,
            "presiding_nip": event.presiding.nip,
            "witness_name": event.witness.name,
            "witness_title": event.witness.title,
            "witness_nip": event.witness.nip,
            "agenda": event.agenda,
            "is_demo": event.is_demo,
        }

    @staticmethod
    def _write_speakers(conn: sa.Connection, event_id: int, speakers: list[Speaker]) -> None:
        conn.execute(sa.delete(schema.speakers).where(schema.speakers.c.event_id == event_id))
        rows = [
            {"event_id": event_id, "position": i, "name": s.name, "title": s.title,
             "institution": s.institution}
            for i, s in enumerate(speakers)
            if s.name.strip()
        ]
        if rows:
            conn.execute(sa.insert(schema.speakers), rows)

    @staticmethod
    def _event_digest(values: dict) -> str:
        """SHA-256 of the event's stored details (the logo by its own digest)."""
        plain = {key: (value.isoformat() if hasattr(value, "isoformat") else value)
                 for key, value in values.items() if key != "logo"}
        plain["logo"] = sha256_hex(values["logo"]) if values.get("logo") else None
        return sha256_hex(canonical_json(plain))

    def create_event(self, event: Event, *, actor: str = "") -> Event:
        stamp = now()
        uid = event.uid or new_token()
        values = self._event_values(event)
        with self.transaction() as conn:
            result = conn.execute(
                sa.insert(schema.events).values(
                    **values, uid=uid, created_at=stamp, updated_at=stamp
                )
            )
            event_id = result.inserted_primary_key[0]
            self._write_speakers(conn, event_id, event.speakers)
            audit.start_chain(conn, event_id, uid, "event_created", {
                "name": values["name"], "date": values["event_date"].isoformat(),
                "digest": self._event_digest(values)}, actor=actor, at=stamp)
        return replace(event, id=event_id, uid=uid)

    def update_event(self, event: Event, *, actor: str = "") -> Event:
        if event.id is None:
            raise ValueError("update_event needs an event with an id")
        values = self._event_values(event)
        with self.transaction() as conn:
            result = conn.execute(
                sa.update(schema.events)
                .where(schema.events.c.id == event.id)
                .values(**values, updated_at=now())
            )
            if result.rowcount == 0:
                raise StoreError("not_found", f"acara {event.id}")
            self._write_speakers(conn, event.id, event.speakers)
            audit.append(conn, event.id, "event_updated", {
                "name": values["name"], "date": values["event_date"].isoformat(),
                "digest": self._event_digest(values)}, actor=actor)
        return event

    def set_archived(self, event_id: int, archived: bool = True, *, actor: str = "") -> None:
        with self.transaction() as conn:
            result = conn.execute(
                sa.update(schema.events)
                .where(schema.events.c.id == event_id)
                .values(archived_at=now() if archived else None, updated_at=now())
            )
            if result.rowcount == 0:
                raise StoreError("not_found", f"acara {event_id}")
            audit.append(conn, event_id, "event_archived" if archived else "event_restored",
                         {}, actor=actor)

    @staticmethod
    def _event_from_row(row, speakers: list[Speaker]) -> Event:
        return Event(
            id=row.id,
            name=row.name,
            kind=EventKind(row.kind),
            event_date=row.event_date,
            start_time=row.start_time,
            end_time=row.end_time,
            venue=row.venue,
            city=row.city,
            organizer_unit=row.organizer_unit,
            institution=row.institution,
            logo=row.logo,
            letter_number=row.letter_number,
            letter_date=row.letter_date,
            presiding=Official(row.presiding_name, row.presiding_title, row.presiding_nip),
            witness=Official(row.witness_name, row.witness_title, row.witness_nip),
            speakers=speakers,
            agenda=row.agenda,
            is_demo=row.is_demo,
            archived_at=row.archived_at,
            uid=row.uid,
        )

    def get_event(self, event_id: int) -> Event:
        with self.connection() as conn:
            row = conn.execute(
                sa.select(schema.events).where(schema.events.c.id == event_id)
            ).first()
            if row is None:
                raise StoreError("not_found", f"acara {event_id}")
            speakers = [
                Speaker(s.name, s.title, s.institution)
                for s in conn.execute(
                    sa.select(schema.speakers)
                    .where(schema.speakers.c.event_id == event_id)
                    .order_by(schema.speakers.c.position)
                )
            ]
        return self._event_from_row(row, speakers)

    def list_events(self, include_archived: bool = False) -> list[Event]:
        """Events, newest date first, without logos or speakers (for lists)."""
        columns = [c for c in schema.events.c if c.name != "logo"]
        query = sa.select(*columns).order_by(
            schema.events.c.event_date.desc(), schema.events.c.id.desc()
        )
        if not include_archived:
            query = query.where(schema.events.c.archived_at.is_(None))
        with self.connection() as conn:
            rows = conn.execute(query).all()
        return [self._event_from_row(_WithLogo(row), []) for row in rows]

    def find_event(self, ref: str | int) -> Event:
        """An event by id, or by exact (case-insensitive) name when unique."""
        text = str(ref).strip()
        if text.isdigit():
            return self.get_event(int(text))
        matches = [e for e in self.list_events(include_archived=True)
                   if e.name.lower() == text.lower()]
        if len(matches) != 1:
            raise StoreError("not_found", f"acara {text!r}")
        return self.get_event(matches[0].id)

    def delete_event(self, event_id: int) -> None:
        with self.transaction() as conn:
            conn.execute(sa.delete(schema.attendees).where(schema.attendees.c.event_id == event_id))
            conn.execute(sa.delete(schema.speakers).where(schema.speakers.c.event_id == event_id))
            conn.execute(sa.delete(schema.events).where(schema.events.c.id == event_id))
            conn.execute(sa.delete(schema.audit_log).where(schema.audit_log.c.event_id == event_id))
            conn.execute(
                sa.delete(schema.audit_heads).where(schema.audit_heads.c.event_id == event_id))

    # -- attendees ----------------------------------------------------------------------------

    @staticmethod
    def _attendee_values(a: Attendee) -> dict:
        return {
            "name": " ".join(a.name.split()),
            "category": Category(a.category).value,
            "nip": a.nip or None,
            "nik": a.nik or None,
            "golongan": a.golongan.strip(),
            "jabatan": a.jabatan.strip(),
            "unit": a.unit.strip(),
            "phone": a.phone.strip(),
            "institution": a.institution.strip(),
            "source": Source(a.source).value,
            "invited": a.invited,
            "note": a.note,
        }

    def add_attendee(self, event_id: int, attendee: Attendee, *, actor: str = "") -> Attendee:
        return self.add_attendees(event_id, [attendee], actor=actor)[0]

    def add_attendees(self, event_id: int, attendees: Iterable[Attendee], *,
                      source_file: str = "", file_sha256: str = "",
                      actor: str = "") -> list[Attendee]:
        """Add attendees in one transaction: all of them, or (on any error) none.

        The audit trail gets one entry for them (an import names its file and the file's
        SHA-256), holding each person's token and record digest.
        """
        stamp = now()
        items = list(attendees)
        items = [a if a.token else replace(a, token=new_token()) for a in items]
        rows = [
            {**self._attendee_values(a), "event_id": event_id, "created_at": stamp,
             "updated_at": stamp, "token": a.token}
            for a in items
        ]
        if not rows:
            return []
        try:
            with self.transaction() as conn:
                if len(rows) == 1:
                    ids = [conn.execute(sa.insert(schema.attendees), rows[0])
                           .inserted_primary_key[0]]
                else:
                    # insertmanyvalues: ids come back in order, a round trip per batch.
                    result = conn.execute(
                        sa.insert(schema.attendees).returning(
                            schema.attendees.c.id, sort_by_parameter_order=True
                        ),
                        rows,
                    )
                    ids = [r[0] for r in result]
                data = {"people": [[row["token"], audit.attendee_digest(row)] for row in rows]}
                if source_file or file_sha256:
                    data["file"] = source_file
                    data["sha256"] = file_sha256
                audit.append(conn, event_id,
                             "attendees_imported" if source_file else "attendees_added",
                             data, actor=actor, at=stamp)
        except DuplicateError as error:
            error.value = self._duplicate_value(event_id, items, error.field)
            raise
        except StoreError as error:
            if error.code == "not_found":
                raise StoreError("not_found", f"acara {event_id}") from error
            raise
        return [replace(a, id=i, event_id=event_id) for a, i in zip(items, ids, strict=True)]

    def _duplicate_value(self, event_id: int, items: list[Attendee], field: str) -> str:
        """Which NIP/NIK (``field``) of ``items`` clashed (with the roster, or each other)."""
        taken = self.existing_niks(event_id) if field == "nik" else self.existing_nips(event_id)
        seen: set[str] = set()
        for a in items:
            value = getattr(a, field)
            if value and (value in taken or value in seen):
                return value
            if value:
                seen.add(value)
        return ""

    def update_attendee(self, attendee: Attendee, *, actor: str = "") -> Attendee:
        if attendee.id is None:
            raise ValueError("update_attendee needs an attendee with an id")
        values = self._attendee_values(attendee)
        a = schema.attendees
        try:
            with self.transaction() as conn:
                result = conn.execute(
                    sa.update(a).where(a.c.id == attendee.id)
                    .values(**values, updated_at=now())
                    .returning(a.c.event_id, a.c.token)
                ).first()
                if result is None:
                    raise StoreError("not_found", f"peserta {attendee.id}")
                event_id, token = result
                stored = {**values, "token": token}
                audit.append(conn, event_id, "attendee_updated", {
                    "token": token, "digest": audit.attendee_digest(stored)}, actor=actor)
        except DuplicateError as error:
            error.value = getattr(attendee, error.field) or ""
            raise
        return attendee

    def remove_attendee(self, attendee_id: int, *, actor: str = "") -> None:
        """Take a person off the roster. Refused (``has_records``) once they have a check-in or
        a signature, undone or superseded ones included: those are evidence, and removing the
        person would take them along."""
        a = schema.attendees
        with self.transaction() as conn:
            recorded = conn.execute(sa.text(
                "SELECT a.name FROM attendees a WHERE a.id = :i AND ("
                "EXISTS (SELECT 1 FROM checkins c WHERE c.attendee_id = a.id) OR "
                "EXISTS (SELECT 1 FROM signatures s WHERE s.attendee_id = a.id))"),
                {"i": attendee_id}).scalar()
            if recorded is not None:
                raise StoreError("has_records", recorded)
            row = conn.execute(
                sa.delete(a).where(a.c.id == attendee_id).returning(a.c.event_id, a.c.token)
            ).first()
            if row is None:
                raise StoreError("not_found", f"peserta {attendee_id}")
            audit.append(conn, row.event_id, "attendee_removed", {"token": row.token},
                         actor=actor)

    @staticmethod
    def _attendee_from_row(row) -> Attendee:
        return Attendee(
            id=row.id,
            event_id=row.event_id,
            name=row.name,
            category=_CATEGORIES[row.category],
            nip=row.nip,
            nik=row.nik,
            golongan=row.golongan,
            jabatan=row.jabatan,
            unit=row.unit,
            phone=row.phone,
            institution=row.institution,
            source=_SOURCES[row.source],
            invited=bool(row.invited),
            note=row.note,
            token=row.token,
        )

    def get_attendee(self, attendee_id: int) -> Attendee:
        with self.connection() as conn:
            row = conn.execute(
                sa.select(*_ATTENDEE_COLUMNS).where(schema.attendees.c.id == attendee_id)
            ).first()
        if row is None:
            raise StoreError("not_found", f"peserta {attendee_id}")
        return self._attendee_from_row(row)

    def list_attendees(self, event_id: int) -> list[Attendee]:
        """The event's roster in document order: by category, then name."""
        with self.connection() as conn:
            rows = conn.execute(
                sa.select(*_ATTENDEE_COLUMNS)
                .where(schema.attendees.c.event_id == event_id)
                .order_by(schema.attendees.c.id)
            ).all()
        categories, sources, order = _CATEGORIES, _SOURCES, _CATEGORY_ORDER
        # Sorted on the raw rows and built positionally: this runs for every person when a
        # 10,000-person event opens.
        rows.sort(key=lambda r: (order[r[3]], r[2].lower()))
        people = [
            Attendee(name, categories[category], nip, nik, golongan, jabatan, unit, phone,
                     institution, sources[source], bool(invited), note, event, pk, token)
            for (pk, event, name, category, nip, nik, golongan, jabatan, unit, phone,
                 institution, source, invited, note, token) in rows
        ]
        return people

    def count_by_category(self, event_id: int) -> dict[Category, int]:
        with self.connection() as conn:
            rows = conn.execute(
                sa.select(schema.attendees.c.category, sa.func.count())
                .where(schema.attendees.c.event_id == event_id)
                .group_by(schema.attendees.c.category)
            ).all()
        counts = Counter({Category(c): n for c, n in rows})
        return {c: counts.get(c, 0) for c in Category}

    def existing_nips(self, event_id: int) -> set[str]:
        with self.connection() as conn:
            return set(
                conn.execute(
                    sa.select(schema.attendees.c.nip).where(
                        schema.attendees.c.event_id == event_id,
                        schema.attendees.c.nip.is_not(None),
                    )
                ).scalars()
            )

    def existing_niks(self, event_id: int) -> set[str]:
        with self.connection() as conn:
            return set(
                conn.execute(
                    sa.select(schema.attendees.c.nik).where(
                        schema.attendees.c.event_id == event_id,
                        schema.attendees.c.nik.is_not(None),
                    )
                ).scalars()
            )


def new_token() -> str:
    """A random invitation code, not the NIP: 16 characters A-Z and 2-7 (80 bits).

    Upper-case base32 so that a barcode scanner typing it with Caps Lock on, or a person
    reading it aloud, cannot get it wrong; compare it case-insensitively.
    """
    return base64.b32encode(secrets.token_bytes(10)).decode("ascii")


class _WithLogo:
    """A row proxy for event lists, which skip the logo column."""

    def __init__(self, row):
        self._row = row

    def __getattr__(self, name):
        if name == "logo":
            return None
        return getattr(self._row, name)


def as_local(moment: datetime | None) -> datetime | None:
    return moment.astimezone() if moment else None


def probe(path_or_url: str | Path) -> dict:
    """Connect once and say what is there, changing nothing (the settings' "Tes Koneksi").

    Returns ``{"engine", "server_version", "revision", "ready"}``: ``revision`` is the
    schema's migration (None: an empty database, which Ikrar sets up when it opens it);
    ``ready`` is False for another program's database. Raises :class:`StoreError`.
    """
    store = Store.open(path_or_url, migrate=False)
    try:
        with store.connection() as conn:
            inspector = sa.inspect(conn)
            tables = inspector.get_table_names()
            revision = None
            if "alembic_version" in tables:
                revision = conn.execute(sa.text("SELECT version_num FROM alembic_version")
                                        ).scalar()
            version = ".".join(str(p) for p in (conn.dialect.server_version_info or ()))
    finally:
        store.close()
    return {"engine": store.engine.dialect.name, "server_version": version,
            "revision": revision, "ready": revision is not None or not tables}
