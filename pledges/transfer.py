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
of the source. An event that is already on the target is refused unless ``replace`` is given,
and the refusal says what the target's copy holds that the source lacks (check-ins, undos,
signatures: the entries of its audit trail the source's trail does not have), which a replace
would take off the target. A replace first writes the target's copy to a backup file (a SQLite
file that ``event pull --from`` reads back), then deletes it and copies, in one transaction that
is refused if the target's copy changed after its backup was written.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from events import schema as event_schema
from events.i18n import QT_TRANSLATE_NOOP
from events.store import Store, StoreError
from pledges import schema  # noqa: F401  (registers the pledges tables on the metadata)

__all__ = ["EventExists", "PLAN", "TransferResult", "backup_event", "copy_event",
           "default_backup_folder", "read_event", "Step"]

MESSAGES = {
    "event_exists": QT_TRANSLATE_NOOP("Texts", "Acara \"{detail}\" sudah ada di basis data tujuan "
                                      "(#{value}); tidak ada yang disalin. Salinan di tujuan tidak "
                                      "memuat catatan yang tidak ada di asal: --replace "
                                      "memperbaruinya (salinan tujuan dicadangkan dulu)"),
    "event_diverged": QT_TRANSLATE_NOOP(
        "Texts", "Acara \"{detail}\" di basis data tujuan (#{value}) memuat catatan yang tidak "
        "ada di asal: {checkins} kehadiran, {undos} pembatalan, {signatures} tanda tangan, "
        "{entries} entri jejak audit seluruhnya. Tidak ada yang disalin. Agar tidak hilang, "
        "salin dulu acara dari tujuan ke sini (arah sebaliknya); --replace membuang catatan itu "
        "dari tujuan (setelah salinan tujuan dicadangkan)"),
    "target_changed": QT_TRANSLATE_NOOP("Texts", "Acara \"{detail}\" di basis data tujuan berubah "
                                        "saat dicadangkan; tidak ada yang disalin. Coba lagi"),
    "same_database": QT_TRANSLATE_NOOP("Texts", "Basis data asal dan tujuan sama: {detail}"),
    "schema_mismatch": QT_TRANSLATE_NOOP("Texts", "Basis data tujuan belum memiliki tabel "
                                         "{detail}; perbarui Ikrar di sana"),
}


class TransferError(StoreError):
    """The event was not copied (nothing was written on the target)."""

    messages = MESSAGES


class EventExists(TransferError):
    """The target has the event already; ``lost`` counts what a replace would take off it.

    Attributes:
        target_id: the event's id on the target.
        lost: the target's records the source lacks: "checkins", "undos", "signatures" and
            "entries" (every audit entry the source lacks, those three included).
    """

    def __init__(self, name: str, target_id: int, lost: Counter[str] | None = None):
        self.target_id = target_id
        self.lost: Counter[str] = lost or Counter()
        super().__init__("event_diverged" if self.lost["entries"] else "event_exists", name,
                         str(target_id))

    @property
    def params(self) -> dict[str, object]:
        """What the message is filled in with: the counts of what would be lost, too."""
        return {**super().params,
                **{k: self.lost[k] for k in ("checkins", "undos", "signatures", "entries")}}


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
    backup: str | None = None  # where that copy was backed up first
    lost: dict[str, int] = field(default_factory=dict)  # what only that copy had (see EventExists)


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
               replace: bool = False, backup_folder: str | Path | None = None
               ) -> TransferResult:
    """Copy event ``event_id`` of ``source`` with everything that belongs to it to ``target``.

    With ``replace``, an event the target has already is first backed up to a new SQLite file
    in ``backup_folder`` (default: :func:`default_backup_folder`), then replaced.

    Raises :class:`EventExists` when the target has the event already (unless ``replace``),
    :class:`TransferError` / :class:`StoreError` otherwise; then the target is unchanged.
    """
    if source.url == target.url and source.engine.url.database == target.engine.url.database:
        raise TransferError("same_database", target.location)
    data = read_event(source, event_id)
    event_row = data["events"][0]
    ours = {row.hash for row in data["audit_log"]}
    with target.connection() as conn:
        existing = _same_event(conn, event_row)
        theirs = _trail(conn, existing) if existing is not None else {}
    lost = _lost(theirs, ours)
    backup = None
    if existing is not None:
        if not replace:
            raise EventExists(event_row.name, existing, lost)
        backup = str(backup_event(target, existing, event_row.uid, backup_folder))
    return _copy(data, target, event_id, existing, set(theirs), backup, lost)


