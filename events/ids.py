"""Identity numbers: NIP (PNS), NI PPPK, NIK, and Indonesian phone numbers.

Every check returns a result with a stable problem ``code`` (for the UI to translate and for
``--json``), an Indonesian default ``message``, and the normalised digits when usable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from events.i18n import QT_TRANSLATE_NOOP

NIP_PNS = "nip_pns"
NI_PPPK = "ni_pppk"
NIK = "nik"

NIP_DIGITS = 18  # a NIP (PNS) or NI PPPK
NIK_DIGITS = 16  # a NIK (population number)

# Problem codes. Errors make a value unusable; warnings keep it with a remark. (Shaped like the
# roster import's codes in events/roster_import/problems.py: other codes, the same style.)
NIP_LENGTH = "nip_length"
NIP_NOT_DIGITS = "nip_not_digits"
NIP_EXCEL_NUMBER = "nip_excel_number"
NIP_BIRTH_DATE = "nip_birth_date"
NIP_TMT = "nip_tmt"
NIP_SEX = "nip_sex"
NIP_TOO_YOUNG = "nip_too_young"
NIK_LENGTH = "nik_length"
NIK_BIRTH_DATE = "nik_birth_date"
NIK_NOT_DIGITS = "nik_not_digits"
PHONE_INVALID = "phone_invalid"
PHONE_LEADING_ZERO = "phone_leading_zero"

MESSAGES: dict[str, str] = {
    NIP_LENGTH: QT_TRANSLATE_NOOP("Texts", "NIP harus 18 angka, tertulis {length} angka"),
    NIP_NOT_DIGITS: QT_TRANSLATE_NOOP("Texts", "NIP hanya boleh berisi angka (boleh dipisah spasi "
                                      "atau titik)"),
    NIP_EXCEL_NUMBER: QT_TRANSLATE_NOOP("Texts", "NIP/NIK tersimpan sebagai angka di Excel "
                                        "sehingga digit terakhirnya hilang; ketik ulang sebagai "
                                        "teks"),
    NIP_BIRTH_DATE: QT_TRANSLATE_NOOP("Texts", "Tanggal lahir pada NIP tidak mungkin ({value})"),
    NIP_TMT: QT_TRANSLATE_NOOP("Texts", "Bulan TMT pada NIP tidak mungkin ({value})"),
    NIP_SEX: QT_TRANSLATE_NOOP("Texts", "Digit jenis kelamin pada NIP harus 1 atau 2, tertulis "
                               "{value}"),
    NIP_TOO_YOUNG: QT_TRANSLATE_NOOP("Texts", "TMT pada NIP ({value}) sebelum pegawai berusia 18 "
                                     "tahun"),
    NIK_LENGTH: QT_TRANSLATE_NOOP("Texts", "NIK harus 16 angka, tertulis {length} angka"),
    NIK_BIRTH_DATE: QT_TRANSLATE_NOOP("Texts", "Tanggal lahir pada NIK tidak mungkin ({value})"),
    NIK_NOT_DIGITS: QT_TRANSLATE_NOOP("Texts", "NIK hanya boleh berisi angka (boleh dipisah spasi "
                                      "atau titik)"),
    PHONE_INVALID: QT_TRANSLATE_NOOP("Texts", "Nomor HP tidak dikenali: {value}"),
    PHONE_LEADING_ZERO: QT_TRANSLATE_NOOP("Texts", "Nomor HP kehilangan angka 0 di depan; dibaca "
                                          "sebagai {value}"),
}


def digits(text: object) -> str:
    """The decimal digits of a value, in order ("1980 0101.2005" -> "1980010122005"); "" for
    None. NIPs, NIKs and phone numbers are compared and stored by their digits."""
    return "".join(ch for ch in str(text) if ch.isdigit()) if text is not None else ""


def classify_number(text: object) -> tuple[str, str]:
    """Whether a number typed into one "NIP/NIK" field is a NIK or a NIP, by its digit count.

    Returns ``(field, digits)``: ``"nik"`` for exactly 16 digits, else ``"nip"`` (also for a
    wrong length or nothing at all, so that the NIP check explains what is wrong), and the
    digits (see :func:`digits`).
    """
    number = digits(text)
    return ("nik" if len(number) == NIK_DIGITS else "nip"), number


@dataclass(frozen=True)
class Issue:
    """One problem with a value: a stable code, its parameters, and whether it is only a warning."""

    code: str
    params: dict[str, str] = field(default_factory=dict)
    warning: bool = False

    @property
    def message(self) -> str:
        return MESSAGES.get(self.code, self.code).format(**self.params)


@dataclass(frozen=True)
class IdResult:
    """The outcome of checking an identity number or phone number.

    Attributes:
        digits: the normalised value (digits only), or None when it cannot be used.
        kind: NIP_PNS, NI_PPPK, NIK, "phone", or "" when unknown.
        issues: problems found; the value is usable when none is an error.
    """

    digits: str | None
    kind: str = ""
    issues: tuple[Issue, ...] = ()

    @property
    def ok(self) -> bool:
        return self.digits is not None and not any(not i.warning for i in self.issues)

    @property
    def errors(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if not i.warning)

    @property
    def warnings(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if i.warning)


_SEPARATORS = re.compile(r"[\s.\-/']+")


def _valid_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _excel_number_lost(value: object, length: int = 18) -> bool:
    """True when a NIP/NIK came from Excel as a number, so digits past the 15th were lost."""
    if isinstance(value, float):
        return True
    if isinstance(value, int):
        # Excel keeps 15 significant digits: a longer integer read back ends in zeros.
        return bool(value >= 10 ** (length - 1) and value % 10 ** (length - 15) == 0)
    text = str(value).strip()
    return bool(re.fullmatch(r"\d(?:[.,]\d+)?[eE]\+?\d+", text))


def _number_text(value: object, length: int, not_digits: str,
                 wrong_length: str) -> str | IdResult:
    """The digits of a NIP or NIK of ``length`` digits as written (separators dropped), or the
    IdResult that ends its check: nothing written, a number Excel cut short, a character
    that is no digit (``not_digits``), or a wrong count of digits (``wrong_length``)."""
    if value is None or str(value).strip() == "":
        return IdResult(None)
    if _excel_number_lost(value, length):
        return IdResult(None, issues=(Issue(NIP_EXCEL_NUMBER),))
    text = _SEPARATORS.sub("", str(value).strip())
    if not text.isdigit():
        return IdResult(None, issues=(Issue(not_digits),))
    if len(text) != length:
        return IdResult(None, issues=(Issue(wrong_length, {"length": str(len(text))}),))
    return text


def check_nip(value: object, today: date | None = None) -> IdResult:
    """Check a NIP (PNS) or NI PPPK as written in a roster or typed at the desk.

    Spaces, dots and a leading apostrophe are accepted; the result holds digits only.
    """
    today = today or date.today()
    text = _number_text(value, NIP_DIGITS, NIP_NOT_DIGITS, NIP_LENGTH)
    if isinstance(text, IdResult):
        return text

    birth = _valid_date(int(text[0:4]), int(text[4:6]), int(text[6:8]))
    if birth is None or birth > today or birth.year < 1900:
        return IdResult(None, issues=(Issue(NIP_BIRTH_DATE, {"value": text[0:8]}),))

    if text[12] == "2":
        return _check_pppk(text, birth, today)

    tmt_year, tmt_month = int(text[8:12]), int(text[12:14])
    # A NIP may be issued shortly before its TMT: allow up to next month.
    latest = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
    issues: list[Issue] = []
    if not 1 <= tmt_month <= 12 or tmt_year < 1900 or (tmt_year, tmt_month) > latest:
        issues.append(Issue(NIP_TMT, {"value": text[8:14]}))
    elif (tmt_year - birth.year) * 12 + (tmt_month - birth.month) < 17 * 12:
        # "about 18": allow a year's slack, since appointment rules changed over time.
        issues.append(Issue(NIP_TOO_YOUNG, {"value": text[8:14]}))
    if text[14] not in "12":
        issues.append(Issue(NIP_SEX, {"value": text[14]}))
    if issues:
        return IdResult(None, NIP_PNS, tuple(issues))
    return IdResult(text, NIP_PNS)


def _check_pppk(text: str, birth: date, today: date) -> IdResult:
    """NI PPPK: birth date, appointment year YYYY, '2', a count 1-9, sex digit, sequence.

    The layout is from secondary sources, so doubts are warnings, not rejections.
    """
    year = int(text[8:12])
    issues: list[Issue] = []
    if year > today.year:
        issues.append(Issue(NIP_TMT, {"value": text[8:12]}, warning=True))
    elif year - birth.year < 17:
        issues.append(Issue(NIP_TOO_YOUNG, {"value": text[8:12]}, warning=True))
    if text[14] not in "12":
        issues.append(Issue(NIP_SEX, {"value": text[14]}, warning=True))
    return IdResult(text, NI_PPPK, tuple(issues))


def check_nik(value: object, today: date | None = None) -> IdResult:
    """Check a NIK (16 digits; birth date DDMMYY with 40 added to the day for women)."""
    today = today or date.today()
    text = _number_text(value, NIK_DIGITS, NIK_NOT_DIGITS, NIK_LENGTH)
    if isinstance(text, IdResult):
        return text
    day, month, yy = int(text[6:8]), int(text[8:10]), int(text[10:12])
    if day > 40:
        day -= 40
    # Two-digit year: the latest century that does not put the birth in the future.
    year = 2000 + yy if 2000 + yy <= today.year else 1900 + yy
    if _valid_date(year, month, day) is None:
        return IdResult(None, NIK, (Issue(NIK_BIRTH_DATE, {"value": text[6:12]}),))
    return IdResult(text, NIK)


def check_phone(value: object) -> IdResult:
    """Normalise an Indonesian phone number to its local form (0812...).

    A number that lost its leading 0 (typed into Excel as a number) is repaired with a warning.
    """
    if value is None or str(value).strip() == "":
        return IdResult(None)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip().lstrip("'")
    digits = re.sub(r"[\s.\-()/]", "", text)
    if digits.startswith("+"):
        digits = digits[1:]
    if not digits.isdigit():
        return IdResult(None, "phone", (Issue(PHONE_INVALID, {"value": text}),))
    if digits.startswith("62"):
        digits = "0" + digits[2:].removeprefix("0")  # "+62 0812..." is written too
    elif digits.startswith("8") and 9 <= len(digits) <= 12:
        fixed = "0" + digits
        return IdResult(fixed, "phone", (Issue(PHONE_LEADING_ZERO, {"value": fixed}, True),))
    if not digits.startswith("0") or not 9 <= len(digits) <= 14:
        return IdResult(None, "phone", (Issue(PHONE_INVALID, {"value": text}),))
    return IdResult(digits, "phone")


def format_nip(digits: str | None) -> str:
    """Display an 18-digit NIP grouped 8-6-1-3 with spaces ("19860926 201505 1 001")."""
    if not digits:
        return ""
    if len(digits) != 18:
        return digits
    return f"{digits[0:8]} {digits[8:14]} {digits[14]} {digits[15:18]}"


def mask_id(digits: str | None) -> str:
    """A NIP/NIK with the middle hidden, for documents that must not show it whole."""
    if not digits:
        return ""
    if len(digits) < 10:
        return "*" * len(digits)  # too short to show both ends without giving it away
    return digits[:4] + "*" * (len(digits) - 7) + digits[-3:]
