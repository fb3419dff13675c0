"""Validation of one person row: name, NIP/NIK, phone, category, and the same person twice.

:func:`read_person` turns the cells of a row into an Attendee draft and the row's problems;
each field is read by a small function that reports through a :class:`RowProblems`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from events import ids, printable
from events.categories import Category
from events.model import Attendee, Source
from events.roster_import.category import explicit_category, jabatan_category
from events.roster_import.cells import (
    DASHES,
    HAS_LETTER,
    LONG_DIGITS,
    cell_text,
    column_letter,
    raw_text,
)
from events.roster_import.plan import SheetPlan
from events.roster_import.problems import (
    CATEGORY_GUESSED,
    CATEGORY_UNKNOWN,
    FIELD_LABELS,
    MESSAGES,
    NAME_DUPLICATE_EVENT,
    NAME_DUPLICATE_FILE,
    NAME_INVALID,
    NAME_MISSING,
    NIK_CONFLICT,
    NIK_DUPLICATE_EVENT,
    NIK_DUPLICATE_FILE,
    NIP_DUPLICATE_EVENT,
    NIP_DUPLICATE_FILE,
    NIP_MISSING,
    PHONE_MULTIPLE,
    TEXT_CLEANED,
    TEXT_UNPRINTABLE,
    Problem,
    Severity,
)
from events.search import fold, name_words

_ID_PREFIX = re.compile(r"^(?:ni\s*pppk|nip|nik|nrp)\s*[.:]?\s*", re.IGNORECASE)
_ID_SEPARATORS = re.compile(r"[\s.\-/']+")
_SCI = re.compile(r"^\d(?:[.,]\d+)?[eE]\+?\d+$")
_PHONE_SPLIT = re.compile(r"\s*(?:/|,|;|&|\batau\b)\s*", re.IGNORECASE)
# Warnings that only guess: left out when the row is not imported anyway.
_GUESS_CODES = frozenset({CATEGORY_GUESSED, NIP_MISSING})


class RowProblems:
    """The problems of one row, each with its sheet, row, field, column letter and raw value."""

    def __init__(self, sp: SheetPlan, rownum: int) -> None:
        self.sp = sp
        self.rownum = rownum
        self.items: list[Problem] = []

    def add(self, code: str, severity: Severity, message: str, f: str | None = None,
            value: Any = None) -> None:
        c = self.sp.mapping.get(f) if f else None
        self.items.append(Problem(self.sp.name, self.rownum, code, severity, message, f,
                                  column_letter(c) if c is not None else None,
                                  raw_text(value)))

    @property
    def has_error(self) -> bool:
        return any(p.is_error for p in self.items)


@dataclass
class Identity:
    """The NIP and NIK read from a row's NIP and NIK cells."""

    nip: str | None = None
    nik: str | None = None
    nip_kind: str = ""
    nip_value: Any = None  # the NIP cell (or the NIP written under the name)
    hints: list[str] = field(default_factory=list)  # "Non ASN", "PPPK" written as a NIP


@dataclass
class Seen:
    """The people already read from the file, to find the same person twice.

    Only rows that would otherwise be imported count as the first.
    """

    existing_nips: frozenset[str]
    existing_niks: frozenset[str]
    existing_people: frozenset[tuple[str, str, str]] = frozenset()  # person_key of the roster
    nip: dict[str, tuple[str, int, str]] = field(default_factory=dict)
    nik: dict[str, tuple[str, int, str]] = field(default_factory=dict)
    name: dict[tuple[str, str, str], tuple[str, int, str]] = field(default_factory=dict)


def person_key(name: str, place: str, category: Category) -> tuple[str, str, str]:
    """What makes two people without NIP/NIK the same person: the name as search folds it
    (without titles), the unit or institution folded, and the category."""
    return " ".join(name_words(name)), " ".join(fold(place).split()), category.value


