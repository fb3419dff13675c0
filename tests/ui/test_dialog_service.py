"""The real DialogService: Indonesian buttons, and file dialogs that remember their folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QInputDialog, QMessageBox

from ui import services
from ui import settings as opts
from ui.services import DialogService, folder_kind


@pytest.fixture
def service(settings) -> DialogService:
    return DialogService(settings)


def _choose(path: Path | None, started: list[Path]):
    """Plays the user: notes the folder the dialog opened in, then picks ``path`` (None:
    cancels)."""
    def driver(dialog: QFileDialog) -> None:
        started.append(Path(dialog.directory().absolutePath()))
        if path is not None:
            dialog.selectFile(str(path))
            dialog.accept()
    return driver


def test_message_boxes_answer_in_indonesian(qtbot, modal, service):
    seen: list[list[str]] = []

    def say_yes(box: QMessageBox) -> None:
        seen.append(sorted(b.text() for b in box.buttons()))
        box.button(QMessageBox.StandardButton.Yes).click()

    modal(QMessageBox, say_yes)
    assert service.confirm(None, "Hapus", "Hapus peserta ini?") is True
    assert seen == [["Tidak", "Ya"]]

    def close_it(box: QMessageBox) -> None:
        seen.append(sorted(b.text() for b in box.buttons()))
        box.buttons()[-1].click()

    modal(QMessageBox, close_it)
    assert service.confirm(None, "Hapus", "Hapus peserta ini?") is False
    service.info(None, "Info", "Selesai")
    assert seen[1:] == [["Tidak", "Ya"], ["OK"]]


def test_a_question_box_closed_without_an_answer_is_no(qtbot, modal, service):
    modal(QMessageBox, lambda box: None)  # closed with the window's X / Escape
    assert service.confirm(None, "Hapus", "Hapus peserta ini?") is False


def test_input_dialogs_have_indonesian_buttons(qtbot, modal, service):
    seen = []

    def type_pin(dialog: QInputDialog) -> None:
        box = dialog.findChild(QDialogButtonBox)
        seen.append(sorted(b.text() for b in box.buttons()))
        dialog.setTextValue("1234")
        dialog.accept()

    modal(QInputDialog, type_pin)
    assert service.ask_secret(None, "PIN", "PIN petugas") == "1234"
    assert seen == [["Batal", "OK"]]
    modal(QInputDialog, lambda dialog: None)
    assert service.ask_text(None, "Nama", "Nama meja", "Meja 1") is None


def test_file_dialogs_start_in_documents_then_where_the_user_went(qtbot, modal, service,
                                                                  tmp_path, monkeypatch):
    documents = tmp_path / "Dokumen"
    documents.mkdir()
    monkeypatch.setattr(services, "documents_folder", lambda: str(documents))
    rosters, exports = tmp_path / "undangan", tmp_path / "arsip"
    rosters.mkdir()
    exports.mkdir()
    (rosters / "daftar.xlsx").write_bytes(b"")
    started: list[Path] = []
    opened = modal(QFileDialog, _choose(rosters / "daftar.xlsx", started))
    roster_filter = "Daftar undangan (*.xlsx *.xlsm *.csv *.txt);;Semua berkas (*)"

    assert service.open_file(None, "Pilih Daftar Undangan", "", roster_filter) == \
        str(rosters / "daftar.xlsx")
    assert started[-1] == documents
    assert opened[-1].labelText(QFileDialog.DialogLabel.Reject) == "Batal"
    assert opened[-1].labelText(QFileDialog.DialogLabel.Accept) == "Buka"

    modal(QFileDialog, _choose(exports / "Acara_Berita_Acara.pdf", started))
    assert service.save_file(None, "Simpan", "Acara_Berita_Acara.pdf", "PDF (*.pdf)") == \
        str(exports / "Acara_Berita_Acara.pdf")
    assert started[-1] == documents  # another kind of file

    # Next time each kind opens where it was left, the suggested name kept.
    modal(QFileDialog, _choose(None, started))  # cancelled: nothing remembered, nothing chosen
    assert service.open_file(None, "Pilih Daftar Undangan", "", roster_filter) is None
    assert started[-1] == rosters
    assert service.save_file(None, "Simpan", "Acara_Daftar_Hadir.xlsx",
                             "Buku kerja Excel (*.xlsx)") is None
    assert started[-1] == exports
    assert opened[-1].labelText(QFileDialog.DialogLabel.Accept) == "Simpan"
    assert service.settings.get(opts.LAST_IMPORT_DIR) == str(rosters)  # the wizard's own
    assert service.settings.get(opts.FOLDERS["keys"]) == ""


def test_a_remembered_folder_that_is_gone_falls_back_to_documents(service, tmp_path,
                                                                  monkeypatch):
    monkeypatch.setattr(services, "documents_folder", lambda: str(tmp_path))
    service.remember("verify", str(tmp_path / "usb" / "sertifikat.pdf"))
    assert service.start_in("verify") == str(tmp_path)
    assert service.start_in("verify", "x.pdf") == str(tmp_path / "x.pdf")
    assert service.start_in("verify", str(tmp_path / "here")) == str(tmp_path / "here")


@pytest.mark.parametrize(("filters", "saving", "kind"), [
    ("Daftar undangan (*.xlsx *.xlsm *.csv *.txt);;Semua berkas (*)", False, "roster"),
    ("Kunci publik (*.pem);;Semua berkas (*)", False, "keys"),
    ("Kunci publik (*.pem)", True, "keys"),
    ("Sertifikat (*.pdf *.png *.jpg *.jpeg);;Semua berkas (*)", False, "verify"),
    ("PDF (*.pdf)", True, "documents"),
    ("CSV (*.csv)", True, "documents"),
])
def test_the_kind_of_file_comes_from_the_filter(filters, saving, kind):
    assert folder_kind(filters, saving) == kind
    assert kind in opts.FOLDERS


def test_documents_is_where_the_first_dialog_opens_and_home_when_it_is_missing(
        tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setattr(services.QStandardPaths, "writableLocation",
                        lambda _where: str(home / "Documents"))
    monkeypatch.setattr(services.Path, "home", lambda: home)
    assert services.documents_folder() == str(home)  # never the program's own folder
    (home / "Documents").mkdir()
    assert services.documents_folder() == str(home / "Documents")
