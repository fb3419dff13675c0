"""Check-ins at the registration desk: who came, when, at which desk, and the undo history.

A check-in is one INSERT in one short transaction, committed (durable: SQLite WAL with
synchronous=FULL) before :meth:`Desk.check_in` returns. "One active check-in per person and
event" is the partial unique index ``ux_checkins_active``; a second check-in is recognised by
that constraint failing, so two desks (or two processes on one file, or several laptops on one
PostgreSQL server) can never double it. An undo keeps the row and marks it undone, with a
reason, the operator and the desk.

Failures are :class:`events.store.StoreError` (``code`` stable, ``message`` Indonesian);
the desk's own refusals are :class:`CheckInError`, a subclass, and :class:`AlreadyCheckedIn`.

Usage::

    desk = Desk(store, event_id, desk="Meja 1", operator="Rina")
    person = desk.find_by_token("IKR-7QX2...")
    try:
        checkin = desk.check_in(person.id, Method.SCAN)
    except AlreadyCheckedIn as already:
        show(already.message)          # "Sudah hadir pukul 08:42 di Meja 1"
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import replace
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy import exc

from events import audit, schema
from events.attendee_lookup import (
    TOKEN_PREFIX,
    AmbiguousAttendee,
    find_by_name,
    find_by_nip,
    find_by_token,
    names_similar,
    normalize_name,
    similar_attendees,
)
from events.checkin_records import (
    CHECKIN_COLUMNS,
    MESSAGES,
    SELECT_TOKEN,
    AlreadyCheckedIn,
    CategoryCounts,
    CheckIn,
    CheckInError,
    DeskCounts,
    Method,
    active_checkin,
    active_checkins,
    checkin_from_row,
    counts,
    history,
)
from events.dates import day_in_zone, zone_of
from events.db_errors import constraint_of
from events.desk_poll import (
    Changes,
    DeskUpdate,
    attendees_since,
    changes_since,
    fingerprint,
    poll_desk,
)
from events.model import Attendee, Source
from events.store import DuplicateError, Store, StoreError, attendee_values, new_token
from events.types import AwareDateTime, now

# The desk's whole vocabulary stays importable from here: check-in records, look-ups and polls
# live in events.checkin_records, events.attendee_lookup and events.desk_poll.
__all__ = [
    "AlreadyCheckedIn", "AmbiguousAttendee", "CategoryCounts", "CheckIn", "CheckInError",
    "Changes", "Desk", "DeskCounts", "MESSAGES", "Method", "active_checkin", "active_checkins",
    "TOKEN_PREFIX", "DeskUpdate", "attendees_since", "changes_since", "counts", "fingerprint",
    "poll_desk", "find_by_name", "find_by_nip", "find_by_token", "PresenceRace",
    "record_presence", "history", "names_similar", "normalize_name", "similar_attendees",
]

_C = schema.checkins
_A = schema.attendees

# Seconds a desk's write may wait for a server before the server counts as unreachable (longer
# than the server's lock_timeout, so a row held by a frozen desk is reported as "locked").
WRITE_DEADLINE = 2.5

def _checkin_insert(*conditions: sa.ColumnElement[bool]) -> sa.Insert:
    """One statement that makes the check-in row only when ``conditions`` hold of the attendee
    (besides belonging to the event)."""
    return (
        sa.insert(_C)
        .from_select(
            ["event_id", "attendee_id", "checked_in_at", "desk", "operator", "method"],
            sa.select(
                _A.c.event_id,
                _A.c.id,
                sa.cast(sa.bindparam("checked_in_at", type_=AwareDateTime()), AwareDateTime()),
                sa.cast(sa.bindparam("desk", type_=sa.String()), sa.String(60)),
                sa.cast(sa.bindparam("operator", type_=sa.String()), sa.String(120)),
                sa.cast(sa.bindparam("method", type_=sa.String()), sa.String(20)),
            ).where(_A.c.id == sa.bindparam("attendee_id"),
                    _A.c.event_id == sa.bindparam("event_id"), *conditions),
        )
        .returning(_C.c.id)
    )


# One statement: the row is made only when the attendee belongs to the event.
_INSERT = _checkin_insert()
# The same, when the desk knows the person's invitation code: the row is made only when the code
# is theirs, and the audit entry needs no second look-up (one round trip less on a server).
_INSERT_KNOWN = _checkin_insert(_A.c.token == sa.bindparam("token", type_=sa.String()))


# On a server, a check-in of a person whose code the desk knows is ONE statement, committed by
# the server as it ends: the row, and its audit entry appended to the chain (see events.audit),
# only when the row was made. The chain's head is held for the server's microseconds, and the
# desk's whole check-in is one round trip.
_AT_ONCE = ("WITH ins AS ("
            " INSERT INTO checkins (event_id, attendee_id, checked_in_at, desk, operator, method)"
            " SELECT a.event_id, a.id, %(checked_in_at)s, %(desk)s, %(operator)s, %(method)s"
            " FROM attendees a WHERE a.id = %(attendee_id)s AND a.event_id = %(event_id)s"
            " AND a.token = %(token)s RETURNING id),"
            + audit.SERVER_APPEND_CTES.format(
                guard=" AND EXISTS (SELECT 1 FROM ins)") + ","
            " logged AS (INSERT INTO audit_log (event_id, seq, body, prev_hash, hash)"
            " SELECT %(chain)s, seq, body, prev, hash FROM moved RETURNING seq)"
            " SELECT (SELECT id FROM ins), (SELECT seq FROM logged)")


def _check_in_at_once(conn: sa.Connection, params: Mapping[str, object], token: str) -> int | None:
    """:data:`_AT_ONCE` on an autocommit connection: the new row's id, or None when the person
    (with this code) is not on the event's roster; PresenceRace when they are in already."""
    values = dict(params)
    values.update(chain=params["event_id"], **audit.server_parts(
        "checkin", {"token": token, "desk": params["desk"], "method": params["method"]},
        actor=str(params["operator"]), place=str(params["desk"]),
        at=params["checked_in_at"]))  # type: ignore[arg-type]
    try:
        row = conn.exec_driver_sql(_AT_ONCE, values).one()
    except exc.IntegrityError as error:
        if _is_active_clash(error):
            raise PresenceRace from error
        raise
    new_id, seq = row
    if new_id is not None and seq is None:  # the chain has no head: cannot happen for an event
        raise StoreError("io", f"acara {params['event_id']} tanpa jejak audit")
    return int(new_id) if new_id is not None else None


