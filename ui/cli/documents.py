"""export: the event's documents (certificates, Daftar Hadir, Berita Acara, public roster)."""

from __future__ import annotations

from ui.cli.common import (
    TEXTS,
    CommandError,
    domain_tr,
    open_event,
    refused,
    say,
    secret,
    unlock,
    write_failed,
)


def pdf_signer(args, store, key, city: str):
    """The ``sign`` function for ``export --pades``: the seal key (``key``, or unlocked now) with
    its certificate, or the identity in ``--p12`` (password: IKRAR_P12_PASSPHRASE or asked)."""
    from pledges.pades import PadesError, load_p12, pdf_signer

    if args.what != "certificates":
        raise CommandError("usage", say("p12_only_certificates"), 2)
    try:
        if args.p12:
            password = secret("IKRAR_P12_PASSPHRASE", "Kata sandi berkas .p12: ",
                              TEXTS["p12_passphrase"])
            identity = load_p12(args.p12, password)
        else:
            identity = key or unlock(store)
        return pdf_signer(identity, location=city)
    except PadesError as error:
        raise refused(error) from error


def _scope(args):
    from pledges.documents.export import EVERYONE, LastMinutes, OnePerson

    if args.last_minutes is not None:
        return LastMinutes(args.last_minutes)
    if args.attendee is not None:
        return OnePerson(args.attendee)
    return EVERYONE


def _check_out(args) -> None:
    """--out names a file (a folder for certificates one file each), before anything is read."""
    from pathlib import Path

    if not args.out.strip():
        raise CommandError("usage", say("out_empty"), 2)
    folder = args.what == "certificates" and not args.combined
    path = Path(args.out)
    if folder and path.exists() and not path.is_dir():
        raise CommandError("usage", say("out_is_file", out=args.out), 2)
    if not folder and path.is_dir():
        raise CommandError("usage", say("out_is_folder", out=args.out,
                                        example=path / "dokumen"), 2)


def cmd_export(args, out) -> int:
    """One thin call of the shared export pipeline (pledges.documents.export), as the window's
    Dokumen menu makes it."""
    from pledges.documents.export import SealKeyNeeded, export, seal_if_needed

    _check_out(args)
    store, event = open_event(args)
    key = None
    from pledges.keys import key_info

    if event.is_demo and not args.p12 and key_info(store) is None:
        # The demo event, before the organizer has a key of their own, uses its own demo key
        # (its passphrase is public): nothing to type.
        from pledges.demo import demo_key

        key = demo_key(store)
    try:
        seal_if_needed(store, event.id, args.what, key)
    except SealKeyNeeded:  # signatures made before the key was unlocked: seal them now
        key = unlock(store)
    if args.no_pades and (args.pades or args.p12):
        raise CommandError("usage", say("no_pades_conflict"), 2)
    # Certificate files are digitally signed unless --no-pades says not to.
    signed = args.pades or args.p12 or (args.what == "certificates" and not args.no_pades)
    if signed and not args.p12 and key is None:
        key = unlock(store)  # signs the PDFs, and the audit trail's head with the export
    sign = pdf_signer(args, store, key, event.city) if signed else None
    try:
        result = export(store, event.id, args.what, args.out, scope=_scope(args), key=key,
                        sign=sign, combined=args.combined)
    except OSError as error:
        raise write_failed(error) from error
    except ValueError as error:  # nothing to put in it, e.g. nobody signed yet
        raise CommandError("nothing_to_export", domain_tr(str(error))) from error
    files = [str(f) for f in result.files]
    out.result({"event_id": event.id, "what": args.what, "files": files},
               say("exported_one", file=files[0]) if len(files) == 1
               else say("exported_many", count=len(files), out=args.out))
    return 0
