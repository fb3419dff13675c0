"""Ikrar: the registration desk, pledge signing and documents for integrity-pledge events.

Without a command the desktop app opens. With one, it works headless:

    python main.py event create --name NAME --date YYYY-MM-DD [...] [--json]
    python main.py event list [--all] [--json]
    python main.py event show EVENT [--json]
    python main.py event archive EVENT [--undo] [--json]
    python main.py event push EVENT --to URL [--replace] [--json]
    python main.py event pull EVENT --from URL [--replace] [--json]
    python main.py roster import EVENT FILE [--dry-run] [--json]
    python main.py roster list EVENT [--json]
    python main.py demo [--json]
    python main.py checkin EVENT (--nip NIP | --token TOKEN | --name TEXT) [--desk NAME]
                   [--operator NAME] [--json]
    python main.py checkin-undo EVENT (--nip NIP | --token TOKEN | --name TEXT) --reason TEXT
                   [--desk NAME] [--operator NAME] [--json]
    python main.py invitations EVENT --out FILE.pdf [--nip NIP ...] [--json]
    python main.py export EVENT --what certificates|attendance|attendance-pdf|attendance-blank|
                   minutes|public|public-csv --out PATH [--combined] [--pades [--p12 FILE.p12]]
                   [--json]
    python main.py pledge list [--json]
    python main.py pledge show EVENT [--json]
    python main.py pledge use EVENT TEMPLATE [--json]
    python main.py signature list EVENT [--json]
    python main.py signature render EVENT (ATTENDEE_ID | saksi) --out FILE.png
                   [--width PX] [--background transparent|white] [--json]
    python main.py key create [--label TEXT] [--json]
    python main.py key list [--json]
    python main.py key export --out FILE.pem [--json]
    python main.py key import FILE.pem [--label TEXT] [--json]
    python main.py seal EVENT [--json]
    python main.py verify FILE|- [--key PUBLIC_KEY.pem] [--json]
    python main.py audit verify EVENT [--head HASH] [--json]
    python main.py audit show EVENT [--json]

EVENT is an event's id or its exact name. ``--db PATH_OR_URL`` chooses the database.
The seal key's passphrase comes from IKRAR_KEY_PASSPHRASE, else it is asked on the terminal;
a .p12 file's (``export --pades --p12``) from IKRAR_P12_PASSPHRASE, else the terminal.
Exit codes: 0 done, 1 failed (e.g. not signed yet), 2 bad command line, 3 already checked in;
``verify``: 0 authentic, 1 unreadable, 3 altered, 4 unknown key; ``audit verify``: 0 intact,
3 broken.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, time
from typing import Any

from events.ids import digits


class CommandError(Exception):
    """A headless command failed; ``code`` is stable for scripts, ``message`` is for people."""

    def __init__(self, code: str, message: str, exit_code: int = 1, **extra: Any):
        super().__init__(message)
        self.code = code
        self.message = message
        self.exit_code = exit_code
        self.extra = extra


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"tanggal harus YYYY-MM-DD: {text!r}") from error


def _time(text: str) -> time:
    try:
        return time.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"jam harus HH:MM: {text!r}") from error


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ikrar", description="Ikrar: registrasi, ikrar dan dokumen acara."
    )
    parser.add_argument("--db", metavar="PATH_OR_URL",
                        help="berkas SQLite atau URL basis data (bawaan: folder data pengguna)")
    parser.add_argument("--lang", choices=["id", "en"], help="bahasa antarmuka (GUI)")
    parser.add_argument("--event", metavar="EVENT", help="buka acara ini saat GUI dimulai")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(parent, name: str, help_text: str) -> argparse.ArgumentParser:
        p = parent.add_parser(name, help=help_text)
        p.add_argument("--json", action="store_true", help="jawaban JSON untuk mesin")
        return p

    ev = sub.add_parser("event", help="acara: buat, daftar, lihat, arsipkan, kirim, ambil")
    ev_sub = ev.add_subparsers(dest="action", metavar="ACTION", required=True)
    create = command(ev_sub, "create", "buat acara baru")
    create.add_argument("--name", required=True)
    create.add_argument("--date", required=True, type=_date, dest="event_date")
    create.add_argument("--kind", default="ikrar_netralitas",
                        choices=["ikrar_netralitas", "sosialisasi_anti_korupsi",
                                 "pakta_integritas", "lainnya"])
    create.add_argument("--start", type=_time, dest="start_time")
    create.add_argument("--end", type=_time, dest="end_time")
    for name in ("venue", "city", "organizer-unit", "institution", "letter-number", "agenda",
                 "presiding-name", "presiding-title", "presiding-nip", "witness-name",
                 "witness-title", "witness-nip"):
        create.add_argument(f"--{name}", default="")
    create.add_argument("--letter-date", type=_date)
    create.add_argument("--logo", help="berkas gambar logo (PNG/JPG)")
    create.add_argument("--speaker", action="append", default=[],
                        metavar="NAMA|JABATAN|INSTANSI", help="narasumber; boleh berulang")
    lst = command(ev_sub, "list", "daftar acara")
    lst.add_argument("--all", action="store_true", help="termasuk yang diarsipkan")
    show = command(ev_sub, "show", "rincian acara")
    show.add_argument("event")
    archive = command(ev_sub, "archive", "arsipkan acara")
    archive.add_argument("event")
    archive.add_argument("--undo", action="store_true", help="keluarkan dari arsip")
    push = command(ev_sub, "push", "salin acara (beserta semua datanya) ke basis data lain")
    push.add_argument("event")
    push.add_argument("--to", required=True, metavar="URL", dest="other",
                      help="tujuan: URL PostgreSQL atau berkas SQLite")
    pull = command(ev_sub, "pull", "ambil acara (beserta semua datanya) dari basis data lain")
    pull.add_argument("event", help="nomor atau nama persis acara di basis data asal")
    pull.add_argument("--from", required=True, metavar="URL", dest="other",
                      help="asal: URL PostgreSQL atau berkas SQLite")
    for p in (push, pull):
        p.add_argument("--replace", action="store_true",
                       help="timpa acara yang sama bila sudah ada di tujuan")

    ro = sub.add_parser("roster", help="daftar peserta: impor, daftar")
    ro_sub = ro.add_subparsers(dest="action", metavar="ACTION", required=True)
    imp = command(ro_sub, "import", "impor daftar undangan (.xlsx/.csv)")
    imp.add_argument("event")
    imp.add_argument("file")
    imp.add_argument("--dry-run", action="store_true", help="periksa saja, jangan simpan")
    rl = command(ro_sub, "list", "daftar peserta acara")
    rl.add_argument("event")

    command(sub, "demo", "buat atau buka acara demo")

    exp = command(sub, "export", "buat dokumen: sertifikat, daftar hadir, berita acara, "
                  "daftar publik")
    exp.add_argument("event")
    exp.add_argument("--what", required=True, choices=list(EXPORT_KINDS))
    exp.add_argument("--out", required=True, metavar="PATH",
                     help="berkas tujuan; untuk sertifikat tanpa --combined: sebuah folder")
    exp.add_argument("--combined", action="store_true",
                     help="sertifikat: satu PDF gabungan di PATH")
    exp.add_argument("--pades", action="store_true",
                     help="sertifikat: tandatangani tiap PDF secara digital (PAdES) dengan kunci "
                     "segel dan sertifikatnya")
    exp.add_argument("--p12", metavar="FILE.p12",
                     help="dengan --pades: tandatangani dengan sertifikat sendiri (PKCS#12)")

    inv = command(sub, "invitations", "cetak kartu undangan ber-QR (PDF)")
    inv.add_argument("event")
    inv.add_argument("--out", required=True, metavar="FILE.pdf")
    inv.add_argument("--nip", action="append", default=[],
                     help="hanya peserta ini (boleh berulang); tanpa ini: semua peserta")

    for name, help_text in (("checkin", "catat kehadiran satu peserta"),
                            ("checkin-undo", "batalkan kehadiran satu peserta (dengan alasan)")):
        ci = command(sub, name, help_text)
        ci.add_argument("event")
        who = ci.add_mutually_exclusive_group(required=True)
        who.add_argument("--nip", help="NIP (spasi/titik boleh) atau NIK")
        who.add_argument("--token", help="kode undangan (boleh dengan awalan IKR-)")
        who.add_argument("--name", help="nama (harus cocok dengan satu peserta)")
        ci.add_argument("--desk", default="", help="nama meja, mis. \"Meja 1\"")
        ci.add_argument("--operator", default="", help="nama petugas")
        if name == "checkin-undo":
            ci.add_argument("--reason", required=True, help="alasan pembatalan")

    pl = sub.add_parser("pledge", help="teks ikrar: templat, teks acara")
    pl_sub = pl.add_subparsers(dest="action", metavar="ACTION", required=True)
    command(pl_sub, "list", "templat teks ikrar beserta hash-nya")
    ps = command(pl_sub, "show", "teks ikrar acara saat ini dan versi sebelumnya")
    ps.add_argument("event")
    pu = command(pl_sub, "use", "pakai templat sebagai teks ikrar acara")
    pu.add_argument("event")
    pu.add_argument("template", help="kunci templat (lihat: pledge list)")

    sg = sub.add_parser("signature", help="tanda tangan: daftar, gambar")
    sg_sub = sg.add_subparsers(dest="action", metavar="ACTION", required=True)
    sl = command(sg_sub, "list", "siapa sudah/belum tanda tangan")
    sl.add_argument("event")
    sr = command(sg_sub, "render", "gambar tanda tangan ke PNG")
    sr.add_argument("event")
    sr.add_argument("attendee", metavar="ATTENDEE_ID", help="id peserta, atau \"saksi\"")
    sr.add_argument("--out", required=True, metavar="FILE.png")
    sr.add_argument("--width", type=int, default=600, help="lebar gambar (piksel)")
    sr.add_argument("--background", choices=["transparent", "white"], default="transparent")

    ky = sub.add_parser("key", help="kunci segel penyelenggara: buat, daftar, ekspor, impor")
    ky_sub = ky.add_subparsers(dest="action", metavar="ACTION", required=True)
    kc = command(ky_sub, "create", "buat kunci segel baru (kata sandi dari "
                 "IKRAR_KEY_PASSPHRASE atau ditanyakan)")
    kc.add_argument("--label", default="", help="nama penyelenggara pada sertifikat kunci")
    command(ky_sub, "list", "daftar kunci segel")
    ke = command(ky_sub, "export", "simpan kunci publik (PEM) untuk pemeriksa")
    ke.add_argument("--out", required=True, metavar="FILE.pem")
    ki = command(ky_sub, "import", "kenali kunci publik penyelenggara lain")
    ki.add_argument("file", metavar="FILE.pem")
    ki.add_argument("--label", default="")

    se = command(sub, "seal", "segel tanda tangan acara yang belum disegel")
    se.add_argument("event")

    ve = command(sub, "verify", "periksa keaslian sertifikat (PDF, gambar, atau teks QR; "
                 "- untuk stdin)")
    ve.add_argument("file", metavar="FILE")
    ve.add_argument("--key", metavar="PUBLIC_KEY.pem",
                    help="kunci publik penyelenggara (bawaan: kunci yang dikenal basis data)")

    au = sub.add_parser("audit", help="jejak audit acara: periksa, tampilkan")
    au_sub = au.add_subparsers(dest="action", metavar="ACTION", required=True)
    av = command(au_sub, "verify", "periksa keutuhan jejak audit")
    av.add_argument("event")
    av.add_argument("--head", metavar="HASH",
                    help="kode jejak audit yang tercetak di Berita Acara")
    ash = command(au_sub, "show", "tampilkan entri jejak audit")
    ash.add_argument("event")
    return parser


def _passphrase(confirm: bool = False) -> str:
    """The seal key's passphrase: IKRAR_KEY_PASSPHRASE, else asked on the terminal."""
    import getpass
    import os

    given = os.environ.get("IKRAR_KEY_PASSPHRASE")
    if given is not None:
        return given
    if not sys.stdin.isatty():
        raise CommandError("passphrase_required",
                           "Kata sandi kunci segel diperlukan: isi IKRAR_KEY_PASSPHRASE atau "
                           "jalankan dari terminal")
    first = getpass.getpass("Kata sandi kunci segel: ")
    if confirm and getpass.getpass("Ulangi kata sandi: ") != first:
        from pledges.keys import MESSAGES

        raise CommandError("passphrase_mismatch", MESSAGES["passphrase_mismatch"])
    return first


