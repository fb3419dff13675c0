"""The registration desk as staff use it: type, Enter, scan, undo, walk-ins, kiosk, dashboard."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel
from uihelpers import person, ticking_from

from events.categories import Category
from events.checkins import Desk, active_checkins, history
from events.dates import set_clock
from events.model import Attendee
from events.scan import parse_token
from events.store import StoreError
from ui import settings as opts
from ui.desk_page import UndoReasonDialog
from ui.main_window import MainWindow
from ui.walk_in_dialog import WalkInDialog


@pytest.fixture
def window(main_window, event_with_roster):
    assert main_window.open_desk(event_with_roster.id)
    return main_window


@pytest.fixture(autouse=True)
def on_the_events_day():
    """The desk works on the sample event's day (14 October 2024), from 09.00 WIB."""
    previous = set_clock(ticking_from(datetime(2024, 10, 14, 2, 0, tzinfo=UTC)))
    yield
    set_clock(previous)


@pytest.fixture
def page(window):
    return window.desk_page



def type_and_enter(qtbot, page, text: str) -> None:
    qtbot.keyClicks(page.search, text)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)


def status_of(page, attendee_id: int) -> str:
    row = page.model.row_of(attendee_id)
    return page.model.index(row, 3).data()


def test_typing_a_name_and_enter_checks_the_person_in(qtbot, page, store, event_with_roster):
    budi = person(store, event_with_roster, "Budi")
    qtbot.keyClicks(page.search, "bud")
    assert page.model.attendee_at(page.selected_row()).id == budi.id
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    committed = active_checkins(store, event_with_roster.id)
    assert budi.id in committed
    assert committed[budi.id].desk == "Meja 2" and committed[budi.id].operator == "Rina"
    assert page.banner_kind() == "ok"
    assert budi.name in page.banner.text()
    assert "hadir pukul 09.00 WIB" in page.banner.text()
    assert not page.day_warning.isVisible()  # the event's day: nothing to warn about
    assert page.search.text() == ""  # ready for the next person
    assert page.counters.value(None, 1) == 1  # present


def test_the_search_field_keeps_the_focus(qtbot, page):
    page.table.setFocus()
    assert page.search.hasFocus() or page.table.focusPolicy() == Qt.FocusPolicy.NoFocus
    for button in (page.walk_in_button, page.undo_button, page.kiosk_button):
        assert button.focusPolicy() == Qt.FocusPolicy.NoFocus


def test_down_arrow_then_enter_takes_the_second_match(qtbot, page, store, event_with_roster):
    qtbot.keyClicks(page.search, "a")  # several people
    assert page.model.rowCount() >= 2
    second = page.model.attendee_at(1)
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert set(active_checkins(store, event_with_roster.id)) == {second.id}


def test_a_second_check_in_warns_with_the_first_time_and_desk(qtbot, page, store,
                                                              event_with_roster):
    budi = person(store, event_with_roster, "Budi")
    Desk(store, event_with_roster.id, "Meja 1", "Ani").check_in(budi.id)
    type_and_enter(qtbot, page, "budi")
    first = active_checkins(store, event_with_roster.id)[budi.id]
    assert page.banner_kind() == "warn"
    assert "sudah hadir pukul 09.00 WIB di Meja 1" in page.banner.text()
    assert len(history(store, event_with_roster.id, budi.id)) == 1  # no second row
    assert page.model.checked_in(budi.id) == ("09.00 WIB", "Meja 1")
    assert first.time_in("WIB") == "09.00"
    assert page.search.text() == ""  # answered: ready for the next person


def test_a_scanner_typing_the_code_checks_in_wherever_the_cursor_is(
        qtbot, window, page, store, event_with_roster):
    siti = person(store, event_with_roster, "Siti")
    qtbot.keyClicks(page.search, "bu")  # someone was typing a name already
    qtbot.keyClicks(page.search, "IKR-" + siti.token.lower())  # Caps Lock on, even
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    committed = active_checkins(store, event_with_roster.id)
    assert list(committed) == [siti.id]
    assert committed[siti.id].method == "scan"
    assert page.banner_kind() == "ok" and siti.name in page.banner.text()
    assert page.search.text() == ""


