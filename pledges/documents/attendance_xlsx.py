"""The Daftar Hadir (attendance list): an .xlsx for the records office, the same list as a
printable PDF, and the empty paper version to fall back on if the laptop dies.

All three are built from an :class:`~pledges.documents.EventRecord` (plain data, no Qt, no
database) and returned as bytes; ``write_*`` put them on disk through
:func:`pledges.files.write_atomically`. ``progress(done, total)`` is called as rows are made and
may raise to cancel (the exception propagates, nothing is written).

Choices, the same in every format:

- The main list holds everyone who came (an active check-in), invited or not, grouped by
  category in the order Eselon II, III, IV, Fungsional, Pelaksana, PPPK, Non-ASN, Tamu, each group
  under a heading row; within a group the roster's order (by name). Numbering runs on across the
  groups (1..n), as on paper. A walk-in shows "(tanpa undangan)" after the category.
- Invited people who did not come are not in the main list: the workbook lists them on a sheet
  "Tidak Hadir"; both the workbook ("Rekap") and the PDF end with the counts per category
  (invited, present, absent, walk-ins, signed).
- Tanda Tangan: odd numbers sign in the left half, even numbers in the right half, each half
  labelled with the number ("1. ......"), so that neighbouring signatures never overlap. In the
  workbook the two halves are two columns (I and J) under one merged heading, so that each label
  and image sits in its own cell whatever the viewer's column-width arithmetic; in the PDF they
  are the halves of one cell. Someone who came but has not signed gets the empty, labelled half,
  to sign on the printout. A stored signature whose strokes no longer match their hash is not
  drawn; the cell says so.
- Waktu: in the event's zone, named ("08.00 – 11.00 WIB", or "08.00 WIB – selesai" without an
  end time). Jam Hadir is the check-in's time on the event's clock, HH.MM, under a heading that
  names the zone ("Jam Hadir (WIB)"). A check-in on another day than the event's (on the
  event's clock) is kept and marked: "hadir 3 Desember 2026, di luar tanggal acara" (the
  workbook's Keterangan column; in the PDF under the time).
- The footer is signed by the event's witnessing official ("Menyaksikan", in the demo the Sekda),
  the official who answers for the event's records, or by the presiding official when no witness
  is set; with neither, a blank name line and "NIP. ...." to fill in by hand. The witness's stored
  signature is NOT reused there: it was given for the pledge, the list is signed in ink.
- The letterhead's logo (``event.logo``) is shown when it is a readable image and left out
  otherwise: a broken logo never stops the attendance list.

The workbook is written in openpyxl's write-only mode (rows streamed, styles as named styles);
merged cells only in the title and footer blocks, never in the data rows, so the records office
can still sort and filter; every image has a one-cell anchor inside its own cell. Each signature
is rendered small (240 x 80 px, shown at 120 x 40 px) straight from its strokes, its ink
cropped to fill the half cell: 2,000 signed attendees take about 3.2 s
(bench/bench_attendance.py; the PDF of the same, every signature as vector paths, about 20 s).
"""

from __future__ import annotations

import contextlib
import os
import re
import zipfile
from collections.abc import Iterable, Sequence
from datetime import datetime
from io import BytesIO
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.drawing.image import Image as XlsxImage
from openpyxl.drawing.spreadsheet_drawing import AnchorMarker, OneCellAnchor
from openpyxl.drawing.xdr import XDRPositiveSize2D
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet.header_footer import HeaderFooterItem
from openpyxl.worksheet.worksheet import Worksheet

from events import text_safety
from events.categories import Category
from events.dates import place_and_date, time_range
from events.ids import format_nip
from events.model import Event
from pledges.documents.attendance_rows import (
    SHEET_ABSENT,
    SHEET_MAIN,
    SHEET_SUMMARY,
    SUMMARY_HEADINGS,
    TITLE,
    PersonLine,
    category_tallies,
    category_text,
    event_details,
    ink_fit,
    person_lines,
    report_progress,
    responsible_official,
    signature_label,
    tally_values,
    time_heading,
    unit_of,
)
from pledges.documents.letterhead import contact_lines, letterhead_lines, logo_png
from pledges.documents.record import EventRecord
from pledges.documents.toolkit import Progress
from pledges.files import write_atomically
from pledges.strokes import DEFAULT_PRESSURE, INK, line_width

