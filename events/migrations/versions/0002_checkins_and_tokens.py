"""Check-ins (with their undo history) and the invitation token of each attendee.

Revision ID: 0002
Revises: 0001
"""

import base64
import secrets

import sqlalchemy as sa
from alembic import op

from events.types import AwareDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("attendees") as batch:
        batch.add_column(sa.Column("token", sa.String(32)))
        batch.create_unique_constraint("uq_attendees_token", ["token"])
    conn = op.get_bind()
    ids = [row[0] for row in conn.execute(sa.text("SELECT id FROM attendees"))]
    if ids:
        conn.execute(
            sa.text("UPDATE attendees SET token = :token WHERE id = :id"),
            [{"id": i, "token": base64.b32encode(secrets.token_bytes(10)).decode("ascii")}
             for i in ids],
        )
    op.create_table(
        "checkins",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("event_id", sa.Integer, nullable=False),
        sa.Column("attendee_id", sa.Integer, nullable=False),
        sa.Column("checked_in_at", AwareDateTime(), nullable=False),
        sa.Column("desk", sa.String(60), nullable=False, server_default=""),
        sa.Column("operator", sa.String(120), nullable=False, server_default=""),
        sa.Column("method", sa.String(20), nullable=False, server_default=""),
        sa.Column("undone_at", AwareDateTime()),
        sa.Column("undo_reason", sa.Text, nullable=False, server_default=""),
        sa.Column("undone_by", sa.String(120), nullable=False, server_default=""),
        sa.Column("undone_desk", sa.String(60), nullable=False, server_default=""),
        sa.PrimaryKeyConstraint("id", name="pk_checkins"),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], ondelete="CASCADE",
                                name="fk_checkins_event_id_events"),
        sa.ForeignKeyConstraint(["attendee_id"], ["attendees.id"], ondelete="CASCADE",
                                name="fk_checkins_attendee_id_attendees"),
    )
    op.create_index("ix_checkins_attendee_id", "checkins", ["attendee_id"])
    op.create_index("ix_checkins_event_id_checked_in_at", "checkins",
                    ["event_id", "checked_in_at"])
    op.create_index(
        "ux_checkins_active", "checkins", ["event_id", "attendee_id"], unique=True,
        sqlite_where=sa.text("undone_at IS NULL"), postgresql_where=sa.text("undone_at IS NULL"),
    )


def downgrade() -> None:
    op.drop_table("checkins")
    with op.batch_alter_table("attendees") as batch:
        batch.drop_constraint("uq_attendees_token", type_="unique")
        batch.drop_column("token")
