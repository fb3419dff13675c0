"""The proof: the seal keys (key create / list / export / import), seal, verify, and the audit
trail (audit verify / show)."""

from __future__ import annotations

import sys
from typing import Any

from ui.cli.common import (
    domain_text,
    domain_tr,
    moment,
    open_event,
    open_store,
    passphrase,
    say,
    tr,
    unlock,
    write_failed,
)


def cmd_key_create(args, out) -> int:
    from pledges.keys import create_key

    store = open_store(args)
    key = create_key(store, passphrase(confirm=True), args.label)
    out.result({"fingerprint": key.display},
               say("key_created", key=key.display))
    return 0


def cmd_key_list(args, out) -> int:
    from pledges.keys import key_info, list_keys

    store = open_store(args)
    keys = list_keys(store)
    sealing = key_info(store)
    rows = [{"fingerprint": k.display, "label": k.label, "created_at": moment(k.created_at),
             "can_seal": k.has_private,
             "sealing": sealing is not None and k.fingerprint == sealing.fingerprint}
            for k in keys]

    def role(row: dict) -> str:
        return say("role_sealing" if row["sealing"] else
                   "role_private" if row["can_seal"] else "role_public")

    lines = [f"{r['fingerprint']}  {role(r)}  {r['created_at']}  {r['label']}" for r in rows]
    out.result({"keys": rows}, "\n".join(lines) or say("no_keys"))
    return 0


def cmd_key_export(args, out) -> int:
    from pledges.keys import export_public_key, format_fingerprint

    store = open_store(args)
    try:
        fingerprint = export_public_key(store, args.out)
    except OSError as error:
        raise write_failed(error) from error
    out.result({"fingerprint": format_fingerprint(fingerprint), "out": args.out},
               say("key_exported", key=format_fingerprint(fingerprint), out=args.out))
    return 0


def cmd_key_import(args, out) -> int:
    from pledges.keys import add_public_key, format_fingerprint

    store = open_store(args)
    fingerprint = format_fingerprint(add_public_key(store, args.file, args.label))
    out.result({"fingerprint": fingerprint}, say("key_imported", key=fingerprint))
    return 0


def cmd_seal(args, out) -> int:
    from pledges.seal import seal_pending

    store, event = open_event(args)
    key = unlock(store)
    count = seal_pending(store, key, event.id)
    out.result({"event_id": event.id, "sealed": count, "key": key.display},
               say("sealed", count=count, key=key.display))
    return 0


def verdict_message(verdict) -> str:
    """A verdict's message (pledges.verify.Verdict.message) in the answers' language."""
    from pledges import verify
    from pledges.keys import format_fingerprint

    r = verdict.record
    if verdict.status == verify.ALTERED and verdict.field in verify.ALTERED_FILE:
        return domain_tr(verify.ALTERED_FILE[verdict.field])
    if verdict.detail in verify.UNREADABLE_DETAILS:
        detail = say(verdict.detail)
    elif verdict.detail in verify.UNPROVEN_DETAILS:
        detail = domain_tr(verify.UNPROVEN_DETAILS[verdict.detail])
    else:
        detail = verdict.detail
    field = say("seal_contents") if verdict.field == "seal" else tr(verdict.field_label)
    return domain_text(
        verify.MESSAGES[verdict.status], name=r.attendee_name if r else "",
        event=r.event_name if r else "", time=verdict.signed_time, field=field,
        key=format_fingerprint(r.key) if r else "", detail=detail)


def report_message(report) -> str:
    """An audit report's message (pledges.audit.AuditReport.message) in the answers'
    language."""
    from pledges.audit import MESSAGES

    key = report.problem or "intact"
    detail = report.detail if report.problem else str(report.entries)
    return domain_text(MESSAGES[key], seq=report.seq, detail=detail)


VERIFY_EXIT = {"authentic": 0, "unreadable": 1, "altered": 3, "unknown_key": 4, "unproven": 5}


def cmd_verify(args, out) -> int:
    from pledges import verify
    from pledges.seal import as_code

    stored = zones = None
    by_code = None
    if args.key:
        from pledges.keys import read_public_key_file

        fingerprint, public = read_public_key_file(args.key)
        keys = {fingerprint: public}
    else:
        from pledges.keys import known_public_keys
        from pledges.seal import seal_by_code, stored_lookup

        store = open_store(args)
        keys = known_public_keys(store)
        stored = stored_lookup(store)
        zones = verify.zone_lookup(store)

        def by_code(code: str) -> bytes | None:
            return seal_by_code(store, code)

    if args.code is not None or args.file is None:
        verdicts = [verify.verify_code(args.code or "", keys, by_code, stored)]
    elif args.file == "-":
        text = sys.stdin.read()
        if as_code(text) is not None:  # the short code printed under the QR code
            verdicts = [verify.verify_code(text, keys, by_code, stored)]
        else:
            verdicts = [verify.verify_seal(text, keys, stored)]
    else:
        verdicts = verify.verify_file(args.file, keys, stored)
    if zones is not None:
        verify.with_zones(verdicts, zones)
    worst = verify.overall(verdicts)
    data = worst.as_dict() | {"message": verdict_message(worst),
                              "pages": [v.as_dict() | {"message": verdict_message(v)}
                                        for v in verdicts]}
    lines = [(say("page", page=v.page) if v.page and len(verdicts) > 1 else "")
             + verdict_message(v) for v in verdicts]
    out.result(data, "\n".join(lines))
    return VERIFY_EXIT[worst.status]


def cmd_audit_verify(args, out) -> int:
    from pledges.audit import verify_chain

    store, event = open_event(args)
    trusted = None
    if args.key:
        from pledges.keys import read_public_key_file

        fingerprint, public = read_public_key_file(args.key)
        trusted = {fingerprint: public}
    report = verify_chain(store, event.id, expected_head=args.head, trusted_keys=trusted)
    message = report_message(report)
    out.result({"event_id": event.id} | report.as_dict() | {"message": message}, message)
    return 0 if report.intact else 3


def cmd_audit_checkpoint(args, out) -> int:
    from pledges.audit import checkpoint

    store, event = open_event(args)
    key = unlock(store)
    seq = checkpoint(store, key, event.id)
    out.result({"event_id": event.id, "seq": seq, "key": key.display},
               say("checkpointed", key=key.display, seq=seq))
    return 0


def cmd_audit_show(args, out) -> int:
    from datetime import datetime

    from events.dates import stamp
    from pledges.audit import ACTION_LABELS, audit_entries

    store, event = open_event(args)
    rows: list[dict[str, Any]] = []
    for entry in audit_entries(store, event.id):
        body = entry.content
        at = body.get("at")
        # "at" as the trail holds it (hashed); "time" on the event's clock.
        rows.append({"seq": entry.seq, "at": at,
                     "time": stamp(datetime.fromisoformat(at), event) if at else None,
                     "action": body.get("action"),
                     "by": body.get("by"), "place": body.get("place"),
                     "data": body.get("data"), "hash": entry.hash})
    lines = [f"{r['seq']:>5}  {r['time'] or '':<20}  "
             f"{domain_tr(ACTION_LABELS.get(r['action'], r['action']))}"
             + (f"  ({r['place']})" if r["place"] else "") for r in rows]
    out.result({"event_id": event.id, "entries": rows}, "\n".join(lines))
    return 0
