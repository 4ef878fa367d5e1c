"""The HTTP front of the simulator: routing, the request pipeline, and the Python API.

Three route families:

* ``/v5/...`` - the Pinterest API. Each request is validated against the OpenAPI
  description (violations are recorded whatever the answer), then an armed fault may
  answer instead, then the bearer token is checked, then violations answer 400, and
  only then does :mod:`.endpoints` run.
* ``/_files/<name>?expires=..&sig=..`` - presigned report downloads (no token, and a
  request carrying ``Authorization`` is refused as S3 would).
* ``/_sim/...`` - test controls, neither validated nor recorded:
  ``GET requests``, ``GET violations``, ``POST faults`` (JSON ``{"kind": ..., ...params}``),
  ``POST reset``, ``POST expire-token``, ``GET health``, ``GET|POST latency`` (JSON ``{"seconds": 0.3}``).

``latency_seconds`` delays every ``/v5`` and ``/_files`` answer, like a real network round
trip, so benchmarks can show what concurrency buys (controls answer at once).

Every answer carries a unique ``x-pinterest-rid`` header.
"""

from __future__ import annotations

import gzip
import ipaddress
import itertools
import json
import os
import secrets
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, NamedTuple
from urllib.parse import parse_qsl, urlsplit
from xml.sax.saxutils import escape

