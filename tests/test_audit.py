"""The audit trail (events/audit.py, verified by pledges/audit.py): every change logged, the
canonical entry form pinned, and each kind of tampering with the log or the records found and
named with the entry concerned; upgrading a 0003 database; two desks at once."""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import threading
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

import pytest

import main
from events import audit
from events.categories import Category
from events.checkins import Desk
from events.model import Attendee, Event
from events.store import Store
from pledges.audit import audit_head, verify_chain
from pledges.demo import synthetic_signature
from pledges.documents import record_export
from pledges.keys import create_key
from pledges.seal import seal_pending
from pledges.signatures import sign, sign_witness
from pledges.texts import use_template

WIB = timezone(timedelta(hours=7))
W, H = 600, 300


# -- the canonical entry, pinned --------------------------------------------------------------

GOLDEN_BODY = (
    '{"action":"checkin","at":"2023-11-02T09:30:15.123456+07:00","by":"Rina",'
    '"chain":"ABCDEFGHIJKLMNOP","data":{"desk":"Meja 1","method":"search",'
    '"token":"QRSTUVWXYZ234567"},"place":"Meja 1","seq":2,"v":1}'
)


def test_entries_have_a_pinned_canonical_form_and_hash(store):
    at = datetime(2023, 11, 2, 9, 30, 15, 123456, tzinfo=WIB)
    with store.transaction() as conn:
        first = audit.start_chain(conn, 999, "ABCDEFGHIJKLMNOP", "event_created",
                                  {"name": "Ikrar", "date": "2023-11-02"}, actor="Rina",
                                  at=at - timedelta(hours=1))
        second = audit.append(conn, 999, "checkin", {"token": "QRSTUVWXYZ234567",
                                                     "desk": "Meja 1", "method": "search"},
                              actor="Rina", place="Meja 1", at=at)
    with store.connection() as conn:
        rows = audit.entries(conn, 999)
        head = audit.head(conn, 999)
    assert rows[0].body == (
        '{"action":"event_created","at":"2023-11-02T08:30:15.123456+07:00","by":"Rina",'
        '"chain":"ABCDEFGHIJKLMNOP","data":{"date":"2023-11-02","name":"Ikrar"},"place":"",'
        '"seq":1,"v":1}')
    assert rows[1].body == GOLDEN_BODY
    assert rows[0].prev_hash == audit.GENESIS == "0" * 64
    assert first == hashlib.sha256(b"0" * 64 + b"\n" + rows[0].body.encode()).hexdigest()
    assert first == "f9e8e86fc61e04246b323971179dc8100ed349b6b8b74c1ddd9dfbc679c9858b"
    assert rows[1].prev_hash == first
    # On a server the entry is made by the server at COMMIT (its hash computed there): the
    # same bytes, the same hash.
    assert second == (None if store.is_server else GOLDEN_ENTRY_HASH)
    assert rows[1].hash == GOLDEN_ENTRY_HASH
    assert head == (2, GOLDEN_ENTRY_HASH, "ABCDEFGHIJKLMNOP")


GOLDEN_ENTRY_HASH = "6d9ed768d8b4e9b4948e9ad93bc799009c63be4e11e20587c4262e5dbd0bce0b"


def test_an_attendee_digest_is_pinned_and_covers_every_stored_field():
    values = {"name": "Budi Santoso, S.E.", "category": "eselon_3", "nip": "198609262015051001",
              "nik": None, "golongan": "III/d", "jabatan": "Kepala Bidang", "unit": "Kesbangpol",
              "phone": "081234567890", "institution": "", "source": "import", "invited": 1,
              "note": "", "token": "QRSTUVWXYZ234567"}
    assert audit.attendee_digest(values) == GOLDEN_ATTENDEE_DIGEST
    assert audit.attendee_digest(values) == hashlib.sha256(
        b'{"category":"eselon_3","golongan":"III/d","institution":"","invited":true,'
        b'"jabatan":"Kepala Bidang","name":"Budi Santoso, S.E.","nik":null,'
        b'"nip":"198609262015051001","note":"","phone":"081234567890","source":"import",'
        b'"token":"QRSTUVWXYZ234567","unit":"Kesbangpol"}').hexdigest()
    for key in values:
        changed = dict(values, **{key: "lain" if key != "invited" else 0})
        assert audit.attendee_digest(changed) != GOLDEN_ATTENDEE_DIGEST, key


