"""Shared PDF machinery for every document Ikrar prints: the embedded fonts, text fitted into
boxes (wrap, then shrink, then cut with an ellipsis: never overflow), and QR codes drawn as one
vector path.

Fonts: the bundled DejaVu Sans faces, registered once per process as ``IkrarSans`` and
``IkrarSans-Bold`` and embedded (subset) in every PDF, so a document prints the same anywhere.

No Qt here.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab import rl_config
from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.pdfgen.canvas import Canvas

if TYPE_CHECKING:
    from events.model import Event
    from pledges.strokes import Stroke

__all__ = [
    "BLACK",
    "DocumentInfo",
    "document_info",
    "ELLIPSIS",
    "FONT_DIR",
    "SANS",
    "SANS_BOLD",
    "FittedText",
    "clip",
    "draw_qr",
    "draw_qr_rows",
    "draw_signature",
    "draw_text",
    "fit",
    "qr_matrix",
    "qr_rects",
    "qr_rows",
    "register_fonts",
    "signature_ops",
    "text_width",
    "wrap",
]

# Compressed streams are written as binary, not ASCII85 text: a fifth smaller files and, without
# reportlab's C accelerator, a fifth less time to write 1,000 certificates.
rl_config.useA85 = 0


FONT_DIR = Path(__file__).resolve().parents[2] / "resources" / "fonts"
SANS = "IkrarSans"
SANS_BOLD = "IkrarSans-Bold"
_FONT_FILES = {SANS: "DejaVuSans.ttf", SANS_BOLD: "DejaVuSans-Bold.ttf"}
_font_lock = threading.Lock()
_fonts_registered = False

# How a long job reports: progress(done, total) as the work goes; None when nobody listens.
Progress = Callable[[int, int], object] | None

BLACK = Color(0, 0, 0)
ELLIPSIS = "\u2026"


def a4_canvas(buffer: BytesIO, font_size: float) -> Canvas:
    """An A4 canvas for an Indonesian document, compressed, its text starting in :data:`SANS`
    at ``font_size`` (the certificates' and the invitations' pages)."""
    # types-reportlab declares initialFontName a float; reportlab takes the font's name.
    return Canvas(buffer, pagesize=A4, pageCompression=1, lang="id",
                  initialFontName=SANS,  # type: ignore[arg-type]
                  initialFontSize=font_size)


@dataclass(frozen=True)
class DocumentInfo:
    """A PDF's document information, alike in every document Ikrar makes: the title, the
    institution as author, what the document is as subject, the event's code as keywords,
    Ikrar as creator."""

    title: str
    author: str
    subject: str
    keywords: str
    creator: str = "Ikrar"

    def apply(self, c: Canvas) -> None:
        c.setTitle(self.title)
        c.setAuthor(self.author)
        c.setSubject(self.subject)
        c.setKeywords(self.keywords)
        c.setCreator(self.creator)


def document_info(event: Event, title: str, subject: str) -> DocumentInfo:
    """The information of a document of ``event``: author = the institution (else the
    organizing unit), keywords = the event's code (its uid; an event not stored yet has none,
    and its name stands in). :func:`pledges.documents.pdfa.finish` writes it into the document
    information and the XMP metadata alike."""
    author = event.institution.strip() or event.organizer_unit.strip() or "Ikrar"
    keywords = event.uid.strip() or " ".join(event.name.split())
    return DocumentInfo(" ".join(title.split()), author, subject, keywords)


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


# --- fitting text into boxes ---------------------------------------------------------------------

def text_width(text: str, font: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, font, size)


def clip(text: str, font: str, size: float, width: float) -> str:
    """``text`` cut with an ellipsis so that it fits ``width``."""
    if text_width(text, font, size) <= width:
        return text
    while text and text_width(text.rstrip(" ,.") + ELLIPSIS, font, size) > width:
        text = text[:-1]
    return text.rstrip(" ,.") + ELLIPSIS


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy word wrap; a word longer than a whole line is broken between characters."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if text_width(candidate, font, size) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        while len(word) > 1 and text_width(word, font, size) > width:
            cut = len(word) - 1
            while cut > 1 and text_width(word[:cut], font, size) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    return lines


@dataclass(frozen=True)
class FittedText:
    """Lines fitted to a box, at one font and size."""

    lines: tuple[str, ...]
    font: str
    size: float
    leading: float
    complete: bool = True  # False when the text had to be cut with an ellipsis

    @property
    def height(self) -> float:
        return len(self.lines) * self.leading


def fit(text: str, font: str, width: float, sizes: tuple[float, float], max_lines: int,
         max_height: float | None = None, leading: float = 1.2) -> FittedText:
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
        lines = wrap(text, font, size, width) or [""]
        if len(lines) <= allowed:
            return FittedText(tuple(lines), font, size, size * leading)
        if size - 0.5 < smallest:
            kept = lines[:allowed]
            kept[-1] = clip(" ".join([kept[-1], *lines[allowed:]]), font, size, width)
            return FittedText(tuple(kept), font, size, size * leading, complete=False)
        size -= 0.5


def draw_text(c: Canvas, text: FittedText, x: float, top: float, align: str = "left",
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




# --- the QR code ---------------------------------------------------------------------------------
#
# zxing-cpp encodes (C++: about 0.3 ms a symbol) and picks the mask by the standard's penalty
# rules; what is drawn is its module grid, as one filled path.

_DARK_RUN = re.compile("1+")
_DARK_BITS = bytes.maketrans(b"\x00\xff", b"10")


def qr_rows(payload: str, error_correction: str = "H") -> tuple[int, list[int]]:
    """The QR symbol for ``payload``, without its quiet zone: its size in modules and each row
    from the top as a bit mask (bit ``size - 1 - column`` set for a dark module).
    ``error_correction``: "L", "M", "Q" or "H"; H (30 %) by default: paper gets folded, creased
    or written on. The smallest version that holds the payload at that level is used."""
    import zxingcpp

    symbol = zxingcpp.create_barcode(payload, zxingcpp.BarcodeFormat.QRCode,
                                     ec_level=error_correction)
    # zxingcpp's stub leaves out that its Image is a buffer (a 2-D array of bytes): it is.
    image = memoryview(symbol.to_image(scale=1, add_quiet_zones=False))  # type: ignore[arg-type]
    assert image.shape is not None  # a memoryview of a buffer always has a shape
    rows, n = image.shape
    data = image.tobytes().translate(_DARK_BITS)  # zxing draws dark modules as 0x00
    return n, [int(data[r * n:(r + 1) * n], 2) for r in range(rows)]


def qr_matrix(payload: str, error_correction: str = "H") -> list[list[bool]]:
    """The symbol as rows of booleans (True: dark)."""
    n, rows = qr_rows(payload, error_correction)
    return [[ch == "1" for ch in format(row, f"0{n}b")] for row in rows]


def qr_rects(n: int, rows: Sequence[int]) -> list[tuple[int, int, int, int]]:
    """The dark modules as rectangles (x, y, width, height) in module units (x right, y down):
    each horizontal run of dark modules, merged with the same run in the rows below it.

    Drawn as the sub-paths of ONE path filled once (non-zero rule), they fill the union of the
    modules: the rasteriser covers the shape as a whole, so abutting rectangles show no
    anti-aliasing seams (separate fills of abutting squares would). About 1 ms for a version
    14 symbol, a tenth of tracing its outline.
    """
    done: list[tuple[int, int, int, int]] = []
    open_runs: dict[tuple[int, int], int] = {}
    for r, row in enumerate(rows):
        current = {}
        for run in _DARK_RUN.finditer(format(row, f"0{n}b")):
            key = run.span()
            current[key] = open_runs.pop(key, r)
        done.extend((a, top, b - a, r - top) for (a, b), top in open_runs.items())
        open_runs = current
    done.extend((a, top, b - a, len(rows) - top) for (a, b), top in open_runs.items())
    return done


def draw_qr_rows(c: Canvas, n: int, rows: Sequence[int], x: float, y: float,
                 size: float) -> None:
    """Draw a symbol given as :func:`qr_rows` gives it as one filled black path of rectangles
    (:func:`qr_rects`), its lower left
    corner at (``x``, ``y``), ``size`` points square (leave four modules clear around it)."""
    module = size / n
    # Rectangles in whole modules, under a transform that maps modules onto the page (y down):
    # integers format fast and exactly. One path, filled once ("f", non-zero winding).
    ops = [f"q 0 g {module:.4f} 0 0 {-module:.4f} {x:.3f} {y + size:.3f} cm"]
    ops += [f"{rx} {ry} {rw} {rh} re" for rx, ry, rw, rh in qr_rects(n, rows)]
    ops.append("f Q")
    c.addLiteral("\n".join(ops))


def draw_qr(c: Canvas, payload: str, x: float, y: float, size: float,
            error_correction: str = "H") -> int:
    """Encode ``payload`` (:func:`qr_rows`) and draw it as :func:`draw_qr_rows` does. Returns
    the symbol's size in modules."""
    n, rows = qr_rows(payload, error_correction)
    draw_qr_rows(c, n, rows, x, y, size)
    return n


