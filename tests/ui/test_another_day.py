"""The desk on another day than the event's: it says so without a dialog and without taking the
focus from the scan field, still checks people in, and shows each such check-in's date; on the
event's day it says nothing. Times are on the event's clock, with its zone."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from uihelpers import person, ticking_from

from events.checkins import active_checkins
from events.dates import set_clock

EVENT_DAY = date(2026, 12, 1)  # a Tuesday


@pytest.fixture
def clock():
    """Sets the clock (UTC moments) for the test; the system clock again afterwards."""
    previous = None

    def at(moment: datetime) -> None:
        nonlocal previous
        old = set_clock(ticking_from(moment))
        previous = previous or old

    yield at
    if previous is not None:
        set_clock(previous)


@pytest.fixture
def event(store, event_with_roster):
    return store.update_event(replace(event_with_roster, event_date=EVENT_DAY))


def open_desk(qtbot, main_window, event):
    assert main_window.open_desk(event.id)
    page = main_window.desk_page
    qtbot.waitUntil(lambda: page.search.hasFocus())
    return page


def test_two_days_after_the_event_the_desk_warns_and_still_checks_in(qtbot, main_window, store,
                                                                      event, clock):
    clock(datetime(2026, 12, 3, 3, 0, tzinfo=UTC))  # Thursday 3 December, 10.00 WIB
    page = open_desk(qtbot, main_window, event)
    assert page.day_warning.isVisible()
    assert page.day_warning.kind() == "warn"
    assert ("Hari ini (Kamis, 3 Desember 2026) bukan tanggal acara (Selasa, 1 Desember 2026)"
            in page.day_warning.text())
    assert QApplication.activeModalWidget() is None  # no dialog to answer
    assert page.search.hasFocus()  # the scanner's keys still land in the scan field
    assert page.day_warning.focusPolicy() == Qt.FocusPolicy.NoFocus

    budi = person(store, event, "Budi")
    qtbot.keyClicks(page.search, "budi")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert budi.id in active_checkins(store, event.id)  # taken, not refused
    assert page.banner_kind() == "ok"
    assert "hadir pukul 10.00 WIB" in page.banner.text()
    # the results show the date of a check-in that was not on the event's day
    assert page.model.checked_in(budi.id) == ("3 Desember 2026 10.00 WIB", "Meja 2")
    assert page.day_warning.isVisible()
    assert page.search.hasFocus()
    # scanned again: the first check-in is named with its date
    qtbot.keyClicks(page.search, "budi")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert "sudah hadir 3 Desember 2026 pukul 10.00 WIB di Meja 2" in page.banner.text()


def test_on_the_events_day_nothing_is_said(qtbot, main_window, store, event, clock):
    clock(datetime(2026, 12, 1, 1, 30, tzinfo=UTC))  # 08.30 WIB on the day
    page = open_desk(qtbot, main_window, event)
    assert not page.day_warning.isVisible()
    budi = person(store, event, "Budi")
    qtbot.keyClicks(page.search, "budi")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.model.checked_in(budi.id) == ("08.30 WIB", "Meja 2")
    assert not page.day_warning.isVisible()


def test_a_check_in_after_midnight_of_the_events_day_brings_the_warning(
        qtbot, main_window, store, event, clock):
    clock(datetime(2026, 12, 1, 16, 59, 59, tzinfo=UTC))  # 23.59.59 WIB on the day
    page = open_desk(qtbot, main_window, event)
    assert not page.day_warning.isVisible()
    clock(datetime(2026, 12, 1, 17, 0, 30, tzinfo=UTC))  # 00.00 WIB, 2 December (UTC: 1 Dec)
    qtbot.keyClicks(page.search, "budi")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.day_warning.isVisible()
    assert "Hari ini (Rabu, 2 Desember 2026)" in page.day_warning.text()


def test_a_wit_event_shows_its_own_clock(qtbot, main_window, store, event, clock):
    wit = store.update_event(replace(event, time_zone="WIT"))
    clock(datetime(2026, 12, 1, 0, 15, tzinfo=UTC))  # 09.15 WIT (07.15 WIB)
    page = open_desk(qtbot, main_window, wit)
    budi = person(store, wit, "Budi")
    qtbot.keyClicks(page.search, "budi")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert "hadir pukul 09.15 WIT" in page.banner.text()
    assert page.model.checked_in(budi.id) == ("09.15 WIT", "Meja 2")


def test_the_signing_station_warns_too_and_keeps_the_focus(qtbot, main_window, store, event,
                                                           dialogs, settings, clock):
    from events.scan import hash_pin
    from pledges.texts import use_template
    from ui import settings as opts

    use_template(store, event.id, "netralitas_asn_2024")
    settings.set(opts.KIOSK_PIN, hash_pin("4821"))  # the organizer's PIN guards the station
    dialogs.texts.append("Stasiun TTD 1")
    clock(datetime(2026, 12, 3, 3, 0, tzinfo=UTC))
    assert main_window.open_station(event.id)
    station = main_window.station_page
    qtbot.waitUntil(lambda: station.search.hasFocus())
    assert station.day_warning.isVisible() and station.day_warning.kind() == "warn"
    assert "bukan tanggal acara (Selasa, 1 Desember 2026)" in station.day_warning.text()
    assert QApplication.activeModalWidget() is None


def test_an_idle_desk_open_past_midnight_warns_by_itself(qtbot, main_window, event, clock):
    clock(datetime(2026, 12, 1, 16, 59, 59, tzinfo=UTC))  # 23.59.59 WIB on the day
    page = open_desk(qtbot, main_window, event)
    assert not page.day_warning.isVisible()
    clock(datetime(2026, 12, 1, 17, 0, 5, tzinfo=UTC))  # past midnight in WIB; nobody came
    qtbot.waitUntil(page.day_warning.isVisible)  # the next poll says it
    assert "Hari ini (Rabu, 2 Desember 2026)" in page.day_warning.text()


@pytest.mark.parametrize(("moment", "said"), [
    (datetime(2026, 12, 1, 3, 0, tzinfo=UTC), "pukul 10.00 WIB"),  # the event's day
    (datetime(2026, 12, 3, 3, 0, tzinfo=UTC), "3 Desember 2026 pukul 10.00 WIB"),
])
def test_a_signature_and_its_presence_are_told_with_the_day_before_the_hour(
        qtbot, store, dialogs, event, clock, moment, said):
    """ "tersimpan 3 Desember 2026 pukul 10.00 WIB", not "pukul 3 Desember 2026 10.00 WIB",
    on the thanks, on the next signing's notice and in the roster's tooltips."""
    from test_signing import write_signature

    from pledges.texts import use_template
    from ui.roster_model import SIGNATURE_COLUMN, RosterModel
    from ui.signing_page import SigningPage

    use_template(store, event.id, "netralitas_asn_2024")
    clock(moment)
    page = SigningPage(store, dialogs)
    qtbot.add_widget(page)
    page.resize(1180, 760)
    page.show()
    page.thanks_ms = 60_000
    budi = person(store, event, "Budi")
    assert page.start(event, budi, "Stasiun TTD 1", "Rina")
    write_signature(qtbot, page.pad)
    page.sign_button.click()
    assert f"Tanda tangan Anda tersimpan {said}.\n" in page.thanks_text()
    assert "Anda juga tercatat hadir di Stasiun TTD 1." in page.thanks_text()

    assert page.start(event, budi, "Stasiun TTD 1", "Rina")  # signing again
    assert page.previous_label.text().startswith(f"Anda sudah menandatangani {said}. ")

    from events.checkins import Desk
    from pledges import signatures as signing
    from ui.roster_model import PRESENCE_COLUMN, Presence, SignatureThumb

    model = RosterModel()
    model.set_attendees([budi])
    model.set_presence({budi.id: Presence.of(Desk(store, event.id).active_checkin(budi.id),
                                             event)})
    model.set_signatures({budi.id: SignatureThumb.of(
        signing.current_signature(store, event.id, budi.id), event)})
    tips = [model.index(0, column).data(Qt.ItemDataRole.ToolTipRole)
            for column in (PRESENCE_COLUMN, SIGNATURE_COLUMN)]
    assert tips[0].startswith(f"Hadir {said} di Stasiun TTD 1")
    assert tips[1] == f"Ditandatangani {said} di Stasiun TTD 1"
