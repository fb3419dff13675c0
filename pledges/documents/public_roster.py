"""The public roster: who signed the pledge, for transparency (PDF and CSV).

UU PDP 27/2022: names, NIPs, NIKs, phone numbers and signatures are personal data, and a public
roster shows names and positions only. So each row holds exactly No, Nama, Jabatan, Unit
Kerja/Instansi, Kategori, the time of signing and the verification code printed on the
person's certificate (:func:`pledges.seal.short_code`: anyone holding this list can match
a certificate's code to a name and an event without asking anyone): the NIP, NIK, phone
and signature image are never read into the document. As a second line of defence, any run
of eight or more digits that slipped into a name, position or unit (a NIP typed into the wrong
roster column, a phone number) is replaced with "[disembunyikan]".

Rows are the people with a current signature, in document order (category, then name).

No Qt here.
"""

from __future__ import annotations

import csv
import io
import os
from datetime import datetime
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from events import text_safety
from events.dates import MONTHS, format_long_date, in_zone, zone_name
from events.model import Attendee
from pledges.documents import pdfa
from pledges.documents.minutes import (
    GREY,
    TABLE_HEAD,
    Document,
    Letterhead,
    numbered_canvas,
    para,
    styles,
)
from pledges.documents.record import EventRecord
from pledges.documents.toolkit import (
    SANS,
    Progress,
    document_info,
    fit,
    register_fonts,
    wrap,
)
from pledges.files import write_atomically

__all__ = [
    "COLUMNS", "CSV_DELIMITER", "TITLE", "build_public_csv", "build_public_pdf", "public_rows",
    "write_public_csv", "write_public_pdf",
]

TITLE = "DAFTAR PESERTA YANG TELAH MENANDATANGANI IKRAR"
COLUMNS = ("No", "Nama", "Jabatan", "Unit Kerja/Instansi", "Kategori", "Waktu tanda tangan",
           "Kode verifikasi")
PRIVACY_NOTE = ("Daftar ini memuat nama, jabatan, unit kerja, kategori, waktu tanda tangan dan "
                "kode verifikasi saja. NIP, NIK, nomor telepon dan gambar tanda "
                "tangan tidak ditampilkan (UU Nomor 27 Tahun 2022 tentang Pelindungan Data "
                "Pribadi).")

# The CSV is separated by semicolons, not commas. Excel splits a double-clicked .csv on the
# Windows "list separator", and where the decimal mark is a comma (Indonesian, id-ID) that
# separator is ';': a comma-separated file would open with every row in column A. LibreOffice
# asks (and detects ';'), and Python's csv module reads it with delimiter=";". The UTF-8 byte
# order mark makes Excel read the file as UTF-8 (names with é, ü, ’ stay intact); a "sep=;"
# first line is not written, because with it Excel ignores the BOM. Pass delimiter="," for
# tools that want RFC 4180 commas.
CSV_DELIMITER = ";"

HIDDEN = text_safety.HIDDEN


def _scrub(text: str) -> str:
    """Plain one-line text with any long run of digits (an identity or phone number that was
    typed into the wrong column) hidden."""
    return text_safety.hide_numbers(" ".join(text_safety.clean(text or "")[0].split()))


def _place(person: Attendee) -> str:
    """The "Unit Kerja/Instansi" column: both, when they differ. Not
    :func:`events.model.affiliation` (one of the two): the column names both."""
    parts = [p for p in (person.unit.strip(), person.institution.strip()) if p]
    if len(parts) == 2 and parts[0].casefold() == parts[1].casefold():
        parts = parts[:1]
    return ", ".join(parts)


def _when_text(moment: datetime) -> tuple[str, str]:
    """ ("2 November 2023", "08.42 WIB"): a moment already on the event's clock
    (:func:`public_rows` gives them so)."""
    zone = zone_name(moment)
    return (f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}",
            f"{moment.hour:02d}.{moment.minute:02d}" + (f" {zone}" if zone else ""))


PublicRow = tuple[int, str, str, str, str, datetime, str]


def public_rows(record: EventRecord) -> list[PublicRow]:
    """(No, Nama, Jabatan, Unit Kerja/Instansi, Kategori, signed at, the certificate's code or
    "-" while not sealed) for everyone with a current signature, in document order. Nothing
    else about a person is read. The moment is on the event's clock (its zone)."""
    from pledges.seal import short_code

    rows = []
    for number, person in enumerate(record.signed(), 1):
        signature = record.signature_of(person)
        assert signature is not None  # signed(): each of them has one
        sealed = record.seals.get(signature.id)
        rows.append((number, _scrub(person.name), _scrub(person.jabatan),
                     _scrub(_place(person)), person.category.label,
                     in_zone(signature.signed_at, record.event),
                     short_code(sealed) if sealed else "-"))
    return rows


# --- CSV ------------------------------------------------------------------------------------------

_cell = text_safety.csv_text


