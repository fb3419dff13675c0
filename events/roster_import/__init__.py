"""Import of an organizer's invitation roster (.xlsx or .csv), as government offices write them.

A roster arrives with a letterhead and title rows, merged cells, headers spelled a dozen ways,
NIPs that Excel turned into numbers, a JUMLAH row and a signature block at the foot, and often a
second sheet of external guests. This module reads it, proposes which column holds which field,
validates every row, and returns a plan the user can inspect and correct before anything is
stored. It never touches the database and never imports Qt.

Public API::

    plan = plan_import(path, existing_nips={"1983..."}, today=None)   # ImportPlan
    plan.good                  # list[ImportRow]: .sheet, .row, .attendee (Attendee), .warnings
    plan.good_attendees()      # list[Attendee] (source=Source.IMPORT, invited=True)
    plan.problems              # list[Problem]: .sheet .row .code .severity .message .field
                               #                .column (Excel letter) .value (raw, as text)
    plan.by_category           # {Category: count} of the good rows, in document order
    plan.error_rows            # rows not imported because of an error
    plan.sheets                # list[SheetPlan]: .name .header_row .headers .mapping .include ...
    plan.summary()             # Indonesian text for the command line
    plan.sha256                # the file's SHA-256; plan.earlier_import: the Problem saying
                               # this very file was imported into the event before, or None
    write_problems_csv(path, plan.problems)    # the list handed back to the office
    plan.to_dict()             # JSON-ready dict (for --json); rows=True adds the attendees

    # The user corrects the proposal (a combo per column, a spin box for the header row):
    plan = replan(plan, "Sheet1", mapping={"nip": 3, "phone": None}, header_row=5)
    plan = replan(plan, "Rekap", include=False)

    try:
        plan = plan_import(path)
    except RosterFileError as exc:      # exc.code: file_not_found, file_unreadable,
        ...                             # file_format, file_empty, no_header, file_too_large

A store commit is then ``store.add_attendees(event_id, plan.good_attendees())`` in one
transaction, and a ``--dry-run`` prints ``plan.summary()`` (or ``json.dumps(plan.to_dict())``).

Conventions:
    - Row numbers are those Excel shows (1-based, title rows counted); a CSV row is its record
      number, as Excel numbers the rows when it opens the file. A CSV's sheet name is its
      file's stem.
    - Column indexes in ``SheetPlan.mapping`` are 0-based (column A is 0); ``Problem.column``
      is the Excel letter.
    - Fields: see ``FIELDS`` and ``FIELD_LABELS``. "title_front"/"title_back" are the "Gelar
      Depan"/"Gelar Belakang" columns of SIMPEG exports; they are joined to the name.
    - A row with an error (``Severity.ERROR``) is not imported; a warning keeps the row and
      explains what was assumed. Codes are stable strings (the constants below and the codes of
      ``events.ids``); messages are Indonesian.

The package, by job:
    problems   codes, Indonesian messages, Problem, RosterFileError
    plan       ImportPlan, SheetPlan, ImportRow (what the user inspects and corrects)
    raw        the file model (RawFile, RawSheet) and the limits a roster file must keep
    reader     read_roster: which kind of file, then package/xlsx or csvfile
    layout     the header row and the column of each field
    rows       what a row under the header is (person, heading, column numbers, footer)
    category   an attendee's category from the cells of a row
    person     the validation of one person row
    validate   the validation of every sheet, row by row
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Protocol

from events import ids
from events.dates import DEFAULT_ZONE, stamp
from events.model import Attendee, Event
from events.roster_import.cells import column_letter
from events.roster_import.layout import header_field, layout_sheet, propose_mapping
from events.roster_import.person import person_key
from events.roster_import.plan import ImportPlan, ImportRow, SheetPlan, raw_sheet_of
from events.roster_import.problems import (
    FIELD_LABELS,
    FIELDS,
    FILE_ALREADY_IMPORTED,
    FILE_EMPTY,
    FILE_FORMAT,
    FILE_NOT_FOUND,
    FILE_TOO_LARGE,
    FILE_UNREADABLE,
    HEADER_SCAN_ROWS,
    MESSAGES,
    MESSAGES_FILE,
    MESSAGES_LIMIT,
    MESSAGES_READ,
    NO_HEADER,
    PREVIEW_ROWS,
    PROBLEM_CSV_HEADER,
    Problem,
    RosterFileError,
    Severity,
    problems_csv,
    write_problems_csv,
)
from events.roster_import.raw import RawFile, RawSheet
from events.roster_import.reader import read_roster
from events.roster_import.validate import validate_plan
from events.roster_import.xlsx import _read_xlsx_openpyxl

# The row codes (NAME_MISSING, SKIP_HEADING, ...) are in events.roster_import.problems.
__all__ = [
    "FIELD_LABELS", "FIELDS", "FILE_EMPTY", "FILE_FORMAT", "FILE_NOT_FOUND", "FILE_TOO_LARGE",
    "FILE_UNREADABLE", "HEADER_SCAN_ROWS", "MESSAGES", "MESSAGES_FILE", "MESSAGES_LIMIT",
    "MESSAGES_READ", "NO_HEADER", "PREVIEW_ROWS", "ImportPlan", "ImportRow", "Problem",
    "RawFile", "RawSheet", "RosterFileError", "Severity", "SheetPlan", "_read_xlsx_openpyxl",
    "column_letter", "file_sha256", "header_field", "plan_import", "propose_mapping",
    "read_roster", "replan", "plan_for_event", "problems_csv", "write_problems_csv",
    "PROBLEM_CSV_HEADER", "FILE_ALREADY_IMPORTED", "EventRoster",
]

# ---------------------------------------------------------------------------------------------
# Public functions


def file_sha256(path: str | Path) -> str:
    """SHA-256 of the roster file as imported (the audit trail names the file by it); "" when
    it can no longer be read."""
    import hashlib

    from events.files import read_limited
    from events.roster_import.raw import MAX_FILE_BYTES

    try:
        return hashlib.sha256(read_limited(path, MAX_FILE_BYTES)).hexdigest()
    except OSError:
        return ""


def plan_import(path: str | Path, existing_nips: Iterable[str] = (), today: date | None = None,
                *, existing_niks: Iterable[str] = (), existing_people: Iterable[Attendee] = (),
                imported_files: Mapping[str, tuple[str, str]] | None = None,
                zone: str | None = None) -> ImportPlan:
    """Read a roster file, find its headers, propose a mapping and validate every row.

    Args:
        path: an .xlsx/.xlsm workbook or a .csv/.txt/.tsv file.
        existing_nips: NIPs (digits; separators are tolerated) already in the event.
        today: the date NIPs are checked against (default: today).
        existing_niks: NIKs already in the event.
        existing_people: the event's roster; a person without NIP/NIK whose name, unit or
            institution and category match one of them is not imported (NAME_DUPLICATE_EVENT).
        imported_files: the files imported into the event before, by SHA-256 (file name,
            ISO time), as ``Store.imported_files`` gives them; the same file again is said
            (FILE_ALREADY_IMPORTED, a warning at the top of the problems).
        zone: the event's time zone (WIB, WITA, WIT; None for WIB): the earlier import's time
            is told in it.

    Raises:
        RosterFileError: the file cannot be read as a roster at all.
    """
    with _gc_paused():
        raw = read_roster(path)
        sheets = [layout_sheet(rs) for rs in raw.sheets]
    if not any(s.include for s in sheets):
        raise RosterFileError(NO_HEADER, MESSAGES_FILE[NO_HEADER].format(path=raw.path.name))
    plan = ImportPlan(
        path=raw.path, format=raw.format, sheets=sheets, good=[], problems=[],
        encoding=raw.encoding, delimiter=raw.delimiter,
        existing_nips=frozenset(ids.digits(n) for n in existing_nips if n),
        existing_niks=frozenset(ids.digits(n) for n in existing_niks if n),
        existing_people=frozenset(person_key(a.name, a.institution or a.unit, a.category)
                                  for a in existing_people),
        sha256=file_sha256(raw.path), today=today, raw=raw,
    )
    earlier = (imported_files or {}).get(plan.sha256)
    if earlier is not None:
        name, at = earlier
        plan.earlier_import = Problem(
            raw.path.name, None, FILE_ALREADY_IMPORTED, Severity.WARNING,
            MESSAGES[FILE_ALREADY_IMPORTED].format(file=name or raw.path.name,
                                                   at=_event_time(at, zone)))
    with _gc_paused():
        return validate_plan(plan)


def plan_for_event(store: EventRoster, event_id: int, path: str | Path,
                   today: date | None = None) -> ImportPlan:
    """``plan_import`` against what the event already holds: its NIPs, NIKs, people and the
    files imported before. The one way the wizard and the command line read a roster."""
    return plan_import(path, existing_nips=store.existing_nips(event_id), today=today,
                       existing_niks=store.existing_niks(event_id),
                       existing_people=store.list_attendees(event_id),
                       imported_files=store.imported_files(event_id),
                       zone=store.get_event(event_id).time_zone)


class EventRoster(Protocol):
    """What plan_for_event reads from the store (events.store.Store)."""

    def existing_nips(self, event_id: int) -> set[str]: ...
    def existing_niks(self, event_id: int) -> set[str]: ...
    def list_attendees(self, event_id: int) -> list[Attendee]: ...
    def imported_files(self, event_id: int) -> dict[str, tuple[str, str]]: ...
    def get_event(self, event_id: int) -> Event: ...


def _event_time(iso: str, zone: str | None) -> str:
    """'02-12-2026 09.15 WIB' from a stored ISO time, on the event's clock."""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    return stamp(moment, zone or DEFAULT_ZONE)