def test_a_scan_while_a_dialog_asks_stays_in_the_dialog(qtbot, window, page, store,
                                                         event_with_roster):
    from PySide6.QtWidgets import QDialog, QLineEdit, QVBoxLayout

    dialog = QDialog(window)  # e.g. a passphrase being typed
    field = QLineEdit()
    QVBoxLayout(dialog).addWidget(field)
    dialog.setModal(True)
    dialog.show()
    qtbot.waitExposed(dialog)
    field.setFocus()
    siti = person(store, event_with_roster, "Siti")
    qtbot.keyClicks(field, "IKR-" + siti.token)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert active_checkins(store, event_with_roster.id) == {}  # nobody checked in behind it
    dialog.close()
    qtbot.keyClicks(page.search, "IKR-" + siti.token)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert list(active_checkins(store, event_with_roster.id)) == [siti.id]


@pytest.mark.parametrize("typed", ["IKR-{token}", "{token}", "ikr-{lower}", "  {lower} "])
def test_a_code_typed_or_pasted_then_enter_checks_the_person_in(
        qtbot, page, store, event_with_roster, typed):
    """Slower than a scanner (pasted, or typed by hand from the card): Enter still finds the
    person by the code, with or without "IKR-", in any case."""
    siti = person(store, event_with_roster, "Siti")
    page.search.setText(typed.format(token=siti.token, lower=siti.token.lower()))
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert list(active_checkins(store, event_with_roster.id)) == [siti.id]
    assert page.banner_kind() == "ok" and siti.name in page.banner.text()
    assert page.search.text() == ""


def test_a_word_that_only_looks_like_a_code_is_searched_as_a_name(
        qtbot, page, store, event_with_roster):
    """Sixteen letters that are nobody's code: Enter checks in the name match, as always."""
    gus = store.add_attendee(event_with_roster.id,
                             Attendee(name="Abdurrahmanwahid", category=Category.TAMU))
    page.search.setText("abdurrahmanwahid")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)  # the desk's poll brings him in
    page.search.clear()
    page.search.setText("abdurrahmanwahid")  # as typed once he is on the desk's list
    assert parse_token(page.search.text()) is not None
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert list(active_checkins(store, event_with_roster.id)) == [gus.id]


def test_an_unknown_code_is_refused_plainly(qtbot, page, store, event_with_roster):
    type_and_enter(qtbot, page, "IKR-AAAAAAAAAAAAAAAA")
    assert page.banner_kind() == "error"
    assert active_checkins(store, event_with_roster.id) == {}


def test_a_failed_write_says_so_and_shows_nobody_as_checked_in(
        qtbot, page, store, event_with_roster, monkeypatch):
    budi = person(store, event_with_roster, "Budi")

    def full_disk(*_args, **_kwargs):
        raise StoreError("disk_full", "database or disk is full")

    monkeypatch.setattr(page.desk, "check_in", full_disk)
    type_and_enter(qtbot, page, "budi")
    assert page.banner_kind() == "error"
    assert "BELUM tercatat hadir" in page.banner.text()
    assert "Penyimpanan penuh" in page.banner.text()
    assert status_of(page, budi.id) == "Belum hadir"
    assert budi.id not in page.active
    assert page.search.text() == "budi"  # nothing lost: the operator can press Enter again


def test_desk_buttons_need_a_person_and_undo_one_who_came(qtbot, page, store,
                                                         event_with_roster):
    page.search.clear()
    page.table.clearSelection()
    assert not page.check_in_button.isEnabled() and not page.undo_button.isEnabled()
    qtbot.keyClicks(page.search, "budi")
    assert page.selected() is not None
    assert page.check_in_button.isEnabled() and not page.undo_button.isEnabled()  # not come
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    qtbot.keyClicks(page.search, "budi")
    assert page.undo_button.isEnabled()  # the selected person has come: undo can act
    qtbot.keyClicks(page.search, " tidak ada")
    assert page.selected() is None
    assert not page.check_in_button.isEnabled() and not page.undo_button.isEnabled()


