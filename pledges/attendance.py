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
- Waktu: the event has no time-zone field, so times are printed alone ("08.00 – 11.00", or
  "08.00 – selesai" without an end time). Jam Hadir is the check-in's local clock time, HH:MM.
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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.drawing.image import Image as XlsxImage
from openpyxl.drawing.spreadsheet_drawing import AnchorMarker, OneCellAnchor
from openpyxl.drawing.xdr import XDRPositiveSize2D
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import column_index_from_string, get_column_letter
from reportlab.pdfgen.canvas import Canvas

from events.categories import Category
from events.dates import format_long_date, place_and_date, time_range
from events.ids import format_nip
from events.model import Attendee, Event, Official
from pledges.documents import EventRecord
from pledges.files import write_atomically
from pledges.pdf import SANS, SANS_BOLD, clip, fit, register_fonts, text_width
from pledges.strokes import DEFAULT_PRESSURE, INK, draw_on_canvas, line_width

__all__ = [
    "SHEET_ABSENT",
    "SHEET_MAIN",
    "SHEET_SUMMARY",
    "build_attendance_blank_pdf",
    "build_attendance_pdf",
    "build_attendance_xlsx",
    "responsible_official",
    "signature_label",
    "time_range",
    "write_attendance_blank_pdf",
    "write_attendance_pdf",
    "write_attendance_xlsx",
]

Progress = Callable[[int, int], None] | None

SHEET_MAIN = "Daftar Hadir"
SHEET_ABSENT = "Tidak Hadir"
SHEET_SUMMARY = "Rekap"
TITLE = "DAFTAR HADIR"
WALK_IN_NOTE = "(tanpa undangan)"
DOTS = "." * 22


# --- what every format shares ----------------------------------------------------------------




def _details(event: Event) -> list[tuple[str, str]]:
    return [("Hari/Tanggal", format_long_date(event.event_date)),
            ("Waktu", time_range(event)),
            ("Tempat", event.venue)]


def signature_label(number: int) -> str:
    """The number written in a signature cell, as on paper: "1. ......"."""
    return f"{number}. {DOTS}"


def responsible_official(event: Event) -> Official:
    """Who signs the footer: the witnessing official, else the presiding one (may be empty)."""
    return event.witness if not event.witness.is_empty() else event.presiding


def _unit(person: Attendee) -> str:
    return person.unit or person.institution


def _category_text(person: Attendee) -> str:
    label = person.category.label
    return label if person.invited else f"{label} {WALK_IN_NOTE}"


def _letterhead(event: Event) -> list[str]:
    return [line.upper() for line in (event.institution, event.organizer_unit) if line.strip()]


@dataclass(frozen=True)
class _Line:
    """One person's row, the same in every format."""

    number: int
    person: Attendee
    time: str  # "HH:MM" of the check-in, or ""
    strokes: list | None  # the current, intact signature's strokes
    pad: tuple[int, int]
    broken: bool = False  # a stored signature that no longer matches its hash

    @property
    def right(self) -> bool:
        """Even numbers sign in the right half."""
        return self.number % 2 == 0


def _lines(record: EventRecord, groups: list[tuple[Category, list[Attendee]]],
           with_checkins: bool = True) -> list[tuple[Category, list[_Line]]]:
    out = []
    number = 0
    for category, people in groups:
        rows = []
        for person in people:
            number += 1
            clock, strokes, pad, broken = "", None, (1, 1), False
            if with_checkins:
                checkin = record.checkins.get(person.id)
                if checkin is not None:
                    clock = checkin.checked_in_at.strftime("%H:%M")
                signature = record.signatures.get(person.id)
                if signature is not None:
                    if signature.intact:
                        strokes = signature.strokes
                        pad = (signature.pad_width, signature.pad_height)
                    else:
                        broken = True
            rows.append(_Line(number, person, clock, strokes, pad, broken))
        out.append((category, rows))
    return out


@dataclass(frozen=True)
class _Tally:
    label: str
    invited: int
    present: int
    missing: int
    walk_ins: int
    signed: int

    @property
    def came(self) -> int:
        return self.present + self.walk_ins


SUMMARY_HEADINGS = ("No", "Kategori", "Diundang", "Hadir", "Tidak Hadir", "Tanpa Undangan",
                    "Jumlah Hadir", "Menandatangani")


def _tallies(record: EventRecord) -> tuple[list[_Tally], _Tally]:
    """Per category (every category, in order) and the totals; from record.counts."""
    signed: dict[Category, int] = dict.fromkeys(Category, 0)
    for person in record.attendees:
        if person.id in record.signatures:
            signed[person.category] += 1
    rows = []
    for category in Category:
        c = record.counts.by_category.get(category)
        if c is None:
            rows.append(_Tally(category.label, 0, 0, 0, 0, signed[category]))
        else:
            rows.append(_Tally(category.label, c.invited, c.present, c.missing, c.walk_ins,
                               signed[category]))
    total = record.counts
    return rows, _Tally("Jumlah", total.invited, total.present, total.missing, total.walk_ins,
                        sum(signed.values()))


