"""Verifying a certificate offline: its QR code's seal, and for a PDF its digital signature.

The answer is one of five:

- ``authentic``: the seal's Ed25519 signature holds under a known public key, and (for a PDF)
  the file's digital signature holds over every byte of the file and was made by a key that a
  known seal key vouches for (pledges/pdf_signature.py), so nothing on any page differs from
  what the organizer issued: no text, drawing, image, overlay, page or update added, removed or
  changed;
- ``altered``: the seal does not hold, or the PDF's digital signature does not hold, or bytes
  were added after it (then the pages that look different are named); ``field`` says which
  field (when the sealing database is at hand, the seal is compared with the stored one to
  name the field of a damaged seal too);
- ``unproven``: the QR code's seal holds, but the PDF carries no digital signature of a known
  organizer (a file made unsigned, or whose signature was removed): what its pages show cannot
  be proven, only the sealed record (which the answer carries, to compare with the page);
- ``unknown_key``: a well-formed seal made with a key that is not known here (pass the
  organizer's public key file);
- ``unreadable``: no Ikrar seal could be read (no QR code found, not an Ikrar QR, damaged).

Nothing here needs the database: ``keys`` maps fingerprints to public keys (from
:func:`pledges.keys.known_public_keys`, or a public key file).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from events.dates import stamp
from events.files import MAX_QR_TEXT_BYTES, MAX_VERIFY_BYTES, read_limited
from events.i18n import QT_TRANSLATE_NOOP
from pledges.keys import format_fingerprint
from pledges.seal import (
    DOMAIN,
    FIELD_LABELS,
    QR_PREFIX,
    SealFormatError,
    SealRecord,
    open_seal,
    short_code,
)

if TYPE_CHECKING:
    from PIL.Image import Image as PILImage
    from pypdfium2 import PdfPage

    from events.store import Store

__all__ = ["AUTHENTIC", "ALTERED", "UNKNOWN_KEY", "UNPROVEN", "UNREADABLE", "Verdict", "overall",
           "verify_code", "verify_file", "verify_image", "verify_pdf", "verify_seal",
           "with_zones", "zone_lookup"]

Lookup = Callable[[SealRecord], SealRecord | None]

AUTHENTIC = "authentic"
ALTERED = "altered"
UNPROVEN = "unproven"
UNKNOWN_KEY = "unknown_key"
UNREADABLE = "unreadable"

MESSAGES = {
    AUTHENTIC: QT_TRANSLATE_NOOP("Texts", "ASLI: {name} menandatangani ikrar pada acara "
                                 "\"{event}\", {time}"),
    ALTERED: QT_TRANSLATE_NOOP("Texts", "DIUBAH: {field} tidak sesuai dengan segel"),
    UNKNOWN_KEY: QT_TRANSLATE_NOOP("Texts", "KUNCI TIDAK DIKENAL: sertifikat ini disegel dengan "
                                   "kunci {key}; gunakan kunci publik penyelenggara untuk "
                                   "memeriksanya"),
    UNREADABLE: QT_TRANSLATE_NOOP("Texts", "TIDAK TERBACA: {detail}"),
    UNPROVEN: QT_TRANSLATE_NOOP("Texts", "TIDAK TERBUKTI: segel kode QR sah ({name}, acara "
                                "\"{event}\"), tetapi {detail}; isi halaman tidak dapat "
                                "dibuktikan, bandingkan dengan isi segel"),
}

UNPROVEN_DETAILS = {
    "no_pdf_signature": QT_TRANSLATE_NOOP("Texts", "berkas PDF ini tidak bertanda tangan "
                                          "digital"),
    "unknown_pdf_signer": QT_TRANSLATE_NOOP("Texts", "tanda tangan digital berkas ini bukan "
                                            "dari kunci segel yang dikenal"),
}

UNREADABLE_DETAILS = {
    "no_qr": "tidak ditemukan kode QR",
    "not_ikrar": "kode QR ini bukan segel Ikrar",
    "damaged": "segel pada kode QR rusak",
    "no_file": "berkas tidak dapat dibuka",
    "not_pdf": "berkas bukan PDF atau gambar yang dapat dibaca",
    "unknown_code": "kode verifikasi ini tidak ada di basis data ini (periksa di daftar publik "
                    "penyelenggara, atau pindai kode QR-nya)",
}

# What was changed in a PDF file, beyond the seal's fields (FIELD_LABELS): said whole.
ALTERED_FILE = {
    "pdf_signature": QT_TRANSLATE_NOOP("Texts", "DIUBAH: berkas ini diubah setelah "
                                       "ditandatangani secara digital (tanda tangan digitalnya "
                                       "tidak cocok lagi dengan isinya)"),
    "after_signature": QT_TRANSLATE_NOOP("Texts", "DIUBAH: ada isi yang ditambahkan ke berkas "
                                         "ini setelah tanda tangan digitalnya"),
    "page": QT_TRANSLATE_NOOP("Texts", "DIUBAH: halaman ini berbeda dari yang ditandatangani "
                              "secara digital"),
}


@dataclass
class Verdict:
    """One certificate's answer.

    Attributes:
        status: authentic, altered, unknown_key or unreadable.
        record: the sealed record when one was read (also when altered or of an unknown key).
        field: for "altered", the first field that disagrees (a SealRecord field name, or
            "seal" when the seal itself fails and nothing says which field changed).
        detail: for "unreadable", a key of UNREADABLE_DETAILS; else free text.
        page: the PDF page (1-based), when from a PDF.
        visible_checked: the printed text was compared with the seal (PDF pages only).
        zone: the event's time zone when this database knows the event (times are then shown
            in it); None shows the sealed time with its own offset (the event's zone for
            seals made since events have one).
    """

    status: str
    record: SealRecord | None = None
    field: str | None = None
    detail: str = ""
    page: int | None = None
    visible_checked: bool = False
    code: str = ""
    differences: list[str] = dataclasses.field(default_factory=list)
    zone: str | None = None

    @property
    def signed_time(self) -> str:
        """"02-11-2024 08.42 WIB": when the sealed signature was made ("" without a record)."""
        if self.record is None:
            return ""
        return stamp(self.record.signed_at, self.zone)

    @property
    def authentic(self) -> bool:
        return self.status == AUTHENTIC

    @property
    def field_label(self) -> str:
        if self.field == "seal":
            return "isi segel"
        return FIELD_LABELS.get(self.field or "", self.field or "")

    @property
    def message(self) -> str:
        r = self.record
        if self.status == ALTERED and self.field in ALTERED_FILE:
            return ALTERED_FILE[self.field or ""]
        return MESSAGES[self.status].format(
            name=r.attendee_name if r else "", event=r.event_name if r else "",
            time=self.signed_time,
            field=self.field_label, key=format_fingerprint(r.key) if r else "",
            detail=UNREADABLE_DETAILS.get(self.detail, UNPROVEN_DETAILS.get(self.detail,
                                                                           self.detail)))

    def as_dict(self) -> dict[str, Any]:
        r = self.record
        data: dict[str, Any] = {"status": self.status, "message": self.message, "field": self.field,
                "page": self.page, "visible_text_checked": self.visible_checked,
                "short_code": self.code}
        if self.status in (UNREADABLE, UNPROVEN):
            data["detail"] = self.detail
        if self.differences:
            data["differences"] = self.differences
        if r is not None:
            data["record"] = {
                "format": r.format, "key": format_fingerprint(r.key), "event_uid": r.event_uid,
                "event_name": r.event_name, "event_date": r.event_date.isoformat(),
                "name": r.attendee_name, "category": r.category,
                "pledge_hash": r.pledge_hash, "text_sha256": r.text_sha256,
                "strokes_sha256": r.strokes_sha256, "signed_at": r.signed_at.isoformat(),
                "signed_time": self.signed_time,
            }
            if r.format == 1:
                data["record"] |= {"attendee_token": r.attendee_token,
                                   "nip_sha256": r.nip_sha256, "place": r.place,
                                   "operator": r.operator}
            else:
                data["record"] |= {
                    "nip": r.nip, "golongan": r.golongan, "jabatan": r.jabatan,
                    "unit": r.unit, "institution": r.institution,
                    "organizer_unit": r.organizer_unit, "city": r.city,
                    "witness_title": r.witness_title, "witness_name": r.witness_name,
                    "witness_nip": r.witness_nip, "pledge_title": r.pledge_title,
                    "number": r.number}
        return data


# How bad each answer is, for the answer about a whole file: a page that was changed matters most,
# then one sealed with a key not known here, then one that could not be read.
SEVERITY = {AUTHENTIC: 0, UNREADABLE: 1, UNPROVEN: 2, UNKNOWN_KEY: 2, ALTERED: 3}


def overall(verdicts: list[Verdict]) -> Verdict:
    """The answer for a whole file (e.g. every page of a PDF): its worst page by
    :data:`SEVERITY`, the first of them when several are as bad."""
    return max(verdicts, key=lambda v: SEVERITY[v.status])


# -- the seal -----------------------------------------------------------------------------------


def verify_seal(data: str | bytes, keys: dict[str, Ed25519PublicKey],
                stored: Lookup | None = None) -> Verdict:
    """Check a seal (bytes, or the QR text). ``stored(record)`` gives the record as sealed in
    the database (pledges.seal.stored_lookup), to name the field of a seal that fails."""
    if isinstance(data, str) and not data.strip().upper().startswith(QR_PREFIX):
        return Verdict(UNREADABLE, detail="not_ikrar")
    try:
        record, signed, signature = open_seal(data)
    except SealFormatError:
        return Verdict(UNREADABLE, detail="damaged")
    code = short_code(data) if isinstance(data, bytes) else _code_of(data)
    public = keys.get(record.key)
    if public is None:
        return Verdict(UNKNOWN_KEY, record, code=code)
    try:
        public.verify(signature, DOMAIN + signed)
    except InvalidSignature:
        verdict = Verdict(ALTERED, record, "seal", code=code)
        original = stored(record) if stored else None
        if original is not None:
            verdict.differences = record.differences(original)
            if verdict.differences:
                verdict.field = verdict.differences[0]
        return verdict
    return Verdict(AUTHENTIC, record, code=code)


def zone_lookup(store: Store) -> Callable[[str], str | None]:
    """A function event uid -> that event's time zone in this database (None: not here)."""
    from events import schema

    events = schema.events

    def lookup(uid: str) -> str | None:
        with store.connection() as conn:
            zone: str | None = conn.execute(
                sa.select(events.c.time_zone).where(events.c.uid == uid)).scalar()
        return zone

    return lookup


