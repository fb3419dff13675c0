"""The desk's result list: a thin table model over events.search.SearchIndex."""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QPalette, QStaticText, QTransform
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyledItemDelegate

from events.categories import Category
from events.ids import format_nip
from events.model import Attendee
from events.search import SearchIndex
from ui.stored import shown
from ui.table_model import FlatTableModel
from ui.texts import category_label

_Index = QModelIndex | QPersistentModelIndex

# NIP and jabatan tell apart two people with one name. They come after the status so the
# columns' numbers stay; the desk's table shows them next to the name (setup_results_table).
COLUMNS = ["name", "category", "unit", "status", "nip", "jabatan"]
STATUS_COLUMN = COLUMNS.index("status")
_COLUMN_COUNT = len(COLUMNS)
_ROOT = QModelIndex()
ATTENDEE_ROLE = Qt.ItemDataRole.UserRole + 2
CHECKED_IN_ROLE = Qt.ItemDataRole.UserRole + 3


class DeskResultsModel(FlatTableModel):
    """The people a desk query finds, best first, with whether and when each came.

    The model does not know about check-ins beyond what the caller tells it: a mapping
    attendee id -> (time text, desk name), kept current with :meth:`set_checked_in`.

    A query whose results are the same people in the same order changes nothing. Otherwise
    the rows are rewritten in place (dataChanged), with rows inserted or removed at the end
    for the difference in count: about half the cost of a model reset for the view, which
    matters at 8 ms a keystroke. Row r then holds another person, so a selection kept by row
    number means nothing any more: on ``resultsChanged`` the desk selects the first row (or
    the person it had selected, found with :meth:`row_of`).

    Attributes:
        limit: the most rows a query shows.

    Signals:
        resultsChanged: the rows show other people (or the same in another order).
    """

    column_count = len(COLUMNS)

    resultsChanged = Signal()

    def __init__(self, index: SearchIndex | None = None,
                 checkins: dict[int, tuple[str, str]] | None = None,
                 limit: int = 50, parent=None):
        super().__init__(parent)
        self.limit = limit
        self._index = index if index is not None else SearchIndex()
        self._checkins: dict[int, tuple[str, str]] = dict(checkins or {})
        self._query = ""
        self._ids: list[int] = []
        self._people: list[Attendee] = []
        self._rows: list[list[str]] = []  # display texts, built once per query
        self._labels: dict[Category, str] = {}
        # A person's texts but the status (name, category, unit, NIP, jabatan), made once: the
        # same people come back keystroke after keystroke.
        self._fixed: dict[int, tuple[str, str, str, str, str]] = {}
        self._headers: list[str] = []

    # -- what the desk calls ---------------------------------------------------------------------

    def headers(self) -> list[str]:
        if not self._headers:
            self._headers = [self.tr("Nama"), self.tr("Kategori"), self.tr("Unit Kerja"),
                             self.tr("Status"), self.tr("NIP"), self.tr("Jabatan")]
        return self._headers

    def search_index(self) -> SearchIndex:
        return self._index

    def set_index(self, index: SearchIndex) -> None:
        """Search another roster (another event); the current query runs again."""
        self._index = index
        self._show(self._index.search_ids(self._query, self.limit), force=True)

    def query(self) -> str:
        return self._query

    def set_query(self, text: str) -> None:
        """Show what ``text`` finds."""
        self._query = text
        self._show(self._index.search_ids(text, self.limit))

    def refresh(self) -> None:
        """Run the query again, after the index changed (a walk-in added, a name edited)."""
        self._show(self._index.search_ids(self._query, self.limit), force=True)

    def set_checkins(self, checkins: dict[int, tuple[str, str]]) -> None:
        """Replace every status at once: attendee id -> (time text, desk)."""
        self._checkins = dict(checkins)
        for row, attendee_id in enumerate(self._ids):
            self._rows[row][STATUS_COLUMN] = self._status_text(attendee_id)
        if self._ids:
            self.dataChanged.emit(self.index(0, STATUS_COLUMN),
                                  self.index(len(self._ids) - 1, STATUS_COLUMN))

    def set_checked_in(self, attendee_id: int, time_text: str | None, desk: str = "") -> None:
        """Mark one person as come at ``time_text`` (e.g. "08.42 WIB") at ``desk``, or as not
        come (None: a check-in undone). Updates their row if it is shown."""
        if time_text is None:
            self._checkins.pop(attendee_id, None)
        else:
            self._checkins[attendee_id] = (time_text, desk)
        row = self.row_of(attendee_id)
        if row >= 0:
            self._rows[row][STATUS_COLUMN] = self._status_text(attendee_id)
            cell = self.index(row, STATUS_COLUMN)
            self.dataChanged.emit(cell, cell)

    def checked_in(self, attendee_id: int) -> tuple[str, str] | None:
        return self._checkins.get(attendee_id)

    def attendee_at(self, row: int) -> Attendee:
        return self._people[row]

    def text_at(self, row: int, column: int) -> str:
        """What cell (row, column) shows; "" outside the rows (for a delegate)."""
        return self._rows[row][column] if 0 <= row < len(self._rows) else ""

    def came_at(self, row: int) -> bool:
        """Whether the person on ``row`` has checked in."""
        return 0 <= row < len(self._ids) and self._ids[row] in self._checkins

    def row_of(self, attendee_id: int) -> int:
        try:
            return self._ids.index(attendee_id)
        except ValueError:
            return -1

    def retranslate(self) -> None:
        """Rebuild the texts after the UI language changed."""
        self._labels.clear()
        self._headers = []
        self._show(list(self._ids), force=True)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)

    # -- inside ----------------------------------------------------------------------------------

    def _show(self, ids: list[int], force: bool = False) -> None:
        if ids == self._ids and not force:
            return
        if force:
            self._fixed.clear()  # a person edited, another roster or language
        old, new = len(self._ids), len(ids)
        get = self._index.get
        people = [shown(get(i), "search result") for i in ids]
        rows = [self._row_texts(i, p) for i, p in zip(ids, people, strict=True)]
        kept = min(old, new)
        # Only rows that show something else are repainted: narrowing a query often keeps
        # the first people where they were.
        changed = [r for r in range(kept) if self._ids[r] != ids[r] or self._rows[r] != rows[r]]
        if new < old:
            self.beginRemoveRows(QModelIndex(), new, old - 1)
            del self._ids[new:], self._people[new:], self._rows[new:]
            self.endRemoveRows()
        self._ids[:kept], self._people[:kept], self._rows[:kept] = \
            ids[:kept], people[:kept], rows[:kept]
        if changed:
            self.dataChanged.emit(self.index(changed[0], 0),
                                  self.index(changed[-1], len(COLUMNS) - 1))
        if new > old:
            self.beginInsertRows(QModelIndex(), old, new - 1)
            self._ids[old:], self._people[old:], self._rows[old:] = \
                ids[old:], people[old:], rows[old:]
            self.endInsertRows()
        self.resultsChanged.emit()

    def _row_texts(self, attendee_id: int, person: Attendee) -> list[str]:
        fixed = self._fixed.get(attendee_id)
        if fixed is None:
            label = self._labels.get(person.category)
            if label is None:
                label = self._labels[person.category] = category_label(person.category)
            fixed = self._fixed[attendee_id] = (
                person.name, label, person.unit or person.institution, format_nip(person.nip),
                person.jabatan)
        name, label, unit, nip, jabatan = fixed
        return [name, label, unit, self._status_text(attendee_id), nip, jabatan]

    def _status_text(self, attendee_id: int) -> str:
        came = self._checkins.get(attendee_id)
        if came is None:
            return self.tr("Belum hadir")
        time_text, desk = came
        if desk:
            return self.tr("Hadir {time} ({desk})").format(time=time_text, desk=desk)
        return self.tr("Hadir {time}").format(time=time_text)

    # -- QAbstractTableModel ---------------------------------------------------------------------

    def row_count(self) -> int:
        return len(self._rows)

    # Qt asks for the counts at every cell it paints (QAbstractItemModel::index): answered
    # here in one step rather than through FlatTableModel's row_count().
    def rowCount(self, parent: _Index = _ROOT) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = _ROOT) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent.isValid() else _COLUMN_COUNT

    def data(self, index: _Index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole or role == Qt.ItemDataRole.ToolTipRole:
            if index.isValid():
                return self._rows[index.row()][index.column()]
            return None
        if role == ATTENDEE_ROLE and index.isValid():
            return self._people[index.row()]
        if role == CHECKED_IN_ROLE and index.isValid():
            return self._ids[index.row()] in self._checkins
        return None


# Flags as plain ints: Python's enum.Flag operators cost microseconds, and a keystroke paints
# about a hundred cells.
_SELECTED = QStyle.StateFlag.State_Selected.value
_ACTIVE = QStyle.StateFlag.State_Active.value
_PAINT = QEvent.Type.Paint
_GROUP_ACTIVE = QPalette.ColorGroup.Active
_GROUP_INACTIVE = QPalette.ColorGroup.Inactive
_HIGHLIGHT = QPalette.ColorRole.Highlight
_HIGHLIGHTED_TEXT = QPalette.ColorRole.HighlightedText
_ALTERNATE_BASE = QPalette.ColorRole.AlternateBase
_TEXT = QPalette.ColorRole.Text
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_ELIDE = Qt.TextElideMode.ElideRight
_MARGIN = 4  # pixels of text margin each side, like the styles' item views
PRESENT_COLOR = QColor("#1d5e20")  # the status of someone who came, as on the desk's banner


class DeskResultsDelegate(QStyledItemDelegate):
    """Paints DeskResultsModel rows straight from the model's texts: one line, elided.

    The style's item painting (QStyledItemDelegate) asks the model for seven roles per cell
    through Python and lays out every text with QTextLayout; on the desk's 10,000-person
    search that repaint is most of a keystroke's budget. This paints the same rows (selection,
    alternating rows, "Hadir ..." in green) for about a third of the cost. Use it on a view
    whose model is the DeskResultsModel itself (not a proxy).
    """

    CACHE_SIZE = 4000  # laid-out texts kept (names, units, statuses at their column widths)

    def __init__(self, model: DeskResultsModel, parent=None):
        super().__init__(parent)
        self._model = model
        self._texts: dict[tuple[str, int, int], tuple[QStaticText, float]] = {}
        # What every cell of one repaint shares (the selected rows, the palette's brushes),
        # read at its first cell: asking the option and the palette for them cell by cell was
        # a third of the delegate's time. Forgotten as each repaint starts.
        self._frame: tuple | None = None
        self._view = parent if isinstance(parent, QAbstractItemView) else None
        if self._view is not None:
            self._view.viewport().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == _PAINT:
            self._frame = None
        return False

    def _frame_of(self, option) -> tuple:
        palette = option.palette
        group = _GROUP_ACTIVE if option.state.value & _ACTIVE else _GROUP_INACTIVE
        view = self._view
        alternate = None
        if view is None or view.alternatingRowColors():
            alternate = palette.brush(group, _ALTERNATE_BASE)
        frame = (None if view is None else {i.row() for i in view.selectionModel().selectedRows()},
                 palette.brush(group, _HIGHLIGHT), palette.color(group, _HIGHLIGHTED_TEXT),
                 alternate, palette.color(group, _TEXT))
        if view is not None:
            self._frame = frame  # kept until the next repaint
        return frame

    def paint(self, painter, option, index) -> None:
        selected_rows, highlight, highlighted_text, alternate, text_color = \
            self._frame or self._frame_of(option)
        row, column = index.row(), index.column()
        model = self._model
        text = model.text_at(row, column)
        rect = option.rect
        if row in selected_rows if selected_rows is not None \
                else option.state.value & _SELECTED:
            painter.fillRect(rect, highlight)
            painter.setPen(highlighted_text)
        else:
            if row & 1 and alternate is not None:  # only odd rows alternate
                painter.fillRect(rect, alternate)
            if column == STATUS_COLUMN and model.came_at(row):
                painter.setPen(PRESENT_COLOR)
            else:
                painter.setPen(text_color)
        # A text laid out once (shaped, elided) is drawn again from its QStaticText: typing
        # brings the same names, units and statuses back again and again.
        key = (text, rect.width(), rect.height())
        laid_out = self._texts.get(key)
        if laid_out is None:
            laid_out = self._texts[key] = self._lay_out(text, option, rect)
        static, top = laid_out
        painter.drawStaticText(QPointF(rect.x() + _MARGIN, rect.y() + top), static)

    def _lay_out(self, text: str, option, rect) -> tuple[QStaticText, float]:
        if len(self._texts) >= self.CACHE_SIZE:
            self._texts.clear()
        metrics = option.fontMetrics
        width = rect.width() - 2 * _MARGIN
        if metrics.horizontalAdvance(text) > width:
            text = metrics.elidedText(text, _ELIDE, width)
        static = QStaticText(text)
        static.setTextFormat(Qt.TextFormat.PlainText)
        static.prepare(QTransform(), option.font)
        return static, (rect.height() - metrics.height()) / 2

    def clear_cache(self) -> None:
        """Forget the laid-out texts (after the view's font changed)."""
        self._texts.clear()

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 (Qt's name)
        text = self._model.text_at(index.row(), index.column())
        metrics = option.fontMetrics
        return QSize(metrics.horizontalAdvance(text) + 2 * _MARGIN + 2, metrics.height() + 8)
