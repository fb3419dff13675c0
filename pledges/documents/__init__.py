"""The event's documents: certificates, Daftar Hadir (workbook, PDF, paper form), Berita Acara,
public roster and invitation cards, on one toolkit (toolkit.py) and one letterhead
(letterhead.py), listed in one registry (registry.py) and exported by one path (export.py).

What every document draws on is read in one go into an :class:`EventRecord` (record.py); its
names are importable from here too.
"""

from pledges.documents.record import EventRecord, collect, record_export, unsealed_count

__all__ = ["EventRecord", "collect", "record_export", "unsealed_count"]
