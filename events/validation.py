"""Field-level checks for the event and attendee forms (and the command line)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

from events import printable
from events.i18n import QT_TRANSLATE_NOOP
from events.ids import IdResult, check_nik, check_nip, check_phone
from events.model import Attendee, Event
from events.numbering import scheme_ok

FIELD_MESSAGES = {
    "required": QT_TRANSLATE_NOOP("Texts", "Wajib diisi"),
    "unprintable": QT_TRANSLATE_NOOP("Texts", "Berisi huruf yang tidak dapat dicetak dengan "
                                     "benar pada dokumen ({chars}); tulis dengan huruf Latin"),
    "end_before_start": QT_TRANSLATE_NOOP("Texts", "Jam selesai harus setelah jam mulai"),
    # no braces: every message here is a format template
    "number_scheme": QT_TRANSLATE_NOOP(
        "Texts", "Pola nomor harus memuat tanda nomor urut: huruf n dalam kurung kurawal (boleh "
                 "dengan :03d untuk tiga angka), tanpa kurung kurawal lain"),
    "number_start": QT_TRANSLATE_NOOP("Texts", "Nomor urut pertama harus 1 atau lebih"),
}


@dataclass(frozen=True)
class FieldProblem:
    """A problem with one form field: which field, a stable code and an Indonesian message."""

    field: str
    code: str
    message: str
    params: dict[str, str] = dataclasses.field(default_factory=dict)


def _problem(field_name: str, result: IdResult) -> FieldProblem:
    """The first error of a checked number, as a problem of this field."""
    issue = result.errors[0]
    return FieldProblem(field_name, issue.code, issue.message, issue.params)


def _unprintable(field_name: str, text: str) -> list[FieldProblem]:
    bad = printable.unprintable(printable.normalise(text)[0])
    if not bad:
        return []
    chars = printable.char_names(bad)
    return [FieldProblem(field_name, "unprintable",
                         FIELD_MESSAGES["unprintable"].format(chars=chars), {"chars": chars})]


def event_problems(event: Event, today: date | None = None) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    for field_name, text in (("name", event.name), ("venue", event.venue),
                             ("city", event.city), ("institution", event.institution),
                             ("organizer_unit", event.organizer_unit),
                             ("presiding_name", event.presiding.name),
                             ("presiding_title", event.presiding.title),
                             ("witness_name", event.witness.name),
                             ("witness_title", event.witness.title)):
        problems += _unprintable(field_name, text)
    if not event.name.strip():
        problems.append(FieldProblem("name", "required", FIELD_MESSAGES["required"]))
    if event.start_time and event.end_time and event.end_time <= event.start_time:
        problems.append(
            FieldProblem("end_time", "end_before_start", FIELD_MESSAGES["end_before_start"])
        )
    for role, official in (("presiding", event.presiding), ("witness", event.witness)):
        if official.nip.strip():
            result = check_nip(official.nip, today)
            if not result.ok:
                problems.append(_problem(f"{role}_nip", result))
    if not scheme_ok(event.number_scheme):
        problems.append(FieldProblem("number_scheme", "number_scheme",
                                     FIELD_MESSAGES["number_scheme"]))
    if event.number_start < 1:
        problems.append(FieldProblem("number_start", "number_start",
                                     FIELD_MESSAGES["number_start"]))
    return problems


def attendee_problems(
    attendee: Attendee, today: date | None = None
) -> tuple[list[FieldProblem], Attendee]:
    """Check an attendee typed into the form; returns the problems and the normalised attendee
    (NIP/NIK as digits, phone with its leading 0)."""
    problems: list[FieldProblem] = []
    normal = Attendee(**{**attendee.__dict__})
    # As documents print it: NFC, invisible characters out (events.printable).
    for field_name in ("name", "golongan", "jabatan", "unit", "institution"):
        clean = printable.normalise(getattr(attendee, field_name) or "")[0]
        setattr(normal, field_name, clean)
        problems += _unprintable(field_name, clean)
    if not normal.name:
        problems.append(FieldProblem("name", "required", FIELD_MESSAGES["required"]))
    if not attendee.category:
        problems.append(FieldProblem("category", "required", FIELD_MESSAGES["required"]))
    for name, check in (("nip", check_nip), ("nik", check_nik)):
        typed = getattr(attendee, name) or ""
        if not typed.strip():
            setattr(normal, name, None)
            continue
        result = check(typed, today)
        if result.ok:
            setattr(normal, name, result.digits)
        else:
            problems.append(_problem(name, result))
    if attendee.phone.strip():
        result = check_phone(attendee.phone)
        if result.ok:
            normal.phone = result.digits or ""
        else:
            problems.append(_problem("phone", result))
    return problems, normal
