"""Backups a staffer cannot get wrong, and moving events that never destroys.

A backup is the database at one moment, the -wal included (a copy of the .sqlite file alone is
shown here to lose the recent check-ins), checked after it is written, kept in generations; a
restore keeps what it replaces. ``event push``/``pull`` onto a copy that holds records the
source lacks refuses and says what would be lost; a replace is preceded by a backup of the
target's copy, from which ``event pull`` brings those records back.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

import pytest
import sqlalchemy as sa

import main
from events.categories import Category
from events.checkins import Desk, active_checkins
from events.demo import open_demo
from events.model import Attendee
from events.store import Store
from pledges.audit import verify_chain
from pledges.backup import BackupError, backup, backup_generation, check_backup, generations
from pledges.demo import complete_demo
from pledges.transfer import EventExists, copy_event


def run(db: str, *args: str, capsys) -> tuple[int, dict]:
    code = main.main(["--db", db, *args, "--json"])
    return code, json.loads(capsys.readouterr().out)


def full_url(store: Store) -> str:
    return store.engine.url.render_as_string(hide_password=False)


def checked_in(store: Store, event_id: int) -> set[str]:
    """The invitation tokens of who is checked in: the same people on any database."""
    tokens = {a.id: a.token for a in store.list_attendees(event_id)}
    return {tokens[i] for i in active_checkins(store, event_id)}


def add_people(store: Store, event_id: int, n: int) -> list[int]:
    added = store.add_attendees(event_id, [Attendee(f"Peserta Uji {i}", Category.PELAKSANA)
                                           for i in range(n)])
    return [a.id for a in added if a.id is not None]


@pytest.fixture
def laptop(tmp_path: Path):
    opened = Store.open(tmp_path / "laptop.sqlite")
    event = complete_demo(opened, open_demo(opened))
    yield opened, event.id
    opened.close()


# --- backups -----------------------------------------------------------------------------------

@pytest.mark.sqlite_only
def test_a_backup_holds_the_commits_still_in_the_wal_which_a_file_copy_loses(laptop, tmp_path):
    store, event_id = laptop
    with store.engine.connect() as conn:  # as while the app runs: nothing checkpointed yet
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    ids = add_people(store, event_id, 50)
    store.engine.dispose()
    holder = sa.create_engine(f"sqlite:///{store.location}")  # keeps the -wal from merging
    with holder.connect() as keep:
        keep.exec_driver_sql("PRAGMA wal_autocheckpoint = 0")
        desk = Desk(store, event_id, "Meja 1")
        for attendee_id in ids:
            desk.check_in(attendee_id)
        expected = checked_in(store, event_id)
        assert Path(f"{store.location}-wal").stat().st_size > 0

        copied = tmp_path / "salinan-berkas.sqlite"
        shutil.copyfile(store.location, copied)  # what a staffer would do
        lost = Store.open(copied)
        assert len(expected - checked_in(lost, event_id)) >= 50  # all 50 recent ones missing
        lost.close()

        result = backup(store, tmp_path / "cadangan.sqlite")
    holder.dispose()
    assert result.events == 1 and result.entries > 50
    kept = Store.open(result.path, create=False)
    try:
        assert checked_in(kept, event_id) == expected
        assert verify_chain(kept, event_id).intact
    finally:
        kept.close()
    assert stat.S_IMODE(result.path.stat().st_mode) == 0o600
    assert not Path(f"{result.path}-wal").exists()  # one self-contained file


def test_a_server_is_backed_up_to_one_file_too(store, tmp_path):
    event = complete_demo(store, open_demo(store))
    result = backup(store, tmp_path / "server.sqlite")
    assert result.events == 1
    kept = Store.open(result.path, create=False)
    try:
        copy = kept.list_events()[0]
        assert copy.uid == event.uid
        assert checked_in(kept, copy.id) == checked_in(store, event.id)
        assert verify_chain(kept, copy.id).intact
    finally:
        kept.close()


@pytest.mark.sqlite_only
def test_a_backup_that_fails_its_check_is_removed_and_said(laptop, tmp_path):
    store, event_id = laptop
    with store.transaction() as conn:  # a direct edit the audit trail does not account for
        conn.execute(sa.text("UPDATE attendees SET name = 'Diubah Diam-diam' WHERE id = "
                             "(SELECT min(id) FROM attendees)"))
    out = tmp_path / "cadangan.sqlite"
    with pytest.raises(BackupError) as info:
        backup(store, out)
    assert info.value.code == "backup_unsound"
    assert "tidak lolos pemeriksaan" in info.value.message
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".cadangan")]


def test_a_damaged_backup_is_refused(tmp_path):
    damaged = tmp_path / "rusak.sqlite"
    damaged.write_bytes(b"SQLite format 3\x00" + os.urandom(8000))
    with pytest.raises(BackupError) as info:
        check_backup(damaged)
    assert info.value.code == "not_a_backup"


@pytest.mark.sqlite_only
def test_generations_are_kept_and_the_oldest_removed(laptop, tmp_path):
    store, _event_id = laptop
    folder = tmp_path / "flashdisk"
    made = [backup_generation(store, folder, keep=3).path for _ in range(5)]
    assert set(folder.iterdir()) == set(made[2:])  # the three newest
    assert generations(folder) == made[2:]  # oldest first


@pytest.mark.sqlite_only
def test_restore_brings_a_backup_back_and_keeps_what_it_replaced(laptop, tmp_path, capsys):
    store, event_id = laptop
    db = store.location
    code, answer = run(db, "backup", "--out", str(tmp_path / "pagi.sqlite"), capsys=capsys)
    assert code == 0, answer
    assert answer["events"] == 1 and answer["audit_entries"] > 0
    morning = checked_in(store, event_id)
    ids = add_people(store, event_id, 3)
    for attendee_id in ids:
        Desk(store, event_id, "Meja 2").check_in(attendee_id)
    afternoon = checked_in(store, event_id)
    store.close()

    code, answer = run(db, "restore", str(tmp_path / "pagi.sqlite"), "--backup-dir",
                       str(tmp_path / "lama"), capsys=capsys)
    assert code == 0, answer
    back = Store.open(db, create=False)
    try:
        assert checked_in(back, event_id) == morning
        assert verify_chain(back, event_id).intact
    finally:
        back.close()
    previous = Store.open(answer["previous"], create=False)  # the restore can be undone
    try:
        assert checked_in(previous, event_id) == afternoon
    finally:
        previous.close()

    junk = tmp_path / "bukan.sqlite"
    junk.write_bytes(b"bukan cadangan")
    code, answer = run(db, "restore", str(junk), capsys=capsys)
    assert code == 1 and answer["error"]["code"] == "not_a_backup"
    still = Store.open(db, create=False)
    try:
        assert checked_in(still, event_id) == morning  # unchanged
    finally:
        still.close()


# --- moving events -------------------------------------------------------------------------------

def test_push_onto_a_copy_with_records_the_source_lacks_refuses_and_says_what(laptop, store,
                                                                                tmp_path, capsys):
    source, event_id = laptop
    first = copy_event(source, store, event_id)
    # On the server, desks carried on: two check-ins and an undo the laptop never saw.
    people = [a for a in store.list_attendees(first.event_id)
              if a.id not in active_checkins(store, first.event_id)][:2]
    server_desk = Desk(store, first.event_id, "Meja 4")
    for person in people:
        server_desk.check_in(person.id)
    server_desk.undo(attendee_id=people[0].id, reason="salah orang")
    on_server = checked_in(store, first.event_id)

    code, answer = run(source.location, "event", "push", str(event_id), "--to",
                       full_url(store), capsys=capsys)
    assert code == 1
    assert answer["error"]["code"] == "event_diverged"
    assert answer["lost"] == {"entries": 3, "checkins": 2, "undos": 1}
    message = answer["error"]["message"]
    assert "2 kehadiran, 1 pembatalan, 0 tanda tangan" in message
    assert checked_in(store, first.event_id) == on_server  # nothing changed
    with pytest.raises(EventExists) as info:
        copy_event(source, store, event_id)
    assert info.value.lost["checkins"] == 2

    code, answer = run(source.location, "event", "push", str(event_id), "--to",
                       full_url(store), "--replace", "--backup-dir", str(tmp_path / "cadangan"),
                       capsys=capsys)
    assert code == 0, answer
    assert answer["lost"]["entries"] == 3
    replaced = answer["event_id"]
    assert verify_chain(store, replaced).intact
    assert checked_in(store, replaced) == checked_in(source, event_id)
    # The server's own records are in the backup, and come back from it.
    saved = Path(answer["backup"])
    assert saved.parent == tmp_path / "cadangan"
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    kept = Store.open(saved, create=False)
    try:
        assert checked_in(kept, kept.list_events()[0].id) == on_server
        assert verify_chain(kept, kept.list_events()[0].id).intact
    finally:
        kept.close()


def test_push_onto_an_older_copy_loses_nothing_and_still_backs_it_up(laptop, store, tmp_path):
    source, event_id = laptop
    first = copy_event(source, store, event_id)
    newcomer = add_people(source, event_id, 1)[0]
    Desk(source, event_id, "Meja 1").check_in(newcomer)
    with pytest.raises(EventExists) as info:
        copy_event(source, store, event_id)
    assert info.value.code == "event_exists" and not info.value.lost
    done = copy_event(source, store, event_id, replace=True, backup_folder=tmp_path / "b")
    assert done.replaced == first.event_id and done.lost == {}
    assert done.backup and Path(done.backup).is_file()
    assert checked_in(store, done.event_id) == checked_in(source, event_id)
