"""Personal signing links: one unguessable token per attendee, for one event, spent by signing.

A link is ``/s/TOKEN`` where TOKEN is 128 random bits (22 URL-safe characters), separate from
the invitation's check-in token. The database keeps only the token's SHA-256, so a copy of the
database gives no working link; a lookup goes by that digest (an index on a hash tells nothing
about how close a guess came) and the stored digest is compared in constant time.

A link is valid while its event is not archived, it has not been replaced by a newer link for
the same person (:func:`issue` revokes the earlier ones) and it has not been spent. Signing with
it (:func:`sign_with_link`) records the signature through :func:`pledges.signatures.sign`
(sealed, place "ponsel", presence recorded as at a signing station) and spends the link in the
same transaction. A send repeated with the same idempotency key (a phone that lost the answer)
gets the same signature back, never a second one. Signing again goes through the staff.

Usage::

    token = issue(store, event_id, attendee_id)        # at check-in; show it as a QR
    link, person = resolve(store, event_id, token)     # what the phone page shows
    result = sign_with_link(store, event_id, token, strokes, 360, 200, key="...",
                            user_agent="...", pledge_hash=..., seal_key=key)
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import re
import secrets
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from events import schema as event_schema
from events.categories import Category
from events.i18n import QT_TRANSLATE_NOOP
from events.model import Attendee
from events.store import Store, StoreError
from events.types import now
from pledges import schema
from pledges.signatures import SignatureRecord, SignatureRefused, current_signature, sign
from pledges.texts import CONSENT_VERSION

if TYPE_CHECKING:
    from pledges import strokes as stroke_model
    from pledges.keys import SealKey

__all__ = ["LinkRefused", "MESSAGES", "PLACE", "PhoneLink", "Signer", "SignerReader", "SignResult",
           "TOKEN_PATTERN", "issue", "link_counts", "resolve", "sign_with_link", "signer",
           "token_digest"]

PLACE = "ponsel"
TOKEN_BYTES = 16  # 128 bits
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{22}")
KEY_PATTERN = re.compile(r"[A-Za-z0-9_-]{16,64}")

MESSAGES = {
    "unknown": QT_TRANSLATE_NOOP("Texts", "Tautan tanda tangan ini tidak dikenal. Mintalah "
                                 "tautan baru di meja registrasi."),
    "revoked": QT_TRANSLATE_NOOP("Texts", "Tautan ini sudah diganti dengan tautan yang lebih "
                                 "baru. Pakai tautan terakhir yang Anda terima."),
    "spent": QT_TRANSLATE_NOOP("Texts", "Tautan ini sudah dipakai untuk menandatangani. Untuk "
                               "menandatangani ulang, silakan ke meja registrasi."),
    "closed": QT_TRANSLATE_NOOP("Texts", "Acara ini sudah ditutup; tautan tidak berlaku lagi."),
    "already_signed": QT_TRANSLATE_NOOP("Texts", "Anda sudah menandatangani ikrar ini. Untuk "
                                        "menandatangani ulang, silakan ke meja registrasi."),
    "consent_changed": QT_TRANSLATE_NOOP("Texts", "Pemberitahuan data pribadi telah berubah; "
                                         "muat ulang halaman ini."),
    "bad_key": QT_TRANSLATE_NOOP("Texts", "Permintaan tidak sah (kunci kiriman)."),
}


class LinkRefused(StoreError):
    """The link does not allow this (nothing was written); ``code``: "unknown", "revoked",
    "spent", "closed", "already_signed", "consent_changed", "bad_key"."""

    messages = MESSAGES


@dataclass(frozen=True)
class PhoneLink:
    id: int
    event_id: int
    attendee_id: int
    spent: bool
    signature_id: int | None
    idempotency_key: str | None


@dataclass(frozen=True)
class Signer:
    """What a phone page shows of its person: the name and category only, and whether the
    link has been spent."""

    name: str
    category: Category
    spent: bool


@dataclass(frozen=True)
class SignResult:
    """A signature made (or found again) through a link; ``repeated``: this send had been
    committed before (same idempotency key) and nothing new was written."""

    signature: SignatureRecord
    repeated: bool


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


_L = schema.phone_links


def issue(store: Store, event_id: int, attendee_id: int) -> str:
    """A new personal link's token for the attendee (committed); earlier unspent links of the
    person for this event stop working."""
    a = event_schema.attendees
    token = secrets.token_urlsafe(TOKEN_BYTES)
    stamp = now()
    with store.transaction() as conn:
        found = conn.execute(sa.select(a.c.id).where(a.c.id == attendee_id,
                                                     a.c.event_id == event_id)).first()
        if found is None:
            raise SignatureRefused("attendee_not_found", f"peserta {attendee_id}")
        conn.execute(sa.update(_L).where(_L.c.event_id == event_id,
                                         _L.c.attendee_id == attendee_id,
                                         _L.c.spent_at.is_(None), _L.c.revoked_at.is_(None))
                     .values(revoked_at=stamp))
        conn.execute(sa.insert(_L).values(event_id=event_id, attendee_id=attendee_id,
                                          token_sha256=token_digest(token), created_at=stamp))
    return token


def _find(conn: sa.Connection, event_id: int, token: str) -> sa.Row[tuple[object, ...]]:
    """The link's row and its event's archive mark, or LinkRefused."""
    if not isinstance(token, str) or not TOKEN_PATTERN.fullmatch(token):
        raise LinkRefused("unknown")
    wanted = token_digest(token)
    e = event_schema.events
    row = conn.execute(
        sa.select(_L, e.c.archived_at).select_from(_L.join(e, e.c.id == _L.c.event_id))
        .where(_L.c.token_sha256 == wanted)).first()
    # Another event's link is as unknown here as a guess.
    if row is None or not hmac.compare_digest(row.token_sha256, wanted) \
            or row.event_id != event_id:
        raise LinkRefused("unknown")
    return row


def _check_open(row: sa.Row[tuple[object, ...]]) -> None:
    if row.archived_at is not None:
        raise LinkRefused("closed")
    if row.revoked_at is not None:
        raise LinkRefused("revoked")


def _link(row: sa.Row[tuple[object, ...]]) -> PhoneLink:
    return PhoneLink(int(row.id), int(row.event_id), int(row.attendee_id),
                     row.spent_at is not None, row.signature_id,
                     row.idempotency_key)


def resolve(store: Store, event_id: int, token: str) -> tuple[PhoneLink, Attendee]:
    """The link and its attendee, when the link is valid for this event (spent or not: the
    page then says so); LinkRefused otherwise."""
    link = _valid_link(store, event_id, token)
    return link, store.get_attendee(link.attendee_id)


def _valid_link(store: Store, event_id: int, token: str) -> PhoneLink:
    with store.connection() as conn:
        row = _find(conn, event_id, token)
    _check_open(row)
    return _link(row)


_E, _A = event_schema.events, event_schema.attendees
# Built once (a statement made per call costs more than the indexed read itself).
_SIGNER = (sa.select(_L.c.token_sha256, _L.c.event_id, _L.c.revoked_at, _L.c.spent_at,
                     _E.c.archived_at, _A.c.name, _A.c.category)
           .select_from(_L.join(_E, _E.c.id == _L.c.event_id)
                        .join(_A, _A.c.id == _L.c.attendee_id))
           .where(_L.c.token_sha256 == sa.bindparam("digest")))


def signer(store: Store, event_id: int, token: str,
           read: Callable[[str], Sequence[Any] | None] | None = None) -> Signer:
    """What :func:`resolve` answers, for the phone page only, in one indexed read: the link, its
    event's archive mark and its person's name and category together (a crowd of phones opening
    their links at once costs one short query each). ``read`` (a :class:`SignerReader`) does
    that read instead of a pooled connection. LinkRefused as :func:`resolve`."""
    if not isinstance(token, str) or not TOKEN_PATTERN.fullmatch(token):
        raise LinkRefused("unknown")
    wanted = token_digest(token)
    if read is not None:
        row = read(wanted)
    else:
        with store.connection() as conn:
            row = conn.execute(_SIGNER, {"digest": wanted}).first()
    # token_sha256, event_id, revoked_at, spent_at, archived_at, name, category
    if row is None or not hmac.compare_digest(str(row[0]), wanted) or row[1] != event_id:
        raise LinkRefused("unknown")
    if row[4] is not None:
        raise LinkRefused("closed")
    if row[2] is not None:
        raise LinkRefused("revoked")
    return Signer(str(row[5]), Category(row[6]), row[3] is not None)


class SignerReader:
    """:func:`signer`'s read on one SQLite connection kept open, its statement compiled once:
    for the phone service, whose loop answers a crowd's page loads one after another (a read
    of the local file in WAL mode never waits for a writer). Use from one thread; ``close``
    when done."""

    def __init__(self, store: Store):
        self.store = store
        self.sql = str(_SIGNER.compile(dialect=store.engine.dialect))
        self.raw: Any = None

    def __call__(self, digest: str) -> Sequence[Any] | None:
        try:
            if self.raw is None:
                self.raw = self.store.engine.raw_connection()
            cursor = self.raw.cursor()
            try:
                cursor.execute(self.sql, (digest,))
                row: Sequence[Any] | None = cursor.fetchone()
                return row
            finally:
                cursor.close()
        except (sqlite3.Error, sa.exc.SQLAlchemyError) as error:
            self.close()
            raise self.store.failure(error, writing=False) from error

    def close(self) -> None:
        if self.raw is not None:
            with contextlib.suppress(sqlite3.Error, sa.exc.SQLAlchemyError):
                self.raw.close()
            self.raw = None


class _Taken(Exception):
    """Inside the signature's transaction: the link was spent meanwhile (or replaced)."""


