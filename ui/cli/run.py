"""The command line's parser and its dispatch: each command's parser names the function that
runs it (``handler``); ``run_command`` runs it and turns its failure into the answer scripts read.
"""

from __future__ import annotations

import argparse
import logging
import sys
from typing import NoReturn

from pledges.documents.registry import KINDS
from ui.cli import common, desk, documents, event, evidence, phone, pledge, roster, storage
from ui.cli.common import (
    EXIT_FAILED,
    EXIT_UNREACHABLE,
    CommandError,
    Output,
    bounded_int,
    parse_date,
    parse_time,
)

log = logging.getLogger("ikrar.cli")


class Parser(argparse.ArgumentParser):
    """An ArgumentParser that answers a mistake on the command line as argparse does (the usage
    and the message on stderr, exit 2) and, when ``--json`` is anywhere on that command line, also
    as one JSON error object on stdout (code "usage"), so that a script always gets JSON.

    Its subparsers are of the same class (argparse's ``parser_class`` defaults to the parent's);
    ``parse_args`` tells the whole tree whether this command line asks for JSON.
    """

    json_errors = False

    def parse_args(self, args=None, namespace=None):
        argv = sys.argv[1:] if args is None else list(args)
        self._answer_in_json("--json" in argv)
        return super().parse_args(argv, namespace)

    def _answer_in_json(self, on: bool) -> None:
        self.json_errors = on
        for action in self._actions:
            if isinstance(action, argparse._SubParsersAction):
                for child in action.choices.values():
                    child._answer_in_json(on)

    def error(self, message: str) -> NoReturn:
        try:
            super().error(message)  # the usage and the message on stderr, then exit 2
        finally:
            if self.json_errors:
                Output(True).error("usage", message, {})


def one_person(parser) -> None:
    """--nip, --token or --name: the one attendee a command is about."""
    who = parser.add_mutually_exclusive_group(required=True)
    who.add_argument("--nip", help="NIP (spasi/titik boleh) atau NIK")
    who.add_argument("--token", help="kode undangan (boleh dengan awalan IKR-)")
    who.add_argument("--name", help="nama (harus cocok dengan satu peserta)")


