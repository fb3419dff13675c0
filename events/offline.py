"""A desk that keeps checking people in while its server is away, and hands the check-ins over
when it returns (the way pretixSCAN keeps scanning without its server).

While the server cannot be reached, a desk checks people in against its last copy of the roster
and of who is present, and writes each check-in (and each walk-in) to its own :class:`Journal`:
a small SQLite file on the laptop, committed durably (synchronous=FULL) before the desk shows
"hadir". When the server answers again, :func:`replay` hands the journal to it, oldest first,
each item in one short transaction, and marks it done only once the server committed it:

- nobody is doubled: the one-active-check-in index still decides, and an item whose check-in
  the server already has (replayed before, and the desk stopped before marking it) is simply
  marked done;
- the earliest check-in is kept: when the server has a later check-in of the same person (made
  at another desk meanwhile), it is undone with the reason and this one takes its place; when
  it has an earlier one, this one is not used and the desk is told where and when the person
  was checked in first;
- a walk-in registered offline is matched against the roster (its invitation code, then the
  same NIP or NIK, then the same name in the same unit) before a new person is added;
- the audit trail records each check-in at the moment the desk made it, with the start of the
  outage and the moment it was handed over, and one entry for each hand-over.

Signing needs the server (a signature is sealed into the shared record): it waits.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from events import audit, schema
from events.attendee_lookup import normalize_name
from events.checkin_records import CHECKIN_COLUMNS, SELECT_TOKEN, CheckIn, checkin_from_row
from events.checkins import PresenceRace, _insert_checkin
from events.i18n import QT_TRANSLATE_NOOP
from events.model import Attendee, Source
from events.store import Store, StoreError, attendee_values, attendees_from_rows, new_token
from events.types import now

__all__ = ["MESSAGES", "Journal", "PendingItem", "ReplayReport", "replay"]

_C = schema.checkins
_A = schema.attendees

MESSAGES = {
    "superseded": QT_TRANSLATE_NOOP(
        "Texts", "Digantikan kehadiran lebih awal pukul {time} di {desk} (dicatat saat server "
        "tidak terjangkau)"),
}

_JOURNAL_SCHEMA = """
CREATE TABLE IF NOT EXISTS pending (
    id INTEGER PRIMARY KEY,
    server TEXT NOT NULL,
    event_uid TEXT NOT NULL,
    kind TEXT NOT NULL,            -- 'checkin' or 'walk_in'
    attendee_id INTEGER,           -- the server's id (check-ins of people on the roster)
    token TEXT NOT NULL,           -- the invitation code (a walk-in's is made here)
    name TEXT NOT NULL,
    person TEXT,                   -- a walk-in's details (JSON)
    checked_in_at TEXT NOT NULL,   -- ISO 8601 with its offset, to the microsecond
    desk TEXT NOT NULL,
    operator TEXT NOT NULL,
    method TEXT NOT NULL,
    offline_since TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending',   -- 'pending', 'done', 'refused'
    outcome TEXT NOT NULL DEFAULT '',        -- JSON: what the server said on replay
    replayed_at TEXT
);
CREATE INDEX IF NOT EXISTS ix_pending_open ON pending (server, event_uid, state, id);
"""


@dataclass(frozen=True)
class PendingItem:
    """One check-in (or walk-in) made while the server was away, as the journal keeps it."""

    id: int
    kind: str
    attendee_id: int | None
    token: str
    name: str
    person: dict[str, Any] | None
    checked_in_at: datetime
    desk: str
    operator: str
    method: str
    offline_since: datetime

    def as_checkin(self, event_id: int) -> CheckIn:
        """What the desk shows for it until the server has it (a provisional, negative id)."""
        return CheckIn(-self.id, event_id, self.attendee_id or 0, self.checked_in_at, self.desk,
                       self.operator, self.method)


class Journal:
    """The desk's durable queue of what it did offline: one SQLite file, only the user can read
    it (it holds names and, for walk-ins, NIPs). Items are per server and event."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_CREAT | os.O_RDWR, 0o600)
        os.close(fd)
        os.chmod(self.path, 0o600)
        with self._connect() as conn:
            conn.executescript(_JOURNAL_SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        conn = sqlite3.connect(self.path, timeout=5, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")  # on disk before "hadir" is shown
            yield conn
        finally:
            conn.close()

    def record(self, server: str, event_uid: str, *, kind: str, token: str, name: str,
               checked_in_at: datetime, desk: str, operator: str, method: str,
               offline_since: datetime, attendee_id: int | None = None,
               person: dict[str, Any] | None = None) -> PendingItem:
        """Write one item durably; when this returns it survives a crash or a power cut."""
        try:
            with self._connect() as conn:
                cursor = conn.execute(
                    "INSERT INTO pending (server, event_uid, kind, attendee_id, token, name, "
                    "person, checked_in_at, desk, operator, method, offline_since) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (server, event_uid, kind, attendee_id, token, name,
                     json.dumps(person, ensure_ascii=False) if person is not None else None,
                     checked_in_at.isoformat(timespec="microseconds"), desk, operator, method,
                     offline_since.isoformat(timespec="microseconds")))
                item_id = int(cursor.lastrowid or 0)
        except sqlite3.Error as error:
            raise StoreError("io", str(error)) from error
        return PendingItem(item_id, kind, attendee_id, token, name, person, checked_in_at, desk,
                           operator, method, offline_since)

    def pending(self, server: str, event_uid: str) -> list[PendingItem]:
        """The items not handed over yet, oldest first."""
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT id, kind, attendee_id, token, name, person, checked_in_at, desk, "
                "operator, method, offline_since FROM pending "
                "WHERE server = ? AND event_uid = ? AND state = 'pending' ORDER BY id",
                (server, event_uid)).fetchall()
        return [PendingItem(pk, kind, attendee_id, token, name,
                            json.loads(person) if person else None,
                            datetime.fromisoformat(at), desk, operator, method,
                            datetime.fromisoformat(since))
                for (pk, kind, attendee_id, token, name, person, at, desk, operator, method,
                     since) in rows]

    def count(self, server: str, event_uid: str) -> int:
        with self._connect() as conn:
            row = conn.execute("SELECT count(*) FROM pending WHERE server = ? AND event_uid = ? "
                               "AND state = 'pending'", (server, event_uid)).fetchone()
        return int(row[0])

    def finish(self, item_id: int, state: str, outcome: dict[str, Any]) -> None:
        self.finish_many([(item_id, state, outcome)])

    def finish_many(self, done: list[tuple[int, str, dict[str, Any]]]) -> None:
        """Mark items handed over (or refused), in one transaction of the journal."""
        stamp = now().isoformat(timespec="microseconds")
        with self._connect() as conn:
            conn.execute("BEGIN")
            conn.executemany(
                "UPDATE pending SET state = ?, outcome = ?, replayed_at = ? WHERE id = ?",
                [(state, json.dumps(outcome, ensure_ascii=False), stamp, item_id)
                 for item_id, state, outcome in done])
            conn.execute("COMMIT")


@dataclass
class Refused:
    """An offline check-in the server did not use: the person was checked in earlier."""

    item: PendingItem
    first: CheckIn


@dataclass
class ReplayReport:
    """What a hand-over did.

    Attributes:
        stored: the offline check-ins now on the server (with their server rows).
        refused: those not used, each with the earlier check-in the server keeps.
        superseded: later check-ins at other desks that an earlier offline one replaced.
        matched: walk-ins found on the roster (the journal's name -> the roster's person).
        remaining: items still in the journal (the server went away again).
    """

    stored: list[CheckIn] = field(default_factory=list)
    refused: list[Refused] = field(default_factory=list)
    superseded: list[CheckIn] = field(default_factory=list)
    matched: dict[str, Attendee] = field(default_factory=dict)
    remaining: int = 0


def _find_person(conn: sa.Connection, event_id: int, item: PendingItem) -> int | None:
    """The roster's person for a journal item: by invitation code; for a walk-in, then by the
    same NIP or NIK, then by the same name (titles, case and accents aside) in the same unit."""
    if item.kind == "checkin" and item.attendee_id is not None:
        # One round trip: the person and, in the same statement, whether they are in.
        return item.attendee_id if conn.execute(sa.select(_A.c.id).where(
            _A.c.id == item.attendee_id, _A.c.event_id == event_id,
            _A.c.token == item.token)).first() is not None else None
    found = conn.execute(sa.select(_A.c.id).where(_A.c.event_id == event_id,
                                                  _A.c.token == item.token)).scalar()
    if found is not None or item.kind != "walk_in" or item.person is None:
        return found
    person = item.person
    for column in ("nip", "nik"):
        if person.get(column):
            found = conn.execute(sa.select(_A.c.id).where(
                _A.c.event_id == event_id, _A.c[column] == person[column])).scalar()
            if found is not None:
                return int(found)
    wanted = normalize_name(person.get("name", ""))
    unit = " ".join(str(person.get("unit") or person.get("institution") or "").lower().split())
    for pk, name, other_unit, institution in conn.execute(
            sa.select(_A.c.id, _A.c.name, _A.c.unit, _A.c.institution)
            .where(_A.c.event_id == event_id)):
        place = " ".join((other_unit or institution or "").lower().split())
        if wanted and normalize_name(name) == wanted and place == unit:
            return int(pk)
    return None


def _add_walk_in(conn: sa.Connection, event_id: int, item: PendingItem) -> int:
    person = item.person or {}
    attendee = Attendee(**{key: value for key, value in person.items()
                           if key in ("name", "category", "nip", "nik", "golongan", "jabatan",
                                      "unit", "phone", "institution", "note")})
    attendee = replace(attendee, source=Source.WALK_IN, invited=False, event_id=event_id,
                       token=item.token)
    row = {**attendee_values(attendee), "event_id": event_id, "token": item.token,
           "created_at": item.checked_in_at, "updated_at": now()}
    person_id = int(conn.execute(sa.insert(_A).returning(_A.c.id), row).scalar_one())
    conn.info["ikrar_walk_in_digest"] = audit.attendee_digest(row)
    return person_id


def _token_of(conn: sa.Connection, attendee_id: int, item: PendingItem) -> str | None:
    """The person's invitation code: the item's, unless the person was matched otherwise."""
    if item.kind == "checkin" or conn.info.get("ikrar_created") == attendee_id:
        return item.token
    return conn.execute(SELECT_TOKEN, {"id": attendee_id}).scalar()


def _same(existing: CheckIn, item: PendingItem) -> bool:
    return (existing.checked_in_at == item.checked_in_at and existing.desk == item.desk
            and existing.operator == item.operator)


class _Known:
    """What the server says of a batch's people, read in two statements at the batch's start
    (in its transaction): who is on the roster with which code, and who is checked in."""

    def __init__(self, conn: sa.Connection, event_id: int, items: list[PendingItem]):
        ids = [i.attendee_id for i in items if i.kind == "checkin" and i.attendee_id]
        self.tokens: dict[int, str] = {}
        self.active: dict[int, CheckIn] = {}
        if ids:
            self.tokens = {pk: token for pk, token in conn.execute(
                sa.select(_A.c.id, _A.c.token).where(_A.c.id.in_(ids),
                                                     _A.c.event_id == event_id))}
            self.active = {row.attendee_id: row for row in map(checkin_from_row, conn.execute(
                sa.select(*CHECKIN_COLUMNS).where(_C.c.event_id == event_id,
                                                  _C.c.attendee_id.in_(ids),
                                                  _C.c.undone_at.is_(None))))}

    def person(self, item: PendingItem) -> int | None | bool:
        """The item's person (None: not on the roster), or False when this batch did not
        read them (a walk-in)."""
        if item.kind != "checkin" or not item.attendee_id:
            return False
        return item.attendee_id if self.tokens.get(item.attendee_id) == item.token else None


def _replay_one(conn: sa.Connection, event_id: int, item: PendingItem,
                replayed_at: datetime, report: ReplayReport,
                known: _Known | None = None) -> tuple[str, dict[str, Any]]:
    """One item in the caller's transaction: ("done" | "refused", what happened)."""
    found = known.person(item) if known is not None else False
    attendee_id = _find_person(conn, event_id, item) if found is False else found
    created = False
    if attendee_id is None:
        if item.kind != "walk_in":
            return "refused", {"reason": "not_on_roster"}
        attendee_id = _add_walk_in(conn, event_id, item)
        conn.info["ikrar_created"] = attendee_id
        created = True
    elif item.kind == "walk_in" and item.person is not None:
        matched = conn.execute(sa.select(*[_A.c[name] for name in (
            "id", "event_id", "name", "category", "nip", "nik", "golongan", "jabatan", "unit",
            "phone", "institution", "source", "invited", "note", "token")]).where(
            _A.c.id == attendee_id)).first()
        if matched is not None and matched.token != item.token:
            report.matched[item.name] = attendees_from_rows([tuple(matched)])[0]
    if found is not False and known is not None:
        existing = known.active.get(attendee_id)
    else:
        row = conn.execute(sa.select(*CHECKIN_COLUMNS).where(
            _C.c.event_id == event_id, _C.c.attendee_id == attendee_id,
            _C.c.undone_at.is_(None))).first()
        existing = checkin_from_row(row) if row is not None else None
    if existing is not None and _same(existing, item):
        report.stored.append(existing)  # handed over before; the journal had not heard
        return "done", {"checkin_id": existing.id}
    if existing is not None and existing.checked_in_at <= item.checked_in_at:
        report.refused.append(Refused(item, existing))
        token = _token_of(conn, attendee_id, item)
        audit.append(conn, event_id, "checkin_offline_refused", {
            "token": token, "desk": item.desk, "method": item.method,
            "offline_since": item.offline_since.isoformat(timespec="microseconds"),
            "replayed_at": replayed_at.isoformat(timespec="microseconds"),
            "first_at": existing.checked_in_at.isoformat(timespec="microseconds"),
            "first_desk": existing.desk}, actor=item.operator, place=item.desk,
            at=item.checked_in_at)
        return "refused", {"first_at": existing.checked_in_at.isoformat(), "first_desk":
                           existing.desk}
    token = _token_of(conn, attendee_id, item)
    if existing is not None:  # a later check-in at another desk: the earlier one is kept
        reason = MESSAGES["superseded"].format(time=item.checked_in_at.strftime("%H:%M"),
                                               desk=item.desk)
        conn.execute(sa.update(_C).where(_C.c.id == existing.id).values(
            undone_at=replayed_at, undo_reason=reason, undone_by=item.operator,
            undone_desk=item.desk))
        audit.append(conn, event_id, "checkin_undone", {
            "token": token,
            "checked_in_at": existing.checked_in_at.isoformat(timespec="microseconds"),
            "reason": reason}, actor=item.operator, place=item.desk, at=replayed_at)
        report.superseded.append(existing)
    new_id = _insert_checkin(conn, {
        "event_id": event_id, "attendee_id": attendee_id, "checked_in_at": item.checked_in_at,
        "desk": item.desk, "operator": item.operator, "method": item.method})
    if new_id is None:
        return "refused", {"reason": "not_on_roster"}
    offline = {"offline_since": item.offline_since.isoformat(timespec="microseconds"),
               "replayed_at": replayed_at.isoformat(timespec="microseconds")}
    extra: dict[str, object] = {}
    if created:
        extra["digest"] = conn.info.pop("ikrar_walk_in_digest")
    audit.append(conn, event_id, "walk_in" if created else "checkin", {
        "token": token, "desk": item.desk, "method": item.method, "offline": offline, **extra},
        actor=item.operator, place=item.desk, at=item.checked_in_at)
    report.stored.append(CheckIn(new_id, event_id, attendee_id, item.checked_in_at, item.desk,
                                 item.operator, item.method))
    return "done", {"checkin_id": new_id}


BATCH = 50  # items handed over in one transaction (one durable commit for them all)
REPLAY_DEADLINE = 10.0  # seconds a batch may wait for the server


def _merge(into: ReplayReport, part: ReplayReport) -> None:
    into.stored += part.stored
    into.refused += part.refused
    into.superseded += part.superseded
    into.matched.update(part.matched)


def _replay_items(store: Store, event_id: int, items: list[PendingItem], replayed_at: datetime
                  ) -> tuple[ReplayReport, list[tuple[int, str, dict[str, Any]]]]:
    """Items in ONE transaction: what they did, and how to mark them in the journal. Raises
    (nothing is then written) when any of them fails."""
    part = ReplayReport()
    done: list[tuple[int, str, dict[str, Any]]] = []
    with store.transaction() as conn:
        try:
            known = _Known(conn, event_id, items)
            for item in items:
                state, outcome = _replay_one(conn, event_id, item, replayed_at, part, known)
                done.append((item.id, state, outcome))
        finally:
            conn.info.pop("ikrar_created", None)
    return part, done


def replay(store: Store, journal: Journal, server: str, event_id: int, event_uid: str, *,
           desk: str = "", operator: str = "") -> ReplayReport:
    """Hand the journal's items for this event to the server, oldest first (see the module's
    note), :data:`BATCH` at a time in one transaction each; a batch that meets a race or a
    failure is handed over again one item at a time. Stops at the first failure to reach the
    server (what is left stays in the journal for the next try); other failures of one item
    leave it in the journal and go on."""
    report = ReplayReport()
    items = journal.pending(server, event_uid)
    if not items:
        return report
    replayed_at = now()
    counted = {"done": 0, "refused": 0}

    def hand(chunk: list[PendingItem]) -> None:
        with store.deadline(REPLAY_DEADLINE):
            part, done = _replay_items(store, event_id, chunk, replayed_at)
        journal.finish_many(done)  # only once the server committed them
        _merge(report, part)
        for _, state, _ in done:
            counted[state] += 1

    try:
        for start in range(0, len(items), BATCH):
            chunk = items[start:start + BATCH]
            try:
                hand(chunk)
                continue
            except PresenceRace:
                pass  # another desk checked one of them in this instant: one at a time
            except StoreError as error:
                if error.code == "unreachable":
                    report.remaining = len(items) - start
                    raise
            for position, item in enumerate(chunk):
                for _attempt in range(3):
                    try:
                        hand([item])
                    except PresenceRace:
                        continue
                    except StoreError as error:
                        if error.code == "unreachable":
                            report.remaining = len(items) - start - position
                            raise
                        report.remaining += 1  # refused by the server: kept, to try again
                    break
                else:
                    report.remaining += 1
    finally:
        if not report.remaining or counted["done"] or counted["refused"]:
            _log_replay(store, event_id, items, counted["done"], counted["refused"],
                        replayed_at, desk, operator)
    return report


def _log_replay(store: Store, event_id: int, items: list[PendingItem], handed: int,
                refused: int, replayed_at: datetime, desk: str, operator: str) -> None:
    """One entry for the hand-over: from when the desk was offline, how many it handed over."""
    if not handed and not refused:
        return
    try:
        with store.deadline(REPLAY_DEADLINE), store.transaction() as conn:
            audit.append(conn, event_id, "offline_replayed", {
                "desk": desk, "offline_since": min(i.offline_since for i in items).isoformat(
                    timespec="microseconds"),
                "replayed_at": replayed_at.isoformat(timespec="microseconds"),
                "stored": handed, "refused": refused}, actor=operator, place=desk)
    except StoreError:
        pass  # the items' own entries are in; this summary is only a convenience


def new_walk_in_token() -> str:
    """The invitation code a walk-in registered offline gets (kept when it is handed over)."""
    return new_token()


def journal_key(store: Store) -> str:
    """The server a journal's items belong to: its address without password or driver, the
    same however the user typed it."""
    url = store.engine.url
    return (f"{url.get_backend_name()}://{url.username or ''}@{url.host or ''}:"
            f"{url.port or ''}/{url.database or ''}")


class OfflineDesk:
    """What the walk-in dialog asks of a desk, answered from the desk's last copy of the roster
    and its journal while the server is away (see :class:`events.checkins.Desk`)."""

    def __init__(self, journal: Journal, server: str, event_id: int, event_uid: str,
                 roster: list[Attendee], desk: str, operator: str, offline_since: datetime):
        self.journal, self.server = journal, server
        self.event_id, self.event_uid = event_id, event_uid
        self.roster = roster
        self.desk, self.operator = desk, operator
        self.offline_since = offline_since

    def similar_attendees(self, name: str, unit: str = "", nip: str | None = None,
                          nik: str | None = None) -> list[Attendee]:
        from events import ids
        from events.attendee_lookup import names_similar

        nip_digits, nik_digits = ids.digits(nip or ""), ids.digits(nik or "")
        wanted = normalize_name(name)
        wanted_unit = " ".join(unit.lower().split())
        same: list[Attendee] = []
        similar: list[Attendee] = []
        for person in self.roster:
            if (nip_digits and person.nip == nip_digits) or (nik_digits and person.nik ==
                                                             nik_digits):
                same.append(person)
            elif wanted and (not wanted_unit or " ".join(
                    (person.unit or person.institution).lower().split()) == wanted_unit) \
                    and names_similar(wanted, normalize_name(person.name)):
                similar.append(person)
        return same + similar

    def register_walk_in(self, attendee: Attendee) -> tuple[Attendee, CheckIn]:
        """Journal the walk-in and its check-in; the person gets a provisional (negative) id
        until the server has them."""
        token = attendee.token or new_token()
        values = attendee_values(attendee)
        values.pop("source", None)
        values.pop("invited", None)
        at = now()
        item = self.journal.record(
            self.server, self.event_uid, kind="walk_in", token=token, name=values["name"],
            person=values, checked_in_at=at, desk=self.desk, operator=self.operator,
            method="walk_in", offline_since=self.offline_since)
        person = replace(attendee, id=-item.id, event_id=self.event_id, token=token,
                         source=Source.WALK_IN, invited=False, name=values["name"])
        return person, replace(item.as_checkin(self.event_id), attendee_id=-item.id)
