"""The event store: what a user saves is what they get back, the database enforces what matters,
and a damaged, newer or read-only file is refused without being changed."""

from __future__ import annotations

import errno
import os
import random
import sqlite3
import stat
import sys
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest
import sqlalchemy as sa

from events import schema
from events.categories import Category
from events.demo import DEMO_NAME, demo_attendees, open_demo
from events.ids import NI_PPPK, NIP_PNS, check_nip
from events.model import Attendee, Event, EventKind, Official, Source, Speaker
from events.store import HEAD_REVISION, DuplicateError, Store, StoreError
from events.types import AwareDateTime
from pledges import schema as pledge_schema  # noqa: F401  (its tables join schema.metadata)

NIP_A = "198609262015051001"  # 19860926 201505 1 001
NIP_B = "196608011988031001"  # 19660801.198803.1.001
NIP_PPPK = "200012312024211001"
NIK_A = "3275014109900001"
LOGO = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) + b"\x00\x00 trailing zeros kept\x00"


def full_event(**changes) -> Event:
    event = Event(
        name="Ikrar Netralitas ASN Kota Bekasi",
        kind=EventKind.SOSIALISASI_ANTI_KORUPSI,
        event_date=date(2023, 11, 2),
        start_time=time(8, 30),
        end_time=time(11, 45),
        venue="Balai Patriot",
        city="Kota Bekasi",
        organizer_unit="Kesbangpol",
        institution="Pemerintah Kota Bekasi",
        logo=LOGO,
        letter_number="005/7262-Kesbangpol.Poldagri",
        letter_date=date(2023, 10, 26),
        presiding=Official("Raden Gani Muhamad", "Pj. Wali Kota Bekasi", NIP_B),
        witness=Official("Junaedi", "Sekretaris Daerah", NIP_A),
        speakers=[
            Speaker("Zainal Arifin, S.H.", "Kepala Seksi Intelijen", "Kejaksaan Negeri"),
            Speaker("Ani Wijaya", "Inspektur", "Inspektorat"),
            Speaker("Made Suryadi", "Ketua", "PWI Kota Bekasi"),
        ],
        agenda="Pembukaan;\nPembacaan ikrar — bersama-sama;\nPenandatanganan",
    )
    return replace(event, **changes)


def person(name: str, category: Category, **fields) -> Attendee:
    return Attendee(name=name, category=category, **fields)


# -- events ---------------------------------------------------------------------------------


def test_create_and_get_keep_every_field(store):
    event = full_event()
    created = store.create_event(event)

    assert isinstance(created.id, int)
    got = store.get_event(created.id)
    assert got == replace(event, id=created.id, uid=created.uid)
    assert got.logo == LOGO
    assert [s.name for s in got.speakers] == [
        "Zainal Arifin, S.H.", "Ani Wijaya", "Made Suryadi"
    ]
    assert (got.start_time, got.end_time) == (time(8, 30), time(11, 45))
    assert got.letter_date == date(2023, 10, 26)
    assert got.presiding == Official("Raden Gani Muhamad", "Pj. Wali Kota Bekasi", NIP_B)
    assert got.witness.nip == NIP_A
    assert not got.archived


def test_minimal_event_has_empty_optional_fields(store):
    created = store.create_event(Event(name="  Pakta Integritas  ", event_date=date(2024, 1, 5)))
    got = store.get_event(created.id)
    assert got.name == "Pakta Integritas"
    assert got.kind is EventKind.IKRAR_NETRALITAS
    assert got.start_time is None and got.end_time is None and got.letter_date is None
    assert got.logo is None
    assert got.speakers == []
    assert got.presiding.is_empty() and got.witness.is_empty()


def test_speakers_without_a_name_are_dropped_and_order_kept(store):
    speakers = [Speaker("Citra"), Speaker("   "), Speaker("Agus"), Speaker("Budi")]
    created = store.create_event(full_event(speakers=speakers))
    assert [s.name for s in store.get_event(created.id).speakers] == ["Citra", "Agus", "Budi"]


def test_update_event_changes_fields_and_replaces_speakers(store):
    created = store.create_event(full_event())
    changed = replace(
        created,
        name="Gelar Pengawasan",
        end_time=time(12, 0),
        logo=None,
        letter_date=None,
        witness=Official(),
        speakers=[Speaker("Made Suryadi", "Ketua", "PWI"), Speaker("Baru", "", "")],
    )
    store.update_event(changed)

    got = store.get_event(created.id)
    assert got == changed
    assert [s.name for s in got.speakers] == ["Made Suryadi", "Baru"]


def test_update_unknown_event_is_not_found(store):
    with pytest.raises(StoreError) as info:
        store.update_event(full_event(id=999))
    assert info.value.code == "not_found"
    with pytest.raises(ValueError):
        store.update_event(full_event())  # no id


def test_get_unknown_event_is_not_found(store):
    with pytest.raises(StoreError) as info:
        store.get_event(42)
    assert info.value.code == "not_found"
    assert "42" in info.value.message


def test_list_events_newest_first_without_logo_or_speakers(store):
    old = store.create_event(full_event(name="Lama", event_date=date(2023, 1, 1)))
    new = store.create_event(full_event(name="Baru", event_date=date(2024, 6, 1)))
    same_day = store.create_event(full_event(name="Baru juga", event_date=date(2024, 6, 1)))

    listed = store.list_events()
    assert [e.id for e in listed] == [same_day.id, new.id, old.id]
    assert all(e.logo is None and e.speakers == [] for e in listed)
    assert listed[-1].venue == "Balai Patriot"


