"""Checking an event's audit trail (written by events/audit.py, verified here).

:func:`verify_chain` walks the chain from its first entry: each entry's hash must cover the
previous entry's hash and its own body, sequence numbers must run 1, 2, 3 ... without gaps or
repeats, each body must name its own place in the chain and the event, and the newest entry must
be the one the chain's head row names. The first entry that breaks one of these is reported as
changed, inserted, removed or moved (``reordered``).

An intact chain is then compared with the records themselves: every person on the roster, every
check-in, undo and signature must be the one the trail says was made. A roster row edited
directly in the database, or a check-in or signature slipped in without passing through Ikrar,
is reported as ``unlogged``.

Every field is held against the trail: the event's details (its digest in the newest
"event_created"/"event_updated" entry), each check-in's time, desk and operator, each undo's
time, desk, operator and reason (and an undone check-in must stay undone), each signature's
time, place, operator, pledge version and whether it is the person's current one, and every
pledge text the event adopted or someone signed (its stored words must still give its hash).

Checkpoints: the seal key signs the chain's head (:func:`checkpoint`) at every export made with
the key unlocked, on archiving (closing) the event with the key open, when signatures are
sealed, every :data:`CHECKPOINT_EVERY` while people sign, and on demand (``audit checkpoint``).
A checkpoint is itself an entry of the chain, holding the
Ed25519 signature over the chain's uid, the sequence number and hash of the entry before it.
A chain recomputed after an edit (every hash made anew) no longer matches the heads its
checkpoints signed, and nobody without the key can sign new ones; a chain whose event has seals
must hold at least one checkpoint. Entries after the newest checkpoint are reported as not yet
signed (``unsigned_tail``): what is cut off there is caught only through its records or a head
printed elsewhere.

``expected_head`` is a head hash printed earlier (in a Berita Acara): the chain must still hold
that entry, or entries were removed or rewritten since.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from hashlib import sha256
from typing import TYPE_CHECKING, Any, NamedTuple

import sqlalchemy as sa

from events import audit
from events import schema as event_schema
from events.dates import DEFAULT_ZONE, clock_seconds, format_moment_date, moment_text
from events.i18n import QT_TRANSLATE_NOOP
from events.store import Store, StoreError
from pledges import schema

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    from pledges.keys import SealKey

__all__ = ["AuditReport", "MESSAGES", "ACTION_LABELS", "audit_head", "verify_chain"]

MESSAGES = {
    "intact": QT_TRANSLATE_NOOP("Texts", "Jejak audit utuh: {detail} entri, tidak ada yang diubah, "
                                "disisipkan atau dihapus"),
    "no_chain": QT_TRANSLATE_NOOP("Texts", "Acara ini tidak memiliki jejak audit"),
    "changed": QT_TRANSLATE_NOOP("Texts", "Entri ke-{seq} jejak audit telah diubah"),
    "inserted": QT_TRANSLATE_NOOP(
        "Texts", "Entri ke-{seq} jejak audit disisipkan di luar aplikasi"),
    "removed": QT_TRANSLATE_NOOP("Texts", "Entri ke-{seq} jejak audit telah dihapus"),
    "reordered": QT_TRANSLATE_NOOP("Texts", "Urutan entri jejak audit diubah mulai entri ke-{seq}"),
    "anchor_missing": QT_TRANSLATE_NOOP("Texts", "Kode kepala jejak audit {detail} (dari Berita "
                                        "Acara) tidak ada lagi di jejak ini: entri telah dihapus "
                                        "atau ditulis ulang"),
    "unlogged": QT_TRANSLATE_NOOP("Texts", "Data acara tidak sesuai dengan jejak audit: {detail}"),
    "missing": QT_TRANSLATE_NOOP("Texts", "Data yang tercatat di jejak audit tidak ada lagi: "
                                 "{detail}"),
    "checkpoint": QT_TRANSLATE_NOOP("Texts", "Entri ke-{seq} jejak audit adalah titik tanda "
                                    "tangan kunci segel yang tidak sah lagi: jejak sebelum entri "
                                    "ini telah ditulis ulang"),
    "unsigned_chain": QT_TRANSLATE_NOOP("Texts", "Jejak audit acara bersegel ini tidak memuat "
                                        "satu pun tanda tangan kunci segel: jejak telah ditulis "
                                        "ulang"),
}

ACTION_LABELS = {
    "chain_started": QT_TRANSLATE_NOOP("Texts", "Jejak audit dimulai"),
    "event_created": QT_TRANSLATE_NOOP("Texts", "Acara dibuat"),
    "event_updated": QT_TRANSLATE_NOOP("Texts", "Data acara diubah"),
    "event_archived": QT_TRANSLATE_NOOP("Texts", "Acara diarsipkan"),
    "event_restored": QT_TRANSLATE_NOOP("Texts", "Acara dikembalikan dari arsip"),
    "attendees_added": QT_TRANSLATE_NOOP("Texts", "Peserta ditambahkan"),
    "attendees_imported": QT_TRANSLATE_NOOP("Texts", "Daftar undangan diimpor"),
    "attendee_updated": QT_TRANSLATE_NOOP("Texts", "Data peserta diubah"),
    "attendee_removed": QT_TRANSLATE_NOOP("Texts", "Peserta dihapus"),
    "checkin": QT_TRANSLATE_NOOP("Texts", "Hadir"),
    "walk_in": QT_TRANSLATE_NOOP("Texts", "Tamu tanpa undangan didaftarkan dan hadir"),
    "checkin_undone": QT_TRANSLATE_NOOP("Texts", "Kehadiran dibatalkan"),
    "checkin_offline_refused": QT_TRANSLATE_NOOP(
        "Texts", "Kehadiran luring tidak dipakai (sudah hadir lebih dulu)"),
    "offline_replayed": QT_TRANSLATE_NOOP("Texts", "Kehadiran luring dikirim ke server"),
    "pledge_adopted": QT_TRANSLATE_NOOP("Texts", "Teks ikrar dipilih"),
    "signature": QT_TRANSLATE_NOOP("Texts", "Tanda tangan"),
    "sealed": QT_TRANSLATE_NOOP("Texts", "Tanda tangan disegel"),
    "export": QT_TRANSLATE_NOOP("Texts", "Dokumen dibuat"),
    "key_created": QT_TRANSLATE_NOOP("Texts", "Kunci segel dibuat"),
    "checkpoint": QT_TRANSLATE_NOOP("Texts", "Kepala jejak ditandatangani kunci segel"),
}

CHECKPOINT = "checkpoint"
CHECKPOINT_DOMAIN = b"IKRAR-AUDIT-HEAD-1\x00"
CHECKPOINT_EVERY = timedelta(minutes=10)


@dataclass
class AuditReport:
    """The answer of :func:`verify_chain`.

    Attributes:
        status: "intact" or "broken".
        problem: None when intact, else a key of MESSAGES ("changed", "inserted", ...).
        seq: the first entry concerned (0 when none).
        entries: how many entries the chain holds.
        head_seq, head_hash: the newest entry.
        detail: what a person needs to find the problem (a name, a time).
        anchor_seq: the entry whose hash is ``expected_head``, when one was given and found.
    """

    status: str
    problem: str | None = None
    seq: int = 0
    entries: int = 0
    head_seq: int = 0
    head_hash: str = ""
    detail: str = ""
    anchor_seq: int = 0
    actions: dict[str, int] = field(default_factory=dict)
    checkpoint_seq: int = 0  # the newest valid checkpoint (0: none)
    unsigned_tail: int = 0  # entries after it

    @property
    def intact(self) -> bool:
        return self.status == "intact"

    @property
    def message(self) -> str:
        key = self.problem or "intact"
        detail = self.detail if self.problem else str(self.entries)
        return MESSAGES[key].format(seq=self.seq, detail=detail)

    def as_dict(self) -> dict[str, Any]:
        return {"status": self.status, "problem": self.problem, "seq": self.seq,
                "entries": self.entries, "head_seq": self.head_seq,
                "head_hash": self.head_hash, "detail": self.detail,
                "anchor_seq": self.anchor_seq, "checkpoint_seq": self.checkpoint_seq,
                "unsigned_tail": self.unsigned_tail, "message": self.message}


def audit_head(store: Store, event_id: int) -> tuple[int, str] | None:
    """(sequence number, hash) of the event's newest audit entry: what the Berita Acara prints."""
    with store.connection() as conn:
        found = audit.head(conn, event_id)
    return (found[0], found[1]) if found else None


