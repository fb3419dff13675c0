"""Several desks on one database: what one desk does reaches the others through a cheap poll,
two desks never check one person in twice, and a desk that loses the server says so, shows
nothing as done that the server did not commit, and carries on when the server is back."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from datetime import date

import pytest
import sqlalchemy as sa

from events import audit as audit_module
from events.categories import Category
from events.checkins import (
    AlreadyCheckedIn,
    CheckInError,
    Desk,
    _insert_checkin,
    active_checkins,
    changes_since,
    poll_desk,
)
from events.model import Attendee, Event
from events.store import Store, StoreError
from events.types import now
from pledges.demo import synthetic_signature
from pledges.signatures import marks_fingerprint, sign, signature_changes
from pledges.texts import TEMPLATES, set_event_pledge
from tcp_proxy import TcpProxy


def same_database(store: Store, **url_changes) -> Store:
    """Another desk's connection to the database ``store`` is on."""
    url = store.engine.url.set(**url_changes) if url_changes else store.engine.url
    return Store.open(url.render_as_string(hide_password=False))


@pytest.fixture
def event(store) -> Event:
    return store.create_event(Event(name="Ikrar Netralitas ASN", event_date=date(2024, 2, 1)))


@pytest.fixture
def people(store, event) -> list[Attendee]:
    return store.add_attendees(event.id, [Attendee(f"Peserta {i:03}", Category.PELAKSANA)
                                          for i in range(60)])


@pytest.fixture
def other(store) -> Iterator[Store]:
    opened = same_database(store)
    yield opened
    opened.close()


class DeskView:
    """What a desk's screen holds, kept current by :func:`poll_desk` as the desk page does."""

    def __init__(self, store: Store, event_id: int):
        self.store, self.event_id = store, event_id
        self.active = active_checkins(store, event_id)
        self.cursor = changes_since(store, event_id, None).last_id
        self.people_cursor = max((a.id for a in store.list_attendees(event_id)), default=0)
        self.new_people: list[Attendee] = []

    def poll(self) -> bool:
        update = poll_desk(self.store, self.event_id, self.cursor, self.active,
                           self.people_cursor)
        self.cursor, self.people_cursor = update.cursor, update.people_cursor
        self.new_people += update.people
        if update.active is not None:
            self.active = update.active
        return update.active is not None


def test_check_ins_and_undos_at_one_desk_reach_the_other_at_its_next_poll(
        store, other, event, people):
    meja1 = Desk(store, event.id, "Meja 1", "Rina")
    meja4 = DeskView(other, event.id)
    assert not meja4.poll()  # nothing changed: nothing reloaded

    meja1.check_in(people[0].id)
    meja1.check_in(people[1].id)
    assert meja4.poll()
    assert {a: c.desk for a, c in meja4.active.items()} == {
        people[0].id: "Meja 1", people[1].id: "Meja 1"}

    meja1.undo(attendee_id=people[0].id, reason="salah orang")  # no new row: seen all the same
    assert meja4.poll()
    assert set(meja4.active) == {people[1].id}
    assert not meja4.poll()


def test_a_walk_in_at_one_desk_joins_the_other_desks_roster(store, other, event, people):
    meja4 = DeskView(other, event.id)
    person, _ = Desk(store, event.id, "Meja 2").register_walk_in(
        Attendee("Tamu Baru", Category.TAMU))
    assert meja4.poll()
    assert [a.name for a in meja4.new_people] == ["Tamu Baru"]
    assert person.id in meja4.active


@pytest.mark.postgresql_only  # SQLite writers take turns: no row commits after a newer one
def test_a_check_in_committed_after_a_newer_one_is_not_missed(store, other, event, people):
    meja4 = DeskView(other, event.id)
    slow = store.engine.connect()
    try:
        slow.begin()
        _insert_checkin(slow, {"event_id": event.id, "attendee_id": people[0].id,
                               "checked_in_at": now(), "desk": "Meja 1", "operator": "",
                               "method": "search"})
        Desk(store, event.id, "Meja 2").check_in(people[1].id)  # a higher id, committed first
        assert meja4.poll()
        assert set(meja4.active) == {people[1].id}
        slow.commit()
    finally:
        slow.close()
    assert meja4.poll()  # below the id cursor, but the active set's fingerprint changed
    assert set(meja4.active) == {people[0].id, people[1].id}


