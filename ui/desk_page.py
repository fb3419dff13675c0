"""The registration desk: find a person in a keystroke or two, or scan the invitation's QR.

The search field keeps the focus at all times. Up/Down move through the results, Enter checks
the selected person in. A barcode scanner types "IKR-" and the token, then Enter, into whatever
has the focus: the desk recognises the code by its form and checks that person in. Every
check-in is committed to the database before the desk says it is done.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from events.checkins import (
    AlreadyCheckedIn,
    CheckIn,
    CheckInError,
    Desk,
    DeskUpdate,
    Method,
    poll_desk,
)
from events.model import Attendee, Event
from events.offline import Journal, OfflineDesk, ReplayReport, journal_key, replay
from events.scan import PREFIX as SCAN_PREFIX
from events.scan import ScanDetector, parse_token
from events.search import SearchIndex
from events.store import Store, StoreError
from events.types import now
from ui.counters import CounterTable
from ui.desk_model import COLUMNS, DeskResultsDelegate, DeskResultsModel
from ui.live_poll import POLL_DEADLINE, LivePoll
from ui.seal_keys import SealKeyBar
from ui.services import DialogService
from ui.stored import shown, stored_id
from ui.texts import (
    display_date,
    display_moment,
    display_time,
    problem_text,
    store_error_text,
)
from ui.widgets import Banner, FieldWithError, application, dialog_buttons, enlarge
from ui.worker import Task, run_task

log = logging.getLogger(__name__)

# A flat scroll bar: Fusion's own redraws its gradients whenever the handle changes length,
# which is every time the number of results changes (about 4 ms a time).
FLAT_SCROLLBAR = (
    "QScrollBar:vertical { width: 12px; background: palette(base); margin: 0; }"
    "QScrollBar::handle:vertical { background: palette(mid); min-height: 24px;"
    " border-radius: 4px; margin: 2px; }"
    "QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical { height: 0; }"
    "QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical { background: none; }"
)


NAME, CATEGORY, UNIT, STATUS, NIP, JABATAN = (
    COLUMNS.index(c) for c in ("name", "category", "unit", "status", "nip", "jabatan"))


class UndoReasonDialog(QDialog):
    """Asks why a check-in is undone; the reason is required, so an empty one keeps the dialog
    open with the message under the field instead of closing it and complaining afterwards."""

    def __init__(self, parent: QWidget | None, name: str):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Batalkan Kehadiran"))
        self.reason = QLineEdit()
        self.field = FieldWithError(self.reason)
        self.buttons = dialog_buttons(self, self.tr("Batal"), self.tr("OK"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Alasan membatalkan kehadiran {0}:").format(name)))
        layout.addWidget(self.field)
        layout.addWidget(self.buttons)
        self.reason.textEdited.connect(lambda _text: self.field.set_error(""))
        self.reason.setFocus()

    def accept(self) -> None:
        if not self.reason.text().strip():
            self.field.set_error(self.tr("Alasan pembatalan wajib diisi."))
            self.reason.setFocus()
            return
        super().accept()

    def text(self) -> str:
        return self.reason.text()


def replace_attendee(checkin: CheckIn, attendee_id: int) -> CheckIn:
    """The check-in, shown against ``attendee_id`` (a provisional walk-in's negative id)."""
    from dataclasses import replace

    return replace(checkin, attendee_id=attendee_id)


def setup_results_table(table: QTableView, model: DeskResultsModel) -> None:
    """The desk's results table, set up to redraw within a few milliseconds per keystroke:
    columns of fixed width (ResizeToContents would measure every row on every keystroke), a
    delegate that paints the model's prepared texts, and a flat scroll bar."""
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(28)
    header = table.horizontalHeader()
    # Name, jabatan and unit share the width left; the others fit their longest text.
    for column in (NAME, JABATAN, UNIT):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    metrics = table.fontMetrics()
    for column, longest in ((CATEGORY, "Eselon III (Administrator)"),
                            (STATUS, "Hadir 08.42 WIB (Meja Registrasi 10)"),
                            (NIP, "00000000 000000 0 000")):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        table.setColumnWidth(column, metrics.horizontalAdvance(longest) + 16)
    # Seen in this order: who (name, NIP, jabatan), then where from, then whether they came.
    for visual, column in enumerate((NAME, NIP, JABATAN, CATEGORY, UNIT, STATUS)):
        header.moveSection(header.visualIndex(column), visual)
    table.verticalScrollBar().setStyleSheet(FLAT_SCROLLBAR)
    table.setItemDelegate(DeskResultsDelegate(model, table))


class SearchResults(QObject):
    """A search field driving a results table: typing runs the query and selects the best
    match, Up/Down/PageUp/PageDown move the selection without leaving the field, and Enter calls
    ``on_enter``. The desk and the signing station both find people this way.

    An invitation code typed or pasted into the field (with or without "IKR-", any case) is
    offered first to ``on_token(token)``, which answers whether it knew the code; a code it
    does not know is searched like any text."""

    def __init__(self, search: QLineEdit, table: QTableView, model: DeskResultsModel,
                 on_enter, parent: QObject, on_token=None):
        super().__init__(parent)
        self.search, self.table, self.model, self.on_enter = search, table, model, on_enter
        self.on_token = on_token
        search.textChanged.connect(self.on_search_changed)
        search.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in _STEPS:
                self.move(_STEPS[key])
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                token = parse_token(self.search.text())
                if token is None or self.on_token is None or not self.on_token(token):
                    self.on_enter()
                return True
        return False

    @Slot(str)
    def on_search_changed(self, text: str) -> None:
        self.model.set_query(text)
        if self.model.rowCount():
            self.table.selectRow(0)

    def move(self, step: int) -> None:
        rows = self.model.rowCount()
        if not rows:
            return
        current = self.selected_row()
        row = 0 if current is None else max(0, min(rows - 1, current + step))
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))

    def selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def selected(self) -> Attendee | None:
        row = self.selected_row()
        return self.model.attendee_at(row) if row is not None else None


