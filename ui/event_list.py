"""The start screen: the events in the database, and what to do with them."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from events.model import Event
from ui.table_model import FlatTableModel
from ui.texts import display_date, kind_label

_Index = QModelIndex | QPersistentModelIndex


class EventTableModel(FlatTableModel):
    """A table over a list of events (newest first)."""

    column_count = 5

    def __init__(self, parent=None):
        super().__init__(parent)
        self._events: list[Event] = []

    def headers(self) -> list[str]:
        return [self.tr("Tanggal"), self.tr("Nama Acara"), self.tr("Jenis"), self.tr("Tempat"),
                self.tr("Status")]

    def set_events(self, events: list[Event]) -> None:
        self.beginResetModel()
        self._events = list(events)
        self.endResetModel()

    def event_at(self, row: int) -> Event | None:
        return self._events[row] if 0 <= row < len(self._events) else None

    def row_of(self, event_id: int) -> int:
        for row, event in enumerate(self._events):
            if event.id == event_id:
                return row
        return -1

    # row_count and data over this model's own list, as FlatTableModel asks: alike in shape only
    def row_count(self) -> int:
        return len(self._events)

    def data(self, index: _Index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        event = self._events[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return display_date(event.event_date)
            if column == 1:
                return event.name
            if column == 2:
                return kind_label(event.kind)
            if column == 3:
                return event.venue
            if column == 4:
                states = []
                if event.is_demo:
                    states.append(self.tr("Demo"))
                if event.archived:
                    states.append(self.tr("Diarsipkan"))
                return ", ".join(states)
        if role == Qt.ItemDataRole.FontRole and event.archived:
            font = QFont()
            font.setItalic(True)
            return font
        return None


class EventListPage(QWidget):
    """The list of events with buttons to create, open, edit and archive them.

    Signals:
        open_requested(int): the user wants to open this event's roster.
        new_requested(): the user wants a new event.
        edit_requested(int): the user wants to edit this event.
        archive_requested(int, bool): archive (True) or restore (False) this event.
        demo_requested(): open the demo event.
        show_archived_changed(bool)
    """

    open_requested = Signal(int)
    new_requested = Signal()
    edit_requested = Signal(int)
    archive_requested = Signal(int, bool)
    demo_requested = Signal()
    show_archived_changed = Signal(bool)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model = EventTableModel(self)
        title = QLabel(self.tr("Acara"))
        font = title.font()
        font.setPointSize(font.pointSize() + 6)
        font.setBold(True)
        title.setFont(font)
        hint = QLabel(self.tr("Pilih acara untuk membuka daftar peserta, atau buat acara baru. "
                              "Baru pertama kali? Coba acara demo dengan data contoh."))
        hint.setWordWrap(True)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (0, 2, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setColumnWidth(3, 260)
        self.table.setWordWrap(False)
        self.table.doubleClicked.connect(self.on_open)
        self.table.activated.connect(self.on_open)
        self.empty_label = QLabel(self.tr("Belum ada acara. Klik \u201cAcara Baru\u201d untuk "
                                          "memulai, atau \u201cCoba Demo\u201d."))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        # each page's own buttons, made and wired as Qt wants: alike in shape only
        self.new_button = QPushButton(self.tr("Acara Baru"))
        self.open_button = QPushButton(self.tr("Buka"))
        self.edit_button = QPushButton(self.tr("Ubah"))
        self.archive_button = QPushButton(self.tr("Arsipkan"))
        self.demo_button = QPushButton(self.tr("Coba Demo"))
        self.show_archived = QCheckBox(self.tr("Tampilkan yang diarsipkan"))
        self.new_button.clicked.connect(self.new_requested)
        self.open_button.clicked.connect(self.on_open)
        self.edit_button.clicked.connect(self.on_edit)
        self.archive_button.clicked.connect(self.on_archive)
        self.demo_button.clicked.connect(self.demo_requested)
        self.show_archived.toggled.connect(self.show_archived_changed)
        self.open_button.setDefault(True)

        buttons = QHBoxLayout()
        for button in (self.new_button, self.open_button, self.edit_button, self.archive_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.show_archived)
        buttons.addWidget(self.demo_button)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def set_events(self, events: list[Event], select_id: int | None = None,
                   archived_hidden: bool = False) -> None:
        self.model.set_events(events)
        if archived_hidden:
            self.empty_label.setText(self.tr("Tidak ada acara aktif. Centang “Tampilkan yang "
                                             "diarsipkan” untuk melihat acara yang diarsipkan."))
        else:
            self.empty_label.setText(self.tr("Belum ada acara. Klik “Acara Baru” untuk "
                                             "memulai, atau “Coba Demo”."))
        self.empty_label.setVisible(not events)
        row = self.model.row_of(select_id) if select_id else -1
        if row < 0 and events:
            row = 0
        if row >= 0:
            self.table.selectRow(row)
        self._update_buttons()

    def selected_event(self) -> Event | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.event_at(rows[0].row()) if rows else None

    @Slot()
    def _update_buttons(self) -> None:
        event = self.selected_event()
        for button in (self.open_button, self.edit_button, self.archive_button):
            button.setEnabled(event is not None)
        if event is not None and event.archived:
            self.archive_button.setText(self.tr("Keluarkan dari Arsip"))
        else:
            self.archive_button.setText(self.tr("Arsipkan"))

    @Slot()
    def on_open(self) -> None:
        event = self.selected_event()
        if event is not None:
            self.open_requested.emit(event.id)

    @Slot()
    def on_edit(self) -> None:
        event = self.selected_event()
        if event is not None:
            self.edit_requested.emit(event.id)

    @Slot()
    def on_archive(self) -> None:
        event = self.selected_event()
        if event is not None:
            self.archive_requested.emit(event.id, not event.archived)
