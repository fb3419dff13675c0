"""The signing screen (attendee-facing) and the signing station (one person after another).

The signing screen shows who signs, the exact text of the event's current pledge version, the
consent notice, and the pad. "Setuju dan Tandatangani" first checks the strokes (an empty pad,
a dot or a straight line is refused with a friendly message and nothing is stored), then
records the signature with pledges.signatures.sign, bound to the version shown. Only once that
is committed does the screen say "Terima kasih". A database error says so and keeps the strokes
on the pad, so the person need not sign again.

The signing station is a laptop that only takes signatures: find the person by name (the
desk's search) or scan the invitation's QR, sign, next.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from events.checkins import attendees_since, find_by_token
from events.model import Attendee, Event
from events.search import SearchIndex
from events.store import Store, StoreError
from pledges import signatures as signing
from pledges.strokes import SIGNATURE_MESSAGES, validate
from pledges.texts import PledgeVersion, consent_text, event_pledge
from ui.desk_model import DeskResultsModel
from ui.desk_page import POLL_MS, ScanFilter, SearchResults, setup_results_table
from ui.services import DialogService
from ui.signature_pad import SignaturePad
from ui.texts import store_error_text
from ui.widgets import STYLES
from ui.worker import run_task

THANKS_MS = 2500  # how long "Terima kasih" stays before the next person

SIGN_STYLE = ("QPushButton { background:#1d6b2a; color:white; font-weight:bold; border-radius:6px;"
              " padding:10px 18px; } QPushButton:disabled { background:#9bb8a0; }"
              " QPushButton:pressed { background:#144d1e; }")


def pledge_html(version: PledgeVersion) -> str:
    """The pledge as rich text: title, opening, numbered points, closing (escaped)."""
    text = version.text
    parts = [f"<p align='center' style='font-weight:bold'>{html.escape(text.title)}</p>"]
    if text.opening:
        parts.append(f"<p>{html.escape(text.opening)}</p>")
    rows = "".join(
        f"<tr><td valign='top' style='padding-right:8px'>{i}.</td>"
        f"<td valign='top' style='padding-bottom:6px'>{html.escape(point)}</td></tr>"
        for i, point in enumerate(text.points, 1))
    parts.append(f"<table cellspacing='0' cellpadding='2'>{rows}</table>")
    if text.closing:
        parts.append(f"<p>{html.escape(text.closing)}</p>")
    return "".join(parts)


def _banner(label: QLabel, kind: str, text: str) -> None:
    label.setText(text)
    label.setStyleSheet(STYLES[kind] + " padding:8px;")
    label.setProperty("kind", kind)
    label.setVisible(bool(text))


class SigningPage(QWidget):
    """One person signs the event's pledge.

    Attributes:
        attendee: who signs; shown_event: the event; version: the pledge version shown.
        record: the signature stored (None until committed).
        thanks_ms: how long the thank-you stays before ``done``.

    Signals:
        signed(int): the attendee's signature is committed (attendee id).
        done(): finished after a signature: the caller shows the next screen.
        cancelled(): left without signing.
    """

    signed = Signal(int)
    done = Signal()
    cancelled = Signal()

    def __init__(self, store: Store, dialogs: DialogService | None = None, parent=None):
        super().__init__(parent)
        self.store = store
        self.dialogs = dialogs or DialogService()
        self.shown_event: Event | None = None
        self.attendee: Attendee | None = None
        self.version: PledgeVersion | None = None
        self.record: signing.SignatureRecord | None = None
        self.replaced = False
        self.place = ""
        self.operator = ""
        # Gives the session's unlocked seal key (None: the signature is sealed later).
        self.seal_key = lambda: None
        self.thanks_ms = THANKS_MS
        self._done_timer = QTimer(self)
        self._done_timer.setSingleShot(True)
        self._done_timer.timeout.connect(self.on_finish)

        self.name_label = QLabel()
        name_font = self.name_label.font()
        name_font.setPointSize(name_font.pointSize() + 9)
        name_font.setBold(True)
        self.name_label.setFont(name_font)
        self.name_label.setWordWrap(True)
        self.role_label = QLabel()
        role_font = self.role_label.font()
        role_font.setPointSize(role_font.pointSize() + 3)
        self.role_label.setFont(role_font)
        self.role_label.setWordWrap(True)
        self.cancel_button = QPushButton(self.tr("Batal"))
        self.cancel_button.clicked.connect(self.on_cancel)

        self.pledge_view = QTextBrowser()
        self.pledge_view.setOpenLinks(False)
        pledge_font = self.pledge_view.font()
        pledge_font.setPointSize(pledge_font.pointSize() + 4)
        self.pledge_view.setFont(pledge_font)
        self.pledge_view.setFrameShape(QFrame.Shape.StyledPanel)
        self.consent_label = QLabel()
        self.consent_label.setWordWrap(True)
        self.consent_label.setStyleSheet(
            "background:#f4f6fa; color:#333; border:1px solid #d5dae3; padding:8px;")
        self.consent_label.setTextFormat(Qt.TextFormat.PlainText)
        consent_font = self.consent_label.font()
        consent_font.setPointSize(consent_font.pointSize() + 1)
        self.consent_label.setFont(consent_font)

        self.previous_label = QLabel()
        self.previous_label.setWordWrap(True)
        self.instruction = QLabel(self.tr("Tanda tangani di kotak putih ini:"))
        instruction_font = self.instruction.font()
        instruction_font.setPointSize(instruction_font.pointSize() + 3)
        self.instruction.setFont(instruction_font)
        self.pad = SignaturePad()
        self.pad.setMaximumHeight(380)  # a signature's proportions; the documents fit its box
        self.pad.changed.connect(self._update_buttons)
        self.clear_button = QPushButton(self.tr("Ulangi"))
        self.undo_button = QPushButton(self.tr("Batalkan Goresan Terakhir"))
        self.sign_button = QPushButton(self.tr("Setuju dan Tandatangani"))
        self.sign_button.setStyleSheet(SIGN_STYLE)
        for button in (self.clear_button, self.undo_button, self.sign_button):
            button.setMinimumHeight(48)
            font = button.font()
            font.setPointSize(font.pointSize() + 3)
            button.setFont(font)
        self.clear_button.clicked.connect(self.pad.clear)
        self.undo_button.clicked.connect(self.pad.undo)
        self.sign_button.clicked.connect(self.on_sign)
        self.message = QLabel()
        self.message.setWordWrap(True)
        message_font = self.message.font()
        message_font.setPointSize(message_font.pointSize() + 3)
        message_font.setBold(True)
        self.message.setFont(message_font)
        self.message.setVisible(False)

        # The thank-you, shown after the signature is committed.
        self.thanks_label = QLabel()
        self.thanks_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thanks_label.setWordWrap(True)
        thanks_font = self.thanks_label.font()
        thanks_font.setPointSize(thanks_font.pointSize() + 16)
        thanks_font.setBold(True)
        self.thanks_label.setFont(thanks_font)
        self.thanks_label.setStyleSheet("color:#1d5e20;")
        self.thanks_detail = QLabel()
        self.thanks_detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thanks_detail.setWordWrap(True)
        detail_font = self.thanks_detail.font()
        detail_font.setPointSize(detail_font.pointSize() + 4)
        self.thanks_detail.setFont(detail_font)
        self.next_button = QPushButton(self.tr("Selesai"))
        self.next_button.setMinimumHeight(44)
        self.next_button.clicked.connect(self.on_finish)

        header = QHBoxLayout()
        who = QVBoxLayout()
        who.addWidget(self.name_label)
        who.addWidget(self.role_label)
        header.addLayout(who, 1)
        header.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignTop)
        left = QVBoxLayout()
        left.addWidget(self.pledge_view, 1)
        left.addWidget(self.consent_label)
        right = QVBoxLayout()
        right.addWidget(self.previous_label)
        right.addWidget(self.instruction)
        right.addWidget(self.pad, 1)
        edit = QHBoxLayout()
        edit.addWidget(self.clear_button)
        edit.addWidget(self.undo_button)
        right.addLayout(edit)
        right.addWidget(self.sign_button)
        right.addWidget(self.message)
        right.addStretch(1)
        body = QHBoxLayout()
        body.addLayout(left, 5)
        body.addLayout(right, 6)
        form = QWidget()
        form_layout = QVBoxLayout(form)
        form_layout.setContentsMargins(0, 0, 0, 0)
        form_layout.addLayout(header)
        form_layout.addLayout(body, 1)

        thanks = QWidget()
        thanks_layout = QVBoxLayout(thanks)
        thanks_layout.addStretch(1)
        thanks_layout.addWidget(self.thanks_label)
        thanks_layout.addWidget(self.thanks_detail)
        thanks_layout.addSpacing(24)
        thanks_layout.addWidget(self.next_button, 0, Qt.AlignmentFlag.AlignHCenter)
        thanks_layout.addStretch(2)

        self.views = QStackedWidget()
        self.views.addWidget(form)
        self.views.addWidget(thanks)
        self.form_view, self.thanks_view = form, thanks
        layout = QVBoxLayout(self)
        layout.addWidget(self.views)
        self._update_buttons()

    # -- opening ----------------------------------------------------------------------------

    def start(self, event: Event, attendee: Attendee, place: str, operator: str) -> bool:
        """Show the signing screen for this person. False (with the reason shown) when the
        event has no pledge text yet or the database cannot be read."""
        self._done_timer.stop()
        self.shown_event, self.attendee = event, attendee
        self.place, self.operator = place, operator
        self.record, self.replaced = None, False
        self.views.setCurrentWidget(self.form_view)
        self.pad.clear()
        _banner(self.message, "idle", "")
        self.name_label.setText(attendee.name)
        role = " \u00b7 ".join(p for p in (attendee.jabatan, attendee.unit or attendee.institution)
                               if p)
        self.role_label.setText(role)
        self.role_label.setVisible(bool(role))
        self.consent_label.setText(consent_text(event))
        try:
            self.version = event_pledge(self.store, event.id)
            previous = signing.current_signature(self.store, event.id, attendee.id)
        except StoreError as error:
            self.version = None
            self.pledge_view.clear()
            _banner(self.message, "error", store_error_text(error))
            self._update_buttons()
            return False
        if self.version is None:
            self.pledge_view.setPlainText(self.tr("Acara ini belum memiliki teks ikrar."))
            _banner(self.message, "error", self.tr(
                "Teks ikrar acara ini belum dipilih. Minta petugas memilih teks ikrar dulu."))
        else:
            self.pledge_view.setHtml(pledge_html(self.version))
        if previous is not None:
            self.previous_label.setText(self.tr(
                "Anda sudah menandatangani pukul {0}. Tanda tangan baru akan menggantikannya; "
                "yang lama tetap tercatat dalam riwayat.").format(
                previous.signed_at.strftime("%H:%M")))
            self.previous_label.setStyleSheet(STYLES["warn"] + " padding:6px;")
        self.previous_label.setVisible(previous is not None)
        self._update_buttons()
        return self.version is not None

    @Slot()
    def _update_buttons(self) -> None:
        has_ink = not self.pad.is_empty()
        self.clear_button.setEnabled(has_ink)
        self.undo_button.setEnabled(has_ink)
        self.sign_button.setEnabled(self.version is not None and self.record is None)

    def message_kind(self) -> str:
        return self.message.property("kind") if self.message.isVisible() else ""

    # -- signing ----------------------------------------------------------------------------

    @Slot()
    def on_sign(self) -> None:
        """Check the strokes, record the signature (committed), then thank the person."""
        if self.version is None or self.record is not None:
            return
        strokes = self.pad.strokes()
        width, height = self.pad.pad_size()
        problem = validate(strokes, width, height)
        if problem:
            _banner(self.message, "warn", SIGNATURE_MESSAGES[problem])
            return
        try:
            had = signing.current_signature(self.store, self.shown_event.id, self.attendee.id)
            record = signing.sign(self.store, self.shown_event.id, self.attendee.id, strokes, width,
                                  height, self.place, self.operator,
                                  pledge_hash=self.version.hash, seal_key=self.seal_key())
        except signing.SignatureRefused as refused:
            if refused.code == "pledge_changed":  # show the new text; sign it afresh
                self.start(self.shown_event, self.attendee, self.place, self.operator)
            _banner(self.message, "warn" if refused.code in SIGNATURE_MESSAGES else "error",
                    refused.message)
            return
        except StoreError as error:
            _banner(self.message, "error", self.tr(
                "Tanda tangan BELUM tersimpan: {0}. Tanda tangan Anda masih ada di kotak; "
                "coba tekan \u201cSetuju dan Tandatangani\u201d lagi, atau panggil petugas."
            ).format(store_error_text(error)))
            return
        self.record = record
        self.replaced = had is not None
        self._update_buttons()
        self.signed.emit(self.attendee.id)
        self._thank(record)

    def _thank(self, record: signing.SignatureRecord) -> None:
        self.thanks_label.setText(self.tr("Terima kasih, {0}").format(self.attendee.name))
        detail = self.tr("Tanda tangan Anda tersimpan pukul {0}.").format(
            record.signed_at.strftime("%H:%M"))
        if self.replaced:
            detail += "\n" + self.tr("Tanda tangan sebelumnya diganti.")
        self.thanks_detail.setText(detail)
        self.views.setCurrentWidget(self.thanks_view)
        self._done_timer.start(max(0, self.thanks_ms))

    def thanks_text(self) -> str:
        if self.views.currentWidget() is not self.thanks_view:
            return ""
        return self.thanks_label.text() + "\n" + self.thanks_detail.text()

    @Slot()
    def on_finish(self) -> None:
        self._done_timer.stop()
        if self.record is None or self.views.currentWidget() is not self.thanks_view:
            return  # not signed, or "done" already said
        self.views.setCurrentWidget(self.form_view)
        self.done.emit()

    @Slot()
    def on_cancel(self) -> None:
        self._done_timer.stop()
        if self.record is not None:  # already signed: this is just "next"
            self.on_finish()
            return
        self.pad.clear()
        self.cancelled.emit()


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
                             self.tr("Tanda Tangan")]
        return self._headers


class SigningStationPage(QWidget):
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
        title_font = self.title.font()
        title_font.setPointSize(title_font.pointSize() + 4)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.title.setWordWrap(True)
        self.count_label = QLabel()
        heading = QLabel(self.tr("Cari nama Anda, atau pindai QR undangan Anda, untuk "
                                 "menandatangani ikrar."))
        heading_font = heading.font()
        heading_font.setPointSize(heading_font.pointSize() + 3)
        heading.setFont(heading_font)
        heading.setWordWrap(True)

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Ketik nama \u2014 atau pindai QR undangan"))
        self.search.setClearButtonEnabled(True)
        big = self.search.font()
        big.setPointSize(big.pointSize() + 6)
        self.search.setFont(big)
        self.search.setMinimumHeight(44)
        self.table = QTableView()
        setup_results_table(self.table, self.model)
        self.results = SearchResults(self.search, self.table, self.model,
                                     self.on_sign_selected, self)
        self.table.doubleClicked.connect(self.on_sign_selected)
        self.sign_button = QPushButton(self.tr("Tanda Tangan (Enter)"))
        self.sign_button.setStyleSheet(SIGN_STYLE)
        self.sign_button.setMinimumHeight(44)
        self.sign_button.clicked.connect(self.on_sign_selected)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setMinimumHeight(56)
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        banner_font = self.banner.font()
        banner_font.setPointSize(banner_font.pointSize() + 4)
        banner_font.setBold(True)
        self.banner.setFont(banner_font)
        for button in (self.back_button, self.sign_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)

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
        chooser_layout.addWidget(heading)
        chooser_layout.addWidget(self.search)
        chooser_layout.addWidget(self.table, 1)
        chooser_layout.addWidget(self.banner)
        chooser_layout.addWidget(self.sign_button)
        self.views = QStackedWidget()
        self.views.addWidget(chooser)
        self.views.addWidget(self.signing)
        self.chooser = chooser
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.views)
        self.scan_filter = ScanFilter(self)
        self._set_banner("idle", "")
        # Signatures made at the other stations and desks (and walk-ins) arrive by polling.
        self.poll = QTimer(self)
        self.poll.setInterval(POLL_MS)
        self.poll.timeout.connect(self.on_poll)
        self._cursor = 0
        self._shown = (0, 0)
        self._people_cursor = 0
        self._edits = 0
        self._polling = None
        self.offline = False

    # -- opening ----------------------------------------------------------------------------

    def open_station(self, event: Event, place: str, operator: str) -> bool:
        """Load the roster and who has signed; start taking signatures."""
        try:
            people = self.store.list_attendees(event.id)
            changes = signing.signature_changes(self.store, event.id, 0, (-1, -1))
        except StoreError as error:
            self.dialogs.error(self, self.tr("Stasiun Tanda Tangan"), store_error_text(error))
            return False
        self.shown_event, self.place, self.operator = event, place, operator
        self.index = SearchIndex(people)
        self.model.set_index(self.index)
        self._apply_marks(changes)
        self._people_cursor = max((a.id for a in people), default=0)
        self._edits += 1
        self.offline = False
        self._total = len(people)
        self.title.setText(self.tr("Stasiun Tanda Tangan \u00b7 {0} \u2014 {1}").format(
            place, event.name))
        self.views.setCurrentWidget(self.chooser)
        self.search.clear()
        self.model.set_query("")
        self._refresh_count()
        self._set_banner("idle", self.tr("Siap. Ketik nama atau pindai QR undangan."))
        QApplication.instance().installEventFilter(self.scan_filter)
        QTimer.singleShot(0, self.search, self.search.setFocus)
        self.poll.start()
        return True

    def close_station(self) -> None:
        self.poll.stop()
        self._edits += 1
        QApplication.instance().removeEventFilter(self.scan_filter)
        self.signing.pad.clear()

    @staticmethod
    def _status(record: signing.SignatureRecord | signing.SignatureMark) -> tuple[str, str]:
        return (record.signed_at.strftime("%H:%M"), record.place)

    def _apply_marks(self, changes: signing.SignatureChanges) -> None:
        self._cursor = changes.last_id
        if changes.marks is not None:
            self.model.set_checkins({a: self._status(m) for a, m in changes.marks.items()})
            self._shown = signing.marks_fingerprint(m.id for m in changes.marks.values())

    # -- the other stations -----------------------------------------------------------------

    @Slot()
    def on_poll(self) -> None:
        """Pick up signatures and walk-ins made elsewhere, off the GUI thread."""
        if self.shown_event is None or self._polling is not None:
            return
        store, event_id, cursor, shown = (self.store, self.shown_event.id, self._cursor,
                                          self._shown)
        people_cursor, edits = self._people_cursor, self._edits

        def read(_control):
            return (signing.signature_changes(store, event_id, cursor, shown),
                    attendees_since(store, event_id, people_cursor))

        self._polling = run_task(read, lambda found: self._poll_done(found, edits),
                                 self._poll_failed)

    def poll_now(self) -> None:
        """One poll on this thread (tests)."""
        try:
            found = (signing.signature_changes(self.store, self.shown_event.id, self._cursor,
                                               self._shown),
                     attendees_since(self.store, self.shown_event.id, self._people_cursor))
        except StoreError as error:
            self._poll_failed(error)
            return
        self._poll_done(found, None)

    def _poll_done(self, found, edits: int | None) -> None:
        self._polling = None
        if self.offline:
            self.offline = False
            if not self.signing_now():
                self._set_banner("ok", self.tr("Tersambung lagi ke basis data. Silakan "
                                               "lanjutkan."))
        if edits is not None and edits != self._edits:
            return  # read before a signature made here: the next poll reads it again
        changes, people = found
        self._apply_marks(changes)
        for person in people:
            self.index.add(person)
            self._people_cursor = max(self._people_cursor, person.id)
        if people:
            self._total += len(people)
            self.model.refresh()
        self._refresh_count()

    def _poll_failed(self, error: Exception) -> None:
        self._polling = None
        if not isinstance(error, StoreError):
            raise error
        if error.code == "unreachable":
            if not self.offline and not self.signing_now():
                self._set_banner("error", self.tr(
                    "Server basis data tidak terjangkau. Tanda tangan belum bisa disimpan; "
                    "stasiun menyambung ulang sendiri."))
            self.offline = True

    def _refresh_count(self) -> None:
        signed = len(self.model._checkins)
        self.count_label.setText(self.tr("Sudah tanda tangan: {0} dari {1}").format(
            signed, self._total))

    def _set_banner(self, kind: str, text: str) -> None:
        _banner(self.banner, kind, text)

    def banner_kind(self) -> str:
        return self.banner.property("kind")

    # -- finding the person -----------------------------------------------------------------

    def selected_row(self) -> int | None:
        return self.results.selected_row()

    def selected(self) -> Attendee | None:
        return self.results.selected()

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
            person = find_by_token(self.store, self.shown_event.id, token)
        except StoreError as error:
            self._set_banner("error", self.tr("Kode undangan tidak dikenal: {0}").format(
                store_error_text(error)))
            return
        self.sign(person)

    def sign(self, person: Attendee) -> bool:
        """Show the signing screen for this person."""
        started = self.signing.start(self.shown_event, person, self.place, self.operator)
        self.views.setCurrentWidget(self.signing)  # without a pledge text it says so there
        return started

    # -- after signing ----------------------------------------------------------------------

    @Slot(int)
    def on_signed(self, attendee_id: int) -> None:
        record = self.signing.record
        self._edits += 1
        self.model.set_checked_in(attendee_id, *self._status(record))
        self._refresh_count()

    @Slot()
    def on_signing_done(self) -> None:
        name = self.signing.attendee.name
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
        self.close_station()
        self.back_requested.emit()

    def signing_now(self) -> bool:
        return self.views.currentWidget() is self.signing
