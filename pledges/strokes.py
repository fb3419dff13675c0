"""Handwritten signatures as strokes: validation, a compact encoding and its digest, rendering.

A signature is a list of strokes; a stroke is a list of points ``(x, y, t, pressure)``: x and y
in pad pixels (origin top-left, y downwards), t in milliseconds (since the first point), pressure
0..1 (a mouse gives 0.5). The pad in ui/ only collects points; everything else happens here,
without Qt, so a signing station or (later) a phone can hand strokes in the same form.

Encoding (stored in the database, hashed for the signature's SHA-256)::

    b"IKS1"  varint(stroke count)  per stroke: varint(point count)  per point: four zigzag
    varints, each the difference from the previous point (the first from 0):
    x and y in hundredths of a pixel, t in ms, pressure in thousandths.

Values are rounded to those units first (:func:`normalize`), so ``decode(encode(s))`` is
``normalize(s)`` and ``encode`` of that again gives the same bytes: the digest is stable.

Line width follows pressure: ``pad_width * (0.003 + 0.009 * pressure)`` pad pixels (mouse: 0.6 %
of the pad's width), scaled with the drawing.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from io import BytesIO
from typing import TYPE_CHECKING

from events.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

__all__ = [
    "DEFAULT_PRESSURE", "INK", "MAGIC", "Point", "Polyline", "RawPoint", "RawStrokes",
    "SIGNATURE_MESSAGES", "Stroke",
    "StrokeDecodeError", "decode", "digest", "draw_on_canvas", "encode", "fit_box",
    "line_width", "normalize", "render_png", "to_path", "validate",
]

Point = tuple[float, float, int, float]
Stroke = list[Point]
# What callers hand in: (x, y), (x, y, t) or (x, y, t, pressure) per point, t and pressure
# optional (None or absent); a pad's tuples or a JSON document's lists.
RawPoint = Sequence[float | None]
RawStrokes = Iterable[Iterable[RawPoint]]

DEFAULT_PRESSURE = 0.5
INK = (20, 30, 90)  # dark blue-black, like a ballpoint pen
MAGIC = b"IKS1"

# Validation thresholds, as fractions of the pad's diagonal.
DOT_EXTENT = 0.03  # everything within 3 % of the diagonal: a dot or a tap
LINE_THICKNESS = 0.04  # across its main direction thinner than 4 % of the diagonal...
LINE_RATIO = 0.2  # ...and than a fifth of its length: a straight line

SIGNATURE_MESSAGES = {
    "empty": QT_TRANSLATE_NOOP("Texts", "Kotak tanda tangan masih kosong. Silakan bubuhkan tanda "
                               "tangan Anda."),
    "dot": QT_TRANSLATE_NOOP("Texts", "Tanda tangan terlalu kecil, hanya berupa titik. Silakan "
                             "tanda tangan seperti biasa."),
    "line": QT_TRANSLATE_NOOP("Texts", "Tanda tangan terlihat seperti garis lurus saja. Silakan "
                              "tanda tangan seperti biasa."),
}


class StrokeDecodeError(ValueError):
    """Bytes that are not an encoded signature."""


# -- normalisation and validation -----------------------------------------------------------------


def _point(raw: RawPoint) -> Point:
    raw_x, raw_y = raw[0], raw[1]
    if raw_x is None or raw_y is None:
        raise TypeError("a signature point needs x and y")
    x, y = float(raw_x), float(raw_y)
    raw_t = raw[2] if len(raw) > 2 else None
    raw_p = raw[3] if len(raw) > 3 else None
    t = int(round(float(raw_t))) if raw_t is not None else 0
    p = float(raw_p) if raw_p is not None else DEFAULT_PRESSURE
    if not (math.isfinite(x) and math.isfinite(y) and math.isfinite(p)):
        raise ValueError("a signature point must be finite")
    p = min(1.0, max(0.0, p))
    return (round(x * 100) / 100, round(y * 100) / 100, t, round(p * 1000) / 1000)


def normalize(strokes: RawStrokes | None) -> list[Stroke]:
    """Points as tuples rounded to the stored units (0.01 px, 1 ms, 0.001); empty strokes
    dropped; (x, y) or (x, y, t) points get t=0 and pressure 0.5."""
    out: list[Stroke] = []
    for stroke in strokes or []:
        points = [_point(p) for p in stroke]
        if points:
            out.append(points)
    return out


def validate(strokes: RawStrokes | None, width: float, height: float) -> str | None:
    """None when this looks like a signature, else "empty", "dot" or "line" (a key of
    :data:`SIGNATURE_MESSAGES`).

    A dot: all points within 3 % of the pad's diagonal. A line: all points (of all strokes)
    within a band, along their main direction, thinner than 4 % of the diagonal and than a fifth
    of their length. Two or three small curved strokes, a loop or a short scribble pass.
    """
    if width <= 0 or height <= 0:
        raise ValueError("the pad needs a positive width and height")
    points = [(p[0], p[1]) for s in normalize(strokes) for p in s]
    if not points:
        return "empty"
    diagonal = math.hypot(width, height)
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    if max(max(xs) - min(xs), max(ys) - min(ys)) < DOT_EXTENT * diagonal:
        return "dot"
    # Main direction by principal components; extents along it and across it.
    n = len(points)
    cx, cy = sum(xs) / n, sum(ys) / n
    sxx = sum((x - cx) ** 2 for x in xs)
    syy = sum((y - cy) ** 2 for y in ys)
    sxy = sum((x - cx) * (y - cy) for x, y in points)
    angle = 0.5 * math.atan2(2 * sxy, sxx - syy)
    ux, uy = math.cos(angle), math.sin(angle)
    along = [(x - cx) * ux + (y - cy) * uy for x, y in points]
    across = [-(x - cx) * uy + (y - cy) * ux for x, y in points]
    length = max(along) - min(along)
    thickness = max(across) - min(across)
    if thickness < LINE_THICKNESS * diagonal and thickness < LINE_RATIO * length:
        return "line"
    return None


# -- encoding -------------------------------------------------------------------------------------


def _varint(value: int, out: bytearray) -> None:
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return


def _zigzag(value: int) -> int:
    return value * 2 if value >= 0 else -value * 2 - 1


def encode(strokes: RawStrokes | None) -> bytes:
    """The compact, canonical bytes of a signature (see the module's docstring)."""
    clean = normalize(strokes)
    out = bytearray(MAGIC)
    _varint(len(clean), out)
    last = (0, 0, 0, 0)
    for stroke in clean:
        _varint(len(stroke), out)
        for x, y, t, p in stroke:
            now = (round(x * 100), round(y * 100), t, round(p * 1000))
            for a, b in zip(now, last, strict=True):
                _varint(_zigzag(a - b), out)
            last = now
    return bytes(out)


def decode(data: bytes) -> list[Stroke]:
    """The strokes back from :func:`encode`'s bytes."""
    data = bytes(data)
    if not data.startswith(MAGIC):
        raise StrokeDecodeError("not an Ikrar signature encoding")
    pos = len(MAGIC)

    def varint() -> int:
        nonlocal pos
        shift = value = 0
        while True:
            if pos >= len(data):
                raise StrokeDecodeError("truncated signature encoding")
            byte = data[pos]
            pos += 1
            value |= (byte & 0x7F) << shift
            if not byte & 0x80:
                return value
            shift += 7

    def signed() -> int:
        v = varint()
        return v >> 1 if not v & 1 else -(v >> 1) - 1

    strokes: list[Stroke] = []
    last = [0, 0, 0, 0]
    for _ in range(varint()):
        stroke: Stroke = []
        for _ in range(varint()):
            last = [a + signed() for a in last]
            stroke.append((last[0] / 100, last[1] / 100, last[2], last[3] / 1000))
        strokes.append(stroke)
    if pos != len(data):
        raise StrokeDecodeError("trailing bytes after the signature")
    return strokes


def digest(strokes: RawStrokes | None) -> str:
    """SHA-256 (hex) of :func:`encode`: what the signature record keeps."""
    return hashlib.sha256(encode(strokes)).hexdigest()


# -- geometry shared by the renderers -------------------------------------------------------------


def line_width(pressure: float, pad_width: float) -> float:
    """Pen width in pad pixels for a pressure 0..1."""
    return pad_width * (0.003 + 0.009 * min(1.0, max(0.0, pressure)))


_SmoothPoint = tuple[float, float, float]


def _smooth(stroke: Stroke, steps: int = 4) -> list[_SmoothPoint]:
    """The stroke as a denser polyline (x, y, pressure): quadratic curves through the midpoints
    of its segments, the points as control points, so corners of the raw input round off."""
    pts = [(p[0], p[1], p[3]) for p in stroke]
    if len(pts) < 3:
        return pts
    out = [pts[0]]

    def mid(a: _SmoothPoint, b: _SmoothPoint) -> _SmoothPoint:
        return ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2)

    start = mid(pts[0], pts[1])
    out.append(start)
    for i in range(1, len(pts) - 1):
        ctrl, end = pts[i], mid(pts[i], pts[i + 1])
        for k in range(1, steps + 1):
            u = k / steps
            a, b, c = (1 - u) ** 2, 2 * (1 - u) * u, u * u
            out.append((a * start[0] + b * ctrl[0] + c * end[0],
                        a * start[1] + b * ctrl[1] + c * end[1],
                        a * start[2] + b * ctrl[2] + c * end[2]))
        start = end
    out.append(pts[-1])
    return out


