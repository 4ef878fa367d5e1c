"""Serving a simulator on loopback in a background thread, and the request handler it serves with.

A simulator accepts the demo tokens every test knows, so it must never be reachable from another
machine: :func:`check_address` refuses any host that is not loopback before a socket is bound.
Tests and benchmarks start, drive and stop one in-process (:class:`BackgroundServer`), and clients
hang up mid-answer on purpose (timeouts, dropped connections), so a reset connection is quiet:
nothing of it reaches stderr, which a parent process may be asserting is empty.
"""

from __future__ import annotations

import ipaddress
import socket
import sys
import threading
import time
from collections.abc import Iterable, Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Generic, NamedTuple, TypeVar
from urllib.parse import urlsplit

from .fault_board import Fault
from .request_log import RequestLog

CONTROL_PREFIX = "/_sim/"
"""Paths under this prefix are test controls (see :mod:`.controls`), not the simulated API."""

ServerT = TypeVar("ServerT", bound="BackgroundServer")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_address(host: str, port: int, names: tuple[str, str] = ("host", "port")) -> None:
    """Raise ``ValueError`` (one line saying why) unless ``host`` is loopback and ``port`` is 0-65535.

    ``names`` are what the caller calls the two (the runner says ``--host``/``--port``).
    """
    if not is_loopback(host):
        raise ValueError(f"refusing to bind {names[0]} {host!r}: the simulator only listens on loopback")
    if not 0 <= port <= 65535:
        raise ValueError(f"{names[1]} {port} is out of range 0-65535")


class BackgroundServer:
    """An HTTP service on a loopback ``host:port``, served by ``handler`` in a background thread.

    ``start()`` binds (port 0 picks a free one), sets ``url`` and ``port`` and returns the server;
    ``stop()`` shuts it down (a no-op when not started). Also a context manager. Each connection's
    handler reaches this object as ``handler.sim``.
    """

    def __init__(self, host: str, port: int, handler: type[RequestHandler[Any]], thread_name: str) -> None:
        port = int(port)
        check_address(host, port)
        self.host = host
        self.port = port
        self.url: str | None = None
        self._handler = handler
        self._thread_name = thread_name
        self._server: _ThreadedServer | None = None
        self._thread: threading.Thread | None = None

    def start(self: ServerT) -> ServerT:
        if self._server is not None:
            raise RuntimeError("simulator already started")
        server = _ThreadedServer((self.host, self.port), self._handler, self)
        self._server = server
        self.port = server.server_address[1]
        self.url = f"http://{f'[{self.host}]' if ':' in self.host else self.host}:{self.port}"
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, name=self._thread_name, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        server, thread = self._server, self._thread
        if server is None:
            return
        server.shutdown()
        server.server_close()
        if thread is not None:
            thread.join(timeout=5)
        self._server = self._thread = None

    def __enter__(self: ServerT) -> ServerT:
        return self.start() if self._server is None else self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


class _ThreadedServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], handler: type[RequestHandler[Any]], owner: BackgroundServer) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.owner = owner
        super().__init__(address, handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hung up is no news; anything else is a simulator bug and is reported."""
        if not isinstance(sys.exc_info()[1], OSError):
            super().handle_error(request, client_address)


class StreamedBody(NamedTuple):
    """A body written chunk by chunk (a large file), with its length known up front."""

    chunks: Iterable[bytes]
    length: int


class _Dropped(Exception):
    """The connection was closed on purpose: the request ends without an answer."""


class RequestHandler(BaseHTTPRequestHandler, Generic[ServerT]):
    """One connection (keep-alive, so benchmark clients can reuse it) of a simulator.

    Reads the body, sends ``/_sim/<action>`` to :meth:`control` and everything else to
    :meth:`serve`; a subclass implements both for its platform and answers with :meth:`send`.
    """

    protocol_version = "HTTP/1.1"
    server: _ThreadedServer

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        """Silence per-request logging: a simulator's stdout carries only its JSON line."""

    def handle(self) -> None:
        try:
            super().handle()
        except OSError:  # the client reset or timed out: nothing to answer, nothing to report
            self.close_connection = True

    @property
    def sim(self) -> ServerT:
        return self.server.owner  # type: ignore[return-value]

    def do_GET(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def do_PUT(self) -> None:
        self._dispatch()

    def do_PATCH(self) -> None:
        self._dispatch()

    def do_DELETE(self) -> None:
        self._dispatch()

    def _dispatch(self) -> None:
        split = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length > 0 else b""
        if split.path.startswith(CONTROL_PREFIX):
            self.control(split.path[len(CONTROL_PREFIX) :], body)
        else:
            try:
                self.serve(split.path, split.query, body)
            except _Dropped:
                pass

    def control(self, action: str, body: bytes) -> None:
        """Answer the test control ``/_sim/<action>`` (see :mod:`.controls`)."""
        raise NotImplementedError

    def serve(self, path: str, query: str, body: bytes) -> None:
        """Answer an API request: ``path`` without the query, ``query`` still URL-encoded."""
        raise NotImplementedError

    def send(
        self, status: int, body: bytes | StreamedBody, headers: Mapping[str, str], *, truncate: bool = False
    ) -> None:
        """Answer ``status`` with ``headers`` (Content-Type among them) and ``body``; Content-Length is added.

        ``truncate`` promises the whole body but sends only its first half and closes the connection,
        as a download cut off mid-way looks to a client.
        """
        length = body.length if isinstance(body, StreamedBody) else len(body)
        chunks = body.chunks if isinstance(body, StreamedBody) else (body,)
        self.send_response(status)
        self.send_header("Content-Length", str(length))
        for name, value in headers.items():
            self.send_header(name, value)
        if truncate:
            self.send_header("Connection", "close")
        self.end_headers()
        if truncate:
            self.wfile.write(b"".join(chunks)[: length // 2])
            self.wfile.flush()
            self.drop()
            return
        for chunk in chunks:
            self.wfile.write(chunk)

    def connection_fault(
        self, fault: Fault | None, log: RequestLog, entry: dict[str, Any], *, delay_param: str
    ) -> Fault | None:
        """Carry out a fault that acts on the connection rather than the answer; return any other fault.

        ``drop_connection`` logs ``entry`` as it stands and closes the socket without a byte of
        answer, which ends the request (:meth:`serve` returns at once). ``slow`` sleeps
        ``params[delay_param]`` seconds, then the request is answered normally.
        """
        if fault is None:
            return None
        if fault.kind == "drop_connection":
            log.request(entry)
            self.drop()
            raise _Dropped
        if fault.kind == "slow":
            time.sleep(fault.params[delay_param])
            return None
        return fault

    def drop(self) -> None:
        """Close the socket without a byte of response, like a reset connection."""
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
