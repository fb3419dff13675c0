"""Signature pad latency: one input event processed and the pad repainted, with a long
signature (2,000 points) already on the pad.

Each sample: one mouse-move event sent to the pad (QApplication.sendEvent, as the event loop
delivers it), then QApplication.processEvents() so the repaint it asked for is done. A second
run sends pen (QTabletEvent) moves with changing pressure. Target: p99 under 4 ms.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_pad.py [--points 2000] [--events 500]
(under a real display leave QT_QPA_PLATFORM unset to include the platform's own painting).
"""

from __future__ import annotations

import argparse
import math
import os
import time

import common  # first: puts the repository on the import path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QPointF, Qt  # noqa: E402
from PySide6.QtGui import QInputDevice, QMouseEvent, QPointingDevice, QTabletEvent  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from ui.signature_pad import SignaturePad  # noqa: E402

LEFT = Qt.MouseButton.LeftButton
NO_MOD = Qt.KeyboardModifier.NoModifier


class CountingPad(SignaturePad):
    """The pad, counting its paint events (to check each sample really repainted)."""

    paints = 0

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self.paints += 1
        super().paintEvent(event)


def figures(name: str, seconds: list[float]) -> str:
    return common.figures(name, seconds, 34, "6.3f")


def scribble(i: int, width: int, height: int) -> QPointF:
    """A looping handwriting-like path across the pad."""
    x = 40 + (i * 0.9) % (width - 80)
    y = height * 0.45 + math.sin(i / 6.0) * height * 0.22 + math.sin(i / 37.0) * 12
    return QPointF(x, y)


def mouse(kind, pos: QPointF, buttons, ts: int) -> QMouseEvent:
    event = QMouseEvent(kind, pos, pos, LEFT if kind != QEvent.Type.MouseMove else
                        Qt.MouseButton.NoButton, buttons, NO_MOD)
    event.setTimestamp(ts)
    return event


def prefill(pad: SignaturePad, points: int, app: QApplication) -> int:
    """Draw ``points`` points in strokes of 100 with the mouse; returns the next timestamp."""
    ts = 1000
    w, h = pad.width(), pad.height()
    for i in range(points):
        pos = scribble(i, w, h)
        if i % 100 == 0:
            app.sendEvent(pad, mouse(QEvent.Type.MouseButtonPress, pos, LEFT, ts))
        elif i % 100 == 99:
            app.sendEvent(pad, mouse(QEvent.Type.MouseButtonRelease, pos,
                                     Qt.MouseButton.NoButton, ts))
        else:
            app.sendEvent(pad, mouse(QEvent.Type.MouseMove, pos, LEFT, ts))
        ts += 8
    app.processEvents()
    return ts


def run_mouse(pad: SignaturePad, app: QApplication, events: int, ts: int) -> list[float]:
    w, h = pad.width(), pad.height()
    start_pos = scribble(5000, w, h)
    app.sendEvent(pad, mouse(QEvent.Type.MouseButtonPress, start_pos, LEFT, ts))
    app.processEvents()
    samples = []
    for i in range(1, events + 1):
        ts += 8
        event = mouse(QEvent.Type.MouseMove, scribble(5000 + i, w, h), LEFT, ts)
        start = time.perf_counter()
        app.sendEvent(pad, event)
        app.processEvents()
        samples.append(time.perf_counter() - start)
    app.sendEvent(pad, mouse(QEvent.Type.MouseButtonRelease, scribble(5000 + events, w, h),
                             Qt.MouseButton.NoButton, ts + 8))
    app.processEvents()
    return samples


def run_tablet(pad: SignaturePad, app: QApplication, events: int) -> list[float]:
    pen = QPointingDevice("bench pen", 77, QInputDevice.DeviceType.Stylus,
                          QPointingDevice.PointerType.Pen,
                          QInputDevice.Capability.Position | QInputDevice.Capability.Pressure,
                          1, 2)
    w, h = pad.width(), pad.height()

    def tablet(kind, i: int, pressure: float) -> QTabletEvent:
        pos = scribble(9000 + i, w, h)
        buttons = Qt.MouseButton.NoButton if kind == QEvent.Type.TabletRelease else LEFT
        return QTabletEvent(kind, pen, pos, pos, pressure, 0.0, 0.0, 0.0, 0.0, 0.0, NO_MOD,
                            LEFT, buttons)

    app.sendEvent(pad, tablet(QEvent.Type.TabletPress, 0, 0.2))
    samples = []
    for i in range(1, events + 1):
        event = tablet(QEvent.Type.TabletMove, i, 0.2 + 0.7 * abs(math.sin(i / 20)))
        start = time.perf_counter()
        app.sendEvent(pad, event)
        app.processEvents()
        samples.append(time.perf_counter() - start)
    app.sendEvent(pad, tablet(QEvent.Type.TabletRelease, events, 0.1))
    app.processEvents()
    return samples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--points", type=int, default=2000)
    parser.add_argument("--events", type=int, default=500)
    parser.add_argument("--width", type=int, default=720)
    parser.add_argument("--height", type=int, default=300)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    pad = CountingPad()
    pad.resize(args.width, args.height)
    pad.show()
    QTest.qWaitForWindowExposed(pad)
    ts = prefill(pad, args.points, app)
    before = pad.point_count()
    paints = pad.paints
    mouse_samples = run_mouse(pad, app, args.events, ts)
    assert pad.paints - paints >= args.events, "the moves were not repainted"
    tablet_samples = run_tablet(pad, app, args.events)
    print(f"Signature pad {args.width}x{args.height}, platform "
          f"{app.platformName()}, {before} points already on the pad")
    print(figures("mouse move + repaint", mouse_samples))
    print(figures("tablet move + repaint", tablet_samples))
    worst = max(sorted(s)[min(len(s) - 1, round(0.99 * (len(s) - 1)))]
                for s in (mouse_samples, tablet_samples)) * 1000
    print(f"  target p99 < 4 ms: {'met' if worst < 4 else 'NOT met'} ({worst:.3f} ms)")
    pad.close()


if __name__ == "__main__":
    main()
