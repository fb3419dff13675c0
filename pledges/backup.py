"""Backups a staffer cannot get wrong: one file holding the whole database at one moment,
checked after it is written, kept in generations in a folder of the user's choice.

A SQLite database is copied with SQLite's backup API (:func:`events.backup.sqlite_copy`, the
-wal included: a file copy of ``ikrar.sqlite`` misses every recent commit). A PostgreSQL
database is written event by event to a new SQLite file (:mod:`pledges.transfer`), which
``event pull --from`` or ``restore`` reads back. Each backup is then opened read-only and
checked: SQLite's integrity check, the schema's revision, and every event's audit chain.
"""

from __future__ import annotations

import contextlib
import os
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa

from events.backup import integrity_problem, sqlite_copy
from events.database import HEAD_REVISION
from events.files import make_private, private_folder
from events.i18n import QT_TRANSLATE_NOOP
from events.store import Store, StoreError

__all__ = ["BackupError", "BackupResult", "KEEP", "MESSAGES", "backup", "backup_generation",
           "check_backup", "generations", "restore"]

MESSAGES = {
    "backup_unsound": QT_TRANSLATE_NOOP("Texts", "Cadangan {detail} tidak lolos pemeriksaan "
                                        "({value}); berkas itu dihapus. Coba lagi, atau pilih "
                                        "folder atau media lain"),
    "not_a_backup": QT_TRANSLATE_NOOP("Texts", "{detail} bukan cadangan Ikrar yang utuh ({value}); "
                                      "tidak ada yang dipulihkan"),
    "restore_server": QT_TRANSLATE_NOOP("Texts", "Pemulihan langsung hanya ke berkas SQLite. Untuk "
                                        "server PostgreSQL, ambil acaranya dari cadangan: event "
                                        "push ACARA --to SERVER dengan --db {detail}"),
    "same_file": QT_TRANSLATE_NOOP("Texts", "Cadangan tidak boleh ditulis ke berkas basis data itu "
                                   "sendiri: {detail}"),
}

KEEP = 10  # generations kept in a backup folder
PREFIX = "ikrar-cadangan-"
_GENERATION = re.compile(re.escape(PREFIX) + r"(\d{8}-\d{6})(?:-(\d+))?\.sqlite$")


class BackupError(StoreError):
    """A backup was not made, or a file is not a backup that can be restored."""

    messages = MESSAGES


@dataclass
class BackupResult:
    """A backup written and checked.

    Attributes:
        path: the backup file.
        events: how many events it holds; entries: audit entries checked.
        seconds: how long writing it took (checking not included); size: its bytes.
        removed: older generations removed from the folder to keep :data:`KEEP`.
    """

    path: Path
    events: int
    entries: int
    seconds: float
    size: int
    removed: list[Path] = field(default_factory=list)


def _sqlite_file(store: Store) -> str | None:
    database = store.engine.url.database
    if store.engine.dialect.name == "sqlite" and database and database != ":memory:":
        return database
    return None


def backup(store: Store, out: str | os.PathLike[str], *, check: bool = True) -> BackupResult:
    """Write the whole database to the SQLite file ``out`` (replaced atomically, readable by
    its owner only), then check it (:func:`check_backup`); a backup that fails its check is
    removed and :class:`BackupError` raised.

    Raises:
        BackupError, StoreError: see above; the database could not be read.
        OSError: ``out`` cannot be written (full disk, read-only stick...); nothing is left.
    """
    target = Path(out)
    source = _sqlite_file(store)
    if source and target.exists() and target.resolve() == Path(source).resolve():
        raise BackupError("same_file", str(target))
    started = time.perf_counter()
    if source:
        try:
            sqlite_copy(source, target)
        except OSError:
            raise
        except Exception as error:  # sqlite3.Error: the source could not be read
            raise store.failure(error, writing=False) from error
    else:
        _server_copy(store, target)
    seconds = time.perf_counter() - started
    events, entries = 0, 0
    if check:
        try:
            events, entries = check_backup(target)
        except BackupError as error:
            target.unlink(missing_ok=True)
            raise BackupError("backup_unsound", str(target), error.value) from error
    return BackupResult(target, events, entries, seconds, target.stat().st_size)


def _server_copy(store: Store, target: Path) -> None:
    """A server's database as a new SQLite file: every event, copied as ``event pull`` does."""
    from pledges.transfer import _copy, read_event  # one copy path for both

    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    copy = Store.open(temp, create=True)
    try:
        for event in store.list_events(include_archived=True):
            assert event.id is not None
            _copy(read_event(store, event.id), copy, event.id, None, set(), None, Counter())
        with copy.connection() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        copy.close()
        with copy.engine.connect() as conn:  # one file, no -wal beside it
            conn.exec_driver_sql("PRAGMA journal_mode = DELETE")
        copy.close()
        os.replace(temp, target)
    finally:
        copy.close()
        for leftover in (temp, Path(f"{temp}-wal"), Path(f"{temp}-shm")):
            leftover.unlink(missing_ok=True)
    make_private(target)


