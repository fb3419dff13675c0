"""Events, speakers and the invited roster.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

from events.types import AwareDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("event_date", sa.Date, nullable=False),
        sa.Column("start_time", sa.Time),
        sa.Column("end_time", sa.Time),
        sa.Column("venue", sa.String(300), nullable=False, server_default=""),
        sa.Column("city", sa.String(120), nullable=False, server_default=""),
        sa.Column("organizer_unit", sa.String(300), nullable=False, server_default=""),
        sa.Column("institution", sa.String(300), nullable=False, server_default=""),
        sa.Column("logo", sa.LargeBinary),
        sa.Column("letter_number", sa.String(200), nullable=False, server_default=""),
        sa.Column("letter_date", sa.Date),
        sa.Column("presiding_name", sa.String(200), nullable=False, server_default=""),
        sa.Column("presiding_title", sa.String(200), nullable=False, server_default=""),
        sa.Column("presiding_nip", sa.String(18), nullable=False, server_default=""),
        sa.Column("witness_name", sa.String(200), nullable=False, server_default=""),
        sa.Column("witness_title", sa.String(200), nullable=False, server_default=""),
        sa.Column("witness_nip", sa.String(18), nullable=False, server_default=""),
        sa.Column("agenda", sa.Text, nullable=False, server_default=""),
        sa.Column("is_demo", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("archived_at", AwareDateTime()),
        sa.Column("created_at", AwareDateTime(), nullable=False),
        sa.Column("updated_at", AwareDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_events"),
    )
    op.create_table(
        "speakers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("event_id", sa.Integer, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("title", sa.String(200), nullable=False, server_default=""),
        sa.Column("institution", sa.String(300), nullable=False, server_default=""),
        sa.PrimaryKeyConstraint("id", name="pk_speakers"),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], ondelete="CASCADE",
                                name="fk_speakers_event_id_events"),
    )
    op.create_index("ix_speakers_event_id", "speakers", ["event_id"])
    op.create_table(
        "attendees",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("event_id", sa.Integer, nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("category", sa.String(20), nullable=False),
        sa.Column("nip", sa.String(18)),
        sa.Column("nik", sa.String(16)),
        sa.Column("golongan", sa.String(60), nullable=False, server_default=""),
        sa.Column("jabatan", sa.String(300), nullable=False, server_default=""),
        sa.Column("unit", sa.String(300), nullable=False, server_default=""),
        sa.Column("phone", sa.String(20), nullable=False, server_default=""),
        sa.Column("institution", sa.String(300), nullable=False, server_default=""),
        sa.Column("source", sa.String(10), nullable=False),
        sa.Column("invited", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
        sa.Column("created_at", AwareDateTime(), nullable=False),
        sa.Column("updated_at", AwareDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_attendees"),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], ondelete="CASCADE",
                                name="fk_attendees_event_id_events"),
        sa.UniqueConstraint("event_id", "nip", name="uq_attendees_event_id_nip"),
        sa.UniqueConstraint("event_id", "nik", name="uq_attendees_event_id_nik"),
    )
    op.create_index("ix_attendees_event_id", "attendees", ["event_id"])


def downgrade() -> None:
    op.drop_table("attendees")
    op.drop_table("speakers")
    op.drop_table("events")
