"""Invitation cards: one PDF, eight cards to an A4 page, each with a QR code to scan at the desk.

A card carries the letterhead, the event, the person invited (name with titles, category, unit
or institution), the day in Indonesian ("Kamis, 2 November 2023"), the time and the venue, and a
QR code holding ``"IKR-" + token``: the random invitation code, never the NIP. The token is also
printed under the code so that the desk can type it when a scan fails.

Drawn onto a ``Canvas(BytesIO)`` by small renderers, one per part of the card. Everything that is
the same on every card (letterhead, event title, date, time, venue) is fitted and drawn once, into
a PDF form that every card places; per person only the name block and the QR code are made.
Text is fitted into its box by wrapping, then shrinking, then cutting with an ellipsis: it never
runs out of its card nor into the QR code's quiet zone. Fonts: the bundled DejaVu Sans, embedded.

No Qt here: the desk's worker thread and ``main.py invitations`` both call these functions.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO

from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from events import scan, text_safety
from events.dates import format_long_date, time_range
from events.model import Attendee, Event, affiliation
from pledges.documents import pdfa
from pledges.documents.letterhead import read_logo
from pledges.documents.toolkit import (
    BLACK,
    SANS,
    SANS_BOLD,
    Progress,
    a4_canvas,
    document_info,
    draw_qr,
    register_fonts,
)
from pledges.documents.toolkit import FittedText as _Text
from pledges.documents.toolkit import draw_text as _draw_text
from pledges.documents.toolkit import fit as _fit
from pledges.documents.toolkit import text_width as _width
from pledges.files import write_atomically

__all__ = [
    "QR_PREFIX",
    "InvitationError",
    "build_invitations",
    "qr_payload",
    "register_fonts",
    "write_invitations",
]

Point = tuple[int, int]

QR_PREFIX = scan.PREFIX

# Page: A4 portrait, 2 columns x 4 rows of cards that touch, so one cut separates two cards.
PAGE_W, PAGE_H = A4
COLUMNS, ROWS = 2, 4
CARDS_PER_PAGE = COLUMNS * ROWS
CARD_W = 95 * mm
CARD_H = 70.5 * mm
MARGIN_X = (PAGE_W - COLUMNS * CARD_W) / 2  # 10 mm
MARGIN_Y = (PAGE_H - ROWS * CARD_H) / 2  # 7.5 mm, inside what office printers can print
MIN_MARGIN_Y = 7.5 * mm
PAD = 4 * mm

# The QR symbol (without its quiet zone) is 28 mm square: well above the 2.5 cm needed to scan
# from paper, even printed "shrink to fit". Version 2-H (25 modules) holds "IKR-" + 16 base32
# characters in alphanumeric mode, so a module is 1.12 mm and the four-module quiet zone 4.5 mm.
QR_SIZE = 28 * mm
QR_QUIET = 4.5 * mm
QR_RIGHT = 5 * mm  # from the card's right edge to the symbol: more than the quiet zone
TOKEN_SIZE = 7.5
LOGO = 8 * mm
LEFT_W = CARD_W - PAD - QR_RIGHT - QR_SIZE - QR_QUIET  # the text column left of the QR code
LABEL_SIZE = 7.0
CAP_HEIGHT = 0.73  # of DejaVu Sans, in ems: the token is all capitals and digits

GREY = Color(0.33, 0.33, 0.33)
RULE_GREY = Color(0.6, 0.6, 0.6)
NOTE = "Tunjukkan kode QR ini di meja registrasi."


class InvitationError(ValueError):
    """The invitations cannot be made from this input (no one to invite, a missing token)."""


def qr_payload(token: str) -> str:
    """What the QR code on an invitation holds: ``"IKR-" + token``."""
    return QR_PREFIX + token


# --- what is the same on every card of a document ---------------------------------------------

@dataclass(frozen=True)
class _Layout:
    """Everything fitted once per document; positions are in the card's own coordinates
    (origin at the card's lower left corner)."""

    logo: ImageReader | None
    letterhead: tuple[_Text, ...]
    rule_y: float
    title_label: _Text
    title: _Text
    body_top: float
    schedule: tuple[tuple[str, _Text], ...]
    schedule_top: float
    note: _Text
    qr_x: float
    qr_y: float
    token_y: float
    card_h: float = CARD_H  # taller than the standard card when a text needs it
    rows: int = ROWS  # cards down a page

    @property
    def per_page(self) -> int:
        return COLUMNS * self.rows

    @property
    def margin_y(self) -> float:
        return (PAGE_H - self.rows * self.card_h) / 2


def _layout(event: Event, attendees: Sequence[Attendee] = ()) -> _Layout:
    """Fit what every card of ``event`` shares, and place the QR code under the title. Every
    text wraps whole; when the longest recipient, title or venue needs more than the standard
    card, every card of the document is made that much taller (fewer to a page)."""
    standard = _layout_for(event, CARD_H)
    room = _recipient_room(standard)
    extra = max([0.0, *(_recipient_height(a, room) - room for a in attendees)])
    if extra <= 0 and standard.qr_y >= PAD - 1 * mm:
        return standard
    card_h = CARD_H + extra
    rows = max(1, int((PAGE_H - 2 * MIN_MARGIN_Y) // card_h))
    lay = _layout_for(event, card_h)
    return _Layout(**{**lay.__dict__, "card_h": card_h, "rows": rows})


def _layout_for(event: Event, card_h: float) -> _Layout:
    logo = read_logo(event.logo)
    top = card_h - PAD
    # Kop surat: institution over organizing unit, centred on the card, the logo on the left.
    # The card's own arrangement, not pledges.documents.letterhead's page letterhead: an 8 mm
    # logo on a 95 mm card, the institution on one line if it fits down to 7 pt, the unit in
    # mixed case and regular weight under it. Its logo policy is the shared one (read_logo).
    head_w = CARD_W - 2 * PAD - (2 * (LOGO + 2 * mm) if logo else 0)
    head = [line for line in (event.institution.upper(), event.organizer_unit) if line.strip()]
    letterhead: list[_Text] = []
    if len(head) > 1:
        letterhead.append(_fit(head[1], SANS, head_w, (7.5, 6.5), 10_000))
    if head:  # one line if it fits down to 7 pt, else two in the height the logo takes
        first = _fit(head[0], SANS_BOLD, head_w, (8.5, 7.0), 1)
        if not first.complete:
            first = _fit(head[0], SANS_BOLD, head_w, (7.0, 7.0), 10_000)
        letterhead.insert(0, first)
    rule_y = top - max(LOGO, sum(text.height for text in letterhead)) - 0.8 * mm

    title_label = _fit("UNDANGAN", SANS_BOLD, CARD_W, (6.5, 6.5), 1)
    title = _fit(event.name, SANS_BOLD, CARD_W - 2 * PAD, (9.5, 8.0), 2)
    if not title.complete:
        title = _fit(event.name, SANS_BOLD, CARD_W - 2 * PAD, (8.0, 8.0), 10_000)
    title_top = rule_y - 2.2 * mm
    body_top = title_top - title_label.height - 0.5 * mm - title.height - 1.5 * mm

    # Hari/Tanggal, Waktu, Tempat: the values share the size the date fits at.
    value_w = LEFT_W - _value_x()
    day = _fit(format_long_date(event.event_date), SANS_BOLD, value_w, (7.5, 6.0), 1)
    rows: list[tuple[str, _Text]] = [("Hari/Tanggal", day)]
    if event.start_time is not None:
        rows.append(("Waktu", _fit(time_range(event), SANS_BOLD, value_w, (day.size, 6.0), 1)))
    if event.venue.strip():
        # Two lines, a little smaller, leave more room for the names than three lines would.
        venue = _fit(event.venue, SANS_BOLD, value_w, (day.size, 6.5), 2)
        if not venue.complete:
            venue = _fit(event.venue, SANS_BOLD, value_w, (6.5, 6.5), 10_000)
        rows.append(("Tempat", venue))
    note = _fit(NOTE, SANS, LEFT_W, (5.5, 5.0), 1)
    schedule_top = PAD + note.height + 1.2 * mm + sum(text.height for _, text in rows)

    # The QR code with its quiet zone all round, and the token under that, centred in the room
    # between the title and the bottom of the card.
    token_h = TOKEN_SIZE * CAP_HEIGHT
    bottom = PAD - 1 * mm
    block = QR_QUIET + QR_SIZE + QR_QUIET + token_h
    qr_y = bottom + token_h + QR_QUIET + max(0.0, (body_top - bottom - block) / 2)
    return _Layout(
        card_h=card_h,
        logo=logo, letterhead=tuple(letterhead), rule_y=rule_y, title_label=title_label,
        title=title, body_top=body_top, schedule=tuple(rows), schedule_top=schedule_top,
        note=note, qr_x=CARD_W - QR_RIGHT - QR_SIZE, qr_y=qr_y,
        token_y=qr_y - QR_QUIET - token_h,
    )


def _value_x() -> float:
    """Where schedule values start, after the widest label and the colon."""
    label_w = max(_width(label, SANS, LABEL_SIZE) for label in ("Hari/Tanggal", "Waktu", "Tempat"))
    return label_w + _width(" : ", SANS, LABEL_SIZE)


# --- renderers, one per part of a card ----------------------------------------------------------

def _draw_cut_lines(c: Canvas, slot: int, on_page: int, lay: _Layout) -> None:
    """Dashed cut lines around the card in ``slot``: its top and left edges, and its right and
    bottom edges where no card follows (so no line is drawn twice)."""
    row, col = divmod(slot, COLUMNS)
    c.setStrokeColor(RULE_GREY)
    c.setLineWidth(0.4)
    c.setDash(3, 2)
    card_h = lay.card_h
    c.line(0, card_h, CARD_W, card_h)
    c.line(0, 0, 0, card_h)
    if col == COLUMNS - 1 or slot + 1 >= on_page:
        c.line(CARD_W, 0, CARD_W, card_h)
    if row == lay.rows - 1 or slot + COLUMNS >= on_page:
        c.line(0, 0, CARD_W, 0)
    c.setDash()


def _draw_letterhead(c: Canvas, lay: _Layout) -> None:
    top = lay.card_h - PAD
    if lay.logo is not None:
        c.drawImage(lay.logo, PAD, top - LOGO, LOGO, LOGO, preserveAspectRatio=True,
                    anchor="c", mask="auto")
    height = sum(text.height for text in lay.letterhead)
    y = top - max(0.0, LOGO - height) / 2
    for text in lay.letterhead:
        y = _draw_text(c, text, PAD, y, align="center", width=CARD_W - 2 * PAD)
    c.setStrokeColor(BLACK)
    c.setLineWidth(1.1)
    c.line(PAD, lay.rule_y, CARD_W - PAD, lay.rule_y)
    c.setLineWidth(0.35)
    c.line(PAD, lay.rule_y - 0.7 * mm, CARD_W - PAD, lay.rule_y - 0.7 * mm)


def _draw_title(c: Canvas, lay: _Layout) -> None:
    y = lay.rule_y - 2.2 * mm
    c.setFillColor(GREY)
    c.setFont(lay.title_label.font, lay.title_label.size)
    c.drawCentredString(CARD_W / 2, y - lay.title_label.size * 0.9, lay.title_label.lines[0],
                        charSpace=1.6)
    y -= lay.title_label.height + 0.5 * mm
    _draw_text(c, lay.title, PAD, y, align="center", width=CARD_W - 2 * PAD)


def _fit_name(name: str, room: float) -> _Text:
    """One line if the name fits down to 9 pt, else wrapped into ``room`` down to 6.5 pt, else
    wrapped whole at 8 pt (the card then grows: :func:`_layout`)."""
    one_line = _fit(name, SANS_BOLD, LEFT_W, (11.0, 9.0), 1, max_height=room)
    if one_line.complete:
        return one_line
    wrapped = _fit(name, SANS_BOLD, LEFT_W, (10.0, 6.5), 10_000, max_height=room)
    if wrapped.complete:
        return wrapped
    return _fit(name, SANS_BOLD, LEFT_W, (8.0, 8.0), 10_000)


def public_text(text: str) -> str:
    """A name or unit as a card prints it: one line, no control or invisible characters, and
    no identity or phone number typed into it (the card promises no NIP)."""
    return text_safety.hide_numbers(" ".join(text_safety.clean(text or "")[0].split()))


def _recipient_lines(attendee: Attendee, room: float) -> tuple[_Text, ...]:
    """The person's block: greeting, name, category and affiliation, each wrapped whole; the
    name gets the ``room`` the others leave and shrinks to 8 pt before it needs more."""
    greeting = _fit("Kepada Yth.", SANS, LEFT_W, (6.5, 6.5), 1)
    category = _fit(attendee.category.label, SANS, LEFT_W, (7.5, 7.0), 10_000)
    where = public_text(affiliation(attendee))
    place = _fit(where, SANS, LEFT_W, (7.5, 7.0), 2) if where else None
    if place is not None and not place.complete:
        place = _fit(where, SANS, LEFT_W, (7.0, 7.0), 10_000)
    fixed = greeting.height + 0.8 * mm + category.height + (place.height if place else 0)
    name = _fit_name(public_text(attendee.name), room - fixed)
    return tuple(t for t in (greeting, name, category, place) if t is not None)


def _recipient_height(attendee: Attendee, room: float) -> float:
    return sum(t.height for t in _recipient_lines(attendee, room)) + 0.8 * mm


def _recipient_room(lay: _Layout) -> float:
    """Between the title and the schedule."""
    return lay.body_top - lay.schedule_top - 2 * mm


def _draw_recipient(c: Canvas, attendee: Attendee, lay: _Layout) -> None:
    greeting, name, *rest = _recipient_lines(attendee, _recipient_room(lay))
    y = _draw_text(c, greeting, PAD, lay.body_top, color=GREY) - 0.4 * mm
    y = _draw_text(c, name, PAD, y) - 0.4 * mm
    for text in rest:
        y = _draw_text(c, text, PAD, y)


def _draw_schedule(c: Canvas, lay: _Layout) -> None:
    y = lay.schedule_top
    value_x = PAD + _value_x()
    colon_x = value_x - _width(": ", SANS, LABEL_SIZE)
    for label, value in lay.schedule:
        baseline = y - value.size * 0.9
        c.setFillColor(GREY)
        c.setFont(SANS, LABEL_SIZE)
        c.drawString(PAD, baseline, label)
        c.drawString(colon_x, baseline, ":")
        y = _draw_text(c, value, value_x, y)
    _draw_text(c, lay.note, PAD, PAD + lay.note.height, color=GREY)


def _draw_qr(c: Canvas, token: str, lay: _Layout) -> None:
    """The QR code as one filled path, then the token printed under it."""
    draw_qr(c, qr_payload(token), lay.qr_x, lay.qr_y, QR_SIZE)

    # Under the quiet zone, centred on the symbol and allowed to be a little wider than it.
    printed = _fit(token, SANS_BOLD, QR_SIZE + 6 * mm, (TOKEN_SIZE, 5.5), 1)
    c.setFillColor(BLACK)
    c.setFont(printed.font, printed.size)
    c.drawCentredString(lay.qr_x + QR_SIZE / 2, lay.token_y, printed.lines[0])


CARD_FORM = "IkrarInvitationCard"


def _draw_shared(c: Canvas, lay: _Layout) -> None:
    """What every card shows alike, drawn once into a form that each card places."""
    _draw_letterhead(c, lay)
    _draw_title(c, lay)
    _draw_schedule(c, lay)


def _draw_card(c: Canvas, attendee: Attendee, lay: _Layout, slot: int, on_page: int) -> None:
    _draw_cut_lines(c, slot, on_page, lay)
    c.doForm(CARD_FORM)
    _draw_recipient(c, attendee, lay)
    _draw_qr(c, attendee.token or "", lay)


# --- the documents --------------------------------------------------------------------------------

def _card_origin(slot: int, lay: _Layout) -> tuple[float, float]:
    row, col = divmod(slot, COLUMNS)
    return MARGIN_X + col * CARD_W, PAGE_H - lay.margin_y - (row + 1) * lay.card_h


def build_invitations(event: Event, attendees: Sequence[Attendee],
                      progress: Progress = None) -> bytes:
    """The invitation cards of ``attendees`` as one PDF, eight A4 cards to a page.

    ``progress(done, total)`` is called after each card; if it raises, building stops and the
    exception propagates (that is how a cancel button stops a long run).

    Raises:
        InvitationError: no attendees, or an attendee without an invitation token. (A logo
            that is not an image is left out: pledges.documents.letterhead.)
    """
    if not attendees:
        raise InvitationError("Tidak ada peserta untuk dibuatkan undangan.")
    missing = [a.name for a in attendees if not (a.token and a.token.strip())]
    if missing:
        more = f" dan {len(missing) - 3} lainnya" if len(missing) > 3 else ""
        raise InvitationError("Belum punya kode undangan: " + ", ".join(missing[:3]) + more)
    register_fonts()
    lay = _layout(event, attendees)
    buffer = BytesIO()
    c = a4_canvas(buffer, 8)
    info = document_info(event, f"Undangan \u2013 {event.name}",
                         f"Kartu undangan, {len(attendees)} orang")
    info.apply(c)
    c.beginForm(CARD_FORM, 0, 0, CARD_W, lay.card_h)
    _draw_shared(c, lay)
    c.endForm()
    total = len(attendees)
    for index, attendee in enumerate(attendees):
        slot = index % lay.per_page
        if index and slot == 0:
            c.showPage()
        on_page = min(lay.per_page, total - (index - slot))
        x, y = _card_origin(slot, lay)
        c.saveState()
        c.translate(x, y)
        _draw_card(c, attendee, lay, slot, on_page)
        c.restoreState()
        if progress is not None:
            progress(index + 1, total)
    c.showPage()
    c.save()
    return pdfa.finish(buffer.getvalue(), info)


def write_invitations(path: str | os.PathLike[str], event: Event,
                      attendees: Sequence[Attendee], progress: Progress = None) -> None:
    """Build the invitations and write them to ``path`` atomically.

    The PDF is built in memory first (a cancel through ``progress`` touches no file), then
    written to a temporary file in the same folder, flushed to disk and renamed over ``path``.
    On any failure the temporary file is removed and ``path`` is left as it was.

    Raises:
        InvitationError: as :func:`build_invitations`.
        OSError: the folder does not exist, is not writable, the disk is full...
    """
    data = build_invitations(event, attendees, progress)
    write_atomically(path, data)