GOLDEN_ATTENDEE_DIGEST = "442a23745b8f2ee380c988765f83d593055623af6b801d6c605ab74f44fe9253"


def test_unicode_is_kept_as_utf8_not_escaped(store):
    with store.transaction() as conn:
        audit.start_chain(conn, 998, "UID", "event_created", {"name": "Ikrar Bhinnêka – 2024"},
                          at=datetime(2024, 1, 1, tzinfo=WIB))
    with store.connection() as conn:
        body = audit.entries(conn, 998)[0].body
    assert '"name":"Ikrar Bhinnêka – 2024"' in body


# -- an event's day ---------------------------------------------------------------------------


@pytest.fixture
def day(store):
    """An event taken through a day: everything logged, the chain intact."""
    event = store.create_event(Event(name="Ikrar Netralitas", event_date=date(2024, 2, 1),
                                     institution="Pemerintah Kota Contoh"), actor="Admin")
    people = store.add_attendees(event.id, [
        Attendee("Ani", Category.ESELON_III, nip="198609262015051001"),
        Attendee("Budi", Category.PELAKSANA),
        Attendee("Citra", Category.TAMU),
        Attendee("Dodi", Category.PELAKSANA),
    ])
    use_template(store, event.id, "netralitas_asn_2024")
    desk = Desk(store, event.id, desk="Meja 1", operator="Rina")
    desk.check_in(people[0].id)
    desk.check_in(people[1].id)
    desk.undo(attendee_id=people[1].id, reason="salah orang")
    desk.check_in(people[2].id)
    guest, _ = desk.register_walk_in(Attendee("Eko", Category.TAMU, institution="PWI"))
    store.update_attendee(replace(people[2], jabatan="Ketua"), actor="Admin")
    store.remove_attendee(people[3].id, actor="Admin")
    sign(store, event.id, people[0].id, synthetic_signature(1, W, H), W, H, place="Meja 1",
         operator="Rina")
    key = create_key(store, "kata-sandi-uji")
    sign(store, event.id, people[2].id, synthetic_signature(2, W, H), W, H, seal_key=key)
    sign(store, event.id, people[2].id, synthetic_signature(3, W, H), W, H, seal_key=key)
    sign_witness(store, event.id, synthetic_signature(4, W, H), W, H, seal_key=key)
    seal_pending(store, key, event.id)
    store.update_event(replace(store.get_event(event.id), venue="Aula"), actor="Admin")
    store.set_archived(event.id, True)
    store.set_archived(event.id, False)
    record_export(store, event.id, "certificates", [])
    return store, event, {p.name: p for p in [*people, guest]}


EXPECTED_ACTIONS = [
    "event_created", "attendees_added", "pledge_adopted", "checkin", "checkin",
    "checkin_undone", "checkin", "walk_in", "attendee_updated", "attendee_removed", "signature",
    "signature", "checkpoint", "signature", "signature", "sealed", "checkpoint", "event_updated",
    "event_archived", "event_restored", "export",
]


def _actions(store, event_id):
    with store.connection() as conn:
        return [e.action for e in audit.entries(conn, event_id)]


def test_every_change_of_the_day_is_logged_and_the_chain_is_intact(day):
    store, event, _ = day
    assert _actions(store, event.id) == EXPECTED_ACTIONS
    report = verify_chain(store, event.id)
    assert report.intact and report.problem is None
    assert report.entries == report.head_seq == len(EXPECTED_ACTIONS)
    assert (report.head_seq, report.head_hash) == audit_head(store, event.id)
    assert report.actions["checkin"] == 3 and report.actions["signature"] == 4
    assert report.message == (f"Jejak audit utuh: {len(EXPECTED_ACTIONS)} entri, tidak ada yang "
                              "diubah, disisipkan atau dihapus")
    with store.connection() as conn:
        rows = audit.entries(conn, event.id)
    uid = store.get_event(event.id).uid
    assert all(r.content["chain"] == uid and r.content["seq"] == r.seq for r in rows)
    assert [r.prev_hash for r in rows[1:]] == [r.hash for r in rows[:-1]]


