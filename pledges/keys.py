"""The organizer's seal key: an Ed25519 key pair that seals every signature (pledges/seal.py).

The key pair is made on first use. Its private half is stored in the database only encrypted
with a passphrase the organizer chooses: a PKCS#12 container (AES-256) together with a
self-signed X.509 certificate of the key naming the organizer, whose password is not the
passphrase itself but a 256-bit secret derived from it with scrypt (2^17 x 8, 128 MiB: about
half a second). So every guess of the passphrase, right or wrong, costs that much: the
container's own integrity check (2,048 rounds) only tells a wrong 256-bit secret, which cannot be
guessed. The stored text is ``"IKS1$<log2 n>$<salt>$<container>"``; a key stored before (a plain
PKCS#12 container, base64) is rewritten so the first time it is unlocked. It is unlocked once
per session.

PDF readers (poppler, Adobe Reader) do not validate Ed25519 signatures in PDFs, so certificate
PDFs are signed with a second key derived from the seal key: an ECDSA P-256 key
(:func:`pdf_identity`), whose self-signed certificate carries the seal key's Ed25519 signature
over its public key (:data:`BINDING_OID`), so whoever holds only the seal key's public half can
tell that the PDF was signed by the same organizer. The public half is exported as a small PEM file
for whoever verifies certificates, and shown on every document as a short fingerprint
("ABCD-EFGH-IJKL-MNOP": the first 80 bits of the SHA-256 of the raw public key, in base32).

Keys of other organizers can be added by their public half alone, to verify their certificates.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.types import PublicKeyTypes
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from sqlalchemy import exc

from events import audit
from events.files import MAX_KEY_BYTES, read_limited
from events.i18n import QT_TRANSLATE_NOOP
from events.store import Store, StoreError
from events.types import now
from pledges import schema
from pledges.files import write_atomically

__all__ = [
    "MESSAGES", "MIN_PASSPHRASE", "KeyInfo", "SealKey", "SealKeyError", "add_public_key",
    "binding_of", "create_key", "export_public_key", "fingerprint_of", "format_fingerprint",
    "key_info", "known_public_keys", "pdf_identity", "list_keys", "read_public_key_file", "unlock",
]

MIN_PASSPHRASE = 8
# The demo event's own key (pledges.demo): its label starts so, its passphrase is public, and it
# never becomes the key that seals anything else (key_info, unlock without a fingerprint).
DEMO_KEY_LABEL = "DEMO"
KDF_ROUNDS = 2048  # PBKDF2 inside the container: its password is a derived 256-bit secret
SCRYPT_LOG2 = 17  # scrypt n = 2^17, r = 8, p = 1: 128 MiB and about half a second a guess
STORED_PREFIX = "IKS1$"
# The X.509 extension of a PDF-signing certificate that holds the seal key's Ed25519 signature
# over the certificate's public key (an OID under 2.25, from a UUID: no registry needed).
BINDING_OID = x509.ObjectIdentifier("2.25.80817458102579432702666762084487998136")
BINDING_DOMAIN = b"IKRAR-PDF-KEY-1\x00"

MESSAGES = {
    "no_key": QT_TRANSLATE_NOOP("Texts", "Belum ada kunci segel; buat kunci segel dulu"),
    "wrong_passphrase": QT_TRANSLATE_NOOP("Texts", "Kata sandi kunci segel salah"),
    "corrupt_key": QT_TRANSLATE_NOOP("Texts", "Kunci segel tersimpan rusak dan tidak dapat dibuka "
                                     "({detail})"),
    "weak_passphrase": QT_TRANSLATE_NOOP(
        "Texts", "Kata sandi kunci segel minimal {detail} karakter"),
    "passphrase_mismatch": QT_TRANSLATE_NOOP("Texts", "Kedua kata sandi tidak sama"),
    "bad_public_key": QT_TRANSLATE_NOOP("Texts", "Berkas ini bukan kunci publik Ikrar (Ed25519): "
                                        "{detail}"),
    "unreadable_file": QT_TRANSLATE_NOOP("Texts", "Berkas kunci tidak dapat dibaca: {detail}"),
    "public_only": QT_TRANSLATE_NOOP("Texts", "Kunci {detail} hanya kunci publik: tidak dapat "
                                     "menyegel"),
}


class SealKeyError(StoreError):
    """Nothing was sealed or stored; ``code`` is a key of MESSAGES."""

    messages = MESSAGES


def fingerprint_of(public_raw: bytes) -> str:
    """16 base32 characters: the first 80 bits of SHA-256 of the raw 32-byte public key."""
    return base64.b32encode(hashlib.sha256(public_raw).digest()[:10]).decode("ascii")


def fingerprint_bytes(fingerprint: str) -> bytes:
    return base64.b32decode(fingerprint.replace("-", "").upper())


def format_fingerprint(fingerprint: str) -> str:
    """"ABCD-EFGH-IJKL-MNOP", as printed on documents."""
    plain = fingerprint.replace("-", "")
    return "-".join(plain[i:i + 4] for i in range(0, len(plain), 4))


def _raw(public: Ed25519PublicKey) -> bytes:
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


@dataclass(frozen=True)
class KeyInfo:
    """A stored key, as lists show it (nothing secret)."""

    fingerprint: str
    label: str
    created_at: datetime
    has_private: bool

    @property
    def display(self) -> str:
        return format_fingerprint(self.fingerprint)

    @property
    def is_demo(self) -> bool:
        return self.label.startswith(DEMO_KEY_LABEL)


@dataclass(frozen=True)
class SealKey:
    """An unlocked key: it can seal. ``certificate`` is its self-signed X.509 certificate."""

    fingerprint: str
    private: Ed25519PrivateKey
    public_raw: bytes
    certificate: x509.Certificate | None = None
    _pdf: list[tuple[ec.EllipticCurvePrivateKey, x509.Certificate]] = field(
        default_factory=list, repr=False, compare=False)

    def sign(self, data: bytes) -> bytes:
        return self.private.sign(data)

    def pdf_identity(self) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
        """The ECDSA P-256 key that signs PDFs for this seal key, and its certificate (made
        once a session; the key is always the same, see :func:`pdf_identity`)."""
        if not self._pdf:
            self._pdf.append(pdf_identity(self))
        return self._pdf[0]

    @property
    def display(self) -> str:
        return format_fingerprint(self.fingerprint)


_K = schema.seal_keys


def list_keys(store: Store) -> list[KeyInfo]:
    """Every stored key, newest first."""
    with store.connection() as conn:
        rows = conn.execute(sa.select(_K.c.fingerprint, _K.c.label, _K.c.created_at,
                                      _K.c.private_key.is_not(None))
                            .order_by(_K.c.created_at.desc())).all()
    return [KeyInfo(fp, label, created, bool(private)) for fp, label, created, private in rows]


def key_info(store: Store) -> KeyInfo | None:
    """The key that seals: the newest one with a private half, or None before the first. The
    demo's key never is."""
    return next((k for k in list_keys(store) if k.has_private and not k.is_demo), None)


