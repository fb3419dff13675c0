"""Reading an .xlsx roster: a bounded reader of the package's XML, and openpyxl's public read-only
API for a package that reader does not understand.

openpyxl (read-only, data_only) builds a rich-text object per string and reads a 5,000-row
roster in about a second; the reader here reads the same values (the cached results of
formulas, numbers as int/float, dates as datetime) in a fraction of that, and keeps to the
limits of events.roster_import.raw: a row or column with a value beyond them, too many shared
strings or a part too large refuse the file with a message before memory is spent on it.
"""

from __future__ import annotations

import io
import itertools
import re
import zipfile
import zlib
from collections.abc import Callable, Collection, Iterator
from datetime import datetime
from pathlib import Path
from typing import IO, Any, cast
from xml.etree import ElementTree as ET

from events.roster_import.package import Package, SheetEntry, read_error, sheet_entries
from events.roster_import.problems import RosterFileError
from events.roster_import.raw import (
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_STRINGS,
    RawFile,
    RawSheet,
    sheet_from,
    too_large,
    trim,
)

_FAST_FAILURES = (KeyError, ValueError, IndexError, TypeError, AttributeError, OverflowError,
                  ET.ParseError, zipfile.BadZipFile, zlib.error, OSError, EOFError)
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_EXCEL_ROWS = 1_048_576
# Up to this size a part is parsed in one C-level call, ~2.7x faster than streaming it but
# holding the whole tree (at worst ~25 MB of memory per MB of XML, ~200 MB here; ~18,000 rows
# of a typical roster); a larger part is streamed, one row at a time.
_WHOLE_PART = 8 * 1024 * 1024
_ROW_ELEMENTS = 64 * MAX_COLUMNS  # elements of one streamed <row> (cells, values, text runs)


class _Beyond(Exception):
    """A sheet's content beyond a limit: ``limit`` names it, ``value`` is what was found."""

    def __init__(self, limit: str, value: Any) -> None:
        super().__init__(limit, value)
        self.limit = limit
        self.value = value


def read_xlsx(path: Path) -> RawFile:
    """Read a workbook: the bounded reader, or openpyxl for a package it does not understand."""
    with Package(path) as pkg:
        try:
            return _read_fast(pkg, pkg.workbook_part())
        except _FAST_FAILURES:
            pass
    try:
        return _read_xlsx_openpyxl(path)
    except RosterFileError:
        raise
    except Exception as exc:  # openpyxl raises many kinds on a corrupt package
        raise read_error(path, exc) from exc


def _read_fast(pkg: Package, wb_part: str) -> RawFile:
    """Sheets of raw values straight from the package's XML (no styles beyond date formats)."""
    rels = pkg.rels(wb_part)
    root = pkg.tree(wb_part)
    ns = root.tag[1:].split("}")[0]
    props = root.find(f"{{{ns}}}workbookPr")
    date1904 = props is not None and props.get("date1904") in ("1", "true")
    shared: list[str] = []
    styles_part = ""
    for rel_type, target in rels.values():
        if rel_type.endswith("/sharedStrings"):
            shared = _shared_strings(pkg, target, ns)
        elif rel_type.endswith("/styles"):
            styles_part = target
    date_styles = _date_styles(pkg.open(styles_part), ns) if styles_part else frozenset()
    cells = _CellReader(ns, shared, date_styles, date1904)
    sheets: list[RawSheet] = []
    hidden: list[str] = []
    for entry in sheet_entries(root, ns, rels):
        if not entry.visible:
            hidden.append(entry.name)
            continue
        try:
            rows, merges = _parse_sheet(pkg, entry.part, cells)
        except _Beyond as beyond:
            raise too_large(pkg.path, beyond.limit, sheet=entry.name, value=beyond.value,
                            limit=MAX_ROWS if beyond.limit == "rows" else MAX_COLUMNS
                            ) from None
        raw = sheet_from(entry.name, rows, merges)
        if raw is not None:
            sheets.append(raw)
    return RawFile(pkg.path, "xlsx", sheets, hidden_sheets=hidden)


