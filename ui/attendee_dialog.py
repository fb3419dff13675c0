"""The form for adding or editing one attendee."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from events.categories import Category
from events.model import Attendee, Source
from events.store import DuplicateError, StoreError
from events.validation import attendee_problems
from ui.stored import shown
from ui.texts import category_label, problem_text, store_error_text
from ui.widgets import FieldWithError, dialog_buttons

GOLONGAN = ["", "I/a", "I/b", "I/c", "I/d", "II/a", "II/b", "II/c", "II/d", "III/a", "III/b",
            "III/c", "III/d", "IV/a", "IV/b", "IV/c", "IV/d", "IV/e"]


class AttendeeDialog(QDialog):
    """Add or edit an attendee; problems are shown next to their field.

    Attributes:
        attendee: the checked, normalised attendee once the dialog was accepted.
    """

    def __init__(self, attendee: Attendee | None = None, parent=None,
                 save: Callable[[Attendee], Attendee] | None = None):
        super().__init__(parent)
        self.save = save
        self.original = attendee
        self.attendee: Attendee | None = None
        self.setWindowTitle(self.tr("Ubah Peserta") if attendee else self.tr("Tambah Peserta"))
        self.setMinimumWidth(480)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("Nama lengkap dengan gelar"))
        self.category = QComboBox()
        self.category.addItem(self.tr("\u2014 pilih kategori \u2014"), None)
        for category in Category:
            self.category.addItem(category_label(category), category.value)
        self.nip = QLineEdit()
        self.nip.setPlaceholderText(self.tr("18 angka, mis. 19860926 201505 1 001"))
        self.nik = QLineEdit()
        self.nik.setPlaceholderText(self.tr("16 angka, untuk Non-ASN/tamu (opsional)"))
        self.golongan = QComboBox()
        self.golongan.setEditable(True)
        self.golongan.addItems(GOLONGAN)
        self.jabatan = QLineEdit()
        self.unit = QLineEdit()
        self.institution = QLineEdit()
        self.institution.setPlaceholderText(self.tr("Untuk tamu dari luar, mis. PWI"))
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(self.tr("mis. 0812 3456 7890"))

        self.fields = {key: FieldWithError(widget) for key, widget in (
            ("name", self.name), ("category", self.category), ("nip", self.nip),
            ("nik", self.nik), ("phone", self.phone))}
        form = QFormLayout()
        form.addRow(self.tr("Nama *"), self.fields["name"])
        form.addRow(self.tr("Kategori *"), self.fields["category"])
        form.addRow(self.tr("NIP"), self.fields["nip"])
        form.addRow(self.tr("NIK"), self.fields["nik"])
        form.addRow(self.tr("Pangkat/Gol."), self.golongan)
        form.addRow(self.tr("Jabatan"), self.jabatan)
        form.addRow(self.tr("Unit Kerja"), self.unit)
        form.addRow(self.tr("Instansi"), self.institution)
        form.addRow(self.tr("No. HP"), self.fields["phone"])
        buttons = dialog_buttons(self, self.tr("Batal"), self.tr("Simpan"),
                                 accept_button=QDialogButtonBox.StandardButton.Save)
        self.general_error = QLabel()
        self.general_error.setStyleSheet("color: #b00020;")
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)
        if attendee:
            self.name.setText(attendee.name)
            self.category.setCurrentIndex(self.category.findData(attendee.category.value))
            self.nip.setText(attendee.nip or "")
            self.nik.setText(attendee.nik or "")
            self.golongan.setCurrentText(attendee.golongan)
            self.jabatan.setText(attendee.jabatan)
            self.unit.setText(attendee.unit)
            self.institution.setText(attendee.institution)
            self.phone.setText(attendee.phone)

    def current_attendee(self) -> Attendee:
        base = self.original
        value = self.category.currentData()
        return Attendee(
            id=base.id if base else None,
            event_id=base.event_id if base else None,
            name=self.name.text(),
            category=Category(value) if value else None,  # type: ignore[arg-type]
            nip=self.nip.text().strip() or None,
            nik=self.nik.text().strip() or None,
            golongan=self.golongan.currentText().strip(),
            jabatan=self.jabatan.text().strip(),
            unit=self.unit.text().strip(),
            institution=self.institution.text().strip(),
            phone=self.phone.text().strip(),
            source=base.source if base else Source.MANUAL,
            invited=base.invited if base else True,
            note=base.note if base else "",
        )

    def validate(self) -> bool:
        for field in self.fields.values():
            field.set_error("")
        problems, normal = attendee_problems(self.current_attendee())
        for problem in problems:
            widget = self.fields.get(problem.field)
            if widget is not None:
                widget.set_error(problem_text(problem.code, problem.params, problem.message))
        if problems:
            return False
        self.attendee = normal
        return True

    def show_field_error(self, field: str, text: str) -> None:
        """Show a problem found later (e.g. by the database) next to its field."""
        self.fields[field].set_error(text)

    def accept(self) -> None:
        """Check the form, then save through ``save``; stay open on any problem."""
        self.general_error.hide()
        if not self.validate():
            return
        if self.save is not None:
            try:
                self.attendee = self.save(shown(self.attendee, "checked attendee"))
            except DuplicateError as error:
                self.show_field_error(error.field, store_error_text(error))
                return
            except StoreError as error:
                self.general_error.setText(store_error_text(error))
                self.general_error.show()
                return
        super().accept()