class PicksFromResults:
    """For a page with a SearchResults (``self.results``): the person Enter would act on."""

    results: SearchResults

    def selected_row(self) -> int | None:
        return self.results.selected_row()

    def selected(self) -> Attendee | None:
        return self.results.selected()


_STEPS = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 10, Qt.Key.Key_PageUp: -10}


class ScanFilter(QObject):
    """Sees every key press in the app while a page is shown, to recognise scans; calls
    ``on_scanned(token)`` (the desk's, the signing station's).

    Installed on the application, it is called for each object a key event visits: in a real
    window the QWindow first, then the focus widget (and its parents, when a widget ignores the
    key). Only the visit to the widget that has the keyboard focus counts, so each key is seen
    once (counting every visit doubled each character and no scan ever matched).
    """

    def __init__(self, page: QWidget, on_scanned: Callable[[str], None]):
        super().__init__(page)
        self.page = page
        self.on_scanned = on_scanned
        self.detector = ScanDetector()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() != QEvent.Type.KeyPress or not self.page.isVisible():
            return False
        if event.isAutoRepeat() or not self._is_key_target(watched):
            return False
        if QApplication.activeModalWidget() is not None:
            return False  # a dialog is asking (a passphrase, a PIN): its keys are its own
        now_ms = time.monotonic() * 1000
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            token = self.detector.enter(now_ms)
            if token:
                self.on_scanned(token)
                return True
            return False
        text = event.text()
        if text and text.isprintable():
            self.detector.key(text, now_ms)
        return False

    def install(self) -> None:
        """Start seeing the application's key presses (while the page is open)."""
        application().installEventFilter(self)

    def remove(self) -> None:
        application().removeEventFilter(self)

    @staticmethod
    def _is_key_target(watched: QObject) -> bool:
        """Whether this visit of a key event is its delivery to the widget with the focus (any
        widget a key is sent to when none has it)."""
        if not isinstance(watched, QWidget):
            return False  # the QWindow's visit, before the widget's
        focus = QApplication.focusWidget()
        return focus is None or watched is focus


def event_day_text(event: Event | None, moment=None) -> str:
    """"Hari ini (Kamis, 3 Desember 2026) bukan tanggal acara (Selasa, 1 Desember 2026)...":
    the warning for a desk or station working on another day (on the event's clock) than the
    event's, at ``moment`` (default now); "" on the event's day."""
    if event is None:
        return ""
    from events.dates import outside_event_day

    day = outside_event_day(event, moment)
    if day is None:
        return ""
    return QCoreApplication.translate(
        "EventDay", "\u26a0 Hari ini ({0}) bukan tanggal acara ({1}); kehadiran tetap dicatat "
        "dengan tanggalnya.").format(display_date(day), display_date(event.event_date))


def show_event_day(banner: Banner, event: Event | None, moment=None) -> bool:
    """Show :func:`event_day_text` on ``banner`` (a label: no dialog, no focus taken), or hide
    it on the event's day; True when outside the event's day."""
    text = event_day_text(event, moment)
    kind = "warn" if text else "idle"
    if banner.text() != text or banner.kind() != kind:  # a restyle only when it changes
        banner.show_message(kind, text)
    return bool(text)


COMPACT_BELOW = 600  # the page's height (pixels) under which the counters show totals only
KIOSK_CLEAR_MS = 5000  # how long a kiosk's answer ("hadir", "not found") stays for the guest

# How long the desk waits for the server to take a check-in before it keeps the check-in in its
# offline journal instead (the same moment, desk and operator: never twice).
WRITE_WAIT_MS = 2000