__all__ = [
    "SHEET_ABSENT",
    "SHEET_MAIN",
    "SHEET_SUMMARY",
    "build_attendance_xlsx",
    "responsible_official",
    "signature_label",
    "time_range",
    "write_attendance_xlsx",
]



# --- signature images for the workbook -------------------------------------------------------

IMAGE_PX = (240, 80)  # rendered
IMAGE_SHOWN_PX = (120, 40)  # as shown in the cell (about 300 dpi printed)
_SUPERSAMPLE = 2


def _signature_png(strokes: Sequence[Sequence[Sequence[float]]], pad_w: float,
                   pad_h: float) -> bytes:
    """A small transparent PNG of the signature, its ink fitted and centred in IMAGE_PX.

    Not :func:`pledges.strokes.render_png`: at this size its smoothing and round joints are
    invisible and cost ten times as much. Raw points, one polyline per run of equal pen width,
    drawn twice as large and halved (anti-aliased); saved as an 8-bit palette of the ink colour
    whose index is its opacity (a quarter of RGBA's bytes to compress).
    """
    from PIL import Image, ImageDraw

    out_w, out_h = IMAGE_PX
    big_w, big_h = out_w * _SUPERSAMPLE, out_h * _SUPERSAMPLE
    scale, dx, dy = ink_fit(strokes, pad_w, pad_h, big_w, big_h)
    mask = Image.new("L", (big_w, big_h), 0)
    draw = ImageDraw.Draw(mask)
    widths = [max(1, round(line_width(level / 8, pad_w) * scale)) for level in range(9)]
    for stroke in strokes:
        if not stroke:
            continue
        points = [(dx + p[0] * scale, dy + p[1] * scale) for p in stroke]
        try:  # decoded strokes are normalised: (x, y, t, pressure 0..1)
            levels = [round(p[3] * 8) for p in stroke]
            if min(levels) < 0 or max(levels) > 8:
                raise ValueError
        except (IndexError, TypeError, ValueError):
            levels = [_level(p) for p in stroke]
        if len(points) == 1:
            x, y = points[0]
            r = widths[levels[0]] / 2
            draw.ellipse((x - r, y - r, x + r, y + r), fill=255)
            continue
        first = 0
        for i in range(1, len(points)):
            if levels[i] != levels[first] or i == len(points) - 1:
                draw.line(points[first:i + 1], fill=255, width=widths[levels[first]])
                first = i
    mask = mask.reduce(_SUPERSAMPLE)
    mask.putpalette(bytes(INK) * 256)  # "L" becomes "P": index = opacity
    buffer = BytesIO()
    mask.save(buffer, format="PNG", compress_level=1, transparency=bytes(range(256)))
    return buffer.getvalue()


def _level(point: Sequence[float]) -> int:
    """The pen pressure in eighths (the widths :func:`pledges.strokes.to_path` uses)."""
    pressure = point[3] if len(point) > 3 and point[3] is not None else DEFAULT_PRESSURE
    return round(min(1.0, max(0.0, pressure)) * 8)


# --- the workbook ----------------------------------------------------------------------------

# (heading, width in characters) of the main sheet; the signature's two halves are I and J;
# "Jam Hadir" is headed with the event's zone ("Jam Hadir (WIB)"); Keterangan says when a
# check-in was on another day than the event's.
# The PPPK's number is a NI PPPK, not a NIP: the heading names both.
XLSX_COLUMNS = (("No", 5), ("Nama", 30), ("NIP / NI PPPK", 21), ("Gol.", 7),
                ("Jabatan", 26),
                ("Unit Kerja", 28), ("Kategori", 20), ("Jam Hadir", 9),
                ("Tanda Tangan", 19), ("", 19), ("Keterangan", 24))
SIGN_LEFT_COL = 9  # I, 1-based
SIGN_RIGHT_COL = 10  # J
LAST_COL = "K"
PERSON_ROW_PT = 42.0  # the least a person's row is high: room to sign
LINE_PT = 12.75  # one line of 10 pt Arial
ROW_PAD_PT = 6.0


