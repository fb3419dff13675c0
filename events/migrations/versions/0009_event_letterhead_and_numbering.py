"""The event's complete letterhead (address, postcode, telephone, e-mail, website) and its
numbering scheme for the documents it issues (e.g. "800/{n:03d}/Kesbangpol/2026" with the first
running number). Existing events get empty values: their documents look as before.

Revision ID: 0009
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0005"
branch_labels = None
depends_on = None

_TEXTS = (("address", 300), ("postcode", 10), ("phone", 60), ("email", 120),
          ("website", 120), ("number_scheme", 120))


def upgrade() -> None:
    # Plain ADD COLUMNs with defaults (no batch rebuild: rebuilding the events table would
    # fire the ON DELETE CASCADE of every table that refers to it).
    for name, length in _TEXTS:
        op.add_column("events", sa.Column(name, sa.String(length), nullable=False,
                                          server_default=""))
    op.add_column("events", sa.Column("number_start", sa.Integer, nullable=False,
                                      server_default="1"))


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        for name, _ in _TEXTS:
            batch.drop_column(name)
        batch.drop_column("number_start")
