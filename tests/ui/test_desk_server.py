"""The desk with other desks on the same database: their check-ins and walk-ins appear without
pressing anything, and a lost server is said at once, shows nothing as done, and heals itself."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt
from uihelpers import person

from events.categories import Category
from events.checkins import Desk, active_checkins
from events.model import Attendee, Event
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


def test_on_postgresql_the_desk_loses_the_server_and_reconnects_by_itself(qtbot, pg_event):
    store, event, (budi, siti) = pg_event
    proxy = TcpProxy(store.engine.url.host, store.engine.url.port or 5432)
    remote = Store.open(store.engine.url.set(port=proxy.port).render_as_string(
        hide_password=False))
    page = open_page(qtbot, remote, event)
    try:
        proxy.cut()
        qtbot.waitUntil(lambda: page.offline, timeout=3000)
        assert "tidak terjangkau" in page.banner.text()
        qtbot.keyClicks(page.search, "budi")
        qtbot.keyClick(page.search, Qt.Key.Key_Return)
        assert "BELUM tercatat hadir" in page.banner.text()
        assert budi.id not in active_checkins(store, event.id)
        assert status_of(page, budi.id) == "Belum hadir"

        proxy.restore()
        Desk(store, event.id, "Meja 2").check_in(siti.id)
        qtbot.waitUntil(lambda: not page.offline, timeout=3000)
        qtbot.waitUntil(lambda: siti.id in page.active, timeout=2000)
        qtbot.keyClick(page.search, Qt.Key.Key_Return)  # "budi" is still typed: try again
        assert budi.id in active_checkins(store, event.id)
        assert page.banner_kind() == "ok"
    finally:
        page.close_desk()
        remote.close()
        proxy.close()
