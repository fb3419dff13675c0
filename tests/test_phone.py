"""Signing on one's own phone: personal links (issued, replaced, spent, closed), the signature
they make (sealed, place "ponsel", the phone's user agent in the trail, presence recorded), a
resend that never doubles; and the service over a real socket, hostile input included."""

from __future__ import annotations

import http.client
import json
import threading
from datetime import date

import pytest

from events.categories import Category
from events.checkin_records import active_checkin
from events.model import Attendee, Event
from pledges.demo import synthetic_signature
from pledges.keys import create_key, known_public_keys
from pledges.phone import links
from pledges.phone.service import MAX_BODY, PhoneService, ServiceThread
from pledges.seal import seals_of
from pledges.signatures import (
    SignatureRefused,
    current_signature,
    sign,
    signature_history,
)
from pledges.texts import CONSENT_VERSION, event_pledge, use_template
from pledges.verify import AUTHENTIC, verify_seal

W, H = 360, 200
PHONE = "Mozilla/5.0 (Linux; Android 10; SM-A105F) AppleWebKit/537.36 Chrome/90.0 Mobile"


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
    return use_template(store, event.id, "netralitas_asn_2024")


def by_link(store, event, token, seed=1, key="kunci-kiriman-0001", **extra):
    return links.sign_with_link(store, event.id, token, synthetic_signature(seed, W, H), W, H,
                                key=key, user_agent=PHONE,
                                pledge_hash=event_pledge(store, event.id).hash, **extra)


# -- links ----------------------------------------------------------------------------------------


def test_a_link_is_unguessable_separate_from_the_invitation_and_kept_only_as_a_digest(
        store, event, people):
    token = links.issue(store, event.id, people[0].id)
    assert links.TOKEN_PATTERN.fullmatch(token)
    assert len(token) * 6 >= 128  # 22 URL-safe characters: 128 random bits
    assert token != people[0].token
    import sqlalchemy as sa

    from pledges.schema import phone_links
    with store.connection() as conn:
        stored = conn.execute(sa.select(phone_links)).one()
    assert token not in json.dumps([str(v) for v in stored])
    assert stored.token_sha256 == links.token_digest(token)
    link, person = links.resolve(store, event.id, token)
    assert (person.name, link.spent) == ("Ani", False)


def test_a_new_link_replaces_the_earlier_one(store, event, people):
    first = links.issue(store, event.id, people[0].id)
    second = links.issue(store, event.id, people[0].id)
    with pytest.raises(links.LinkRefused) as refused:
        links.resolve(store, event.id, first)
    assert refused.value.code == "revoked"
    assert links.resolve(store, event.id, second)[1].name == "Ani"


@pytest.mark.parametrize("token", ["", "short", "A" * 22, "../../etc/passwd" + "x" * 6,
                                   "Ä" * 22])
def test_unknown_and_malformed_links_are_unknown(store, event, people, token):
    links.issue(store, event.id, people[0].id)
    with pytest.raises(links.LinkRefused) as refused:
        links.resolve(store, event.id, token)
    assert refused.value.code == "unknown"


def test_another_events_link_is_unknown_here(store, event, people):
    other = store.create_event(Event(name="Lain", event_date=date(2024, 3, 1)))
    stranger = store.add_attendee(other.id, Attendee("Dedi", Category.TAMU))
    token = links.issue(store, other.id, stranger.id)
    with pytest.raises(links.LinkRefused) as refused:
        links.resolve(store, event.id, token)
    assert refused.value.code == "unknown"


def test_a_link_stops_when_the_event_is_archived(store, event, people, pledged):
    token = links.issue(store, event.id, people[0].id)
    store.set_archived(event.id)
    with pytest.raises(links.LinkRefused) as refused:
        by_link(store, event, token)
    assert refused.value.code == "closed"
    assert current_signature(store, event.id, people[0].id) is None


# -- signing --------------------------------------------------------------------------------------


