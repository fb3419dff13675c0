"""A forger's tools for the tests: change a certificate PDF as someone would who wants a changed
page to pass as genuine. Each takes the PDF's bytes and gives the forged bytes.

- an incremental update (pyHanko's writer: the signed bytes stay in front, untouched): white
  boxes over printed words with new text or an image of text on top, strokes over or boxes on
  the drawn signature, pages added, removed or reordered, an annotation, new metadata;
- a rewrite (pypdfium2 saves the whole file again): the signature's byte ranges no longer fit;
- byte edits, the signature removed, the file signed again with the forger's own key.
"""

from __future__ import annotations

import zlib
from io import BytesIO

import pypdfium2 as pdfium
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

Box = tuple[float, float, float, float]
_FONT = "/FX"


def box_of(data: bytes, text: str, page_index: int = 0, occurrence: int = 0) -> Box:
    """(left, bottom, right, top) of a printed text on a page, in PDF points."""
    document = pdfium.PdfDocument(data)
    try:
        page = document[page_index]
        textpage = page.get_textpage()
        searcher = textpage.search(text, match_case=True)
        found = None
        for _ in range(occurrence + 1):
            found = searcher.get_next()
        if found is None:
            raise LookupError(text)
        start, count = found
        boxes = [textpage.get_charbox(i) for i in range(start, start + count)]
        return (min(b[0] for b in boxes), min(b[1] for b in boxes),
                max(b[2] for b in boxes), max(b[3] for b in boxes))
    finally:
        document.close()


def _page_resources(writer: IncrementalPdfFileWriter) -> generic.DictionaryObject:
    return generic.DictionaryObject({
        generic.NameObject("/Font"): generic.DictionaryObject({
            generic.NameObject(_FONT): generic.DictionaryObject({
                generic.NameObject("/Type"): generic.NameObject("/Font"),
                generic.NameObject("/Subtype"): generic.NameObject("/Type1"),
                generic.NameObject("/BaseFont"): generic.NameObject("/Helvetica"),
            })})})


def overlay(data: bytes, operators: str, page_index: int = 0,
            image: tuple[int, int, bytes] | None = None) -> bytes:
    """An incremental update drawing ``operators`` (PDF content, font /FX is Helvetica, image
    /IM is ``image`` = (width, height, grey pixels)) over the page."""
    global _FONT
    writer = IncrementalPdfFileWriter(BytesIO(data), strict=False)
    _FONT = f"/FX{data.count(b'/FX')}"  # a name not used by an earlier overlay
    operators = operators.replace("/FX ", _FONT + " ")
    resources = _page_resources(writer)
    if image is not None:
        width, height, pixels = image
        stream = generic.StreamObject({
            generic.NameObject("/Type"): generic.NameObject("/XObject"),
            generic.NameObject("/Subtype"): generic.NameObject("/Image"),
            generic.NameObject("/Width"): generic.NumberObject(width),
            generic.NameObject("/Height"): generic.NumberObject(height),
            generic.NameObject("/ColorSpace"): generic.NameObject("/DeviceGray"),
            generic.NameObject("/BitsPerComponent"): generic.NumberObject(8),
        }, stream_data=pixels)
        resources[generic.NameObject("/XObject")] = generic.DictionaryObject(
            {generic.NameObject("/IM"): writer.add_object(stream)})
    content = writer.add_object(generic.StreamObject(
        stream_data=("q " + operators + " Q").encode("latin-1")))
    writer.add_stream_to_page(page_index, content, resources=resources)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def white_out(data: bytes, text: str, new_text: str, page_index: int = 0,
              occurrence: int = 0) -> bytes:
    """A white box over ``text`` and ``new_text`` on top, in its place."""
    left, bottom, right, top = box_of(data, text, page_index, occurrence)
    size = max(6.0, (top - bottom) * 1.25)
    escaped = new_text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return overlay(data, f"1 g {left - 1:.2f} {bottom - 2:.2f} {right - left + 60:.2f} "
                   f"{top - bottom + 4:.2f} re f 0 g BT /FX {size:.1f} Tf {left:.2f} "
                   f"{bottom:.2f} Td ({escaped}) Tj ET", page_index)


