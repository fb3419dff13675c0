"""Tanda Tangan lewat Ponsel: the organizer's window for the phone signing service.

It starts the service (pledges.phone.service, aiohttp on its own thread) on the address chosen,
shows that address and a QR of it, live counts, and which of this machine's addresses the
service answers on. Its right half faces the attendees: after each check-in at the desk (and
each walk-in) it shows that person's own signing link as a large QR, made then and there, so
they scan it with their phone and sign in their seat. Signatures reach the GUI by a signal
(``signed``); the desk and roster show them through their own live poll. Closing the window,
or the app, stops the service.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from events.store import Store, StoreError
from ui.texts import store_error_text
from ui.worker import run_task

if TYPE_CHECKING:
    from pledges.phone.service import PhoneService, ServiceThread

log = logging.getLogger(__name__)

DEFAULT_PORT = 8470
ALL_ADDRESSES = "0.0.0.0"


def qr_pixmap(text: str, size: int) -> QPixmap:
    """``text`` as a QR code drawn square, ``size`` pixels wide (a quiet zone of two modules
    included), encoded as the documents encode theirs."""
    from pledges.documents.toolkit import qr_rects, qr_rows

    quiet = 2
    n, rows = qr_rows(text, "M")
    image = QImage(n + 2 * quiet, n + 2 * quiet, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("black"))
    for x, y, width, height in qr_rects(n, rows):
        painter.drawRect(x + quiet, y + quiet, width, height)
    painter.end()
    return QPixmap.fromImage(image.scaled(QSize(size, size), Qt.AspectRatioMode.KeepAspectRatio,
                                          Qt.TransformationMode.FastTransformation))


class _Bridge(QObject):
    """Carries what the service's threads report to the GUI thread (queued signal)."""

    signed = Signal(object)


