"""Table models for an event's roster: one thin model over the attendees, one filter."""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QStyledItemDelegate

from events.categories import Category
from events.ids import format_nip
from events.model import Attendee
from events.search import fold
from ui.table_model import FlatTableModel
from ui.texts import category_label, method_label

_Index = QModelIndex | QPersistentModelIndex

COLUMNS = ["no", "name", "category", "nip", "golongan", "jabatan", "unit", "phone", "signature",
           "presence"]
SIGNATURE_COLUMN = COLUMNS.index("signature")
PRESENCE_COLUMN = COLUMNS.index("presence")
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ATTENDEE_ROLE = Qt.ItemDataRole.UserRole + 2
SIGNATURE_ROLE = Qt.ItemDataRole.UserRole + 3  # (QPainterPath, pad width, pad height) or None
SIGNED_ROLE = Qt.ItemDataRole.UserRole + 4  # bool
PRESENT_ROLE = Qt.ItemDataRole.UserRole + 5  # bool
PRESENT_COLOR = QColor("#1d5e20")  # as the desk shows who came
ABSENT_COLOR = QColor("#8a8f98")


class SignatureThumb:
    """What the roster shows of one current signature: its strokes as a path, when and where.

    Attributes:
        path: the strokes as polylines in pad pixels; width, height: the pad's size.
    """

    __slots__ = ("at_text", "height", "path", "place", "time_text", "width")

    def __init__(self, strokes, width: int, height: int, time_text: str, place: str = "",
                 at_text: str = ""):
        self.width, self.height = max(1, width), max(1, height)
        self.time_text, self.place = time_text, place
        self.at_text = at_text or time_text  # "pukul 08.42 WIB", for a sentence
        path = QPainterPath()
        for stroke in strokes:
            if not stroke:
                continue
            path.moveTo(stroke[0][0], stroke[0][1])
            if len(stroke) == 1:
                path.lineTo(stroke[0][0] + 0.5, stroke[0][1])
            for x, y, *_rest in stroke[1:]:
                path.lineTo(x, y)
        self.path = path

    @classmethod
    def of(cls, record, event) -> SignatureThumb:
        """From a pledges.signatures.SignatureRecord of ``event`` (its time on the event's
        clock, with the zone, and the date when not the event's day)."""

        from ui.texts import display_at, display_moment

        return cls(record.strokes, record.pad_width, record.pad_height,
                   display_moment(record.signed_at, event), record.place,
                   display_at(record.signed_at, event))


class Presence:
    """What the roster shows of one active check-in: when, where, how.

    Attributes:
        time_text: "08.42 WIB" (with the date when not the event's day); at_text: the same for
        a sentence ("pukul 08.42 WIB", "3 Desember 2026 pukul 08.42 WIB"); sort_key: the moment
        (UTC), sortable; desk, method: as recorded.
    """

    __slots__ = ("at_text", "desk", "method", "sort_key", "time_text")

    def __init__(self, time_text: str, sort_key: str, desk: str = "", method: str = "",
                 at_text: str = ""):
        self.time_text, self.sort_key, self.desk, self.method = time_text, sort_key, desk, method
        self.at_text = at_text or time_text

    @classmethod
    def of(cls, checkin, event) -> Presence:
        """From an events.checkins.CheckIn, told on ``event``'s clock."""
        from datetime import UTC

        from ui.texts import display_at, display_moment

        return cls(display_moment(checkin.checked_in_at, event),
                   checkin.checked_in_at.astimezone(UTC).isoformat(), checkin.desk,
                   checkin.method, display_at(checkin.checked_in_at, event))