def test_archive_hides_event_until_unarchived(store):
    keep = store.create_event(full_event(name="Tetap"))
    gone = store.create_event(full_event(name="Arsip"))

    store.set_archived(gone.id)
    assert [e.id for e in store.list_events()] == [keep.id]
    everything = {e.id: e for e in store.list_events(include_archived=True)}
    assert set(everything) == {keep.id, gone.id}
    archived = store.get_event(gone.id)
    assert archived.archived
    assert archived.archived_at.tzinfo is not None
    assert abs(archived.archived_at - datetime.now(UTC)) < timedelta(minutes=1)

    store.set_archived(gone.id, archived=False)
    assert {e.id for e in store.list_events()} == {keep.id, gone.id}
    assert not store.get_event(gone.id).archived


def test_archive_unknown_event_is_not_found(store):
    with pytest.raises(StoreError) as info:
        store.set_archived(7)
    assert info.value.code == "not_found"


def test_find_event_by_id_or_name(store):
    first = store.create_event(full_event(name="Ikrar Netralitas ASN"))
    store.create_event(full_event(name="Pakta Integritas"))
    store.set_archived(first.id)

    assert store.find_event(first.id).id == first.id
    assert store.find_event(str(first.id)).id == first.id
    found = store.find_event("  ikrar netralitas asn ")
    assert found.id == first.id
    assert found.logo == LOGO  # the full event, not the list row
    for ref in ("Tidak Ada", "999", "Ikrar"):
        with pytest.raises(StoreError) as info:
            store.find_event(ref)
        assert info.value.code == "not_found"


def test_find_event_refuses_an_ambiguous_name(store):
    store.create_event(full_event(name="Sosialisasi"))
    store.create_event(full_event(name="sosialisasi"))
    with pytest.raises(StoreError) as info:
        store.find_event("Sosialisasi")
    assert info.value.code == "not_found"


def test_delete_event_removes_its_roster(store):
    event = store.create_event(full_event())
    other = store.create_event(full_event(name="Lain"))
    store.add_attendees(event.id, [person("Agus", Category.PELAKSANA, nip=NIP_A)])
    store.add_attendees(other.id, [person("Budi", Category.PELAKSANA, nip=NIP_A)])

    store.delete_event(event.id)

    with pytest.raises(StoreError):
        store.get_event(event.id)
    with store.engine.connect() as conn:
        left = conn.execute(sa.select(schema.attendees.c.name)).scalars().all()
        speakers = conn.execute(
            sa.select(sa.func.count()).select_from(schema.speakers)
            .where(schema.speakers.c.event_id == event.id)
        ).scalar()
    assert left == ["Budi"]
    assert speakers == 0


# -- attendees ------------------------------------------------------------------------------


@pytest.fixture
def event(store) -> Event:
    return store.create_event(full_event())


def test_add_and_get_attendee_keeps_every_field(store, event):
    attendee = person(
        "  Dewi   Lestari,  S.E. ", Category.ESELON_IV, nip=NIP_A, golongan=" III/d ",
        jabatan="Kepala Seksi", unit="Dinas Kesehatan", phone="081234567890",
        source=Source.IMPORT, invited=True, note="duduk di depan",
    )
    added = store.add_attendee(event.id, attendee)
    assert isinstance(added.id, int)
    assert added.event_id == event.id

    got = store.get_attendee(added.id)
    assert got.name == "Dewi Lestari, S.E."
    assert got.golongan == "III/d"
    assert (got.category, got.nip, got.nik) == (Category.ESELON_IV, NIP_A, None)
    assert (got.jabatan, got.unit, got.phone) == ("Kepala Seksi", "Dinas Kesehatan",
                                                   "081234567890")
    assert got.source is Source.IMPORT and got.invited is True
    assert got.note == "duduk di depan"


def test_stored_id_is_the_id_the_store_gave_and_a_record_never_stored_has_none(store, event):
    added = store.add_attendee(event.id, person("Budi Santoso", Category.TAMU))
    assert added.stored_id == added.id == store.get_attendee(added.id).stored_id
    assert event.stored_id == event.id
    with pytest.raises(ValueError, match="Budi Santoso"):
        _ = person("Budi Santoso", Category.TAMU).stored_id
    with pytest.raises(ValueError, match="not stored"):
        _ = Event("Rapat", date(2024, 1, 1)).stored_id


def test_guest_without_nip_and_walk_in(store, event):
    guest = store.add_attendee(event.id, person(
        "Rina", Category.TAMU, nip="", nik=NIK_A, institution="PWI", source=Source.WALK_IN,
        invited=False,
    ))
    got = store.get_attendee(guest.id)
    assert got.nip is None
    assert got.nik == NIK_A
    assert got.institution == "PWI"
    assert got.source is Source.WALK_IN and got.invited is False