def _is_active_clash(error: exc.IntegrityError) -> bool:
    """True when ``error`` is the one-active-check-in index, not a foreign key: by the
    constraint's name on a server, by SQLite's result code on a file (the check-in table has no
    other unique index there)."""
    name, sqlite_code = constraint_of(error)
    if sqlite_code is not None:
        return sqlite_code == sqlite3.SQLITE_CONSTRAINT_UNIQUE
    return name == "ux_checkins_active"


class PresenceRace(Exception):  # noqa: N818  (a request to try again, not a failure)
    """Inside a transaction: another desk checked the person in at the same moment; the
    transaction is spoilt (PostgreSQL) and is to be tried again, which then finds them present."""


def record_presence(conn: sa.Connection, event_id: int, attendee_id: int, *, at: datetime,
                    desk: str, operator: str, method: str = Method.SIGNING) -> bool:
    """Inside the caller's write transaction: check the person in unless they are present
    already (an attendee who signs at a station without passing the desk is present: every
    counter and document then agrees). True when a check-in was written, with its audit entry.

    Raises :class:`PresenceRace` when another desk's check-in of the same person won the race.
    """
    present = conn.execute(
        sa.select(_C.c.id).where(_C.c.event_id == event_id, _C.c.attendee_id == attendee_id,
                                 _C.c.undone_at.is_(None))).first()
    if present is not None:
        return False
    desk, operator = desk[:60], operator[:120]
    new_id = _insert_checkin(conn, {"event_id": event_id, "attendee_id": attendee_id,
                                    "checked_in_at": at, "desk": desk, "operator": operator,
                                    "method": str(method)})
    if new_id is None:
        return False  # not on this event's roster: the caller refuses the signature anyway
    _log_checkin(conn, event_id, attendee_id, at=at, desk=desk, operator=operator,
                 method=str(method))
    return True


