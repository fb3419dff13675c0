"""The pledge editor: templates, editing a copy, the live version hash, saving a new version."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from uihelpers import save_shot, type_text

from events.model import EventKind
from pledges import texts
from pledges.texts import (
    TEMPLATE_LABELS,
    PledgeText,
    event_pledge,
    set_event_pledge,
    template_text,
    version_hash,
    versions,
)
from ui import pledge_editor
from ui.pledge_editor import PledgeEditorDialog

BEKASI = PledgeText(
    "IKRAR NETRALITAS ASN DAN NON-ASN KOTA BEKASI",
    "Dalam rangka Pemilihan Umum dan Pemilihan Kepala Daerah kami berikrar:",
    ("Kami ASN dan Non-ASN Kota Bekasi akan menjaga netralitas.",
     "Kami ASN dan Non-ASN Kota Bekasi akan menggunakan media sosial secara baik dan tidak "
     "menyebarkan ujaran kebencian serta berita hoax.",
     "Kami ASN dan Non-ASN Kota Bekasi akan menolak politik uang."),
    "Demikian ikrar ini kami buat.",
)


@pytest.fixture
def open_editor(qtbot, store, event_with_roster, dialogs):
    def make(event=None) -> PledgeEditorDialog:
        dialog = PledgeEditorDialog(store, event or event_with_roster, None, dialogs)
        qtbot.add_widget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    return make


def choose_template(dialog: PledgeEditorDialog, key: str) -> None:
    """As the user picking an entry of the combo (activated, not only currentIndexChanged)."""
    index = dialog.template.findData(key)
    dialog.template.setCurrentIndex(index)
    dialog.template.activated.emit(index)


def test_loads_the_events_current_version(open_editor, store, event_with_roster):
    saved = set_event_pledge(store, event_with_roster.id, BEKASI)
    dialog = open_editor()
    assert dialog.current_text() == BEKASI
    assert dialog.hash_label.text() == saved.hash[:12]
    assert dialog.hash_label.toolTip() == saved.hash
    assert "sama dengan versi" in dialog.state_label.text()
    assert dialog.template.currentData() == ""  # a text of its own
    assert dialog.points.rowCount() == 3
    assert dialog.points.data(dialog.points.index(1), Qt.ItemDataRole.DisplayRole) \
        .startswith("2. Kami ASN")
    assert dialog.point_edit.toPlainText() == BEKASI.points[0]  # first point selected
    assert not dialog.signed_note.isVisible()


def test_without_a_version_it_offers_the_template_of_the_events_kind(
        open_editor, store, event_with_roster):
    dialog = open_editor()
    assert dialog.current is None
    assert dialog.current_text() == texts.TEMPLATES["netralitas_asn_2024"]
    assert dialog.template.currentData() == "netralitas_asn_2024"
    assert "belum memiliki teks" in dialog.state_label.text()
    other = open_editor(replace(event_with_roster, kind=EventKind.PAKTA_INTEGRITAS))
    assert other.template.currentData() == "pakta_integritas"


def test_choosing_a_template_fills_the_fields_verbatim(open_editor, store, event_with_roster):
    set_event_pledge(store, event_with_roster.id, BEKASI)
    dialog = open_editor()
    assert [dialog.template.itemText(i) for i in range(1, dialog.template.count())] == \
        list(TEMPLATE_LABELS.values())
    choose_template(dialog, "pakta_integritas")
    expected = template_text("pakta_integritas", event_with_roster.institution)
    assert dialog.current_text() == expected
    assert dialog.title.text() == "PAKTA INTEGRITAS"
    assert dialog.current_text().points[5].startswith(
        "Akan menyampaikan informasi penyimpangan integritas di Pemerintah Kota Bekasi serta")
    assert dialog.hash_label.text() == version_hash(expected)[:12]
    choose_template(dialog, "netralitas_asn_2024")  # a template is not unsaved work: no question
    assert dialog.current_text() == texts.TEMPLATES["netralitas_asn_2024"]
    assert dialog.template.currentData() == "netralitas_asn_2024"


def test_switching_template_over_unsaved_edits_asks_first(qtbot, open_editor, dialogs):
    dialog = open_editor()
    dialog.title.setText("IKRAR KAMI")
    assert dialog.template.currentData() == ""  # edited: no longer the template
    dialogs.answers.append(False)
    choose_template(dialog, "pakta_integritas")
    assert dialog.title.text() == "IKRAR KAMI" and len(dialogs.questions) == 1
    assert dialog.template.currentData() == ""
    dialogs.answers.append(True)
    choose_template(dialog, "pakta_integritas")
    assert dialog.title.text() == "PAKTA INTEGRITAS"


def test_editing_changes_the_hash_live(qtbot, open_editor, store, event_with_roster):
    saved = set_event_pledge(store, event_with_roster.id, BEKASI)
    dialog = open_editor()
    dialog.title.setFocus()
    type_text(qtbot, dialog.title, " 2024")
    assert dialog.hash_label.text() == version_hash(dialog.current_text())[:12]
    assert dialog.hash_label.text() != saved.hash[:12]
    assert saved.hash[:12] in dialog.state_label.text()
    assert "versi baru" in dialog.state_label.text()
    before = dialog.hash_label.text()
    dialog.points_view.setCurrentIndex(dialog.points.index(2))
    dialog.point_edit.setPlainText("Kami akan menolak politik uang dan segala jenis pemberian.")
    assert dialog.current_text().points[2] == \
        "Kami akan menolak politik uang dan segala jenis pemberian."
    assert dialog.hash_label.text() not in (before, saved.hash[:12])
    # whitespace alone is not a change: the canonical form folds it
    dialog.title.setText(BEKASI.title + "  ")
    dialog.point_edit.setPlainText(BEKASI.points[2].replace(" ", "  \n", 1))
    assert dialog.hash_label.text() == saved.hash[:12]


def test_add_remove_and_move_points(qtbot, open_editor, store, event_with_roster):
    set_event_pledge(store, event_with_roster.id, BEKASI)
    dialog = open_editor()
    dialog.points_view.setCurrentIndex(dialog.points.index(0))
    assert not dialog.up_button.isEnabled() and dialog.down_button.isEnabled()
    qtbot.mouseClick(dialog.down_button, Qt.MouseButton.LeftButton)
    assert dialog.current_text().points[:2] == (BEKASI.points[1], BEKASI.points[0])
    assert dialog.points_view.currentIndex().row() == 1
    qtbot.mouseClick(dialog.up_button, Qt.MouseButton.LeftButton)
    assert dialog.current_text().points == BEKASI.points
    dialog.points_view.setCurrentIndex(dialog.points.index(2))
    assert not dialog.down_button.isEnabled()
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert dialog.points.rowCount() == 4 and dialog.points_view.currentIndex().row() == 3
    assert dialog.point_label.text() == "Isi butir 4:"
    added = "Menolak segala bentuk gratifikasi."
    type_text(qtbot, dialog.point_edit, added)
    assert dialog.current_text().points[3] == added
    dialog.points_view.setCurrentIndex(dialog.points.index(0))
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.current_text().points == (*BEKASI.points[1:], added)
    assert dialog.point_edit.toPlainText() == BEKASI.points[1]


def test_save_makes_a_new_version(qtbot, open_editor, store, event_with_roster):
    first = set_event_pledge(store, event_with_roster.id, BEKASI)
    dialog = open_editor()
    dialog.closing.setPlainText("Demikian ikrar ini kami buat dengan penuh tanggung jawab.")
    shown = dialog.hash_label.toolTip()
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save),
                     Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    current = event_pledge(store, event_with_roster.id)
    assert current.hash == shown == dialog.saved_version.hash != first.hash
    assert current.text.closing == "Demikian ikrar ini kami buat dengan penuh tanggung jawab."
    assert current.template == ""
    assert [v.hash for v in versions(store, event_with_roster.id)] == [first.hash, current.hash]


def test_save_of_a_template_records_it(open_editor, store, event_with_roster):
    dialog = open_editor()
    choose_template(dialog, "pakta_integritas")
    dialog.accept()
    current = event_pledge(store, event_with_roster.id)
    assert current.template == "pakta_integritas"
    assert current.text == template_text("pakta_integritas", event_with_roster.institution)


def test_empty_title_and_no_points_are_refused_next_to_the_fields(
        qtbot, open_editor, store, event_with_roster):
    dialog = open_editor()
    dialog.title.setText("  ")
    dialog.accept()
    QApplication.processEvents()
    assert dialog.isVisible()
    assert dialog.fields["title"].error_text() == "Wajib diisi"
    assert dialog.fields["title"].error.isVisible()
    assert event_pledge(store, event_with_roster.id) is None
    dialog.title.setText("IKRAR")
    while dialog.points.rowCount():
        dialog.points_view.setCurrentIndex(dialog.points.index(0))
        dialog.on_remove_point()
    assert not dialog.remove_button.isEnabled() and not dialog.point_edit.isEnabled()
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.fields["title"].error_text() == ""
    assert dialog.fields["points"].error_text() == "Isi sedikitnya satu butir ikrar"
    dialog.on_add_point()
    dialog.on_add_point()
    dialog.point_edit.setPlainText("Akan netral.")
    dialog.accept()
    assert dialog.fields["points"].error_text() == "Butir 1 kosong: isi atau hapus"
    assert event_pledge(store, event_with_roster.id) is None
    dialog.points_view.setCurrentIndex(dialog.points.index(0))
    dialog.on_remove_point()
    dialog.accept()
    assert not dialog.isVisible()
    assert event_pledge(store, event_with_roster.id).text.points == ("Akan netral.",)


def signed(version, count: int):
    return replace(version, locked=True, signature_count=count)


def test_a_signed_version_is_superseded_not_changed(
        qtbot, monkeypatch, open_editor, store, event_with_roster, dialogs):
    first = set_event_pledge(store, event_with_roster.id, BEKASI)
    monkeypatch.setattr(pledge_editor, "event_pledge", lambda s, e: signed(first, 37))
    dialog = open_editor()
    assert dialog.signed_note.isVisible()
    assert dialog.signed_note.text() == (
        "Sudah ditandatangani 37 orang: perubahan menjadi versi baru; tanda tangan lama tetap "
        "terikat pada versi lama")
    save_shot(dialog, "editor_signed_version.png")
    dialog.opening.setPlainText("Dalam rangka Pilkada Serentak 2024 kami berikrar:")
    dialogs.answers.append(False)
    dialog.accept()
    assert dialog.isVisible() and "37 orang" in dialogs.questions[-1][1]
    assert event_pledge(store, event_with_roster.id).hash == first.hash
    dialogs.answers.append(True)
    dialog.accept()
    assert not dialog.isVisible()
    assert len(versions(store, event_with_roster.id)) == 2
    assert texts.get_version(store, first.hash).text == BEKASI  # the signed text is intact


def test_saving_the_same_text_reuses_the_version_without_asking(
        monkeypatch, open_editor, store, event_with_roster, dialogs):
    first = set_event_pledge(store, event_with_roster.id, BEKASI)
    monkeypatch.setattr(pledge_editor, "event_pledge", lambda s, e: signed(first, 2))
    dialog = open_editor()
    dialog.accept()  # unchanged: no question, no new version
    assert not dialogs.questions and not dialog.isVisible()
    assert len(versions(store, event_with_roster.id)) == 1


def test_fits_a_laptop_screen_and_shots(qtbot, open_editor, store, event_with_roster):
    set_event_pledge(store, event_with_roster.id,
                     template_text("pakta_integritas", event_with_roster.institution))
    dialog = open_editor()
    hint = dialog.minimumSizeHint()
    assert hint.width() <= 1280 and hint.height() <= 740  # 1280x800 less the task bar
    assert dialog.width() <= 1280 and dialog.height() <= 740
    dialog.points_view.setCurrentIndex(dialog.points.index(4))
    save_shot(dialog, "editor_pakta.png")
    dialog.title.clear()
    dialog.accept()
    QApplication.processEvents()
    save_shot(dialog, "editor_errors.png")


def a_signature() -> list:
    """A short genuine-looking signature: a loop and a flourish, 10 ms between points."""
    import math

    points = [(100 + 60 * math.cos(i / 6) + i * 3, 100 + 40 * math.sin(i / 3), i * 10, 0.6)
              for i in range(60)]
    return [points]


def test_real_signatures_are_counted(open_editor, store, event_with_roster):
    from pledges.signatures import sign

    set_event_pledge(store, event_with_roster.id, BEKASI)
    for attendee in store.list_attendees(event_with_roster.id)[:2]:
        sign(store, event_with_roster.id, attendee.id, a_signature(), 600, 300, "Meja 1", "op")
    dialog = open_editor()
    assert dialog.signed_note.isVisible()
    assert dialog.signed_note.text().startswith("Sudah ditandatangani 2 orang")
