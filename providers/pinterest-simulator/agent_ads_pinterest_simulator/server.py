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
import itertools
import json
import os
import secrets
import time
from typing import Any
from urllib.parse import parse_qsl
from xml.sax.saxutils import escape

from agent_ads_simulator_kit.controls import Controls, json_object
from agent_ads_simulator_kit.http_server import BackgroundServer, RequestHandler, StreamedBody, is_loopback
from agent_ads_simulator_kit.request_log import MAX_REQUESTS, RequestLog

from .data import Dataset
from .endpoints import Api, Call
from .faults import API_KINDS, FaultBoard, response
from .openapi_validator import SpecValidator, ValidationResult
from .ratelimit import RateMeter
from .reports import ReportStore
from .tokens import AUTH_FAILED, Credentials, TokenStore

__all__ = ["Simulator", "is_loopback"]


class Simulator(BackgroundServer):
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
        super().__init__(host, port, _Handler, "pinterest-simulator")
        self.latency_seconds = self._initial_latency = _latency(latency_seconds)
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
        self.recorder = RequestLog(max_requests)
        self.rate = RateMeter()
        self.api = Api(self.dataset, self.tokens, self.reports, self.faults)
        self._rid_prefix = secrets.token_hex(4)
        self._rids = itertools.count(1)
        self.controls = Controls(
            self,
            expire_token=self.expire_access_token,
            more={
                ("GET", "latency"): lambda body: {"seconds": self.latency_seconds},
                ("POST", "latency"): lambda body: self.set_latency(json_object(body, "seconds")["seconds"]),
            },
        )

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
        return self.faults.add(kind, count, path_contains, **params)

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


class _Handler(RequestHandler[Simulator]):
    server_version = "PinterestAdsSimulator/0.1"

    def serve(self, path: str, query: str, body: bytes) -> None:
        self.sim.recorder.begin()
        pairs = parse_qsl(query, keep_blank_values=True)
        if self.sim.latency_seconds:
            time.sleep(self.sim.latency_seconds)
        if path.startswith("/_files/"):
            self._file(path, pairs)
        else:
            self._api(path, pairs, body)

    def control(self, action: str, body: bytes) -> None:
        status, payload = self.sim.controls.answer(self.command, action, body)
        self._send(status, json.dumps(payload).encode(), "application/json", self.sim.next_request_id(), {})

    # --- /v5 ---------------------------------------------------------------------------------

    def _api(self, path: str, pairs: list[tuple[str, str]], body: bytes) -> None:
        sim = self.sim
        rid = sim.next_request_id()
        authorization = self.headers.get("Authorization")
        result = sim.validator.validate(self.command, path, pairs, dict(self.headers.items()), body)
        if result.violations:
            sim.recorder.violation(
                {"method": self.command, "path": path, "query": list(pairs), "messages": list(result.violations)}
            )
        entry = {
            "method": self.command,
            "path": path,
            "query": pairs,
            "has_authorization": authorization is not None,
            "status": None,
            "operation_id": result.operation.operation_id if result.operation else None,
            "request_id": rid,
        }
        fault = self.connection_fault(sim.faults.take(path, API_KINDS), sim.recorder, entry, delay_param="delay")
        if fault is not None:
            status, headers, payload = response(fault)
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
    ) -> tuple[int, bytes | StreamedBody, str]:
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
        body = StreamedBody(sim.reports.file_chunks(report), size)
        return 200, body, "text/csv" if name.endswith(".csv") else "application/json"

    # --- output ----------------------------------------------------------------------------------------

    def _send(
        self, status: int, data: bytes | StreamedBody, content_type: str, rid: str, headers: dict[str, str]
    ) -> None:
        self.send(status, data, {"Content-Type": content_type, "x-pinterest-rid": rid, **headers})


def _latency(seconds: object) -> float:
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or not 0 <= seconds <= 60:
        raise ValueError("latency must be a number of seconds from 0 to 60")
    return float(seconds)


def _s3_error(status: int, code: str, message: str, rid: str) -> tuple[int, bytes, str]:
    """An S3-style XML error, as a presigned-URL download would get from the storage service."""
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<Error><Code>{code}</Code><Message>{escape(message)}</Message><RequestId>{rid}</RequestId></Error>"
    )
    return status, xml.encode(), "application/xml"
