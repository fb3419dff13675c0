"""An event's roster: filtering, counts, and add/edit/remove through the attendee form."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from uihelpers import NIP_AGUS, NIP_BUDI, NIP_SITI, type_text

from events.categories import Category
from events.model import Attendee, Source
from ui.attendee_dialog import AttendeeDialog
from ui.roster_page import RosterPage
from ui.texts import display_moment

LEFT = Qt.MouseButton.LeftButton
SAVE = QDialogButtonBox.StandardButton.Save


@pytest.fixture
def page(qtbot, store, dialogs, event_with_roster) -> RosterPage:
    roster = RosterPage(store, dialogs)
    qtbot.add_widget(roster)
    roster.resize(1100, 700)
    roster.show_event(event_with_roster)
    roster.show()
    qtbot.waitExposed(roster)
    return roster


def names(page: RosterPage) -> list[str]:
    """The names in the table, top to bottom, as the user sees them."""
    model = page.table.model()
    return [model.index(r, 1).data() for r in range(model.rowCount())]


def cell(page: RosterPage, name: str, column: int) -> str:
    model = page.table.model()
    for r in range(model.rowCount()):
        if model.index(r, 1).data() == name:
            return model.index(r, column).data()
    raise AssertionError(f"{name} not in the table")


def type_filter(qtbot, page: RosterPage, text: str) -> list[str]:
    page.filter.clear()
    type_text(qtbot, page.filter, text)
    assert page.filter.text() == text
    return names(page)


def choose(combo, value) -> None:
    index = combo.findData(value)
    assert index >= 0, value
    combo.setCurrentIndex(index)


def save_button(dialog: AttendeeDialog):
    return dialog.findChild(QDialogButtonBox).button(SAVE)


def test_roster_shows_the_event(page, event_with_roster):
    assert page.title.text() == event_with_roster.name
    assert "Aula Balai Patriot" in page.subtitle.text()
    assert "08.00 \u2013 11.30 WIB" in page.subtitle.text()
    assert not page.demo_banner.isVisible()
    assert names(page) == ["Budi Santoso, S.E.", "René Sétiawan", "Siti Rahayu",
                           "Putri Lestari", "Agus Wibowo", "H. Ahmad Wartawan"]
    assert cell(page, "Budi Santoso, S.E.", 3) == "19860926 201505 1 001"
    assert cell(page, "H. Ahmad Wartawan", 6) == "PWI Kota Bekasi"  # a guest's institution
    assert page.shown.text() == "6 dari 6"


def test_filter_by_name_words_in_any_order(qtbot, page):
    assert type_filter(qtbot, page, "santoso budi") == ["Budi Santoso, S.E."]
    assert page.shown.text() == "1 dari 6"
    assert type_filter(qtbot, page, "SITI rah") == ["Siti Rahayu"]
    assert type_filter(qtbot, page, "kepala") == ["Budi Santoso, S.E.", "Siti Rahayu"]
    assert type_filter(qtbot, page, "tidak ada orang ini") == []
    assert page.shown.text() == "0 dari 6"
    page.filter.clear()
    assert len(names(page)) == 6 and page.shown.text() == "6 dari 6"


def test_filter_by_nip_with_or_without_spaces(qtbot, page):
    assert type_filter(qtbot, page, NIP_BUDI) == ["Budi Santoso, S.E."]
    assert type_filter(qtbot, page, "19860926 201505 1 001") == ["Budi Santoso, S.E."]
    assert type_filter(qtbot, page, "19900101") == ["Siti Rahayu"]


def test_filter_ignores_accents(qtbot, page):
    assert type_filter(qtbot, page, "rene setiawan") == ["René Sétiawan"]
    assert type_filter(qtbot, page, "RENÉ") == ["René Sétiawan"]
    assert type_filter(qtbot, page, "sétia") == ["René Sétiawan"]


def test_filter_ignores_apostrophes_as_the_desk_search_does(qtbot, page, store,
                                                           event_with_roster):
    store.add_attendee(event_with_roster.id, Attendee(name="Muhammad Ma\u2019ruf",
                                                      category=Category.PELAKSANA))
    page.show_event(store.get_event(event_with_roster.id))
    for typed in ("maruf", "ma'ruf", "MA\u2019RUF", "muhammad ma'r"):
        assert type_filter(qtbot, page, typed) == ["Muhammad Ma\u2019ruf"], typed


def test_category_combo_filters_and_counts_stay_totals(qtbot, page):
    counts = {c: page.counts.count_text(c) for c in [*Category, None]}
    assert counts == {Category.ESELON_II: "0", Category.ESELON_III: "2",
                      Category.ESELON_IV: "1", Category.FUNGSIONAL: "1",
                      Category.PELAKSANA: "1", Category.PPPK: "0", Category.NON_ASN: "0",
                      Category.TAMU: "1", None: "6"}

    choose(page.category_filter, Category.ESELON_III.value)
    assert names(page) == ["Budi Santoso, S.E.", "René Sétiawan"]
    assert page.shown.text() == "2 dari 6"
    assert type_filter(qtbot, page, "budi") == ["Budi Santoso, S.E."]
    assert page.shown.text() == "1 dari 6"
    assert type_filter(qtbot, page, "siti") == []  # Eselon IV, filtered out by the combo

    page.filter.clear()
    choose(page.category_filter, Category.TAMU.value)
    assert names(page) == ["H. Ahmad Wartawan"]
    choose(page.category_filter, None)
    assert len(names(page)) == 6
    assert page.counts.count_text(None) == "6"  # the panel counts the roster, not the filter


def test_add_attendee(qtbot, page, store, event_with_roster, modal):
    def fill(d: AttendeeDialog) -> None:
        assert d.windowTitle() == "Tambah Peserta"
        qtbot.keyClicks(d.name, "  Wahyu   Setiawan, S.Kom. ")
        choose(d.category, Category.PPPK.value)
        qtbot.keyClicks(d.nip, "19900215 202321 1 005")
        d.golongan.setCurrentText("IX")
        qtbot.keyClicks(d.jabatan, "Pranata Komputer")
        qtbot.keyClicks(d.unit, "Diskominfo")
        qtbot.keyClicks(d.phone, "0812-1111-2222")
        qtbot.mouseClick(save_button(d), LEFT)

    opened = modal(AttendeeDialog, fill)
    qtbot.mouseClick(page.add_button, LEFT)

    assert opened[0].result() == AttendeeDialog.DialogCode.Accepted
    assert "Wahyu Setiawan, S.Kom." in names(page)
    assert cell(page, "Wahyu Setiawan, S.Kom.", 3) == "19900215 202321 1 005"
    assert cell(page, "Wahyu Setiawan, S.Kom.", 2) == "PPPK"
    assert page.selected().name == "Wahyu Setiawan, S.Kom."
    assert page.counts.count_text(Category.PPPK) == "1"
    assert page.shown.text() == "7 dari 7"
    [wahyu] = [a for a in store.list_attendees(event_with_roster.id) if a.category is
               Category.PPPK]
    assert (wahyu.name, wahyu.nip, wahyu.phone) == (
        "Wahyu Setiawan, S.Kom.", "199002152023211005", "081211112222")
    assert (wahyu.golongan, wahyu.jabatan, wahyu.unit) == ("IX", "Pranata Komputer",
                                                           "Diskominfo")
    assert wahyu.source is Source.MANUAL


def test_duplicate_nip_is_shown_at_the_nip(qtbot, page, store, event_with_roster):
    dialog = page.open_attendee_dialog(None)
    dialog.show()
    qtbot.keyClicks(dialog.name, "Budi Kembar")
    choose(dialog.category, Category.ESELON_IV.value)
    qtbot.keyClicks(dialog.nip, "19860926 201505 1 001")
    dialog.accept()

    assert dialog.isVisible()
    assert dialog.result() != AttendeeDialog.DialogCode.Accepted
    assert dialog.fields["nip"].error.isVisible()
    assert "sudah terdaftar" in dialog.fields["nip"].error_text()
    assert NIP_BUDI in dialog.fields["nip"].error_text()
    assert not dialog.fields["name"].error.isVisible()
    assert len(store.list_attendees(event_with_roster.id)) == 6
    assert "Budi Kembar" not in names(page)
    dialog.reject()


@pytest.mark.parametrize(("nip", "message"), [
    ("12345", "NIP harus 18 angka, tertulis 5 angka"),
    ("19860926 2015O5 1 001", "NIP hanya boleh berisi angka (boleh dipisah spasi atau titik)"),
    ("19861326 201505 1 001", "Tanggal lahir pada NIP tidak mungkin (19861326)"),
])
def test_bad_nip_shows_the_rule(qtbot, page, store, event_with_roster, nip, message):
    dialog = page.open_attendee_dialog(None)
    dialog.show()
    qtbot.keyClicks(dialog.name, "Salah Ketik")
    choose(dialog.category, Category.PELAKSANA.value)
    qtbot.keyClicks(dialog.nip, nip)
    qtbot.mouseClick(save_button(dialog), LEFT)

    assert dialog.isVisible()
    assert dialog.fields["nip"].error_text() == message
    assert dialog.fields["nip"].error.isVisible()
    assert len(store.list_attendees(event_with_roster.id)) == 6
    dialog.reject()


def test_missing_name_and_category_are_required(qtbot, page):
    dialog = page.open_attendee_dialog(None)
    dialog.show()
    qtbot.mouseClick(save_button(dialog), LEFT)
    assert dialog.isVisible()
    assert dialog.fields["name"].error_text() == "Wajib diisi"
    assert dialog.fields["category"].error_text() == "Wajib diisi"
    dialog.reject()


def test_edit_changes_the_row(qtbot, page, store, event_with_roster, modal):
    siti = next(a for a in store.list_attendees(event_with_roster.id) if a.nip == NIP_SITI)
    page.select_attendee(siti.id)
    assert page.edit_button.isEnabled()

    def change(d: AttendeeDialog) -> None:
        assert d.windowTitle() == "Ubah Peserta"
        assert (d.name.text(), d.nip.text(), d.jabatan.text()) == (
            "Siti Rahayu", NIP_SITI, "Kepala Seksi")
        assert d.category.currentData() == Category.ESELON_IV.value
        d.jabatan.setText("Kepala Bidang Pelayanan")
        choose(d.category, Category.ESELON_III.value)
        qtbot.mouseClick(save_button(d), LEFT)

    modal(AttendeeDialog, change)
    qtbot.mouseClick(page.edit_button, LEFT)

    assert cell(page, "Siti Rahayu", 5) == "Kepala Bidang Pelayanan"
    assert cell(page, "Siti Rahayu", 2) == "Eselon III (Administrator)"
    assert page.counts.count_text(Category.ESELON_III) == "3"
    assert page.counts.count_text(Category.ESELON_IV) == "0"
    assert page.shown.text() == "6 dari 6"
    stored = store.get_attendee(siti.id)
    assert (stored.jabatan, stored.category) == ("Kepala Bidang Pelayanan", Category.ESELON_III)


def test_edit_to_a_taken_nip_is_refused(qtbot, page, store, event_with_roster, modal):
    siti = next(a for a in store.list_attendees(event_with_roster.id) if a.nip == NIP_SITI)
    page.select_attendee(siti.id)
    seen = []

    def change(d: AttendeeDialog) -> None:
        d.nip.setText(NIP_BUDI)
        qtbot.mouseClick(save_button(d), LEFT)
        seen.append((d.isVisible(), d.fields["nip"].error_text()))

    modal(AttendeeDialog, change)
    page.on_edit()
    [(still_open, error)] = seen
    assert still_open and "sudah terdaftar" in error
    assert store.get_attendee(siti.id).nip == NIP_SITI
    assert cell(page, "Siti Rahayu", 3) == "19900101 201801 2 003"


def test_remove_asks_then_removes(qtbot, page, store, dialogs, event_with_roster):
    agus = next(a for a in store.list_attendees(event_with_roster.id) if a.nip == NIP_AGUS)
    page.select_attendee(agus.id)
    assert page.remove_button.isEnabled()

    dialogs.answers.append(False)
    qtbot.mouseClick(page.remove_button, LEFT)
    assert "Agus Wibowo" in dialogs.questions[0][1]
    assert "Agus Wibowo" in names(page)
    assert len(store.list_attendees(event_with_roster.id)) == 6

    dialogs.answers.append(True)
    qtbot.mouseClick(page.remove_button, LEFT)
    assert "Agus Wibowo" not in names(page)
    assert all(a.id != agus.id for a in store.list_attendees(event_with_roster.id))
    assert page.counts.count_text(Category.PELAKSANA) == "0"
    assert page.shown.text() == "5 dari 5"
    assert dialogs.errors() == []


def test_archived_event_is_read_only(qtbot, page, store, event_with_roster):
    store.set_archived(event_with_roster.id)
    page.show_event(store.get_event(event_with_roster.id))
    assert len(names(page)) == 6
    assert not page.add_button.isEnabled()
    assert not page.import_button.isEnabled()
    page.table.selectRow(0)
    assert page.selected() is not None
    assert not page.edit_button.isEnabled()
    assert not page.remove_button.isEnabled()
    page.on_remove()  # e.g. the Delete key: still nothing happens
    assert len(store.list_attendees(event_with_roster.id)) == 6

    store.set_archived(event_with_roster.id, False)
    page.show_event(store.get_event(event_with_roster.id))
    assert page.add_button.isEnabled() and page.import_button.isEnabled()


ROW_BUTTONS = ("edit_button", "remove_button", "invitation_one_button", "sign_button")


def row_buttons_enabled(page: RosterPage) -> dict[str, bool]:
    return {name: getattr(page, name).isEnabled() for name in ROW_BUTTONS}


def test_buttons_for_one_person_need_a_selected_row(qtbot, page, store, event_with_roster):
    assert page.selected() is None
    assert not any(row_buttons_enabled(page).values())
    siti = next(a for a in store.list_attendees(event_with_roster.id) if a.nip == NIP_SITI)
    page.select_attendee(siti.id)
    assert all(row_buttons_enabled(page).values())
    page.table.clearSelection()
    assert not any(row_buttons_enabled(page).values())


def test_buttons_for_one_person_turn_off_when_the_row_goes_away(qtbot, page, store,
                                                                event_with_roster):
    siti = next(a for a in store.list_attendees(event_with_roster.id) if a.nip == NIP_SITI)
    page.select_attendee(siti.id)
    assert type_filter(qtbot, page, "budi") and "Siti Rahayu" not in names(page)
    shown = page.selected()  # Qt may move the selection to a row still shown
    assert shown is None or shown.id != siti.id
    assert set(row_buttons_enabled(page).values()) == {shown is not None}
    type_filter(qtbot, page, "tidak ada yang bernama ini")
    assert names(page) == [] and page.selected() is None
    assert not any(row_buttons_enabled(page).values())
    page.filter.clear()
    page.select_attendee(siti.id)
    page.reload()  # a reload drops the selection: the buttons follow
    assert page.selected() is None
    assert not any(row_buttons_enabled(page).values())
    page.select_attendee(siti.id)
    page.show_event(store.get_event(event_with_roster.id))
    assert page.selected() is None
    assert not any(row_buttons_enabled(page).values())


# -- who came, and several rows at once ---------------------------------------------------------


def presence(page: RosterPage, name: str) -> str:
    from ui.roster_model import PRESENCE_COLUMN

    return cell(page, name, PRESENCE_COLUMN)


def test_presence_column_says_who_came_and_when_and_sorts(qtbot, page, store,
                                                          event_with_roster):
    from events.checkins import Desk, Method
    from ui.roster_model import PRESENCE_COLUMN

    people = {a.name: a for a in store.list_attendees(event_with_roster.id)}
    desk = Desk(store, event_with_roster.id, "Meja 1", "Rina")
    siti = desk.check_in(people["Siti Rahayu"].id, Method.SCAN)
    desk.check_in(people["Budi Santoso, S.E."].id)
    page.reload()
    came = display_moment(siti.checked_in_at, page.shown_event)
    assert presence(page, "Siti Rahayu") == f"Hadir {came}"
    assert presence(page, "Agus Wibowo") == "Belum"
    header = page.table.horizontalHeader()
    assert header.visualIndex(PRESENCE_COLUMN) < header.visualIndex(2)  # near the name
    assert page.model.headerData(PRESENCE_COLUMN, Qt.Orientation.Horizontal) == "Kehadiran"
    model = page.table.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, 1).data() == "Siti Rahayu")
    tip = model.index(row, PRESENCE_COLUMN).data(Qt.ItemDataRole.ToolTipRole)
    assert "Meja 1" in tip and "pindai QR" in tip
    # Sorted: who has not come first, then in the order they came; and back.
    page.table.sortByColumn(PRESENCE_COLUMN, Qt.SortOrder.AscendingOrder)
    shown = [presence(page, n) for n in names(page)]
    assert shown[:4] == ["Belum"] * 4 and all(s.startswith("Hadir") for s in shown[4:])
    assert names(page)[4:] == ["Siti Rahayu", "Budi Santoso, S.E."]
    page.table.sortByColumn(PRESENCE_COLUMN, Qt.SortOrder.DescendingOrder)
    assert names(page)[:2] == ["Budi Santoso, S.E.", "Siti Rahayu"]


def select_rows(page: RosterPage, *wanted: str) -> None:
    from PySide6.QtCore import QItemSelectionModel

    page.table.clearSelection()
    model = page.table.model()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for r in range(model.rowCount()):
        if model.index(r, 1).data() in wanted:
            page.table.selectionModel().select(model.index(r, 0), flags)


def test_ctrl_click_selects_several_rows(qtbot, page):
    page.table.selectRow(0)
    rect = page.table.visualRect(page.table.model().index(2, 1))
    qtbot.mouseClick(page.table.viewport(), LEFT, Qt.KeyboardModifier.ControlModifier,
                     rect.center())
    assert len(page.selected_people()) == 2


def test_buttons_follow_how_many_rows_are_selected(qtbot, page):
    select_rows(page, "Siti Rahayu", "Agus Wibowo")
    assert page.selected() is None and len(page.selected_people()) == 2
    # Edit and sign act on one person; remove and invitations on all the selected.
    assert not page.edit_button.isEnabled() and not page.sign_button.isEnabled()
    assert page.remove_button.isEnabled() and page.invitation_one_button.isEnabled()
    assert "(2)" in page.remove_button.text() and "(2)" in page.invitation_one_button.text()
    select_rows(page, "Siti Rahayu")
    assert all(row_buttons_enabled(page).values())
    assert page.remove_button.text() == "Hapus"


def test_remove_several_asks_once_naming_how_many(qtbot, page, store, dialogs,
                                                  event_with_roster):
    select_rows(page, "Siti Rahayu", "Agus Wibowo", "Putri Lestari")
    dialogs.answers.append(False)
    qtbot.mouseClick(page.remove_button, LEFT)
    assert len(dialogs.questions) == 1 and "3 peserta" in dialogs.questions[0][1]
    assert len(store.list_attendees(event_with_roster.id)) == 6
    dialogs.answers.append(True)
    qtbot.mouseClick(page.remove_button, LEFT)
    assert len(dialogs.questions) == 2  # one question for the three
    left = {a.name for a in store.list_attendees(event_with_roster.id)}
    assert left.isdisjoint({"Siti Rahayu", "Agus Wibowo", "Putri Lestari"}) and len(left) == 3
    assert sorted(names(page)) == sorted(left)
    assert page.shown.text() == "3 dari 3" and dialogs.errors() == []
    assert not page.remove_button.isEnabled()


def test_invitations_for_the_selected_people_only(qtbot, page, dialogs, tmp_path, monkeypatch):
    import pledges.documents.invitations as invitations

    printed: list[list[str]] = []

    def write(target, event, people, progress):
        printed.append([p.name for p in people])
        target.write(b"%PDF-1.4\n")

    monkeypatch.setattr(invitations, "write_invitations", write)
    monkeypatch.setattr("PySide6.QtGui.QDesktopServices.openUrl", lambda url: True)
    select_rows(page, "Siti Rahayu", "Agus Wibowo")
    dialogs.file_path = str(tmp_path / "terpilih.pdf")
    job = page.on_invitation_one()
    qtbot.waitUntil(lambda: job.result is not None, timeout=10000)
    assert sorted(printed[0]) == ["Agus Wibowo", "Siti Rahayu"]
    assert "undangan_terpilih_2.pdf" in dialogs.file_requests[0][1]


def test_print_all_needs_someone_on_the_roster(qtbot, store, dialogs):
    from uihelpers import sample_event

    event = store.create_event(sample_event(name="Acara Kosong"))
    roster = RosterPage(store, dialogs)
    qtbot.add_widget(roster)
    roster.show_event(event)
    assert not roster.invitations_button.isEnabled()
    roster.model.upsert(store.add_attendee(event.id, Attendee("Budi", Category.TAMU)))
    assert roster.invitations_button.isEnabled()


def test_the_presence_column_holds_a_check_in_time_with_its_zone_on_one_line(page):
    """ "Hadir 08.42 WITA" is read at a glance, not broken over two lines of a 30-pixel row."""
    from ui.roster_model import PRESENCE_COLUMN

    text = page.tr("Hadir {0}").format("08.42 WITA")
    room = page.table.columnWidth(PRESENCE_COLUMN) - 12  # the cell's margins
    assert page.table.fontMetrics().horizontalAdvance(text) <= room