def test_update_and_remove_attendee(store, event):
    added = store.add_attendee(event.id, person("Agus", Category.PELAKSANA, nip=NIP_A))
    store.update_attendee(replace(added, name="Agus Santoso", category=Category.FUNGSIONAL,
                                  nip=NIP_B, phone="0812"))
    got = store.get_attendee(added.id)
    assert (got.name, got.category, got.nip, got.phone) == (
        "Agus Santoso", Category.FUNGSIONAL, NIP_B, "0812")

    store.remove_attendee(added.id)
    assert store.list_attendees(event.id) == []
    for call in (lambda: store.get_attendee(added.id), lambda: store.remove_attendee(added.id),
                 lambda: store.update_attendee(added)):
        with pytest.raises(StoreError) as info:
            call()
        assert info.value.code == "not_found"
    with pytest.raises(ValueError):
        store.update_attendee(person("Tanpa id", Category.TAMU))


def test_list_attendees_in_document_order(store, event):
    names = [
        ("yanti", Category.TAMU), ("Budi", Category.PELAKSANA), ("agus", Category.ESELON_II),
        ("Zainal", Category.ESELON_II), ("Citra", Category.ESELON_IV),
        ("Bambang", Category.ESELON_II), ("Eko", Category.PPPK), ("Sri", Category.NON_ASN),
        ("Hesti", Category.ESELON_III), ("Fitri", Category.FUNGSIONAL),
    ]
    store.add_attendees(event.id, [person(n, c) for n, c in names])

    listed = [(a.name, a.category) for a in store.list_attendees(event.id)]
    assert listed == [
        ("agus", Category.ESELON_II), ("Bambang", Category.ESELON_II),
        ("Zainal", Category.ESELON_II), ("Hesti", Category.ESELON_III),
        ("Citra", Category.ESELON_IV), ("Fitri", Category.FUNGSIONAL),
        ("Budi", Category.PELAKSANA), ("Eko", Category.PPPK), ("Sri", Category.NON_ASN),
        ("yanti", Category.TAMU),
    ]


def test_rosters_of_two_events_are_separate(store, event):
    other = store.create_event(full_event(name="Lain"))
    store.add_attendee(event.id, person("Agus", Category.PELAKSANA))
    store.add_attendee(other.id, person("Budi", Category.PELAKSANA))
    assert [a.name for a in store.list_attendees(event.id)] == ["Agus"]
    assert [a.name for a in store.list_attendees(other.id)] == ["Budi"]


def test_count_by_category_names_every_category(store, event):
    store.add_attendees(event.id, [
        person("A", Category.ESELON_II), person("B", Category.ESELON_II),
        person("C", Category.TAMU),
    ])
    counts = store.count_by_category(event.id)
    assert list(counts) == list(Category)
    assert counts[Category.ESELON_II] == 2
    assert counts[Category.TAMU] == 1
    assert sum(counts.values()) == 3
    assert set(store.count_by_category(999).values()) == {0}


def test_one_nip_per_event_is_a_database_constraint(store, db_path, event):
    store.add_attendee(event.id, person("Agus", Category.PELAKSANA, nip=NIP_A))
    stamp = "2024-01-01T08:00:00.000000+07:00"
    raw = sqlite3.connect(db_path, isolation_level=None)  # autocommit: no lock left held
    try:
        with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
            raw.execute(
                "INSERT INTO attendees (event_id, name, category, nip, source, created_at, "
                "updated_at) VALUES (?, 'Kembar', 'pelaksana', ?, 'manual', ?, ?)",
                (event.id, NIP_A, stamp, stamp),
            )
        # The same through SQLAlchemy without the store's Python checks.
        with pytest.raises(sa.exc.IntegrityError), store.engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO attendees (event_id, name, category, nip, source, created_at, "
                "updated_at) VALUES (?, 'Kembar', 'pelaksana', ?, 'manual', ?, ?)",
                (event.id, NIP_A, stamp, stamp),
            )
    finally:
        raw.close()
    assert [a.name for a in store.list_attendees(event.id)] == ["Agus"]


def test_duplicate_nip_through_the_store_names_it(store, event):
    store.add_attendee(event.id, person("Agus", Category.PELAKSANA, nip=NIP_A))
    with pytest.raises(DuplicateError) as info:
        store.add_attendee(event.id, person("Kembar", Category.PELAKSANA, nip=NIP_A))
    assert info.value.code == "duplicate_nip"
    assert info.value.value == NIP_A
    assert info.value.field == "nip"
    assert NIP_A in info.value.message


def test_duplicate_nik_is_refused_too(store, event):
    store.add_attendee(event.id, person("Rina", Category.TAMU, nik=NIK_A))
    with pytest.raises(DuplicateError) as info:
        store.add_attendee(event.id, person("Kembar", Category.TAMU, nik=NIK_A))
    assert info.value.code == "duplicate_nik"
    assert info.value.value == NIK_A
    assert info.value.field == "nik"


def test_many_attendees_without_nip_or_nik_are_allowed(store, event):
    store.add_attendees(event.id, [person(f"Tamu {i}", Category.TAMU) for i in range(5)])
    store.add_attendee(event.id, person("Tamu lagi", Category.NON_ASN, nip="", nik=""))
    assert len(store.list_attendees(event.id)) == 6


def test_same_nip_allowed_in_two_events(store, event):
    other = store.create_event(full_event(name="Acara lain"))
    store.add_attendee(event.id, person("Agus", Category.PELAKSANA, nip=NIP_A))
    store.add_attendee(other.id, person("Agus", Category.PELAKSANA, nip=NIP_A))
    assert store.existing_nips(event.id) == store.existing_nips(other.id) == {NIP_A}


