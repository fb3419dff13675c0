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
    "write_failed": QT_TRANSLATE_NOOP("Cli", "Berkas tidak dibuat: {error}"),
    "secret_required": QT_TRANSLATE_NOOP(
        "Cli", "{what} diperlukan: isi {variable} atau jalankan dari terminal"),
    "seal_passphrase": QT_TRANSLATE_NOOP("Cli", "Kata sandi kunci segel"),
    "p12_passphrase": QT_TRANSLATE_NOOP("Cli", "Kata sandi berkas .p12"),
    # event
    "logo_unreadable": QT_TRANSLATE_NOOP("Cli", "Logo tidak dapat dibaca: {error}"),
    "event_created": QT_TRANSLATE_NOOP("Cli", "Acara dibuat: #{id} {name}"),
    "nothing_to_change": QT_TRANSLATE_NOOP(
        "Cli", "Tidak ada yang diubah: beri --zone, --address, --postcode, --phone, --email, "
        "--website, --number-scheme atau --number-start"),
    "event_edited": QT_TRANSLATE_NOOP("Cli", "Acara #{id} diubah: {changes}"),
    "changed_zone": QT_TRANSLATE_NOOP("Cli", "zona waktu {zone}"),
    "changed_letterhead": QT_TRANSLATE_NOOP("Cli", "kontak pada kop surat"),
    "changed_scheme": QT_TRANSLATE_NOOP("Cli", "pola nomor surat {scheme}"),
    "changed_start": QT_TRANSLATE_NOOP("Cli", "nomor awal {start}"),
    "archived_tag": QT_TRANSLATE_NOOP("Cli", " [arsip]"),
    "no_events": QT_TRANSLATE_NOOP("Cli", "Belum ada acara."),
    "event_date": QT_TRANSLATE_NOOP("Cli", "Tanggal: {date}"),
    "event_time": QT_TRANSLATE_NOOP("Cli", "Waktu: {time} (zona waktu {zone})"),
    "event_venue": QT_TRANSLATE_NOOP("Cli", "Tempat: {venue}"),
    "event_archived": QT_TRANSLATE_NOOP("Cli", "Acara #{id} diarsipkan."),
    "event_unarchived": QT_TRANSLATE_NOOP("Cli", "Acara #{id} dikeluarkan dari arsip."),
    "event_pushed": QT_TRANSLATE_NOOP(
        "Cli", "Acara \"{name}\" dikirim ke {location}: #{id} di tujuan ({total} baris: "
        "{parts})."),
    "event_pulled": QT_TRANSLATE_NOOP(
        "Cli", "Acara \"{name}\" diambil dari {location}: #{id} di tujuan ({total} baris: "
        "{parts})."),
    "event_replaced": QT_TRANSLATE_NOOP(
        "Cli", " Salinan lama (#{id}) ditimpa; cadangannya: {backup}."),
    "event_replaced_lost": QT_TRANSLATE_NOOP(
        "Cli", " Catatan yang hanya ada di salinan lama ({entries} entri jejak audit) ada di "
        "cadangan itu."),
    "demo": QT_TRANSLATE_NOOP("Cli", "Acara demo: #{id} {name}"),
    # roster
    "roster_archived": QT_TRANSLATE_NOOP(
        "Cli", "Acara #{id} diarsipkan; keluarkan dari arsip dulu untuk mengubah daftar "
        "pesertanya."),
    "roster_file": QT_TRANSLATE_NOOP("Cli", "File: {name} ({format})"),
    "roster_csv": QT_TRANSLATE_NOOP("Cli", "{format}, {encoding}, pemisah {delimiter}"),
    "roster_sheet_skipped": QT_TRANSLATE_NOOP("Cli", "  Lembar {name}: dilewati"),
    "roster_sheet": QT_TRANSLATE_NOOP(
        "Cli", "  Lembar {name}: judul kolom baris {header}, data baris {span}, {rows} orang"),
    "roster_hidden": QT_TRANSLATE_NOOP("Cli", "  Lembar tersembunyi dilewati: {sheets}"),
    "roster_ready": QT_TRANSLATE_NOOP("Cli", "Siap diimpor: {count} orang"),
    "roster_refused": QT_TRANSLATE_NOOP(
        "Cli", "Ditolak (galat): {errors} baris; dengan peringatan: {warned} baris"),
    "roster_error": QT_TRANSLATE_NOOP("Cli", "  [GALAT] {where}: {message}"),
    "roster_warning": QT_TRANSLATE_NOOP("Cli", "  [PERINGATAN] {where}: {message}"),
    "roster_row": QT_TRANSLATE_NOOP("Cli", "{sheet} baris {row}"),
    "roster_column": QT_TRANSLATE_NOOP("Cli", "{where}, kolom {column}"),
    "already_imported": QT_TRANSLATE_NOOP(
        "Cli", "File ini sudah pernah diimpor; tidak ada peserta baru."),
    "nothing_imported": QT_TRANSLATE_NOOP("Cli", "Tidak ada baris yang dapat diimpor."),
    "dry_run": QT_TRANSLATE_NOOP("Cli", "Tidak disimpan (--dry-run)."),
    "imported": QT_TRANSLATE_NOOP("Cli", "Diimpor: {count} peserta."),
    "no_attendees": QT_TRANSLATE_NOOP("Cli", "Belum ada peserta."),
    # Why the import guessed a category (events.roster_import.person: said there in Indonesian).
    "guess_nip": QT_TRANSLATE_NOOP("Cli", "NIP PNS tanpa eselon atau jabatan yang dikenali"),
    "guess_none": QT_TRANSLATE_NOOP(
        "Cli", "tanpa NIP/NIK, eselon, kategori atau jabatan yang dikenali"),
    # desk
    "outside_day": QT_TRANSLATE_NOOP("Cli", "Hari ini ({day}) bukan tanggal acara ({event_day})"),
    "nip_not_here": QT_TRANSLATE_NOOP("Cli", "NIP tidak ada di acara ini: {nips}"),
    "invitations": QT_TRANSLATE_NOOP("Cli", "{count} undangan ditulis ke {out}"),
    # documents
    "p12_only_certificates": QT_TRANSLATE_NOOP(
        "Cli", "--pades dan --p12 hanya untuk --what statements (certificates)"),
    "out_empty": QT_TRANSLATE_NOOP("Cli", "--out kosong: beri nama berkas tujuan"),
    "out_is_file": QT_TRANSLATE_NOOP(
        "Cli", "{out} adalah berkas: surat pernyataan satu per orang ditulis ke sebuah folder "
        "(atau pakai --combined)"),
    "out_is_folder": QT_TRANSLATE_NOOP(
        "Cli", "{out} adalah folder: beri nama berkas tujuan, mis. {example}"),
    "no_pades_conflict": QT_TRANSLATE_NOOP(
        "Cli", "--no-pades tidak dapat digabung dengan --pades atau --p12"),
    "exported_one": QT_TRANSLATE_NOOP("Cli", "1 berkas dibuat: {file}"),
    "exported_many": QT_TRANSLATE_NOOP("Cli", "{count} berkas dibuat: {count} di {out}"),
    # pledge and signature
    "template_line": QT_TRANSLATE_NOOP("Cli", "{key} {hash}  {label} ({points} butir)"),
    "no_pledge": QT_TRANSLATE_NOOP(
        "Cli", "Acara #{id} belum memiliki teks ikrar (pilih dengan: pledge use EVENT "
        "TEMPLATE)."),
    "pledge_locked": QT_TRANSLATE_NOOP("Cli", "terkunci, {count} tanda tangan"),
    "pledge_unsigned": QT_TRANSLATE_NOOP("Cli", "belum ditandatangani"),
    "pledge_version": QT_TRANSLATE_NOOP("Cli", "Versi {hash} ({state})"),
    "pledge_earlier": QT_TRANSLATE_NOOP("Cli", "Versi sebelumnya:"),
    "locked_tag": QT_TRANSLATE_NOOP("Cli", " (terkunci)"),
    "unknown_template": QT_TRANSLATE_NOOP(
        "Cli", "Templat tidak dikenal: {template}; pilihan: {choices}"),
    "pledge_used": QT_TRANSLATE_NOOP("Cli", "Teks ikrar acara #{id}: {title} (versi {hash})"),
    "not_yet": QT_TRANSLATE_NOOP("Cli", "belum"),
    "done": QT_TRANSLATE_NOOP("Cli", "sudah"),
    "signature_totals": QT_TRANSLATE_NOOP(
        "Cli", "Saksi: {witness}; sudah tanda tangan: {signed} dari {total}"),
    "witness": QT_TRANSLATE_NOOP("Cli", "Saksi"),
    "bad_attendee": QT_TRANSLATE_NOOP("Cli", "ATTENDEE_ID harus angka atau \"saksi\": {value}"),
    "attendee_not_in_event": QT_TRANSLATE_NOOP(
        "Cli", "Peserta {attendee} tidak ada di acara #{id}"),
    "not_signed": QT_TRANSLATE_NOOP("Cli", "{who} belum menandatangani ikrar acara #{id}"),
    "bad_width": QT_TRANSLATE_NOOP("Cli", "--width harus 16 sampai 4000 piksel"),
    "signature_written": QT_TRANSLATE_NOOP("Cli", "Tanda tangan {who} ditulis ke {out}"),
    # keys, seal, verify, audit
    "key_created": QT_TRANSLATE_NOOP(
        "Cli", "Kunci segel dibuat: {key}. Simpan kata sandinya: tanpa itu kunci ini tidak "
        "dapat dipakai."),
    "role_sealing": QT_TRANSLATE_NOOP("Cli", "segel"),
    "role_private": QT_TRANSLATE_NOOP("Cli", "privat"),
    "role_public": QT_TRANSLATE_NOOP("Cli", "publik"),
    "no_keys": QT_TRANSLATE_NOOP("Cli", "Belum ada kunci segel."),
    "key_exported": QT_TRANSLATE_NOOP("Cli", "Kunci publik {key} disimpan di {out}"),
    "key_imported": QT_TRANSLATE_NOOP("Cli", "Kunci publik {key} dikenali"),
    "sealed": QT_TRANSLATE_NOOP("Cli", "{count} tanda tangan disegel dengan kunci {key}"),
    "page": QT_TRANSLATE_NOOP("Cli", "Halaman {page}: "),
    "seal_contents": QT_TRANSLATE_NOOP("Cli", "isi segel"),
    "no_qr": QT_TRANSLATE_NOOP("Cli", "tidak ditemukan kode QR"),
    "not_ikrar": QT_TRANSLATE_NOOP("Cli", "kode QR ini bukan segel Ikrar"),
    "damaged": QT_TRANSLATE_NOOP("Cli", "segel pada kode QR rusak"),
    "no_file": QT_TRANSLATE_NOOP("Cli", "berkas tidak dapat dibuka"),
    "not_pdf": QT_TRANSLATE_NOOP("Cli", "berkas bukan PDF atau gambar yang dapat dibaca"),
    "unknown_code": QT_TRANSLATE_NOOP(
        "Cli", "kode verifikasi ini tidak ada di basis data ini (periksa di daftar publik "
        "penyelenggara, atau pindai kode QR-nya)"),
    "checkpointed": QT_TRANSLATE_NOOP(
        "Cli", "Kepala jejak audit ditandatangani kunci segel {key} (entri ke-{seq})"),
    # storage
    "backup_where": QT_TRANSLATE_NOOP("Cli", "beri --out BERKAS atau --folder FOLDER"),
    "backup_out_empty": QT_TRANSLATE_NOOP("Cli", "--out tidak boleh kosong"),
    "backup_out_folder": QT_TRANSLATE_NOOP(
        "Cli", "{out} adalah folder: beri nama berkas (atau pakai --folder untuk cadangan "
        "bergilir)"),
    "backed_up": QT_TRANSLATE_NOOP(
        "Cli", "Cadangan dibuat dan diperiksa: {path} ({events} acara, {entries} entri jejak "
        "audit utuh, {kb} KB, {seconds} detik)."),
    "backups_removed": QT_TRANSLATE_NOOP("Cli", " {count} cadangan lama dihapus."),
    "restored": QT_TRANSLATE_NOOP(
        "Cli", "Basis data {location} dipulihkan dari {file} ({events} acara)."),
    "restore_previous": QT_TRANSLATE_NOOP("Cli", " Isi sebelumnya disimpan di {previous}."),
}