def sign_with_link(store: Store, event_id: int, token: str,
                   strokes: stroke_model.RawStrokes, pad_width: int, pad_height: int, *,
                   key: str, user_agent: str = "", pledge_hash: str | None = None,
                   consent_version: str = CONSENT_VERSION,
                   seal_key: SealKey | None = None) -> SignResult:
    """Sign the event's pledge for the link's attendee and spend the link, in one transaction.

    ``key`` is the phone's idempotency key for this signature: the same key again after a
    committed send answers with that signature (``repeated``), any other send on a spent link
    is refused ("spent"). Raises LinkRefused or SignatureRefused (nothing written)."""
    if not isinstance(key, str) or not KEY_PATTERN.fullmatch(key):
        raise LinkRefused("bad_key")
    if consent_version != CONSENT_VERSION:
        raise LinkRefused("consent_changed")
    link = _valid_link(store, event_id, token)
    if link.spent:
        return _repeat(store, link, key)
    user_agent = " ".join(str(user_agent or "").split())[:300]

    def spend(conn: sa.Connection, signature_id: int) -> None:
        # The link first: a resend racing its own first send finds it taken and answers
        # with that signature (below), not with "already signed".
        taken = conn.execute(
            sa.update(_L).where(_L.c.id == link.id, _L.c.spent_at.is_(None),
                                _L.c.revoked_at.is_(None))
            .values(spent_at=now(), signature_id=signature_id, idempotency_key=key,
                    user_agent=user_agent))
        if taken.rowcount != 1:
            raise _Taken
        s = schema.signatures
        earlier = conn.execute(sa.select(sa.func.count()).select_from(s).where(
            s.c.event_id == event_id, s.c.attendee_id == link.attendee_id,
            s.c.id != signature_id)).scalar()
        if earlier:
            raise LinkRefused("already_signed")

    try:
        record = sign(store, event_id, link.attendee_id, strokes, pad_width, pad_height,
                      place=PLACE, operator="", pledge_hash=pledge_hash,
                      consent_version=consent_version, seal_key=seal_key,
                      device=user_agent, within=spend)
    except _Taken:
        link = _valid_link(store, event_id, token)
        return _repeat(store, link, key)
    return SignResult(record, repeated=False)


def _repeat(store: Store, link: PhoneLink, key: str) -> SignResult:
    if link.idempotency_key is None or not hmac.compare_digest(link.idempotency_key, key):
        raise LinkRefused("spent")
    record = current_signature(store, link.event_id, link.attendee_id)
    if record is None or record.id != link.signature_id:
        raise LinkRefused("spent")  # signed again at the desk since: this send is history
    return SignResult(record, repeated=True)


def link_counts(store: Store, event_id: int) -> dict[str, int]:
    """How many links were issued (valid ones) and spent for the event."""
    with store.connection() as conn:
        issued, spent = conn.execute(
            sa.select(sa.func.count(),
                      sa.func.count(_L.c.spent_at))
            .where(_L.c.event_id == event_id, _L.c.revoked_at.is_(None))).one()
    return {"issued": int(issued), "spent": int(spent)}
