"""Every PDF Ikrar writes is PDF/A-2b, as an archive (ANRI, SRIKANDI) takes it, and carries the
same kind of metadata.

veraPDF (the reference validator) is run when it is installed (``verapdf`` on PATH); it has no
Debian package and cannot be fetched here, so the rules it would check are checked one by one
with pikepdf and poppler: fonts embedded, the output intent and its ICC profile, XMP metadata
that matches the document information, a trailer ID, no transparency PDF/A-2 forbids, no
encryption, JavaScript or LZW, annotations printable. Each document of one event is checked:
the signed statements (one file and one person's, also digitally signed), the Daftar Hadir and
its paper form, the Berita Acara, the public roster and the invitation cards; and once more
with a logo that has an alpha channel. No Qt.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zlib
from datetime import datetime
from io import BytesIO

import pikepdf
import pytest

from pledges.documents import pdfa
from pledges.documents.toolkit import DocumentInfo
from tests.test_documents_pinned import pinned_record

UID = "K7Q2M9X4"  # the event's code
INSTITUTION = "Pemerintah Kota Bekasi"
STANDARD_14 = {"Times-Roman", "Times-Bold", "Times-Italic", "Times-BoldItalic", "Helvetica",
               "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique", "Courier",
               "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique", "Symbol",
               "ZapfDingbats"}
BLEND_MODES = {"/Normal", "/Compatible", "/Multiply", "/Screen", "/Overlay", "/Darken",
               "/Lighten", "/ColorDodge", "/ColorBurn", "/HardLight", "/SoftLight",
               "/Difference", "/Exclusion", "/Hue", "/Saturation", "/Color", "/Luminosity"}
# What each document is (its Subject starts so), as the records office files it.
SUBJECTS = {
    "certificates": "Surat Pernyataan bertanda tangan",
    "certificates-one": "Surat Pernyataan bertanda tangan",
    "certificates-signed": "Surat Pernyataan bertanda tangan",
    "attendance-pdf": "Daftar Hadir",
    "attendance-blank": "Daftar Hadir kosong",
    "minutes": "Berita Acara",
    "public-pdf": "DAFTAR PESERTA YANG TELAH MENANDATANGANI IKRAR",
    "invitations": "Kartu undangan",
}
needs_poppler = pytest.mark.skipif(not shutil.which("pdfinfo") or not shutil.which("pdffonts"),
                                   reason="poppler-utils is not installed")


def alpha_logo() -> bytes:
    """A round PNG logo on a transparent background, half-transparent in the middle."""
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (96, 96), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((4, 4, 92, 92), fill=(180, 20, 20, 255))
    draw.ellipse((30, 30, 66, 66), fill=(20, 20, 160, 128))
    out = BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def build_all(logo: bytes | None = None) -> dict[str, bytes]:
    """Every PDF of one event, as the exporters build them."""
    from pledges.documents import (
        attendance_pdf,
        certificates,
        invitations,
        minutes,
        public_roster,
    )
    from pledges.pades import sign_pdf
    from tests.sealing import fixed_key

    record = pinned_record()
    record.event.uid = UID
    if logo is not None:
        record.event.logo = logo
    one = [next(iter(record.signatures))]
    return {
        "certificates": certificates.build_certificates(record),
        "certificates-one": certificates.build_certificates(record, one),
        "certificates-signed": sign_pdf(certificates.build_certificates(record, one),
                                        fixed_key()),
        "attendance-pdf": attendance_pdf.build_attendance_pdf(record),
        "attendance-blank": attendance_pdf.build_attendance_blank_pdf(record),
        "minutes": minutes.build_minutes_pdf(record),
        "public-pdf": public_roster.build_public_pdf(record),
        "invitations": invitations.build_invitations(record.event, record.attendees),
    }


@pytest.fixture(scope="module")
def documents() -> dict[str, bytes]:
    return build_all()


@pytest.fixture(scope="module")
def with_alpha_logo() -> dict[str, bytes]:
    return build_all(alpha_logo())


def test_every_pdf_kind_is_checked(documents):
    from pledges.documents.registry import EXPORTERS

    # every PDF the export menu makes, plus the invitations (the roster page's) and the
    # digitally signed statements
    made = {"certificates": "certificates", "attendance-pdf": "attendance-pdf",
            "attendance-blank": "attendance-blank", "minutes": "minutes",
            "public": "public-pdf"}
    assert {k for k, e in EXPORTERS.items() if e.pdf} == set(made)
    assert set(made.values()) | {"invitations", "certificates-signed"} <= set(documents)


# --- the checks --------------------------------------------------------------------------------

def _all_objects(pdf: pikepdf.Pdf) -> list[pikepdf.Object]:
    return [obj for obj in pdf.objects if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream)]


def _dict(obj: pikepdf.Object) -> pikepdf.Dictionary:
    return obj.stream_dict if isinstance(obj, pikepdf.Stream) else obj


def _fonts(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    return [_dict(o) for o in _all_objects(pdf) if _dict(o).get("/Type") == "/Font"]


def _embedded(font: pikepdf.Dictionary) -> bool:
    if "/DescendantFonts" in font:
        return all(_embedded(d) for d in font.DescendantFonts)
    if font.get("/Subtype") == "/Type3":
        return True
    descriptor = font.get("/FontDescriptor")
    return descriptor is not None and any(
        k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def _version(text: str) -> tuple[int, int]:
    major, minor = text.lstrip("/").split(".")
    return int(major), int(minor)


def _date(pdf_date: str) -> datetime:
    return pikepdf.models.metadata.decode_pdf_date(pdf_date)


def check_pdfa(data: bytes, name: str) -> None:  # noqa: C901 (one rule after the other)
    """Assert the PDF/A-2b rules on ``data`` (``name``: for messages)."""
    # 6.1.2: a header of version 1.0 to 1.7, then a comment of four bytes above 127
    assert re.match(rb"%PDF-1\.[0-7]\r?\n%[\x80-\xff]{4}", data), name
    with pikepdf.open(BytesIO(data)) as pdf:
        # qpdf reads every object and stream without a fault
        problems = pdf.check_pdf_syntax()
        assert problems == [], (name, problems)
        root = pdf.Root
        if "/Version" in root:  # the catalog may raise the version, not past 1.7
            assert _version(str(root.Version)) <= (1, 7), (name, root.Version)
        # 6.1.3: a trailer ID of two strings; no encryption
        ids = pdf.trailer.get("/ID")
        assert ids is not None and len(ids) == 2 and all(len(bytes(i)) == 16 for i in ids), name
        assert "/Encrypt" not in pdf.trailer and not pdf.is_encrypted, name

        objects = _all_objects(pdf)
        for obj in objects:
            d = _dict(obj)
            # 6.1.7: no LZW, no external streams
            if isinstance(obj, pikepdf.Stream):
                filters = d.get("/Filter")
                names = [str(f) for f in (filters if isinstance(filters, pikepdf.Array)
                                          else [filters] if filters is not None else [])]
                assert "/LZWDecode" not in names, name
                assert "/F" not in d and "/FFilter" not in d, name
            # 6.5 / 6.6.1: no JavaScript, no actions run on opening or on events
            assert d.get("/S") not in ("/JavaScript", "/Launch", "/ImportData", "/Hide",
                                       "/SetOCGState", "/Rendition", "/Trans", "/GoTo3DView",
                                       "/Sound", "/Movie", "/ResetForm"), name
            assert "/JS" not in d and "/AA" not in d, name
        assert "/OpenAction" not in root or root.OpenAction.get("/S") != "/JavaScript", name
        names_tree = root.get("/Names")
        assert names_tree is None or ("/JavaScript" not in names_tree
                                      and "/EmbeddedFiles" not in names_tree), name

        # 6.2.11.4: every font embedded, no standard-14 font named without its program
        fonts = _fonts(pdf)
        assert fonts, name
        for font in fonts:
            assert _embedded(font), (name, font.get("/BaseFont"))
            base = str(font.get("/BaseFont", "")).lstrip("/").split("+")[-1]
            assert base not in STANDARD_14, (name, base)

        # 6.2.3: one output intent, GTS_PDFA1, an sRGB monitor profile of ICC version < 5
        intents = root.get("/OutputIntents")
        assert intents is not None and len(intents) == 1, name
        intent = intents[0]
        assert intent.S == "/GTS_PDFA1" and str(intent.OutputConditionIdentifier), name
        profile = intent.DestOutputProfile
        assert int(profile.N) == 3, name
        icc = profile.read_bytes()
        assert icc[36:40] == b"acsp" and icc[12:16] in (b"mntr", b"prtr"), name
        assert icc[16:20] == b"RGB " and icc[8] < 5, name

        # 6.2.4.3: device colours only as the output intent allows (RGB, and grey): no CMYK
        for obj in objects:
            assert _dict(obj).get("/ColorSpace") != "/DeviceCMYK", name
        for content in _contents(pdf):
            for _operands, operator in pikepdf.parse_content_stream(content):
                assert str(operator) not in ("k", "K"), (name, "CMYK colour")

        # 6.2.5 / 6.2.10: no transfer functions, only the standard blend modes; nothing drawn
        # semi-transparent (CA/ca below 1); soft masks only on images (a logo's alpha), which
        # PDF/A-2 allows with an output intent
        for obj in objects:
            d = _dict(obj)
            if d.get("/Type") == "/ExtGState":
                assert "/TR" not in d, name
                assert d.get("/TR2", pikepdf.Name.Default) == "/Default", name
                assert "/HTP" not in d, name
                blend = d.get("/BM")
                if blend is not None:
                    modes = list(blend) if isinstance(blend, pikepdf.Array) else [blend]
                    assert all(str(m) in BLEND_MODES for m in modes), name
                assert float(d.get("/CA", 1)) == 1 and float(d.get("/ca", 1)) == 1, name
                assert d.get("/SMask", pikepdf.Name("/None")) == "/None", name
            # 6.2.8: images without alternates, OPI or interpolation
            if d.get("/Subtype") == "/Image":
                assert "/Alternates" not in d and "/OPI" not in d, name
                assert not bool(d.get("/Interpolate", False)), name
            if d.get("/Subtype") == "/Form":
                assert "/OPI" not in d and "/PS" not in d and "/Subtype2" not in d, name

        # 6.3: annotations printable, not hidden; a visible one has its appearance
        for page in pdf.pages:
            for annot in page.obj.get("/Annots", []):
                if annot.get("/Subtype") == "/Popup":
                    continue
                flags = int(annot.get("/F", 0))
                assert flags & 4 and not flags & (1 | 2 | 32 | 256), (name, flags)
                rect = [float(v) for v in annot.Rect]
                if rect[2] - rect[0] and rect[3] - rect[1]:
                    assert "/AP" in annot, name

        # 6.6: XMP metadata, unfiltered, parseable, PDF/A-2B, matching the document information
        stream = root.Metadata
        assert "/Filter" not in stream.stream_dict, name
        xml = stream.read_bytes()
        assert xml.startswith(b"<?xpacket begin=") and b"bytes=" not in xml.split(b"?>")[0]
        ET.fromstring(xml.split(b"?>", 1)[1].rsplit(b"<?xpacket", 1)[0])  # well-formed
        meta = pdf.open_metadata()
        info = pdf.docinfo
        assert meta["pdfaid:part"] == "2" and meta["pdfaid:conformance"] == "B", name
        assert meta["dc:title"] == str(info.Title), name
        assert meta["dc:creator"] == [str(info.Author)], name
        assert meta["dc:description"] == str(info.Subject), name
        assert meta["pdf:Keywords"] == str(info.Keywords), name
        assert meta["xmp:CreatorTool"] == str(info.Creator), name
        assert meta["pdf:Producer"] == str(info.Producer), name
        assert (datetime.fromisoformat(meta["xmp:CreateDate"])
                == _date(str(info.CreationDate))), name
        assert datetime.fromisoformat(meta["xmp:ModifyDate"]) == _date(str(info.ModDate)), name
        assert "/Trapped" not in info, name


def _contents(pdf: pikepdf.Pdf):
    """Every content stream: the pages' and the form XObjects'."""
    yield from pdf.pages
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Stream) and obj.stream_dict.get("/Subtype") == "/Form":
            yield obj


@pytest.mark.parametrize("name", sorted(SUBJECTS))
def test_every_pdf_is_pdfa_2b(documents, name):
    check_pdfa(documents[name], name)


@pytest.mark.parametrize("name", sorted(SUBJECTS))
def test_a_logo_with_an_alpha_channel_keeps_it_pdfa(with_alpha_logo, name):
    data = with_alpha_logo[name]
    check_pdfa(data, name)
    with pikepdf.open(BytesIO(data)) as pdf:  # the logo's alpha became a soft-masked image
        masked = [o for o in pdf.objects if isinstance(o, pikepdf.Stream)
                  and o.stream_dict.get("/Subtype") == "/Image" and "/SMask" in o.stream_dict]
        assert masked, name


def test_a_cmyk_logo_is_printed_in_rgb():
    """A logo from a print shop (a CMYK JPEG) would put DeviceCMYK beside the sRGB output
    intent: it is shown in RGB, and still shown."""
    from PIL import Image

    from pledges.documents.minutes import build_minutes_pdf

    image = Image.new("CMYK", (64, 64), (0, 220, 220, 0))  # red, in print colours
    jpeg = BytesIO()
    image.save(jpeg, "JPEG")
    record = pinned_record()
    record.event.logo = jpeg.getvalue()
    data = build_minutes_pdf(record)
    check_pdfa(data, "CMYK logo")
    with pikepdf.open(BytesIO(data)) as pdf:
        images = [o for o in pdf.objects if isinstance(o, pikepdf.Stream)
                  and o.stream_dict.get("/Subtype") == "/Image"]
        assert [str(i.stream_dict.ColorSpace) for i in images] == ["/DeviceRGB"]
        red, green, blue = pikepdf.PdfImage(images[0]).as_pil_image().getpixel((32, 32))
        assert red > 200 and green < 80 and blue < 80


@pytest.mark.parametrize("name", sorted(SUBJECTS))
def test_every_pdf_has_the_same_kind_of_metadata(documents, name):
    with pikepdf.open(BytesIO(documents[name])) as pdf:
        info = {key: str(value) for key, value in pdf.docinfo.items()}
    assert info["/Author"] == INSTITUTION
    assert info["/Keywords"] == UID
    assert info["/Subject"].lower().startswith(SUBJECTS[name].lower()), info["/Subject"]
    assert "unspecified" not in info["/Subject"].lower()
    assert info["/Title"].split(" \u2013 ")[0] in ("Surat Pernyataan", "Daftar Hadir",
                                                  "Daftar Hadir (blanko)", "Berita Acara",
                                                  "DAFTAR PESERTA YANG TELAH MENANDATANGANI "
                                                  "IKRAR", "Undangan"), info["/Title"]
    assert info["/Creator"] == "Ikrar"
    assert info["/Producer"].startswith("Ikrar")


@needs_poppler
@pytest.mark.parametrize("name", sorted(SUBJECTS))
def test_poppler_finds_only_embedded_fonts_and_no_fault(documents, name, tmp_path):
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(documents[name])
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    assert info.stderr == ""
    assert "Metadata Stream: yes" in info.stdout
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    assert fonts.stderr == ""
    rows = fonts.stdout.splitlines()[2:]
    assert rows
    for row in rows:  # name, type (one or two words), encoding, then emb sub uni
        assert re.search(r"\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$", row), row
        assert re.search(r"\syes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$", row), row
        assert "Helvetica" not in row
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True)
    assert text.stderr == ""


@pytest.mark.skipif(not shutil.which("pdfsig"), reason="poppler-utils is not installed")
def test_the_signed_statement_is_pdfa_and_its_signature_holds(documents, tmp_path):
    path = tmp_path / "signed.pdf"
    path.write_bytes(documents["certificates-signed"])
    out = subprocess.run(["pdfsig", "-nocert", str(path)], capture_output=True, text=True)
    assert "Total document signed" in out.stdout
    assert "Signature is Valid" in out.stdout
    with pikepdf.open(path) as pdf:
        assert pdf.Root.Version == "/1.7"  # PDF/A-2's base, not PDF 2.0
        assert "/ISO_" not in pdf.Root.get("/Extensions", {})
        assert "pyHanko" in str(pdf.docinfo.Producer)  # the signer is named, in both places


@pytest.mark.skipif(not shutil.which("verapdf"), reason="veraPDF is not installed")
@pytest.mark.parametrize("name", sorted(SUBJECTS))
def test_verapdf_finds_pdfa_2b(documents, name, tmp_path):
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(documents[name])
    out = subprocess.run(["verapdf", "--flavour", "2b", str(path)], capture_output=True,
                         text=True, timeout=300)
    assert 'isCompliant="true"' in out.stdout, out.stdout[-3000:]


# --- the post-processing step itself ----------------------------------------------------------

def _plain_pdf() -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    from pledges.documents.toolkit import SANS, a4_canvas, register_fonts

    register_fonts()
    buffer = BytesIO()
    c: Canvas = a4_canvas(buffer, 11)
    c.setFont(SANS, 11)
    c.drawString(72, 720, "Surat Pernyataan \u2013 Budi Santoso, S.E.")
    c.rect(72, 600, 200, 80)
    c.showPage()
    c.setFont(SANS, 11)
    c.drawString(72, 720, "Halaman kedua")
    c.showPage()
    c.save()
    return buffer.getvalue()


def test_finishing_leaves_every_page_as_drawn():
    before = _plain_pdf()
    info = DocumentInfo("Surat Pernyataan \u2013 Uji", INSTITUTION, "Surat Pernyataan", UID)
    after = pdfa.finish(before, info)
    check_pdfa(after, "plain")
    with pikepdf.open(BytesIO(before)) as a, pikepdf.open(BytesIO(after)) as b:
        assert len(a.pages) == len(b.pages) == 2
        for page_a, page_b in zip(a.pages, b.pages, strict=True):
            assert page_a.Contents.read_bytes() == page_b.Contents.read_bytes()
            assert list(page_a.MediaBox) == list(page_b.MediaBox)
        assert str(b.docinfo.Title) == "Surat Pernyataan \u2013 Uji"
        assert str(b.docinfo.Keywords) == UID


def test_the_output_profile_is_srgb():
    from PIL import ImageCms

    profile = ImageCms.ImageCmsProfile(io.BytesIO(pdfa.srgb_profile()))
    assert profile.profile.xcolor_space.strip() == "RGB"
    assert profile.profile.device_class == "mntr"
    assert "sRGB" in profile.profile.profile_description
    with pikepdf.open(BytesIO(pdfa.finish(_plain_pdf(), DocumentInfo("t", "a", "s", "k")))) as pdf:
        stream = pdf.Root.OutputIntents[0].DestOutputProfile
        assert stream.read_bytes() == pdfa.srgb_profile()
        assert stream.stream_dict.Filter == "/FlateDecode"  # compressed, as any stream may be
        assert len(zlib.compress(pdfa.srgb_profile())) < 1000


def test_the_workbook_names_its_title_author_and_ikrar():
    from openpyxl import load_workbook

    from pledges.documents.attendance_xlsx import build_attendance_xlsx

    record = pinned_record()
    record.event.uid = UID
    data = build_attendance_xlsx(record)
    workbook = load_workbook(BytesIO(data))
    props = workbook.properties
    assert props.title == f"Daftar Hadir \u2013 {' '.join(record.event.name.split())}"
    assert props.creator == INSTITUTION
    assert props.subject == "Daftar Hadir"
    assert props.keywords == UID
    assert props.lastModifiedBy == "Ikrar"
    import zipfile

    with zipfile.ZipFile(BytesIO(data)) as archive:
        app = archive.read("docProps/app.xml").decode()
    assert "<Application>Ikrar</Application>" in app
    assert "openpyxl" not in app.lower()


def test_finishing_is_what_every_writer_does(tmp_path, monkeypatch):
    """The builders all go through pdfa.finish: one place makes the archival file."""
    calls: list[str] = []
    real = pdfa.finish

    def spy(data: bytes, info: DocumentInfo) -> bytes:
        calls.append(info.subject)
        return real(data, info)

    monkeypatch.setattr(pdfa, "finish", spy)
    build_all()
    assert len(calls) == len(SUBJECTS)


def test_a_pdf_file_written_is_pdfa(tmp_path):
    from pledges.documents.certificates import write_certificates_separate
    from pledges.documents.minutes import write_minutes

    record = pinned_record()
    record.event.uid = UID
    write_minutes(tmp_path / "ba.pdf", record)
    check_pdfa((tmp_path / "ba.pdf").read_bytes(), "written minutes")
    folder = tmp_path / "sp"
    folder.mkdir()
    written = write_certificates_separate(folder, record)
    assert written
    for path in written[:2]:
        check_pdfa(path.read_bytes(), path.name)


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_libreoffice_opens_every_pdf_and_draws_its_first_page(documents, tmp_path):
    """As an office that opens the files in LibreOffice meets them: each PDF imports (Draw's
    PDF import) and its first page is drawn, with no complaint beyond LibreOffice's own note
    that Java is absent."""
    from PIL import Image

    sources = []
    for name in sorted(SUBJECTS):
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(documents[name])
        sources.append(str(path))
    out = tmp_path / "lo"
    result = subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
         "--infilter=draw_pdf_import", "--convert-to", "png", "--outdir", str(out), *sources],
        capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    complaints = [line for line in result.stderr.splitlines()
                  if line.strip() and "javaldx" not in line]
    assert complaints == []
    for name in sorted(SUBJECTS):
        image = Image.open(out / f"{name}.png").convert("L")
        assert image.width > 300 and image.height > 300, name
        dark = image.histogram()[:128]
        dark = sum(dark)
        assert dark > image.width * image.height // 200, f"{name}: the page came out blank"
