"""backup and restore: the whole database in one checked file, and back."""

from __future__ import annotations

from ui.cli.common import CommandError, open_store, say, write_failed


def cmd_backup(args, out) -> int:
    from pledges.backup import backup, backup_generation

    if not args.out and not args.folder:
        raise CommandError("usage", say("backup_where"), 2)
    if args.out is not None and not args.out.strip():
        raise CommandError("usage", say("backup_out_empty"), 2)
    store = open_store(args)
    try:
        if args.folder:
            result = backup_generation(store, args.folder, keep=args.keep)
        else:
            from pathlib import Path

            if Path(args.out).is_dir():
                raise CommandError("usage", say("backup_out_folder", out=args.out), 2)
            result = backup(store, args.out)
    except OSError as error:
        raise write_failed(error) from error
    finally:
        store.close()
    text = say("backed_up", path=result.path, events=result.events, entries=result.entries,
               kb=result.size // 1024, seconds=f"{result.seconds:.2f}")
    if result.removed:
        text += say("backups_removed", count=len(result.removed))
    out.result({"file": str(result.path), "events": result.events,
                "audit_entries": result.entries, "bytes": result.size,
                "seconds": round(result.seconds, 3),
                "removed": [str(p) for p in result.removed]}, text)
    return 0


def cmd_restore(args, out) -> int:
    from pledges.backup import restore
    from pledges.transfer import default_backup_folder

    store = open_store(args)
    keep_in = args.backup_dir or default_backup_folder()
    try:
        result = restore(store, args.file, keep_in)
    except OSError as error:
        raise write_failed(error) from error
    finally:
        store.close()
    text = say("restored", location=store.location, file=args.file, events=result.events)
    if result.previous:
        text += say("restore_previous", previous=result.previous)
    out.result({"database": store.location, "events": result.events,
                "previous": str(result.previous) if result.previous else None}, text)
    return 0
