"""Check-in records: what one check-in holds, the desk's refusals, and reading check-ins back
(who is in now, one person's history, the desk counters).

Written by :class:`events.checkins.Desk`; polled by events.desk_poll. Failures are
:class:`events.store.StoreError`; the desk's own refusals are :class:`CheckInError`, a subclass.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa

from events import schema
from events.categories import Category
from events.dates import clock, day_in_zone, format_date, in_zone, zone_of
from events.i18n import QT_TRANSLATE_NOOP
from events.model import Attendee, Event
from events.store import ATTENDEE_COLUMNS, Store, StoreError, attendees_from_rows
from events.types import AwareDateTime, now

__all__ = [
    "CHECKIN_COLUMNS", "MESSAGES", "SELECT_ACTIVE", "SELECT_CHECKINS", "SELECT_TOKEN",
    "AlreadyCheckedIn", "CategoryCounts", "CheckIn", "CheckInError", "DeskCounts", "Method",
    "active_checkin", "active_checkins", "attendees_where", "checkin_from_row", "counts",
    "history",
]

MESSAGES = {
    "already_checked_in": QT_TRANSLATE_NOOP("Texts", "Sudah hadir {detail}"),
    "not_checked_in": QT_TRANSLATE_NOOP("Texts", "Belum tercatat hadir (atau kehadirannya sudah "
                                        "dibatalkan): {detail}"),
    "reason_required": QT_TRANSLATE_NOOP("Texts", "Alasan pembatalan wajib diisi"),
    "attendee_not_found": QT_TRANSLATE_NOOP("Texts", "Peserta tidak ditemukan: {detail}"),
    "ambiguous": "{detail}",  # the detail is the whole message: nothing to translate
    "wrong_event": QT_TRANSLATE_NOOP("Texts", "Undangan ini untuk acara lain ({detail})"),
    "checkin_not_found": QT_TRANSLATE_NOOP("Texts", "Data kehadiran tidak ditemukan ({detail})"),
    "uncertain": QT_TRANSLATE_NOOP("Texts", "Sambungan ke server putus saat menyimpan; belum pasti "
                                   "tercatat. Meja akan menampilkannya begitu server terjangkau "
                                   "lagi ({detail})"),
}


class Method(StrEnum):
    """How the person was found at the desk (kept with the check-in)."""

    SEARCH = "search"  # typed into the search field, Enter
    SCAN = "scan"  # USB QR scanner
    CAMERA = "camera"  # webcam QR
    WALK_IN = "walk_in"  # registered at the desk
    SIGNING = "signing"  # signed at a signing station without passing the desk
    CLI = "cli"  # the headless command


class CheckInError(StoreError):
    """The desk refuses: unknown person, ambiguous name, nothing to undo... Nothing is written."""

    messages = MESSAGES


@dataclass(slots=True)
class CheckIn:
    """One check-in of one attendee; ``undone_at`` set means it was undone (kept as history).

    Attributes:
        checked_in_at: local time with its UTC offset, to the microsecond.
        desk: the desk's name ("Meja 1"); operator: who sat there.
        method: a :class:`Method` value.
    """

    id: int
    event_id: int
    attendee_id: int
    checked_in_at: datetime
    desk: str = ""
    operator: str = ""
    method: str = ""
    undone_at: datetime | None = None
    undo_reason: str = ""
    undone_by: str = ""
    undone_desk: str = ""

    @property
    def active(self) -> bool:
        return self.undone_at is None

    def time_in(self, zone: Event | str | None) -> str:
        """"08.42": the clock time of the check-in on the event's clock (``zone``)."""
        return clock(self.checked_in_at, zone)

    def day_in(self, zone: Event | str | None) -> date:
        """The date of the check-in on the event's clock."""
        return day_in_zone(self.checked_in_at, zone)

    def describe(self, zone: Event | str | None = None, today: datetime | None = None) -> str:
        """"pukul 08.42 WIB di Meja 1" (with the date when it was not today), on the event's
        clock (``zone``: the event or its zone name; None for WIB)."""
        day = self.day_in(zone)
        reference = day_in_zone(today or now(), zone)
        when = f"pukul {self.time_in(zone)} {zone_of(zone)}"
        if day != reference:
            when = f"pada {format_date(day)} {when}"
        return when + (f" di {self.desk}" if self.desk else "")

    def to_dict(self, zone: Event | str | None = None) -> dict[str, Any]:
        """The check-in as the command line's JSON answers show it (moments to the second, on
        the event's clock: ``zone``, the event or its zone name; None for WIB)."""
        return {
            "id": self.id,
            "attendee_id": self.attendee_id,
            "checked_in_at": in_zone(self.checked_in_at, zone).isoformat(timespec="seconds"),
            "time": self.time_in(zone),
            "time_zone": zone_of(zone),
            "date": self.day_in(zone).isoformat(),
            "desk": self.desk,
            "operator": self.operator,
            "method": self.method,
            "undone_at": (in_zone(self.undone_at, zone).isoformat(timespec="seconds")
                          if self.undone_at else None),
            "undo_reason": self.undo_reason,
            "undone_by": self.undone_by,
            "undone_desk": self.undone_desk,
        }


class AlreadyCheckedIn(CheckInError):
    """The person already has an active check-in: ``existing`` is it. Nothing was written."""

    def __init__(self, existing: CheckIn, zone: Event | str | None = None):
        self.existing = existing
        super().__init__("already_checked_in", existing.describe(zone))