def wrapped_lines(text: str, width_chars: float) -> int:
    """How many lines ``text`` wraps onto in a column ``width_chars`` wide (Excel's width
    unit): a greedy word wrap counting characters, erring on the side of one line more, so that
    a row set from it is never too low to show its text whole."""
    room = max(1, int(width_chars * 0.95) - 2)  # the cell's indent and padding
    lines, used = 0, room + 1
    for word in str(text).split():
        while len(word) > room:  # a word longer than the line is broken
            lines += 1
            word = word[room:]
            used = room + 1
        if used + 1 + len(word) <= room:
            used += 1 + len(word)
        else:
            lines += 1
            used = len(word)
    return max(1, lines)


def row_height(cells: Sequence[tuple[object, float]], least: float = PERSON_ROW_PT) -> float:
    """A row's height from its cells' (text, column width): the tallest wrapped text, at
    least ``least`` points."""
    lines = max((wrapped_lines(str(text), width) for text, width in cells if text), default=1)
    return max(least, lines * LINE_PT + ROW_PAD_PT)
_EMU_PER_PX = 9525
_IMAGE_OFFSET_PX = (6, 3)  # from the cell's top left corner

def _named_styles() -> list[NamedStyle]:
    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    grey = PatternFill("solid", fgColor="D9D9D9")
    light = PatternFill("solid", fgColor="EFEFEF")
    font = "Arial"
    # NamedStyle's keyword arguments per style.
    specs: dict[str, dict[str, Any]] = {
        "letterhead": dict(font=Font(name=font, size=13, bold=True),
                           alignment=Alignment(horizontal="center", vertical="center")),
        "unit": dict(font=Font(name=font, size=12, bold=True),
                     alignment=Alignment(horizontal="center", vertical="center"),
                     border=Border(bottom=Side(style="double", color="000000"))),
        "unit_plain": dict(font=Font(name=font, size=12, bold=True),
                           alignment=Alignment(horizontal="center", vertical="center")),
        "contact": dict(font=Font(name=font, size=9),
                        alignment=Alignment(horizontal="center", vertical="center",
                                            wrap_text=True)),
        "contact_last": dict(font=Font(name=font, size=9),
                             alignment=Alignment(horizontal="center", vertical="center",
                                                 wrap_text=True),
                             border=Border(bottom=Side(style="double", color="000000"))),
        "rule": dict(font=Font(name=font, size=10),
                     border=Border(bottom=Side(style="double", color="000000"))),
        "title": dict(font=Font(name=font, size=14, bold=True),
                      alignment=Alignment(horizontal="center", vertical="center")),
        "event": dict(font=Font(name=font, size=11, bold=True),
                      alignment=Alignment(horizontal="center", vertical="center",
                                          wrap_text=True)),
        "label": dict(font=Font(name=font, size=10)),
        "detail_label": dict(font=Font(name=font, size=10),
                             alignment=Alignment(horizontal="right", indent=1)),
        "heading": dict(font=Font(name=font, size=10, bold=True), fill=grey, border=box,
                        alignment=Alignment(horizontal="center", vertical="center",
                                            wrap_text=True)),
        "group": dict(font=Font(name=font, size=10, bold=True), fill=light,
                      border=Border(top=thin, bottom=thin),
                      alignment=Alignment(vertical="center")),
        "group_first": dict(font=Font(name=font, size=10, bold=True), fill=light,
                            border=Border(left=thin, top=thin, bottom=thin),
                            alignment=Alignment(vertical="center")),
        "group_last": dict(font=Font(name=font, size=10, bold=True), fill=light,
                           border=Border(right=thin, top=thin, bottom=thin),
                           alignment=Alignment(vertical="center")),
        "cell": dict(font=Font(name=font, size=10), border=box,
                     alignment=Alignment(horizontal="left", vertical="center", wrap_text=True,
                                         indent=1)),
        "centre": dict(font=Font(name=font, size=10), border=box,
                       alignment=Alignment(horizontal="center", vertical="center",
                                           wrap_text=True)),
        # the two halves of one signature cell: no border between them
        "sign_left": dict(font=Font(name=font, size=9, color="404040"),
                          border=Border(left=thin, top=thin, bottom=thin),
                          alignment=Alignment(horizontal="left", vertical="bottom", indent=1)),
        "sign_right": dict(font=Font(name=font, size=9, color="404040"),
                           border=Border(right=thin, top=thin, bottom=thin),
                           alignment=Alignment(horizontal="left", vertical="bottom", indent=1)),
        "number": dict(font=Font(name=font, size=10), border=box,
                       alignment=Alignment(horizontal="center", vertical="center")),
        "total": dict(font=Font(name=font, size=10, bold=True), fill=grey, border=box,
                      alignment=Alignment(horizontal="center", vertical="center")),
        "total_label": dict(font=Font(name=font, size=10, bold=True), fill=grey, border=box,
                            alignment=Alignment(vertical="center")),
        "footer": dict(font=Font(name=font, size=10),
                       alignment=Alignment(horizontal="center", vertical="top",
                                           wrap_text=True)),
        "footer_name": dict(font=Font(name=font, size=10, bold=True, underline="single"),
                            alignment=Alignment(horizontal="center", vertical="bottom")),
        "note": dict(font=Font(name=font, size=9, italic=True)),
    }
    return [NamedStyle(name=f"Ikrar {key}", **spec) for key, spec in specs.items()]