def build_public_csv(record: EventRecord, delimiter: str = CSV_DELIMITER) -> bytes:
    """The public roster as CSV bytes: UTF-8 with a byte order mark, a header row, one row per
    signer, CRLF line ends; the time as "2023-11-02 08:42:05" on the event's clock (which every
    spreadsheet reads as a date and time), its zone named in the heading: "Waktu tanda tangan
    (WIB)"."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([*COLUMNS[:5], f"{COLUMNS[5]} ({record.event.time_zone})", *COLUMNS[6:]])
    for number, name, jabatan, place, category, signed_at, code in public_rows(record):
        writer.writerow([number, _cell(name), _cell(jabatan), _cell(place), category,
                         signed_at.strftime("%Y-%m-%d %H:%M:%S"), code])
    return out.getvalue().encode("utf-8-sig")


def write_public_csv(path: str | os.PathLike[str], record: EventRecord, progress: Progress = None,
                     delimiter: str = CSV_DELIMITER) -> Path:
    data = build_public_csv(record, delimiter)
    if progress:
        progress(1, 1)
    return write_atomically(path, data)


# --- PDF ------------------------------------------------------------------------------------------

MARGINS = (14 * mm, 14 * mm, 14 * mm, 18 * mm)  # left, right, top, bottom
# Column widths in mm (sum 182 = A4's 210 less the margins).
# Kategori holds "(Administrator)" and "Pelaksana/Staf" whole.
WIDTHS = (8, 37, 29, 34, 24, 25, 25)


def build_public_pdf(record: EventRecord, progress: Progress = None) -> bytes:
    """The public roster as an A4 PDF: the letterhead, the title, the event, its day, the pledge
    title, a note on what is left out and why, then the table (its header repeated on every
    page); each page's footer gives the number of signers and "Halaman i dari n".

    ``progress(done, total)`` is called as the table's rows are laid out; it may raise to
    cancel."""
    register_fonts()
    st = styles(10)
    event = record.event
    rows = public_rows(record)
    total = len(rows)
    if progress:
        progress(0, total)

    story = [Letterhead(event, logo_size=16 * mm, sizes=(12.5, 9.5), sub_sizes=(11.0, 8.5)),
             Spacer(1, 4 * mm), para(TITLE, st["subtitle"]), Spacer(1, 2 * mm)]
    details = [("Acara", " ".join(event.name.split())),
               ("Hari/Tanggal", format_long_date(event.event_date))]
    place = ", ".join(p for p in (event.venue.strip(), event.city.strip()) if p)
    if place:
        details.append(("Tempat", place))
    if record.pledge is not None:
        details.append(("Teks ikrar", record.pledge.text.title))
    label_w = 28 * mm
    info = Table([[para(label, st["left"]), para(":", st["left"]), para(value, st["left"])]
                  for label, value in details],
                 colWidths=[label_w, 4 * mm, sum(WIDTHS) * mm - label_w - 4 * mm])
    info.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), SANS, 8),
                              ("VALIGN", (0, 0), (-1, -1), "TOP"),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                              ("TOPPADDING", (0, 0), (-1, -1), 0),
                              ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    story += [info, Spacer(1, 1 * mm), para(PRIVACY_NOTE, st["small"]), Spacer(1, 2 * mm)]

    cell, head, num = st["cell"], st["cell_head"], st["cell_num"]
    data: list[list[Paragraph]] = [[Paragraph(escape(h), head) for h in COLUMNS]]
    for number, name, jabatan, unit, category, signed_at, code in rows:
        data.append([Paragraph(str(number), num), Paragraph(escape(name), cell),
                     Paragraph(escape(jabatan), cell), Paragraph(escape(unit), cell),
                     Paragraph(escape(category), cell),
                     Paragraph("<br/>".join(map(escape, _when_text(signed_at))), cell),
                     Paragraph(escape(code), cell)])
    if rows:
        table = Table(data, colWidths=[w * mm for w in WIDTHS], repeatRows=1)
        table.setStyle(TableStyle([
            ("FONT", (0, 0), (-1, -1), SANS, 8),  # not reportlab's Helvetica
            ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
            ("BACKGROUND", (0, 0), (-1, 0), TABLE_HEAD),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ]))
        story.append(table)
    else:
        story.append(para("Belum ada peserta yang menandatangani ikrar.", st["center"]))

    drawn = 0

    def on_flowable(flowable: Flowable) -> None:
        nonlocal drawn
        if progress and isinstance(flowable, Table) and flowable is not info and rows:
            # reportlab keeps a (split) table's rows only in _cellvalues; its stub leaves it out.
            cells = flowable._cellvalues  # type: ignore[attr-defined]
            drawn = min(total, drawn + len(cells) - 1)  # less the header row
            progress(drawn, total)

    left, right, _top, bottom = MARGINS
    footer_left = f"Jumlah peserta yang telah menandatangani: {total} orang"
    event_name = " ".join(event.name.split())

    def footer(c: Canvas, page: int, pages: int) -> None:
        c.saveState()
        c.setFont(SANS, 7.5)
        c.setFillColor(GREY)
        y = bottom - 8 * mm
        label = f"Halaman {page} dari {pages}"
        c.drawRightString(A4[0] - right, y, label)
        room = A4[0] - left - right - c.stringWidth(label, SANS, 7.5) - 6 * mm
        # The event's name wrapped whole (up to three lines for the longest name), the block
        # growing upwards into the bottom margin, its last line where a one-line name is.
        names = wrap(event_name, SANS, 7.5, room) or [""]
        top = y + (len(names) - 1) * 9.5
        c.drawString(left, top, fit(footer_left, SANS, room, (7.5, 7.5), 1).lines[0])
        for i, line in enumerate(names, 1):
            c.drawString(left, top - i * 9.5, line)
        c.restoreState()

    buffer = BytesIO()
    about = document_info(record.event, f"{TITLE} \u2013 {event_name}", TITLE)
    doc = Document(buffer, MARGINS, about, on_flowable=on_flowable)
    doc.build(story, canvasmaker=numbered_canvas(footer))
    finished = pdfa.finish(buffer.getvalue(), about)
    if progress:
        progress(total, total)
    return finished


def write_public_pdf(path: str | os.PathLike[str], record: EventRecord,
                     progress: Progress = None) -> Path:
    return write_atomically(path, build_public_pdf(record, progress))
