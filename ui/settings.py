"""Every setting the app keeps, with its default, backed by QSettings."""

from __future__ import annotations

from dataclasses import dataclass
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
# PostgreSQL URL (several desks) or a file path. Kept as typed, password included.
DATABASE = Option("database/url", "", str)

LANGUAGES = {"id": "Bahasa Indonesia", "en": "English"}


class Settings:
    """Typed access to QSettings; tests pass a QSettings on a temporary file."""

    def __init__(self, qsettings: QSettings | None = None):
        self.qsettings = qsettings or QSettings("Ikrar", "Ikrar")
        make_private(self.qsettings.fileName())  # it may hold a server's password

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
        make_private(self.qsettings.fileName())
DESK_NAME = Option("desk/name", "Meja 1", str)
OPERATOR = Option("desk/operator", "", str)
KIOSK_PIN = Option("kiosk/pin_hash", "", str)  # salted PBKDF2, never the PIN itself
SIGN_AFTER_CHECKIN = Option("signing/after_check_in", False, bool)  # the desk's checkbox
STATION_NAME = Option("signing/station_name", "Stasiun TTD 1", str)  # recorded as the place
