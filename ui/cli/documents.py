"""export: the event's documents (certificates, Daftar Hadir, Berita Acara, public roster)."""

from __future__ import annotations

from ui.cli.common import CommandError, open_event, secret, unlock, write_failed

EXPORT_KINDS = {
    # --what: (module, builder) ; certificates are handled apart
    "certificates": ("pledges.certificates", ""),
    "attendance": ("pledges.attendance", "build_attendance_xlsx"),
    "attendance-pdf": ("pledges.attendance", "build_attendance_pdf"),
    "attendance-blank": ("pledges.attendance", "build_attendance_blank_pdf"),
    "minutes": ("pledges.minutes", "build_minutes_pdf"),
    "public": ("pledges.public_roster", "build_public_pdf"),
    "public-csv": ("pledges.public_roster", "build_public_csv"),
}


def pdf_signer(args, store, key, city: str):
    """The ``sign`` function for ``export --pades``: the seal key (``key``, or unlocked now) with
    its certificate, or the identity in ``--p12`` (password: IKRAR_P12_PASSPHRASE or asked)."""
    from pledges.pades import PadesError, load_p12, pdf_signer

    if args.what != "certificates":
        raise CommandError("usage", "--pades dan --p12 hanya untuk --what certificates", 2)
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


def cmd_export(args, out) -> int:
    import importlib
    from pathlib import Path

    from pledges.documents import collect
    from pledges.files import write_atomically

    store, event = open_event(args)
    record = collect(store, event.id)
    module_name, builder = EXPORT_KINDS[args.what]
    module = importlib.import_module(module_name)
    key = None
    if args.what == "certificates" and any(
            s.id not in record.seals for s in record.signatures.values()):
        # Signatures made before the key was unlocked: seal them now (asks the passphrase).
        from pledges.seal import seal_pending

        key = unlock(store)
        seal_pending(store, key, event.id)
        record = collect(store, event.id)
    sign = (pdf_signer(args, store, key, record.event.city) if args.pades or args.p12
            else None)
    try:
        if args.what == "certificates":
            if args.combined:
                module.write_certificates_combined(args.out, record, sign=sign)
                files = [args.out]
            else:
                Path(args.out).mkdir(parents=True, exist_ok=True)
                files = [str(p) for p in module.write_certificates_separate(args.out, record,
                                                                            sign=sign)]
        else:
            write_atomically(args.out, getattr(module, builder)(record))
            files = [args.out]
    except OSError as error:
        raise write_failed(error) from error
    except ValueError as error:  # nothing to put in it, e.g. nobody signed yet
        raise CommandError("nothing_to_export", str(error)) from error
    from pledges.documents import record_export

    record_export(store, event.id, args.what, files)
    out.result({"event_id": event.id, "what": args.what, "files": files},
               f"{len(files)} berkas dibuat: " + (files[0] if len(files) == 1
                                                  else f"{len(files)} di {args.out}"))
    return 0
