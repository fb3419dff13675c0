"""The plan of an import: how each sheet is read, the rows ready to store and the problems.

Nothing is stored yet: the user inspects and corrects the plan (events.roster_import.replan).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from events.categories import Category
from events.model import Attendee
from events.roster_import.cells import display_text
from events.roster_import.problems import (
    FIELDS,
    HEADER_SCAN_ROWS,
    Problem,
)
from events.roster_import.raw import RawFile, RawSheet


@dataclass
class ImportRow:
    """An attendee draft ready to store, with where it came from."""

    sheet: str
    row: int
    attendee: Attendee
    warnings: list[Problem] = field(default_factory=list)




@dataclass
class SheetPlan:
    """How one sheet is read: where its header is and which column holds which field.

    Attributes:
        name: sheet name.
        header_row: Excel row number of the header (the lower row of a two-row header), or
            None when no header was found (the sheet is then not included).
        header_span: 1, or 2 when a group header row above was merged into the headers.
        headers: header text per column (0-based), for a combo per column.
        mapping: field -> 0-based column index or None; every name in FIELDS is a key.
        guest: the sheet holds external guests (by its name, e.g. "Tamu").
        include: whether the sheet's rows are imported.
        data_rows: person rows read (imported or not).
        first_data_row / last_data_row: Excel rows of the first and last person row.
        footer_row: the JUMLAH / signature row where reading stopped, or None.
        skipped: (row, reason) of rows deliberately not read as people (headings, column
            numbers, repeated headers, continuation rows of merged cells, subtotals).
        preview: (row, cell texts) of the first person rows.
    """

    name: str
    header_row: int | None = None
    header_span: int = 1
    headers: list[str] = field(default_factory=list)
    mapping: dict[str, int | None] = field(default_factory=lambda: dict.fromkeys(FIELDS))
    guest: bool = False
    include: bool = True
    data_rows: int = 0
    first_data_row: int | None = None
    last_data_row: int | None = None
    footer_row: int | None = None
    skipped: list[tuple[int, str]] = field(default_factory=list)
    preview: list[tuple[int, tuple[str, ...]]] = field(default_factory=list)

    def field_of(self, column: int) -> str | None:
        """The field a column is mapped to, or None."""
        for name, idx in self.mapping.items():
            if idx == column:
                return name
        return None

    @property
    def columns(self) -> list[tuple[int, str, str | None]]:
        """(index, header text, mapped field) for every column, for the UI's combos."""
        return [(i, h, self.field_of(i)) for i, h in enumerate(self.headers)]

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "include": self.include, "header_row": self.header_row,
            "header_span": self.header_span, "headers": self.headers,
            "mapping": dict(self.mapping), "guest": self.guest, "data_rows": self.data_rows,
            "first_data_row": self.first_data_row, "last_data_row": self.last_data_row,
            "footer_row": self.footer_row,
        }


@dataclass
class ImportPlan:
    """The outcome of reading and validating a roster; nothing is stored yet."""

    path: Path
    format: str
    sheets: list[SheetPlan]
    good: list[ImportRow]
    problems: list[Problem]
    encoding: str = ""
    delimiter: str = ""
    existing_nips: frozenset[str] = frozenset()
    existing_niks: frozenset[str] = frozenset()
    existing_people: frozenset[tuple[str, str, str]] = frozenset()
    sha256: str = ""
    earlier_import: Problem | None = None  # FILE_ALREADY_IMPORTED: this file came in before
    today: date | None = None
    raw: RawFile | None = field(default=None, repr=False)

    def good_attendees(self) -> list[Attendee]:
        return [r.attendee for r in self.good]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    @property
    def error_rows(self) -> int:
        """How many rows are not imported because of an error."""
        return len({(p.sheet, p.row) for p in self.problems if p.is_error and p.row is not None})

    @property
    def by_category(self) -> dict[Category, int]:
        """Counts of the good rows per category (only categories present, document order)."""
        counts: dict[Category, int] = {}
        for r in self.good:
            counts[r.attendee.category] = counts.get(r.attendee.category, 0) + 1
        return {c: counts[c] for c in Category if c in counts}

    def sheet(self, name: str) -> SheetPlan:
        for s in self.sheets:
            if s.name == name:
                return s
        raise KeyError(name)

    def problems_by_row(self) -> dict[tuple[str, int | None], list[Problem]]:
        out: dict[tuple[str, int | None], list[Problem]] = {}
        for p in self.problems:
            out.setdefault((p.sheet, p.row), []).append(p)
        return out

    def raw_rows(self, sheet: str, start: int = 1, count: int = HEADER_SCAN_ROWS
                 ) -> list[tuple[int, tuple[str, ...]]]:
        """(row, cell texts) of a sheet as read, e.g. for choosing the header row by hand."""
        raw = raw_sheet_of(self, sheet)
        rows = raw.rows[max(start - 1, 0): max(start - 1, 0) + count]
        return [(start + i, tuple(display_text(v) for v in r)) for i, r in enumerate(rows)]

    def summary(self) -> str:
        """A short Indonesian report for the command line."""
        lines = [f"File: {self.path.name} ({self.format.upper()}"
                 + (f", {self.encoding}, pemisah {self.delimiter!r}" if self.format == "csv"
                    else "") + ")"]
        for s in self.sheets:
            if not s.include:
                lines.append(f"  Lembar {s.name}: dilewati")
                continue
            span = f"{s.first_data_row}-{s.last_data_row}" if s.data_rows else "-"
            lines.append(f"  Lembar {s.name}: judul kolom baris {s.header_row}, "
                         f"data baris {span}, {s.data_rows} orang")
        if self.raw is not None and self.raw.hidden_sheets:
            lines.append("  Lembar tersembunyi dilewati: " + ", ".join(self.raw.hidden_sheets))
        lines.append(f"Siap diimpor: {len(self.good)} orang")
        for cat, n in self.by_category.items():
            lines.append(f"  {cat.label}: {n}")
        warned = len({(p.sheet, p.row) for p in self.warnings if p.row is not None})
        lines.append(f"Ditolak (galat): {self.error_rows} baris; dengan peringatan: {warned} baris")
        for p in self.problems:
            tag = "GALAT" if p.is_error else "PERINGATAN"
            lines.append(f"  [{tag}] {p}")
        return "\n".join(lines)

    def to_dict(self, rows: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "file": str(self.path), "format": self.format, "encoding": self.encoding,
            "delimiter": self.delimiter, "sheets": [s.to_dict() for s in self.sheets],
            "good": len(self.good), "error_rows": self.error_rows,
            "by_category": {c.value: n for c, n in self.by_category.items()},
            "problems": [p.to_dict() for p in self.problems],
            "sha256": self.sha256, "already_imported": self.earlier_import is not None,
        }
        if rows:
            out["rows"] = [_attendee_dict(r) for r in self.good]
        return out




def raw_sheet_of(plan: ImportPlan, name: str) -> RawSheet:
    if plan.raw is None:
        raise KeyError(name)
    for s in plan.raw.sheets:
        if s.name == name:
            return s
    raise KeyError(name)


def _attendee_dict(r: ImportRow) -> dict[str, Any]:
    a = r.attendee
    return {
        "sheet": r.sheet, "row": r.row, "name": a.name, "category": a.category.value,
        "nip": a.nip, "nik": a.nik, "golongan": a.golongan, "jabatan": a.jabatan,
        "unit": a.unit, "institution": a.institution, "phone": a.phone, "note": a.note,
        "warnings": [p.code for p in r.warnings],
    }