def test_a_second_event_has_its_own_chain(day):
    store, event, _ = day
    other = store.create_event(Event(name="Lain", event_date=date(2024, 3, 1)))
    assert _actions(store, other.id) == ["event_created"]
    assert verify_chain(store, other.id).intact
    assert verify_chain(store, event.id).entries == len(EXPECTED_ACTIONS)


def test_entries_name_people_by_token_and_hold_no_personal_numbers(day):
    store, event, people = day
    with store.connection() as conn:
        bodies = [e.body for e in audit.entries(conn, event.id)]
    text = "\n".join(bodies)
    assert "198609262015051001" not in text
    assert people["Ani"].token in text
    assert '"name":"Ani"' not in text


# -- tampering with the log -------------------------------------------------------------------


class Attacker:
    """Someone with the database file and sqlite3: drops the triggers first."""

    def __init__(self, store: Store):
        self.path = store.engine.url.database
        self.conn = sqlite3.connect(self.path, isolation_level=None)
        self.conn.execute("DROP TRIGGER IF EXISTS tr_audit_log_immutable")

    def __call__(self, sql: str, *params):
        return self.conn.execute(sql, params)

    def entry(self, event_id: int, seq: int):
        return self.conn.execute("SELECT id, body, prev_hash, hash FROM audit_log WHERE "
                                 "event_id = ? AND seq = ?", (event_id, seq)).fetchone()

    def close(self):
        self.conn.close()


@pytest.fixture
def attacker(day):
    store, _, _ = day
    found = Attacker(store)
    yield found
    found.close()


def test_the_log_refuses_updates_while_its_trigger_stands(day, db_path):
    store, event, _ = day
    conn = sqlite3.connect(db_path)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="immutable"):
            conn.execute("UPDATE audit_log SET body = body || ' ' WHERE seq = 3")
    finally:
        conn.close()
    assert verify_chain(store, event.id).intact


def _rewrite(body: str, **changes) -> str:
    content = json.loads(body)
    content.update(changes)
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


@pytest.mark.sqlite_only  # works on the SQLite file directly
def test_an_edited_entry_without_a_new_hash_is_changed_at_its_seq(day, attacker):
    store, event, _ = day
    row_id, body, _, _ = attacker.entry(event.id, 5)
    attacker("UPDATE audit_log SET body = ? WHERE id = ?",
             body.replace('"method":"search"', '"method":"scan"'), row_id)
    report = verify_chain(store, event.id)
    assert (report.status, report.problem, report.seq) == ("broken", "changed", 5)
    assert report.message == "Entri ke-5 jejak audit telah diubah"


@pytest.mark.parametrize("seq", [5, len(EXPECTED_ACTIONS)])
@pytest.mark.sqlite_only  # works on the SQLite file directly
def test_an_edited_entry_with_its_hash_recomputed_is_changed_at_its_seq(day, attacker, seq):
    store, event, _ = day
    row_id, body, prev, _ = attacker.entry(event.id, seq)
    forged = _rewrite(body, by="Orang Lain")
    attacker("UPDATE audit_log SET body = ?, hash = ? WHERE id = ?", forged,
             audit.entry_hash(prev, forged), row_id)
    report = verify_chain(store, event.id)
    assert (report.status, report.problem, report.seq) == ("broken", "changed", seq)


@pytest.mark.sqlite_only  # works on the SQLite file directly
def test_a_removed_middle_entry_is_found(day, attacker):
    store, event, _ = day
    attacker("DELETE FROM audit_log WHERE event_id = ? AND seq = 6", event.id)
    report = verify_chain(store, event.id)
    assert (report.status, report.problem, report.seq) == ("broken", "removed", 6)
    assert report.message == "Entri ke-6 jejak audit telah dihapus"


@pytest.mark.sqlite_only  # works on the SQLite file directly
def test_a_removed_last_entry_is_found(day, attacker):
    store, event, _ = day
    last = len(EXPECTED_ACTIONS)
    attacker("DELETE FROM audit_log WHERE event_id = ? AND seq = ?", event.id, last)
    report = verify_chain(store, event.id)
    assert (report.status, report.problem, report.seq) == ("broken", "removed", last)