def read_person(sp: SheetPlan, rownum: int, row: tuple[Any, ...], section: Category | None,
                today: date, seen: Seen) -> tuple[Attendee | None, list[Problem]]:
    """The attendee of a person row (None when an error keeps it out) and the problems to
    report for it."""
    width = len(row)
    vals = {f: (row[c] if c is not None and c < width else None) for f, c in sp.mapping.items()}
    out = RowProblems(sp, rownum)
    name, raw_name, extra_nip = _read_name(vals, out)
    name = _printable(out, "name", name, raw_name)
    ident = _read_ids(vals, extra_nip, today, out)
    phone = _read_phone(vals["phone"], out)
    unit = _printable(out, "unit", cell_text(vals["unit"]), vals["unit"])
    institution = _printable(out, "institution", cell_text(vals["institution"]),
                             vals["institution"])
    jabatan = _printable(out, "jabatan", cell_text(vals["jabatan"]), vals["jabatan"])
    golongan = _printable(out, "golongan", cell_text(vals["golongan"]), vals["golongan"])
    category = _category(sp, out, vals, section, jabatan, ident, institution)
    if category is Category.TAMU and unit and not institution:
        institution, unit = unit, ""
    if category.needs_nip and ident.nip is None and not any(p.field == "nip"
                                                            for p in out.items):
        out.add(NIP_MISSING, Severity.WARNING, MESSAGES[NIP_MISSING].format(label=category.label),
                "nip")
    if out.has_error:
        # Not imported: a guess about its category would only distract from the error.
        return None, [p for p in out.items if p.code not in _GUESS_CODES]
    _duplicates(seen, sp.name, rownum, out, name, ident, vals, institution or unit, raw_name,
                category)
    if out.has_error:
        return None, out.items
    return Attendee(
        name=name, category=category, nip=ident.nip, nik=ident.nik,
        golongan=golongan, jabatan=jabatan, unit=unit, phone=phone,
        institution=institution, source=Source.IMPORT, invited=True, note=cell_text(vals["note"]),
    ), out.items


def _printable(out: RowProblems, field_name: str, text: str, raw: Any) -> str:
    """``text`` as documents will print it (events.printable): invisible or full-width
    characters taken out or turned, a warning; a script the documents cannot draw, an error."""
    clean, changed = printable.normalise(text)
    if changed:
        out.add(TEXT_CLEANED, Severity.WARNING,
                MESSAGES[TEXT_CLEANED].format(value=printable.char_names(changed)),
                field_name, raw)
    bad = printable.unprintable(clean)
    if bad:
        out.add(TEXT_UNPRINTABLE, Severity.ERROR,
                MESSAGES[TEXT_UNPRINTABLE].format(value=printable.char_names(bad)),
                field_name, raw)
    return clean


def _read_name(vals: dict[str, Any], out: RowProblems) -> tuple[str, Any, str | None]:
    """(full name with titles, the name cell, a NIP written on the name's second line)."""
    raw_name = vals["name"]
    extra_nip = None
    if isinstance(raw_name, str) and "\n" in raw_name.strip():  # "Nama / NIP" columns
        lines = [ln.strip() for ln in raw_name.strip().splitlines() if ln.strip()]
        if len(lines) > 1 and LONG_DIGITS.search(lines[-1].replace(" ", "")) and \
                not HAS_LETTER.search(_ID_PREFIX.sub("", lines[-1])):
            extra_nip = lines[-1]
            raw_name = " ".join(lines[:-1])
    name = cell_text(raw_name)
    front = cell_text(vals["title_front"])
    back = cell_text(vals["title_back"]).lstrip(", ")
    if name and front:
        name = f"{front} {name}"
    if name and back:
        name = f"{name}, {back}"
    if not name:
        out.add(NAME_MISSING, Severity.ERROR, MESSAGES[NAME_MISSING], "name")
    elif not isinstance(raw_name, str) or not HAS_LETTER.search(name) or _SCI.match(name):
        out.add(NAME_INVALID, Severity.ERROR, MESSAGES[NAME_INVALID].format(value=name), "name",
                raw_name)
    return name, raw_name, extra_nip


