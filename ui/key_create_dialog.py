"""The form that makes a new seal key: the organizer's name and a passphrase, twice.

The dialog service opens it (DialogService.ask_new_key), and ui.seal_keys asks the dialog
service; so this form depends on neither of them and the imports run one way:
ui.seal_keys -> ui.services -> ui.key_create_dialog.
"""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ui.widgets import dialog_buttons


def _min_passphrase() -> int:
    """pledges.keys.MIN_PASSPHRASE, read when first needed (pledges.keys loads cryptography)."""
    from pledges.keys import MIN_PASSPHRASE

    return MIN_PASSPHRASE


class KeyCreateDialog(QDialog):
    """The organizer's name and a passphrase (twice) for a new seal key."""

    def __init__(self, label: str = "", parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Buat Kunci Segel"))
        intro = QLabel(self.tr(
            "Kunci segel menandai setiap tanda tangan dan surat pernyataan sehingga keasliannya "
            "dapat diperiksa kemudian, juga tanpa internet. Kata sandinya tidak dapat dipulihkan: "
            "catat dan simpan di tempat aman. Tanpa kata sandi, tanda tangan baru tidak dapat "
            "disegel."))
        intro.setWordWrap(True)
        self.label = QLineEdit(label)
        self.label.setPlaceholderText(self.tr("mis. Badan Kesbangpol Kota Bekasi"))
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.problem = QLabel()
        self.problem.setStyleSheet("color:#8c1d18;")
        self.problem.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Penyelenggara:"), self.label)
        form.addRow(self.tr("Kata sandi:"), self.passphrase)
        form.addRow(self.tr("Ulangi kata sandi:"), self.repeat)
        buttons = dialog_buttons(self, self.tr("Nanti Saja"), self.tr("Buat Kunci"),
                                 on_accept=self.on_accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(480, self.sizeHint().height())

    def check(self) -> str:
        """What is wrong with the entries ("" when fine)."""
        minimum = _min_passphrase()
        if len(self.passphrase.text()) < minimum:
            return self.tr("Kata sandi minimal {0} karakter.").format(minimum)
        if self.passphrase.text() != self.repeat.text():
            return self.tr("Kedua kata sandi tidak sama.")
        return ""

    @Slot()
    def on_accept(self) -> None:
        problem = self.check()
        self.problem.setText(problem)
        if not problem:
            self.accept()

    def answer(self) -> tuple[str, str]:
        return self.label.text().strip(), self.passphrase.text()


def ask_new_key(parent: QWidget | None, label: str) -> tuple[str, str] | None:
    dialog = KeyCreateDialog(label, parent)
    try:
        return dialog.answer() if dialog.exec() else None
    finally:
        dialog.deleteLater()
