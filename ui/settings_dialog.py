"""Settings the user changes from the menu: the interface language, the database."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
)

from ui import settings as opts
from ui.settings import LANGUAGES, Settings
from ui.widgets import dialog_buttons

if TYPE_CHECKING:
    from ui.worker import Task


class LanguageDialog(QDialog):
    """Choose Bahasa Indonesia or English; applied when the app next starts.

    Attributes:
        changed: True when the user chose another language than before.
    """

    def __init__(self, settings: Settings, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.changed = False
        self.setWindowTitle(self.tr("Bahasa"))
        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(self.language.findData(settings.get(opts.LANGUAGE)))
        form = QFormLayout()
        form.addRow(self.tr("Bahasa antarmuka"), self.language)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def accept(self) -> None:
        chosen = self.language.currentData()
        self.changed = chosen != self.settings.get(opts.LANGUAGE)
        self.settings.set(opts.LANGUAGE, chosen)
        super().accept()


class DatabaseDialog(QDialog):
    """Where the data lives: this laptop's file (one desk) or a PostgreSQL server (several desks
    of one event). "Tes Koneksi" connects off the GUI thread and changes nothing; the choice is
    used when Ikrar next starts (``--db`` on the command line still wins).

    Attributes:
        changed: True when the user saved another database than before.
        task: the connection test running, if any (tests wait for it).
    """

    def __init__(self, settings: Settings, current_location: str = "", parent=None):
        super().__init__(parent)
        self.settings = settings
        self.changed = False
        self.task: Task | None = None
        self.setWindowTitle(self.tr("Basis Data"))
        saved = settings.get(opts.DATABASE)  # never holds the password (see Settings)
        self.saved = saved
        self.local = QRadioButton(self.tr("Berkas di laptop ini (satu meja)"))
        self.server = QRadioButton(self.tr("Server PostgreSQL (beberapa meja, satu acara)"))
        self.url = QLineEdit(saved)
        self.url.setPlaceholderText("postgresql://ikrar@192.168.1.10/ikrar")
        self.url.setMinimumWidth(420)
        # The password is typed here, kept apart from the settings, and never shown again.
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.has_saved_password = bool(saved and settings.database_url() != saved)
        self.password.setPlaceholderText(
            self.tr("(tersimpan; ketik untuk mengganti)") if self.has_saved_password
            else self.tr("kata sandi server"))
        (self.server if saved else self.local).setChecked(True)
        self.test_button = QPushButton(self.tr("Tes Koneksi"))
        self.test_button.clicked.connect(self.on_test)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        note = QLabel(self.tr("Sekarang: {0}\nPerubahan dipakai setelah Ikrar dibuka ulang. "
                              "Pindahkan acara dengan perintah \u201cevent push\u201d / "
                              "\u201cevent pull\u201d.").format(current_location))
        note.setWordWrap(True)
        self.local.toggled.connect(self._update)
        form = QFormLayout()
        form.addRow(self.local)
        form.addRow(self.server)
        form.addRow(self.tr("Alamat server"), self.url)
        form.addRow(self.tr("Kata sandi"), self.password)
        row = QHBoxLayout()
        row.addWidget(self.test_button)
        row.addWidget(self.result_label, 1)
        buttons = dialog_buttons(self, self.tr("Batal"), self.tr("Simpan"),
                                 accept_button=QDialogButtonBox.StandardButton.Save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self._update()

    def chosen(self) -> str:
        """What would be used: "" for this laptop's file, else the URL as typed, with the
        password typed (or the one kept for the same address, or one typed in the URL)."""
        from ui.secrets import join_password, split_password

        if self.local.isChecked():
            return ""
        typed = self.url.text().strip()
        bare, in_url = split_password(typed)
        password = self.password.text() or in_url
        if not password and bare == self.saved and self.has_saved_password:
            return self.settings.database_url()
        return join_password(bare, password)

    def _update(self) -> None:
        self.url.setEnabled(self.server.isChecked())
        self.password.setEnabled(self.server.isChecked())
        self.test_button.setEnabled(self.task is None)

    @Slot()
    def on_test(self) -> None:
        """Connect in the background; say what was found, or why it failed."""
        from events.store import default_db_path, probe
        from ui.worker import run_task

        if self.task is not None:
            return
        target = self.chosen() or None
        if self.server.isChecked() and "://" not in (target or ""):
            self._show("error", self.tr("Tulis alamat server, mis. "
                                        "postgresql://ikrar:sandi@192.168.1.10/ikrar"))
            return
        self._show("idle", self.tr("Menghubungi\u2026"))
        where = target if target is not None else default_db_path()  # None: this laptop's file
        self.task = run_task(lambda _control: probe(where), self._tested, self._failed)
        self._update()

    def _tested(self, found: dict) -> None:
        self.task = None
        self._update()
        if not found["ready"]:
            self._show("error", self.tr("Tersambung, tetapi basis data ini milik program lain; "
                                        "pakai basis data kosong khusus untuk Ikrar."))
            return
        engine = "PostgreSQL" if found["engine"] == "postgresql" else "SQLite"
        state = (self.tr("siap dipakai (skema versi {0})").format(found["revision"])
                 if found["revision"] else
                 self.tr("kosong; Ikrar menyiapkan tabelnya saat pertama dibuka"))
        self._show("ok", self.tr("\u2714 Tersambung ke {0} {1}: {2}").format(
            engine, found["server_version"], state))

    def _failed(self, error: Exception) -> None:
        from events.store import StoreError
        from ui.texts import store_error_text

        self.task = None
        self._update()
        if not isinstance(error, StoreError):
            raise error
        self._show("error", self.tr("Gagal tersambung. {0}").format(store_error_text(error)))

    def _show(self, kind: str, text: str) -> None:
        from ui.widgets import STYLES

        self.result_label.setText(text)
        self.result_label.setStyleSheet(STYLES[kind] + " padding:4px;")
        self.result_label.setProperty("kind", kind)

    def accept(self) -> None:
        chosen = self.chosen()
        if self.server.isChecked() and "://" not in chosen:
            self._show("error", self.tr("Tulis alamat server, mis. "
                                        "postgresql://ikrar:sandi@192.168.1.10/ikrar"))
            return
        self.changed = chosen != self.settings.database_url()
        self.settings.set_database_url(chosen)
        super().accept()
