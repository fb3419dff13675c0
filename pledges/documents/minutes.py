"""The Berita Acara (minutes) of an event: an A4 PDF as Indonesian local governments write them.

Layout, top to bottom: the letterhead (logo, institution, organizing unit, double rule);
"BERITA ACARA", the event kind's title ("PELAKSANAAN IKRAR NETRALITAS ASN") and "NOMOR : ...";
"Pada hari ini Kamis tanggal dua bulan November tahun dua ribu dua puluh tiga (2 November 2023),
bertempat di ..., telah dilaksanakan ..." with the organizing unit and the reference letter;
then numbered sections: the speakers (narasumber), the agenda, the attendance (a sentence with
the figures in words and a table per category: invited, present, walk-ins, signed, totals) and
the pledge text with its version hash; the closing "Demikian Berita Acara ini dibuat dalam
rangkap 2 (dua) untuk dipergunakan sebagaimana mestinya.", the place and date, and two signature
blocks: the witnessing official and the presiding official, each with title, name and "NIP. ..."
grouped 8-6-1-3, and room for a wet signature: the witness's signature drawn at the pad is never
printed here, since it was made for the pledge, not for these figures (which change with every
later check-in). The pangkat is not stored, so its line is left out. An optional audit-chain head
is printed as "Kode jejak audit: ..." at the end. No seal is claimed: a Berita Acara is not
sealed, so it prints no seal key. Exported again with other figures, it is a new revision:
"Revisi ke-2" under its number (pledges.documents.record.minutes_revision).

Laid out with reportlab platypus: every text wraps and flows onto more pages when long; the
closing and the signature blocks are kept together; each page carries "Halaman i dari n".

The shared pieces (styles, the letterhead, the numbered-page canvas, Indonesian number words)
are used by :mod:`pledges.documents.public_roster` too. No Qt here.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from events.categories import Category
from events.dates import DAYS, MONTHS, clock, day_in_zone, format_date, place_and_date, zone_of
from events.ids import format_nip
from events.model import Event, EventKind, Official
from events.numbering import document_number
from pledges.documents import pdfa
from pledges.documents.letterhead import Letterhead as EventLetterhead
from pledges.documents.letterhead import Style as LetterheadStyle
from pledges.documents.record import EventRecord, minutes_revision
from pledges.documents.toolkit import (
    SANS,
    SANS_BOLD,
    DocumentInfo,
    FittedText,
    Progress,
    document_info,
    fit,
    register_fonts,
)
from pledges.files import write_atomically
from pledges.signatures import SignatureRecord
from pledges.strokes import draw_on_canvas

__all__ = [
    "DEFAULT_COPIES", "build_minutes_pdf", "date_in_words", "kind_title", "terbilang",
    "write_minutes",
]


PAGE_W, PAGE_H = A4
DEFAULT_COPIES = 2
DOTS = "." * 48  # a blank to fill in by hand
GREY = colors.Color(0.35, 0.35, 0.35)
TABLE_HEAD = colors.Color(0.9, 0.9, 0.9)
BODY_SIZE = 11
SIGNATURE_SPACE = 24 * mm


# --- Indonesian numbers and dates in words ------------------------------------------------------

_ONES = ["", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan",
         "sepuluh", "sebelas"]
_SCALES = ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"))


def terbilang(number: int) -> str:
    """The number in Indonesian words, as minutes and receipts write it:
    1 "satu", 11 "sebelas", 12 "dua belas", 21 "dua puluh satu", 100 "seratus",
    1000 "seribu", 2023 "dua ribu dua puluh tiga", 1000000 "satu juta"."""
    if number < 0:
        return "minus " + terbilang(-number)
    return _words(number) if number else "nol"


def _words(n: int) -> str:
    def tail(rest: int) -> str:
        return " " + _words(rest) if rest else ""

    if n < 12:
        return _ONES[n]
    if n < 20:
        return f"{_ONES[n - 10]} belas"
    if n < 100:
        return f"{_ONES[n // 10]} puluh" + tail(n % 10)
    if n < 200:
        return "seratus" + tail(n - 100)
    if n < 1000:
        return f"{_ONES[n // 100]} ratus" + tail(n % 100)
    if n < 2000:
        return "seribu" + tail(n - 1000)
    if n < 10**6:
        return f"{_words(n // 1000)} ribu" + tail(n % 1000)
    for scale, name in _SCALES:
        if n >= scale:
            return f"{_words(n // scale)} {name}" + tail(n % scale)
    raise AssertionError("unreachable")  # pragma: no cover


def date_in_words(day: date) -> str:
    """ "hari Kamis tanggal dua bulan November tahun dua ribu dua puluh tiga" """
    return (f"hari {DAYS[day.weekday()]} tanggal {terbilang(day.day)} bulan "
            f"{MONTHS[day.month - 1]} tahun {terbilang(day.year)}")


def count_in_words(number: int) -> str:
    """ "58 (lima puluh delapan)" """
    return f"{number} ({terbilang(number)})"


def kind_title(event: Event) -> str:
    """The line under "BERITA ACARA": what took place, in capitals."""
    if event.kind is EventKind.PAKTA_INTEGRITAS:
        return "PENANDATANGANAN PAKTA INTEGRITAS"
    if event.kind is EventKind.OTHER:
        return f"PELAKSANAAN {event.name.upper()}"
    return f"PELAKSANAAN {event.kind.label.upper()}"


# --- shared PDF pieces --------------------------------------------------------------------------

def styles(size: float = BODY_SIZE) -> dict[str, ParagraphStyle]:
    """The paragraph styles of the documents (fonts registered first)."""
    register_fonts()
    body = ParagraphStyle("body", fontName=SANS, fontSize=size, leading=size * 1.45,
                          alignment=TA_JUSTIFY, spaceAfter=size * 0.5)
    return {
        "body": body,
        "left": ParagraphStyle("left", parent=body, alignment=TA_LEFT),
        "title": ParagraphStyle("title", parent=body, fontName=SANS_BOLD, fontSize=size + 2,
                                leading=(size + 2) * 1.3, alignment=TA_CENTER, spaceAfter=0),
        "subtitle": ParagraphStyle("subtitle", parent=body, fontName=SANS_BOLD,
                                   alignment=TA_CENTER, spaceAfter=0),
        "center": ParagraphStyle("center", parent=body, alignment=TA_CENTER, spaceAfter=0),
        "heading": ParagraphStyle("heading", parent=body, fontName=SANS_BOLD, spaceBefore=4,
                                  spaceAfter=3, keepWithNext=1),
        "item": ParagraphStyle("item", parent=body, leftIndent=7 * mm, bulletIndent=0,
                               bulletFontName=SANS, bulletFontSize=size, alignment=TA_LEFT,
                               spaceAfter=size * 0.25),
        "small": ParagraphStyle("small", parent=body, fontSize=size - 2.5,
                                leading=(size - 2.5) * 1.35, textColor=GREY, alignment=TA_LEFT),
        "cell": ParagraphStyle("cell", parent=body, fontSize=size - 2, leading=(size - 2) * 1.25,
                               alignment=TA_LEFT, spaceAfter=0),
        "cell_head": ParagraphStyle("cell_head", parent=body, fontName=SANS_BOLD,
                                    fontSize=size - 2, leading=(size - 2) * 1.25,
                                    alignment=TA_CENTER, spaceAfter=0),
        "cell_num": ParagraphStyle("cell_num", parent=body, fontSize=size - 2,
                                   leading=(size - 2) * 1.25, alignment=TA_CENTER, spaceAfter=0),
    }


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (escaped: names may hold '&' or '<')."""
    return Paragraph(escape(text), style)