def test_two_desks_checking_in_the_same_people_at_once_never_double(store, other, event,
                                                                    people):
    desks = [Desk(store, event.id, "Meja 1"), Desk(other, event.id, "Meja 2")]
    outcomes: dict[str, list] = {"Meja 1": [], "Meja 2": []}
    start = threading.Barrier(2)

    def run(desk: Desk) -> None:
        start.wait()
        for person in people:
            try:
                outcomes[desk.desk].append(("ok", person.id, desk.check_in(person.id).desk))
            except AlreadyCheckedIn as already:
                outcomes[desk.desk].append(("already", person.id, already.message))

    threads = [threading.Thread(target=run, args=(d,)) for d in desks]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    won = {p: desk for results in outcomes.values() for kind, p, desk in results if kind == "ok"}
    assert sorted(won) == sorted(p.id for p in people)  # each person exactly once...
    assert sum(len(r) for r in outcomes.values()) == 2 * len(people)
    for desk, results in outcomes.items():
        for kind, person, text in results:
            if kind == "already":  # ...and the other desk is told where
                assert won[person] != desk
                assert text.startswith("Sudah hadir pukul") and text.endswith(
                    f"di {won[person]}")
    with store.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM checkins")).scalar() == len(people)


def test_two_stations_sealing_at_once_never_give_one_statement_number_twice(store, other, event,
                                                                           people):
    """Each station seals its signatures with the organizer's key as they are made; the
    statements' numbers come from one scheme, so two stations at once must take turns for it:
    every number once, none skipped."""
    import dataclasses

    from pledges.keys import create_key
    from pledges.seal import open_seal, seals_of

    store.update_event(dataclasses.replace(
        store.get_event(event.id), number_scheme="800/{n:03d}/Kesbangpol/2024"))
    set_event_pledge(store, event.id, TEMPLATES["netralitas_asn_2024"], "netralitas_asn_2024")
    key = create_key(store, "kata-sandi-uji")
    halves = {0: people[:20], 1: people[20:40]}
    start = threading.Barrier(2)
    failures: list[BaseException] = []

    def run(station: int) -> None:
        desk_store = (store, other)[station]
        start.wait()
        try:
            for person in halves[station]:
                sign(desk_store, event.id, person.id, synthetic_signature(person.id, 600, 300),
                     600, 300, place=f"Stasiun {station + 1}", seal_key=key)
        except BaseException as error:  # noqa: BLE001 - reported below
            failures.append(error)

    threads = [threading.Thread(target=run, args=(i,)) for i in (0, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not failures
    numbers = sorted(open_seal(sealed)[0].number for sealed in seals_of(store, event.id).values())
    assert numbers == [f"800/{n:03d}/Kesbangpol/2024" for n in range(2, 42)]


def test_signatures_at_one_station_reach_the_others(store, other, event, people):
    set_event_pledge(store, event.id, TEMPLATES["netralitas_asn_2024"], "netralitas_asn_2024")
    first = signature_changes(other, event.id, 0)
    shown = first.marks or {}
    cursor = first.last_id
    assert signature_changes(other, event.id, cursor, marks_fingerprint(
        m.id for m in shown.values())).marks is None

    sign(store, event.id, people[0].id, synthetic_signature(1), 600, 300, place="Stasiun TTD 1")
    sign(store, event.id, people[1].id, synthetic_signature(2), 600, 300, place="Stasiun TTD 2")
    found = signature_changes(other, event.id, cursor, marks_fingerprint(
        m.id for m in shown.values()))
    assert {a: m.place for a, m in found.marks.items()} == {
        people[0].id: "Stasiun TTD 1", people[1].id: "Stasiun TTD 2"}
    assert found.fingerprint == marks_fingerprint(m.id for m in found.marks.values())


# -- the server goes away -------------------------------------------------------------------------


@pytest.fixture
def proxy(store) -> Iterator[TcpProxy]:
    """The network between a desk and the server (tests marked postgresql_only)."""
    url = store.engine.url
    cut = TcpProxy(url.host, url.port or 5432)
    yield cut
    cut.close()


@pytest.mark.postgresql_only
def test_a_desk_that_loses_the_server_says_so_at_once_and_reconnects_by_itself(
        store, event, people, proxy):
    remote = same_database(store, port=proxy.port)
    try:
        desk = Desk(remote, event.id, "Meja 3")
        desk.check_in(people[0].id)
        proxy.cut()
        started = time.monotonic()
        with pytest.raises(StoreError) as info:
            desk.check_in(people[1].id)
        assert info.value.code == "unreachable"
        assert time.monotonic() - started < 5
        with pytest.raises(StoreError):
            poll_desk(remote, event.id, 0, {}, 0)
        assert set(active_checkins(store, event.id)) == {people[0].id}  # nothing half-done

        proxy.restore()
        desk.check_in(people[1].id)  # the same Store: the pool replaced its dead connections
        assert set(active_checkins(store, event.id)) == {people[0].id, people[1].id}
    finally:
        remote.close()


@pytest.mark.postgresql_only
def test_server_lost_in_the_middle_of_a_run_of_check_ins(store, event, people, proxy):
    """Done means committed; failed means not (an answer lost with the connection is said to be
    uncertain: the next test); the desk's next poll after the server is back shows the truth."""
    remote = same_database(store, port=proxy.port)
    desk = Desk(remote, event.id, "Meja 1")
    done, failed, uncertain = set(), set(), set()
    cut_at, restore_at = 15, 40
    try:
        for n, person in enumerate(people):
            if n == cut_at:
                proxy.cut()
            if n == restore_at:
                proxy.restore()
            try:
                desk.check_in(person.id)
            except CheckInError as error:
                assert error.code == "uncertain"
                uncertain.add(person.id)
            except StoreError as error:
                assert error.code == "unreachable"
                failed.add(person.id)
            else:
                done.add(person.id)
        view = DeskView(remote, event.id)
    finally:
        remote.close()
    stored = set(active_checkins(store, event.id))
    assert done and failed and len(done) + len(failed) + len(uncertain) == len(people)
    assert done <= stored
    assert not failed & stored
    assert set(view.active) == stored  # uncertain ones: shown as the server has them
    assert {p.id for p in people[restore_at:]} <= done


@pytest.mark.postgresql_only
@pytest.mark.parametrize("back_at_once", [True, False])
def test_a_commit_whose_answer_is_lost(store, event, people, proxy, back_at_once, monkeypatch):
    """The server committed, the connection broke before the desk heard it. Server back at
    once: the desk asks again, finds its own row, and reports it done. Still away: the desk
    says it is uncertain, and shows the person present once its poll reaches the server."""
    remote = same_database(store, port=proxy.port)
    try:
        desk = Desk(remote, event.id, "Meja 1")
        desk.check_in(people[0].id)
        view = DeskView(remote, event.id)
        # Just before the next COMMIT goes out (with the audit entry, in one flush): its
        # answer will be lost.
        real_send = audit_module.send_with_commit

        def send_and_lose_reply(*args):
            monkeypatch.setattr(audit_module, "send_with_commit", real_send)
            proxy.lose_next_reply(back_at_once)
            return real_send(*args)

        monkeypatch.setattr(audit_module, "send_with_commit", send_and_lose_reply)
        if back_at_once:
            made = desk.check_in(people[1].id)
            assert made.desk == "Meja 1"
        else:
            with pytest.raises(CheckInError) as info:
                desk.check_in(people[1].id)
            assert info.value.code == "uncertain"
            assert "belum pasti tercatat" in info.value.message
            proxy.restore()
        assert set(active_checkins(store, event.id)) == {people[0].id, people[1].id}
        assert view.poll() and set(view.active) == {people[0].id, people[1].id}
        assert len(desk.history(people[1].id)) == 1  # one row, not two
    finally:
        remote.close()


# -- no desk holds another ------------------------------------------------------------------------


@pytest.mark.postgresql_only
def test_every_server_session_has_timeouts_suited_to_a_desk(store):
    with store.connection() as conn:
        found = {name: conn.exec_driver_sql(f"SHOW {name}").scalar()
                 for name in ("lock_timeout", "statement_timeout",
                              "idle_in_transaction_session_timeout")}
    assert found == {"lock_timeout": "1500ms", "statement_timeout": "20s",
                     "idle_in_transaction_session_timeout": "10s"}


def check_ins_take(desk: Desk, people: list[Attendee]) -> list[float]:
    took = []
    for person in people:
        started = time.monotonic()
        desk.check_in(person.id)
        took.append(time.monotonic() - started)
    return took


@pytest.mark.postgresql_only
def test_a_desk_frozen_in_the_middle_of_its_transaction_holds_no_other_desk(
        store, other, event, people):
    """The frozen desk has inserted its check-in and queued its audit entry, then stops (a
    frozen laptop): the chain's head is not held, so the other desks carry on at full speed."""
    frozen = threading.Event()
    thaw = threading.Event()

    def freeze_mid_transaction() -> None:
        with store.transaction() as conn:
            _insert_checkin(conn, {"event_id": event.id, "attendee_id": people[0].id,
                                   "checked_in_at": now(), "desk": "Meja 1", "operator": "",
                                   "method": "search"})
            from events import audit

            audit.append(conn, event.id, "checkin", {"token": people[0].token}, place="Meja 1")
            frozen.set()
            thaw.wait(30)

    thread = threading.Thread(target=freeze_mid_transaction)
    thread.start()
    try:
        assert frozen.wait(10)
        took = check_ins_take(Desk(other, event.id, "Meja 2"), people[1:31])
        assert max(took) < 0.5, took
        # The same person as the frozen desk: refused within the lock timeout, not forever.
        started = time.monotonic()
        with pytest.raises(StoreError) as info:
            Desk(other, event.id, "Meja 3").check_in(people[0].id)
        assert info.value.code == "locked" and time.monotonic() - started < 2.5
    finally:
        thaw.set()
        thread.join(30)
    assert len(active_checkins(store, event.id)) == 31


@pytest.mark.postgresql_only
def test_a_desk_whose_link_is_cut_mid_transaction_holds_no_other_desk(
        store, other, event, people, proxy):
    remote = same_database(store, port=proxy.port)
    conn = remote.engine.connect()
    try:
        conn.begin()
        _insert_checkin(conn, {"event_id": event.id, "attendee_id": people[0].id,
                               "checked_in_at": now(), "desk": "Meja 1", "operator": "",
                               "method": "search"})
        proxy.freeze()  # the Wi-Fi drops: the server still holds the desk's transaction
        took = check_ins_take(Desk(other, event.id, "Meja 2"), people[1:21])
        assert max(took) < 0.5, took
    finally:
        proxy.cut()
        conn.invalidate()
        conn.close()
        remote.close()
    assert people[0].id not in active_checkins(store, event.id)  # never committed


@pytest.mark.postgresql_only
def test_a_frozen_server_is_said_unreachable_within_the_deadline(store, event, people, proxy):
    remote = same_database(store, port=proxy.port)
    try:
        desk = Desk(remote, event.id, "Meja 1")
        desk.check_in(people[0].id)
        proxy.freeze()
        started = time.monotonic()
        with pytest.raises(StoreError) as info:
            desk.check_in(people[1].id)
        assert info.value.code in ("unreachable", "uncertain")
        assert time.monotonic() - started < 6  # the deadline, and one more try
        proxy.thaw()
        desk.check_in(people[2].id)  # a fresh connection: the desk carries on by itself
    finally:
        remote.close()
    assert {people[0].id, people[2].id} <= set(active_checkins(store, event.id))


@pytest.mark.postgresql_only
def test_a_stopped_server_or_a_name_that_does_not_resolve_is_unreachable_at_once(
        store, event, people, proxy):
    for url in (store.engine.url.set(port=proxy.port),
                store.engine.url.set(host="ikrar-server-hilang.invalid")):
        remote = Store(sa.create_engine(url, connect_args={"connect_timeout": 2}))
        desk = Desk(remote, event.id, "Meja 1")
        if url.port == proxy.port:
            proxy.cut()  # what a desk sees of a stopped server: the connection refused
        started = time.monotonic()
        with pytest.raises(StoreError) as info:
            desk.check_in(people[0].id)
        assert info.value.code == "unreachable" and time.monotonic() - started < 2.5
        assert "tidak terjangkau" in info.value.message
        remote.close()


@pytest.mark.postgresql_only
def test_a_check_in_by_a_desk_that_knows_the_code_is_one_statement_and_keeps_every_rule(
        store, other, event, people):
    """The desk page passes the person's invitation code: the row and its audit entry are one
    statement the server commits by itself. Still never twice, still the chain intact, and a
    wrong code checks nobody in."""
    from pledges.audit import verify_chain

    statements: list[str] = []
    sa.event.listen(other.engine, "before_cursor_execute",
                    lambda *args: statements.append(args[2]))
    desks = [Desk(store, event.id, "Meja 1"), Desk(other, event.id, "Meja 2")]
    won: dict[int, str] = {}
    start = threading.Barrier(2)

    def run(desk: Desk) -> None:
        start.wait()
        for person in people:
            with contextlib.suppress(AlreadyCheckedIn):
                won[person.id] = desk.check_in(person.id, token=person.token).desk

    threads = [threading.Thread(target=run, args=(d,)) for d in desks]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(won) == sorted(p.id for p in people)
    assert len(active_checkins(store, event.id)) == len(people)
    writes = [s for s in statements if "INSERT" in s.upper()]
    assert writes and all(s.startswith("WITH ins AS") for s in writes)  # one statement each
    with pytest.raises(CheckInError) as info:
        Desk(store, event.id).check_in(people[0].id, token="BUKANKODEORANGIN")
    assert info.value.code in ("attendee_not_found", "already_checked_in")
    verdict = verify_chain(store, event.id)
    assert verdict.intact, verdict.message
    assert verdict.actions["checkin"] == len(people)


@pytest.mark.postgresql_only
def test_a_one_statement_check_in_whose_answer_is_lost_is_not_doubled(store, event, people,
                                                                      proxy):
    remote = same_database(store, port=proxy.port)
    try:
        desk = Desk(remote, event.id, "Meja 1")
        desk.check_in(people[0].id, token=people[0].token)

        def arm(_conn, _cursor, statement, *_args) -> None:
            if statement.startswith("WITH ins AS"):
                proxy.lose_next_reply(True)

        sa.event.listen(remote.engine, "before_cursor_execute", arm, once=True)
        made = desk.check_in(people[1].id, token=people[1].token)
        assert made.desk == "Meja 1"
        assert len(desk.history(people[1].id)) == 1
    finally:
        remote.close()