from .data import Dataset
from .endpoints import Api, Call
from .faults import API_KINDS, FaultBoard
from .openapi_validator import SpecValidator, ValidationResult
from .ratelimit import RateMeter
from .recorder import MAX_REQUESTS, Recorder
from .reports import ReportStore
from .tokens import AUTH_FAILED, Credentials, TokenStore


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class Simulator:
    """A local Pinterest Ads API v5 that tests and demos can drive and inspect.

    ``start()`` serves on ``host:port`` (port 0 picks a free one) in a background thread
    and sets ``url``/``port``; ``stop()`` shuts it down. Also a context manager.
    """

    def __init__(
        self,
        spec_path: str | os.PathLike[str] | None = None,
        seed: int = 0,
        accounts: int = 3,
        campaigns: int = 300,
        ad_groups_per_campaign: int = 2,
        ads_per_ad_group: int = 2,
        audiences: int = 40,
        report_polls: int = 2,
        credentials: Credentials | None = None,
        report_url_ttl: float = 300,
        host: str = "127.0.0.1",
        port: int = 0,
        max_requests: int = MAX_REQUESTS,
        latency_seconds: float = 0.0,
    ) -> None:
        if not is_loopback(host):
            raise ValueError(f"refusing to bind {host!r}: the simulator only listens on loopback")
        self.host = host
        self.port = port
        self.latency_seconds = self._initial_latency = _latency(latency_seconds)
        self.url: str | None = None
        self.validator = SpecValidator.from_file(spec_path)
        self.dataset = Dataset(
            seed=seed,
            accounts=accounts,
            campaigns=campaigns,
            ad_groups_per_campaign=ad_groups_per_campaign,
            ads_per_ad_group=ads_per_ad_group,
            audiences=audiences,
        )
        self.tokens = TokenStore(credentials or Credentials())
        self.faults = FaultBoard()
        self.reports = ReportStore(polls_needed=report_polls, url_ttl=report_url_ttl)
        self.recorder = Recorder(max_requests)
        self.rate = RateMeter()
        self.api = Api(self.dataset, self.tokens, self.reports, self.faults)
        self._rid_prefix = secrets.token_hex(4)
        self._rids = itertools.count(1)
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    # --- lifecycle ------------------------------------------------------------------

    def start(self) -> Simulator:
        if self._server is not None:
            raise RuntimeError("simulator already started")
        server = _Server((self.host, self.port), _Handler)
        server.simulator = self
        self._server = server
        self.port = server.server_address[1]
        self.url = f"http://{self.host}:{self.port}"
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="pinterest-simulator", daemon=True
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

    # --- controls ----------------------------------------------------------------------

    def requests(self) -> list[dict[str, Any]]:
        """Recorded /v5 and /_files requests, oldest first (only the most recent ``max_requests``)."""
        return self.recorder.requests()

    def violations(self) -> list[dict[str, Any]]:
        """Every request the OpenAPI description rejected: method, path, query, messages."""
        return self.recorder.violations()

    def reset(self) -> None:
        """Forget requests, violations, faults and reports; restore the initial tokens and latency."""
        self.latency_seconds = self._initial_latency
        self.recorder.clear()
        self.faults.clear()
        self.reports.clear()
        self.tokens.reset()
        self.rate.reset()

    def add_fault(self, kind: str, count: int = 1, path_contains: str | None = None, **params: Any) -> dict[str, Any]:
        """Arm a fault (see :mod:`.faults`); returns it with its defaults filled in."""
        return self.faults.add(kind, count, path_contains, **params).to_dict()

    def set_latency(self, seconds: float) -> dict[str, float]:
        """Delay every later API and file answer by ``seconds`` (0 turns it off)."""
        self.latency_seconds = _latency(seconds)
        return {"seconds": self.latency_seconds}

    def expire_access_token(self) -> None:
        self.tokens.expire_access_token()

    def next_request_id(self) -> str:
        return f"{self._rid_prefix}{next(self._rids):010x}"

    def health(self) -> dict[str, Any]:
        ds = self.dataset
        return {
            "ok": True,
            "url": self.url,
            "ad_account_ids": [ds.account_id(a) for a in range(ds.accounts)],
            "campaigns_per_account": ds.campaigns,
            "faults": self.faults.pending(),
        }


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    simulator: Simulator

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hangs up mid-answer is normal (timeouts, Ctrl-C); anything else is still shown."""
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    """One connection; keep-alive, so benchmark clients can reuse it."""

    protocol_version = "HTTP/1.1"
    server_version = "PinterestAdsSimulator/0.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        """Silence per-request logging: the CLI's stdout carries only its JSON line."""

    def do_GET(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def do_PATCH(self) -> None:
        self._dispatch()

    def do_PUT(self) -> None:
        self._dispatch()

    def do_DELETE(self) -> None:
        self._dispatch()

    @property
    def sim(self) -> Simulator:
        return self.server.simulator

    def _dispatch(self) -> None:
        split = urlsplit(self.path)
        pairs = parse_qsl(split.query, keep_blank_values=True)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length > 0 else b""
        if split.path.startswith("/_sim/"):
            self._control(split.path[len("/_sim/") :], body)
            return
        if self.sim.latency_seconds:
            time.sleep(self.sim.latency_seconds)
        if split.path.startswith("/_files/"):
            self._file(split.path, pairs)
        else:
            self._api(split.path, pairs, body)

    # --- /v5 ---------------------------------------------------------------------------------

    def _api(self, path: str, pairs: list[tuple[str, str]], body: bytes) -> None:
        sim = self.sim
        rid = sim.next_request_id()
        authorization = self.headers.get("Authorization")
        result = sim.validator.validate(self.command, path, pairs, dict(self.headers.items()), body)
        if result.violations:
            sim.recorder.violation(self.command, path, pairs, result.violations)
        entry = {
            "method": self.command,
            "path": path,
            "query": pairs,
            "has_authorization": authorization is not None,
            "status": None,
            "operation_id": result.operation.operation_id if result.operation else None,
            "request_id": rid,
        }
        fault = sim.faults.take(path, API_KINDS)
        if fault is not None and fault.kind == "drop_connection":
            sim.recorder.request(entry)
            self._drop()
            return
        if fault is not None and fault.kind == "slow":
            time.sleep(fault.params["delay"])
            fault = None
        if fault is not None:
            status, headers, payload = fault.response()
        else:
            status, payload = self._answer(path, result, authorization)
            headers = sim.rate.headers()
        # Recorded before answering, so a client that has its answer always finds its request logged.
        sim.recorder.request({**entry, "status": status})
        self._send(status, json.dumps(payload).encode(), "application/json", rid, headers)

    def _answer(self, path: str, result: ValidationResult, authorization: str | None) -> tuple[int, Any]:
        """Status and body when no fault intervenes: routing errors, then auth, then violations, then the API."""
        sim = self.sim
        if result.operation is None:
            return result.status, {"code": 404 if result.status == 404 else 5, "message": "; ".join(result.violations)}
        if result.operation.operation_id != "oauth/token" and not sim.tokens.bearer_ok(authorization):
            return 401, AUTH_FAILED
        if result.violations:
            return 400, {"code": 1, "message": "; ".join(result.violations)}
        call = Call(
            operation_id=result.operation.operation_id,
            path=path,
            path_params=result.path_params,
            query=result.query,
            body=result.body,
            authorization=authorization,
            base_url=f"http://{self.headers.get('Host') or f'{sim.host}:{sim.port}'}",
        )
        return sim.api.handle(call)

    def _drop(self) -> None:
        """Close the socket without a byte of response, like a reset connection."""
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    # --- /_files -------------------------------------------------------------------------------------

    def _file(self, path: str, pairs: list[tuple[str, str]]) -> None:
        sim = self.sim
        rid = sim.next_request_id()
        has_auth = self.headers.get("Authorization") is not None
        status, data, content_type = self._file_answer(path, dict(pairs), has_auth, rid)
        entry = {
            "method": self.command,
            "path": path,
            "query": pairs,
            "has_authorization": has_auth,
            "status": status,
            "operation_id": None,
            "request_id": rid,
        }
        sim.recorder.request(entry)
        self._send(status, data, content_type, rid, {})

    def _file_answer(
        self, path: str, query: dict[str, str], has_auth: bool, rid: str
    ) -> tuple[int, bytes | _Streamed, str]:
        sim = self.sim
        name = path[len("/_files/") :]
        if self.command != "GET":
            return _s3_error(405, "MethodNotAllowed", "The specified method is not allowed against this resource.", rid)
        if has_auth:
            message = (
                "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, "
                "Signature query string parameter or the Authorization header should be specified"
            )
            return _s3_error(400, "InvalidArgument", message, rid)
        check = sim.reports.check_signature(name, query.get("expires"), query.get("sig"))
        if check == "bad":
            return _s3_error(403, "SignatureDoesNotMatch", "The request signature we calculated does not match.", rid)
        if check == "expired" or sim.faults.take(path, ("expire_report_urls",)) is not None:
            return _s3_error(403, "AccessDenied", "Request has expired", rid)
        report = sim.reports.by_file_name(name)
        if report is None:
            return _s3_error(404, "NoSuchKey", "The specified key does not exist.", rid)
        size = sim.reports.rendered(sim.dataset, report)
        if sim.faults.take(path, ("gzip_reports",)) is not None:  # a fault for small test reports: built whole
            return 200, gzip.compress(b"".join(sim.reports.file_chunks(report))), "application/octet-stream"
        body = _Streamed(sim.reports.file_chunks(report), size)
        return 200, body, "text/csv" if name.endswith(".csv") else "application/json"

    # --- /_sim -----------------------------------------------------------------------------------------

    def _control(self, action: str, body: bytes) -> None:
        sim = self.sim
        rid = sim.next_request_id()
        routes = {
            ("GET", "requests"): sim.requests,
            ("GET", "violations"): sim.violations,
            ("GET", "health"): sim.health,
            ("POST", "reset"): lambda: _ok(sim.reset),
            ("POST", "expire-token"): lambda: _ok(sim.expire_access_token),
            ("POST", "faults"): lambda: {"fault": self._add_fault(body)},
            ("GET", "latency"): lambda: {"seconds": sim.latency_seconds},
            ("POST", "latency"): lambda: sim.set_latency(_json_object(body, '{"seconds": 0.3}').get("seconds")),
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
        self._send(status, json.dumps(payload).encode(), "application/json", rid, {})

    def _add_fault(self, body: bytes) -> dict[str, Any]:
        spec = _json_object(body, '{"kind": "rate_limit", ...params}')
        if "kind" not in spec:
            raise ValueError('expected a JSON object like {"kind": "rate_limit", ...params}')
        return self.sim.add_fault(**spec)

    # --- output ----------------------------------------------------------------------------------------

    def _send(self, status: int, data: bytes | _Streamed, content_type: str, rid: str,
              headers: dict[str, str]) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(data.length if isinstance(data, _Streamed) else len(data)))
        self.send_header("x-pinterest-rid", rid)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        for chunk in data.chunks if isinstance(data, _Streamed) else (data,):
            self.wfile.write(chunk)


class _Streamed(NamedTuple):
    """A body written chunk by chunk (a large report file), with its length known up front."""

    chunks: Iterable[bytes]
    length: int


def _json_object(body: bytes, example: str) -> dict[str, Any]:
    try:
        value = json.loads(body or b"{}")
    except ValueError:
        value = None
    if not isinstance(value, dict):
        raise ValueError(f"expected a JSON object like {example}")
    return value


def _latency(seconds: object) -> float:
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or not 0 <= seconds <= 60:
        raise ValueError("latency must be a number of seconds from 0 to 60")
    return float(seconds)


def _ok(action: Callable[[], None]) -> dict[str, bool]:
    action()
    return {"ok": True}


def _s3_error(status: int, code: str, message: str, rid: str) -> tuple[int, bytes, str]:
    """An S3-style XML error, as a presigned-URL download would get from the storage service."""
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<Error><Code>{code}</Code><Message>{escape(message)}</Message><RequestId>{rid}</RequestId></Error>"
    )
    return status, xml.encode(), "application/xml"
