"""The phone signing service: an aiohttp application serving one event's personal links.

Routes (everything else is 404):

    GET  /s/{token}            the phone page (one HTML file, no outside resources) carrying
                               its person's data as below, or why the link is refused (under
                               the refusal's status): one request per phone
    GET  /api/s/{token}        that data alone: who signs (name and category only), the pledge
                               text verbatim with its version, the personal-data notice
    POST /api/s/{token}/sign   {"strokes", "width", "height", "pledge_hash", "consent_version",
                               "key"}: 200 {"status": "signed", "repeated"} once committed
    GET  /ping                 {"ok": true}: what the app's address check asks

Answers never tell anything about another person: an unknown token, a malformed one and another
event's all answer 404 alike. Each address may fail a token check ``FAILURES_ALLOWED`` times a
minute, then gets 429. Bodies over ``MAX_BODY`` bytes get 413; bad JSON or strokes 400; a
refused signature 4xx with its message; nothing of a refused request is stored. Every answer
carries headers that keep the page out of frames, caches and referrers.

The database work runs in a small thread pool (the store is blocking); :class:`ServiceThread`
runs the whole service on an event loop of its own thread, beside a GUI, and stops it cleanly.
"""

from __future__ import annotations

import asyncio
import json
import math
import sys
import threading
import time
from collections import deque
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aiohttp import web

from events.dates import format_long_date
from events.i18n import QT_TRANSLATE_NOOP
from events.store import Store, StoreError
from pledges.phone import links
from pledges.signatures import SignatureRefused
from pledges.texts import CONSENT_VERSION, consent_text, event_pledge

if TYPE_CHECKING:
    from pledges.keys import SealKey

__all__ = ["MAX_BODY", "PhoneService", "ServiceThread", "Stats", "page_bytes"]

PAGE = Path(__file__).resolve().parents[2] / "resources" / "phone" / "sign.html"
DATA_MARK = b"/*IKRAR_DATA*/"  # where the page carries its person's data
MAX_BODY = 256 * 1024  # a 300-point signature is about 10 KB of JSON
MAX_STROKES = 200
MAX_POINTS = 20_000
PAD_LIMITS = (50, 4000)  # the pad's CSS size in pixels, each side
FAILURES_ALLOWED = 20  # token checks that failed, per address and minute
FAILURE_WINDOW = 60.0
EVENT_SECONDS = 2.0  # how long the event's part of the page is reused
SWITCH_INTERVAL = 0.0005  # seconds; see ServiceThread

HEADERS = {
    "Cache-Control": "no-store",
    "Pragma": "no-cache",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": ("default-src 'none'; script-src 'unsafe-inline'; "
                                "style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' "
                                "data:; frame-ancestors 'none'; base-uri 'none'; "
                                "form-action 'none'"),
}

STATUS = {
    "unknown": 404, "revoked": 410, "spent": 410, "closed": 410, "already_signed": 409,
    "consent_changed": 409, "pledge_changed": 409, "no_pledge": 409, "bad_key": 400,
    "empty": 422, "dot": 422, "line": 422, "bad_pad": 422, "attendee_not_found": 404,
}

Translate = Callable[[str, str], str]  # (language "id"/"en", Indonesian text) -> text


def page_bytes() -> bytes:
    return PAGE.read_bytes()


@dataclass
class Stats:
    """Live counts for the organizer's window (read from any thread)."""

    pages: int = 0
    signed: int = 0
    repeated: int = 0
    refused: int = 0
    limited: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def add(self, name: str) -> None:
        with self.lock:
            setattr(self, name, getattr(self, name) + 1)

    def snapshot(self) -> dict[str, int]:
        with self.lock:
            return {"pages": self.pages, "signed": self.signed, "repeated": self.repeated,
                    "refused": self.refused, "limited": self.limited}


class _BadRequest(Exception):
    def __init__(self, code: str, message: str, status: int = 400):
        super().__init__(message)
        self.code, self.message, self.status = code, message, status