def white_out_with_image(data: bytes, text: str, page_index: int = 0) -> bytes:
    """A white box over ``text`` with an image (of dark strokes, as a picture of other text)
    on top."""
    left, bottom, right, top = box_of(data, text, page_index)
    width, height = 120, 16
    pixels = bytes(0 if (x // 3) % 4 == 0 and 3 < y < 13 else 255
                   for y in range(height) for x in range(width))
    return overlay(data, f"1 g {left - 1:.2f} {bottom - 2:.2f} {right - left + 2:.2f} "
                   f"{top - bottom + 4:.2f} re f {right - left:.2f} 0 0 {top - bottom:.2f} "
                   f"{left:.2f} {bottom:.2f} cm /IM Do", page_index, (width, height, pixels))


def cover(data: bytes, box: Box, page_index: int = 0, grey: float = 1.0) -> bytes:
    left, bottom, right, top = box
    return overlay(data, f"{grey} g {left:.2f} {bottom:.2f} {right - left:.2f} "
                   f"{top - bottom:.2f} re f", page_index)


def zigzag(data: bytes, box: Box, page_index: int = 0) -> bytes:
    """A white box over ``box`` and a zigzag line drawn in it (a replaced signature)."""
    left, bottom, right, top = box
    points = " ".join(f"{left + i * (right - left) / 10:.2f} "
                      f"{bottom if i % 2 else top:.2f} l" for i in range(1, 11))
    return overlay(data, f"1 g {left:.2f} {bottom:.2f} {right - left:.2f} {top - bottom:.2f} "
                   f"re f 0 G 1 w {left:.2f} {top:.2f} m {points} S", page_index)


def replace_word_incrementally(data: bytes, word: str, new: str) -> bytes:
    return white_out(data, word, new)


def _pages_array(writer: IncrementalPdfFileWriter) -> tuple[generic.DictionaryObject,
                                                            generic.ArrayObject]:
    pages = writer.root["/Pages"]
    return pages, pages["/Kids"]


def reorder_pages(data: bytes, order: list[int]) -> bytes:
    """An incremental update that lists the pages in ``order`` (0-based; fewer to remove)."""
    writer = IncrementalPdfFileWriter(BytesIO(data), strict=False)
    pages, kids = _pages_array(writer)
    raw = [kids.raw_get(i) for i in range(len(kids))]
    pages[generic.NameObject("/Kids")] = generic.ArrayObject([raw[i] for i in order])
    pages[generic.NameObject("/Count")] = generic.NumberObject(len(order))
    writer.update_container(pages)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def add_blank_page(data: bytes) -> bytes:
    writer = IncrementalPdfFileWriter(BytesIO(data), strict=False)
    pages, kids = _pages_array(writer)
    content = writer.add_object(generic.StreamObject(
        stream_data=b"BT /FX 24 Tf 100 700 Td (Sertifikat tambahan) Tj ET"))
    page = generic.DictionaryObject({
        generic.NameObject("/Type"): generic.NameObject("/Page"),
        generic.NameObject("/Parent"): writer.root.raw_get("/Pages"),
        generic.NameObject("/MediaBox"): generic.ArrayObject(
            [generic.NumberObject(0), generic.NumberObject(0), generic.NumberObject(595),
             generic.NumberObject(842)]),
        generic.NameObject("/Contents"): content,
        generic.NameObject("/Resources"): _page_resources(writer),
    })
    kids.append(writer.add_object(page))
    pages[generic.NameObject("/Count")] = generic.NumberObject(len(kids))
    writer.update_container(pages)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def add_annotation(data: bytes, box: Box, text: str) -> bytes:
    """A FreeText annotation (a reader draws it over the page) in an incremental update."""
    writer = IncrementalPdfFileWriter(BytesIO(data), strict=False)
    page_ref = writer.root["/Pages"]["/Kids"].raw_get(0)
    page = page_ref.get_object()
    annotation = writer.add_object(generic.DictionaryObject({
        generic.NameObject("/Type"): generic.NameObject("/Annot"),
        generic.NameObject("/Subtype"): generic.NameObject("/FreeText"),
        generic.NameObject("/Rect"): generic.ArrayObject([generic.FloatObject(v) for v in box]),
        generic.NameObject("/Contents"): generic.TextStringObject(text),
        generic.NameObject("/DA"): generic.TextStringObject("/Helv 10 Tf 0 g"),
        generic.NameObject("/F"): generic.NumberObject(4),
    }))
    annotations = page.get("/Annots")
    listed = generic.ArrayObject(list(annotations) if annotations is not None else [])
    listed.append(annotation)
    page[generic.NameObject("/Annots")] = listed
    writer.update_container(page)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def new_metadata(data: bytes) -> bytes:
    writer = IncrementalPdfFileWriter(BytesIO(data), strict=False)
    info = generic.DictionaryObject({
        generic.NameObject("/Title"): generic.TextStringObject("Sertifikat (revisi)")})
    writer.trailer[generic.NameObject("/Info")] = writer.add_object(info)
    writer.update_root()
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def resave(data: bytes, edit=None) -> bytes:
    """The whole file written again by pypdfium2 (after ``edit(document)``, if given)."""
    document = pdfium.PdfDocument(data)
    try:
        if edit is not None:
            edit(document)
        out = BytesIO()
        document.save(out)
        return out.getvalue()
    finally:
        document.close()


def combine(first: bytes, second: bytes, pages: list[tuple[int, int]]) -> bytes:
    """A new PDF of pages taken from two files: (0 or 1 for the file, page index)."""
    sources = [pdfium.PdfDocument(first), pdfium.PdfDocument(second)]
    target = pdfium.PdfDocument.new()
    try:
        for at, (which, index) in enumerate(pages):
            target.import_pages(sources[which], [index], at)
        out = BytesIO()
        target.save(out)
        return out.getvalue()
    finally:
        target.close()
        for source in sources:
            source.close()


def sign_again(data: bytes, identity) -> bytes:
    """A second signature (another field) by ``identity`` after whatever is in the file."""
    from pyhanko.sign import fields, signers

    from pledges.pades import _pyhanko_signer

    writer = IncrementalPdfFileWriter(BytesIO(data), strict=False)
    meta = signers.PdfSignatureMetadata(field_name="Pemalsu",
                                        subfilter=fields.SigSeedSubFilter.PADES)
    out = signers.sign_pdf(writer, meta, signer=_pyhanko_signer(identity), output=BytesIO())
    return out.getvalue()


def flip_byte(data: bytes, at: int) -> bytes:
    changed = bytearray(data)
    changed[at] ^= 0x01
    return bytes(changed)


def edit_first_stream(data: bytes, old: bytes, new: bytes) -> bytes:
    """Inflate the first Flate stream holding ``old``, replace it with ``new`` (same length),
    deflate it again into the same room when it fits; the file's offsets are kept."""
    at = 0
    while True:
        at = data.index(b"stream\n", at) + len(b"stream\n")
        end = data.index(b"endstream", at)
        body = data[at:end].rstrip(b"\r\n")
        try:
            plain = zlib.decompress(body)
        except zlib.error:
            continue
        if old in plain:
            packed = zlib.compress(plain.replace(old, new), 9)
            if len(packed) <= len(body):
                packed = packed + b" " * (len(body) - len(packed))
                return data[:at] + packed + data[at + len(body):]
            raise ValueError("does not fit")
