"""Pengaturan -> Bahasa offers to start Ikrar again at once, in the new language."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication

from ui import app as app_module
from ui import settings as opts
from ui.settings_dialog import LanguageDialog


class FakeProcess:
    """QProcess.startDetached, recording what would have started."""

    started: list[tuple[str, list[str]]] = []
    works = True

    @classmethod
    def startDetached(cls, program: str, args: list[str]) -> tuple[bool, int]:  # noqa: N802
        cls.started.append((program, list(args)))
        return cls.works, 4242 if cls.works else 0


@pytest.fixture
def restarts(monkeypatch):
    quits: list[bool] = []
    FakeProcess.started, FakeProcess.works = [], True
    monkeypatch.setattr(app_module, "QProcess", FakeProcess)
    monkeypatch.setattr(QCoreApplication, "quit", lambda: quits.append(True))
    monkeypatch.setattr(app_module.sys, "argv",
                        ["/opt/ikrar/main.py", "--db", "acara.db", "--lang", "id", "--event", "1",
                         "--desk"])
    monkeypatch.setattr(app_module.sys, "executable", "/usr/bin/python3")
    return quits


def _choose_english(dialog: LanguageDialog) -> None:
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.accept()


def test_restart_now_starts_ikrar_again_with_its_arguments(qtbot, modal, main_window, dialogs,
                                                            settings, restarts):
    modal(LanguageDialog, _choose_english)
    dialogs.answers.append(True)
    main_window.on_language()
    assert dialogs.buttons == [("Mulai Ulang Sekarang", "Saat Dibuka Berikutnya")]
    assert settings.get(opts.LANGUAGE) == "en"
    assert not main_window.isVisible()
    # The same arguments, without the --lang that would undo the choice.
    assert FakeProcess.started == [("/usr/bin/python3", ["/opt/ikrar/main.py", "--db", "acara.db",
                                                         "--event", "1", "--desk"])]
    assert restarts == [True]


def test_later_keeps_ikrar_open_and_the_choice_for_next_time(qtbot, modal, main_window,
                                                             dialogs, settings, restarts):
    modal(LanguageDialog, _choose_english)
    dialogs.answers.append(False)
    main_window.on_language()
    assert settings.get(opts.LANGUAGE) == "en"
    assert main_window.isVisible()
    assert FakeProcess.started == [] and restarts == []


def test_the_same_language_asks_nothing(qtbot, modal, main_window, dialogs, restarts):
    modal(LanguageDialog, lambda dialog: dialog.accept())
    main_window.on_language()
    assert dialogs.questions == [] and FakeProcess.started == []


def test_a_restart_that_fails_says_so(qtbot, modal, main_window, dialogs, restarts):
    FakeProcess.works = False
    modal(LanguageDialog, _choose_english)
    dialogs.answers.append(True)
    main_window.on_language()
    assert restarts == []
    assert dialogs.messages[-1][0] == "error"
    assert "tidak dapat dibuka ulang" in dialogs.messages[-1][2]


def test_the_bundled_app_restarts_itself():
    assert app_module.restart_command(["C:/Ikrar/Ikrar.exe", "--lang=en", "--desk"],
                                      "C:/Ikrar/Ikrar.exe", frozen=True) == \
        ("C:/Ikrar/Ikrar.exe", ["--desk"])
