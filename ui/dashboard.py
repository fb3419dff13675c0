"""The dashboard: the desk counters in large type, for a second screen or the organizer."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from events.checkins import counts
from events.model import Event
from events.store import Store, StoreError
from ui.counters import CounterTable
from ui.texts import store_error_text
from ui.worker import run_task

REFRESH_MS = 1000


class DashboardWindow(QWidget):
    """Live counts of one event, read from the database every second (so check-ins from
    every desk on the same database show up)."""

    def __init__(self, store: Store, event: Event, parent=None):
        super().__init__(parent, Qt.WindowType.Window)
        self.store = store
        self.event_id = event.id
        self.setWindowTitle(self.tr("Dasbor \u2014 {0}").format(event.name))
        title = QLabel(event.name)
        font = title.font()
        font.setPointSize(font.pointSize() + 14)
        font.setBold(True)
        title.setFont(font)
        title.setWordWrap(True)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.present = QLabel()
        big = self.present.font()
        big.setPointSize(big.pointSize() + 40)
        big.setBold(True)
        self.present.setFont(big)
        self.present.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption = QLabel()
        caption_font = self.caption.font()
        caption_font.setPointSize(caption_font.pointSize() + 8)
        self.caption.setFont(caption_font)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.table = CounterTable(scale=1.8)
        self.error = QLabel()
        self.error.setStyleSheet("color:#b00020;")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.present)
        layout.addWidget(self.caption)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        self.resize(1100, 760)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.on_tick)
        self.timer.start()
        self._reading = None
        self.refresh()

    @Slot()
    def on_tick(self) -> None:
        """Read the counts off the GUI thread: a server that does not answer must not freeze
        the screen (nor the desk window next to it)."""
        if self._reading is not None:
            return
        store, event_id = self.store, self.event_id
        self._reading = run_task(lambda _control: counts(store, event_id), self._read,
                                 self._failed)

    def _read(self, current) -> None:
        self._reading = None
        self._show(current)

    def _failed(self, error: Exception) -> None:
        self._reading = None
        if not isinstance(error, StoreError):
            raise error
        self.error.setText(store_error_text(error))

    @Slot()
    def refresh(self) -> None:
        """Read the counts now, on this thread."""
        try:
            current = counts(self.store, self.event_id)
        except StoreError as error:
            self.error.setText(store_error_text(error))
            return
        self._show(current)

    def _show(self, current) -> None:
        self.error.setText("")
        self.present.setText(str(current.present_total))
        self.caption.setText(self.tr("hadir dari {0} undangan \u00b7 {1} belum hadir \u00b7 "
                                     "{2} tanpa undangan").format(
            current.invited, current.missing, current.walk_ins))
        self.table.set_counts(current)

    def closeEvent(self, event) -> None:
        self.timer.stop()
        super().closeEvent(event)
