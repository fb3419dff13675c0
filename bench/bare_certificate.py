"""A bare reportlab script drawing the same certificate page as pledges/documents/certificates.py:
the baseline of the certificate benchmark (bench/bench_certificates.py).

Plain reportlab, nothing reused between pages except what reportlab itself caches: the embedded
DejaVu Sans (TTF), the letterhead lines and double rule, the title, the identity block, the
pledge paragraph wrapped with ``simpleSplit`` on every page, place and date, both signature
blocks with ONE signature PNG reused for every signature, and a unique QR code per page (encoded
with zxing-cpp, the same encoder the certificates use, and drawn as one rectangle per run of
dark modules).

Run alone: .venv/bin/python bench/bare_certificate.py [--pages 1000] [--out FILE]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from io import BytesIO
from pathlib import Path

import zxingcpp
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pledges.demo import DEMO_PAD, synthetic_signature  # noqa: E402
from pledges.strokes import render_png  # noqa: E402
from pledges.texts import NETRALITAS_ASN_2024  # noqa: E402

FONTS = ROOT / "resources" / "fonts"
W, H = A4
LEFT, RIGHT = 20 * mm, W - 20 * mm


def setup() -> ImageReader:
    """Fonts registered and the one signature image made (outside the timed part)."""
    if "BareSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("BareSans", str(FONTS / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont("BareSans-Bold", str(FONTS / "DejaVuSans-Bold.ttf")))
    png = render_png(synthetic_signature(1, *DEMO_PAD), *DEMO_PAD, out_width=600)
    return ImageReader(BytesIO(png))


def draw_qr(c: Canvas, payload: str, x: float, y: float, size: float) -> None:
    image = memoryview(zxingcpp.create_barcode(payload, zxingcpp.BarcodeFormat.QRCode,
                                               ec_level="M").to_image(scale=1))
    data = image.tobytes()
    n = image.shape[1]
    module = size / n
    path = c.beginPath()
    for r in range(image.shape[0]):
        row = data[r * n:(r + 1) * n]
        col = 0
        while col < n:
            if row[col] == 0:
                start = col
                while col < n and row[col] == 0:
                    col += 1
                path.rect(x + start * module, y + size - (r + 1) * module,
                          (col - start) * module, module)
            col += 1
    c.drawPath(path, stroke=0, fill=1)


def draw_page(c: Canvas, i: int, signature: ImageReader) -> None:
    text = NETRALITAS_ASN_2024
    c.setFont("BareSans-Bold", 15)
    c.drawCentredString(W / 2, H - 20 * mm, "PEMERINTAH KOTA BEKASI")
    c.setFont("BareSans-Bold", 13)
    c.drawCentredString(W / 2, H - 26 * mm, "BADAN KESATUAN BANGSA DAN POLITIK")
    c.setLineWidth(2.2)
    c.line(LEFT, H - 37 * mm, RIGHT, H - 37 * mm)
    c.setLineWidth(0.7)
    c.line(LEFT, H - 38.2 * mm, RIGHT, H - 38.2 * mm)
    y = H - 50 * mm
    c.setFont("BareSans-Bold", 12.5)
    for line in simpleSplit(text.title, "BareSans-Bold", 12.5, RIGHT - LEFT):
        c.drawCentredString(W / 2, y, line)
        y -= 16
    y -= 14
    c.setFont("BareSans", 11)
    c.drawString(LEFT, y, "Yang bertanda tangan di bawah ini:")
    rows = (("Nama", f"Peserta Nomor {i}"), ("NIP", "19860926 201505 1 001"),
            ("Pangkat/Gol.", "Penata Tingkat I (III/d)"),
            ("Jabatan", "Kepala Bidang Politik Dalam Negeri dan Organisasi Kemasyarakatan"),
            ("Unit Kerja", "Badan Kesatuan Bangsa dan Politik"))
    for label, value in rows:
        y -= 18.4
        c.drawString(LEFT + 8 * mm, y, label)
        c.drawString(LEFT + 38 * mm, y, ":")
        c.drawString(LEFT + 42 * mm, y, value)
    y -= 28
    paragraphs = [(0, text.opening)] + [(i, p) for i, p in enumerate(text.points, 1)]
    paragraphs.append((0, text.closing))
    for number, paragraph in paragraphs:
        indent = 18 if number else 0
        if number:
            c.drawString(LEFT, y, f"{number}.")
        for line in simpleSplit(paragraph, "BareSans", 11.5, RIGHT - LEFT - indent):
            c.drawString(LEFT + indent, y, line)
            y -= 15.2
        y -= 4
    y -= 20
    c.setFont("BareSans", 11)
    c.drawCentredString(152.5 * mm, y, "Bekasi, 2 November 2023")
    y -= 16
    c.drawCentredString(57.5 * mm, y, "Menyaksikan,")
    c.drawCentredString(152.5 * mm, y, "Pembuat Pernyataan,")
    c.drawCentredString(57.5 * mm, y - 14, "Sekretaris Daerah Kota Bekasi")
    y -= 80
    c.drawImage(signature, 27.5 * mm, y + 8, 60 * mm, 22 * mm, preserveAspectRatio=True,
                mask="auto")
    c.drawImage(signature, 122.5 * mm, y + 8, 60 * mm, 22 * mm, preserveAspectRatio=True,
                mask="auto")
    c.setFont("BareSans-Bold", 11)
    c.drawCentredString(57.5 * mm, y, "Drs. H. Junaedi, M.Si.")
    c.drawCentredString(152.5 * mm, y, f"Peserta Nomor {i}")
    c.line(40 * mm, y - 1.6, 75 * mm, y - 1.6)
    c.line(135 * mm, y - 1.6, 170 * mm, y - 1.6)
    c.setFont("BareSans", 10.5)
    c.drawCentredString(57.5 * mm, y - 14, "NIP. 19670701 199303 1 004")
    c.drawCentredString(152.5 * mm, y - 14, "NIP. 19860926 201505 1 001")
    # A QR code as big as a sealed record's: 4 + 518 base45 characters (345 bytes).
    payload = "IK1:" + (f"{i:08d}" + "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:" * 12)[:518]
    draw_qr(c, payload, LEFT, 12 * mm, 30 * mm)
    code = hashlib.sha256(payload.encode()).hexdigest()[:10].upper()
    c.setFont("BareSans", 8)
    c.drawString(50 * mm, 36 * mm, "Kode verifikasi sertifikat:")
    c.setFont("BareSans-Bold", 13)
    c.drawString(50 * mm, 31 * mm, f"{code[:5]}-{code[5:]}")
    c.setFont("BareSans", 7.5)
    c.drawString(50 * mm, 26 * mm, "Pindai kode QR atau masukkan kode di atas untuk memeriksa "
                                   "keaslian sertifikat ini.")
    c.drawString(50 * mm, 23 * mm, "Tanda tangan dibubuhkan secara elektronik oleh yang "
                                   "bersangkutan di lokasi acara.")
    c.drawString(50 * mm, 13 * mm, "Ikrar Netralitas ASN Pemerintah Kota Bekasi pada Pemilu 2024")


def build(pages: int, signature: ImageReader) -> bytes:
    buffer = BytesIO()
    c = Canvas(buffer, pagesize=A4, pageCompression=1)
    for i in range(pages):
        draw_page(c, i, signature)
        c.showPage()
    c.save()
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    signature = setup()
    start = time.perf_counter()
    data = build(args.pages, signature)
    seconds = time.perf_counter() - start
    print(f"bare reportlab: {args.pages} pages in {seconds:.2f} s = "
          f"{args.pages / seconds:.0f} pages/s ({len(data) / 1e6:.1f} MB)")
    if args.out:
        args.out.write_bytes(data)


if __name__ == "__main__":
    main()
