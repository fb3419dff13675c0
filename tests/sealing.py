"""A fixed seal key for tests, and seals for documents built without a database."""

from __future__ import annotations

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from events.numbering import document_number
from pledges.keys import SealKey, fingerprint_of
from pledges.seal import record_of, seal_bytes


def fixed_key(seed: int = 1) -> SealKey:
    """The same key pair on every run (Ed25519 signatures are deterministic too)."""
    private = Ed25519PrivateKey.from_private_bytes(bytes([seed]) * 32)
    raw = private.public_key().public_bytes(serialization.Encoding.Raw,
                                            serialization.PublicFormat.Raw)
    return SealKey(fingerprint_of(raw), private, raw)


def seal_all(record, key: SealKey | None = None):
    """Seal every current attendee signature of an in-memory EventRecord; returns it. Each is
    numbered from the event's numbering scheme in the order of the signatures' ids, as the
    store numbers them (the first number is the Berita Acara's)."""
    key = key or fixed_key()
    people = {a.id: a for a in record.attendees}
    ordered = sorted(record.signatures.items(), key=lambda item: item[1].id)
    for index, (attendee_id, signature) in enumerate(ordered, 1):
        version = record.signed_versions[signature.pledge_hash]
        event = record.event
        number = document_number(event.number_scheme, event.number_start, index) or ""
        sealed = record_of(key.fingerprint, event, people[attendee_id], signature,
                           version.text, number)
        record.seals[signature.id] = seal_bytes(key, sealed)
    return record
