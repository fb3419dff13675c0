"""The desk when its database stops answering: it keeps checking people in against its copy of
the roster, in its journal, says plainly that it works offline and how many wait, refuses an
undo and signing until the server is back, and hands the journal over by itself."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from uihelpers import person

from events.checkins import Desk, active_checkins
from events.offline import Journal
from events.store import StoreError
from pledges.audit import verify_chain
from ui import desk_page as desk_module
from ui.desk_page import DeskPage


@pytest.fixture
def page(qtbot, store, event_with_roster, tmp_path) -> Iterator[DeskPage]:
    opened = DeskPage(store, journal=lambda: Journal(tmp_path / "ikrar-offline.sqlite"))
    qtbot.add_widget(opened)
    opened.show()
    opened.open_desk(store.get_event(event_with_roster.id), "Meja 1", "Rina")
    yield opened
    opened.close_desk()


def unreachable(*_args, **_kwargs):
    raise StoreError("unreachable", "connection refused")


def check_in_by_name(qtbot, page: DeskPage, name: str) -> None:
    qtbot.keyClicks(page.search, name)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)


def test_offline_the_desk_keeps_checking_in_and_hands_over_when_the_server_is_back(
        qtbot, page, store, event_with_roster, monkeypatch):
    budi = person(store, event_with_roster, "Budi")
    siti = person(store, event_with_roster, "Siti")
    monkeypatch.setattr(desk_module, "poll_desk", unreachable)
    monkeypatch.setattr(page.desk, "check_in", unreachable)
    qtbot.waitUntil(lambda: page.offline, timeout=2000)
    assert "MODE LURING" in page.offline_label.text()

    check_in_by_name(qtbot, page, "budi")
    assert page.banner_kind() == "ok" and "disimpan di laptop ini" in page.banner.text()
    assert "1 menunggu dikirim" in page.offline_label.text()
    check_in_by_name(qtbot, page, "budi")  # twice at this desk: its own copy says so
    assert page.banner_kind() == "warn" and "sudah hadir" in page.banner.text()
    page.sign_after_box.setChecked(True)
    check_in_by_name(qtbot, page, "siti")
    assert "Tanda tangan menunggu server" in page.banner.text()  # signing waits
    assert "2 menunggu dikirim" in page.offline_label.text()

    qtbot.keyClicks(page.search, "budi")
    page.on_undo()  # an undo needs the server
    assert page.banner_kind() == "warn" and "menunggu dikirim ke server" in page.banner.text()
    assert active_checkins(store, event_with_roster.id) == {}  # nothing on the file yet

    monkeypatch.undo()  # the server answers again
    qtbot.waitUntil(lambda: not page.offline and not page.pending and page.replaying is None,
                    timeout=5000)
    assert set(active_checkins(store, event_with_roster.id)) == {budi.id, siti.id}
    assert "2 kehadiran luring sudah dikirim" in page.banner.text()
    assert not page.offline_label.isVisible()
    assert verify_chain(store, event_with_roster.id).intact


def test_an_offline_check_in_of_someone_another_desk_had_earlier_is_told(
        qtbot, page, store, event_with_roster, monkeypatch):
    budi = person(store, event_with_roster, "Budi")
    monkeypatch.setattr(desk_module, "poll_desk", unreachable)
    qtbot.waitUntil(lambda: page.offline, timeout=2000)
    first = Desk(store, event_with_roster.id, "Meja 4", "Joko").check_in(budi.id)
    check_in_by_name(qtbot, page, "budi")  # this desk has not heard of it: journaled
    monkeypatch.undo()
    qtbot.waitUntil(lambda: not page.pending and page.replaying is None, timeout=5000)
    assert page.banner_kind() == "warn"
    assert f"{budi.name} (pukul {first.time_in(None)} WIB di Meja 4)" in page.banner.text()
    assert active_checkins(store, event_with_roster.id)[budi.id].desk == "Meja 4"


def test_a_journal_left_by_an_earlier_session_is_handed_over_when_the_desk_opens(
        qtbot, store, event_with_roster, tmp_path):
    budi = person(store, event_with_roster, "Budi")
    journal = Journal(tmp_path / "ikrar-offline.sqlite")
    page = DeskPage(store, journal=lambda: journal)
    from events.offline import journal_key
    from events.types import now

    journal.record(journal_key(store), str(event_with_roster.uid), kind="checkin",
                   attendee_id=budi.id, token=str(budi.token), name=budi.name,
                   checked_in_at=now(), desk="Meja 1", operator="Rina", method="scan",
                   offline_since=now())
    qtbot.add_widget(page)
    page.show()
    page.open_desk(store.get_event(event_with_roster.id), "Meja 1", "Rina")
    try:
        assert "kehadiran" in page.offline_label.text()  # what waits, until it is sent
        qtbot.waitUntil(lambda: not page.pending, timeout=5000)  # the first poll sends it
        assert set(active_checkins(store, event_with_roster.id)) == {budi.id}
    finally:
        page.close_desk()
