"""A TCP proxy that tests can cut: the network between a desk and the database server.

``cut()`` closes the listening socket and every open connection (what a desk sees when the
server stops or the cable is pulled); ``restore()`` listens again on the same port.
``freeze()`` keeps every connection open but lets nothing through either way (a server that
stopped answering: frozen, or silent behind a dead link); ``thaw()`` lets it all through again.
"""

from __future__ import annotations

import contextlib
import socket
import threading


class TcpProxy:
    def __init__(self, target_host: str, target_port: int):
        self.target = (target_host, target_port)
        self.port = 0
        self._listener: socket.socket | None = None
        self._sockets: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._lose_reply: float | None = None  # seconds to wait before cutting
        self._muted: socket.socket | None = None  # the server side whose answers are dropped
        self._flowing = threading.Event()
        self._flowing.set()
        self.restore()

    def freeze(self) -> None:
        self._flowing.clear()

    def thaw(self) -> None:
        self._flowing.set()

    def restore(self) -> None:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.port = listener.getsockname()[1]
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            for sock in (client, server):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            with self._lock:
                self._sockets |= {client, server}
            for a, b, upstream in ((client, server, True), (server, client, False)):
                threading.Thread(target=self._pipe, args=(a, b, upstream), daemon=True).start()

    def lose_next_reply(self, then_restore: bool = False) -> None:
        """The next message a client sends reaches the server; its answer never comes back:
        the connection breaks first (a commit whose outcome the desk cannot know)."""
        self._then_restore = then_restore
        self._lose_reply = 0.3

    def _pipe(self, source: socket.socket, sink: socket.socket, upstream: bool) -> None:
        try:
            while data := source.recv(65536):
                self._flowing.wait()
                if not upstream and source is self._muted:
                    continue
                if upstream and self._lose_reply is not None:
                    delay, self._lose_reply = self._lose_reply, None
                    # Before the message goes (its answer is fast), and only this connection's
                    # answers: a new connection made as the old ones are cut must be answered.
                    self._muted = sink
                    threading.Timer(delay, self._lost).start()
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def _lost(self) -> None:
        self.cut(refuse=not self._then_restore)
        self._muted = None

    def cut(self, refuse: bool = True) -> None:
        """Break every open connection, and (``refuse``) refuse new ones until restore()."""
        if refuse and self._listener is not None:
            with contextlib.suppress(OSError):  # wakes the thread blocked in accept()
                self._listener.shutdown(socket.SHUT_RDWR)
            self._listener.close()
            self._listener = None
        with self._lock:
            sockets, self._sockets = self._sockets, set()
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def close(self) -> None:
        self.cut()
        self.thaw()  # the pipes waiting to pass data find their sockets closed, and end
