"""Shared fixtures. Every database lives under pytest's tmp_path, never in the user's data dir.

The store-level tests (those directly under tests/ that use the ``store`` fixture, neither the
SQLite file itself through ``db_path`` nor marked ``sqlite_only``) run twice: on a SQLite file
and on PostgreSQL. The PostgreSQL runs need ``IKRAR_TEST_PG_URL``
(``postgresql://user@127.0.0.1:5432/db``; .ci/run sets it to a throwaway server) and are
skipped with that reason when it is unset. THE DATABASE IT NAMES IS WIPED: its ``public``
schema is dropped and migrated once per test run, and every table is emptied before each test.
Under pytest-xdist each worker uses a database of its own beside it (``<name>_gw0`` ...),
created on the same server when missing.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
import sqlalchemy as sa

from events.store import Store, resolve_url

# Commands run by the tests (in-process or as processes) log here, not in the user's folder.
os.environ.setdefault("IKRAR_LOG_DIR", tempfile.mkdtemp(prefix="ikrar-test-log-"))

PG_URL_VARIABLE = "IKRAR_TEST_PG_URL"
PG_SKIP_REASON = (f"PostgreSQL not configured: set {PG_URL_VARIABLE}=postgresql://USER@HOST/DB "
                  "(a throwaway database: it is wiped) to run these tests on PostgreSQL")


def pg_url() -> str | None:
    """The test server's URL (psycopg driver), or None when no server is configured."""
    url = os.environ.get(PG_URL_VARIABLE, "").strip()
    return resolve_url(url) if url else None


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run store-level tests on both engines; SQLite-file tests and widget tests on SQLite."""
    if "db_engine" not in metafunc.fixturenames:
        return
    top_level = Path(str(metafunc.definition.path)).parent.name == "tests"
    uses_file = ("db_path" in metafunc.fixturenames
                 or metafunc.definition.get_closest_marker("sqlite_only") is not None)
    engines = ["sqlite", "postgresql"] if top_level and not uses_file else ["sqlite"]
    if metafunc.definition.get_closest_marker("postgresql_only") is not None:
        engines = ["postgresql"]
    metafunc.parametrize("db_engine", engines, indirect=True)


@pytest.fixture
def db_engine(request) -> str:
    """"sqlite" or "postgresql": the engine the test's store runs on."""
    return getattr(request, "param", "sqlite")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where a test's SQLite database goes (not created yet)."""
    return tmp_path / "ikrar.sqlite"


class PgServer:
    """The test server: a database migrated once per run, brought back before each test to
    what the migrations left (empty tables, but the rows they seed, e.g. the installation's
    audit chain)."""

    def __init__(self, url: str):
        self.url = url
        self.engine = sa.create_engine(url, poolclass=sa.NullPool)
        self.tables: list[str] = []
        self.seeded: dict[str, list[dict]] = {}

    def prepare(self) -> None:
        with self.engine.begin() as conn:
            conn.exec_driver_sql("DROP SCHEMA IF EXISTS public CASCADE")
            conn.exec_driver_sql("CREATE SCHEMA public")
        Store.open(self.url).close()  # the migrations, as a desk runs them
        metadata = sa.MetaData()
        with self.engine.connect() as conn:
            metadata.reflect(conn)
            self.tables = [t.name for t in metadata.sorted_tables if t.name != "alembic_version"]
            for name in self.tables:
                rows = [dict(r._mapping) for r in conn.execute(sa.select(metadata.tables[name]))]
                if rows:
                    self.seeded[name] = rows
        self._reflected = metadata

    def empty(self) -> None:
        """Every table emptied (ids restarted), then the migrations' own rows put back."""
        names = ", ".join(f'"{t}"' for t in self.tables)
        truncate = f"TRUNCATE {names} RESTART IDENTITY CASCADE"
        with self.engine.begin() as conn:
            # A connection a failed test left open must not hang the next one.
            conn.exec_driver_sql("SET LOCAL lock_timeout = '2s'")
            try:
                conn.exec_driver_sql(truncate)
                self._seed(conn)
                return
            except sa.exc.OperationalError:
                pass
        with self.engine.begin() as conn:
            conn.exec_driver_sql(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()")
            conn.exec_driver_sql(truncate)
            self._seed(conn)

    def _seed(self, conn: sa.Connection) -> None:
        for name, rows in self.seeded.items():
            table = self._reflected.tables[name]
            conn.execute(sa.insert(table), rows)
            if "id" in table.c and table.c.id.autoincrement:
                conn.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                    f"(SELECT max(id) FROM \"{name}\"))")