def _unlock(store):
    from pledges.keys import unlock

    return unlock(store, _passphrase())


def _pdf_signer(args, store, key, city: str):
    """The ``sign`` function for ``export --pades``: the seal key (``key``, or unlocked now) with
    its certificate, or the identity in ``--p12`` (password: IKRAR_P12_PASSPHRASE or asked)."""
    import getpass
    import os

    from pledges.pades import PadesError, load_p12, pdf_signer

    if args.what != "certificates":
        raise CommandError("usage", "--pades dan --p12 hanya untuk --what certificates", 2)
    try:
        if args.p12:
            password = os.environ.get("IKRAR_P12_PASSPHRASE")
            if password is None:
                if not sys.stdin.isatty():
                    raise CommandError("passphrase_required",
                                       "Kata sandi berkas .p12 diperlukan: isi "
                                       "IKRAR_P12_PASSPHRASE atau jalankan dari terminal")
                password = getpass.getpass("Kata sandi berkas .p12: ")
            identity = load_p12(args.p12, password)
        else:
            identity = key or _unlock(store)
        return pdf_signer(identity, location=city)
    except PadesError as error:
        raise CommandError(error.code, error.message) from error


def _open_store(args):
    from events.store import Store

    return Store.open(args.db)


def _event_json(event) -> dict:
    from events.ids import format_nip

    return {
        "id": event.id,
        "name": event.name,
        "kind": str(event.kind),
        "date": event.event_date.isoformat(),
        "start_time": event.start_time.strftime("%H:%M") if event.start_time else None,
        "end_time": event.end_time.strftime("%H:%M") if event.end_time else None,
        "venue": event.venue,
        "city": event.city,
        "organizer_unit": event.organizer_unit,
        "institution": event.institution,
        "has_logo": event.logo is not None,
        "letter_number": event.letter_number,
        "letter_date": event.letter_date.isoformat() if event.letter_date else None,
        "presiding": {"name": event.presiding.name, "title": event.presiding.title,
                      "nip": format_nip(event.presiding.nip)},
        "witness": {"name": event.witness.name, "title": event.witness.title,
                    "nip": format_nip(event.witness.nip)},
        "speakers": [{"name": s.name, "title": s.title, "institution": s.institution}
                     for s in event.speakers],
        "agenda": event.agenda,
        "is_demo": event.is_demo,
        "archived": event.archived,
    }


