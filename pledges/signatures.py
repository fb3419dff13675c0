"""Signatures: each bound to the exact pledge version signed, committed in one transaction.

A record holds the attendee (None for the witnessing official), the pledge version's hash, the
strokes (:func:`pledges.strokes.encode`) and their SHA-256, the pad's size, the consent notice's
version, the time (with its UTC offset), the place ("Meja 1", "Stasiun TTD 2", later a phone)
and the operator. Signing again supersedes the person's current signature: the earlier one stays
as history with ``superseded_at`` set. The witness ("Menyaksikan") signs once per event; a new
witness signature supersedes the previous one.

One current signature per person (and one witness signature per event) is a partial unique
index; rows are never changed except ``superseded_at``, once (triggers of migration 0003).
Signing does not need a check-in (people may sign later, from the roster).

Usage::

    version = event_pledge(store, event_id)          # what the screen shows
    record = sign(store, event_id, attendee_id, strokes, 600, 300, place="Meja 1",
                  operator="Rina", pledge_hash=version.hash)
    # committed: now the screen may say "Terima kasih"
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy import exc

from events import audit
from events import schema as event_schema
from events.checkins import PresenceRace, record_presence
from events.dates import in_zone, zone_of
from events.i18n import QT_TRANSLATE_NOOP
from events.model import Attendee, Event
from events.store import Store, StoreError
from events.types import now
from pledges import schema
from pledges import strokes as stroke_model
from pledges.texts import CONSENT_VERSION

if TYPE_CHECKING:  # the seal modules load cryptography: only when a signature is sealed
    from pledges.keys import SealKey

__all__ = [
    "ATTENDEE", "MESSAGES", "SignatureRecord", "SignatureRefused", "WITNESS",
    "SignatureChanges", "SignatureMark", "current_signature", "current_signatures",
    "marks_fingerprint", "sign", "signature_changes", "signature_marks", "sign_witness",
    "signature_history",
    "signed_ids", "unsigned", "witness_history", "witness_signature",
]

ATTENDEE = "attendee"
WITNESS = "witness"

MESSAGES = {
    **stroke_model.SIGNATURE_MESSAGES,
    "no_pledge": QT_TRANSLATE_NOOP("Texts", "Acara ini belum memiliki teks ikrar; pilih teks ikrar "
                                   "dulu sebelum penandatanganan"),
    "pledge_changed": QT_TRANSLATE_NOOP("Texts", "Teks ikrar acara ini baru saja diganti; "
                                        "tampilkan teks yang baru dan minta tanda tangan ulang"),
    "attendee_not_found": QT_TRANSLATE_NOOP("Texts", "Peserta tidak ditemukan pada acara ini: "
                                            "{detail}"),
    "bad_pad": QT_TRANSLATE_NOOP("Texts", "Ukuran bidang tanda tangan tidak sah"),
}


class SignatureRefused(StoreError):
    """The signature is not recorded (nothing was written); ``code`` says why: "empty", "dot",
    "line" (the strokes), "no_pledge", "pledge_changed", "attendee_not_found", "bad_pad"."""

    messages = MESSAGES


@dataclass
class SignatureRecord:
    """One stored signature.

    Attributes:
        attendee_id: None for the witness.
        role: "attendee" or "witness".
        pledge_hash: the version signed (pledges.texts.get_version gives its text).
        strokes: the decoded strokes; strokes_sha256 the digest of their encoding.
        signed_at: aware local time; superseded_at: None while current.
        intact: the stored strokes still match strokes_sha256.
        checked_in: signing also recorded the person present (they had not passed the desk);
            known only on the record :func:`sign` returns.
    """

    id: int
    event_id: int
    attendee_id: int | None
    role: str
    pledge_hash: str
    strokes: list[stroke_model.Stroke]
    strokes_sha256: str
    pad_width: int
    pad_height: int
    consent_version: str
    signed_at: datetime
    place: str = ""
    operator: str = ""
    superseded_at: datetime | None = None
    intact: bool = True
    checked_in: bool = field(default=False, compare=False)

    @property
    def current(self) -> bool:
        return self.superseded_at is None

    def render_png(self, out_width: int = 600, out_height: int | None = None,
                   background: str = "transparent",
                   color: tuple[int, int, int] = stroke_model.INK,
                   supersample: int = 3) -> bytes:
        return stroke_model.render_png(self.strokes, self.pad_width, self.pad_height,
                                       out_width, out_height, background, color, supersample)

    def to_dict(self, zone: Event | str | None = None) -> dict[str, Any]:
        """The signature as the command line's JSON answers show it (not its strokes), its
        moment on the event's clock (``zone``: the event or its zone name; None for WIB)."""
        return {"id": self.id, "attendee_id": self.attendee_id, "role": self.role,
                "pledge_hash": self.pledge_hash, "strokes_sha256": self.strokes_sha256,
                "intact": self.intact, "pad": [self.pad_width, self.pad_height],
                "consent_version": self.consent_version,
                "signed_at": in_zone(self.signed_at, zone).isoformat(timespec="seconds"),
                "time_zone": zone_of(zone),
                "place": self.place, "operator": self.operator}


