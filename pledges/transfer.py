"""Moving one event between databases: a laptop's SQLite file to the venue's PostgreSQL server
and back (``event push`` / ``event pull``), everything included.

Database ids differ between databases, so every row gets the target's own id and every
reference to a copied row is rewritten to it. Which tables are copied, in which order, which
column is their own id and which columns point at which table is the :data:`PLAN` below: a new
table is one entry there (a test fails while a table of the schema is missing from it). Rows
keyed by content (a pledge version is named by its hash; a seal key by its fingerprint) are
reused when the target has them; a seal key comes with its private half, still encrypted with
the organizer's passphrase, so that desks on the server seal with the same key. Everything
else is copied verbatim, so evidence that names the event and the attendees by their stable
codes (the event's ``uid``, the attendees' invitation tokens: seals, the audit trail) stays
valid.

The copy is one transaction on the target (all or nothing), read from one consistent snapshot
of the source. An event that is already on the target is refused unless ``replace`` is given:
then the target's copy (with its check-ins and signatures) is deleted first, in the same
transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from events import schema as event_schema
from events.i18n import QT_TRANSLATE_NOOP
from events.store import Store, StoreError
from pledges import schema  # noqa: F401  (registers the pledges tables on the metadata)

__all__ = ["EventExists", "PLAN", "TransferResult", "copy_event", "Step"]

MESSAGES = {
    "event_exists": QT_TRANSLATE_NOOP("Texts", "Acara \"{detail}\" sudah ada di basis data tujuan "
                                      "(#{value}); tidak ada yang disalin. Pakai --replace untuk "
                                      "menimpanya dengan salinan ini"),
    "same_database": QT_TRANSLATE_NOOP("Texts", "Basis data asal dan tujuan sama: {detail}"),
    "schema_mismatch": QT_TRANSLATE_NOOP("Texts", "Basis data tujuan belum memiliki tabel "
                                         "{detail}; perbarui Ikrar di sana"),
}


class TransferError(StoreError):
    """The event was not copied (nothing was written on the target)."""

    messages = MESSAGES


class EventExists(TransferError):
    def __init__(self, name: str, target_id: int):
        self.target_id = target_id
        super().__init__("event_exists", name, str(target_id))


# Per table copied so far: source id -> the id the row got on the target.
IdMaps = dict[str, dict[int, int]]
Rows = Callable[[sa.Table, int, IdMaps], sa.ColumnElement[bool]]
# The source's rows of one event, per table.
AnyRow = sa.Row[*tuple[Any, ...]]
EventData = dict[str, Sequence[AnyRow]]


@dataclass(frozen=True)
class Step:
    """One table of the copy.

    Attributes:
        table: the table's name.
        refs: column -> the table whose new ids replace the values (copied earlier).
        key: the table's own id, renumbered on the target (None: no id of its own).
        natural: for rows named by their content: the column that names them; rows the target
            already has are reused, not copied.
        rows: which source rows belong to the event: a function of (table, source event id,
            the maps so far: table -> {old id: new id}); by default ``event_id`` is the event.
        scoped: the rows belong to one event (deleted with it on --replace).
    """

    table: str
    refs: dict[str, str] = field(default_factory=dict)
    key: str | None = "id"
    natural: str | None = None
    rows: Rows | None = None
    scoped: bool = True


def _by_event(table: sa.Table, event_id: int, _maps: IdMaps) -> sa.ColumnElement[bool]:
    return table.c.event_id == event_id


def _pledge_versions(table: sa.Table, event_id: int, _maps: IdMaps) -> sa.ColumnElement[bool]:
    md = table.metadata
    used = sa.union(
        sa.select(md.tables["event_pledges"].c.pledge_hash)
        .where(md.tables["event_pledges"].c.event_id == event_id),
        sa.select(md.tables["signatures"].c.pledge_hash)
        .where(md.tables["signatures"].c.event_id == event_id),
    )
    return table.c.hash.in_(used)


def _event_signatures(md: sa.MetaData, event_id: int) -> sa.Select[tuple[int]]:
    signatures = md.tables["signatures"]
    return sa.select(signatures.c.id).where(signatures.c.event_id == event_id)


def _seal_keys(table: sa.Table, event_id: int, _maps: IdMaps) -> sa.ColumnElement[bool]:
    seals = table.metadata.tables["seals"]
    return table.c.fingerprint.in_(sa.select(seals.c.key_fingerprint).where(
        seals.c.signature_id.in_(_event_signatures(table.metadata, event_id))))


def _seals(table: sa.Table, event_id: int, _maps: IdMaps) -> sa.ColumnElement[bool]:
    return table.c.signature_id.in_(_event_signatures(table.metadata, event_id))


PLAN: list[Step] = [
    Step("events", rows=lambda t, event_id, _m: t.c.id == event_id),
    Step("speakers", {"event_id": "events"}),
    Step("attendees", {"event_id": "events"}),
    Step("checkins", {"event_id": "events", "attendee_id": "attendees"}),
    Step("pledge_versions", key=None, natural="hash", rows=_pledge_versions, scoped=False),
    Step("event_pledges", {"event_id": "events"}),
    Step("signatures", {"event_id": "events", "attendee_id": "attendees"}),
    # The private half travels encrypted: desks on the target seal with the organizer's key
    # once they are given its passphrase.
    Step("seal_keys", key=None, natural="fingerprint", rows=_seal_keys, scoped=False),
    Step("seals", {"signature_id": "signatures"}, key=None, rows=_seals),
    # The trail names the event by its uid and people by their tokens: copied verbatim, the
    # chain stays valid; its head row follows the event's new id.
    # Personal signing links (only their digests): a spent one names its signature.
    Step("phone_links", {"event_id": "events", "attendee_id": "attendees",
                         "signature_id": "signatures"}),
    Step("audit_log", {"event_id": "events"}),
    Step("audit_heads", {"event_id": "events"}, key=None),
]

# Tables that are not part of any event.
NOT_COPIED = {"alembic_version"}


@dataclass
class TransferResult:
    """What was copied: the event's id on the target and the rows per table."""

    event_id: int
    name: str
    counts: dict[str, int]
    replaced: int | None = None  # the target's earlier copy that was deleted