def _attendee_json(a) -> dict:
    from events.ids import format_nip

    return {
        "id": a.id,
        "name": a.name,
        "category": str(a.category),
        "category_label": a.category.label,
        "nip": format_nip(a.nip) if a.nip else None,
        "nik": a.nik,
        "golongan": a.golongan,
        "jabatan": a.jabatan,
        "unit": a.unit,
        "phone": a.phone,
        "institution": a.institution,
        "source": str(a.source),
        "invited": a.invited,
    }


def cmd_event_create(args, out) -> int:
    from pathlib import Path

    from events.model import Event, EventKind, Official, Speaker
    from events.validation import event_problems

    logo = None
    if args.logo:
        try:
            logo = Path(args.logo).read_bytes()
        except OSError as error:
            raise CommandError("logo_unreadable", f"Logo tidak dapat dibaca: {error}") from error
    speakers = []
    for text in args.speaker:
        parts = [p.strip() for p in text.split("|")] + ["", ""]
        speakers.append(Speaker(parts[0], parts[1], parts[2]))
    event = Event(
        name=args.name, event_date=args.event_date, kind=EventKind(args.kind),
        start_time=args.start_time, end_time=args.end_time, venue=args.venue, city=args.city,
        organizer_unit=args.organizer_unit, institution=args.institution, logo=logo,
        letter_number=args.letter_number, letter_date=args.letter_date,
        presiding=Official(args.presiding_name, args.presiding_title,
                           digits(args.presiding_nip)),
        witness=Official(args.witness_name, args.witness_title,
                         digits(args.witness_nip)),
        speakers=speakers, agenda=args.agenda,
    )
    problems = event_problems(event)
    if problems:
        raise CommandError(
            "invalid_event", "; ".join(f"{p.field}: {p.message}" for p in problems),
            problems=[{"field": p.field, "code": p.code, "message": p.message}
                      for p in problems],
        )
    store = _open_store(args)
    event = store.create_event(event)
    out.result(_event_json(event), f"Acara dibuat: #{event.id} {event.name}")
    return 0