class DeskPage(QWidget, PicksFromResults):
    """The desk screen for one event.

    Signals:
        back_requested(): leave the desk.
        dashboard_requested(): open the large counters window.
        kiosk_requested(bool): enter (True) or leave kiosk mode.
        walk_in_requested(): register someone not on the roster.
        checked_in(int): an attendee was checked in here (committed).
        station_requested(): turn this laptop into a signing station.

    Attributes:
        sign_after_box: "sign right after check-in"; the window opens the signing screen
            after each check-in while it is ticked (kept in the settings by the window).
    """

    back_requested = Signal()
    # the page's requests to the window (the signing page declares its own the same way)
    dashboard_requested = Signal()
    kiosk_requested = Signal(bool)
    walk_in_requested = Signal()
    session_change_requested = Signal()
    checked_in = Signal(int)
    station_requested = Signal()

    # the pages share their constructor's arguments (store, dialogs) and little else
    def __init__(self, store: Store, dialogs: DialogService | None = None, parent=None, *,
                 journal: Callable[[], Journal] | None = None):
        super().__init__(parent)
        self.store = store
        self.dialogs = dialogs or DialogService()
        # The offline journal, opened when first needed (the window names its file, beside
        # the settings); None: this desk cannot work offline.
        self._journal_factory = journal
        self._journal: Journal | None = None
        self.server_key = journal_key(store)
        # Check-ins go to a server off the GUI thread (a slow or silent server never freezes
        # the window); to this laptop's own file they are written at once.
        self.async_writes = store.is_server
        self.writing: Task | None = None
        self._write_key: object | None = None
        self._queue: list[tuple[Attendee, str, datetime]] = []
        self.pending: dict[int, CheckIn] = {}  # check-ins in the journal, by attendee id
        self.offline_since: datetime | None = None
        self.replaying: Task | None = None
        self.desk: Desk | None = None
        self._tokens: dict[str, Attendee] = {}
        self.shown_event: Event | None = None
        self.kiosk = False
        self.active: dict[int, CheckIn] = {}
        self.index = SearchIndex([])
        self.model = DeskResultsModel(self.index, parent=self)
        self._cursor = 0
        self._people_cursor = 0
        # Bumped by every change this desk shows itself: a poll that started before it is
        # older than the screen, and is dropped (the next one, a second later, is not).
        self._edits = 0

        self.back_button = QPushButton(self.tr("\u2190 Daftar Peserta"))
        self.back_button.clicked.connect(self.back_requested)
        self.title = QLabel()
        enlarge(self.title, 4, bold=True)
        self.title.setWordWrap(True)  # a long event name wraps rather than widen the desk
        self.session_label = QLabel()
        self.session_button = QPushButton(self.tr("Ganti Meja/Petugas"))
        self.session_button.clicked.connect(self.session_change_requested)
        self.counters = CounterTable()

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr(
            "Ketik nama, NIP atau unit kerja \u2014 atau pindai QR undangan"))
        self.search.setClearButtonEnabled(True)
        enlarge(self.search, 6)
        self.search.setMinimumHeight(44)
        self.search.installEventFilter(self)  # to keep the focus
        self.search.textChanged.connect(self._on_kiosk_input)

        self.table = QTableView()
        setup_results_table(self.table, self.model)
        self.results = SearchResults(self.search, self.table, self.model,
                                     self.on_check_in_selected, self, on_token=self.on_typed_token)
        self.table.doubleClicked.connect(self.on_check_in_selected)
        self.table.clicked.connect(lambda _i: self.search.setFocus())

        self.banner = Banner(self.tr("Siap. Ketik nama atau pindai QR undangan."), larger=5,
                             min_height=64, centered=True)
        # Shown while the desk works offline: plainly, with how many check-ins wait.
        self.offline_label = Banner("", "warn", larger=2, centered=True)
        # Said while the desk works on another day than the event's: never a dialog, never
        # the focus (a label), and check-ins are still taken, each with its date.
        self.day_warning = Banner(bold=True, centered=True, padding=3, wrap=False)
        # In kiosk mode the previous guest's answer goes after a few seconds, and at once when
        # the next guest starts typing or scanning.
        self.kiosk_clear_ms = KIOSK_CLEAR_MS
        self._kiosk_timer = QTimer(self)
        self._kiosk_timer.setSingleShot(True)
        self._kiosk_timer.timeout.connect(self._kiosk_ready)
        # While signing right after check-in with the seal key locked: said here, never asked
        # in the middle of the queue (the window binds it to the session's keys).
        self.seal_bar = SealKeyBar()

        # each page's own buttons, made and wired as Qt wants: alike in shape only
        # buttons made one a line, as every page makes its own (only the shape repeats)
        self.check_in_button = QPushButton(self.tr("Hadir (Enter)"))
        self.walk_in_button = QPushButton(self.tr("Peserta Tanpa Undangan (F2)"))
        self.undo_button = QPushButton(self.tr("Batalkan Kehadiran\u2026"))
        self.dashboard_button = QPushButton(self.tr("Layar Dasbor"))
        self.kiosk_button = QPushButton(self.tr("Mode Kios (F11)"))
        self.camera_button = QPushButton(self.tr("Pindai dengan Kamera"))
        self.camera_button.clicked.connect(self.on_camera)
        self.sign_after_box = QCheckBox(self.tr("Tanda tangan langsung setelah hadir"))
        self.sign_after_box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.sign_after_box.toggled.connect(self._update_seal_bar)
        self.station_button = QPushButton(self.tr("Stasiun Tanda Tangan"))
        self.station_button.clicked.connect(self.station_requested)
        self.check_in_button.clicked.connect(self.on_check_in_selected)
        self.walk_in_button.clicked.connect(self.walk_in_requested)
        self.undo_button.clicked.connect(self.on_undo)
        self.dashboard_button.clicked.connect(self.dashboard_requested)
        self.kiosk_button.clicked.connect(lambda: self.kiosk_requested.emit(not self.kiosk))
        for button in (self.back_button, self.session_button, self.check_in_button,
                       self.camera_button,
                       self.walk_in_button, self.undo_button, self.dashboard_button,
                       self.kiosk_button, self.station_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        QShortcut(QKeySequence(Qt.Key.Key_F2), self, self.walk_in_requested.emit)
        QShortcut(QKeySequence(Qt.Key.Key_F11), self,
                  lambda: self.kiosk_requested.emit(not self.kiosk))
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.on_escape)

        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addWidget(self.title, 1)
        top.addWidget(self.sign_after_box)
        top.addWidget(self.station_button)
        top.addSpacing(12)
        top.addWidget(self.session_label)
        top.addWidget(self.session_button)
        actions = QHBoxLayout()
        for button in (self.check_in_button, self.walk_in_button, self.undo_button):
            actions.addWidget(button)
        actions.addWidget(self.camera_button)
        actions.addStretch(1)
        actions.addWidget(self.dashboard_button)
        actions.addWidget(self.kiosk_button)
        # "Hadir" needs a person chosen, "Batalkan Kehadiran" one who has come: each is on only
        # when it can act, following the selection and the statuses.
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        for change in (self.model.dataChanged, self.model.modelReset, self.model.rowsRemoved):
            change.connect(self._update_buttons)
        self._update_buttons()
        self.operator_widgets = [self.back_button, self.session_button, self.counters,
                                 self.table, self.undo_button, self.dashboard_button,
                                 self.walk_in_button, self.check_in_button,
                                 self.sign_after_box, self.station_button]
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.day_warning)
        layout.addWidget(self.counters)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.offline_label)
        layout.addWidget(self.banner)
        layout.addWidget(self.seal_bar)
        layout.addLayout(actions)

        self.scan_filter = ScanFilter(self, self.on_scanned)
        # Check-ins, undos and walk-ins made at other desks arrive by polling.
        self.poll = LivePoll(self._read_changes, self._show_changes, self._poll_failed,
                             name="desk", parent=self)
        self.poll.unreachable.connect(self.on_unreachable)
        self.poll.back.connect(self.on_reachable_again)

    # -- opening ----------------------------------------------------------------------------

    def open_desk(self, event: Event, desk_name: str, operator: str) -> None:
        """Show this event's desk: load the roster, who is already in, and the counters."""
        self.shown_event = event
        event_id = stored_id(event)
        desk = self.desk = Desk(self.store, event_id, desk_name, operator)
        people = self.store.list_attendees(event_id)
        self.index = SearchIndex(people)
        self.model.set_index(self.index)
        self.active = desk.active()
        self.model.set_checkins({a: self._status(c) for a, c in self.active.items()})
        self._cursor = desk.changes_since(None).last_id
        self._people_cursor = max((stored_id(a) for a in people), default=0)
        self._edits += 1
        self._tokens = {a.token: a for a in people if a.token}
        self._load_pending()
        if self.pending:
            self.model.set_checkins({**{a: self._status(c) for a, c in self.pending.items()},
                                     **{a: self._status(c) for a, c in self.active.items()}})
        self.title.setText(event.name)
        self.set_session(desk_name, operator)
        self.search.clear()
        self.model.set_query("")
        self.refresh_counts()
        self._set_banner("idle", self.tr("Siap. Ketik nama atau pindai QR undangan."))
        self._show_offline_state()
        self.check_event_day()
        self.seal_bar.show_for(event, self._signs_here())
        self.scan_filter.install()
        self.poll.start()
        QTimer.singleShot(0, self.search, self.search.setFocus)

    def close_desk(self) -> None:
        self.poll.stop()
        self._edits += 1  # a poll still running belongs to the closed desk
        self.scan_filter.remove()

    def set_session(self, desk_name: str, operator: str) -> None:
        if self.desk is not None:
            self.desk = Desk(self.store, self.desk.event_id, desk_name, operator)
        self.session_label.setText(self.tr("{0} \u00b7 Petugas: {1}").format(desk_name, operator))

    def _desk(self) -> Desk:
        return shown(self.desk, "desk")

    @Slot()
    def _update_buttons(self) -> None:
        person = self.selected()
        self.check_in_button.setEnabled(person is not None)
        self.undo_button.setEnabled(person is not None and person.id in self.active)

    def _signs_here(self) -> bool:
        """People sign at this desk right after checking in (operator mode)."""
        return self.sign_after_box.isChecked() and not self.kiosk

    @Slot()
    def _update_seal_bar(self) -> None:
        self.seal_bar.set_active(self._signs_here())

    def refresh_counts(self) -> None:
        """Read the counters again: at once from this laptop's file, off the GUI thread from a
        server (whose failure the next poll reports)."""
        if not self.async_writes:
            try:
                self.counters.set_counts(self._desk().counts())
            except StoreError as error:
                self._set_banner("error", store_error_text(error))
            return
        if self.offline:
            return
        desk = self._desk()
        run_task(lambda _control: desk.counts(), self.counters.set_counts,
                 lambda _error: None, receiver=self)

    def _status(self, checkin: CheckIn) -> tuple[str, str]:
        """(when, desk) for the results' status column: the time on the event's clock with
        its zone, and the date when it was not the event's day."""
        return (display_moment(checkin.checked_in_at, self.shown_event), checkin.desk)

    def _time(self, checkin: CheckIn) -> str:
        """"08.42 WIB": when the check-in was made, on the event's clock."""
        return display_time(checkin.checked_in_at, self.shown_event)

    def check_event_day(self, moment=None) -> bool:
        """Say (without a dialog, without taking the focus) when today, on the event's
        clock, is not the event's date; hide the warning on the event's day. True when outside
        the event's day."""
        return show_event_day(self.day_warning, self.shown_event, moment)

    # -- keyboard ---------------------------------------------------------------------------

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.search and event.type() == QEvent.Type.FocusOut:
            QTimer.singleShot(0, self, self._keep_focus)
        return super().eventFilter(watched, event)

    def _keep_focus(self) -> None:
        """The search field has the focus whenever the desk is the active window."""
        window = self.window()
        if self.isVisible() and window.isActiveWindow() and QApplication.activeModalWidget() \
                is None and QApplication.activePopupWidget() is None:
            self.search.setFocus()

    @Slot()
    def on_escape(self) -> None:
        if self.kiosk:
            self.kiosk_requested.emit(False)
        else:
            self.search.clear()

    # -- checking in ------------------------------------------------------------------------

    @Slot()
    def on_check_in_selected(self) -> None:
        if self.kiosk:
            self._kiosk_enter()
            return
        person = self.selected()
        if person is None:
            if self.search.text().strip():
                self._set_banner("warn", self.tr("Tidak ada yang cocok dengan \u201c{0}\u201d. "
                                                 "Tamu tanpa undangan? Tekan F2.").format(
                    self.search.text().strip()))
            return
        self.check_in(person, Method.SEARCH)

    def _kiosk_enter(self) -> None:
        """In kiosk mode a typed NIP checks in; names are not searched (no roster is shown)."""
        text = self.search.text().strip()
        self.search.clear()
        if not text:
            return
        digits = "".join(ch for ch in text if ch.isdigit())
        in_memory = [a for a in self.index.attendees() if digits and a.nip == digits]
        try:
            person = in_memory[0] if len(in_memory) == 1 else self._desk().find_by_nip(text)
        except StoreError:
            self._set_banner("warn", self.tr("Tidak ditemukan. Pindai QR undangan Anda, atau "
                                             "ketik NIP lengkap; atau minta bantuan petugas."))
            return
        self.check_in(person, Method.SEARCH)

    def _find_by_token(self, token: str) -> Attendee:
        """The person with this invitation code: from the roster the desk holds (kept current
        by its polls; no wait for a server), else from the database while it answers."""
        found = self._tokens.get(parse_token(token) or token.strip().upper())
        if found is not None:
            return found
        if self.offline:
            raise CheckInError("attendee_not_found", token)
        return self._desk().find_by_token(token)

    def on_scanned(self, token: str) -> None:
        """A scanner typed an invitation code: check that person in."""
        self.search.clear()
        try:
            person = self._find_by_token(token)
        except StoreError as error:
            self._set_banner("error", self._error_text(error))
            return
        self.check_in(person, Method.SCAN)

    def on_typed_token(self, token: str) -> bool:
        """An invitation code typed or pasted at the search field, then Enter: check that
        person in. False when no one has this code (the text is then searched as a name)."""
        try:
            person = self._find_by_token(token)
        except StoreError as error:  # CheckInError among them
            if error.code == "attendee_not_found" and not self._looks_scanned():
                return False  # sixteen letters of a name, perhaps: search them
            self._set_banner("error", self._error_text(error))
            return True
        self.search.clear()
        self.check_in(person, Method.SEARCH)
        return True

    def _looks_scanned(self) -> bool:
        """The field holds a whole invitation code with its "IKR-" (never part of a name)."""
        return self.search.text().strip().upper().startswith(SCAN_PREFIX)

    def check_in(self, person: Attendee, method: str) -> CheckIn | None:
        """Commit the check-in, then show it; on any failure say so and show nothing as done.

        On a server the check-in is written off the GUI thread (None is returned; the banner
        says the outcome); a server that does not answer within WRITE_WAIT_MS, or cannot be
        reached, makes the desk keep the check-in in its offline journal. While offline,
        check-ins go straight to the journal."""
        at = now()
        if self.offline and self.can_work_offline():
            return self._check_in_offline(person, method, at)
        if self.async_writes:
            self._queue.append((person, method, at))
            self._next_write()
            return None
        attendee_id = stored_id(person)
        try:
            checkin = self._desk().check_in(attendee_id, method, at=at, token=person.token)
        except AlreadyCheckedIn as already:
            self._show_already(person, already.existing)
            return None
        except StoreError as error:
            return self._check_in_failed(person, method, at, error)
        self._show_checked_in(person, checkin, method)
        self.refresh_counts()
        return checkin

    def _next_write(self) -> None:
        """Send the next queued check-in to the server, unless one is on its way."""
        if self.writing is not None or not self._queue:
            return
        person, method, at = self._queue.pop(0)
        if self.offline and self.can_work_offline():
            self._check_in_offline(person, method, at)
            self._next_write()
            return
        desk, attendee_id = self._desk(), stored_id(person)
        key = self._write_key = object()

        def write(_control):
            checkin = desk.check_in(attendee_id, method, at=at, token=person.token)
            return checkin, desk.counts()

        self._set_banner("idle", self.tr("Menyimpan kehadiran {0}\u2026").format(person.name))
        self.writing = run_task(write, lambda done: self._written(key, person, method, done),
                                lambda error: self._write_failed(key, person, method, at, error),
                                receiver=self)
        QTimer.singleShot(WRITE_WAIT_MS, self, lambda: self._write_overdue(key, person, method,
                                                                           at))

    def _finish_write(self, key: object) -> bool:
        """This write is the one the desk waits for (not one it gave up on): done with it."""
        if key is not self._write_key:
            return False
        self._write_key = None
        self.writing = None
        return True

    def _written(self, key: object, person: Attendee, method: str, done) -> None:
        if not self._finish_write(key):
            return  # given up on: it is in the journal with the same moment (never twice)
        checkin, counts = done
        self._show_checked_in(person, checkin, method)
        self.counters.set_counts(counts)
        self._next_write()

    def _write_failed(self, key: object, person: Attendee, method: str, at: datetime,
                      error: Exception) -> None:
        if not self._finish_write(key):
            return
        if isinstance(error, AlreadyCheckedIn):
            self._show_already(person, error.existing)
        elif isinstance(error, StoreError):
            self._check_in_failed(person, method, at, error)
        else:
            raise error
        self._next_write()

    def _write_overdue(self, key: object, person: Attendee, method: str, at: datetime) -> None:
        """The server has not answered in time: count it as away and keep the check-in here."""
        if not self._finish_write(key):
            return
        log.warning("check-in at %s: no answer from the server within %d ms",
                    self._desk().desk, WRITE_WAIT_MS)
        self._check_in_failed(person, method, at, StoreError("unreachable", "no answer"))
        self._next_write()

    def _check_in_failed(self, person: Attendee, method: str, at: datetime,
                         error: StoreError) -> CheckIn | None:
        log.warning("check-in at %s failed: %s (attendee id %s)", self._desk().desk,
                    error.code, person.id)
        if error.code in ("unreachable", "uncertain"):
            self.poll.mark_unreachable()
            if self.can_work_offline():
                # An uncertain commit is journaled with its own moment: on hand-over the
                # server's row is recognised as this one.
                return self._check_in_offline(person, method, at)
        if error.code == "uncertain":
            self._set_banner("error", self.tr(
                "{0}: sambungan ke server putus saat menyimpan, BELUM PASTI tercatat. "
                "Meja menyambung ulang sendiri dan menampilkan statusnya begitu server "
                "terjangkau.").format(person.name))
        elif error.code == "unreachable":
            self._set_banner("error", self.tr(
                "{0} BELUM tercatat hadir: server basis data tidak terjangkau. Meja "
                "menyambung ulang sendiri; coba lagi sebentar.").format(person.name))
        else:
            self._set_banner("error", self.tr("{0} BELUM tercatat hadir. {1}").format(
                person.name, self._error_text(error)))
        return None

    def _show_already(self, person: Attendee, first: CheckIn) -> None:
        attendee_id = stored_id(person)
        self._edits += 1
        if first.id > 0:
            self.active[attendee_id] = first
        self.model.set_checked_in(attendee_id, *self._status(first))
        event = self.shown_event
        day = first.day_in(event)
        if event is not None and day != event.event_date:
            self._set_banner("warn", self.tr("{0}: sudah hadir {1} pukul {2} di {3}").format(
                person.name, display_date(day, long=False), self._time(first),
                first.desk or "-"))
        else:
            self._set_banner("warn", self.tr("{0}: sudah hadir pukul {1} di {2}").format(
                person.name, self._time(first), first.desk or "-"))
        self.search.clear()  # answered: ready for the next person

    def _show_checked_in(self, person: Attendee, checkin: CheckIn, method: str) -> None:
        attendee_id = stored_id(person)
        self._edits += 1
        self.active[attendee_id] = checkin
        self.model.set_checked_in(attendee_id, *self._status(checkin))
        self._set_banner("ok", self.tr("\u2714 {0} \u2014 hadir pukul {1}").format(
            person.name, self._time(checkin)))
        self.check_event_day(checkin.checked_in_at)
        log.info("check-in shown: attendee id %s (%s)", person.id, method)
        self.search.clear()
        self.checked_in.emit(attendee_id)

    # -- offline ------------------------------------------------------------------------------

    def can_work_offline(self) -> bool:
        return self._journal_factory is not None and self.desk is not None

    def journal(self) -> Journal:
        if self._journal is None:
            if self._journal_factory is None:
                raise RuntimeError("this desk has no offline journal")
            self._journal = self._journal_factory()
        return self._journal

    def _check_in_offline(self, person: Attendee, method: str, at: datetime) -> CheckIn | None:
        """Check in against the desk's last copy: who is present (here or in the journal),
        then the journal, durably, before the desk says "hadir"."""
        attendee_id = stored_id(person)
        known = self.active.get(attendee_id) or self.pending.get(attendee_id)
        if known is not None:
            self._show_already(person, known)
            return None
        event = shown(self.shown_event, "desk")
        desk = self._desk()
        try:
            item = self.journal().record(
                self.server_key, str(event.uid), kind="checkin", attendee_id=attendee_id,
                token=person.token or "", name=person.name, checked_in_at=at, desk=desk.desk,
                operator=desk.operator, method=str(method),
                offline_since=self.offline_since or at)
        except StoreError as error:
            self._set_banner("error", self.tr("{0} BELUM tercatat hadir. {1}").format(
                person.name, self._error_text(error)))
            return None
        checkin = item.as_checkin(desk.event_id)
        self._edits += 1
        self.pending[attendee_id] = checkin
        self.model.set_checked_in(attendee_id, *self._status(checkin))
        text = self.tr("\u2714 {0} \u2014 hadir pukul {1} (disimpan di laptop ini; dikirim "
                       "ke server begitu terjangkau)").format(person.name, self._time(checkin))
        if self.sign_after_box.isChecked():
            text += " " + self.tr("Tanda tangan menunggu server basis data.")
        self._set_banner("ok", text)
        log.info("check-in journaled offline: attendee id %s (%s)", person.id, method)
        self.search.clear()
        self._show_offline_state()
        return checkin

    def offline_desk(self) -> OfflineDesk:
        """For the walk-in dialog while offline: the roster as last seen, and the journal."""
        event, desk = shown(self.shown_event, "desk"), self._desk()
        return OfflineDesk(self.journal(), self.server_key, desk.event_id, str(event.uid),
                           self.index.attendees(), desk.desk, desk.operator,
                           self.offline_since or now())

    def _show_offline_state(self) -> None:
        """The strip that says the desk works offline, and how many check-ins wait."""
        waiting = len(self.pending)
        if self.offline:
            self.offline_label.show_message("warn", self.tr(
                "MODE LURING \u2014 server basis data tidak terjangkau. Kehadiran disimpan di "
                "laptop ini: {0} menunggu dikirim. Tanda tangan menunggu server.").format(
                waiting))
        elif waiting:
            self.offline_label.show_message("notice", self.tr(
                "Mengirim {0} kehadiran luring ke server\u2026").format(waiting))
        else:
            self.offline_label.show_message("warn", "")

    def _load_pending(self) -> None:
        """What the journal still holds for this event (after a restart, say)."""
        self.pending = {}
        if self._journal_factory is None or self.shown_event is None:
            return
        try:
            items = self.journal().pending(self.server_key, str(self.shown_event.uid))
        except Exception:  # noqa: BLE001 (an unreadable journal must not keep the desk shut)
            log.exception("the offline journal could not be read")
            return
        for item in items:
            attendee_id = item.attendee_id if item.attendee_id is not None else -item.id
            self.pending[attendee_id] = replace_attendee(item.as_checkin(self._desk().event_id),
                                                         attendee_id)
            self.offline_since = self.offline_since or item.offline_since

    def _start_replay(self) -> None:
        """Hand the journal to the server (off the GUI thread), once it answers again."""
        if self.replaying is not None or not self.pending or self.offline:
            return
        event, desk = shown(self.shown_event, "desk"), self._desk()
        store, journal, server = self.store, self.journal(), self.server_key
        event_id, uid = desk.event_id, str(event.uid)
        name, operator = desk.desk, desk.operator

        walk_ins = any(i < 0 for i in self.pending)

        def hand_over(_control):
            report = replay(store, journal, server, event_id, uid, desk=name, operator=operator)
            left = journal.pending(server, uid)
            return report, left, store.list_attendees(event_id) if walk_ins else None

        self._show_offline_state()
        self.replaying = run_task(hand_over, self._replayed, self._replay_failed, receiver=self)

    def _replayed(self, done: tuple[ReplayReport, list, list[Attendee] | None]) -> None:
        self.replaying = None
        report, left, people = done
        for attendee_id in [a for a in self.pending if a < 0]:
            self.index.remove(attendee_id)  # provisional walk-ins: the server's copy replaces
        if people is not None:
            for person in people:
                if person.id not in self.index:
                    self.index.add(person)
            self.model.refresh()
        self.pending = {}
        for item in left:
            attendee_id = item.attendee_id if item.attendee_id is not None else -item.id
            self.pending[attendee_id] = replace_attendee(item.as_checkin(self._desk().event_id),
                                                         attendee_id)
        if not self.pending:
            self.offline_since = None
        self._edits += 1
        for checkin in report.stored:
            self.active[checkin.attendee_id] = checkin
        for refused in report.refused:
            self.active[refused.first.attendee_id] = refused.first
        self.model.set_checkins({**{a: self._status(c) for a, c in self.pending.items()},
                                 **{a: self._status(c) for a, c in self.active.items()}})
        self._show_offline_state()
        text = self.tr("{0} kehadiran luring sudah dikirim ke server.").format(
            len(report.stored)) if report.stored else ""
        if report.refused:
            names = ", ".join(self.tr("{0} (pukul {1} di {2})").format(
                r.item.name, self._time(r.first), r.first.desk or "-") for r in report.refused)
            text = (text + " " + self.tr("Sudah hadir lebih dulu di meja lain: {0}.").format(
                names)).strip()
            self._set_banner("warn", text)
        else:
            self._set_banner("ok", text)
        self.refresh_counts()

    def _replay_failed(self, error: Exception) -> None:
        self.replaying = None
        if not isinstance(error, StoreError):
            raise error
        if error.code == "unreachable":
            self.poll.mark_unreachable(error)
        else:
            self._set_banner("error", self._error_text(error))
        self._load_pending()
        self._show_offline_state()

    def _error_text(self, error: StoreError) -> str:
        if isinstance(error, CheckInError):
            return problem_text(error.code, {"detail": error.detail, "value": error.value},
                                error.message)
        return store_error_text(error)

    def _set_banner(self, kind: str, text: str) -> None:
        self.banner.show_message(kind, text)
        if self.kiosk and kind != "idle":
            self._kiosk_timer.start(max(0, self.kiosk_clear_ms))
        else:
            self._kiosk_timer.stop()

    def _kiosk_prompt(self) -> str:
        return self.tr("Silakan pindai QR pada undangan Anda, atau ketik NIP lengkap Anda lalu "
                       "tekan Enter.")

    @Slot()
    def _kiosk_ready(self) -> None:
        """The kiosk waits for the next guest: the prompt again, no one's name shown."""
        if self.kiosk:
            self._set_banner("idle", self._kiosk_prompt())

    @Slot(str)
    def _on_kiosk_input(self, text: str) -> None:
        if self.kiosk and text and self.banner_kind() != "idle":
            self._kiosk_ready()  # the next guest has begun: the last answer is not theirs

    def show_signed(self, name: str) -> None:
        """Back from the signing screen: say the person came and signed."""
        self._set_banner("ok", self.tr("\u2714 {0} \u2014 hadir dan sudah menandatangani ikrar"
                                       ).format(name))
        self.check_event_day()
        self.search.clear()
        QTimer.singleShot(0, self.search, self.search.setFocus)

    def banner_kind(self) -> str:
        return self.banner.kind()

    @Slot()
    def on_camera(self) -> None:
        """Scan with the webcam where there is one; otherwise say why and carry on."""
        from ui.camera import CameraScanDialog, camera_problem

        problem = camera_problem()
        if problem:
            self._set_banner("warn", problem)
            return
        dialog = CameraScanDialog(self)
        dialog.scanned.connect(self.on_scanned)
        dialog.exec()
        dialog.deleteLater()

    # -- undo, walk-ins, other desks --------------------------------------------------------

    @Slot()
    def on_undo(self) -> None:
        person = self.selected()
        if person is not None and person.id in self.pending and person.id not in self.active:
            self._set_banner("warn", self.tr("Kehadiran {0} masih menunggu dikirim ke server; "
                                             "pembatalan bisa setelah server terjangkau.").format(
                person.name))
            return
        if person is None or person.id not in self.active:
            self._set_banner("warn", self.tr("Pilih peserta yang sudah hadir untuk dibatalkan."))
            return
        dialog = UndoReasonDialog(self, person.name)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        reason = dialog.text()
        dialog.deleteLater()
        if not accepted:
            return
        try:
            self._desk().undo(attendee_id=person.id, reason=reason)
        except StoreError as error:
            self._set_banner("error", self._error_text(error))
            return
        self._edits += 1
        self.active.pop(person.id, None)
        self.model.set_checked_in(person.id, None)
        self._update_buttons()
        self.refresh_counts()
        self._set_banner("ok", self.tr("Kehadiran {0} dibatalkan.").format(person.name))

    def add_walk_in(self, person: Attendee, checkin: CheckIn) -> None:
        """Show a walk-in registered (and checked in) by the walk-in dialog."""
        attendee_id = stored_id(person)
        self._edits += 1
        self.index.add(person)
        if person.token:
            self._tokens[person.token] = person
        if checkin.id < 0:  # registered offline: in the journal until the server has it
            self.pending[attendee_id] = checkin
            self._show_offline_state()
        else:
            self.active[attendee_id] = checkin
        self.model.set_checked_in(attendee_id, *self._status(checkin))
        self.model.refresh()
        self.refresh_counts()
        self._set_banner("ok", self.tr("\u2714 {0} \u2014 terdaftar dan hadir pukul {1}").format(
            person.name, self._time(checkin)))
        self.check_event_day(checkin.checked_in_at)
        self.checked_in.emit(attendee_id)

    @property
    def offline(self) -> bool:
        """The database could not be reached: the banner says so (until a poll reaches it)."""
        return self.poll.offline

    def _read_changes(self):
        """The read of what the other desks did, with this desk's state as it is now (run off
        the GUI thread by the poll)."""
        if self.desk is None:
            return None
        store, event_id, cursor = self.store, self.desk.event_id, self._cursor
        shown, people_cursor, edits = dict(self.active), self._people_cursor, self._edits

        def read():
            with store.deadline(POLL_DEADLINE):
                return edits, poll_desk(store, event_id, cursor, shown, people_cursor)

        return read

    def poll_now(self) -> None:
        """One poll, on this thread (tests; and right after the desk opens)."""
        self.poll.poll_now()

    def _show_changes(self, found: tuple[int, DeskUpdate]) -> None:
        edits, update = found
        if self.pending and self.replaying is None:
            QTimer.singleShot(0, self, self._start_replay)  # the server answers: hand over
        if edits != self._edits:
            return  # read before a change made here: the next poll reads it again
        self._cursor, self._people_cursor = update.cursor, update.people_cursor
        for person in update.people:
            self.index.add(person)
            if person.token:
                self._tokens[person.token] = person
        if update.people:
            self.model.refresh()
        if update.active is not None:
            self.active = update.active
            # What waits in the journal shows as present here until the server has it.
            self.model.set_checkins({**{a: self._status(c) for a, c in self.pending.items()},
                                     **{a: self._status(c) for a, c in update.active.items()}})
        if update.counts is not None:
            self.counters.set_counts(update.counts)
        self.check_event_day()  # an idle desk open past midnight says so too

    def _poll_failed(self, error: StoreError) -> None:
        self._set_banner("error", store_error_text(error))

    @Slot(object)
    def on_unreachable(self, _error=None) -> None:
        """Say at once that the server cannot be reached (until a poll reaches it again)."""
        if self.offline_since is None:
            self.offline_since = now()
        if self.can_work_offline():
            self._set_banner("error", self.tr(
                "Server basis data tidak terjangkau. Meja bekerja luring: kehadiran disimpan "
                "di laptop ini dan dikirim begitu server kembali."))
        else:
            self._set_banner("error", self.tr(
                "Server basis data tidak terjangkau. Kehadiran belum bisa dicatat; meja "
                "menyambung ulang sendiri."))
        self._show_offline_state()

    @Slot()
    def on_reachable_again(self) -> None:
        self._set_banner("ok", self.tr("Tersambung lagi ke basis data. Data meja sudah "
                                       "diperbarui; silakan lanjutkan."))
        if not self.pending:
            self.offline_since = None
        self._show_offline_state()
        QTimer.singleShot(0, self, self._start_replay)

    # -- kiosk --------------------------------------------------------------------------------

    def resizeEvent(self, event) -> None:
        # A short screen (a 1024x600 netbook) keeps the counters' totals row only, so the
        # results keep room for several rows.
        self.counters.set_compact(self.height() < COMPACT_BELOW)
        super().resizeEvent(event)

    def set_kiosk(self, on: bool) -> None:
        """Kiosk mode: only the search/scan field and the person being served are shown."""
        self.kiosk = on
        for widget in self.operator_widgets:
            widget.setVisible(not on)
        self._update_seal_bar()
        self.kiosk_button.setText(self.tr("Keluar Mode Kios (PIN)") if on
                                  else self.tr("Mode Kios (F11)"))
        if on:
            self.model.set_query("")
            self.search.setPlaceholderText(self.tr(
                "Pindai QR undangan Anda, atau ketik NIP lengkap"))
        else:
            self.search.setPlaceholderText(self.tr(
                "Ketik nama, NIP atau unit kerja \u2014 atau pindai QR undangan"))
        self._set_banner("idle", self._kiosk_prompt() if on
                         else self.tr("Siap. Ketik nama atau pindai QR undangan."))
        self.search.setFocus()