def audit_entries(store: Store, event_id: int) -> list[audit.AuditEntry]:
    """The event's audit entries as stored, by sequence number: what the audit views list."""
    with store.connection() as conn:
        return audit.entries(conn, event_id)


def _broken(problem: str, seq: int, count: int, detail: str = "") -> AuditReport:
    return AuditReport("broken", problem, seq, count, detail=detail)


# A parsed audit entry (JSON): "action", "at", "data", "chain", "seq".
Body = dict[str, Any]


def _walk(rows: Sequence[tuple[int, str, str, str]], uid: str
          ) -> tuple[AuditReport | None, list[Body]]:
    """Check the links; the parsed bodies when they hold. ``rows``: (seq, body, prev_hash,
    hash) tuples in sequence order."""
    prev: str = audit.GENESIS
    before_prev: str | None = None
    expected = 1
    bodies: list[Body] = []
    count = len(rows)
    hashes = {row[3] for row in rows}
    loads = json.loads
    for seq, text, prev_hash, digest in rows:
        if sha256(f"{prev_hash}\n{text}".encode()).hexdigest() != digest:
            return _broken("changed", seq, count), bodies
        if seq != expected:
            if seq < expected:
                return _broken("inserted", seq, count), bodies
            return _broken("removed", expected, count), bodies
        try:
            body = loads(text)
        except ValueError:
            return _broken("changed", seq, count), bodies
        if body.get("chain") != uid:
            # A well-formed entry of another chain (another event's log copied in).
            foreign = isinstance(body.get("chain"), str) and body.get("action")
            return _broken("inserted" if foreign else "changed", seq, count), bodies
        if body.get("seq") != seq:
            claimed = body.get("seq")
            if not isinstance(claimed, int) or isinstance(claimed, bool) or claimed < 1:
                return _broken("changed", seq, count), bodies
            # Entries renumbered to hide a gap or make room: this one was made right after
            # the entry two places back (one was slipped in before it), or after an entry no
            # longer in the chain (one was taken out here).
            if claimed == seq - 1 and prev_hash == before_prev:
                return _broken("inserted", seq - 1, count), bodies
            if claimed > seq and prev_hash != prev and prev_hash not in hashes:
                return _broken("removed", seq, count), bodies
            return _broken("reordered", seq, count), bodies
        if prev_hash != prev:
            # This entry was made after another one than the entry now before it: that one
            # was rewritten (its own hash recomputed to hide it).
            return _broken("changed", seq - 1, count), bodies
        bodies.append(body)
        prev, before_prev, expected = digest, prev, expected + 1
    return None, bodies


