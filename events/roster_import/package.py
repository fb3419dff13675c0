"""The .xlsx package, opened within bounds: its members, its workbook and where its sheets are.

Every size is checked before a part is read: the file, the number of members, each part's
uncompressed size and compression ratio, and the total read. A member packed with a method
Python cannot unpack, or encrypted, is refused with a message rather than a traceback.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO, BinaryIO, cast
from xml.etree import ElementTree as ET

from events.roster_import.problems import FILE_FORMAT, FILE_UNREADABLE, RosterFileError
from events.roster_import.raw import (
    MAX_FILE_BYTES,
    MAX_PART_BYTES,
    MAX_RATIO,
    MAX_TOTAL_BYTES,
    MAX_ZIP_ENTRIES,
    RATIO_FLOOR,
    file_error,
    megabytes,
    too_large,
)

_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
# The workbook and relationship parts are parsed whole: a few KB in any real workbook.
MAX_TREE_BYTES = 8 * 1024 * 1024
# General-purpose flags zipfile cannot read: encrypted (bit 0), patched data (bit 5), strong
# encryption (bit 6).
_UNSUPPORTED_FLAGS = 0x1 | 0x20 | 0x40
# An XML part with a document type declaration: Excel never writes one, and its entities are
# how an "entity expansion" bomb grows a few KB into gigabytes.
_DTD_MARKERS = (b"<!DOCTYPE", b"<!ENTITY")
_METHODS = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2,
                      zipfile.ZIP_LZMA})


@dataclass(frozen=True)
class SheetEntry:
    """A worksheet as the workbook lists it."""

    name: str
    part: str  # package path of its XML
    visible: bool


class Package:
    """An .xlsx opened for reading, every part read through :meth:`read` or :meth:`open`.

    Raises RosterFileError from the constructor when the file is not a readable workbook
    package or is beyond the limits, and from read/open when a part is.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                raise too_large(path, "file", value=megabytes(size),
                                limit=megabytes(MAX_FILE_BYTES))
            with path.open("rb") as fh:
                entries = _declared_entries(fh)
            if entries > MAX_ZIP_ENTRIES:
                raise file_error(FILE_UNREADABLE, path)
            self.zf = zipfile.ZipFile(path)
        except NotImplementedError as exc:  # a zip version (or feature) zipfile lacks
            raise file_error(FILE_UNREADABLE, path, "packed") from exc
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise file_error(FILE_UNREADABLE, path) from exc
        self.names = set(self.zf.namelist())
        self._read_total = 0

    def close(self) -> None:
        self.zf.close()

    def __enter__(self) -> Package:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def has(self, part: str) -> bool:
        return part in self.names

    def size(self, part: str) -> int:
        return self.zf.getinfo(part).file_size

    def _check(self, part: str, count: bool = True) -> zipfile.ZipInfo:
        info = self.zf.getinfo(part)  # KeyError for a missing part
        # A packing method, an encryption or a zip version Python's zipfile cannot unpack.
        if info.compress_type not in _METHODS or info.flag_bits & _UNSUPPORTED_FLAGS or \
                info.extract_version > getattr(zipfile, "MAX_EXTRACT_VERSION", 63):
            raise file_error(FILE_UNREADABLE, self.path, "packed")
        if info.file_size > MAX_PART_BYTES:
            raise too_large(self.path, "part", part=part, value=megabytes(info.file_size),
                            limit=megabytes(MAX_PART_BYTES))
        if info.file_size > RATIO_FLOOR and \
                info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise too_large(self.path, "ratio", part=part,
                            value=info.file_size // max(info.compress_size, 1), limit=MAX_RATIO)
        if count:
            self._read_total += info.file_size
            if self._read_total > MAX_TOTAL_BYTES:
                raise too_large(self.path, "total", value=megabytes(self._read_total),
                                limit=megabytes(MAX_TOTAL_BYTES))
        return info

    def check_parts(self) -> None:
        """Check every XML part at once, for a reader that reads them all on its own (and so
        each part is read once here, in chunks, for a document type declaration)."""
        parts = [self._check(n, count=False) for n in self.names if n.endswith((".xml", ".rels"))]
        total = sum(info.file_size for info in parts)
        if total > MAX_TOTAL_BYTES:
            raise too_large(self.path, "total", value=megabytes(total),
                            limit=megabytes(MAX_TOTAL_BYTES))
        for info in parts:
            with self.open(info.filename) as stream:
                while stream.read(1 << 16):
                    pass

    def read(self, part: str) -> bytes:
        """A part's bytes (zipfile stops at the declared size, so the size checked holds)."""
        info = self._check(part)
        try:
            data = self.zf.read(info)
        except NotImplementedError as exc:  # a zip feature zipfile lacks
            raise file_error(FILE_UNREADABLE, self.path, "packed") from exc
        if any(marker in data for marker in _DTD_MARKERS):
            raise file_error(FILE_FORMAT, self.path)
        return data

    def open(self, part: str) -> IO[bytes]:
        """A part to read in chunks; a document type declaration in it is refused as read."""
        info = self._check(part)
        try:
            return cast(IO[bytes], _WithoutDtd(self.zf.open(info), self.path))
        except NotImplementedError as exc:
            raise file_error(FILE_UNREADABLE, self.path, "packed") from exc

    def tree(self, part: str) -> ET.Element:
        """A small part parsed whole (at worst ~25 MB of memory per MB of XML)."""
        if self.size(part) > MAX_TREE_BYTES:
            raise too_large(self.path, "part", part=part, value=megabytes(self.size(part)),
                            limit=megabytes(MAX_TREE_BYTES))
        return ET.fromstring(self.read(part))

    # -- the workbook ------------------------------------------------------------------------

    def workbook_part(self) -> str:
        """The workbook's package path (xl/workbook.xml unless the package says otherwise)."""
        if not any(n.endswith("workbook.xml") for n in self.names):
            if "content.xml" in self.names:  # OpenDocument (.ods)
                raise file_error(FILE_FORMAT, self.path, "ods")
            raise file_error(FILE_FORMAT, self.path)
        wb_part = "xl/workbook.xml"
        if self.has("_rels/.rels"):
            for rel in self.tree("_rels/.rels").iter(_PKG_REL):
                if rel.get("Type", "").endswith("/officeDocument"):
                    wb_part = rel.get("Target", wb_part).lstrip("/")
        return wb_part

    def rels(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationship id -> (type, package path of the target) of a part."""
        folder, _, name = part.rpartition("/")
        rels_part = f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"
        out: dict[str, tuple[str, str]] = {}
        for rel in self.tree(rels_part).iter(_PKG_REL):
            target = rel.get("Target", "")
            if rel.get("TargetMode") == "External":
                continue
            full = target.lstrip("/") if target.startswith("/") else \
                posixpath.normpath(posixpath.join(folder, target))
            out[rel.get("Id", "")] = (rel.get("Type", ""), full)
        return out


class _WithoutDtd:
    """A part's stream that raises the FILE_FORMAT error when a document type declaration goes
    by (the markers are looked for across chunk boundaries too)."""

    def __init__(self, stream: IO[bytes], path: Path) -> None:
        self.stream = stream
        self.path = path
        self.tail = b""

    def read(self, size: int = -1) -> bytes:
        try:
            chunk = self.stream.read(size)
        except NotImplementedError as exc:
            raise file_error(FILE_UNREADABLE, self.path, "packed") from exc
        seen = self.tail + chunk
        if any(marker in seen for marker in _DTD_MARKERS):
            raise file_error(FILE_FORMAT, self.path)
        self.tail = seen[-16:]
        return chunk

    def close(self) -> None:
        self.stream.close()

    def __enter__(self) -> _WithoutDtd:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def sheet_entries(root: ET.Element, ns: str, rels: dict[str, tuple[str, str]]
                  ) -> list[SheetEntry]:
    """The worksheets a workbook lists, in order (chart sheets left out)."""
    out = []
    for sheet in root.iter(f"{{{ns}}}sheet"):
        rid = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), "")
        rel_type, target = rels[rid]
        if rel_type.endswith("/worksheet"):
            out.append(SheetEntry(sheet.get("name", ""), target,
                                  sheet.get("state", "visible") == "visible"))
    return out


def _declared_entries(fh: BinaryIO) -> int:
    """How many members the zip's end record declares, read before zipfile lists them all."""
    fh.seek(0, 2)
    size = fh.tell()
    tail_len = min(size, 65536 + 22)
    fh.seek(size - tail_len)
    tail = fh.read(tail_len)
    pos = tail.rfind(b"PK\x05\x06")
    if pos < 0 or pos + 12 > len(tail):
        return 0  # zipfile reports the broken package
    total = int.from_bytes(tail[pos + 10:pos + 12], "little")
    if total == 0xFFFF:  # ZIP64: the count is in the ZIP64 end record
        loc = tail.rfind(b"PK\x06\x07", 0, pos)
        if loc >= 0:
            fh.seek(int.from_bytes(tail[loc + 8:loc + 16], "little"))
            record = fh.read(56)
            if record[:4] == b"PK\x06\x06":
                total = int.from_bytes(record[32:40], "little")
    return total


def read_error(path: Path, exc: BaseException) -> RosterFileError:
    """The FILE_UNREADABLE error of a package that broke while it was read."""
    err = file_error(FILE_UNREADABLE, path)
    err.__cause__ = exc
    return err
