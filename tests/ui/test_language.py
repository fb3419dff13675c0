"""Switching the UI language with ui.app.install_translation."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QCoreApplication, QLocale

from ui import app as app_module
from ui import texts
from ui.event_list import EventListPage

QM_EN = app_module.TRANSLATIONS / "ikrar_en.qm"


@pytest.fixture
def restore_language(qapp):
    """Undo install_translation, so the other tests see the Indonesian UI again."""
    locale, language = QLocale(), texts.LANGUAGE
    installed: list = []
    yield installed
    for translator in installed:
        qapp.removeTranslator(translator)
    texts.LANGUAGE = language
    QLocale.setDefault(locale)


def test_indonesian_needs_no_translation_of_ours(qapp, restore_language):
    installed = app_module.install_translation(qapp, "id")
    restore_language.extend(installed)
    assert texts.LANGUAGE == "id"
    assert QLocale().language() == QLocale.Language.Indonesian
    assert all(not t.filePath().endswith("ikrar_id.qm") for t in installed)
    assert texts.display_date(date(2024, 10, 14)) != "Monday, 14 October 2024"


@pytest.mark.skipif(not QM_EN.exists(),
                    reason=f"{QM_EN.relative_to(app_module.TRANSLATIONS.parents[1])} is not "
                           "built yet (the lead is producing it)")
def test_english_loads_our_translation(qtbot, qapp, restore_language):
    installed = app_module.install_translation(qapp, "en")
    restore_language.extend(installed)
    assert any(t.filePath().endswith("ikrar_en.qm") for t in installed)
    assert texts.LANGUAGE == "en"
    assert texts.display_date(date(2024, 10, 14)) == "Monday, 14 October 2024"
    translated = QCoreApplication.translate("EventListPage", "Coba Demo")
    assert translated and translated != "Coba Demo"

    page = EventListPage()
    qtbot.add_widget(page)
    assert page.demo_button.text() == translated
    assert page.new_button.text() != "Acara Baru"