def verify_chain(store: Store, event_id: int, expected_head: str | None = None, *,
                 trusted_keys: dict[str, Ed25519PublicKey] | None = None) -> AuditReport:
    """Verify the event's audit chain, then the records against it (see the module doc).
    ``trusted_keys``: the only seal keys whose checkpoints count (the organizer's public key
    file); by default every key this database knows (which whoever can write to it can add
    to)."""
    with store.connection() as conn:
        found = conn.execute(sa.select(event_schema.events.c.uid,
                                       event_schema.events.c.time_zone)
                             .where(event_schema.events.c.id == event_id)).first()
        uid, zone = (found[0], found[1]) if found is not None else (None, DEFAULT_ZONE)
        if uid is None and event_id != audit.INSTALLATION:
            raise StoreError("not_found", f"acara {event_id}")
        uid = uid or audit.INSTALLATION_UID
        head = audit.head(conn, event_id)
        rows = audit.entry_rows(conn, event_id)
        records = _records(conn, event_id) if event_id != audit.INSTALLATION else None
        sealed = event_id != audit.INSTALLATION and conn.execute(
            sa.select(schema.seals.c.signature_id)
            .join(schema.signatures, schema.signatures.c.id == schema.seals.c.signature_id)
            .where(schema.signatures.c.event_id == event_id).limit(1)).first() is not None
    count = len(rows)
    if not rows and head is None:
        return _broken("no_chain", 0, 0)
    report, bodies = _walk(rows, uid)
    if report is not None:
        return report
    last = rows[-1] if rows else None  # (seq, body, prev_hash, hash)
    last_seq, last_hash = (last[0], last[3]) if last else (0, audit.GENESIS)
    if head is not None:
        head_seq, head_hash, _ = head
        if head_seq > last_seq:
            return _broken("removed", last_seq + 1, count)
        if head_seq < last_seq:
            return _broken("inserted", head_seq + 1, count)
        if head_hash != last_hash:
            return _broken("changed", last_seq, count)
    anchor = 0
    if expected_head:
        wanted = expected_head.strip().lower()
        anchor = next((seq for seq, _, _, digest in rows if digest == wanted), 0)
        if not anchor:
            return _broken("anchor_missing", 0, count, expected_head.strip())
    from pledges.keys import known_public_keys

    keys = trusted_keys if trusted_keys is not None else known_public_keys(store)
    checkpoints = _checkpoints(rows, bodies, uid, keys)
    if isinstance(checkpoints, AuditReport):
        return checkpoints
    if sealed and not checkpoints:
        return _broken("unsigned_chain", 0, count)
    if records is not None:
        problem, detail = _compare(bodies, *records[:3], zone=zone)
        if not problem:
            problem, detail = _compare_fields(bodies, records)
        if problem:
            return _broken(problem, 0, count, detail)
    actions: dict[str, int] = {}
    for body in bodies:
        actions[body["action"]] = actions.get(body["action"], 0) + 1
    newest = checkpoints[-1] if checkpoints else 0
    return AuditReport("intact", None, 0, count, last_seq, last_hash, anchor_seq=anchor,
                       actions=actions, checkpoint_seq=newest, unsigned_tail=last_seq - newest)


