"""The walk-in form: one field takes a NIP or a NIK, told apart by events.ids.classify_number."""

from __future__ import annotations

import pytest

from events.categories import Category
from events.checkins import Desk
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