def build_parser() -> Parser:
    """The whole command line, in the order ``--help`` lists it. Its declarations look alike
    (add_parser, then add_argument) without repeating any: each says what one command takes."""
    parser = Parser(
        prog="ikrar", description="Ikrar: registrasi, ikrar dan dokumen acara."
    )
    parser.add_argument("--db", metavar="PATH_OR_URL",
                        help="berkas SQLite atau URL basis data (bawaan: folder data pengguna)")
    parser.add_argument("--create", action="store_true",
                        help="buat berkas basis data --db bila belum ada (tanpa ini: hanya "
                        "membuka yang sudah ada)")
    parser.add_argument("--lang", choices=["id", "en"],
                        help="bahasa antarmuka dan jawaban perintah (bawaan: id)")
    parser.add_argument("--event", metavar="EVENT", help="buka acara ini saat GUI dimulai")
    parser.add_argument("--desk", action="store_true",
                        help="dengan --event: langsung buka Meja Registrasi acara itu (GUI)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(parent, name: str, help_text: str, handler) -> argparse.ArgumentParser:
        p = parent.add_parser(name, help=help_text)
        p.add_argument("--json", action="store_true", help="jawaban JSON untuk mesin")
        p.set_defaults(handler=handler)
        return p

    def group(name: str, help_text: str):
        """A command group (``ikrar key ...``): the subparsers of its actions."""
        return sub.add_parser(name, help=help_text).add_subparsers(
            dest="action", metavar="ACTION", required=True)

    ev_sub = group("event", "acara: buat, ubah, daftar, lihat, arsipkan, kirim, ambil")

    def zone_option(p: argparse.ArgumentParser, default: str | None) -> None:
        p.add_argument("--zone", type=str.upper, choices=["WIB", "WITA", "WIT"],
                       default=default, dest="time_zone",
                       help="zona waktu acara: WIB (bawaan), WITA atau WIT")

    def office_options(p: argparse.ArgumentParser, default: str | None) -> None:
        """The letterhead's contact lines and the documents' numbering scheme."""
        for name, help_text in (
                ("address", "alamat pada kop surat"), ("postcode", "kode pos pada kop surat"),
                ("phone", "telepon pada kop surat"), ("email", "pos-el pada kop surat"),
                ("website", "laman pada kop surat"),
                ("number-scheme", "pola nomor dokumen, mis. 800/{n:03d}/Kesbangpol/2026 "
                                  "({n}: nomor urut)")):
            p.add_argument(f"--{name}", default=default, help=help_text.replace("%", "%%"))
        p.add_argument("--number-start", type=int, default=1 if default is not None else None,
                       help="nomor urut pertama (Berita Acara; surat pernyataan sesudahnya)")

    create = command(ev_sub, "create", "buat acara baru", event.cmd_event_create)
    create.add_argument("--name", required=True)
    create.add_argument("--date", required=True, type=parse_date, dest="event_date")
    create.add_argument("--kind", default="ikrar_netralitas",
                        choices=["ikrar_netralitas", "sosialisasi_anti_korupsi",
                                 "pakta_integritas", "lainnya"])
    create.add_argument("--start", type=parse_time, dest="start_time")
    create.add_argument("--end", type=parse_time, dest="end_time")
    zone_option(create, "WIB")
    office_options(create, "")
    for name in ("venue", "city", "organizer-unit", "institution", "letter-number", "agenda",
                 "presiding-name", "presiding-title", "presiding-nip", "witness-name",
                 "witness-title", "witness-nip"):
        create.add_argument(f"--{name}", default="")
    create.add_argument("--letter-date", type=parse_date)
    create.add_argument("--logo", help="berkas gambar logo (PNG/JPG)")
    create.add_argument("--speaker", action="append", default=[],
                        metavar="NAMA|JABATAN|INSTANSI", help="narasumber; boleh berulang")
    edit = command(ev_sub, "edit", "ubah acara (zona waktu, kop surat, penomoran)",
                   event.cmd_event_edit)
    edit.add_argument("event")
    zone_option(edit, None)
    office_options(edit, None)
    lst = command(ev_sub, "list", "daftar acara", event.cmd_event_list)
    lst.add_argument("--all", action="store_true", help="termasuk yang diarsipkan")
    show = command(ev_sub, "show", "rincian acara", event.cmd_event_show)
    show.add_argument("event")
    archive = command(ev_sub, "archive", "arsipkan acara", event.cmd_event_archive)
    archive.add_argument("event")
    archive.add_argument("--undo", action="store_true", help="keluarkan dari arsip")
    push = command(ev_sub, "push", "salin acara (beserta semua datanya) ke basis data lain",
                   event.cmd_event_transfer)
    push.add_argument("event")
    push.add_argument("--to", required=True, metavar="URL", dest="other",
                      help="tujuan: URL PostgreSQL atau berkas SQLite")
    pull = command(ev_sub, "pull", "ambil acara (beserta semua datanya) dari basis data lain",
                   event.cmd_event_transfer)
    pull.add_argument("event", help="nomor atau nama persis acara di basis data asal")
    pull.add_argument("--from", required=True, metavar="URL", dest="other",
                      help="asal: URL PostgreSQL atau berkas SQLite")
    for p in (push, pull):
        p.add_argument("--replace", action="store_true",
                       help="timpa acara yang sama bila sudah ada di tujuan (salinan tujuan "
                       "dicadangkan dulu)")
        p.add_argument("--backup-dir", metavar="FOLDER",
                       help="folder cadangan salinan yang ditimpa (bawaan: folder data "
                       "pengguna/cadangan)")

    ro_sub = group("roster", "daftar peserta: impor, daftar")
    imp = command(ro_sub, "import", "impor daftar undangan (.xlsx/.csv)", roster.cmd_roster_import)
    imp.add_argument("event")
    imp.add_argument("file")
    imp.add_argument("--dry-run", action="store_true", help="periksa saja, jangan simpan")
    imp.add_argument("--problems", metavar="FILE.csv",
                     help="simpan daftar masalah ke file CSV (untuk dikirim ke pembuat daftar)")
    rl = command(ro_sub, "list", "daftar peserta acara", roster.cmd_roster_list)
    rl.add_argument("event")

    command(sub, "demo", "buat atau buka acara demo", event.cmd_demo)

    exp = command(sub, "export", "buat dokumen: surat pernyataan (pakta integritas), daftar "
                  "hadir, berita acara, daftar publik", documents.cmd_export)
    exp.add_argument("event")
    # "statements" (surat pernyataan) is the office's name; "certificates" stays as its alias
    exp.add_argument("--what", required=True, choices=[*KINDS, "statements"],
                     type=lambda v: "certificates" if v == "statements" else v,
                     help="statements (= certificates): surat pernyataan / pakta integritas "
                     "bertanda tangan; attendance, attendance-pdf, attendance-blank, minutes, "
                     "public, public-csv")
    exp.add_argument("--out", required=True, metavar="PATH",
                     help="berkas tujuan; untuk surat pernyataan tanpa --combined: sebuah "
                     "folder")
    exp.add_argument("--combined", action="store_true",
                     help="surat pernyataan: satu PDF gabungan di PATH")
    exp.add_argument("--pades", action="store_true",
                     help="surat pernyataan: tandatangani tiap PDF secara digital (PAdES) dengan "
                     "kunci segel (bawaan untuk surat pernyataan)")
    exp.add_argument("--no-pades", action="store_true",
                     help="surat pernyataan: tanpa tanda tangan digital (berkasnya tidak dapat "
                     "dibuktikan utuh, hanya kode QR-nya)")
    exp.add_argument("--p12", metavar="FILE.p12",
                     help="dengan --pades: tandatangani dengan sertifikat sendiri (PKCS#12)")
    who = exp.add_mutually_exclusive_group()
    who.add_argument("--last-minutes", type=bounded_int(1, 10_000_000), metavar="N",
                     help="surat pernyataan: hanya yang menandatangani N menit terakhir")
    who.add_argument("--attendee", type=bounded_int(1, 2**63 - 1), metavar="ID",
                     help="surat pernyataan: hanya peserta ini (nomor dari roster list)")

    inv = command(sub, "invitations", "cetak kartu undangan ber-QR (PDF)", desk.cmd_invitations)
    inv.add_argument("event")
    inv.add_argument("--out", required=True, metavar="FILE.pdf")
    inv.add_argument("--nip", action="append", default=[],
                     help="hanya peserta ini (boleh berulang); tanpa ini: semua peserta")

    for name, help_text, handler in (
            ("checkin", "catat kehadiran satu peserta", desk.cmd_checkin),
            ("checkin-undo", "batalkan kehadiran satu peserta (dengan alasan)",
             desk.cmd_checkin_undo)):
        ci = command(sub, name, help_text, handler)
        ci.add_argument("event")
        one_person(ci)
        ci.add_argument("--desk", default="", help="nama meja, mis. \"Meja 1\"")
        ci.add_argument("--operator", default="", help="nama petugas")
        if name == "checkin-undo":
            ci.add_argument("--reason", required=True, help="alasan pembatalan")

    sv = command(sub, "serve", "layanan tanda tangan lewat ponsel di jaringan acara",
                 phone.cmd_serve)
    sv.add_argument("event")
    sv.add_argument("--host", default="0.0.0.0",
                    help="alamat yang didengarkan (bawaan: semua alamat jaringan mesin ini)")
    sv.add_argument("--port", type=int, default=phone.DEFAULT_PORT)
    sv.add_argument("--for-seconds", type=float, default=None, metavar="N",
                    help="berhenti sendiri setelah N detik (untuk uji)")
    pk = command(sub, "phone-link", "buat tautan tanda tangan pribadi seorang peserta",
                 phone.cmd_phone_link)
    pk.add_argument("event")
    one_person(pk)
    pk.add_argument("--base", metavar="URL", help="alamat layanan, mis. http://192.168.8.10:8470")
    pk.set_defaults(desk="", operator="")

    pl_sub = group("pledge", "teks ikrar: templat, teks acara")
    command(pl_sub, "list", "templat teks ikrar beserta hash-nya", pledge.cmd_pledge_list)
    ps = command(pl_sub, "show", "teks ikrar acara saat ini dan versi sebelumnya",
                 pledge.cmd_pledge_show)
    ps.add_argument("event")
    pu = command(pl_sub, "use", "pakai templat sebagai teks ikrar acara", pledge.cmd_pledge_use)
    pu.add_argument("event")
    pu.add_argument("template", help="kunci templat (lihat: pledge list)")

    sg_sub = group("signature", "tanda tangan: daftar, gambar")
    sl = command(sg_sub, "list", "siapa sudah/belum tanda tangan", pledge.cmd_signature_list)
    sl.add_argument("event")
    sr = command(sg_sub, "render", "gambar tanda tangan ke PNG", pledge.cmd_signature_render)
    sr.add_argument("event")
    sr.add_argument("attendee", metavar="ATTENDEE_ID", help="id peserta, atau \"saksi\"")
    sr.add_argument("--out", required=True, metavar="FILE.png")
    sr.add_argument("--width", type=bounded_int(16, 4000), default=600,
                    help="lebar gambar (piksel)")
    sr.add_argument("--background", choices=["transparent", "white"], default="transparent")

    ky_sub = group("key", "kunci segel penyelenggara: buat, daftar, ekspor, impor")
    kc = command(ky_sub, "create", "buat kunci segel baru (kata sandi dari "
                 "IKRAR_KEY_PASSPHRASE atau ditanyakan)", evidence.cmd_key_create)
    kc.add_argument("--label", default="", help="nama penyelenggara pada sertifikat kunci")
    command(ky_sub, "list", "daftar kunci segel", evidence.cmd_key_list)
    ke = command(ky_sub, "export", "simpan kunci publik (PEM) untuk pemeriksa",
                 evidence.cmd_key_export)
    ke.add_argument("--out", required=True, metavar="FILE.pem")
    ki = command(ky_sub, "import", "kenali kunci publik penyelenggara lain",
                 evidence.cmd_key_import)
    ki.add_argument("file", metavar="FILE.pem")
    ki.add_argument("--label", default="")

    se = command(sub, "seal", "segel tanda tangan acara yang belum disegel", evidence.cmd_seal)
    se.add_argument("event")

    ve = command(sub, "verify", "periksa keaslian surat pernyataan (PDF, gambar, atau teks QR atau "
                 "kode verifikasi; - untuk stdin)", evidence.cmd_verify)
    ve.add_argument("file", metavar="FILE", nargs="?")
    ve.add_argument("--code", metavar="ABCDE-FGHIJ",
                    help="kode verifikasi yang tercetak di bawah kode QR surat pernyataan "
                    "(dicari di basis data penyelenggara)")
    ve.add_argument("--key", metavar="PUBLIC_KEY.pem",
                    help="kunci publik penyelenggara (bawaan: kunci yang dikenal basis data)")

    bk = command(sub, "backup", "cadangkan seluruh basis data ke satu berkas yang diperiksa "
                 "(aman saat aplikasi berjalan)", storage.cmd_backup)
    where = bk.add_mutually_exclusive_group(required=True)
    where.add_argument("--out", metavar="FILE.sqlite", help="berkas cadangan")
    where.add_argument("--folder", metavar="FOLDER",
                       help="cadangan bergilir bernama waktu di folder ini (mis. flashdisk)")
    bk.add_argument("--keep", type=bounded_int(1, 1000), default=10, metavar="N",
                    help="dengan --folder: simpan N cadangan terakhir (bawaan 10)")
    rs = command(sub, "restore", "pulihkan basis data dari cadangan (isi sekarang dicadangkan "
                 "dulu)", storage.cmd_restore)
    rs.add_argument("file", metavar="FILE.sqlite")
    rs.add_argument("--backup-dir", metavar="FOLDER",
                    help="simpan isi sekarang di folder ini (bawaan: folder data "
                    "pengguna/cadangan)")

    au_sub = group("audit", "jejak audit acara: periksa, tampilkan")
    av = command(au_sub, "verify", "periksa keutuhan jejak audit", evidence.cmd_audit_verify)
    av.add_argument("event")
    av.add_argument("--head", metavar="HASH",
                    help="kode jejak audit yang tercetak di Berita Acara")
    av.add_argument("--key", metavar="PUBLIC_KEY.pem",
                    help="hanya tanda tangan kunci segel ini yang diakui (kunci publik "
                    "penyelenggara)")
    acp = command(au_sub, "checkpoint", "tandatangani kepala jejak audit dengan kunci segel",
                  evidence.cmd_audit_checkpoint)
    acp.add_argument("event")
    ash = command(au_sub, "show", "tampilkan entri jejak audit", evidence.cmd_audit_show)
    ash.add_argument("event")
    return parser


def run_command(args) -> int:
    from events.logs import setup_logging
    from events.store import StoreError

    setup_logging()
    common.LANGUAGE = getattr(args, "lang", None) or "id"
    log.info("command: %s", args.handler.__name__.removeprefix("cmd_"))
    out = Output(getattr(args, "json", False))
    try:
        return args.handler(args, out)
    except CommandError as error:
        log.warning("command failed: %s (%s)", error.code, error.message)
        cause = error.__cause__
        message = common.error_message(cause) if isinstance(cause, StoreError) and getattr(
            cause, "code", "") == error.code else common.tr(error.message)
        out.error(error.code, message, error.extra)
        return EXIT_UNREACHABLE if error.code in ("unreachable", "uncertain") else \
            error.exit_code
    except StoreError as error:
        # The driver's own words are in the log (events.db_errors); the answer is the code's.
        log.warning("command failed: %s (%s)", error.code, error.detail or error.message)
        out.error(error.code, common.error_message(error), {})
        return EXIT_UNREACHABLE if error.code in ("unreachable", "uncertain") else EXIT_FAILED
    except Exception:
        log.exception("command crashed")
        raise


def parse_args(argv: list[str]) -> argparse.Namespace:
    """Parse the command line; a mistake in it exits 2 (see :class:`Parser`)."""
    return build_parser().parse_args(argv)