_S = schema.signatures
_EP = schema.event_pledges


def _clean(text: str, length: int) -> str:
    return " ".join(str(text or "").split())[:length]


def _record(row: sa.Row[*tuple[Any, ...]]) -> SignatureRecord:
    blob = bytes(row.strokes)
    intact = hashlib.sha256(blob).hexdigest() == row.strokes_sha256
    try:
        strokes = stroke_model.decode(blob)
    except stroke_model.StrokeDecodeError:
        strokes, intact = [], False
    return SignatureRecord(row.id, row.event_id, row.attendee_id, row.role, row.pledge_hash,
                           strokes, row.strokes_sha256, row.pad_width, row.pad_height,
                           row.consent_version, row.signed_at, row.place, row.operator,
                           row.superseded_at, intact)


class _Clash(Exception):
    """Inside a transaction: another desk made a current signature at the same moment."""


def _store_signature(store: Store, event_id: int, attendee_id: int | None, role: str,
                     strokes: stroke_model.RawStrokes,
                     pad_width: int, pad_height: int, place: str, operator: str,
                     pledge_hash: str | None, consent_version: str,
                     seal_key: SealKey | None = None, device: str = "",
                     within: Callable[[sa.Connection, int], None] | None = None
                     ) -> SignatureRecord:
    if not pad_width or not pad_height or pad_width <= 0 or pad_height <= 0:
        raise SignatureRefused("bad_pad")
    problem = stroke_model.validate(strokes, pad_width, pad_height)
    if problem:
        raise SignatureRefused(problem)
    blob = stroke_model.encode(strokes)
    strokes_sha256 = hashlib.sha256(blob).hexdigest()
    width, height = int(round(pad_width)), int(round(pad_height))
    place, operator = _clean(place, 60), _clean(operator, 120)
    values = {
        "event_id": event_id, "attendee_id": attendee_id, "role": role,
        "strokes": blob, "strokes_sha256": strokes_sha256,
        "pad_width": width, "pad_height": height,
        "consent_version": consent_version, "place": place, "operator": operator,
    }
    same = _S.c.attendee_id == attendee_id if role == ATTENDEE else _S.c.role == WITNESS
    checked_in = False
    for _ in range(3):
        stamp = now()
        try:
            with store.transaction() as conn:
                # The write comes first, so the transaction holds the write lock from its start.
                conn.execute(
                    sa.update(_S)
                    .where(_S.c.event_id == event_id, same, _S.c.superseded_at.is_(None))
                    .values(superseded_at=stamp)
                )
                current = conn.execute(
                    sa.select(_EP.c.pledge_hash).where(_EP.c.event_id == event_id)
                    .order_by(_EP.c.id.desc()).limit(1)
                ).scalar()
                if current is None:
                    raise SignatureRefused("no_pledge")
                if pledge_hash is not None and pledge_hash != current:
                    raise SignatureRefused("pledge_changed", current[:12], pledge_hash)
                token = None
                if role == ATTENDEE:
                    a = event_schema.attendees
                    found = None if attendee_id is None else conn.execute(
                        sa.select(a.c.token).where(a.c.id == attendee_id,
                                                   a.c.event_id == event_id)
                    ).first()
                    if found is None or attendee_id is None:
                        raise SignatureRefused("attendee_not_found", f"peserta {attendee_id}")
                    token = found.token
                    # Signing is presence: whoever signs and has not passed the desk is
                    # checked in here, in the same transaction, so no document counts a
                    # signer who is not on the attendance list.
                    checked_in = record_presence(
                        conn, event_id, attendee_id, at=stamp,
                        desk=place or "Stasiun Tanda Tangan", operator=operator)
                row = {**values, "pledge_hash": current, "signed_at": stamp}
                try:
                    new_id = conn.execute(sa.insert(_S).returning(_S.c.id), row).scalar_one()
                except exc.IntegrityError as error:
                    if "ux_signatures" in str(error.orig) or "UNIQUE" in str(error.orig):
                        raise _Clash from error
                    raise
                if within is not None:  # the caller's own writes, in this transaction
                    within(conn, new_id)
                fingerprint = None
                if seal_key is not None:
                    from pledges.seal import seal_in_transaction

                    fingerprint = seal_in_transaction(conn, seal_key, new_id, at=stamp)
                entry: dict[str, object] = {
                    "token": token, "role": role, "pledge": current,
                    "strokes": strokes_sha256, "seal": fingerprint}
                if device:  # the signer's own device (a phone's user agent)
                    entry["device"] = _clean(device, 300)
                audit.append(conn, event_id, "signature", entry,
                             actor=operator, place=place, at=stamp)
                if seal_key is not None:  # the head signed now and then while people sign
                    from pledges.audit import checkpoint_if_due

                    checkpoint_if_due(conn, seal_key, event_id)
        except (_Clash, PresenceRace):
            continue
        return SignatureRecord(new_id, event_id, attendee_id, role, current,
                               stroke_model.decode(blob), strokes_sha256, width, height,
                               consent_version, stamp, place, operator,
                               checked_in=checked_in)
    raise StoreError("locked", "tanda tangan berubah terus di meja lain")


