"""Validation of a plan: every included sheet read row by row under its header.

Rows that are not people (blank, column numbers, a repeated header, continuation rows of
merged cells, section headings, subtotals) are skipped and recorded; reading stops at the
JUMLAH or signature block; every person row is validated by events.roster_import.person.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from events.categories import Category
from events.roster_import.category import heading_category
from events.roster_import.cells import display_text, is_int_no
from events.roster_import.layout import norm
from events.roster_import.person import Seen, read_person
from events.roster_import.plan import ImportPlan, ImportRow, SheetPlan
from events.roster_import.problems import (
    FIELDS,
    MESSAGES,
    PREVIEW_ROWS,
    ROWS_AFTER_FOOTER,
    SHEET_NO_HEADER,
    SHEET_NO_NAME_COLUMN,
    SKIP_COLUMN_NUMBERS,
    SKIP_HEADER_REPEAT,
    SKIP_HEADING,
    SKIP_MERGED,
    SKIP_SUBTOTAL,
    Problem,
    Severity,
)
from events.roster_import.raw import RawSheet
from events.roster_import.rows import (
    footer_kind,
    is_column_numbers,
    looks_like_person,
    section_heading,
)


class _Validator:
    """Turns the rows of every included sheet into attendee drafts and problems."""

    def __init__(self, plan: ImportPlan) -> None:
        self.plan = plan
        self.today = plan.today or date.today()
        self.good: list[ImportRow] = []
        self.problems: list[Problem] = []
        self.seen = Seen(plan.existing_nips, plan.existing_niks, plan.existing_people)

    # -- sheets ---------------------------------------------------------------------------

    def sheet(self, sp: SheetPlan, raw: RawSheet) -> None:
        sp.data_rows = 0
        sp.first_data_row = sp.last_data_row = sp.footer_row = None
        sp.skipped = []
        sp.preview = []
        if not sp.include:
            if sp.header_row is None:
                self.problems.append(Problem(sp.name, None, SHEET_NO_HEADER, Severity.WARNING,
                                             MESSAGES[SHEET_NO_HEADER]))
            return
        m = sp.mapping
        no_col, name_col = m.get("no"), m.get("name")
        if name_col is None:
            self.problems.append(Problem(sp.name, None, SHEET_NO_NAME_COLUMN, Severity.ERROR,
                                         MESSAGES[SHEET_NO_NAME_COLUMN]))
            return
        # The columns a section heading leaves empty: every mapped one but No, Nama, Keterangan.
        other_cols = [c for c in (m[f] for f in FIELDS if f not in ("no", "name", "note"))
                      if c is not None]
        header_name = norm(sp.headers[name_col]) if name_col < len(sp.headers) else ""
        section: Category | None = None
        rows = raw.rows
        filled = raw.filled
        n = len(rows)
        i = sp.header_row or 0  # 0-based index of the first row after the header
        while i < n:
            row = rows[i]
            rownum = i + 1
            cells = [(c, v) for c, v in enumerate(row) if v is not None]
            if not cells or (len(cells) == 1 and cells[0][0] == no_col
                             and is_int_no(cells[0][1])):
                i += 1  # blank, or a numbered line of a template nobody filled in
                continue
            if filled and all((i, c) in filled for c, _ in cells):
                sp.skipped.append((rownum, SKIP_MERGED))
                i += 1
                continue
            name_v = row[name_col] if name_col < len(row) else None
            name_text = name_v if type(name_v) is str else None
            if (name_text is None or name_text[:1] in "(0123456789") \
                    and is_column_numbers(cells):
                sp.skipped.append((rownum, SKIP_COLUMN_NUMBERS))
                i += 1
                continue
            if name_text is not None and name_text[:2].lower() == header_name[:2] and \
                    norm(name_text) == header_name:
                sp.skipped.append((rownum, SKIP_HEADER_REPEAT))
                i += 1
                continue
            footer = footer_kind(cells, name_v, m)
            if footer == "total" and self._continues(sp, raw, i + 1, no_col, name_col,
                                                      other_cols):
                sp.skipped.append((rownum, SKIP_SUBTOTAL))
                i += 1
                continue
            if footer:
                sp.footer_row = rownum
                self._after_footer(sp, raw, i, cells)
                break
            heading = section_heading(row, cells, no_col, name_col, other_cols)
            if heading is not None:
                section = heading_category(heading) if heading else None
                sp.skipped.append((rownum, SKIP_HEADING))
                i += 1
                continue
            self.person(sp, rownum, row, section)
            if len(sp.preview) < PREVIEW_ROWS:
                sp.preview.append((rownum, tuple(display_text(v) for v in row)))
            i += 1

    def _continues(self, sp: SheetPlan, raw: RawSheet, start: int, no_col: int | None,
                   name_col: int, other_cols: list[int]) -> bool:
        """After a JUMLAH row: does the list go on (a subtotal), or is this the foot?"""
        m = sp.mapping
        for row in raw.rows[start:start + 5]:
            cells = [(c, v) for c, v in enumerate(row) if v is not None]
            if not cells:
                continue
            if is_column_numbers(cells):
                continue
            if footer_kind(cells, row[name_col] if name_col < len(row) else None, m):
                return False
            heading = section_heading(row, cells, no_col, name_col, other_cols)
            if heading is not None:
                return heading_category(heading) is not None
            return looks_like_person(row, m)
        return False

    def _after_footer(self, sp: SheetPlan, raw: RawSheet, i: int,
                      cells: list[tuple[int, Any]]) -> None:
        later = [k + 1 for k in range(i + 1, len(raw.rows))
                 if looks_like_person(raw.rows[k], sp.mapping, strict=True)]
        if later:
            text = next((display_text(v) for _, v in cells if isinstance(v, str)), "")
            self.problems.append(Problem(
                sp.name, i + 1, ROWS_AFTER_FOOTER, Severity.WARNING,
                MESSAGES[ROWS_AFTER_FOOTER].format(value=text, count=len(later), first=later[0]),
                value=text))

    # -- one person -------------------------------------------------------------------------

    def person(self, sp: SheetPlan, rownum: int, row: tuple[Any, ...],
               section: Category | None) -> None:
        sp.data_rows += 1
        if sp.first_data_row is None:
            sp.first_data_row = rownum
        sp.last_data_row = rownum
        attendee, problems = read_person(sp, rownum, row, section, self.today, self.seen)
        self.problems.extend(problems)
        if attendee is not None:
            self.good.append(ImportRow(sp.name, rownum, attendee, problems))


def validate_plan(plan: ImportPlan) -> ImportPlan:
    v = _Validator(plan)
    assert plan.raw is not None
    raws = {s.name: s for s in plan.raw.sheets}
    for sp in plan.sheets:
        v.sheet(sp, raws[sp.name])
    plan.good = v.good
    plan.problems = ([plan.earlier_import] if plan.earlier_import else []) + v.problems
    return plan

