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

import itertools
import os
import secrets
import time
from typing import Any
from urllib.parse import parse_qsl

from agent_ads_simulator_kit.controls import Controls, json_object, ok
from agent_ads_simulator_kit.http_server import BackgroundServer, RequestHandler, is_loopback
from agent_ads_simulator_kit.request_log import RequestLog

from .dataset import Dataset
from .description import Description
from .fault_board import REQUEST_KINDS, FaultBoard, canned_error
from .graph_api import Answer, Call, GraphApi, Prepared, dumps
from .report_jobs import ReportJobs
from .tokens import TokenStore
from .usage_headers import UsageMeter

__all__ = ["Simulator", "is_loopback"]

DEFAULT_VERSION = "v25.0"
FB_REV = "1019338472"
JSON = "application/json; charset=UTF-8"


class Simulator(BackgroundServer):
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
        super().__init__(host, port, _Handler, "meta-simulator")
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
        self.controls = Controls(
            self, expire_token=self.expire_token, more={("POST", "latency"): self._latency_control}
        )

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
        return self.faults.add(kind, **params)

    def expire_token(self) -> None:
        """From now on the access token answers 190/463 "Session has expired" (until ``reset()``)."""
        self.tokens.expire()

    def set_latency(self, seconds: float) -> None:
        """Sleep ``seconds`` before answering each API request (0 turns it off)."""
        if isinstance(seconds, bool) or not isinstance(seconds, int | float) or seconds < 0:
            raise ValueError("latency seconds must be a non-negative number")
        self._latency = float(seconds)

    def _latency_control(self, body: bytes) -> dict[str, bool]:
        return ok(lambda: self.set_latency(json_object(body, "seconds")["seconds"]))

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


class _Handler(RequestHandler[Simulator]):
    server_version = "MetaGraphSimulator/0.1"

    def control(self, action: str, body: bytes) -> None:
        status, payload = self.sim.controls.answer(self.command, action, body)
        self.send(status, dumps(payload), {"Content-Type": JSON})

    # --- the Graph API -----------------------------------------------------------------------------------

    def serve(self, path: str, raw_query: str, body: bytes) -> None:
        sim = self.sim
        sim.log.begin()
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
            self._violation(path, message, query, form)
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
        fault = self.connection_fault(sim.faults.take(path, REQUEST_KINDS), sim.log, entry, delay_param="seconds")
        throttled = None
        if fault is not None and fault.kind != "truncated_body":
            status, error = canned_error(fault)
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
                self._violation(path, message, query, form)
        headers = self._graph_headers(found, trace, answer, throttled)
        body_out = answer.body
        if isinstance(body_out, dict) and isinstance(body_out.get("error"), dict):
            body_out = {"error": {**body_out["error"], "fbtrace_id": trace}}
        # Recorded before answering, so a client that has its answer always finds its request logged.
        sim.log.request({**entry, "status": answer.status})
        data = dumps(body_out)
        truncate = fault is not None and fault.kind == "truncated_body"
        self.send(answer.status, data, {"Content-Type": JSON, **headers}, truncate=truncate)

    def _violation(self, path: str, message: str, query: dict[str, str], form: dict[str, str]) -> None:
        entry = {"method": self.command, "path": path, "message": message, "query": dict(query), "form": dict(form)}
        self.sim.log.violation(entry)

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
