"""Field-level checks for the event and attendee forms (and the command line)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from events.i18n import QT_TRANSLATE_NOOP
from events.ids import check_nik, check_nip, check_phone
from events.model import Attendee, Event

FIELD_MESSAGES = {
    "required": QT_TRANSLATE_NOOP("Texts", "Wajib diisi"),
    "end_before_start": QT_TRANSLATE_NOOP("Texts", "Jam selesai harus setelah jam mulai"),
}


@dataclass(frozen=True)
class FieldProblem:
    """A problem with one form field: which field, a stable code and an Indonesian message."""

    field: str
    code: str
    message: str
    params: dict[str, str] = field(default_factory=dict)


def event_problems(event: Event, today: date | None = None) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
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
                issue = result.errors[0]
                problems.append(FieldProblem(f"{role}_nip", issue.code, issue.message,
                                             issue.params))
    return problems


def attendee_problems(
    attendee: Attendee, today: date | None = None
) -> tuple[list[FieldProblem], Attendee]:
    """Check an attendee typed into the form; returns the problems and the normalised attendee
    (NIP/NIK as digits, phone with its leading 0)."""
    problems: list[FieldProblem] = []
    normal = Attendee(**{**attendee.__dict__})
    normal.name = " ".join(attendee.name.split())
    if not normal.name:
        problems.append(FieldProblem("name", "required", FIELD_MESSAGES["required"]))
    if not attendee.category:
        problems.append(FieldProblem("category", "required", FIELD_MESSAGES["required"]))
    if (attendee.nip or "").strip():
        result = check_nip(attendee.nip, today)
        if result.ok:
            normal.nip = result.digits
        else:
            issue = result.errors[0]
            problems.append(FieldProblem("nip", issue.code, issue.message, issue.params))
    else:
        normal.nip = None
    if (attendee.nik or "").strip():
        result = check_nik(attendee.nik, today)
        if result.ok:
            normal.nik = result.digits
        else:
            issue = result.errors[0]
            problems.append(FieldProblem("nik", issue.code, issue.message, issue.params))
    else:
        normal.nik = None
    if attendee.phone.strip():
        result = check_phone(attendee.phone)
        if result.ok:
            normal.phone = result.digits or ""
        else:
            issue = result.errors[0]
            problems.append(FieldProblem("phone", issue.code, issue.message, issue.params))
    return problems, normal
