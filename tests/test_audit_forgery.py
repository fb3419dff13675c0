"""Direct edits of the database file, as someone with sqlite3 and no seal key would make them
(every trigger dropped first): ``audit verify`` catches every one of more than 20 kinds and
names the record or the entry. The day's event is tests/test_audit.py's."""

from __future__ import annotations

import base64
import json
import sqlite3

import pytest

from events import audit
from pledges.audit import verify_chain
from tests.sealing import fixed_key
from tests.test_audit import EXPECTED_ACTIONS, day  # noqa: F401  (the fixture)

TRIGGERS = ("tr_audit_log_immutable", "tr_event_pledges_immutable",
            "tr_pledge_versions_immutable", "tr_seals_immutable", "tr_signatures_immutable",
            "tr_signatures_superseded_once")


class Forger:
    """The database file with sqlite3, every trigger dropped."""

    def __init__(self, path: str, event_id: int):
        self.conn = sqlite3.connect(path, isolation_level=None)
        self.event = event_id
        for name in TRIGGERS:
            self.conn.execute(f"DROP TRIGGER IF EXISTS {name}")

    def __call__(self, sql: str, *params):
        return self.conn.execute(sql, params)

    def one(self, sql: str, *params):
        return self.conn.execute(sql, params).fetchone()

    def attendee(self, name: str) -> int:
        return self.one("SELECT id FROM attendees WHERE name = ? AND event_id = ?", name,
                        self.event)[0]

    def recompute(self, edits: dict[int, object] | None = None, drop: set[int] = frozenset(),
                  upto: int | None = None) -> None:
        """Rewrite the chain as a forger without the key can: ``edits`` seq -> a function
        of the parsed body, entries in ``drop`` (and after ``upto``) removed, the rest
        renumbered and every hash recomputed, the head row moved to the new end."""
        rows = self.conn.execute("SELECT id, seq, body FROM audit_log WHERE event_id = ? "
                                 "ORDER BY seq", (self.event,)).fetchall()
        prev, seq = audit.GENESIS, 0
        for row_id, old_seq, body in rows:
            if old_seq in drop or (upto is not None and old_seq > upto):
                self.conn.execute("DELETE FROM audit_log WHERE id = ?", (row_id,))
                continue
            seq += 1
            content = json.loads(body)
            if edits and old_seq in edits:
                edits[old_seq](content)  # type: ignore[operator]
            content["seq"] = seq
            body = json.dumps(content, sort_keys=True, separators=(",", ":"),
                              ensure_ascii=False)
            digest = audit.entry_hash(prev, body)
            self.conn.execute("UPDATE audit_log SET seq = ?, body = ?, prev_hash = ?, hash = ? "
                              "WHERE id = ?", (seq, body, prev, digest, row_id))
            prev = digest
        self.conn.execute("UPDATE audit_heads SET seq = ?, hash = ? WHERE event_id = ?",
                          (seq, prev, self.event))

    def close(self):
        self.conn.close()


def _set(path: list[str], value):
    def edit(content):
        target = content
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return edit


def _seq_of(action: str, nth: int = 0) -> int:
    return [i for i, a in enumerate(EXPECTED_ACTIONS, 1) if a == action][nth]


def _current_citra(f: Forger) -> int:
    return f.one("SELECT id FROM signatures WHERE attendee_id = ? AND superseded_at IS NULL",
                 f.attendee("Citra"))[0]


def _old_citra(f: Forger) -> int:
    return f.one("SELECT id FROM signatures WHERE attendee_id = ? AND superseded_at IS NOT "
                 "NULL", f.attendee("Citra"))[0]


def _swap_citra(f: Forger) -> None:
    current, old = _current_citra(f), _old_citra(f)
    f("DROP INDEX IF EXISTS ux_signatures_current")
    f("UPDATE signatures SET superseded_at = (SELECT superseded_at FROM signatures WHERE id = ?)"
      " WHERE id = ?", old, current)
    f("UPDATE signatures SET superseded_at = NULL WHERE id = ?", old)


