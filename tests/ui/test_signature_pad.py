"""The signature pad records what the hand does: mouse drags, pen pressure, touch; undo, clear."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QInputDevice, QPointingDevice, QTabletEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from ui.signature_pad import SignaturePad

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def pad(qtbot):
    widget = SignaturePad()
    qtbot.add_widget(widget)
    widget.resize(600, 250)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def drag(qtbot, pad, points: list[tuple[int, int]]) -> None:
    qtbot.mousePress(pad, LEFT, pos=QPoint(*points[0]))
    for x, y in points[1:-1]:
        qtbot.mouseMove(pad, QPoint(x, y))
    qtbot.mouseRelease(pad, LEFT, pos=QPoint(*points[-1]))


def zigzag(x0: int = 60, y0: int = 100, n: int = 12) -> list[tuple[int, int]]:
    return [(x0 + 15 * i, y0 + (30 if i % 2 else 0)) for i in range(n)]


def pen() -> QPointingDevice:
    return QPointingDevice("test pen", 4242, QInputDevice.DeviceType.Stylus,
                           QPointingDevice.PointerType.Pen,
                           QInputDevice.Capability.Position | QInputDevice.Capability.Pressure,
                           1, 2)


def tablet(kind, device, x: float, y: float, pressure: float) -> QTabletEvent:
    pos = QPointF(x, y)
    buttons = Qt.MouseButton.NoButton if kind == QEvent.Type.TabletRelease else LEFT
    return QTabletEvent(kind, device, pos, pos, pressure, 0.0, 0.0, 0.0, 0.0, 0.0,
                        Qt.KeyboardModifier.NoModifier, LEFT, buttons)


def test_an_empty_pad_has_no_strokes_and_its_size(pad):
    assert pad.strokes() == [] and pad.is_empty()
    assert pad.pad_size() == (600, 250)


def test_a_mouse_drag_records_its_points_with_time_and_pressure(qtbot, pad):
    points = zigzag()
    with qtbot.wait_signals([pad.changed, pad.changed]):
        drag(qtbot, pad, points)
    strokes = pad.strokes()
    assert len(strokes) == 1
    stroke = strokes[0]
    assert [(x, y) for x, y, _t, _p in stroke] == [(float(x), float(y)) for x, y in points]
    times = [t for _x, _y, t, _p in stroke]
    assert times[0] == 0
    assert all(b > a for a, b in zip(times, times[1:], strict=False))  # increasing
    assert {p for *_rest, p in stroke} == {0.5}
    for point in stroke:  # plain Python values, nothing from Qt
        assert [type(v) for v in point] == [float, float, int, float]


def test_time_runs_on_across_strokes(qtbot, pad):
    drag(qtbot, pad, zigzag())
    drag(qtbot, pad, zigzag(y0=160))
    first, second = pad.strokes()
    assert second[0][2] >= first[-1][2]


def test_the_ink_is_drawn(qtbot, pad):
    blank = pad.grab().toImage()
    drag(qtbot, pad, zigzag())
    inked = pad.grab().toImage()
    x, y = 97, 115  # the midpoint of two corners (90, 100) and (105, 130): on the curve
    assert blank.pixelColor(x, y) != inked.pixelColor(x, y)


def test_tablet_events_record_the_pen_pressure(qtbot, pad):
    device = pen()
    pressures = [0.2, 0.35, 0.6, 0.8, 0.95]
    QApplication.sendEvent(pad, tablet(QEvent.Type.TabletPress, device, 50, 80, pressures[0]))
    for i, pressure in enumerate(pressures[1:-1], 1):
        QApplication.sendEvent(pad, tablet(QEvent.Type.TabletMove, device, 50 + 20 * i,
                                           80 + 10 * i, pressure))
    QApplication.sendEvent(pad, tablet(QEvent.Type.TabletRelease, device, 130, 120,
                                       pressures[-1]))
    (stroke,) = pad.strokes()
    assert [p for *_rest, p in stroke] == pressures
    assert [(x, y) for x, y, _t, _p in stroke] == [(50.0, 80.0), (70.0, 90.0), (90.0, 100.0),
                                                  (110.0, 110.0), (130.0, 120.0)]


def test_a_pen_hovering_draws_nothing(qtbot, pad):
    device = pen()
    QApplication.sendEvent(pad, tablet(QEvent.Type.TabletMove, device, 50, 80, 0.0))
    assert pad.strokes() == []


def test_touch_records_one_finger(qtbot, pad):
    screen = QTest.createTouchDevice()
    QTest.touchEvent(pad, screen).press(0, QPoint(40, 60), pad)
    for i in range(1, 6):
        QTest.touchEvent(pad, screen).move(0, QPoint(40 + 20 * i, 60 + 8 * i), pad)
    QTest.touchEvent(pad, screen).release(0, QPoint(160, 110), pad)
    (stroke,) = pad.strokes()
    assert stroke[0][:2] == (40.0, 60.0) and stroke[-1][:2] == (160.0, 110.0)
    assert len(stroke) == 7
    assert {p for *_rest, p in stroke} == {0.5}  # this screen measures no pressure


def test_undo_removes_the_last_stroke_and_clear_everything(qtbot, pad):
    drag(qtbot, pad, zigzag())
    drag(qtbot, pad, zigzag(y0=160))
    first = pad.strokes()[0]
    with qtbot.wait_signal(pad.changed):
        pad.undo()
    assert pad.strokes() == [first]
    pad.undo()
    assert pad.is_empty()
    pad.undo()  # nothing left: nothing happens
    drag(qtbot, pad, zigzag())
    with qtbot.wait_signal(pad.changed):
        pad.clear()
    assert pad.strokes() == [] and pad.point_count() == 0


def test_after_clear_time_starts_again(qtbot, pad):
    drag(qtbot, pad, zigzag())
    pad.clear()
    drag(qtbot, pad, zigzag())
    assert pad.strokes()[0][0][2] == 0


def test_a_click_is_a_one_point_stroke(qtbot, pad):
    qtbot.mouseClick(pad, LEFT, pos=QPoint(100, 100))
    assert pad.strokes() == [[(100.0, 100.0, 0, 0.5)]]


def test_strokes_put_back_are_shown_and_kept(qtbot, pad):
    strokes = [[(10.0, 10.0, 0, 0.5), (50.0, 40.0, 30, 0.5)]]
    pad.set_strokes(strokes)
    assert pad.strokes() == strokes and not pad.is_empty()
    drag(qtbot, pad, zigzag())
    assert len(pad.strokes()) == 2 and pad.strokes()[1][0][2] >= 30
