"""Signing: the attendee's screen, reached from the desk, the roster and the signing station;
the witness's signature; who has signed in the roster."""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import QPoint, Qt
from uihelpers import person, save_shot

from events.checkins import active_checkins
from events.scan import hash_pin
from events.store import StoreError
from pledges import signatures as signing
from pledges.demo import synthetic_signature
from pledges.strokes import SIGNATURE_MESSAGES, normalize
from pledges.texts import TEMPLATES, consent_text, event_pledge
from ui import settings as opts
from ui.main_window import MainWindow
from ui.roster_model import SIGNATURE_COLUMN, SIGNED_ROLE
from ui.signing_page import SigningPage
from ui.witness_dialog import WitnessDialog

LEFT = Qt.MouseButton.LeftButton
NETRALITAS = TEMPLATES["netralitas_asn_2024"]


# -- drawing on a pad -------------------------------------------------------------------------


def drag(qtbot, pad, points) -> None:
    qtbot.mousePress(pad, LEFT, pos=QPoint(*points[0]))
    for x, y in points[1:-1]:
        qtbot.mouseMove(pad, QPoint(x, y))
    qtbot.mouseRelease(pad, LEFT, pos=QPoint(*points[-1]))


def write_signature(qtbot, pad) -> None:
    """A short genuine signature: a looping wave, then a flourish underneath."""
    w, h = pad.width(), pad.height()
    wave = [(int(w * 0.15 + i * w * 0.012), int(h * 0.45 + math.sin(i / 2.5) * h * 0.15))
            for i in range(40)]
    drag(qtbot, pad, wave)
    drag(qtbot, pad, [(int(w * 0.2), int(h * 0.7)), (int(w * 0.4), int(h * 0.66)),
                      (int(w * 0.6), int(h * 0.72))])


def write_line(qtbot, pad) -> None:
    y = pad.height() // 2
    drag(qtbot, pad, [(40 + 20 * i, y) for i in range(20)])



# -- the signing page on its own --------------------------------------------------------------


@pytest.fixture
def page(qtbot, store, dialogs, pledged):
    widget = SigningPage(store, dialogs)
    qtbot.add_widget(widget)
    widget.resize(1180, 760)
    widget.show()
    qtbot.waitExposed(widget)
    widget.thanks_ms = 60_000  # the tests press "Selesai" themselves
    budi = person(store, pledged, "Budi")
    assert widget.start(pledged, budi, "Meja 1", "Rina")
    return widget


def test_the_page_shows_the_person_the_exact_pledge_and_the_consent(page, store, pledged):
    assert page.name_label.text() == "Budi Santoso, S.E."
    assert "Kepala Bidang" in page.role_label.text()
    assert "Dinas Pendidikan" in page.role_label.text()
    shown = page.pledge_view.toPlainText()
    assert NETRALITAS.title in shown and NETRALITAS.opening in shown
    for point in NETRALITAS.points:
        assert point in shown
    assert NETRALITAS.closing in shown
    assert page.consent_label.text() == consent_text(pledged)
    assert page.version.hash == event_pledge(store, pledged.id).hash
    save_shot(page, "signing_page_empty.png")


@pytest.mark.parametrize("scribble, code", [
    (None, "empty"),
    (lambda qtbot, pad: qtbot.mouseClick(pad, LEFT, pos=QPoint(200, 100)), "dot"),
    (write_line, "line"),
])
def test_an_empty_pad_a_dot_or_a_line_is_refused_kindly_and_nothing_stored(
        qtbot, page, store, pledged, scribble, code):
    if scribble is not None:
        scribble(qtbot, page.pad)
    before = page.pad.strokes()
    page.sign_button.click()
    assert page.message.isVisible() and page.message_kind() == "warn"
    assert page.message.text() == SIGNATURE_MESSAGES[code]
    assert signing.current_signatures(store, pledged.id) == {}
    assert page.thanks_text() == ""
    assert page.pad.strokes() == before  # the person can carry on drawing


