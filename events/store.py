"""Events and their rosters in the event database (:class:`events.database.Database`).

Every public method is one short transaction; when it returns, the change is durable.
Failures arrive as :class:`StoreError` with a stable ``code`` and an Indonesian message, never as
a half-written change.
"""

from __future__ import annotations

import base64
import json
import secrets
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

import sqlalchemy as sa

from events import audit, schema
from events.canonical import canonical_json, sha256_hex
from events.categories import Category
from events.database import HEAD_REVISION, Database, default_db_path, probe, resolve_url
from events.dates import DEFAULT_ZONE, check_zone
from events.db_errors import DB_MESSAGES, DuplicateError, StoreError
from events.model import Attendee, Contact, Event, EventKind, Official, Source, Speaker
from events.types import now

# The database, its failures and its opening are imported from here all over the application.
__all__ = ["ATTENDEE_COLUMNS", "DB_MESSAGES", "HEAD_REVISION", "DuplicateError", "Store",
           "StoreError", "attendee_values", "attendees_from_rows", "default_db_path",
           "new_token", "probe", "resolve_url"]

MAX_ID = 2**63 - 1  # the largest id a database column holds
_CATEGORIES = {c.value: c for c in Category}
_SOURCES = {s.value: s for s in Source}
_CATEGORY_ORDER = {c.value: c.order for c in Category}

# What an Attendee holds, in this order; the bookkeeping timestamps are not read back.
ATTENDEE_COLUMNS = [schema.attendees.c[name] for name in (
    "id", "event_id", "name", "category", "nip", "nik", "golongan", "jabatan", "unit", "phone",
    "institution", "source", "invited", "note", "token")]


def attendee_values(a: Attendee) -> dict[str, Any]:
    """The columns of an attendee as the store writes them (cleaned; no ids, token or times)."""
    return {
        "name": " ".join(a.name.split()),
        "category": Category(a.category).value,
        "nip": a.nip or None,
        "nik": a.nik or None,
        "golongan": a.golongan.strip(),
        "jabatan": a.jabatan.strip(),
        "unit": a.unit.strip(),
        "phone": a.phone.strip(),
        "institution": a.institution.strip(),
        "source": Source(a.source).value,
        "invited": a.invited,
        "note": a.note,
    }


def attendees_from_rows(rows: Iterable[Sequence[Any]]) -> list[Attendee]:
    """Attendees from rows of :data:`ATTENDEE_COLUMNS`, built positionally in one loop: this
    runs for every person when a 10,000-person event opens."""
    categories, sources = _CATEGORIES, _SOURCES
    return [
        Attendee(name, categories[category], nip, nik, golongan, jabatan, unit, phone,
                 institution, sources[source], bool(invited), note, event, pk, token)
        for (pk, event, name, category, nip, nik, golongan, jabatan, unit, phone,
             institution, source, invited, note, token) in rows
    ]


