"""Exporting and printing the event's documents: certificates, Daftar Hadir, Berita Acara and the
public roster. Building and writing run on the thread pool (ui.export_job); printing renders the
finished PDF's pages onto the printer chosen in Qt's print dialog."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QRectF, Qt
from PySide6.QtGui import QAction, QImage, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QGroupBox,
    QLabel,
    QMenu,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from events.store import Store, StoreError
from events.types import now
from pledges.files import write_atomically
from ui.export_job import ExportJob
from ui.services import DialogService
from ui.texts import store_error_text
from ui.widgets import dialog_buttons
from ui.worker import run_task


def safe_name(text: str) -> str:
    return re.sub(r"[^0-9A-Za-z]+", "_", text).strip("_")[:60] or "acara"


def _builders() -> dict[str, tuple[str, str, str, Callable]]:
    """kind -> (menu text, file name suffix, file filter, build(record, progress) -> bytes)."""
    from pledges import attendance, minutes, public_roster

    return {
        "attendance": (
            QCoreApplication.translate("Documents", "Daftar Hadir (Excel)\u2026"),
            "Daftar_Hadir.xlsx",
            QCoreApplication.translate("Documents", "Buku kerja Excel (*.xlsx)"),
            attendance.build_attendance_xlsx,
        ),
        "attendance-pdf": (
            QCoreApplication.translate("Documents", "Daftar Hadir (PDF)\u2026"),
            "Daftar_Hadir.pdf",
            "PDF (*.pdf)",
            attendance.build_attendance_pdf,
        ),
        "attendance-blank": (
            QCoreApplication.translate("Documents", "Daftar Hadir Kosong untuk Kertas (PDF)\u2026"),
            "Daftar_Hadir_Kosong.pdf",
            "PDF (*.pdf)",
            attendance.build_attendance_blank_pdf,
        ),
        "minutes": (
            QCoreApplication.translate("Documents", "Berita Acara (PDF)\u2026"),
            "Berita_Acara.pdf",
            "PDF (*.pdf)",
            minutes.build_minutes_pdf,
        ),
        "public": (
            QCoreApplication.translate("Documents", "Daftar Publik Penanda Tangan (PDF)\u2026"),
            "Daftar_Publik.pdf",
            "PDF (*.pdf)",
            public_roster.build_public_pdf,
        ),
        "public-csv": (
            QCoreApplication.translate("Documents", "Daftar Publik Penanda Tangan (CSV)\u2026"),
            "Daftar_Publik.csv",
            "CSV (*.csv)",
            lambda record, progress=None: public_roster.build_public_csv(record),
        ),
    }


class Documents(QObject):
    """The "Dokumen" menu of the window, for the event it is told about."""

    def __init__(
        self,
        parent: QWidget,
        store: Store,
        dialogs: DialogService,
        event_id: Callable[[], int | None],
        selected_attendee: Callable[[], int | None],
        seal_keys=None,
    ):
        super().__init__(parent)
        self.window = parent
        self.store = store
        self.dialogs = dialogs
        self.event_id = event_id
        self.selected_attendee = selected_attendee
        self.seal_keys = seal_keys  # ui.seal_keys.SealKeys
        self.job: ExportJob | None = None

    def fill_menu(self, menu: QMenu) -> None:
        certificates = QAction(self.tr("Sertifikat Ikrar\u2026"), menu)
        certificates.triggered.connect(self.on_certificates)
        menu.addAction(certificates)
        menu.addSeparator()
        for kind, (text, _suffix, _filter, _build) in _builders().items():
            action = QAction(text, menu)
            action.triggered.connect(lambda _checked=False, k=kind: self.export(k))
            menu.addAction(action)

    def _suggested(self, suffix: str) -> str:
        event = self.store.get_event(self.event_id())
        return f"{safe_name(event.name)}_{suffix}"

    def export(self, kind: str) -> ExportJob | None:
        """Ask where, then build and write the document off the GUI thread."""
        from pledges.documents import collect

        event_id = self.event_id()
        if event_id is None:
            return None
        _text, suffix, filters, build = _builders()[kind]
        path = self.dialogs.save_file(
            self.window, self.tr("Simpan Dokumen"), self._suggested(suffix), filters
        )
        if not path:
            return None
        if not path.lower().endswith(Path(suffix).suffix):
            path += Path(suffix).suffix
        store = self.store

        def write(target, progress):
            from pledges.documents import record_export

            write_atomically(target, build(collect(store, event_id), progress))
            record_export(store, event_id, kind, [target])

        self.job = ExportJob(self.window, self.dialogs, self.tr("Dokumen"), path, write)
        return self.job

    def on_certificates(self) -> None:
        event_id = self.event_id()
        if event_id is None:
            return
        dialog = CertificatesDialog(self.selected_attendee() is not None, self.window)
        if dialog.exec():
            self.certificates(dialog.scope(), dialog.minutes.value(), dialog.output(),
                              pades=dialog.pades.isChecked() and dialog.output() != "print")
        dialog.deleteLater()

    def _chosen_ids(self, record, scope: str, minutes: int) -> list[int]:
        if scope == "selected":
            chosen = self.selected_attendee()
            return [chosen] if chosen in record.signatures else []
        if scope == "recent":
            since = now() - timedelta(minutes=minutes)
            return [a for a, r in record.signatures.items() if r.signed_at >= since]
        return list(record.signatures)

    def _seal_key_if_needed(self, event_id: int, pades: bool = False):
        """(needed, key): the unlocked seal key when some signatures still need their seal (or
        the PDFs are to be digitally signed); needed is False otherwise. A certificate carries
        its seal, so without the key (declined, or no key made) none can be made for the
        unsealed ones."""
        from pledges.documents import unsealed_count

        try:
            pending = unsealed_count(self.store, event_id)
        except StoreError as error:
            self.dialogs.error(self.window, self.tr("Sertifikat"), store_error_text(error))
            return True, None
        if not (pending or pades) or self.seal_keys is None:
            return bool(pending or pades), None
        event = self.store.get_event(event_id)
        key = self.seal_keys.ensure(self.window, required=True,
                                    label=event.organizer_unit or event.institution)
        if key is None and pending:
            self.dialogs.error(self.window, self.tr("Sertifikat"), self.tr(
                "{0} tanda tangan belum disegel. Sertifikat memuat segel tanda tangan, jadi "
                "kunci segel harus dibuka (atau dibuat) dulu.").format(pending))
        elif key is None:
            self.dialogs.error(self.window, self.tr("Sertifikat"), self.tr(
                "Tanda tangan digital PDF memakai kunci segel: buka kunci segel dulu."))
        return True, key

    def certificates(self, scope: str, minutes: int, output: str, pades: bool = False):
        """Certificates for everyone who signed, the last ``minutes``, or the selected person:
        one combined PDF, one file per person in a folder, or straight to a printer.
        Signatures not sealed yet are sealed first (the seal key is asked for). With ``pades``
        each PDF file is also digitally signed (PAdES) with the seal key."""
        from pledges import certificates
        from pledges.documents import collect, record_export
        from pledges.seal import seal_pending

        event_id, store = self.event_id(), self.store
        needed, key = self._seal_key_if_needed(event_id, pades)
        if needed and key is None:
            return None
        city = self.store.get_event(event_id).city

        def signer():
            """Made on the worker (pyHanko takes a second or two to load)."""
            if not pades:
                return None
            from pledges.pades import pdf_signer

            return pdf_signer(key, location=city)
        operator = ""

        def sealed_record():
            if key is not None:
                seal_pending(store, key, event_id, actor=operator)
            return collect(store, event_id)
        if output == "separate":
            folder = self.dialogs.choose_folder(self.window, self.tr("Folder Sertifikat"))
            if not folder:
                return None

            def write(target, progress):
                record = sealed_record()
                ids = self._chosen_ids(record, scope, minutes)
                files = certificates.write_certificates_separate(target, record, ids, progress,
                                                                 sign=signer())
                record_export(store, event_id, "certificates", files)

            self.job = ExportJob(
                self.window,
                self.dialogs,
                self.tr("Sertifikat"),
                folder,
                write,
                open_when_done=False,
            )
            return self.job
        if output == "print":

            def build(_control):
                record = sealed_record()
                return certificates.build_certificates(
                    record, self._chosen_ids(record, scope, minutes)
                )

            return run_task(
                build,
                lambda pdf: print_pdf(self.window, pdf, self.dialogs),
                lambda error: self.dialogs.error(self.window, self.tr("Sertifikat"), str(error)),
            )
        path = self.dialogs.save_file(
            self.window,
            self.tr("Simpan Sertifikat"),
            self._suggested("Sertifikat.pdf"),
            "PDF (*.pdf)",
        )
        if not path:
            return None
        if not path.lower().endswith(".pdf"):
            path += ".pdf"

        def write_one(target, progress):
            record = sealed_record()
            certificates.write_certificates_combined(
                target, record, self._chosen_ids(record, scope, minutes), progress,
                sign=signer()
            )
            record_export(store, event_id, "certificates", [target])

        self.job = ExportJob(self.window, self.dialogs, self.tr("Sertifikat"), path, write_one)
        return self.job


class CertificatesDialog(QDialog):
    """Which certificates (everyone who signed, the last N minutes, the selected person) and
    where to (one PDF, one file per person, a printer)."""

    def __init__(self, has_selection: bool, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sertifikat Ikrar"))
        who = QGroupBox(self.tr("Untuk siapa"))
        self.all = QRadioButton(self.tr("Semua yang sudah menandatangani"))
        self.recent = QRadioButton(self.tr("Yang menandatangani dalam menit terakhir:"))
        self.selected = QRadioButton(self.tr("Peserta yang dipilih di daftar"))
        self.selected.setEnabled(has_selection)
        self.minutes = QSpinBox()
        self.minutes.setRange(1, 24 * 60)
        self.minutes.setValue(15)
        self.all.setChecked(True)
        self.scopes = QButtonGroup(self)
        who_layout = QVBoxLayout(who)
        for button in (self.all, self.recent):
            self.scopes.addButton(button)
            who_layout.addWidget(button)
        who_layout.addWidget(self.minutes)
        self.scopes.addButton(self.selected)
        who_layout.addWidget(self.selected)
        where = QGroupBox(self.tr("Ke mana"))
        self.combined = QRadioButton(self.tr("Satu berkas PDF untuk dicetak"))
        self.separate = QRadioButton(self.tr("Satu berkas PDF per orang, dalam satu folder"))
        self.printer = QRadioButton(self.tr("Langsung ke printer\u2026"))
        self.combined.setChecked(True)
        self.outputs = QButtonGroup(self)
        where_layout = QVBoxLayout(where)
        for button in (self.combined, self.separate, self.printer):
            self.outputs.addButton(button)
            where_layout.addWidget(button)
        self.pades = QCheckBox(self.tr(
            "Tandatangani berkas PDF secara digital (PAdES) dengan kunci segel"))
        self.pades.setToolTip(self.tr(
            "Pembaca PDF menampilkan berkas sebagai bertanda tangan; kode QR tetap dapat "
            "diperiksa seperti biasa."))
        where_layout.addWidget(self.pades)
        self.printer.toggled.connect(lambda on: self.pades.setEnabled(not on))
        buttons = dialog_buttons(self, self.tr("Batal"), self.tr("Buat"))
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(self.tr("Sertifikat dibuat untuk peserta yang sudah menandatangani ikrar."))
        )
        layout.addWidget(who)
        layout.addWidget(where)
        layout.addWidget(buttons)

    def scope(self) -> str:
        return (
            "recent"
            if self.recent.isChecked()
            else "selected"
            if self.selected.isChecked()
            else "all"
        )

    def output(self) -> str:
        return (
            "separate"
            if self.separate.isChecked()
            else "print"
            if self.printer.isChecked()
            else "combined"
        )


def render_pdf_pages(pdf: bytes, dpi: int):
    """Yield each page of a PDF as a QImage at ``dpi``."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        for index in range(len(document)):
            page = document[index]
            bitmap = page.render(scale=dpi / 72)
            image = bitmap.to_pil().convert("RGB")
            data = image.tobytes("raw", "RGB")
            yield QImage(
                data, image.width, image.height, 3 * image.width, QImage.Format.Format_RGB888
            ).copy()
    finally:
        document.close()


def print_pdf(
    parent: QWidget, pdf: bytes, dialogs: DialogService, printer: QPrinter | None = None
) -> bool:
    """Print a finished PDF through Qt's print dialog (a real printer, or a PDF file)."""
    if printer is None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
    painter = QPainter()
    if not painter.begin(printer):
        dialogs.error(
            parent,
            QCoreApplication.translate("Documents", "Cetak"),
            QCoreApplication.translate("Documents", "Printer tidak dapat dipakai."),
        )
        return False
    try:
        dpi = min(printer.resolution(), 300)
        for number, image in enumerate(render_pdf_pages(pdf, dpi)):
            if number:
                printer.newPage()
            area = QRectF(printer.pageLayout().paintRectPixels(printer.resolution()))
            area.moveTo(0, 0)
            size = image.size().scaled(area.size().toSize(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRectF(area.topLeft(), size.toSizeF()), image)
    finally:
        painter.end()  # WORKAROUND: an exception with a painter open on a QPrinter crashes Qt
    return True