def cmd_event_list(args, out) -> int:
    store = _open_store(args)
    events = store.list_events(include_archived=args.all)
    lines = [
        f"#{e.id:<4} {e.event_date.isoformat()}  {e.name}"
        + (" [arsip]" if e.archived else "") + (" [demo]" if e.is_demo else "")
        for e in events
    ] or ["Belum ada acara."]
    out.result({"events": [_event_json(e) for e in events]}, "\n".join(lines))
    return 0


def cmd_event_show(args, out) -> int:
    store = _open_store(args)
    event = store.find_event(args.event)
    counts = store.count_by_category(event.id)
    data = _event_json(event) | {"by_category": {str(c): n for c, n in counts.items()}}
    lines = [f"#{event.id} {event.name}", f"Tanggal: {event.event_date.isoformat()}",
             f"Tempat: {event.venue}"]
    lines += [f"  {c.label}: {n}" for c, n in counts.items()]
    out.result(data, "\n".join(lines))
    return 0


def cmd_event_archive(args, out) -> int:
    store = _open_store(args)
    event = store.find_event(args.event)
    store.set_archived(event.id, not args.undo)
    event = store.get_event(event.id)
    text = "dikeluarkan dari arsip" if args.undo else "diarsipkan"
    out.result(_event_json(event), f"Acara #{event.id} {text}.")
    return 0


def cmd_event_transfer(args, out) -> int:
    """event push / event pull: copy one event, everything included, between databases."""
    from events.store import Store
    from pledges.transfer import copy_event

    here = _open_store(args)
    other = Store.open(args.other)
    try:
        source, target = (here, other) if args.action == "push" else (other, here)
        event = source.find_event(args.event)
        done = copy_event(source, target, event.id, replace=args.replace)
    finally:
        other.close()
    total = sum(done.counts.values())
    parts = ", ".join(f"{table} {n}" for table, n in done.counts.items() if n)
    verb = "dikirim ke" if args.action == "push" else "diambil dari"
    text = (f"Acara \"{done.name}\" {verb} {other.location}: #{done.event_id} di tujuan "
            f"({total} baris: {parts}).")
    if done.replaced is not None:
        text += f" Salinan lama (#{done.replaced}) ditimpa."
    out.result({"event_id": done.event_id, "name": done.name, "source_event_id": event.id,
                "target": target.location, "rows": done.counts, "replaced": done.replaced},
               text)
    return 0


def cmd_roster_import(args, out) -> int:
    from events.roster_import import RosterFileError, file_sha256, plan_import

    store = _open_store(args)
    event = store.find_event(args.event)
    if event.archived:
        raise CommandError("event_archived", f"Acara #{event.id} diarsipkan; keluarkan dari "
                           "arsip dulu untuk mengubah daftar pesertanya.")
    try:
        plan = plan_import(args.file, existing_nips=store.existing_nips(event.id),
                           existing_niks=store.existing_niks(event.id))
    except RosterFileError as error:
        raise CommandError(error.code, error.message) from error
    people = plan.good_attendees()
    if not args.dry_run and people:
        # One transaction: all good rows, or none; the audit trail names the file.
        store.add_attendees(event.id, people, source_file=plan.path.name,
                            file_sha256=file_sha256(plan.path))
    imported = 0 if args.dry_run else len(people)
    data = {
        "event_id": event.id,
        "dry_run": args.dry_run,
        "imported": imported,
        "importable": len(people),
        "error_rows": plan.error_rows,
        "by_category": {c.value: n for c, n in plan.by_category.items()},
        "problems": [p.to_dict() for p in plan.problems],
        "sheets": [s.to_dict() for s in plan.sheets],
    }
    text = plan.summary()
    if not people:
        raise CommandError("nothing_imported", text + "\nTidak ada baris yang dapat diimpor.",
                           **{k: v for k, v in data.items()})
    verb = "Tidak disimpan (--dry-run)." if args.dry_run else f"Diimpor: {imported} peserta."
    out.result(data, text + "\n" + verb)
    return 0


