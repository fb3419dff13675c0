"""Scanning invitation QR codes with a webcam, where the computer has one.

The camera needs Qt Multimedia (the PySide6-Addons package) and the zxing-cpp decoder. Where
either, or a camera, is missing, :func:`camera_problem` says so in staff's words (the package
name goes to the log) and the desk works on
with a USB scanner or the keyboard. Frames are decoded a few times a second on the thread pool,
never on the GUI thread.
"""

from __future__ import annotations

import importlib.util
import logging

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout

from events.scan import parse_token
from ui.worker import run_task

DECODE_EVERY_MS = 300

log = logging.getLogger(__name__)


def decode_qr(image: QImage) -> list[str]:
    """The texts of the QR codes in an image (empty when none is readable)."""
    import zxingcpp

    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    return [result.text for result in zxingcpp.read_barcodes(gray) if result.valid]


def camera_problem() -> str | None:
    """Why the webcam cannot be used here, in words for the desk staff; None when it can.

    Staff are told only that there is no camera and what to do instead; which package is
    missing (a matter for whoever installs the app) goes to the log.
    """
    missing = None
    if importlib.util.find_spec("zxingcpp") is None:
        missing = "the zxing-cpp package (pip install zxing-cpp)"
    elif importlib.util.find_spec("PySide6.QtMultimedia") is None:
        missing = "Qt Multimedia (pip install PySide6-Addons)"
    if missing is not None:
        log.warning("camera scanning unavailable: %s is not installed", missing)
        return no_camera_message()
    from PySide6.QtMultimedia import QMediaDevices

    if not QMediaDevices.videoInputs():
        log.info("camera scanning unavailable: no video input device found")
        return no_camera_message()
    return None


def no_camera_message() -> str:
    return QCoreApplication.translate(
        "Camera", "Kamera tidak tersedia di komputer ini; gunakan pemindai USB atau ketik nama."
    )


class CameraScanDialog(QDialog):
    """Shows the camera picture and closes with the first code it reads that ``accept`` takes
    (by default an invitation: its token).

    Signals:
        scanned(str): what ``accept`` made of the text read (for invitations, the token in
            upper case, without the "IKR-" prefix).
    """

    scanned = Signal(str)

    def __init__(self, parent=None, accept=parse_token, hint: str | None = None):
        super().__init__(parent)
        self.accept_text = accept
        from PySide6.QtMultimedia import QCamera, QMediaCaptureSession, QVideoSink

        self.setWindowTitle(self.tr("Pindai dengan Kamera"))
        self.picture = QLabel(self.tr("Menyalakan kamera\u2026"))
        self.picture.setMinimumSize(480, 360)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint = QLabel(hint or self.tr("Arahkan QR undangan ke kamera."))
        close = QPushButton(self.tr("Tutup"))
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.picture, 1)
        layout.addWidget(self.hint)
        layout.addWidget(close)
        self.camera = QCamera()
        self.sink = QVideoSink(self)
        self.session = QMediaCaptureSession(self)
        self.session.setCamera(self.camera)
        self.session.setVideoSink(self.sink)
        self.sink.videoFrameChanged.connect(self.on_frame)
        self._latest: QImage | None = None
        self._busy = False
        self.timer = QTimer(self)
        self.timer.setInterval(DECODE_EVERY_MS)
        self.timer.timeout.connect(self.on_decode_tick)
        self.camera.start()
        self.timer.start()

    @Slot(object)
    def on_frame(self, frame) -> None:
        image = frame.toImage()
        if image.isNull():
            return
        self._latest = image
        self.picture.setPixmap(
            QPixmap.fromImage(image).scaled(self.picture.size(), Qt.AspectRatioMode.KeepAspectRatio)
        )

    @Slot()
    def on_decode_tick(self) -> None:
        if self._busy or self._latest is None:
            return
        image, self._latest = self._latest.copy(), None
        self._busy = True
        run_task(lambda _control: decode_qr(image), self.on_decoded, self.on_error)

    def on_decoded(self, texts: list[str]) -> None:
        self._busy = False
        for text in texts:
            token = self.accept_text(text)
            if token:
                self.scanned.emit(token)
                self.accept()
                return

    def on_error(self, _error: Exception) -> None:
        self._busy = False

    def done(self, result: int) -> None:
        self.timer.stop()
        self.camera.stop()
        super().done(result)
