"""checkin / checkin-undo at a named desk, and the invitation cards whose QR the desk scans."""

from __future__ import annotations

from events.ids import digits
from ui.cli import common
from ui.cli.common import TEXTS, CommandError, domain_tr, open_event, refused, say, tr, write_failed


def desk_and_person(args):
    """The desk for ``args`` and the one attendee named by --nip, --token or --name."""
    from events.checkins import AmbiguousAttendee, CheckInError, Desk

    store, event = open_event(args)
    desk = Desk(store, event.id, desk=args.desk, operator=args.operator)
    try:
        if args.token is not None:
            person = desk.find_by_token(args.token)
        elif args.nip is not None:
            person = desk.find_by_nip(args.nip)
        else:
            person = desk.find_by_name(args.name)
    except AmbiguousAttendee as error:
        raise refused(error, total=error.total,
                      candidates=[a.to_dict() for a in error.candidates]) from error
    except CheckInError as error:
        raise refused(error) from error
    return desk, person


def cmd_checkin(args, out) -> int:
    from events.checkins import AlreadyCheckedIn, CheckInError, Method

    desk, person = desk_and_person(args)
    try:
        checkin = desk.check_in(person.id, Method.CLI)
    except AlreadyCheckedIn as already:
        first = already.existing
        where = tr(TEXTS["where"]).format(desk=first.desk) if first.desk else ""
        text = tr(TEXTS["already"]).format(time=f"{first.time_in(desk.zone)} {desk.zone}",
                                           where=where, name=person.name)
        message = already.message if common.LANGUAGE == "id" else text
        out.result({"status": "already", "message": message,
                    "attendee": person.to_dict(), "first": first.to_dict(desk.zone)}, text)
        return 3
    except CheckInError as error:
        raise refused(error) from error
    from events.dates import clock_seconds, outside_day_text

    zone = desk.zone
    where = tr(TEXTS["where"]).format(desk=checkin.desk) if checkin.desk else ""
    text = tr(TEXTS["checked_in"]).format(
        time=f"{clock_seconds(checkin.checked_in_at, zone)} {zone}", where=where,
        name=person.name)
    # Taken on another day than the event's: still recorded, and said.
    other_day = desk.outside_event_day(checkin.checked_in_at)
    outside = {"outside_event_day": other_day is not None,
               "event_date": desk.event_date.isoformat()}
    if other_day is not None:
        warning = outside_day_text(other_day, desk.event_date)
        if common.LANGUAGE != "id":
            warning = say("outside_day", day=other_day.strftime("%A, %d %B %Y"),
                          event_day=desk.event_date.strftime("%A, %d %B %Y"))
        outside["warning"] = warning
        text += "\n" + tr(TEXTS["attention"]).format(warning=warning)
    out.result({"status": "checked_in", "attendee": person.to_dict(),
                "checkin": checkin.to_dict(zone), **outside}, text)
    return 0



def cmd_checkin_undo(args, out) -> int:
    from events.checkins import CheckInError

    desk, person = desk_and_person(args)
    try:
        undone = desk.undo(attendee_id=person.id, reason=args.reason)
    except CheckInError as error:
        raise refused(error) from error
    out.result({"status": "undone", "attendee": person.to_dict(),
                "checkin": undone.to_dict(desk.zone)},
               tr(TEXTS["undone"]).format(time=f"{undone.time_in(desk.zone)} {desk.zone}",
                                          reason=undone.undo_reason, name=person.name))
    return 0


def cmd_invitations(args, out) -> int:
    from events.ids import check_nip
    from pledges.documents.invitations import InvitationError, write_invitations

    store, event = open_event(args)
    people = store.list_attendees(event.id)
    if args.nip:
        wanted = {check_nip(n).digits or digits(n)
                  for n in args.nip}
        people = [p for p in people if p.nip in wanted]
        missing = wanted - {p.nip for p in people}
        if missing:
            raise CommandError("attendee_not_found",
                               say("nip_not_here", nips=", ".join(sorted(missing))))
    try:
        write_invitations(args.out, event, people)
    except InvitationError as error:
        raise CommandError("invitations_failed", domain_tr(str(error))) from error
    except OSError as error:
        raise write_failed(error) from error
    out.result({"event_id": event.id, "out": args.out, "cards": len(people)},
               say("invitations", count=len(people), out=args.out))
    return 0
