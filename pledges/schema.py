"""The tables of pledges/ (pledge versions, which version each event uses, signatures), on the
same metadata as events/ so there is one schema and one migration history (events/migrations,
revision 0003).

Nothing here is ever updated except ``signatures.superseded_at`` (once, from NULL): a pledge
version's row IS its hash's content, an event's adoptions are a history, a signature is
evidence. Migration 0003 adds database triggers that refuse any other UPDATE.
"""

from __future__ import annotations

import sqlalchemy as sa

from events.schema import metadata, partial_unique_index
from events.types import AwareDateTime

__all__ = ["event_pledges", "metadata", "phone_links", "pledge_versions", "seal_keys", "seals",
           "signatures"]

pledge_versions = sa.Table(
    "pledge_versions",
    metadata,
# Versions and their adoption by events: two tables whose columns look alike, by nature.
    # SHA-256 hex of ``content``, the canonical form (pledges.texts.canonical).
    sa.Column("hash", sa.String(64), primary_key=True),
    sa.Column("content", sa.Text, nullable=False),
    sa.Column("template", sa.String(60), nullable=False, server_default=""),
    sa.Column("created_at", AwareDateTime(), nullable=False),
)

# event_pledges and signatures open like events.schema.checkins (an id, then the event and the
# person it belongs to, deleted with them): the shape of every per-event table, kept spelled
# out per table so each reads whole beside its migration.
event_pledges = sa.Table(
    "event_pledges",
    metadata,
    # Every time an event adopted a version; the newest row is its current pledge.
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"),
              nullable=False, index=True),
    sa.Column("pledge_hash", sa.String(64), sa.ForeignKey("pledge_versions.hash"),
              nullable=False),
    sa.Column("adopted_at", AwareDateTime(), nullable=False),
)

# Migration 0003 creates this table with the same columns: a migration is a frozen copy of the
# schema at its revision, never edited afterwards, so the likeness stays.
signatures = sa.Table(
    "signatures",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"),
              nullable=False),
    # None for the witnessing official ("Menyaksikan").
    sa.Column("attendee_id", sa.Integer, sa.ForeignKey("attendees.id", ondelete="CASCADE"),
              index=True),
    sa.Column("role", sa.String(10), nullable=False),
    sa.Column("pledge_hash", sa.String(64), sa.ForeignKey("pledge_versions.hash"),
              nullable=False),
    sa.Column("strokes", sa.LargeBinary, nullable=False),  # pledges.strokes.encode
    sa.Column("strokes_sha256", sa.String(64), nullable=False),
    sa.Column("pad_width", sa.Integer, nullable=False),
    sa.Column("pad_height", sa.Integer, nullable=False),
    sa.Column("consent_version", sa.String(64), nullable=False),
    sa.Column("signed_at", AwareDateTime(), nullable=False),
    sa.Column("place", sa.String(60), nullable=False, server_default=""),
    sa.Column("operator", sa.String(120), nullable=False, server_default=""),
    sa.Column("superseded_at", AwareDateTime()),
    sa.CheckConstraint(
        "(role = 'attendee' AND attendee_id IS NOT NULL) "
        "OR (role = 'witness' AND attendee_id IS NULL)", name="role"),
)
# One current signature per attendee and event, one current witness signature per event.
partial_unique_index("ux_signatures_current", signatures.c.event_id, signatures.c.attendee_id,
                     where=signatures.c.superseded_at.is_(None))
partial_unique_index("ux_signatures_witness", signatures.c.event_id,
                     where=sa.and_(signatures.c.role == "witness",
                                   signatures.c.superseded_at.is_(None)))


# The organizer's Ed25519 seal keys (pledges/keys.py). The private key is kept only encrypted
# with the organizer's passphrase; a key known by its public half alone (another organizer's,
# for verifying) has none.
seal_keys = sa.Table(
    "seal_keys",
    metadata,
    sa.Column("fingerprint", sa.String(32), primary_key=True),
    sa.Column("public_key", sa.LargeBinary, nullable=False),  # 32 raw bytes
    sa.Column("private_key", sa.Text),  # PKCS#8 PEM, encrypted
    sa.Column("label", sa.String(200), nullable=False, server_default=""),
    sa.Column("created_at", AwareDateTime(), nullable=False),
)

# One seal per signature (pledges/seal.py), written in the signature's own transaction, or
# later for signatures made before a key existed. Never updated (migration 0004's triggers).
seals = sa.Table(
    "seals",
    metadata,
    sa.Column("signature_id", sa.Integer,
              sa.ForeignKey("signatures.id", ondelete="CASCADE"), primary_key=True,
              autoincrement=False),
    sa.Column("key_fingerprint", sa.String(32), sa.ForeignKey("seal_keys.fingerprint"),
              nullable=False),
    sa.Column("sealed", sa.LargeBinary, nullable=False),  # the record and its Ed25519 signature
    sa.Column("sealed_at", AwareDateTime(), nullable=False),
    # The statement's running number from the event's numbering scheme (migration 0011): the
    # seal holds the number as printed; None for the witness, an event without a scheme, and
    # seals made before statements were numbered.
    sa.Column("running_number", sa.Integer),
)


# Personal signing links for the phone page (pledges/phone/links.py, migration 0010): one per
# attendee at a time, valid for its event until the event is archived or the link is spent by a
# signature. Only the token's SHA-256 is kept: the link itself exists on the attendee's QR.
phone_links = sa.Table(
    "phone_links",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"),
              nullable=False, index=True),
    sa.Column("attendee_id", sa.Integer, sa.ForeignKey("attendees.id", ondelete="CASCADE"),
              nullable=False, index=True),
    sa.Column("token_sha256", sa.String(64), nullable=False, unique=True),
    sa.Column("created_at", AwareDateTime(), nullable=False),
    sa.Column("revoked_at", AwareDateTime()),  # a newer link replaced it
    sa.Column("spent_at", AwareDateTime()),
    sa.Column("signature_id", sa.Integer, sa.ForeignKey("signatures.id", ondelete="SET NULL")),
    sa.Column("idempotency_key", sa.String(64)),  # the phone's key for the send that spent it
    sa.Column("user_agent", sa.String(300), nullable=False, server_default=""),
)
