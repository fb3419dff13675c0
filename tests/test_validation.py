"""Form checks: each problem names the field the user must fix; good input comes back normalised."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

import pytest

from events.categories import Category
from events.model import Attendee, Event, Official
from events.validation import FieldProblem, attendee_problems, event_problems

TODAY = date(2025, 1, 15)
NIP_A = "198609262015051001"
NIK_WOMAN = "3275014109900001"  # born 1 September 1990 (day + 40)


def an_event(**changes) -> Event:
    event = Event(
        name="Ikrar Netralitas ASN", event_date=date(2024, 11, 2),
        start_time=time(8, 0), end_time=time(11, 0),
        presiding=Official("Wali Kota", "Pj. Wali Kota", "196608011988031001"),
        witness=Official("Sekda", "Sekretaris Daerah", NIP_A),
    )
    return replace(event, **changes)


def fields(problems: list[FieldProblem]) -> list[str]:
    return [p.field for p in problems]


# -- events ---------------------------------------------------------------------------------


def test_a_good_event_has_no_problems():
    assert event_problems(an_event(), TODAY) == []


@pytest.mark.parametrize("name", ["", "   ", "\t\n"])
def test_event_name_is_required(name):
    problems = event_problems(an_event(name=name), TODAY)
    assert problems == [FieldProblem("name", "required", "Wajib diisi")]


@pytest.mark.parametrize("end", [time(7, 59), time(8, 0)])
def test_end_before_or_at_start_is_refused_on_end_time(end):
    problems = event_problems(an_event(start_time=time(8, 0), end_time=end), TODAY)
    assert fields(problems) == ["end_time"]
    assert problems[0].code == "end_before_start"
    assert "setelah jam mulai" in problems[0].message


@pytest.mark.parametrize("start, end", [(None, time(9, 0)), (time(9, 0), None), (None, None)])
def test_times_may_be_left_open(start, end):
    assert event_problems(an_event(start_time=start, end_time=end), TODAY) == []


@pytest.mark.parametrize("role", ["presiding", "witness"])
@pytest.mark.parametrize("nip, code", [
    ("198609262015131001", "nip_tmt"),      # month 13
    ("198609262015053001", "nip_sex"),      # sex digit 3
    ("19860926201505100", "nip_length"),    # 17 digits
    ("198602302015051001", "nip_birth_date"),  # 30 February
])
def test_official_nip_is_checked(role, nip, code):
    official = Official("Nama", "Jabatan", nip)
    problems = event_problems(an_event(**{role: official}), TODAY)
    assert fields(problems) == [f"{role}_nip"]
    assert problems[0].code == code
    assert problems[0].message


def test_officials_without_nip_are_fine():
    event = an_event(presiding=Official("Wali Kota", "", ""), witness=Official())
    assert event_problems(event, TODAY) == []


def test_every_event_problem_is_reported_at_once():
    event = an_event(name="", start_time=time(10, 0), end_time=time(9, 0),
                     witness=Official("X", "", "123"))
    assert fields(event_problems(event, TODAY)) == ["name", "end_time", "witness_nip"]


# -- attendees ------------------------------------------------------------------------------


def test_a_good_attendee_comes_back_normalised():
    typed = Attendee(name="  Dewi    Lestari ", category=Category.ESELON_IV,
                     nip="19860926 201505 1 001", phone="0812-3456-7890")
    problems, normal = attendee_problems(typed, TODAY)
    assert problems == []
    assert normal.name == "Dewi Lestari"
    assert normal.nip == NIP_A
    assert normal.phone == "081234567890"
    assert typed.nip == "19860926 201505 1 001"  # the form's own value is not changed


@pytest.mark.parametrize("name", ["", "    "])
def test_attendee_name_is_required(name):
    problems, _ = attendee_problems(Attendee(name=name, category=Category.TAMU), TODAY)
    assert problems == [FieldProblem("name", "required", "Wajib diisi")]


@pytest.mark.parametrize("typed", [
    "19860926 201505 1 001",
    "19860926.201505.1.001",
    "  198609262015051001 ",
    "'198609262015051001",
    "19860926-201505-1-001",
])
def test_nip_is_stored_as_digits_whatever_way_it_is_written(typed):
    problems, normal = attendee_problems(
        Attendee(name="Agus", category=Category.PELAKSANA, nip=typed), TODAY)
    assert problems == []
    assert normal.nip == NIP_A


def test_ni_pppk_is_accepted():
    problems, normal = attendee_problems(
        Attendee(name="Eko", category=Category.PPPK, nip="20001231 2024 2 1 1 001"), TODAY)
    assert problems == []
    assert normal.nip == "200012312024211001"


@pytest.mark.parametrize("nip, code", [
    ("12345", "nip_length"),
    ("1986O926201505100l", "nip_not_digits"),
    ("19860926 201513 1 001", "nip_tmt"),
    ("19860926 200001 1 001", "nip_too_young"),
    ("1.98609262015051E+17", "nip_excel_number"),  # pasted from a spreadsheet cell
])
def test_a_bad_nip_is_reported_on_the_nip_field(nip, code):
    problems, _ = attendee_problems(
        Attendee(name="Agus", category=Category.PELAKSANA, nip=nip), TODAY)
    assert fields(problems) == ["nip"]
    assert problems[0].code == code
    assert problems[0].message


@pytest.mark.parametrize("blank", ["", None])
def test_no_nip_or_nik_is_kept_as_none(blank):
    problems, normal = attendee_problems(
        Attendee(name="Rina", category=Category.TAMU, nip=blank, nik=blank), TODAY)
    assert problems == []
    assert normal.nip is None and normal.nik is None


def test_nik_is_checked_and_normalised():
    problems, normal = attendee_problems(
        Attendee(name="Rina", category=Category.NON_ASN, nik="3275 0141 0990 0001"), TODAY)
    assert problems == []
    assert normal.nik == NIK_WOMAN


@pytest.mark.parametrize("nik, code", [
    ("327501410990", "nik_length"),
    ("3275013213900001", "nik_birth_date"),  # day 32, month 13
    ("32750141O9900001", "nik_not_digits"),
])
def test_a_bad_nik_is_reported_on_the_nik_field(nik, code):
    problems, _ = attendee_problems(
        Attendee(name="Rina", category=Category.NON_ASN, nik=nik), TODAY)
    assert fields(problems) == ["nik"]
    assert problems[0].code == code


@pytest.mark.parametrize("typed, repaired", [
    ("8123456789", "08123456789"),        # lost its leading 0 in Excel
    ("+62 812-3456-7890", "081234567890"),
    ("62 0812 3456 7890", "081234567890"),
    ("(021) 889-5566", "0218895566"),
])
def test_phone_is_repaired(typed, repaired):
    problems, normal = attendee_problems(
        Attendee(name="Agus", category=Category.TAMU, phone=typed), TODAY)
    assert problems == []
    assert normal.phone == repaired


@pytest.mark.parametrize("typed", ["telepon kantor", "12", "0812345678901234567"])
def test_a_bad_phone_is_reported_on_the_phone_field(typed):
    problems, _ = attendee_problems(
        Attendee(name="Agus", category=Category.TAMU, phone=typed), TODAY)
    assert fields(problems) == ["phone"]
    assert problems[0].code == "phone_invalid"


def test_every_attendee_problem_is_reported_at_once():
    typed = Attendee(name=" ", category=Category.PELAKSANA, nip="123", nik="99",
                     phone="bukan nomor")
    problems, _ = attendee_problems(typed, TODAY)
    assert fields(problems) == ["name", "nip", "nik", "phone"]
