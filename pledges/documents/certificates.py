"""Signed pledge certificates: one A4 page per person who signed, as one PDF or one file each.

A page is an official letter: the letterhead (institution in capitals, the organizing unit, the
logo, a double rule), the pledge title, the statement's number under it ("NOMOR : ...", from the
event's numbering scheme, printed from the seal that covers it), "Yang bertanda tangan di bawah
ini:" with the person's Nama, NIP (grouped 8-6-1-3), Pangkat/Gol., Jabatan and Unit Kerja, the
exact pledge text the person signed (the version their signature is bound to, which may be older
than the event's current text), place and date in Indonesian, the witness's block
("Menyaksikan,") and the signer's ("Pembuat Pernyataan,"), both signatures drawn as vector
paths, and a verification QR code in the bottom left corner with a short human-readable code
beside it.

The QR code holds the signature's seal (pledges/seal.py: the whole sealed record and its Ed25519
signature, "IK1:" + base45), so the certificate can be verified offline from the paper with the
organizer's public key (pledges/verify.py), and the printed name, NIP and pledge text compared
with the sealed ones. Beside it: the short code ("ABCDE-FGHIJ", from the seal) and the seal
key's fingerprint. A signature not yet sealed gets no certificate (:class:`UnsealedError`).

Drawn onto a ``Canvas(BytesIO)`` by one renderer per part. Everything that is the same on every
page of one pledge version (letterhead, title, labels, the fitted pledge text, the witness's
block, the footer's fixed words) is drawn once into a PDF form that each page places; per person
only the identity values, the date, the signature, the name, the QR code and its code are drawn.
Text is wrapped, never cut, and never smaller than 10 pt (identity values, names, the pledge):
a statement whose pledge does not fit one page at that size goes on on a second page ("- 2 -"
at its top, "bersambung ke halaman 2" at the foot of the first), which ends with the
signatures; every page carries the person's QR code. A pledge too long for two pages is refused
rather than printed incompletely.

No Qt here.
"""

from __future__ import annotations

import contextlib
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from io import BytesIO
from pathlib import Path

from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from events.categories import Category
from events.dates import day_in_zone, format_date, place_and_date
from events.ids import format_nip
from events.model import Attendee, Event, EventKind, affiliation
from pledges.documents import pdfa
from pledges.documents.letterhead import Letterhead
from pledges.documents.letterhead import Style as LetterheadStyle
from pledges.documents.record import EventRecord
from pledges.documents.toolkit import (
    BLACK,
    SANS,
    SANS_BOLD,
    FittedText,
    Progress,
    a4_canvas,
    document_info,
    draw_qr_rows,
    draw_signature,
    draw_text,
    fit,
    qr_rows,
    register_fonts,
    text_width,
    wrap,
)
from pledges.files import write_atomically
from pledges.keys import format_fingerprint
from pledges.seal import QR_PREFIX, open_seal, qr_text, short_code
from pledges.signatures import SignatureRecord
from pledges.texts import PledgeText, PledgeVersion

__all__ = [
    "QR_PREFIX",
    "CertificateError",
    "UnsealedError",
    "build_certificates",
    "certificate_file_names",
    "qr_payload",
    "short_code",
    "write_certificates_combined",
    "write_certificates_separate",
]



# Page geometry: A4 portrait; everything stays inside 20 mm left and right, 12 mm top and bottom.
PAGE_W, PAGE_H = A4
LEFT = 20 * mm
RIGHT = PAGE_W - 20 * mm
CONTENT_W = RIGHT - LEFT
TOP = PAGE_H - 12 * mm
BOTTOM = 12 * mm

LOGO = 22 * mm
RULE_GAP = 3 * mm  # from the logo's foot to the thick rule

BODY = 11.0  # the body size; the pledge text shrinks from here when it must
LABEL_INDENT = 8 * mm
ROW_PITCH = 6.5 * mm  # an identity row: one line at up to 11 pt, or two at up to 8 pt
# Every label an identity row may have; a person's page prints only the rows that apply.
LABELS = ("Nama", "NIP", "NI PPPK", "Pangkat/Gol.", "Golongan", "Jabatan", "Unit Kerja",
          "Instansi")
INTRO = "Yang bertanda tangan di bawah ini:"
# An opening that itself begins so (the Pakta Integritas) lends those words to the line above the
# identity rows, as the regulation's form prints them, and goes on after them.
_SIGNED_BELOW = re.compile(r"^\s*(saya\s+yang\s+bertanda\s+tangan\s+di\s+bawah\s+ini)\s*[,:]?\s*",
                           re.IGNORECASE)

PLEDGE_SIZES = (11.5, 10.0)  # the pledge text's largest and smallest size on one page
CONTINUED_SIZE = 11.0  # the pledge text's size when the statement continues on a second page
POINT_INDENT = 1.6  # ems: the hanging indent of numbered points

