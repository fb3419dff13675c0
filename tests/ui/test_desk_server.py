"""The desk with other desks on the same database: their check-ins and walk-ins appear without
pressing anything, and a lost server is said at once, shows nothing as done, and heals itself."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt
from uihelpers import person

from events.categories import Category
from events.checkins import Desk, active_checkins
from events.model import Attendee, Event
from events.offline import Journal
from events.store import Store, StoreError
from tcp_proxy import TcpProxy
from ui import desk_page as desk_module
from ui.desk_page import DeskPage


def status_of(page, attendee_id: int) -> str:
    return page.model.index(page.model.row_of(attendee_id), 3).data()


def open_page(qtbot, store: Store, event: Event) -> DeskPage:
    page = DeskPage(store)
    qtbot.add_widget(page)
    page.show()
    page.open_desk(store.get_event(event.id), "Meja 1", "Rina")
    return page


@pytest.fixture
def page(qtbot, store, event_with_roster) -> Iterator[DeskPage]:
    opened = open_page(qtbot, store, event_with_roster)
    yield opened
    opened.close_desk()



def test_another_desks_check_in_shows_within_two_seconds_by_itself(
        qtbot, page, store, event_with_roster):
    budi = person(store, event_with_roster, "Budi")
    qtbot.keyClicks(page.search, "budi")
    other = Store.open(store.location)  # another laptop's connection to the same database
    try:
        Desk(other, event_with_roster.id, "Meja 4", "Joko").check_in(budi.id)
    finally:
        other.close()
    qtbot.waitUntil(lambda: "Meja 4" in status_of(page, budi.id), timeout=2000)
    assert page.counters.value(None, 1) == 1


def test_a_walk_in_at_another_desk_can_be_found_here(qtbot, page, store, event_with_roster):
    guest, _ = Desk(store, event_with_roster.id, "Meja 3").register_walk_in(
        Attendee("Yohanes Kurniawan", Category.TAMU, unit="Kecamatan Timur"))
    qtbot.waitUntil(lambda: guest.id in page.active, timeout=2000)
    qtbot.keyClicks(page.search, "yohanes")
    assert page.model.attendee_at(page.selected_row()).id == guest.id
    assert "Meja 3" in status_of(page, guest.id)


def test_a_lost_server_is_said_at_once_nothing_shows_as_done_and_the_desk_heals(
        qtbot, page, store, event_with_roster, monkeypatch):
    budi = person(store, event_with_roster, "Budi")
    real_poll = desk_module.poll_desk

    def unreachable(*_args, **_kwargs):
        raise StoreError("unreachable", "connection refused")

    monkeypatch.setattr(desk_module, "poll_desk", unreachable)
    qtbot.waitUntil(lambda: page.offline, timeout=2000)
    assert page.banner_kind() == "error"
    assert "tidak terjangkau" in page.banner.text()

    monkeypatch.setattr(page.desk, "check_in", unreachable)
    qtbot.keyClicks(page.search, "budi")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert "Budi" in page.banner.text() and "BELUM tercatat hadir" in page.banner.text()
    assert status_of(page, budi.id) == "Belum hadir" and budi.id not in page.active

    monkeypatch.undo()  # the server is back
    Desk(store, event_with_roster.id, "Meja 4").check_in(budi.id)
    assert desk_module.poll_desk is real_poll
    qtbot.waitUntil(lambda: not page.offline, timeout=2000)
    assert page.banner_kind() == "ok" and "Tersambung lagi" in page.banner.text()
    qtbot.waitUntil(lambda: "Meja 4" in status_of(page, budi.id), timeout=2000)


# -- on a real server, through a connection the test cuts -------------------------------------


@pytest.fixture
def pg_event(request) -> Iterator[tuple[Store, Event, list[Attendee]]]:
    server = request.getfixturevalue("pg_server")
    server.empty()
    store = Store.open(server.url)
    event = store.create_event(Event(name="Ikrar Netralitas ASN", event_date=date(2024, 2, 1)))
    people = store.add_attendees(event.id, [
        Attendee("Budi Santoso", Category.ESELON_III), Attendee("Siti Rahayu", Category.TAMU)])
    yield store, event, people
    store.close()


def remote_page(qtbot, store: Store, event: Event, proxy: TcpProxy, tmp_path):
    """A desk on the server through a link the test controls, with its offline journal."""
    remote = Store.open(store.engine.url.set(port=proxy.port).render_as_string(
        hide_password=False))
    page = DeskPage(remote, journal=lambda: Journal(tmp_path / "ikrar-offline.sqlite"))
    qtbot.add_widget(page)
    page.show()
    page.open_desk(remote.get_event(event.id), "Meja 1", "Rina")
    return remote, page


def type_and_enter(qtbot, page: DeskPage, text: str) -> float:
    """Type a name and press Enter; how long the window was busy doing it (seconds)."""
    qtbot.keyClicks(page.search, text)
    started = time.monotonic()
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    return time.monotonic() - started


def test_on_postgresql_a_desk_cut_off_keeps_checking_in_and_hands_over_when_back(
        qtbot, pg_event, tmp_path):
    store, event, (budi, siti) = pg_event
    proxy = TcpProxy(store.engine.url.host, store.engine.url.port or 5432)
    remote, page = remote_page(qtbot, store, event, proxy, tmp_path)
    try:
        proxy.cut()
        qtbot.waitUntil(lambda: page.offline, timeout=2500)
        assert "tidak terjangkau" in page.banner.text()
        assert "MODE LURING" in page.offline_label.text()
        assert type_and_enter(qtbot, page, "budi") < 0.5
        assert page.banner_kind() == "ok" and "disimpan di laptop ini" in page.banner.text()
        assert "1 menunggu dikirim" in page.offline_label.text()
        assert budi.id not in active_checkins(store, event.id)  # not on the server yet
        qtbot.keyClicks(page.search, "budi")
        assert "Meja 1" in status_of(page, budi.id)
        qtbot.keyClick(page.search, Qt.Key.Key_Return)  # the desk's own copy knows he is in
        assert page.banner_kind() == "warn" and "sudah hadir" in page.banner.text()

        proxy.restore()
        Desk(store, event.id, "Meja 2").check_in(siti.id)
        qtbot.waitUntil(lambda: not page.offline, timeout=3000)
        qtbot.waitUntil(lambda: not page.pending and page.replaying is None, timeout=5000)
        assert set(active_checkins(store, event.id)) == {budi.id, siti.id}
        assert "1 kehadiran luring sudah dikirim" in page.banner.text()
        assert not page.offline_label.isVisible()
        qtbot.waitUntil(lambda: siti.id in page.active, timeout=2000)
    finally:
        page.close_desk()
        remote.close()
        proxy.close()


def test_on_postgresql_a_frozen_server_is_noticed_within_two_seconds_and_never_freezes_the_desk(
        qtbot, pg_event, tmp_path):
    store, event, (budi, _siti) = pg_event
    proxy = TcpProxy(store.engine.url.host, store.engine.url.port or 5432)
    remote, page = remote_page(qtbot, store, event, proxy, tmp_path)
    try:
        page.poll_now()
        proxy.freeze()  # the server answers nothing, and the connections stay open
        frozen_at = time.monotonic()
        qtbot.waitUntil(lambda: page.offline, timeout=3000)
        assert time.monotonic() - frozen_at < 2.5
        assert type_and_enter(qtbot, page, "budi") < 0.5  # the window never waits for it
        assert "disimpan di laptop ini" in page.banner.text()
        proxy.thaw()
        qtbot.waitUntil(lambda: not page.offline and not page.pending, timeout=8000)
        assert set(active_checkins(store, event.id)) == {budi.id}
        assert len(Desk(store, event.id).history(budi.id)) == 1
    finally:
        page.close_desk()
        remote.close()
        proxy.close()


def test_a_server_name_that_does_not_resolve_shows_the_offline_banner(qtbot, store,
                                                                      event_with_roster):
    page = open_page(qtbot, store, event_with_roster)
    try:
        page.store = gone = Store.open("postgresql://ikrar@ikrar-meja-hilang.invalid/ikrar",
                                       migrate=False)
        qtbot.waitUntil(lambda: page.offline, timeout=2500)
        assert page.banner_kind() == "error" and "tidak terjangkau" in page.banner.text()
        assert "resolve" not in page.banner.text()  # the driver's words stay in the log
    finally:
        page.close_desk()
        gone.close()