def cmd_roster_list(args, out) -> int:
    from events.ids import format_nip

    store = _open_store(args)
    event = store.find_event(args.event)
    people = store.list_attendees(event.id)
    lines = [f"{a.id:>5}  {a.name:<40.40} {a.category.label:<27} {format_nip(a.nip):<21} {a.unit}"
             for a in people] or ["Belum ada peserta."]
    out.result({"event_id": event.id, "attendees": [_attendee_json(a) for a in people]},
               "\n".join(lines))
    return 0


def cmd_demo(args, out) -> int:
    from events.demo import open_demo
    from pledges.demo import complete_demo
    from pledges.signatures import signed_ids
    from pledges.texts import event_pledge

    store = _open_store(args)
    event = complete_demo(store, open_demo(store))
    version = event_pledge(store, event.id)
    data = _event_json(event) | {"pledge_hash": version.hash if version else None,
                                 "signatures": len(signed_ids(store, event.id))}
    out.result(data, f"Acara demo: #{event.id} {event.name}")
    return 0


def _checkin_json(c) -> dict:
    def moment(value):
        return value.isoformat(timespec="seconds") if value else None

    return {
        "id": c.id,
        "attendee_id": c.attendee_id,
        "checked_in_at": moment(c.checked_in_at),
        "time": c.time_text,
        "desk": c.desk,
        "operator": c.operator,
        "method": c.method,
        "undone_at": moment(c.undone_at),
        "undo_reason": c.undo_reason,
        "undone_by": c.undone_by,
        "undone_desk": c.undone_desk,
    }


def _desk_and_person(args):
    """The desk for ``args`` and the one attendee named by --nip, --token or --name."""
    from events.checkins import AmbiguousAttendee, CheckInError, Desk

    store = _open_store(args)
    event = store.find_event(args.event)
    desk = Desk(store, event.id, desk=args.desk, operator=args.operator)
    try:
        if args.token is not None:
            person = desk.find_by_token(args.token)
        elif args.nip is not None:
            person = desk.find_by_nip(args.nip)
        else:
            person = desk.find_by_name(args.name)
    except AmbiguousAttendee as error:
        raise CommandError(error.code, error.message, total=error.total,
                           candidates=[_attendee_json(a) for a in error.candidates]) from error
    except CheckInError as error:
        raise CommandError(error.code, error.message) from error
    return desk, person


def cmd_checkin(args, out) -> int:
    from events.checkins import AlreadyCheckedIn, CheckInError, Method

    desk, person = _desk_and_person(args)
    try:
        checkin = desk.check_in(person.id, Method.CLI)
    except AlreadyCheckedIn as already:
        first = already.existing
        out.result({"status": "already", "message": already.message,
                    "attendee": _attendee_json(person), "first": _checkin_json(first)},
                   f"{already.message}: {person.name}")
        return 3
    except CheckInError as error:
        raise CommandError(error.code, error.message) from error
    where = f" di {checkin.desk}" if checkin.desk else ""
    out.result({"status": "checked_in", "attendee": _attendee_json(person),
                "checkin": _checkin_json(checkin)},
               f"Hadir pukul {checkin.checked_in_at:%H:%M:%S}{where}: {person.name}")
    return 0


def cmd_checkin_undo(args, out) -> int:
    from events.checkins import CheckInError

    desk, person = _desk_and_person(args)
    try:
        undone = desk.undo(attendee_id=person.id, reason=args.reason)
    except CheckInError as error:
        raise CommandError(error.code, error.message) from error
    out.result({"status": "undone", "attendee": _attendee_json(person),
                "checkin": _checkin_json(undone)},
               f"Kehadiran pukul {undone.time_text} dibatalkan ({undone.undo_reason}): "
               f"{person.name}")
    return 0


EXPORT_KINDS = {
    # --what: (module, builder) ; certificates are handled apart
    "certificates": ("pledges.certificates", ""),
    "attendance": ("pledges.attendance", "build_attendance_xlsx"),
    "attendance-pdf": ("pledges.attendance", "build_attendance_pdf"),
    "attendance-blank": ("pledges.attendance", "build_attendance_blank_pdf"),
    "minutes": ("pledges.minutes", "build_minutes_pdf"),
    "public": ("pledges.public_roster", "build_public_pdf"),
    "public-csv": ("pledges.public_roster", "build_public_csv"),
}