COLUMN_W = 75 * mm  # each signature column
LEFT_COL = LEFT + COLUMN_W / 2  # column centres
RIGHT_COL = RIGHT - COLUMN_W / 2
SIG_W = 60 * mm
SIG_H = 22 * mm
BAND_GAP = 8 * mm  # between the pledge text and the signature band

# The symbol without its quiet zone. The seal holds every printed field (pledges/seal.py), a
# version 17 to 21 symbol at level M for usual names (0.36 to 0.42 mm modules, more than two
# dots of a 150 dpi print); a longer one goes to level L (:func:`_qr_level`).
QR_SIZE = 36 * mm
QR_X = LEFT
QR_Y = BOTTOM
QR_QUIET = 4 * mm  # four modules are 1.7 mm; more is kept clear
FOOTER_TOP = QR_Y + QR_SIZE + QR_QUIET
CODE_X = QR_X + QR_SIZE + QR_QUIET
CODE_SIZE = 13.0

GREY = Color(0.35, 0.35, 0.35)


class CertificateError(ValueError):
    """The certificates cannot be made (nobody signed, a signed text is missing, a text too
    long for the page). ``str()`` is an Indonesian message for the user."""


# --- what the QR code holds ----------------------------------------------------------------------

class UnsealedError(CertificateError):
    """Some of the chosen signatures are not sealed yet: unlock the seal key and seal them
    (pledges.seal.seal_pending), then try again. ``count`` says how many."""

    def __init__(self, count: int):
        self.count = count
        super().__init__(
            f"{count} tanda tangan belum disegel; buka kunci segel untuk menyegelnya, lalu "
            "buat sertifikat lagi.")


def qr_payload(record: EventRecord, signature: SignatureRecord) -> str:
    """What the person's QR code holds: the seal as text (:func:`pledges.seal.qr_text`)."""
    return qr_text(record.seals[signature.id])


# --- layout fitted once per pledge version -------------------------------------------------------

@dataclass(frozen=True)
class _Paragraph:
    """Wrapped lines of one paragraph; ``number`` ("1.") for a numbered point."""

    lines: tuple[str, ...]
    number: str = ""
    gap_before: float = 0.0


# Alike in shape to toolkit.FittedText (lines at a size and leading), but a block of numbered
# paragraphs: a different thing.
@dataclass(frozen=True)
class _PledgeBlock:
    paragraphs: tuple[_Paragraph, ...]
    size: float
    leading: float
    height: float


@dataclass(frozen=True)
class _Layout:
    """Positions (page coordinates) of one pledge version's page."""

    name: str  # of the PDF form
    letterhead: Letterhead
    rule_y: float
    title: FittedText
    title_top: float
    number_top: float  # the "NOMOR : ..." line under the title (when numbered)
    intro_top: float
    rows_top: float
    value_x: float
    pledge: _PledgeBlock
    pledge_top: float
    band_top: float
    witness_title: FittedText | None
    sig_y: float  # lower edge of both signature boxes
    name_top: float
    intro: str = INTRO
    small: float = 10.0  # the size of wrapped identity values, names and the witness's title
    date_note: float = 0.0  # room under the date line for "(tanggal acara: ...)", when needed
    split: int | None = None  # two pages: how many pledge lines the first page holds
    continued_top: float = 0.0  # two pages: where the pledge goes on on the second page

    @property
    def pages(self) -> int:
        return 1 if self.split is None else 2

    def lines(self, page: int) -> tuple[_Line, ...]:
        """The pledge's lines printed on ``page`` (1 or 2)."""
        lines = _lines(self.pledge)
        if self.split is None:
            return lines if page == 1 else ()
        return lines[:self.split] if page == 1 else lines[self.split:]

    def form(self, page: int) -> str:
        return self.name if page == 1 else f"{self.name}_{page}"


LETTERHEAD = LetterheadStyle(logo=LOGO, sizes=(15.0, 10.0), sub_sizes=(13.0, 9.0), leading=1.15,
                             rule_gap=RULE_GAP, rules=(2.2, 0.7, 1.2 * mm))


def _wrap_paragraph(text: str, size: float, width: float) -> tuple[str, ...]:
    return tuple(wrap(" ".join(text.split()), SANS, size, width)) or ("",)


def _pledge_block(text: PledgeText, size: float) -> _PledgeBlock:
    indent = POINT_INDENT * size
    paragraphs: list[_Paragraph] = []
    if text.opening.strip():
        paragraphs.append(_Paragraph(_wrap_paragraph(text.opening, size, CONTENT_W)))
    for i, point in enumerate(text.points, 1):
        gap = (0.45 if i == 1 else 0.25) * size if paragraphs else 0.0
        paragraphs.append(_Paragraph(_wrap_paragraph(point, size, CONTENT_W - indent),
                                     f"{i}.", gap))
    if text.closing.strip():
        gap = 0.45 * size if paragraphs else 0.0
        paragraphs.append(_Paragraph(_wrap_paragraph(text.closing, size, CONTENT_W), "", gap))
    leading = size * 1.32
    height = sum(p.gap_before + len(p.lines) * leading for p in paragraphs)
    return _PledgeBlock(tuple(paragraphs), size, leading, height)


