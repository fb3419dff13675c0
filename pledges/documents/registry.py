"""Every document an event can be exported as, in one list: the command line's ``--what`` and
the window's Dokumen menu are both made from it.

An :class:`Exporter` is plain data: the kind (the name ``export --what`` takes), the menu label
(marked for Qt's translation catalogue, translated by the UI), the suffix of the suggested file
name, the file dialog's filter, and ``build(record, attendee_ids, progress) -> bytes``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from events.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:  # the registry itself stays light: the command line's parser reads it at start
    from pledges.documents.record import EventRecord
    from pledges.documents.toolkit import Progress

Ids = Iterable[int] | None  # the people a per-person document is for; None: everyone
Build = Callable[["EventRecord", Ids, "Progress"], bytes]

CONTEXT = "Documents"  # the translation context of the labels


@dataclass(frozen=True)
class Exporter:
    """One kind of document.

    Attributes:
        kind: its name on the command line (``export --what KIND``) and in the audit trail.
        label: the menu text, in Indonesian, marked with QT_TRANSLATE_NOOP under
            :data:`CONTEXT`; the UI shows ``QCoreApplication.translate(CONTEXT, label)``.
        suffix: the end of the suggested file name (after the event's name), with its extension.
        file_filter: the save dialog's filter.
        build: the document's bytes from the record; ``attendee_ids`` (None: everyone) is used
            by the documents made per person, ignored by the others.
        per_person: one page per person (certificates): it can be made for a chosen few, in one
            file or one file each, and it carries seals, so unsealed signatures must be sealed
            first.
        pdf: the document is a PDF (it can be printed, and digitally signed).
    """

    kind: str
    label: str
    suffix: str
    file_filter: str
    build: Build
    per_person: bool = False
    pdf: bool = True

    @property
    def extension(self) -> str:
        return "." + self.suffix.rsplit(".", 1)[-1]


def _certificates(record: EventRecord, attendee_ids: Ids, progress: Progress) -> bytes:
    from pledges.documents.certificates import build_certificates

    return build_certificates(record, attendee_ids, progress)


def _attendance_xlsx(record: EventRecord, _ids: Ids, progress: Progress) -> bytes:
    from pledges.documents.attendance_xlsx import build_attendance_xlsx

    return build_attendance_xlsx(record, progress)


def _attendance_pdf(record: EventRecord, _ids: Ids, progress: Progress) -> bytes:
    from pledges.documents.attendance_pdf import build_attendance_pdf

    return build_attendance_pdf(record, progress)


def _attendance_blank(record: EventRecord, _ids: Ids, progress: Progress) -> bytes:
    from pledges.documents.attendance_pdf import build_attendance_blank_pdf

    return build_attendance_blank_pdf(record, progress)


def _minutes(record: EventRecord, _ids: Ids, progress: Progress) -> bytes:
    from pledges.documents.minutes import build_minutes_pdf

    return build_minutes_pdf(record, progress)


def _public_pdf(record: EventRecord, _ids: Ids, progress: Progress) -> bytes:
    from pledges.documents.public_roster import build_public_pdf

    return build_public_pdf(record, progress)


def _public_csv(record: EventRecord, _ids: Ids, _progress: Progress) -> bytes:
    from pledges.documents.public_roster import build_public_csv

    return build_public_csv(record)


PDF_FILTER = "PDF (*.pdf)"

# The labels' markers spell out CONTEXT: pyside6-lupdate reads only a literal context.
EXPORTERS: dict[str, Exporter] = {e.kind: e for e in (
    # The signed statements (Surat Pernyataan, Pakta Integritas): "certificates" inside.
    Exporter("certificates",
             QT_TRANSLATE_NOOP("Documents", "Surat Pernyataan Bertanda Tangan\u2026"),
             "Surat_Pernyataan.pdf", PDF_FILTER, _certificates, per_person=True),
    Exporter("attendance", QT_TRANSLATE_NOOP("Documents", "Daftar Hadir (Excel)\u2026"),
             "Daftar_Hadir.xlsx", QT_TRANSLATE_NOOP("Documents", "Buku kerja Excel (*.xlsx)"),
             _attendance_xlsx, pdf=False),
    Exporter("attendance-pdf", QT_TRANSLATE_NOOP("Documents", "Daftar Hadir (PDF)\u2026"),
             "Daftar_Hadir.pdf", PDF_FILTER, _attendance_pdf),
    Exporter("attendance-blank",
             QT_TRANSLATE_NOOP("Documents", "Daftar Hadir Kosong untuk Kertas (PDF)\u2026"),
             "Daftar_Hadir_Kosong.pdf", PDF_FILTER, _attendance_blank),
    Exporter("minutes", QT_TRANSLATE_NOOP("Documents", "Berita Acara (PDF)\u2026"),
             "Berita_Acara.pdf", PDF_FILTER, _minutes),
    Exporter("public", QT_TRANSLATE_NOOP("Documents", "Daftar Publik Penanda Tangan (PDF)\u2026"),
             "Daftar_Publik.pdf", PDF_FILTER, _public_pdf),
    Exporter("public-csv",
             QT_TRANSLATE_NOOP("Documents", "Daftar Publik Penanda Tangan (CSV)\u2026"),
             "Daftar_Publik.csv", "CSV (*.csv)", _public_csv, pdf=False),
)}

KINDS = tuple(EXPORTERS)  # in menu order; the choices of ``export --what``


def exporter(kind: str) -> Exporter:
    """The exporter of ``kind``.

    Raises:
        KeyError: no such kind.
    """
    return EXPORTERS[kind]
