"""Check-ins at the desk: committed at once, never doubled (a database constraint, raced by two
stores), undone with a reason and kept as history, counted per category, found by token, NIP or
name, walk-ins added and checked in together, and a failing write that leaves nothing behind."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import stat
import threading
import time
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
import sqlalchemy as sa

import main
from events import checkins as ck
from events.categories import Category
from events.checkins import (
    AlreadyCheckedIn,
    AmbiguousAttendee,
    CheckIn,
    CheckInError,
    Desk,
    Method,
    active_checkins,
    changes_since,
    counts,
    history,
    normalize_name,
)
from events.dates import fixed_clock
from events.model import Attendee, Event, Source
from events.store import DuplicateError, Store, StoreError

NIP_BUDI = "198609262015051001"
NIP_SITI = "196608011988032002"
NIP_AGUS = "197501012000031003"
NIK_RINA = "3275014109900001"


def roster() -> list[Attendee]:
    return [
        Attendee("Dr. H. Budi Santoso, M.Si.", Category.ESELON_II, nip=NIP_BUDI,
                 unit="Dinas Pendidikan", source=Source.IMPORT),
        Attendee("Hj. Siti Rahayu, S.E.", Category.ESELON_III, nip=NIP_SITI,
                 unit="Inspektorat", source=Source.IMPORT),
        Attendee("Agus Wibowo", Category.ESELON_III, nip=NIP_AGUS, unit="Inspektorat",
                 source=Source.IMPORT),
        Attendee("Budi Hartono", Category.PELAKSANA, unit="Dinas Kesehatan",
                 source=Source.IMPORT),
        Attendee("Rina Marlina", Category.TAMU, nik=NIK_RINA, institution="PWI Kota Bekasi",
                 source=Source.IMPORT),
        Attendee("Néni Lestari", Category.PELAKSANA, unit="Dinas Kesehatan",
                 source=Source.IMPORT),
    ]


@pytest.fixture
def event(store) -> Event:
    return store.create_event(Event(name="Ikrar Netralitas ASN", event_date=date(2024, 2, 1)))


@pytest.fixture
def people(store, event) -> dict[str, Attendee]:
    added = store.add_attendees(event.id, roster())
    return {normalize_name(a.name): a for a in added}


@pytest.fixture
def desk(store, event, people) -> Desk:
    return Desk(store, event.id, desk="Meja 1", operator="Rina")


def budi(people) -> Attendee:
    return people["budi santoso"]


def checkin_rows(db_path: Path) -> list[tuple]:
    raw = sqlite3.connect(db_path)
    try:
        return raw.execute(
            "SELECT attendee_id, desk, undone_at IS NULL FROM checkins ORDER BY id").fetchall()
    finally:
        raw.close()


# -- checking in --------------------------------------------------------------------------------


def test_check_in_is_committed_with_time_desk_operator_and_method(desk, people, db_path):
    before = datetime.now().astimezone()
    made = desk.check_in(budi(people).id, Method.SCAN)
    after = datetime.now().astimezone()

    assert isinstance(made, CheckIn) and made.active
    assert (made.desk, made.operator, made.method) == ("Meja 1", "Rina", "scan")
    assert made.checked_in_at.utcoffset() is not None
    assert before <= made.checked_in_at <= after
    # Committed before check_in returned: another connection sees it.
    assert checkin_rows(db_path) == [(budi(people).id, "Meja 1", 1)]
    assert desk.active()[budi(people).id] == made


def test_check_in_time_is_local_time_with_its_offset(store, desk, people, monkeypatch):
    monkeypatch.setenv("TZ", "WIB-7")  # POSIX for UTC+7, no tz database needed
    time.tzset()
    try:
        made = desk.check_in(budi(people).id)
    finally:
        monkeypatch.undo()
        time.tzset()
    assert made.checked_in_at.utcoffset() == timedelta(hours=7)
    with store.engine.connect() as conn:
        stored = conn.exec_driver_sql("SELECT checked_in_at FROM checkins").scalar()
    if store.engine.dialect.name == "sqlite":  # the text as the desk's clock showed it
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+07:00", stored)
    else:  # timestamptz: the same instant, to the microsecond
        assert stored == made.checked_in_at
    assert desk.active_checkin(budi(people).id).checked_in_at == made.checked_in_at


def test_a_check_in_reads_back_in_the_local_time_of_the_desk(store, desk, people):
    """Another desk (or a PostgreSQL server in UTC) shows the time as this laptop's clock."""
    made = desk.check_in(budi(people).id)
    again = desk.active_checkin(budi(people).id)
    assert again.checked_in_at.utcoffset() == made.checked_in_at.utcoffset()
    assert again.time_in("WIB") == made.time_in("WIB")
    assert desk.history(budi(people).id)[0].describe("WIB") == made.describe("WIB")


