"""The presenter screen: stepping with keys and clickers, the highlight, and text that fits."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
from uihelpers import sample_event, save_shot

from events.model import EventKind
from pledges.texts import TEMPLATES, PledgeText, set_event_pledge, template_text
from ui.presenter import (
    THEMES,
    PresenterWindow,
    build_document,
    choose_screen,
    compute_layout,
    open_presenter,
    part_blocks,
)

PAKTA = TEMPLATES["pakta_integritas"]
NETRALITAS = TEMPLATES["netralitas_asn_2024"]
LONGEST = max(TEMPLATES.values(), key=lambda t: len(" ".join((t.title, t.opening, t.closing,
                                                                  *t.points))))


def logo_png() -> bytes:
    image = QImage(160, 200, QImage.Format.Format_ARGB32)
    image.fill(QColor(0, 0, 0, 0))
    painter = QPainter(image)
    painter.setBrush(QColor("#c8102e"))
    painter.setPen(QColor("#ffd700"))
    painter.drawRoundedRect(10, 10, 140, 180, 30, 30)
    painter.setBrush(QColor("#ffd700"))
    painter.drawEllipse(50, 60, 60, 60)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


@pytest.fixture
def event():
    return sample_event(name="Penandatanganan Pakta Integritas Kota Bekasi 2024",
                        kind=EventKind.PAKTA_INTEGRITAS, logo=logo_png())


@pytest.fixture
def presenter(qtbot, event) -> PresenterWindow:
    window = PresenterWindow(template_text("pakta_integritas", event.institution), event)
    qtbot.add_widget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    return window


def part_colours(window: PresenterWindow) -> list[QColor]:
    """The text colour of each part (opening, points, closing) as painted now."""
    doc = window.current_document()  # kept alive while its blocks are read
    return [QColor(block.begin().fragment().charFormat().foreground().color())
            for block in part_blocks(doc)]


def test_longest_template_is_the_pakta():
    assert LONGEST is PAKTA


def test_keys_step_forward_and_back_and_clamp(qtbot, presenter):
    last = len(PAKTA.points)  # the Pakta has no closing sentence: its last step is point 7
    assert presenter.step == 0 and presenter.step_count() == 8
    with qtbot.wait_signal(presenter.stepChanged) as blocker:
        qtbot.keyClick(presenter, Qt.Key.Key_PageDown)
    assert blocker.args == [1] and presenter.step == 1
    qtbot.keyClick(presenter, Qt.Key.Key_Right)
    qtbot.keyClick(presenter, Qt.Key.Key_Space)
    assert presenter.step == 3
    qtbot.keyClick(presenter, Qt.Key.Key_PageUp)
    assert presenter.step == 2
    qtbot.keyClick(presenter, Qt.Key.Key_Left)
    assert presenter.step == 1
    qtbot.keyClick(presenter, Qt.Key.Key_Left)
    qtbot.keyClick(presenter, Qt.Key.Key_PageUp)  # already at the opening
    assert presenter.step == 0
    qtbot.keyClick(presenter, Qt.Key.Key_End)
    assert presenter.step == last
    qtbot.keyClick(presenter, Qt.Key.Key_PageDown)  # already at the end
    assert presenter.step == last
    qtbot.keyClick(presenter, Qt.Key.Key_Home)
    assert presenter.step == 0
    presenter.step = 99
    assert presenter.step == last
    presenter.step = -3
    assert presenter.step == 0


def test_controller_forwards_keys_and_calls_slots(presenter):
    assert presenter.handle_key(Qt.Key.Key_PageDown) and presenter.step == 1
    presenter.next()
    presenter.next()
    presenter.previous()
    assert presenter.step == 2
    assert not presenter.handle_key(Qt.Key.Key_A)  # not ours: the controller keeps it
    assert presenter.property("step") == 2  # a real Qt property, for bindings


def test_the_current_part_is_highlighted_and_the_others_dimmed(presenter):
    theme = THEMES[presenter.theme_name]
    for step in (0, 3, len(PAKTA.points)):
        presenter.step = step
        colours = part_colours(presenter)
        assert len(colours) == 1 + len(PAKTA.points)  # opening and points; no closing text
        assert colours[step] == theme.text
        assert all(c == theme.dimmed for i, c in enumerate(colours) if i != step)
    presenter.last()  # no closing sentence: the last step is the last point, not a blank one
    assert part_colours(presenter)[-1] == theme.text
    assert presenter.step_label() == "Butir 7 dari 7"
    presenter.first()
    assert presenter.step_label() == "Pembukaan"


def test_a_text_with_a_closing_highlights_it_last(qtbot, event):
    window = PresenterWindow(NETRALITAS, event)
    qtbot.add_widget(window)
    window.last()
    colours = part_colours(window)
    assert len(colours) == 6 and colours[-1] == THEMES["dark"].text
    assert colours[:-1] == [THEMES["dark"].dimmed] * 5
    assert window.step == 5 and window.step_label() == "Penutup"
    window.resize(1920, 1080)
    window.show()
    qtbot.waitExposed(window)
    assert window.presenter_layout().fits()
    save_shot(window, "presenter_netralitas_1920x1080_closing.png")
    window.set_step(2)
    assert window.step_label() == "Butir 2 dari 4"


def test_a_text_without_an_opening_starts_at_point_one(qtbot, event):
    window = PresenterWindow(replace(NETRALITAS, opening="", closing=" "), event)
    qtbot.add_widget(window)
    assert window.step_count() == 4 and window.step_label() == "Butir 1 dari 4"
    assert part_colours(window)[0] == THEMES["dark"].text


def test_the_title_and_numbering_are_shown(presenter):
    doc = presenter.current_document()
    assert doc.begin().text() == PAKTA.title
    points = part_blocks(doc)[1:]
    assert [b.textList().itemNumber(b) + 1 for b in points] == list(range(1, 8))
    assert "Pemerintah Kota Bekasi" in points[5].text()  # "[instansi]" filled in


@pytest.mark.parametrize("size", [QSize(1920, 1080), QSize(1024, 768), QSize(1280, 800)])
def test_the_longest_template_fits(size):
    layout = compute_layout(PAKTA, size)
    assert layout.fits()
    assert layout.text_height <= layout.body.height()
    assert layout.body.bottom() < layout.footer.top()
    assert layout.header.bottom() < layout.body.top()
    # the real document at that size is no taller than measured, and one size up would not fit
    doc = build_document(PAKTA, layout.pixel_size, layout.body.width(), step=3)
    assert doc.size().height() == pytest.approx(layout.text_height)
    bigger = build_document(PAKTA, layout.pixel_size + 1, layout.body.width())
    assert (bigger.size().height() > layout.body.height()
            or bigger.idealWidth() > layout.body.width()
            or layout.pixel_size + 1 > layout.body.height() / 11)


def test_type_is_large_on_a_projector():
    assert compute_layout(PAKTA, QSize(1920, 1080)).pixel_size >= 32
    assert compute_layout(NETRALITAS, QSize(1920, 1080)).pixel_size >= 33
    assert compute_layout(PAKTA, QSize(1024, 768)).pixel_size >= 20


def test_a_much_longer_local_text_shrinks_to_fit():
    long_text = replace(PAKTA, points=PAKTA.points * 2)
    layout = compute_layout(long_text, QSize(1024, 768))
    assert layout.fits()
    assert layout.pixel_size < compute_layout(PAKTA, QSize(1024, 768)).pixel_size


@pytest.mark.parametrize("width,height", [(1920, 1080), (1024, 768)])
def test_window_layout_fits_and_shots(qtbot, presenter, width, height):
    presenter.resize(width, height)
    qtbot.waitUntil(lambda: presenter.size() == QSize(width, height))
    layout = presenter.presenter_layout()
    assert layout.fits()
    assert layout.body.width() == presenter.current_document().textWidth()
    presenter.step = 2
    image = presenter.grab().toImage()
    assert image.size() == QSize(width, height)
    assert image.pixelColor(3, 3) == THEMES["dark"].background
    save_shot(presenter, f"presenter_{width}x{height}_point2.png")
    presenter.toggle_theme()
    presenter.last()
    assert presenter.grab().toImage().pixelColor(3, 3) == THEMES["light"].background
    save_shot(presenter, f"presenter_{width}x{height}_light_end.png")


def test_blank_screen_and_full_screen_and_escape(qtbot, presenter):
    qtbot.keyClick(presenter, Qt.Key.Key_B)
    assert presenter.blank
    assert presenter.grab().toImage().pixelColor(640, 360) == QColor("#000000")
    qtbot.keyClick(presenter, Qt.Key.Key_Period)
    assert not presenter.blank
    qtbot.keyClick(presenter, Qt.Key.Key_F5)
    qtbot.waitUntil(presenter.isFullScreen)
    qtbot.keyClick(presenter, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: not presenter.isFullScreen())
    qtbot.keyClick(presenter, Qt.Key.Key_Escape)
    assert not presenter.isVisible()


def test_second_screen_is_chosen_when_there_is_one():
    operator, projector = object(), object()
    assert choose_screen([operator], operator) is None
    assert choose_screen([operator, projector], operator) is projector
    assert choose_screen([projector, operator], operator) is projector


def test_open_presenter_shows_the_events_current_text(qtbot, store, event):
    saved = store.create_event(event)
    custom = PledgeText("IKRAR KOTA BEKASI", "Kami ASN dan Non-ASN Kota Bekasi berikrar:",
                        ("Akan netral.", "Akan menolak politik uang."), "Demikian.")
    set_event_pledge(store, saved.id, custom)
    window = open_presenter(None, store, saved)
    qtbot.add_widget(window)
    qtbot.waitExposed(window)
    assert window.pledge.title == "IKRAR KOTA BEKASI" and window.pledge.points == custom.points
    if len(QGuiApplication.screens()) < 2:
        assert not window.isFullScreen()  # one screen: an ordinary window
    assert window.testAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)  # qtbot closes it
    window.close()


def test_open_presenter_without_a_saved_text_uses_the_kinds_template(qtbot, store, event):
    saved = store.create_event(event)
    window = open_presenter(None, store, saved)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    qtbot.add_widget(window)
    assert window.pledge == template_text("pakta_integritas", event.institution)


@pytest.mark.parametrize("step", [0, 1, 7])
def test_the_bar_beside_the_current_part_spans_its_lines(presenter, step):
    presenter.step = step
    doc = presenter.current_document()
    block = part_blocks(doc)[step]
    layout = presenter.presenter_layout()
    top = layout.body.top() + max(0.0, (layout.body.height() - doc.size().height()) / 2)
    rect = doc.documentLayout().blockBoundingRect(block)
    image = presenter.grab().toImage()
    bar_x = layout.body.left() - 3 * max(4, round(layout.pixel_size * 0.18)) + 1
    accent = THEMES["dark"].accent
    spans = [y for y in range(presenter.height()) if image.pixelColor(bar_x, y) == accent]
    lines = block.layout().lineCount()
    assert len(spans) >= lines * layout.pixel_size  # as tall as its lines, however many
    assert top + rect.top() - 1 <= min(spans) and max(spans) <= top + rect.bottom() + 1
