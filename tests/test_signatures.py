"""Signatures: bound to the exact pledge version, one transaction each, superseded not lost,
the witness once per event; the CLI's pledge and signature commands; upgrading from 0002."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date
from io import BytesIO

import pytest
import sqlalchemy as sa
from PIL import Image

from events.categories import Category
from events.model import Attendee, Event
from events.store import StoreError
from pledges import strokes as st
from pledges.demo import complete_demo, synthetic_signature
from pledges.signatures import (
    SignatureRefused,
    current_signature,
    current_signatures,
    sign,
    sign_witness,
    signature_history,
    signed_ids,
    unsigned,
    witness_history,
    witness_signature,
)
from pledges.texts import (
    CONSENT_VERSION,
    TEMPLATES,
    event_pledge,
    get_version,
    set_event_pledge,
    template_text,
    use_template,
    version_hash,
    versions,
)

W, H = 600, 300
NETRALITAS = TEMPLATES["netralitas_asn_2024"]


def sig(seed: int = 1):
    return synthetic_signature(seed, W, H)


@pytest.fixture
def event(store):
    return store.create_event(Event(name="Ikrar Netralitas", event_date=date(2024, 2, 1),
                                    institution="Pemerintah Kota Contoh"))


@pytest.fixture
def people(store, event):
    return store.add_attendees(event.id, [
        Attendee("Ani", Category.ESELON_III, nip="198609262015051001"),
        Attendee("Budi", Category.PELAKSANA),
        Attendee("Citra", Category.TAMU),
    ])


@pytest.fixture
def pledged(store, event):
    return set_event_pledge(store, event.id, NETRALITAS, "netralitas_asn_2024")


def test_sign_records_everything_and_binds_the_pledge_version(store, event, people, pledged):
    strokes = sig()
    record = sign(store, event.id, people[0].id, strokes, W, H, place="Meja 1",
                  operator="Rina")
    assert record.pledge_hash == pledged.hash == version_hash(NETRALITAS)
    assert record.strokes == st.normalize(strokes)
    assert record.strokes_sha256 == st.digest(strokes)
    assert (record.pad_width, record.pad_height) == (W, H)
    assert record.consent_version == CONSENT_VERSION
    assert record.signed_at.tzinfo is not None
    assert (record.place, record.operator, record.role) == ("Meja 1", "Rina", "attendee")
    assert record.current and record.intact
    stored = current_signature(store, event.id, people[0].id)
    assert stored == record
    assert event_pledge(store, event.id).signature_count == 1


def test_signing_without_passing_the_desk_records_the_person_present(store, event, people,
                                                                     pledged):
    """Whoever signs is present: a check-in at the station, in the same transaction, logged in
    the audit trail, so every document and counter agrees."""
    from events.audit import entries
    from events.checkins import Desk, active_checkins, counts

    record = sign(store, event.id, people[1].id, sig(), W, H, place="Stasiun TTD 2",
                  operator="Rina")
    assert record.checked_in
    present = active_checkins(store, event.id)
    assert list(present) == [people[1].id]
    assert (present[people[1].id].desk, present[people[1].id].operator,
            present[people[1].id].method) == ("Stasiun TTD 2", "Rina", "signing")
    assert present[people[1].id].checked_in_at == record.signed_at
    assert counts(store, event.id).present_total == 1
    with store.connection() as conn:
        actions = [e.content["action"] for e in entries(conn, event.id)]
    assert actions[-2:] == ["checkin", "signature"]
    # Someone checked in at the desk first keeps that check-in; signing again adds nothing.
    Desk(store, event.id, "Meja 1", "Ani").check_in(people[2].id)
    again = sign(store, event.id, people[2].id, sig(), W, H)
    assert not again.checked_in
    assert active_checkins(store, event.id)[people[2].id].desk == "Meja 1"
    assert not sign(store, event.id, people[1].id, sig(), W, H).checked_in
    assert len(active_checkins(store, event.id)) == 2


def test_sign_is_refused_without_a_pledge(store, event, people):
    with pytest.raises(SignatureRefused) as info:
        sign(store, event.id, people[0].id, sig(), W, H)
    assert info.value.code == "no_pledge"
    assert "teks ikrar" in info.value.message
    with pytest.raises(SignatureRefused):
        sign_witness(store, event.id, sig(), W, H)
    assert current_signatures(store, event.id) == {}


@pytest.mark.parametrize("strokes, code", [
    ([], "empty"),
    ([[(300, 150, 0, 0.5)]], "dot"),
    ([[(100 + i * 10, 150, i * 10, 0.5) for i in range(40)]], "line"),
])
def test_bad_strokes_are_refused_with_their_code(store, event, people, pledged, strokes, code):
    with pytest.raises(SignatureRefused) as info:
        sign(store, event.id, people[0].id, strokes, W, H)
    assert info.value.code == code
    assert info.value.message == st.SIGNATURE_MESSAGES[code]
    assert signature_history(store, event.id, people[0].id) == []


def test_an_attendee_of_another_event_cannot_sign_here(store, event, people, pledged):
    other = store.create_event(Event(name="Lain", event_date=date(2024, 3, 1)))
    stranger = store.add_attendee(other.id, Attendee("Dedi", Category.TAMU))
    with pytest.raises(SignatureRefused) as info:
        sign(store, event.id, stranger.id, sig(), W, H)
    assert info.value.code == "attendee_not_found"
    with pytest.raises(SignatureRefused) as pad:
        sign(store, event.id, people[0].id, sig(), 0, H)
    assert pad.value.code == "bad_pad"


def test_a_text_changed_while_the_person_read_it_is_refused(store, event, people, pledged):
    set_event_pledge(store, event.id, replace(NETRALITAS, closing="Demikian."))
    with pytest.raises(SignatureRefused) as info:
        sign(store, event.id, people[0].id, sig(), W, H, pledge_hash=pledged.hash)
    assert info.value.code == "pledge_changed"
    assert signature_history(store, event.id, people[0].id) == []


def test_signing_again_supersedes_and_keeps_the_history(store, event, people, pledged):
    first = sign(store, event.id, people[0].id, sig(1), W, H, place="Meja 1")
    second = sign(store, event.id, people[0].id, sig(2), W, H, place="Stasiun TTD 2")
    history = signature_history(store, event.id, people[0].id)
    assert [r.id for r in history] == [first.id, second.id]
    assert history[0].superseded_at is not None and history[0].superseded_at >= first.signed_at
    assert history[0].strokes_sha256 == first.strokes_sha256  # kept as it was
    assert history[1].current
    assert current_signature(store, event.id, people[0].id).id == second.id
    assert list(current_signatures(store, event.id)) == [people[0].id]
    assert signed_ids(store, event.id) == {people[0].id}


def test_one_current_signature_per_person_is_a_database_constraint(store, event, people,
                                                                   pledged):
    record = sign(store, event.id, people[0].id, sig(), W, H)
    copy = ("INSERT INTO signatures (event_id, attendee_id, role, pledge_hash, strokes, "
            "strokes_sha256, pad_width, pad_height, consent_version, signed_at) "
            "SELECT event_id, {attendee}, {role}, pledge_hash, strokes, strokes_sha256, "
            "pad_width, pad_height, consent_version, signed_at FROM signatures")
    with pytest.raises(sa.exc.IntegrityError, match="UNIQUE|ux_signatures_current"), \
            store.engine.begin() as conn:
        conn.execute(sa.text(copy.format(attendee="attendee_id", role="role")))
    with pytest.raises(sa.exc.IntegrityError, match="CHECK|ck_signatures_role"), \
            store.engine.begin() as conn:  # a witness row with an attendee
        conn.execute(sa.text(copy.format(attendee=":other", role="'witness'")),
                     {"other": people[1].id})
    # A second current witness signature of the event is refused too.
    sign_witness(store, event.id, sig(3), W, H)
    with pytest.raises(sa.exc.IntegrityError, match="UNIQUE|ux_signatures_witness"), \
            store.engine.begin() as conn:
        conn.execute(sa.text(copy.format(attendee="NULL", role="role")
                             + " WHERE role = 'witness'"))
    assert current_signature(store, event.id, people[0].id) == record


def test_a_stored_signature_cannot_be_changed_in_the_database(store, event, people, pledged):
    sign(store, event.id, people[0].id, sig(1), W, H)
    sign(store, event.id, people[0].id, sig(2), W, H)
    for sql, params in (
            ("UPDATE signatures SET strokes = :blob", {"blob": b"\x00"}),
            ("UPDATE signatures SET pledge_hash = 'x'", {}),
            ("UPDATE signatures SET signed_at = :at", {"at": "2020-01-01T00:00:00+07:00"}),
            ("UPDATE signatures SET superseded_at = NULL WHERE superseded_at IS NOT NULL", {}),
            ("UPDATE pledge_versions SET content = 'x'", {}),
            ("UPDATE event_pledges SET adopted_at = adopted_at", {})):
        with pytest.raises(sa.exc.DBAPIError, match="immutable"), store.engine.begin() as conn:
            conn.execute(sa.text(sql), params)
    history = signature_history(store, event.id, people[0].id)
    assert [r.strokes for r in history] == [sig(1), sig(2)]
    assert [r.current for r in history] == [False, True]


def test_tampered_strokes_are_detected(store, db_path, event, people, pledged):
    sign(store, event.id, people[0].id, sig(1), W, H)
    raw = sqlite3.connect(db_path)
    try:
        raw.execute("DROP TRIGGER tr_signatures_immutable")
        raw.execute("UPDATE signatures SET strokes = ?", (st.encode(sig(5)),))
        raw.commit()
    finally:
        raw.close()
    assert not current_signature(store, event.id, people[0].id).intact


def test_changing_the_text_after_signing_leaves_the_signature_on_the_old_version(
        store, event, people, pledged):
    signed = sign(store, event.id, people[0].id, sig(), W, H)
    assert event_pledge(store, event.id).locked
    local = replace(NETRALITAS, points=(*NETRALITAS.points[:2],
                                        "Menggunakan media sosial secara baik.",
                                        NETRALITAS.points[3]))
    new = set_event_pledge(store, event.id, local)
    assert new.hash != signed.pledge_hash and not new.locked
    kept = current_signature(store, event.id, people[0].id)
    assert kept.pledge_hash == pledged.hash
    old = get_version(store, kept.pledge_hash)
    assert old.text == NETRALITAS and old.locked
    later = sign(store, event.id, people[1].id, sig(3), W, H)
    assert later.pledge_hash == new.hash
    counts = {v.hash: v.signature_count for v in versions(store, event.id)}
    assert counts == {pledged.hash: 1, new.hash: 1}


def test_the_witness_signs_once_per_event_and_a_new_one_supersedes(store, event, people,
                                                                   pledged):
    assert witness_signature(store, event.id) is None
    first = sign_witness(store, event.id, sig(1), W, H, place="Meja 1", operator="Rina")
    assert first.role == "witness" and first.attendee_id is None
    assert witness_signature(store, event.id) == first
    second = sign_witness(store, event.id, sig(2), W, H)
    assert witness_signature(store, event.id).id == second.id
    assert [r.id for r in witness_history(store, event.id)] == [first.id, second.id]
    assert [r.id for r in signature_history(store, event.id, None)] == [first.id, second.id]
    assert current_signatures(store, event.id) == {}  # the witness is not an attendee
    other = store.create_event(Event(name="Lain", event_date=date(2024, 3, 1)))
    set_event_pledge(store, other.id, NETRALITAS)
    sign_witness(store, other.id, sig(3), W, H)
    assert witness_signature(store, event.id).id == second.id


def test_unsigned_lists_everyone_without_a_current_signature(store, event, people, pledged):
    sign(store, event.id, people[1].id, sig(), W, H)
    assert [a.name for a in unsigned(store, event.id)] == ["Ani", "Citra"]


def test_someone_who_signed_cannot_be_removed_from_the_roster(store, event, people, pledged):
    sign(store, event.id, people[0].id, sig(), W, H)
    with pytest.raises(StoreError) as refused:
        store.remove_attendee(people[0].id)
    assert refused.value.code == "has_records"
    assert refused.value.message.startswith("Ani sudah tercatat hadir atau menandatangani")
    assert len(signature_history(store, event.id, people[0].id)) == 1
    store.remove_attendee(people[1].id)  # someone who neither came nor signed can go


def test_render_png_of_a_record(store, event, people, pledged):
    record = sign(store, event.id, people[0].id, sig(), W, H)
    image = Image.open(BytesIO(record.render_png(300, background="white")))
    assert image.size == (300, 150)


# -- the demo -------------------------------------------------------------------------------------


def test_complete_demo_gives_the_demo_a_pledge_and_signatures(store):
    from events.demo import open_demo

    event = complete_demo(store, open_demo(store))
    version = event_pledge(store, event.id)
    # the Pakta Integritas fits any date (an election year's pledge would not)
    assert version.template == "pakta_integritas"
    assert witness_signature(store, event.id) is not None
    signed = current_signatures(store, event.id)
    assert 5 <= len(signed) <= 20
    assert all(r.pledge_hash == version.hash and r.intact for r in signed.values())
    complete_demo(store, open_demo(store))  # idempotent
    assert len(current_signatures(store, event.id)) == len(signed)
    assert len(witness_history(store, event.id)) == 1


# -- the command line -----------------------------------------------------------------------------


def test_cli_pledge_list(cli):
    code, data, _ = cli("pledge", "list", "--json")
    assert code == 0
    assert {t["key"]: t["hash"] for t in data["templates"]} == {
        key: version_hash(text) for key, text in TEMPLATES.items()}
    assert data["consent_version"] == CONSENT_VERSION
    code, text, _ = cli("pledge", "list")
    assert code == 0 and version_hash(NETRALITAS) in text


def test_cli_pledge_use_and_show(cli, store, event):
    code, data, _ = cli("pledge", "show", str(event.id), "--json")
    assert code == 0 and data["current"] is None and data["earlier"] == []
    code, data, _ = cli("pledge", "use", str(event.id), "netralitas_asn_2024", "--json")
    assert code == 0
    assert data["current"]["hash"] == version_hash(NETRALITAS)
    people = store.add_attendees(event.id, [Attendee("Ani", Category.TAMU)])
    sign(store, event.id, people[0].id, sig(), W, H)
    code, data, _ = cli("pledge", "use", str(event.id), "pakta_integritas", "--json")
    assert "Pemerintah Kota Contoh" in data["current"]["points"][5]
    code, data, _ = cli("pledge", "show", str(event.id), "--json")
    assert code == 0
    assert data["current"]["title"] == "PAKTA INTEGRITAS"
    assert len(data["current"]["points"]) == 7
    assert data["current"]["locked"] is False
    assert [(v["hash"], v["locked"], v["signature_count"]) for v in data["earlier"]] == [
        (version_hash(NETRALITAS), True, 1)]
    code, text, _ = cli("pledge", "show", str(event.id))
    assert code == 0 and "1. Berperan secara pro aktif" in text and "Versi sebelumnya" in text


def test_cli_pledge_use_unknown_template_or_event(cli, event):
    code, data, _ = cli("pledge", "use", str(event.id), "tidak_ada", "--json")
    assert code == 1 and data["error"]["code"] == "unknown_template"
    code, data, _ = cli("pledge", "show", "999", "--json")
    assert code == 1 and data["error"]["code"] == "not_found"


def test_cli_signature_render(cli, store, event, people, pledged, tmp_path):
    out = tmp_path / "ttd.png"
    code, data, err = cli("signature", "render", str(event.id), str(people[0].id),
                          "--out", str(out), "--json")
    assert code == 1 and data["error"]["code"] == "not_signed"
    assert "Ani belum menandatangani" in data["error"]["message"]
    assert not out.exists()
    code, _, err = cli("signature", "render", str(event.id), str(people[0].id), "--out",
                       str(out))
    assert code == 1 and "belum menandatangani" in err

    record = sign(store, event.id, people[0].id, sig(), W, H)
    code, data, _ = cli("signature", "render", str(event.id), str(people[0].id),
                        "--out", str(out), "--width", "300", "--json")
    assert code == 0
    assert data["signature"]["strokes_sha256"] == record.strokes_sha256
    assert Image.open(out).size == (300, 150)

    code, data, _ = cli("signature", "render", str(event.id), "saksi", "--out", str(out),
                        "--json")
    assert code == 1 and data["error"]["code"] == "not_signed"
    sign_witness(store, event.id, sig(4), W, H)
    code, data, _ = cli("signature", "render", str(event.id), "saksi", "--out", str(out),
                        "--background", "white", "--json")
    assert code == 0 and data["signature"]["role"] == "witness"
    assert Image.open(out).mode == "RGB"

    code, data, _ = cli("signature", "render", str(event.id), "abc", "--out", str(out),
                        "--json")
    assert code == 2 and data["error"]["code"] == "bad_attendee"


def test_cli_signature_list(cli, store, event, people, pledged):
    sign(store, event.id, people[2].id, sig(), W, H)
    code, data, _ = cli("signature", "list", str(event.id), "--json")
    assert code == 0
    assert [s["attendee_id"] for s in data["signed"]] == [people[2].id]
    assert sorted(data["unsigned"]) == sorted([people[0].id, people[1].id])
    assert data["witness"] is None


def test_cli_demo_has_a_pledge_and_signatures(cli, tmp_path):
    code, data, _ = cli("demo", "--json")
    assert code == 0
    assert data["pledge_hash"] == version_hash(template_text("pakta_integritas",
                                                             "Pemerintah Kota Contoh"))
    assert data["signatures"] > 0
    code, listing, _ = cli("signature", "list", str(data["id"]), "--json")
    first = listing["signed"][0]["attendee_id"]
    out = tmp_path / "demo.png"
    code, _, _ = cli("signature", "render", str(data["id"]), str(first), "--out", str(out),
                     "--json")
    assert code == 0 and out.stat().st_size > 500


# -- upgrading ------------------------------------------------------------------------------------


def test_upgrading_a_0002_database_keeps_the_data_and_adds_the_pledge_tables(tmp_path):
    import sqlalchemy as sa
    from alembic import command
    from alembic.config import Config

    from events.checkins import active_checkins
    from events.store import HEAD_REVISION, Store

    path = tmp_path / "old.sqlite"
    engine = sa.create_engine(f"sqlite:///{path}")
    config = Config()
    config.set_main_option("script_location", "events:migrations")
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0002")
    engine.dispose()
    # Filled as Ikrar of revision 0002 wrote it (today's code writes columns it lacks).
    stamp = "2024-01-01T08:00:00+07:00"
    with engine.begin() as conn:
        conn.execute(sa.text(
            "INSERT INTO events (name, kind, event_date, created_at, updated_at) VALUES "
            "('Lama', 'ikrar_netralitas', '2024-01-02', :t, :t)"), {"t": stamp})
        for name, token in (("Ani", "AAAAAAAAAAAAAAAA"), ("Budi", "BBBBBBBBBBBBBBBB")):
            conn.execute(sa.text(
                "INSERT INTO attendees (event_id, name, category, source, created_at, "
                "updated_at, token) VALUES (1, :n, 'tamu', 'import', :t, :t, :k)"),
                {"n": name, "t": stamp, "k": token})
        conn.execute(sa.text(
            "INSERT INTO checkins (event_id, attendee_id, checked_in_at, desk) "
            "VALUES (1, 1, :t, 'Meja 1')"), {"t": stamp})
    engine.dispose()
    event = Event(name="Lama", event_date=date(2024, 1, 2), id=1)
    people = [Attendee("Ani", Category.TAMU, id=1), Attendee("Budi", Category.TAMU, id=2)]

    store = Store.open(path)
    try:
        assert store.current_revision() == HEAD_REVISION
        assert [p.name for p in store.list_attendees(event.id)] == ["Ani", "Budi"]
        assert list(active_checkins(store, event.id)) == [people[0].id]
        assert event_pledge(store, event.id) is None
        assert (tmp_path / "old.sqlite.bak-0002").exists()
        use_template(store, event.id, "netralitas_asn_2024")
        assert sign(store, event.id, people[1].id, sig(), W, H).current
    finally:
        store.close()