def sign(store: Store, event_id: int, attendee_id: int, strokes: stroke_model.RawStrokes,
         pad_width: int, pad_height: int, place: str = "", operator: str = "", *,
         pledge_hash: str | None = None, consent_version: str = CONSENT_VERSION,
         seal_key: SealKey | None = None, device: str = "",
         within: Callable[[sa.Connection, int], None] | None = None) -> SignatureRecord:
    """Record the attendee's signature on the event's current pledge; committed when it returns.

    The attendee's current signature, if any, is superseded (kept as history). ``pledge_hash``,
    when given, is the version the screen showed: if the event's text changed meanwhile the
    signature is refused ("pledge_changed") rather than bound to a text the person did not see.
    With ``seal_key`` (an unlocked :class:`pledges.keys.SealKey`) the signature is sealed in
    the same transaction. Raises :class:`SignatureRefused` (nothing written) or
    :class:`StoreError`. ``device`` (a phone's user agent) goes into the audit trail;
    ``within(conn, signature_id)`` runs inside the signature's transaction (raising in it
    writes nothing).
    """
    return _store_signature(store, event_id, attendee_id, ATTENDEE, strokes, pad_width,
                            pad_height, place, operator, pledge_hash, consent_version, seal_key,
                            device, within)


def sign_witness(store: Store, event_id: int, strokes: stroke_model.RawStrokes,
                 pad_width: int, pad_height: int, place: str = "", operator: str = "", *,
                 pledge_hash: str | None = None,
                 consent_version: str = CONSENT_VERSION,
                 seal_key: SealKey | None = None) -> SignatureRecord:
    """Record the witnessing official's signature ("Menyaksikan"), once per event: a new one
    supersedes the previous one. The official is the event's ``witness``."""
    return _store_signature(store, event_id, None, WITNESS, strokes, pad_width, pad_height,
                            place, operator, pledge_hash, consent_version, seal_key)


# -- reading --------------------------------------------------------------------------------------


def witness_signature(store: Store, event_id: int) -> SignatureRecord | None:
    with store.connection() as conn:
        row = conn.execute(sa.select(_S).where(
            _S.c.event_id == event_id, _S.c.role == WITNESS, _S.c.superseded_at.is_(None)
        )).first()
    return _record(row) if row else None


def witness_history(store: Store, event_id: int) -> list[SignatureRecord]:
    with store.connection() as conn:
        rows = conn.execute(sa.select(_S).where(
            _S.c.event_id == event_id, _S.c.role == WITNESS).order_by(_S.c.id)).all()
    return [_record(r) for r in rows]


def current_signature(store: Store, event_id: int, attendee_id: int) -> SignatureRecord | None:
    with store.connection() as conn:
        row = conn.execute(sa.select(_S).where(
            _S.c.event_id == event_id, _S.c.attendee_id == attendee_id,
            _S.c.superseded_at.is_(None))).first()
    return _record(row) if row else None


def current_signatures(store: Store, event_id: int) -> dict[int, SignatureRecord]:
    """attendee id -> current signature (the witness is not included)."""
    with store.connection() as conn:
        rows = conn.execute(sa.select(_S).where(
            _S.c.event_id == event_id, _S.c.role == ATTENDEE, _S.c.superseded_at.is_(None)
        )).all()
    return {r.attendee_id: _record(r) for r in rows}