def with_zones(verdicts: list[Verdict], zones: Callable[[str], str | None]) -> list[Verdict]:
    """The verdicts, each told in its event's zone where ``zones`` knows the event."""
    for verdict in verdicts:
        if verdict.record is not None:
            verdict.zone = zones(verdict.record.event_uid)
    return verdicts


def verify_code(code: str, keys: dict[str, Ed25519PublicKey],
                seal_for_code: Callable[[str], bytes | None] | None,
                stored: Lookup | None = None) -> Verdict:
    """Check the short code printed under a certificate's QR code ("ABCDE-FGHIJ"): the seal
    with that code in the organizer's database (``seal_for_code``:
    :func:`pledges.seal.seal_by_code`) is verified as :func:`verify_seal` does, and its record
    is the answer's (what the certificate should show)."""
    from pledges.seal import as_code

    wanted = as_code(code)
    sealed = seal_for_code(code) if wanted and seal_for_code is not None else None
    if sealed is None:
        return Verdict(UNREADABLE, detail="unknown_code" if wanted else "not_ikrar",
                       code=wanted or "")
    return verify_seal(sealed, keys, stored)


def _code_of(text: str) -> str:
    try:
        import base45

        return short_code(base45.b45decode(text.strip()[len(QR_PREFIX):]))
    except (ValueError, KeyError):
        return ""