def worker_database(url: str, worker: str) -> str | None:
    """The URL of the database of one pytest-xdist worker, beside the configured one
    (``ikrar_gw0``), created when missing; None when the server refuses to create it."""
    configured = sa.make_url(url)
    name = f"{configured.database}_{worker}"
    engine = sa.create_engine(configured, poolclass=sa.NullPool, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            found = conn.execute(sa.text("SELECT 1 FROM pg_database WHERE datname = :name"),
                                 {"name": name}).scalar()
            if not found:
                conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    except sa.exc.DBAPIError:
        return None
    finally:
        engine.dispose()
    return configured.set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PgServer]:
    url = pg_url()
    if url is None:
        pytest.skip(PG_SKIP_REASON)
    with ExitStack() as stack:
        worker = os.environ.get("PYTEST_XDIST_WORKER")
        if worker:
            # With pytest-xdist (-n 2) each worker wipes a database of its own; where the
            # server lets no one create one, a worker waits until the other one is done.
            own = worker_database(url, worker)
            if own is not None:
                url = own
            else:
                lock = stack.enter_context(
                    open(tmp_path_factory.getbasetemp().parent / "pg_server.lock", "w"))
                fcntl.flock(lock, fcntl.LOCK_EX)
        server = PgServer(url)
        server.prepare()
        yield server
        server.engine.dispose()


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file the migrations made, once per test run: the ``store`` fixture copies it
    (a copy takes a millisecond; migrating takes a tenth of a second). Never open it itself."""
    path = tmp_path_factory.mktemp("migrated") / "ikrar.sqlite"
    Store.open(path).close()  # the migrations, as a desk runs them
    # The last connection closed has moved the write-ahead log into the file: copying the
    # file copies everything.
    assert not path.with_name(path.name + "-wal").exists()
    return path


@pytest.fixture
def store(request, db_engine: str, tmp_path: Path) -> Iterator[Store]:
    """A freshly migrated, empty store (a file in tmp_path, or the PostgreSQL test database),
    closed after the test. The SQLite file is a copy of one migrated at the start of the run
    (tests of the migrations themselves open a file of their own through ``db_path``)."""
    if db_engine == "postgresql":
        server = request.getfixturevalue("pg_server")
        server.empty()
        opened = Store.open(server.url)
    else:
        path = request.getfixturevalue("db_path")
        shutil.copyfile(request.getfixturevalue("migrated_sqlite"), path)
        opened = Store.open(path)
    yield opened
    opened.close()


@pytest.fixture(autouse=True)
def quick_key_derivation(monkeypatch):
    """Seal keys derive their container's password with scrypt at 2^17 (half a second);
    tests that make many keys use 2^10. tests/test_keys.py checks the real setting."""
    from pledges import keys

    monkeypatch.setattr(keys, "SCRYPT_LOG2", 10)


@pytest.fixture
def passphrase(monkeypatch) -> str:
    """The seal key's passphrase, as the headless commands read it."""
    monkeypatch.setenv("IKRAR_KEY_PASSPHRASE", "kata-sandi-uji")
    return "kata-sandi-uji"


@pytest.fixture
def cli(db_path, capsys):
    """Run the command line (``main.main``) in-process on ``db_path``: returns (exit code, the
    parsed JSON answer with ``--json``, else the text on stdout, and stderr)."""
    import json

    import main

    def run(*args: str) -> tuple[int, object, str]:
        code = main.main(["--db", str(db_path), *args])
        out, err = capsys.readouterr()
        return code, (json.loads(out) if "--json" in args else out), err

    return run