TOO_LONG = ("Teks ikrar terlalu panjang untuk dicetak utuh pada dua halaman surat pernyataan; "
            "persingkat teksnya.")


class _OnePageTooSmall(CertificateError):
    """The pledge does not fit one page at a readable size: the statement takes two."""


def _fit_pledge(text: PledgeText, room: float) -> _PledgeBlock:
    """The pledge at the largest size (quarter points, not below 10 pt) at which all of it
    fits ``room``."""
    largest, smallest = PLEDGE_SIZES
    size = largest
    while True:
        block = _pledge_block(text, size)
        if block.height <= room:
            return block
        if size - 0.25 < smallest:
            raise _OnePageTooSmall(TOO_LONG)
        size -= 0.25


@dataclass(frozen=True)
class _Line:
    """One printed line of the pledge: its paragraph's number on its first line ("1."), the
    space above it when it opens a paragraph, and whether it is justified (all but a
    paragraph's last)."""

    text: str
    number: str
    indented: bool
    gap_before: float
    justified: bool


def _lines(block: _PledgeBlock) -> tuple[_Line, ...]:
    out = []
    for paragraph in block.paragraphs:
        last = len(paragraph.lines) - 1
        for i, line in enumerate(paragraph.lines):
            out.append(_Line(line, paragraph.number if i == 0 else "", bool(paragraph.number),
                             paragraph.gap_before if i == 0 else 0.0, i < last))
    return tuple(out)


def _lines_height(lines: Sequence[_Line], leading: float) -> float:
    """The height of ``lines`` printed from the top of a page part (a gap above the first
    line is left out)."""
    return sum(line.gap_before for line in lines[1:]) + len(lines) * leading


def _band_height(witness_title: FittedText | None, names_h: float, note_h: float = 0.0) -> float:
    """From the place-and-date line to the foot of the NIP lines; ``names_h``: the tallest
    signer's name (either column); ``note_h``: the line under the date naming the event's
    date (for a statement signed on another day)."""
    title_h = witness_title.height if witness_title is not None else 0.0
    return (BODY * 1.3 + note_h + 1.5 * mm + BODY * 1.3 + max(title_h, BODY * 1.25)
            + SIG_H + max(names_h, 2 * 9.0 * 1.25) + 10.5 * 1.3)


def split_opening(text: PledgeText) -> tuple[str, PledgeText]:
    """The line above the identity rows and the pledge as printed under them: an opening that
    begins "Saya yang bertanda tangan di bawah ini, ..." gives those words to the line above
    (so the page does not say them twice) and goes on after the rows with the rest."""
    match = _SIGNED_BELOW.match(text.opening)
    if match is None:
        return INTRO, text
    rest = text.opening[match.end():]
    return " ".join(match.group(1).split()) + ":", replace(text, opening=rest)


def _layout(record: EventRecord, version: PledgeVersion, letterhead: Letterhead,
            people: Sequence[Attendee] = (), numbers: Sequence[str] = (),
            days: Sequence[date] = ()) -> _Layout:
    """The page of one pledge version, with room for the longest identity and name among
    ``people`` (the ones printed with this version), the tallest of their statement
    ``numbers``, and a note of the event's date when one of them signed on another day (their
    signing ``days``)."""
    event = record.event
    intro, pledge_text = split_opening(version.text)
    rule_y = TOP - letterhead.body - RULE_GAP
    title_top = rule_y - 8 * mm
    title = _fit_whole(version.text.title or "PERNYATAAN", SANS_BOLD, CONTENT_W,
                       (((12.5, 10.0), 3, 1.3), ((10.0, 10.0), 6, 1.25)))
    number_top = title_top - title.height - 1 * mm
    number_h = max([_number_text(n).height for n in numbers if n] or [-1 * mm])
    intro_top = number_top - number_h - 6 * mm
    rows_top = intro_top - BODY * 1.3 - 2 * mm
    label_w = max(text_width(label, SANS, BODY) for label in LABELS)
    value_x = LEFT + LABEL_INDENT + label_w + text_width(" :  ", SANS, BODY)
    width = RIGHT - value_x
    witness = event.witness
    names = [n for n in (event.witness.name, *(a.name for a in people)) if n.strip()]
    lowest = FOOTER_TOP + 4 * mm  # the band's foot stays clear of the QR code's quiet zone
    # Wrapped values, names and the witness's title at 10 pt, the pledge at 11.5 down to
    # 10 pt; when that does not fit one page, the pledge goes on on a second page (at 11 pt),
    # which ends with the signatures.
    small = WRAPPED_SIZES[0]
    rows_h = max([_identity_height(a, width, small) for a in people] or [5 * ROW_PITCH])
    pledge_top = rows_top - rows_h - 5 * mm
    witness_title = (_wrapped(witness.title, SANS, COLUMN_W, small, 1.25)
                     if witness.title.strip() else None)
    names_h = max([_name_text(n, small).height for n in names] or [0.0])
    note_h = DATE_NOTE_SIZE * 1.25 if any(d != event.event_date for d in days) else 0.0
    band_h = _band_height(witness_title, names_h, note_h)
    split: int | None = None
    continued_top = 0.0
    try:
        pledge = _fit_pledge(pledge_text, pledge_top - BAND_GAP - band_h - lowest)
        band_top = pledge_top - pledge.height - BAND_GAP
    except _OnePageTooSmall:
        pledge = _pledge_block(pledge_text, CONTINUED_SIZE)
        lines = _lines(pledge)
        split = 0
        while (split < len(lines)
               and _lines_height(lines[:split + 1], pledge.leading) <= pledge_top - lowest):
            split += 1
        split = max(0, min(split, len(lines) - 2))  # the signatures never stand alone
        continued_top = TOP - CONTINUED_HEADER
        band_top = (continued_top - _lines_height(lines[split:], pledge.leading)
                    - BAND_GAP)
        if band_top - band_h < lowest:
            raise CertificateError(TOO_LONG) from None
    heading_top = band_top - BODY * 1.3 - note_h - 1.5 * mm
    sig_top = heading_top - BODY * 1.3 - max(witness_title.height if witness_title else 0.0,
                                             BODY * 1.25)
    sig_y = sig_top - SIG_H
    return _Layout(
        name=f"IkrarCertificate_{version.hash[:16]}", letterhead=letterhead,
        rule_y=rule_y, title=title, title_top=title_top, number_top=number_top,
        intro_top=intro_top,
        rows_top=rows_top, value_x=value_x, pledge=pledge, pledge_top=pledge_top,
        band_top=band_top, witness_title=witness_title, sig_y=sig_y, name_top=sig_y,
        intro=intro, small=small, date_note=note_h, split=split,
        continued_top=continued_top,
    )


