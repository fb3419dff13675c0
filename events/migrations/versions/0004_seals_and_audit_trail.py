"""Seals and the audit trail: a stable event uid, seal keys and seals, the hash-chained log.

Existing events get a uid and a chain whose first entry ("chain_started") lists what the event
already held (each person's record digest, the check-ins, the signatures), so that later checks
of the records against the trail cover them too. Chain 0, the installation's, starts here.

Revision ID: 0004
Revises: 0003
"""

import base64
import hashlib
import json
import secrets
from datetime import datetime

import sqlalchemy as sa
from alembic import op

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


# -- the audit chain's first entries, frozen ----------------------------------------------------
# A migration is history: what it writes must not change when events/audit.py or
# events/canonical.py change later. So the few pieces it needs are copied here as they were
# when this revision was written (chain format 1), and must not be edited. The chain they write
# is verified by today's pledges/audit.py (tests/test_audit.py upgrades a 0003 database).

_GENESIS = "0" * 64
_FORMAT = 1
_INSTALLATION = 0
_INSTALLATION_UID = "INSTALASI"
_ATTENDEE_FIELDS = ("name", "category", "nip", "nik", "golongan", "jabatan", "unit", "phone",
                    "institution", "source", "invited", "note", "token")


def _canonical_json(value) -> bytes:
    """RFC 8785 JSON for records without floats (the records here hold none)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


def _attendee_digest(values: dict) -> str:
    record = {key: values.get(key) for key in _ATTENDEE_FIELDS}
    record["invited"] = bool(record["invited"])
    return hashlib.sha256(_canonical_json(record)).hexdigest()


def _start_chain(conn, event_id: int, uid: str, data: dict) -> None:
    """The chain's first entry, "chain_started", and its head row."""
    at = datetime.now().astimezone()
    body = _canonical_json({
        "v": _FORMAT, "chain": uid, "seq": 1, "at": at.isoformat(timespec="microseconds"),
        "action": "chain_started", "by": "", "place": "", "data": data,
    }).decode("utf-8")
    digest = hashlib.sha256(_GENESIS.encode("ascii") + b"\n" + body.encode("utf-8")).hexdigest()
    conn.execute(sa.text(
        "INSERT INTO audit_log (event_id, seq, body, prev_hash, hash) "
        "VALUES (:event_id, 1, :body, :prev_hash, :hash)"),
        {"event_id": event_id, "body": body, "prev_hash": _GENESIS, "hash": digest})
    conn.execute(sa.text(
        "INSERT INTO audit_heads (event_id, uid, seq, hash) VALUES (:event_id, :uid, 1, :hash)"),
        {"event_id": event_id, "uid": uid, "hash": digest})


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

    _start_chain(conn, _INSTALLATION, _INSTALLATION_UID, {})
    for event_id, uid in uids.items():
        _start_chain(conn, event_id, uid, {"baseline": _baseline(conn, event_id)})


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
        "attendees": [[p["token"], _attendee_digest(dict(p))] for p in people],
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
