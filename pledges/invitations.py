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

import functools
import itertools
import os
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import time
from io import BytesIO
from pathlib import Path

import qrcode
import qrcode.util
from qrcode.constants import ERROR_CORRECT_H
from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.pdfgen.canvas import Canvas

from events.categories import Category
from events.model import Attendee, Event
from pledges.dates import format_long_date
from pledges.files import write_atomically

__all__ = [
    "QR_PREFIX",
    "InvitationError",
    "build_invitations",
    "qr_payload",
    "register_fonts",
    "write_invitations",
]

Progress = Callable[[int, int], object]
Point = tuple[int, int]

QR_PREFIX = "IKR-"

FONT_DIR = Path(__file__).resolve().parent.parent / "resources" / "fonts"
SANS = "IkrarSans"
SANS_BOLD = "IkrarSans-Bold"
_FONT_FILES = {SANS: "DejaVuSans.ttf", SANS_BOLD: "DejaVuSans-Bold.ttf"}
_font_lock = threading.Lock()
_fonts_registered = False

# Page: A4 portrait, 2 columns x 4 rows of cards that touch, so one cut separates two cards.
PAGE_W, PAGE_H = A4
COLUMNS, ROWS = 2, 4
CARDS_PER_PAGE = COLUMNS * ROWS
CARD_W = 95 * mm
CARD_H = 70.5 * mm
MARGIN_X = (PAGE_W - COLUMNS * CARD_W) / 2  # 10 mm
MARGIN_Y = (PAGE_H - ROWS * CARD_H) / 2  # 7.5 mm, inside what office printers can print
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

BLACK = Color(0, 0, 0)
GREY = Color(0.33, 0.33, 0.33)
RULE_GREY = Color(0.6, 0.6, 0.6)
ELLIPSIS = "\u2026"
NOTE = "Tunjukkan kode QR ini di meja registrasi."


class InvitationError(ValueError):
    """The invitations cannot be made from this input (no one to invite, a missing token)."""


def qr_payload(token: str) -> str:
    """What the QR code on an invitation holds: ``"IKR-" + token``."""
    return QR_PREFIX + token


def register_fonts() -> None:
    """Register the bundled DejaVu Sans faces as IkrarSans / IkrarSans-Bold, once per process.

    Raises:
        FileNotFoundError: a font file is missing from resources/fonts.
    """
    global _fonts_registered
    with _font_lock:
        if _fonts_registered:
            return
        for name, filename in _FONT_FILES.items():
            path = FONT_DIR / filename
            try:
                pdfmetrics.registerFont(TTFont(name, str(path)))
            except TTFError as exc:
                raise FileNotFoundError(f"font file missing or unreadable: {path}") from exc
        pdfmetrics.registerFontFamily(SANS, normal=SANS, bold=SANS_BOLD, italic=SANS,
                                      boldItalic=SANS_BOLD)
        _fonts_registered = True


# --- fitting text into boxes -------------------------------------------------------------------

def _width(text: str, font: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, font, size)


def _clip(text: str, font: str, size: float, width: float) -> str:
    """``text`` cut with an ellipsis so that it fits ``width``."""
    if _width(text, font, size) <= width:
        return text
    while text and _width(text.rstrip(" ,.") + ELLIPSIS, font, size) > width:
        text = text[:-1]
    return text.rstrip(" ,.") + ELLIPSIS


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy word wrap; a word longer than a whole line is broken between characters."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if _width(candidate, font, size) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        while len(word) > 1 and _width(word, font, size) > width:
            cut = len(word) - 1
            while cut > 1 and _width(word[:cut], font, size) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    return lines


@dataclass(frozen=True)
class _Text:
    """Lines fitted to a box, at one font and size."""

    lines: tuple[str, ...]
    font: str
    size: float
    leading: float
    complete: bool = True  # False when the text had to be cut with an ellipsis

    @property
    def height(self) -> float:
        return len(self.lines) * self.leading


