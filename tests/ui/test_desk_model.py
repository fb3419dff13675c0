"""The desk's result list (ui/desk_model.py) over a SearchIndex, shown in a QTableView."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QStyleOptionViewItem, QTableView  # noqa: E402

from events.categories import Category  # noqa: E402
from events.model import Attendee  # noqa: E402
from events.search import SearchIndex  # noqa: E402
from ui.desk_model import (  # noqa: E402
    ATTENDEE_ROLE,
    CHECKED_IN_ROLE,
    DeskResultsDelegate,
    DeskResultsModel,
)

STATUS = 3


def people() -> list[Attendee]:
    return [
        Attendee("Dr. H. Budi Santoso, M.Si.", Category.ESELON_III, unit="Dinas Pendidikan",
                 nip="198609262015051001", jabatan="Kepala Bidang", id=1),
        Attendee("Siti Rahayu", Category.ESELON_IV, unit="Dinas Kesehatan", id=2),
        Attendee("Désy Ratnasari, S.E.", Category.FUNGSIONAL, unit="Inspektorat", id=3),
        Attendee("Agus Budiman", Category.PELAKSANA, unit="Bagian Hukum", id=4),
        Attendee("H. Ahmad Wartawan", Category.TAMU, institution="PWI Kota Bekasi", id=5),
    ]


@pytest.fixture
def model(qtbot) -> DeskResultsModel:
    desk = DeskResultsModel(SearchIndex(people()), checkins={2: ("08:15", "Meja 2")})
    view = QTableView()
    qtbot.add_widget(view)
    view.setModel(desk)
    view.resize(800, 400)
    view.show()
    qtbot.waitExposed(view)
    desk.view = view  # keep the view alive with the model
    return desk


def rows(model: DeskResultsModel) -> list[list[str]]:
    return [[model.index(r, c).data() for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def test_headers(model):
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)] == \
        ["Nama", "Kategori", "Unit Kerja", "Status", "NIP", "Jabatan"]


def test_empty_query_shows_nobody(model):
    assert model.rowCount() == 0
    model.set_query("bud")
    model.set_query("")
    assert model.rowCount() == 0


def test_set_query_shows_matches_best_first(model, qtbot):
    with qtbot.wait_signal(model.resultsChanged):
        model.set_query("bud")
    assert rows(model) == [
        ["Dr. H. Budi Santoso, M.Si.", "Eselon III (Administrator)", "Dinas Pendidikan",
         "Belum hadir", "19860926 201505 1 001", "Kepala Bidang"],  # the NIP grouped 8-6-1-3
        ["Agus Budiman", "Pelaksana/Staf", "Bagian Hukum", "Belum hadir", "", ""],
    ]
    assert model.attendee_at(1).id == 4
    assert model.index(0, 0).data(ATTENDEE_ROLE).id == 1

    model.set_query("bud san")
    assert model.rowCount() == 1
    model.set_query("des")
    assert [r[0] for r in rows(model)] == ["Désy Ratnasari, S.E."]
    model.set_query("kesehatan")
    assert rows(model) == [["Siti Rahayu", "Eselon IV (Pengawas)", "Dinas Kesehatan",
                            "Hadir 08:15 (Meja 2)", "", ""]]
    model.set_query("pwi")
    assert rows(model) == [["H. Ahmad Wartawan", "Tamu", "PWI Kota Bekasi", "Belum hadir", "",
                                ""]]
    model.set_query("1986 0926")
    assert model.attendee_at(0).id == 1
    model.set_query("zzz")
    assert model.rowCount() == 0


def test_same_results_keep_the_selection(model, qtbot):
    model.set_query("sit")
    model.view.selectRow(0)
    with qtbot.assert_not_emitted(model.resultsChanged), \
            qtbot.assert_not_emitted(model.dataChanged):
        model.set_query("siti")  # same person: nothing to redraw
    assert model.view.selectionModel().selectedRows()[0].row() == 0


def test_set_checked_in_changes_status(model, qtbot):
    model.set_query("bud")
    status = model.index(0, STATUS)
    assert status.data() == "Belum hadir"
    assert status.data(CHECKED_IN_ROLE) is False
    with qtbot.wait_signal(model.dataChanged) as signal:
        model.set_checked_in(1, "08:42", "Meja 1")
    top_left, bottom_right = signal.args[:2]
    assert (top_left.row(), top_left.column()) == (0, STATUS)
    assert (bottom_right.row(), bottom_right.column()) == (0, STATUS)
    assert status.data() == "Hadir 08:42 (Meja 1)"
    assert status.data(CHECKED_IN_ROLE) is True
    assert model.index(1, STATUS).data() == "Belum hadir"
    assert model.checked_in(1) == ("08:42", "Meja 1")

    with qtbot.wait_signal(model.dataChanged):
        model.set_checked_in(1, None)  # undone
    assert status.data() == "Belum hadir"

    model.set_checked_in(1, "09:01")
    assert status.data() == "Hadir 09:01"


def test_checked_in_while_not_shown(model, qtbot):
    model.set_query("bud")
    with qtbot.assert_not_emitted(model.dataChanged):
        model.set_checked_in(3, "08:50", "Meja 1")  # Désy is not in the list
    model.set_query("desy")
    assert model.index(0, STATUS).data() == "Hadir 08:50 (Meja 1)"


def test_set_checkins_replaces_all(model, qtbot):
    model.set_query("s")  # Siti Rahayu, then Budi Santoso (S.E. is not a word)
    with qtbot.wait_signal(model.dataChanged):
        model.set_checkins({1: ("08:00", "Meja 3")})
    statuses = {r[0]: r[3] for r in rows(model)}
    assert statuses["Siti Rahayu"] == "Belum hadir"
    assert statuses["Dr. H. Budi Santoso, M.Si."] == "Hadir 08:00 (Meja 3)"


def test_refresh_after_a_walk_in(model, qtbot):
    model.set_query("wahyu")
    assert model.rowCount() == 0
    model.search_index().add(Attendee("Wahyu Hidayat", Category.TAMU, institution="Ormas",
                                      id=6))
    with qtbot.wait_signal(model.resultsChanged):
        model.refresh()
    assert model.attendee_at(0).name == "Wahyu Hidayat"
    assert model.row_of(6) == 0
    assert model.row_of(1) == -1


def test_rows_inserted_and_removed_at_the_end(model, qtbot, qtmodeltester):
    model.set_query("bud")  # 2 rows
    with qtbot.wait_signal(model.rowsRemoved) as removed:
        model.set_query("bud san")  # 1 row
    assert removed.args[1:] == [1, 1]
    with qtbot.wait_signal(model.rowsInserted) as inserted:
        model.set_query("s")  # 2 rows
    assert inserted.args[1:] == [1, 1]
    with qtbot.wait_signal(model.dataChanged), qtbot.wait_signal(model.resultsChanged):
        model.set_query("a")  # other people, same count
    assert [r[0] for r in rows(model)] == ["Agus Budiman", "H. Ahmad Wartawan"]


def test_model_tester_follows_every_change(model, qtmodeltester):
    qtmodeltester.check(model, force_py=True)  # stays connected and checks every signal
    for text in ("d", "di", "din", "dinas", "dinas k", "", "i", "1986", "s", "a", ""):
        model.set_query(text)
    model.set_checked_in(1, "08:42", "Meja 1")


def test_delegate_paints_and_sizes_rows(model, qtbot):
    view = model.view
    delegate = DeskResultsDelegate(model, view)
    view.setItemDelegate(delegate)
    view.setAlternatingRowColors(True)
    model.set_checked_in(1, "08:42", "Meja 1")
    model.set_query("s")
    view.selectRow(0)
    view.setColumnWidth(0, 60)  # too narrow for a name: elided
    assert not view.grab().isNull()
    assert delegate._texts  # the texts were laid out once and kept
    elided = [static.text() for (text, _w, _h), (static, _top) in delegate._texts.items()
              if text == "Dr. H. Budi Santoso, M.Si."]
    assert elided and elided[0].endswith("\u2026")

    option = QStyleOptionViewItem()
    option.initFrom(view)
    row = model.row_of(1)  # "Dr. H. Budi Santoso, M.Si.", "Eselon III (Administrator)"
    name = delegate.sizeHint(option, model.index(row, 0)).width()
    category = delegate.sizeHint(option, model.index(row, 1)).width()
    assert name > category > 0
    delegate.clear_cache()
    assert not delegate._texts


def test_an_empty_index_is_the_one_searched(qtbot):
    index = SearchIndex([])
    desk = DeskResultsModel(index)
    assert desk.search_index() is index
    index.add(Attendee("Wahyu Hidayat", Category.TAMU, id=9))
    desk.set_query("wah")
    assert desk.rowCount() == 1


def test_delegate_follows_the_selection(model, qtbot):
    from PySide6.QtGui import QPalette

    view = model.view
    view.setItemDelegate(DeskResultsDelegate(model, view))
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    model.set_query("d")
    assert model.rowCount() >= 3
    highlight = view.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight)

    def filled(row: int) -> bool:
        image = view.viewport().grab().toImage()
        rect = view.visualRect(model.index(row, 1))
        return image.pixelColor(rect.left() + 2, rect.top() + 2).rgb() == highlight.rgb()

    for chosen in (1, 0, 2):  # each repaint shows the selection of that moment
        view.selectRow(chosen)
        shown = [filled(r) for r in range(3)]
        assert shown == [r == chosen for r in range(3)], (chosen, shown)