def _derived_secret(passphrase: str, salt: bytes, log2: int) -> bytes:
    """The container's password: scrypt of the passphrase, as 64 hex digits."""
    secret = Scrypt(salt=salt, length=32, n=1 << log2, r=8, p=1).derive(
        (passphrase or "").encode("utf-8"))
    return secret.hex().encode("ascii")


def _protect(private: Ed25519PrivateKey, certificate: x509.Certificate | None, fingerprint: str,
             passphrase: str) -> str:
    """The stored text of a private key: see the module's docstring."""
    salt = os.urandom(16)
    log2 = SCRYPT_LOG2
    encryption = (
        serialization.PrivateFormat.PKCS12.encryption_builder()
        .kdf_rounds(KDF_ROUNDS)
        .key_cert_algorithm(pkcs12.PBES.PBESv2SHA256AndAES256CBC)
        .hmac_hash(hashes.SHA256())
        .build(_derived_secret(passphrase, salt, log2))
    )
    container = pkcs12.serialize_key_and_certificates(
        fingerprint.encode("ascii"), private, certificate, None, encryption)
    return "$".join((STORED_PREFIX.rstrip("$"), str(log2), base64.b64encode(salt).decode("ascii"),
                     base64.b64encode(container).decode("ascii")))


def create_key(store: Store, passphrase: str, label: str = "", *, actor: str = "") -> SealKey:
    """Make a new key pair, store it encrypted with ``passphrase``; it becomes the sealing key."""
    if len(passphrase or "") < MIN_PASSPHRASE:
        raise SealKeyError("weak_passphrase", str(MIN_PASSPHRASE))
    private = Ed25519PrivateKey.generate()
    raw = _raw(private.public_key())
    fingerprint = fingerprint_of(raw)
    stamp = now()
    certificate = _self_signed(private, label.strip() or "Ikrar", fingerprint, stamp)
    with store.transaction() as conn:
        conn.execute(sa.insert(_K).values(
            fingerprint=fingerprint, public_key=raw,
            private_key=_protect(private, certificate, fingerprint, passphrase),
            label=label.strip()[:200], created_at=stamp))
        audit.append(conn, audit.INSTALLATION, "key_created", {
            "fingerprint": fingerprint,
            "public_key": base64.b64encode(raw).decode("ascii")}, actor=actor, at=stamp)
    return SealKey(fingerprint, private, raw, certificate)


