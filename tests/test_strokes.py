"""Signature strokes: what is refused (empty, a dot, a stray line), what passes (short genuine
signatures), a stable encoding and digest, and rendering to PNG and PDF paths."""

from __future__ import annotations

import math
import random
from io import BytesIO

import pytest
from PIL import Image

from pledges import strokes as st
from pledges.demo import synthetic_signature

W, H = 600, 300  # the pad


def stroke(points, t0=0, pressure=0.5):
    return [(x, y, t0 + 10 * i, pressure) for i, (x, y) in enumerate(points)]


def line(x0, y0, x1, y1, n=30, wobble=0.0, seed=0):
    rng = random.Random(seed)
    return stroke([(x0 + (x1 - x0) * i / n + rng.uniform(-wobble, wobble),
                    y0 + (y1 - y0) * i / n + rng.uniform(-wobble, wobble)) for i in range(n + 1)])


def loop(cx, cy, r, turns=1.0, n=40):
    return stroke([(cx + r * math.cos(2 * math.pi * turns * i / n),
                    cy + r * math.sin(2 * math.pi * turns * i / n)) for i in range(n + 1)])


def zigzag(x0, y0, width, height, teeth=4):
    pts = []
    for i in range(teeth * 2 + 1):
        pts.append((x0 + width * i / (teeth * 2), y0 + (height if i % 2 else 0)))
    return stroke(pts)


# -- validation -----------------------------------------------------------------------------------


@pytest.mark.parametrize("strokes", [[], [[]], [[], []], None])
def test_an_empty_pad_is_refused(strokes):
    assert st.validate(strokes, W, H) == "empty"


@pytest.mark.parametrize("strokes", [
    [[(300, 150, 0, 0.5)]],  # a tap
    [stroke([(300, 150), (301, 151), (302, 150), (300, 149)])],  # a tiny wiggle
    [[(300, 150, 0, 0.5)], [(305, 152, 200, 0.5)]],  # two taps close together
    [loop(300, 150, 6)],  # a tiny circle, 12 px across
])
def test_a_dot_is_refused(strokes):
    assert st.validate(strokes, W, H) == "dot"


@pytest.mark.parametrize("strokes", [
    [line(100, 150, 500, 150)],  # horizontal
    [line(100, 50, 500, 250)],  # diagonal
    [line(300, 20, 300, 280)],  # vertical
    [line(100, 250, 400, 40, wobble=4, seed=3)],  # a shaky diagonal
    [line(100, 150, 250, 150), line(300, 152, 500, 150)],  # two dashes on one line
    [stroke([(100, 100), (400, 160), (150, 110), (450, 170)])],  # back and forth on a line
])
def test_a_stray_straight_line_is_refused(strokes):
    assert st.validate(strokes, W, H) == "line"


@pytest.mark.parametrize("name, strokes", [
    ("small loop", [loop(300, 150, 14, turns=1.2)]),
    ("two small curves", [loop(250, 150, 15, turns=0.6), loop(290, 155, 12, turns=0.7)]),
    ("three small strokes", [loop(240, 150, 10, 0.5), loop(270, 150, 10, 0.5),
                             loop(300, 150, 10, 0.8)]),
    ("short scribble", [zigzag(250, 140, 60, 25, teeth=5)]),
    ("flat zigzag signature", [zigzag(100, 140, 380, 30, teeth=8)]),
    ("initials A.B.", [stroke([(200, 200), (230, 120), (260, 200)]),
                       stroke([(215, 165), (245, 165)]),
                       [(270, 200, 900, 0.5)],
                       stroke([(290, 120), (290, 200), (320, 180), (290, 160), (320, 140),
                               (290, 120)]),
                       [(330, 200, 1500, 0.5)]]),
    ("cross", [line(250, 120, 330, 200), line(250, 200, 330, 120)]),
])
def test_short_genuine_signatures_pass(name, strokes):
    assert st.validate(strokes, W, H) is None, name


def test_synthetic_demo_signatures_pass():
    for seed in range(50):
        assert st.validate(synthetic_signature(seed, W, H), W, H) is None, seed