def fit_box(pad_w: float, pad_h: float, w: float, h: float) -> tuple[float, float, float]:
    """(scale, dx, dy): the pad scaled to fit a w x h box, aspect kept, centred."""
    scale = min(w / pad_w, h / pad_h)
    return scale, (w - pad_w * scale) / 2, (h - pad_h * scale) / 2


@dataclass(frozen=True)
class Polyline:
    """A run of a stroke drawn with one width, in the target's coordinates."""

    points: tuple[tuple[float, float], ...]
    width: float


def to_path(strokes: RawStrokes | None, pad_w: float, pad_h: float, x: float = 0.0, y: float = 0.0,
            w: float | None = None, h: float | None = None, flip_y: bool = True,
            width_steps: int = 8) -> list[Polyline]:
    """The signature as polylines inside the box (x, y, w, h), aspect ratio kept and centred.

    ``flip_y`` (default) is for PDF coordinates (origin bottom-left, as reportlab). Each stroke is
    smoothed and cut into runs whose pressure rounds to the same of ``width_steps`` widths; a
    single-point stroke is a polyline of one point (draw it as a round dot).
    """
    w = pad_w if w is None else w
    h = pad_h if h is None else h
    scale, dx, dy = fit_box(pad_w, pad_h, w, h)

    def place(px: float, py: float) -> tuple[float, float]:
        tx = x + dx + px * scale
        ty = y + dy + (pad_h - py) * scale if flip_y else y + dy + py * scale
        return (tx, ty)

    def width_of(pressure: float) -> float:
        level = round(min(1.0, max(0.0, pressure)) * width_steps) / width_steps
        return line_width(level, pad_w) * scale

    out: list[Polyline] = []
    for stroke in normalize(strokes):
        pts = _smooth(stroke)
        if len(pts) == 1:
            out.append(Polyline((place(pts[0][0], pts[0][1]),), width_of(pts[0][2])))
            continue
        run = [place(pts[0][0], pts[0][1])]
        current: float | None = None
        for a, b in zip(pts, pts[1:], strict=False):
            width = width_of((a[2] + b[2]) / 2)
            if current is not None and width != current:
                out.append(Polyline(tuple(run), current))
                run = [run[-1]]
            current = width
            run.append(place(b[0], b[1]))
        assert current is not None  # two points or more: at least one segment
        out.append(Polyline(tuple(run), current))
    return out