def _self_signed(private: Ed25519PrivateKey, label: str, fingerprint: str,
                 stamp: datetime) -> x509.Certificate:
    """A certificate of the key, signed by itself, naming the organizer; valid ten years."""
    name = x509.Name([
        x509.NameAttribute(NameOID.COMMON_NAME, label[:64]),
        x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, "Ikrar " + fingerprint),
    ])
    return (
        x509.CertificateBuilder()
        .subject_name(name).issuer_name(name)
        .public_key(private.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(stamp - timedelta(days=1))
        .not_valid_after(stamp + timedelta(days=3653))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False),
                       critical=True)
        .sign(private, None)
    )


def _key_row(store: Store, fingerprint: str | None,
             *columns: sa.Column[Any]) -> sa.Row[*tuple[Any, ...]]:
    """The stored key named by ``fingerprint`` (any spelling), else the sealing key: its
    fingerprint, public key and ``columns``. SealKeyError("no_key") when there is none."""
    with store.connection() as conn:
        query = sa.select(_K.c.fingerprint, _K.c.public_key, *columns)
        if fingerprint:
            query = query.where(_K.c.fingerprint == fingerprint.replace("-", "").upper())
        else:
            query = (query.where(_K.c.private_key.is_not(None))
                     .where(sa.not_(_K.c.label.startswith(DEMO_KEY_LABEL)))
                     .order_by(_K.c.created_at.desc()))
        row = conn.execute(query.limit(1)).first()
    if row is None:
        raise SealKeyError("no_key")
    return row