CellValue = str | float | datetime | None  # what a workbook cell holds here


class _Sheet:
    """A write-only sheet with a row counter and cells made from named styles."""

    def __init__(self, workbook: Workbook, title: str, widths: Sequence[float], event: Event,
                 footer_left: str):
        """Column widths, frozen panes and the print setup come first: a write-only sheet
        writes them out with its first row."""
        self._cell_class = WriteOnlyCell
        # A write-only sheet: openpyxl lends it the Worksheet's methods and print setup
        # (WriteOnlyWorksheet), which its stub leaves out; typed as the Worksheet it mirrors.
        self.ws: Worksheet = workbook.create_sheet(title)
        self.row = 0
        self.width = len(widths)
        self.widths = list(widths)
        self.last = get_column_letter(len(widths))
        for index, width in enumerate(widths, 1):
            self.ws.column_dimensions[get_column_letter(index)].width = width
        self.header = _header_row(event)
        self.ws.freeze_panes = f"A{self.header + 1}"
        self._print_setup(f"{self.header}:{self.header}", footer_left)

    def cell(self, value: CellValue, style: str) -> Cell:
        formula = False
        if isinstance(value, str):
            # No control character can be written to the workbook's XML (it would fail the
            # whole export), and no value is ever written as a formula: "=1+1" stays text.
            value = text_safety.clean(value)[0]
            formula = text_safety.is_formula(value)
        cell = self._cell_class(self.ws, value)
        if formula:
            cell.data_type = "s"
        cell.style = f"Ikrar {style}"
        return cell

    def append(self, cells: Iterable[Cell | None], height: float | None = None) -> int:
        self.row += 1
        if height is not None:
            self.ws.row_dimensions[self.row].height = height
        self.ws.append(list(cells))
        return self.row

    def merged(self, value: CellValue, style: str, first: str = "A", last: str | None = None,
               height: float | None = None) -> int:
        """One line across ``first``..``last`` (merged), the other cells styled alike."""
        last = last or self.last
        a, b = column_index_from_string(first), column_index_from_string(last)
        row = [None] * (a - 1) + [self.cell(value, style)]
        row += [self.cell(None, style) for _ in range(b - a)]
        number = self.append(row, height)
        if b > a:
            self.ws.merged_cells.add(f"{first}{number}:{last}{number}")
        return number

    @property
    def footer(self) -> HeaderFooterItem:
        """The footer of every page (odd pages: the same on all, as no even footer is set)."""
        footer = self.ws.oddFooter
        assert footer is not None  # a new sheet has one
        return footer

    def blank(self, height: float | None = None) -> int:
        return self.append([], height)

    def _print_setup(self, title_rows: str, footer_left: str) -> None:
        ws = self.ws
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = 9  # A4 (Worksheet.PAPERSIZE_A4)
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0  # as many pages as it takes
        page_setup = ws.sheet_properties.pageSetUpPr
        assert page_setup is not None  # a new sheet has one
        page_setup.fitToPage = True
        ws.print_options.horizontalCentered = True
        ws.page_margins.left = ws.page_margins.right = 0.5
        ws.page_margins.top = 0.6
        ws.page_margins.bottom = 0.7
        ws.page_margins.header = 0.3
        ws.page_margins.footer = 0.3
        ws.print_title_rows = title_rows  # the column headings on every page
        self.footer.left.text = _footer_text(footer_left)
        self.footer.left.size = 8
        self.footer.right.text = "Halaman &P dari &N"
        self.footer.right.size = 8


