"""NIP PNS, NI PPPK, NIK and phone checks against DOMAIN.md ("Identity numbers")."""

from datetime import date

import pytest

from events.ids import (
    NI_PPPK,
    NIK,
    NIK_BIRTH_DATE,
    NIK_LENGTH,
    NIK_NOT_DIGITS,
    NIP_BIRTH_DATE,
    NIP_EXCEL_NUMBER,
    NIP_LENGTH,
    NIP_NOT_DIGITS,
    NIP_PNS,
    NIP_SEX,
    NIP_TMT,
    NIP_TOO_YOUNG,
    PHONE_INVALID,
    PHONE_LEADING_ZERO,
    check_nik,
    check_nip,
    check_phone,
    classify_number,
    format_nip,
    mask_id,
)

TODAY = date(2026, 11, 23)
NIP = "198609262015051001"  # born 26-09-1986, TMT CPNS 05-2015, male, sequence 001
PPPK = "200012312024211001"  # born 31-12-2000, appointed 2024, '2', count 1, male, 001


def codes(result):
    return [issue.code for issue in result.issues]


# --- NIP PNS: accepted forms -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "digits"),
    [
        (NIP, NIP),
        ("19860926 201505 1 001", NIP),
        ("19660801.198803.1.001", "196608011988031001"),
        ("'198609262015051001", NIP),
        ("  19860926  201505 1 001 ", NIP),
        ("199001152015032002", "199001152015032002"),  # a woman: sex digit 2
        (198609262015051001, NIP),  # an exact Python int (CSV, typed) is not an Excel loss
    ],
)
def test_nip_pns_valid_forms_store_digits_only(written, digits):
    result = check_nip(written, TODAY)
    assert result.ok
    assert result.digits == digits
    assert result.kind == NIP_PNS
    assert result.issues == ()


@pytest.mark.parametrize("value", [None, "", "   "])
def test_nip_empty_is_not_a_value_and_not_an_error(value):
    result = check_nip(value, TODAY)
    assert result.digits is None
    assert not result.ok
    assert result.issues == ()


# --- NIP PNS: rejected ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "length"), [(NIP[:17], "17"), (NIP + "1", "19"), ("1986", "4")]
)
def test_nip_wrong_length(written, length):
    result = check_nip(written, TODAY)
    assert result.digits is None
    assert not result.ok
    assert codes(result) == [NIP_LENGTH]
    assert result.issues[0].message == f"NIP harus 18 angka, tertulis {length} angka"


@pytest.mark.parametrize("written", ["19860926201505100A", "NIP 198609262015051001", "abc"])
def test_nip_letters(written):
    result = check_nip(written, TODAY)
    assert result.digits is None
    assert codes(result) == [NIP_NOT_DIGITS]


@pytest.mark.parametrize(
    "written",
    [
        "198602302015051001",  # 30 February
        "198613012015051001",  # month 13
        "198600102015051001",  # month 00
        "198609002015051001",  # day 00
        "202611242015051001",  # tomorrow
        "203001012015051001",  # future year
        "189912312015051001",  # before 1900
    ],
)
def test_nip_impossible_birth_date(written):
    result = check_nip(written, TODAY)
    assert result.digits is None
    assert codes(result) == [NIP_BIRTH_DATE]
    assert written[:8] in result.issues[0].message


def test_nip_birth_date_today_is_not_future_but_then_too_young():
    result = check_nip("202611232015051001", TODAY)
    assert NIP_BIRTH_DATE not in codes(result)
    assert NIP_TOO_YOUNG in codes(result)


@pytest.mark.parametrize(
    ("written", "tmt"),
    [
        ("198609262015001001", "201500"),  # month 00
        ("198609262015131001", "201513"),  # month 13
        ("198609262027011001", "202701"),  # future: after next month
        ("198609262030051001", "203005"),  # future year
    ],
)
def test_nip_impossible_tmt(written, tmt):
    result = check_nip(written, TODAY)
    assert result.digits is None
    assert result.kind == NIP_PNS
    assert codes(result) == [NIP_TMT]
    assert tmt in result.issues[0].message


def test_nip_tmt_next_month_is_allowed():
    # A NIP can be issued shortly before its TMT.
    assert check_nip("198609262026121001", TODAY).ok
    assert check_nip("198609262026111001", TODAY).ok


def test_nip_tmt_next_month_across_new_year():
    december = date(2026, 12, 5)
    assert check_nip("198609262027011001", december).ok
    assert codes(check_nip("198609262027021001", december)) == [NIP_TMT]


@pytest.mark.parametrize("sex", ["0", "3", "9"])
def test_nip_sex_digit_must_be_1_or_2(sex):
    result = check_nip(f"19860926201505{sex}001", TODAY)
    assert result.digits is None
    assert codes(result) == [NIP_SEX]
    message = f"Digit jenis kelamin pada NIP harus 1 atau 2, tertulis {sex}"
    assert result.issues[0].message == message


