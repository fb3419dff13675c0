"""Every setting the app keeps, with its default, backed by QSettings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

from events.files import make_private


@dataclass(frozen=True)
class Option:
    key: str
    default: Any
    kind: type


LANGUAGE = Option("ui/language", "id", str)  # "id" (Bahasa Indonesia) or "en"
LAST_EVENT = Option("session/last_event_id", 0, int)
SHOW_ARCHIVED = Option("ui/show_archived", False, bool)
MAIN_GEOMETRY = Option("ui/main_window_geometry", QByteArray(), QByteArray)
LAST_IMPORT_DIR = Option("ui/last_import_dir", "", str)
# The folder each kind of file dialog last used ("" = the user's Documents folder); the roster's
# is the import wizard's own.
FOLDERS = {
    "roster": LAST_IMPORT_DIR,
    "documents": Option("folders/documents", "", str),
    "keys": Option("folders/keys", "", str),
    "verify": Option("folders/verify", "", str),
    "backup": Option("folders/backup", "", str),
}
# Automatic backups: the folder chosen for them ("" = none chosen yet: no automatic backups)
# and how many generations stay there.
BACKUP_FOLDER = Option("backup/folder", "", str)
BACKUP_KEEP = Option("backup/keep", 10, int)
# The database when no --db is given: "" is the SQLite file in the user's data folder; else a
# PostgreSQL URL (several desks) or a file path. Kept as typed but WITHOUT its password, which
# goes to the system keyring or a file only the user can read (Settings.database_url).
DATABASE = Option("database/url", "", str)

LANGUAGES = {"id": "Bahasa Indonesia", "en": "English"}


class Settings:
    """Typed access to QSettings; tests pass a QSettings on a temporary file."""

    def __init__(self, qsettings: QSettings | None = None):
        self.qsettings = qsettings or QSettings("Ikrar", "Ikrar")
        self._private()
        from ui.secrets import SecretStore

        self.secrets = SecretStore(self.folder() / "secrets.json")

    def folder(self) -> Path:
        """The folder of the settings file (the offline journal and secrets live there)."""
        return Path(self.qsettings.fileName()).parent

    def _private(self) -> None:
        """The settings file is the user's alone (0600): it names the server and the PIN's
        hash."""
        make_private(self.qsettings.fileName())

    def database_url(self) -> str:
        """The saved database address, with its password (from the keyring or private file)."""
        from ui.secrets import join_password, split_password

        saved = self.get(DATABASE)
        bare, typed = split_password(saved)
        if typed:  # saved by an older version with the password in it: move it out now
            self.set_database_url(saved)
            return saved
        return join_password(saved, self.secrets.get(f"database:{saved}")) if saved else ""

    def set_database_url(self, url: str) -> None:
        """Keep ``url``: the address in the settings, its password apart."""
        from ui.secrets import split_password

        bare, password = split_password(url)
        if password:
            self.secrets.set(f"database:{bare}", password)
        self.set(DATABASE, bare)

    def get(self, option: Option) -> Any:
        value = self.qsettings.value(option.key, option.default)
        if option.kind is bool:
            return value in (True, "true", "1", 1)
        if option.kind is int:
            if isinstance(value, (str, bytes, int, float)):  # QSettings gives text or a number
                try:
                    return int(value)
                except ValueError:
                    pass
            return option.default
        return value if isinstance(value, option.kind) else option.default

    def set(self, option: Option, value: Any) -> None:
        self.qsettings.setValue(option.key, value)
        self.qsettings.sync()
        self._private()
DESK_NAME = Option("desk/name", "Meja 1", str)
OPERATOR = Option("desk/operator", "", str)
KIOSK_PIN = Option("kiosk/pin_hash", "", str)  # salted PBKDF2, never the PIN itself
SIGN_AFTER_CHECKIN = Option("signing/after_check_in", False, bool)  # the desk's checkbox
STATION_NAME = Option("signing/station_name", "Stasiun TTD 1", str)  # recorded as the place


def offline_journal_path(settings: Settings) -> Path:
    """Where the desk keeps its offline journal: beside the settings."""
    return settings.folder() / "ikrar-offline.sqlite"
