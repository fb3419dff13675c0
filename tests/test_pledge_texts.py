"""Pledge texts: the shipped templates are verbatim and their hashes never drift; a version is
its hash, so an event's changed text is a new version and a signed one stays as it was."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import unicodedata
from dataclasses import replace
from datetime import date

import pytest
import sqlalchemy as sa

from events.model import Event
from pledges import texts
from pledges.texts import (
    CONSENT_VERSION,
    PLACEHOLDER,
    TEMPLATES,
    PledgeError,
    PledgeText,
    canonical,
    consent_text,
    event_pledge,
    from_canonical,
    get_version,
    set_event_pledge,
    template_text,
    use_template,
    version_hash,
    versions,
)

# The golden hashes: if one of these changes, a shipped text (or the canonical form) changed.
# Every earlier signature on the old text keeps pointing to the old hash, so this must never
# happen by accident.
GOLDEN = {
    "netralitas_asn_2024":
        "aefefe6b59620a640b679e7987e9b55e806197a7fb063ea8e3d1acfcef4a0d49",
    "pakta_integritas":
        "fefb00fe954f138a8c9bf9a49062f5f7e814d1043b84ace96c3179bfd044022f",
}
GOLDEN_CONSENT = "a222d510264dfea7c211ee986f0f19ce2c518f30bdc3d0ec7d1e2121b949ded0"


def test_golden_hashes_of_the_shipped_templates():
    assert {key: version_hash(text) for key, text in TEMPLATES.items()} == GOLDEN
    for key, text in TEMPLATES.items():
        assert hashlib.sha256(canonical(text)).hexdigest() == GOLDEN[key]
    assert CONSENT_VERSION == GOLDEN_CONSENT
    assert set(texts.TEMPLATE_LABELS) == set(TEMPLATES)


def test_the_canonical_form_is_rfc8785_json_of_the_fields():
    text = PledgeText("Judul", "Pembuka:", ("Satu;", "Dua \"kutip\" é"), "")
    assert canonical(text) == (
        '{"closing":"","format":"ikrar-pledge/1","opening":"Pembuka:",'
        '"points":["Satu;","Dua \\"kutip\\" é"],"title":"Judul"}').encode()
    assert from_canonical(canonical(text)) == text


def test_the_netralitas_template_is_verbatim():
    t = TEMPLATES["netralitas_asn_2024"]
    assert t.title == ("IKRAR NETRALITAS PEGAWAI APARATUR SIPIL NEGARA PADA PEMILU DAN "
                       "PEMILIHAN TAHUN 2024")
    assert t.opening == ("Dalam rangka menyukseskan pelaksanaan Pemilu dan Pemilihan Tahun 2024 "
                         "kami berikrar:")
    assert len(t.points) == 4
    assert t.points[2] == ("Menggunakan media sosial secara bijak dan tidak menyebarkan ujaran "
                           "kebencian serta berita bohong.")
    assert t.points[3] == "Menolak politik uang dan segala jenis pemberian dalam bentuk apapun."
    assert t.closing.startswith("Demikian ikrar ini kami buat dan dilaksanakan")
    assert t.closing.endswith("demi terwujudnya persatuan dan kesatuan NKRI.")
    assert t == texts.normalize(t)  # already in normal form: shown exactly as hashed


def test_the_pakta_integritas_has_seven_points_and_the_instansi_placeholder():
    t = TEMPLATES["pakta_integritas"]
    assert t.title == "PAKTA INTEGRITAS"
    assert len(t.points) == 7
    assert t.points[0].startswith("Berperan secara pro aktif")
    assert PLACEHOLDER in t.points[5]
    assert t.points[6] == ("Bila saya melanggar hal-hal tersebut di atas, saya siap menghadapi "
                           "konsekuensinya.")
    filled = template_text("pakta_integritas", "Pemerintah Kota Bekasi")
    assert "integritas di Pemerintah Kota Bekasi serta" in filled.points[5]
    assert PLACEHOLDER not in "".join(filled.points)
    assert template_text("pakta_integritas") == t  # no institution: placeholder kept
    with pytest.raises(PledgeError) as info:
        template_text("tidak_ada")
    assert info.value.code == "unknown_template"


def test_whitespace_and_unicode_forms_do_not_change_the_hash():
    base = TEMPLATES["netralitas_asn_2024"]
    messy = replace(
        base,
        title="  " + base.title.replace(" ", "\u00a0 \t", 3) + "\n",
        opening=base.opening.replace(" ", "\n  "),
        points=tuple(" " + p + "  " for p in base.points) + ("   ",),
        closing="\ufeff" + base.closing.replace("NKRI", "NK\u200bRI"),
    )
    assert version_hash(messy) == GOLDEN["netralitas_asn_2024"]
    composed = PledgeText("Ikrar café", "Pembuka", ("Satu",))
    decomposed = PledgeText(unicodedata.normalize("NFD", "Ikrar café"), "Pembuka", ("Satu",))
    assert composed.title != decomposed.title
    assert version_hash(composed) == version_hash(decomposed)


def test_any_edit_gives_another_hash():
    base = TEMPLATES["netralitas_asn_2024"]
    edits = [
        replace(base, title=base.title.lower()),
        replace(base, opening=base.opening.replace("kami", "Kami")),
        replace(base, points=base.points[:3]),
        replace(base, points=(base.points[1], base.points[0], *base.points[2:])),
        replace(base, points=(*base.points[:2], base.points[2].replace("bijak", "baik"),
                              base.points[3])),
        replace(base, closing=base.closing[:-1]),
        replace(base, closing=""),
        # moving text between fields is an edit too
        replace(base, opening=base.opening + " " + base.points[0], points=base.points[1:]),
    ]
    hashes = {version_hash(e) for e in edits}
    assert len(hashes) == len(edits)
    assert GOLDEN["netralitas_asn_2024"] not in hashes
    assert version_hash(base) == version_hash(replace(base))  # same text, same hash


def test_consent_notice_names_purpose_data_retention_and_controller():
    event = Event(name="X", event_date=date(2024, 1, 1), organizer_unit="Kesbangpol",
                  institution="Pemerintah Kota Bekasi")
    notice = consent_text(event)
    for words in ("UU No. 27 Tahun 2022", "bukti", "nama, NIP, jabatan, unit kerja",
                  "tanda tangan", "waktu", "Jadwal Retensi Arsip", "Pemerintah Kota Bekasi",
                  "Kesbangpol"):
        assert words in notice
    assert "5 (lima) tahun" in consent_text(event, retention="5 (lima) tahun")
    assert "penyelenggara acara" in consent_text(Event(name="Y", event_date=date(2024, 1, 1)))


# -- versions in the database ---------------------------------------------------------------------


@pytest.fixture
def event(store):
    return store.create_event(Event(name="Ikrar", event_date=date(2024, 2, 1),
                                    institution="Pemerintah Kota Contoh"))


def test_an_event_has_no_pledge_until_one_is_set(store, event):
    assert event_pledge(store, event.id) is None
    assert versions(store, event.id) == []


def test_set_event_pledge_stores_the_canonical_text(store, event):
    version = set_event_pledge(store, event.id, TEMPLATES["netralitas_asn_2024"],
                               "netralitas_asn_2024")
    assert version.hash == GOLDEN["netralitas_asn_2024"]
    assert version.text == TEMPLATES["netralitas_asn_2024"]
    assert version.current and not version.locked and version.signature_count == 0
    assert version.template == "netralitas_asn_2024"
    assert version.created_at.tzinfo is not None
    with store.connection() as conn:
        content = conn.execute(sa.text("SELECT content FROM pledge_versions WHERE hash = :h"),
                               {"h": version.hash}).scalar()
    assert content.encode() == canonical(TEMPLATES["netralitas_asn_2024"])
    assert event_pledge(store, event.id) == version


def test_setting_the_same_text_again_makes_no_new_version(store, event):
    first = set_event_pledge(store, event.id, TEMPLATES["netralitas_asn_2024"])
    again = set_event_pledge(store, event.id, replace(
        TEMPLATES["netralitas_asn_2024"], title=" " + TEMPLATES["netralitas_asn_2024"].title))
    assert again.hash == first.hash
    assert len(versions(store, event.id)) == 1
    with store.connection() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM event_pledges").scalar() == 1


def test_a_changed_text_is_a_new_current_version_and_the_history_is_kept(store, event):
    first = set_event_pledge(store, event.id, TEMPLATES["netralitas_asn_2024"])
    local = replace(TEMPLATES["netralitas_asn_2024"], points=(
        "Kami ASN dan Non-ASN Kota Bekasi akan menjaga netralitas.",
        *TEMPLATES["netralitas_asn_2024"].points[1:]))
    second = set_event_pledge(store, event.id, local)
    assert second.hash != first.hash
    assert event_pledge(store, event.id).hash == second.hash
    history = versions(store, event.id)
    assert [v.hash for v in history] == [first.hash, second.hash]
    assert [v.current for v in history] == [False, True]
    # Back to the first text: its version again, not a copy.
    back = set_event_pledge(store, event.id, TEMPLATES["netralitas_asn_2024"])
    assert back.hash == first.hash
    assert [v.hash for v in versions(store, event.id)] == [second.hash, first.hash]
    assert get_version(store, second.hash).text == texts.normalize(local)


def test_two_events_share_a_version_by_hash(store, event):
    other = store.create_event(Event(name="Lain", event_date=date(2024, 2, 2)))
    a = set_event_pledge(store, event.id, TEMPLATES["pakta_integritas"])
    b = set_event_pledge(store, other.id, TEMPLATES["pakta_integritas"])
    assert a.hash == b.hash
    with store.connection() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM pledge_versions").scalar() == 1


def test_use_template_fills_in_the_institution(store, event):
    version = use_template(store, event.id, "pakta_integritas")
    assert version.template == "pakta_integritas"
    assert "di Pemerintah Kota Contoh serta" in version.text.points[5]
    assert version.hash == version_hash(template_text("pakta_integritas",
                                                      "Pemerintah Kota Contoh"))
    bare = store.create_event(Event(name="Tanpa instansi", event_date=date(2024, 2, 2)))
    assert use_template(store, bare.id, "pakta_integritas").hash == GOLDEN["pakta_integritas"]


def test_empty_texts_and_unknown_events_are_refused(store, event):
    with pytest.raises(PledgeError) as info:
        set_event_pledge(store, event.id, PledgeText("Judul", "Pembuka", ("  ",)))
    assert info.value.code == "empty_pledge"
    with pytest.raises(PledgeError):
        set_event_pledge(store, event.id, PledgeText(" ", "Pembuka", ("Satu",)))
    with pytest.raises(texts.StoreError) as missing:
        set_event_pledge(store, 999, TEMPLATES["pakta_integritas"])
    assert missing.value.code == "not_found"
    assert event_pledge(store, event.id) is None


def test_the_database_refuses_to_change_a_stored_version(store, db_path, event):
    version = set_event_pledge(store, event.id, TEMPLATES["netralitas_asn_2024"])
    raw = sqlite3.connect(db_path)
    try:
        for sql in ("UPDATE pledge_versions SET content = 'x'",
                    "UPDATE event_pledges SET pledge_hash = 'x'"):
            with pytest.raises(sqlite3.DatabaseError, match="immutable"):
                raw.execute(sql)
    finally:
        raw.close()
    assert event_pledge(store, event.id).text == TEMPLATES["netralitas_asn_2024"]
    assert version.hash == GOLDEN["netralitas_asn_2024"]


def test_a_version_changed_outside_the_app_is_detected(store, db_path, event):
    version = set_event_pledge(store, event.id, TEMPLATES["netralitas_asn_2024"])
    raw = sqlite3.connect(db_path)
    try:
        raw.execute("DROP TRIGGER tr_pledge_versions_immutable")
        forged = json.loads(canonical(TEMPLATES["netralitas_asn_2024"]))
        forged["points"][3] = "Menerima politik uang."
        raw.execute("UPDATE pledge_versions SET content = ?", (json.dumps(forged),))
        raw.commit()
    finally:
        raw.close()
    with pytest.raises(PledgeError) as info:
        get_version(store, version.hash)
    assert info.value.code == "pledge_tampered"
