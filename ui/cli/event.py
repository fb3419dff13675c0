"""event create / list / show / archive / push / pull, and demo."""

from __future__ import annotations

from events.ids import digits
from ui.cli.common import CommandError, open_event, open_store
from ui.stored import stored_id


def cmd_event_create(args, out) -> int:
    from pathlib import Path

    from events.model import Contact, Event, EventKind, Official, Speaker
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
        speakers=speakers, agenda=args.agenda, time_zone=args.time_zone,
        letterhead=Contact(args.address, args.postcode, args.phone, args.email, args.website),
        number_scheme=args.number_scheme, number_start=args.number_start,
    )
    problems = event_problems(event)
    if problems:
        raise CommandError(
            "invalid_event", "; ".join(f"{p.field}: {p.message}" for p in problems),
            problems=[{"field": p.field, "code": p.code, "message": p.message}
                      for p in problems],
        )
    store = open_store(args)
    event = store.create_event(event)
    out.result(event.to_dict(), f"Acara dibuat: #{event.id} {event.name}")
    return 0


def cmd_event_edit(args, out) -> int:
    """Change what the options name (the time zone, the letterhead's contact lines, the
    numbering scheme) and nothing else."""
    from dataclasses import replace

    from events.validation import event_problems

    store, event = open_event(args)
    changes: dict[str, object] = {}
    if args.time_zone is not None:
        changes["time_zone"] = args.time_zone
    contact = {name: getattr(args, name) for name in
               ("address", "postcode", "phone", "email", "website")
               if getattr(args, name) is not None}
    if contact:
        changes["letterhead"] = replace(event.letterhead, **contact)
    if args.number_scheme is not None:
        changes["number_scheme"] = args.number_scheme.strip()
    if args.number_start is not None:
        changes["number_start"] = args.number_start
    if not changes:
        raise CommandError("nothing_to_change",
                           "Tidak ada yang diubah: beri --zone, --address, --postcode, --phone, "
                           "--email, --website, --number-scheme atau --number-start",
                           exit_code=2)
    edited = replace(event, **changes)
    problems = event_problems(edited)
    if problems:
        raise CommandError(
            "invalid_event", "; ".join(f"{p.field}: {p.message}" for p in problems),
            problems=[{"field": p.field, "code": p.code, "message": p.message}
                      for p in problems],
        )
    event = store.update_event(edited)
    out.result(event.to_dict(), f"Acara #{event.id} diubah: " + ", ".join(sorted(changes)))
    return 0


def cmd_event_list(args, out) -> int:
    store = open_store(args)
    events = store.list_events(include_archived=args.all)
    lines = [
        f"#{e.id:<4} {e.event_date.isoformat()}  {e.name}"
        + (" [arsip]" if e.archived else "") + (" [demo]" if e.is_demo else "")
        for e in events
    ] or ["Belum ada acara."]
    out.result({"events": [e.to_dict() for e in events]}, "\n".join(lines))
    return 0


def cmd_event_show(args, out) -> int:
    store, event = open_event(args)
    counts = store.count_by_category(event.id)
    data = event.to_dict() | {"by_category": {str(c): n for c, n in counts.items()}}
    from events.dates import time_range

    lines = [f"#{event.id} {event.name}", f"Tanggal: {event.event_date.isoformat()}",
             f"Waktu: {time_range(event) or '-'} (zona waktu {event.time_zone})",
             f"Tempat: {event.venue}"]
    lines += [f"  {c.label}: {n}" for c, n in counts.items()]
    out.result(data, "\n".join(lines))
    return 0


def cmd_event_archive(args, out) -> int:
    store, event = open_event(args)
    store.set_archived(event.id, not args.undo)
    event = store.get_event(event.id)
    text = "dikeluarkan dari arsip" if args.undo else "diarsipkan"
    out.result(event.to_dict(), f"Acara #{event.id} {text}.")
    return 0


def cmd_event_transfer(args, out) -> int:
    """event push / event pull: copy one event, everything included, between databases."""
    from events.store import Store
    from pledges.transfer import copy_event

    here = open_store(args)
    other = Store.open(args.other)
    try:
        source, target = (here, other) if args.action == "push" else (other, here)
        event = source.find_event(args.event)
        done = copy_event(source, target, stored_id(event), replace=args.replace)
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


def cmd_demo(args, out) -> int:
    from events.demo import open_demo
    from pledges.demo import complete_demo
    from pledges.signatures import signed_ids
    from pledges.texts import event_pledge

    store = open_store(args)
    event = complete_demo(store, open_demo(store))
    version = event_pledge(store, stored_id(event))
    data = event.to_dict() | {"pledge_hash": version.hash if version else None,
                              "signatures": len(signed_ids(store, stored_id(event)))}
    out.result(data, f"Acara demo: #{event.id} {event.name}")
    return 0
