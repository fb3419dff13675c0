"""events.model.affiliation: the one rule for where a person comes from, as certificates and
invitation cards print it. No Qt."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("unit, institution, category, expected", [
    ("Dinas  Pendidikan ", "", "pelaksana", "Dinas Pendidikan"),
    ("", "Yayasan  Bakti", "non_asn", "Yayasan Bakti"),
    ("Dinas Kesehatan", "PWI Kota Bekasi", "tamu", "PWI Kota Bekasi"),
    ("Dinas Kesehatan", "PWI Kota Bekasi", "pelaksana", "Dinas Kesehatan"),
    ("Seksi Humas", "", "tamu", "Seksi Humas"),
    ("", "", "tamu", ""),
])
def test_affiliation_is_the_unit_or_for_a_guest_the_institution(unit, institution, category,
                                                                 expected):
    from events.categories import Category
    from events.model import Attendee, affiliation

    person = Attendee("Nama", Category(category), unit=unit, institution=institution)
    assert affiliation(person) == expected
