"""The event form: per-field messages, loading and saving every field, and the logo."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, time

import pytest
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtGui import QColor, QImage, QStandardItem
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from uihelpers import sample_event

from events.model import EventKind, Speaker
from ui.event_dialog import EventDialog
from ui.main_window import MainWindow

LEFT = Qt.MouseButton.LeftButton
SAVE = QDialogButtonBox.StandardButton.Save


@pytest.fixture
def new_dialog(qtbot, dialogs) -> Iterator[EventDialog]:
    # not closed by qtbot (a close with edits would ask about them): rejected, then deleted
    dialog = EventDialog(None, None, dialogs)
    dialog.show()
    qtbot.waitExposed(dialog)
    yield dialog
    dialog.reject()
    dialog.deleteLater()


def press_save(qtbot, dialog: EventDialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(SAVE), LEFT)


def shown_errors(dialog: EventDialog) -> dict[str, str]:
    return {key: f.error_text() for key, f in dialog.fields.items() if f.error.isVisible()}


@pytest.fixture
def png(tmp_path):
    path = tmp_path / "logo-pemkot.png"
    image = QImage(40, 48, QImage.Format.Format_ARGB32)
    image.fill(QColor("#1f5fa8"))
    assert image.save(str(path), "PNG")
    return path


def test_the_name_has_the_focus_when_the_form_opens(qtbot, new_dialog):
    """Staff type the event's name as soon as "Acara Baru" opens: the keys go into the name,
    not to the row of tabs above it."""
    new_dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    assert QApplication.focusWidget() is new_dialog.name
    qtbot.keyClicks(QApplication.focusWidget(), "Ikrar")
    assert new_dialog.name.text() == "Ikrar"


def test_empty_name_is_required(qtbot, new_dialog):
    press_save(qtbot, new_dialog)
    assert new_dialog.isVisible()
    assert new_dialog.result_event is None
    assert shown_errors(new_dialog) == {"name": "Wajib diisi"}
    assert new_dialog.tabs.currentIndex() == 0

    qtbot.keyClicks(new_dialog.name, "Ikrar Netralitas")
    press_save(qtbot, new_dialog)
    assert not new_dialog.isVisible()
    assert new_dialog.result() == EventDialog.DialogCode.Accepted
    assert new_dialog.result_event.name == "Ikrar Netralitas"


def test_end_before_start_is_shown_at_the_end_time(qtbot, new_dialog):
    qtbot.keyClicks(new_dialog.name, "Apel Pagi")
    new_dialog.tabs.setCurrentIndex(2)
    new_dialog.start_time.setTime(QTime(10, 0))
    new_dialog.end_time.setTime(QTime(9, 30))
    press_save(qtbot, new_dialog)
    assert new_dialog.isVisible()
    assert shown_errors(new_dialog) == {"end_time": "Jam selesai harus setelah jam mulai"}
    assert new_dialog.fields["end_time"].editor is new_dialog.end_time
    assert new_dialog.tabs.currentIndex() == 0  # the tab with the problem is brought forward


def test_bad_witness_nip_is_shown_at_the_witness_nip(qtbot, new_dialog):
    qtbot.keyClicks(new_dialog.name, "Pakta Integritas")
    qtbot.keyClicks(new_dialog.witness[2], "1970 0101 1995")
    press_save(qtbot, new_dialog)
    assert new_dialog.isVisible()
    assert shown_errors(new_dialog) == {"witness_nip": "NIP harus 18 angka, tertulis 12 angka"}
    assert new_dialog.tabs.currentIndex() == 1

    new_dialog.witness[2].setText("19701301 199503 1 001")  # no 13th month
    press_save(qtbot, new_dialog)
    assert shown_errors(new_dialog) == {
        "witness_nip": "Tanggal lahir pada NIP tidak mungkin (19701301)"}

    new_dialog.witness[2].setText("19700101 199503 1 001")
    press_save(qtbot, new_dialog)
    assert not new_dialog.isVisible()
    assert new_dialog.result_event.witness.nip == "197001011995031001"


def test_edit_loads_every_field_and_saves_changes(qtbot, store, settings, dialogs, modal, png):
    saved = store.create_event(sample_event(kind=EventKind.SOSIALISASI_ANTI_KORUPSI,
                                            logo=png.read_bytes()))
    window = MainWindow(store, settings, dialogs)
    qtbot.add_widget(window)

    def check_and_change(d: EventDialog) -> None:
        assert d.windowTitle() == "Ubah Acara"
        assert d.name.text() == "Ikrar Netralitas ASN Kota Bekasi 2024"
        assert d.kind.currentData() == EventKind.SOSIALISASI_ANTI_KORUPSI.value
        assert d.event_date.date() == QDate(2024, 10, 14)
        assert d.start_time.time() == QTime(8, 0) and d.end_time.time() == QTime(11, 30)
        assert (d.venue.text(), d.city.text()) == ("Aula Balai Patriot", "Bekasi")
        assert d.organizer_unit.text() == "Badan Kesbangpol"
        assert d.institution.text() == "Pemerintah Kota Bekasi"
        assert d.logo == png.read_bytes() and not d.logo_preview.pixmap().isNull()
        assert d.letter_number.text() == "005/7262-Kesbangpol.Poldagri"
        assert d.has_letter_date.isChecked() and d.letter_date.isEnabled()
        assert d.letter_date.date() == QDate(2024, 10, 1)
        assert [e.text() for e in d.presiding] == ["Dr. H. Wali Kota, M.Si.",
                                                   "Wali Kota Bekasi", ""]
        assert [e.text() for e in d.witness] == ["Ir. Saksi Utama, M.T.", "Sekretaris Daerah",
                                                 "197001011995031001"]
        speakers = [[d.speakers.item(r, c).text() for c in range(3)]
                    for r in range(d.speakers.rowCount())]
        assert speakers == [["Rina Jaksa, S.H.", "Kasi Intel", "Kejaksaan Negeri"],
                            ["Dr. Bawaslu", "Ketua", "Bawaslu Kota"]]
        assert d.agenda.toPlainText() == "Pembukaan\nPembacaan Ikrar\nPenutup"
        assert d.zone.currentData() == "WIB"  # the default
        assert [d.zone.itemData(i) for i in range(d.zone.count())] == ["WIB", "WITA", "WIT"]

        d.name.setText("Ikrar Netralitas ASN Kota Bekasi 2025")
        d.zone.setCurrentIndex(d.zone.findData("WITA"))
        d.end_time.setTime(QTime(12, 15))
        d.has_letter_date.setChecked(False)
        assert not d.letter_date.isEnabled()
        d.presiding[2].setText("19750101 200003 1 002")
        d.speaker_table.setCurrentIndex(d.speakers.index(0, 0))
        d.on_remove_speaker()
        d.speakers.appendRow([QStandardItem("Prof. Akademisi"), QStandardItem("Guru Besar"),
                              QStandardItem("Universitas Bekasi")])
        press_save(qtbot, d)

    opened = modal(EventDialog, check_and_change)
    window.edit_event(saved.id)

    assert len(opened) == 1 and opened[0].result() == EventDialog.DialogCode.Accepted
    event = store.get_event(saved.id)
    assert event.name == "Ikrar Netralitas ASN Kota Bekasi 2025"
    assert event.kind is EventKind.SOSIALISASI_ANTI_KORUPSI
    assert event.event_date == date(2024, 10, 14)
    assert (event.start_time, event.end_time) == (time(8, 0), time(12, 15))
    assert event.letter_date is None
    assert event.letter_number == "005/7262-Kesbangpol.Poldagri"
    assert event.presiding.nip == "197501012000031002"
    assert event.witness.nip == "197001011995031001"
    assert event.speakers == [Speaker("Dr. Bawaslu", "Ketua", "Bawaslu Kota"),
                              Speaker("Prof. Akademisi", "Guru Besar", "Universitas Bekasi")]
    assert event.logo == png.read_bytes()
    assert event.time_zone == "WITA"
    assert [e.name for e in store.list_events()] == [event.name]  # edited, not added


def test_png_logo_is_kept_as_bytes(qtbot, new_dialog, dialogs, store, png):
    assert not new_dialog.logo_clear.isEnabled()
    preview = new_dialog.logo_preview
    assert preview.text() == "(tanpa logo)"
    needed = preview.fontMetrics().boundingRect(
        preview.contentsRect(), int(preview.alignment()) | Qt.TextFlag.TextWordWrap,
        preview.text())
    assert preview.wordWrap() and preview.contentsRect().contains(needed)  # not clipped
    dialogs.file_path = str(png)
    qtbot.mouseClick(new_dialog.logo_choose, LEFT)

    assert dialogs.errors() == []
    assert new_dialog.logo == png.read_bytes()
    assert not new_dialog.logo_preview.pixmap().isNull()
    assert new_dialog.logo_clear.isEnabled()

    qtbot.keyClicks(new_dialog.name, "Acara dengan logo")
    press_save(qtbot, new_dialog)
    created = store.create_event(new_dialog.result_event)
    assert store.get_event(created.id).logo == png.read_bytes()


def test_non_image_logo_is_refused_and_the_old_one_kept(qtbot, new_dialog, dialogs, png,
                                                        tmp_path):
    dialogs.file_path = str(png)
    qtbot.mouseClick(new_dialog.logo_choose, LEFT)
    not_an_image = tmp_path / "logo.png"
    not_an_image.write_bytes(b"%PDF-1.4 surat undangan, bukan gambar\n" * 20)
    dialogs.file_path = str(not_an_image)
    qtbot.mouseClick(new_dialog.logo_choose, LEFT)

    assert dialogs.errors() == [
        "Berkas ini bukan gambar PNG/JPG yang dapat dipakai (maksimal 2 MB)."]
    assert new_dialog.logo == png.read_bytes()
    assert not new_dialog.logo_preview.pixmap().isNull()

    dialogs.file_path = str(tmp_path / "hilang.png")  # gone by the time it is read
    qtbot.mouseClick(new_dialog.logo_choose, LEFT)
    assert len(dialogs.errors()) == 2 and "Logo tidak dapat dibaca" in dialogs.errors()[1]
    assert new_dialog.logo == png.read_bytes()

    qtbot.mouseClick(new_dialog.logo_clear, LEFT)
    assert new_dialog.logo is None
    assert new_dialog.logo_preview.text() == "(tanpa logo)"


def type_over(qtbot, edit, text: str) -> None:
    """Select all of the field and type, as staff do."""
    edit.setFocus()
    edit.lineEdit().selectAll()
    qtbot.keyClicks(edit, text)


@pytest.mark.parametrize("typed", ["31022024", "31/02/2024"])
def test_an_impossible_date_is_refused_with_a_message(qtbot, new_dialog, typed):
    qtbot.keyClicks(new_dialog.name, "Apel Pagi")
    type_over(qtbot, new_dialog.event_date, typed)
    press_save(qtbot, new_dialog)
    assert new_dialog.isVisible() and new_dialog.result_event is None
    assert shown_errors(new_dialog) == {
        "event_date": "Tanggal 31/02/2024 tidak ada di kalender; periksa tanggal dan bulannya."}
    type_over(qtbot, new_dialog.event_date, "29022024")  # a leap year: a real date
    press_save(qtbot, new_dialog)
    assert new_dialog.result() == EventDialog.DialogCode.Accepted
    assert new_dialog.result_event.event_date == date(2024, 2, 29)


def test_an_impossible_letter_date_is_refused_on_its_tab(qtbot, new_dialog):
    qtbot.keyClicks(new_dialog.name, "Apel Pagi")
    new_dialog.has_letter_date.setChecked(True)
    type_over(qtbot, new_dialog.letter_date, "30022024")
    press_save(qtbot, new_dialog)
    assert new_dialog.isVisible()
    assert set(shown_errors(new_dialog)) == {"letter_date"}
    assert "30/02/2024" in shown_errors(new_dialog)["letter_date"]
    assert new_dialog.tabs.currentIndex() == 1


def test_typing_over_a_selected_time_replaces_it(qtbot, new_dialog):
    qtbot.keyClicks(new_dialog.name, "Apel Pagi")
    type_over(qtbot, new_dialog.start_time, "0930")
    type_over(qtbot, new_dialog.end_time, "1145")
    type_over(qtbot, new_dialog.event_date, "17082024")
    press_save(qtbot, new_dialog)
    event = new_dialog.result_event
    assert (event.start_time, event.end_time) == (time(9, 30), time(11, 45))
    assert event.event_date == date(2024, 8, 17)


def test_closing_untouched_asks_nothing(qtbot, new_dialog, dialogs):
    new_dialog.close()
    assert not new_dialog.isVisible() and dialogs.questions == []
    assert new_dialog.result() == EventDialog.DialogCode.Rejected


@pytest.mark.parametrize("how", ["x", "esc"])
def test_closing_with_edits_asks_and_cancel_keeps_them(qtbot, new_dialog, dialogs, how):
    qtbot.keyClicks(new_dialog.name, "Apel Pagi")
    dialogs.choices.append("cancel")
    if how == "x":
        new_dialog.close()
    else:
        qtbot.keyClick(new_dialog.name, Qt.Key.Key_Escape)
    assert dialogs.questions == [("Perubahan Belum Disimpan",
                                  "Perubahan pada acara ini belum disimpan. "
                                  "Simpan sebelum menutup?")]
    assert new_dialog.isVisible() and new_dialog.name.text() == "Apel Pagi"


def test_closing_with_edits_and_discard_drops_them(qtbot, new_dialog, dialogs):
    qtbot.keyClicks(new_dialog.name, "Apel Pagi")
    dialogs.choices.append("discard")
    new_dialog.close()
    assert not new_dialog.isVisible() and new_dialog.result_event is None
    assert new_dialog.result() == EventDialog.DialogCode.Rejected


def test_closing_with_edits_and_save_saves_or_shows_the_problem(qtbot, new_dialog, dialogs):
    new_dialog.tabs.setCurrentIndex(1)
    qtbot.keyClicks(new_dialog.venue, "Aula")  # but no name yet
    dialogs.choices.append("save")
    new_dialog.close()
    assert new_dialog.isVisible() and shown_errors(new_dialog) == {"name": "Wajib diisi"}
    qtbot.keyClicks(new_dialog.name, "Apel Pagi")
    dialogs.choices.append("save")
    new_dialog.close()
    assert not new_dialog.isVisible()
    assert new_dialog.result() == EventDialog.DialogCode.Accepted
    assert (new_dialog.result_event.name, new_dialog.result_event.venue) == ("Apel Pagi", "Aula")


def test_the_cancel_button_cancels_without_asking(qtbot, new_dialog, dialogs):
    qtbot.keyClicks(new_dialog.name, "Tidak jadi")
    qtbot.mouseClick(new_dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel), LEFT)
    assert not new_dialog.isVisible() and dialogs.questions == []


def test_editing_an_event_unchanged_asks_nothing(qtbot, store, dialogs):
    event = store.create_event(sample_event())
    dialog = EventDialog(store.get_event(event.id), None, dialogs)
    qtbot.add_widget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not dialog.has_changes()
    dialog.close()
    assert not dialog.isVisible() and dialogs.questions == []


@pytest.mark.parametrize(("button", "answer"), [("Simpan", "save"), ("Buang", "discard"),
                                                ("Batal", "cancel")])
def test_the_real_question_offers_save_discard_and_cancel(qtbot, modal, button, answer):
    from PySide6.QtWidgets import QMessageBox

    from ui.services import DialogService

    seen = {}

    def click(box: QMessageBox) -> None:
        seen["buttons"] = [b.text() for b in box.buttons()]
        seen["default"] = box.defaultButton().text()
        [chosen] = [b for b in box.buttons() if b.text() == button]
        chosen.click()

    modal(QMessageBox, click)
    assert DialogService().save_discard_or_cancel(None, "Judul", "Teks") == answer
    assert sorted(seen["buttons"]) == ["Batal", "Buang", "Simpan"]
    assert seen["default"] == "Simpan"


def test_remove_speaker_needs_a_chosen_speaker(qtbot):
    from uihelpers import sample_event

    from ui.event_dialog import EventDialog

    d = EventDialog(sample_event())
    qtbot.add_widget(d)
    assert d.speakers.rowCount() == 2
    assert not d.remove_speaker_button.isEnabled()
    d.speaker_table.selectRow(1)
    assert d.remove_speaker_button.isEnabled()
    d.remove_speaker_button.click()
    assert d.speakers.rowCount() == 1 and d.speakers.item(0, 0).text() == "Rina Jaksa, S.H."
    d.speaker_table.clearSelection()
    assert not d.remove_speaker_button.isEnabled()


def test_letterhead_contact_and_numbering_are_kept(qtbot, new_dialog):
    """The kop surat's contact lines and the numbering scheme are typed once, on their tab."""
    d = new_dialog
    d.name.setText("Ikrar Netralitas ASN")
    d.address.setText("Jalan Jenderal Ahmad Yani Nomor 1, Bekasi")
    d.postcode.setText("17141")
    d.phone.setText("(021) 88397963")
    d.email.setText("kesbangpol@bekasikota.go.id")
    d.website.setText("kesbangpol.bekasikota.go.id")
    d.number_scheme.setText("800/{n:03d}/Kesbangpol/2026")
    d.number_start.setValue(17)
    event = d.current_event()
    assert event.letterhead.lines() == [
        "Jalan Jenderal Ahmad Yani Nomor 1, Bekasi, Telepon (021) 88397963, Kode Pos 17141",
        "Laman kesbangpol.bekasikota.go.id, Pos-el kesbangpol@bekasikota.go.id"]
    assert (event.number_scheme, event.number_start) == ("800/{n:03d}/Kesbangpol/2026", 17)


def test_a_scheme_without_a_running_number_is_refused_on_its_tab(qtbot, new_dialog):
    new_dialog.name.setText("Ikrar Netralitas ASN")
    new_dialog.number_scheme.setText("800/Kesbangpol/2026")
    press_save(qtbot, new_dialog)
    assert new_dialog.isVisible()
    assert "nomor urut" in shown_errors(new_dialog)["number_scheme"]
    assert new_dialog.tabs.tabText(new_dialog.tabs.currentIndex()) == "Kop Surat dan Nomor"
