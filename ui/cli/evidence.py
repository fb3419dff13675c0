"""The proof: the seal keys (key create / list / export / import), seal, verify, and the audit
trail (audit verify / show)."""

from __future__ import annotations

import sys
from typing import Any

from ui.cli.common import moment, open_event, open_store, passphrase, unlock, write_failed


def cmd_key_create(args, out) -> int:
    from pledges.keys import create_key

    store = open_store(args)
    key = create_key(store, passphrase(confirm=True), args.label)
    out.result({"fingerprint": key.display},
               f"Kunci segel dibuat: {key.display}. Simpan kata sandinya: tanpa itu kunci ini "
               "tidak dapat dipakai.")
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
        return "segel " if row["sealing"] else ("privat" if row["can_seal"] else "publik")

    lines = [f"{r['fingerprint']}  {role(r)}  {r['created_at']}  {r['label']}" for r in rows]
    out.result({"keys": rows}, "\n".join(lines) or "Belum ada kunci segel.")
    return 0


def cmd_key_export(args, out) -> int:
    from pledges.keys import export_public_key, format_fingerprint

    store = open_store(args)
    try:
        fingerprint = export_public_key(store, args.out)
    except OSError as error:
        raise write_failed(error) from error
    out.result({"fingerprint": format_fingerprint(fingerprint), "out": args.out},
               f"Kunci publik {format_fingerprint(fingerprint)} disimpan di {args.out}")
    return 0


def cmd_key_import(args, out) -> int:
    from pledges.keys import add_public_key, format_fingerprint

    store = open_store(args)
    fingerprint = format_fingerprint(add_public_key(store, args.file, args.label))
    out.result({"fingerprint": fingerprint}, f"Kunci publik {fingerprint} dikenali")
    return 0


def cmd_seal(args, out) -> int:
    from pledges.seal import seal_pending

    store, event = open_event(args)
    key = unlock(store)
    count = seal_pending(store, key, event.id)
    out.result({"event_id": event.id, "sealed": count, "key": key.display},
               f"{count} tanda tangan disegel dengan kunci {key.display}")
    return 0


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
    data = worst.as_dict() | {"pages": [v.as_dict() for v in verdicts]}
    lines = [(f"Halaman {v.page}: " if v.page and len(verdicts) > 1 else "") + v.message
             for v in verdicts]
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
    out.result({"event_id": event.id} | report.as_dict(), report.message)
    return 0 if report.intact else 3


def cmd_audit_checkpoint(args, out) -> int:
    from pledges.audit import checkpoint

    store, event = open_event(args)
    key = unlock(store)
    seq = checkpoint(store, key, event.id)
    out.result({"event_id": event.id, "seq": seq, "key": key.display},
               f"Kepala jejak audit ditandatangani kunci segel {key.display} (entri ke-{seq})")
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
             f"{ACTION_LABELS.get(r['action'], r['action'])}"
             + (f"  ({r['place']})" if r["place"] else "") for r in rows]
    out.result({"event_id": event.id, "entries": rows}, "\n".join(lines))
    return 0
