"""The event's documents: certificates, Daftar Hadir (workbook, PDF, paper form), Berita Acara,
public roster and invitation cards, on one toolkit (toolkit.py) and one letterhead
(letterhead.py), listed in one registry (registry.py) and exported by one path (export.py).

What every document draws on is read in one go into an :class:`EventRecord` (record.py); its
names are importable from here too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pledges.documents.record import EventRecord, collect, record_export, unsealed_count

__all__ = ["EventRecord", "collect", "record_export", "unsealed_count"]


def __getattr__(name: str) -> Any:
    # Loaded when first asked for: the command line's parser reads the registry at every start
    # (the GUI's too), and the record brings the database, the seals and their cryptography.
    if name in __all__:
        from pledges.documents import record

        return getattr(record, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
