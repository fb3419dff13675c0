"""What other desks did, for a desk (or a dashboard) that polls the database every second:
check-ins made or undone since a cursor, people added to the roster, and when to reload.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa

from events import schema
from events.checkin_records import (
    SELECT_CHECKINS,
    CheckIn,
    DeskCounts,
    active_checkins,
    attendees_where,
    checkin_from_row,
    counts,
)
from events.model import Attendee
from events.store import Store

__all__ = ["Changes", "DeskUpdate", "attendees_since", "changes_since", "fingerprint",
           "poll_desk"]

_C = schema.checkins
_A = schema.attendees


@dataclass(frozen=True)
class Changes:
    """What :func:`changes_since` found.

    Attributes:
        checkins: check-ins made (or, for a time cursor, made or undone) after the cursor, in the
            order they were made; each is the row as it is now, so applying them in order by
            ``attendee_id`` gives the current state.
        last_id: the highest check-in id seen (or the id cursor): the next id cursor.
        latest: the newest moment among the returned rows (made or undone), or the cursor.
        active: how many people are checked in now (through the partial index, cheap). A
            window polling with an id cursor sees an undo as this number falling short of its
            own count, and then reloads :func:`active_checkins`.
        active_sum: the sum of the active check-ins' ids. With ``active`` it identifies the
            set of active check-ins: a window compares both with what it shows
            (:func:`fingerprint`), which catches undos (no new row) and, on a server, a row
            committed after one with a higher id was already seen.
    """

    checkins: list[CheckIn] = field(default_factory=list)
    last_id: int = 0
    latest: datetime | None = None
    active: int = 0
    active_sum: int = 0

    @property
    def fingerprint(self) -> tuple[int, int]:
        return (self.active, self.active_sum)


def fingerprint(active: dict[int, CheckIn]) -> tuple[int, int]:
    """What :attr:`Changes.fingerprint` is when the active check-ins are ``active``."""
    return (len(active), sum(c.id for c in active.values()))


def changes_since(store: Store, event_id: int, since: int | datetime | None = None) -> Changes:
    """Check-ins after a cursor, for counters and lists on other windows (a cheap poll).

    ``since`` is a check-in id (rows made after it: new check-ins only, through the primary
    key), a moment (rows made or undone at or after it: undos too), or None (everything).
    On SQLite, times compare as the stored local-time text: one file is one laptop's clock.
    With several desks on a server, pass a moment a few seconds earlier than ``latest`` to
    cover clocks that differ; seeing a row twice is harmless.
    """
    if isinstance(since, datetime):
        moment = since.astimezone()  # the offset the rows are stored with on this machine
        query = SELECT_CHECKINS.where(_C.c.event_id == event_id, sa.or_(
            _C.c.checked_in_at >= moment, _C.c.undone_at >= moment))
    elif since is not None:
        # "event_id + 0": walk the primary key from the cursor, not the whole event's index.
        query = SELECT_CHECKINS.where(_C.c.id > int(since), _C.c.event_id + 0 == event_id)
    else:
        query = SELECT_CHECKINS.where(_C.c.event_id == event_id)
    query = query.order_by(_C.c.id)
    with store.connection() as conn:
        found = [checkin_from_row(row) for row in conn.execute(query)]
        active, active_sum = conn.execute(
            sa.select(sa.func.count(), sa.func.coalesce(sa.func.sum(_C.c.id), 0))
            .select_from(_C)
            .where(_C.c.event_id == event_id, _C.c.undone_at.is_(None))
        ).one()
    last_id = max([c.id for c in found] + [since if isinstance(since, int) else 0])
    moments = [m for c in found for m in (c.checked_in_at, c.undone_at) if m is not None]
    latest = max(moments) if moments else (since if isinstance(since, datetime) else None)
    return Changes(found, last_id, latest, active, int(active_sum))


def attendees_since(store: Store, event_id: int, after_id: int) -> list[Attendee]:
    """People added to the event's roster after ``after_id`` (walk-ins at other desks...)."""
    return sorted(attendees_where(store, _A.c.id > after_id, _A.c.event_id + 0 == event_id),
                  key=lambda a: a.stored_id)


@dataclass
class DeskUpdate:
    """What a desk polling the database learns (read off the GUI thread, applied on it).

    Attributes:
        cursor: the next check-in id cursor; people_cursor: the next attendee id cursor.
        active: everyone checked in now, or None when nothing changed.
        counts: the counters, or None when nothing changed.
        people: people added to the roster since the last poll.
    """

    cursor: int
    people_cursor: int
    active: dict[int, CheckIn] | None = None
    counts: DeskCounts | None = None
    people: list[Attendee] = field(default_factory=list)


def _nothing_new(store: Store, event_id: int, cursor: int, people_cursor: int,
                 shown: tuple[int, int]) -> bool:
    """True when, in ONE statement (one round trip to a server), no check-in or person was
    added after the cursors and the active check-ins are the ones shown."""
    newer_checkin = sa.exists().where(_C.c.id > cursor, _C.c.event_id + 0 == event_id)
    newer_person = sa.exists().where(_A.c.id > people_cursor, _A.c.event_id + 0 == event_id)
    active = (sa.select(sa.func.count(), sa.func.coalesce(sa.func.sum(_C.c.id), 0))
              .where(_C.c.event_id == event_id, _C.c.undone_at.is_(None)).subquery())
    query = sa.select(active.c[0], active.c[1], newer_checkin, newer_person)
    with store.connection() as conn:
        count, total, new_checkin, new_person = conn.execute(query).one()
    return not new_checkin and not new_person and (int(count), int(total)) == shown


def poll_desk(store: Store, event_id: int, cursor: int, shown: dict[int, CheckIn],
              people_cursor: int) -> DeskUpdate:
    """One poll of a desk that shows the active check-ins ``shown``: one statement when
    nothing changed. New rows are applied to a copy of ``shown``; only when the result's
    :func:`fingerprint` still differs from the database's (an undo, a row committed late) is
    everyone reloaded. The counters are read again whenever anything changed."""
    if _nothing_new(store, event_id, cursor, people_cursor, fingerprint(shown)):
        return DeskUpdate(cursor, people_cursor)
    changes = changes_since(store, event_id, cursor)
    people = attendees_since(store, event_id, people_cursor)
    update = DeskUpdate(changes.last_id, max([people_cursor] + [a.stored_id for a in people]),
                        people=people)
    if not changes.checkins and not people and changes.fingerprint == fingerprint(shown):
        return update
    active = dict(shown)
    for row in changes.checkins:
        if row.active:
            active[row.attendee_id] = row
        elif active.get(row.attendee_id) is not None and active[row.attendee_id].id == row.id:
            del active[row.attendee_id]
    if fingerprint(active) != changes.fingerprint:
        active = active_checkins(store, event_id)
    update.active = active
    update.counts = counts(store, event_id)
    return update
