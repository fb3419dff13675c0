"""Message boxes and file dialogs behind one object, so tests can answer them.

Qt ships no Indonesian catalogue of its own texts (there is no ``qtbase_id.qm``), so the buttons
and labels of the boxes and dialogs made here are set through tr(): Ya/Tidak, OK/Batal.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ui import settings as opts
from ui.key_create_dialog import ask_new_key
from ui.settings import Settings

# Kinds of file whose last folder is remembered, each on its own (see opts.FOLDERS).
ROSTER, DOCUMENTS, KEYS, VERIFY = "roster", "documents", "keys", "verify"
_PATTERN = re.compile(r"\*\.(\w+)")


def folder_kind(filters: str, saving: bool) -> str:
    """The kind of file a dialog is for, from the patterns of its filter (which stay
    untranslated): seal keys (*.pem), a roster to import (a workbook or CSV opened), a
    certificate to verify (a PDF or image opened); what is saved is a document."""
    suffixes = set(_PATTERN.findall(filters.lower()))
    if "pem" in suffixes:
        return KEYS
    if saving:
        return DOCUMENTS
    if suffixes & {"xlsx", "xlsm", "csv", "txt"}:
        return ROSTER
    return VERIFY


def documents_folder() -> str:
    """The user's Documents folder (their home when it does not exist: the dialog would else
    open in the program's folder)."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return documents if documents and Path(documents).is_dir() else str(Path.home())


def _tr(text: str) -> str:
    return QCoreApplication.translate("DialogService", text)