def test_a_real_signature_is_committed_before_the_thanks(qtbot, page, store, pledged):
    budi = page.attendee
    write_signature(qtbot, page.pad)
    drawn = page.pad.strokes()
    seen_at_signal = []
    page.signed.connect(lambda aid: seen_at_signal.append(
        signing.current_signature(store, pledged.id, aid)))
    page.sign_button.click()
    assert seen_at_signal and seen_at_signal[0] is not None  # already in the database
    assert page.thanks_text().startswith("Terima kasih, Budi Santoso, S.E.")
    record = signing.current_signature(store, pledged.id, budi.id)
    assert record.pledge_hash == event_pledge(store, pledged.id).hash
    assert record.strokes == normalize(drawn)
    assert (record.pad_width, record.pad_height) == page.pad.pad_size()
    assert record.place == "Meja 1" and record.operator == "Rina"
    assert "sebelumnya diganti" not in page.thanks_text()
    save_shot(page, "signing_page_thanks.png")
    with qtbot.wait_signal(page.done):
        page.next_button.click()


def test_the_thanks_goes_by_itself(qtbot, page):
    page.thanks_ms = 10
    write_signature(qtbot, page.pad)
    with qtbot.wait_signal(page.done, timeout=2000):
        page.sign_button.click()


def test_a_database_error_says_so_and_keeps_the_strokes(qtbot, page, store, pledged,
                                                        monkeypatch):
    def full_disk(*_args, **_kwargs):
        raise StoreError("disk_full", "database or disk is full")

    write_signature(qtbot, page.pad)
    drawn = page.pad.strokes()
    monkeypatch.setattr(signing, "sign", full_disk)
    page.sign_button.click()
    assert page.message_kind() == "error" and "BELUM tersimpan" in page.message.text()
    assert page.thanks_text() == ""
    assert page.pad.strokes() == drawn
    monkeypatch.undo()
    page.sign_button.click()  # the disk has room again: the same strokes are kept
    assert signing.current_signature(store, pledged.id, page.attendee.id) is not None


def test_signing_again_supersedes_and_keeps_both(qtbot, page, store, pledged):
    budi = page.attendee
    write_signature(qtbot, page.pad)
    page.sign_button.click()
    page.next_button.click()
    assert page.start(pledged, budi, "Meja 1", "Rina")
    assert page.previous_label.isVisible() and "sudah menandatangani" in \
        page.previous_label.text()
    write_signature(qtbot, page.pad)
    drag(qtbot, page.pad, [(300, 60), (330, 90), (360, 60)])
    page.sign_button.click()
    assert "Tanda tangan sebelumnya diganti" in page.thanks_text()
    history = signing.signature_history(store, pledged.id, budi.id)
    assert len(history) == 2
    assert history[0].superseded_at is not None and history[1].superseded_at is None


def test_without_a_pledge_text_nobody_can_sign(qtbot, store, dialogs, event_with_roster):
    widget = SigningPage(store, dialogs)
    qtbot.add_widget(widget)
    widget.show()
    assert not widget.start(event_with_roster, person(store, event_with_roster, "Siti"), "M", "")
    assert not widget.sign_button.isEnabled()
    assert widget.message_kind() == "error"


def test_undo_and_clear_buttons(qtbot, page):
    assert not page.clear_button.isEnabled()
    write_signature(qtbot, page.pad)
    assert page.undo_button.isEnabled()
    page.undo_button.click()
    assert len(page.pad.strokes()) == 1
    page.clear_button.click()
    assert page.pad.is_empty() and not page.undo_button.isEnabled()


# -- reaching it: the desk, the roster, the station --------------------------------------------


@pytest.fixture
def window(main_window, pledged, settings):
    assert main_window.open_event(pledged.id)
    settings.set(opts.KIOSK_PIN, hash_pin(PIN))  # the organizer's PIN guards the station
    return main_window


PIN = "4821"


def sign_on_screen(qtbot, window, page) -> None:
    assert window.stack.currentWidget() is page or page.isVisible()
    page.thanks_ms = 60_000
    write_signature(qtbot, page.pad)
    page.sign_button.click()
    assert page.thanks_text().startswith("Terima kasih")
    with qtbot.wait_signal(page.done):
        page.next_button.click()