def _fit(text: str, font: str, width: float, sizes: tuple[float, float], max_lines: int,
         max_height: float | None = None, leading: float = 1.2) -> _Text:
    """Wrap ``text`` into at most ``max_lines`` lines (and ``max_height``), shrinking from
    ``sizes[0]`` down to ``sizes[1]`` in half points; at the smallest size whatever is left over
    is cut with an ellipsis."""
    text = " ".join(text.split())
    largest, smallest = sizes
    size = largest
    while True:
        allowed = max_lines
        if max_height is not None:
            allowed = min(allowed, int(max_height // (size * leading)))
        allowed = max(allowed, 1)
        lines = _wrap(text, font, size, width) or [""]
        if len(lines) <= allowed:
            return _Text(tuple(lines), font, size, size * leading)
        if size - 0.5 < smallest:
            kept = lines[:allowed]
            kept[-1] = _clip(" ".join([kept[-1], *lines[allowed:]]), font, size, width)
            return _Text(tuple(kept), font, size, size * leading, complete=False)
        size -= 0.5


def _draw_text(c: Canvas, text: _Text, x: float, top: float, align: str = "left",
               width: float = 0, color: Color = BLACK) -> float:
    """Draw ``text`` with its first line's ascent at ``top``; returns the y under its last line."""
    c.setFillColor(color)
    c.setFont(text.font, text.size)
    y = top - text.size * 0.9
    for line in text.lines:
        if align == "center":
            c.drawCentredString(x + width / 2, y, line)
        else:
            c.drawString(x, y, line)
        y -= text.leading
    return top - text.height


# --- what is the same on every card of a document ---------------------------------------------

def _format_time(value: time) -> str:
    return f"{value.hour:02d}.{value.minute:02d}"


def _time_range(event: Event) -> str:
    if event.start_time is None:
        return ""
    end = _format_time(event.end_time) if event.end_time else "selesai"
    return f"{_format_time(event.start_time)} \u2013 {end}"


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


def _read_logo(data: bytes | None) -> ImageReader | None:
    if not data:
        return None
    try:
        logo = ImageReader(BytesIO(data))
        logo.getSize()
    except Exception as exc:  # Pillow raises many kinds of error on a broken image
        raise InvitationError("Logo acara tidak dapat dibaca sebagai gambar.") from exc
    return logo


def _layout(event: Event) -> _Layout:
    """Fit what every card of ``event`` shares, and place the QR code under the title."""
    logo = _read_logo(event.logo)
    top = CARD_H - PAD
    # Kop surat: institution over organizing unit, centred on the card, the logo on the left.
    head_w = CARD_W - 2 * PAD - (2 * (LOGO + 2 * mm) if logo else 0)
    head = [line for line in (event.institution.upper(), event.organizer_unit) if line.strip()]
    letterhead: list[_Text] = []
    if len(head) > 1:
        letterhead.append(_fit(head[1], SANS, head_w, (7.5, 5.5), 1))
    if head:  # one line if it fits down to 7 pt, else two in the height the logo takes
        first = _fit(head[0], SANS_BOLD, head_w, (8.5, 7.0), 1)
        if not first.complete:
            room = LOGO + 0.5 * mm - sum(text.height for text in letterhead)
            first = _fit(head[0], SANS_BOLD, head_w, (7.0, 5.5), 2, max_height=room)
        letterhead.insert(0, first)
    rule_y = top - LOGO - 0.8 * mm

    title_label = _fit("UNDANGAN", SANS_BOLD, CARD_W, (6.5, 6.5), 1)
    title = _fit(event.name, SANS_BOLD, CARD_W - 2 * PAD, (9.5, 7.0), 2)
    title_top = rule_y - 2.2 * mm
    body_top = title_top - title_label.height - 0.5 * mm - title.height - 1.5 * mm

    # Hari/Tanggal, Waktu, Tempat: the values share the size the date fits at.
    value_w = LEFT_W - _value_x()
    day = _fit(format_long_date(event.event_date), SANS_BOLD, value_w, (7.5, 6.0), 1)
    rows: list[tuple[str, _Text]] = [("Hari/Tanggal", day)]
    if event.start_time is not None:
        rows.append(("Waktu", _fit(_time_range(event), SANS_BOLD, value_w, (day.size, 6.0), 1)))
    if event.venue.strip():
        # Two lines, a little smaller, leave more room for the names than three lines would.
        venue = _fit(event.venue, SANS_BOLD, value_w, (day.size, 6.5), 2)
        if not venue.complete:
            venue = _fit(event.venue, SANS_BOLD, value_w, (day.size, 6.0), 3)
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

def _draw_cut_lines(c: Canvas, slot: int, on_page: int) -> None:
    """Dashed cut lines around the card in ``slot``: its top and left edges, and its right and
    bottom edges where no card follows (so no line is drawn twice)."""
    row, col = divmod(slot, COLUMNS)
    c.setStrokeColor(RULE_GREY)
    c.setLineWidth(0.4)
    c.setDash(3, 2)
    c.line(0, CARD_H, CARD_W, CARD_H)
    c.line(0, 0, 0, CARD_H)
    if col == COLUMNS - 1 or slot + 1 >= on_page:
        c.line(CARD_W, 0, CARD_W, CARD_H)
    if row == ROWS - 1 or slot + COLUMNS >= on_page:
        c.line(0, 0, CARD_W, 0)
    c.setDash()


def _draw_letterhead(c: Canvas, lay: _Layout) -> None:
    top = CARD_H - PAD
    if lay.logo is not None:
        c.drawImage(lay.logo, PAD, top - LOGO, LOGO, LOGO, preserveAspectRatio=True,
                    anchor="c", mask="auto")
    height = sum(text.height for text in lay.letterhead)
    y = top - (LOGO - height) / 2
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


def _place_of(attendee: Attendee) -> str:
    """The unit, or for a guest the institution (PWI, Kejaksaan Negeri...)."""
    first, second = attendee.unit, attendee.institution
    if attendee.category is Category.TAMU:
        first, second = second, first
    return " ".join((first.strip() or second.strip()).split())


def _fit_name(name: str, room: float) -> _Text:
    """One line if the name fits down to 9 pt, else up to four lines down to 6 pt."""
    one_line = _fit(name, SANS_BOLD, LEFT_W, (11.0, 9.0), 1, max_height=room)
    if one_line.complete:
        return one_line
    return _fit(name, SANS_BOLD, LEFT_W, (10.0, 6.0), 4, max_height=room)


def _recipient_lines(attendee: Attendee, lay: _Layout) -> tuple[_Text, ...]:
    """The person's block fitted into the room between the title and the schedule: the name
    gets what the greeting, category and unit leave; it shrinks before it is ever cut, and the
    unit gives up its second line before the name loses a word."""
    room = lay.body_top - lay.schedule_top - 2 * mm
    greeting = _fit("Kepada Yth.", SANS, LEFT_W, (6.5, 6.5), 1)
    category = _fit(attendee.category.label, SANS, LEFT_W, (7.5, 6.0), 1)
    where = _place_of(attendee)
    fixed = greeting.height + 0.8 * mm + category.height
    place = _fit(where, SANS, LEFT_W, (7.5, 6.0), 2) if where else None
    name = _fit_name(attendee.name, room - fixed - (place.height if place else 0))
    if not name.complete and place is not None and len(place.lines) > 1:
        place = _fit(where, SANS, LEFT_W, (7.5, 6.0), 1)
        name = _fit_name(attendee.name, room - fixed - place.height)
    return tuple(t for t in (greeting, name, category, place) if t is not None)


def _draw_recipient(c: Canvas, attendee: Attendee, lay: _Layout) -> None:
    greeting, name, *rest = _recipient_lines(attendee, lay)
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


# --- the QR code ----------------------------------------------------------------------------------
#
# qrcode picks the mask pattern the standard way, by building the symbol under each of the eight
# masks and scoring each (ISO/IEC 18004 penalty rules); in pure Python that is 4 ms a symbol,
# most of the time for a thousand cards. Here qrcode encodes and places the data once (mask 0)
# and the other seven masks are derived by flipping the data modules, scored on bit strings,
# the same rules and the same tie-break: the result is the same symbol qrcode would make
# (tests/test_invitations.py checks it), about three times faster.

_FORMAT_EC = ERROR_CORRECT_H  # 2: the error correction level as written in the format bits


@dataclass(frozen=True)
class _QrGrid:
    """Per QR version (never per person): where the data and format modules are, as bit masks
    per row (bit ``n - 1 - column``)."""

    size: int
    flips: tuple[tuple[int, ...], ...]  # per mask k: data modules where mask 0 and k differ
    format_clear: tuple[int, ...]  # per row: all but the format modules and the dark module
    format_bits: tuple[tuple[int, ...], ...]  # per mask k: the format modules that are dark


def _format_cells(n: int) -> list[tuple[Point, Point]]:
    """The two places of format bit i (i = 0..14), in the order qrcode writes them."""
    vertical = [(i, 8) if i < 6 else (i + 1, 8) if i < 8 else (n - 15 + i, 8) for i in range(15)]
    horizontal = [(8, n - i - 1) if i < 8 else (8, 15 - i) if i < 9 else (8, 14 - i)
                  for i in range(15)]
    return list(zip(vertical, horizontal, strict=True))


@functools.lru_cache(maxsize=4)
def _qr_grid(version: int) -> _QrGrid:
    n = 4 * version + 17
    function: set[Point] = set()
    for r0, c0 in ((0, 0), (0, n - 8), (n - 8, 0)):  # finder patterns with their separators
        function.update((r, c) for r in range(r0, r0 + 8) for c in range(c0, c0 + 8))
    centres = qrcode.util.pattern_position(version)
    for r in centres:  # alignment patterns, except where a finder pattern is
        for c in centres:
            if (r, c) not in function:
                function.update((r + i, c + j) for i in range(-2, 3) for j in range(-2, 3))
    function.update((6, i) for i in range(n))  # timing patterns
    function.update((i, 6) for i in range(n))
    function.update((8, c) for c in (*range(9), *range(n - 8, n)))  # format bits, dark module
    function.update((r, 8) for r in (*range(9), *range(n - 8, n)))
    if version >= 7:  # version information
        function.update((r, c) for r in range(6) for c in range(n - 11, n - 8))
        function.update((r, c) for r in range(n - 11, n - 8) for c in range(6))

    masks = [qrcode.util.mask_func(k) for k in range(8)]
    flips = []
    for k in range(8):
        rows = [0] * n
        for r in range(n):
            for c in range(n):
                if (r, c) not in function and masks[0](r, c) != masks[k](r, c):
                    rows[r] |= 1 << (n - 1 - c)
        flips.append(tuple(rows))
    full = (1 << n) - 1
    clear = [full] * n
    cells = _format_cells(n)
    for pair in cells:
        for r, c in pair:
            clear[r] &= ~(1 << (n - 1 - c))
    clear[n - 8] &= ~(1 << (n - 1 - 8))
    format_bits = []
    for k in range(8):
        bits = qrcode.util.BCH_type_info((_FORMAT_EC << 3) | k)
        rows = [0] * n
        for i, pair in enumerate(cells):
            if (bits >> i) & 1:
                for r, c in pair:
                    rows[r] |= 1 << (n - 1 - c)
        rows[n - 8] |= 1 << (n - 1 - 8)  # the dark module
        format_bits.append(tuple(rows))
    return _QrGrid(n, tuple(flips), tuple(clear), tuple(format_bits))


_RUN = re.compile(r"0{5,}|1{5,}")
_FINDER_CORE = "1011101"


def _penalty(rows: list[int], n: int) -> int:
    """The four ISO/IEC 18004 penalty scores of a symbol given as row bit masks (as qrcode's
    ``util.lost_point`` counts them)."""
    lines = [format(row, f"0{n}b") for row in rows]
    # Rows and columns in one string, kept apart by a character neither pattern contains.
    text = "2".join(lines + ["".join(column) for column in zip(*lines, strict=True)])
    runs = _RUN.findall(text)
    score = sum(map(len, runs)) - 2 * len(runs)  # N1: 3 + (length - 5) for each run of 5+
    # N3: dark-light-dark-light-dark 1:1:3:1:1 with four light modules before or after it.
    at = text.find(_FINDER_CORE)
    while at >= 0:
        score += 40 * ((text[at - 4:at] == "0000") + (text[at + 7:at + 11] == "0000"))
        at = text.find(_FINDER_CORE, at + 1)
    inner = (1 << (n - 1)) - 1
    for a, b in itertools.pairwise(rows):  # N2: 2x2 blocks of one colour
        same = ~(a ^ b) & ~(a ^ (a >> 1)) & ~(b ^ (b >> 1)) & inner
        score += 3 * same.bit_count()
    dark = sum(row.bit_count() for row in rows)  # N4: balance of dark and light
    return score + int(abs(dark / (n * n) * 100 - 50) / 5) * 10


def _qr_rows(payload: str) -> tuple[int, list[int]]:
    """The QR symbol for ``payload``, without its quiet zone: its size in modules and each row
    from the top as a bit mask (bit ``size - 1 - column`` set for a dark module). Error
    correction H (30 %): a card may be folded, creased or written on."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_H, border=0, mask_pattern=0)
    code.add_data(payload)
    code.make(fit=True)
    grid = _qr_grid(code.version)
    n = grid.size
    base = [int("".join("1" if v else "0" for v in row), 2) for row in code.modules]
    best_rows: list[int] = []
    best = -1
    for k in range(8):  # scored with the format modules light, as qrcode does
        rows = [(row ^ flip) & clear for row, flip, clear
                in zip(base, grid.flips[k], grid.format_clear, strict=True)]
        score = _penalty(rows, n)
        if best < 0 or score < best:
            best = score
            best_rows = [row | bits for row, bits in zip(rows, grid.format_bits[k], strict=True)]
    return n, best_rows


def _qr_matrix(payload: str) -> list[list[bool]]:
    """The symbol as rows of booleans (True: dark), as ``qrcode.QRCode.get_matrix`` gives it."""
    n, rows = _qr_rows(payload)
    return [[ch == "1" for ch in format(row, f"0{n}b")] for row in rows]


def _runs(bits: int, n: int) -> Iterator[tuple[int, int]]:
    """The runs of set bits in an ``n``-bit line (bit ``n - 1 - i`` for place ``i``), as
    (first place, one past the last place)."""
    while bits:
        low = bits & -bits
        run = bits & ~(bits + low)
        bits &= ~run
        yield n - run.bit_length(), n - low.bit_length() + 1


def _qr_outline(n: int, rows: Sequence[int]) -> list[list[Point]]:
    """The outline of the dark modules as closed polygons in module units (x right, y down).

    Edges between two dark modules are left out, so the code is filled as a few polygons with
    no inner seams (abutting squares show hairlines in anti-aliasing viewers). Every boundary
    edge runs with the dark side on the same hand, so holes wind the other way round and the
    non-zero fill rule leaves them white. Edges are whole runs, found with bit arithmetic on
    the rows (horizontal edges) and on the columns (vertical ones).
    """
    lines = [format(row, f"0{n}b") for row in rows]
    columns = [int("".join(column), 2) for column in zip(*lines, strict=True)]
    following: dict[Point, list[Point]] = {}
    starting = following.setdefault
    for r, row in enumerate(rows):
        above = rows[r - 1] if r else 0
        below = rows[r + 1] if r + 1 < n else 0
        for first, past in _runs(row & ~above, n):  # light above: rightwards along the top
            starting((first, r), []).append((past, r))
        for first, past in _runs(row & ~below, n):  # light below: leftwards along the bottom
            starting((past, r + 1), []).append((first, r + 1))
    for c, column in enumerate(columns):
        left = columns[c - 1] if c else 0
        right = columns[c + 1] if c + 1 < n else 0
        for first, past in _runs(column & ~left, n):  # light on the left: upwards
            starting((c, past), []).append((c, first))
        for first, past in _runs(column & ~right, n):  # light on the right: downwards
            starting((c + 1, first), []).append((c + 1, past))

    loops: list[list[Point]] = []
    while following:
        start = point = next(iter(following))
        loop = []
        while True:
            loop.append(point)
            ends = following[point]
            nxt = ends.pop()
            if not ends:
                del following[point]
            if nxt == start:
                break
            point = nxt
        loops.append(loop)
    return loops


def _draw_qr(c: Canvas, token: str, lay: _Layout) -> None:
    """The QR code as one filled path, then the token printed under it."""
    n, rows = _qr_rows(qr_payload(token))
    module = QR_SIZE / n
    # The outline in whole modules, under a transform that maps modules onto the card (y down):
    # integers format fast and exactly. Written as PDF operators; "f" fills non-zero winding.
    ops = [f"q 0 g {module:.4f} 0 0 {-module:.4f} {lay.qr_x:.3f} {lay.qr_y + QR_SIZE:.3f} cm"]
    for loop in _qr_outline(n, rows):
        (x0, y0), *rest = loop
        ops.append(f"{x0} {y0} m " + " ".join(f"{x} {y} l" for x, y in rest) + " h")
    ops.append("f Q")
    c.addLiteral("\n".join(ops))

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
    _draw_cut_lines(c, slot, on_page)
    c.doForm(CARD_FORM)
    _draw_recipient(c, attendee, lay)
    _draw_qr(c, attendee.token or "", lay)


# --- the documents --------------------------------------------------------------------------------

def _card_origin(slot: int) -> tuple[float, float]:
    row, col = divmod(slot, COLUMNS)
    return MARGIN_X + col * CARD_W, PAGE_H - MARGIN_Y - (row + 1) * CARD_H


def build_invitations(event: Event, attendees: Sequence[Attendee],
                      progress: Progress | None = None) -> bytes:
    """The invitation cards of ``attendees`` as one PDF, eight A4 cards to a page.

    ``progress(done, total)`` is called after each card; if it raises, building stops and the
    exception propagates (that is how a cancel button stops a long run).

    Raises:
        InvitationError: no attendees, an attendee without an invitation token, or an event logo
            that is not an image.
    """
    if not attendees:
        raise InvitationError("Tidak ada peserta untuk dibuatkan undangan.")
    missing = [a.name for a in attendees if not (a.token and a.token.strip())]
    if missing:
        more = f" dan {len(missing) - 3} lainnya" if len(missing) > 3 else ""
        raise InvitationError("Belum punya kode undangan: " + ", ".join(missing[:3]) + more)
    register_fonts()
    lay = _layout(event)
    buffer = BytesIO()
    c = Canvas(buffer, pagesize=A4, pageCompression=1, lang="id", initialFontName=SANS,
               initialFontSize=8)
    c.setTitle(f"Undangan \u2013 {event.name}")
    c.setAuthor(event.institution or event.organizer_unit)
    c.setSubject(f"Kartu undangan, {len(attendees)} orang")
    c.setCreator("Ikrar")
    c.beginForm(CARD_FORM, 0, 0, CARD_W, CARD_H)
    _draw_shared(c, lay)
    c.endForm()
    total = len(attendees)
    for index, attendee in enumerate(attendees):
        slot = index % CARDS_PER_PAGE
        if index and slot == 0:
            c.showPage()
        on_page = min(CARDS_PER_PAGE, total - (index - slot))
        x, y = _card_origin(slot)
        c.saveState()
        c.translate(x, y)
        _draw_card(c, attendee, lay, slot, on_page)
        c.restoreState()
        if progress is not None:
            progress(index + 1, total)
    c.showPage()
    c.save()
    return buffer.getvalue()


def write_invitations(path: str | os.PathLike[str], event: Event,
                      attendees: Sequence[Attendee], progress: Progress | None = None) -> None:
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