# -- renderers ------------------------------------------------------------------------------------


def render_png(strokes: RawStrokes | None, width: float, height: float, out_width: int = 600,
               out_height: int | None = None, background: str = "transparent",
               color: tuple[int, int, int] = INK, supersample: int = 3) -> bytes:
    """The signature as a PNG, anti-aliased (drawn ``supersample`` times larger, then reduced).

    ``width`` x ``height`` is the pad's size; the image is ``out_width`` wide and, unless
    ``out_height`` is given, as high as keeps the pad's proportions (with ``out_height`` the pad
    is fitted and centred). ``background``: "transparent" (RGBA) or "white" (RGB).
    """
    from PIL import Image, ImageDraw

    if background not in ("transparent", "white"):
        raise ValueError("background must be 'transparent' or 'white'")
    if out_height is None:
        out_height = max(1, round(out_width * height / width))
    big_w, big_h = out_width * supersample, out_height * supersample
    mask = Image.new("L", (big_w, big_h), 0)
    draw = ImageDraw.Draw(mask)
    for line in to_path(strokes, width, height, 0, 0, big_w, big_h, flip_y=False):
        radius = max(line.width / 2, 0.5)
        for px, py in line.points:
            draw.ellipse((px - radius, py - radius, px + radius, py + radius), fill=255)
        if len(line.points) > 1:
            draw.line(line.points, fill=255, width=max(1, round(line.width)))
    mask = mask.resize((out_width, out_height), Image.Resampling.LANCZOS)
    ink = Image.new("RGBA", (out_width, out_height), (*color, 255))
    ink.putalpha(mask)
    if background == "white":
        image = Image.new("RGB", (out_width, out_height), (255, 255, 255))
        image.paste(ink, (0, 0), ink)
    else:
        image = ink
    buffer = BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def draw_on_canvas(canvas: Canvas, strokes: RawStrokes | None, pad_w: float, pad_h: float,
                   x: float, y: float, w: float, h: float,
                   color: tuple[float, float, float] | None = None) -> None:
    """Draw the signature on a reportlab canvas inside the box (x, y, w, h) (PDF points, origin
    bottom-left), aspect ratio kept, centred; vector paths with round caps and joins."""
    r, g, b = color if color is not None else tuple(c / 255 for c in INK)
    canvas.saveState()
    try:
        canvas.setStrokeColorRGB(r, g, b)
        canvas.setFillColorRGB(r, g, b)
        canvas.setLineCap(1)
        canvas.setLineJoin(1)
        for line in to_path(strokes, pad_w, pad_h, x, y, w, h, flip_y=True):
            if len(line.points) == 1:
                px, py = line.points[0]
                canvas.circle(px, py, line.width / 2, stroke=0, fill=1)
                continue
            path = canvas.beginPath()
            path.moveTo(*line.points[0])
            for point in line.points[1:]:
                path.lineTo(*point)
            canvas.setLineWidth(line.width)
            canvas.drawPath(path, stroke=1, fill=0)
    finally:
        canvas.restoreState()
