"""The demo event's pledge and signatures, so certificates and lists can be tried at once.

events/demo.py makes the event, its roster and check-ins; it cannot import pledges/, so the
callers (main.py's ``demo`` command, the GUI's demo button) call :func:`complete_demo` after
``events.demo.open_demo``.
"""

from __future__ import annotations

import math
import random

from events.model import Event
from events.store import Store
from pledges.keys import DEMO_KEY_LABEL, SealKey, create_key, key_info, list_keys, unlock
from pledges.signatures import current_signatures, sign, sign_witness, witness_signature
from pledges.texts import event_pledge, use_template

__all__ = ["DEMO_PAD", "DEMO_SIGNATURES", "complete_demo", "demo_key", "synthetic_signature"]

DEMO_PAD = (600, 300)
# The demo's own seal key: made with the demo, labelled as such, its passphrase public (it proves
# nothing), never the key that seals a real event (pledges.keys.key_info leaves it out).
DEMO_KEY_PASSPHRASE = "kunci-demo-ikrar"
DEMO_KEY_NAME = f"{DEMO_KEY_LABEL} \u2013 kunci contoh acara demo, bukan untuk acara sungguhan"
DEMO_SIGNATURES = 12
DEMO_TEMPLATE = "pakta_integritas"  # fits any date, unlike an election year's pledge


def synthetic_signature(seed: int | random.Random, width: float = 600,
                        height: float = 300) -> list[list[tuple[float, float, int, float]]]:
    """An invented, signature-like set of strokes: a looping name, sometimes an underline flourish
    and a dot; the same seed gives the same strokes."""
    rng = seed if isinstance(seed, random.Random) else random.Random(seed)
    strokes = []
    t = 0
    x0 = width * rng.uniform(0.12, 0.25)
    base = height * rng.uniform(0.5, 0.62)
    loops = rng.randint(3, 6)
    span = width * rng.uniform(0.45, 0.65)
    amp = height * rng.uniform(0.12, 0.22)
    slant = rng.uniform(0.1, 0.35)
    pressure0 = rng.uniform(0.35, 0.7)
    points = []
    n = 28 * loops
    for i in range(n + 1):
        u = i / n
        angle = u * loops * 2 * math.pi
        y = base - amp * math.sin(angle) * (1 - 0.4 * u)
        x = x0 + span * u + amp * 0.45 * math.cos(angle) + slant * (base - y)
        p = min(1.0, max(0.05, pressure0 + 0.25 * math.sin(u * math.pi)))
        points.append((round(x, 2), round(y, 2), t, round(p, 3)))
        t += rng.randint(6, 12)
    strokes.append(points)
    if rng.random() < 0.7:  # the underline flourish
        t += rng.randint(120, 300)
        flourish = []
        for i in range(25):
            u = i / 24
            x = x0 - width * 0.03 + span * 1.05 * u
            y = base + height * 0.16 + height * 0.05 * math.sin(u * math.pi * 1.5)
            flourish.append((round(x, 2), round(y, 2), t, round(0.6 - 0.4 * u, 3)))
            t += 8
        strokes.append(flourish)
    if rng.random() < 0.5:  # a dot
        t += rng.randint(100, 250)
        x, y = x0 + span * rng.uniform(0.3, 0.8), base - amp * 1.5
        strokes.append([(round(x, 2), round(y, 2), t, 0.5),
                        (round(x + 1.5, 2), round(y + 1, 2), t + 15, 0.5)])
    return strokes


def complete_demo(store: Store, event: Event, *, seal: bool = True) -> Event:
    """Give the demo event the Pakta Integritas, the witness's signature and a dozen
    signatures of people who came. Does nothing that is already there (idempotent)."""
    if event.id is None:
        raise ValueError("complete_demo needs a stored event")
    version = event_pledge(store, event.id)
    if version is None:
        version = use_template(store, event.id, DEMO_TEMPLATE)
    rng = random.Random(4)
    if witness_signature(store, event.id) is None:
        sign_witness(store, event.id, synthetic_signature(rng, *DEMO_PAD), *DEMO_PAD,
                     place="Meja 1 (demo)", operator="Petugas Demo")
    if not current_signatures(store, event.id):
        from events.checkins import active_checkins

        came = sorted(active_checkins(store, event.id))
        # spread over the roster (it is in category order): heads, staff, PPPK, guests
        step = max(1, len(came) // DEMO_SIGNATURES)
        for attendee_id in came[::step][:DEMO_SIGNATURES]:
            sign(store, event.id, attendee_id, synthetic_signature(rng, *DEMO_PAD), *DEMO_PAD,
                 place="Stasiun TTD 1 (demo)", operator="Petugas Demo",
                 pledge_hash=version.hash)
    if seal and key_info(store) is None:
        # No key of the organizer's own yet: the demo's own key (made now if need be) seals,
        # so its documents can be made with nothing typed. With a key of their own, the demo's
        # signatures wait for it like any other event's.
        from pledges.seal import seal_pending

        seal_pending(store, demo_key(store), event.id, actor="Petugas Demo")
    return event


def demo_key(store: Store) -> SealKey:
    """The demo's seal key, unlocked: the stored one, or a new one made now."""
    for info in list_keys(store):
        if info.is_demo and info.has_private:
            return unlock(store, DEMO_KEY_PASSPHRASE, info.fingerprint)
    return create_key(store, DEMO_KEY_PASSPHRASE, DEMO_KEY_NAME, actor="Petugas Demo")