# --- renderers for what every page of a version shares -------------------------------------------

def _draw_title(c: Canvas, lay: _Layout) -> None:
    draw_text(c, lay.title, LEFT, lay.title_top, align="center", width=CONTENT_W)


def _number_text(number: str) -> FittedText:
    """ "NOMOR : 800/018/Kesbangpol/2026" under the title, as the Berita Acara writes its own;
    wrapped whole."""
    return _wrapped(f"NOMOR : {number}", SANS, CONTENT_W, 10.0)


def statement_number(record: EventRecord, signature: SignatureRecord) -> str:
    """The statement's number as its seal holds it ("" when the seal has none: the event had
    no numbering scheme when it was sealed, or it was sealed before statements were
    numbered). Printed from the seal, so the page prints what the seal covers."""
    sealed = record.seals.get(signature.id)
    return open_seal(sealed)[0].number if sealed is not None else ""


def _draw_number(c: Canvas, lay: _Layout, number: str) -> None:
    if number:
        draw_text(c, _number_text(number), LEFT, lay.number_top, align="center",
                  width=CONTENT_W)


def _draw_intro(c: Canvas, lay: _Layout) -> None:
    c.setFillColor(BLACK)
    c.setFont(SANS, BODY)
    c.drawString(LEFT, lay.intro_top - BODY * 0.9, lay.intro)


def _draw_justified(c: Canvas, line: str, x: float, y: float, width: float, size: float) -> None:
    """One line spread to ``width`` by widening the spaces between its words."""
    words = line.split(" ")
    if len(words) < 2:
        c.drawString(x, y, line)
        return
    used = sum(text_width(w, SANS, size) for w in words)
    space = (width - used) / (len(words) - 1)
    for word in words:
        c.drawString(x, y, word)
        x += text_width(word, SANS, size) + space


def _draw_pledge(c: Canvas, lay: _Layout, page: int = 1) -> None:
    """Opening, numbered points with a hanging indent, closing: justified, the last line of each
    paragraph left as it is; the lines that ``page`` holds."""
    block = lay.pledge
    c.setFillColor(BLACK)
    c.setFont(SANS, block.size)
    indent = POINT_INDENT * block.size
    y = lay.pledge_top if page == 1 else lay.continued_top
    for i, line in enumerate(lay.lines(page)):
        if i:
            y -= line.gap_before
        x = LEFT + (indent if line.indented else 0.0)
        baseline = y - block.size * 0.95
        if line.number:
            c.drawString(LEFT, baseline, line.number)
        if line.justified:
            _draw_justified(c, line.text, x, baseline, RIGHT - x, block.size)
        else:
            c.drawString(x, baseline, line.text)
        y -= block.leading


