"""The witnessing official's signature ("Menyaksikan"): captured once per event."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from events.dates import day_in_zone
from events.model import Event
from events.store import Store, StoreError
from pledges import signatures as signing
from pledges.strokes import SIGNATURE_MESSAGES, render_png, validate
from ui.services import DialogService
from ui.signature_pad import SignaturePad
from ui.stored import stored_id
from ui.texts import display_date, display_time, store_error_text
from ui.widgets import STYLES


def witness_status_text(record: signing.SignatureRecord | None, event=None) -> str:
    """One line for the roster page: whether the witness has signed (when, on the event's
    clock)."""
    from PySide6.QtCore import QCoreApplication

    if record is None:
        return QCoreApplication.translate("Witness", "Tanda tangan saksi: belum ada")
    moment = record.signed_at
    when = (f"{display_date(day_in_zone(moment, event), long=False)} "
            f"{display_time(moment, event)}")
    return QCoreApplication.translate("Witness", "Tanda tangan saksi: sudah ada ({0})").format(when)


class WitnessDialog(QDialog):
    """Shows the witnessing official (from the event), whether they have signed, and a pad.

    Saving records the signature with pledges.signatures.sign_witness (a new one supersedes the
    previous one, which stays in the history).

    Attributes:
        record: the signature saved here (None until saved); existing: the one found on opening.
    """

    def __init__(self, store: Store, event: Event, place: str, operator: str,
                 dialogs: DialogService | None = None, parent=None):
        super().__init__(parent)
        self.store = store
        self.shown_event = event
        self.place, self.operator = place, operator
        self.dialogs = dialogs or DialogService()
        self.record: signing.SignatureRecord | None = None
        self.seal_key = lambda: None  # the session's unlocked seal key, when there is one
        self.setWindowTitle(self.tr("Tanda Tangan Saksi (Menyaksikan)"))
        self.resize(760, 560)

        heading = QLabel(self.tr("Menyaksikan,"))
        witness = event.witness
        self.title_label = QLabel(witness.title or self.tr("(jabatan pejabat belum diisi)"))
        self.name_label = QLabel(witness.name or self.tr("(nama pejabat belum diisi)"))
        name_font = self.name_label.font()
        name_font.setPointSize(name_font.pointSize() + 5)
        name_font.setBold(True)
        self.name_label.setFont(name_font)
        self.nip_label = QLabel(self.tr("NIP {0}").format(witness.nip) if witness.nip else "")
        self.nip_label.setVisible(bool(witness.nip))
        self.missing_label = QLabel(self.tr(
            "Nama dan jabatan pejabat yang menyaksikan belum diisi. Isi dulu lewat "
            "\u201cUbah Acara\u201d agar tercetak di surat pernyataan."))
        self.missing_label.setWordWrap(True)
        self.missing_label.setStyleSheet(STYLES["warn"] + " padding:6px;")
        self.missing_label.setVisible(witness.is_empty())

        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.existing_image = QLabel()
        self.existing_image.setFixedHeight(70)
        self.existing_image.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

        self.pad = SignaturePad()
        self.pad.setMinimumSize(600, 220)
        self.pad.changed.connect(self._update_buttons)
        self.clear_button = QPushButton(self.tr("Ulangi"))
        self.undo_button = QPushButton(self.tr("Batalkan Goresan Terakhir"))
        self.clear_button.clicked.connect(self.pad.clear)
        self.undo_button.clicked.connect(self.pad.undo)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        self.buttons = QDialogButtonBox()
        self.close_button = self.buttons.addButton(self.tr("Tutup"),
                                                   QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button = self.buttons.addButton(self.tr("Simpan Tanda Tangan Saksi"),
                                                  QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.clicked.connect(self.on_save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        for widget in (heading, self.title_label, self.name_label, self.nip_label,
                       self.missing_label):
            layout.addWidget(widget)
        status = QHBoxLayout()
        status.addWidget(self.status_label, 1)
        status.addWidget(self.existing_image)
        layout.addLayout(status)
        layout.addWidget(self.pad, 1)
        edit = QHBoxLayout()
        edit.addWidget(self.clear_button)
        edit.addWidget(self.undo_button)
        edit.addStretch(1)
        layout.addLayout(edit)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

        try:
            self.existing = signing.witness_signature(store, stored_id(event))
        except StoreError as error:
            self.existing = None
            self._say("error", store_error_text(error))
        self._show_existing(self.existing)
        self._update_buttons()

    def _show_existing(self, record: signing.SignatureRecord | None) -> None:
        if record is None:
            self.status_label.setText(self.tr(
                "Belum ada tanda tangan saksi untuk acara ini. Silakan tanda tangan di bawah."))
            self.existing_image.clear()
            return
        self.status_label.setText(self.tr(
            "Tanda tangan saksi sudah ada (pukul {0}, {1}). Tanda tangan baru akan "
            "menggantikannya; yang lama tetap tercatat.").format(
            display_time(record.signed_at, self.shown_event),
            display_date(day_in_zone(record.signed_at, self.shown_event), long=False)))
        pixmap = QPixmap()
        if pixmap.loadFromData(render_png(record.strokes, record.pad_width, record.pad_height,
                                          out_width=150, out_height=60, background="white")):
            self.existing_image.setPixmap(pixmap)

    @Slot()
    def _update_buttons(self) -> None:
        ink = not self.pad.is_empty()
        self.clear_button.setEnabled(ink)
        self.undo_button.setEnabled(ink)
        self.save_button.setEnabled(ink)

    def _say(self, kind: str, text: str) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(STYLES[kind] + " padding:6px;")
        self.message.setProperty("kind", kind)
        self.message.setVisible(bool(text))

    @Slot()
    def on_save(self) -> None:
        strokes = self.pad.strokes()
        width, height = self.pad.pad_size()
        problem = validate(strokes, width, height)
        if problem:
            self._say("warn", SIGNATURE_MESSAGES[problem])
            return
        try:
            self.record = signing.sign_witness(self.store, stored_id(self.shown_event), strokes,
                                               width, height, self.place, self.operator,
                                               seal_key=self.seal_key())
        except signing.SignatureRefused as refused:
            self._say("warn", refused.message)
            return
        except StoreError as error:
            self._say("error", self.tr("Tanda tangan saksi BELUM tersimpan: {0}").format(
                store_error_text(error)))
            return
        self.accept()