class RosterModel(FlatTableModel):
    """The attendees of one event, in document order, with who signed and who came."""

    column_count = len(COLUMNS)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._people: list[Attendee] = []
        self._keys: list[str] = []
        self._signed: dict[int, SignatureThumb] = {}
        self._present: dict[int, Presence] = {}

    def headers(self) -> list[str]:
        return [self.tr("No"), self.tr("Nama"), self.tr("Kategori"), self.tr("NIP"),
                self.tr("Gol."), self.tr("Jabatan"), self.tr("Unit Kerja"), self.tr("No. HP"),
                self.tr("TTD"), self.tr("Kehadiran")]

    # -- presence -----------------------------------------------------------------------------

    def set_presence(self, present: dict[int, Presence]) -> None:
        """Who has come: attendee id -> their active check-in."""
        if not present and not self._present:
            return
        self._present = dict(present)
        if self._people:
            self.dataChanged.emit(self.index(0, PRESENCE_COLUMN),
                                  self.index(len(self._people) - 1, PRESENCE_COLUMN))

    def is_present(self, row: int) -> bool:
        return self._people[row].id in self._present

    def present_count(self) -> int:
        return sum(1 for p in self._people if p.id in self._present)

    # -- signatures ---------------------------------------------------------------------------

    def set_signatures(self, thumbs: dict[int, SignatureThumb]) -> None:
        """Who has signed: attendee id -> their current signature's thumbnail."""
        if not thumbs and not self._signed:
            return  # nothing shown changes (and the filter need not run again)
        self._signed = dict(thumbs)
        if self._people:
            self.dataChanged.emit(self.index(0, SIGNATURE_COLUMN),
                                  self.index(len(self._people) - 1, SIGNATURE_COLUMN))

    def set_signature(self, attendee_id: int, thumb: SignatureThumb | None) -> None:
        if thumb is None:
            self._signed.pop(attendee_id, None)
        else:
            self._signed[attendee_id] = thumb
        row = self.row_of(attendee_id)
        if row >= 0:
            cell = self.index(row, SIGNATURE_COLUMN)
            self.dataChanged.emit(cell, cell)

    def is_signed(self, row: int) -> bool:
        return self._people[row].id in self._signed

    def signed_count(self) -> int:
        return sum(1 for p in self._people if p.id in self._signed)

    @staticmethod
    def _key(a: Attendee) -> str:
        return fold(" ".join((a.name, a.nip or "", a.nik or "", a.unit, a.jabatan,
                              a.institution)))

    def set_attendees(self, people: list[Attendee]) -> None:
        self.beginResetModel()
        self._people = list(people)
        self._keys = []  # built on the first search, not at start-up
        self.endResetModel()

    def attendees(self) -> list[Attendee]:
        return list(self._people)

    def attendee_at(self, row: int) -> Attendee:
        return self._people[row]

    def search_key(self, row: int) -> str:
        if len(self._keys) != len(self._people):
            self._keys = [self._key(a) for a in self._people]
        return self._keys[row]

    def row_of(self, attendee_id: int) -> int:
        for row, person in enumerate(self._people):
            if person.id == attendee_id:
                return row
        return -1

    def upsert(self, person: Attendee) -> int:
        """Show a new or changed attendee; returns its row."""
        row = self.row_of(person.id) if person.id is not None else -1
        if row >= 0:
            self._people[row] = person
            self._keys.clear()
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
            return row
        row = len(self._people)
        self.beginInsertRows(QModelIndex(), row, row)
        self._people.append(person)
        self._keys.clear()
        self.endInsertRows()
        return row

    def remove(self, attendee_id: int) -> None:
        row = self.row_of(attendee_id)
        if row < 0:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._people[row]
        self._keys.clear()
        self.endRemoveRows()

    def row_count(self) -> int:
        return len(self._people)

    def data(self, index: _Index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        person = self._people[index.row()]
        column = COLUMNS[index.column()]
        if column == "signature":
            return self._signature_data(person, role)
        if column == "presence":
            return self._presence_data(person, role)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "no":
                return index.row() + 1
            if column == "category":
                return category_label(person.category)
            if column == "nip":
                return format_nip(person.nip) if person.nip else (person.nik or "")
            if column == "unit":
                return person.unit or person.institution
            return getattr(person, column)
        if role == SORT_ROLE:
            if column == "no":
                return index.row()
            if column == "category":
                return person.category.order
            if column == "name":
                return fold(person.name)
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        if role == ATTENDEE_ROLE:
            return person
        return None

    def _presence_data(self, person: Attendee, role):
        came = self._present.get(person.id) if person.id is not None else None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr("Hadir {0}").format(came.time_text) if came else self.tr("Belum")
        if role == PRESENT_ROLE:
            return came is not None
        if role == SORT_ROLE:  # who has not come first, then by the moment they came
            return came.sort_key if came else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            if came is None:
                return self.tr("Belum hadir")
            how = method_label(came.method) if came.method else ""
            text = self.tr("Hadir {0} di {1}").format(came.at_text, came.desk or "-")
            return f"{text} ({how})" if how else text
        if role == Qt.ItemDataRole.ForegroundRole:
            return PRESENT_COLOR if came else ABSENT_COLOR
        if role == ATTENDEE_ROLE:
            return person
        return None

    def _signature_data(self, person: Attendee, role):
        thumb = self._signed.get(person.id) if person.id is not None else None
        if role == Qt.ItemDataRole.DisplayRole:
            return "" if thumb else self.tr("belum")
        if role == SIGNED_ROLE:
            return thumb is not None
        if role == SIGNATURE_ROLE:
            return thumb
        if role == SORT_ROLE:
            return thumb.time_text if thumb else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            if thumb is None:
                return self.tr("Belum tanda tangan")
            if thumb.place:
                return self.tr("Ditandatangani {0} di {1}").format(thumb.at_text, thumb.place)
            return self.tr("Ditandatangani {0}").format(thumb.at_text)
        if role == Qt.ItemDataRole.ForegroundRole and thumb is None:
            return QColor("#8a8f98")
        if role == ATTENDEE_ROLE:
            return person
        return None


SIGNATURE_INK = QColor(20, 30, 90)


class SignatureThumbDelegate(QStyledItemDelegate):
    """Draws a signed attendee's signature small in its cell (vector: sharp at any size)."""

    def paint(self, painter, option, index) -> None:
        super().paint(painter, option, index)
        thumb = index.data(SIGNATURE_ROLE)
        if thumb is None:
            return
        box = QRectF(option.rect).adjusted(4, 2, -4, -2)
        ink = thumb.path.boundingRect()  # the ink, not the pad: legible at this size
        if box.width() <= 2 or box.height() <= 2 or ink.isEmpty() and ink.width() <= 0:
            return
        scale = min(box.width() / max(ink.width(), 1.0), box.height() / max(ink.height(), 1.0))
        width, height = ink.width() * scale, ink.height() * scale
        painter.save()
        painter.setClipRect(option.rect)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.translate(box.x() + (box.width() - width) / 2,
                          box.y() + (box.height() - height) / 2)
        painter.scale(scale, scale)
        painter.translate(-ink.x(), -ink.y())
        pen = QPen(SIGNATURE_INK, 1.3)
        pen.setCosmetic(True)  # the same thin line at any scale
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.drawPath(thumb.path)
        painter.restore()


class RosterFilter(QSortFilterProxyModel):
    """Filters the roster as the user types (every word must match) and by category."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._words: list[str] = []
        self._category: Category | None = None
        self._unsigned_only = False
        self.setSortRole(SORT_ROLE)

    def set_unsigned_only(self, on: bool) -> None:
        """Show only who has not signed yet ("Belum tanda tangan")."""
        if on != self._unsigned_only:
            self.beginFilterChange()
            self._unsigned_only = on
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_text(self, text: str) -> None:
        words = fold(text).split()
        if words != self._words:
            self.beginFilterChange()
            self._words = words
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_category(self, category: Category | None) -> None:
        if category != self._category:
            self.beginFilterChange()
            self._category = category
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        # cast, not a check: this runs for every row on every keystroke, and the roster page
        # gives this filter its RosterModel
        model = cast(RosterModel, self.sourceModel())
        if self._unsigned_only and model.is_signed(source_row):
            return False
        if self._category is not None and \
                model.attendee_at(source_row).category != self._category:
            return False
        if not self._words:
            return True
        key = model.search_key(source_row)
        return all(word in key for word in self._words)
