"""Pengaturan -> Basis Data: point the app at a PostgreSQL server, test the connection without
freezing the window or changing anything, and keep the choice for the next start."""

from __future__ import annotations

import sqlalchemy as sa

import main
from events.store import Store
from ui import app as app_module
from ui import settings as opts
from ui.settings_dialog import DatabaseDialog


def run_connection_test(qtbot, dialog: DatabaseDialog) -> str:
    dialog.test_button.click()
    assert not dialog.test_button.isEnabled()  # runs in the background
    qtbot.waitUntil(lambda: dialog.task is None, timeout=10_000)
    return dialog.result_label.text()


def test_a_closed_port_is_said_plainly_and_nothing_is_saved(qtbot, settings):
    dialog = DatabaseDialog(settings, "/data/ikrar.sqlite")
    qtbot.add_widget(dialog)
    dialog.server.setChecked(True)
    dialog.url.setText("postgresql://ikrar@127.0.0.1:9/ikrar")
    text = run_connection_test(qtbot, dialog)
    assert text.startswith("Gagal tersambung. Basis data tidak dapat dibuka")
    assert dialog.result_label.property("kind") == "error"
    dialog.reject()
    assert settings.get(opts.DATABASE) == ""


def test_a_server_url_is_tested_and_kept_for_the_next_start(qtbot, settings, request,
                                                            monkeypatch):
    server = request.getfixturevalue("pg_server")  # skips without IKRAR_TEST_PG_URL
    server.empty()
    url = server.url.replace("postgresql+psycopg://", "postgresql://")
    dialog = DatabaseDialog(settings, "/data/ikrar.sqlite")
    qtbot.add_widget(dialog)
    assert dialog.local.isChecked() and not dialog.url.isEnabled()
    dialog.server.setChecked(True)
    dialog.url.setText(url)
    text = run_connection_test(qtbot, dialog)
    assert text.startswith("\u2714 Tersambung ke PostgreSQL 1")
    assert "siap dipakai (skema versi" in text
    dialog.accept()
    assert dialog.changed and settings.get(opts.DATABASE) == url

    opened = []
    monkeypatch.setattr(app_module, "open_store_interactively",
                        lambda db, _dialogs, create=True: opened.append((db, create)))
    monkeypatch.setattr(app_module, "Settings", lambda: settings)
    assert main.main([]) == 1  # the saved server is what the app opens (stubbed: no window)
    assert opened == [(url, True)]
    opened.clear()
    assert main.main(["--db", "/tmp/other.sqlite"]) == 1  # --db still wins
    assert opened == [("/tmp/other.sqlite", False)]  # ... and a --db file is not created
    opened.clear()
    assert main.main(["--db", "/tmp/other.sqlite", "--create"]) == 1
    assert opened == [("/tmp/other.sqlite", True)]


def test_an_empty_database_is_offered_and_the_app_sets_it_up(qtbot, settings, tmp_path):
    path = tmp_path / "kosong.sqlite"
    sa.create_engine(f"sqlite:///{path}").connect().close()  # an empty file
    dialog = DatabaseDialog(settings, "")
    qtbot.add_widget(dialog)
    dialog.server.setChecked(True)
    dialog.url.setText(f"sqlite:///{path}")
    assert "kosong; Ikrar menyiapkan tabelnya" in run_connection_test(qtbot, dialog)
    Store.open(f"sqlite:///{path}").close()
    assert "siap dipakai" in run_connection_test(qtbot, dialog)


def test_the_server_password_stays_out_of_the_settings_file_and_is_never_shown_again(
        qtbot, settings):
    import os
    import stat
    from pathlib import Path

    url = "postgresql://ikrar:Rahasia-123@192.168.1.10/ikrar"
    dialog = DatabaseDialog(settings, "/data/ikrar.sqlite")
    qtbot.add_widget(dialog)
    dialog.server.setChecked(True)
    dialog.url.setText("postgresql://ikrar@192.168.1.10/ikrar")
    dialog.password.setText("Rahasia-123")
    dialog.accept()

    settings_file = Path(settings.qsettings.fileName())
    assert "Rahasia-123" not in settings_file.read_text()
    assert stat.S_IMODE(os.stat(settings_file).st_mode) == 0o600
    secrets = settings.folder() / "secrets.json"
    assert stat.S_IMODE(os.stat(secrets).st_mode) == 0o600
    assert settings.database_url() == url  # what the app opens next time

    again = DatabaseDialog(settings, "postgresql://ikrar:***@192.168.1.10/ikrar")
    qtbot.add_widget(again)
    assert again.url.text() == "postgresql://ikrar@192.168.1.10/ikrar"
    assert again.password.text() == "" and "tersimpan" in again.password.placeholderText()
    assert again.chosen() == url  # kept for the same address without retyping it
    again.reject()


def test_a_password_saved_in_the_address_by_an_older_version_is_moved_out(settings):
    from pathlib import Path

    settings.set(opts.DATABASE, "postgresql://ikrar:lama@10.0.0.5/ikrar")
    assert settings.database_url() == "postgresql://ikrar:lama@10.0.0.5/ikrar"
    assert settings.get(opts.DATABASE) == "postgresql://ikrar@10.0.0.5/ikrar"
    assert "lama" not in Path(settings.qsettings.fileName()).read_text()