def _tally_values(t: _Tally) -> tuple[int, int, int, int, int, int]:
    return (t.invited, t.present, t.missing, t.walk_ins, t.came, t.signed)


def _report(progress: Progress, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


def _ink_fit(strokes, pad_w: float, pad_h: float, w: float, h: float,
             max_zoom: float = 2.5) -> tuple[float, float, float]:
    """(scale, ox, oy) mapping pad points (y down) into a w x h box so that the ink's bounding
    box (grown by half the widest pen) is centred and as large as fits: a pad point (px, py)
    lands at (ox + px * scale, oy + py * scale). Pen widths stay proportional (they follow the
    pad's width times the scale). A small scribble is enlarged at most ``max_zoom`` times as much
    as the whole pad would be."""
    xs = [point[0] for stroke in strokes for point in stroke]
    ys = [point[1] for stroke in strokes for point in stroke]
    if xs:
        x0, y0, x1, y1 = min(xs), min(ys), max(xs), max(ys)
    else:
        x0, y0, x1, y1 = 0.0, 0.0, float(pad_w), float(pad_h)
    margin = line_width(1.0, pad_w) / 2
    x0, y0, x1, y1 = x0 - margin, y0 - margin, x1 + margin, y1 + margin
    bw, bh = max(x1 - x0, 1e-6), max(y1 - y0, 1e-6)
    scale = min(w / bw, h / bh, max_zoom * min(w / pad_w, h / pad_h))
    return scale, (w - bw * scale) / 2 - x0 * scale, (h - bh * scale) / 2 - y0 * scale


def _draw_signature(c: Canvas, strokes, pad_w: float, pad_h: float, x: float, y: float,
                    w: float, h: float) -> None:
    """The signature as vector paths, its ink fitted into the box (x, y, w, h) (PDF points,
    origin bottom-left), through :func:`pledges.strokes.draw_on_canvas`."""
    scale, ox, oy = _ink_fit(strokes, pad_w, pad_h, w, h)
    # draw_on_canvas fits the whole pad into its box: give it the box the pad fills at this
    # scale, placed so that the ink lands in ours.
    draw_on_canvas(c, strokes, pad_w, pad_h, x + ox, y + h - oy - pad_h * scale,
                   pad_w * scale, pad_h * scale)


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
    scale, dx, dy = _ink_fit(strokes, pad_w, pad_h, big_w, big_h)
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


def _logo_png(data: bytes | None, height_px: int) -> tuple[bytes, tuple[int, int]] | None:
    """The event's logo as a PNG ``height_px`` high and its size, or None when there is none
    or it is not a readable image."""
    if not data:
        return None
    from PIL import Image

    try:
        with Image.open(BytesIO(data)) as image:
            image.load()
            image = image.convert("RGBA")
            width = max(1, round(image.width * height_px / image.height))
            image = image.resize((width, height_px), Image.Resampling.LANCZOS)
            buffer = BytesIO()
            image.save(buffer, format="PNG")
            return buffer.getvalue(), image.size
    except Exception:  # Pillow raises many kinds of error on a broken image
        return None


# --- the workbook ----------------------------------------------------------------------------

# (heading, width in characters) of the main sheet; the signature's two halves are I and J.
XLSX_COLUMNS = (("No", 5), ("Nama", 30), ("NIP", 21), ("Gol.", 7), ("Jabatan", 26),
                ("Unit Kerja", 28), ("Kategori", 20), ("Jam Hadir", 8),
                ("Tanda Tangan", 19), ("", 19))
SIGN_LEFT_COL = 9  # I, 1-based
SIGN_RIGHT_COL = 10  # J
LAST_COL = "J"
PERSON_ROW_PT = 42.0
_EMU_PER_PX = 9525
_IMAGE_OFFSET_PX = (6, 3)  # from the cell's top left corner

def _named_styles():
    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    grey = PatternFill("solid", fgColor="D9D9D9")
    light = PatternFill("solid", fgColor="EFEFEF")
    font = "Arial"
    specs = {
        "letterhead": dict(font=Font(name=font, size=13, bold=True),
                           alignment=Alignment(horizontal="center", vertical="center")),
        "unit": dict(font=Font(name=font, size=12, bold=True),
                     alignment=Alignment(horizontal="center", vertical="center"),
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


class _Sheet:
    """A write-only sheet with a row counter and cells made from named styles."""

    def __init__(self, workbook, title: str, widths: Sequence[float], event: Event,
                 footer_left: str):
        """Column widths, frozen panes and the print setup come first: a write-only sheet
        writes them out with its first row."""
        self._cell_class = WriteOnlyCell
        self.ws = workbook.create_sheet(title)
        self.row = 0
        self.width = len(widths)
        self.last = get_column_letter(len(widths))
        for index, width in enumerate(widths, 1):
            self.ws.column_dimensions[get_column_letter(index)].width = width
        self.header = _header_row(event)
        self.ws.freeze_panes = f"A{self.header + 1}"
        self._print_setup(f"{self.header}:{self.header}", footer_left)

    def cell(self, value, style: str):
        cell = self._cell_class(self.ws, value)
        cell.style = f"Ikrar {style}"
        return cell

    def append(self, cells: Iterable, height: float | None = None) -> int:
        self.row += 1
        if height is not None:
            self.ws.row_dimensions[self.row].height = height
        self.ws.append(list(cells))
        return self.row

    def merged(self, value, style: str, first: str = "A", last: str | None = None,
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

    def blank(self, height: float | None = None) -> int:
        return self.append([], height)

    def _print_setup(self, title_rows: str, footer_left: str) -> None:
        ws = self.ws
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = 9  # A4 (Worksheet.PAPERSIZE_A4)
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0  # as many pages as it takes
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.horizontalCentered = True
        ws.page_margins.left = ws.page_margins.right = 0.5
        ws.page_margins.top = 0.6
        ws.page_margins.bottom = 0.7
        ws.page_margins.header = 0.3
        ws.page_margins.footer = 0.3
        ws.print_title_rows = title_rows  # the column headings on every page
        ws.oddFooter.left.text = _footer_text(footer_left)
        ws.oddFooter.left.size = 8
        ws.oddFooter.right.text = "Halaman &P dari &N"
        ws.oddFooter.right.size = 8


def _key_note(record: EventRecord) -> str:
    """" \u00b7 Kunci segel ABCD-EFGH-IJKL-MNOP": the organizer's seal key, on every page."""
    if not record.seal_keys:
        return ""
    from pledges.keys import format_fingerprint

    return " \u00b7 Kunci segel " + ", ".join(format_fingerprint(k) for k in record.seal_keys)


def _footer_text(text: str, limit: int = 100) -> str:
    """A header/footer part: Excel refuses (repairs) more than 255 characters in all, and "&"
    starts a code."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "\u2026"
    return text.replace("&", "&&")


def _header_row(event: Event) -> int:
    """The row of the column headings under :func:`_title_block`."""
    return max(1, len(_letterhead(event))) + 9


def _title_block(sheet: _Sheet, event: Event, title: str) -> None:
    """Letterhead, title, event and the Hari/Tanggal, Waktu, Tempat lines; the next row is
    ``sheet.header``."""
    heads = _letterhead(event)
    for index, line in enumerate(heads):
        last_line = index == len(heads) - 1
        sheet.merged(line, "unit" if last_line else "letterhead", height=22)
    if not heads:
        sheet.blank()
    sheet.blank(8)
    sheet.merged(title, "title", height=22)
    sheet.merged(event.name, "event", height=32 if len(event.name) > 90 else 18)
    sheet.blank(8)
    for label, value in _details(event):
        # the label right-aligned against its colon, so that the colons line up
        number = sheet.append([sheet.cell(label, "detail_label"), None,
                               sheet.cell(f": {value}", "label")])
        sheet.ws.merged_cells.add(f"A{number}:B{number}")
    sheet.blank(8)
    assert sheet.row + 1 == sheet.header
    logo = _logo_png(event.logo, 60)
    if logo is not None:
        _add_image(sheet.ws, logo[0], 0, 0, (6, 2), logo[1])


class _PngImage(XlsxImage):
    """An openpyxl image from PNG bytes made here, whose size is known: openpyxl's own
    ``Image`` opens the data with Pillow once to measure it and again when saving, a tenth of
    the time for 2,000 signatures."""

    def __init__(self, data: bytes, size: tuple[int, int]):  # no super(): that is the Pillow
        self.ref = data
        self.width, self.height = size
        self.format = "png"

    def _data(self) -> bytes:
        return self.ref


def _add_image(ws, png: bytes, row0: int, col0: int, offset_px: tuple[int, int],
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
    sheet.blank()
    sheet.merged(place_and_date(event.city, event.event_date), "footer", first)
    title = official.title or "Pejabat Penanggung Jawab"
    sheet.merged(f"{title},", "footer", first, height=15 if len(title) < 60 else 28)
    sheet.blank(48)  # room for the signature in ink
    sheet.merged(official.name or "(" + "." * 40 + ")", "footer_name", first)
    nip = format_nip(official.nip)
    sheet.merged(f"NIP. {nip}" if nip else "NIP. " + "." * 30, "footer", first)


def _person_cells(sheet: _Sheet, line: _Line) -> list:
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
        sheet.cell(_unit(person), "cell"),
        sheet.cell(_category_text(person), "cell"),
        sheet.cell(line.time, "centre"),
        left,
        right,
    ]


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
    present = _lines(record, record.by_category(record.present()))
    absent = _lines(record, record.by_category(record.absent()), with_checkins=False)
    total = sum(len(rows) for _, rows in present) + sum(len(rows) for _, rows in absent) + 1
    _report(progress, 0, total)

    workbook = Workbook(write_only=True)
    try:
        _fill_workbook(workbook, record, present, absent, progress, total)
        buffer = BytesIO()
        workbook.save(buffer)
    except BaseException:
        _discard(workbook)
        raise
    _report(progress, total, total)
    return buffer.getvalue()


def _discard(workbook) -> None:
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


def _fill_workbook(workbook, record: EventRecord, present: list[tuple[Category, list[_Line]]],
                   absent: list[tuple[Category, list[_Line]]], progress: Progress,
                   total: int) -> None:
    event = record.event
    done = 0
    for style in _named_styles():
        workbook.add_named_style(style)

    # -- Daftar Hadir
    sheet = _Sheet(workbook, SHEET_MAIN, [w for _, w in XLSX_COLUMNS], event,
                   f"Daftar Hadir \u2013 {event.name}")
    if record.seal_keys:
        sheet.ws.oddFooter.center.text = _footer_text(_key_note(record).strip(" \u00b7"))
        sheet.ws.oddFooter.center.size = 8
    _title_block(sheet, event, TITLE)
    header = _heading_row(sheet, [h for h, _ in XLSX_COLUMNS])
    sheet.ws.merged_cells.add(f"I{header}:J{header}")
    shown_w, shown_h = IMAGE_SHOWN_PX
    for category, rows in present:
        _group_row(sheet, f"{category.label} \u2013 {len(rows)} orang")
        for line in rows:
            number = sheet.append(_person_cells(sheet, line), PERSON_ROW_PT)
            if line.strokes:
                png = _signature_png(line.strokes, *line.pad)
                col = SIGN_RIGHT_COL if line.right else SIGN_LEFT_COL
                _add_image(sheet.ws, png, number - 1, col - 1, _IMAGE_OFFSET_PX,
                           (shown_w, shown_h))
            done += 1
            _report(progress, done, total)
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
    absent_columns = XLSX_COLUMNS[:7]
    sheet = _Sheet(workbook, SHEET_ABSENT, [w for _, w in absent_columns], event,
                   f"Tidak Hadir \u2013 {event.name}")
    _title_block(sheet, event, "DAFTAR UNDANGAN TIDAK HADIR")
    _heading_row(sheet, [h for h, _ in absent_columns])
    for category, rows in absent:
        _group_row(sheet, f"{category.label} \u2013 {len(rows)} orang")
        for line in rows:
            sheet.append(_person_cells(sheet, line)[:7], 30)
            done += 1
            _report(progress, done, total)
    if not absent:
        sheet.merged("Semua undangan hadir.", "note")

    # -- Rekap
    sheet = _Sheet(workbook, SHEET_SUMMARY, [5, 34, 12, 12, 12, 15, 14, 16], event,
                   f"Rekap Kehadiran \u2013 {event.name}")
    _title_block(sheet, event, "REKAPITULASI KEHADIRAN")
    _heading_row(sheet, SUMMARY_HEADINGS)
    tallies, totals = _tallies(record)
    for index, tally in enumerate(tallies, 1):
        sheet.append([sheet.cell(index, "number"), sheet.cell(tally.label, "cell"),
                      *[sheet.cell(v, "number") for v in _tally_values(tally)]], 18)
    sheet.append([sheet.cell(None, "total_label"), sheet.cell(totals.label, "total_label"),
                  *[sheet.cell(v, "total") for v in _tally_values(totals)]], 18)
    sheet.blank()
    sheet.merged("Hadir: undangan yang hadir; Tanpa Undangan: hadir tanpa ada di daftar "
                 "undangan; Jumlah Hadir = Hadir + Tanpa Undangan.", "note")
    _footer_block(sheet, event, first="E")


# --- the PDFs --------------------------------------------------------------------------------

_MM = 72 / 25.4
PAGE_W, PAGE_H = 297 * _MM, 210 * _MM
MARGIN_X = 12 * _MM
MARGIN_TOP = 11 * _MM
MARGIN_BOTTOM = 14 * _MM
CONTENT_W = PAGE_W - 2 * MARGIN_X
PAD = 1.4 * _MM
ROW_H = 10.5 * _MM
GROUP_H = 6 * _MM
HEAD_H = 8 * _MM
SUM_ROW_H = 5.5 * _MM
SUM_HEAD_H = 8 * _MM
FOOTER_BLOCK_H = 42 * _MM
TEXT_SIZES = (8.0, 6.5)
GREY_FILL = (0.85, 0.85, 0.85)
LIGHT_FILL = (0.94, 0.94, 0.94)
LABEL_GREY = (0.35, 0.35, 0.35)

# (heading, width in mm, alignment); the signature column last.
PDF_COLUMNS = (("No", 9, "center"), ("Nama", 46, "left"), ("NIP", 37, "center"),
               ("Gol.", 12, "center"), ("Jabatan", 40, "left"), ("Unit Kerja", 41, "left"),
               ("Kategori", 28, "left"), ("Jam Hadir", 13, "center"),
               ("Tanda Tangan", 47, "sign"))
BLANK_COLUMNS = (*PDF_COLUMNS[:7], ("Tanda Tangan", 60, "sign"))
BLANK_EXTRA_ROWS = 10  # empty numbered rows for walk-ins on the paper list


_HEADINGS = ("group", "extra_heading")
_TABLE = ("group", "extra_heading", "person")


@dataclass
class _Item:
    kind: str  # "group", "person", "extra_heading", "summary", "footer"
    height: float
    text: str = ""
    line: _Line | None = None


class _PdfList:
    """One Daftar Hadir PDF: the first page carries the letterhead, every page a short title
    line and the column headings, the last the counts and the footer signature block."""

    def __init__(self, record: EventRecord, columns: Sequence[tuple[str, float, str]],
                 blank: bool):
        self.record = record
        self.event = record.event
        self.blank = blank
        self.columns = [(h, w * _MM, a) for h, w, a in columns]
        scale = CONTENT_W / sum(w for _, w, _ in self.columns)
        self.columns = [(h, w * scale, a) for h, w, a in self.columns]

    # -- pagination

    def first_header_height(self) -> float:
        height = 0.0
        if _letterhead(self.event) or self.event.logo:
            height += 22 * _MM
        height += 8 * _MM  # title
        height += self._event_name().height + 2 * _MM
        height += 3 * 5 * _MM + 3 * _MM
        return height

    def _event_name(self):
        return fit(self.event.name, SANS_BOLD, CONTENT_W * 0.8, (11, 8), 2)

    def later_header_height(self) -> float:
        return 8 * _MM

    def paginate(self, items: list[_Item]) -> list[list[_Item]]:
        """Items to pages. A page whose first item is a table row has the column headings;
        one that starts with the counts or the footer (the table ended) has none."""
        pages: list[list[_Item]] = [[]]
        room = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM - self.first_header_height() - HEAD_H
        later = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM - self.later_header_height()
        for index, item in enumerate(items):
            need = item.height
            if item.kind in _HEADINGS and index + 1 < len(items):
                need += items[index + 1].height  # never a heading alone at a page's foot
            if need > room and pages[-1]:
                pages.append([])
                room = later - (HEAD_H if item.kind in _TABLE else 0)
            pages[-1].append(item)
            room -= item.height
        return pages

    # -- drawing

    def draw(self, groups: list[tuple[Category, list[_Line]]], progress: Progress) -> bytes:
        register_fonts()
        items: list[_Item] = []
        for category, rows in groups:
            count = f"{len(rows)} orang" if not self.blank else f"{len(rows)} undangan"
            items.append(_Item("group", GROUP_H, f"{category.label} \u2013 {count}"))
            items.extend(_Item("person", ROW_H, line=line) for line in rows)
        number = sum(len(rows) for _, rows in groups)
        if self.blank:
            items.append(_Item("extra_heading", GROUP_H,
                               "Tambahan (hadir tanpa undangan) \u2013 diisi tangan"))
            for _ in range(BLANK_EXTRA_ROWS):
                number += 1
                person = Attendee(name="", category=Category.TAMU)
                items.append(_Item("person", ROW_H, line=_Line(number, person, "", None,
                                                                (1, 1))))
        tallies, totals = _tallies(self.record)
        items.append(_Item("summary", (len(tallies) + 2) * SUM_ROW_H + SUM_HEAD_H + 12 * _MM))
        items.append(_Item("footer", FOOTER_BLOCK_H))
        pages = self.paginate(items)
        people = sum(1 for item in items if item.kind == "person")
        done = 0
        _report(progress, done, people + 1)

        buffer = BytesIO()
        canvas = Canvas(buffer, pagesize=(PAGE_W, PAGE_H), pageCompression=1)
        title = f"Daftar Hadir \u2013 {self.event.name}"
        canvas.setTitle(title if not self.blank else f"{title} (blanko)")
        canvas.setAuthor(self.event.organizer_unit or self.event.institution or "Ikrar")
        canvas.setCreator("Ikrar")
        for page_number, page in enumerate(pages, 1):
            if page_number == 1:
                top = self._draw_first_header(canvas)
            else:
                top = self._draw_later_header(canvas)
            if page_number == 1 or page[0].kind in _TABLE:
                y = self._draw_column_heads(canvas, top)
            else:
                y = top
            for item in page:
                if item.kind in ("group", "extra_heading"):
                    self._draw_group(canvas, y, item.text)
                elif item.kind == "person":
                    self._draw_person(canvas, y, item.line)
                    done += 1
                    _report(progress, done, people + 1)
                elif item.kind == "summary":
                    self._draw_summary(canvas, y - 8 * _MM, tallies, totals)
                elif item.kind == "footer":
                    self._draw_footer(canvas, y)
                y -= item.height
            self._draw_page_footer(canvas, page_number, len(pages))
            canvas.showPage()
        canvas.save()
        _report(progress, people + 1, people + 1)
        return buffer.getvalue()

    def _draw_first_header(self, c) -> float:
        event = self.event
        top = PAGE_H - MARGIN_TOP
        heads = _letterhead(event)
        if heads or event.logo:
            logo = _logo_png(event.logo, 160)
            if logo is not None:
                from reportlab.lib.utils import ImageReader

                reader = ImageReader(BytesIO(logo[0]))
                w, h = reader.getSize()
                shown_h = 18 * _MM
                c.drawImage(reader, MARGIN_X + 4 * _MM, top - shown_h - 1 * _MM,
                            shown_h * w / h, shown_h, mask="auto")
            sizes = [(14, 10), (12, 9)]
            y = top - 2 * _MM
            for index, line in enumerate(heads[:2]):
                font_sizes = sizes[index]
                fitted = fit(line, SANS_BOLD, CONTENT_W - 60 * _MM, font_sizes, 1)
                c.setFont(SANS_BOLD, fitted.size)
                y -= fitted.size * 1.1
                c.drawCentredString(PAGE_W / 2, y, fitted.lines[0])
                y -= 2.5 * _MM
            rule = top - 21 * _MM
            c.setLineWidth(1.6)
            c.line(MARGIN_X, rule, PAGE_W - MARGIN_X, rule)
            c.setLineWidth(0.5)
            c.line(MARGIN_X, rule - 1.2, PAGE_W - MARGIN_X, rule - 1.2)
            top -= 22 * _MM
        c.setFont(SANS_BOLD, 13)
        c.drawCentredString(PAGE_W / 2, top - 6 * _MM,
                            TITLE if not self.blank else f"{TITLE} (BLANKO)")
        top -= 8 * _MM
        name = self._event_name()
        c.setFont(SANS_BOLD, name.size)
        y = top - name.size
        for line in name.lines:
            c.drawCentredString(PAGE_W / 2, y, line)
            y -= name.leading
        top -= name.height + 2 * _MM
        label_w = 28 * _MM
        for label, value in _details(event):
            c.setFont(SANS, 9)
            c.drawString(MARGIN_X, top - 3.6 * _MM, label)
            text = clip(f": {value}", SANS, 9, CONTENT_W - label_w)
            c.drawString(MARGIN_X + label_w, top - 3.6 * _MM, text)
            top -= 5 * _MM
        return top - 3 * _MM

    def _draw_later_header(self, c) -> float:
        top = PAGE_H - MARGIN_TOP
        date = format_long_date(self.event.event_date)
        c.setFont(SANS, 8.5)
        date_w = text_width(date, SANS, 8.5)
        c.drawRightString(PAGE_W - MARGIN_X, top - 4 * _MM, date)
        head = f"{TITLE} \u2013 {self.event.name}"
        c.setFont(SANS_BOLD, 8.5)
        c.drawString(MARGIN_X, top - 4 * _MM,
                     clip(head, SANS_BOLD, 8.5, CONTENT_W - date_w - 8 * _MM))
        return top - self.later_header_height()

    def _draw_column_heads(self, c, top: float) -> float:
        x = MARGIN_X
        c.setFillColorRGB(*GREY_FILL)
        c.rect(MARGIN_X, top - HEAD_H, CONTENT_W, HEAD_H, stroke=0, fill=1)
        c.setFillColorRGB(0, 0, 0)
        c.setLineWidth(0.5)
        for heading, width, _ in self.columns:
            c.rect(x, top - HEAD_H, width, HEAD_H, stroke=1, fill=0)
            fitted = fit(heading, SANS_BOLD, width - 2 * PAD, (8, 6.5), 2)
            y = top - (HEAD_H - fitted.height) / 2 - fitted.size * 0.92
            c.setFont(SANS_BOLD, fitted.size)
            for line in fitted.lines:
                c.drawCentredString(x + width / 2, y, line)
                y -= fitted.leading
            x += width
        return top - HEAD_H

    def _draw_group(self, c, top: float, text: str) -> None:
        c.setFillColorRGB(*LIGHT_FILL)
        c.setLineWidth(0.5)
        c.rect(MARGIN_X, top - GROUP_H, CONTENT_W, GROUP_H, stroke=1, fill=1)
        c.setFillColorRGB(0, 0, 0)
        c.setFont(SANS_BOLD, 8.5)
        c.drawString(MARGIN_X + PAD, top - GROUP_H + 1.9 * _MM,
                     clip(text, SANS_BOLD, 8.5, CONTENT_W - 2 * PAD))

    def _cell_texts(self, line: _Line) -> list[str]:
        person = line.person
        if not person.name:  # an empty row for a walk-in on the paper list
            return [str(line.number)] + [""] * (len(self.columns) - 2)
        texts = [str(line.number), person.name, format_nip(person.nip), person.golongan,
                 person.jabatan, _unit(person), _category_text(person)]
        if not self.blank:
            texts.append(line.time)
        return texts

    def _draw_person(self, c, top: float, line: _Line) -> None:
        x = MARGIN_X
        c.setLineWidth(0.5)
        c.setStrokeColorRGB(0, 0, 0)
        texts = self._cell_texts(line)
        for (heading, width, align), text in zip(self.columns, [*texts, None], strict=True):
            c.rect(x, top - ROW_H, width, ROW_H, stroke=1, fill=0)
            if align == "sign":
                self._draw_sign_cell(c, x, top, width, line)
            elif text:
                lines = 1 if heading in ("No", "NIP", "Gol.", "Jam Hadir") else 3
                fitted = fit(text, SANS, width - 2 * PAD, TEXT_SIZES, lines,
                             max_height=ROW_H - 1.5 * PAD)
                y = top - (ROW_H - fitted.height) / 2 - fitted.size * 0.93
                c.setFillColorRGB(0, 0, 0)
                c.setFont(SANS, fitted.size)
                for part in fitted.lines:
                    if align == "center":
                        c.drawCentredString(x + width / 2, y, part)
                    else:
                        c.drawString(x + PAD, y, part)
                    y -= fitted.leading
            x += width

    def _draw_sign_cell(self, c, x: float, top: float, width: float, line: _Line) -> None:
        """Odd numbers in the left half, even in the right, each half labelled "n. ....."."""
        half = width / 2
        left = x + (half if line.right else 0)
        room = half - 1.4 * PAD
        if line.broken:
            label = clip(f"{line.number}. (tidak utuh)", SANS, 6.5, room)
        else:
            label = f"{line.number}. "
            dots = int((room - text_width(label, SANS, 6.5)) // text_width(".", SANS, 6.5))
            label += "." * max(3, dots)
        c.setFillColorRGB(*LABEL_GREY)
        c.setFont(SANS, 6.5)
        c.drawString(left + PAD * 0.7, top - ROW_H + 1.3 * _MM, label)
        if line.strokes:
            # above the label's line, which stays readable
            _draw_signature(c, line.strokes, line.pad[0], line.pad[1], left + PAD,
                            top - ROW_H + 3.0 * _MM, half - 2 * PAD, ROW_H - 3.7 * _MM)
        c.setFillColorRGB(0, 0, 0)

    def _draw_summary(self, c, top: float, tallies: list[_Tally], totals: _Tally) -> None:
        c.setFont(SANS_BOLD, 9)
        c.drawString(MARGIN_X, top + 2.2 * _MM, "Rekapitulasi kehadiran")
        widths = [w * _MM for w in (9, 48, 20, 20, 20, 22, 20, 30)]
        headings = SUMMARY_HEADINGS
        rows: list[list[str]] = []
        for index, tally in enumerate(tallies, 1):
            values = [str(v) for v in _tally_values(tally)]
            if self.blank:  # the invited count only: the rest is counted by hand
                values = [values[0]] + [""] * 5
            rows.append([str(index), tally.label, *values])
        values = [str(v) for v in _tally_values(totals)]
        if self.blank:
            values = [values[0]] + [""] * 5
        rows.append(["", totals.label, *values])
        y = top
        c.setLineWidth(0.5)
        for r, cells in enumerate([list(headings), *rows]):
            bold = r == 0 or r == len(rows)
            height = SUM_HEAD_H if r == 0 else SUM_ROW_H
            if bold:
                c.setFillColorRGB(*GREY_FILL)
                c.rect(MARGIN_X, y - height, sum(widths), height, stroke=0, fill=1)
                c.setFillColorRGB(0, 0, 0)
            x = MARGIN_X
            font = SANS_BOLD if bold else SANS
            for col, (text, width) in enumerate(zip(cells, widths, strict=True)):
                c.rect(x, y - height, width, height, stroke=1, fill=0)
                fitted = fit(text, font, width - 2 * PAD, (7.5, 6), 2 if r == 0 else 1)
                c.setFont(font, fitted.size)
                line_y = y - (height - fitted.height) / 2 - fitted.size * 0.93
                for part in fitted.lines:
                    if col == 1 and r > 0:
                        c.drawString(x + PAD, line_y, part)
                    else:
                        c.drawCentredString(x + width / 2, line_y, part)
                    line_y -= fitted.leading
                x += width
            y -= height

    def _draw_footer(self, c, top: float) -> None:
        official = responsible_official(self.event)
        width = 95 * _MM
        x = PAGE_W - MARGIN_X - width
        centre = x + width / 2
        c.setFillColorRGB(0, 0, 0)
        c.setFont(SANS, 9)
        y = top - 6 * _MM
        c.drawCentredString(centre, y, clip(place_and_date(self.event.city,
                                                           self.event.event_date),
                                            SANS, 9, width))
        title = fit(f"{official.title or 'Pejabat Penanggung Jawab'},", SANS, width, (9, 7), 2)
        y -= 4.5 * _MM
        c.setFont(SANS, title.size)
        for part in title.lines:
            c.drawCentredString(centre, y, part)
            y -= title.leading
        y = top - 34 * _MM
        name = official.name or "(" + "." * 45 + ")"
        name = clip(name, SANS_BOLD, 9, width)
        c.setFont(SANS_BOLD, 9)
        c.drawCentredString(centre, y, name)
        if official.name:
            name_w = text_width(name, SANS_BOLD, 9)
            c.setLineWidth(0.6)
            c.line(centre - name_w / 2, y - 1.2, centre + name_w / 2, y - 1.2)
        nip = format_nip(official.nip)
        c.setFont(SANS, 9)
        c.drawCentredString(centre, y - 4.5 * _MM, f"NIP. {nip}" if nip else "NIP. " + "." * 30)

    def _draw_page_footer(self, c, page: int, pages: int) -> None:
        y = MARGIN_BOTTOM - 6.5 * _MM
        c.setFillColorRGB(*LABEL_GREY)
        c.setFont(SANS, 7)
        c.drawRightString(PAGE_W - MARGIN_X, y, f"Halaman {page} dari {pages}")
        kind = "Daftar Hadir (blanko)" if self.blank else "Daftar Hadir"
        text = f"{kind} \u2013 {self.event.name}" + _key_note(self.record)
        c.drawString(MARGIN_X, y, clip(text, SANS, 7, CONTENT_W - 40 * _MM))
        c.setFillColorRGB(0, 0, 0)


def build_attendance_pdf(record: EventRecord, progress: Progress = None) -> bytes:
    """The Daftar Hadir as a printable A4 landscape PDF: who came, by category, with their
    signatures drawn as vector paths; the counts and the footer signature block at the end."""
    groups = _lines(record, record.by_category(record.present()))
    return _PdfList(record, PDF_COLUMNS, blank=False).draw(groups, progress)


def build_attendance_blank_pdf(record: EventRecord, progress: Progress = None) -> bytes:
    """The paper fallback: every invited person on the roster, by category, with empty,
    numbered signature cells and no check-in times; ten empty rows for walk-ins at the end."""
    invited = [person for person in record.attendees if person.invited]
    groups = _lines(record, record.by_category(invited), with_checkins=False)
    return _PdfList(record, BLANK_COLUMNS, blank=True).draw(groups, progress)


# --- files -----------------------------------------------------------------------------------

def write_attendance_xlsx(path: str | os.PathLike[str], record: EventRecord,
                          progress: Progress = None) -> Path:
    return write_atomically(path, build_attendance_xlsx(record, progress))


def write_attendance_pdf(path: str | os.PathLike[str], record: EventRecord,
                         progress: Progress = None) -> Path:
    return write_atomically(path, build_attendance_pdf(record, progress))


def write_attendance_blank_pdf(path: str | os.PathLike[str], record: EventRecord,
                               progress: Progress = None) -> Path:
    return write_atomically(path, build_attendance_blank_pdf(record, progress))
