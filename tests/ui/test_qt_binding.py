"""The Qt binding must not lose references to None/True/False (PySide6 6.12.0's abi3 wheel on
Python 3.11 does: every void call drops one, and after a few thousand calls Python aborts with
"none_dealloc"). A desk calls such methods tens of thousands of times in a morning."""

import sys

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QApplication, QWidget


def test_void_calls_keep_the_reference_counts_of_none_and_bools(qtbot):
    widget = QWidget()
    qtbot.add_widget(widget)
    model = QStandardItemModel(1, 1)
    app = QApplication.instance()
    before = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(500):  # enough to see a leak, too few to abort the test run
        widget.update()
        widget.setObjectName("desk")
        app.processEvents()
        model.setData(model.index(0, 0), "x")
        model.index(5, 5).data()  # an invalid index: an empty QVariant, None in Python
        QModelIndex().parent()
    after = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
    assert all(a >= b - 50 for a, b in zip(after, before, strict=True)), (before, after)
