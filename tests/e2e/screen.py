"""Finding widgets on a screenshot of the real screen, as a person finds them: by how they look.

The app runs as its own process, so the tests cannot ask its widgets where they are. Most of the
walk goes by the keyboard (menus, mnemonics, Tab, the desk's keys); what only the mouse reaches
is found on the screen here: push buttons by their frame (Qt's Fusion style draws a grey border
around a light gradient), and areas by their colour (the signing pad's white, the green
"Setuju dan Tandatangani" button).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PIL import Image, ImageChops

Box = tuple[int, int, int, int]  # left, top, right, bottom (inclusive), screen pixels


@dataclass(frozen=True)
class Rect:
    left: int
    top: int
    right: int
    bottom: int

    @property
    def center(self) -> tuple[int, int]:
        return (self.left + self.right) // 2, (self.top + self.bottom) // 2

    @property
    def width(self) -> int:
        return self.right - self.left + 1

    @property
    def height(self) -> int:
        return self.bottom - self.top + 1


def _table(accept) -> bytes:
    return bytes(ord("B") if accept(v) else ord(".") for v in range(256))


# Fusion's button border is a grey of about 171 (190 on a default button's edge).
_BORDER = _table(lambda v: 150 <= v <= 195)
_RUN = re.compile(rb"B{16,}")


def buttons(image: Image.Image, box: Box | None = None) -> list[Rect]:
    """The push buttons (and button-like combo boxes) inside ``box``, top to bottom and left to
    right: rectangles with a grey frame 18 to 70 pixels high around a light, shaded face."""
    left, top, right, bottom = box or (0, 0, image.width - 1, image.height - 1)
    gray = image.convert("L").crop((left, top, right + 1, bottom + 1))
    width, height = gray.size
    data = gray.tobytes()
    marks = data.translate(_BORDER)
    rows: dict[int, list[tuple[int, int]]] = {}
    for y in range(height):
        line = marks[y * width:(y + 1) * width]
        rows[y] = [(m.start(), m.end() - 1) for m in _RUN.finditer(line)]
    found: list[Rect] = []
    for y, runs in rows.items():
        for x0, x1 in runs:
            for h in range(17, 70):
                below = rows.get(y + h)
                if not below:
                    continue
                if not any(abs(b0 - x0) <= 2 and abs(b1 - x1) <= 2 for b0, b1 in below):
                    continue
                face = [data[(y + dy) * width + x0 + 3] for dy in range(2, h - 1)]
                # A face: light all the way down, and shaded (lighter at the top than the
                # bottom), unlike a white text field's flat face.
                if min(face) < 200 or face[0] - face[-1] < 6:
                    continue
                if not any(_side(data, width, x, y, y + h) for x in range(x0 - 3, x0 + 1)):
                    continue  # the left edge (rounded corners start the top edge later)
                found.append(Rect(left + x0, top + y, left + x1, top + y + h))
                break
    found = [r for r in found if not any(o is not r and o.left <= r.left and o.right >= r.right
                                          and o.top < r.top and o.bottom >= r.bottom
                                          for o in found)]
    return sorted(set(found), key=lambda r: (r.top // 8, r.left))


def _side(data: bytes, width: int, x: int, y0: int, y1: int) -> bool:
    """A vertical border at column ``x`` from ``y0`` to ``y1`` (most of it)."""
    if x < 0:
        return False
    inside = [data[y * width + x] for y in range(y0 + 3, y1 - 2)]
    return sum(150 <= v <= 195 for v in inside) >= 0.8 * len(inside)


def button_rows(found: list[Rect]) -> list[list[Rect]]:
    """Buttons grouped into the rows they stand in (same vertical middle), top to bottom."""
    rows: list[list[Rect]] = []
    for rect in sorted(found, key=lambda r: (r.center[1], r.left)):
        if rows and abs(rows[-1][0].center[1] - rect.center[1]) <= 6:
            rows[-1].append(rect)
        else:
            rows.append([rect])
    return [sorted(row, key=lambda r: r.left) for row in rows]


def color_area(image: Image.Image, rgb: tuple[int, int, int], box: Box | None = None,
               tolerance: int = 6, min_width: int = 40, min_height: int = 20) -> Rect | None:
    """The largest block of ``rgb`` inside ``box`` (rows of at least ``min_width`` such pixels,
    at least ``min_height`` rows running), or None."""
    left, top, right, bottom = box or (0, 0, image.width - 1, image.height - 1)
    crop = image.convert("RGB").crop((left, top, right + 1, bottom + 1))
    width, height = crop.size
    mask = _mask(crop, rgb, tolerance).tobytes().translate(_COLOR)
    run = re.compile(rb"C{%d,}" % min_width)
    best: Rect | None = None
    current: list[tuple[int, int, int]] = []  # (y, x0, x1) of the block being followed

    def close() -> None:
        nonlocal best
        if len(current) >= min_height:
            x0 = max(c[1] for c in current)
            x1 = min(c[2] for c in current)
            rect = Rect(left + x0, top + current[0][0], left + x1, top + current[-1][0])
            if best is None or rect.width * rect.height > best.width * best.height:
                best = rect

    for y in range(height):
        widest = max(((m.start(), m.end() - 1) for m in run.finditer(
            mask[y * width:(y + 1) * width])), key=lambda s: s[1] - s[0], default=None)
        if widest and current and min(widest[1], current[-1][2]) - max(widest[0],
                                                                        current[-1][1]) > 20:
            current.append((y, *widest))
            continue
        close()
        current = [(y, *widest)] if widest else []
    close()
    return best


def has_color(image: Image.Image, rgb: tuple[int, int, int], box: Box | None = None,
              tolerance: int = 4, pixels: int = 200) -> bool:
    """Whether at least ``pixels`` pixels of ``rgb`` are inside ``box``."""
    crop = image.convert("RGB").crop(box) if box else image.convert("RGB")
    return _mask(crop, rgb, tolerance).histogram()[255] >= pixels


_COLOR = bytes(ord("C") if v == 255 else ord(".") for v in range(256))


def _mask(image: Image.Image, rgb: tuple[int, int, int], tolerance: int) -> Image.Image:
    """255 where a pixel is ``rgb`` (within ``tolerance`` on each channel), else 0."""
    channels = [band.point(lambda v, c=c: 255 if abs(v - c) <= tolerance else 0)
                for band, c in zip(image.split(), rgb, strict=True)]
    return ImageChops.multiply(ImageChops.multiply(channels[0], channels[1]), channels[2])