class PhoneWindow(QWidget):
    """The window. ``seal_key`` is a callable giving the session's unlocked key (or None).

    Signals:
        signed(int): an attendee's signature was committed from a phone.
    """

    signed = Signal(int)
    signed_record = Signal(object)  # the pledges.signatures.SignatureRecord, for the roster

    def __init__(self, store: Store, event_id: int, seal_key=None, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.store = store
        self.event_id = event_id
        self.seal_key = seal_key or (lambda: None)
        self.server: ServiceThread | None = None
        self.service: PhoneService | None = None
        self.base_url = ""
        self.bridge = _Bridge(self)
        self.bridge.signed.connect(self._on_signed)
        self.setWindowTitle(self.tr("Tanda Tangan lewat Ponsel"))

        self.host_box = QComboBox()
        self.port_box = QSpinBox()
        self.port_box.setRange(1024, 65535)
        self.port_box.setValue(DEFAULT_PORT)
        self.start_button = QPushButton(self.tr("Mulai Layanan"))
        self.start_button.clicked.connect(self.toggle)
        self.check_button = QPushButton(self.tr("Periksa Alamat"))
        self.check_button.clicked.connect(self.check_addresses)
        self.check_button.setEnabled(False)
        self.address_label = QLabel(self.tr("Layanan belum berjalan."))
        self.address_label.setWordWrap(True)
        self.address_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.address_qr = QLabel()
        self.address_qr.setMinimumSize(220, 220)
        self.counts_label = QLabel()
        self.check_label = QLabel()
        self.check_label.setWordWrap(True)
        self.notice = QLabel(self.tr(
            "Ponsel peserta dan laptop ini harus berada pada satu jaringan Wi-Fi acara (tanpa "
            "isolasi klien). Buka port di firewall laptop bila alamat tidak menjawab."))
        self.notice.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("Alamat"), self.host_box)
        form.addRow(self.tr("Port"), self.port_box)
        left = QVBoxLayout()
        left.addLayout(form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.check_button)
        left.addLayout(buttons)
        left.addWidget(self.address_label)
        left.addWidget(self.address_qr, 0, Qt.AlignmentFlag.AlignCenter)
        left.addWidget(self.counts_label)
        left.addWidget(self.check_label)
        left.addWidget(self.notice)
        left.addStretch(1)

        # The attendee-facing half: the person just checked in and their own QR.
        self.person_title = QLabel(self.tr("Pindai untuk menandatangani ikrar di ponsel Anda"))
        self.person_title.setWordWrap(True)
        self.person_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.person_name = QLabel()
        self.person_name.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.person_name.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.person_name.setFont(font)
        self.person_qr = QLabel()
        self.person_qr.setMinimumSize(320, 320)
        self.person_qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        right = QVBoxLayout()
        right.addWidget(self.person_title)
        right.addWidget(self.person_name)
        right.addWidget(self.person_qr, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addLayout(right, 1)

        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.refresh_counts)
        self.person_link = ""
        self._fill_hosts()
        self.refresh_counts()
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop_service)

    def _fill_hosts(self) -> None:
        from pledges.phone.network import local_addresses

        self.host_box.clear()
        for address in local_addresses():
            self.host_box.addItem(address, address)
        self.host_box.addItem(self.tr("Semua alamat mesin ini"), ALL_ADDRESSES)
        self.host_box.addItem("127.0.0.1", "127.0.0.1")

    @property
    def running(self) -> bool:
        return self.server is not None

    @Slot()
    def toggle(self) -> None:
        if self.running:
            self.stop_service()
        else:
            self.start_service()

    def start_service(self, host: str | None = None, port: int | None = None) -> bool:
        from pledges.phone.service import PhoneService, ServiceThread
        from ui.cli.phone import base_urls, english

        host = host or self.host_box.currentData() or ALL_ADDRESSES
        port = self.port_box.value() if port is None else port
        service = self.service = PhoneService(self.store, self.event_id,
                                              seal_key=self.seal_key, translate=english,
                                              on_signed=self.bridge.signed.emit)
        server = ServiceThread(service, host, port)
        try:
            addresses = server.start()
        except OSError as error:
            self.service = None
            self.address_label.setText(self.tr(
                "Layanan tidak dapat dimulai di {0}:{1}: {2}").format(
                    host, port, error.strerror or str(error)))
            return False
        self.server = server
        urls = base_urls(addresses)
        self.base_url = urls[0] if urls else ""
        self.address_label.setText(self.tr("Layanan aktif di: {0}").format(", ".join(urls)))
        if self.base_url:
            self.address_qr.setPixmap(qr_pixmap(self.base_url, 220))
        self.start_button.setText(self.tr("Hentikan Layanan"))
        self.check_button.setEnabled(True)
        self.host_box.setEnabled(False)
        self.port_box.setEnabled(False)
        self.timer.start()
        self.refresh_counts()
        return True

    @Slot()
    def stop_service(self) -> None:
        if self.server is not None:
            self.server.stop()
        self.server = None
        self.timer.stop()
        self.start_button.setText(self.tr("Mulai Layanan"))
        self.check_button.setEnabled(False)
        self.host_box.setEnabled(True)
        self.port_box.setEnabled(True)
        self.address_label.setText(self.tr("Layanan belum berjalan."))
        self.address_qr.clear()
        self.person_qr.clear()
        self.person_name.clear()

    @Slot()
    def refresh_counts(self) -> None:
        from pledges.phone.links import link_counts

        try:
            counts = link_counts(self.store, self.event_id)
        except StoreError as error:
            self.counts_label.setText(store_error_text(error))
            return
        stats: dict[str, int] = self.service.stats.snapshot() if self.service else {}
        self.counts_label.setText(self.tr(
            "Tautan dibuat: {0} · sudah ditandatangani: {1} · halaman dibuka: {2} · "
            "ditolak: {3}").format(counts["issued"], counts["spent"], stats.get("pages", 0),
                                   stats.get("refused", 0)))

    @Slot(int)
    def show_link_for(self, attendee_id: int) -> str:
        """Make the person's link and show it, large, on the attendee-facing half (the desk
        calls this after each check-in); "" when the service is not running."""
        if not self.running or not self.base_url or attendee_id < 0:
            return ""  # a walk-in registered offline gets its link once the server has it
        from pledges.phone.links import issue

        try:
            token = issue(self.store, self.event_id, attendee_id)
            person = self.store.get_attendee(attendee_id)
        except StoreError as error:
            self.person_name.setText(store_error_text(error))
            return ""
        self.person_link = f"{self.base_url}/s/{token}"
        self.person_name.setText(person.name)
        self.person_qr.setPixmap(qr_pixmap(self.person_link, 320))
        self.refresh_counts()
        return self.person_link

    @Slot(object)
    def _on_signed(self, record) -> None:
        self.refresh_counts()
        if record.attendee_id is not None:
            self.signed.emit(int(record.attendee_id))
            self.signed_record.emit(record)

    @Slot()
    def check_addresses(self) -> None:
        """Which of this machine's addresses the service answers on (off the GUI thread)."""
        if self.server is None:
            return
        from pledges.phone.network import answering, local_addresses

        bound = self.server.addresses[0][0] if self.server.addresses else ALL_ADDRESSES
        port = self.server.addresses[0][1] if self.server.addresses else self.port_box.value()
        hosts = local_addresses(include_loopback=True) if bound == ALL_ADDRESSES else [bound]
        self.check_label.setText(self.tr("Memeriksa\u2026"))

        def done(result: dict[str, bool]) -> None:
            lines = [(self.tr("{0}: menjawab") if ok else self.tr("{0}: tidak menjawab"))
                     .format(host) for host, ok in result.items()]
            self.check_label.setText("\n".join(lines))

        run_task(lambda _control: answering(hosts, port), done,
                 lambda error: self.check_label.setText(str(error)), receiver=self)

    def closeEvent(self, event) -> None:
        self.stop_service()
        super().closeEvent(event)
