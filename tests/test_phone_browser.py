"""The phone page in a real browser: Debian's Chromium, headless, as a 360 px phone with touch
input, against the real service. Skipped when Chromium is not installed (./test.sh installs
it on Debian)."""

from __future__ import annotations

import asyncio
import math
from datetime import date

import pytest
from phone_browser import CHROMIUM, Phone

from events.categories import Category
from events.checkin_records import active_checkin
from events.model import Attendee, Event
from events.store import Store
from pledges.keys import create_key, known_public_keys
from pledges.phone import links
from pledges.phone.service import PhoneService, ServiceThread
from pledges.seal import seals_of
from pledges.signatures import current_signature, signature_history
from pledges.texts import use_template
from pledges.verify import AUTHENTIC, verify_seal

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed "
                                "(apt-get install chromium)")


@pytest.fixture
def site(tmp_path):
    store = Store.open(tmp_path / "ikrar.sqlite")
    event = store.create_event(Event(name="Ikrar Netralitas", event_date=date(2024, 2, 1),
                                     institution="Pemerintah Kota Contoh"))
    people = store.add_attendees(event.id, [Attendee("Ani Lestari", Category.ESELON_III,
                                                     nip="198609262015051001"),
                                            Attendee("Budi", Category.PELAKSANA)])
    use_template(store, event.id, "netralitas_asn_2024")
    key = create_key(store, "kata-sandi-uji")
    return store, event, people, key


class DropsFirstAnswer(PhoneService):
    """Commits the first signature, then cuts the connection before the answer: the phone
    sees a lost connection after the server did its work."""

    dropped = 0

    async def sign_handler(self, request):
        response = await super().sign_handler(request)
        if not self.dropped:
            self.dropped += 1
            request.transport.close()
        return response


def serve(service):
    thread = ServiceThread(service, "127.0.0.1", 0)
    (_host, port), *_ = thread.start()
    return thread, port


def signature_points(box, n=60):
    left, top, width, height = box
    return [(left + width * (0.1 + 0.8 * i / (n - 1)),
             top + height * (0.5 + 0.3 * math.sin(i / 4))) for i in range(n)]


async def sign_on_phone(port, token, *, check_empty=False, language=None):
    async with Phone() as phone:
        await phone.open(f"http://127.0.0.1:{port}/s/{token}")
        await phone.wait_for("document.getElementById('name').textContent")
        seen = await phone.js(
            "({name: document.getElementById('name').textContent,"
            " category: document.getElementById('category').textContent,"
            " pledge: document.getElementById('pledge').textContent,"
            " notice: document.getElementById('notice').textContent,"
            " button: document.getElementById('sign').textContent,"
            " overflow: document.documentElement.scrollWidth > window.innerWidth,"
            " width: window.innerWidth})")
        if language == "en":
            await phone.tap("lang")
            seen["button_en"] = await phone.js("document.getElementById('sign').textContent")
        if check_empty:
            await phone.tap("sign")
            seen["empty"] = await phone.wait_for(
                "document.getElementById('msg').className.indexOf('show')>=0 &&"
                " document.getElementById('msg').textContent")
        box = await phone.js("(function(){var c=document.getElementById('pad');"
                             "c.scrollIntoView({block:'center'});var r=c.getBoundingClientRect();"
                             "return [r.left, r.top, r.width, r.height];})()")
        await phone.stroke(signature_points(box))
        await phone.stroke([(box[0] + box[2] * 0.3, box[1] + box[3] * 0.2),
                            (box[0] + box[2] * 0.35, box[1] + box[3] * 0.8),
                            (box[0] + box[2] * 0.5, box[1] + box[3] * 0.3)])
        await phone.tap("sign")
        seen["done"] = await phone.wait_for(
            "document.getElementById('msg').className.indexOf('ok')>=0 &&"
            " document.getElementById('msg').textContent", timeout=30)
        return seen


