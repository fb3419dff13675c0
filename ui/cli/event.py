"""event create / list / show / archive / push / pull, and demo."""

from __future__ import annotations

from events.ids import digits
from ui.cli.common import (
    CommandError,
    domain_text,
    domain_tr,
    open_event,
    open_store,
    refused,
    say,
)
from ui.stored import stored_id


def _problem(problem) -> str:
    """A form problem's message in the answers' language."""
    from events.validation import FIELD_MESSAGES

    template = FIELD_MESSAGES.get(problem.code)
    if template is None:  # a NIP's or NIK's problem (events.ids)
        from events.ids import MESSAGES as template_table

        template = template_table.get(problem.code)
    if template is None:
        return domain_tr(problem.message)
    return domain_text(template, **(problem.params or {}))


def _refuse_invalid(event) -> None:
    """Raise ``invalid_event`` naming every problem of the event's form, if it has any."""
    from events.validation import event_problems

    problems = event_problems(event)
    if problems:
        raise CommandError(
            "invalid_event", "; ".join(f"{p.field}: {_problem(p)}" for p in problems),
            problems=[{"field": p.field, "code": p.code, "message": _problem(p)}
                      for p in problems],
        )


def cmd_event_create(args, out) -> int:
    from events.files import MAX_LOGO_BYTES, read_limited
    from events.model import Contact, Event, EventKind, Official, Speaker

    logo = None
    if args.logo:
        try:
            logo = read_limited(args.logo, MAX_LOGO_BYTES)
        except OSError as error:
            raise CommandError("logo_unreadable", say("logo_unreadable", error=error)) from error
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
    _refuse_invalid(event)
    store = open_store(args)
    event = store.create_event(event)
    out.result(event.to_dict(), say("event_created", id=event.id, name=event.name))
    return 0


def cmd_event_edit(args, out) -> int:
    """Change what the options name (the time zone, the letterhead's contact lines, the
    numbering scheme) and nothing else."""
    from dataclasses import replace


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
        raise CommandError("nothing_to_change", say("nothing_to_change"), exit_code=2)
    edited = replace(event, **changes)
    _refuse_invalid(edited)
    event = store.update_event(edited)
    said = {"time_zone": lambda: say("changed_zone", zone=event.time_zone),
            "letterhead": lambda: say("changed_letterhead"),
            "number_scheme": lambda: say("changed_scheme", scheme=event.number_scheme),
            "number_start": lambda: say("changed_start", start=event.number_start)}
    out.result(event.to_dict(), say("event_edited", id=event.id,
                                    changes=", ".join(said[name]() for name in changes)))
    return 0


def cmd_event_list(args, out) -> int:
    store = open_store(args)
    events = store.list_events(include_archived=args.all)
    lines = [
        f"#{e.id:<4} {e.event_date.isoformat()}  {e.name}"
        + (say("archived_tag") if e.archived else "") + (" [demo]" if e.is_demo else "")
        for e in events
    ] or [say("no_events")]
    out.result({"events": [e.to_dict() for e in events]}, "\n".join(lines))
    return 0


def cmd_event_show(args, out) -> int:
    store, event = open_event(args)
    counts = store.count_by_category(event.id)
    data = event.to_dict() | {"by_category": {str(c): n for c, n in counts.items()}}
    from events.dates import time_range

    lines = [f"#{event.id} {event.name}", say("event_date", date=event.event_date.isoformat()),
             say("event_time", time=time_range(event) or "-", zone=event.time_zone),
             say("event_venue", venue=event.venue)]
    lines += [f"  {domain_tr(c.label)}: {n}" for c, n in counts.items()]
    out.result(data, "\n".join(lines))
    return 0


def cmd_event_archive(args, out) -> int:
    store, event = open_event(args)
    store.set_archived(event.id, not args.undo)
    event = store.get_event(event.id)
    out.result(event.to_dict(),
               say("event_unarchived" if args.undo else "event_archived", id=event.id))
    return 0


def cmd_event_transfer(args, out) -> int:
    """event push / event pull: copy one event, everything included, between databases."""
    from events.store import Store
    from pledges.transfer import EventExists, copy_event

    here = open_store(args)
    # The event's source must exist; a new target file is made only when asked (--create).
    other = Store.open(args.other, create=args.action == "push" and args.create)
    try:
        source, target = (here, other) if args.action == "push" else (other, here)
        event = source.find_event(args.event)
        try:
            done = copy_event(source, target, stored_id(event), replace=args.replace,
                              backup_folder=args.backup_dir)
        except EventExists as error:
            raise refused(error, target_id=error.target_id, lost=dict(error.lost)) from error
    finally:
        other.close()
    total = sum(done.counts.values())
    parts = ", ".join(f"{table} {n}" for table, n in done.counts.items() if n)
    text = say("event_pushed" if args.action == "push" else "event_pulled", name=done.name,
               location=other.location, id=done.event_id, total=total, parts=parts)
    if done.replaced is not None:
        text += say("event_replaced", id=done.replaced, backup=done.backup)
        if done.lost.get("entries"):
            text += say("event_replaced_lost", entries=done.lost["entries"])
    out.result({"event_id": done.event_id, "name": done.name, "source_event_id": event.id,
                "target": target.location, "rows": done.counts, "replaced": done.replaced,
                "backup": done.backup, "lost": done.lost}, text)
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
    out.result(data, say("demo", id=event.id, name=event.name))
    return 0