class DialogService:
    """Asks the user; tests replace it with one that answers from a script.

    File dialogs open in the folder last used for the same kind of file (ROSTER, DOCUMENTS,
    KEYS, VERIFY), at first the user's Documents folder, and remember the folder chosen.

    Attributes:
        settings: where the folders are remembered (the app's settings when none is given).
    """

    def __init__(self, settings: Settings | None = None) -> None:
        self._settings = settings

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = Settings()
        return self._settings

    # -- message boxes ------------------------------------------------------------------------

    def confirm(self, parent: QWidget | None, title: str, text: str, *, yes: str = "",
                no: str = "") -> bool:
        """True when the user answers yes; the buttons say ``yes`` and ``no`` (Ya/Tidak when
        not given). Closing the box is no."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        yes_button = box.button(QMessageBox.StandardButton.Yes)
        yes_button.setText(yes or _tr("Ya"))
        box.button(QMessageBox.StandardButton.No).setText(no or _tr("Tidak"))
        box.exec()
        return box.clickedButton() is yes_button

    def save_discard_or_cancel(self, parent: QWidget | None, title: str, text: str) -> str:
        """For unsaved edits: "save", "discard" or "cancel" (also when the box is closed)."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text,
                          QMessageBox.StandardButton.NoButton, parent)
        save = box.addButton(QCoreApplication.translate("DialogService", "Simpan"),
                             QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(QCoreApplication.translate("DialogService", "Buang"),
                                QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QCoreApplication.translate("DialogService", "Batal"),
                               QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        box.setEscapeButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        return "save" if clicked is save else "discard" if clicked is discard else "cancel"

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        self._tell(QMessageBox.Icon.Critical, parent, title, text)

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        self._tell(QMessageBox.Icon.Information, parent, title, text)

    def _tell(self, icon: QMessageBox.Icon, parent: QWidget | None, title: str,
              text: str) -> None:
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
        box.button(QMessageBox.StandardButton.Ok).setText(_tr("OK"))
        box.exec()

    # -- files and folders --------------------------------------------------------------------

    def start_in(self, kind: str, suggested: str = "") -> str:
        """Where a file dialog for ``kind`` opens: ``suggested`` when it names a folder, else
        the folder remembered for the kind (Documents at first), with ``suggested`` as the
        file name when it is one."""
        if suggested and Path(suggested).is_absolute():
            return suggested
        remembered = self.settings.get(opts.FOLDERS[kind])
        folder = remembered if remembered and Path(remembered).is_dir() else documents_folder()
        return str(Path(folder) / suggested) if suggested else folder

    def remember(self, kind: str, path: str, is_folder: bool = False) -> None:
        """Keep the folder of ``path`` (or ``path`` itself, a folder) for the next dialog."""
        self.settings.set(opts.FOLDERS[kind], path if is_folder else str(Path(path).parent))

    def open_file(self, parent: QWidget | None, title: str, directory: str,
                  filters: str, kind: str | None = None) -> str | None:
        return self._file(parent, title, directory, filters, kind, saving=False)

    def save_file(self, parent: QWidget | None, title: str, directory: str,
                  filters: str, kind: str | None = None) -> str | None:
        return self._file(parent, title, directory, filters, kind, saving=True)

    def _file(self, parent: QWidget | None, title: str, directory: str, filters: str,
              kind: str | None, saving: bool) -> str | None:
        kind = kind or folder_kind(filters, saving)
        dialog = self._file_dialog(parent, title, self.start_in(kind, directory), filters)
        if saving:
            dialog.setFileMode(QFileDialog.FileMode.AnyFile)
            dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        else:
            dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
            dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        dialog.setLabelText(QFileDialog.DialogLabel.Accept,
                            _tr("Simpan") if saving else _tr("Buka"))
        return self._chosen(dialog, kind)

    def choose_folder(self, parent: QWidget | None, title: str,
                      kind: str = DOCUMENTS) -> str | None:
        dialog = self._file_dialog(parent, title, self.start_in(kind), "")
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.setLabelText(QFileDialog.DialogLabel.Accept, _tr("Pilih"))
        return self._chosen(dialog, kind, is_folder=True)

    def _file_dialog(self, parent: QWidget | None, title: str, start: str,
                     filters: str) -> QFileDialog:
        return QFileDialog(parent, title, start, filters)

    def _chosen(self, dialog: QFileDialog, kind: str, is_folder: bool = False) -> str | None:
        # Qt's own file dialog (used where the system has none) speaks Indonesian too; set
        # after the mode, which resets the buttons' texts.
        dialog.setLabelText(QFileDialog.DialogLabel.LookIn, _tr("Lihat di:"))
        dialog.setLabelText(QFileDialog.DialogLabel.FileName, _tr("Nama berkas:"))
        dialog.setLabelText(QFileDialog.DialogLabel.FileType, _tr("Jenis berkas:"))
        dialog.setLabelText(QFileDialog.DialogLabel.Reject, _tr("Batal"))
        if not dialog.exec() or not dialog.selectedFiles():
            return None
        path = dialog.selectedFiles()[0]
        self.remember(kind, path, is_folder)
        return path

    # -- short questions ----------------------------------------------------------------------

    def ask_text(self, parent: QWidget | None, title: str, label: str,
                 text: str = "") -> str | None:
        """One line of text from the user, or None when cancelled."""
        return self._ask(parent, title, label, text, QLineEdit.EchoMode.Normal)

    def ask_secret(self, parent: QWidget | None, title: str, label: str) -> str | None:
        """A PIN or password, typed hidden; None when cancelled."""
        return self._ask(parent, title, label, "", QLineEdit.EchoMode.Password)

    def ask_passphrase(self, parent: QWidget | None, title: str, label: str,
                       note: str) -> str | None:
        """A passphrase, typed hidden, under ``note`` (a paragraph saying why it is asked and
        what Cancel means); None when cancelled."""
        dialog = QDialog(parent)
        dialog.setWindowTitle(title)
        explained = QLabel(note)
        explained.setWordWrap(True)
        field = QLineEdit()
        field.setEchoMode(QLineEdit.EchoMode.Password)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_tr("OK"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_tr("Batal"))
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(explained)
        layout.addWidget(QLabel(label))
        layout.addWidget(field)
        layout.addWidget(buttons)
        dialog.resize(460, dialog.sizeHint().height())
        field.setFocus()
        try:
            return field.text() if dialog.exec() else None
        finally:
            dialog.deleteLater()

    def _ask(self, parent: QWidget | None, title: str, label: str, text: str,
             echo: QLineEdit.EchoMode) -> str | None:
        dialog = QInputDialog(parent)
        dialog.setWindowTitle(title)
        dialog.setLabelText(label)
        dialog.setTextEchoMode(echo)
        dialog.setTextValue(text)
        dialog.setOkButtonText(_tr("OK"))
        dialog.setCancelButtonText(_tr("Batal"))
        return dialog.textValue() if dialog.exec() else None

    def ask_new_key(self, parent: QWidget | None, label: str = "") -> tuple[str, str] | None:
        """The organizer's name and a passphrase for a new seal key; None when cancelled."""
        return ask_new_key(parent, label)