def unlock(store: Store, passphrase: str, fingerprint: str | None = None) -> SealKey:
    """The sealing key (or the one named), decrypted with ``passphrase``. A key stored in the
    earlier form (the passphrase itself as the container's password) is stored again in the
    current one once it opens."""
    row = _key_row(store, fingerprint, _K.c.private_key)
    if row.private_key is None:
        raise SealKeyError("public_only", format_fingerprint(row.fingerprint))
    stored = str(row.private_key)
    legacy = not stored.startswith(STORED_PREFIX)
    try:
        if legacy:
            container, password = base64.b64decode(stored, validate=True), \
                (passphrase or "").encode("utf-8")
        else:
            _, log2_text, salt_text, container_text = stored.split("$")
            log2, salt = int(log2_text), base64.b64decode(salt_text, validate=True)
            container = base64.b64decode(container_text, validate=True)
            if not 10 <= log2 <= 24 or len(salt) < 16:
                raise ValueError("scrypt parameters")
            password = _derived_secret(passphrase, salt, log2)
    except (binascii.Error, ValueError):
        raise SealKeyError("corrupt_key", "bukan PKCS#12") from None
    try:
        private, certificate, _ = pkcs12.load_key_and_certificates(container, password)
    except ValueError:
        # The container's MAC fails for a wrong passphrase and for damaged data alike; a
        # damaged container is told apart by its structure.
        if _parses(container):
            raise SealKeyError("wrong_passphrase") from None
        raise SealKeyError("corrupt_key", "berkas PKCS#12 rusak") from None
    except UnsupportedAlgorithm as error:
        raise SealKeyError("corrupt_key", str(error)) from None
    if not isinstance(private, Ed25519PrivateKey):
        raise SealKeyError("corrupt_key", "bukan kunci Ed25519")
    raw = _raw(private.public_key())
    if raw != bytes(row.public_key) or fingerprint_of(raw) != row.fingerprint:
        raise SealKeyError("corrupt_key", "kunci publik tidak cocok")
    if legacy:
        _restore(store, row.fingerprint, stored, private, certificate, passphrase)
    return SealKey(row.fingerprint, private, raw, certificate)


def _restore(store: Store, fingerprint: str, stored: str, private: Ed25519PrivateKey,
             certificate: x509.Certificate | None, passphrase: str) -> None:
    """Store a key kept in the earlier form again in the current one (same key, same
    passphrase), unless another desk did meanwhile."""
    with store.transaction() as conn:
        conn.execute(sa.update(_K).where(_K.c.fingerprint == fingerprint,
                                         _K.c.private_key == stored)
                     .values(private_key=_protect(private, certificate, fingerprint,
                                                  passphrase)))


# -- the PDF-signing key ----------------------------------------------------------------------


def pdf_identity(key: SealKey) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    """The ECDSA P-256 key derived from the seal key (HMAC-SHA256 of its private bytes: always
    the same key for the same seal key, nothing more to store), with a self-signed certificate
    naming the organizer as the seal key's certificate does, valid as long as it, and carrying
    the seal key's signature over its public key (:func:`binding_of`)."""
    seed = key.private.private_bytes(serialization.Encoding.Raw,
                                     serialization.PrivateFormat.Raw,
                                     serialization.NoEncryption())
    order = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
    counter = 0
    while True:
        digest = hmac.new(seed, b"IKRAR-PDF-KEY-1" + bytes([counter]), hashlib.sha256).digest()
        scalar = int.from_bytes(digest, "big")
        if 0 < scalar < order:
            break
        counter += 1
    private = ec.derive_private_key(scalar, ec.SECP256R1())
    public_der = private.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    binding = key.sign(BINDING_DOMAIN + public_der)
    seal_certificate = key.certificate
    if seal_certificate is not None:
        name = seal_certificate.subject
        start = seal_certificate.not_valid_before_utc
        end = seal_certificate.not_valid_after_utc
    else:
        name = x509.Name([
            x509.NameAttribute(NameOID.COMMON_NAME, "Ikrar"),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, "Ikrar " + key.fingerprint)])
        start = now() - timedelta(days=1)
        end = start + timedelta(days=3653)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name).issuer_name(name)
        .public_key(private.public_key())
        .serial_number(int.from_bytes(hashlib.sha256(public_der).digest()[:16], "big") >> 1)
        .not_valid_before(start).not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False),
                       critical=True)
        .add_extension(x509.UnrecognizedExtension(BINDING_OID, key.public_raw + binding),
                       critical=False)
        .sign(private, hashes.SHA256())
    )
    return private, certificate


