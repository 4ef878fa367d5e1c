"""The HTTP front of the simulator: the request pipeline, the controls and the Python API.

Two route families:

* ``/vNN.0/...`` - the Graph API. Each request is matched to a node read or edge of Meta's
  description and checked (violations are recorded whatever the answer); then an armed fault
  may answer instead; then the token (190) and ``appsecret_proof`` (100) are checked; then
  violations answer 400 code 100; only then does :mod:`.graph_api` answer from the data.
* ``/_sim/...`` - test controls, neither validated nor recorded: ``GET requests``, ``GET
  violations``, ``GET health``, ``POST reset``, ``POST expire-token``, ``POST faults`` (JSON
  ``{"kind": ..., ...params}``), ``POST latency`` (JSON ``{"seconds": x}``).

Every API answer carries ``facebook-api-version`` (the version in the path), a unique
``x-fb-trace-id`` (also ``error.fbtrace_id`` in error bodies), ``x-fb-rev``, ``x-fb-debug``
and the usage headers of :mod:`.usage_headers`.
"""

from __future__ import annotations

import ipaddress
import itertools
import json
import os
import secrets
import socket
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from .dataset import Dataset
from .description import Description
from .fault_board import REQUEST_KINDS, FaultBoard
from .graph_api import Answer, Call, GraphApi, Prepared, dumps
from .report_jobs import ReportJobs
from .request_log import RequestLog
from .tokens import TokenStore
from .usage_headers import UsageMeter

