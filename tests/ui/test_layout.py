"""What fits a laptop's screen: the window's sizes, the verify dialog's long answers, the
dashboard's counts and its Esc, the desk's counters on a short screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication
from uihelpers import person

from events.categories import Category
from events.checkins import Desk
from events.model import Attendee
from ui.counters import CounterTable
from ui.dashboard import DashboardWindow
from ui.main_window import DEFAULT_SIZE
from ui.screen_fit import FRAME_ALLOWANCE, fitting_size
from ui.verify_dialog import VerifyDialog


@pytest.fixture
def window(main_window, event_with_roster):
    assert main_window.open_desk(event_with_roster.id)
    return main_window


def test_a_window_is_shrunk_to_the_screen_it_opens_on(qtbot, main_window):
    room = QGuiApplication.primaryScreen().availableGeometry().size() - FRAME_ALLOWANCE
    assert fitting_size(main_window, QSize(5000, 5000)) == room
    assert fitting_size(main_window, QSize(300, 200)) == QSize(300, 200)
    assert fitting_size(main_window, DEFAULT_SIZE) == DEFAULT_SIZE.boundedTo(room)


def test_leaving_kiosk_mode_returns_a_maximised_window_to_maximised(qtbot, window, dialogs):
    dialogs.texts.extend(["4821", "4821"])
    window.showMaximized()
    assert window.set_kiosk(True)
    assert window.isFullScreen()
    dialogs.texts.append("4821")
    assert window.set_kiosk(False)
    assert window.windowState() & Qt.WindowState.WindowMaximized
    assert not window.isFullScreen()
    dialogs.texts.append("4821")
    window.showNormal()
    assert window.set_kiosk(True) and window.set_kiosk(False)
    assert not window.windowState() & (Qt.WindowState.WindowMaximized
                                       | Qt.WindowState.WindowFullScreen)


def _verdict(page: int):
    from pledges.verify import Verdict

    return Verdict(status="unreadable", detail="no_qr", page=page)


def test_a_long_verification_answer_scrolls_and_the_dialog_keeps_its_size(qtbot, store):
    dialog = VerifyDialog(store)
    qtbot.add_widget(dialog)
    dialog.show()
    before = dialog.size()
    dialog.show_verdicts([_verdict(page) for page in range(1, 61)])  # a 60-page PDF
    qtbot.wait(10)
    room = QGuiApplication.primaryScreen().availableGeometry().size() - FRAME_ALLOWANCE
    assert dialog.height() <= room.height() and dialog.size() == before
    assert dialog.details_area.widget() is dialog.details
    assert dialog.details_area.verticalScrollBar().maximum() > 0  # it scrolls


def test_the_dashboards_big_number_is_its_tables_total_walk_ins_included(
        qtbot, window, store, event_with_roster):
    desk = Desk(store, event_with_roster.id, "Meja 3", "X")
    desk.check_in(person(store, event_with_roster, "Budi").id)
    desk.register_walk_in(Attendee(name="Tamu Tanpa Undangan", category=Category.TAMU,
                                   unit="Dinas Luar"))
    board = DashboardWindow(store, event_with_roster)
    qtbot.add_widget(board)
    assert board.present.text() == "2"
    assert board.table.value(None, 4) == 2  # "Hadir seluruhnya" in its Jumlah row
    assert board.table.value(None, 1) == 1 and board.table.value(None, 3) == 1
    assert board.table.value(Category.TAMU, 4) == 1
    assert "1 dari" in board.caption.text() and "1 tanpa undangan" in board.caption.text()
    room = QGuiApplication.primaryScreen().availableGeometry().size() - FRAME_ALLOWANCE
    assert board.height() <= room.height()


def test_esc_closes_the_dashboard(qtbot, store, event_with_roster):
    board = DashboardWindow(store, event_with_roster)
    qtbot.add_widget(board)
    board.show()
    qtbot.waitExposed(board)
    board.activateWindow()
    qtbot.keyClick(board, Qt.Key.Key_Escape)
    assert not board.isVisible()


@pytest.mark.parametrize("room", [QSize(800, 560), QSize(640, 420)])
def test_on_a_small_screen_the_dashboards_type_shrinks_until_all_of_it_fits(
        qtbot, store, event_with_roster, room):
    """A 1024x600 laptop or a small projector: the whole table, its last column ("Hadir
    seluruhnya") included, on the screen; the big number still the largest type."""
    board = DashboardWindow(store, event_with_roster)
    qtbot.add_widget(board)
    board.fit_type_to(room)
    least = board.minimumSizeHint()
    assert least.width() <= room.width() and least.height() <= room.height()
    assert board.present.font().pointSizeF() > 2 * board.table.font().pointSizeF()
    board.fit_type_to(QSize(4000, 3000))  # room enough: nothing changes
    assert board.minimumSizeHint() == least


def test_the_desk_keeps_only_the_totals_on_a_short_screen(qtbot, window):
    page = window.desk_page
    window.resize(1180, 700)
    qtbot.waitUntil(lambda: not page.counters.compact)
    assert all(label.isVisible() for label in page.counters.category_rows)
    window.resize(1000, 540)  # a 1024x600 netbook, less its title bar
    qtbot.waitUntil(lambda: page.counters.compact)
    assert not any(label.isVisible() for label in page.counters.category_rows)
    assert page.counters.cells[None][0].isVisible()  # the totals stay
    qtbot.wait(50)
    rows = page.table.viewport().height() // page.table.verticalHeader().defaultSectionSize()
    assert rows >= 6


def test_the_desk_counters_have_no_total_column(qtbot):
    table = CounterTable()
    qtbot.add_widget(table)
    assert table.columns == 4


def test_two_people_with_one_name_are_told_apart_by_nip_and_jabatan(
        qtbot, main_window, store, event_with_roster):
    from events.ids import format_nip

    store.add_attendees(event_with_roster.id, [
        Attendee(name="Ahmad Fauzi", category=Category.PELAKSANA, unit="Setda",
                 nip="198501012010011001", jabatan="Analis Kebijakan"),
        Attendee(name="Ahmad Fauzi", category=Category.PELAKSANA, unit="Setda",
                 nip="199002022015032002", jabatan="Pengadministrasi Umum")])
    assert main_window.open_desk(event_with_roster.id)
    page = main_window.desk_page
    qtbot.keyClicks(page.search, "ahmad fauzi")
    model, header = page.model, page.table.horizontalHeader()
    shown = [[model.index(r, header.logicalIndex(v)).data() for v in range(header.count())]
             for r in range(model.rowCount())]
    assert sorted(row[:3] for row in shown) == [
        ["Ahmad Fauzi", "19850101 201001 1 001", "Analis Kebijakan"],
        ["Ahmad Fauzi", "19900202 201503 2 002", "Pengadministrasi Umum"]]
    assert format_nip("198501012010011001") == "19850101 201001 1 001"
    titles = [model.headerData(header.logicalIndex(v), Qt.Orientation.Horizontal)
              for v in range(header.count())]
    assert titles == ["Nama", "NIP", "Jabatan", "Kategori", "Unit Kerja", "Status"]
