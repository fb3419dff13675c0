"""Dokumen -> Periksa Keaslian Surat Pernyataan: is a certificate authentic?

Open a certificate PDF (every page's QR seal is checked, and the file's digital signature, which
proves every page as the organizer issued it), a photo or scan of one, paste the text a phone's
QR reader shows, or type the short code printed under the QR code (looked up in this database).
The check runs off the GUI thread and needs no network: the seal is verified with the public keys
this database knows (the organizer's own and those added), or with a public key file chosen here.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
)

from events.store import Store, StoreError
from ui.screen_fit import fit_to_screen
from ui.services import DialogService
from ui.texts import category_label
from ui.widgets import Banner, dialog_buttons, error_text
from ui.worker import Task, run_task


class VerifyDialog(QDialog):
    """The verification screen.

    Attributes:
        verdicts: the last answer (pledges.verify.Verdict per page), for tests and the summary.
    """

    def __init__(self, store: Store, dialogs: DialogService | None = None, parent=None):
        super().__init__(parent)
        self.store = store
        self.dialogs = dialogs or DialogService()
        self.verdicts: list = []
        self.drawings: dict[str, bytes] = {}
        self.key_file: str | None = None
        self.task: Task | None = None
        self.setWindowTitle(self.tr("Periksa Keaslian Surat Pernyataan"))
        fit_to_screen(self, QSize(680, 460))

        intro = QLabel(self.tr(
            "Buka berkas surat pernyataan atau pakta integritas (PDF) atau foto/pindaiannya, atau "
            "tempel teks dari kode QR-nya. Pemeriksaan tidak memerlukan internet."))
        intro.setWordWrap(True)
        open_button = QPushButton(self.tr("Buka Berkas\u2026"))
        open_button.clicked.connect(self.on_open)
        self.text = QLineEdit()
        self.text.setPlaceholderText(self.tr(
            "Teks kode QR (IK1:\u2026) atau kode verifikasi (ABCDE-FGHIJ)"))
        self.text.returnPressed.connect(self.on_check_text)
        check_button = QPushButton(self.tr("Periksa Teks"))
        check_button.clicked.connect(self.on_check_text)
        self.key_button = QPushButton(self.tr("Kunci Publik\u2026"))
        self.key_button.setToolTip(self.tr(
            "Periksa dengan berkas kunci publik penyelenggara (bawaan: kunci yang dikenal di "
            "sini)"))
        self.key_button.clicked.connect(self.on_key)
        camera_button = QPushButton(self.tr("Pindai dengan Kamera"))
        camera_button.clicked.connect(self.on_camera)
        row = QHBoxLayout()
        row.addWidget(open_button)
        row.addWidget(camera_button)
        row.addStretch(1)
        row.addWidget(self.key_button)
        text_row = QHBoxLayout()
        text_row.addWidget(self.text, 1)
        text_row.addWidget(check_button)

        self.status = Banner(larger=3)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop)
        # A PDF of many pages gives a long answer: it scrolls, the dialog keeps its size (and
        # its Tutup button on the screen).
        self.details_area = QScrollArea()
        self.details_area.setWidgetResizable(True)
        self.details_area.setFrameShape(QFrame.Shape.NoFrame)
        self.details_area.setWidget(self.details)
        # The sealed signature, drawn from this database's strokes when it holds them (their
        # digest is the seal's), to compare with the paper.
        self.drawing = QLabel()
        self.drawing.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.drawing.hide()
        close = dialog_buttons(self, self.tr("Tutup"))

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addLayout(text_row)
        layout.addWidget(self.status)
        layout.addWidget(self.details_area, 1)
        layout.addWidget(self.drawing)
        layout.addWidget(close)

    def keyPressEvent(self, event) -> None:
        # Enter in the code field checks the code (the field's returnPressed); it must not also
        # press the dialog's default button, which opens the file dialog or closes this one.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.focusWidget() is self.text:
            event.accept()
            return
        super().keyPressEvent(event)

    # -- what to check --------------------------------------------------------------------------

    def _keys(self):
        from pledges import keys

        if self.key_file:
            fingerprint, public = keys.read_public_key_file(self.key_file)
            return {fingerprint: public}, None
        from pledges.seal import stored_lookup

        return keys.known_public_keys(self.store), stored_lookup(self.store)

    @Slot()
    def on_key(self) -> None:
        path = self.dialogs.open_file(self, self.tr("Kunci Publik Penyelenggara"), "",
                                      self.tr("Kunci publik (*.pem);;Semua berkas (*)"))
        if not path:
            return
        from pledges.keys import format_fingerprint, read_public_key_file
        from ui.seal_keys import key_error_text

        try:
            fingerprint, _ = read_public_key_file(path)
        except StoreError as error:
            self.dialogs.error(self, self.windowTitle(), key_error_text(error))
            return
        self.key_file = path
        self.key_button.setText(self.tr("Kunci {0}").format(format_fingerprint(fingerprint)))

    @Slot()
    def on_open(self):
        path = self.dialogs.open_file(
            self, self.tr("Buka Surat Pernyataan"), "",
            self.tr("Surat pernyataan (*.pdf *.png *.jpg *.jpeg);;Semua berkas (*)"))
        if path:
            return self.check_file(path)
        return None

    @Slot()
    def on_camera(self) -> None:
        """Scan the certificate's QR code with the webcam, where there is one."""
        from ui.camera import CameraScanDialog, camera_problem

        if camera_problem():  # said here for a certificate, not for the desk's queue
            self.dialogs.error(self, self.windowTitle(), self.tr(
                "Kamera tidak tersedia di komputer ini; buka berkas surat pernyataan (PDF atau "
                "foto) atau ketik kode verifikasi yang tertulis di bawah kode QR-nya."))
            return
        from pledges.seal import QR_PREFIX

        dialog = CameraScanDialog(
            self, accept=lambda text: text if text.strip().upper().startswith(QR_PREFIX)
            else None, hint=self.tr("Arahkan kode QR surat pernyataan ke kamera."))
        dialog.scanned.connect(self.check_text)
        dialog.exec()
        dialog.deleteLater()

    @Slot()
    def on_check_text(self):
        text = self.text.text().strip()
        if text:
            return self.check_text(text)
        return None

    def check_file(self, path: str):
        from pledges.verify import verify_file

        return self._run(lambda keys, stored: verify_file(path, keys, stored))

    def check_text(self, text: str):
        from pledges.seal import as_code, seal_by_code
        from pledges.verify import verify_code, verify_seal

        if as_code(text) is not None:  # the short code printed under the QR code
            store = self.store
            return self._run(lambda keys, stored: [verify_code(
                text, keys, lambda code: seal_by_code(store, code), stored)])
        return self._run(lambda keys, stored: [verify_seal(text, keys, stored)])

    def _run(self, check):
        self.status.show_message("idle", self.tr("Memeriksa\u2026"))
        self.details.clear()
        try:
            keys, stored = self._keys()
        except StoreError as error:
            self._failed(error)
            return None

        from pledges.verify import with_zones, zone_lookup

        zones = zone_lookup(self.store)
        store = self.store

        def work(_control):
            # Times in the event's zone when this database knows the event.
            verdicts = with_zones(check(keys, stored), zones)
            return verdicts, (_drawings(store, verdicts) if stored is not None else {})

        self.task = run_task(work, self._checked, self._failed)
        return self.task

    # Shaped like the audit dialog's: each says its own failure in its own words.
    def _failed(self, error: Exception) -> None:
        self.status.show_message("error", self.tr("Pemeriksaan gagal: {0}").format(
            error_text(error)))

    # -- the answer -----------------------------------------------------------------------------

    def headline(self, verdict) -> str:
        if verdict.status == "authentic":
            return self.tr("\u2714 ASLI")
        if verdict.status == "altered" and verdict.field == "pdf_signature":
            return self.tr("\u2716 DIUBAH: berkas ini diubah setelah ditandatangani secara "
                           "digital")
        if verdict.status == "altered" and verdict.field == "after_signature":
            return self.tr("\u2716 DIUBAH: ada isi yang ditambahkan ke berkas setelah tanda "
                           "tangan digitalnya")
        if verdict.status == "altered" and verdict.field == "page":
            return self.tr("\u2716 DIUBAH: halaman ini berbeda dari yang ditandatangani "
                           "secara digital")
        if verdict.status == "unproven":
            if verdict.detail == "no_pdf_signature":
                return self.tr("! TIDAK TERBUKTI: berkas tanpa tanda tangan digital "
                               "penyelenggara")
            return self.tr("! TIDAK TERBUKTI: tanda tangan digital berkas bukan dari "
                           "penyelenggara")
        if verdict.status == "altered":
            return self.tr("\u2716 DIUBAH: {0} tidak sesuai dengan segel").format(
                self.field_label(verdict.field))
        if verdict.status == "unknown_key":
            return self.tr("? KUNCI TIDAK DIKENAL")
        return self.tr("? TIDAK TERBACA: {0}").format(self.unreadable_label(verdict.detail))

    def field_label(self, field: str | None) -> str:
        labels = {
            "attendee_name": self.tr("nama"), "nip_sha256": self.tr("NIP"),
            "text_sha256": self.tr("teks ikrar"), "text_words": self.tr("teks ikrar"),
            "pledge_hash": self.tr("versi teks ikrar"), "strokes_sha256": self.tr("tanda tangan"),
            "event_name": self.tr("nama acara"), "event_date": self.tr("tanggal acara"),
            "event_uid": self.tr("kode acara"), "attendee_token": self.tr("kode peserta"),
            "category": self.tr("kategori"), "signed_at": self.tr("waktu tanda tangan"),
            "place": self.tr("meja"), "operator": self.tr("petugas"),
            "key": self.tr("kunci segel"), "seal": self.tr("isi segel"),
            "number": self.tr("nomor surat"),
        }
        return labels.get(field or "", field or "")

    def unreadable_label(self, detail: str) -> str:
        labels = {
            "no_qr": self.tr("tidak ditemukan kode QR"),
            "not_ikrar": self.tr("kode QR ini bukan segel Ikrar"),
            "damaged": self.tr("segel pada kode QR rusak"),
            "no_file": self.tr("berkas tidak dapat dibuka"),
            "not_pdf": self.tr("berkas bukan PDF atau gambar yang dapat dibaca"),
            "unknown_code": self.tr("kode verifikasi ini tidak ada di basis data ini"),
        }
        return labels.get(detail, detail)

    def _checked(self, result) -> None:
        verdicts, self.drawings = result
        self.show_verdicts(verdicts)

    def show_verdicts(self, verdicts) -> None:
        self.verdicts = verdicts
        from pledges.verify import overall

        worst = overall(verdicts)
        kind = {"authentic": "ok", "altered": "error"}.get(worst.status, "warn")
        headline = self.headline(worst)
        if len(verdicts) > 1:
            authentic = sum(1 for v in verdicts if v.authentic)
            headline += "  " + self.tr("({0} dari {1} halaman asli)").format(
                authentic, len(verdicts))
        self.status.show_message(kind, headline)
        self.details.setText(self.describe(verdicts))
        self.show_drawing(verdicts)

    def show_drawing(self, verdicts) -> None:
        """The first sealed signature this database can draw, under the answer."""
        from PySide6.QtGui import QPixmap

        found = next((self.drawings[v.record.strokes_sha256] for v in verdicts
                      if v.record is not None and v.record.strokes_sha256 in self.drawings),
                     None)
        if found is None:
            self.drawing.clear()
            self.drawing.hide()
            return
        pixmap = QPixmap()
        pixmap.loadFromData(found, "PNG")
        self.drawing.setPixmap(pixmap.scaledToHeight(
            120, Qt.TransformationMode.SmoothTransformation))
        self.drawing.setToolTip(self.tr(
            "Tanda tangan yang disegel, digambar dari data penyelenggara: bandingkan dengan "
            "tanda tangan pada kertas."))
        self.drawing.show()

    def describe(self, verdicts) -> str:
        from html import escape

        from events.dates import place_and_date
        from events.ids import format_nip
        from pledges.keys import format_fingerprint

        parts = []
        for verdict in verdicts:
            lines = []
            if len(verdicts) > 1:
                lines.append("<b>" + escape(self.tr("Halaman {0}: {1}").format(
                    verdict.page, self.headline(verdict))) + "</b>")
            r = verdict.record
            if r is not None:
                when = verdict.signed_time
                # Everything the seal says the page prints, in the page's order, to compare
                # with the paper side by side.
                rows = [
                    (self.tr("Kop surat"), " / ".join(x for x in (r.institution,
                                                                  r.organizer_unit) if x)),
                    (self.tr("Judul ikrar"), r.pledge_title),
                    (self.tr("Nomor surat"), r.number),
                    (self.tr("Nama"), r.attendee_name),
                    (self.tr("NIP"), format_nip(r.nip) if r.nip else ""),
                    (self.tr("Pangkat/Gol."), r.golongan),
                    (self.tr("Jabatan"), r.jabatan),
                    (self.tr("Unit Kerja"), r.unit),
                    (self.tr("Kategori"), self.tr("Saksi") if r.is_witness
                     else _category(r.category)),
                    (self.tr("Tempat, tanggal"), place_and_date(r.city, r.signed_at.date())),
                    (self.tr("Menyaksikan"), " / ".join(
                        x for x in (r.witness_title, r.witness_name,
                                    format_nip(r.witness_nip) if r.witness_nip else "") if x)),
                    (self.tr("Acara"), f"{r.event_name} ({r.event_date:%d-%m-%Y})"),
                    (self.tr("Waktu tanda tangan"), when),
                    (self.tr("Kunci segel"), format_fingerprint(r.key)),
                ]
                if r.format == 1:  # sealed before every printed field was
                    rows = [row for row in rows if row[0] in (
                        self.tr("Nama"), self.tr("Kategori"), self.tr("Acara"),
                        self.tr("Waktu tanda tangan"), self.tr("Kunci segel"))]
                    rows.append((self.tr("Meja / petugas"),
                                 " / ".join(x for x in (r.place, r.operator) if x) or "-"))
                rows = [(label, value) for label, value in rows if value]
                if verdict.code:
                    rows.append((self.tr("Kode verifikasi"), verdict.code))
                lines += [f"<span style='font-size:large'>{escape(k)}: <b>{escape(v)}</b>"
                          "</span>" for k, v in rows]
                if verdict.status == "authentic" and verdict.visible_checked:
                    lines.append(escape(self.tr(
                        "Berkas ini utuh seperti yang ditandatangani penyelenggara: tidak ada "
                        "yang diubah, ditambahkan atau dihapus di halaman mana pun.")))
                elif verdict.status in ("authentic", "unproven"):
                    lines.append(escape(self.tr(
                        "Hanya kode QR yang diperiksa; cocokkan setiap isian yang tercetak "
                        "dengan isi segel di atas.")))
                if r.format >= 2:
                    lines.append(escape(self.tr(
                        "Tercetak tetapi tidak tertulis di segel: teks ikrar dan gambar tanda "
                        "tangan (segel memuat sidik SHA-256 keduanya, yang cocok dengan data "
                        "penyelenggara), serta catatan tetap di kaki halaman.")))
                if verdict.status == "unknown_key":
                    lines.append(escape(self.tr(
                        "Kunci ini tidak dikenal di sini. Mintalah berkas kunci publik "
                        "penyelenggara, lalu tekan \u201cKunci Publik\u2026\u201d.")))
            parts.append("<br>".join(lines))
        return "<hr>".join(p for p in parts if p)


def _drawings(store: Store, verdicts) -> dict[str, bytes]:
    """strokes digest -> the signature drawn as a PNG, for the sealed signatures this
    database holds (on the worker: a query and a drawing each)."""
    from pledges.signatures import drawing_of

    out: dict[str, bytes] = {}
    for verdict in verdicts[:5]:
        record = verdict.record
        if record is not None and record.strokes_sha256 not in out:
            png = drawing_of(store, record.strokes_sha256)
            if png is not None:
                out[record.strokes_sha256] = png
    return out


def _category(value: str) -> str:
    from events.categories import Category

    try:
        return category_label(Category(value))
    except ValueError:
        return value
