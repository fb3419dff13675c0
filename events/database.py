"""The database itself: where it is, opening it, migrating its schema, and its transactions.

One SQLite file by default, any SQLAlchemy URL otherwise (a PostgreSQL server for several
desks). :class:`Database` knows nothing of events or people: :class:`events.store.Store` adds
those. Failures arrive as :class:`events.db_errors.StoreError`, never as a half-written change.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Self

import sqlalchemy as sa
from sqlalchemy import event as sa_event
from sqlalchemy import exc

from events.db_errors import StoreError, translate
from events.files import create_private, make_private, private_folder

__all__ = ["CONNECT_TIMEOUT", "HEAD_REVISION", "Database", "default_db_path", "probe",
           "resolve_url"]

CONNECT_TIMEOUT = 3  # seconds: a desk says "server unreachable" instead of hanging

HEAD_REVISION = "0004"  # the newest migration; tests check it matches the scripts


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

    def __init__(self, engine: sa.Engine):
        self.engine = engine
        self.url = engine.url.render_as_string(hide_password=True)

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