def _draw_signature_headings(c: Canvas, lay: _Layout, record: EventRecord) -> None:
    """Both columns' headings, the witness's title, signature, name and NIP."""
    heading_top = lay.band_top - BODY * 1.3 - lay.date_note - 1.5 * mm
    c.setFillColor(BLACK)
    c.setFont(SANS, BODY)
    baseline = heading_top - BODY * 0.9
    c.drawCentredString(LEFT_COL, baseline, "Menyaksikan,")
    c.drawCentredString(RIGHT_COL, baseline, "Pembuat Pernyataan,")
    if lay.witness_title is not None:
        draw_text(c, lay.witness_title, LEFT_COL - COLUMN_W / 2, heading_top - BODY * 1.3,
                  align="center", width=COLUMN_W)
    witness = record.witness
    if witness is not None and witness.strokes:
        draw_signature(c, witness.strokes, witness.pad_width, witness.pad_height,
                       LEFT_COL - SIG_W / 2, lay.sig_y, SIG_W, SIG_H)
    official = record.event.witness
    _draw_signer(c, LEFT_COL, lay.name_top, official.name, official.nip or None, lay.small)


DEMO_MARK = ("CONTOH DARI ACARA DEMO \u2013 disegel dengan kunci demo yang kata sandinya umum; "
             "bukan dokumen resmi")


def _draw_footer_words(c: Canvas, event: Event) -> None:
    if event.is_demo:  # on every page, above the letterhead
        c.setFillColor(GREY)
        c.setFont(SANS_BOLD, 7.5)
        c.drawCentredString(PAGE_W / 2, TOP + 1.2 * mm, DEMO_MARK)
    c.setFillColor(GREY)
    c.setFont(SANS, 8.0)
    top = QR_Y + QR_SIZE
    c.drawString(CODE_X, top - 8.0 * 0.9, "Kode verifikasi:")
    notes = (
        "Pindai kode QR atau masukkan kode di atas untuk memeriksa keaslian "
        f"{document_name(event)} ini.",
        "Tanda tangan dibubuhkan secara elektronik oleh yang bersangkutan di lokasi acara.",
    )
    room = RIGHT - CODE_X
    y = top - 8.0 * 1.3 - CODE_SIZE * 1.35 - 1 * mm
    for note in notes:
        for line in fit(note, SANS, room, (7.5, 6.0), 2).lines:
            c.setFont(SANS, 7.5)
            y -= 7.5 * 1.25
            c.drawString(CODE_X, y, line)
    if event.name.strip():
        text = _footer_event(event.name)
        c.setFont(text.font, text.size)
        for i, line in enumerate(reversed(text.lines)):
            c.drawString(CODE_X, QR_Y + 0.5 * mm + i * text.leading, line)


def _footer_event(name: str) -> FittedText:
    """The event's name at the foot, beside the QR code: one line, else two smaller ones."""
    return _fit_whole(name, SANS, RIGHT - CODE_X, (((7.5, 6.0), 1, 1.2), ((6.0, 4.5), 2, 1.15)))


CONTINUED_HEADER = 12 * mm  # "- 2 -" at the top of a second page, then the pledge goes on


def _draw_shared(c: Canvas, lay: _Layout, record: EventRecord, page: int = 1) -> None:
    """What every person's ``page`` of this version shows: page 1 the letterhead, title,
    introduction and the pledge (all of it, or what fits); a second page its number ("- 2 -",
    as office letters number their following pages) and the rest of the pledge; the last page
    the signature headings and the witness's block; every page the footer's words."""
    if page == 1:
        lay.letterhead.draw(c, LEFT, TOP)
        _draw_title(c, lay)
        _draw_intro(c, lay)
    else:
        c.setFillColor(BLACK)
        c.setFont(SANS, BODY)
        c.drawCentredString(PAGE_W / 2, TOP - BODY * 0.9, f"- {page} -")
    _draw_pledge(c, lay, page)
    if page < lay.pages:
        c.setFillColor(GREY)
        c.setFont(SANS, 9.0)
        c.drawRightString(RIGHT, FOOTER_TOP + 1 * mm, f"bersambung ke halaman {page + 1}")
    else:
        _draw_signature_headings(c, lay, record)
    _draw_footer_words(c, record.event)


# --- renderers for what is each person's own -----------------------------------------------------

def number_label(nip: str | None) -> str:
    """ "NI PPPK" for a PPPK's number (its 13th digit is 2), else "NIP"."""
    digits = re.sub(r"\D", "", nip or "")
    return "NI PPPK" if len(digits) == 18 and digits[12] == "2" else "NIP"


def identity_rows(attendee: Attendee) -> list[tuple[str, str]]:
    """(label, value) of the rows that apply to the person: no NIP row for someone without
    one (a guest, Non-ASN), a PPPK's number labelled NI PPPK, no pangkat for someone without a
    golongan, the guest's institution as "Instansi"."""
    rows = [("Nama", " ".join(attendee.name.split()))]
    if attendee.nip:
        rows.append((number_label(attendee.nip), format_nip(attendee.nip)))
    if attendee.golongan.strip():
        pppk = attendee.category is Category.PPPK or number_label(attendee.nip) == "NI PPPK"
        rows.append(("Golongan" if pppk else "Pangkat/Gol.", attendee.golongan.strip()))
    if attendee.jabatan.strip():
        rows.append(("Jabatan", " ".join(attendee.jabatan.split())))
    where = affiliation(attendee)
    if where:
        rows.append(("Instansi" if attendee.category is Category.TAMU else "Unit Kerja", where))
    return rows