def _edit_pledge_text(f: Forger) -> None:
    hash_, content = f.one("SELECT hash, content FROM pledge_versions LIMIT 1")
    f("UPDATE pledge_versions SET content = ? WHERE hash = ?",
      content.replace("politik uang", "politik kotor"), hash_)


def _forge_checkpoint_with_another_key(f: Forger) -> None:
    """The forger's own key as a known public key, the chain recomputed after a name change
    and its checkpoints signed again with that key."""
    f.recompute({_seq_of("attendee_updated"): _set(["data", "digest"], "0" * 64)})
    other = fixed_key(9)
    f("INSERT INTO seal_keys (fingerprint, public_key, private_key, label, created_at) "
      "VALUES (?, ?, NULL, '', '2024-02-01T08:00:00+07:00')", other.fingerprint,
      other.public_raw)
    uid = f.one("SELECT uid FROM events WHERE id = ?", f.event)[0]
    rows = f.conn.execute("SELECT id, seq, body, prev_hash FROM audit_log WHERE event_id = ? "
                          "ORDER BY seq", (f.event,)).fetchall()
    prev = audit.GENESIS
    for row_id, seq, body, _ in rows:
        content = json.loads(body)
        if content["action"] == "checkpoint":
            from pledges.audit import _checkpoint_message

            content["data"].update(key=other.fingerprint, head=prev, seq=seq - 1, signature=(
                base64.b64encode(other.sign(_checkpoint_message(uid, seq - 1, prev))).decode()))
        body = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        digest = audit.entry_hash(prev, body)
        f("UPDATE audit_log SET body = ?, prev_hash = ?, hash = ? WHERE id = ?", body, prev,
          digest, row_id)
        prev = digest
    f("UPDATE audit_heads SET hash = ? WHERE event_id = ?", prev, f.event)
    f("UPDATE attendees SET name = 'Citra Palsu' WHERE name = 'Citra'")