def cmd_export(args, out) -> int:
    import importlib
    from pathlib import Path

    from pledges.documents import collect
    from pledges.files import write_atomically

    store = _open_store(args)
    event = store.find_event(args.event)
    record = collect(store, event.id)
    module_name, builder = EXPORT_KINDS[args.what]
    module = importlib.import_module(module_name)
    key = None
    if args.what == "certificates" and any(
            s.id not in record.seals for s in record.signatures.values()):
        # Signatures made before the key was unlocked: seal them now (asks the passphrase).
        from pledges.seal import seal_pending

        key = _unlock(store)
        seal_pending(store, key, event.id)
        record = collect(store, event.id)
    sign = (_pdf_signer(args, store, key, record.event.city) if args.pades or args.p12
            else None)
    try:
        if args.what == "certificates":
            if args.combined:
                module.write_certificates_combined(args.out, record, sign=sign)
                files = [args.out]
            else:
                Path(args.out).mkdir(parents=True, exist_ok=True)
                files = [str(p) for p in module.write_certificates_separate(args.out, record,
                                                                            sign=sign)]
        else:
            write_atomically(args.out, getattr(module, builder)(record))
            files = [args.out]
    except OSError as error:
        raise CommandError("write_failed", f"Berkas tidak dibuat: {error}") from error
    except ValueError as error:  # nothing to put in it, e.g. nobody signed yet
        raise CommandError("nothing_to_export", str(error)) from error
    from pledges.documents import record_export

    record_export(store, event.id, args.what, files)
    out.result({"event_id": event.id, "what": args.what, "files": files},
               f"{len(files)} berkas dibuat: " + (files[0] if len(files) == 1
                                                  else f"{len(files)} di {args.out}"))
    return 0


def cmd_invitations(args, out) -> int:
    from events.ids import check_nip
    from pledges.invitations import InvitationError, write_invitations

    store = _open_store(args)
    event = store.find_event(args.event)
    people = store.list_attendees(event.id)
    if args.nip:
        wanted = {check_nip(n).digits or digits(n)
                  for n in args.nip}
        people = [p for p in people if p.nip in wanted]
        missing = wanted - {p.nip for p in people}
        if missing:
            raise CommandError("attendee_not_found",
                               "NIP tidak ada di acara ini: " + ", ".join(sorted(missing)))
    try:
        write_invitations(args.out, event, people)
    except InvitationError as error:
        raise CommandError("invitations_failed", str(error)) from error
    except OSError as error:
        raise CommandError("write_failed", f"Berkas tidak dibuat: {error}") from error
    out.result({"event_id": event.id, "out": args.out, "cards": len(people)},
               f"{len(people)} undangan ditulis ke {args.out}")
    return 0


def _version_json(v, full: bool = True) -> dict:
    def moment(value):
        return value.isoformat(timespec="seconds") if value else None

    data = {"hash": v.hash, "title": v.text.title, "template": v.template, "locked": v.locked,
            "signature_count": v.signature_count, "created_at": moment(v.created_at),
            "adopted_at": moment(v.adopted_at)}
    if full:
        data |= {"opening": v.text.opening, "points": list(v.text.points),
                 "closing": v.text.closing}
    return data


def cmd_pledge_list(args, out) -> int:
    from pledges.texts import CONSENT_VERSION, TEMPLATE_LABELS, TEMPLATES, version_hash

    templates = [{"key": key, "label": TEMPLATE_LABELS[key], "hash": version_hash(text),
                  "title": text.title, "points": len(text.points)}
                 for key, text in TEMPLATES.items()]
    lines = [f"{t['key']:<22} {t['hash']}  {t['label']} ({t['points']} butir)"
             for t in templates]
    out.result({"templates": templates, "consent_version": CONSENT_VERSION}, "\n".join(lines))
    return 0


def cmd_pledge_show(args, out) -> int:
    from pledges.texts import versions

    store = _open_store(args)
    event = store.find_event(args.event)
    found = versions(store, event.id)
    current = found[-1] if found else None
    earlier = found[:-1]
    data = {"event_id": event.id, "current": _version_json(current) if current else None,
            "earlier": [_version_json(v, full=False) for v in reversed(earlier)]}
    if current is None:
        out.result(data, f"Acara #{event.id} belum memiliki teks ikrar "
                   "(pilih dengan: pledge use EVENT TEMPLATE).")
        return 0
    state = (f"terkunci, {current.signature_count} tanda tangan" if current.locked
             else "belum ditandatangani")
    lines = [f"Versi {current.hash} ({state})", "", current.text.title, current.text.opening]
    lines += current.text.numbered()
    if current.text.closing:
        lines.append(current.text.closing)
    if earlier:
        lines += ["", "Versi sebelumnya:"]
        lines += [f"  {v.hash}  {v.text.title}" + (" (terkunci)" if v.locked else "")
                  for v in reversed(earlier)]
    out.result(data, "\n".join(lines))
    return 0


def cmd_pledge_use(args, out) -> int:
    from pledges.texts import TEMPLATES, use_template

    if args.template not in TEMPLATES:
        raise CommandError("unknown_template", f"Templat tidak dikenal: {args.template}; "
                           "pilihan: " + ", ".join(TEMPLATES))
    store = _open_store(args)
    event = store.find_event(args.event)
    version = use_template(store, event.id, args.template)
    out.result({"event_id": event.id, "current": _version_json(version)},
               f"Teks ikrar acara #{event.id}: {version.text.title} (versi {version.hash})")
    return 0


