"""export: the event's documents (certificates, Daftar Hadir, Berita Acara, public roster)."""

from __future__ import annotations

from ui.cli.common import CommandError, open_event, secret, unlock, write_failed


def pdf_signer(args, store, key, city: str):
    """The ``sign`` function for ``export --pades``: the seal key (``key``, or unlocked now) with
    its certificate, or the identity in ``--p12`` (password: IKRAR_P12_PASSPHRASE or asked)."""
    from pledges.pades import PadesError, load_p12, pdf_signer

    if args.what != "certificates":
        raise CommandError("usage",
                           "--pades dan --p12 hanya untuk --what statements (certificates)", 2)
    try:
        if args.p12:
            password = secret("IKRAR_P12_PASSPHRASE", "Kata sandi berkas .p12: ",
                              "Kata sandi berkas .p12")
            identity = load_p12(args.p12, password)
        else:
            identity = key or unlock(store)
        return pdf_signer(identity, location=city)
    except PadesError as error:
        raise CommandError(error.code, error.message) from error


def _scope(args):
    from pledges.documents.export import EVERYONE, LastMinutes, OnePerson

    if args.last_minutes is not None:
        return LastMinutes(args.last_minutes)
    if args.attendee is not None:
        return OnePerson(args.attendee)
    return EVERYONE


def cmd_export(args, out) -> int:
    """One thin call of the shared export pipeline (pledges.documents.export), as the window's
    Dokumen menu makes it."""
    from pledges.documents.export import SealKeyNeeded, export, seal_if_needed

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
        raise CommandError("usage", "--no-pades tidak dapat digabung dengan --pades atau --p12",
                           2)
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
        raise CommandError("nothing_to_export", str(error)) from error
    files = [str(f) for f in result.files]
    out.result({"event_id": event.id, "what": args.what, "files": files},
               f"{len(files)} berkas dibuat: " + (files[0] if len(files) == 1
                                                  else f"{len(files)} di {args.out}"))
    return 0