# -- what a page shows ---------------------------------------------------------------------------


def _decode_qr(image: PILImage) -> list[str]:
    import zxingcpp

    found = zxingcpp.read_barcodes(
        image, formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode))
    return [b.text for b in found if b.valid]


def _pick(texts: list[str]) -> str | None:
    ours = [t for t in texts if t.strip().upper().startswith(QR_PREFIX)]
    return ours[0] if ours else (texts[0] if texts else None)


def verify_pdf(path: str | Path, keys: dict[str, Ed25519PublicKey],
               stored: Lookup | None = None) -> list[Verdict]:
    """One verdict per page of a certificate PDF (a page without a QR code is "unreadable"):
    each page's QR seal, and the file's digital signature (see the module's docstring)."""
    import pypdfium2 as pdfium

    from pledges.pdf_signature import BROKEN, NONE, PARTIAL, changed_pages, check_pdf_signature

    try:
        data = Path(path).read_bytes()
        document = pdfium.PdfDocument(data)
    except (pdfium.PdfiumError, OSError):
        return [Verdict(UNREADABLE, detail="not_pdf")]
    signature = check_pdf_signature(data, keys)
    changed: list[int] = []
    if signature.status == PARTIAL:
        changed = changed_pages(data[:signature.signed_length], data)
    verdicts: list[Verdict] = []
    try:
        for index in range(len(document)):
            page = document[index]
            try:
                verdict = _verify_page(page, keys, stored, index + 1)
            finally:
                page.close()
            if signature.status == BROKEN and verdict.status != ALTERED:
                # Whatever the page shows, the file is not what was signed.
                verdict.status, verdict.field = ALTERED, "pdf_signature"
            elif signature.status == PARTIAL and verdict.status != ALTERED:
                verdict.status = ALTERED
                verdict.field = "page" if index + 1 in changed else "after_signature"
            elif verdict.status == AUTHENTIC and (signature.status == NONE
                                                  or not signature.signer):
                verdict.status = UNPROVEN
                verdict.detail = ("no_pdf_signature" if signature.status == NONE
                                  else "unknown_pdf_signer")
            if signature.status == PARTIAL:
                verdict.differences = [f"page {n}" for n in changed]
            verdict.visible_checked = verdict.status == AUTHENTIC
            verdicts.append(verdict)
    finally:
        document.close()
    return verdicts or [Verdict(UNREADABLE, detail="no_qr")]