def test_add_attendees_is_all_or_nothing(store, event):
    store.add_attendee(event.id, person("Agus", Category.PELAKSANA, nip=NIP_A))
    batch = [
        person("Budi", Category.PELAKSANA, nip=NIP_B),
        person("Citra", Category.PPPK, nip=NIP_PPPK),
        person("Agus kembar", Category.PELAKSANA, nip=NIP_A),
        person("Dewi", Category.TAMU),
    ]
    with pytest.raises(DuplicateError) as info:
        store.add_attendees(event.id, batch)
    assert info.value.value == NIP_A
    assert [a.name for a in store.list_attendees(event.id)] == ["Agus"]


def test_duplicate_inside_one_batch_writes_nothing(store, event):
    batch = [person("Budi", Category.PELAKSANA, nip=NIP_B),
             person("Agus", Category.PELAKSANA, nip=NIP_A),
             person("Budi lagi", Category.PELAKSANA, nip=NIP_B)]
    with pytest.raises(DuplicateError) as info:
        store.add_attendees(event.id, batch)
    assert info.value.value == NIP_B
    assert store.list_attendees(event.id) == []


def test_add_attendees_returns_ids_in_order(store, event):
    added = store.add_attendees(event.id, [person(f"P{i}", Category.TAMU) for i in range(30)])
    assert [a.name for a in added] == [f"P{i}" for i in range(30)]
    assert all(store.get_attendee(a.id).name == a.name for a in added)
    assert store.add_attendees(event.id, []) == []


def test_update_attendee_to_a_taken_nip_is_refused(store, event):
    store.add_attendee(event.id, person("Agus", Category.PELAKSANA, nip=NIP_A))
    budi = store.add_attendee(event.id, person("Budi", Category.PELAKSANA, nip=NIP_B))
    with pytest.raises(DuplicateError) as info:
        store.update_attendee(replace(budi, nip=NIP_A))
    assert info.value.value == NIP_A
    assert store.get_attendee(budi.id).nip == NIP_B


def test_attendees_for_an_unknown_event_are_not_found_not_duplicates(store):
    with pytest.raises(StoreError) as info:
        store.add_attendees(999, [person("Agus", Category.PELAKSANA, nip=NIP_A)])
    assert not isinstance(info.value, DuplicateError)
    assert info.value.code == "not_found"
    assert "999" in info.value.message


# -- the file -------------------------------------------------------------------------------


def test_data_survives_closing_and_reopening(db_path):
    first = Store.open(db_path)
    event = first.create_event(full_event())
    first.add_attendees(event.id, [person("Agus", Category.ESELON_II, nip=NIP_A),
                                   person("Rina", Category.TAMU, nik=NIK_A)])
    first.set_archived(event.id)
    first.close()

    again = Store.open(db_path)
    try:
        got = again.get_event(event.id)
        assert got == replace(event, archived_at=got.archived_at)
        assert got.archived
        assert [(a.name, a.nip, a.nik) for a in again.list_attendees(event.id)] == [
            ("Agus", NIP_A, None), ("Rina", None, NIK_A)]
    finally:
        again.close()


@pytest.mark.sqlite_only
def test_connection_pragmas(store):
    with store.engine.connect() as one, store.engine.connect() as two:
        for conn in (one, two):
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000


def test_foreign_keys_are_enforced(store):
    stamp = "2024-01-01T08:00:00.000000+07:00"
    with pytest.raises(sa.exc.IntegrityError, match="(?i)foreign key"), \
            store.engine.begin() as conn:
        conn.execute(sa.text(
            "INSERT INTO attendees (event_id, name, category, source, created_at, updated_at) "
            "VALUES (12345, 'Yatim', 'tamu', 'manual', :at, :at)"), {"at": stamp})


def test_fresh_file_is_at_head_revision(store, db_path):
    assert store.current_revision() == HEAD_REVISION
    raw = sqlite3.connect(db_path)
    try:
        assert raw.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (HEAD_REVISION,)]
    finally:
        raw.close()


def test_head_revision_matches_the_migration_scripts():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", "events:migrations")
    scripts = ScriptDirectory.from_config(config)
    assert scripts.get_heads() == [HEAD_REVISION]  # one head, no forgotten branch
    assert scripts.get_current_head() == HEAD_REVISION


def _describe(engine: sa.Engine, schema_name: str | None = None) -> dict:
    inspector = sa.inspect(engine)
    tables = {}
    for table in sorted(set(inspector.get_table_names(schema_name)) - {"alembic_version"}):
        inspect = {"schema": schema_name}
        tables[table] = {
            "columns": [
                (c["name"], c["nullable"], str(c["type"]),
                 c["default"].replace(f"{schema_name}.", "") if schema_name and c["default"]
                 else c["default"])
                for c in inspector.get_columns(table, **inspect)
            ],
            "pk": inspector.get_pk_constraint(table, **inspect)["constrained_columns"],
            "unique": sorted(
                (u["name"], tuple(u["column_names"]))
                for u in inspector.get_unique_constraints(table, **inspect)
            ),
            "foreign_keys": sorted(
                (tuple(f["constrained_columns"]), f["referred_table"],
                 tuple(f["referred_columns"]), f["options"].get("ondelete"))
                for f in inspector.get_foreign_keys(table, **inspect)
            ),
            "indexes": sorted(
                (i["name"], tuple(i["column_names"]), bool(i["unique"]))
                for i in inspector.get_indexes(table, **inspect)
            ),
        }
    return tables


