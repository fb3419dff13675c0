"""roster import / list."""

from __future__ import annotations

from ui.cli.common import CommandError, open_event, write_failed


def cmd_roster_import(args, out) -> int:
    from events.roster_import import RosterFileError, plan_for_event, write_problems_csv

    store, event = open_event(args)
    if event.archived:
        raise CommandError("event_archived", f"Acara #{event.id} diarsipkan; keluarkan dari "
                           "arsip dulu untuk mengubah daftar pesertanya.")
    try:
        plan = plan_for_event(store, event.id, args.file)
    except RosterFileError as error:
        raise CommandError(error.code, error.message) from error
    if args.problems:
        try:
            write_problems_csv(args.problems, plan.problems)
        except OSError as error:
            raise write_failed(error) from error
    people = plan.good_attendees()
    if not args.dry_run and people:
        # One transaction: all good rows, or none; the audit trail names the file.
        store.add_attendees(event.id, people, source_file=plan.path.name,
                            file_sha256=plan.sha256)
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
        "sha256": plan.sha256,
        "already_imported": plan.earlier_import is not None,
        "problems_file": args.problems or None,
    }
    text = plan.summary()
    if not people and plan.earlier_import is not None:
        # The same file again: a warning, and everyone on it is already on the roster.
        raise CommandError("already_imported", text + "\nFile ini sudah pernah diimpor; "
                           "tidak ada peserta baru.", **data)
    if not people:
        raise CommandError("nothing_imported", text + "\nTidak ada baris yang dapat diimpor.",
                           **data)
    verb = "Tidak disimpan (--dry-run)." if args.dry_run else f"Diimpor: {imported} peserta."
    out.result(data, text + "\n" + verb)
    return 0


def cmd_roster_list(args, out) -> int:
    from events.ids import format_nip

    store, event = open_event(args)
    people = store.list_attendees(event.id)
    lines = [f"{a.id:>5}  {a.name:<40.40} {a.category.label:<27} {format_nip(a.nip):<21} {a.unit}"
             for a in people] or ["Belum ada peserta."]
    out.result({"event_id": event.id, "attendees": [a.to_dict() for a in people]},
               "\n".join(lines))
    return 0
