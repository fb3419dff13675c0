"""Pledge text versions, the versions each event adopted, and signatures (tables of pledges/).

The tables are defined in pledges/schema.py; this migration creates them (events/ never
imports pledges/). Triggers make the evidence append-only: a pledge version and an adoption are
never updated, and of a signature only ``superseded_at`` may be set, once.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

from events.types import AwareDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# Every column of a signature except superseded_at: none of them may ever change.
_SIGNATURE_FIXED = ("id, event_id, attendee_id, role, pledge_hash, strokes, strokes_sha256, "
                    "pad_width, pad_height, consent_version, signed_at, place, operator")

_SQLITE_TRIGGERS = [
    "CREATE TRIGGER tr_pledge_versions_immutable BEFORE UPDATE ON pledge_versions "
    "BEGIN SELECT RAISE(ABORT, 'pledge versions are immutable'); END",
    "CREATE TRIGGER tr_event_pledges_immutable BEFORE UPDATE ON event_pledges "
    "BEGIN SELECT RAISE(ABORT, 'pledge adoptions are immutable'); END",
    f"CREATE TRIGGER tr_signatures_immutable BEFORE UPDATE OF {_SIGNATURE_FIXED} ON signatures "
    "BEGIN SELECT RAISE(ABORT, 'signatures are immutable'); END",
    "CREATE TRIGGER tr_signatures_superseded_once BEFORE UPDATE OF superseded_at ON signatures "
    "WHEN OLD.superseded_at IS NOT NULL "
    "BEGIN SELECT RAISE(ABORT, 'signatures are immutable'); END",
]

_POSTGRESQL_TRIGGERS = [
    "CREATE FUNCTION ikrar_immutable() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN RAISE EXCEPTION '% rows are immutable', TG_TABLE_NAME; END $$",
    "CREATE TRIGGER tr_pledge_versions_immutable BEFORE UPDATE ON pledge_versions "
    "FOR EACH ROW EXECUTE FUNCTION ikrar_immutable()",
    "CREATE TRIGGER tr_event_pledges_immutable BEFORE UPDATE ON event_pledges "
    "FOR EACH ROW EXECUTE FUNCTION ikrar_immutable()",
    f"CREATE TRIGGER tr_signatures_immutable BEFORE UPDATE OF {_SIGNATURE_FIXED} ON signatures "
    "FOR EACH ROW EXECUTE FUNCTION ikrar_immutable()",
    "CREATE TRIGGER tr_signatures_superseded_once BEFORE UPDATE OF superseded_at ON signatures "
    "FOR EACH ROW WHEN (OLD.superseded_at IS NOT NULL) EXECUTE FUNCTION ikrar_immutable()",
]


def upgrade() -> None:
    op.create_table(
        "pledge_versions",
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("template", sa.String(60), nullable=False, server_default=""),
        sa.Column("created_at", AwareDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("hash", name="pk_pledge_versions"),
    )
    op.create_table(
        "event_pledges",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("event_id", sa.Integer, nullable=False),
        sa.Column("pledge_hash", sa.String(64), nullable=False),
        sa.Column("adopted_at", AwareDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_event_pledges"),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], ondelete="CASCADE",
                                name="fk_event_pledges_event_id_events"),
        sa.ForeignKeyConstraint(["pledge_hash"], ["pledge_versions.hash"],
                                name="fk_event_pledges_pledge_hash_pledge_versions"),
    )
    op.create_index("ix_event_pledges_event_id", "event_pledges", ["event_id"])
    op.create_table(
        "signatures",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("event_id", sa.Integer, nullable=False),
        sa.Column("attendee_id", sa.Integer),
        sa.Column("role", sa.String(10), nullable=False),
        sa.Column("pledge_hash", sa.String(64), nullable=False),
        sa.Column("strokes", sa.LargeBinary, nullable=False),
        sa.Column("strokes_sha256", sa.String(64), nullable=False),
        sa.Column("pad_width", sa.Integer, nullable=False),
        sa.Column("pad_height", sa.Integer, nullable=False),
        sa.Column("consent_version", sa.String(64), nullable=False),
        sa.Column("signed_at", AwareDateTime(), nullable=False),
        sa.Column("place", sa.String(60), nullable=False, server_default=""),
        sa.Column("operator", sa.String(120), nullable=False, server_default=""),
        sa.Column("superseded_at", AwareDateTime()),
        sa.PrimaryKeyConstraint("id", name="pk_signatures"),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], ondelete="CASCADE",
                                name="fk_signatures_event_id_events"),
        sa.ForeignKeyConstraint(["attendee_id"], ["attendees.id"], ondelete="CASCADE",
                                name="fk_signatures_attendee_id_attendees"),
        sa.ForeignKeyConstraint(["pledge_hash"], ["pledge_versions.hash"],
                                name="fk_signatures_pledge_hash_pledge_versions"),
        sa.CheckConstraint(
            "(role = 'attendee' AND attendee_id IS NOT NULL) "
            "OR (role = 'witness' AND attendee_id IS NULL)", name="ck_signatures_role"),
    )
    op.create_index("ix_signatures_attendee_id", "signatures", ["attendee_id"])
    op.create_index(
        "ux_signatures_current", "signatures", ["event_id", "attendee_id"], unique=True,
        sqlite_where=sa.text("superseded_at IS NULL"),
        postgresql_where=sa.text("superseded_at IS NULL"),
    )
    op.create_index(
        "ux_signatures_witness", "signatures", ["event_id"], unique=True,
        sqlite_where=sa.text("role = 'witness' AND superseded_at IS NULL"),
        postgresql_where=sa.text("role = 'witness' AND superseded_at IS NULL"),
    )
    name = op.get_bind().dialect.name
    for statement in {"sqlite": _SQLITE_TRIGGERS, "postgresql": _POSTGRESQL_TRIGGERS}.get(
            name, []):
        op.execute(statement)


def downgrade() -> None:
    op.drop_table("signatures")  # its triggers go with it
    op.drop_table("event_pledges")
    op.drop_table("pledge_versions")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS ikrar_immutable()")
