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

from dataclasses import dataclass, field, replace
from datetime import datetime
from difflib import SequenceMatcher
from enum import StrEnum
from functools import lru_cache

import sqlalchemy as sa
from sqlalchemy import exc

from events import audit, ids, scan, schema
from events.categories import Category
from events.dates import format_date
from events.i18n import QT_TRANSLATE_NOOP
from events.model import Attendee, Source
from events.search import name_words, words
from events.store import _ATTENDEE_COLUMNS, DuplicateError, Store, StoreError, new_token
from events.types import AwareDateTime, now

__all__ = [
    "AlreadyCheckedIn", "AmbiguousAttendee", "CategoryCounts", "CheckIn", "CheckInError",
    "Changes", "Desk", "DeskCounts", "Method", "active_checkin", "active_checkins",
    "TOKEN_PREFIX", "DeskUpdate", "attendees_since", "changes_since", "counts", "fingerprint",
    "poll_desk", "find_by_name", "find_by_nip", "find_by_token", "PresenceRace",
    "record_presence",
    "history", "names_similar", "normalize_name", "similar_attendees",
]

TOKEN_PREFIX = scan.PREFIX  # the invitation QR holds "IKR-" + token

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

    @property
    def time_text(self) -> str:
        """"08:42": the clock time the desk saw."""
        return self.checked_in_at.strftime("%H:%M")

    def describe(self, today: datetime | None = None) -> str:
        """"pukul 08:42 di Meja 1" (with the date when it was not today)."""
        moment = self.checked_in_at
        reference = (today or now()).astimezone(moment.tzinfo)
        when = f"pukul {moment:%H:%M}"
        if moment.date() != reference.date():
            when = f"pada {format_date(moment.date())} {when}"
        return when + (f" di {self.desk}" if self.desk else "")

    def to_dict(self) -> dict:
        """The check-in as the command line's JSON answers show it (moments to the second)."""
        return {
            "id": self.id,
            "attendee_id": self.attendee_id,
            "checked_in_at": self.checked_in_at.isoformat(timespec="seconds"),
            "time": self.time_text,
            "desk": self.desk,
            "operator": self.operator,
            "method": self.method,
            "undone_at": self.undone_at.isoformat(timespec="seconds") if self.undone_at else None,
            "undo_reason": self.undo_reason,
            "undone_by": self.undone_by,
            "undone_desk": self.undone_desk,
        }


class AlreadyCheckedIn(CheckInError):
    """The person already has an active check-in: ``existing`` is it. Nothing was written."""

    def __init__(self, existing: CheckIn):
        self.existing = existing
        super().__init__("already_checked_in", existing.describe())


class AmbiguousAttendee(CheckInError):
    """A name matches several people; ``candidates`` are they (at most a few dozen)."""

    def __init__(self, text: str, candidates: list[Attendee], total: int):
        self.candidates = candidates
        self.total = total
        shown = "; ".join(_label(a) for a in candidates[:10])
        more = f"; dan {total - 10} lainnya" if total > 10 else ""
        super().__init__("ambiguous",
                         f"Nama \"{text}\" cocok dengan {total} peserta: {shown}{more}", text)


def _label(a: Attendee) -> str:
    place = a.unit or a.institution
    return f"{a.name} ({place})" if place else a.name


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


# -- statements, built once ---------------------------------------------------------------------

_C = schema.checkins
_A = schema.attendees

# One statement: the row is made only when the attendee belongs to the event.
_INSERT = (
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
                _A.c.event_id == sa.bindparam("event_id")),
    )
    .returning(_C.c.id)
)
# Times read as stored and parsed in _checkin(): a third quicker than the column type's own
# processing, which counts when a 10,000-person desk opens.
_COLUMNS = [sa.type_coerce(c, sa.String) if isinstance(c.type, AwareDateTime) else c
            for c in _C.c]
_SELECT = sa.select(*_COLUMNS)
_ACTIVE = _SELECT.where(_C.c.event_id == sa.bindparam("event_id"), _C.c.undone_at.is_(None))
_fromiso = datetime.fromisoformat
_TOKEN = sa.select(_A.c.token).where(_A.c.id == sa.bindparam("id"))


def _checkin(row) -> CheckIn:
    pk, event, person, made, desk, operator, method, undone, reason, by, undone_desk = row
    # SQLite gives the stored local-time text; PostgreSQL datetimes in the session's zone.
    made = _fromiso(made) if made.__class__ is str else made.astimezone()
    if undone is not None:
        undone = _fromiso(undone) if undone.__class__ is str else undone.astimezone()
    return CheckIn(pk, event, person, made, desk, operator, method, undone, reason, by,
                   undone_desk)


