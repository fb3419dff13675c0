"""The signing screen (attendee-facing): one person reads the pledge and signs it.

It shows who signs, the exact text of the event's current pledge version, the
consent notice, and the pad. "Setuju dan Tandatangani" first checks the strokes (an empty pad,
a dot or a straight line is refused with a friendly message and nothing is stored), then
records the signature with pledges.signatures.sign, bound to the version shown. Only once that
is committed does the screen say "Terima kasih". A database error says so and keeps the strokes
on the pad, so the person need not sign again.

The signing station (ui.signing_station) shows it for one person after another.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from events.model import Attendee, Event
from events.store import Store, StoreError
from pledges import signatures as signing
from pledges.strokes import SIGNATURE_MESSAGES, validate
from pledges.texts import PledgeVersion, consent_text, event_pledge
from ui.services import DialogService
from ui.signature_pad import SignaturePad
from ui.stored import shown, stored_id
from ui.texts import display_at, store_error_text
from ui.widgets import STYLES, Banner, enlarge

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

    # the pages share their constructor's arguments (store, dialogs) and little else
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
        enlarge(self.name_label, 9, bold=True)
        self.name_label.setWordWrap(True)
        self.role_label = QLabel()
        enlarge(self.role_label, 3)
        self.role_label.setWordWrap(True)
        self.cancel_button = QPushButton(self.tr("Batal"))
        self.cancel_button.clicked.connect(self.on_cancel)

        self.pledge_view = QTextBrowser()
        self.pledge_view.setOpenLinks(False)
        enlarge(self.pledge_view, 4)
        self.pledge_view.setFrameShape(QFrame.Shape.StyledPanel)
        self.consent_label = QLabel()
        self.consent_label.setWordWrap(True)
        self.consent_label.setStyleSheet(
            "background:#f4f6fa; color:#333; border:1px solid #d5dae3; padding:8px;")
        self.consent_label.setTextFormat(Qt.TextFormat.PlainText)
        enlarge(self.consent_label, 1)

        self.previous_label = QLabel()
        self.previous_label.setWordWrap(True)
        self.instruction = QLabel(self.tr("Tanda tangani di kotak putih ini:"))
        enlarge(self.instruction, 3)
        self.pad = SignaturePad()
        self.pad.setMaximumHeight(380)  # a signature's proportions; the documents fit its box
        self.pad.changed.connect(self._on_ink_changed)
        self.clear_button = QPushButton(self.tr("Ulangi"))
        self.undo_button = QPushButton(self.tr("Batalkan Goresan Terakhir"))
        self.sign_button = QPushButton(self.tr("Setuju dan Tandatangani"))
        self.sign_button.setStyleSheet(SIGN_STYLE)
        for button in (self.clear_button, self.undo_button, self.sign_button):
            button.setMinimumHeight(48)
            enlarge(button, 3)
        self.clear_button.clicked.connect(self.pad.clear)
        self.undo_button.clicked.connect(self.pad.undo)
        self.sign_button.clicked.connect(self.on_sign)
        self.message = Banner(larger=3)
        # The message's room is kept while it is hidden, so the pad above does not jump each
        # time one appears; three lines hold the longest of them at the pad's width.
        policy = self.message.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.message.setSizePolicy(policy)
        self.message.setMinimumHeight(
            3 * self.message.fontMetrics().lineSpacing() + 2 * self.message.padding)
        self._ink_warning = False  # the message is a verdict on the strokes now on the pad

        # The thank-you, shown after the signature is committed.
        self.thanks_label = QLabel()
        self.thanks_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thanks_label.setWordWrap(True)
        enlarge(self.thanks_label, 16, bold=True)
        self.thanks_label.setStyleSheet("color:#1d5e20;")
        self.thanks_detail = QLabel()
        self.thanks_detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thanks_detail.setWordWrap(True)
        enlarge(self.thanks_detail, 4)
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
        self.message.show_message("idle", "")
        self._ink_warning = False
        self.name_label.setText(attendee.name)
        role = " \u00b7 ".join(p for p in (attendee.jabatan, attendee.unit or attendee.institution)
                               if p)
        self.role_label.setText(role)
        self.role_label.setVisible(bool(role))
        self.consent_label.setText(consent_text(event))
        try:
            self.version = event_pledge(self.store, stored_id(event))
            previous = signing.current_signature(self.store, stored_id(event), stored_id(attendee))
        except StoreError as error:
            self.version = None
            self.pledge_view.clear()
            self.message.show_message("error", store_error_text(error))
            self._update_buttons()
            return False
        if self.version is None:
            self.pledge_view.setPlainText(self.tr("Acara ini belum memiliki teks ikrar."))
            self.message.show_message("error", self.tr(
                "Teks ikrar acara ini belum dipilih. Minta petugas memilih teks ikrar dulu."))
        else:
            self.pledge_view.setHtml(pledge_html(self.version))
        if previous is not None:
            self.previous_label.setText(self.tr(
                "Anda sudah menandatangani {0}. Tanda tangan baru akan menggantikannya; "
                "yang lama tetap tercatat dalam riwayat.").format(
                display_at(previous.signed_at, self.shown_event)))
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

    @Slot()
    def _on_ink_changed(self) -> None:
        """New ink (or ink taken away) makes a verdict on the old strokes stale: drop it."""
        self._update_buttons()
        if self._ink_warning:
            self._ink_warning = False
            self.message.show_message("idle", "")

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
            self.message.show_message("warn", SIGNATURE_MESSAGES[problem])
            self._ink_warning = True
            return
        event, attendee = shown(self.shown_event, "event"), shown(self.attendee, "signer")
        event_id, attendee_id = stored_id(event), stored_id(attendee)
        try:
            had = signing.current_signature(self.store, event_id, attendee_id)
            record = signing.sign(self.store, event_id, attendee_id, strokes, width,
                                  height, self.place, self.operator,
                                  pledge_hash=self.version.hash, seal_key=self.seal_key())
        except signing.SignatureRefused as refused:
            if refused.code == "pledge_changed":  # show the new text; sign it afresh
                self.start(event, attendee, self.place, self.operator)
            self.message.show_message("warn" if refused.code in SIGNATURE_MESSAGES else "error",
                    refused.message)
            self._ink_warning = refused.code in SIGNATURE_MESSAGES
            return
        except StoreError as error:
            self._ink_warning = False
            self.message.show_message("error", self.tr(
                "Tanda tangan BELUM tersimpan: {0}. Tanda tangan Anda masih ada di kotak; "
                "coba tekan \u201cSetuju dan Tandatangani\u201d lagi, atau panggil petugas."
            ).format(store_error_text(error)))
            return
        self.record = record
        self.replaced = had is not None
        self._update_buttons()
        self.signed.emit(attendee_id)
        self._thank(record)

    def _thank(self, record: signing.SignatureRecord) -> None:
        name = shown(self.attendee, "signer").name
        self.thanks_label.setText(self.tr("Terima kasih, {0}").format(name))
        detail = self.tr("Tanda tangan Anda tersimpan {0}.").format(
            display_at(record.signed_at, self.shown_event))
        if self.replaced:
            detail += "\n" + self.tr("Tanda tangan sebelumnya diganti.")
        if record.checked_in:
            detail += "\n" + self.tr("Anda juga tercatat hadir di {0}.").format(
                record.place or self.tr("stasiun ini"))
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
