"""The audit trail: an append-only, hash-chained log of every change to an event's record.

Each event has one chain. An entry's ``body`` is canonical JSON (events.canonical) holding the
chain's identifier (the event's ``uid``), its sequence number, the time, the action, who did it
and where, and the action's data; its ``hash`` is SHA-256 over the previous entry's hash, a
newline and the body. Changing, inserting, removing or reordering an entry therefore breaks the
chain from that point (pledges.audit verifies it). ``audit_heads`` holds each chain's newest
sequence number and hash; every append locks that row first, so appends from several desks are
serialised and a chain never forks. On a server the append is one statement that reaches the
server with the transaction's COMMIT (events.database.send_with_commit): the server takes the
next number and computes the hash itself, so the head row is held for the server's
microseconds, never while a desk (a frozen laptop, a dropped link) is between round trips.

Every append happens inside the transaction of the change it records: the change and its entry
are committed together, or neither is.

Entries name people by their invitation token and events by their uid, never by database ids,
so a chain stays valid when an event moves to another database.

Chain 0 belongs to the installation itself (seal keys), not to an event.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from events import schema
from events.canonical import canonical_json, sha256_hex
from events.database import flush_queued, send_with_commit
from events.types import now

__all__ = [
    "ATTENDEE_FIELDS", "GENESIS", "INSTALLATION", "INSTALLATION_UID", "AuditEntry", "append",
    "attendee_digest", "attendee_record", "entries", "head", "start_chain",
]

GENESIS = "0" * 64  # the "previous hash" of a chain's first entry
FORMAT = 1
INSTALLATION = 0  # the chain of the installation (seal keys)
INSTALLATION_UID = "INSTALASI"

_LOG = schema.audit_log
_HEADS = schema.audit_heads

# Locks the chain's head and takes the next sequence number, in one statement.
_TAKE = (
    sa.update(_HEADS)
    .where(_HEADS.c.event_id == sa.bindparam("chain"))
    .values(seq=_HEADS.c.seq + 1)
    .returning(_HEADS.c.seq, _HEADS.c.hash, _HEADS.c.uid)
)
_INSERT = sa.insert(_LOG)
_MOVE = (
    sa.update(_HEADS)
    .where(_HEADS.c.event_id == sa.bindparam("chain"))
    .values(hash=sa.bindparam("new_hash"))
)


@dataclass(frozen=True)
class AuditEntry:
    """One entry as stored (``body`` is the canonical JSON that was hashed)."""

    event_id: int
    seq: int
    body: str
    prev_hash: str
    hash: str

    @property
    def content(self) -> dict[str, Any]:
        content: dict[str, Any] = json.loads(self.body)
        return content

    @property
    def action(self) -> str:
        return str(self.content.get("action", ""))

    @property
    def at(self) -> datetime | None:
        text = self.content.get("at")
        return datetime.fromisoformat(text) if text else None


def entry_hash(prev_hash: str, body: str | bytes) -> str:
    if isinstance(body, str):
        body = body.encode("utf-8")
    return sha256_hex(prev_hash.encode("ascii") + b"\n" + body)


def _body(uid: str, seq: int | str, at: datetime, action: str, data: Mapping[str, object],
          actor: str, place: str) -> str:
    return canonical_json({
        "v": FORMAT, "chain": uid, "seq": seq, "at": at.isoformat(timespec="microseconds"),
        "action": action, "by": actor, "place": place, "data": data,
    }).decode("utf-8")


def start_chain(conn: sa.Connection, event_id: int, uid: str, action: str,
                data: Mapping[str, object], *,
                actor: str = "", place: str = "", at: datetime | None = None) -> str:
    """Create the chain of a new event (or the installation) with its first entry."""
    body = _body(uid, 1, at or now(), action, data, actor, place)
    digest = entry_hash(GENESIS, body)
    conn.execute(_INSERT, {"event_id": event_id, "seq": 1, "body": body,
                           "prev_hash": GENESIS, "hash": digest})
    conn.execute(sa.insert(_HEADS), {"event_id": event_id, "uid": uid, "seq": 1,
                                     "hash": digest})
    return digest


# The same append on PostgreSQL, in one statement the server runs at COMMIT: the body is the
# entry's canonical JSON with the chain's uid and the sequence number filled in by the server
# (p1 + uid + p2 + seq + p3), and its hash is SHA-256 over the previous hash, a newline and the
# body, as entry_hash computes it. A chain without a head leaves seq NULL: the insert fails.
# The common table expressions of that statement; {guard} is an extra condition (a check-in's
# statement appends only when its row was made).
SERVER_APPEND_CTES = """
old AS (
    SELECT seq, hash, uid FROM audit_heads WHERE event_id = %(chain)s{guard} FOR UPDATE),
