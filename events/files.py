"""Writing an exported file so that a failure never leaves half of it behind."""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from pathlib import Path


def write_atomically(path: str | os.PathLike[str], data: bytes, *, private: bool = False
                     ) -> Path:
    """Write ``data`` to a temporary file beside ``path``, flush it to disk, then rename it over
    ``path``. On any failure the temporary file is removed and ``path`` is left as it was.
    ``private``: the file is readable by its owner only.

    Raises:
        OSError: the folder does not exist or is not writable, the disk is full...
    """
    return publish(stage(path, data, private=private), path)


def stage(path: str | os.PathLike[str], data: bytes, *, private: bool = False) -> Path:
    """The first half of :func:`write_atomically`: ``data`` in a temporary file beside ``path``,
    flushed to disk; :func:`publish` renames it over ``path``. Nothing is left on failure.

    Raises:
        OSError: ``path`` is a folder, its folder does not exist or is not writable, the disk is
            full...
    """
    target = Path(path)
    if not target.name or target.is_dir():
        raise IsADirectoryError(errno.EISDIR, "folder, bukan berkas", os.fspath(path))
    temp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                 PRIVATE_FILE if private else 0o666)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    return temp


def publish(temp: Path, path: str | os.PathLike[str]) -> Path:
    """Rename the staged file ``temp`` over ``path`` (see :func:`stage`), durably."""
    target = Path(path)
    try:
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    sync_folder(target.parent)  # make the rename itself durable
    return target


def sync_folder(folder: str | os.PathLike[str]) -> None:
    """Flush a folder's entries to disk (a file just renamed into it), where the system can."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


# -- reading within bounds, and keeping personal data private -----------------------------------

class TooLarge(OSError):
    """A file is larger than the limit for its kind (or never ends, like /dev/zero).

    Attributes:
        limit: the limit in bytes.
    """

    def __init__(self, path: str | os.PathLike[str], limit: int):
        size = f"{limit // 1024 // 1024} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"
        self.text = f"{os.fspath(path)}: berkas lebih besar dari {size}"
        super().__init__(self.text)
        self.limit = limit
        self.strerror = self.text

    def __str__(self) -> str:
        return self.text


def read_limited(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of ``path``, read in bounded memory: at most ``limit`` bytes, else
    :class:`TooLarge`. A device, a pipe or a file that grows while read (``/dev/zero``) is
    refused by the same bound, not by its declared size, which such files do not have.

    Raises:
        TooLarge: more than ``limit`` bytes.
        OSError: the file cannot be read (missing, a folder, no permission).
    """
    with open(path, "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(path, limit)
    return data


# What each kind of file the app reads may weigh at most (the roster's are in
# events.roster_import.raw).
MAX_LOGO_BYTES = 2 * 1024 * 1024
MAX_KEY_BYTES = 64 * 1024  # a PEM public key is a few hundred bytes
MAX_P12_BYTES = 1024 * 1024
MAX_QR_TEXT_BYTES = 64 * 1024
MAX_VERIFY_BYTES = 512 * 1024 * 1024  # a combined certificates PDF of a large event

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700


def create_private(path: str | os.PathLike[str]) -> bool:
    """Create ``path`` empty, readable and writable by its owner only, unless it exists.
    Returns whether it was created. SQLite gives its -wal and -shm files the permissions of
    the database file, so creating the database this way keeps them private too."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                     PRIVATE_FILE)
    except FileExistsError:
        return False
    os.close(fd)
    return True


def make_private(path: str | os.PathLike[str]) -> None:
    """Take away every permission of group and others from ``path`` when it is this user's
    file (a file of someone else's is left alone: changing it is not ours to do)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        info = os.stat(path)
        if info.st_uid == os.getuid() and info.st_mode & 0o077:
            os.chmod(path, info.st_mode & 0o700)


def private_folder(path: str | os.PathLike[str]) -> Path:
    """Create ``path`` (and its parents) if missing; a folder created here is the owner's only."""
    folder = Path(path)
    if not folder.exists():
        folder.mkdir(parents=True, exist_ok=True)
        if os.name == "posix":
            with contextlib.suppress(OSError):
                os.chmod(folder, PRIVATE_FOLDER)
    return folder