@pytest.mark.sqlite_only  # works on the SQLite file directly
def test_a_removed_last_entry_with_the_head_moved_back_is_found_by_the_printed_head(day,
                                                                                    attacker):
    store, event, _ = day
    printed = audit_head(store, event.id)[1]
    last = len(EXPECTED_ACTIONS)
    _, _, _, previous = attacker.entry(event.id, last - 1)
    attacker("DELETE FROM audit_log WHERE event_id = ? AND seq = ?", event.id, last)
    attacker("UPDATE audit_heads SET seq = ?, hash = ? WHERE event_id = ?", last - 1, previous,
             event.id)
    assert verify_chain(store, event.id).intact  # a clean cut: only the printed head tells
    report = verify_chain(store, event.id, expected_head=printed)
    assert (report.problem, report.detail) == ("anchor_missing", printed)
    assert printed in report.message


@pytest.mark.sqlite_only  # works on the SQLite file directly
def test_a_reordered_pair_is_found(day, attacker):
    store, event, _ = day
    attacker("UPDATE audit_log SET seq = -1 WHERE event_id = ? AND seq = 4", event.id)
    attacker("UPDATE audit_log SET seq = 4 WHERE event_id = ? AND seq = 5", event.id)
    attacker("UPDATE audit_log SET seq = 5 WHERE event_id = ? AND seq = -1", event.id)
    report = verify_chain(store, event.id)
    assert (report.status, report.problem, report.seq) == ("broken", "reordered", 4)
    assert report.message == "Urutan entri jejak audit diubah mulai entri ke-4"


@pytest.mark.sqlite_only  # works on the SQLite file directly
def test_an_entry_inserted_at_the_end_is_found(day, attacker):
    store, event, people = day
    last = len(EXPECTED_ACTIONS)
    _, body, _, head_hash = attacker.entry(event.id, last)
    forged = _rewrite(body, seq=last + 1, action="checkin",
                      data={"token": people["Dodi"].token, "desk": "Meja 9", "method": "search"})
    attacker("INSERT INTO audit_log (event_id, seq, body, prev_hash, hash) VALUES (?,?,?,?,?)",
             event.id, last + 1, forged, head_hash, audit.entry_hash(head_hash, forged))
    report = verify_chain(store, event.id)
    assert (report.status, report.problem, report.seq) == ("broken", "inserted", last + 1)
    assert report.message == f"Entri ke-{last + 1} jejak audit disisipkan di luar aplikasi"


def _shift(attacker, event_id: int, start: int, by: int) -> None:
    """Renumber the entries from ``start`` on by ``by`` (through negatives: seq is unique)."""
    attacker("UPDATE audit_log SET seq = -seq WHERE event_id = ? AND seq >= ?", event_id, start)
    attacker("UPDATE audit_log SET seq = -seq + ? WHERE event_id = ? AND seq < 0", by, event_id)
    attacker("UPDATE audit_heads SET seq = seq + ? WHERE event_id = ?", by, event_id)


@pytest.mark.sqlite_only  # works on the SQLite file directly
def test_an_entry_inserted_in_the_middle_with_the_rest_renumbered_is_found(day, attacker):
    store, event, people = day
    _, body, _, prev = attacker.entry(event.id, 6)
    forged = _rewrite(body, seq=7, action="checkin",
                      data={"token": people["Dodi"].token, "desk": "Meja 1", "method": "search"})
    _shift(attacker, event.id, 7, 1)
    attacker("INSERT INTO audit_log (event_id, seq, body, prev_hash, hash) VALUES (?,?,?,?,?)",
             event.id, 7, forged, prev, audit.entry_hash(prev, forged))
    report = verify_chain(store, event.id)
    assert (report.status, report.problem, report.seq) == ("broken", "inserted", 7)


@pytest.mark.sqlite_only  # works on the SQLite file directly
def test_a_removed_entry_with_the_rest_renumbered_is_found(day, attacker):
    store, event, _ = day
    attacker("DELETE FROM audit_log WHERE event_id = ? AND seq = 6", event.id)
    _shift(attacker, event.id, 7, -1)
    report = verify_chain(store, event.id)
    assert (report.status, report.problem, report.seq) == ("broken", "removed", 6)


