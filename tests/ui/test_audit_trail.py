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


def test_a_kind_this_version_does_not_know_is_shown_as_recorded():
    assert AuditDialog.document_name("invitation-cards") == "invitation-cards"
    assert AuditDialog.document_name("attendance") == "Daftar Hadir (Excel)"
