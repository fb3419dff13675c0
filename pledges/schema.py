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

__all__ = ["event_pledges", "metadata", "pledge_versions", "signatures"]

pledge_versions = sa.Table(
    "pledge_versions",
    metadata,
    # SHA-256 hex of ``content``, the canonical form (pledges.texts.canonical).
    sa.Column("hash", sa.String(64), primary_key=True),
    sa.Column("content", sa.Text, nullable=False),
    sa.Column("template", sa.String(60), nullable=False, server_default=""),
    sa.Column("created_at", AwareDateTime(), nullable=False),
)

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
