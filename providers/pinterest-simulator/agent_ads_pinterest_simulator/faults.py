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

from typing import Any

from agent_ads_simulator_kit import fault_board as board
from agent_ads_simulator_kit.fault_board import check_non_negative

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


class FaultBoard(board.FaultBoard):
    """The kit's board with Pinterest's kinds; the path substring is called ``path_contains``."""

    def __init__(self) -> None:
        super().__init__(DEFAULTS, _check, path_param="path_contains")


def response(fault: board.Fault) -> tuple[int, dict[str, str], dict[str, Any]]:
    """The canned answer of an API fault that answers at all: (status, headers, body)."""
    p = fault.params
    if fault.kind == "expired_token":
        return 401, {}, {"code": 2, "message": "Authentication failed."}
    if fault.kind in ("rate_limit", "daily_quota"):
        headers = {
            "x-ratelimit-limit": str(RATE_LIMIT),
            "x-ratelimit-remaining": "0",
            "x-ratelimit-reset": _seconds(p["reset"]),
        }
        if p.get("retry_after") is not None:
            headers["Retry-After"] = _seconds(p["retry_after"])
        message = RATE_LIMIT_MESSAGE if fault.kind == "rate_limit" else "Daily request quota exceeded."
        return 429, headers, {"code": 8, "message": message}
    if fault.kind == "retry_after_400":
        return 400, {}, {"code": 1, "message": f"Too many requests. Retry after {_seconds(p['seconds'])} seconds."}
    if fault.kind == "server_error":
        return p["status"], {}, {"code": 12, "message": "Something went wrong on our end. Sorry about that."}
    raise ValueError(f"fault {fault.kind} has no canned response")


def _seconds(value: float) -> str:
    """Header/message form of a duration: whole seconds without a trailing .0."""
    return str(int(value)) if float(value).is_integer() else str(value)


def _check(kind: str, params: dict[str, Any]) -> None:
    if kind == "rate_limit":
        check_non_negative(kind, params, "reset")
        check_non_negative(kind, params, "retry_after", optional=True)
    elif kind == "daily_quota":
        check_non_negative(kind, params, "reset")
    elif kind == "retry_after_400":
        check_non_negative(kind, params, "seconds")
    elif kind == "slow":
        check_non_negative(kind, params, "delay")
    elif kind == "server_error" and params["status"] not in (500, 502, 503, 504):
        raise ValueError("server_error: status must be 500, 502, 503 or 504")
    elif kind == "report_failed" and params["status"] not in ("FAILED", "CANCELLED", "EXPIRED"):
        raise ValueError("report_failed: status must be FAILED, CANCELLED or EXPIRED")
