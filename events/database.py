"""The database itself: where it is, opening it, migrating its schema, and its transactions.

One SQLite file by default, any SQLAlchemy URL otherwise (a PostgreSQL server for several
desks). :class:`Database` knows nothing of events or people: :class:`events.store.Store` adds
those. Failures arrive as :class:`events.db_errors.StoreError`, never as a half-written change.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import sqlite3
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Self

import sqlalchemy as sa
from sqlalchemy import event as sa_event
from sqlalchemy import exc

from events.db_errors import StoreError, translate
from events.files import create_private, make_private, private_folder

__all__ = ["CONNECT_TIMEOUT", "HEAD_REVISION", "SERVER_TIMEOUTS", "Database", "default_db_path",
           "masked_address", "probe", "resolve_url", "send_with_commit"]

log = logging.getLogger(__name__)

CONNECT_TIMEOUT = 2  # seconds (libpq's least): a desk says "server unreachable" instead of hanging

# Every server session a desk opens sets these (milliseconds), so that no desk can hold the
# others: a statement waits at most LOCK for a row another desk holds (a frozen laptop in the
# middle of a transaction), a transaction left open by a desk that froze or lost its link is
# ended by the server after IDLE, and no statement runs longer than STATEMENT. The server's
# own defaults (0: no limit) are not relied on.
SERVER_TIMEOUTS = {"lock_timeout": 1500, "statement_timeout": 20000,
                   "idle_in_transaction_session_timeout": 10000}

# conn.info key: statements sent to the server together with the COMMIT (one network flush),
# so what they lock is held for the server's own time only, never for a desk's round trip.
_WITH_COMMIT = "ikrar_with_commit"

HEAD_REVISION = "0011"  # the newest migration; tests check it matches the scripts


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


def masked_address(path_or_url: str | Path | None) -> str:
    """A database address as the user typed it, with its password (if any) masked."""
    text = str(path_or_url if path_or_url is not None else default_db_path())
    if "://" not in text:
        return text
    scheme, _, rest = text.partition("://")
    credentials, at, host = rest.rpartition("@")
    if not at or ":" not in credentials:
        return text
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}:***@{host}"


def send_with_commit(conn: sa.Connection, statement: str, params: dict[str, Any]) -> bool:
    """Queue ``statement`` (psycopg's ``%(name)s`` parameters) to reach the server with this
    transaction's COMMIT, in the same network flush. False when ``conn`` is not in such a
    transaction (SQLite, or a connection not from :meth:`Database.transaction`): run it now."""
    queued = conn.info.get(_WITH_COMMIT)
    if queued is None:
        return False
    queued.append((statement, params))
    return True


def flush_queued(conn: sa.Connection) -> None:
    """Run now, inside the transaction, the statements queued with :func:`send_with_commit`:
    for a reader that needs their effect before COMMIT (the chain's head a checkpoint signs).
    Their rows are then held until COMMIT, so only rare readers should call it."""
    queued = conn.info.get(_WITH_COMMIT)
    if not queued:
        return
    dbapi_connection = conn.connection.dbapi_connection
    assert dbapi_connection is not None
    cursor = dbapi_connection.cursor()
    for statement, params in queued:
        cursor.execute(statement, params)
    queued.clear()


def _shut(dbapi_connection: Any) -> None:
    """Break a server connection under whatever thread is blocked on it (its read then fails at
    once, and the pool replaces the connection)."""
    with contextlib.suppress(Exception):
        fd = dbapi_connection.fileno()
        sock = socket.socket(fileno=os.dup(fd))
        try:
            sock.shutdown(socket.SHUT_RDWR)
        finally:
            sock.close()


WRITER_WAIT = 5.0  # seconds, SQLite's busy_timeout below

def _sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout = 5000")
    # FULL: a commit in WAL mode survives a power cut, not just a crash of the app.
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


class Database:
    """One database, opened and migrated: its engine and its transactions.

    Attributes:
        url: the SQLAlchemy URL of the database.
        engine: the SQLAlchemy engine.
    """

    migrating = False  # a migration has started changing the schema (failures are writes)

    def __init__(self, engine: sa.Engine, address: str = ""):
        self.engine = engine
        self.url = engine.url.render_as_string(hide_password=True)
        self.address = address or self.url  # as the user typed it, password masked
        self.is_server = engine.dialect.name != "sqlite"
        # The server connections open now: a deadline that passes breaks them.
        self._live: weakref.WeakSet[Any] = weakref.WeakSet()
        self._writer = threading.RLock()  # see _one_writer
        if self.is_server:
            sa_event.listen(engine, "connect", self._connected)

    def _connected(self, dbapi_connection: Any, _record: object) -> None:
        with contextlib.suppress(TypeError):
            self._live.add(dbapi_connection)

    @contextmanager
    def deadline(self, seconds: float) -> Iterator[None]:
        """Database work that must end within ``seconds`` (a desk's check-in, its poll): when
        a server does not answer in time (frozen, or silent behind a dead link), its
        connections are broken, the waiting call fails with StoreError "unreachable", and the
        pool reconnects on the next use. Nothing to do for a SQLite file."""
        if not self.is_server:
            yield
            return
        expired = threading.Event()

        def expire() -> None:
            expired.set()
            log.warning("the database server did not answer within %.1f s", seconds)
            for dbapi_connection in list(self._live):
                _shut(dbapi_connection)

        timer = threading.Timer(seconds, expire)
        timer.daemon = True
        timer.start()
        try:
            yield
        except StoreError as error:
            if expired.is_set():
                raise StoreError("unreachable", f"no answer within {seconds:g} s") from error
            raise
        finally:
            timer.cancel()

    # -- opening and migrations -------------------------------------------------------------

    @classmethod
    def open(cls, path_or_url: str | Path | None = None, migrate: bool = True, *,
             create: bool = True, empty_ok: bool = False) -> Self:
        """Open and migrate the database to the current schema.

        A SQLite file that does not exist is created (with its folders) only when ``create``
        is true; otherwise, as for an empty (zero-byte) file, :class:`StoreError` ``missing`` /
        ``empty_file`` says so and nothing is made (``empty_ok``: an empty file is opened as it
        is, for a look that changes nothing). A file created here, and its folder when
        created, are readable by their owner only; an existing file of the user's loses any
        permission for others (it holds NIP, NIK and phone numbers).
        """
        url = resolve_url(path_or_url)
        sa_url = sa.make_url(url)
        is_sqlite = sa_url.get_backend_name() == "sqlite"
        # A "file:...?uri=true" URL names a file too, but not as a path to create folders for.
        database = sa_url.database
        if is_sqlite and database and database != ":memory:" and not sa_url.query.get("uri"):
            prepare_file(Path(database), create, empty_ok)
        options: dict[str, Any] = {}
        if not is_sqlite:
            # A server can go away: check each pooled connection before use (a dead one is
            # replaced, so the desk reconnects by itself), and give up connecting quickly
            # rather than freeze the desk.
            options = {"pool_pre_ping": True, "pool_size": 2, "max_overflow": 4}
            if sa_url.get_backend_name() == "postgresql":
                # libpq options: a server gone silent (Wi-Fi lost, cable pulled) is noticed
                # within seconds too, not after the kernel's minutes-long TCP timeout.
                settings = " ".join(f"-c {name}={value}"
                                    for name, value in SERVER_TIMEOUTS.items())
                options["connect_args"] = {
                    "connect_timeout": CONNECT_TIMEOUT, "tcp_user_timeout": 3000,
                    "keepalives": 1, "keepalives_idle": 2, "keepalives_interval": 1,
                    "keepalives_count": 2, "options": settings}
        try:
            engine = sa.create_engine(url, **options)
        except (exc.ArgumentError, exc.NoSuchModuleError, ImportError) as error:
            raise StoreError("unreachable", str(error)) from error
        if is_sqlite:
            sa_event.listen(engine, "connect", _sqlite_pragmas)
        store = cls(engine, masked_address(path_or_url))
        if migrate:
            try:
                store.migrate()
            except StoreError:
                engine.dispose()
                raise
            except (exc.SQLAlchemyError, sqlite3.DatabaseError, OSError) as error:
                engine.dispose()
                raise store.failure(error, writing=store.migrating) from error
        if is_sqlite:
            # WAL is kept in the file; set only once the file is known to be Ikrar's.
            with store.connection() as conn:
                conn.exec_driver_sql("PRAGMA journal_mode = WAL")
        return store

    @property
    def location(self) -> str:
        """What to show the user: the file path for SQLite, else the address as typed, its
        password masked."""
        if self.engine.dialect.name == "sqlite" and self.engine.url.database:
            return self.engine.url.database
        return self.address

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
        self.migrating = True
        if revision is not None and self.engine.dialect.name == "sqlite":
            database = self.engine.url.database
            if database and database != ":memory:" and Path(database).exists():
                # The backup API, not a file copy: the recent commits may still be in the -wal.
                from events.backup import sqlite_copy

                sqlite_copy(database, f"{database}.bak-{revision}")
        with self.engine.connect() as conn:
            sqlite = self.engine.dialect.name == "sqlite"
            if sqlite:
                # Off while tables are rebuilt (Alembic's batch mode drops and recreates them):
                # dropping a parent table would otherwise cascade-delete its children's rows.
                conn.exec_driver_sql("PRAGMA foreign_keys = OFF")
                conn.commit()  # a pragma outside any transaction; this one only ends autobegin
            try:
                with conn.begin():
                    if not sqlite:  # a schema change may take its time, and wait for desks
                        conn.exec_driver_sql("SET LOCAL statement_timeout = 0")
                        conn.exec_driver_sql("SET LOCAL lock_timeout = '30s'")
                    config.attributes["connection"] = conn
                    command.upgrade(config, "head")
            finally:
                if sqlite:
                    conn.exec_driver_sql("PRAGMA foreign_keys = ON")
                    conn.commit()

    @contextmanager
    def transaction(self) -> Iterator[sa.Connection]:
        """One write transaction: committed when the block ends, rolled back if it raises.
        Database failures arrive as :class:`StoreError`.

        On a server, statements queued with :func:`send_with_commit` (the audit trail's
        appends) go out with the COMMIT in one flush (psycopg's pipeline): the rows they lock
        (the chain's head, which every desk's change takes) are held for microseconds of the
        server's time, never across a desk's round trip."""
        try:
            with self._one_writer(), self.engine.connect() as conn, conn.begin():
                if not self.is_server:
                    yield conn
                    return
                conn.info[_WITH_COMMIT] = []
                try:
                    yield conn
                    queued = conn.info.pop(_WITH_COMMIT)
                    if queued:
                        dbapi_connection = conn.connection.dbapi_connection
                        assert dbapi_connection is not None
                        with dbapi_connection.pipeline():
                            cursor = dbapi_connection.cursor()
                            for statement, params in queued:
                                cursor.execute(statement, params)
                            dbapi_connection.commit()
                finally:
                    conn.info.pop(_WITH_COMMIT, None)
        except StoreError:
            raise
        except (exc.SQLAlchemyError, sqlite3.DatabaseError, OSError) as error:
            raise self.failure(error, writing=True) from error
        except Exception as error:
            if type(error).__module__.startswith("psycopg"):  # from the pipeline, unwrapped
                raise self.failure(error, writing=True) from error
            raise

    @contextmanager
    def _one_writer(self) -> Iterator[None]:
        """On a SQLite file, this process's write transactions one after another, each
        starting the moment the previous one ends. SQLite takes one writer at a time anyway,
        but a writer that finds the file locked sleeps in growing steps (1, 2, 5, 10, 15 ms...)
        before it looks again: a desk's check-in behind a phone signature being sealed would
        wait 18 to 50 ms for a lock freed after 5. A wait longer than SQLite's own busy timeout
        goes on without the turn (SQLite's busy handler then decides, as before)."""
        if self.is_server:
            yield
            return
        turn = self._writer.acquire(timeout=WRITER_WAIT)
        try:
            yield
        finally:
            if turn:
                self._writer.release()

    @contextmanager
    def statement(self) -> Iterator[sa.Connection]:
        """A connection on which each statement is its own transaction, committed by the server
        as it ends (autocommit): for a change made in ONE statement, which then holds its rows
        for the server's own time only. Database failures arrive as :class:`StoreError`."""
        try:
            with self.engine.connect() as conn:
                yield conn.execution_options(isolation_level="AUTOCOMMIT")
        except (exc.SQLAlchemyError, sqlite3.DatabaseError, OSError) as error:
            raise self.failure(error, writing=True) from error

    @contextmanager
    def connection(self) -> Iterator[sa.Connection]:
        """A connection for reads (each statement sees the latest commits); nothing written
        through it is committed. Database failures arrive as :class:`StoreError`."""
        try:
            with self.engine.connect() as conn:
                yield conn
        except (exc.SQLAlchemyError, sqlite3.DatabaseError, OSError) as error:
            raise self.failure(error, writing=False) from error

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
                    # Documents are built while reading: a snapshot locks nothing a desk needs.
                    conn.exec_driver_sql("SET LOCAL idle_in_transaction_session_timeout = 0")
                try:
                    yield conn
                finally:
                    conn.rollback()
        except (exc.SQLAlchemyError, sqlite3.DatabaseError, OSError) as error:
            raise self.failure(error, writing=False) from error

    def failure(self, error: BaseException, *, writing: bool) -> StoreError:
        """``error`` as the StoreError to raise, told apart by what a SQLite file's disk and
        folder say: SQLite reports a full disk while reading, or a folder it cannot write its
        -wal and -shm files in, only as "disk I/O error" or "unable to open database file"."""
        found = translate(error)
        database = self.engine.url.database if self.engine.dialect.name == "sqlite" else None
        if not database or database == ":memory:" or found.code not in _VAGUE:
            return found
        return refine(found, Path(database), writing=writing)


_VAGUE = {"io", "unreachable", "disk_full", "read_only"}
_LOW_SPACE = 256 * 1024  # free bytes under which a failure of SQLite is the disk being full


def refine(found: StoreError, path: Path, *, writing: bool) -> StoreError:
    """``found`` (a vague SQLite failure on the file ``path``) made specific."""
    folder = path.parent
    try:
        stats = os.statvfs(folder)
    except (OSError, AttributeError):
        return found
    if found.code == "disk_full" or stats.f_bavail * stats.f_frsize < _LOW_SPACE:
        return StoreError("disk_full" if writing else "disk_full_read", found.detail)
    read_only_mount = bool(stats.f_flag & getattr(os, "ST_RDONLY", 1))
    if read_only_mount or (found.code == "read_only" and not os.access(path, os.W_OK)):
        return StoreError("read_only", found.detail)
    if not os.access(folder, os.W_OK):
        return StoreError("folder_read_only", str(folder))
    return found


def prepare_file(path: Path, create: bool, empty_ok: bool = False) -> None:
    """Check (or create, when ``create``) the SQLite file ``path`` before SQLite opens it."""
    try:
        if path.is_dir():
            raise StoreError("unreachable", f"{path}: folder, bukan berkas")
        if not path.exists():
            if not create:
                raise StoreError("missing", str(path))
            private_folder(path.parent)
            create_private(path)
            return
        if path.stat().st_size == 0 and not (create or empty_ok):
            raise StoreError("empty_file", str(path))
    except OSError as error:
        raise refine(translate(error), path, writing=True) from error
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        make_private(name)


def probe(path_or_url: str | Path) -> dict[str, Any]:
    """Connect once and say what is there, changing nothing (the settings' "Tes Koneksi").

    Returns ``{"engine", "server_version", "revision", "ready"}``: ``revision`` is the
    schema's migration (None: an empty database, which Ikrar sets up when it opens it);
    ``ready`` is False for another program's database. Raises :class:`StoreError`.
    """
    store = Database.open(path_or_url, migrate=False, create=False, empty_ok=True)
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
