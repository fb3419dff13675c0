"""The app's log: a rotating file in the user's log folder, personal numbers masked.

Set up once per process, by the GUI at start and by the command line; this module imports no
Qt, so the command line can use it. What is logged is what helps someone find out afterwards
what happened at a desk (start, the database opened, failed check-ins and exports, a lost
server and its return, crashes with their traceback), never the people's NIP, NIK or phone
number: :class:`MaskPersonalNumbers` blanks those in every record, however they are written.
"""

from __future__ import annotations

import logging
import os
import re
from logging.handlers import RotatingFileHandler
from pathlib import Path

from events.files import make_private, private_folder

__all__ = ["LOG_DIR_VARIABLE", "MaskPersonalNumbers", "log_file", "log_folder", "mask",
           "setup_logging", "stop_logging"]

LOG_DIR_VARIABLE = "IKRAR_LOG_DIR"  # overrides the folder (tests, a shared machine)
FILE_NAME = "ikrar.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
QUIET = ("alembic.runtime.plugins",)  # a line per plugin at every start: only their warnings

# Digits that may be grouped by single spaces, dots or dashes, as people type them
# ("19860926 201505 1 001", "3201.0123.4567.0001"), not touching other letters or digits.
_SEP = r"[ .\-]?"
_EDGE_BEFORE = r"(?<![0-9A-Za-z])"
_EDGE_AFTER = r"(?![0-9A-Za-z])"


def _digits(count: int) -> str:
    return _EDGE_BEFORE + r"\d(?:" + _SEP + r"\d){" + str(count - 1) + "}" + _EDGE_AFTER


_PATTERNS = (
    (re.compile(_digits(18)), "[NIP]"),  # NIP: 18 digits
    (re.compile(_digits(16)), "[NIK]"),  # NIK: 16 digits
    # Mobile numbers: 08..., +62 8..., 62 8...; 9 to 13 digits after the 0 or 62.
    (re.compile(r"(?<![0-9A-Za-z+])(?:\+62|62|0)" + _SEP + r"8(?:" + _SEP + r"\d){7,11}"
                + _EDGE_AFTER), "[TELEPON]"),
)


def mask(text: str) -> str:
    """``text`` with every NIP, NIK and phone number replaced by a placeholder."""
    for pattern, placeholder in _PATTERNS:
        text = pattern.sub(placeholder, text)
    return text


class MaskPersonalNumbers(logging.Filter):
    """Masks NIP, NIK and phone numbers in a record's message and traceback.

    The message is formatted here (arguments merged in) so that a number passed as an
    argument is masked too; the traceback is formatted and masked once, and kept on the record
    for the handlers.
    """

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask(record.exc_text)
        if record.stack_info:
            record.stack_info = mask(record.stack_info)
        return True


def log_folder() -> Path:
    """$IKRAR_LOG_DIR, else the user's log folder for Ikrar (platformdirs)."""
    override = os.environ.get(LOG_DIR_VARIABLE, "").strip()
    if override:
        return Path(override)
    from platformdirs import user_log_dir

    return Path(user_log_dir("Ikrar", appauthor=False))


class _PrivateRotatingFileHandler(RotatingFileHandler):
    """A rotating log whose files only their owner can read (they name desks, operators and
    the people's names)."""

    def _open(self):  # type: ignore[no-untyped-def]
        stream = super()._open()
        make_private(self.baseFilename)
        return stream


_handler: RotatingFileHandler | None = None


def log_file() -> Path | None:
    """The file this process logs to (None before setup_logging)."""
    return Path(_handler.baseFilename) if _handler is not None else None


def setup_logging(folder: Path | str | None = None, level: int = logging.INFO) -> Path | None:
    """Log to ``folder``/ikrar.log (1 MB, 5 old files kept), masked; once per process (a second
    call changes nothing and returns the same path). None when the folder cannot be written:
    the app runs on without a log rather than not at all."""
    global _handler
    if _handler is not None:
        return log_file()
    folder = Path(folder) if folder is not None else log_folder()
    try:
        private_folder(folder)
        handler = _PrivateRotatingFileHandler(folder / FILE_NAME, maxBytes=MAX_BYTES,
                                              backupCount=BACKUPS, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.addFilter(MaskPersonalNumbers())
    root = logging.getLogger()
    root.addHandler(handler)
    for chatty in QUIET:
        logging.getLogger(chatty).setLevel(logging.WARNING)
    if root.level > level or root.level == logging.NOTSET:
        root.setLevel(level)
    _handler = handler
    return log_file()


def stop_logging() -> None:
    """Close the log file and forget it (tests; a process that logs elsewhere next)."""
    global _handler
    if _handler is None:
        return
    logging.getLogger().removeHandler(_handler)
    _handler.close()
    _handler = None
