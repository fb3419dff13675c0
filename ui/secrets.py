"""The database server's password, kept out of the plain settings file: in the system keyring
where one works (the ``keyring`` package, when installed, with a real backend), else in a file
beside the settings that only the user can read (0600). No Qt: the command line may use it too.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

log = logging.getLogger(__name__)

SERVICE = "Ikrar"


def split_password(url: str) -> tuple[str, str]:
    """(the URL without its password, the password) for ``scheme://user:password@host/...``;
    the URL unchanged and "" when it has none."""
    if "://" not in url:
        return url, ""
    scheme, _, rest = url.partition("://")
    credentials, at, host = rest.rpartition("@")
    if not at or ":" not in credentials:
        return url, ""
    user, _, password = credentials.partition(":")
    return f"{scheme}://{user}@{host}", password


def join_password(url: str, password: str) -> str:
    """The URL with ``password`` put back after its user name."""
    if not password or "://" not in url:
        return url
    scheme, _, rest = url.partition("://")
    credentials, at, host = rest.rpartition("@")
    if not at:
        return url
    return f"{scheme}://{credentials.split(':', 1)[0]}:{password}@{host}"


def _keyring():
    """The keyring module when it has a backend that really keeps secrets, else None."""
    try:
        import keyring  # type: ignore[import-not-found]
        from keyring.backends import fail  # type: ignore[import-not-found]
    except ImportError:
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001 (a broken D-Bus session: fall back to the file)
        return None
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 1) <= 0:
        return None
    return keyring


class SecretStore:
    """Secrets by name (here: the password of one server address).

    Attributes:
        path: the file used when there is no keyring (created 0600, in a 0700 folder).
    """

    def __init__(self, path: Path | str, use_keyring: bool = True):
        self.path = Path(path)
        self.keyring = _keyring() if use_keyring else None

    def get(self, name: str) -> str:
        if self.keyring is not None:
            try:
                return self.keyring.get_password(SERVICE, name) or ""
            except Exception:  # noqa: BLE001
                log.warning("the system keyring could not be read; using the private file")
        return str(self._read().get(name, ""))

    def set(self, name: str, secret: str) -> None:
        if self.keyring is not None:
            try:
                if secret:
                    self.keyring.set_password(SERVICE, name, secret)
                else:
                    self.keyring.delete_password(SERVICE, name)
                return
            except Exception:  # noqa: BLE001
                log.warning("the system keyring could not be written; using the private file")
        data = self._read()
        if secret:
            data[name] = secret
        else:
            data.pop(name, None)
        self._write(data)

    def _read(self) -> dict[str, str]:
        try:
            loaded = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return loaded if isinstance(loaded, dict) else {}

    def _write(self, data: dict[str, str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        temporary = self.path.with_name(self.path.name + ".tmp")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            json.dump(data, file)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, 0o600)
        os.replace(temporary, self.path)