def _events(src: IO[bytes], keep: Collection[str] = ()
            ) -> Iterator[tuple[str, ET.Element, int, int]]:
    """("start" or "end", element, depth, open elements whose tag is in ``keep``) of a part
    read in chunks, in bounded memory: an element that ended is dropped from the tree once
    handed out, unless it lies inside a ``keep`` element (then it goes with that one)."""
    parser: ET.XMLPullParser[ET.Element] = ET.XMLPullParser(("start", "end"))
    stack: list[ET.Element] = []
    kept = 0
    with src:
        while chunk := src.read(1 << 16):
            parser.feed(chunk)
            # Only "start" and "end" were asked for: each event carries an element (the typing
            # also allows the namespace events' tuples).
            events = cast("Iterator[tuple[str, ET.Element]]", parser.read_events())
            for event, el in events:
                if event == "start":
                    stack.append(el)
                    kept += el.tag in keep
                    yield event, el, len(stack), kept
                    continue
                stack.pop()
                kept -= el.tag in keep
                yield event, el, len(stack) + 1, kept
                if not kept and stack:
                    stack[-1].remove(el)
        parser.close()


def _stream(src: IO[bytes], wanted: Collection[str], overflow: Callable[[], Exception]
            ) -> Iterator[ET.Element]:
    """Each complete element of a part whose tag is in ``wanted``, in document order, in
    bounded memory. ``overflow()`` is raised for a wanted element holding more than
    _ROW_ELEMENTS elements."""
    held = 0
    for event, el, _depth, inside in _events(src, wanted):
        if event == "start":
            if inside and el.tag not in wanted:
                held += 1
                if held > _ROW_ELEMENTS:
                    raise overflow()
        elif el.tag in wanted:
            held = 0
            yield el


def _unescape(text: str) -> str:
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


def _shared_strings(pkg: Package, part: str, ns: str) -> list[str]:
    t_tag, r_tag, si_tag = f"{{{ns}}}t", f"{{{ns}}}r", f"{{{ns}}}si"
    data = pkg.read(part)
    if data.count(b"<si") + data.count(b":si") > MAX_STRINGS:  # at least the <si>s, in C
        raise too_large(pkg.path, "strings", limit=MAX_STRINGS)
    items: Iterator[ET.Element] | ET.Element
    if len(data) <= _WHOLE_PART:
        items = ET.fromstring(data)
    else:
        items = _stream(io.BytesIO(data), (si_tag,),
                        lambda: too_large(pkg.path, "strings", limit=MAX_STRINGS))
    return [_unescape(_rich_text(si, t_tag, r_tag)) for si in items]


def _rich_text(el: ET.Element, t_tag: str, r_tag: str) -> str:
    """The text of an <si> or <is>: its <t>, or its runs' <t>s (phonetic <rPh> left out)."""
    t = el.find(t_tag)
    if t is not None:
        return t.text or ""
    return "".join(r.findtext(t_tag) or "" for r in el.iter(r_tag))


