"""serve: the phone signing service for one event; phone-link: a person's personal link.

``serve`` listens on the address the organizer chose (--host, default every address of this
machine's networks; --port, default 8470) until Ctrl+C or SIGTERM (or --for-seconds), sealing
each phone signature with the store's seal key (its passphrase from IKRAR_KEY_PASSPHRASE or
the terminal) when the store has one. With --json it prints one JSON object once it listens.
"""

from __future__ import annotations

import signal
import sys
import threading

from events.i18n import QT_TRANSLATE_NOOP
from ui.cli.common import CommandError, open_event, tr, unlock
from ui.cli.desk import desk_and_person

DEFAULT_PORT = 8470

TEXTS = {
    "serving": QT_TRANSLATE_NOOP("Cli", "Layanan tanda tangan ponsel untuk {event} aktif di: "
                                 "{urls}\nTekan Ctrl+C untuk berhenti."),
    "link": QT_TRANSLATE_NOOP("Cli", "Tautan tanda tangan pribadi untuk {name}: {url}"),
    "port_taken": QT_TRANSLATE_NOOP("Cli", "Alamat {host}:{port} tidak dapat dipakai: {detail}"),
}


def english(language: str, text: str) -> str:
    """The page's messages in the language it asks for, from the app's catalogue."""
    from ui.cli.common import _english

    if language != "en":
        return text
    return _english().get(("Texts", text)) or text


def base_urls(addresses: list[tuple[str, int]]) -> list[str]:
    """The service's addresses as URLs a phone can open (every local address when bound to
    all of them)."""
    from pledges.phone.network import local_addresses

    urls = []
    for host, port in addresses:
        hosts = local_addresses() if host in ("0.0.0.0", "::") else [host]
        for one in hosts:
            urls.append(f"http://[{one}]:{port}" if ":" in one else f"http://{one}:{port}")
    return list(dict.fromkeys(urls))


def cmd_serve(args, out) -> int:
    from pledges.keys import key_info
    from pledges.phone.service import PhoneService, ServiceThread

    store, event = open_event(args)
    seal_key = unlock(store) if key_info(store) is not None else None
    if seal_key is None and event.is_demo:
        # The demo event, before the organizer has a key of their own, seals with its own
        # demo key (its passphrase is public), as its documents do.
        from pledges.demo import demo_key

        seal_key = demo_key(store)
    service = PhoneService(store, event.id, seal_key=seal_key, translate=english)
    thread = ServiceThread(service, args.host, args.port)
    try:
        addresses = thread.start()
    except OSError as error:
        raise CommandError("port_taken", tr(TEXTS["port_taken"]).format(
            host=args.host, port=args.port, detail=error.strerror or error)) from error
    stop = threading.Event()
    for name in ("SIGINT", "SIGTERM"):
        signal.signal(getattr(signal, name), lambda *_: stop.set())
    urls = base_urls(addresses)
    out.result({"status": "serving", "event": event.to_dict(), "sealed": seal_key is not None,
                "addresses": [list(a) for a in addresses], "urls": urls},
               tr(TEXTS["serving"]).format(event=event.name, urls=", ".join(urls)))
    sys.stdout.flush()
    try:
        stop.wait(args.for_seconds)
    finally:
        thread.stop()
    return 0


def cmd_phone_link(args, out) -> int:
    from pledges.phone.links import issue

    desk, person = desk_and_person(args)
    token = issue(desk.store, desk.event_id, person.id)
    base = (args.base or f"http://127.0.0.1:{DEFAULT_PORT}").rstrip("/")
    url = f"{base}/s/{token}"
    out.result({"attendee": person.to_dict(), "token": token, "url": url},
               tr(TEXTS["link"]).format(name=person.name, url=url))
    return 0
