"""The kop surat: one model for every document's letterhead, drawn by one routine on a canvas
(certificates, the Daftar Hadir PDF) and inside a platypus flowable (Berita Acara, public
roster); the workbook and the invitation cards take their lines and logo from the same model.

What a letterhead holds: the event's logo on the left, the institution and the organizing unit
in capitals centred on the page clear of the logo (shrunk, then wrapped, never past the
margins), the contact lines under them (address, telephone, postcode; website, e-mail:
:class:`events.model.Contact`) in a smaller regular face, wrapped, never cut, and under it all a
thick and a thin rule.

One logo policy for every document: a logo that cannot be read as an image is LEFT OUT and the
document is made without it (a broken logo must not stop the attendance list or the
certificates on the day); :func:`logo_problem` says so, and the export reports it
(:attr:`pledges.documents.export.ExportResult.problems`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from io import BytesIO

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from events.i18n import QT_TRANSLATE_NOOP
from events.model import Event
from pledges.documents.toolkit import BLACK, SANS, SANS_BOLD, FittedText, draw_text, fit

BROKEN_LOGO = QT_TRANSLATE_NOOP(
    "Documents", "Logo acara tidak dapat dibaca sebagai gambar; dokumen dibuat tanpa logo.")


MAX_LOGO_PIXELS = 25_000_000  # 5000 x 5000: a logo, not a decompression bomb


def _fits(data: bytes) -> bool:
    """Whether the image's header declares a size a logo can have (read before decoding)."""
    from PIL import Image

    try:
        with Image.open(BytesIO(data)) as image:
            return bool(image.width * image.height <= MAX_LOGO_PIXELS)
    except Exception:  # Pillow raises many kinds of error on a broken image
        return False


# Image modes a PDF/A-2b file with an sRGB output intent can show as they are (grey, RGB, a
# palette, with or without alpha); anything else (a CMYK JPEG from a print shop, 16-bit...)
# is converted to RGB first.
_PDFA_MODES = {"1", "L", "LA", "P", "PA", "RGB", "RGBA"}


def read_logo(data: bytes | None) -> ImageReader | None:
    """The logo for reportlab, or None when there is none or it cannot be read."""
    if not data or not _fits(data):
        return None
    try:
        logo = ImageReader(BytesIO(_in_pdfa_colours(data)))
        logo.getSize()
    except Exception:  # Pillow raises many kinds of error on a broken image
        return None
    return logo


def _in_pdfa_colours(data: bytes) -> bytes:
    """``data`` itself, or for an image in colours an sRGB document cannot carry as they are
    (CMYK: DeviceCMYK is not allowed beside an RGB output intent), the image as an RGB PNG."""
    from PIL import Image

    with Image.open(BytesIO(data)) as image:
        if image.mode in _PDFA_MODES:
            return data
        image.load()
        converted = image.convert("RGBA" if "A" in image.getbands() else "RGB")
    out = BytesIO()
    converted.save(out, format="PNG")
    return out.getvalue()


def logo_png(data: bytes | None, height_px: int) -> tuple[bytes, tuple[int, int]] | None:
    """The logo as a PNG ``height_px`` high and its size (for a workbook), or None when there
    is none or it cannot be read."""
    if not data or not _fits(data):
        return None
    from PIL import Image

    try:
        with Image.open(BytesIO(data)) as opened:
            opened.load()
            image = opened.convert("RGBA")
            width = max(1, round(image.width * height_px / image.height))
            image = image.resize((width, height_px), Image.Resampling.LANCZOS)
            buffer = BytesIO()
            image.save(buffer, format="PNG")
            return buffer.getvalue(), image.size
    except Exception:  # Pillow raises many kinds of error on a broken image
        return None


def logo_problem(event: Event) -> str | None:
    """:data:`BROKEN_LOGO` when the event has a logo that cannot be read, else None."""
    return BROKEN_LOGO if event.logo and read_logo(event.logo) is None else None


def letterhead_lines(event: Event) -> list[str]:
    """The letterhead's text: the institution over the organizing unit, in capitals; empty
    ones left out."""
    return [line.upper() for line in (event.institution, event.organizer_unit) if line.strip()]