def test_nip_reports_every_problem_at_once():
    result = check_nip("198609262015133001", TODAY)
    assert set(codes(result)) == {NIP_TMT, NIP_SEX}


@pytest.mark.parametrize(
    "written",
    [
        "199006152005031001",  # appointed at 14
        "199006152006061001",  # appointed at 16
        "199006151989011001",  # appointed before birth
    ],
)
def test_nip_tmt_before_about_18_is_rejected(written):
    result = check_nip(written, TODAY)
    assert result.digits is None
    assert codes(result) == [NIP_TOO_YOUNG]
    assert written[8:14] in result.issues[0].message


@pytest.mark.parametrize("written", ["199006152008071001", "199006152009011001"])
def test_nip_tmt_at_18_is_accepted(written):
    assert check_nip(written, TODAY).ok


# --- NI PPPK -------------------------------------------------------------------------------------


@pytest.mark.parametrize("written", [PPPK, "20001231 202421 1 001", "20001231.202421.1.001"])
def test_ni_pppk_is_valid(written):
    result = check_nip(written, TODAY)
    assert result.ok
    assert result.digits == PPPK
    assert result.kind == NI_PPPK
    assert result.issues == ()


@pytest.mark.parametrize(
    "written",
    [
        "199505172023251002",  # "TMT month" 25 would be impossible for a PNS
        "199505172023291002",
        "199505172023202002",  # woman
    ],
)
def test_ni_pppk_is_never_rejected_by_pns_tmt_rules(written):
    result = check_nip(written, TODAY)
    assert result.ok
    assert result.kind == NI_PPPK
    assert result.digits == written
    assert NIP_TMT not in codes(result)


def test_digit_13_tells_pns_from_pppk():
    assert check_nip("198609262015051001", TODAY).kind == NIP_PNS  # digit 13 is 0
    assert check_nip("198609262015111001", TODAY).kind == NIP_PNS  # digit 13 is 1
    assert check_nip("198609262015211001", TODAY).kind == NI_PPPK  # digit 13 is 2


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("201001012024211001", NIP_TOO_YOUNG),  # appointed at 14
        ("200001012030211001", NIP_TMT),  # appointment year in the future
        ("200012312024213001", NIP_SEX),  # sex digit 3
    ],
)
def test_ni_pppk_doubts_are_warnings_not_rejections(written, code):
    result = check_nip(written, TODAY)
    assert result.ok
    assert result.digits == written
    assert result.kind == NI_PPPK
    assert [w.code for w in result.warnings] == [code]
    assert result.errors == ()


def test_ni_pppk_with_impossible_birth_date_is_rejected():
    result = check_nip("200002302024211001", TODAY)
    assert result.digits is None
    assert codes(result) == [NIP_BIRTH_DATE]


# --- Excel numbers: never guess ------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        1.98609262015051e17,  # float from a numeric cell
        198609262015051000.0,
        198609262015051000,  # 18-digit int ending 000: the last digits were lost
        "1.98303E+17",  # the text Excel shows for the number
        "1,98303E+17",
        "1.98609262015051e+17",
    ],
)
def test_nip_excel_number_gives_no_digits(value):
    result = check_nip(value, TODAY)
    assert result.digits is None
    assert not result.ok
    assert codes(result) == [NIP_EXCEL_NUMBER]
    assert "Excel" in result.issues[0].message


# --- NIK -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "digits"),
    [
        ("3275012609860001", "3275012609860001"),  # man, born 26-09-1986
        ("3275016609860002", "3275016609860002"),  # woman: day 26 + 40
        ("3275017101900003", "3275017101900003"),  # woman born 31-01-1990
        ("3275014101000004", "3275014101000004"),  # woman born 01-01-2000
        ("3275012902000005", "3275012902000005"),  # 29-02-2000, a leap day
        ("3275 0126 0986 0001", "3275012609860001"),
        ("32.75.01.260986.0001", "3275012609860001"),
        ("'3275012609860001", "3275012609860001"),
        (3275012609860001, "3275012609860001"),
    ],
)
def test_nik_valid(written, digits):
    result = check_nik(written, TODAY)
    assert result.ok
    assert result.digits == digits
    assert result.kind == NIK


@pytest.mark.parametrize(
    ("written", "length"), [("327501260986001", "15"), ("32750126098600011", "17")]
)
def test_nik_wrong_length(written, length):
    result = check_nik(written, TODAY)
    assert result.digits is None
    assert codes(result) == [NIK_LENGTH]
    assert result.issues[0].message == f"NIK harus 16 angka, tertulis {length} angka"


def test_nik_letters_are_not_reported_as_a_length():
    result = check_nik("327501260986000X", TODAY)
    assert result.digits is None
    assert codes(result) == [NIK_NOT_DIGITS]
    assert "angka" in result.issues[0].message