def test_the_desk_hands_over_to_signing_right_after_check_in(qtbot, window, store, pledged,
                                                              settings):
    assert window.open_desk(pledged.id)
    desk = window.desk_page
    assert not desk.sign_after_box.isChecked()
    desk.sign_after_box.setChecked(True)
    assert settings.get(opts.SIGN_AFTER_CHECKIN)
    siti = person(store, pledged, "Siti")
    qtbot.keyClicks(desk.search, "siti")
    qtbot.keyClick(desk.search, Qt.Key.Key_Return)
    assert siti.id in active_checkins(store, pledged.id)  # the check-in came first
    signing_page = window.signing_page
    assert window.stack.currentWidget() is signing_page
    assert signing_page.attendee.id == siti.id
    sign_on_screen(qtbot, window, signing_page)
    assert window.stack.currentWidget() is desk
    assert desk.banner_kind() == "ok" and "menandatangani" in desk.banner.text()
    record = signing.current_signature(store, pledged.id, siti.id)
    assert record.place == "Meja 2" and record.operator == "Rina"


def test_without_the_setting_the_desk_stays(qtbot, window, store, pledged):
    assert window.open_desk(pledged.id)
    desk = window.desk_page
    qtbot.keyClicks(desk.search, "siti")
    qtbot.keyClick(desk.search, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is desk


def test_a_kiosk_scan_then_signing_then_back_to_the_kiosk(qtbot, window, store, pledged,
                                                          settings):
    settings.set(opts.SIGN_AFTER_CHECKIN, True)
    assert window.open_desk(pledged.id)
    desk = window.desk_page
    desk.set_kiosk(True)
    agus = person(store, pledged, "Agus")
    qtbot.keyClicks(desk.search, "IKR-" + agus.token)
    qtbot.keyClick(desk.search, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.signing_page
    sign_on_screen(qtbot, window, window.signing_page)
    assert window.stack.currentWidget() is desk and desk.kiosk
    assert signing.current_signature(store, pledged.id, agus.id) is not None
    desk.set_kiosk(False)  # closing the window in kiosk mode would ask for the PIN


def test_sign_later_from_the_roster_and_the_roster_shows_who_signed(qtbot, window, store,
                                                                     pledged):
    roster = window.roster_page
    putri = person(store, pledged, "Putri")
    assert roster.signed_label.text().startswith("Sudah tanda tangan: <b>0</b>")
    assert not roster.sign_button.isEnabled()
    roster.select_attendee(putri.id)
    roster.sign_button.click()
    assert window.stack.currentWidget() is window.signing_page
    sign_on_screen(qtbot, window, window.signing_page)
    assert window.stack.currentWidget() is roster
    assert roster.selected().id == putri.id
    model = roster.model
    row = model.row_of(putri.id)
    assert model.index(row, SIGNATURE_COLUMN).data(SIGNED_ROLE) is True
    tip = model.index(row, SIGNATURE_COLUMN).data(Qt.ItemDataRole.ToolTipRole)
    # "Ditandatangani pukul 08.42 WIB di Meja 2" (with the date first when not the event's day)
    assert tip.startswith("Ditandatangani ") and " pukul " in tip and tip.endswith(" di Meja 2")
    assert "<b>1</b>" in roster.signed_label.text()
    roster.unsigned_filter.setChecked(True)
    shown = [roster.proxy.index(r, 1).data() for r in range(roster.proxy.rowCount())]
    assert putri.name not in shown and len(shown) == 5
    roster.unsigned_filter.setChecked(False)
    assert roster.proxy.rowCount() == 6
    roster.filter.setText("putri")
    save_shot(window, "roster_with_signature.png")


def test_the_station_finds_people_by_name_and_records_its_place(qtbot, window, store, pledged,
                                                                 dialogs, settings):
    dialogs.texts.append("Stasiun TTD 2")
    window.roster_page.station_button.click()
    station = window.station_page
    assert window.stack.currentWidget() is station
    assert settings.get(opts.STATION_NAME) == "Stasiun TTD 2"
    assert "Stasiun TTD 2" in station.title.text()
    save_shot(window, "station_chooser.png")
    rene = person(store, pledged, "René")
    qtbot.keyClicks(station.search, "rene")
    assert station.selected().id == rene.id
    qtbot.keyClick(station.search, Qt.Key.Key_Return)
    assert station.signing_now() and station.signing.attendee.id == rene.id
    save_shot(window, "station_signing.png")
    sign_on_screen(qtbot, window, station.signing)
    assert not station.signing_now() and station.banner_kind() == "ok"
    record = signing.current_signature(store, pledged.id, rene.id)
    assert record.place == "Stasiun TTD 2"
    # René had not passed the desk: signing recorded him present, and the screen said so.
    assert "tercatat hadir di Stasiun TTD 2" in station.signing.thanks_detail.text()
    present = active_checkins(store, pledged.id)[rene.id]
    assert (present.desk, present.method) == ("Stasiun TTD 2", "signing")
    qtbot.keyClicks(station.search, "rene")
    row = station.model.row_of(rene.id)
    assert station.model.index(row, 3).data().startswith("Sudah TTD")
    assert "1 dari 6" in station.count_label.text()
    dialogs.texts.append(PIN)  # attendees use this screen: leaving it needs the PIN
    station.back_button.click()
    assert window.stack.currentWidget() is window.roster_page
    assert "<b>1</b>" in window.roster_page.signed_label.text()


def test_the_station_sign_button_needs_someone_chosen(qtbot, window, pledged, dialogs):
    dialogs.texts.append("Stasiun TTD 1")
    assert window.open_station(pledged.id)
    station = window.station_page
    qtbot.keyClicks(station.search, "siti")
    assert station.selected() is not None and station.sign_button.isEnabled()
    qtbot.keyClicks(station.search, " tidak ada")
    assert station.selected() is None and not station.sign_button.isEnabled()


def test_a_signature_at_another_station_shows_here_within_two_seconds(
        qtbot, window, store, pledged, dialogs):
    dialogs.texts.append("Stasiun TTD 1")
    assert window.open_station(pledged.id)
    station = window.station_page
    assert "0 dari 6" in station.count_label.text()
    siti = person(store, pledged, "Siti")
    qtbot.keyClicks(station.search, "siti")
    signing.sign(store, pledged.id, siti.id, synthetic_signature(4), 600, 300,
                 place="Stasiun TTD 3")
    qtbot.waitUntil(lambda: "1 dari 6" in station.count_label.text(), timeout=2000)
    row = station.model.row_of(siti.id)
    assert station.model.index(row, 3).data().startswith("Sudah TTD")


def test_the_station_takes_a_qr_scan(qtbot, window, store, pledged, dialogs):
    dialogs.texts.append("Stasiun TTD 1")
    assert window.open_station(pledged.id)
    station = window.station_page
    siti = person(store, pledged, "Siti")
    qtbot.keyClicks(station.search, "IKR-" + siti.token)
    qtbot.keyClick(station.search, Qt.Key.Key_Return)
    assert station.signing_now() and station.signing.attendee.id == siti.id
    station.signing.cancel_button.click()
    assert not station.signing_now()
    qtbot.keyClicks(station.search, "IKR-AAAAAAAAAAAAAAAA")
    qtbot.keyClick(station.search, Qt.Key.Key_Return)
    assert station.banner_kind() == "error" and not station.signing_now()


def test_the_station_is_reachable_from_the_desk(qtbot, window, pledged, dialogs):
    assert window.open_desk(pledged.id)
    dialogs.texts.append("Stasiun TTD 3")
    window.desk_page.station_button.click()
    assert window.stack.currentWidget() is window.station_page
    dialogs.texts.append(PIN)
    window.station_page.back_button.click()
    assert window.stack.currentWidget() is window.desk_page


def test_leaving_the_station_or_closing_the_app_there_needs_the_pin(
        qtbot, window, store, pledged, dialogs, settings):
    """Behind the station are NIPs and phone numbers: an attendee cannot leave it."""
    dialogs.texts.append("Stasiun TTD 1")
    assert window.open_station(pledged.id)
    station = window.station_page
    dialogs.texts.append(None)
    station.back_button.click()  # Cancel at the PIN prompt
    assert window.stack.currentWidget() is station
    dialogs.texts.append("0000")
    station.back_button.click()
    assert window.stack.currentWidget() is station and "PIN salah." in dialogs.errors()
    dialogs.texts.append("0000")
    assert not window.close()  # closing the window there needs it too
    dialogs.texts.append(PIN)
    station.back_button.click()
    assert window.stack.currentWidget() is window.roster_page


def test_the_first_station_asks_the_organizer_to_make_a_pin(qtbot, window, pledged, dialogs,
                                                            settings):
    settings.set(opts.KIOSK_PIN, "")
    dialogs.texts.extend(["Stasiun TTD 1", None])  # no PIN given (Cancel): no station
    assert not window.open_station(pledged.id)
    assert not settings.get(opts.KIOSK_PIN)
    dialogs.texts.extend(["Stasiun TTD 1", "1357", "1357"])
    assert window.open_station(pledged.id)
    assert settings.get(opts.KIOSK_PIN) and "1357" not in settings.get(opts.KIOSK_PIN)


# -- the witness ----------------------------------------------------------------------------


def test_the_witness_signs_once_from_the_roster(qtbot, window, store, pledged, modal):
    roster = window.roster_page
    assert "belum ada" in roster.witness_label.text()

    def witness_signs(dialog: WitnessDialog) -> None:
        assert dialog.name_label.text() == "Ir. Saksi Utama, M.T."
        assert dialog.title_label.text() == "Sekretaris Daerah"
        assert "Belum ada" in dialog.status_label.text()
        dialog.save_button.click()  # nothing drawn: stays open
        write_signature(qtbot, dialog.pad)
        save_shot(dialog, "witness_dialog.png")
        dialog.save_button.click()

    opened = modal(WitnessDialog, witness_signs)
    roster.witness_button.click()
    assert len(opened) == 1 and opened[0].record is not None
    record = signing.witness_signature(store, pledged.id)
    assert record is not None and record.role == "witness" and record.attendee_id is None
    assert record.pledge_hash == event_pledge(store, pledged.id).hash
    assert "sudah ada" in roster.witness_label.text()

    def look(dialog: WitnessDialog) -> None:
        assert "sudah ada" in dialog.status_label.text()
        assert dialog.existing_image.pixmap() is not None

    modal(WitnessDialog, look)
    roster.witness_button.click()


def test_roster_shows_the_pledge_state_and_opens_editor_and_presenter(
        qtbot, store, dialogs, settings, event_with_roster, modal):
    from pledges.texts import TEMPLATES, event_pledge
    from ui.pledge_editor import PledgeEditorDialog

    win = MainWindow(store, settings, dialogs)
    qtbot.add_widget(win)
    win.open_event(event_with_roster.id)
    roster = win.roster_page
    assert "belum dipilih" in roster.pledge_label.text()

    def choose_netralitas(dialog):
        dialog.template.setCurrentIndex(dialog.template.findData("netralitas_asn_2024"))
        dialog.accept()

    modal(PledgeEditorDialog, choose_netralitas)
    roster.on_pledge_text()
    version = event_pledge(store, event_with_roster.id)
    assert version is not None and version.text == TEMPLATES["netralitas_asn_2024"]
    assert version.hash[:12] in roster.pledge_label.text()

    presenter = roster.on_present()
    qtbot.add_widget(presenter)
    assert presenter.isVisible()
    assert presenter.shown_event.id == event_with_roster.id
    presenter.close()


def test_a_too_small_warning_goes_once_the_person_draws_again(qtbot, page, store, pledged):
    qtbot.mouseClick(page.pad, LEFT, pos=QPoint(100, 100))  # a dot
    page.sign_button.click()
    assert page.message_kind() == "warn" and page.message.text() == SIGNATURE_MESSAGES["dot"]
    page.pad.clear()
    assert page.message_kind() == ""  # the verdict was on strokes that are gone
    write_signature(qtbot, page.pad)
    assert page.message_kind() == "" and page.message.text() == ""
    page.sign_button.click()
    assert signing.current_signature(store, pledged.id, page.attendee.id) is not None


def test_a_database_error_stays_while_the_person_draws(qtbot, page, monkeypatch):
    def full_disk(*_args, **_kwargs):
        raise StoreError("disk_full", "database or disk is full")

    write_signature(qtbot, page.pad)
    monkeypatch.setattr(signing, "sign", full_disk)
    page.sign_button.click()
    page.pad.undo()
    assert page.message_kind() == "error"  # it is about the database, not the strokes


def test_the_pad_stays_put_when_a_message_appears(qtbot, page):
    before = page.pad.geometry()
    page.sign_button.click()  # empty pad: the longest of the ink messages
    assert page.message.isVisible()
    qtbot.wait(10)
    assert page.pad.geometry() == before
    assert page.message.height() >= page.message.heightForWidth(page.message.width())  # all seen
    page.message.show_message("error", "x " * 200)  # even a long one does not move the pad
    qtbot.wait(10)
    assert page.pad.geometry().top() == before.top()