def contact_lines(event: Event) -> list[str]:
    """The letterhead's contact lines (address, telephone, postcode; website, e-mail)."""
    return event.letterhead.lines()


@dataclass(frozen=True)
class Style:
    """A letterhead's proportions in one document.

    Attributes:
        logo: the side of the square the logo is fitted into.
        sizes: the institution's largest and smallest font size.
        sub_sizes: the organizing unit's.
        max_lines: lines each may wrap onto.
        leading: line height in ems.
        rule_gap: from the foot of the logo (or the text, if taller) to the thick rule.
        rules: the thick and the thin rule's widths, and the space between them.
    """

    logo: float = 22 * mm
    sizes: tuple[float, float] = (15.0, 11.0)
    sub_sizes: tuple[float, float] = (13.0, 9.5)
    contact_sizes: tuple[float, float] = (9.0, 7.5)
    max_lines: int = 2
    leading: float = 1.2
    rule_gap: float = 2 * mm
    rules: tuple[float, float, float] = (1.8, 0.6, 2.2)


@dataclass(frozen=True)
class Letterhead:
    """One event's letterhead laid out for a width and a style."""

    event: Event
    width: float
    style: Style = Style()

    @cached_property
    def logo(self) -> ImageReader | None:
        return read_logo(self.event.logo)

    @cached_property
    def lines(self) -> tuple[FittedText, ...]:
        style = self.style
        room = self.width - (2 * (style.logo + 3 * mm) if self.logo is not None else 0)
        event = self.event
        lines = [(text, sizes) for text, sizes in ((event.institution, style.sizes),
                                                   (event.organizer_unit, style.sub_sizes))
                 if text.strip()]
        heads = [fit(text.upper(), SANS_BOLD, room, sizes, style.max_lines,
                     leading=style.leading) for text, sizes in lines]
        # a name that does not fit its lines wraps whole at its smallest size: never cut
        heads = [head if head.complete else
                 fit(text.upper(), SANS_BOLD, room, (sizes[1], sizes[1]), 10_000,
                     leading=style.leading)
                 for head, (text, sizes) in zip(heads, lines, strict=True)]
        smallest = style.contact_sizes[1]
        contacts = [fit(text, SANS, room, style.contact_sizes, 2)
                    for text in contact_lines(event)]
        # a contact line that does not fit two lines wraps whole at the smallest size
        contacts = [text if text.complete else fit(line, SANS, room, (smallest, smallest),
                                                   10_000)
                    for text, line in zip(contacts, contact_lines(event), strict=True)]
        return (*heads, *contacts)

    @property
    def empty(self) -> bool:
        return not self.lines and self.logo is None

    @property
    def body(self) -> float:
        """The height of the logo and the lines beside it."""
        logo = self.style.logo if self.logo is not None else 0.0
        return max(logo, sum(t.height for t in self.lines))

    @property
    def height(self) -> float:
        """From the top of the letterhead to the foot of its thin rule (0 when empty)."""
        if self.empty:
            return 0.0
        thick, thin, gap = self.style.rules
        return self.body + self.style.rule_gap + gap + thin / 2

    def draw(self, c: Canvas, x: float, top: float) -> float:
        """Draw it with its top edge at ``top`` and its left edge at ``x``; returns the y of the
        thick rule (the top itself when there is nothing to draw)."""
        if self.empty:
            return top
        style = self.style
        if self.logo is not None:
            w, h = self.logo.getSize()
            scale = min(style.logo / w, style.logo / h)
            c.drawImage(self.logo, x + (style.logo - w * scale) / 2,
                        top - self.body / 2 - h * scale / 2, w * scale, h * scale, mask="auto")
        text_h = sum(t.height for t in self.lines)
        y = top - (self.body - text_h) / 2
        for text in self.lines:
            y = draw_text(c, text, x, y, align="center", width=self.width)
        rule = top - self.body - style.rule_gap
        thick, thin, gap = style.rules
        c.setStrokeColor(BLACK)
        c.setLineWidth(thick)
        c.line(x, rule, x + self.width, rule)
        c.setLineWidth(thin)
        c.line(x, rule - gap, x + self.width, rule - gap)
        return rule
