"""The signature pad: collects strokes of points from a mouse, a pen tablet or a touch screen.

The pad only collects and shows; validation, hashing and rendering for documents live in
pledges.strokes. A point is (x, y, t, pressure): x and y in pad pixels, t in milliseconds since
the first point of the signature, pressure 0..1 (0.5 for a mouse, or a touch screen that does
not measure it).

Drawing is incremental: finished ink lives in a pixmap; each new point draws one short curve
segment (a quadratic through the midpoints of the last three points, so a stroke is smooth
without waiting for the next point) onto that pixmap, and only the segment's bounding rectangle
is repainted. The cost of a move does not grow with the ink already on the pad.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QInputDevice,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from pledges.strokes import INK as DOCUMENT_INK
from pledges.strokes import line_width

Point = tuple[float, float, int, float]

MOUSE_PRESSURE = 0.5
INK = QColor(*DOCUMENT_INK)  # the ink of the rendered documents
BASELINE = QColor("#9aa3b5")
HINT = QColor("#a0a7b4")
BACKGROUND = QColor("#ffffff")


def pen_width(pressure: float, pad_width: float) -> float:
    """Line width in pixels for a pressure, as the documents draw it (pledges.strokes)."""
    return max(1.2, line_width(pressure, pad_width))


class SignaturePad(QWidget):
    """A white pad with a baseline on which a person signs.

    Signals:
        changed(): a stroke began or ended, or strokes were undone or cleared.
    """

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._strokes: list[list[Point]] = []
        self._current: list[Point] | None = None
        self._source = ""  # "mouse", "tablet" or "touch": the device drawing the current stroke
        self._touch_id = -1
        self._clock_base: float | None = None  # raw ms of the signature's first point
        self._clock_kind = ""  # "event" (event timestamps) or "mono" (time.monotonic)
        self._cache = QPixmap()
        self._hint = self.tr("Tanda tangan di sini")
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_TabletTracking, False)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(360, 160)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    # -- what callers use ------------------------------------------------------------------------

    def strokes(self) -> list[list[Point]]:
        """The finished strokes (and the one being drawn), as plain lists of tuples."""
        done = [list(s) for s in self._strokes]
        if self._current:
            done.append(list(self._current))
        return done

    def pad_size(self) -> tuple[int, int]:
        return self.width(), self.height()

    def is_empty(self) -> bool:
        return not self._strokes and not self._current

    def point_count(self) -> int:
        return sum(len(s) for s in self._strokes) + len(self._current or ())

    def undo(self) -> None:
        """Remove the last stroke."""
        if self._current:
            self._current = None
        elif self._strokes:
            self._strokes.pop()
        else:
            return
        if self.is_empty():
            self._clock_base = None
        self._rebuild()
        self.update()
        self.changed.emit()

    def clear(self) -> None:
        had = not self.is_empty()
        self._strokes.clear()
        self._current = None
        self._clock_base = None
        self._rebuild()
        self.update()
        if had:
            self.changed.emit()

    def set_strokes(self, strokes: list[list[Point]]) -> None:
        """Show these strokes (in this pad's pixels), e.g. to put them back after an error."""
        self._strokes = [[(p[0], p[1], p[2], p[3]) for p in s] for s in strokes if s]
        self._current = None
        self._clock_base = None
        if self._strokes:  # later strokes carry on from the last time
            self._clock_kind = "mono"
            last_t = max(p[2] for s in self._strokes for p in s)
            self._clock_base = time.monotonic() * 1000 - last_t
        self._rebuild()
        self.update()
        self.changed.emit()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(640, 260)

    # -- points ----------------------------------------------------------------------------------

    def _t(self, event_ms: int) -> int:
        """Milliseconds since the signature's first point, never going backwards."""
        if self._clock_base is None:
            self._clock_kind = "event" if event_ms > 0 else "mono"
        raw = float(event_ms) if self._clock_kind == "event" else time.monotonic() * 1000
        if self._clock_base is None:
            self._clock_base = raw
        t = int(round(raw - self._clock_base))
        last = self._last_t()
        return max(t, last)

    def _last_t(self) -> int:
        if self._current:
            return self._current[-1][2]
        if self._strokes:
            return self._strokes[-1][-1][2]
        return 0

    def _begin(self, pos: QPointF, event_ms: int, pressure: float, source: str) -> None:
        if self._current is not None:
            self._end()
        was_empty = self.is_empty()
        self._source = source
        point = (round(pos.x(), 2), round(pos.y(), 2), self._t(event_ms), round(pressure, 3))
        self._current = [point]
        rect = self._draw_dot(point)
        if was_empty:
            self.update()  # the hint goes away
        else:
            self.update(rect)
        self.changed.emit()

    def _move(self, pos: QPointF, event_ms: int, pressure: float) -> None:
        stroke = self._current
        if stroke is None:
            return
        x, y = round(pos.x(), 2), round(pos.y(), 2)
        last = stroke[-1]
        if x == last[0] and y == last[1]:
            return
        stroke.append((x, y, self._t(event_ms), round(pressure, 3)))
        self.update(self._draw_segment(stroke, len(stroke) - 1))

    def _end(self) -> None:
        stroke = self._current
        if stroke is None:
            return
        self._current = None
        self._source = ""
        if len(stroke) > 1:
            self.update(self._draw_tail(stroke))
        self._strokes.append(stroke)
        self.changed.emit()

    # -- input events ----------------------------------------------------------------------------

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.button() != Qt.MouseButton.LeftButton or self._synthesized(event):
            event.ignore()
            return
        self._begin(event.position(), event.timestamp(), MOUSE_PRESSURE, "mouse")
        event.accept()

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if self._source == "mouse":
            self._move(event.position(), event.timestamp(), MOUSE_PRESSURE)
            event.accept()
        else:
            event.ignore()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if self._source == "mouse" and event.button() == Qt.MouseButton.LeftButton:
            self._move(event.position(), event.timestamp(), MOUSE_PRESSURE)
            self._end()
            event.accept()
        else:
            event.ignore()

    @staticmethod
    def _synthesized(event) -> bool:
        """A mouse event Qt made from a touch or a pen the pad already handled."""
        device = event.device()
        return device is not None and device.type() in (
            QInputDevice.DeviceType.TouchScreen, QInputDevice.DeviceType.Stylus,
            QInputDevice.DeviceType.Airbrush, QInputDevice.DeviceType.Puck)

    def tabletEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        kind = event.type()
        pressure = float(event.pressure())
        if kind == QEvent.Type.TabletPress:
            self._begin(event.position(), event.timestamp(), pressure, "tablet")
        elif self._source == "tablet" and kind == QEvent.Type.TabletMove:
            self._move(event.position(), event.timestamp(), pressure)
        elif self._source == "tablet" and kind == QEvent.Type.TabletRelease:
            self._move(event.position(), event.timestamp(), pressure)
            self._end()
        event.accept()  # no mouse event made from it

    def event(self, event) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd,
                    QEvent.Type.TouchCancel):
            self._touch(event)
            event.accept()
            return True
        return super().event(event)

    def _touch(self, event) -> None:
        """One finger signs; a second finger on the pad is ignored."""
        kind = event.type()
        if kind == QEvent.Type.TouchCancel:
            if self._source == "touch":
                self._end()
            return
        points = event.points()
        if not points:
            return
        device = event.pointingDevice()
        measures = device is not None and bool(
            device.capabilities() & QInputDevice.Capability.Pressure)
        if self._source != "touch":
            if self._current is not None:
                return  # a pen or the mouse is drawing
            first = points[0]
            self._touch_id = first.id()
            self._begin(first.position(), event.timestamp(), self._touch_pressure(first, measures),
                        "touch")
            return
        point = next((p for p in points if p.id() == self._touch_id), None)
        if point is None:
            return
        self._move(point.position(), event.timestamp(), self._touch_pressure(point, measures))
        if point.state() == point.State.Released or kind == QEvent.Type.TouchEnd:
            self._end()

    @staticmethod
    def _touch_pressure(point, measures: bool) -> float:
        pressure = float(point.pressure())
        return pressure if measures and 0.0 < pressure <= 1.0 else MOUSE_PRESSURE

    # -- drawing ---------------------------------------------------------------------------------

    def _ink_painter(self) -> QPainter:
        painter = QPainter(self._cache)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        return painter

    def _pen(self, pressure: float) -> QPen:
        pen = QPen(INK, pen_width(pressure, self.width()))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        return pen

    def _draw_dot(self, point: Point) -> QRect:
        radius = pen_width(point[3], self.width()) / 2
        painter = self._ink_painter()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(INK)
        painter.drawEllipse(QPointF(point[0], point[1]), radius, radius)
        painter.end()
        return self._around([point], radius)

    def _draw_segment(self, stroke: list[Point], i: int) -> QRect:
        """Draw the part of ``stroke`` that point ``i`` makes certain: from the middle of
        (i-2, i-1) to the middle of (i-1, i), bending through i-1."""
        p1, p2 = stroke[i - 1], stroke[i]
        end = QPointF((p1[0] + p2[0]) / 2, (p1[1] + p2[1]) / 2)
        path = QPainterPath()
        if i == 1:
            path.moveTo(p1[0], p1[1])
            path.lineTo(end)
        else:
            p0 = stroke[i - 2]
            path.moveTo((p0[0] + p1[0]) / 2, (p0[1] + p1[1]) / 2)
            path.quadTo(QPointF(p1[0], p1[1]), end)
        pressure = (p1[3] + p2[3]) / 2
        painter = self._ink_painter()
        painter.setPen(self._pen(pressure))
        painter.drawPath(path)
        painter.end()
        points = stroke[i - 2:i + 1] if i >= 2 else stroke[i - 1:i + 1]
        return self._around(points, pen_width(pressure, self.width()))

    def _draw_tail(self, stroke: list[Point]) -> QRect:
        """The last half segment, from the last midpoint to the last point."""
        p1, p2 = stroke[-2], stroke[-1]
        painter = self._ink_painter()
        painter.setPen(self._pen(p2[3]))
        painter.drawLine(QPointF((p1[0] + p2[0]) / 2, (p1[1] + p2[1]) / 2),
                         QPointF(p2[0], p2[1]))
        painter.end()
        return self._around([p1, p2], pen_width(p2[3], self.width()))

    @staticmethod
    def _around(points, margin: float) -> QRect:
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        m = margin + 2
        return QRectF(min(xs) - m, min(ys) - m, max(xs) - min(xs) + 2 * m,
                      max(ys) - min(ys) + 2 * m).toAlignedRect()

    def baseline_y(self) -> int:
        return int(self.height() * 0.72)

    def _rebuild(self) -> None:
        """Draw the background, the baseline and every stroke into a fresh pixmap."""
        ratio = self.devicePixelRatioF()
        size = self.size()
        if size.isEmpty():
            self._cache = QPixmap()
            return
        cache = QPixmap(QSize(max(1, round(size.width() * ratio)),
                              max(1, round(size.height() * ratio))))
        cache.setDevicePixelRatio(ratio)
        cache.fill(BACKGROUND)
        self._cache = cache
        painter = self._ink_painter()
        y = self.baseline_y()
        painter.setPen(QPen(BASELINE, 1.5))
        painter.drawLine(QPointF(24, y), QPointF(self.width() - 24, y))
        cross = QFont(self.font())
        cross.setPointSizeF(cross.pointSizeF() * 1.6)
        painter.setFont(cross)
        painter.drawText(QPointF(26, y - 8), "\u00d7")
        painter.end()
        for stroke in self._strokes + ([self._current] if self._current else []):
            self._draw_dot(stroke[0])
            for i in range(1, len(stroke)):
                self._draw_segment(stroke, i)
            if len(stroke) > 1 and stroke is not self._current:
                self._draw_tail(stroke)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self._rebuild()
        super().resizeEvent(event)

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if self._cache.isNull():
            self._rebuild()
        painter = QPainter(self)
        rect = event.rect()
        ratio = self._cache.devicePixelRatio()
        painter.drawPixmap(QRectF(rect), self._cache,
                           QRectF(rect.x() * ratio, rect.y() * ratio, rect.width() * ratio,
                                  rect.height() * ratio))
        if self.is_empty():
            font = QFont(self.font())
            font.setPointSizeF(font.pointSizeF() * 1.5)
            font.setItalic(True)
            painter.setFont(font)
            painter.setPen(HINT)
            hint_rect = QRect(0, 0, self.width(), self.baseline_y() - 10)
            painter.drawText(hint_rect, Qt.AlignmentFlag.AlignHCenter
                             | Qt.AlignmentFlag.AlignBottom, self._hint)
        painter.setPen(QPen(QColor("#c5cad3"), 1))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        painter.end()
