"""Each event's time zone: WIB, WITA or WIT. Existing events are WIB (the default).

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN with a default (no batch rebuild: rebuilding the events table would
    # fire the ON DELETE CASCADE of every table that refers to it).
    op.add_column("events", sa.Column("time_zone", sa.String(8), nullable=False,
                                      server_default="WIB"))


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.drop_column("time_zone")
