"""roster import / list."""

from __future__ import annotations

from ui.cli.common import (
    CommandError,
    domain_tr,
    open_event,
    refilled,
    refused,
    say,
    write_failed,
)


def summary(plan) -> str:
    """What the import found (events.roster_import.ImportPlan.summary), in the answers'
    language."""
    from events.roster_import.problems import FIELD_LABELS

    form = plan.format.upper()
    if plan.format == "csv":
        form = say("roster_csv", format=form, encoding=plan.encoding,
                   delimiter=repr(plan.delimiter))
    lines = [say("roster_file", name=plan.path.name, format=form)]
    for s in plan.sheets:
        if not s.include:
            lines.append(say("roster_sheet_skipped", name=s.name))
            continue
        span = f"{s.first_data_row}-{s.last_data_row}" if s.data_rows else "-"
        lines.append(say("roster_sheet", name=s.name, header=s.header_row, span=span,
                         rows=s.data_rows))
    if plan.raw is not None and plan.raw.hidden_sheets:
        lines.append(say("roster_hidden", sheets=", ".join(plan.raw.hidden_sheets)))
    lines.append(say("roster_ready", count=len(plan.good)))
    lines += [f"  {domain_tr(cat.label)}: {n}" for cat, n in plan.by_category.items()]
    warned = len({(p.sheet, p.row) for p in plan.warnings if p.row is not None})
    lines.append(say("roster_refused", errors=plan.error_rows, warned=warned))
    for p in plan.problems:
        where = p.sheet if p.row is None else say("roster_row", sheet=p.sheet, row=p.row)
        if p.column:
            where = say("roster_column", where=where, column=p.column)
            label = FIELD_LABELS.get(p.field or "", p.field or "")
            where += f" ({domain_tr(label)})" if label else ""
        lines.append(say("roster_error" if p.is_error else "roster_warning", where=where,
                         message=refilled(p.code, p.message)))
    return "\n".join(lines)


def cmd_roster_import(args, out) -> int:
    from events.roster_import import RosterFileError, plan_for_event, write_problems_csv

    store, event = open_event(args)
    if event.archived:
        raise CommandError("event_archived", say("roster_archived", id=event.id))
    try:
        plan = plan_for_event(store, event.id, args.file)
    except RosterFileError as error:
        raise refused(error) from error
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
        "problems": [p.to_dict() | {"message": refilled(p.code, p.message)}
                     for p in plan.problems],
        "sheets": [s.to_dict() for s in plan.sheets],
        "sha256": plan.sha256,
        "already_imported": plan.earlier_import is not None,
        "problems_file": args.problems or None,
    }
    text = summary(plan)
    if not people and plan.earlier_import is not None:
        # The same file again: a warning, and everyone on it is already on the roster.
        raise CommandError("already_imported", text + "\n" + say("already_imported"), **data)
    if not people:
        raise CommandError("nothing_imported", text + "\n" + say("nothing_imported"), **data)
    verb = say("dry_run") if args.dry_run else say("imported", count=imported)
    out.result(data, text + "\n" + verb)
    return 0


def cmd_roster_list(args, out) -> int:
    from events.ids import format_nip

    store, event = open_event(args)
    people = store.list_attendees(event.id)
    lines = [f"{a.id:>5}  {a.name:<40.40} {domain_tr(a.category.label):<27} "
             f"{format_nip(a.nip):<21} {a.unit}" for a in people] or [say("no_attendees")]
    out.result({"event_id": event.id, "attendees": [a.to_dict() for a in people]},
               "\n".join(lines))
    return 0
