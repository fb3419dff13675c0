"""Everything the documents of one event draw on, read from the store in one go.

Certificates, the Daftar Hadir, the Berita Acara and the public roster are built from an
:class:`EventRecord`: plain data, no database and no Qt, so a builder can run on a worker thread
or on the command line and be tested with data made in the test.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa

from events import audit
from events import schema as event_schema
from events.canonical import canonical_json
from events.categories import Category
from events.checkins import CheckIn, DeskCounts, active_checkins, counts
from events.model import Attendee, Event
from events.store import Store
from pledges.audit import audit_head
from pledges.keys import key_info
from pledges.seal import seal_keys_of, seals_of
from pledges.signatures import SignatureRecord, current_signatures, witness_signature
from pledges.texts import PledgeVersion, event_pledge, get_version


@dataclass
class EventRecord:
    """One event as its documents need it.

    Attributes:
        attendees: the whole roster in document order (category order, then name).
        checkins: attendee id -> the active check-in (who came, when, where).
        signatures: attendee id -> the current signature.
        pledge: the event's current pledge version (None if none was chosen).
        seals: signature id -> its seal (pledges.seal), for the signatures sealed so far.
        signed_versions: every version some current signature is bound to, by hash (a person
            signed before the text was superseded keeps the text they signed).
        witness: the witnessing official's current signature, or None.
        counts: invited / present / missing / walk-ins per category.
    """

    event: Event
    attendees: list[Attendee]
    checkins: dict[int, CheckIn]
    signatures: dict[int, SignatureRecord]
    pledge: PledgeVersion | None
    witness: SignatureRecord | None
    counts: DeskCounts
    signed_versions: dict[str, PledgeVersion] = field(default_factory=dict)
    seals: dict[int, bytes] = field(default_factory=dict)  # signature id -> seal
    audit_head: tuple[int, str] | None = None  # (sequence number, hash) of the newest entry
    seal_keys: list[str] = field(default_factory=list)  # fingerprints of the seals' keys
    # The Berita Acara's figures as exported before (digests, oldest first): see
    # :func:`minutes_revision`.
    minutes_figures: list[str] = field(default_factory=list)

    def by_category(self, people: list[Attendee] | None = None
                    ) -> list[tuple[Category, list[Attendee]]]:
        """The people grouped by category in the order documents list them (empty groups
        left out)."""
        people = self.attendees if people is None else people
        return [(c, [a for a in people if a.category is c]) for c in Category
                if any(a.category is c for a in people)]

    def present(self) -> list[Attendee]:
        return [a for a in self.attendees if a.id in self.checkins]

    def absent(self) -> list[Attendee]:
        """Invited people who did not come."""
        return [a for a in self.attendees if a.invited and a.id not in self.checkins]

    def signed(self) -> list[Attendee]:
        return [a for a in self.attendees if a.id in self.signatures]

    def checkin_of(self, person: Attendee) -> CheckIn | None:
        """The person's active check-in (None: not here, or a person not stored)."""
        return self.checkins.get(person.id) if person.id is not None else None

    def signature_of(self, person: Attendee) -> SignatureRecord | None:
        """The person's current signature (None: none, or a person not stored)."""
        return self.signatures.get(person.id) if person.id is not None else None

    def text_signed_by(self, attendee_id: int | None) -> PledgeVersion | None:
        """The exact pledge version this person's current signature is bound to."""
        record = self.signatures.get(attendee_id) if attendee_id is not None else None
        return self.signed_versions.get(record.pledge_hash) if record else None


def collect(store: Store, event_id: int) -> EventRecord:
    """Read one event and everything its documents show, in ONE read transaction
    (:meth:`Store.snapshot`): a check-in or signature committed by another desk while the
    record is read is either in every part of it (the list, the counts, the signatures) or in
    none."""
    with store.snapshot() as conn:
        return _collect(_Through(store, conn), event_id)


class _Through(Store):
    """The store as seen through one open connection: a shallow copy whose ``connection()``
    hands out ``conn`` instead of a new connection, so that every read made by the functions
    that take a store (store.get_event, current_signatures, counts...) shares ``conn``'s
    transaction. Only for reading: nothing here writes."""

    def __init__(self, store: Store, conn: sa.Connection) -> None:
        # No Store.__init__: the copy takes the store's attributes as they are.
        self.__dict__.update(vars(store))
        self._conn = conn

    @contextlib.contextmanager
    def connection(self) -> Iterator[sa.Connection]:
        yield self._conn