DEFAULT_VERSION = "v25.0"
FB_REV = "1019338472"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class Simulator:
    """A local Meta Graph / Marketing API that tests, demos and benchmarks can drive and inspect.

    ``start()`` serves on ``host:port`` (port 0 picks a free one) in a background thread and
    sets ``url``/``port``; ``stop()`` shuts it down. Also a context manager.
    """

    def __init__(
        self,
        description_dir: str | os.PathLike[str] | None = None,
        seed: int = 0,
        report_polls: int = 2,
        host: str = "127.0.0.1",
        port: int = 0,
        require_appsecret_proof: bool = False,
    ) -> None:
        if not is_loopback(host):
            raise ValueError(f"refusing to bind {host!r}: the simulator only listens on loopback")
        if not 0 <= int(port) <= 65535:
            raise ValueError(f"port {port} is out of range 0-65535")
        self.host = host
        self.port = int(port)
        self.url: str | None = None
        self.description = Description.load(description_dir)
        self.dataset = Dataset(seed=seed)
        self.faults = FaultBoard()
        self.tokens = TokenStore()
        self.jobs = ReportJobs(polls_needed=report_polls, seed=seed)
        self.log = RequestLog()
        self.usage = UsageMeter()
        self.api = GraphApi(
            self.description, self.dataset, self.jobs, self.faults, self.tokens, require_appsecret_proof
        )
        self._latency = 0.0
        self._trace_prefix = secrets.token_urlsafe(6).replace("-", "A").replace("_", "B")
        self._traces = itertools.count(1)
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    # --- lifecycle ---------------------------------------------------------------------------------

    def start(self) -> Simulator:
        if self._server is not None:
            raise RuntimeError("simulator already started")
        server = _Server((self.host, self.port), _Handler)
        server.simulator = self
        self._server = server
        self.port = server.server_address[1]
        self.url = f"http://{self.host}:{self.port}"
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="meta-simulator", daemon=True
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

    def __enter__(self) -> Simulator:
        return self.start() if self._server is None else self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # --- controls --------------------------------------------------------------------------------------

    def requests(self) -> list[dict[str, Any]]:
        """Recorded API requests, oldest first: method, path, query, form, status (+ trace_id, version)."""
        return self.log.requests()

    def violations(self) -> list[dict[str, Any]]:
        """Every problem found in a request: method, path, message (+ query, form)."""
        return self.log.violations()

    def reset(self) -> None:
        """Forget requests, violations, faults, report runs, usage and token expiry (data and latency stay)."""
        self.log.clear()
        self.faults.clear()
        self.jobs.clear()
        self.tokens.reset()
        self.usage.reset()

    def add_fault(self, kind: str, **params: Any) -> dict[str, Any]:
        """Arm a fault (see :mod:`.fault_board`; ``count`` and ``path`` are optional); returns it."""
        count = params.pop("count", 1)
        path = params.pop("path", None)
        return self.faults.add(kind, count, path, **params).to_dict()

    def expire_token(self) -> None:
        """From now on the access token answers 190/463 "Session has expired" (until ``reset()``)."""
        self.tokens.expire()

    def set_latency(self, seconds: float) -> None:
        """Sleep ``seconds`` before answering each API request (0 turns it off)."""
        if isinstance(seconds, bool) or not isinstance(seconds, int | float) or seconds < 0:
            raise ValueError("latency seconds must be a non-negative number")
        self._latency = float(seconds)

    def health(self) -> dict[str, Any]:
        ds = self.dataset
        return {
            "ok": True,
            "url": self.url,
            "user_id": ds.user_id,
            "business_ids": list(ds.business_ids),
            "ad_account_ids": list(ds.account_ids),
            "faults": self.faults.pending(),
            "latency": self._latency,
        }

    def next_trace_id(self) -> str:
        return f"A{self._trace_prefix}{next(self._traces):07d}"


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    simulator: Simulator

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Stay quiet when a client drops its connection; nothing of the simulator goes to stderr."""


class _Handler(BaseHTTPRequestHandler):
    """One connection; keep-alive, so benchmark clients can reuse it."""

    protocol_version = "HTTP/1.1"
    server_version = "MetaGraphSimulator/0.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        """Silence per-request logging: the CLI's stdout carries only its JSON line."""

    def handle(self) -> None:
        try:
            super().handle()
        except (ConnectionError, TimeoutError, OSError):
            self.close_connection = True

    def do_GET(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def do_DELETE(self) -> None:
        self._dispatch()

    def do_PUT(self) -> None:
        self._dispatch()

    def do_PATCH(self) -> None:
        self._dispatch()

    @property
    def sim(self) -> Simulator:
        return self.server.simulator

    def _dispatch(self) -> None:
        split = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length > 0 else b""
        if split.path.startswith("/_sim/"):
            self._control(split.path[len("/_sim/") :], body)
        else:
            self._api(split.path, split.query, body)

    # --- the Graph API -----------------------------------------------------------------------------------

    def _api(self, path: str, raw_query: str, body: bytes) -> None:
        sim = self.sim
        trace = sim.next_trace_id()
        if sim._latency:
            time.sleep(sim._latency)
        content_type = self.headers.get("Content-Type")
        query = dict(parse_qsl(raw_query, keep_blank_values=True))
        form: dict[str, str] = {}
        if body and (content_type or "").split(";")[0].strip().lower() == "application/x-www-form-urlencoded":
            form = dict(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
        host = self.headers.get("Host") or f"{sim.host}:{sim.port}"
        call = Call(
            method=self.command,
            path=path,
            query=query,
            form=form,
            content_type=content_type,
            has_body=bool(body),
            authorization=self.headers.get("Authorization"),
            base_url=f"http://{host}",
        )
        found = sim.api.prepare(call)
        for message in found.violations:
            sim.log.violation(self.command, path, message, query, form)
        entry: dict[str, Any] = {
            "method": self.command,
            "path": path,
            "query": query,
            "form": form,
            "status": None,
            "trace_id": trace,
            "version": found.version,
            "has_authorization": call.authorization is not None,
        }
        fault = sim.faults.take(path, REQUEST_KINDS)
        if fault is not None and fault.kind == "drop_connection":
            sim.log.request(entry)
            self._drop()
            return
        if fault is not None and fault.kind == "slow":
            time.sleep(fault.params["seconds"])
            fault = None
        throttled = None
        if fault is not None and fault.kind != "truncated_body":
            status, error = fault.response()
            answer = Answer(status, {"error": error})
            if fault.kind == "rate_limit":
                throttled = fault.params["estimated_time_to_regain_access"]
        else:
            try:
                answer = sim.api.answer(call, found)
            except Exception as error:  # a simulator bug: say so in the answer rather than dropping the connection
                message = f"simulator error: {type(error).__name__}: {error}"
                answer = Answer(500, {"error": {"message": message, "type": "OAuthException", "code": 1}})
            for message in answer.violations:
                sim.log.violation(self.command, path, message, query, form)
        headers = self._graph_headers(found, trace, answer, throttled)
        body_out = answer.body
        if isinstance(body_out, dict) and isinstance(body_out.get("error"), dict):
            body_out = {"error": {**body_out["error"], "fbtrace_id": trace}}
        # Recorded before answering, so a client that has its answer always finds its request logged.
        sim.log.request({**entry, "status": answer.status})
        data = dumps(body_out)
        if fault is not None and fault.kind == "truncated_body":
            self._send(answer.status, data, headers, truncate=True)
        else:
            self._send(answer.status, data, headers)

    def _graph_headers(self, found: Prepared, trace: str, answer: Answer, throttled: float | None) -> dict[str, str]:
        headers = {
            "facebook-api-version": found.version or DEFAULT_VERSION,
            "x-fb-trace-id": trace,
            "x-fb-rev": FB_REV,
            "x-fb-debug": f"sim/{trace}",
            "Cache-Control": "private, no-cache, no-store, must-revalidate",
        }
        headers.update(self.sim.usage.headers(found.owner, found.insights, throttled))
        error = answer.body.get("error") if isinstance(answer.body, dict) else None
        if isinstance(error, dict) and error.get("code") == 190:
            headers["WWW-Authenticate"] = f'OAuth "Facebook Platform" "invalid_token" "{error["message"]}"'
        return headers

    def _drop(self) -> None:
        """Close the socket without a byte of response, like a reset connection."""
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    # --- /_sim controls ----------------------------------------------------------------------------------

    def _control(self, action: str, body: bytes) -> None:
        sim = self.sim
        routes: dict[tuple[str, str], Callable[[], Any]] = {
            ("GET", "requests"): sim.requests,
            ("GET", "violations"): sim.violations,
            ("GET", "health"): sim.health,
            ("POST", "reset"): lambda: _ok(sim.reset),
            ("POST", "expire-token"): lambda: _ok(sim.expire_token),
            ("POST", "faults"): lambda: {"fault": sim.add_fault(**_object(body, "kind"))},
            ("POST", "latency"): lambda: _ok(lambda: sim.set_latency(_object(body, "seconds")["seconds"])),
        }
        handler = routes.get((self.command, action))
        if handler is None:
            known = any(name == action for _, name in routes)
            status, payload = (405, {"error": "method not allowed"}) if known else (404, {"error": "unknown control"})
        else:
            try:
                status, payload = 200, handler()
            except (ValueError, TypeError) as error:
                status, payload = 400, {"error": str(error)}
        self._send(status, dumps(payload), {})

    # --- output ------------------------------------------------------------------------------------------

    def _send(self, status: int, data: bytes, headers: dict[str, str], truncate: bool = False) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=UTF-8")
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers.items():
            self.send_header(name, value)
        if truncate:
            self.send_header("Connection", "close")
        self.end_headers()
        if truncate:
            self.wfile.write(data[: len(data) // 2])
            self.wfile.flush()
            self._drop()
            return
        self.wfile.write(data)


def _ok(action: Callable[[], None]) -> dict[str, bool]:
    action()
    return {"ok": True}


def _object(body: bytes, required: str) -> dict[str, Any]:
    try:
        value = json.loads(body or b"{}")
    except ValueError as error:
        raise ValueError(f"expected a JSON object with {required!r}") from error
    if not isinstance(value, dict) or required not in value:
        raise ValueError(f"expected a JSON object with {required!r}")
    return value
