"""A fixed seal key for tests, and seals for documents built without a database."""

from __future__ import annotations

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from pledges.keys import SealKey, fingerprint_of
from pledges.seal import record_of, seal_bytes


def fixed_key(seed: int = 1) -> SealKey:
    """The same key pair on every run (Ed25519 signatures are deterministic too)."""
    private = Ed25519PrivateKey.from_private_bytes(bytes([seed]) * 32)
    raw = private.public_key().public_bytes(serialization.Encoding.Raw,
                                            serialization.PublicFormat.Raw)
    return SealKey(fingerprint_of(raw), private, raw)


def seal_all(record, key: SealKey | None = None):
    """Seal every current attendee signature of an in-memory EventRecord; returns it."""
    key = key or fixed_key()
    people = {a.id: a for a in record.attendees}
    for attendee_id, signature in record.signatures.items():
        version = record.signed_versions[signature.pledge_hash]
        sealed = record_of(key.fingerprint, record.event, people[attendee_id], signature,
                           version.text)
        record.seals[signature.id] = seal_bytes(key, sealed)
    return record
