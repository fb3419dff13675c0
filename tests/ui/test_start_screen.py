"""The start screen: the list of events, the demo, archiving, and new/edit through the window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from uihelpers import show_main_window

from events.demo import DEMO_NAME
from ui import settings as opts
from ui.event_dialog import EventDialog
from ui.main_window import MainWindow

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def window(qtbot, store, settings, dialogs) -> MainWindow:
    return show_main_window(qtbot, store, settings, dialogs)


def listed(win: MainWindow) -> list[tuple[str, str]]:
    """(name, status) of each row of the event table, as shown."""
    model = win.events_page.table.model()
    return [(model.index(r, 1).data(), model.index(r, 4).data()) for r in range(model.rowCount())]


def test_empty_database_shows_the_hint(window):
    page = window.events_page
    assert window.stack.currentWidget() is page
    assert listed(window) == []
    assert page.empty_label.isVisible()
    assert "Belum ada acara" in page.empty_label.text()
    for button in (page.open_button, page.edit_button, page.archive_button):
        assert not button.isEnabled()
    assert page.new_button.isEnabled() and page.demo_button.isEnabled()


def test_demo_opens_its_roster_with_the_banner(qtbot, window, store):
    qtbot.mouseClick(window.events_page.demo_button, LEFT)

    roster = window.roster_page
    assert window.stack.currentWidget() is roster
    assert roster.title.text() == DEMO_NAME
    assert DEMO_NAME in window.windowTitle()
    assert roster.demo_banner.isVisible()
    assert "ACARA DEMO" in roster.demo_banner.text()
    assert roster.table.model().rowCount() == 104  # the invited 102 and two walk-ins
    assert roster.shown.text() == "104 dari 104"
    assert roster.counts.count_text(None) == "104"
    [demo] = store.list_events()
    assert demo.is_demo and len(store.list_attendees(demo.id)) == 104

    qtbot.mouseClick(roster.back_button, LEFT)
    assert window.stack.currentWidget() is window.events_page
    assert listed(window) == [(DEMO_NAME, "Demo")]
    assert not window.events_page.empty_label.isVisible()
    assert window.events_page.selected_event().id == demo.id


def test_archive_asks_first_and_can_be_undone(qtbot, window, store, dialogs, settings):
    window.on_demo()
    window.show_events()
    page = window.events_page
    [demo] = store.list_events()
    assert page.archive_button.text() == "Arsipkan"

    dialogs.answers.append(False)
    qtbot.mouseClick(page.archive_button, LEFT)
    assert len(dialogs.questions) == 1
    assert "Arsipkan acara ini?" in dialogs.questions[0][1]
    assert listed(window) == [(DEMO_NAME, "Demo")]
    assert not store.get_event(demo.id).archived

    dialogs.answers.append(True)
    qtbot.mouseClick(page.archive_button, LEFT)
    assert len(dialogs.questions) == 2
    assert listed(window) == []
    assert store.get_event(demo.id).archived
    assert not page.archive_button.isEnabled()

    qtbot.mouseClick(page.show_archived, LEFT)
    assert page.show_archived.isChecked()
    assert settings.get(opts.SHOW_ARCHIVED) is True
    assert listed(window) == [(DEMO_NAME, "Demo, Diarsipkan")]
    assert page.table.model().index(0, 1).data(Qt.ItemDataRole.FontRole).italic()
    assert page.archive_button.text() == "Keluarkan dari Arsip"

    qtbot.mouseClick(page.archive_button, LEFT)  # restoring asks nothing
    assert len(dialogs.questions) == 2
    assert not store.get_event(demo.id).archived
    assert listed(window) == [(DEMO_NAME, "Demo")]
    assert page.archive_button.text() == "Arsipkan"


def test_new_event_is_saved_and_opened(qtbot, window, store, modal):
    def fill(dialog: EventDialog) -> None:
        assert dialog.windowTitle() == "Acara Baru"
        qtbot.keyClicks(dialog.name, "Sosialisasi Anti Korupsi 2024")
        qtbot.keyClicks(dialog.venue, "Aula Kantor Camat")
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), LEFT)

    opened = modal(EventDialog, fill)
    qtbot.mouseClick(window.events_page.new_button, LEFT)

    assert len(opened) == 1 and not opened[0].isVisible()
    [event] = store.list_events()
    assert event.name == "Sosialisasi Anti Korupsi 2024"
    assert event.venue == "Aula Kantor Camat"
    assert window.stack.currentWidget() is window.roster_page
    assert window.roster_page.title.text() == event.name
    assert not window.roster_page.demo_banner.isVisible()
    assert window.roster_page.table.model().rowCount() == 0


def test_cancelled_new_event_stores_nothing(qtbot, window, store, modal):
    def cancel(dialog: EventDialog) -> None:
        qtbot.keyClicks(dialog.name, "Tidak jadi")
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel), LEFT)

    modal(EventDialog, cancel)
    window.on_new_event()
    assert store.list_events() == []
    assert window.stack.currentWidget() is window.events_page


def test_archiving_with_the_seal_key_unlocked_signs_the_trail_head(qtbot, window, store,
                                                                    dialogs):
    """Closing an event: its audit trail's head is signed by the seal key when it is open."""
    from events import audit
    from pledges.audit import verify_chain
    from pledges.keys import create_key

    window.on_demo()
    [demo] = store.list_events()
    window.seal_keys.key = create_key(store, "kata-sandi-uji")
    dialogs.answers.append(True)
    window.on_archive(demo.id, True)
    with store.connection() as conn:
        actions = [e.action for e in audit.entries(conn, demo.id)]
    assert actions[-2:] == ["event_archived", "checkpoint"]
    report = verify_chain(store, demo.id)
    assert report.intact and report.checkpoint_seq == len(actions)