def test_thresholds_scale_with_the_pad():
    # The same 12 px circle is a dot on a large pad but a signature on a tiny one.
    small = [loop(30, 20, 6)]
    assert st.validate(small, W, H) == "dot"
    assert st.validate(small, 60, 40) is None
    with pytest.raises(ValueError):
        st.validate(small, 0, 40)


def test_every_refusal_has_a_friendly_indonesian_message():
    assert set(st.SIGNATURE_MESSAGES) == {"empty", "dot", "line"}
    assert all("Silakan" in m for m in st.SIGNATURE_MESSAGES.values())


# -- encoding and digest --------------------------------------------------------------------------


def test_encode_decode_round_trip():
    strokes = synthetic_signature(1, W, H)
    assert st.decode(st.encode(strokes)) == st.normalize(strokes)
    assert st.decode(st.encode(strokes)) == [list(s) for s in strokes]  # already in units
    assert st.encode(st.decode(st.encode(strokes))) == st.encode(strokes)
    assert st.decode(st.encode([])) == []


def test_points_are_normalised_to_the_stored_units():
    raw = [[(10.123456, 20.0049, 3.4, 0.12345), [11, 21], (12, 22, 30)], [], [(1, 2, 3, 7.5)]]
    assert st.normalize(raw) == [
        [(10.12, 20.0, 3, 0.123), (11.0, 21.0, 0, 0.5), (12.0, 22.0, 30, 0.5)],
        [(1.0, 2.0, 3, 1.0)],  # pressure clamped to 0..1
    ]
    assert st.decode(st.encode(raw)) == st.normalize(raw)
    with pytest.raises(ValueError):
        st.normalize([[(math.nan, 1, 0, 0.5)]])


def test_negative_coordinates_and_times_survive():
    raw = [[(-5.5, -0.25, -20, 0.0), (700.75, 310.5, 99999, 1.0)]]
    assert st.decode(st.encode(raw)) == st.normalize(raw)


def test_the_encoding_is_compact():
    strokes = synthetic_signature(2, W, H)
    points = sum(len(s) for s in strokes)
    assert len(st.encode(strokes)) < 8 * points


def test_digest_is_stable():
    strokes = [stroke([(10, 20), (30.5, 40.25), (50, 10)]), [(5, 5, 100, 0.75)]]
    # magic "IKS1", 2 strokes, 3 points, then zigzag varint deltas: x 10.00 -> 1000 -> d00f,
    # y 20.00 -> 2000 -> a01f, t 0 -> 00, pressure 0.500 -> 500 -> e807, ...
    assert st.encode(strokes).hex() == (
        "494b5331" "02" "03" "d00f" "a01f" "00" "e807"
        "8420d21f1400bc1ea12f1400" "01a746e707a001f403")
    # Golden digest: any change of the encoding (units, order, varints) changes it.
    assert st.digest(strokes) == GOLDEN_DIGEST
    assert st.digest(strokes) == st.digest(st.decode(st.encode(strokes)))
    assert st.digest(strokes) != st.digest([strokes[0]])
    moved = [[(x + 0.01, y, t, p) for x, y, t, p in strokes[0]], strokes[1]]
    assert st.digest(moved) != st.digest(strokes)


GOLDEN_DIGEST = "26e0efc7cd5a54f0f1768c2546b7e5812e7471b43af0c42b2cd6926d8b30c1a6"


@pytest.mark.parametrize("data", [b"", b"IKS", b"XXXX\x00", b"IKS1\x01\x05\x00", b"IKS1\x00\x00"])
def test_bad_bytes_do_not_decode(data):
    with pytest.raises(st.StrokeDecodeError):
        st.decode(data)


# -- rendering ------------------------------------------------------------------------------------


def open_png(data: bytes) -> Image.Image:
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    return Image.open(BytesIO(data))


def dark(image: Image.Image, xy) -> bool:
    rgba = image.convert("RGBA").getpixel(xy)
    return rgba[3] > 128 and sum(rgba[:3]) < 300


