"""Digitally signing a certificate PDF (PAdES baseline B-B, with pyHanko), so PDF readers show
the file as signed by the organizer.

The signature is invisible (nothing on the page changes) and is one per file: a combined PDF of
a thousand pages gets one signature over the whole file. It is added as an incremental update
to the finished PDF's bytes, before the file is written (:func:`pdf_signer` gives the
``sign`` callable that :func:`pledges.documents.certificates.write_certificates_combined` and
``write_certificates_separate`` take).

Two identities can sign:

- the organizer's seal key (pledges/keys.py), the default: through the ECDSA P-256 key derived
  from it (:func:`pledges.keys.pdf_identity`), whose self-signed certificate carries the seal
  key's signature over it. poppler and Adobe Reader validate the signature as intact ("valid
  signature, unknown signer": a self-signed certificate is trusted only by a reader told to
  trust it), and Ikrar's verification (pledges/verify.py) knows the signer from the seal key's
  public half alone;
- the organizer's own certificate from a certification authority, imported from a PKCS#12 file
  (.p12/.pfx) with :func:`load_p12`: RSA (2048 bits and more) or ECDSA keys, which every
  reader verifies.

This signature is a second, independent layer: the verification QR code on each page (the seal,
pledges/seal.py) still holds and verifies as before.

No Qt here.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO
from typing import TYPE_CHECKING, NoReturn

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, rsa
from cryptography.hazmat.primitives.asymmetric.types import CertificatePublicKeyTypes
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from events.files import MAX_P12_BYTES, read_limited
from events.i18n import QT_TRANSLATE_NOOP
from pledges.keys import SealKey

if TYPE_CHECKING:
    from pyhanko.sign.signers import SimpleSigner

__all__ = [
    "FIELD_NAME", "MESSAGES", "REASON", "PadesError", "SignerIdentity", "identity_of",
    "load_p12", "pdf_signer", "sign_pdf",
]

FIELD_NAME = "TandaTanganPenyelenggara"
REASON = "Sertifikat ikrar diterbitkan dan ditandatangani secara elektronik oleh penyelenggara"
MIN_RSA_BITS = 2048

MESSAGES = {
    "no_certificate": QT_TRANSLATE_NOOP("Texts", "Kunci segel {detail} belum memiliki sertifikat "
                                        "X.509; buat kunci segel baru atau gunakan berkas "
                                        "sertifikat .p12"),
    "certificate_mismatch": QT_TRANSLATE_NOOP("Texts", "Sertifikat tidak cocok dengan kunci "
                                              "penanda tangan"),
    "p12_unreadable": QT_TRANSLATE_NOOP("Texts", "Berkas sertifikat tidak dapat dibaca: {detail}"),
    "p12_not_p12": QT_TRANSLATE_NOOP("Texts", "Berkas ini bukan berkas sertifikat PKCS#12 "
                                     "(.p12/.pfx)"),
    "p12_wrong_password": QT_TRANSLATE_NOOP("Texts", "Kata sandi berkas sertifikat .p12 salah"),
    "p12_unsupported": QT_TRANSLATE_NOOP("Texts", "Berkas .p12 memakai enkripsi yang tidak "
                                         "didukung: {detail}"),
    "p12_no_key": QT_TRANSLATE_NOOP("Texts", "Berkas .p12 tidak berisi kunci privat; gunakan "
                                    "berkas yang berisi kunci privat dan sertifikatnya"),
    "p12_no_certificate": QT_TRANSLATE_NOOP("Texts", "Berkas .p12 tidak berisi sertifikat untuk "
                                            "kuncinya"),
    "unsuitable_key": QT_TRANSLATE_NOOP("Texts", "Kunci ini tidak dapat dipakai untuk "
                                        "menandatangani PDF: {detail}"),
    "not_signing_certificate": QT_TRANSLATE_NOOP("Texts", "Sertifikat ini tidak diizinkan untuk "
                                                 "tanda tangan digital (key usage)"),
    "certificate_not_valid_now": QT_TRANSLATE_NOOP("Texts", "Sertifikat {detail}"),
    "not_pdf": QT_TRANSLATE_NOOP("Texts", "PDF tidak dapat ditandatangani: {detail}"),
}


class PadesError(ValueError):
    """Nothing was signed. ``code`` is a key of MESSAGES; ``str()`` is the Indonesian message."""

    messages = MESSAGES

    def __init__(self, code: str, detail: str = ""):
        self.code = code
        self.detail = detail
        super().__init__(MESSAGES[code].format(detail=detail))

    @property
    def message(self) -> str:
        return str(self)


# The kinds of private key PDF readers accept for a signature.
SigningKey = (ed25519.Ed25519PrivateKey | ed448.Ed448PrivateKey | rsa.RSAPrivateKey
              | ec.EllipticCurvePrivateKey)


@dataclass(frozen=True)
class SignerIdentity:
    """A private key with its certificate (and the certificates up to a root, if any)."""

    private: SigningKey
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...] = ()

    @property
    def name(self) -> str:
        """The certificate's common name (what readers show as the signer)."""
        names = self.certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
        return str(names[0].value) if names else self.certificate.subject.rfc4514_string()