def _number(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _BadRequest("bad_strokes", "stroke points must be numbers")
    number = float(value)
    if not math.isfinite(number) or abs(number) > 1e7:
        raise _BadRequest("bad_strokes", "stroke points must be finite")
    return number


def parse_strokes(value: object) -> list[list[tuple[float, ...]]]:
    """The strokes of a request body, checked for shape and size (400 otherwise)."""
    if not isinstance(value, list) or len(value) > MAX_STROKES:
        raise _BadRequest("bad_strokes", "strokes must be a list of at most "
                          f"{MAX_STROKES} strokes")
    out: list[list[tuple[float, ...]]] = []
    total = 0
    for stroke in value:
        if not isinstance(stroke, list):
            raise _BadRequest("bad_strokes", "a stroke must be a list of points")
        total += len(stroke)
        if total > MAX_POINTS:
            raise _BadRequest("bad_strokes", f"at most {MAX_POINTS} points", 413)
        points = []
        for point in stroke:
            if not isinstance(point, list) or not 2 <= len(point) <= 4:
                raise _BadRequest("bad_strokes", "a point is [x, y, t, pressure]")
            points.append(tuple(_number(v) for v in point))
        out.append(points)
    return out


def _pad_side(value: object) -> int:
    side = _number(value)
    if not PAD_LIMITS[0] <= side <= PAD_LIMITS[1]:
        raise _BadRequest("bad_pad", "the pad's size is out of range")
    return int(round(side))


class PhoneService:
    """The aiohttp application for one event.

    Args:
        store: the event's store (blocking; used from the service's thread pool).
        event_id: the event whose links it serves; any other event's link is unknown here.
        seal_key: the unlocked seal key, so phone signatures are sealed like the desk's; or a
            function giving it (None while locked), asked at each signature.
        translate: the messages in English for ``?lang=en`` (Indonesian is the source).
        on_signed: called (on the service's thread) with the signature record after each
            commit.
    """

    def __init__(self, store: Store, event_id: int, *,
                 seal_key: SealKey | Callable[[], SealKey | None] | None = None,
                 translate: Translate | None = None,
                 on_signed: Callable[[Any], None] | None = None, workers: int = 4):
        self.store = store
        self.event_id = event_id
        self.seal_key = seal_key
        self.translate: Translate = translate or (lambda _language, text: text)
        self.on_signed = on_signed
        self.stats = Stats()
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="ikrar-phone")
        # Signatures are written one at a time: a crowd of phones then never queues several
        # writers in front of the desk's own check-ins (on SQLite, one writer at a time anyway).
        self.writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ikrar-phone-write")
        self.page_head, self.page_tail = page_bytes().split(DATA_MARK, 1)
        self.failures: dict[str, deque[float]] = {}
        self._cached: tuple[float, bytes] | None = None
        # The page's read of its person, on the loop's own connection (SQLite only; see _read).
        self.reader = None if store.is_server else links.SignerReader(store)

    # -- plumbing --------------------------------------------------------------------------------

    def app(self) -> web.Application:
        application = web.Application(client_max_size=MAX_BODY,
                                      middlewares=[self._headers_middleware])
        application.router.add_get("/s/{token}", self.page_handler)
        application.router.add_get("/api/s/{token}", self.info_handler)
        application.router.add_post("/api/s/{token}/sign", self.sign_handler)
        application.router.add_get("/ping", self.ping_handler)
        application.router.add_get("/", self.index_handler)
        application.on_cleanup.append(self._cleanup)
        return application

    async def _cleanup(self, _app: web.Application) -> None:
        if self.reader is not None:
            self.reader.close()
        self.pool.shutdown(wait=True)
        self.writer.shutdown(wait=True)

    @web.middleware
    async def _headers_middleware(
            self, request: web.Request,
            handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        try:
            response = await handler(request)
        except web.HTTPException as error:
            error.headers.update(HEADERS)
            raise
        response.headers.update(HEADERS)
        return response

    async def _run(self, function: Callable[..., Any], *args: Any,
                   executor: ThreadPoolExecutor | None = None, **kwargs: Any) -> Any:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(executor or self.pool,
                                          lambda: function(*args, **kwargs))

    async def _read(self, function: Callable[..., Any], *args: Any) -> Any:
        """A short read for a page: on a local SQLite file it answers in a fraction of a
        millisecond and never waits for a writer (WAL), so it runs here on the loop (through
        the loop's own connection, ``reader``), sparing a crowd's worth of hand-offs to the
        pool and back; on a server (a network round trip) it goes to the pool."""
        if self.store.is_server:
            return await self._run(function, *args)
        return function(*args)

    def _seal_key(self) -> SealKey | None:
        return self.seal_key() if callable(self.seal_key) else self.seal_key

    def _language(self, request: web.Request) -> str:
        return "en" if request.query.get("lang") == "en" else "id"

    def _error(self, request: web.Request, status: int, code: str,
               message: str) -> web.Response:
        self.stats.add("refused")
        return web.json_response({"error": {"code": code, "message": message}}, status=status)

    def _refused(self, request: web.Request, error: StoreError) -> web.Response:
        status, payload = self._refusal(request, error)
        return web.json_response(payload, status=status)

    def _refusal(self, request: web.Request,
                 error: StoreError) -> tuple[int, dict[str, dict[str, str]]]:
        """The status and body of a refused link or signature, in the language asked (an
        unknown link counts against the address)."""
        language = self._language(request)
        template = type(error).template(error.code)
        if template is None:
            message = error.message
        else:
            try:
                message = self.translate(language, template).format(
                    detail=error.detail, value=error.value)
            except (KeyError, IndexError, ValueError):
                message = error.message
        if error.code == "unknown":
            self._failed(request)
        self.stats.add("refused")
        return STATUS.get(error.code, 503), {"error": {"code": error.code, "message": message}}

    def _address(self, request: web.Request) -> str:
        return request.remote or "?"

    def _limited(self, request: web.Request) -> bool:
        times = self.failures.get(self._address(request))
        if not times:
            return False
        cutoff = time.monotonic() - FAILURE_WINDOW
        while times and times[0] < cutoff:
            times.popleft()
        return len(times) >= FAILURES_ALLOWED

    def _failed(self, request: web.Request) -> None:
        self.failures.setdefault(self._address(request), deque()).append(time.monotonic())

    def _too_many(self, request: web.Request) -> web.Response | None:
        if not self._limited(request):
            return None
        self.stats.add("limited")
        message = self.translate(self._language(request), _TOO_MANY)
        return web.json_response({"error": {"code": "too_many", "message": message}},
                                 status=429, headers={"Retry-After": "60"})

    # -- handlers --------------------------------------------------------------------------------

    async def index_handler(self, request: web.Request) -> web.Response:
        """The address alone (the organizer's QR): where a person's own link comes from."""
        return web.Response(text=_INDEX, content_type="text/html", charset="utf-8")

    async def ping_handler(self, request: web.Request) -> web.Response:
        return web.json_response({"ok": True})

    async def page_handler(self, request: web.Request) -> web.Response:
        """The page with its person's data in it (one request per phone, no second round trip
        for the JSON): the cached HTML around the person's name and category and the event's
        cached part. A refused link gets the page with the reason, under the refusal's
        status."""
        limited = self._too_many(request)
        if limited is not None:
            return limited
        token = request.match_info["token"]
        if not links.TOKEN_PATTERN.fullmatch(token):
            self._failed(request)
            raise web.HTTPNotFound()
        try:
            data, status = await self._read(self._info_json, token), 200
            data = b'{"info":' + data + b"}"
        except StoreError as error:
            status, payload = self._refusal(request, error)
            data = json.dumps(payload).encode()
        self.stats.add("pages")
        # Inside <script>: nothing in the data may close the element or open a comment.
        data = (data.replace(b"<", b"\\u003c").replace(b">", b"\\u003e")
                .replace(b"&", b"\\u0026"))
        return web.Response(body=self.page_head + data + self.page_tail, status=status,
                            content_type="text/html", charset="utf-8")

    def _event_part(self) -> bytes:
        """What every person's page shows alike (the event, its pledge text, the notice) as
        JSON members, read and serialized at most every EVENT_SECONDS: 300 phones opening
        their links at once cost 300 reads of one row each, not 300 of the event and its
        text. A text changed meanwhile is still caught when signing (the version shown is
        checked then: "pledge_changed")."""
        cached = self._cached
        if cached is not None and cached[0] > time.monotonic():
            return cached[1]
        event = self.store.get_event(self.event_id)
        version = event_pledge(self.store, self.event_id)
        if version is None:
            raise SignatureRefused("no_pledge")
        text = version.text
        part = {
            "event": {"name": event.name, "date": format_long_date(event.event_date)},
            "pledge": {"title": text.title, "opening": text.opening,
                       "points": list(text.points), "closing": text.closing,
                       "hash": version.hash, "code": version.hash[:12]},
            "consent": {"text": consent_text(event), "version": CONSENT_VERSION},
        }
        members = json.dumps(part).encode()[1:-1]
        self._cached = (time.monotonic() + EVENT_SECONDS, members)
        return members

    def _info_json(self, token: str) -> bytes:
        """The person's page data as a JSON object: name and category only, the event's part,
        and whether the link is spent."""
        person = links.signer(self.store, self.event_id, token, self.reader)
        own = json.dumps({"name": person.name, "category": person.category.label,
                          "status": "signed" if person.spent else "open"}).encode()
        return own[:-1] + b"," + self._event_part() + b"}"

    async def info_handler(self, request: web.Request) -> web.Response:
        limited = self._too_many(request)
        if limited is not None:
            return limited
        try:
            data = await self._read(self._info_json, request.match_info["token"])
        except StoreError as error:
            return self._refused(request, error)
        return web.Response(body=data, content_type="application/json")

    async def sign_handler(self, request: web.Request) -> web.Response:
        limited = self._too_many(request)
        if limited is not None:
            return limited
        if request.content_length is not None and request.content_length > MAX_BODY:
            return self._error(request, 413, "too_large", "request body too large")
        try:
            body = json.loads(await request.read())
            if not isinstance(body, dict):
                raise _BadRequest("bad_json", "the body must be a JSON object")
            strokes = parse_strokes(body.get("strokes"))
            width, height = _pad_side(body.get("width")), _pad_side(body.get("height"))
            pledge_hash = body.get("pledge_hash")
            consent = body.get("consent_version")
            key = body.get("key")
            if not isinstance(pledge_hash, str) or not isinstance(consent, str) \
                    or not isinstance(key, str):
                raise _BadRequest("bad_json", "pledge_hash, consent_version and key are needed")
        except web.HTTPRequestEntityTooLarge:
            return self._error(request, 413, "too_large", "request body too large")
        except (ValueError, UnicodeDecodeError):
            return self._error(request, 400, "bad_json", "the body is not JSON")
        except _BadRequest as bad:
            return self._error(request, bad.status, bad.code, bad.message)
        agent = request.headers.get("User-Agent", "")
        try:
            result = await self._run(
                links.sign_with_link, self.store, self.event_id, request.match_info["token"],
                strokes, width, height, key=key, user_agent=agent, pledge_hash=pledge_hash,
                consent_version=consent, seal_key=self._seal_key(), executor=self.writer)
        except StoreError as error:
            return self._refused(request, error)
        self.stats.add("repeated" if result.repeated else "signed")
        if not result.repeated and self.on_signed is not None:
            self.on_signed(result.signature)
        return web.json_response({"status": "signed", "repeated": result.repeated,
                                  "signature_id": result.signature.id})


_TOO_MANY = QT_TRANSLATE_NOOP("Texts", "Terlalu banyak percobaan dari perangkat ini. "
                                    "Tunggu satu menit, lalu coba lagi.")


_INDEX = ("<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
          "content=\"width=device-width, initial-scale=1\"><title>Ikrar</title></head>"
          "<body style=\"font:18px/1.5 system-ui,sans-serif;margin:24px\"><p>Layanan tanda "
          "tangan ikrar aktif. Pindai QR pribadi Anda yang ditampilkan di meja registrasi.</p>"
          "<p lang=\"en\">The pledge signing service is running. Scan your own QR code shown "
          "at the registration desk.</p></body></html>")


class ServiceThread:
    """The service on an event loop of its own thread: :meth:`start` returns once it listens
    (or raises OSError, e.g. the port is taken); :meth:`stop` closes it and waits.

    While it serves, the interpreter is handed between threads every ``SWITCH_INTERVAL``
    seconds instead of Python's 5 ms: the service's threads (parsing and sealing signatures)
    share the interpreter with the desk's and the window's, and a desk's check-in, which lets
    go of it at each of its statements, would otherwise wait up to 5 ms to get it back each
    time: tens of milliseconds per check-in while a crowd signs."""

    def __init__(self, service: PhoneService, host: str, port: int):
        self.service, self.host, self.port = service, host, port
        self.loop: asyncio.AbstractEventLoop | None = None
        self.thread: threading.Thread | None = None
        self.runner: web.AppRunner | None = None
        self.addresses: list[tuple[str, int]] = []
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self._switch: float | None = None

    def start(self, timeout: float = 10.0) -> list[tuple[str, int]]:
        self._switch = sys.getswitchinterval()
        sys.setswitchinterval(min(self._switch, SWITCH_INTERVAL))
        self.thread = threading.Thread(target=self._main, name="ikrar-phone-service",
                                       daemon=True)
        self.thread.start()
        if not self._ready.wait(timeout):
            self._restore()
            raise OSError("the phone service did not start")
        if self._error is not None:
            self._restore()
            raise self._error
        return self.addresses

    def _restore(self) -> None:
        if self._switch is not None:
            sys.setswitchinterval(self._switch)
            self._switch = None

    def _main(self) -> None:
        self.loop = asyncio.new_event_loop()
        asyncio.set_event_loop(self.loop)
        try:
            self.loop.run_until_complete(self._open())
        except BaseException as error:  # handed to start()
            self._error = error
            self._ready.set()
            self.loop.close()
            return
        self._ready.set()
        try:
            self.loop.run_forever()
        finally:
            self.loop.run_until_complete(self._close())
            self.loop.close()

    async def _open(self) -> None:
        self.runner = web.AppRunner(self.service.app(), access_log=None, shutdown_timeout=2.0)
        await self.runner.setup()
        site = web.TCPSite(self.runner, self.host, self.port, backlog=512)
        await site.start()
        self.addresses = [(str(a[0]), int(a[1])) for a in self.runner.addresses]

    async def _close(self) -> None:
        if self.runner is not None:
            await self.runner.cleanup()

    def stop(self, timeout: float = 10.0) -> None:
        if self.loop is not None and self.thread is not None and self.thread.is_alive():
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(timeout)
        self._restore()
