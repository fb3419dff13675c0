"""The walk-in form: one field takes a NIP or a NIK, told apart by events.ids.classify_number."""

from __future__ import annotations

from dataclasses import replace

import pytest

from events.categories import Category
from events.checkins import Desk
from events.ids import format_nip
from ui.walk_in_dialog import WalkInDialog

NIK_RAHMAT = "3275012609860001"  # born 26-09-1986
NIP_RAHMAT = "198609262015051002"


@pytest.fixture
def dialog(qtbot, store, event_with_roster) -> WalkInDialog:
    form = WalkInDialog(Desk(store, event_with_roster.id, "Meja 1", "Ani"))
    qtbot.add_widget(form)
    form.name.setText("Rahmat Hidayat")
    form.category.setCurrentIndex(form.category.findData(Category.NON_ASN.value))
    form.unit.setText("Dinas Kominfo")
    return form


@pytest.mark.parametrize(("typed", "nip", "nik"), [
    (NIK_RAHMAT, None, NIK_RAHMAT),
    ("3275 0126 0986 0001", None, NIK_RAHMAT),
    (NIP_RAHMAT, NIP_RAHMAT, None),
    ("19860926 201505 1 002", NIP_RAHMAT, None),
    ("", None, None),
])
def test_the_number_is_stored_as_nip_or_nik_by_its_digits(dialog, store, event_with_roster,
                                                           typed, nip, nik):
    dialog.nip.setText(typed)
    dialog.accept()
    assert dialog.result() == WalkInDialog.DialogCode.Accepted
    stored = store.get_attendee(dialog.person.id)
    assert (stored.nip, stored.nik) == (nip, nik)


def test_a_number_of_neither_length_is_checked_as_a_nip(dialog):
    dialog.nip.setText("3275 0126 0986")
    dialog.accept()
    assert dialog.person is None
    assert dialog.fields["nip"].error_text() == "NIP harus 18 angka, tertulis 12 angka"


def _offer_look_alike(qtbot, store, event_with_roster) -> tuple[WalkInDialog, object]:
    budi = next(p for p in store.list_attendees(event_with_roster.id) if "Budi" in p.name)
    form = WalkInDialog(Desk(store, event_with_roster.id, "Meja 1", "Ani"))
    qtbot.add_widget(form)
    form.name.setText(budi.name.upper())
    form.category.setCurrentIndex(form.category.findData(budi.category.value))
    form.unit.setText(budi.unit)
    form.show()
    qtbot.waitExposed(form)
    form.accept()  # the look-alike is offered instead of a new record
    assert form.similar.isVisible() and form.similar.count() >= 1
    return form, budi


def test_choosing_the_match_is_the_default_once_a_look_alike_is_offered(qtbot, store,
                                                                          event_with_roster):
    form, _ = _offer_look_alike(qtbot, store, event_with_roster)
    assert form.use_existing.isDefault()
    assert not form.ok_button.isDefault() and not form.ok_button.autoDefault()


@pytest.mark.parametrize("focus", ["list", "name"])
def test_a_hurried_enter_chooses_the_match_not_a_duplicate(qtbot, store, event_with_roster,
                                                            focus):
    from PySide6.QtCore import Qt

    form, budi = _offer_look_alike(qtbot, store, event_with_roster)
    before = len(store.list_attendees(event_with_roster.id))
    target = form.similar if focus == "list" else form.name
    target.setFocus()
    qtbot.keyClick(target, Qt.Key.Key_Return)
    assert form.result() == WalkInDialog.DialogCode.Accepted
    assert form.existing is not None and form.existing.id == budi.id
    assert len(store.list_attendees(event_with_roster.id)) == before  # no duplicate


def test_two_look_alikes_of_one_name_are_told_apart_by_jabatan_and_nip(qtbot, store,
                                                                        event_with_roster):
    budi = next(p for p in store.list_attendees(event_with_roster.id) if "Budi" in p.name)
    store.add_attendee(event_with_roster.id, replace(
        budi, id=None, token=None, nip="199005062015031002", jabatan="Pranata Komputer"))
    form, _ = _offer_look_alike(qtbot, store, event_with_roster)
    shown = sorted(form.similar.item(row).text() for row in range(form.similar.count()))
    assert shown == [
        "Budi Santoso, S.E. \u2014 Eselon III (Administrator) \u2014 Dinas Pendidikan\n"
        f"Kepala Bidang \u00b7 NIP {format_nip(budi.nip)}",
        "Budi Santoso, S.E. \u2014 Eselon III (Administrator) \u2014 Dinas Pendidikan\n"
        "Pranata Komputer \u00b7 NIP 19900506 201503 1 002",
    ]


def test_this_is_the_person_needs_a_match_chosen(qtbot, store, event_with_roster):
    form, _ = _offer_look_alike(qtbot, store, event_with_roster)
    assert form.use_existing.isEnabled()
    form.similar.clearSelection()
    assert not form.use_existing.isEnabled()
    form.similar.setCurrentRow(0)
    assert form.use_existing.isEnabled()