# --- identities ----------------------------------------------------------------------------------

def _public_der(key: CertificatePublicKeyTypes) -> bytes:
    return key.public_bytes(serialization.Encoding.DER,
                            serialization.PublicFormat.SubjectPublicKeyInfo)


def _refuse_kind(private: object) -> NoReturn:
    raise PadesError("unsuitable_key", f"jenis kunci {type(private).__name__} tidak didukung")


def _check(identity: SignerIdentity, at: datetime | None = None) -> SignerIdentity:
    """Refuse a key readers would reject, a certificate of another key, or one not usable now."""
    private = identity.private
    if isinstance(private, rsa.RSAPrivateKey):
        if private.key_size < MIN_RSA_BITS:
            raise PadesError("unsuitable_key",
                             f"RSA {private.key_size} bit terlalu lemah (minimal {MIN_RSA_BITS})")
    elif not isinstance(private, SigningKey):
        _refuse_kind(private)
    if _public_der(private.public_key()) != _public_der(identity.certificate.public_key()):
        raise PadesError("certificate_mismatch")
    try:
        usage = identity.certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        usage = None
    if usage is not None and not (usage.digital_signature or usage.content_commitment):
        raise PadesError("not_signing_certificate")
    at = at or datetime.now(UTC)
    start = identity.certificate.not_valid_before_utc
    end = identity.certificate.not_valid_after_utc
    if at < start:
        raise PadesError("certificate_not_valid_now",
                         f"baru berlaku mulai {start:%d-%m-%Y}")
    if at > end:
        raise PadesError("certificate_not_valid_now", f"sudah kedaluwarsa pada {end:%d-%m-%Y}")
    return identity


def identity_of(key: SealKey | SignerIdentity, certificate: x509.Certificate | None = None,
                chain: Iterable[x509.Certificate] = ()) -> SignerIdentity:
    """The identity that signs: the seal key with its self-signed certificate (or the given
    ``certificate`` of the same key), or an imported identity as it is.

    Raises:
        PadesError: no certificate, a certificate of another key, or one not usable now.
    """
    chain = tuple(chain)
    if isinstance(key, SignerIdentity):
        identity = SignerIdentity(key.private, certificate or key.certificate,
                                  chain or key.chain)
    elif certificate is not None:  # the Ed25519 seal key itself, with a certificate of it
        identity = SignerIdentity(key.private, certificate, chain)
    else:
        private, derived = key.pdf_identity()
        identity = SignerIdentity(private, derived, chain)
    return _check(identity)


def _is_pkcs12(data: bytes) -> bool:
    """Whether ``data`` has the outer structure of a PKCS#12 file (PFX, version 3)."""
    from asn1crypto import pkcs12 as asn1_pkcs12

    try:
        pfx = asn1_pkcs12.Pfx.load(data, strict=True)
        return pfx["version"].native == "v3" and pfx["auth_safe"]["content_type"].native in (
            "data", "signed_data")
    except (ValueError, TypeError, KeyError):
        return False


def load_p12(path: str | os.PathLike[str], passphrase: str | None) -> SignerIdentity:
    """The organizer's own key and certificate (e.g. from a certification authority) from a
    PKCS#12 file, with the other certificates in it as the chain.

    Raises:
        PadesError: unreadable file, not PKCS#12, wrong password, no key or certificate in it,
            a key not fit for signing (DSA, RSA under 2048 bits), a certificate not for
            signatures or not valid today.
    """
    try:
        data = read_limited(path, MAX_P12_BYTES)
    except OSError as error:
        raise PadesError("p12_unreadable", error.strerror or str(error)) from None
    if not _is_pkcs12(data):
        raise PadesError("p12_not_p12")
    password = (passphrase or "").encode("utf-8")
    # A file made without a password may have an empty one or none at all (no MAC).
    for attempt in (password, None) if password else (b"", None):
        try:
            private, certificate, others = pkcs12.load_key_and_certificates(data, attempt)
            break
        except ValueError:
            continue
        except UnsupportedAlgorithm as error:
            raise PadesError("p12_unsupported", str(error).splitlines()[0][:120]) from None
    else:
        raise PadesError("p12_wrong_password")
    if private is None:
        raise PadesError("p12_no_key")
    if certificate is None:
        raise PadesError("p12_no_certificate")
    if not isinstance(private, SigningKey):
        _refuse_kind(private)
    return _check(SignerIdentity(private, certificate, tuple(others)))


# --- signing -------------------------------------------------------------------------------------

