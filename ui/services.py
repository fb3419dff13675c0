"""Message boxes and file dialogs behind one object, so tests can answer them."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


class DialogService:
    """Asks the user; tests replace it with one that answers from a script."""

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        answer = QMessageBox.question(
            parent, title, text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

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