def _collect(store: Store, event_id: int) -> EventRecord:
    event = store.get_event(event_id)
    signatures = current_signatures(store, event_id)
    pledge = event_pledge(store, event_id)
    versions: dict[str, PledgeVersion] = {}
    if pledge is not None:
        versions[pledge.hash] = pledge
    for record in signatures.values():
        if record.pledge_hash not in versions:
            version = get_version(store, record.pledge_hash)
            if version is not None:
                versions[record.pledge_hash] = version
    seals = seals_of(store, event_id)
    exported: list[str] = []
    log = event_schema.audit_log
    with store.connection() as conn:
        bodies = conn.execute(
            sa.select(log.c.body).where(log.c.event_id == event_id,
                                        log.c.body.contains('"what":"minutes"'))
            .order_by(log.c.seq)).scalars()
        for body in bodies:
            content = json.loads(body)
            data = content.get("data") or {}
            figures = data.get("figures")
            if (content.get("action") == "export" and isinstance(figures, str)
                    and figures not in exported):
                exported.append(figures)
    seal_keys = seal_keys_of(store, event_id)
    if not seal_keys:
        current = key_info(store)
        seal_keys = [current.fingerprint] if current else []
    return EventRecord(
        event=event,
        attendees=store.list_attendees(event_id),
        checkins=active_checkins(store, event_id),
        signatures=signatures,
        pledge=pledge,
        witness=witness_signature(store, event_id),
        counts=counts(store, event_id),
        signed_versions=versions,
        seals=seals,
        audit_head=audit_head(store, event_id),
        seal_keys=seal_keys,
        minutes_figures=exported,
    )


def minutes_figures(record: EventRecord) -> str:
    """SHA-256 of what a Berita Acara states: the counts per category, who signed (their
    signatures' digests), the pledge version and the event's particulars. Two exports with the
    same figures are the same revision."""
    counts_ = record.counts
    content = {
        "event": [record.event.uid, record.event.name, record.event.event_date.isoformat(),
                  record.event.letter_number, record.event.witness.name,
                  record.event.witness.nip or "", record.event.presiding.name],
        "counts": sorted([c.value, n.invited, n.present, n.walk_ins]
                         for c, n in counts_.by_category.items()),
        "signed": sorted(s.strokes_sha256 for s in record.signatures.values()),
        "pledge": record.pledge.hash if record.pledge else "",
    }
    return hashlib.sha256(canonical_json(content)).hexdigest()


def minutes_revision(record: EventRecord) -> int:
    """The Berita Acara's revision number: 1 for the first figures exported, and a new number
    each time it is exported with figures not exported before (the same figures keep their
    number)."""
    figures = minutes_figures(record)
    if figures in record.minutes_figures:
        return record.minutes_figures.index(figures) + 1
    return len(record.minutes_figures) + 1


def record_export(store: Store, event_id: int, what: str,
                  files: Iterable[str | os.PathLike[str]], *, actor: str = "",
                  extra: dict[str, object] | None = None) -> None:
    """Enter a finished export in the event's audit trail: the kind, each file's name and
    SHA-256 (so a printed or archived file can later be matched to its entry), and ``extra``
    (a Berita Acara's figures and revision)."""
    listed: list[list[str]] = []
    for name in files:
        path = Path(name)
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            digest = ""
        listed.append([path.name, digest])
    with store.transaction() as conn:
        audit.append(conn, event_id, "export", {"what": what, "files": listed, **(extra or {})},
                     actor=actor)


def unsealed_count(store: Store, event_id: int) -> int:
    """How many of the event's signatures have no seal yet."""
    from pledges import schema

    s, seals = schema.signatures, schema.seals
    with store.connection() as conn:
        return conn.execute(
            sa.select(sa.func.count()).select_from(
                s.outerjoin(seals, seals.c.signature_id == s.c.id))
            .where(s.c.event_id == event_id, seals.c.signature_id.is_(None))
        ).scalar_one()
