"""The import wizard on a messy real-world workbook: file, columns, review, import."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWizard
from uihelpers import MESSY_GOOD, NIP_BUDI, make_messy_xlsx, sample_event

from events.categories import Category
from events.model import Attendee, Source
from ui import settings as opts
from ui.import_wizard import ImportWizard
from ui.main_window import MainWindow

LEFT = Qt.MouseButton.LeftButton
FINISH = QWizard.WizardButton.FinishButton
WAIT_MS = 10_000


@pytest.fixture
def event(store):
    return store.create_event(sample_event())


@pytest.fixture
def messy(tmp_path):
    return make_messy_xlsx(tmp_path / "Daftar Undangan Ikrar (final revisi).xlsx")


@pytest.fixture
def wizard(qtbot, store, dialogs, settings, event) -> ImportWizard:
    w = ImportWizard(store, event.id, None, dialogs, settings)
    qtbot.add_widget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def read(qtbot, wizard: ImportWizard, path) -> None:
    """Enter the file and press "Lanjut"; wait until the columns page shows."""
    wizard.file_page.path.setText(str(path))
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), LEFT)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.columns_page, timeout=WAIT_MS)


def header(wizard: ImportWizard, column: int) -> str:
    """The preview's header over a file column (0-based; the preview's first is "Baris")."""
    return wizard.columns_page.preview_model.headerData(column + 1, Qt.Orientation.Horizontal)


def problem_rows(wizard: ImportWizard) -> list[tuple]:
    model = wizard.review_page.problems
    return [tuple(model.index(r, c).data() for c in range(6)) for r in range(model.rowCount())]


def test_browse_fills_the_path_and_remembers_the_folder(qtbot, wizard, dialogs, settings,
                                                       messy):
    dialogs.file_path = str(messy)
    [browse] = [b for b in wizard.file_page.findChildren(QPushButton)
                if b.text() == "Pilih Berkas\u2026"]
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    qtbot.mouseClick(browse, LEFT)
    assert wizard.file_page.path.text() == str(messy)
    assert settings.get(opts.LAST_IMPORT_DIR) == str(messy.parent)
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_columns_page_shows_sheets_and_proposed_mapping(qtbot, wizard, messy):
    read(qtbot, wizard, messy)
    page = wizard.columns_page
    assert [page.sheet.itemText(i) for i in range(page.sheet.count())] == ["Undangan", "Tamu"]
    assert page.sheet.currentText() == "Undangan"
    assert page.include.isChecked()
    assert page.header_row.value() == 4
    assert page.info.text() == "5 orang terbaca, baris 5 sampai 9."
    assert [c.currentData() for c in page.column_combos] == [
        "no", "name", "nip", "jabatan", "eselon", "unit", "phone"]
    assert [c.currentText() for c in page.column_combos][:3] == ["No.", "Nama", "NIP"]
    assert header(wizard, 2) == "NIP"  # the field and the file say the same: shown once
    preview = page.preview_model
    assert preview.rowCount() == 5
    assert [preview.index(0, c).data() for c in range(3)] == [5, "1", "Budi Santoso, S.E."]

    page.sheet.setCurrentIndex(1)
    assert page.header_row.value() == 1
    assert [c.currentData() for c in page.column_combos] == ["no", "name", "jabatan",
                                                             "institution"]
    assert header(wizard, 3) == "Instansi"


def test_changing_a_column_changes_the_preview(qtbot, wizard, messy):
    read(qtbot, wizard, messy)
    page = wizard.columns_page
    assert header(wizard, 3) == "Jabatan"

    combo = page.column_combos[3]
    combo.setCurrentIndex(combo.findData("note"))
    assert header(wizard, 3) == "Keterangan\n(Jabatan)"
    assert page.column_combos[3].currentData() == "note"
    assert wizard.plan.sheet("Undangan").mapping["note"] == 3
    assert wizard.plan.sheet("Undangan").mapping["jabatan"] is None

    combo = page.column_combos[3]
    combo.setCurrentIndex(combo.findData(None))  # "(abaikan)"
    assert page.column_combos[3].currentText() == "(abaikan)"
    assert "Jabatan" in header(wizard, 3) and "Keterangan" not in header(wizard, 3)
    assert wizard.plan.sheet("Undangan").field_of(3) is None


def test_review_lists_problems_and_import_stores_the_good_rows(qtbot, wizard, store, event,
                                                               messy):
    read(qtbot, wizard, messy)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), LEFT)
    assert wizard.currentPage() is wizard.review_page

    rows = problem_rows(wizard)
    assert [(kind, sheet, row, col) for kind, sheet, row, col, _m, _v in rows] == [
        ("Ditolak", "Undangan", 7, "C"), ("Ditolak", "Undangan", 8, "C")]
    assert rows[0][4] == "NIP harus 18 angka, tertulis 5 angka"
    assert rows[0][5] == "12345"
    assert "tersimpan sebagai angka" in rows[1][4]
    summary = wizard.review_page.summary.text()
    assert "5 orang siap diimpor" in summary and "2 baris ditolak" in summary
    for line in ("Eselon II (JPT Pratama): 1", "Eselon III (Administrator): 1",
                 "Eselon IV (Pengawas): 1", "Tamu: 2"):
        assert line in summary
    finish = wizard.button(FINISH)
    assert finish.text() == "Impor" and finish.isEnabled()
    assert store.list_attendees(event.id) == []  # nothing is stored before "Impor"

    with qtbot.waitSignal(wizard.finished, timeout=WAIT_MS):
        qtbot.mouseClick(finish, LEFT)

    assert wizard.result() == QWizard.DialogCode.Accepted
    assert not wizard.isVisible()
    assert wizard.imported == 5
    people = store.list_attendees(event.id)
    assert {a.name: a.nip for a in people} == MESSY_GOOD
    assert {a.name for a in people if a.category is Category.TAMU} == {
        "H. Ahmad Wartawan", "Rina Jaksa, S.H."}
    assert all(a.source is Source.IMPORT for a in people)


def test_corrupt_file_shows_the_error_and_stays(qtbot, wizard, tmp_path):
    bad = tmp_path / "rusak.xlsx"
    bad.write_bytes(bytes(range(256)) * 12)
    wizard.file_page.path.setText(str(bad))
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), LEFT)

    page = wizard.file_page
    qtbot.waitUntil(lambda: page._task is None, timeout=WAIT_MS)
    assert wizard.currentPage() is page
    assert "rusak.xlsx" in page.status.text()
    assert "tidak dapat dibaca" in page.status.text()
    assert not page.progress.isVisible() and not page.cancel.isVisible()
    assert wizard.plan is None
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # may try another file


def test_main_window_import_refreshes_the_roster(qtbot, store, settings, dialogs, event,
                                                 messy, modal):
    store.add_attendee(event.id, Attendee("Budi Santoso, S.E.", Category.ESELON_III,
                                          nip=NIP_BUDI))
    window = MainWindow(store, settings, dialogs)
    qtbot.add_widget(window)
    window.show()
    assert window.open_event(event.id)
    roster = window.roster_page
    assert roster.table.model().rowCount() == 1

    def go_through(w: ImportWizard) -> None:
        read(qtbot, w, messy)
        w.next()
        rows = problem_rows(w)
        assert rows[0][:4] == ("Ditolak", "Undangan", 5, "C")  # Budi is already there
        assert "19860926 201505 1 001 sudah terdaftar" in rows[0][4]
        with qtbot.waitSignal(w.finished, timeout=WAIT_MS):
            qtbot.mouseClick(w.button(FINISH), LEFT)

    opened = modal(ImportWizard, go_through)
    qtbot.mouseClick(roster.import_button, LEFT)

    assert opened[0].imported == 4
    assert roster.table.model().rowCount() == 5
    assert roster.shown.text() == "5 dari 5"
    assert roster.counts.count_text(Category.TAMU) == "2"
    assert roster.counts.count_text(Category.ESELON_III) == "1"  # Budi once, not twice
    assert len(store.list_attendees(event.id)) == 5


def test_header_row_past_the_sheet_end_is_refused(qtbot, wizard, messy):
    read(qtbot, wizard, messy)
    page = wizard.columns_page
    assert page.header_row.maximum() == 10  # the sheet's last row (JUMLAH)
    page.header_row.setValue(50)
    assert page.header_row.value() == 10

    page._replan(header_row=50)  # should the limit ever be missed: no crash, nothing changes
    assert page.header_row.value() == 4
    assert wizard.plan.sheet("Undangan").header_row == 4
    assert page.info.text() == "Baris 50 tidak ada di lembar ini."
    assert [c.currentData() for c in page.column_combos][:3] == ["no", "name", "nip"]

    page.header_row.setValue(1)  # a title row: nothing looks like a header there
    page.header_row.editingFinished.emit()
    assert wizard.plan.sheet("Undangan").header_row == 1
    page.header_row.setValue(4)
    page.header_row.editingFinished.emit()
    assert wizard.plan.sheet("Undangan").header_row == 4
    assert page.info.text() == "5 orang terbaca, baris 5 sampai 9."


def review(qtbot, wizard: ImportWizard, path) -> None:
    read(qtbot, wizard, path)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), LEFT)
    assert wizard.currentPage() is wizard.review_page


def test_the_same_file_again_is_said_before_anything_is_stored(qtbot, wizard, store, event,
                                                                messy):
    review(qtbot, wizard, messy)
    assert wizard.review_page.same_file.isHidden()
    with qtbot.waitSignal(wizard.finished, timeout=WAIT_MS):
        qtbot.mouseClick(wizard.button(FINISH), LEFT)
    assert wizard.imported == 5

    again = ImportWizard(store, event.id, None, wizard.dialogs, wizard.settings)
    qtbot.add_widget(again)
    again.show()
    review(qtbot, again, messy)
    banner = again.review_page.same_file
    assert banner.isVisible()
    assert banner.text().startswith(
        "File yang sama persis (Daftar Undangan Ikrar (final revisi).xlsx) sudah diimpor ke "
        "acara ini pada ")
    assert banner.text().endswith("; orang yang sudah terdaftar tidak diimpor lagi")
    assert "0 orang siap diimpor" in again.review_page.summary.text()
    assert not again.button(FINISH).isEnabled()
    assert len(store.list_attendees(event.id)) == 5


def test_people_without_nip_already_on_the_roster_are_rejected(qtbot, wizard, store, event,
                                                                tmp_path):
    store.add_attendee(event.id, Attendee(name="Siti Aminah", category=Category.NON_ASN,
                                          unit="Setda"))
    roster = tmp_path / "undangan.csv"
    roster.write_text("No,Nama,NIP,Jabatan,Unit Kerja\n"
                      "1,Siti Aminah,,Tenaga Honorer,Setda\n"
                      "2,Dewi Lestari,,Tenaga Honorer,Setda\n", encoding="utf-8")
    review(qtbot, wizard, roster)
    assert wizard.review_page.same_file.isHidden()
    assert [(kind, row, col, message) for kind, _s, row, col, message, _v
            in problem_rows(wizard)] == [
        ("Ditolak", 2, "B", "Nama yang sama tanpa NIP/NIK sudah terdaftar di acara ini "
                            "(Setda); baris ini tidak diimpor")]
    assert "1 orang siap diimpor" in wizard.review_page.summary.text()


def test_the_problem_list_is_saved_as_csv_for_the_office(qtbot, wizard, dialogs, messy,
                                                         tmp_path):
    review(qtbot, wizard, messy)
    button = wizard.review_page.save_problems
    assert button.text() == "Simpan Daftar Masalah\u2026" and button.isEnabled()

    dialogs.file_path = None  # the user cancels: nothing is written
    qtbot.mouseClick(button, LEFT)
    title, directory, filters = dialogs.file_requests[-1]
    assert directory == str(messy.with_name(
        "Daftar Undangan Ikrar (final revisi) - daftar masalah.csv"))

    target = tmp_path / "untuk-bkpsdm"  # ".csv" is added
    dialogs.file_path = str(target)
    qtbot.mouseClick(button, LEFT)
    lines = target.with_suffix(".csv").read_bytes().decode("utf-8-sig").splitlines()
    assert lines[0] == "Lembar,Baris,Kolom,Isi sel,Masalah"
    assert lines[1] == 'Undangan,7,C,12345,"NIP harus 18 angka, tertulis 5 angka"'
    assert len(lines) == 3
    assert wizard.review_page.result.text() == "Daftar masalah disimpan: untuk-bkpsdm.csv"

    dialogs.file_path = str(tmp_path / "tidak-ada" / "masalah.csv")
    qtbot.mouseClick(button, LEFT)
    [error] = dialogs.errors()
    assert error.startswith("Daftar masalah tidak tersimpan: ")