def _signature_json(r) -> dict:
    return {"id": r.id, "attendee_id": r.attendee_id, "role": r.role,
            "pledge_hash": r.pledge_hash, "strokes_sha256": r.strokes_sha256,
            "intact": r.intact, "pad": [r.pad_width, r.pad_height],
            "consent_version": r.consent_version,
            "signed_at": r.signed_at.isoformat(timespec="seconds"), "place": r.place,
            "operator": r.operator}


def cmd_signature_list(args, out) -> int:
    from pledges.signatures import current_signatures, witness_signature

    store = _open_store(args)
    event = store.find_event(args.event)
    people = store.list_attendees(event.id)
    signed = current_signatures(store, event.id)
    witness = witness_signature(store, event.id)
    lines = [f"{a.id:>5}  {a.name:<40.40} "
             + (f"{signed[a.id].signed_at:%H:%M} {signed[a.id].place}" if a.id in signed
                else "belum") for a in people]
    lines.append(f"Saksi: {'sudah' if witness else 'belum'}; sudah tanda tangan: {len(signed)} "
                 f"dari {len(people)}")
    out.result({"event_id": event.id,
                "signed": [_signature_json(signed[a.id]) for a in people if a.id in signed],
                "unsigned": [a.id for a in people if a.id not in signed],
                "witness": _signature_json(witness) if witness else None}, "\n".join(lines))
    return 0


def cmd_signature_render(args, out) -> int:
    from pathlib import Path

    from pledges.signatures import current_signature, witness_signature

    store = _open_store(args)
    event = store.find_event(args.event)
    if args.attendee.lower() in ("saksi", "witness"):
        record, who = witness_signature(store, event.id), "Saksi"
    else:
        try:
            attendee_id = int(args.attendee)
        except ValueError:
            raise CommandError("bad_attendee", f"ATTENDEE_ID harus angka atau \"saksi\": "
                               f"{args.attendee!r}", exit_code=2) from None
        person = store.get_attendee(attendee_id)
        if person.event_id != event.id:
            raise CommandError("attendee_not_found",
                               f"Peserta {attendee_id} tidak ada di acara #{event.id}")
        record, who = current_signature(store, event.id, attendee_id), person.name
    if record is None:
        raise CommandError("not_signed", f"{who} belum menandatangani ikrar acara #{event.id}")
    if args.width < 16 or args.width > 4000:
        raise CommandError("bad_width", "--width harus 16 sampai 4000 piksel", exit_code=2)
    png = record.render_png(args.width, background=args.background)
    try:
        Path(args.out).write_bytes(png)
    except OSError as error:
        raise CommandError("write_failed", f"Berkas tidak dibuat: {error}") from error
    out.result({"event_id": event.id, "out": args.out, "bytes": len(png),
                "signature": _signature_json(record)},
               f"Tanda tangan {who} ditulis ke {args.out}")
    return 0


def cmd_key_create(args, out) -> int:
    from pledges.keys import create_key

    store = _open_store(args)
    key = create_key(store, _passphrase(confirm=True), args.label)
    out.result({"fingerprint": key.display},
               f"Kunci segel dibuat: {key.display}. Simpan kata sandinya: tanpa itu kunci ini "
               "tidak dapat dipakai.")
    return 0


def cmd_key_list(args, out) -> int:
    from pledges.keys import key_info, list_keys

    store = _open_store(args)
    keys = list_keys(store)
    sealing = key_info(store)
    rows = [{"fingerprint": k.display, "label": k.label,
             "created_at": k.created_at.isoformat(timespec="seconds"),
             "can_seal": k.has_private,
             "sealing": sealing is not None and k.fingerprint == sealing.fingerprint}
            for k in keys]
    def role(row: dict) -> str:
        return "segel " if row["sealing"] else ("privat" if row["can_seal"] else "publik")

    lines = [f"{r['fingerprint']}  {role(r)}  {r['created_at']}  {r['label']}" for r in rows]
    out.result({"keys": rows}, "\n".join(lines) or "Belum ada kunci segel.")
    return 0


def cmd_key_export(args, out) -> int:
    from pledges.keys import export_public_key, format_fingerprint

    store = _open_store(args)
    try:
        fingerprint = export_public_key(store, args.out)
    except OSError as error:
        raise CommandError("write_failed", f"Berkas tidak dibuat: {error}") from error
    out.result({"fingerprint": format_fingerprint(fingerprint), "out": args.out},
               f"Kunci publik {format_fingerprint(fingerprint)} disimpan di {args.out}")
    return 0


def cmd_key_import(args, out) -> int:
    from pledges.keys import add_public_key, format_fingerprint

    store = _open_store(args)
    fingerprint = format_fingerprint(add_public_key(store, args.file, args.label))
    out.result({"fingerprint": fingerprint}, f"Kunci publik {fingerprint} dikenali")
    return 0


def cmd_seal(args, out) -> int:
    from pledges.seal import seal_pending

    store = _open_store(args)
    event = store.find_event(args.event)
    key = _unlock(store)
    count = seal_pending(store, key, event.id)
    out.result({"event_id": event.id, "sealed": count, "key": key.display},
               f"{count} tanda tangan disegel dengan kunci {key.display}")
    return 0


