"""The seal key's passphrase is asked at the start of the day, when the desk or the signing
station opens, and never in the middle of the queue: there a bar offers to unlock it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from test_signing import PIN, sign_on_screen
from uihelpers import person, show_main_window

from events.scan import hash_pin
from pledges import signatures as signing
from pledges.keys import create_key
from pledges.seal import seals_of
from ui import settings as opts

PASS = "kata-sandi-uji"


@pytest.fixture
def window(main_window, pledged, settings, store):
    create_key(store, PASS, "Kesbangpol")  # made on an earlier day: locked in this session
    settings.set(opts.KIOSK_PIN, hash_pin(PIN))
    assert main_window.open_event(pledged.id)
    return main_window


def check_in_and_sign(qtbot, window, name: str) -> None:
    desk = window.desk_page
    qtbot.keyClicks(desk.search, name)
    qtbot.keyClick(desk.search, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.signing_page
    sign_on_screen(qtbot, window, window.signing_page)
    assert window.stack.currentWidget() is desk


def test_the_desk_asks_the_passphrase_as_it_opens_and_the_queue_is_sealed(
        qtbot, window, store, pledged, dialogs, settings):
    settings.set(opts.SIGN_AFTER_CHECKIN, True)
    dialogs.texts.append(PASS)
    assert window.open_desk(pledged.id)
    assert [title for title, _ in dialogs.prompts] == ["Kunci Segel"]
    # The dialog says what Cancel would mean, as the app really does it.
    assert "Batal: tanda tangan tetap dicatat, tetapi tanpa segel" in dialogs.notes[0]
    assert "saat surat pernyataan dibuat" in dialogs.notes[0]
    assert window.seal_keys.key is not None
    desk = window.desk_page
    assert not desk.seal_bar.isVisible()
    check_in_and_sign(qtbot, window, "siti")
    check_in_and_sign(qtbot, window, "budi")
    assert len(dialogs.prompts) == 1  # nothing asked in the queue
    sealed = seals_of(store, pledged.id)
    for name in ("Siti", "Budi"):
        record = signing.current_signature(store, pledged.id, person(store, pledged, name).id)
        assert record.id in sealed


def test_cancel_at_the_desk_keeps_the_queue_free_of_dialogs_and_a_bar_unlocks_later(
        qtbot, window, store, pledged, dialogs, settings):
    settings.set(opts.SIGN_AFTER_CHECKIN, True)
    dialogs.texts.append(None)  # Cancel
    assert window.open_desk(pledged.id)
    desk = window.desk_page
    assert desk.seal_bar.isVisible()
    assert "terkunci" in desk.seal_bar.label.text()
    assert desk.seal_bar.button.focusPolicy() == Qt.FocusPolicy.NoFocus
    check_in_and_sign(qtbot, window, "siti")
    assert len(dialogs.prompts) == 1  # the first signature asked nothing
    siti = person(store, pledged, "Siti")
    first = signing.current_signature(store, pledged.id, siti.id)
    assert first is not None and first.id not in seals_of(store, pledged.id)
    assert desk.search.hasFocus()
    # The operator unlocks it between two people, with the bar's button.
    dialogs.texts.append(PASS)
    desk.seal_bar.button.click()
    assert window.seal_keys.key is not None and not desk.seal_bar.isVisible()
    check_in_and_sign(qtbot, window, "budi")
    budi = person(store, pledged, "Budi")
    assert signing.current_signature(store, pledged.id, budi.id).id in seals_of(store, pledged.id)


def test_the_bar_shows_only_while_the_desk_signs(qtbot, window, pledged, dialogs):
    dialogs.texts.append(None)
    assert window.open_desk(pledged.id)
    desk = window.desk_page
    assert not desk.sign_after_box.isChecked() and not desk.seal_bar.isVisible()
    desk.sign_after_box.setChecked(True)
    assert desk.seal_bar.isVisible()
    desk.sign_after_box.setChecked(False)
    assert not desk.seal_bar.isVisible()


def test_a_desk_for_an_event_without_pledge_asks_nothing(qtbot, main_window, store,
                                                         event_with_roster, dialogs):
    create_key(store, PASS)
    assert main_window.open_desk(event_with_roster.id)
    assert dialogs.prompts == []


def test_after_a_restart_the_station_asks_as_it_opens_not_at_the_first_signer(
        qtbot, store, pledged, dialogs, settings):
    create_key(store, PASS)
    settings.set(opts.KIOSK_PIN, hash_pin(PIN))
    window = show_main_window(qtbot, store, settings, dialogs, (1180, 760))  # a new session
    window.open_event(pledged.id)
    dialogs.texts.extend(["Stasiun TTD 1", PASS])
    assert window.open_station(pledged.id)
    assert [title for title, _ in dialogs.prompts] == ["Stasiun Tanda Tangan", "Kunci Segel"]
    station = window.station_page
    assert not station.seal_bar.isVisible()
    rene = person(store, pledged, "René")
    qtbot.keyClicks(station.search, "IKR-" + rene.token)
    qtbot.keyClick(station.search, Qt.Key.Key_Return)
    assert station.signing_now()
    sign_on_screen(qtbot, window, station.signing)
    assert len(dialogs.prompts) == 2
    record = signing.current_signature(store, pledged.id, rene.id)
    assert record.id in seals_of(store, pledged.id)
    station.close_station()
    window.stack.setCurrentWidget(window.roster_page)


def test_cancel_at_the_station_shows_the_bar_there(qtbot, window, store, pledged, dialogs):
    dialogs.texts.extend(["Stasiun TTD 1", None])
    assert window.open_station(pledged.id)
    station = window.station_page
    assert station.seal_bar.isVisible()
    siti = person(store, pledged, "Siti")
    qtbot.keyClicks(station.search, "siti")
    qtbot.keyClick(station.search, Qt.Key.Key_Return)
    sign_on_screen(qtbot, window, station.signing)
    assert len(dialogs.prompts) == 2  # the station's name and the key: none in the queue
    record = signing.current_signature(store, pledged.id, siti.id)
    assert record.id not in seals_of(store, pledged.id)