# -- checkpoints: the head signed by the seal key ----------------------------------------------


def _checkpoint_message(uid: str, seq: int, head: str) -> bytes:
    return CHECKPOINT_DOMAIN + f"{uid}\n{seq}\n{head}".encode()


def checkpoint(store: Store, key: SealKey, event_id: int, *, actor: str = "") -> int:
    """Sign the event's chain head with the seal key, as a new entry; its sequence number."""
    with store.transaction() as conn:
        return checkpoint_in_transaction(conn, key, event_id, actor=actor)


def checkpoint_in_transaction(conn: sa.Connection, key: SealKey, event_id: int, *,
                              actor: str = "") -> int:
    """:func:`checkpoint` inside the caller's transaction (after the entries it covers)."""
    found = audit.head(conn, event_id)
    if found is None:
        raise LookupError(f"event {event_id} has no audit chain")
    seq, head, uid = found
    signature = key.sign(_checkpoint_message(uid, seq, head))
    audit.append(conn, event_id, CHECKPOINT, {
        "seq": seq, "head": head, "key": key.fingerprint,
        "signature": base64.b64encode(signature).decode("ascii")}, actor=actor)
    _last_checkpoint[(str(conn.engine.url), uid)] = datetime.now().astimezone()
    return seq + 1


# (database, chain uid) -> when this process last signed that chain's head
_last_checkpoint: dict[tuple[str, str], datetime] = {}


def checkpoint_if_due(conn: sa.Connection, key: SealKey, event_id: int, *,
                      every: timedelta = CHECKPOINT_EVERY) -> bool:
    """Sign the head inside the caller's transaction when this process has not signed it for
    ``every`` (the first call of a run looks up the chain's newest checkpoint). Until one is
    due the head is read as it stood (a signature's own entry, on a server, still waits for
    COMMIT and holds nothing)."""
    found = audit.head(conn, event_id, pending=False)
    if found is None:
        return False
    slot = (str(conn.engine.url), found[2])
    last = _last_checkpoint.get(slot)
    if last is None:
        log = event_schema.audit_log
        body = conn.execute(
            sa.select(log.c.body).where(log.c.event_id == event_id,
                                        log.c.body.contains(f'"action":"{CHECKPOINT}"'))
            .order_by(log.c.seq.desc()).limit(1)).scalar()
        at = json.loads(body).get("at") if body else None
        last = datetime.fromisoformat(at) if isinstance(at, str) else datetime.min.replace(
            tzinfo=datetime.now().astimezone().tzinfo)
        _last_checkpoint[slot] = last
    if datetime.now().astimezone() - last < every:
        return False
    checkpoint_in_transaction(conn, key, event_id)
    return True