def _copy(data: EventData, target: Store, event_id: int, existing: int | None,
          backed_up: set[str], backup: str | None, lost: Counter[str]) -> TransferResult:
    md = event_schema.metadata
    event_row = data["events"][0]
    counts: dict[str, int] = {}
    with target.transaction() as conn:
        now_there = _same_event(conn, event_row)
        if now_there != existing or (
                existing is not None and set(_trail(conn, existing)) != backed_up):
            raise TransferError("target_changed", event_row.name)
        if existing is not None:
            _delete_event(conn, existing)
        maps: IdMaps = {}
        for step in PLAN:
            table = md.tables[step.table]
            counts[step.table] = _write(conn, table, step, data[step.table], maps)
    return TransferResult(maps["events"][event_id], event_row.name, counts, existing, backup,
                          dict(lost))


def read_event(source: Store, event_id: int) -> EventData:
    """Every row of the event, read in one snapshot while desks keep writing."""
    with source.snapshot() as conn:
        return _read_event(conn, event_id)


def _trail(conn: sa.Connection, event_id: int) -> dict[str, str]:
    """The event's audit entries on ``conn``'s database: hash -> action."""
    log = event_schema.audit_log
    rows = conn.execute(sa.select(log.c.hash, log.c.body).where(log.c.event_id == event_id))
    found: dict[str, str] = {}
    for digest, body in rows:
        try:
            action = str(json.loads(body).get("action", ""))
        except (ValueError, AttributeError):
            action = ""
        found[digest] = action
    return found


_LOST_KINDS = {"checkin": "checkins", "walk_in": "checkins", "checkin_undone": "undos",
               "signature": "signatures"}


def _lost(theirs: dict[str, str], ours: set[str]) -> Counter[str]:
    """What the target's trail (``theirs``) records that the source's (``ours``) does not."""
    lost: Counter[str] = Counter()
    for digest, action in theirs.items():
        if digest not in ours:
            lost["entries"] += 1
            if action in _LOST_KINDS:
                lost[_LOST_KINDS[action]] += 1
    return lost


def default_backup_folder() -> Path:
    """Where backups go unless the user chose a folder: $IKRAR_BACKUP_DIR, else "cadangan"
    beside the default database, in the user's data folder."""
    import os

    from events.store import default_db_path

    override = os.environ.get(BACKUP_DIR_VARIABLE, "").strip()
    return Path(override) if override else default_db_path().parent / "cadangan"


BACKUP_DIR_VARIABLE = "IKRAR_BACKUP_DIR"


def backup_event(store: Store, event_id: int, uid: str, folder: str | Path | None = None
                 ) -> Path:
    """Write event ``event_id`` of ``store``, everything included, to a new SQLite file in
    ``folder`` (readable by its owner only) and return its path; ``event pull --from FILE``
    brings it back."""
    from events.files import private_folder

    where = private_folder(folder if folder is not None else default_backup_folder())
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    path = where / f"acara-{uid[:8]}-{stamp}-sebelum-ditimpa.sqlite"
    copy = Store.open(path, create=True)
    try:
        _copy(read_event(store, event_id), copy, event_id, None, set(), None, Counter())
    except BaseException:
        copy.close()
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)
        raise
    copy.close()
    return path


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
