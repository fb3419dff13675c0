"""The dashboard: the desk counters in large type, for a second screen or the organizer."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Slot
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from events.checkins import counts
from events.dates import current_moment
from events.model import Event
from events.store import Store, StoreError
from ui.counters import CounterTable
from ui.live_poll import LivePoll
from ui.screen_fit import fitting_size, screen_room
from ui.stored import stored_id
from ui.texts import display_time, store_error_text
from ui.widgets import enlarge

REFRESH_MS = 1000  # tests set it to a few milliseconds before they open the dashboard


class DashboardWindow(QWidget):
    """Live counts of one event, read from the database every second (so check-ins from
    every desk on the same database show up)."""

    def __init__(self, store: Store, event: Event, parent=None):
        super().__init__(parent, Qt.WindowType.Window)
        self.store = store
        self.shown_event = event
        self.event_id = stored_id(event)
        self.setWindowTitle(self.tr("Dasbor \u2014 {0}").format(event.name))
        title = QLabel(event.name)
        enlarge(title, 14, bold=True)
        title.setWordWrap(True)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.present = QLabel()
        enlarge(self.present, 40, bold=True)
        self.present.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption = QLabel()
        enlarge(self.caption, 8)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.table = CounterTable(scale=1.8, with_total=True)
        self.updated = QLabel()  # "Diperbarui pukul 08.42 WIB": the event's clock
        self.updated.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.error = QLabel()
        self.error.setStyleSheet("color:#b00020;")
        layout = self.box = QVBoxLayout(self)  # stacked as the desk stacks its own: shape only
        layout.addWidget(title)
        layout.addWidget(self.present)
        layout.addWidget(self.caption)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.updated)
        layout.addWidget(self.error)
        # Not capped: on a second screen it goes full screen, whatever that screen's size.
        self.large_type = [title, self.present, self.caption, self.table, self.updated]
        room = screen_room(self)
        if room is not None:
            self.fit_type_to(room)
        self.resize(fitting_size(self, QSize(1100, 760)))
        # The counts are read off the GUI thread: a server that does not answer must not
        # freeze the screen (nor the desk window next to it).
        self.poll = LivePoll(self._read_counts, self._show, self._failed, name="dashboard",
                             interval_ms=REFRESH_MS, parent=self)
        self.poll.unreachable.connect(self._failed)
        self.poll.start()
        self.refresh()

    def fit_type_to(self, room: QSize) -> None:
        """Shrink the large type until the whole window fits ``room`` (a small screen or
        projector): nothing of the table ends beyond the screen's edge."""
        layout = self.box
        for _ in range(12):
            layout.activate()
            least = self.minimumSizeHint()
            if least.width() <= room.width() and least.height() <= room.height():
                return
            factor = max(0.5, min(0.95, room.width() / max(1, least.width()),
                                  room.height() / max(1, least.height())))
            for widget in self.large_type:
                font = widget.font()
                font.setPointSizeF(max(6.0, font.pointSizeF() * factor))
                widget.setFont(font)
            layout.invalidate()

    def _read_counts(self):
        store, event_id = self.store, self.event_id
        return lambda: counts(store, event_id)

    @Slot(object)
    def _failed(self, error: StoreError | None) -> None:
        if error is not None:
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
        # The big number is everyone present, walk-ins too: the table's last column.
        self.caption.setText(self.tr(
            "orang hadir: {0} dari {1} undangan + {2} tanpa undangan \u00b7 {3} belum "
            "hadir").format(current.present, current.invited, current.walk_ins,
                            current.missing))
        self.table.set_counts(current)
        self.updated.setText(self.tr("Diperbarui pukul {0}").format(
            display_time(current_moment(), self.shown_event)))

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:  # as a dialog closes
            self.close()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event) -> None:
        self.poll.stop()
        super().closeEvent(event)