def test_migrations_create_the_schema_the_code_uses(store, tmp_path):
    migrated = _describe(store.engine)

    if store.engine.dialect.name == "sqlite":
        reference = sa.create_engine(f"sqlite:///{tmp_path / 'metadata.sqlite'}")
        try:
            schema.metadata.create_all(reference)
            expected = _describe(reference)
        finally:
            reference.dispose()
    else:  # the metadata created in a schema of its own, next to the migrated one
        with store.engine.begin() as conn:
            conn.exec_driver_sql("DROP SCHEMA IF EXISTS reference CASCADE")
            conn.exec_driver_sql("CREATE SCHEMA reference")
            schema.metadata.create_all(
                conn.execution_options(schema_translate_map={None: "reference"}))
        try:
            expected = _describe(store.engine, "reference")
        finally:
            with store.engine.begin() as conn:
                conn.exec_driver_sql("DROP SCHEMA reference CASCADE")

    assert set(migrated) == set(schema.metadata.tables) == set(expected)
    for name, table in schema.metadata.tables.items():
        assert [c[0] for c in migrated[name]["columns"]] == [c.name for c in table.columns]
        assert {c[0]: c[1] for c in migrated[name]["columns"]} == {
            c.name: c.nullable for c in table.columns}
    assert ("uq_attendees_event_id_nip", ("event_id", "nip")) in migrated["attendees"]["unique"]
    assert ("uq_attendees_event_id_nik", ("event_id", "nik")) in migrated["attendees"]["unique"]
    # pledges/ adds its tables to the same schema (migration 0003).
    assert {"pledge_versions", "event_pledges", "signatures"} <= set(migrated)
    assert ("ux_signatures_current", ("event_id", "attendee_id"), True) in migrated[
        "signatures"]["indexes"]
    assert ("ux_signatures_witness", ("event_id",), True) in migrated["signatures"]["indexes"]
    assert migrated == expected


def test_partial_unique_indexes_have_their_where_on_every_engine(store):
    """schema.py names only SQLite's WHERE; the migrations give PostgreSQL the same one."""
    found = {}
    if store.engine.dialect.name == "postgresql":
        for table in ("checkins", "signatures"):
            for index in sa.inspect(store.engine).get_indexes(table):
                where = index["dialect_options"].get("postgresql_where") or ""
                found[index["name"]] = " ".join(
                    where.replace("(", " ").replace(")", " ").replace("::text", "").split())
    else:
        with store.engine.connect() as conn:
            found = {name: sql.split(" WHERE ", 1)[1].replace('"', "") for name, sql in
                     conn.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type = "
                                          "'index' AND sql LIKE '% WHERE %'")}
    assert found["ux_checkins_active"] == "undone_at IS NULL"
    assert found["ux_signatures_current"] == "superseded_at IS NULL"
    assert found["ux_signatures_witness"].replace("'", "") == (
        "role = witness AND superseded_at IS NULL")


def test_alembic_finds_no_difference_from_the_metadata(store):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, schema.metadata) == []


def test_reopening_a_current_file_does_not_need_alembic(db_path, monkeypatch):
    Store.open(db_path).close()
    monkeypatch.setitem(sys.modules, "alembic", None)  # any "import alembic" now fails
    store = Store.open(db_path)
    try:
        assert store.list_events() == []
    finally:
        store.close()


def _sidecars(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name != path.name)


@pytest.mark.parametrize("content", [
    random.Random(7).randbytes(8192),
    b"Nama,NIP\nAgus,198609262015051001\n",
    b"SQLite format 3\x00" + b"\xff" * 200,
])
def test_a_file_that_is_not_a_database_is_refused_unchanged(tmp_path, content):
    path = tmp_path / "rusak.sqlite"
    path.write_bytes(content)
    before = path.stat()

    with pytest.raises(StoreError) as info:
        Store.open(path)

    assert info.value.code == "corrupt"
    assert "rusak" in info.value.message
    assert path.read_bytes() == content
    assert path.stat().st_mtime_ns == before.st_mtime_ns
    assert _sidecars(path) == []  # no -wal, -shm or backup left behind


def test_a_database_from_a_newer_version_is_refused(db_path):
    first = Store.open(db_path)
    event = first.create_event(full_event())
    with first.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_future'")
    first.close()

    with pytest.raises(StoreError) as info:
        Store.open(db_path)
    assert info.value.code == "newer_schema"
    assert "9999_future" in info.value.message
    assert not list(db_path.parent.glob("*.bak-*"))

    raw = sqlite3.connect(db_path)
    try:
        assert raw.execute("SELECT version_num FROM alembic_version").fetchall() == [
            ("9999_future",)]
        assert raw.execute("SELECT name FROM events").fetchall() == [(event.name,)]
    finally:
        raw.close()