def _footer_text(text: str, limit: int = 100) -> str:
    """A header/footer part: Excel refuses (repairs) more than 255 characters in all, and "&"
    starts a code."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "\u2026"
    return text.replace("&", "&&")


def _header_row(event: Event) -> int:
    """The row of the column headings under :func:`_title_block`."""
    return max(1, len(letterhead_lines(event))) + len(contact_lines(event)) + 9


def _title_block(sheet: _Sheet, event: Event, title: str) -> None:
    """Letterhead, title, event and the Hari/Tanggal, Waktu, Tempat lines; the next row is
    ``sheet.header``."""
    heads = letterhead_lines(event)
    contacts = contact_lines(event)
    for index, line in enumerate(heads):
        last_line = index == len(heads) - 1
        style = ("unit_plain" if contacts else "unit") if last_line else "letterhead"
        sheet.merged(line, style, height=22)
    if not heads:
        sheet.blank()
    for index, line in enumerate(contacts):
        style = "contact_last" if index == len(contacts) - 1 else "contact"
        sheet.merged(line, style, height=wrapped_lines(line, sum(sheet.widths)) * 12 + 2)
    sheet.blank(8)
    sheet.merged(title, "title", height=22)
    sheet.merged(event.name, "event",
                 height=max(18, wrapped_lines(event.name, sum(sheet.widths) * 0.9) * 15 + 4))
    sheet.blank(8)
    for label, value in event_details(event):
        # the label right-aligned against its colon, so that the colons line up
        number = sheet.append([sheet.cell(label, "detail_label"), None,
                               sheet.cell(f": {value}", "label")])
        sheet.ws.merged_cells.add(f"A{number}:B{number}")
    sheet.blank(8)
    assert sheet.row + 1 == sheet.header
    logo = logo_png(event.logo, 60)
    if logo is not None:
        _add_image(sheet.ws, logo[0], 0, 0, (6, 2), logo[1])


class _PngImage(XlsxImage):
    """An openpyxl image from PNG bytes made here, whose size is known: openpyxl's own
    ``Image`` opens the data with Pillow once to measure it and again when saving, a tenth of
    the time for 2,000 signatures."""

    def __init__(self, data: bytes, size: tuple[int, int]):  # no super(): that is the Pillow
        self.ref = self._png = data
        self.width, self.height = size
        self.format = "png"

    def _data(self) -> bytes:
        return self._png


def _add_image(ws: Worksheet, png: bytes, row0: int, col0: int, offset_px: tuple[int, int],
               size_px: tuple[int, int]) -> None:
    """Anchor ``png`` with its top left corner inside the cell (row0, col0) (0-based), shown
    ``size_px`` large."""
    image = _PngImage(png, size_px)
    width, height = size_px
    marker = AnchorMarker(col=col0, colOff=offset_px[0] * _EMU_PER_PX, row=row0,
                          rowOff=offset_px[1] * _EMU_PER_PX)
    size = XDRPositiveSize2D(width * _EMU_PER_PX, height * _EMU_PER_PX)
    image.anchor = OneCellAnchor(_from=marker, ext=size)
    ws.add_image(image)


def _footer_block(sheet: _Sheet, event: Event, first: str = "G") -> None:
    official = responsible_official(event)
    room = sum(sheet.widths[ord(first) - ord("A"):])
    sheet.blank()
    sheet.merged(place_and_date(event.city, event.event_date), "footer", first)
    title = f"{official.title or 'Pejabat Penanggung Jawab'},"
    sheet.merged(title, "footer", first, height=wrapped_lines(title, room) * LINE_PT + 2)
    sheet.blank(48)  # room for the signature in ink
    name = official.name or "(" + "." * 40 + ")"
    sheet.merged(name, "footer_name", first, height=wrapped_lines(name, room) * LINE_PT + 2)
    nip = format_nip(official.nip)
    if nip or not official.name:  # no "NIP." line for an official without one
        sheet.merged(f"NIP. {nip}" if nip else "NIP. " + "." * 30, "footer", first)


def _person_cells(sheet: _Sheet, line: PersonLine) -> list[Cell | None]:
    person = line.person
    label = (signature_label(line.number) if not line.broken else
             f"{line.number}. (tanda tangan tidak utuh)")
    left = sheet.cell(None if line.right else label, "sign_left")
    right = sheet.cell(label if line.right else None, "sign_right")
    return [
        sheet.cell(line.number, "number"),
        sheet.cell(person.name, "cell"),
        sheet.cell(format_nip(person.nip), "centre"),
        sheet.cell(person.golongan, "centre"),
        sheet.cell(person.jabatan, "cell"),
        sheet.cell(unit_of(person), "cell"),
        sheet.cell(category_text(person), "cell"),
        sheet.cell(line.time, "centre"),
        left,
        right,
        sheet.cell(line.note or None, "cell"),
    ]


def _person_height(line: PersonLine, columns: Sequence[tuple[str, float]],
                   least: float = PERSON_ROW_PT) -> float:
    person = line.person
    texts = [person.name, person.jabatan, unit_of(person), category_text(person), line.note]
    widths = [dict(columns)[h] for h in ("Nama", "Jabatan", "Unit Kerja", "Kategori")]
    widths.append(dict(columns).get("Keterangan", 24))
    return row_height(list(zip(texts, widths, strict=True)), least)


def _group_row(sheet: _Sheet, text: str) -> int:
    cells = [sheet.cell(text, "group_first")]
    cells += [sheet.cell(None, "group") for _ in range(sheet.width - 2)]
    cells.append(sheet.cell(None, "group_last"))
    return sheet.append(cells, 18)


def _heading_row(sheet: _Sheet, headings: Sequence[str]) -> int:
    return sheet.append([sheet.cell(h, "heading") for h in headings], 28)


def build_attendance_xlsx(record: EventRecord, progress: Progress = None) -> bytes:
    """The Daftar Hadir workbook: sheets "Daftar Hadir" (who came, with signatures),
    "Tidak Hadir" (invited, did not come) and "Rekap" (counts per category)."""
    present = person_lines(record, record.by_category(record.present()))
    absent = person_lines(record, record.by_category(record.absent()), with_checkins=False)
    total = sum(len(rows) for _, rows in present) + sum(len(rows) for _, rows in absent) + 1
    report_progress(progress, 0, total)

    workbook = Workbook(write_only=True)
    event = record.event
    workbook.properties.title = f"Daftar Hadir \u2013 {' '.join(event.name.split())}"
    workbook.properties.creator = event.institution or event.organizer_unit or "Ikrar"
    workbook.properties.lastModifiedBy = "Ikrar"
    workbook.properties.subject = "Daftar Hadir"
    workbook.properties.keywords = event.uid or ""
    try:
        _fill_workbook(workbook, record, present, absent, progress, total)
        buffer = BytesIO()
        workbook.save(buffer)
    except BaseException:
        _discard(workbook)
        raise
    report_progress(progress, total, total)
    return _named_by_ikrar(buffer.getvalue())


def _named_by_ikrar(data: bytes) -> bytes:
    """The workbook with its application property (docProps/app.xml) naming Ikrar, not the
    library that wrote it."""
    source = zipfile.ZipFile(BytesIO(data))
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "docProps/app.xml":
                content = re.sub(rb"<Application>.*?</Application>",
                                 b"<Application>Ikrar</Application>", content)
            target.writestr(item, content)
    return out.getvalue()


def _discard(workbook: Workbook) -> None:
    """After a failure or a cancel: finish and delete the sheets' temporary files (a write-only
    sheet streams its rows into one) instead of leaving them to the interpreter's exit."""
    for ws in workbook.worksheets:
        writer = getattr(ws, "_writer", None)
        if writer is None or ws.closed:
            continue
        with contextlib.suppress(Exception):  # already broken: the file goes anyway
            ws.close()
        with contextlib.suppress(OSError, ValueError):
            writer.cleanup()