class Store(Database):
    """Events and their rosters in one database.

    Attributes:
        url: the SQLAlchemy URL of the database.
        engine: the SQLAlchemy engine.
    """

    # -- events -------------------------------------------------------------------------------

    @staticmethod
    def _event_values(event: Event) -> dict[str, Any]:
        return {
            "name": event.name.strip(),
            "kind": EventKind(event.kind).value,
            "event_date": event.event_date,
            "start_time": event.start_time,
            "end_time": event.end_time,
            "venue": event.venue,
            "city": event.city,
            "organizer_unit": event.organizer_unit,
            "institution": event.institution,
            "logo": event.logo,
            "letter_number": event.letter_number,
            "letter_date": event.letter_date,
            "presiding_name": event.presiding.name,
            "presiding_title": event.presiding.title,
            "presiding_nip": event.presiding.nip,
            "witness_name": event.witness.name,
            "witness_title": event.witness.title,
            "witness_nip": event.witness.nip,
            "agenda": event.agenda,
            "is_demo": event.is_demo,
            "time_zone": check_zone(event.time_zone or DEFAULT_ZONE),
            "address": event.letterhead.address,
            "postcode": event.letterhead.postcode,
            "phone": event.letterhead.phone,
            "email": event.letterhead.email,
            "website": event.letterhead.website,
            "number_scheme": event.number_scheme,
            "number_start": event.number_start,
        }

    @staticmethod
    def _write_speakers(conn: sa.Connection, event_id: int, speakers: list[Speaker]) -> None:
        conn.execute(sa.delete(schema.speakers).where(schema.speakers.c.event_id == event_id))
        rows = [
            {"event_id": event_id, "position": i, "name": s.name, "title": s.title,
             "institution": s.institution}
            for i, s in enumerate(speakers)
            if s.name.strip()
        ]
        if rows:
            conn.execute(sa.insert(schema.speakers), rows)

    @staticmethod
    def _event_digest(values: Mapping[str, Any]) -> str:
        """SHA-256 of the event's stored details (the logo by its own digest)."""
        plain = {key: (value.isoformat() if hasattr(value, "isoformat") else value)
                 for key, value in values.items() if key != "logo"}
        plain["logo"] = sha256_hex(values["logo"]) if values.get("logo") else None
        return sha256_hex(canonical_json(plain))

    def create_event(self, event: Event, *, actor: str = "") -> Event:
        stamp = now()
        uid = event.uid or new_token()
        values = self._event_values(event)
        with self.transaction() as conn:
            event_id = conn.execute(
                sa.insert(schema.events).values(
                    **values, uid=uid, created_at=stamp, updated_at=stamp
                ).returning(schema.events.c.id)
            ).scalar_one()
            self._write_speakers(conn, event_id, event.speakers)
            audit.start_chain(conn, event_id, uid, "event_created", {
                "name": values["name"], "date": values["event_date"].isoformat(),
                "digest": self._event_digest(values)}, actor=actor, at=stamp)
        return replace(event, id=event_id, uid=uid)

    def update_event(self, event: Event, *, actor: str = "") -> Event:
        if event.id is None:
            raise ValueError("update_event needs an event with an id")
        values = self._event_values(event)
        with self.transaction() as conn:
            result = conn.execute(
                sa.update(schema.events)
                .where(schema.events.c.id == event.id)
                .values(**values, updated_at=now())
            )
            if result.rowcount == 0:
                raise StoreError("not_found", f"acara {event.id}")
            self._write_speakers(conn, event.id, event.speakers)
            audit.append(conn, event.id, "event_updated", {
                "name": values["name"], "date": values["event_date"].isoformat(),
                "digest": self._event_digest(values)}, actor=actor)
        return event

    def set_archived(self, event_id: int, archived: bool = True, *, actor: str = "") -> None:
        with self.transaction() as conn:
            result = conn.execute(
                sa.update(schema.events)
                .where(schema.events.c.id == event_id)
                .values(archived_at=now() if archived else None, updated_at=now())
            )
            if result.rowcount == 0:
                raise StoreError("not_found", f"acara {event_id}")
            audit.append(conn, event_id, "event_archived" if archived else "event_restored",
                         {}, actor=actor)

    @staticmethod
    def _event_from_row(row: sa.Row[Any], speakers: list[Speaker]) -> Event:
        return Event(
            id=row.id,
            name=row.name,
            kind=EventKind(row.kind),
            event_date=row.event_date,
            start_time=row.start_time,
            end_time=row.end_time,
            venue=row.venue,
            city=row.city,
            organizer_unit=row.organizer_unit,
            institution=row.institution,
            logo=row.logo,
            letter_number=row.letter_number,
            letter_date=row.letter_date,
            presiding=Official(row.presiding_name, row.presiding_title, row.presiding_nip),
            witness=Official(row.witness_name, row.witness_title, row.witness_nip),
            speakers=speakers,
            agenda=row.agenda,
            is_demo=row.is_demo,
            archived_at=row.archived_at,
            uid=row.uid,
            time_zone=row.time_zone,
            letterhead=Contact(row.address, row.postcode, row.phone, row.email, row.website),
            number_scheme=row.number_scheme,
            number_start=row.number_start,
        )

    def get_event(self, event_id: int) -> Event:
        with self.connection() as conn:
            row = conn.execute(
                sa.select(schema.events).where(schema.events.c.id == event_id)
            ).first()
            if row is None:
                raise StoreError("not_found", f"acara {event_id}")
            speakers = [
                Speaker(s.name, s.title, s.institution)
                for s in conn.execute(
                    sa.select(schema.speakers)
                    .where(schema.speakers.c.event_id == event_id)
                    .order_by(schema.speakers.c.position)
                )
            ]
        return self._event_from_row(row, speakers)

    def list_events(self, include_archived: bool = False) -> list[Event]:
        """Events, newest date first, without logos or speakers (for lists)."""
        columns = [sa.null().label("logo") if c.name == "logo" else c for c in schema.events.c]
        query = sa.select(*columns).order_by(
            schema.events.c.event_date.desc(), schema.events.c.id.desc()
        )
        if not include_archived:
            query = query.where(schema.events.c.archived_at.is_(None))
        with self.connection() as conn:
            rows = conn.execute(query).all()
        return [self._event_from_row(row, []) for row in rows]

    def find_event(self, ref: str | int) -> Event:
        """An event by id, or by exact (case-insensitive) name when unique."""
        text = str(ref).strip()
        if text.isdigit():
            if int(text) > MAX_ID:  # no such id; the database would overflow on it
                raise StoreError("not_found", f"acara {text}")
            return self.get_event(int(text))
        matches = [e for e in self.list_events(include_archived=True)
                   if e.name.lower() == text.lower()]
        if len(matches) != 1:
            raise StoreError("not_found", f"acara {text!r}")
        return self.get_event(matches[0].stored_id)

    def delete_event(self, event_id: int) -> None:
        with self.transaction() as conn:
            conn.execute(sa.delete(schema.attendees).where(schema.attendees.c.event_id == event_id))
            conn.execute(sa.delete(schema.speakers).where(schema.speakers.c.event_id == event_id))
            conn.execute(sa.delete(schema.events).where(schema.events.c.id == event_id))
            conn.execute(sa.delete(schema.audit_log).where(schema.audit_log.c.event_id == event_id))
            conn.execute(
                sa.delete(schema.audit_heads).where(schema.audit_heads.c.event_id == event_id))

    # -- attendees ----------------------------------------------------------------------------

    def add_attendee(self, event_id: int, attendee: Attendee, *, actor: str = "") -> Attendee:
        return self.add_attendees(event_id, [attendee], actor=actor)[0]

    def add_attendees(self, event_id: int, attendees: Iterable[Attendee], *,
                      source_file: str = "", file_sha256: str = "",
                      actor: str = "") -> list[Attendee]:
        """Add attendees in one transaction: all of them, or (on any error) none.

        The audit trail gets one entry for them (an import names its file and the file's
        SHA-256), holding each person's token and record digest.
        """
        stamp = now()
        items = list(attendees)
        items = [a if a.token else replace(a, token=new_token()) for a in items]
        rows = [
            {**attendee_values(a), "event_id": event_id, "created_at": stamp,
             "updated_at": stamp, "token": a.token}
            for a in items
        ]
        if not rows:
            return []
        try:
            with self.transaction() as conn:
                if len(rows) == 1:
                    ids = [conn.execute(sa.insert(schema.attendees)
                                        .returning(schema.attendees.c.id), rows[0]).scalar_one()]
                else:
                    # insertmanyvalues: ids come back in order, a round trip per batch.
                    result = conn.execute(
                        sa.insert(schema.attendees).returning(
                            schema.attendees.c.id, sort_by_parameter_order=True
                        ),
                        rows,
                    )
                    ids = [r[0] for r in result]
                data: dict[str, object] = {
                    "people": [[row["token"], audit.attendee_digest(row)] for row in rows]}
                if source_file or file_sha256:
                    data["file"] = source_file
                    data["sha256"] = file_sha256
                audit.append(conn, event_id,
                             "attendees_imported" if source_file else "attendees_added",
                             data, actor=actor, at=stamp)
        except DuplicateError as error:
            error.value = self._duplicate_value(event_id, items, error.field)
            raise
        except StoreError as error:
            if error.code == "not_found":
                raise StoreError("not_found", f"acara {event_id}") from error
            raise
        return [replace(a, id=i, event_id=event_id) for a, i in zip(items, ids, strict=True)]

    def _duplicate_value(self, event_id: int, items: list[Attendee], field: str) -> str:
        """Which NIP/NIK (``field``) of ``items`` clashed (with the roster, or each other)."""
        taken = self.existing_niks(event_id) if field == "nik" else self.existing_nips(event_id)
        seen: set[str] = set()
        for a in items:
            value: str | None = getattr(a, field)
            if value and (value in taken or value in seen):
                return value
            if value:
                seen.add(value)
        return ""

    def update_attendee(self, attendee: Attendee, *, actor: str = "") -> Attendee:
        if attendee.id is None:
            raise ValueError("update_attendee needs an attendee with an id")
        values = attendee_values(attendee)
        a = schema.attendees
        try:
            with self.transaction() as conn:
                result = conn.execute(
                    sa.update(a).where(a.c.id == attendee.id)
                    .values(**values, updated_at=now())
                    .returning(a.c.event_id, a.c.token)
                ).first()
                if result is None:
                    raise StoreError("not_found", f"peserta {attendee.id}")
                event_id, token = result
                stored = {**values, "token": token}
                audit.append(conn, event_id, "attendee_updated", {
                    "token": token, "digest": audit.attendee_digest(stored)}, actor=actor)
        except DuplicateError as error:
            error.value = getattr(attendee, error.field) or ""
            raise
        return attendee

    def remove_attendee(self, attendee_id: int, *, actor: str = "") -> None:
        """Take a person off the roster. Refused (``has_records``) once they have a check-in or
        a signature, undone or superseded ones included: those are evidence, and removing the
        person would take them along."""
        a = schema.attendees
        with self.transaction() as conn:
            recorded = conn.execute(sa.text(
                "SELECT a.name FROM attendees a WHERE a.id = :i AND ("
                "EXISTS (SELECT 1 FROM checkins c WHERE c.attendee_id = a.id) OR "
                "EXISTS (SELECT 1 FROM signatures s WHERE s.attendee_id = a.id))"),
                {"i": attendee_id}).scalar()
            if recorded is not None:
                raise StoreError("has_records", recorded)
            row = conn.execute(
                sa.delete(a).where(a.c.id == attendee_id).returning(a.c.event_id, a.c.token)
            ).first()
            if row is None:
                raise StoreError("not_found", f"peserta {attendee_id}")
            audit.append(conn, row.event_id, "attendee_removed", {"token": row.token},
                         actor=actor)

    def get_attendee(self, attendee_id: int) -> Attendee:
        with self.connection() as conn:
            row = conn.execute(
                sa.select(*ATTENDEE_COLUMNS).where(schema.attendees.c.id == attendee_id)
            ).first()
        if row is None:
            raise StoreError("not_found", f"peserta {attendee_id}")
        return attendees_from_rows([row])[0]

    def list_attendees(self, event_id: int) -> list[Attendee]:
        """The event's roster in document order: by category, then name."""
        with self.connection() as conn:
            rows = conn.execute(
                sa.select(*ATTENDEE_COLUMNS)
                .where(schema.attendees.c.event_id == event_id)
                .order_by(schema.attendees.c.id)
            ).all()
        order = _CATEGORY_ORDER
        # Sorted on the raw rows (category, then name), before any Attendee is made.
        return attendees_from_rows(sorted(rows, key=lambda r: (order[r[3]], r[2].lower())))

    def count_by_category(self, event_id: int) -> dict[Category, int]:
        with self.connection() as conn:
            rows = conn.execute(
                sa.select(schema.attendees.c.category, sa.func.count())
                .where(schema.attendees.c.event_id == event_id)
                .group_by(schema.attendees.c.category)
            ).all()
        counts = Counter({Category(c): n for c, n in rows})
        return {c: counts.get(c, 0) for c in Category}

    def imported_files(self, event_id: int) -> dict[str, tuple[str, str]]:
        """The roster files imported into the event, by SHA-256: (file name, ISO time of the
        first import), as the audit trail records them."""
        log = schema.audit_log
        with self.connection() as conn:
            bodies = conn.execute(
                sa.select(log.c.body)
                .where(log.c.event_id == event_id,
                       log.c.body.contains('"action":"attendees_imported"'))
                .order_by(log.c.seq, log.c.id)
            ).scalars().all()
        found: dict[str, tuple[str, str]] = {}
        for body in bodies:
            content = json.loads(body)
            data = content.get("data") or {}
            digest = data.get("sha256")
            if content.get("action") == "attendees_imported" and digest:
                found.setdefault(digest, (str(data.get("file", "")), str(content.get("at", ""))))
        return found

    def existing_nips(self, event_id: int) -> set[str]:
        return self._existing(event_id, schema.attendees.c.nip)

    def existing_niks(self, event_id: int) -> set[str]:
        return self._existing(event_id, schema.attendees.c.nik)

    def _existing(self, event_id: int, column: sa.Column[str]) -> set[str]:
        """The values of ``column`` (NIP or NIK) on the event's roster."""
        with self.connection() as conn:
            return set(
                conn.execute(
                    sa.select(column).where(
                        schema.attendees.c.event_id == event_id,
                        column.is_not(None),
                    )
                ).scalars()
            )


def new_token() -> str:
    """A random invitation code, not the NIP: 16 characters A-Z and 2-7 (80 bits).

    Upper-case base32 so that a barcode scanner typing it with Caps Lock on, or a person
    reading it aloud, cannot get it wrong; compare it case-insensitively.
    """
    return base64.b32encode(secrets.token_bytes(10)).decode("ascii")