def _insert_checkin(conn: sa.Connection, params: Mapping[str, object]) -> int | None:
    """The check-in row, or None when the person is not on the event's roster (with the
    ``token`` given: when it is not theirs); raises :class:`PresenceRace` when the
    one-active-check-in index refuses it."""
    try:
        return conn.execute(_INSERT_KNOWN if params.get("token") else _INSERT,
                            params).scalar()
    except exc.IntegrityError as error:
        if _is_active_clash(error):
            raise PresenceRace from error
        raise


def _log_checkin(conn: sa.Connection, event_id: int, attendee_id: int, *, at: datetime,
                 desk: str, operator: str, method: str, action: str = "checkin",
                 token: str | None = None, **extra: object) -> None:
    """The check-in's entry in the audit trail, in the same transaction."""
    if token is None:
        token = conn.execute(SELECT_TOKEN, {"id": attendee_id}).scalar()
    audit.append(conn, event_id, action, {"token": token, "desk": desk, "method": method, **extra},
                 actor=operator, place=desk, at=at)


def _same(existing: CheckIn, params: Mapping[str, object]) -> bool:
    """The active check-in is the one these parameters wrote (same moment, desk, operator)."""
    return (existing.checked_in_at == params["checked_in_at"]
            and existing.desk == params["desk"] and existing.operator == params["operator"])


def _clean(text: str, length: int) -> str:
    return " ".join(str(text or "").split())[:length]


# -- the desk ----------------------------------------------------------------------------------