WRAPPED_SIZES = (10.0,)  # wrapped identity values, names, the witness's title: never smaller


def _wrapped(text: str, font: str, width: float, small: float,
             leading: float = 1.2) -> FittedText:
    """One line at the body size when it fits, else wrapped whole at ``small``: never cut."""
    one = fit(text, font, width, (BODY, BODY), 1, leading=leading)
    if one.complete:
        return one
    return fit(text, font, width, (small, small), 10_000, leading=leading)


def _value_text(value: str, width: float, small: float = 10.0) -> FittedText:
    return _wrapped(value, SANS, width, small)


def _row_height(text: FittedText) -> float:
    return max(ROW_PITCH, text.height + ROW_PITCH - BODY * 1.2)


def _identity_height(attendee: Attendee, width: float, small: float) -> float:
    return sum(_row_height(_value_text(value, width, small))
               for _, value in identity_rows(attendee))


def _fit_whole(text: str, font: str, width: float,
               tries: Sequence[tuple[tuple[float, float], int, float]]) -> FittedText:
    """The first of ``tries`` ((largest, smallest size), lines, leading) that holds all of
    ``text``: a name or a position is wrapped and made smaller, never cut. When even the last
    cannot, the certificate is refused (CertificateError) rather than printed incompletely."""
    for sizes, lines, leading in tries:
        fitted = fit(text, font, width, sizes, lines, leading=leading)
        if fitted.complete:
            return fitted
    raise CertificateError(
        f"\"{text[:60]}\u2026\" terlalu panjang untuk dicetak utuh pada sertifikat; "
        "persingkat datanya.")


def _name_text(name: str, small: float = 10.0) -> FittedText:
    """The signer's name under the signature: bold, wrapped whole."""
    return _wrapped(" ".join(name.split()), SANS_BOLD, COLUMN_W, small)


def _draw_identity(c: Canvas, lay: _Layout, attendee: Attendee) -> None:
    """The rows that apply to the person, each value wrapped under itself."""
    width = RIGHT - lay.value_x
    colon_x = lay.value_x - text_width(":  ", SANS, BODY)
    top = lay.rows_top
    for label, value in identity_rows(attendee):
        text = _value_text(value, width, lay.small)
        baseline = top - BODY * 0.9
        c.setFillColor(BLACK)
        c.setFont(SANS, BODY)
        c.drawString(LEFT + LABEL_INDENT, baseline, label)
        c.drawString(colon_x, baseline, ":")
        draw_text(c, text, lay.value_x, top)
        top -= _row_height(text)


def _draw_signer(c: Canvas, centre: float, top: float, name: str, nip: str | None,
                 small: float) -> None:
    """Name in bold, underlined, and "NIP. ..." (or "NI PPPK. ...") under it, centred on
    ``centre``; no number line for a person who has none; dotted lines for an official not
    named yet."""
    c.setFillColor(BLACK)
    name = " ".join(name.split())
    y = top
    if name:  # wrapped whole, the band has room for the longest name
        text = _name_text(name, small)
        c.setFont(text.font, text.size)
        c.setStrokeColor(BLACK)
        c.setLineWidth(0.6)
        for line in text.lines:
            baseline = y - text.size * 0.95
            c.drawCentredString(centre, baseline, line)
            half = text_width(line, text.font, text.size) / 2
            c.line(centre - half, baseline - 1.6, centre + half, baseline - 1.6)
            y -= text.leading
        y = min(y, top - BODY * 1.3)
    else:  # no name given: a dotted line to write it on
        c.setFont(SANS, BODY)
        c.drawCentredString(centre, y - BODY * 0.95, "(" + "." * 40 + ")")
        y -= BODY * 1.3
    c.setFont(SANS, 10.5)
    if nip:
        c.drawCentredString(centre, y - 10.5 * 0.95, f"{number_label(nip)}. {format_nip(nip)}")
    elif not name:
        c.drawCentredString(centre, y - 10.5 * 0.95, "NIP. " + "." * 30)


DATE_NOTE_SIZE = 10.0


def _draw_date(c: Canvas, lay: _Layout, record: EventRecord, signature: SignatureRecord) -> None:
    """The place and the day the person signed (the statement's date); under it, when that is
    not the event's date, "(tanggal acara: ...)", so the statement and the Berita Acara (which
    states the event's date) never disagree without saying why."""
    day = day_in_zone(signature.signed_at, record.event)
    line = place_and_date(record.event.city.strip(), day)
    text = _fit_whole(line, SANS, COLUMN_W, (((BODY, 8.0), 1, 1.2), ((7.0, 5.5), 2, 1.15)))
    c.setFillColor(BLACK)
    c.setFont(text.font, text.size)
    for i, printed in enumerate(text.lines):
        c.drawCentredString(RIGHT_COL, lay.band_top - text.size * 0.9 - i * text.leading,
                            printed)
    if day != record.event.event_date and lay.date_note:
        c.setFont(SANS, DATE_NOTE_SIZE)
        c.drawCentredString(RIGHT_COL, lay.band_top - BODY * 1.3 - DATE_NOTE_SIZE * 0.9,
                            event_date_note(record.event))