def _same_event(target: sa.Connection, event_row: AnyRow) -> int | None:
    """The target's id of this event (the same random ``uid``), if it already has it."""
    events = event_schema.events
    return target.execute(sa.select(events.c.id).where(events.c.uid == event_row.uid)).scalar()


def _delete_event(target: sa.Connection, event_id: int) -> None:
    """The target's copy of the event, every scoped table, children first."""
    md = event_schema.metadata
    maps: IdMaps = {}
    for step in reversed(PLAN):
        if not step.scoped or step.table == "events":
            continue
        table = md.tables[step.table]
        target.execute(sa.delete(table).where((step.rows or _by_event)(table, event_id, maps)))
    target.execute(sa.delete(md.tables["events"]).where(md.tables["events"].c.id == event_id))


def copy_event(source: Store, target: Store, event_id: int, *,
               replace: bool = False) -> TransferResult:
    """Copy event ``event_id`` of ``source`` with everything that belongs to it to ``target``.

    Raises :class:`EventExists` when the target has the event already (unless ``replace``),
    :class:`TransferError` / :class:`StoreError` otherwise; then the target is unchanged.
    """
    if source.url == target.url and source.engine.url.database == target.engine.url.database:
        raise TransferError("same_database", target.location)
    md = event_schema.metadata
    with source.connection() as conn:
        if conn.dialect.name == "postgresql":  # one snapshot while desks keep writing
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            data = _read_event(conn, event_id)
    event_row = data["events"][0]
    counts: dict[str, int] = {}
    with target.transaction() as conn:
        existing = _same_event(conn, event_row)
        if existing is not None:
            if not replace:
                raise EventExists(event_row.name, existing)
            _delete_event(conn, existing)
        maps: IdMaps = {}
        for step in PLAN:
            table = md.tables[step.table]
            counts[step.table] = _write(conn, table, step, data[step.table], maps)
    return TransferResult(maps["events"][event_id], event_row.name, counts, existing)


def _read_event(conn: sa.Connection, event_id: int) -> EventData:
    md = event_schema.metadata
    data: EventData = {}
    for step in PLAN:
        table = md.tables[step.table]
        query = sa.select(table).where((step.rows or _by_event)(table, event_id, {}))
        if step.key:
            query = query.order_by(table.c[step.key])
        data[step.table] = conn.execute(query).all()
    if not data["events"]:
        raise StoreError("not_found", f"acara {event_id}")
    return data


def _write(conn: sa.Connection, table: sa.Table, step: Step, rows: Sequence[AnyRow],
           maps: IdMaps) -> int:
    if step.natural:
        column = table.c[step.natural]
        names = [r._mapping[step.natural] for r in rows]
        have: set[object] = set()
        for start in range(0, len(names), 500):
            have |= set(conn.execute(sa.select(column).where(
                column.in_(names[start:start + 500]))).scalars())
        rows = [r for r in rows if r._mapping[step.natural] not in have]
    if not rows:
        maps.setdefault(table.name, {})
        return 0
    values = []
    for row in rows:
        item = dict(row._mapping)
        if step.key:
            item.pop(step.key)
        for ref, parent in step.refs.items():
            if item[ref] is not None:
                item[ref] = maps[parent][item[ref]]
        values.append(item)
    if step.key:
        result = conn.execute(
            sa.insert(table).returning(table.c[step.key], sort_by_parameter_order=True), values)
        new_ids = [r[0] for r in result]
        maps[table.name] = {row._mapping[step.key]: new
                            for row, new in zip(rows, new_ids, strict=True)}
    else:
        conn.execute(sa.insert(table), values)
        maps.setdefault(table.name, {})
    return len(values)
