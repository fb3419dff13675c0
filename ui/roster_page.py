"""An event's roster: who is invited, by category, with add, edit, remove and import."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from events.categories import Category
from events.model import Attendee, Event
from events.store import Store, StoreError
from ui.attendee_dialog import AttendeeDialog
from ui.roster_model import (
    ATTENDEE_ROLE,
    PRESENCE_COLUMN,
    SIGNATURE_COLUMN,
    Presence,
    RosterFilter,
    RosterModel,
    SignatureThumb,
    SignatureThumbDelegate,
)
from ui.services import DialogService
from ui.stored import shown, stored_id
from ui.texts import category_label, display_date, store_error_text
from ui.widgets import Banner

if TYPE_CHECKING:
    from ui.seal_keys import SealKeys


class CategoryCounts(QFrame):
    """The number of attendees per category, and the total."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(self)
        grid.setContentsMargins(8, 4, 8, 4)
        grid.setHorizontalSpacing(6)
        self.labels: dict[Category | None, QLabel] = {}
        for i, category in enumerate([*Category, None]):
            name = QLabel(category_label(category) if category else "<b>" + self.tr("Jumlah")
                          + "</b>")
            value = QLabel("0")
            value.setAlignment(Qt.AlignmentFlag.AlignRight)
            value.setMinimumWidth(40)
            column = (i // 3) * 3
            grid.addWidget(name, i % 3, column)
            grid.addWidget(value, i % 3, column + 1)
            grid.setColumnMinimumWidth(column + 2, 36)  # a gap before the next pair
            self.labels[category] = value
        grid.setColumnStretch(9, 1)

    def set_counts(self, counts: dict[Category, int]) -> None:
        for category, label in self.labels.items():
            value = sum(counts.values()) if category is None else counts.get(category, 0)
            label.setText(f"<b>{value}</b>" if category is None else str(value))

    def count_text(self, category: Category | None) -> str:
        return self.labels[category].text().replace("<b>", "").replace("</b>", "")


class RosterPage(QWidget):
    """The roster of one event.

    Signals:
        back_requested(): return to the list of events.
        edit_event_requested(int): edit this event's details.
        import_requested(int): import an invitation roster into this event.
        desk_requested(int): open the registration desk of this event.
        sign_requested(int): the selected attendee signs now (attendee id).
        station_requested(int): make this laptop a signing station for this event.

    Attributes:
        place, operator: recorded with a witness signature taken here.
    """

    back_requested = Signal()
    edit_event_requested = Signal(int)
    import_requested = Signal(int)
    desk_requested = Signal(int)
    sign_requested = Signal(int)
    station_requested = Signal(int)

    def __init__(self, store: Store, dialogs: DialogService | None = None, parent=None):
        super().__init__(parent)
        self.seal_keys: SealKeys | None = None  # given by the window
        self.store = store
        self.dialogs = dialogs or DialogService()
        self.place = ""
        self.operator = ""
        self.shown_event: Event | None = None
        self.model = RosterModel(self)
        self.proxy = RosterFilter(self)
        self.proxy.setSourceModel(self.model)

        self.back_button = QPushButton(self.tr("\u2190 Semua Acara"))
        self.back_button.clicked.connect(self.back_requested)
        self.title = QLabel()
        font = self.title.font()
        font.setPointSize(font.pointSize() + 5)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        self.demo_banner = Banner(self.tr(
            "ACARA DEMO \u2014 semua nama dan NIP di sini rekaan, untuk mencoba aplikasi."),
            "notice", bold=False, padding=6, wrap=False)
        self.edit_event_button = QPushButton(self.tr("Ubah Acara"))
        self.edit_event_button.clicked.connect(self.on_edit_event)
        self.desk_button = QPushButton(self.tr("Meja Registrasi →"))
        self.desk_button.setStyleSheet("font-weight: bold;")
        self.desk_button.clicked.connect(self.on_desk)
        self.counts = CategoryCounts()

        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Cari nama, NIP, jabatan atau unit kerja\u2026"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.on_filter_changed)
        self.category_filter = QComboBox()
        self.category_filter.addItem(self.tr("Semua kategori"), None)
        for category in Category:
            self.category_filter.addItem(category_label(category), category.value)
        self.category_filter.currentIndexChanged.connect(self.on_category_filter)
        self.unsigned_filter = QCheckBox(self.tr("Belum tanda tangan"))
        self.unsigned_filter.toggled.connect(self.on_unsigned_filter)
        self.shown = QLabel()

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Several rows (Ctrl/Shift): invitations printed and people removed in one go.
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(30)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        # Sized so that all the columns fit a 1366-pixel screen.
        for column, width in enumerate([44, 215, 170, 158, 50, 170, 185, 108]):
            self.table.setColumnWidth(column, width)
        self.table.setItemDelegateForColumn(SIGNATURE_COLUMN, SignatureThumbDelegate(self.table))
        self.table.setColumnWidth(SIGNATURE_COLUMN, 100)
        self.table.setColumnWidth(PRESENCE_COLUMN, 125)  # "Hadir 08.42 WITA" on one line
        # Shown next to the name, whether they came and signed; the model keeps them last.
        header.moveSection(header.visualIndex(SIGNATURE_COLUMN), 2)
        header.moveSection(header.visualIndex(PRESENCE_COLUMN), 2)
        self.table.doubleClicked.connect(self.on_edit)

        self.add_button = QPushButton(self.tr("Tambah Peserta"))
        self.edit_button = QPushButton(self.tr("Ubah"))
        self.remove_button = QPushButton(self.tr("Hapus"))
        self.import_button = QPushButton(self.tr("Impor Daftar Undangan\u2026"))
        self.invitations_button = QPushButton(self.tr("Cetak Undangan (QR)\u2026"))
        self.invitation_one_button = QPushButton(self.tr("Cetak Ulang Undangan Ini\u2026"))
        self.sign_button = QPushButton(self.tr("Tanda Tangan\u2026"))
        self.sign_button.clicked.connect(self.on_sign)
        self.station_button = QPushButton(self.tr("Stasiun Tanda Tangan"))
        self.station_button.clicked.connect(self.on_station)
        self.pledge_button = QPushButton(self.tr("Teks Ikrar\u2026"))
        self.pledge_button.clicked.connect(self.on_pledge_text)
        self.present_button = QPushButton(self.tr("Tayangkan Ikrar"))
        self.present_button.clicked.connect(self.on_present)
        self.pledge_label = QLabel()
        self.witness_button = QPushButton(self.tr("Tanda Tangan Saksi\u2026"))
        self.witness_button.clicked.connect(self.on_witness)
        self.signed_label = QLabel()
        self.witness_label = QLabel()
        self.invitations_button.clicked.connect(self.on_invitations)
        self.invitation_one_button.clicked.connect(self.on_invitation_one)
        self.add_button.clicked.connect(self.on_add)
        self.edit_button.clicked.connect(self.on_edit)
        self.remove_button.clicked.connect(self.on_remove)
        self.import_button.clicked.connect(self.on_import)
        QShortcut(QKeySequence.StandardKey.Find, self, self.filter.setFocus)
        QShortcut(QKeySequence.StandardKey.Delete, self.table, self.on_remove)

        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addStretch(1)
        top.addWidget(self.edit_event_button)
        top.addWidget(self.station_button)
        top.addWidget(self.desk_button)
        filters = QHBoxLayout()
        filters.addWidget(self.filter, 3)
        filters.addWidget(self.category_filter, 1)
        filters.addWidget(self.unsigned_filter)
        filters.addWidget(self.shown)
        # Two short rows, so that the page fits a 1366-pixel laptop screen.
        signing_row = QVBoxLayout()
        pledge_row = QHBoxLayout()
        pledge_row.addWidget(self.pledge_label)
        pledge_row.addWidget(self.pledge_button)
        pledge_row.addWidget(self.present_button)
        pledge_row.addStretch(1)
        pledge_row.addWidget(self.signed_label)
        witness_row = QHBoxLayout()
        witness_row.addWidget(self.witness_label)
        witness_row.addWidget(self.witness_button)
        witness_row.addStretch(1)
        signing_row.addLayout(pledge_row)
        signing_row.addLayout(witness_row)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addWidget(self.invitation_one_button)
        buttons.addWidget(self.sign_button)
        # the row of buttons under the table, laid out as every page's: alike in shape only
        buttons.addStretch(1)
        buttons.addWidget(self.invitations_button)
        buttons.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.demo_banner)
        layout.addWidget(self.counts)
        layout.addLayout(signing_row)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        # Qt sends no selectionChanged when a reset or a removal takes the selected row away, yet
        # the buttons for one person must then turn off as well.
        for change in (self.proxy.modelReset, self.proxy.rowsRemoved, self.proxy.rowsInserted,
                       self.proxy.layoutChanged):
            change.connect(self._update_buttons)
        self._update_buttons()

    # -- loading ----------------------------------------------------------------------------

    def show_event(self, event: Event) -> None:
        """Show this event and load its roster from the store."""
        self.shown_event = event
        self._show_header()
        self.reload()
        self.show_pledge_state()
        self.filter.clear()
        QTimer.singleShot(0, self.filter, self.filter.setFocus)

    def _event(self) -> Event:
        return shown(self.shown_event, "roster")

    def _event_id(self) -> int:
        return stored_id(self._event())

    def _show_header(self) -> None:
        event = self._event()
        self.title.setText(event.name)
        when = display_date(event.event_date)
        if event.start_time:
            from events.dates import time_range

            when += ", " + time_range(event)  # "08.00 – 11.00 WIB"
        parts = [when, event.venue, event.city]
        self.subtitle.setText(" \u00b7 ".join(p for p in parts if p))
        self.demo_banner.setVisible(event.is_demo)
        readonly = event.archived
        for button in (self.add_button, self.import_button, self.desk_button, self.pledge_button,
                       self.station_button, self.witness_button):
            button.setEnabled(not readonly)
        self._update_buttons()

    def reload(self) -> None:
        people = self.store.list_attendees(self._event_id())
        self.model.set_attendees(people)
        self.reload_presence()
        self.reload_signatures()

    def reload_presence(self) -> None:
        """Who has checked in (at any desk or station), and when."""
        from events.checkins import active_checkins

        try:
            present = active_checkins(self.store, self._event_id())
        except StoreError as error:
            self.shown.setText(store_error_text(error))
            return
        event = self.shown_event
        self.model.set_presence({a: Presence.of(c, event) for a, c in present.items()})

    def reload_signatures(self) -> None:
        """Who has signed (thumbnails) and whether the witness has."""
        from pledges.signatures import current_signatures, witness_signature
        from ui.witness_dialog import witness_status_text

        try:
            signed = current_signatures(self.store, self._event_id())
            witness = witness_signature(self.store, self._event_id())
        except StoreError as error:
            self.signed_label.setText(store_error_text(error))
            self._refresh_counts()
            return
        event = self._event()
        self.model.set_signatures({a: SignatureThumb.of(r, event) for a, r in signed.items()})
        self.witness_label.setText(witness_status_text(witness, event))
        self._refresh_counts()

    def show_signature(self, record) -> None:
        """A signature made elsewhere in this app (a phone's, as it is committed): its
        thumbnail, the person's presence when signing recorded it, and the counts."""
        event = self.shown_event
        if event is None or record.event_id != event.id or record.attendee_id is None:
            return
        self.model.set_signature(record.attendee_id, SignatureThumb.of(record, event))
        if record.checked_in:
            self.reload_presence()
        self._refresh_counts()

    def _refresh_counts(self) -> None:
        counts = {c: 0 for c in Category}
        for person in self.model.attendees():
            counts[person.category] += 1
        self.counts.set_counts(counts)
        self.signed_label.setText(self.tr("Sudah tanda tangan: <b>{0}</b> dari {1}").format(
            self.model.signed_count(), self.model.rowCount()))
        self.shown.setText(self.tr("{0} dari {1}").format(
            self.proxy.rowCount(), self.model.rowCount()))

    # -- selection --------------------------------------------------------------------------

    def selected_people(self) -> list[Attendee]:
        """The selected attendees, top to bottom as shown."""
        rows = sorted(self.table.selectionModel().selectedRows(), key=lambda i: i.row())
        return [index.data(ATTENDEE_ROLE) for index in rows]

    def selected(self) -> Attendee | None:
        """The one selected attendee (None when none, or several, are selected)."""
        people = self.selected_people()
        return people[0] if len(people) == 1 else None

    def select_attendee(self, attendee_id: int) -> None:
        row = self.model.row_of(attendee_id)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            self.table.selectRow(index.row())
            self.table.scrollTo(index)

    @Slot()
    def _update_buttons(self) -> None:
        """Each button on only when it can act: on one selected person (edit, sign), on the
        selected ones (remove, print their invitations), on the roster (print all)."""
        count = len(self.table.selectionModel().selectedRows())
        one = count == 1
        writable = self.shown_event is not None and not self._event().archived
        self.edit_button.setEnabled(one and writable)
        self.remove_button.setEnabled(count > 0 and writable)
        self.invitation_one_button.setEnabled(count > 0)
        self.sign_button.setEnabled(one and writable)
        self.invitations_button.setEnabled(self.model.rowCount() > 0)
        if count > 1:
            self.remove_button.setText(self.tr("Hapus ({0})").format(count))
            self.invitation_one_button.setText(
                self.tr("Cetak Undangan Terpilih ({0})\u2026").format(count))
        else:
            self.remove_button.setText(self.tr("Hapus"))
            self.invitation_one_button.setText(self.tr("Cetak Ulang Undangan Ini\u2026"))

    # -- actions ----------------------------------------------------------------------------

    @Slot(str)
    def on_filter_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        self._refresh_counts()

    @Slot(int)
    def on_category_filter(self, _index: int) -> None:
        value = self.category_filter.currentData()
        self.proxy.set_category(Category(value) if value else None)
        self._refresh_counts()

    @Slot(bool)
    def on_unsigned_filter(self, on: bool) -> None:
        self.proxy.set_unsigned_only(on)
        self._refresh_counts()

    @Slot()
    def on_sign(self) -> None:
        person = self.selected()
        if person is not None and not self._event().archived:
            self.sign_requested.emit(person.id)

    def show_pledge_state(self) -> None:
        """Which pledge text the event uses (short hash), or that it has none yet."""
        from pledges.texts import event_pledge

        try:
            version = event_pledge(self.store, self._event_id())
        except StoreError as error:
            self.pledge_label.setText(store_error_text(error))
            return
        if version is None:
            self.pledge_label.setText(self.tr("Teks ikrar: <b>belum dipilih</b>"))
        else:
            self.pledge_label.setText(self.tr("Teks ikrar: {0} (versi {1})").format(
                version.text.title[:40], version.hash[:12]))

    def open_pledge_editor(self):
        """The pledge text dialog for this event (tests drive it directly)."""
        from ui.pledge_editor import PledgeEditorDialog

        return PledgeEditorDialog(self.store, self._event(), self, self.dialogs)

    def _run_dialog(self, open_dialog: Callable[[], QDialog], then: Callable[[], None]) -> None:
        """A modal dialog about the shown event; ``then`` shows what it changed."""
        if self.shown_event is None:
            return
        dialog = open_dialog()
        dialog.exec()
        dialog.deleteLater()
        then()

    @Slot()
    def on_pledge_text(self) -> None:
        self._run_dialog(self.open_pledge_editor, self.show_pledge_state)

    @Slot()
    def on_present(self):
        """Show the pledge for the collective reading (on the second screen when there is
        one); the presenter takes the keyboard, so a clicker's PageDown/PageUp step through."""
        from ui.presenter import open_presenter

        if self.shown_event is None:
            return None
        event = self.store.get_event(self._event_id())  # with its logo
        window = open_presenter(self.window(), self.store, event)
        window.activateWindow()
        window.raise_()
        return window

    @Slot()
    def on_station(self) -> None:
        if self.shown_event is not None:
            self.station_requested.emit(self._event_id())

    def open_witness_dialog(self):
        """The witness's signature dialog for this event (tests drive it directly)."""
        from ui.witness_dialog import WitnessDialog

        dialog = WitnessDialog(self.store, self._event(), self.place, self.operator,
                               self.dialogs, self)
        if self.seal_keys is not None:
            self.seal_keys.ensure(self, label=self._organizer())
            dialog.seal_key = self.seal_keys.current
        return dialog

    def _organizer(self) -> str:
        event = self.shown_event
        return (event.organizer_unit or event.institution) if event is not None else ""

    @Slot()
    def on_witness(self) -> None:
        self._run_dialog(self.open_witness_dialog, self.reload_signatures)

    @Slot()
    def on_edit_event(self) -> None:
        if self.shown_event is not None:
            self.edit_event_requested.emit(self._event_id())

    def print_invitations(self, people: list[Attendee], suggested: str):
        """Ask where to save the invitation cards, then write them off the GUI thread."""
        from pledges.documents.invitations import write_invitations
        from ui.export_job import ExportJob

        if not people:
            self.dialogs.info(self, self.tr("Cetak Undangan"),
                              self.tr("Belum ada peserta untuk dibuatkan undangan."))
            return None
        path = self.dialogs.save_file(self, self.tr("Simpan Undangan"), suggested,
                                      self.tr("PDF (*.pdf)"))
        if not path:
            return None
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        event = self.store.get_event(self._event_id())  # with its logo

        def write(target, progress):
            write_invitations(target, event, people, progress)

        self._job = ExportJob(self, self.dialogs, self.tr("Cetak Undangan"), path, write)
        return self._job

    @Slot()
    def on_invitations(self) -> None:
        self.print_invitations(self.model.attendees(), self.tr("undangan.pdf"))

    @Slot()
    def on_invitation_one(self):
        """The invitation of the selected person, or the invitations of the selected ones."""
        people = self.selected_people()
        if len(people) == 1:
            safe = "".join(ch if ch.isalnum() else "_" for ch in people[0].name)[:40]
            return self.print_invitations(people, self.tr("undangan_{0}.pdf").format(safe))
        if people:
            return self.print_invitations(
                people, self.tr("undangan_terpilih_{0}.pdf").format(len(people)))
        return None

    @Slot()
    def on_desk(self) -> None:
        if self.shown_event is not None:
            self.desk_requested.emit(self._event_id())

    @Slot()
    def on_import(self) -> None:
        if self.shown_event is not None:
            self.import_requested.emit(self._event_id())

    def open_attendee_dialog(self, attendee: Attendee | None) -> AttendeeDialog:
        """The add/edit dialog, wired to save into the store (tests drive it directly)."""
        event_id = self._event_id()

        def save(person: Attendee) -> Attendee:
            if person.id is None:
                return self.store.add_attendee(event_id, person)
            return self.store.update_attendee(person)

        return AttendeeDialog(attendee, self, save=save)

    @Slot()
    def on_add(self) -> None:
        dialog = self.open_attendee_dialog(None)
        if dialog.exec():
            self._saved(shown(dialog.attendee, "saved attendee"))

    @Slot()
    def on_edit(self) -> None:
        person = self.selected()
        if person is None or self._event().archived:
            return
        dialog = self.open_attendee_dialog(person)
        if dialog.exec():
            self._saved(shown(dialog.attendee, "saved attendee"))

    def _saved(self, person: Attendee) -> None:
        self.model.upsert(person)
        self._refresh_counts()
        self.select_attendee(stored_id(person))

    @Slot()
    def on_remove(self) -> None:
        """Remove the selected people, after one question that says who (or how many)."""
        people = self.selected_people()
        if not people or self._event().archived:
            return
        if len(people) == 1:
            question = self.tr("Hapus {0} dari daftar peserta acara ini?").format(
                people[0].name)
        else:
            question = self.tr("Hapus {0} peserta terpilih dari daftar peserta acara ini?"
                               ).format(len(people))
        if not self.dialogs.confirm(self, self.tr("Hapus Peserta"), question):
            return
        for removed, person in enumerate(people):
            try:
                self.store.remove_attendee(stored_id(person))
            except StoreError as error:
                text = store_error_text(error)
                if len(people) > 1:
                    text = self.tr("{0} tidak terhapus: {1}\n{2} dari {3} peserta sudah "
                                   "terhapus.").format(person.name, text, removed, len(people))
                self.dialogs.error(self, self.tr("Hapus Peserta"), text)
                break
            self.model.remove(stored_id(person))
        self._refresh_counts()