# --- handwritten signatures as vector paths ------------------------------------------------------
#
# pledges.strokes.draw_on_canvas smooths each stroke into a dense polyline and builds it through
# reportlab's path objects: about 18 ms for a signature, too slow for a thousand certificates.
# This draws the same curves (quadratic Beziers through the midpoints of the segments, the points
# as control points, as strokes._smooth does) as cubic Bezier operators written straight into the
# content stream, in pad pixels under one transform: under 1 ms, and exact curves, not polylines.

def signature_ops(strokes: Iterable[Stroke], pad_w: float, pad_h: float, x: float, y: float,
                  w: float, h: float, color: tuple[float, float, float] | None = None,
                  width_steps: int = 8) -> str:
    """PDF operators drawing ``strokes`` (pad pixels, y down) into the box (x, y, w, h), aspect
    kept and centred, pen width following pressure as :func:`pledges.strokes.line_width`."""
    from pledges.strokes import INK, fit_box, line_width

    r, g, b = color if color is not None else tuple(v / 255 for v in INK)
    scale, dx, dy = fit_box(pad_w, pad_h, w, h)
    ops = [f"q {r:.3f} {g:.3f} {b:.3f} RG 1 J 1 j "
           f"{scale:.6f} 0 0 {-scale:.6f} {x + dx:.3f} {y + dy + pad_h * scale:.3f} cm"]
    widths = [line_width(k / width_steps, pad_w) for k in range(width_steps + 1)]
    append = ops.append
    for stroke in strokes:
        if not stroke:
            continue
        px = [p[0] for p in stroke]
        py = [p[1] for p in stroke]
        levels = [round(min(1.0, max(0.0, p[3])) * width_steps) for p in stroke]
        count = len(stroke)
        if count < 3:
            level = levels[0] if count == 1 else round((levels[0] + levels[-1]) / 2)
            end = count - 1
            append(f"{widths[level]:.2f} w {px[0]:.1f} {py[0]:.1f} m "
                   f"{px[end]:.1f} {py[end]:.1f} l S")  # a dot: round caps on a zero length
            continue
        # Segment i (1 .. count - 2): from the midpoint before point i, curving towards point i,
        # to the midpoint after it; the first and last half segments are straight.
        sx, sy = (px[0] + px[1]) / 2, (py[0] + py[1]) / 2
        level = levels[1]
        path = [f"{widths[level]:.2f} w {px[0]:.1f} {py[0]:.1f} m {sx:.1f} {sy:.1f} l"]
        for i in range(1, count - 1):
            cx, cy = px[i], py[i]
            ex, ey = (cx + px[i + 1]) / 2, (cy + py[i + 1]) / 2
            if levels[i] != level:  # a new pen width: stroke what we have, go on from here
                path.append("S")
                level = levels[i]
                path.append(f"{widths[level]:.2f} w {sx:.1f} {sy:.1f} m")
            path.append(f"{sx + (cx - sx) * 0.6667:.1f} {sy + (cy - sy) * 0.6667:.1f} "
                        f"{ex + (cx - ex) * 0.6667:.1f} {ey + (cy - ey) * 0.6667:.1f} "
                        f"{ex:.1f} {ey:.1f} c")
            sx, sy = ex, ey
        path.append(f"{px[-1]:.1f} {py[-1]:.1f} l S")
        append(" ".join(path))
    append("Q")
    return "\n".join(ops)


def draw_signature(c: Canvas, strokes: Iterable[Stroke], pad_w: float, pad_h: float, x: float,
                   y: float, w: float, h: float,
                   color: tuple[float, float, float] | None = None) -> None:
    """Draw a handwritten signature as vector paths into the box (x, y, w, h) (PDF points,
    origin bottom-left): the fast equivalent of :func:`pledges.strokes.draw_on_canvas`."""
    c.addLiteral(signature_ops(strokes, pad_w, pad_h, x, y, w, h, color))
