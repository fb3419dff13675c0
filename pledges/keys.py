"""The organizer's seal key: an Ed25519 key pair that seals every signature (pledges/seal.py).

The key pair is made on first use. Its private half is stored in the database only encrypted
with a passphrase the organizer chooses: a PKCS#12 container (PBKDF2-SHA256 with 600,000
rounds, AES-256), together with a self-signed X.509 certificate of the key naming the organizer,
which is what PDF readers show for a digitally signed certificate. It is unlocked once per
session. The public half is exported as a small PEM file
for whoever verifies certificates, and shown on every document as a short fingerprint
("ABCD-EFGH-IJKL-MNOP": the first 80 bits of the SHA-256 of the raw public key, in base32).

Keys of other organizers can be added by their public half alone, to verify their certificates.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.types import PublicKeyTypes
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
    "create_key", "export_public_key", "fingerprint_of", "format_fingerprint", "key_info",
    "known_public_keys", "list_keys", "read_public_key_file", "unlock",
]

MIN_PASSPHRASE = 8
KDF_ROUNDS = 600_000  # PBKDF2-SHA256, as OWASP advises for passwords

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


@dataclass(frozen=True)
class SealKey:
    """An unlocked key: it can seal. ``certificate`` is its self-signed X.509 certificate."""

    fingerprint: str
    private: Ed25519PrivateKey
    public_raw: bytes
    certificate: x509.Certificate | None = None

    def sign(self, data: bytes) -> bytes:
        return self.private.sign(data)

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
    """The key that seals: the newest one with a private half, or None before the first."""
    return next((k for k in list_keys(store) if k.has_private), None)


def create_key(store: Store, passphrase: str, label: str = "", *, actor: str = "") -> SealKey:
    """Make a new key pair, store it encrypted with ``passphrase``; it becomes the sealing key."""
    if len(passphrase or "") < MIN_PASSPHRASE:
        raise SealKeyError("weak_passphrase", str(MIN_PASSPHRASE))
    private = Ed25519PrivateKey.generate()
    raw = _raw(private.public_key())
    fingerprint = fingerprint_of(raw)
    stamp = now()
    certificate = _self_signed(private, label.strip() or "Ikrar", fingerprint, stamp)
    encryption = (
        serialization.PrivateFormat.PKCS12.encryption_builder()
        .kdf_rounds(KDF_ROUNDS)
        .key_cert_algorithm(pkcs12.PBES.PBESv2SHA256AndAES256CBC)
        .hmac_hash(hashes.SHA256())
        .build(passphrase.encode("utf-8"))
    )
    container = pkcs12.serialize_key_and_certificates(
        fingerprint.encode("ascii"), private, certificate, None, encryption)
    with store.transaction() as conn:
        conn.execute(sa.insert(_K).values(
            fingerprint=fingerprint, public_key=raw,
            private_key=base64.b64encode(container).decode("ascii"),
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
            query = query.where(_K.c.private_key.is_not(None)).order_by(_K.c.created_at.desc())
        row = conn.execute(query.limit(1)).first()
    if row is None:
        raise SealKeyError("no_key")
    return row


def unlock(store: Store, passphrase: str, fingerprint: str | None = None) -> SealKey:
    """The sealing key (or the one named), decrypted with ``passphrase``."""
    row = _key_row(store, fingerprint, _K.c.private_key)
    if row.private_key is None:
        raise SealKeyError("public_only", format_fingerprint(row.fingerprint))
    try:
        container = base64.b64decode(row.private_key, validate=True)
    except (binascii.Error, ValueError):
        raise SealKeyError("corrupt_key", "bukan PKCS#12") from None
    try:
        private, certificate, _ = pkcs12.load_key_and_certificates(
            container, (passphrase or "").encode("utf-8"))
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
    return SealKey(row.fingerprint, private, raw, certificate)


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
