"""The form for creating or editing an event."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QDate, Qt, QTime, Slot
from PySide6.QtGui import QCloseEvent, QKeyEvent, QPixmap, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from events.dates import DEFAULT_ZONE, today
from events.files import MAX_LOGO_BYTES, read_limited
from events.ids import digits
from events.model import Contact, Event, EventKind, Official, Speaker
from events.validation import event_problems
from ui.services import DialogService
from ui.texts import kind_label, problem_text
from ui.widgets import FieldWithError, dialog_buttons


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def _typing_over_everything(edit: QDateEdit | QTimeEdit, event: QKeyEvent) -> bool:
    """A digit typed while the whole text is selected: Qt's own edit ignores it; staff expect it
    to replace the text, so typing starts again in the first section."""
    line = edit.lineEdit()
    if not (event.text().isdigit() and line.hasSelectedText()
            and len(line.selectedText()) == len(line.text())):
        return False
    edit.setCurrentSectionIndex(0)
    edit.setSelectedSection(edit.sectionAt(0))
    return True


class TimeEdit(QTimeEdit):
    """A time field where select-all and typing replaces the time."""

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        _typing_over_everything(self, event)
        super().keyPressEvent(event)


class DateEdit(QDateEdit):
    """A date field that remembers an impossible date typed in full ("31/02/2024"), which Qt
    would silently turn into another one, so that the form can refuse it.

    Attributes:
        impossible: the impossible date as typed (dd/mm/yyyy), or None.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("dd/MM/yyyy")
        self.impossible: str | None = None
        self._typed = ""  # the digits typed since the whole field was typed over
        self.calendarWidget().clicked.connect(self._forget_typing)

    @Slot()
    def _forget_typing(self) -> None:
        self._typed, self.impossible = "", None

    def setDate(self, value: QDate) -> None:  # noqa: N802 (Qt's name)
        self._forget_typing()
        super().setDate(value)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        text = event.text()
        if _typing_over_everything(self, event):
            self._forget_typing()
        if text.isdigit():
            self._typed += text
        elif text not in ("/", "-", "."):
            self._forget_typing()  # arrows, deletions: the digits no longer make one date
        super().keyPressEvent(event)
        if len(self._typed) == 8:
            day, month, year = self._typed[:2], self._typed[2:4], self._typed[4:]
            self._typed = ""
            try:
                typed = date(int(year), int(month), int(day))
            except ValueError:
                self.impossible = f"{day}/{month}/{year}"
                return
            self.impossible = None
            if _pydate(self.date()) != typed:  # Qt clamps the day while the year is half typed
                super().setDate(_qdate(typed))