def signed_ids(store: Store, event_id: int) -> set[int]:
    """Who has a current signature (cheap: no strokes read)."""
    with store.connection() as conn:
        return set(conn.execute(sa.select(_S.c.attendee_id).where(
            _S.c.event_id == event_id, _S.c.role == ATTENDEE, _S.c.superseded_at.is_(None)
        )).scalars())


def signature_history(store: Store, event_id: int,
                      attendee_id: int | None) -> list[SignatureRecord]:
    """All signatures of one attendee (None: the witness), superseded ones included, oldest
    first."""
    if attendee_id is None:
        return witness_history(store, event_id)
    with store.connection() as conn:
        rows = conn.execute(sa.select(_S).where(
            _S.c.event_id == event_id, _S.c.attendee_id == attendee_id).order_by(_S.c.id)).all()
    return [_record(r) for r in rows]


@dataclass(frozen=True)
class SignatureMark:
    """That someone has signed, without the strokes: what lists and counters show."""

    id: int
    attendee_id: int
    signed_at: datetime
    place: str


@dataclass
class SignatureChanges:
    """What :func:`signature_changes` found.

    Attributes:
        marks: everyone with a current signature (attendee id -> mark) when anything changed
            since the cursor, else None.
        last_id: the next id cursor.
        fingerprint: (count, sum of ids) of the current attendee signatures: a window compares
            it with its own to notice what an id cursor alone cannot (a row committed late).
    """

    marks: dict[int, SignatureMark] | None
    last_id: int
    fingerprint: tuple[int, int]


def signature_marks(store: Store, event_id: int) -> dict[int, SignatureMark]:
    """attendee id -> when and where they signed (current signatures; no strokes read)."""
    with store.connection() as conn:
        rows = conn.execute(sa.select(_S.c.id, _S.c.attendee_id, _S.c.signed_at, _S.c.place)
                            .where(_S.c.event_id == event_id, _S.c.role == ATTENDEE,
                                   _S.c.superseded_at.is_(None))).all()
    return {a: SignatureMark(pk, a, at, place) for pk, a, at, place in rows}


def marks_fingerprint(ids: Iterable[int]) -> tuple[int, int]:
    """The fingerprint of current signatures with these ids (see :class:`SignatureChanges`)."""
    ids = list(ids)
    return (len(ids), sum(ids))


def signature_changes(store: Store, event_id: int, after_id: int,
                      shown: tuple[int, int] | None = None) -> SignatureChanges:
    """Signatures made (here or at any other station) after the id cursor ``after_id``: a cheap
    poll (two indexed queries) that reads everyone's marks only when something changed, or when
    ``shown`` (the fingerprint the window shows) differs from the database's."""
    current = sa.and_(_S.c.event_id == event_id, _S.c.role == ATTENDEE,
                      _S.c.superseded_at.is_(None))
    with store.connection() as conn:
        newest = conn.execute(sa.select(sa.func.max(_S.c.id)).where(
            _S.c.id > after_id, _S.c.event_id + 0 == event_id)).scalar()
        count, total = conn.execute(sa.select(
            sa.func.count(), sa.func.coalesce(sa.func.sum(_S.c.id), 0)).where(current)).one()
    fingerprint = (count, int(total))
    last_id = max(after_id, newest or 0)
    if newest is None and (shown is None or shown == fingerprint):
        return SignatureChanges(None, last_id, fingerprint)
    return SignatureChanges(signature_marks(store, event_id), last_id, fingerprint)


def unsigned(store: Store, event_id: int) -> list[Attendee]:
    """Everyone on the roster without a current signature, in document order."""
    done = signed_ids(store, event_id)
    return [a for a in store.list_attendees(event_id) if a.id not in done]


def drawing_of(store: Store, strokes_sha256: str, out_width: int = 480) -> bytes | None:
    """The signature whose strokes have this digest, drawn as a PNG on white, when this
    database holds it and its strokes still give that digest (what a seal names: so the
    verifier can show the sealed signature beside the paper); None otherwise."""
    with store.connection() as conn:
        row = conn.execute(sa.select(_S).where(_S.c.strokes_sha256 == strokes_sha256)
                           .limit(1)).first()
    if row is None:
        return None
    record = _record(row)
    if not record.intact:
        return None
    return record.render_png(out_width, background="white")
