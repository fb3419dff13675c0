"""What every command shares: the error a command fails with, the answer as text or JSON, the
passphrases, opening the store and the event. The records a command shows give their own JSON
(``to_dict()`` on events.model.Event and Attendee, events.checkins.CheckIn,
pledges.texts.PledgeVersion, pledges.signatures.SignatureRecord).
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
from collections.abc import Mapping
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from events.i18n import QT_TRANSLATE_NOOP

# The language of the answers: "id" (the source language) or "en" (--lang en). The English
# texts come from the same catalogue as the window's (resources/translations/ikrar_en.ts),
# read here without Qt.
LANGUAGE = "id"
CATALOGUE = Path(__file__).resolve().parents[2] / "resources" / "translations" / "ikrar_en.ts"

# Exit codes every command shares (a command may add its own, e.g. 3: already checked in).
EXIT_FAILED, EXIT_USAGE, EXIT_UNREACHABLE = 1, 2, 5

TEXTS = {
    "failed": QT_TRANSLATE_NOOP("Cli", "Gagal: {0}"),
    "checked_in": QT_TRANSLATE_NOOP("Cli", "Hadir pukul {time}{where}: {name}"),
    "where": QT_TRANSLATE_NOOP("Cli", " di {desk}"),
    "attention": QT_TRANSLATE_NOOP("Cli", "Perhatian: {warning}."),
    "already": QT_TRANSLATE_NOOP("Cli", "Sudah hadir pukul {time}{where}: {name}"),
    "undone": QT_TRANSLATE_NOOP("Cli", "Kehadiran pukul {time} dibatalkan ({reason}): {name}"),
}


@functools.cache
def _english() -> dict[str, str]:
    """Source text -> English, from the catalogue (finished translations only)."""
    import xml.etree.ElementTree as ElementTree

    table: dict[str, str] = {}
    try:
        root = ElementTree.parse(CATALOGUE).getroot()
    except (OSError, ElementTree.ParseError):
        return table
    for message in root.iter("message"):
        source, translation = message.find("source"), message.find("translation")
        if source is None or translation is None or translation.get("type") == "unfinished":
            continue
        if source.text and translation.text:
            table[source.text] = translation.text
    return table


def tr(text: str) -> str:
    """``text`` (Indonesian, marked with QT_TRANSLATE_NOOP) in the answers' language."""
    if LANGUAGE == "en":
        return _english().get(text, text)
    return text


def error_message(error: Exception) -> str:
    """A domain error's message in the answers' language: its code's text, filled in; never
    the driver's words (those are in the log)."""
    code = getattr(error, "code", "")
    template = None
    for cls in type(error).__mro__:  # each domain error class names its messages
        table: Mapping[str, str] | None = cls.__dict__.get("messages")
        if table is not None and code in table:
            template = table[code]
            break
    if template is None:
        return getattr(error, "message", "") or str(error)
    try:
        return tr(template).format(detail=getattr(error, "detail", ""),
                                   value=getattr(error, "value", ""))
    except (KeyError, IndexError, ValueError):
        return getattr(error, "message", "") or str(error)


class CommandError(Exception):
    """A headless command failed; ``code`` is stable for scripts, ``message`` is for people."""

    def __init__(self, code: str, message: str, exit_code: int = 1, **extra: Any):
        super().__init__(message)
        self.code = code
        self.message = message
        self.exit_code = exit_code
        self.extra = extra


def write_failed(error: OSError) -> CommandError:
    """The error of a command whose output file could not be written."""
    return CommandError("write_failed", f"Berkas tidak dibuat: {error}")


class Output:
    """Prints a command's answer as text for people or as one JSON object for scripts."""

    def __init__(self, as_json: bool, stream=None):
        self.as_json = as_json
        self.stream = stream or sys.stdout

    def result(self, data: dict, text: str) -> None:
        if self.as_json:
            json.dump(data, self.stream, ensure_ascii=False, indent=2)
            self.stream.write("\n")
        else:
            self.stream.write(text + "\n")

    def error(self, code: str, message: str, extra: dict) -> None:
        if self.as_json:
            json.dump({"error": {"code": code, "message": message}} | extra, self.stream,
                      ensure_ascii=False, indent=2)
            self.stream.write("\n")
        else:
            sys.stderr.write(tr(TEXTS["failed"]).format(message) + "\n")


def parse_date(text: str) -> date:
    """An argparse type: YYYY-MM-DD."""
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"tanggal harus YYYY-MM-DD: {text!r}") from error


def parse_time(text: str) -> time:
    """An argparse type: HH:MM."""
    try:
        return time.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"jam harus HH:MM: {text!r}") from error


def bounded_int(low: int, high: int):
    """An argparse type: a whole number from ``low`` to ``high`` (a huge one is refused here,
    not by the database as an overflow)."""

    def parse(text: str) -> int:
        value = int(text)  # not a number: argparse's own "invalid int value" message
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"harus antara {low} dan {high}: {text}")
        return value

    parse.__name__ = "int"
    return parse


def secret(variable: str, prompt: str, what: str, confirm: str | None = None) -> str:
    """A password from the environment ``variable``, else asked on the terminal with ``prompt``
    (and asked again with ``confirm`` when given); ``what`` names it when neither can be."""
    import getpass
    import os

    given = os.environ.get(variable)
    if given is not None:
        return given
    if not sys.stdin.isatty():
        raise CommandError("passphrase_required",
                           f"{what} diperlukan: isi {variable} atau jalankan dari terminal")
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass(confirm) != first:
        from pledges.keys import MESSAGES

        raise CommandError("passphrase_mismatch", MESSAGES["passphrase_mismatch"])
    return first


def passphrase(confirm: bool = False) -> str:
    """The seal key's passphrase: IKRAR_KEY_PASSPHRASE, else asked on the terminal (twice to
    ``confirm`` a new one)."""
    return secret("IKRAR_KEY_PASSPHRASE", "Kata sandi kunci segel: ", "Kata sandi kunci segel",
                  "Ulangi kata sandi: " if confirm else None)


def unlock(store):
    """The store's seal key, unlocked with the passphrase."""
    from pledges.keys import unlock

    return unlock(store, passphrase())


def open_store(args):
    """The store named by ``--db`` (the user's own database without it, created on first use).
    A ``--db`` file that does not exist is created only with ``--create``."""
    from events.store import Store

    return Store.open(args.db, create=args.db is None or getattr(args, "create", False))


def open_event(args):
    """The store and the event named by the command's EVENT (its id or exact name)."""
    store = open_store(args)
    return store, store.find_event(args.event)


def moment(value: datetime | None) -> str | None:
    """A moment in the JSON answers: ISO 8601 to the second, or null."""
    return value.isoformat(timespec="seconds") if value else None
