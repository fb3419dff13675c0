"""The one way a document leaves the program, for the window and the command line alike:

1. seal the signatures still waiting for their seal (with the unlocked seal key; without one,
   :class:`SealKeyNeeded`, which the caller turns into a passphrase prompt);
2. read the event's record in one read transaction (:func:`pledges.documents.record.collect`);
3. choose whose documents (a :data:`Scope`: everyone, the last N minutes, one person);
4. build the document (:mod:`pledges.documents.registry`), digitally sign it if asked;
5. write it atomically (a failure or a cancel leaves no half file);
6. enter the export in the event's audit trail, with each file's SHA-256.

``progress(done, total)`` is called as the document is built; it may raise to cancel (the
exception propagates and nothing is written), and so may ``cancelled()`` returning True
(:class:`ExportCancelled`).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from events.store import Store
from events.types import now
from pledges.documents.letterhead import logo_problem
from pledges.documents.record import (
    EventRecord,
    collect,
    minutes_figures,
    minutes_revision,
    record_export,
    unsealed_count,
)
from pledges.documents.registry import Exporter, exporter
from pledges.documents.toolkit import Progress
from pledges.files import write_atomically

if TYPE_CHECKING:
    from pledges.keys import SealKey



# --- whose documents -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Everyone:
    """Everyone the document lists (for certificates: everyone who signed)."""

    def ids(self, record: EventRecord, at: datetime) -> list[int] | None:
        return None


@dataclass(frozen=True)
class LastMinutes:
    """Those who signed in the last ``minutes`` minutes (certificates only)."""

    minutes: int

    def ids(self, record: EventRecord, at: datetime) -> list[int] | None:
        since = at - timedelta(minutes=self.minutes)
        return [a.id for a in record.attendees
                if a.id in record.signatures and record.signatures[a.id].signed_at >= since]


@dataclass(frozen=True)
class OnePerson:
    """One attendee (certificates only); None: nobody is chosen."""

    attendee_id: int | None

    def ids(self, record: EventRecord, at: datetime) -> list[int] | None:
        return [self.attendee_id] if self.attendee_id in record.signatures else []


Scope = Everyone | LastMinutes | OnePerson
EVERYONE = Everyone()


# --- the result and the errors -------------------------------------------------------------------

@dataclass
class ExportResult:
    """What was written.

    Attributes:
        kind: the exporter's kind.
        files: the files written, in order: ``out`` as given, or one path per person in the
            folder ``out``.
        sealed: how many signatures were sealed on the way.
        problems: what the document had to do without, in Indonesian, each marked for Qt's
            catalogue under "Documents" (e.g. :data:`letterhead.BROKEN_LOGO`).
    """

    kind: str
    files: list[str] = field(default_factory=list)
    sealed: int = 0
    problems: list[str] = field(default_factory=list)


class SealKeyNeeded(Exception):  # noqa: N818  (a request, not a failure)
    """Signatures still need their seal and no key was given: unlock the seal key (ask the
    passphrase) and call again with it.

    Attributes:
        pending: how many signatures wait for their seal.
    """

    def __init__(self, pending: int):
        super().__init__(f"{pending} tanda tangan belum disegel: kunci segel harus dibuka dulu.")
        self.pending = pending


class ExportCancelled(Exception):  # noqa: N818  (the user's choice, not a failure)
    """``cancelled()`` returned True: the export stopped and wrote nothing."""


# --- the pipeline --------------------------------------------------------------------------------

def seal_if_needed(store: Store, event_id: int, kind: str, key: SealKey | None = None, *,
                   actor: str = "") -> int:
    """Step 1: seal what is pending with ``key``; returns how many were sealed.

    Raises:
        SealKeyNeeded: ``kind``'s documents carry seals, some are pending, and no key was given.
    """
    if key is not None:
        from pledges.seal import seal_pending

        return seal_pending(store, key, event_id, actor=actor)
    if exporter(kind).per_person:
        pending = unsealed_count(store, event_id)
        if pending:
            raise SealKeyNeeded(pending)
    return 0


def _watched(progress: Progress, cancelled: Callable[[], bool] | None) -> Progress:
    if cancelled is None:
        return progress

    def report(done: int, total: int) -> None:
        if cancelled():
            raise ExportCancelled()
        if progress is not None:
            progress(done, total)
    return report


def build(store: Store, event_id: int, kind: str, *, scope: Scope = EVERYONE,
          progress: Progress = None, cancelled: Callable[[], bool] | None = None
          ) -> tuple[EventRecord, bytes]:
    """Steps 2 to 4 without writing: the record read and the document's bytes (for printing).
    Nothing is sealed here: call :func:`seal_if_needed` first."""
    spec = exporter(kind)
    record = collect(store, event_id)
    ids = _chosen(spec, scope, record)
    return record, spec.build(record, ids, _watched(progress, cancelled))


def _chosen(spec: Exporter, scope: Scope, record: EventRecord) -> list[int] | None:
    if not spec.per_person and not isinstance(scope, Everyone):
        raise ValueError(f"{spec.kind}: dokumen ini selalu memuat semua peserta")
    return scope.ids(record, now())


def export(store: Store, event_id: int, kind: str, out: str | os.PathLike[str], *,
           scope: Scope = EVERYONE, key: SealKey | None = None,
           sign: Callable[[bytes], bytes] | None = None, combined: bool = True,
           progress: Progress = None,
           cancelled: Callable[[], bool] | None = None, actor: str = "") -> ExportResult:
    """Export ``kind`` (see :data:`pledges.documents.registry.EXPORTERS`) of the event to
    ``out``: a file, or for certificates with ``combined=False`` an existing folder that gets
    one PDF per person. ``key``: the unlocked seal key, to seal what is pending. ``sign``: turns
    a PDF's bytes into digitally signed bytes (:func:`pledges.pades.pdf_signer`).

    Raises:
        SealKeyNeeded: see :func:`seal_if_needed`.
        ValueError: nothing to put in the document (e.g. nobody signed yet: a
            CertificateError), or a scope the kind does not take.
        OSError: the file cannot be written (nothing is left behind).
        ExportCancelled: ``cancelled()`` returned True.
    """
    spec = exporter(kind)
    sealed = seal_if_needed(store, event_id, kind, key, actor=actor)
    record = collect(store, event_id)
    ids = _chosen(spec, scope, record)
    report = _watched(progress, cancelled)
    if spec.per_person:
        from pledges.documents import certificates

        if combined:
            certificates.write_certificates_combined(out, record, ids, report, sign=sign)
            files = [os.fspath(out)]
        else:
            Path(out).mkdir(parents=True, exist_ok=True)
            files = [str(p) for p in certificates.write_certificates_separate(
                out, record, ids, report, sign=sign)]
    else:
        data = spec.build(record, ids, report)
        if sign is not None and spec.pdf:
            data = sign(data)
        write_atomically(out, data)
        files = [os.fspath(out)]
    extra: dict[str, object] | None = None
    if kind == "minutes":
        extra = {"figures": minutes_figures(record), "revision": minutes_revision(record)}
    record_export(store, event_id, kind, files, actor=actor, extra=extra)
    if key is not None:  # the trail's head, with this export, signed by the seal key
        from pledges.audit import checkpoint

        checkpoint(store, key, event_id, actor=actor)
    problem = logo_problem(record.event)
    return ExportResult(kind, files, sealed, [problem] if problem else [])