# pypdfium2 has no type information: a page is what it is, its results are typed here.
def _verify_page(page: PdfPage, keys: dict[str, Ed25519PublicKey], stored: Lookup | None,
                 number: int) -> Verdict:
    width: float
    height: float
    width, height = page.get_size()
    # The certificate's QR code sits in the lower left quarter: look there at a fine scale
    # first (fast), then over the whole page.
    text = None
    for scale, crop in ((4.0, (0, 0, width * 0.55, height * 0.7)), (3.0, (0, 0, 0, 0))):
        bitmap = page.render(scale=scale, crop=crop, grayscale=True)
        image: PILImage = bitmap.to_pil()
        text = _pick(_decode_qr(image))
        if text is not None:
            break
    if text is None:
        return Verdict(UNREADABLE, detail="no_qr", page=number)
    verdict = verify_seal(text, keys, stored)
    verdict.page = number
    return verdict


MAX_IMAGE_PIXELS = 60_000_000  # a 60-megapixel photo; larger is a bomb, not a certificate


def verify_image(path: str | Path, keys: dict[str, Ed25519PublicKey],
                 stored: Lookup | None = None) -> Verdict:
    """A photo or scan of a certificate: its QR code only (the printed text is not read)."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:  # the header only: the size is known before decoding
            if image.width * image.height > MAX_IMAGE_PIXELS:
                return Verdict(UNREADABLE, detail="not_pdf")
            image.load()
            texts = _decode_qr(image.convert("L"))
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError):
        return Verdict(UNREADABLE, detail="not_pdf")
    text = _pick(texts)
    if text is None:
        return Verdict(UNREADABLE, detail="no_qr")
    return verify_seal(text, keys, stored)


def verify_file(path: str | Path, keys: dict[str, Ed25519PublicKey],
                stored: Lookup | None = None) -> list[Verdict]:
    """A certificate PDF (every page), an image of one, or a text file holding the QR text."""
    path = Path(path)
    try:
        # A device or a pipe (/dev/zero) has no size to check: only regular files are read.
        if not path.exists():
            return [Verdict(UNREADABLE, detail="no_file")]
        if not path.is_file() or path.stat().st_size > MAX_VERIFY_BYTES:
            return [Verdict(UNREADABLE, detail="not_pdf")]
        with path.open("rb") as handle:
            head = handle.read(8)
        if head.upper().startswith(QR_PREFIX.encode()):
            text = read_limited(path, MAX_QR_TEXT_BYTES).decode("utf-8", "replace")
    except OSError:
        return [Verdict(UNREADABLE, detail="no_file")]
    if head.startswith(b"%PDF"):
        return verify_pdf(path, keys, stored)
    if head.upper().startswith(QR_PREFIX.encode()):
        return [verify_seal(text, keys, stored)]
    return [verify_image(path, keys, stored)]