def _is_active_clash(error: exc.IntegrityError) -> bool:
    """True when ``error`` is the one-active-check-in index, not a foreign key."""
    text = str(error.orig).lower()
    return "ux_checkins_active" in text or (
        "unique" in text and "checkins.event_id" in text and "checkins.attendee_id" in text
    )


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
    params = {"event_id": event_id, "attendee_id": attendee_id, "checked_in_at": at,
              "desk": desk[:60], "operator": operator[:120], "method": str(method)}
    try:
        new_id = conn.execute(_INSERT, params).scalar()
    except exc.IntegrityError as error:
        if _is_active_clash(error):
            raise PresenceRace from error
        raise
    if new_id is None:
        return False  # not on this event's roster: the caller refuses the signature anyway
    token = conn.execute(_TOKEN, {"id": attendee_id}).scalar()
    audit.append(conn, event_id, "checkin",
                 {"token": token, "desk": params["desk"], "method": str(method)},
                 actor=params["operator"], place=params["desk"], at=at)
    return True


def _same(existing: CheckIn, params: dict) -> bool:
    """The active check-in is the one these parameters wrote (same moment, desk, operator)."""
    return (existing.checked_in_at == params["checked_in_at"]
            and existing.desk == params["desk"] and existing.operator == params["operator"])


def _clean(text: str, length: int) -> str:
    return " ".join(str(text or "").split())[:length]


# -- reading -------------------------------------------------------------------------------------


def active_checkin(store: Store, event_id: int, attendee_id: int) -> CheckIn | None:
    """The person's active check-in, or None."""
    with store.connection() as conn:
        row = conn.execute(
            _ACTIVE.where(_C.c.attendee_id == attendee_id), {"event_id": event_id}
        ).first()
    return _checkin(row) if row else None


def active_checkins(store: Store, event_id: int) -> dict[int, CheckIn]:
    """Everyone checked in now: attendee id -> active check-in (served by the partial index)."""
    with store.connection() as conn:
        rows = conn.execute(_ACTIVE, {"event_id": event_id}).all()
    return {row[2]: _checkin(row) for row in rows}


def history(store: Store, event_id: int, attendee_id: int) -> list[CheckIn]:
    """All check-ins of one person at the event, undone ones included, in the order made."""
    with store.connection() as conn:
        rows = conn.execute(
            _SELECT
            .where(_C.c.event_id == event_id, _C.c.attendee_id == attendee_id)
            .order_by(_C.c.id)
        ).all()
    return [_checkin(row) for row in rows]


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
        query = _SELECT.where(_C.c.event_id == event_id, sa.or_(
            _C.c.checked_in_at >= moment, _C.c.undone_at >= moment))
    elif since is not None:
        # "event_id + 0": walk the primary key from the cursor, not the whole event's index.
        query = _SELECT.where(_C.c.id > int(since), _C.c.event_id + 0 == event_id)
    else:
        query = _SELECT.where(_C.c.event_id == event_id)
    query = query.order_by(_C.c.id)
    with store.connection() as conn:
        found = [_checkin(row) for row in conn.execute(query)]
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
    return sorted(_attendees(store, _A.c.id > after_id, _A.c.event_id + 0 == event_id),
                  key=lambda a: a.id)


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


