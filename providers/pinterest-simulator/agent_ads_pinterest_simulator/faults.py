"""Failures that tests switch on at run time to exercise a client's error handling.

``add(kind, count=1, path_contains=None, **params)`` arms a fault; each matching request
consumes one hit until ``count`` is used up. Kinds and their parameters (defaults):

=====================  ==========================================================  ================================
kind                   effect                                                      params
=====================  ==========================================================  ================================
``expired_token``      401 ``{"code": 2, "message": "Authentication failed."}``    -
``rate_limit``         429 code 8, ``x-ratelimit-remaining: 0``                    ``reset=1`` (s), ``retry_after=None``
                       (``Retry-After`` only when ``retry_after`` is given)
``daily_quota``        429 code 8, ``x-ratelimit-reset`` hours away               ``reset=18000`` (s)
``retry_after_400``    400 code 1 "Too many requests. Retry after N seconds."      ``seconds=1``
``server_error``       500/502/503/504 ``{"code": 12, ...}``                       ``status=500``
``drop_connection``    socket closed without any response                         -
``slow``               sleeps, then answers normally                               ``delay=1.0`` (s)
``report_failed``      the next report created ends in that status                 ``status="FAILED"``
                                                                                   (or CANCELLED, EXPIRED)
``expire_report_urls`` the next report download answers 403 AccessDenied          -
``gzip_reports``       report downloads are gzip bytes, no Content-Encoding        -
=====================  ==========================================================  ================================

The first seven hit ``/v5`` requests; ``report_failed`` hits report creation;
the last two hit ``/_files`` downloads. ``path_contains`` narrows any of them.
"""

from __future__ import annotations

import threading
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from .ratelimit import RATE_LIMIT

DEFAULTS: dict[str, dict[str, Any]] = {
    "expired_token": {},
    "rate_limit": {"reset": 1, "retry_after": None},
    "daily_quota": {"reset": 5 * 3600},
    "retry_after_400": {"seconds": 1},
    "server_error": {"status": 500},
    "drop_connection": {},
    "slow": {"delay": 1.0},
    "report_failed": {"status": "FAILED"},
    "expire_report_urls": {},
    "gzip_reports": {},
}
API_KINDS = ("expired_token", "rate_limit", "daily_quota", "retry_after_400", "server_error", "drop_connection", "slow")
REPORT_KINDS = ("report_failed",)

RATE_LIMIT_MESSAGE = (
    "This request exceeded a rate limit. This can happen if the client exceeds one\n"
    "of the published rate limits within a short time window."
)


@dataclass
class Fault:
    kind: str
    count: int
    path_contains: str | None
    params: dict[str, Any] = field(default_factory=dict)

    def response(self) -> tuple[int, dict[str, str], dict[str, Any]]:
        """The canned answer of an API fault that answers at all: (status, headers, body)."""
        p = self.params
        if self.kind == "expired_token":
            return 401, {}, {"code": 2, "message": "Authentication failed."}
        if self.kind in ("rate_limit", "daily_quota"):
            headers = {
                "x-ratelimit-limit": str(RATE_LIMIT),
                "x-ratelimit-remaining": "0",
                "x-ratelimit-reset": _seconds(p["reset"]),
            }
            if p.get("retry_after") is not None:
                headers["Retry-After"] = _seconds(p["retry_after"])
            message = RATE_LIMIT_MESSAGE if self.kind == "rate_limit" else "Daily request quota exceeded."
            return 429, headers, {"code": 8, "message": message}
        if self.kind == "retry_after_400":
            return 400, {}, {"code": 1, "message": f"Too many requests. Retry after {_seconds(p['seconds'])} seconds."}
        if self.kind == "server_error":
            return p["status"], {}, {"code": 12, "message": "Something went wrong on our end. Sorry about that."}
        raise ValueError(f"fault {self.kind} has no canned response")

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "count": self.count, "path_contains": self.path_contains, **self.params}


def _seconds(value: float) -> str:
    """Header/message form of a duration: whole seconds without a trailing .0."""
    return str(int(value)) if float(value).is_integer() else str(value)


def _check(kind: str, params: dict[str, Any]) -> None:
    def number(name: str, *, optional: bool = False) -> None:
        value = params[name]
        if optional and value is None:
            return
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise ValueError(f"{kind}: {name} must be a non-negative number")

    if kind == "rate_limit":
        number("reset")
        number("retry_after", optional=True)
    elif kind == "daily_quota":
        number("reset")
    elif kind == "retry_after_400":
        number("seconds")
    elif kind == "slow":
        number("delay")
    elif kind == "server_error" and params["status"] not in (500, 502, 503, 504):
        raise ValueError("server_error: status must be 500, 502, 503 or 504")
    elif kind == "report_failed" and params["status"] not in ("FAILED", "CANCELLED", "EXPIRED"):
        raise ValueError("report_failed: status must be FAILED, CANCELLED or EXPIRED")


class FaultBoard:
    """The armed faults, consumed first-armed first (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []

    def add(self, kind: str, count: int = 1, path_contains: str | None = None, **params: Any) -> Fault:
        if kind not in DEFAULTS:
            raise ValueError(f"unknown fault kind {kind!r}; known: {', '.join(DEFAULTS)}")
        unknown = set(params) - set(DEFAULTS[kind])
        if unknown:
            raise ValueError(f"{kind}: unknown parameter(s) {', '.join(sorted(unknown))}")
        if isinstance(count, bool) or not isinstance(count, int) or count < 1:
            raise ValueError("count must be a positive integer")
        if path_contains is not None and not isinstance(path_contains, str):
            raise ValueError("path_contains must be a string")
        merged = {**DEFAULTS[kind], **params}
        _check(kind, merged)
        fault = Fault(kind, count, path_contains, merged)
        with self._lock:
            self._faults.append(fault)
        return fault

    def take(self, path: str, kinds: Collection[str]) -> Fault | None:
        """Consume one hit of the first armed fault of ``kinds`` matching ``path``."""
        with self._lock:
            for fault in self._faults:
                if fault.kind in kinds and (fault.path_contains is None or fault.path_contains in path):
                    fault.count -= 1
                    if fault.count == 0:
                        self._faults.remove(fault)
                    return fault
        return None

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def pending(self) -> list[dict[str, Any]]:
        with self._lock:
            return [fault.to_dict() for fault in self._faults]