def test_a_read_only_file_refuses_writes(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "ikrar.sqlite"
    first = Store.open(path)
    first.create_event(full_event())
    first.close()
    content = path.read_bytes()

    path.chmod(0o444)
    folder.chmod(0o555)
    try:
        if os.access(path, os.W_OK) or os.access(folder, os.W_OK):
            pytest.skip("chmod does not stop this user from writing (root?)")
        with pytest.raises(StoreError) as info:
            store = Store.open(path)
            try:
                store.create_event(full_event(name="Tidak tersimpan"))
            finally:
                store.close()
        assert info.value.code == "read_only"
        assert "hanya bisa dibaca" in info.value.message
    finally:
        folder.chmod(stat.S_IRWXU)
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert path.read_bytes() == content


def test_a_read_only_connection_refuses_writes(tmp_path, monkeypatch):
    path = tmp_path / "ikrar.sqlite"
    first = Store.open(path)
    first.create_event(full_event())
    first.close()
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)

    store = Store.open(f"sqlite:///file:{path}?mode=ro&uri=true")
    try:
        assert [e.name for e in store.list_events()] == [full_event().name]
        with pytest.raises(StoreError) as info:
            store.create_event(full_event(name="Tidak tersimpan"))
        assert info.value.code == "read_only"
    finally:
        store.close()
    assert list(cwd.iterdir()) == []  # no folder named "file:" made for the URI
    reopened = Store.open(path)
    try:
        assert len(reopened.list_events()) == 1
    finally:
        reopened.close()


def test_unreachable_database_url():
    with pytest.raises(StoreError) as info:
        Store.open("nosuchdriver://host/db")
    assert info.value.code == "unreachable"


# -- database errors, classified by the driver's code ----------------------------------------


@pytest.mark.sqlite_only
def test_a_write_while_another_process_holds_the_lock_is_locked(store, event, db_engine):
    holder = sqlite3.connect(store.engine.url.database, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        with pytest.raises(StoreError) as info, store.transaction() as conn:
            conn.exec_driver_sql("PRAGMA busy_timeout = 0")  # fail now, not in 5 seconds
            conn.execute(sa.update(schema.events).values(name="Tidak tersimpan"))
        assert info.value.code == "locked"
        assert info.value.message == "Basis data sedang dipakai proses lain; coba lagi sebentar"
    finally:
        holder.close()
    assert store.get_event(event.id).name == full_event().name


@pytest.mark.postgresql_only
def test_a_write_that_waits_too_long_for_a_lock_is_locked(store, event):
    holder = store.engine.connect()
    try:
        holder.exec_driver_sql("LOCK TABLE events IN ACCESS EXCLUSIVE MODE")
        with pytest.raises(StoreError) as info, store.transaction() as conn:
            conn.exec_driver_sql("SET LOCAL lock_timeout = '100ms'")
            conn.execute(sa.update(schema.events).values(name="Tidak tersimpan"))
        assert info.value.code == "locked"
    finally:
        holder.rollback()
        holder.close()
    assert store.get_event(event.id).name == full_event().name


@pytest.mark.sqlite_only
def test_a_full_disk_is_disk_full(store, event, db_engine):
    with store.connection() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
    store.engine.dispose()  # the file may not grow, on every connection from now on

    @sa.event.listens_for(store.engine, "connect")
    def _no_growth(dbapi_connection, _record):
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    many = [person(f"Peserta {i}", Category.TAMU, unit="x" * 200) for i in range(2000)]
    with pytest.raises(StoreError) as info:
        store.add_attendees(event.id, many)
    assert info.value.code == "disk_full"
    assert "Penyimpanan penuh" in info.value.message
    assert store.list_attendees(event.id) == []


@pytest.mark.postgresql_only
def test_a_write_in_a_read_only_transaction_is_read_only(store, event):
    with pytest.raises(StoreError) as info, store.transaction() as conn:
        conn.exec_driver_sql("SET TRANSACTION READ ONLY")
        conn.execute(sa.update(schema.events).values(name="Tidak tersimpan"))
    assert info.value.code == "read_only"


def test_a_folder_is_not_a_database_file(tmp_path):
    with pytest.raises(StoreError) as info:
        Store.open(tmp_path)
    assert info.value.code == "unreachable"
    assert info.value.message.startswith("Basis data tidak dapat dibuka: ")


@pytest.mark.parametrize("url", [
    "postgresql://ikrar@nonexistent.invalid/ikrar",  # the host name does not resolve
    "postgresql://ikrar@127.0.0.1:1/ikrar",  # nothing listens there
])
def test_a_server_that_cannot_be_reached_is_unreachable(url):
    pytest.importorskip("psycopg")
    with pytest.raises(StoreError) as info:
        Store.open(url)
    assert info.value.code == "unreachable"


def _server_error(sqlstate: str) -> sa.exc.DBAPIError:
    """What SQLAlchemy raises when the server answers with this SQLSTATE."""
    from psycopg import errors

    orig = errors.lookup(sqlstate)(f"server says {sqlstate}")
    return sa.exc.DBAPIError.instance("UPDATE events SET name = %s", ("x",), orig,
                                      errors.Error)


@pytest.mark.parametrize(("sqlstate", "code"), [
    ("53100", "disk_full"),
    ("25006", "read_only"),
    ("55P03", "locked"),
    ("57014", "locked"),
    ("40P01", "locked"),
    ("57P01", "unreachable"),
    ("57P02", "unreachable"),
    ("57P03", "unreachable"),
    ("08006", "unreachable"),
    ("28P01", "unreachable"),
    ("3D000", "unreachable"),
    ("23503", "not_found"),
    ("23502", "io"),  # NOT NULL: a write that failed, not a duplicate
    ("XX001", "corrupt"),
    ("42P01", "io"),
])
def test_server_errors_are_classified_by_sqlstate(sqlstate, code):
    pytest.importorskip("psycopg")
    from events.db_errors import translate

    error = translate(_server_error(sqlstate))
    assert type(error) is StoreError
    assert (error.code, error.detail) == (code, f"server says {sqlstate}")


def test_driver_errors_without_a_sqlstate():
    psycopg = pytest.importorskip("psycopg")
    from events.db_errors import translate

    lost = psycopg.OperationalError("consuming input failed: server closed the connection")
    assert translate(sa.exc.OperationalError("SELECT 1", {}, lost)).code == "unreachable"
    bad_value = psycopg.DataError("PostgreSQL text fields cannot contain NUL (0x00) bytes")
    assert translate(sa.exc.DataError("SELECT 1", {}, bad_value)).code == "io"


@pytest.mark.parametrize(("number", "code"), [
    (errno.ENOSPC, "disk_full"),
    (errno.EROFS, "read_only"),
    (errno.ECONNREFUSED, "unreachable"),
    (errno.EACCES, "io"),
])
def test_system_errors_are_classified_by_errno(number, code):
    from events.db_errors import translate

    assert translate(OSError(number, os.strerror(number))).code == code


# -- AwareDateTime --------------------------------------------------------------------------


@pytest.fixture
def moments(tmp_path):
    metadata = sa.MetaData()
    table = sa.Table("moments", metadata, sa.Column("id", sa.Integer, primary_key=True),
                     sa.Column("at", AwareDateTime()))
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'moments.sqlite'}")
    metadata.create_all(engine)
    yield engine, table
    engine.dispose()


