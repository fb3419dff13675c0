"""Verifying a certificate offline: its QR code's seal, and the text printed around it.

The answer is one of four:

- ``authentic``: the seal's Ed25519 signature holds under a known public key, and (for a PDF)
  the name, NIP and pledge text printed on the page are the sealed ones;
- ``altered``: the seal does not hold, or the printed text disagrees with it; ``field`` says
  which field (when the sealing database is at hand, the seal is compared with the stored one to
  name the field of a damaged seal too);
- ``unknown_key``: a well-formed seal made with a key that is not known here (pass the
  organizer's public key file);
- ``unreadable``: no Ikrar seal could be read (no QR code found, not an Ikrar QR, damaged).

Nothing here needs the database: ``keys`` maps fingerprints to public keys (from
:func:`pledges.keys.known_public_keys`, or a public key file).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
    nip_digest,
    open_seal,
    short_code,
    words_digest,
)

if TYPE_CHECKING:
    from PIL.Image import Image as PILImage
    from pypdfium2 import PdfPage

__all__ = ["AUTHENTIC", "ALTERED", "UNKNOWN_KEY", "UNREADABLE", "Verdict", "overall",
           "verify_file", "verify_image", "verify_pdf", "verify_seal"]

Lookup = Callable[[str, str], SealRecord | None]

AUTHENTIC = "authentic"
ALTERED = "altered"
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
}

UNREADABLE_DETAILS = {
    "no_qr": "tidak ditemukan kode QR",
    "not_ikrar": "kode QR ini bukan segel Ikrar",
    "damaged": "segel pada kode QR rusak",
    "no_file": "berkas tidak dapat dibuka",
    "not_pdf": "berkas bukan PDF atau gambar yang dapat dibaca",
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
    """

    status: str
    record: SealRecord | None = None
    field: str | None = None
    detail: str = ""
    page: int | None = None
    visible_checked: bool = False
    code: str = ""
    differences: list[str] = dataclasses.field(default_factory=list)

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
        return MESSAGES[self.status].format(
            name=r.attendee_name if r else "", event=r.event_name if r else "",
            time=stamp(r.signed_at) if r else "",
            field=self.field_label, key=format_fingerprint(r.key) if r else "",
            detail=UNREADABLE_DETAILS.get(self.detail, self.detail))

    def as_dict(self) -> dict[str, Any]:
        r = self.record
        data: dict[str, Any] = {"status": self.status, "message": self.message, "field": self.field,
                "page": self.page, "visible_text_checked": self.visible_checked,
                "short_code": self.code}
        if self.status == UNREADABLE:
            data["detail"] = self.detail
        if r is not None:
            data["record"] = {
                "key": format_fingerprint(r.key), "event_uid": r.event_uid,
                "event_name": r.event_name, "event_date": r.event_date.isoformat(),
                "attendee_token": r.attendee_token, "name": r.attendee_name,
                "category": r.category, "nip_sha256": r.nip_sha256,
                "pledge_hash": r.pledge_hash, "text_sha256": r.text_sha256,
                "strokes_sha256": r.strokes_sha256,
                "signed_at": r.signed_at.isoformat(), "place": r.place, "operator": r.operator,
            }
        return data


# How bad each answer is, for the answer about a whole file: a page that was changed matters most,
# then one sealed with a key not known here, then one that could not be read.
SEVERITY = {AUTHENTIC: 0, UNREADABLE: 1, UNKNOWN_KEY: 2, ALTERED: 3}


def overall(verdicts: list[Verdict]) -> Verdict:
    """The answer for a whole file (e.g. every page of a PDF): its worst page by
    :data:`SEVERITY`, the first of them when several are as bad."""
    return max(verdicts, key=lambda v: SEVERITY[v.status])


# -- the seal -----------------------------------------------------------------------------------


def verify_seal(data: str | bytes, keys: dict[str, Ed25519PublicKey],
                stored: Lookup | None = None) -> Verdict:
    """Check a seal (bytes, or the QR text). ``stored(event uid, attendee token)`` gives the
    record as sealed in the database (pledges.seal.stored_lookup), to name the field of a seal
    that fails."""
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
        original = stored(record.event_uid, record.attendee_token) if stored else None
        if original is not None:
            verdict.differences = record.differences(original)
            if verdict.differences:
                verdict.field = verdict.differences[0]
        return verdict
    return Verdict(AUTHENTIC, record, code=code)


def _code_of(text: str) -> str:
    try:
        import base45

        return short_code(base45.b45decode(text.strip()[len(QR_PREFIX):]))
    except (ValueError, KeyError):
        return ""


# -- what a page shows ---------------------------------------------------------------------------



def compare_visible(record: SealRecord, page_text: str) -> str | None:
    """The first sealed field the printed text contradicts (None when it shows all of them)."""
    words = page_text.split()
    name = record.attendee_name.split()
    # A certificate prints the name and the NIP twice (the identity rows and the signer's
    # block): both copies must be the sealed ones, so a forger cannot edit just one.
    if name and _own_lines(page_text, name) < PRINTED_TWICE:
        return "attendee_name"
    if record.nip_sha256:
        matching = [line for line in _NIP_LINE.findall(page_text)
                    if nip_digest(line) == record.nip_sha256]
        if len(matching) < PRINTED_TWICE:
            return "nip_sha256"
    n = record.text_words
    if n and not any(words_digest(words[i:i + n]) == record.text_sha256
                     for i in range(0, max(0, len(words) - n) + 1)):
        return "text_sha256"
    return None


def _own_lines(text: str, name: list[str]) -> int:
    """How many times the name is printed as whole lines (it may wrap): a name with a word
    added before or after it ("Budi Santoso, S.E., M.M.") is another name."""
    pattern = (r"(?:^|(?<=[\r\n]))[ \t]*" + r"\s+".join(map(re.escape, name))
               + r"[ \t]*(?=[\r\n]|$)")
    return len(re.findall(pattern, text))


PRINTED_TWICE = 2
# A line that is a NIP: 18 digits, grouped 8-6-1-3 or not, after "NIP." or alone.
_NIP_LINE = re.compile(r"(?m)^[ \t]*(?:NIP\.?[ \t]*)?(\d{8}[ \t]?\d{6}[ \t]?\d[ \t]?\d{3})"
                       r"[ \t]*\r?$")


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
    """One verdict per page of a certificate PDF (a page without a QR code is "unreadable")."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(str(path))
    except (pdfium.PdfiumError, OSError):
        return [Verdict(UNREADABLE, detail="not_pdf")]
    verdicts: list[Verdict] = []
    try:
        for index in range(len(document)):
            page = document[index]
            try:
                verdicts.append(_verify_page(page, keys, stored, index + 1))
            finally:
                page.close()
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
    if verdict.status == AUTHENTIC and verdict.record is not None:
        textpage = page.get_textpage()
        try:
            printed: str = textpage.get_text_bounded()
        finally:
            textpage.close()
        verdict.visible_checked = True
        wrong = compare_visible(verdict.record, printed)
        if wrong:
            verdict.status, verdict.field = ALTERED, wrong
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
