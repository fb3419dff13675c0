"""Checking a certificate PDF's digital signature (the PAdES signature of pledges/pades.py).

Verification reads the raw bytes, not the PDF's object structure, so what is checked is exactly
what a reader would show: a signature dictionary's ``/ByteRange`` names the bytes the signature
covers, the gap between its two ranges must be the ``/Contents`` hex string and nothing else,
the CMS signature in it must hold over those bytes (its ``messageDigest`` and the signature over
its signed attributes), and its certificate must be vouched for by a seal key known here
(pledges.keys.binding_of). When the covered bytes are the whole file, every byte of it (every
page, every drawing, image, font and annotation) is as the organizer signed it. When a valid
signature covers only a first part of the file, something was appended after signing (an
incremental update): that first part is the signed revision, and the pages that look different
in the file as it is can be named (:func:`changed_pages`).

No Qt here; pyHanko is not needed (it takes longer to import than a whole verification).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from pledges.keys import binding_of

__all__ = ["PdfSignature", "changed_pages", "check_pdf_signature"]

NONE = "none"  # no signature at all
BROKEN = "broken"  # a signature that does not hold over the bytes it names
WHOLE = "whole"  # holds, and covers the whole file
PARTIAL = "partial"  # holds over a first part: bytes were added after it

_BYTE_RANGE = re.compile(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]")
_HEX = re.compile(rb"<([0-9A-Fa-f]*)>")
_HASHES: dict[str, type[hashes.SHA256 | hashes.SHA384 | hashes.SHA512]] = {
    "sha256": hashes.SHA256, "sha384": hashes.SHA384, "sha512": hashes.SHA512}


@dataclass(frozen=True)
class PdfSignature:
    """What a PDF's digital signature says.

    Attributes:
        status: "none", "broken", "whole" or "partial".
        signer: the fingerprint of the seal key that vouches for the signer ("" if none does).
        signer_name: the signing certificate's common name.
        signed_length: how many bytes from the start the signature covers (its revision).
    """

    status: str
    signer: str = ""
    signer_name: str = ""
    signed_length: int = 0


def _common_name(certificate: x509.Certificate) -> str:
    names = certificate.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    return str(names[0].value) if names else certificate.subject.rfc4514_string()


def _verify_cms(cms_der: bytes, covered: bytes) -> x509.Certificate | None:
    """The signer's certificate when the CMS SignedData holds over ``covered``, else None."""
    from asn1crypto import cms

    try:
        info = cms.ContentInfo.load(cms_der)
        length = len(info.dump())
        if info["content_type"].native != "signed_data" or any(cms_der[length:]):
            return None  # anything after the signature in its room is not the signer's
        signed = info["content"]
        if len(signed["signer_infos"]) != 1:
            return None
        signer = signed["signer_infos"][0]
        if signer["unsigned_attrs"].native:
            return None
        digest_name = signer["digest_algorithm"]["algorithm"].native
        attrs = signer["signed_attrs"]
        if digest_name not in _HASHES or not len(attrs):
            return None
        digest = hashlib.new(digest_name, covered).digest()
        sent = [a["values"][0].native for a in attrs if a["type"].native == "message_digest"]
        if sent != [digest]:
            return None
        sid = signer["sid"]
        certificate = None
        for choice in signed["certificates"] or []:
            candidate = choice.chosen
            if sid.name == "issuer_and_serial_number":
                match = (candidate.issuer == sid.chosen["issuer"]
                         and candidate.serial_number == sid.chosen["serial_number"].native)
            else:
                match = candidate.key_identifier == sid.chosen.native
            if match:
                certificate = x509.load_der_x509_certificate(candidate.dump())
                break
        if certificate is None or not _names_certificate(attrs, candidate.dump()):
            return None
        to_sign = b"\x31" + attrs.dump(force=False)[1:]  # [0] IMPLICIT -> SET OF, as signed
        signature = signer["signature"].native
        algorithm = signer["signature_algorithm"]["algorithm"].native
        public = certificate.public_key()
        chosen = _HASHES[digest_name]()
        if isinstance(public, ec.EllipticCurvePublicKey):
            public.verify(signature, to_sign, ec.ECDSA(chosen))
        elif isinstance(public, ed25519.Ed25519PublicKey):
            public.verify(signature, to_sign)
        elif isinstance(public, rsa.RSAPublicKey):
            if algorithm == "rsassa_pss":
                params = signer["signature_algorithm"]["parameters"]
                pss_hash = _HASHES.get(params["hash_algorithm"]["algorithm"].native)
                if pss_hash is None:
                    return None
                public.verify(signature, to_sign, padding.PSS(
                    padding.MGF1(pss_hash()), params["salt_length"].native), pss_hash())
            else:
                public.verify(signature, to_sign, padding.PKCS1v15(), chosen)
        else:
            return None
        return certificate
    except (InvalidSignature, UnsupportedAlgorithm, ValueError, TypeError, KeyError,
            IndexError, AttributeError):
        return None