def test_signing_by_link_is_sealed_like_the_desk_with_place_ponsel_and_records_presence(
        store, event, people, pledged):
    key = create_key(store, "kata-sandi-uji")
    token = links.issue(store, event.id, people[1].id)
    assert active_checkin(store, event.id, people[1].id) is None
    result = by_link(store, event, token, seal_key=key)
    record = result.signature
    assert not result.repeated
    assert (record.place, record.consent_version) == ("ponsel", CONSENT_VERSION)
    assert record.pledge_hash == pledged.hash
    assert current_signature(store, event.id, people[1].id) == record
    sealed = seals_of(store, event.id)[record.id]
    verdict = verify_seal(sealed, known_public_keys(store))
    assert verdict.status == AUTHENTIC
    assert verdict.record.attendee_name == "Budi"
    checkin = active_checkin(store, event.id, people[1].id)
    assert checkin is not None and checkin.desk == "ponsel"
    from pledges.audit import verify_chain
    assert verify_chain(store, event.id).intact
    from events.audit import entry_rows
    with store.connection() as conn:
        bodies = [json.loads(body) for _, body, _, _ in entry_rows(conn, event.id)]
    signed = [b for b in bodies if b["action"] == "signature"]
    assert signed[-1]["data"]["device"] == PHONE
    assert signed[-1]["place"] == "ponsel"
    assert links.link_counts(store, event.id) == {"issued": 1, "spent": 1}


def test_a_resend_with_the_same_key_answers_the_same_signature_and_never_doubles(
        store, event, people, pledged):
    token = links.issue(store, event.id, people[0].id)
    first = by_link(store, event, token)
    again = by_link(store, event, token)
    assert again.repeated and again.signature.id == first.signature.id
    assert len(signature_history(store, event.id, people[0].id)) == 1
    with pytest.raises(links.LinkRefused) as refused:  # another send on a spent link
        by_link(store, event, token, seed=2, key="kunci-kiriman-0002")
    assert refused.value.code == "spent"


