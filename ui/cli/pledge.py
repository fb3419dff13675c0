"""pledge list / show / use (the pledge's text) and signature list / render."""

from __future__ import annotations

from ui.cli.common import CommandError, domain_tr, open_event, say, write_failed


def cmd_pledge_list(args, out) -> int:
    from pledges.texts import CONSENT_VERSION, TEMPLATE_LABELS, TEMPLATES, version_hash

    templates = [{"key": key, "label": TEMPLATE_LABELS[key], "hash": version_hash(text),
                  "title": text.title, "points": len(text.points)}
                 for key, text in TEMPLATES.items()]
    lines = [say("template_line", key=f"{t['key']:<22}", hash=t["hash"],
                 label=domain_tr(str(t["label"])), points=t["points"]) for t in templates]
    out.result({"templates": templates, "consent_version": CONSENT_VERSION}, "\n".join(lines))
    return 0


def cmd_pledge_show(args, out) -> int:
    from pledges.texts import versions

    store, event = open_event(args)
    found = versions(store, event.id)
    current = found[-1] if found else None
    earlier = found[:-1]
    data = {"event_id": event.id, "current": current.to_dict() if current else None,
            "earlier": [v.to_dict(full=False) for v in reversed(earlier)]}
    if current is None:
        out.result(data, say("no_pledge", id=event.id))
        return 0
    state = (say("pledge_locked", count=current.signature_count) if current.locked
             else say("pledge_unsigned"))
    lines = [say("pledge_version", hash=current.hash, state=state), "", current.text.title,
             current.text.opening]
    lines += current.text.numbered()
    if current.text.closing:
        lines.append(current.text.closing)
    if earlier:
        lines += ["", say("pledge_earlier")]
        lines += [f"  {v.hash}  {v.text.title}" + (say("locked_tag") if v.locked else "")
                  for v in reversed(earlier)]
    out.result(data, "\n".join(lines))
    return 0


def cmd_pledge_use(args, out) -> int:
    from pledges.texts import TEMPLATES, use_template

    if args.template not in TEMPLATES:
        raise CommandError("unknown_template", say("unknown_template", template=args.template,
                                                   choices=", ".join(TEMPLATES)))
    store, event = open_event(args)
    version = use_template(store, event.id, args.template)
    out.result({"event_id": event.id, "current": version.to_dict()},
               say("pledge_used", id=event.id, title=version.text.title, hash=version.hash))
    return 0


def cmd_signature_list(args, out) -> int:
    from pledges.signatures import current_signatures, witness_signature

    store, event = open_event(args)
    people = store.list_attendees(event.id)
    signed = current_signatures(store, event.id)
    witness = witness_signature(store, event.id)
    from events.dates import at_time

    lines = [f"{a.id:>5}  {a.name:<40.40} "
             + (f"{at_time(signed[a.id].signed_at, event)} {signed[a.id].place}"
                if a.id in signed else say("not_yet")) for a in people]
    lines.append(say("signature_totals", witness=say("done" if witness else "not_yet"),
                     signed=len(signed), total=len(people)))
    out.result({"event_id": event.id,
                "signed": [signed[a.id].to_dict(event) for a in people if a.id in signed],
                "unsigned": [a.id for a in people if a.id not in signed],
                "witness": witness.to_dict(event) if witness else None}, "\n".join(lines))
    return 0


def cmd_signature_render(args, out) -> int:
    from pathlib import Path

    from pledges.signatures import current_signature, witness_signature

    store, event = open_event(args)
    if args.attendee.lower() in ("saksi", "witness"):
        record, who = witness_signature(store, event.id), say("witness")
    else:
        try:
            attendee_id = int(args.attendee)
            if not 0 < attendee_id < 2**63:
                raise ValueError(attendee_id)
        except ValueError:
            raise CommandError("bad_attendee", say("bad_attendee", value=repr(args.attendee)),
                               exit_code=2) from None
        person = store.get_attendee(attendee_id)
        if person.event_id != event.id:
            raise CommandError("attendee_not_found",
                               say("attendee_not_in_event", attendee=attendee_id, id=event.id))
        record, who = current_signature(store, event.id, attendee_id), person.name
    if record is None:
        raise CommandError("not_signed", say("not_signed", who=who, id=event.id))
    if args.width < 16 or args.width > 4000:
        raise CommandError("bad_width", say("bad_width"), exit_code=2)
    png = record.render_png(args.width, background=args.background)
    try:
        Path(args.out).write_bytes(png)
    except OSError as error:
        raise write_failed(error) from error
    out.result({"event_id": event.id, "out": args.out, "bytes": len(png),
                "signature": record.to_dict(event)},
               say("signature_written", who=who, out=args.out))
    return 0