new AS (
    SELECT seq + 1 AS seq, hash AS prev,
           %(p1)s || to_json(uid)::text || %(p2)s || (seq + 1)::text || %(p3)s AS body
    FROM old),
moved AS (
    UPDATE audit_heads h
    SET seq = new.seq,
        hash = encode(sha256(convert_to(new.prev || chr(10) || new.body, 'UTF8')), 'hex')
    FROM new WHERE h.event_id = %(chain)s
    RETURNING h.seq, h.hash, new.prev, new.body)"""
_SERVER_APPEND = "WITH " + SERVER_APPEND_CTES.format(guard="") + """
INSERT INTO audit_log (event_id, seq, body, prev_hash, hash)
VALUES (%(chain)s, (SELECT seq FROM moved), (SELECT body FROM moved),
        (SELECT prev FROM moved), (SELECT hash FROM moved))
"""
_UID_MARK, _SEQ_MARK = "\ue000", "\ue001"  # placeholders the server replaces


def _server_parts(body: str) -> tuple[str, str, str]:
    """The body written with the placeholders, cut around them (p1, p2, p3). The chain's key
    comes before "data" and "seq" after it; inside strings quotes are escaped, so only the
    top-level keys match."""
    before, mark, after = body.partition(f'"chain":"{_UID_MARK}"')
    middle, mark2, tail = after.rpartition(f'"seq":"{_SEQ_MARK}"')
    if not mark or not mark2:
        raise ValueError("audit body without its placeholders")
    return before + '"chain":', middle + '"seq":', tail


def server_parts(action: str, data: Mapping[str, object], *, actor: str = "", place: str = "",
                 at: datetime | None = None) -> dict[str, str]:
    """The parameters p1, p2, p3 of :data:`SERVER_APPEND_CTES` for this entry."""
    body = _body(_UID_MARK, _SEQ_MARK, at or now(), action, data, actor, place)
    p1, p2, p3 = _server_parts(body)
    return {"p1": p1, "p2": p2, "p3": p3}


def append(conn: sa.Connection, event_id: int, action: str, data: Mapping[str, object], *,
           actor: str = "", place: str = "", at: datetime | None = None) -> str | None:
    """Append an entry to the event's chain inside the caller's transaction; its hash, or None
    on a server, where the entry is made at COMMIT (see the module's note)."""
    if conn.dialect.name == "postgresql" and send_with_commit(
            conn, _SERVER_APPEND, {"chain": event_id, **server_parts(
                action, data, actor=actor, place=place, at=at)}):
        return None
    row = conn.execute(_TAKE, {"chain": event_id}).first()
    if row is None:
        raise LookupError(f"event {event_id} has no audit chain")
    seq, prev, uid = row
    body = _body(uid, seq, at or now(), action, data, actor, place)
    digest = entry_hash(prev, body)
    conn.execute(_INSERT, {"event_id": event_id, "seq": seq, "body": body, "prev_hash": prev,
                           "hash": digest})
    conn.execute(_MOVE, {"chain": event_id, "new_hash": digest})
    return digest


def head(conn: sa.Connection, event_id: int, *,
         pending: bool = True) -> tuple[int, str, str] | None:
    """(sequence number, hash, uid) of the chain's newest entry, as the head row says: with
    the entries this transaction has appended (``pending``; on a server they are otherwise made
    at COMMIT, and making them now holds the head until then), or as it stood before them."""
    if pending:
        flush_queued(conn)
    row = conn.execute(
        sa.select(_HEADS.c.seq, _HEADS.c.hash, _HEADS.c.uid)
        .where(_HEADS.c.event_id == event_id)
    ).first()
    return tuple(row) if row else None


def entry_rows(conn: sa.Connection, event_id: int) -> list[tuple[int, str, str, str]]:
    """The chain's entries as (seq, body, prev_hash, hash), by sequence number: what
    verification reads (20,000 of them for a 10,000-person event)."""
    rows = conn.execute(
        sa.select(_LOG.c.seq, _LOG.c.body, _LOG.c.prev_hash, _LOG.c.hash)
        .where(_LOG.c.event_id == event_id)
        .order_by(_LOG.c.seq, _LOG.c.id)
    ).all()
    return [tuple(row) for row in rows]  # plain tuples: a Row's attributes cost a lookup each


def entries(conn: sa.Connection, event_id: int) -> list[AuditEntry]:
    """The chain's entries as stored, by sequence number."""
    rows = conn.execute(
        sa.select(_LOG.c.seq, _LOG.c.body, _LOG.c.prev_hash, _LOG.c.hash)
        .where(_LOG.c.event_id == event_id)
        .order_by(_LOG.c.seq, _LOG.c.id)
    ).all()
    return [AuditEntry(event_id, seq, body, prev, digest) for seq, body, prev, digest in rows]


# -- what entries say about people ---------------------------------------------------------------

ATTENDEE_FIELDS = ("name", "category", "nip", "nik", "golongan", "jabatan", "unit", "phone",
                    "institution", "source", "invited", "note", "token")


_FLAT = frozenset((str, int, bool, type(None)))


def attendee_record(values: object) -> dict[str, Any]:
    """The attendee's stored values (a row, a dict of columns, or an object with those
    attributes) as a plain dict."""
    columns: Mapping[str, Any]
    if isinstance(values, dict):
        columns = values
    else:
        mapping = getattr(values, "_mapping", None)  # a database row: its columns by name
        if mapping is not None:
            columns = mapping
        else:
            columns = {key: getattr(values, key) for key in ATTENDEE_FIELDS}
    record = {key: columns.get(key) for key in ATTENDEE_FIELDS}
    record["invited"] = bool(record["invited"])
    return record


def attendee_digest(values: object) -> str:
    """SHA-256 of the attendee's stored values: an entry holds this, not the personal data, so
    the trail proves what the roster said without copying NIPs and phone numbers into it.

    The record is flat (strings, None, a boolean), so its canonical JSON is written here
    directly: the same bytes as events.canonical.canonical_json, at a fraction of the cost when
    a 10,000-person roster is checked against its trail."""
    record = attendee_record(values)
    if not _FLAT.issuperset(map(type, record.values())):
        return sha256_hex(canonical_json(record))  # refuses floats, handles anything else
    # Keys in sorted order, each value as json.dumps writes it (strings by json's C encoder).
    text = ",".join(f"{_KEYS[key]}{_json_value(record[key])}" for key in _SORTED_FIELDS)
    return hashlib.sha256(("{" + text + "}").encode("utf-8")).hexdigest()


_SORTED_FIELDS = tuple(sorted(ATTENDEE_FIELDS))
_KEYS = {key: json.dumps(key) + ":" for key in ATTENDEE_FIELDS}
_encode_string = json.encoder.encode_basestring  # what json.dumps(ensure_ascii=False) uses


def _json_value(value: object) -> str:
    if type(value) is str:
        return _encode_string(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    return json.dumps(value)  # an int
