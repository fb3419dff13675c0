"""In English, the values the app itself fills in (categories, statuses, how someone checked
in, template names) are English too; what the organizer typed (names, units) stays as typed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale, Qt
from uihelpers import person

from events.checkins import Desk, Method
from ui import app as app_module
from ui import texts
from ui.audit_dialog import AuditDialog
from ui.desk_model import DeskResultsModel
from ui.roster_model import PRESENCE_COLUMN
from ui.roster_page import RosterPage

pytestmark = pytest.mark.skipif(not (app_module.TRANSLATIONS / "ikrar_en.qm").exists(),
                                reason="ikrar_en.qm is not built")


@pytest.fixture
def english(qapp):
    locale, language = QLocale(), texts.LANGUAGE
    installed = app_module.install_translation(qapp, "en")
    yield
    for translator in installed:
        qapp.removeTranslator(translator)
    texts.LANGUAGE = language
    QLocale.setDefault(locale)


@pytest.fixture
def came(store, event_with_roster):
    """Budi scanned in at Meja 1; the others not yet."""
    budi = person(store, event_with_roster, "Budi")
    Desk(store, event_with_roster.id, "Meja 1", "Rina").check_in(budi.id, Method.SCAN)
    return budi


def row_of(model, name: str) -> int:
    return next(r for r in range(model.rowCount()) if model.index(r, 1).data() == name)


def test_the_roster_in_english(qtbot, english, store, dialogs, event_with_roster, came):
    page = RosterPage(store, dialogs)
    qtbot.add_widget(page)
    page.show_event(event_with_roster)
    model = page.table.model()
    budi, siti = row_of(model, came.name), row_of(model, "Siti Rahayu")
    assert model.index(budi, 2).data() == "Echelon III (Administrator)"
    assert model.index(budi, PRESENCE_COLUMN).data().startswith("Present ")
    assert model.index(siti, PRESENCE_COLUMN).data() == "Not yet"
    tip = model.index(budi, PRESENCE_COLUMN).data(Qt.ItemDataRole.ToolTipRole)
    assert "QR scan" in tip and "Meja 1" in tip and "pindai" not in tip
    assert model.index(budi, 6).data() == "Dinas Pendidikan"  # as the organizer typed it


def test_the_desk_results_in_english(english, store, event_with_roster, came):
    from events.search import SearchIndex

    model = DeskResultsModel(SearchIndex(store.list_attendees(event_with_roster.id)),
                             {came.id: ("08:42", "Meja 1")})
    model.set_query("s")
    rows = {model.text_at(r, 0): r for r in range(model.rowCount())}
    assert model.text_at(rows[came.name], 1) == "Echelon III (Administrator)"
    assert model.text_at(rows[came.name], 3) == "Present 08:42 (Meja 1)"
    assert model.text_at(rows["Siti Rahayu"], 3) == "Not yet arrived"
    assert model.text_at(rows["Siti Rahayu"], 2) == "Dinas Kesehatan"


def test_the_audit_trail_says_how_someone_came_in_english(qtbot, english, store,
                                                          event_with_roster, came):
    dialog = AuditDialog(store, event_with_roster.id)
    qtbot.add_widget(dialog)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=20000)
    details = [dialog.table.item(r, 3).text() for r in range(dialog.table.rowCount())]
    assert f"{came.name} \u00b7 QR scan" in details


def test_the_audit_trail_says_how_someone_came_in_indonesian(qtbot, store, event_with_roster,
                                                             came):
    dialog = AuditDialog(store, event_with_roster.id)
    qtbot.add_widget(dialog)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=20000)
    details = [dialog.table.item(r, 3).text() for r in range(dialog.table.rowCount())]
    assert f"{came.name} \u00b7 pindai QR" in details


def test_every_check_in_method_has_words_in_both_languages(english):
    for method in Method:
        assert texts.method_label(method.value) != method.value, method


def test_pledge_templates_are_named_in_english(qtbot, english, store, dialogs,
                                               event_with_roster):
    from ui.pledge_editor import PledgeEditorDialog

    dialog = PledgeEditorDialog(store, event_with_roster, None, dialogs)
    qtbot.add_widget(dialog)
    names = [dialog.template.itemText(i) for i in range(dialog.template.count())]
    assert "Integrity Pact (PermenPANRB 49/2011)" in names
    assert not any(n.startswith("Ikrar Netralitas Pegawai") for n in names)
