"""The Daftar Hadir as a printable A4 landscape PDF, and the empty paper form to fall back on.
See pledges.documents.attendance_xlsx for the choices both forms share."""


from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from events.categories import Category
from events.dates import format_date, format_long_date, place_and_date
from events.ids import format_nip
from events.model import Attendee
from events.numbering import document_number
from pledges.documents import pdfa
from pledges.documents.attendance_rows import (
    SUMMARY_HEADINGS,
    TITLE,
    PersonLine,
    Tally,
    category_tallies,
    category_text,
    draw_fitted_signature,
    event_details,
    person_lines,
    report_progress,
    responsible_official,
    tally_values,
    time_heading,
    unit_of,
)
from pledges.documents.letterhead import Letterhead
from pledges.documents.letterhead import Style as LetterheadStyle
from pledges.documents.record import EventRecord
from pledges.documents.toolkit import (
    SANS,
    SANS_BOLD,
    FittedText,
    Progress,
    clip,
    document_info,
    fit,
    register_fonts,
    text_width,
    wrap,
)
from pledges.files import write_atomically

__all__ = [
    "build_attendance_blank_pdf",
    "build_attendance_pdf",
    "write_attendance_blank_pdf",
    "write_attendance_pdf",
]



# --- the PDFs --------------------------------------------------------------------------------

_MM = 72 / 25.4
PAGE_W, PAGE_H = 297 * _MM, 210 * _MM
MARGIN_X = 12 * _MM
MARGIN_TOP = 11 * _MM
MARGIN_BOTTOM = 14 * _MM
CONTENT_W = PAGE_W - 2 * MARGIN_X
ATTACHMENT_W = 90 * _MM  # the "Lampiran Berita Acara" lines at the top right
PAD = 1.4 * _MM
ROW_H = 10.5 * _MM
GROUP_H = 6 * _MM
HEAD_H = 8 * _MM
SUM_ROW_H = 5.5 * _MM
SUM_HEAD_H = 8 * _MM
FOOTER_BLOCK_H = 42 * _MM  # with the official's name and title on one line each
FOOTER_W = 95 * _MM
DETAIL_LABEL_W = 28 * _MM
TEXT_SIZE = 8.0  # the table's text: wrapped, never shrunk
GREY_FILL = (0.85, 0.85, 0.85)
LIGHT_FILL = (0.94, 0.94, 0.94)
LABEL_GREY = (0.35, 0.35, 0.35)

# (heading, width in mm, alignment); the signature column last.
# "Jam Hadir" is headed with the event's zone ("Jam Hadir (WIB)"); its cell also says when a
# check-in was on another day than the event's.
# The NIP column holds "19860926 201505 1 001" on one line at the body size.
PDF_COLUMNS = (("No", 9, "center"), ("Nama", 48, "left"),
               ("NIP / NI PPPK", 41, "center"),
               ("Gol.", 11, "center"), ("Jabatan", 36, "left"), ("Unit Kerja", 37, "left"),
               ("Kategori", 25, "left"), ("Jam Hadir", 20, "center"),
               ("Tanda Tangan", 43, "sign"))
BLANK_COLUMNS = (*PDF_COLUMNS[:7], ("Tanda Tangan", 60, "sign"))
LETTERHEAD = LetterheadStyle(logo=18 * _MM, sizes=(14.0, 10.0), sub_sizes=(12.0, 9.0),
                             max_lines=1, leading=1.3, rule_gap=3 * _MM,
                             rules=(1.6, 0.5, 1.2))
BLANK_EXTRA_ROWS = 10  # empty numbered rows for walk-ins on the paper list


_HEADINGS = ("group", "extra_heading")
_TABLE = ("group", "extra_heading", "person")


@dataclass
class _Item:
    kind: str  # "group", "person", "extra_heading", "summary", "footer"
    height: float
    text: str = ""
    line: PersonLine | None = None