def _pyhanko_signer(identity: SignerIdentity) -> SimpleSigner:
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    def cert(c: x509.Certificate) -> asn1_x509.Certificate:
        return asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER))

    key_info = asn1_keys.PrivateKeyInfo.load(identity.private.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    signing_cert = cert(identity.certificate)
    # pyhanko-certvalidator leaves this constructor unannotated.
    registry = SimpleCertificateStore.from_certs(  # type: ignore[no-untyped-call]
        [signing_cert, *(cert(c) for c in identity.chain)])
    return signers.SimpleSigner(
        signing_cert=signing_cert, signing_key=key_info, cert_registry=registry)


def _room(identity: SignerIdentity) -> int:
    """Room reserved for the CMS signature, in hex digits (two a byte): the certificates it
    carries and ample room for the rest (signer info, attributes, a signature of up to 4096
    bits). Given, so pyHanko does not make a trial signature to estimate it (that is half the
    time of signing a one-page file)."""
    certificates = (identity.certificate, *identity.chain)
    return 2 * (4096 + sum(len(c.public_bytes(serialization.Encoding.DER))
                           for c in certificates))


def _archival_classes() -> tuple[type, type]:
    """pyHanko's incremental writer and PDF signer, adjusted so that a PDF/A-2b file
    (pledges/documents/pdfa.py) stays one once signed:

    - the document information's ``/Producer`` and the XMP's ``pdf:Producer`` say the same
      (pyHanko appends its name to the first and writes only its name into the second;
      PDF/A wants the two equal), "<producer>; pyHanko <version>" in both;
    - the file stays PDF 1.7, the base of PDF/A-2: only the ESIC extension (PAdES in PDF 1.7)
      is declared. pyHanko declares ISO/TS 32002 for an ECDSA P-256 key (the seal key's PDF
      identity), which raises the catalog's version to 2.0; the CMS signature is the same
      either way, and PAdES (ETSI EN 319 142) takes ECDSA."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.metadata import model, xmp_xml
    from pyhanko.sign import fields, signers

    class Writer(IncrementalPdfFileWriter):
        def _update_meta(self) -> None:
            super()._update_meta()  # type: ignore[no-untyped-call]
            try:  # (the root's get() would hand back the reference, not the stream)
                stream = self.root["/Metadata"]
            except KeyError:
                return
            info = (self._info.get_object()  # type: ignore[no-untyped-call]
                    if self._info is not None else None)
            if (info is None or "/Producer" not in info
                    or not isinstance(stream, xmp_xml.MetadataStream)):
                return
            producer = model.XmpValue(str(info["/Producer"]))
            stream._xmp = [model.XmpStructure({**dict(part), model.PDF_PRODUCER: producer})
                           if model.PDF_PRODUCER in dict(part) else part
                           for part in stream.xmp]
            stream._reserialise()
            stream._encoded_data = None

    class Signer(signers.PdfSigner):
        def register_extensions(self, pdf_out: object, *, md_algorithm: str) -> None:
            if self.signature_meta.subfilter == fields.SigSeedSubFilter.PADES:
                pdf_out.ensure_output_version(version=(1, 7))  # type: ignore[attr-defined]
                from pyhanko.sign.signers import constants

                pdf_out.register_extension(constants.ESIC_EXTENSION_1)  # type: ignore[attr-defined]

    return Writer, Signer


def _sign_with(pdf_bytes: bytes, signer: SimpleSigner, name: str, reason: str, location: str,
               room: int) -> bytes:
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.sign import fields, signers

    writer_class, signer_class = _archival_classes()
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME, reason=reason or None, location=location or None,
        name=name or None, subfilter=fields.SigSeedSubFilter.PADES)
    try:
        writer = writer_class(BytesIO(pdf_bytes), strict=False)
        if writer.prev.encrypted:
            raise PadesError("not_pdf", "PDF terenkripsi")
        output: BytesIO = signer_class(meta, signer=signer).sign_pdf(
            writer, bytes_reserved=room, output=BytesIO())
    except PdfError as error:
        raise PadesError("not_pdf", str(error)[:120]) from None
    return output.getvalue()


def pdf_signer(key: SealKey | SignerIdentity, *, reason: str = REASON, location: str = "",
               certificate: x509.Certificate | None = None,
               chain: Iterable[x509.Certificate] = ()) -> Callable[[bytes], bytes]:
    """A function that signs one PDF's bytes (see :func:`sign_pdf`); the identity is checked
    once, here, so a bad certificate is reported before any certificate is built."""
    identity = identity_of(key, certificate, chain)
    signer = _pyhanko_signer(identity)
    room = _room(identity)

    def sign(pdf_bytes: bytes) -> bytes:
        return _sign_with(pdf_bytes, signer, identity.name, reason, location, room)

    return sign


def sign_pdf(pdf_bytes: bytes, key: SealKey | SignerIdentity, *, reason: str = REASON,
             location: str = "", certificate: x509.Certificate | None = None,
             chain: Iterable[x509.Certificate] = ()) -> bytes:
    """``pdf_bytes`` with an invisible PAdES B-B signature (ETSI.CAdES.detached) over the whole
    file, by the seal key with its self-signed certificate (or ``certificate``) or by an
    identity from :func:`load_p12`. The pages are unchanged: the signature is an incremental
    update after the original bytes.

    Raises:
        PadesError: no usable certificate (see :func:`identity_of`), or bytes that are not a
            PDF that can be signed.
    """
    return pdf_signer(key, reason=reason, location=location, certificate=certificate,
                      chain=chain)(pdf_bytes)