@dataclass(frozen=True)
class CategoryCounts:
    """One category on the desk counter.

    Attributes:
        invited: on the organizer's roster.
        present: of the invited, checked in now.
        missing: invited but not (yet) checked in.
        walk_ins: not invited, checked in now.
    """

    invited: int = 0
    present: int = 0
    missing: int = 0
    walk_ins: int = 0


@dataclass(frozen=True)
class DeskCounts:
    """The desk counter: per category, and totals (every category is present in the dict)."""

    by_category: dict[Category, CategoryCounts]
    invited: int = 0
    present: int = 0
    missing: int = 0
    walk_ins: int = 0

    @property
    def present_total(self) -> int:
        """Everyone in the room: the invited who came plus walk-ins."""
        return self.present + self.walk_ins


# -- statements, built once ---------------------------------------------------------------------

_C = schema.checkins
_A = schema.attendees

# Times read as stored and parsed in checkin_from_row(): a third quicker than the column
# type's own processing, which counts when a 10,000-person desk opens.
CHECKIN_COLUMNS = [sa.type_coerce(c, sa.String) if isinstance(c.type, AwareDateTime) else c
                   for c in _C.c]
SELECT_CHECKINS = sa.select(*CHECKIN_COLUMNS)
SELECT_ACTIVE = SELECT_CHECKINS.where(_C.c.event_id == sa.bindparam("event_id"),
                                      _C.c.undone_at.is_(None))
SELECT_TOKEN = sa.select(_A.c.token).where(_A.c.id == sa.bindparam("id"))  # a person's token
_fromiso = datetime.fromisoformat


def checkin_from_row(row: Sequence[Any]) -> CheckIn:
    """A check-in from a row of :data:`CHECKIN_COLUMNS`."""
    pk, event, person, made, desk, operator, method, undone, reason, by, undone_desk = row
    # SQLite gives the stored local-time text; PostgreSQL datetimes in the session's zone.
    made = _fromiso(made) if made.__class__ is str else made.astimezone()
    if undone is not None:
        undone = _fromiso(undone) if undone.__class__ is str else undone.astimezone()
    return CheckIn(pk, event, person, made, desk, operator, method, undone, reason, by,
                   undone_desk)


# -- reading -------------------------------------------------------------------------------------


def active_checkin(store: Store, event_id: int, attendee_id: int) -> CheckIn | None:
    """The person's active check-in, or None."""
    with store.connection() as conn:
        row = conn.execute(
            SELECT_ACTIVE.where(_C.c.attendee_id == attendee_id), {"event_id": event_id}
        ).first()
    return checkin_from_row(row) if row else None


def active_checkins(store: Store, event_id: int) -> dict[int, CheckIn]:
    """Everyone checked in now: attendee id -> active check-in (served by the partial index)."""
    with store.connection() as conn:
        rows = conn.execute(SELECT_ACTIVE, {"event_id": event_id}).all()
    return {row[2]: checkin_from_row(row) for row in rows}


def history(store: Store, event_id: int, attendee_id: int) -> list[CheckIn]:
    """All check-ins of one person at the event, undone ones included, in the order made."""
    with store.connection() as conn:
        rows = conn.execute(
            SELECT_CHECKINS
            .where(_C.c.event_id == event_id, _C.c.attendee_id == attendee_id)
            .order_by(_C.c.id)
        ).all()
    return [checkin_from_row(row) for row in rows]


def counts(store: Store, event_id: int) -> DeskCounts:
    """Invited, present and missing per category, and walk-ins.

    Two grouped queries (the roster; the active check-ins joined to their people by primary
    key) rather than one outer join: on PostgreSQL, statistics that lag behind a table filling
    up during the event made the planner loop over every check-in for every person (0.4 s for
    2,000 people); these two are fast with any plan.
    """
    roster = (
        sa.select(_A.c.category, _A.c.invited, sa.func.count())
        .where(_A.c.event_id == event_id)
        .group_by(_A.c.category, _A.c.invited)
    )
    came = (
        sa.select(_A.c.category, _A.c.invited, sa.func.count())
        .select_from(_C.join(_A, _A.c.id == _C.c.attendee_id))
        .where(_C.c.event_id == event_id, _C.c.undone_at.is_(None))
        .group_by(_A.c.category, _A.c.invited)
    )
    with store.connection() as conn:
        present_by = {(c, bool(i)): n for c, i, n in conn.execute(came)}
        rows = [(c, i, n, present_by.get((c, bool(i)), 0)) for c, i, n in conn.execute(roster)]
    tally = {c: [0, 0, 0] for c in Category}  # invited, present, walk-ins
    for category, invited, people, present in rows:
        slot = tally[Category(category)]
        if invited:
            slot[0] += people
            slot[1] += present
        else:
            slot[2] += present
    by_category = {c: CategoryCounts(i, p, i - p, w) for c, (i, p, w) in tally.items()}
    values = by_category.values()
    return DeskCounts(
        by_category,
        invited=sum(v.invited for v in values),
        present=sum(v.present for v in values),
        missing=sum(v.missing for v in values),
        walk_ins=sum(v.walk_ins for v in values),
    )


# -- finding a person ------------------------------------------------------------------------


def attendees_where(store: Store, *where: sa.ColumnElement[bool]) -> list[Attendee]:
    """The people matching every condition of ``where``, in no particular order."""
    with store.connection() as conn:
        rows = conn.execute(sa.select(*ATTENDEE_COLUMNS).where(*where)).all()
    return attendees_from_rows(rows)