# name -> (the edit, the problem verify_chain must report, words its detail names)
EDITS = {
    "check-in's desk": (lambda f: f("UPDATE checkins SET desk = 'Meja 9' WHERE attendee_id = ?",
                                    f.attendee("Ani")), "unlogged", "meja atau petugas"),
    "check-in's operator": (lambda f: f("UPDATE checkins SET operator = 'Orang Lain' WHERE "
                                        "attendee_id = ?", f.attendee("Ani")),
                            "unlogged", "meja atau petugas"),
    "check-in's time": (lambda f: f("UPDATE checkins SET checked_in_at = "
                                    "'2024-02-01T06:00:00+07:00' WHERE attendee_id = ?",
                                    f.attendee("Ani")), "unlogged", "Ani"),
    "undone check-in made active again": (
        lambda f: f("UPDATE checkins SET undone_at = NULL WHERE attendee_id = ?",
                    f.attendee("Budi")), "unlogged", "diaktifkan lagi"),
    "undo's reason": (lambda f: f("UPDATE checkins SET undo_reason = 'permintaan' WHERE "
                                  "attendee_id = ?", f.attendee("Budi")),
                      "unlogged", "pembatalan kehadiran Budi"),
    "undo's operator": (lambda f: f("UPDATE checkins SET undone_by = 'Lain' WHERE "
                                    "attendee_id = ?", f.attendee("Budi")),
                        "unlogged", "pembatalan kehadiran Budi"),
    "check-in deleted": (lambda f: f("DELETE FROM checkins WHERE attendee_id = ?",
                                     f.attendee("Ani")), "missing", "kehadiran Ani"),
    "check-in slipped in": (lambda f: f("INSERT INTO checkins (event_id, attendee_id, "
                                        "checked_in_at, desk, operator, method) VALUES "
                                        "(?, ?, '2024-02-01T09:00:00+07:00', 'Meja 1', 'Rina',"
                                        " 'search')", f.event, f.attendee("Budi")),
                            "unlogged", "kehadiran Budi"),
    "signature hidden (superseded)": (
        lambda f: f("UPDATE signatures SET superseded_at = '2024-02-01T10:00:00+07:00' "
                    "WHERE id = ?", _current_citra(f)), "unlogged", "status berlaku"),
    "an old signature made current": (_swap_citra, "unlogged", "status berlaku"),
    "signature's time": (lambda f: f("UPDATE signatures SET signed_at = "
                                     "'2024-02-01T07:00:00+07:00' WHERE id = ?",
                                     _current_citra(f)), "unlogged", "tanda tangan Citra"),
    "signature's place": (lambda f: f("UPDATE signatures SET place = 'Rumah' WHERE id = ?",
                                      _current_citra(f)), "unlogged", "tanda tangan Citra"),
    "signature's operator": (lambda f: f("UPDATE signatures SET operator = 'X' WHERE id = ?",
                                         _current_citra(f)), "unlogged", "tanda tangan Citra"),
    "signature deleted": (lambda f: f("DELETE FROM signatures WHERE id = ?", _current_citra(f)),
                          "missing", "tanda tangan Citra"),
    "event's name": (lambda f: f("UPDATE events SET name = 'Acara Lain' WHERE id = ?",
                                 f.event), "unlogged", "data acara"),
    "event's date": (lambda f: f("UPDATE events SET event_date = '2024-03-01' WHERE id = ?",
                                 f.event), "unlogged", "data acara"),
    "letter number": (lambda f: f("UPDATE events SET letter_number = '999/X' WHERE id = ?",
                                  f.event), "unlogged", "data acara"),
    "witness's name": (lambda f: f("UPDATE events SET witness_name = 'Orang Lain' WHERE id = ?",
                                   f.event), "unlogged", "data acara"),
    "witness's NIP": (lambda f: f("UPDATE events SET witness_nip = '196707011993031004' WHERE "
                                  "id = ?", f.event), "unlogged", "data acara"),
    "pledge text": (_edit_pledge_text, "unlogged", "teks ikrar"),
    "attendee's name": (lambda f: f("UPDATE attendees SET name = 'Ani Palsu' WHERE id = ?",
                                    f.attendee("Ani")), "unlogged", "Ani Palsu"),
    "last entries removed, head rolled back": (
        lambda f: f.recompute(upto=len(EXPECTED_ACTIONS) - 4), "unlogged", "data acara"),
    "name changed, whole chain recomputed": (
        lambda f: (f.recompute({_seq_of("attendee_updated"): _set(["data", "digest"],
                                                                   "0" * 64)}),
                   f("UPDATE attendees SET name = 'Citra Palsu' WHERE name = 'Citra'")),
        "checkpoint", ""),
    "checkpoints removed, chain recomputed": (
        lambda f: f.recompute(drop={_seq_of("checkpoint"), _seq_of("checkpoint", 1)}),
        "unsigned_chain", ""),
    "checkpoint re-signed with the forger's key": (_forge_checkpoint_with_another_key,
                                                   "checkpoint", ""),
}


@pytest.fixture
def forger(day):  # noqa: F811
    store, event, _ = day
    found = Forger(store.engine.url.database, event.id)
    yield found
    found.close()


def test_there_are_more_than_twenty_kinds():
    assert len(EDITS) >= 20


def test_the_day_is_intact_before(day):  # noqa: F811
    store, event, _ = day
    report = verify_chain(store, event.id)
    assert report.intact and report.checkpoint_seq == _seq_of("checkpoint", 1)


@pytest.mark.sqlite_only  # works on the SQLite file directly
@pytest.mark.parametrize("name", list(EDITS))
def test_every_direct_edit_is_caught(name, day, forger):  # noqa: F811
    store, event, _ = day
    edit, problem, words = EDITS[name]
    edit(forger)
    trusted = None
    if name == "checkpoint re-signed with the forger's key":
        # The organizer's public key (exported, or printed on every certificate) is the
        # anchor: a key the forger added to the database is not it.
        from pledges.keys import key_info, known_public_keys

        own = key_info(store).fingerprint
        trusted = {own: known_public_keys(store)[own]}
    report = verify_chain(store, event.id, trusted_keys=trusted)
    assert (report.status, report.problem) == ("broken", problem), report.message
    assert words in report.detail, report.detail
