"""A crowd signing on their phones at once, over this machine's loopback only.

``--phones`` simulated phones (default 300) run at once, in a process of their own (aiohttp's
client), until ``--signers`` people (default 1,500) have each loaded their personal link's page
(the HTML, which carries the person's data and the text) and sent a ``--points``-point
signature (default 300). The service runs as in the app (pledges.phone.service.ServiceThread
beside the main thread), every signature sealed; meanwhile a desk in this process checks in
other people every 100 ms.

Reports page load and signing latency (p50/p99), the wall time for all signatures, signatures
lost or doubled, the desk's check-in latency meanwhile, and the page's transfer size. Targets
(issue 15): page load and signing p99 < 300 ms, 1,500 signatures in under 5 minutes, none lost
or doubled, desk check-ins p99 < 50 ms, page < 100 KB.

Run: .venv/bin/python bench/bench_phone.py [--phones 300] [--signers 1500] [--points 300]
         [--url postgresql://...]
Without --url it uses a fresh SQLite file in a temporary folder.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import multiprocessing
import sys
import tempfile
import threading
import time
from pathlib import Path

import common  # noqa: F401  (the repository on the import path)
from common import bench_event, figures, quantile_ms

from events.checkins import Desk
from events.store import Store, StoreError
from pledges.keys import create_key
from pledges.phone import links
from pledges.phone.service import PhoneService, ServiceThread
from pledges.signatures import signature_marks
from pledges.texts import CONSENT_VERSION, event_pledge, use_template

W, H = 340, 200


def signature(seed: int, points: int) -> list[list[list[float]]]:
    """An invented three-stroke signature of ``points`` points, on a W x H pad."""
    per = max(2, points // 3)
    strokes = []
    for s in range(3):
        stroke = []
        for i in range(per):
            u = i / (per - 1)
            stroke.append([round(20 + s * 100 + 90 * u + 10 * math.sin(seed + u * 9), 2),
                           round(100 + 60 * math.sin(u * 6.3 + s + seed), 2),
                           int(s * 400 + u * 350), 0.5])
        strokes.append(stroke)
    return strokes


def crowd(port: int, tokens: list[str], phones: int, points: int, pledge_hash: str,
          think: float, out: multiprocessing.Queue) -> None:
    """The phones: ``phones`` at once until every token has signed, each person reading and
    signing for about ``think`` seconds (uniformly 0.5x to 1.5x) between loading the page and
    sending. Puts the timings."""
    import random

    import aiohttp

    rng = random.Random(15)

    async def main() -> dict:
        queue: asyncio.Queue[tuple[int, str]] = asyncio.Queue()
        for i, token in enumerate(tokens):
            queue.put_nowait((i, token))
        loads, signs, failures = [], [], []
        page_bytes = 0
        base = f"http://127.0.0.1:{port}"
        connector = aiohttp.TCPConnector(limit=0, force_close=True)
        timeout = aiohttp.ClientTimeout(total=60)
        async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
            async def phone() -> None:
                nonlocal page_bytes
                while True:
                    try:
                        i, token = queue.get_nowait()
                    except asyncio.QueueEmpty:
                        return
                    # What the phone loads: the page, which carries its person's data (the
                    # JSON asked separately only when it does not).
                    started = time.perf_counter()
                    async with session.get(f"{base}/s/{token}") as r:
                        html = await r.read()
                    info = b""
                    if b'{"info":' not in html:
                        async with session.get(f"{base}/api/s/{token}") as r:
                            info = await r.read()
                    loads.append(time.perf_counter() - started)
                    page_bytes = len(html) + len(info)
                    if think:
                        await asyncio.sleep(think * rng.uniform(0.5, 1.5))
                    body = {"strokes": signature(i, points), "width": W, "height": H,
                            "pledge_hash": pledge_hash, "consent_version": CONSENT_VERSION,
                            "key": f"bench-key-{i:08d}"}
                    started = time.perf_counter()
                    async with session.post(f"{base}/api/s/{token}/sign", json=body) as r:
                        answer = await r.json()
                        status = r.status
                    signs.append(time.perf_counter() - started)
                    if status != 200 or answer.get("status") != "signed":
                        failures.append((status, answer))

            started = time.perf_counter()
            await asyncio.gather(*(phone() for _ in range(phones)))
            wall = time.perf_counter() - started

            # The floor: the same crowd at once asking the service's smallest answer (/ping,
            # no page, no database). What this simulation and the web framework cost by
            # themselves on this machine, for reading the page-load figure beside it.
            floor: list[float] = []

            async def ping() -> None:
                started = time.perf_counter()
                async with session.get(f"{base}/ping") as r:
                    await r.read()
                floor.append(time.perf_counter() - started)

            await asyncio.gather(*(ping() for _ in range(phones)))
        return {"loads": loads, "signs": signs, "failures": failures[:5],
                "failed": len(failures), "wall": wall, "page_bytes": page_bytes,
                "floor": floor}

    out.put(asyncio.run(main()))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--phones", type=int, default=300)
    parser.add_argument("--signers", type=int, default=1500)
    parser.add_argument("--points", type=int, default=300)
    parser.add_argument("--desk-people", type=int, default=500)
    parser.add_argument("--think", type=float, default=15.0,
                        help="seconds a person reads and signs between page and send (mean); "
                        "0: every phone sends at once, the service's ceiling")
    parser.add_argument("--url")
    args = parser.parse_args()

    folder = tempfile.TemporaryDirectory(prefix="ikrar-bench-phone-")
    store = Store.open(args.url or Path(folder.name) / "ikrar.sqlite")
    event, people = bench_event(store, args.signers + args.desk_people, name="Bench ponsel")
    use_template(store, event.id, "netralitas_asn_2024")
    key = create_key(store, "kata-sandi-bench")
    signers, walkers = people[:args.signers], people[args.signers:]
    started = time.perf_counter()
    tokens = [links.issue(store, event.id, p.id) for p in signers]
    issue_seconds = time.perf_counter() - started

    service = PhoneService(store, event.id, seal_key=key)
    server = ServiceThread(service, "127.0.0.1", 0)
    (_host, port), *_ = server.start()

    desk_times: list[float] = []
    desk_failures: list[str] = []
    stop = threading.Event()

    def desk() -> None:
        counter = Desk(store, event.id, desk="Meja 1", operator="Bench")
        for person in walkers:
            if stop.is_set():
                return
            t0 = time.perf_counter()
            try:
                counter.check_in(person.id)
            except StoreError as error:  # the desk would say so and the operator retry
                desk_failures.append(error.code)
            desk_times.append(time.perf_counter() - t0)
            stop.wait(0.1)

    out: multiprocessing.Queue = multiprocessing.Queue()
    proc = multiprocessing.Process(target=crowd, args=(
        port, tokens, args.phones, args.points, event_pledge(store, event.id).hash,
        args.think, out))
    desk_thread = threading.Thread(target=desk)
    proc.start()
    desk_thread.start()
    try:
        result = out.get(timeout=600)
    finally:
        stop.set()
        desk_thread.join()
        proc.join(30)
        server.stop()

    marks = signature_marks(store, event.id)
    signed = {p.id for p in signers} & set(marks)
    with store.connection() as conn:
        import sqlalchemy as sa

        from pledges.schema import seals, signatures
        rows = conn.execute(sa.select(sa.func.count()).select_from(signatures)
                            .where(signatures.c.event_id == event.id)).scalar()
        sealed = conn.execute(sa.select(sa.func.count()).select_from(seals)).scalar()
    print(f"Phone signing: {args.phones} phones at once, {args.signers} signers, "
          f"{args.points}-point signatures, {args.think:g} s reading and signing each, "
          f"{'PostgreSQL' if args.url else 'SQLite'}, loopback")
    print(f"  links issued: {len(tokens)} in {issue_seconds:.2f} s")
    print(figures("page load (HTML with its data)", result["loads"]))
    print(figures(f"  floor: {args.phones} x /ping at once", result["floor"]))
    print(figures("signing (POST to committed answer)", result["signs"]))
    print(figures("desk check-in meanwhile", desk_times))
    print(f"  desk check-ins that failed: {len(desk_failures)} {sorted(set(desk_failures))}")
    print(f"  all signatures in {result['wall']:.1f} s "
          f"({args.signers / result['wall']:.1f} per second)")
    print(f"  failed answers: {result['failed']} {result['failures']}")
    print(f"  signed: {len(signed)} of {args.signers}; signature rows: {rows} "
          f"(doubled: {rows - len(signed)}); sealed: {sealed}")
    print(f"  page transfer: {result['page_bytes']} bytes")
    ok = (quantile_ms(result["loads"], 0.99) < 300 and quantile_ms(result["signs"], 0.99) < 300
          and result["wall"] < 300 and len(signed) == args.signers == rows
          and quantile_ms(desk_times, 0.99) < 50 and not desk_failures
          and result["page_bytes"] < 100 * 1024)
    print(json.dumps({"targets_met": ok}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
