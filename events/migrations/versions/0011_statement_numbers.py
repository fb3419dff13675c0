"""The running number of a signed statement (Surat Pernyataan, Pakta Integritas) from the event's
numbering scheme, kept beside its seal: the seal holds the number as printed, this column lets
the next one be found without reading every seal. Seals made before have none.

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN (no batch rebuild: the seals' triggers refuse every UPDATE, and a
    # rebuild would copy the rows and drop those triggers).
    op.add_column("seals", sa.Column("running_number", sa.Integer))


def downgrade() -> None:
    op.drop_column("seals", "running_number")
