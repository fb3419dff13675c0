"""Message boxes and file dialogs behind one object, so tests can answer them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

from ui.key_create_dialog import ask_new_key


class DialogService:
    """Asks the user; tests replace it with one that answers from a script."""

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        answer = QMessageBox.question(
            parent, title, text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def save_discard_or_cancel(self, parent: QWidget | None, title: str, text: str) -> str:
        """For unsaved edits: "save", "discard" or "cancel" (also when the box is closed)."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text,
                          QMessageBox.StandardButton.NoButton, parent)
        tr = QCoreApplication.translate
        save = box.addButton(tr("DialogService", "Simpan"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(tr("DialogService", "Buang"),
                                QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(tr("DialogService", "Batal"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        box.setEscapeButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        return "save" if clicked is save else "discard" if clicked is discard else "cancel"

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.critical(parent, title, text)

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)

    def open_file(self, parent: QWidget | None, title: str, directory: str,
                  filters: str) -> str | None:
        path, _ = QFileDialog.getOpenFileName(parent, title, directory, filters)
        return path or None

    def save_file(self, parent: QWidget | None, title: str, directory: str,
                  filters: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(parent, title, directory, filters)
        return path or None

    def ask_text(self, parent: QWidget | None, title: str, label: str,
                 text: str = "") -> str | None:
        """One line of text from the user, or None when cancelled."""
        value, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, text)
        return value if ok else None

    def ask_secret(self, parent: QWidget | None, title: str, label: str) -> str | None:
        """A PIN or password, typed hidden; None when cancelled."""
        value, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Password)
        return value if ok else None

    def ask_new_key(self, parent: QWidget | None, label: str = "") -> tuple[str, str] | None:
        """The organizer's name and a passphrase for a new seal key; None when cancelled."""
        return ask_new_key(parent, label)

    def choose_folder(self, parent: QWidget | None, title: str) -> str | None:
        path = QFileDialog.getExistingDirectory(parent, title)
        return path or None