def _checkpoints(rows: Sequence[tuple[int, str, str, str]], bodies: list[Body], uid: str,
                 keys: dict[str, Ed25519PublicKey]) -> list[int] | AuditReport:
    """The sequence numbers of the chain's checkpoints, each checked: it must sign the entry
    right before it, by a known seal key. The report of the first that does not."""
    from cryptography.exceptions import InvalidSignature

    found = []
    for (seq, _, prev_hash, _), body in zip(rows, bodies, strict=False):
        if body.get("action") != CHECKPOINT:
            continue
        data = body.get("data") or {}
        public = keys.get(str(data.get("key")))
        try:
            signature = base64.b64decode(str(data.get("signature")), validate=True)
            if public is None or data.get("seq") != seq - 1 or data.get("head") != prev_hash:
                raise ValueError("not this head")
            public.verify(signature, _checkpoint_message(uid, seq - 1, prev_hash))
        except (ValueError, binascii.Error, InvalidSignature):
            return _broken("checkpoint", seq, len(rows))
        found.append(seq)
    return found


# -- the records against the trail ----------------------------------------------------------------


def _moment(value: str | datetime) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


class _Records(NamedTuple):
    """What the database holds of an event, to hold against its trail."""

    people: list[tuple[int, dict[str, Any]]]  # attendee id, audit.ATTENDEE_FIELDS values
    checkins: Sequence[sa.Row[int, str, str | None]]  # attendee id, at, undone at
    signatures: Sequence[sa.Row[int | None, str]]  # attendee id, strokes digest
    # attendee id, at, undone at, desk, operator, undo reason, undone by, undone desk
    checkin_details: Sequence[tuple[Any, ...]]
    # id, attendee id, role, strokes, signed at, place, operator, pledge, superseded at
    signature_details: Sequence[tuple[Any, ...]]
    event_digest: str  # of the event's stored details, as events.store computes it
    texts: list[tuple[str, str]]  # (hash, stored canonical content) of its pledge versions


def _event_digest(conn: sa.Connection, event_id: int) -> str:
    """The digest events.store enters for the event's details, from the row as stored (read
    and digested by the store's own functions)."""
    e = event_schema.events
    row = conn.execute(sa.select(e).where(e.c.id == event_id)).first()
    if row is None:
        return ""
    event = Store._event_from_row(row, [])  # noqa: SLF001  (the store's own reading of it)
    return Store._event_digest(Store._event_values(event))  # noqa: SLF001


def _records(conn: sa.Connection, event_id: int) -> _Records:
    a = event_schema.attendees
    c = event_schema.checkins
    s = schema.signatures
    fields = audit.ATTENDEE_FIELDS
    people = [(row[0], dict(zip(fields, row[1:], strict=True))) for row in conn.execute(
        sa.select(a.c.id, *(a.c[name] for name in fields)).where(a.c.event_id == event_id))]
    details = conn.execute(
        sa.select(c.c.attendee_id, sa.type_coerce(c.c.checked_in_at, sa.String),
                  sa.type_coerce(c.c.undone_at, sa.String), c.c.desk, c.c.operator,
                  c.c.undo_reason, c.c.undone_by, c.c.undone_desk)
        .where(c.c.event_id == event_id)).all()
    checkins = [row[:3] for row in details]
    signature_details = conn.execute(
        sa.select(s.c.id, s.c.attendee_id, s.c.role, s.c.strokes_sha256,
                  sa.type_coerce(s.c.signed_at, sa.String), s.c.place, s.c.operator,
                  s.c.pledge_hash, s.c.superseded_at)
        .where(s.c.event_id == event_id).order_by(s.c.id)).all()
    signatures = [(row[1], row[3]) for row in signature_details]
    v, ep = schema.pledge_versions, schema.event_pledges
    used = sa.union(sa.select(ep.c.pledge_hash).where(ep.c.event_id == event_id),
                    sa.select(s.c.pledge_hash).where(s.c.event_id == event_id)).subquery()
    texts = [(row[0], row[1]) for row in conn.execute(
        sa.select(v.c.hash, v.c.content).where(v.c.hash.in_(sa.select(used.c[0]))))]
    return _Records(people, checkins, signatures,  # type: ignore[arg-type]
                    details, signature_details, _event_digest(conn, event_id), texts)


