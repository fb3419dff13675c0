"""PDF/A-2b for every PDF Ikrar writes: the one step that turns a drawn PDF into an archival one.

Every builder (certificates, Daftar Hadir and its paper form, Berita Acara, public roster,
invitation cards) draws its pages with reportlab and hands the bytes to :func:`finish`, which
adds what ISO 19005-2 (PDF/A-2, level B) asks of the file as a whole and the pages do not draw:

- the output intent (``/S /GTS_PDFA1``) with an sRGB ICC profile (LittleCMS's built-in sRGB,
  made by Pillow: a monitor-class RGB profile, version 4, under 600 bytes, free of copyright);
- XMP metadata (``pdfaid:part`` 2, ``pdfaid:conformance`` B) holding the same title, author,
  subject, keywords, creator, producer and dates as the document information dictionary;
- the document information itself, alike in every document (:class:`DocumentInfo`), with
  Ikrar named as creator and producer; ``/Trapped`` is left out (it has no XMP twin here);
- a trailer ``/ID``.

Fonts are the pages' business: every canvas starts in the bundled, embedded face
(:data:`pledges.documents.toolkit.SANS`), so that no unembedded standard font (reportlab's
default Helvetica) is ever named, used or not; tests/test_pdfa.py checks every document for it.

What the pages draw is left as it is, byte for byte in every content stream: nothing visible
changes, and neither do the text layer, the QR codes nor the seals they carry. reportlab draws
no transparency that PDF/A-2 forbids (no blend modes, no transfer functions); a logo with an
alpha channel becomes an image with a soft mask, which PDF/A-2 allows (with an output intent,
no page group is needed). Nothing is encrypted, there is no JavaScript and no LZW.

A PDF that is then digitally signed (pledges/pades.py) is finished first and signed after: the
signature is an incremental update over the finished bytes.

No Qt here.
"""

from __future__ import annotations

import threading
import zlib
from datetime import datetime
from io import BytesIO
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pikepdf

    from pledges.documents.toolkit import DocumentInfo

__all__ = ["OUTPUT_CONDITION", "PRODUCER", "finish", "srgb_profile"]

OUTPUT_CONDITION = "sRGB IEC61966-2.1"
PRODUCER = "Ikrar (ReportLab, pikepdf)"

_profile_lock = threading.Lock()
_profile: bytes | None = None


def srgb_profile() -> bytes:
    """The sRGB ICC profile of the output intent (made once per process)."""
    global _profile
    with _profile_lock:
        if _profile is None:
            from PIL import ImageCms

            _profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
        return _profile


def finish(data: bytes, info: DocumentInfo) -> bytes:
    """``data`` (a PDF as reportlab wrote it) as PDF/A-2b, with ``info`` as its document
    information and XMP metadata. The pages' content is not touched."""
    import pikepdf

    with pikepdf.open(BytesIO(data)) as pdf:
        _document_info(pdf, info)
        _metadata(pdf)
        _output_intent(pdf)
        out = BytesIO()
        # Every stream is written as it is: reportlab compressed the pages, fonts and images,
        # the ICC profile is compressed here, and the XMP stays plain text, as PDF/A wants it.
        # (Asking qpdf to compress streams costs seven times as long, for the same bytes.) No
        # object streams: the file keeps the structure reportlab gave it.
        pdf.save(out, compress_streams=False, stream_decode_level=pikepdf.StreamDecodeLevel.none,
                 object_stream_mode=pikepdf.ObjectStreamMode.preserve,
                 fix_metadata_version=False)
        return out.getvalue()


def _document_info(pdf: pikepdf.Pdf, info: DocumentInfo) -> None:
    import pikepdf

    docinfo = pdf.docinfo
    created = docinfo.get("/CreationDate")
    if created is None:
        created = pikepdf.String(_pdf_date(datetime.now().astimezone()))
    fresh = pikepdf.Dictionary(
        Title=pikepdf.String(info.title),
        Author=pikepdf.String(info.author),
        Subject=pikepdf.String(info.subject),
        Keywords=pikepdf.String(info.keywords),
        Creator=pikepdf.String(info.creator),
        Producer=pikepdf.String(PRODUCER),
        CreationDate=created,
        ModDate=docinfo.get("/ModDate", created),
    )
    pdf.docinfo = pdf.make_indirect(fresh)


def _pdf_date(moment: datetime) -> str:
    offset = moment.strftime("%z") or "+0000"
    return moment.strftime("D:%Y%m%d%H%M%S") + f"{offset[:3]}'{offset[3:]}'"


def _metadata(pdf: pikepdf.Pdf) -> None:
    # The XMP is made from the document information just set, so the two say the same; the
    # document information is then left as it is (update_docinfo=False).
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta.load_from_docinfo(pdf.docinfo, delete_missing=True, raise_failure=True)
        meta["pdfaid:part"] = "2"
        meta["pdfaid:conformance"] = "B"


def _output_intent(pdf: pikepdf.Pdf) -> None:
    import pikepdf

    profile = pdf.make_stream(zlib.compress(srgb_profile(), 9))
    profile.Filter = pikepdf.Name.FlateDecode
    profile.N = 3
    intent = pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent,
        S=pikepdf.Name.GTS_PDFA1,
        OutputConditionIdentifier=pikepdf.String(OUTPUT_CONDITION),
        Info=pikepdf.String(OUTPUT_CONDITION),
        RegistryName=pikepdf.String("http://www.color.org"),
        DestOutputProfile=profile,
    )
    pdf.Root.OutputIntents = pikepdf.Array([pdf.make_indirect(intent)])