class Desk:
    """One registration desk of one event: its name and operator go with every check-in.

    Attributes:
        store: the event database.
        event_id: the event checked in to.
        desk: the desk's name ("Meja 1"), kept with each check-in and undo.
        operator: who sits at the desk ("Rina").
    """

    def __init__(self, store: Store, event_id: int, desk: str = "", operator: str = ""):
        self.store = store
        self.event_id = event_id
        self.desk = _clean(desk, 60)
        self.operator = _clean(operator, 120)
        self._day: tuple[str, date] | None = None

    def _event_day(self) -> tuple[str, date]:
        """(zone name, date) of the event, read once."""
        if self._day is None:
            with self.store.connection() as conn:
                row = conn.execute(
                    sa.select(schema.events.c.time_zone, schema.events.c.event_date)
                    .where(schema.events.c.id == self.event_id)).first()
            if row is None:
                raise StoreError("not_found", f"acara {self.event_id}")
            self._day = (zone_of(row[0]), row[1])
        return self._day

    @property
    def zone(self) -> str:
        """The event's time zone (WIB, WITA, WIT): its check-ins are told in it."""
        return self._event_day()[0]

    @property
    def event_date(self) -> date:
        """The event's date."""
        return self._event_day()[1]

    def outside_event_day(self, moment: datetime | None = None) -> date | None:
        """The date of ``moment`` (default now) on the event's clock when it is not the event's
        date (a check-in then is still taken, and said so); None on the event's day."""
        zone, event_date = self._event_day()
        day = day_in_zone(moment or now(), zone)
        return None if day == event_date else day

    # -- writing

    def check_in(self, attendee_id: int, method: str = Method.SEARCH, *,
                 at: datetime | None = None, token: str | None = None) -> CheckIn:
        """Check the person in; when this returns the check-in is committed durably.

        ``at`` is the moment to record (now by default): a desk that may fall back to its
        offline journal chooses it first and journals the same moment, so the two can never
        make two check-ins. ``token``, the person's invitation code when the desk knows it,
        saves a look-up. Each try has :data:`WRITE_DEADLINE` seconds on a server.

        Raises :class:`AlreadyCheckedIn` (with the first check-in) when the person is already
        in, ``CheckInError("attendee_not_found")`` when they are not on this event's roster,
        and :class:`StoreError` (``locked``, ``disk_full``, ``read_only``, ``corrupt``...) when
        the database cannot write: then nothing was written.
        """
        stamp = at or now()
        uncertain: StoreError | None = None
        for _ in range(3):
            params = {"event_id": self.event_id, "attendee_id": attendee_id,
                      "checked_in_at": stamp, "desk": self.desk, "operator": self.operator,
                      "method": str(method), "token": token}
            committing = False
            try:
                if token and self.store.engine.dialect.name == "postgresql":
                    with self.store.deadline(WRITE_DEADLINE), self.store.statement() as conn:
                        committing = True  # connected: what is sent now commits by itself
                        new_id = _check_in_at_once(conn, params, token)
                else:
                    with self.store.deadline(WRITE_DEADLINE), self.store.transaction() as conn:
                        new_id = _insert_checkin(conn, params)
                        if new_id is not None:
                            self._log_checkin(conn, attendee_id, stamp, str(method),
                                              token=token)
                        committing = True  # the block ends: COMMIT is sent next
            except PresenceRace:
                existing = active_checkin(self.store, self.event_id, attendee_id)
                if existing is not None and uncertain is not None and _same(existing, params):
                    return existing  # the commit that lost its answer did happen
                if existing is not None:
                    raise AlreadyCheckedIn(existing, self.zone) from None
                stamp = now()
                continue  # undone in between: try once more
            except StoreError as error:
                if error.code != "unreachable" or not (committing or uncertain):
                    if uncertain is not None:
                        raise uncertain from error
                    raise  # nothing reached the server, or it refused: nothing was written
                # The connection went while committing: the server may have the row. Ask
                # again on a new connection (the same row again: a clash with it means it is
                # there); if the server cannot be reached either, say the outcome is unknown.
                if uncertain is not None:
                    raise uncertain from error
                uncertain = CheckInError("uncertain", error.detail)
                continue
            if new_id is None:
                raise CheckInError("attendee_not_found", f"peserta {attendee_id} pada acara ini")
            return CheckIn(new_id, self.event_id, attendee_id, stamp, self.desk, self.operator,
                           str(method))
        raise StoreError("locked", "kehadiran berubah terus di meja lain")

    def _log_checkin(self, conn: sa.Connection, attendee_id: int, stamp: datetime,
                     method: str, action: str = "checkin", token: str | None = None,
                     **extra: object) -> None:
        _log_checkin(conn, self.event_id, attendee_id, at=stamp, desk=self.desk,
                     operator=self.operator, method=method, action=action, token=token,
                     **extra)

    def undo(self, checkin_id: int | None = None, *, attendee_id: int | None = None,
             reason: str, operator: str | None = None, desk: str | None = None) -> CheckIn:
        """Undo an active check-in (by its id or the person's); the row stays as history.

        ``reason`` is required. Afterwards the person can be checked in again. Raises
        ``CheckInError("not_checked_in")`` when there is no active check-in to undo.
        """
        reason = (reason or "").strip()
        if not reason:
            raise CheckInError("reason_required")
        if (checkin_id is None) == (attendee_id is None):
            raise ValueError("undo needs a checkin_id or an attendee_id, not both")
        which = _C.c.id == checkin_id if checkin_id is not None else _C.c.attendee_id == attendee_id
        undone_at = now()
        undone_by = _clean(self.operator if operator is None else operator, 120)
        undone_desk = _clean(self.desk if desk is None else desk, 60)
        with self.store.deadline(WRITE_DEADLINE), self.store.transaction() as conn:
            row = conn.execute(
                sa.update(_C)
                .where(_C.c.event_id == self.event_id, which, _C.c.undone_at.is_(None))
                .values(undone_at=undone_at, undo_reason=reason, undone_by=undone_by,
                        undone_desk=undone_desk)
                .returning(*CHECKIN_COLUMNS)
            ).first()
            if row is not None:
                undone = checkin_from_row(row)
                token = conn.execute(SELECT_TOKEN, {"id": undone.attendee_id}).scalar()
                audit.append(conn, self.event_id, "checkin_undone", {
                    "token": token,
                    "checked_in_at": undone.checked_in_at.isoformat(timespec="microseconds"),
                    "reason": reason}, actor=undone_by, place=undone_desk, at=undone_at)
        if row is None:
            subject = f"data {checkin_id}" if checkin_id is not None else f"peserta {attendee_id}"
            if checkin_id is not None and not self._exists(checkin_id):
                raise CheckInError("checkin_not_found", subject)
            raise CheckInError("not_checked_in", subject)
        return checkin_from_row(row)

    def _exists(self, checkin_id: int) -> bool:
        with self.store.connection() as conn:
            return conn.execute(
                sa.select(_C.c.id).where(_C.c.id == checkin_id, _C.c.event_id == self.event_id)
            ).first() is not None

    def register_walk_in(self, attendee: Attendee) -> tuple[Attendee, CheckIn]:
        """Add a person who is not on the roster and check them in, in ONE transaction.

        The person is stored as a walk-in (``source=WALK_IN``, ``invited=False``) with a new
        invitation token. A NIP or NIK already on the roster raises
        :class:`events.store.DuplicateError` and nothing (neither person nor check-in) is stored.
        """
        person = replace(attendee, source=Source.WALK_IN, invited=False,
                         event_id=self.event_id, id=None, token=attendee.token or new_token())
        stamp = now()
        row = {**attendee_values(person), "event_id": self.event_id, "token": person.token,
               "created_at": stamp, "updated_at": stamp}
        try:
            with self.store.deadline(WRITE_DEADLINE), self.store.transaction() as conn:
                person_id = conn.execute(
                    sa.insert(_A).returning(_A.c.id), row
                ).scalar_one()
                checkin_id = _insert_checkin(conn, {
                    "event_id": self.event_id, "attendee_id": person_id, "checked_in_at": stamp,
                    "desk": self.desk, "operator": self.operator, "method": str(Method.WALK_IN),
                })
                self._log_checkin(conn, person_id, stamp, str(Method.WALK_IN), "walk_in",
                                  digest=audit.attendee_digest(row))
        except DuplicateError as error:
            error.value = (person.nik if error.code == "duplicate_nik" else person.nip) or ""
            raise
        except StoreError as error:
            if error.code == "not_found":
                raise StoreError("not_found", f"acara {self.event_id}") from error
            raise
        if checkin_id is None:  # cannot happen: the row was just made in this transaction
            raise StoreError("io", "kehadiran tamu tidak tersimpan")
        stored = replace(person, id=person_id, **{
            key: row[key] for key in ("name", "nip", "nik", "golongan", "jabatan", "unit",
                                      "phone", "institution")})
        return stored, CheckIn(checkin_id, self.event_id, person_id, stamp, self.desk,
                               self.operator, str(Method.WALK_IN))

    # -- reading (same as the module functions, for this desk's event)

    def active(self) -> dict[int, CheckIn]:
        return active_checkins(self.store, self.event_id)

    def active_checkin(self, attendee_id: int) -> CheckIn | None:
        return active_checkin(self.store, self.event_id, attendee_id)

    def history(self, attendee_id: int) -> list[CheckIn]:
        return history(self.store, self.event_id, attendee_id)

    def counts(self) -> DeskCounts:
        return counts(self.store, self.event_id)

    def changes_since(self, since: int | datetime | None = None) -> Changes:
        return changes_since(self.store, self.event_id, since)

    def find_by_token(self, code: str) -> Attendee:
        return find_by_token(self.store, self.event_id, code)

    def find_by_nip(self, nip: str) -> Attendee:
        return find_by_nip(self.store, self.event_id, nip)

    def find_by_name(self, text: str) -> Attendee:
        return find_by_name(self.store, self.event_id, text)

    def similar_attendees(self, name: str, unit: str = "", nip: str | None = None,
                          nik: str | None = None) -> list[Attendee]:
        return similar_attendees(self.store, self.event_id, name, unit, nip, nik)