def check_backup(path: str | os.PathLike[str]) -> tuple[int, int]:
    """Check the backup ``path``, opened read-only: SQLite's integrity, the schema's revision
    (this version's), and every event's audit chain. Returns (events, audit entries).

    Raises:
        BackupError ``not_a_backup``: what is wrong (value).
    """
    from pledges.audit import verify_chain

    file = Path(path)
    if not file.is_file() or file.stat().st_size == 0:
        raise BackupError("not_a_backup", str(file), "berkas tidak ada atau kosong")
    problem = integrity_problem(file)
    if problem:
        raise BackupError("not_a_backup", str(file), problem)
    engine = sa.create_engine(f"sqlite:///file:{file.resolve()}?mode=ro&uri=true",
                              poolclass=sa.NullPool)
    store = Store(engine)
    try:
        try:
            revision = store.current_revision()
        except sa.exc.SQLAlchemyError as error:
            raise BackupError("not_a_backup", str(file), str(error)) from error
        if revision != HEAD_REVISION:
            raise BackupError("not_a_backup", str(file), f"skema {revision}")
        events = store.list_events(include_archived=True)
        entries = 0
        for event in events:
            assert event.id is not None
            report = verify_chain(store, event.id)
            if not report.intact:
                raise BackupError("not_a_backup", str(file), f"{event.name}: {report.message}")
            entries += report.entries
    finally:
        engine.dispose()
    return len(events), entries


def generations(folder: str | os.PathLike[str]) -> list[Path]:
    """The backups this app made in ``folder``, oldest first."""
    where = Path(folder)
    if not where.is_dir():
        return []
    found = [(m, p) for p in where.iterdir() if (m := _GENERATION.match(p.name))]
    found.sort(key=lambda item: (item[0][1], int(item[0][2] or 0)))
    return [p for _m, p in found]


def backup_generation(store: Store, folder: str | os.PathLike[str], keep: int = KEEP
                      ) -> BackupResult:
    """A new backup in ``folder`` named by its time, then the oldest generations beyond
    ``keep`` removed (only once the new one passed its check)."""
    where = private_folder(folder)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    # Several in one second are numbered after the newest of that second (never reusing the
    # name of one already removed, which would sort before the others).
    same = [int(m[2] or 0) for p in where.iterdir()
            if (m := _GENERATION.match(p.name)) and m[1] == stamp]
    n = max(same) + 1 if same else 0
    path = where / (f"{PREFIX}{stamp}-{n}.sqlite" if n else f"{PREFIX}{stamp}.sqlite")
    while path.exists():
        n += 1
        path = where / f"{PREFIX}{stamp}-{n}.sqlite"
    result = backup(store, path)
    old = generations(where)
    for stale in old[:max(0, len(old) - max(keep, 1))]:
        with contextlib.suppress(OSError):
            stale.unlink()
            result.removed.append(stale)
    return result


@dataclass
class RestoreResult:
    """What a restore did: the events now in the database, and where the database as it was
    before has been kept."""

    events: int
    previous: Path | None


def restore(store: Store, backup_file: str | os.PathLike[str],
            keep_previous_in: str | os.PathLike[str]) -> RestoreResult:
    """Replace the SQLite database of ``store`` by ``backup_file``, after checking the backup
    and backing up the database as it is now into ``keep_previous_in`` (nothing is lost: a
    restore can be undone by restoring that file).

    Raises:
        BackupError: the file is not a sound backup; the database is a server.
        StoreError, OSError: the database could not be written; it is as it was.
    """
    import sqlite3

    target = _sqlite_file(store)
    if target is None:
        raise BackupError("restore_server", str(backup_file))
    if Path(backup_file).resolve() == Path(target).resolve():
        raise BackupError("same_file", str(backup_file))
    events, _entries = check_backup(backup_file)
    previous = None
    if Path(target).exists() and Path(target).stat().st_size:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        previous = private_folder(keep_previous_in) / f"ikrar-sebelum-pulih-{stamp}.sqlite"
        backup(store, previous)
    store.close()
    try:
        src = sqlite3.connect(f"file:{Path(backup_file).resolve()}?mode=ro", uri=True)
        try:
            dest = sqlite3.connect(target)
            try:
                dest.execute("PRAGMA busy_timeout = 5000")
                src.backup(dest)  # one transaction on the database: all of it, or none
                dest.execute("PRAGMA journal_mode = WAL")
            finally:
                dest.close()
        finally:
            src.close()
    except sqlite3.Error as error:
        raise store.failure(error, writing=True) from error
    return RestoreResult(events, previous)