@pytest.mark.parametrize("offset", [timedelta(hours=7), timedelta(hours=9),
                                    timedelta(hours=-3, minutes=-30), timedelta(0)])
def test_aware_datetime_keeps_the_utc_offset_exactly(moments, offset):
    engine, table = moments
    moment = datetime(2024, 11, 2, 8, 42, 10, 123456, tzinfo=timezone(offset))
    with engine.begin() as conn:
        conn.execute(sa.insert(table).values(id=1, at=moment))
    with engine.connect() as conn:
        back = conn.execute(sa.select(table.c.at)).scalar_one()
        stored = conn.exec_driver_sql("SELECT at FROM moments").scalar_one()
    assert back == moment
    assert back.utcoffset() == offset
    assert back.isoformat() == moment.isoformat()
    assert (back.hour, back.minute, back.second, back.microsecond) == (8, 42, 10, 123456)
    assert stored == moment.isoformat(timespec="microseconds")


def test_aware_datetime_refuses_naive_datetimes(moments):
    engine, table = moments
    with pytest.raises(sa.exc.StatementError) as info, engine.begin() as conn:
        conn.execute(sa.insert(table).values(id=1, at=datetime(2024, 11, 2, 8, 42)))
    assert isinstance(info.value.orig, ValueError)
    with engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(table)).scalar() == 0
    with pytest.raises(ValueError, match="UTC offset"):
        AwareDateTime().process_bind_param(datetime(2024, 1, 1), engine.dialect)


def test_aware_datetime_keeps_none(moments):
    engine, table = moments
    with engine.begin() as conn:
        conn.execute(sa.insert(table).values(id=1, at=None))
    with engine.connect() as conn:
        assert conn.execute(sa.select(table.c.at)).scalar_one() is None


# -- the demo event -------------------------------------------------------------------------


def test_open_demo_makes_a_full_demo_event(store):
    event = open_demo(store)

    assert event.is_demo
    assert event.name == DEMO_NAME
    assert store.get_event(event.id).is_demo
    counts = store.count_by_category(event.id)
    assert all(counts[c] > 0 for c in Category), counts
    people = store.list_attendees(event.id)
    invited = [p for p in people if p.invited]
    assert sum(counts.values()) == len(people) == len(demo_attendees()) + 2  # two walk-ins
    assert len(invited) == len(demo_attendees())


def test_the_demo_already_has_check_ins_at_two_desks_and_a_walk_in(store):
    from events.checkins import active_checkins, counts

    event = open_demo(store)
    came = active_checkins(store, event.id)
    assert {c.desk for c in came.values()} == {"Meja 1 (demo)", "Meja 2 (demo)"}
    desk = counts(store, event.id)
    assert desk.walk_ins == 2 and 0 < desk.present < desk.invited


def test_demo_nips_are_valid_and_unique(store):
    event = open_demo(store)
    people = store.list_attendees(event.id)
    nips = [a.nip for a in people if a.nip]
    assert len(nips) == len(set(nips))
    for a in people:
        if a.category.needs_nip:
            result = check_nip(a.nip)
            assert result.ok, (a.name, a.nip, result.issues)
            assert result.kind == (NI_PPPK if a.category is Category.PPPK else NIP_PNS)
        else:
            assert a.nip is None
    for official in (event.presiding, event.witness):
        assert not official.nip or check_nip(official.nip).ok


def test_open_demo_is_idempotent(store):
    first = open_demo(store)
    size = len(store.list_attendees(first.id))
    second = open_demo(store)
    assert second.id == first.id
    assert len(store.list_attendees(first.id)) == size
    assert [e.id for e in store.list_events() if e.is_demo] == [first.id]


