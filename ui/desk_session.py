"""Naming the desk and its operator, once per session, and the kiosk PIN."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from events.scan import check_pin, hash_pin, valid_pin
from ui import settings as opts
from ui.services import DialogService
from ui.settings import Settings
from ui.widgets import FieldWithError, dialog_buttons


class DeskSessionDialog(QDialog):
    """Which desk this laptop is (Meja 1, Meja 2 ...) and who operates it; both are kept with
    every check-in.

    Attributes:
        desk_name, operator: the values chosen, once accepted.
    """

    def __init__(self, settings: Settings, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Meja Registrasi"))
        self.desk = QLineEdit(settings.get(opts.DESK_NAME))
        self.operator = QLineEdit(settings.get(opts.OPERATOR))
        self.operator.setPlaceholderText(self.tr("Nama petugas di meja ini"))
        self.fields = {"desk": FieldWithError(self.desk),
                       "operator": FieldWithError(self.operator)}
        form = QFormLayout()
        form.addRow(self.tr("Nama meja"), self.fields["desk"])
        form.addRow(self.tr("Petugas"), self.fields["operator"])
        buttons = dialog_buttons(self, self.tr("Batal"), self.tr("Mulai"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Nama meja dan petugas dicatat pada setiap kehadiran.")))
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.desk_name = ""
        self.operator_name = ""

    def accept(self) -> None:
        desk, operator = self.desk.text().strip(), self.operator.text().strip()
        self.fields["desk"].set_error("" if desk else self.tr("Wajib diisi"))
        self.fields["operator"].set_error("" if operator else self.tr("Wajib diisi"))
        if not desk or not operator:
            return
        self.desk_name, self.operator_name = desk, operator
        self.settings.set(opts.DESK_NAME, desk)
        self.settings.set(opts.OPERATOR, operator)
        super().accept()


class KioskLock(QObject):
    """Asks for the organizer's PIN to set up, leave or bypass the screens attendees use
    (kiosk mode, the signing station): behind them are NIPs and phone numbers."""

    def __init__(self, settings: Settings, dialogs: DialogService, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.dialogs = dialogs

    def has_pin(self) -> bool:
        return bool(self.settings.get(opts.KIOSK_PIN))

    def set_up(self, parent) -> bool:
        """Ask for a new PIN twice; True when one is set."""
        title = self.tr("PIN Petugas")
        first = self.dialogs.ask_secret(parent, title, self.tr(
            "Buat PIN petugas (4\u20138 angka). PIN ini diminta untuk keluar dari mode kios "
            "dan dari stasiun tanda tangan:"))
        if first is None:
            return False
        if not valid_pin(first):
            self.dialogs.error(parent, title, self.tr("PIN harus 4 sampai 8 angka."))
            return False
        second = self.dialogs.ask_secret(parent, title, self.tr("Ulangi PIN:"))
        if second != first:
            self.dialogs.error(parent, title, self.tr("Kedua PIN tidak sama."))
            return False
        self.settings.set(opts.KIOSK_PIN, hash_pin(first))
        return True

    def unlock(self, parent) -> bool:
        """True when the right PIN was typed."""
        title = self.tr("PIN Petugas")
        pin = self.dialogs.ask_secret(parent, title, self.tr("PIN petugas:"))
        if pin is None:
            return False
        if check_pin(pin, self.settings.get(opts.KIOSK_PIN)):
            return True
        self.dialogs.error(parent, title, self.tr("PIN salah."))
        return False