def test_render_png_size_and_ink_where_the_strokes_are():
    strokes = [line(60, 150, 540, 150), loop(300, 80, 30)]
    image = open_png(st.render_png(strokes, W, H, out_width=300))
    assert image.size == (300, 150)
    assert image.mode == "RGBA"
    assert dark(image, (150, 75))  # on the line (pad 300,150 -> image 150,75)
    assert dark(image, (30, 75))
    assert dark(image, (150 + 15, 40))  # on the circle's right edge (pad 330, 80)
    assert not dark(image, (150, 40))  # the circle's centre
    assert image.getpixel((10, 10))[3] == 0  # transparent elsewhere
    assert not dark(image, (150, 130))


def test_render_png_on_white_and_with_a_fixed_height():
    strokes = [line(60, 150, 540, 150)]
    image = open_png(st.render_png(strokes, W, H, out_width=200, out_height=200,
                                   background="white"))
    assert image.size == (200, 200) and image.mode == "RGB"
    assert image.getpixel((5, 5)) == (255, 255, 255)
    assert dark(image, (100, 100))  # the pad fitted and centred vertically
    assert not dark(image, (100, 60))
    with pytest.raises(ValueError):
        st.render_png(strokes, W, H, background="blue")


def test_render_png_is_anti_aliased():
    image = open_png(st.render_png([loop(300, 150, 100)], W, H, out_width=300))
    histogram = image.getchannel("A").histogram()
    assert sum(1 for count in histogram if count) > 10  # soft edges, not just on/off


def ink_amount(data: bytes) -> int:
    histogram = open_png(data).getchannel("A").histogram()
    return sum(level * count for level, count in enumerate(histogram))


def test_pressure_widens_lines():
    def at(pressure):
        return [[(x, y, t, pressure) for x, y, t, _ in line(60, 150, 540, 150)]]

    light, mouse, heavy = (ink_amount(st.render_png(at(p), W, H)) for p in (0.1, 0.5, 1.0))
    assert light < mouse < heavy
    assert heavy > 2 * light
    assert st.line_width(1.0, W) > st.line_width(0.0, W) > 0


def test_to_path_fits_the_box_keeping_the_aspect_ratio():
    strokes = [line(0, 0, 600, 300, n=4)]
    paths = st.to_path(strokes, W, H, x=10, y=20, w=100, h=100)
    xs = [p[0] for poly in paths for p in poly.points]
    ys = [p[1] for poly in paths for p in poly.points]
    assert min(xs) == pytest.approx(10) and max(xs) == pytest.approx(110)
    # 600x300 into 100x100: 100x50, centred: y from 45 to 95, y flipped (PDF: up is up)
    assert min(ys) == pytest.approx(45) and max(ys) == pytest.approx(95)
    assert paths[0].points[0] == pytest.approx((10, 95))
    assert all(poly.width == pytest.approx(st.line_width(0.5, W) / 6) for poly in paths)
    dot = st.to_path([[(300, 150, 0, 0.5)]], W, H)
    assert len(dot) == 1 and len(dot[0].points) == 1


def test_to_path_splits_runs_where_the_pressure_changes():
    rising = [[(100 + 10 * i, 150 + (i % 2), 10 * i, i / 40) for i in range(41)]]
    paths = st.to_path(rising, W, H)
    widths = [p.width for p in paths]
    assert len(paths) > 3 and widths == sorted(widths)
    # Runs join: each starts where the previous ended.
    for a, b in zip(paths, paths[1:], strict=False):
        assert a.points[-1] == b.points[0]


def test_draw_on_canvas_makes_a_pdf():
    from reportlab.pdfgen.canvas import Canvas

    buffer = BytesIO()
    canvas = Canvas(buffer)
    st.draw_on_canvas(canvas, synthetic_signature(3, W, H) + [[(100, 100, 0, 0.5)]], W, H,
                      50, 50, 200, 80)
    canvas.showPage()
    canvas.save()
    assert buffer.getvalue().startswith(b"%PDF")
    assert len(buffer.getvalue()) > 1000