class _PdfList:
    """One Daftar Hadir PDF: the first page carries the letterhead, every page a short title
    line and the column headings, the last the counts and the footer signature block."""

    def __init__(self, record: EventRecord, columns: Sequence[tuple[str, float, str]],
                 blank: bool):
        self.record = record
        self.event = record.event
        self.blank = blank
        self.columns = [(time_heading(record.event) if h == "Jam Hadir" else h, w * _MM, a)
                        for h, w, a in columns]
        scale = CONTENT_W / sum(w for _, w, _ in self.columns)
        self.columns = [(h, w * scale, a) for h, w, a in self.columns]

    # -- pagination

    def first_header_height(self) -> float:
        height = 0.0
        head = self._letterhead()
        if not head.empty:
            height += head.body + LETTERHEAD.rule_gap + 1 * _MM
        height += self._attachment_height()
        height += 8 * _MM  # title
        height += self._event_name().height + 2 * _MM
        height += sum(self._detail_height(value) for _, value in self._details()) + 3 * _MM
        return height

    def _attachment(self) -> list[tuple[str, str]]:
        """(label, text) lines at the top right of the first page saying whose lampiran the
        list is, as a lampiran of an official letter does: "Lampiran Berita Acara", its number
        (the first of the event's numbering scheme) and date, the colons aligned; none when the
        event numbers nothing."""
        number = document_number(self.event.number_scheme, self.event.number_start)
        if number is None:
            return []
        lines = [("Lampiran Berita Acara", "")]
        for label, value in (("Nomor", number), ("Tanggal", format_date(self.event.event_date))):
            parts = wrap(f": {value}", SANS, 8.5, ATTACHMENT_W) or [""]
            lines += [(label if i == 0 else "", part) for i, part in enumerate(parts)]
        return lines

    def _attachment_height(self) -> float:
        lines = self._attachment()
        return len(lines) * 10.5 + 2 * _MM if lines else 0.0

    def _draw_attachment(self, c: Canvas, top: float) -> float:
        lines = self._attachment()
        if not lines:
            return top
        c.setFont(SANS, 8.5)
        label_w = text_width("Tanggal ", SANS, 8.5)
        width = max(text_width(lines[0][0], SANS, 8.5),
                    *(label_w + text_width(text, SANS, 8.5) for _, text in lines[1:]))
        x = PAGE_W - MARGIN_X - width
        for i, (label, text) in enumerate(lines, 1):
            y = top - i * 10.5 + 2
            c.drawString(x, y, label)
            if text:
                c.drawString(x + label_w, y, text)
        return top - self._attachment_height()

    def _details(self) -> list[tuple[str, FittedText]]:
        """Hari/Tanggal, Waktu, Tempat: each value wrapped under itself, never cut."""
        return [(label, fit(f": {value}", SANS, CONTENT_W - DETAIL_LABEL_W, (9, 9), 10_000))
                for label, value in event_details(self.event)]

    @staticmethod
    def _detail_height(value: FittedText) -> float:
        return max(5 * _MM, value.height + 1.4 * _MM)

    def _letterhead(self) -> Letterhead:
        return Letterhead(self.event, CONTENT_W, LETTERHEAD)

    def _event_name(self) -> FittedText:
        """The event's name under the title: up to two lines at 11 to 9 pt, a longer one
        wrapped whole at 9 pt (never cut)."""
        name = fit(self.event.name, SANS_BOLD, CONTENT_W * 0.8, (11, 9), 2)
        if name.complete:
            return name
        return fit(self.event.name, SANS_BOLD, CONTENT_W * 0.8, (9, 9), 10_000)

    def _running_head(self) -> FittedText:
        """ "DAFTAR HADIR – <event>" on every later page, wrapped beside the date, never cut."""
        date_w = text_width(format_long_date(self.event.event_date), SANS, 8.5)
        return fit(f"{TITLE} \u2013 {self.event.name}", SANS_BOLD, CONTENT_W - date_w - 8 * _MM,
                   (8.5, 8.5), 10_000)

    def later_header_height(self) -> float:
        return 4 * _MM + self._running_head().height + 1 * _MM

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

    def draw(self, groups: list[tuple[Category, list[PersonLine]]], progress: Progress) -> bytes:
        register_fonts()
        items: list[_Item] = []
        for category, rows in groups:
            count = f"{len(rows)} orang" if not self.blank else f"{len(rows)} undangan"
            items.append(_Item("group", GROUP_H, f"{category.label} \u2013 {count}"))
            items.extend(_Item("person", self.row_height(line), line=line) for line in rows)
        number = sum(len(rows) for _, rows in groups)
        if self.blank:
            items.append(_Item("extra_heading", GROUP_H,
                               "Tambahan (hadir tanpa undangan) \u2013 diisi tangan"))
            for _ in range(BLANK_EXTRA_ROWS):
                number += 1
                person = Attendee(name="", category=Category.TAMU)
                items.append(_Item("person", ROW_H, line=PersonLine(number, person, "", None,
                                                                (1, 1))))
        tallies, totals = category_tallies(self.record)
        items.append(_Item("summary", (len(tallies) + 2) * SUM_ROW_H + SUM_HEAD_H + 12 * _MM))
        items.append(_Item("footer", self.footer_height()))
        pages = self.paginate(items)
        people = sum(1 for item in items if item.kind == "person")
        done = 0
        report_progress(progress, done, people + 1)

        buffer = BytesIO()
        # types-reportlab declares initialFontName a float; reportlab takes the font's name.
        canvas = Canvas(buffer, pagesize=(PAGE_W, PAGE_H), pageCompression=1, lang="id",
                        initialFontName=SANS,  # type: ignore[arg-type]
                        initialFontSize=9)
        kind = "Daftar Hadir" if not self.blank else "Daftar Hadir (blanko)"
        info = document_info(self.event, f"{kind} \u2013 {self.event.name}",
                             kind if not self.blank
                             else "Daftar Hadir kosong untuk diisi di kertas")
        info.apply(canvas)
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
                    assert item.line is not None  # a person's item carries its line
                    self._draw_person(canvas, y, item.line, item.height)
                    done += 1
                    report_progress(progress, done, people + 1)
                elif item.kind == "summary":
                    self._draw_summary(canvas, y - 8 * _MM, tallies, totals)
                elif item.kind == "footer":
                    self._draw_footer(canvas, y)
                y -= item.height
            self._draw_page_footer(canvas, page_number, len(pages))
            canvas.showPage()
        canvas.save()
        data = pdfa.finish(buffer.getvalue(), info)
        report_progress(progress, people + 1, people + 1)
        return data

    def _draw_first_header(self, c: Canvas) -> float:
        top = PAGE_H - MARGIN_TOP
        head = self._letterhead()
        if not head.empty:
            top = head.draw(c, MARGIN_X, top) - 1 * _MM
        top = self._draw_attachment(c, top)
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
        for label, value in self._details():
            c.setFont(SANS, 9)
            c.drawString(MARGIN_X, top - 3.6 * _MM, label)
            y = top - 3.6 * _MM
            for part in value.lines:
                # a continuation line starts under the value, past the colon
                indent = 0.0 if part is value.lines[0] else text_width(": ", SANS, 9)
                c.drawString(MARGIN_X + DETAIL_LABEL_W + indent, y, part)
                y -= value.leading
            top -= self._detail_height(value)
        return top - 3 * _MM

    def _draw_later_header(self, c: Canvas) -> float:
        top = PAGE_H - MARGIN_TOP
        c.setFont(SANS, 8.5)
        c.drawRightString(PAGE_W - MARGIN_X, top - 4 * _MM,
                          format_long_date(self.event.event_date))
        head = self._running_head()
        c.setFont(SANS_BOLD, head.size)
        y = top - 4 * _MM
        for part in head.lines:
            c.drawString(MARGIN_X, y, part)
            y -= head.leading
        return top - self.later_header_height()

    def _draw_column_heads(self, c: Canvas, top: float) -> float:
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

    def _draw_group(self, c: Canvas, top: float, text: str) -> None:
        c.setFillColorRGB(*LIGHT_FILL)
        c.setLineWidth(0.5)
        c.rect(MARGIN_X, top - GROUP_H, CONTENT_W, GROUP_H, stroke=1, fill=1)
        c.setFillColorRGB(0, 0, 0)
        c.setFont(SANS_BOLD, 8.5)
        c.drawString(MARGIN_X + PAD, top - GROUP_H + 1.9 * _MM,
                     clip(text, SANS_BOLD, 8.5, CONTENT_W - 2 * PAD))

    def _cell_texts(self, line: PersonLine) -> list[str]:
        person = line.person
        if not person.name:  # an empty row for a walk-in on the paper list
            return [str(line.number)] + [""] * (len(self.columns) - 2)
        texts = [str(line.number), person.name, format_nip(person.nip), person.golongan,
                 person.jabatan, unit_of(person), category_text(person)]
        if not self.blank:
            texts.append(line.time_and_day)
        return texts

    def _cells(self, line: PersonLine) -> list[FittedText | None]:
        """Each column's text wrapped to its width at the body size (never shrunk, never cut):
        the row grows instead. None for the signature column and empty cells."""
        cells: list[FittedText | None] = []
        for (_, width, align), text in zip(self.columns, [*self._cell_texts(line), None],
                                           strict=True):
            if align == "sign" or not text:
                cells.append(None)
                continue
            cells.append(fit(text, SANS, width - 2 * PAD, (TEXT_SIZE, TEXT_SIZE), 10_000,
                             leading=1.15))
        return cells

    def row_height(self, line: PersonLine) -> float:
        """At least :data:`ROW_H` (room to sign), taller when a cell's text needs it."""
        texts = [cell.height for cell in self._cells(line) if cell is not None]
        return max([ROW_H, *(height + 2 * PAD for height in texts)])

    def _draw_person(self, c: Canvas, top: float, line: PersonLine, height: float) -> None:
        x = MARGIN_X
        c.setLineWidth(0.5)
        c.setStrokeColorRGB(0, 0, 0)
        for (_, width, align), fitted in zip(self.columns, self._cells(line), strict=True):
            c.rect(x, top - height, width, height, stroke=1, fill=0)
            if align == "sign":
                self._draw_sign_cell(c, x, top, width, line, height)
            elif fitted is not None:
                y = top - (height - fitted.height) / 2 - fitted.size * 0.93
                c.setFillColorRGB(0, 0, 0)
                c.setFont(SANS, fitted.size)
                for part in fitted.lines:
                    if align == "center":
                        c.drawCentredString(x + width / 2, y, part)
                    else:
                        c.drawString(x + PAD, y, part)
                    y -= fitted.leading
            x += width

    def _draw_sign_cell(self, c: Canvas, x: float, top: float, width: float,
                        line: PersonLine, height: float) -> None:
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
        c.drawString(left + PAD * 0.7, top - height + 1.3 * _MM, label)
        if line.strokes:
            # above the label's line, which stays readable
            draw_fitted_signature(c, line.strokes, line.pad[0], line.pad[1], left + PAD,
                                  top - height + 3.0 * _MM, half - 2 * PAD,
                                  height - 3.7 * _MM)
        c.setFillColorRGB(0, 0, 0)

    def _draw_summary(self, c: Canvas, top: float, tallies: list[Tally], totals: Tally) -> None:
        c.setFont(SANS_BOLD, 9)
        c.drawString(MARGIN_X, top + 2.2 * _MM, "Rekapitulasi kehadiran")
        widths = [w * _MM for w in (9, 48, 20, 20, 20, 22, 20, 30)]
        headings = SUMMARY_HEADINGS
        rows: list[list[str]] = []
        for index, tally in enumerate(tallies, 1):
            values = [str(v) for v in tally_values(tally)]
            if self.blank:  # the invited count only: the rest is counted by hand
                values = [values[0]] + [""] * 5
            rows.append([str(index), tally.label, *values])
        values = [str(v) for v in tally_values(totals)]
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

    def _footer_texts(self) -> tuple[FittedText, FittedText]:
        """The official's title and name, wrapped (never cut) to the signature block's width."""
        official = responsible_official(self.event)
        title = fit(f"{official.title or 'Pejabat Penanggung Jawab'},", SANS, FOOTER_W, (9, 9),
                    10_000)
        name = fit(official.name or "(" + "." * 45 + ")", SANS_BOLD, FOOTER_W, (9, 9), 10_000)
        return title, name

    def footer_height(self) -> float:
        title, name = self._footer_texts()
        return FOOTER_BLOCK_H + (len(title.lines) - 1) * title.leading + \
            (len(name.lines) - 1) * name.leading

    def _draw_footer(self, c: Canvas, top: float) -> None:
        official = responsible_official(self.event)
        width = FOOTER_W
        x = PAGE_W - MARGIN_X - width
        centre = x + width / 2
        c.setFillColorRGB(0, 0, 0)
        c.setFont(SANS, 9)
        y = top - 6 * _MM
        c.drawCentredString(centre, y, place_and_date(self.event.city, self.event.event_date))
        title, name = self._footer_texts()
        y -= 4.5 * _MM
        c.setFont(SANS, title.size)
        for part in title.lines:
            c.drawCentredString(centre, y, part)
            y -= title.leading
        # room to sign under the title, then the name (underlined), then the NIP
        y -= 34 * _MM - 4.5 * _MM - 6 * _MM - title.leading
        c.setFont(SANS_BOLD, 9)
        c.setLineWidth(0.6)
        for part in name.lines:
            c.drawCentredString(centre, y, part)
            if official.name:
                name_w = text_width(part, SANS_BOLD, 9)
                c.line(centre - name_w / 2, y - 1.2, centre + name_w / 2, y - 1.2)
            y -= name.leading
        y += name.leading
        nip = format_nip(official.nip)
        c.setFont(SANS, 9)
        if nip or not official.name:
            c.drawCentredString(centre, y - 4.5 * _MM,
                                f"NIP. {nip}" if nip else "NIP. " + "." * 30)

    def _draw_page_footer(self, c: Canvas, page: int, pages: int) -> None:
        y = MARGIN_BOTTOM - 6.5 * _MM
        c.setFillColorRGB(*LABEL_GREY)
        c.setFont(SANS, 7)
        c.drawRightString(PAGE_W - MARGIN_X, y, f"Halaman {page} dari {pages}")
        kind = "Daftar Hadir (blanko)" if self.blank else "Daftar Hadir"
        text = f"{kind} \u2013 {' '.join(self.event.name.split())}"
        if text_width(text, SANS, 7) > CONTENT_W - 40 * _MM:  # the running head names it
            text = kind
        c.drawString(MARGIN_X, y, text)
        c.setFillColorRGB(0, 0, 0)


