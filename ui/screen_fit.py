"""Windows and dialogs sized to the screen they open on, so a 1366x768 laptop shows them whole."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# Room left on the screen for the window manager's title bar and borders (and a panel).
FRAME_ALLOWANCE = QSize(16, 48)


def screen_room(widget: QWidget) -> QSize | None:
    """The largest window (without its frame) that fits the screen ``widget`` is on."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return None
    return screen.availableGeometry().size() - FRAME_ALLOWANCE


def fitting_size(widget: QWidget, wanted: QSize) -> QSize:
    """``wanted``, shrunk so the whole window with its frame fits the screen it opens on."""
    room = screen_room(widget)
    return wanted if room is None else wanted.boundedTo(room)


def fit_to_screen(widget: QWidget, wanted: QSize) -> None:
    """Resize ``widget`` to ``wanted`` (or less) and cap it at the screen's room."""
    widget.resize(fitting_size(widget, wanted))
    room = screen_room(widget)
    if room is not None:
        widget.setMaximumSize(room)
