"""Exporting and printing the event's documents: certificates, Daftar Hadir, Berita Acara and the
public roster. The menu is made from pledges.documents.registry; every export goes through
pledges.documents.export on the thread pool (ui.export_job); printing renders the finished PDF's
pages onto the printer chosen in Qt's print dialog."""

from __future__ import annotations

import re
from collections.abc import Callable

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
from pledges.documents.export import (
    EVERYONE,
    LastMinutes,
    OnePerson,
    Scope,
    build,
    export,
    seal_if_needed,
)
from pledges.documents.record import unsealed_count
from pledges.documents.registry import CONTEXT, EXPORTERS, Exporter
from ui.export_job import ExportJob
from ui.services import DialogService
from ui.stored import shown
from ui.texts import store_error_text
from ui.widgets import dialog_buttons
from ui.worker import run_task


def safe_name(text: str) -> str:
    return re.sub(r"[^0-9A-Za-z]+", "_", text).strip("_")[:60] or "acara"


def label(exporter: Exporter) -> str:
    """The exporter's menu text in the user's language."""
    return QCoreApplication.translate(CONTEXT, exporter.label)


class Documents(QObject):
    """The "Dokumen" menu of the window, for the event it is told about: one entry per
    exporter of :mod:`pledges.documents.registry`, each written by
    :func:`pledges.documents.export.export` on the thread pool. What the GUI knows (which
    attendee is selected, the unlocked seal key) is read here, on the GUI thread, before the
    work starts; the work never touches a widget."""

    def __init__(
        self,
        parent: QWidget,
        # the window's collaborators, kept as ExportJob and LivePoll keep theirs: alike in shape
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
        for exporter in EXPORTERS.values():
            action = QAction(label(exporter), menu)
            if exporter.per_person:
                action.triggered.connect(self.on_certificates)
                menu.addAction(action)
                menu.addSeparator()
            else:
                action.triggered.connect(lambda _checked=False, k=exporter.kind: self.export(k))
                menu.addAction(action)

    def _suggested(self, suffix: str) -> str:
        event = self.store.get_event(shown(self.event_id(), "event"))
        return f"{safe_name(event.name)}_{suffix}"

    def _save_path(self, title: str, exporter: Exporter) -> str | None:
        path = self.dialogs.save_file(self.window, title, self._suggested(exporter.suffix),
                                      QCoreApplication.translate(CONTEXT, exporter.file_filter))
        if not path:
            return None
        if not path.lower().endswith(exporter.extension):
            path += exporter.extension
        return path

    def export(self, kind: str) -> ExportJob | None:
        """Ask where, then build and write the document off the GUI thread."""
        event_id = self.event_id()
        if event_id is None:
            return None
        path = self._save_path(self.tr("Simpan Dokumen"), EXPORTERS[kind])
        if not path:
            return None
        store = self.store

        def write(target, progress):
            return export(store, event_id, kind, target, progress=progress)

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

    def _scope(self, scope: str, minutes: int) -> Scope:
        """The dialog's choice as a value; the selected attendee is read now, on the GUI
        thread."""
        if scope == "selected":
            return OnePerson(self.selected_attendee())
        if scope == "recent":
            return LastMinutes(minutes)
        return EVERYONE

    def _seal_key_if_needed(self, event_id: int, pades: bool = False):
        """(needed, key): the unlocked seal key when some signatures still need their seal (or
        the PDFs are to be digitally signed); needed is False otherwise. A certificate carries
        its seal, so without the key (declined, or no key made) none can be made for the
        unsealed ones."""
        try:
            pending = unsealed_count(self.store, event_id)
        except StoreError as error:
            self.dialogs.error(self.window, self.tr("Surat Pernyataan"), store_error_text(error))
            return True, None
        if not (pending or pades) or self.seal_keys is None:
            return bool(pending or pades), None
        event = self.store.get_event(event_id)
        key = self.seal_keys.ensure(self.window, required=True,
                                    label=event.organizer_unit or event.institution)
        if key is None and pending:
            self.dialogs.error(self.window, self.tr("Surat Pernyataan"), self.tr(
                "{0} tanda tangan belum disegel. Surat pernyataan memuat segel tanda tangan, jadi "
                "kunci segel harus dibuka (atau dibuat) dulu.").format(pending))
        elif key is None:
            self.dialogs.error(self.window, self.tr("Surat Pernyataan"), self.tr(
                "Tanda tangan digital PDF memakai kunci segel: buka kunci segel dulu."))
        return True, key

    def certificates(self, scope: str, minutes: int, output: str, pades: bool = True):
        """Certificates for everyone who signed, the last ``minutes``, or the selected person:
        one combined PDF, one file per person in a folder, or straight to a printer.
        Signatures not sealed yet are sealed first (the seal key is asked for). Each PDF file is
        digitally signed (PAdES) with the seal key unless ``pades`` is False."""
        event_id, store = shown(self.event_id(), "event"), self.store
        needed, key = self._seal_key_if_needed(event_id, pades)
        if needed and key is None:
            return None
        chosen = self._scope(scope, minutes)
        city = self.store.get_event(event_id).city

        def signer():
            """Made on the worker (pyHanko takes a second or two to load)."""
            if not pades:
                return None
            from pledges.pades import pdf_signer

            return pdf_signer(key, location=city)

        if output == "print":

            def build_for_printer(_control):
                seal_if_needed(store, event_id, "certificates", key)
                return build(store, event_id, "certificates", scope=chosen)[1]

            return run_task(
                build_for_printer,
                lambda pdf: print_pdf(self.window, pdf, self.dialogs),
                lambda error: self.dialogs.error(self.window, self.tr("Surat Pernyataan"),
                                                 str(error)),
            )
        combined = output != "separate"
        if combined:
            target = self._save_path(self.tr("Simpan Surat Pernyataan"), EXPORTERS["certificates"])
        else:
            target = self.dialogs.choose_folder(self.window, self.tr("Folder Surat Pernyataan"))
        if not target:
            return None

        def write(out, progress):
            return export(store, event_id, "certificates", out, scope=chosen, key=key,
                          sign=signer(), combined=combined, progress=progress)

        self.job = ExportJob(self.window, self.dialogs, self.tr("Surat Pernyataan"), target, write,
                             open_when_done=combined)
        return self.job


class CertificatesDialog(QDialog):
    """Which certificates (everyone who signed, the last N minutes, the selected person) and
    where to (one PDF, one file per person, a printer)."""

    def __init__(self, has_selection: bool, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Surat Pernyataan"))
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
            "Pembaca PDF menampilkan berkas sebagai bertanda tangan, dan pemeriksaan keaslian "
            "dapat membuktikan setiap halaman berkas; tanpa tanda tangan digital hanya kode QR "
            "yang dapat diperiksa."))
        self.pades.setChecked(True)  # what makes a certificate file verifiable as a whole
        where_layout.addWidget(self.pades)
        self.printer.toggled.connect(lambda on: self.pades.setEnabled(not on))
        buttons = dialog_buttons(self, self.tr("Batal"), self.tr("Buat"))
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(self.tr("Surat pernyataan dibuat untuk peserta yang sudah menandatanganinya."))
        )
        layout.addWidget(who)
        layout.addWidget(where)
        layout.addWidget(buttons)

    def scope(self) -> str:
        """"all", "recent" or "selected"."""
        return _checked({"recent": self.recent, "selected": self.selected}, "all")

    def output(self) -> str:
        """"combined", "separate" or "print"."""
        return _checked({"separate": self.separate, "print": self.printer}, "combined")


def _checked(choices: dict[str, QRadioButton], default: str) -> str:
    return next((name for name, button in choices.items() if button.isChecked()), default)


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