def _date_styles(src: IO[bytes], ns: str) -> frozenset[int]:
    """Indexes of the cell formats (cellXfs) whose number format is a date, streamed: a
    workbook copied from workbook to workbook can carry megabytes of styles."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format

    codes: dict[int, str] = dict(BUILTIN_FORMATS)
    formats: list[int] = []  # the numFmtId of each xf of the first cellXfs
    fmt_tag, xfs_tag, xf_tag = f"{{{ns}}}numFmt", f"{{{ns}}}cellXfs", f"{{{ns}}}xf"
    xfs_seen = in_xfs = False
    for event, el, depth, _kept in _events(src):
        if event == "end":
            if el.tag == xfs_tag and in_xfs:
                in_xfs, xfs_seen = False, True
        elif el.tag == fmt_tag:
            codes[int(el.get("numFmtId", "0"))] = el.get("formatCode", "")
        elif el.tag == xfs_tag and depth == 2 and not xfs_seen:
            in_xfs = True
        elif el.tag == xf_tag and in_xfs:
            formats.append(int(el.get("numFmtId", "0")))
    return frozenset(i for i, fmt in enumerate(formats) if is_date_format(codes.get(fmt, "")))


_COLUMNS: dict[str, int] = {}


def _col_index(ref: str) -> int:
    """0-based column of a cell reference ("C7" -> 2)."""
    letters = ref.rstrip("0123456789")
    col = _COLUMNS.get(letters)
    if col is None:
        n = 0
        for ch in letters.upper():
            n = n * 26 + ord(ch) - 64
        col = n - 1
        if len(letters) <= 3:  # Excel's columns: the cache stays small
            _COLUMNS[letters] = col
    return col


def _merge(el: ET.Element) -> tuple[int, int, int, int] | None:
    """(min_col, min_row, max_col, max_row), 1-based, of a <mergeCell>."""
    a, _, b = el.get("ref", "").partition(":")
    if not b:
        return None
    return (_col_index(a) + 1, int(a.lstrip(_LETTERS)), _col_index(b) + 1,
            int(b.lstrip(_LETTERS)))


def _parse_sheet(pkg: Package, part: str, cells: _CellReader
                 ) -> tuple[list[list[Any]], list[tuple[int, int, int, int]]]:
    """Rows of values (index = Excel row - 1) and merged ranges (1-based c1, r1, c2, r2).

    Raises _Beyond for a value beyond MAX_ROWS or MAX_COLUMNS; rows without a value are not
    kept, so a stray empty row far down costs nothing.
    """
    found: dict[int, list[Any]] = {}
    merges: list[tuple[int, int, int, int]] = []
    last = 0
    if pkg.size(part) <= _WHOLE_PART:
        root = ET.fromstring(pkg.read(part))
        elements: Iterator[ET.Element] = itertools.chain(root.iter(cells.row_tag),
                                                         root.iter(cells.merge_tag))
    else:
        elements = _stream(pkg.open(part), (cells.row_tag, cells.merge_tag),
                           lambda: _Beyond("columns", f"lebih dari {MAX_COLUMNS}"))
    row_tag = cells.row_tag
    for el in elements:
        if el.tag == row_tag:
            r = el.get("r")
            last = max(int(r), last + 1) if r else last + 1
            values = cells.row(el)
            if values:
                if last > MAX_ROWS:
                    raise _Beyond("rows", last)
                found[last] = values
        else:
            merge = _merge(el)
            if merge is not None:
                merges.append(merge)
    end = max(found, default=0)
    return [found.get(n) or [] for n in range(1, end + 1)], merges


class _CellReader:
    """Converts the <c> elements of a <row> to Python values, as openpyxl's data_only does."""

    def __init__(self, ns: str, shared: list[str], date_styles: frozenset[int],
                 date1904: bool) -> None:
        self.row_tag, self.c_tag, self.v_tag = f"{{{ns}}}row", f"{{{ns}}}c", f"{{{ns}}}v"
        self.is_tag, self.t_tag, self.r_tag = f"{{{ns}}}is", f"{{{ns}}}t", f"{{{ns}}}r"
        self.merge_tag = f"{{{ns}}}mergeCell"
        self.shared = shared
        self.date_styles = date_styles
        self.date1904 = date1904

    def row(self, el: ET.Element) -> list[Any]:
        values: list[Any] = []
        c_tag, v_tag, shared = self.c_tag, self.v_tag, self.shared
        for c in el:
            if c.tag != c_tag:
                continue
            ref = c.get("r")
            col = _col_index(ref) if ref else len(values)
            t = c.get("t")
            value: Any
            if t == "inlineStr":
                inline = c.find(self.is_tag)
                value = _unescape(_rich_text(inline, self.t_tag, self.r_tag)) \
                    if inline is not None else None
            else:
                v = c.findtext(v_tag)
                if not v:
                    value = None
                elif t is None or t == "n":
                    value = float(v) if ("." in v or "E" in v or "e" in v) else int(v)
                    style = c.get("s")
                    if style and self.date_styles and int(style) in self.date_styles:
                        value = self._date(value)
                elif t == "s":
                    value = shared[int(v)]
                elif t == "b":
                    value = v == "1"
                elif t == "d":
                    value = datetime.fromisoformat(v)
                else:  # "str" (a formula's text) or "e" (an error such as #N/A)
                    value = _unescape(v)
            if value is None or (value.__class__ is str and not value.strip()):
                continue
            if col >= len(values):
                if col >= MAX_COLUMNS:
                    raise _Beyond("columns", ref or col + 1)
                values.extend([None] * (col - len(values)))
                values.append(value)
            else:
                values[col] = value
        return values

    def _date(self, serial: float) -> Any:
        from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

        try:
            return from_excel(serial, CALENDAR_MAC_1904 if self.date1904 else
                              CALENDAR_WINDOWS_1900)
        except (OverflowError, ValueError):
            return serial