def _fill_workbook(workbook: Workbook, record: EventRecord,
                   present: list[tuple[Category, list[PersonLine]]],
                   absent: list[tuple[Category, list[PersonLine]]], progress: Progress,
                   total: int) -> None:
    event = record.event
    done = 0
    for style in _named_styles():
        workbook.add_named_style(style)

    # -- Daftar Hadir
    sheet = _Sheet(workbook, SHEET_MAIN, [w for _, w in XLSX_COLUMNS], event,
                   f"Daftar Hadir \u2013 {event.name}")
    _title_block(sheet, event, TITLE)
    header = _heading_row(sheet, [time_heading(event) if h == "Jam Hadir" else h
                                  for h, _ in XLSX_COLUMNS])
    sheet.ws.merged_cells.add(f"I{header}:J{header}")
    shown_w, shown_h = IMAGE_SHOWN_PX
    for category, rows in present:
        _group_row(sheet, f"{category.label} \u2013 {len(rows)} orang")
        for line in rows:
            cells = _person_cells(sheet, line)
            number = sheet.append(cells, _person_height(line, XLSX_COLUMNS))
            if line.strokes:
                png = _signature_png(line.strokes, *line.pad)
                col = SIGN_RIGHT_COL if line.right else SIGN_LEFT_COL
                _add_image(sheet.ws, png, number - 1, col - 1, _IMAGE_OFFSET_PX,
                           (shown_w, shown_h))
            done += 1
            report_progress(progress, done, total)
    if not present:
        sheet.merged("Belum ada peserta yang hadir.", "note")
    people = sum(len(rows) for _, rows in present)
    signed = sum(1 for _, rows in present for line in rows if line.strokes)
    sheet.append([sheet.cell(None, "total_label"),
                  sheet.cell(f"Jumlah hadir: {people} orang; menandatangani: {signed} orang",
                             "total_label"),
                  *[sheet.cell(None, "total_label") for _ in range(sheet.width - 2)]], 18)
    _footer_block(sheet, event)

    # -- Tidak Hadir
    absent_columns = (*XLSX_COLUMNS[:7], ("Keterangan", 30))
    sheet = _Sheet(workbook, SHEET_ABSENT, [w for _, w in absent_columns], event,
                   f"Tidak Hadir \u2013 {event.name}")
    _title_block(sheet, event, "DAFTAR UNDANGAN TIDAK HADIR")
    _heading_row(sheet, [h for h, _ in absent_columns])
    for category, rows in absent:
        _group_row(sheet, f"{category.label} \u2013 {len(rows)} orang")
        for line in rows:
            # Keterangan: left empty for the office to write why (izin, sakit, dinas luar)
            sheet.append([*_person_cells(sheet, line)[:7], sheet.cell(None, "cell")],
                         _person_height(line, absent_columns, least=30))
            done += 1
            report_progress(progress, done, total)
    if not absent:
        sheet.merged("Semua undangan hadir.", "note")

    # -- Rekap
    sheet = _Sheet(workbook, SHEET_SUMMARY, [5, 34, 12, 12, 12, 15, 14, 16], event,
                   f"Rekap Kehadiran \u2013 {event.name}")
    _title_block(sheet, event, "REKAPITULASI KEHADIRAN")
    _heading_row(sheet, SUMMARY_HEADINGS)
    tallies, totals = category_tallies(record)
    for index, tally in enumerate(tallies, 1):
        sheet.append([sheet.cell(index, "number"), sheet.cell(tally.label, "cell"),
                      *[sheet.cell(v, "number") for v in tally_values(tally)]], 18)
    sheet.append([sheet.cell(None, "total_label"), sheet.cell(totals.label, "total_label"),
                  *[sheet.cell(v, "total") for v in tally_values(totals)]], 18)
    sheet.blank()
    sheet.merged("Hadir: undangan yang hadir; Tanpa Undangan: hadir tanpa ada di daftar "
                 "undangan; Jumlah Hadir = Hadir + Tanpa Undangan.", "note")
    _footer_block(sheet, event, first="E")



# --- files -----------------------------------------------------------------------------------

def write_attendance_xlsx(path: str | os.PathLike[str], record: EventRecord,
                          progress: Progress = None) -> Path:
    return write_atomically(path, build_attendance_xlsx(record, progress))
