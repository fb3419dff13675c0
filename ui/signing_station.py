"""The signing station: a laptop that only takes signatures, one person after another.

Find the person by name (the desk's search) or scan the invitation's QR, they sign on the
signing screen, next. Signatures made at the other stations and desks, and walk-ins registered
there, show up by themselves (ui.live_poll).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from events.checkins import attendees_since, find_by_token
from events.model import Attendee, Event
from events.search import SearchIndex
from events.store import Store, StoreError
from pledges import signatures as signing
from ui.desk_model import DeskResultsModel
from ui.desk_page import (
    PicksFromResults,
    ScanFilter,
    SearchResults,
    setup_results_table,
    show_event_day,
)
from ui.live_poll import LivePoll
from ui.seal_keys import SealKeyBar
from ui.services import DialogService
from ui.signing_page import SIGN_STYLE, SigningPage
from ui.stored import shown, stored_id
from ui.texts import display_moment, store_error_text
from ui.widgets import Banner, enlarge


class SignedResultsModel(DeskResultsModel):
    """The desk's result list, its status column saying who has signed (instead of who came).

    The mapping given to set_checkins / set_checked_in is attendee id -> (time, place) of the
    current signature.
    """

    def _status_text(self, attendee_id: int) -> str:
        signed = self._checkins.get(attendee_id)
        if signed is None:
            return self.tr("Belum tanda tangan")
        return self.tr("Sudah TTD {0}").format(signed[0])

    def headers(self) -> list[str]:
        if not self._headers:
            self._headers = [self.tr("Nama"), self.tr("Kategori"), self.tr("Unit Kerja"),
                             self.tr("Tanda Tangan"), self.tr("NIP"), self.tr("Jabatan")]
        return self._headers


class SigningStationPage(QWidget, PicksFromResults):
    """A laptop that only takes signatures: find the person (name or QR), they sign, next.

    Attributes:
        shown_event: the event; place: this station's name, recorded with each signature.
        signing: the signing screen shown while someone signs.

    Signals:
        back_requested(): leave the station.
    """

    back_requested = Signal()

    def __init__(self, store: Store, dialogs: DialogService | None = None, parent=None):
        super().__init__(parent)
        self.leave_guard: Callable[[], bool] = lambda: True  # the window sets the PIN check
        self.store = store
        self.dialogs = dialogs or DialogService()
        self.shown_event: Event | None = None
        self.place = ""
        self.operator = ""
        self.index = SearchIndex([])
        self.model = SignedResultsModel(self.index, parent=self)
        self._total = 0

        self.back_button = QPushButton(self.tr("\u2190 Keluar Stasiun"))
        self.back_button.clicked.connect(self.on_back)
        self.title = QLabel()
        enlarge(self.title, 4, bold=True)
        self.title.setWordWrap(True)
        self.count_label = QLabel()
        heading = QLabel(self.tr("Cari nama Anda, atau pindai QR undangan Anda, untuk "
                                 "menandatangani ikrar."))
        enlarge(heading, 3)
        heading.setWordWrap(True)

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Ketik nama \u2014 atau pindai QR undangan"))
        self.search.setClearButtonEnabled(True)
        enlarge(self.search, 6)
        self.search.setMinimumHeight(44)
        self.table = QTableView()
        setup_results_table(self.table, self.model)
        self.results = SearchResults(self.search, self.table, self.model,
                                     self.on_sign_selected, self, on_token=self.on_typed_token)
        self.table.doubleClicked.connect(self.on_sign_selected)
        self.sign_button = QPushButton(self.tr("Tanda Tangan (Enter)"))
        self.sign_button.setStyleSheet(SIGN_STYLE)
        self.sign_button.setMinimumHeight(44)
        self.sign_button.clicked.connect(self.on_sign_selected)
        self.banner = Banner(larger=4, min_height=56, centered=True)
        # another day than the event's: said, never asked
        self.day_warning = Banner(bold=True, centered=True, padding=3, wrap=False)
        # The seal key locked: said here, with a button; never asked between two signers.
        self.seal_bar = SealKeyBar()
        for button in (self.back_button, self.sign_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        # "Tanda Tangan" is on only while someone is chosen in the list.
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        for change in (self.model.modelReset, self.model.rowsRemoved):
            change.connect(self._update_buttons)
        self._update_buttons()

        self.signing = SigningPage(store, self.dialogs)
        self.signing.done.connect(self.on_signing_done)
        self.signing.cancelled.connect(self.on_signing_cancelled)
        self.signing.signed.connect(self.on_signed)

        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addWidget(self.title, 1)
        top.addWidget(self.count_label)
        chooser = QWidget()
        chooser_layout = QVBoxLayout(chooser)
        chooser_layout.addLayout(top)
        chooser_layout.addWidget(self.day_warning)
        chooser_layout.addWidget(heading)
        chooser_layout.addWidget(self.search)
        chooser_layout.addWidget(self.table, 1)
        chooser_layout.addWidget(self.banner)
        chooser_layout.addWidget(self.seal_bar)
        chooser_layout.addWidget(self.sign_button)
        self.views = QStackedWidget()
        self.views.addWidget(chooser)
        self.views.addWidget(self.signing)
        self.chooser = chooser
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.views)
        self.scan_filter = ScanFilter(self, self.on_scanned)
        # Signatures made at the other stations and desks (and walk-ins) arrive by polling.
        self.poll = LivePoll(self._read_changes, self._show_changes, name="signing station",
                             parent=self)
        self.poll.unreachable.connect(self.on_unreachable)
        self.poll.back.connect(self.on_reachable_again)
        self._cursor = 0
        self._shown = (0, 0)
        self._people_cursor = 0
        self._edits = 0

    # -- opening ----------------------------------------------------------------------------

    def open_station(self, event: Event, place: str, operator: str) -> bool:
        """Load the roster and who has signed; start taking signatures."""
        try:
            event_id = stored_id(event)
            people = self.store.list_attendees(event_id)
            changes = signing.signature_changes(self.store, event_id, 0, (-1, -1))
        except StoreError as error:
            self.dialogs.error(self, self.tr("Stasiun Tanda Tangan"), store_error_text(error))
            return False
        self.shown_event, self.place, self.operator = event, place, operator
        self.index = SearchIndex(people)
        self.model.set_index(self.index)
        self._apply_marks(changes)
        self._people_cursor = max((stored_id(a) for a in people), default=0)
        self._edits += 1
        self._total = len(people)
        self.title.setText(self.tr("Stasiun Tanda Tangan \u00b7 {0} \u2014 {1}").format(
            place, event.name))
        self.views.setCurrentWidget(self.chooser)
        self.search.clear()
        self.model.set_query("")
        self._refresh_count()
        self._set_banner("idle", self.tr("Siap. Ketik nama atau pindai QR undangan."))
        show_event_day(self.day_warning, event)
        self.seal_bar.show_for(event)
        self.scan_filter.install()
        QTimer.singleShot(0, self.search, self.search.setFocus)
        self.poll.start()
        return True

    def close_station(self) -> None:
        self.poll.stop()
        self._edits += 1
        self.scan_filter.remove()
        self.signing.pad.clear()

    def _status(self, record: signing.SignatureRecord | signing.SignatureMark
                ) -> tuple[str, str]:
        """(when, place): the time on the event's clock with its zone (and the date when it
        was not the event's day)."""
        return (display_moment(record.signed_at, self.shown_event), record.place)

    def _apply_marks(self, changes: signing.SignatureChanges) -> None:
        self._cursor = changes.last_id
        if changes.marks is not None:
            self.model.set_checkins({a: self._status(m) for a, m in changes.marks.items()})
            self._shown = signing.marks_fingerprint(m.id for m in changes.marks.values())

    # -- the other stations -----------------------------------------------------------------

    @property
    def offline(self) -> bool:
        """The database could not be reached at the last poll."""
        return self.poll.offline

    def _read_changes(self):
        """The read of signatures and walk-ins made elsewhere, from this station's state as it
        is now (run off the GUI thread by the poll)."""
        if self.shown_event is None:
            return None
        store, event_id, cursor, marks_shown = (self.store, stored_id(self.shown_event),
                                                self._cursor, self._shown)
        people_cursor, edits = self._people_cursor, self._edits
        return lambda: (edits, signing.signature_changes(store, event_id, cursor, marks_shown),
                        attendees_since(store, event_id, people_cursor))

    def poll_now(self) -> None:
        """One poll on this thread (tests)."""
        self.poll.poll_now()

    def _show_changes(self, found) -> None:
        edits, changes, people = found
        if edits != self._edits:
            return  # read before a signature made here: the next poll reads it again
        self._apply_marks(changes)
        for person in people:
            self.index.add(person)
            self._people_cursor = max(self._people_cursor, person.id)
        if people:
            self._total += len(people)
            self.model.refresh()
        self._refresh_count()

    @Slot(object)
    def on_unreachable(self, _error=None) -> None:
        if not self.signing_now():
            self._set_banner("error", self.tr(
                "Server basis data tidak terjangkau. Tanda tangan belum bisa disimpan; "
                "stasiun menyambung ulang sendiri."))

    @Slot()
    def on_reachable_again(self) -> None:
        if not self.signing_now():
            self._set_banner("ok", self.tr("Tersambung lagi ke basis data. Silakan lanjutkan."))

    @Slot()
    def _update_buttons(self) -> None:
        self.sign_button.setEnabled(self.selected() is not None)

    def _refresh_count(self) -> None:
        signed = len(self.model._checkins)
        self.count_label.setText(self.tr("Sudah tanda tangan: {0} dari {1}").format(
            signed, self._total))

    def _set_banner(self, kind: str, text: str) -> None:
        self.banner.show_message(kind, text)

    def banner_kind(self) -> str:
        return self.banner.kind()

    # -- finding the person -----------------------------------------------------------------

    @Slot()
    def on_sign_selected(self) -> None:
        person = self.selected()
        if person is None:
            if self.search.text().strip():
                self._set_banner("warn", self.tr(
                    "Tidak ada yang cocok dengan \u201c{0}\u201d. Coba ketik nama lain, atau "
                    "minta bantuan petugas.").format(self.search.text().strip()))
            return
        self.sign(person)

    def on_scanned(self, token: str) -> None:
        """A scanner typed an invitation code: that person signs."""
        if self.views.currentWidget() is not self.chooser:
            return  # someone is signing: a stray scan changes nothing
        self.search.clear()
        try:
            person = find_by_token(self.store, self._event_id(), token)
        except StoreError as error:
            self._set_banner("error", self.tr("Kode undangan tidak dikenal: {0}").format(
                store_error_text(error)))
            return
        self.sign(person)

    def on_typed_token(self, token: str) -> bool:
        """An invitation code typed at the search field, then Enter: that person signs. False
        when no one has this code (the text is then searched as a name)."""
        try:
            person = find_by_token(self.store, self._event_id(), token)
        except StoreError as error:  # CheckInError among them
            if error.code == "attendee_not_found":
                return False
            self._set_banner("error", self.tr("Kode undangan tidak dikenal: {0}").format(
                store_error_text(error)))
            return True
        self.search.clear()
        self.sign(person)
        return True

    def _event_id(self) -> int:
        return stored_id(shown(self.shown_event, "station"))

    def sign(self, person: Attendee) -> bool:
        """Show the signing screen for this person."""
        event = shown(self.shown_event, "station")
        started = self.signing.start(event, person, self.place, self.operator)
        self.views.setCurrentWidget(self.signing)  # without a pledge text it says so there
        return started

    # -- after signing ----------------------------------------------------------------------

    @Slot(int)
    def on_signed(self, attendee_id: int) -> None:
        record = shown(self.signing.record, "signature")
        self._edits += 1
        self.model.set_checked_in(attendee_id, *self._status(record))
        self._refresh_count()
        show_event_day(self.day_warning, self.shown_event, record.signed_at)

    @Slot()
    def on_signing_done(self) -> None:
        name = shown(self.signing.attendee, "signer").name
        self._back_to_chooser()
        self._set_banner("ok", self.tr("\u2714 {0} sudah menandatangani. Silakan berikutnya."
                                       ).format(name))

    @Slot()
    def on_signing_cancelled(self) -> None:
        self._back_to_chooser()
        self._set_banner("idle", self.tr("Siap. Ketik nama atau pindai QR undangan."))

    def _back_to_chooser(self) -> None:
        self.views.setCurrentWidget(self.chooser)
        self.search.clear()
        self.search.setFocus()

    @Slot()
    def on_back(self) -> None:
        """Leave the station: attendees use this screen, so the window asks the organizer's
        PIN first (``leave_guard``)."""
        if not self.leave_guard():
            return
        self.close_station()
        self.back_requested.emit()

    def signing_now(self) -> bool:
        return self.views.currentWidget() is self.signing