def event_date_note(event: Event) -> str:
    """ "(tanggal acara: 2 November 2023)": under the date of a statement signed on another
    day than the event's."""
    return f"(tanggal acara: {format_date(event.event_date)})"


def _draw_signature(c: Canvas, lay: _Layout, attendee: Attendee,
                    signature: SignatureRecord) -> None:
    draw_signature(c, signature.strokes, signature.pad_width, signature.pad_height,
                   RIGHT_COL - SIG_W / 2, lay.sig_y, SIG_W, SIG_H)
    _draw_signer(c, RIGHT_COL, lay.name_top, attendee.name, attendee.nip, lay.small)


def _draw_qr(c: Canvas, sealed: bytes) -> None:
    text = qr_text(sealed)
    draw_qr_rows(c, *qr_rows(text, _qr_level(text)), QR_X, QR_Y, QR_SIZE)
    c.setFillColor(BLACK)
    c.setFont(SANS_BOLD, CODE_SIZE)
    c.drawString(CODE_X, QR_Y + QR_SIZE - 8.0 * 1.3 - CODE_SIZE * 1.05, short_code(sealed),
                 charSpace=0.6)
    c.setFillColor(GREY)
    c.setFont(SANS, 7.5)
    record = open_seal(sealed)[0]
    above = _footer_event(record.event_name).height if record.event_name else 0.0
    c.drawString(CODE_X, QR_Y + 0.5 * mm + max(7.5 * 1.4, above + 7.5 * 0.3),
                 "Kunci segel: " + format_fingerprint(record.key))


# Alphanumeric characters a version 21 symbol holds at level M: up to there M (15 % can be
# restored), beyond it L (7 %), which keeps the modules larger.
QR_M_CAPACITY = 1_035


def _qr_level(text: str) -> str:
    return "M" if len(text) <= QR_M_CAPACITY else "L"


def _draw_page(c: Canvas, lay: _Layout, record: EventRecord, attendee: Attendee,
               signature: SignatureRecord, page: int = 1) -> None:
    """The person's ``page``: the first with their number and identity, the last with the date
    and their signature, each with the QR code of their seal (so every page verifies)."""
    c.doForm(lay.form(page))
    if page == 1:
        _draw_number(c, lay, statement_number(record, signature))
        _draw_identity(c, lay, attendee)
    if page == lay.pages:
        _draw_date(c, lay, record, signature)
        _draw_signature(c, lay, attendee, signature)
    _draw_qr(c, record.seals[signature.id])


# --- the documents -------------------------------------------------------------------------------

def _people(record: EventRecord, attendee_ids: Iterable[int] | None
            ) -> list[tuple[Attendee, SignatureRecord, PledgeVersion]]:
    """Who gets a certificate: the given people (in the order given) or everyone in document
    order, leaving out anyone without a current signature."""
    by_id = {a.id: a for a in record.attendees}
    if attendee_ids is None:
        chosen = list(record.attendees)
    else:
        chosen = [by_id[i] for i in dict.fromkeys(attendee_ids) if i in by_id]
    people = []
    for attendee in chosen:
        signature = record.signature_of(attendee)
        if signature is None or not signature.current:
            continue
        version = record.text_signed_by(attendee.id)
        if version is None:
            raise CertificateError(
                f"Teks ikrar yang ditandatangani {attendee.name} tidak ditemukan; "
                "sertifikat tidak dapat dibuat.")
        people.append((attendee, signature, version))
    if not people:
        raise CertificateError(
            "Tidak ada peserta yang sudah menandatangani ikrar untuk dibuatkan sertifikat.")
    unsealed = sum(1 for _, signature, _ in people if signature.id not in record.seals)
    if unsealed:
        raise UnsealedError(unsealed)
    return people


def _render(record: EventRecord, people: Sequence[tuple[Attendee, SignatureRecord, PledgeVersion]],
            progress: Progress, done: int = 0, total: int | None = None) -> bytes:
    register_fonts()
    event = record.event
    letterhead = Letterhead(event, CONTENT_W, LETTERHEAD)
    buffer = BytesIO()
    c = a4_canvas(buffer, BODY)
    document = document_name(event)
    info = document_info(event, f"{document} \u2013 {event.name}" if len(people) > 1
                         else f"{document} \u2013 {people[0][0].name}",
                         f"{document} bertanda tangan, {len(people)} orang")
    info.apply(c)
    layouts: dict[str, _Layout] = {}
    total = len(people) if total is None else total
    for index, (attendee, signature, version) in enumerate(people):
        lay = layouts.get(version.hash)
        if lay is None:
            same = [(a, s) for a, s, v in people if v.hash == version.hash]
            lay = layouts[version.hash] = _layout(
                record, version, letterhead, [a for a, _ in same],
                [statement_number(record, s) for _, s in same],
                [day_in_zone(s.signed_at, record.event) for _, s in same])
            for page in range(1, lay.pages + 1):
                c.beginForm(lay.form(page), 0, 0, PAGE_W, PAGE_H)
                _draw_shared(c, lay, record, page)
                c.endForm()
        for page in range(1, lay.pages + 1):
            _draw_page(c, lay, record, attendee, signature, page)
            c.showPage()
        if progress is not None:
            progress(done + index + 1, total)
    c.save()
    return pdfa.finish(buffer.getvalue(), info)


