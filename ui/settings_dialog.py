"""Settings the user changes from the menu: the interface language."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QVBoxLayout

from ui import settings as opts
from ui.settings import LANGUAGES, Settings


class LanguageDialog(QDialog):
    """Choose Bahasa Indonesia or English; applied when the app next starts.

    Attributes:
        changed: True when the user chose another language than before.
    """

    def __init__(self, settings: Settings, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.changed = False
        self.setWindowTitle(self.tr("Bahasa"))
        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(self.language.findData(settings.get(opts.LANGUAGE)))
        form = QFormLayout()
        form.addRow(self.tr("Bahasa antarmuka"), self.language)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def accept(self) -> None:
        chosen = self.language.currentData()
        self.changed = chosen != self.settings.get(opts.LANGUAGE)
        self.settings.set(opts.LANGUAGE, chosen)
        super().accept()
