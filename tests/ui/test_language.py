"""Switching the UI language with ui.app.install_translation."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt

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


# -- the domain's messages: one home, translated here ------------------------------------------

TS_EN = app_module.TRANSLATIONS / "ikrar_en.ts"
ROOT = app_module.TRANSLATIONS.parents[1]
PLACEHOLDER = re.compile(r"\{(\w*)\}")

# Every dict of user-visible domain texts (marked with QT_TRANSLATE_NOOP where defined).
ERROR_TEXTS = {"events.store:DB_MESSAGES", "events.checkins:MESSAGES", "pledges.texts:MESSAGES",
               "pledges.signatures:MESSAGES", "pledges.transfer:MESSAGES",
               "pledges.keys:MESSAGES", "pledges.pades:MESSAGES", "pledges.backup:MESSAGES",
               "pledges.phone.links:MESSAGES"}
DOMAIN_TEXTS = sorted({*texts.PROBLEM_MESSAGES, *ERROR_TEXTS,
                       "pledges.strokes:SIGNATURE_MESSAGES", "pledges.verify:MESSAGES",
                       "pledges.audit:MESSAGES", "pledges.audit:ACTION_LABELS",
                       "pledges.texts:TEMPLATE_LABELS",
                       "events.roster_import.problems:MESSAGES_FILE",
                       "events.roster_import.problems:MESSAGES_READ",
                       "events.roster_import.problems:MESSAGES_LIMIT",
                       "events.roster_import.problems:FIELD_LABELS"})

# Domain messages that are the bare detail: nothing to translate.
UNTRANSLATABLE = "{detail}"


def _finished_translations(ts: Path) -> dict[str, str]:
    """Source -> translation of the context "Texts" in a .ts file (finished ones only)."""
    found = {}
    for context in ElementTree.parse(ts).getroot().iter("context"):
        if context.findtext("name") != "Texts":
            continue
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.text and \
                    translation.get("type") not in ("unfinished", "vanished", "obsolete"):
                found[message.findtext("source")] = translation.text
    return found


def _domain_messages():
    for name in DOMAIN_TEXTS:
        for code, text in texts.messages(name).items():
            yield name, code, text


def test_every_domain_message_is_collected_by_lupdate(tmp_path):
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    if not lupdate.exists():
        pytest.skip("pyside6-lupdate is not installed")
    ts = tmp_path / "domain.ts"
    subprocess.run([str(lupdate), "-extensions", "py", str(ROOT / "events"),
                    str(ROOT / "pledges"), "-ts", str(ts)], check=True, capture_output=True)
    sources = {}
    for context in ElementTree.parse(ts).getroot().iter("context"):
        for message in context.iter("message"):
            sources[message.findtext("source")] = context.findtext("name")
    missing = [(name, code) for name, code, text in _domain_messages()
               if text != UNTRANSLATABLE
               and sources.get(text) != "Texts"]
    assert missing == []
    # The document menu's labels, under the context the UI translates them in.
    from pledges.documents.registry import CONTEXT, EXPORTERS
    assert [e.kind for e in EXPORTERS.values() if sources.get(e.label) != CONTEXT] == []


def test_every_code_and_error_class_has_one_home():
    for name in DOMAIN_TEXTS:
        assert texts.messages(name), name
    seen: dict[str, str] = {}
    for name in texts.PROBLEM_MESSAGES:
        for code, text in texts.messages(name).items():
            assert seen.setdefault(code, text) == text, f"{code} means two things"
    import pledges.backup
    import pledges.keys
    import pledges.signatures
    import pledges.texts
    import pledges.transfer  # noqa: F401  (their error classes)
    from events.store import StoreError
    from pledges.pades import PadesError

    classes, todo = [], [StoreError, PadesError]
    while todo:
        cls = todo.pop()
        classes.append(cls)
        todo.extend(cls.__subclasses__())
    # Every error class's messages are one of the marked dicts, and no class words its
    # message by hand (StoreError formats from ``messages``; PadesError is a ValueError).
    tables = {id(texts.messages(name)): name for name in ERROR_TEXTS}
    for cls in classes:
        if "messages" in cls.__dict__:
            assert id(cls.__dict__["messages"]) in tables, cls
        assert "message" not in cls.__dict__ or cls in (StoreError, PadesError), cls


def test_every_domain_message_is_translated_and_keeps_its_placeholders():
    english = _finished_translations(TS_EN)
    untranslated = []
    for name, code, text in _domain_messages():
        if text == UNTRANSLATABLE:
            continue
        if text not in english:
            untranslated.append((name, code))
            continue
        assert sorted(PLACEHOLDER.findall(english[text])) == \
            sorted(PLACEHOLDER.findall(text)), (name, code)
    # A new message: refresh ikrar_en.ts with pyside6-lupdate and translate it (see README).
    assert untranslated == []


def test_in_indonesian_the_ui_shows_what_the_domain_says(qapp):
    from events.checkins import CheckInError
    from events.ids import MESSAGES, Issue
    from events.store import DuplicateError, StoreError
    from events.validation import FIELD_MESSAGES
    from pledges.keys import SealKeyError
    from pledges.pades import PadesError
    from pledges.signatures import SignatureRefused

    params = {"length": "12", "value": "123"}
    for code in MESSAGES:
        assert texts.problem_text(code, params) == Issue(code, params).message
    for code, text in FIELD_MESSAGES.items():
        assert texts.problem_text(code) == text
    for error in (StoreError("disk_full"), StoreError("io", "disk I/O error"),
                  DuplicateError("duplicate_nik", "", "3275012609860001"),
                  CheckInError("reason_required"), CheckInError("not_found", "acara 9"),
                  CheckInError("ambiguous", "Budi (2 orang)"), SealKeyError("corrupt_key", "x"),
                  SignatureRefused("dot"), SignatureRefused("attendee_not_found", "peserta 7"),
                  PadesError("p12_unreadable", "rusak"), StoreError("new_code", "apa adanya")):
        assert texts.error_text(error) == error.message == str(error), error.code
    assert texts.problem_text("new_code", {}, "kata domain") == "kata domain"


@pytest.mark.skipif(not QM_EN.exists(), reason="ikrar_en.qm is not built yet")
def test_in_english_domain_messages_are_translated_or_stay_indonesian(qapp, restore_language):
    from events.checkins import CheckInError
    from events.store import StoreError
    from pledges.documents.registry import CONTEXT, EXPORTERS

    restore_language.extend(app_module.install_translation(qapp, "en"))
    assert texts.problem_text("nip_length", {"length": "12"}) == \
        "A NIP has 18 digits; this one has 12"
    assert texts.error_text(StoreError("disk_full")) == \
        "The disk is full; nothing was saved. Free some disk space and try again"
    assert texts.problem_text("nik_not_digits") == \
        "A NIK holds only digits (spaces or dots between groups are fine)"
    assert texts.error_text(CheckInError("reason_required")) == \
        "A reason for undoing the check-in is required"
    assert texts.error_text(CheckInError("attendee_not_found", "peserta 7")) == \
        "Attendee not found: peserta 7"
    assert QCoreApplication.translate(CONTEXT, EXPORTERS["minutes"].label) == \
        "Minutes \u2014 Berita Acara (PDF)\u2026"
    # A code the catalogue does not know: the domain's (Indonesian) text, as the command line
    # prints it.
    assert texts.error_text(StoreError("new_code", "apa adanya")) == "apa adanya"
    assert texts.problem_text("new_code", {}, "kata domain") == "kata domain"


def test_in_indonesian_qt_own_buttons_and_file_dialog_speak_indonesian(qtbot, qapp,
                                                                       restore_language):
    from PySide6.QtWidgets import QDialogButtonBox, QFileSystemModel

    installed = app_module.install_translation(qapp, "id")
    restore_language.extend(installed)
    assert any(t.filePath().endswith("qtbase_id.qm") for t in installed)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Yes
                               | QDialogButtonBox.StandardButton.No
                               | QDialogButtonBox.StandardButton.Cancel)
    qtbot.add_widget(buttons)
    assert sorted(b.text() for b in buttons.buttons()) == ["&Tidak", "&Ya", "Batal"]
    model = QFileSystemModel()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert headers == ["Nama", "Ukuran", "Jenis", "Tanggal Diubah"]