@functools.cache
def _english() -> dict[tuple[str, str], str]:
    """(context, source text) -> English, from the catalogue (finished translations only);
    also ("", source text) for the text in whichever context has it."""
    import xml.etree.ElementTree as ElementTree

    table: dict[tuple[str, str], str] = {}
    try:
        root = ElementTree.parse(CATALOGUE).getroot()
    except (OSError, ElementTree.ParseError):
        return table
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source, translation = message.find("source"), message.find("translation")
            if source is None or translation is None or translation.get("type") == "unfinished":
                continue
            if source.text and translation.text:
                table[(name, source.text)] = translation.text
                table.setdefault(("", source.text), translation.text)
    return table


def tr(text: str, context: str = "Cli") -> str:
    """``text`` (Indonesian, marked with QT_TRANSLATE_NOOP(context, ...)) in the answers'
    language."""
    if LANGUAGE == "en":
        table = _english()
        return table.get((context, text)) or table.get(("", text), text)
    return text


def domain_tr(text: str) -> str:
    """A domain text (marked with QT_TRANSLATE_NOOP("Texts", ...)) in the answers' language."""
    return tr(text, "Texts")


# Where the texts of a roster's problems (events.roster_import.Problem, RosterFileError) and of
# a NIP's or NIK's (events.ids) are defined, by their codes.
PROBLEM_TABLES = ("events.roster_import:MESSAGES", "events.roster_import:MESSAGES_FILE",
                  "events.roster_import:MESSAGES_READ", "events.roster_import:MESSAGES_LIMIT",
                  "events.ids:MESSAGES", "events.validation:FIELD_MESSAGES")


