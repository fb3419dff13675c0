"""Personal signing links for the phone page: one row per link, the token kept as its SHA-256.

Revision ID: 0010
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

from events.types import AwareDateTime

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "phone_links",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("attendee_id", sa.Integer,
                  sa.ForeignKey("attendees.id", ondelete="CASCADE"), nullable=False),
        sa.Column("token_sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", AwareDateTime(), nullable=False),
        sa.Column("revoked_at", AwareDateTime()),
        sa.Column("spent_at", AwareDateTime()),
        sa.Column("signature_id", sa.Integer,
                  sa.ForeignKey("signatures.id", ondelete="SET NULL")),
        sa.Column("idempotency_key", sa.String(64)),
        sa.Column("user_agent", sa.String(300), nullable=False, server_default=""),
    )
    op.create_index("ix_phone_links_event_id", "phone_links", ["event_id"])
    op.create_index("ix_phone_links_attendee_id", "phone_links", ["attendee_id"])


def downgrade() -> None:
    op.drop_table("phone_links")
