"""event push / event pull: an event moves between a laptop's SQLite file and the server (and
back) with everything that belongs to it; ids are the target's own, references follow them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa

import main
from events import schema as event_schema
from events.checkins import AlreadyCheckedIn, Desk, active_checkins
from events.demo import open_demo
from events.model import Event
from events.store import Store
from pledges.audit import verify_chain
from pledges.demo import complete_demo, synthetic_signature
from pledges.keys import create_key, known_public_keys
from pledges.seal import seal_pending, seals_of
from pledges.signatures import current_signatures, sign, signature_history
from pledges.transfer import NOT_COPIED, PLAN, EventExists, copy_event
from pledges.verify import AUTHENTIC, verify_seal


def full_url(store: Store) -> str:
    return store.engine.url.render_as_string(hide_password=False)


def dump(store: Store, event_id: int) -> dict[str, list]:
    """Everything of the event, with every id replaced by the row's position in its table and
    every reference by the position of the row it points to: equal on any two databases that
    hold the same event."""
    md = event_schema.metadata
    out: dict[str, list] = {}
    positions: dict[str, dict] = {}
    with store.engine.connect() as conn:
        for step in PLAN:
            table = md.tables[step.table]
            where = (step.rows or (lambda t, e, _m: t.c.event_id == e))(table, event_id, {})
            rows = [dict(r._mapping) for r in conn.execute(
                sa.select(table).where(where).order_by(*table.primary_key.columns))]
            if step.key:
                positions[step.table] = {r[step.key]: i for i, r in enumerate(rows)}
            for row in rows:
                if step.key:
                    row[step.key] = positions[step.table][row[step.key]]
                for column, parent in step.refs.items():
                    if row[column] is not None:
                        row[column] = positions[parent][row[column]]
                for column, value in row.items():
                    if isinstance(value, memoryview):
                        row[column] = bytes(value)
            out[step.table] = rows
    return out


@pytest.fixture
def laptop(tmp_path: Path):
    """A laptop's SQLite file with the demo event: roster, check-ins, pledge, signatures and
    their seals, the audit trail."""
    opened = Store.open(tmp_path / "laptop.sqlite")
    event = complete_demo(opened, open_demo(opened), seal=False)
    assert seal_pending(opened, create_key(opened, "kata-sandi-uji"), event.id)
    yield opened, event
    opened.close()


def assert_evidence_holds(store: Store, event_id: int) -> None:
    """The audit chain is intact and every seal verifies with the keys this database has."""
    assert verify_chain(store, event_id).status == "intact"
    keys = known_public_keys(store)
    sealed = seals_of(store, event_id)
    assert sealed and all(verify_seal(data, keys).status == AUTHENTIC
                          for data in sealed.values())


def run(db: str, *args: str, capsys) -> tuple[int, dict]:
    code = main.main(["--db", db, *args, "--json"])
    return code, json.loads(capsys.readouterr().out)


def test_every_table_of_the_schema_is_in_the_plan():
    planned = [step.table for step in PLAN]
    assert len(planned) == len(set(planned))
    assert set(event_schema.metadata.tables) == set(planned)
    assert "alembic_version" in NOT_COPIED


def test_push_to_the_server_and_pull_back_copies_everything(laptop, store, tmp_path, capsys):
    source, event = laptop
    before = dump(source, event.id)
    assert before["checkins"] and before["signatures"] and before["pledge_versions"]
    store.create_event(Event(name="Acara lain", event_date=event.event_date))  # ids differ

    code, answer = run(source.location, "event", "push", str(event.id), "--to",
                       full_url(store), capsys=capsys)
    assert code == 0, answer
    on_server = answer["event_id"]
    assert on_server != event.id  # the server's own ids
    assert answer["rows"]["attendees"] == len(before["attendees"])
    assert dump(store, on_server) == before
    assert_evidence_holds(store, on_server)
    # The seal key came along, still encrypted: the server's desks seal with the organizer's
    # key once given its passphrase (and only then).
    from pledges.keys import SealKeyError, key_info, unlock

    assert key_info(store) is not None
    with pytest.raises(SealKeyError):
        unlock(store, "tebakan-salah")
    assert unlock(store, "kata-sandi-uji").fingerprint == key_info(source).fingerprint

    back = tmp_path / "other-laptop.sqlite"
    code, answer = run(str(back), "--create", "event", "pull", event.name, "--from",
                       full_url(store), capsys=capsys)
    assert code == 0, answer
    pulled = Store.open(back)
    try:
        assert dump(pulled, answer["event_id"]) == before
        assert_evidence_holds(pulled, answer["event_id"])
        # The pulled copy is a working event: who came is still in, signatures are intact.
        assert len(active_checkins(pulled, answer["event_id"])) == len(
            active_checkins(source, event.id))
        assert all(r.intact for r in current_signatures(pulled, answer["event_id"]).values())
    finally:
        pulled.close()


def test_a_desk_on_the_target_continues_the_event(laptop, store):
    source, event = laptop
    done = copy_event(source, store, event.id)
    present = active_checkins(store, done.event_id)
    someone = next(iter(present))
    with pytest.raises(AlreadyCheckedIn) as info:
        Desk(store, done.event_id, "Meja 4").check_in(someone)
    assert info.value.existing.desk == present[someone].desk
    people = store.list_attendees(done.event_id)
    absent = next(a for a in people if a.id not in present)
    made = Desk(store, done.event_id, "Meja 4").check_in(absent.id)
    assert made.id > max(c.id for c in present.values())  # the target's ids carry on
    record = sign(store, done.event_id, absent.id, synthetic_signature(3), 600, 300)
    assert signature_history(store, done.event_id, absent.id) == [record]
    assert verify_chain(store, done.event_id).status == "intact"  # the chain carries on


def test_pushing_an_event_the_target_has_is_refused_unless_replace(laptop, store, capsys):
    source, event = laptop
    first = copy_event(source, store, event.id)
    Desk(source, event.id, "Meja 1").check_in(
        next(a.id for a in source.list_attendees(event.id)
             if a.id not in active_checkins(source, event.id)))

    code, answer = run(source.location, "event", "push", str(event.id), "--to",
                       full_url(store), capsys=capsys)
    assert code == 1
    assert answer["error"]["code"] == "event_exists"
    assert "sudah ada di basis data tujuan" in answer["error"]["message"]
    assert "--replace" in answer["error"]["message"]
    assert len(store.list_events(include_archived=True)) == 1
    assert dump(store, first.event_id) != dump(source, event.id)  # unchanged: the old copy

    with pytest.raises(EventExists):
        copy_event(source, store, event.id)
    code, answer = run(source.location, "event", "push", str(event.id), "--to",
                       full_url(store), "--replace", capsys=capsys)
    assert code == 0, answer
    assert answer["replaced"] == first.event_id
    assert [e.id for e in store.list_events(include_archived=True)] == [answer["event_id"]]
    assert dump(store, answer["event_id"]) == dump(source, event.id)


def test_a_pledge_version_the_target_has_is_reused(laptop, store):
    source, event = laptop
    copy_event(source, store, event.id)
    other = Store.open(Path(source.location).with_name("second.sqlite"))
    try:
        second = complete_demo(other, open_demo(other))  # same pledge text, other tokens
        done = copy_event(other, store, second.id)
    finally:
        other.close()
    assert done.counts["pledge_versions"] == 0
    with store.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM pledge_versions")).scalar() == 1


def test_pull_of_an_unknown_event_or_from_an_unreachable_server_fails_clearly(
        store, tmp_path, capsys):
    here = str(tmp_path / "here.sqlite")
    code, answer = run(here, "--create", "event", "pull", "Tidak Ada", "--from", full_url(store),
                       capsys=capsys)
    assert code == 1 and answer["error"]["code"] == "not_found"
    code, answer = run(here, "--create", "event", "pull", "1", "--from",
                       "postgresql://ikrar@127.0.0.1:9/ikrar", capsys=capsys)
    assert code == 5 and answer["error"]["code"] == "unreachable"  # 5: server unreachable
    assert answer["error"]["message"].startswith("Basis data tidak dapat dibuka")