def _compare(bodies: list[Body], people: list[tuple[int, dict[str, Any]]],
             checkins: Sequence[sa.Row[int, str, str | None]],
             signatures: Sequence[sa.Row[int | None, str]], *,
             zone: str = DEFAULT_ZONE) -> tuple[str, str]:
    """(problem, detail): "unlogged" with what in the records the trail does not account for,
    "missing" with what the trail holds that the records lost, ("", "") when they agree."""
    digests: dict[str, str] = {}
    made: set[tuple[str | None, datetime]] = set()
    undone: set[tuple[str | None, datetime]] = set()
    signed: dict[tuple[str | None, str], int] = {}

    def add_signature(token: str | None, strokes: str) -> None:
        signed[(token, strokes)] = signed.get((token, strokes), 0) + 1

    for body in bodies:
        action, data = body["action"], body.get("data") or {}
        if action == "chain_started":
            base = data.get("baseline") or {}
            for token, digest in base.get("attendees", []):
                digests[token] = digest
            for token, at, undo in base.get("checkins", []):
                made.add((token, _moment(at)))
                if undo:
                    undone.add((token, _moment(at)))
            for token, strokes in base.get("signatures", []):
                add_signature(token, strokes)
        elif action in ("attendees_added", "attendees_imported"):
            for token, digest in data.get("people", []):
                digests[token] = digest
        elif action == "attendee_updated":
            digests[data["token"]] = data["digest"]
        elif action == "attendee_removed":
            digests.pop(data["token"], None)
        elif action in ("checkin", "walk_in"):
            made.add((data["token"], _moment(body["at"])))
            if action == "walk_in":
                digests[data["token"]] = data["digest"]
        elif action == "checkin_undone":
            undone.add((data["token"], _moment(data["checked_in_at"])))
        elif action == "signature":
            add_signature(data.get("token"), data["strokes"])

    tokens: dict[int, str] = {}
    for attendee_id, values in people:
        tokens[attendee_id] = values["token"]
        logged = digests.pop(values["token"], None)
        if logged is None:
            return "unlogged", f"peserta {values['name']} tidak tercatat ditambahkan"
        if logged != audit.attendee_digest(values):
            return "unlogged", f"data peserta {values['name']} diubah di luar aplikasi"
    if digests:
        return "unlogged", f"{len(digests)} peserta dihapus di luar aplikasi"
    names = {attendee_id: values["name"] for attendee_id, values in people}
    named = {values["token"]: values["name"] for _, values in people}
    unseen = set(made)
    for attendee_id, at, undo in checkins:
        token = tokens.get(attendee_id)
        if (token, _moment(at)) not in made:
            who = names.get(attendee_id, attendee_id)
            return "unlogged", f"kehadiran {who} {moment_text(_moment(at), zone)} tidak tercatat"
        unseen.discard((token, _moment(at)))
        if undo is not None and (token, _moment(at)) not in undone:
            who = names.get(attendee_id, attendee_id)
            return "unlogged", f"pembatalan kehadiran {who} tidak tercatat"
    for signer_id, strokes in signatures:
        key = (tokens.get(signer_id) if signer_id is not None else None, strokes)
        if signed.get(key, 0) <= 0:
            who = names.get(signer_id, "saksi") if signer_id is not None else "saksi"
            return "unlogged", f"tanda tangan {who} tidak tercatat"
        signed[key] -= 1
    gone = _missing(unseen, signed, named, zone)
    return ("missing", gone) if gone else ("", "")