@pytest.mark.sqlite_only  # works on the SQLite file directly
def test_an_entry_copied_from_another_event_is_inserted(day, attacker):
    store, event, _ = day
    other = store.create_event(Event(name="Lain", event_date=date(2024, 3, 1)))
    row_id, _, _, _ = attacker.entry(other.id, 1)
    last = len(EXPECTED_ACTIONS)
    attacker("UPDATE audit_log SET event_id = ?, seq = ? WHERE id = ?", event.id, last + 1,
             row_id)
    attacker("UPDATE audit_heads SET seq = seq + 1 WHERE event_id = ?", event.id)
    report = verify_chain(store, event.id)
    assert (report.status, report.problem, report.seq) == ("broken", "inserted", last + 1)


@pytest.mark.sqlite_only  # works on the SQLite file directly
def test_a_whole_rewritten_tail_is_found_by_its_signed_checkpoint_and_the_printed_head(
        day, attacker):
    """Entry 9 changed and every hash after it recomputed, the head row too: the chain's
    links hold, but the seal key's checkpoint (entry 13) signed the head as it was."""
    store, event, _ = day
    printed = audit_head(store, event.id)[1]
    last = len(EXPECTED_ACTIONS)
    prev = attacker.entry(event.id, 9)[2]
    for seq in range(9, last + 1):
        row_id, body, _, _ = attacker.entry(event.id, seq)
        if seq == 9:
            body = _rewrite(body, by="Orang Lain")
        digest = audit.entry_hash(prev, body)
        attacker("UPDATE audit_log SET body = ?, prev_hash = ?, hash = ? WHERE id = ?", body,
                 prev, digest, row_id)
        prev = digest
    attacker("UPDATE audit_heads SET hash = ? WHERE event_id = ?", prev, event.id)
    report = verify_chain(store, event.id)
    assert (report.status, report.problem, report.seq) == ("broken", "checkpoint", 13)
    assert report.message.startswith("Entri ke-13 jejak audit adalah titik tanda tangan")
    report = verify_chain(store, event.id, expected_head=printed)
    assert (report.status, report.problem) == ("broken", "anchor_missing")


@pytest.mark.sqlite_only  # works on the SQLite file directly
def test_a_deleted_head_row_is_found(day, attacker):
    store, event, _ = day
    attacker("DELETE FROM audit_heads WHERE event_id = ?", event.id)
    attacker("DELETE FROM audit_log WHERE event_id = ?", event.id)
    report = verify_chain(store, event.id)
    assert (report.status, report.problem) == ("broken", "no_chain")


# -- the printed head ---------------------------------------------------------------------------


def test_expected_head_found_and_missing(day):
    store, event, people = day
    seq, printed = audit_head(store, event.id)
    Desk(store, event.id, desk="Meja 2").check_in(people["Budi"].id)  # later changes
    report = verify_chain(store, event.id, expected_head=printed)
    assert report.intact and report.anchor_seq == seq < report.head_seq
    assert verify_chain(store, event.id, expected_head=" " + printed.upper() + "\n").intact
    report = verify_chain(store, event.id, expected_head="ab" * 32)
    assert (report.status, report.problem, report.detail) == ("broken", "anchor_missing",
                                                              "ab" * 32)


# -- records edited behind the application's back -------------------------------------------