def _read_ids(vals: dict[str, Any], extra_nip: str | None, today: date, out: RowProblems
              ) -> Identity:
    """NIP and NIK: each cell is routed by its length (a NIK in the NIP column is a NIK)."""
    ident = Identity(nip_value=vals["nip"] if vals["nip"] is not None else extra_nip)
    for value, source in ((ident.nip_value, "nip"), (vals["nik"], "nik")):
        if value is None:
            continue
        kind, res, hint = _read_identity(value, source, today)
        if hint:
            ident.hints.append(hint)
        if res is None:
            continue
        for issue in res.issues:
            out.add(issue.code, Severity.WARNING if issue.warning else Severity.ERROR,
                    issue.message, source, value)
        if res.digits is None or res.errors:
            continue
        if kind == "nip" and ident.nip is None:
            ident.nip, ident.nip_kind = res.digits, res.kind
        elif kind == "nik":
            if ident.nik is None:
                ident.nik = res.digits
            elif ident.nik != res.digits:
                out.add(NIK_CONFLICT, Severity.WARNING,
                        MESSAGES[NIK_CONFLICT].format(value=ident.nik), source, value)
    return ident


def _read_identity(value: Any, source_field: str, today: date | None
                   ) -> tuple[str, ids.IdResult | None, str]:
    """(kind, result, hint) of one NIP or NIK cell: kind is "nip", "nik" or "" (no number;
    the hint is then the text, maybe a status word such as "Non ASN")."""
    if isinstance(value, float):
        return "nip", ids.check_nip(value, today), ""
    if isinstance(value, int) and not isinstance(value, bool):
        text = str(value)
    else:
        text = _ID_PREFIX.sub("", str(value).strip().lstrip("'"))
    if not text or text in DASHES:
        return "", None, ""
    if not any(ch.isdigit() for ch in text):
        return "", None, text
    if _SCI.match(text):
        return "nip", ids.check_nip(text, today), ""
    digits = _ID_SEPARATORS.sub("", text)
    if digits.isdigit() and len(digits) == 16:
        return "nik", ids.check_nik(value if isinstance(value, int) else text, today), ""
    if source_field == "nik" and not (digits.isdigit() and len(digits) == 18):
        return "nik", ids.check_nik(text, today), ""
    result = ids.check_nip(value if isinstance(value, int) else text, today)
    if result.digits and result.digits.endswith("000"):
        # Excel keeps 15 significant digits: the 3-digit sequence (never 000) became zeros.
        result = ids.IdResult(None, result.kind, (ids.Issue(ids.NIP_EXCEL_NUMBER),))
    return "nip", result, ""


def _read_phone(phone_raw: Any, out: RowProblems) -> str:
    """The phone, repaired when it lost its leading 0; an unusable number is only a warning."""
    if phone_raw is None or not cell_text(phone_raw):
        return ""
    first, several = _split_phone(phone_raw)
    res = ids.check_phone(first)
    for issue in res.issues:
        out.add(issue.code, Severity.WARNING, issue.message, "phone", phone_raw)
    if not res.digits:
        return ""
    if several:
        out.add(PHONE_MULTIPLE, Severity.WARNING, MESSAGES[PHONE_MULTIPLE].format(
            value=res.digits), "phone", phone_raw)
    return res.digits


def _split_phone(v: Any) -> tuple[Any, bool]:
    """The first of several numbers written in one cell ("0812... / 0813...")."""
    if not isinstance(v, str):
        return v, False
    parts = [p for p in _PHONE_SPLIT.split(v.strip()) if p]
    if len(parts) > 1 and all(len(ids.digits(p)) >= 8 for p in parts):
        return parts[0], True
    return v, False