def test_second_check_in_is_refused_with_the_first_time_and_desk(store, event, desk, people,
                                                                  db_path):
    first = desk.check_in(budi(people).id)
    other_desk = Desk(store, event.id, desk="Meja 2", operator="Tono")

    with pytest.raises(AlreadyCheckedIn) as info:
        other_desk.check_in(budi(people).id)

    assert info.value.existing == first
    assert info.value.code == "already_checked_in"
    wib = first.checked_in_at.astimezone(timezone(timedelta(hours=7)))
    assert info.value.message == f"Sudah hadir pukul {wib:%H.%M} WIB di Meja 1"
    assert re.fullmatch(r"Sudah hadir pukul \d\d\.\d\d WIB di Meja 1", str(info.value))
    assert isinstance(info.value, StoreError)  # one family of errors for the desk
    assert len(checkin_rows(db_path)) == 1


def test_already_message_names_the_day_when_it_was_not_today():
    wib = timezone(timedelta(hours=7))
    old = CheckIn(1, 1, 1, datetime(2023, 11, 2, 8, 42, 10, tzinfo=wib), desk="Meja 1")
    assert old.describe("WIB", datetime(2023, 11, 2, 9, 0, tzinfo=wib)) == (
        "pukul 08.42 WIB di Meja 1")
    assert old.describe("WIB", datetime(2023, 11, 3, 9, 0, tzinfo=wib)) == (
        "pada 2 November 2023 pukul 08.42 WIB di Meja 1")
    no_desk = CheckIn(1, 1, 1, datetime(2023, 11, 2, 8, 42, tzinfo=wib))
    assert no_desk.describe("WIB", datetime(2023, 11, 2, 9, 0, tzinfo=wib)) == (
        "pukul 08.42 WIB")
    assert old.time_in("WIB") == "08.42"
    # The same moment on a WIT event's clock: two hours later.
    assert old.describe("WIT", datetime(2023, 11, 2, 9, 0, tzinfo=wib)) == (
        "pukul 10.42 WIT di Meja 1")


def test_already_message_of_a_desk_is_in_its_events_zone(store, people):
    event = store.create_event(Event(name="Acara WITA", event_date=date(2024, 2, 1),
                                     time_zone="WITA"))
    person = store.add_attendee(event.id, Attendee("Rahmat", Category.TAMU))
    moment = datetime(2024, 2, 1, 1, 30, tzinfo=UTC)
    with fixed_clock(moment):
        Desk(store, event.id, desk="Meja 1").check_in(person.id)
        with pytest.raises(AlreadyCheckedIn) as info:
            Desk(store, event.id, desk="Meja 2").check_in(person.id)
    assert info.value.message == "Sudah hadir pukul 09.30 WITA di Meja 1"


def test_check_in_of_someone_not_on_this_events_roster(store, event, desk, people, db_path):
    other = store.create_event(Event(name="Lain", event_date=date(2024, 3, 1)))
    stranger = store.add_attendee(other.id, Attendee("Orang Lain", Category.TAMU))

    for attendee_id in (stranger.id, 99999):
        with pytest.raises(CheckInError) as info:
            desk.check_in(attendee_id)
        assert info.value.code == "attendee_not_found"
    assert checkin_rows(db_path) == []