@pytest.mark.parametrize("sql, detail", [
    ("UPDATE attendees SET name = 'Ani Palsu' WHERE name = 'Ani'",
     "data peserta Ani Palsu diubah di luar aplikasi"),
    ("UPDATE attendees SET nip = '199001012015032002' WHERE name = 'Ani'",
     "data peserta Ani diubah di luar aplikasi"),
    ("INSERT INTO checkins (event_id, attendee_id, checked_in_at, desk, operator, method) "
     "SELECT event_id, id, '2024-02-01T09:00:00.000000+07:00', 'Meja 9', '', 'search' "
     "FROM attendees WHERE name = 'Budi'",
     "kehadiran Budi 1 Februari 2024 pukul 09.00 WIB tidak tercatat"),
    ("UPDATE checkins SET undone_at = '2024-02-01T10:00:00.000000+07:00', undo_reason = 'x' "
     "WHERE attendee_id = (SELECT id FROM attendees WHERE name = 'Ani')",
     "pembatalan kehadiran Ani tidak tercatat"),
    ("INSERT INTO attendees (event_id, name, category, source, invited, created_at, "
     "updated_at, token) SELECT event_id, 'Fajar', 'tamu', 'manual', 1, created_at, "
     "updated_at, 'ZZZZZZZZZZZZZZZZ' FROM attendees WHERE name = 'Ani'",
     "peserta Fajar tidak tercatat ditambahkan"),
    ("DELETE FROM attendees WHERE name = 'Eko'", "1 peserta dihapus di luar aplikasi"),
])
@pytest.mark.sqlite_only  # works on the SQLite file directly
def test_records_edited_directly_are_unlogged(day, sql, detail):
    store, event, _ = day
    conn = sqlite3.connect(store.engine.url.database, isolation_level=None)
    try:
        conn.execute(sql)
    finally:
        conn.close()
    report = verify_chain(store, event.id)
    assert (report.status, report.problem, report.seq) == ("broken", "unlogged", 0)
    assert report.detail == detail
    assert report.message == f"Data acara tidak sesuai dengan jejak audit: {detail}"


@pytest.mark.sqlite_only  # works on the SQLite file directly
def test_a_signature_slipped_in_directly_is_unlogged(day):
    store, event, people = day
    conn = sqlite3.connect(store.engine.url.database, isolation_level=None)
    try:
        conn.execute(
            "INSERT INTO signatures (event_id, attendee_id, role, pledge_hash, strokes, "
            "strokes_sha256, pad_width, pad_height, consent_version, signed_at, place, "
            "operator) SELECT event_id, ?, 'attendee', pledge_hash, strokes, ?, pad_width, "
            "pad_height, consent_version, signed_at, place, operator FROM signatures "
            "WHERE attendee_id = ?", (people["Eko"].id, "cd" * 32, people["Ani"].id))
    finally:
        conn.close()
    report = verify_chain(store, event.id)
    assert (report.problem, report.detail) == ("unlogged", "tanda tangan Eko tidak tercatat")


# -- the command line -----------------------------------------------------------------------------