def binding_of(certificate: x509.Certificate,
               keys: dict[str, Ed25519PublicKey]) -> str | None:
    """The fingerprint of the seal key (among ``keys``) that vouches for ``certificate``'s
    public key, or for the seal key's own self-signed certificate the key itself; None when no
    known seal key does."""
    public = certificate.public_key()
    if isinstance(public, Ed25519PublicKey):
        fingerprint = fingerprint_of(_raw(public))
        return fingerprint if fingerprint in keys else None
    try:
        value = certificate.extensions.get_extension_for_oid(BINDING_OID).value
    except x509.ExtensionNotFound:
        return None
    data = getattr(value, "value", b"")
    if not isinstance(data, bytes) or len(data) != 32 + 64:
        return None
    raw, signature = data[:32], data[32:]
    fingerprint = fingerprint_of(raw)
    seal_public = keys.get(fingerprint)
    if seal_public is None:
        return None
    public_der = public.public_bytes(serialization.Encoding.DER,
                                     serialization.PublicFormat.SubjectPublicKeyInfo)
    try:
        seal_public.verify(signature, BINDING_DOMAIN + public_der)
    except InvalidSignature:
        return None
    return fingerprint


def _parses(container: bytes) -> bool:
    """Whether ``container`` is well-formed DER (the outer PKCS#12 structure)."""
    try:
        # Outer SEQUENCE with its declared length covering the data exactly.
        if len(container) < 4 or container[0] != 0x30:
            return False
        length_byte = container[1]
        if length_byte < 0x80:
            return 2 + length_byte == len(container)
        count = length_byte & 0x7F
        length = int.from_bytes(container[2:2 + count], "big")
        return 2 + count + length == len(container)
    except (IndexError, ValueError):
        return False


def known_public_keys(store: Store) -> dict[str, Ed25519PublicKey]:
    """fingerprint -> public key, for every key this database knows."""
    with store.connection() as conn:
        rows = conn.execute(sa.select(_K.c.fingerprint, _K.c.public_key)).all()
    keys = {}
    for fingerprint, raw in rows:
        try:
            keys[fingerprint] = Ed25519PublicKey.from_public_bytes(bytes(raw))
        except ValueError:
            continue  # a damaged row verifies nothing
    return keys


def public_key_pem(store: Store, fingerprint: str | None = None) -> tuple[str, bytes]:
    """(fingerprint, PEM bytes) of the sealing key's public half (or the one named)."""
    row = _key_row(store, fingerprint)
    public = Ed25519PublicKey.from_public_bytes(bytes(row.public_key))
    pem = public.public_bytes(serialization.Encoding.PEM,
                              serialization.PublicFormat.SubjectPublicKeyInfo)
    return row.fingerprint, pem


def export_public_key(store: Store, path: str | os.PathLike[str],
                      fingerprint: str | None = None) -> str:
    """Write the public key as PEM (atomically); its fingerprint."""
    found, pem = public_key_pem(store, fingerprint)
    write_atomically(path, pem)
    return found


def read_public_key_file(path: str | os.PathLike[str]) -> tuple[str, Ed25519PublicKey]:
    """(fingerprint, key) from a PEM public key file (or a raw 32-byte one)."""
    try:
        data = read_limited(path, MAX_KEY_BYTES)
    except OSError as error:
        raise SealKeyError("unreadable_file", str(error)) from None
    public: PublicKeyTypes
    try:
        if len(data) == 32:
            public = Ed25519PublicKey.from_public_bytes(data)
        else:
            public = serialization.load_pem_public_key(data)
    except (ValueError, UnsupportedAlgorithm) as error:
        raise SealKeyError("bad_public_key", str(error).splitlines()[0][:120]) from None
    if not isinstance(public, Ed25519PublicKey):
        raise SealKeyError("bad_public_key", type(public).__name__)
    return fingerprint_of(_raw(public)), public


def add_public_key(store: Store, path: str | os.PathLike[str], label: str = "") -> str:
    """Remember another organizer's public key (to verify their certificates); its fingerprint."""
    fingerprint, public = read_public_key_file(path)
    try:
        with store.transaction() as conn:
            conn.execute(sa.insert(_K).values(fingerprint=fingerprint, public_key=_raw(public),
                                              private_key=None, label=label.strip()[:200],
                                              created_at=now()))
    except StoreError as error:
        if not isinstance(error.__cause__, exc.IntegrityError):
            raise
    return fingerprint