def replan(plan: ImportPlan, sheet: str, *, mapping: Mapping[str, int | None] | None = None,
           header_row: int | None = None, include: bool | None = None) -> ImportPlan:
    """Validate again after the user corrected one sheet; returns a new plan.

    Args:
        plan: a plan from plan_import or replan (it is not modified).
        sheet: the sheet's name.
        mapping: fields to change, e.g. {"nip": 3, "phone": None}; other fields keep their
            column. Indexes are 0-based.
        header_row: the Excel row of the header; the mapping is proposed afresh from it
            (then ``mapping`` is applied on top).
        include: whether to import this sheet.

    Raises:
        KeyError: no such sheet.
        ValueError: unknown field, column or row out of range.
    """
    raw = raw_sheet_of(plan, sheet)
    old = plan.sheet(sheet)
    if header_row is not None:
        if not 1 <= header_row <= len(raw.rows):
            raise ValueError(f"header_row {header_row} outside 1..{len(raw.rows)}")
        new = layout_sheet(raw, header_row=header_row)
        if old.header_row is not None:
            new.include = old.include  # a sheet the user left out stays out
    else:
        new = replace(old, mapping=dict(old.mapping), headers=list(old.headers))
    if mapping:
        width = max(raw.width, len(new.headers))
        for name, idx in mapping.items():
            if name not in FIELDS:
                raise ValueError(f"unknown field {name!r}")
            if idx is not None and not 0 <= idx < width:
                raise ValueError(f"column {idx} outside 0..{width - 1}")
            new.mapping[name] = idx
        if len(new.headers) < width:
            new.headers.extend([""] * (width - len(new.headers)))
    if include is not None:
        new.include = include
    if new.header_row is None:
        new.include = False
    sheets = [new if s.name == sheet else replace(s) for s in plan.sheets]
    with _gc_paused():
        return validate_plan(replace(plan, sheets=sheets, good=[], problems=[]))


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: the tens of thousands of small objects a roster
    makes (XML elements, cell values, drafts) would trigger it over and over, a third of
    the time of an import, and none of them form cycles."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