def _category(sp: SheetPlan, out: RowProblems, vals: dict[str, Any], section: Category | None,
              jabatan: str, ident: Identity, institution: str) -> Category:
    """Category by precedence: Kategori/Eselon cell, the sheet or section, the NIP kind,
    the Jabatan, then a guess with a warning."""
    for f in ("category", "eselon"):
        value = vals[f]
        text = cell_text(value)
        if not text:
            continue
        cat, recognised = explicit_category(text)
        if cat is not None:
            return cat
        if not recognised:
            c = sp.mapping.get(f)
            label = sp.headers[c] if c is not None and c < len(sp.headers) else f
            out.add(CATEGORY_UNKNOWN, Severity.WARNING, MESSAGES[CATEGORY_UNKNOWN].format(
                column_label=label or FIELD_LABELS[f], value=text), f, value)
    for hint in ident.hints:  # "Non ASN", "PPPK", "Honorer" written in the NIP column
        cat, _ = explicit_category(hint)
        if cat is not None:
            return cat
    if sp.guest or section is Category.TAMU:
        return Category.TAMU
    if section is not None:
        return section
    if ident.nip_kind == ids.NI_PPPK:
        return Category.PPPK
    from_jabatan = jabatan_category(jabatan) if jabatan else None
    status_words = (Category.TAMU, Category.NON_ASN, Category.PPPK)
    if ident.nip is not None:
        # A NIP PNS proves a civil servant: a status word in the title proves nothing.
        if from_jabatan is not None and from_jabatan not in status_words:
            return from_jabatan
        out.add(CATEGORY_GUESSED, Severity.WARNING, MESSAGES[CATEGORY_GUESSED].format(
            label=Category.PELAKSANA.label,
            reason="NIP PNS tanpa eselon atau jabatan yang dikenali"), "jabatan", jabatan)
        return Category.PELAKSANA
    if from_jabatan in status_words:
        return from_jabatan
    if institution:
        return Category.TAMU
    if ident.nik is not None:
        return Category.NON_ASN
    if from_jabatan is not None:
        return from_jabatan
    out.add(CATEGORY_GUESSED, Severity.WARNING, MESSAGES[CATEGORY_GUESSED].format(
        label=Category.TAMU.label, reason="tanpa NIP/NIK, eselon, kategori atau jabatan "
        "yang dikenali"), "category", vals["category"])
    return Category.TAMU


def _duplicates(seen: Seen, sheet: str, rownum: int, out: RowProblems, name: str,
                ident: Identity, vals: dict[str, Any], place: str, raw_name: Any,
                category: Category) -> None:
    """The same NIP or NIK in the event or earlier in the file is an error; so is a person
    without NIP/NIK whose name, place and category are already on the event's roster (see
    person_key). The same person by person_key earlier in the file is a warning (two people
    may share a name). ``place`` is the unit or institution."""
    nip, nik = ident.nip, ident.nik
    clash = False
    if nip is not None:
        if nip in seen.existing_nips:
            out.add(NIP_DUPLICATE_EVENT, Severity.ERROR,
                    MESSAGES[NIP_DUPLICATE_EVENT].format(nip=ids.format_nip(nip)), "nip",
                    ident.nip_value)
            clash = True
        elif nip in seen.nip:
            f_sheet, f_row, f_name = seen.nip[nip]
            out.add(NIP_DUPLICATE_FILE, Severity.ERROR, MESSAGES[NIP_DUPLICATE_FILE].format(
                nip=ids.format_nip(nip), first=_where(sheet, f_sheet, f_row), name=f_name),
                "nip", ident.nip_value)
            clash = True
    if nik is not None:
        nik_field = "nik" if vals["nik"] is not None else "nip"
        if nik in seen.existing_niks:
            out.add(NIK_DUPLICATE_EVENT, Severity.ERROR, MESSAGES[NIK_DUPLICATE_EVENT],
                    nik_field, vals[nik_field])
            clash = True
        elif nik in seen.nik:
            f_sheet, f_row, f_name = seen.nik[nik]
            out.add(NIK_DUPLICATE_FILE, Severity.ERROR, MESSAGES[NIK_DUPLICATE_FILE].format(
                first=_where(sheet, f_sheet, f_row), name=f_name), nik_field, vals[nik_field])
            clash = True
    if clash:
        return
    if nip is None and nik is None:
        key = person_key(name, place, category)
        if key in seen.existing_people:
            out.add(NAME_DUPLICATE_EVENT, Severity.ERROR,
                    MESSAGES[NAME_DUPLICATE_EVENT].format(place=place or "-"), "name", raw_name)
            return
        if key in seen.name:
            f_sheet, f_row, _ = seen.name[key]
            out.add(NAME_DUPLICATE_FILE, Severity.WARNING, MESSAGES[NAME_DUPLICATE_FILE].format(
                first=_where(sheet, f_sheet, f_row)), "name", raw_name)
        else:
            seen.name[key] = (sheet, rownum, name)
    if nip is not None:
        seen.nip[nip] = (sheet, rownum, name)
    if nik is not None:
        seen.nik[nik] = (sheet, rownum, name)


def _where(sheet: str, f_sheet: str, f_row: int) -> str:
    return f"baris {f_row}" if f_sheet == sheet else f"lembar {f_sheet} baris {f_row}"