def _missing(unseen: set[tuple[str | None, datetime]], signed: dict[tuple[str | None, str], int],
             named: dict[str | None, str], zone: str) -> str:
    """Records the trail holds that the database no longer does ("" when none)."""
    for token, at in sorted(unseen, key=lambda item: item[1]):
        return (f"kehadiran {named.get(token, token)} {format_moment_date(at, zone)} pukul "
                f"{clock_seconds(at, zone)} {zone}")
    for (token, _strokes), count in signed.items():
        if count > 0:
            who = named.get(token, token) if token is not None else "saksi"
            return f"tanda tangan {who}"
    return ""


def _compare_fields(bodies: list[Body], records: _Records) -> tuple[str, str]:
    """(problem, detail) for a field of the event, a check-in, an undo, a signature or a
    pledge text that is not what the trail says ("", "") when every one is."""
    from pledges.texts import from_canonical, version_hash

    event_digest: str | None = None
    desks: dict[tuple[str | None, datetime], tuple[str, str]] = {}
    undos: dict[tuple[str | None, datetime], tuple[datetime, str, str, str]] = {}
    signed: dict[str | None, list[tuple[str, datetime, str, str, str]]] = {}
    for body in bodies:
        action, data = body["action"], body.get("data") or {}
        if action in ("event_created", "event_updated") and data.get("digest"):
            event_digest = data["digest"]
        elif action in ("checkin", "walk_in"):
            desks[(data["token"], _moment(body["at"]))] = (body.get("place", ""),
                                                            body.get("by", ""))
        elif action == "checkin_undone":
            undos[(data["token"], _moment(data["checked_in_at"]))] = (
                _moment(body["at"]), data.get("reason") or "", body.get("by", ""),
                body.get("place", ""))
        elif action == "signature":
            signed.setdefault(data.get("token"), []).append(
                (data["strokes"], _moment(body["at"]), body.get("place", ""),
                 body.get("by", ""), data.get("pledge") or ""))
    if event_digest is not None and event_digest != records.event_digest:
        return "unlogged", ("data acara (nama, tanggal, nomor surat, pejabat atau lainnya) "
                            "diubah di luar aplikasi")
    for hash_, content in records.texts:
        try:
            intact = version_hash(from_canonical(content)) == hash_
        except (ValueError, KeyError, TypeError):
            intact = False
        if not intact:
            return "unlogged", f"teks ikrar versi {hash_[:12]} diubah di luar aplikasi"
    tokens = {attendee_id: values["token"] for attendee_id, values in records.people}
    names = {attendee_id: values["name"] for attendee_id, values in records.people}
    for attendee_id, at, undone_at, desk, operator, reason, undone_by, undone_desk \
            in records.checkin_details:
        key = (tokens.get(attendee_id), _moment(at))
        who = names.get(attendee_id, attendee_id)
        logged = desks.get(key)
        if logged is not None and logged != (desk, operator):
            return "unlogged", f"meja atau petugas kehadiran {who} pukul {at} diubah"
        undo = undos.get(key)
        if undo is not None and undone_at is None:
            return "unlogged", f"kehadiran {who} yang dibatalkan diaktifkan lagi"
        if undo is not None and undo != (_moment(undone_at), reason or "", undone_by,
                                         undone_desk):
            return "unlogged", f"pembatalan kehadiran {who} (waktu, alasan, meja atau " \
                               "petugas) diubah"
    for _, attendee_id, _role, strokes, at, place, operator, pledge, superseded \
            in records.signature_details:
        token = tokens.get(attendee_id) if attendee_id is not None else None
        who = names.get(attendee_id, "saksi") if attendee_id is not None else "saksi"
        history = signed.get(token)
        if not history:
            continue  # from before the trail recorded signatures in full (a baseline)
        matches = [i for i, item in enumerate(history) if item[0] == strokes]
        if not matches:
            continue  # _compare reports it
        if not any(history[i][1:] == (_moment(at), place, operator, pledge) for i in matches):
            return "unlogged", f"tanda tangan {who} (waktu, tempat, petugas atau versi teks) " \
                               "diubah"
        current = len(history) - 1 in matches and history[-1][1] == _moment(at)
        if current != (superseded is None):
            return "unlogged", f"status berlaku tanda tangan {who} diubah di luar aplikasi"
    return "", ""