def build_certificates(record: EventRecord, attendee_ids: Iterable[int] | None = None,
                       progress: Progress = None) -> bytes:
    """The certificates of ``attendee_ids`` (default: everyone who signed) as one PDF, one page
    each; people without a current signature are left out.

    ``progress(done, total)`` is called after each page; if it raises, building stops and the
    exception propagates (that is how a cancel button stops a long run).

    Raises:
        CertificateError: nobody left to print, or a signed text that is missing or too long.
            (A logo that is not an image is left out: pledges.documents.letterhead.)
    """
    return _render(record, _people(record, attendee_ids), progress)


def write_certificates_combined(path: str | os.PathLike[str], record: EventRecord,
                                attendee_ids: Iterable[int] | None = None,
                                progress: Progress = None,
                                sign: Callable[[bytes], bytes] | None = None) -> Path:
    """Build the certificates as one PDF and write it to ``path`` atomically (a cancel or an
    error leaves ``path`` as it was). ``sign``, when given, turns the PDF's bytes into the bytes
    written (a digital signature: :func:`pledges.pades.pdf_signer`)."""
    data = build_certificates(record, attendee_ids, progress)
    if sign is not None:
        data = sign(data)
    return write_atomically(path, data)


_UNSAFE = re.compile(r"[^A-Za-z0-9]+")


def _file_stem(name: str) -> str:
    """``"Budi Santoso, S.E."`` -> ``"Budi_Santoso_SE"``: ASCII letters and digits only."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    ascii_name = re.sub(r"(?<=\w)\.(?=\w)", "", ascii_name)  # "S.E." -> "SE."
    stem = _UNSAFE.sub("_", ascii_name).strip("_")[:80].strip("_")
    return stem or "Peserta"


def document_name(event: Event) -> str:
    """What the office calls the signed page: "Pakta Integritas" or "Surat Pernyataan"."""
    return "Pakta Integritas" if event.kind is EventKind.PAKTA_INTEGRITAS else "Surat Pernyataan"


def certificate_file_names(names: Sequence[str], document: str = "Surat Pernyataan") -> list[str]:
    """Safe, distinct file names for ``names``: ``Surat_Pernyataan_<name>.pdf`` (or the
    ``document`` named), then ``_2``, ``_3`` for later people of the same name (compared
    without regard to case)."""
    seen: set[str] = set()
    out = []
    prefix = document.replace(" ", "_")
    for name in names:
        stem = f"{prefix}_{_file_stem(name)}"
        candidate, n = stem, 1
        while candidate.lower() in seen:
            n += 1
            candidate = f"{stem}_{n}"
        seen.add(candidate.lower())
        out.append(candidate + ".pdf")
    return out


def write_certificates_separate(folder: str | os.PathLike[str], record: EventRecord,
                                attendee_ids: Iterable[int] | None = None,
                                progress: Progress = None,
                                sign: Callable[[bytes], bytes] | None = None) -> list[Path]:
    """One PDF per person in ``folder`` (which must exist), named after them; returns the paths
    in the order written. ``sign``, when given, is applied to each file's bytes before anything
    is written (as in :func:`write_certificates_combined`).

    Every file is built in memory first, so a cancel through ``progress`` (or any error while
    building) writes nothing. Each file is then written atomically; if writing one fails, the
    files this call had newly created are removed again and the error propagates.

    Raises:
        CertificateError: as :func:`build_certificates`.
        OSError: the folder does not exist or is not writable, the disk is full...
    """
    target = Path(folder)
    if not target.is_dir():
        raise FileNotFoundError(f"folder not found: {target}")
    people = _people(record, attendee_ids)
    names = certificate_file_names([attendee.name for attendee, _, _ in people],
                                   document_name(record.event))
    keep: Callable[[bytes], bytes] = sign if sign is not None else bytes
    files = [(target / name, keep(_render(record, [person], progress, index, len(people))))
             for index, (person, name) in enumerate(zip(people, names, strict=True))]
    created: list[Path] = []
    written: list[Path] = []
    try:
        for path, data in files:
            existed = path.exists()
            write_atomically(path, data)
            written.append(path)
            if not existed:
                created.append(path)
    except BaseException:
        for path in created:
            with contextlib.suppress(OSError):
                path.unlink()
        raise
    return written
