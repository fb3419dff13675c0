"""Registering a person who is not on the roster, at the desk, and checking them in at once."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from events.categories import Category
from events.checkins import CheckIn, Desk
from events.ids import classify_number, format_nip
from events.model import Attendee, Source
from events.offline import OfflineDesk
from events.store import DuplicateError, StoreError
from events.validation import attendee_problems
from ui.texts import category_label, problem_text, store_error_text
from ui.widgets import FieldWithError, dialog_buttons


class WalkInDialog(QDialog):
    """Name, category, NIP or NIK (or institution for guests), unit, phone; then one Enter.

    Before a new record is made, people on the roster who look the same (same NIP, or a very
    similar name in the same unit) are offered: choosing one checks that person in instead.

    Attributes:
        person, checkin: what was stored, once accepted.
        existing: the roster entry the user chose instead of a new record, if any.
    """

    def __init__(self, desk: Desk | OfflineDesk, parent=None):
        super().__init__(parent)
        self.desk = desk
        self.person: Attendee | None = None
        self.checkin: CheckIn | None = None
        self.existing: Attendee | None = None
        self._offered_for: tuple | None = None
        self.setWindowTitle(self.tr("Peserta Tanpa Undangan"))
        self.setMinimumWidth(520)
        # the form's fields, as Qt builds them: alike in shape to the event dialog's, not in use
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("Nama lengkap dengan gelar"))
        self.category = QComboBox()
        for category in Category:
            self.category.addItem(category_label(category), category.value)
        self.category.setCurrentIndex(self.category.findData(Category.TAMU.value))
        self.nip = QLineEdit()
        self.nip.setPlaceholderText(self.tr("NIP (ASN) atau NIK (lainnya)"))
        self.unit = QLineEdit()
        self.unit.setPlaceholderText(self.tr("Unit kerja, atau instansi untuk tamu"))
        self.jabatan = QLineEdit()
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(self.tr("opsional"))
        self.fields = {key: FieldWithError(w) for key, w in (
            ("name", self.name), ("nip", self.nip), ("phone", self.phone))}
        self.fields["nik"] = self.fields["nip"]
        form = QFormLayout()
        form.addRow(self.tr("Nama *"), self.fields["name"])
        form.addRow(self.tr("Kategori *"), self.category)
        form.addRow(self.tr("NIP/NIK"), self.fields["nip"])
        form.addRow(self.tr("Unit Kerja/Instansi"), self.unit)
        form.addRow(self.tr("Jabatan"), self.jabatan)
        form.addRow(self.tr("No. HP"), self.fields["phone"])

        self.similar_label = QLabel(self.tr(
            "<b>Mungkin sudah terdaftar?</b> Pilih orangnya untuk mencatat kehadirannya, "
            "atau tekan \u201cTetap Daftarkan Baru\u201d."))
        self.similar_label.setWordWrap(True)
        self.similar = QListWidget()
        self.similar.itemActivated.connect(self.on_use_existing)
        self.use_existing = QPushButton(self.tr("Ini Orangnya \u2014 Catat Hadir"))
        self.use_existing.clicked.connect(self.on_use_existing)
        # "This is the person" needs one of the matches chosen.
        self.similar.itemSelectionChanged.connect(
            lambda: self.use_existing.setEnabled(bool(self.similar.selectedItems())))
        for widget in (self.similar_label, self.similar, self.use_existing):
            widget.hide()
        self.general_error = QLabel()
        self.general_error.setStyleSheet("color:#b00020;")
        self.general_error.setWordWrap(True)
        self.general_error.hide()

        self.buttons = dialog_buttons(self, self.tr("Batal"), self.tr("Daftarkan dan Catat Hadir"))
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        # a dialog's form above its buttons: the layout's lines look like every dialog's
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.similar_label)
        layout.addWidget(self.similar)
        layout.addWidget(self.use_existing)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.name.setFocus()

    def current_attendee(self) -> Attendee:
        category = Category(self.category.currentData())
        number = self.nip.text().strip() or None
        kind, _ = classify_number(number)
        nip, nik = (number, None) if kind == "nip" else (None, number)
        unit = self.unit.text().strip()
        is_guest = category is Category.TAMU
        return Attendee(name=self.name.text(), category=category, nip=nip, nik=nik,
                        jabatan=self.jabatan.text().strip(),
                        unit="" if is_guest else unit, institution=unit if is_guest else "",
                        phone=self.phone.text().strip(), source=Source.WALK_IN, invited=False)

    def accept(self) -> None:
        for widget in self.fields.values():
            widget.set_error("")
        self.general_error.hide()
        problems, person = attendee_problems(self.current_attendee())
        for problem in problems:
            if problem.field in self.fields:
                self.fields[problem.field].set_error(
                    problem_text(problem.code, problem.params, problem.message))
        if problems:
            return
        key = (person.name.lower(), person.unit or person.institution, person.nip, person.nik)
        if self._offered_for != key:
            try:
                similar = self.desk.similar_attendees(person.name, person.unit or
                                                      person.institution, person.nip, person.nik)
            except StoreError as error:
                self._show_error(store_error_text(error))
                return
            self._offered_for = key
            if similar:
                self._offer(similar)
                return
        try:
            self.person, self.checkin = self.desk.register_walk_in(person)
        except DuplicateError as error:
            self.fields["nip"].set_error(store_error_text(error))
            return
        except StoreError as error:
            self._show_error(store_error_text(error))
            return
        super().accept()

    def _offer(self, people: list[Attendee]) -> None:
        self.similar.clear()
        for person in people:
            # Two people with one name are told apart as at the desk: by jabatan and NIP, on a
            # second line (the list is narrower than the desk's table).
            place = person.unit or person.institution
            first = [person.name, category_label(person.category), place]
            second = [person.jabatan]
            if person.nip:
                second.append(self.tr("NIP {0}").format(format_nip(person.nip)))
            lines = [" \u2014 ".join(p for p in first if p),
                     " \u00b7 ".join(p for p in second if p)]
            item = QListWidgetItem("\n".join(line for line in lines if line))
            item.setData(Qt.ItemDataRole.UserRole, person)
            self.similar.addItem(item)
        self.similar.setCurrentRow(0)
        for widget in (self.similar_label, self.similar, self.use_existing):
            widget.show()
        self.ok_button.setText(self.tr("Tetap Daftarkan Baru"))
        # A hurried Enter must choose the match, never create the duplicate: the match's button
        # becomes the default and the list (where Enter activates the chosen row) takes focus.
        self.ok_button.setAutoDefault(False)
        self.ok_button.setDefault(False)
        self.use_existing.setAutoDefault(True)
        self.use_existing.setDefault(True)
        self.similar.setFocus()

    @Slot()
    def on_use_existing(self) -> None:
        chosen = self.similar.selectedItems()
        if not chosen:
            return
        item = chosen[0]
        self.existing = item.data(Qt.ItemDataRole.UserRole)
        super().accept()

    def _show_error(self, text: str) -> None:
        self.general_error.setText(text)
        self.general_error.show()