def refilled(code: str, text: str, tables: tuple[str, ...] = PROBLEM_TABLES) -> str:
    """``text``, a domain message already filled in from its code's template, in the answers'
    language: the parameters are read back from the text by the Indonesian template and put
    into the translated one; ``text`` as it is when no template of ``code`` matches it."""
    import importlib
    import re

    if LANGUAGE == "id":
        return text
    for name in tables:
        module, _, attribute = name.partition(":")
        template = getattr(importlib.import_module(module), attribute, {}).get(code)
        if template is None:
            continue
        pattern = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>.*?)", re.escape(template))
        try:
            found = re.fullmatch(pattern, text, re.S)
        except re.error:  # a placeholder named twice
            found = None
        if found is not None:
            return domain_text(template, **{key: domain_tr(value)
                                            for key, value in found.groupdict().items()})
    return domain_tr(text)


def say(name: str, /, **params: Any) -> str:
    """The catalogue's text ``name`` in the answers' language, filled in with ``params``."""
    return tr(TEXTS[name]).format(**params)


def domain_text(template: str, **params: Any) -> str:
    """A domain text (marked with QT_TRANSLATE_NOOP("Texts", ...)) in the answers' language,
    filled in; the Indonesian text when the English one does not fit the parameters."""
    try:
        return tr(template, "Texts").format(**params)
    except (KeyError, IndexError, ValueError):
        return template.format(**params)


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
    if template is None:  # a code without a table, e.g. a roster file's: its own text
        return refilled(code, getattr(error, "message", "") or str(error))
    try:
        params = getattr(error, "params", None) or {
            "detail": getattr(error, "detail", ""), "value": getattr(error, "value", "")}
        return tr(template, "Texts").format(**params)
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


def refused(error: Exception, **extra: Any) -> CommandError:
    """The CommandError for a domain error (its code, its message in the answers' language)."""
    return CommandError(getattr(error, "code", "failed"), error_message(error), **extra)


def write_failed(error: OSError) -> CommandError:
    """The error of a command whose output file could not be written."""
    return CommandError("write_failed", say("write_failed", error=error))


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
                           say("secret_required", what=tr(what), variable=variable))
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass(confirm) != first:
        from pledges.keys import MESSAGES

        raise CommandError("passphrase_mismatch", tr(MESSAGES["passphrase_mismatch"], "Texts"))
    return first


def passphrase(confirm: bool = False) -> str:
    """The seal key's passphrase: IKRAR_KEY_PASSPHRASE, else asked on the terminal (twice to
    ``confirm`` a new one)."""
    return secret("IKRAR_KEY_PASSPHRASE", "Kata sandi kunci segel: ", TEXTS["seal_passphrase"],
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