def _names_certificate(attrs: object, certificate_der: bytes) -> bool:
    """Whether the signed attributes name this very certificate (ESS signing-certificate-v2,
    which PAdES requires): a certificate changed in the file is not the one signed."""
    for attribute in attrs:  # type: ignore[attr-defined]
        if attribute["type"].native == "signing_certificate_v2":
            for cert_id in attribute["values"][0]["certs"]:
                algorithm = cert_id["hash_algorithm"]["algorithm"].native
                if algorithm in _HASHES and cert_id["cert_hash"].native == hashlib.new(
                        algorithm, certificate_der).digest():
                    return True
    return False


def check_pdf_signature(data: bytes, keys: dict[str, Ed25519PublicKey]) -> PdfSignature:
    """The strongest thing the file's signatures prove: a known organizer's signature over the
    whole file, then a known organizer's over a first part (bytes were added after it), then
    anyone else's signature over the whole file or a part, then a broken one."""
    best = PdfSignature(NONE)

    def rank(found: PdfSignature) -> tuple[int, int]:
        order = {NONE: 0, BROKEN: 1, PARTIAL: 2, WHOLE: 3}[found.status]
        return (found.status in (WHOLE, PARTIAL) and bool(found.signer), order)

    for match in _BYTE_RANGE.finditer(data):
        start, first, second, length = (int(g) for g in match.groups())
        found = _check_one(data, start, first, second, length, keys)
        if rank(found) > rank(best):
            best = found
    return best


def _check_one(data: bytes, start: int, first: int, second: int, length: int,
               keys: dict[str, Ed25519PublicKey]) -> PdfSignature:
    end = second + length
    if start != 0 or not 0 < first < second <= end <= len(data):
        return PdfSignature(BROKEN)
    gap = _HEX.fullmatch(data[first:second])
    if gap is None:
        return PdfSignature(BROKEN)
    try:
        cms_der = bytes.fromhex(gap.group(1).decode("ascii"))
    except ValueError:
        return PdfSignature(BROKEN)
    certificate = _verify_cms(cms_der, data[:first] + data[second:end])
    if certificate is None:
        return PdfSignature(BROKEN)
    signer = binding_of(certificate, keys) or ""
    status = WHOLE if end == len(data) else PARTIAL
    return PdfSignature(status, signer, _common_name(certificate), end)


def changed_pages(signed: bytes, current: bytes) -> list[int]:
    """The pages (1-based) of ``current`` that look different from the signed revision
    ``signed`` (rendered at 72 dpi), and every page added or removed."""
    import pypdfium2 as pdfium

    try:
        before = pdfium.PdfDocument(signed)
        after = pdfium.PdfDocument(current)
    except pdfium.PdfiumError:
        return []
    try:
        changed = []
        for index in range(max(len(before), len(after))):
            if index >= len(before) or index >= len(after):
                changed.append(index + 1)
                continue
            images = []
            for document in (before, after):
                page = document[index]
                try:
                    images.append(page.render(scale=1.0, grayscale=True).to_pil().tobytes())
                finally:
                    page.close()
            if images[0] != images[1]:
                changed.append(index + 1)
        return changed
    finally:
        before.close()
        after.close()