def test_demo_roster_is_the_same_every_time():
    assert demo_attendees() == demo_attendees()


def test_demo_names_agree_with_the_sex_their_nip_records():
    """The NIP's 15th digit is 1 for a man, 2 for a woman: a demo "Hendra" is never a 2."""
    women = {"Citra", "Dewi", "Fitri", "Hesti", "Kartika", "Lina", "Nining", "Putri", "Siti",
             "Umi", "Yanti", "Ratna", "Sri", "Maya", "Nurul", "Rina", "Wulan"}
    numbered = [p for p in demo_attendees() if p.nip]
    assert len(numbered) > 50
    for person in numbered:
        first = person.name.split()[0]
        assert (first in women) == (person.nip[14] == "2"), (person.name, person.nip)


def test_another_programs_sqlite_file_is_refused_and_left_unchanged(tmp_path):
    import sqlite3

    from events.store import Store, StoreError

    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO customers (name) VALUES ('Ani')")
    before = path.read_bytes()
    with pytest.raises(StoreError) as caught:
        Store.open(path)
    assert caught.value.code == "foreign"
    assert "customers" in caught.value.message
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.sqlite"]


def test_demo_comes_back_from_the_archive_with_its_roster(store):
    from events.demo import open_demo

    demo = open_demo(store)
    store.set_archived(demo.id, True)
    again = open_demo(store)
    assert again.id == demo.id
    assert not again.archived
    assert sum(store.count_by_category(demo.id).values()) == len(store.list_attendees(demo.id))
    assert len([e for e in store.list_events(include_archived=True) if e.is_demo]) == 1


def test_upgrading_a_0001_database_keeps_the_roster_and_gives_everyone_a_token(tmp_path):
    import sqlalchemy as sa
    from alembic import command
    from alembic.config import Config

    from events.store import HEAD_REVISION, Store

    path = tmp_path / "old.sqlite"
    engine = sa.create_engine(f"sqlite:///{path}")
    config = Config()
    config.set_main_option("script_location", "events:migrations")
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        conn.execute(sa.text(
            "INSERT INTO events (name, kind, event_date, created_at, updated_at) VALUES "
            "('Lama', 'ikrar_netralitas', '2024-01-02', '2024-01-01T00:00:00+07:00', "
            "'2024-01-01T00:00:00+07:00')"))
        for name in ("Ani", "Budi"):
            conn.execute(sa.text(
                "INSERT INTO attendees (event_id, name, category, source, created_at, updated_at)"
                " VALUES (1, :n, 'tamu', 'import', '2024-01-01T00:00:00+07:00',"
                " '2024-01-01T00:00:00+07:00')"), {"n": name})
    engine.dispose()

    store = Store.open(path)
    assert store.current_revision() == HEAD_REVISION
    people = store.list_attendees(1)
    assert [p.name for p in people] == ["Ani", "Budi"]
    tokens = [p.token for p in people]
    assert all(t and len(t) == 16 and t.isalnum() and t.isupper() for t in tokens)
    assert len(set(tokens)) == 2
    assert (tmp_path / "old.sqlite.bak-0001").exists()  # the file as it was, kept aside


def test_new_attendees_get_distinct_invitation_tokens_that_are_not_their_nip(store):
    from datetime import date

    from events.categories import Category
    from events.model import Attendee, Event

    event = store.create_event(Event(name="Tok", event_date=date(2026, 12, 1)))
    people = store.add_attendees(event.id, [
        Attendee("Ani", Category.ESELON_III, nip="198303242009051003"),
        Attendee("Budi", Category.TAMU),
    ])
    tokens = {p.token for p in store.list_attendees(event.id)}
    assert tokens == {p.token for p in people} and len(tokens) == 2
    assert not any("1983" in t for t in tokens)


def test_snapshot_sees_one_moment_while_others_commit(store, event):
    """Documents are built inside one snapshot: a commit made meanwhile by another desk is
    not half-seen (the list and its count agree)."""
    store.add_attendee(event.id, person("Sebelum", Category.PELAKSANA))
    other = Store.open(store.engine.url.render_as_string(hide_password=False))
    try:
        with store.snapshot() as conn:
            first = conn.execute(sa.select(sa.func.count()).select_from(schema.attendees)).scalar()
            other.add_attendee(event.id, person("Sesudah", Category.PELAKSANA))
            again = conn.execute(sa.select(sa.func.count()).select_from(schema.attendees)).scalar()
        assert first == again == 1
        with store.connection() as conn:
            assert conn.execute(
                sa.select(sa.func.count()).select_from(schema.attendees)).scalar() == 2
    finally:
        other.close()


def test_sqlite_write_transactions_of_one_process_take_turns(db_path):
    import threading

    store = Store.open(db_path)
    order: list[str] = []
    started = threading.Event()

    def other_desk() -> None:
        started.wait(5)
        with store.transaction():
            order.append("second")

    thread = threading.Thread(target=other_desk)
    thread.start()
    with store.transaction():
        with store.transaction():  # the same thread may open one inside its own
            pass
        started.set()
        thread.join(0.3)  # the other waits for its turn, not for SQLite's busy retries
        order.append("first")
    thread.join(5)
    assert order == ["first", "second"]
    store.engine.dispose()