def test_undo_asks_a_reason_and_keeps_the_history(qtbot, page, store, event_with_roster,
                                                  modal):
    budi = person(store, event_with_roster, "Budi")
    type_and_enter(qtbot, page, "budi")
    qtbot.keyClicks(page.search, "budi")

    def give_reason(dialog):
        assert budi.name in dialog.findChild(QLabel).text()
        qtbot.keyClicks(dialog.reason, "salah orang")
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)

    modal(UndoReasonDialog, give_reason)
    page.on_undo()
    assert active_checkins(store, event_with_roster.id) == {}
    [undone] = history(store, event_with_roster.id, budi.id)
    assert undone.undo_reason == "salah orang" and undone.undone_desk == "Meja 2"
    assert status_of(page, budi.id) == "Belum hadir"
    qtbot.keyClick(page.search, Qt.Key.Key_Return)  # and the person can come in again
    assert budi.id in active_checkins(store, event_with_roster.id)


def test_undo_without_a_reason_stays_open_and_says_the_reason_is_needed(
        qtbot, page, store, event_with_roster, modal):
    budi = person(store, event_with_roster, "Budi")
    type_and_enter(qtbot, page, "budi")
    qtbot.keyClicks(page.search, "budi")
    seen = {}

    def empty_then_reason(dialog):
        qtbot.keyClicks(dialog.reason, "   ")
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
        seen["open"] = dialog.isVisible()
        seen["error"] = dialog.field.error_text()
        seen["error shown"] = dialog.field.error.isVisible()
        seen["active"] = len(active_checkins(store, event_with_roster.id))
        dialog.reason.clear()
        qtbot.keyClicks(dialog.reason, "datang dobel")
        assert not dialog.field.error.isVisible()  # typing clears the message
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    modal(UndoReasonDialog, empty_then_reason)
    page.on_undo()
    assert seen == {"open": True, "error": "Alasan pembatalan wajib diisi.",
                    "error shown": True, "active": 1}
    assert active_checkins(store, event_with_roster.id) == {}
    [undone] = history(store, event_with_roster.id, budi.id)
    assert undone.undo_reason == "datang dobel"


def test_undo_cancelled_changes_nothing(qtbot, page, store, event_with_roster, modal):
    type_and_enter(qtbot, page, "budi")
    qtbot.keyClicks(page.search, "budi")
    modal(UndoReasonDialog, lambda dialog: qtbot.keyClicks(dialog.reason, "salah"))  # then X
    page.on_undo()
    assert len(active_checkins(store, event_with_roster.id)) == 1


def test_check_ins_and_undos_at_another_desk_show_up(qtbot, page, store, event_with_roster):
    budi = person(store, event_with_roster, "Budi")
    other = Desk(store, event_with_roster.id, "Meja 4", "Joko")
    qtbot.keyClicks(page.search, "budi")
    other.check_in(budi.id)
    page.poll_now()
    assert "Meja 4" in status_of(page, budi.id)
    assert page.counters.value(None, 1) == 1
    other.undo(attendee_id=budi.id, reason="keliru")
    page.poll_now()
    assert status_of(page, budi.id) == "Belum hadir"
    assert page.counters.value(None, 1) == 0


def test_walk_in_is_registered_and_checked_in_in_one_go(qtbot, window, page, store,
                                                        event_with_roster, modal):
    def fill(dialog):
        dialog.name.setText("Rahmat Wartawan")
        dialog.category.setCurrentIndex(dialog.category.findData(Category.TAMU.value))
        dialog.unit.setText("PWI Kota Contoh")
        dialog.accept()

    modal(WalkInDialog, fill)
    window.on_walk_in()
    added = person(store, event_with_roster, "Rahmat Wartawan")
    assert not added.invited and added.institution == "PWI Kota Contoh"
    assert added.id in active_checkins(store, event_with_roster.id)
    assert page.counters.value(None, 3) == 1  # walk-ins
    assert page.banner_kind() == "ok"


def test_walk_in_offers_the_roster_entry_that_looks_the_same(qtbot, window, page, store,
                                                             event_with_roster, modal):
    budi = person(store, event_with_roster, "Budi")
    seen = {}

    def fill(dialog):
        dialog.name.setText(budi.name.upper())
        dialog.category.setCurrentIndex(dialog.category.findData(budi.category.value))
        dialog.unit.setText(budi.unit)
        dialog.accept()  # the look-alike is offered instead of a new record
        seen["offered"] = dialog.similar.count()
        dialog.on_use_existing()

    modal(WalkInDialog, fill)
    before = len(store.list_attendees(event_with_roster.id))
    window.on_walk_in()
    assert seen["offered"] >= 1
    assert len(store.list_attendees(event_with_roster.id)) == before  # no duplicate
    assert budi.id in active_checkins(store, event_with_roster.id)