def poll_desk(store: Store, event_id: int, cursor: int, shown: dict[int, CheckIn],
              people_cursor: int) -> DeskUpdate:
    """One poll of a desk that shows the active check-ins ``shown``: two indexed queries when
    nothing changed. New rows are applied to a copy of ``shown``; only when the result's
    :func:`fingerprint` still differs from the database's (an undo, a row committed late) is
    everyone reloaded. The counters are read again whenever anything changed."""
    changes = changes_since(store, event_id, cursor)
    people = attendees_since(store, event_id, people_cursor)
    update = DeskUpdate(changes.last_id, max([people_cursor] + [a.id for a in people]),
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


# -- finding a person ------------------------------------------------------------------------


def _attendees(store: Store, *where) -> list[Attendee]:
    with store.connection() as conn:
        rows = conn.execute(sa.select(*_ATTENDEE_COLUMNS).where(*where)).all()
    return [Store._attendee_from_row(row) for row in rows]


def find_by_token(store: Store, event_id: int, code: str) -> Attendee:
    """The attendee whose invitation this is: the token or the QR payload "IKR-" + token, in
    any case, spaces ignored. A token of another event is refused, not looked up there."""
    token = "".join(str(code).split()).upper()
    token = token.removeprefix(TOKEN_PREFIX)
    if not token:
        raise CheckInError("attendee_not_found", "kode undangan kosong")
    found = _attendees(store, _A.c.token == token)
    if not found:  # a token stored in lower case by some other route
        found = _attendees(store, sa.func.upper(_A.c.token) == token)
    if not found:
        raise CheckInError("attendee_not_found", f"kode undangan {token}")
    person = found[0]
    if person.event_id != event_id:
        raise CheckInError("wrong_event", f"kode {token}, acara #{person.event_id}")
    return person


def find_by_nip(store: Store, event_id: int, nip: str) -> Attendee:
    """The attendee with this NIP (spaces, dots and dashes ignored); 16 digits also try the NIK."""
    digits = ids.digits(nip)
    if not digits:
        raise CheckInError("attendee_not_found", f"NIP {nip!r}")
    column = _A.c.nik if len(digits) == 16 else _A.c.nip
    found = _attendees(store, _A.c.event_id == event_id, column == digits)
    if not found and len(digits) == 16:
        found = _attendees(store, _A.c.event_id == event_id, _A.c.nip == digits)
    if not found:
        raise CheckInError("attendee_not_found", f"NIP/NIK {digits}")
    return found[0]


def find_by_name(store: Store, event_id: int, text: str) -> Attendee:
    """The one attendee this name text means.

    Compared without academic titles, case or accents. A name equal to the text wins; otherwise
    every word of the text must start a word of the name ("bud san" finds "Dr. H. Budi Santoso,
    M.Si."). No match: ``attendee_not_found``; several: :class:`AmbiguousAttendee`.
    """
    words = normalize_name(text).split()
    if not words:
        raise CheckInError("attendee_not_found", f"nama {text!r}")
    people = store.list_attendees(event_id)
    wanted = " ".join(words)
    exact = [a for a in people if normalize_name(a.name) == wanted]
    if len(exact) == 1:
        return exact[0]
    matches = exact or [
        a for a in people
        if all(any(w.startswith(t) for w in normalize_name(a.name).split()) for t in words)
    ]
    if not matches:
        raise CheckInError("attendee_not_found", f"nama {text!r}")
    if len(matches) > 1:
        raise AmbiguousAttendee(text, matches[:50], len(matches))
    return matches[0]


# -- names: titles, accents, similarity ---------------------------------------------------------

@lru_cache(maxsize=65536)
def normalize_name(name: str) -> str:
    """A name for comparison, as the desk search sees it: without academic and religious titles,
    accents, case or punctuation ("Dr. H. Budi Santoso, M.Si." -> "budi santoso"; "Ma'ruf" ->
    "maruf"). The rules are :func:`events.search.name_words`, so one list of titles serves both.
    """
    return " ".join(name_words(str(name)))


def _normalize_unit(unit: str) -> str:
    return " ".join(words(str(unit or "")))


def _abbreviates(short: str, full: str) -> bool:
    return len(short) < len(full) and full.startswith(short)


def names_similar(a: str, b: str) -> bool:
    """Two normalised names that probably mean one person: equal, the same words in another
    order, a typo or two ("Santoso"/"Santosa"), or initials ("M. Rizki"/"Muhammad Rizki")."""
    if a == b:
        return True
    if not a or not b:
        return False
    wa, wb = a.split(), b.split()
    if sorted(wa) == sorted(wb):
        return True
    if len(wa) == len(wb) and len(wa) > 1:
        pairs = list(zip(wa, wb, strict=True))
        if all(x == y or _abbreviates(x, y) or _abbreviates(y, x) for x, y in pairs) and any(
            x == y and len(x) >= 3 for x, y in pairs
        ):
            return True
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return (matcher.real_quick_ratio() >= 0.85 and matcher.quick_ratio() >= 0.85
            and matcher.ratio() >= 0.85)


def similar_attendees(store: Store, event_id: int, name: str, unit: str = "",
                      nip: str | None = None, nik: str | None = None) -> list[Attendee]:
    """Roster entries that look like this person, to offer before registering a walk-in.

    The same NIP (or NIK) anywhere on the roster first; then a very similar name (titles, case
    and accents ignored) in the same unit, or in any unit when ``unit`` is empty.
    """
    nip_digits = ids.digits(nip or "")
    nik_digits = ids.digits(nik or "")
    wanted = normalize_name(name)
    wanted_unit = _normalize_unit(unit)
    with store.connection() as conn:
        rows = conn.execute(
            sa.select(_A.c.id, _A.c.name, _A.c.unit, _A.c.nip, _A.c.nik)
            .where(_A.c.event_id == event_id)
        ).all()
    same_id: list[int] = []
    scored: list[tuple[float, int]] = []
    units: dict[str, str] = {}
    for pk, other, other_unit, other_nip, other_nik in rows:
        if (nip_digits and other_nip == nip_digits) or (nik_digits and other_nik == nik_digits):
            same_id.append(pk)
            continue
        if not wanted:
            continue
        if wanted_unit:
            folded = units.get(other_unit)
            if folded is None:
                folded = units[other_unit] = _normalize_unit(other_unit)
            if folded != wanted_unit:
                continue
        candidate = normalize_name(other)
        if names_similar(wanted, candidate):
            scored.append((-SequenceMatcher(None, wanted, candidate).ratio(), pk))
    found_ids = same_id + [pk for _, pk in sorted(scored)]
    if not found_ids:
        return []
    by_id = {a.id: a for a in _attendees(store, _A.c.id.in_(found_ids))}
    return [by_id[i] for i in found_ids if i in by_id]


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

    # -- writing

    def check_in(self, attendee_id: int, method: str = Method.SEARCH) -> CheckIn:
        """Check the person in; when this returns the check-in is committed durably.

        Raises :class:`AlreadyCheckedIn` (with the first check-in) when the person is already
        in, ``CheckInError("attendee_not_found")`` when they are not on this event's roster,
        and :class:`StoreError` (``locked``, ``disk_full``, ``read_only``, ``corrupt``...) when
        the database cannot write: then nothing was written.
        """
        stamp = now()
        uncertain: StoreError | None = None
        for _ in range(3):
            params = {"event_id": self.event_id, "attendee_id": attendee_id,
                      "checked_in_at": stamp, "desk": self.desk, "operator": self.operator,
                      "method": str(method)}
            committing = False
            try:
                with self.store.transaction() as conn:
                    new_id = self._insert(conn, params)
                    if new_id is not None:
                        self._log_checkin(conn, attendee_id, stamp, str(method))
                    committing = True  # the block ends: COMMIT is sent next
            except _ActiveClash:
                existing = active_checkin(self.store, self.event_id, attendee_id)
                if existing is not None and uncertain is not None and _same(existing, params):
                    return existing  # the commit that lost its answer did happen
                if existing is not None:
                    raise AlreadyCheckedIn(existing) from None
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
                     method: str, action: str = "checkin", **extra) -> None:
        token = conn.execute(_TOKEN, {"id": attendee_id}).scalar()
        audit.append(conn, self.event_id, action,
                     {"token": token, "desk": self.desk, "method": method, **extra},
                     actor=self.operator, place=self.desk, at=stamp)

    @staticmethod
    def _insert(conn: sa.Connection, params: dict) -> int | None:
        try:
            return conn.execute(_INSERT, params).scalar()
        except exc.IntegrityError as error:
            if _is_active_clash(error):
                raise _ActiveClash from error
            raise

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
        values = {"undone_at": now(), "undo_reason": reason,
                  "undone_by": _clean(self.operator if operator is None else operator, 120),
                  "undone_desk": _clean(self.desk if desk is None else desk, 60)}
        with self.store.transaction() as conn:
            row = conn.execute(
                sa.update(_C)
                .where(_C.c.event_id == self.event_id, which, _C.c.undone_at.is_(None))
                .values(**values)
                .returning(*_COLUMNS)
            ).first()
            if row is not None:
                undone = _checkin(row)
                token = conn.execute(_TOKEN, {"id": undone.attendee_id}).scalar()
                audit.append(conn, self.event_id, "checkin_undone", {
                    "token": token,
                    "checked_in_at": undone.checked_in_at.isoformat(timespec="microseconds"),
                    "reason": reason}, actor=values["undone_by"], place=values["undone_desk"],
                    at=values["undone_at"])
        if row is None:
            subject = f"data {checkin_id}" if checkin_id is not None else f"peserta {attendee_id}"
            if checkin_id is not None and not self._exists(checkin_id):
                raise CheckInError("checkin_not_found", subject)
            raise CheckInError("not_checked_in", subject)
        return _checkin(row)

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
        row = {**Store._attendee_values(person), "event_id": self.event_id, "token": person.token,
               "created_at": stamp, "updated_at": stamp}
        try:
            with self.store.transaction() as conn:
                person_id = conn.execute(
                    sa.insert(_A).returning(_A.c.id), row
                ).scalar_one()
                checkin_id = self._insert(conn, {
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


class _ActiveClash(Exception):
    """Inside a transaction: the one-active-check-in index refused the row."""
