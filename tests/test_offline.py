"""A desk that loses its server keeps checking people in against its last copy of the roster,
in a journal on the laptop, and hands the check-ins over when the server is back: none lost,
none doubled, the earliest check-in kept, walk-ins matched against the roster, and the audit
trail intact with the outage and the hand-over in it."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from datetime import date, timedelta

import pytest

from events.categories import Category
from events.checkins import Desk, active_checkins, history
from events.model import Attendee, Event
from events.offline import Journal, replay
from events.store import Store, StoreError
from events.types import now
from pledges.audit import verify_chain
from tcp_proxy import TcpProxy

SERVER = "postgresql://ikrar:***@meja/ikrar"


@pytest.fixture
def event(store) -> Event:
    return store.create_event(Event(name="Ikrar Netralitas ASN", event_date=date(2024, 2, 1)))


@pytest.fixture
def journal(tmp_path) -> Journal:
    return Journal(tmp_path / "settings" / "ikrar-offline.sqlite")


def journal_check_in(journal: Journal, event: Event, person: Attendee, at, desk="Meja 1",
                     since=None):
    return journal.record(SERVER, event.uid, kind="checkin", attendee_id=person.id,
                          token=person.token, name=person.name, checked_in_at=at, desk=desk,
                          operator="Rina", method="scan", offline_since=since or at)


def test_the_journal_is_the_users_own_file(journal):
    mode = stat.S_IMODE(os.stat(journal.path).st_mode)
    assert mode == 0o600


def test_two_hundred_offline_check_ins_fifty_also_made_at_another_desk(store, event, journal):
    people = store.add_attendees(event.id, [Attendee(f"Peserta {i:03}", Category.PELAKSANA)
                                            for i in range(200)])
    start = now() - timedelta(minutes=10)
    meja2 = Desk(store, event.id, "Meja 2", "Joko")
    first = {}
    for n, person in enumerate(people):
        at = start + timedelta(seconds=n)
        journal_check_in(journal, event, person, at, since=start)
        first[person.id] = ("Meja 1", at)
        if n % 4 == 0:  # 50 also checked in at the other desk, online, meanwhile
            earlier = n % 8 == 0  # half of them before Meja 1 did, half after
            other_at = at + timedelta(milliseconds=-500 if earlier else 500)
            meja2.check_in(person.id, at=other_at)
            if earlier:
                first[person.id] = ("Meja 2", other_at)
    assert journal.count(SERVER, event.uid) == 200

    report = replay(store, journal, SERVER, event.id, event.uid, desk="Meja 1", operator="Rina")

    active = active_checkins(store, event.id)
    assert len(active) == 200  # everyone present...
    for person in people:  # ...once, at the earliest check-in
        checkin = active[person.id]
        assert (checkin.desk, checkin.checked_in_at) == first[person.id]
        assert len([c for c in history(store, event.id, person.id) if c.active]) == 1
    assert len(report.refused) == 25  # Meja 1 is told who was in earlier, where and when
    assert {r.first.desk for r in report.refused} == {"Meja 2"}
    assert len(report.superseded) == 25  # Meja 2's later ones were replaced, with the reason
    undone = [c for p in people for c in history(store, event.id, p.id) if not c.active]
    assert len(undone) == 25 and all("lebih awal" in c.undo_reason for c in undone)
    assert journal.count(SERVER, event.uid) == 0
    verdict = verify_chain(store, event.id)
    assert verdict.intact, verdict.message
    assert verdict.actions["offline_replayed"] == 1
    assert verdict.actions["checkin_offline_refused"] == 25

    # Handing over again (the desk stopped before it heard) changes nothing.
    again = replay(store, journal, SERVER, event.id, event.uid)
    assert not again.stored and len(active_checkins(store, event.id)) == 200


def test_an_item_the_server_has_already_is_not_doubled(store, event, journal):
    [budi] = store.add_attendees(event.id, [Attendee("Budi", Category.TAMU)])
    at = now()
    journal_check_in(journal, event, budi, at)
    # The desk's check-in reached the server but its answer was lost: it journaled the same
    # moment, desk and operator.
    Desk(store, event.id, "Meja 1", "Rina").check_in(budi.id, at=at)
    report = replay(store, journal, SERVER, event.id, event.uid)
    assert len(report.stored) == 1 and not report.refused
    assert len(history(store, event.id, budi.id)) == 1
    assert verify_chain(store, event.id).intact


def test_walk_ins_registered_offline_are_matched_against_the_roster(store, event, journal):
    on_roster = store.add_attendees(event.id, [
        Attendee("Dr. Siti Rahayu, M.Si.", Category.ESELON_III, unit="Dinas Kesehatan"),
        Attendee("Agus Salim", Category.PELAKSANA, nip="198503152010011002",
                 unit="Bappeda")])
    at = now()

    def walk_in(name, **details):
        person = {"name": name, "category": "tamu", **details}
        return journal.record(SERVER, event.uid, kind="walk_in", token=f"W{len(name):02}X" * 4,
                              name=name, person=person, checked_in_at=at, desk="Meja 1",
                              operator="Rina", method="walk_in", offline_since=at)

    walk_in("siti rahayu", unit="Dinas Kesehatan")  # the same name in the same unit
    walk_in("Agus S.", nip="198503152010011002", unit="Bappeda")  # the same NIP
    walk_in("Yohanes Kurniawan", unit="Kecamatan Timur")  # nobody: a new person
    report = replay(store, journal, SERVER, event.id, event.uid)

    assert set(report.matched) == {"siti rahayu", "Agus S."}
    people = {a.name: a for a in store.list_attendees(event.id)}
    assert len(people) == 3 and "Yohanes Kurniawan" in people
    assert set(active_checkins(store, event.id)) == {on_roster[0].id, on_roster[1].id,
                                                     people["Yohanes Kurniawan"].id}
    assert verify_chain(store, event.id).intact


# -- on a real server, through a link the test cuts ------------------------------------------------


@pytest.fixture
def proxy(store) -> Iterator[TcpProxy]:
    url = store.engine.url
    link = TcpProxy(url.host, url.port or 5432)
    yield link
    link.close()


@pytest.mark.postgresql_only
def test_a_desk_cut_off_checks_in_200_people_while_another_desk_goes_on_then_hands_over(
        store, event, journal, proxy):
    """The desk loses the server; it checks in 200 people into its journal (each refused by
    the cut link first, as the desk page finds); meanwhile Meja 2, still online, checks in 50
    of them, half before and half after Meja 1 did. The server returns: 200 present, each
    once, the earliest check-in kept, the audit chain intact on the server."""
    people = store.add_attendees(event.id, [Attendee(f"Peserta {i:03}", Category.PELAKSANA)
                                            for i in range(201)])
    remote = Store.open(store.engine.url.set(port=proxy.port).render_as_string(
        hide_password=False))
    meja2 = Desk(store, event.id, "Meja 2", "Joko")
    earliest = {}
    try:
        desk = Desk(remote, event.id, "Meja 1", "Rina")
        desk.check_in(people[0].id, token=people[0].token)
        proxy.cut()
        since = now()
        for n, person in enumerate(people[1:]):
            if n % 8 == 0:  # Meja 2 first
                earliest[person.id] = ("Meja 2", meja2.check_in(person.id).checked_in_at)
            at = now()
            with pytest.raises(StoreError) as info:
                desk.check_in(person.id, at=at, token=person.token)
            assert info.value.code == "unreachable"
            journal_check_in(journal, event, person, at, since=since)
            earliest.setdefault(person.id, ("Meja 1", at))
            if n % 8 == 4:  # Meja 2 after Meja 1
                meja2.check_in(person.id)
        with pytest.raises(StoreError):
            replay(remote, journal, SERVER, event.id, event.uid)  # still away: all kept
        assert journal.count(SERVER, event.uid) == 200
        proxy.restore()
        report = replay(remote, journal, SERVER, event.id, event.uid, desk="Meja 1")
    finally:
        remote.close()
    assert len(report.stored) == 175 and len(report.refused) == 25
    assert len(report.superseded) == 25 and journal.count(SERVER, event.uid) == 0
    active = active_checkins(store, event.id)
    assert len(active) == 201
    for person in people[1:]:
        assert (active[person.id].desk, active[person.id].checked_in_at) == earliest[person.id]
        assert len([c for c in history(store, event.id, person.id) if c.active]) == 1
    verdict = verify_chain(store, event.id)
    assert verdict.intact, verdict.message


def test_a_walk_in_matched_to_someone_already_present_is_not_doubled(store, event, journal):
    [agus] = store.add_attendees(event.id, [Attendee("Agus Salim", Category.PELAKSANA,
                                                     nip="198503152010011002")])
    first = Desk(store, event.id, "Meja 2", "Joko").check_in(agus.id)
    journal.record(SERVER, event.uid, kind="walk_in", token="WALKINAGUS234567", name="Agus",
                   person={"name": "Agus", "category": "tamu", "nip": "198503152010011002"},
                   checked_in_at=now(), desk="Meja 1", operator="Rina", method="walk_in",
                   offline_since=now())
    report = replay(store, journal, SERVER, event.id, event.uid)
    assert [r.first.id for r in report.refused] == [first.id]
    assert journal.count(SERVER, event.uid) == 0
    assert len(store.list_attendees(event.id)) == 1
    assert verify_chain(store, event.id).intact