def build_attendance_pdf(record: EventRecord, progress: Progress = None) -> bytes:
    """The Daftar Hadir as a printable A4 landscape PDF: who came, by category, with their
    signatures drawn as vector paths; the counts and the footer signature block at the end."""
    groups = person_lines(record, record.by_category(record.present()))
    return _PdfList(record, PDF_COLUMNS, blank=False).draw(groups, progress)


def build_attendance_blank_pdf(record: EventRecord, progress: Progress = None) -> bytes:
    """The paper fallback: every invited person on the roster, by category, with empty,
    numbered signature cells and no check-in times; ten empty rows for walk-ins at the end."""
    invited = [person for person in record.attendees if person.invited]
    groups = person_lines(record, record.by_category(invited), with_checkins=False)
    return _PdfList(record, BLANK_COLUMNS, blank=True).draw(groups, progress)



# --- files --------------------------------------------------------------------------------


def write_attendance_pdf(path: str | os.PathLike[str], record: EventRecord,
                         progress: Progress = None) -> Path:
    return write_atomically(path, build_attendance_pdf(record, progress))


def write_attendance_blank_pdf(path: str | os.PathLike[str], record: EventRecord,
                               progress: Progress = None) -> Path:
    return write_atomically(path, build_attendance_blank_pdf(record, progress))
