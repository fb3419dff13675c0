"""Seals and the audit trail: a stable event uid, seal keys and seals, the hash-chained log.

Existing events get a uid and a chain whose first entry ("chain_started") lists what the event
already held (each person's record digest, the check-ins, the signatures), so that later checks
of the records against the trail cover them too. Chain 0, the installation's, starts here.

Revision ID: 0004
Revises: 0003
"""

import base64
import secrets

import sqlalchemy as sa
from alembic import op

from events import audit
from events.types import AwareDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_SQLITE_TRIGGERS = [
    "CREATE TRIGGER tr_audit_log_immutable BEFORE UPDATE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit entries are immutable'); END",
    "CREATE TRIGGER tr_seals_immutable BEFORE UPDATE ON seals "
    "BEGIN SELECT RAISE(ABORT, 'seals are immutable'); END",
]

_POSTGRESQL_TRIGGERS = [
    "CREATE TRIGGER tr_audit_log_immutable BEFORE UPDATE ON audit_log "
    "FOR EACH ROW EXECUTE FUNCTION ikrar_immutable()",
    "CREATE TRIGGER tr_seals_immutable BEFORE UPDATE ON seals "
    "FOR EACH ROW EXECUTE FUNCTION ikrar_immutable()",
]


def _token() -> str:
    return base64.b32encode(secrets.token_bytes(10)).decode("ascii")


def upgrade() -> None:
    # A plain ADD COLUMN and a unique index: rebuilding the events table (batch mode) would
    # fire the ON DELETE CASCADE of every table that refers to it.
    op.add_column("events", sa.Column("uid", sa.String(32)))
    conn = op.get_bind()
    event_ids = [row[0] for row in conn.execute(sa.text("SELECT id FROM events ORDER BY id"))]
    uids = {event_id: _token() for event_id in event_ids}
    if uids:
        conn.execute(sa.text("UPDATE events SET uid = :uid WHERE id = :id"),
                     [{"id": i, "uid": u} for i, u in uids.items()])
    op.create_index("ux_events_uid", "events", ["uid"], unique=True)

    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("event_id", sa.Integer, nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_audit_log"),
        sa.UniqueConstraint("event_id", "seq", name="uq_audit_log_event_id_seq"),
    )
    op.create_table(
        "audit_heads",
        sa.Column("event_id", sa.Integer, autoincrement=False, nullable=False),
        sa.Column("uid", sa.String(32), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("event_id", name="pk_audit_heads"),
    )
    op.create_table(
        "seal_keys",
        sa.Column("fingerprint", sa.String(32), nullable=False),
        sa.Column("public_key", sa.LargeBinary, nullable=False),
        sa.Column("private_key", sa.Text),
        sa.Column("label", sa.String(200), nullable=False, server_default=""),
        sa.Column("created_at", AwareDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("fingerprint", name="pk_seal_keys"),
    )
    op.create_table(
        "seals",
        sa.Column("signature_id", sa.Integer, autoincrement=False, nullable=False),
        sa.Column("key_fingerprint", sa.String(32), nullable=False),
        sa.Column("sealed", sa.LargeBinary, nullable=False),
        sa.Column("sealed_at", AwareDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("signature_id", name="pk_seals"),
        sa.ForeignKeyConstraint(["signature_id"], ["signatures.id"], ondelete="CASCADE",
                                name="fk_seals_signature_id_signatures"),
        sa.ForeignKeyConstraint(["key_fingerprint"], ["seal_keys.fingerprint"],
                                name="fk_seals_key_fingerprint_seal_keys"),
    )
    name = conn.dialect.name
    for statement in {"sqlite": _SQLITE_TRIGGERS, "postgresql": _POSTGRESQL_TRIGGERS}.get(
            name, []):
        op.execute(statement)

    audit.start_chain(conn, audit.INSTALLATION, audit.INSTALLATION_UID, "chain_started", {})
    for event_id, uid in uids.items():
        audit.start_chain(conn, event_id, uid, "chain_started",
                          {"baseline": _baseline(conn, event_id)})


def _baseline(conn, event_id: int) -> dict:
    """What the event held before its trail began."""
    people = conn.execute(sa.text(
        "SELECT id, name, category, nip, nik, golongan, jabatan, unit, phone, institution, "
        "source, invited, note, token FROM attendees WHERE event_id = :e ORDER BY id"),
        {"e": event_id}).mappings().all()
    tokens = {p["id"]: p["token"] for p in people}
    checkins = conn.execute(sa.text(
        "SELECT attendee_id, checked_in_at, undone_at FROM checkins WHERE event_id = :e "
        "ORDER BY id"), {"e": event_id}).all()
    signatures = conn.execute(sa.text(
        "SELECT attendee_id, strokes_sha256 FROM signatures WHERE event_id = :e ORDER BY id"),
        {"e": event_id}).all()

    def moment(value):
        if value is None:
            return None
        return value if isinstance(value, str) else value.isoformat(timespec="microseconds")

    return {
        "attendees": [[p["token"], audit.attendee_digest(dict(p))] for p in people],
        "checkins": [[tokens.get(a), moment(made), moment(undone)]
                     for a, made, undone in checkins],
        "signatures": [[tokens.get(a) if a is not None else None, digest]
                       for a, digest in signatures],
    }


def downgrade() -> None:
    op.drop_table("seals")
    op.drop_table("seal_keys")
    op.drop_table("audit_heads")
    op.drop_table("audit_log")
    op.drop_index("ux_events_uid", "events")
    op.drop_column("events", "uid")
