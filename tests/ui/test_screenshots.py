"""Screenshots: the windows really paint something, and are saved to /tmp/ikrar-shots to look at."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWizard
from uihelpers import make_messy_xlsx, save_shot, show_main_window

from ui.event_dialog import EventDialog
from ui.import_wizard import ImportWizard
from ui.main_window import MainWindow


def distinct_colours(image: QImage, step: int = 3) -> int:
    return len({image.pixel(x, y) for x in range(0, image.width(), step)
                for y in range(0, image.height(), step)})


@pytest.fixture
def demo_window(qtbot, store, settings, dialogs) -> MainWindow:
    # the laptop size, as the window opens on a 1366x768 screen (offscreen's screen is smaller)
    window = show_main_window(qtbot, store, settings, dialogs, (1180, 720))
    window.on_demo()
    return window


def test_main_window_with_the_demo_is_not_blank(demo_window):
    image = demo_window.grab().toImage()
    assert image.width() >= 1000 and image.height() >= 700
    assert distinct_colours(image) > 20  # text, banner, alternating rows, buttons
    banner = demo_window.roster_page.demo_banner
    banner_image = banner.grab().toImage()
    assert distinct_colours(banner_image, 1) > 5  # yellow background and dark text
    save_shot(demo_window, "main_window_demo.png")
    demo_window.show_events()
    save_shot(demo_window, "main_window_events.png")


def test_event_dialog_shots(qtbot, demo_window, store, dialogs):
    event = store.get_event(demo_window.roster_page.shown_event.id)
    dialog = EventDialog(event, demo_window, dialogs)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert distinct_colours(dialog.grab().toImage()) > 10
    save_shot(dialog, "event_dialog_general.png")
    dialog.tabs.setCurrentIndex(1)
    save_shot(dialog, "event_dialog_officials.png")
    dialog.tabs.setCurrentIndex(2)
    save_shot(dialog, "event_dialog_program.png")
    dialog.name.clear()
    dialog.witness[2].setText("1234")
    dialog.accept()
    assert dialog.isVisible() and dialog.tabs.currentIndex() == 0
    QApplication.processEvents()  # let the layouts make room for the messages
    name_field = dialog.fields["name"]
    assert dialog.name.height() >= dialog.name.minimumSizeHint().height()
    assert name_field.error.geometry().top() >= dialog.name.geometry().bottom()
    save_shot(dialog, "event_dialog_errors.png")
    dialog.tabs.setCurrentIndex(1)
    QApplication.processEvents()
    assert dialog.witness[2].height() >= dialog.witness[2].minimumSizeHint().height()
    save_shot(dialog, "event_dialog_errors_officials.png")
    dialog.reject()


def test_import_wizard_shots(qtbot, store, dialogs, settings, tmp_path):
    from uihelpers import sample_event

    event = store.create_event(sample_event())
    wizard = ImportWizard(store, event.id, None, dialogs, settings)
    qtbot.add_widget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    save_shot(wizard, "import_wizard_file.png")
    wizard.file_page.path.setText(str(make_messy_xlsx(tmp_path / "undangan.xlsx")))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.columns_page, timeout=10_000)
    save_shot(wizard, "import_wizard_columns.png")
    wizard.next()
    assert wizard.currentPage() is wizard.review_page
    image = wizard.grab().toImage()
    assert distinct_colours(image) > 10
    save_shot(wizard, "import_wizard_review.png")
    assert wizard.button(QWizard.WizardButton.FinishButton).text() == "Impor"