class EventDialog(QDialog):
    """Create or edit an event; problems are shown next to the field they concern.

    Attributes:
        event: the event as entered, after the dialog was accepted.
    """

    def __init__(self, event: Event | None = None, parent=None,
                 dialogs: DialogService | None = None):
        super().__init__(parent)
        self.dialogs = dialogs or DialogService()
        self.original = event
        self.result_event: Event | None = None
        self.logo: bytes | None = event.logo if event else None
        self.setWindowTitle(self.tr("Ubah Acara") if event and event.id else self.tr("Acara Baru"))
        self.setMinimumWidth(620)

        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("mis. Ikrar Netralitas ASN Kota Bekasi 2024"))
        self.kind = QComboBox()
        for kind in EventKind:
            self.kind.addItem(kind_label(kind), kind.value)
        self.event_date = DateEdit()
        self.start_time = TimeEdit()
        self.end_time = TimeEdit()
        for edit in (self.start_time, self.end_time):
            edit.setDisplayFormat("HH:mm")
        # Every time of the event is shown and printed in its zone.
        self.zone = QComboBox()
        for zone, label in (("WIB", self.tr("WIB \u2014 Waktu Indonesia Barat (UTC+7)")),
                            ("WITA", self.tr("WITA \u2014 Waktu Indonesia Tengah (UTC+8)")),
                            ("WIT", self.tr("WIT \u2014 Waktu Indonesia Timur (UTC+9)"))):
            self.zone.addItem(label, zone)
        self.venue = QLineEdit()
        self.venue.setPlaceholderText(self.tr("mis. Aula Balai Patriot"))
        self.city = QLineEdit()
        self.city.setPlaceholderText(self.tr("mis. Bekasi"))
        self.organizer_unit = QLineEdit()
        self.organizer_unit.setPlaceholderText(self.tr("mis. Badan Kesbangpol"))
        self.institution = QLineEdit()
        self.institution.setPlaceholderText(self.tr("mis. Pemerintah Kota Bekasi"))
        self.logo_preview = QLabel()
        self.logo_preview.setFixedSize(64, 64)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_preview.setWordWrap(True)  # "(tanpa logo)" is wider than the 64 px box
        self.logo_preview.setStyleSheet("border: 1px solid #bbb;")
        self.logo_choose = QPushButton(self.tr("Pilih Logo\u2026"))
        self.logo_clear = QPushButton(self.tr("Hapus Logo"))
        self.logo_choose.clicked.connect(self.on_choose_logo)
        self.logo_clear.clicked.connect(self.on_clear_logo)
        self.address = QLineEdit()
        self.address.setPlaceholderText(self.tr("mis. Jalan Jenderal Ahmad Yani Nomor 1, Bekasi"))
        self.postcode = QLineEdit()
        self.postcode.setPlaceholderText(self.tr("mis. 17141"))
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(self.tr("mis. (021) 88397963"))
        self.email = QLineEdit()
        self.email.setPlaceholderText(self.tr("mis. kesbangpol@bekasikota.go.id"))
        self.website = QLineEdit()
        self.website.setPlaceholderText(self.tr("mis. kesbangpol.bekasikota.go.id"))
        self.number_scheme = QLineEdit()
        self.number_scheme.setPlaceholderText(self.tr("mis. 800/{n:03d}/Kesbangpol/2026"))
        self.number_scheme.setToolTip(self.tr(
            "Nomor surat untuk Berita Acara dan surat pernyataan: {n} diganti nomor urut, "
            "{n:03d} nomor urut tiga angka (001). Berita Acara memakai nomor pertama; surat "
            "pernyataan mendapat nomor berikutnya saat tanda tangannya disegel dan tetap "
            "memakainya (isi sebelum acara dimulai). Kosongkan bila nomor ditulis tangan."))
        self.number_start = QSpinBox()
        self.number_start.setRange(1, 999_999)
        self.letter_number = QLineEdit()
        self.letter_number.setPlaceholderText(self.tr("mis. 005/7262-Kesbangpol.Poldagri"))
        self.has_letter_date = QCheckBox(self.tr("Tanggal surat"))
        self.letter_date = DateEdit()
        self.has_letter_date.toggled.connect(self.letter_date.setEnabled)
        self.presiding = [QLineEdit(), QLineEdit(), QLineEdit()]
        self.witness = [QLineEdit(), QLineEdit(), QLineEdit()]
        self.speakers = QStandardItemModel(0, 3, self)
        self.speakers.setHorizontalHeaderLabels(
            [self.tr("Nama"), self.tr("Jabatan"), self.tr("Instansi")])
        self.agenda = QPlainTextEdit()
        self.agenda.setPlaceholderText(self.tr("Satu acara per baris, mis. Pembukaan"))

        self.fields: dict[str, FieldWithError] = {}

        def field(key: str, editor: QWidget) -> FieldWithError:
            self.fields[key] = FieldWithError(editor)
            return self.fields[key]

        tabs = QTabWidget()
        general = QWidget()
        form = QFormLayout(general)
        form.addRow(self.tr("Nama acara *"), field("name", self.name))
        form.addRow(self.tr("Jenis"), self.kind)
        form.addRow(self.tr("Tanggal"), field("event_date", self.event_date))
        times = QHBoxLayout()
        times.addWidget(self.start_time)
        times.addWidget(QLabel(self.tr("s.d.")))
        times.addWidget(field("end_time", self.end_time), 1)
        form.addRow(self.tr("Waktu"), times)
        form.addRow(self.tr("Zona waktu"), self.zone)
        form.addRow(self.tr("Tempat"), self.venue)
        form.addRow(self.tr("Kota/Kabupaten"), self.city)
        form.addRow(self.tr("Penyelenggara"), self.organizer_unit)
        form.addRow(self.tr("Instansi (kop surat)"), self.institution)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_preview)
        logo_row.addWidget(self.logo_choose)
        logo_row.addWidget(self.logo_clear)
        logo_row.addStretch(1)
        form.addRow(self.tr("Logo"), logo_row)
        tabs.addTab(general, self.tr("Umum"))

        officials = QWidget()
        oform = QFormLayout(officials)
        oform.addRow(self.tr("Nomor surat dasar"), self.letter_number)
        letter_box = QWidget()
        letter_row = QHBoxLayout(letter_box)
        letter_row.setContentsMargins(0, 0, 0, 0)
        letter_row.addWidget(self.has_letter_date)
        letter_row.addWidget(self.letter_date, 1)
        oform.addRow("", field("letter_date", letter_box))
        oform.addRow(QLabel("<b>" + self.tr("Pejabat yang memimpin") + "</b>"))
        oform.addRow(self.tr("Nama"), self.presiding[0])
        oform.addRow(self.tr("Jabatan"), self.presiding[1])
        oform.addRow(self.tr("NIP"), field("presiding_nip", self.presiding[2]))
        oform.addRow(QLabel("<b>" + self.tr("Pejabat yang menyaksikan") + "</b>"))
        oform.addRow(self.tr("Nama"), self.witness[0])
        oform.addRow(self.tr("Jabatan"), self.witness[1])
        oform.addRow(self.tr("NIP"), field("witness_nip", self.witness[2]))
        tabs.addTab(officials, self.tr("Surat dan Pejabat"))

        program = QWidget()
        playout = QVBoxLayout(program)
        playout.addWidget(QLabel(self.tr("Narasumber (untuk acara sosialisasi)")))
        self.speaker_table = QTableView()
        self.speaker_table.setModel(self.speakers)
        self.speaker_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Stretch)
        playout.addWidget(self.speaker_table)
        speaker_buttons = QHBoxLayout()
        add_speaker = QPushButton(self.tr("Tambah Narasumber"))
        self.remove_speaker_button = QPushButton(self.tr("Hapus Narasumber"))
        add_speaker.clicked.connect(self.on_add_speaker)
        self.remove_speaker_button.clicked.connect(self.on_remove_speaker)
        # Removing needs a speaker chosen: the button follows the table's selection.
        self.speaker_table.selectionModel().selectionChanged.connect(
            self._update_speaker_buttons)
        for change in (self.speakers.rowsRemoved, self.speakers.modelReset):
            change.connect(self._update_speaker_buttons)
        self._update_speaker_buttons()
        speaker_buttons.addWidget(add_speaker)
        speaker_buttons.addWidget(self.remove_speaker_button)
        speaker_buttons.addStretch(1)
        playout.addLayout(speaker_buttons)
        playout.addWidget(QLabel(self.tr("Susunan acara")))
        playout.addWidget(self.agenda)
        tabs.addTab(program, self.tr("Narasumber dan Susunan Acara"))

        office = QWidget()
        kform = QFormLayout(office)
        kform.addRow(QLabel(self.tr("Kop surat: dicetak di bawah nama instansi dan penyelenggara "
                                    "pada setiap dokumen.")))
        kform.addRow(self.tr("Alamat"), self.address)
        kform.addRow(self.tr("Kode pos"), self.postcode)
        kform.addRow(self.tr("Telepon"), self.phone)
        kform.addRow(self.tr("Pos-el"), self.email)
        kform.addRow(self.tr("Laman"), self.website)
        kform.addRow(QLabel("<b>" + self.tr("Penomoran dokumen") + "</b>"))
        kform.addRow(self.tr("Pola nomor"), field("number_scheme", self.number_scheme))
        kform.addRow(self.tr("Nomor urut pertama"), field("number_start", self.number_start))
        tabs.addTab(office, self.tr("Kop Surat dan Nomor"))
        self.tabs = tabs

        # Save/Cancel with Indonesian labels, as in the pledge editor: the standard buttons'
        # own texts come from Qt's catalogue, which has no Indonesian (no qtbase_id).
        self.buttons = dialog_buttons(self, self.tr("Batal"), self.tr("Simpan"),
                                      accept_button=QDialogButtonBox.StandardButton.Save)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(self.buttons)
        self._load(event)
        self.loaded = self.current_event()  # to tell whether anything was changed
        self.name.setFocus()  # typing starts with the name (not on the row of tabs above it)

    def _load(self, event: Event | None) -> None:
        if event is None:
            self.event_date.setDate(_qdate(today(DEFAULT_ZONE)))
            self.start_time.setTime(QTime(8, 0))
            self.end_time.setTime(QTime(12, 0))
            self.letter_date.setDate(QDate.currentDate())
            self.letter_date.setEnabled(False)
            self._show_logo()
            return
        self.name.setText(event.name)
        self.kind.setCurrentIndex(self.kind.findData(EventKind(event.kind).value))
        self.event_date.setDate(_qdate(event.event_date))
        if event.start_time:
            self.start_time.setTime(QTime(event.start_time.hour, event.start_time.minute))
        if event.end_time:
            self.end_time.setTime(QTime(event.end_time.hour, event.end_time.minute))
        self.zone.setCurrentIndex(max(0, self.zone.findData(event.time_zone)))
        self.venue.setText(event.venue)
        self.city.setText(event.city)
        self.organizer_unit.setText(event.organizer_unit)
        self.institution.setText(event.institution)
        self.letter_number.setText(event.letter_number)
        self.address.setText(event.letterhead.address)
        self.postcode.setText(event.letterhead.postcode)
        self.phone.setText(event.letterhead.phone)
        self.email.setText(event.letterhead.email)
        self.website.setText(event.letterhead.website)
        self.number_scheme.setText(event.number_scheme)
        self.number_start.setValue(event.number_start)
        self.has_letter_date.setChecked(event.letter_date is not None)
        self.letter_date.setEnabled(event.letter_date is not None)
        self.letter_date.setDate(_qdate(event.letter_date or event.event_date))
        for edits, official in ((self.presiding, event.presiding), (self.witness, event.witness)):
            edits[0].setText(official.name)
            edits[1].setText(official.title)
            edits[2].setText(official.nip)
        for speaker in event.speakers:
            self.speakers.appendRow([QStandardItem(speaker.name), QStandardItem(speaker.title),
                                     QStandardItem(speaker.institution)])
        self.agenda.setPlainText(event.agenda)
        self._show_logo()

    def _show_logo(self) -> None:
        if self.logo:
            pixmap = QPixmap()
            pixmap.loadFromData(self.logo)
            self.logo_preview.setPixmap(pixmap.scaled(
                60, 60, Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation))
        else:
            self.logo_preview.setPixmap(QPixmap())
            self.logo_preview.setText(self.tr("(tanpa logo)"))
        self.logo_clear.setEnabled(self.logo is not None)

    @Slot()
    def on_choose_logo(self) -> None:
        path = self.dialogs.open_file(self, self.tr("Pilih Logo"), "",
                                      self.tr("Gambar (*.png *.jpg *.jpeg)"))
        if path:
            self.set_logo_file(path)

    def set_logo_file(self, path: str) -> bool:
        try:
            data = read_limited(path, MAX_LOGO_BYTES)
        except OSError as error:
            self.dialogs.error(self, self.tr("Logo"),
                               self.tr("Logo tidak dapat dibaca: {0}").format(error.strerror))
            return False
        pixmap = QPixmap()
        if len(data) > MAX_LOGO_BYTES or not pixmap.loadFromData(data):
            self.dialogs.error(self, self.tr("Logo"), self.tr(
                "Berkas ini bukan gambar PNG/JPG yang dapat dipakai (maksimal 2 MB)."))
            return False
        self.logo = data
        self._show_logo()
        return True

    @Slot()
    def on_clear_logo(self) -> None:
        self.logo = None
        self._show_logo()

    @Slot()
    def _update_speaker_buttons(self) -> None:
        self.remove_speaker_button.setEnabled(
            self.speaker_table.selectionModel().hasSelection())

    @Slot()
    def on_add_speaker(self) -> None:
        self.speakers.appendRow([QStandardItem(""), QStandardItem(""), QStandardItem("")])
        index = self.speakers.index(self.speakers.rowCount() - 1, 0)
        self.speaker_table.setCurrentIndex(index)
        self.speaker_table.edit(index)

    @Slot()
    def on_remove_speaker(self) -> None:
        chosen = self.speaker_table.selectionModel().selectedIndexes()
        if chosen:
            self.speakers.removeRow(chosen[0].row())

    def current_event(self) -> Event:
        """The event as the form shows it now."""

        speakers = []
        for row in range(self.speakers.rowCount()):
            cells = [(self.speakers.item(row, c).text() if self.speakers.item(row, c) else "")
                     .strip() for c in range(3)]
            if cells[0]:
                speakers.append(Speaker(*cells))
        start, end = self.start_time.time(), self.end_time.time()
        base = self.original
        return Event(
            id=base.id if base else None,
            name=self.name.text().strip(),
            kind=EventKind(self.kind.currentData()),
            event_date=_pydate(self.event_date.date()),
            start_time=time(start.hour(), start.minute()),
            end_time=time(end.hour(), end.minute()),
            venue=self.venue.text().strip(),
            city=self.city.text().strip(),
            organizer_unit=self.organizer_unit.text().strip(),
            institution=self.institution.text().strip(),
            logo=self.logo,
            letter_number=self.letter_number.text().strip(),
            letter_date=_pydate(self.letter_date.date()) if self.has_letter_date.isChecked()
            else None,
            presiding=Official(self.presiding[0].text().strip(), self.presiding[1].text().strip(),
                               digits(self.presiding[2].text())),
            witness=Official(self.witness[0].text().strip(), self.witness[1].text().strip(),
                             digits(self.witness[2].text())),
            speakers=speakers,
            agenda=self.agenda.toPlainText().strip(),
            is_demo=base.is_demo if base else False,
            archived_at=base.archived_at if base else None,
            time_zone=self.zone.currentData(),
            letterhead=Contact(self.address.text().strip(), self.postcode.text().strip(),
                               self.phone.text().strip(), self.email.text().strip(),
                               self.website.text().strip()),
            number_scheme=self.number_scheme.text().strip(),
            number_start=self.number_start.value(),
        )

    def validate(self) -> bool:
        """Show each problem next to its field; True when there are none."""
        event = self.current_event()
        for field in self.fields.values():
            field.set_error("")
        errors = {problem.field: problem_text(problem.code, problem.params, problem.message)
                  for problem in reversed(event_problems(event))}  # the first one per field
        # Qt turns an impossible date into another one; the form refuses it instead.
        for key, edit in (("event_date", self.event_date), ("letter_date", self.letter_date)):
            if edit.impossible and (key == "event_date" or self.has_letter_date.isChecked()):
                errors[key] = self.tr(
                    "Tanggal {0} tidak ada di kalender; periksa tanggal dan bulannya."
                ).format(edit.impossible)
        first_tab = None
        for key, text in errors.items():
            widget = self.fields.get(key)
            if widget is None:
                continue
            widget.set_error(text)
            tab = 0 if key in ("name", "end_time", "event_date") else \
                3 if key in ("number_scheme", "number_start") else 1
            first_tab = tab if first_tab is None else min(first_tab, tab)
        if first_tab is not None:
            self.tabs.setCurrentIndex(first_tab)
        return not errors

    def has_changes(self) -> bool:
        return (self.current_event() != self.loaded or self.event_date.impossible is not None
                or self.letter_date.impossible is not None)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() == Qt.Key.Key_Escape:
            self.close()  # like the window's X: unsaved edits are asked about
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        """Closing with the window's X (or Esc) asks first when something was changed; the
        "Batal" button stays a plain cancel."""
        if self.isVisible() and self.has_changes():
            answer = self.dialogs.save_discard_or_cancel(
                self, self.tr("Perubahan Belum Disimpan"),
                self.tr("Perubahan pada acara ini belum disimpan. Simpan sebelum menutup?"))
            if answer == "cancel":
                event.ignore()
                return
            if answer == "save":
                self.accept()  # a problem in the form keeps it open, shown at its field
                if self.isVisible():
                    event.ignore()
                    return
        super().closeEvent(event)

    def accept(self) -> None:
        if not self.validate():
            return
        self.result_event = self.current_event()
        super().accept()
