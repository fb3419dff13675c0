"""Four desks (four processes, as four laptops would be) checking in 500 people each, with every
person wanted by two desks, at once on one PostgreSQL server: nobody checked in twice, nobody
lost, every desk told the truth, and the audit chain intact."""

from __future__ import annotations

import multiprocessing
import random
from datetime import date

import pytest
import sqlalchemy as sa

from events.categories import Category
from events.checkins import AlreadyCheckedIn, Desk, active_checkins
from events.model import Attendee, Event
from events.store import Store
from pledges.audit import verify_chain

DESKS = 4
EACH = 500
PEOPLE = DESKS * EACH // 2  # every person is in the share of two desks


def desk_run(url: str, event_id: int, number: int, ids: list[int], start) -> dict:
    """One desk's process: check its share in, in its own order; what it was told."""
    store = Store.open(url)
    desk = Desk(store, event_id, f"Meja {number}", f"Petugas {number}")
    random.Random(number).shuffle(ids)
    done, refused = [], []
    start.wait()
    for person in ids:
        try:
            done.append(desk.check_in(person).attendee_id)
        except AlreadyCheckedIn as already:
            refused.append((person, already.existing.desk, already.message))
    store.close()
    return {"done": done, "refused": refused}


@pytest.mark.postgresql_only  # the several-desk server; SQLite desks share one laptop
def test_four_processes_check_in_overlapping_people_without_a_double_or_a_loss(store):
    event = store.create_event(Event(name="Ikrar 1.500 ASN", event_date=date(2024, 2, 1)))
    people = [a.id for a in store.add_attendees(event.id, [
        Attendee(f"Peserta {i:04}", Category.PELAKSANA) for i in range(PEOPLE)])]
    shares = [[people[(d * EACH // 2 + k) % PEOPLE] for k in range(EACH)]
              for d in range(DESKS)]
    url = store.engine.url.render_as_string(hide_password=False)

    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager:
        start = manager.Barrier(DESKS)
        with context.Pool(DESKS) as pool:
            results = pool.starmap(desk_run, [(url, event.id, d + 1, shares[d], start)
                                              for d in range(DESKS)])

    won = {}
    for d, result in enumerate(results, start=1):
        assert len(result["done"]) + len(result["refused"]) == EACH  # every answer given
        for person in result["done"]:
            assert person not in won, "checked in twice"
            won[person] = f"Meja {d}"
    assert sorted(won) == sorted(people)  # none lost
    for d, result in enumerate(results, start=1):
        for person, desk, message in result["refused"]:
            assert desk == won[person] != f"Meja {d}"
            assert message.startswith("Sudah hadir pukul") and message.endswith(desk)

    stored = active_checkins(store, event.id)
    assert {a: c.desk for a, c in stored.items()} == won
    with store.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM checkins")).scalar() == PEOPLE
    report = verify_chain(store, event.id)
    assert report.status == "intact", report.message
    assert report.actions.get("checkin") == PEOPLE