def test_concurrent_resends_make_one_signature(store, event, people, pledged):
    token = links.issue(store, event.id, people[0].id)
    results, errors = [], []

    def send():
        try:
            results.append(by_link(store, event, token))
        except Exception as error:  # collected for the assertion below
            errors.append(error)

    threads = [threading.Thread(target=send) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len({r.signature.id for r in results}) == 1
    assert sum(not r.repeated for r in results) == 1
    assert len(signature_history(store, event.id, people[0].id)) == 1


def test_who_signed_at_the_desk_signs_again_only_through_the_staff(store, event, people,
                                                                   pledged):
    token = links.issue(store, event.id, people[0].id)
    sign(store, event.id, people[0].id, synthetic_signature(5, W, H), W, H, place="Meja 1")
    with pytest.raises(links.LinkRefused) as refused:
        by_link(store, event, token)
    assert refused.value.code == "already_signed"
    assert len(signature_history(store, event.id, people[0].id)) == 1
    assert not links.resolve(store, event.id, token)[0].spent  # nothing written


def test_a_scribble_that_fails_the_desk_rule_is_refused_and_the_link_stays(store, event, people,
                                                                           pledged):
    token = links.issue(store, event.id, people[0].id)
    with pytest.raises(SignatureRefused) as refused:
        links.sign_with_link(store, event.id, token, [[(10, 10), (300, 12)]], W, H,
                             key="kunci-kiriman-0001", pledge_hash=pledged.hash)
    assert refused.value.code == "line"
    assert not links.resolve(store, event.id, token)[0].spent


def test_a_changed_text_or_notice_is_refused(store, event, people, pledged):
    token = links.issue(store, event.id, people[0].id)
    with pytest.raises(SignatureRefused) as refused:
        links.sign_with_link(store, event.id, token, synthetic_signature(1, W, H), W, H,
                             key="kunci-kiriman-0001", pledge_hash="0" * 64)
    assert refused.value.code == "pledge_changed"
    with pytest.raises(links.LinkRefused) as refused:
        links.sign_with_link(store, event.id, token, synthetic_signature(1, W, H), W, H,
                             key="kunci-kiriman-0001", pledge_hash=pledged.hash,
                             consent_version="lama")
    assert refused.value.code == "consent_changed"


# -- the service over a socket --------------------------------------------------------------------


@pytest.fixture
def served(store, event, people, pledged):
    signed = []
    service = PhoneService(store, event.id, on_signed=signed.append)
    thread = ServiceThread(service, "127.0.0.1", 0)
    (host, port), *_ = thread.start()
    service.signed_records = signed
    yield service, port
    thread.stop()
    assert not thread.thread.is_alive()


def call(port, method, path, body=None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        data = body if isinstance(body, bytes | type(None)) else json.dumps(body).encode()
        connection.request(method, path, data, headers or {})
        response = connection.getresponse()
        raw = response.read()
        try:
            answer = json.loads(raw)
        except ValueError:
            answer = raw
        return response.status, answer, dict(response.getheaders())
    finally:
        connection.close()


def sign_body(store, event, seed=1, key="kunci-kiriman-0001"):
    return {"strokes": synthetic_signature(seed, W, H), "width": W, "height": H,
            "pledge_hash": event_pledge(store, event.id).hash,
            "consent_version": CONSENT_VERSION, "key": key}


def test_the_service_shows_one_person_and_takes_their_signature_once(served, store, event,
                                                                     people):
    service, port = served
    token = links.issue(store, event.id, people[2].id)
    status, page, headers = call(port, "GET", f"/s/{token}")
    assert status == 200 and b"Setuju dan Tandatangani" in page
    assert len(page) < 100 * 1024
    assert headers["X-Frame-Options"] == "DENY" and headers["Cache-Control"] == "no-store"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert b"http://" not in page and b"https://" not in page  # no outside resources
    status, info, _ = call(port, "GET", f"/api/s/{token}")
    assert status == 200
    assert (info["name"], info["category"], info["status"]) == ("Citra", "Tamu", "open")
    assert set(info) == {"name", "category", "event", "pledge", "consent", "status"}
    assert info["pledge"]["hash"] == event_pledge(store, event.id).hash
    assert info["pledge"]["points"] == list(event_pledge(store, event.id).text.points)
    assert info["consent"]["version"] == CONSENT_VERSION
    body = sign_body(store, event)
    status, answer, _ = call(port, "POST", f"/api/s/{token}/sign", body,
                             {"User-Agent": PHONE})
    assert (status, answer["status"], answer["repeated"]) == (200, "signed", False)
    status, answer, _ = call(port, "POST", f"/api/s/{token}/sign", body)  # the lost answer
    assert (status, answer["repeated"]) == (200, True)
    assert len(signature_history(store, event.id, people[2].id)) == 1
    assert [r.id for r in service.signed_records] == [answer["signature_id"]]
    assert current_signature(store, event.id, people[2].id).place == "ponsel"
    status, info, _ = call(port, "GET", f"/api/s/{token}")
    assert info["status"] == "signed"
    status, answer, _ = call(port, "POST", f"/api/s/{token}/sign",
                             sign_body(store, event, 2, "kunci-kiriman-0002"))
    assert (status, answer["error"]["code"]) == (410, "spent")
    assert service.stats.snapshot()["signed"] == 1


def test_hostile_requests_get_clean_answers_and_store_nothing(served, store, event, people):
    service, port = served
    token = links.issue(store, event.id, people[0].id)
    url = f"/api/s/{token}/sign"
    good = sign_body(store, event)
    cases = [
        (b"{not json", 400, "bad_json"),
        (b"[1, 2]", 400, "bad_json"),
        ({**good, "strokes": "x"}, 400, "bad_strokes"),
        ({**good, "strokes": [[[1, "a"]]]}, 400, "bad_strokes"),
        ({**good, "strokes": [[[1, 2, 3, 4, 5]]]}, 400, "bad_strokes"),
        ({**good, "width": 100000}, 400, "bad_pad"),
        ({**good, "key": "?"}, 400, "bad_key"),
        ({**good, "key": None}, 400, "bad_json"),
        ({**good, "strokes": [[[0, 0]] * 5001] * 4}, 413, "bad_strokes"),
        ({**good, "strokes": [[[10, 10], [10.5, 10.5]]]}, 422, "dot"),
        ({**good, "pledge_hash": "0" * 64}, 409, "pledge_changed"),
    ]
    for body, status, code in cases:
        got, answer, _ = call(port, "POST", url, body)
        assert (got, answer["error"]["code"]) == (status, code), body if len(
            str(body)) < 200 else code
    got, answer, _ = call(port, "POST", url, b"x" * (MAX_BODY + 10))
    assert got == 413
    other = store.create_event(Event(name="Lain", event_date=date(2024, 3, 1)))
    stranger = store.add_attendee(other.id, Attendee("Dedi", Category.TAMU))
    for wrong in (links.issue(store, other.id, stranger.id), "A" * 22):
        got, answer, _ = call(port, "GET", f"/api/s/{wrong}")
        assert (got, answer["error"]["code"]) == (404, "unknown")
        got, answer, _ = call(port, "POST", f"/api/s/{wrong}/sign", good)
        assert got == 404
    assert call(port, "GET", "/s/bad")[0] == 404
    assert call(port, "GET", "/roster")[0] == 404
    status, index, headers = call(port, "GET", "/")  # the address alone: no one's data
    assert status == 200 and b"QR pribadi" in index and headers["X-Frame-Options"] == "DENY"
    assert current_signature(store, event.id, people[0].id) is None
    assert current_signature(store, other.id, stranger.id) is None
    got, answer, _ = call(port, "GET", f"/api/s/{token}?lang=en")
    assert got == 200


def test_guessing_tokens_is_stopped_per_address(served, store, event, people):
    _service, port = served
    token = links.issue(store, event.id, people[0].id)
    answers = [call(port, "GET", f"/api/s/{'B' * 21}{i % 10}")[0] for i in range(25)]
    assert answers[:20] == [404] * 20 and answers[-1] == 429
    assert call(port, "GET", f"/api/s/{token}")[0] == 429  # until the minute has passed


def page_data(page: bytes) -> dict:
    """The data the page carries for its script (its person's, or why the link is refused)."""
    text = page.decode()
    start = text.index('<script type="application/json" id="data">') + len(
        '<script type="application/json" id="data">')
    return json.loads(text[start:text.index("</script>", start)])


def test_the_page_carries_its_persons_data_and_no_markup_from_it(served, store, event, people):
    service, port = served
    odd = store.add_attendee(event.id, Attendee('Rudi </script><!-- "&amp;', Category.TAMU))
    token = links.issue(store, event.id, odd.id)
    status, page, _ = call(port, "GET", f"/s/{token}")
    assert status == 200 and page.count(b"</script>") == 2  # the data's and the script's
    info = page_data(page)["info"]
    assert (info["name"], info["category"], info["status"]) == (
        'Rudi </script><!-- "&amp;', "Tamu", "open")
    assert info["pledge"]["hash"] == event_pledge(store, event.id).hash
    assert set(info) == {"name", "category", "event", "pledge", "consent", "status"}
    _status, api, _ = call(port, "GET", f"/api/s/{token}")
    assert api == info  # the same as the page's own request for it
    assert service.stats.snapshot()["pages"] == 1


def test_a_refused_link_gets_the_page_with_the_reason_under_its_status(served, store, event,
                                                                       people):
    _service, port = served
    spent = links.issue(store, event.id, people[0].id)
    assert call(port, "POST", f"/api/s/{spent}/sign", sign_body(store, event))[0] == 200
    replaced = links.issue(store, event.id, people[1].id)
    links.issue(store, event.id, people[1].id)
    status, page, headers = call(port, "GET", f"/s/{spent}")
    assert status == 200 and page_data(page)["info"]["status"] == "signed"
    status, page, headers = call(port, "GET", f"/s/{replaced}")
    assert status == 410 and page_data(page)["error"]["code"] == "revoked"
    assert headers["X-Frame-Options"] == "DENY" and headers["Cache-Control"] == "no-store"
    status, page, _ = call(port, "GET", "/s/" + "D" * 22 + "?lang=en")
    assert status == 404 and page_data(page)["error"]["code"] == "unknown"
    assert "Citra" not in page.decode() and "Ani" not in page.decode()
    store.set_archived(event.id)
    status, page, _ = call(port, "GET", f"/s/{spent}")
    assert status == 410 and page_data(page)["error"]["message"].startswith(
        "Acara ini sudah ditutup")


def test_serving_hands_the_interpreter_between_threads_often_and_restores_it(
        store, event, pledged):
    import sys

    before = sys.getswitchinterval()
    thread = ServiceThread(PhoneService(store, event.id), "127.0.0.1", 0)
    thread.start()
    try:
        assert sys.getswitchinterval() <= 0.0005
    finally:
        thread.stop()
    assert sys.getswitchinterval() == before


def test_messages_follow_the_language_asked(store, event, people, pledged):
    service = PhoneService(store, event.id,
                           translate=lambda lang, text: "EN" if lang == "en" else text)
    thread = ServiceThread(service, "127.0.0.1", 0)
    (_, port), *_ = thread.start()
    try:
        _, id_answer, _ = call(port, "GET", "/api/s/" + "C" * 22)
        _, en_answer, _ = call(port, "GET", "/api/s/" + "C" * 22 + "?lang=en")
    finally:
        thread.stop()
    assert id_answer["error"]["message"].startswith("Tautan tanda tangan ini tidak dikenal")
    assert en_answer["error"]["message"] == "EN"


def test_the_apps_english_reaches_the_phone(store, event, people, pledged):
    from ui.cli.phone import english

    service = PhoneService(store, event.id, translate=english)  # what serve and the window use
    thread = ServiceThread(service, "127.0.0.1", 0)
    (_, port), *_ = thread.start()
    try:
        _, api, _ = call(port, "GET", "/api/s/" + "C" * 22 + "?lang=en")
        status, page, _ = call(port, "GET", "/s/" + "C" * 22 + "?lang=en")
    finally:
        thread.stop()
    assert api["error"]["message"] == ("This signing link is not known. Ask for a new link at "
                                       "the registration desk.")
    assert status == 404 and page_data(page)["error"] == api["error"]


def test_a_taken_port_is_an_error_not_a_hang(store, event, pledged):
    first = ServiceThread(PhoneService(store, event.id), "127.0.0.1", 0)
    (_, port), *_ = first.start()
    try:
        with pytest.raises(OSError):
            ServiceThread(PhoneService(store, event.id), "127.0.0.1", port).start()
    finally:
        first.stop()


# -- the headless commands ------------------------------------------------------------------------


def test_serve_and_phone_link_from_the_command_line(db_path, tmp_path):
    import os
    import subprocess
    import sys
    import time
    from pathlib import Path

    from events.store import Store

    root = Path(__file__).resolve().parents[1]
    store = Store.open(db_path)
    event = store.create_event(Event(name="Ikrar CLI", event_date=date(2024, 2, 1)))
    store.add_attendee(event.id, Attendee("Ani", Category.ESELON_III, nip="198609262015051001"))
    use_template(store, event.id, "netralitas_asn_2024")
    env = {**os.environ, "IKRAR_LOG_DIR": str(tmp_path)}
    base = [sys.executable, str(root / "main.py"), "--db", str(db_path)]
    done = subprocess.run([*base, "phone-link", str(event.id), "--nip", "198609262015051001",
                           "--base", "http://127.0.0.1:1", "--json"], capture_output=True,
                          text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    made = json.loads(done.stdout)
    assert made["url"] == "http://127.0.0.1:1/s/" + made["token"]
    proc = subprocess.Popen([*base, "serve", str(event.id), "--host", "127.0.0.1", "--port",
                             "0", "--for-seconds", "30", "--json"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)
    try:
        text = ""
        deadline = time.monotonic() + 30
        while True:
            line = proc.stdout.readline()
            assert line, proc.stderr.read()
            text += line
            if line.startswith("}"):
                break
            assert time.monotonic() < deadline
        serving = json.loads(text)
        assert serving["status"] == "serving" and serving["sealed"] is False
        port = serving["addresses"][0][1]
        assert serving["urls"] == [f"http://127.0.0.1:{port}"]
        status, info, _ = call(port, "GET", f"/api/s/{made['token']}")
        assert (status, info["name"]) == (200, "Ani")
        taken = subprocess.run([*base, "serve", str(event.id), "--host", "127.0.0.1",
                                "--port", str(port), "--for-seconds", "1", "--json"],
                               capture_output=True, text=True, env=env, timeout=60)
        assert taken.returncode == 1
        assert json.loads(taken.stdout)["error"]["code"] == "port_taken"
        proc.terminate()
        assert proc.wait(20) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_the_demo_event_is_served_sealed_with_its_demo_key(db_path, tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "IKRAR_LOG_DIR": str(tmp_path)}
    env.pop("IKRAR_KEY_PASSPHRASE", None)
    base = [sys.executable, str(root / "main.py"), "--db", str(db_path)]
    demo = subprocess.run([*base, "--create", "demo", "--json"], capture_output=True,
                          text=True, env=env, timeout=120)
    assert demo.returncode == 0, demo.stderr
    served = subprocess.run([*base, "serve", str(json.loads(demo.stdout)["id"]), "--host",
                             "127.0.0.1", "--port", "0", "--for-seconds", "0.5", "--json"],
                            capture_output=True, text=True, env=env, timeout=60,
                            stdin=subprocess.DEVNULL)
    assert served.returncode == 0, served.stderr
    assert json.loads(served.stdout)["sealed"] is True  # nothing asked: its passphrase is public


def test_links_travel_with_their_event_to_another_database(store, event, people, pledged,
                                                           tmp_path):
    from events.store import Store
    from pledges.transfer import copy_event

    spent = links.issue(store, event.id, people[0].id)
    by_link(store, event, spent)
    fresh = links.issue(store, event.id, people[1].id)
    other = Store.open(tmp_path / "other.sqlite")
    done = copy_event(store, other, event.id)
    assert done.counts["phone_links"] == 2
    moved = other.get_event(done.event_id)
    link, person = links.resolve(other, moved.id, fresh)
    assert (person.name, link.spent) == ("Budi", False)
    link, person = links.resolve(other, moved.id, spent)
    assert link.spent and link.signature_id == current_signature(
        other, moved.id, person.id).id