def test_kiosk_needs_a_pin_to_leave_and_hides_the_roster(qtbot, window, page, dialogs,
                                                         settings):
    dialogs.texts.extend(["4821", "4821"])  # the organizer sets the PIN
    assert window.set_kiosk(True)
    assert page.kiosk and not page.table.isVisible() and not page.counters.isVisible()
    assert not window.menuBar().isVisible()
    assert "4821" not in settings.get(opts.KIOSK_PIN)
    dialogs.texts.append("0000")
    assert not window.set_kiosk(False)  # wrong PIN: still a kiosk
    assert page.kiosk and "PIN salah." in dialogs.errors()
    dialogs.texts.append("4821")
    assert window.set_kiosk(True) and window.set_kiosk(False)
    assert not page.kiosk and page.table.isVisible() and window.menuBar().isVisible()


def test_kiosk_typing_a_name_checks_nobody_in(qtbot, window, page, store, event_with_roster,
                                              dialogs):
    dialogs.texts.extend(["4821", "4821"])
    window.set_kiosk(True)
    type_and_enter(qtbot, page, "budi")
    assert active_checkins(store, event_with_roster.id) == {}
    budi = person(store, event_with_roster, "Budi")
    type_and_enter(qtbot, page, budi.nip)  # a full NIP works
    assert budi.id in active_checkins(store, event_with_roster.id)
    page.kiosk = False  # let the test's window close without the PIN


def test_kiosk_prompt_says_a_full_nip_works_too(qtbot, window, page, dialogs):
    dialogs.texts.extend(["4821", "4821"])
    window.set_kiosk(True)
    assert "NIP lengkap" in page.banner.text() and "QR" in page.banner.text()
    assert "NIP lengkap" in page.search.placeholderText()
    page.kiosk = False


def test_kiosk_forgets_the_last_guest_after_a_few_seconds(qtbot, window, page, store,
                                                          event_with_roster, dialogs):
    dialogs.texts.extend(["4821", "4821"])
    window.set_kiosk(True)
    page.kiosk_clear_ms = 150
    budi = person(store, event_with_roster, "Budi")
    type_and_enter(qtbot, page, budi.nip)
    assert page.banner_kind() == "ok" and budi.name in page.banner.text()
    qtbot.waitUntil(lambda: page.banner_kind() == "idle", timeout=2000)
    assert budi.name not in page.banner.text() and "NIP lengkap" in page.banner.text()
    page.kiosk = False


def test_kiosk_forgets_the_last_guest_when_the_next_one_starts(qtbot, window, page, store,
                                                               event_with_roster, dialogs):
    dialogs.texts.extend(["4821", "4821"])
    window.set_kiosk(True)
    page.kiosk_clear_ms = 60_000
    budi = person(store, event_with_roster, "Budi")
    siti = person(store, event_with_roster, "Siti")
    type_and_enter(qtbot, page, budi.nip)
    assert budi.name in page.banner.text()
    qtbot.keyClicks(page.search, siti.nip[:1])  # the next guest's first key
    assert page.banner_kind() == "idle" and budi.name not in page.banner.text()
    qtbot.keyClicks(page.search, siti.nip[1:])
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert siti.name in page.banner.text() and budi.name not in page.banner.text()
    # A wrong code's answer goes as well.
    type_and_enter(qtbot, page, "12345")
    assert page.banner_kind() == "warn"
    qtbot.keyClicks(page.search, "1")
    assert page.banner_kind() == "idle"
    page.kiosk = False


def test_outside_kiosk_mode_the_desk_keeps_its_answer(qtbot, page, store, event_with_roster):
    page.kiosk_clear_ms = 50
    type_and_enter(qtbot, page, "budi")
    qtbot.wait(200)
    assert page.banner_kind() == "ok"
    qtbot.keyClicks(page.search, "s")
    assert page.banner_kind() == "ok"


def test_closing_the_window_in_kiosk_mode_needs_the_pin(qtbot, window, page, dialogs):
    dialogs.texts.extend(["4821", "4821"])
    window.set_kiosk(True)
    dialogs.texts.append(None)  # the PIN prompt is cancelled
    window.close()
    assert window.isVisible()
    page.kiosk = False  # let the test's window close without the PIN