class Letterhead(Flowable):
    """Kop surat (:mod:`pledges.documents.letterhead`) as a flowable: the logo on the left, the
    institution and the organizing unit in capitals centred, a thick and a thin rule."""

    def __init__(self, event: Event, logo_size: float = 22 * mm,
                 sizes: tuple[float, float] = (15.0, 11.0),
                 sub_sizes: tuple[float, float] = (13.0, 9.5)):
        super().__init__()
        self.event = event
        self.style = LetterheadStyle(logo=logo_size, sizes=sizes, sub_sizes=sub_sizes)
        self.head: EventLetterhead | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.head = EventLetterhead(self.event, avail_width, self.style)
        self.height = 0 if self.head.empty else self.head.body + 4 * mm
        return avail_width, self.height

    def draw(self) -> None:
        if self.height and self.head is not None:
            self.head.draw(self.canv, 0, self.height)


def numbered_canvas(footer: Callable[[Canvas, int, int], None]) -> type[Canvas]:
    """A canvas class that holds its pages back until the end, so that each page's footer can
    say how many pages there are ("Halaman 2 dari 5"); ``footer(canvas, page, total)``."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any):  # reportlab's, passed on as they come
            # Text starts in the embedded face: no unused, unembedded Helvetica in the file.
            # (the document template passes None for what it was not given)
            kwargs["initialFontName"] = kwargs.get("initialFontName") or SANS
            kwargs["lang"] = kwargs.get("lang") or "id"
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (reportlab's name)
            self._pages.append(dict(self.__dict__))
            # What Canvas.showPage does after writing the page; the stub leaves it out.
            self._startPage()  # type: ignore[attr-defined]

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                footer(self, self.getPageNumber(), total)
                Canvas.showPage(self)
            Canvas.save(self)

    return NumberedCanvas


class Document(BaseDocTemplate):
    """One A4 frame per page; reports each drawn flowable to ``on_flowable``."""

    def __init__(self, buffer: BytesIO, margins: tuple[float, float, float, float],
                 info: DocumentInfo, on_flowable: Callable[[Flowable], None] | None = None,
                 pagesize: tuple[float, float] = A4):
        left, right, top, bottom = margins
        super().__init__(buffer, pagesize=pagesize, leftMargin=left, rightMargin=right,
                         topMargin=top, bottomMargin=bottom, title=info.title,
                         author=info.author, subject=info.subject, keywords=[info.keywords],
                         creator=info.creator)
        frame = Frame(left, bottom, pagesize[0] - left - right, pagesize[1] - top - bottom,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
        self.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        self.on_flowable = on_flowable

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 (reportlab's name)
        if self.on_flowable is not None:
            self.on_flowable(flowable)


# --- the signature blocks -----------------------------------------------------------------------

@dataclass
class Signer:
    """One signature block: "Yang Menyaksikan," and the official, with drawn strokes or not."""

    caption: str
    official: Official
    signature: SignatureRecord | None = None


class SignatureBlocks(Flowable):
    """Two signature blocks side by side, the place and date above the right one. The titles
    are wrapped to the column and the signing spaces line up; the names are bold and
    underlined; "NIP. ..." grouped; a block with no official has dotted lines to fill in."""

    GAP = 12 * mm

    def __init__(self, left: Signer, right: Signer, place_date: str, size: float = BODY_SIZE):
        super().__init__()
        self.signers = (left, right)
        self.place_date = place_date
        self.size = size
        self.leading = size * 1.35

    def _lines(self, signer: Signer, width: float) -> tuple[list[str], FittedText, str]:
        official = signer.official
        blank = official.is_empty()
        title = official.title.strip() or ("" if official.name else DOTS[:32])
        title_lines = list(fit(title + ",", SANS, width, (self.size, self.size - 2), 3).lines
                           ) if title else []
        name = official.name.strip() or DOTS[:36]
        name_text = fit(name, SANS_BOLD, width, (self.size, self.size - 2.5), 3)
        nip = ""
        if official.nip:
            nip = f"NIP. {format_nip(official.nip)}"
        elif blank:
            nip = f"NIP. {DOTS[:30]}"
        return title_lines, name_text, nip

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.col_w = (avail_width - self.GAP) / 2
        self.layout = [self._lines(s, self.col_w) for s in self.signers]
        self.title_rows = max(len(t) for t, _, _ in self.layout)
        name_h = max(n.height for _, n, _ in self.layout)
        has_nip = any(nip for _, _, nip in self.layout)
        self.height = (self.leading * (2 + self.title_rows) + SIGNATURE_SPACE + name_h
                       + (self.leading if has_nip else 0) + 2)
        return avail_width, self.height

    def draw(self) -> None:
        c = self.canv
        for index, (signer, (title_lines, name, nip)) in enumerate(
                zip(self.signers, self.layout, strict=True)):
            x0 = index * (self.col_w + self.GAP)
            centre = x0 + self.col_w / 2
            y = self.height - self.size
            c.setFillColor(colors.black)
            c.setFont(SANS, self.size)
            if index == 1 and self.place_date:
                c.drawCentredString(centre, y, self.place_date)
            y -= self.leading
            c.drawCentredString(centre, y, signer.caption)
            for line in title_lines:
                y -= self.leading
                c.drawCentredString(centre, y, line)
            y -= self.leading * (self.title_rows - len(title_lines))
            space_top = y - self.size * 0.4
            space_bottom = space_top - SIGNATURE_SPACE
            record = signer.signature
            if record is not None and record.strokes and record.intact:
                box_w = min(self.col_w * 0.8, 62 * mm)
                draw_on_canvas(c, record.strokes, record.pad_width, record.pad_height,
                               centre - box_w / 2, space_bottom + 1 * mm, box_w,
                               SIGNATURE_SPACE - 2 * mm)
            y = space_bottom - self.size * 0.2
            c.setFont(name.font, name.size)
            for line in name.lines:
                y -= name.leading
                c.drawCentredString(centre, y, line)
                if not signer.official.name.strip():
                    continue
                width = c.stringWidth(line, name.font, name.size)
                c.setLineWidth(0.6)
                c.line(centre - width / 2, y - 1.6, centre + width / 2, y - 1.6)
            if nip:
                y -= self.leading
                c.setFont(SANS, self.size)
                c.drawCentredString(centre, y, nip)


# --- the document -------------------------------------------------------------------------------

def _agenda_items(agenda: str) -> list[str]:
    """ "Pembukaan; Pembacaan Ikrar; Penutup" (or one per line, numbered or not) -> items."""
    items = []
    for raw in re.split(r"[;\n]+", agenda or ""):
        item = re.sub(r"^\s*(?:\d+\s*[.)]|[-\u2022*])\s*", "", raw).strip()
        if item:
            items.append(item)
    return items


def _what_took_place(event: Event) -> str:
    """ "kegiatan Ikrar Netralitas ASN Kota Bekasi" (the kind added when the name lacks it)."""
    name = " ".join(event.name.split())
    if event.kind is EventKind.OTHER or event.kind.label.casefold() in name.casefold():
        return f"kegiatan {name}"
    return f"kegiatan {event.kind.label} dengan tajuk \u201c{name}\u201d"


def opening_sentence(event: Event) -> str:
    """The first paragraph: day, date, month and year in words, place, what, by whom, on what
    authority."""
    day = event.event_date
    parts = [f"Pada {date_in_words(day).replace('hari ', 'hari ini ', 1)} "
             f"({format_date(day)})"]
    if event.start_time is not None:
        zone = zone_of(event)
        if event.end_time:
            parts.append(f" pukul {clock(event.start_time)} s.d. {clock(event.end_time)} {zone}")
        else:
            parts.append(f" pukul {clock(event.start_time)} {zone} s.d. selesai")
    place = ", ".join(p for p in (event.venue.strip(), event.city.strip()) if p)
    if place:
        parts.append(f", bertempat di {place}")
    parts.append(f", telah dilaksanakan {_what_took_place(event)}")
    organizer = " ".join(p for p in (event.organizer_unit.strip(), event.institution.strip())
                         if p)
    if organizer:
        parts.append(f" yang diselenggarakan oleh {organizer}")
    if event.letter_number.strip():
        letter = f" berdasarkan Surat Nomor {event.letter_number.strip()}"
        if event.letter_date is not None:
            letter += f" tanggal {format_date(event.letter_date)}"
        parts.append("," + letter)
    parts.append(", dengan uraian sebagai berikut:")
    return "".join(parts)


def _signed_by_category(record: EventRecord) -> dict[Category, int]:
    category_of = {a.id: a.category for a in record.attendees}
    signed: dict[Category, int] = {}
    for attendee_id in record.signatures:
        category = category_of.get(attendee_id)
        if category is not None:
            signed[category] = signed.get(category, 0) + 1
    return signed


def counts_table(record: EventRecord, st: dict[str, ParagraphStyle], width: float) -> Table:
    """Per category: invited, present of the invited, walk-ins, everyone present, signed;
    then the totals. Categories with nothing in any column are left out."""
    signed = _signed_by_category(record)
    head = ["No", "Kategori", "Diundang", "Hadir dari undangan", "Hadir tanpa undangan",
            "Jumlah hadir", "Menanda-<br/>tangani ikrar"]
    rows: list[list[Paragraph | str]] = [[Paragraph(h, st["cell_head"]) for h in head]]
    number = 0
    for category in Category:
        c = record.counts.by_category.get(category)
        invited, present, walk_ins = (c.invited, c.present, c.walk_ins) if c else (0, 0, 0)
        n_signed = signed.get(category, 0)
        if not (invited or present or walk_ins or n_signed):
            continue
        number += 1
        rows.append([str(number), Paragraph(escape(category.label), st["cell"]), str(invited),
                     str(present), str(walk_ins), str(present + walk_ins), str(n_signed)])
    totals = record.counts
    rows.append(["", Paragraph("<b>Jumlah</b>", st["cell"]), str(totals.invited),
                 str(totals.present), str(totals.walk_ins), str(totals.present_total),
                 str(sum(signed.values()))])
    number_w = (width - 10 * mm - 44 * mm) / 5
    table = Table(rows, colWidths=[10 * mm, 44 * mm] + [number_w] * 5, repeatRows=1)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), SANS, st["cell"].fontSize),
        ("FONT", (0, -1), (-1, -1), SANS_BOLD, st["cell"].fontSize),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), TABLE_HEAD),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 1), (0, -1), "CENTER"),
        ("ALIGN", (2, 1), (-1, -1), "CENTER"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]))
    return table


def _pledge_flowables(record: EventRecord, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    version = record.pledge
    if version is None:
        return [para("Teks ikrar belum ditetapkan untuk acara ini.", st["body"])]
    text = version.text
    head: list[Flowable] = [
        para("Teks yang dibacakan bersama dan ditandatangani oleh peserta adalah sebagai "
             "berikut:", st["body"]),
        Spacer(1, 1 * mm),
        para(text.title, st["subtitle"]),
        Spacer(1, 3 * mm),
    ]
    if text.opening:
        head.append(para(text.opening, st["body"]))
    points: list[Flowable] = [Paragraph(escape(point), st["item"], bulletText=f"{number}.")
                              for number, point in enumerate(text.points, 1)]
    # The introduction, the title and the opening never end a page without the first point.
    out: list[Flowable] = [KeepTogether(head + points[:1]), *points[1:]]
    if text.closing:
        out.append(Spacer(1, 1 * mm))
        out.append(para(text.closing, st["body"]))
    out.append(para(f"Kode versi teks (SHA-256): {version.hash}", st["small"]))
    others: dict[str, int] = {}
    for signature in record.signatures.values():
        if signature.pledge_hash != version.hash:
            others[signature.pledge_hash] = others.get(signature.pledge_hash, 0) + 1
    for hash_, n in sorted(others.items()):
        out.append(para(f"Catatan: {n} orang menandatangani versi teks lain "
                        f"(kode {hash_[:16]}\u2026) sebelum teks diganti.", st["small"]))
    return out


def signed_on_other_days(record: EventRecord) -> dict[date, int]:
    """How many people signed on each day (the event's clock) that is not the event's date."""
    days: dict[date, int] = {}
    for signature in record.signatures.values():
        day = day_in_zone(signature.signed_at, record.event)
        if day != record.event.event_date:
            days[day] = days.get(day, 0) + 1
    return dict(sorted(days.items()))


def other_days_sentence(record: EventRecord) -> str | None:
    """What the minutes say when some signed on another day than the event's: the minutes
    state the event's date, each signed statement the day it was signed; None when everyone
    signed on the event's day."""
    days = signed_on_other_days(record)
    if not days:
        return None
    from pledges.documents.certificates import document_name

    listed = "; ".join(f"pada {format_date(day)} sebanyak {count_in_words(n)} orang"
                       for day, n in days.items())
    return (f"Sebanyak {count_in_words(sum(days.values()))} orang di antaranya "
            f"menandatangani di luar tanggal acara: {listed}. {document_name(record.event)} "
            "mereka bertanggal hari penandatanganan; Berita Acara ini bertanggal hari acara.")


def sub_item(index: int) -> str:
    """The label of a list under a numbered section, office style: "a.", "b.", ... "z.",
    then "aa.", "ab.", ..."""
    letters = ""
    index -= 1
    while True:
        letters = chr(ord("a") + index % 26) + letters
        index = index // 26 - 1
        if index < 0:
            return letters + "."


def _minutes_story(record: EventRecord, number: str | None, copies: int,
                   audit_head: str | None, width: float) -> list[Flowable]:
    event = record.event
    st = styles()
    story: list[Flowable] = [Letterhead(event), Spacer(1, 5 * mm)]
    story.append(Paragraph("<u>BERITA ACARA</u>", st["title"]))
    story.append(para(kind_title(event), st["subtitle"]))
    story.append(para(f"NOMOR : {number.strip() if number and number.strip() else DOTS}",
                      st["center"]))
    revision = minutes_revision(record)
    if revision > 1:
        story.append(para(f"Revisi ke-{revision} (menggantikan Berita Acara yang dibuat "
                          "sebelumnya dengan angka yang berbeda)", st["center"]))
    story.append(Spacer(1, 6 * mm))
    story.append(para(opening_sentence(event), st["body"]))

    sections: list[tuple[str, list[Flowable]]] = []
    if event.speakers:
        items: list[Flowable] = []
        for i, speaker in enumerate(event.speakers, 1):
            affiliation = ", ".join(p.strip() for p in (speaker.title, speaker.institution)
                                    if p.strip())
            text = f"<b>{escape(speaker.name.strip())}</b>" + (
                f", {escape(affiliation)}" if affiliation else "")
            items.append(Paragraph(text, st["item"], bulletText=sub_item(i)))
        sections.append(("Narasumber", items))
    agenda = _agenda_items(event.agenda)
    if agenda:
        sections.append(("Susunan acara", [Paragraph(escape(item), st["item"],
                                                     bulletText=sub_item(i))
                                           for i, item in enumerate(agenda, 1)]))
    totals = record.counts
    n_signed = len(record.signatures)
    summary = (f"Peserta yang diundang sebanyak {count_in_words(totals.invited)} orang; "
               f"yang hadir sebanyak {count_in_words(totals.present_total)} orang")
    if totals.walk_ins:
        summary += (f" (termasuk {count_in_words(totals.walk_ins)} orang yang hadir tanpa "
                    "undangan)")
    summary += (f"; dan yang menandatangani ikrar sebanyak {count_in_words(n_signed)} orang, "
                "dengan rincian sebagai berikut:")
    attached = para("Nama, jabatan dan tanda tangan peserta yang hadir tercantum dalam Daftar "
                    "Hadir yang menjadi lampiran Berita Acara ini.", st["body"])
    participants = [para(summary, st["body"]), counts_table(record, st, width),
                    Spacer(1, 2 * mm), attached]
    other_days = other_days_sentence(record)
    if other_days is not None:
        participants.append(para(other_days, st["body"]))
    sections.append(("Peserta", participants))
    pledge_heading = "Teks ikrar" if event.kind is not EventKind.PAKTA_INTEGRITAS else \
        "Teks pakta integritas"
    sections.append((pledge_heading, _pledge_flowables(record, st)))
    for i, (heading, flowables) in enumerate(sections, 1):
        # The heading never ends a page alone: it is kept with the section's first flowable
        # (the pledge's introduction, title, opening and first point; the attendance summary
        # with its short table); the rest flows on.
        title = Paragraph(f"{i}. {escape(heading)}", st["heading"])
        keep = 2 if heading == "Peserta" else 1
        lead, rest = flowables[:keep], flowables[keep:]
        if len(lead) == 1 and isinstance(lead[0], KeepTogether):
            # Its flowables, to keep with the heading; reportlab's stub leaves _content out.
            lead = list(lead[0]._content)  # type: ignore[attr-defined]
        story.append(KeepTogether([title, *lead]))
        story.extend(rest)
        story.append(Spacer(1, 2 * mm))

    closing = para(f"Demikian Berita Acara ini dibuat dalam rangkap {count_in_words(copies)} "
                   "untuk dipergunakan sebagaimana mestinya.", st["body"])
    blocks = SignatureBlocks(
        Signer("Yang Menyaksikan,", event.witness),  # signed by hand on this revision
        Signer("Pimpinan Acara,", event.presiding),
        place_and_date(event.city.strip(), event.event_date),
    )
    ending: list[Flowable] = [closing, Spacer(1, 4 * mm), blocks, Spacer(1, 6 * mm),
                              para("Lampiran: Daftar Hadir", st["small"])]
    if audit_head is None and record.audit_head is not None:
        seq, digest = record.audit_head
        audit_head = f"{digest} (entri ke-{seq})"
    if audit_head:
        ending += [Spacer(1, 6 * mm), para(f"Kode jejak audit: {audit_head}", st["small"])]
    story.append(KeepTogether(ending))
    return story


MARGINS = (25 * mm, 20 * mm, 15 * mm, 20 * mm)  # left (binding), right, top, bottom


def build_minutes_pdf(record: EventRecord, progress: Progress = None, *,
                      number: str | None = None, copies: int = DEFAULT_COPIES,
                      audit_head: str | None = None) -> bytes:
    """The Berita Acara of ``record``'s event as PDF bytes.

    Args:
        progress: called as ``progress(done, total)``; may raise to cancel.
        number: the Berita Acara's own number (from the office's agenda book). Without it
            "NOMOR :" is followed by a dotted line to fill in by hand. The event's letter
            number is the *reference* letter (the order to hold the event) and is quoted in
            the body ("berdasarkan Surat Nomor ... tanggal ..."), not used as this number.
        copies: "dibuat dalam rangkap 2 (dua)".
        audit_head: the head of the audit chain, printed as "Kode jejak audit: ..."; by default
            the record's (the chain's newest entry when the record was read).
    """
    if progress:
        progress(0, 1)
    register_fonts()
    event = record.event
    if number is None:  # the event's numbering scheme gives the Berita Acara its first number
        number = document_number(event.number_scheme, event.number_start)
    left, right, _top, bottom = MARGINS
    footer_text = f"Berita Acara \u2013 {' '.join(event.name.split())}"

    def footer(c: Canvas, page: int, total: int) -> None:
        c.saveState()
        c.setFont(SANS, 8)
        c.setFillColor(GREY)
        label = f"Halaman {page} dari {total}"
        room = PAGE_W - left - right - c.stringWidth(label, SANS, 8) - 8 * mm
        # the event's name when it fits beside the page number (the first page names it)
        text = footer_text if c.stringWidth(footer_text, SANS, 8) <= room else "Berita Acara"
        c.drawString(left, bottom - 9 * mm, text)
        c.drawRightString(PAGE_W - right, bottom - 9 * mm, label)
        c.restoreState()

    buffer = BytesIO()
    info = document_info(event, f"Berita Acara \u2013 {event.name}", "Berita Acara")
    doc = Document(buffer, MARGINS, info)
    story = _minutes_story(record, number, copies, audit_head, doc.width)
    doc.build(story, canvasmaker=numbered_canvas(footer))
    data = pdfa.finish(buffer.getvalue(), info)
    if progress:
        progress(1, 1)
    return data


def write_minutes(path: str | os.PathLike[str], record: EventRecord, progress: Progress = None,
                  *, number: str | None = None, copies: int = DEFAULT_COPIES,
                  audit_head: str | None = None) -> Path:
    """:func:`build_minutes_pdf` written atomically to ``path``."""
    return write_atomically(path, build_minutes_pdf(record, progress, number=number,
                                                    copies=copies, audit_head=audit_head))