@pytest.mark.sqlite_only  # works on the SQLite file directly
def test_audit_verify_command(day, capsys):
    store, event, people = day
    db = store.engine.url.database
    printed = audit_head(store, event.id)[1]
    assert main.main(["--db", db, "audit", "verify", str(event.id), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["status"], report["event_id"], report["entries"]) == (
        "intact", event.id, len(EXPECTED_ACTIONS))
    assert report["head_hash"] == printed
    assert main.main(["--db", db, "audit", "verify", str(event.id), "--head", printed,
                      "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["anchor_seq"] == len(EXPECTED_ACTIONS)
    assert main.main(["--db", db, "audit", "verify", str(event.id), "--head", "ab" * 32,
                      "--json"]) == 3
    assert json.loads(capsys.readouterr().out)["problem"] == "anchor_missing"

    attacker = Attacker(store)
    try:
        attacker("DELETE FROM audit_log WHERE event_id = ? AND seq = 6", event.id)
    finally:
        attacker.close()
    assert main.main(["--db", db, "audit", "verify", str(event.id), "--json"]) == 3
    report = json.loads(capsys.readouterr().out)
    assert (report["status"], report["problem"], report["seq"]) == ("broken", "removed", 6)
    assert main.main(["--db", db, "audit", "verify", str(event.id)]) == 3
    assert "Entri ke-6 jejak audit telah dihapus" in capsys.readouterr().out


@pytest.mark.sqlite_only  # works on the SQLite file directly
def test_audit_show_command(day, capsys):
    store, event, _ = day
    db = store.engine.url.database
    assert main.main(["--db", db, "audit", "show", str(event.id), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)["entries"]
    assert [r["action"] for r in rows] == EXPECTED_ACTIONS
    assert [r["seq"] for r in rows] == list(range(1, len(EXPECTED_ACTIONS) + 1))
    assert main.main(["--db", db, "audit", "show", str(event.id)]) == 0
    assert "Kehadiran dibatalkan" in capsys.readouterr().out


# -- upgrading a 0003 database --------------------------------------------------------------------


def test_upgrading_a_0003_database_starts_an_intact_chain_covering_what_was_there(tmp_path):
    import sqlalchemy as sa
    from alembic import command
    from alembic.config import Config

    from pledges import strokes as st
    from pledges.texts import TEMPLATES, canonical, version_hash

    path = tmp_path / "old.sqlite"
    engine = sa.create_engine(f"sqlite:///{path}")
    config = Config()
    config.set_main_option("script_location", "events:migrations")
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0003")
    text = TEMPLATES["netralitas_asn_2024"]
    pledge = version_hash(text)
    blob = st.encode(synthetic_signature(1, W, H))
    stamp = "2024-01-01T08:00:00+07:00"
    with engine.begin() as conn:
        for event_id, name in ((1, "Lama"), (2, "Kosong")):
            conn.execute(sa.text(
                "INSERT INTO events (id, name, kind, event_date, created_at, updated_at) VALUES "
                "(:id, :n, 'ikrar_netralitas', '2024-01-02', :t, :t)"),
                {"id": event_id, "n": name, "t": stamp})
        for name, token, nip in (("Ani", "AAAAAAAAAAAAAAAA", "198609262015051001"),
                                 ("Budi", "BBBBBBBBBBBBBBBB", None),
                                 ("Citra", "CCCCCCCCCCCCCCCC", None)):
            conn.execute(sa.text(
                "INSERT INTO attendees (event_id, name, category, nip, source, created_at, "
                "updated_at, token) VALUES (1, :n, 'tamu', :nip, 'import', :t, :t, :k)"),
                {"n": name, "t": stamp, "k": token, "nip": nip})
        conn.execute(sa.text(
            "INSERT INTO checkins (event_id, attendee_id, checked_in_at, desk) "
            "VALUES (1, 1, :t, 'Meja 1')"), {"t": stamp})
        conn.execute(sa.text(
            "INSERT INTO checkins (event_id, attendee_id, checked_in_at, desk, undone_at, "
            "undo_reason) VALUES (1, 2, :t, 'Meja 1', :u, 'salah')"),
            {"t": stamp, "u": "2024-01-01T08:05:00+07:00"})
        conn.execute(sa.text(
            "INSERT INTO pledge_versions (hash, content, template, created_at) "
            "VALUES (:h, :c, 'netralitas_asn_2024', :t)"),
            {"h": pledge, "c": canonical(text).decode("utf-8"), "t": stamp})
        conn.execute(sa.text(
            "INSERT INTO event_pledges (event_id, pledge_hash, adopted_at) VALUES (1, :h, :t)"),
            {"h": pledge, "t": stamp})
        conn.execute(sa.text(
            "INSERT INTO signatures (event_id, attendee_id, role, pledge_hash, strokes, "
            "strokes_sha256, pad_width, pad_height, consent_version, signed_at) VALUES "
            "(1, 1, 'attendee', :h, :s, :d, :w, :hh, 'v1', :t)"),
            {"h": pledge, "s": blob, "d": hashlib.sha256(blob).hexdigest(), "w": W, "hh": H,
             "t": stamp})
    engine.dispose()

    store = Store.open(path)
    try:
        for event_id in (1, 2):
            report = verify_chain(store, event_id)
            assert report.intact, report.message
            assert report.actions == {"chain_started": 1}
        assert verify_chain(store, 0).intact
        with store.connection() as conn:
            baseline = audit.entries(conn, 1)[0].content["data"]["baseline"]
        assert [token for token, _ in baseline["attendees"]] == [
            "AAAAAAAAAAAAAAAA", "BBBBBBBBBBBBBBBB", "CCCCCCCCCCCCCCCC"]
        assert [c[0] for c in baseline["checkins"]] == ["AAAAAAAAAAAAAAAA", "BBBBBBBBBBBBBBBB"]
        assert baseline["signatures"] == [["AAAAAAAAAAAAAAAA", hashlib.sha256(blob).hexdigest()]]
        assert store.get_event(1).uid and store.get_event(1).uid != store.get_event(2).uid

        # Later changes keep it intact.
        key = create_key(store, "kata-sandi-uji")
        Desk(store, 1, desk="Meja 2").check_in(2)
        Desk(store, 1, desk="Meja 2").check_in(3)
        sign(store, 1, 2, synthetic_signature(2, W, H), W, H, seal_key=key)
        people = store.list_attendees(1)
        store.update_attendee(replace(next(p for p in people if p.name == "Citra"),
                                      jabatan="Ketua"))
        report = verify_chain(store, 1)
        assert report.intact, report.message
        assert report.entries == 6  # with the head signed after the sealed signature
        assert (report.checkpoint_seq, report.unsigned_tail) == (5, 1)

        # The baseline covers what was there: an old record edited now is found.
        conn = sqlite3.connect(path, isolation_level=None)
        try:
            conn.execute("UPDATE attendees SET name = 'Ani Palsu' WHERE id = 1")
        finally:
            conn.close()
        report = verify_chain(store, 1)
        assert (report.problem, report.detail) == (
            "unlogged", "data peserta Ani Palsu diubah di luar aplikasi")
    finally:
        store.close()


# -- two desks at once ---------------------------------------------------------------------------


def test_two_desks_checking_in_at_once_keep_one_intact_chain(store):
    event = store.create_event(Event(name="Ramai", event_date=date(2024, 2, 1)))
    people = store.add_attendees(event.id, [Attendee(f"Peserta {i:03d}", Category.PELAKSANA)
                                            for i in range(120)])
    halves = [people[0::2], people[1::2]]
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def work(name: str, group):
        desk = Desk(store, event.id, desk=name, operator=name)
        try:
            start.wait()
            for person in group:
                desk.check_in(person.id)
        except BaseException as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(f"Meja {i + 1}", half))
               for i, half in enumerate(halves)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors, errors
    report = verify_chain(store, event.id)
    assert report.intact, report.message
    assert report.actions["checkin"] == len(people)
    with store.connection() as conn:
        rows = audit.entries(conn, event.id)
    assert [r.seq for r in rows] == list(range(1, len(rows) + 1))
    places = {r.content["place"] for r in rows if r.action == "checkin"}
    assert places == {"Meja 1", "Meja 2"}
    logged = {r.content["data"]["token"] for r in rows if r.action == "checkin"}
    assert logged == {p.token for p in people}


def test_a_check_in_or_signature_deleted_from_the_database_is_missing(store):
    """Evidence taken out behind the app's back: the trail still names it."""
    import sqlalchemy as sa

    from events.checkins import Desk
    from pledges.audit import verify_chain
    from pledges.demo import synthetic_signature
    from pledges.signatures import sign
    from pledges.texts import use_template

    event = store.create_event(Event(name="Hapus Bukti", event_date=date(2026, 11, 23)))
    ani, budi = store.add_attendees(event.id, [Attendee("Ani", Category.TAMU),
                                               Attendee("Budi", Category.TAMU)])
    use_template(store, event.id, "netralitas_asn_2024")
    desk = Desk(store, event.id, "Meja 1", "Rina")
    desk.check_in(ani.id)
    desk.check_in(budi.id)
    sign(store, event.id, budi.id, synthetic_signature(3, 600, 300), 600, 300)
    assert verify_chain(store, event.id).intact
    with store.engine.begin() as conn:
        at = conn.execute(sa.text("SELECT checked_in_at FROM checkins WHERE attendee_id = :a"),
                          {"a": ani.id}).scalar()
        conn.execute(sa.text("DELETE FROM checkins WHERE attendee_id = :a"), {"a": ani.id})
    report = verify_chain(store, event.id)
    assert (report.status, report.problem) == ("broken", "missing")
    assert re.match(r"Data yang tercatat di jejak audit tidak ada lagi: kehadiran Ani "
                    r"\d+ \w+ \d{4} pukul \d\d\.\d\d\.\d\d WIB", report.message)
    with store.engine.begin() as conn:  # and a signature (its seal goes with it)
        conn.execute(sa.text("DELETE FROM signatures WHERE attendee_id = :a"), {"a": budi.id})
        conn.execute(sa.text("INSERT INTO checkins (event_id, attendee_id, checked_in_at, desk) "
                             "VALUES (:e, :a, :t, 'Meja 1')"),
                     {"e": event.id, "a": ani.id, "t": at})
    report = verify_chain(store, event.id)
    assert report.problem == "missing" and report.detail == "tanda tangan Budi"