def test_dashboard_shows_the_live_counts(qtbot, window, page, store, event_with_roster):
    type_and_enter(qtbot, page, "budi")
    window.on_dashboard()
    board = window.dashboard
    qtbot.add_widget(board)
    assert board.present.text() == "1"
    assert board.table.value(None, 0) == len(store.list_attendees(event_with_roster.id))
    Desk(store, event_with_roster.id, "Meja 3", "X").check_in(
        person(store, event_with_roster, "Siti").id)
    qtbot.waitUntil(lambda: board.present.text() == "2", timeout=2000)  # by itself
    board.close()


def test_desk_and_operator_are_asked_once_and_required(qtbot, store, dialogs, settings,
                                                       event_with_roster, modal):
    from ui.desk_session import DeskSessionDialog

    win = MainWindow(store, settings, dialogs)
    qtbot.add_widget(win)

    def answer(dialog):
        dialog.desk.setText("Meja 5")
        dialog.operator.setText("")
        dialog.accept()  # refused: operator required
        assert dialog.fields["operator"].error_text() == "Wajib diisi"
        dialog.operator.setText("Dewi")
        dialog.accept()

    modal(DeskSessionDialog, answer)
    assert win.open_desk(event_with_roster.id)
    assert win.desk_page.session_label.text() == "Meja 5 \u00b7 Petugas: Dewi"
    assert settings.get(opts.OPERATOR) == "Dewi"
    win.desk_page.close_desk()
    assert QApplication.instance() is not None


def test_invitations_are_printed_from_the_roster_off_the_gui_thread(
        qtbot, store, dialogs, settings, event_with_roster, tmp_path, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url))
    win = MainWindow(store, settings, dialogs)
    qtbot.add_widget(win)
    win.open_event(event_with_roster.id)
    roster = win.roster_page
    dialogs.file_path = str(tmp_path / "undangan")  # the ".pdf" is added
    job = roster.print_invitations(roster.model.attendees(), "undangan.pdf")
    qtbot.waitUntil(lambda: job.result is not None, timeout=10000)
    assert job.result == "done"
    pdf = tmp_path / "undangan.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert ("info", "Cetak Undangan", f"Tersimpan: {pdf}") in dialogs.messages
    assert opened and opened[0].toLocalFile() == str(pdf)


def test_invitations_to_a_missing_folder_say_why_and_leave_no_file(
        qtbot, store, dialogs, settings, event_with_roster, tmp_path, monkeypatch):
    win = MainWindow(store, settings, dialogs)
    qtbot.add_widget(win)
    win.open_event(event_with_roster.id)
    dialogs.file_path = str(tmp_path / "nowhere" / "undangan.pdf")
    job = win.roster_page.print_invitations(win.roster_page.model.attendees(), "x.pdf")
    qtbot.waitUntil(lambda: job.result is not None, timeout=10000)
    assert job.result == "failed"
    assert dialogs.errors() and dialogs.errors()[0].startswith("Berkas tidak dibuat")
    assert not (tmp_path / "nowhere").exists()


def test_without_a_camera_the_desk_says_so_and_works_on(qtbot, page, store, event_with_roster,
                                                        monkeypatch):
    import ui.camera

    monkeypatch.setattr(ui.camera, "camera_problem", lambda: "Tidak ada kamera di komputer ini.")
    page.on_camera()
    assert page.banner_kind() == "warn" and "kamera" in page.banner.text()
    type_and_enter(qtbot, page, "budi")  # and the desk works on
    assert len(active_checkins(store, event_with_roster.id)) == 1


def test_camera_frames_are_decoded_to_the_invitation_token(qtbot, store, event_with_roster):
    import io

    import qrcode
    from PySide6.QtGui import QImage

    from events.scan import parse_token
    from ui.camera import decode_qr

    token = store.list_attendees(event_with_roster.id)[0].token
    buffer = io.BytesIO()
    qrcode.make("IKR-" + token).save(buffer, format="PNG")
    image = QImage.fromData(buffer.getvalue())
    assert [parse_token(text) for text in decode_qr(image)] == [token]
    assert decode_qr(QImage(200, 200, QImage.Format.Format_RGB32)) == []
