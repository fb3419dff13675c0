"""The desk counters: invited, present and missing per category, and walk-ins."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel

from events.categories import Category
from events.checkins import DeskCounts
from ui.texts import category_label

# Numbers on the same line as their category's name, however tall the dashboard's rows grow.
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class CounterTable(QFrame):
    """A grid: one row per category, columns invited / present / missing / walk-ins.

    ``scale`` enlarges the type for the dashboard on a second screen; ``with_total`` adds a
    last column, everyone present (invited and walk-ins), the dashboard's big number.
    """

    def __init__(self, scale: float = 1.0, parent=None, with_total: bool = False):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(self)
        grid.setContentsMargins(8, 4, 8, 4)
        grid.setHorizontalSpacing(int(18 * scale))
        grid.setVerticalSpacing(int(2 * scale))
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * scale)
        self.setFont(font)
        heads = [self.tr("Kategori"), self.tr("Diundang"), self.tr("Hadir"),
                 self.tr("Belum hadir"), self.tr("Tanpa undangan")]
        if with_total:
            heads.append(self.tr("Hadir seluruhnya"))
        self.columns = len(heads) - 1
        for column, text in enumerate(heads):
            label = QLabel("<b>" + text + "</b>")
            if column:
                label.setAlignment(_RIGHT)
            grid.addWidget(label, 0, column)
        self.cells: dict[Category | None, list[QLabel]] = {}
        self.category_rows: list[QLabel] = []
        rows = [*Category, None]
        for r, category in enumerate(rows, start=1):
            name = QLabel(category_label(category) if category else "<b>" + self.tr("Jumlah")
                          + "</b>")
            grid.addWidget(name, r, 0)
            cells: list[QLabel] = []
            for column in range(1, self.columns + 1):
                value = QLabel("0")
                value.setAlignment(_RIGHT)
                grid.addWidget(value, r, column)
                cells.append(value)
            self.cells[category] = cells
            if category is not None:
                self.category_rows += [name, *cells]
        self.compact = False

    def set_counts(self, counts: DeskCounts) -> None:
        for category, cells in self.cells.items():
            if category is None:
                values = [counts.invited, counts.present, counts.missing, counts.walk_ins,
                          counts.present + counts.walk_ins]
                texts = [f"<b>{v}</b>" for v in values[:self.columns]]
            else:
                c = counts.by_category[category]
                texts = [str(v) for v in (c.invited, c.present, c.missing, c.walk_ins,
                                          c.present + c.walk_ins)][:self.columns]
            for cell, text in zip(cells, texts, strict=True):
                cell.setText(text)

    def set_compact(self, compact: bool) -> None:
        """Compact: the totals row only, for a short screen where every row of results
        counts."""
        self.compact = compact
        for label in self.category_rows:
            label.setVisible(not compact)

    def value(self, category: Category | None, column: int) -> int:
        """The number shown (column 0 invited, 1 present, 2 missing, 3 walk-ins, 4 everyone
        present where the table has that column)."""
        text = self.cells[category][column].text().replace("<b>", "").replace("</b>", "")
        return int(text)
