"""The roster import wizard: choose a file, check the columns, review the problems, import.

Reading and validating the file, and storing the rows, run on the thread pool; the wizard shows
a progress bar and can be cancelled while the file is read. Nothing is stored until the user
presses "Impor", and then all good rows are stored in one transaction, or none.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from events.roster_import import (
    FIELD_LABELS,
    FIELDS,
    ImportPlan,
    Problem,
    RosterFileError,
    column_letter,
    plan_for_event,
    replan,
    write_problems_csv,
)
from events.store import Store, StoreError
from ui import settings as opts
from ui.services import DialogService
from ui.settings import Settings
from ui.stored import shown
from ui.table_model import FlatTableModel
from ui.texts import category_label, problem_text, store_error_text
from ui.worker import Task, run_task

_Index = QModelIndex | QPersistentModelIndex


def field_label(name: str) -> str:
    """The translated label of an import field."""
    from PySide6.QtCore import QCoreApplication

    labels = {
        "no": QCoreApplication.translate("ImportWizard", "No."),
        "name": QCoreApplication.translate("ImportWizard", "Nama"),
        "title_front": QCoreApplication.translate("ImportWizard", "Gelar depan"),
        "title_back": QCoreApplication.translate("ImportWizard", "Gelar belakang"),
        "nip": QCoreApplication.translate("ImportWizard", "NIP"),
        "nik": QCoreApplication.translate("ImportWizard", "NIK"),
        "golongan": QCoreApplication.translate("ImportWizard", "Pangkat/Gol."),
        "jabatan": QCoreApplication.translate("ImportWizard", "Jabatan"),
        "eselon": QCoreApplication.translate("ImportWizard", "Eselon"),
        "unit": QCoreApplication.translate("ImportWizard", "Unit Kerja"),
        "institution": QCoreApplication.translate("ImportWizard", "Instansi"),
        "phone": QCoreApplication.translate("ImportWizard", "No. HP"),
        "category": QCoreApplication.translate("ImportWizard", "Kategori"),
        "note": QCoreApplication.translate("ImportWizard", "Keterangan"),
    }
    return labels.get(name, FIELD_LABELS.get(name, name))


class ProblemModel(FlatTableModel):
    """The problems of an import plan, one per row: sheet, row, column, message, value."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._problems: list[Problem] = []

    def set_problems(self, problems: list[Problem]) -> None:
        self.beginResetModel()
        self._problems = sorted(problems, key=lambda p: (not p.is_error, p.sheet, p.row or 0))
        self.endResetModel()

    column_count = 6

    def headers(self) -> list[str]:
        return [self.tr("Jenis"), self.tr("Lembar"), self.tr("Baris"), self.tr("Kolom"),
                self.tr("Masalah"), self.tr("Isi sel")]

    # row_count and data over this model's own list, as FlatTableModel asks: alike in shape only
    def row_count(self) -> int:
        return len(self._problems)

    def data(self, index: _Index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        p = self._problems[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return [
                self.tr("Ditolak") if p.is_error else self.tr("Peringatan"),
                p.sheet,
                "" if p.row is None else p.row,
                p.column or "",
                problem_text(p.code, {}, p.message),
                p.value,
            ][index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 0:
            return QColor("#b00020") if p.is_error else QColor("#8a5a00")
        return None


class FilePage(QWizardPage):
    """Step 1: which file, read off the GUI thread with a progress bar and a cancel button."""

    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Pilih berkas daftar undangan"))
        self.setSubTitle(self.tr("Berkas Excel (.xlsx) atau CSV dari penyelenggara. Judul, kop, "
                                 "baris kosong dan baris JUMLAH dikenali sendiri."))
        self.path = QLineEdit()
        self.path.setPlaceholderText(self.tr("Lokasi berkas .xlsx atau .csv"))
        self.path.textChanged.connect(self.completeChanged)
        browse = QPushButton(self.tr("Pilih Berkas\u2026"))
        browse.clicked.connect(self.on_browse)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.cancel = QPushButton(self.tr("Batalkan Pembacaan"))
        self.cancel.hide()
        self.cancel.clicked.connect(self.on_cancel)
        self.status = QLabel()
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        busy = QHBoxLayout()
        busy.addWidget(self.progress, 1)
        busy.addWidget(self.cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addLayout(busy)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self._task: Task | None = None
        self._read_path: str | None = None

    def isComplete(self) -> bool:
        return bool(self.path.text().strip()) and self._task is None

    @Slot()
    def on_browse(self) -> None:
        start = self._wizard.settings.get(opts.LAST_IMPORT_DIR)
        path = self._wizard.dialogs.open_file(
            self, self.tr("Pilih Daftar Undangan"), start,
            self.tr("Daftar undangan (*.xlsx *.xlsm *.csv *.txt);;Semua berkas (*)"))
        if path:
            self.path.setText(path)
            self._wizard.settings.set(opts.LAST_IMPORT_DIR, str(Path(path).parent))

    def validatePage(self) -> bool:
        """Read the file in the background; the wizard moves on when the plan is ready."""
        path = self.path.text().strip()
        if self._wizard.plan is not None and self._read_path == path:
            return True
        self.start_reading(path)
        return False

    def start_reading(self, path: str) -> None:
        store, event_id = self._wizard.store, self._wizard.event_id
        self.status.setText(self.tr("Membaca {0}\u2026").format(Path(path).name))
        self.progress.show()
        self.cancel.show()

        def work(control):
            plan = plan_for_event(store, event_id, path)
            control.progress(1, 1)  # raises Cancelled if the user gave up meanwhile
            return plan

        self._task = run_task(work, self.on_read, self.on_failed, on_cancelled=self.on_cancelled)
        self._read_path = path
        self.completeChanged.emit()

    def _done(self) -> None:
        self._task = None
        self.progress.hide()
        self.cancel.hide()
        self.completeChanged.emit()

    @Slot()
    def on_cancel(self) -> None:
        if self._task is not None:
            self._task.control.cancel()

    def on_cancelled(self) -> None:
        self._done()
        self._read_path = None
        self.status.setText(self.tr("Pembacaan dibatalkan."))

    def on_read(self, plan: ImportPlan) -> None:
        self._done()
        self._wizard.set_plan(plan)
        self.status.setText("")
        self._wizard.next()

    def on_failed(self, error: Exception) -> None:
        self._done()
        self._read_path = None
        if isinstance(error, RosterFileError):
            text = error.message
        elif isinstance(error, StoreError):
            text = store_error_text(error)
        else:
            text = self.tr("Berkas tidak dapat dibaca: {0}").format(error)
        self.status.setText("<span style='color:#b00020'>" + text + "</span>")


class ColumnsPage(QWizardPage):
    """Step 2: per sheet, the header row and which column holds which field, with a preview."""

    # Each page sets itself up as QWizardPage asks (title, subtitle, fields): alike in shape only.

    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Periksa kolom"))
        self.setSubTitle(self.tr("Ikrar menebak isi setiap kolom. Perbaiki bila keliru; "
                                 "pratinjau di bawah langsung mengikuti."))
        self.sheet = QComboBox()
        self.sheet.currentIndexChanged.connect(self.on_sheet_changed)
        self.include = QCheckBox(self.tr("Impor lembar ini"))
        self.include.toggled.connect(self.on_include)
        self.header_row = QSpinBox()
        self.header_row.setRange(1, 10_000)
        self.header_row.setMaximumWidth(120)
        self.header_row.editingFinished.connect(self.on_header_row)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.combos_box = QWidget()
        self.combos = QGridLayout(self.combos_box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.combos_box)
        scroll.setMinimumHeight(200)
        self.preview = QTableView()
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.verticalHeader().hide()
        self.preview.setWordWrap(False)
        self.preview_model = _PreviewModel(self)
        self.preview.setModel(self.preview_model)
        top = QFormLayout()
        sheet_row = QHBoxLayout()
        sheet_row.addWidget(self.sheet, 1)
        sheet_row.addWidget(self.include)
        top.addRow(self.tr("Lembar"), sheet_row)
        top.addRow(self.tr("Baris judul kolom"), self.header_row)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.info)
        layout.addWidget(scroll, 1)
        layout.addWidget(QLabel(self.tr("Pratinjau (baris pertama yang akan dibaca):")))
        layout.addWidget(self.preview, 1)
        self._loading = False

    def initializePage(self) -> None:
        plan = self._wizard.read_plan()
        self._loading = True
        self.sheet.clear()
        for sheet in plan.sheets:
            self.sheet.addItem(sheet.name)
        self._loading = False
        self.show_sheet()

    def current_sheet(self):
        return self._wizard.read_plan().sheet(self.sheet.currentText())

    def show_sheet(self) -> None:
        if self.sheet.count() == 0:
            return
        sheet = self.current_sheet()
        self._loading = True
        self.include.setChecked(sheet.include)
        rows = len(self._wizard.read_plan().raw_rows(sheet.name, 1, 1_000_000)) or 1
        self.header_row.setMaximum(rows)
        self.header_row.setValue(sheet.header_row or 1)
        while self.combos.count():
            item = self.combos.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget:
                widget.deleteLater()
        self.combos.addWidget(QLabel("<b>" + self.tr("Kolom") + "</b>"), 0, 0)
        self.combos.addWidget(QLabel("<b>" + self.tr("Judul di berkas") + "</b>"), 0, 1)
        self.combos.addWidget(QLabel("<b>" + self.tr("Dibaca sebagai") + "</b>"), 0, 2)
        self.column_combos: list[QComboBox] = []
        for i, (index, header, mapped) in enumerate(sheet.columns, start=1):
            combo = QComboBox()
            combo.addItem(self.tr("(abaikan)"), None)
            for name in FIELDS:
                combo.addItem(field_label(name), name)
            combo.setCurrentIndex(max(combo.findData(mapped), 0))
            combo.currentIndexChanged.connect(self.on_mapping_changed)
            combo.setProperty("column", index)
            self.combos.addWidget(QLabel(column_letter(index)), i, 0)
            self.combos.addWidget(QLabel(header or "\u2014"), i, 1)
            self.combos.addWidget(combo, i, 2)
            self.column_combos.append(combo)
        self._loading = False
        if sheet.header_row is None:
            self.info.setText(self.tr("Baris judul kolom tidak ditemukan di lembar ini; "
                                      "lembar ini tidak diimpor kecuali Anda memilih barisnya."))
        else:
            self.info.setText(self.tr("{0} orang terbaca, baris {1} sampai {2}.").format(
                sheet.data_rows, sheet.first_data_row or "-", sheet.last_data_row or "-"))
        self.preview_model.set_sheet(sheet)
        self.preview.resizeColumnsToContents()

    @Slot(int)
    def on_sheet_changed(self, _index: int) -> None:
        if not self._loading:
            self.show_sheet()

    def _replan(self, **changes) -> None:
        try:
            plan = replan(self._wizard.read_plan(), self.sheet.currentText(), **changes)
        except (RosterFileError, ValueError) as error:
            # e.g. a header row below the sheet's last row: keep reading the sheet as before,
            # and show the controls as they are, not as they were typed.
            if isinstance(error, RosterFileError):
                text = error.message
            elif "header_row" in changes:
                text = self.tr("Baris {0} tidak ada di lembar ini.").format(changes["header_row"])
            else:
                text = str(error)
            self.show_sheet()
            self.info.setText(text)
            return
        self._wizard.set_plan(plan)
        self.show_sheet()

    @Slot(bool)
    def on_include(self, checked: bool) -> None:
        if not self._loading:
            self._replan(include=checked)

    @Slot()
    def on_header_row(self) -> None:
        if not self._loading and self.header_row.value() != self.current_sheet().header_row:
            self._replan(header_row=self.header_row.value())

    @Slot(int)
    def on_mapping_changed(self, _index: int) -> None:
        if self._loading:
            return
        mapping: dict[str, int | None] = dict.fromkeys(FIELDS)
        for combo in self.column_combos:
            name = combo.currentData()
            if name:
                mapping[name] = combo.property("column")
        self._replan(mapping=mapping)


class _PreviewModel(QAbstractTableModel):
    """The first rows of a sheet under its headers, as the mapping reads them."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._headers: list[str] = []
        self._rows: list[tuple[int, tuple[str, ...]]] = []

    def set_sheet(self, sheet) -> None:
        self.beginResetModel()
        self._headers = []
        for i, header in enumerate(sheet.headers):
            name = sheet.field_of(i)
            label = field_label(name) if name else self.tr("(abaikan)")
            same = header and label.lower().strip(". ") == header.lower().strip(". ")
            self._headers.append(label if same or not header else f"{label}\n({header})")
        self._rows = list(sheet.preview)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers) + 1

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr("Baris") if section == 0 else self._headers[section - 1]
        return None

    def data(self, index: _Index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        row, cells = self._rows[index.row()]
        if index.column() == 0:
            return row
        column = index.column() - 1
        return cells[column] if column < len(cells) else ""


class ReviewPage(QWizardPage):
    """Step 3: counts per category and every problem by row; "Impor" stores the good rows."""

    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Tinjau dan impor"))
        self.setSubTitle(self.tr("Baris yang ditolak tidak diimpor; perbaiki di berkas lalu impor "
                                 "ulang. Baris dengan peringatan diimpor."))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        # The same file imported before: said above everything else on the page.
        self.same_file = QLabel()
        self.same_file.setWordWrap(True)
        self.same_file.setStyleSheet(
            "QLabel { background: #fff4d6; color: #5c3d00; border: 1px solid #e0b050;"
            " border-radius: 4px; padding: 8px; }")
        self.same_file.hide()
        self.problems = ProblemModel(self)
        self.table = QTableView()
        self.table.setModel(self.problems)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.progress = QProgressBar()
        self.progress.hide()
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.save_problems = QPushButton(self.tr("Simpan Daftar Masalah\u2026"))
        self.save_problems.setToolTip(self.tr(
            "Simpan daftar masalah sebagai CSV untuk dikirim ke pembuat daftar undangan"))
        self.save_problems.clicked.connect(self.on_save_problems)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_problems)
        layout = QVBoxLayout(self)
        layout.addWidget(self.same_file)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.result)
        self.imported: int | None = None
        self._busy = False

    def initializePage(self) -> None:
        plan = self._wizard.read_plan()
        lines = [self.tr("<b>{0} orang siap diimpor</b>, {1} baris ditolak.").format(
            len(plan.good), plan.error_rows)]
        lines += [f"{category_label(c)}: {n}" for c, n in plan.by_category.items()]
        self.summary.setText("<br>".join(lines))
        earlier = plan.earlier_import
        self.same_file.setVisible(earlier is not None)
        self.same_file.setText("" if earlier is None else
                               problem_text(earlier.code, {}, earlier.message))
        self.save_problems.setEnabled(bool(plan.problems))
        self.problems.set_problems(plan.problems)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.result.setText("")
        self.imported = None
        self._wizard.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Impor"))

    def isComplete(self) -> bool:
        return bool(self._wizard.plan and self._wizard.plan.good) and not self._busy

    @Slot()
    def on_save_problems(self) -> None:
        """Save the problems as a CSV to send back to the office that made the file. The
        problem texts stay Indonesian whatever the UI's language: the office reads them."""
        plan = self._wizard.read_plan()
        suggested = plan.path.with_name(plan.path.stem + " - daftar masalah.csv")
        path = self._wizard.dialogs.save_file(
            self, self.tr("Simpan Daftar Masalah"), str(suggested), self.tr("CSV (*.csv)"))
        if not path:
            return
        if not path.lower().endswith(".csv"):
            path += ".csv"
        try:
            write_problems_csv(path, plan.problems)
        except OSError as error:
            self._wizard.dialogs.error(self, self.tr("Simpan Daftar Masalah"), self.tr(
                "Daftar masalah tidak tersimpan: {0}").format(error.strerror or str(error)))
            return
        self.result.setText(self.tr("Daftar masalah disimpan: {0}").format(Path(path).name))

    def validatePage(self) -> bool:
        if self.imported is not None:
            return True
        self.start_import()
        return False

    def start_import(self) -> None:
        store, event_id = self._wizard.store, self._wizard.event_id
        plan = self._wizard.read_plan()
        people = plan.good_attendees()
        self._busy = True
        self.completeChanged.emit()
        self.progress.setRange(0, 0)
        self.progress.show()
        self.result.setText(self.tr("Menyimpan {0} peserta\u2026").format(len(people)))
        self._wizard.button(QWizard.WizardButton.BackButton).setEnabled(False)
        self._wizard.button(QWizard.WizardButton.CancelButton).setEnabled(False)

        def work(_control):
            return len(store.add_attendees(event_id, people, source_file=plan.path.name,
                                           file_sha256=plan.sha256))

        run_task(work, self.on_imported, self.on_failed)

    def _idle(self) -> None:
        self._busy = False
        self.progress.hide()
        self._wizard.button(QWizard.WizardButton.BackButton).setEnabled(True)
        self._wizard.button(QWizard.WizardButton.CancelButton).setEnabled(True)
        self.completeChanged.emit()

    def on_imported(self, count: int) -> None:
        self.imported = count
        self._idle()
        self.result.setText(self.tr("{0} peserta diimpor.").format(count))
        self._wizard.accept()

    def on_failed(self, error: Exception) -> None:
        self._idle()
        text = store_error_text(error) if isinstance(error, StoreError) else str(error)
        self.result.setText("<span style='color:#b00020'>" + self.tr(
            "Tidak ada yang diimpor: {0}").format(text) + "</span>")


class ImportWizard(QWizard):
    """Import an invitation roster into one event.

    Attributes:
        plan: the current import plan (None until a file was read).
        imported: how many attendees were stored, once done.
    """

    def __init__(self, store: Store, event_id: int, parent=None,
                 dialogs: DialogService | None = None, settings: Settings | None = None):
        super().__init__(parent)
        self.store = store
        self.event_id = event_id
        self.dialogs = dialogs or DialogService()
        self.settings = settings or Settings()
        self.plan: ImportPlan | None = None
        self.setWindowTitle(self.tr("Impor Daftar Undangan"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Lanjut >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< Kembali"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Batal"))
        self.resize(900, 640)
        self.file_page = FilePage(self)
        self.columns_page = ColumnsPage(self)
        self.review_page = ReviewPage(self)
        for page in (self.file_page, self.columns_page, self.review_page):
            self.addPage(page)

    def set_plan(self, plan: ImportPlan) -> None:
        self.plan = plan

    def read_plan(self) -> ImportPlan:
        """The plan of the file read on the first page (the later pages open only after it)."""
        return shown(self.plan, "roster file")

    @property
    def imported(self) -> int | None:
        return self.review_page.imported
