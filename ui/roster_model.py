"""Table models for an event's roster: one thin model over the attendees, one filter."""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from events.categories import Category
from events.ids import format_nip
from events.model import Attendee
from ui.texts import category_label

_Index = QModelIndex | QPersistentModelIndex

COLUMNS = ["no", "name", "category", "nip", "golongan", "jabatan", "unit", "phone"]
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ATTENDEE_ROLE = Qt.ItemDataRole.UserRole + 2


def fold(text: str) -> str:
    """Lower-case without accents, for filtering."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class RosterModel(QAbstractTableModel):
    """The attendees of one event, in document order."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._people: list[Attendee] = []
        self._keys: list[str] = []

    def headers(self) -> list[str]:
        return [self.tr("No"), self.tr("Nama"), self.tr("Kategori"), self.tr("NIP"),
                self.tr("Gol."), self.tr("Jabatan"), self.tr("Unit Kerja"), self.tr("No. HP")]

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

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._people)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def data(self, index: _Index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        person = self._people[index.row()]
        column = COLUMNS[index.column()]
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


class RosterFilter(QSortFilterProxyModel):
    """Filters the roster as the user types (every word must match) and by category."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._words: list[str] = []
        self._category: Category | None = None
        self.setSortRole(SORT_ROLE)

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
        model = self.sourceModel()
        if self._category is not None and \
                model.attendee_at(source_row).category != self._category:
            return False
        if not self._words:
            return True
        key = model.search_key(source_row)
        return all(word in key for word in self._words)