def test_one_active_check_in_is_a_database_constraint(store, event, people):
    stamp = "2024-02-01T08:42:00.000000+07:00"
    insert = sa.text("INSERT INTO checkins (event_id, attendee_id, checked_in_at, undone_at) "
                     "VALUES (:event, :person, :at, :undone)")
    person = budi(people).id
    row = {"event": event.id, "person": person, "at": stamp, "undone": None}
    with store.engine.begin() as conn:
        conn.execute(insert, row)
    with pytest.raises(sa.exc.IntegrityError, match="UNIQUE|ux_checkins_active"), \
            store.engine.begin() as conn:
        conn.execute(insert, row)
    with store.engine.begin() as conn:  # undone rows are history: any number of them
        conn.execute(sa.text("UPDATE checkins SET undone_at = :at"), {"at": stamp})
        conn.execute(insert, {**row, "undone": stamp})
        conn.execute(insert, row)
    # And the desk recognises the constraint, with the row that holds it.
    with pytest.raises(AlreadyCheckedIn) as info:
        Desk(store, event.id).check_in(person)
    assert info.value.existing.checked_in_at == datetime.fromisoformat(stamp)


def test_two_stores_racing_the_same_people_never_double(db_path, event, people):
    ids = [a.id for a in people.values()]
    more = Store.open(db_path)
    try:
        many = more.add_attendees(event.id, [Attendee(f"Peserta {i}", Category.PELAKSANA)
                                             for i in range(60)])
    finally:
        more.close()
    ids += [a.id for a in many]
    stores = [Store.open(db_path), Store.open(db_path)]
    wins: list[list[int]] = [[], []]
    already: list[list[int]] = [[], []]
    errors: list[BaseException] = []
    barrier = threading.Barrier(2)

    def run(k: int) -> None:
        desk = Desk(stores[k], event.id, desk=f"Meja {k + 1}")
        try:
            for attendee_id in ids:
                barrier.wait()  # both desks press Enter for the same person at once
                try:
                    desk.check_in(attendee_id)
                    wins[k].append(attendee_id)
                except AlreadyCheckedIn as clash:
                    assert clash.existing.attendee_id == attendee_id
                    already[k].append(attendee_id)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
            barrier.abort()

    threads = [threading.Thread(target=run, args=(k,)) for k in (0, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for s in stores:
        s.close()

    assert errors == []
    assert sorted(wins[0] + wins[1]) == sorted(ids)  # each person exactly once
    assert sorted(already[0] + already[1]) == sorted(ids)
    rows = checkin_rows(db_path)
    assert sorted(r[0] for r in rows) == sorted(ids)


# -- undo -------------------------------------------------------------------------------------


def test_undo_needs_a_reason_and_changes_nothing_without_one(desk, people, db_path):
    desk.check_in(budi(people).id)
    for reason in ("", "   "):
        with pytest.raises(CheckInError) as info:
            desk.undo(attendee_id=budi(people).id, reason=reason)
        assert info.value.code == "reason_required"
    assert checkin_rows(db_path) == [(budi(people).id, "Meja 1", 1)]


def test_undo_is_kept_in_the_history_and_allows_a_new_check_in(store, event, desk, people):
    person = budi(people).id
    first = desk.check_in(person)
    undone = Desk(store, event.id, desk="Meja 2", operator="Tono").undo(
        attendee_id=person, reason="  Salah pilih orang ")

    assert undone.id == first.id and not undone.active
    assert (undone.undo_reason, undone.undone_by, undone.undone_desk) == (
        "Salah pilih orang", "Tono", "Meja 2")
    assert undone.undone_at >= first.checked_in_at
    assert person not in desk.active()

    again = desk.check_in(person, Method.SCAN)
    past = history(store, event.id, person)
    assert [c.id for c in past] == [first.id, again.id]
    assert past[0].undo_reason == "Salah pilih orang" and past[0].undone_at is not None
    assert past[1].active and past[1].method == "scan"
    assert desk.active()[person] == again


def test_undo_by_checkin_id_and_nothing_left_to_undo(desk, people):
    made = desk.check_in(budi(people).id)
    desk.undo(made.id, reason="keliru", operator="Sari", desk="Meja 3")
    assert desk.history(budi(people).id)[0].undone_by == "Sari"
    with pytest.raises(CheckInError) as info:
        desk.undo(made.id, reason="lagi")
    assert info.value.code == "not_checked_in"
    with pytest.raises(CheckInError) as info:
        desk.undo(attendee_id=people["siti rahayu"].id, reason="belum hadir")
    assert info.value.code == "not_checked_in"
    with pytest.raises(CheckInError) as info:
        desk.undo(424242, reason="tidak ada")
    assert info.value.code == "checkin_not_found"
    with pytest.raises(ValueError):
        desk.undo(made.id, attendee_id=budi(people).id, reason="dua-duanya")


# -- reading: active, counts, changes ---------------------------------------------------------


def test_counts_per_category_with_walk_ins(store, event, desk, people):
    desk.check_in(budi(people).id)
    desk.check_in(people["siti rahayu"].id)
    desk.check_in(people["agus wibowo"].id)
    desk.undo(attendee_id=people["agus wibowo"].id, reason="pulang")
    desk.register_walk_in(Attendee("Tamu Mendadak", Category.TAMU, institution="Ormas"))

    got = counts(store, event.id)
    assert set(got.by_category) == set(Category)
    assert got.by_category[Category.ESELON_II] == ck.CategoryCounts(1, 1, 0, 0)
    assert got.by_category[Category.ESELON_III] == ck.CategoryCounts(2, 1, 1, 0)
    assert got.by_category[Category.PELAKSANA] == ck.CategoryCounts(2, 0, 2, 0)
    assert got.by_category[Category.TAMU] == ck.CategoryCounts(1, 0, 1, 1)
    assert got.by_category[Category.PPPK] == ck.CategoryCounts(0, 0, 0, 0)
    assert (got.invited, got.present, got.missing, got.walk_ins) == (6, 2, 4, 1)
    assert got.present_total == 3
    assert desk.counts() == got


def test_active_checkins_and_changes_since(store, event, desk, people):
    start = changes_since(store, event.id)
    assert (start.checkins, start.last_id, start.active) == ([], 0, 0)

    a = desk.check_in(budi(people).id)
    b = desk.check_in(people["siti rahayu"].id)
    assert set(active_checkins(store, event.id)) == {a.attendee_id, b.attendee_id}

    new = changes_since(store, event.id, start.last_id)
    assert [c.id for c in new.checkins] == [a.id, b.id]
    assert (new.last_id, new.active) == (b.id, 2)
    assert changes_since(store, event.id, new.last_id).checkins == []

    mark = b.checked_in_at
    undone = desk.undo(a.id, reason="keliru")
    c = desk.check_in(people["agus wibowo"].id)
    by_id = changes_since(store, event.id, new.last_id)
    assert [x.id for x in by_id.checkins] == [c.id]  # an id cursor sees new rows only...
    assert by_id.active == 2  # ...and the active count tells that something was undone
    by_time = changes_since(store, event.id, mark + timedelta(microseconds=1))
    assert [x.id for x in by_time.checkins] == [a.id, c.id]  # a time cursor sees undos too
    assert by_time.checkins[0].undone_at == undone.undone_at
    assert by_time.latest == max(undone.undone_at, c.checked_in_at)


def test_active_checkins_belong_to_their_event(store, event, desk, people):
    other = store.create_event(Event(name="Lain", event_date=date(2024, 3, 1)))
    same = store.add_attendee(other.id, Attendee("Budi Santoso", Category.ESELON_II,
                                                 nip=NIP_BUDI))
    desk.check_in(budi(people).id)
    Desk(store, other.id).check_in(same.id)  # the same NIP at another event is another person
    assert list(active_checkins(store, event.id)) == [budi(people).id]
    assert list(active_checkins(store, other.id)) == [same.id]


# -- finding a person -----------------------------------------------------------------------


def test_find_by_token_in_any_case_with_or_without_the_qr_prefix(desk, people):
    person = people["siti rahayu"]
    assert person.token and person.token == person.token.upper() and len(person.token) == 16
    for code in (person.token, person.token.lower(), "IKR-" + person.token,
                 "ikr-" + person.token.lower(), f"  IKR-{person.token}\n"):
        assert desk.find_by_token(code).id == person.id
    for code in ("IKR-AAAAAAAAAAAAAAAA", "", "IKR-"):
        with pytest.raises(CheckInError) as info:
            desk.find_by_token(code)
        assert info.value.code == "attendee_not_found"


def test_a_token_of_another_event_is_refused(store, event, desk):
    other = store.create_event(Event(name="Lain", event_date=date(2024, 3, 1)))
    stranger = store.add_attendee(other.id, Attendee("Orang Lain", Category.TAMU))
    with pytest.raises(CheckInError) as info:
        desk.find_by_token("IKR-" + stranger.token)
    assert info.value.code == "wrong_event"
    assert "acara lain" in info.value.message


def test_find_by_nip_ignores_spaces_and_dots_and_finds_a_nik(desk, people):
    for text in (NIP_BUDI, "19860926 201505 1 001", "19860926.201505.1.001"):
        assert desk.find_by_nip(text).id == budi(people).id
    assert desk.find_by_nip("3275 0141 0990 0001").id == people["rina marlina"].id
    with pytest.raises(CheckInError) as info:
        desk.find_by_nip("199001012015011001")
    assert info.value.code == "attendee_not_found"


def test_find_by_name_needs_one_match(desk, people):
    assert desk.find_by_name("bud san").id == budi(people).id
    assert desk.find_by_name("SITI rahayu").id == people["siti rahayu"].id
    assert desk.find_by_name("neni").id == people["neni lestari"].id  # accents ignored
    assert desk.find_by_name("Dr. Budi Santoso, M.Si.").id == budi(people).id
    with pytest.raises(AmbiguousAttendee) as info:
        desk.find_by_name("budi")
    assert info.value.code == "ambiguous" and info.value.total == 2
    assert {a.id for a in info.value.candidates} == {budi(people).id,
                                                    people["budi hartono"].id}
    assert "Budi Hartono (Dinas Kesehatan)" in info.value.message
    assert "Dr. H. Budi Santoso, M.Si. (Dinas Pendidikan)" in info.value.message
    with pytest.raises(CheckInError) as info:
        desk.find_by_name("Zainal")
    assert info.value.code == "attendee_not_found"


def test_an_exact_name_wins_over_longer_names(store, event, desk):
    short = store.add_attendee(event.id, Attendee("Budi", Category.TAMU))
    assert desk.find_by_name("budi").id == short.id


@pytest.mark.parametrize(("written", "normal"), [
    ("Dr. H. Budi Santoso, M.Si.", "budi santoso"),
    ("Hj. Siti Rahayu, S.E., M.M.", "siti rahayu"),
    ("Prof. Dr. Ir. Bambang Wijaya, S.T., M.T., Ph.D.", "bambang wijaya"),
    ("Dra. Néni Lestari S.Sos.", "neni lestari"),
    ("Ir. Agus Wibowo MT", "agus wibowo"),
    ("Ma'ruf  AMIN", "maruf amin"),
    ("Budi S.", "budi s"),
    ("Santoso, Budi", "santoso budi"),
    ("Ratna Sari, S.Sos.,M.Si", "ratna sari"),
])
def test_normalize_name_drops_titles_case_and_accents(written, normal):
    assert normalize_name(written) == normal


# -- walk-ins -------------------------------------------------------------------------------


def test_register_walk_in_adds_and_checks_in_together(store, event, desk):
    person, made = desk.register_walk_in(Attendee(
        "  Yusuf   Maulana ", Category.TAMU, nik=NIK_RINA.replace("0001", "0002"),
        institution="Karang Taruna", source=Source.IMPORT, invited=True))

    assert isinstance(person.id, int) and person.event_id == event.id
    assert person.name == "Yusuf Maulana"
    assert (person.source, person.invited) == (Source.WALK_IN, False)
    assert person.token and len(person.token) == 16
    stored = store.get_attendee(person.id)
    assert stored == person
    assert (made.attendee_id, made.method, made.desk) == (person.id, "walk_in", "Meja 1")
    assert desk.active()[person.id] == made
    assert desk.find_by_token("IKR-" + person.token).id == person.id


def test_a_walk_in_with_a_roster_nip_stores_nothing(store, event, desk, people, db_path):
    before = store.list_attendees(event.id)
    with pytest.raises(DuplicateError) as info:
        desk.register_walk_in(Attendee("Budi S.", Category.ESELON_II, nip=NIP_BUDI))
    assert info.value.value == NIP_BUDI
    assert store.list_attendees(event.id) == before
    assert checkin_rows(db_path) == []


def test_a_walk_in_whose_check_in_fails_leaves_no_person(store, event, desk, people, db_path,
                                                          monkeypatch):
    before = store.list_attendees(event.id)

    def failing_insert(conn, params):
        conn.exec_driver_sql("SELECT * FROM no_such_table")  # fails after the person's INSERT

    monkeypatch.setattr("events.checkins._insert_checkin", failing_insert)
    with pytest.raises(StoreError):
        desk.register_walk_in(Attendee("Tamu Baru", Category.TAMU))
    assert store.list_attendees(event.id) == before
    assert checkin_rows(db_path) == []


def test_similar_attendees_ignores_titles_case_and_accents(desk, people):
    found = desk.similar_attendees("budi santosa", unit="DINAS  pendidikan")
    assert [a.id for a in found] == [budi(people).id]
    found = desk.similar_attendees("H. Budi Santoso, S.Pd.", unit="Dinas Pendidikan")
    assert [a.id for a in found] == [budi(people).id]
    assert desk.similar_attendees("Neni Lestari, S.E.", unit="dinas kesehatan") == [
        people["neni lestari"]]
    assert desk.similar_attendees("Siti Rahayu", unit="Inspektorat")[0].id == (
        people["siti rahayu"].id)
    # Another unit: another person. A different name: no offer.
    assert desk.similar_attendees("Budi Santoso", unit="Dinas Kesehatan") == []
    assert desk.similar_attendees("Bambang Wijaya", unit="Dinas Pendidikan") == []
    assert desk.similar_attendees("Budi Susanto", unit="Dinas Pendidikan") == []
    # No unit typed yet: any unit.
    assert [a.id for a in desk.similar_attendees("Budi Santoso")] == [budi(people).id]


def test_similar_attendees_finds_the_same_nip_first_in_any_unit(desk, people):
    found = desk.similar_attendees("Siti Rahayu", unit="Inspektorat",
                                   nip="19860926 201505 1 001")
    assert [a.id for a in found] == [budi(people).id, people["siti rahayu"].id]
    assert desk.similar_attendees("Siapa", nik=NIK_RINA) == [people["rina marlina"]]


def test_names_similar_rules():
    assert ck.names_similar("budi santoso", "budi santosa")
    assert ck.names_similar("santoso budi", "budi santoso")
    assert ck.names_similar("m rizki", "muhammad rizki")
    assert ck.names_similar("sitti rahayu", "siti rahayu")
    assert not ck.names_similar("budi santoso", "budi susanto")
    assert not ck.names_similar("budi", "budi santoso")
    assert not ck.names_similar("agus wibowo", "agus wijaya")


# -- a write that fails -----------------------------------------------------------------------


def test_a_read_only_database_refuses_the_check_in_and_keeps_nothing(db_path, event, people,
                                                                      tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    ro = Store.open(f"sqlite:///file:{db_path}?mode=ro&uri=true")
    try:
        desk = Desk(ro, event.id, desk="Meja 1")
        assert desk.find_by_nip(NIP_BUDI).id == budi(people).id  # reading still works
        with pytest.raises(StoreError) as info:
            desk.check_in(budi(people).id)
        assert info.value.code == "read_only"
        assert not isinstance(info.value, AlreadyCheckedIn)
        assert "hanya bisa dibaca" in info.value.message
        with pytest.raises(StoreError) as info:
            desk.register_walk_in(Attendee("Tamu", Category.TAMU))
        assert info.value.code == "read_only"
        assert desk.active() == {}
    finally:
        ro.close()
    assert checkin_rows(db_path) == []


def test_a_read_only_file_refuses_the_check_in(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "ikrar.sqlite"
    first = Store.open(path)
    event = first.create_event(Event(name="Acara", event_date=date(2024, 2, 1)))
    person = first.add_attendee(event.id, Attendee("Agus", Category.PELAKSANA))
    first.close()
    path.chmod(0o444)
    folder.chmod(0o555)
    try:
        if os.access(path, os.W_OK) or os.access(folder, os.W_OK):
            pytest.skip("chmod does not stop this user from writing (root?)")
        store = Store.open(path)
        try:
            with pytest.raises(StoreError) as info:
                Desk(store, event.id).check_in(person.id)
            assert info.value.code == "read_only"
        finally:
            store.close()
    finally:
        folder.chmod(stat.S_IRWXU)
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert checkin_rows(path) == []


def test_a_locked_database_is_reported_and_nothing_written(db_path, event, people, store):
    holder = sqlite3.connect(db_path, timeout=0)
    holder.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    try:
        with store.engine.connect() as conn:  # do not wait the usual 5 s in a test
            conn.exec_driver_sql("PRAGMA busy_timeout = 100")
        start = time.monotonic()
        with pytest.raises(StoreError) as info:
            Desk(store, event.id).check_in(budi(people).id)
        assert time.monotonic() - start < 4
        assert info.value.code == "locked"
    finally:
        holder.rollback()
        holder.close()
    assert checkin_rows(db_path) == []
    assert Desk(store, event.id).check_in(budi(people).id).active  # and works once free


# -- the command line -----------------------------------------------------------------------


def test_cli_checkin_then_already_with_exit_code_3(cli, event, people):
    code, data, _ = cli("checkin", str(event.id), "--nip", "19860926 201505 1 001",
                        "--desk", "Meja 1", "--operator", "Rina", "--json")
    assert code == 0
    assert data["status"] == "checked_in"
    assert data["attendee"]["id"] == budi(people).id
    assert data["attendee"]["name"] == "Dr. H. Budi Santoso, M.Si."
    first = data["checkin"]
    assert (first["desk"], first["operator"], first["method"]) == ("Meja 1", "Rina", "cli")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", first["checked_in_at"])
    assert first["time"] == first["checked_in_at"][11:16].replace(":", ".")
    assert first["checked_in_at"].endswith("+07:00") and first["time_zone"] == "WIB"
    assert first["undone_at"] is None

    code, data, _ = cli("checkin", str(event.id), "--token", "ikr-" + budi(people).token.lower(),
                        "--desk", "Meja 2", "--json")
    assert code == 3
    assert data["status"] == "already"
    assert data["first"] == first
    assert data["message"] == f"Sudah hadir pukul {first['time']} WIB di Meja 1"

    code, text, _ = cli("checkin", event.name, "--name", "bud san")
    assert code == 3
    assert f"Sudah hadir pukul {first['time']} WIB di Meja 1" in text


def test_cli_checkin_text_and_unknown_and_ambiguous(cli, event, people):
    with fixed_clock(datetime(2024, 2, 1, 1, 42, 5, tzinfo=UTC)):  # the event's day, 08.42 WIB
        code, text, _ = cli("checkin", str(event.id), "--name", "siti", "--desk", "Meja 1")
    assert code == 0
    assert text == "Hadir pukul 08.42.05 WIB di Meja 1: Hj. Siti Rahayu, S.E.\n"

    code, data, _ = cli("checkin", str(event.id), "--name", "Zainal", "--json")
    assert code == 1
    assert data["error"]["code"] == "attendee_not_found"

    code, data, _ = cli("checkin", str(event.id), "--name", "budi", "--json")
    assert code == 1
    assert data["error"]["code"] == "ambiguous"
    assert data["total"] == 2
    assert {c["name"] for c in data["candidates"]} == {"Dr. H. Budi Santoso, M.Si.",
                                                       "Budi Hartono"}
    code, _, err = cli("checkin", str(event.id), "--name", "budi")
    assert code == 1
    assert "Budi Hartono (Dinas Kesehatan)" in err

    code, data, _ = cli("checkin", "999", "--name", "siti", "--json")
    assert code == 1 and data["error"]["code"] == "not_found"


def test_cli_checkin_undo_then_check_in_again(cli, event, people, store):
    assert cli("checkin", str(event.id), "--nip", NIP_AGUS, "--json")[0] == 0
    code, data, _ = cli("checkin-undo", str(event.id), "--nip", NIP_AGUS, "--reason",
                        "salah orang", "--operator", "Tono", "--json")
    assert code == 0
    assert data["status"] == "undone"
    assert data["checkin"]["undo_reason"] == "salah orang"
    assert data["checkin"]["undone_by"] == "Tono"
    assert data["checkin"]["undone_at"] is not None

    code, data, _ = cli("checkin-undo", str(event.id), "--nip", NIP_AGUS, "--reason", "lagi",
                        "--json")
    assert code == 1 and data["error"]["code"] == "not_checked_in"
    code, data, _ = cli("checkin-undo", str(event.id), "--nip", NIP_AGUS, "--reason", " ",
                        "--json")
    assert code == 1 and data["error"]["code"] == "reason_required"

    assert cli("checkin", str(event.id), "--nip", NIP_AGUS, "--json")[0] == 0
    assert len(history(store, event.id, people["agus wibowo"].id)) == 2


@pytest.mark.parametrize("args", [
    ("checkin", "1", "--json"),
    ("checkin", "1", "--nip", NIP_AGUS, "--name", "x", "--json"),
    ("checkin-undo", "1", "--nip", NIP_AGUS, "--json"),
])
def test_cli_checkin_command_line_mistakes(db_path, capsys, args):
    with pytest.raises(SystemExit) as stop:
        main.main(["--db", str(db_path), "--create", *args])
    assert stop.value.code == 2
    assert json.loads(capsys.readouterr().out)["error"]["code"] == "usage"


def test_someone_checked_in_cannot_be_removed_even_after_an_undo(store):
    from datetime import date

    import pytest

    from events.categories import Category
    from events.checkins import Desk, history
    from events.model import Attendee, Event
    from events.store import StoreError

    event = store.create_event(Event(name="Hapus", event_date=date(2026, 11, 23)))
    ani, budi = store.add_attendees(event.id, [Attendee("Ani", Category.TAMU),
                                               Attendee("Budi", Category.TAMU)])
    desk = Desk(store, event.id, "Meja 1", "Rina")
    desk.check_in(ani.id)
    desk.undo(attendee_id=ani.id, reason="salah orang")
    with pytest.raises(StoreError) as refused:
        store.remove_attendee(ani.id)
    assert refused.value.code == "has_records"
    assert len(history(store, event.id, ani.id)) == 1  # the undone check-in is kept
    store.remove_attendee(budi.id)
    assert [a.name for a in store.list_attendees(event.id)] == ["Ani"]
