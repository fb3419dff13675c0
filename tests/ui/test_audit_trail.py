"""The audit trail's detail column speaks to people; the recorded entry stays in its tooltip."""

from __future__ import annotations

from pledges.documents.record import record_export
from ui.audit_dialog import AuditDialog


def test_an_export_is_named_as_its_menu_names_it(qtbot, store, event_with_roster, tmp_path):
    csv = tmp_path / "Daftar_Publik.csv"
    csv.write_text("nama\n", encoding="utf-8")
    record_export(store, event_with_roster.id, "public-csv", [csv])
    record_export(store, event_with_roster.id, "minutes",
                  [tmp_path / "a.pdf", tmp_path / "b.pdf"])
    dialog = AuditDialog(store, event_with_roster.id)
    qtbot.add_widget(dialog)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=20000)

    minutes, public = dialog.table.item(0, 3), dialog.table.item(1, 3)  # newest first
    assert minutes.text() == "Berita Acara (PDF): 2 berkas"
    assert public.text() == "Daftar Publik Penanda Tangan (CSV): Daftar_Publik.csv"
    assert "minutes" not in minutes.text() and "public-csv" not in public.text()
    # The entry as recorded, for whoever checks it against the database.
    assert public.toolTip().startswith('export: {"files": [["Daftar_Publik.csv", "')
    assert '"what": "public-csv"' in public.toolTip()
    assert '"what": "minutes"' in minutes.toolTip()


def test_the_times_are_on_the_events_clock_with_its_zone(qtbot, store, event_with_roster):
    from dataclasses import replace
    from datetime import UTC, datetime

    from events.checkins import Desk
    from events.dates import fixed_clock

    event = store.update_event(replace(event_with_roster, time_zone="WIT"))
    with fixed_clock(datetime(2024, 10, 14, 23, 30, tzinfo=UTC)):  # 08.30 WIT on 15 October
        Desk(store, event.id, "Meja 1").check_in(store.list_attendees(event.id)[0].id)
    dialog = AuditDialog(store, event.id)
    qtbot.add_widget(dialog)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=20000)
    assert dialog.table.item(0, 1).text() == "15-10-2024 08.30 WIT"  # newest first


def test_a_kind_this_version_does_not_know_is_shown_as_recorded():
    assert AuditDialog.document_name("invitation-cards") == "invitation-cards"
    assert AuditDialog.document_name("attendance") == "Daftar Hadir (Excel)"