def test_a_person_signs_on_a_360px_phone_and_the_sealed_signature_is_on_the_desk(site):
    store, event, people, key = site
    service = PhoneService(store, event.id, seal_key=key)
    thread, port = serve(service)
    token = links.issue(store, event.id, people[0].id)
    try:
        seen = asyncio.run(sign_on_phone(port, token, check_empty=True))
    finally:
        thread.stop()
    assert seen["width"] == 360 and not seen["overflow"]
    assert (seen["name"], seen["category"]) == ("Ani Lestari", "Eselon III (Administrator)")
    assert "IKRAR NETRALITAS" in seen["pledge"] and "Versi teks: " in seen["pledge"]
    assert "UU No. 27 Tahun 2022" in seen["notice"]
    assert seen["button"] == "Setuju dan Tandatangani"
    assert seen["empty"].startswith("Kotak tanda tangan masih kosong")
    assert seen["done"].startswith("Terima kasih")
    record = current_signature(store, event.id, people[0].id)
    assert record is not None and record.place == "ponsel"
    assert len(record.strokes) == 2 and len(record.strokes[0]) >= 30
    assert {p[3] for p in record.strokes[0]} != {0.5}  # the finger's force, not a default
    assert verify_seal(seals_of(store, event.id)[record.id],
                       known_public_keys(store)).status == AUTHENTIC
    assert active_checkin(store, event.id, people[0].id).desk == "ponsel"
    assert links.resolve(store, event.id, token)[0].spent


def test_a_lost_answer_is_sent_again_and_the_signature_is_not_doubled(site):
    store, event, people, key = site
    service = DropsFirstAnswer(store, event.id, seal_key=key)
    thread, port = serve(service)
    token = links.issue(store, event.id, people[1].id)
    try:
        seen = asyncio.run(sign_on_phone(port, token, language="en"))
    finally:
        thread.stop()
    assert service.dropped == 1
    assert seen["button_en"] == "Agree and Sign"
    assert seen["done"].startswith("Thank you")
    assert len(signature_history(store, event.id, people[1].id)) == 1
    assert service.stats.snapshot()["repeated"] >= 1


def test_a_spent_link_and_an_unknown_one_say_so_on_the_phone(site):
    store, event, people, key = site
    service = PhoneService(store, event.id)
    thread, port = serve(service)
    token = links.issue(store, event.id, people[0].id)

    async def look(path):
        async with Phone() as phone:
            await phone.open(f"http://127.0.0.1:{port}{path}")
            return await phone.wait_for(
                "document.getElementById('msg').className.indexOf('show')>=0 &&"
                " document.getElementById('msg').className.indexOf('warn')<0 &&"
                " document.getElementById('msg').textContent")

    try:
        asyncio.run(sign_on_phone(port, token))
        spent = asyncio.run(look(f"/s/{token}"))
        unknown = asyncio.run(look("/s/" + "Z" * 22))
    finally:
        thread.stop()
    assert spent.startswith("Anda sudah menandatangani")
    assert unknown.startswith("Tautan tanda tangan ini tidak dikenal")


def test_an_oversized_send_and_an_expired_link_are_refused_on_the_phone(site):
    store, event, people, key = site
    odd = store.add_attendee(event.id, Attendee('Rudi </script><b>"&amp;</b>', Category.TAMU))
    service = PhoneService(store, event.id, seal_key=key)
    thread, port = serve(service)
    token = links.issue(store, event.id, odd.id)
    other = links.issue(store, event.id, people[0].id)

    async def oversized():
        async with Phone() as phone:
            await phone.open(f"http://127.0.0.1:{port}/s/{token}")
            name = await phone.wait_for("document.getElementById('name').textContent")
            # The page's own request, 300 KB of strokes: what a tampered or broken phone
            # could send.
            answer = await phone.js(
                "(function(){var x=new XMLHttpRequest();"
                f"x.open('POST','/api/s/{token}/sign',false);"
                "x.setRequestHeader('Content-Type','application/json');"
                "var p=[];for(var i=0;i<15000;i++)p.push([i%300,i%200,i,0.5]);"
                "x.send(JSON.stringify({strokes:[p],width:340,height:200,pledge_hash:'x',"
                "consent_version:'x',key:'kunci-kiriman-0001'}));"
                "return [x.status, JSON.parse(x.responseText).error.code];})()")
            return name, answer

    async def expired():
        async with Phone() as phone:
            await phone.open(f"http://127.0.0.1:{port}/s/{other}")
            return await phone.wait_for(
                "document.getElementById('msg').className.indexOf('error')>=0 &&"
                " document.getElementById('msg').textContent"), await phone.js(
                "document.getElementById('content').style.display")

    try:
        name, answer = asyncio.run(oversized())
        store.set_archived(event.id)  # the event closed: its links are no longer valid
        closed, content = asyncio.run(expired())
    finally:
        thread.stop()
    assert name == 'Rudi </script><b>"&amp;</b>'  # shown as text, not markup
    assert answer == [413, "too_large"]
    assert current_signature(store, event.id, odd.id) is None
    assert closed.startswith("Acara ini sudah ditutup")
    assert content == "none"  # no text, no pad
    assert current_signature(store, event.id, people[0].id) is None