# ---------------------------------------------------------------------------------------------
# openpyxl, for a package the reader above does not understand


def _read_xlsx_openpyxl(path: Path) -> RawFile:
    """The same RawFile through openpyxl's public read-only API, within the same limits.

    Read-only worksheets do not parse <mergeCells>: the merged ranges come from the package,
    streamed, when its workbook can be followed to the sheets' parts.
    """
    import openpyxl  # local: only workbooks the bounded reader cannot read pay for it

    with Package(path) as pkg:
        pkg.check_parts()
        merges = _package_merges(pkg)
    sheets: list[RawSheet] = []
    hidden: list[str] = []
    with path.open("rb") as fh:
        # A file object, so that an .xlsx saved under another extension still opens.
        wb = openpyxl.load_workbook(fh, read_only=True, data_only=True)
        try:
            for ws in wb.worksheets:
                if ws.sheet_state != "visible":
                    hidden.append(ws.title)
                    continue
                ws.reset_dimensions()  # some writers declare A1:XFD1048576
                rows = _bounded_rows(path, ws.title, ws.iter_rows(values_only=True))
                sheet = sheet_from(ws.title, rows, merges.get(ws.title, []))
                if sheet is not None:
                    sheets.append(sheet)
        finally:
            wb.close()
    return RawFile(path, "xlsx", sheets, hidden_sheets=hidden)


def _bounded_rows(path: Path, sheet: str, values: Iterator[tuple[Any, ...]]) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for n, row in enumerate(values, start=1):
        if n > _EXCEL_ROWS:
            raise too_large(path, "rows", sheet=sheet, value=n, limit=MAX_ROWS)
        trimmed = trim(row)
        if trimmed:
            if n > MAX_ROWS:
                raise too_large(path, "rows", sheet=sheet, value=n, limit=MAX_ROWS)
            if len(trimmed) > MAX_COLUMNS:
                raise too_large(path, "columns", sheet=sheet, value=len(trimmed),
                                limit=MAX_COLUMNS)
        rows.append(trimmed)
    return rows


def _package_merges(pkg: Package) -> dict[str, list[tuple[int, int, int, int]]]:
    """Sheet name -> merged ranges, or {} when the workbook cannot be followed."""
    try:
        wb_part = pkg.workbook_part()
        root = pkg.tree(wb_part)
        ns = root.tag[1:].split("}")[0]
        entries: list[SheetEntry] = sheet_entries(root, ns, pkg.rels(wb_part))
        out = {}
        for entry in entries:
            stream = _stream(pkg.open(entry.part), (f"{{{ns}}}mergeCell",),
                             lambda: _Beyond("columns", MAX_COLUMNS))
            out[entry.name] = [m for m in map(_merge, stream) if m is not None]
        return out
    except (*_FAST_FAILURES, _Beyond):
        return {}
