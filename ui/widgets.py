"""Small widgets shared by the forms."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget


def application() -> QCoreApplication:
    """The running application (widgets exist only while it does)."""
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("no QApplication is running")
    return app

# Message banners: a success, a warning, a failure, or nothing to report yet; and a standing
# notice (the demo event's).
STYLES = {
    "ok": "background:#e3f4e1; color:#1d5e20; border:2px solid #5fae5a;",
    "warn": "background:#fff3c4; color:#5c4400; border:2px solid #e0b020;",
    "error": "background:#fde2e1; color:#8c1d18; border:2px solid #d9534f;",
    "idle": "background:#f3f3f3; color:#333; border:1px solid #ccc;",
    "notice": "background:#fff3c4; color:#5c4400; border:1px solid #e0c060;",
}


def enlarge(widget: QWidget, points: int, bold: bool = False) -> None:
    """Make ``widget``'s text ``points`` larger than its default, and bold if asked."""
    font = widget.font()
    font.setPointSize(font.pointSize() + points)
    if bold:
        font.setBold(True)
    widget.setFont(font)


class Banner(QLabel):
    """A message strip: a success, a warning, a failure or a neutral line (a key of STYLES),
    hidden while it has nothing to say. The desk, the signing station, the signing screen, the
    verification and audit dialogs and the roster's demo notice all speak through one.

    Attributes:
        padding: the space around the text, in pixels.
    """

    def __init__(self, text: str = "", kind: str = "idle", *, larger: int = 0,
                 bold: bool = True, min_height: int = 0, centered: bool = False,
                 padding: int = 8, wrap: bool = True, parent: QWidget | None = None):
        super().__init__(parent)
        self.padding = padding
        self.setWordWrap(wrap)
        enlarge(self, larger, bold)
        if min_height:
            self.setMinimumHeight(min_height)
        if centered:
            self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.show_message(kind, text)

    def show_message(self, kind: str, text: str) -> None:
        """Say ``text`` as a banner of ``kind``; an empty text hides the banner."""
        self.setStyleSheet(f"{STYLES[kind]} padding:{self.padding}px;")
        self.setText(text)
        self.setProperty("kind", kind)
        self.setVisible(bool(text))

    def kind(self) -> str:
        return self.property("kind") or ""


def dialog_buttons(dialog: QDialog, reject_text: str, accept_text: str | None = None,
                   on_accept=None,
                   accept_button=QDialogButtonBox.StandardButton.Ok) -> QDialogButtonBox:
    """The button row of a dialog: ``accept_text`` and ``reject_text`` (accept runs
    ``on_accept``, by default the dialog's accept), or, without ``accept_text``, one button
    ``reject_text`` that closes it."""
    if accept_text is None:
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(reject_text)
    else:
        buttons = QDialogButtonBox(accept_button | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(accept_button).setText(accept_text)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(reject_text)
        buttons.accepted.connect(on_accept or dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def error_text(error: Exception) -> str:
    """An exception for the screen: a store error in the UI's language, else its text."""
    from events.store import StoreError
    from ui.texts import store_error_text

    return store_error_text(error) if isinstance(error, StoreError) else str(error)


class FieldWithError(QWidget):
    """An input with a red message right under it, hidden while the value is fine."""

    def __init__(self, editor: QWidget, parent=None):
        super().__init__(parent)
        self.editor = editor
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(editor)
        layout.addWidget(self.error)

    def set_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def error_text(self) -> str:
        return self.error.text()
