"""Consistent copies of a SQLite database file: SQLite's backup API, never a file copy.

A copy of ``ikrar.sqlite`` alone misses every commit still in ``ikrar.sqlite-wal`` (all of
them while the app runs, or after a crash). The backup API reads the database as SQLite sees
it, -wal included, in one read transaction: a desk checking people in meanwhile is not held up
(WAL readers never block the writer), and the copy is the database at one moment.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import sqlite3
from pathlib import Path

from events.files import PRIVATE_FILE, make_private, sync_folder

__all__ = ["integrity_problem", "sqlite_copy"]


def sqlite_copy(source: str | os.PathLike[str], dest: str | os.PathLike[str]) -> Path:
    """Copy the SQLite database ``source`` to ``dest`` (replaced atomically if it exists),
    readable by its owner only. The copy is one self-contained file (no -wal beside it).

    Raises:
        sqlite3.Error, OSError: the source cannot be read or the copy cannot be written (full
            disk...); then ``dest`` is as it was and no temporary file is left.
    """
    target = Path(dest)
    temp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    os.close(fd)
    try:
        src = sqlite3.connect(f"file:{Path(source).resolve()}?mode=ro", uri=True)
        try:
            out = sqlite3.connect(temp)
            try:
                src.execute("PRAGMA busy_timeout = 5000")
                src.backup(out)  # one step: one read transaction, the database at one moment
                out.execute("PRAGMA journal_mode = DELETE")
                out.commit()
            finally:
                out.close()
        finally:
            src.close()
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        for leftover in (temp, Path(f"{temp}-journal"), Path(f"{temp}-wal"),
                         Path(f"{temp}-shm")):
            with contextlib.suppress(OSError):
                os.unlink(leftover)
        raise
    make_private(target)
    sync_folder(target.parent)
    return target


def integrity_problem(path: str | os.PathLike[str]) -> str | None:
    """What SQLite's integrity check finds wrong with the file ``path``; None when sound."""
    try:
        conn = sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True)
        try:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
            keys = conn.execute("PRAGMA foreign_key_check").fetchall()
        finally:
            conn.close()
    except sqlite3.Error as error:
        return str(error)
    if [tuple(r) for r in rows] != [("ok",)]:
        return "; ".join(str(r[0]) for r in rows[:5])
    if keys:
        return f"{len(keys)} rujukan kunci asing putus"
    return None