VERIFY_EXIT = {"authentic": 0, "unreadable": 1, "altered": 3, "unknown_key": 4}
VERIFY_RANK = {"authentic": 0, "unreadable": 1, "unknown_key": 2, "altered": 3}


def cmd_verify(args, out) -> int:
    from pledges import verify

    stored = None
    if args.key:
        from pledges.keys import read_public_key_file

        fingerprint, public = read_public_key_file(args.key)
        keys = {fingerprint: public}
    else:
        from pledges.keys import known_public_keys
        from pledges.seal import stored_lookup

        store = _open_store(args)
        keys = known_public_keys(store)
        stored = stored_lookup(store)
    if args.file == "-":
        verdicts = [verify.verify_seal(sys.stdin.read(), keys, stored)]
    else:
        verdicts = verify.verify_file(args.file, keys, stored)
    # The answer for the file is its worst page: altered above an unknown key above unreadable.
    worst = max(verdicts, key=lambda v: VERIFY_RANK[v.status])
    data = worst.as_dict() | {"pages": [v.as_dict() for v in verdicts]}
    lines = [(f"Halaman {v.page}: " if v.page and len(verdicts) > 1 else "") + v.message
             for v in verdicts]
    out.result(data, "\n".join(lines))
    return VERIFY_EXIT[worst.status]


def cmd_audit_verify(args, out) -> int:
    from pledges.audit import verify_chain

    store = _open_store(args)
    event = store.find_event(args.event)
    report = verify_chain(store, event.id, expected_head=args.head)
    out.result({"event_id": event.id} | report.as_dict(), report.message)
    return 0 if report.intact else 3


def cmd_audit_show(args, out) -> int:
    from events.audit import entries
    from pledges.audit import ACTION_LABELS

    store = _open_store(args)
    event = store.find_event(args.event)
    with store.connection() as conn:
        found = entries(conn, event.id)
    rows = []
    for entry in found:
        body = entry.content
        rows.append({"seq": entry.seq, "at": body.get("at"), "action": body.get("action"),
                     "by": body.get("by"), "place": body.get("place"),
                     "data": body.get("data"), "hash": entry.hash})
    lines = [f"{r['seq']:>5}  {(r['at'] or '')[:19]}  "
             f"{ACTION_LABELS.get(r['action'], r['action'])}"
             + (f"  ({r['place']})" if r["place"] else "") for r in rows]
    out.result({"event_id": event.id, "entries": rows}, "\n".join(lines))
    return 0


COMMANDS = {
    ("event", "create"): cmd_event_create,
    ("event", "list"): cmd_event_list,
    ("event", "show"): cmd_event_show,
    ("event", "archive"): cmd_event_archive,
    ("event", "push"): cmd_event_transfer,
    ("event", "pull"): cmd_event_transfer,
    ("roster", "import"): cmd_roster_import,
    ("roster", "list"): cmd_roster_list,
    ("demo", None): cmd_demo,
    ("checkin", None): cmd_checkin,
    ("checkin-undo", None): cmd_checkin_undo,
    ("invitations", None): cmd_invitations,
    ("export", None): cmd_export,
    ("pledge", "list"): cmd_pledge_list,
    ("pledge", "show"): cmd_pledge_show,
    ("pledge", "use"): cmd_pledge_use,
    ("signature", "list"): cmd_signature_list,
    ("signature", "render"): cmd_signature_render,
    ("key", "create"): cmd_key_create,
    ("key", "list"): cmd_key_list,
    ("key", "export"): cmd_key_export,
    ("key", "import"): cmd_key_import,
    ("seal", None): cmd_seal,
    ("verify", None): cmd_verify,
    ("audit", "verify"): cmd_audit_verify,
    ("audit", "show"): cmd_audit_show,
}


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
            sys.stderr.write(f"Gagal: {message}\n")


def run_command(args) -> int:
    from events.store import StoreError

    out = Output(getattr(args, "json", False))
    handler = COMMANDS[(args.command, getattr(args, "action", None))]
    try:
        return handler(args, out)
    except CommandError as error:
        out.error(error.code, error.message, error.extra)
        return error.exit_code
    except StoreError as error:
        out.error(error.code, error.message, {})
        return 1


def _parse_args(argv: list[str]) -> argparse.Namespace:
    """Parse the command line. With ``--json`` a mistake in it is also answered as one JSON error
    object on stdout (code "usage"), so a script always gets JSON; the exit code stays 2."""
    parser = build_parser()
    if "--json" not in argv:
        return parser.parse_args(argv)
    import contextlib
    import io

    buffer = io.StringIO()
    try:
        with contextlib.redirect_stderr(buffer):
            return parser.parse_args(argv)
    except SystemExit as stop:
        text = buffer.getvalue().strip()
        sys.stderr.write(buffer.getvalue())
        if stop.code in (0, None) or not text:  # --help, or nothing to report
            raise
        message = text.splitlines()[-1].split("error: ", 1)[-1]
        Output(True).error("usage", message, {})
        raise


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(sys.argv[1:] if argv is None else list(argv))
    if args.command is None:
        from ui.app import run_gui

        return run_gui(args)
    return run_command(args)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # the reader went away (e.g. `| head`): not an error of ours
        sys.stderr.close()
        sys.exit(0)