@pytest.mark.parametrize(
    "ddmmyy",
    [
        "320190",  # day 32
        "000190",  # day 00
        "400190",  # day 40: neither a man's nor a woman's day
        "720190",  # woman, day 32
        "301390",  # month 13
        "300290",  # 30 February
        "700290",  # woman, 30 February
        "290201",  # 29 February in a common year
    ],
)
def test_nik_impossible_birth_date(ddmmyy):
    result = check_nik(f"327501{ddmmyy}0001", TODAY)
    assert result.digits is None
    assert codes(result) == [NIK_BIRTH_DATE]
    assert ddmmyy in result.issues[0].message


@pytest.mark.parametrize("value", [3.275012609860001e15, "3.27501E+15", 3275012609860000])
def test_nik_excel_number_gives_no_digits(value):
    result = check_nik(value, TODAY)
    assert result.digits is None
    assert codes(result) == [NIP_EXCEL_NUMBER]
    assert "NIK" in result.issues[0].message


# --- Phone numbers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "digits"),
    [
        ("0812-3456-789", "08123456789"),
        ("+62 812 3456 789", "08123456789"),
        ("628123456789", "08123456789"),
        ("+62 0812 3456 789", "08123456789"),
        ("0812.3456.7890", "081234567890"),
        ("(021) 1234567", "0211234567"),
        ("'08123456789", "08123456789"),
        (628123456789, "08123456789"),
    ],
)
def test_phone_normalised_to_local_form(written, digits):
    result = check_phone(written)
    assert result.ok
    assert result.digits == digits
    assert result.kind == "phone"
    assert result.issues == ()


@pytest.mark.parametrize(
    ("value", "repaired"),
    [(8123456789, "08123456789"), (81234567890.0, "081234567890"), ("8123456789", "08123456789")],
)
def test_phone_lost_leading_zero_is_repaired_with_warning(value, repaired):
    result = check_phone(value)
    assert result.ok
    assert result.digits == repaired
    assert [w.code for w in result.warnings] == [PHONE_LEADING_ZERO]
    assert result.errors == ()
    assert repaired in result.warnings[0].message


@pytest.mark.parametrize(
    "value", ["abc", "0812-ABCD-789", "12345", "-", "0812", "08123456789012345", "8123.5", 812.5]
)
def test_phone_junk_is_invalid(value):
    result = check_phone(value)
    assert result.digits is None
    assert not result.ok
    assert codes(result) == [PHONE_INVALID]


def test_phone_invalid_message_quotes_the_input():
    assert check_phone("tidak ada").issues[0].message == "Nomor HP tidak dikenali: tidak ada"


@pytest.mark.parametrize("value", [None, "", "  "])
def test_phone_empty(value):
    result = check_phone(value)
    assert result.digits is None
    assert result.issues == ()


# --- Display -------------------------------------------------------------------------------------


def test_format_nip_groups_8_6_1_3():
    assert format_nip(NIP) == "19860926 201505 1 001"
    assert format_nip(PPPK) == "20001231 202421 1 001"


def test_format_nip_of_any_accepted_form():
    digits = check_nip("19660801.198803.1.001", TODAY).digits
    assert format_nip(digits) == "19660801 198803 1 001"


@pytest.mark.parametrize(("value", "shown"), [(None, ""), ("", ""), ("1986", "1986")])
def test_format_nip_leaves_other_values_alone(value, shown):
    assert format_nip(value) == shown


def test_mask_id_hides_the_middle_of_a_nip():
    masked = mask_id(NIP)
    assert masked == "1986" + "*" * 11 + "001"
    assert len(masked) == len(NIP)
    assert "0926" not in masked  # birth day and month
    assert "201505" not in masked  # TMT


def test_mask_id_hides_the_middle_of_a_nik():
    assert mask_id("3275012609860001") == "3275*********001"


@pytest.mark.parametrize("value", ["12345", "1234567", "123456789"])
def test_mask_id_never_shows_a_short_value_whole(value):
    masked = mask_id(value)
    assert masked != value
    assert sum(ch.isdigit() for ch in masked) <= len(value) // 2


@pytest.mark.parametrize("value", [None, ""])
def test_mask_id_empty(value):
    assert mask_id(value) == ""


@pytest.mark.parametrize(("typed", "expected"), [
    ("3275012609860001", ("nik", "3275012609860001")),
    ("3275 0126.0986-0001", ("nik", "3275012609860001")),
    ("198609262015051001", ("nip", "198609262015051001")),
    ("19860926 201505 1 001", ("nip", "198609262015051001")),
    ("3275 0126 0986", ("nip", "327501260986")),  # a wrong length: the NIP check says why
    ("32750126098600011", ("nip", "32750126098600011")),
    ("", ("nip", "")),
    (None, ("nip", "")),
])
def test_classify_number_tells_a_nik_from_a_nip_by_its_digits(typed, expected):
    assert classify_number(typed) == expected
